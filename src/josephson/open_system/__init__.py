"""The Josephson junction as an open quantum system (document 004: Alicki, Horodecki, Jenkins,
Łobejko, Suárez, "The Josephson junction as a quantum engine", New J. Phys. 2023).

Conventions (ħ = 1 in the quantum modules): H = E1 n1 + E2 n2 + K(a1†a2 + a2†a1),
U = E1 − E2, z = Tr(ρ a1†a2); with these the moment equations (eq. 27) hold with the
document's signs.  Voltage V = −en/C and U = −2eV (eqs. 33–34, which give eqs. 35–36).
The dimensionless engine variables are (v, i_J, i_S) with the single parameter α = K²/γ²
(eqs. 41–46).

* :mod:`~josephson.open_system.analytic` — the stationary characteristic (eq. 48), i_c and
  i_r (eqs. 49–55), fixed points, Jacobian, closed-form eigenvalues and Routh–Hurwitz
  (eqs. 59–63), the two-channel SQUID (eqs. 64–69), physical scales (eqs. 38, 43).
* :mod:`~josephson.open_system.master` — the two-mode Lindblad master equation (eqs. 21–23)
  on a truncated Fock space (own sparse Liouvillian in the Δ = 0 block), its steady state, and
  the truncation-leak diagnostic; :mod:`~josephson.open_system.moments` — the closed moment
  equations (eq. 27), their exact evolution and stationary state.
* :mod:`~josephson.open_system.reduction` — eqs. 28–46: the mean-field closure and the map
  between moments and the dimensionless engine variables (:class:`EngineScales`).
* :mod:`~josephson.open_system.dynamics` — integration of eq. 45/76 with LSODA, BDF, Radau,
  RK45 or DOP853; ramped hysteresis loops (Fig. 3).
* :mod:`~josephson.open_system.shapiro` — Shapiro steps under an AC field (eq. 76): the
  staircase, the step map and the phase-modulation law of the step heights.
* :mod:`~josephson.open_system.attractor` — the hidden-attractor search of Sec. V with a
  convergence study behind every verdict (compiled Dormand–Prince and RK4 ladders, any
  scipy method); the document's persistent oscillation is an integrator artefact.
* :mod:`~josephson.open_system.radiation` — superradiance (eqs. 90–95), the engine with
  radiation (eqs. 96–103) and the radiation efficiency in SI (eqs. 98, 105–111).
"""

from . import analytic, attractor, dynamics, master, moments, radiation, reduction, shapiro
from .analytic import (
    HYSTERESIS_ONSET_ALPHA,
    characteristic,
    characteristic_slope,
    critical_current,
    extremal_voltages,
    fixed_point,
    fixed_points,
    jacobian,
    retrapping_current,
    routh_hurwitz_stable,
    squid_alpha,
    squid_critical_current,
    squid_tunneling_squared,
    stability,
)
from .attractor import document_case, scan, search_attractors
from .dynamics import METHODS, Integrator, hysteresis, integrate, stationary_characteristic
from .master import evolve, liouvillian, steady_state
from .moments import moment_evolution, moment_steady_state
from .radiation import (
    cavity_efficiency,
    emission_rate,
    purcell_rate,
    radiation_efficiency,
    superradiance,
)
from .reduction import EngineScales
from .shapiro import field_shapiro, field_shapiro_steps, phase_modulation_heights

#: solve functions returning an xarray.Dataset that ``josephson sweep`` may run over a grid
SWEEPABLE = ("stationary_characteristic", "hysteresis", "field_shapiro", "search_attractors")

__all__ = [
    "HYSTERESIS_ONSET_ALPHA",
    "METHODS",
    "SWEEPABLE",
    "EngineScales",
    "Integrator",
    "analytic",
    "attractor",
    "cavity_efficiency",
    "characteristic",
    "characteristic_slope",
    "critical_current",
    "document_case",
    "dynamics",
    "emission_rate",
    "evolve",
    "extremal_voltages",
    "field_shapiro",
    "field_shapiro_steps",
    "fixed_point",
    "fixed_points",
    "hysteresis",
    "integrate",
    "jacobian",
    "liouvillian",
    "master",
    "moment_evolution",
    "moment_steady_state",
    "moments",
    "phase_modulation_heights",
    "purcell_rate",
    "radiation",
    "radiation_efficiency",
    "reduction",
    "retrapping_current",
    "routh_hurwitz_stable",
    "scan",
    "search_attractors",
    "shapiro",
    "squid_alpha",
    "squid_critical_current",
    "squid_tunneling_squared",
    "stability",
    "stationary_characteristic",
    "steady_state",
    "superradiance",
]
