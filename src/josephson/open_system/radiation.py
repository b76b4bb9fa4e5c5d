"""Superradiant emission of the Josephson junction (document 004, Sec. VI, eqs. 90–111), in SI.

**Superradiance (eqs. 90–95).**  σ is the 2×2 macroscopic density matrix normalised to N, with
|1⟩ the upper and |2⟩ the lower level, σ = [[n1, z], [z*, n2]].  Eq. 90 reads
dσ/dt = −iω_A[S3, σ] + ½γ_e[A(σ), σ] with A(σ) = Tr(σS⁺)S⁻ − Tr(σS⁻)S⁺ = [[0, −z], [z*, 0]].
Both generators are anti-Hermitian, so σ(t) = W(t)σ(0)W(t)†, W unitary: trace, determinant
and spectrum are constants of the motion, and a pure σ (|z|² = n1 n2) stays pure.  The moments
are eq. 92 (:func:`superradiant_moment_rhs`)::

    dn1/dt = −γ_e|z|²,   dn2/dt = +γ_e|z|²,   dz/dt = −iω_A z + ½γ_e (n1 − n2) z.

Eq. 93 as printed, dz/dt = −iω_A z − ½γ_e n z with n = n1 − n2, has the wrong sign: with it
|z| decays while the inversion lasts and the decay stalls instead of following eq. 94.  With the
pure-state condition, n1 obeys the logistic law dn1/dt = −γ_e (N − n1) n1 (eq. 94), solved by
:func:`logistic_population`.  The radiated power is ħω_A γ_e|z|² (eq. 95).

**Open space and cavity (eqs. 106–111).**  The standard SI spontaneous-emission rate of a
dipole d at angular frequency ω is γ_e = μ0 d² ω³/(3πħc) = d²ω³/(3πε0ħc³) (``rate="standard"``,
the default).  Eq. 106 prints 4πμ0 d²ω³/(3ħc), 4π² ≈ 39.5 times larger (a Gaussian-unit
formula carried into SI); ``rate="document"`` reproduces it, and with it eq. 108 and the
document's η_rad ~ 10⁻⁷ (eq. 109).  For the JJ, ω_A = 2eV/ħ and d = 2eℓ (eq. 107).  Purcell
(eq. 110): γ_cav = γ_e·3Q/(4π²)·(λ/L)³.  Eq. 105 is linear in γ_e, so η_cav = η·3Q/(4π²)·(λ/L)³;
at L = λ the exact factor is 3/(4π²) = 0.0760 (eq. 111 rounds it to 0.1).  The linear law only
holds while η_cav ≪ 1; nothing here caps it.

**Engine with radiation (eqs. 96–97, 102): the sign convention.**  This module uses eq. 33,
V = −en/C, with U = E1 − E2 = −2eV = 2e²n/C (eq. 34) and z = Tr(ρ a1†a2) (eq. 24); with these
eqs. 31–32 give eqs. 35–36 exactly (V̇ = −(e/C)ṅ, I = −eγn̄).  Derivation of the radiative terms:

1. Eq. 90 is written for the single-particle density matrix, whose element ρ_{up,low} turns as
   e^{−iω_A t}; z = ⟨a1†a2⟩ is its complex conjugate (for level 1 upper), which turns as
   e^{+iUt/ħ} as eq. 32 requires.  The radiative term ½γ_e(n_up − n_low)z has a real
   coefficient, so it is the same for z and z*.
2. U ∝ n, so the more populated electrode is always the upper level: n_up − n_low = |n| = C|V|/e
   (the document's "population inversion").
3. Hence dn_up/dt = −γ_e|z|², dn/dt ⊃ −2γ_e sgn(n)|z|², and with V = −en/C
   dV/dt ⊃ −(2eγ_e/C) sgn(V)|z|²  (eq. 96 for V > 0),   dz/dt ⊃ +γ_e C|V|/(2e) z  (ANTI-damping).
4. The document's eq. 97 has −γ_e CV/(2e) z, extra damping for V > 0: it is eq. 93's sign error
   carried over (with V = en/C, −½γ_e n z = −γ_e CV/(2e) z).  ``convention="document"`` gives
   eqs. 96–97 (and 102, 103) exactly as printed; ``convention="derived"`` (default) gives 3.

In the variables of eq. 102, Ω = 2eV/ħ, J = I/2e, ``omega_charge`` ω_q = 4e²/(ħC) (eq. 101)::

    dΩ/dt = −γΩ − 2Kω_q Im z + ω_q (J − s(Ω) γ_e|z|²)
    dz/dt = −(iΩ + Γ(Ω)) z + 2iKΩ/ω_q

with s = sgn(Ω), Γ = γ − γ_e|Ω|/ω_q (derived) or s = 1, Γ = γ + γ_eΩ/ω_q (document).
Multiplying the V equation by CV: d(CV²/2)/dt = VI − V²/R − V·I_J − 2e|V|γ_e|z|², and the last
term is eq. 95's ħω_Aγ_e|z|² with ω_A = 2e|V|/ħ (the document's form pumps energy in for V < 0).
With γ = K = I = 0 the derived terms conserve the Bloch radius n²/4 + |z|² = (Ω/ω_q)² + |z|² and
make the upper population follow eq. 94; the document's terms do not.  Two consequences of the
derived sign: radiation anti-damps the coherence, and Γ vanishes at |Ω| = γω_q/γ_e, a lasing-like
threshold above which the linear damping of z is negative.  For physical numbers (γ_e ~ 10 s⁻¹,
ω_q ~ 3·10⁹ s⁻¹ at C = 0.3 pF) γ_e|Ω|/ω_q ~ 10⁴ s⁻¹ ≪ γ, so the two conventions give the same
η to many digits.  γ_e is a constant here, as in the document (evaluate it at the operating
voltage); the derived dV/dt term then jumps at V = 0 (a γ_e ∝ |V|³ would remove the jump).

**Stationary state.**  z0 = (2K/ω_q)(Ω0² + iΓΩ0)/(Ω0² + Γ²) (eq. 103, :func:`stationary_coherence`)
and I = V/R + 4eK Im z0 + 2e s γ_e|z0|² (eq. 47 with radiation, :func:`stationary_current`).
Eq. 98: η = 2e|V|γ_e|z0|²/(VI).  For Ω0 ≫ Γ, |z0|² → 4K²/ω_q² = I_c/(eω_q) with I_c = ħCK²/e
(eq. 57) and η → (2γ_e/ω_q)(I_c/I) (eq. 105); exactly, η_98/η_105 = Ω0²/(Ω0² + Γ²).

Parameter names: ``gamma`` = γ = 1/RC (s⁻¹), ``tunneling`` = K (s⁻¹), ``gamma_e`` (s⁻¹),
``current`` I and ``critical_current`` I_c (A), ``capacitance`` (F), ``voltage`` (V).
"""

