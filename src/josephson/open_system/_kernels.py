"""Compiled integrators of the engine equations (document 004, eqs. 45 and 76).

    v'   = i_tot − v − i_J
    i_J' = −i_J − i_S u + 4α v
    i_S' = −i_S + i_J u,          u = v + v_f cos(ω_f τ)   (u = v without a field, eq. 45)

Every kernel is batched over independent trajectories ("rows") with ``numba.prange`` and
takes the physics per row in a parameter array ``params[row] = (alpha, i_tot, v_f,
omega_f)``, so one call can hold a whole (α, bias, field) grid:

* :func:`rk4_record` — classical fixed-step Runge–Kutta 4, for step-size convergence studies
  (global error O(h⁴));
* :func:`dopri5_record` — adaptive Dormand–Prince 5(4) with the step-size controller,
  initial-step rule and 4th-order dense output of :class:`scipy.integrate.RK45` (same
  tableau, same error norm, same factors 0.2/10/0.9), so at equal tolerances it takes the
  same steps as scipy's RK45 — including the tolerance-driven behaviour of loose settings;
* :func:`average_voltage_rows` (and the convenience wrapper :func:`average_voltage`) —
  time-averaged voltage after a transient for rows of biases carried one after another
  (hysteresis-aware I–V curves and Shapiro staircases of eq. 76).

The two ``*_record`` kernels do not store whole trajectories: they return the final state,
an envelope (the largest Euclidean distance to a reference point ``y_ref[row]`` in blocks of
time) and the state on one uniform output grid (e.g. a late window for spectra).

Status codes (``stats[row, 2]``): :data:`OK`, :data:`NON_FINITE` (state left the finite
numbers), :data:`STEP_LIMIT` (``max_steps`` accepted steps), :data:`STEP_UNDERFLOW` (the
adaptive step fell below 10 ulp of τ).  Timings and compilation: every kernel has
``cache=True``; the first call in a fresh environment compiles (a few seconds).
"""

from __future__ import annotations

import math

import numba as nb
import numpy as np

__all__ = [
    "NON_FINITE",
    "OK",
    "STEP_LIMIT",
    "STEP_UNDERFLOW",
    "average_voltage",
    "average_voltage_rows",
    "dopri5_record",
    "rk4_record",
]

OK = 0
NON_FINITE = 1
STEP_LIMIT = 2
STEP_UNDERFLOW = 3

# Dormand–Prince 5(4), as in scipy.integrate.RK45 (A, B, C, E and the dense-output P).
_C = np.array([0.0, 1 / 5, 3 / 10, 4 / 5, 8 / 9, 1.0])
_A = np.array(
    [
        [0.0, 0.0, 0.0, 0.0, 0.0],
        [1 / 5, 0.0, 0.0, 0.0, 0.0],
        [3 / 40, 9 / 40, 0.0, 0.0, 0.0],
        [44 / 45, -56 / 15, 32 / 9, 0.0, 0.0],
        [19372 / 6561, -25360 / 2187, 64448 / 6561, -212 / 729, 0.0],
        [9017 / 3168, -355 / 33, 46732 / 5247, 49 / 176, -5103 / 18656],
    ]
)
_B = np.array([35 / 384, 0.0, 500 / 1113, 125 / 192, -2187 / 6784, 11 / 84])
_E = np.array([-71 / 57600, 0.0, 71 / 16695, -71 / 1920, 17253 / 339200, -22 / 525, 1 / 40])
_P = np.array(
    [
        [1.0, -8048581381 / 2820520608, 8663915743 / 2820520608, -12715105075 / 11282082432],
        [0.0, 0.0, 0.0, 0.0],
        [
            0.0,
            131558114200 / 32700410799,
            -68118460800 / 10900136933,
            87487479700 / 32700410799,
        ],
        [0.0, -1754552775 / 470086768, 14199869525 / 1410260304, -10690763975 / 1880347072],
        [
            0.0,
            127303824393 / 49829197408,
            -318862633887 / 49829197408,
            701980252875 / 199316789632,
        ],
        [0.0, -282668133 / 205662961, 2019193451 / 616988883, -1453857185 / 822651844],
        [0.0, 40617522 / 29380423, -110615467 / 29380423, 69997945 / 29380423],
    ]
)
_SAFETY = 0.9
_MIN_FACTOR = 0.2
_MAX_FACTOR = 10.0
_EXPONENT = -1.0 / 5.0


