"""Closed forms for two-fluid superfluids with entrainment (documents 000 and 001).

Entrainment matrices
    :func:`core_entrainment` (document 001: η, Υ), :func:`entrainment_from_effective_masses`
    (document 000, eqs. 3–4), :func:`eta_upsilon` (the inverse map), :func:`skyrme_upsilon`,
    :func:`skyrme_entrainment` and :func:`skyrme_effective_masses` (from a Skyrme functional),
    :func:`fractional_flux`, :func:`lense_thirring_ratio`.
Interface Josephson currents
    :func:`interface_currents` (eqs. 15–16), :func:`critical_currents` and :func:`kappa`
    (the reduction κ = (ρ_p − ρ_pn)/ρ_p), :func:`entrained_current_amplitude` (eqs. 22–23),
    :func:`drag_current` (eq. 38).
Gross–Pitaevskii rings
    :func:`uniform_chemical_potentials`, :func:`sound_speeds`, :func:`necklace_current`,
    :func:`leggett_bound`.

All functions take and return NumPy arrays that broadcast.
"""

from __future__ import annotations

import numpy as np

from .._validate import choice
from ..errors import ParameterError
from ..units import CGS
from .model import SKYRME_PRESETS, EntrainmentMatrix, SkyrmeFunctional, _nonnegative

__all__ = [
    "core_entrainment",
    "critical_currents",
    "drag_current",
    "entrained_current_amplitude",
    "entrainment_from_effective_masses",
    "eta_upsilon",
    "fractional_flux",
    "interface_currents",
    "kappa",
    "leggett_bound",
    "lense_thirring_ratio",
    "necklace_current",
    "skyrme_effective_masses",
    "skyrme_entrainment",
    "skyrme_upsilon",
    "sound_speeds",
    "uniform_chemical_potentials",
]


# ---------------------------------------------------------------------------------------------
# entrainment matrices


def core_entrainment(rho, eta, upsilon) -> EntrainmentMatrix:
    """Entrainment matrix of homogeneous npe matter (document 001, TDHFB at T ≪ T_c).

    ``rho_nn = ½ρ(1+η) − ¼ρ(1−η²)(1−Υ)``, ``rho_pp = ½ρ(1−η) − ¼ρ(1−η²)(1−Υ)``,
    ``rho_np = ¼ρ(1−η²)(1−Υ)``, with ``ρ = ρ_n + ρ_p`` and ``η = (ρ_n − ρ_p)/ρ``; ``Υ = 1`` means no
    entrainment.  Returns an :class:`EntrainmentMatrix` in the units of ``rho``.
    """
    rho = _nonnegative("rho", rho)
    eta = np.asarray(eta, dtype=float)
    if not np.all(np.isfinite(eta)) or np.any(np.abs(eta) > 1):
        raise ParameterError("eta", eta, "|eta| <= 1 (eta = (rho_n - rho_p)/rho)")
    upsilon = np.asarray(upsilon, dtype=float)
    if not np.all(np.isfinite(upsilon)) or np.any(upsilon <= 0):
        # ρ_nn ρ_pp − ρ_np² = ¼ρ²(1−η²)Υ: positive definite exactly when Υ > 0
        raise ParameterError(
            "upsilon", upsilon, "> 0 (the matrix is positive definite exactly when Υ > 0)"
        )
    cross = 0.25 * rho * (1 - eta**2) * (1 - upsilon)
    return EntrainmentMatrix(
        rho_nn=0.5 * rho * (1 + eta) - cross, rho_pp=0.5 * rho * (1 - eta) - cross, rho_np=cross
    )


def eta_upsilon(matrix: EntrainmentMatrix):
    """``(rho, eta, upsilon)`` of a Galilean-invariant matrix: the inverse of :func:`core_entrainment`."""
    rho_n, rho_p = matrix.rho_n, matrix.rho_p
    rho = rho_n + rho_p
    eta = (rho_n - rho_p) / rho
    upsilon = 1 - 4 * matrix.rho_np / (rho * (1 - eta**2))
    return rho, eta, upsilon


