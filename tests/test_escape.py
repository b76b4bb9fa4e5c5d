"""Washboard, escape rates and switching statistics: analytic limits, the exact overdamped
mean first-passage time, and Langevin histograms against rate theory."""

import math

import numpy as np
import pytest
from scipy import constants, integrate, optimize, special

from josephson.errors import ParameterError
from josephson.junction import RCSJ
from josephson.junction import escape as E
from josephson.junction.analytic import ivanchenko_zilberman_voltage
from josephson.junction.cpr import FourierSeries
from josephson.units import JunctionScales

# number of standard errors allowed for a statistical comparison
N_SE = 3.0


# --------------------------------------------------------------------------- washboard
@pytest.mark.parametrize("gamma", [0.0, 0.2, 0.5, 0.8, 0.95, 0.999])
def test_barrier_is_max_minus_min_of_the_washboard(gamma):
    """Delta U from the closed form = max - min of U(phi) located numerically."""

    def u(p):
        return float(E.washboard_potential(p, gamma))

    lo = optimize.minimize_scalar(u, bounds=(-1.0, math.pi / 2), method="bounded",
                                  options={"xatol": 1e-12})  # fmt: skip
    hi = optimize.minimize_scalar(lambda p: -u(p), bounds=(math.pi / 2, 4.0), method="bounded",
                                  options={"xatol": 1e-12})  # fmt: skip
    assert float(E.barrier_height(gamma)) == pytest.approx(-hi.fun - lo.fun, abs=1e-11)
    # the escape barrier does not depend on the direction of the tilt
    assert float(E.barrier_height(-gamma)) == float(E.barrier_height(gamma))


def test_barrier_cubic_limit():
    """Delta U -> (4 sqrt2 / 3) eps^(3/2) (1 + eps/20 + O(eps^2)) with eps = 1 - gamma.

    The eps/20 term follows from Delta U = 2 (sin t - t cos t), cos t = 1 - eps, expanded to
    the next order in t (derived by hand, not fitted).
    """
    eps = np.array([1e-1, 1e-2, 1e-3, 1e-4])
    ratio = E.barrier_height(1 - eps) / (4 * math.sqrt(2) / 3 * eps**1.5)
    rel = ratio - 1
    assert np.all(np.diff(np.abs(rel)) < 0)
    # the remainder after the eps/20 term is O(eps^2): coefficient below 1
    assert np.all(np.abs(rel - eps / 20) <= eps**2)


@pytest.mark.parametrize("gamma", [0.0, 0.3, 0.7, 0.9, 0.99])
def test_plasma_frequency_is_the_well_curvature(gamma):
    """omega_p(gamma)^2 = U''(phi_min) (unit mass in omega_p0 time), = L_J0 / L_J(phi_min)."""

    def slope(p, d=1e-5):
        return float(E.washboard_potential(p + d, gamma) - E.washboard_potential(p - d, gamma))

    phi_min = optimize.brentq(slope, -1.0, math.pi / 2, xtol=1e-14)  # U' = 0 in the well
    h = 1e-4
    u = [float(E.washboard_potential(phi_min + k * h, gamma)) for k in (-1, 0, 1)]
    curvature = (u[0] - 2 * u[1] + u[2]) / h**2
    w = float(E.plasma_frequency(gamma))
    assert w**2 == pytest.approx(curvature, rel=1e-6)
    assert w**2 == pytest.approx(1.0 / float(E.josephson_inductance(phi_min)), rel=1e-8)


def test_josephson_inductance_is_inverse_slope():
    """L_J / L_J0 = (d sin(phi) / d phi)^-1, from a centred difference of the CPR."""
    phi = np.linspace(-1.4, 1.4, 15)
    h = 1e-6
    slope = (np.sin(phi + h) - np.sin(phi - h)) / (2 * h)
    assert np.allclose(E.josephson_inductance(phi), 1 / slope, rtol=1e-8)


def test_barrier_action_limits():
    """S(0) = 16: the pendulum separatrix, 2 x int_{-pi}^{pi} 2|cos(phi/2)| dphi.
    S -> (36/5) Delta U / omega_p as gamma -> 1 (the cubic potential; Kramers 1940,
    Buttiker, Harris and Landauer PRB 28, 1268 (1983))."""
    assert float(E.barrier_action(0.0)) == pytest.approx(16.0, rel=1e-10)
    eps = np.array([0.3, 0.1, 0.03, 0.01])
    g = 1 - eps
    cubic = 36 / 5 * E.barrier_height(g) / E.plasma_frequency(g)
    rel = np.abs(E.barrier_action(g) / cubic - 1)
    assert np.all(np.diff(rel) < 0)
    assert rel[-1] < 1e-4


