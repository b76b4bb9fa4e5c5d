"""Moment equations of the two-mode open junction (document 004, eq. 27) and their exact solutions.

Model (ħ = 1; all rates and energies in one common frequency unit, time in its inverse)::

    dρ/dt = −i[H, ρ] + Σ_j γ↓⁽ʲ⁾ D[a_j]ρ + γ↑⁽ʲ⁾ D[a_j†]ρ,      D[c]ρ = cρc† − ½{c†c, ρ},
    H = E1 a1†a1 + E2 a2†a2 + K* a1†a2 + K a2†a1                (eq. 22; eq. 65 for complex K)

with ``tunneling`` = K (real or complex), ``gamma_down`` = (γ↓¹, γ↓²), ``gamma_up`` = (γ↑¹, γ↑²)
and ``detuning`` = U = E1 − E2.  For the populations n_j = Tr(ρ a_j†a_j) and the coherence
z = Tr(ρ a1†a2) the master equation closes exactly on the 2×2 macroscopic density matrix
(eqs. 24–27, 66–67)::

    dn1/dt = −γ1 (n1 − n̄1) − i(K* z − K z*)
    dn2/dt = −γ2 (n2 − n̄2) + i(K* z − K z*)
    dz/dt  = [iU − (γ1 + γ2)/2] z − iK (n1 − n2)

γ_j = γ↓⁽ʲ⁾ − γ↑⁽ʲ⁾, n̄_j = γ↑⁽ʲ⁾/γ_j.  For real K, −i(K*z − Kz*) = 2K Im z; this is eq. 27 with
the document's signs.  Derivation (Heisenberg picture, d⟨O⟩/dt = ⟨i[H, O] + Σ γ D†[c]O⟩):
i[E1 n1 + E2 n2, a1†a2] = iU a1†a2, i[K a2†a1, a1†a2] = −iK(n1 − n2), and the adjoint
dissipators give D†[a]a†a = −a†a, D†[a†]a†a = a†a + 1, D†[a_j](a1†a2) = D†[a_j†](a1†a2)·(−1)
= −½ a1†a2.  Storing Tr(ρ a2†a1) instead would flip the signs of both the U and the K terms.

On a Fock space truncated to N levels per mode, a a† = a†a + 1 − N P with P = |N−1⟩⟨N−1|, so
the truncated master equation obeys eq. 27 plus the leak terms of :func:`truncation_leak`
(only pumping and exchange leak; loss and the bare Hamiltonian are exact).

The real state vector used by :func:`moment_rhs` and :func:`moment_generator` is
y = (n1, n2, Re z, Im z).
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
import scipy.linalg
import xarray as xr

from .. import _validate
from .._provenance import provenance
from .._validate import attrs
from ..errors import ParameterError

__all__ = [
    "moment_evolution",
    "moment_generator",
    "moment_rhs",
    "moment_steady_state",
    "truncation_leak",
]

_TIME_UNITS = "1/[rate]"  # ħ = 1: the inverse of the common unit of K, γ and U


# --------------------------------------------------------------------------- validation
def _tunneling(value, *, broadcast: bool):
    """K: a finite real or complex number (or array of them when ``broadcast``)."""
    text = "a finite real or complex number" + (" (or an array of them)" if broadcast else "")
    if isinstance(value, bool):
        raise ParameterError("tunneling", value, text)
    try:
        arr = np.asarray(value, dtype=complex)
    except (TypeError, ValueError):
        raise ParameterError("tunneling", value, text) from None
    if (not broadcast and arr.ndim != 0) or arr.size == 0 or not np.all(np.isfinite(arr)):
        raise ParameterError("tunneling", value, text)
    return arr


def _pair(name: str, value, *, broadcast: bool) -> np.ndarray:
    """Per-mode rates (γ⁽¹⁾, γ⁽²⁾): finite, >= 0, first axis of length 2."""
    text = "a pair (mode 1, mode 2) of finite rates >= 0" + (
        " (first axis of length 2, the rest broadcasts)" if broadcast else ""
    )
    if isinstance(value, bool):
        raise ParameterError(name, value, text)
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise ParameterError(name, value, text) from None
    if arr.ndim == 0 or arr.shape[0] != 2 or (not broadcast and arr.ndim != 1):
        raise ParameterError(name, value, text)
    if not np.all(np.isfinite(arr)) or np.any(arr < 0):
        raise ParameterError(name, value, text)
    return arr


def _detuning(value, *, broadcast: bool) -> np.ndarray:
    if broadcast:
        return _validate.array("detuning", value, ndim=tuple(range(8)))
    return np.asarray(_validate.scalar("detuning", value))


def _stationary_rates(gamma_down: np.ndarray, gamma_up: np.ndarray) -> None:
    """A stationary state needs γ↓⁽ʲ⁾ > γ↑⁽ʲ⁾ for both modes."""
    if np.any(gamma_up >= gamma_down):
        raise ParameterError(
            "gamma_up",
            gamma_up.tolist(),
            "gamma_up < gamma_down for each mode (net loss γ↓ − γ↑ > 0)",
            detail=f"gamma_down={gamma_down.tolist()}; with γ↑ >= γ↓ the occupation "
            "grows without bound and there is no stationary state",
        )


def _checked(tunneling, gamma_down, gamma_up, detuning, *, broadcast=True):
    k = _tunneling(tunneling, broadcast=broadcast)
    gd = _pair("gamma_down", gamma_down, broadcast=broadcast)
    gu = _pair("gamma_up", gamma_up, broadcast=broadcast)
    u = _detuning(detuning, broadcast=broadcast)
    return k, gd, gu, u


# --------------------------------------------------------------------------- equations
def moment_generator(tunneling, gamma_down, gamma_up, detuning) -> tuple[np.ndarray, np.ndarray]:
    """The affine generator of eq. 27: dy/dt = A y + b, y = (n1, n2, Re z, Im z).

    Parameters are scalars (``gamma_down``, ``gamma_up``: one pair each).  Returns ``(A, b)``,
    a real 4×4 matrix and a real 4-vector.  ``b = (γ↑¹, γ↑², 0, 0)`` (γ_j n̄_j = γ↑⁽ʲ⁾, so no
    stationary state is needed)."""
    k, gd, gu, u = _checked(tunneling, gamma_down, gamma_up, detuning, broadcast=False)
    kr, ki, u = float(k.real), float(k.imag), float(u)
    g1, g2 = gd - gu
    half = 0.5 * (g1 + g2)
    a = np.array(
        [
            [-g1, 0.0, -2 * ki, 2 * kr],
            [0.0, -g2, 2 * ki, -2 * kr],
            [ki, -ki, -half, -u],
            [-kr, kr, u, -half],
        ]
    )
    return a, np.array([gu[0], gu[1], 0.0, 0.0])


def moment_rhs(t, y, tunneling, gamma_down, gamma_up, detuning) -> np.ndarray:
    """Right-hand side of eq. 27 on the real state y = (n1, n2, Re z, Im z).

    Signature ``f(t, y, *args)`` as :func:`scipy.integrate.solve_ivp` expects.  ``y`` has a first
    axis of length 4; the rest broadcasts with the parameters (``gamma_down`` and ``gamma_up``
    carry the mode on their first axis).  ``t`` is unused (the equations are autonomous)."""
    k, gd, gu, u = _checked(tunneling, gamma_down, gamma_up, detuning)
    y = np.asarray(y, dtype=float)
    if y.ndim == 0 or y.shape[0] != 4:
        raise ParameterError("y", y, "an array with first axis (n1, n2, Re z, Im z)")
    n1, n2, x, w = y
    g1, g2 = gd[0] - gu[0], gd[1] - gu[1]
    half = 0.5 * (g1 + g2)
    kr, ki = k.real, k.imag
    flow = 2.0 * (kr * w - ki * x)  # −i(K* z − K z*) = 2 Im(K* z)
    diff = n1 - n2
    return np.stack(
        np.broadcast_arrays(
            -g1 * n1 + gu[0] + flow,
            -g2 * n2 + gu[1] - flow,
            -half * x - u * w + ki * diff,
            u * x - half * w - kr * diff,
        )
    )


def moment_steady_state(tunneling, gamma_down, gamma_up, detuning) -> dict:
    """Exact stationary state of eq. 27 (ħ = 1).

    Parameters
    ----------
    tunneling : float or complex (array broadcasts)
        K; for complex K the Hamiltonian is K* a1†a2 + K a2†a1 (eq. 65).
    gamma_down, gamma_up : pair (γ⁽¹⁾, γ⁽²⁾) (first axis of length 2; the rest broadcasts)
        Loss and pumping rates of each mode; need γ↓⁽ʲ⁾ > γ↑⁽ʲ⁾ >= 0.
    detuning : float (array broadcasts)
        U = E1 − E2.

    Returns
    -------
    dict
        ``"n1"``, ``"n2"`` (real) and ``"z"`` = Tr(ρ a1†a2) (complex).  Closed form: with
        Γ = (γ1 + γ2)/2, λ = 2|K|²Γ/(U² + Γ²) and δ = n1 − n2,

            δ = (n̄1 − n̄2) / (1 + λ/γ1 + λ/γ2),   n1 = n̄1 − λδ/γ1,   n2 = n̄2 + λδ/γ2,
            z = iKδ / (iU − Γ)  =  Kδ (U − iΓ)/(U² + Γ²).
    """
    k, gd, gu, u = _checked(tunneling, gamma_down, gamma_up, detuning)
    _stationary_rates(gd, gu)
    g1, g2 = gd[0] - gu[0], gd[1] - gu[1]
    nb1, nb2 = gu[0] / g1, gu[1] / g2
    half = 0.5 * (g1 + g2)
    lam = 2.0 * np.abs(k) ** 2 * half / (u**2 + half**2)
    delta = (nb1 - nb2) / (1.0 + lam / g1 + lam / g2)
    n1 = nb1 - lam * delta / g1
    n2 = nb2 + lam * delta / g2
    z = 1j * k * delta / (1j * u - half)
    n1, n2, z = np.broadcast_arrays(n1, n2, z)
    return {"n1": n1[()], "n2": n2[()], "z": z[()]}


def _initial_moments(initial) -> np.ndarray:
    text = "a mapping with keys 'n1', 'n2', 'z' (z complex) or a sequence (n1, n2, z)"
    try:
        if isinstance(initial, Mapping):
            n1, n2, z = initial["n1"], initial["n2"], initial["z"]
        else:
            n1, n2, z = initial
        n1, n2, z = float(np.real(n1)), float(np.real(n2)), complex(z)
    except (KeyError, TypeError, ValueError):
        raise ParameterError("initial", initial, text) from None
    y = np.array([n1, n2, z.real, z.imag])
    if not np.all(np.isfinite(y)):
        raise ParameterError("initial", initial, text + " of finite values")
    return y


def _times(times) -> np.ndarray:
    t = _validate.array("times", times, ndim=(1,))
    if t.size > 1 and np.any(np.diff(t) <= 0):
        raise ParameterError("times", times, "a 1-D array of strictly increasing finite times")
    return t


def moment_evolution(initial, times, tunneling, gamma_down, gamma_up, detuning) -> xr.Dataset:
    """Exact solution of eq. 27 from ``initial`` moments at ``times[0]`` (ħ = 1).

    Eq. 27 is linear and affine, so y(t) = exp(G (t − t0)) y(t0) with the 5×5 generator
    G = [[A, b], [0, 0]] of :func:`moment_generator` (a batched Padé matrix exponential,
    exact to rounding at every output time; no step-size error).

    Parameters
    ----------
    initial : mapping ``{"n1", "n2", "z"}`` or sequence ``(n1, n2, z)``
        Moments at ``times[0]`` (e.g. ``josephson.open_system.master.moments(rho0)``).
    times : 1-D array, strictly increasing
    tunneling, gamma_down, gamma_up, detuning : as in :func:`moment_steady_state` (scalars;
        γ↑ >= γ↓ is allowed here: the occupation then grows).

    Returns
    -------
    xarray.Dataset
        ``n1``, ``n2``, ``z_real``, ``z_imag`` over ``time``.
    """
    y0 = _initial_moments(initial)
    t = _times(times)
    a, b = moment_generator(tunneling, gamma_down, gamma_up, detuning)
    gen = np.zeros((5, 5))
    gen[:4, :4], gen[:4, 4] = a, b
    props = scipy.linalg.expm((t - t[0])[:, None, None] * gen)
    y = props @ np.append(y0, 1.0)  # (time, 5)
    k = complex(tunneling)
    ds = xr.Dataset(
        {
            "n1": ("time", y[:, 0], attrs("1", "mean Cooper-pair number n1 = ⟨a1†a1⟩")),
            "n2": ("time", y[:, 1], attrs("1", "mean Cooper-pair number n2 = ⟨a2†a2⟩")),
            "z_real": ("time", y[:, 2], attrs("1", "Re z, z = ⟨a1†a2⟩")),
            "z_imag": ("time", y[:, 3], attrs("1", "Im z, z = ⟨a1†a2⟩")),
        },
        coords={"time": ("time", t, attrs(_TIME_UNITS, "time t (ħ = 1)"))},
    )
    ds.attrs = provenance(
        computation="josephson.open_system.moments.moment_evolution",
        model={"tunneling": [k.real, k.imag], "gamma_down": list(map(float, gamma_down)),
               "gamma_up": list(map(float, gamma_up)), "detuning": float(detuning),
               "initial": y0},
        method={"solver": "scipy.linalg.expm of the 5x5 affine generator of eq. 27 (exact)"},
    )  # fmt: skip
    return ds


# --------------------------------------------------------------------------- truncation
def _fock_view(rho, name: str = "rho") -> tuple[np.ndarray, int]:
    """rho (..., N², N²) as (..., N, N, N, N) indexed [m1, m2, m1', m2']."""
    try:
        arr = np.asarray(rho, dtype=complex)
    except (TypeError, ValueError):
        raise ParameterError(name, rho, "a density matrix (..., N², N²)") from None
    d = arr.shape[-1] if arr.ndim >= 2 else 0
    n = math.isqrt(d) if d else 0
    if arr.ndim < 2 or arr.shape[-2] != d or n * n != d or n < 2:
        raise ParameterError(
            name, rho, "a density matrix (..., N², N²) on N >= 2 Fock levels per mode"
        )
    if not np.all(np.isfinite(arr)):
        raise ParameterError(name, rho, "a density matrix of finite numbers")
    return arr.reshape((*arr.shape[:-2], n, n, n, n)), n


def truncation_leak(rho, tunneling, gamma_up) -> dict:
    """The terms by which a Fock space truncated at N levels per mode departs from eq. 27.

    With levels 0…N−1 per mode a a† = a†a + 1 − N P, P = |N−1⟩⟨N−1|, so on the truncated
    master equation d⟨·⟩/dt = (eq. 27 right-hand side) + leak, exactly, with

        leak n1 = −γ↑¹ N ⟨P1⟩,     leak n2 = −γ↑² N ⟨P2⟩,
        leak z  = −iK N (⟨P1 n2⟩ − ⟨P2 n1⟩) − (γ↑¹ N/2) ⟨P1 a1†a2⟩ − (γ↑² N/2) ⟨a1†a2 P2⟩.

    (For complex K the exchange term carries K, the coefficient of a2†a1.)  Loss and the bare
    Hamiltonian are exact on the truncated space.

    Parameters
    ----------
    rho : array (..., N², N²)
        Density matrix (or a stack) in the Fock basis |m1, m2⟩, index m1·N + m2.
    tunneling : K (scalar, real or complex)
    gamma_up : pair (γ↑¹, γ↑²)

    Returns
    -------
    dict
        ``"n1"``, ``"n2"`` (real) and ``"z"`` (complex), each of shape ``rho.shape[:-2]``.
    """
    r, n = _fock_view(rho)
    k = complex(_tunneling(tunneling, broadcast=False))
    gu = _pair("gamma_up", gamma_up, broadcast=False)
    top = n - 1
    m = np.arange(n)
    # diagonal populations p[m1, m2] = ρ[(m1,m2),(m1,m2)]
    pop = np.einsum("...abab->...ab", r).real
    p1 = pop[..., top, :].sum(-1)  # ⟨P1⟩
    p2 = pop[..., :, top].sum(-1)  # ⟨P2⟩
    p1n2 = (pop[..., top, :] * m).sum(-1)  # ⟨P1 n2⟩
    p2n1 = (pop[..., :, top] * m).sum(-1)  # ⟨P2 n1⟩
    # ⟨P1 a1†a2⟩ = Σ_{m2>=1} √(N−1)√m2 ρ[(N−2, m2), (N−1, m2−1)]
    s = np.sqrt(m[1:])
    p1z = math.sqrt(top) * (s * r[..., top - 1, 1:, top, :-1].diagonal(0, -2, -1)).sum(-1)
    # ⟨a1†a2 P2⟩ = Σ_{m1<=N−2} √(m1+1)√(N−1) ρ[(m1, N−1), (m1+1, N−2)]
    zp2 = math.sqrt(top) * (s * r[..., :-1, top, 1:, top - 1].diagonal(0, -2, -1)).sum(-1)
    return {
        "n1": -gu[0] * n * p1,
        "n2": -gu[1] * n * p2,
        "z": -1j * k * n * (p1n2 - p2n1) - 0.5 * gu[0] * n * p1z - 0.5 * gu[1] * n * zp2,
    }