# --------------------------------------------------------------------------- right-hand side
@nb.njit(cache=True)
def _f(p, t, y, out):
    """Eq. 45 / 76 at time t for y = (v, i_J, i_S); p = (alpha, i_tot, v_f, omega_f)."""
    v = y[0]
    ij = y[1]
    js = y[2]
    u = v + p[2] * math.cos(p[3] * t) if p[2] != 0.0 else v
    out[0] = p[1] - v - ij
    out[1] = -ij - js * u + 4.0 * p[0] * v
    out[2] = -js + ij * u


@nb.njit(cache=True)
def _distance(y, ref):
    d0 = y[0] - ref[0]
    d1 = y[1] - ref[1]
    d2 = y[2] - ref[2]
    return math.sqrt(d0 * d0 + d1 * d1 + d2 * d2)


@nb.njit(cache=True)
def _finite3(y):
    return math.isfinite(y[0]) and math.isfinite(y[1]) and math.isfinite(y[2])


# --------------------------------------------------------------------------- RK4
@nb.njit(cache=True)
def _f3(a4, i_tot, v_f, omega_f, t, v, ij, js):
    """Eq. 45 / 76 on scalars (a4 = 4α); returns (v', i_J', i_S')."""
    u = v + v_f * math.cos(omega_f * t) if v_f != 0.0 else v
    return i_tot - v - ij, -ij - js * u + a4 * v, -js + ij * u


@nb.njit(cache=True)
def _rk4_step(a4, i_tot, v_f, omega_f, t, h, v, ij, js):
    """One classical RK4 step on scalars; returns the new (v, i_J, i_S)."""
    h2 = 0.5 * h
    k1v, k1j, k1s = _f3(a4, i_tot, v_f, omega_f, t, v, ij, js)
    k2v, k2j, k2s = _f3(a4, i_tot, v_f, omega_f, t + h2, v + h2 * k1v, ij + h2 * k1j, js + h2 * k1s)
    k3v, k3j, k3s = _f3(a4, i_tot, v_f, omega_f, t + h2, v + h2 * k2v, ij + h2 * k2j, js + h2 * k2s)
    k4v, k4j, k4s = _f3(a4, i_tot, v_f, omega_f, t + h, v + h * k3v, ij + h * k3j, js + h * k3s)
    h6 = h / 6.0
    return (
        v + h6 * (k1v + 2.0 * (k2v + k3v) + k4v),
        ij + h6 * (k1j + 2.0 * (k2j + k3j) + k4j),
        js + h6 * (k1s + 2.0 * (k2s + k3s) + k4s),
    )


