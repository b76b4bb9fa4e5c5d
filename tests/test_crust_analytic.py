"""Crust closed forms and exact 1D references (josephson.astro.crust.analytic, .layers).

Every reference value is computed here independently: the potential-flow added mass by
integrating the flow's kinetic energy, the Kronig–Penney half trace by integrating the
Schrödinger equation over one period, Mathieu band edges by plane-wave diagonalisation, the
plasma frequency in Gaussian cgs with constants written out, and the fixed point of the
self-consistent loop in closed form for a toy superfluid density.
"""

import math

import numpy as np
import pytest
from scipy import constants as sc
from scipy import integrate, optimize

from josephson.astro.crust import analytic as A
from josephson.astro.crust import layers as L
from josephson.errors import ConvergenceError, ParameterError

HBAR_C = sc.hbar * sc.c / (sc.e * 1e6) * 1e15  # MeV fm
M_N = sc.m_n * sc.c**2 / (sc.e * 1e6)  # MeV
C_KIN = HBAR_C**2 / (2 * M_N)  # hbar^2/2m_n in MeV fm^2


# ---------------------------------------------------------------------------------------------
# Epstein–Baym


def _potential_flow_added_mass(rho_in, rho_out, radius):
    """Added mass of a sphere of superfluid density rho_in moving through rho_out.

    Solves the matching conditions (continuous potential, continuous mass flux through the
    moving surface) as a linear system and integrates the kinetic energy of the flow on a
    radial grid, for unit velocity."""
    # phi_in = B r cos(t), phi_out = A R^3 cos(t) / r^2; unknowns (A, B), U = 1
    mat = np.array([[1.0, -1.0], [-2 * rho_out, -rho_in]])
    rhs = np.array([0.0, rho_out - rho_in])
    amp, b = np.linalg.solve(mat, rhs)
    volume = 4 * math.pi * radius**3 / 3
    ke_in = 0.5 * rho_in * b**2 * volume
    # |grad phi_out|^2 = A^2 R^6 (4 cos^2 + sin^2) / r^6; angular integral 16 pi/3 + 8 pi/3
    ke_out, _ = integrate.quad(
        lambda r: 0.5 * rho_out * amp**2 * radius**6 / r**6 * 8 * math.pi * r**2, radius, np.inf
    )
    return 2 * (ke_in + ke_out)


@pytest.mark.parametrize("lam", [0.0, 0.3, 1.0, 2.5, 7.0])
def test_backflow_factor_is_the_potential_flow_added_mass(lam):
    rho_out, radius = 0.05, 6.5
    m_d = 4 * math.pi * radius**3 / 3 * rho_out
    r = A.epstein_baym_mass(radius, 0.3, 0.1, rho_out, lam * rho_out)
    added = r["m_I_star"] - r["m_I"]
    assert added == pytest.approx(_potential_flow_added_mass(lam * rho_out, rho_out, radius))
    assert added == pytest.approx(m_d * (lam - 1) ** 2 / (lam + 2), rel=1e-12, abs=1e-12)


def test_impenetrable_limit():
    radius, n_in, p_in, n_out = 7.0, 0.09, 0.03, 0.05
    volume = 4 * math.pi * radius**3 / 3
    Z, N = volume * p_in, volume * n_in  # nucleons inside, masses in nucleon masses
    r = A.epstein_baym_mass(radius, n_in, p_in, n_out, 0.0)
    assert r["lambda"] == 0
    assert r["m_I"] == pytest.approx(Z + N, rel=1e-14)
    assert r["m_I"] == r["m_I0"]
    # classical added mass of an impenetrable sphere: half the displaced fluid
    assert r["m_I_star"] == pytest.approx(Z + N + 0.5 * volume * n_out, rel=1e-14)


def test_all_superfluid_limit():
    radius, n_in, p_in, n_out = 7.0, 0.09, 0.03, 0.05
    r = A.epstein_baym_mass(radius, n_in, p_in, n_out, n_in + p_in)
    assert r["m_I"] == pytest.approx(0.0, abs=1e-12)
    lam = (n_in + p_in) / n_out
    assert r["lambda"] == pytest.approx(lam)
    assert r["m_I_star"] == pytest.approx(r["m_d"] * (lam - 1) ** 2 / (lam + 2), rel=1e-12)
    assert A.normalised_ion_mass(n_in, p_in, n_out, n_in + p_in) == math.inf


