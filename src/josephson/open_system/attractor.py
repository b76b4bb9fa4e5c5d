"""Self-oscillation and hidden attractors of the engine equations (document 004, Sec. V).

The search (:func:`search_attractors`): start at a fixed point (v0, i_J0, i_S0) of eq. 45,
kick it by finite amounts along chosen or random directions, integrate long (τ = 5000 by
default), and classify the last ``window`` of every run as

* ``"decay"`` — the state sits at the starting fixed point (every sample of the window within
  ``threshold·max(1, |y*|)``);
* ``"other fixed point"`` — it sits at another fixed point of the same bias (bistable
  branch, α > 2);
* ``"oscillation"`` — a persistent motion: amplitude above the threshold and the same in both
  halves of the window (within ``stationarity``), with no drift of the mean;
* ``"inconclusive"`` (neither: still moving slowly) or ``"failed"`` (the integrator failed).

Every kick is integrated by every member of a ladder of *refinements* — the compiled adaptive
Dormand–Prince 5(4) (:class:`DormandPrince`) at several tolerances, the compiled fixed-step RK4
(:class:`RungeKutta4`) at several steps, and any :func:`scipy.integrate.solve_ivp` method via
:class:`~josephson.open_system.dynamics.Integrator` — and the verdict is *converged* only when
all refinements agree (same verdict, the same landing point, and for an oscillation the same
amplitude within ``amplitude_rtol`` and frequency within 1 %).  A numerical artefact does not
survive this test: its amplitude scales with the tolerance or the step.

Diagnostics of an oscillation: the half peak-to-peak amplitude of i_J over the window and the
dominant angular frequency of its power spectrum (Hann window, zero-padded, parabolic peak
refinement; units of γ, so the Josephson relation of eq. 88 reads ω = v0).

Exact constraints used to read the results (derived here, not in the document):

* With ξ = ζ − 4α (ζ = i_S + i i_J), eq. 79 gives d|ξ|²/dτ = −2(|ζ − 2α|² − 4α²).  Along any
  bounded solution the long-time averages therefore satisfy ⟨(i_S − 2α)² + i_J²⟩ = 4α², hence
  0 <= ⟨i_S⟩ <= 4α; with ⟨i_S⟩ = ⟨i_J v⟩ (third line of eq. 45) and the power balance of
  the first line, i_tot⟨v⟩ = ⟨v²⟩ + ⟨i_S⟩ > 0: on every attractor the mean voltage has the
  sign of the bias, and |ζ − 4α| <= 4α is absorbing (all motion is bounded).
* :func:`harmonic_balance` completes the one-harmonic argument of eqs. 83–84, which omits
  eq. 81 at n = 1 (the equation that fixes v1) and eq. 82 at n = −1.  With them the n = ±1
  equations are linear and homogeneous in (v1, ζ1, ζ₋₁*); a solution with |v1| > 0 needs a
  purely imaginary eigenvalue λ = −iω of the Jacobian taken at the mean (v0, ζ0), i.e.
  p = v0² − Re(ζ0 − 4α) = ω² − 3 and q = v0 Im ζ0 = −2(1 + ω²), and the n = 0 part of eq. 82
  then fixes |v1|² and α.  No point (v0, ω) gives both |v1|² > 0 and α > 0 (proof in
  :func:`harmonic_balance`): the truncated equations have no self-oscillation at all; they
  only describe the linear ringing at ω ≈ Im λ ≈ v0 around the stable fixed point.

Integrator artefacts (what :func:`document_case` shows): near the ohmic branch the
linearisation has a weakly damped pair λ = −1 − μ0/2 ± iη with η ≈ v0 >> 1.  A step-size
controller on such a mode settles where the method's amplification factor |R(hλ)| = 1 on the
edge of its stability region, and the oscillation then neither decays nor grows: an
*equilibrium state* of the integrator (G. Hall, "Equilibrium states of Runge–Kutta schemes",
ACM TOMS 11, 289 (1985), and Part II, ACM TOMS 12, 183 (1986), which treats a dominant complex
pair), with an amplitude proportional to the tolerance and a frequency ≈ η ≈ v0.  Explicit Runge–Kutta pairs (RK45, DOP853, Dormand–Prince) and the high orders of
BDF / Adams (LSODA's non-stiff mode) show it; the L-stable Radau IIA cannot.  Multistep codes
started from a tiny kick pick low orders and long steps and damp it away, so the artefact
"needs a finite kick" exactly as the document's hidden attractor does.
"""

from __future__ import annotations

import math
import multiprocessing
import warnings
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

import numpy as np
import xarray as xr
from scipy import fft as sp_fft
from scipy.integrate import BDF, DOP853, LSODA, RK45, Radau

from .. import _validate
from .._provenance import provenance
from ..errors import ParameterError
from . import _kernels, analytic
from .dynamics import Integrator

__all__ = [
    "DOCUMENT_CASE",
    "VERDICTS",
    "DormandPrince",
    "RungeKutta4",
    "classify",
    "default_refinements",
    "document_case",
    "dominant_frequency",
    "harmonic_balance",
    "orbit",
    "scan",
    "search_attractors",
]

#: Verdict of a single run (``outcome``) and of a converged set of runs (``verdict``, which
#: adds ``"unconverged"`` when refinements disagree).
VERDICTS = ("decay", "other fixed point", "oscillation", "inconclusive", "failed")

#: The document's case (Sec. V.2, Figs. 6 and 9): α = 2.2, v̄ = 30, kicks δi_S = −0.1, −1e-4
#: and −1e-6 with δv = δi_J = 0.
DOCUMENT_CASE = {"alpha": 2.2, "v0": 30.0, "delta_i_s": (-0.1, -1e-4, -1e-6)}

_attrs = _validate.attrs
_IMPLICIT = ("LSODA", "BDF", "Radau")
_SOLVERS = {"LSODA": LSODA, "BDF": BDF, "Radau": Radau, "RK45": RK45, "DOP853": DOP853}


