"""Josephson radiation of a spinning-down neutron star (document 000, eqs. 18–35), two ways.

:func:`radiated_power` follows the chain of the document line by line (``method="lines"``): the
array spacing d from 2Ω/κ or B/Φ0, the crossing frequency ω = v_Lr(R)/d (eqs. 18, 21, 29), the
current I(t) of one line through the area ℓ⊥ℓ_z = λR (eqs. 22, 30), its mean square rate ⟨İ²⟩ by
spectral differentiation of the sampled waveform (:func:`mean_square_current_rate`), the Larmor
power of eq. 24 and N = 2πR/d lines on the equator.  ``method="closed"`` evaluates the
closed forms of eqs. 32–33 instead (:func:`~josephson.astro.analytic.star_power`), and
``units="si"`` repeats the line chain with SI constants and SI formulas (London depth
m/μ0e²n, Larmor μ0⟨İ²⟩d²/6πc) and returns watts: three routes that must agree.

:func:`star_report` collects everything the ``josephson star`` command prints;
:func:`heating_map` is the P–Ṗ map (sweepable with :func:`josephson.sweep.grid`);
:func:`sensitivity` gives ∂ln P/∂ln x for every numeric input of the :class:`Interface`.
"""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np

from .._validate import array, attrs, choice, scalar, whole
from ..errors import ParameterError
from ..units import CGS
from . import analytic
from .model import CONVENTIONS, Interface, NeutronStar

__all__ = [
    "heating_map",
    "mean_square_current_rate",
    "radiated_power",
    "sensitivity",
    "star_report",
]

SOURCES = ("vortex", "flux_tube")
#: interior temperature (K) below which the Gudmundsson–Pethick–Epstein envelope fit (made for
#: T_b of about 10⁷–10⁹ K) is an extrapolation: the balance T_s stands, T_b less so
_ENVELOPE_FIT_MIN = 1e7


def mean_square_current_rate(amplitude, omega, *, area, source="vortex", static_phase=None,
                             flux_amplitude=1.0, samples=64):  # fmt: skip
    """⟨İ²⟩ (statA² s⁻²) of the current through one line's area, from the sampled waveform.

    ``source="vortex"``: I = j_0 A sin(ωt) (eq. 22); ``"flux_tube"``: I = j_0 A sin(Δθ_p +
    a cos ωt) with a = ``flux_amplitude`` (eq. 30), averaged over a uniform grid of static phases
    Δθ_p unless ``static_phase`` is given.  The time derivative is taken spectrally over one
    period (``samples`` points; exact for these band-limited waveforms once ``samples`` exceeds
    about 2a + 30), so nothing of eqs. 25 and 31 is assumed.
    """
    source = choice("source", source, SOURCES)
    n = whole("samples", samples, 16)
    a = scalar("flux_amplitude", flux_amplitude, low=0, high=1e4, allowed="a number in [0, 1e4]")
    n = max(n, int(8 * math.ceil(a)) + 32)
    phase = 2 * np.pi * np.arange(n) / n  # ωt over one period
    if source == "vortex":
        wave = np.sin(phase)[None, :]
    else:
        # four equally spaced static phases average cos² (harmonic 2 only) exactly
        thetas = (np.array([scalar("static_phase", static_phase)]) if static_phase is not None
                  else 0.5 * np.pi * np.arange(4))  # fmt: skip
        wave = np.sin(thetas[:, None] + a * np.cos(phase)[None, :])
    harmonic = np.fft.fftfreq(n, d=1.0 / n)  # integer harmonics of ω
    dwave = np.fft.ifft(1j * harmonic * np.fft.fft(wave, axis=-1), axis=-1).real
    mean = float(np.mean(dwave**2))  # d/d(ωt), averaged over time (and Δθ_p)
    return mean * (np.asarray(amplitude) * np.asarray(area) * np.asarray(omega)) ** 2


def _arrays(star: NeutronStar, source: str, iface: Interface):
    """(line spacing d in cm, crossing frequency ω at r = R, with the interface's phase per line)."""
    if source == "vortex":
        density = analytic.vortex_density(star.omega)
    else:
        density = analytic.flux_tube_density(star.magnetic_field)
    d = float(analytic.spacing(density))
    omega = float(analytic.crossing_frequency(star.radius, star.lifetime, density))
    return d, iface.phase_per_line * omega


def _interface(interface) -> Interface:
    if interface is None:
        return Interface()
    if not isinstance(interface, Interface):
        raise ParameterError("interface", interface, "a josephson.astro.Interface or None")
    return interface


def _line_rate(j0, omega, area, source, iface):
    """⟨İ²⟩ of one line with the interface's waveform (a winding flux tube is a vortex waveform)."""
    if source == "flux_tube" and iface.flux_phase == "winding":
        return mean_square_current_rate(j0, omega, area=area, source="vortex")
    return mean_square_current_rate(j0, omega, area=area, source=source,
                                    flux_amplitude=iface.flux_amplitude)  # fmt: skip