from __future__ import annotations

import math

import numpy as np
import xarray as xr
from scipy import constants as _sc
from scipy import optimize
from scipy.integrate import solve_ivp

from .. import _validate
from .._provenance import provenance
from ..errors import ConvergenceError, ParameterError

__all__ = [
    "CONVENTIONS",
    "RATES",
    "cavity_efficiency",
    "emission_rate",
    "logistic_population",
    "omega_charge",
    "purcell_rate",
    "radiation_efficiency",
    "radiative_dynamics",
    "radiative_engine_rhs",
    "radiative_fixed_point",
    "stationary_coherence",
    "stationary_current",
    "superradiance",
    "superradiant_moment_rhs",
    "superradiant_rhs",
    "tunneling_critical_current",
    "weak_damping_efficiency",
]

#: Emission-rate prefactors: the standard SI rate, or eq. 106 as printed (4π² larger).
RATES = ("standard", "document")
#: Signs of the radiative engine terms: derived from eq. 92 (default) or eqs. 96–97 as printed.
CONVENTIONS = ("derived", "document")

_e = _sc.e
_hbar = _sc.hbar
_c = _sc.c
_mu0 = _sc.mu_0
_ND = range(0, 33)
_attrs = _validate.attrs
_S3 = np.diag([0.5, -0.5]).astype(complex)


# --------------------------------------------------------------------------- validation
def _arr(name, value, *, low=None, low_open=False, allowed=None):
    if allowed is None:
        allowed = "finite real values" + (
            "" if low is None else f" {'>' if low_open else '>='} {low:g}"
        )
    return _validate.array(name, value, ndim=_ND, low=low, low_open=low_open, allowed=allowed)


def _positive(name, value):
    return _arr(name, value, low=0.0, low_open=True)


def _nonneg(name, value):
    return _arr(name, value, low=0.0)


def _complex(name, value, ndim=_ND):
    text = "finite complex values"
    if isinstance(value, bool):
        raise ParameterError(name, value, text)
    try:
        arr = np.asarray(value, dtype=complex)
    except (TypeError, ValueError):
        raise ParameterError(name, value, text) from None
    if arr.ndim not in ndim or arr.size == 0 or not np.all(np.isfinite(arr)):
        raise ParameterError(name, value, text)
    return arr


