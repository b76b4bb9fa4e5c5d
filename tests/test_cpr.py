"""Microscopic current-phase relations and the BCS gap: analytic limits, two independent
formulations of every quantity, thermodynamic consistency (dF/dφ = i_s), bad input."""

import math

import numpy as np
import pytest
from scipy import integrate, optimize, special

from josephson.errors import ParameterError
from josephson.junction import RCSJ, iv_curve
from josephson.junction.bcs import BCS_GAP_RATIO, ambegaokar_baratoff, bcs_gap
from josephson.junction.cpr import (
    MICROSCOPIC_UNIT,
    BallisticChannel,
    CurrentPhaseRelation,
    FourierSeries,
    KulikOmelyanchukI,
    KulikOmelyanchukII,
    Sinusoidal,
    TunnelJunction,
    as_cpr,
)

EULER_GAMMA = float(np.euler_gamma)
ZETA3 = float(special.zeta(3))
# Gor'kov / BCS near T_c: Δ/k_BT_c -> sqrt(8π²/7ζ(3)) sqrt(1 - t) = 3.0633 sqrt(1 - t)
GL_GAP_COEFFICIENT = math.sqrt(8 * math.pi**2 / (7 * ZETA3))


# ------------------------------------------------------------------------------ BCS gap
def test_gap_ratio_from_cutoff_gap_equation():
    """Δ(0)/k_BT_c = π e^{-γ} = 1.764 (BCS 1957), recomputed from the gap equation with a
    Debye cutoff ω_D at weak coupling λ: Δ(0) = ω_D/sinh(1/λ) and
    1/λ = ∫_0^{ω_D} tanh(ξ/2T_c)/ξ dξ; the cutoff correction is O((T_c/ω_D)²) ~ 1e-6."""
    assert BCS_GAP_RATIO == pytest.approx(math.pi * math.exp(-EULER_GAMMA), rel=1e-15)
    lam = 0.15
    delta0 = 1.0 / math.sinh(1.0 / lam)

    def tc_equation(tc):
        val, _ = integrate.quad(
            lambda xi: math.tanh(xi / (2 * tc)) / xi, 0, 1, epsabs=1e-13, epsrel=1e-13, limit=400
        )
        return val - 1.0 / lam

    tc = optimize.brentq(tc_equation, 1e-5, 1e-2, xtol=1e-16, rtol=1e-14)
    assert delta0 / tc == pytest.approx(BCS_GAP_RATIO, rel=1e-5)
    assert BCS_GAP_RATIO == pytest.approx(1.764, abs=5e-4)


def test_matsubara_gap_reaches_ratio_at_low_temperature():
    """The Matsubara solver works in units of k_BT_c; its low-T gap divided by π e^{-γ} must
    be 1 (the deviation sqrt(2πt/1.764) e^{-1.764/t} is < 1e-15 at t = 0.05)."""
    for t in (0.03, 0.05):
        assert bcs_gap(t, method="matsubara") == pytest.approx(1.0, abs=1e-12)
        assert bcs_gap(t, method="integral") == pytest.approx(1.0, abs=1e-12)
    assert bcs_gap(0.0) == 1.0 and bcs_gap(1.0) == 0.0 and bcs_gap(3.0) == 0.0


def test_gap_formulations_agree():
    """Matsubara sum (units k_BT_c) and the ξ-integral (units Δ(0)) are independent
    formulations of the same gap equation: both converged to ~1e-14, they agree to the
    rounding of Δ/Δ(0) (a few 1e-14)."""
    t = np.linspace(0.011, 0.9999, 700)
    a = bcs_gap(t, method="matsubara")
    b = bcs_gap(t, method="integral")
    assert np.max(np.abs(a - b)) <= 2e-13
    # the integral form loses digits as Δ -> 0 (rounding ~7e-16/(1 - t) relative)
    close = 1 - np.logspace(-4, -7, 7)
    rel = bcs_gap(close, method="integral") / bcs_gap(close) - 1
    assert np.max(np.abs(rel)) <= 1e-8


