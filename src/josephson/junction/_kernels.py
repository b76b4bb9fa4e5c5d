"""Compiled integrators of the normalised RCSJ equation.

    beta_c * phi'' + phi' + i_s(phi) = i(tau) + sqrt(2 * noise) * xi(tau),   <xi xi'> = delta

State (phi, u) with u = phi' (the normalised voltage).  For beta_c = 0 the equation is first
order, phi' = i - i_s(phi) (+ noise); the same routines integrate it with u slaved to phi.

Two families, both batched over independent "chains" (a chain = one sweep through a bias
sequence, or one trajectory) and parallel over chains with ``numba.prange``:

* deterministic: adaptive Dormand-Prince 5(4) (``_dopri_step``) with step-size control,
  used by the exact period average of the I-V curve and by trajectory output;
* stochastic: fixed-step stochastic Heun, weak order 2 for this additive noise.

The current-phase relation and the drive enter as Numba functions ``cpr(phi, cp) -> (i_s,
di_s/dphi)`` and ``drive(t, dp) -> i`` with parameter arrays: the seam where new CPRs and
drives plug in.  Each distinct function compiles its own specialisation once per process
(Numba cannot cache functions that take functions as arguments on disk, so the first call in a
process pays a few seconds of compilation).
"""

from __future__ import annotations

import math

import numba as nb
import numpy as np

TWO_PI = 2.0 * math.pi

# Dormand-Prince 5(4) tableau
C2, C3, C4, C5 = 1 / 5, 3 / 10, 4 / 5, 8 / 9
A21 = 1 / 5
A31, A32 = 3 / 40, 9 / 40
A41, A42, A43 = 44 / 45, -56 / 15, 32 / 9
A51, A52, A53, A54 = 19372 / 6561, -25360 / 2187, 64448 / 6561, -212 / 729
A61, A62, A63, A64, A65 = 9017 / 3168, -355 / 33, 46732 / 5247, 49 / 176, -5103 / 18656
B1, B3, B4, B5, B6 = 35 / 384, 500 / 1113, 125 / 192, -2187 / 6784, 11 / 84
E1, E3, E4, E5, E6, E7 = (
    71 / 57600,
    -71 / 16695,
    71 / 1920,
    -17253 / 339200,
    22 / 525,
    -1 / 40,
)

# status codes of a bias point
NOT_CONVERGED = 0
RUNNING = 1
TRAPPED = 2
WINDOW = 3


@nb.njit(cache=True)
def standard_drive(t, dp):
    """i(t) = dp[0] + dp[1] t + dp[2] sin(dp[3] t + dp[4]): dc bias, ramp and microwave."""
    if dp[2] == 0.0:  # no microwave: skip the sine (a quarter of a Langevin step)
        return dp[0] + dp[1] * t
    return dp[0] + dp[1] * t + dp[2] * math.sin(dp[3] * t + dp[4])


@nb.njit(inline="always")
def _rhs(cpr, cp, drive, dp, beta, t, phi, u):
    s, _ = cpr(phi, cp)
    i = drive(t, dp)
    if beta == 0.0:
        return i - s, 0.0
    return u, (i - u - s) / beta


@nb.njit(inline="always")
def _dopri_step(cpr, cp, drive, dp, beta, t, phi, u, h, k1p, k1u):
    """One Dormand-Prince step of size h; returns (phi, u, err_phi, err_u, k7p, k7u)."""
    k2p, k2u = _rhs(cpr, cp, drive, dp, beta, t + C2 * h, phi + h * A21 * k1p, u + h * A21 * k1u)
    k3p, k3u = _rhs(
        cpr, cp, drive, dp, beta, t + C3 * h,
        phi + h * (A31 * k1p + A32 * k2p),
        u + h * (A31 * k1u + A32 * k2u),
    )  # fmt: skip
    k4p, k4u = _rhs(
        cpr, cp, drive, dp, beta, t + C4 * h,
        phi + h * (A41 * k1p + A42 * k2p + A43 * k3p),
        u + h * (A41 * k1u + A42 * k2u + A43 * k3u),
    )  # fmt: skip
    k5p, k5u = _rhs(
        cpr, cp, drive, dp, beta, t + C5 * h,
        phi + h * (A51 * k1p + A52 * k2p + A53 * k3p + A54 * k4p),
        u + h * (A51 * k1u + A52 * k2u + A53 * k3u + A54 * k4u),
    )  # fmt: skip
    k6p, k6u = _rhs(
        cpr, cp, drive, dp, beta, t + h,
        phi + h * (A61 * k1p + A62 * k2p + A63 * k3p + A64 * k4p + A65 * k5p),
        u + h * (A61 * k1u + A62 * k2u + A63 * k3u + A64 * k4u + A65 * k5u),
    )  # fmt: skip
    phin = phi + h * (B1 * k1p + B3 * k3p + B4 * k4p + B5 * k5p + B6 * k6p)
    un = u + h * (B1 * k1u + B3 * k3u + B4 * k4u + B5 * k5u + B6 * k6u)
    k7p, k7u = _rhs(cpr, cp, drive, dp, beta, t + h, phin, un)
    ep = h * (E1 * k1p + E3 * k3p + E4 * k4p + E5 * k5p + E6 * k6p + E7 * k7p)
    eu = h * (E1 * k1u + E3 * k3u + E4 * k4u + E5 * k5u + E6 * k6u + E7 * k7u)
    if beta == 0.0:
        # u is slaved to phi: u = i - i_s(phi) = phi'
        un = k7p
    return phin, un, ep, eu, k7p, k7u


