"""Time integration of the dimensionless engine equations (document 004, eqs. 45 and 76).

    v'   = i_tot(τ) − v − i_J
    i_J' = −i_J − (i_S − 4α) u(τ) ... with u = v + v_f cos(ω_f τ) in the i_S term only
    i_S' = −i_S + i_J u(τ)

Without a field (v_f = 0) u = v and this is eq. 45; with the dipole field of eq. 75 the
voltage that rotates the coherence is v + v_f cos(ω_f τ) (eq. 76), while the 4αv term keeps
the junction voltage alone.  Any time-dependent bias i_tot(τ) is allowed.

Methods are those of :func:`scipy.integrate.solve_ivp` — the stiff ``"LSODA"``, ``"BDF"``,
``"Radau"`` (with the analytic Jacobian) and the explicit ``"RK45"``, ``"DOP853"`` — with
the tolerances in an :class:`Integrator` object.  A failed integration (step size underflow,
a non-finite state) raises :class:`~josephson.errors.ConvergenceError` naming the method and
the time reached.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import xarray as xr
from scipy.integrate import solve_ivp

from .. import _validate
from .._provenance import provenance
from ..errors import ConvergenceError, ParameterError
from . import analytic

__all__ = ["METHODS", "Integrator", "hysteresis", "integrate", "rhs", "stationary_characteristic"]

#: Integrators offered (names of :func:`scipy.integrate.solve_ivp` methods).
METHODS = ("LSODA", "BDF", "Radau", "RK45", "DOP853")
_attrs = _validate.attrs


@dataclass(frozen=True, kw_only=True)
class Integrator:
    """Numerical settings of :func:`integrate` (physics lives in the arguments).

    method : one of :data:`METHODS`
    rtol, atol : relative and absolute tolerances (> 0)
    max_step : largest step in τ (> 0; ``inf`` lets the method choose)
    """

    method: str = "DOP853"
    rtol: float = 1e-10
    atol: float = 1e-12
    max_step: float = math.inf

    def __post_init__(self):
        _validate.choice("method", self.method, METHODS)
        _validate.scalar("rtol", self.rtol, low=0.0, low_open=True)
        _validate.scalar("atol", self.atol, low=0.0, low_open=True)
        if not (isinstance(self.max_step, int | float) and self.max_step > 0):
            raise ParameterError("max_step", self.max_step, "a step > 0 (inf: no limit)")


def rhs(tau, y, alpha, i_tot, v_f=0.0, omega_f=0.0):
    """Right-hand side of eq. 45 / eq. 76 at time τ for the state y = (v, i_J, i_S)."""
    v, ij, i_s = y
    u = v + v_f * math.cos(omega_f * tau) if v_f else v
    return np.array([i_tot(tau) - v - ij, -ij - i_s * u + 4.0 * alpha * v, -i_s + ij * u])


def _jac(tau, y, alpha, _i_tot, v_f, omega_f):
    v, ij, i_s = y
    u = v + v_f * math.cos(omega_f * tau) if v_f else v
    return np.array([[-1.0, -1.0, 0.0], [4.0 * alpha - i_s, -1.0, -u], [ij, u, -1.0]])


def _bias(i_tot) -> tuple[Callable[[float], float], float | None]:
    if callable(i_tot):
        return i_tot, None
    i0 = _validate.scalar("i_tot", i_tot, allowed="a finite number or a function i_tot(tau)")
    return (lambda tau: i0), i0


def _initial(initial, i_const, alpha) -> np.ndarray:
    if initial is None:
        if i_const is None:
            return np.zeros(3)
        roots = analytic.fixed_points(i_const, alpha)
        v0 = roots[np.argmin(np.abs(roots))]  # the low-voltage (Josephson) branch
        return np.array([float(x) for x in analytic.fixed_point(v0, alpha)])
    y0 = _validate.array("initial", initial, ndim=(1,), allowed="(v, i_J, i_S), finite numbers")
    if y0.shape != (3,):
        raise ParameterError("initial", initial, "three finite numbers (v, i_J, i_S)")
    return y0


def _solve(alpha, bias, y0, t0, t1, t_eval, integ, v_f, omega_f):
    kwargs = dict(rtol=integ.rtol, atol=integ.atol, max_step=integ.max_step)
    if integ.method in ("BDF", "Radau", "LSODA"):
        kwargs["jac"] = _jac
    with np.errstate(over="ignore", invalid="ignore"):
        sol = solve_ivp(
            rhs, (t0, t1), y0, method=integ.method, t_eval=t_eval,
            args=(alpha, bias, v_f, omega_f), **kwargs,
        )  # fmt: skip
    times = np.asarray(sol.t, dtype=float)
    if sol.status < 0:
        reached = float(times[-1]) if times.size else t0
        raise ConvergenceError(integ.method, f"tau = {reached:.6g}", sol.message)
    if not np.all(np.isfinite(sol.y)):
        bad = int(np.argmax(~np.all(np.isfinite(sol.y), axis=0)))
        raise ConvergenceError(integ.method, f"tau = {sol.t[bad]:.6g}", "non-finite state")
    return sol


def _dataset(alpha, tau, y, bias, v_f, omega_f) -> xr.Dataset:
    i_tot = np.array([bias(t) for t in tau])
    cap = i_tot - y[0] - y[1]  # dv/dτ from the first equation
    return xr.Dataset(
        {
            "v": ("tau", y[0], _attrs("Ṽ = ħ/2eRC", "voltage v")),
            "i_j": ("tau", y[1], _attrs("Ĩ = Ṽ/R", "Josephson (tunnelling) current i_J")),
            "i_s": ("tau", y[2], _attrs("Ĩ = Ṽ/R", "in-phase current i_S = 4eK Re z / Ĩ")),
            "i_tot": ("tau", i_tot, _attrs("Ĩ = Ṽ/R", "bias current i_tot")),
            "i_res": ("tau", y[0].copy(), _attrs("Ĩ = Ṽ/R", "resistive current i_res = v")),
            "i_cap": ("tau", cap, _attrs("Ĩ = Ṽ/R", "capacitive current i_cap = dv/dτ")),
        },
        coords={"tau": ("tau", tau, _attrs("1/γ = RC", "time τ = γt"))},
    )


def integrate(
    alpha: float,
    i_tot,
    duration: float,
    *,
    initial=None,
    v_f: float = 0.0,
    omega_f: float = 0.0,
    samples: int = 2001,
    integrator: Integrator | None = None,
) -> xr.Dataset:
    """Integrate the engine equations (eq. 45; eq. 76 with a field) for τ in [0, duration].

    Parameters
    ----------
    alpha : float
        α = K²/γ² >= 0.
    i_tot : float or callable
        Bias current (units Ĩ), constant or a function of τ.
    duration : float
        Length of the run in τ = γt (> 0).
    initial : (v, i_J, i_S), optional
        Start; default the fixed point on the low-voltage branch for a constant bias, else 0.
    v_f, omega_f : float
        Field amplitude (units Ṽ) and frequency (units γ) of eq. 76 (v_f = 0: no field).
    samples : int
        Number of equally spaced output times (>= 2).
    integrator : Integrator
        Method and tolerances (default DOP853 at rtol 1e-10, atol 1e-12).

    Returns
    -------
    xarray.Dataset
        ``v``, ``i_j``, ``i_s``, ``i_tot``, ``i_res`` = v, ``i_cap`` = dv/dτ over ``tau``, with
        i_J + i_res + i_cap = i_tot at every output time.
    """
    a = float(_validate.scalar("alpha", alpha, low=0.0, allowed="α = K²/γ² >= 0"))
    bias, i_const = _bias(i_tot)
    t1 = _validate.scalar("duration", duration, low=0.0, low_open=True)
    n = _validate.whole("samples", samples, 2)
    v_f = _validate.scalar("v_f", v_f)
    omega_f = _validate.scalar("omega_f", omega_f, low=0.0)
    if v_f and omega_f == 0:
        raise ParameterError("omega_f", omega_f, "a frequency > 0 when v_f != 0")
    integ = Integrator() if integrator is None else integrator
    if not isinstance(integ, Integrator):
        raise ParameterError("integrator", integ, "an Integrator(...)")
    y0 = _initial(initial, i_const, a)
    tau = np.linspace(0.0, t1, n)
    sol = _solve(a, bias, y0, 0.0, t1, tau, integ, v_f, omega_f)
    ds = _dataset(a, sol.t, sol.y, bias, v_f, omega_f)
    ds.attrs = provenance(
        computation="josephson.open_system.integrate",
        model={"alpha": a, "i_tot": i_const if i_const is not None else "function of tau",
               "v_f": v_f, "omega_f": omega_f, "initial": y0},
        method=integ,
    )  # fmt: skip
    return ds


def hysteresis(
    alpha: float,
    *,
    rate: float = 0.01,
    i_max: float | None = None,
    samples_per_unit: float = 20.0,
    integrator: Integrator | None = None,
) -> xr.Dataset:
    """Ramped hysteresis loop of document 004, Fig. 3: i_tot rises from 0 at ``rate`` to
    ``i_max`` (default 1.5 i_c) and falls back to 0 at the same rate, starting at rest.

    Returns the :func:`integrate` variables over ``tau`` plus ``leg`` ("up"/"down") and the
    jump currents ``jump_up`` and ``jump_down``: i_tot where the capacitive current i_cap is
    largest in magnitude on each leg (the switching and retrapping events; NaN when α <= 2 or
    the ramp stops below i_c, where nothing jumps), next to the
    stationary ``i_c`` and ``i_r`` (eqs. 50–51).  The ramp delays each bifurcation, so
    jump_up >= i_c and jump_down <= i_r, with overshoots that vanish as rate -> 0.
    """
    a = float(_validate.scalar("alpha", alpha, low=0.0, allowed="α = K²/γ² >= 0"))
    r = _validate.scalar("rate", rate, low=0.0, low_open=True, allowed="a ramp rate > 0")
    ic = float(analytic.critical_current(a))
    top = 1.5 * ic if i_max is None else _validate.scalar("i_max", i_max, low=0.0, low_open=True)
    dens = _validate.scalar("samples_per_unit", samples_per_unit, low=0.0, low_open=True)
    integ = Integrator() if integrator is None else integrator
    if not isinstance(integ, Integrator):
        raise ParameterError("integrator", integ, "an Integrator(...)")
    t_top = top / r
    n = max(2, math.ceil(t_top * dens) + 1)
    legs = []
    y0 = np.zeros(3)
    for name, bias, t0 in (
        ("up", lambda tau: r * tau, 0.0),
        ("down", lambda tau: top - r * (tau - t_top), t_top),
    ):
        tau = np.linspace(t0, t0 + t_top, n)
        sol = _solve(a, bias, y0, t0, t0 + t_top, tau, integ, 0.0, 0.0)
        y0 = sol.y[:, -1]
        leg = _dataset(a, sol.t, sol.y, bias, 0.0, 0.0)
        legs.append(leg.assign(leg=("tau", np.full(sol.t.size, name))))
    legs[1] = legs[1].isel(tau=slice(1, None))  # the turning point is in both legs
    ds = xr.concat(legs, dim="tau")
    jumps = {"up": math.nan, "down": math.nan}
    ir = float(analytic.retrapping_current(a))
    if a > analytic.HYSTERESIS_ONSET_ALPHA and top > ic:  # else there is no jump to report
        for name in ("up", "down"):
            leg = ds.where(ds["leg"] == name, drop=True)
            k = int(np.argmax(np.abs(leg["i_cap"].values)))
            jumps[name] = float(leg["i_tot"].values[k])
    ds = ds.assign(
        jump_up=((), jumps["up"], _attrs("Ĩ", "switching current of the ramp (largest i_cap)")),
        jump_down=((), jumps["down"], _attrs("Ĩ", "retrapping current of the ramp")),
        i_c=((), ic, _attrs("Ĩ", "stationary critical current i_c (eq. 55)")),
        i_r=((), ir, _attrs("Ĩ", "retrapping i_r (eq. 51)")),
    )
    ds.attrs = provenance(
        computation="josephson.open_system.hysteresis",
        model={"alpha": a, "rate": r, "i_max": top},
        method=integ,
    )
    return ds


def stationary_characteristic(alpha: float, v) -> xr.Dataset:
    """The stationary characteristic (eq. 48) on a voltage grid with its stability: bias
    ``i_tot``, slope, the real eigenvalue ``lambda_real`` and the complex pair
    ``lambda_complex`` (eqs. 59–63), ``stable``, and the scalars ``i_c``, ``i_r``."""
    a = float(_validate.scalar("alpha", alpha, low=0.0, allowed="α = K²/γ² >= 0"))
    grid = _validate.array("v", v, ndim=(1,))
    st = analytic.stability(grid, a)
    ds = xr.Dataset(
        {
            "i_tot": ("v", analytic.characteristic(grid, a), _attrs("Ĩ", "bias current i_tot")),
            "slope": ("v", analytic.characteristic_slope(grid, a), _attrs("1", "di_tot/dv")),
            "lambda_real": ("v", st["real"], _attrs("γ", "real eigenvalue λ0")),
            "lambda_complex": ("v", st["complex"], _attrs("γ", "complex eigenvalue κ + iη")),
            "stable": ("v", st["stable"], _attrs("1", "linearly stable")),
            "i_c": ((), float(analytic.critical_current(a)), _attrs("Ĩ", "critical current")),
            "i_r": ((), float(analytic.retrapping_current(a)), _attrs("Ĩ", "retrapping current")),
        },
        coords={"v": ("v", grid, _attrs("Ṽ = ħ/2eRC", "voltage v"))},
    )
    ds.attrs = provenance(
        computation="josephson.open_system.stationary_characteristic",
        model={"alpha": a},
        method={"closed form": "eqs. 48-63"},
    )
    return ds
