"""Shapiro steps of the open-system junction under an ac field (document 004, Sec. IV.5, eq. 76).

The field of eq. 75 couples to the dipole, so it enters the rotation of the coherence and not
the bias current:

    v'   = i_tot − v − i_J,
    i_J' = −i_J − i_S u + 4αv,          u = v + v_f cos(ω_f τ),
    i_S' = −i_S + i_J u,

(the 4αv source keeps the junction voltage alone; :mod:`.dynamics`).  Averaging v over
whole field periods along a slow bias sweep gives the staircase of Fig. 5 (α = 3, ω_f = 20,
v_f = 300) with steps near v = kω_f.

Phase-modulation theory (derived here)
--------------------------------------
With ζ = i_S + i i_J the last two equations are ζ' = −(1 + iu)ζ + 4iαv (eq. 79 with the
field).  Let θ' = u, i.e. θ = φ + a sin ω_f τ with φ' = v and a = v_f/ω_f.  Then ξ = ζ e^{iθ}
obeys ξ' = −ξ + 4iαv e^{iθ}, and on the attractor

    i_J(τ) = Im ζ = 4α ∫_0^∞ ds e^{−s} v(τ − s) cos[θ(τ) − θ(τ − s)]:

the tunnelling current is a retarded response with memory time 1/γ that depends on phase
*differences* only.  There is no free phase (no sin φ0 as in eq. 74 or in the RCSJ model), so
nothing locks the mean voltage to kω_f exactly: every steady state is a T-periodic orbit
(T = 2π/ω_f) whose mean voltage is a smooth function of the bias.  For ω_f ≫ 1 the voltage
ripple is small; with v = v̄, θ(τ) − θ(τ−s) = v̄s + a sin ω_fτ − a sin ω_f(τ−s), and
e^{±ia sin x} = Σ_k J_k(a) e^{±ikx} gives the dc part (the diagonal terms of the double sum)

    ⟨i_J⟩ = 4α v̄ Σ_k J_k(a)² / (1 + (v̄ − kω_f)²),
    i_tot = v̄ [1 + 4α Σ_k J_k(a)² / (1 + (v̄ − kω_f)²)]           (PM)

(:func:`phase_modulation_characteristic`; v_f = 0 gives eq. 48).  It is *not* the
Tien–Gordon sum Σ_k J_k² g(v̄ − kω_f) of the eq. 48 current g(x) = 4αx/(1 + x²): the source
4αv is not modulated, so each sideband is an absorptive Lorentzian of height 4αv̄J_k(a)² and
half-width 1 (= γ) centred on v̄ = kω_f, not a shifted copy of g.

Near v̄ = kω_f + δ the k-th term dominates, i_tot ≈ kω_f + δ + A_k/(1 + δ²) with

    A_k = 4α k ω_f J_k(v_f/ω_f)²                                        (step height)

(:func:`phase_modulation_heights`).  An up-sweep climbs the low-voltage flank of the
Lorentzian — v̄ approaches kω_f from below over a bias range ≈ A_k — and, once
A_k > 8√3/9 ≈ 1.54, jumps off at the local maximum δ₁ ≈ 1/(2A_k), i_tot ≈ kω_f + A_k; a
down-sweep retraps at the local minimum δ₂ ≈ (2A_k)^{1/3}.  So the steps are hysteretic
resonances whose voltage lies within about one damping width (δv ≈ 1, relative 1/(kω_f))
of kω_f, and whose current extent follows J_k(a)² (not |J_k(a)|), grows with k and with ω_f,
and is ω_f-independent in the scaled variables (i_tot/ω_f, v/ω_f).  The k = 0 step is the
low-voltage branch of eq. 48 with α → αJ_0(a)².  A jump can land beyond the next resonance,
so an up-sweep skips steps whose low flank it never visits.  The quasi-static sweeps of (PM)
are the first passage (up) and the last passage (down) of i_tot(v̄)
(:func:`phase_modulation_steps`).

Measured (tests/test_open_shapiro.py): the release currents (tops of the up-sweep steps) of
the integrated eq. 76 agree with (PM) to an absolute 0.013, 0.007, 0.003, ≲ 0.001 at
ω_f = 10, 20, 40, 80 (α = 0.5, a = 1.5, k = 1, heights 6–50) and 0.023, 0.011, 0.005, 0.003
(α = 3, a = 15, k = 1): ≈ 0.13/ω_f and 0.22/ω_f, i.e. ∝ 1/ω_f² relative to the height;
the heights follow A_k to < 0.4 % at ω_f = 40.  The k = 0 release approaches i_c(αJ_0²)
(eq. 50) more slowly at large α (α = 10, a = 1: 0.19, 0.05, 0.017 at ω_f = 40, 80, 160).
At Fig. 5's parameters (α = 3, ω_f = 20, a = 15) the releases of steps 1, 3, 6, 9 agree with
(PM) to ≤ 0.2 (step 5: 0.7), but jumps can overshoot a resonance that the quasi-static sweep
of (PM) would land on (steps 4 and 8 are skipped), and above i_tot ≈ 285 the response is
not periodic (window means scatter by ±3 independently of the step size).

Comparison with the current-driven RCSJ steps (:func:`josephson.junction.shapiro`): there
the voltage is exactly nω on a step (phase locking, any window of whole periods) and the
widths tend to 2|J_n(i_ac/ω)| I_c at large ω — first power of the Bessel function,
independent of n and bounded by the critical current.  Here the field modulates the phase
(a = v_f/ω_f plays the role of i_ac/ω), the step voltage is kω_f only to within γ, and the
current extent is 4αkω_f J_k(a)², unbounded in k and ω_f: the steps are photon-assisted
resonances of the tunnelling current rather than phase-locked supercurrent plateaus.

Numerics: fixed-step RK4 with a whole number of steps per field period (so the averaging
window holds whole periods exactly), h·max|u| <= ``phase_step`` with max|u| estimated as
max|i_tot| + v_f + 1; the period average has error ∝ phase_step⁴ (≈ 1e-5 at the default 0.1
for Fig. 5, 7e-8 … 3e-6 at 0.05).  Chains over v_f (and sweep direction) run in parallel
(:mod:`._shapiro_kernels`).
"""

