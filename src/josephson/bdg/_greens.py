"""Interface Green's functions on the imaginary axis: the fast method of :mod:`josephson.bdg.solve`.

Gauge: the phase of terminal a is moved from its pair potential onto its interface bonds
(c_j → e^{iφ_a/2} c_j on block a), so every block is the same real-Δ superconductor for all
phases and only the coupling C_a R_a(φ_a), R_a = diag(e^{iφ_a/2} electrons, e^{−iφ_a/2}
holes), depends on φ.  With g (isolated centre) and g_a (isolated block a) restricted to the
interface orbitals S (centre sites bonded to a block) and S_a,

    Σ_a(iω, φ_a) = C_a R_a g_a R_a† C_a†,     K(iω, φ) = g_SS⁻¹ − Σ_a Σ_a,

and exactly (determinant of the Schur complement, Hellmann–Feynman):

    F(φ) − F_decoupled = −T Σ_{ω_n>0} ln|det(1 − g_SS Σ)|,
    I_a = (2e/ħ) ∂F/∂φ_a = 2T Σ_{ω_n>0} Re Tr[K⁻¹ ∂Σ_a/∂φ_a],

with T Σ_{ω_n>0} → ∫_0^∞ dω/2π at T = 0.  Each frequency costs one sparse LU per distinct
region (the centre has no pairing, so only its electron block is factored: the hole block is
g_h(iω) = −σ_y g_e(iω)* σ_y) and every phase point one dense LU of dimension |S| = 4 × the
number of centre interface sites.

Frequency quadrature, T = 0: the integrand is even in ω and analytic except at ω = ±iE_n, so
in s = ln ω the singularities sit a distance π/2 off the real axis whatever E_n is: the
trapezoid rule in s converges as exp(−π²/h).  The grid runs from ``omega_min`` to
``omega_max``; beyond the ends the integrand follows f₀ + f₂ω² and a/ω² + b/ω⁴, fitted to
the two outermost nodes and summed exactly.  The error estimate uses the nested rules on every
second and fourth node: with d₁ = |T_h − T_2h| ≈ err(2h) and d₂ = |T_2h − T_4h| ≈ err(4h),
the geometric law gives err(h) ≈ d₁³/d₂²; the estimate is 10 d₁³/d₂² (never more than the
plain bound d₁; both taken as the largest over the phase points) plus each point's change of
the end sums when their fits move one node inwards (large where a level nears zero energy).  Levels closer
to zero than ``omega_min`` are resolved as if at a temperature of that order.

T > 0: the first ``matsubara`` Matsubara frequencies are summed exactly; the rest is the
midpoint-rule sum Σ_{n≥n_c} 2πT f(ω_n) = ∫_a^∞ f dω + (2πT)² f'(a)/24 + O(T⁴),
a = 2n_cπT, with the integral by Gauss–Legendre in s on [ln a, ln ω_max] (error estimate: the
same with half the nodes), the asymptotic tail, and f'(a) from two nearby frequencies.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from scipy.linalg import lapack
from scipy.sparse.linalg import splu
from scipy.special import polygamma

from ..errors import ConvergenceError
from .model import Junction, _hole_block

__all__ = ["InterfaceProblem", "frequency_rule"]

_SY = np.array([[0, -1j], [1j, 0]])


class InterfaceProblem:
    """The set-up done once per junction: index maps, the distinct regions to factor."""

    def __init__(self, junction: Junction):
        self.junction = j = junction
        nc = len(j.center_sites)
        edge = sorted({i for a in range(len(j.terminals)) for i, _ in j.terminals[a].bonds})
        self.edge = np.array(edge)
        m = len(edge)
        self.m = m
        self.size = 4 * m  # |S|
        pos = {site: k for k, site in enumerate(edge)}
        # centre electron block and the electron orbitals of the edge sites
        self.h_center = j._h_center.tocsc()
        self.n_center = nc
        self.edge_e = np.ravel([[2 * i, 2 * i + 1] for i in edge])
        self.sy_edge = sp.kron(sp.identity(m), sp.csr_matrix(_SY)).toarray()
        # blocks: BdG with real Δ, grouped by identical matrices (factored once per group)
        self.groups: list[dict] = []
        self.terms = []
        for a, term in enumerate(j.terminals):
            na = len(term.sites)
            h = j._h_blocks[a]
            pair = sp.diags(np.full(2 * na, term.material.delta, dtype=complex))
            bdg = sp.bmat([[h, pair], [pair, _hole_block(h)]], format="csc")
            bedge = sorted({jj for _, jj in term.bonds})
            bpos = {site: k for k, site in enumerate(bedge)}
            ma = len(bedge)
            orb = np.ravel([[2 * s, 2 * s + 1] for s in bedge])
            orb = np.concatenate([orb, 2 * na + orb])  # electrons then holes
            gi = next(
                (k for k, g in enumerate(self.groups)
                 if g["matrix"].shape == bdg.shape and (g["matrix"] != bdg).nnz == 0),
                None,
            )  # fmt: skip
            if gi is None:
                gi = len(self.groups)
                self.groups.append({"matrix": bdg, "orbitals": []})
            group = self.groups[gi]
            start = sum(len(o) for o in group["orbitals"])
            group["orbitals"].append(orb)
            cols = slice(start, start + 4 * ma)
            # coupling C_a: rows = centre interface orbitals (BdG order e: 2k+s, h: 2m+2k+s)
            rows_e, cols_e = [], []
            for ci, bj in term.bonds:
                for s in range(2):
                    rows_e.append(2 * pos[ci] + s)
                    cols_e.append(2 * bpos[bj] + s)
            touched = sorted({r for r in rows_e})
            touched = np.array(touched + [2 * m + r for r in touched])
            local = {r: k for k, r in enumerate(touched)}
            p = len(touched)
            ce = np.zeros((p, 2 * ma), dtype=complex)
            ch = np.zeros((p, 2 * ma), dtype=complex)
            for r, c in zip(rows_e, cols_e, strict=True):
                ce[local[r], c] += -term.coupling  # electron hopping −t_c
                ch[local[2 * m + r], c] += term.coupling  # hole: −σ_y(−t_c)*σ_y = +t_c
            self.terms.append({"group": gi, "cols": cols, "rows": touched, "ce": ce, "ch": ch})
        for g in self.groups:
            g["orbitals"] = np.concatenate(g["orbitals"])
        self.bandwidth = float(abs(j._h_normal).sum(axis=1).max()) + j.delta_max

    # --- one frequency ------------------------------------------------------------------
    def _center_green(self, omega: float) -> np.ndarray:
        n2 = 2 * self.n_center
        a = (1j * omega) * sp.identity(n2, format="csc") - self.h_center
        rhs = np.zeros((n2, self.edge_e.size), dtype=complex)
        rhs[self.edge_e, np.arange(self.edge_e.size)] = 1.0
        ge = splu(a).solve(rhs)[self.edge_e, :]
        gh = -self.sy_edge @ ge.conj() @ self.sy_edge
        out = np.zeros((self.size, self.size), dtype=complex)
        k = 2 * self.m
        out[:k, :k] = ge
        out[k:, k:] = gh
        return out

    def _block_greens(self, omega: float) -> list[np.ndarray]:
        out = []
        for g in self.groups:
            mat = g["matrix"]
            a = (1j * omega) * sp.identity(mat.shape[0], format="csc") - mat
            orb = g["orbitals"]
            rhs = np.zeros((mat.shape[0], orb.size), dtype=complex)
            rhs[orb, np.arange(orb.size)] = 1.0
            out.append(splu(a).solve(rhs)[orb, :])
        return out

    def integrands(self, omega: float, phases: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(energy integrand −ln|det(1 − gΣ)|, current integrands 2 Re Tr[K⁻¹∂Σ_a]) per phase."""
        g = self._center_green(omega)
        ginv, info = _inverse(g)
        _check_lapack(info, omega)
        _, logdet_g = np.linalg.slogdet(g)
        gb = self._block_greens(omega)
        k0 = ginv
        parts = []
        for term in self.terms:
            ga = gb[term["group"]][term["cols"], term["cols"]]
            ma2 = ga.shape[0] // 2
            gee, geh = ga[:ma2, :ma2], ga[:ma2, ma2:]
            ghe, ghh = ga[ma2:, :ma2], ga[ma2:, ma2:]
            ce, ch = term["ce"], term["ch"]
            s0 = ce @ gee @ ce.conj().T + ch @ ghh @ ch.conj().T
            sp_ = ce @ geh @ ch.conj().T
            sm_ = ch @ ghe @ ce.conj().T
            r = term["rows"]
            k0[np.ix_(r, r)] -= s0
            parts.append((r, sp_, sm_))
        nph, nt = phases.shape
        f_e = np.empty(nph)
        f_i = np.empty((nph, nt))
        for p in range(nph):
            k = k0.copy()
            for a, (r, sp_, sm_) in enumerate(parts):
                e = np.exp(1j * phases[p, a])
                k[np.ix_(r, r)] -= e * sp_ + sm_ / e
            lu, piv, info = lapack.zgetrf(k)
            logdet = float(np.sum(np.log(np.abs(np.diag(lu)))))
            kinv, info2 = lapack.zgetri(lu, piv)
            _check_lapack(info + info2, omega)
            f_e[p] = -(logdet + logdet_g)
            for a, (r, sp_, sm_) in enumerate(parts):
                e = np.exp(1j * phases[p, a])
                d = 1j * e * sp_ - 1j * sm_ / e
                f_i[p, a] = 2.0 * np.real(np.sum(kinv[np.ix_(r, r)] * d.T))
        return f_e, f_i


