"""Washboard potential, escape rates and switching-current statistics.

The current-biased junction is a phase particle in the tilted washboard (sinusoidal CPR)

    U(phi) / E_J = -cos(phi) - gamma phi,     gamma = ``gamma_bias`` = I / I_c,

with E_J = hbar I_c / 2e.  Below gamma = 1 each well is closed by a barrier of height
Delta U(gamma); the junction leaves the zero-voltage state by thermal activation over it or by
macroscopic quantum tunnelling (MQT) through it.  Under a bias ramp the escape current is a
random variable: its distribution P(gamma) is the switching-current distribution.

Units and conventions
---------------------
* energies in E_J; temperatures as ``noise`` Gamma = k_B T / E_J = 2 e k_B T / (hbar I_c);
* currents in I_c (``gamma_bias``, ``i_dc``);
* frequencies returned by :func:`plasma_frequency` in omega_p0 = sqrt(2 e I_c / (hbar C));
* **every escape rate is per unit of the RCSJ time tau = omega_c t**, omega_c = 2 e I_c R /
  hbar, the time unit of :func:`josephson.junction.simulate` and of the Langevin integrator,
  and ``ramp`` = d(I/I_c)/d tau is in units of I_c omega_c.  This unit keeps the overdamped
  limit beta_c -> 0 finite.  Conversions: rate / omega_p0 = sqrt(beta_c) * rate (because
  omega_p0 = omega_c / sqrt(beta_c)); rate in 1/s = rate * scales.omega_c
  (:class:`josephson.units.JunctionScales`); :func:`escape_rate_si` does it for you;
* the quantum scale enters as ``plasma_energy`` = hbar omega_p0 / E_J = sqrt(8 E_C / E_J)
  (E_C = e^2 / 2C); it is a junction parameter, not a temperature;
* damping: the quality factor at bias gamma is Q = omega_p(gamma) R C
  = sqrt(beta_c) (1 - gamma^2)^(1/4) (beta_c = omega_c R C = (omega_p0 R C)^2).

The escape rates assume a barrier high compared with the temperature (Delta U >> k_B T) and,
for MQT, with hbar omega_p; they are asymptotic formulas, whose finite-barrier corrections are
of relative order k_B T / Delta U.  For the overdamped junction
:func:`mean_first_passage_time` gives the exact answer at any barrier.
"""

from __future__ import annotations

import math
import warnings

import numpy as np
import xarray as xr
from scipy import constants as _sc
from scipy import optimize

from .. import _validate
from .._provenance import provenance
from .._validate import attrs
from ..errors import ConvergenceError, ParameterError
from ..units import JunctionScales
from . import _escape_kernels, _kernels
from .cpr import CurrentPhaseRelation, Sinusoidal, as_cpr

__all__ = [
    "MECHANISMS",
    "PREFACTORS",
    "barrier_action",
    "barrier_height",
    "crossover_temperature",
    "escape_rate",
    "escape_rate_si",
    "escape_times",
    "josephson_inductance",
    "kramers_prefactor",
    "mean_first_passage_time",
    "melnikov_depopulation",
    "plasma_frequency",
    "plot_switching",
    "quality_factor",
    "quantum_escape_rate",
    "stochastic_switching",
    "switching_distribution",
    "switching_statistics",
    "switching_statistics_si",
    "thermal_escape_rate",
    "washboard_potential",
]

#: Damping prefactors of the thermal rate understood by :func:`thermal_escape_rate`.
PREFACTORS = ("turnover", "kramers", "energy_diffusion", "transition_state")
#: MQT exponent of the cubic barrier (Caldeira-Leggett): 36/5.
MQT_EXPONENT = 36.0 / 5.0
#: First-order damping correction of the MQT exponent, exponent x (1 + 0.87/Q).
MQT_DAMPING = 0.87
TWO_PI = 2.0 * math.pi


# --------------------------------------------------------------------------- validation
#: Array ranks accepted by the broadcasting functions (any shape numpy supports).
_ANY_NDIM = tuple(range(33))


def _values(name, value, allowed, *, low=None, low_open=False):
    """Finite float array of any shape (broadcasting inputs), >= / > ``low`` if given."""
    return _validate.array(
        name, value, ndim=_ANY_NDIM, low=low, low_open=low_open, nonempty=False, allowed=allowed
    )


def _bias(gamma_bias, *, strict: bool):
    """|gamma| < 1 (strict: a barrier with a well) or <= 1."""
    allowed = (
        "finite values with |gamma_bias| < 1 (escape needs a barrier; above I_c the washboard "
        "has no wells)"
        if strict
        else "finite values with |gamma_bias| <= 1 (no wells, hence no barrier, above I_c)"
    )
    g = _values("gamma_bias", gamma_bias, allowed)
    if np.any(np.abs(g) >= 1 if strict else np.abs(g) > 1):
        raise ParameterError("gamma_bias", gamma_bias, allowed)
    return g


def _nonneg(name, value):
    return _values(name, value, "finite values >= 0", low=0.0)


def _positive(name, value, why=""):
    allowed = "finite values > 0" + (f" ({why})" if why else "")
    return _values(name, value, allowed, low=0.0, low_open=True)


# --------------------------------------------------------------------------- washboard
def washboard_potential(phi, gamma_bias):
    """Tilted washboard U(phi)/E_J = -cos(phi) - gamma phi (broadcasting; any gamma)."""
    phi = _values("phi", phi, "finite phases (rad)")
    g = _values("gamma_bias", gamma_bias, "finite biases (units of I_c)")
    return -np.cos(phi) - g * phi


def barrier_height(gamma_bias):
    """Barrier Delta U / E_J = 2 (sqrt(1 - gamma^2) - |gamma| arccos|gamma|) of the washboard.

    The barrier met by a particle escaping in the direction of the tilt, from the minimum
    phi_min = arcsin(gamma) to the maximum pi - arcsin(gamma) (for gamma < 0 the mirror image).
    Delta U(0) = 2 and Delta U -> (4 sqrt(2) / 3) (1 - gamma)^(3/2) as gamma -> 1 (the cubic
    approximation); d Delta U / d gamma = -2 arccos(gamma).

    Raises ParameterError for |gamma_bias| > 1: the washboard has no wells there.
    """
    g = np.abs(_bias(gamma_bias, strict=False))
    return 2.0 * (np.sqrt(1.0 - g * g) - g * np.arccos(g))


def plasma_frequency(gamma_bias):
    """Small-oscillation frequency at the bottom of a well, omega_p(gamma)/omega_p0 = (1 - gamma^2)^(1/4).

    omega_p0 = sqrt(2 e I_c / (hbar C)) = 1/sqrt(L_J0 C) is the zero-bias plasma frequency;
    omega_p(gamma) = 1/sqrt(L_J(phi_min) C) with the Josephson inductance at the minimum.  The
    barrier top has the same curvature magnitude, so the barrier frequency equals omega_p.
    ParameterError for |gamma_bias| > 1.
    """
    g = _bias(gamma_bias, strict=False)
    return (1.0 - g * g) ** 0.25


def josephson_inductance(phi):
    """Josephson inductance L_J(phi)/L_J0 = 1/cos(phi), with L_J0 = Phi_0/(2 pi I_c) = hbar/(2 e I_c).

    The inverse of dI_s/dphi scaled by Phi_0/2pi: V = L_J dI/dt for small changes about phi;
    negative for cos(phi) < 0 (unstable branch), infinite at phi = pi/2 (the critical current).
    Multiply by ``hbar / (2 e I_c)`` (henry) for SI.
    """
    phi = _values("phi", phi, "finite phases (rad)")
    with np.errstate(divide="ignore"):
        return 1.0 / np.cos(phi)


def quality_factor(gamma_bias, beta_c):
    """Q(gamma) = omega_p(gamma) R C = sqrt(beta_c) (1 - gamma^2)^(1/4) (broadcasting)."""
    beta = _nonneg("beta_c", beta_c)
    return np.sqrt(beta) * plasma_frequency(gamma_bias)