@nb.njit(parallel=True, cache=True)
def rk4_record(params, y0, y_ref, step, n_steps, env_every, out_first, out_every, n_out):
    """Classical RK4 with fixed step ``step`` for ``n_steps`` steps from τ = 0.

    params (n, 4), y0 (n, 3), y_ref (n, 3).  Step k ends at τ_k = k·step (computed as a
    product, no accumulated round-off in τ).

    Returns ``final`` (n, 3) the state at τ = n_steps·step; ``env`` (n, ceil(n_steps /
    env_every)) the largest distance |y − y_ref| over the step ends k in block b, i.e.
    b·env_every < k <= (b + 1)·env_every; ``out`` (n, n_out, 3) the state at step indices
    out_first + j·out_every (k = 0 is the initial state; NaN where not reached); ``stats``
    (n, 3) int64: steps taken, 0, status.
    """
    n = y0.shape[0]
    n_env = (n_steps + env_every - 1) // env_every
    final = np.empty((n, 3))
    env = np.zeros((n, n_env))
    out = np.full((n, n_out, 3), np.nan)
    stats = np.zeros((n, 3), dtype=np.int64)
    for r in nb.prange(n):
        a4 = 4.0 * params[r, 0]
        i_tot = params[r, 1]
        v_f = params[r, 2]
        omega_f = params[r, 3]
        v = y0[r, 0]
        ij = y0[r, 1]
        js = y0[r, 2]
        rv = y_ref[r, 0]
        rj = y_ref[r, 1]
        rs = y_ref[r, 2]
        j = 0
        if out_first == 0 and n_out > 0:
            out[r, 0, 0] = v
            out[r, 0, 1] = ij
            out[r, 0, 2] = js
            j = 1
        status = OK
        taken = 0
        next_out = out_first if j == 0 else out_first + out_every
        b = 0
        block_end = env_every
        emax = 0.0
        for k in range(n_steps):
            v, ij, js = _rk4_step(a4, i_tot, v_f, omega_f, k * step, step, v, ij, js)
            taken = k + 1
            if not (math.isfinite(v) and math.isfinite(ij) and math.isfinite(js)):
                status = NON_FINITE
                break
            dv = v - rv
            dj = ij - rj
            ds = js - rs
            d2 = dv * dv + dj * dj + ds * ds
            if d2 > emax:
                emax = d2
            if taken == block_end:
                env[r, b] = math.sqrt(emax)
                b += 1
                block_end += env_every
                emax = 0.0
            if j < n_out and taken == next_out:
                out[r, j, 0] = v
                out[r, j, 1] = ij
                out[r, j, 2] = js
                j += 1
                next_out += out_every
        if b < n_env and emax > 0.0:
            env[r, b] = math.sqrt(emax)
        final[r, 0] = v
        final[r, 1] = ij
        final[r, 2] = js
        stats[r, 0] = taken
        stats[r, 2] = status
    return final, env, out, stats


# --------------------------------------------------------------------------- Dormand–Prince
@nb.njit(cache=True)
def _rms_scaled(x, y, ynew, rtol, atol):
    acc = 0.0
    for c in range(3):
        s = atol + rtol * max(abs(y[c]), abs(ynew[c]))
        q = x[c] / s
        acc += q * q
    return math.sqrt(acc / 3.0)


@nb.njit(cache=True)
def _initial_step(p, t0, y0, f0, t_span, max_step, rtol, atol, tmp, f1):
    """scipy's select_initial_step for an order-4 error estimator (Hairer I, Sec. II.4)."""
    d0 = 0.0
    d1 = 0.0
    for c in range(3):
        s = atol + abs(y0[c]) * rtol
        d0 += (y0[c] / s) ** 2
        d1 += (f0[c] / s) ** 2
    d0 = math.sqrt(d0 / 3.0)
    d1 = math.sqrt(d1 / 3.0)
    h0 = 1e-6 if (d0 < 1e-5 or d1 < 1e-5) else 0.01 * d0 / d1
    h0 = min(h0, t_span)
    for c in range(3):
        tmp[c] = y0[c] + h0 * f0[c]
    _f(p, t0 + h0, tmp, f1)
    d2 = 0.0
    for c in range(3):
        s = atol + abs(y0[c]) * rtol
        d2 += ((f1[c] - f0[c]) / s) ** 2
    d2 = math.sqrt(d2 / 3.0) / h0
    if d1 <= 1e-15 and d2 <= 1e-15:
        h1 = max(1e-6, h0 * 1e-3)
    else:
        h1 = (0.01 / max(d1, d2)) ** (1.0 / 5.0)
    return min(100.0 * h0, h1, t_span, max_step)