def _check_lapack(info: int, omega: float) -> None:
    if info != 0:  # iω − H is invertible for ω > 0: a singular block means lost precision
        raise ConvergenceError(
            "greens", f"omega = {omega:g}", f"singular interface matrix (LAPACK info {info})"
        )


def _inverse(m: np.ndarray):
    lu, piv, info = lapack.zgetrf(m)
    inv, info2 = lapack.zgetri(lu, piv)
    return inv, info + info2


@dataclass(frozen=True)
class Rule:
    """Frequencies and weights of the sum T Σ_{ω_n>0} f(ω_n) (or ∫_0^∞ dω/2π f at T = 0).

    ``combine(values[..., n_omega])`` returns (estimate, error estimate); the error includes a
    rounding floor of 10⁻¹¹ × (1 + |estimate|) on top of the quadrature estimate.
    """

    omega: np.ndarray
    rule: object  # callable(values[..., n_omega]) -> (estimate, quadrature error)

    def combine(self, values):
        total, err = self.rule(values)
        return total, err + 1e-11 * (1.0 + np.abs(total))


def _fit_tail(w1, f1, w2, f2):
    """(a, b) of f = a/ω² + b/ω⁴ through (w1, f1) and (w2, f2)."""
    det = 1 / (w1**2 * w2**4) - 1 / (w1**4 * w2**2)
    return (f1 / w2**4 - f2 / w1**4) / det, (f2 / w1**2 - f1 / w2**2) / det


