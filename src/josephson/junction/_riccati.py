"""Exact period maps of the overdamped, sinusoidal junction under a periodic drive.

For beta_c = 0 and i_s = sin(phi) the RSJ equation phi' = a(tau) - sin(phi) is a Riccati
equation for x = tan(phi/2):  x' = a/2 - x + (a/2) x^2.  Writing x = s/c turns it into the
*linear* system

    (c, s)' = B(tau) (c, s),    B = [[1/2, -a/2], [a/2, -1/2]]      (traceless: SL(2, R))

with phi = 2 atan2(s, c) (continuous lift).  Over one drive period T the flow is a fixed 2x2
matrix M, the same for every initial phase: the period map of the phase is the Moebius map of
M.  So one period of integration per bias point replaces the transient and the averaging
window, the circle map is iterated with a few flops, and:

* the junction is phase locked (on a Shapiro step) exactly where |tr M| >= 2 (M hyperbolic);
  the step edges are the roots of |tr M| = 2, found to the integration accuracy;
* on a step the phase advance per period is 2 pi n: the lifted rotation of M's eigenvector.

Integration: fourth-order Magnus (two Gauss points) with the exact exponential of the
traceless 2x2 generator, so each step is an exact SL(2, R) matrix (det = 1 to rounding).
The rotation of the first column is lifted continuously (it turns by far less than pi/2 per
step); any other vector's lifted rotation follows from it because lines of a linear planar
flow never cross: its image lies strictly between M e1 and -M e1.
"""

from __future__ import annotations

import math

import numba as nb
import numpy as np

SQRT3 = math.sqrt(3.0)
TWO_PI = 2.0 * math.pi


@nb.njit(cache=True, inline="always")
def _expm_traceless(alpha, beta, gamma):
    """exp(alpha Z + beta J + gamma X) with Z = diag(1, -1), J = [[0, -1], [1, 0]],
    X = [[0, 1], [1, 0]]; returns the four entries (m00, m01, m10, m11)."""
    mu2 = alpha * alpha + gamma * gamma - beta * beta
    if mu2 > 0.0:
        mu = math.sqrt(mu2)
        ch = math.cosh(mu)
        sh = math.sinh(mu) / mu
    elif mu2 < 0.0:
        mu = math.sqrt(-mu2)
        ch = math.cos(mu)
        sh = math.sin(mu) / mu
    else:
        ch = 1.0
        sh = 1.0
    return ch + sh * alpha, sh * (gamma - beta), sh * (gamma + beta), ch - sh * alpha


@nb.njit(cache=True)
def period_map(i_dc, i_ac, omega, step_phase):
    """Fundamental matrix over one drive period of a = i_dc + i_ac sin(omega tau).

    The step h is the largest T/n with h (1 + |i_dc| + |i_ac|) <= ``step_phase`` (at least
    64 steps): the local error of the fourth-order Magnus step scales as
    (h max|B|)^5, so ``step_phase`` sets the accuracy uniformly over a sweep.

    Returns (m00, m01, m10, m11, theta1): the matrix (det 1) and the lifted rotation angle
    of its first column e1 = (1, 0) (phi = 0) over the period; the phase advance of phi = 0 is
    2 theta1.
    """
    period = TWO_PI / omega
    n_steps = max(64, math.ceil(period * (1.0 + abs(i_dc) + abs(i_ac)) / step_phase))
    h = period / n_steps
    g1 = 0.5 - SQRT3 / 6.0
    g2 = 0.5 + SQRT3 / 6.0
    m00, m01, m10, m11 = 1.0, 0.0, 0.0, 1.0
    theta = 0.0
    for k in range(n_steps):
        t = k * h
        a1 = i_dc + i_ac * math.sin(omega * (t + g1 * h))
        a2 = i_dc + i_ac * math.sin(omega * (t + g2 * h))
        # Omega = h/2 (B1 + B2) + (sqrt3/12) h^2 [B2, B1], B = Z/2 + (a/2) J,
        # [B2, B1] = -(a1 - a2)/2 X
        e00, e01, e10, e11 = _expm_traceless(
            0.5 * h, 0.25 * h * (a1 + a2), -SQRT3 / 24.0 * h * h * (a1 - a2)
        )
        n00 = e00 * m00 + e01 * m10
        n01 = e00 * m01 + e01 * m11
        n10 = e10 * m00 + e11 * m10
        n11 = e10 * m01 + e11 * m11
        # rotation of the first column (c, s) = (m00, m10)
        theta += math.atan2(m00 * n10 - m10 * n00, m00 * n00 + m10 * n10)
        m00, m01, m10, m11 = n00, n01, n10, n11
        scale = abs(m00) + abs(m01) + abs(m10) + abs(m11)
        if scale > 1e100:  # keep the projective map; det is restored at the end
            m00 /= scale
            m01 /= scale
            m10 /= scale
            m11 /= scale
    det = m00 * m11 - m01 * m10
    r = 1.0 / math.sqrt(det)
    return m00 * r, m01 * r, m10 * r, m11 * r, theta


