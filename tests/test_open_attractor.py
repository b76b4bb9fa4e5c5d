"""Hidden-attractor search of the open-system engine (document 004, Sec. V).

The compiled integrators are checked against scipy (the Dormand–Prince kernel is a clone of
RK45: same steps, same numbers), RK4 against its order, the search against the linearisation
(decay rate and ringing frequency from analytic.stability) and against the closed-form fixed
points (a kick that jumps to the other stable branch), the classifier on synthetic signals,
and the one-harmonic balance against the exact bound 0 <= <i_S> <= 4α.
"""

import math

import numpy as np
import pytest
from scipy.integrate import solve_ivp

from josephson.errors import ParameterError
from josephson.open_system import _kernels as K
from josephson.open_system import analytic as A
from josephson.open_system import attractor as S
from josephson.open_system import dynamics as D


def _fp(v0, alpha):
    return np.array([float(x) for x in A.fixed_point(v0, alpha)])


def _rhs(t, y, alpha, i_tot):
    v, ij, js = y
    return [i_tot - v - ij, -ij - js * v + 4 * alpha * v, -js + ij * v]


# --------------------------------------------------------------------------- kernels
@pytest.mark.parametrize("v_f, omega_f", [(0.0, 0.0), (40.0, 12.0)])
def test_dopri5_kernel_matches_scipy_dop853(v_f, omega_f):
    """Compiled Dormand–Prince (rtol 1e-11) against dynamics.integrate (DOP853, rtol 1e-10)
    on eq. 45 and on eq. 76 with a field, from a kicked start, on a uniform output grid."""
    alpha, v0 = 2.2, 30.0
    i_tot = float(A.characteristic(v0, alpha))
    y0 = _fp(v0, alpha) + np.array([0.5, -0.3, -0.1])
    n_out, dt = 401, 0.05
    _, _, out, stats = K.dopri5_record(
        np.array([[alpha, i_tot, v_f, omega_f]]), y0[None], y0[None], (n_out - 1) * dt,
        1e-11, 1e-13, math.inf, 1.0, 20, 0.0, 0.0, dt, n_out, 10**7,
    )  # fmt: skip
    ds = D.integrate(alpha, i_tot, (n_out - 1) * dt, initial=y0, v_f=v_f, omega_f=omega_f,
                     samples=n_out)  # fmt: skip
    ref = np.stack([ds[k].values for k in ("v", "i_j", "i_s")], axis=1)
    assert stats[0, 2] == K.OK
    assert np.max(np.abs(out[0] - ref)) < 1e-8 * np.max(np.abs(ref))


def test_dopri5_kernel_takes_scipy_rk45_steps():
    """Same tableau, controller and first step as scipy RK45: at a loose tolerance the step
    sequence (hence the number of evaluations) and the solution agree (to round-off, far
    below the tolerance)."""
    alpha, v0 = 2.2, 30.0
    i_tot = float(A.characteristic(v0, alpha))
    y0 = _fp(v0, alpha) + np.array([0.0, 0.0, -0.1])
    t = np.linspace(0.0, 20.0, 201)
    sol = solve_ivp(_rhs, (0, 20.0), y0, method="RK45", t_eval=t, rtol=1e-6, atol=1e-9,
                    args=(alpha, i_tot))  # fmt: skip
    _, _, out, stats = K.dopri5_record(
        np.array([[alpha, i_tot, 0.0, 0.0]]), y0[None], y0[None], 20.0, 1e-6, 1e-9, math.inf,
        1.0, 20, 0.0, 0.0, 0.1, 201, 10**7,
    )  # fmt: skip
    attempts = stats[0, 0] + stats[0, 1]
    assert sol.nfev == 2 + 6 * attempts
    # same steps; round-off in the stage sums (BLAS order) grows to ~1e-9 over 20 τ
    assert np.max(np.abs(out[0] - sol.y.T)) < 1e-8


