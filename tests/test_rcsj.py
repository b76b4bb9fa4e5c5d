"""RCSJ I-V curves: analytic limits, two independent methods, symmetries."""

import math

import numpy as np
import pytest
from scipy import integrate

from josephson.junction import (
    HYSTERESIS_ONSET_BETA_C,
    ZAPPE_CORRECTION,
    Langevin,
    exact_retrapping_current,
    iv_curve,
    ivanchenko_zilberman_voltage,
    overdamped_voltage,
    phase_diffusion_resistance,
    retrapping_current,
    simulate,
    switching_current,
    zappe_retrapping_current,
)
from josephson.junction.cpr import (
    BallisticChannel,
    FourierSeries,
    KulikOmelyanchukI,
    KulikOmelyanchukII,
    TunnelJunction,
)

I_GRID = np.linspace(0.0, 3.0, 301)


def test_overdamped_curve_matches_closed_form():
    """beta_c = 0 through the same integrator as beta_c > 0: |<v> - sqrt(i^2-1)| <= 1e-6."""
    ds = iv_curve(0.0, I_GRID, sweep="up-down")
    for direction in ("up", "down"):
        v = ds.v.sel(direction=direction).values
        above = I_GRID >= 1.01
        assert np.max(np.abs(v[above] - np.sqrt(I_GRID[above] ** 2 - 1))) <= 1e-6
        assert np.all(v[I_GRID < 1] == 0.0)


def test_odd_iv_curve():
    """The sinusoidal CPR is odd, so v(-i) = -v(i)."""
    i = np.linspace(0.2, 2.5, 24)
    pos = iv_curve(0.5, i).v.sel(direction="up").values
    neg = iv_curve(0.5, -i[::-1]).v.sel(direction="up").values[::-1]
    assert np.allclose(neg, -pos, atol=1e-8)


def test_hysteresis_beta_c_10():
    ds = iv_curve(10.0, I_GRID, sweep="up-down")
    step = I_GRID[1] - I_GRID[0]
    assert abs(switching_current(ds) - 1.0) <= step + 1e-12
    i_r = exact_retrapping_current(10.0)
    assert abs(retrapping_current(ds) - i_r) <= step
    # the two branches coincide where only one state exists
    up, down = ds.v.sel(direction="up").values, ds.v.sel(direction="down").values
    assert np.allclose(up[I_GRID > 1.02], down[I_GRID > 1.02], atol=1e-8)
    assert np.all(down[I_GRID < i_r - step] == 0)
    # bistable window: up trapped, down running
    window = (I_GRID > i_r + step) & (I_GRID < 1 - step)
    assert np.all(up[window] == 0) and np.all(down[window] > 0.1)


def _runs_forever(i, beta_c, t_end=4000.0):
    """Independent check: high-accuracy multistep integration from the running state (LSODA,
    Adams/BDF: another family than the Runge-Kutta shooting of exact_retrapping_current, and
    150 times faster than Radau here with the same verdicts).

    Trapped iff the energy beta u^2/2 - cos(phi) - i phi drops below the next barrier top
    (it never increases); running iff it keeps slipping until t_end.
    """

    def rhs(t, y):
        return [y[1], (i - y[1] - math.sin(y[0])) / beta_c]

    def jac(t, y):
        return [[0.0, 1.0], [-math.cos(y[0]) / beta_c, -1.0 / beta_c]]

    sol = integrate.solve_ivp(
        rhs, (0, t_end), [0.0, 2.0], method="LSODA", jac=jac, rtol=1e-11, atol=1e-12
    )
    phi, u = sol.y[:, -1]
    # barrier top ahead: the maximum of U = -cos(phi) - i phi at pi - arcsin(i) + 2 pi k
    k = math.floor((phi - (math.pi - math.asin(i))) / (2 * math.pi)) + 1
    top = math.pi - math.asin(i) + 2 * math.pi * k
    energy = 0.5 * beta_c * u * u - math.cos(phi) - i * phi
    return energy > -math.cos(top) - i * top


def test_exact_retrapping_agrees_with_direct_integration():
    i_r = exact_retrapping_current(10.0)
    assert _runs_forever(i_r * (1 + 2e-6), 10.0)
    assert not _runs_forever(i_r * (1 - 2e-6), 10.0)


