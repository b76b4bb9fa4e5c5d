"""Reproduction of document 000 (laboratory part): A. Sedrakian, "Josephson currents in neutron stars"
(talk, after Sedrakian & Rau, Phys. Rev. D 111, 023044 (2025)).

Covered here: the entrainment matrix (eqs. 1–4), the two-component Ginzburg–Landau interface and
its Josephson currents (eqs. 5–17, 22–23), and the two-component Gross–Pitaevskii necklace
(eq. 38 and the closing proposals).  The astrophysical part (eqs. 18–35: vortex and flux-tube
arrays, radiation, heating) belongs to issue 12.

Notation: the document uses ρ_pp in two senses (module :mod:`josephson.superfluid.model`): the
eq. 1 coefficient, and in eqs. 7 and 12–16 the condensate density ρ_p = 2m_p|ψ_p|² (eq. 14).
The Ginzburg–Landau rows are dimensionless (lengths in the coherence length ξ = √(K/|a|),
order parameters in the bulk value); the Gross–Pitaevskii rows use ħ = m = 1, lengths in the
healing length and energies in g n̄.
"""

from __future__ import annotations

import math

import numpy as np

from ._core import compare, departure, holds
from ._registry import DOCUMENTS

DOC = DOCUMENTS["000"]


@DOC.claim(
    "eq2-galilean-identities",
    where="eqs. 1-4",
    statement="ρ_nn + ρ_np = ρ_n, ρ_pp + ρ_np = ρ_p, with ρ_nn = ρ_n m/m_n*, ρ_np = "
    "ρ_n(1 − m/m_n*) = ρ_p(1 − m/m_p*)",
)
def _galilean(quick: bool):
    from ..superfluid import entrainment_from_effective_masses, skyrme_entrainment

    n = np.linspace(0.08, 0.4, 9)
    n_n, n_p = 0.9 * n, 0.1 * n
    m = skyrme_entrainment("SLy4", n_n, n_p)  # mass currents term by term: eq. 2 not assumed
    defect = m.galilean_defect(n_n, n_p)
    mn, mp = m.effective_masses()
    # eq. 4 with both masses from the microscopic route (refused if inconsistent)
    again = entrainment_from_effective_masses(n_n, n_p, m_n_star=mn, m_p_star=mp)
    eq4 = float(np.max(np.abs(again.rho_np - m.rho_np) / m.rho_nn))
    return compare(
        [defect, eq4], [0.0, 0.0], atol=1e-13,
        why="the entrainment matrix of a Skyrme functional from its TDHFB mass currents "
        "(m/m^⊕ and δE/δj computed separately), SLy4, n = 0.08-0.4 fm⁻³, x_p = 0.1: Galilean "
        "invariance of the functional makes eq. 2 exact; rounding only",
    )  # fmt: skip


@DOC.claim(
    "eq7-kinetic-energy-currents",
    where="eqs. 7, 12-13",
    statement="F_kin = ½ρ_pp v_p² + ½ρ_nn v_n² − ½ρ_pn|v_p − v_n|² gives currents "
    "(ρ_pp − ρ_pn)v_p + ρ_pn v_n, i.e. eq. 1 with the eq. 2 diagonal when ρ_pp, ρ_nn here are "
    "the condensate densities (eq. 14)",
)
def _eq7(quick: bool):
    from ..superfluid import EntrainmentMatrix

    rho_n, rho_p, rho_pn = 0.9, 0.1, -0.015
    m = EntrainmentMatrix(rho_nn=rho_n - rho_pn, rho_pp=rho_p - rho_pn, rho_np=rho_pn)

    def f_kin(vn, vp):
        return 0.5 * rho_p * vp**2 + 0.5 * rho_n * vn**2 - 0.5 * rho_pn * (vp - vn) ** 2

    rng = np.random.default_rng(7)
    vn, vp, h = rng.normal(size=5), rng.normal(size=5), 1e-6
    jn = (f_kin(vn + h, vp) - f_kin(vn - h, vp)) / (2 * h)
    jp = (f_kin(vn, vp + h) - f_kin(vn, vp - h)) / (2 * h)
    mn, mp = m.mass_currents(vn, vp)
    return compare(
        np.concatenate([jn - mn, jp - mp]), 0.0, atol=1e-9,
        why="∂F_kin/∂v by central differences (step 1e-6: error ~1e-12 for a quadratic) "
        "against eq. 1 with ρ_nn = ρ_n − ρ_pn, ρ_pp = ρ_p − ρ_pn",
        explanation="so in eqs. 7 and 12-16 the document's ρ_pp, ρ_nn are the total condensate "
        "densities 2m|ψ|² (eq. 14), and ρ_pp − ρ_pn is the eq. 1 coefficient",
    )  # fmt: skip


