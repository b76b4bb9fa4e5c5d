"""The dc SQUID: two Josephson junctions in a superconducting loop of inductance L.

Model and conventions
---------------------
Junction k = 1, 2 has the current-phase relation ``cpr_k`` (any
:class:`~josephson.junction.cpr.CurrentPhaseRelation`, normalised here to unit critical
current max|i_s| = 1), critical current I_ck, shunt resistance R_k and capacitance C_k::

    I_c1,2 = Ī_c (1 ± α_I)      α_I = asymmetry            = (I_c1 - I_c2)/(I_c1 + I_c2)
    1/R_1,2 = (1 ± α_R)/R̄       α_R = resistance_asymmetry = (G_1 - G_2)/(G_1 + G_2)
    C_1,2 = C̄ (1 ± α_C)         α_C = capacitance_asymmetry = (C_1 - C_2)/(C_1 + C_2)

so Ī_c and C̄ are arithmetic means and R̄ = 2 R_1 R_2/(R_1 + R_2) is the harmonic mean of the
shunts (the two shunts in parallel are exactly R̄/2).  A difference in junction area alone
gives α_I = α_R = α_C.  Dimensionless parameters::

    β_L = 2 L Ī_c / Φ0            (beta_l)       β_c = 2e Ī_c R̄² C̄ / ħ   (beta_c)
    ω_c = 2e Ī_c R̄ / ħ            time unit 1/ω_c
    Γ = 2e k_B T / (ħ Ī_c)        (noise)

Currents are in units of Ī_c, the voltage in Ī_c R̄ (v = V/(Ī_c R̄)), the applied flux
``flux`` = Φ/Φ0.  The bias splits as I_1 = I/2 + J, I_2 = I/2 - J (J the circulating
current, j = J/Ī_c = (i_1 - i_2)/2), and the fluxoid condition reads::

    φ_1 - φ_2 = 2π Φ_tot/Φ0 (mod 2π),     Φ_tot = Φ - L J,   i.e.
    φ_1 - φ_2 = 2π Φ/Φ0 - π β_L j (mod 2π).

The sign is fixed by energy: with U = Σ E_Jk (1 - cos φ_k) + (Φ_tot - Φ)²/2L the static states
are the stationary points of U, and a positive j reduces the flux in the loop (screening).
(Writing "+ π β_L j" with this j would turn the loop energy into -(Φ_tot - Φ)²/2L: a
negative, anti-screening inductance.)  The normalised equations of motion are::

    β_c (1 ± α_C) φ_k'' + (1 ± α_R) φ_k' + (1 ± α_I) i_s,k(φ_k) = i/2 ± j + ξ_k(τ),
    j = (2π Φ/Φ0 - φ_1 + φ_2)/(π β_L),      <ξ_k(τ) ξ_k(τ')> = 2 (1 ± α_R) Γ δ(τ - τ')

(upper signs for k = 1), and the SQUID voltage is v = <(φ_1' + φ_2')/2>.  At β_L = 0 the
loop constraint φ_1 - φ_2 = 2π Φ/Φ0 is holonomic: with φ_1,2 = φ ± π Φ/Φ0 the two equations
add up to one RCSJ equation for the mean phase φ,

    β_c φ'' + φ' + [(1 + α_I) i_s,1(φ + πΦ/Φ0) + (1 - α_I) i_s,2(φ - πΦ/Φ0)]/2
        = i/2 + (ξ_1 + ξ_2)/2,

which is what is integrated there (the resistance and capacitance asymmetries drop out).

Functions: :func:`squid_critical_current` and :func:`squid_critical_current_branches`
(static), :func:`squid_voltage` (dynamics), :func:`transfer_function`,
:func:`optimal_working_point` and :func:`plot_squid`.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass

import numpy as np
import xarray as xr

from .. import _validate
from .._provenance import provenance
from .._validate import array, attrs, choice, scalar, whole
from ..errors import ConvergenceError, ParameterError
from . import _squid_kernels as _sk
from . import rcsj
from .cpr import CurrentPhaseRelation, as_cpr
from .rcsj import Langevin, PeriodAverage

__all__ = [
    "optimal_working_point",
    "plot_squid",
    "squid_critical_current",
    "squid_critical_current_branches",
    "squid_voltage",
    "transfer_function",
]

TWO_PI = 2.0 * math.pi


# --------------------------------------------------------------------------- model
def _cprs(cpr) -> tuple[CurrentPhaseRelation, CurrentPhaseRelation]:
    """``cpr``: None, one CPR for both junctions, or a pair (cpr_1, cpr_2)."""
    if isinstance(cpr, tuple | list):
        if len(cpr) != 2:
            raise ParameterError("cpr", cpr, "None, one CurrentPhaseRelation or a pair of them")
        return as_cpr(cpr[0]), as_cpr(cpr[1])
    c = as_cpr(cpr)
    return c, c


def _asymmetry(name, value):
    return scalar(name, value, low=-1.0, high=1.0, low_open=True, high_open=True,
                  allowed="a finite number with |value| < 1")  # fmt: skip


def _nonnegative(name, value, meaning):
    return scalar(name, value, low=0.0, allowed=f"a finite number >= 0 ({meaning})")


@dataclass(frozen=True)
class _Junctions:
    """The two junctions with their CPRs normalised to unit critical current.

    i_s,k(φ) = (1 ± α_I) cpr_k.current(φ) / norm_k with norm_k = max(I_c+, I_c-) of cpr_k.
    """

    cpr1: CurrentPhaseRelation
    cpr2: CurrentPhaseRelation
    asymmetry: float

    def __post_init__(self):
        norms = tuple(float(max(c.critical_currents()[:2])) for c in (self.cpr1, self.cpr2))
        scales = ((1.0 + self.asymmetry) / norms[0], (1.0 - self.asymmetry) / norms[1])
        object.__setattr__(self, "norms", norms)
        object.__setattr__(self, "scales", scales)

    def current(self, k: int, x):
        c = self.cpr1 if k == 0 else self.cpr2
        return self.scales[k] * c.current(x)

    def derivative(self, k: int, x):
        c = self.cpr1 if k == 0 else self.cpr2
        return self.scales[k] * c.derivative(x)

    def describe(self) -> dict:
        return {
            "cpr_1": self.cpr1.describe(),
            "cpr_2": self.cpr2.describe(),
            "asymmetry": self.asymmetry,
            "cpr_normalisation": list(self.norms),
        }


def _flux_array(flux, ndim=tuple(range(33))) -> np.ndarray:
    """Applied flux Φ/Φ0: finite numbers, any shape (or the shapes in ``ndim``)."""
    text = (
        "finite numbers (applied flux in units of Φ0)"
        if len(ndim) > 2
        else "a number or a 1-D array of finite fluxes (units of Φ0)"
    )
    return array("flux", flux, ndim=ndim, allowed=text)


# --------------------------------------------------------------------------- static states
#
# Static states: i_k = i_s,k(φ_k), j = (i_1 - i_2)/2 and the fluxoid condition
# φ_1 + μ i_s,1(φ_1) - [φ_2 + μ i_s,2(φ_2)] = 2π Φ/Φ0 with μ = π β_L / 2.  With
# g(x) = x + μ i_s,1(x), h(x) = x + μ i_s,2(x), u = g(φ_1) and w = h(φ_2), the condition is the
# straight line u - w = 2π Φ/Φ0.  The stiffness matrix of the static problem at fixed bias,
# K = diag(i_s,1', i_s,2') + [[1, -1], [-1, 1]]/(π β_L), is positive definite (the state is
# stable, for any β_c >= 0) exactly when g' > 0, h' > 0 and
#     di/du = i_s,1'/g' + i_s,2'/h' = (2 - 1/g' - 1/h')/μ > 0,
# so along the line, inside pieces where g and h increase, the total current i = i_1 + i_2
# increases exactly on the stable states: every stable arc ends at a fold (di/du = 0) whose
# current is the critical current of that fluxoid state (and starts at the fold of the
# negative critical current).  Stable states need g', h' > 1/2, so only the pieces with
# g', h' > 1/4 are inverted (well conditioned Newton steps).

_SLOPE_FLOOR = 0.25
_TABLE = 2049


@dataclass
class _Piece:
    """x(u) on a piece where u = x + μ i_s(x) increases by at least _SLOPE_FLOOR."""

    lo: float  # domain of x
    hi: float
    ulo: float  # range of u
    uhi: float
    x_tab: np.ndarray
    u_tab: np.ndarray
    periodic: bool  # the whole line: canonical window [lo + pad, lo + pad + 2π)
    pad: float


def _pieces(junctions: _Junctions, k: int, mu: float) -> list[_Piece]:
    def u_of(x):
        return x + mu * junctions.current(k, x)

    def slope(x):
        return 1.0 + mu * junctions.derivative(k, x)

    n = 4096
    x = np.linspace(0.0, TWO_PI, n, endpoint=False)
    sl = slope(x)
    if sl.min() > _SLOPE_FLOOR:
        pad = 0.25
        xt = np.linspace(-pad, TWO_PI + pad, _TABLE + 256)
        ut = u_of(xt)
        return [_Piece(xt[0], xt[-1], ut[0], ut[-1], xt, ut, True, pad)]
    x0 = x[int(np.argmin(sl))]
    xs = x0 + np.linspace(0.0, TWO_PI, n + 1)
    good = slope(xs) > _SLOPE_FLOOR
    pieces = []
    k0 = 0
    while k0 <= n:
        if not good[k0]:
            k0 += 1
            continue
        k1 = k0
        while k1 + 1 <= n and good[k1 + 1]:
            k1 += 1
        if k1 > k0:
            # ends where the slope crosses the floor, to round-off (bisection)
            ends = []
            for good_x, bad_x in ((xs[k0], xs[k0 - 1]), (xs[k1], xs[k1 + 1])):
                for _ in range(50):
                    mid = 0.5 * (good_x + bad_x)
                    if slope(mid) > _SLOPE_FLOOR:
                        good_x = mid
                    else:
                        bad_x = mid
                ends.append(good_x)
            xt = np.linspace(ends[0], ends[1], _TABLE)
            ut = u_of(xt)
            # a jump of the CPR between grid points (a discontinuous CPR): split there
            cuts = np.nonzero(np.diff(ut) <= 0)[0]
            for lo, hi in zip(np.r_[0, cuts + 1], np.r_[cuts, ut.size - 1], strict=True):
                if hi - lo >= 8:
                    x_piece = np.linspace(xt[lo], xt[hi], _TABLE)
                    u_piece = u_of(x_piece)
                    if np.all(np.diff(u_piece) > 0):
                        pieces.append(
                            _Piece(x_piece[0], x_piece[-1], u_piece[0], u_piece[-1],
                                   x_piece, u_piece, False, 0.0)
                        )  # fmt: skip
        k0 = k1 + 1
    return pieces


def _invert(junctions, k, mu, piece: _Piece, u):
    """x with x + μ i_s,k(x) = u on ``piece`` (interpolation, then Newton to round-off)."""
    x = np.interp(u, piece.u_tab, piece.x_tab)
    for _ in range(4):
        r = x + mu * junctions.current(k, x) - u
        x = np.clip(x - r / (1.0 + mu * junctions.derivative(k, x)), piece.lo, piece.hi)
    return x


def _slope(junctions, mu, a: _Piece, b: _Piece, u, w):
    """di/du on the fluxoid line at u = g(φ_1), w = h(φ_2) (φ_1 on piece a, φ_2 on piece b)."""
    d1 = junctions.derivative(0, _invert(junctions, 0, mu, a, u))
    d2 = junctions.derivative(1, _invert(junctions, 1, mu, b, w))
    return d1 / (1.0 + mu * d1) + d2 / (1.0 + mu * d2)


def _line_samples(junctions, mu, a: _Piece, b: _Piece, offset, lo, hi):
    """u and di/du along the fluxoid line w = u - offset, sorted in u, inside [lo, hi].

    Samples: every 4th table point of each piece, that phase exact and the other one from the
    line, so both phases are resolved to 2π/512 whatever β_L.  Past the end of the overlap
    the last sample inside is repeated (no spurious sign change).
    """
    xa, xb = a.x_tab[::4], b.x_tab[::4]
    ua = np.broadcast_to(a.u_tab[::4], (offset.size, xa.size))
    ub = b.u_tab[::4][None, :] + offset[:, None]
    da = junctions.derivative(0, xa)[None, :]
    db = junctions.derivative(1, xb)[None, :]
    d2 = junctions.derivative(1, _invert(junctions, 1, mu, b, ua - offset[:, None]))
    d1 = junctions.derivative(0, _invert(junctions, 0, mu, a, ub))
    u = np.concatenate([ua, ub], axis=1)
    d = np.concatenate(
        [da / (1.0 + mu * da) + d2 / (1.0 + mu * d2), d1 / (1.0 + mu * d1) + db / (1.0 + mu * db)],
        axis=1,
    )
    inside = (u >= lo[:, None]) & (u <= hi[:, None])
    order = np.argsort(np.where(inside, u, np.inf), axis=1)
    u = np.take_along_axis(u, order, axis=1)
    d = np.take_along_axis(d, order, axis=1)
    n_in = inside.sum(axis=1)
    cols = np.minimum(np.arange(u.shape[1])[None, :], np.maximum(n_in - 1, 0)[:, None])
    u = np.take_along_axis(u, cols, axis=1)
    d = np.take_along_axis(d, cols, axis=1)
    d[n_in == 0] = -1.0
    return u, d


def _static_folds(flux: np.ndarray, beta_l: float, junctions: _Junctions):
    """Every fold (end of a stable arc) of the static states at each flux.

    Returns arrays (index into ``flux``, i, j, sign): sign +1 for the upper end of a stable
    arc (i is the critical current of that state), -1 for its lower end (i = -I_c- of it).
    By the periodicity in Φ0 the search runs at the reduced flux Φ - round(Φ); the
    circulating current j is the same at Φ.
    """
    mu = 0.5 * math.pi * beta_l
    fr = flux - np.floor(flux + 0.5)
    out_idx, out_i, out_j, out_sign = [], [], [], []
    for a in _pieces(junctions, 0, mu):
        for b in _pieces(junctions, 1, mu):
            # φ_2 on piece b shifted by 2π m
            m_lo = math.floor((a.ulo - b.uhi) / TWO_PI - 0.5) - 1
            m_hi = math.ceil((a.uhi - b.ulo) / TWO_PI + 0.5) + 1
            for m in range(m_lo, m_hi + 1):
                lo = np.maximum(a.ulo, b.ulo + TWO_PI * (m + fr))
                hi = np.minimum(a.uhi, b.uhi + TWO_PI * (m + fr))
                sel = np.nonzero(hi > lo)[0]
                if sel.size == 0:
                    continue
                offset = TWO_PI * (m + fr[sel])
                u, d = _line_samples(junctions, mu, a, b, offset, lo[sel], hi[sel])
                for sign in (1, -1):
                    falls = (d[:, :-1] > 0) & (d[:, 1:] <= 0)
                    rises = (d[:, :-1] <= 0) & (d[:, 1:] > 0)
                    rows, cols = np.nonzero(falls if sign == 1 else rises)
                    if rows.size == 0:
                        continue
                    # bisection on the sign of di/du (60 halvings: to round-off)
                    left, right = u[rows, cols], u[rows, cols + 1]
                    off = offset[rows]
                    d_left = d[rows, cols] > 0
                    for _ in range(60):
                        mid = 0.5 * (left + right)
                        same = (_slope(junctions, mu, a, b, mid, mid - off) > 0) == d_left
                        left = np.where(same, mid, left)
                        right = np.where(same, right, mid)
                    uu = 0.5 * (left + right)
                    p1 = _invert(junctions, 0, mu, a, uu)
                    p2 = _invert(junctions, 1, mu, b, uu - off)
                    keep = np.ones(rows.size, dtype=bool)
                    # a piece covering the whole line: count each state once
                    if a.periodic:
                        keep &= (p1 >= a.lo + a.pad) & (p1 < a.lo + a.pad + TWO_PI)
                    if b.periodic:
                        keep &= (p2 >= b.lo + b.pad) & (p2 < b.lo + b.pad + TWO_PI)
                    i1 = junctions.current(0, p1[keep])
                    i2 = junctions.current(1, p2[keep])
                    out_idx.append(sel[rows][keep])
                    out_i.append(i1 + i2)
                    out_j.append(0.5 * (i1 - i2))
                    out_sign.append(np.full(int(keep.sum()), sign))
    if not out_idx:
        return np.empty(0, dtype=int), np.empty(0), np.empty(0), np.empty(0, dtype=int)
    return tuple(np.concatenate(x) for x in (out_idx, out_i, out_j, out_sign))


#: Largest β_L of the static solver: its cost grows like β_L (the number of fluxoid states),
#: measured ~7.5 ms per unit of β_L for two flux values (75 s at 1e4).
BETA_L_STATIC_MAX = 1e4


def _static_setup(flux, beta_l, asymmetry, cpr):
    arr = _flux_array(flux)
    beta_l = scalar(
        "beta_l",
        beta_l,
        low=0.0,
        high=BETA_L_STATIC_MAX,
        allowed=f"a finite number 0 <= β_L <= {BETA_L_STATIC_MAX:g} (the static solver's cost "
        "grows like β_L; for β_L >> 1 the modulation depth is ΔI_c ≈ Φ0/L = 2Ī_c/β_L)",
    )
    asymmetry = _asymmetry("asymmetry", asymmetry)
    c1, c2 = _cprs(cpr)
    return arr, beta_l, _Junctions(c1, c2, asymmetry)


def squid_critical_current(flux, *, beta_l=0.0, asymmetry=0.0, cpr=None):
    """Critical current of a dc SQUID against applied flux (static states, no noise).

    The largest bias current i = i_1 + i_2 carried by a stable static state of the two
    junctions under the fluxoid condition (module docstring), maximised over every fluxoid
    state that exists at that flux.  At β_L = 0 this is max_φ [(1 + α_I) i_s,1(φ + πΦ/Φ0)
    + (1 - α_I) i_s,2(φ - πΦ/Φ0)], = 2 |cos πΦ/Φ0| for identical sinusoidal junctions and
    2 sqrt(cos² πΦ/Φ0 + α_I² sin² πΦ/Φ0) with a critical-current asymmetry.

    Method: the static states lie on the line u - w = 2πΦ/Φ0 with u = φ_1 + μ i_1(φ_1),
    w = φ_2 + μ i_2(φ_2), μ = πβ_L/2; on it the current increases exactly on the stable
    states, so each critical current is a fold di/du = 0 at the upper end of a stable arc.
    The line is sampled so that both phases are resolved to 2π/512 and every fold is
    refined by bisection to round-off (vectorised over flux; cost grows like β_L for
    β_L >> 1 because the number of fluxoid states does).

    Parameters
    ----------
    flux : float or array
        Applied flux Φ/Φ0 (any shape; finite).
    beta_l : float
        Screening parameter β_L = 2 L Ī_c / Φ0, 0 <= β_L <= ``BETA_L_STATIC_MAX`` = 1e4.
    asymmetry : float
        Critical-current asymmetry α_I = (I_c1 - I_c2)/(I_c1 + I_c2), |α_I| < 1.
    cpr : CurrentPhaseRelation or pair of them, optional
        Current-phase relation of both junctions, or (cpr_1, cpr_2); each is normalised to
        unit critical current max|i_s| (sinusoidal by default).

    Returns
    -------
    numpy.ndarray or float
        I_c(Φ) in units of the mean junction critical current Ī_c, shape of ``flux``.
    """
    arr, beta_l, junctions = _static_setup(flux, beta_l, asymmetry, cpr)
    flat = arr.ravel()
    idx, i, _j, sign = _static_folds(flat, beta_l, junctions)
    ic = np.full(flat.size, -np.inf)
    up = sign == 1
    np.maximum.at(ic, idx[up], i[up])
    ic = np.where(np.isfinite(ic), np.maximum(ic, 0.0), np.nan).reshape(arr.shape)
    return ic[()] if ic.ndim == 0 else ic


def squid_critical_current_branches(flux, *, beta_l=0.0, asymmetry=0.0, cpr=None, fluxoids=None):
    """Critical currents of every fluxoid state of a dc SQUID (see :func:`squid_critical_current`).

    A stable static state belongs to fluxoid state n when the total flux in the loop,
    Φ_tot = Φ - L J, is within Φ0/2 of n Φ0, evaluated at the critical point (n = the
    integer nearest to Φ/Φ0 - β_L j/2).  Where one fluxoid state has several stable arcs the
    largest critical current is kept.

    Parameters
    ----------
    flux : 1-D array
        Applied flux Φ/Φ0.
    beta_l, asymmetry, cpr
        As in :func:`squid_critical_current`.
    fluxoids : sequence of int, optional
        The fluxoid states to report; by default every one found.

    Returns
    -------
    xarray.Dataset
        Over (flux, fluxoid): ``i_c`` (NaN where the state does not exist or is nowhere
        stable), ``i_c_minus`` (magnitude of the negative critical current), ``circulating``
        (j = J/Ī_c at the positive critical point) and ``total_flux`` (Φ_tot/Φ0 there); over
        flux: ``i_c_max`` (the SQUID critical current, max over states), ``i_c_minus_max``.
    """
    arr = np.atleast_1d(_flux_array(flux, ndim=(0, 1)))
    _, beta_l, junctions = _static_setup(arr, beta_l, asymmetry, cpr)
    idx, i, j, sign = _static_folds(arr, beta_l, junctions)
    total = arr[idx] - 0.5 * beta_l * j
    label = np.floor(total + 0.5).astype(int)
    if fluxoids is None:
        states = np.unique(label) if label.size else np.array([0])
    else:
        text = "a whole number or a sequence of whole numbers (fluxoid states n)"
        wanted = array("fluxoids", fluxoids, ndim=(0, 1), allowed=text)
        if np.any(wanted != np.round(wanted)):
            raise ParameterError("fluxoids", fluxoids, text)
        states = np.unique(wanted.astype(int))
    col = {int(n): c for c, n in enumerate(states)}
    shape = (arr.size, states.size)
    ic = np.full(shape, -np.inf)
    icm = np.full(shape, -np.inf)
    circ = np.full(shape, np.nan)
    tot = np.full(shape, np.nan)
    for k in np.argsort(i):  # ascending: the largest per cell is written last
        c = col.get(int(label[k]))
        if c is None:
            continue
        if sign[k] == 1:
            ic[idx[k], c] = i[k]
            circ[idx[k], c] = j[k]
            tot[idx[k], c] = total[k]
        elif -i[k] > icm[idx[k], c]:
            icm[idx[k], c] = -i[k]
    ic[~np.isfinite(ic)] = np.nan
    icm[~np.isfinite(icm)] = np.nan
    with np.errstate(all="ignore"):
        up_all = np.full(arr.size, -np.inf)
        dn_all = np.full(arr.size, -np.inf)
        np.maximum.at(up_all, idx[sign == 1], i[sign == 1])
        np.maximum.at(dn_all, idx[sign == -1], -i[sign == -1])
    up_all[~np.isfinite(up_all)] = np.nan
    dn_all[~np.isfinite(dn_all)] = np.nan
    ds = xr.Dataset(
        {
            "i_c": (("flux", "fluxoid"), np.maximum(ic, 0.0),
                    attrs("Ī_c", "critical current of the fluxoid state")),
            "i_c_minus": (("flux", "fluxoid"), np.maximum(icm, 0.0),
                          attrs("Ī_c", "negative critical current of the fluxoid state")),
            "circulating": (("flux", "fluxoid"), circ,
                            attrs("Ī_c", "circulating current j = (i_1 - i_2)/2 at I_c")),
            "total_flux": (("flux", "fluxoid"), tot, attrs("Φ0", "flux in the loop Φ - LJ at I_c")),
            "i_c_max": ("flux", np.maximum(up_all, 0.0), attrs("Ī_c", "SQUID critical current I_c")),
            "i_c_minus_max": ("flux", np.maximum(dn_all, 0.0),
                              attrs("Ī_c", "SQUID negative critical current")),
        },
        coords={
            "flux": ("flux", arr, attrs("Φ0", "applied flux Φ")),
            "fluxoid": ("fluxoid", states, attrs("1", "fluxoid state n (Φ - LJ ≈ nΦ0)")),
        },
    )  # fmt: skip
    ds.attrs = provenance(
        computation="josephson.junction.squid_critical_current_branches",
        model={"beta_l": beta_l, "junctions": junctions},
        method={"static_states": "folds on the fluxoid line, bisection to round-off"},
    )
    return ds


# --------------------------------------------------------------------------- dynamics
@dataclass(frozen=True)
class _Loop:
    """Validated parameters of the SQUID dynamics."""

    beta_l: float
    beta_c: float
    resistance_asymmetry: float
    capacitance_asymmetry: float
    junctions: _Junctions

    @property
    def mode(self) -> int:
        if self.beta_l == 0:
            return _sk.REDUCED if self.beta_c == 0 else _sk.REDUCED_INERTIAL
        return _sk.LOOP if self.beta_c == 0 else _sk.LOOP_INERTIAL

    def params(self) -> np.ndarray:
        a1, a2 = self.junctions.scales
        ar, ac = self.resistance_asymmetry, self.capacitance_asymmetry
        kappa = 1.0 / (math.pi * self.beta_l) if self.beta_l > 0 else 0.0
        return np.array(
            [0.0, 0.0, a1, a2, 1.0 + ar, 1.0 - ar, self.beta_c * (1.0 + ac),
             self.beta_c * (1.0 - ac), kappa, self.beta_c]
        )  # fmt: skip

    def stiffness(self) -> float:
        """Largest rate |λ| of the linearised dynamics (bounds the stable Langevin step)."""
        a1, a2 = self.junctions.scales
        p = (abs(a1) * self.junctions.cpr1.max_slope(), abs(a2) * self.junctions.cpr2.max_slope())
        if self.beta_l == 0:
            rate = 0.5 * (p[0] + p[1])
            if self.beta_c == 0:
                return rate
            return (1.0 + math.sqrt(1.0 + 4.0 * self.beta_c * rate)) / (2.0 * self.beta_c)
        kappa = 1.0 / (math.pi * self.beta_l)
        rates = []
        for k, sgn in ((0, 1.0), (1, -1.0)):
            g = 1.0 + sgn * self.resistance_asymmetry
            stiff = 2.0 * kappa + p[k]
            if self.beta_c == 0:
                rates.append(stiff / g)
            else:
                m = self.beta_c * (1.0 + sgn * self.capacitance_asymmetry)
                rates.append((g + math.sqrt(g * g + 4.0 * m * stiff)) / (2.0 * m))
        return max(rates)

    def describe(self) -> dict:
        return {
            "beta_l": self.beta_l,
            "beta_c": self.beta_c,
            "resistance_asymmetry": self.resistance_asymmetry,
            "capacitance_asymmetry": self.capacitance_asymmetry,
            **self.junctions.describe(),
        }


def _loop(beta_l, beta_c, asymmetry, resistance_asymmetry, capacitance_asymmetry, cpr):
    beta_l = _nonnegative("beta_l", beta_l, "β_L = 2LĪ_c/Φ0")
    beta_c = _nonnegative("beta_c", beta_c, "β_c = 2eĪ_cR̄²C̄/ħ")
    c1, c2 = _cprs(cpr)
    return _Loop(
        beta_l=beta_l,
        beta_c=beta_c,
        resistance_asymmetry=_asymmetry("resistance_asymmetry", resistance_asymmetry),
        capacitance_asymmetry=_asymmetry("capacitance_asymmetry", capacitance_asymmetry),
        junctions=_Junctions(c1, c2, _asymmetry("asymmetry", asymmetry)),
    )


def _bias_grid(i_bias) -> np.ndarray:
    """The bias grid, ascending: :func:`josephson.junction.rcsj._bias_grid` under the name
    this module's API gives it (``i_bias``, units of Ī_c)."""
    grid, _descending = rcsj._bias_grid(i_bias, "i_bias")
    return grid


