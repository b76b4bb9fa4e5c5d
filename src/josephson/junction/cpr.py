"""Current-phase relations (CPRs) of a Josephson junction.

A CPR is a small object with

* ``current(phi)``: the supercurrent i_s(phi) in units of the CPR's reference current
  (the ``unit`` attribute says which; it is also the unit of ``i_dc`` and the I_c that
  enters beta_c when the CPR is used in the RCSJ model);
* ``free_energy(phi)``: F(phi) in units of hbar I_ref / 2e, with dF/dphi = i_s;
* ``derivative(phi)``: di_s/dphi;
* ``critical_currents()``: ``(plus, minus, efficiency)`` with plus = max i_s > 0,
  minus = -min i_s > 0 and the diode efficiency (plus - minus)/(plus + minus).

The seam to the compiled integrators is :meth:`CurrentPhaseRelation.compiled`, which returns
a Numba-jitted function ``f(phi, params) -> (i_s, di_s/dphi)`` and its parameter array.
A new CPR class implements the four NumPy methods and ``compiled``; every RCSJ computation
then accepts it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numba as nb
import numpy as np
from scipy import optimize

from ..errors import ParameterError

__all__ = ["CurrentPhaseRelation", "FourierSeries", "Sinusoidal"]


class CurrentPhaseRelation:
    """Base class of current-phase relations (see the module docstring)."""

    #: What the reference current (unit of ``current``) is.
    unit: str = "I_c"

    def current(self, phi):  # pragma: no cover - abstract
        raise NotImplementedError

    def derivative(self, phi):  # pragma: no cover - abstract
        raise NotImplementedError

    def free_energy(self, phi):  # pragma: no cover - abstract
        raise NotImplementedError

    def compiled(self):  # pragma: no cover - abstract
        """``(f, params)``: Numba function ``f(phi, params) -> (i_s, di_s/dphi)``."""
        raise NotImplementedError

    def describe(self) -> dict:
        """Plain-data description recorded in result provenance."""
        return {"class": type(self).__name__}

    # generic numerics shared by every CPR ---------------------------------------------
    def critical_currents(self) -> tuple[float, float, float]:
        """``(plus, minus, efficiency)``: max i_s, -min i_s and (plus - minus)/(plus + minus)."""
        grid = np.linspace(0.0, 2 * np.pi, 2049)
        values = self.current(grid)

        def refine(sign: float) -> float:
            k = int(np.argmax(sign * values))
            lo, hi = grid[max(k - 1, 0)], grid[min(k + 1, grid.size - 1)]
            res = optimize.minimize_scalar(
                lambda p: -sign * float(self.current(p)),
                bounds=(lo, hi),
                method="bounded",
                options={"xatol": 1e-12},
            )
            return max(sign * float(self.current(res.x)), sign * float(values[k]))

        plus, minus = refine(1.0), refine(-1.0)
        return plus, minus, (plus - minus) / (plus + minus)

    def equilibrium(self, i: float) -> float | None:
        """A stable static phase (i_s(phi) = i, di_s/dphi > 0) nearest to 0, or None."""
        grid = np.linspace(-np.pi, np.pi, 4097)
        f = self.current(grid) - i
        best = None
        for k in np.nonzero((f[:-1] <= 0) & (f[1:] > 0))[0]:
            root = optimize.brentq(
                lambda p: float(self.current(p)) - i, grid[k], grid[k + 1], xtol=1e-15
            )
            if best is None or abs(root) < abs(best):
                best = root
        return best

    def max_slope(self) -> float:
        """max |di_s/dphi|: sets the stiffness of the phase dynamics."""
        grid = np.linspace(0.0, 2 * np.pi, 2049)
        return float(np.max(np.abs(self.derivative(grid))))


@nb.njit(cache=True)
def _sin_cpr(phi, params):
    return math.sin(phi), math.cos(phi)


@dataclass(frozen=True)
class Sinusoidal(CurrentPhaseRelation):
    """The tunnel-junction CPR i_s = sin(phi), in units of I_c."""

    unit: str = field(default="I_c", init=False)

    def current(self, phi):
        return np.sin(phi)

    def derivative(self, phi):
        return np.cos(phi)

    def free_energy(self, phi):
        return 1.0 - np.cos(phi)

    def critical_currents(self):
        return 1.0, 1.0, 0.0

    def equilibrium(self, i: float):
        return math.asin(i) if abs(i) <= 1 else None

    def max_slope(self) -> float:
        return 1.0

    def compiled(self):
        return _sin_cpr, np.zeros(1)


@nb.njit(cache=True)
def _fourier_cpr(phi, params):
    n_harm = params.size // 2
    s = 0.0
    ds = 0.0
    for n in range(1, n_harm + 1):
        a = params[n - 1]
        x = n * phi + params[n_harm + n - 1]
        s += a * math.sin(x)
        ds += n * a * math.cos(x)
    return s, ds


@dataclass(frozen=True)
class FourierSeries(CurrentPhaseRelation):
    """i_s = sum_n amplitudes[n-1] * sin(n phi + phases[n-1]), in units of ``reference``.

    Covers pi-junctions (``amplitudes=[1], phases=[pi]``), phi0-junctions (a phase offset)
    and CPRs with a diode effect (two harmonics with a relative phase).
    """

    amplitudes: tuple[float, ...]
    phases: tuple[float, ...] = ()
    reference: str = "I_c"

    def __post_init__(self):
        amps = tuple(float(a) for a in np.atleast_1d(self.amplitudes))
        phases = tuple(float(p) for p in np.atleast_1d(self.phases)) or (0.0,) * len(amps)
        if not amps or not all(math.isfinite(a) for a in amps):
            raise ParameterError(
                "amplitudes", self.amplitudes, "a non-empty list of finite numbers"
            )
        if len(phases) != len(amps) or not all(math.isfinite(p) for p in phases):
            raise ParameterError(
                "phases", self.phases, f"{len(amps)} finite numbers (one per amplitude)"
            )
        if not any(a != 0 for a in amps):
            raise ParameterError("amplitudes", self.amplitudes, "at least one non-zero amplitude")
        object.__setattr__(self, "amplitudes", amps)
        object.__setattr__(self, "phases", phases)
        object.__setattr__(self, "unit", self.reference)

    def _terms(self, phi):
        phi = np.asarray(phi, dtype=float)[..., None]
        n = np.arange(1, len(self.amplitudes) + 1)
        return n, np.asarray(self.amplitudes), n * phi + np.asarray(self.phases)

    def current(self, phi):
        _n, a, x = self._terms(phi)
        return np.sum(a * np.sin(x), axis=-1)

    def derivative(self, phi):
        n, a, x = self._terms(phi)
        return np.sum(n * a * np.cos(x), axis=-1)

    def free_energy(self, phi):
        n, a, x = self._terms(phi)
        return np.sum(a / n * (np.cos(np.asarray(self.phases)) - np.cos(x)), axis=-1)

    def compiled(self):
        return _fourier_cpr, np.array(self.amplitudes + self.phases, dtype=float)

    def describe(self) -> dict:
        return {"class": "FourierSeries", "amplitudes": self.amplitudes, "phases": self.phases}


def as_cpr(cpr) -> CurrentPhaseRelation:
    """Return ``cpr`` or the default :class:`Sinusoidal` for None; reject anything else."""
    if cpr is None:
        return Sinusoidal()
    if isinstance(cpr, CurrentPhaseRelation):
        return cpr
    raise ParameterError("cpr", cpr, "None or a josephson.junction.cpr.CurrentPhaseRelation")
