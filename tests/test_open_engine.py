"""Open-system junction (document 004): the stationary characteristic, its stability and the
engine dynamics (eqs. 41-62), and the two-channel SQUID (eqs. 64-69)."""

import math

import numpy as np
import pytest
from scipy import constants as sc
from scipy import optimize

from josephson.errors import ConvergenceError, ParameterError
from josephson.open_system import analytic as A
from josephson.open_system import dynamics as D


# --------------------------------------------------------------------------- eq. 48
@pytest.mark.parametrize(
    ("alpha", "v0"), [(0.8, 0.5), (0.8, 4.0), (4.0, 0.3), (4.0, 6.0), (10.0, 25.0)]
)
def test_characteristic_is_the_long_time_limit(alpha, v0):
    """Start 1e-2 away from the fixed point of a stable voltage and integrate: the state
    returns to (v0, i_J0, i_S0) of eq. 58 at the bias of eq. 48."""
    assert A.characteristic_slope(v0, alpha) > 0
    i = float(A.characteristic(v0, alpha))
    fp = np.array([float(x) for x in A.fixed_point(v0, alpha)])
    ds = D.integrate(alpha, i, 80.0, initial=fp + np.array([1e-2, -1e-2, 1e-2]), samples=11)
    final = np.array([float(ds[name][-1]) for name in ("v", "i_j", "i_s")])
    assert np.max(np.abs(final - fp)) < 1e-9 * max(1.0, float(np.max(np.abs(fp))))


def test_physical_characteristic_matches_the_dimensionless_one():
    """Eq. 47 in SI, I R = V [1 + 4K² / ((2eV/ħ)² + (RC)^-2)], equals eq. 48 through the
    scales Ṽ = ħ/2eRC, Ĩ = Ṽ/R and α = (KRC)²."""
    r, c, k = 50.0, 2e-13, 3e11
    volts = np.linspace(-2e-4, 3e-4, 11)
    current = volts / r * (1 + 4 * k**2 / ((2 * sc.e * volts / sc.hbar) ** 2 + (r * c) ** -2))
    s = A.scales(r, c)
    alpha = A.alpha_from_physical(k, r, c)
    assert alpha == pytest.approx((k * r * c) ** 2, rel=1e-14)
    model = A.characteristic(volts / s["voltage"], alpha) * s["current"]
    assert np.allclose(model, current, rtol=1e-13, atol=0)


# --------------------------------------------------------------------------- eqs. 49-55
@pytest.mark.parametrize("alpha", [2.05, 3.0, 4.0, 6.0, 30.0, 1e3])
def test_critical_and_retrapping_currents_are_the_extrema(alpha):
    vm, vp = A.extremal_voltages(alpha)
    mid = 0.5 * (float(vm) + float(vp))
    hi = optimize.minimize_scalar(
        lambda v: -float(A.characteristic(v, alpha)), bounds=(0.0, mid), method="bounded",
        options={"xatol": 1e-12},
    )  # fmt: skip
    lo = optimize.minimize_scalar(
        lambda v: float(A.characteristic(v, alpha)), bounds=(mid, 10 * float(vp)),
        method="bounded", options={"xatol": 1e-12},
    )  # fmt: skip
    assert -hi.fun == pytest.approx(float(A.critical_current(alpha)), rel=1e-11)
    assert lo.fun == pytest.approx(float(A.retrapping_current(alpha)), rel=1e-11)
    assert hi.x == pytest.approx(float(vm), rel=1e-5)
    assert lo.x == pytest.approx(float(vp), rel=1e-5)


@pytest.mark.parametrize("alpha", [0.0, 0.5, 1.0, 2.0])
def test_overdamped_critical_current_is_the_inflection_value(alpha):
    """For α <= 2, i_c = i_tot at the inflection point i_tot''(v) = 0, located numerically
    from the analytic slope (eq. 52: v = √3, i_c = √3(1 + α))."""

    def curvature(v, h=1e-5):
        return (A.characteristic_slope(v + h, alpha) - A.characteristic_slope(v - h, alpha)) / (
            2 * h
        )

    if alpha == 0:
        v_inf = math.sqrt(3.0)  # i_tot = v: no curvature, eq. 52 is a convention here
    else:
        v_inf = optimize.brentq(lambda v: float(curvature(v)), 1.0, 3.0, xtol=1e-13)
    assert float(A.critical_current(alpha)) == pytest.approx(
        float(A.characteristic(v_inf, alpha)), rel=1e-9
    )
    assert math.isnan(float(A.retrapping_current(alpha))) or alpha == 2.0