def test_zappe_mccumber_asymptotics():
    """beta_c (4/(pi sqrt(beta_c)) - i_r) / i_r tends to a constant C ~ 1/4 with a 1/beta_c correction.

    Zappe's estimate is first order in the damping; the next order gives a relative
    correction C/beta_c.  With a 1/beta_c tail the differences of the sequence at
    beta_c = 50, 100, 200 halve, and the Richardson extrapolation of the last two agrees with
    that of the first two.
    """
    betas = np.array([50.0, 100.0, 200.0])
    q = np.array(
        [
            b
            * (zappe_retrapping_current(b) - exact_retrapping_current(b))
            / exact_retrapping_current(b)
            for b in betas
        ]
    )
    assert np.all(q > 0)  # Zappe always overestimates
    d1, d2 = q[0] - q[1], q[1] - q[2]
    assert d2 / d1 == pytest.approx(0.5, abs=0.05)
    c_a, c_b = 2 * q[1] - q[0], 2 * q[2] - q[1]
    assert c_a == pytest.approx(c_b, abs=2e-5)
    assert abs(q[2] - c_b) < 1e-3
    # ... and both approach the analytic second-order constant from above, as ~0.058/beta_c
    assert ZAPPE_CORRECTION == pytest.approx(0.2475098182489452, rel=1e-13)
    assert c_b == pytest.approx(ZAPPE_CORRECTION, abs=2e-5)
    assert np.all((q - ZAPPE_CORRECTION > 0) & (q - ZAPPE_CORRECTION < 0.1 / betas))


def test_hysteresis_onset():
    """No bistability below beta_c*; above it 1 - i_r grows quadratically (3.5e-5 at +1 %),
    so i_r is reported as 1.0 while it lies within 1e-6 of 1 (up to ~ +0.15 %)."""
    assert exact_retrapping_current(HYSTERESIS_ONSET_BETA_C * (1 - 1e-3)) == 1.0
    assert 1 - 1e-4 < exact_retrapping_current(HYSTERESIS_ONSET_BETA_C * (1 + 1e-2)) < 1 - 1e-5
    assert exact_retrapping_current(0.3) == 1.0
    # the literature damping of the homoclinic/saddle-node meeting: alpha = 1.193
    assert 1 / math.sqrt(HYSTERESIS_ONSET_BETA_C) == pytest.approx(1.193, abs=5e-4)


def test_period_average_agrees_with_trajectory_average():
    """Two methods: the exact period average and a long plain time average of a trajectory."""
    i = np.array([0.6, 0.8, 1.5])
    ds = iv_curve(10.0, np.linspace(0.6, 1.5, 10), sweep="down")
    exact = ds.v.sel(direction="down").sel(i_dc=i, method="nearest").values
    # start on the running orbit (above it, like a down sweep), average over a long window
    tr = simulate(10.0, 3000.0, i_dc=i, v0=3.0, samples=3001)
    win = tr.sel(tau=slice(1000.0, None))
    avg = (win.phi.isel(tau=-1) - win.phi.isel(tau=0)) / (win.tau[-1] - win.tau[0])
    # a window of length T leaves at most one period's worth of phase: 2 pi / T
    assert np.allclose(avg.values, exact, atol=2 * math.pi / 2000.0)


@pytest.mark.parametrize(
    "cpr",
    [
        FourierSeries(amplitudes=(1.0, -0.4), phases=(0.0, 0.3)),
        FourierSeries(amplitudes=(1.0,), phases=(math.pi,)),
        TunnelJunction(reduced_temperature=0.5),
        KulikOmelyanchukI(reduced_temperature=0.0),
        KulikOmelyanchukI(reduced_temperature=0.4),
        KulikOmelyanchukII(reduced_temperature=0.0),
        KulikOmelyanchukII(reduced_temperature=0.3),
        BallisticChannel(transmission=0.7, reduced_temperature=0.0),
        BallisticChannel(transmission=0.95, reduced_temperature=0.2),
    ],
    ids=lambda c: c.describe()["class"],
)
def test_nonsinusoidal_cpr_beta_zero(cpr):
    """Every CPR in the RCSJ: at beta_c = 0, <v> = 2 pi / int_0^2pi dphi / (i - i_s(phi))."""
    plus, _, _ = cpr.critical_currents()
    i = np.linspace(plus + 0.05, 2.5, 7)
    v = iv_curve(0.0, i, cpr=cpr).v.sel(direction="up").values
    ref = [
        2
        * math.pi
        / integrate.quad(
            lambda p, ii=ii: 1 / (ii - float(cpr.current(p))),
            0,
            2 * math.pi,
            epsabs=1e-13,
            epsrel=1e-13,
            points=[math.pi],  # where KO-1/KO-2/tau = 1 at T = 0 have a kink or jump
            limit=200,
        )[0]
        for ii in i
    ]
    assert np.allclose(v, ref, rtol=1e-6, atol=0)
    # the current is the phase derivative of the free energy
    phi = np.linspace(0, 2 * np.pi, 50)
    h = 1e-5
    assert np.allclose(
        (cpr.free_energy(phi + h) - cpr.free_energy(phi - h)) / (2 * h), cpr.current(phi), atol=1e-9
    )


