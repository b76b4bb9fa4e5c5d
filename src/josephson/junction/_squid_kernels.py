"""Compiled integrators of the dc SQUID equations (see :mod:`josephson.junction.squid`).

The junction kernels in :mod:`._kernels` are written for the 2-D state (phi, phi') of one
junction, so this module carries its own compact vector-state versions (state length <= 4);
the Dormand-Prince tableau, the step-size controller ``_new_step`` and the status codes are
imported from there:

* adaptive Dormand-Prince 5(4) (``_dopri``) with the exact period average
  (``_dc_point``): the running state is averaged over whole periods of the mean phase
  psi = (phi_1 + phi_2)/2, <v> = 2 pi p / T_p, once the return map to the section
  psi = 0 (mod 2 pi) has converged to a cycle of p <= 4 returns;
* stochastic Heun with additive noise (``langevin_run``), one independent shunt noise per
  junction.

Four model forms (``mode``) share the code:

=======================  =====================  ==========================================
mode                     state                  equations
=======================  =====================  ==========================================
REDUCED (beta_l = 0,     (psi,)                 psi' = i/2 - S(psi)
beta_c = 0)
REDUCED_INERTIAL         (psi, psi')            beta_c psi'' + psi' + S(psi) = i/2
(beta_l = 0)
LOOP (beta_c = 0)        (phi_1, phi_2)         g_k phi_k' = i/2 +- j - a_k s_k(phi_k)
LOOP_INERTIAL            (phi_1, phi_2, u_1,    m_k u_k' + g_k u_k + a_k s_k(phi_k)
                         u_2)                   = i/2 +- j,  phi_k' = u_k
=======================  =====================  ==========================================

with S(psi) = [a_1 s_1(psi + pi f) + a_2 s_2(psi - pi f)]/2 and
j = (2 pi f - phi_1 + phi_2)/(pi beta_l).  Parameters ``q`` (float array):
``[i, f, a_1, a_2, g_1, g_2, m_1, m_2, 1/(pi beta_l), beta_c]``.  The CPRs enter as Numba
functions ``s_k(phi, cp_k) -> (i_s, di_s/dphi)`` (``CurrentPhaseRelation.compiled``); each
distinct pair compiles its own specialisation once per process (not cached on disk).
"""

from __future__ import annotations

import math

import numba as nb
import numpy as np

from ._kernels import (  # the Dormand-Prince tableau, step-size control and status codes
    A21,
    A31,
    A32,
    A41,
    A42,
    A43,
    A51,
    A52,
    A53,
    A54,
    A61,
    A62,
    A63,
    A64,
    A65,
    B1,
    B3,
    B4,
    B5,
    B6,
    E1,
    E3,
    E4,
    E5,
    E6,
    E7,
    NOT_CONVERGED,
    RUNNING,
    TRAPPED,
    WINDOW,
    _new_step,
)

__all__ = [
    "LOOP",
    "LOOP_INERTIAL",
    "NOT_CONVERGED",
    "REDUCED",
    "REDUCED_INERTIAL",
    "RUNNING",
    "TRAPPED",
    "WINDOW",
    "dc_sweep",
    "langevin_run",
]

TWO_PI = 2.0 * math.pi
REDUCED, REDUCED_INERTIAL, LOOP, LOOP_INERTIAL = 0, 1, 2, 3
#: longest cycle of the return map recognised as periodic
P_MAX = 4
_RING = 2 * P_MAX + 1


@nb.njit(inline="always")
def _dim(mode):
    if mode == REDUCED:
        return 1
    if mode == LOOP_INERTIAL:
        return 4
    return 2


@nb.njit(inline="always")
def _psi(mode, y):
    """Mean phase (phi_1 + phi_2)/2."""
    if mode <= REDUCED_INERTIAL:
        return y[0]
    return 0.5 * (y[0] + y[1])


@nb.njit(inline="always")
def _psi_dot(mode, dy):
    if mode <= REDUCED_INERTIAL:
        return dy[0]
    return 0.5 * (dy[0] + dy[1])


@nb.njit(inline="always")
def _rhs(f1, cp1, f2, cp2, mode, q, y, dy):
    i2 = 0.5 * q[0]
    if mode <= REDUCED_INERTIAL:
        s1 = f1(y[0] + math.pi * q[1], cp1)[0]
        s2 = f2(y[0] - math.pi * q[1], cp2)[0]
        force = i2 - 0.5 * (q[2] * s1 + q[3] * s2)
        if mode == REDUCED:
            dy[0] = force
        else:
            dy[0] = y[1]
            dy[1] = (force - y[1]) / q[9]
        return
    j = q[8] * (TWO_PI * q[1] - y[0] + y[1])
    s1 = f1(y[0], cp1)[0]
    s2 = f2(y[1], cp2)[0]
    if mode == LOOP:
        dy[0] = (i2 + j - q[2] * s1) / q[4]
        dy[1] = (i2 - j - q[3] * s2) / q[5]
    else:
        dy[0] = y[2]
        dy[1] = y[3]
        dy[2] = (i2 + j - q[2] * s1 - q[4] * y[2]) / q[6]
        dy[3] = (i2 - j - q[3] * s2 - q[5] * y[3]) / q[7]