def test_gap_against_brute_force_matsubara_sum():
    """Third method: the plain sum over 2·10^5 Matsubara frequencies (tail δ²/2ω³ by the
    Hurwitz zeta function), root by Brent's method."""
    n = 200_000
    k = np.arange(n)
    for t in (0.3, 0.7, 0.97):

        def f(delta, t=t):
            w = np.pi * t * (2 * k + 1.0)
            s = np.sqrt(w * w + delta**2)
            tail = 0.5 * delta**2 * special.zeta(3, n + 0.5) / (2 * np.pi * t) ** 3
            return 2 * np.pi * t * (np.sum(delta**2 / (w * s * (s + w))) + tail) + math.log(t)

        delta = optimize.brentq(f, 1e-6, 2.0, xtol=1e-15, rtol=1e-15)
        assert bcs_gap(t) == pytest.approx(delta / BCS_GAP_RATIO, rel=1e-11)


def test_gap_near_tc_and_rough_values():
    """Δ/k_BT_c -> 3.0633 sqrt(1-t) (Gor'kov); the next correction is O(1-t). Δ/Δ(0) ≈ 0.38 at
    t = 0.95 (rough check, physics notes 003 / Mühlschlegel's table)."""
    for eps in (1e-6, 1e-7):
        t = 1 - eps
        ratio = bcs_gap(t) * BCS_GAP_RATIO / math.sqrt(1 - t)
        assert ratio == pytest.approx(GL_GAP_COEFFICIENT, rel=2 * eps)
    assert GL_GAP_COEFFICIENT == pytest.approx(3.06, abs=0.005)
    assert bcs_gap(0.95) == pytest.approx(0.38, abs=0.01)
    # monotone decrease from 1 to 0 (flat to rounding, ~1e-15, where 1 - Δ/Δ(0) < 1e-16)
    t = np.linspace(0, 1, 501)
    g = bcs_gap(t)
    assert np.all(np.diff(g) <= 1e-14) and g[0] == 1.0 and g[-1] == 0.0
    assert np.all(np.diff(g[t >= 0.3]) < 0)


def test_gap_broadcasting():
    assert isinstance(bcs_gap(0.5), float)
    assert isinstance(ambegaokar_baratoff(0.5), float)
    t = np.array([[0.2, 0.6], [1.2, 0.0]])
    g = bcs_gap(t)
    assert g.shape == (2, 2)
    assert g[1, 0] == 0.0 and g[1, 1] == 1.0
    assert g[0, 1] == bcs_gap(0.6)


# ------------------------------------------------------------------ Ambegaokar-Baratoff
def test_ambegaokar_baratoff_limits():
    """I_cR_n = πΔ(0)/2e at T = 0 (AB 1963), i.e. max i_s = 1 in units πΔ(0)/2eR_n; near T_c
    I_cR_n -> πΔ²/(4e k_BT_c) = (πΔ(0)/2e)·(4π e^γ/7ζ(3))(1 - t) with the Gor'kov gap."""
    tj = TunnelJunction(0.0)
    phi = np.linspace(0, 2 * np.pi, 4001)
    assert np.max(tj.current(phi)) == pytest.approx(1.0, abs=1e-12)
    assert tj.critical_currents() == (1.0, 1.0, 0.0)
    assert ambegaokar_baratoff(0.0) == 1.0
    slope = 4 * math.pi * math.exp(EULER_GAMMA) / (7 * ZETA3)
    for eps in (1e-6, 1e-7):
        assert ambegaokar_baratoff(1 - eps) / eps == pytest.approx(slope, rel=3 * eps)
    # the class and the closed-form function agree with the AB formula at finite T
    for t in (0.3, 0.8):
        d = bcs_gap(t)
        expected = d * math.tanh(d * BCS_GAP_RATIO / (2 * t))
        assert TunnelJunction(t).critical_currents()[0] == pytest.approx(expected, rel=1e-14)
        assert ambegaokar_baratoff(t) == pytest.approx(expected, rel=1e-14)
    assert np.all(ambegaokar_baratoff(np.array([1.0, 1.5])) == 0.0)


