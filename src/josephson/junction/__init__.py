"""Current-biased Josephson junctions: the RCSJ model, I-V curves and hysteresis.

Model: :class:`RCSJ`.  Solve: :func:`iv_curve`, :func:`simulate`.  Analysis of a sweep:
:func:`switching_current`, :func:`retrapping_current`.  Closed forms:
:func:`exact_retrapping_current`, :func:`zappe_retrapping_current`,
:func:`overdamped_voltage`, :func:`ivanchenko_zilberman_voltage`,
:func:`phase_diffusion_resistance`.  Current-phase relations: :mod:`josephson.junction.cpr`.
"""

from . import cpr
from .analytic import (
    HYSTERESIS_ONSET_BETA_C,
    ZAPPE_CORRECTION,
    exact_retrapping_current,
    ivanchenko_zilberman_voltage,
    overdamped_voltage,
    phase_diffusion_resistance,
    zappe_retrapping_current,
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

__all__ = [
    "HYSTERESIS_ONSET_BETA_C",
    "RCSJ",
    "RUNNING_THRESHOLD",
    "ZAPPE_CORRECTION",
    "Langevin",
    "PeriodAverage",
    "cpr",
    "exact_retrapping_current",
    "iv_curve",
    "ivanchenko_zilberman_voltage",
    "overdamped_voltage",
    "phase_diffusion_resistance",
    "retrapping_current",
    "simulate",
    "switching_current",
    "zappe_retrapping_current",
]
