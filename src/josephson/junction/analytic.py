"""Closed-form results for the current-biased junction (take and return broadcasting arrays).

All quantities are dimensionless: currents in I_c, voltages in I_c R, noise
Gamma = 2 e k_B T / (hbar I_c).
"""

from __future__ import annotations

import functools
import math

import numpy as np
from scipy import integrate, optimize, special

from ..errors import ParameterError

__all__ = [
    "HYSTERESIS_ONSET_BETA_C",
    "ZAPPE_CORRECTION",
    "exact_retrapping_current",
    "ivanchenko_zilberman_voltage",
    "overdamped_voltage",
    "phase_diffusion_resistance",
    "zappe_retrapping_current",
]


def overdamped_voltage(i):
    """Overdamped RSJ (beta_c = 0, sinusoidal CPR): <v> = sign(i) sqrt(i^2 - 1) for |i| > 1, else 0."""
    i = np.asarray(i, dtype=float)
    return np.sign(i) * np.sqrt(np.clip(i * i - 1.0, 0.0, None))


def zappe_retrapping_current(beta_c):
    """Zappe/McCumber estimate i_r = 4 / (pi sqrt(beta_c)) of the retrapping current.

    It is the first order of the energy balance in the damping 1/sqrt(beta_c) and always
    lies above the exact value (:func:`exact_retrapping_current`).  How good it is: the
    relative error (4/(pi sqrt(beta_c)) - i_r)/i_r is close to C/beta_c with C =
    ``ZAPPE_CORRECTION`` = pi^2/12 - 1/4 + 1/pi^2 - 7 zeta(3)/(2 pi^2) = 0.24751
    (beta_c x error = 0.2487, 0.2481, 0.2478, 0.2477, 0.2476 at beta_c = 50, 100, 200, 400,
    800); at beta_c = 10 it is 2.5 % (0.40263 against 0.39268), at beta_c = 2 it is 14 %.
    Below beta_c = 0.7026 there is no hysteresis at all, while the estimate still gives i_r < 1
    for beta_c > 16/pi^2 = 1.62 and i_r > 1 below.
    """
    return 4.0 / (np.pi * np.sqrt(np.asarray(beta_c, dtype=float)))


def phase_diffusion_resistance(noise):
    """Ivanchenko-Zil'berman zero-bias resistance of an overdamped junction, R_0/R = 1/I_0(1/Gamma)^2."""
    noise = np.asarray(noise, dtype=float)
    if np.any(~(noise > 0)):
        raise ParameterError("noise", noise, "values > 0")
    x = 1.0 / noise
    # I_0(x) = ive(0, x) e^x; divide in the log domain to avoid overflow at small noise
    return np.exp(-2.0 * (np.log(special.i0e(x)) + x))


def ivanchenko_zilberman_voltage(i, noise, *, method: str = "series", nodes: int = 400):
    """Mean voltage of an overdamped (beta_c = 0) sinusoidal junction with thermal noise.

    The exact stationary drift of phi' = i - sin(phi) + sqrt(2 Gamma) xi (Ivanchenko and
    Zil'berman 1969; Ambegaokar and Halperin 1969), in two independent forms:

    ``method="integral"``: Stratonovich's double integral for a tilted periodic potential
    U(x) = -cos x - i x,

        <v> = 2 pi Gamma (1 - e^{-2 pi a}) / J,  a = i / Gamma,
        J = int_0^2pi dx int_0^2pi dy exp{[cos(x - y) - cos x] / Gamma - a y},

    (periodic trapezoid rule in x, Gauss-Legendre in y, ``nodes`` points each);

    ``method="series"``: the same integral done with exp(z cos x) = sum_n I_n(z) e^{inx},

        <v> = Gamma / [I_0^2/a + 2 a sum_{n>=1} (-1)^n I_n^2 / (a^2 + n^2)],  I_n = I_n(1/Gamma).

    For i -> 0 both reduce to <v> = i / I_0(1/Gamma)^2.  The alternating series loses digits
    when Gamma is small and i is not (the answer is then close to sqrt(i^2 - 1)); use the
    integral there.
    """
    i = np.asarray(i, dtype=float)
    noise = float(noise)
    if not noise > 0:
        raise ParameterError("noise", noise, "a number > 0")
    if method not in ("series", "integral"):
        raise ParameterError("method", method, "'series' or 'integral'")
    z = 1.0 / noise
    a = i / noise
    if method == "series":
        n = np.arange(1, int(z + 40 * math.sqrt(z + 1) + 40))
        # scaled Bessel functions: I_n(z)^2 = ive(n, z)^2 e^{2z}; the e^{2z} cancels below
        i0 = special.ive(0, z) ** 2
        terms = (-1.0) ** n * special.ive(n, z) ** 2
        with np.errstate(divide="ignore", invalid="ignore"):
            tail = np.sum(terms / (a[..., None] ** 2 + n**2), axis=-1)
            v = noise * np.exp(-2 * z) / (i0 / a + 2 * a * tail)
        return np.where(i == 0, 0.0, v)
    x = np.linspace(0.0, 2 * np.pi, nodes, endpoint=False)
    gy, gw = np.polynomial.legendre.leggauss(nodes)
    y = np.pi * (gy + 1.0)
    wy = np.pi * gw
    out = np.empty(i.shape)
    for idx, aa in np.ndenumerate(a):
        ex = (np.cos(x[:, None] - y[None, :]) - np.cos(x)[:, None]) * z - aa * y[None, :]
        big = ex.max()
        jint = (np.exp(ex - big) * wy[None, :]).sum() * (2 * np.pi / nodes)
        out[idx] = 2 * np.pi * noise * (-np.expm1(-2 * np.pi * aa)) / jint * np.exp(-big)
    return out


