"""Closed forms of the open-system junction model (document 004, Secs. III.2–IV.4).

Everything here broadcasts over NumPy arrays.  Dimensionless variables (eqs. 43–46):

    τ = γt,  v = V/Ṽ,  i = I/Ĩ  with  Ṽ = ħ/(2eRC),  Ĩ = Ṽ/R,  γ = 1/RC,  α = K²/γ²,

and the engine equations (eq. 45)

    v' = i_tot − v − i_J,
    i_J' = −i_J − (i_S − 4α) v,
    i_S' = −i_S + i_J v.

Fixed points (eq. 48 and eq. 58): i_tot = v0 (1 + 4α/(1 + v0²)), i_J0 = 4αv0/(1 + v0²),
i_S0 = 4αv0²/(1 + v0²).

Stability (eqs. 59–62).  The Jacobian at a fixed point has the characteristic polynomial
λ³ + 3λ² + a1 λ + a0 with a1 = 3 + v0² + 4α/(1 + v0²) and a0 = (1 + v0²) i_tot'(v0).  The
Routh–Hurwitz conditions for a cubic with a2 = 3 > 0 are a0 > 0 and a2 a1 > a0; here
a2 a1 − a0 = 8 + 2v0² + 2·4α/(1 + v0²) + 4αv0²/(1 + v0²) > 0 always, so a fixed point is
stable exactly where i_tot'(v0) > 0 (eq. 61–62), and the loss of stability is never a Hopf
bifurcation.  Stronger (derived here): with μ = λ + 1 the polynomial is μ³ + pμ − q with
p = v0² + 4α/(1 + v0²) > 0 and q = 4αv0²/(1 + v0²) ≥ 0; the roots sum to zero and their
product is q, so the real root μ0 ≥ 0 and the complex pair has Re μ = −μ0/2 ≤ 0: the
complex eigenvalues always have Re λ ≤ −1, and only the real eigenvalue λ0 = μ0 − 1 can
cross zero (:func:`stability`).
"""

from __future__ import annotations

import math

import numpy as np
from scipy import constants as _sc

from .. import _validate

__all__ = [
    "HYSTERESIS_ONSET_ALPHA",
    "alpha_from_physical",
    "characteristic",
    "characteristic_slope",
    "critical_current",
    "extremal_voltages",
    "fixed_point",
    "fixed_points",
    "jacobian",
    "polynomial_coefficients",
    "retrapping_current",
    "routh_hurwitz_stable",
    "scales",
    "squid_alpha",
    "squid_critical_current",
    "squid_tunneling_squared",
    "stability",
]

#: α above which the characteristic has negative differential resistance (hysteresis):
#: i_c = i_r = 3√3 at α = 2 (eqs. 49–51).
HYSTERESIS_ONSET_ALPHA = 2.0


def _alpha(alpha) -> np.ndarray:
    return _validate.array("alpha", alpha, ndim=range(0, 8), low=0.0, allowed="α = K²/γ² >= 0")


def _finite(name, value) -> np.ndarray:
    return _validate.array(name, value, ndim=range(0, 8))


# --------------------------------------------------------------------------- characteristic
def characteristic(v, alpha):
    """Stationary current i_tot(v) = v (1 + 4α/(1 + v²)) (eq. 48)."""
    v, a = _finite("v", v), _alpha(alpha)
    return v * (1.0 + 4.0 * a / (1.0 + v * v))


def characteristic_slope(v, alpha):
    """di_tot/dv = 1 + 4α(1 − v²)/(1 + v²)² (the differential conductance, eq. 62)."""
    v, a = _finite("v", v), _alpha(alpha)
    w = 1.0 + v * v
    return 1.0 + 4.0 * a * (1.0 - v * v) / (w * w)


def extremal_voltages(alpha):
    """(v₋, v₊) of eq. 49: the positive voltages where i_tot'(v) = 0; NaN for α < 2."""
    a = _alpha(alpha)
    with np.errstate(invalid="ignore"):
        root = np.sqrt(np.where(a >= 2.0, a * (a - 2.0), np.nan))
        plus = 2.0 * a - 1.0 + 2.0 * root
        # v₋² = 2α − 1 − 2√(α(α−2)) rationalised: no cancellation at large α
        v_minus = np.sqrt((4.0 * a + 1.0) / plus)
        v_plus = np.sqrt(plus)
    return v_minus, v_plus