def test_permeable_limit():
    radius, p_in, n_out = 7.0, 0.03, 0.05
    for n_in in (0.05, 0.09):
        r = A.epstein_baym_mass(radius, n_in, p_in, n_out, n_out)
        assert r["lambda"] == 1
        assert r["m_I_star"] == r["m_I"]
        assert A.normalised_ion_mass(n_in, p_in, n_out, n_out) == 1
    # with the same neutron density inside and outside, the ion carries only its protons
    r = A.epstein_baym_mass(radius, n_out, p_in, n_out, n_out)
    assert r["m_I"] == pytest.approx(4 * math.pi * radius**3 / 3 * p_in, rel=1e-12)


def test_normalised_form_equals_general_formula():
    rng = np.random.default_rng(3)
    n_in = rng.uniform(0.02, 0.12, 200)
    p_in = rng.uniform(0.005, 0.05, 200)
    n_out = rng.uniform(0.001, 0.08, 200)
    s_in = rng.uniform(0, 0.999, 200) * (n_in + p_in)
    radius = rng.uniform(3, 10, 200)
    general = A.epstein_baym_mass(radius, n_in, p_in, n_out, s_in)
    ratio = A.normalised_ion_mass(n_in, p_in, n_out, s_in)
    assert np.allclose(ratio, general["m_I_star"] / general["m_I"], rtol=1e-11)


def test_ion_mass_against_z_m_p():
    """m_I* >= Z m_p holds when only neutrons are superfluid (rho_s,i <= rho_n,i), not when the
    protons are counted in rho_s,i as well (the document's bound is a band-theory result)."""
    rng = np.random.default_rng(5)
    n_in = rng.uniform(0.02, 0.12, 500)
    p_in = rng.uniform(0.005, 0.05, 500)
    n_out = rng.uniform(0.001, 0.1, 500)
    s_in = rng.uniform(0, 1, 500) * n_in
    radius = 6.0
    z = 4 * math.pi * radius**3 / 3 * p_in
    m = A.epstein_baym_mass(radius, n_in, p_in, n_out, s_in)["m_I_star"]
    assert np.all(m >= z * (1 - 1e-12))
    # equality at rho_s,i = rho_n,i = rho_n,o
    eq = A.epstein_baym_mass(radius, 0.06, 0.02, 0.06, 0.06)["m_I_star"]
    assert eq == pytest.approx(4 * math.pi * radius**3 / 3 * 0.02, rel=1e-12)
    # counter-example: all nucleons superfluid with rho_n,i + rho_p,i = rho_n,o gives m_I* = 0
    low = A.epstein_baym_mass(radius, 0.06, 0.02, 0.08, 0.08)
    assert low["m_I_star"] < 4 * math.pi * radius**3 / 3 * 0.02
    # m_I* decreases monotonically with the superfluid density inside
    s = np.linspace(0, 0.08, 50)
    curve = A.epstein_baym_mass(radius, 0.06, 0.02, 0.03, s)["m_I_star"]
    assert np.all(np.diff(curve) < 0)


def test_epstein_baym_bad_input():
    with pytest.raises(ParameterError):
        A.epstein_baym_mass(-1.0, 0.1, 0.03, 0.05, 0.0)
    with pytest.raises(ParameterError):
        A.epstein_baym_mass(5.0, 0.1, 0.03, 0.0, 0.0)
    with pytest.raises(ParameterError):
        A.epstein_baym_mass(5.0, 0.1, 0.03, 0.05, 0.2)  # more superfluid than nucleons
    with pytest.raises(ParameterError):
        A.normalised_ion_mass(0.1, -0.03, 0.05, 0.0)


# ---------------------------------------------------------------------------------------------
# m_I* = (rho_bar - rho_ns)/n_I


def test_ion_mass_identity_round_trip_and_limits():
    cell = L.LAYERS[6]
    rho_bar, n_ion = cell.n_bar, cell.n_ion
    # no superflow: the ion drags the whole cell, m_I* = A
    assert A.ion_mass_from_superfluid(rho_bar, 0.0, n_ion) == pytest.approx(cell.A, rel=1e-12)
    # every unbound neutron flows: the ion keeps the nucleons not in the gas
    free = cell.n_gas
    assert A.ion_mass_from_superfluid(rho_bar, free, n_ion) == pytest.approx(
        cell.A - free / n_ion, rel=1e-12
    )
    rho_ns = np.linspace(0, rho_bar, 7)
    m = A.ion_mass_from_superfluid(rho_bar, rho_ns, n_ion)
    assert np.allclose(A.superfluid_from_ion_mass(rho_bar, m, n_ion), rho_ns, atol=1e-15)
    with pytest.raises(ParameterError):
        A.ion_mass_from_superfluid(rho_bar, 2 * rho_bar, n_ion)
    with pytest.raises(ParameterError):
        A.superfluid_from_ion_mass(rho_bar, 2 * cell.A, n_ion)