# ---------------------------------------------------------------------- KO-1, KO-2
def test_ko2_zero_temperature_maximum():
    """Clean point contact (Kulik-Omelyanchuk 1977): I_cR_n = πΔ/e, i.e. 2 in units of
    πΔ(0)/2eR_n, reached as φ -> π⁻; the T -> 0 limit of the T > 0 formula approaches it."""
    ko2 = KulikOmelyanchukII(0.0)
    assert ko2.current(np.pi - 1e-7) == pytest.approx(2.0, abs=1e-12)
    assert ko2.current(np.pi + 1e-7) == pytest.approx(-2.0, abs=1e-12)
    generic = CurrentPhaseRelation.critical_currents(ko2)
    assert generic[0] == pytest.approx(2.0, abs=1e-12) and ko2.critical_currents()[0] == 2.0
    ic = [KulikOmelyanchukII(t).critical_currents()[0] for t in (0.04, 0.02, 0.005)]
    assert ic[0] < ic[1] < ic[2] < 2.0 and 2.0 - ic[2] < 1e-3


def test_ko1_zero_temperature_maximum():
    """Diffusive bridge (Kulik-Omelyanchuk 1975): i = 2cos(φ/2) artanh(sin(φ/2)); its maximum,
    where s artanh s = 1 (s = sin(φ/2)), is 2c/s = 1.3255 (I_cR_n = 2.082 Δ/e ≈ 1.32 πΔ/2e)."""
    s = optimize.brentq(lambda s: s * math.atanh(s) - 1.0, 0.1, 0.999, xtol=1e-15)
    exact = 2 * math.sqrt(1 - s * s) / s
    plus, minus, eff = KulikOmelyanchukI(0.0).critical_currents()
    assert plus == pytest.approx(exact, rel=1e-12) and minus == pytest.approx(exact, rel=1e-12)
    assert abs(eff) < 1e-12
    assert exact == pytest.approx(1.32, abs=0.01)
    assert exact * math.pi / 2 == pytest.approx(2.07, abs=0.02)  # in units of Δ/e


def _dorokhov_quad(phi, t, what="current"):
    """∫_0^1 dτ ρ(τ) τ-weighted channel quantity, ρ ∝ 1/(τ sqrt(1-τ)), τ = 1 - u²: scipy
    adaptive quadrature over BallisticChannel objects (independent of the class code)."""

    def integrand(u):
        ch = BallisticChannel(1 - u * u, t)
        return getattr(ch, what)(phi)

    val, _err = integrate.quad_vec(integrand, 0.0, 1.0, epsabs=1e-14, epsrel=1e-13)
    return val


@pytest.mark.parametrize("t", [0.0, 0.3, 0.7, 0.0011])
def test_ko1_is_dorokhov_average_of_ballistic_channels(t):
    """A short diffusive junction is the Dorokhov average of short ballistic channels
    (Beenakker, RMP 69, 731 (1997)).  KO-1 current: Matsubara sum of the Usadel solution
    (t >= 1e-3) or closed form (T = 0); reference: adaptive quadrature over channels.
    (Below t = 1e-3 the class itself averages channels: see the next test.)"""
    phi = np.array([0.4, 1.3, 2.2, 2.9, 3.05])
    ko1 = KulikOmelyanchukI(t)
    ref = _dorokhov_quad(phi, t)
    assert np.max(np.abs(ko1.current(phi) - ref)) <= 1e-11
    dref = _dorokhov_quad(phi, t, "derivative")
    assert np.max(np.abs(ko1.derivative(phi) - dref)) <= 1e-10