from __future__ import annotations

import math

import numpy as np
import xarray as xr
from scipy import optimize, special

from .. import _validate
from .._provenance import provenance
from ..errors import ConvergenceError, ParameterError
from . import _shapiro_kernels as _k
from . import analytic

__all__ = [
    "SWEEPS",
    "field_shapiro",
    "field_shapiro_steps",
    "phase_modulation_characteristic",
    "phase_modulation_heights",
    "phase_modulation_steps",
    "plot_field_shapiro",
]

#: Sweep directions of :func:`field_shapiro`.
SWEEPS = ("up", "down", "both")
#: Relaxation time (units 1/γ) covered by the default transient and averaging windows.
TRANSIENT_TIME = 30.0
AVERAGE_TIME = 10.0
#: The sideband weight J_k(a)² is below 1e-30 for |k| > |a| + _BESSEL_TAIL(a).
_attrs = _validate.attrs


def _bessel_orders(a_max: float) -> np.ndarray:
    m = math.ceil(abs(a_max) + 25.0 + 6.0 * abs(a_max) ** (1.0 / 3.0))
    return np.arange(-m, m + 1)


def _alpha(alpha) -> float:
    return _validate.scalar("alpha", alpha, low=0.0, allowed="α = K²/γ² >= 0")


def _omega_f(omega_f) -> float:
    return _validate.scalar(
        "omega_f", omega_f, low=0.0, low_open=True,
        allowed="a field frequency > 0 (units γ; it also sets the averaging period)",
    )  # fmt: skip


def _amplitudes(v_f) -> np.ndarray:
    return _validate.array(
        "v_f", v_f, low=0.0, allowed="field amplitude(s) >= 0 (a number or 1-D; units Ṽ)"
    )


def _orders(orders) -> np.ndarray:
    arr = _validate.array("orders", orders, allowed="whole step indices k >= 0 (a number or 1-D)")
    if np.any(arr != np.round(arr)) or np.any(arr < 0):
        raise ParameterError("orders", orders, "whole step indices k >= 0 (a number or 1-D)")
    return np.atleast_1d(arr).astype(int)