def test_rk4_error_falls_as_h4():
    """Global error at τ = 3 against DOP853 (rtol 1e-13): ratios of 16 per halving."""
    alpha, v0 = 4.0, 5.0
    i_tot = float(A.characteristic(v0, alpha))
    y0 = _fp(v0, alpha) + np.array([1.0, 0.5, -0.5])
    ref = solve_ivp(_rhs, (0, 3.0), y0, method="DOP853", rtol=1e-13, atol=1e-14,
                    args=(alpha, i_tot)).y[:, -1]  # fmt: skip
    errors = []
    for h in (0.02, 0.01, 0.005):
        n = round(3.0 / h)
        final, *_ = K.rk4_record(np.array([[alpha, i_tot, 0.0, 0.0]]), y0[None], y0[None], h, n,
                                 n, n + 1, 1, 0)  # fmt: skip
        errors.append(np.max(np.abs(final[0] - ref)))
    ratios = np.array(errors[:-1]) / np.array(errors[1:])
    assert np.all((ratios > 14.0) & (ratios < 18.0)), ratios


def test_average_voltage_on_the_characteristic_and_against_scipy():
    """No field: <v> is the fixed point of eq. 48 (α < 2, one branch), and a carried row equals
    independent points.  With a field: <v> equals the average of a DOP853 trajectory."""
    alpha = 0.8
    v = np.array([0.5, 2.0, 6.0])
    i = A.characteristic(v, alpha)
    vm, final, status = K.average_voltage(alpha, i, 0.0, 0.0, np.zeros(3), 60.0, 20.0, 1e-10, 1e-12)
    assert np.all(status == K.OK)
    np.testing.assert_allclose(vm, v, rtol=1e-8)
    np.testing.assert_allclose(final, np.stack(A.fixed_point(v, alpha), axis=1), rtol=1e-8)
    row, _, _ = K.average_voltage(
        alpha, i[None, :], 0.0, 0.0, np.zeros(3), 60.0, 20.0, 1e-10, 1e-12
    )
    np.testing.assert_allclose(row[0], v, rtol=1e-8)
    # eq. 76 with a field: time average over [10, 15] against Simpson on dense scipy output
    alpha, i_tot, v_f, omega_f = 3.0, 25.0, 30.0, 20.0
    vm, _, _ = K.average_voltage(alpha, [i_tot], v_f, omega_f, np.zeros(3), 10.0, 5.0, 1e-11, 1e-13)
    ds = D.integrate(alpha, i_tot, 15.0, initial=np.zeros(3), v_f=v_f, omega_f=omega_f,
                     samples=15001)  # fmt: skip
    from scipy.integrate import simpson

    ref = simpson(ds["v"].values[10000:], dx=0.001) / 5.0
    assert abs(vm[0] - ref) < 1e-7 * abs(ref)


# --------------------------------------------------------------------------- the search
@pytest.mark.parametrize("mode", ["real", "complex"])
def test_small_kick_decays_at_the_linearised_rate(mode):
    """A 1e-5 kick along an eigenvector of the Jacobian (eq. 59) decays as exp(Re λ τ) with λ
    from analytic.stability, and the complex mode rings at Im λ.  α = 100, v0 = 30 separates
    the rates (λ0 ≈ −0.56, Re λ± ≈ −1.22) and the ringing period (0.2) from the blocks (1).
    Fixed-step RK4: a tolerance relative to |y| ≈ 400 would not resolve the 1e-9 tail, and
    the 1e-5 kick keeps the second-order (mode-mixing) terms below 0.2 %."""
    alpha, v0 = 100.0, 30.0
    st = A.stability(v0, alpha)
    w, vec = np.linalg.eig(A.jacobian(v0, alpha))
    target = st["real"] if mode == "real" else st["complex"]
    k = int(np.argmin(np.abs(w - target)))
    direction = np.real(vec[:, k])  # for the pair: a vector of its real invariant plane
    rk4 = S.RungeKutta4(phase_step=0.1)
    ds = S.search_attractors(
        alpha, v0, perturbations=[1e-5], directions=[direction], duration=40.0, window=20.0,
        envelope_step=1.0, refinements=[rk4],
    )  # fmt: skip
    env = ds["envelope"].isel(refinement=0, size=0, direction=0).values
    tau = ds["tau_envelope"].values
    sel = (tau >= 3) & (tau <= (16 if mode == "real" else 10))
    rate = np.polyfit(tau[sel], np.log(env[sel]), 1)[0]
    assert rate == pytest.approx(np.real(target), rel=0.01)
    assert str(ds["verdict"].values[0, 0]) == "decay"
    if mode == "complex":
        kick = 1e-5 * direction / np.linalg.norm(direction)
        orbit = S.orbit(alpha, v0, kick, start=0.0, stop=10.0, refinement=rk4)
        omega, *_ = S.dominant_frequency(orbit["i_j"].values, 0.01)
        assert omega == pytest.approx(np.imag(target), rel=0.002)


