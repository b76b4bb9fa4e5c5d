"""Photon cooling of a neutron star and its balance against internal heating, Gaussian cgs.

Used to judge whether a heating power H (erg s⁻¹) that does not depend on temperature, such as
the Josephson-radiation heating of document 000 (Sedrakian & Rau, PRD 111, 023044 (2025)),
changes the thermal state of a star.  Units are erg, s, K, cm and g throughout.

* :func:`surface_gravity` — the general-relativistic surface gravity
  g_s = GM/(R² √(1 − 2GM/Rc²)).
* :func:`surface_temperature` and its inverse :func:`interior_temperature` — the envelope
  relation of Gudmundsson, Pethick & Epstein, ApJ 272, 286 (1983) (GPE),
  T_s = 0.87·10⁶ K · g_14^(1/4) · (T_b/10⁸ K)^0.55.
* :func:`photon_luminosity` — the Stefan–Boltzmann law L_γ = 4πR²σ_SB T_s⁴.
* :func:`balance_temperature` — the steady state L_γ = H.
* :func:`heat_capacity`, :func:`cooling_age`, :func:`cooling_luminosity`, :func:`balance_age`
  and :func:`evolve` — the photon-cooling era C dT_b/dt = −L_γ(T_b) + H with C = c0·T_b/10⁹ K.

Temperatures are local (as measured at the stellar surface or in the envelope), not redshifted
to a distant observer; the time t is the proper time of the star.  Neutrino emission is left
out everywhere, which limits the model to the photon-cooling era (T_b ≲ 10⁸ K).

Constants (cgs, from :mod:`scipy.constants`, CODATA 2018): σ_SB = 5.670374·10⁻⁵ erg cm⁻² s⁻¹
K⁻⁴, G = 6.6743·10⁻⁸ cm³ g⁻¹ s⁻², c = 2.99792458·10¹⁰ cm s⁻¹.  The solar mass
M_☉ = 1.98841·10³³ g is the IAU 2015 nominal solar mass parameter GM_☉ = 1.3271244·10²⁶ cm³
s⁻² (Resolution B3) divided by the CODATA 2018 G.

Functions of a temperature, a heating power or an age broadcast over NumPy arrays; the stellar
parameters (mass, radius, gravity, c0, starting temperature) are single numbers.
"""

from __future__ import annotations

import math

import numpy as np
import scipy.constants as _sc
from scipy.integrate import solve_ivp

from .._validate import scalar
from ..errors import ConvergenceError, ParameterError
from .analytic import YEAR

__all__ = [
    "C_LIGHT",
    "GPE_EXPONENT",
    "GPE_PREFACTOR",
    "G_NEWTON",
    "HEAT_CAPACITY_C0",
    "M_SUN",
    "PHOTON_ERA_TEMPERATURE",
    "SIGMA_SB",
    "balance_age",
    "balance_temperature",
    "cooling_age",
    "cooling_luminosity",
    "evolve",
    "heat_capacity",
    "interior_temperature",
    "photon_luminosity",
    "surface_gravity",
    "surface_temperature",
]

#: Stefan–Boltzmann constant σ_SB (erg cm⁻² s⁻¹ K⁻⁴), scipy.constants (W m⁻² K⁻⁴) × 10³
SIGMA_SB = _sc.Stefan_Boltzmann * 1e3
#: Newtonian constant of gravitation G (cm³ g⁻¹ s⁻²), scipy.constants (m³ kg⁻¹ s⁻²) × 10³
G_NEWTON = _sc.G * 1e3
#: speed of light c (cm s⁻¹), scipy.constants (m s⁻¹) × 10²
C_LIGHT = _sc.c * 1e2
#: solar mass (g): IAU 2015 nominal GM_☉ = 1.3271244e26 cm³ s⁻² divided by the CODATA 2018 G
M_SUN = 1.98841e33
#: prefactor of the GPE relation (K), Gudmundsson, Pethick & Epstein, ApJ 272, 286 (1983)
GPE_PREFACTOR = 0.87e6
#: exponent of T_b in the GPE relation
GPE_EXPONENT = 0.55
#: default c0 of the core heat capacity C = c0·T_b/10⁹ K (erg K⁻¹), order of magnitude of a
#: non-superfluid npe core (Yakovlev & Pethick, ARA&A 42, 169 (2004))
HEAT_CAPACITY_C0 = 1e39
#: interior temperature (K) below which the photon-cooling era is taken to hold
PHOTON_ERA_TEMPERATURE = 1e8