# ---------------------------------------------------------------------------------------------
# lattice vibrations


def test_debye_waller():
    assert A.debye_waller(0.0, 3.0) == 1.0
    g = np.linspace(0, 2, 30)
    f = A.debye_waller(g, 2.5)
    assert np.all(np.diff(f) < 0) and np.all(f > 0)
    assert np.all(np.diff(A.debye_waller(0.7, np.linspace(0, 10, 20))) < 0)
    # a Gaussian in G: f(G, a + b) = f(G, a) f(G, b)
    assert A.debye_waller(0.9, 3.0) == pytest.approx(
        A.debye_waller(0.9, 1.0) * A.debye_waller(0.9, 2.0), rel=1e-14
    )
    with pytest.raises(ParameterError):
        A.debye_waller(1.0, -1.0)


def test_ion_plasma_frequency_in_gaussian_cgs():
    e_cgs = 4.80320471e-10  # statC
    mev_erg = 1.602176634e-6
    c_cgs = 2.99792458e10
    hbar_cgs = 1.054571817e-27
    z, n_ion_fm, m_nucleons = 40.0, 2.75e-6, 310.0
    m_mev = m_nucleons * M_N
    omega = math.sqrt(
        4 * math.pi * z**2 * e_cgs**2 * n_ion_fm * 1e39 / (m_mev * mev_erg / c_cgs**2)
    )
    got = A.ion_plasma_frequency(z, n_ion_fm, m_mev)
    assert got.omega == pytest.approx(omega, rel=1e-7)
    assert got.hbar_omega == pytest.approx(hbar_cgs * omega / mev_erg, rel=1e-7)
    assert A.E2_MEV_FM == pytest.approx(HBAR_C / 137.035999, rel=1e-8)
    # broadcasting and m^(-1/2)
    w = A.ion_plasma_frequency(z, n_ion_fm, np.array([1.0, 4.0]) * m_mev).hbar_omega
    assert w[0] == pytest.approx(2 * w[1], rel=1e-14)
    with pytest.raises(ParameterError):
        A.ion_plasma_frequency(z, 0.0, m_mev)


def test_zero_point_displacement_in_si():
    m_mev, hbar_omega, u = 300 * M_N, 0.1, A.BCC_INVERSE_PHONON_MOMENT
    mass_kg = m_mev * 1e6 * sc.e / sc.c**2
    omega = hbar_omega * 1e6 * sc.e / sc.hbar
    msd_m2 = 3 * sc.hbar * u / (2 * mass_kg * omega)
    assert A.zero_point_displacement(m_mev, hbar_omega, u) == pytest.approx(msd_m2 * 1e30, rel=1e-7)
    assert A.zero_point_displacement(m_mev, hbar_omega) == pytest.approx(
        A.zero_point_displacement(m_mev, hbar_omega, u) / u, rel=1e-14
    )


# ---------------------------------------------------------------------------------------------
# self-consistent loop


def _msd_coefficient(z, n_ion, ratio):
    """K in <dr^2> = K m^(-1/2), m in nucleon masses (M_N), from the formulas in cgs."""
    e2 = HBAR_C / 137.035999  # MeV fm
    # hbar w = hbar c sqrt(4 pi Z^2 e^2 n / (m M_N)), <dr^2> = 3 (hbar c)^2 u / (2 m M_N hbar w)
    return 3 * HBAR_C * ratio / (2 * math.sqrt(M_N * 4 * math.pi * z**2 * e2 * n_ion))


