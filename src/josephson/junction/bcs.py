"""The weak-coupling BCS gap Δ(T) and the Ambegaokar–Baratoff critical current.

Everything here is a closed-form-style function of the reduced temperature t = T/T_c that
broadcasts over arrays.  The gap is the solution of the weak-coupling BCS gap equation
(no interpolation formula), in two independent formulations:

``"matsubara"`` (default), in units of k_B T_c
    ln(1/t) = 2π t Σ_{n>=0} [1/ω_n - 1/sqrt(ω_n² + δ²)],  ω_n = π t (2n + 1),
    δ = Δ/k_B T_c.  The first 32 terms are summed explicitly; the rest by the Euler–Maclaurin
    formula with the exact integral and derivatives up to 7th order (remainder < 1e-18).
    The result is divided by ``BCS_GAP_RATIO`` = Δ(0)/k_B T_c = π e^{-γ_E}.

``"integral"``, in units of Δ(0)
    ln(Δ(0)/Δ) = 2 ∫_0^∞ dξ f(E)/E,  E = sqrt(ξ² + Δ²),  f the Fermi function at
    k_B T = t Δ(0)/BCS_GAP_RATIO.  With ξ = Δ sinh x the integral is ∫_0^∞ f(Δ cosh x) dx,
    computed by the trapezoidal rule (step 0.1: error ~ exp(-π²/0.1), the poles of f sit at
    Im x = ±π/2).

Both are solved by a vectorised, bracketed Newton iteration on Δ² to 1e-14 relative.
Measured agreement (700 temperatures in [0.011, 0.9999]): 5.3e-14 in Δ/Δ(0), i.e. 3e-12
relative at t = 0.9999 where Δ/Δ(0) = 0.017.  Closer to T_c the integral form loses digits to
the cancellation ln(1/d) - 2∫... ~ ln(1/t), a rounding error of relative size ~7e-16/(1 - t):
at most 7e-11, 7e-10 and 7e-9 (median 2e-11, 2e-10, 2e-9) over 41 temperatures within ±10%
of 1 - t = 1e-5, 1e-6 and 1e-7.  1000 temperatures take ~3 ms ("matsubara") or ~30 ms
("integral").  The "integral" form knows T_c only through π e^{-γ_E}, so its agreement with
the Matsubara form checks that constant too.

For t <= 0.01 both return exactly 1: there 1 - Δ/Δ(0) ≈ sqrt(2π t/1.764) e^{-1.764/t}
is below 1e-76.  For t >= 1 the gap is exactly 0.
"""

from __future__ import annotations

import math

import numpy as np
from scipy import special

from .._validate import choice
from ..errors import ConvergenceError, ParameterError

__all__ = ["BCS_GAP_RATIO", "ambegaokar_baratoff", "bcs_gap"]

#: Δ(0)/k_B T_c of weak-coupling BCS theory, π e^{-γ_E} = 1.763877...
BCS_GAP_RATIO = math.pi * math.exp(-float(np.euler_gamma))

_T_ZERO = 0.01  # below: Δ = Δ(0) to double precision (see module docstring)
_N_EXPLICIT = 32  # explicit Matsubara terms before the Euler–Maclaurin tail
# B_2j/(2j)! for j = 1..4 (Euler–Maclaurin coefficients)
_EM = ((1, 1.0 / 12.0), (3, -1.0 / 720.0), (5, 1.0 / 30240.0), (7, -1.0 / 1209600.0))
_X_NODES = np.arange(0.0, 40.0 + 1e-9, 0.1)  # trapezoid nodes in x = asinh(ξ/Δ)
_X_WEIGHTS = np.full(_X_NODES.size, 0.1)
_X_WEIGHTS[0] = 0.05


def _check_temperature(reduced_temperature) -> np.ndarray:
    try:
        t = np.asarray(reduced_temperature, dtype=float)
    except (TypeError, ValueError):
        raise ParameterError(
            "reduced_temperature", reduced_temperature, "finite numbers T/T_c >= 0"
        ) from None
    if not np.all(np.isfinite(t)) or np.any(t < 0):
        raise ParameterError("reduced_temperature", reduced_temperature, "finite numbers >= 0")
    return t


def _matsubara_residual(t, x):
    """F(x) = 2πt Σ_n [1/ω_n - 1/sqrt(ω_n²+x)] - ln(1/t) and an approximate dF/dx.

    ``t`` and ``x = (Δ/k_B T_c)²`` are 1-d arrays of equal length.
    """
    t = t[:, None]
    xx = x[:, None]
    w = np.pi * t * (2 * np.arange(_N_EXPLICIT) + 1.0)
    s = np.sqrt(w * w + xx)
    two_pi_t = 2 * np.pi * t[:, 0]
    # 1/ω - 1/s = x/(ω s (s + ω)): no cancellation near T_c
    total = x * np.sum(1.0 / (w * s * (s + w)), axis=1)
    slope = 0.5 * np.sum(s**-3, axis=1)
    # Euler–Maclaurin tail Σ_{n>=N} g(n), g(n) = h(ω_n), h(ω) = 1/ω - (ω² + x)^(-1/2)
    wn = np.pi * t[:, 0] * (2 * _N_EXPLICIT + 1.0)
    sn = np.sqrt(wn * wn + x)
    total += np.log1p(x / (2 * wn * (sn + wn))) / two_pi_t  # ∫_N^∞ g(n) dn
    total += 0.5 * x / (wn * sn * (sn + wn))  # g(N)/2
    slope += 0.5 / (two_pi_t * sn * (sn + wn)) + 0.25 / sn**3
    mu = wn / sn
    for k, coef in _EM:
        # h^(k)(ω) = (-1)^k k! [ω^-(k+1) - P_k(ω/s) s^-(k+1)]  (Legendre generating function)
        hk = -math.factorial(k) * (wn ** -(k + 1) - special.eval_legendre(k, mu) * sn ** -(k + 1))
        total -= coef * two_pi_t**k * hk
    return two_pi_t * total + np.log(t[:, 0]), two_pi_t * slope


