"""Compiled potential-and-interaction step of the Gross–Pitaevskii split-step method.

One pass over the grid applies, for every point and component j,

    ψ_j ← s_j ψ_j · exp(−i τ E_j),   E_j = Vs_j + f·Vb + Σ_l g_jl |ψ_l|² − μ_j,

with a complex step τ = tr − i·ti (real time: ti = 0; imaginary time: tr = 0; damped real
time: both), and returns Σ|ψ_j|² after the step (the norms, used to renormalise in imaginary
time).  ``s_j`` is a scale applied first (the renormalisation of the previous step, fused into
this pass); μ_j is a chemical-potential shift (imaginary time: the running estimate, so that
the norm hardly changes within a step and the nonlinearity is not weakened by the decay of an
unnormalised ψ — without it the fixed point would be off by O(τ)).

In real time |ψ_j| does not change, so the exponential is the exact flow of this part of the
Hamiltonian.  When ti ≠ 0 the densities change during the step; then E_j is evaluated at the
midpoint densities (n + n')/2 with n' = n·exp(−2 ti E_j), by ``iters`` fixed-point passes,
which keeps the half-steps symmetric (time-reversible) and the imaginary-time fixed point
accurate to O(τ²) instead of O(τ).

``step_serial`` runs one loop; ``step_parallel`` splits the grid into chunks over Numba
threads (worth it only for large 2D grids).
"""

from __future__ import annotations

import math

import numba as nb
import numpy as np

# Taylor coefficients of cos and sin
_C4, _C6, _C8, _C10, _C12, _C14 = (
    (-1) ** k / math.factorial(2 * k) for k in range(2, 8)
)
_S3, _S5, _S7, _S9, _S11, _S13, _S15 = (
    (-1) ** k / math.factorial(2 * k + 1) for k in range(1, 8)
)


@nb.njit(cache=True, inline="always")
def _cis(y):
    """(cos y, sin y): Taylor polynomials to y¹⁴ / y¹⁵ for |y| ≤ 0.5 (truncation < 1e-18,
    i.e. correctly rounded to an ulp, and ~2× faster than two libm calls — the phase of a real
    time step is almost always this small); libm beyond."""
    if abs(y) > 0.5:
        return math.cos(y), math.sin(y)
    y2 = y * y
    c = 1.0 + y2 * (-0.5 + y2 * (_C4 + y2 * (_C6 + y2 * (_C8 + y2 * (_C10 + y2 * (_C12 + y2 * _C14))))))
    s = y * (1.0 + y2 * (_S3 + y2 * (_S5 + y2 * (_S7 + y2 * (_S9 + y2 * (_S11 + y2 * (_S13 + y2 * _S15)))))))
    return c, s


@nb.njit(cache=True)
def _step_range(psi, vs, vb, frac, g, mu, tr, ti, scale, iters, p0, p1):
    c = psi.shape[0]
    s0 = 0.0
    s1 = 0.0
    if c == 1:
        g00 = g[0, 0]
        sc0 = scale[0]
        for p in range(p0, p1):
            z = psi[0, p] * sc0
            n0 = z.real * z.real + z.imag * z.imag
            base = vs[0, p] + frac * vb[p] - mu[0]
            e0 = base + g00 * n0
            for _ in range(iters):
                m0 = n0 * math.exp(-2.0 * ti * e0)
                e0 = base + g00 * 0.5 * (n0 + m0)
            if ti == 0.0:
                co, si = _cis(tr * e0)
                z = z * complex(co, -si)
            elif tr == 0.0:
                z = z * math.exp(-ti * e0)
            else:
                amp = math.exp(-ti * e0)
                co, si = _cis(tr * e0)
                z = z * complex(amp * co, -amp * si)
            psi[0, p] = z
            s0 += z.real * z.real + z.imag * z.imag
    else:
        g00 = g[0, 0]
        g01 = g[0, 1]
        g10 = g[1, 0]
        g11 = g[1, 1]
        sc0 = scale[0]
        sc1 = scale[1]
        for p in range(p0, p1):
            z0 = psi[0, p] * sc0
            z1 = psi[1, p] * sc1
            n0 = z0.real * z0.real + z0.imag * z0.imag
            n1 = z1.real * z1.real + z1.imag * z1.imag
            fb = frac * vb[p]
            b0 = vs[0, p] + fb - mu[0]
            b1 = vs[1, p] + fb - mu[1]
            e0 = b0 + g00 * n0 + g01 * n1
            e1 = b1 + g10 * n0 + g11 * n1
            for _ in range(iters):
                m0 = 0.5 * (n0 + n0 * math.exp(-2.0 * ti * e0))
                m1 = 0.5 * (n1 + n1 * math.exp(-2.0 * ti * e1))
                e0 = b0 + g00 * m0 + g01 * m1
                e1 = b1 + g10 * m0 + g11 * m1
            if ti == 0.0:
                co0, si0 = _cis(tr * e0)
                co1, si1 = _cis(tr * e1)
                z0 = z0 * complex(co0, -si0)
                z1 = z1 * complex(co1, -si1)
            elif tr == 0.0:
                z0 = z0 * math.exp(-ti * e0)
                z1 = z1 * math.exp(-ti * e1)
            else:
                a0 = math.exp(-ti * e0)
                a1 = math.exp(-ti * e1)
                co0, si0 = _cis(tr * e0)
                co1, si1 = _cis(tr * e1)
                z0 = z0 * complex(a0 * co0, -a0 * si0)
                z1 = z1 * complex(a1 * co1, -a1 * si1)
            psi[0, p] = z0
            psi[1, p] = z1
            s0 += z0.real * z0.real + z0.imag * z0.imag
            s1 += z1.real * z1.real + z1.imag * z1.imag
    return s0, s1


@nb.njit(cache=True)
def step_serial(psi, vs, vb, frac, g, mu, tr, ti, scale, iters):
    """The potential step on psi (c, M) in place; returns Σ|ψ_j|² (2,) after the step."""
    s0, s1 = _step_range(psi, vs, vb, frac, g, mu, tr, ti, scale, iters, 0, psi.shape[1])
    out = np.empty(2)
    out[0] = s0
    out[1] = s1
    return out


@nb.njit(cache=True, parallel=True)
def step_parallel(psi, vs, vb, frac, g, mu, tr, ti, scale, iters, chunks):
    """As :func:`step_serial`, the grid split into ``chunks`` pieces over Numba threads."""
    m = psi.shape[1]
    part = np.zeros((chunks, 2))
    for b in nb.prange(chunks):
        p0 = b * m // chunks
        p1 = (b + 1) * m // chunks
        s0, s1 = _step_range(psi, vs, vb, frac, g, mu, tr, ti, scale, iters, p0, p1)
        part[b, 0] = s0
        part[b, 1] = s1
    out = np.zeros(2)
    for b in range(chunks):
        out[0] += part[b, 0]
        out[1] += part[b, 1]
    return out
