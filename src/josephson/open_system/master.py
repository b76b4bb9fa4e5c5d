"""The full Lindblad master equation of the two-mode junction (document 004, eqs. 21–23) on a
truncated Fock space, as a cross-check of the moment equations (:mod:`.moments`).

Model (ħ = 1; rates and energies in one common frequency unit, time in its inverse)::

    dρ/dt = −i[H, ρ] + Σ_j γ↓⁽ʲ⁾ D[a_j]ρ + γ↑⁽ʲ⁾ D[a_j†]ρ,     D[c]ρ = cρc† − ½{c†c, ρ}
    H = U a1†a1 + K* a1†a2 + K a2†a1,     U = ``detuning`` = E1 − E2

Each mode keeps the Fock levels 0…N−1 (``cutoff`` = N >= 2); the basis state |m1, m2⟩ has index
m1·N + m2 (mode 1 is the slow index, as ``qutip.tensor(mode1, mode2)``).

The Hamiltonian is written in the frame rotating with E2·(a1†a1 + a2†a2).  That operator
commutes with H and with both dissipators, so the frame only multiplies coherences between
different total pair numbers by e^{±iE2 t}; populations and every moment of :mod:`.moments`
(n1, n2, z = ⟨a1†a2⟩) are frame independent.

Structure used for speed: the Liouvillian conserves Δ = (pair number of the ket) − (pair number
of the bra) (H conserves the total number, cρc† and c†ρc shift ket and bra together).  It
splits into independent blocks, one per Δ.  The moments and the stationary state live in the
Δ = 0 block (dimension Σ_M s(M)² ≈ 2N³/3 instead of N⁴: 5 340 instead of 160 000 at N = 20),
which is all :func:`evolve` integrates unless the full state is asked for.

Vectorisation is column stacking, vec(ρ)[i + d·j] = ρ[i, j], d = N², so that
vec(AρB) = (Bᵀ ⊗ A) vec(ρ) (the QuTiP convention).
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
import xarray as xr
from scipy.integrate import solve_ivp
from scipy.sparse.linalg import expm_multiply, splu

from .. import _validate
from .._provenance import provenance
from .._validate import attrs
from ..errors import ConvergenceError, ParameterError
from .moments import _checked, _stationary_rates, _times

__all__ = [
    "ODE",
    "Expm",
    "evolve",
    "fock_ket",
    "liouvillian",
    "moments",
    "sector_indices",
    "steady_state",
]

_TIME_UNITS = "1/[rate]"


# --------------------------------------------------------------------------- methods
@dataclass(frozen=True, kw_only=True)
class Expm:
    """Exact propagation by the action of the matrix exponential
    (:func:`scipy.sparse.linalg.expm_multiply`, Al-Mohy & Higham 2011, truncated Taylor series
    with scaling, tolerance 2⁻⁵³).  On equally spaced output times the whole interval is done
    in one call (the algorithm reuses its Taylor degree and steps between the outputs).  No
    settings: its error is rounding, not a tolerance."""

    def describe(self) -> dict:
        return {"class": "Expm", "solver": "scipy.sparse.linalg.expm_multiply"}


@dataclass(frozen=True, kw_only=True)
class ODE:
    """Adaptive integration with :func:`scipy.integrate.solve_ivp` (explicit ``RK45`` or
    ``DOP853``, or implicit ``BDF``/``Radau`` with the sparse Liouvillian as Jacobian).

    The default, RK45 at rtol 1e-10 / atol 1e-12, is the fastest accurate choice measured on
    this problem: the Liouvillian is mildly stiff (spectrum out to |λ| ≈ 3(γ↓ + γ↑)N), so
    an explicit method runs at its stability limit and the tight tolerance costs almost
    nothing (rtol 1e-6 and 1e-10 take the same ~14 000 steps at N = 20, t = 50).  Implicit
    methods pay a sparse LU per step change and were 5–40× slower.  The moments agree with
    :class:`Expm` to ~1e-9.  Caveat: DOP853 at its stability limit under-estimated its error
    here (moments off by 1e-7 at rtol 1e-10, N = 20); check it against :class:`Expm` first.

    Parameters
    ----------
    integrator : str
        ``"DOP853"``, ``"RK45"``, ``"BDF"`` or ``"Radau"``.
    rtol, atol : float
        Tolerances of solve_ivp (on the entries of ρ).
    """

    integrator: str = "RK45"
    rtol: float = 1e-10
    atol: float = 1e-12

    def __post_init__(self):
        _validate.choice("integrator", self.integrator, ("DOP853", "RK45", "BDF", "Radau"))
        for name in ("rtol", "atol"):
            _validate.scalar(name, getattr(self, name), low=0.0, low_open=True)

    def describe(self) -> dict:
        return {"class": "ODE", "integrator": self.integrator, "rtol": self.rtol,
                "atol": self.atol}  # fmt: skip


_METHODS = {"expm": Expm, "ode": ODE}


def _method(method):
    if isinstance(method, Expm | ODE):
        return method
    if isinstance(method, str) and method in _METHODS:
        return _METHODS[method]()
    raise ParameterError("method", method, "'expm', 'ode', Expm() or ODE(...)")


# --------------------------------------------------------------------------- Fock space
def _cutoff(cutoff) -> int:
    return _validate.whole("cutoff", cutoff, minimum=2)


def _labels(n: int) -> tuple[np.ndarray, np.ndarray]:
    idx = np.arange(n * n)
    return idx // n, idx % n


@dataclass(frozen=True)
class _Op:
    """A two-mode operator with at most one entry per row and per column (COO)."""

    tgt: np.ndarray
    src: np.ndarray
    val: np.ndarray

    def row_map(self, d):
        """(Aρ)[i, j] = A[i, x] ρ[x, j]: x and A[i, x] per output row i (x = −1: none)."""
        x, v = np.full(d, -1), np.zeros(d, dtype=complex)
        x[self.tgt], v[self.tgt] = self.src, self.val
        return x, v

    def col_map(self, d):
        """(ρB)[i, j] = ρ[i, y] B[y, j]: y and B[y, j] per output column j."""
        y, v = np.full(d, -1), np.zeros(d, dtype=complex)
        y[self.src], v[self.src] = self.tgt, self.val
        return y, v


def _ops(n: int) -> dict[str, _Op]:
    """Truncated ladder operators and the exchange operators, exact on levels 0…N−1."""
    m1, m2 = _labels(n)
    f = np.arange(n * n)

    def op(mask, shift, val):
        return _Op(f[mask] + shift, f[mask], val[mask].astype(complex))

    return {
        "a1": op(m1 >= 1, -n, np.sqrt(m1)),
        "a1dag": op(m1 <= n - 2, n, np.sqrt(m1 + 1.0)),
        "a2": op(m2 >= 1, -1, np.sqrt(m2)),
        "a2dag": op(m2 <= n - 2, 1, np.sqrt(m2 + 1.0)),
        "a1dag_a2": op((m1 <= n - 2) & (m2 >= 1), n - 1, np.sqrt((m1 + 1.0) * m2)),
        "a2dag_a1": op((m1 >= 1) & (m2 <= n - 2), 1 - n, np.sqrt(m1 * (m2 + 1.0))),
    }


def sector_indices(cutoff: int, delta: int | None = 0) -> tuple[np.ndarray, np.ndarray]:
    """Fock indices (rows, cols) of the density-matrix entries in the block Δ = M_row − M_col
    (M the total pair number), in column-stacking order; ``delta=None``: all entries."""
    n = _cutoff(cutoff)
    d = n * n
    if delta is None:
        return np.tile(np.arange(d), d), np.repeat(np.arange(d), d)
    if isinstance(delta, bool) or not isinstance(delta, int | np.integer):
        raise ParameterError("delta", delta, "a whole number (positive, zero or negative) or None")
    delta = int(delta)
    m1, m2 = _labels(n)
    total = m1 + m2
    order = np.argsort(total, kind="stable")
    count = np.bincount(total, minlength=2 * n - 1)
    start = np.concatenate([[0], np.cumsum(count)[:-1]])
    want = total + delta  # total pair number of the rows for each column j
    ok = (want >= 0) & (want <= 2 * n - 2)
    want_c = np.where(ok, want, 0)
    per_col = np.where(ok, count[want_c], 0)
    cols = np.repeat(np.arange(d), per_col)
    offset = np.arange(cols.size) - np.repeat(np.cumsum(per_col) - per_col, per_col)
    rows = order[start[want_c][cols] + offset]
    return rows, cols


class _Model:
    """Validated parameters plus the operator maps; builds Liouvillian blocks on request."""

    def __init__(self, tunneling, gamma_down, gamma_up, detuning, cutoff):
        k, gd, gu, u = _checked(tunneling, gamma_down, gamma_up, detuning, broadcast=False)
        self.k, self.gd, self.gu, self.u = complex(k), gd, gu, float(u)
        self.n = _cutoff(cutoff)
        self.d = self.n * self.n
        self.ops = _ops(self.n)

    def describe(self) -> dict:
        return {"tunneling": [self.k.real, self.k.imag], "gamma_down": self.gd.tolist(),
                "gamma_up": self.gu.tolist(), "detuning": self.u, "cutoff": self.n,
                "hamiltonian": "U a1†a1 + K* a1†a2 + K a2†a1 (frame of E2·N_total)"}  # fmt: skip

    def _diag(self) -> np.ndarray:
        """Diagonal of H_eff = H − (i/2) Σ γ c†c (the exchange part is off-diagonal)."""
        n = self.n
        m1, m2 = _labels(n)
        up1 = np.where(m1 <= n - 2, m1 + 1.0, 0.0)  # a a† on the truncated space
        up2 = np.where(m2 <= n - 2, m2 + 1.0, 0.0)
        loss = self.gd[0] * m1 + self.gd[1] * m2 + self.gu[0] * up1 + self.gu[1] * up2
        return self.u * m1 - 0.5j * loss

    def block(self, delta: int | None):
        """Sparse Liouvillian restricted to the block Δ (None: the full N⁴ matrix), with the
        Fock indices of its entries."""
        d, ops = self.d, self.ops
        rows, cols = sector_indices(self.n, delta)
        keys = rows + d * cols
        size = rows.size
        ident = np.arange(d), np.ones(d, dtype=complex)
        k = self.k
        diag = self._diag()
        # terms coef · A ρ B, A given by its row map, B by its column map
        terms = [
            (-1j * np.conj(k), ops["a1dag_a2"].row_map(d), ident),
            (-1j * k, ops["a2dag_a1"].row_map(d), ident),
            (1j * k, ident, ops["a2dag_a1"].col_map(d)),
            (1j * np.conj(k), ident, ops["a1dag_a2"].col_map(d)),
            (self.gd[0], ops["a1"].row_map(d), ops["a1dag"].col_map(d)),
            (self.gd[1], ops["a2"].row_map(d), ops["a2dag"].col_map(d)),
            (self.gu[0], ops["a1dag"].row_map(d), ops["a1"].col_map(d)),
            (self.gu[1], ops["a2dag"].row_map(d), ops["a2"].col_map(d)),
        ]
        out_r = [np.arange(size)]
        out_c = [np.arange(size)]
        out_v = [-1j * diag[rows] + 1j * np.conj(diag[cols])]
        for coef, (xa, va), (yb, vb) in terms:
            if coef == 0:
                continue
            x, y = xa[rows], yb[cols]
            ok = (x >= 0) & (y >= 0)
            src = x[ok] + d * y[ok]
            pos = np.searchsorted(keys, src)
            if not np.array_equal(keys[np.minimum(pos, size - 1)], src):  # pragma: no cover
                raise AssertionError("Liouvillian term leaves its Δ block")
            out_r.append(np.flatnonzero(ok))
            out_c.append(pos)
            out_v.append(coef * va[rows[ok]] * vb[cols[ok]])
        mat = sp.csr_array(
            (np.concatenate(out_v), (np.concatenate(out_r), np.concatenate(out_c))),
            shape=(size, size),
        )
        mat.sum_duplicates()
        return mat, rows, cols

    def hermitian_block(self):
        """The Δ = 0 block in real coordinates: y = (ρ_ii, Re ρ_ij, Im ρ_ij for i < j).

        Returns (Lr, T, S, rows, cols): Lr real sparse with dy/dt = Lr y; x = T y and y = S x
        convert to and from the complex block vector x = ρ[rows, cols].  Lr is real because
        the master equation maps Hermitian matrices to Hermitian matrices; it has the same
        dimension as the complex block (half the real numbers)."""
        mat, rows, cols = self.block(0)
        d, size = self.d, rows.size
        keys = rows + d * cols
        mirror = np.searchsorted(keys, cols + d * rows)  # position of ρ[j, i]
        dg, up = np.flatnonzero(rows == cols), np.flatnonzero(rows < cols)
        n_d, n_u = dg.size, up.size
        k_d, k_re, k_im = np.arange(n_d), n_d + np.arange(n_u), n_d + n_u + np.arange(n_u)
        one = np.ones(n_u)
        t_mat = sp.csr_array(
            (np.concatenate([np.ones(n_d), one, 1j * one, one, -1j * one]),
             (np.concatenate([dg, up, up, mirror[up], mirror[up]]),
              np.concatenate([k_d, k_re, k_im, k_re, k_im]))),
            shape=(size, size),
        )  # fmt: skip
        s_mat = sp.csr_array(
            (np.concatenate([np.ones(n_d), 0.5 * one, 0.5 * one, -0.5j * one, 0.5j * one]),
             (np.concatenate([k_d, k_re, k_re, k_im, k_im]),
              np.concatenate([dg, up, mirror[up], up, mirror[up]]))),
            shape=(size, size),
        )  # fmt: skip
        full = s_mat @ mat @ t_mat
        lr = sp.csr_array(full.real)
        lr.eliminate_zeros()
        return lr, t_mat, s_mat, rows, cols

    def functionals(self, rows, cols) -> tuple[list[str], sp.csr_array]:
        """Sparse rows w with ⟨O⟩ = w · x on a block vector x (entries ρ[rows, cols])."""
        n, d, ops = self.n, self.d, self.ops
        m1, m2 = _labels(n)
        f = np.arange(d)
        top1, top2 = m1 == n - 1, m2 == n - 1
        z = ops["a1dag_a2"]
        # ⟨O⟩ = Σ ρ[i, j] O[j, i]: entry O[j, i] sits on the block position of (i, j)
        entries = {
            "trace": (f, f, np.ones(d)),
            "n1": (f, f, m1),
            "n2": (f, f, m2),
            "z": (z.src, z.tgt, z.val),  # O[tgt, src] -> ρ[src, tgt]
            "top1": (f[top1], f[top1], np.ones(top1.sum())),
            "top2": (f[top2], f[top2], np.ones(top2.sum())),
            "p1_n2": (f[top1], f[top1], m2[top1]),
            "p2_n1": (f[top2], f[top2], m1[top2]),
            # P1 a1†a2: the a1†a2 entries whose target has m1 = N−1
            "p1_z": (z.src[m1[z.tgt] == n - 1], z.tgt[m1[z.tgt] == n - 1],
                     z.val[m1[z.tgt] == n - 1]),
            # a1†a2 P2: the a1†a2 entries whose source has m2 = N−1
            "z_p2": (z.src[m2[z.src] == n - 1], z.tgt[m2[z.src] == n - 1],
                     z.val[m2[z.src] == n - 1]),
        }  # fmt: skip
        keys = rows + d * cols
        names, r, c, v = list(entries), [], [], []
        for row, (i, j, val) in enumerate(entries.values()):
            pos = np.searchsorted(keys, i + d * j)
            pos = np.minimum(pos, keys.size - 1)
            ok = keys[pos] == i + d * j
            r.append(np.full(ok.sum(), row))
            c.append(pos[ok])
            v.append(np.asarray(val, dtype=complex)[ok])
        w = sp.csr_array(
            (np.concatenate(v), (np.concatenate(r), np.concatenate(c))),
            shape=(len(names), keys.size),
        )
        return names, w

    def leak(self, ex: dict) -> dict:
        """Leak terms (see :func:`.moments.truncation_leak`) from the expectation values."""
        n = self.n
        return {
            "n1": -self.gu[0] * n * ex["top1"].real,
            "n2": -self.gu[1] * n * ex["top2"].real,
            "z": -1j * self.k * n * (ex["p1_n2"] - ex["p2_n1"]).real
            - 0.5 * self.gu[0] * n * ex["p1_z"]
            - 0.5 * self.gu[1] * n * ex["z_p2"],
        }


# --------------------------------------------------------------------------- states
def fock_ket(amplitudes: Mapping, cutoff: int) -> np.ndarray:
    """Normalised ket Σ c_(m1,m2) |m1, m2⟩ from ``{(m1, m2): c}`` (normalisation applied),
    e.g. ``fock_ket({(1, 0): 1, (0, 1): 1j}, N)`` = (|1,0⟩ + i|0,1⟩)/√2."""
    n = _cutoff(cutoff)
    text = f"a non-empty mapping {{(m1, m2): amplitude}} with 0 <= m1, m2 <= {n - 1}"
    if not isinstance(amplitudes, Mapping) or not amplitudes:
        raise ParameterError("initial_state", amplitudes, text)
    ket = np.zeros(n * n, dtype=complex)
    for key, amp in amplitudes.items():
        try:
            m1, m2 = (int(q) for q in key)
            c = complex(amp)
        except (TypeError, ValueError):
            raise ParameterError("initial_state", amplitudes, text) from None
        if not (0 <= m1 < n and 0 <= m2 < n) or not np.isfinite(c):
            raise ParameterError("initial_state", amplitudes, text)
        ket[m1 * n + m2] += c
    norm = np.linalg.norm(ket)
    if norm == 0:
        raise ParameterError("initial_state", amplitudes, text + " (not all amplitudes zero)")
    return ket / norm


def _density(initial_state, n: int) -> np.ndarray:
    d = n * n
    if isinstance(initial_state, Mapping):
        ket = fock_ket(initial_state, n)
        return np.outer(ket, ket.conj())
    text = (f"a normalised ket (length {d}), a density matrix ({d}×{d}, Hermitian, trace 1, "
            "positive) or a mapping {(m1, m2): amplitude}")  # fmt: skip
    try:
        arr = np.asarray(initial_state, dtype=complex)
    except (TypeError, ValueError):
        raise ParameterError("initial_state", initial_state, text) from None
    if not np.all(np.isfinite(arr)):
        raise ParameterError("initial_state", initial_state, text)
    if arr.shape == (d,):
        if abs(np.linalg.norm(arr) - 1) > 1e-10:
            raise ParameterError("initial_state", initial_state, text, "ket not normalised")
        return np.outer(arr, arr.conj())
    if arr.shape == (d, d):
        if not np.allclose(arr, arr.conj().T, atol=1e-12):
            raise ParameterError("initial_state", initial_state, text, "not Hermitian")
        if abs(np.trace(arr).real - 1) > 1e-10:
            raise ParameterError("initial_state", initial_state, text, "trace != 1")
        if np.linalg.eigvalsh(arr)[0] < -1e-10:
            raise ParameterError("initial_state", initial_state, text, "not positive")
        return arr
    raise ParameterError("initial_state", initial_state, text, f"shape {arr.shape}")


# --------------------------------------------------------------------------- public API
def liouvillian(tunneling, gamma_down, gamma_up, detuning, *, cutoff, sector=None):
    """Sparse Liouvillian (``scipy.sparse.csr_array``) of the truncated master equation.

    ``sector=None``: the full N⁴×N⁴ matrix acting on vec(ρ) (column stacking,
    vec(ρ)[i + N²·j] = ρ[i, j]).  ``sector=Δ``: the block acting on the entries ρ[rows, cols]
    listed by :func:`sector_indices` (``cutoff``, Δ), which evolve independently."""
    model = _Model(tunneling, gamma_down, gamma_up, detuning, cutoff)
    return model.block(sector)[0]


def _propagate(mat, x0, t, method):
    """x(t_k) for the linear system x' = mat x, x(t[0]) = x0; returns (len(t), size)."""
    tt = t - t[0]
    if t.size == 1:
        return x0[None, :].copy()
    if isinstance(method, Expm):
        steps = np.diff(tt)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", sp.SparseEfficiencyWarning)
            if np.allclose(steps, steps[0], rtol=1e-12, atol=0):
                out = expm_multiply(mat, x0, start=0.0, stop=tt[-1], num=t.size, endpoint=True)
            else:
                out = np.empty((t.size, x0.size), dtype=np.result_type(mat.dtype, x0))
                out[0] = x0
                for q, h in enumerate(steps):
                    out[q + 1] = expm_multiply(mat * h, out[q])
        if not np.all(np.isfinite(out)):
            bad = int(np.argmax(~np.all(np.isfinite(out), axis=1)))
            raise ConvergenceError("expm_multiply", f"t={t[max(bad - 1, 0)]:g}",
                                   "non-finite state")  # fmt: skip
        return out
    extra = {"jac": mat} if method.integrator in ("BDF", "Radau") else {}
    sol = solve_ivp(
        lambda _t, x: mat @ x,
        (0.0, tt[-1]),
        x0,
        method=method.integrator,
        t_eval=tt,
        rtol=method.rtol,
        atol=method.atol,
        **extra,
    )
    if sol.status != 0 or sol.y.shape[1] != t.size:
        reached = np.asarray(sol.t)[-1] + t[0] if np.size(sol.t) else t[0]
        raise ConvergenceError(f"solve_ivp/{method.integrator}", f"t={reached:g}", sol.message)
    return sol.y.T