def _matrix(rho_pn):
    from ..superfluid import EntrainmentMatrix

    rho_n, rho_p = 0.9, 0.1
    return EntrainmentMatrix(rho_nn=rho_n - rho_pn, rho_pp=rho_p - rho_pn, rho_np=rho_pn)


@DOC.claim(
    "eq15-16-decoupling",
    where="eqs. 15-16",
    statement="the interface currents depend on both phase differences, coupled through "
    "ρ_np; at ρ_np = 0 each current depends on its own phase difference only",
)
def _decoupling(quick: bool):
    from ..superfluid import interface_currents

    th = np.linspace(-math.pi, math.pi, 25)
    tn, tp = np.meshgrid(th, th, indexing="ij")
    free = interface_currents(tn, tp, _matrix(0.0), zeta_n=3.0, zeta_p=5.0, units="natural")
    coupled = interface_currents(tn, tp, _matrix(-0.015), zeta_n=3.0, zeta_p=5.0, units="natural")
    cross_free = float(np.max(np.ptp(free["j_p"], axis=0)) + np.max(np.ptp(free["j_n"], axis=1)))
    cross_on = float(np.max(np.ptp(coupled["j_p"], axis=0)))
    return compare(
        cross_free, 0.0, atol=0.0,
        why="exact: at ρ_np = 0, j_p has no sin Δθ_n term and j_n no sin Δθ_p term (the "
        "spread of j_p over Δθ_n at fixed Δθ_p is zero)",
        values={"spread_with_entrainment": cross_on},
    )  # fmt: skip


@DOC.claim(
    "kappa-reduces-critical-current",
    where="Possible other signatures; eqs. 15-16",
    statement="the critical current is reduced by κ = (ρ_11 − ρ_12)/ρ_11 relative to the "
    "single-component value",
)
def _kappa(quick: bool):
    from ..superfluid import critical_currents, kappa

    m = _matrix(-0.015)
    k = critical_currents(m, zeta_n=3.0, zeta_p=5.0, units="natural")
    k0 = critical_currents(_matrix(0.0), zeta_n=3.0, zeta_p=5.0, units="natural")
    return compare(
        k["pp"] / k0["pp"], kappa(m.rho_p, m.rho_np), rtol=1e-14,
        why="eq. 15 at Δθ_n = 0: the proton critical current with and without entrainment; "
        "κ = ρ_pp^(eq. 1)/ρ_p = m/m_p*, here > 1 because ρ_np < 0 as in nuclear matter",
    )  # fmt: skip


@DOC.claim(
    "eq22-23-proton-current-from-neutron-phase",
    where="eqs. 22-23",
    statement="entrainment converts a neutron phase difference into a proton current "
    "j_V = j_0,pn sin(θ_2n − θ_1n + ω_V t), j_0,pn = (eħ/m_pζ_n)(ρ_pn/ρ_pp)|ψ_1n||ψ_2n|",
)
def _eq23(quick: bool):
    from ..superfluid import entrained_current_amplitude, interface_currents

    m = _matrix(-0.015)
    ours = float(interface_currents(math.pi / 2, 0.0, m, zeta_n=3.0, zeta_p=5.0,
                                    units="natural")["j_p"])  # fmt: skip
    eq15 = float(entrained_current_amplitude(m, zeta_n=3.0, units="natural"))
    eq23 = float(entrained_current_amplitude(m, zeta_n=3.0, units="natural", form="eq23"))
    return departure(
        ours, eq15, document=eq23, rtol=1e-14,
        why="the proton current at Δθ_p = 0, Δθ_n = π/2 from eqs. 15-16 (equal to the second "
        "term of eq. 15)",
        explanation="eq. 23 prints ρ_pn/ρ_pp where eq. 15 (which follows from eqs. 12 and 14: "
        "∇θ_n = 2m_n|ψ_1n||ψ_2n| sin Δθ_n/(ζ_n ρ_nn)) has ρ_pn/ρ_nn; they differ by ρ_n/ρ_p "
        "(≈ 10-20 in a neutron-star core). The library uses eq. 15's ratio",
    )  # fmt: skip


# ---------------------------------------------------------------------------------------------
# Ginzburg–Landau interface (eqs. 9–11) solved as a boundary-value problem


def _gl_cpr(zeta, *, driven="both", n=17, **kw):
    from ..superfluid.gl import symmetric_interface_cpr

    params = {"g_np": 0.3, "entrainment_n": 0.05, "entrainment_p": 0.3, **kw}
    return symmetric_interface_cpr(
        np.linspace(0, np.pi, n), zeta_n=zeta, zeta_p=zeta, driven=driven, **params
    )