# ---------------------------------------------------------------------------- retrapping
def _shoot(i: float, beta_c: float, eps: float = 1e-9) -> float:
    """Signed miss distance of the saddle's unstable manifold (downhill branch).

    Start at the saddle phi_s = pi - arcsin(i) displaced along the unstable eigenvector and
    integrate the RCSJ flow.  The energy E = beta_c u^2/2 - cos(phi) - i phi never increases
    (dE/dtau = -u^2), so the orbit is retrapped as soon as E falls below the top of the next
    barrier, U(phi_s + 2 pi): we then return the negative shortfall phi - (phi_s + 2 pi).  If
    it reaches phi_s + 2 pi first it runs, and we return its excess energy there.  The
    function is continuous and vanishes at the homoclinic bias i_r.
    """
    phi_s = math.pi - math.asin(i)
    c = math.sqrt(1.0 - i * i)
    lam = (-1.0 + math.sqrt(1.0 + 4.0 * beta_c * c)) / (2.0 * beta_c)
    target = phi_s + 2 * math.pi
    barrier = -math.cos(target) - i * target

    def rhs(t, y):
        return [y[1], (i - y[1] - math.sin(y[0])) / beta_c]

    def excess(y):
        return 0.5 * beta_c * y[1] ** 2 - math.cos(y[0]) - i * y[0] - barrier

    def trapped(t, y):
        return excess(y)

    trapped.terminal = True
    trapped.direction = -1

    def arrived(t, y):
        return y[0] - target

    arrived.terminal = True
    arrived.direction = 1
    sol = integrate.solve_ivp(
        rhs,
        (0.0, 1e7),
        [phi_s + eps, lam * eps],
        method="DOP853",
        rtol=1e-12,
        atol=1e-14,
        events=(trapped, arrived),
    )
    if sol.t_events[1].size:
        return float(excess(sol.y_events[1][0]))
    if sol.t_events[0].size:
        return float(sol.y_events[0][0][0] - target)
    raise RuntimeError("shooting integration ended without an event")  # pragma: no cover


#: Onset of hysteresis of the sinusoidal RCSJ: for beta_c below this value the running orbit
#: exists only for i > 1 and the I-V curve is single-valued.  It is where the homoclinic loop of
#: the saddle-node at i = 1 exists (centre manifold of phi = pi/2 matched to the stable manifold
#: of 5 pi/2, bracketed in beta_c to 3e-12); in the damping alpha = 1/sqrt(beta_c) it is
#: alpha = 1.1930 (Levi, Hoppensteadt and Miranker 1978).  Above it 1 - i_r ~ 0.72 (beta_c -
#: beta_c*)^2: the retrapping curve meets i = 1 tangentially.
HYSTERESIS_ONSET_BETA_C = 0.702563658

#: Zappe/McCumber next order: i_r = (4/pi) eps [1 - C eps^2 + O(eps^4)], eps = beta_c^-1/2, with
#: C = pi^2/12 - 1/4 + 1/pi^2 - 7 zeta(3)/(2 pi^2) (second-order Melnikov expansion along the
#: separatrix; checked against the exact i_r series, C_beta = C + 0.058/beta_c).
ZAPPE_CORRECTION = (
    math.pi**2 / 12 - 0.25 + 1 / math.pi**2 - 7 * 1.2020569031595942 / (2 * math.pi**2)
)


def exact_retrapping_current(beta_c: float, *, xtol: float = 1e-13) -> float:
    """Noise-free retrapping current of the sinusoidal RCSJ junction, in units of I_c.

    The running orbit disappears in a homoclinic bifurcation: at i_r the unstable manifold
    of the saddle at phi_s = pi - arcsin(i) reaches the next saddle phi_s + 2 pi.  We shoot
    along that manifold (DOP853, rtol 1e-13) and bracket the bias at which it arrives with
    zero velocity (Brent's bracketing method, safeguarded bisection), to ``xtol`` in i.

    At and below the onset beta_c* = ``HYSTERESIS_ONSET_BETA_C`` = 0.702564 (where the
    homoclinic orbit reaches i = 1) there is no bistability and the function returns 1.0
    (also when i_r lies within 1e-6 of 1, just above the onset).

    The Zappe/McCumber estimate 4/(pi sqrt(beta_c)) always lies above this value; the
    relative difference times beta_c tends to a constant for large beta_c (see the
    documentation of :func:`zappe_retrapping_current` and the tests).
    """
    beta_c = float(beta_c)
    if not (math.isfinite(beta_c) and beta_c >= 0):
        raise ParameterError("beta_c", beta_c, "a finite number >= 0")
    return _retrapping(beta_c, float(xtol))


@functools.lru_cache(maxsize=256)
def _retrapping(beta_c: float, xtol: float) -> float:
    if beta_c == 0:
        return 1.0
    # Within 1e-6 of i = 1 the saddle's unstable eigenvalue ~ (1 - i^2)^(1/2) makes the escape
    # slow; a retrapping current there is reported as 1.0 (no hysteresis to 1e-6).
    i_top = 1.0 - 1e-6
    if _shoot(i_top, beta_c) <= 0:
        return 1.0
    lo = 0.0 if beta_c > 4 else 0.1
    lo = min(lo, 0.5 * float(zappe_retrapping_current(beta_c)))
    while _shoot(lo, beta_c) > 0:  # pragma: no cover - the Zappe value halves safely
        lo *= 0.5
    return float(optimize.brentq(_shoot, lo, i_top, args=(beta_c,), xtol=xtol))
