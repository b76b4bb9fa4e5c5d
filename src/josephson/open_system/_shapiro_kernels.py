"""Compiled fixed-step integrator of the field-driven engine equations (document 004, eq. 76).

    v'   = i_tot − v − i_J
    i_J' = −i_J − i_S u + 4αv,      u = v + v_f cos(ω_f τ)
    i_S' = −i_S + i_J u

Classical Runge–Kutta 4 with a whole number ``n`` of steps per field period T = 2π/ω_f, so
the window edges fall on period boundaries exactly and the field enters through a table of
cos(ω_f τ) at the 2n + 1 stage times of one period (the phase restarts every period: no
loss of precision in cos(ω_f τ) at late times).  The running integral q = ∫v dτ is carried
as a fourth RK4 component, so the period average of v has the order of the integrator.

The step must resolve the fastest rotation of the coherence, |u| <= |v| + v_f: the caller
chooses n from h·max|u| <= phase_step (RK4's phase error per step is (h|u|)⁵/120).

Chains (one per row of ``bias``: a v_f value and a sweep direction) run in parallel with
``numba.prange``; along a chain the state is carried from one bias point to the next.
"""

from __future__ import annotations

import math

import numba as nb
import numpy as np

TWO_PI = 2.0 * math.pi


@nb.njit(cache=True)
def cos_table(omega_f, n):
    """cos(ω_f τ) at τ = j h/2, j = 0 … 2n, with h = T/n: the RK4 stage times of a period."""
    h = TWO_PI / omega_f / n
    out = np.empty(2 * n + 1)
    for j in range(2 * n + 1):
        out[j] = math.cos(omega_f * (0.5 * h * j))
    return out


@nb.njit(cache=True, inline="always")
def _f(alpha, i_tot, v, ij, i_s, u):
    return i_tot - v - ij, -ij - i_s * u + 4.0 * alpha * v, -i_s + ij * u


@nb.njit(cache=True)
def period(alpha, i_tot, v_f, h, ctab, v, ij, i_s):
    """Advance the state by one field period (n = (len(ctab) − 1)/2 RK4 steps of size h).

    Returns (v, i_J, i_S, ∫v dτ over the period)."""
    n = (ctab.size - 1) // 2
    q = 0.0
    half = 0.5 * h
    for s in range(n):
        c0 = v_f * ctab[2 * s]
        c1 = v_f * ctab[2 * s + 1]
        c2 = v_f * ctab[2 * s + 2]
        a1, b1, d1 = _f(alpha, i_tot, v, ij, i_s, v + c0)
        v2, j2, s2 = v + half * a1, ij + half * b1, i_s + half * d1
        a2, b2, d2 = _f(alpha, i_tot, v2, j2, s2, v2 + c1)
        v3, j3, s3 = v + half * a2, ij + half * b2, i_s + half * d2
        a3, b3, d3 = _f(alpha, i_tot, v3, j3, s3, v3 + c1)
        v4, j4, s4 = v + h * a3, ij + h * b3, i_s + h * d3
        a4, b4, d4 = _f(alpha, i_tot, v4, j4, s4, v4 + c2)
        q += h * (v + 2.0 * v2 + 2.0 * v3 + v4) / 6.0
        v += h * (a1 + 2.0 * a2 + 2.0 * a3 + a4) / 6.0
        ij += h * (b1 + 2.0 * b2 + 2.0 * b3 + b4) / 6.0
        i_s += h * (d1 + 2.0 * d2 + 2.0 * d3 + d4) / 6.0
    return v, ij, i_s, q


@nb.njit(cache=True, parallel=True)
def sweep_average(alpha, bias, v_f, omega_f, steps, y0, n_transient, n_average):
    """Period-averaged voltage along adiabatic bias sweeps.

    bias : (C, K) bias sequence of each chain (in sweep order)
    v_f : (C,) field amplitude of each chain; steps : (C,) RK4 steps per field period
    y0 : (C, 3) initial (v, i_J, i_S); n_transient, n_average : whole field periods

    At every bias point the chain is driven for ``n_transient`` periods, then v is averaged
    over ``n_average`` periods.  Returns

    v_avg (C, K)      the window average ⟨v⟩
    spread (C, K)     ⟨v⟩ over the second half of the window minus ⟨v⟩ over the first half
                      (0 for a converged T-periodic orbit; needs n_average >= 2)
    residual (C, K)   max |y(end) − y(end − T)| over (v, i_J, i_S): distance from a T-periodic
                      orbit after the window
    y_end (C, 3)      final state of each chain
    """
    n_chain, n_bias = bias.shape
    v_avg = np.empty((n_chain, n_bias))
    spread = np.empty((n_chain, n_bias))
    residual = np.empty((n_chain, n_bias))
    y_end = np.empty((n_chain, 3))
    period_len = TWO_PI / omega_f
    half_a = n_average // 2
    for c in nb.prange(n_chain):
        n = steps[c]
        h = period_len / n
        ctab = cos_table(omega_f, n)
        vf = v_f[c]
        v, ij, i_s = y0[c, 0], y0[c, 1], y0[c, 2]
        for k in range(n_bias):
            i_tot = bias[c, k]
            for _ in range(n_transient):
                v, ij, i_s, _q = period(alpha, i_tot, vf, h, ctab, v, ij, i_s)
            first = 0.0
            second = 0.0
            pv, pj, ps = v, ij, i_s
            for p in range(n_average):
                pv, pj, ps = v, ij, i_s
                v, ij, i_s, q = period(alpha, i_tot, vf, h, ctab, v, ij, i_s)
                if p < half_a:
                    first += q
                else:
                    second += q
            v_avg[c, k] = (first + second) / (n_average * period_len)
            if half_a > 0:
                spread[c, k] = second / ((n_average - half_a) * period_len) - first / (
                    half_a * period_len
                )
            else:
                spread[c, k] = np.nan
            residual[c, k] = max(abs(v - pv), abs(ij - pj), abs(i_s - ps))
        y_end[c, 0], y_end[c, 1], y_end[c, 2] = v, ij, i_s
    return v_avg, spread, residual, y_end


@nb.njit(cache=True)
def trajectory(alpha, i_tot, v_f, omega_f, n, y0, n_periods):
    """States at the period boundaries τ = mT, m = 0 … n_periods (shape (n_periods + 1, 3)),
    and ∫v dτ over each period (shape (n_periods,)); a constant bias."""
    h = TWO_PI / omega_f / n
    ctab = cos_table(omega_f, n)
    out = np.empty((n_periods + 1, 3))
    qs = np.empty(n_periods)
    v, ij, i_s = y0[0], y0[1], y0[2]
    out[0, 0], out[0, 1], out[0, 2] = v, ij, i_s
    for m in range(n_periods):
        v, ij, i_s, qs[m] = period(alpha, i_tot, v_f, h, ctab, v, ij, i_s)
        out[m + 1, 0], out[m + 1, 1], out[m + 1, 2] = v, ij, i_s
    return out, qs