def _moment_vars(ex, model, dims):
    leak = model.leak(ex)

    def v(arr, units, long):
        return (dims, np.asarray(arr), attrs(units, long))

    return {
        "n1": v(ex["n1"].real, "1", "mean Cooper-pair number n1 = ⟨a1†a1⟩"),
        "n2": v(ex["n2"].real, "1", "mean Cooper-pair number n2 = ⟨a2†a2⟩"),
        "z_real": v(ex["z"].real, "1", "Re z, z = ⟨a1†a2⟩"),
        "z_imag": v(ex["z"].imag, "1", "Im z, z = ⟨a1†a2⟩"),
        "leak_n1": v(leak["n1"], "1/[time]", "truncation leak of dn1/dt (−γ↑¹N⟨P1⟩)"),
        "leak_n2": v(leak["n2"], "1/[time]", "truncation leak of dn2/dt (−γ↑²N⟨P2⟩)"),
        "leak_z_real": v(leak["z"].real, "1/[time]", "Re of the truncation leak of dz/dt"),
        "leak_z_imag": v(leak["z"].imag, "1/[time]", "Im of the truncation leak of dz/dt"),
        "top1": v(ex["top1"].real, "1", "population of the top Fock level N−1 of mode 1"),
        "top2": v(ex["top2"].real, "1", "population of the top Fock level N−1 of mode 2"),
        "trace": v(ex["trace"].real, "1", "Tr ρ"),
    }


