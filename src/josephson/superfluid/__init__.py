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
* :mod:`~josephson.superfluid.gpe` — one- and two-component Gross–Pitaevskii equations with
  Andreev–Bashkin entrainment on a 1D ring and a 2D annulus (one split-step kernel for real
  and imaginary time), the necklace builder, phase slips, junction phases and currents,
  vortices.
* :mod:`~josephson.superfluid.stability` — the necklace studies of document 000: the critical
  winding number w_c(n) beside Leggett's bound, entrainment drag (eq. 38), phase control by a
  chemical-potential mismatch.
"""

from . import analytic, gl, gpe, model, solve, stability
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
from .gpe import (
    Annulus,
    Condensates,
    ImaginaryTime,
    Necklace,
    Ramp,
    Ring,
    SplitStep,
    evolve,
    ground_state,
    imprint,
    necklace,
    phase_slips,
    vortices,
    winding_number,
)
from .model import SKYRME_PRESETS, EntrainmentMatrix, SkyrmeFunctional
from .solve import nuclear_entrainment
from .stability import (
    critical_winding,
    entrainment_drag,
    mismatch_control,
    necklace_stability,
    stability_diagram,
    stationary_drag,
)

#: solve functions returning an xarray.Dataset that ``josephson sweep`` may run over a grid
SWEEPABLE = (
    "nuclear_entrainment",
    "symmetric_interface_cpr",
    "necklace_stability",
    "critical_winding",
    "stationary_drag",
)

__all__ = [
    "BVP",
    "SKYRME_PRESETS",
    "SWEEPABLE",
    "Annulus",
    "Condensates",
    "EntrainmentMatrix",
    "GLInterface",
    "GLSide",
    "ImaginaryTime",
    "Necklace",
    "Ramp",
    "Ring",
    "SkyrmeFunctional",
    "SplitStep",
    "analytic",
    "core_entrainment",
    "critical_currents",
    "critical_winding",
    "drag_current",
    "entrained_current_amplitude",
    "entrainment_drag",
    "entrainment_from_effective_masses",
    "eta_upsilon",
    "evolve",
    "fractional_flux",
    "gl",
    "gl_interface",
    "gpe",
    "ground_state",
    "imprint",
    "interface_cpr",
    "interface_currents",
    "kappa",
    "leggett_bound",
    "lense_thirring_ratio",
    "mismatch_control",
    "model",
    "necklace",
    "necklace_current",
    "necklace_stability",
    "nuclear_entrainment",
    "phase_slips",
    "skyrme_effective_masses",
    "skyrme_entrainment",
    "skyrme_upsilon",
    "solve",
    "sound_speeds",
    "stability",
    "stability_diagram",
    "stationary_drag",
    "symmetric_interface_cpr",
    "uniform_chemical_potentials",
    "vortices",
    "winding_number",
]
