"""Solve functions of :mod:`josephson.superfluid` that return ``xarray.Dataset`` results.

* :func:`nuclear_entrainment` — the entrainment matrix of neutron-star core matter over
  density from a Skyrme functional (document 001), with effective masses and the fractional
  flux of a neutron vortex.
* The Ginzburg–Landau interface (:mod:`josephson.superfluid.gl`) and the Gross–Pitaevskii
  rings and necklaces (:mod:`josephson.superfluid.gpe`, :mod:`josephson.superfluid.stability`)
  have their own modules; their solve functions are re-exported by the package.
"""

from __future__ import annotations

import numpy as np

from .._provenance import provenance
from .._validate import array, attrs, scalar
from .analytic import (
    fractional_flux,
    skyrme_effective_masses,
    skyrme_entrainment,
    skyrme_upsilon,
)
from .model import SKYRME_PRESETS, SkyrmeFunctional

__all__ = ["nuclear_entrainment"]


def nuclear_entrainment(density, proton_fraction=0.1, *, functional="SLy4"):
    """Entrainment in homogeneous neutron–proton matter over baryon ``density`` (fm⁻³).

    Computes, for a Skyrme ``functional`` (a :class:`SkyrmeFunctional` or a preset name), the
    entrainment matrix by the TDHFB mass currents (:func:`skyrme_entrainment`, which does not
    assume Galilean invariance) and, beside it, document 001's closed form in η and Υ; the
    difference and the violation of eq. 2 are stored (both zero to rounding for a Skyrme
    functional).  Returns a Dataset over ``density`` with ``rho_nn``, ``rho_pp``, ``rho_np`` in
    g cm⁻³, ``upsilon``, ``eta``, the entrainment effective masses ``m_n_star``, ``m_p_star``
    (ρ_q/ρ_qq, document 000 eq. 3), the Landau masses ``m_n_landau``, ``m_p_landau`` and the
    flux of a neutron vortex ``flux`` (G cm²) and ``flux_ratio`` = Φ*/Φ0.
    """
    from ..units import CGS
    from .analytic import core_entrainment

    name = functional if isinstance(functional, str) else getattr(functional, "name", "?")
    if not isinstance(functional, SkyrmeFunctional) and functional not in SKYRME_PRESETS:
        from ..errors import ParameterError

        raise ParameterError(
            "functional", functional, "a SkyrmeFunctional or one of " + ", ".join(SKYRME_PRESETS)
        )
    n = np.atleast_1d(array("density", density, low=0, low_open=True))
    xp = scalar("proton_fraction", proton_fraction, low=0, high=1, low_open=True, high_open=True)
    n_n, n_p = n * (1 - xp), n * xp
    m = skyrme_entrainment(functional, n_n, n_p, mass_density=True)
    ups = skyrme_upsilon(functional, n)
    unit = 0.5 * (CGS.m_n + CGS.m_p) / CGS.fm**3
    core = core_entrainment(n * unit, (n_n - n_p) / n, ups)
    landau_n, landau_p = skyrme_effective_masses(functional, n_n, n_p)
    star_n, star_p = m.effective_masses()
    flux = fractional_flux(m)
    gcc = "g cm^-3"
    data = {
        "rho_nn": ("density", m.rho_nn, attrs(gcc, "diagonal entrainment ρ_nn")),
        "rho_pp": ("density", m.rho_pp, attrs(gcc, "diagonal entrainment ρ_pp")),
        "rho_np": ("density", m.rho_np, attrs(gcc, "entrainment ρ_np")),
        "rho_n": ("density", n_n * unit, attrs(gcc, "neutron mass density ρ_n")),
        "rho_p": ("density", n_p * unit, attrs(gcc, "proton mass density ρ_p")),
        "upsilon": ("density", ups, attrs("1", "entrainment parameter Υ")),
        "eta": ("density", (n_n - n_p) / n, attrs("1", "asymmetry η = (ρ_n − ρ_p)/ρ")),
        "m_n_star": ("density", star_n, attrs("1", "entrainment mass m_n*/m = ρ_n/ρ_nn")),
        "m_p_star": ("density", star_p, attrs("1", "entrainment mass m_p*/m = ρ_p/ρ_pp")),
        "m_n_landau": ("density", landau_n, attrs("1", "Landau (Skyrme) mass m_n⊕/m")),
        "m_p_landau": ("density", landau_p, attrs("1", "Landau (Skyrme) mass m_p⊕/m")),
        "flux": ("density", flux, attrs("G cm^2", "flux of a neutron vortex Φ*")),
        "flux_ratio": ("density", flux / CGS.flux_quantum, attrs("1", "Φ*/Φ0")),
        "galilean_defect": (
            (),
            m.galilean_defect(n_n * unit, n_p * unit),
            attrs("1", "max relative violation of ρ_qq + ρ_np = ρ_q"),
        ),
        "closed_form_difference": (
            (),
            float(np.max(np.abs(core.rho_np - m.rho_np) / np.abs(m.rho_nn))),
            attrs("1", "max |ρ_np(η, Υ) − ρ_np(TDHFB)|/ρ_nn"),
        ),
    }
    import xarray as xr

    ds = xr.Dataset(
        data, coords={"density": ("density", n, attrs("fm^-3", "baryon number density n"))}
    )
    ds.attrs.update(
        provenance(
            computation="nuclear_entrainment",
            model={"functional": name, "proton_fraction": xp},
            method={"method": "skyrme-tdhfb-closed-form"},
        )
    )
    return ds