# --------------------------------------------------------------------------- method objects
@dataclass(frozen=True, kw_only=True)
class DormandPrince:
    """Compiled adaptive Dormand–Prince 5(4) (scipy RK45's tableau and controller).

    rtol, atol : tolerances (> 0); max_step : largest step (> 0, ``inf`` for none).
    """

    rtol: float = 1e-10
    atol: float = 1e-12
    max_step: float = math.inf

    def __post_init__(self):
        _validate.scalar("rtol", self.rtol, low=0.0, low_open=True)
        _validate.scalar("atol", self.atol, low=0.0, low_open=True)
        if not (isinstance(self.max_step, int | float) and self.max_step > 0):
            raise ParameterError("max_step", self.max_step, "a step > 0 (inf: no limit)")

    @property
    def label(self) -> str:
        extra = "" if math.isinf(self.max_step) else f" max_step={self.max_step:g}"
        return f"dopri5 rtol={self.rtol:g} atol={self.atol:g}{extra}"


@dataclass(frozen=True, kw_only=True)
class RungeKutta4:
    """Compiled classical RK4 with a fixed step: give exactly one of

    * ``step``: the step in τ (> 0), or
    * ``phase_step``: the step times the fastest frequency of the run, h·ω_max (> 0), with
      ω_max = max(|v0|, |Im λ|) + (largest kick) + 1; 0.25 keeps RK4's phase error per
      period below 10⁻⁴.

    The step actually used is shortened so that the output grid falls on steps (reported as
    ``step`` in the results).
    """

    step: float | None = None
    phase_step: float | None = None

    def __post_init__(self):
        if (self.step is None) == (self.phase_step is None):
            raise ParameterError(
                "step", (self.step, self.phase_step), "exactly one of step and phase_step"
            )
        if self.step is not None:
            _validate.scalar("step", self.step, low=0.0, low_open=True)
        else:
            _validate.scalar("phase_step", self.phase_step, low=0.0, low_open=True, high=2.0)

    @property
    def label(self) -> str:
        if self.step is not None:
            return f"rk4 h={self.step:g}"
        return f"rk4 h·ω={self.phase_step:g}"


def _label(ref) -> str:
    if isinstance(ref, Integrator):
        extra = "" if math.isinf(ref.max_step) else f" max_step={ref.max_step:g}"
        return f"{ref.method} rtol={ref.rtol:g} atol={ref.atol:g}{extra}"
    return ref.label


def default_refinements() -> tuple:
    """The convergence ladder used when none is given: compiled Dormand–Prince at rtol
    10⁻⁸, 10⁻¹⁰, 10⁻¹² (atol = rtol/100) and compiled RK4 at h·ω_max = 0.25 and 0.125."""
    return (
        DormandPrince(rtol=1e-8, atol=1e-10),
        DormandPrince(rtol=1e-10, atol=1e-12),
        DormandPrince(rtol=1e-12, atol=1e-14),
        RungeKutta4(phase_step=0.25),
        RungeKutta4(phase_step=0.125),
    )


# --------------------------------------------------------------------------- analysis
def dominant_frequency(signal, sample_step: float, *, pad: int = 8, omega_min: float = 0.0):
    """Dominant angular frequency of a uniformly sampled real signal (mean removed).

    Hann window, zero padding to at least ``pad`` times the length, parabolic interpolation of the log
    power around the largest bin above ``omega_min`` (and above zero).  Returns (omega,
    omega_grid, power); omega is NaN for a constant signal.
    """
    x = _validate.array("signal", signal, ndim=(1,))
    dt = _validate.scalar("sample_step", sample_step, low=0.0, low_open=True)
    w_min = _validate.scalar("omega_min", omega_min, low=0.0)
    if x.size < 4:
        raise ParameterError("signal", signal, "at least 4 samples")
    y = (x - x.mean()) * np.hanning(x.size)
    n = sp_fft.next_fast_len(int(pad) * x.size, real=True)
    power = np.abs(sp_fft.rfft(y, n)) ** 2
    omega = 2.0 * np.pi * sp_fft.rfftfreq(n, dt)
    first = max(1, int(np.searchsorted(omega, w_min)))
    if first >= power.size or not np.any(power[first:] > 0):
        return math.nan, omega, power
    k = first + int(np.argmax(power[first:]))
    w = omega[k]
    if 1 <= k < power.size - 1 and np.all(power[k - 1 : k + 2] > 0):
        a, b, c = np.log(power[k - 1 : k + 2])
        den = a - 2.0 * b + c
        if den < 0:
            w = omega[k] + 0.5 * (a - c) / den * (omega[1] - omega[0])
    return float(w), omega, power