_T_B_UNIT = 1e8  # K, the T_b scale of the GPE relation
_T_C_UNIT = 1e9  # K, the T_b scale of the heat capacity
_G_UNIT = 1e14  # cm s⁻², the g_s scale of the GPE relation
_P = 4 * GPE_EXPONENT  # L_γ ∝ T_b^2.2
_Q = _P - 2  # without heating dT_b/dt ∝ −T_b^(1+_Q) = −T_b^1.2, so T_b^(−0.2) grows linearly


def _positive(name, value, what):
    """A float array of finite values > 0, or a ParameterError naming ``name``."""
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise ParameterError(name, value, what) from None
    if arr.size == 0 or not np.all(np.isfinite(arr)) or np.any(arr <= 0):
        raise ParameterError(name, value, what)
    return arr


def _radius(radius):
    return scalar("radius", radius, low=0, low_open=True, allowed="a stellar radius > 0 (cm)")


def _gravity(gravity, radius=1e6):
    """The given surface gravity, or that of a 1.4 M_☉ star of the given radius."""
    if gravity is None:
        return surface_gravity(1.4, radius)
    return scalar(
        "gravity", gravity, low=0, low_open=True, allowed="a surface gravity > 0 (cm/s^2)"
    )


def _c0(c0):
    return scalar("c0", c0, low=0, low_open=True, allowed="a heat-capacity scale > 0 (erg/K)")


def _t_start(t_start):
    if t_start is not None and not isinstance(t_start, bool):
        try:
            if float(t_start) == math.inf:
                return math.inf
        except (TypeError, ValueError):
            pass
    return scalar(
        "t_start",
        t_start,
        low=0,
        low_open=True,
        allowed="a starting interior temperature > 0 (K) or math.inf",
    )


def surface_gravity(mass=1.4, radius=1e6):
    """Surface gravity g_s = GM/(R² √(1 − 2GM/(Rc²))) (cm s⁻²) of a star of ``mass`` (in solar
    masses) and circumferential ``radius`` (cm).

    This is the general-relativistic proper surface gravity used by Gudmundsson, Pethick &
    Epstein, ApJ 272, 286 (1983) in their envelope relation.  A radius at or inside the
    Schwarzschild radius 2GM/c² is refused.  For M = 1.4 M_☉ and R = 10 km, g_s ≈ 2.43·10¹⁴ cm
    s⁻².
    """
    m = scalar("mass", mass, low=0, low_open=True, allowed="a mass > 0 (solar masses)")
    r = _radius(radius)
    gm = G_NEWTON * m * M_SUN
    r_s = 2 * gm / C_LIGHT**2
    if r <= r_s:
        raise ParameterError(
            "radius", radius, f"> the Schwarzschild radius 2GM/c^2 = {r_s:.6g} cm of this mass"
        )
    return gm / (r**2 * math.sqrt(1 - r_s / r))


def surface_temperature(t_interior, gravity=None):
    """Local effective surface temperature T_s (K) for the interior temperature ``t_interior``
    T_b (K).

    The GPE relation of Gudmundsson, Pethick & Epstein, ApJ 272, 286 (1983), is
    T_s = 0.87·10⁶ K · g_14^(1/4) · (T_b/10⁸ K)^0.55 with g_14 = g_s/10¹⁴ cm s⁻², where T_b is
    the temperature at the bottom of the heat-blanketing envelope (density ρ_b = 10¹⁰ g cm⁻³),
    which equals the isothermal core temperature at late times.  The envelope is iron; the fit
    was made to envelope models with T_b of order 10⁷–10⁹ K, so values far outside that range
    are extrapolations.  ``gravity`` is g_s (cm s⁻²); None takes :func:`surface_gravity` of a
    1.4 M_☉, 10 km star.
    """
    t_b = _positive("t_interior", t_interior, "an interior temperature > 0 (K)")
    g14 = _gravity(gravity) / _G_UNIT
    return GPE_PREFACTOR * g14**0.25 * (t_b / _T_B_UNIT) ** GPE_EXPONENT