def entrainment_from_effective_masses(
    rho_n, rho_p, *, m_n_star=None, m_p_star=None, rtol: float = 1e-9
) -> EntrainmentMatrix:
    """Entrainment matrix from effective masses (document 000, eqs. 3–4).

    ``rho_nn = ρ_n m/m_n*``, ``rho_pp = ρ_p m/m_p*``, ``rho_np = ρ_n(1 − m/m_n*) = ρ_p(1 − m/m_p*)``.
    The effective masses are ratios m*/m.  Give one of them and the other follows from eq. 4;
    give both and they must satisfy eq. 4 (relative tolerance ``rtol``), otherwise a
    :class:`~josephson.errors.ParameterError` says which m_p* eq. 4 requires.  These m* are the
    *entrainment* (dynamical) effective masses ``m ρ_q/ρ_qq``, not the Landau masses of a Skyrme
    functional (see :func:`skyrme_effective_masses`).
    """
    rho_n, rho_p = _nonnegative("rho_n", rho_n), _nonnegative("rho_p", rho_p)
    if m_n_star is None and m_p_star is None:
        raise ParameterError("m_n_star", None, "a ratio m_n*/m > 0 (or give m_p_star)")
    for name, val in (("m_n_star", m_n_star), ("m_p_star", m_p_star)):
        if val is not None:
            arr = np.asarray(val, dtype=float)
            if not np.all(np.isfinite(arr)) or np.any(arr <= 0):
                raise ParameterError(name, val, "a ratio m*/m > 0")
    if m_n_star is not None:
        rho_np = rho_n * (1 - 1 / np.asarray(m_n_star, dtype=float))
        if m_p_star is not None:
            other = rho_p * (1 - 1 / np.asarray(m_p_star, dtype=float))
            scale = np.maximum(np.abs(rho_np), np.abs(other))
            if np.any(np.abs(rho_np - other) > rtol * np.maximum(scale, 1e-300)):
                need = rho_p / (rho_p - rho_np)
                raise ParameterError(
                    "m_p_star", m_p_star, f"m_p*/m = {np.ravel(need)[0]:.6g} (eq. 4 of document "
                    "000: rho_n(1 - m/m_n*) = rho_p(1 - m/m_p*))",
                )  # fmt: skip
    else:
        rho_np = rho_p * (1 - 1 / np.asarray(m_p_star, dtype=float))
    return EntrainmentMatrix(rho_nn=rho_n - rho_np, rho_pp=rho_p - rho_np, rho_np=rho_np)


def _functional(functional) -> SkyrmeFunctional:
    if isinstance(functional, SkyrmeFunctional):
        return functional
    if isinstance(functional, str) and functional in SKYRME_PRESETS:
        return SKYRME_PRESETS[functional]
    raise ParameterError(
        "functional", functional, "a SkyrmeFunctional or one of " + ", ".join(SKYRME_PRESETS)
    )


def skyrme_upsilon(functional, n):
    """Υ = 1 + (2mn/ħ²)(C0^τ − C1^τ) at baryon density ``n`` (fm⁻³) for a Skyrme functional.

    From the Galilean-invariant couplings ``C_t^τ (n_t τ_t − j_t²)``: the ``j²`` terms give
    ``rho_np = −(2/ħ²)(C0^τ − C1^τ) ρ_n ρ_p``, and comparing with document 001's
    ``rho_np = ¼ρ(1−η²)(1−Υ)`` gives Υ (independent of the proton fraction).
    """
    f = _functional(functional)
    n = _nonnegative("n", n)
    c0, c1 = f.c_tau(n)
    return 1 + n * (c0 - c1) / f.hbar2_2m