# --------------------------------------------------------------------------- closed forms
def phase_modulation_characteristic(v, alpha, v_f, omega_f):
    """Averaged characteristic (PM) of the module docstring, valid for ω_f ≫ 1:
    i_tot = v [1 + 4α Σ_k J_k(v_f/ω_f)² / (1 + (v − kω_f)²)].  Broadcasts; v_f = 0 is eq. 48.
    """
    v = _validate.array("v", v, ndim=range(0, 8))
    a = _validate.array("alpha", alpha, ndim=range(0, 8), low=0.0, allowed="α = K²/γ² >= 0")
    vf = _validate.array("v_f", v_f, ndim=range(0, 8), low=0.0)
    wf = _validate.array("omega_f", omega_f, ndim=range(0, 8), low=0.0, low_open=True)
    v, a, vf, wf = np.broadcast_arrays(v, a, vf, wf)
    mod = vf / wf
    total = np.zeros(v.shape)
    for k in _bessel_orders(float(np.max(mod, initial=0.0))):
        total += special.jv(k, mod) ** 2 / (1.0 + (v - k * wf) ** 2)
    return v * (1.0 + 4.0 * a * total)


def phase_modulation_heights(alpha, v_f, omega_f, k):
    """Step heights A_k = 4αkω_f J_k(v_f/ω_f)²: at large ω_f the excess current at the top
    of step k (release current − kω_f on an up-sweep, when A_k ≫ 1).  Broadcasts."""
    a = _validate.array("alpha", alpha, ndim=range(0, 8), low=0.0, allowed="α = K²/γ² >= 0")
    vf = _validate.array("v_f", v_f, ndim=range(0, 8), low=0.0)
    wf = _validate.array("omega_f", omega_f, ndim=range(0, 8), low=0.0, low_open=True)
    kk = _validate.array("k", k, ndim=range(0, 8))
    return 4.0 * a * kk * wf * special.jv(kk, vf / wf) ** 2


def _passage(i: np.ndarray, direction: str) -> np.ndarray:
    """Voltages a quasi-static sweep visits: first passage (up), last passage (down)."""
    if direction == "up":
        return i >= np.maximum.accumulate(i)
    return i <= np.minimum.accumulate(i[::-1])[::-1]


def phase_modulation_steps(
    alpha: float,
    v_f,
    omega_f: float,
    orders,
    *,
    tol: float = 1.0,
    sweep: str = "up",
    v_max: float | None = None,
    dv: float = 1e-3,
) -> xr.Dataset:
    """Step extents predicted by the averaged characteristic (PM), with the criterion of
    :func:`field_shapiro_steps`: the bias range over which a quasi-static sweep of (PM) has
    |v − kω_f| <= ``tol``.

    The up-sweep visits the voltages where i_tot(v) equals its running maximum from v = 0
    (first passage); the down-sweep those where it equals its running minimum from ``v_max``
    (default (max k + 2)ω_f + 10).  Edges inside the window are refined by a bounded search
    (a release at the local maximum) or evaluated exactly (window ends); a jump that lands
    inside the window gives the jump current.  The k = 0 step is symmetric (lower = −upper).

    Returns
    -------
    xarray.Dataset
        ``width``, ``lower``, ``upper`` and ``height`` (upper − kω_f) over ``(v_f, k)``;
        zero width and NaN edges where the sweep never enters the window.
    """
    a = _alpha(alpha)
    amps = np.atleast_1d(_amplitudes(v_f))
    wf = _omega_f(omega_f)
    ks = _orders(orders)
    tol = _validate.scalar("tol", tol, low=0.0, low_open=True, allowed="a voltage > 0 (Ṽ)")
    _validate.choice("sweep", sweep, ("up", "down"))
    top = (int(ks.max()) + 2) * wf + 10.0 if v_max is None else v_max
    top = _validate.scalar("v_max", top, low=0.0, low_open=True)
    dv = _validate.scalar("dv", dv, low=0.0, low_open=True)
    grid = np.arange(0.0, top + dv, dv)
    shape = (amps.size, ks.size)
    lower, upper = np.full(shape, np.nan), np.full(shape, np.nan)
    for r, vf in enumerate(amps):
        cur = phase_modulation_characteristic(grid, a, vf, wf)

        def f(x, vf=vf):
            return float(phase_modulation_characteristic(x, a, vf, wf))

        seen = _passage(cur, sweep)
        for j, k in enumerate(ks):
            lo_v, hi_v = max(k * wf - tol, 0.0), k * wf + tol
            on = seen & (grid >= lo_v) & (grid <= hi_v)
            if not on.any():
                continue
            idx = np.flatnonzero(on)
            first, last = idx[0], idx[-1]
            # lower edge: window start, or where a jump lands
            if first == 0 or grid[first - 1] < lo_v:
                lo_i = f(lo_v)
            else:
                lo_i = cur[first]
            if grid[last] + dv > hi_v:
                hi_i = f(hi_v)
            elif sweep == "up":  # release at a local maximum: refine
                res = optimize.minimize_scalar(
                    lambda x: -f(x), bounds=(grid[max(last - 2, 0)], grid[last] + 2 * dv),
                    method="bounded", options={"xatol": 1e-12},
                )  # fmt: skip
                hi_i = max(-res.fun, cur[last])
            else:
                hi_i = cur[last]  # a landing from above
            if sweep == "down" and first > 0 and grid[first - 1] >= lo_v:
                res = optimize.minimize_scalar(
                    f, bounds=(grid[first] - 2 * dv, grid[min(first + 2, grid.size - 1)]),
                    method="bounded", options={"xatol": 1e-12},
                )  # fmt: skip
                lo_i = min(res.fun, cur[first])
            if k == 0:
                lo_i = -hi_i
            lower[r, j], upper[r, j] = lo_i, hi_i
    width = np.where(np.isfinite(upper), upper - lower, 0.0)
    ds = xr.Dataset(
        {
            "width": (("v_f", "k"), width, _attrs("Ĩ", "full width of step k (eq. PM)")),
            "lower": (("v_f", "k"), lower, _attrs("Ĩ", "lower edge of step k")),
            "upper": (("v_f", "k"), upper, _attrs("Ĩ", "upper edge of step k")),
            "height": (
                ("v_f", "k"),
                upper - ks[None, :] * wf,
                _attrs("Ĩ", "excess current at the top of step k, upper − kω_f"),
            ),
        },
        coords={
            "v_f": ("v_f", amps, _attrs("Ṽ", "field amplitude v_f")),
            "k": ("k", ks, {"long_name": "step index k (v = kω_f)"}),
            "omega_f": ((), wf, _attrs("γ", "field frequency ω_f")),
            "alpha": ((), a, _attrs("1", "α = K²/γ²")),
        },
    )
    ds.attrs = provenance(
        computation="josephson.open_system.phase_modulation_steps",
        model={"alpha": a, "omega_f": wf},
        method={"closed form": "averaged characteristic (PM), quasi-static sweep",
                "sweep": sweep, "tol": tol, "dv": dv, "v_max": top},
    )  # fmt: skip
    ds.attrs["step_criterion"] = f"|v - k omega_f| <= {tol:g}"
    return ds


