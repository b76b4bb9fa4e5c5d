"""Closed forms for entrainment in the neutron-star crust (document 001, crust part).

Units: lengths in fm, energies in MeV, number densities in fm⁻³ (fm⁻¹ in one dimension).
Mass densities of the nuclear formulas are measured in nucleon masses per fm³, that is, a mass
density is a nucleon number density times one common nucleon mass; the masses that come out are
then in nucleon masses.  Where a mass enters an energy (the ion plasma frequency, the zero-point
motion) it is given in MeV/c²; :data:`NEUTRON_MASS_MEV` converts.  The elementary charge enters
in Gaussian form through e² = 1.439964... MeV fm, derived from :class:`josephson.units.CGS`.

Hydrodynamics of a single ion (Epstein & Baym, ApJ 328, 680 and 333, 880, 1988):

* :func:`epstein_baym_mass` — m_I* = m_I + ((λ−1)²/(λ+2)) m_d with the mass of displaced
  neutrons m_d = (4/3)πR³ρ_n,o, the mass carried by the ion m_I = m_I0 − (4/3)πR³ρ_s,i, the mass
  inside the ion m_I0 = (4/3)πR³(ρ_n,i + ρ_p,i) and λ = ρ_s,i/ρ_n,o;
  :func:`normalised_ion_mass` — the document's form of m_I*/m_I.
* :func:`ion_mass_from_superfluid` and :func:`superfluid_from_ion_mass` — the identity
  m_I* = (ρ̄ − ρ_n,s)/n_I that ties the ion mass to the superfluid density.

Lattice vibrations:

* :func:`debye_waller` — the factor exp(−G²⟨δr²⟩/6) on the Fourier components of U_n;
* :func:`ion_plasma_frequency` — ω_I* = √(4πZ²e²n_I/m_I*);
* :func:`zero_point_displacement` — ⟨δr²⟩ ≈ 3ħ⟨ω_I*/ω_ph⟩/(2m_I*ω_I*);
* :func:`self_consistent_ion_mass` — the fixed point of the loop
  m_I* → ω_I* → ⟨δr²⟩ → ρ_n,s → m_I* (Chamel, PRC 111, 055803, 2025).

Exact one-dimensional references for the band solver:

* :func:`kronig_penney_dispersion`, :func:`kronig_penney_bands`,
  :func:`kronig_penney_superfluid_density` — square barriers;
* :func:`mathieu_band_edges` — the cosine potential U(x) = 2V cos(2πx/a).

All functions broadcast over NumPy arrays where that is natural.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
from scipy import constants as _sc
from scipy import optimize, special

from ..._validate import choice, scalar, whole
from ...errors import ConvergenceError, ParameterError
from ...units import CGS

__all__ = [
    "BCC_INVERSE_PHONON_MOMENT",
    "E2_MEV_FM",
    "HBAR2_2M_NEUTRON",
    "HBAR_C_MEV_FM",
    "NEUTRON_MASS_MEV",
    "IonMassFixedPoint",
    "KronigPenneySuperfluid",
    "PlasmaFrequency",
    "bound_neutrons",
    "debye_waller",
    "epstein_baym_mass",
    "ion_mass_from_superfluid",
    "ion_plasma_frequency",
    "kronig_penney_bands",
    "kronig_penney_dispersion",
    "kronig_penney_superfluid_density",
    "mathieu_band_edges",
    "normalised_ion_mass",
    "self_consistent_ion_mass",
    "superfluid_from_ion_mass",
    "zero_point_displacement",
]

#: ħc in MeV fm (from scipy.constants, 197.3269804... MeV fm)
HBAR_C_MEV_FM = CGS.hbar_c_mev_fm
#: neutron rest energy m_n c² in MeV (scipy.constants, 939.565... MeV)
NEUTRON_MASS_MEV = _sc.physical_constants["neutron mass energy equivalent in MeV"][0]
#: ħ²/2m_n = (ħc)²/(2 m_n c²) in MeV fm² (≈ 20.72125 MeV fm² with CODATA 2018 and 2022)
HBAR2_2M_NEUTRON = HBAR_C_MEV_FM**2 / (2 * NEUTRON_MASS_MEV)
#: the squared elementary charge of Gaussian units, e² = αħc, in MeV fm (≈ 1.439965 MeV fm)
E2_MEV_FM = CGS.e**2 / (CGS.mev * CGS.fm)
#: u₋₁ = ⟨ω_p/ω⟩, the inverse first moment of the phonon spectrum of a body-centred cubic Coulomb
#: crystal (value of Baiko et al., PRE 64, 057402, 2001, as used in Potekhin's conductivity
#: code); it is the ⟨ω_I*/ω_ph⟩ of :func:`zero_point_displacement` for a bcc crust
BCC_INVERSE_PHONON_MOMENT = 2.79855

_SPHERE = 4.0 * math.pi / 3.0


def _nonneg(name, value, what):
    arr = np.asarray(value, dtype=float)
    if arr.size == 0 or not np.all(np.isfinite(arr)) or np.any(arr < 0):
        raise ParameterError(name, value, what)
    return arr


def _pos(name, value, what):
    arr = np.asarray(value, dtype=float)
    if arr.size == 0 or not np.all(np.isfinite(arr)) or np.any(arr <= 0):
        raise ParameterError(name, value, what)
    return arr


def _finite(name, value, what):
    arr = np.asarray(value, dtype=float)
    if arr.size == 0 or not np.all(np.isfinite(arr)):
        raise ParameterError(name, value, what)
    return arr


def _out(x):
    """A 0-d array as a Python float, anything else unchanged."""
    return float(x) if np.ndim(x) == 0 else x


# ---------------------------------------------------------------------------------------------
# Epstein–Baym hydrodynamics


def _ion_densities(rho_n_in, rho_p_in, rho_n_out, rho_s_in):
    """The four mass densities of the Epstein–Baym formulas, checked (nucleon masses fm⁻³)."""
    n_in = _nonneg("rho_n_in", rho_n_in, "a mass density >= 0 (nucleon masses fm^-3)")
    p_in = _nonneg("rho_p_in", rho_p_in, "a mass density >= 0 (nucleon masses fm^-3)")
    n_out = _pos("rho_n_out", rho_n_out, "a mass density > 0 (nucleon masses fm^-3)")
    s_in = _nonneg("rho_s_in", rho_s_in, "a mass density >= 0 (nucleon masses fm^-3)")
    if np.any(s_in > (n_in + p_in) * (1 + 1e-12)):
        raise ParameterError(
            "rho_s_in", rho_s_in, "at most rho_n_in + rho_p_in (the nucleons inside the ion)"
        )
    return n_in, p_in, n_out, s_in


def epstein_baym_mass(radius, rho_n_in, rho_p_in, rho_n_out, rho_s_in) -> dict:
    """Hydrodynamic effective mass of one ion in the neutron superfluid (Epstein & Baym 1988).

    A sphere of radius ``radius`` (fm) holds neutrons and protons of mass densities ``rho_n_in``
    and ``rho_p_in``, of which the mass density ``rho_s_in`` takes part in the superflow; outside
    it the neutron fluid has mass density ``rho_n_out``.  Mass densities are in nucleon masses
    per fm³ (nucleon number densities in fm⁻³ with one common nucleon mass), so the masses
    returned are in nucleon masses.  The result is a dict with ``m_I_star`` (the effective mass
    m_I* = m_I + ((λ−1)²/(λ+2)) m_d), ``m_I`` (mass transported by the ion,
    m_I0 − (4/3)πR³ρ_s,i), ``m_d`` (mass of displaced neutrons, (4/3)πR³ρ_n,o), ``m_I0`` (mass
    inside the ion, (4/3)πR³(ρ_n,i + ρ_p,i)) and ``lambda`` (λ = ρ_s,i/ρ_n,o).

    The backflow factor comes from potential flow.  In the frame where the superfluid far away
    is at rest the ion moves with velocity U; the superfluid inside (density ρ_s,i) and outside
    (ρ_n,o) both flow with potentials, φ_in = B r cos θ and φ_out = A R³ cos θ / r².  The
    superfluid phase is continuous at r = R (A = B), and the mass flux through the moving
    surface is continuous, ρ_n,o(−2A − U) = ρ_s,i(A − U), so A = U(λ−1)/(λ+2).  The kinetic
    energy of the flow is V(ρ_n,o + ρ_s,i/2)A² with V = (4/3)πR³ (the exterior dipole carries
    ρ_n,o V A², the uniform interior flow ρ_s,i V A²/2), which equals
    ½ U² m_d (λ−1)²/(λ+2): the added mass.  λ = 0 gives the classical ½ m_d of an impenetrable
    sphere and λ = 1 no backflow at all.

    Limits (document): impenetrable ions (ρ_s,i = 0) carry all their nucleons, m_I = m_I0 =
    Z m_p + N m_n; if all nucleons inside are superfluid (ρ_s,i = ρ_n,i + ρ_p,i) then m_I = 0;
    permeable ions (ρ_s,i = ρ_n,o) have λ = 1 and m_I* = m_I, which is Z m_p when the neutron
    density inside equals that outside.  As a function of ρ_s,i the effective mass decreases
    monotonically (dm_I*/dρ_s,i = −9Vρ_n,o²/(ρ_s,i + 2ρ_n,o)²); with ρ_s,i at most the neutron
    density inside, m_I* ≥ Z m_p, with equality only for ρ_s,i = ρ_n,i = ρ_n,o.  If protons are
    counted in ρ_s,i as well, m_I* can fall below Z m_p (for instance m_I* = 0 when
    ρ_n,i + ρ_p,i = ρ_n,o = ρ_s,i).

    All arguments broadcast.  ``radius`` and ``rho_n_out`` must be > 0, the inside densities
    ≥ 0 and 0 ≤ ``rho_s_in`` ≤ ``rho_n_in`` + ``rho_p_in``.
    """
    r = _pos("radius", radius, "a radius > 0 (fm)")
    n_in, p_in, n_out, s_in = _ion_densities(rho_n_in, rho_p_in, rho_n_out, rho_s_in)
    volume = _SPHERE * r**3
    lam = s_in / n_out
    m_d = volume * n_out
    m_i0 = volume * (n_in + p_in)
    m_i = m_i0 - volume * s_in
    m_star = m_i + (lam - 1) ** 2 / (lam + 2) * m_d
    return {
        "m_I_star": _out(m_star),
        "m_I": _out(m_i),
        "m_d": _out(m_d),
        "m_I0": _out(m_i0),
        "lambda": _out(lam),
    }


def normalised_ion_mass(rho_n_in, rho_p_in, rho_n_out, rho_s_in):
    """The document's form m_I*/m_I = 1 + ((λ−1)²/(λ+2)) ρ_n,o/(ρ_p,i + ρ_n,i − λρ_n,o).

    Same arguments as :func:`epstein_baym_mass` without the radius, which cancels.  Where m_I = 0
    (all nucleons inside superfluid) the ratio is infinite and ``inf`` is returned.
    """
    n_in, p_in, n_out, s_in = _ion_densities(rho_n_in, rho_p_in, rho_n_out, rho_s_in)
    lam = s_in / n_out
    denominator = p_in + n_in - lam * n_out
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = 1 + (lam - 1) ** 2 / (lam + 2) * n_out / denominator
    ratio = np.where(denominator <= 0, np.inf, ratio)
    return _out(ratio)


def ion_mass_from_superfluid(rho_bar, rho_ns, n_ion):
    """Effective ion mass m_I* = (ρ̄ − ρ_n,s)/n_I (document; Carter, Chamel & Haensel 2006).

    ``rho_bar`` is the average mass density and ``rho_ns`` the superfluid mass density, both in
    nucleon masses per fm³, and ``n_ion`` the ion number density (fm⁻³); the result is in
    nucleon masses.  Requires 0 ≤ ρ_n,s ≤ ρ̄.  Broadcasts.
    """
    rho = _pos("rho_bar", rho_bar, "a mass density > 0 (nucleon masses fm^-3)")
    ns = _nonneg("rho_ns", rho_ns, "a superfluid mass density >= 0 (nucleon masses fm^-3)")
    n_i = _pos("n_ion", n_ion, "an ion number density > 0 (fm^-3)")
    if np.any(ns > rho * (1 + 1e-12)):
        raise ParameterError("rho_ns", rho_ns, "at most rho_bar")
    return _out((rho - ns) / n_i)


def superfluid_from_ion_mass(rho_bar, m_ion_star, n_ion):
    """Superfluid mass density ρ_n,s = ρ̄ − n_I m_I*, the inverse of
    :func:`ion_mass_from_superfluid` (same units).  Requires 0 ≤ n_I m_I* ≤ ρ̄."""
    rho = _pos("rho_bar", rho_bar, "a mass density > 0 (nucleon masses fm^-3)")
    m = _nonneg("m_ion_star", m_ion_star, "an ion mass >= 0 (nucleon masses)")
    n_i = _pos("n_ion", n_ion, "an ion number density > 0 (fm^-3)")
    if np.any(n_i * m > rho * (1 + 1e-12)):
        raise ParameterError("m_ion_star", m_ion_star, "at most rho_bar / n_ion")
    return _out(rho - n_i * m)


# ---------------------------------------------------------------------------------------------
# lattice vibrations


def debye_waller(G, mean_square_displacement):
    """Debye–Waller factor exp(−G²⟨δr²⟩/6) multiplying the Fourier component Ũ_n(G).

    ``G`` is the length of the reciprocal-lattice vector in fm⁻¹ and
    ``mean_square_displacement`` the isotropic ⟨δr²⟩ in fm²; both broadcast.  Equal to 1 at
    G = 0 and decreasing with G and with ⟨δr²⟩.
    """
    g2 = _finite("G", G, "finite wavenumbers (fm^-1)") ** 2
    msd = _nonneg("mean_square_displacement", mean_square_displacement, "a value >= 0 (fm^2)")
    return _out(np.exp(-g2 * msd / 6.0))


class PlasmaFrequency(NamedTuple):
    """Ion plasma frequency: ``hbar_omega`` in MeV and ``omega`` in s⁻¹."""

    hbar_omega: float | np.ndarray
    omega: float | np.ndarray


def ion_plasma_frequency(Z, n_ion, m_ion_star) -> PlasmaFrequency:
    """Ion plasma frequency ω_I* = √(4πZ²e²n_I/m_I*) (document).

    ``Z`` is the ion charge number, ``n_ion`` the ion number density (fm⁻³) and ``m_ion_star``
    the effective ion mass in MeV/c² (multiply a mass in nucleon masses by
    :data:`NEUTRON_MASS_MEV`).  With e² = :data:`E2_MEV_FM`, ħω = ħc √(4πZ²e²n_I/(m_I*c²)).
    Returns :class:`PlasmaFrequency` (ħω in MeV, ω in s⁻¹).  Broadcasts.
    """
    z = _pos("Z", Z, "a charge number > 0")
    n_i = _pos("n_ion", n_ion, "an ion number density > 0 (fm^-3)")
    m = _pos("m_ion_star", m_ion_star, "an effective ion mass > 0 (MeV/c^2)")
    hbar_omega = HBAR_C_MEV_FM * np.sqrt(4 * math.pi * z**2 * E2_MEV_FM * n_i / m)
    hbar_mev_s = _sc.hbar / (_sc.e * 1e6)
    return PlasmaFrequency(_out(hbar_omega), _out(hbar_omega / hbar_mev_s))


def zero_point_displacement(m_ion_star, hbar_omega, ratio=1.0):
    """Zero-point mean square displacement ⟨δr²⟩ ≈ 3ħ⟨ω_I*/ω_ph⟩/(2m_I*ω_I*) in fm² (document).

    ``m_ion_star`` is the effective ion mass in MeV/c², ``hbar_omega`` the ion plasma energy
    ħω_I* in MeV (:func:`ion_plasma_frequency`) and ``ratio`` the phonon average ⟨ω_I*/ω_ph⟩,
    so that ⟨δr²⟩ = 3(ħc)²·ratio/(2 m_I*c² ħω_I*).  The default 1 is the Einstein crystal with
    every mode at ω_I*.  For a body-centred cubic Coulomb crystal the average is the inverse
    moment u₋₁ = :data:`BCC_INVERSE_PHONON_MOMENT` = 2.79855 (Baiko et al. 2001); the soft
    transverse modes make the zero-point motion almost three times larger.  Broadcasts.
    """
    m = _pos("m_ion_star", m_ion_star, "an effective ion mass > 0 (MeV/c^2)")
    w = _pos("hbar_omega", hbar_omega, "an ion plasma energy > 0 (MeV)")
    u = _pos("ratio", ratio, "a phonon average <omega_I/omega_ph> > 0")
    return _out(3 * HBAR_C_MEV_FM**2 * u / (2 * m * w))


@dataclass(frozen=True)
class IonMassFixedPoint:
    """Fixed point of the self-consistent loop of :func:`self_consistent_ion_mass`.

    ``m_ion_star`` is in nucleon masses, ``mean_square_displacement`` in fm², ``hbar_omega`` in
    MeV and ``rho_ns`` in nucleon masses per fm³.  ``history`` holds one
    ``(m_ion_star, mean_square_displacement, rho_ns)`` triple per evaluation of the superfluid
    density, in order; ``residual`` is the relative change of m_I* at the last step (fixed-point
    iteration) or the bracket width over m_I* (brentq).
    """

    m_ion_star: float
    mean_square_displacement: float
    hbar_omega: float
    rho_ns: float
    method: str
    iterations: int
    residual: float
    history: tuple[tuple[float, float, float], ...]


def self_consistent_ion_mass(
    superfluid_density: Callable[[float], float],
    *,
    Z: float,
    n_ion: float,
    rho_bar: float,
    ratio: float = 1.0,
    nucleon_mass: float = NEUTRON_MASS_MEV,
    m_start: float | None = None,
    method: str = "iterate",
    damping: float = 1.0,
    tol: float = 1e-10,
    maxiter: int = 200,
) -> IonMassFixedPoint:
    """Solve the document's self-consistency loop m_I* ↔ ⟨δr²⟩ ↔ ω_I* (Chamel 2025).

    For a trial m_I* (nucleon masses) the ion plasma frequency ω_I* = √(4πZ²e²n_I/m_I*) gives the
    zero-point ⟨δr²⟩ = 3ħ⟨ω_I*/ω_ph⟩/(2m_I*ω_I*) (``ratio`` is ⟨ω_I*/ω_ph⟩, see
    :func:`zero_point_displacement`); ``superfluid_density(msd)`` returns the superfluid mass
    density ρ_n,s (nucleon masses per fm³) of neutrons in the Debye–Waller-reduced potential
    (a band calculation, or any model), and m_I* = (ρ̄ − ρ_n,s)/n_I closes the loop.
    ``rho_bar`` is the average mass density (nucleon masses per fm³), ``n_ion`` the ion density
    (fm⁻³) and ``nucleon_mass`` the mass unit in MeV/c² used to turn m_I* into an energy.

    ``method="iterate"`` runs the loop as written, m ← (1 − d) m + d G(m) with
    ``damping`` = d, starting from ``m_start`` (default ρ̄/n_I, no superflow), until the relative
    change is below ``tol``; ``method="brentq"`` brackets the root of G(m) − m in (0, ρ̄/n_I] and
    solves it with Brent's method.  A loop that does not converge in ``maxiter`` steps, or a
    bracket that cannot be found, raises :class:`~josephson.errors.ConvergenceError`.  Returns
    :class:`IonMassFixedPoint` with the evaluation history.
    """
    if not callable(superfluid_density):
        raise ParameterError(
            "superfluid_density", superfluid_density, "a callable msd (fm^2) -> rho_ns"
        )
    z = scalar("Z", Z, low=0, low_open=True)
    n_i = scalar("n_ion", n_ion, low=0, low_open=True)
    rho = scalar("rho_bar", rho_bar, low=0, low_open=True)
    u = scalar("ratio", ratio, low=0, low_open=True)
    m_unit = scalar("nucleon_mass", nucleon_mass, low=0, low_open=True)
    d = scalar("damping", damping, low=0, high=1, low_open=True)
    tol = scalar("tol", tol, low=0, low_open=True)
    maxiter = whole("maxiter", maxiter, minimum=1)
    method = choice("method", method, ("iterate", "brentq"))
    m_max = rho / n_i
    if m_start is None:
        m_start = m_max
    m_start = scalar("m_start", m_start, low=0, high=m_max, low_open=True)

    history: list[tuple[float, float, float]] = []

    def msd_of(m: float) -> float:
        w = ion_plasma_frequency(z, n_i, m * m_unit).hbar_omega
        return zero_point_displacement(m * m_unit, w, u)

    def image(m: float) -> float:
        msd = msd_of(m)
        value = superfluid_density(msd)
        try:
            ns = float(value)
        except (TypeError, ValueError):
            raise ParameterError(
                "superfluid_density", value, "a callable returning a number"
            ) from None
        if not (math.isfinite(ns) and -1e-12 * rho <= ns <= rho * (1 + 1e-12)):
            raise ParameterError(
                "superfluid_density",
                value,
                "a callable returning 0 <= rho_ns <= rho_bar",
                detail=f"at msd={msd:g} fm^2",
            )
        history.append((m, msd, ns))
        return (rho - ns) / n_i

    def result(m: float, steps: int, residual: float) -> IonMassFixedPoint:
        image(m)  # the fixed point's own evaluation closes the history
        _, msd, ns = history[-1]
        w = ion_plasma_frequency(z, n_i, m * m_unit).hbar_omega
        return IonMassFixedPoint(
            m_ion_star=m,
            mean_square_displacement=msd,
            hbar_omega=w,
            rho_ns=ns,
            method=method,
            iterations=steps,
            residual=residual,
            history=tuple(history),
        )

    if method == "iterate":
        m = m_start
        for step in range(1, maxiter + 1):
            new = (1 - d) * m + d * image(m)
            if new <= 0:
                raise ConvergenceError(
                    "self_consistent_ion_mass",
                    f"m_ion_star={new:g} after {step} steps",
                    "the ion mass left (0, rho_bar/n_ion]; the superfluid density reached rho_bar",
                )
            change = abs(new - m) / new
            m = new
            if change <= tol:
                return result(m, step, change)
        raise ConvergenceError(
            "self_consistent_ion_mass",
            f"{maxiter} steps, relative change {change:.3g}",
            "try damping < 1 or method='brentq'",
        )

    # brentq: F(m) = G(m) - m <= 0 at m = rho/n_I because G(m) <= rho/n_I
    def f(m: float) -> float:
        return image(m) - m

    hi = m_max
    f_hi = f(hi)
    if f_hi == 0:
        return result(hi, 1, 0.0)
    lo = hi
    for _ in range(80):
        lo /= 2
        if f(lo) > 0:
            break
    else:
        raise ConvergenceError(
            "self_consistent_ion_mass",
            f"no sign change of G(m) - m down to m={lo:g}",
            "the superfluid density is rho_bar for every small ion mass",
        )
    # the bracket tightened: the root lies in [lo, 2 lo]
    root, info = optimize.brentq(
        f,
        lo,
        min(2 * lo, hi),
        xtol=tol * lo,
        rtol=4 * np.finfo(float).eps,
        maxiter=maxiter,
        full_output=True,
        disp=False,
    )
    if not info.converged:
        raise ConvergenceError("self_consistent_ion_mass", f"{info.iterations} brentq steps")
    return result(float(root), info.function_calls, tol)


# ---------------------------------------------------------------------------------------------
# Kronig–Penney


def _c_s(q, length):
    """C = cos(√q L) and S = sin(√q L)/√q (cosh and sinh for q < 0), analytic in q, and their
    derivatives dC/dq = −(L/2) S and dS/dq = (L C − S)/(2q) (series near q = 0)."""
    q = np.asarray(q, dtype=float)
    x = q * length**2
    pos = x > 0
    root = np.sqrt(np.abs(x))
    with np.errstate(over="ignore", invalid="ignore"):
        c = np.where(pos, np.cos(root), np.cosh(root))
        sinc = np.where(pos, np.sinc(root / np.pi), np.sinh(root) / np.where(root > 0, root, 1))
    sinc = np.where(root == 0, 1.0, sinc)
    s = length * sinc
    dc = -0.5 * length * s
    small = np.abs(x) < 1e-3
    series = length**3 * (-1 / 6 + x / 60 - x**2 / 1680 + x**3 / 90720)
    with np.errstate(divide="ignore", invalid="ignore"):
        ds = np.where(small, series, (length * c - s) / (2 * np.where(small, 1.0, q)))
    return c, s, dc, ds


def _kp_validate(height, width, period):
    a = scalar("period", period, low=0, low_open=True)
    b = scalar("width", width, low=0, high=a, low_open=True, high_open=True)
    v = scalar("height", height)
    return v, b, a


def _kp_delta(energy, v, b, a, derivative=False):
    """Half trace D(E) = cos(ka) of the one-cell transfer matrix, and dD/dE if asked."""
    c_unit = HBAR2_2M_NEUTRON
    e = np.asarray(energy, dtype=float)
    q_well = e / c_unit
    q_bar = (e - v) / c_unit
    c1, s1, dc1, ds1 = _c_s(q_well, a - b)
    c2, s2, dc2, ds2 = _c_s(q_bar, b)
    delta = c1 * c2 - 0.5 * (q_well + q_bar) * s1 * s2
    if not derivative:
        return delta
    d_delta = (
        dc1 * c2 + c1 * dc2 - 0.5 * s1 * s2 * 2 - 0.5 * (q_well + q_bar) * (ds1 * s2 + s1 * ds2)
    ) / c_unit
    return delta, d_delta


def kronig_penney_dispersion(energy, height, width, period):
    """cos(ka) of a neutron of energy ``energy`` (MeV) in the Kronig–Penney crystal.

    The period ``period`` = a (fm) holds a barrier of height ``height`` (MeV; negative for a
    well) and width ``width`` = b (fm), 0 < b < a, and U = 0 elsewhere.  With ħ²/2m_n =
    :data:`HBAR2_2M_NEUTRON`, q₁ = E/(ħ²/2m_n) and q₂ = (E − V)/(ħ²/2m_n), the half trace of the
    transfer matrix of one period is

    cos(ka) = C₁C₂ − ½(q₁ + q₂) S₁S₂,  C = cos(√q L), S = sin(√q L)/√q,

    with L = a − b for the free region and L = b for the barrier; for q < 0 the functions become
    cosh and sinh, so one formula covers energies below and above the barrier (for 0 < E < V it
    is cos(αw)cosh(βb) + ((β² − α²)/2αβ) sin(αw) sinh(βb), above it
    cos(αw)cos(γb) − ((α² + γ²)/2αγ) sin(αw) sin(γb)).  Energies with a result in [−1, 1] are
    allowed.  Broadcasts over ``energy``.
    """
    v, b, a = _kp_validate(height, width, period)
    e = _finite("energy", energy, "finite energies (MeV)")
    return _out(_kp_delta(e, v, b, a))


def _kp_half_cell(energy, v, b, a):
    """y_e(a/2), y_e'(a/2), y_o(a/2), y_o'(a/2) for the symmetric cell (free region centred)."""
    c_unit = HBAR2_2M_NEUTRON
    e = np.asarray(energy, dtype=float)
    q1 = e / c_unit
    q2 = (e - v) / c_unit
    c1, s1, _, _ = _c_s(q1, (a - b) / 2)
    c2, s2, _, _ = _c_s(q2, b / 2)
    # M = M_barrier(b/2) @ M_free((a-b)/2) acting on (y, y'); M(q, L) = [[C, S], [-q S, C]]
    m00 = c2 * c1 - s2 * q1 * s1
    m01 = c2 * s1 + s2 * c1
    m10 = -q2 * s2 * c1 - c2 * q1 * s1
    m11 = -q2 * s2 * s1 + c2 * c1
    return m00, m10, m01, m11


def _kp_edges(v, b, a, nbands, points_per_recoil=400, refinements=4):
    c_unit = HBAR2_2M_NEUTRON
    recoil = c_unit * (math.pi / a) ** 2
    e_min = min(0.0, v)
    e_max = max(0.0, v) + recoil * (nbands + 1.5) ** 2
    step = recoil / points_per_recoil
    for _ in range(refinements):
        grid = np.arange(e_min - step, e_max + step, step)
        values = _kp_half_cell(grid, v, b, a)
        roots: list[float] = []
        for k, fvals in enumerate(values):
            for i in np.flatnonzero(fvals == 0):
                roots.append(float(grid[i]))
            for i in np.flatnonzero(fvals[:-1] * fvals[1:] < 0):

                def fun(e, k=k):
                    return float(_kp_half_cell(e, v, b, a)[k])

                roots.append(optimize.brentq(fun, grid[i], grid[i + 1], xtol=1e-14, rtol=1e-15))
        roots.sort()
        if len(roots) >= 2 * nbands:
            edges = np.array(roots[: 2 * nbands]).reshape(nbands, 2)
            signs = np.array([[(-1) ** n, (-1) ** (n + 1)] for n in range(nbands)], dtype=float)
            if np.allclose(_kp_delta(edges, v, b, a), signs, atol=1e-6):
                return edges
            step /= 4  # roots missed between grid points: refine
        else:
            e_max = e_max * 2 + recoil
    raise ConvergenceError(
        "kronig_penney_bands", f"grid step {step:g} MeV", "band edges do not alternate"
    )


def kronig_penney_bands(height, width, period, nbands):
    """Edges of the lowest ``nbands`` Kronig–Penney bands, an array of shape (nbands, 2) in MeV.

    Row n holds the bottom and the top of band n (n = 0, 1, ...), the energies where
    :func:`kronig_penney_dispersion` equals (−1)ⁿ and (−1)ⁿ⁺¹.  For a symmetric cell
    cos(ka) − 1 = 2y_e'y_o and cos(ka) + 1 = 2y_e y_o' at the cell edge, with y_e and y_o the even
    and odd solutions about the centre of the free region (Wronskian 1).  Each of the four factors
    has only simple zeros, which are bracketed on a fine energy grid and polished by Brent's
    method; a closed gap (height 0) appears as two equal edges instead of a double root.
    """
    v, b, a = _kp_validate(height, width, period)
    n = whole("nbands", nbands, minimum=1)
    return _kp_edges(v, b, a, n)


class KronigPenneySuperfluid(NamedTuple):
    """Result of :func:`kronig_penney_superfluid_density`.

    ``n_s`` is the superfluid density (fm⁻¹), ``fraction`` = n_s/n, ``mu`` the Fermi energy
    (MeV), ``band`` the index of the band that holds it, ``k_fermi`` the extended-zone Fermi
    wavenumber πn/2 (fm⁻¹) and ``velocity`` the group derivative dε/dk at the Fermi point
    (MeV fm).  A filled band (insulator) has ``n_s`` = 0, ``mu`` = the band top and
    ``velocity`` = 0.
    """

    n_s: float
    fraction: float
    mu: float
    band: int
    k_fermi: float
    velocity: float


def kronig_penney_superfluid_density(height, width, period, density) -> KronigPenneySuperfluid:
    """Weak-pairing superfluid density of neutrons of line density ``density`` (fm⁻¹) in the
    Kronig–Penney crystal of :func:`kronig_penney_dispersion`.

    In one dimension the Fermi-surface integral of the document becomes a sum over the two Fermi
    points ±k_F of the band that holds the Fermi energy μ, n_s = (m_n/πħ²) Σ dε/dk (two spin
    states; the group derivative is taken at each Fermi point with its positive sign), which
    gives n_s = n for free neutrons.  Counting states, each band holds 2/a neutrons per length
    (two spins, one state per cell per band), so in the extended zone n = 2K/π with K the Fermi
    wavenumber; the Fermi energy is the root of cos(ka) = cos(Ka) in band ⌊Ka/π⌋.  The derivative
    follows from implicit differentiation of cos(ka) = D(ε): dε/dk = a sin(Ka)/D'(μ), with D'
    the analytic energy derivative of the half trace.  A density that fills bands exactly is a
    band insulator, n_s = 0.
    """
    v, b, a = _kp_validate(height, width, period)
    n = scalar("density", density, low=0, low_open=True)
    k_f = math.pi * n / 2
    phase = k_f * a / math.pi
    band = math.floor(phase)
    edges = _kp_edges(v, b, a, band + 1)
    bottom, top = edges[band]
    if math.isclose(phase, round(phase), rel_tol=0, abs_tol=1e-12):
        band = round(phase) - 1
        return KronigPenneySuperfluid(0.0, 0.0, float(edges[band, 1]), band, k_f, 0.0)
    target = math.cos(k_f * a)
    mu = optimize.brentq(
        lambda e: float(_kp_delta(e, v, b, a)) - target, bottom, top, xtol=1e-14, rtol=1e-15
    )
    _, d_delta = _kp_delta(mu, v, b, a, derivative=True)
    velocity = abs(a * math.sin(k_f * a) / float(d_delta))
    n_s = 2 * velocity / (2 * math.pi * HBAR2_2M_NEUTRON)  # m/(πħ²) = 1/(2π ħ²/2m)
    return KronigPenneySuperfluid(n_s, n_s / n, float(mu), band, k_f, velocity)


# ---------------------------------------------------------------------------------------------
# Mathieu


def mathieu_band_edges(amplitude, period, nbands):
    """Band edges (MeV), shape (nbands, 2), for neutrons in U(x) = 2V cos(2πx/a).

    With z = πx/a the Schrödinger equation −(ħ²/2m_n)ψ'' + Uψ = Eψ becomes Mathieu's equation
    y'' + (a_M − 2q cos 2z) y = 0 with a_M = E/E_R, q = V/E_R and E_R = (ħ²/2m_n)(π/a)².
    Solutions of period π in z are Bloch states at k = 0 and those of period 2π states at
    k = π/a.  For q > 0 the allowed intervals of a_M are (a_n(q), b_{n+1}(q)) with a_n and b_n
    Mathieu's even and odd characteristic values, so band n is
    [E_R a_n(abs(q)), E_R b_{n+1}(abs(q))]; the sign of V only shifts the crystal by half a period.
    ``amplitude`` is V in MeV and ``period`` a in fm.  Uses :func:`scipy.special.mathieu_a` and
    :func:`scipy.special.mathieu_b`, whose accuracy degrades for very large q.
    """
    v = scalar("amplitude", amplitude)
    a = scalar("period", period, low=0, low_open=True)
    n = whole("nbands", nbands, minimum=1)
    recoil = HBAR2_2M_NEUTRON * (math.pi / a) ** 2
    q = abs(v) / recoil
    orders = np.arange(n)
    bottom = special.mathieu_a(orders, q)
    top = special.mathieu_b(orders + 1, q)
    return np.column_stack([bottom, top]) * recoil


def bound_neutrons(potential, rmax=None) -> tuple[int, list[int]]:
    """Neutrons bound (E < 0) by one isolated spherical well, two per orbital: (total, levels
    per partial wave l = 0, 1, ...).

    ``potential`` is anything with a vectorised ``profile(r)`` in MeV (a
    :class:`~josephson.astro.crust.bands.WoodsSaxon` or
    :class:`~josephson.astro.crust.bands.RadialPotential`) that is negligible beyond ``rmax``
    (fm; default the potential's own ``rmax``).  Zero-energy node theorem: the regular
    zero-energy solution of partial wave l has as many nodes in (0, ∞) as the well has bound
    levels of that l.  Nodes are counted with the Prüfer phase θ' = cos²θ − V_eff sin²θ
    (u'' = V_eff u) up to ``rmax``, plus one if the free solution A r^{l+1} + B r^{−l} outside
    changes sign (l + rmax·cot θ < 0).
    """
    from scipy.integrate import solve_ivp

    if not callable(getattr(potential, "profile", None)):
        raise ParameterError("potential", potential, "a spherical potential with profile(r)")
    rc = float(_pos("rmax", potential.rmax if rmax is None else rmax, "a radius > 0 (fm)"))
    total, per_l, ell = 0, [], 0
    while True:

        def rhs(r, th, ell=ell):
            veff = ell * (ell + 1) / r**2 + float(potential.profile(r)) / HBAR2_2M_NEUTRON
            return [math.cos(th[0]) ** 2 - veff * math.sin(th[0]) ** 2]

        r0 = 1e-3
        sol = solve_ivp(rhs, (r0, rc), [math.atan(r0 / (ell + 1))], method="DOP853",
                        rtol=1e-10, atol=1e-12)  # fmt: skip
        th = float(sol.y[0, -1])
        nodes = math.floor(th / math.pi) + (1 if ell + rc / math.tan(th) < 0 else 0)
        if nodes == 0:
            return total, per_l
        per_l.append(nodes)
        total += 2 * (2 * ell + 1) * nodes
        ell += 1