def _ko1_matsubara_reference(phi, t, n_terms=200_000):
    """KO-1 (i_s, di_s/dφ) from the Usadel solution (Kulik & Omelyanchuk 1975; Golubov,
    Kupriyanov & Il'ichev, RMP 76, 411 (2004), Eq. (3.4)), written out here:
    eR_nI = 2πk_BT Σ_{ω_n>0} (2Δc/δ_n) arctan(Δs/δ_n), δ_n = sqrt(ω_n² + Δ²c²), i.e.
    i = 4θ Σ_n 2a arctan(b/δ_n)/δ_n in units πΔ(0)/2eR_n (a = dc, b = ds, θ = k_BT/Δ(0)).
    d/dφ of a term (da/dφ = -b/2, db/dφ = a/2, δ² + b² = ω² + d²): a²/δ² - bω² arctan(b/δ)/δ³.
    ``n_terms`` frequencies summed, the rest from 2a arctan(b/δ)/δ = 2ab/ω² - 2ab(a² + b²/3)/ω⁴
    + O(ω⁻⁶) with Σ_{n>=N} ω_n^(-2m) = ζ(2m, N + 1/2)/(2πθ)^(2m); the O(ω⁻⁶) remainder is
    ~ (d/ω_N)⁴ times the tail, ~1e-14 for N = 2·10^5 at t = 5e-4."""
    d, theta = bcs_gap(t), t / BCS_GAP_RATIO
    h = 2 * np.pi * theta
    phi = np.asarray(phi, dtype=float)
    a, b = d * np.cos(phi / 2), d * np.sin(phi / 2)
    w2 = (h * (np.arange(n_terms) + 0.5)) ** 2
    dl2 = w2 + a[:, None] ** 2
    dl = np.sqrt(dl2)
    at = np.arctan(b[:, None] / dl)
    cur = np.sum(2 * a[:, None] * at / dl, axis=1)
    der = np.sum(a[:, None] ** 2 / dl2 - b[:, None] * w2 * at / (dl2 * dl), axis=1)
    z1 = special.zeta(2, n_terms + 0.5) / h**2
    z2 = special.zeta(4, n_terms + 0.5) / h**4
    cur += 2 * a * b * z1 - 2 * a * b * (a * a + b * b / 3) * z2
    # d(ab)/dφ = (a² - b²)/2, d[ab(a² + b²/3)]/dφ = a⁴/2 - a²b² - b⁴/6
    der += (a * a - b * b) * z1 - 2 * (a**4 / 2 - a * a * b * b - b**4 / 6) * z2
    return 4 * theta * cur, 4 * theta * der


def test_ko1_low_temperature_against_matsubara_sum():
    """Below t = 1e-3 the class computes KO-1 as the Dorokhov average of ballistic channels
    (a graded Gauss-Legendre rule); the independent reference is the Usadel/Matsubara sum
    with 2·10^5 frequencies (ω_N = 356Δ(0) at t = 5e-4; doubling N changes it by 1.2e-14)."""
    t = 5e-4
    phi = np.array([0.4, 1.3, 2.2, 2.9, 3.05, 3.13])
    ko1 = KulikOmelyanchukI(t)
    ref_i, ref_di = _ko1_matsubara_reference(phi, t)
    assert np.max(np.abs(ko1.current(phi) - ref_i)) <= 2e-13
    assert np.max(np.abs(ko1.derivative(phi) - ref_di)) <= 2e-13


def test_ko1_zero_temperature_free_energy_closed_form():
    """∫ 2c artanh(s) dφ = 4 s artanh s + 2 ln(1 - s²) (by hand), F(π) = 4 ln 2; the class
    computes F as the Dorokhov average of the ballistic free energy."""
    phi = np.concatenate([np.linspace(0.05, 3.1, 60), np.pi - np.logspace(-2, -8, 7)])
    s, c = np.sin(phi / 2), np.cos(phi / 2)
    # = 4 s ln(1+s) + 4 (1-s) ln c with 1 - s = c²/(1+s): well conditioned up to φ = π
    closed = 4 * s * np.log1p(s) + 4 * c * c / (1 + s) * np.log(c)
    assert np.allclose(closed[:60], 4 * s[:60] * np.arctanh(s[:60]) + 2 * np.log1p(-(s[:60] ** 2)))
    ko1 = KulikOmelyanchukI(0.0)
    assert np.max(np.abs(ko1.free_energy(phi) - closed)) <= 1e-11
    assert ko1.free_energy(np.pi) == pytest.approx(4 * math.log(2), rel=1e-13)


