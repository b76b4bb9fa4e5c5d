"""A neutron star as the astrophysical part of document 000 needs it (Gaussian cgs)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from .._validate import scalar
from ..errors import ParameterError
from . import analytic

__all__ = ["NeutronStar"]


@dataclass(frozen=True, kw_only=True)
class NeutronStar:
    """Radius (cm), rotation period (s) and its derivative, and the magnetic field (G).

    ``field=None`` takes the dipole spin-down estimate :func:`~josephson.astro.analytic.dipole_field`.
    The scalings of document 000 are defined here as R₆ = R/10⁶ cm, Ω₁₀₀ = Ω/100 s⁻¹,
    B₁₃ = B/10¹³ G and τ₅ = τ/10⁵ yr with τ = Ω/|Ω̇| = P/Ṗ (the document's τ⁻¹ = |Ω̇|/Ω).
    """

    radius: float = 1.0e6
    period: float
    pdot: float
    field: float | None = None

    def __post_init__(self):
        scalar("radius", self.radius, low=0, low_open=True, allowed="a radius > 0 (cm)")
        scalar("period", self.period, low=0, low_open=True, allowed="a period > 0 (s)")
        if not isinstance(self.pdot, int | float) or not math.isfinite(self.pdot) or self.pdot <= 0:
            raise ParameterError("pdot", self.pdot, "a period derivative > 0 (spin-down)")
        if self.field is not None:
            scalar("field", self.field, low=0, low_open=True, allowed="a magnetic field > 0 (G)")

    @property
    def omega(self) -> float:
        """Angular velocity 2π/P (rad s⁻¹)."""
        return 2 * math.pi / self.period

    @property
    def omega_dot(self) -> float:
        """Ω̇ = −2πṖ/P² (rad s⁻²)."""
        return float(analytic.spin_down(self.period, self.pdot)[1])

    @property
    def lifetime(self) -> float:
        """τ = Ω/|Ω̇| = P/Ṗ (s)."""
        return self.period / self.pdot

    @property
    def magnetic_field(self) -> float:
        """B (G): as given, or the dipole estimate from P and Ṗ."""
        if self.field is not None:
            return float(self.field)
        return float(analytic.dipole_field(self.period, self.pdot))

    @property
    def scalings(self) -> dict[str, float]:
        """``{"R6", "omega100", "B13", "tau5"}`` as defined in the class docstring."""
        return {
            "R6": self.radius / 1e6,
            "omega100": self.omega / 100.0,
            "B13": self.magnetic_field / 1e13,
            "tau5": self.lifetime / (1e5 * analytic.YEAR),
        }