# --------------------------------------------------------------------------- rates
def test_melnikov_depopulation_limits():
    """A(delta) -> 1 at strong damping (exponentially); A -> delta (1 + zeta(1/2) sqrt(delta)/sqrt(pi)) at weak
    damping.  The sqrt(delta) coefficient follows from the substitution y = s / sqrt(delta):
    (1/2pi) int ln[(1 - e^{-s^2})/s^2] / s^2 ds = zeta(1/2) / sqrt(pi) (derived here,
    independently of the implementation's quadrature)."""
    # strong damping, Laplace at y = 0: 1 - A = 2 e^{-delta/4} / sqrt(pi delta) (1 - 2/delta ...)
    big = np.array([20.0, 40.0, 80.0])
    ratio = (1 - E.melnikov_depopulation(big)) / (2 * np.exp(-big / 4) / np.sqrt(np.pi * big))
    assert np.all(np.diff(np.abs(ratio - 1)) < 0)
    assert np.all(np.abs(ratio - 1) < 3 / big)
    delta = np.array([1e-3, 1e-4, 1e-5, 1e-6])
    coef = (E.melnikov_depopulation(delta) / delta - 1) / np.sqrt(delta)
    target = special.zeta(0.5) / math.sqrt(math.pi)
    err = np.abs(coef - target)
    assert np.all(np.diff(err) < 0)
    assert err[-1] < 1e-3
    # an independent quadrature (adaptive, in theta with y = tan(theta)/2)
    for d in (1e-6, 1e-2, 1.0, 30.0):
        kink = [math.pi / 2 - math.sqrt(d) / 2] if d < 1 else None
        val = integrate.quad(
            lambda th, d=d: math.log(-math.expm1(-d / (4 * math.cos(th) ** 2))),
            0, math.pi / 2, points=kink, limit=500, epsabs=1e-14, epsrel=1e-13,
        )[0]  # fmt: skip
        assert float(E.melnikov_depopulation(d)) == pytest.approx(math.exp(2 / math.pi * val),
                                                                 rel=1e-10)  # fmt: skip
    # monotonic in the damping parameter
    grid = np.logspace(-3, 2, 40)
    assert np.all(np.diff(E.melnikov_depopulation(grid)) > 0)


def test_thermal_rate_limits():
    g = np.array([0.3, 0.7, 0.95])
    noise = 0.02
    du = E.barrier_height(g)
    smol = np.sqrt(1 - g**2) / (2 * math.pi) * np.exp(-du / noise)
    # beta_c = 0: Kramers (and the uniform turnover formula) are the Smoluchowski rate
    assert np.allclose(E.thermal_escape_rate(g, noise, 0.0, prefactor="kramers"), smol, rtol=1e-12)
    assert np.allclose(E.thermal_escape_rate(g, noise, 0.0), smol, rtol=1e-12)
    # small beta_c: the Kramers factor a_t -> Q, i.e. the same rate per omega_c
    assert np.allclose(E.thermal_escape_rate(g, noise, 1e-8, prefactor="kramers"), smol, rtol=1e-7)
    # per omega_p0 = rate x sqrt(beta_c): Kramers -> TST as Q -> infinity, deviation ~ 1/(2Q)
    for beta in (1e2, 1e4, 1e6):
        ratio = E.thermal_escape_rate(g, noise, beta, prefactor="kramers") / E.thermal_escape_rate(
            g, noise, beta, prefactor="transition_state"
        )
        q = E.quality_factor(g, beta)
        assert np.allclose(1 - ratio, 1 / (2 * q), rtol=1 / q)
    # the TST rate is (omega_p / 2 pi) e^{-dU/Gamma} with omega_p in omega_c units
    beta = 50.0
    tst = E.plasma_frequency(g) / math.sqrt(beta) / (2 * math.pi) * np.exp(-du / noise)
    assert np.allclose(E.thermal_escape_rate(g, noise, beta, prefactor="transition_state"), tst)
    # turnover -> energy diffusion at weak damping (delta -> 0), -> Kramers at strong damping
    # (relative difference ~ 0.82 sqrt(delta), delta ~ 1e-6 here)
    ed = E.thermal_escape_rate(g, noise, 1e16, prefactor="energy_diffusion")
    assert np.allclose(E.thermal_escape_rate(g, noise, 1e16) / ed, 1, rtol=1e-2)
    kr = E.thermal_escape_rate(g, noise, 1e-2, prefactor="kramers")  # delta > 200
    assert np.allclose(E.thermal_escape_rate(g, noise, 1e-2) / kr, 1, rtol=1e-9)


