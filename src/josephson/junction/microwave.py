"""AC Josephson effect and Shapiro steps.

Two ways to drive a junction with microwaves:

* **Voltage bias** V = V_dc + V_ac cos(omega t) (:func:`voltage_biased`): the phase is
  prescribed, phi(t) = phi0 + v_dc t + a sin(omega t) with a = 2 e V_ac / hbar omega, and the
  supercurrent I_c sin(phi) = I_c sum_k J_k(a) sin(phi0 + (v_dc + k omega) t) has a dc part
  only when v_dc = n omega: I_dc = I_c J_{-n}(a) sin(phi0).  Each step spans
  2 I_c |J_n(a)| as phi0 varies.  With V_ac = 0 the current oscillates at omega_J = v_dc
  (f = 2eV/h): the ac Josephson effect.
* **Current bias** i_dc + i_ac sin(omega tau) through the RCSJ model (:func:`shapiro`): the
  I-V curve shows plateaus at v = n omega whose widths follow Bessel-like lobes in i_ac
  (:func:`shapiro_steps`).  At large omega the overdamped junction approaches the voltage-bias
  law with a = i_ac / omega.

Units are those of :mod:`josephson.junction.rcsj`: currents in I_c (the CPR's reference
current), voltage in I_c R, time in 1/omega_c, so v = n omega on the n-th step.

Methods of :func:`shapiro`:

* ``"riccati"`` (beta_c = 0 with the sinusoidal CPR): exact period maps
  (:mod:`josephson.junction._riccati`); one period of integration per bias point, then the
  transient and averaging periods are iterations of a Moebius map.  Same result as
  integrating every period, some 40 times cheaper, and it also gives exact locking flags;
* ``"integrate"`` (any beta_c, any CPR): adaptive Dormand-Prince through the RCSJ kernel,
  chains over i_ac (and omega) in parallel, the state carried along the i_dc sweep.
"""

from __future__ import annotations

import math

import numpy as np
import xarray as xr
from scipy import special

from .. import _validate
from .._provenance import provenance
from ..errors import ConvergenceError, ParameterError
from . import _kernels, _riccati
from .cpr import CurrentPhaseRelation, Sinusoidal, as_cpr
from .rcsj import _attrs, _bias_grid, _finite_nonneg

__all__ = [
    "exact_step_edges",
    "shapiro",
    "shapiro_steps",
    "voltage_biased",
]

METHODS = ("auto", "riccati", "integrate")


OMEGA_TEXT = "a finite frequency > 0 (units of omega_c)"


def _omega(value):
    return _validate.scalar("omega", value, low=0.0, low_open=True, allowed=OMEGA_TEXT)


def _orders(value):
    arr = _validate.array("orders", value, allowed="whole step indices n (a number or 1-D)")
    if np.any(arr != np.round(arr)):
        raise ParameterError("orders", value, "whole step indices n (a number or 1-D)")
    return np.atleast_1d(arr).astype(int)


def _is_odd(cpr: CurrentPhaseRelation) -> bool:
    """Whether i_s(-phi) = -i_s(phi): then the I-V curve is odd and steps come in +- pairs."""
    phi = np.linspace(0.0, np.pi, 257)
    return bool(np.allclose(cpr.current(-phi), -cpr.current(phi), rtol=0, atol=1e-12))