def skyrme_effective_masses(functional, n_n, n_p):
    """Landau (Skyrme) effective masses ``(m_n^⊕/m, m_p^⊕/m)`` at densities n_n, n_p (fm⁻³).

    ``ħ²/2m_q^⊕ = ħ²/2m + C0^τ n + C1^τ (n_n − n_p)·(±1)`` (+ for neutrons): the coefficient of
    τ_q in the functional.  In symmetric matter this is the isoscalar m*/m the functional's
    authors publish.
    """
    f = _functional(functional)
    n_n, n_p = _nonnegative("n_n", n_n), _nonnegative("n_p", n_p)
    c0, c1 = f.c_tau(n_n + n_p)
    inv_n = 1 + (c0 * (n_n + n_p) + c1 * (n_n - n_p)) / f.hbar2_2m
    inv_p = 1 + (c0 * (n_n + n_p) - c1 * (n_n - n_p)) / f.hbar2_2m
    return 1 / inv_n, 1 / inv_p


def skyrme_entrainment(functional, n_n, n_p, *, mass_density: bool = False) -> EntrainmentMatrix:
    """Entrainment matrix of npe matter from a Skyrme functional, by the TDHFB mass currents.

    Document 001: the mass current of species q is ``(m/m_q^⊕) ħ j_q + ρ_q I_q/ħ`` with
    ``I_q = δE/δj_q``.  For a uniform superflow ``ħ j_q = ρ_q V_q``; collecting the V_n and V_p
    coefficients gives ``rho_nn``, ``rho_np`` (and ``rho_pp``, ``rho_pn``) *without* assuming
    eq. 2, so ``galilean_defect`` of the result tests Galilean invariance of the functional.
    The entries are in units of the nucleon number density (fm⁻³, ρ/m) unless
    ``mass_density`` is set, in which case they are in g cm⁻³ (nucleon mass m = (m_n + m_p)/2).
    """
    f = _functional(functional)
    n_n, n_p = _nonnegative("n_n", n_n), _nonnegative("n_p", n_p)
    c0, c1 = f.c_tau(n_n + n_p)
    mn_inv, mp_inv = (1 / m for m in skyrme_effective_masses(f, n_n, n_p))
    # I_q = −2 C0 (j_n + j_p) ∓ 2 C1 (j_n − j_p); with ħ j_q = ρ_q V_q and ħ²/2m = hbar2_2m:
    # ρ_q I_q/ħ = −(ρ_q/(hbar2_2m m)) [ (C0 ± C1) ρ_q V_q + (C0 ∓ C1) ρ_q' V_q' ] (number units)
    a = 1 / f.hbar2_2m
    rho_nn = n_n * mn_inv - a * n_n * (c0 + c1) * n_n
    rho_np = -a * n_n * (c0 - c1) * n_p
    rho_pp = n_p * mp_inv - a * n_p * (c0 + c1) * n_p
    rho_pn = -a * n_p * (c0 - c1) * n_n
    if not np.allclose(rho_np, rho_pn, rtol=1e-12, atol=0):
        raise AssertionError("the Skyrme entrainment matrix came out asymmetric")
    scale = 0.5 * (CGS.m_n + CGS.m_p) / CGS.fm**3 if mass_density else 1.0
    units = "g cm^-3" if mass_density else "fm^-3 (rho/m)"
    return EntrainmentMatrix(
        rho_nn=rho_nn * scale, rho_pp=rho_pp * scale, rho_np=rho_np * scale, units=units
    )


def fractional_flux(matrix: EntrainmentMatrix, *, units: str = "cgs"):
    """Magnetic flux carried by a neutron vortex, Φ* = (ρ_pn/ρ_pp) Φ0 (document 001).

    ``Φ0 = hc/2e`` is the proton flux quantum: 2.07·10⁻⁷ G cm² (``units="cgs"``) or h/2e in Wb
    (``units="si"``).  ``ρ_pp`` is the diagonal coefficient of eq. 1.
    """
    from ..units import FLUX_QUANTUM

    choice("units", units, ("cgs", "si"))
    phi0 = CGS.flux_quantum if units == "cgs" else FLUX_QUANTUM
    return matrix.rho_np / matrix.rho_pp * phi0