@pytest.mark.parametrize("method", ["iterate", "brentq"])
def test_self_consistent_loop_reaches_analytic_fixed_point(method):
    z, n_ion, rho_bar, ratio, b = 40.0, 2.75e-6, 8.79e-4, 2.8, 60.0
    k = _msd_coefficient(z, n_ion, ratio)

    def rho_ns(msd):  # toy model: m_I* = b / <dr^2>, so m = b sqrt(m) / K
        return rho_bar - n_ion * b / msd

    expected = (b / k) ** 2
    r = A.self_consistent_ion_mass(
        rho_ns, Z=z, n_ion=n_ion, rho_bar=rho_bar, ratio=ratio, nucleon_mass=M_N, method=method
    )
    assert r.m_ion_star == pytest.approx(expected, rel=1e-8)
    assert r.mean_square_displacement == pytest.approx(k / math.sqrt(expected), rel=1e-8)
    assert r.rho_ns == pytest.approx(rho_ns(r.mean_square_displacement), rel=1e-12)
    assert len(r.history) == r.iterations + 1 or method == "brentq"
    assert r.history[-1][0] == r.m_ion_star


def test_self_consistent_loop_debye_waller_toy():
    """A superfluid density recovering with zero-point smearing: both methods agree and the
    returned point closes the loop."""
    z, n_ion, rho_bar, free, g = 50.0, 5.2e-6, 5.77e-3, 4.7e-3, 0.4

    def rho_ns(msd):
        return free * (1 - 0.8 * math.exp(-(g**2) * msd / 6))

    a = A.self_consistent_ion_mass(rho_ns, Z=z, n_ion=n_ion, rho_bar=rho_bar, ratio=2.8)
    b = A.self_consistent_ion_mass(
        rho_ns, Z=z, n_ion=n_ion, rho_bar=rho_bar, ratio=2.8, method="brentq"
    )
    assert a.m_ion_star == pytest.approx(b.m_ion_star, rel=1e-8)
    assert a.m_ion_star == pytest.approx((rho_bar - rho_ns(a.mean_square_displacement)) / n_ion)
    # the lattice vibrations lower the ion mass below its rigid-lattice value
    assert a.m_ion_star < (rho_bar - rho_ns(0.0)) / n_ion


def test_self_consistent_loop_failures():
    z, n_ion, rho_bar = 40.0, 2.75e-6, 8.79e-4
    with pytest.raises(ConvergenceError):
        A.self_consistent_ion_mass(
            lambda s: rho_bar - n_ion * 60 / s, Z=z, n_ion=n_ion, rho_bar=rho_bar, maxiter=2
        )
    with pytest.raises(ParameterError):
        A.self_consistent_ion_mass(lambda s: 2 * rho_bar, Z=z, n_ion=n_ion, rho_bar=rho_bar)
    with pytest.raises(ParameterError):
        A.self_consistent_ion_mass(lambda s: 0.0, Z=z, n_ion=n_ion, rho_bar=rho_bar, method="x")


# ---------------------------------------------------------------------------------------------
# Kronig–Penney


def _ode_half_trace(energy, height, width, period):
    """Half trace of the one-period transfer matrix by integrating -c psi'' + U psi = E psi."""

    def rhs(x, y):
        u = height if x < width else 0.0
        return [y[1], (u - energy) / C_KIN * y[0], y[3], (u - energy) / C_KIN * y[2]]

    out = []
    for span in ((0, width), (width, period)):
        sol = integrate.solve_ivp(
            rhs, span, [1, 0, 0, 1] if not out else out[-1], rtol=1e-11, atol=1e-12, method="DOP853"
        )
        out.append(sol.y[:, -1])
    y = out[-1]
    return 0.5 * (y[0] + y[3])


def _complex_half_trace(energy, height, width, period):
    """Same half trace from complex wavenumbers and explicit 2x2 matrix products."""

    def region(q, length):
        k = np.sqrt(complex(q))
        if abs(k) < 1e-14:
            return np.array([[1, length], [0, 1]], dtype=complex)
        return np.array(
            [
                [np.cos(k * length), np.sin(k * length) / k],
                [-k * np.sin(k * length), np.cos(k * length)],
            ]
        )

    m = region(energy / C_KIN, period - width) @ region((energy - height) / C_KIN, width)
    return 0.5 * np.trace(m).real


KP = (8.0, 6.0, 25.0)  # barrier height (MeV), width (fm), period (fm)


def test_hbar2_2m():
    assert A.HBAR2_2M_NEUTRON == pytest.approx(C_KIN, rel=1e-8)


