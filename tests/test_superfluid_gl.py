"""Physics of the Ginzburg–Landau interface of josephson.superfluid.gl (document 000, eqs. 9–17).

Checks: the collocation solution against the exact first-integral solution (an independent
root finder), including where no stationary state exists; the tunnelling limit (eqs. 15–16)
and its first 1/ζ correction; decoupling of the condensates and its breaking by g_np; the
entrainment currents against the eqs. 15–16 implementation of josephson.superfluid.analytic;
symmetries (time reversal, 2π periodicity, mirror); the departure from a sine at high
transparency; and refusal of bad input.
"""

import math
from functools import cache

import numpy as np
import pytest
from scipy.optimize import minimize_scalar

from josephson.errors import ConvergenceError, ParameterError
from josephson.superfluid import gl

# The collocation method converges the currents to ~1e-11 here (tolerance 1e-9 on the
# residual; the interface values are far more accurate than the residual bound), and the far
# field error ~exp(-2√2 L/ξ) is negligible for L = 20ξ.  1e-8 leaves a wide margin.
EXACT = 1e-8
# A state whose bulk is this close to the depairing point (f∞² = 2/3) relaxes too slowly for
# L = 20ξ and may be reported missing: existence is compared only beyond this margin.
RESOLVED_W = 0.70

SINGLE = {"components": ("n",)}


def single(zeta, **side):
    s = gl.GLSide(**side)
    return gl.GLInterface(side1=s, side2=s, zeta_n=zeta, **SINGLE)


@cache
def single_cpr(zeta, n=25, hi=math.pi):
    return gl.interface_cpr(single(zeta), np.linspace(0.0, hi, n))


def exact(theta, zeta, **kw):
    """First-integral solution on the branch that exists (ground first, then π)."""
    g = gl.first_integral_cpr(theta, zeta=zeta, branch="ground", **kw)
    p = gl.first_integral_cpr(theta, zeta=zeta, branch="pi", **kw)
    return {k: np.where(np.isfinite(g[k]), g[k], p[k]) for k in g}


def loglog_slope(x, y):
    return np.polyfit(np.log(x), np.log(y), 1)[0]


# --- 1. exact single-component solution -----------------------------------------------------
@pytest.mark.parametrize("zeta", [0.5, 1.0, 2.0, 5.0, 50.0])
def test_bvp_matches_first_integral(zeta):
    """½f'² + J²/2f² + f²/2 − f⁴/4 = bulk value, f'(0) = f0 cos Δθ/ζ, J = f0² sin Δθ/ζ: solved
    by brentq, against solve_bvp; also the *absence* of states where the system has none."""
    ds = single_cpr(zeta)
    th = ds.delta_theta.values
    ref = exact(th, zeta)
    has = np.isfinite(ref["phase_current"])
    resolved = has & (ref["amplitude_far"] ** 2 > RESOLVED_W)
    got = ds.exists.values
    assert np.all(got[resolved]), "a state that exists (well-relaxed bulk) was not found"
    assert not np.any(got[~has]), "a state was reported where the first integral has none"
    for name in ("phase_current", "amplitude_interface", "amplitude_far"):
        bvp = ds[name].values.reshape(-1, th.size)[:, got]
        assert np.abs(bvp - ref[name][got]).max() < EXACT, name
    # a gap in the CPR exactly when zeta is below the continuity threshold
    continuous = zeta >= float(gl.continuous_cpr_zeta())
    assert bool(np.all(has)) == continuous
    assert bool(np.all(got)) == continuous


def test_first_integral_units_and_bvp_agree_for_general_coefficients():
    """a, b, K ≠ 1: the exact solution rescales by ξ = √(K/|a|), |ψ|² = |a|/b."""
    a, b, k, zeta = -2.0, 0.5, 1.3, 3.0
    side = gl.GLSide(a_n=a, b_n=b)
    model = gl.GLInterface(side1=side, side2=side, zeta_n=zeta, stiffness_n=k, **SINGLE)
    th = np.linspace(0.2, 3.0, 5)
    ds = gl.interface_cpr(model, th)
    ref = exact(th, zeta, a=a, b=b, stiffness=k)
    assert np.all(ds.exists)
    assert np.abs(ds.phase_current.values[0] - ref["phase_current"]).max() < EXACT
    assert np.abs(ds.amplitude_interface.values[:, 0] - ref["amplitude_interface"]).max() < EXACT


