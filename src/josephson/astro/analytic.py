"""Closed forms for rotating, magnetised neutron stars (document 000, eqs. 18–21, 28–29), Gaussian cgs.

* :func:`vortex_density` — Feynman–Onsager areal density of neutron vortices 2Ω/κ with the
  neutron pair circulation κ = h/2m_n; :func:`flux_tube_density` — B/Φ0 with the proton flux
  quantum Φ0 = hc/2e = πħc/e; :func:`spacing` — the mean distance n^(−1/2) of an array.
* :func:`creep_velocity` — the outward vortex velocity v_Lr = −(Ω̇/2Ω) r of eq. 18 (vortex-number
  conservation of the spinning-down array).
* :func:`dipole_field` — the conventional magnetic-dipole spin-down estimate
  B = 3.2·10¹⁹ √(P Ṗ) G (R = 10 km, I = 10⁴⁵ g cm², orthogonal rotator), and
  :func:`spin_down` — Ω, Ω̇ and τ = Ω/|Ω̇| = P/Ṗ (the document's τ; the characteristic age is τ/2).

All functions broadcast over NumPy arrays.
"""

from __future__ import annotations

import numpy as np

from ..errors import ParameterError
from ..units import CGS

__all__ = [
    "KAPPA_NEUTRON",
    "YEAR",
    "creep_velocity",
    "crossing_frequency",
    "dipole_field",
    "flux_tube_density",
    "spacing",
    "spin_down",
    "vortex_density",
]

#: circulation quantum of a neutron Cooper pair, h/2m_n (cm² s⁻¹)
KAPPA_NEUTRON = CGS.h / (2 * CGS.m_n)
#: one Julian year in s
YEAR = 365.25 * 86400.0


def _positive(name, value, what="> 0"):
    arr = np.asarray(value, dtype=float)
    if arr.size == 0 or not np.all(np.isfinite(arr)) or np.any(arr <= 0):
        raise ParameterError(name, value, what)
    return arr


def vortex_density(omega):
    """Areal density of neutron vortices 2Ω/κ (cm⁻²) for angular velocity ``omega`` (rad s⁻¹)."""
    return 2 * _positive("omega", omega, "an angular velocity > 0 (rad/s)") / KAPPA_NEUTRON


def flux_tube_density(field):
    """Areal density of proton flux tubes B/Φ0 (cm⁻²) for a mean field ``field`` (G)."""
    return _positive("field", field, "a magnetic field > 0 (G)") / CGS.flux_quantum


def spacing(density):
    """Mean spacing n^(−1/2) (cm) of an array of areal density ``density`` (cm⁻²)."""
    return 1 / np.sqrt(_positive("density", density, "an areal density > 0 (cm^-2)"))


def creep_velocity(radius, lifetime):
    """Outward vortex velocity v_Lr = −(Ω̇/2Ω) r = r/(2τ) (cm s⁻¹) at cylindrical radius ``radius``
    (cm) for the spin-down time τ = Ω/|Ω̇| ``lifetime`` (s) (eq. 18)."""
    r = _positive("radius", radius, "a radius > 0 (cm)")
    return r / (2 * _positive("lifetime", lifetime, "a spin-down time > 0 (s)"))


def crossing_frequency(radius, lifetime, density):
    """Angular frequency at which lines of an array cross a fixed interface, ω = v_Lr/d (rad s⁻¹):
    eq. 21 (ω_V, vortices, ``density`` = 2Ω/κ) and eq. 29 (ω_p, flux tubes, ``density`` = B/Φ0),
    with v_Lr = r/2τ (eq. 18) at cylindrical radius ``radius`` (cm) and d = density^(−1/2)."""
    return creep_velocity(radius, lifetime) / spacing(density)


def spin_down(period, pdot):
    """``(omega, omega_dot, lifetime)`` from the period P (s) and its derivative Ṗ: Ω = 2π/P,
    Ω̇ = −2πṖ/P², τ = Ω/|Ω̇| = P/Ṗ (s).  Ṗ ≤ 0 (spin-up) is refused: the formulas of document
    000 need a spinning-down star."""
    p = _positive("period", period, "a rotation period > 0 (s)")
    pd = _positive("pdot", pdot, "a period derivative > 0 (spin-down; dimensionless, s/s)")
    return 2 * np.pi / p, -2 * np.pi * pd / p**2, p / pd


def dipole_field(period, pdot):
    """Surface dipole field estimate B = 3.2·10¹⁹ √(P Ṗ) G (vacuum dipole, R = 10 km,
    I = 10⁴⁵ g cm², magnetic axis orthogonal to the spin)."""
    p = _positive("period", period, "a rotation period > 0 (s)")
    pd = _positive("pdot", pdot, "a period derivative > 0 (spin-down)")
    return 3.2e19 * np.sqrt(p * pd)