def _end_sums(w, vals, h, i, j, k):
    """Sums beyond the ends of the trapezoid from two-term fits: low f0 + f2ω² through nodes
    (i, j), high a/ω² + b/ω⁴ through nodes (j, k) counted from the top (k = −1 the last)."""
    q = math.exp(-h)
    q1, q3 = q / (1 - q), q**3 / (1 - q**3)
    f2 = (vals[..., j] - vals[..., i]) / (w[j] ** 2 - w[i] ** 2)
    f0 = vals[..., i] - f2 * w[i] ** 2
    w0 = w[0]
    low = h * (f0 * w0 * q1 + f2 * w0**3 * q3)
    a, b = _fit_tail(w[k - 1], vals[..., k - 1], w[k], vals[..., k])
    wk = w[-1]
    high = h * (a / wk * q1 + b / wk**3 * q3)
    return low, high


def _tails_trapezoid(s, h, vals):
    """Trapezoid in s = ln ω over the grid plus the sums beyond its ends from the fitted end
    behaviour.  Returns (total, end uncertainty): the latter is the change of the end sums when
    the fits move one node inwards."""
    w = np.exp(s)
    total = h * np.sum(vals * w, axis=-1)
    low, high = _end_sums(w, vals, h, 0, 1, -1)
    low_in, high_in = _end_sums(w, vals, h, 1, 2, -2)
    spread = np.abs(low - low_in) + np.abs(high - high_in)
    return (total + low + high) / (2 * math.pi), spread / (2 * math.pi)


