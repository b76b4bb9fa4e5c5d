"""Entrainment matrices and interface Josephson currents (documents 000 eqs. 1–4, 12–17, 22–23,
38 and 001, core part): identities, limits and two independent routes."""

import math

import numpy as np
import pytest

from josephson.errors import ParameterError
from josephson.superfluid.analytic import (
    core_entrainment,
    critical_currents,
    drag_current,
    entrained_current_amplitude,
    entrainment_from_effective_masses,
    eta_upsilon,
    fractional_flux,
    interface_currents,
    kappa,
    leggett_bound,
    lense_thirring_ratio,
    necklace_current,
    skyrme_effective_masses,
    skyrme_entrainment,
    skyrme_upsilon,
    sound_speeds,
    uniform_chemical_potentials,
)
from josephson.superfluid.model import SKYRME_PRESETS, EntrainmentMatrix
from josephson.units import CGS

RHO = np.linspace(0.05, 0.4, 8)[:, None]
ETA = np.linspace(-0.9, 0.95, 7)[None, :]


def test_core_formulas_are_galilean_and_invert():
    m = core_entrainment(RHO, ETA, 1.3)
    rho_n, rho_p = 0.5 * RHO * (1 + ETA), 0.5 * RHO * (1 - ETA)
    assert m.galilean_defect(rho_n, rho_p) < 1e-14
    rho, eta, ups = eta_upsilon(m)
    np.testing.assert_allclose(rho, np.broadcast_to(RHO, rho.shape), rtol=1e-14)
    np.testing.assert_allclose(eta, np.broadcast_to(ETA, eta.shape), rtol=1e-13, atol=1e-14)
    np.testing.assert_allclose(ups, 1.3, rtol=1e-12)
    assert m["rho_pn"] is m.rho_np and set(m.keys()) == {"rho_nn", "rho_pp", "rho_np"}


def test_no_entrainment_at_upsilon_one():
    m = core_entrainment(RHO, ETA, 1.0)
    assert np.all(m.rho_np == 0)
    np.testing.assert_allclose(m.rho_nn, 0.5 * RHO * (1 + ETA), rtol=1e-15)


def test_effective_mass_route_equals_core_route():
    """Eqs. 3-4 of document 000 and document 001's η, Υ formulas describe the same matrix."""
    core = core_entrainment(0.16, 0.8, 1.25)
    mn, mp = core.effective_masses()
    via_n = entrainment_from_effective_masses(core.rho_n, core.rho_p, m_n_star=mn)
    via_both = entrainment_from_effective_masses(core.rho_n, core.rho_p, m_n_star=mn, m_p_star=mp)
    for other in (via_n, via_both):
        for key in ("rho_nn", "rho_pp", "rho_np"):
            assert other[key] == pytest.approx(core[key], rel=1e-13)
    with pytest.raises(ParameterError, match="m_p_star"):
        entrainment_from_effective_masses(core.rho_n, core.rho_p, m_n_star=mn, m_p_star=mp * 1.01)


def test_skyrme_route_is_galilean_and_matches_upsilon():
    """The TDHFB mass-current route (m/m^⊕ and I_q = δE/δj_q computed separately) satisfies
    eq. 2 to rounding, and its ρ_np equals document 001's formula with Υ from the functional."""
    for name in SKYRME_PRESETS:
        for n, xp in ((0.08, 0.05), (0.16, 0.1), (0.3, 0.2)):
            n_n, n_p = n * (1 - xp), n * xp
            m = skyrme_entrainment(name, n_n, n_p)
            assert m.galilean_defect(n_n, n_p) < 1e-13
            core = core_entrainment(n, (n_n - n_p) / n, skyrme_upsilon(name, n))
            assert m.rho_np == pytest.approx(core.rho_np, rel=1e-12)
            assert m.rho_nn == pytest.approx(core.rho_nn, rel=1e-12)


def test_skyrme_presets_reproduce_published_effective_masses():
    for f in SKYRME_PRESETS.values():
        n0 = f.published["n0"]
        mn, mp = skyrme_effective_masses(f, n0 / 2, n0 / 2)
        assert mn == mp
        # published values are rounded to the digits given, and the published n0 itself is
        # rounded (SLy4: 0.160 vs 0.1595 from its parameters, a 5e-4 shift of m*/m): 1e-3 more
        digits = len(str(f.published["m_star"]).split(".")[1])
        assert abs(mn - f.published["m_star"]) <= 0.5 * 10.0**-digits + 1e-3, f.name
        # in symmetric matter Υ is the inverse isovector effective mass m/m_v*
        digits = len(str(f.published["m_v_star"]).split(".")[1])
        m_v = 1 / skyrme_upsilon(f, n0)
        assert abs(m_v - f.published["m_v_star"]) <= 0.5 * 10.0**-digits + 1e-3, f.name


def test_skyrme_upsilon_hand_value_sly4():
    f = SKYRME_PRESETS["SLy4"]
    c0_minus_c1 = (f.t1 * (2 + f.x1) + f.t2 * (2 + f.x2)) / 8  # physics notes, standard force
    assert skyrme_upsilon(f, 0.16) == pytest.approx(1 + 0.16 * c0_minus_c1 / f.hbar2_2m, rel=1e-14)


