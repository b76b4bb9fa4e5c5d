"""Compiled kernels of the escape module (:mod:`josephson.junction.escape`).

* :func:`switch_chunk`: Langevin realisations under a bias ramp, each stopped at its switch.
  The stochastic step is :func:`josephson.junction._kernels._heun` (the same stochastic Heun
  step as every other Langevin computation of the package); this file only adds the stopping
  rule.
* :func:`periodic_mfpt`: mean first-passage time of the overdamped (Smoluchowski) phase in a
  tilted periodic potential, from a linear recursion evaluated in the log domain.
"""

from __future__ import annotations

import math

import numba as nb
import numpy as np

from ._kernels import _heun


@nb.njit(parallel=True)
def switch_chunk(cpr, cp, drive, dp, beta, noise, dt, phi, u, t, normals, active, target,
                 threshold, t_switch):  # fmt: skip
    """Advance the realisations ``active`` by up to ``normals.shape[1]`` Heun steps each.

    A realisation stops at its switch: phi >= ``target`` when ``threshold`` <= 0 (phase
    criterion), else u = phi' >= ``threshold`` (voltage criterion).  The switching time is
    interpolated linearly inside the step that crosses and stored in ``t_switch``; the state
    arrays ``phi``, ``u``, ``t`` (indexed by realisation) are updated in place.
    Row j of ``normals`` belongs to realisation ``active[j]``.
    """
    amp = math.sqrt(2.0 * noise * dt)
    n_steps = normals.shape[1]
    for j in nb.prange(active.size):
        c = active[j]
        p = phi[c]
        uu = u[c]
        t0 = t[c]
        tt = t0
        for k in range(n_steps):
            pn, un = _heun(cpr, cp, drive, dp, beta, tt, p, uu, dt, amp * normals[j, k])
            if threshold > 0.0:
                crossed = un >= threshold
                lo, hi, level = uu, un, threshold
            else:
                crossed = pn >= target
                lo, hi, level = p, pn, target
            if crossed:
                frac = 1.0
                if hi > lo:
                    frac = min(1.0, max(0.0, (level - lo) / (hi - lo)))
                t_switch[c] = tt + frac * dt
                p, uu = pn, un
                tt = t0 + (k + 1) * dt
                break
            p, uu = pn, un
            tt = t0 + (k + 1) * dt
        phi[c] = p
        u[c] = uu
        t[c] = tt


@nb.njit(inline="always")
def _logaddexp(a, b):
    if a == -math.inf:
        return b
    if b == -math.inf:
        return a
    if a == math.inf or b == math.inf:
        return math.inf
    if a > b:
        return a + math.log1p(math.exp(b - a))
    return b + math.log1p(math.exp(a - b))


@nb.njit(inline="always")
def _log_phi1(x):
    """log((e^x - 1) / x), accurate for every real x."""
    if abs(x) < 1e-8:
        return 0.5 * x
    if x > 0.0:
        return x + math.log(-math.expm1(-x) / x)
    return math.log(math.expm1(x) / x)


@nb.njit(parallel=True, cache=True)
def periodic_mfpt(uper, h_per, upath, h_path, tilt, noise):
    """log of the mean first-passage time of phi' = -U'(phi) + sqrt(2 noise) xi.

    Row r describes one problem: ``uper[r]`` holds U on the uniform grid x0 + j h_per[r]
    spanning one period [x0, x0 + 2 pi], over which U drops by 2 pi ``tilt[r]``
    (U(y + 2 pi) = U(y) - 2 pi tilt); ``upath[r]`` holds U on the uniform grid
    x0 + j h_path[r] from the start x0 to the target b.

    The MFPT is T = (1/noise) int_x0^b M(y) dy with
    M(y) = int_{-inf}^y exp{[U(y) - U(z)]/noise} dz, the periodic solution of
    M' = U'(y) M / noise + 1.  Across one grid interval, with U linear inside it,
    M_{j+1} = e^{d} M_j + h (e^{d} - 1)/d,  d = (U_{j+1} - U_j)/noise  (exact for linear U);
    periodicity fixes M(x0) = S / (1 - e^{-2 pi tilt/noise}) with S the value after one period
    started from M = 0.  Everything runs in logarithms, so barriers of any height are safe.
    The integral of M is the trapezoid rule.  Returns log T per row (error O(h^2)).
    """
    n_rows = uper.shape[0]
    n_per = uper.shape[1] - 1
    n_path = upath.shape[1] - 1
    out = np.empty(n_rows)
    log2 = math.log(2.0)
    for r in nb.prange(n_rows):
        g = noise[r]
        lh = math.log(h_per[r])
        lm = -math.inf
        for j in range(n_per):
            d = (uper[r, j + 1] - uper[r, j]) / g
            lm = _logaddexp(d + lm, lh + _log_phi1(d))
        a = 2.0 * math.pi * tilt[r] / g
        lm = lm - math.log(-math.expm1(-a))
        lh = math.log(h_path[r])
        lsum = lm - log2
        for j in range(n_path):
            d = (upath[r, j + 1] - upath[r, j]) / g
            lm = _logaddexp(d + lm, lh + _log_phi1(d))
            lsum = _logaddexp(lsum, lm - log2 if j == n_path - 1 else lm)
        out[r] = lsum + lh - math.log(g)
    return out