def lense_thirring_ratio(entrainment, lt_yx, lt_xx):
    """``I_XY/I_X = (ε̃_X − ε^LT_YX)/(1 − ε^LT_YX − ε^LT_XX)`` (document 001, after Sourie et al. 2016).

    ``entrainment`` is ε̃_X (nuclear entrainment), ``lt_yx`` the frame dragging of fluid X by
    fluid Y, ``lt_xx`` the self-dragging; without general relativity the ratio is ε̃_X.
    """
    eps = np.asarray(entrainment, dtype=float)
    yx, xx = np.asarray(lt_yx, dtype=float), np.asarray(lt_xx, dtype=float)
    den = 1 - yx - xx
    if np.any(den <= 0):
        raise ParameterError("lt_xx", lt_xx, "frame-dragging terms with eps_YX + eps_XX < 1")
    return (eps - yx) / den


# ---------------------------------------------------------------------------------------------
# interface Josephson currents (document 000, eqs. 12–17, 22–23, 38)


def kappa(rho_p, rho_pn):
    """κ = (ρ_pp − ρ_pn)/ρ_pp of document 000 (its ρ_pp being the condensate density ρ_p).

    With eq. 2 this is the diagonal coefficient over the density, ρ_pp^(eq. 1)/ρ_p = m/m_p*: the
    factor by which entrainment reduces the proton critical current.
    """
    return (np.asarray(rho_p, dtype=float) - rho_pn) / rho_p


def _interface_parts(matrix, amplitude_n, amplitude_p, zeta_n, zeta_p, units):
    choice("units", units, ("cgs", "si", "natural"))
    for name, val in (("zeta_n", zeta_n), ("zeta_p", zeta_p)):
        arr = np.asarray(val, dtype=float)
        if not np.all(np.isfinite(arr)) or np.any(arr <= 0):
            raise ParameterError(name, val, "a barrier length zeta > 0 (zeta⁻¹ = transparency)")
    rho_n, rho_p, rho_pn = matrix.rho_n, matrix.rho_p, matrix.rho_np
    if units == "natural":
        hbar, e, m_n, m_p = 1.0, 1.0, 1.0, 1.0
    else:
        hbar, e, m_n, m_p = CGS.hbar, CGS.e, CGS.m_n, CGS.m_p
    if amplitude_n is None:  # bulk |psi1||psi2| = |psi|² = rho/(2m) (eq. 14)
        amplitude_n = rho_n / (2 * m_n)
    if amplitude_p is None:
        amplitude_p = rho_p / (2 * m_p)
    amplitude_n = _nonnegative("amplitude_n", amplitude_n)
    amplitude_p = _nonnegative("amplitude_p", amplitude_p)
    return {
        # n·j_p terms (charge current): own phase, and driven by the neutron phase
        "pp": e * hbar / (m_p * zeta_p) * (rho_p - rho_pn) / rho_p * amplitude_p,
        "pn": e * hbar / (m_p * zeta_n) * rho_pn / rho_n * amplitude_n,
        # n·j_n terms (mass current)
        "nn": hbar / zeta_n * (rho_n - rho_pn) / rho_n * amplitude_n,
        "np": hbar / zeta_p * rho_pn / rho_p * amplitude_p,
    }


def _si(parts: dict, units: str) -> dict:
    if units != "si":
        return parts
    # statA cm^-2 -> A m^-2 (1 statA = 0.1/c[m/s] A); g cm^-2 s^-1 -> kg m^-2 s^-1 (x10)
    from scipy.constants import c

    return {
        k: v * (0.1 / c * 1e4 if k in ("pp", "pn") else 10.0) for k, v in parts.items()
    }