def test_kramers_overdamped_rate_vs_exact_mfpt():
    """1/T_MFPT -> Kramers/Smoluchowski as Delta U/Gamma -> infinity, with the first-order
    correction from the Laplace expansion of both integrals of the exact MFPT:

        k_K T - 1 = (Gamma/Delta U) C + O((Gamma/Delta U)^2),
        C = Delta U [1/(4 c) + 5 gamma^2 / (12 c^3)],  c = sqrt(1 - gamma^2)

    (each Gaussian integral gets 1 + Gamma [-U''''/(8 U''^2) + 5 U'''^2/(24 U''^3)], with
    U''' = -gamma, |U''''| = |U''| = c at the minimum and at the barrier top)."""
    for g in (0.3, 0.5, 0.8, 0.95):
        du = float(E.barrier_height(g))
        c = math.sqrt(1 - g * g)
        coef = du * (1 / (4 * c) + 5 * g * g / (12 * c**3))
        x = np.array([4.0, 8.0, 16.0, 32.0, 64.0])
        noise = du / x
        t = E.mean_first_passage_time(g, noise)
        rel = E.thermal_escape_rate(g, noise, 0.0, prefactor="kramers") * t - 1
        assert np.all(np.diff(np.abs(rel)) < 0)  # the Kramers rate becomes exact
        second = (rel * x - coef) * x  # coefficient of the second-order term
        assert np.all(np.abs(second[2:]) < 1.0)


@pytest.mark.parametrize(
    ("gamma", "noise"), [(0.5, 0.5), (0.8, 0.2), (0.9, 0.05), (1.2, 0.3), (2.0, 0.1)]
)
def test_mfpt_over_a_period_gives_the_ivanchenko_zilberman_voltage(gamma, noise):
    """Renewal theorem: passages through successive periods are i.i.d., so <v> = 2 pi / T for
    T = MFPT from any phase to the same phase + 2 pi, independently of where one starts.
    <v> from the Stratonovich double integral (josephson.junction.analytic)."""
    v = ivanchenko_zilberman_voltage(np.array(gamma), noise, method="integral", nodes=600)
    for start in (0.0, 1.0, -2.5):
        t = E.mean_first_passage_time(gamma, noise, start=start, target=start + 2 * math.pi)
        assert 2 * math.pi / float(t) == pytest.approx(float(v), rel=1e-8)


def test_mfpt_accepts_any_cpr():
    """A pi-junction FourierSeries CPR is the sinusoidal one shifted by pi: same MFPT."""
    pi_cpr = FourierSeries(amplitudes=(1.0,), phases=(math.pi,))
    g, noise = np.array([0.4, 0.8]), 0.05
    shifted = E.mean_first_passage_time(g, noise, cpr=pi_cpr)  # from its own well bottom
    assert np.allclose(shifted, E.mean_first_passage_time(g, noise), rtol=1e-9)


# --------------------------------------------------------------------------- Langevin escape
@pytest.mark.parametrize(("gamma", "noise"), [(0.8, 0.05), (0.9, 0.02)])
def test_langevin_escape_time_matches_exact_mfpt(gamma, noise):
    """Overdamped escape times at fixed bias (phase slip to the next well bottom) against the
    exact MFPT.  The Heun bias at dt = 0.05 is far below the 2 % statistical error (halving dt
    moves the mean by less than one standard error)."""
    ds = E.escape_times(0.0, noise, gamma, realizations=2000, seed=11)
    exact = float(E.mean_first_passage_time(gamma, noise))
    assert int(ds["unescaped"]) == 0
    assert abs(float(ds["mean"]) - exact) <= N_SE * float(ds["mean_stderr"])
    # without censoring the maximum-likelihood rate is the number of escapes / total time
    assert float(ds["rate"]) == pytest.approx(1 / float(ds["mean"]), rel=1e-12)