# --------------------------------------------------------------------------- voltage bias
def voltage_biased(
    v_dc,
    v_ac: float = 0.0,
    omega: float = 1.0,
    *,
    phi0=0.0,
    cpr: CurrentPhaseRelation | None = None,
    periods: int = 1,
    samples_per_period: int | None = None,
) -> xr.Dataset:
    """Supercurrent of a voltage-biased junction, v(tau) = v_dc + v_ac cos(omega tau).

    The phase is prescribed, phi = phi0 + v_dc tau + (v_ac/omega) sin(omega tau), and the
    time average of i_s(phi(tau)) is taken over ``periods`` whole periods 2 pi/omega of the
    drive with the trapezoidal rule.  On a step, v_dc = n omega, the integrand has the drive
    period and the rule is exact once ``samples_per_period`` exceeds the highest harmonic,
    |v_dc|/omega + a plus the Bessel tail (the default picks enough; fewer is refused as
    aliasing).  Off the steps the window catches a remainder of order 1/periods of the
    oscillating current.  With ``v_ac = 0`` (the ac Josephson effect) choose ``omega`` so
    that the window holds whole Josephson periods.

    Parameters
    ----------
    v_dc : float or 1-D array
        DC voltage in I_c R (equal to the Josephson frequency omega_J in omega_c).
    v_ac, omega : float
        Amplitude (I_c R) and frequency (omega_c) of the ac voltage; a = v_ac / omega.
    phi0 : float or 1-D array
        Phase offset.
    cpr : CurrentPhaseRelation, optional
        Sinusoidal by default.

    Returns
    -------
    xarray.Dataset
        ``i_dc`` (time-averaged supercurrent) over ``(v_dc, phi0)``, and the current
        ``i_s(tau)`` over ``(v_dc, phi0, tau)``.
    """
    cpr = as_cpr(cpr)
    v = np.atleast_1d(_validate.array("v_dc", v_dc))
    p0 = np.atleast_1d(_validate.array("phi0", phi0))
    v_ac = _validate.scalar("v_ac", v_ac)
    omega = _omega(omega)
    periods = _validate.whole("periods", periods, 1)
    # the trapezoid rule is exact for harmonics below samples_per_period: the integrand's
    # spectrum reaches |v_dc|/omega + a (+ a tail of Bessel width ~ a^(1/3))
    needed = 2 * math.ceil(np.max(np.abs(v)) / omega + abs(v_ac) / omega + 12)
    if samples_per_period is None:
        samples_per_period = max(64, needed)
    samples_per_period = _validate.whole("samples_per_period", samples_per_period, 8)
    if samples_per_period < needed:
        raise ParameterError(
            "samples_per_period",
            samples_per_period,
            f">= {needed} for |v_dc|/omega + v_ac/omega up to {needed // 2 - 12} (else aliasing)",
        )
    period = 2 * np.pi / omega
    tau = np.arange(periods * samples_per_period) * (period / samples_per_period)
    phase = (
        p0[None, :, None]
        + v[:, None, None] * tau
        + (float(v_ac) / omega) * np.sin(omega * tau)[None, None, :]
    )
    current = cpr.current(phase)
    ds = xr.Dataset(
        {
            "i_dc": (("v_dc", "phi0"), current.mean(axis=-1), _attrs(cpr.unit, "dc supercurrent")),
            "i_s": (("v_dc", "phi0", "tau"), current, _attrs(cpr.unit, "supercurrent i_s(τ)")),
        },
        coords={
            "v_dc": ("v_dc", v, _attrs(f"{cpr.unit}·R", "dc voltage (= ω_J / ω_c)")),
            "phi0": ("phi0", p0, _attrs("rad", "phase offset φ0")),
            "tau": ("tau", tau, _attrs("1/ω_c", "time τ")),
        },
    )
    ds.attrs = provenance(
        computation="josephson.junction.voltage_biased",
        model={"v_ac": float(v_ac), "omega": float(omega), "cpr": cpr},
        method={"average": "trapezoid over whole drive periods", "periods": periods,
                "samples_per_period": samples_per_period},
    )  # fmt: skip
    return ds