# --------------------------------------------------------------------------- simulation
def _bias(i_tot) -> np.ndarray:
    grid = np.atleast_1d(
        _validate.array("i_tot", i_tot, allowed="a strictly increasing 1-D bias grid")
    )
    if grid.size > 1 and not np.all(np.diff(grid) > 0):
        raise ParameterError(
            "i_tot", i_tot, "a strictly increasing 1-D bias grid (sweep sets the direction)"
        )
    return grid


def _periods(name, value, default_time, omega_f, minimum) -> int:
    if value is None:
        return max(minimum, math.ceil(default_time * omega_f / (2.0 * math.pi)))
    return _validate.whole(name, value, minimum)


def field_shapiro(
    alpha: float,
    i_tot,
    v_f,
    omega_f: float,
    *,
    transient_periods: int | None = None,
    average_periods: int | None = None,
    sweep: str = "up",
    phase_step: float = 0.1,
) -> xr.Dataset:
    """Time-averaged voltage of the field-driven junction (eq. 76) along adiabatic bias sweeps.

    Each v_f value is a chain that sweeps the bias grid (upwards, downwards or both), carrying
    the state from one bias point to the next as an experiment does (the model is hysteretic
    for α > 2 and on every step with A_k > 1.54).  The up-sweep starts at the lowest-voltage
    fixed point of eq. 48 at the first bias, the down-sweep at the highest at the last.  At
    each point the junction is driven for ``transient_periods`` whole field periods, then v
    is averaged over ``average_periods`` whole periods.

    Parameters
    ----------
    alpha : float
        α = K²/γ² >= 0.
    i_tot : 1-D array
        Strictly increasing bias grid (units Ĩ).
    v_f : float or 1-D array
        Field amplitude(s) >= 0 (units Ṽ); an array gives the step-width map.
    omega_f : float
        Field frequency > 0 (units γ).
    transient_periods, average_periods : int, optional
        Default: the whole periods covering τ = 30 and τ = 10 (at least 1 and 2).
    sweep : {"up", "down", "both"}
        "both" adds a ``sweep`` dimension ("up", "down").
    phase_step : float
        RK4 accuracy: steps per period chosen so that h (max|i_tot| + v_f + 2√α + 1) <= phase_step
        (error of ⟨v⟩ ∝ phase_step⁴, about 1e-5 at 0.1).

    Returns
    -------
    xarray.Dataset
        ``v`` (the window average), ``v_spread`` (⟨v⟩ over the second half of the window
        minus the first half: 0 on a converged periodic orbit) and ``residual`` (change of
        the state over the last period) over ``([sweep], v_f, i_tot)``; ``v_f`` is squeezed
        when given as a number.  Scalar coordinates ``alpha`` and ``omega_f``.
    """
    a = _alpha(alpha)
    grid = _bias(i_tot)
    amps = np.atleast_1d(_amplitudes(v_f))
    wf = _omega_f(omega_f)
    _validate.choice("sweep", sweep, SWEEPS)
    n_tr = _periods("transient_periods", transient_periods, TRANSIENT_TIME, wf, 0)
    n_av = _periods("average_periods", average_periods, AVERAGE_TIME, wf, 1)
    if transient_periods is None:
        n_tr = max(n_tr, 1)
    if average_periods is None:
        n_av = max(n_av, 2)
    step = _validate.scalar("phase_step", phase_step, low=0.0, high=1.0, low_open=True,
                            allowed="a rotation per RK4 step in (0, 1] rad")  # fmt: skip
    directions = ("up", "down") if sweep == "both" else (sweep,)
    period = 2.0 * math.pi / wf
    # fastest rotation: the drive |v| + v_f, and the tunnelling frequency sqrt(v² + 4α)
    u_max = float(np.max(np.abs(grid))) + amps + 2.0 * math.sqrt(a) + 1.0
    steps = np.maximum(8, np.ceil(period * u_max / step)).astype(np.int64)

    chains_bias, chains_vf, chains_steps, chains_y0 = [], [], [], []
    for d in directions:
        seq = grid if d == "up" else grid[::-1]
        roots = analytic.fixed_points(float(seq[0]), a)
        v0 = roots[0] if d == "up" else roots[-1]
        y0 = np.array([float(x) for x in analytic.fixed_point(v0, a)])
        for vf, n in zip(amps, steps, strict=True):
            chains_bias.append(seq)
            chains_vf.append(vf)
            chains_steps.append(n)
            chains_y0.append(y0)
    v, spread, resid, _ = _k.sweep_average(
        a, np.ascontiguousarray(np.array(chains_bias)), np.array(chains_vf, dtype=float), wf,
        np.array(chains_steps, dtype=np.int64), np.array(chains_y0), n_tr, n_av,
    )  # fmt: skip
    if not np.all(np.isfinite(v)):
        raise ConvergenceError("RK4", "a non-finite state", "raise the step count (phase_step)")
    shape = (len(directions), amps.size, grid.size)
    out = {}
    for name, arr in (("v", v), ("v_spread", spread), ("residual", resid)):
        arr = arr.reshape(shape).copy()
        for j, d in enumerate(directions):
            if d == "down":
                arr[j] = arr[j][:, ::-1]
        out[name] = arr
    dims = ("sweep", "v_f", "i_tot")
    ds = xr.Dataset(
        {
            "v": (dims, out["v"], _attrs("Ṽ = ħ/2eRC", "time-averaged voltage ⟨v⟩")),
            "v_spread": (
                dims,
                out["v_spread"],
                _attrs("Ṽ", "⟨v⟩ second half − first half of the window"),
            ),
            "residual": (
                dims,
                out["residual"],
                _attrs("1", "max |y(τ_end) − y(τ_end − T)| over (v, i_J, i_S)"),
            ),
        },
        coords={
            "sweep": ("sweep", list(directions), {"long_name": "bias sweep direction"}),
            "v_f": ("v_f", amps, _attrs("Ṽ", "field amplitude v_f")),
            "i_tot": ("i_tot", grid, _attrs("Ĩ = Ṽ/R", "bias current i_tot")),
            "omega_f": ((), wf, _attrs("γ", "field frequency ω_f")),
            "alpha": ((), a, _attrs("1", "α = K²/γ²")),
        },
    )
    if sweep != "both":
        ds = ds.squeeze("sweep")
    if np.ndim(v_f) == 0:
        ds = ds.squeeze("v_f")
    ds.attrs = provenance(
        computation="josephson.open_system.field_shapiro",
        model={"alpha": a, "omega_f": wf, "equation": "004 eq. 76"},
        method={"integrator": "RK4, whole steps per field period", "phase_step": step,
                "steps_per_period": steps, "transient_periods": n_tr,
                "average_periods": n_av, "sweep": sweep},
    )  # fmt: skip
    return ds