def classify(
    states,
    fixed_points,
    *,
    reference: int = 0,
    threshold: float = 1e-6,
    stationarity: float = 0.1,
) -> dict:
    """Outcome of one run from its last window of states.

    Parameters
    ----------
    states : (n, 3) array
        (v, i_J, i_S) on a uniform grid over the late window (n >= 4).
    fixed_points : (k, 3) array
        The fixed points of the bias; ``reference`` is the index of the starting one.
    threshold : float
        A sample is "at" fixed point y* when |y − y*| <= threshold·max(1, |y*|); an
        oscillation must exceed threshold·max(1, |y_ref|).
    stationarity : float
        Largest relative change of the amplitude (and drift of the mean, relative to the
        amplitude) between the two halves of the window for an "oscillation".

    Returns
    -------
    dict with ``outcome`` (one of :data:`VERDICTS`), ``landed`` (index of the fixed point
    reached, −1 if none), ``distance`` (largest |y − y_ref| over the window) and
    ``amplitude`` (half the peak-to-peak range of i_J over the window).
    """
    y = np.asarray(states, dtype=float)
    fps = np.asarray(fixed_points, dtype=float).reshape(-1, 3)
    if y.ndim != 2 or y.shape[1] != 3 or y.shape[0] < 4:
        raise ParameterError("states", states, "an (n, 3) array with n >= 4")
    reference = _validate.whole("reference", reference, 0)
    if reference >= fps.shape[0]:
        raise ParameterError("reference", reference, f"an index below {fps.shape[0]}")
    thr = _validate.scalar("threshold", threshold, low=0.0, low_open=True)
    stat = _validate.scalar("stationarity", stationarity, low=0.0, low_open=True)
    if not np.all(np.isfinite(y)):
        return {"outcome": "failed", "landed": -1, "distance": math.nan, "amplitude": math.nan}
    ref = fps[reference]
    distance = float(np.max(np.linalg.norm(y - ref, axis=1)))
    amplitude = 0.5 * float(np.ptp(y[:, 1]))
    near = [
        float(np.max(np.linalg.norm(y - fp, axis=1))) / max(1.0, float(np.linalg.norm(fp)))
        for fp in fps
    ]
    k = int(np.argmin(near))
    if near[k] <= thr:
        outcome = "decay" if k == reference else "other fixed point"
        return {"outcome": outcome, "landed": k, "distance": distance, "amplitude": amplitude}
    half = y.shape[0] // 2
    first, second = y[:half], y[-half:]
    m1, m2 = first.mean(axis=0), second.mean(axis=0)
    a1 = float(np.max(np.linalg.norm(first - m1, axis=1)))
    a2 = float(np.max(np.linalg.norm(second - m2, axis=1)))
    floor = thr * max(1.0, float(np.linalg.norm(ref)))
    steady = abs(a2 - a1) <= stat * max(a1, a2) and np.linalg.norm(m2 - m1) <= stat * a2 + floor
    outcome = "oscillation" if (a2 > floor and steady) else "inconclusive"
    return {"outcome": outcome, "landed": -1, "distance": distance, "amplitude": amplitude}


# --------------------------------------------------------------------------- integration
def _rhs(t, y, alpha, i_tot):
    v, ij, js = y
    return np.array([i_tot - v - ij, -ij - js * v + 4.0 * alpha * v, -js + ij * v])


def _jac(t, y, alpha, i_tot):
    v, ij, js = y
    return np.array([[-1.0, -1.0, 0.0], [4.0 * alpha - js, -1.0, -v], [ij, v, -1.0]])


@dataclass(frozen=True)
class _Grid:
    """The common sampling of a search: output step dt, duration = n_total·dt, envelope
    blocks of env_every samples, late window = the last n_late samples."""

    dt: float
    n_total: int
    env_every: int
    n_late: int

    @property
    def duration(self) -> float:
        return self.n_total * self.dt

    @property
    def n_env(self) -> int:
        return -(-self.n_total // self.env_every)


def _scipy_run(job):
    """One scipy run (top level, so a process pool can call it).

    The solver object of :func:`scipy.integrate.solve_ivp` is stepped by hand, exactly as
    solve_ivp steps it (t_eval never changes the steps), but the dense interpolant is only
    evaluated inside the late window; the envelope is taken at the step ends."""
    alpha, i_tot, y0, ref, grid, method, rtol, atol, max_step = job
    kwargs = {"rtol": rtol, "atol": atol, "max_step": max_step}
    if method in _IMPLICIT:
        kwargs["jac"] = lambda t, y: _jac(t, y, alpha, i_tot)
    env = np.zeros(grid.n_env)
    late = np.full((grid.n_late, 3), np.nan)
    env_dt = grid.env_every * grid.dt
    t_late = (np.arange(grid.n_late) + grid.n_total - grid.n_late + 1) * grid.dt
    t_late[-1] = grid.duration
    env[0] = float(np.linalg.norm(y0 - ref))
    j = 0
    status = _kernels.OK
    with np.errstate(over="ignore", invalid="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        solver = _SOLVERS[method](
            lambda t, y: _rhs(t, y, alpha, i_tot), 0.0, np.asarray(y0, dtype=float),
            grid.duration, **kwargs,
        )  # fmt: skip
        while solver.status == "running":
            t_old = solver.t
            if solver.step() is not None:  # a message: the step failed
                status = _kernels.STEP_UNDERFLOW
                break
            t, y = solver.t, solver.y
            if not np.all(np.isfinite(y)):
                status = _kernels.NON_FINITE
                break
            b = min(int(t / env_dt), grid.n_env - 1)
            env[b] = max(env[b], float(np.linalg.norm(y - ref)))
            if t - t_old > grid.dt:  # a long step: sample the envelope on the grid inside it
                tm = np.arange(math.floor(t_old / grid.dt) + 1, math.ceil(t / grid.dt)) * grid.dt
                if tm.size:
                    dist = np.linalg.norm(solver.dense_output()(tm).T - ref, axis=1)
                    blocks = np.minimum((tm / env_dt).astype(int), grid.n_env - 1)
                    np.maximum.at(env, blocks, dist)
            if j < grid.n_late and t >= t_late[j]:
                k = j + int(np.searchsorted(t_late[j:], t, side="right"))
                pts = t_late[j:k]
                inside = pts > t_old
                if np.any(inside):
                    late[j:k][inside] = solver.dense_output()(pts[inside]).T
                if np.any(~inside):  # only at τ = 0 for a window over the whole run
                    late[j:k][~inside] = y0
                j = k
        if solver.status == "failed":
            status = _kernels.STEP_UNDERFLOW
    work = int(getattr(solver, "nfev", 0))
    final = np.asarray(solver.y, dtype=float) if status == _kernels.OK else np.full(3, np.nan)
    return final, env, late, status, work


def _scipy_batch(jobs: dict, workers: int) -> dict:
    """Run {key: [job, ...]} with :func:`_scipy_run`, on one process pool if workers > 1;
    returns {key: (final, env, late, status, work, nan)} stacked over the jobs."""
    flat = [(key, job) for key, lst in jobs.items() for job in lst]
    if workers > 1 and len(flat) > 1:
        ctx = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=min(workers, len(flat)), mp_context=ctx) as ex:
            results = list(ex.map(_scipy_run, [job for _, job in flat]))
    else:
        results = [_scipy_run(job) for _, job in flat]
    out = {}
    for key in jobs:
        mine = [r for (k, _), r in zip(flat, results, strict=True) if k == key]
        out[key] = (
            np.array([r[0] for r in mine]),
            np.array([r[1] for r in mine]),
            np.array([r[2] for r in mine]),
            np.array([r[3] for r in mine], dtype=np.int64),
            np.array([r[4] for r in mine], dtype=np.int64),
            math.nan,
        )
    return out