# --------------------------------------------------------------------------- closed forms
def omega_charge(capacitance):
    """Charge frequency ω_q = 4e²/(ħC) in s⁻¹ of eq. 101 (capacitance in F)."""
    return 4.0 * _e**2 / (_hbar * _positive("capacitance", capacitance))


def tunneling_critical_current(tunneling, capacitance):
    """Weak-damping critical current I_c = ħCK²/e in A of eq. 57 (K in s⁻¹, C in F)."""
    k = _nonneg("tunneling", tunneling)
    return _hbar * _positive("capacitance", capacitance) * k * k / _e


def emission_rate(angular_frequency, dipole_moment, *, rate: str = "standard"):
    """Spontaneous-emission rate γ_e (s⁻¹) of a dipole ``dipole_moment`` d (C·m) at
    ``angular_frequency`` ω (rad/s).

    ``rate="standard"``: γ_e = μ0 d² ω³/(3πħc) = d² ω³/(3πε0ħc³), the SI Einstein A coefficient.
    ``rate="document"``: eq. 106 as printed, 4πμ0 d² ω³/(3ħc) = 4π² × standard.
    """
    _validate.choice("rate", rate, RATES)
    w = _nonneg("angular_frequency", angular_frequency)
    d = _nonneg("dipole_moment", dipole_moment)
    standard = _mu0 * d * d * w**3 / (3.0 * math.pi * _hbar * _c)
    return standard * (4.0 * math.pi**2 if rate == "document" else 1.0)


def weak_damping_efficiency(gamma_e, current, critical_current, capacitance):
    """Eq. 105: η_rad = (2γ_e/ω_q)(I_c/I) = γ_e ħC/(2e²)·(I_c/I) (γ_e in s⁻¹, I and I_c in A,
    C in F); the weak-damping limit Ω0 ≫ Γ of eq. 98 with I_c = ħCK²/e (eq. 57)."""
    g = _nonneg("gamma_e", gamma_e)
    i = _positive("current", current)
    ic = _positive("critical_current", critical_current)
    return 2.0 * g / omega_charge(capacitance) * ic / i


def radiation_efficiency(
    current, critical_current, capacitance, voltage, dipole_length, *, rate: str = "standard"
):
    """Radiation efficiency of a weakly damped junction radiating into open space (eq. 108).

    η_rad = (2γ_e/ω_q)(I_c/I) (eq. 105) with γ_e = :func:`emission_rate` at ω_A = 2eV/ħ
    (eq. 107) for the dipole d = 2eℓ.  Inputs in SI: ``current`` I > 0 and ``critical_current``
    I_c > 0 (A), ``capacitance`` C > 0 (F), ``voltage`` V >= 0 (V), ``dipole_length`` ℓ > 0 (m);
    they broadcast.  With ``rate="document"`` this is eq. 108 as printed,
    η = (I_c/I)·64πμ0e³CV³ℓ²/(3ħ³c); the standard rate (default) gives 16μ0e³CV³ℓ²/(3πħ³c)·(I_c/I),
    4π² times smaller.  The junction is symmetric under reversing the bias: pass magnitudes.
    """
    _validate.choice("rate", rate, RATES)
    i = _positive("current", current)
    ic = _positive("critical_current", critical_current)
    c = _positive("capacitance", capacitance)
    v = _nonneg("voltage", voltage)
    ell = _positive("dipole_length", dipole_length)
    gamma_e = emission_rate(2.0 * _e * v / _hbar, 2.0 * _e * ell, rate=rate)
    return weak_damping_efficiency(gamma_e, i, ic, c)


def _purcell_factor(quality_factor, cavity_length, wavelength):
    q = _positive("quality_factor", quality_factor)
    length = _positive("cavity_length", cavity_length)
    lam = _positive("wavelength", wavelength)
    return 3.0 * q / (4.0 * math.pi**2) * (lam / length) ** 3


def purcell_rate(gamma_e, quality_factor, cavity_length, wavelength):
    """Cavity-enhanced emission rate γ_e·3Q/(4π²)·(λ/L)³ (eq. 110); λ and L in the same unit."""
    return _nonneg("gamma_e", gamma_e) * _purcell_factor(quality_factor, cavity_length, wavelength)


def cavity_efficiency(efficiency, quality_factor, cavity_length, wavelength):
    """Radiation efficiency inside a resonant cavity, η·3Q/(4π²)·(λ/L)³ (eqs. 105, 110).

    Eq. 105 is linear in γ_e, so the Purcell factor multiplies η.  At L = λ this is
    (3/4π²)ηQ = 0.0760 ηQ; eq. 111 rounds the factor to 0.1.  Linear, hence only meaningful
    while the result is ≪ 1 (it is not capped).
    """
    eta = _nonneg("efficiency", efficiency)
    return eta * _purcell_factor(quality_factor, cavity_length, wavelength)


