"""Spectra, terminal currents, adiabatic branches and diode coefficients of BdG junctions.

Two methods, both exact up to their stated numerical error, give the same results:

* :class:`Dense` — the reference: the full BdG matrix per phase point (LAPACK).  Currents are
  the expectation of the interface bond-current operator over the Fermi-occupied eigenstates
  (``current="operator"``) or the derivative (2e/ħ)∂F/∂φ_a of the free energy by a fourth-order
  central difference (``current="derivative"``).  ``real=True`` computes energies from the real
  symmetric matrix H² in the Majorana basis (about 4× cheaper than complex ``eigvalsh``).
* :class:`Greens` — the fast method (:mod:`josephson.bdg._greens`): interface Green's functions
  on the imaginary axis, one sparse factorisation per frequency shared by all phase points, a
  small Dyson solve per point; it reports its own quadrature error.

Free energy F = −k_BT Σ_{E_n>0} ln 2cosh(E_n/2k_BT) (= −½ Σ_{E_n>0} E_n at T = 0, the sum over
the positive half of the BdG spectrum); the current out of terminal a into the centre is
I_a = (2e/ħ) ∂F/∂φ_a in units of e t/ħ.  ``temperature`` is k_BT in units of t.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

import numpy as np
import scipy.linalg as sla
import scipy.sparse as sp
import xarray as xr

from .. import _validate
from .._provenance import provenance
from ..errors import ConvergenceError, ParameterError
from . import analytic
from ._greens import InterfaceProblem, frequency_rule
from .model import Junction, four_terminal_junction

__all__ = [
    "BIASES",
    "METHODS",
    "Dense",
    "Greens",
    "adiabatic_branch",
    "bias_phases",
    "current_phase_relation",
    "diode_coefficients",
    "four_terminal_cpr",
    "four_terminal_diode",
    "spectrum",
    "terminal_currents",
]

METHODS = ("auto", "dense", "greens")
BIASES = ("symmetric", "L", "R", "T", "B")
#: largest BdG dimension for which method="auto" picks the dense reference
AUTO_DENSE_LIMIT = 800
_attrs = _validate.attrs
_CURRENT_UNITS = "e t/hbar"


@dataclass(frozen=True, kw_only=True)
class Dense:
    """Settings of the dense reference method.

    Parameters
    ----------
    current : {"operator", "derivative"}
        The bond-current expectation (exact), or the fourth-order central difference of the
        free energy with ``step``.
    step : float
        Phase step of the central difference (radians).
    real : bool
        Energies from H² in the Majorana basis (real symmetric); "derivative" only.
    """

    current: str = "operator"
    step: float = 1e-3
    real: bool = False

    def __post_init__(self):
        _validate.choice("current", self.current, ("operator", "derivative"))
        _validate.scalar("step", self.step, low=0.0, high=0.5, low_open=True)
        if self.real and self.current == "operator":
            raise ParameterError(
                "real", self.real, "False with current='operator' (eigenvectors are complex)"
            )

    name = "dense"


@dataclass(frozen=True, kw_only=True)
class Greens:
    """Settings of the interface Green's-function method.

    Parameters
    ----------
    step : float
        Trapezoid step in ln ω at T = 0 (error ~ exp(−π²/step); at most 0.6, so that the
        nested rules at 2 and 4 steps that estimate the error are in their asymptotic regime).
    omega_min : float, optional
        Lowest frequency (default 10⁻⁴ × the smallest Δ).  A level nearer to zero than this
        (close to a zero-energy crossing) is resolved as if at a temperature of that order, and
        the error estimate cannot see it: near crossings lower ``omega_min`` or check the
        lowest level with :func:`spectrum`.
    omega_max : float, optional
        Highest frequency (default 20 × the bandwidth, at least 5 ×); beyond it an asymptotic
        tail a/ω² + b/ω⁴ fitted to the last nodes.
    matsubara : int
        Matsubara frequencies summed exactly at T > 0 before the integral tail (≥ 16).
    tolerance : float, optional
        If given, a reported error above it raises ConvergenceError.
    """

    step: float = 0.45
    omega_min: float | None = None
    omega_max: float | None = None
    matsubara: int = 48
    tolerance: float | None = None

    def __post_init__(self):
        _validate.scalar("step", self.step, low=0.05, high=0.6)
        for name in ("omega_min", "omega_max", "tolerance"):
            if getattr(self, name) is not None:
                _validate.scalar(name, getattr(self, name), low=0.0, low_open=True)
        _validate.whole("matsubara", self.matsubara, minimum=16)

    name = "greens"


def _method(method, junction: Junction):
    if isinstance(method, Dense | Greens):
        return method
    _validate.choice("method", method, METHODS)
    if method == "auto":
        return Dense() if junction.dimension <= AUTO_DENSE_LIMIT else Greens()
    return Dense() if method == "dense" else Greens()


def _check_junction(junction):
    if not isinstance(junction, Junction):
        raise ParameterError("junction", junction, "a josephson.bdg.Junction")
    return junction


def _temperature(temperature) -> float:
    return _validate.scalar("temperature", temperature, low=0.0)


# --- dense ---------------------------------------------------------------------------------
def _free_energy(e_pos: np.ndarray, t: float) -> float:
    """F = −T Σ ln 2cosh(E/2T) over the positive half of the spectrum (−½ΣE at T = 0)."""
    if t == 0:
        return -0.5 * float(np.sum(e_pos))
    return -float(np.sum(0.5 * e_pos + t * np.log1p(np.exp(-e_pos / t))))


def _fermi(e: np.ndarray, t: float) -> np.ndarray:
    if t == 0:
        return np.where(e < 0, 1.0, np.where(e > 0, 0.0, 0.5))
    return 0.5 * (1.0 - np.tanh(e / (2 * t)))


def _majorana_transform(n_sites: int) -> sp.csr_matrix:
    """Unitary W with W H_BdG W† = iA, A real antisymmetric (Majorana basis).

    Ψ = (c↑, c↓, c↓†, −c↑†) = U Φ with Φ = (c, c†) and U = diag(1, iσ_y); Majorana operators
    γ = Ω Φ with Ω = [[1, 1], [−i, i]]/√2 per (site, spin)."""
    n2 = 2 * n_sites
    eye = sp.identity(n2, format="csr")
    isy = sp.kron(sp.identity(n_sites), sp.csr_matrix(np.array([[0, 1], [-1, 0]], dtype=complex)))
    u = sp.block_diag([eye, isy], format="csr")
    omega = sp.bmat([[eye, eye], [-1j * eye, 1j * eye]], format="csr") / math.sqrt(2)
    return (omega @ u.conj().T).tocsr()


def _positive_energies(junction, phases_row, real: bool, w=None) -> np.ndarray:
    h = junction.hamiltonian(phases_row)
    if real:
        hm = w @ h @ w.conj().T
        a = sp.csr_matrix(hm.imag)
        e2 = sla.eigvalsh((a.T @ a).toarray(), check_finite=False)
        e = np.sqrt(np.clip(e2, 0.0, None))
        return e[::2]  # each E² twice (±E)
    e = sla.eigvalsh(h.toarray(), check_finite=False)
    return e[e.size // 2 :]


def _dense(junction, phases, t, m: Dense):
    nph, nt = phases.shape
    energy = np.empty(nph)
    current = np.empty((nph, nt))
    if m.current == "operator":
        ops = [junction.current_operator(a).tocoo() for a in range(nt)]
        for p in range(nph):
            e, v = sla.eigh(junction.hamiltonian(phases[p]).toarray(), check_finite=False)
            f = _fermi(e, t)
            energy[p] = _free_energy(e[e.size // 2 :], t)
            for a, op in enumerate(ops):
                diag = np.einsum("k,kn,kn->n", op.data, v[op.row].conj(), v[op.col])
                current[p, a] = float(np.real(np.sum(f * diag)))
        return energy, current
    w = _majorana_transform(junction.n_sites) if m.real else None

    def free(row):
        return _free_energy(_positive_energies(junction, row, m.real, w), t)

    hstep = m.step
    for p in range(nph):
        energy[p] = free(phases[p])
        for a in range(nt):
            vals = []
            for k in (-2, -1, 1, 2):
                row = phases[p].copy()
                row[a] += k * hstep
                vals.append(free(row))
            deriv = (vals[0] - 8 * vals[1] + 8 * vals[2] - vals[3]) / (12 * hstep)
            current[p, a] = 2.0 * deriv
    return energy, current


# --- public solve functions ----------------------------------------------------------------
def _greens(junction, phases, t, m: Greens, progress: bool):
    prob = InterfaceProblem(junction)
    omega_min = m.omega_min or 1e-4 * min(x.material.delta for x in junction.terminals)
    omega_max = m.omega_max or 20.0 * prob.bandwidth
    if omega_max < 5.0 * prob.bandwidth:
        raise ParameterError(
            "omega_max", omega_max,
            f">= 5 x the bandwidth = {5 * prob.bandwidth:.4g} (the asymptotic tail needs it)",
        )  # fmt: skip
    if omega_min >= omega_max:
        raise ParameterError("omega_min", omega_min, f"< omega_max = {omega_max:g}")
    rule = frequency_rule(
        t, omega_min=omega_min, omega_max=omega_max, step=m.step, matsubara=m.matsubara
    )
    nph, nt = phases.shape
    ve = np.empty((nph, rule.omega.size))
    vi = np.empty((nph, nt, rule.omega.size))
    iterator = rule.omega
    if progress:
        from tqdm.auto import tqdm

        iterator = tqdm(rule.omega, desc="frequencies")
    for k, w in enumerate(iterator):
        ve[:, k], vi[:, :, k] = prob.integrands(float(w), phases)
    energy, e_err = rule.combine(ve)
    current, i_err = rule.combine(vi)
    if m.tolerance is not None and max(np.max(e_err), np.max(i_err)) > m.tolerance:
        raise ConvergenceError(
            "greens", f"error estimate {max(np.max(e_err), np.max(i_err)):.3g}",
            f"above tolerance {m.tolerance:g}: decrease step or omega_min",
        )  # fmt: skip
    return energy, current, e_err, i_err, rule.omega.size


def terminal_currents(
    junction: Junction,
    phases,
    *,
    temperature: float = 0.0,
    method="auto",
    progress: bool = False,
) -> xr.Dataset:
    """Current out of every terminal into the centre, and the free energy, per set of phases.

    Parameters
    ----------
    junction : :class:`~josephson.bdg.Junction`
    phases : array (n_terminals,) or (n_points, n_terminals)
        Superconducting phase of each terminal (radians), in the junction's terminal order.
    temperature : k_BT in units of t (≥ 0)
    method : "auto" (dense up to BdG dimension 800), "dense", "greens", or a
        :class:`Dense` / :class:`Greens` object with its settings

    Returns
    -------
    xarray.Dataset with ``current`` (point, terminal) in e t/ħ, ``energy`` (point) in t —
    the free energy F (dense) or F − F_decoupled (greens), so compare differences —,
    ``current_sum`` Σ_a I_a (zero by gauge invariance: a check), and for the Green's method
    ``current_error`` and ``energy_error`` (its quadrature error estimates).
    """
    junction = _check_junction(junction)
    ph = junction.check_phases(phases)
    t = _temperature(temperature)
    m = _method(method, junction)
    start = time.perf_counter()
    if isinstance(m, Dense):
        energy, current = _dense(junction, ph, t, m)
        extra, settings = {}, {"method": "dense", **m.__dict__}
        energy_name = "free energy"
    else:
        energy, current, e_err, i_err, n_freq = _greens(junction, ph, t, m, progress)
        extra = {
            "current_error": (("point", "terminal"), i_err,
                              _attrs(_CURRENT_UNITS, "quadrature error estimate of the current")),
            "energy_error": ("point", e_err, _attrs("t", "quadrature error estimate of the energy")),
        }  # fmt: skip
        settings = {"method": "greens", **m.__dict__, "frequencies": n_freq}
        energy_name = "free energy relative to the decoupled regions"
    ds = xr.Dataset(
        {
            "current": (("point", "terminal"), current,
                        _attrs(_CURRENT_UNITS, "current out of the terminal into the centre")),
            "energy": ("point", energy, _attrs("t", energy_name)),
            "current_sum": ("point", current.sum(axis=1),
                            _attrs(_CURRENT_UNITS, "sum of the terminal currents")),
            **extra,
        },
        coords={
            "terminal": ("terminal", list(junction.names), {"long_name": "terminal"}),
            "phase": (("point", "terminal"), ph, _attrs("rad", "superconducting phase")),
        },
    )  # fmt: skip
    ds.attrs = provenance(computation="bdg.terminal_currents", model=junction, method=settings)
    ds.attrs["temperature"] = t
    ds.attrs["seconds"] = time.perf_counter() - start
    return ds


def bias_phases(junction: Junction, phi, bias: str = "symmetric") -> np.ndarray:
    """Phases (n, n_terminals) along a bias: ``"symmetric"`` puts the first two terminals at
    ±φ/2 and the others at 0; a terminal name puts that terminal at φ and the others at 0."""
    junction = _check_junction(junction)
    nt = len(junction.terminals)
    if bias == "symmetric":
        if nt < 2:
            raise ParameterError("bias", bias, "a terminal name for a one-terminal junction")
        return analytic.symmetric_bias(phi, nt)
    if bias not in junction.names:
        raise ParameterError(
            "bias", bias, "'symmetric' or a terminal name: " + ", ".join(junction.names)
        )
    return analytic.single_lead_bias(phi, junction.names.index(bias), nt)


def current_phase_relation(
    junction: Junction,
    phi,
    *,
    bias: str = "symmetric",
    temperature: float = 0.0,
    method="auto",
    progress: bool = False,
) -> xr.Dataset:
    """Terminal currents along a phase bias: ``bias="symmetric"`` puts the first two terminals
    at ±φ/2 and the others at 0 (document 002, 4π-periodic in φ); a terminal name puts that
    terminal at φ and the others at 0 (2π-periodic).  Dimension ``phi`` instead of ``point``."""
    junction = _check_junction(junction)
    phi = _validate.array("phi", phi, ndim=(1,))
    phases = bias_phases(junction, phi, bias)
    ds = terminal_currents(junction, phases, temperature=temperature, method=method,
                           progress=progress)  # fmt: skip
    ds = ds.rename({"point": "phi"}).assign_coords(phi=("phi", phi, _attrs("rad", "phase bias φ")))
    ds.attrs["bias"] = bias
    return ds


def spectrum(junction: Junction, phases, *, levels: int = 8, method: str = "dense") -> xr.Dataset:
    """The ``levels`` lowest positive BdG energies per set of phases (Andreev levels first).

    method : "dense" (full eigvalsh) or "sparse" (shift-invert Lanczos around E = 0, for
    large junctions).
    """
    junction = _check_junction(junction)
    ph = junction.check_phases(phases)
    levels = _validate.whole("levels", levels, minimum=1)
    _validate.choice("method", method, ("dense", "sparse"))
    if levels > junction.dimension // 2:
        raise ParameterError("levels", levels, f"at most {junction.dimension // 2}")
    out = np.empty((ph.shape[0], levels))
    for p in range(ph.shape[0]):
        h = junction.hamiltonian(ph[p])
        if method == "dense":
            e = sla.eigvalsh(h.toarray(), check_finite=False)
        else:
            from scipy.sparse.linalg import eigsh

            # real symmetric embedding [[Re H, −Im H], [Im H, Re H]]: each level twice, and
            # ARPACK's symmetric shift-invert converges where its complex mode crawls
            r = sp.bmat([[h.real, -h.imag], [h.imag, h.real]], format="csc")
            k = min(4 * levels + 4, r.shape[0] - 2)
            e = eigsh(r, k=k, sigma=0.0, which="LM", return_eigenvectors=False)
            e = np.sort(e[e >= 0])[::2]
            if e.size < levels:
                raise ConvergenceError("spectrum", f"{e.size} levels", "increase levels")
        pos = e if method == "sparse" else e[e.size // 2 :]
        out[p] = np.sort(pos)[:levels]
    ds = xr.Dataset(
        {"energy": (("point", "level"), out, _attrs("t", "positive BdG energy"))},
        coords={
            "level": np.arange(levels),
            "terminal": ("terminal", list(junction.names)),
            "phase": (("point", "terminal"), ph, _attrs("rad", "superconducting phase")),
        },
    )
    ds.attrs = provenance(computation="bdg.spectrum", model=junction, method={"method": method})
    ds.attrs["delta"] = junction.delta_max
    return ds


def adiabatic_branch(
    junction: Junction, phases, *, levels: int = 8, subgap: float = 0.98
) -> xr.Dataset:
    """Follow the many-body state occupied at the first point adiabatically along ``phases``.

    At the first point every negative-energy BdG state is occupied (the ground state).  At each
    next point the sub-gap states (|E| < ``subgap`` × the smallest Δ) are matched to the
    previous point's sub-gap states by maximal overlap (assignment on |⟨m|n⟩|², accepted above
    ½) and carry their occupation: an Andreev level crossing zero stays occupied, so the
    fermion parity is fixed and the branch can be 4π-periodic where the ground state (re-filled
    at every point) is 2π-periodic with a kink.  States in (or arriving from) the continuum are
    filled by the sign of their energy: a quasiparticle that reaches the gap edge relaxes.
    T = 0.  The phase grid must be fine enough for the overlaps to identify the states.

    Returns ``energy`` (adiabatic branch), ``energy_ground``, ``current`` (adiabatic, from the
    bond-current operator over the tracked states), ``current_ground`` and ``levels`` (the
    ``levels`` lowest positive energies).
    """
    from scipy.optimize import linear_sum_assignment

    junction = _check_junction(junction)
    ph = junction.check_phases(phases)
    levels = _validate.whole("levels", levels, minimum=1)
    edge = _validate.scalar("subgap", subgap, low=0.0, high=1.0, low_open=True)
    edge *= min(x.material.delta for x in junction.terminals)
    nph, nt = ph.shape
    dim = junction.dimension
    levels = min(levels, dim // 2)
    ops = [junction.current_operator(a).tocoo() for a in range(nt)]
    e_ad = np.empty(nph)
    e_gs = np.empty(nph)
    i_ad = np.empty((nph, nt))
    i_gs = np.empty((nph, nt))
    lev = np.empty((nph, levels))
    prev_v = prev_occ = None
    mid = dim // 2
    for p in range(nph):
        e, v = sla.eigh(junction.hamiltonian(ph[p]).toarray(), check_finite=False)
        win = np.flatnonzero(np.abs(e) < edge)
        occ = e < 0
        if prev_v is not None and win.size and prev_v.shape[1]:
            overlap = np.abs(prev_v.conj().T @ v[:, win]) ** 2
            rows, cols = linear_sum_assignment(-overlap)
            keep = overlap[rows, cols] > 0.5
            occ[win[cols[keep]]] = prev_occ[rows[keep]]
        if occ.sum() != mid:
            raise ConvergenceError(
                "adiabatic_branch", f"point {p}", "lost half filling: refine the phase grid"
            )
        prev_v, prev_occ = v[:, win], occ[win]
        e_ad[p] = 0.5 * float(np.sum(e[occ]))
        e_gs[p] = 0.5 * float(np.sum(e[:mid]))
        lev[p] = e[mid : mid + levels]
        for a, op in enumerate(ops):
            diag = np.real(np.einsum("k,kn,kn->n", op.data, v[op.row].conj(), v[op.col]))
            i_ad[p, a] = float(np.sum(diag[occ]))
            i_gs[p, a] = float(np.sum(diag[:mid]))
    ds = xr.Dataset(
        {
            "energy": ("point", e_ad, _attrs("t", "energy of the adiabatic branch")),
            "energy_ground": ("point", e_gs, _attrs("t", "ground-state energy")),
            "current": (("point", "terminal"), i_ad, _attrs(_CURRENT_UNITS, "current (adiabatic branch)")),
            "current_ground": (("point", "terminal"), i_gs, _attrs(_CURRENT_UNITS, "current (ground state)")),
            "levels": (("point", "level"), lev, _attrs("t", "lowest positive BdG energies")),
        },
        coords={
            "terminal": ("terminal", list(junction.names)),
            "phase": (("point", "terminal"), ph, _attrs("rad", "superconducting phase")),
        },
    )  # fmt: skip
    ds.attrs = provenance(computation="bdg.adiabatic_branch", model=junction,
                          method={"subgap": subgap})  # fmt: skip
    return ds


def _extremum(phi: np.ndarray, y: np.ndarray, k: int) -> tuple[float, float]:
    """Parabola through the sample k and its neighbours: (phase, value) of the extremum.

    Not refined next to a jump of the CPR (a zero-energy level crossing): where a neighbouring
    step exceeds three times the median step the sample itself is returned."""
    steps = np.abs(np.diff(y))
    smooth = steps.size == 0 or max(
        steps[max(k - 1, 0)], steps[min(k, steps.size - 1)]
    ) <= 3 * float(np.median(steps))
    if 0 < k < y.size - 1 and smooth:
        y0, y1, y2 = y[k - 1], y[k], y[k + 1]
        den = y0 - 2 * y1 + y2
        h = phi[k + 1] - phi[k]
        if den != 0:
            d = 0.5 * (y0 - y2) / den
            if abs(d) <= 1:
                return float(phi[k] + d * h), float(y1 - 0.25 * (y0 - y2) * d)
    return float(phi[k]), float(y[k])


def diode_coefficients(ds: xr.Dataset) -> xr.Dataset:
    """Critical currents, diode coefficients and anomalous currents of a CPR dataset.

    ``ds`` has ``current`` over (phi, terminal), as from :func:`current_phase_relation`; the
    phase grid should span one period (4π under the symmetric bias).  Per terminal:

    * ``i_max``, ``i_min``: the signed extrema of I_a(φ) (parabola-refined), and where they are;
    * ``eta`` = (I_max + I_min)/(I_max − I_min) (:func:`~josephson.bdg.analytic.diode_efficiency`):
      the usual (I_c⁺ − |I_c⁻|)/(I_c⁺ + |I_c⁻|) for a CPR that changes sign, |η| > 1 for a
      unidirectional one;
      where a terminal's current vanishes identically (below 10⁻¹⁰ of the largest terminal
      current: a symmetry zero) η is 0;
    * ``i_anomalous``: the current at φ = 0 (anomalous Josephson effect), interpolated;
    * ``unidirectional``: whether the current keeps one sign over the whole grid (beyond a
      rounding tolerance of 10⁻⁹ of its largest magnitude).

    The longitudinal coefficient of document 002 is ``eta`` of the first terminal ("L"), the
    transverse one ``eta`` of the third ("T").  ``phi_0`` is the phase of minimal free energy.
    """
    if not isinstance(ds, xr.Dataset) or "current" not in ds or "phi" not in ds.dims:
        raise ParameterError(
            "ds", type(ds).__name__, "a CPR dataset with current over (phi, terminal)"
        )
    ds = ds.sortby("phi")
    phi = ds["phi"].values
    if phi.size < 3:
        raise ParameterError("ds", f"{phi.size} phases", "a CPR with at least 3 phases")
    out = {k: [] for k in ("i_max", "i_min", "phi_max", "phi_min", "i_anomalous")}
    uni = []
    for name in ds["terminal"].values:
        y = ds["current"].sel(terminal=name).values
        pmax, vmax = _extremum(phi, y, int(np.argmax(y)))
        pmin, vmin = _extremum(phi, y, int(np.argmin(y)))
        out["i_max"].append(vmax)
        out["i_min"].append(vmin)
        out["phi_max"].append(pmax)
        out["phi_min"].append(pmin)
        out["i_anomalous"].append(
            float(np.interp(0.0, phi, y)) if phi[0] <= 0 <= phi[-1] else math.nan
        )
        tol = 1e-9 * float(np.max(np.abs(y), initial=0.0))
        uni.append(bool(np.all(y > tol) or np.all(y < -tol)))
    i_max, i_min = np.array(out["i_max"]), np.array(out["i_min"])
    eta = analytic.diode_efficiency(i_max, i_min)
    # a terminal whose current vanishes identically (a symmetry zero) has η = 0, not 0/0
    zero = np.maximum(np.abs(i_max), np.abs(i_min)) <= 1e-10 * float(np.abs(ds["current"]).max())
    eta = np.where(zero, 0.0, eta)
    uni = np.where(zero, False, uni)
    energy = ds["energy"].values
    k = int(np.argmin(energy))
    phi0 = _extremum(phi, -energy, k)[0]
    res = xr.Dataset(
        {
            "i_max": ("terminal", i_max, _attrs(_CURRENT_UNITS, "largest current (signed)")),
            "i_min": ("terminal", i_min, _attrs(_CURRENT_UNITS, "smallest current (signed)")),
            "phi_max": ("terminal", out["phi_max"], _attrs("rad", "phase of the largest current")),
            "phi_min": ("terminal", out["phi_min"], _attrs("rad", "phase of the smallest current")),
            "eta": ("terminal", eta,
                    _attrs("1", "diode coefficient (I_max + I_min)/(I_max - I_min)")),
            "i_anomalous": ("terminal", out["i_anomalous"], _attrs(_CURRENT_UNITS, "current at phi = 0")),
            "unidirectional": ("terminal", uni, {"long_name": "current keeps one sign"}),
            "phi_0": ((), phi0, _attrs("rad", "phase of minimal free energy")),
        },
        coords={"terminal": ds["terminal"].values},
    )  # fmt: skip
    res.attrs = {k: v for k, v in ds.attrs.items() if k != "created"}
    return res


def _default_phi():
    return np.linspace(-2 * np.pi, 2 * np.pi, 41)


def four_terminal_cpr(
    *,
    t: float = 1.0,
    mu: float = -0.5,
    delta: float = 0.1,
    altermagnet: float = 0.5,
    rashba: float = 0.3,
    theta: float = math.pi / 4,
    size: int = 10,
    lead_size: int | None = None,
    coupling: float | None = None,
    phi=None,
    bias: str = "symmetric",
    temperature: float = 0.0,
    method="auto",
) -> xr.Dataset:
    """The CPR of all four terminals of :func:`~josephson.bdg.four_terminal_junction` (sweepable).

    ``phi`` defaults to 41 points on [−2π, 2π] (one 4π period of the symmetric bias).
    """
    j = four_terminal_junction(
        t=t, mu=mu, delta=delta, altermagnet=altermagnet, rashba=rashba, theta=theta,
        size=size, lead_size=lead_size, coupling=coupling,
    )  # fmt: skip
    return current_phase_relation(
        j, _default_phi() if phi is None else phi, bias=bias, temperature=temperature,
        method=method,
    )  # fmt: skip


def four_terminal_diode(**kwargs) -> xr.Dataset:
    """:func:`four_terminal_cpr` (same keywords) and its :func:`diode_coefficients` in one
    dataset (sweepable: a map of the diode coefficients over θ, J, α or μ)."""
    cpr = four_terminal_cpr(**kwargs)
    dio = diode_coefficients(cpr)
    dio.attrs = {}
    return cpr.merge(dio)


# the keywords (and so the sweep axes) of four_terminal_diode are those of four_terminal_cpr
four_terminal_diode.__wrapped__ = four_terminal_cpr