def _seed(seed):
    return _validate.seed(seed)


def _initial_states(loop: _Loop, flux: np.ndarray, top_bias: float, sweep: str) -> np.ndarray:
    """Start of each chain: no circulating current (φ_1 - φ_2 = 2πΦ/Φ0 exactly, so the loop
    holds the fluxoid state n = round(Φ/Φ0)), φ_1 = π(Φ/Φ0 - n); at rest (up) or on the
    ohmic line v = i/2 (down).  Starts at Φ and Φ + Φ0 are the same physical state."""
    y = np.zeros((flux.size, 4))
    fr = flux - np.floor(flux + 0.5)
    mode = loop.mode
    speed = 0.5 * top_bias if sweep == "down" else 0.0
    if mode in (_sk.LOOP, _sk.LOOP_INERTIAL):
        y[:, 0] = math.pi * fr
        y[:, 1] = math.pi * fr - TWO_PI * flux
        if mode == _sk.LOOP_INERTIAL:
            y[:, 2] = y[:, 3] = speed
    else:  # mean phase ψ = (φ_1 + φ_2)/2 of the same start
        y[:, 0] = -math.pi * np.floor(flux + 0.5)
        if mode == _sk.REDUCED_INERTIAL:
            y[:, 1] = speed
    return y


def squid_voltage(
    flux,
    i_bias,
    *,
    beta_l,
    beta_c=0.0,
    asymmetry=0.0,
    resistance_asymmetry=0.0,
    capacitance_asymmetry=0.0,
    cpr=None,
    noise=0.0,
    sweep: str = "up",
    seed=None,
    method: PeriodAverage | Langevin | None = None,
) -> xr.Dataset:
    """Time-averaged voltage of a current-biased dc SQUID, V(Φ) at each bias.

    Integrates the coupled RCSJ equations of the two junctions (module docstring) for every
    (bias, flux) pair.  Each flux value is one chain swept through the bias grid with its
    state carried from point to point ("up": ascending from rest in fluxoid state
    round(Φ/Φ0), "down": descending from the ohmic line), so hysteresis follows the sweep.
    At β_L = 0 the holonomic one-phase equation is integrated.

    Without noise (:class:`~josephson.junction.rcsj.PeriodAverage`, adaptive Dormand-Prince
    5(4)): v = 2π p/T_p over whole periods once the return map of the mean phase has
    converged to a p-cycle (p <= 4) within ``period_tol`` (relative voltage error of that
    order; the β_L = 0, β_c = 0 case is exact after one period), or v = 0 exactly at a
    stable static state.  States that do neither within ``max_time`` are averaged over the
    whole periods seen (``state`` = windowed, with a warning).  With ``noise`` > 0
    (:class:`~josephson.junction.rcsj.Langevin`, stochastic Heun): mean over
    ``realizations`` of the phase advance over ``duration`` after ``transient``; all flux
    values of one realisation share the same noise (common random numbers), so differences
    in Φ, such as ∂V/∂Φ, are much less noisy than v itself; ``dt`` = None picks
    min(0.01, 0.05/|λ_max|) with λ_max the fastest rate of the linearised loop.

    Why this integrator: a fixed averaging window limits <v> near the onset to ~T/window
    (a slip period T grows without bound there), whatever the step; averaging over whole
    periods of a converged orbit removes that error, and the adaptive step follows both the
    slow passage near I_c(Φ) and the fast loop relaxation (rate ~ 2/(πβ_L)) at small β_L.
    Measured with the default :class:`~josephson.junction.rcsj.PeriodAverage` tolerances:
    β_L = 0, β_c = 0 against (1/2) sqrt(i² - I_c(Φ)²) to 1.5e-9 (largest absolute error over
    61 biases x 31 fluxes, identical junctions; 5e-11 with α_I = 0.4, α_R = -0.3); β_L > 0
    against SciPy DOP853 at rtol = 1e-12 to 3e-11.  The compiled kernels are in
    :mod:`josephson.junction._squid_kernels` (a vector-state Dormand-Prince; the junction
    kernel ``_kernels._dopri_step`` is written for the 2-D single-junction state).

    Parameters
    ----------
    flux : float or 1-D array
        Applied flux Φ/Φ0.
    i_bias : float or 1-D array
        Strictly monotonic bias grid I/Ī_c (stored ascending).
    beta_l : float
        Screening parameter β_L = 2LĪ_c/Φ0 >= 0.
    beta_c : float
        Stewart-McCumber parameter of the mean junction, 2e Ī_c R̄² C̄/ħ >= 0.
    asymmetry, resistance_asymmetry, capacitance_asymmetry : float
        α_I, α_R, α_C (module docstring), each |α| < 1.
    cpr : CurrentPhaseRelation or pair of them, optional
        Normalised to unit critical current (sinusoidal by default).
    noise : float
        Γ = 2e k_B T/(ħ Ī_c) >= 0; each shunt R_k carries its Johnson noise.
    sweep : {"up", "down"}
    seed : int, optional
        Seed of the noise.
    method : PeriodAverage or Langevin, optional

    Returns
    -------
    xarray.Dataset
        ``v`` over (i_bias, flux) in units of Ī_c R̄ (v = V/(Ī_c R̄) = <(φ_1' + φ_2')/2>;
        v -> i/2 at large bias); without noise ``state`` (0 not converged, 1 running,
        2 trapped, 3 windowed), with noise ``v_stderr``.  ``attrs`` hold the provenance.
    """
    flux_arr = np.atleast_1d(_flux_array(flux, ndim=(0, 1)))
    bias = _bias_grid(i_bias)
    loop = _loop(beta_l, beta_c, asymmetry, resistance_asymmetry, capacitance_asymmetry, cpr)
    noise = _nonnegative("noise", noise, "Γ = 2ek_BT/ħĪ_c")
    sweep = choice("sweep", sweep, ("up", "down"))
    seed = _seed(seed)
    if method is None:
        method = Langevin() if noise > 0 else PeriodAverage()
    if noise > 0 and not isinstance(method, Langevin):
        raise ParameterError("method", method, "a Langevin method when noise > 0")
    if not isinstance(method, PeriodAverage | Langevin):
        raise ParameterError("method", method, "PeriodAverage(...) or Langevin(...)")
    if isinstance(method, PeriodAverage):
        default = PeriodAverage()
        for name in ("transient_periods", "average_periods"):
            if getattr(method, name) != getattr(default, name):
                raise ParameterError(
                    name, getattr(method, name), "the default (a microwave-drive setting, "
                    "unused by the constant-bias SQUID average)",
                )  # fmt: skip
    seq = bias if sweep == "up" else bias[::-1]
    y = _initial_states(loop, flux_arr, float(seq[0]), sweep)
    f1, cp1 = loop.junctions.cpr1.compiled()
    f2, cp2 = loop.junctions.cpr2.compiled()
    q = loop.params()
    data = {}
    if isinstance(method, PeriodAverage):
        v, status = _sk.dc_sweep(
            f1, cp1, f2, cp2, loop.mode, q, flux_arr, np.ascontiguousarray(seq), y,
            method.tol, method.period_tol, method.trap_tol, method.max_time, method.max_step,
        )  # fmt: skip
        if sweep == "down":
            v, status = v[:, ::-1], status[:, ::-1]
        if np.any(~np.isfinite(v)):
            raise ConvergenceError(
                "PeriodAverage (Dormand-Prince 5(4))", "step size underflow", "non-finite voltage"
            )
        data["v"] = v.T
        data["state"] = status.T
        method_info = method
    else:
        v, err, dt = _langevin_sweep(
            loop, flux_arr, seq, y, noise, method, seed, (f1, cp1, f2, cp2)
        )
        if sweep == "down":
            v, err = v[:, ::-1], err[:, ::-1]
        data["v"] = v.T
        data["v_stderr"] = err.T
        method_info = {"langevin": method, "dt_used": dt, "common_random_numbers_over_flux": True}
    ds = xr.Dataset(
        {k: (("i_bias", "flux"), a) for k, a in data.items()},
        coords={
            "i_bias": ("i_bias", bias, attrs("Ī_c", "bias current I")),
            "flux": ("flux", flux_arr, attrs("Φ0", "applied flux Φ")),
        },
    )
    ds["v"].attrs = attrs("Ī_c·R̄", "time-averaged SQUID voltage ⟨V⟩")
    if "state" in ds:
        ds["state"].attrs = {
            "long_name": "state of the (bias, flux) point",
            "flag_values": [0, 1, 2, 3],
            "flag_meanings": "not_converged running trapped windowed_average",
        }
    else:
        ds["v_stderr"].attrs = attrs("Ī_c·R̄", "standard error of ⟨V⟩ over realisations")
    ds.attrs = provenance(
        computation="josephson.junction.squid_voltage",
        model={**loop.describe(), "noise": noise, "sweep": sweep, "seed": seed},
        method=method_info,
    )
    if "state" in ds:
        bad = int(np.sum((ds["state"].values == _sk.NOT_CONVERGED)
                         | (ds["state"].values == _sk.WINDOW)))  # fmt: skip
        if bad:
            warnings.warn(
                f"{bad} point(s) reached no periodic or static state within "
                f"max_time={method.max_time:g} (averaged over the window); see 'state'",
                RuntimeWarning,
                stacklevel=2,
            )
    return ds