def logistic_population(t, n_total, n1_0, gamma_e):
    """Upper-level population n1(t) of pure-state superradiance (eq. 94), exactly:

        dn1/dt = −γ_e (N − n1) n1   ⇒   n1(t) = N n1_0 / (N + (N − n1_0)(e^{γ_e N t} − 1)).

    ``t`` (s), ``n_total`` N > 0, 0 <= ``n1_0`` <= N, ``gamma_e`` >= 0 (s⁻¹); broadcasts.
    """
    t = _arr("t", t)
    n = _positive("n_total", n_total)
    n1 = _nonneg("n1_0", n1_0)
    g = _nonneg("gamma_e", gamma_e)
    if np.any(n1 > n):
        raise ParameterError("n1_0", n1_0, "0 <= n1_0 <= n_total")
    with np.errstate(over="ignore"):
        return n * n1 / (n + (n - n1) * np.expm1(g * n * t))


def superradiant_rhs(sigma, angular_frequency, gamma_e):
    """Right-hand side of eq. 90 for the MDM ``sigma`` (shape (..., 2, 2), complex, |1⟩ the
    upper level): −iω_A[S3, σ] + ½γ_e[Tr(σS⁺)S⁻ − Tr(σS⁻)S⁺, σ].  ``angular_frequency`` ω_A
    and ``gamma_e`` broadcast against the leading shape of ``sigma``."""
    s = _complex("sigma", sigma)
    if s.ndim < 2 or s.shape[-2:] != (2, 2):
        raise ParameterError("sigma", sigma, "complex arrays of shape (..., 2, 2)")
    w = _arr("angular_frequency", angular_frequency)[..., None, None]
    g = _nonneg("gamma_e", gamma_e)[..., None, None]
    return _sr_rhs(s, w, g)


def _sr_rhs(s, w, g):
    z = s[..., 0, 1]  # Tr(σ S⁻)
    zc = s[..., 1, 0]  # Tr(σ S⁺)
    a = np.zeros_like(s)
    a[..., 0, 1] = -z
    a[..., 1, 0] = zc
    comm_s3 = _S3 @ s - s @ _S3
    return -1j * w * comm_s3 + 0.5 * g * (a @ s - s @ a)


def superradiant_moment_rhs(n1, n2, z, angular_frequency, gamma_e):
    """Eq. 92: (dn1/dt, dn2/dt, dz/dt) = (−γ_e|z|², γ_e|z|², −iω_A z + ½γ_e(n1 − n2)z).

    (Eq. 93 as printed has −½γ_e(n1 − n2)z, which is wrong.)"""
    n1 = _arr("n1", n1)
    n2 = _arr("n2", n2)
    z = _complex("z", z)
    w = _arr("angular_frequency", angular_frequency)
    g = _nonneg("gamma_e", gamma_e)
    flow = g * np.abs(z) ** 2
    return -flow, flow, -1j * w * z + 0.5 * g * (n1 - n2) * z


# --------------------------------------------------------------------------- engine closed forms
def _gamma_eff(omega, gamma, gamma_e, w_q, convention):
    if convention == "derived":
        return gamma - gamma_e * np.abs(omega) / w_q
    return gamma + gamma_e * omega / w_q


def _s(omega, convention):
    return np.sign(omega) if convention == "derived" else np.ones_like(omega)


def _engine(capacitance, gamma, tunneling, gamma_e, convention, *, gamma_positive=False):
    _validate.choice("convention", convention, CONVENTIONS)
    w_q = float(omega_charge(_validate.scalar("capacitance", capacitance, low=0, low_open=True)))
    g = _validate.scalar("gamma", gamma, low=0.0, low_open=gamma_positive)
    k = _validate.scalar("tunneling", tunneling, low=0.0)
    ge = _validate.scalar("gamma_e", gamma_e, low=0.0)
    return float(capacitance), w_q, g, k, ge


def _rhs_omega(omega, a, b, j, w_q, gamma, k, gamma_e, convention):
    """Eq. 102 with the chosen radiative signs; z = a + ib; returns (dΩ, da, db)."""
    gam = _gamma_eff(omega, gamma, gamma_e, w_q, convention)
    d_omega = (
        -gamma * omega
        - 2.0 * k * w_q * b
        + w_q * (j - _s(omega, convention) * gamma_e * (a * a + b * b))
    )
    da = -gam * a + omega * b
    db = -omega * a - gam * b + 2.0 * k * omega / w_q
    return d_omega, da, db