# ------------------------------------------------------------------ ballistic channel
@pytest.mark.parametrize("t", [0.0, 0.4, 0.85])
def test_ballistic_tunnel_limit(t):
    """τ -> 0: i = d sin φ tanh(dρ/2θ)/ρ -> d tanh(d/2θ) sin φ, the AB tunnel CPR; the
    correction is O(τ)."""
    phi = np.linspace(0, 2 * np.pi, 181)
    tj = TunnelJunction(t)
    assert np.max(np.abs(BallisticChannel(0.0, t).current(phi) - tj.current(phi))) <= 1e-14
    small = BallisticChannel(1e-6, t)
    i = small.current(phi)
    assert np.max(np.abs(i / np.max(i) - np.sin(phi))) <= 2e-6
    assert np.max(i) == pytest.approx(tj.critical_currents()[0], rel=2e-6)
    assert np.max(np.abs(small.free_energy(phi) - tj.free_energy(phi))) <= 4e-6


@pytest.mark.parametrize("t", [0.0, 0.1, 0.5, 0.9])
def test_ballistic_full_transmission_is_ko2(t):
    """τ = 1: sqrt(1 - sin²(φ/2)) = |cos(φ/2)| turns the channel formula into KO-2."""
    phi = np.linspace(0, 2 * np.pi, 361)
    phi = phi[np.abs(phi - np.pi) > 1e-9]
    ch, ko2 = BallisticChannel(1.0, t), KulikOmelyanchukII(t)
    for method in ("current", "derivative", "free_energy"):
        a, b = getattr(ch, method)(phi), getattr(ko2, method)(phi)
        assert np.max(np.abs(a - b)) <= 1e-12 * max(1.0, np.max(np.abs(b)))


def test_ballistic_zero_temperature_critical_current():
    """max_φ sin φ / sqrt(1 - τ sin²(φ/2)) = 2/(1 + sqrt(1 - τ)) (maximise over x = sin²(φ/2):
    1 - 2x + τx² = 0); checked against the generic numerical maximisation."""
    for tau in (0.05, 0.5, 0.9, 0.999):
        ch = BallisticChannel(tau, 0.0)
        generic = CurrentPhaseRelation.critical_currents(ch)[0]
        assert ch.critical_currents()[0] == pytest.approx(generic, rel=1e-11)
        assert generic == pytest.approx(2 / (1 + math.sqrt(1 - tau)), rel=1e-11)


def test_ballistic_free_energy_is_andreev_level_free_energy():
    """F = -2k_BT ln(2 cosh(E_A/2k_BT)) per channel, E_A = Δ sqrt(1 - τ sin²(φ/2)), in units
    ħI_0/2e = Δ(0)τ/4 (I_0 = eΔ(0)τ/2ħ for R_n = h/2e²τ), evaluated naively here."""
    t, tau = 0.45, 0.6
    d, theta = bcs_gap(t), t / BCS_GAP_RATIO
    phi = np.linspace(0, 2 * np.pi, 50)
    energy = d * np.sqrt(1 - tau * np.sin(phi / 2) ** 2)
    naive = -2 * theta * np.log(2 * np.cosh(energy / (2 * theta))) / (tau / 4)
    naive -= naive[0]
    assert np.max(np.abs(BallisticChannel(tau, t).free_energy(phi) - naive)) <= 1e-12


# -------------------------------------------------------- consistency of every class
def _all_cprs():
    cprs = [
        Sinusoidal(),
        FourierSeries([1.0], [math.pi]),  # π junction
        FourierSeries([1.0], [0.7]),  # φ0 junction
        FourierSeries([1.0, 0.35, -0.1], [0.2, 1.1, -0.4]),  # diode
    ]
    for t in (0.0, 0.35, 0.9):
        cprs += [TunnelJunction(t), KulikOmelyanchukI(t), KulikOmelyanchukII(t)]
        cprs += [BallisticChannel(tau, t) for tau in (1e-6, 0.5, 0.97, 1.0)]
    cprs.append(KulikOmelyanchukI(0.02))
    return cprs