def test_ground_branch_ends_at_the_bulk_depairing_current():
    """ζ = 1 < √3 ξ: from Δθ = 0 the current rises to the bulk depairing current 2/(3√3) within
    Δθ ≈ 0.1 and the states end there; no state on the ground branch carries more."""
    zeta = 1.0
    j_c = float(gl.depairing_current())
    th = np.linspace(0.0, 0.12, 13)
    ds = gl.interface_cpr(single(zeta), th)
    ref = gl.first_integral_cpr(th, zeta=zeta)
    j = ds.phase_current.values[0]
    last = np.flatnonzero(ds.exists.values).max()
    assert np.nanmax(j) < j_c
    assert np.nanmax(ref["phase_current"]) < j_c
    assert j[last] > 0.9 * j_c
    # the analytic end of the branch: bulk at f∞² = 2/3, i.e. J = J_c
    end = th[np.isfinite(ref["phase_current"])].max()
    assert th[last] <= end
    assert not np.any(ds.exists.values[th > end])


def test_no_state_in_the_gap_raises_convergence_error():
    with pytest.raises(ConvergenceError, match="depairing"):
        gl.gl_interface(single(1.0), 1.0)


# --- 2. tunnelling limit (eqs. 15–16) and its first correction ---------------------------------
def test_tunnelling_limit_and_linearised_correction():
    """J → sin Δθ/ζ with a relative deviation ∝ 1/ζ, and J − sin Δθ/ζ → sin 2Δθ/(√2 ζ²)."""
    th = np.linspace(0.0, math.pi, 9)
    zetas = np.geomspace(20.0, 2000.0, 5)
    rel, rest = [], []
    for zeta in zetas:
        ds = gl.interface_cpr(single(zeta), th)
        j = ds.phase_current.values[0]
        tun = ds.phase_current_tunnelling.values[0]
        assert np.abs(tun - np.sin(th) / zeta).max() < 1e-15  # bulk |ψ| = 1
        rel.append(np.abs(j - tun).max() / np.abs(tun).max())
        second = np.sin(2 * th) / (math.sqrt(2) * zeta**2)
        lin = ds.phase_current_linearised.values[0]
        assert np.abs(lin - tun - second).max() < 1e-15
        # the 1/ζ² coefficient: ζ²(J − J_tun) → sin 2Δθ/√2, remainder O(1/ζ)
        assert np.abs(zeta**2 * (j - tun) - zeta**2 * second).max() < 2.0 / zeta
        rest.append(np.abs(j - lin).max())
    slope = loglog_slope(zetas, rel)
    assert abs(slope + 1) < 0.02, slope
    # the remainder after the first correction is O(1/ζ³) (resolved while above ~1e-10)
    ok = np.array(rest) > 1e-9
    assert ok.sum() >= 3
    assert abs(loglog_slope(zetas[ok], np.array(rest)[ok]) + 3) < 0.1


# --- 3. decoupling and entrainment ------------------------------------------------------------
SIDE1 = {"a_n": -1.0, "b_n": 1.0, "a_p": -0.8, "b_p": 1.3}
SIDE2 = {"a_n": -1.5, "b_n": 0.9, "a_p": -1.1, "b_p": 1.0}


def coupled(zeta, g1=0.4, g2=0.3, **kw):
    return gl.GLInterface(
        side1=gl.GLSide(**SIDE1, g_np=g1), side2=gl.GLSide(**SIDE2, g_np=g2),
        zeta_n=zeta, zeta_p=1.3 * zeta, stiffness_p=0.9986, **kw,
    )  # fmt: skip


def first_integral(model, side, f, cur, slope_sq):
    """Σ_j K_j(f_j'²/2 + J_j²/2f_j²) − V(f) on one side, V = Σ_j (a_j f_j²/2 + b_j f_j⁴/4)
    + g f_n² f_p²/2: constant along x for the amplitude equations."""
    s = model.sides[side]
    out = -0.5 * s.g_np * f[0] ** 2 * f[1] ** 2
    for j, c in enumerate(("n", "p")):
        k, a, b = model.stiffness(c), getattr(s, f"a_{c}"), getattr(s, f"b_{c}")
        out += k * (slope_sq[j] / 2 + cur[j] ** 2 / (2 * f[j] ** 2)) - a * f[j] ** 2 / 2
        out -= b * f[j] ** 4 / 4
    return out