# --------------------------------------------------------------------------- current bias
def shapiro(
    beta_c: float,
    i_dc,
    i_ac,
    omega,
    *,
    cpr: CurrentPhaseRelation | None = None,
    transient_periods: int = 20,
    average_periods: int = 20,
    method: str = "auto",
    step_phase: float = 0.1,
    tol: float = 1e-8,
    max_step: float = 0.5,
) -> xr.Dataset:
    """Time-averaged voltage of a microwave-driven, current-biased RCSJ junction.

    Each i_ac (and omega) value is a chain that sweeps i_dc upwards from rest in the well of
    the first bias, carrying the state from one bias point to the next; at each point the
    junction is driven for ``transient_periods`` whole drive periods, then the voltage is
    averaged over ``average_periods`` whole periods.

    Parameters
    ----------
    beta_c : float
        Stewart-McCumber parameter (0: overdamped).
    i_dc : 1-D array
        Strictly increasing bias grid (units of the CPR's reference current).
    i_ac : float or 1-D array
        Microwave amplitude(s) >= 0.
    omega : float or 1-D array
        Drive frequency (units of omega_c) > 0; an array adds an ``omega`` dimension.
    cpr : CurrentPhaseRelation, optional
        Sinusoidal by default.
    method : {"auto", "riccati", "integrate"}
        ``"auto"`` takes the exact period-map method when beta_c = 0 and the CPR is
        sinusoidal, and integration otherwise (see the module docstring).
    step_phase : float
        Riccati method: Magnus step h with h (1 + |i_dc| + |i_ac|) <= step_phase (error of the
        averaged voltage about 1e-8 at the default 0.1, falling as step_phase^4).
    tol, max_step : float
        Integration method: local error tolerance and largest step of Dormand-Prince.

    Returns
    -------
    xarray.Dataset
        ``v`` over ``([omega], i_ac, i_dc)`` (squeezed when omega is a scalar); the Riccati
        method adds ``locked`` (exact phase locking, |tr M| >= 2) and ``order`` (the step
        index n of a locked point, NaN elsewhere).
    """
    beta = _validate.scalar("beta_c", beta_c, low=0.0)
    grid, descending = _bias_grid(i_dc)
    if descending:
        raise ParameterError("i_dc", i_dc, "an increasing bias grid (the sweep goes up)")
    amps = _finite_nonneg("i_ac", i_ac).reshape(-1)
    omegas = np.atleast_1d(
        _validate.array("omega", omega, low=0.0, low_open=True, allowed=OMEGA_TEXT)
    )
    cpr = as_cpr(cpr)
    transient_periods = _validate.whole("transient_periods", transient_periods, 0)
    average_periods = _validate.whole("average_periods", average_periods, 1)
    _validate.choice("method", method, METHODS)
    exact_ok = beta == 0.0 and isinstance(cpr, Sinusoidal)
    if method == "auto":
        method = "riccati" if exact_ok else "integrate"
    if method == "riccati" and not exact_ok:
        raise ParameterError(
            "method", method, "'integrate' unless beta_c = 0 and the CPR is Sinusoidal"
        )
    for name, val in (("step_phase", step_phase), ("tol", tol), ("max_step", max_step)):
        _validate.scalar(name, val, low=0.0, low_open=True)

    n_om, n_ac, n_dc = omegas.size, amps.size, grid.size
    om = np.repeat(omegas, n_ac)  # chains: (omega, i_ac) flattened
    ac = np.tile(amps, n_om)
    phi_start = cpr.equilibrium(float(grid[0]))
    phi_start = 0.0 if phi_start is None else phi_start
    extra = {}
    if method == "riccati":
        n_chain = om.size
        flat_dc = np.tile(grid, n_chain)
        maps = _riccati.period_maps(
            flat_dc, np.repeat(ac, n_dc), np.repeat(om, n_dc), float(step_phase)
        ).reshape(n_chain, n_dc, 5)
        adv, _ = _riccati.sweep_average(
            maps, np.full(n_chain, phi_start), transient_periods, average_periods
        )
        v = adv * om[:, None] / (2 * np.pi * average_periods)
        trace = maps[..., 0] + maps[..., 3]
        extra["locked"] = np.abs(trace) >= 2.0
        order = np.array([_riccati.locked_order(*m) for m in maps.reshape(-1, 5)])
        extra["order"] = np.where(extra["locked"].ravel(), order, np.nan).reshape(n_chain, n_dc)
        description = {
            "name": "riccati",
            "integrator": "4th-order Magnus on the linearised (Riccati) phase equation",
            "step_phase": step_phase,
        }
    else:
        f, cp = cpr.compiled()
        bias = np.ascontiguousarray(np.broadcast_to(grid, (om.size, n_dc)))
        v, status, _, _ = _kernels.iv_sweep(
            f, cp, np.full(om.size, beta), bias, ac, om,
            np.full(om.size, phi_start), np.zeros(om.size),
            float(tol), 1e-10, 1e-8, 1e5, float(max_step), transient_periods, average_periods,
        )  # fmt: skip
        if np.any(status == _kernels.NOT_CONVERGED) or np.any(~np.isfinite(v)):
            raise ConvergenceError(
                "Dormand-Prince 5(4)", "step size underflow", "in the Shapiro sweep"
            )
        description = {"name": "integrate", "integrator": "Dormand-Prince 5(4)", "tol": tol,
                       "max_step": max_step}  # fmt: skip
    description.update(transient_periods=transient_periods, average_periods=average_periods)

    dims = ("omega", "i_ac", "i_dc")
    shape = (n_om, n_ac, n_dc)
    ds = xr.Dataset(
        {"v": (dims, v.reshape(shape), _attrs(f"{cpr.unit}·R", "time-averaged voltage ⟨v⟩"))},
        coords={
            "omega": ("omega", omegas, _attrs("ω_c", "drive frequency ω")),
            "i_ac": ("i_ac", amps, _attrs(cpr.unit, "microwave amplitude i_ac")),
            "i_dc": ("i_dc", grid, _attrs(cpr.unit, "bias current i_dc")),
        },
    )
    if "locked" in extra:
        ds["locked"] = (dims, extra["locked"].reshape(shape).astype(np.int8))
        ds["locked"].attrs = {
            "long_name": "phase locked (exact: |tr M| >= 2)",
            "flag_values": [0, 1],
            "flag_meanings": "running locked",
        }
        ds["order"] = (dims, extra["order"].reshape(shape))
        ds["order"].attrs = {"long_name": "step index n of a locked point (NaN where unlocked)"}
    if np.ndim(omega) == 0:
        ds = ds.squeeze("omega")
    ds.attrs = provenance(
        computation="josephson.junction.shapiro",
        model={"beta_c": beta, "cpr": cpr},
        method=description,
    )
    ds.attrs["odd_cpr"] = int(_is_odd(cpr))
    return ds