@pytest.mark.parametrize("energy", [0.1, 1.3, 4.0, 7.99, 8.0, 8.01, 12.0, 30.0])
def test_kronig_penney_dispersion_against_ode(energy):
    got = A.kronig_penney_dispersion(energy, *KP)
    assert got == pytest.approx(_ode_half_trace(energy, *KP), rel=1e-8, abs=1e-9)


def test_kronig_penney_band_edges():
    edges = A.kronig_penney_bands(*KP, 5)
    assert edges.shape == (5, 2)
    flat = edges.ravel()
    assert np.all(np.diff(flat) > 0)  # bands and gaps, all open for a barrier
    for n, (lo, hi) in enumerate(edges):
        assert _ode_half_trace(lo, *KP) == pytest.approx((-1) ** n, abs=1e-7)
        assert _ode_half_trace(hi, *KP) == pytest.approx((-1) ** (n + 1), abs=1e-7)
        mid = 0.5 * (lo + hi)
        assert abs(_complex_half_trace(mid, *KP)) < 1
    gaps = 0.5 * (edges[:-1, 1] + edges[1:, 0])
    assert all(abs(_complex_half_trace(e, *KP)) > 1 for e in gaps)


def test_kronig_penney_free_limit_and_weak_gaps():
    width, period = 6.0, 25.0
    recoil = C_KIN * (math.pi / period) ** 2
    free = A.kronig_penney_bands(0.0, width, period, 6)
    n = np.arange(6)
    assert np.allclose(free[:, 0], recoil * n**2, rtol=1e-10, atol=1e-12)
    assert np.allclose(free[:, 1], recoil * (n + 1) ** 2, rtol=1e-10)
    # first-order perturbation theory: gap n = 2 |U_n|, U_n the Fourier component of the barrier
    v = 0.001
    weak = A.kronig_penney_bands(v, width, period, 4)
    gaps = weak[1:, 0] - weak[:-1, 1]
    m = np.arange(1, 4)
    u_m = np.abs(v * np.sin(math.pi * m * width / period) / (math.pi * m))
    assert np.allclose(gaps, 2 * u_m, rtol=5e-4)


def test_kronig_penney_well_and_bad_input():
    well = (-6.0, 8.0, 30.0)  # an attractive cluster with one narrow bound band
    edges = A.kronig_penney_bands(*well, 3)
    assert edges[0, 0] > -6.0 and edges[0, 1] < edges[1, 0]
    for n, (lo, hi) in enumerate(edges):
        assert _ode_half_trace(lo, *well) == pytest.approx((-1) ** n, abs=1e-5)
        assert _ode_half_trace(hi, *well) == pytest.approx((-1) ** (n + 1), abs=1e-5)
    with pytest.raises(ParameterError):
        A.kronig_penney_bands(1.0, 30.0, 25.0, 3)
    with pytest.raises(ParameterError):
        A.kronig_penney_bands(1.0, 5.0, 25.0, 0)


def test_kronig_penney_superfluid_free_limit():
    for density in (0.01, 0.05, 0.23):
        r = A.kronig_penney_superfluid_density(0.0, 6.0, 25.0, density)
        assert r.n_s == pytest.approx(density, rel=1e-9)
        k_f = math.pi * density / 2
        assert r.mu == pytest.approx(C_KIN * k_f**2, rel=1e-9)


def _energy_at_k(k, band_edges, height, width, period):
    lo, hi = band_edges
    return optimize.brentq(
        lambda e: _complex_half_trace(e, height, width, period) - math.cos(k * period),
        lo,
        hi,
        xtol=1e-15,
        rtol=1e-15,
    )


@pytest.mark.parametrize("density", [0.03, 0.11])
def test_kronig_penney_superfluid_against_finite_differences(density):
    r = A.kronig_penney_superfluid_density(*KP, density)
    edges = A.kronig_penney_bands(*KP, r.band + 1)[r.band]
    k_red = math.acos(math.cos(r.k_fermi * KP[2])) / KP[2]  # reduced-zone Fermi point
    h = 1e-4
    de_dk = (_energy_at_k(k_red + h, edges, *KP) - _energy_at_k(k_red - h, edges, *KP)) / (2 * h)
    n_s = M_N / (math.pi * HBAR_C**2) * 2 * abs(de_dk)  # m/(pi hbar^2) sum over 2 Fermi points
    assert r.n_s == pytest.approx(n_s, rel=1e-5)
    assert 0 < r.fraction < 1
    assert edges[0] <= r.mu <= edges[1]