def _langevin_sweep(loop, flux, seq, y, noise, method, seed, funcs):
    f1, cp1, f2, cp2 = funcs
    limit = 1.0 / loop.stiffness()
    if method.dt is None:
        dt = min(0.01, 0.05 * limit)
    else:
        dt = method.dt
        if dt > limit:
            raise ParameterError(
                "dt", dt, f"a time step <= {limit:.4g} (stability limit 1/|λ_max| of this SQUID)"
            )
    n_r = method.realizations
    n_f = flux.size
    chains_flux = np.repeat(flux, n_r)
    realization = np.tile(np.arange(n_r), n_f)
    state = np.repeat(y, n_r, axis=0)
    n_skip = round(method.transient / dt)
    n_avg = max(1, round(method.duration / dt))
    rng = np.random.default_rng(seed)
    q = loop.params()
    v = np.empty((n_f * n_r, seq.size))
    for k, i in enumerate(seq):
        q[0] = i
        normals = rng.standard_normal((n_r, n_skip + n_avg, 2))
        adv = _sk.langevin_run(
            f1, cp1, f2, cp2, loop.mode, q, chains_flux, realization, state, dt, noise,
            normals, n_skip,
        )  # fmt: skip
        v[:, k] = adv / (n_avg * dt)
    if not np.all(np.isfinite(state)):
        raise ConvergenceError("Langevin (stochastic Heun)", f"dt={dt:g}", "non-finite phase")
    v = v.reshape(n_f, n_r, seq.size)
    mean = v.mean(axis=1)
    err = v.std(axis=1, ddof=1) / math.sqrt(n_r) if n_r > 1 else np.full(mean.shape, np.nan)
    return mean, err, dt