def shapiro_steps(
    ds: xr.Dataset, *, tol: float = 1e-3, orders=None, exact_locking: bool = True
) -> xr.Dataset:
    """Width of every Shapiro step of a :func:`shapiro` dataset.

    A bias point belongs to step n when its windowed voltage satisfies
    |v - n omega| <= tol * omega or, when the dataset carries the exact locking information
    of the Riccati method (variable ``order``) and ``exact_locking`` is true, when it is
    phase locked to step n (infinite-time criterion: near the edges of narrow steps a finite
    window has not converged, and just outside them the phase lingers near the ghost of the
    locked orbit, so the windowed test can misplace an edge by a grid point).  The step's extent is
    from half a grid step below its lowest point to half a grid step above its highest
    (the full extent of the plateau, resolved to the grid step).  The n = 0 step spans
    negative and positive bias: when the grid starts at or above 0 and the CPR is odd, its
    width is twice its upper edge.  A step that reaches the top of the grid (or, for n != 0,
    the bottom) is incomplete and gets NaN.

    Returns
    -------
    xarray.Dataset
        ``width``, ``lower``, ``upper`` over ``([omega], i_ac, n)``.
    """
    if "v" not in ds or "i_dc" not in ds["v"].dims or "i_ac" not in ds["v"].dims:
        raise ParameterError("ds", "dataset", "a shapiro() dataset with v over (i_ac, i_dc)")
    tol = _validate.scalar(
        "tol", tol, low=0, high=0.5, low_open=True, high_open=True,
        allowed="a relative voltage tolerance in (0, 0.5)",
    )  # fmt: skip
    v = ds["v"].transpose(..., "i_dc")
    if "omega" in v.dims:
        v = v.transpose("omega", ..., "i_dc")
        omegas = ds["omega"].values
    else:
        v = v.expand_dims(omega=[float(ds["omega"].values)])
        omegas = v["omega"].values
    grid = ds["i_dc"].values
    step = float(np.min(np.diff(grid))) if grid.size > 1 else 0.0
    ratio = v.values / omegas[:, None, None]
    if orders is None:
        finite = ratio[np.isfinite(ratio)]
        lo, hi = (round(finite.min()), round(finite.max())) if finite.size else (0, 0)
        orders = np.arange(lo, hi + 1)
    orders = np.atleast_1d(np.asarray(orders, dtype=int))
    odd = bool(ds.attrs.get("odd_cpr", 0))
    shape = (*ratio.shape[:2], orders.size)
    lower = np.full(shape, np.nan)
    upper = np.full(shape, np.nan)
    width = np.zeros(shape)
    exact = None
    if exact_locking and "order" in ds:
        order = ds["order"]
        if "omega" not in order.dims:
            order = order.expand_dims(omega=v["omega"].values)
        exact = order.transpose(*v.dims).values
    for j, n in enumerate(orders):
        on = (exact == n) if exact is not None else np.abs(ratio - n) <= tol
        has = on.any(axis=-1)
        first = np.argmax(on, axis=-1)
        last = grid.size - 1 - np.argmax(on[..., ::-1], axis=-1)
        lo = grid[first] - 0.5 * step
        hi = grid[last] + 0.5 * step
        w = hi - lo
        top = has & (last == grid.size - 1)
        bottom = has & (first == 0)
        if n == 0 and odd and grid[0] >= 0:
            w = np.where(bottom, 2.0 * hi, w)
            lo = np.where(bottom, -hi, lo)
            bottom = np.zeros_like(bottom)
        bad = top | bottom
        width[..., j] = np.where(has, np.where(bad, np.nan, w), 0.0)
        lower[..., j] = np.where(has, lo, np.nan)
        upper[..., j] = np.where(has, hi, np.nan)
    dims = ("omega", "i_ac", "n")
    unit = ds["i_dc"].attrs.get("units", "I_c")
    out = xr.Dataset(
        {
            "width": (dims, width, _attrs(unit, "full width of the Shapiro step")),
            "lower": (dims, lower, _attrs(unit, "lower edge of the step")),
            "upper": (dims, upper, _attrs(unit, "upper edge of the step")),
        },
        coords={"omega": v["omega"].values, "i_ac": ds["i_ac"].values, "n": orders},
    )
    out["omega"].attrs = _attrs("ω_c", "drive frequency ω")
    out["i_ac"].attrs = ds["i_ac"].attrs
    out["n"].attrs = {"long_name": "step index n (v = nω)"}
    if "omega" not in ds["v"].dims:
        out = out.squeeze("omega")
    out.attrs = dict(ds.attrs)
    out.attrs["step_criterion"] = (
        "exact phase locking" if exact is not None else f"|v - n omega| <= {tol:g} omega"
    )
    out.attrs["grid_step"] = step
    return out


