"""One-dimensional Ginzburg–Landau interface between two condensates (document 000, eqs. 5–17).

Two condensates j ∈ {n, p} (neutron superfluid, proton superconductor) fill both sides of a
planar interface at x = 0: side 1 is x < 0, side 2 is x > 0.  The parameters may differ per
side (document 000's interface is between ¹S₀ and ³P₂ neutron pairing).  In one dimension the
vector potential can be gauged away, so the gauge-invariant phase difference of eq. 17 is the
plain phase jump Δθ_j = θ_2j(0⁺) − θ_1j(0⁻).

**Equations** (dimensionless GL units, derived here from eqs. 6, 9–11).  On each side s::

    −K_j ψ_sj'' + a_sj ψ_sj + b_sj |ψ_sj|² ψ_sj + g_s |ψ_s,other|² ψ_sj = 0

with ``stiffness`` K_j = ħ²/4m_j (K_n = 1 fixes the length unit), a < 0, b > 0 and the density
coupling g = g_np of eq. 6.  A surface energy −γ_j(ψ_1j*ψ_2j + c.c.) at x = 0 gives eq. 11
with 1/ζ_j = γ_j/K_j::

    ψ_1j'(0⁻) = ψ_2j(0⁺)/ζ_j,        ψ_2j'(0⁺) = −ψ_1j(0⁻)/ζ_j.

With ψ = f e^{iθ}, the *phase current* J_j = Im(ψ*ψ') = f²θ' is the same at every x, and the
boundary conditions become J_j = f_1j(0) f_2j(0) sin Δθ_j / ζ_j and
f_1j'(0⁻) = f_2j(0) cos Δθ_j/ζ_j, f_2j'(0⁺) = −f_1j(0) cos Δθ_j/ζ_j.  The amplitudes obey
K_j f'' = K_j J_j²/f³ + a f + b f³ + g f_other² f, and far from the interface they settle to
the homogeneous state that carries the currents J_j (f' → 0).

**Entrainment** enters through the currents only (eqs. 12–16).  With the ratios
ε_n = ρ_pn/ρ_n and ε_p = ρ_pn/ρ_p of the entrainment density to each condensate's mass density
2m_j|ψ_j|² (eq. 14; :func:`entrainment_ratios`), the mass current per ħ and the proton charge
current per eħ/m_p are::

    j_n = (1 − ε_n) J_n + ε_p J_p,        j_p = (1 − ε_p) J_p + ε_n J_n,

and eqs. 15–16 are these with J_j replaced by its tunnelling limit |ψ_1j||ψ_2j| sin Δθ_j/ζ_j at
the bulk amplitudes (:func:`tunnelling_currents`; the dimensional form is
:func:`josephson.superfluid.analytic.interface_currents`).

**What exists.**  A stationary state must end, far away, in a *stable* homogeneous
current-carrying state: for one component K J² = f⁴(|a| − b f²) with f² > 2|a|/3b, i.e.
|J| below the bulk depairing current 2|a|^{3/2}/(3√3 b √K) (:func:`depairing_current`).  For a
transparent barrier the interface would need more than that, and there is no stationary state:
for the symmetric single component (a = −1, b = K = 1) the branch from Δθ = 0 and the branch
from Δθ = π meet only if ζ ≥ (2/√3 − 1)^{−1/2} ≈ 2.54 ξ (:func:`continuous_cpr_zeta`); below,
a window of phase jumps around π/2 has no stationary state, and for ζ < √3 ξ the π branch ends
at Δθ = π/2.  Results mark such points ``exists = False`` (NaN values); they are never
extrapolated.

* model: :class:`GLSide`, :class:`GLInterface`; method: :class:`BVP`.
* solve: :func:`gl_interface` (profiles at one pair of phase jumps), :func:`interface_cpr`
  (current–phase relation along a phase sweep), :func:`symmetric_interface_cpr` (plain
  keywords, for :func:`josephson.sweep.grid`).
* analytic: :func:`bulk_amplitudes`, :func:`coherence_length`, :func:`depairing_current`,
  :func:`continuous_cpr_zeta`, :func:`first_integral_cpr` (exact single-component solution by
  the first integral), :func:`tunnelling_currents` (eqs. 15–16), :func:`linearised_currents`
  (first correction in 1/ζ), :func:`entrained_currents`, :func:`entrainment_ratios`,
  :func:`sine_deviation`.

Units: GL units throughout (dimensionless; ``"1"`` in the datasets).  With the defaults
a = −1, b = 1, K = 1 lengths are in ξ = √(K/|a|), amplitudes in the bulk |ψ| and currents in
units where the bulk depairing current is 2/(3√3).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import xarray as xr
from scipy.integrate import cumulative_simpson, solve_bvp
from scipy.optimize import brentq

from .. import _validate
from .._provenance import provenance
from ..errors import ConvergenceError, ParameterError

__all__ = [
    "BVP",
    "COMPONENTS",
    "GLInterface",
    "GLSide",
    "bulk_amplitudes",
    "coherence_length",
    "continuous_cpr_zeta",
    "depairing_current",
    "entrained_currents",
    "entrainment_ratios",
    "first_integral_cpr",
    "gl_interface",
    "interface_cpr",
    "linearised_currents",
    "sine_deviation",
    "symmetric_interface_cpr",
    "tunnelling_currents",
]

COMPONENTS = ("n", "p")
_attrs = _validate.attrs
_LONG = {"n": "neutron", "p": "proton"}


# =============================================================================================
# model
# =============================================================================================
@dataclass(frozen=True, kw_only=True)
class GLSide:
    """GL coefficients of one side of the interface (eq. 6; dimensionless).

    a_n, a_p : quadratic coefficients (< 0: condensed phase)
    b_n, b_p : quartic coefficients (> 0)
    g_np : density coupling g_np|ψ_n|²|ψ_p|²

    Both condensates must coexist in the homogeneous state: b_n b_p > g_np² (otherwise the
    mixed state is not a minimum) and both amplitudes of :func:`bulk_amplitudes` real and
    positive (g_np < |a_n| b_p/|a_p| and g_np < |a_p| b_n/|a_n|).
    """

    a_n: float = -1.0
    b_n: float = 1.0
    a_p: float = -1.0
    b_p: float = 1.0
    g_np: float = 0.0

    def __post_init__(self):
        put = object.__setattr__
        for j in COMPONENTS:
            name = f"a_{j}"
            put(self, name, _validate.scalar(
                name, getattr(self, name), high=0.0, high_open=True,
                allowed="a finite number < 0 (condensed phase; a >= 0 has no condensate)",
            ))  # fmt: skip
            name = f"b_{j}"
            put(self, name, _validate.scalar(name, getattr(self, name), low=0.0, low_open=True))
        put(self, "g_np", _validate.scalar("g_np", self.g_np))
        g, bn, bp = self.g_np, self.b_n, self.b_p
        upper = min(math.sqrt(bn * bp), -self.a_n * bp / -self.a_p, -self.a_p * bn / -self.a_n)
        allowed = f"-sqrt(b_n b_p) < g_np < {upper:.6g} (coexisting homogeneous condensates)"
        if g * g >= bn * bp:
            raise ParameterError("g_np", g, allowed,
                                 detail="b_n b_p <= g_np²: the mixed bulk state is not a "
                                        "minimum (phase separation or unbounded energy)")  # fmt: skip
        w = _bulk_squares(self, COMPONENTS)
        if np.any(w <= 0):
            which = COMPONENTS[int(np.argmin(w))]
            raise ParameterError("g_np", g, allowed,
                                 detail=f"|psi_{which}|² = {w.min():.4g} <= 0: the coupling "
                                        f"expels the {_LONG[which]} condensate")  # fmt: skip


def _bulk_squares(side: GLSide, comps) -> np.ndarray:
    """Zero-current homogeneous |ψ_j|² (closed form)."""
    if len(comps) == 1:
        j = comps[0]
        return np.array([-getattr(side, f"a_{j}") / getattr(side, f"b_{j}")])
    det = side.b_n * side.b_p - side.g_np**2
    w_n = (-side.a_n * side.b_p + side.g_np * side.a_p) / det
    w_p = (-side.a_p * side.b_n + side.g_np * side.a_n) / det
    return np.array([w_n, w_p])


def _components(value) -> tuple[str, ...]:
    allowed = "'n', 'p' or both: a sequence of distinct names from ('n', 'p')"
    if isinstance(value, str):
        value = (value,)
    try:
        names = tuple(value)
    except TypeError:
        raise ParameterError("components", value, allowed) from None
    if not names or len(set(names)) != len(names) or any(c not in COMPONENTS for c in names):
        raise ParameterError("components", value, allowed)
    return tuple(c for c in COMPONENTS if c in names)


@dataclass(frozen=True, kw_only=True)
class GLInterface:
    """A planar interface between two sides, each with both condensates (eqs. 9–11).

    ``side1, side2``: :class:`GLSide` of x < 0 and x > 0

    ``zeta_n, zeta_p``: barrier lengths ζ_j of eq. 11 (> 0; 1/ζ_j = γ_j/K_j is the transparency)

    ``stiffness_n, stiffness_p``: K_j = ħ²/4m_j in GL units (> 0; K_p = m_n/m_p ≈ 1)

    ``entrainment_n, entrainment_p``: ε_n = ρ_pn/ρ_n and ε_p = ρ_pn/ρ_p (eqs. 12–16): of one sign (ρ_pn/ρ_n and ρ_pn/ρ_p share the sign of ρ_pn), and ε_n + ε_p < 1 (a positive-definite superfluid density matrix)

    ``components``: ("n", "p"), or one of them for a single condensate.  The parameters of an absent component are not used; the coupling g_np and the entrainment must then be 0.
    """

    side1: GLSide = field(default_factory=GLSide)
    side2: GLSide = field(default_factory=GLSide)
    zeta_n: float = 10.0
    zeta_p: float = 10.0
    stiffness_n: float = 1.0
    stiffness_p: float = 1.0
    entrainment_n: float = 0.0
    entrainment_p: float = 0.0
    components: tuple[str, ...] = COMPONENTS

    def __post_init__(self):
        put = object.__setattr__
        for name in ("side1", "side2"):
            if not isinstance(getattr(self, name), GLSide):
                raise ParameterError(name, getattr(self, name), "a josephson.superfluid.gl.GLSide")
        for name in ("zeta_n", "zeta_p"):
            put(self, name, _validate.scalar(
                name, getattr(self, name), low=0.0, low_open=True,
                allowed="a barrier length zeta > 0 (1/zeta = transparency)",
            ))  # fmt: skip
        for name in ("stiffness_n", "stiffness_p"):
            put(self, name, _validate.scalar(name, getattr(self, name), low=0.0, low_open=True))
        put(self, "components", _components(self.components))
        en = _validate.scalar("entrainment_n", self.entrainment_n)
        ep = _validate.scalar("entrainment_p", self.entrainment_p)
        put(self, "entrainment_n", en)
        put(self, "entrainment_p", ep)
        if en * ep < 0 or (en == 0) != (ep == 0):
            raise ParameterError(
                "entrainment_p", ep,
                "the sign of entrainment_n (both are rho_pn over a positive density)",
                detail=f"entrainment_n={en:g}",
            )  # fmt: skip
        if en + ep >= 1:
            raise ParameterError(
                "entrainment_n", en, "entrainment_n + entrainment_p < 1",
                detail="the superfluid density matrix would not be positive definite",
            )  # fmt: skip
        if len(self.components) == 1:
            only = self.components[0]
            for name in ("side1", "side2"):
                if getattr(self, name).g_np != 0:
                    raise ParameterError(
                        f"{name}.g_np", getattr(self, name).g_np,
                        f"0 with components=('{only}',) (the other condensate is not modelled)",
                    )  # fmt: skip
            if en or ep:
                raise ParameterError(
                    "entrainment_n" if en else "entrainment_p", en or ep,
                    f"0 with components=('{only}',) (nothing to entrain)",
                )  # fmt: skip

    @property
    def sides(self) -> tuple[GLSide, GLSide]:
        return (self.side1, self.side2)

    def zeta(self, component: str) -> float:
        return getattr(self, f"zeta_{component}")

    def stiffness(self, component: str) -> float:
        return getattr(self, f"stiffness_{component}")


@dataclass(frozen=True, kw_only=True)
class BVP:
    """Settings of the collocation method (:func:`scipy.integrate.solve_bvp`).

    Side 1 is folded onto s = −x, so both sides live on s ∈ [0, L] (four real unknowns per
    component, the currents J_j as unknown parameters).  Phase jumps are reached by
    continuation from a state with Δθ_j ∈ {0, π} (real ψ, J = 0; itself reached by continuation
    in the transparency 1/ζ), in steps of at most ``step``.

    ``length``: L in units of :func:`coherence_length` (the longest amplitude length, ξ for the defaults); the far-field error of the currents is ~ exp(−2√2 L/ξ_max).

    ``tolerance``: collocation residual and boundary-condition tolerance of solve_bvp

    ``max_nodes``: largest mesh

    ``nodes``: initial mesh nodes (clustered near the interface)

    ``step``: largest continuation step in each phase jump (rad)

    ``bulk_tolerance``: the amplitudes at s = L must be within this (relative) of a stable homogeneous state, else the point is reported as not existing (raise ``length`` when a current close to the depairing current makes the approach slow)
    """

    length: float = 20.0
    tolerance: float = 1e-9
    max_nodes: int = 5000
    nodes: int = 100
    step: float = 0.25
    bulk_tolerance: float = 1e-6

    def __post_init__(self):
        _validate.scalar("length", self.length, low=2.0)
        _validate.scalar("tolerance", self.tolerance, low=1e-13, high=1e-3)
        _validate.whole("max_nodes", self.max_nodes, minimum=100)
        _validate.whole("nodes", self.nodes, minimum=8)
        if self.nodes > self.max_nodes:
            raise ParameterError("nodes", self.nodes, f"<= max_nodes={self.max_nodes}")
        _validate.scalar("step", self.step, low=1e-3, high=math.pi / 2)
        _validate.scalar("bulk_tolerance", self.bulk_tolerance, low=0.0, high=0.1, low_open=True)

    name = "bvp"


def _method(method) -> BVP:
    if isinstance(method, BVP):
        return method
    if method == "bvp":
        return BVP()
    raise ParameterError("method", method, "'bvp' or a josephson.superfluid.gl.BVP instance")


def _model(model) -> GLInterface:
    if not isinstance(model, GLInterface):
        raise ParameterError("model", model, "a josephson.superfluid.gl.GLInterface")
    return model


# =============================================================================================
# analytic
# =============================================================================================
def bulk_amplitudes(side: GLSide, *, components=COMPONENTS) -> dict[str, float]:
    """Zero-current homogeneous amplitudes |ψ_j| of one side (closed form).

    Both components: |ψ_n|² = (|a_n| b_p − g|a_p|)/(b_n b_p − g²) and n ↔ p; one component:
    |ψ_j|² = |a_j|/b_j.
    """
    if not isinstance(side, GLSide):
        raise ParameterError("side", side, "a josephson.superfluid.gl.GLSide")
    comps = _components(components)
    return {c: float(np.sqrt(w)) for c, w in zip(comps, _bulk_squares(side, comps), strict=True)}


def _stiffness_matrix(side: GLSide, comps, k: np.ndarray) -> np.ndarray:
    """A = K⁻¹ ∂(a f + b f³ + g f_o² f)/∂f at the zero-current bulk (amplitude relaxation)."""
    w = _bulk_squares(side, comps)
    f = np.sqrt(w)
    if len(comps) == 1:
        b = getattr(side, f"b_{comps[0]}")
        return np.array([[2 * b * w[0] / k[0]]])
    m = np.array([[2 * side.b_n * w[0], 2 * side.g_np * f[0] * f[1]],
                  [2 * side.g_np * f[0] * f[1], 2 * side.b_p * w[1]]])  # fmt: skip
    return m / k[:, None]


def _sqrt_parts(a: np.ndarray, k: np.ndarray):
    """A = K⁻¹M with M symmetric: A = S diag(λ) S⁻¹ with S = K^{-1/2} V (λ > 0)."""
    sk = np.sqrt(k)
    bsym = sk[:, None] * a / sk[None, :]  # K^{1/2} A K^{-1/2} = K^{-1/2} M K^{-1/2}
    lam, v = np.linalg.eigh(0.5 * (bsym + bsym.T))
    s = v / sk[:, None]
    s_inv = v.T * sk[None, :]
    return lam, s, s_inv


def coherence_length(model: GLInterface) -> float:
    """ξ_max = √(2/λ_min): λ_min is the smallest eigenvalue, over both sides, of the
    amplitude relaxation matrix K⁻¹∂²F at zero current (decay of amplitude perturbations as
    exp(−√λ x)).  Without coupling this is max_j,s √(K_j/|a_sj|), the GL coherence length."""
    model = _model(model)
    comps = model.components
    k = np.array([model.stiffness(c) for c in comps])
    lam = min(_sqrt_parts(_stiffness_matrix(side, comps, k), k)[0].min() for side in model.sides)
    return float(np.sqrt(2.0 / lam))


def depairing_current(*, a=-1.0, b=1.0, stiffness=1.0):
    """Largest phase current J = f²θ' a homogeneous single condensate carries (broadcasts):
    2|a|^{3/2}/(3√3 b √K), reached at f² = 2|a|/3b."""
    a = _validate.array("a", a, ndim=(0, 1, 2), high=0.0, high_open=True)
    b = _validate.array("b", b, ndim=(0, 1, 2), low=0.0, low_open=True)
    k = _validate.array("stiffness", stiffness, ndim=(0, 1, 2), low=0.0, low_open=True)
    return 2 * np.abs(a) ** 1.5 / (3 * math.sqrt(3) * b * np.sqrt(k))


def continuous_cpr_zeta(*, a=-1.0, stiffness=1.0):
    """Smallest barrier length for which the symmetric single-component CPR is one continuous
    branch over the whole period: ζ_c = ξ/√(2/√3 − 1) ≈ 2.5425 ξ, ξ = √(K/|a|) (broadcasts).

    From the first integral, the interface amplitude u = f(0)² and the bulk w = f(∞)² obey
    u(1 + ξ²/ζ²)/2 − u²/4 = w − 3w²/4 (units ξ, bulk |ψ| = 1); along a continuous branch u
    passes through 1 + ξ²/ζ², where the right side, at most 1/3, must reach (1 + ξ²/ζ²)²/4.
    Independent of b.
    """
    a = _validate.array("a", a, ndim=(0, 1, 2), high=0.0, high_open=True)
    k = _validate.array("stiffness", stiffness, ndim=(0, 1, 2), low=0.0, low_open=True)
    return np.sqrt(k / np.abs(a)) / math.sqrt(2 / math.sqrt(3) - 1)


def _first_integral_scaled(dth: float, zeta: float, branch: str):
    """Symmetric single component in units ξ = 1, bulk |ψ| = 1.  Returns (J, f0, f_far).

    u = f(0)², w = f(∞)²: the first integral gives R(u) = u(1 + ε)/2 − u²/4 = w − 3w²/4
    (ε = 1/ζ²), the bulk J² = w²(1 − w) with w > 2/3, and J = u sin Δθ/ζ.  The J = 0 roots
    of R = 1/4 are u± = 1 + ε ± √(ε(2 + ε)) (u₊u₋ = 1); written with them, 1 − w stays
    accurate when it is small (large ζ)."""
    eps = 1.0 / zeta**2
    red = math.remainder(dth, 2 * math.pi)  # (−π, π]
    sign = 1.0 if red >= 0 else -1.0
    d = abs(red)
    u_plus = 1 + eps + math.sqrt(eps * (2 + eps))
    u_minus = 1 / u_plus

    def w_parts(u):  # (w, 1 − w)
        r4 = (u_plus - u) * (u - u_minus) / 4  # R(u) − 1/4 >= 0 between the roots
        q = max(0.25 - 3 * r4, 0.0)  # 1 − 3R
        return (2.0 / 3.0) * (1 + math.sqrt(q)), 4 * r4 / (1 + 2 * math.sqrt(q))

    def s_of(u):
        w, one_w = w_parts(u)
        return w * math.sqrt(max(one_w, 0.0)) / (u * math.sqrt(eps))

    def phase(u):  # the monotone profile: cos Δθ > 0 iff f(0) > f(∞)
        w, _ = w_parts(u)
        arc = math.asin(min(s_of(u), 1.0))
        return arc if u >= w else math.pi - arc

    disc = (1 + eps) ** 2 - 4.0 / 3.0  # R(u) <= 1/3 (stable bulk) fails on (r−, r+)
    if disc > 0:
        r_minus, r_plus = (1 + eps) - math.sqrt(disc), (1 + eps) + math.sqrt(disc)
        pieces = {"ground": (r_plus, u_plus), "pi": (u_minus, r_minus)}
    else:
        pieces = {"ground": (u_minus, u_plus), "pi": (u_minus, u_plus)}
    if d == 0.0 or d == math.pi:  # J = 0: the zero-current states at the branch ends
        lo, hi = pieces[branch]
        u = u_plus if d == 0.0 else u_minus
        if not lo <= u <= hi:
            return (math.nan,) * 3
        return 0.0, math.sqrt(u), 1.0
    lo, hi = pieces[branch]
    # for zeta < √3 ξ the π branch ends where sin Δθ reaches 1, i.e. exactly at Δθ = π/2
    ph_lo, ph_hi = phase(lo), phase(hi)
    if s_of(hi) > 1.0:
        hi = brentq(lambda u: s_of(u) - 1.0, lo, hi, xtol=1e-15, rtol=1e-15)
        ph_hi = math.pi / 2
    if s_of(lo) > 1.0:
        lo = brentq(lambda u: s_of(u) - 1.0, lo, hi, xtol=1e-15, rtol=1e-15)
        ph_lo = math.pi / 2
    # phase(u) decreases from the lo end to the hi end (checked numerically for 0.3 ≤ ζ ≤ 10⁴)
    f_lo, f_hi = ph_lo - d, ph_hi - d
    if f_lo < 0 or f_hi > 0:
        return (math.nan,) * 3
    if f_lo == 0:
        u = lo
    elif f_hi == 0:
        u = hi
    else:
        u = brentq(lambda x: phase(x) - d, lo, hi, xtol=1e-15, rtol=1e-15, maxiter=400)
    w, one_w = w_parts(u)
    return sign * w * math.sqrt(max(one_w, 0.0)), math.sqrt(u), math.sqrt(w)


def first_integral_cpr(delta_theta, *, zeta, a=-1.0, b=1.0, stiffness=1.0, branch="ground"):
    """Exact CPR of one condensate with identical sides, from the first integral.

    K f'' = K J²/f³ + a f + b f³ has ½K f'² + K J²/2f² − a f²/2 − b f⁴/4 = const along x; at
    the bulk (K J² = f⁴(|a| − b f²), stable branch f² > 2|a|/3b) and at the interface (with
    f'(0) = ∓f(0) cos Δθ/ζ and J = f(0)² sin Δθ/ζ) this gives an algebraic system for the
    interface amplitude, the bulk amplitude and J, solved here by a bracketing root finder
    (independent of :func:`interface_cpr`).  ``branch``: "ground" (connected to Δθ = 0) or
    "pi" (connected to Δθ = π); they are one branch when ζ ≥ :func:`continuous_cpr_zeta`.
    Only monotone amplitude profiles (cos Δθ > 0 iff f(0) > f(∞)) are returned; elsewhere NaN.

    Returns ``{"phase_current", "amplitude_interface", "amplitude_far"}`` (arrays shaped like
    ``delta_theta``).
    """
    dth = _validate.array("delta_theta", delta_theta, ndim=(0, 1, 2))
    zeta = _validate.scalar("zeta", zeta, low=0.0, low_open=True)
    a = _validate.scalar("a", a, high=0.0, high_open=True)
    b = _validate.scalar("b", b, low=0.0, low_open=True)
    k = _validate.scalar("stiffness", stiffness, low=0.0, low_open=True)
    _validate.choice("branch", branch, ("ground", "pi"))
    xi, fb = math.sqrt(k / -a), math.sqrt(-a / b)
    out = np.array([_first_integral_scaled(float(t), zeta / xi, branch) for t in dth.ravel()])
    out = out.reshape((*dth.shape, 3))
    return {
        "phase_current": out[..., 0] * fb**2 / xi,
        "amplitude_interface": out[..., 1] * fb,
        "amplitude_far": out[..., 2] * fb,
    }


def entrainment_ratios(*, rho_pn, rho_n, rho_p):
    """(ε_n, ε_p) = (ρ_pn/ρ_n, ρ_pn/ρ_p): entrainment density over the condensate mass
    densities 2m_j|ψ_j|² (document 000, eq. 14; the ρ_nn, ρ_pp of its eqs. 12–16)."""
    rho_pn = _validate.array("rho_pn", rho_pn, ndim=(0, 1, 2))
    rho_n = _validate.array("rho_n", rho_n, ndim=(0, 1, 2), low=0.0, low_open=True)
    rho_p = _validate.array("rho_p", rho_p, ndim=(0, 1, 2), low=0.0, low_open=True)
    return rho_pn / rho_n, rho_pn / rho_p


def entrained_currents(phase_current_n, phase_current_p, *, entrainment_n, entrainment_p):
    """(j_n, j_p) = ((1 − ε_n)J_n + ε_p J_p, (1 − ε_p)J_p + ε_n J_n): eqs. 12–14 of document
    000 with the phase gradients written by the phase currents J_j = |ψ_j|²∇θ_j (mass current
    per ħ, proton charge current per eħ/m_p).  Broadcasts."""
    jn = np.asarray(phase_current_n, dtype=float)
    jp = np.asarray(phase_current_p, dtype=float)
    en, ep = float(entrainment_n), float(entrainment_p)
    return (1 - en) * jn + ep * jp, (1 - ep) * jp + en * jn


def _currents_dict(model: GLInterface, phase: dict) -> dict:
    out = {f"phase_current_{c}": phase[c] for c in model.components}
    if len(model.components) == 2:
        j_n, j_p = entrained_currents(phase["n"], phase["p"], entrainment_n=model.entrainment_n,
                                      entrainment_p=model.entrainment_p)  # fmt: skip
        out.update(current_n=j_n, current_p=j_p)
    else:
        c = model.components[0]
        out[f"current_{c}"] = np.asarray(phase[c], dtype=float)
    return out


def _jumps(model, delta_theta_n, delta_theta_p):
    dn = _validate.array("delta_theta_n", delta_theta_n, ndim=(0, 1, 2))
    dp = _validate.array("delta_theta_p", delta_theta_p, ndim=(0, 1, 2))
    return {"n": dn, "p": dp}


def tunnelling_currents(model: GLInterface, delta_theta_n=0.0, delta_theta_p=0.0) -> dict:
    """Tunnelling limit (document 000, eqs. 15–16, dimensionless): J_j = f_1j f_2j sin Δθ_j/ζ_j
    at the zero-current bulk amplitudes, and the entrained currents j_n, j_p from them.

    Returns ``{"phase_current_n", "phase_current_p", "current_n", "current_p"}`` (only the
    modelled components), broadcasting the phase jumps.
    """
    model = _model(model)
    jumps = _jumps(model, delta_theta_n, delta_theta_p)
    f1 = bulk_amplitudes(model.side1, components=model.components)
    f2 = bulk_amplitudes(model.side2, components=model.components)
    phase = {c: f1[c] * f2[c] * np.sin(jumps[c]) / model.zeta(c) for c in model.components}
    return _currents_dict(model, phase)


def _linear_amplitudes(model: GLInterface, cos: dict):
    """Interface amplitude shifts δ_sj(0) to first order in 1/ζ: δ_s = A_s^{−1/2} c_s with
    c_sj = f_{other side, j} cos Δθ_j/ζ_j (the outward slope is −c).  Returns (f_bulk, δ)
    as arrays (side, component, ...)."""
    comps = model.components
    k = np.array([model.stiffness(c) for c in comps])
    fb = np.array([[bulk_amplitudes(s, components=comps)[c] for c in comps] for s in model.sides])
    shape = np.broadcast(*[cos[c] for c in comps]).shape
    delta = np.zeros((2, len(comps), *shape))
    for s, side in enumerate(model.sides):
        lam, sm, sm_inv = _sqrt_parts(_stiffness_matrix(side, comps, k), k)
        root_inv = sm @ np.diag(1 / np.sqrt(lam)) @ sm_inv  # A^{−1/2}
        c_vec = [fb[1 - s, i] * np.broadcast_to(cos[c], shape) / model.zeta(c)
                 for i, c in enumerate(comps)]  # fmt: skip
        for i in range(len(comps)):
            delta[s, i] = sum(root_inv[i, q] * c_vec[q] for q in range(len(comps)))
    return fb, delta


def linearised_currents(model: GLInterface, delta_theta_n=0.0, delta_theta_p=0.0) -> dict:
    """Tunnelling limit plus the first correction in 1/ζ (broadcasts).

    Linearising the amplitude equations about the bulk, side s relaxes as
    δ_s(|x|) = exp(−A_s^{1/2}|x|) δ_s(0), A_s = K⁻¹∂²F (the amplitude relaxation matrix, √2/ξ
    for one component), and the slope condition gives δ_s(0) = A_s^{−1/2} c_s with
    c_sj = f_{s',j} cos Δθ_j/ζ_j (s' the other side).  Then
    J_j = (f_1j f_2j + f_2j δ_1j + f_1j δ_2j) sin Δθ_j/ζ_j + O(1/ζ³); for one symmetric component
    in ξ units J = sin Δθ/ζ + sin 2Δθ/(√2 ζ²).  With g_np ≠ 0, A^{−1/2} mixes the components,
    so J_n depends on Δθ_p at order 1/(ζ_n ζ_p).
    """
    model = _model(model)
    jumps = _jumps(model, delta_theta_n, delta_theta_p)
    comps = model.components
    fb, delta = _linear_amplitudes(model, {c: np.cos(jumps[c]) for c in comps})
    phase = {}
    for i, c in enumerate(comps):
        prod = fb[0, i] * fb[1, i] + fb[1, i] * delta[0, i] + fb[0, i] * delta[1, i]
        phase[c] = prod * np.sin(jumps[c]) / model.zeta(c)
    return _currents_dict(model, phase)


def sine_deviation(delta_theta, current, *, odd=True, harmonics=None) -> dict:
    """How far a current–phase relation is from a sine.

    ``odd=True`` (a time-reversal-symmetric CPR, J(−Δθ) = −J(Δθ)): the points are folded into
    [0, π] and fitted by Σ_k A_k sin kΔθ; they must cover [0, π] without a gap wider than π/4.
    ``odd=False``: a full Fourier series with a constant, needing points over a whole period;
    the ratio is then of the harmonic amplitudes, √(A₂² + B₂²)/√(A₁² + B₁²) (unsigned).
    ``harmonics`` defaults to min(8, (number of distinct points − 1)//2).

    Returns ``{"harmonic_ratio": A_2/A_1, "phase_max": Δθ of the largest current (parabola
    through the largest sample and its neighbours), "current_max", "skewness": 2Δθ_max/π − 1}``
    (skewness 0 for a sine, < 0 when the maximum moves below π/2).  NaN if any current is NaN
    or the points do not cover enough.
    """
    th = _validate.array("delta_theta", delta_theta, ndim=(1,))
    cur = np.asarray(current, dtype=float)
    if harmonics is not None:
        _validate.whole("harmonics", harmonics, minimum=2)
    if cur.shape != th.shape:
        raise ParameterError(
            "current", f"shape {cur.shape}", f"shape {th.shape} (like delta_theta)"
        )
    nan = {"harmonic_ratio": math.nan, "phase_max": math.nan, "current_max": math.nan,
           "skewness": math.nan}  # fmt: skip
    if not np.all(np.isfinite(cur)):
        return nan
    red = np.remainder(th + math.pi, 2 * math.pi) - math.pi
    if odd:
        x, y = np.abs(red), np.where(red < 0, -cur, cur)
        x, idx = np.unique(np.round(x, 12), return_index=True)
        y = y[idx]
        edges = np.concatenate([[0.0], x, [math.pi]])
        if np.max(np.diff(edges)) > math.pi / 4 + 1e-12:
            return nan
        kmax = harmonics or min(8, (x.size - 1) // 2)
        if kmax < 2:
            return nan
        basis = np.sin(np.outer(x, np.arange(1, kmax + 1)))
        coef = np.linalg.lstsq(basis, y, rcond=None)[0]
        a1, a2 = coef[0], coef[1]
    else:
        x, idx = np.unique(np.round(red, 12), return_index=True)
        y = cur[idx]
        edges = np.concatenate([[-math.pi], x, [math.pi]])
        if np.max(np.diff(edges)) > math.pi / 4 + 1e-12:
            return nan
        kmax = harmonics or min(8, (x.size - 2) // 2)
        if kmax < 2:
            return nan
        ks = np.arange(1, kmax + 1)
        basis = np.hstack([np.ones((x.size, 1)), np.sin(np.outer(x, ks)), np.cos(np.outer(x, ks))])
        coef = np.linalg.lstsq(basis, y, rcond=None)[0]
        # amplitude ratio |c₂|/|c₁| (sine and cosine parts together)
        a1 = math.hypot(coef[1], coef[1 + kmax])
        a2 = math.hypot(coef[2], coef[2 + kmax])
    order = np.argsort(th)
    ts, cs = th[order], cur[order]
    i = int(np.argmax(cs))
    t_max, c_max = ts[i], cs[i]
    if 0 < i < ts.size - 1:
        t0, t1, t2 = ts[i - 1 : i + 2]
        c0, c1, c2 = cs[i - 1 : i + 2]
        # parabola through three (possibly unevenly spaced) points
        den = (t0 - t1) * (t0 - t2) * (t1 - t2)
        pa = (t2 * (c1 - c0) + t1 * (c0 - c2) + t0 * (c2 - c1)) / den
        pb = (t2 * t2 * (c0 - c1) + t1 * t1 * (c2 - c0) + t0 * t0 * (c1 - c2)) / den
        if pa < 0:
            t_max = -pb / (2 * pa)
            c_max = c1 + pa * (t_max - t1) ** 2 + (2 * pa * t1 + pb) * (t_max - t1)
    ratio = a2 / a1 if a1 != 0 else math.nan
    return {"harmonic_ratio": float(ratio), "phase_max": float(t_max),
            "current_max": float(c_max), "skewness": float(2 * t_max / math.pi - 1)}  # fmt: skip


# =============================================================================================
# solve: the collocation problem
# =============================================================================================
class _Problem:
    """The folded amplitude BVP of one model.  Unknowns y (4m rows): F_{s,c} at s·m + c,
    F'_{s,c} at 2m + s·m + c (s = 0 for side 1, 1 for side 2); parameters p = J_c."""

    def __init__(self, model: GLInterface, method: BVP):
        self.model, self.method = model, method
        self.comps = comps = model.components
        self.m = m = len(comps)
        self.k = np.array([model.stiffness(c) for c in comps])
        self.inv_zeta = np.array([1.0 / model.zeta(c) for c in comps])
        self.a = np.array([[getattr(s, f"a_{c}") for c in comps] for s in model.sides])
        self.b = np.array([[getattr(s, f"b_{c}") for c in comps] for s in model.sides])
        self.g = np.array([s.g_np for s in model.sides]) if m == 2 else np.zeros(2)
        self.bulk = np.array([np.sqrt(_bulk_squares(s, comps)) for s in model.sides])
        self.xi = coherence_length(model)
        self.length = method.length * self.xi
        self.relax = [_sqrt_parts(_stiffness_matrix(s, comps, self.k), self.k)
                      for s in model.sides]  # fmt: skip
        self._anchors: dict = {}
        self.solves = 0

    # --- equations ----------------------------------------------------------------------
    def _rhs(self, f, cur):
        """F'' for F of shape (2, m, n) and currents (m,)."""
        a, b, k = self.a[..., None], self.b[..., None], self.k[None, :, None]
        j2 = (cur**2)[None, :, None]
        inner = a * f + b * f**3
        if self.m == 2:
            inner = inner + self.g[:, None, None] * f[:, ::-1] ** 2 * f
        return j2 / f**3 + inner / k

    def fun(self, x, y, p):
        m = self.m
        f = y[: 2 * m].reshape(2, m, -1)
        return np.vstack([y[2 * m :], self._rhs(f, p).reshape(2 * m, -1)])

    def fun_jac(self, x, y, p):
        m, n = self.m, x.size
        f = y[: 2 * m].reshape(2, m, n)
        k = self.k[None, :, None]
        dfdy = np.zeros((4 * m, 4 * m, n))
        dfdp = np.zeros((4 * m, m, n))
        idx = np.arange(2 * m)
        dfdy[idx, 2 * m + idx] = 1.0
        j2 = (p**2)[None, :, None]
        diag = -3 * j2 / f**4 + (self.a[..., None] + 3 * self.b[..., None] * f**2) / k
        if m == 2:
            diag = diag + self.g[:, None, None] * f[:, ::-1] ** 2 / k
            cross = 2 * self.g[:, None, None] * f * f[:, ::-1] / k
        for s in range(2):
            for c in range(m):
                row = 2 * m + s * m + c
                dfdy[row, s * m + c] = diag[s, c]
                if m == 2:
                    dfdy[row, s * m + (1 - c)] = cross[s, c]
                dfdp[row, c] = 2 * p[c] / f[s, c] ** 3
        return dfdy, dfdp

    def bc_factory(self, cos, sin, scale=1.0):
        m = self.m
        cz = cos * self.inv_zeta * scale
        sz = sin * self.inv_zeta * scale

        def bc(ya, yb, p):
            f1, f2 = ya[:m], ya[m : 2 * m]
            d1, d2 = ya[2 * m : 3 * m], ya[3 * m :]
            return np.concatenate([d1 + f2 * cz, d2 + f1 * cz, p - f1 * f2 * sz,
                                   yb[2 * m : 3 * m], yb[3 * m :]])  # fmt: skip

        def bc_jac(ya, yb, p):
            f1, f2 = ya[:m], ya[m : 2 * m]
            dya = np.zeros((5 * m, 4 * m))
            dyb = np.zeros((5 * m, 4 * m))
            dp = np.zeros((5 * m, m))
            for c in range(m):
                dya[c, 2 * m + c] = 1.0
                dya[c, m + c] = cz[c]
                dya[m + c, 3 * m + c] = 1.0
                dya[m + c, c] = cz[c]
                dya[2 * m + c, c] = -f2[c] * sz[c]
                dya[2 * m + c, m + c] = -f1[c] * sz[c]
                dp[2 * m + c, c] = 1.0
                dyb[3 * m + c, 2 * m + c] = 1.0
                dyb[4 * m + c, 3 * m + c] = 1.0
            return dya, dyb, dp

        return bc, bc_jac

    # --- guesses, checks, one solve ---------------------------------------------------------
    def mesh(self) -> np.ndarray:
        t = np.linspace(0.0, 1.0, self.method.nodes)
        return self.length * np.expm1(5.0 * t) / np.expm1(5.0)

    def linear_guess(self, cos, scale):
        """Linearised zero-current profile (relaxation modes) at transparency scale/ζ."""
        m, x = self.m, self.mesh()
        y = np.zeros((4 * m, x.size))
        for s in range(2):
            lam, sm, sm_inv = self.relax[s]
            c_vec = self.bulk[1 - s] * cos * self.inv_zeta * scale
            modes = sm_inv @ c_vec / np.sqrt(lam)  # mode amplitudes of δ(0) = A^{−1/2} c
            shape = np.exp(-np.sqrt(lam)[:, None] * x[None, :])
            delta = sm @ (modes[:, None] * shape)
            slope = -sm @ (np.sqrt(lam)[:, None] * modes[:, None] * shape)
            floor = 0.2 * self.bulk[s][:, None]
            y[s * m : (s + 1) * m] = np.maximum(self.bulk[s][:, None] + delta, floor)
            y[2 * m + s * m : 2 * m + (s + 1) * m] = slope
        return x, y, np.zeros(m)

    def solve(self, state, cos, sin, scale=1.0):
        x_old, y_old, p = state
        # a fresh clustered mesh each time (solve_bvp only ever adds nodes: carried along a
        # continuation the mesh would grow without bound near a depairing edge)
        x = self.mesh()
        y = np.array([np.interp(x, x_old, row) for row in y_old])
        bc, bc_jac = self.bc_factory(cos, sin, scale)
        tol = self.method.tolerance
        self.solves += 1
        with np.errstate(all="ignore"):
            sol = solve_bvp(self.fun, bc, x, y, p, fun_jac=self.fun_jac, bc_jac=bc_jac,
                            tol=tol, bc_tol=tol, max_nodes=self.method.max_nodes)  # fmt: skip
        if sol.status != 0 or not np.all(np.isfinite(sol.y)):
            return None
        if np.any(sol.y[: 2 * self.m] <= 0):
            return None
        return sol.x, sol.y, sol.p

    def far_field(self, state):
        """(stable, relative distance of the s = L amplitudes from a homogeneous state, longest
        decay length).  Stability: the amplitude Hessian at fixed currents is positive definite."""
        _, y, p = state
        m = self.m
        f = y[: 2 * m, -1].reshape(2, m)
        fpp = self._rhs(f[..., None], p)[..., 0]
        worst_lam, dist = math.inf, 0.0
        for s in range(2):
            diag = -3 * p**2 / f[s] ** 4 + (self.a[s] + 3 * self.b[s] * f[s] ** 2) / self.k
            mat = np.diag(diag)
            if m == 2:
                mat = mat + np.diag(self.g[s] * f[s, ::-1] ** 2 / self.k)
                mat[0, 1] = 2 * self.g[s] * f[s, 0] * f[s, 1] / self.k[0]
                mat[1, 0] = 2 * self.g[s] * f[s, 0] * f[s, 1] / self.k[1]
            sk = np.sqrt(self.k)
            sym = sk[:, None] * mat / sk[None, :]
            lam = np.linalg.eigvalsh(0.5 * (sym + sym.T))
            worst_lam = min(worst_lam, float(lam.min()))
            if lam.min() > 0:
                dist = max(dist, float(np.max(np.abs(np.linalg.solve(mat, fpp[s])) / f[s])))
        if worst_lam <= 0:
            return False, math.inf, math.inf
        return True, dist, 1.0 / math.sqrt(worst_lam)

    def has_dip(self, state) -> bool:
        """An interior minimum of an amplitude below both its interface and far values (the
        grey-soliton-like saddle states of the branch continued from Δθ = π)."""
        y = state[1][: 2 * self.m]
        ends = np.minimum(y[:, 0], y[:, -1])
        scale = np.max(self.bulk)
        return bool(np.any(y.min(axis=1) < ends - 1e-7 * scale))

    def acceptable(self, state, dip_check: bool) -> bool:
        stable, dist, _ = self.far_field(state)
        if not stable or dist > self.method.bulk_tolerance:
            return False
        return not (dip_check and self.has_dip(state))

    # --- continuation -------------------------------------------------------------------
    def anchor(self, kn: dict):
        """State with Δθ_c = k_c π (J = 0), by continuation in the transparency."""
        key = tuple(kn[c] % 2 for c in self.comps)
        if key in self._anchors:
            return self._anchors[key]
        cos = np.array([1.0 if kk == 0 else -1.0 for kk in key])
        sin = np.zeros(self.m)
        biggest = float(np.max(self.xi * self.inv_zeta))
        scale = min(1.0, 0.1 / biggest)
        state = self.linear_guess(cos, scale)
        state = self.solve(state, cos, sin, scale)
        h = scale
        while state is not None and scale < 1.0:
            trial = min(1.0, scale + h)
            new = self.solve(state, cos, sin, trial)
            if new is None:
                h /= 2
                if h < 1e-3 * scale:
                    state = None
                    break
                continue
            state, scale, h = new, trial, 2 * h
        if state is not None and not self.acceptable(state, dip_check=False):
            state = None
        self._anchors[key] = state
        return state

    def walk(self, state, start, targets, dip_check=False):
        """Continue from ``state`` at jumps ``start`` (array (m,)) through the ``targets`` (a list
        of (m,) arrays) in order; returns the states reached (stops at the first failure)."""
        out = []
        here = np.array(start, dtype=float)
        step = self.method.step
        for target in targets:
            target = np.asarray(target, dtype=float)
            h = step
            while True:
                dist = float(np.max(np.abs(target - here)))
                if dist == 0.0:
                    break
                h = min(h, dist)
                frac = h / dist
                trial = here + frac * (target - here)
                new = self.solve(state, np.cos(trial), np.sin(trial))
                if new is not None and self.acceptable(new, dip_check):
                    state, here = new, trial
                    h = min(step, 2 * h)
                    continue
                h /= 2
                if h < step / 32:
                    return out
            out.append(state)
        return out

    def reach(self, jumps: np.ndarray):
        """The state at ``jumps`` (m,), continued from the nearest J = 0 anchor (then the
        others among the neighbouring multiples of π, with the dip check)."""
        near = np.round(jumps / math.pi).astype(int)
        lower = np.floor(jumps / math.pi).astype(int)
        candidates = [near]
        for combo in np.ndindex(*(2,) * self.m):
            cand = lower + np.array(combo)
            if not any(np.array_equal(cand, c) for c in candidates):
                candidates.append(cand)
        for i, cand in enumerate(candidates):
            st = self.anchor(dict(zip(self.comps, cand, strict=True)))
            if st is None:
                continue
            got = self.walk(st, cand * math.pi, [jumps], dip_check=i > 0)
            if got:
                return got[0], cand
        return None, None

    # --- results ----------------------------------------------------------------------------
    def summary(self, state) -> dict:
        _, y, p = state
        m = self.m
        _, _, decay = self.far_field(state)
        return {
            "phase_current": np.array(p, dtype=float),
            "amplitude_interface": y[: 2 * m, 0].reshape(2, m),
            "amplitude_far": y[: 2 * m, -1].reshape(2, m),
            "decay_length": decay,
        }


def _no_state_detail(model: GLInterface) -> str:
    zc = min(float(continuous_cpr_zeta(a=getattr(s, f"a_{c}"), stiffness=model.stiffness(c)))
             for s in model.sides for c in model.components)  # fmt: skip
    return (
        "no stationary state with a stable bulk was reached from the zero-current states "
        "(Δθ_j ∈ {0, π}): the interface would need a current above the bulk depairing current "
        f"(for a single symmetric condensate this happens for zeta < {zc:.4g}, see "
        "continuous_cpr_zeta), or the far field has not relaxed within length·ξ (raise "
        "BVP.length) or the mesh needs more than BVP.max_nodes"
    )


# =============================================================================================
# solve: public functions
# =============================================================================================
def _component_coord(comps):
    return ("component", list(comps), _attrs("", "condensate (n: neutron, p: proton)"))


def _side_coord():
    return ("side", [1, 2], _attrs("", "side of the interface (1: x < 0, 2: x > 0)"))


def gl_interface(model: GLInterface, delta_theta_n=0.0, delta_theta_p=0.0, *,
                 method=None) -> xr.Dataset:  # fmt: skip
    """Amplitude and phase profiles across the interface at imposed phase jumps (eqs. 9–11).

    ``delta_theta_n``, ``delta_theta_p``: the gauge-invariant jumps Δθ_j = θ_2j(0⁺) − θ_1j(0⁻)
    (eq. 17; an absent component's jump must be 0).  Solved with ``method`` (:class:`BVP`) by
    continuation from the nearest zero-current state (Δθ_j ∈ πℤ).

    Returns a Dataset on ``x`` ∈ [−L, L] (the solver mesh, dense near the interface; x = 0
    appears twice, once per side: ``side`` tells which) with ``amplitude`` f_j(x) and ``phase``
    θ_j(x) (θ_1j(0⁻) = −Δθ_j/2, θ_2j(0⁺) = +Δθ_j/2), per component the ``phase_current``
    J_j = f²θ', the entrained ``current`` j_j, their tunnelling limits (eqs. 15–16) and first
    1/ζ correction, and per side the interface and far-field amplitudes.

    Raises ConvergenceError when no stationary state with a stable bulk is reached (see the
    module notes: above the bulk depairing current there is none).
    """
    model = _model(model)
    method = _method(BVP() if method is None else method)
    comps = model.components
    given = {"n": delta_theta_n, "p": delta_theta_p}
    jumps = {}
    for c in COMPONENTS:
        val = _validate.scalar(f"delta_theta_{c}", given[c])
        if c not in comps and val != 0:
            raise ParameterError(f"delta_theta_{c}", given[c],
                                 f"0 (the model has components={comps})")  # fmt: skip
        jumps[c] = val
    prob = _Problem(model, method)
    target = np.array([jumps[c] for c in comps])
    state, anchor = prob.reach(target)
    if state is None:
        raise ConvergenceError("bvp", f"phase jumps {dict(zip(comps, target.tolist(), strict=True))}",
                               detail=_no_state_detail(model))  # fmt: skip
    x, y, p = state
    m = prob.m
    f = y[: 2 * m].reshape(2, m, -1)
    with np.errstate(divide="ignore"):
        grad = p[None, :, None] / f**2
    theta = cumulative_simpson(grad, x=x, axis=-1, initial=0.0)
    theta[0] = -target[:, None] / 2 - theta[0]
    theta[1] = target[:, None] / 2 + theta[1]
    xs = np.concatenate([-x[::-1], x])
    amp = np.concatenate([f[0][:, ::-1], f[1]], axis=1)
    ph = np.concatenate([theta[0][:, ::-1], theta[1]], axis=1)
    side = np.concatenate([np.ones(x.size, dtype=int), np.full(x.size, 2)])
    summ = prob.summary(state)
    tun = tunnelling_currents(model, jumps["n"], jumps["p"])
    lin = linearised_currents(model, jumps["n"], jumps["p"])
    cur = _currents_dict(model, dict(zip(comps, p, strict=True)))
    stack = lambda d, key: np.array([float(d[f"{key}_{c}"]) for c in comps])  # noqa: E731
    ds = xr.Dataset(
        {
            "amplitude": (("component", "x"), amp, _attrs("1", "amplitude |psi| (GL units)")),
            "phase": (("component", "x"), ph, _attrs("rad", "phase theta of psi")),
            "side_of_x": ("x", side, _attrs("", "side of the interface (1: x < 0, 2: x > 0)")),
            "delta_theta": ("component", target, _attrs("rad", "interface phase jump (eq. 17)")),
            "phase_current": ("component", p.copy(),
                              _attrs("1", "phase current J = Im(psi* psi') = f² theta'")),
            "current": ("component", stack(cur, "current"),
                        _attrs("1", "entrained current j (eqs. 12–14; per hbar, per e hbar/m_p)")),
            "phase_current_tunnelling": ("component", stack(tun, "phase_current"),
                                         _attrs("1", "J in the tunnelling limit (bulk amplitudes)")),
            "current_tunnelling": ("component", stack(tun, "current"),
                                   _attrs("1", "j in the tunnelling limit (eqs. 15–16)")),
            "phase_current_linearised": ("component", stack(lin, "phase_current"),
                                         _attrs("1", "J to first order in 1/zeta")),
            "amplitude_interface": (("side", "component"), summ["amplitude_interface"],
                                    _attrs("1", "amplitude at the interface")),
            "amplitude_far": (("side", "component"), summ["amplitude_far"],
                              _attrs("1", "amplitude at |x| = L (current-carrying bulk)")),
            "decay_length": ((), summ["decay_length"],
                             _attrs("1", "longest amplitude relaxation length in the far field")),
        },
        coords={
            "x": ("x", xs, _attrs("1", "position (GL units; x < 0 is side 1)")),
            "component": _component_coord(comps),
            "side": _side_coord(),
        },
    )  # fmt: skip
    ds.attrs = provenance(computation="superfluid.gl_interface", model=model, method=method)
    ds.attrs["anchor"] = "continued from delta_theta = pi * " + str(anchor.tolist())
    ds.attrs["length"] = prob.length
    ds.attrs["solves"] = prob.solves
    return ds


_DRIVEN = ("n", "p", "both")


def _path_points(comps, driven, other, values):
    """(n_points, m) jumps along the sweep."""
    pts = np.zeros((values.size, len(comps)))
    for i, c in enumerate(comps):
        pts[:, i] = values if driven in (c, "both") else other
    return pts


def interface_cpr(model: GLInterface, delta_theta, *, driven=None, other=None,
                  method=None) -> xr.Dataset:  # fmt: skip
    """Current–phase relation of the interface along a sweep of the phase jump.

    ``delta_theta`` (1-D, rad) is imposed on the ``driven`` component ("n", "p" or "both";
    default: the first modelled component) while the other is held at ``other`` (default 0;
    not allowed with "both" or a single component).  The points are reached by continuation
    from Δθ = 0 through the sorted sweep in both directions (the ground branch); points it
    cannot reach (a transparent barrier: no state with a stable bulk in between) are then
    continued from the nearest Δθ = kπ, rejecting states with a soliton-like amplitude dip.
    Points reached by neither are ``exists = False`` with NaN values.

    Returns a Dataset over ``delta_theta`` with per component the ``phase_current`` J, the
    entrained ``current`` j, their tunnelling limits (eqs. 15–16: bulk amplitudes) and first
    1/ζ corrections, per side the interface and far amplitudes, ``exists``, ``anchor`` (the
    multiple of π the point was continued from), the far-field ``decay_length``, and per
    component (driven ones; NaN otherwise) the sine deviation of J (:func:`sine_deviation`):
    ``harmonic_ratio`` A₂/A₁, ``phase_max``, ``current_max``, ``skewness``.
    """
    model = _model(model)
    method = _method(BVP() if method is None else method)
    comps = model.components
    values = _validate.array("delta_theta", delta_theta, ndim=(1,))
    driven = comps[0] if driven is None else driven
    allowed = _DRIVEN if len(comps) == 2 else comps
    _validate.choice("driven", driven, allowed)
    if other is not None and (driven == "both" or len(comps) == 1):
        raise ParameterError("other", other, "None (no other component is held fixed here)")
    other = 0.0 if other is None else _validate.scalar("other", other)
    pts = _path_points(comps, driven, other, values)
    prob = _Problem(model, method)
    n, m = values.size, prob.m
    results: list = [None] * n
    anchor = np.full(n, -999, dtype=int)

    # ground branch: Δθ = 0 (with the other jump) outward in both directions
    start = _path_points(comps, driven, other, np.zeros(1))[0]
    state0, a0 = prob.reach(start)
    order = np.argsort(values, kind="stable")
    if state0 is not None and a0 is not None:
        for direction in (+1, -1):
            sel = [i for i in (order if direction > 0 else order[::-1])
                   if direction * values[i] >= 0]  # fmt: skip
            got = prob.walk(state0, start, [pts[i] for i in sel], dip_check=False)
            for i, st in zip(sel, got, strict=False):
                if results[i] is None:
                    results[i], anchor[i] = st, 0

    # remaining points: from the neighbouring multiples of π, outward toward them
    todo = [i for i in range(n) if results[i] is None]
    near = {int(k) for i in todo for k in (np.floor(values[i] / math.pi),
                                           np.ceil(values[i] / math.pi))}  # fmt: skip
    for k in sorted(near - {0}, key=lambda k: (abs(k), k)):
        base = _path_points(comps, driven, other, np.array([k * math.pi]))[0]
        for direction in (+1, -1):
            sel = [i for i in (order if direction > 0 else order[::-1])
                   if results[i] is None and 0 <= direction * (values[i] - k * math.pi) <= math.pi]  # fmt: skip
            if not sel:
                continue
            st_k, _ = prob.reach(base)
            if st_k is None:
                break
            got = prob.walk(st_k, base, [pts[i] for i in sel], dip_check=True)
            for i, st in zip(sel, got, strict=False):
                results[i], anchor[i] = st, k

    exists = np.array([r is not None for r in results])
    cur = np.full((m, n), np.nan)
    f_if = np.full((2, m, n), np.nan)
    f_far = np.full((2, m, n), np.nan)
    decay = np.full(n, np.nan)
    for i, st in enumerate(results):
        if st is None:
            continue
        summ = prob.summary(st)
        cur[:, i] = summ["phase_current"]
        f_if[..., i] = summ["amplitude_interface"]
        f_far[..., i] = summ["amplitude_far"]
        decay[i] = summ["decay_length"]
    phase = dict(zip(comps, cur, strict=True))
    ent = _currents_dict(model, phase)
    jn = pts[:, comps.index("n")] if "n" in comps else np.zeros(n)
    jp = pts[:, comps.index("p")] if "p" in comps else np.zeros(n)
    tun = tunnelling_currents(model, jn, jp)
    lin = linearised_currents(model, jn, jp)
    odd = driven == "both" or len(comps) == 1 or math.isclose(
        abs(math.remainder(other, math.pi)), 0.0, abs_tol=1e-12)  # fmt: skip
    metrics = {key: np.full(m, np.nan) for key in ("harmonic_ratio", "phase_max",
                                                   "current_max", "skewness")}  # fmt: skip
    for i, c in enumerate(comps):
        if driven in (c, "both"):
            dev = sine_deviation(values, cur[i], odd=odd)
            for key in metrics:
                metrics[key][i] = dev[key]
    per = lambda d, key: np.array([np.broadcast_to(d[f"{key}_{c}"], (n,)) for c in comps])  # noqa: E731
    anchor = np.where(exists, anchor, 0)
    ds = xr.Dataset(
        {
            "phase_current": (("component", "delta_theta"), cur,
                              _attrs("1", "phase current J = Im(psi* psi') = f² theta'")),
            "current": (("component", "delta_theta"), per(ent, "current"),
                        _attrs("1", "entrained current j (eqs. 12–14; per hbar, per e hbar/m_p)")),
            "phase_current_tunnelling": (("component", "delta_theta"), per(tun, "phase_current"),
                                         _attrs("1", "J in the tunnelling limit (bulk amplitudes)")),
            "current_tunnelling": (("component", "delta_theta"), per(tun, "current"),
                                   _attrs("1", "j in the tunnelling limit (eqs. 15–16)")),
            "phase_current_linearised": (("component", "delta_theta"), per(lin, "phase_current"),
                                         _attrs("1", "J to first order in 1/zeta")),
            "current_linearised": (("component", "delta_theta"), per(lin, "current"),
                                   _attrs("1", "j to first order in 1/zeta")),
            "amplitude_interface": (("side", "component", "delta_theta"), f_if,
                                    _attrs("1", "amplitude at the interface")),
            "amplitude_far": (("side", "component", "delta_theta"), f_far,
                              _attrs("1", "amplitude at |x| = L (current-carrying bulk)")),
            "jump": (("component", "delta_theta"), pts.T.copy(),
                     _attrs("rad", "interface phase jump of each component")),
            "exists": ("delta_theta", exists,
                       _attrs("", "a stationary state with a stable bulk was reached")),
            "anchor": ("delta_theta", anchor,
                       _attrs("pi", "multiple of pi the state was continued from")),
            "decay_length": ("delta_theta", decay,
                             _attrs("1", "longest amplitude relaxation length in the far field")),
            "harmonic_ratio": ("component", metrics["harmonic_ratio"],
                               _attrs("1", "second over first sine harmonic A2/A1 of J")),
            "phase_max": ("component", metrics["phase_max"],
                          _attrs("rad", "phase jump of the largest J")),
            "current_max": ("component", metrics["current_max"],
                            _attrs("1", "largest J (critical phase current)")),
            "skewness": ("component", metrics["skewness"],
                         _attrs("1", "skewness 2 phase_max/pi − 1 of J (0 for a sine)")),
        },
        coords={
            "delta_theta": ("delta_theta", values, _attrs("rad", "driven phase jump")),
            "component": _component_coord(comps),
            "side": _side_coord(),
        },
    )  # fmt: skip
    ds.attrs = provenance(computation="superfluid.interface_cpr", model=model, method=method)
    ds.attrs.update(driven=driven, other=other, length=prob.length, solves=prob.solves)
    return ds


def symmetric_interface_cpr(delta_theta, *, zeta_n=10.0, zeta_p=10.0, a_n=-1.0, b_n=1.0,
                            a_p=-1.0, b_p=1.0, g_np=0.0, entrainment_n=0.0,
                            entrainment_p=0.0, components=COMPONENTS, driven=None,
                            other=None, method=None) -> xr.Dataset:  # fmt: skip
    """:func:`interface_cpr` of a symmetric interface (the same :class:`GLSide` on both sides)
    from plain keywords, so :func:`josephson.sweep.grid` can sweep them; ``delta_theta`` is
    passed whole (``grid_axes``)."""
    side = GLSide(a_n=a_n, b_n=b_n, a_p=a_p, b_p=b_p, g_np=g_np)
    model = GLInterface(side1=side, side2=side, zeta_n=zeta_n, zeta_p=zeta_p,
                        entrainment_n=entrainment_n, entrainment_p=entrainment_p,
                        components=components)  # fmt: skip
    return interface_cpr(model, delta_theta, driven=driven, other=other, method=method)


symmetric_interface_cpr.grid_axes = ("delta_theta",)