@nb.njit(cache=True)
def _dp5_step(p, t, h, y, K, tmp, ynew, err):
    """One Dormand–Prince step; K[0] must hold f(t, y).  Fills K[1..6] (K[6] = f(t+h, ynew)),
    ``ynew`` and the embedded error estimate ``err``; returns nothing."""
    for s in range(1, 6):
        for c in range(3):
            acc = 0.0
            for q in range(s):
                acc += _A[s, q] * K[q, c]
            tmp[c] = y[c] + h * acc
        _f(p, t + _C[s] * h, tmp, K[s])
    for c in range(3):
        acc = 0.0
        for q in range(6):
            acc += _B[q] * K[q, c]
        ynew[c] = y[c] + h * acc
    _f(p, t + h, ynew, K[6])
    for c in range(3):
        acc = 0.0
        for q in range(7):
            acc += _E[q] * K[q, c]
        err[c] = h * acc


@nb.njit(cache=True)
def _dense(y, K, h, x, out):
    """4th-order continuous extension at t + x·h (x in [0, 1]) of the last step."""
    x2 = x * x
    x3 = x2 * x
    x4 = x3 * x
    for c in range(3):
        acc = 0.0
        for q in range(7):
            acc += K[q, c] * (_P[q, 0] * x + _P[q, 1] * x2 + _P[q, 2] * x3 + _P[q, 3] * x4)
        out[c] = y[c] + h * acc


@nb.njit(cache=True)
def _dp5_attempt(p, t, t_stop, y, K, h_abs, max_step, rtol, atol, tmp, ynew, err, keep_proposal):
    """One accepted Dormand–Prince step from t towards t_stop with scipy RK45's controller:
    clip h_abs to [min_step, max_step], shrink and retry rejected steps.  The step taken is
    h = t_new − t; the next proposal is h·factor, or (``keep_proposal``) the unclipped proposal
    when the step was shortened to land on t_stop.  Returns (ok, h, t_new, h_next, rejected);
    ok is False on step-size underflow.  K holds the accepted step's stages."""
    min_step = 10.0 * abs(np.nextafter(t, np.inf) - t)
    if h_abs > max_step:
        h_abs = max_step
    elif h_abs < min_step:
        h_abs = min_step
    step_rejected = False
    rejected = 0
    while h_abs >= min_step:
        h_try = h_abs
        t_new = t + h_try
        if t_new > t_stop:
            t_new = t_stop
        h = t_new - t
        _dp5_step(p, t, h, y, K, tmp, ynew, err)
        e = _rms_scaled(err, y, ynew, rtol, atol)
        if e < 1.0:
            if e == 0.0:
                factor = _MAX_FACTOR
            else:
                factor = min(_MAX_FACTOR, _SAFETY * e**_EXPONENT)
            if step_rejected:
                factor = min(1.0, factor)
            if keep_proposal and h < h_try:
                return True, h, t_new, h_try, rejected
            return True, h, t_new, h * factor, rejected
        if math.isfinite(e):
            h_abs = h * max(_MIN_FACTOR, _SAFETY * e**_EXPONENT)
        else:
            h_abs = h * _MIN_FACTOR
        step_rejected = True
        rejected += 1
    return False, 0.0, t, h_abs, rejected