@pytest.mark.parametrize("x", [4.0, 5.0])
def test_langevin_escape_rate_in_the_turnover_regime(x):
    """Weak damping, beta_c ~ 2000-3000 (Q ~ 30-40) chosen so that the energy lost per
    oscillation at the barrier energy is delta = S / (sqrt(beta_c) Gamma) = 1 at Delta U/Gamma = x:
    the middle of the turnover, where the Mel'nikov-Meshkov depopulation factor A(1) = 0.44
    (ln A = -0.81) separates the turnover rate from both limiting theories: Kramers'
    moderate-damping rate (= transition-state theory within 1/2Q here) and the energy-diffusion
    rate (= delta x TST, the same as TST at delta = 1), both larger by a factor 1/A.

    Criterion, the same for the three rates: |ln(k_sim/k)| <= 3 standard errors (1/sqrt(n)
    for the maximum-likelihood rate of n escapes) + Gamma/Delta U (the relative size of the
    finite-barrier corrections of every Kramers-type rate, as in the overdamped case where the
    coefficient is computed exactly above).  The turnover rate must pass, Kramers and energy
    diffusion must fail.

    The rate counts escapes after t0 = 3 beta_c only (``transient``): a realisation started at
    rest at the well bottom needs a few energy relaxation times RC = beta_c / omega_c to reach
    the quasi-stationary state, while the mean escape time is ~ 30 beta_c.  omega_p0 dt = 0.1
    (halving dt moved ln k by less than one standard error)."""
    g, delta = 0.9, 1.0
    du = float(E.barrier_height(g))
    noise = du / x
    beta = (float(E.barrier_action(g)) / noise / delta) ** 2
    dt = 0.1 / RCSJ(beta_c=beta).stiffness()
    ds = E.escape_times(beta, noise, g, realizations=1500, seed=21, dt=dt, transient=3 * beta)
    assert int(ds["unescaped"]) == 0
    k = float(ds["rate"])
    assert float(ds["rate_stderr"]) / k == pytest.approx(1 / math.sqrt(int(ds["escapes"])))
    bound = N_SE / math.sqrt(int(ds["escapes"])) + noise / du
    turnover = float(E.thermal_escape_rate(g, noise, beta))
    assert float(E.melnikov_depopulation(delta)) == pytest.approx(
        turnover / float(E.thermal_escape_rate(g, noise, beta, prefactor="kramers"))
    )
    assert abs(math.log(k / turnover)) <= bound
    for other in ("kramers", "transition_state", "energy_diffusion"):
        k_other = float(E.thermal_escape_rate(g, noise, beta, prefactor=other))
        assert abs(math.log(k / k_other)) > bound, other


def test_escape_rate_is_unbiased_under_censoring():
    """Overdamped escape (Delta U/Gamma = 3) stopped at max_time = T, the exact mean first-passage
    time, so that ~1/e of the realisations are censored.  The censored-exponential
    maximum-likelihood rate still estimates 1/T, and the mean of the escaped times alone is
    biased low: for an exponential law truncated at T it is T (1 - 2/e) / (1 - 1/e) = 0.42 T.

    Systematic term: the waiting time is an exponential activation time plus the slide from
    the barrier top down to the next well bottom (where the kernel stops), t_slide = int
    dphi / (gamma - sin phi) between one thermal length sqrt(2 Gamma / |U''|) past the top and
    one before the bottom; it shifts the times by ~t_slide and the rate by ~t_slide / T."""
    g, noise = 0.9, 0.02
    exact = float(E.mean_first_passage_time(g, noise))
    length = math.sqrt(2 * noise / math.sqrt(1 - g * g))
    top, bottom = math.pi - math.asin(g), math.asin(g) + 2 * math.pi
    t_slide = integrate.quad(lambda p: 1 / (g - math.sin(p)), top + length, bottom - length)[0]
    with pytest.warns(RuntimeWarning, match="did not escape"):
        ds = E.escape_times(0.0, noise, g, realizations=2000, seed=4, max_time=exact)
    n = int(ds["escapes"])
    assert 0.25 < int(ds["unescaped"]) / 2000 < 0.5  # e^-1 = 0.37 expected
    bound = N_SE / math.sqrt(n) + t_slide / exact
    assert abs(math.log(float(ds["rate"]) * exact)) <= bound
    truncated = (1 - 2 / math.e) / (1 - 1 / math.e)
    deviation = abs(float(ds["mean"]) - truncated * exact)
    assert deviation <= N_SE * float(ds["mean_stderr"]) + t_slide
    assert abs(math.log(exact / float(ds["mean"]))) > bound  # the naive rate 1/mean fails


# --------------------------------------------------------------------------- distributions
def test_switching_distribution_of_an_exponential_rate_is_gumbel():
    """Rate k0 e^{b gamma}: the switching current is Gumbel distributed with mean
    (ln(ramp b / k0) - Euler gamma) / b and std pi / (b sqrt 6) (exact)."""
    k0, b, ramp = 1e-12, 30.0, 1e-4
    grid = np.linspace(0.0, 1.5, 3001)
    ds = E.switching_distribution(grid, lambda x: k0 * np.exp(b * x), ramp)
    assert float(ds["mean"]) == pytest.approx((math.log(ramp * b / k0) - np.euler_gamma) / b,
                                              abs=1e-6)  # fmt: skip
    assert float(ds["std"]) == pytest.approx(math.pi / (b * math.sqrt(6)), rel=1e-4)
    assert float(ds["kurtosis"]) == pytest.approx(5.4, rel=1e-3)  # Gumbel: 3 + 12/5
    assert float(ds["switched"]) == pytest.approx(1.0, abs=1e-12)
    # a constant rate gives an exponential: mean gamma0 + ramp / k
    ds = E.switching_distribution(np.linspace(0.2, 3.0, 4001), np.full(4001, 5e-4), 1e-4)
    assert float(ds["mean"]) == pytest.approx(0.2 + 1e-4 / 5e-4, rel=1e-5)