def test_large_kick_lands_on_the_other_fixed_point():
    """α = 4, v̄ = 5 is on the ohmic branch of a bistable bias: a kick most of the way to the
    Josephson-branch fixed point lands there (converged across methods), a small one decays."""
    alpha, v0 = 4.0, 5.0
    i_tot = float(A.characteristic(v0, alpha))
    roots = A.fixed_points(i_tot, alpha)
    assert roots.size == 3
    low = _fp(roots[0], alpha)
    delta = 0.9 * (low - _fp(v0, alpha))
    ds = S.search_attractors(
        alpha, v0, perturbations=[1e-2, float(np.linalg.norm(delta))], directions=[delta],
        duration=300.0, window=50.0,
        refinements=[S.DormandPrince(rtol=1e-10, atol=1e-12), S.RungeKutta4(phase_step=0.25),
                     D.Integrator(method="Radau", rtol=1e-8, atol=1e-10)],
    )  # fmt: skip
    assert list(ds["verdict"].values[:, 0]) == ["decay", "other fixed point"]
    assert bool(ds["converged"].all())
    final = ds["final"].isel(size=1, direction=0).values
    assert np.max(np.abs(final - low)) < 1e-6
    assert np.allclose(ds["landed_v"].isel(size=1).values, roots[0])


def test_document_case_decays_for_converged_methods():
    """α = 2.2, v̄ = 30, δi_S = −0.1 (the document's Fig. 6 start): every converged method
    reaches the fixed point within τ ≈ 15 (linear rate ≈ 1) and stays; the compiled RK4 sits
    at round-off at the end."""
    ds = S.document_case(
        refinements=[S.DormandPrince(rtol=1e-10, atol=1e-12), S.RungeKutta4(phase_step=0.25)],
        duration=300.0, window=50.0, perturbations=[0.1],
    )  # fmt: skip
    assert str(ds["verdict"].values[0, 0]) == "decay"
    assert np.all(ds["decay_time"].values < 15.0)
    assert float(ds["final_distance"].sel(refinement="rk4 h·ω=0.25").max()) < 1e-12


def test_loose_tolerance_equilibrium_scales_with_tolerance():
    """The integrator artefact: Dormand–Prince at loose tolerance keeps the kick ringing at
    ω ≈ Im λ with an amplitude proportional to rtol, so the verdict is 'unconverged'."""
    ds = S.document_case(
        refinements=[S.DormandPrince(rtol=1e-3, atol=1e-6), S.DormandPrince(rtol=1e-4, atol=1e-7)],
        duration=400.0, window=100.0, perturbations=[0.1],
    )  # fmt: skip
    amp = ds["late_amplitude"].isel(size=0, direction=0).values
    assert list(ds["outcome"].isel(size=0, direction=0).values) == ["oscillation"] * 2
    assert amp[0] / amp[1] == pytest.approx(10.0, rel=0.2)
    freq = ds["frequency"].isel(size=0, direction=0).values
    assert np.allclose(freq, float(ds["lambda_complex_im"]), rtol=0.02)
    assert str(ds["verdict"].values[0, 0]) == "unconverged"


# --------------------------------------------------------------------------- classifier
def test_classifier_on_synthetic_signals():
    t = np.linspace(0.0, 100.0, 4001)
    fps = np.array([[1.0, 2.0, 3.0], [10.0, 0.5, 4.0]])
    still = np.tile(fps[0], (t.size, 1))
    assert S.classify(still, fps)["outcome"] == "decay"
    assert S.classify(np.tile(fps[1], (t.size, 1)), fps)["outcome"] == "other fixed point"
    assert S.classify(np.tile(fps[1], (t.size, 1)), fps)["landed"] == 1
    ring = still.copy()
    ring[:, 1] += 0.3 * np.sin(5.0 * t)
    ring[:, 0] += 0.1 * np.cos(5.0 * t)
    res = S.classify(ring, fps)
    assert res["outcome"] == "oscillation"
    assert res["amplitude"] == pytest.approx(0.3, rel=1e-3)
    assert S.dominant_frequency(ring[:, 1], t[1] - t[0])[0] == pytest.approx(5.0, rel=1e-3)
    fading = still.copy()
    fading[:, 1] += 0.3 * np.exp(-0.05 * t) * np.sin(5.0 * t)
    assert S.classify(fading, fps)["outcome"] == "inconclusive"
    drifting = still.copy()
    drifting[:, 0] += 0.01 * t
    assert S.classify(drifting, fps)["outcome"] == "inconclusive"
    broken = ring.copy()
    broken[7, 2] = np.nan
    assert S.classify(broken, fps)["outcome"] == "failed"