@nb.njit(parallel=True, cache=True)
def dopri5_record(
    params,
    y0,
    y_ref,
    t_end,
    rtol,
    atol,
    max_step,
    env_dt,
    n_env,
    sample_dt,
    out_t0,
    out_dt,
    n_out,
    max_steps,
):
    """Adaptive Dormand–Prince 5(4) from τ = 0 to ``t_end`` (scipy RK45's controller).

    params (n, 4), y0 (n, 3), y_ref (n, 3).  The last step is clipped to end at t_end;
    nothing else constrains the steps (output comes from the dense interpolant).

    Returns ``final`` (n, 3); ``env`` (n, n_env) the largest |y − y_ref| over the accepted
    step ends, the output times and the multiples of ``sample_dt`` (dense output; 0 for step
    ends only) with τ in block min(floor(τ/env_dt), n_env − 1); ``out`` (n, n_out, 3) the
    state at τ = out_t0 + j·out_dt (NaN where beyond t_end or not reached); ``stats`` (n, 3)
    int64: accepted steps, rejected steps, status.
    """
    n = y0.shape[0]
    final = np.empty((n, 3))
    env = np.zeros((n, n_env))
    out = np.full((n, n_out, 3), np.nan)
    stats = np.zeros((n, 3), dtype=np.int64)
    for r in nb.prange(n):
        p = params[r]
        ref = y_ref[r]
        y = y0[r].copy()
        K = np.empty((7, 3))
        tmp = np.empty(3)
        ynew = np.empty(3)
        err = np.empty(3)
        yd = np.empty(3)
        t = 0.0
        _f(p, t, y, K[0])
        h_abs = _initial_step(p, t, y, K[0], t_end, max_step, rtol, atol, tmp, ynew)
        j = 0
        while j < n_out and out_t0 + j * out_dt <= 0.0:
            if out_t0 + j * out_dt == 0.0:
                out[r, j, :] = y
            j += 1
        env[r, 0] = _distance(y, ref)
        accepted = 0
        rejected = 0
        status = OK
        while t < t_end:
            if accepted >= max_steps:
                status = STEP_LIMIT
                break
            ok, h, t_new, h_abs, n_rej = _dp5_attempt(
                p, t, t_end, y, K, h_abs, max_step, rtol, atol, tmp, ynew, err, False
            )
            rejected += n_rej
            if not ok:
                status = STEP_UNDERFLOW
                break
            # envelope samples at the multiples of sample_dt inside (t, t_new)
            if sample_dt > 0.0:
                m = math.floor(t / sample_dt) + 1.0
                while m * sample_dt < t_new:
                    tm = m * sample_dt
                    _dense(y, K, h, (tm - t) / h, yd)
                    b = min(int(tm / env_dt), n_env - 1)
                    d = _distance(yd, ref)
                    if d > env[r, b]:
                        env[r, b] = d
                    m += 1.0
            # dense output on the uniform grid inside (t, t_new]
            while j < n_out:
                tj = out_t0 + j * out_dt
                if tj > t_new:
                    break
                if tj > t:
                    _dense(y, K, h, (tj - t) / h, yd)
                    out[r, j, :] = yd
                    b = min(int(tj / env_dt), n_env - 1)
                    d = _distance(yd, ref)
                    if d > env[r, b]:
                        env[r, b] = d
                j += 1
            t = t_new
            for c in range(3):
                y[c] = ynew[c]
                K[0, c] = K[6, c]
            accepted += 1
            if not _finite3(y):
                status = NON_FINITE
                break
            b = min(int(t / env_dt), n_env - 1)
            d = _distance(y, ref)
            if d > env[r, b]:
                env[r, b] = d
        final[r, :] = y
        stats[r, 0] = accepted
        stats[r, 1] = rejected
        stats[r, 2] = status
    return final, env, out, stats


# --------------------------------------------------------------------------- averages
@nb.njit(cache=True)
def _dp5_advance(p, t, t_stop, y, K, h_abs, rtol, atol, max_step, tmp, ynew, err, w, max_steps):
    """Advance from t to exactly t_stop (K[0] = f(t, y) on entry and exit), accumulating
    w += ∫ v dτ with the step's own 5th-order quadrature (Σ b_s v(stage s)).

    Returns (t, h_abs, w, status, steps)."""
    steps = 0
    while t < t_stop:
        if steps >= max_steps:
            return t, h_abs, w, STEP_LIMIT, steps
        ok, h, t_new, h_abs, _ = _dp5_attempt(
            p, t, t_stop, y, K, h_abs, max_step, rtol, atol, tmp, ynew, err, True
        )
        if ok:
            # stage voltages v_s = v + h Σ_q a_sq K_q[v] (K now holds this step's stages)
            quad = _B[0] * y[0]
            for s in range(1, 6):
                acc = 0.0
                for q in range(s):
                    acc += _A[s, q] * K[q, 0]
                quad += _B[s] * (y[0] + h * acc)
        if not ok:
            return t, h_abs, w, STEP_UNDERFLOW, steps
        w += h * quad
        t = t_new
        for c in range(3):
            y[c] = ynew[c]
            K[0, c] = K[6, c]
        steps += 1
        if not _finite3(y):
            return t, h_abs, w, NON_FINITE, steps
    return t, h_abs, w, OK, steps


