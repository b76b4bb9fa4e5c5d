"""AC Josephson effect and Shapiro steps: Bessel laws, two independent methods, step voltages."""

import math

import numpy as np
import pytest
from scipy import special

from josephson.errors import ParameterError
from josephson.junction.cpr import FourierSeries
from josephson.junction.microwave import (
    bessel_step_widths,
    exact_step_edges,
    shapiro,
    shapiro_steps,
    voltage_biased,
)


def test_ac_josephson_oscillates_at_the_josephson_frequency():
    # constant voltage v: i_s = sin(phi0 + v tau), a single line at omega_J = v (f = 2eV/h)
    v = 0.7
    ds = voltage_biased(v, 0.0, omega=v, periods=8, samples_per_period=64)
    current = ds["i_s"].values[0, 0]
    spectrum = np.abs(np.fft.rfft(current))
    freq = 2 * np.pi * np.fft.rfftfreq(current.size, d=float(ds["tau"][1] - ds["tau"][0]))
    assert freq[np.argmax(spectrum)] == pytest.approx(v, rel=1e-12)
    assert abs(ds["i_dc"].values.item()) < 1e-12  # no dc supercurrent off the steps


@pytest.mark.parametrize("a", [0.5, 1.7, 3.0])
def test_voltage_biased_steps_follow_the_bessel_law(a):
    # I_dc = I_c J_{-n}(a) sin(phi0) on the step v_dc = n omega (a = 2eV_ac/hbar omega)
    omega = 0.8
    phi0 = np.linspace(-np.pi, np.pi, 9)
    for n in range(-3, 4):
        ds = voltage_biased(n * omega, a * omega, omega, phi0=phi0)
        expected = special.jv(-n, a) * np.sin(phi0)
        np.testing.assert_allclose(ds["i_dc"].values[0], expected, rtol=0, atol=1e-13)
        # full step width: the range of I_dc over phi0 is 2 |J_n(a)|
        dense = voltage_biased(n * omega, a * omega, omega, phi0=np.linspace(0, 2 * np.pi, 721))
        span = float(dense["i_dc"].max() - dense["i_dc"].min())
        assert span == pytest.approx(2 * abs(special.jv(n, a)), abs=1e-4)


def test_riccati_period_maps_agree_with_direct_integration():
    # two independent methods along whole sweeps: Moebius maps of the linearised phase
    # equation vs adaptive Dormand-Prince integration of phi' = i - sin(phi) period by period
    i_dc = np.linspace(-0.5, 3.0, 36)
    i_ac = np.array([0.3, 1.0, 2.5])
    a = shapiro(0.0, i_dc, i_ac, 0.7, method="riccati", step_phase=0.05)
    b = shapiro(0.0, i_dc, i_ac, 0.7, method="integrate", tol=1e-12, max_step=0.1)
    assert float(np.max(np.abs(a["v"] - b["v"]))) < 1e-8


def test_step_voltages_are_n_omega():
    # on a step the phase advances by exactly 2 pi n per drive period
    omega = 0.5
    ds = shapiro(0.0, np.linspace(0, 3, 61), [0.5, 1.5], omega, transient_periods=200)
    deep = (ds["locked"].values == 1) & (np.abs(ds["v"].values / omega - ds["order"].values) < 0.5)
    assert deep.sum() > 40
    err = np.abs(ds["v"].values / omega - ds["order"].values)[deep]
    assert np.quantile(err, 0.8) < 1e-12
    # a non-sinusoidal, underdamped junction (general integration path): interior points
    cpr = FourierSeries([1.0, 0.4], [0.0, 0.3])
    ds = shapiro(1.0, np.linspace(-1.5, 2.5, 81), [0.8], 0.6, cpr=cpr, transient_periods=100)
    ratio = ds["v"].values[0] / 0.6
    err = np.abs(ratio - np.round(ratio))
    near = err < 1e-3
    assert near.sum() > 20
    # plateau points sit at n omega to integration precision; the few that do not are edge
    # points whose approach to the locked orbit is critically slow (multiplier near 1)
    assert np.quantile(err[near], 0.8) < 1e-9