def _start_bias(rate, ramp, survival=1 - 1e-5):
    """A ramp start below which the switching probability is negligible (1e-5)."""
    grid = np.linspace(0.05, 0.999, 2000)
    s = E.switching_distribution(grid, rate, ramp)["survival"].values
    return float(grid[np.searchsorted(-s, -survival) - 1])


def _se(pred, n):
    """Standard errors of the sample mean and std for n draws from the predicted law."""
    sigma, kurt = float(pred["std"]), float(pred["kurtosis"])
    return sigma / math.sqrt(n), sigma * math.sqrt((kurt - 1) / (4 * n))


@pytest.mark.parametrize(("noise", "ramp"), [(0.05, 2e-4), (0.02, 1e-4)])
def test_overdamped_switching_histogram_vs_exact_mfpt(noise, ramp):
    """beta_c = 0: Langevin switching currents vs P(I) from the exact rate 1/T_MFPT(gamma), T
    from the bottom of the well of gamma to the kernel's stopping point phi_start + 2 pi.

    Systematic term: the rate picture treats escape as a Poisson process; the waiting-time
    law deviates from an exponential only within a relaxation time tau_r of its start, a
    fraction tau_r k ~ exp(-Delta U/k_B T) of it, which shifts the switching current by at
    most ramp x tau_r with tau_r = 2 pi / sqrt(1 - gamma^2) (one relaxation 'period')."""
    n = 2000
    i0 = _start_bias(lambda g: 1 / E.mean_first_passage_time(g, noise), ramp)
    target = math.asin(i0) + 2 * math.pi
    grid = np.linspace(i0, 1.1, 500)
    rate = 1 / E.mean_first_passage_time(
        grid, noise, start=np.arcsin(np.minimum(grid, 1.0)), target=target
    )
    pred = E.switching_distribution(grid, rate, ramp)
    sim = E.stochastic_switching(0.0, noise, ramp, i_dc=i0, realizations=n, seed=3)
    assert int(sim["unswitched"]) == 0
    se_mean, se_std = _se(pred, n)
    m = float(pred["mean"])
    sys = ramp * 2 * math.pi / math.sqrt(1 - m * m)
    assert abs(float(sim["mean"]) - m) <= N_SE * se_mean + sys
    assert abs(float(sim["std"]) - float(pred["std"])) <= N_SE * se_std + sys


@pytest.mark.parametrize("noise", [0.01, 0.004])
def test_underdamped_switching_histogram_vs_turnover_rate(noise):
    """beta_c = 50 (Q ~ 4, delta ~ 5-8: the turnover regime), voltage criterion phi' > 0.5,
    against P(I) from the Mel'nikov-Meshkov rate.

    Systematic term: a relative rate error eps = Gamma/Delta U (finite-barrier corrections,
    see the fixed-bias test) moves the switching current by eps / |d ln k / d gamma|, plus the
    adiabatic lag ramp x beta_c (beta_c = RC in units of 1/omega_c, the energy relaxation
    time).  dt = 0.1/|lambda_max| (omega_p0 dt = 0.1)."""
    beta, ramp, n = 50.0, 2e-6, 2000

    def rate(g):
        return E.thermal_escape_rate(g, noise, beta)

    i0 = _start_bias(rate, ramp)
    grid = np.linspace(i0, 0.9999, 3000)
    pred = E.switching_distribution(grid, rate, ramp)
    dt = 0.1 / RCSJ(beta_c=beta).stiffness()
    sim = E.stochastic_switching(
        beta, noise, ramp, i_dc=i0, realizations=n, seed=5, dt=dt, threshold=0.5
    )
    assert int(sim["unswitched"]) == 0
    m = float(pred["mean"])
    h = 1e-5
    slope = (math.log(float(rate(m + h))) - math.log(float(rate(m - h)))) / (2 * h)
    sys = noise / float(E.barrier_height(m)) / slope + ramp * beta
    se_mean, se_std = _se(pred, n)
    assert abs(float(sim["mean"]) - m) <= N_SE * se_mean + sys
    assert abs(float(sim["std"]) - float(pred["std"])) <= N_SE * se_std + sys
    # the histogram is normalised over the switched realisations
    assert float((sim["density"] * np.diff(sim["bin_edges"].values)).sum()) == pytest.approx(1.0)