def critical_current(alpha):
    """Critical current i_c(α) of eq. 55 (units Ĩ = ħ/(2eR²C)).

    For α > 2 the local maximum of eq. 48 at v₋ (eq. 50); for 0 <= α <= 2 the value at the
    inflection point v = √3 (eq. 52), √3(1 + α).  Both give 3√3 at α = 2; i_c -> 2α as
    α -> ∞ (eq. 57) and equals the Stewart–McCumber β_c of the junction (eq. 56).
    """
    a = _alpha(alpha)
    with np.errstate(invalid="ignore", divide="ignore"):
        root = np.sqrt(np.maximum(a * (a - 2.0), 0.0))
        over = (1.0 + a + root) * np.sqrt((4.0 * a + 1.0) / (2.0 * a - 1.0 + 2.0 * root))
    return np.where(a > 2.0, over, math.sqrt(3.0) * (1.0 + a))


def retrapping_current(alpha):
    """Retrapping current i_r(α) = i_tot(v₊) of eq. 51; NaN for α < 2 (no hysteresis)."""
    a = _alpha(alpha)
    with np.errstate(invalid="ignore"):
        root = np.sqrt(np.where(a >= 2.0, a * (a - 2.0), np.nan))
        # 1 + α − √(α(α−2)) rationalised: no cancellation at large α
        return (1.0 + 4.0 * a) / (1.0 + a + root) * np.sqrt(2.0 * a - 1.0 + 2.0 * root)


# --------------------------------------------------------------------------- fixed points
def fixed_points(i_tot: float, alpha: float) -> np.ndarray:
    """All real voltages v0 with i_tot(v0) = ``i_tot`` (one or three), ascending.

    Roots of the cubic v³ − i v² + (1 + 4α) v − i = 0 (eq. 48 times 1 + v²), polished by
    Newton steps on eq. 48 itself.
    """
    i = _validate.scalar("i_tot", i_tot)
    a = float(_alpha(alpha))
    roots = np.roots([1.0, -i, 1.0 + 4.0 * a, -i])
    scale = max(1.0, abs(i), a)
    real = np.sort(roots[np.abs(roots.imag) <= 1e-7 * scale].real)
    for _ in range(3):  # Newton, keeping only steps that reduce the residual (double roots)
        res = characteristic(real, a) - i
        with np.errstate(divide="ignore", invalid="ignore"):
            trial = real - res / characteristic_slope(real, a)
        better = np.isfinite(trial) & (np.abs(characteristic(trial, a) - i) < np.abs(res))
        real = np.where(better, trial, real)
    # a double root (i_tot at i_c or i_r exactly) can appear twice
    keep = np.concatenate([[True], np.diff(real) > 1e-6 * scale])
    return real[keep]


def fixed_point(v0, alpha):
    """The fixed point (v0, i_J0, i_S0) on the characteristic at voltage ``v0`` (eq. 58),
    as a tuple of arrays, with the bias i_tot = characteristic(v0, alpha)."""
    v, a = _finite("v0", v0), _alpha(alpha)
    w = 1.0 + v * v
    return v, 4.0 * a * v / w, 4.0 * a * v * v / w


# --------------------------------------------------------------------------- stability
def jacobian(v0, alpha) -> np.ndarray:
    """Jacobian of eq. 45 at the fixed point of voltage v0 (eq. 59), shape (..., 3, 3)."""
    v, a = np.broadcast_arrays(_finite("v0", v0), _alpha(alpha))
    w = 1.0 + v * v
    jac = np.zeros((*v.shape, 3, 3))
    jac[..., 0, 0] = -1.0
    jac[..., 0, 1] = -1.0
    jac[..., 1, 0] = 4.0 * a / w
    jac[..., 1, 1] = -1.0
    jac[..., 1, 2] = -v
    jac[..., 2, 0] = 4.0 * a * v / w
    jac[..., 2, 1] = v
    jac[..., 2, 2] = -1.0
    return jac


def polynomial_coefficients(v0, alpha):
    """(a2, a1, a0) of the characteristic polynomial λ³ + a2 λ² + a1 λ + a0 (eq. 60)."""
    v, a = _finite("v0", v0), _alpha(alpha)
    w = 1.0 + v * v
    a1 = v * v + 4.0 * a / w + 3.0
    a0 = v * v + 4.0 * a * (1.0 - v * v) / w + 1.0
    return np.full(np.broadcast(v, a).shape, 3.0), a1 + 0.0 * a0, a0 + 0.0 * a1