# --------------------------------------------------------------------------- analysis
def transfer_function(ds: xr.Dataset) -> xr.Dataset:
    """Add the flux-to-voltage transfer function ∂V/∂Φ to a :func:`squid_voltage` result.

    Second-order finite differences in flux (central inside, one-sided at the ends; the
    flux grid may be non-uniform).  Returns a copy of ``ds`` sorted in flux with the
    variable ``transfer`` in units of Ī_c R̄/Φ0 (multiply by Ī_c R̄/Φ0 for V/Wb).
    """
    if not isinstance(ds, xr.Dataset) or "v" not in ds or "flux" not in ds["v"].dims:
        raise ParameterError("ds", type(ds).__name__, "a squid_voltage dataset (v over flux)")
    out = ds.sortby("flux")
    flux = out["flux"].values
    if flux.size < 3 or np.any(np.diff(flux) <= 0):
        raise ParameterError("ds", f"flux grid {flux!r}", "at least 3 distinct flux values")
    axis = out["v"].dims.index("flux")
    dv = np.gradient(out["v"].values, flux, axis=axis, edge_order=2)
    out["transfer"] = (out["v"].dims, dv, attrs("Ī_c·R̄/Φ0", "transfer function ∂V/∂Φ"))
    return out


def _grid_optimum(ds: xr.Dataset):
    """Indices (bias, flux) of max |∂V/∂Φ| and whether it sits at the onset of the voltage."""
    tr = np.abs(ds["transfer"].transpose("i_bias", "flux").values)
    v = ds["v"].transpose("i_bias", "flux").values
    kb, kf = np.unravel_index(int(np.nanargmax(tr)), tr.shape)
    lo, hi = max(kf - 1, 0), min(kf + 2, v.shape[1])
    at_onset = "state" in ds and bool(np.any(v[kb, lo:hi] == 0.0))
    return kb, kf, at_onset


