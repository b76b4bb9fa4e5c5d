"""A neutron star and the ¹S₀/³P₂ interface in its core, as document 000 needs them (Gaussian cgs).

* :class:`NeutronStar` — radius, P, Ṗ, field (given or the dipole estimate), τ and the scalings.
* :class:`Interface` — the junction between the ¹S₀ and ³P₂ neutron superfluids: the composition
  there (baryon density, proton fraction from β equilibrium of a Skyrme functional), entrainment
  (the same functional), the barrier lengths ζ_n, ζ_p of eq. 11, the penetration depth λ, and
  the choices eqs. 23 and 30 leave open.  Every field has a default and a source
  (:data:`INTERFACE_PARAMETERS`, printed by ``josephson star --explain``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields
from functools import cached_property

from .._validate import choice, scalar
from ..errors import ParameterError
from ..units import CGS
from . import analytic

__all__ = ["CONVENTIONS", "INTERFACE_PARAMETERS", "Interface", "NeutronStar"]


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
        checks = {
            "radius": "a radius > 0 (cm)",
            "period": "a period > 0 (s)",
            "pdot": "a period derivative > 0 (spin-down; the formulas need Pdot > 0)",
            "field": "a magnetic field > 0 (G), or None for the dipole estimate",
        }
        for name, allowed in checks.items():
            value = getattr(self, name)
            if name == "field" and value is None:
                continue
            if isinstance(value, str):
                raise ParameterError(name, value, allowed)
            # store the checked float (a frozen dataclass keeps what it was given otherwise)
            object.__setattr__(self, name, scalar(name, value, low=0, low_open=True,
                                                  allowed=allowed))  # fmt: skip

    @classmethod
    def pulsar(cls, name: str, **changes) -> NeutronStar:
        """The star of a catalogued pulsar (:data:`~josephson.astro.pulsars.PULSARS`: P and Ṗ
        from the ATNF catalogue); ``changes`` set the radius or the field."""
        from .pulsars import lookup

        p = lookup(name)
        return cls(**{"period": p.period, "pdot": p.pdot, **changes})

    @classmethod
    def reference(cls, radius: float = 1.0e6) -> NeutronStar:
        """The star of the document's eqs. 26 and 34: Ω = 100 s⁻¹, τ = 10⁵ yr, B = 10¹³ G
        (R₆ = Ω₁₀₀ = B₁₃ = τ₅ = 1 at the default radius)."""
        period = 2 * math.pi / 100.0
        return cls(radius=radius, period=period, pdot=period / (1e5 * analytic.YEAR), field=1e13)

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


#: the three choices the printed equations leave open: as printed, and made consistent
CONVENTIONS: dict[str, dict[str, str]] = {
    "document": {"entrainment_form": "eq23", "crossing_phase": "document",
                 "flux_phase": "document"},
    "consistent": {"entrainment_form": "eq15", "crossing_phase": "winding",
                   "flux_phase": "winding"},
}  # fmt: skip

#: ``name -> (symbol, unit, what it is, source of the default)`` for every :class:`Interface` field.
INTERFACE_PARAMETERS: dict[str, tuple[str, str, str, str]] = {
    "density": (
        "n_b", "fm^-3", "baryon density at the 1S0/3P2 interface",
        "0.08: the crust-core transition in round numbers (0.076 fm^-3 for SLy, Douchin & "
        "Haensel, A&A 380, 151 (2001)); "
        "the document's Fig. 1 puts the 1S0->3P2 change of the neutron pairing there",
    ),
    "proton_fraction": (
        "x_p", "1", "proton fraction n_p/n_b at the interface",
        "None: beta equilibrium of charge-neutral npe matter with `functional`",
    ),
    "functional": (
        "", "", "Skyrme functional for the composition and the entrainment matrix",
        "SLy4 (Chabanat et al., Nucl. Phys. A 635, 231 (1998)); entrainment by TDHFB mass "
        "currents as in document 001",
    ),
    "zeta_n": (
        "zeta_n", "fm", "barrier length of the neutron condensate (eq. 11; 1/zeta = transparency)",
        "not in the document: 100 fm, the mesoscopic scale of the interface (of the order of "
        "the proton London depth, ≈ 130 fm here); the vortex power scales as zeta_n^-2",
    ),
    "zeta_p": (
        "zeta_p", "fm", "barrier length of the proton condensate (eq. 11)",
        "not in the document: 100 fm as zeta_n; the flux-tube power scales as zeta_p^-2",
    ),
    "penetration_depth": (
        "lambda", "fm", "length d = l_perp of the radiating current element (eqs. 25, 31-33)",
        "None: the proton London depth [m_p^2 c^2/(4 pi e^2 rho_pp)]^1/2 with the entrained "
        "diagonal rho_pp of eq. 1; the document's (n lambda^2 R)^2 sets d = l_perp = lambda",
    ),
    "entrainment_form": (
        "", "", "the density ratio in j_0,pn",
        "eq23: rho_pn/rho_pp as the document prints eq. 23 (and, it appears, used for eq. 26); "
        "eq15: rho_pn/rho_nn as eq. 15 and eqs. 12-14 give it (smaller by x_p/(1-x_p))",
    ),
    "crossing_phase": (
        "", "", "angular frequency of the line crossings (eqs. 21, 29)",
        "document: omega = v_Lr/d as printed; winding: omega = 2 pi v_Lr/d, since the phase "
        "difference advances by 2 pi each time a line (carrying 2 pi of phase or one flux "
        "quantum) passes; the powers then grow by (2 pi)^2",
    ),
    "flux_phase": (
        "", "", "how a passing flux tube enters the phase of eq. 30",
        "document: an oscillating flux, phase (Phi_max/Phi0) cos(omega_p t) as eq. 30 prints "
        "it; winding: each tube advances the gauge-invariant phase of eq. 17 by 2 pi, "
        "sin(dtheta + omega_p t) like a vortex (twice the power of the document's form)",
    ),
    "flux_amplitude": (
        "Phi_max/Phi0", "1", "amplitude of the flux phase in eq. 30",
        "1: one flux quantum per passing tube, the value that gives eq. 31's 1/6 (used with "
        "flux_phase=document only)",
    ),
}


@dataclass(frozen=True, kw_only=True)
class Interface:
    """The ¹S₀/³P₂ interface of document 000 as a Josephson junction (see :data:`INTERFACE_PARAMETERS`).

    ``density`` n_b (fm⁻³) and ``proton_fraction`` (None: β equilibrium of npe matter with
    ``functional``) fix n_n and n_p; ``functional`` also gives the entrainment matrix.
    ``zeta_n``, ``zeta_p`` (fm) are the barrier lengths of eq. 11; ``penetration_depth`` (fm;
    None: the proton London depth) is d = ℓ⊥ of eqs. 25 and 31; ``entrainment_form`` picks the
    ratio in j_0,pn ("eq23": ρ_pn/ρ_pp as printed, "eq15": ρ_pn/ρ_nn); ``crossing_phase``
    the frequency of eqs. 21 and 29 ("document": v_Lr/d; "winding": 2πv_Lr/d, see
    :attr:`phase_per_line`); ``flux_phase`` how a tube enters eq. 30 ("document": the
    oscillating flux phase (Φ_max/Φ0) cos ω_p t as printed; "winding": the gauge-invariant
    phase of eq. 17 advances by 2π per tube); ``flux_amplitude`` is Φ_max/Φ0 in eq. 30.

    The defaults follow the document as printed, so that its eqs. 26 and 34 are reproduced;
    :meth:`consistent` switches the three choices where the printed equations disagree with
    the rest of the document (eq. 15's ratio in j_0,pn, a 2π phase advance per crossing line,
    for flux tubes the winding of eq. 17's gauge-invariant phase).  The derived quantities
    (densities in cm⁻³, Fermi wavenumbers, κ_np, η_n,
    η_p, λ, the current amplitudes j_0,pn and j_0,pp in statA cm⁻²) are properties.
    """

    density: float = 0.08
    proton_fraction: float | None = None
    functional: str = "SLy4"
    zeta_n: float = 100.0
    zeta_p: float = 100.0
    penetration_depth: float | None = None
    entrainment_form: str = "eq23"
    crossing_phase: str = "document"
    flux_phase: str = "document"
    flux_amplitude: float = 1.0

    def __post_init__(self):
        from ..superfluid.analytic import _functional

        numbers = {
            "density": (1.0, "a baryon density in (0, 1] fm^-3"),
            "proton_fraction": (0.5, "a proton fraction in (0, 0.5], or None for beta equilibrium"),
            "zeta_n": (None, "a barrier length > 0 (fm)"),
            "zeta_p": (None, "a barrier length > 0 (fm)"),
            "penetration_depth": (None, "a length > 0 (fm), or None for the London depth"),
            "flux_amplitude": (1e4, "Phi_max/Phi0 in (0, 1e4]"),
        }
        for name, (high, allowed) in numbers.items():
            value = getattr(self, name)
            if value is None and name in ("proton_fraction", "penetration_depth"):
                continue
            if isinstance(value, str):
                raise ParameterError(name, value, allowed)
            object.__setattr__(self, name, scalar(name, value, low=0, high=high, low_open=True,
                                                  allowed=allowed))  # fmt: skip
        _functional(self.functional)
        choice("entrainment_form", self.entrainment_form, ("eq23", "eq15"))
        choice("crossing_phase", self.crossing_phase, ("document", "winding"))
        choice("flux_phase", self.flux_phase, ("document", "winding"))

    @classmethod
    def consistent(cls, **changes) -> Interface:
        """The interface with the internally consistent choices: ``entrainment_form="eq15"``,
        ``crossing_phase="winding"``, ``flux_phase="winding"`` (``changes`` set the rest)."""
        return cls(**{**CONVENTIONS["consistent"], **changes})

    @property
    def conventions(self) -> str:
        """"document" (the three choices as printed), "consistent" (all corrected) or "mixed"."""
        picks = (self.entrainment_form == "eq23", self.crossing_phase == "document",
                 self.flux_phase == "document")  # fmt: skip
        return "document" if all(picks) else ("consistent" if not any(picks) else "mixed")

    @property
    def flux_power_factor(self) -> float:
        """The flux-tube power relative to eq. 31 at equal ω: a² = (Φ_max/Φ0)² for the
        oscillating flux of eq. 30 (``flux_phase="document"``), 2 for a phase that winds by 2π
        per tube ("winding": the vortex waveform, eq. 25's 1/3 instead of eq. 31's 1/6)."""
        return self.flux_amplitude**2 if self.flux_phase == "document" else 2.0

    def describe(self) -> dict:
        return {"class": "Interface", **{f.name: getattr(self, f.name) for f in fields(self)}}

    @cached_property
    def composition(self) -> dict:
        """n_n, n_p (fm⁻³), ``proton_fraction``, k_Fn, k_Fp (fm⁻¹) from :mod:`~josephson.astro.matter`."""
        from .matter import composition

        return composition(self.functional, self.density, self.proton_fraction)

    @property
    def phase_per_line(self) -> float:
        """Phase advance per crossing line in ω = (phase per line)·v_Lr/d: 1 as eqs. 21 and 29
        print it (``crossing_phase="document"``), 2π for the winding of one line ("winding")."""
        return 1.0 if self.crossing_phase == "document" else 2 * math.pi

    @property
    def n_n(self) -> float:
        """Neutron number density (cm⁻³)."""
        return float(self.composition["n_n"]) / CGS.fm**3

    @property
    def n_p(self) -> float:
        """Proton number density (cm⁻³)."""
        return float(self.composition["n_p"]) / CGS.fm**3

    @cached_property
    def entrainment(self):
        """The eq. 1 entrainment matrix in g cm⁻³ (:func:`~josephson.superfluid.skyrme_entrainment`)."""
        from ..superfluid.analytic import skyrme_entrainment

        c = self.composition
        return skyrme_entrainment(self.functional, c["n_n"], c["n_p"], mass_density=True)

    @property
    def kappa_np(self) -> float:
        """κ_np = ρ_pn/ρ_pp of eqs. 23 and 33, with ρ_pp the proton condensate density (row sum)."""
        m = self.entrainment
        return float(m.rho_np / m.rho_p)

    @property
    def k_fn(self) -> float:
        """Neutron Fermi wavenumber (cm⁻¹)."""
        return float(analytic.fermi_wavenumber(self.n_n))

    @property
    def k_fp(self) -> float:
        """Proton Fermi wavenumber (cm⁻¹)."""
        return float(analytic.fermi_wavenumber(self.n_p))

    @property
    def v_fn(self) -> float:
        """Neutron Fermi velocity ħk_Fn/m_n (cm s⁻¹)."""
        return CGS.hbar * self.k_fn / CGS.m_n

    @property
    def v_fp(self) -> float:
        """Proton Fermi velocity ħk_Fp/m_p (cm s⁻¹)."""
        return CGS.hbar * self.k_fp / CGS.m_p

    @property
    def lam(self) -> float:
        """λ (cm): as given, or the London depth with the entrained diagonal ρ_pp of eq. 1."""
        if self.penetration_depth is not None:
            return self.penetration_depth * CGS.fm
        # the matrix is in g cm^-3 with the nucleon mass as unit: rho_pp/m is the number density
        n_pp = float(self.entrainment.rho_pp) / (0.5 * (CGS.m_n + CGS.m_p))
        return float(analytic.london_depth(n_pp))

    @property
    def eta_n(self) -> float:
        """η_n of eq. 32 (see :func:`~josephson.astro.analytic.eta_vortex`)."""
        kappa = self.kappa_np if self.entrainment_form == "eq23" else self._ratio_nn
        return float(analytic.eta_vortex(kappa, self.zeta_n * CGS.fm, self.k_fn))

    @property
    def eta_p(self) -> float:
        """η_p = (1 − κ_np)/(2ζ_p k_Fp) of eq. 33."""
        return float(analytic.eta_flux_tube(self.kappa_np, self.zeta_p * CGS.fm, self.k_fp))

    @property
    def _ratio_nn(self) -> float:
        m = self.entrainment
        return float(m.rho_np / m.rho_n)

    @property
    def j0_pn(self) -> float:
        """|j_0,pn| (statA cm⁻²): the proton current driven by the neutron phase (eqs. 15, 23),
        from :func:`~josephson.superfluid.entrained_current_amplitude` with |ψ_1n||ψ_2n| = n_n/2."""
        from ..superfluid.analytic import entrained_current_amplitude

        form = "eq23" if self.entrainment_form == "eq23" else "eq15"
        j = entrained_current_amplitude(self.entrainment, zeta_n=self.zeta_n * CGS.fm,
                                        amplitude_n=self.n_n / 2, form=form)  # fmt: skip
        return abs(float(j))

    @property
    def j0_pp(self) -> float:
        """|j_0,pp| (statA cm⁻²): the proton current driven by the proton phase (eqs. 15, 30)."""
        from ..superfluid.analytic import critical_currents

        c = critical_currents(self.entrainment, zeta_n=self.zeta_n * CGS.fm,
                              zeta_p=self.zeta_p * CGS.fm, amplitude_n=self.n_n / 2,
                              amplitude_p=self.n_p / 2)  # fmt: skip
        return abs(float(c["pp"]))