def _turning_point(g):
    """Inner turning point phi_t < phi_min with U(phi_t) = U(barrier top), for 0 <= g < 1."""
    top = np.pi - np.arcsin(g)
    u_top = -np.cos(top) - g * top
    lo = top - TWO_PI  # U(lo) = U_top + 2 pi g >= U_top
    hi = np.arcsin(g)  # the minimum, U < U_top
    for _ in range(80):
        mid = 0.5 * (lo + hi)
        above = (-np.cos(mid) - g * mid) >= u_top
        lo = np.where(above, mid, lo)
        hi = np.where(above, hi, mid)
    return 0.5 * (lo + hi), top, u_top


def barrier_action(gamma_bias, *, nodes: int = 64):
    """Action of the orbit at the barrier energy, S = closed-loop integral of p dphi.

    In units of E_J / omega_p0 (the phase particle has unit mass when time is measured in
    1/omega_p0): S = 2 int sqrt(2 (U_top - U(phi))) dphi between the inner turning point and
    the barrier top.  It sets the energy lost per oscillation at the barrier energy, S/sqrt(beta_c)
    (in E_J), which governs escape at weak damping.  Limits: S(0) = 16 (pendulum separatrix) and
    S -> (36/5) Delta U / omega_p as gamma -> 1 (cubic potential).

    Gauss-Legendre quadrature (``nodes`` points) after phi = phi_t + L s^2, which removes the
    square-root endpoint singularity.  ParameterError for |gamma_bias| >= 1.
    """
    g = np.abs(_bias(gamma_bias, strict=True))
    shape = g.shape
    g = g.ravel()
    phi_t, top, u_top = _turning_point(g)
    length = top - phi_t
    s, w = np.polynomial.legendre.leggauss(nodes)
    s = 0.5 * (s + 1.0)
    w = 0.5 * w
    phi = phi_t[:, None] + length[:, None] * s[None, :] ** 2
    kin = np.clip(u_top[:, None] - (-np.cos(phi) - g[:, None] * phi), 0.0, None)
    integrand = np.sqrt(2.0 * kin) * 2.0 * length[:, None] * s[None, :]
    return (2.0 * integrand @ w).reshape(shape)


def melnikov_depopulation(delta):
    """Mel'nikov-Meshkov depopulation factor A(delta) of the turnover theory of escape::

        A(delta) = exp{ (1/2pi) int_-inf^inf ln[1 - exp(-delta (y^2 + 1/4))] / (y^2 + 1/4) dy }

    with delta = (energy lost per oscillation at the barrier energy) / k_B T.  A -> delta for
    delta -> 0 (energy-diffusion limit) and A -> 1 for delta -> infinity (spatial diffusion);
    V. I. Mel'nikov and S. V. Meshkov, J. Chem. Phys. 85, 1018 (1986).  Computed by the
    trapezoid rule in t = ln y (spectrally accurate for this smooth, doubly decaying
    integrand).
    """
    text = "values >= 0 (inf allowed: no depopulation)"
    try:
        d = np.asarray(delta, dtype=float)
    except (TypeError, ValueError):
        raise ParameterError("delta", delta, text) from None
    if np.any(~(d >= 0)):
        raise ParameterError("delta", delta, text)
    shape = d.shape
    d = d.ravel()
    out = np.ones(d.shape)
    fin = np.isfinite(d) & (d > 0)
    out[d == 0] = 0.0
    if np.any(fin):
        dd = d[fin][:, None]
        # analytic in the strip |Im t| < pi/2 (poles at y = +-i/2): spacing 0.08 gives an
        # error ~ exp(-pi^2 / 0.08) (negligible); truncation below ~1e-12
        t_hi = 0.5 * np.log(60.0 / dd) + 1.0
        t_lo = -30.0
        n = int(np.ceil((t_hi.max() - t_lo) / 0.08)) + 1
        x = np.linspace(0.0, 1.0, n)[None, :]
        t = t_lo + (t_hi - t_lo) * x
        y = np.exp(t)
        q = y * y + 0.25
        f = np.log(-np.expm1(-dd * q)) / q * y
        dt = (t_hi - t_lo) / (n - 1)
        integral = (f.sum(axis=1) - 0.5 * (f[:, 0] + f[:, -1])) * dt[:, 0]
        out[fin] = np.exp(integral / np.pi)  # (1/2pi) x 2 (even integrand)
    return out.reshape(shape)


def kramers_prefactor(gamma_bias, beta_c):
    """Kramers' damping factor a_t = sqrt(1 + 1/(4 Q^2)) - 1/(2 Q), Q = omega_p(gamma) R C.

    The thermal rate in the spatial-diffusion (moderate-to-strong damping) regime is
    a_t (omega_p / 2 pi) exp(-Delta U / k_B T); a_t -> 1 for Q -> infinity (transition-state
    theory) and a_t -> Q for Q -> 0 (Smoluchowski).  beta_c = 0 gives 0 (the rate per omega_p
    vanishes while the rate per omega_c stays finite, see :func:`thermal_escape_rate`).
    """
    q = quality_factor(gamma_bias, beta_c)
    return 2.0 * q / (np.sqrt(4.0 * q * q + 1.0) + 1.0)  # the same, free of 0/0 at Q = 0


# --------------------------------------------------------------------------- rates
def _log_thermal(g, noise, beta, prefactor):
    """log of the thermal rate per unit tau (arrays already validated and broadcast)."""
    _validate.choice("prefactor", prefactor, PREFACTORS)
    if prefactor in ("energy_diffusion", "transition_state") and np.any(beta == 0):
        raise ParameterError(
            "beta_c", beta, f"beta_c > 0 for prefactor='{prefactor}' (it needs inertia)"
        )
    du = barrier_height(g)
    c = np.sqrt(1.0 - g * g)
    with np.errstate(divide="ignore"):
        expo = np.where(noise > 0, -du / np.where(noise > 0, noise, 1.0), -np.inf)
        # Kramers, written per unit tau so that beta_c = 0 is regular:
        # rate = (1/2pi) c / (1/2 + sqrt(1/4 + beta_c c))  [-> c/2pi, Smoluchowski]
        log_kramers = np.log(c / TWO_PI) - np.log(0.5 + np.sqrt(0.25 + beta * c))
        if prefactor == "kramers":
            return log_kramers + expo
        log_omega = np.log(c) / 2.0 - 0.5 * np.log(beta) - math.log(TWO_PI)
        if prefactor == "transition_state":
            return log_omega + expo
        delta = _energy_loss(g, beta) / np.where(noise > 0, noise, np.inf)
        if prefactor == "energy_diffusion":
            return log_omega + np.log(delta) + expo
        return log_kramers + np.log(melnikov_depopulation(delta)) + expo


def _energy_loss(g, beta):
    """Energy lost per oscillation at the barrier energy, S / sqrt(beta_c) (inf for beta_c = 0)."""
    with np.errstate(divide="ignore"):
        return barrier_action(g) / np.sqrt(beta)