@nb.njit
def _dopri(f1, cp1, f2, cp2, mode, q, n, y, h, k, yt, yn, tol):
    """One Dormand-Prince 5(4) step of size h from y with k[0] = f(y) (FSAL).

    Writes the new state to ``yn`` and f(yn) to k[6]; returns the scaled RMS error (absolute
    ``tol`` on phases, mixed on phase velocities).
    """
    for d in range(n):
        yt[d] = y[d] + h * A21 * k[0, d]
    _rhs(f1, cp1, f2, cp2, mode, q, yt, k[1])
    for d in range(n):
        yt[d] = y[d] + h * (A31 * k[0, d] + A32 * k[1, d])
    _rhs(f1, cp1, f2, cp2, mode, q, yt, k[2])
    for d in range(n):
        yt[d] = y[d] + h * (A41 * k[0, d] + A42 * k[1, d] + A43 * k[2, d])
    _rhs(f1, cp1, f2, cp2, mode, q, yt, k[3])
    for d in range(n):
        yt[d] = y[d] + h * (A51 * k[0, d] + A52 * k[1, d] + A53 * k[2, d] + A54 * k[3, d])
    _rhs(f1, cp1, f2, cp2, mode, q, yt, k[4])
    for d in range(n):
        yt[d] = y[d] + h * (
            A61 * k[0, d] + A62 * k[1, d] + A63 * k[2, d] + A64 * k[3, d] + A65 * k[4, d]
        )
    _rhs(f1, cp1, f2, cp2, mode, q, yt, k[5])
    for d in range(n):
        yn[d] = y[d] + h * (
            B1 * k[0, d] + B3 * k[2, d] + B4 * k[3, d] + B5 * k[4, d] + B6 * k[5, d]
        )
    _rhs(f1, cp1, f2, cp2, mode, q, yn, k[6])
    n_phase = 1 if mode <= REDUCED_INERTIAL else 2
    acc = 0.0
    for d in range(n):
        e = h * (
            E1 * k[0, d] + E3 * k[2, d] + E4 * k[3, d] + E5 * k[4, d] + E6 * k[5, d]
            + E7 * k[6, d]
        )  # fmt: skip
        scale = tol if d < n_phase else tol * (1.0 + abs(y[d]))
        acc += (e / scale) ** 2
    return math.sqrt(acc / n)


@nb.njit
def _resting(mode, q, y, dy, trap_tol):
    """Velocities and net forces below ``trap_tol``."""
    if mode == REDUCED:
        return abs(dy[0]) < trap_tol
    if mode == REDUCED_INERTIAL:
        return abs(y[1]) < trap_tol and abs(q[9] * dy[1] + y[1]) < trap_tol
    if mode == LOOP:
        return abs(dy[0]) < trap_tol and abs(dy[1]) < trap_tol
    for d in range(2, 4):
        if abs(y[d]) >= trap_tol:
            return False
    return abs(q[6] * dy[2] + q[4] * y[2]) < trap_tol and abs(q[7] * dy[3] + q[5] * y[3]) < trap_tol


@nb.njit
def _not_unstable(f1, cp1, f2, cp2, mode, q, y, trap_tol):
    """Stiffness matrix positive semi-definite within ``trap_tol`` (positive definite means
    stable for every beta_c >= 0; the tolerance admits neutral states such as i = 0 at the
    flux where I_c(Phi) = 0)."""
    if mode <= REDUCED_INERTIAL:
        d1 = f1(y[0] + math.pi * q[1], cp1)[1]
        d2 = f2(y[0] - math.pi * q[1], cp2)[1]
        return 0.5 * (q[2] * d1 + q[3] * d2) > -trap_tol
    kap = q[8]
    k11 = q[2] * f1(y[0], cp1)[1] + kap
    k22 = q[3] * f2(y[1], cp2)[1] + kap
    half = 0.5 * (k11 - k22)
    smallest = 0.5 * (k11 + k22) - math.sqrt(half * half + kap * kap)
    return smallest > -trap_tol