def test_stochastic_switching_accepts_any_cpr():
    """The pi-junction CPR sin(phi + pi) is the sinusoidal one shifted by pi: with the same
    random numbers every realisation switches at the same current."""
    kw = dict(i_dc=0.3, realizations=64, seed=1)
    a = E.stochastic_switching(0.0, 0.1, 1e-3, **kw)
    b = E.stochastic_switching(
        0.0, 0.1, 1e-3, cpr=FourierSeries(amplitudes=(1.0,), phases=(math.pi,)), **kw
    )
    assert np.allclose(a["switching_current"], b["switching_current"], atol=1e-9)


# --------------------------------------------------------------------------- temperature
def test_switching_statistics_versus_temperature():
    beta, ramp, energy = 100.0, 1e-6, 0.01
    noise = np.array([1e-4, 3e-4, 1e-3, 3e-3, 1e-2])
    th = E.switching_statistics(noise, ramp, beta_c=beta)
    # thermal activation: the mean falls and the width grows with temperature
    assert np.all(np.diff(th["mean"].values) < 0)
    assert np.all(np.diff(th["std"].values) > 0)
    # width ~ T^(2/3): near gamma = 1, Delta U ~ eps^(3/2) and the switch happens where
    # Delta U / Gamma = L, the log of (attempt frequency / ramp-set rate), so eps ~ (L Gamma)^(2/3)
    # and width ~ Gamma / |Delta U'| ~ Gamma^(2/3) L^(-1/3): the exponent is 2/3 - O(1/L),
    # reached as L grows, i.e. as the ramp slows down
    dev = []
    for slow in (1e-8, 1e-12, 1e-16):
        st = E.switching_statistics(np.array([1e-4, 2e-4]), slow, beta_c=beta)
        s = st["std"].values
        big_l = float(E.barrier_height(st["mean"].values[0])) / 1e-4
        dev.append(abs(math.log(s[1] / s[0]) / math.log(2) - 2 / 3))
        assert dev[-1] < 1 / big_l
    assert dev[0] > dev[1] > dev[2]
    # with MQT the statistics saturate below the crossover: far below T_cross they are those
    # of tunnelling alone, far above those of thermal activation alone
    tot = E.switching_statistics(
        np.array([1e-6, 1e-2]), ramp, beta_c=beta, mechanism="total", plasma_energy=energy
    )
    qu = E.switching_statistics(
        np.array([1e-6]), ramp, beta_c=beta, mechanism="quantum", plasma_energy=energy
    )
    assert float(tot["std"][0]) == pytest.approx(float(qu["std"][0]), rel=1e-3)
    assert float(tot["mean"][0]) == pytest.approx(float(qu["mean"][0]), abs=1e-6)
    assert float(tot["std"][1]) == pytest.approx(float(th["std"][-1]), rel=1e-3)


# --------------------------------------------------------------------------- crossover
def test_crossover_temperature_relation():
    """With a temperature-independent thermal prefactor a_t, equal rates mean
    -Delta U/Gamma + ln a_t = -7.2 B (1 + 0.87/Q) + ln a_q, B = Delta U / hbar omega_p, so

        T_cross / T* = 2 pi B / [7.2 B (1 + 0.87/Q) - ln(a_q / a_t)],   T* = hbar omega_p/2 pi k_B,

    -> 2 pi / (7.2 (1 + 0.87/Q)) < 1 for a deep barrier: the standard rates cross below T*."""
    g = np.array([0.8, 0.9, 0.95])
    beta = 100.0
    q = E.quality_factor(g, beta)
    a_t = E.kramers_prefactor(g, beta)
    limit = 2 * math.pi / (7.2 * (1 + 0.87 / q))
    prev = None
    for energy in (1e-2, 1e-3, 1e-4):
        ds = E.crossover_temperature(g, beta, energy, prefactor="kramers")
        b = ds["barrier_ratio"].values
        a_q = np.sqrt(120 * math.pi * 7.2 * b)
        closed = 2 * math.pi * b / (7.2 * b * (1 + 0.87 / q) - np.log(a_q / a_t))
        ratio = (ds["t_cross"] / ds["t_star"]).values
        assert np.allclose(ratio, closed, rtol=1e-9)
        assert np.allclose(ds["t_star"], energy * E.plasma_frequency(g) / (2 * math.pi))
        dev = np.abs(ratio - limit)
        if prev is not None:
            assert np.all(dev < prev)
        prev = dev
    assert np.all(limit < 1)
    # default (turnover) prefactor: the rates are equal at t_cross, which lies below T*
    ds = E.crossover_temperature(g, beta, 1e-3)
    k_th = E.thermal_escape_rate(g, ds["t_cross"].values, beta)
    assert np.allclose(k_th, E.quantum_escape_rate(g, beta, 1e-3), rtol=1e-8)
    assert np.all(ds["t_cross"] < ds["t_star"])


