"""Closed forms for rotating, magnetised neutron stars (document 000, eqs. 18–21, 28–29), Gaussian cgs.

* :func:`vortex_density` — Feynman–Onsager areal density of neutron vortices 2Ω/κ with the
  neutron pair circulation κ = h/2m_n; :func:`flux_tube_density` — B/Φ0 with the proton flux
  quantum Φ0 = hc/2e = πħc/e; :func:`spacing` — the mean distance n^(−1/2) of an array.
* :func:`creep_velocity` — the outward vortex velocity v_Lr = −(Ω̇/2Ω) r of eq. 18 (vortex-number
  conservation of the spinning-down array).
* :func:`larmor_power` (eq. 24), :func:`line_power` (eqs. 25 and 31, one vortex or flux tube),
  :func:`star_power` (eqs. 32–33, the whole star) and :func:`ohmic_power` (eq. 35).
* :func:`london_depth`, :func:`fermi_wavenumber`, :func:`eta_vortex` and :func:`eta_flux_tube`:
  the microscopic inputs of eqs. 32–33 (the document defines η_p; η_n follows from eq. 23 the
  same way).
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
    "eta_flux_tube",
    "eta_vortex",
    "fermi_wavenumber",
    "flux_tube_density",
    "larmor_power",
    "line_power",
    "london_depth",
    "ohmic_power",
    "spacing",
    "spin_down",
    "star_power",
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


# ---------------------------------------------------------------------------------------------
# radiation (eqs. 24–26, 31–35)

#: the factor of eq. 31 against eq. 25: the flux-tube current of eq. 30 averaged over the static
#: phase Δθ_p halves ⟨İ²⟩ (⟨cos²⟩ = ½), for Φ_max = Φ0
_SOURCE_FACTOR = {"vortex": 1.0, "flux_tube": 0.5}


def _source(source):
    from .._validate import choice

    return choice("source", source, tuple(_SOURCE_FACTOR))


def larmor_power(mean_square_current_rate, length):
    """Power radiated by a current element of length d carrying I(t): ⟨P⟩ = 2⟨İ²⟩d²/(3c³) (eq. 24;
    erg s⁻¹ for ⟨İ²⟩ in statA² s⁻² and d in cm)."""
    d = _positive("length", length, "a length > 0 (cm)")
    return 2 * np.asarray(mean_square_current_rate, dtype=float) * d**2 / (3 * CGS.c**3)


def line_power(amplitude, omega, *, length, width, height, source="vortex", flux_amplitude=1.0):
    """Time-averaged power radiated while one line crosses the interface (erg s⁻¹).

    ``source="vortex"``: eq. 25, ⟨P_V⟩ = (j_0,pn ω_V)² (d ℓ⊥ ℓ_z)²/(3c³), from eq. 24 with
    I = j_V ℓ⊥ℓ_z and j_V = j_0,pn sin(ω_V t + const) (eq. 22).
    ``source="flux_tube"``: eq. 31, ⟨P_Φ⟩ = (j_0 ω_p)² (d ℓ⊥ ℓ_z)²/(6c³) · (Φ_max/Φ0)², from
    eq. 24 with the current of eq. 30, j_0 sin(Δθ_p + a cos ω_p t), a = Φ_max/Φ0
    (``flux_amplitude``, the coefficient of cos ω_p t in the phase as eq. 30 prints it), averaged
    over the static phase Δθ_p: then ⟨İ²⟩ = (j_0 a ω_p ℓ⊥ℓ_z)²/4 exactly, half the vortex value,
    which is where the 6 comes from; the document's eq. 31 is a = 1.
    ``amplitude`` in statA cm⁻², ``omega`` in rad s⁻¹, ``length`` d, ``width`` ℓ⊥ and ``height``
    ℓ_z in cm.
    """
    factor = _SOURCE_FACTOR[_source(source)]
    if source == "flux_tube":
        factor = factor * np.asarray(flux_amplitude, dtype=float) ** 2
    area = (
        _positive("length", length, "a length > 0 (cm)")
        * _positive("width", width, "a length > 0 (cm)")
        * _positive("height", height, "a length > 0 (cm)")
    )
    return factor * (np.asarray(amplitude) * np.asarray(omega)) ** 2 * area**2 / (3 * CGS.c**3)


def star_power(*, eta, fermi_velocity, density, penetration_depth, radius, line_spacing,
               lifetime, source="vortex"):  # fmt: skip
    """Power radiated by all lines of one kind crossing the interface (erg s⁻¹), eqs. 32–33:

    ⟨P⋆⟩ = (α_e π η²/6s) (v_F/c)² (n λ² R)² (R/d)³ ħ/τ²,  s = 1 (vortices), 2 (flux tubes),

    with α_e = e²/ħc, η = ``eta`` (η_n or η_p), v_F = ``fermi_velocity`` (cm s⁻¹; the
    document's "νF_n"), n = ``density`` (cm⁻³; n_n or n_p), λ = ``penetration_depth`` (cm),
    R = ``radius``, d = ``line_spacing`` (d_n or d_p) and τ = ``lifetime`` (s).  It is eq. 25
    (or 31) with j_0 = e n v_F η, ω = v_Lr(R)/d = R/(2τd), d = ℓ⊥ = λ and ℓ_z = R, times the
    N = 2πR/d lines on the equator.
    """
    s = 1.0 / _SOURCE_FACTOR[_source(source)]
    alpha = CGS.e**2 / (CGS.hbar * CGS.c)
    r = _positive("radius", radius, "a radius > 0 (cm)")
    lam = _positive("penetration_depth", penetration_depth, "a length > 0 (cm)")
    d = _positive("line_spacing", line_spacing, "a spacing > 0 (cm)")
    tau = _positive("lifetime", lifetime, "a spin-down time > 0 (s)")
    n = _positive("density", density, "a number density > 0 (cm^-3)")
    v = np.asarray(fermi_velocity, dtype=float)
    return (
        alpha * np.pi * np.asarray(eta, dtype=float) ** 2 / (6 * s)
        * (v / CGS.c) ** 2 * (n * lam**2 * r) ** 2 * (r / d) ** 3 * CGS.hbar / tau**2
    )  # fmt: skip


def fermi_wavenumber(density):
    """k_F = (3π² n)^(1/3) (cm⁻¹) of one spin-½ species of number density ``density`` (cm⁻³)."""
    return np.cbrt(3 * np.pi**2 * _positive("density", density, "a number density > 0 (cm^-3)"))


def london_depth(density, mass=None):
    """London penetration depth λ = [m c²/(4π e² n)]^(1/2) (cm) of a charged condensate of
    ``density`` n (cm⁻³; for entrained protons the eq. 1 diagonal ρ_pp/m_p) and particle
    ``mass`` (g; default the proton mass)."""
    m = CGS.m_p if mass is None else _positive("mass", mass, "a mass > 0 (g)")
    n = _positive("density", density, "a number density > 0 (cm^-3)")
    return np.sqrt(m * CGS.c**2 / (4 * np.pi * CGS.e**2 * n))


def eta_flux_tube(kappa_np, zeta_p, k_fp):
    """η_p = (1 − κ_np)/(2 ζ_p k_Fp) as the document defines it after eq. 33 (κ_np = ρ_pn/ρ_pp;
    ζ_p in cm, k_Fp in cm⁻¹): j_0,pp of eq. 15 equals e n_p v_Fp η_p with |ψ_p|² = n_p/2 and
    v_Fp = ħk_Fp/m_p."""
    z = _positive("zeta_p", zeta_p, "a barrier length > 0 (cm)")
    return (1 - np.asarray(kappa_np, dtype=float)) / (2 * z * np.asarray(k_fp, dtype=float))


def eta_vortex(kappa_np, zeta_n, k_fn):
    """η_n = κ_np (m_n/m_p)/(2 ζ_n k_Fn), the neutron analogue of η_p that the document leaves
    undefined: it makes j_0,pn of eq. 23 (with ρ_pn/ρ_pp = κ_np) equal e n_n v_Fn η_n with
    |ψ_n|² = n_n/2 and v_Fn = ħk_Fn/m_n."""
    z = _positive("zeta_n", zeta_n, "a barrier length > 0 (cm)")
    k = np.asarray(k_fn, dtype=float)
    return np.asarray(kappa_np, dtype=float) * (CGS.m_n / CGS.m_p) / (2 * z * k)


def ohmic_power(field=1e13, conductivity=1e23, thickness=0.5e5):
    """Ohmic dissipation as the document quotes it (eq. 35, erg s⁻¹):
    10²⁷ (B_cr/10¹³ G)² (10²³ s⁻¹/σ) (δR/0.5 km), for the crustal field ``field`` (G), the
    electrical conductivity ``conductivity`` σ (s⁻¹) and the thickness ``thickness`` δR (cm) of the
    dissipating layer.  A quoted scaling, not derived here."""
    b = _positive("field", field, "a magnetic field > 0 (G)")
    sigma = _positive("conductivity", conductivity, "a conductivity > 0 (s^-1)")
    dr = _positive("thickness", thickness, "a layer thickness > 0 (cm)")
    return 1e27 * (b / 1e13) ** 2 * (1e23 / sigma) * (dr / 0.5e5)