def interface_currents(
    delta_theta_n,
    delta_theta_p,
    matrix: EntrainmentMatrix,
    *,
    zeta_n,
    zeta_p,
    amplitude_n=None,
    amplitude_p=None,
    units: str = "cgs",
) -> dict:
    """Josephson currents across an interface of two neutron–proton condensates (eqs. 15–16).

    ``n·j_p = (eħ/m_pζ_p)(ρ_p − ρ_pn)/ρ_p |ψ1p||ψ2p| sin Δθ_p + (eħ/m_pζ_n)(ρ_pn/ρ_n)|ψ1n||ψ2n| sin Δθ_n``
    ``n·j_n = (ħ/ζ_n)(ρ_n − ρ_pn)/ρ_n |ψ1n||ψ2n| sin Δθ_n + (ħ/ζ_p)(ρ_pn/ρ_p)|ψ1p||ψ2p| sin Δθ_p``

    where ρ_q is the condensate mass density 2m_q|ψ_q|² (eq. 14: the document's ρ_qq in these
    equations) and ``matrix`` is the eq. 1 entrainment matrix (its row sums give ρ_n, ρ_p).
    ``delta_theta_*`` are the gauge-invariant phase differences (eq. 17), ``zeta_*`` the
    barrier lengths of eq. 11 (cm), ``amplitude_*`` the products |ψ1||ψ2| (cm⁻³; default: the
    bulk ρ_q/2m_q on both sides).  Returns ``{"j_n", "j_p"}``: the mass current density
    (g cm⁻² s⁻¹) and the charge current density (statA cm⁻²) for ``units="cgs"``; kg m⁻² s⁻¹
    and A m⁻² for ``"si"``; ħ = e = m = 1 with ``"natural"``.
    At ρ_pn = 0 each current depends on its own phase only (decoupling).
    """
    parts = _si(_interface_parts(matrix, amplitude_n, amplitude_p, zeta_n, zeta_p, units), units)
    s_n, s_p = np.sin(delta_theta_n), np.sin(delta_theta_p)
    return {
        "j_p": parts["pp"] * s_p + parts["pn"] * s_n,
        "j_n": parts["nn"] * s_n + parts["np"] * s_p,
    }


def critical_currents(
    matrix: EntrainmentMatrix,
    *,
    zeta_n,
    zeta_p,
    amplitude_n=None,
    amplitude_p=None,
    units: str = "cgs",
) -> dict:
    """Amplitudes of the four sine terms of eqs. 15–16 and the entrainment reduction factors.

    ``pp``: proton current from the proton phase (reduced by κ_p relative to ρ_pn = 0);
    ``pn``: proton current driven by the neutron phase (eqs. 22–23, see
    :func:`entrained_current_amplitude`); ``nn``, ``np`` likewise for the neutron mass current;
    ``kappa_p`` = (ρ_p − ρ_pn)/ρ_p and ``kappa_n`` = (ρ_n − ρ_pn)/ρ_n.
    """
    parts = _si(_interface_parts(matrix, amplitude_n, amplitude_p, zeta_n, zeta_p, units), units)
    parts["kappa_p"] = kappa(matrix.rho_p, matrix.rho_np)
    parts["kappa_n"] = kappa(matrix.rho_n, matrix.rho_np)
    return parts


def entrained_current_amplitude(
    matrix: EntrainmentMatrix, *, zeta_n, amplitude_n=None, units: str = "cgs", form: str = "eq15"
):
    """j_0,pn: amplitude of the proton current driven purely by the neutron phase (eqs. 22–23).

    ``form="eq15"`` (default): (eħ/m_pζ_n)(ρ_pn/ρ_n)|ψ1n||ψ2n|, the second term of eq. 15, which
    follows from eqs. 12 and 14.  ``form="eq23"``: the document's eq. 23 as printed, with
    ρ_pn/ρ_pp (ρ_pp = ρ_p) in place of ρ_pn/ρ_n; it differs from eq. 15 by ρ_n/ρ_p.
    """
    choice("form", form, ("eq15", "eq23"))
    parts = _si(_interface_parts(matrix, amplitude_n, None, zeta_n, 1.0, units), units)
    j0 = parts["pn"]
    if form == "eq23":
        j0 = j0 * matrix.rho_n / matrix.rho_p
    return j0


