"""Current-biased RCSJ junction: model, numerical methods and the solve functions.

Normalised equation (time tau in units of 1/omega_c, currents in I_c, voltage v in I_c R)::

    beta_c phi'' + phi' + i_s(phi) = i_dc + i_ac sin(omega tau) + sqrt(2 noise) xi(tau)

with <xi(tau) xi(tau')> = delta(tau - tau').  The noise term is the Johnson noise of the
shunt: <I_N(t) I_N(t')> = (2 k_B T / R) delta(t - t') becomes, in these units, a white noise
of intensity 2 Gamma with Gamma = 2 e k_B T / (hbar I_c) = ``noise``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import xarray as xr

from .. import _validate
from .._provenance import provenance
from ..errors import ConvergenceError, ParameterError
from . import _kernels
from .cpr import CurrentPhaseRelation, as_cpr

__all__ = [
    "RCSJ",
    "Langevin",
    "PeriodAverage",
    "iv_curve",
    "retrapping_current",
    "simulate",
    "switching_current",
]

SWEEPS = ("up", "down", "up-down")
#: Default voltage threshold separating the running state from the (phase-diffusing)
#: superconducting state in :func:`switching_current` and :func:`retrapping_current`.
RUNNING_THRESHOLD = 1e-3


# --------------------------------------------------------------------------- model
def _finite_nonneg(name, value):
    return _validate.array(
        name, value, low=0.0, allowed="a finite number >= 0 (or a 1-D array of them)"
    )


@dataclass(frozen=True, kw_only=True)
class RCSJ:
    """Physical parameters of a current-biased RCSJ junction (dimensionless).

    Parameters
    ----------
    beta_c : float
        Stewart-McCumber parameter 2 e I_c R^2 C / hbar (0: overdamped RSJ).
    noise : float
        Gamma = 2 e k_B T / (hbar I_c) = k_B T / E_J, the dimensionless temperature.
    cpr : CurrentPhaseRelation, optional
        Current-phase relation; sinusoidal by default.
    """

    beta_c: float
    noise: float = 0.0
    cpr: CurrentPhaseRelation | None = None

    def __post_init__(self):
        for name in ("beta_c", "noise"):
            value = getattr(self, name)
            try:
                ok = math.isfinite(float(value)) and float(value) >= 0
            except (TypeError, ValueError):
                ok = False
            if not ok:
                label = "noise (the dimensionless temperature)" if name == "noise" else name
                raise ParameterError(name, value, f"{label} must be a finite number >= 0")
            object.__setattr__(self, name, float(value))
        object.__setattr__(self, "cpr", as_cpr(self.cpr))

    def stiffness(self) -> float:
        """Largest rate |lambda| of the linearised dynamics (sets the stable time step)."""
        m = self.cpr.max_slope()
        if self.beta_c == 0:
            return m
        return (1.0 + math.sqrt(1.0 + 4.0 * self.beta_c * m)) / (2.0 * self.beta_c)

    def describe(self) -> dict:
        return {"beta_c": self.beta_c, "noise": self.noise, "cpr": self.cpr.describe()}


# --------------------------------------------------------------------------- methods
@dataclass(frozen=True, kw_only=True)
class PeriodAverage:
    """Noise-free time average without a finite-window error.

    Adaptive Dormand-Prince 5(4) integration.  At constant bias each point is integrated
    until the state is *provably* periodic or trapped: <v> = 2 pi / T from the period T
    between crossings of the Poincare section phi = 0 (mod 2 pi), once the distance to the
    periodic orbit, |P(u) - u| / (1 - exp(-T/beta_c)), is below ``period_tol``; or <v> = 0
    when the state sits at a stable fixed point within ``trap_tol``.  With a microwave drive
    the average is over ``average_periods`` whole drive periods after
    ``transient_periods``.

    Parameters
    ----------
    tol : float
        Local error tolerance of the integrator (absolute on phi, mixed on phi').
    period_tol : float
        Convergence tolerance of the periodic orbit.
    trap_tol : float
        Tolerance on |phi'| and |i - i_s(phi)| for the trapped state.
    max_time : float
        Longest integration per bias point before giving up (state flagged not converged).
    max_step : float
        Largest step of the integrator.
    """

    tol: float = 1e-10
    period_tol: float = 1e-10
    trap_tol: float = 1e-8
    max_time: float = 1e5
    max_step: float = 5.0
    transient_periods: int = 50
    average_periods: int = 200

    def __post_init__(self):
        for name in ("tol", "period_tol", "trap_tol", "max_time", "max_step"):
            v = getattr(self, name)
            if not (isinstance(v, int | float) and math.isfinite(v) and v > 0):
                raise ParameterError(name, v, "a finite number > 0")
        for name in ("transient_periods", "average_periods"):
            v = getattr(self, name)
            if not (isinstance(v, int) and v >= (0 if name == "transient_periods" else 1)):
                raise ParameterError(name, v, "a whole number of drive periods (>= 1 to average)")


@dataclass(frozen=True, kw_only=True)
class Langevin:
    """Stochastic Heun integration with thermal noise (fixed step).

    Each of ``realizations`` independent chains is swept through the bias grid; at each bias
    it is integrated for ``transient`` and then averaged over ``duration`` (time units
    1/omega_c).  The result is the mean over realisations and its standard error.

    Parameters
    ----------
    dt : float or None
        Time step; None picks 0.01 min(1, beta_c) (0.01 for beta_c = 0).  A step beyond the
        stability limit 1/|lambda_max| of the linearised dynamics is refused.
    transient, duration : float
        Settling and averaging time per bias point.
    realizations : int
        Independent noise realisations (>= 2 for a standard error).
    """

    dt: float | None = None
    transient: float = 200.0
    duration: float = 1000.0
    realizations: int = 8

    def __post_init__(self):
        if self.dt is not None and not (math.isfinite(self.dt) and self.dt > 0):
            raise ParameterError("dt", self.dt, "a finite time step > 0 (or None for automatic)")
        if not (math.isfinite(self.transient) and self.transient >= 0):
            raise ParameterError("transient", self.transient, "a finite time >= 0")
        if not (math.isfinite(self.duration) and self.duration > 0):
            raise ParameterError("duration", self.duration, "a finite time > 0")
        if not (isinstance(self.realizations, int) and self.realizations >= 1):
            raise ParameterError("realizations", self.realizations, "a whole number >= 1")

    def step(self, model: RCSJ) -> float:
        limit = 1.0 / model.stiffness()
        dt = (
            self.dt
            if self.dt is not None
            else 0.01 * (min(1.0, model.beta_c) if model.beta_c > 0 else 1.0)
        )
        if dt > limit:
            raise ParameterError(
                "dt",
                dt,
                f"a time step <= {limit:.4g} (stability limit 1/|lambda_max| at beta_c={model.beta_c:g})",
            )
        return dt


# --------------------------------------------------------------------------- helpers
def _bias_grid(values, name: str = "i_dc") -> tuple[np.ndarray, bool]:
    """Validate a sweep grid called ``name``; return it ascending and whether it was given
    descending."""
    arr = np.atleast_1d(
        _validate.array(name, values, allowed="a non-empty 1-D bias grid of finite numbers")
    )
    if arr.size > 1:
        d = np.diff(arr)
        if np.all(d > 0):
            return arr, False
        if np.all(d < 0):
            return arr[::-1].copy(), True
        raise ParameterError(name, values, "a strictly monotonic bias grid (a sweep)")
    return arr, False


_attrs = _validate.attrs


def _directions(sweep: str) -> tuple[str, ...]:
    if sweep not in SWEEPS:
        raise ParameterError("sweep", sweep, "one of 'up', 'down', 'up-down'")
    return ("up", "down") if sweep == "up-down" else (sweep,)


def _drive_checks(i_ac, omega):
    i_ac, omega = float(i_ac), float(omega)
    if not math.isfinite(i_ac):
        raise ParameterError("i_ac", i_ac, "a finite amplitude")
    if not (math.isfinite(omega) and omega >= 0):
        raise ParameterError("omega", omega, "a finite frequency >= 0 (units of omega_c)")
    if i_ac != 0 and omega == 0:
        raise ParameterError("omega", omega, "a frequency > 0 when i_ac != 0")
    return i_ac, omega


def _initial_states(cpr, beta_c, grid, direction):
    """Start of a sweep: at rest in the well of the first bias (up), on the ohmic line (down)."""
    if direction == "up":
        phi = cpr.equilibrium(float(grid[0]))
        return (0.0 if phi is None else phi), 0.0
    return 0.0, float(grid[-1])


# --------------------------------------------------------------------------- iv_curve
def iv_curve(
    beta_c,
    i_dc,
    *,
    sweep: str = "up",
    cpr: CurrentPhaseRelation | None = None,
    noise=0.0,
    seed=None,
    i_ac: float = 0.0,
    omega: float = 0.0,
    method: PeriodAverage | Langevin | None = None,
) -> xr.Dataset:
    """Time-averaged voltage of a current-biased RCSJ junction along a bias sweep.

    The dynamical state is carried from one bias point to the next, so hysteresis follows
    the history of the sweep: "up" starts at rest in the well of the first bias, "down"
    starts on the ohmic line v = i at the top bias, and "up-down" continues the down branch
    from the final state of the up branch.

    Parameters
    ----------
    beta_c : float or 1-D array
        Stewart-McCumber parameter(s); an array adds a ``beta_c`` dimension and every value is
        integrated in the same compiled batch.
    i_dc : 1-D array
        Strictly monotonic bias grid in units of I_c (stored ascending).
    sweep : {"up", "down", "up-down"}
    cpr : CurrentPhaseRelation, optional
        Current-phase relation (default sinusoidal); currents are in its reference unit.
    noise : float or 1-D array
        Dimensionless temperature Gamma = 2 e k_B T / (hbar I_c) (array: a ``noise``
        dimension).  Any value > 0 selects :class:`Langevin`.
    seed : int, optional
        Seed of the noise (results are reproducible for the same seed and shapes).
    i_ac, omega : float
        Microwave drive i_ac sin(omega tau).
    method : PeriodAverage or Langevin, optional
        Numerical method; by default :class:`PeriodAverage` without noise and
        :class:`Langevin` with noise.

    Returns
    -------
    xarray.Dataset
        ``v`` (units I_c R) over ``([beta_c], [noise], direction, i_dc)``; without noise a
        ``state`` flag (running, trapped, windowed, not converged), with noise ``v_stderr``
        (standard error over realisations).  ``attrs`` hold the provenance.
    """
    grid, _ = _bias_grid(i_dc)
    seed = _validate.seed(seed)
    directions = _directions(sweep)
    betas = _finite_nonneg("beta_c", beta_c)
    noises = _finite_nonneg("noise", noise)
    i_ac, omega = _drive_checks(i_ac, omega)
    cpr = as_cpr(cpr)
    models = [
        RCSJ(beta_c=float(b), noise=float(g), cpr=cpr)
        for b in betas.ravel()
        for g in noises.ravel()
    ]
    noisy = bool(np.any(noises > 0))
    if method is None:
        method = Langevin() if noisy else PeriodAverage()
    if noisy and not isinstance(method, Langevin):
        raise ParameterError("method", method, "a Langevin method when noise > 0")
    if not isinstance(method, PeriodAverage | Langevin):
        raise ParameterError("method", method, "PeriodAverage(...) or Langevin(...)")

    if isinstance(method, PeriodAverage):
        v, extra = _iv_deterministic(models, grid, directions, i_ac, omega, method, cpr)
    else:
        v, extra = _iv_langevin(models, grid, directions, i_ac, omega, method, cpr, seed)

    shape = (betas.size, noises.size, len(directions), grid.size)
    dims = ["beta_c", "noise", "direction", "i_dc"]
    data = {"v": v.reshape(shape)}
    data.update({k: a.reshape(shape) for k, a in extra.items()})
    coords = {
        "beta_c": ("beta_c", betas.ravel(), _attrs("1", "Stewart-McCumber parameter β_c")),
        "noise": ("noise", noises.ravel(), _attrs("1", "noise Γ = 2ek_BT/ħI_c")),
        "direction": ("direction", list(directions), {"long_name": "sweep direction"}),
        "i_dc": ("i_dc", grid, _attrs(cpr.unit, "bias current i_dc")),
    }
    ds = xr.Dataset({k: (dims, a) for k, a in data.items()}, coords=coords)
    ds["v"].attrs = _attrs(f"{cpr.unit}·R", "time-averaged voltage ⟨v⟩")
    if "state" in ds:
        ds["state"].attrs = {
            "long_name": "state of the bias point",
            "flag_values": [0, 1, 2, 3],
            "flag_meanings": "not_converged running trapped windowed_average",
        }
    if "v_stderr" in ds:
        ds["v_stderr"].attrs = _attrs(f"{cpr.unit}·R", "standard error of ⟨v⟩ over realisations")
    squeeze = [d for d, arr in (("beta_c", beta_c), ("noise", noise)) if np.ndim(arr) == 0]
    ds = ds.squeeze(squeeze)
    ds.attrs = provenance(
        computation="josephson.junction.iv_curve",
        model={
            "beta_c": betas,
            "noise": noises,
            "cpr": cpr,
            "i_ac": i_ac,
            "omega": omega,
            "sweep": sweep,
        },
        method=method,
    )
    if "state" in ds and np.any(ds["state"].values == _kernels.NOT_CONVERGED):
        n_bad = int(np.sum(ds["state"].values == _kernels.NOT_CONVERGED))
        import warnings

        warnings.warn(
            f"{n_bad} bias point(s) did not converge within max_time={method.max_time:g}; "
            "see the 'state' variable",
            RuntimeWarning,
            stacklevel=2,
        )
    return ds


#: iv_curve handles these parameters as whole arrays (see josephson.sweep.grid).
iv_curve.grid_axes = ("beta_c", "noise", "i_dc")


def _iv_deterministic(models, grid, directions, i_ac, omega, method, cpr):
    f, cp = cpr.compiled()
    n = len(models)
    beta = np.array([m.beta_c for m in models])
    out_v = np.empty((n, len(directions), grid.size))
    out_s = np.empty((n, len(directions), grid.size), dtype=np.int64)
    phi = np.empty(n)
    u = np.empty(n)
    for d, direction in enumerate(directions):
        seq = grid if direction == "up" else grid[::-1]
        if d == 0:
            for c, m in enumerate(models):
                phi[c], u[c] = _initial_states(cpr, m.beta_c, grid, direction)
        v, st, phi, u = _kernels.iv_sweep(
            f, cp, beta, np.ascontiguousarray(np.broadcast_to(seq, (n, seq.size))),
            np.full(n, i_ac), np.full(n, omega), phi, u,
            method.tol, method.period_tol, method.trap_tol, method.max_time, method.max_step,
            method.transient_periods, method.average_periods,
        )  # fmt: skip
        if direction == "down":
            v, st = v[:, ::-1], st[:, ::-1]
        out_v[:, d] = v
        out_s[:, d] = st
    if np.any(~np.isfinite(out_v)):
        raise ConvergenceError(
            "PeriodAverage (Dormand-Prince 5(4))", "step size underflow", "non-finite voltage"
        )
    return out_v, {"state": out_s}


def _iv_langevin(models, grid, directions, i_ac, omega, method, cpr, seed):
    f, cp = cpr.compiled()
    dts = [method.step(m) for m in models]
    dt = min(dts)
    n_r = method.realizations
    n = len(models) * n_r
    beta = np.repeat([m.beta_c for m in models], n_r)
    noise = np.repeat([m.noise for m in models], n_r)
    n_skip = round(method.transient / dt)
    n_avg = round(method.duration / dt)
    rng = np.random.default_rng(seed)
    phi = np.empty(n)
    u = np.empty(n)
    t = np.zeros(n)
    v = np.empty((n, len(directions), grid.size))
    for d, direction in enumerate(directions):
        seq = grid if direction == "up" else grid[::-1]
        if d == 0:
            for c in range(n):
                phi[c], u[c] = _initial_states(cpr, beta[c], grid, direction)
        for k, i in enumerate(seq):
            dps = np.tile([i, 0.0, i_ac, omega, 0.0], (n, 1))
            normals = rng.standard_normal((n, n_skip + n_avg))
            adv = _kernels.langevin_run(
                f, cp, _kernels.standard_drive, dps, beta, phi, u, t, dt, noise, normals, n_skip
            )
            kk = k if direction == "up" else grid.size - 1 - k
            v[:, d, kk] = adv / (n_avg * dt)
        if not np.all(np.isfinite(phi)):
            raise ConvergenceError(
                "Langevin (stochastic Heun)", f"t={float(np.max(t)):g}", "non-finite phase"
            )
    v = v.reshape(len(models), n_r, len(directions), grid.size)
    mean = v.mean(axis=1)
    err = v.std(axis=1, ddof=1) / np.sqrt(n_r) if n_r > 1 else np.full(mean.shape, np.nan)
    return mean, {"v_stderr": err}


# --------------------------------------------------------------------------- extraction
def _branch(ds: xr.Dataset, direction: str) -> xr.DataArray:
    if "direction" not in ds.dims or direction not in ds["direction"].values:
        raise ParameterError(
            "ds",
            "dataset",
            f"a sweep with a '{direction}' branch (sweep='{direction}' or 'up-down')",
        )
    v = ds["v"].sel(direction=direction)
    if v.ndim != 1:
        raise ParameterError(
            "ds", f"v with dims {v.dims}", "a single sweep (select beta_c/noise first)"
        )
    return v


def switching_current(ds: xr.Dataset, *, threshold: float = RUNNING_THRESHOLD) -> float:
    """First bias of the up branch at which |v| exceeds ``threshold`` (the running state).

    In units of the CPR's reference current; NaN if the junction never switches in the range.
    """
    v = _branch(ds, "up")
    running = np.abs(v.values) > threshold
    if not running.any():
        return math.nan
    return float(v["i_dc"].values[np.argmax(running)])


def retrapping_current(ds: xr.Dataset, *, threshold: float = RUNNING_THRESHOLD) -> float:
    """Last bias of the down branch (going down) at which |v| exceeds ``threshold``.

    The down branch is followed from its top: the result is the lowest bias of the running
    stretch that starts there.  NaN if the top of the branch is not running.
    """
    v = _branch(ds, "down")
    running = np.abs(v.values[::-1]) > threshold
    if not running[0]:
        return math.nan
    stop = np.argmin(running) if not running.all() else running.size
    return float(v["i_dc"].values[::-1][stop - 1])


# --------------------------------------------------------------------------- simulate
def simulate(
    beta_c: float,
    duration: float,
    *,
    i_dc=0.0,
    ramp: float = 0.0,
    i_ac: float = 0.0,
    omega: float = 0.0,
    drive=None,
    drive_params=None,
    cpr: CurrentPhaseRelation | None = None,
    noise: float = 0.0,
    seed=None,
    phi0: float = 0.0,
    v0: float = 0.0,
    samples: int = 1001,
    dt: float | None = None,
    tol: float = 1e-10,
) -> xr.Dataset:
    """Trajectories phi(tau), v(tau) = phi'(tau) of the RCSJ junction under any drive.

    The drive is i(tau) = i_dc + ramp tau + i_ac sin(omega tau) (``i_dc`` may be a 1-D array:
    a batch of trajectories), or a user Numba function ``drive(tau, params) -> i`` with one
    row of ``drive_params`` per trajectory.  Reports the event ``first_slip``: the first time
    |phi - phi0| reaches 2 pi (the junction left its well), NaN if it never does.

    Noise-free runs use adaptive Dormand-Prince (``tol``); with noise, stochastic Heun at step
    ``dt`` (phase slips then located to within one step).
    """
    model = RCSJ(beta_c=beta_c, noise=noise, cpr=cpr)
    duration = _validate.scalar("duration", duration, low=0.0, low_open=True)
    samples = _validate.whole("samples", samples, 2)
    phi0 = _validate.scalar("phi0", phi0)
    v0 = _validate.scalar("v0", v0)
    tol = _validate.scalar("tol", tol, low=0.0, low_open=True)
    seed = _validate.seed(seed)
    if drive is None:
        i0 = np.atleast_1d(_validate.array("i_dc", i_dc))
        i_ac, omega = _drive_checks(i_ac, omega)
        ramp = _validate.scalar("ramp", ramp, allowed="a finite ramp rate (units of I_c ω_c)")
        dps = np.column_stack(
            [
                i0,
                np.full(i0.size, ramp),
                np.full(i0.size, i_ac),
                np.full(i0.size, omega),
                np.zeros(i0.size),
            ]
        )
        drive = _kernels.standard_drive
    else:
        dps = np.atleast_2d(np.asarray(drive_params, dtype=float))
    if noise == 0 and dt is not None:
        raise ParameterError(
            "dt", dt, "None without noise (the adaptive integrator sets its own step; use tol)"
        )
    n = dps.shape[0]
    f, cp = model.cpr.compiled()
    times = np.linspace(0.0, duration, samples)
    beta = np.full(n, model.beta_c)
    if model.noise == 0:
        phis, us, slip, ok = _kernels.trajectory(
            f, cp, drive, dps, beta, np.full(n, float(phi0)), np.full(n, float(v0)), times, tol, 1.0
        )
        if not ok.all():
            raise ConvergenceError("Dormand-Prince 5(4)", "step size underflow")
    else:
        step = Langevin(dt=dt).step(model)
        per = max(1, math.ceil((times[1] - times[0]) / step))
        step = (times[1] - times[0]) / per
        rng = np.random.default_rng(seed)
        phi = np.full(n, float(phi0))
        u = np.full(n, float(v0))
        t = np.zeros(n)
        phis = np.empty((n, samples))
        us = np.empty((n, samples))
        phis[:, 0], us[:, 0] = phi, u
        slip = np.full(n, np.nan)
        noise_arr = np.full(n, model.noise)
        for k in range(1, samples):
            _kernels.langevin_run(
                f,
                cp,
                drive,
                dps,
                beta,
                phi,
                u,
                t,
                step,
                noise_arr,
                rng.standard_normal((n, per)),
                per,
            )
            phis[:, k], us[:, k] = phi, u
            new = np.isnan(slip) & (np.abs(phi - phi0) >= 2 * np.pi)
            slip[new] = t[new]
        if not np.all(np.isfinite(phis)):
            raise ConvergenceError("Langevin (stochastic Heun)", "non-finite phase")
    ds = xr.Dataset(
        {
            "phi": (("trajectory", "tau"), phis, _attrs("rad", "phase φ")),
            "v": (("trajectory", "tau"), us, _attrs("I_c·R", "voltage v = dφ/dτ")),
            "first_slip": ("trajectory", slip, _attrs("1/ω_c", "time of the first 2π phase slip")),
        },
        coords={"tau": ("tau", times, _attrs("1/ω_c", "time τ")), "trajectory": np.arange(n)},
    )
    ds.attrs = provenance(
        computation="josephson.junction.simulate",
        model=model,
        method={
            "integrator": "Dormand-Prince 5(4)" if model.noise == 0 else "stochastic Heun",
            "tol": tol,
            "dt": dt,
        },
    )
    return ds