def _richardson(f, x, h=1e-3):
    """Central difference extrapolated to O(h⁶)."""

    def central(step):
        return (f(x + step) - f(x - step)) / (2 * step)

    d1, d2, d4 = central(h), central(h / 2), central(h / 4)
    e1 = (4 * d2 - d1) / 3
    e2 = (4 * d4 - d2) / 3
    return (16 * e2 - e1) / 15


def _kink_free_phases(cpr):
    phi = np.linspace(0.0, 2 * np.pi, 733)[1:]
    # KO-2, τ = 1 and KO-1 at T = 0 are singular at φ = π (jump / log slope)
    return phi[np.abs(phi - np.pi) > 0.05]


@pytest.mark.parametrize("cpr", _all_cprs(), ids=repr)
def test_free_energy_derivative_is_current(cpr):
    """dF/dφ = i_s (units ħI_0/2e and I_0): each side from its own formula (closed forms,
    the KO-1 free energy by a Dorokhov average, the KO-1 current by a Matsubara sum)."""
    phi = _kink_free_phases(cpr)
    i = cpr.current(phi)
    scale = np.max(np.abs(i))
    assert np.max(np.abs(_richardson(cpr.free_energy, phi) - i)) <= 1e-8 * scale
    assert abs(float(cpr.free_energy(0.0))) <= 1e-14
    di = cpr.derivative(phi)
    assert np.max(np.abs(_richardson(cpr.current, phi) - di)) <= 1e-8 * np.max(np.abs(di))


@pytest.mark.parametrize("cpr", _all_cprs(), ids=repr)
def test_compiled_kernel_matches_numpy(cpr):
    """The Numba kernel used by the integrators reproduces current()/derivative() (closed
    forms to rounding; the KO-1 T > 0 Hermite table to its h⁴ interpolation error), also for
    phases far outside [0, 2π)."""
    f, params = cpr.compiled()
    rng = np.random.default_rng(7)
    phi = np.concatenate([rng.uniform(-40, 40, 400), np.pi + rng.normal(0, 0.02, 100)])
    if isinstance(cpr, KulikOmelyanchukI | KulikOmelyanchukII) or (
        isinstance(cpr, BallisticChannel) and cpr.transmission == 1.0
    ):
        phi = phi[np.abs(np.mod(phi, 2 * np.pi) - np.pi) > 1e-3]
    got = np.array([f(float(p), params) for p in phi])
    i, di = cpr.current(phi), cpr.derivative(phi)
    table = isinstance(cpr, KulikOmelyanchukI) and cpr.reduced_temperature > 0
    tol_i, tol_di = (1e-8, 1e-5) if table else (1e-13, 1e-12)
    assert np.max(np.abs(got[:, 0] - i)) <= tol_i * np.max(np.abs(i))
    assert np.max(np.abs(got[:, 1] - di)) <= tol_di * np.max(np.abs(di))


@pytest.mark.parametrize("cpr", _all_cprs(), ids=repr)
def test_max_slope_is_largest_restoring_slope(cpr):
    """max_slope = max_φ di_s/dφ, the restoring curvature that limits an explicit step.
    Reference: central differences of current() (not derivative()) on 20001 phases.  For the
    microscopic CPRs the maximum is at φ = 0, where each channel has i_s ≈ d tanh(d/2θ) φ
    whatever its transmission (ρ -> 1 as φ -> 0), so every short junction has the slope of
    the Ambegaokar-Baratoff tunnel junction there: ambegaokar_baratoff(t) (by hand)."""
    slope = cpr.max_slope()
    phi = np.linspace(-np.pi, np.pi, 20001)
    h = 1e-4
    fd = (cpr.current(phi + h) - cpr.current(phi - h)) / (2 * h)
    # grid maximum low by <= (π/20000)² max|i_s'''|/2, central difference off by h² i_s'''/6
    assert np.max(fd) == pytest.approx(slope, rel=1e-7)
    assert slope >= np.max(cpr.derivative(phi))
    if cpr.unit == MICROSCOPIC_UNIT:
        t = cpr.reduced_temperature
        assert slope == pytest.approx(ambegaokar_baratoff(t), rel=1e-14)