# --------------------------------------------------------------------------- harmonic balance
def test_completed_one_harmonic_balance_has_no_self_oscillation():
    """Over a wide (v0, ω) grid the parametrised one-harmonic solutions solve the truncated
    eqs. 81–82 (n = 0, ±1) exactly, and none has both |v1|² > 0 and α > 0."""
    v = np.concatenate([-np.logspace(-2, 3, 150), np.logspace(-2, 3, 150)])
    w = np.logspace(-2, 3, 200)
    hb = S.harmonic_balance(v[:, None], w[None, :])
    assert not hb["self_oscillation"].any()
    s, alpha = hb["v1_squared"], hb["alpha"]
    pos = s > 0
    assert pos.sum() > 1000  # the check is not vacuous
    vv, ww = np.broadcast_arrays(v[:, None], w[None, :])
    for k in np.flatnonzero(pos)[:: max(1, pos.sum() // 200)]:
        v0, om, a, a1 = vv.flat[k], ww.flat[k], alpha.flat[k], math.sqrt(s.flat[k])
        z0, i_tot = hb["zeta0"].flat[k], hb["i_tot"].flat[k]
        c = z0 - 4 * a
        z1 = -1j * c * a1 / (1 + 1j * (v0 - om))
        zm1 = np.conj(1j * np.conj(c) * a1 / (1 - 1j * (v0 + om)))  # ζ₋₁
        res = np.array([
            v0 + z0.imag - i_tot,  # eq. 81, n = 0 (eq. 83)
            (1 - 1j * om) * a1 + (z1 - np.conj(zm1)) / 2j,  # eq. 81, n = 1
            z0 + 1j * (z0 * v0 + z1 * a1 + zm1 * a1) - 4j * a * v0,  # eq. 82, n = 0
            (1 - 1j * om) * z1 + 1j * (z1 * v0 + z0 * a1) - 4j * a * a1,  # n = 1 (eq. 84)
            (1 + 1j * om) * zm1 + 1j * (zm1 * v0 + z0 * a1) - 4j * a * a1,  # n = −1
        ])  # fmt: skip
        scale = 1 + abs(z0) * (1 + abs(v0) + a1) + abs(a) * (abs(v0) + a1) + abs(om) * a1
        assert np.max(np.abs(res)) < 1e-10 * scale


# --------------------------------------------------------------------------- inputs
def test_bad_input_raises_parameter_error():
    with pytest.raises(ParameterError):
        S.search_attractors(-1.0, 30.0)
    with pytest.raises(ParameterError):
        S.search_attractors(2.2, 30.0, perturbations=[0.1, np.inf])
    with pytest.raises(ParameterError):
        S.search_attractors(2.2, 30.0, perturbations=[0.0])
    with pytest.raises(ParameterError):
        S.search_attractors(2.2, 30.0, refinements=["RK4"])
    with pytest.raises(ParameterError):
        D.Integrator(method="Euler")
    with pytest.raises(ParameterError):
        S.RungeKutta4()
    with pytest.raises(ParameterError):
        S.RungeKutta4(step=0.01, phase_step=0.2)
    with pytest.raises(ParameterError):
        S.DormandPrince(rtol=0.0)
    with pytest.raises(ParameterError):
        S.search_attractors(2.2, 30.0, i_tot=30.0)
    with pytest.raises(ParameterError):
        S.search_attractors(2.2, 30.0, directions=[(0.0, 0.0, 0.0)])
    with pytest.raises(ParameterError):
        S.search_attractors(2.2, 30.0, duration=100.0, window=150.0)
    with pytest.raises(ParameterError):
        S.search_attractors(2.2, 30.0, directions=None, random_directions=0)
    with pytest.raises(ParameterError):
        S.harmonic_balance(math.nan, 30.0)
    with pytest.raises(ParameterError):
        S.harmonic_balance(0.0, 30.0)