def _run_compiled(ref, alpha, i_tot, y0, y_ref, grid, omega_max):
    """Integrate all rows y0 (n, 3) with a compiled refinement.  Returns final (n, 3), env
    (n, n_env), late (n, n_late, 3), status (n,), work (n,) and the step (NaN if adaptive)."""
    n = y0.shape[0]
    params = np.tile([alpha, i_tot, 0.0, 0.0], (n, 1))
    refs = np.tile(y_ref, (n, 1))
    if isinstance(ref, DormandPrince):
        late_t0 = (grid.n_total - grid.n_late + 1) * grid.dt
        final, env, late, stats = _kernels.dopri5_record(
            params, y0, refs, grid.duration, ref.rtol, ref.atol, float(ref.max_step),
            grid.env_every * grid.dt, grid.n_env, 4.0 * grid.dt, late_t0, grid.dt, grid.n_late,
            2_000_000_000,
        )  # fmt: skip
        # the last output time may round past t_end: take the final state there
        miss = ~np.all(np.isfinite(late[:, -1, :]), axis=1) & (stats[:, 2] == _kernels.OK)
        late[miss, -1, :] = final[miss]
        return final, env, late, stats[:, 2], stats[:, 0] + stats[:, 1], math.nan
    h = ref.step if ref.step is not None else ref.phase_step / omega_max
    sub = max(1, math.ceil(grid.dt / h - 1e-9))
    h_used = grid.dt / sub
    out_first = (grid.n_total - grid.n_late + 1) * sub
    final, env, late, stats = _kernels.rk4_record(
        params, y0, refs, h_used, grid.n_total * sub, grid.env_every * sub, out_first, sub,
        grid.n_late,
    )  # fmt: skip
    return final, env, late, stats[:, 2], stats[:, 0], h_used


def _run_all(refs, alpha, i_tot, y0, y_ref, grid, omega_max, workers) -> list:
    """Every refinement on every row; the scipy ones share one process pool."""
    jobs = {
        i: [
            (alpha, i_tot, y0[r], y_ref, grid, ref.method, ref.rtol, ref.atol, ref.max_step)
            for r in range(y0.shape[0])
        ]
        for i, ref in enumerate(refs)
        if isinstance(ref, Integrator)
    }
    done = _scipy_batch(jobs, workers) if jobs else {}
    return [
        done[i] if i in done else _run_compiled(ref, alpha, i_tot, y0, y_ref, grid, omega_max)
        for i, ref in enumerate(refs)
    ]


# --------------------------------------------------------------------------- inputs
def _refinements(refinements) -> tuple:
    refs = default_refinements() if refinements is None else refinements
    if isinstance(refs, Integrator | DormandPrince | RungeKutta4):
        refs = (refs,)
    refs = tuple(refs)
    if not refs:
        raise ParameterError("refinements", refinements, "at least one method object")
    for r in refs:
        if not isinstance(r, Integrator | DormandPrince | RungeKutta4):
            raise ParameterError(
                "refinements", r, "Integrator(...), DormandPrince(...) or RungeKutta4(...) objects"
            )
    labels = [_label(r) for r in refs]
    if len(set(labels)) != len(labels):
        raise ParameterError("refinements", refinements, "distinct method settings")
    return refs


def _directions(directions, random_directions, seed) -> np.ndarray:
    dirs = []
    if directions is not None:
        d = _validate.array("directions", directions, ndim=(1, 2))
        d = d.reshape(-1, 3) if d.size % 3 == 0 else None
        if d is None:
            raise ParameterError("directions", directions, "vectors (δv, δi_J, δi_S)")
        norms = np.linalg.norm(d, axis=1)
        if np.any(norms == 0):
            raise ParameterError("directions", directions, "non-zero vectors")
        dirs.append(d / norms[:, None])
    n_random = _validate.whole("random_directions", random_directions, 0)
    if n_random:
        rng = np.random.default_rng(_validate.seed(seed))
        g = rng.standard_normal((n_random, 3))
        dirs.append(g / np.linalg.norm(g, axis=1)[:, None])
    if not dirs:
        raise ParameterError(
            "directions", directions, "at least one direction (or random_directions > 0)"
        )
    return np.concatenate(dirs)


def _base_point(alpha, v0, i_tot):
    if (v0 is None) == (i_tot is None):
        raise ParameterError("v0", v0, "exactly one of v0 (fixed-point voltage) and i_tot")
    if v0 is not None:
        v = _validate.scalar("v0", v0)
        bias = float(analytic.characteristic(v, alpha))
    else:
        bias = _validate.scalar("i_tot", i_tot)
        roots = analytic.fixed_points(bias, alpha)
        stable = [r for r in roots if bool(analytic.stability(r, alpha)["stable"])]
        v = float(max(stable, key=abs)) if stable else float(roots[-1])
    roots = np.asarray(analytic.fixed_points(bias, alpha), dtype=float)
    k = int(np.argmin(np.abs(roots - v)))
    if abs(roots[k] - v) > 1e-8 * max(1.0, abs(v)):  # a root the polynomial lost: add it
        roots = np.sort(np.append(roots, v))
        k = int(np.argmin(np.abs(roots - v)))
    roots[k] = v
    states = np.array([[float(x) for x in analytic.fixed_point(r, alpha)] for r in roots])
    return v, bias, roots, states, k