@nb.njit(inline="always")
def _error_norm(beta, ep, eu, u, tol):
    """Scaled error: absolute on phi (2 pi-periodic), mixed on u."""
    xp = ep / tol
    if beta == 0.0:
        return abs(xp)
    xu = eu / (tol * (1.0 + abs(u)))
    return math.sqrt(0.5 * (xp * xp + xu * xu))


@nb.njit(inline="always")
def _new_step(h, err):
    if err == 0.0:
        return 5.0 * h
    return h * min(5.0, max(0.2, 0.9 * err**-0.2))


@nb.njit
def _crossing(cpr, cp, drive, dp, beta, t, phi, u, h, k1p, k1u, target):
    """Time s in (0, h] at which the step from (t, phi, u) reaches phi = target (Newton on the
    Runge-Kutta step itself, so the crossing is as accurate as the integrator), and u there."""
    phin, un, _, _, _, _ = _dopri_step(cpr, cp, drive, dp, beta, t, phi, u, h, k1p, k1u)
    s = h * (target - phi) / (phin - phi)
    us = un
    for _ in range(12):
        ps, us, _, _, fp, _ = _dopri_step(cpr, cp, drive, dp, beta, t, phi, u, s, k1p, k1u)
        if fp == 0.0:
            break
        delta = (ps - target) / fp
        s -= delta
        if abs(delta) <= 1e-15 * (1.0 + abs(t + s)):
            break
    ps, us, _, _, _, _ = _dopri_step(cpr, cp, drive, dp, beta, t, phi, u, s, k1p, k1u)
    return s, us


@nb.njit
def _dc_point(cpr, cp, drive, dp, beta, phi, u, t, h, tol, ptol, trap_tol, t_max, h_max):
    """Integrate at constant bias until the state is provably periodic or trapped.

    Running state: <v> = 2 pi / T exactly, with T the period between two crossings of the
    Poincare section phi = 0 (mod 2 pi) in the same direction.  The return map of a 2D
    autonomous flow with constant divergence -1/beta has the exact multiplier
    q = exp(-T/beta) at its fixed point, so the distance to the periodic orbit is
    |P(u) - u| / (1 - q): convergence is declared when that is below ``ptol`` and, when still
    larger, the state is moved to the Newton (Aitken) estimate u + (P(u) - u) q/(1 - q) of the
    periodic orbit.  For beta = 0 every orbit is the periodic orbit and one period is exact.

    Trapped state: at a stable fixed point (|u| and |i - i_s| below ``trap_tol`` with
    di_s/dphi > 0), <v> = 0 exactly.

    Returns (v, status, phi, u, t, h).
    """
    i_dc = dp[0]
    t0 = t
    phi0 = phi
    if beta == 0.0:
        u = i_dc - cpr(phi, cp)[0]
    k1p, k1u = _rhs(cpr, cp, drive, dp, beta, t, phi, u)
    up_target = TWO_PI * (math.floor(phi / TWO_PI) + 1.0)
    dn_target = TWO_PI * (math.ceil(phi / TWO_PI) - 1.0)
    last_dir = 0
    t_cross = 0.0
    u_cross = 0.0
    target = 0.0
    while True:
        s, ds = cpr(phi, cp)
        if ds > 0.0 and abs(u) < trap_tol and abs(i_dc - s) < trap_tol:
            return 0.0, TRAPPED, phi, u, t, h
        if t - t0 > t_max:
            return (phi - phi0) / (t - t0), NOT_CONVERGED, phi, u, t, h
        h = min(h, h_max)
        phin, un, ep, eu, k7p, k7u = _dopri_step(cpr, cp, drive, dp, beta, t, phi, u, h, k1p, k1u)
        err = _error_norm(beta, ep, eu, u, tol)
        if not (err <= 1.0):  # also catches NaN
            if not math.isfinite(err) and h < 1e-14:
                return math.nan, NOT_CONVERGED, phi, u, t, h
            h = _new_step(h, err) if math.isfinite(err) else 0.2 * h
            continue
        direction = 0
        if phin >= up_target:
            direction = 1
            target = up_target
        elif phin <= dn_target:
            direction = -1
            target = dn_target
        if direction != 0:
            sc, uc = _crossing(cpr, cp, drive, dp, beta, t, phi, u, h, k1p, k1u, target)
            tc = t + sc
            if direction == last_dir:
                period = tc - t_cross
                q = math.exp(-period / beta) if beta > 0.0 else 0.0
                du = uc - u_cross
                distance = abs(du) / (1.0 - q)
                scale = 1.0 + abs(uc)
                if distance <= ptol * scale:
                    return direction * TWO_PI / period, RUNNING, phin, un, t + h, _new_step(h, err)
                if beta > 0.0 and distance < 0.05 * scale:
                    # jump to the Newton estimate of the periodic orbit, on the section
                    phi = target
                    u = uc + du * q / (1.0 - q)
                    t = tc
                    k1p, k1u = _rhs(cpr, cp, drive, dp, beta, t, phi, u)
                    last_dir = direction
                    t_cross = tc
                    u_cross = u
                    up_target = target + TWO_PI
                    dn_target = target - TWO_PI
                    continue
            last_dir = direction
            t_cross = tc
            u_cross = uc
        t += h
        phi = phin
        u = un
        k1p, k1u = k7p, k7u
        up_target = TWO_PI * (math.floor(phi / TWO_PI) + 1.0)
        dn_target = TWO_PI * (math.ceil(phi / TWO_PI) - 1.0)
        h = _new_step(h, err)