def evolve(
    initial_state,
    times,
    tunneling,
    gamma_down,
    gamma_up,
    detuning,
    *,
    cutoff,
    method="ode",
    store_states=False,
) -> xr.Dataset:
    """Integrate the truncated master equation from ``initial_state`` at ``times[0]``.

    Parameters
    ----------
    initial_state : ket (N²,), density matrix (N², N²) or mapping ``{(m1, m2): amplitude}``
        In the Fock basis |m1, m2⟩ (index m1·N + m2); a mapping is normalised for you
        (``{(1, 0): 1, (0, 1): 1j}`` is (|1,0⟩ + i|0,1⟩)/√2).
    times : 1-D array, strictly increasing
    tunneling : float or complex
        K (H contains K* a1†a2 + K a2†a1).
    gamma_down, gamma_up : pairs (mode 1, mode 2) of rates >= 0
    detuning : float
        U = E1 − E2.
    cutoff : int
        N >= 2 Fock levels 0…N−1 per mode.
    method : ``"ode"`` (default: :class:`ODE`, RK45 at rtol 1e-10), ``"expm"`` (:class:`Expm`,
        exact to rounding, about 1.5× slower here) or a method object
    store_states : bool
        Also return ρ(t) as ``rho_real``/``rho_imag`` over (time, ket, bra) (N⁴ numbers per
        time: meant for small N).  Otherwise only the Δ = 0 block is integrated.

    Returns
    -------
    xarray.Dataset over ``time``
        ``n1``, ``n2``, ``z_real``, ``z_imag`` (z = ⟨a1†a2⟩); the truncation diagnostics
        ``leak_n1``, ``leak_n2``, ``leak_z_real``, ``leak_z_imag`` (what the truncated model
        adds to the right-hand side of eq. 27, see :func:`.moments.truncation_leak`),
        ``top1``, ``top2`` (population of level N−1) and ``trace``.
    """
    model = _Model(tunneling, gamma_down, gamma_up, detuning, cutoff)
    method = _method(method)
    if not isinstance(store_states, bool):
        raise ParameterError("store_states", store_states, "True or False")
    rho0 = _density(initial_state, model.n)
    t = _times(times)
    # Δ = 0 block (moments, populations) in real Hermitian coordinates
    lr, t_mat, s_mat, rows, cols = model.hermitian_block()
    y = _propagate(lr, (s_mat @ rho0[rows, cols]).real, t, method)
    names, w = model.functionals(rows, cols)
    ex = dict(zip(names, (w @ t_mat) @ y.T, strict=True))
    sectors = [0]
    if store_states:
        states = np.zeros((t.size, model.d, model.d), dtype=complex)
        states[:, rows, cols] = (t_mat @ y.T).T
        m1, m2 = _labels(model.n)
        total = m1 + m2
        deltas = np.unique((total[:, None] - total[None, :])[np.abs(rho0) > 0])
        for delta in (int(q) for q in deltas if q != 0):
            mat, r_d, c_d = model.block(delta)
            states[:, r_d, c_d] = _propagate(mat, rho0[r_d, c_d], t, method)
            sectors.append(delta)
    data = _moment_vars(ex, model, ("time",))
    coords = {"time": ("time", t, attrs(_TIME_UNITS, "time t (ħ = 1)"))}
    if store_states:
        f = np.arange(model.d)
        data["rho_real"] = (("time", "ket", "bra"), states.real, attrs("1", "Re ρ"))
        data["rho_imag"] = (("time", "ket", "bra"), states.imag, attrs("1", "Im ρ"))
        coords["ket"] = ("ket", f, {"long_name": "Fock index m1·N + m2 of the ket"})
        coords["bra"] = ("bra", f, {"long_name": "Fock index m1·N + m2 of the bra"})
    ds = xr.Dataset(data, coords=coords)
    ds.attrs = provenance(
        computation="josephson.open_system.master.evolve",
        model=model,
        method={**method.describe(), "sectors": sectors},
    )
    return ds