def _jac_omega(omega, a, b, w_q, gamma, k, gamma_e, convention):
    gam = _gamma_eff(omega, gamma, gamma_e, w_q, convention)
    s = float(_s(np.asarray(omega), convention))
    dg = -gamma_e * s / w_q if convention == "derived" else gamma_e / w_q
    return np.array(
        [
            [-gamma, -2.0 * w_q * gamma_e * s * a, -2.0 * k * w_q - 2.0 * w_q * gamma_e * s * b],
            [-dg * a + b, -gam, omega],
            [-a - dg * b + 2.0 * k / w_q, -omega, -gam],
        ]
    )


def radiative_engine_rhs(
    voltage, z, *, current, capacitance, gamma, tunneling, gamma_e, convention="derived"
):
    """(dV/dt in V/s, dz/dt in s⁻¹) of eqs. 96–97 with the radiative signs of ``convention``.

    Derived (default, V = −en/C)::

        dV/dt = −γV + i(2Ke/C)(z − z*) + (I − 2eγ_e sgn(V)|z|²)/C
        dz/dt = −(γ − γ_e C|V|/2e) z − i(2eV/ħ) z + iKCV/e

    ``convention="document"``: eqs. 96–97 as printed (−2eγ_e|z|², −(γ + γ_e CV/2e)z).
    ``voltage`` and ``z`` broadcast; the parameters are numbers (SI).
    """
    _, w_q, g, k, ge = _engine(capacitance, gamma, tunneling, gamma_e, convention)
    i = _validate.scalar("current", current)
    v = _arr("voltage", voltage)
    zz = _complex("z", z)
    omega = 2.0 * _e * v / _hbar
    d_omega, da, db = _rhs_omega(omega, zz.real, zz.imag, i / (2 * _e), w_q, g, k, ge, convention)
    return d_omega * _hbar / (2.0 * _e), da + 1j * db


def stationary_coherence(voltage, *, capacitance, gamma, tunneling, gamma_e, convention="derived"):
    """Stationary coherence z0 at the stationary voltage V0 (eq. 103), complex:

        z0 = (2K/ω_q)(Ω0² + iΓΩ0)/(Ω0² + Γ²),  Ω0 = 2eV0/ħ,

    Γ = γ − γ_e|Ω0|/ω_q (derived) or γ + γ_eΩ0/ω_q (document, as printed)."""
    _, w_q, g, k, ge = _engine(capacitance, gamma, tunneling, gamma_e, convention)
    omega = 2.0 * _e * _arr("voltage", voltage) / _hbar
    gam = _gamma_eff(omega, g, ge, w_q, convention)
    return 2.0 * k / w_q * (omega**2 + 1j * gam * omega) / (omega**2 + gam**2)


def stationary_current(voltage, *, capacitance, gamma, tunneling, gamma_e, convention="derived"):
    """Bias current (A) whose stationary state has voltage V0 (the I–V characteristic, eq. 47,
    with radiation): I = CγV0 + 4eK Im z0 + 2e s γ_e|z0|², z0 from eq. 103, s = sgn(V0) (derived)
    or 1 (document).  With γ_e = 0 this is eq. 47, IR = V[1 + 4K²/(Ω² + γ²)]."""
    c, _, g, k, ge = _engine(capacitance, gamma, tunneling, gamma_e, convention)
    v = _arr("voltage", voltage)
    z0 = stationary_coherence(
        v, capacitance=c, gamma=g, tunneling=k, gamma_e=ge, convention=convention
    )
    s = _s(v, convention)
    return c * g * v + 4.0 * _e * k * z0.imag + 2.0 * _e * s * ge * np.abs(z0) ** 2


