"""Homogeneous nuclear matter from a Skyrme functional, and beta-equilibrated npeμ matter.

The composition of the outer core of a neutron star (and so the neutron and proton densities at
the crust–core interface) follows from the energy per nucleon of homogeneous nucleon matter and
the condition of beta equilibrium with a charge-neutralising lepton gas.

* :func:`energy_per_nucleon` — E/A (MeV, no rest mass) of nucleon matter at baryon density n and
  proton fraction y, for a Skyrme functional (Chabanat et al., Nucl. Phys. A 627, 710 (1997),
  eq. 3.4; with the Brussels–Montreal t4/t5 terms, see below).
* :func:`pressure`, :func:`chemical_potentials`, :func:`symmetry_energy`,
  :func:`incompressibility` and :func:`saturation` (saturation density, E/A, K, J and the slope L
  of the symmetry energy).
* :func:`lepton_chemical_potential` — the common chemical potential of electrons and muons that
  neutralise a given proton density.
* :func:`beta_equilibrium` and :func:`composition` — the proton fraction of neutral matter in
  beta equilibrium and the densities, Fermi wave numbers and lepton chemical potential.

Energy per nucleon.  With F_m(y) = 2^(m−1) [y^m + (1−y)^m] and k = (3π²/2)^(2/3),

``E/A = (3/5)(ħ²/2m) k n^(2/3) F_5/3 + (t0/8) n [2(x0+2) − (2x0+1) F_2]``
``+ (t3/48) n^(σ+1) [2(x3+2) − (2x3+1) F_2]``
``+ (3/40) k n^(5/3) {[t1(x1+2) + t2(x2+2)] F_5/3 + ½ [t2(2x2+1) − t1(2x1+1)] F_8/3}``.

In homogeneous matter the Brussels–Montreal terms t4 (x4, density power β) and t5 (x5, power γ)
act as the t1 and t2 terms with strengths t4 n^β and t5 n^γ (the same substitution gives the
coefficients of :meth:`~josephson.superfluid.model.SkyrmeFunctional.c_tau`), so they are
included by replacing t1(x1+2) with t1(x1+2) + t4(x4+2) n^β, and so on.  A single ħ²/2m (the
functional's ``hbar2_2m``) is used for neutrons and protons.

Every term is a power of n times F_m(y), so all derivatives are analytic.  Densities are in fm⁻³,
energies and chemical potentials in MeV, pressures in MeV fm⁻³.  The functions that do not solve
an equation broadcast over NumPy arrays; :func:`beta_equilibrium` and :func:`composition` take
arrays too and solve point by point.
"""

from __future__ import annotations

import math

import numpy as np
from scipy import constants as _sc
from scipy.optimize import brentq, minimize_scalar

from .._validate import array
from ..errors import ParameterError
from ..superfluid.analytic import _functional
from ..units import CGS

__all__ = [
    "MUON_MASS_MEV",
    "NEUTRON_PROTON_MASS_DIFFERENCE_MEV",
    "beta_equilibrium",
    "chemical_potentials",
    "composition",
    "energy_per_nucleon",
    "incompressibility",
    "lepton_chemical_potential",
    "pressure",
    "saturation",
    "symmetry_energy",
]

#: muon rest energy m_μ c² in MeV (CODATA, from scipy.constants)
MUON_MASS_MEV = _sc.physical_constants["muon mass energy equivalent in MeV"][0]
#: (m_n − m_p) c² in MeV (CODATA, from scipy.constants)
NEUTRON_PROTON_MASS_DIFFERENCE_MEV = (
    _sc.physical_constants["neutron mass energy equivalent in MeV"][0]
    - _sc.physical_constants["proton mass energy equivalent in MeV"][0]
)

_HBAR_C = CGS.hbar_c_mev_fm
_K_SYM = (1.5 * math.pi**2) ** (2 / 3)  # (3π²/2)^(2/3): k_F² = _K_SYM n^(2/3) in symmetric matter
_Y_LOW, _Y_HIGH = 1e-8, 0.5  # bracket of the beta-equilibrium proton fraction
_N_MAX = 1.0  # fm⁻³, highest density beta_equilibrium accepts
_ANY_NDIM = tuple(range(33))


# --------------------------------------------------------------------------- validation


def _density(value, name: str = "n", high: float | None = None) -> np.ndarray:
    return array(name, value, ndim=_ANY_NDIM, low=0, low_open=True, high=high)


def _fraction(value, name: str = "proton_fraction") -> np.ndarray:
    return array(name, value, ndim=_ANY_NDIM, low=0, high=1)


def _out(x):
    x = np.asarray(x, dtype=float)
    return float(x) if x.ndim == 0 else x


# --------------------------------------------------------------------------- the functional