def steady_state(
    tunneling, gamma_down, gamma_up, detuning, *, cutoff, store_state=False
) -> xr.Dataset:
    """Stationary state of the truncated master equation (needs γ↓⁽ʲ⁾ > γ↑⁽ʲ⁾ for each mode).

    It lies in the Δ = 0 block; in its real Hermitian coordinates one equation (that of
    ρ[0, 0]) is replaced by Tr ρ = 1 and the sparse real system is solved by LU (SuperLU).
    Returns a Dataset of scalars with the same variables as :func:`evolve` (plus
    ``rho_real``/``rho_imag`` over (ket, bra) when ``store_state``) and the residual max|Lρ|
    in ``attrs["residual"]``."""
    model = _Model(tunneling, gamma_down, gamma_up, detuning, cutoff)
    _stationary_rates(model.gd, model.gu)
    if not isinstance(store_state, bool):
        raise ParameterError("store_state", store_state, "True or False")
    lr, t_mat, _, rows, cols = model.hermitian_block()
    n_diag = int(np.count_nonzero(rows == cols))  # y starts with the populations ρ_ii
    trace_row = sp.csr_array(
        (np.ones(n_diag), (np.zeros(n_diag, dtype=int), np.arange(n_diag))), shape=(1, rows.size)
    )
    system = sp.vstack([trace_row, lr[1:]]).tocsc()  # row 0 was the ρ[0,0] equation
    rhs = np.zeros(rows.size)
    rhs[0] = 1.0
    try:
        y = splu(system).solve(rhs)
    except RuntimeError as exc:  # singular factor
        raise ConvergenceError("splu", "factorisation", str(exc)) from None
    residual = float(np.max(np.abs(lr @ y))) if np.all(np.isfinite(y)) else math.inf
    scale = float(abs(lr).sum(axis=0).max())
    if not residual <= 1e-9 * scale:
        raise ConvergenceError("splu", f"residual {residual:.3g}", "stationary state inaccurate")
    x = t_mat @ y
    names, w = model.functionals(rows, cols)
    ex = dict(zip(names, w @ x, strict=True))
    data = _moment_vars(ex, model, ())
    coords = {}
    if store_state:
        rho = np.zeros((model.d, model.d), dtype=complex)
        rho[rows, cols] = x
        f = np.arange(model.d)
        data["rho_real"] = (("ket", "bra"), rho.real, attrs("1", "Re ρ"))
        data["rho_imag"] = (("ket", "bra"), rho.imag, attrs("1", "Im ρ"))
        coords = {"ket": ("ket", f), "bra": ("bra", f)}
    ds = xr.Dataset(data, coords=coords)
    ds.attrs = provenance(
        computation="josephson.open_system.master.steady_state",
        model=model,
        method={"solver": "scipy.sparse.linalg.splu on the Δ = 0 block, trace row replaces "
                "the ρ[0,0] equation"},
    )  # fmt: skip
    ds.attrs["residual"] = residual
    return ds