def thermal_escape_rate(gamma_bias, noise, beta_c, *, prefactor: str = "turnover"):
    """Thermal escape rate out of a washboard well, per unit tau = omega_c t.

        rate = a (omega_p / 2 pi) exp(-Delta U / k_B T)

    with the damping factor ``a`` chosen by ``prefactor``:

    ``"transition_state"``
        a = 1 (the chapter's formula; an upper bound, no damping dependence).
    ``"kramers"``
        a = a_t = sqrt(1 + 1/4Q^2) - 1/2Q, Kramers' spatial-diffusion result (moderate to
        strong damping).  Per unit tau it reads (1/2pi) sqrt(1-gamma^2) / (1/2 +
        sqrt(1/4 + beta_c sqrt(1-gamma^2))) exp(-Delta U/Gamma), finite at beta_c = 0 where it
        is the Smoluchowski rate sqrt(1 - gamma^2)/2pi exp(-Delta U/Gamma) (omega_p^2 R C / 2pi
        in SI).
    ``"energy_diffusion"``
        a = delta = S / (sqrt(beta_c) Gamma), Kramers' weak-damping result; S is the barrier
        orbit action (:func:`barrier_action`), so delta is the energy lost per oscillation at
        the barrier energy over k_B T (delta = 7.2 Delta U / (Q k_B T) for the cubic barrier).
    ``"turnover"`` (default)
        a = A(delta) a_t, the Mel'nikov-Meshkov uniform formula (depopulation factor
        :func:`melnikov_depopulation` times the Kramers factor), valid at any damping: it tends
        to the energy-diffusion rate for delta << 1 and to Kramers for delta >> 1 (and is
        exactly Kramers/Smoluchowski at beta_c = 0).  We use it rather than the
        Buttiker-Harris-Landauer interpolation 4/(1 + sqrt(1 + 4/delta))^2, which has the same
        two limits but no derivation in between.

    Parameters
    ----------
    gamma_bias : array_like
        Bias I/I_c, |gamma_bias| < 1 (escape in the direction of the tilt; the backward rate,
        smaller by exp(-2 pi |gamma| / Gamma), is neglected).
    noise : array_like
        Gamma = k_B T / E_J >= 0 (rate 0 at Gamma = 0).
    beta_c : array_like
        Stewart-McCumber parameter >= 0.
    prefactor : str
        See above.

    Returns
    -------
    ndarray
        Rate per unit tau (multiply by sqrt(beta_c) for units of omega_p0, by omega_c for 1/s).
    """
    g = np.abs(_bias(gamma_bias, strict=True))
    noise = _nonneg("noise", noise)
    beta = _nonneg("beta_c", beta_c)
    g, noise, beta = np.broadcast_arrays(g, noise, beta)
    return np.exp(_log_thermal(g, noise, beta, prefactor))


def _log_quantum(g, beta, energy):
    du = barrier_height(g)
    w = plasma_frequency(g)
    b = du / (energy * w)
    q = np.sqrt(beta) * w
    log_omega = np.log(w) - 0.5 * np.log(beta) - math.log(TWO_PI)
    return (
        log_omega
        + 0.5 * np.log(120.0 * math.pi * MQT_EXPONENT * b)
        - MQT_EXPONENT * b * (1.0 + MQT_DAMPING / q)
    )


def quantum_escape_rate(gamma_bias, beta_c, plasma_energy):
    """Macroscopic-quantum-tunnelling rate at T = 0, per unit tau = omega_c t.

        rate = a_q (omega_p / 2 pi) exp[-7.2 (Delta U / hbar omega_p) (1 + 0.87 / Q)],
        a_q = [120 pi x 7.2 Delta U / hbar omega_p]^(1/2)

    Caldeira-Leggett rate of a cubic barrier with ohmic damping, to first order in 1/Q, in the
    form used by J. M. Martinis, M. H. Devoret and J. Clarke, Phys. Rev. B 35, 4682 (1987)
    (7.2 = 36/5 is the chapter's exponent).  Delta U and omega_p are the exact washboard values,
    so the formula is the cubic approximation near gamma -> 1 and needs
    Delta U >> hbar omega_p and Q >> 1 (``beta_c`` > 0).

    Parameters
    ----------
    gamma_bias : array_like
        |gamma_bias| < 1.
    beta_c : array_like
        > 0; Q = sqrt(beta_c) (1 - gamma^2)^(1/4).
    plasma_energy : array_like
        hbar omega_p0 / E_J = sqrt(8 E_C / E_J) > 0.
    """
    g = np.abs(_bias(gamma_bias, strict=True))
    beta = _positive("beta_c", beta_c, "MQT needs a capacitance")
    energy = _positive("plasma_energy", plasma_energy, "hbar omega_p0 / E_J")
    g, beta, energy = np.broadcast_arrays(g, beta, energy)
    return np.exp(_log_quantum(g, beta, energy))


MECHANISMS = ("thermal", "quantum", "total")


def escape_rate(
    gamma_bias,
    noise,
    beta_c,
    *,
    mechanism: str = "thermal",
    plasma_energy=None,
    prefactor: str = "turnover",
):
    """Escape rate per unit tau: ``"thermal"``, ``"quantum"`` (MQT) or ``"total"`` (their sum).

    The sum is the usual practical model of a junction near the crossover; it double counts
    a little around T* (the exact crossover needs the Grabert-Weiss quantum-corrected thermal
    rate).  ``plasma_energy`` (hbar omega_p0 / E_J) is required for "quantum" and "total" and
    refused for "thermal".
    """
    _validate.choice("mechanism", mechanism, MECHANISMS)
    if mechanism == "thermal":
        if plasma_energy is not None:
            raise ParameterError(
                "plasma_energy", plasma_energy, "None for mechanism='thermal' (it is unused)"
            )
        return thermal_escape_rate(gamma_bias, noise, beta_c, prefactor=prefactor)
    if plasma_energy is None:
        raise ParameterError(
            "plasma_energy", None, f"hbar omega_p0 / E_J > 0 for mechanism='{mechanism}'"
        )
    quantum = quantum_escape_rate(gamma_bias, beta_c, plasma_energy)
    if mechanism == "quantum":
        return quantum * np.ones(np.shape(_nonneg("noise", noise)))
    return thermal_escape_rate(gamma_bias, noise, beta_c, prefactor=prefactor) + quantum


def escape_rate_si(
    current,
    temperature,
    scales: JunctionScales,
    *,
    mechanism: str = "total",
    prefactor: str = "turnover",
):
    """Escape rate in 1/s of a junction described by ``scales`` at bias ``current`` (A) and
    ``temperature`` (K).  See :func:`escape_rate`; the quantum part needs a capacitance."""
    if not isinstance(scales, JunctionScales):
        raise ParameterError("scales", scales, "a josephson.units.JunctionScales")
    gamma = scales.from_current(_values("current", current, "finite currents in A"))
    noise = scales.noise(_values("temperature", temperature, "finite values >= 0 K", low=0.0))
    energy = None
    if mechanism != "thermal":
        if scales.capacitance == 0:
            raise ParameterError(
                "scales", scales, "a junction with capacitance > 0 for quantum escape"
            )
        energy = _sc.hbar * scales.omega_p / scales.josephson_energy
    rate = escape_rate(
        gamma, noise, scales.beta_c, mechanism=mechanism, plasma_energy=energy, prefactor=prefactor
    )
    return rate * scales.omega_c