def test_fourier_series_of_one_harmonic_is_the_sinusoid():
    a = iv_curve(2.0, I_GRID[::10], sweep="up-down").v.values
    b = iv_curve(2.0, I_GRID[::10], sweep="up-down", cpr=FourierSeries(amplitudes=(1.0,))).v.values
    assert np.array_equal(a, b)


def test_ivanchenko_zilberman_two_forms_and_limits():
    i = np.array([1e-3, 0.1, 0.5, 0.9])
    for noise in (0.3, 1.0, 3.0):
        series = ivanchenko_zilberman_voltage(i, noise)
        integral = ivanchenko_zilberman_voltage(i, noise, method="integral")
        assert np.allclose(series, integral, rtol=1e-9, atol=0)
        # linear response: zero-bias resistance 1 / I_0(1/Gamma)^2
        assert series[0] / i[0] == pytest.approx(phase_diffusion_resistance(noise), rel=1e-4)
    # vanishing noise recovers the deterministic curve; huge noise the ohmic line
    assert ivanchenko_zilberman_voltage(np.array([2.0]), 0.01, method="integral")[
        0
    ] == pytest.approx(math.sqrt(3), rel=1e-4)
    assert ivanchenko_zilberman_voltage(np.array([0.3]), 200.0)[0] == pytest.approx(0.3, rel=1e-4)


@pytest.mark.parametrize("noise", [0.5, 1.0])
def test_phase_diffusion_matches_ivanchenko_zilberman(noise):
    """Johnson noise normalisation: Langevin <v> at small bias vs the exact IZ voltage."""
    i = np.array([0.1, 0.2])
    ds = iv_curve(
        0.0,
        i,
        noise=noise,
        seed=2024,
        method=Langevin(dt=0.01, transient=20.0, duration=400.0, realizations=64),
    )
    v = ds.v.sel(direction="up").values
    err = ds.v_stderr.sel(direction="up").values
    exact = ivanchenko_zilberman_voltage(i, noise)
    # within four standard errors, and the statistical error small enough to mean something
    assert np.all(np.abs(v - exact) <= 4 * err)
    assert np.all(err < 0.2 * exact)


def test_noise_is_reproducible_and_seeded():
    kw = dict(noise=0.3, method=Langevin(duration=50.0, transient=5.0, realizations=4))
    a = iv_curve(1.0, [0.5, 1.0], seed=7, **kw)
    b = iv_curve(1.0, [0.5, 1.0], seed=7, **kw)
    c = iv_curve(1.0, [0.5, 1.0], seed=8, **kw)
    assert np.array_equal(a.v.values, b.v.values)
    assert not np.array_equal(a.v.values, c.v.values)


def test_simulate_reports_first_phase_slip():
    tr = simulate(0.0, 50.0, i_dc=[0.5, 2.0], samples=101)
    assert math.isnan(tr.first_slip.values[0])
    # overdamped, from phi = 0: time to reach 2 pi is int_0^2pi dphi / (i - sin phi)
    t_slip = integrate.quad(lambda p: 1 / (2.0 - math.sin(p)), 0, 2 * math.pi)[0]
    assert tr.first_slip.values[1] == pytest.approx(t_slip, rel=1e-6)


def test_dataset_is_self_describing():
    ds = iv_curve([0.0, 5.0], I_GRID[::30], sweep="up-down")
    assert ds.v.dims == ("beta_c", "direction", "i_dc")
    assert ds.v.attrs["units"] and ds.v.attrs["long_name"]
    assert ds.i_dc.attrs["units"] == "I_c"
    assert "CODATA" in ds.attrs["constants"]
    assert '"beta_c"' in ds.attrs["model"]
    # batched beta_c equals separate runs
    single = iv_curve(5.0, I_GRID[::30], sweep="up-down")
    assert np.array_equal(ds.v.sel(beta_c=5.0).values, single.v.values)


def test_zappe_overestimates():
    for b in (2.0, 10.0, 30.0):
        assert zappe_retrapping_current(b) > exact_retrapping_current(b)
    assert np.allclose(overdamped_voltage([-2.0, 0.5, 2.0]), [-math.sqrt(3), 0.0, math.sqrt(3)])