def test_hysteresis_onset_and_asymptote():
    assert float(A.critical_current(2.0)) == pytest.approx(3 * math.sqrt(3), rel=1e-15)
    assert float(A.retrapping_current(2.0)) == pytest.approx(3 * math.sqrt(3), rel=1e-15)
    # continuity of eq. 55 across alpha = 2, and i_c -> 2 alpha (eq. 57)
    assert float(A.critical_current(2.0 + 1e-10)) == pytest.approx(3 * math.sqrt(3), rel=1e-4)
    big = np.array([1e3, 1e4, 1e5])
    rel = A.critical_current(big) / (2 * big) - 1
    assert np.all(np.abs(rel) < 2 / big) and np.all(np.diff(np.abs(rel)) < 0)


def test_fixed_points_solve_eq_48():
    for alpha, i in [(4.0, 8.0), (4.0, 2.0), (4.0, 20.0), (0.8, 3.0), (30.0, 40.0)]:
        roots = A.fixed_points(i, alpha)
        assert np.allclose(A.characteristic(roots, alpha), i, rtol=1e-13, atol=1e-12)
        between = float(A.retrapping_current(alpha)) < i < float(A.critical_current(alpha))
        assert roots.size == (3 if between else 1)


# --------------------------------------------------------------------------- eqs. 59-63
def test_routh_hurwitz_matches_the_eigenvalues_on_a_grid():
    alpha, v0 = np.meshgrid(np.linspace(0.0, 12.0, 49), np.linspace(-30.0, 30.0, 241))
    eig = np.linalg.eigvals(A.jacobian(v0, alpha))
    numeric_stable = np.max(eig.real, axis=-1) < 0
    marginal = np.abs(A.characteristic_slope(v0, alpha)) < 1e-9
    assert np.array_equal(numeric_stable[~marginal], A.routh_hurwitz_stable(v0, alpha)[~marginal])
    assert np.array_equal(A.routh_hurwitz_stable(v0, alpha), A.characteristic_slope(v0, alpha) > 0)


def test_closed_form_eigenvalues_and_no_hopf_bifurcation():
    """The closed-form spectrum equals numpy's; the complex pair always has Re λ <= -1 for
    α >= 0, so the instability (where it occurs) is the real eigenvalue crossing zero."""
    rng = np.random.default_rng(4)
    alpha, v0 = rng.uniform(0.0, 40.0, 3000), rng.uniform(-60.0, 60.0, 3000)
    eig = np.linalg.eigvals(A.jacobian(v0, alpha))
    st = A.stability(v0, alpha)
    real = eig[np.arange(eig.shape[0]), np.argmin(np.abs(eig.imag), axis=1)]
    upper = eig[np.arange(eig.shape[0]), np.argmax(eig.imag, axis=1)]
    scale = 1.0 + np.abs(v0)
    assert np.max(np.abs(real.real - st["real"]) / scale) < 1e-12
    assert np.max(np.abs(upper - st["complex"]) / scale) < 1e-12
    assert np.all(st["complex"].real <= -1.0)
    assert np.all(st["complex"].imag > 0)
    # the real eigenvalue changes sign exactly where the slope of eq. 48 does (eq. 62)
    slope = A.characteristic_slope(v0, alpha)
    clear = np.abs(slope) > 1e-9
    assert (slope < 0).any()
    assert np.array_equal((st["real"] > 0)[clear], (slope < 0)[clear])


def test_decay_rate_is_the_leading_eigenvalue():
    """A small kick along the real eigenvector decays as exp(λ0 τ)."""
    alpha, v0 = 4.0, 0.4
    fp = np.array([float(x) for x in A.fixed_point(v0, alpha)])
    w, vecs = np.linalg.eig(A.jacobian(v0, alpha))
    k = int(np.argmin(np.abs(w.imag)))
    kick = 1e-5 * vecs[:, k].real
    tight = D.Integrator(rtol=1e-13, atol=1e-15)
    i = float(A.characteristic(v0, alpha))
    ds = D.integrate(alpha, i, 4.0, initial=fp + kick, samples=3, integrator=tight)
    final = np.array([float(ds[name][-1]) for name in ("v", "i_j", "i_s")])
    dist = np.linalg.norm(final - fp)
    expect = np.linalg.norm(kick) * math.exp(w[k].real * 4.0)
    assert dist == pytest.approx(expect, rel=1e-3)
    assert w[k].real == pytest.approx(float(A.stability(v0, alpha)["real"]), rel=1e-12)