# --------------------------------------------------------------------------- the search
def search_attractors(
    alpha: float,
    v0: float | None = None,
    *,
    i_tot: float | None = None,
    perturbations=(1e-6, 1e-3, 0.1, 1.0, 10.0),
    directions=((0.0, 0.0, -1.0),),
    random_directions: int = 0,
    seed=None,
    duration: float = 5000.0,
    window: float = 150.0,
    sample_step: float | None = None,
    envelope_step: float = 1.0,
    refinements=None,
    threshold: float = 1e-6,
    stationarity: float = 0.1,
    amplitude_rtol: float = 0.05,
    spectra: bool = False,
    workers: int = 1,
) -> xr.Dataset:
    """Kick a fixed point of eq. 45 by finite amounts, integrate long and classify.

    Parameters
    ----------
    alpha : float
        α = K²/γ² >= 0.
    v0, i_tot : float
        The starting fixed point: its voltage v0 (the document's v̄; bias i_tot(v0) of
        eq. 48), or the bias, in which case the stable fixed point of largest |v| is used.
    perturbations : sizes (> 0)
        Euclidean lengths of the kicks in (v, i_J, i_S).
    directions, random_directions, seed
        Kick directions: the given vectors (normalised; default the document's −i_S axis) and
        ``random_directions`` more drawn uniformly on the sphere from ``seed``.
    duration : float
        Length of every run in τ (>= 2·window).
    window : float
        The late window [duration − window, duration] classified and analysed (the document's
        Fig. 7 uses 150).
    sample_step : float
        Output step (default 0.25/ω_max, 25 samples per fastest period, or the largest
        explicit RK4 step if that is at most 1/ω_max; rounded so that the duration is a whole
        number of steps).
    envelope_step : float
        Block length of the recorded distance envelope (rounded to whole samples).
    refinements : sequence of Integrator / DormandPrince / RungeKutta4
        The convergence ladder (default :func:`default_refinements`).
    threshold, stationarity : float
        Passed to :func:`classify`.
    amplitude_rtol : float
        Largest relative spread of the late amplitude across refinements for a converged
        "oscillation".
    spectra : bool
        Also return the power spectrum of i_J over the late window.
    workers : int
        Processes for the scipy (solve_ivp) refinements (compiled kernels use Numba threads).

    Returns
    -------
    xarray.Dataset
        Dimensions ``refinement``, ``size``, ``direction``; per run: ``outcome``, ``landed_v``
        (voltage of the fixed point reached, NaN if none), ``final_distance``,
        ``late_distance``, ``late_amplitude`` (half peak-to-peak of i_J over the window),
        ``frequency`` (dominant angular frequency of i_J there), ``decay_time`` (first τ after
        which the distance to the start stays below the threshold), ``envelope`` (largest
        distance per block, over ``tau_envelope``), ``final`` state, ``status``, ``work``
        (function evaluations / steps); per kick: ``verdict`` and ``converged``; the fixed
        points of the bias (``fixed_point_v``, ``fixed_point_stable``) and the eigenvalues at
        the start (``lambda_real``, ``lambda_complex``).
    """
    a = float(_validate.scalar("alpha", alpha, low=0.0, allowed="α = K²/γ² >= 0"))
    v_start, bias, roots, fps, k_ref = _base_point(a, v0, i_tot)
    sizes = _validate.array("perturbations", perturbations, ndim=(0, 1), low=0.0, low_open=True)
    sizes = np.atleast_1d(sizes)
    dirs = _directions(directions, random_directions, seed)
    t_end = _validate.scalar("duration", duration, low=0.0, low_open=True)
    win = _validate.scalar("window", window, low=0.0, low_open=True)
    if t_end < 2.0 * win:
        raise ParameterError("duration", duration, f"at least twice the window ({2 * win:g})")
    refs = _refinements(refinements)
    thr = _validate.scalar("threshold", threshold, low=0.0, low_open=True)
    stat = _validate.scalar("stationarity", stationarity, low=0.0, low_open=True)
    amp_rtol = _validate.scalar("amplitude_rtol", amplitude_rtol, low=0.0, low_open=True)
    n_workers = _validate.whole("workers", workers, 1)
    if not isinstance(spectra, bool):
        raise ParameterError("spectra", spectra, "True or False")

    eig = analytic.stability(v_start, a)
    omega_max = max(abs(v_start), abs(float(np.imag(eig["complex"])))) + float(sizes.max()) + 1.0
    if sample_step is None:
        dt0 = 0.25 / omega_max
        fixed = [r.step for r in refs if isinstance(r, RungeKutta4) and r.step is not None]
        if fixed and max(fixed) <= 1.0 / omega_max:  # sample on the coarsest RK4 step
            dt0 = max(fixed)
    else:
        dt0 = sample_step
    dt0 = _validate.scalar("sample_step", dt0, low=0.0, low_open=True)
    n_total = max(1, round(t_end / dt0))
    dt = t_end / n_total
    env_every = max(
        1, round(_validate.scalar("envelope_step", envelope_step, low=0.0, low_open=True) / dt)
    )
    n_late = min(n_total + 1, round(win / dt) + 1)
    grid = _Grid(dt=dt, n_total=n_total, env_every=env_every, n_late=n_late)

    y_ref = fps[k_ref]
    kicks = (sizes[:, None, None] * dirs[None, :, :]).reshape(-1, 3)
    y0 = y_ref + kicks
    shape = (len(refs), sizes.size, dirs.shape[0])
    n_env = grid.n_env
    out = {
        "outcome": np.empty(shape, dtype=object),
        "landed_v": np.full(shape, np.nan),
        "final_distance": np.full(shape, np.nan),
        "late_distance": np.full(shape, np.nan),
        "late_amplitude": np.full(shape, np.nan),
        "frequency": np.full(shape, np.nan),
        "decay_time": np.full(shape, np.nan),
        "envelope": np.zeros((*shape, n_env)),
        "final": np.full((*shape, 3), np.nan),
        "status": np.zeros(shape, dtype=np.int64),
        "work": np.zeros(shape, dtype=np.int64),
    }
    steps = np.full(len(refs), np.nan)
    power = None
    floor = thr * max(1.0, float(np.linalg.norm(y_ref)))
    noise = 64.0 * np.finfo(float).eps * max(1.0, float(np.linalg.norm(y_ref)))
    runs = _run_all(refs, a, bias, y0, y_ref, grid, omega_max, n_workers)
    for i, (final, env, late, status, work, h) in enumerate(runs):
        steps[i] = h
        for r in range(kicks.shape[0]):
            s, d = divmod(r, dirs.shape[0])
            idx = (i, s, d)
            res = (
                classify(late[r], fps, reference=k_ref, threshold=thr, stationarity=stat)
                if status[r] == _kernels.OK
                else {
                    "outcome": "failed",
                    "landed": -1,
                    "distance": math.nan,
                    "amplitude": math.nan,
                }
            )
            out["outcome"][idx] = res["outcome"]
            out["landed_v"][idx] = roots[res["landed"]] if res["landed"] >= 0 else math.nan
            out["late_distance"][idx] = res["distance"]
            out["late_amplitude"][idx] = res["amplitude"]
            out["final_distance"][idx] = float(np.linalg.norm(final[r] - y_ref))
            out["final"][idx] = final[r]
            out["envelope"][idx] = env[r]
            out["status"][idx] = status[r]
            out["work"][idx] = work[r]
            above = np.nonzero(env[r] > floor)[0]
            if above.size == 0:
                out["decay_time"][idx] = 0.0
            elif above[-1] < n_env - 1:
                out["decay_time"][idx] = (above[-1] + 1) * env_every * dt
            if status[r] == _kernels.OK and np.all(np.isfinite(late[r])):
                w, wgrid, pw = dominant_frequency(late[r][:, 1], dt)
                # a window of pure round-off has no meaningful peak
                out["frequency"][idx] = w if res["amplitude"] > noise else math.nan
                if spectra:
                    if power is None:
                        power = np.full((*shape, wgrid.size), np.nan)
                        omega_grid = wgrid
                    power[idx] = pw
    verdict, converged = _consensus(out, amp_rtol)

    labels = [_label(r) for r in refs]
    dims = ("refinement", "size", "direction")
    fp_stable = np.array([bool(analytic.stability(r, a)["stable"]) for r in roots])
    lam_c = complex(eig["complex"])
    ds = xr.Dataset(
        {
            "outcome": (
                dims,
                out["outcome"].astype(str),
                _attrs("", "outcome of the run (late window)"),
            ),
            "landed_v": (dims, out["landed_v"], _attrs("Ṽ", "voltage of the fixed point reached")),
            "final_distance": (
                dims,
                out["final_distance"],
                _attrs("", "|y(duration) − y*| (start point y*)"),
            ),
            "late_distance": (
                dims,
                out["late_distance"],
                _attrs("", "largest |y − y*| over the late window"),
            ),
            "late_amplitude": (
                dims,
                out["late_amplitude"],
                _attrs("Ĩ", "half peak-to-peak of i_J over the late window"),
            ),
            "frequency": (
                dims,
                out["frequency"],
                _attrs("γ", "dominant angular frequency of i_J (late window; NaN at round-off)"),
            ),
            "decay_time": (
                dims,
                out["decay_time"],
                _attrs("1/γ", "time after which |y − y*| stays below the threshold"),
            ),
            "envelope": (
                (*dims, "tau_envelope"),
                out["envelope"],
                _attrs("", "largest |y − y*| in each block"),
            ),
            "final": (
                (*dims, "component"),
                out["final"],
                _attrs("Ṽ, Ĩ", "state (v, i_J, i_S) at the end"),
            ),
            "status": (
                dims,
                out["status"],
                _attrs("", "0 ok, 1 non-finite, 2 step limit, 3 step underflow / solver failure"),
            ),
            "work": (
                dims,
                out["work"],
                _attrs("", "right-hand-side evaluations (scipy) or steps (compiled)"),
            ),
            "step": ("refinement", steps, _attrs("1/γ", "fixed step used (RK4), NaN if adaptive")),
            "verdict": (
                ("size", "direction"),
                verdict,
                _attrs("", "verdict agreed by all refinements, else 'unconverged'"),
            ),
            "converged": (("size", "direction"), converged, _attrs("", "all refinements agree")),
            "kick": (
                ("direction", "component"),
                dirs,
                _attrs("", "unit kick direction (δv, δi_J, δi_S)"),
            ),
            "fixed_point_v": (
                "fixed_point",
                roots,
                _attrs("Ṽ", "fixed-point voltages of the bias"),
            ),
            "fixed_point_stable": ("fixed_point", fp_stable, _attrs("", "linearly stable")),
            "lambda_real": ((), float(eig["real"]), _attrs("γ", "real eigenvalue at the start")),
            "lambda_complex_re": (
                (),
                lam_c.real,
                _attrs("γ", "Re of the complex pair at the start"),
            ),
            "lambda_complex_im": ((), lam_c.imag, _attrs("γ", "Im of the complex pair (>= 0)")),
            "v0": ((), v_start, _attrs("Ṽ", "voltage of the starting fixed point")),
            "i_tot": ((), bias, _attrs("Ĩ", "bias current")),
            "alpha": ((), a, _attrs("", "α = K²/γ²")),
        },
        coords={
            "refinement": ("refinement", labels, _attrs("", "integrator and settings")),
            "size": ("size", sizes, _attrs("", "kick length |δy|")),
            "direction": (
                "direction",
                np.arange(dirs.shape[0]),
                _attrs("", "kick direction index"),
            ),
            "component": ("component", ["v", "i_j", "i_s"], _attrs("", "state component")),
            "tau_envelope": (
                "tau_envelope",
                (np.arange(n_env) + 1) * env_every * dt,
                _attrs("1/γ", "end of envelope block"),
            ),
            "fixed_point": ("fixed_point", np.arange(roots.size), _attrs("", "fixed point index")),
        },
    )
    if spectra and power is not None:
        ds["power"] = ((*dims, "omega"), power, _attrs("", "power spectrum of i_J (late window)"))
        ds = ds.assign_coords(omega=("omega", omega_grid, _attrs("γ", "angular frequency")))
    ds.attrs = provenance(
        computation="josephson.open_system.search_attractors",
        model={"alpha": a, "v0": v_start, "i_tot": bias},
        method={
            "refinements": labels, "duration": grid.duration, "window": (n_late - 1) * dt,
            "sample_step": dt, "envelope_step": env_every * dt, "threshold": thr,
            "stationarity": stat, "amplitude_rtol": amp_rtol, "seed": repr(seed),
        },
    )  # fmt: skip
    return ds


