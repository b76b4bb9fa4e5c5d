"""Josephson junctions: current-phase relations, RCSJ dynamics, Shapiro steps, dc SQUIDs and
escape from the washboard (document 003, the textbook chapter).

* Current-phase relations (:mod:`~josephson.junction.cpr`): :class:`Sinusoidal`,
  :class:`FourierSeries` (pi-, phi0- and diode junctions), :class:`TunnelJunction`
  (Ambegaokar-Baratoff), :class:`KulikOmelyanchukI`, :class:`KulikOmelyanchukII`,
  :class:`BallisticChannel`; the BCS gap :func:`bcs_gap` from the gap equation.
* RCSJ (:mod:`~josephson.junction.rcsj`): :class:`RCSJ`, :func:`iv_curve`, :func:`simulate`,
  :func:`switching_current`, :func:`retrapping_current`, and the closed forms of
  :mod:`~josephson.junction.analytic`.
* Shapiro steps (:mod:`~josephson.junction.microwave`): :func:`voltage_biased`, :func:`shapiro`,
  :func:`shapiro_steps`, :func:`exact_step_edges`, :func:`bessel_step_widths`.
* dc SQUID (:mod:`~josephson.junction.squid`): :func:`squid_critical_current`,
  :func:`squid_critical_current_branches`, :func:`squid_voltage`, :func:`transfer_function`,
  :func:`optimal_working_point`.
* Washboard and escape (:mod:`~josephson.junction.escape`): barrier, plasma frequency, thermal
  (Kramers / Mel'nikov-Meshkov) and quantum (Caldeira-Leggett) rates, the exact overdamped
  mean first-passage time, switching distributions and Langevin switching histograms.
"""

from . import bcs, cpr, escape, microwave, squid
from .analytic import (
    HYSTERESIS_ONSET_BETA_C,
    ZAPPE_CORRECTION,
    exact_retrapping_current,
    ivanchenko_zilberman_voltage,
    overdamped_voltage,
    phase_diffusion_resistance,
    zappe_retrapping_current,
)
from .bcs import BCS_GAP_RATIO, ambegaokar_baratoff, bcs_gap
from .cpr import (
    MICROSCOPIC_UNIT,
    BallisticChannel,
    FourierSeries,
    KulikOmelyanchukI,
    KulikOmelyanchukII,
    Sinusoidal,
    TunnelJunction,
)
from .escape import (
    barrier_height,
    crossover_temperature,
    escape_rate,
    escape_rate_si,
    escape_times,
    josephson_inductance,
    mean_first_passage_time,
    plasma_frequency,
    quantum_escape_rate,
    stochastic_switching,
    switching_distribution,
    switching_statistics,
    switching_statistics_si,
    thermal_escape_rate,
    washboard_potential,
)
from .microwave import (
    bessel_step_widths,
    exact_step_edges,
    shapiro,
    shapiro_steps,
    voltage_biased,
)
from .rcsj import (
    RCSJ,
    RUNNING_THRESHOLD,
    Langevin,
    PeriodAverage,
    iv_curve,
    retrapping_current,
    simulate,
    switching_current,
)
from .squid import (
    optimal_working_point,
    squid_critical_current,
    squid_critical_current_branches,
    squid_voltage,
    transfer_function,
)

#: solve functions returning an xarray.Dataset that ``josephson sweep`` may run over a grid
SWEEPABLE = (
    "iv_curve",
    "shapiro",
    "voltage_biased",
    "squid_voltage",
    "squid_critical_current_branches",
    "stochastic_switching",
)

__all__ = [
    "BCS_GAP_RATIO",
    "HYSTERESIS_ONSET_BETA_C",
    "MICROSCOPIC_UNIT",
    "RCSJ",
    "RUNNING_THRESHOLD",
    "SWEEPABLE",
    "ZAPPE_CORRECTION",
    "BallisticChannel",
    "FourierSeries",
    "KulikOmelyanchukI",
    "KulikOmelyanchukII",
    "Langevin",
    "PeriodAverage",
    "Sinusoidal",
    "TunnelJunction",
    "ambegaokar_baratoff",
    "barrier_height",
    "bcs",
    "bcs_gap",
    "bessel_step_widths",
    "cpr",
    "crossover_temperature",
    "escape",
    "escape_rate",
    "escape_rate_si",
    "escape_times",
    "exact_retrapping_current",
    "exact_step_edges",
    "iv_curve",
    "ivanchenko_zilberman_voltage",
    "josephson_inductance",
    "mean_first_passage_time",
    "microwave",
    "optimal_working_point",
    "overdamped_voltage",
    "phase_diffusion_resistance",
    "plasma_frequency",
    "quantum_escape_rate",
    "retrapping_current",
    "shapiro",
    "shapiro_steps",
    "simulate",
    "squid",
    "squid_critical_current",
    "squid_critical_current_branches",
    "squid_voltage",
    "stochastic_switching",
    "switching_current",
    "switching_distribution",
    "switching_statistics",
    "switching_statistics_si",
    "thermal_escape_rate",
    "transfer_function",
    "voltage_biased",
    "washboard_potential",
    "zappe_retrapping_current",
]