@nb.njit
def _section(mode, y, out):
    """Coordinates of the state on the section psi = const: what fixes the future."""
    if mode == REDUCED_INERTIAL:
        out[0] = y[1]
        return 1
    if mode == LOOP:
        out[0] = y[0] - y[1]
        return 1
    if mode == LOOP_INERTIAL:
        out[0] = y[0] - y[1]
        out[1] = y[2]
        out[2] = y[3]
        return 3
    return 0


@nb.njit
def _distance(ring_x, a, b, m):
    d = 0.0
    for c in range(m):
        x = abs(ring_x[a, c] - ring_x[b, c]) / (1.0 + abs(ring_x[a, c]))
        d = max(d, x)
    return d


@nb.njit
def _dc_point(f1, cp1, f2, cp2, mode, q, y, h, tol, ptol, trap_tol, t_max, h_max, work):
    """Integrate at constant bias until the state is periodic or trapped.

    ``y`` is advanced in place.  Running state: the returns to the section psi = 0
    (mod 2 pi), crossed in the same direction, are compared with the returns p = 1..P_MAX
    earlier; when the distance d_1 to the state p returns back, extrapolated with the
    observed contraction r = d_1/d_0 as d_1/(1 - r), is below ``ptol`` (or d_1 is below
    ptol/100, the integration noise floor), <v> = 2 pi p / T_p with T_p the time of those p
    returns.  In the REDUCED mode (1-D flow) every orbit is the periodic orbit and one period
    is exact.  Trapped: v = 0 exactly.  After ``t_max`` without either: the average over the
    whole periods seen (status WINDOW), or the raw phase advance if there was none.

    Returns (v, status, h).
    """
    n = _dim(mode)
    k = work[0:7]
    kc = work[7:14]
    yt = work[14]
    yn = work[15]
    yc = work[16]
    sec = work[17]
    ring_t = np.empty(_RING)
    ring_x = np.zeros((_RING, 3))
    _rhs(f1, cp1, f2, cp2, mode, q, y, k[0])
    if _resting(mode, q, y, k[0], trap_tol) and not _not_unstable(
        f1, cp1, f2, cp2, mode, q, y, trap_tol
    ):
        # at rest on an unstable equilibrium (a start exactly on a saddle): nudge it off
        y[0] += 1e-6
        _rhs(f1, cp1, f2, cp2, mode, q, y, k[0])
    t = 0.0
    psi0 = _psi(mode, y)
    count = 0  # consecutive returns in the same direction
    last_dir = 0
    t_first = 0.0
    head = -1
    while True:
        if _resting(mode, q, y, k[0], trap_tol) and _not_unstable(
            f1, cp1, f2, cp2, mode, q, y, trap_tol
        ):
            return 0.0, TRAPPED, h
        if t > t_max:
            if count >= 2:
                return last_dir * TWO_PI * (count - 1) / (ring_t[head] - t_first), WINDOW, h
            return (_psi(mode, y) - psi0) / t, NOT_CONVERGED, h
        psi = _psi(mode, y)
        speed = abs(_psi_dot(mode, k[0]))
        hh = min(h, h_max)
        if speed * hh > math.pi:  # at most half a slip per step: no return is skipped
            hh = math.pi / speed
        err = _dopri(f1, cp1, f2, cp2, mode, q, n, y, hh, k, yt, yn, tol)
        if not (err <= 1.0):  # also catches NaN
            if not math.isfinite(err) and hh < 1e-14:
                return math.nan, NOT_CONVERGED, h
            h = _new_step(hh, err) if math.isfinite(err) else 0.2 * hh
            continue
        psin = _psi(mode, yn)
        up = TWO_PI * (math.floor(psi / TWO_PI) + 1.0)
        dn = TWO_PI * (math.ceil(psi / TWO_PI) - 1.0)
        direction = 0
        target = 0.0
        if psin >= up:
            direction, target = 1, up
        elif psin <= dn:
            direction, target = -1, dn
        if direction != 0:
            # time of the crossing: Newton on the step size of the Runge-Kutta step itself
            for d in range(n):
                kc[0, d] = k[0, d]
            s = hh * (target - psi) / (psin - psi)
            for _ in range(20):
                _dopri(f1, cp1, f2, cp2, mode, q, n, y, s, kc, yt, yc, tol)
                fp = _psi_dot(mode, kc[6])
                if fp == 0.0:
                    break
                delta = (_psi(mode, yc) - target) / fp
                s -= delta
                if abs(delta) <= 1e-15 * (1.0 + abs(t + s)):
                    break
            _dopri(f1, cp1, f2, cp2, mode, q, n, y, s, kc, yt, yc, tol)
            tc = t + s
            if direction != last_dir:
                count = 0
                last_dir = direction
            head = (head + 1) % _RING
            ring_t[head] = tc
            m = _section(mode, yc, sec)
            for c in range(m):
                ring_x[head, c] = sec[c]
            count += 1
            if count == 1:
                t_first = tc
            if mode == REDUCED and count >= 2:
                prev = (head - 1) % _RING
                for d in range(n):
                    y[d] = yn[d]
                return direction * TWO_PI / (tc - ring_t[prev]), RUNNING, _new_step(hh, err)
            for p in range(1, P_MAX + 1):
                if count < 2 * p + 1:
                    break
                a = (head - p) % _RING
                b = (head - 2 * p) % _RING
                d1 = _distance(ring_x, head, a, m)
                d0 = _distance(ring_x, a, b, m)
                r = d1 / d0 if d0 > 0.0 else 0.0
                if d1 <= 0.01 * ptol or (r < 1.0 and d1 <= ptol * (1.0 - r)):
                    for d in range(n):
                        y[d] = yn[d]
                    v = direction * TWO_PI * p / (tc - ring_t[a])
                    return v, RUNNING, _new_step(hh, err)
        t += hh
        for d in range(n):
            y[d] = yn[d]
            k[0, d] = k[6, d]
        h = _new_step(hh, err)