def radiated_power(star: NeutronStar, source="vortex", interface: Interface | None = None, *,
                   units="cgs", method="lines") -> float:  # fmt: skip
    """Time-averaged power radiated by all vortices or flux tubes crossing the interface.

    Eqs. 32 (``source="vortex"``) and 33 (``"flux_tube"``) of document 000: erg s⁻¹ for
    ``units="cgs"``, W for ``"si"``.  ``interface`` defaults to :class:`Interface()` (see
    :data:`~josephson.astro.model.INTERFACE_PARAMETERS`).  ``method="lines"`` sums the Larmor
    power of each line's sampled current (see the module docstring); ``"closed"`` evaluates the
    closed form.  With the default interface and R₆ = Ω₁₀₀ = B₁₃ = τ₅ = 1 the vortex power is
    ≈ 3.5·10⁷ and the flux-tube power ≈ 2·10²⁸ erg s⁻¹ (the document: 3·10⁷ and 2·10²⁸).
    """
    if not isinstance(star, NeutronStar):
        raise ParameterError("star", star, "a josephson.astro.NeutronStar")
    source = choice("source", source, SOURCES)
    choice("units", units, ("cgs", "si"))
    choice("method", method, ("lines", "closed"))
    iface = _interface(interface)
    if units == "si" and method != "lines":
        raise ParameterError("method", method, "'lines' with units='si' (the SI route is the "
                             "line-by-line chain)")  # fmt: skip
    if units == "si":
        return _si_power(star, source, iface)
    d, omega = _arrays(star, source, iface)
    lam, radius = iface.lam, star.radius
    if method == "closed":
        eta, v, n = ((iface.eta_n, iface.v_fn, iface.n_n) if source == "vortex"
                     else (iface.eta_p, iface.v_fp, iface.n_p))  # fmt: skip
        extra = iface.phase_per_line**2 * (1.0 if source == "vortex" else iface.flux_power_factor)
        return extra * float(analytic.star_power(
            eta=eta, fermi_velocity=v, density=n, penetration_depth=lam, radius=radius,
            line_spacing=d, lifetime=star.lifetime, source=source))  # fmt: skip
    j0 = iface.j0_pn if source == "vortex" else iface.j0_pp
    idot2 = _line_rate(j0, omega, lam * radius, source, iface)
    lines = 2 * np.pi * radius / d
    return float(lines * analytic.larmor_power(idot2, lam))


def _si_power(star: NeutronStar, source: str, iface: Interface) -> float:
    """The line chain in SI units with SI constants (scipy.constants, CODATA): W."""
    from scipy import constants as sc

    hbar, e, m_p, m_n, mu0, c = sc.hbar, sc.e, sc.m_p, sc.m_n, sc.mu_0, sc.c
    fm = 1e-15
    radius = star.radius * 1e-2
    tau = star.lifetime
    m = iface.entrainment
    n_n, n_p = iface.composition["n_n"] / fm**3, iface.composition["n_p"] / fm**3
    if iface.penetration_depth is not None:
        lam = iface.penetration_depth * fm
    else:  # London: lambda^-2 = mu0 e^2 n_pp/m_p
        n_pp = float(m.rho_pp) / (0.5 * (CGS.m_n + CGS.m_p)) * 1e6  # cm^-3 -> m^-3
        lam = math.sqrt(m_p / (mu0 * e**2 * n_pp))
    if source == "vortex":
        kappa_h = 2 * math.pi * hbar / (2 * m_n)  # h/2m_n, m^2/s
        d = math.sqrt(kappa_h / (2 * star.omega))
        ratio = float(m.rho_np / (m.rho_p if iface.entrainment_form == "eq23" else m.rho_n))
        j0 = abs(e * hbar / (m_p * iface.zeta_n * fm) * ratio * n_n / 2)  # eq. 23, A/m^2
    else:
        phi0 = 2 * math.pi * hbar / (2 * e)  # h/2e, Wb
        d = math.sqrt(phi0 / (star.magnetic_field * 1e-4))  # G -> T
        ratio = float((m.rho_p - m.rho_np) / m.rho_p)
        j0 = abs(e * hbar / (m_p * iface.zeta_p * fm) * ratio * n_p / 2)  # eq. 15, A/m^2
    omega = iface.phase_per_line * radius / (2 * tau) / d
    idot2 = _line_rate(j0, omega, lam * radius, source, iface)
    per_line = mu0 * idot2 * lam**2 / (6 * math.pi * c)  # Larmor, SI
    return float(2 * math.pi * radius / d * per_line)


