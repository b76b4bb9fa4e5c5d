"""Multi-terminal Josephson junctions from a tight-binding Bogoliubov–de Gennes model
(document 002: Sahoo & Soori, "Field-free transverse Josephson diode effect in altermagnets").

* :mod:`~josephson.bdg.model` — materials (hopping, μ, s-wave Δ, altermagnet d_{x²−y²}/d_xy
  along a Néel vector, Rashba, Dresselhaus, Zeeman/exchange, disorder), the sparse BdG matrix,
  junctions with any number of superconducting terminals; :func:`four_terminal_junction`
  (the cross of document 002) and :func:`sns_chain`.
* :mod:`~josephson.bdg.solve` — terminal currents (bond-current operator and (2e/ħ)∂F/∂φ_a),
  free energy, spectra, adiabatic (fixed-parity) branches, CPRs and diode coefficients, by
  the dense reference (:class:`Dense`) or the interface Green's-function method
  (:class:`Greens`).
* :mod:`~josephson.bdg.analytic` — short-junction Andreev levels and current, the normal-state
  transmission of a chain, bias conventions, the diode coefficient, the current unit.
"""

from . import analytic, model, solve
from .analytic import (
    andreev_levels,
    chain_transmission,
    current_unit,
    diode_efficiency,
    short_junction_current,
    single_lead_bias,
    symmetric_bias,
)
from .model import (
    STRONG_PHASE,
    WEAK_PHASE,
    Junction,
    Material,
    Terminal,
    four_terminal_junction,
    sns_chain,
)
from .solve import (
    METHODS,
    Dense,
    Greens,
    adiabatic_branch,
    bias_phases,
    current_phase_relation,
    diode_coefficients,
    four_terminal_cpr,
    four_terminal_diode,
    spectrum,
    terminal_currents,
)

#: solve functions returning an xarray.Dataset that ``josephson sweep`` may run over a grid
SWEEPABLE = ("four_terminal_cpr", "four_terminal_diode")

__all__ = [
    "METHODS",
    "STRONG_PHASE",
    "SWEEPABLE",
    "WEAK_PHASE",
    "Dense",
    "Greens",
    "Junction",
    "Material",
    "Terminal",
    "adiabatic_branch",
    "analytic",
    "andreev_levels",
    "bias_phases",
    "chain_transmission",
    "current_phase_relation",
    "current_unit",
    "diode_coefficients",
    "diode_efficiency",
    "four_terminal_cpr",
    "four_terminal_diode",
    "four_terminal_junction",
    "model",
    "short_junction_current",
    "single_lead_bias",
    "sns_chain",
    "solve",
    "spectrum",
    "symmetric_bias",
    "terminal_currents",
]