def test_overdamped_steps_approach_the_bessel_law_at_large_omega():
    # current bias at large omega acts as a voltage drive with a = i_ac / omega; the exact
    # widths approach 2|J_n(a)| with a deviation that falls as 1/omega^2
    a = np.linspace(0.0, 3.0, 7)
    devs = []
    for omega in (5.0, 10.0, 20.0):
        ex = exact_step_edges(a * omega, omega, [0, 1, 2, 3])
        law = bessel_step_widths(a * omega, omega, [0, 1, 2, 3])
        devs.append(float(np.max(np.abs(ex["width"].values - law.values))))
    assert devs[0] > devs[1] > devs[2]
    assert devs[1] / devs[2] == pytest.approx(4.0, rel=0.15)  # 1/omega^2
    assert devs[2] < 1e-3


def test_exact_edges_limits():
    # no drive: the n = 0 step is the dc critical current [-1, 1], other steps vanish
    ex = exact_step_edges([0.0], 0.5, [0, 1, 2])
    assert ex["width"].sel(n=0).item() == pytest.approx(2.0, abs=1e-10)
    assert np.all(ex["width"].sel(n=[1, 2]).values < 1e-7)  # |tr M| - 2 ~ (di)^2 at i = n omega


def test_windowed_widths_resolve_the_exact_edges_to_the_grid_step():
    i_dc = np.linspace(0.0, 3.0, 121)
    i_ac = np.linspace(0.0, 3.0, 11)
    omega = 0.5
    ds = shapiro(0.0, i_dc, i_ac, omega)
    steps = shapiro_steps(ds, orders=range(0, 5))
    ex = exact_step_edges(i_ac, omega, range(0, 5))
    inside = ~(ex["upper"].values > i_dc[-1])
    w = steps["width"].values
    ok = np.isfinite(w) & inside
    assert ok.sum() > 30
    # each edge is placed within half a grid step (n = 0: twice the upper edge)
    assert np.max(np.abs(w[ok] - ex["width"].values[ok])) <= (i_dc[1] - i_dc[0]) * (1 + 1e-9)
    # with a step map the n = 0 step at i_ac = 0 is the critical current (symmetric grid use)
    assert steps["width"].sel(n=0).isel(i_ac=0).item() == pytest.approx(2.0, abs=i_dc[1])


def test_diode_cpr_zero_step_spans_both_critical_currents():
    # without drive, the n = 0 step runs from -I_c^- to +I_c^+ (non-odd CPR: no symmetry used)
    cpr = FourierSeries([1.0, 0.5], [0.0, 0.5 * math.pi])
    plus, minus, _ = cpr.critical_currents()
    i_dc = np.linspace(-2.0, 2.0, 201)
    ds = shapiro(0.0, i_dc, [0.0, 0.6], 0.7, cpr=cpr)
    st = shapiro_steps(ds, orders=[0])
    grid = i_dc[1] - i_dc[0]
    assert st["upper"].sel(n=0).isel(i_ac=0).item() == pytest.approx(plus, abs=grid)
    assert st["lower"].sel(n=0).isel(i_ac=0).item() == pytest.approx(-minus, abs=grid)


def test_frequency_axis_and_bad_input():
    ds = shapiro(0.0, np.linspace(0, 2, 11), [0.0, 1.0], [0.5, 1.0])
    assert ds["v"].dims == ("omega", "i_ac", "i_dc")
    assert shapiro_steps(ds)["width"].dims == ("omega", "i_ac", "n")
    for kwargs, name in [
        (dict(omega=0.0), "omega"),
        (dict(i_ac=[-1.0]), "i_ac"),
        (dict(method="euler"), "method"),
        (dict(beta_c=1.0, method="riccati"), "method"),
        (dict(i_dc=[1.0, 0.5]), "i_dc"),
    ]:
        args = dict(beta_c=0.0, i_dc=np.linspace(0, 1, 3), i_ac=[0.5], omega=0.5) | kwargs
        with pytest.raises(ParameterError) as err:
            shapiro(**args)
        assert err.value.argument == name