@nb.njit(parallel=True)
def dc_sweep(f1, cp1, f2, cp2, mode, q0, flux, bias, y0, tol, ptol, trap_tol, t_max, h_max):
    """Noise-free bias sweeps, one chain per flux value, state carried along ``bias``.

    ``q0`` holds the parameters (``q0[0]`` and ``q0[1]`` are overwritten with the bias and the
    flux), ``y0`` (C, 4) the initial states (updated in place to the final states).  Returns
    v (C, K) and status (C, K).
    """
    n_chain = flux.size
    n_bias = bias.size
    v = np.empty((n_chain, n_bias))
    status = np.empty((n_chain, n_bias), dtype=np.int64)
    for c in nb.prange(n_chain):
        q = q0.copy()
        q[1] = flux[c]
        y = y0[c].copy()
        work = np.zeros((18, 4))
        h = 1e-2
        for kk in range(n_bias):
            q[0] = bias[kk]
            vk, st, h = _dc_point(
                f1, cp1, f2, cp2, mode, q, y, h, tol, ptol, trap_tol, t_max, h_max, work
            )
            v[c, kk] = vk
            status[c, kk] = st
        for d in range(4):
            y0[c, d] = y[d]
    return v, status


@nb.njit(parallel=True)
def langevin_run(f1, cp1, f2, cp2, mode, q0, flux, realization, y, dt, noise, normals, n_skip):
    """Stochastic Heun steps at constant bias ``q0[0]`` for every chain, state ``y`` (C, 4)
    advanced in place.

    Chain c has flux ``flux[c]`` and uses the noise ``normals[realization[c]]`` (shape
    (n_steps, 2): one standard normal per junction shunt and step), so chains of one
    realisation at different flux share their noise (common random numbers).  The shunt
    noise currents over a step are n_k = sqrt(2 g_k noise dt) N_k.  Returns the advance of
    the mean phase over the steps after ``n_skip``.
    """
    n_chain = flux.size
    n_steps = normals.shape[1]
    advance = np.zeros(n_chain)
    g1, g2 = q0[4], q0[5]
    amp1 = math.sqrt(2.0 * g1 * noise * dt)
    amp2 = math.sqrt(2.0 * g2 * noise * dt)
    for c in nb.prange(n_chain):
        q = q0.copy()
        q[1] = flux[c]
        yy = y[c].copy()
        fa = np.zeros(4)
        fb = np.zeros(4)
        yp = np.zeros(4)
        kick = np.zeros(4)
        n = _dim(mode)
        r = realization[c]
        start = _psi(mode, yy)
        for s in range(n_steps):
            if s == n_skip:
                start = _psi(mode, yy)
            n1 = amp1 * normals[r, s, 0]
            n2 = amp2 * normals[r, s, 1]
            if mode == REDUCED:
                kick[0] = 0.5 * (n1 + n2)
            elif mode == REDUCED_INERTIAL:
                kick[1] = 0.5 * (n1 + n2) / q[9]
            elif mode == LOOP:
                kick[0] = n1 / g1
                kick[1] = n2 / g2
            else:
                kick[2] = n1 / q[6]
                kick[3] = n2 / q[7]
            _rhs(f1, cp1, f2, cp2, mode, q, yy, fa)
            for d in range(n):
                yp[d] = yy[d] + dt * fa[d] + kick[d]
            _rhs(f1, cp1, f2, cp2, mode, q, yp, fb)
            for d in range(n):
                yy[d] += 0.5 * dt * (fa[d] + fb[d]) + kick[d]
        if n_skip < n_steps:
            advance[c] = _psi(mode, yy) - start
        for d in range(4):
            y[c, d] = yy[d]
    return advance