def frequency_rule(temperature: float, *, omega_min: float, omega_max: float, step: float,
                   matsubara: int) -> Rule:  # fmt: skip
    """The frequency nodes and the combination rule (see the module docstring)."""
    if temperature == 0.0:
        n = math.ceil(math.log(omega_max / omega_min) / (4 * step))
        s = math.log(omega_min) + step * np.arange(4 * n + 1)

        def combine(vals):
            fine, spread = _tails_trapezoid(s, step, vals)
            half, _ = _tails_trapezoid(s[::2], 2 * step, vals[..., ::2])
            quarter, _ = _tails_trapezoid(s[::4], 4 * step, vals[..., ::4])
            # err(h) ∝ exp(−π²/h): from d1 ≈ err(2h) and d2 ≈ err(4h), err(h) ≈ d1³/d2²; a
            # factor 10 for the prefactor's drift, never above the plain bound d1.  d1 and d2
            # are the largest over the phase points (a smooth function of φ: one point's
            # accidental cancellation must not make its estimate small); the end-sum spread
            # is each point's own (large only where a level nears zero energy)
            d1 = np.abs(fine - half).max(axis=0, keepdims=True)
            d2 = np.abs(half - quarter).max(axis=0, keepdims=True)
            with np.errstate(divide="ignore", invalid="ignore"):
                extrapolated = np.where(d2 > 0, 10 * d1**3 / d2**2, d1)
            return fine, np.minimum(d1, extrapolated) + spread

        return Rule(np.exp(s), combine)

    t = temperature
    n_all = math.ceil((omega_max / (math.pi * t) - 1) / 2) + 1  # Matsubara points below omega_max
    if n_all <= matsubara + 8:
        n_m = max(n_all, 2)
        om = (2 * np.arange(n_m) + 1) * math.pi * t

        def combine_m(vals):
            exact = t * np.sum(vals, axis=-1)
            # tail a/ω² + b/ω⁴ beyond the last two, summed with polygamma
            a, b = _fit_tail(om[-2], vals[..., -2], om[-1], vals[..., -1])
            x = n_m + 0.5
            s2 = float(polygamma(1, x)) / (4 * (math.pi * t) ** 2)  # Σ_{n≥n_m} 1/ω_n²
            s4 = float(polygamma(3, x)) / (96 * (math.pi * t) ** 4)  # Σ_{n≥n_m} 1/ω_n⁴
            tail = t * (a * s2 + b * s4)
            tail1 = t * vals[..., -1] * om[-1] ** 2 * s2  # the one-term tail: error estimate
            return exact + tail, np.abs(tail - tail1)

        return Rule(om, combine_m)

    n_c = matsubara
    om_m = (2 * np.arange(n_c) + 1) * math.pi * t
    a_low = 2 * n_c * math.pi * t
    length = math.log(omega_max / a_low)
    n_gl = max(16, 2 * math.ceil(2 * length))
    xs, ws = np.polynomial.legendre.leggauss(n_gl)
    xh, wh = np.polynomial.legendre.leggauss(n_gl // 2)
    lo = math.log(a_low)
    s_gl = lo + (xs + 1) * length / 2
    s_gh = lo + (xh + 1) * length / 2
    eps = 0.02
    om_d = np.array([a_low * math.exp(-eps), a_low * math.exp(eps)])
    # the top two Gauss nodes also fit the a/ω² + b/ω⁴ tail beyond omega_max
    omega = np.concatenate([om_m, np.exp(s_gl), np.exp(s_gh), om_d, [omega_max, omega_max * 1.5]])
    i_gl = slice(n_c, n_c + n_gl)
    i_gh = slice(n_c + n_gl, n_c + n_gl + n_gl // 2)
    i_d = slice(n_c + n_gl + n_gl // 2, n_c + n_gl + n_gl // 2 + 2)

    def combine_h(vals):
        exact = t * np.sum(vals[..., :n_c], axis=-1)

        def gl(idx, s_nodes, weights):
            f = vals[..., idx]
            return np.sum(f * np.exp(s_nodes) * weights, axis=-1) * length / 2

        integ = gl(i_gl, s_gl, ws)
        integ_h = gl(i_gh, s_gh, wh)
        a, b = _fit_tail(omega_max, vals[..., -2], 1.5 * omega_max, vals[..., -1])
        tail = a / omega_max + b / (3 * omega_max**3)
        tail1 = vals[..., -2] * omega_max  # the one-term tail f(ω_max)ω_max²/ω: its spread

        fd = vals[..., i_d]
        deriv = (fd[..., 1] - fd[..., 0]) / (om_d[1] - om_d[0])
        em = (2 * math.pi * t) ** 2 * deriv / 24
        total = exact + (integ + tail + em) / (2 * math.pi)
        # the Euler–Maclaurin remainder is O((2πT/a)²) of the correction itself (n_c ≥ 16)
        em_rest = np.abs(em) * (2 * math.pi * t / a_low) ** 2 * 10 + np.abs(em) * 1e-3
        err = (np.abs(integ - integ_h) + np.abs(tail - tail1) + em_rest) / (2 * math.pi)
        return total, err

    return Rule(omega, combine_h)