@nb.njit(parallel=True, cache=True)
def average_voltage_rows(
    alpha, i_tot, v_f, omega_f, y0, t_transient, t_average, rtol, atol, max_step, max_steps
):
    """Time-averaged voltage ⟨v⟩ over rows of bias points carried one after another.

    alpha, v_f, omega_f: (m,) one value per row; i_tot (m, k); y0 (m, 3) the start of each row.
    Point (r, c) runs for t_transient then averages v over t_average (exact quadrature of
    the Runge–Kutta solution); the next point of the row starts from the last state, and τ
    runs on (the field phase is continuous).  Rows run in parallel.

    Returns ``v_mean`` (m, k), ``final`` (m, k, 3) the state at the end of each point,
    ``status`` (m, k) int64 (a failed point leaves NaN and stops its row).
    """
    m, k = i_tot.shape
    v_mean = np.full((m, k), np.nan)
    final = np.full((m, k, 3), np.nan)
    status = np.full((m, k), -1, dtype=np.int64)
    for r in nb.prange(m):
        p = np.empty(4)
        p[0] = alpha[r]
        p[2] = v_f[r]
        p[3] = omega_f[r]
        y = y0[r].copy()
        K = np.empty((7, 3))
        tmp = np.empty(3)
        ynew = np.empty(3)
        err = np.empty(3)
        t = 0.0
        h_abs = 0.0
        for c in range(k):
            p[1] = i_tot[r, c]
            _f(p, t, y, K[0])
            if c == 0:
                h_abs = _initial_step(
                    p, t, y, K[0], t_transient + t_average, max_step, rtol, atol, tmp, ynew
                )
            t, h_abs, _, st, _ = _dp5_advance(
                p, t, t + t_transient, y, K, h_abs, rtol, atol, max_step, tmp, ynew, err, 0.0,
                max_steps,
            )  # fmt: skip
            if st != OK:
                status[r, c] = st
                break
            t0 = t
            t, h_abs, w, st, _ = _dp5_advance(
                p, t, t0 + t_average, y, K, h_abs, rtol, atol, max_step, tmp, ynew, err, 0.0,
                max_steps,
            )  # fmt: skip
            status[r, c] = st
            if st != OK:
                break
            v_mean[r, c] = w / (t - t0)
            final[r, c, :] = y
    return v_mean, final, status


def average_voltage(
    alpha,
    i_tot,
    v_f,
    omega_f,
    y0,
    t_transient,
    t_average,
    rtol=1e-8,
    atol=1e-10,
    *,
    max_step=math.inf,
    max_steps=100_000_000,
):
    """Convenience front end of :func:`average_voltage_rows` (no validation: callers check).

    ``i_tot`` 1-D: independent points (one row each, all starting from ``y0``); 2-D (m, k):
    m rows swept left to right carrying the state.  alpha, v_f, omega_f: scalars or (m,).
    ``y0``: (3,) or (m, 3).  Returns (v_mean, final, status) shaped like ``i_tot``.
    """
    it = np.asarray(i_tot, dtype=float)
    flat = it.ndim == 1
    rows = it.reshape(-1, 1) if flat else it
    m = rows.shape[0]
    a = np.broadcast_to(np.asarray(alpha, dtype=float), (m,)).copy()
    vf = np.broadcast_to(np.asarray(v_f, dtype=float), (m,)).copy()
    wf = np.broadcast_to(np.asarray(omega_f, dtype=float), (m,)).copy()
    start = np.broadcast_to(np.asarray(y0, dtype=float), (m, 3)).copy()
    v_mean, final, status = average_voltage_rows(
        a, np.ascontiguousarray(rows), vf, wf, start, float(t_transient), float(t_average),
        float(rtol), float(atol), float(max_step), int(max_steps),
    )  # fmt: skip
    if flat:
        return v_mean[:, 0], final[:, 0, :], status[:, 0]
    return v_mean, final, status