# --------------------------------------------------------------------------- steps
def field_shapiro_steps(ds: xr.Dataset, *, tol: float = 1.0, orders=None) -> xr.Dataset:
    """Extent of every step of a :func:`field_shapiro` dataset.

    A bias point belongs to step k when |⟨v⟩ − kω_f| <= ``tol`` (units Ṽ; the default 1 is
    the half-width γ of the resonance, see the module docstring: the steps are not exactly
    flat, so the extent depends on the window).  The step spans from half a grid step below
    its lowest point to half a grid step above its highest.  A step that reaches the top of
    the grid (or, for k != 0, the bottom) is incomplete and gets NaN width; the k = 0 step
    of a grid starting at i_tot >= 0 is taken symmetric (lower = −upper; eq. 76 is odd
    under v, i_tot -> −v, −i_tot with a half-period shift).

    Returns
    -------
    xarray.Dataset
        ``width``, ``lower``, ``upper`` and ``height`` (upper − kω_f, the excess current at
        the top of the step; NaN when the grid ends on the step) over ``([sweep], [v_f], k)``.
    """
    if "v" not in ds or "i_tot" not in ds["v"].dims or "omega_f" not in ds.coords:
        raise ParameterError("ds", "dataset", "a field_shapiro() dataset")
    tol = _validate.scalar("tol", tol, low=0.0, low_open=True, allowed="a voltage > 0 (Ṽ)")
    wf = float(ds["omega_f"])
    v = ds["v"].transpose(..., "i_tot")
    lead = v.dims[:-1]
    vals = v.values.reshape(-1, v.shape[-1])
    grid = ds["i_tot"].values
    dstep = float(np.min(np.diff(grid))) if grid.size > 1 else 0.0
    if orders is None:
        finite = vals[np.isfinite(vals)] / wf
        hi = max(0, round(float(finite.max()))) if finite.size else 0
        orders = np.arange(0, hi + 1)
    ks = _orders(orders)
    lower = np.full((vals.shape[0], ks.size), np.nan)
    upper = np.full_like(lower, np.nan)
    height = np.full_like(lower, np.nan)
    width = np.zeros_like(lower)
    for j, k in enumerate(ks):
        on = np.abs(vals - k * wf) <= tol
        has = on.any(axis=-1)
        first = np.argmax(on, axis=-1)
        last = grid.size - 1 - np.argmax(on[:, ::-1], axis=-1)
        lo = grid[first] - 0.5 * dstep
        hi = grid[last] + 0.5 * dstep
        w = hi - lo
        top = has & (last == grid.size - 1)
        bottom = has & (first == 0)
        if k == 0 and grid[0] >= 0:
            w = np.where(bottom, 2.0 * hi, w)
            lo = np.where(bottom, -hi, lo)
            bottom = np.zeros_like(bottom)
        width[:, j] = np.where(has, np.where(top | bottom, np.nan, w), 0.0)
        lower[:, j] = np.where(has, lo, np.nan)
        upper[:, j] = np.where(has, hi, np.nan)
        height[:, j] = np.where(has & ~top, hi - k * wf, np.nan)
    shape = (*v.shape[:-1], ks.size)
    dims = (*lead, "k")
    unit = "Ĩ = Ṽ/R"
    out = xr.Dataset(
        {
            "width": (dims, width.reshape(shape), _attrs(unit, "full width of step k")),
            "lower": (dims, lower.reshape(shape), _attrs(unit, "lower edge of step k")),
            "upper": (dims, upper.reshape(shape), _attrs(unit, "upper edge of step k")),
            "height": (
                dims,
                height.reshape(shape),
                _attrs(unit, "excess current at the top of step k, upper − kω_f"),
            ),
        },
        coords={
            **{d: ds[d] for d in lead},
            "k": ("k", ks, {"long_name": "step index k (v = kω_f)"}),
            "omega_f": ds["omega_f"],
            "alpha": ds["alpha"],
            **({"v_f": ds["v_f"]} if "v_f" not in lead else {}),
        },
    )
    out.attrs = dict(ds.attrs)
    out.attrs["step_criterion"] = f"|v - k omega_f| <= {tol:g}"
    out.attrs["grid_step"] = dstep
    return out