# --------------------------------------------------------------------------- exact edges
def exact_step_edges(i_ac, omega: float, orders, *, step_phase: float = 0.02):
    """Exact Shapiro-step edges of the overdamped sinusoidal junction (beta_c = 0).

    The junction is phase locked exactly where the period map M of the linearised (Riccati)
    phase equation is hyperbolic, |tr M| >= 2, and locked to step n when M's eigenvector
    turns by n half-turns per period (the phase by 2 pi n).  Off the step the sign of
    (rotation of any vector) - n pi is the sign of (rotation number - n), because the lifted
    map minus n pi then has no fixed point; the rotation number is non-decreasing in i_dc.
    So each step is found by bisection on that sign, and its edges (where |tr M| passes 2)
    by bisection on "locked to n", to 1e-13.  This is the infinite-time answer, independent of any transient or
    averaging window; its accuracy is that of the Magnus integration (``step_phase``).

    Returns
    -------
    xarray.Dataset
        ``lower``, ``upper`` and ``width`` over ``(i_ac, n)``; the n = 0 step is symmetric
        about 0.  A step that does not exist has zero width (and NaN edges).
    """
    amps = _finite_nonneg("i_ac", i_ac).reshape(-1)
    omega = _omega(omega)
    step_phase = _validate.scalar("step_phase", step_phase, low=0.0, low_open=True)
    orders = _orders(orders)
    if np.any(orders < 0):
        raise ParameterError("orders", orders, "step indices n >= 0 (steps come in +- pairs)")
    lower = np.full((amps.size, orders.size), np.nan)
    upper = np.full((amps.size, orders.size), np.nan)

    def side(i, a, n):
        """-1 below step n, 0 on it, +1 above it."""
        m = _riccati.period_map(i, a, omega, step_phase)
        if abs(m[0] + m[3]) >= 2.0 and _riccati.locked_order(*m) == n:
            return 0
        return 1 if m[4] > n * math.pi else -1

    def edge(inside, outside, a, n):
        """Bisection on "locked to step n" between a point on and a point off the step."""
        while abs(outside - inside) > 1e-13 * (1.0 + abs(inside)):
            mid = 0.5 * (inside + outside)
            if side(mid, a, n) == 0:
                inside = mid
            else:
                outside = mid
        return 0.5 * (inside + outside)

    for r, a in enumerate(amps):
        for j, n in enumerate(orders):
            # v lies within i_dc -+ (1 + i_ac): outside this bracket the side is known
            lo, hi = (0.0 if n == 0 else n * omega - a - 1.0), n * omega + a + 1.0
            if side(lo, a, n) == 1:
                continue
            inside = lo if side(lo, a, n) == 0 else None
            while inside is None and hi - lo > 1e-13 * (1.0 + hi):
                mid = 0.5 * (lo + hi)
                sd = side(mid, a, n)
                if sd == 0:
                    inside = mid
                elif sd < 0:
                    lo = mid
                else:
                    hi = mid
            if inside is None:
                continue  # the step has zero width
            up = edge(inside, hi, a, n)
            down = -up if n == 0 else edge(inside, lo, a, n)
            lower[r, j], upper[r, j] = down, up
    width = np.where(np.isfinite(upper), upper - lower, 0.0)
    ds = xr.Dataset(
        {
            "width": (("i_ac", "n"), width, _attrs("I_c", "full width of the Shapiro step")),
            "lower": (("i_ac", "n"), lower, _attrs("I_c", "lower edge of the step")),
            "upper": (("i_ac", "n"), upper, _attrs("I_c", "upper edge of the step")),
        },
        coords={"i_ac": amps, "n": orders},
    )
    ds.attrs = provenance(
        computation="josephson.junction.exact_step_edges",
        model={"beta_c": 0.0, "cpr": Sinusoidal(), "omega": omega},
        method={"name": "Riccati period map: bisection on the rotation and on locking",
                "step_phase": step_phase},
    )  # fmt: skip
    return ds


def bessel_step_widths(i_ac, omega: float, orders):
    """Voltage-bias (and large-omega current-bias) law 2|J_n(i_ac/omega)| over (i_ac, n)."""
    amps = np.atleast_1d(_finite_nonneg("i_ac", i_ac))
    omega = _omega(omega)
    orders = _orders(orders)
    return xr.DataArray(
        2.0 * np.abs(special.jv(orders[None, :], amps[:, None] / omega)),
        dims=("i_ac", "n"),
        coords={"i_ac": amps, "n": orders},
        attrs=_attrs("I_c", "2|J_n(i_ac/ω)|"),
    )