# --------------------------------------------------------------------------- Fig. 3
def test_ramped_hysteresis_loop_brackets_ic_and_ir_with_vanishing_overshoot():
    """Up jumps at or above i_c, down jumps at or below i_r; the delay of a slowly swept
    saddle-node bifurcation scales as rate^(2/3), so quartering the rate divides the
    overshoot by 4^(2/3) = 2.52 (asymptotically)."""
    alpha = 4.0
    over_up, over_down = [], []
    for rate in (0.04, 0.01):
        ds = D.hysteresis(alpha, rate=rate, samples_per_unit=10)
        up, down = float(ds.jump_up), float(ds.jump_down)
        assert up >= float(A.critical_current(alpha))
        assert down <= float(A.retrapping_current(alpha))
        over_up.append(up - float(ds.i_c))
        over_down.append(float(ds.i_r) - down)
        # before the jump the junction sits on the Josephson branch, after it near v = i_tot
        leg = ds.where(ds["leg"] == "up", drop=True)
        after = leg.where(leg.i_tot > up + 2.0, drop=True)
        assert np.all(np.abs(after.v - after.i_tot) < 0.3 * after.i_tot)
    for over in (over_up, over_down):
        assert over[0] / over[1] == pytest.approx(4 ** (2 / 3), rel=0.08)


def test_no_hysteresis_below_alpha_two():
    """α = 1.5: both legs follow the single-valued characteristic, with a lag that is linear
    in the ramp rate (quartering the rate quarters the largest deviation, to within the
    O(rate²) terms) and the same on the way up and down."""
    dev = []
    for rate in (0.01, 0.0025):
        ds = D.hysteresis(1.5, rate=rate, i_max=8.0, samples_per_unit=2)
        legs = [ds.where(ds["leg"] == name, drop=True) for name in ("up", "down")]
        d = [np.max(np.abs(A.characteristic(g.v.values, 1.5) - g.i_tot.values)) for g in legs]
        assert d[0] == pytest.approx(d[1], rel=0.05)
        dev.append(d[0])
    assert dev[0] / dev[1] == pytest.approx(4.0, rel=0.1)


# --------------------------------------------------------------------------- eqs. 64-69
def test_squid_critical_current_follows_the_tunnelling_interference():
    """Independent route: the fixed point of eqs. 66-67 with a complex K = K_A + K_B e^{-2πiΦ}
    (dimensionless, γ = 1), i(v) from the stationary n-equation, maximised numerically,
    against i_c(α = |K|²) with |K|² from eq. 69."""
    ka, kb = 1.3, 0.9
    for flux in (0.0, 0.15, 0.3, 0.45):
        kc = ka + kb * np.exp(-2j * np.pi * flux)

        def current(v, kc=kc):
            # γ = 1, n = -v and U = -v (eqs. 33-34 in units where CṼ/e = 1); stationary
            # eq. 67: z = iKn/(iU - 1); stationary eq. 66 gives the bias i ∝ -n̄
            n, u = -v, -v
            z = 1j * kc * n / (1j * u - 1.0)
            return float((-n - 2j * (np.conj(kc) * z - kc * np.conj(z))).real)

        alpha = float(A.squid_alpha(flux, ka, kb, 1.0))
        vm = A.extremal_voltages(alpha)[0] if alpha > 2 else math.sqrt(3.0)
        if alpha > 2:
            res = optimize.minimize_scalar(
                lambda v, f=current: -f(v), bounds=(1e-6, 2 * float(vm)), method="bounded",
                options={"xatol": 1e-12},
            )  # fmt: skip
            numeric = -res.fun
        else:
            numeric = current(math.sqrt(3.0))
        assert numeric == pytest.approx(float(A.critical_current(alpha)), rel=1e-10)
        assert alpha == pytest.approx(abs(kc) ** 2, rel=1e-14)


# --------------------------------------------------------------------------- errors
def test_bad_input():
    with pytest.raises(ParameterError, match="alpha"):
        A.critical_current(-0.1)
    with pytest.raises(ParameterError, match="alpha"):
        D.integrate(-1.0, 1.0, 10.0)
    with pytest.raises(ParameterError, match="method"):
        D.Integrator(method="Euler")
    with pytest.raises(ParameterError, match="initial"):
        D.integrate(1.0, 1.0, 10.0, initial=(0.0, math.nan, 0.0))
    with pytest.raises(ParameterError, match="initial"):
        D.integrate(1.0, 1.0, 10.0, initial=(0.0, 0.0))
    with pytest.raises(ParameterError, match="rate"):
        D.hysteresis(4.0, rate=0.0)
    with pytest.raises(ParameterError, match="v"):
        A.characteristic([0.0, math.nan], 1.0)