def routh_hurwitz_stable(v0, alpha):
    """Linear stability by the Routh–Hurwitz criterion: a2 > 0, a0 > 0 and a2 a1 > a0."""
    a2, a1, a0 = polynomial_coefficients(v0, alpha)
    return (a2 > 0) & (a0 > 0) & (a2 * a1 > a0)


def stability(v0, alpha) -> dict:
    """Eigenvalues at the fixed point of voltage v0 in closed form (module docstring).

    Returns a dict: ``real`` the real eigenvalue λ0 = μ0 − 1, ``complex`` the pair member
    κ + iη with η >= 0 and κ = −1 − μ0/2 <= −1, and ``stable`` (λ0 < 0, equivalently
    i_tot'(v0) > 0).  μ0 >= 0 is the real root of μ³ + pμ − q, computed in the hyperbolic form
    μ0 = 2√(p/3) sinh(⅓ arsinh((3q/2p)√(3/p))), which keeps full relative accuracy for q << p.
    """
    v, a = _finite("v0", v0), _alpha(alpha)
    w = 1.0 + v * v
    p = v * v + 4.0 * a / w
    q = 4.0 * a * v * v / w
    with np.errstate(invalid="ignore", divide="ignore"):
        s = np.sqrt(np.maximum(p, 1e-300) / 3.0)
        mu0 = np.where(p > 0, 2.0 * s * np.sinh(np.arcsinh(q / (2.0 * s**3)) / 3.0), 0.0)
    eta = np.sqrt(p + 0.75 * mu0 * mu0)
    return {"real": mu0 - 1.0, "complex": (-1.0 - 0.5 * mu0) + 1j * eta, "stable": mu0 < 1.0}


# --------------------------------------------------------------------------- SQUID
def squid_tunneling_squared(flux, k_a, k_b):
    """|K|² = |K_A|² + |K_B|² + 2|K_A K_B| cos(2πΦ/Φ0) of eq. 69 (flux in units of Φ0,
    2eΦ/ħ = 2πΦ/Φ0); K_A, K_B the tunnelling rates of the two channels (any unit)."""
    f = _finite("flux", flux)
    ka = _validate.array("k_a", k_a, ndim=range(0, 8), low=0.0)
    kb = _validate.array("k_b", k_b, ndim=range(0, 8), low=0.0)
    return ka * ka + kb * kb + 2.0 * ka * kb * np.cos(2.0 * np.pi * f)


def squid_alpha(flux, k_a, k_b, gamma):
    """α(Φ) = |K(Φ)|²/γ² of the two-channel SQUID (eqs. 64–69); feed it to
    :func:`critical_current` for the flux modulation of i_c."""
    g = _validate.array("gamma", gamma, ndim=range(0, 8), low=0.0, low_open=True)
    return squid_tunneling_squared(flux, k_a, k_b) / (g * g)


def squid_critical_current(flux, k_a, k_b, gamma):
    """Critical current i_c(Φ) (units Ĩ) of the two-channel SQUID: eq. 55 at α = |K(Φ)|²/γ².

    Unlike the RCSJ SQUID (2|cos πΦ/Φ0|), the modulation follows |K|² of eq. 69: for large
    α it is ≈ 2|K|²/γ² (eq. 57), and for α <= 2 it is √3(1 + |K|²/γ²), which never vanishes.
    """
    return critical_current(squid_alpha(flux, k_a, k_b, gamma))


# --------------------------------------------------------------------------- units
def scales(resistance, capacitance) -> dict:
    """The physical scales of eqs. 38 and 43 for a junction of R (Ω) and C (F): damping rate
    γ = 1/RC (s⁻¹), voltage unit Ṽ = ħ/(2eRC) (V), current unit Ĩ = Ṽ/R (A)."""
    r = _validate.scalar("resistance", resistance, low=0.0, low_open=True)
    c = _validate.scalar("capacitance", capacitance, low=0.0, low_open=True)
    v_unit = _sc.hbar / (2.0 * _sc.e * r * c)
    return {"gamma": 1.0 / (r * c), "voltage": v_unit, "current": v_unit / r}


def alpha_from_physical(tunneling, resistance, capacitance):
    """α = K²/γ² = (K R C)² from the tunnelling rate K (s⁻¹), R (Ω) and C (F) (eq. 46)."""
    k = _validate.scalar("tunneling", tunneling, low=0.0)
    sc = scales(resistance, capacitance)
    return (k / sc["gamma"]) ** 2