def sensitivity(star: NeutronStar, source="vortex", interface: Interface | None = None,
                step=0.01) -> dict:  # fmt: skip
    """``{input: ∂ln P/∂ln x}`` of :func:`radiated_power` for every numeric input of the
    interface (density, proton fraction, ζ_n, ζ_p, λ) by central differences in ln x (± ``step``).

    Inputs left to their defaults (β-equilibrium proton fraction, London λ) are perturbed at
    their computed values.  An exponent of −2 for ζ means a factor 2 in ζ moves P by 4.
    """
    iface = _interface(interface)
    base = {
        "density": iface.density,
        "proton_fraction": iface.composition["proton_fraction"],
        "zeta_n": iface.zeta_n,
        "zeta_p": iface.zeta_p,
        "penetration_depth": iface.lam / CGS.fm,
    }
    out = {}
    for name, x in base.items():
        def log_power(factor, name=name, x=x):
            changed = replace(iface, **{name: float(x) * factor})
            return math.log(radiated_power(star, source, changed))

        try:
            out[name] = (log_power(math.exp(step)) - log_power(math.exp(-step))) / (2 * step)
        except ParameterError:  # at the upper end of the allowed range: one-sided
            out[name] = (log_power(1.0) - log_power(math.exp(-step))) / step
    return out


def star_report(star: NeutronStar, interface: Interface | None = None, *, ohmic=None,
                mass=1.4) -> dict:  # fmt: skip
    """Everything ``josephson star`` prints, as ``{key: (value, unit, description)}``.

    The arrays (densities, spacings, tubes per vortex), the creep velocity and crossing
    frequencies at r = R, the current amplitudes, the vortex and flux-tube powers (eqs. 32–34),
    Ohmic heating (eq. 35, ``ohmic`` = keyword arguments of
    :func:`~josephson.astro.analytic.ohmic_power`) and photon cooling: the surface and interior
    temperatures at which L_γ carries the Josephson power away, and the age at which an unheated
    star of ``mass`` (M☉) cools to that luminosity (:mod:`~josephson.astro.thermal`).
    """
    from . import thermal

    iface = _interface(interface)
    n_v = float(analytic.vortex_density(star.omega))
    n_f = float(analytic.flux_tube_density(star.magnetic_field))
    d_n, omega_v = _arrays(star, "vortex", iface)
    d_p, omega_p = _arrays(star, "flux_tube", iface)
    p_v = radiated_power(star, "vortex", iface)
    p_f = radiated_power(star, "flux_tube", iface)
    other = "consistent" if iface.conventions != "consistent" else "document"
    alt = replace(iface, **CONVENTIONS[other])
    gravity = thermal.surface_gravity(mass, star.radius)
    balance = thermal.balance_temperature(p_v + p_f, radius=star.radius, gravity=gravity)
    start = float(thermal.cooling_luminosity(0.0, radius=star.radius, gravity=gravity))
    if p_v + p_f < start:
        age = thermal.balance_age(p_v + p_f, radius=star.radius, gravity=gravity)["age_yr"]
    else:  # the heating exceeds L_gamma already at the start of the photon era
        age = math.nan
    in_range = balance["t_interior"] >= _ENVELOPE_FIT_MIN
    s = star.scalings
    rows = {
        "period": (star.period, "s", "rotation period P"),
        "pdot": (star.pdot, "1", "period derivative dP/dt"),
        "omega": (star.omega, "rad/s", "angular velocity 2π/P"),
        "field": (star.magnetic_field, "G",
                  "magnetic field B" + ("" if star.field is not None else " (dipole estimate)")),
        "lifetime": (star.lifetime / analytic.YEAR, "yr", "τ = Ω/|dΩ/dt| = P/Ṗ"),
        "tau5": (s["tau5"], "1", "τ/10⁵ yr"),
        "omega100": (s["omega100"], "1", "Ω/100 s⁻¹"),
        "B13": (s["B13"], "1", "B/10¹³ G"),
        "vortex_density": (n_v, "cm^-2", "2Ω/κ, κ = h/2m_n"),
        "d_n": (d_n, "cm", "vortex spacing"),
        "flux_tube_density": (n_f, "cm^-2", "B/Φ0, Φ0 = hc/2e"),
        "d_p": (d_p, "cm", "flux-tube spacing"),
        "tubes_per_vortex": (n_f / n_v, "1", "flux tubes per vortex"),
        "creep_velocity": (float(analytic.creep_velocity(star.radius, star.lifetime)), "cm/s",
                           "v_Lr = R/2τ at r = R (eq. 18)"),
        "omega_V": (omega_v, "rad/s", "ω_V = v_Lr/d_n (eq. 21)"),
        "omega_p": (omega_p, "rad/s", "ω_p = v_Lr/d_p (eq. 29)"),
        "j0_pn": (iface.j0_pn, "statA/cm^2", f"entrained proton current j_0,pn ({iface.entrainment_form})"),
        "j0_pp": (iface.j0_pp, "statA/cm^2", "proton Josephson current j_0,pp"),
        "power_vortex": (p_v, "erg/s", f"⟨P⋆,V⟩ (eqs. 26, 32; {iface.conventions} conventions)"),
        "power_flux_tube": (p_f, "erg/s", f"⟨P⋆,Φ⟩ (eqs. 33–34; {iface.conventions} conventions)"),
        f"power_vortex_{other}": (radiated_power(star, "vortex", alt), "erg/s",
                                   f"the same with the {other} conventions"),
        f"power_flux_tube_{other}": (radiated_power(star, "flux_tube", alt), "erg/s",
                                      f"the same with the {other} conventions"),
        "power_ohmic": (float(analytic.ohmic_power(**(ohmic or {}))), "erg/s",
                        "Ohmic dissipation (eq. 35)"),
        "t_surface_balance": (balance["t_surface"], "K", "T_s with L_γ = Josephson heating"),
        "t_interior_balance": (balance["t_interior"], "K", "T_b there (Gudmundsson et al. 1983)"
                               + ("" if in_range else "; extrapolated below the fit's 1e7 K")),
        "photon_era": (float(balance["photon_era"]), "1", "1: T_b < 1e8 K, photons carry the "
                       "heat (neutrinos neglected); 0: neutrino era, the balance is not valid"),
        "age_balance": (age, "yr", "age at which an unheated star cools to it (photon era "
                        f"from T_b = 1e8 K, M = {mass:g} M☉; nan: heating above L_γ(1e8 K))"),
        "age_characteristic": (star.lifetime / 2 / analytic.YEAR, "yr", "P/2Ṗ"),
    }  # fmt: skip
    return rows