@nb.njit
def _advance(cpr, cp, drive, dp, beta, phi, u, t, h, t_end, tol, h_max):
    """Adaptive integration from t to exactly t_end; returns (phi, u, h, ok)."""
    if beta == 0.0:
        u = drive(t, dp) - cpr(phi, cp)[0]
    k1p, k1u = _rhs(cpr, cp, drive, dp, beta, t, phi, u)
    while t < t_end:
        hh = min(h, h_max, t_end - t)
        last = hh == t_end - t
        phin, un, ep, eu, k7p, k7u = _dopri_step(cpr, cp, drive, dp, beta, t, phi, u, hh, k1p, k1u)
        err = _error_norm(beta, ep, eu, u, tol)
        if not (err <= 1.0):
            if not math.isfinite(err) and hh < 1e-14:
                return phi, u, h, False
            h = _new_step(hh, err) if math.isfinite(err) else 0.2 * hh
            continue
        t = t_end if last else t + hh
        phi, u = phin, un
        k1p, k1u = k7p, k7u
        if not last or err > 0.0:
            h = _new_step(hh, err)
    return phi, u, h, True


@nb.njit(parallel=True)
def iv_sweep(cpr, cp, beta, bias, i_ac, omega, phi0, u0, tol, ptol, trap_tol, t_max, h_max,
             n_transient, n_average):  # fmt: skip
    """Noise-free sweeps, one chain per row of ``bias`` (shape (C, K)), state carried.

    Constant drive: exact period average (``_dc_point``).  Microwave drive (i_ac != 0): the
    average over ``n_average`` whole drive periods after ``n_transient`` periods.
    Returns v (C, K), status (C, K), and the final states.
    """
    n_chain, n_bias = bias.shape
    v = np.empty((n_chain, n_bias))
    status = np.empty((n_chain, n_bias), dtype=np.int64)
    phi_out = np.empty(n_chain)
    u_out = np.empty(n_chain)
    for c in nb.prange(n_chain):
        phi = phi0[c]
        u = u0[c]
        t = 0.0
        h = 1e-2
        dp = np.zeros(5)
        dp[2] = i_ac[c]
        dp[3] = omega[c]
        for k in range(n_bias):
            dp[0] = bias[c, k]
            if i_ac[c] == 0.0:
                vk, st, phi, u, t, h = _dc_point(
                    cpr, cp, standard_drive, dp, beta[c], phi, u, t, h, tol, ptol, trap_tol,
                    t_max, h_max,
                )  # fmt: skip
            else:
                period = TWO_PI / omega[c]
                # the transient starts on the next whole drive period (now, if t is on one)
                t_start = period * (math.ceil(t / period - 1e-9) + n_transient)
                phi, u, h, ok = _advance(
                    cpr, cp, standard_drive, dp, beta[c], phi, u, t, h, t_start, tol, h_max
                )
                p_start = phi
                phi, u, h, ok2 = _advance(
                    cpr, cp, standard_drive, dp, beta[c], phi, u, t_start, h,
                    t_start + n_average * period, tol, h_max,
                )  # fmt: skip
                t = t_start + n_average * period
                vk = (phi - p_start) / (n_average * period)
                st = WINDOW if (ok and ok2) else NOT_CONVERGED
            v[c, k] = vk
            status[c, k] = st
        phi_out[c] = phi
        u_out[c] = u
    return v, status, phi_out, u_out