def optimal_working_point(
    *,
    beta_l,
    beta_c=0.0,
    asymmetry=0.0,
    resistance_asymmetry=0.0,
    capacitance_asymmetry=0.0,
    cpr=None,
    noise=0.0,
    i_bias=None,
    flux=None,
    refine: int | None = None,
    seed=None,
    method: PeriodAverage | Langevin | None = None,
) -> xr.Dataset:
    """Bias and flux of the largest flux-to-voltage transfer |∂V/∂Φ| of a dc SQUID.

    Computes V on a (bias, flux) grid with :func:`squid_voltage`, locates max |∂V/∂Φ|
    (:func:`transfer_function`) and zooms ``refine`` times onto a 9 x 9 grid spanning the
    neighbouring coarse points (each zoom shrinks the spacing 4 times).

    Where the maximum lies.  V(Φ) of a SQUID with identical junctions is even and
    Φ0-periodic, so ∂V/∂Φ vanishes at every Φ = nΦ0/2, in particular at half-integer flux,
    where the chapter (derivation "DC SQUID Critical Current Modulation") puts the largest
    transfer "where the slope of I_c(Φ) is steepest": that statement is wrong.  Its other
    statement (derivation 5: the steepest slope of V(Φ), near (n + 1/4)Φ0) is the right one.
    What this function finds:

    * noise-free, β_L = 0, β_c = 0, bias above I_c,max = 2Ī_c (V > 0 at every flux):
      ∂V/∂Φ = π sin 2πΦ / sqrt(i² - 4 cos² πΦ), largest near Φ0/4 at high bias and moving
      towards integer flux as i -> 2 (sup π Ī_cR̄/Φ0 at i -> 2, Φ -> 0);
    * noise-free, bias below I_c,max: V rises like sqrt(I - I_c(Φ)) at the onset, so
      ∂V/∂Φ diverges on the curve I = I_c(Φ) wherever dI_c/dΦ != 0; the grid maximum then
      only measures the grid.  This is flagged (``at_onset``, and a warning) and not zoomed;
    * the standard SQUID with thermal noise, β_L = 1, β_c = 0, Γ = 0.05: |∂V/∂Φ| reaches
      ≈ 2.0 Ī_cR̄/Φ0 (= R̄/L, the Tesche-Clarke value) on a broad ridge along the thermally
      rounded onset, bias 1.5-1.8 Ī_c and flux 0.19-0.29 Φ0, i.e. on the flank near
      Φ0/4 with the bias just above I_c(Φ ≈ Φ0/4) = 1.63 Ī_c (16 realisations of 3000/ω_c;
      along the ridge the values agree within the sampling noise, so the exact spot on it is
      not resolved).  At the bias 2Ī_c = I_c,max, where the noise-free modulation depth
      ΔV is largest, the best transfer is only ≈ 1.4 Ī_cR̄/Φ0, at Φ ≈ 0.1 Φ0.  β_c = 0.5
      gives the same picture.

    Parameters
    ----------
    beta_l, beta_c, asymmetry, resistance_asymmetry, capacitance_asymmetry, cpr, noise
        As in :func:`squid_voltage`.
    i_bias : 1-D array, optional
        Bias grid (Ī_c); default 33 points from max(I_c,min, I_c,max/4) to 1.5 I_c,max.
    flux : 1-D array, optional
        Flux grid (Φ0); default 33 points over [0, 1/2] for identical junctions (symmetry),
        over [0, 1] otherwise.
    refine : int, optional
        Number of zoom steps (0: the grid maximum only).  Default 2 without noise and 0 with
        noise (finer flux steps amplify the sampling noise of the finite differences).
    seed, method
        As in :func:`squid_voltage` (the same seed is used on every zoom).

    Returns
    -------
    xarray.Dataset
        ``v`` and ``transfer`` over the first (coarse) grid, and the scalars ``i_bias_opt``,
        ``flux_opt``, ``transfer_opt`` (signed ∂V/∂Φ there) and ``v_opt``; ``attrs`` hold the
        provenance and ``at_onset`` (1 if the optimum sits at the onset of the voltage).
    """
    loop = _loop(beta_l, beta_c, asymmetry, resistance_asymmetry, capacitance_asymmetry, cpr)
    noise = _nonnegative("noise", noise, "Γ = 2ek_BT/ħĪ_c")
    refine = (0 if noise > 0 else 2) if refine is None else whole("refine", refine)
    seed = _seed(seed)
    if flux is not None:
        flux = np.atleast_1d(_flux_array(flux, ndim=(0, 1)))
        if np.unique(flux).size != flux.size or flux.size < 3:
            raise ParameterError(
                "flux", flux, "at least 3 distinct flux values (∂V/∂Φ by finite differences)"
            )
    if i_bias is not None:
        i_bias = _bias_grid(i_bias)
    symmetric = (
        loop.junctions.asymmetry == 0
        and loop.resistance_asymmetry == 0
        and loop.capacitance_asymmetry == 0
        and loop.junctions.cpr1 == loop.junctions.cpr2
    )
    if flux is None:
        flux = np.linspace(0.0, 0.5 if symmetric else 1.0, 33)
    if i_bias is None:
        ic = squid_critical_current(
            np.linspace(0.0, 1.0, 65), beta_l=loop.beta_l, asymmetry=loop.junctions.asymmetry,
            cpr=(loop.junctions.cpr1, loop.junctions.cpr2),
        )  # fmt: skip
        top = float(np.nanmax(ic))
        i_bias = np.linspace(max(float(np.nanmin(ic)), 0.25 * top), 1.5 * top, 33)
    kwargs = dict(
        beta_l=loop.beta_l, beta_c=loop.beta_c, asymmetry=loop.junctions.asymmetry,
        resistance_asymmetry=loop.resistance_asymmetry,
        capacitance_asymmetry=loop.capacitance_asymmetry,
        cpr=(loop.junctions.cpr1, loop.junctions.cpr2), noise=noise, seed=seed, method=method,
    )  # fmt: skip
    coarse = transfer_function(squid_voltage(flux, i_bias, **kwargs))
    ds = coarse
    kb, kf, at_onset = _grid_optimum(ds)
    if at_onset:
        warnings.warn(
            "the largest noise-free transfer sits at the onset I = I_c(Φ), where ∂V/∂Φ "
            "diverges: the optimum is set by the grid; use noise > 0",
            RuntimeWarning,
            stacklevel=2,
        )
    for _ in range(0 if at_onset else refine):
        b, f = ds["i_bias"].values, ds["flux"].values
        db = 0.5 * (b[min(kb + 1, b.size - 1)] - b[max(kb - 1, 0)]) if b.size > 1 else 0.0
        dfl = 0.5 * (f[min(kf + 1, f.size - 1)] - f[max(kf - 1, 0)])
        nb_ = 9 if db > 0 else 1
        b_new = np.linspace(b[kb] - db, b[kb] + db, nb_) if db > 0 else b[kb : kb + 1]
        f_new = np.linspace(f[kf] - dfl, f[kf] + dfl, 9)
        ds = transfer_function(squid_voltage(f_new, b_new, **kwargs))
        kb, kf, at_onset = _grid_optimum(ds)
        if at_onset:
            break
    opt = ds.isel(i_bias=kb, flux=kf)
    out = coarse[["v", "transfer"] + (["state"] if "state" in coarse else [])]
    out["i_bias_opt"] = ((), float(opt["i_bias"]), attrs("Ī_c", "bias of the largest |∂V/∂Φ|"))
    out["flux_opt"] = ((), float(opt["flux"]), attrs("Φ0", "flux of the largest |∂V/∂Φ|"))
    out["transfer_opt"] = ((), float(opt["transfer"]),
                           attrs("Ī_c·R̄/Φ0", "largest transfer function ∂V/∂Φ"))  # fmt: skip
    out["v_opt"] = ((), float(opt["v"]), attrs("Ī_c·R̄", "voltage at the working point"))
    out.attrs = provenance(
        computation="josephson.junction.optimal_working_point",
        model={**loop.describe(), "noise": noise, "seed": seed},
        method={"integration": coarse.attrs["method"], "refine": refine, "zoom_grid": [9, 9]},
    )
    out.attrs["at_onset"] = int(at_onset)
    return out