def test_max_slope_ignores_the_singular_negative_slope():
    """KO-1 at T = 0: di_s/dφ = 1 - s artanh s -> -∞ logarithmically at φ = π; KO-2 and the
    τ = 1 channel jump by -4 there.  These make the top of the washboard unstable, not the
    explicit step: the largest restoring slope is 1 (at φ = 0), so the RCSJ stiffness of
    the overdamped junction is 1 (rate |λ| = i_s'(0) of δφ' = -i_s'(0) δφ)."""
    ko1 = KulikOmelyanchukI(0.0)
    assert ko1.derivative(np.pi - 1e-12) < -25  # 1 - artanh(1 - O(1e-25)) ~ -28
    ko2 = KulikOmelyanchukII(0.0)
    assert ko2.current(np.pi + 1e-9) - ko2.current(np.pi - 1e-9) == pytest.approx(-4.0, abs=1e-8)
    for cpr in (ko1, ko2, BallisticChannel(1.0, 0.0)):
        assert cpr.max_slope() == 1.0
        assert RCSJ(beta_c=0.0, cpr=cpr).stiffness() == 1.0
    # a φ0 junction (maximum at φ = -0.7, off the grid) and two harmonics (1 + 2·0.5 at 0)
    assert FourierSeries([1.0], [0.7]).max_slope() == pytest.approx(1.0, rel=1e-14)
    assert FourierSeries([1.0, 0.5], [0.0, 0.0]).max_slope() == pytest.approx(2.0, rel=1e-14)


def test_microscopic_cprs_share_one_unit():
    for cpr in _all_cprs()[4:]:
        assert cpr.unit == MICROSCOPIC_UNIT
        desc = cpr.describe()
        assert desc["unit"] == MICROSCOPIC_UNIT and "reduced_temperature" in desc
    # at T = 0 on one axis: tunnel 1 < KO-1 1.3255 < KO-2 2
    ics = [c(0.0).critical_currents()[0] for c in (TunnelJunction, KulikOmelyanchukI)]
    assert ics[0] < ics[1] < KulikOmelyanchukII(0.0).critical_currents()[0]


def test_overdamped_iv_with_ko1_kernel():
    """RSJ (β_c = 0) with any CPR: ⟨v⟩ = 2π / ∫_0^{2π} dφ/(i - i_s(φ)) above I_c.  Exercises
    the KO-1 Hermite-table kernel inside the compiled integrator against quadrature of the
    exact Matsubara CPR."""
    cpr = KulikOmelyanchukI(0.3)
    i = np.array([1.5, 2.5])
    v = iv_curve(0.0, i, cpr=cpr).v.values.ravel()
    ref = [
        2
        * np.pi
        / integrate.quad(
            lambda p, x=x: 1 / (x - float(cpr.current(p))), 0, 2 * np.pi, epsrel=1e-12
        )[0]
        for x in i
    ]
    assert np.allclose(v, ref, rtol=1e-6, atol=0)


# ------------------------------------------------- Fourier series: π, φ0 and diode CPRs
def test_diode_efficiency_against_dense_grid():
    """Two harmonics with a relative phase break i_s(-φ) = -i_s(φ): I_c+ != I_c-.  Reference:
    max/min over 2·10^6 phases (grid error < (π/10^6)² max|i''|/8 < 1e-11)."""
    cpr = FourierSeries([1.0, 0.4], [0.0, math.pi / 2])
    phi = np.linspace(0, 2 * np.pi, 2_000_001)
    i = np.sin(phi) + 0.4 * np.sin(2 * phi + math.pi / 2)
    plus, minus = np.max(i), -np.min(i)
    p, m, eff = cpr.critical_currents()
    assert p == pytest.approx(plus, abs=1e-10) and m == pytest.approx(minus, abs=1e-10)
    assert eff == pytest.approx((plus - minus) / (plus + minus), abs=1e-10)
    assert abs(eff) > 0.05