def interior_temperature(t_surface, gravity=None):
    """Interior temperature T_b (K) for the local effective surface temperature ``t_surface``
    T_s (K): the inverse of the GPE relation (see :func:`surface_temperature`),
    T_b = 10⁸ K · (T_s/(0.87·10⁶ K · g_14^(1/4)))^(1/0.55).
    """
    t_s = _positive("t_surface", t_surface, "a surface temperature > 0 (K)")
    g14 = _gravity(gravity) / _G_UNIT
    return _T_B_UNIT * (t_s / (GPE_PREFACTOR * g14**0.25)) ** (1 / GPE_EXPONENT)


def photon_luminosity(t_surface, radius=1e6):
    """Photon luminosity L_γ = 4πR²σ_SB T_s⁴ (erg s⁻¹) of a black body of local effective
    temperature ``t_surface`` (K) and radius ``radius`` (cm) (Stefan–Boltzmann law).

    The luminosity is the local one at the surface; the luminosity seen by a distant observer
    is smaller by the redshift factor 1 − 2GM/(Rc²), which is not applied here.
    """
    t_s = _positive("t_surface", t_surface, "a surface temperature > 0 (K)")
    r = _radius(radius)
    return 4 * math.pi * r**2 * SIGMA_SB * t_s**4


def balance_temperature(heating, radius=1e6, gravity=None):
    """Steady state in which the photon luminosity carries away the heating power ``heating``
    H (erg s⁻¹).

    Setting L_γ = 4πR²σ_SB T_s⁴ = H gives T_s = (H/(4πR²σ_SB))^(1/4), and the inverse GPE
    relation (:func:`interior_temperature`) gives T_b.  Neutrino emission is neglected, which is
    valid in the photon-cooling era.  The returned dict has ``t_surface`` (K), ``t_interior``
    (K) and ``photon_era`` (bool), true where T_b < 10⁸ K (:data:`PHOTON_ERA_TEMPERATURE`).

    The criterion is the order of magnitude at which photon emission overtakes the modified
    Urca neutrino emission of a non-superfluid core, L_ν ~ 10⁴⁰ (T_b/10⁹ K)⁸ erg s⁻¹
    (Yakovlev & Pethick, ARA&A 42, 169 (2004)): at T_b = 10⁸ K this is about 10³² erg s⁻¹,
    while L_γ ≈ 9·10³² erg s⁻¹ for a 1.4 M_☉, 10 km star, and the ratio L_ν/L_γ falls as
    T_b^5.8 below.  Fast (direct Urca) cooling would move the boundary lower.

    ``radius`` is R (cm); ``gravity`` is g_s (cm s⁻²), None taking :func:`surface_gravity` of a
    1.4 M_☉ star of the given radius.
    """
    h = _positive("heating", heating, "a heating power > 0 (erg/s)")
    r = _radius(radius)
    g = _gravity(gravity, r)
    t_s = (h / (4 * math.pi * r**2 * SIGMA_SB)) ** 0.25
    t_b = interior_temperature(t_s, g)
    return {
        "t_surface": t_s,
        "t_interior": t_b,
        "photon_era": (t_b < PHOTON_ERA_TEMPERATURE)
        if np.ndim(t_b)
        else bool(t_b < PHOTON_ERA_TEMPERATURE),
    }


def heat_capacity(t_interior, c0=HEAT_CAPACITY_C0):
    """Heat capacity C = c0 · (T_b/10⁹ K) (erg K⁻¹) of a star with the isothermal interior
    temperature ``t_interior`` T_b (K).

    The linear law is that of degenerate fermions.  The default c0 = 10³⁹ erg K⁻¹ is the order of
    magnitude of a non-superfluid npe core of a 1.4 M_☉ star (Yakovlev & Pethick, ARA&A 42, 169
    (2004)); it is an adjustable input, not a computed property: superfluidity of the nucleons
    lowers it, and hyperons or quarks would change it.
    """
    t_b = _positive("t_interior", t_interior, "an interior temperature > 0 (K)")
    return _c0(c0) * t_b / _T_C_UNIT


def _track(c0, radius, gravity):
    """Coefficients (A, a): L_γ = A (T_b/10⁸ K)^2.2 and, without heating, dT_b/dt = −a T_b^1.2."""
    r = _radius(radius)
    g = _gravity(gravity, r)
    c = _c0(c0)
    amp = 4 * math.pi * r**2 * SIGMA_SB * (GPE_PREFACTOR * (g / _G_UNIT) ** 0.25) ** 4
    rate = amp * _T_C_UNIT / (c * _T_B_UNIT**_P)
    return amp, rate