@pytest.mark.parametrize("jumps", [(0.4, 2.5), (2.9, -1.2)])
def test_coupled_asymmetric_solution_conserves_the_first_integral(jumps):
    """Two coupled condensates, different sides, a fairly transparent barrier: the first integral of
    each side, evaluated at the interface (where f_sj'² + J_j²/f_sj² = f_s'j²/ζ_j² by eq. 11)
    and in the far field (f' = 0), must agree; and the far field is the homogeneous state
    carrying the currents, K J²/f⁴ + a + b f² + g f_other² = 0."""
    model = coupled(6.0)  # ζ/ξ_max ≈ 3.6: strongly non-sinusoidal, yet no gap in the CPR
    ds = gl.gl_interface(model, *jumps)
    f0, far = ds.amplitude_interface.values, ds.amplitude_far.values
    cur = ds.phase_current.values
    zeta = np.array([model.zeta_n, model.zeta_p])
    for side in (0, 1):
        at_interface = first_integral(model, side, f0[side], np.zeros(2),
                                      (f0[1 - side] / zeta) ** 2)  # fmt: skip
        at_far = first_integral(model, side, far[side], cur, np.zeros(2))
        assert abs(at_interface - at_far) < EXACT
        s = model.sides[side]
        for j, c in enumerate(("n", "p")):
            bulk = (model.stiffness(c) * cur[j] ** 2 / far[side, j] ** 4 + getattr(s, f"a_{c}")
                    + getattr(s, f"b_{c}") * far[side, j] ** 2
                    + s.g_np * far[side, 1 - j] ** 2)  # fmt: skip
            assert abs(bulk) < 1e-6
    # the current is the one eq. 11 fixes at the interface
    assert np.abs(cur - f0[0] * f0[1] * np.sin(jumps) / zeta).max() < EXACT


def test_uncoupled_condensates_are_independent():
    """g_np = 0, no entrainment: J_n does not feel Δθ_p, and equals the one-component model."""
    th = np.linspace(0.0, math.pi, 7)
    model = coupled(4.0, g1=0.0, g2=0.0)
    a = gl.interface_cpr(model, th, driven="n", other=0.0)
    b = gl.interface_cpr(model, th, driven="n", other=1.3)
    only_n = gl.GLInterface(side1=gl.GLSide(**SIDE1), side2=gl.GLSide(**SIDE2), zeta_n=4.0,
                            **SINGLE)  # fmt: skip
    c = gl.interface_cpr(only_n, th)
    jn = a.phase_current.sel(component="n").values
    assert np.abs(jn - b.phase_current.sel(component="n").values).max() < 1e-9
    assert np.abs(jn - c.phase_current.sel(component="n").values).max() < 1e-9
    assert np.abs(a.current.sel(component="n").values - jn).max() == 0.0
    # and the proton current at fixed Δθ_p = 1.3 does not feel Δθ_n
    jp = b.phase_current.sel(component="p").values
    assert np.ptp(jp) < 1e-9 and jp.min() > 0


def test_density_coupling_makes_the_neutron_current_feel_the_proton_phase():
    """g_np ≠ 0: at Δθ_n = π/2, J_n varies with Δθ_p by an amount ∝ 1/(ζ_n ζ_p) (second
    order), as the linearised amplitude modes A^{-1/2} predict."""
    tp = np.linspace(0.0, 2 * math.pi, 9)
    zetas = np.array([20.0, 40.0, 80.0])
    spread = []
    for zeta in zetas:
        ds = gl.interface_cpr(coupled(zeta), tp, driven="p", other=math.pi / 2)
        assert np.all(ds.exists)
        jn = ds.phase_current.sel(component="n").values
        lin = ds.phase_current_linearised.sel(component="n").values
        spread.append(np.ptp(jn))
        assert abs(np.ptp(jn) / np.ptp(lin) - 1) < 2.0 / zeta
        # it is a small effect on top of a first-order current
        assert np.ptp(jn) < 1.0 / zeta * np.abs(jn).max()
    assert abs(loglog_slope(zetas, spread) + 2) < 0.02


