"""Skyrme nuclear matter and beta equilibrium (josephson.astro.matter).

Published saturation properties come from the functionals' ``published`` dicts (Chabanat et al.
1998 for SLy4, Goriely et al. 2009 for BSk17); every other reference value is computed here
independently: by finite differences of E/A, from the functional written in the isoscalar /
isovector coupling-constant form, or by hand formulas with constants written out.
"""

import dataclasses
import math

import numpy as np
import pytest
from scipy.optimize import minimize_scalar

from josephson.astro import matter
from josephson.errors import ParameterError
from josephson.superfluid.model import SKYRME_PRESETS

HBAR_C = 197.3269804  # MeV fm (CODATA)
M_MU = 105.6583755  # MeV (CODATA)
FORCES = ["SLy4", "BSk17"]


def _fd(fun, x, h):
    """Five-point central first derivative."""
    return (-fun(x + 2 * h) + 8 * fun(x + h) - 8 * fun(x - h) + fun(x - 2 * h)) / (12 * h)


def _fd2(fun, x, h):
    """Five-point central second derivative."""
    return (-fun(x + 2 * h) + 16 * fun(x + h) - 30 * fun(x) + 16 * fun(x - h) - fun(x - 2 * h)) / (
        12 * h**2
    )


def _energy_density_coupling_form(f, n_n, n_p):
    """ε (MeV fm⁻³) of homogeneous matter in the C_t form (Bender, Heenen, Reinhard 2003).

    ε = (ħ²/2m) τ + Σ_t [C_t^ρ n_t² + C_t^τ n_t τ_t] with n_0 = n_n + n_p, n_1 = n_n − n_p,
    τ_q = (3/5)(3π² n_q)^(2/3) n_q; C_t^τ from SkyrmeFunctional.c_tau (which includes t4, t5).
    """
    n = n_n + n_p
    tau_n, tau_p = ((3 / 5) * (3 * math.pi**2 * q) ** (2 / 3) * q for q in (n_n, n_p))
    c0_rho = 3 / 8 * f.t0 + f.t3 / 16 * n**f.sigma
    c1_rho = -f.t0 / 8 * (1 + 2 * f.x0) - f.t3 / 48 * (1 + 2 * f.x3) * n**f.sigma
    c0_tau, c1_tau = f.c_tau(n)
    return (
        f.hbar2_2m * (tau_n + tau_p)
        + c0_rho * n**2
        + c1_rho * (n_n - n_p) ** 2
        + c0_tau * n * (tau_n + tau_p)
        + c1_tau * (n_n - n_p) * (tau_n - tau_p)
    )


# a made-up extended force: SLy4 with Brussels–Montreal t4 and t5 terms switched on
EXTENDED = dataclasses.replace(
    SKYRME_PRESETS["SLy4"], name="SLy4+t4t5", t4=-100.0, x4=2.0, beta=0.5, t5=-150.0, x5=-11.0,
    gamma=1 / 12, published={},
)  # fmt: skip