@nb.njit(cache=True, inline="always")
def _lifted_step(m00, m01, m10, m11, theta1, ang):
    """Image of the phase-angle ang = phi/2 (lifted) under one period; returns the new lift."""
    # reduce to a vector at angle r in [0, pi) from e1, remembering the whole turns
    base = math.floor(ang / math.pi) * math.pi
    r = ang - base
    c = math.cos(r)
    s = math.sin(r)
    nc = m00 * c + m01 * s
    ns = m10 * c + m11 * s
    # lift: the image lies in [theta1, theta1 + pi) relative to e1's image
    d = math.atan2(ns, nc) - theta1
    d -= TWO_PI * math.floor(d / TWO_PI)
    if d >= math.pi:  # rounding at the boundary
        d -= TWO_PI
    return base + theta1 + d


@nb.njit(cache=True, parallel=True)
def period_maps(i_dc, i_ac, omega, step_phase):
    """period_map over flat arrays of bias points (prange); returns (n, 5)."""
    n = i_dc.size
    out = np.empty((n, 5))
    for k in nb.prange(n):
        m = period_map(i_dc[k], i_ac[k], omega[k], step_phase)
        for j in range(5):
            out[k, j] = m[j]
    return out


@nb.njit(cache=True)
def sweep_average(maps, phi0, n_transient, n_average):
    """Carry the phase along rows of bias points, as a sweep does.

    ``maps`` (C, K, 5) from :func:`period_maps`; each row is a chain starting at ``phi0[c]``.
    At each point the phase is mapped through ``n_transient`` periods and then
    ``n_average`` periods; returns the phase advance over the averaging periods (C, K) and
    the final phases.
    """
    n_chain, n_bias = maps.shape[0], maps.shape[1]
    advance = np.empty((n_chain, n_bias))
    final = np.empty(n_chain)
    for c in range(n_chain):
        ang = 0.5 * phi0[c]
        for k in range(n_bias):
            m00, m01, m10, m11, th = (
                maps[c, k, 0], maps[c, k, 1], maps[c, k, 2], maps[c, k, 3], maps[c, k, 4],
            )  # fmt: skip
            for _ in range(n_transient):
                ang = _lifted_step(m00, m01, m10, m11, th, ang)
            start = ang
            for _ in range(n_average):
                ang = _lifted_step(m00, m01, m10, m11, th, ang)
            advance[c, k] = 2.0 * (ang - start)
            ang -= math.floor(ang / math.pi) * math.pi  # keep phi within [0, 2 pi)
        final[c] = 2.0 * ang
    return advance, final


@nb.njit(cache=True)
def locked_order(m00, m01, m10, m11, theta1):
    """Step index n of a locked (hyperbolic) period map: the phase of the stable periodic
    orbit advances by 2 pi n per period.  Returns n, or a huge sentinel when not locked."""
    tr = m00 + m11
    disc = 0.25 * tr * tr - 1.0
    if disc < 0.0:
        return 1 << 40
    lam = 0.5 * tr + math.copysign(math.sqrt(disc), tr)  # dominant eigenvalue: stable orbit
    # eigenvector of M for lam: (m01, lam - m00) or (lam - m11, m10)
    c = m01
    s = lam - m00
    if abs(c) + abs(s) < 1e-300 * (1.0 + abs(lam)):
        c = lam - m11
        s = m10
    ang = math.atan2(s, c)
    ang -= math.floor(ang / math.pi) * math.pi
    new = _lifted_step(m00, m01, m10, m11, theta1, ang)
    return round((new - ang) / math.pi)