def test_si_helpers_agree_with_dimensionless_forms():
    scales = JunctionScales(critical_current=10e-6, resistance=50.0, capacitance=5e-12)
    g, temp = 0.95, 0.05
    energy = constants.hbar * scales.omega_p / scales.josephson_energy
    dimless = E.escape_rate(
        g, scales.noise(temp), scales.beta_c, mechanism="total", plasma_energy=energy
    )
    si = E.escape_rate_si(g * scales.critical_current, temp, scales)
    assert float(si) == pytest.approx(float(dimless) * scales.omega_c, rel=1e-12)
    # T* in kelvin from its definition hbar omega_p(gamma) / (2 pi k_B)
    ds = E.crossover_temperature(g, scales.beta_c, energy)
    t_star_k = constants.hbar * scales.omega_p * (1 - g * g) ** 0.25 / (2 * math.pi * constants.k)
    assert float(scales.temperature(ds["t_star"])) == pytest.approx(t_star_k, rel=1e-12)
    st = E.switching_statistics_si(np.array([0.02, 0.2]), 1e-3, scales)
    assert st["mean"].attrs["units"] == "A"
    assert np.all(st["mean"] < scales.critical_current)


# --------------------------------------------------------------------------- bad input
def test_bad_input():
    with pytest.raises(ParameterError) as err:
        E.switching_distribution(np.linspace(0, 1, 10), np.ones(10), 0.0)
    assert err.value.argument == "ramp"
    with pytest.raises(ParameterError) as err:
        E.stochastic_switching(0.0, 0.01, 0.0)
    assert err.value.argument == "ramp"
    with pytest.raises(ParameterError) as err:
        E.switching_statistics(0.01, -1e-5, beta_c=1.0)
    assert err.value.argument == "ramp"
    for bad in (1.0, 1.2, -1.0):
        with pytest.raises(ParameterError) as err:
            E.thermal_escape_rate(bad, 0.01, 10.0)
        assert err.value.argument == "gamma_bias"
    with pytest.raises(ParameterError) as err:
        E.barrier_height(1.01)
    assert err.value.argument == "gamma_bias"
    with pytest.raises(ParameterError) as err:
        E.barrier_action(1.0)
    assert err.value.argument == "gamma_bias"
    with pytest.raises(ParameterError) as err:
        E.thermal_escape_rate(0.5, -0.01, 10.0)
    assert err.value.argument == "noise"
    with pytest.raises(ParameterError) as err:
        E.mean_first_passage_time(0.5, -0.01)
    assert err.value.argument == "noise"
    with pytest.raises(ParameterError) as err:
        E.stochastic_switching(1.0, -0.01, 1e-4)
    assert err.value.argument == "noise"
    with pytest.raises(ParameterError) as err:
        E.thermal_escape_rate(0.5, 0.01, 10.0, prefactor="bogus")
    assert err.value.argument == "prefactor"
    with pytest.raises(ParameterError) as err:
        E.stochastic_switching(0.0, 0.01, 1e-4, threshold=0.5)
    assert err.value.argument == "threshold"
    with pytest.raises(ParameterError) as err:
        E.escape_rate(0.5, 0.01, 10.0, mechanism="quantum")
    assert err.value.argument == "plasma_energy"


def test_plot_switching():
    import matplotlib

    matplotlib.use("Agg")
    sim = E.stochastic_switching(0.0, 0.1, 1e-3, i_dc=0.3, realizations=50, seed=2)
    pred = E.switching_distribution(
        np.linspace(0.3, 1.2, 300), 1 / E.mean_first_passage_time(np.linspace(0.3, 1.2, 300), 0.1),
        1e-3,
    )  # fmt: skip
    ax = E.plot_switching(sim, prediction=pred)
    assert "I_c" in ax.get_xlabel() and "1/I_c" in ax.get_ylabel()
    assert len(ax.lines) == 1 and len(ax.patches) == 1
    with pytest.raises(ParameterError):
        E.plot_switching(sim.drop_vars(["density", "bin_edges"]))