def test_entrained_currents_follow_eqs_15_16():
    """ρ_pn ≠ 0: the proton current driven purely by the neutron phase (Δθ_p = 0) is
    j_p = ε_n J_n (eqs. 22–23 with eq. 15's ρ_pn/ρ_n), and the tunnelling values equal the
    dimensionless eqs. 15–16 of josephson.superfluid.analytic.interface_currents."""
    from josephson.superfluid.analytic import interface_currents
    from josephson.superfluid.model import EntrainmentMatrix

    rho_n, rho_p, rho_pn = 1.0, 0.25, -0.05
    eps_n, eps_p = gl.entrainment_ratios(rho_pn=rho_pn, rho_n=rho_n, rho_p=rho_p)
    zeta = 40.0
    model = coupled(zeta, entrainment_n=float(eps_n), entrainment_p=float(eps_p))
    th = np.linspace(-math.pi, math.pi, 9)
    ds = gl.interface_cpr(model, th, driven="n", other=0.0)
    jn = ds.phase_current.sel(component="n").values
    assert np.abs(ds.phase_current.sel(component="p").values).max() < 1e-12
    assert np.allclose(ds.current.sel(component="p").values, eps_n * jn, rtol=1e-12, atol=1e-15)
    assert np.allclose(ds.current.sel(component="n").values, (1 - eps_n) * jn, rtol=1e-12,
                       atol=1e-15)  # fmt: skip
    # eqs. 15–16 as implemented independently (natural units: ħ = e = m = 1)
    f1 = gl.bulk_amplitudes(model.side1)
    f2 = gl.bulk_amplitudes(model.side2)
    matrix = EntrainmentMatrix(rho_nn=rho_n - rho_pn, rho_pp=rho_p - rho_pn, rho_np=rho_pn)
    for t_n, t_p in ((th, 0.0), (0.7, th)):
        ref = interface_currents(t_n, t_p, matrix, zeta_n=model.zeta_n, zeta_p=model.zeta_p,
                                 amplitude_n=f1["n"] * f2["n"], amplitude_p=f1["p"] * f2["p"],
                                 units="natural")  # fmt: skip
        mine = gl.tunnelling_currents(model, t_n, t_p)
        for c in ("n", "p"):
            assert np.allclose(mine[f"current_{c}"], ref[f"j_{c}"], rtol=1e-13, atol=1e-16)
    # the full solution approaches them: relative deviation O(1/ζ)
    tun = ds.current_tunnelling.sel(component="p").values
    jp = ds.current.sel(component="p").values
    assert np.abs(jp - tun).max() / np.abs(tun).max() < 3.0 / zeta


# --- 4. symmetries --------------------------------------------------------------------------
@cache
def sweep(swap=False, driven="both"):
    model = coupled(6.0, entrainment_n=0.1, entrainment_p=0.3)
    if swap:
        model = gl.GLInterface(side1=model.side2, side2=model.side1, zeta_n=model.zeta_n,
                               zeta_p=model.zeta_p, stiffness_p=model.stiffness_p,
                               entrainment_n=0.1, entrainment_p=0.3)  # fmt: skip
    th = np.linspace(-math.pi, 3 * math.pi, 33)  # step π/8
    return gl.interface_cpr(model, th, driven=driven)


def test_time_reversal_periodicity_and_zeros():
    ds = sweep()
    assert np.all(ds.exists) and np.all(ds.anchor == 0)  # one branch from Δθ = 0 to 3π
    th = ds.delta_theta.values
    j = ds.phase_current.values
    k = lambda t: int(np.argmin(np.abs(th - t)))  # noqa: E731
    for t in th[(th >= 0) & (th <= math.pi + 1e-9)]:
        assert np.abs(j[:, k(-t)] + j[:, k(t)]).max() < 1e-9  # J(−Δθ) = −J(Δθ)
        assert np.abs(j[:, k(t + 2 * math.pi)] - j[:, k(t)]).max() < 1e-9  # 2π-periodic
    for t in (0.0, math.pi, 2 * math.pi, -math.pi):
        assert np.abs(j[:, k(t)]).max() < 1e-12
    assert np.all(j[:, k(math.pi / 2)] > 0)