def test_pi_and_phi0_junctions():
    """π junction: F minimal at φ = π; φ0 junction sin(φ + φ0): zero-current phase -φ0."""
    pi_j = FourierSeries([1.0], [math.pi])
    assert pi_j.free_energy(math.pi) == pytest.approx(-2.0, abs=1e-14)
    assert abs(pi_j.equilibrium(0.0)) == pytest.approx(math.pi, abs=1e-12)
    phi0 = FourierSeries([1.0], [0.7])
    assert phi0.equilibrium(0.0) == pytest.approx(-0.7, abs=1e-12)
    assert phi0.critical_currents()[2] == pytest.approx(0.0, abs=1e-12)


# ------------------------------------------------------------------------- bad input
@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"amplitudes": "abc"}, "amplitudes"),
        ({"amplitudes": None}, "amplitudes"),
        ({"amplitudes": [[1.0, 0.2], [0.1, 0.3]]}, "amplitudes"),
        ({"amplitudes": []}, "amplitudes"),
        ({"amplitudes": [0.0, 0.0]}, "amplitudes"),
        ({"amplitudes": [1.0, math.nan]}, "amplitudes"),
        ({"amplitudes": [1.0], "phases": "abc"}, "phases"),
        ({"amplitudes": [1.0], "phases": None}, "phases"),
        ({"amplitudes": [1.0, 0.5], "phases": [[0.1, 0.2]]}, "phases"),
        ({"amplitudes": [1.0, 0.5], "phases": [0.1]}, "phases"),
        ({"amplitudes": [1.0], "phases": [math.inf]}, "phases"),
        ({"amplitudes": [1.0], "reference": 3}, "reference"),
    ],
)
def test_bad_fourier_series(kwargs, name):
    with pytest.raises(ParameterError) as err:
        FourierSeries(**kwargs)
    assert err.value.argument == name


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: Sinusoidal().current("abc"), "phi"),
        (lambda: FourierSeries([1.0, 0.2]).derivative({"phi": 1}), "phi"),
        (lambda: KulikOmelyanchukI(0.3).free_energy(["a"]), "phi"),
        (lambda: BallisticChannel(0.5, 0.2).current([1.0, "x"]), "phi"),
        (lambda: TunnelJunction(0.2).equilibrium("x"), "i"),
        (lambda: Sinusoidal().equilibrium(None), "i"),
        (lambda: KulikOmelyanchukII(0.2).equilibrium([0.1, 0.2]), "i"),
        (lambda: as_cpr("sin"), "cpr"),
        (lambda: bcs_gap(0.5, method=np.array(["matsubara", "integral"])), "method"),
        (lambda: bcs_gap(0.5, method=None), "method"),
        (lambda: BallisticChannel([0.5, 0.6], 0.2), "transmission"),
        (lambda: KulikOmelyanchukI(np.array([0.1, 0.2])), "reduced_temperature"),
        (lambda: TunnelJunction(True), "reduced_temperature"),
    ],
)
def test_bad_cpr_arguments(call, name):
    with pytest.raises(ParameterError) as err:
        call()
    assert err.value.argument == name


@pytest.mark.parametrize("value", [-1.0, 1.0, 2.0, math.nan, math.inf, "warm"])
@pytest.mark.parametrize(
    "make",
    [
        TunnelJunction,
        KulikOmelyanchukI,
        KulikOmelyanchukII,
        lambda t: BallisticChannel(0.5, t),
    ],
)
def test_bad_reduced_temperature(make, value):
    with pytest.raises(ParameterError) as info:
        make(value)
    assert info.value.argument == "reduced_temperature"


@pytest.mark.parametrize("value", [-0.1, 1.5, math.nan, None])
def test_bad_transmission(value):
    with pytest.raises(ParameterError) as info:
        BallisticChannel(value, 0.2)
    assert info.value.argument == "transmission"


@pytest.mark.parametrize("value", [-1.0, math.nan, [0.2, -0.1], math.inf])
def test_bad_gap_temperature(value):
    for func in (bcs_gap, ambegaokar_baratoff):
        with pytest.raises(ParameterError) as info:
            func(value)
        assert info.value.argument == "reduced_temperature"
    with pytest.raises(ParameterError) as info:
        bcs_gap(0.5, method="interpolation")
    assert info.value.argument == "method"
