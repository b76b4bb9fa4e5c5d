"""Band-theory superfluid density of neutrons in a periodic potential (josephson.astro.crust.bands).

Every expected value here comes from physics derived independently of the solver: the free
Fermi gas, second-order perturbation theory, Mathieu characteristic values from scipy, the
Fourier transform of the symmetrised Fermi function, Leggett's variational bound.  Tolerances
are stated where they are set and follow from the measured convergence rates.
"""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
import scipy.special as ssp

from josephson.astro.crust.bands import (
    H2M,
    Cosine,
    DebyeWaller,
    KronigPenney,
    Lattice,
    PlaneWave,
    RadialPotential,
    WoodsSaxon,
    _basis,
    band_structure,
    fermi_level,
    leggett_bound,
    plane_wave_count,
    superfluid_density,
)
from josephson.errors import ParameterError

A1 = 10.0  # 1D period (fm)
E1 = H2M * (math.pi / A1) ** 2  # Mathieu energy unit ħ²π²/2ma² (MeV)
N1 = 0.123  # 1D density (fm⁻¹): k_F = πn/2 = 0.193 fm⁻¹, 0.62 of the zone edge π/a


def _quiet(fn, *args, **kwargs):
    """Call fn with the unconverged-result warning silenced (convergence is asserted here)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return fn(*args, **kwargs)


# --------------------------------------------------------------------------- constants
def test_hbar2_over_2m_from_scipy():
    # ħ²/2m_n = (ħc)²/(2 m_n c²) with CODATA values: 20.72125 MeV fm²
    assert H2M == pytest.approx(20.72124, abs=2e-5)


# --------------------------------------------------------------------------- 1. empty lattice
@pytest.mark.parametrize("n", [0.05, N1, 0.2, 0.31])
def test_empty_lattice_1d_is_the_free_gas(n):
    # U = 0: μ = ħ²k_F²/2m with k_F = πn/2, and n_s = 2k_F/π = n.  n = 0.2 fills exactly one
    # band (na/2 = 1): the Fermi point sits on the zone edge where two bands touch.
    lat = Lattice("1d", A1)
    res = superfluid_density(lat, Cosine(0.0), n)
    kf = math.pi * n / 2.0
    assert res.mu == pytest.approx(H2M * kf * kf, rel=1e-12)
    assert abs(res.fraction - 1.0) <= 1e-6
    assert res.converged


def test_empty_lattice_1d_with_a_gap_is_still_all_superfluid():
    # Galilean invariance: a uniform BCS superfluid at T = 0 has n_s = n for any Δ (integrate
    # ε'²Δ²/E³ by parts: it equals 4(ħ²/2m)∫v² dk).  The constant-gap formula keeps this.
    lat = Lattice("1d", A1)
    for gap in (0.01, 0.3):
        res = superfluid_density(lat, Cosine(0.0), N1, gap=gap)
        assert abs(res.fraction - 1.0) <= 1e-5


def test_empty_lattice_bcc_converges_to_the_free_gas():
    # bcc, a = 20 fm, n = 0.03 fm⁻³: ~120 folded bands cross μ.  The Gilat–Raubenheimer sampling
    # is exact for linear bands, so its error is the curvature of ε = ħ²|k+G|²/2m over one mesh
    # cell: O(h²).  Measured |μ/ε_F − 1| = 8e-4 (kmesh 8) and 2e-4 (16), |f − 1| = 4e-4 and
    # 4e-6; asserted with margin: |f − 1| ≤ 2e-3, |μ/ε_F − 1| ≤ 2e-3 and falling ≥ 3× per halving.
    lat = Lattice("bcc", 20.0)
    n = 0.03
    ef = H2M * (3.0 * math.pi**2 * n) ** (2.0 / 3.0)
    errs = []
    for nk in (8, 16):
        res = _quiet(superfluid_density, lat, WoodsSaxon(0.0, 5.0, 0.6), n,
                     method=PlaneWave(kmesh=nk))  # fmt: skip
        errs.append(abs(res.mu / ef - 1.0))
        assert abs(res.fraction - 1.0) <= 2e-3
    assert errs[1] <= 2e-3
    assert errs[0] / errs[1] > 3.0  # second order in the mesh step: ratio 4 expected


# --------------------------------------------------------------------------- potentials
def test_woods_saxon_fourier_matches_symmetrised_fermi_closed_form():
    # The symmetrised Fermi function sinh(R/d)/(cosh(R/d) + cosh(r/d)) differs from the
    # Woods–Saxon form by < e^{−R/d} (2e-9 for R/d = 20) and has the closed transform
    # F(q) = 4π²dR/(q sinh πqd) [(πd/R) coth(πqd) sin qR − cos qR]  (q → 0: (4π/3)R³(1 + π²d²/R²)).
    depth, r0, d = 30.0, 8.0, 0.4
    lat = Lattice("bcc", 30.0)
    q = np.array([1e-4, 0.05, 0.3, 0.9, 1.7, 2.6])
    g = np.column_stack([q, np.zeros_like(q), np.zeros_like(q)])
    u = WoodsSaxon(depth, r0, d).fourier(lat, g)
    x = math.pi * q * d
    f = 4 * math.pi**2 * d * r0 / (q * np.sinh(x)) * (
        math.pi * d / r0 / np.tanh(x) * np.sin(q * r0) - np.cos(q * r0))
    expected = -depth * f / lat.volume
    assert np.allclose(u, expected, rtol=1e-7, atol=1e-10 * depth)
    # an arbitrary profile through RadialPotential gives the same numbers
    rp = RadialPotential(WoodsSaxon(depth, r0, d).profile, rmax=r0 + 37 * d, feature=d)
    assert np.allclose(rp.fourier(lat, g), u, rtol=1e-10, atol=1e-12)


def test_kronig_penney_and_cosine_coefficients():
    lat = Lattice("1d", A1)
    b = 2 * math.pi / A1
    g = np.array([[0.0], [b], [-2 * b], [3 * b]])
    assert np.allclose(Cosine(1.3).fourier(lat, g), [0, 1.3, 0, 0])
    h, w = 5.0, 2.0  # Ũ(G) = (h/a)∫_{−w/2}^{w/2} e^{−iGx} dx = 2h sin(Gw/2)/(Ga)
    expected = [h * w / A1] + [2 * h * math.sin(gg * w / 2) / (gg * A1) for gg in g[1:, 0]]
    assert np.allclose(KronigPenney(h, w).fourier(lat, g), expected, rtol=1e-13)


# --------------------------------------------------------------------------- 2. perturbation
def test_weak_cosine_matches_second_order_perturbation_theory():
    # U = 2V cos(bx), b = 2π/a, couples k to k ± b with Ũ = V.  Away from the Bragg point
    # k = b/2, ε(k) = ħ²k²/2m − (2V²/(ħ²/2m))/(b² − 4k²) + O(V⁴) in the extended zone; the
    # occupied set stays |k| < k_F = πn/2, and n_s = (m/πħ²)·2ε'(k_F) gives
    #     f = 1 + c V² + O(V⁴),   c = −8/[(ħ²/2m)(b² − 4k_F²)]².
    lat = Lattice("1d", A1)
    b = 2 * math.pi / A1
    kf = math.pi * N1 / 2
    c = -8.0 / (H2M * (b * b - 4 * kf * kf)) ** 2
    g = {v: (superfluid_density(lat, Cosine(v), N1).fraction - 1.0) / v**2 for v in (0.1, 0.05)}
    assert g[0.05] == pytest.approx(c, rel=3e-3)  # O(V²) remainder: measured 8e-4 at V = 0.05
    richardson = (4 * g[0.05] - g[0.1]) / 3  # removes the O(V²) term of g
    assert richardson == pytest.approx(c, rel=1e-4)


# --------------------------------------------------------------------------- 3. exact 1D
def test_mathieu_band_edges():
    # −(ħ²/2m)ψ'' + 2V cos(2πx/a)ψ = Eψ is Mathieu's y'' + (A − 2q cos 2z)y = 0, z = πx/a,
    # A = E/E₁, q = V/E₁.  Band edges: k = 0 (π-periodic): a₀, b₂, a₂, b₄; k = π/a
    # (π-antiperiodic): b₁, a₁, b₃, a₃ — scipy's characteristic values, an independent method.
    lat = Lattice("1d", A1)
    for v in (0.4, 1.5, 6.0):
        q = v / E1
        ds = band_structure(lat, Cosine(v), [0.0, math.pi / A1], bands=4)
        e = ds["energy"].values / E1
        gamma = [ssp.mathieu_a(0, q), ssp.mathieu_b(2, q), ssp.mathieu_a(2, q), ssp.mathieu_b(4, q)]
        edge = [ssp.mathieu_b(1, q), ssp.mathieu_a(1, q), ssp.mathieu_b(3, q), ssp.mathieu_a(3, q)]
        assert np.allclose(e[0], gamma, rtol=1e-9, atol=1e-9)
        assert np.allclose(e[1], edge, rtol=1e-9, atol=1e-9)


def _kp_dispersion(energy, h, w, a):
    """cos(ka) of the Kronig–Penney model (barriers h of width w, period a) at energy E."""
    q = math.sqrt(energy / H2M)
    s = a - w
    if energy > h:
        p = math.sqrt((energy - h) / H2M)
        return math.cos(q * s) * math.cos(p * w) - (q * q + p * p) / (2 * q * p) * math.sin(
            q * s) * math.sin(p * w)
    kap = math.sqrt((h - energy) / H2M)
    return math.cos(q * s) * math.cosh(kap * w) + (kap * kap - q * q) / (2 * q * kap) * math.sin(
        q * s) * math.sinh(kap * w)


def test_kronig_penney_fermi_level_and_superfluid_density():
    # Closed form: cos(ka) = F(E).  The Fermi point k_F = πn/2 (first band) gives μ by root
    # finding, and dE/dk = −a sin(ka)/F'(E) gives n_s = |ε'(k_F)|/(π ħ²/2m) exactly.
    # Plane waves converge algebraically for a discontinuous potential (Ũ ~ 1/G, ψ'' jumps): the
    # error falls like cutoff^{-3/2} (measured 8e-5, 1.1e-5, 2.1e-6, 4.4e-7 at 10³, 3·10³,
    # 10⁴, 3·10⁴ MeV); at 3·10⁴ MeV (121 plane waves) it is 4e-7.
    import scipy.optimize as so

    h, w = 8.0, 2.0
    lat = Lattice("1d", A1)
    kf = math.pi * N1 / 2
    target = math.cos(kf * A1)
    # first band: the lowest energy where F(E) − cos(k_F a) changes sign (scan, then refine)
    grid = np.linspace(1e-6, h + 4 * E1, 4001)
    vals = np.array([_kp_dispersion(e, h, w, A1) - target for e in grid])
    i = int(np.flatnonzero(np.sign(vals[:-1]) != np.sign(vals[1:]))[0])
    mu = so.brentq(lambda e: _kp_dispersion(e, h, w, A1) - target, grid[i], grid[i + 1],
                   xtol=1e-14)  # fmt: skip
    de = 1e-6
    dfde = (_kp_dispersion(mu + de, h, w, A1) - _kp_dispersion(mu - de, h, w, A1)) / (2 * de)
    slope = abs(-A1 * math.sin(kf * A1) / dfde)
    exact_fraction = slope / (math.pi * H2M) / N1
    res = superfluid_density(lat, KronigPenney(h, w), N1, method=PlaneWave(cutoff=3e4))
    assert res.mu == pytest.approx(mu, rel=2e-6)
    assert res.fraction == pytest.approx(exact_fraction, rel=2e-6)
    assert 0.0 < exact_fraction < 1.0
    # the reported error bounds the actual one at every cutoff, the default included (the
    # largest change to ½–⅞ of the cutoff; one coarser cutoff alone understated it up to 27×)
    for cutoff in (None, 1e3, 3e3, 1e4, 3e4):
        r = superfluid_density(lat, KronigPenney(h, w), N1, method=PlaneWave(cutoff=cutoff))
        assert abs(r.fraction - exact_fraction) <= r.error
        assert abs(r.mu - mu) <= r.mu_error


# --------------------------------------------------------------------------- 4. bounds
def test_leggett_bound_and_monotonic_suppression_1d():
    # Leggett's bound f_s ≤ 1/(⟨n⟩⟨1/n⟩) holds for fermions too (the twisted trial state
    # e^{iΣφ(x_j)}Ψ₀ raises the energy by exactly (ħ²/2m)∫n φ'², see leggett_bound), with n(x)
    # the ground-state density of the band solution.  f_s also falls monotonically with V.
    lat = Lattice("1d", A1)
    fracs = []
    for v in (0.25, 0.5, 1.0, 2.0, 4.0, 8.0):
        f = superfluid_density(lat, Cosine(v), N1).fraction
        bound = leggett_bound(lat, Cosine(v), N1)
        assert 0.0 <= f <= bound <= 1.0
        fracs.append(f)
    assert np.all(np.diff(fracs) < 0)
    assert fracs[-1] < 0.05  # deep lattice: tunnelling-limited band, nearly insulating


def test_density_profile_integrates_to_the_density():
    from josephson.astro.crust.bands import density_profile

    prof = density_profile(Lattice("1d", A1), Cosine(2.0), N1, points=128)
    nx = prof["density"].values
    assert np.mean(nx) == pytest.approx(N1, rel=1e-9)
    assert np.argmin(nx) == 0  # U = 2V cos(2πx/a) is highest at x = 0 for V > 0


# --------------------------------------------------------------------------- 5. BCS
def test_bcs_tends_to_weak_pairing_as_gap_closes():
    # n_s(Δ) = ∫K(ξ)W(μ+ξ)dξ with K = Δ²/2E³ a unit-weight kernel of width Δ whose second
    # moment diverges logarithmically: n_s(Δ) − n_s(0) ∝ Δ² ln(B/Δ) (B a band scale), so halving
    # Δ divides the deviation by 4·ln(B/Δ)/ln(2B/Δ) ∈ (3, 4).
    lat = Lattice("1d", A1)
    weak = superfluid_density(lat, Cosine(1.0), N1).fraction
    dev = {}
    for gap in (0.02, 0.01, 0.005):
        res = superfluid_density(lat, Cosine(1.0), N1, gap=gap)
        dev[gap] = abs(res.fraction - weak)
        assert res.converged
    assert 3.0 < dev[0.02] / dev[0.01] < 4.2
    assert 3.0 < dev[0.01] / dev[0.005] < 4.2
    tiny = superfluid_density(lat, Cosine(1.0), N1, gap=1e-4).fraction
    assert tiny == pytest.approx(weak, abs=1e-6)


def test_bcs_nearly_independent_of_gap_below_the_band_gap():
    # The relevant scale is the distance from μ to the nearest band edge (δ, here ≈ 0.58 MeV
    # for V = 1 MeV; the Bragg gap itself is 2.98 MeV).  Measured: Δ = 0.01 δ changes f by
    # < 1e-3 relative; Δ ≈ δ by tens of per cent.
    lat = Lattice("1d", A1)
    pot = Cosine(1.0)
    weak = superfluid_density(lat, pot, N1)
    edges = band_structure(lat, pot, [0.0, math.pi / A1], bands=2)["energy"].values
    top = edges[1, 0]  # first band: minimum at k = 0, maximum at π/a
    delta = min(weak.mu - edges[0, 0], top - weak.mu)
    small = superfluid_density(lat, pot, N1, gap=0.01 * delta).fraction
    large = superfluid_density(lat, pot, N1, gap=delta).fraction
    assert abs(small / weak.fraction - 1.0) < 1e-3
    assert abs(large / weak.fraction - 1.0) > 0.1


# --------------------------------------------------------------------------- 7. bad input
@pytest.mark.parametrize(
    ("call", "argument"),
    [
        (lambda: superfluid_density(Lattice("1d", A1), Cosine(1.0), 0.0), "density"),
        (lambda: superfluid_density(Lattice("1d", A1), Cosine(1.0), -0.1), "density"),
        (lambda: Lattice("1d", 0.0), "spacing"),
        (lambda: Lattice("bcc", -5.0), "spacing"),
        (lambda: Lattice("hcp", 10.0), "kind"),
        (lambda: PlaneWave(cutoff=0.0), "cutoff"),
        (lambda: PlaneWave(cutoff=-10.0), "cutoff"),
        (lambda: superfluid_density(Lattice("1d", A1), Cosine(1.0), N1, gap=-0.1), "gap"),
        (lambda: fermi_level(Lattice("1d", A1), Cosine(1.0), float("nan")), "density"),
        (lambda: superfluid_density(Lattice("bcc", 20.0), WoodsSaxon(10.0, 4.0, 0.6), 1e-7),
         "density"),  # below the band bottom at the mesh resolution
        (lambda: superfluid_density(Lattice("1d", A1), WoodsSaxon(10.0, 4.0, 0.6), N1),
         "potential"),
        (lambda: superfluid_density(Lattice("bcc", 20.0), KronigPenney(1.0, 1.0), 0.01),
         "potential"),
        (lambda: KronigPenney(1.0, 12.0).fourier(Lattice("1d", A1), [[0.0]]), "width"),
        (lambda: PlaneWave(kmesh=1), "kmesh"),
        (lambda: PlaneWave(integration="simpson"), "integration"),
    ],
)
def test_bad_input_raises_parameter_error(call, argument):
    with pytest.raises(ParameterError) as info:
        call()
    assert info.value.argument == argument


# --------------------------------------------------------------------------- lattices, 3D H
@pytest.mark.parametrize(("kind", "sites"), [("sc", 1), ("bcc", 2), ("fcc", 4)])
def test_lattice_geometry(kind, sites):
    lat = Lattice(kind, 20.0)
    assert lat.volume == pytest.approx(20.0**3 / sites, rel=1e-13)
    assert np.allclose(lat.primitive @ lat.reciprocal.T, 2 * math.pi * np.eye(3))
    again = Lattice.for_density(kind, 1.0 / lat.volume)
    assert again.spacing == pytest.approx(20.0, rel=1e-13)
    assert Lattice.for_density("1d", 0.1).spacing == pytest.approx(10.0)


def test_separable_cosine_on_sc_is_a_sum_of_1d_bands():
    # U = 2V Σ_i cos(2πx_i/a) separates: ε(k) = ε₁(k_x) + ε₁(k_y) + ε₁(k_z), a check of the 3D
    # plane-wave Hamiltonian (basis, Ũ(G − G') lookup) against the 1D solver.
    v, a = 2.0, 12.0
    k = np.array([0.07, -0.11, 0.2])
    one = band_structure(Lattice("1d", a), Cosine(v), k, bands=1, method=PlaneWave(cutoff=400.0))
    expected = float(np.sum(one["energy"].values[:, 0]))
    three = band_structure(Lattice("sc", a), Cosine(v), k[None, :], bands=1,
                           method=PlaneWave(cutoff=150.0))  # fmt: skip
    assert three["energy"].values[0, 0] == pytest.approx(expected, abs=1e-9)


# --------------------------------------------------------------------------- 6. 3D convergence
BCC = Lattice("bcc", 16.0)
WS = WoodsSaxon(20.0, 3.5, 0.6)
NB = 0.004  # fm⁻³: 4.1 bands per spin filled; the lowest are bound in the wells


def test_3d_converges_with_cutoff():
    # The Woods–Saxon Fourier components fall like e^{−πdG}: the fraction converges faster
    # than any power of the cutoff.  Measured |f(E_c) − f(135 MeV)| = 3.5e-4, 5.8e-5, 4.8e-6 at
    # E_c = 40, 60, 90 MeV (×1.5 per step divides the error by 6, then 12).
    f = {c: _quiet(superfluid_density, BCC, WS, NB, method=PlaneWave(kmesh=8, cutoff=c)).fraction
         for c in (40.0, 60.0, 90.0, 135.0)}  # fmt: skip
    err = [abs(f[c] - f[135.0]) for c in (40.0, 60.0, 90.0)]
    assert err[0] / err[1] > 4.0 and err[1] / err[2] > 4.0
    assert err[2] < 2e-5


def test_3d_converges_with_kmesh_and_the_reported_error_bounds_the_actual_one():
    # Gilat–Raubenheimer sampling is pre-asymptotic until h·|∇ε| resolves the Bragg gaps at μ,
    # then faster than h².  Measured |f(n) − f(48)| = 2.9e-3 (n = 8), 9.5e-4 (16), 3e-6 (32);
    # the reported errors are 3.7e-3 and 1.9e-3 at n = 8 and 16: they bound the actual ones.
    res = {n: _quiet(superfluid_density, BCC, WS, NB, method=PlaneWave(kmesh=n))
           for n in (8, 16, 32, 48)}  # fmt: skip
    ref = res[48].fraction
    err = {n: abs(res[n].fraction - ref) for n in (8, 16, 32)}
    assert err[16] < err[8] / 2.0
    assert err[32] < err[16] / 8.0  # h² would divide by 4
    for n in (8, 16, 32):
        assert res[n].error >= err[n]
    # the tetrahedron method agrees within the same error (it is worse when folded bands cross
    # inside tetrahedra, see the module notes)
    tet = _quiet(superfluid_density, BCC, WS, NB,
                 method=PlaneWave(kmesh=16, integration="tetrahedron"))  # fmt: skip
    assert abs(tet.fraction - ref) <= 3 * res[16].error


@pytest.mark.parametrize("kmesh", [8, 16])
@pytest.mark.parametrize(
    "cell, shift",
    [
        (((1, 1, 0), (0, 1, 0), (0, 0, 1)), 0.0),  # a sheared primitive cell
        (((1, 0, 0), (1, 1, 0), (1, 1, 1)), 0.0),
        (((1, 1, 0), (0, 1, 0), (0, 0, 1)), 0.5),  # other cell and other points
        (None, 0.5),  # the mesh origin moved by half a step
        (None, (0.5, 0.0, 0.25)),
    ],
)
def test_3d_result_does_not_depend_on_cell_or_mesh_origin_beyond_its_error(kmesh, cell, shift):
    # Another primitive cell of the same lattice, or another mesh origin, samples the zone at
    # other points: the fraction may change, but by no more than the errors either reports.
    base = _quiet(superfluid_density, BCC, WS, NB, method=PlaneWave(kmesh=kmesh))
    lat = Lattice("bcc", BCC.spacing, cell=cell)
    assert lat.volume == pytest.approx(BCC.volume, rel=1e-12)
    other = _quiet(superfluid_density, lat, WS, NB, method=PlaneWave(kmesh=kmesh, shift=shift))
    assert abs(other.fraction - base.fraction) <= max(other.error, base.error)
    assert abs(other.mu - base.mu) <= max(other.mu_error, base.mu_error)


def test_cell_choice_keeps_the_lattice():
    # the reciprocal lattice of a sheared cell is the same set of vectors: equal band energies
    k = np.array([[0.01, 0.02, 0.03]])
    cell = ((1, 1, 0), (0, 1, 0), (0, 0, 1))
    method = PlaneWave(cutoff=60.0, precision="double")
    e0 = band_structure(BCC, WS, k, bands=6, method=method)["energy"].values
    e1 = band_structure(Lattice("bcc", 16.0, cell=cell), WS, k, bands=6,
                        method=method)["energy"].values  # fmt: skip
    np.testing.assert_allclose(e1, e0, rtol=0, atol=1e-9)
    for bad in (((1, 1, 0), (1, 1, 0), (0, 0, 1)), ((2, 0, 0), (0, 1, 0), (0, 0, 1)),
                ((0.5, 0, 0), (0, 1, 0), (0, 0, 1)), "x"):  # fmt: skip
        with pytest.raises(ParameterError, match="cell"):
            Lattice("bcc", 16.0, cell=bad)
    with pytest.raises(ParameterError, match="cell"):
        Lattice("1d", 16.0, cell=((1, 0, 0), (0, 1, 0), (0, 0, 1)))


def test_3d_bcs_tends_to_weak_pairing():
    # Same kernel argument as in 1D: the deviation is O(Δ² ln Δ); at Δ = 1e-3 MeV it is below
    # 1e-6 (measured 2e-8), and μ moves by O(Δ²) (measured 2.5e-6 MeV).
    m = PlaneWave(kmesh=8)
    weak = _quiet(superfluid_density, BCC, WS, NB, method=m)
    bcs = _quiet(superfluid_density, BCC, WS, NB, gap=1e-3, method=m)
    assert abs(bcs.fraction - weak.fraction) < 1e-6
    assert abs(bcs.mu - weak.mu) < 1e-4
    assert 0.0 < weak.fraction < 1.0


def test_unconverged_result_is_flagged_and_warns():
    with pytest.warns(RuntimeWarning, match="not converged"):
        res = superfluid_density(BCC, WS, 0.02, method=PlaneWave(kmesh=4, tol=1e-4))
    assert not res.converged
    assert res.error > 1e-4
    ds = res.to_dataset()
    assert int(ds["converged"]) == 0 and ds.attrs["computation"].endswith("superfluid_density")
    assert float(ds["fraction"]) == res.fraction


def test_debye_waller_potential_is_the_cluster_averaged_over_its_zero_point_motion():
    # Two routes: the factor exp(−G²⟨δr²⟩/6) on the cluster's transform, and the transform of
    # the real-space average over isotropic Gaussian displacements (profile, then quadrature)
    lat = Lattice("bcc", 12.0)
    base = WoodsSaxon(20.0, 3.0, 0.6)
    g = lat.reciprocal[[0, 0, 1]] * np.array([[1.0], [3.0], [5.0]])
    ref = abs(base.fourier(lat, g[:1])[0])
    for msd in (0.5, 2.0):
        pot = DebyeWaller(base, msd)
        real = RadialPotential(pot.profile, pot.rmax, min(0.6, math.sqrt(msd / 3))).fourier(lat, g)
        np.testing.assert_allclose(pot.fourier(lat, g), real, rtol=0, atol=1e-8 * ref)
        # the average of a well is shallower and wider: same volume integral Ũ(0)
        assert pot.profile(0.0) > base.profile(0.0)
        assert pot.fourier(lat, np.zeros((1, 3)))[0] == pytest.approx(
            base.fourier(lat, np.zeros((1, 3)))[0], rel=1e-12)
    still = DebyeWaller(base, 0.0)
    np.testing.assert_array_equal(still.fourier(lat, g), base.fourier(lat, g))
    for bad, word in (((base, -1.0), "msd"), ((Cosine(1.0), 1.0), "base")):
        with pytest.raises(ParameterError, match=word):
            DebyeWaller(*bad)
    with pytest.raises(ParameterError, match="lattice"):
        DebyeWaller(base, 1.0).fourier(Lattice("1d", 10.0), [[1.0]])


def test_dense_1d_error_estimate_skips_cutoffs_too_low_for_the_bands():
    # 50 filled bands: half the default cutoff cannot hold them; the estimate uses the others
    lat = Lattice("1d", 20.0)
    res = _quiet(superfluid_density, lat, Cosine(1.0), 5.0)
    assert np.isfinite(res.error) and 0.0 < res.fraction <= 1.0
    # a cutoff that only just holds the bands leaves no lower one: the error is unknown
    tight = _quiet(superfluid_density, lat, Cosine(1.0), 5.0, method=PlaneWave(cutoff=H2M * (
        2 * math.pi * 26 / 20.0) ** 2))  # fmt: skip
    assert tight.error == math.inf and not tight.converged


def test_plane_wave_count_is_the_basis_size():
    for lat, cutoff in ((Lattice("bcc", 16.0), 60.0), (Lattice("fcc", 20.0), 45.0),
                        (Lattice("1d", 10.0), 500.0)):  # fmt: skip
        pot = Cosine(1.0) if lat.dim == 1 else WS
        assert plane_wave_count(lat, cutoff) == _basis(lat, pot, cutoff).size
    # many plane waves: Ω G_c³/6π², the volume of the sphere over that of a reciprocal cell
    big = Lattice("bcc", 100.0)
    expected = big.volume * (80.0 / H2M) ** 1.5 / (6 * math.pi**2)
    assert plane_wave_count(big, 80.0) == pytest.approx(expected, rel=0.01)


def test_debye_waller_potential_records_its_base_and_works_with_any_radial_base():
    from josephson._provenance import provenance
    from josephson.astro.crust import bound_neutrons

    radial = RadialPotential(lambda r: -30.0 * (r < 5.0), 6.0, 0.1)
    pot = DebyeWaller(radial, 1.0)
    attrs = provenance(computation="test", model=pot, method=None)
    assert "DebyeWaller" in attrs["model"] and "RadialPotential" in attrs["model"]
    assert "WoodsSaxon" in provenance(computation="t", model=DebyeWaller(WS, 1.0),
                                      method=None)["model"]  # fmt: skip
    assert np.shape(pot.profile(2.0)) == () and pot.profile(np.zeros((2, 3))).shape == (2, 3)
    total, per_l = bound_neutrons(DebyeWaller(WoodsSaxon(40.0, 6.0, 0.7), 1.0))
    assert total == sum(2 * (2 * ell + 1) * k for ell, k in enumerate(per_l)) > 0


def test_a_lower_cutoff_basis_is_the_first_plane_waves_of_a_higher_one():
    # the error-estimate run takes its basis as a slice of the main one
    from josephson.astro.crust.bands import _sub_basis

    for lat in (Lattice("bcc", 16.0), Lattice("fcc", 20.0), Lattice("sc", 12.0)):
        fine = _basis(lat, WS, 60.0)
        for cutoff in (25.0, 41.3):
            own, sub = _basis(lat, WS, cutoff), _sub_basis(fine, WS, cutoff)
            assert np.array_equal(own.m, sub.m) and np.array_equal(own.g, sub.g)
            assert np.max(np.abs(own.v - sub.v)) < 1e-12 * np.max(np.abs(own.v))