def moments(rho, tunneling=None, gamma_up=None) -> dict:
    """n1 = ⟨a1†a1⟩, n2 = ⟨a2†a2⟩ and z = ⟨a1†a2⟩ (complex) of a density matrix (or a stack
    (..., N², N²)) in the Fock basis; with ``tunneling`` and ``gamma_up`` also the truncation
    leak terms (``"leak_n1"``, ``"leak_n2"``, ``"leak_z"``, see
    :func:`.moments.truncation_leak`) and the top-level populations ``"top1"``, ``"top2"``."""
    from .moments import _fock_view, truncation_leak

    r, n = _fock_view(rho)
    m = np.arange(n)
    pop = np.einsum("...abab->...ab", r).real
    # z = Σ √(m1+1)√m2 ρ[(m1, m2), (m1+1, m2−1)]
    z_entries = np.einsum("...abab->...ab", r[..., :-1, 1:, 1:, :-1])
    s = np.sqrt(m[1:])
    z = np.einsum("...ab,a,b->...", z_entries, s, s)
    out = {"n1": (pop * m[:, None]).sum((-2, -1)), "n2": (pop * m).sum((-2, -1)), "z": z}
    if (tunneling is None) != (gamma_up is None):
        raise ParameterError("gamma_up", gamma_up, "given together with tunneling (or neither)")
    if tunneling is not None:
        leak = truncation_leak(rho, tunneling, gamma_up)
        out.update({"leak_n1": leak["n1"], "leak_n2": leak["n2"], "leak_z": leak["z"],
                    "top1": pop[..., n - 1, :].sum(-1), "top2": pop[..., :, n - 1].sum(-1)})  # fmt: skip
    return out