def heating_map(period, pdot, *, radius=1e6, field=None, interface: Interface | None = None):
    """Vortex and flux-tube Josephson powers (erg s⁻¹) over a grid of ``period`` (s) × ``pdot``.

    The field is the dipole estimate from P and Ṗ unless ``field`` (G) is given; ``interface``
    defaults to :class:`Interface()`.  The closed forms of eqs. 32–33 are evaluated on the whole
    grid at once (:func:`radiated_power` gives the same numbers star by star).  Returns an
    :class:`xarray.Dataset` with ``power_vortex``, ``power_flux_tube``, ``field`` and
    ``lifetime`` over (period, pdot); both axes are vectorised (``grid_axes``), so
    ``josephson.sweep.grid(heating_map, period=..., pdot=...)`` evaluates it in one call.
    """
    import xarray as xr

    from .._provenance import provenance

    p = np.atleast_1d(array("period", period, low=0, low_open=True))
    pd = np.atleast_1d(array("pdot", pdot, low=0, low_open=True))
    iface = _interface(interface)
    radius = float(array("radius", radius, ndim=(0,), low=0, low_open=True))
    P, PD = np.meshgrid(p, pd, indexing="ij")
    omega, _, tau = analytic.spin_down(P, PD)
    b = analytic.dipole_field(P, PD) if field is None else np.full_like(P, float(
        array("field", field, low=0, low_open=True)))  # fmt: skip
    out = {}
    for source, density_lines, eta, v, n in (
        ("vortex", analytic.vortex_density(omega), iface.eta_n, iface.v_fn, iface.n_n),
        ("flux_tube", analytic.flux_tube_density(b), iface.eta_p, iface.v_fp, iface.n_p),
    ):
        extra = iface.phase_per_line**2 * (1.0 if source == "vortex" else iface.flux_power_factor)
        out[source] = extra * analytic.star_power(
            eta=eta, fermi_velocity=v, density=n, penetration_depth=iface.lam, radius=radius,
            line_spacing=analytic.spacing(density_lines), lifetime=tau, source=source)
    dims = ("period", "pdot")
    ds = xr.Dataset(
        {
            "power_vortex": (dims, out["vortex"], attrs("erg s^-1", "vortex Josephson power")),
            "power_flux_tube": (dims, out["flux_tube"],
                                attrs("erg s^-1", "flux-tube Josephson power")),
            "field": (dims, b, attrs("G", "magnetic field B")),
            "lifetime": (dims, tau / analytic.YEAR, attrs("yr", "τ = P/Ṗ")),
        },
        coords={"period": ("period", p, attrs("s", "rotation period P")),
                "pdot": ("pdot", pd, attrs("1", "period derivative Ṗ"))},
        attrs=provenance(computation="astro.heating_map", model=iface,
                         method={"radius": radius, "field": field}),
    )  # fmt: skip
    return ds


heating_map.grid_axes = ("period", "pdot")