# --------------------------------------------------------------------------- plot
def plot_squid(ic=None, vphi=None, *, axes=None, title: str | None = None):
    """Draw I_c(Φ) and V(Φ) of a dc SQUID side by side.

    Parameters
    ----------
    ic : xarray.Dataset or (flux, i_c) pair of arrays, optional
        A :func:`squid_critical_current_branches` result (every fluxoid state dashed, the
        SQUID critical current solid) or plain arrays from :func:`squid_critical_current`.
    vphi : xarray.Dataset, optional
        A :func:`squid_voltage` result: one V(Φ) curve per bias (band = standard error with
        noise).
    axes : sequence of matplotlib Axes, optional
        One Axes per panel drawn; created when omitted.

    Returns
    -------
    list of matplotlib Axes
    """
    panels = [p for p in (ic, vphi) if p is not None]
    if not panels:
        raise ParameterError("ic", None, "an I_c(Φ) result and/or a V(Φ) dataset to draw")
    if title is not None and not isinstance(title, str):
        raise ParameterError("title", title, "a string or None")
    if vphi is not None and (not isinstance(vphi, xr.Dataset) or "v" not in vphi):
        raise ParameterError("vphi", type(vphi).__name__, "a squid_voltage dataset")
    if axes is None:
        import matplotlib.pyplot as plt

        _, axes = plt.subplots(1, len(panels), figsize=(5.5 * len(panels), 4.2), squeeze=False)
        axes = list(axes[0])
    axes = list(np.atleast_1d(np.asarray(axes, dtype=object)))
    if len(axes) < len(panels) or not all(hasattr(a, "plot") for a in axes[: len(panels)]):
        raise ParameterError("axes", axes, f"{len(panels)} matplotlib Axes (one per panel)")
    k = 0
    if ic is not None:
        ax = axes[k]
        k += 1
        if isinstance(ic, xr.Dataset):
            if "i_c_max" not in ic:
                raise ParameterError("ic", "dataset", "a squid_critical_current_branches result")
            flux = ic["flux"].values
            if "i_c" in ic and ic.sizes.get("fluxoid", 0) > 1:
                for n in ic["fluxoid"].values:
                    ax.plot(flux, ic["i_c"].sel(fluxoid=n), ls="--", lw=0.8, color="0.55")
            ax.plot(flux, ic["i_c_max"], color="C0", label="I_c (max over fluxoid states)")
        else:
            text = "a Dataset or a (flux, i_c) pair of equally long 1-D arrays"
            try:
                flux, values = (np.asarray(a, dtype=float) for a in ic)
            except (TypeError, ValueError):
                raise ParameterError("ic", type(ic).__name__, text) from None
            if flux.ndim != 1 or flux.shape != values.shape:
                raise ParameterError("ic", type(ic).__name__, text)
            ax.plot(flux, values, color="C0", label="I_c")
        ax.set_xlabel("applied flux Φ [Φ0]")
        ax.set_ylabel("critical current I_c [Ī_c]")
        ax.set_ylim(bottom=0.0)
        ax.grid(alpha=0.3)
        ax.legend(frameon=False, fontsize="small")
    if vphi is not None:
        ax = axes[k]
        v = vphi["v"].transpose("i_bias", "flux")
        err = vphi.get("v_stderr")
        for n, i in enumerate(vphi["i_bias"].values):
            color = f"C{n % 10}"
            curve = v.sel(i_bias=i)
            ax.plot(vphi["flux"], curve, color=color, label=f"I = {i:g} Ī_c")
            if err is not None:
                e = err.transpose("i_bias", "flux").sel(i_bias=i)
                ax.fill_between(vphi["flux"], curve - e, curve + e, color=color, alpha=0.25, lw=0)
        ax.set_xlabel("applied flux Φ [Φ0]")
        ax.set_ylabel("voltage ⟨V⟩ [Ī_c R̄]")
        ax.grid(alpha=0.3)
        ax.legend(frameon=False, fontsize="small")
    if title is None and isinstance(vphi, xr.Dataset) and "model" in vphi.attrs:
        import json

        m = json.loads(vphi.attrs["model"])
        title = f"dc SQUID (β_L={m['beta_l']:g}, β_c={m['beta_c']:g}, Γ={m['noise']:g})"
    if title:
        axes[0].figure.suptitle(title)
    return axes[: len(panels)]