def test_side_swap():
    """Mirror x → −x maps side 1 ↔ 2 and Δθ → −Δθ, so J_swapped(−Δθ) = −J(Δθ); with time
    reversal, J_swapped(Δθ) = J(Δθ): the swap alone does not reverse the current."""
    a, b = sweep(), sweep(swap=True)
    th = a.delta_theta.values
    rev = np.array([int(np.argmin(np.abs(th + t))) for t in th[th <= math.pi + 1e-9]])
    fwd = np.flatnonzero(th <= math.pi + 1e-9)
    ja, jb = a.phase_current.values, b.phase_current.values
    assert np.abs(jb[:, rev] + ja[:, fwd]).max() < 1e-9
    assert np.abs(jb - ja).max() < 1e-9
    # the interface amplitudes trade places
    fa, fb = a.amplitude_interface.values, b.amplitude_interface.values
    assert np.abs(fb[::-1] - fa).max() < 1e-9
    # profiles of one state: f_swapped(x) = f(−x) at −Δθ
    model = coupled(6.0)
    mirror = gl.GLInterface(side1=model.side2, side2=model.side1, zeta_n=model.zeta_n,
                            zeta_p=model.zeta_p, stiffness_p=model.stiffness_p)  # fmt: skip
    p = gl.gl_interface(model, 0.9, -0.4)
    q = gl.gl_interface(mirror, -0.9, 0.4)
    assert np.abs(p.phase_current.values + q.phase_current.values).max() < 1e-9
    for side_p, side_q in ((1, 2), (2, 1)):
        xp = p.x.values[p.side_of_x.values == side_p]
        fp = p.amplitude.values[:, p.side_of_x.values == side_p]
        xq = q.x.values[q.side_of_x.values == side_q]
        fq = q.amplitude.values[:, q.side_of_x.values == side_q]
        order = np.argsort(-xq)
        for c in range(2):
            assert np.abs(np.interp(xp, -xq[order], fq[c][order]) - fp[c]).max() < 1e-6


# --- 5. high transparency -----------------------------------------------------------------------
@pytest.mark.parametrize("zeta", [3.0, 5.0, 10.0, 20.0])
def test_skew_of_the_cpr_follows_the_linearised_result(zeta):
    """J ≈ sin Δθ/ζ + sin 2Δθ/(√2ζ²): A₂/A₁ ≈ 1/(√2ζ) > 0, maximum below π/2 (skewness < 0);
    the exact maximum (first integral) is found by the BVP sweep."""
    ds = single_cpr(zeta, n=33)
    ratio, pmax = float(ds.harmonic_ratio[0]), float(ds.phase_max[0])
    assert ratio > 0 and float(ds.skewness[0]) < 0
    assert abs(ratio * math.sqrt(2) * zeta - 1) < 0.5 / zeta**2
    best = minimize_scalar(lambda t: -gl.first_integral_cpr(t, zeta=zeta)["phase_current"],
                           bounds=(0.5, 2.0), method="bounded", options={"xatol": 1e-10})  # fmt: skip
    # parabola through the three largest samples (spacing π/32): position to ~3e-3, value to
    # ~1e-4 relative
    assert abs(pmax - best.x) < 5e-3
    assert abs(float(ds.current_max[0]) / -best.fun - 1) < 3e-4
    lin = minimize_scalar(lambda t: -(math.sin(t) / zeta + math.sin(2 * t) / (math.sqrt(2) * zeta**2)),
                          bounds=(0.5, 2.0), method="bounded", options={"xatol": 1e-12})  # fmt: skip
    shift_lin = math.pi / 2 - lin.x
    assert abs((math.pi / 2 - pmax) / shift_lin - 1) < 4.0 / zeta**2


def test_departure_from_a_sine_grows_with_transparency():
    zetas = [20.0, 10.0, 5.0, 3.0]
    ratio = [float(single_cpr(z, n=33).harmonic_ratio[0]) for z in zetas]
    skew = [float(single_cpr(z, n=33).skewness[0]) for z in zetas]
    assert np.all(np.diff(ratio) > 0) and np.all(np.diff(skew) < 0)
    # below the continuity threshold the CPR has a gap: no harmonic content is reported
    assert math.isnan(float(single_cpr(2.0).harmonic_ratio[0]))


def test_sine_deviation_of_known_curves():
    th = np.linspace(-math.pi, math.pi, 41)
    d = gl.sine_deviation(th, np.sin(th) + 0.2 * np.sin(2 * th) - 0.05 * np.sin(3 * th))
    assert abs(d["harmonic_ratio"] - 0.2) < 1e-12
    d = gl.sine_deviation(th, np.sin(th))
    assert abs(d["harmonic_ratio"]) < 1e-12 and abs(d["skewness"]) < 1e-3
    d = gl.sine_deviation(th, 0.3 + np.sin(th + 0.4) + 0.1 * np.sin(2 * th), odd=False)
    assert abs(d["harmonic_ratio"] - 0.1) < 1e-12