# --------------------------------------------------------------------------- solve: superradiance
def superradiance(
    *,
    n1_0,
    n2_0,
    z_0,
    gamma_e,
    duration,
    angular_frequency=0.0,
    samples: int = 201,
    frame: str = "lab",
    rtol: float = 1e-10,
    atol: float = 1e-12,
) -> xr.Dataset:
    """Integrate the nonlinear master equation eq. 90 for the 2×2 MDM σ (all four complex
    entries, commutator form) from σ(0) = [[n1_0, z_0], [z_0*, n2_0]].

    ``n1_0``, ``n2_0`` >= 0 (upper, lower populations), ``z_0`` complex with |z_0|² <= n1_0 n2_0
    (a positive MDM, eq. 25; equality is a pure state), ``gamma_e`` >= 0 (s⁻¹), ``duration`` > 0
    (s), ``angular_frequency`` ω_A (rad/s).  ``frame="rotating"`` integrates eq. 90 with
    ω_A = 0 and rotates back exactly (eq. 90 is covariant under e^{−iω_A S3 t}); use it when
    ω_A ≫ γ_e N.  DOP853 with ``rtol``/``atol`` on σ/N.

    Returns a Dataset over ``t`` with n1, n2, z_real, z_imag, purity_defect = n1 n2 − |z|²
    (det σ, conserved) and radiated_power ħω_Aγ_e|z|² (W, eq. 95).
    """
    n1 = _validate.scalar("n1_0", n1_0, low=0.0)
    n2 = _validate.scalar("n2_0", n2_0, low=0.0)
    z0 = complex(_complex("z_0", z_0, ndim=(0,)))
    if abs(z0) ** 2 > n1 * n2 * (1 + 1e-12) + 1e-300:
        raise ParameterError("z_0", z_0, "|z_0|² <= n1_0 n2_0 (a positive MDM, eq. 25)")
    n_tot = n1 + n2
    if n_tot == 0:
        raise ParameterError("n1_0", n1_0, "n1_0 + n2_0 > 0")
    g = _validate.scalar("gamma_e", gamma_e, low=0.0)
    w = _validate.scalar("angular_frequency", angular_frequency)
    duration = _validate.scalar("duration", duration, low=0.0, low_open=True)
    samples = _validate.whole("samples", samples, 2)
    _validate.choice("frame", frame, ("lab", "rotating"))
    rtol = _validate.scalar("rtol", rtol, low=0.0, low_open=True)
    atol = _validate.scalar("atol", atol, low=0.0, low_open=True)

    w_int = w if frame == "lab" else 0.0
    gn = g * n_tot

    def f(t, y):
        s = (y[:4] + 1j * y[4:]).reshape(2, 2)
        d = _sr_rhs(s, w_int, gn).ravel()
        return np.concatenate([d.real, d.imag])

    s0 = np.array([[n1, z0], [z0.conjugate(), n2]]) / n_tot
    times = np.linspace(0.0, duration, samples)
    sol = solve_ivp(
        f,
        (0.0, duration),
        np.concatenate([s0.ravel().real, s0.ravel().imag]),
        method="DOP853",
        t_eval=times,
        rtol=rtol,
        atol=atol,
    )
    if sol.status < 0 or not np.all(np.isfinite(sol.y)):
        reached = float(np.asarray(sol.t)[-1]) if np.size(sol.t) else 0.0
        raise ConvergenceError("DOP853", f"t = {reached:.6g} s", sol.message)
    sig = (sol.y[:4] + 1j * sol.y[4:]).T.reshape(-1, 2, 2) * n_tot
    n1t, n2t, zt = sig[:, 0, 0].real, sig[:, 1, 1].real, sig[:, 0, 1]
    if frame == "rotating":
        zt = zt * np.exp(-1j * w * times)
    ds = xr.Dataset(
        {
            "n1": ("t", n1t, _attrs("1", "upper-level population n1")),
            "n2": ("t", n2t, _attrs("1", "lower-level population n2")),
            "z_real": ("t", zt.real, _attrs("1", "coherence Re z")),
            "z_imag": ("t", zt.imag, _attrs("1", "coherence Im z")),
            "purity_defect": (
                "t",
                n1t * n2t - np.abs(zt) ** 2,
                _attrs("1", "det σ = n1 n2 − |z|² (0 for a pure state)"),
            ),
            "radiated_power": (
                "t",
                _hbar * abs(w) * g * np.abs(zt) ** 2,
                _attrs("W", "radiated power ħω_A γ_e |z|² (eq. 95)"),
            ),
        },
        coords={"t": ("t", times, _attrs("s", "time t"))},
    )
    ds.attrs = provenance(
        computation="josephson.open_system.superradiance",
        model={
            "equation": "004 eq. 90",
            "n1_0": n1,
            "n2_0": n2,
            "z_0": [z0.real, z0.imag],
            "gamma_e": g,
            "angular_frequency": w,
        },
        method={"integrator": "DOP853", "frame": frame, "rtol": rtol, "atol": atol},
    )
    return ds


# --------------------------------------------------------------------------- solve: engine
def _engine_model(current, c, g, k, ge, convention):
    return {
        "equations": "004 eqs. 96-97 / 102 (V = -en/C)",
        "convention": convention,
        "current": current,
        "capacitance": c,
        "gamma": g,
        "tunneling": k,
        "gamma_e": ge,
    }


