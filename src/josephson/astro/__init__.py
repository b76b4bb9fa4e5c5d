"""Neutron stars (document 000, astrophysical part; issue 12, in progress).

* :mod:`~josephson.astro.model` — :class:`NeutronStar` (radius, P, Ṗ, field or its dipole
  estimate, τ and the scalings R₆, Ω₁₀₀, B₁₃, τ₅).
* :mod:`~josephson.astro.analytic` — vortex and flux-tube arrays (2Ω/κ, B/Φ0, spacings), the
  outward creep velocity of eq. 18, the crossing frequencies ω_V and ω_p of eqs. 21 and 29,
  spin-down and the dipole field.

The time-dependent Josephson currents, their radiation and the heating of the star (eqs. 19–35),
the pulsar table and the ``josephson star`` command are still to come.
"""

from . import analytic, model
from .analytic import (
    KAPPA_NEUTRON,
    creep_velocity,
    crossing_frequency,
    dipole_field,
    flux_tube_density,
    spacing,
    spin_down,
    vortex_density,
)
from .model import NeutronStar

__all__ = [
    "KAPPA_NEUTRON",
    "NeutronStar",
    "analytic",
    "creep_velocity",
    "crossing_frequency",
    "dipole_field",
    "flux_tube_density",
    "model",
    "spacing",
    "spin_down",
    "vortex_density",
]
