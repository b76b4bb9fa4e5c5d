"""Closed forms for Bogoliubov–de Gennes junctions: short-junction Andreev levels and currents,
the normal-state transmission of a chain, bias conventions, diode coefficients, units.

Everything broadcasts over NumPy arrays.  Energies in units of the hopping t, currents in
e t/ħ (:func:`current_unit` converts to amperes).
"""

from __future__ import annotations

import math

import numpy as np
from scipy import constants

from .. import _validate
from ..errors import ParameterError

__all__ = [
    "andreev_levels",
    "chain_transmission",
    "current_unit",
    "diode_efficiency",
    "short_junction_current",
    "single_lead_bias",
    "symmetric_bias",
]


def andreev_levels(phi, transmission, delta):
    """Positive Andreev level Δ√(1 − τ sin²(φ/2)) of a short single channel (spin-degenerate)."""
    phi = np.asarray(phi, dtype=float)
    tau = _validate.array("transmission", transmission, ndim=(0, 1), low=0.0, high=1.0)
    return delta * np.sqrt(1.0 - tau * np.sin(phi / 2) ** 2)


def short_junction_current(phi, transmission, delta, temperature=0.0):
    """Beenakker's short-junction current of one spin-degenerate channel (units e t/ħ):

        I(φ) = (eΔ²/2ħ) τ sin φ / E_A(φ) · tanh(E_A/2k_BT),  E_A = Δ√(1 − τ sin²(φ/2)),

    the φ-derivative (2e/ħ)∂F/∂φ of F = −2k_BT ln 2cosh(E_A/2k_BT).
    """
    phi = np.asarray(phi, dtype=float)
    e_a = andreev_levels(phi, transmission, delta)
    thermal = 1.0 if temperature == 0 else np.tanh(e_a / (2 * temperature))
    return 0.5 * delta**2 * np.asarray(transmission) * np.sin(phi) / e_a * thermal


def chain_transmission(*, t=1.0, mu=0.0, coupling=1.0, length=1, energy=0.0) -> float:
    """Normal-state transmission of ``length`` chain sites joined by ``coupling`` to two
    semi-infinite chains (hopping −t, on-site −μ everywhere), at ``energy`` (Fermi level: 0).

    Landauer–Caroli: τ = Γ² |G_{1N}|² with the lead self-energy Σ = t_c² g, g = −e^{ik}/t the
    surface Green's function (E + μ = −2t cos k) and Γ = −2 Im Σ.  A single site between two
    equal couplings is on resonance at E + μ = 0: τ = 1 there whatever the coupling.
    """
    _validate.whole("length", length, minimum=1)
    _validate.scalar("coupling", coupling, low=0.0, low_open=True)
    _validate.scalar("t", t, low=0.0, low_open=True)
    e = energy + mu
    if abs(e) >= 2 * t:
        raise ParameterError("mu", mu, f"a Fermi level inside the band |E + μ| < 2t = {2 * t:g}")
    k = math.acos(-e / (2 * t))
    g = -np.exp(1j * k) / t
    sigma = coupling**2 * g
    n = int(length)
    h = (
        np.diag(np.full(n, -mu, dtype=complex))
        + np.diag(np.full(n - 1, -t), 1)
        + np.diag(np.full(n - 1, -t), -1)
    )
    a = (energy * np.eye(n) - h).astype(complex)
    a[0, 0] -= sigma
    a[-1, -1] -= sigma
    green = np.linalg.inv(a)
    gamma = -2 * sigma.imag
    return float(gamma**2 * abs(green[0, -1]) ** 2)


def diode_efficiency(i_max, i_min):
    """Diode coefficient η = (I_max + I_min)/(I_max − I_min) from the signed extrema of a CPR.

    For a CPR that changes sign (I_max > 0 > I_min) this is the usual
    (I_c⁺ − |I_c⁻|)/(I_c⁺ + |I_c⁻|), between −1 and 1, zero for a reciprocal junction.  For a
    unidirectional CPR (both extrema of one sign) |η| > 1 and it grows without bound as the
    current's oscillation (I_max − I_min) shrinks against its mean: this is the continuation that
    makes transverse efficiencies "above 1000 %" meaningful (|η| > 10 means the oscillation is
    less than a fifth of the mean current).
    """
    i_max = np.asarray(i_max, dtype=float)
    i_min = np.asarray(i_min, dtype=float)
    return (i_max + i_min) / (i_max - i_min)


def symmetric_bias(phi, n_terminals: int = 4):
    """Phases (φ/2, −φ/2, 0, ...) of document 002: left/right at ±φ/2, the others grounded."""
    phi = _validate.array("phi", phi)
    _validate.whole("n_terminals", n_terminals, minimum=2)
    out = np.zeros((np.atleast_1d(phi).size, n_terminals))
    out[:, 0] = np.atleast_1d(phi) / 2
    out[:, 1] = -np.atleast_1d(phi) / 2
    return out


def single_lead_bias(phi, lead: int = 0, n_terminals: int = 4):
    """Phases with terminal ``lead`` at φ and all others at 0."""
    phi = _validate.array("phi", phi)
    _validate.whole("n_terminals", n_terminals, minimum=1)
    if not (0 <= lead < n_terminals):
        raise ParameterError("lead", lead, f"a terminal index 0..{n_terminals - 1}")
    out = np.zeros((np.atleast_1d(phi).size, n_terminals))
    out[:, lead] = np.atleast_1d(phi)
    return out


def current_unit(t_ev: float) -> float:
    """The current unit e t/ħ in amperes for a hopping t given in eV (e.g. 24.3 µA at t = 0.1 eV)."""
    t_ev = _validate.scalar("t_ev", t_ev, low=0.0, low_open=True)
    return constants.e * (t_ev * constants.e) / constants.hbar