@nb.njit(inline="always")
def _heun(cpr, cp, drive, dp, beta, t, phi, u, dt, kick):
    """Stochastic Heun step for additive noise; ``kick`` = sqrt(2 noise dt) * N(0, 1)."""
    fp, fu = _rhs(cpr, cp, drive, dp, beta, t, phi, u)
    if beta == 0.0:
        pp = phi + dt * fp + kick
        gp, _ = _rhs(cpr, cp, drive, dp, beta, t + dt, pp, 0.0)
        phin = phi + 0.5 * dt * (fp + gp) + kick
        return phin, 0.5 * (fp + gp) + kick / dt
    kb = kick / beta
    pp = phi + dt * fp
    up = u + dt * fu + kb
    gp, gu = _rhs(cpr, cp, drive, dp, beta, t + dt, pp, up)
    return phi + 0.5 * dt * (fp + gp), u + 0.5 * dt * (fu + gu) + kb


@nb.njit(parallel=True)
def langevin_run(cpr, cp, drive, dps, beta, phi, u, t, dt, noise, normals, n_skip):
    """Advance every chain by ``normals.shape[1]`` stochastic Heun steps, in place.

    ``dps`` (C, P) are the per-chain drive parameters, ``normals`` (C, n) the standard normal
    numbers.  Returns the phase advance of each chain over the steps after the first
    ``n_skip`` (the averaging window).
    """
    n_chain, n_steps = normals.shape
    advance = np.zeros(n_chain)
    for c in nb.prange(n_chain):
        amp = math.sqrt(2.0 * noise[c] * dt)
        p, uu, tt = phi[c], u[c], t[c]
        dp = dps[c]
        p_start = p
        for k in range(n_steps):
            if k == n_skip:
                p_start = p
            p, uu = _heun(cpr, cp, drive, dp, beta[c], tt, p, uu, dt, amp * normals[c, k])
            tt = t[c] + (k + 1) * dt
        if n_skip < n_steps:
            advance[c] = p - p_start
        phi[c], u[c], t[c] = p, uu, tt
    return advance


@nb.njit(parallel=True)
def trajectory(cpr, cp, drive, dps, beta, phi0, u0, times, tol, h_max):
    """Noise-free trajectories sampled at ``times`` (ascending, from 0), with events.

    Returns phi (C, S), u (C, S), the first time |phi - phi0| >= 2 pi (the first phase slip,
    NaN if none) and an ok flag per chain.
    """
    n_chain = dps.shape[0]
    n_s = times.size
    phis = np.empty((n_chain, n_s))
    us = np.empty((n_chain, n_s))
    first_slip = np.full(n_chain, np.nan)
    ok = np.ones(n_chain, dtype=np.bool_)
    for c in nb.prange(n_chain):
        p, uu, t, h = phi0[c], u0[c], 0.0, 1e-2
        if beta[c] == 0.0:
            uu = drive(0.0, dps[c]) - cpr(p, cp)[0]
        dp = dps[c]
        for k in range(n_s):
            if times[k] > t:
                # step through the interval, watching for the first slip
                while t < times[k]:
                    t_next = min(times[k], t + h_max)
                    pn, un, h, good = _advance(
                        cpr, cp, drive, dp, beta[c], p, uu, t, h, t_next, tol, h_max
                    )
                    if not good:
                        ok[c] = False
                        break
                    if math.isnan(first_slip[c]) and abs(pn - phi0[c]) >= TWO_PI:
                        # locate the slip on this interval by bisection on sub-advances
                        lo, hi, plo, ulo = t, t_next, p, uu
                        for _ in range(60):
                            mid = 0.5 * (lo + hi)
                            pm, um, _, _ = _advance(
                                cpr, cp, drive, dp, beta[c], plo, ulo, lo, h, mid, tol, h_max
                            )
                            if abs(pm - phi0[c]) >= TWO_PI:
                                hi = mid
                            else:
                                lo, plo, ulo = mid, pm, um
                        first_slip[c] = 0.5 * (lo + hi)
                    p, uu, t = pn, un, t_next
            phis[c, k] = p
            us[c, k] = uu
    return phis, us, first_slip, ok