# --------------------------------------------------------------------------- exact MFPT
def mean_first_passage_time(
    gamma_bias,
    noise,
    *,
    cpr: CurrentPhaseRelation | None = None,
    start=None,
    target=None,
    nodes: int = 2048,
):
    """Exact mean first-passage time of the overdamped phase, in units of 1/omega_c.

    The overdamped junction (beta_c = 0) obeys phi' = -U'(phi) + sqrt(2 Gamma) xi(tau) with
    U(phi) = F(phi) - gamma phi (F the CPR's free energy; -cos for the sinusoidal CPR).  The
    mean time to reach ``target`` from ``start`` (target > start) solves the backward equation
    Gamma T'' - U' T' = -1 with T(target) = 0 and no flux from phi -> -inf::

        T = (1/Gamma) int_start^target dy int_-inf^y dz exp{[U(y) - U(z)] / Gamma}.

    Because U(z - 2 pi) = U(z) + 2 pi gamma the inner integral is a geometric series over
    periods: ``int_-inf^y = [1 - exp(-2 pi gamma / Gamma)]^-1 int_{y - 2 pi}^y``, so T is a double
    integral over one period (finite for gamma > 0, infinite at gamma = 0).  It is evaluated
    by an exponentially fitted recursion (:func:`_escape_kernels.periodic_mfpt`) on ``nodes``
    points per period with Richardson extrapolation (relative error ~1e-9 at the default).

    Defaults: ``start`` = the bottom of the well (the stable equilibrium), ``target`` = start
    + 2 pi (the bottom of the next well).  Over a whole period the result does not depend on
    the start, and 2 pi / T is the exact mean voltage <v> (the passages through successive
    periods are independent and identical); the Kramers rate is the high-barrier limit of
    1/T.  Starting at the bottom, the time to the barrier top is about T/2 instead (half of
    the particles that reach the top fall back): compare rates with passage *beyond* the top.

    Parameters
    ----------
    gamma_bias : array_like
        Bias >= 0 (T = inf at 0; above the critical current there is no barrier, T is finite).
    noise : array_like
        Gamma > 0.
    cpr : CurrentPhaseRelation, optional
        Current-phase relation (default sinusoidal).
    start, target : array_like, optional
        Phases (broadcast with the bias and noise).
    nodes : int
        Grid points per period (even, >= 64).

    Returns
    -------
    ndarray
        T in units of 1/omega_c (inf where gamma -> 0 or the barrier overflows double range).
    """
    g = _nonneg("gamma_bias", gamma_bias)
    noise = _positive("noise", noise)
    cpr = as_cpr(cpr)
    if _validate.whole("nodes", nodes, 64) % 2:
        raise ParameterError("nodes", nodes, "an even whole number >= 64")
    if start is None:
        if isinstance(cpr, Sinusoidal):
            start = np.where(g < 1, np.arcsin(np.minimum(g, 1.0)), 0.0)
        else:
            eq = np.vectorize(lambda x: cpr.equilibrium(float(x)), otypes=[object])(g)
            start = np.array([0.0 if e is None else e for e in np.ravel(eq)]).reshape(g.shape)
    start = _values("start", start, "finite phases (rad)")
    if target is None:
        target = start + TWO_PI
    target = _values("target", target, "finite phases (rad)")
    g, noise, start, target = np.broadcast_arrays(g, noise, start, target)
    if np.any(target <= start):
        raise ParameterError("target", target, "phases above start")
    shape = g.shape
    g, noise, start, target = (a.ravel() for a in (g, noise, start, target))

    def log_t(n):
        out = np.empty(g.size)
        for lo in range(0, g.size, 64):
            sl = slice(lo, lo + 64)
            gg, nn, x0, b = g[sl], noise[sl], start[sl], target[sl]
            h_per = np.full(gg.size, TWO_PI / n)
            yp = x0[:, None] + h_per[:, None] * np.arange(n + 1)[None, :]
            m = np.maximum(1, np.ceil((b - x0) / (TWO_PI / n))).astype(int)
            m_max = int(m.max())
            h_path = (b - x0) / m
            if np.all(m == m_max):  # one batch; else row by row (paths of different lengths)
                yb = x0[:, None] + h_path[:, None] * np.arange(m_max + 1)[None, :]
                out[sl] = _escape_kernels.periodic_mfpt(
                    _potential(cpr, yp, gg), h_per, _potential(cpr, yb, gg), h_path, gg, nn
                )
            else:
                for k in range(gg.size):
                    yb = x0[k] + h_path[k] * np.arange(m[k] + 1)
                    out[lo + k] = _escape_kernels.periodic_mfpt(
                        _potential(cpr, yp[k : k + 1], gg[k : k + 1]),
                        h_per[k : k + 1],
                        _potential(cpr, yb[None, :], gg[k : k + 1]),
                        h_path[k : k + 1],
                        gg[k : k + 1],
                        nn[k : k + 1],
                    )[0]
        return out

    fine = log_t(nodes)
    coarse = log_t(nodes // 2)
    with np.errstate(over="ignore", invalid="ignore"):
        t_fine, t_coarse = np.exp(fine), np.exp(coarse)
        t = np.where(np.isfinite(t_fine), t_fine + (t_fine - t_coarse) / 3.0, t_fine)
    return t.reshape(shape)


def _potential(cpr, phi, g):
    """U(phi) = F(phi) - g phi, rows of ``phi`` paired with the entries of ``g``."""
    return cpr.free_energy(phi) - g[:, None] * phi


# --------------------------------------------------------------------------- crossover
def crossover_temperature(
    gamma_bias,
    beta_c,
    plasma_energy,
    *,
    prefactor: str = "turnover",
) -> xr.Dataset:
    """Crossover between thermal activation and MQT, as noise Gamma = k_B T / E_J.

    Two temperatures, which are *not* the same:

    * ``t_star`` = hbar omega_p / (2 pi k_B), the conventional crossover temperature T* (the
      chapter's): the temperature at which the thermal exponent Delta U / k_B T equals
      2 pi Delta U / hbar omega_p, the exponent of the quantum rate just below T* in the
      harmonic-barrier theory.  ``t_star_damped`` = a_t T* is its damped version
      hbar omega_R / 2 pi k_B (Grabert-Weiss), with a_t = :func:`kramers_prefactor`.
    * ``t_cross``: the temperature where the thermal rate (``prefactor``) equals the T = 0 MQT
      rate of :func:`quantum_escape_rate`, found by root finding on the log rates.

    Why they differ: the T = 0 MQT exponent of the cubic barrier is 7.2 Delta U / hbar omega_p,
    larger than 2 pi Delta U / hbar omega_p; at T* the quantum rate is therefore smaller than
    the thermal one by ~exp[-(7.2 - 2 pi) Delta U / hbar omega_p] and the two standard rates meet
    below T*.  With a temperature-independent thermal prefactor (``"kramers"``) the equality is
    solvable: with B = Delta U / hbar omega_p,

        t_cross / t_star = 2 pi B / [7.2 B (1 + 0.87/Q) - ln(a_q / a_t)]

    -> 2 pi / (7.2 (1 + 0.87/Q)) for a deep barrier (B -> infinity).  A smooth, physical
    crossover needs the Grabert-Weiss-Hanggi quantum-corrected rate, not implemented here.

    Returns
    -------
    xarray.Dataset
        ``t_star``, ``t_star_damped``, ``t_cross`` (noise units; kelvin via
        ``JunctionScales.temperature``) and ``barrier_ratio`` B, over ``gamma_bias`` for a 1-D
        bias (scalar for a scalar; dimensions ``axis_0, axis_1, ...`` when ``beta_c`` or
        ``plasma_energy`` broadcast to more dimensions).
    """
    g = np.abs(_bias(gamma_bias, strict=True))
    beta = _positive("beta_c", beta_c, "MQT needs a capacitance")
    energy = _positive("plasma_energy", plasma_energy, "hbar omega_p0 / E_J")
    _validate.choice("prefactor", prefactor, PREFACTORS)
    gb, bb, eb = np.broadcast_arrays(g, beta, energy)
    w = plasma_frequency(gb)
    t_star = eb * w / TWO_PI
    t_cross = np.empty(gb.shape)
    for idx in np.ndindex(gb.shape):
        gi, bi, ei = (np.array(a[idx]) for a in (gb, bb, eb))
        lq = float(_log_quantum(gi, bi, ei))

        def f(log_noise, gi=gi, bi=bi, lq=lq):
            return float(_log_thermal(gi, np.array(math.exp(log_noise)), bi, prefactor)) - lq

        ts = math.log(float(t_star[idx]))
        lo, hi = ts - 1.0, ts + 1.0
        for _ in range(60):
            if f(lo) < 0:
                break
            lo -= 1.0
        for _ in range(60):
            if f(hi) > 0:
                break
            hi += 1.0
        if not (f(lo) < 0 < f(hi)):
            b_ratio = float(barrier_height(gi) / (ei * plasma_frequency(gi)))
            raise ConvergenceError(
                "crossover_temperature (bracketing)",
                f"noise in [{math.exp(lo):.3g}, {math.exp(hi):.3g}]",
                f"thermal and quantum rates do not cross at gamma_bias={float(gi):g}; "
                f"Delta U / hbar omega_p = {b_ratio:.3g} must be >> 1 for the rate formulas",
            )
        t_cross[idx] = math.exp(optimize.brentq(f, lo, hi, xtol=1e-14, rtol=1e-13))
    dims = (
        ("gamma_bias",)
        if gb.ndim == 1 and g.ndim == 1
        else tuple(f"axis_{k}" for k in range(gb.ndim))
    )
    coords = {}
    if dims == ("gamma_bias",):
        coords["gamma_bias"] = ("gamma_bias", gb, attrs("I_c", "bias γ = I/I_c"))
    ds = xr.Dataset(
        {
            "t_star": (dims, t_star, attrs("E_J/k_B", "T* = ħω_p/2πk_B (noise units)")),
            "t_star_damped": (
                dims,
                t_star * kramers_prefactor(gb, bb),
                attrs("E_J/k_B", "damped crossover a_t T* = ħω_R/2πk_B (noise units)"),
            ),
            "t_cross": (
                dims,
                t_cross,
                attrs("E_J/k_B", "temperature where thermal rate = MQT rate (noise units)"),
            ),
            "barrier_ratio": (
                dims,
                barrier_height(gb) / (eb * w),
                attrs("1", "B = ΔU/ħω_p"),
            ),
        },
        coords=coords,
    )
    ds.attrs = provenance(
        computation="josephson.junction.escape.crossover_temperature",
        model={"beta_c": bb, "plasma_energy": eb, "gamma_bias": gb},
        method={"prefactor": prefactor, "root": "brentq on log rates"},
    )
    return ds


# --------------------------------------------------------------------------- distributions
def _check_ramp(ramp):
    return _validate.scalar(
        "ramp", ramp, low=0.0, low_open=True, allowed="a finite ramp rate > 0 (units of I_c ω_c)"
    )


def _hazard(grid, rate, ramp):
    """Cumulative integral of rate/ramp over the grid, exact for piecewise-exponential rates."""
    k0, k1 = rate[:-1], rate[1:]
    h = np.diff(grid)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.log(k1 / k0)
        inc = np.where(
            (k0 > 0) & (k1 > 0) & (np.abs(ratio) > 1e-9),
            h * (k1 - k0) / ratio,
            0.5 * h * (k0 + k1),
        )
    return np.concatenate([[0.0], np.cumsum(inc)]) / ramp


def _moments(grid, pdf, survival_end):
    """Mean, std and kurtosis m4/sigma^4 of P on the grid (trapezoid weights); the mass not
    switched within the grid (``survival_end``) is put on the last point."""
    w = np.zeros(grid.size)
    h = np.diff(grid)
    w[:-1] += 0.5 * h
    w[1:] += 0.5 * h
    mass = pdf * w
    mass[-1] += survival_end
    total = mass.sum()
    mean = float((grid * mass).sum() / total)
    var = float((((grid - mean) ** 2) * mass).sum() / total)
    m4 = float((((grid - mean) ** 4) * mass).sum() / total)
    return mean, math.sqrt(var), (m4 / var**2 if var > 0 else math.nan)


def switching_distribution(gamma_bias, rate, ramp) -> xr.Dataset:
    """Switching-current distribution of a linear bias ramp from an escape rate.

    With escape as a Poisson process of rate Gamma(gamma) (adiabatic: the rate changes slowly
    compared with the relaxation inside the well),

        P(gamma) = Gamma(gamma) / gamma_dot * exp(-int_gamma0^gamma Gamma(g') / gamma_dot dg'),

    gamma0 = the first grid point (where the ramp starts).  The integral is done exactly for a
    rate that is exponential between grid points, so coarse grids stay accurate.

    Parameters
    ----------
    gamma_bias : 1-D array
        Ascending bias grid, units of I_c.
    rate : callable or 1-D array
        Escape rate per unit tau on the grid (or ``rate(gamma_bias) -> array``), e.g.
        ``lambda g: thermal_escape_rate(g, 0.01, 50.0)``.
    ramp : float
        gamma_dot = d(I/I_c)/d tau > 0 (units of I_c omega_c).

    Returns
    -------
    xarray.Dataset
        ``probability_density`` P (1/I_c), ``survival`` (probability not yet switched) and
        ``rate`` over ``gamma_bias``; scalars ``mean``, ``std`` (the width), ``mode``,
        ``switched`` (fraction switched by the end of the grid; the rest is counted at the
        last grid point in ``mean`` and ``std``, with a warning when it exceeds 1e-6).
    """
    r = _check_ramp(ramp)
    text = "an ascending 1-D grid of >= 2 finite biases"
    grid = _validate.array("gamma_bias", gamma_bias, ndim=(1,), allowed=text)
    if grid.size < 2 or np.any(np.diff(grid) <= 0):
        raise ParameterError("gamma_bias", gamma_bias, text)
    text = "finite rates >= 0, one per grid point (an array or a callable of gamma_bias)"
    k = _validate.array("rate", rate(grid) if callable(rate) else rate, ndim=(1,), low=0.0,
                        allowed=text)  # fmt: skip
    if k.shape != grid.shape:
        raise ParameterError("rate", rate, text)
    hazard = _hazard(grid, k, r)
    survival = np.exp(-hazard)
    pdf = k / r * survival
    left = float(survival[-1])
    if left > 1e-6:
        warnings.warn(
            f"{left:.3g} of the probability has not switched by gamma_bias={grid[-1]:g}; "
            "it is counted at the end of the grid",
            RuntimeWarning,
            stacklevel=2,
        )
    mean, std, kurt = _moments(grid, pdf, left)
    ds = xr.Dataset(
        {
            "probability_density": (
                "gamma_bias",
                pdf,
                attrs("1/I_c", "switching-current density P(γ)"),
            ),
            "survival": ("gamma_bias", survival, attrs("1", "probability of no switch yet")),
            "rate": ("gamma_bias", k, attrs("ω_c", "escape rate Γ(γ)")),
            "mean": ((), mean, attrs("I_c", "mean switching current")),
            "std": ((), std, attrs("I_c", "width (standard deviation) of the switching current")),
            "kurtosis": ((), kurt, attrs("1", "kurtosis m4/σ⁴ of the switching current")),
            "mode": (
                (),
                float(grid[np.argmax(pdf)]),
                attrs("I_c", "most probable switching current"),
            ),
            "switched": ((), 1.0 - left, attrs("1", "fraction switched within the grid")),
        },
        coords={"gamma_bias": ("gamma_bias", grid, attrs("I_c", "bias γ = I/I_c"))},
    )
    ds.attrs = provenance(
        computation="josephson.junction.escape.switching_distribution",
        model={"ramp": r, "rate": getattr(rate, "__name__", "array")},
        method={"hazard": "exact for piecewise-exponential rates", "moments": "trapezoid"},
    )
    return ds


def _log_rate_fn(noise, beta_c, mechanism, prefactor, plasma_energy):
    def f(g):
        g = np.asarray(g, dtype=float)
        n = np.full(g.shape, noise)
        b = np.full(g.shape, beta_c)
        if mechanism == "thermal":
            return _log_thermal(g, n, b, prefactor)
        lq = _log_quantum(g, b, np.full(g.shape, plasma_energy))
        if mechanism == "quantum":
            return lq
        return np.logaddexp(_log_thermal(g, n, b, prefactor), lq)

    return f


def _distribution_window(log_rate, ramp, i_dc, points):
    """Grid [lo, hi] that holds the whole switching distribution (hazard 1e-10 .. 50)."""
    s = np.linspace(0.0, 1.0, 20001)
    top = 1.0 - 1e-12
    coarse = i_dc + (top - i_dc) * (1.0 - (1.0 - s) ** 2)  # denser near gamma = 1
    k = np.exp(log_rate(coarse))
    hz = _hazard(coarse, k, ramp)
    lo = coarse[max(0, int(np.searchsorted(hz, 1e-10)) - 1)]
    j = int(np.searchsorted(hz, 50.0))
    hi = coarse[min(coarse.size - 1, j + 1)]
    return np.linspace(lo, hi, points)


def switching_statistics(
    noise,
    ramp,
    *,
    beta_c: float,
    mechanism: str = "thermal",
    prefactor: str = "turnover",
    plasma_energy: float | None = None,
    i_dc: float = 0.0,
    points: int = 1501,
) -> xr.Dataset:
    """Mean and width of the switching current versus temperature (noise), from the rates.

    For each noise Gamma the distribution of :func:`switching_distribution` is computed on a
    grid fitted to it (``points`` points between hazard 1e-10 and 50), for the ramp starting at
    ``i_dc``.  Probability left at gamma -> 1 (where the barrier vanishes) is counted as a
    switch at gamma = 1.  Thermal escape gives a width growing roughly as Gamma^(2/3) and a
    mean falling with temperature; with ``mechanism="total"`` both saturate below the
    crossover temperature, where MQT takes over.

    Returns
    -------
    xarray.Dataset
        ``mean``, ``std``, ``mode`` (units I_c) over ``noise``.
    """
    r = _check_ramp(ramp)
    gammas = np.atleast_1d(_validate.array("noise", noise, low=0.0))
    _validate.choice("mechanism", mechanism, MECHANISMS)
    if mechanism == "thermal" and plasma_energy is not None:
        raise ParameterError("plasma_energy", plasma_energy, "None for mechanism='thermal'")
    if mechanism == "thermal":
        beta = _validate.scalar("beta_c", beta_c, low=0.0)
    else:
        plasma_energy = _validate.scalar(
            "plasma_energy", plasma_energy, low=0.0, low_open=True,
            allowed="a finite hbar omega_p0 / E_J > 0 (needed for quantum escape)",
        )  # fmt: skip
        beta = _validate.scalar(
            "beta_c", beta_c, low=0.0, low_open=True, allowed="a finite number > 0 (MQT needs C)"
        )
    if mechanism != "quantum" and np.any(gammas == 0):
        raise ParameterError("noise", noise, "values > 0 for thermal escape")
    _validate.choice("prefactor", prefactor, PREFACTORS)
    points = _validate.whole("points", points, 50)
    text = "a finite bias with |i_dc| < 1 (the ramp starts in a well)"
    i0 = _validate.scalar("i_dc", i_dc, low=-1.0, high=1.0, low_open=True, high_open=True,
                          allowed=text)  # fmt: skip
    out = {k: np.empty(gammas.size) for k in ("mean", "std", "mode")}
    for j, gam in enumerate(gammas):
        lr = _log_rate_fn(float(gam), beta, mechanism, prefactor, plasma_energy)
        grid = _distribution_window(lr, r, i0, points)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            ds = switching_distribution(grid, np.exp(lr(grid)), r)
        left = 1.0 - float(ds["switched"])
        if left > 1e-12:
            # the rest switches where the barrier vanishes, gamma = 1
            g2 = np.append(grid, 1.0)
            p2 = np.append(ds["probability_density"].values, 0.0)
            mean, std, _ = _moments(g2, p2, left)
        else:
            mean, std = float(ds["mean"]), float(ds["std"])
        out["mean"][j], out["std"][j], out["mode"][j] = mean, std, float(ds["mode"])
    res = xr.Dataset(
        {
            "mean": ("noise", out["mean"], attrs("I_c", "mean switching current")),
            "std": ("noise", out["std"], attrs("I_c", "width (std) of the switching current")),
            "mode": ("noise", out["mode"], attrs("I_c", "most probable switching current")),
        },
        coords={"noise": ("noise", gammas, attrs("E_J/k_B", "noise Γ = k_BT/E_J"))},
    )
    res.attrs = provenance(
        computation="josephson.junction.escape.switching_statistics",
        model={
            "beta_c": beta,
            "ramp": r,
            "i_dc": i0,
            "mechanism": mechanism,
            "prefactor": prefactor,
            "plasma_energy": plasma_energy,
        },
        method={"points": points},
    )
    return res


def switching_statistics_si(
    temperature,
    ramp_rate: float,
    scales: JunctionScales,
    *,
    mechanism: str = "total",
    prefactor: str = "turnover",
    points: int = 1501,
) -> xr.Dataset:
    """:func:`switching_statistics` in SI: ``temperature`` in K, ``ramp_rate`` dI/dt in A/s.

    Returns ``mean``, ``std``, ``mode`` in ampere over ``temperature`` (K), plus the
    dimensionless ``noise`` coordinate.
    """
    if not isinstance(scales, JunctionScales):
        raise ParameterError("scales", scales, "a josephson.units.JunctionScales")
    t = np.atleast_1d(_validate.array("temperature", temperature, low=0.0))
    rr = _validate.scalar(
        "ramp_rate", ramp_rate, low=0.0, low_open=True, allowed="a finite dI/dt > 0 in A/s"
    )
    ramp = rr / (scales.critical_current * scales.omega_c)
    energy = None
    if mechanism != "thermal":
        if scales.capacitance == 0:
            raise ParameterError("scales", scales, "a capacitance > 0 for quantum escape")
        energy = _sc.hbar * scales.omega_p / scales.josephson_energy
    ds = switching_statistics(
        scales.noise(t),
        ramp,
        beta_c=scales.beta_c,
        mechanism=mechanism,
        prefactor=prefactor,
        plasma_energy=energy,
        points=points,
    )
    ds = ds.rename({"noise": "temperature"}).assign_coords(
        temperature=("temperature", t, attrs("K", "temperature T")),
        noise=("temperature", scales.noise(t), attrs("E_J/k_B", "noise Γ = k_BT/E_J")),
    )
    for k in ("mean", "std", "mode"):
        ds[k] = ds[k] * scales.critical_current
    ds["mean"].attrs = attrs("A", "mean switching current")
    ds["std"].attrs = attrs("A", "width (std) of the switching current")
    ds["mode"].attrs = attrs("A", "most probable switching current")
    ds.attrs = provenance(
        computation="josephson.junction.escape.switching_statistics_si",
        model={
            "critical_current": scales.critical_current,
            "resistance": scales.resistance,
            "capacitance": scales.capacitance,
            "ramp_rate": rr,
            "mechanism": mechanism,
            "prefactor": prefactor,
        },
        method={"points": points},
    )
    return ds


# --------------------------------------------------------------------------- Langevin
def _langevin_setup(beta_c, noise, cpr, realizations, dt, threshold, chunk, seed):
    from .rcsj import RCSJ

    model = RCSJ(beta_c=beta_c, noise=noise, cpr=cpr)
    if model.noise <= 0:
        raise ParameterError("noise", noise, "a noise > 0 (thermal escape)")
    _validate.whole("realizations", realizations, 2)
    _validate.whole("chunk", chunk, 1)
    _validate.seed(seed)
    limit = 1.0 / model.stiffness()
    text = f"a time step > 0 and <= {limit:.4g} (stability limit 1/|lambda_max|)"
    step = (
        DT_FRACTION * limit
        if dt is None
        else _validate.scalar("dt", dt, low=0.0, high=limit, low_open=True, allowed=text)
    )
    v_th = 0.0
    if threshold is not None:
        v_th = _validate.scalar(
            "threshold", threshold, low=0.0, low_open=True, allowed="a finite velocity phi' > 0"
        )
        if model.beta_c == 0:
            raise ParameterError(
                "threshold", threshold, "None for beta_c = 0 (phi' is white noise; use the phase)"
            )
    return model, step, v_th


def _run_langevin(model, dp, phi_start, t_end, step, v_th, n, seed, chunk):
    """Stochastic Heun realisations from rest at ``phi_start`` until each switches (or t_end).

    Returns the switching times (NaN if none by ``t_end``).
    """
    f, cp = model.cpr.compiled()
    phi = np.full(n, float(phi_start))
    u = np.zeros(n)
    t = np.zeros(n)
    t_switch = np.full(n, np.nan)
    rng = np.random.default_rng(seed)
    buf = np.empty((n, chunk))
    active = np.arange(n)
    target = float(phi_start) + TWO_PI
    while active.size and t[active[0]] < t_end:
        steps = max(1, min(chunk, math.ceil((t_end - t[active[0]]) / step)))
        if steps < chunk:
            normals = rng.standard_normal((active.size, steps))
        else:
            normals = buf[: active.size]
            rng.standard_normal(out=normals)
        _escape_kernels.switch_chunk(
            f, cp, _kernels.standard_drive, dp, model.beta_c, model.noise, step,
            phi, u, t, normals, active, target, v_th, t_switch,
        )  # fmt: skip
        if not np.all(np.isfinite(phi[active])):
            raise ConvergenceError("Langevin (stochastic Heun)", "non-finite phase")
        active = active[np.isnan(t_switch[active])]
    t_switch[t_switch > t_end] = np.nan
    return t_switch


def _langevin_method(step, v_th, n, seed, chunk):
    return {
        "integrator": "stochastic Heun (josephson.junction._kernels._heun)",
        "dt": step,
        "realizations": n,
        "seed": None if seed is None else str(seed),
        "random_numbers": "numpy.random.default_rng(seed), chunks of normals",
        "criterion": f"phi' >= {v_th:g}" if v_th > 0 else "phase slip to phi_start + 2 pi",
        "chunk": chunk,
    }


#: Default Langevin time step as a fraction of 1/|lambda_max| (the fastest linear rate).
DT_FRACTION = 0.05


def escape_times(
    beta_c: float,
    noise: float,
    gamma_bias: float,
    *,
    cpr: CurrentPhaseRelation | None = None,
    realizations: int = 1000,
    seed=None,
    dt: float | None = None,
    threshold: float | None = None,
    max_time: float = 1e7,
    transient: float = 0.0,
    chunk: int = 4096,
) -> xr.Dataset:
    """Langevin escape times out of a well at constant bias (a direct measurement of the rate).

    Realisations start at rest at the bottom of the well of ``gamma_bias`` and stop at their
    escape, with the same criteria and integrator as :func:`stochastic_switching` (phase slip
    to the bottom of the next well by default).  Realisations still in the well at
    ``max_time`` are censored (escape time NaN).

    Rate estimate: escape is a Poisson process of rate k once the well has relaxed, so the
    waiting times are exponential, and with censoring at ``max_time`` the maximum-likelihood
    rate is

        k = n_escaped / (sum of the escape times + n_unescaped x max_time),

    the number of escapes over the total time spent in the well, with relative standard error
    1/sqrt(n_escaped) (Fisher information).  With ``transient`` = t0 > 0 only the time after
    t0 counts (the exponential law is memoryless): k = (number of escapes after t0) / (sum of
    max(0, min(t_i, max_time) - t0)).  This removes the start-up transient, during which a
    realisation started at rest in the well has not yet reached thermal equilibrium (the
    energy relaxation time is beta_c = RC in units of 1/omega_c, so a few beta_c for an
    underdamped junction).  The mean escape time estimates the mean first-passage time; for
    beta_c = 0 it is exactly :func:`mean_first_passage_time`.

    Parameters
    ----------
    beta_c, noise : float
        Stewart-McCumber parameter >= 0; noise Gamma = k_B T / E_J > 0.
    gamma_bias : float
        Constant bias (units of the CPR's current); it must have a stable well.
    cpr, realizations, seed, dt, threshold, chunk
        As for :func:`stochastic_switching`.
    max_time : float
        Censoring time, units of 1/omega_c.
    transient : float
        Start-up time t0 excluded from the rate estimate (0 <= t0 < ``max_time``).

    Returns
    -------
    xarray.Dataset
        ``escape_time`` (1/omega_c) over ``realization`` (NaN if not escaped by
        ``max_time``); scalars ``rate`` (omega_c, the censored maximum-likelihood rate above),
        ``rate_stderr``, ``escapes`` (number of escapes entering ``rate``), ``mean`` and
        ``mean_stderr`` (mean of the escaped times only, 1/omega_c: biased low when some
        realisations are censored, with a RuntimeWarning; then use ``rate``) and
        ``unescaped``.
    """
    g = _validate.scalar("gamma_bias", gamma_bias, allowed="a finite bias with a stable well")
    t_max = _validate.scalar(
        "max_time", max_time, low=0.0, low_open=True, allowed="a finite time > 0 (units of 1/ω_c)"
    )
    t0 = _validate.scalar(
        "transient", transient, low=0.0, high=t_max, high_open=True,
        allowed=f"a time >= 0 and < max_time={t_max:g} (units of 1/ω_c)",
    )  # fmt: skip
    model, step, v_th = _langevin_setup(
        beta_c, noise, cpr, realizations, dt, threshold, chunk, seed
    )
    phi_start = model.cpr.equilibrium(g)
    if phi_start is None:
        raise ParameterError("gamma_bias", gamma_bias, "a finite bias with a stable well")
    dp = np.array([g, 0.0, 0.0, 0.0, 0.0])
    times = _run_langevin(model, dp, phi_start, t_max, step, v_th, realizations, seed, chunk)
    escaped = np.isfinite(times)
    ok = times[escaped]
    unescaped = int(times.size - ok.size)
    # censored-exponential maximum likelihood, left-truncated at t0
    n_rate = int(np.count_nonzero(ok > t0))
    exposure = float(np.sum(np.clip(np.where(escaped, times, t_max) - t0, 0.0, None)))
    rate = n_rate / exposure if exposure > 0 else math.nan  # NaN: all escaped before t0
    rate_err = rate / math.sqrt(n_rate) if n_rate else math.nan
    mean = float(ok.mean()) if ok.size else math.nan
    err = float(ok.std(ddof=1) / math.sqrt(ok.size)) if ok.size > 1 else math.nan
    if unescaped:
        warnings.warn(
            f"{unescaped} of {times.size} realisations did not escape by max_time={t_max:g}: "
            "'mean' (escaped realisations only) is biased low; use 'rate' (censored maximum "
            "likelihood)",
            RuntimeWarning,
            stacklevel=2,
        )
    ds = xr.Dataset(
        {
            "escape_time": ("realization", times, attrs("1/ω_c", "escape time")),
            "rate": (
                (),
                rate,
                attrs("ω_c", "escape rate, censored-exponential maximum likelihood"),
            ),
            "rate_stderr": ((), rate_err, attrs("ω_c", "standard error of the rate")),
            "escapes": ((), n_rate, attrs("1", f"escapes after transient={t0:g} (in rate)")),
            "mean": ((), mean, attrs("1/ω_c", "mean of the escaped realisations' times")),
            "mean_stderr": ((), err, attrs("1/ω_c", "standard error of mean")),
            "unescaped": ((), unescaped, attrs("1", "not escaped by max_time")),
        },
        coords={"realization": np.arange(realizations)},
    )
    ds.attrs = provenance(
        computation="josephson.junction.escape.escape_times",
        model={"rcsj": model, "gamma_bias": g, "max_time": t_max},
        method={
            **_langevin_method(step, v_th, realizations, seed, chunk),
            "rate": "censored-exponential maximum likelihood",
            "transient": t0,
        },
    )
    return ds


def stochastic_switching(
    beta_c: float,
    noise: float,
    ramp: float,
    *,
    i_dc: float = 0.0,
    i_max: float | None = None,
    cpr: CurrentPhaseRelation | None = None,
    realizations: int = 2000,
    seed=None,
    dt: float | None = None,
    threshold: float | None = None,
    bins="auto",
    chunk: int = 4096,
) -> xr.Dataset:
    """Switching currents of the Langevin RCSJ junction under a linear bias ramp.

    Each realisation integrates beta_c phi'' + phi' + i_s(phi) = i_dc + ramp tau +
    sqrt(2 Gamma) xi(tau) with the package's stochastic Heun step
    (:func:`josephson.junction._kernels._heun`, drive
    :func:`josephson.junction._kernels.standard_drive`), starting at rest at the bottom
    phi_start of the well of ``i_dc``, and stops at its switch:

    * phase criterion (default, any beta_c): phi reaches phi_start + 2 pi, a slip past the
      next barrier down to (below) the bottom of the next well.  For the overdamped junction
      the mean time of this event at fixed bias gamma is :func:`mean_first_passage_time` with
      start = the well bottom arcsin(gamma) and target = phi_start + 2 pi, and its inverse is
      the rate to compare with.  Stopping at the barrier top instead would take about half as
      long (a particle at the top falls back with probability 1/2): the Kramers rate counts
      passages *beyond* the barrier, hence the target well below the top.
    * voltage criterion (``threshold`` > 0, beta_c > 0 only): phi' >= ``threshold``, to be
      chosen well above the in-well velocities (~ sqrt(2 Delta U / beta_c) + sqrt(Gamma /
      beta_c)) and below the running-state voltage (~ i for beta_c >> 1).  With Q >> 1 and a
      bias well above the retrapping current an escape always ends in the running state.

    The switching current is i_dc + ramp tau at the linearly interpolated crossing.  Random
    numbers: a NumPy ``Generator`` (``seed``) fills blocks of ``chunk`` normals per running
    realisation; results depend on ``seed``, ``realizations``, ``chunk`` and ``dt`` only, not
    on the number of threads.

    Parameters
    ----------
    beta_c, noise : float
        Stewart-McCumber parameter >= 0; noise Gamma = k_B T / E_J > 0.
    ramp : float
        d i / d tau > 0 in units of I_c omega_c.
    i_dc : float
        Bias at tau = 0 (it must have a stable well).
    i_max : float, optional
        Give up at this bias (realisations not switched by then are NaN); default 1.5 x the
        CPR's critical current.
    cpr : CurrentPhaseRelation, optional
        Any current-phase relation (default sinusoidal); currents in its reference unit.
    realizations : int
    seed : int or numpy.random.SeedSequence, optional
    dt : float, optional
        Time step; default 0.05 / |lambda_max| with lambda_max the fastest rate of the
        linearised dynamics (0.05 at beta_c = 0, about 0.05 sqrt(beta_c) for beta_c >> 1).
    threshold : float, optional
        Voltage criterion (see above).
    bins : int, sequence or str
        Histogram bins (as ``numpy.histogram_bin_edges``).

    Returns
    -------
    xarray.Dataset
        ``switching_current`` over ``realization`` (NaN if not switched), ``density`` (the
        histogram normalised by the number of realisations, 1/I_c) and ``count`` over
        ``i_switch`` (bin centres), ``bin_edges`` over ``i_edge``; scalars ``mean``, ``std``,
        ``mean_stderr``, ``unswitched``.
    """
    model, step, v_th = _langevin_setup(
        beta_c, noise, cpr, realizations, dt, threshold, chunk, seed
    )
    r = _check_ramp(ramp)
    try:
        np.histogram_bin_edges(np.array([0.0, 1.0]), bins=bins)
    except (TypeError, ValueError):
        raise ParameterError(
            "bins", bins, "a whole number, ascending edges or a numpy.histogram_bin_edges rule"
        ) from None
    i0 = _validate.scalar("i_dc", i_dc, allowed="a finite bias (units of the CPR's current)")
    phi_start = model.cpr.equilibrium(i0)
    if phi_start is None:
        raise ParameterError("i_dc", i_dc, "a bias with a stable well (below the critical current)")
    plus = model.cpr.critical_currents()[0]
    text = f"None or a finite bias above i_dc={i0:g}"
    i_top = 1.5 * plus if i_max is None else _validate.scalar("i_max", i_max, allowed=text)
    if not i_top > i0:
        raise ParameterError("i_max", i_max, text)
    n = realizations
    dp = np.array([i0, r, 0.0, 0.0, 0.0])
    t_switch = _run_langevin(model, dp, phi_start, (i_top - i0) / r, step, v_th, n, seed, chunk)
    i_sw = i0 + r * t_switch
    good = i_sw[np.isfinite(i_sw)]
    edges = np.histogram_bin_edges(good, bins=bins) if good.size else np.array([i0, i_top])
    count, _ = np.histogram(good, bins=edges)
    density = count / (n * np.diff(edges))
    mean = float(good.mean()) if good.size else math.nan
    std = float(good.std(ddof=1)) if good.size > 1 else math.nan
    unit = model.cpr.unit
    ds = xr.Dataset(
        {
            "switching_current": (
                "realization",
                i_sw,
                attrs(unit, "switching current (NaN: no switch below i_max)"),
            ),
            "density": ("i_switch", density, attrs(f"1/{unit}", "switching-current histogram")),
            "count": ("i_switch", count, attrs("1", "switches per bin")),
            "bin_edges": ("i_edge", edges, attrs(unit, "histogram bin edges")),
            "mean": ((), mean, attrs(unit, "mean switching current")),
            "std": ((), std, attrs(unit, "width (std) of the switching current")),
            "mean_stderr": (
                (),
                std / math.sqrt(good.size) if good.size > 1 else math.nan,
                attrs(unit, "standard error of the mean"),
            ),
            "unswitched": ((), int(n - good.size), attrs("1", "realisations not switched")),
        },
        coords={
            "realization": np.arange(n),
            "i_switch": (
                "i_switch",
                0.5 * (edges[1:] + edges[:-1]),
                attrs(unit, "switching current (bin centre)"),
            ),
        },
    )
    ds.attrs = provenance(
        computation="josephson.junction.escape.stochastic_switching",
        model={"rcsj": model, "ramp": r, "i_dc": i0, "i_max": i_top},
        method=_langevin_method(step, v_th, n, seed, chunk),
    )
    return ds


# --------------------------------------------------------------------------- plot
def plot_switching(ds: xr.Dataset, ax=None, *, prediction: xr.Dataset | None = None):
    """Draw a switching-current histogram and/or a predicted density P(gamma).

    ``ds`` is a :func:`stochastic_switching` result (histogram as steps) or a
    :func:`switching_distribution` result (curve); ``prediction`` adds a predicted curve on
    top of a histogram.  Returns the matplotlib Axes.
    """
    if not isinstance(ds, xr.Dataset):
        raise ParameterError("ds", ds, "a stochastic_switching or switching_distribution result")
    if prediction is not None and not isinstance(prediction, xr.Dataset):
        raise ParameterError("prediction", prediction, "None or a switching_distribution result")
    has_hist = "density" in ds and "bin_edges" in ds
    curves = [d for d in (ds, prediction) if d is not None and "probability_density" in d]
    if not has_hist and not curves:
        raise ParameterError(
            "ds", "dataset", "a stochastic_switching or switching_distribution result"
        )
    if ax is None:
        import matplotlib.pyplot as plt

        _, ax = plt.subplots(figsize=(6, 4.5))
    unit = "I_c"
    if has_hist:
        edges = ds["bin_edges"].values
        unit = ds["bin_edges"].attrs.get("units", unit)
        n_ok = int(ds.sizes.get("realization", 0) - int(ds["unswitched"]))
        ax.stairs(
            ds["density"].values,
            edges,
            fill=True,
            alpha=0.4,
            color="C0",
            label=f"Langevin ({n_ok} switches)",
        )
    for k, d in enumerate(curves):
        ax.plot(
            d["gamma_bias"],
            d["probability_density"],
            color=f"C{k + 1}",
            lw=1.8,
            label="rate theory P(γ)",
        )
    ax.set_xlabel(f"switching current [{unit}]")
    ax.set_ylabel(f"probability density [1/{unit}]")
    ax.grid(alpha=0.3)
    ax.legend(frameon=False, fontsize="small")
    return ax