def radiative_dynamics(
    *,
    current,
    capacitance,
    gamma,
    tunneling,
    gamma_e,
    voltage_0,
    z_0,
    duration,
    convention: str = "derived",
    samples: int = 1001,
    rtol: float = 1e-10,
    atol: float = 1e-12,
) -> xr.Dataset:
    """Integrate the engine equations with radiation (eqs. 96–97, i.e. 102) from V(0) =
    ``voltage_0`` (V) and z(0) = ``z_0`` for ``duration`` seconds (DOP853).

    ``current`` I (A, any sign; 0 allowed), ``capacitance`` C > 0 (F), ``gamma`` = 1/RC >= 0,
    ``tunneling`` K >= 0, ``gamma_e`` >= 0 (all s⁻¹).  ``atol`` applies to Ω/Ω_s and z/z_s, with
    Ω_s, z_s the scales of the problem.  Returns a Dataset over ``t`` with voltage, z_real,
    z_imag and radiated_power 2e|V|γ_e|z|² (W).
    """
    c, w_q, g, k, ge = _engine(capacitance, gamma, tunneling, gamma_e, convention)
    i = _validate.scalar("current", current)
    v0 = _validate.scalar("voltage_0", voltage_0)
    z0 = complex(_complex("z_0", z_0, ndim=(0,)))
    duration = _validate.scalar("duration", duration, low=0.0, low_open=True)
    samples = _validate.whole("samples", samples, 2)
    rtol = _validate.scalar("rtol", rtol, low=0.0, low_open=True)
    atol = _validate.scalar("atol", atol, low=0.0, low_open=True)
    j = i / (2.0 * _e)
    omega0 = 2.0 * _e * v0 / _hbar
    w_s = max(abs(omega0), g, k, math.sqrt(abs(w_q * j)), 1e-300)
    z_s = max(abs(z0), 2.0 * k / w_q, abs(omega0) / w_q, 1e-300)

    def f(t, y):
        return np.array(_rhs_omega(y[0], y[1], y[2], j, w_q, g, k, ge, convention))

    times = np.linspace(0.0, duration, samples)
    sol = solve_ivp(
        f,
        (0.0, duration),
        np.array([omega0, z0.real, z0.imag]),
        method="DOP853",
        t_eval=times,
        rtol=rtol,
        atol=atol * np.array([w_s, z_s, z_s]),
    )
    if sol.status < 0 or not np.all(np.isfinite(sol.y)):
        reached = float(np.asarray(sol.t)[-1]) if np.size(sol.t) else 0.0
        raise ConvergenceError("DOP853", f"t = {reached:.6g} s", sol.message)
    v = sol.y[0] * _hbar / (2.0 * _e)
    z2 = sol.y[1] ** 2 + sol.y[2] ** 2
    ds = xr.Dataset(
        {
            "voltage": ("t", v, _attrs("V", "junction voltage V (V = −en/C)")),
            "z_real": ("t", sol.y[1], _attrs("1", "coherence Re z")),
            "z_imag": ("t", sol.y[2], _attrs("1", "coherence Im z")),
            "radiated_power": (
                "t",
                2.0 * _e * np.abs(v) * ge * z2,
                _attrs("W", "radiated power 2e|V|γ_e|z|² (eq. 95 with ω_A = 2e|V|/ħ)"),
            ),
        },
        coords={"t": ("t", times, _attrs("s", "time t"))},
    )
    ds.attrs = provenance(
        computation="josephson.open_system.radiative_dynamics",
        model=_engine_model(i, c, g, k, ge, convention),
        method={"integrator": "DOP853", "rtol": rtol, "atol": atol},
    )
    return ds