def _consensus(out, amp_rtol):
    outcome = out["outcome"]
    _, n_size, n_dir = outcome.shape
    verdict = np.empty((n_size, n_dir), dtype=object)
    converged = np.zeros((n_size, n_dir), dtype=bool)
    for s in range(n_size):
        for d in range(n_dir):
            col = list(outcome[:, s, d])
            first = col[0]
            same = all(c == first for c in col) and first not in ("failed", "inconclusive")
            if same and first == "other fixed point":
                landed = out["landed_v"][:, s, d]
                same = bool(np.all(landed == landed[0]))
            if same and first == "oscillation":
                amp = out["late_amplitude"][:, s, d]
                freq = out["frequency"][:, s, d]
                same = bool(
                    (amp.max() - amp.min()) <= amp_rtol * amp.max()
                    and (freq.max() - freq.min()) <= 0.01 * abs(freq).max()
                )
            converged[s, d] = same
            verdict[s, d] = first if same else "unconverged"
    return verdict.astype(str), converged


# --------------------------------------------------------------------------- scan and cases
def scan(
    alpha: Sequence[float],
    v0: Sequence[float],
    *,
    perturbations=(1e-3, 0.1, 1.0, 10.0),
    directions=((0.0, 0.0, -1.0),),
    random_directions: int = 3,
    seed=0,
    progress=None,
    **kwargs,
) -> xr.Dataset:
    """:func:`search_attractors` over a grid of α and fixed-point voltages v0 (the document's
    v̄), the same kicks everywhere (random directions drawn once from ``seed``).  Extra
    keyword arguments go to :func:`search_attractors`.  ``progress``: optional callable
    progress(alpha, v0, dataset) after each point.

    Returns the search variables with leading dimensions ``alpha`` and ``v0`` (the scalar
    ones, e.g. ``i_tot`` and ``lambda_real``, become (alpha, v0) arrays; fixed points,
    envelopes and spectra are dropped because their lengths differ between points).
    """
    alphas = np.atleast_1d(_validate.array("alpha", alpha, ndim=(0, 1), low=0.0))
    volts = np.atleast_1d(_validate.array("v0", v0, ndim=(0, 1)))
    dirs = _directions(directions, random_directions, seed)
    rows = []
    for a in alphas:
        cols = []
        for v in volts:
            ds = search_attractors(
                float(a), float(v), perturbations=perturbations, directions=dirs,
                random_directions=0, **kwargs,
            )  # fmt: skip
            if progress is not None:
                progress(float(a), float(v), ds)
            drop = [n for n in ds.data_vars if "fixed_point" in ds[n].dims]
            drop += [
                n for n in ds.data_vars if "tau_envelope" in ds[n].dims or "omega" in ds[n].dims
            ]
            ds = ds.drop_vars(drop).drop_vars(["alpha", "v0"])
            ds = ds.drop_dims([d for d in ("fixed_point", "tau_envelope", "omega") if d in ds.dims])
            step = ds["step"]
            ds = ds.drop_vars("step").assign(step_used=step.drop_vars("refinement"))
            ds = ds.assign_coords(refinement=np.arange(ds.sizes["refinement"]))
            cols.append(ds.expand_dims(v0=[float(v)]))
        rows.append(xr.concat(cols, dim="v0", combine_attrs="drop").expand_dims(alpha=[float(a)]))
    out = xr.concat(rows, dim="alpha", combine_attrs="drop")
    labels = [_label(r) for r in _refinements(kwargs.get("refinements"))]
    out = out.assign_coords(
        refinement=("refinement", labels, _attrs("", "integrator and settings")),
        alpha=("alpha", alphas, _attrs("", "α = K²/γ²")),
        v0=("v0", volts, _attrs("Ṽ", "voltage of the starting fixed point (v̄)")),
    )
    out["stable"] = (
        ("alpha", "v0"),
        np.array([[bool(analytic.stability(v, a)["stable"]) for v in volts] for a in alphas]),
        _attrs("", "the starting fixed point is linearly stable"),
    )
    out.attrs = provenance(
        computation="josephson.open_system.attractor.scan",
        model={"alpha": alphas, "v0": volts},
        method={"perturbations": perturbations, "directions": dirs, "seed": repr(seed),
                **{k: (v if not isinstance(v, tuple | list) else [str(x) for x in v])
                   for k, v in kwargs.items()}},
    )  # fmt: skip
    return out