def _terms(f):
    """E/A as a list of ``(coefficient, p, m)``: E/A = Σ coefficient · n^p · F_m(y)."""
    h = f.hbar2_2m
    c = 3 * _K_SYM / 40
    terms = [
        (0.6 * h * _K_SYM, 2 / 3, 5 / 3),
        (f.t0 * (f.x0 + 2) / 4, 1.0, 0.0),
        (-f.t0 * (2 * f.x0 + 1) / 8, 1.0, 2.0),
        (f.t3 * (f.x3 + 2) / 24, f.sigma + 1, 0.0),
        (-f.t3 * (2 * f.x3 + 1) / 48, f.sigma + 1, 2.0),
        (c * (f.t1 * (f.x1 + 2) + f.t2 * (f.x2 + 2)), 5 / 3, 5 / 3),
        (c / 2 * (f.t2 * (2 * f.x2 + 1) - f.t1 * (2 * f.x1 + 1)), 5 / 3, 8 / 3),
    ]
    if f.t4:
        terms += [
            (c * f.t4 * (f.x4 + 2), 5 / 3 + f.beta, 5 / 3),
            (-c / 2 * f.t4 * (2 * f.x4 + 1), 5 / 3 + f.beta, 8 / 3),
        ]
    if f.t5:
        terms += [
            (c * f.t5 * (f.x5 + 2), 5 / 3 + f.gamma, 5 / 3),
            (c / 2 * f.t5 * (2 * f.x5 + 1), 5 / 3 + f.gamma, 8 / 3),
        ]
    return terms


def _f_m(m, y):
    if m == 0:
        return np.ones_like(y)
    return 2 ** (m - 1) * (y**m + (1 - y) ** m)


def _df_m(m, y):
    """dF_m/dy."""
    if m == 0:
        return np.zeros_like(y)
    return m * 2 ** (m - 1) * (y ** (m - 1) - (1 - y) ** (m - 1))


def _sum(f, n, y, order_n: int = 0, d_y: bool = False):
    """Σ coefficient · dⁱ(n^p)/dnⁱ · F_m(y) (or dF_m/dy), i = order_n."""
    total = 0.0
    for coef, p, m in _terms(f):
        if order_n == 0:
            radial = n**p
        elif order_n == 1:
            radial = p * n ** (p - 1)
        else:
            radial = p * (p - 1) * n ** (p - 2)
        total = total + coef * radial * (_df_m(m, y) if d_y else _f_m(m, y))
    return total


def energy_per_nucleon(functional, n, proton_fraction=0.5):
    """Energy per nucleon E/A (MeV) of homogeneous nucleon matter.

    ``functional`` is a :class:`~josephson.superfluid.model.SkyrmeFunctional` or the name of a
    preset (``"SLy4"``, ``"BSk17"``); ``n`` is the baryon density (fm⁻³, > 0) and
    ``proton_fraction`` is y = n_p/n in [0, 1] (default ½, symmetric matter).  The energy
    excludes the nucleon rest mass and the leptons.  Arguments broadcast.
    """
    f = _functional(functional)
    n, y = _density(n), _fraction(proton_fraction)
    return _out(_sum(f, n, y))


def pressure(functional, n, proton_fraction=0.5):
    """Pressure P = n² ∂(E/A)/∂n at fixed proton fraction (MeV fm⁻³) of nucleon matter.

    The leptons' pressure is not included.  Arguments as for :func:`energy_per_nucleon`.
    """
    f = _functional(functional)
    n, y = _density(n), _fraction(proton_fraction)
    return _out(n**2 * _sum(f, n, y, order_n=1))


def chemical_potentials(functional, n, proton_fraction=0.5):
    """Neutron and proton chemical potentials ``(mu_n, mu_p)`` (MeV, no rest mass).

    With ε = n E/A(n, y): μ_n = ∂ε/∂n_n = E/A + n ∂(E/A)/∂n − y ∂(E/A)/∂y and
    μ_p = ∂ε/∂n_p = E/A + n ∂(E/A)/∂n + (1 − y) ∂(E/A)/∂y, so that μ_n − μ_p = −∂(E/A)/∂y at
    fixed n.  Arguments as for :func:`energy_per_nucleon`.
    """
    f = _functional(functional)
    n, y = _density(n), _fraction(proton_fraction)
    e = _sum(f, n, y)
    de_dn = _sum(f, n, y, order_n=1)
    de_dy = _sum(f, n, y, d_y=True)
    return _out(e + n * de_dn - y * de_dy), _out(e + n * de_dn + (1 - y) * de_dy)