def radiative_fixed_point(
    *,
    current,
    capacitance,
    gamma,
    tunneling,
    gamma_e,
    convention: str = "derived",
    voltage_guess=None,
    tol: float = 1e-12,
) -> xr.Dataset:
    """Stationary state of eq. 102 by a 3-D root find in (Ω, Re z, Im z) (MINPACK hybrj with the
    analytic Jacobian), one root per bias current.

    ``current`` I (A, a number or 1-D array, nonzero), ``gamma`` = 1/RC > 0, the other
    parameters as in :func:`radiative_dynamics`.  ``voltage_guess`` (V, same shape as
    ``current``) picks the branch when the I–V curve is multivalued; default: the ohmic branch
    V = I/(Cγ).  A root whose scaled residual exceeds ``tol`` raises ConvergenceError.

    Returns a Dataset over ``current`` with voltage, z_real, z_imag, the powers (input VI,
    ohmic V²/R, tunneling V·4eK Im z0, radiated 2e|V|γ_e|z0|²), efficiency (eq. 98,
    radiated/input) and growth_rate (largest real part of the Jacobian's eigenvalues, s⁻¹;
    < 0 means linearly stable).
    """
    c, w_q, g, k, ge = _engine(
        capacitance, gamma, tunneling, gamma_e, convention, gamma_positive=True
    )
    currents = np.atleast_1d(_validate.array("current", current))
    if np.any(currents == 0):
        raise ParameterError("current", current, "nonzero finite currents (a number or 1-D)")
    if voltage_guess is None:
        guesses = currents / (c * g)
    else:
        guesses = np.broadcast_to(
            np.atleast_1d(_validate.array("voltage_guess", voltage_guess)), currents.shape
        )
    tol = _validate.scalar("tol", tol, low=0.0, low_open=True)
    out = {n: np.empty(currents.size) for n in ("voltage", "a", "b", "growth", "residual")}
    for m, (i, vg) in enumerate(zip(currents, guesses, strict=True)):
        j = i / (2.0 * _e)
        w_s = max(abs(2.0 * _e * vg / _hbar), g)
        z_s = max(2.0 * k / w_q, 1e-300)
        scale_x = np.array([w_s, z_s, z_s])
        scale_f = np.array([w_s * w_s, z_s * w_s, z_s * w_s])

        def fun(u, j=j, scale_x=scale_x, scale_f=scale_f):
            x = u * scale_x
            r = np.array(_rhs_omega(x[0], x[1], x[2], j, w_q, g, k, ge, convention))
            jac = _jac_omega(x[0], x[1], x[2], w_q, g, k, ge, convention)
            return r / scale_f, jac * scale_x[None, :] / scale_f[:, None]

        omega_g = 2.0 * _e * vg / _hbar
        gam = _gamma_eff(omega_g, g, ge, w_q, convention)
        zg = 2.0 * k / w_q * (omega_g**2 + 1j * gam * omega_g) / (omega_g**2 + gam**2)
        u0 = np.array([omega_g, zg.real, zg.imag]) / scale_x
        sol = optimize.root(fun, u0, jac=True, method="hybr", options={"xtol": 1e-14})
        res = float(np.max(np.abs(fun(sol.x)[0])))
        if not res <= tol:
            raise ConvergenceError("hybr", f"scaled residual {res:.3g} at I = {i:.6g} A")
        x = sol.x * scale_x
        jac = _jac_omega(x[0], x[1], x[2], w_q, g, k, ge, convention)
        out["voltage"][m] = x[0] * _hbar / (2.0 * _e)
        out["a"][m], out["b"][m] = x[1], x[2]
        out["growth"][m] = float(np.max(np.linalg.eigvals(jac).real))
        out["residual"][m] = res
    v, a, b = out["voltage"], out["a"], out["b"]
    p_in = v * currents
    p_rad = 2.0 * _e * np.abs(v) * ge * (a * a + b * b)
    dim = "current"
    ds = xr.Dataset(
        {
            "voltage": (dim, v, _attrs("V", "stationary voltage V0 (V = −en/C)")),
            "z_real": (dim, a, _attrs("1", "stationary coherence Re z0")),
            "z_imag": (dim, b, _attrs("1", "stationary coherence Im z0")),
            "input_power": (dim, p_in, _attrs("W", "input power VI")),
            "ohmic_power": (dim, c * g * v * v, _attrs("W", "ohmic power V²/R")),
            "tunneling_power": (
                dim,
                v * 4.0 * _e * k * b,
                _attrs("W", "tunneling power V·I_J = V·4eK Im z0"),
            ),
            "radiated_power": (dim, p_rad, _attrs("W", "radiated power 2e|V|γ_e|z0|²")),
            "efficiency": (dim, p_rad / p_in, _attrs("1", "radiation efficiency η_rad (eq. 98)")),
            "growth_rate": (
                dim,
                out["growth"],
                _attrs("1/s", "largest Re of the Jacobian eigenvalues (< 0: stable)"),
            ),
            "residual": (dim, out["residual"], _attrs("1", "scaled residual of the root")),
        },
        coords={dim: (dim, currents, _attrs("A", "bias current I"))},
    )
    ds.attrs = provenance(
        computation="josephson.open_system.radiative_fixed_point",
        model=_engine_model(currents, c, g, k, ge, convention),
        method={"root": "MINPACK hybrj (scipy.optimize.root, analytic Jacobian)", "tol": tol},
    )
    return ds