def cooling_age(
    t_interior, t_start=PHOTON_ERA_TEMPERATURE, *, c0=HEAT_CAPACITY_C0, radius=1e6, gravity=None
):
    """Time (s) for an unheated star to cool by photon emission from the interior temperature
    ``t_start`` to ``t_interior`` (K).

    With C = c0·T_b/10⁹ K (:func:`heat_capacity`) and L_γ = A·(T_b/10⁸ K)^2.2 (GPE relation and
    Stefan–Boltzmann law, A = 4πR²σ_SB (0.87·10⁶ K)⁴ g_14), the energy balance C dT_b/dt = −L_γ
    is dT_b/dt = −a T_b^1.2 with a = A·10⁹ K/(c0·(10⁸ K)^2.2).  Integrating,
    t = 5 (T_b^(−0.2) − T_start^(−0.2))/a; for ``t_start`` = math.inf this is the power law
    t = 5 T_b^(−0.2)/a, i.e. T_b ∝ t^(−5).  Neutrinos are neglected (photon-cooling era), so
    ``t_start`` should not exceed about 10⁸ K.  ``t_interior`` above ``t_start`` is refused.
    ``radius`` is R (cm) and ``gravity`` g_s (cm s⁻², None for a 1.4 M_☉ star of that radius).
    """
    t_b = _positive("t_interior", t_interior, "an interior temperature > 0 (K)")
    t0 = _t_start(t_start)
    if np.any(t_b > t0):
        raise ParameterError(
            "t_interior", t_interior, f"<= t_start = {t0:g} K (the star only cools)"
        )
    _, rate = _track(c0, radius, gravity)
    return (t_b ** (-_Q) - t0 ** (-_Q)) / (_Q * rate)


def _track_temperature(age, t0, rate):
    return (t0 ** (-_Q) + _Q * rate * age) ** (-1 / _Q)


def cooling_luminosity(
    age, t_start=PHOTON_ERA_TEMPERATURE, *, c0=HEAT_CAPACITY_C0, radius=1e6, gravity=None
):
    """Photon luminosity L_γ (erg s⁻¹) at time ``age`` (s) on the unheated photon-cooling track
    that starts at the interior temperature ``t_start`` (K) at age 0.

    The inverse of :func:`cooling_age`: T_b = (T_start^(−0.2) + 0.2 a t)^(−5) and
    L_γ = A (T_b/10⁸ K)^2.2, with A and a as there.  With ``t_start`` = math.inf,
    L_γ ∝ t^(−11).  Age 0 with an infinite ``t_start`` is refused.
    """
    t0 = _t_start(t_start)
    if t0 == math.inf:
        t = _positive("age", age, "an age > 0 (s) when t_start is infinite")
    else:
        try:
            t = np.asarray(age, dtype=float)
        except (TypeError, ValueError):
            raise ParameterError("age", age, "an age >= 0 (s)") from None
        if t.size == 0 or not np.all(np.isfinite(t)) or np.any(t < 0):
            raise ParameterError("age", age, "an age >= 0 (s)")
    amp, rate = _track(c0, radius, gravity)
    return amp * (_track_temperature(t, t0, rate) / _T_B_UNIT) ** _P


def balance_age(
    heating, t_start=PHOTON_ERA_TEMPERATURE, *, c0=HEAT_CAPACITY_C0, radius=1e6, gravity=None
):
    """Age at which the unheated photon-cooling track (:func:`cooling_luminosity`) falls to
    L_γ = H for the heating power ``heating`` H (erg s⁻¹).

    From then on a heating power H held fixed stops the cooling: the star stays near
    :func:`balance_temperature`.  The interior temperature is T_b = 10⁸ K·(H/A)^(1/2.2), where
    L_γ = A (T_b/10⁸ K)^2.2, and the age is :func:`cooling_age` of T_b from ``t_start``.  The
    returned dict has ``age`` (s), ``age_yr`` (Julian years), ``t_interior`` (K) and
    ``t_surface`` (K).  A heating power at or above L_γ at ``t_start`` is refused: the track
    never cools to it.
    """
    h = _positive("heating", heating, "a heating power > 0 (erg/s)")
    t0 = _t_start(t_start)
    amp, _ = _track(c0, radius, gravity)
    if t0 != math.inf:
        l_start = amp * (t0 / _T_B_UNIT) ** _P
        if np.any(h >= l_start):
            raise ParameterError(
                "heating",
                heating,
                f"< L_gamma(t_start) = {l_start:.6g} erg/s (the track starts below that power)",
            )
    t_b = _T_B_UNIT * (h / amp) ** (1 / _P)
    r = _radius(radius)
    g = _gravity(gravity, r)
    age = cooling_age(t_b, t0, c0=c0, radius=r, gravity=g)
    return {
        "age": age,
        "age_yr": age / YEAR,
        "t_interior": t_b,
        "t_surface": surface_temperature(t_b, g),
    }