def document_case(
    refinements=None, *, perturbations=None, duration: float = 5000.0, workers: int = 1, **kwargs
):
    """The document's Sec. V.2 case: α = 2.2, v̄ = 30, kicks δi_S = −0.1, −10⁻⁴, −10⁻⁶
    (δv = δi_J = 0), integrated to τ = ``duration`` by every refinement (default the
    converged ladder of :func:`default_refinements`; pass scipy Integrator objects to see
    what LSODA, BDF, Radau, RK45 and DOP853 do at a given tolerance).  ``perturbations``:
    other kick lengths along −i_S."""
    case = DOCUMENT_CASE
    sizes = [abs(x) for x in case["delta_i_s"]] if perturbations is None else perturbations
    return search_attractors(
        case["alpha"], case["v0"], perturbations=sizes,
        directions=((0.0, 0.0, -1.0),), duration=duration, refinements=refinements,
        workers=workers, **kwargs,
    )  # fmt: skip


def orbit(
    alpha: float,
    v0: float,
    kick,
    *,
    start: float,
    stop: float,
    refinement=None,
    sample_step: float = 0.01,
) -> xr.Dataset:
    """The orbit (v, i_J, i_S) for start <= τ <= stop after the kick (δv, δi_J, δi_S) from the
    fixed point of voltage v0: the document's Fig. 6(b) (500–550) and Fig. 9 scenario with any
    refinement (default compiled Dormand–Prince at rtol 10⁻¹⁰)."""
    a = float(_validate.scalar("alpha", alpha, low=0.0, allowed="α = K²/γ² >= 0"))
    v, bias, _, fps, k = _base_point(a, v0, None)
    dy = _validate.array("kick", kick, ndim=(1,))
    if dy.shape != (3,):
        raise ParameterError("kick", kick, "three finite numbers (δv, δi_J, δi_S)")
    t0 = _validate.scalar("start", start, low=0.0)
    t1 = _validate.scalar("stop", stop, low=0.0, low_open=True)
    if t1 <= t0:
        raise ParameterError("stop", stop, f"a time after start = {t0:g}")
    dt0 = _validate.scalar("sample_step", sample_step, low=0.0, low_open=True)
    ref = _refinements(DormandPrince() if refinement is None else refinement)
    if len(ref) != 1:
        raise ParameterError("refinement", refinement, "one method object")
    n_total = max(1, round(t1 / dt0))
    dt = t1 / n_total
    n_late = min(n_total + 1, round((t1 - t0) / dt) + 1)
    grid = _Grid(dt=dt, n_total=n_total, env_every=1, n_late=n_late)
    omega_max = abs(v) + float(np.linalg.norm(dy)) + 1.0
    _, _, late, status, _, _ = _run_all(
        ref, a, bias, (fps[k] + dy)[None], fps[k], grid, omega_max, 1
    )[0]
    tau = (np.arange(n_late) + n_total - n_late + 1) * dt
    if n_late == n_total + 1:
        tau = np.arange(n_late) * dt
    ds = xr.Dataset(
        {
            "v": ("tau", late[0][:, 0], _attrs("Ṽ", "voltage v")),
            "i_j": ("tau", late[0][:, 1], _attrs("Ĩ", "Josephson current i_J")),
            "i_s": ("tau", late[0][:, 2], _attrs("Ĩ", "in-phase current i_S")),
            "distance": ("tau", np.linalg.norm(late[0] - fps[k], axis=1), _attrs("", "|y − y*|")),
        },
        coords={"tau": ("tau", tau, _attrs("1/γ", "time τ = γt"))},
    )
    ds.attrs = provenance(
        computation="josephson.open_system.attractor.orbit",
        model={"alpha": a, "v0": v, "i_tot": bias, "kick": dy, "fixed_point": fps[k]},
        method={"refinement": _label(ref[0]), "sample_step": dt, "status": int(status[0])},
    )
    return ds