def _integral_residual(t, y):
    """G(y) = ln(1/d) - 2∫_0^∞ f(d cosh x) dx with d = sqrt(y) = Δ/Δ(0), and dG/dy."""
    d = np.sqrt(y)
    scale = BCS_GAP_RATIO / t  # Δ(0)/k_B T
    ch = np.cosh(_X_NODES)
    z = (d * scale)[:, None] * ch  # E/k_B T at ξ = Δ sinh x
    f = special.expit(-z)
    integral = f @ _X_WEIGHTS
    dint = -(scale[:, None] * ch * f * (1 - f)) @ _X_WEIGHTS  # d/dd of the integral
    g = -np.log(d) - 2 * integral
    dg = (-1.0 / d - 2 * dint) / (2 * d)
    return g, dg


def _solve(residual, t, lo, hi, guess, sign):
    """Bracketed Newton for residual(t, y) = 0 on [lo, hi]; sign = sign of residual at lo."""
    y = guess.copy()
    lo, hi = lo.copy(), hi.copy()
    active = np.ones(t.size, dtype=bool)
    for _ in range(200):
        idx = np.nonzero(active)[0]
        if idx.size == 0:
            return y
        r, dr = residual(t[idx], y[idx])
        below = sign * r > 0  # root lies above y
        lo[idx] = np.where(below, y[idx], lo[idx])
        hi[idx] = np.where(below, hi[idx], y[idx])
        with np.errstate(divide="ignore", invalid="ignore"):
            new = y[idx] - r / dr
        bad = ~np.isfinite(new) | (new <= lo[idx]) | (new >= hi[idx])
        new = np.where(bad, 0.5 * (lo[idx] + hi[idx]), new)
        new = np.where(r == 0, y[idx], new)  # an exact root
        done = np.abs(new - y[idx]) <= 1e-14 * np.abs(new)
        y[idx] = new
        active[idx[done]] = False
    raise ConvergenceError("bcs_gap Newton iteration", f"{int(active.sum())} temperatures left")


def bcs_gap(reduced_temperature, method: str = "matsubara"):
    """Δ(T)/Δ(0) of weak-coupling BCS theory at t = T/T_c, from the gap equation.

    Parameters
    ----------
    reduced_temperature : float or array_like
        t = T/T_c >= 0 (broadcasts).
    method : {"matsubara", "integral"}
        Which (independent) formulation of the gap equation to solve; see the module
        docstring.  They agree to 5.3e-14 in Δ/Δ(0) for t <= 0.9999 (to ~7e-16/(1 - t)
        relative closer to T_c).

    Returns
    -------
    float or numpy.ndarray
        Δ(T)/Δ(0) in [0, 1]: 1 at t = 0, ≈ 1.7367 sqrt(1 - t) as t -> 1
        (sqrt(8π²/7ζ(3))/(π e^{-γ_E}), Gor'kov), exactly 0 for
        t >= 1.  Multiply by ``BCS_GAP_RATIO`` for Δ/k_B T_c.

    Raises
    ------
    ParameterError
        For t < 0, NaN or infinity, or an unknown ``method``.
    """
    method = choice("method", method, ("matsubara", "integral"))
    t = _check_temperature(reduced_temperature)
    flat = t.ravel()
    out = np.where(flat >= 1, 0.0, 1.0)
    solve = (flat > _T_ZERO) & (flat < 1)
    if np.any(solve):
        ts = flat[solve]
        # starting point only (the root is the gap equation's): the standard tanh fit
        guess = np.tanh(1.74 * np.sqrt(1 / ts - 1)) ** 2
        ones, zeros = np.ones(ts.size), np.zeros(ts.size)
        if method == "matsubara":
            r2 = BCS_GAP_RATIO**2
            x = _solve(_matsubara_residual, ts, zeros, r2 * ones, r2 * guess, -1.0)
            out[solve] = np.sqrt(x) / BCS_GAP_RATIO
        else:
            y = _solve(_integral_residual, ts, zeros, ones, guess, 1.0)
            out[solve] = np.sqrt(y)
    out = out.reshape(t.shape)
    return float(out) if out.ndim == 0 else out


def ambegaokar_baratoff(reduced_temperature):
    """Ambegaokar–Baratoff I_c R_n of a tunnel junction in units of πΔ(0)/2e.

    I_c R_n = (πΔ(T)/2e) tanh(Δ(T)/2k_B T), so the returned value is
    (Δ/Δ(0)) tanh(Δ/2k_B T): 1 at T = 0, ≈ (4π e^{γ_E}/7ζ(3)) (1 - t) = 2.66 (1 - t) near T_c
    (I_c R_n -> πΔ²/4e k_B T_c), 0 for t >= 1.  Broadcasts; returns a float for scalar input.
    """
    t = _check_temperature(reduced_temperature)
    d = np.asarray(bcs_gap(t))
    with np.errstate(divide="ignore"):
        x = d * BCS_GAP_RATIO / (2 * t)  # Δ/2k_B T (inf at t = 0)
    out = d * np.tanh(x)
    return float(out) if out.ndim == 0 else out