@DOC.claim(
    "gl-tunnelling-limit-cpr",
    where="eqs. 9-11 and 15-16",
    statement="the coupled GL equations with the tunnelling boundary condition give the "
    "interface currents of eqs. 15-16 (sinusoidal in both phase differences, coupled by "
    "entrainment) in the tunnelling limit",
)
def _gl_tunnelling(quick: bool):
    zetas = np.array([50.0, 200.0, 800.0])
    dev = []
    for z in zetas:
        ds = _gl_cpr(z)
        j, jt = ds["current"].values, ds["current_tunnelling"].values
        dev.append(float(np.max(np.abs(j - jt)) / np.max(np.abs(jt))))
    dev = np.array(dev)
    slope = float(np.polyfit(np.log(zetas), np.log(dev), 1)[0])
    # first correction: the interface amplitude rises by cos Δθ/(√2 ζ) (GL units), so the
    # relative deviation is 1/(√2 ζ) (second harmonic sin 2Δθ/(√2 ζ²))
    return compare(
        dev * zetas, 1 / math.sqrt(2), rtol=2e-3,
        why="two components (g_np = 0.3, ρ_pn/ρ_n = 0.05, ρ_pn/ρ_p = 0.3) driven together, "
        "ζ = 50, 200, 800 ξ: the BVP solution against eqs. 15-16; the deviation is the first "
        "1/ζ correction, ζ·dev → 1/√2 with a remainder O(1/ζ)",
        values={"relative_deviation": dev.tolist(), "zeta": zetas.tolist(), "slope": slope},
    )  # fmt: skip


@DOC.claim(
    "gl-cpr-beyond-tunnelling",
    where="eq. 11 (high transparency; the document treats only the tunnelling limit)",
    statement="at higher transparency the CPR departs from a sine: the amplitude at the "
    "interface depends on the phase difference",
)
def _gl_transparent(quick: bool):
    from ..superfluid.gl import continuous_cpr_zeta

    zetas = [20.0, 10.0, 5.0, 3.0]
    ratio, where = [], []
    for z in zetas:
        ds = _gl_cpr(z, n=33, g_np=0.0, entrainment_n=0.0, entrainment_p=0.0, driven="n",
                     components=("n",))  # fmt: skip
        ratio.append(float(ds["harmonic_ratio"].sel(component="n")))
        where.append(float(ds["phase_max"].sel(component="n")))
    gap = _gl_cpr(2.0, n=33, g_np=0.0, entrainment_n=0.0, entrainment_p=0.0, driven="n",
                  components=("n",))  # fmt: skip
    missing = int((~gap["exists"].values.astype(bool)).sum())
    ok = bool(np.all(np.diff(ratio) > 0) and np.all(np.diff(where) < 0) and missing > 0)
    return holds(
        ok,
        ours={"zeta": zetas, "second_over_first_harmonic": ratio, "phase_of_maximum": where,
              "points_without_state_at_zeta_2": missing},
        document="eqs. 15-16 (pure sine, tunnelling limit)",
        why="one component, a = −1, b = 1: the second harmonic (≈ 1/(√2ζ)) grows and the maximum "
        "moves below π/2 as ζ falls; below ζ_c = (2/√3 − 1)^(−1/2) ξ = "
        f"{continuous_cpr_zeta():.3f} ξ a window around π/2 has no stationary state (the "
        "interface would need more than the bulk depairing current)",
        explanation="with the document's boundary condition ζ → 0 is not a transparent junction: "
        "the surface energy −γ(ψ1*ψ2 + c.c.) has no |ψ|² term, so the interface amplitude grows "
        "like √2 ξ/ζ at Δθ = 0",
    )  # fmt: skip


@DOC.claim(
    "gl-kappa-reduction",
    where="eqs. 12-16; 'Possible other signatures'",
    statement="entrainment reduces the critical current by κ = (ρ_pp − ρ_pn)/ρ_pp, and a neutron "
    "phase difference alone drives a proton current (eq. 22)",
)
def _gl_kappa(quick: bool):
    free = _gl_cpr(10.0, driven="p", entrainment_n=0.0, entrainment_p=0.0)
    ent = _gl_cpr(10.0, driven="p")
    jp0 = float(np.max(free["current"].sel(component="p")))
    jp = float(np.max(ent["current"].sel(component="p")))
    by_n = _gl_cpr(10.0, driven="n")
    drive = by_n["current"].sel(component="p").values
    expect = 0.05 * by_n["phase_current"].sel(component="n").values
    return compare(
        [jp / jp0, float(np.max(np.abs(drive - expect)))], [1 - 0.3, 0.0], rtol=1e-9, atol=1e-12,
        why="the proton critical current from the GL solution with ρ_pn/ρ_p = 0.3 over the one "
        "without (g_np = 0.3, ζ = 10 ξ): κ = 1 − ρ_pn/ρ_p exactly, since entrainment enters the "
        "GL currents only through eqs. 12-13; and j_p at Δθ_p = 0 equals (ρ_pn/ρ_n) J_n",
    )  # fmt: skip