def test_fractional_flux_and_lense_thirring():
    m = EntrainmentMatrix(rho_nn=10.0, rho_pp=2.0, rho_np=-0.5)
    assert fractional_flux(m) == pytest.approx(-0.25 * CGS.h * CGS.c / (2 * CGS.e), rel=1e-14)
    assert fractional_flux(m, units="si") == pytest.approx(-0.25 * 2.067833848e-15, rel=1e-9)
    assert lense_thirring_ratio(0.3, 0.0, 0.0) == 0.3
    eps, yx, xx = 0.3, 0.05, 0.1
    # the ratio solves I_XY = eps I_X + LT corrections: (1 - yx - xx) r = eps - yx
    assert (1 - yx - xx) * lense_thirring_ratio(eps, yx, xx) == pytest.approx(eps - yx)


def _matrix(rho_np=-0.02):
    rho_n, rho_p = 0.9, 0.1
    return EntrainmentMatrix(rho_nn=rho_n - rho_np, rho_pp=rho_p - rho_np, rho_np=rho_np)


def test_interface_currents_decouple_without_entrainment():
    th = np.linspace(-math.pi, math.pi, 13)
    tn, tp = np.meshgrid(th, th, indexing="ij")
    free = interface_currents(tn, tp, _matrix(0.0), zeta_n=2.0, zeta_p=3.0, units="natural")
    assert np.allclose(free["j_p"], free["j_p"][0:1, :], atol=0)  # depends on Δθ_p only
    assert np.allclose(free["j_n"], free["j_n"][:, 0:1], atol=0)  # on Δθ_n only
    with_e = interface_currents(tn, tp, _matrix(), zeta_n=2.0, zeta_p=3.0, units="natural")
    assert np.ptp(with_e["j_p"][:, 3]) > 0


def test_interface_critical_current_reduced_by_kappa():
    m = _matrix(-0.02)
    free = critical_currents(_matrix(0.0), zeta_n=1e-8, zeta_p=1e-8)
    ent = critical_currents(m, zeta_n=1e-8, zeta_p=1e-8)
    k = kappa(m.rho_p, m.rho_np)
    assert ent["pp"] / free["pp"] == pytest.approx(k, rel=1e-14)
    assert k == pytest.approx(m.rho_pp / m.rho_p) and k == pytest.approx(1 / m.effective_masses()[1])
    # eqs. 22-23: the proton current driven purely by the neutron phase
    j = interface_currents(0.7, 0.0, m, zeta_n=1e-8, zeta_p=1e-8)["j_p"]
    assert j == pytest.approx(entrained_current_amplitude(m, zeta_n=1e-8) * math.sin(0.7))
    # eq. 23 as printed (ρ_pn/ρ_pp) differs by ρ_n/ρ_p
    ratio = entrained_current_amplitude(m, zeta_n=1e-8, form="eq23") / ent["pn"]
    assert ratio == pytest.approx(m.rho_n / m.rho_p)


def test_interface_units_cgs_to_si():
    m = _matrix()
    cgs = interface_currents(0.3, 0.9, m, zeta_n=1e-7, zeta_p=2e-7)
    si = interface_currents(0.3, 0.9, m, zeta_n=1e-7, zeta_p=2e-7, units="si")
    assert si["j_n"] == pytest.approx(cgs["j_n"] * 10, rel=1e-14)  # g cm^-2 s^-1 -> kg m^-2 s^-1
    assert si["j_p"] == pytest.approx(cgs["j_p"] / 2997924580 * 1e4, rel=1e-12)


def test_drag_current_linear_in_rho12():
    r12 = np.array([0.0, 0.01, 0.02])
    j = drag_current(0.5, rho_11=1.0, rho_12=r12, amplitude=1.0, zeta=4.0)
    assert j[0] == 0 and j[2] == pytest.approx(2 * j[1])


def test_gp_closed_forms():
    mu1, mu2 = uniform_chemical_potentials(4.0, 9.0, g11=1.0, g22=1.0, g12=0.5)
    assert (mu1, mu2) == (8.5, 11.0)  # the physics notes' pygpe example: 8.5, not 5.5
    cp, cm = sound_speeds(1.0, 1.0, g11=1.0, g22=1.0, g12=0.5)
    assert cp**2 == pytest.approx(1.5) and cm**2 == pytest.approx(0.5)  # g ± g12 for equal parts
    rho = 1 + 0.5 * np.cos(np.linspace(0, 2 * np.pi, 400, endpoint=False))
    fs = leggett_bound(rho)
    assert fs == pytest.approx(math.sqrt(1 - 0.25), rel=1e-12)  # ⟨1/(1+a cos)⟩ = 1/√(1-a²)
    i = necklace_current(rho, 10.0, 2)
    assert i == pytest.approx(2 * math.pi * 2 / 10.0 * fs, rel=1e-12)


@pytest.mark.parametrize(
    ("call", "argument"),
    [
        (lambda: core_entrainment(-1.0, 0.2, 1.0), "rho"),
        (lambda: core_entrainment(1.0, 1.2, 1.0), "eta"),
        (lambda: EntrainmentMatrix(rho_nn=1.0, rho_pp=1.0, rho_np=1.5), "rho_np"),
        (lambda: EntrainmentMatrix(rho_nn=-1.0, rho_pp=1.0, rho_np=0.0), "rho_nn"),
        (lambda: core_entrainment(1.0, 0.0, -0.5), "upsilon"),
        (lambda: interface_currents(0, 0, _matrix(), zeta_n=-1, zeta_p=1), "zeta_n"),
        (lambda: skyrme_upsilon("SLy5000", 0.16), "functional"),
        (lambda: entrainment_from_effective_masses(1, 1, m_n_star=-0.5), "m_n_star"),
    ],
)
def test_bad_input(call, argument):
    with pytest.raises(ParameterError) as err:
        call()
    assert err.value.argument == argument
