"""Two-component superfluids with mutual (Andreev–Bashkin) entrainment: documents 000
(Sedrakian, "Josephson currents in neutron stars", laboratory part) and 001 (Chamel,
"Entrainment effects in the inner crust and outer core of a neutron star", core part).

* :mod:`~josephson.superfluid.model` — the entrainment matrix (eq. 1 of document 000) and
  Skyrme energy-density functionals with the presets SLy4 and BSk17.
* :mod:`~josephson.superfluid.analytic` — closed forms: entrainment from η and Υ (document
  001) and from effective masses (document 000, eqs. 3–4), Υ from a Skyrme functional, the
  fractional flux of a neutron vortex, the Lense–Thirring ratio, the interface Josephson
  currents (eqs. 15–16, 22–23, 38), and uniform Gross–Pitaevskii limits.
* :mod:`~josephson.superfluid.solve` — datasets: entrainment of nuclear matter over density.
* :mod:`~josephson.superfluid.gl` — the one-dimensional Ginzburg–Landau interface of two
  condensates (eqs. 9–11) as a boundary-value problem: profiles, the interface
  current–phase relation, its tunnelling limit (eqs. 15–16) and its departure from a sine.
"""

from . import analytic, gl, model, solve
from .analytic import (
    core_entrainment,
    critical_currents,
    drag_current,
    entrained_current_amplitude,
    entrainment_from_effective_masses,
    eta_upsilon,
    fractional_flux,
    interface_currents,
    kappa,
    leggett_bound,
    lense_thirring_ratio,
    necklace_current,
    skyrme_effective_masses,
    skyrme_entrainment,
    skyrme_upsilon,
    sound_speeds,
    uniform_chemical_potentials,
)
from .gl import BVP, GLInterface, GLSide, gl_interface, interface_cpr, symmetric_interface_cpr
from .model import SKYRME_PRESETS, EntrainmentMatrix, SkyrmeFunctional
from .solve import nuclear_entrainment

#: solve functions returning an xarray.Dataset that ``josephson sweep`` may run over a grid
SWEEPABLE = ("nuclear_entrainment", "symmetric_interface_cpr")

__all__ = [
    "BVP",
    "SKYRME_PRESETS",
    "SWEEPABLE",
    "EntrainmentMatrix",
    "GLInterface",
    "GLSide",
    "SkyrmeFunctional",
    "analytic",
    "core_entrainment",
    "critical_currents",
    "drag_current",
    "entrained_current_amplitude",
    "entrainment_from_effective_masses",
    "eta_upsilon",
    "fractional_flux",
    "gl",
    "gl_interface",
    "interface_cpr",
    "interface_currents",
    "kappa",
    "leggett_bound",
    "lense_thirring_ratio",
    "model",
    "necklace_current",
    "nuclear_entrainment",
    "skyrme_effective_masses",
    "skyrme_entrainment",
    "skyrme_upsilon",
    "solve",
    "sound_speeds",
    "symmetric_interface_cpr",
    "uniform_chemical_potentials",
]
