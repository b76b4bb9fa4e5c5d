"""The reduced (optimal) basis of the 3D band solver (josephson.astro.crust.bands).

The reduced basis is a Rayleigh–Ritz subspace of the plane-wave space, so its energies are
upper bounds of the exact ones (Cauchy interlacing) and each lies within its residual
‖(H − ε)ψ‖ of an exact one (Bauer–Fike); the seed images are eigenvectors by the symmetry of
the crystal.  These are checked against direct diagonalisation in the full basis.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from josephson.astro.crust import bands as B
from josephson.astro.crust.bands import H2M, Lattice, PlaneWave, WoodsSaxon, superfluid_density
from josephson.errors import ParameterError

# a cell where the reduced basis is a third of the plane waves: the cutoff (3 × the depth
# scale) is far above the band window of the dilute gas
LAT = Lattice("bcc", 20.0)
POT = WoodsSaxon(depth=40.0, radius=4.0, diffuseness=0.7)
DENSITY = 0.01
FACTOR = 3.0


def _setup(reduce_tol=1e-4):
    method = PlaneWave(cutoff_factor=FACTOR, reduce_tol=reduce_tol)
    basis = B._basis(LAT, POT, B._auto_cutoff(LAT, POT, DENSITY, method))
    top = B._estimate_top(basis, LAT, DENSITY, method.window)
    red = B._reduced(basis, POT, top + B._spread(LAT, DENSITY), method, {"single": False})
    return basis, top, red


@pytest.fixture(scope="module")
def reduced():
    return _setup()


def _hamiltonian(basis, k):
    kg = basis.g + k[None, :]
    return basis.v + np.diag(H2M * np.einsum("ij,ij->i", kg, kg))


def test_seed_images_are_eigenvectors_at_the_rotated_point(reduced):
    # ψ(Rr) has Bloch vector Rᵀk and periodic part c'_G = c_RG: an eigenvector of H(Rᵀk)
    basis, _, red = reduced
    ks, which, ops = B._seed_points(LAT, None)
    assert len(ks) == 2 and len(which) == 8  # bcc: two of the eight points are irreducible
    checked = 0
    for w, r in zip(which, ops, strict=True):
        if np.allclose(r, np.eye(3)):
            continue
        e, c = red.seed_pairs[w]
        image = c[B._rotation_index(basis, r)]
        h = _hamiltonian(basis, red.seed_k[w] @ r)
        res = np.linalg.norm(h @ image - image * e[None, :], axis=0)
        assert np.max(res) < 1e-8 * np.max(np.abs(e))
        checked += 1
    assert checked == 6


def test_seed_images_through_the_mesh_representatives_are_eigenvectors(reduced):
    # the production path: seeds at the irreducible points of an 8-mesh, images by its ops
    basis, top, _ = reduced
    mesh = B._mesh(LAT, 8, np.zeros(3))
    ks, which, ops = B._seed_points(LAT, mesh)
    pairs = [B._seed({"basis": basis, "options": {"single": False}}, k, top) for k in ks]
    assert len(which) == 8
    for w, r in zip(which, ops, strict=True):
        e, c = pairs[w]
        image = c[B._rotation_index(basis, r)]
        h = _hamiltonian(basis, ks[w] @ r)
        res = np.linalg.norm(h @ image - image * e[None, :], axis=0)
        assert np.max(res) < 1e-8 * np.max(np.abs(e))


def test_no_reduced_basis_where_it_would_not_be_smaller():
    # a small cell at the default cutoff: the seeds span most of the plane waves
    lat, pot = Lattice("bcc", 16.0), WoodsSaxon(20.0, 3.5, 0.6)
    method = PlaneWave()
    basis = B._basis(lat, pot, B._auto_cutoff(lat, pot, 0.004, method))
    red = B._reduced(basis, pot, B._estimate_top(basis, lat, 0.004, 0.5) + 10.0, method,
                     {"single": False})  # fmt: skip
    assert red.b is None and red.size is None and len(red.seed_pairs) == 2
    res = superfluid_density(lat, pot, 0.004, method=PlaneWave(kmesh=8))
    assert res.reduced is None and np.isnan(res.residual) and res.direct_points == res.kpoints


def test_restriction_needs_the_coarse_plane_waves_to_be_the_first_ones(reduced):
    basis, _, red = reduced
    method = PlaneWave(cutoff_factor=FACTOR)
    coarse = B._basis(LAT, POT, 0.85 * basis.cutoff)
    sub = B._restrict(red, coarse, method, {"single": False})
    assert sub is not None and sub.size <= red.size
    assert np.max(np.abs(sub.b.T @ sub.b - np.eye(sub.size))) < 1e-10
    other = B._basis(Lattice("bcc", 21.0), POT, 0.85 * basis.cutoff)  # another lattice
    assert B._restrict(red, other, method, {"single": False}) is None


def test_seeds_are_the_irreducible_points_of_the_mesh_when_they_lie_on_it():
    for n, on in [(8, True), (12, True), (6, False), (10, False)]:
        mesh = B._mesh(LAT, n, np.zeros(3))
        ks, _, _ = B._seed_points(LAT, mesh)
        irr = B._fold(LAT, mesh.kfrac[mesh.irr])
        hits = [np.min(np.linalg.norm(irr - k[None, :], axis=1)) < 1e-12 for k in ks]
        assert all(hits) == on


def test_ritz_energies_are_upper_bounds_within_their_residuals(reduced):
    basis, top, red = reduced
    assert red.size < 0.5 * basis.size  # the basis is worth having here
    assert np.max(np.abs(red.b.T @ red.b - np.eye(red.size))) < 1e-10  # orthonormal
    rng = np.random.default_rng(7)
    for k in B._fold(LAT, rng.random((3, 3))):
        e_red, s2_red, _, res = B._solve_k_reduced(red, k, top=top, residual_tol=1.0)
        assert np.isfinite(res)
        e_dir, s2_dir, _ = B._solve_k(basis, k, top=top)
        m = min(e_red.size, e_dir.size)
        assert m > 50
        # interlacing: the i-th Ritz value is above the i-th eigenvalue, by at most the largest
        # residual of a Ritz pair (Bauer–Fike), and the bands are the same
        assert np.all(e_red[:m] >= e_dir[:m] - 1e-9)
        assert np.max(e_red[:m] - e_dir[:m]) <= res
        assert abs(e_red.size - e_dir.size) <= 1
        # Hellmann–Feynman speeds of non-degenerate bands agree (error first order in the
        # eigenvector error, ~ residual/gap)
        iso = np.ones(m, bool)
        gaps = np.diff(e_dir[:m])
        iso[1:] &= gaps > 0.05
        iso[:-1] &= gaps > 0.05
        vf = np.sqrt(s2_dir[:m][iso])
        assert np.max(np.abs(np.sqrt(s2_red[:m][iso]) - vf)) < 0.01 * np.max(vf)


def test_a_larger_singular_value_cut_gives_a_smaller_basis_with_larger_residuals(reduced):
    _, top, red = reduced
    _, _, coarse = _setup(reduce_tol=1e-2)
    assert coarse.size < red.size
    k = B._fold(LAT, np.array([[0.13, 0.29, 0.41]]))[0]
    fine_res = B._solve_k_reduced(red, k, top=top, residual_tol=10.0)[3]
    coarse_res = B._solve_k_reduced(coarse, k, top=top, residual_tol=10.0)[3]
    assert coarse_res > fine_res


def _fraction(solver, **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        m = PlaneWave(cutoff_factor=FACTOR, kmesh=8, precision="double", solver=solver, **kw)
        return superfluid_density(LAT, POT, DENSITY, method=m)


@pytest.fixture(scope="module")
def direct():
    return _fraction("direct")


def test_reduced_solver_gives_the_direct_result_far_inside_its_error(direct):
    red = _fraction("reduced")
    assert red.reduced is not None and red.reduced < 0.5 * red.plane_waves
    assert 0.0 < red.residual <= red.method.residual_tol
    assert red.direct_points == 2  # the two seeds are mesh points, done in full
    assert direct.reduced is None and direct.direct_points == direct.kpoints
    # the reduced basis must not add to the discretisation error it reports
    assert abs(red.fraction - direct.fraction) < 0.01 * direct.error
    assert abs(red.mu - direct.mu) < 0.01 * direct.mu_error
    assert abs(red.error - direct.error) < 0.01 * direct.error


def test_two_workers_and_single_precision_give_the_same_result(direct):
    # the worker path (memory-mapped reduced arrays, spawned processes) against the serial one
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        one = superfluid_density(LAT, POT, DENSITY,
                                 method=PlaneWave(cutoff_factor=FACTOR, kmesh=8))  # fmt: skip
        two = superfluid_density(LAT, POT, DENSITY,
                                 method=PlaneWave(cutoff_factor=FACTOR, kmesh=8, workers=2))  # fmt: skip
    # the workers' BLAS may run on another number of threads than the main process, which
    # changes the rounding of the single-precision seeds: a singular value at the cut can
    # then fall on either side of it; the physics must not notice
    assert one.reduced is not None and abs(two.reduced - one.reduced) <= 0.01 * one.reduced
    assert abs(two.fraction - one.fraction) < 0.01 * one.error
    assert abs(two.mu - one.mu) < 0.01 * one.mu_error
    # single precision (the default) against the double-precision direct solver
    assert abs(one.fraction - direct.fraction) < 0.01 * direct.error


def test_points_failing_the_residual_test_are_diagonalised_directly(direct):
    red = _fraction("reduced", residual_tol=1e-9)
    assert red.direct_points == red.kpoints
    assert red.fraction == pytest.approx(direct.fraction, rel=1e-9)
    assert red.mu == pytest.approx(direct.mu, rel=1e-9)


@pytest.mark.parametrize("kw", [{"solver": "lanczos"}, {"reduce_tol": 0.0},
                                {"reduce_tol": 1.5}, {"residual_tol": -1.0}])  # fmt: skip
def test_bad_reduced_settings_are_refused(kw):
    with pytest.raises(ParameterError, match=next(iter(kw))):
        PlaneWave(**kw)


def test_one_worker_pool_serves_the_whole_calculation_and_any_potential(direct, monkeypatch):
    # seeds, mesh and error-estimate runs share one pool; the workers receive the plane-wave
    # matrices, not the potential, so a lambda profile (unpicklable) runs in parallel too
    from concurrent.futures import ProcessPoolExecutor

    from josephson.astro.crust.bands import RadialPotential

    spawned = []

    class Counting(ProcessPoolExecutor):
        def __init__(self, *args, **kwargs):
            spawned.append(kwargs.get("max_workers"))
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(B, "ProcessPoolExecutor", Counting)
    lam = RadialPotential(lambda r: POT.profile(r), POT.rmax, POT.diffuseness)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        m = PlaneWave(cutoff_factor=FACTOR, kmesh=8, precision="double", workers=2)
        res = superfluid_density(LAT, lam, DENSITY, method=m)
    assert spawned == [2]
    assert res.reduced is not None and res.direct_points == 2
    assert abs(res.fraction - direct.fraction) < 0.01 * direct.error
    assert getattr(B._POOL, "pool", None) is None  # closed with the calculation


def test_a_search_over_meshes_diagonalises_the_seeds_once(monkeypatch):
    # the seeds (¼, ¾) are points of every mesh divisible by 4 and the reduced basis does not
    # depend on the mesh: within _shared_bases the second mesh reuses the first one's seeds
    # and gives exactly its own fresh result
    calls = []
    real = B._reduced
    monkeypatch.setattr(B, "_reduced", lambda *a, **k: calls.append(1) or real(*a, **k))

    def method(k):
        return PlaneWave(cutoff_factor=FACTOR, kmesh=k)

    fresh = {k: superfluid_density(LAT, POT, DENSITY, method=method(k)) for k in (4, 8)}
    assert len(calls) == 2 and all(r.reduced for r in fresh.values())
    calls.clear()
    with B._shared_bases(1):
        shared = {k: superfluid_density(LAT, POT, DENSITY, method=method(k)) for k in (4, 8)}
    assert len(calls) == 1
    for k in (4, 8):
        assert shared[k].kpoints == fresh[k].kpoints
        for name in ("fraction", "error", "mu", "residual"):
            assert getattr(shared[k], name) == pytest.approx(getattr(fresh[k], name),
                                                             rel=1e-12), (k, name)  # fmt: skip
    # outside the block nothing is shared
    superfluid_density(LAT, POT, DENSITY, method=method(4))
    assert len(calls) == 2