# --------------------------------------------------------------------------- plot
def plot_field_shapiro(ds: xr.Dataset, steps: xr.Dataset | None = None, axes=None):
    """Fig. 5 and the step map: (a) the staircase ⟨v⟩/ω_f against i_tot with grey lines at
    v = kω_f (every v_f and sweep of ``ds``); (b) the step extents of ``steps`` (default
    :func:`field_shapiro_steps` of ``ds``, up-sweep): the width over (v_f, k) as a map when
    v_f is an axis, else widths against k, with the height law 4αkω_f J_k(v_f/ω_f)² dashed.
    """
    if "v" not in ds or "omega_f" not in ds.coords:
        raise ParameterError("ds", "dataset", "a field_shapiro() dataset")
    if steps is None:
        steps = field_shapiro_steps(ds)
    if axes is None:
        import matplotlib.pyplot as plt

        _, axes = plt.subplots(1, 2, figsize=(13, 4.8))
    ax1, ax2 = axes
    wf, a = float(ds["omega_f"]), float(ds["alpha"])
    v = ds["v"].transpose(..., "i_tot")
    leads = list(v.dims[:-1])
    lines = v.values.reshape(-1, v.sizes["i_tot"]) / wf
    grid = ds["i_tot"].values
    finite = lines[np.isfinite(lines)]
    lo, hi = (math.floor(finite.min()), math.ceil(finite.max())) if finite.size else (0, 1)
    for kk in range(min(lo, 0), hi + 1):
        ax1.axhline(kk, color="0.75", lw=0.8, zorder=0)
    index = list(np.ndindex(*[v.sizes[c] for c in leads])) if leads else [()]
    for line, idx in zip(lines, index, strict=True):
        text = ", ".join(f"{c} = {v[c].values[i]}" for c, i in zip(leads, idx, strict=True))
        ax1.plot(grid, line, ".-", ms=2, lw=0.8, label=text or None)
    vf_text = f"v_f = {float(ds['v_f']):g}" if ds["v_f"].ndim == 0 else "v_f varied"
    ax1.set_xlabel("bias current i_tot [Ĩ]")
    ax1.set_ylabel("⟨v⟩ / ω_f")
    ax1.set_title(f"Shapiro staircase (eq. 76), α = {a:g}, ω_f = {wf:g}, {vf_text}")
    if leads:
        ax1.legend(frameon=False, fontsize="small")
    if "sweep" in steps.dims:
        steps = steps.sel(sweep="up")
    ks = steps["k"].values
    criterion = steps.attrs.get("step_criterion", "")
    if "v_f" in steps["width"].dims and steps.sizes["v_f"] > 1:
        vf = steps["v_f"].values
        mesh = ax2.pcolormesh(
            vf, ks, steps["width"].transpose("k", "v_f").values, shading="nearest"
        )
        ax2.figure.colorbar(mesh, ax=ax2, label="step width [Ĩ]")
        ax2.set_xlabel("field amplitude v_f [Ṽ]")
        ax2.set_ylabel("step index k")
        ax2.set_yticks(ks)
        ax2.set_title(f"step widths, up-sweep ({criterion})")
    else:
        vf = float(np.ravel(steps["v_f"].values)[0])
        ax2.bar(ks, np.ravel(steps["width"].values), color="C0", alpha=0.6,
                label=f"width ({criterion})")  # fmt: skip
        ax2.plot(ks, np.ravel(steps["height"].values), "o", color="C3",
                 label="height = upper − kω_f")  # fmt: skip
        law = phase_modulation_heights(a, vf, wf, ks)
        ax2.plot(ks, law, "k_", ms=14, mew=2, label="law 4αkω_f J_k(v_f/ω_f)²")
        ax2.set_xlabel("step index k")
        ax2.set_ylabel("current [Ĩ]")
        ax2.set_title(f"steps of the up-sweep, v_f = {vf:g}")
        ax2.legend(frameon=False, fontsize="small")
    for ax in (ax1, ax2):
        ax.grid(alpha=0.3)
    return ax1, ax2