# --------------------------------------------------------------------------- harmonic balance
def harmonic_balance(v0, omega) -> dict:
    """The one-harmonic balance of eqs. 80–82, completed, solved for everything but (v0, ω).

    Keep n = 0, ±1 of eqs. 81 and 82 (the document keeps only eq. 81 at n = 0, its eq. 83,
    and eq. 82 at n = 1, its eq. 84, which leave v1 free).  For a mean voltage v0 and
    frequency ω the n = ±1 equations force ζ0 − 4α = c with Re c = v0² + 3 − ω² and
    Im c = −2(1 + ω²)/v0 (an eigenvalue −iω of the Jacobian at the mean, module docstring);
    eq. 82 at n = 0, c (1 + i v0 + s G) = −4α with G = 1/(1 + i(v0 − ω)) + 1/(1 + i(v0 + ω))
    and s = |v1|², is then one complex equation for the two reals s and α:

        s = −Im[c (1 + i v0)] / Im[c G],   α = −Re[c (1 + i v0 + s G)] / 4,

    and eq. 83 gives the bias i_tot = v0 + Im c.  A self-oscillation needs s > 0 and α > 0.

    Theorem (derived here): never both.  Im(cB) = 0 with B = 1 + i v0 + sG gives
    −4α = Re B |c|²/Re c with Re B = 1 + s Re G > 0, so α > 0 needs Re c < 0, i.e. ab > 3
    with a = ω − |v0|, b = ω + |v0|.  For v0 > 0 (v0 < 0 by the symmetry v, i_J, i_tot -> −v,
    −i_J, −i_tot), s > 0 then needs k(2 + a² + b²) < (b − a)(1 − ab) with
    k = Im c/Re c > 0, whose right side is negative.  So the completed one-harmonic equations
    have no self-oscillating solution for any α > 0 and bias: the document's eqs. 83–88 do
    not predict a hidden attractor.

    Parameters broadcast; returns a dict of arrays ``v1_squared`` (s), ``alpha`` (the α the
    point would need), ``i_tot``, ``zeta0`` (complex mean ζ0 = 4α + c) and ``self_oscillation``
    (s > 0 and α > 0; always False).
    """
    v = _validate.array("v0", v0, ndim=range(0, 8))
    w = _validate.array("omega", omega, ndim=range(0, 8))
    if np.any(v == 0):
        raise ParameterError("v0", v0, "non-zero mean voltages (v0 = 0 cannot oscillate)")
    v, w = np.broadcast_arrays(v, w)
    c = (v * v + 3.0 - w * w) + 1j * (-2.0 * (1.0 + w * w) / v)
    g = 1.0 / (1.0 + 1j * (v - w)) + 1.0 / (1.0 + 1j * (v + w))
    with np.errstate(divide="ignore", invalid="ignore"):
        s = -np.imag(c * (1.0 + 1j * v)) / np.imag(c * g)
    a = -np.real(c * (1.0 + 1j * v + s * g)) / 4.0
    return {
        "v1_squared": s,
        "alpha": a,
        "i_tot": v + c.imag,
        "zeta0": 4.0 * a + c,
        "self_oscillation": (s > 0) & (a > 0),
    }
