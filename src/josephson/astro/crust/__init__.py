"""Entrainment in the neutron-star crust (document 001, crust part; issue 13, in progress).

* :mod:`~josephson.astro.crust.bands` — neutrons in a periodic potential: plane-wave band
  structure in 1D and on sc, bcc and fcc lattices, the Fermi level, and the superfluid density
  in the weak-pairing and constant-gap BCS forms, each result with its own error estimate.
* :mod:`~josephson.astro.crust.analytic` — the Epstein–Baym effective ion mass and its limits,
  m_I* = (ρ̄ − ρ_n,s)/n_I, the Debye–Waller factor, the ion plasma frequency, zero-point motion,
  the self-consistent loop, and exact 1D references (Kronig–Penney, Mathieu).
* :mod:`~josephson.astro.crust.layers` — the inner-crust composition of Negele & Vautherin
  (1973), the cluster well of each layer and :func:`layer_superfluid`, the band calculation of
  one layer (sweepable: ``josephson sweep astro.layer_superfluid --axis n_bar=...``).

:func:`superfluid_fraction` and :func:`effective_ion_mass` are the two faces of the same band
calculation (document 001: m_I* = (ρ̄ − ρ_n,s)/n_I).
"""

from __future__ import annotations

from . import analytic, bands, layers
from .analytic import (
    bound_neutrons,
    debye_waller,
    epstein_baym_mass,
    ion_mass_from_superfluid,
    ion_plasma_frequency,
    normalised_ion_mass,
    self_consistent_ion_mass,
    superfluid_from_ion_mass,
    zero_point_displacement,
)
from .bands import (
    Cosine,
    DebyeWaller,
    KronigPenney,
    Lattice,
    PlaneWave,
    RadialPotential,
    SuperfluidDensity,
    WoodsSaxon,
    band_structure,
    fermi_level,
    superfluid_density,
)
from .layers import LAYERS, Layer, cluster_potential, layer, layer_superfluid

__all__ = [
    "LAYERS",
    "Cosine",
    "DebyeWaller",
    "KronigPenney",
    "Lattice",
    "Layer",
    "PlaneWave",
    "RadialPotential",
    "SuperfluidDensity",
    "WoodsSaxon",
    "analytic",
    "band_structure",
    "bands",
    "bound_neutrons",
    "cluster_potential",
    "debye_waller",
    "effective_ion_mass",
    "epstein_baym_mass",
    "fermi_level",
    "ion_mass_from_superfluid",
    "ion_plasma_frequency",
    "layer",
    "layer_superfluid",
    "layers",
    "normalised_ion_mass",
    "self_consistent_ion_mass",
    "superfluid_density",
    "superfluid_fraction",
    "superfluid_from_ion_mass",
    "zero_point_displacement",
]


def superfluid_fraction(lattice, potential, density, *, gap=0.0, method=None) -> SuperfluidDensity:
    """Superfluid fraction f_s = ρ_n,s/ρ̄_n of neutrons of mean density ``density`` (fm⁻³) in a
    periodic ``potential`` on ``lattice`` (weak pairing for ``gap`` = 0, else the constant-gap
    BCS form, Δ in MeV).

    Returns the :class:`~josephson.astro.crust.bands.SuperfluidDensity` of
    :func:`~josephson.astro.crust.bands.superfluid_density`: ``.fraction`` is f_s (relative to
    every neutron of the band problem, bound ones included), ``.error`` its estimated error and
    ``.converged`` whether that is within ``method.tol``.
    """
    return superfluid_density(lattice, potential, density, gap=gap, method=method)


def effective_ion_mass(lattice, potential, density, *, Z, gap=0.0, method=None) -> dict:
    """Effective mass of the ions (clusters of ``Z`` protons, one per primitive cell of
    ``lattice``) in the neutron superfluid, from the band calculation of
    :func:`superfluid_fraction`: m_I* = (ρ̄ − ρ_n,s)/n_I (document 001), in nucleon masses.

    ρ̄ = n + Z n_I counts the neutrons of the band problem (``density``, fm⁻³) and the protons;
    n_I = 1/Ω is the ion density.  Returns ``{"m_star", "m_star_over_Z", "n_ion", "result"}``
    (``result``: the SuperfluidDensity, with its error estimate); the error of m_star is
    ``result.error · n/n_I``.  Without a potential every neutron flows and m_I* = Z (the
    protons alone).
    """
    from ..._validate import scalar

    z = scalar("Z", Z, low=0, allowed="a proton number >= 0")
    if not isinstance(lattice, Lattice) or lattice.dim != 3:
        from ...errors import ParameterError

        raise ParameterError("lattice", lattice, "a 3D Lattice (sc, bcc or fcc): ions are "
                             "clusters in a crystal")  # fmt: skip
    result = superfluid_density(lattice, potential, density, gap=gap, method=method)
    n_ion = 1.0 / result.lattice.volume
    m_star = float(ion_mass_from_superfluid(result.n + z * n_ion, result.n_s, n_ion))
    return {"m_star": m_star, "m_star_over_Z": m_star / z if z else float("nan"),
            "m_star_error": result.error * result.n / n_ion, "n_ion": n_ion, "result": result}