_GRID = np.linspace(0.1, 0.9, 10)
_BAD_INPUT = [
    ("gamma_bias", lambda: E.escape_times(0.0, 0.05, np.array([0.5, 0.6]), realizations=4)),
    ("gamma_bias", lambda: E.escape_times(0.0, 0.05, None, realizations=4)),
    ("gamma_bias", lambda: E.escape_times(0.0, 0.05, "x", realizations=4)),
    ("gamma_bias", lambda: E.escape_times(0.0, 0.05, 1.5, realizations=4)),
    ("max_time", lambda: E.escape_times(0.0, 0.05, 0.5, max_time="x", realizations=4)),
    ("max_time", lambda: E.escape_times(0.0, 0.05, 0.5, max_time=math.inf, realizations=4)),
    ("max_time", lambda: E.escape_times(0.0, 0.05, 0.5, max_time=-1.0, realizations=4)),
    ("transient", lambda: E.escape_times(0.0, 0.05, 0.5, max_time=10.0, transient=20.0)),
    ("transient", lambda: E.escape_times(0.0, 0.05, 0.5, transient=-1.0)),
    ("realizations", lambda: E.escape_times(0.0, 0.05, 0.5, realizations=2.5)),
    ("seed", lambda: E.escape_times(0.0, 0.05, 0.5, realizations=4, seed="x")),
    ("dt", lambda: E.escape_times(0.0, 0.05, 0.5, realizations=4, dt="x")),
    ("dt", lambda: E.escape_times(0.0, 0.05, 0.5, realizations=4, dt=10.0)),
    ("chunk", lambda: E.escape_times(0.0, 0.05, 0.5, realizations=4, chunk=0)),
    ("beta_c", lambda: E.escape_times("x", 0.05, 0.5, realizations=4)),
    ("i_dc", lambda: E.stochastic_switching(0.0, 0.05, 1e-3, i_dc="x")),
    ("i_dc", lambda: E.stochastic_switching(0.0, 0.05, 1e-3, i_dc=[0.1, 0.2])),
    ("i_dc", lambda: E.stochastic_switching(0.0, 0.05, 1e-3, i_dc=2.0)),
    ("i_max", lambda: E.stochastic_switching(0.0, 0.05, 1e-3, i_max="x")),
    ("i_max", lambda: E.stochastic_switching(0.0, 0.05, 1e-3, i_dc=0.5, i_max=0.2)),
    ("threshold", lambda: E.stochastic_switching(1.0, 0.05, 1e-3, threshold="x")),
    ("bins", lambda: E.stochastic_switching(0.0, 0.05, 1e-3, bins="bogus")),
    ("ramp", lambda: E.stochastic_switching(0.0, 0.05, "x")),
    ("beta_c", lambda: E.switching_statistics(0.01, 1e-5, beta_c="x")),
    ("beta_c", lambda: E.switching_statistics(0.01, 1e-5, beta_c=[1.0, 2.0])),
    ("beta_c", lambda: E.switching_statistics(0.01, 1e-5, beta_c=-1.0)),
    ("i_dc", lambda: E.switching_statistics(0.01, 1e-5, beta_c=1.0, i_dc="x")),
    ("i_dc", lambda: E.switching_statistics(0.01, 1e-5, beta_c=1.0, i_dc=1.0)),
    ("points", lambda: E.switching_statistics(0.01, 1e-5, beta_c=1.0, points=100.0)),
    ("mechanism", lambda: E.switching_statistics(0.01, 1e-5, beta_c=1.0, mechanism="x")),
    ("noise", lambda: E.switching_statistics([[0.01]], 1e-5, beta_c=1.0)),
    ("delta", lambda: E.melnikov_depopulation("x")),
    ("delta", lambda: E.melnikov_depopulation(-1.0)),
    ("rate", lambda: E.switching_distribution(_GRID, "x", 1e-3)),
    ("rate", lambda: E.switching_distribution(_GRID, np.ones(3), 1e-3)),
    ("rate", lambda: E.switching_distribution(_GRID, -np.ones(10), 1e-3)),
    ("gamma_bias", lambda: E.switching_distribution(_GRID[::-1], np.ones(10), 1e-3)),
    ("ramp", lambda: E.switching_distribution(_GRID, np.ones(10), "x")),
    ("nodes", lambda: E.mean_first_passage_time(0.5, 0.05, nodes=65)),
    ("nodes", lambda: E.mean_first_passage_time(0.5, 0.05, nodes="x")),
    ("start", lambda: E.mean_first_passage_time(0.5, 0.05, start="x")),
    ("beta_c", lambda: E.thermal_escape_rate(0.5, 0.01, "x")),
    ("gamma_bias", lambda: E.thermal_escape_rate(None, 0.01, 1.0)),
    ("phi", lambda: E.washboard_potential("x", 0.5)),
    ("plasma_energy", lambda: E.quantum_escape_rate(0.5, 10.0, "x")),
    ("mechanism", lambda: E.escape_rate(0.5, 0.01, 10.0, mechanism=3)),
    ("prefactor", lambda: E.crossover_temperature(0.9, 100.0, 1e-3, prefactor=None)),
    ("ds", lambda: E.plot_switching(3)),
]


@pytest.mark.parametrize(("name", "call"), _BAD_INPUT)
def test_bad_input_names_the_argument(name, call):
    """Every bad input raises ParameterError naming the argument (never a bare TypeError)."""
    with pytest.raises(ParameterError) as err:
        call()
    assert err.value.argument == name