def symmetry_energy(functional, n):
    """Symmetry energy S(n) = ½ ∂²(E/A)/∂δ² at δ = 1 − 2y = 0 (MeV), in closed form.

    With y = (1 − δ)/2, F_m = ½[(1 − δ)^m + (1 + δ)^m], whose second δ-derivative at δ = 0 is
    m(m − 1); so S(n) = ½ Σ coefficient · n^p · m(m − 1).  ``n`` (fm⁻³) broadcasts.
    """
    f = _functional(functional)
    n = _density(n)
    return _out(sum(0.5 * coef * n**p * m * (m - 1) for coef, p, m in _terms(f)))


def _symmetry_slope(f, n):
    """dS/dn (MeV fm³)."""
    return sum(0.5 * coef * p * n ** (p - 1) * m * (m - 1) for coef, p, m in _terms(f))


def incompressibility(functional, n):
    """K(n) = 9 n² ∂²(E/A)/∂n² of symmetric matter (MeV), in closed form.

    At the saturation density (see :func:`saturation`) this is the incompressibility the
    functionals' authors publish; away from it, note that 9 ∂P/∂n differs from this by
    18 P/n.  ``n`` (fm⁻³) broadcasts.
    """
    f = _functional(functional)
    n = _density(n)
    return _out(9 * n**2 * _sum(f, n, 0.5, order_n=2))


def saturation(functional) -> dict:
    """Saturation point of symmetric matter and the properties there.

    Returns a dict with ``n0`` (fm⁻³, the density where the pressure of symmetric matter
    vanishes with E/A at a minimum), ``e_a`` (E/A there, MeV), ``k`` (incompressibility, MeV),
    ``j`` (symmetry energy, MeV) and ``l`` (its slope 3 n0 dS/dn, MeV).
    """
    f = _functional(functional)

    def dedn(n):
        return _sum(f, n, 0.5, order_n=1)

    # the minimum lies between 0.05 and 0.4 fm⁻³ for any realistic force
    coarse = minimize_scalar(
        lambda n: _sum(f, n, 0.5), bounds=(0.05, 0.4), method="bounded",
        options={"xatol": 1e-6},
    )  # fmt: skip
    lo, hi = coarse.x * 0.8, min(coarse.x * 1.25, 0.5)
    if not (dedn(lo) < 0 < dedn(hi)):
        raise ParameterError(
            "functional", f.name, "a functional whose symmetric matter saturates "
            "between 0.05 and 0.4 fm⁻³",
        )  # fmt: skip
    n0 = brentq(dedn, lo, hi, xtol=1e-14, rtol=4 * np.finfo(float).eps)
    return {
        "n0": n0,
        "e_a": float(_sum(f, n0, 0.5)),
        "k": float(9 * n0**2 * _sum(f, n0, 0.5, order_n=2)),
        "j": float(sum(0.5 * c * n0**p * m * (m - 1) for c, p, m in _terms(f))),
        "l": float(3 * n0 * _symmetry_slope(f, n0)),
    }


# --------------------------------------------------------------------------- leptons


def _lepton_densities(mu: float, muons: bool):
    """(n_e, n_μ) (fm⁻³) of ultra-relativistic electrons and relativistic muons at μ (MeV)."""
    n_e = (mu / _HBAR_C) ** 3 / (3 * math.pi**2)
    n_mu = 0.0
    if muons and mu > MUON_MASS_MEV:
        n_mu = ((mu**2 - MUON_MASS_MEV**2) ** 1.5 / _HBAR_C**3) / (3 * math.pi**2)
    return n_e, n_mu


def _lepton_mu(n_charge: float, muons: bool) -> float:
    mu_e_only = _HBAR_C * (3 * math.pi**2 * n_charge) ** (1 / 3)
    if not muons or mu_e_only <= MUON_MASS_MEV:
        return mu_e_only
    # n_e(μ) + n_μ(μ) grows with μ; at μ = m_μ it is n_e(m_μ) < n_charge, and at μ = mu_e_only
    # n_e alone equals n_charge, so the root lies between.
    return brentq(
        lambda mu: sum(_lepton_densities(mu, True)) - n_charge,
        MUON_MASS_MEV, mu_e_only, xtol=1e-13, rtol=4 * np.finfo(float).eps,
    )  # fmt: skip


def lepton_chemical_potential(n_p, *, muons: bool = True):
    """Chemical potential μ_e = μ_μ (MeV) of the leptons that neutralise protons of density n_p.

    Electrons are ultra-relativistic, μ_e = ħc k_e with k_e = (3π² n_e)^(1/3) (neglecting
    m_e c² = 0.511 MeV changes μ_e by about m_e²/2μ_e, below 0.01 MeV for the μ_e above 20 MeV of
    nuclear densities).  Muons, μ_μ = [(ħc k_μ)² + (m_μ c²)²]^(1/2), appear once μ_e exceeds
    m_μ c² = 105.66 MeV (unless ``muons`` is false); the two are in equilibrium (μ_e = μ_μ) and
    n_e + n_μ = n_p.  ``n_p`` (fm⁻³, > 0) may be an array.
    """
    n_p = _density(n_p, "n_p")
    return _out(np.vectorize(lambda x: _lepton_mu(float(x), muons), otypes=[float])(n_p))


