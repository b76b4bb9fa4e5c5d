"""Physical constants and the conversion between SI and the dimensionless junction units.

The numerical cores of josephson are dimensionless.  This module is the one place where
SI enters for junctions.  Constants come from :mod:`scipy.constants`, whose CODATA release
is recorded in every result's provenance (:data:`CODATA_RELEASE`).

RCSJ units (current-biased junction with critical current I_c, shunt R, capacitance C)::

    omega_c = 2 e I_c R / hbar          time unit 1/omega_c  (characteristic frequency)
    omega_p = sqrt(2 e I_c / (hbar C))  plasma frequency
    beta_c  = 2 e I_c R^2 C / hbar = (omega_c / omega_p)^2   Stewart-McCumber parameter
    E_J     = hbar I_c / 2e             Josephson energy
    voltage unit I_c R;  current unit I_c;  v = V/(I_c R) = <dphi/dtau>
    noise   = Gamma = 2 e k_B T / (hbar I_c) = k_B T / E_J
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy import constants as _sc

from .errors import ParameterError

__all__ = [
    "CGS",
    "CODATA_RELEASE",
    "FLUX_QUANTUM",
    "JOSEPHSON_CONSTANT",
    "VON_KLITZING_CONSTANT",
    "JunctionScales",
    "josephson_frequency",
    "josephson_voltage",
]

e = _sc.e
h = _sc.h
hbar = _sc.hbar
k_B = _sc.k

#: Magnetic flux quantum h/2e in Wb.
FLUX_QUANTUM = h / (2 * e)
#: Josephson constant K_J = 2e/h in Hz/V.
JOSEPHSON_CONSTANT = 2 * e / h
#: von Klitzing constant R_K = h/e^2 in ohm.
VON_KLITZING_CONSTANT = h / e**2


_C_CGS = _sc.c * 1e2  # cm/s
_H_CGS = _sc.h * 1e7  # erg s
_E_CGS = _sc.e * 10 * _sc.c  # statC (1 C = 10 c[m/s] statC)


class CGS:
    """Gaussian-cgs constants, derived once from the SI values of ``scipy.constants``.

    The neutron-star literature (documents 000 and 001) writes its formulas in Gaussian units;
    conversion happens here and nowhere else.
    """

    #: speed of light in cm/s
    c = _C_CGS
    #: Planck constant and reduced Planck constant in erg s
    h = _H_CGS
    hbar = _sc.hbar * 1e7
    #: elementary charge in statC
    e = _E_CGS
    #: neutron and proton masses in g
    m_n = _sc.m_n * 1e3
    m_p = _sc.m_p * 1e3
    #: proton flux quantum hc/2e = pi hbar c/e in G cm^2
    flux_quantum = _H_CGS * _C_CGS / (2 * _E_CGS)
    #: hbar c in MeV fm
    hbar_c_mev_fm = _sc.hbar * _sc.c / (_sc.e * 1e6) * 1e15
    #: 1 MeV in erg and 1 fm in cm
    mev = _sc.e * 1e6 * 1e7
    fm = 1e-13


def _codata_release() -> str:
    """Name the CODATA release that scipy.constants ships.

    The release is recognised from a constant that changed between releases (the
    neutron mass), so the answer does not depend on private SciPy attributes.
    """
    m_n = _sc.physical_constants["neutron mass"][0]
    known = {
        1.67492749804e-27: "CODATA 2018",
        1.67492750056e-27: "CODATA 2022",
    }
    for value, name in known.items():
        if math.isclose(m_n, value, rel_tol=1e-12):
            return name
    return f"unknown CODATA release (scipy {_scipy_version()})"


def _scipy_version() -> str:
    import scipy

    return scipy.__version__


#: The CODATA release of the constants in use, e.g. ``"CODATA 2022"``.
CODATA_RELEASE = _codata_release()


def josephson_frequency(voltage):
    """Josephson frequency f = 2eV/h in Hz of a dc voltage in volts (483.597... GHz/mV)."""
    return JOSEPHSON_CONSTANT * np.asarray(voltage, dtype=float)


def josephson_voltage(frequency):
    """Voltage V = hf/2e in volts of a Josephson frequency in Hz."""
    return np.asarray(frequency, dtype=float) / JOSEPHSON_CONSTANT


def _positive(name: str, value: float, allow_zero: bool = False) -> float:
    value = float(value)
    ok = value >= 0 if allow_zero else value > 0
    if not (math.isfinite(value) and ok):
        raise ParameterError(
            name, value, "a finite number >= 0" if allow_zero else "a finite number > 0"
        )
    return value


@dataclass(frozen=True, kw_only=True)
class JunctionScales:
    """Scales of a junction with critical current ``critical_current`` (A), shunt
    ``resistance`` (ohm) and ``capacitance`` (F).

    Converts between SI and the dimensionless RCSJ units used by
    :func:`josephson.junction.iv_curve`.  ``capacitance=0`` is the overdamped RSJ junction
    (``beta_c = 0``; the plasma frequency is then infinite).

    Examples
    --------
    >>> s = JunctionScales(critical_current=1e-6, resistance=10.0, capacitance=1e-12)
    >>> round(s.beta_c, 4)
    0.3038
    """

    critical_current: float
    resistance: float
    capacitance: float = 0.0

    def __post_init__(self) -> None:
        _positive("critical_current", self.critical_current)
        _positive("resistance", self.resistance)
        _positive("capacitance", self.capacitance, allow_zero=True)

    @classmethod
    def from_beta_c(cls, *, critical_current: float, resistance: float, beta_c: float):
        """The junction with given I_c and R whose capacitance gives Stewart-McCumber ``beta_c``."""
        _positive("beta_c", beta_c, allow_zero=True)
        i_c = _positive("critical_current", critical_current)
        r = _positive("resistance", resistance)
        return cls(
            critical_current=i_c, resistance=r, capacitance=beta_c * hbar / (2 * e * i_c * r**2)
        )

    @property
    def omega_c(self) -> float:
        """Characteristic frequency 2eI_cR/hbar in rad/s (the RCSJ time unit is 1/omega_c)."""
        return 2 * e * self.critical_current * self.resistance / hbar

    @property
    def omega_p(self) -> float:
        """Zero-bias plasma frequency sqrt(2eI_c/(hbar C)) in rad/s (inf for C = 0)."""
        if self.capacitance == 0:
            return math.inf
        return math.sqrt(2 * e * self.critical_current / (hbar * self.capacitance))

    @property
    def beta_c(self) -> float:
        """Stewart-McCumber parameter 2eI_cR^2C/hbar = (omega_c/omega_p)^2."""
        return 2 * e * self.critical_current * self.resistance**2 * self.capacitance / hbar

    @property
    def josephson_energy(self) -> float:
        """E_J = hbar I_c / 2e in J."""
        return hbar * self.critical_current / (2 * e)

    @property
    def voltage_unit(self) -> float:
        """I_c R in V: the unit of the normalised voltage v."""
        return self.critical_current * self.resistance

    @property
    def time_unit(self) -> float:
        """1/omega_c in s: the unit of the normalised time tau."""
        return 1.0 / self.omega_c

    # conversions ---------------------------------------------------------------
    def to_voltage(self, v):
        """SI voltage (V) of normalised voltage v."""
        return np.asarray(v, dtype=float) * self.voltage_unit

    def from_voltage(self, voltage):
        """Normalised voltage v = V/(I_c R)."""
        return np.asarray(voltage, dtype=float) / self.voltage_unit

    def to_current(self, i):
        """SI current (A) of normalised current i = I/I_c."""
        return np.asarray(i, dtype=float) * self.critical_current

    def from_current(self, current):
        """Normalised current I/I_c."""
        return np.asarray(current, dtype=float) / self.critical_current

    def to_time(self, tau):
        """SI time (s) of normalised time tau."""
        return np.asarray(tau, dtype=float) / self.omega_c

    def from_time(self, time):
        """Normalised time tau = omega_c t."""
        return np.asarray(time, dtype=float) * self.omega_c

    def to_angular_frequency(self, omega):
        """SI angular frequency (rad/s) of a normalised frequency (units of omega_c)."""
        return np.asarray(omega, dtype=float) * self.omega_c

    def from_angular_frequency(self, angular_frequency):
        """Normalised frequency (units of omega_c) of an SI angular frequency in rad/s."""
        return np.asarray(angular_frequency, dtype=float) / self.omega_c

    def noise(self, temperature):
        """Dimensionless noise Gamma = 2 e k_B T / (hbar I_c) = k_B T / E_J at ``temperature`` (K)."""
        t = np.asarray(temperature, dtype=float)
        if np.any(~np.isfinite(t)) or np.any(t < 0):
            raise ParameterError("temperature", temperature, "finite values >= 0 K")
        return k_B * t / self.josephson_energy

    def temperature(self, noise):
        """Temperature in K of the dimensionless noise Gamma."""
        return np.asarray(noise, dtype=float) * self.josephson_energy / k_B