# --- results are self-describing ---------------------------------------------------------------
def test_datasets_describe_themselves():
    model = coupled(6.0)
    for ds in (gl.gl_interface(model, 0.5, 0.2),
               gl.interface_cpr(model, np.linspace(0, 1, 3))):  # fmt: skip
        for name, var in ds.variables.items():
            assert "units" in var.attrs and "long_name" in var.attrs, name
        assert ds.attrs["computation"].startswith("superfluid.")
        assert '"zeta_n": 6.0' in ds.attrs["model"] and '"tolerance"' in ds.attrs["method"]


def test_symmetric_interface_cpr_runs_in_a_sweep_grid():
    from josephson.sweep import grid

    th = np.linspace(0, math.pi, 5)
    ds = grid(gl.symmetric_interface_cpr, zeta_n=[8.0, 16.0], delta_theta=th,
              fixed={"components": ("n",)}, engine="inprocess")  # fmt: skip
    assert ds.phase_current.dims[:1] == ("zeta_n",)
    j = ds.phase_current.sel(component="n")
    ref = np.array([exact(th, z)["phase_current"] for z in (8.0, 16.0)])
    assert np.abs(j.values - ref).max() < EXACT


# --- 6. bad input -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("build", "argument"),
    [
        (lambda: gl.GLSide(a_n=0.0), "a_n"),
        (lambda: gl.GLSide(a_p=0.3), "a_p"),
        (lambda: gl.GLSide(b_n=0.0), "b_n"),
        (lambda: gl.GLSide(b_p=-1.0), "b_p"),
        (lambda: gl.GLSide(a_n=math.nan), "a_n"),
        (lambda: gl.GLSide(g_np=1.0), "g_np"),  # b_n b_p = g²: not a minimum
        (lambda: gl.GLSide(g_np=-1.5), "g_np"),  # unbounded below
        (lambda: gl.GLSide(a_p=-0.2, g_np=0.5), "g_np"),  # |ψ_p|² < 0: protons expelled
        (lambda: gl.GLInterface(zeta_n=0.0), "zeta_n"),
        (lambda: gl.GLInterface(zeta_p=-2.0), "zeta_p"),
        (lambda: gl.GLInterface(zeta_n=math.nan), "zeta_n"),
        (lambda: gl.GLInterface(stiffness_p=0.0), "stiffness_p"),
        (lambda: gl.GLInterface(entrainment_n=0.2, entrainment_p=-0.1), "entrainment_p"),
        (lambda: gl.GLInterface(entrainment_n=0.6, entrainment_p=0.5), "entrainment_n"),
        (lambda: gl.GLInterface(components=("n", "x")), "components"),
        (lambda: gl.GLInterface(side1=gl.GLSide(g_np=0.2), **SINGLE), "side1.g_np"),
        (lambda: gl.GLInterface(side1="S"), "side1"),
        (lambda: gl.BVP(tolerance=0.0), "tolerance"),
        (lambda: gl.BVP(length=math.nan), "length"),
        (lambda: gl.gl_interface(gl.GLInterface(**SINGLE), 0.1, 0.2), "delta_theta_p"),
        (lambda: gl.gl_interface(gl.GLInterface(), math.nan), "delta_theta_n"),
        (lambda: gl.gl_interface(gl.GLInterface(), 0.1, method="rk4"), "method"),
        (lambda: gl.interface_cpr(gl.GLInterface(), [0.0, math.nan]), "delta_theta"),
        (lambda: gl.interface_cpr(gl.GLInterface(), [0.0], driven="q"), "driven"),
        (lambda: gl.interface_cpr(gl.GLInterface(), [0.0], driven="both", other=1.0), "other"),
        (lambda: gl.interface_cpr("model", [0.0]), "model"),
        (lambda: gl.first_integral_cpr([0.1], zeta=-1.0), "zeta"),
        (lambda: gl.depairing_current(a=1.0), "a"),
    ],
)
def test_bad_input_is_refused_naming_the_argument(build, argument):
    with pytest.raises(ParameterError) as err:
        build()
    assert err.value.argument == argument