@pytest.mark.parametrize("force", [*FORCES, EXTENDED], ids=lambda f: getattr(f, "name", f))
def test_energy_matches_coupling_constant_form(force):
    f = force if not isinstance(force, str) else SKYRME_PRESETS[force]
    n = np.array([0.02, 0.08, 0.16, 0.4])[:, None]
    y = np.array([0.0, 0.05, 0.3, 0.5, 0.8])[None, :]
    expected = _energy_density_coupling_form(f, n * (1 - y), n * y) / n
    assert np.allclose(matter.energy_per_nucleon(force, n, y), expected, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("name", FORCES)
def test_saturation_matches_published_values(name):
    f = SKYRME_PRESETS[name]
    assert f.t4 == 0 and f.t5 == 0  # both presets are standard Skyrme forms
    pub = f.published
    res = minimize_scalar(
        lambda n: matter.energy_per_nucleon(name, n), bounds=(0.1, 0.2), method="bounded",
        options={"xatol": 1e-7},
    )  # fmt: skip
    assert res.x == pytest.approx(pub["n0"], abs=0.002)
    assert res.fun == pytest.approx(pub["e_a"], abs=0.05)
    sat = matter.saturation(name)
    assert sat["n0"] == pytest.approx(res.x, abs=1e-5)
    assert sat["e_a"] == pytest.approx(res.fun, abs=1e-8)
    assert matter.symmetry_energy(name, sat["n0"]) == pytest.approx(pub["j"], abs=0.1)
    assert matter.incompressibility(name, sat["n0"]) == pytest.approx(pub["k"], abs=1.0)
    assert sat["j"] == matter.symmetry_energy(name, sat["n0"])
    assert sat["k"] == matter.incompressibility(name, sat["n0"])


@pytest.mark.parametrize("name", FORCES)
def test_pressure_vanishes_at_saturation(name):
    n0 = matter.saturation(name)["n0"]
    assert abs(matter.pressure(name, n0)) < 1e-10
    assert matter.pressure(name, 0.9 * n0) < 0 < matter.pressure(name, 1.1 * n0)
    # Hugenholtz–van Hove: at P = 0, μ_n = μ_p = E/A in symmetric matter
    mu_n, mu_p = matter.chemical_potentials(name, n0)
    assert mu_n == pytest.approx(matter.energy_per_nucleon(name, n0), abs=1e-9)
    assert mu_p == pytest.approx(mu_n, abs=1e-12)


@pytest.mark.parametrize("force", [*FORCES, EXTENDED], ids=lambda f: getattr(f, "name", f))
def test_closed_form_derivatives_match_finite_differences(force):
    e = matter.energy_per_nucleon
    for n in (0.05, 0.16, 0.3):
        h = 1e-4 * n
        e_sym = lambda x: e(force, x)  # noqa: E731
        k_fd = 9 * n**2 * _fd2(e_sym, n, h)
        assert matter.incompressibility(force, n) == pytest.approx(k_fd, rel=1e-6, abs=1e-6)
        # S = ½ ∂²(E/A)/∂δ² at δ = 0, with y = (1 − δ)/2
        s_fd = 0.5 * _fd2(lambda d: e(force, n, (1 - d) / 2), 0.0, 1e-3)  # noqa: B023
        assert matter.symmetry_energy(force, n) == pytest.approx(s_fd, rel=1e-6)
        for y in (0.05, 0.3):
            p_fd = n**2 * _fd(lambda x: e(force, x, y), n, h)  # noqa: B023
            assert matter.pressure(force, n, y) == pytest.approx(p_fd, rel=1e-8)
            # μ_q = ∂ε/∂n_q with ε = (n_n + n_p) E/A(n_n + n_p, n_p/(n_n + n_p))
            nn, npr = n * (1 - y), n * y

            def eps(a, b):
                return (a + b) * e(force, a + b, b / (a + b))

            mu_n, mu_p = matter.chemical_potentials(force, n, y)
            assert mu_n == pytest.approx(_fd(lambda a: eps(a, npr), nn, 1e-5), rel=1e-8)  # noqa: B023
            assert mu_p == pytest.approx(_fd(lambda b: eps(nn, b), npr, 1e-6), rel=1e-8)  # noqa: B023


@pytest.mark.parametrize("n", [0.06, 0.08, 0.1])
def test_beta_equilibrium_balances_chemical_potentials_npe(n):
    # below ~0.12 fm⁻³ μ_e < m_μ c² for SLy4: electrons only
    y = matter.beta_equilibrium("SLy4", n)
    assert 0 < y < 0.5
    # μ_n − μ_p = −∂(E/A)/∂y at fixed n (ε = n E/A, n_p = y n, n_n = (1 − y) n)
    dmu = -_fd(lambda q: matter.energy_per_nucleon("SLy4", n, q), y, 1e-4)
    mu_e = HBAR_C * (3 * math.pi**2 * n * y) ** (1 / 3)
    assert mu_e < M_MU
    assert dmu == pytest.approx(mu_e, rel=1e-9)
    # the sign: μ_n > μ_p in neutron-rich matter, and the difference is ≈ 4 S (1 − 2y)
    assert dmu > 0
    assert dmu == pytest.approx(4 * matter.symmetry_energy("SLy4", n) * (1 - 2 * y), rel=0.05)
    # with npe only, the same y
    assert matter.beta_equilibrium("SLy4", n, muons=False) == pytest.approx(y, rel=1e-12)


def test_beta_equilibrium_with_muons():
    n = 0.2
    c = matter.composition("SLy4", n)
    y = c["proton_fraction"]
    assert c["n_mu"] > 0  # μ_e > m_μ c² here
    # charge neutrality and μ_e = μ_μ, by hand
    assert c["n_e"] + c["n_mu"] == pytest.approx(c["n_p"], rel=1e-12)
    mu_e = HBAR_C * (3 * math.pi**2 * c["n_e"]) ** (1 / 3)
    mu_mu = math.hypot(HBAR_C * (3 * math.pi**2 * c["n_mu"]) ** (1 / 3), M_MU)
    assert c["mu_e"] == pytest.approx(mu_e, rel=1e-9)
    assert mu_mu == pytest.approx(mu_e, rel=1e-9)
    dmu = -_fd(lambda q: matter.energy_per_nucleon("SLy4", n, q), y, 1e-4)
    assert dmu == pytest.approx(mu_e, rel=1e-9)
    # muons share the negative charge: for a given n_p the lepton chemical potential is lower,
    # so beta equilibrium (μ_n − μ_p falling with y) is reached at a larger proton fraction
    assert y > matter.beta_equilibrium("SLy4", n, muons=False)


def test_mass_difference_shifts_equilibrium():
    n = 0.08
    y = matter.beta_equilibrium("SLy4", n, mass_difference=True)
    dmu = -_fd(lambda q: matter.energy_per_nucleon("SLy4", n, q), y, 1e-4)
    mu_e = HBAR_C * (3 * math.pi**2 * n * y) ** (1 / 3)
    # (m_n − m_p)c² = 939.56542052 − 938.27208816 MeV (CODATA 2018; 2022 differs by 1e-8)
    assert dmu + (939.56542052 - 938.27208816) == pytest.approx(mu_e, abs=1e-6)
    assert y > matter.beta_equilibrium("SLy4", n)


@pytest.mark.parametrize(("name", "n_high"), [("SLy4", 0.3), ("BSk17", 0.2)])
def test_proton_fraction_grows_with_density(name, n_high):
    n = np.linspace(0.05, n_high, 26)
    y = matter.beta_equilibrium(name, n)
    assert y.shape == n.shape
    assert np.all(np.diff(y) > 0)
    assert np.all((y > 0.01) & (y < 0.2))


def test_bsk17_proton_fraction_turns_over():
    # BSk17's symmetry energy flattens above ~0.25 fm⁻³ (it peaks near 0.28 fm⁻³ and vanishes
    # near 0.7 fm⁻³), while μ_e keeps growing: y has a maximum (about 0.23 fm⁻³) and then falls
    s = matter.symmetry_energy("BSk17", np.array([0.2, 0.25, 0.3, 0.4]))
    assert s[1] - s[0] > s[2] - s[1] > 0 > s[3] - s[2]
    y = matter.beta_equilibrium("BSk17", np.array([0.2, 0.3, 0.4]))
    assert y[0] > y[1] > y[2]


@pytest.mark.parametrize("name", FORCES)
def test_pure_neutron_matter_is_nearly_parabolic(name):
    # E(δ) = E(0) + S δ² + O(δ⁴).  The t0 and t3 terms are exactly quadratic (F_2 = 1 + δ²); the
    # δ⁴… remainder comes from the kinetic and momentum terms' F_5/3 and F_8/3.  For the kinetic
    # term F_5/3(δ=1) − 1 − (5/9) = 2^(2/3) − 14/9 ≈ 0.032, i.e. ~6 % of its δ² part, which is
    # about a third of S: a few per cent in all.
    n = np.array([0.04, 0.08, 0.12, 0.16, 0.2])
    diff = matter.energy_per_nucleon(name, n, 0.0) - matter.energy_per_nucleon(name, n, 0.5)
    s = matter.symmetry_energy(name, n)
    assert np.all(np.abs(diff / s - 1) < 0.05)


def test_non_parabolic_remainder_is_the_free_fermi_gas_one():
    # without t1, t2 the only non-quadratic term is the kinetic one, known in closed form
    f = dataclasses.replace(SKYRME_PRESETS["SLy4"], t1=0.0, t2=0.0)
    n = np.array([0.05, 0.1, 0.2])
    diff = matter.energy_per_nucleon(f, n, 0.0) - matter.energy_per_nucleon(f, n, 0.5)
    t_sym = 0.6 * f.hbar2_2m * (1.5 * math.pi**2 * n) ** (2 / 3)  # (3/5) E_F, symmetric
    remainder = t_sym * (2 ** (2 / 3) - 1 - 5 / 9)
    assert np.allclose(diff - matter.symmetry_energy(f, n), remainder, rtol=1e-10)


def test_composition_and_electrons():
    c = matter.composition("SLy4", 0.08, proton_fraction=0.04)
    assert c["n_p"] == pytest.approx(0.0032, rel=1e-14)
    assert c["n_n"] == pytest.approx(0.0768, rel=1e-14)
    assert c["k_Fn"] == pytest.approx((3 * math.pi**2 * 0.0768) ** (1 / 3), rel=1e-14)
    assert c["k_Fp"] == pytest.approx((3 * math.pi**2 * 0.0032) ** (1 / 3), rel=1e-14)
    # n_e = n_p = 0.0032 fm⁻³: k_e = 0.4558 fm⁻¹, μ_e = ħc k_e ≈ 89.9 MeV < m_μ
    assert c["mu_e"] == pytest.approx(HBAR_C * (3 * math.pi**2 * 0.0032) ** (1 / 3), rel=1e-9)
    assert c["n_mu"] == 0 and c["n_e"] == pytest.approx(0.0032, rel=1e-12)
    assert matter.lepton_chemical_potential(0.0032) == pytest.approx(c["mu_e"], rel=1e-14)
    # beta equilibrium by default, and arrays broadcast
    eq = matter.composition("SLy4", [0.06, 0.08])
    assert np.allclose(eq["proton_fraction"], matter.beta_equilibrium("SLy4", [0.06, 0.08]))
    assert np.allclose(eq["n_n"] + eq["n_p"], [0.06, 0.08], rtol=1e-14)


def test_bad_input_is_refused():
    with pytest.raises(ParameterError) as err:
        matter.beta_equilibrium("SLy4", 0.0)
    assert err.value.argument == "n"
    for bad in (-0.1, 1.5, float("nan")):
        with pytest.raises(ParameterError):
            matter.beta_equilibrium("SLy4", bad)
    with pytest.raises(ParameterError):
        matter.energy_per_nucleon("SLy4", -0.1)
    for y in (0.0, -0.1, 0.6):
        with pytest.raises(ParameterError) as err:
            matter.composition("SLy4", 0.08, proton_fraction=y)
        assert err.value.argument == "proton_fraction"
    with pytest.raises(ParameterError) as err:
        matter.energy_per_nucleon("SLy4", 0.16, 1.2)
    assert err.value.argument == "proton_fraction"
    with pytest.raises(ParameterError) as err:
        matter.beta_equilibrium("SLy99", 0.08)
    assert err.value.argument == "functional"


def test_no_root_is_refused():
    # BSk17's symmetry energy turns over and falls to zero at high density: no neutral
    # beta-equilibrated matter there
    n = 0.95
    assert matter.symmetry_energy("BSk17", n) < matter.symmetry_energy("BSk17", 0.5)
    assert -_fd(lambda q: matter.energy_per_nucleon("BSk17", n, q), 1e-3, 1e-4) < 0
    with pytest.raises(ParameterError) as err:
        matter.beta_equilibrium("BSk17", n)
    assert err.value.argument == "n"
