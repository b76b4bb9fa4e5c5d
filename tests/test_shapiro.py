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
    # constant voltage v: i_s = sin(phi0 + v tau), one line at omega_J = v (f = 2eV/h); the
    # window (8 periods of an unrelated omega = 0.5) holds whole Josephson periods for v = 0.875
    v, omega, periods = 0.875, 0.5, 8
    ds = voltage_biased(v, 0.0, omega=omega, periods=periods)
    current = ds["i_s"].values[0, 0]
    spectrum = np.abs(np.fft.rfft(current))
    freq = 2 * np.pi * np.fft.rfftfreq(current.size, d=float(ds["tau"][1] - ds["tau"][0]))
    assert freq[np.argmax(spectrum)] == pytest.approx(v, rel=1e-12)
    assert spectrum.max() > 1e6 * np.delete(spectrum, np.argmax(spectrum)).max()


def test_no_dc_supercurrent_off_the_steps():
    # v_dc between steps: the dc part is J_k(a) times an oscillation that averages out; over
    # whole common periods (v_dc = 2.5 omega: period 2 x 2 pi/omega) it vanishes exactly
    omega, a = 0.6, 1.3
    ds = voltage_biased(2.5 * omega, a * omega, omega, phi0=[0.3, 1.1], periods=2)
    assert np.max(np.abs(ds["i_dc"].values)) < 1e-13
    # and on the step next to it the Bessel value appears
    ds = voltage_biased(2 * omega, a * omega, omega, phi0=[0.3, 1.1])
    assert np.allclose(ds["i_dc"].values[0], special.jv(-2, a) * np.sin([0.3, 1.1]), atol=1e-13)


def test_voltage_bias_refuses_aliasing():
    # 256 samples cannot resolve the 256th harmonic: refused instead of a wrong answer
    with pytest.raises(ParameterError) as err:
        voltage_biased(256.0, 0.0, 1.0, phi0=np.pi / 2, samples_per_period=256)
    assert err.value.argument == "samples_per_period"
    ds = voltage_biased(256.0, 0.0, 1.0, phi0=np.pi / 2)  # the default picks enough samples
    assert abs(ds["i_dc"].values.item()) < 1e-12  # J_-256(0) = 0


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
    omega, amps = 0.5, [0.5, 1.5]
    i_dc = np.linspace(0, 3, 61)
    ds = shapiro(0.0, i_dc, amps, omega, transient_periods=200)
    edges = exact_step_edges(amps, omega, range(0, 7))
    for r in range(len(amps)):
        lo, hi = edges["lower"].values[r], edges["upper"].values[r]
        margin = 0.05  # away from the edges, where the approach to the orbit is slow
        inside = np.array([np.any((i > lo + margin) & (i < hi - margin)) for i in i_dc])
        assert inside.sum() > 15
        ratio = ds["v"].values[r][inside] / omega
        assert np.max(np.abs(ratio - np.round(ratio))) < 1e-12
    # a non-sinusoidal, underdamped junction (general integration path): points whose
    # neighbours two grid steps either side are on the same plateau
    cpr = FourierSeries([1.0, 0.4], [0.0, 0.3])
    ds = shapiro(1.0, np.linspace(-1.5, 2.5, 81), [0.8], 0.6, cpr=cpr, transient_periods=100)
    ratio = ds["v"].values[0] / 0.6
    n = np.round(ratio)
    near = np.abs(ratio - n) < 1e-3
    deep = near[2:-2] & near[:-4] & near[4:] & (n[:-4] == n[2:-2]) & (n[4:] == n[2:-2])
    assert deep.sum() > 10
    assert np.max(np.abs(ratio - n)[2:-2][deep]) < 1e-8


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
        (dict(i_dc="x"), "i_dc"),
        (dict(omega="x"), "omega"),
        (dict(beta_c=[0.0, 1.0]), "beta_c"),
        (dict(step_phase=0.0), "step_phase"),
        (dict(tol=None, method="integrate"), "tol"),
        (dict(average_periods=0), "average_periods"),
    ]:
        args = dict(beta_c=0.0, i_dc=np.linspace(0, 1, 3), i_ac=[0.5], omega=0.5) | kwargs
        with pytest.raises(ParameterError) as err:
            shapiro(**args)
        assert err.value.argument == name


@pytest.mark.parametrize(
    ("func", "kwargs", "name"),
    [
        (voltage_biased, dict(v_dc="x"), "v_dc"),
        (voltage_biased, dict(v_dc=1.0, v_ac=None), "v_ac"),
        (voltage_biased, dict(v_dc=1.0, omega=[1.0, 2.0]), "omega"),
        (exact_step_edges, dict(i_ac=[1.0], omega="x", orders=[0]), "omega"),
        (exact_step_edges, dict(i_ac=[1.0], omega=1.0, orders=["a"]), "orders"),
        (exact_step_edges, dict(i_ac=[1.0], omega=1.0, orders=[0], step_phase=0.0), "step_phase"),
        (bessel_step_widths, dict(i_ac=[1.0], omega=0.0, orders=[0]), "omega"),
        (bessel_step_widths, dict(i_ac="x", omega=1.0, orders=[0]), "i_ac"),
    ],
)
def test_bad_input_names_the_argument(func, kwargs, name):
    with pytest.raises(ParameterError) as err:
        func(**kwargs)
    assert err.value.argument == name


def test_shapiro_steps_rejects_bad_tolerance():
    ds = shapiro(0.0, np.linspace(0, 2, 11), [0.5], 0.5)
    for tol in ("x", 0.0, 0.7):
        with pytest.raises(ParameterError) as err:
            shapiro_steps(ds, tol=tol)
        assert err.value.argument == "tol"