def test_integration_failure_is_a_convergence_error():
    """A bias that blows up in finite time: the integrator must not return garbage."""
    with pytest.raises(ConvergenceError) as info:
        D.integrate(1.0, lambda tau: 1.0 / (1.0 - tau), 2.0, samples=5)
    assert info.value.method == "DOP853" and "tau" in str(info.value.reached)


def test_squid_modulation_is_proportional_to_k_squared_at_weak_damping():
    """i_c(Φ) -> 2|K(Φ)|²/γ² (eq. 57) when every |K(Φ)| >> γ: the modulation depth becomes
    that of eq. 69, 1 - (K_A - K_B)²/(K_A + K_B)², with corrections O(γ²/|K|²)."""
    flux = np.linspace(0.0, 1.0, 41)
    ka, kb = 3.0, 2.0
    k2 = A.squid_tunneling_squared(flux, ka, kb)
    dev = []
    for gamma in (0.1, 0.03):
        ic = A.squid_critical_current(flux, ka, kb, gamma)
        rel = ic / (2 * k2 / gamma**2) - 1
        dev.append(np.max(np.abs(rel)))
        depth = 1 - ic.min() / ic.max()
        assert depth == pytest.approx(1 - (ka - kb) ** 2 / (ka + kb) ** 2, abs=3 * dev[-1])
    assert dev[1] < dev[0] * (0.03 / 0.1) ** 2 * 1.5
    assert np.argmin(A.squid_critical_current(flux, ka, kb, 1.0)) == 20  # Φ = Φ0/2


@pytest.mark.parametrize("method", D.METHODS)
def test_every_integrator_agrees(method):
    """LSODA, BDF, Radau (with the analytic Jacobian), RK45 and DOP853 give the same state,
    without and with the AC field of eq. 76 (which makes the Jacobian time-dependent)."""
    tight = D.Integrator(method=method, rtol=1e-10, atol=1e-12)
    ref = D.Integrator(method="DOP853", rtol=1e-12, atol=1e-14)
    for kw in ({}, {"v_f": 3.0, "omega_f": 5.0}):
        kw = dict(initial=(0.5, 1.0, -0.3), samples=5, **kw)
        a = D.integrate(4.0, lambda tau: 6.0 + 0.01 * tau, 20.0, integrator=tight, **kw)
        b = D.integrate(4.0, lambda tau: 6.0 + 0.01 * tau, 20.0, integrator=ref, **kw)
        for name in ("v", "i_j", "i_s"):
            assert np.max(np.abs(a[name].values - b[name].values)) < 1e-6


def test_default_start_is_the_josephson_branch_for_either_sign():
    """Between i_r and i_c three fixed points exist; the default start is the one of
    smallest |v| (the zero-voltage-like branch), for positive and negative bias."""
    for i in (8.0, -8.0):
        ds = D.integrate(4.0, i, 1.0, samples=2)
        roots = A.fixed_points(i, 4.0)
        assert float(ds.v[0]) == pytest.approx(roots[np.argmin(np.abs(roots))], rel=1e-12)
    # a double root at i = i_c is reported once
    assert A.fixed_points(float(A.critical_current(4.0)), 4.0).size == 2


def test_no_jump_is_reported_without_hysteresis():
    ds = D.hysteresis(1.0, rate=0.05, i_max=3.0, samples_per_unit=2)
    assert math.isnan(float(ds.jump_up)) and math.isnan(float(ds.jump_down))
    with pytest.raises(ParameterError, match="integrator"):
        D.hysteresis(4.0, integrator="Radau")
    with pytest.raises(ConvergenceError):
        D.integrate(1.0, lambda tau: math.nan, 1.0)


def test_closed_forms_keep_their_accuracy_at_extreme_alpha():
    big = np.array([1e8, 1e12, 1e16])
    # large α: v₋ -> 1, i_c -> 2α; v₊ -> 2√α, i_r -> 4√α (relative corrections O(1/α)),
    # from the rationalised forms (the naive ones cancel to zero at α ~ 1e16)
    assert np.all(np.abs(A.critical_current(big) / (2 * big) - 1) < 1e-7)
    vm, vp = A.extremal_voltages(big)
    assert np.allclose(vm, 1.0, rtol=1e-7)
    assert np.allclose(vp / (2 * np.sqrt(big)), 1.0, rtol=1e-7)
    assert np.allclose(A.retrapping_current(big) / (4 * np.sqrt(big)), 1.0, rtol=1e-7)