def evolve(
    heating,
    t_start,
    t_end,
    *,
    times=None,
    c0=HEAT_CAPACITY_C0,
    radius=1e6,
    gravity=None,
    method="LSODA",
    rtol=1e-10,
):
    """Integrate C dT_b/dt = −L_γ(T_b) + H numerically from the interior temperature ``t_start``
    (K) at age 0 to the age ``t_end`` (s), for a constant heating power ``heating`` H ≥ 0
    (erg s⁻¹).

    C = c0·T_b/10⁹ K (:func:`heat_capacity`) and L_γ = A (T_b/10⁸ K)^2.2 (GPE relation and
    Stefan–Boltzmann law, see :func:`cooling_age`).  The variable integrated is ln T_b, with
    d ln T_b/dt = (H − L_γ)/(C T_b), by :func:`scipy.integrate.solve_ivp` (``method`` "LSODA"
    or "Radau", relative tolerance ``rtol``, absolute tolerance rtol·10⁻³ on ln T_b).  With
    H = 0 the result follows :func:`cooling_luminosity`; with H > 0 it tends to
    :func:`balance_temperature`.  Neutrinos are neglected (photon-cooling era).

    ``times`` are the output ages (s, increasing, within [0, t_end]); None gives age 0 and 400
    logarithmically spaced ages from 10⁻⁸ t_end to t_end.  The returned dict has ``age`` (s),
    ``t_interior`` (K), ``t_surface`` (K) and ``luminosity`` (L_γ, erg s⁻¹).
    """
    h = scalar("heating", heating, low=0, allowed="a heating power >= 0 (erg/s)")
    t0 = scalar(
        "t_start", t_start, low=0, low_open=True, allowed="a starting interior temperature > 0 (K)"
    )
    span = scalar("t_end", t_end, low=0, low_open=True, allowed="a final age > 0 (s)")
    if method not in ("LSODA", "Radau"):
        raise ParameterError("method", method, "'LSODA' or 'Radau'")
    tol = scalar("rtol", rtol, low=0, high=1e-3, low_open=True, allowed="a tolerance in (0, 1e-3]")
    r = _radius(radius)
    g = _gravity(gravity, r)
    c = _c0(c0)
    amp, _ = _track(c, r, g)
    if times is None:
        t_eval = np.concatenate([[0.0], np.geomspace(span * 1e-8, span, 400)])
    else:
        try:
            t_eval = np.asarray(times, dtype=float)
        except (TypeError, ValueError):
            raise ParameterError("times", times, "increasing ages (s) within [0, t_end]") from None
        if (
            t_eval.ndim != 1
            or t_eval.size == 0
            or not np.all(np.isfinite(t_eval))
            or np.any(np.diff(t_eval) <= 0)
            or t_eval[0] < 0
            or t_eval[-1] > span
        ):
            raise ParameterError("times", times, "increasing ages (s) within [0, t_end]")

    def rhs(_t, y):
        t_b = math.exp(y[0])
        lum = amp * (t_b / _T_B_UNIT) ** _P
        return [(h - lum) * _T_C_UNIT / (c * t_b * t_b)]

    sol = solve_ivp(
        rhs, (0.0, span), [math.log(t0)], method=method, t_eval=t_eval, rtol=tol, atol=tol * 1e-3
    )
    if not sol.success:
        raise ConvergenceError(
            f"solve_ivp ({method})", sol.t[-1] if sol.t.size else 0.0, sol.message
        )
    t_b = np.exp(sol.y[0])
    return {
        "age": sol.t,
        "t_interior": t_b,
        "t_surface": surface_temperature(t_b, g),
        "luminosity": amp * (t_b / _T_B_UNIT) ** _P,
    }