def drag_current(delta_theta_1, *, rho_11, rho_12, amplitude, zeta, mass=1.0, phase=0.0):
    """Entrainment-induced current of the passive condensate 2 (document 000, eq. 38; ħ = 1).

    ``n·j_2 = −(ħ/m_1ζ_1)(ρ_12/ρ_11)|Ψ_{k=1,1}||Ψ_{k=2,1}| sin(Δθ_1 + φ(t))``: the passive
    component, with no phase difference of its own, carries a Josephson current at the
    active component's phase; it vanishes linearly as ρ_12 → 0.  ``rho_11`` is the active
    condensate's density (eq. 14 sense), ``amplitude`` the product of its amplitudes on the two
    sides of the junction, ``zeta`` its barrier length.
    """
    rho_11 = np.asarray(rho_11, dtype=float)
    if np.any(rho_11 <= 0):
        raise ParameterError("rho_11", rho_11, "> 0")
    return -(1.0 / (mass * zeta)) * (rho_12 / rho_11) * amplitude * np.sin(delta_theta_1 + phase)


# ---------------------------------------------------------------------------------------------
# Gross–Pitaevskii closed forms (ħ = 1)


def uniform_chemical_potentials(n1, n2, *, g11, g22, g12):
    """``(μ1, μ2) = (g11 n1 + g12 n2, g22 n2 + g12 n1)`` of a uniform two-component condensate."""
    n1, n2 = _nonnegative("n1", n1), _nonnegative("n2", n2)
    return g11 * n1 + g12 * n2, g22 * n2 + g12 * n1


def sound_speeds(n1, n2, *, g11, g22, g12, m1=1.0, m2=1.0):
    """Bogoliubov sound speeds ``(c₊, c₋)`` of a uniform two-component condensate (ħ = 1).

    ``c±² = ½[c1² + c2² ± √((c1² − c2²)² + 4 g12² n1 n2/(m1 m2))]`` with ``c_j² = g_jj n_j/m_j``;
    c₋ is imaginary (returned as NaN) for an unstable mixture g12² > g11 g22.
    """
    n1, n2 = _nonnegative("n1", n1), _nonnegative("n2", n2)
    c1, c2 = g11 * n1 / m1, g22 * n2 / m2
    root = np.sqrt((c1 - c2) ** 2 + 4 * g12**2 * n1 * n2 / (m1 * m2))
    with np.errstate(invalid="ignore"):
        return np.sqrt(0.5 * (c1 + c2 + root)), np.sqrt(0.5 * (c1 + c2 - root))


def necklace_current(density, length, winding, mass=1.0):
    """Stationary current of winding ``w`` around a 1D ring with density profile ``density``.

    The phase-only (hydrodynamic) stationary state carries a uniform current I with
    ``∮ θ' dx = 2πw`` and ``θ' = mI/ρ``, so ``I = (2πw/m)/∮dx/ρ`` (ħ = 1); ``density`` is sampled
    on a uniform grid around the ring of circumference ``length``.
    """
    rho = np.asarray(density, dtype=float)
    if np.any(rho <= 0):
        raise ParameterError("density", "min <= 0", "a density > 0 everywhere on the ring")
    integral = np.mean(1 / rho, axis=-1) * length
    return 2 * np.pi * np.asarray(winding, dtype=float) / (mass * integral)


def leggett_bound(density):
    """Leggett's upper bound on the superfluid fraction of a 1D ring: 1/(⟨ρ⟩⟨1/ρ⟩).

    Exact for the phase-only stationary state in 1D (the superfluid fraction of a 1D ring
    equals the bound); in higher dimensions it is the upper bound (Leggett 1970, 1998).
    """
    rho = np.asarray(density, dtype=float)
    if np.any(rho <= 0):
        raise ParameterError("density", "min <= 0", "a density > 0 everywhere")
    return 1 / (np.mean(rho, axis=-1) * np.mean(1 / rho, axis=-1))