def test_kronig_penney_superfluid_suppression_and_insulator():
    fractions = [
        A.kronig_penney_superfluid_density(v, 6.0, 25.0, 0.05).fraction for v in (0.5, 2, 8, 20)
    ]
    assert all(0 < f < 1 for f in fractions)
    assert np.all(np.diff(fractions) < 0)  # higher barriers, more Bragg suppression
    full = A.kronig_penney_superfluid_density(8.0, 6.0, 25.0, 2 / 25.0)  # one band full
    assert full.n_s == 0 and full.band == 0


# ---------------------------------------------------------------------------------------------
# Mathieu


def _plane_wave_edges(v, period, nbands, ncut=40):
    g = 2 * math.pi / period
    m = np.arange(-ncut, ncut + 1)
    energies = []
    for k in (0.0, g / 2):
        h = np.diag(C_KIN * (k + m * g) ** 2) + v * (np.eye(m.size, k=1) + np.eye(m.size, k=-1))
        energies.append(np.linalg.eigvalsh(h))
    e0, e1 = energies
    edges = np.sort(np.concatenate([e0[: nbands + 1], e1[: nbands + 1]]))[: 2 * nbands]
    return edges.reshape(nbands, 2)


@pytest.mark.parametrize("v", [0.3, 2.0, -1.5])
def test_mathieu_edges_against_plane_waves(v):
    period = 20.0
    got = A.mathieu_band_edges(v, period, 5)
    assert np.allclose(got, _plane_wave_edges(v, period, 5), rtol=1e-8, atol=1e-10)


def test_mathieu_weak_gap_and_free_limit():
    period = 20.0
    recoil = C_KIN * (math.pi / period) ** 2
    free = A.mathieu_band_edges(0.0, period, 3)
    assert np.allclose(free, recoil * np.array([[0, 1], [1, 4], [4, 9]]), rtol=1e-12)
    v = 1e-3 * recoil
    weak = A.mathieu_band_edges(v, period, 2)
    assert weak[1, 0] - weak[0, 1] == pytest.approx(2 * v, rel=1e-3)  # first gap = 2|U_G|


# ---------------------------------------------------------------------------------------------
# crust layers


def test_layer_table_sanity():
    rows = L.LAYERS
    assert len(rows) == 11
    n = np.array([r.n_bar for r in rows])
    assert np.all(np.diff(n) > 0)
    for r in rows:
        assert r.Z in (32, 40, 50) and r.A > r.Z
        assert 4 * math.pi / 3 * r.cell_radius**3 * r.n_ion == pytest.approx(1, rel=1e-12)
        assert r.n_bar * 4 * math.pi / 3 * r.cell_radius**3 == pytest.approx(r.A, rel=1e-12)
        assert 0 < r.n_gas < r.n_bar
        assert r.Z < r.cluster_nucleons < r.A
    assert np.all(np.diff([r.n_gas for r in rows]) > 0)


def test_layer_table_against_second_source():
    """Five rows transcribed independently (vanessagraber/glitchrises, microscopic_parameters.txt:
    n_b, Z, N, gas density) and bcc lattice spacings of NSs-FLF-RHUL/deepSKA."""
    second = {
        8.79e-4: (40, 280, 4.8e-4, 90.0),
        5.77e-3: (50, 1050, 47.0e-4, 72.5),
        2.04e-2: (50, 1750, 184.0e-4, 56.1),
        4.75e-2: (40, 1460, 436.0e-4, 39.8),
        7.89e-2: (32, 950, 737.0e-4, 29.2),
    }
    for n_bar, (z, n, gas, spacing) in second.items():
        r = L.layer(n_bar)
        assert r.n_bar == n_bar and (r.Z, r.N) == (z, n)
        assert r.n_gas == pytest.approx(gas, rel=1e-12)
        assert r.bcc_lattice_constant == pytest.approx(spacing, abs=0.06)


def test_layer_lookup():
    assert L.layer(L.LAYERS[3].n_bar) is L.LAYERS[3]
    mid = L.layer(0.03, mode="interpolate")
    assert mid.n_bar == 0.03 and mid.Z == L.layer(0.03).Z
    assert L.LAYERS[8].n_gas < mid.n_gas < L.LAYERS[9].n_gas
    for bad in (1e-4, 0.1, -1.0):
        with pytest.raises(ParameterError):
            L.layer(bad)
