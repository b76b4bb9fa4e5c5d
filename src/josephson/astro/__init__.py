"""Neutron stars (document 000, astrophysical part: eqs. 18–35).

* :mod:`~josephson.astro.model` — :class:`NeutronStar` (radius, P, Ṗ, field or its dipole
  estimate, τ and the scalings R₆, Ω₁₀₀, B₁₃, τ₅; :meth:`NeutronStar.pulsar`,
  :meth:`NeutronStar.reference`) and :class:`Interface` (the ¹S₀/³P₂ junction: composition,
  entrainment, barrier lengths, penetration depth; every input in :data:`INTERFACE_PARAMETERS`
  with its default and source).
* :mod:`~josephson.astro.analytic` — vortex and flux-tube arrays (2Ω/κ, B/Φ0, spacings), the
  creep velocity of eq. 18, the crossing frequencies of eqs. 21 and 29, the Larmor power of
  eq. 24, the per-line powers of eqs. 25 and 31, the star totals of eqs. 32–33, Ohmic heating
  (eq. 35), London depth and the η of eqs. 32–33.
* :mod:`~josephson.astro.solve` — :func:`radiated_power` (the chain line by line, in closed
  form, or in SI), :func:`sensitivity`, :func:`star_report`, :func:`heating_map` (P–Ṗ map).
* :mod:`~josephson.astro.matter` — npe matter from a Skyrme functional: energy, symmetry
  energy, β equilibrium and the composition at the interface.
* :mod:`~josephson.astro.thermal` — photon cooling (Gudmundsson–Pethick–Epstein envelope) and
  its balance against a temperature-independent heating power.
* :mod:`~josephson.astro.pulsars` — a small table of catalogued pulsars (ATNF P and Ṗ).
"""

from . import analytic, matter, model, pulsars, solve, thermal
from .analytic import (
    KAPPA_NEUTRON,
    creep_velocity,
    crossing_frequency,
    dipole_field,
    flux_tube_density,
    larmor_power,
    line_power,
    ohmic_power,
    spacing,
    spin_down,
    star_power,
    vortex_density,
)
from .crust.layers import layer_superfluid
from .model import INTERFACE_PARAMETERS, Interface, NeutronStar
from .pulsars import PULSARS, Pulsar
from .solve import heating_map, radiated_power, sensitivity, star_report

#: functions ``josephson sweep astro.NAME`` may run over a grid
SWEEPABLE = ("heating_map", "layer_superfluid")

__all__ = [
    "INTERFACE_PARAMETERS",
    "KAPPA_NEUTRON",
    "PULSARS",
    "SWEEPABLE",
    "Interface",
    "NeutronStar",
    "Pulsar",
    "analytic",
    "creep_velocity",
    "crossing_frequency",
    "dipole_field",
    "flux_tube_density",
    "heating_map",
    "larmor_power",
    "layer_superfluid",
    "line_power",
    "matter",
    "model",
    "ohmic_power",
    "pulsars",
    "radiated_power",
    "sensitivity",
    "solve",
    "spacing",
    "spin_down",
    "star_power",
    "star_report",
    "thermal",
    "vortex_density",
]