# --------------------------------------------------------------------------- beta equilibrium


def _delta_mu(f, n, y):
    """μ_n − μ_p = −∂(E/A)/∂y at fixed n (MeV, no rest mass)."""
    return -_sum(f, n, y, d_y=True)


def _beta_point(f, n: float, muons: bool, mass_difference: bool) -> float:
    dm = NEUTRON_PROTON_MASS_DIFFERENCE_MEV if mass_difference else 0.0

    def g(y):
        return _delta_mu(f, n, y) + dm - _lepton_mu(n * y, muons)

    g_lo, g_hi = g(_Y_LOW), g(_Y_HIGH)
    if not (g_lo > 0 > g_hi):
        raise ParameterError(
            "n", n, f"a density where neutral matter has a beta-equilibrium proton fraction "
            f"in ({_Y_LOW:g}, {_Y_HIGH:g}) for {f.name}",
            detail=f"μ_n − μ_p − μ_e = {g_lo:.4g} MeV at y = {_Y_LOW:g} and {g_hi:.4g} MeV at "
            f"y = {_Y_HIGH:g}",
        )  # fmt: skip
    return brentq(g, _Y_LOW, _Y_HIGH, xtol=1e-15, rtol=4 * np.finfo(float).eps, maxiter=200)


def beta_equilibrium(functional, n, *, muons: bool = True, mass_difference: bool = False):
    """Proton fraction y of charge-neutral nucleon–lepton matter in beta equilibrium.

    Solves μ_n − μ_p = μ_e for y in (10⁻⁸, ½) by Brent's method, with μ_n − μ_p = −∂(E/A)/∂y at
    fixed baryon density ``n`` (fm⁻³, in (0, 1]) from :func:`energy_per_nucleon`, and μ_e from
    :func:`lepton_chemical_potential` at n_p = y n.  Muons are included, in equilibrium with the
    electrons (μ_μ = μ_e, n_e + n_μ = n_p), wherever μ_e exceeds m_μ c² (above about
    0.12 fm⁻³ for SLy4); ``muons=False`` gives npe matter.  Nucleon rest masses are left out,
    i.e. m_n = m_p; ``mass_difference=True`` adds (m_n − m_p)c² = 1.293 MeV to μ_n − μ_p.
    ``n`` may be an array (solved point by point).  A density outside (0, 1] or one where no
    root exists in the bracket raises :class:`~josephson.errors.ParameterError`.
    """
    f = _functional(functional)
    n = _density(n, high=_N_MAX)
    solve = np.vectorize(lambda x: _beta_point(f, float(x), muons, mass_difference), otypes=[float])
    return _out(solve(n))


def composition(
    functional, n, proton_fraction=None, *, muons: bool = True, mass_difference: bool = False
) -> dict:
    """Composition of neutral matter at baryon density ``n`` (fm⁻³).

    ``proton_fraction`` None means beta equilibrium (:func:`beta_equilibrium`, with ``muons`` and
    ``mass_difference`` passed on); otherwise it is the proton fraction in (0, ½].  The returned
    dict holds ``n_n`` and ``n_p`` (fm⁻³), ``proton_fraction``, the Fermi wave numbers ``k_Fn``
    and ``k_Fp`` (fm⁻¹, k_F = (3π² n_q)^(1/3)), the lepton chemical potential ``mu_e`` (MeV) and
    the electron and muon densities ``n_e`` and ``n_mu`` (fm⁻³) that neutralise the protons.
    Arrays broadcast.
    """
    f = _functional(functional)
    if proton_fraction is None:
        y = np.asarray(beta_equilibrium(f, n, muons=muons, mass_difference=mass_difference))
        n = _density(n, high=_N_MAX)
    else:
        n = _density(n)
        y = array(
            "proton_fraction", proton_fraction, ndim=_ANY_NDIM, low=0, low_open=True, high=0.5
        )
    n, y = np.broadcast_arrays(n, y)
    n_p = n * y
    n_n = n - n_p
    mu = np.vectorize(lambda x: _lepton_mu(float(x), muons), otypes=[float])(n_p)
    leptons = np.vectorize(lambda m: _lepton_densities(float(m), muons), otypes=[float, float])
    n_e, n_mu = leptons(mu)
    return {
        "n_n": _out(n_n),
        "n_p": _out(n_p),
        "proton_fraction": _out(y),
        "k_Fn": _out(np.cbrt(3 * math.pi**2 * n_n)),
        "k_Fp": _out(np.cbrt(3 * math.pi**2 * n_p)),
        "mu_e": _out(mu),
        "n_e": _out(n_e),
        "n_mu": _out(n_mu),
    }
