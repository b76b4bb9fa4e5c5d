"""From the moment equations to the engine equations, and physical ↔ dimensionless units
(document 004, eqs. 28–46).

With equal relaxation rates γ^(1) = γ^(2) = γ (eq. 28), N = n1 + n2 and n = n1 − n2 (eq. 29)
obey eqs. 30–32:

    N' = −γ(N − N̄),    n' = −γ(n − n̄) − 2iK(z − z*),    z' = (iU − γ)z − iKn.

The junction closes these with the mean-field charging energy (eqs. 33–34, convention of
this library): V = −en/C and U = E1 − E2 = −2eV/ħ = κn with κ = 2e²/(ħC) = ω_q/2
(ω_q = 4e²/ħC of eq. 101, ``omega_charge``), and the bias I = −eγn̄ (eq. 37).  Then
eqs. 35–36 hold exactly, and with Ṽ = ħγ/2e, Ĩ = Ṽ/R = ħγ²C/2e (eq. 43, R = 1/γC) the
dimensionless variables of eq. 44 are

    τ = γt,   v = −κn/γ,   i_J = 4κK Im z/γ²,   i_S = 4κK Re z/γ²,   i_tot = −κn̄/γ,

which turn eqs. 31–32 into eq. 45 with α = K²/γ² (eq. 46).  :func:`to_engine` and
:func:`from_engine` implement this map; :func:`mean_field_rhs` is eqs. 31–32 with U = κn,
integrated independently of eq. 45 in the tests.  Rates are angular frequencies (s⁻¹).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import constants as _sc

from .. import _validate

__all__ = ["EngineScales", "from_engine", "mean_field_rhs", "populations", "to_engine"]


def populations(n1, n2):
    """(N, n) = (n1 + n2, n1 − n2) of eq. 29."""
    n1 = _validate.array("n1", n1, ndim=range(0, 8))
    n2 = _validate.array("n2", n2, ndim=range(0, 8))
    return n1 + n2, n1 - n2


@dataclass(frozen=True, kw_only=True)
class EngineScales:
    """Physical parameters of the open-system junction in SI and its dimensionless scales.

    gamma : relaxation rate γ = γ↓ − γ↑ of both electrodes (s⁻¹), = 1/RC (eq. 38)
    tunneling : Cooper-pair tunnelling rate K (s⁻¹)
    capacitance : C (F)
    """

    gamma: float
    tunneling: float
    capacitance: float

    def __post_init__(self):
        _validate.scalar("gamma", self.gamma, low=0.0, low_open=True)
        _validate.scalar("tunneling", self.tunneling, low=0.0)
        _validate.scalar("capacitance", self.capacitance, low=0.0, low_open=True)

    @classmethod
    def from_circuit(cls, *, resistance: float, capacitance: float, tunneling: float):
        """From R (Ω), C (F) and K (s⁻¹): γ = 1/RC."""
        r = _validate.scalar("resistance", resistance, low=0.0, low_open=True)
        c = _validate.scalar("capacitance", capacitance, low=0.0, low_open=True)
        return cls(gamma=1.0 / (r * c), tunneling=tunneling, capacitance=c)

    @property
    def alpha(self) -> float:
        """α = K²/γ² (eq. 46)."""
        return (self.tunneling / self.gamma) ** 2

    @property
    def resistance(self) -> float:
        """R = 1/(γC) in Ω."""
        return 1.0 / (self.gamma * self.capacitance)

    @property
    def kappa(self) -> float:
        """κ = 2e²/(ħC) (s⁻¹): U = κn."""
        return 2.0 * _sc.e**2 / (_sc.hbar * self.capacitance)

    @property
    def voltage_unit(self) -> float:
        """Ṽ = ħ/(2eRC) = ħγ/2e in V (eq. 43)."""
        return _sc.hbar * self.gamma / (2.0 * _sc.e)

    @property
    def current_unit(self) -> float:
        """Ĩ = Ṽ/R in A (eq. 43)."""
        return self.voltage_unit / self.resistance

    @property
    def critical_current(self) -> float:
        """Physical critical current I_c = i_c(α) Ĩ in A (eq. 55); ħCK²/e as α -> ∞ (eq. 57)."""
        from .analytic import critical_current

        return float(critical_current(self.alpha)) * self.current_unit


def to_engine(n, z, n_bar, scales: EngineScales):
    """(v, i_J, i_S, i_tot) from the population difference n, the coherence z and n̄."""
    k, g, kap = scales.tunneling, scales.gamma, scales.kappa
    n = _validate.array("n", n, ndim=range(0, 8))
    z = np.asarray(z, dtype=complex)
    n_bar = _validate.array("n_bar", n_bar, ndim=range(0, 8))
    amp = 4.0 * kap * k / g**2
    return -kap * n / g, amp * z.imag, amp * z.real, -kap * n_bar / g


def from_engine(v, i_j, i_s, i_tot, scales: EngineScales):
    """The inverse of :func:`to_engine`: (n, z, n̄)."""
    k, g, kap = scales.tunneling, scales.gamma, scales.kappa
    amp = 4.0 * kap * k / g**2
    v, i_j, i_s, i_tot = (
        _validate.array(name, x, ndim=range(0, 8))
        for name, x in (("v", v), ("i_j", i_j), ("i_s", i_s), ("i_tot", i_tot))
    )
    return -g * v / kap, (i_s + 1j * i_j) / amp, -g * i_tot / kap


def mean_field_rhs(t, y, n_bar, scales: EngineScales):
    """Eqs. 31–32 with the mean-field U = κn, for y = (n, Re z, Im z) (times in s)."""
    n, zr, zi = y
    g, k, u = scales.gamma, scales.tunneling, scales.kappa * y[0]
    # n' = -γ(n - n̄) - 2iK(z - z*) = -γ(n - n̄) + 4K Im z
    # z' = (iU - γ) z - iKn
    return np.array(
        [
            -g * (n - n_bar) + 4.0 * k * zi,
            -g * zr - u * zi,
            u * zr - g * zi - k * n,
        ]
    )
