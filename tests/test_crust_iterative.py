"""Bases beyond the dense limit (josephson.astro.crust.bands): Ũ applied by FFT and the
iterative eigensolver (LOBPCG), checked against the dense matrix and diagonalisation of the
same basis (MAX_DENSE lowered so that small cells take the large-cell path)."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from josephson.astro.crust import bands as B
from josephson.astro.crust.bands import Cosine, Lattice, PlaneWave, WoodsSaxon, superfluid_density
from josephson.errors import ConvergenceError

LAT = Lattice("bcc", 24.0)
POT = WoodsSaxon(depth=40.0, radius=5.0, diffuseness=0.7)
CUTOFF = 80.0
K = np.array([0.03, 0.011, 0.007])  # a generic Bloch vector: no degeneracy by symmetry


@pytest.fixture(scope="module")
def bases():
    return B._basis(LAT, POT, CUTOFF), B._basis(LAT, POT, CUTOFF, dense=False)


@pytest.mark.parametrize("lattice, potential", [
    (Lattice("bcc", 24.0), POT),
    (Lattice("fcc", 30.0), WoodsSaxon(depth=25.0, radius=4.0, diffuseness=0.5)),
    (Lattice("sc", 12.0), Cosine(3.0)),  # not spherical: Ũ(G) on the whole box of differences
])  # fmt: skip
def test_fft_application_is_the_dense_matrix(lattice, potential):
    dense = B._basis(lattice, potential, 60.0)
    grid = B._basis(lattice, potential, 60.0, dense=False)
    assert grid.v is None and np.array_equal(grid.m, dense.m) and grid.v0 == dense.v0
    # 37 columns: three chunks of transforms and one unpaired column
    x = np.random.default_rng(1).standard_normal((dense.size, 37))
    exact = dense.v @ x
    assert np.max(np.abs(grid.apply_u(x) - exact)) < 1e-12 * np.max(np.abs(exact))


def test_probe_basis_is_the_dense_basis_of_its_cutoff(bases, monkeypatch):
    _, grid = bases
    monkeypatch.setattr(B, "PROBE_PLANE_WAVES", 300)
    grid.probe = None
    probe = B._probe_basis(grid)
    own = B._basis(LAT, POT, probe.cutoff)
    assert probe.size == own.size and 300 <= probe.size < grid.size  # whole shells
    assert np.array_equal(probe.m, own.m)
    assert np.max(np.abs(probe.v - own.v)) < 1e-12 * np.max(np.abs(own.v))


@pytest.mark.parametrize("top, count", [(2.0, None), (None, 40)])
def test_iterative_eigenpairs_agree_with_dense_diagonalisation(bases, top, count, monkeypatch):
    dense, grid = bases
    monkeypatch.setattr(B, "PROBE_PLANE_WAVES", 300)  # a poor start: the iteration does the work
    grid.probe = None
    e0, c0 = B._eigenpairs(dense, K, top, count)
    e1, c1 = B._eigenpairs(grid, K, top, count)
    assert e1.size == e0.size > 20
    # Bauer–Fike: each Ritz value lies within its residual (≤ ITERATIVE_TOL) of an eigenvalue;
    # the error of a well separated one is second order
    assert np.max(np.abs(e1 - e0)) < B.ITERATIVE_TOL
    h = dense.v + np.diag(dense.kinetic(K))
    res = np.linalg.norm(h @ c1 - c1 * e1[None, :], axis=0)
    assert np.max(res) <= B.ITERATIVE_TOL
    assert np.max(np.abs(c1.T @ c1 - np.eye(e1.size))) < 1e-10  # orthonormal eigenvectors
    # the same invariant subspace: the dense eigenvectors lie in the span of the iterative ones
    assert np.min(np.linalg.svd(c1.T @ c0, compute_uv=False)) > 1 - 1e-4


def test_iterative_solver_finds_the_bands_its_start_misses(bases, monkeypatch):
    # a tiny probe counts far too few bands below ``top`` (its energies lie far above): the
    # block must grow until it holds them all
    dense, grid = bases
    monkeypatch.setattr(B, "PROBE_PLANE_WAVES", 40)
    grid.probe = None
    probe = B._probe_basis(grid)
    h = probe.v + np.diag(probe.kinetic(K))
    e0 = B._eigenpairs(dense, K, 2.0, None)[0]
    assert np.count_nonzero(np.linalg.eigvalsh(h) < 2.0) < 0.5 * e0.size
    e1 = B._eigenpairs(grid, K, 2.0, None)[0]
    assert e1.size == e0.size and np.max(np.abs(e1 - e0)) < B.ITERATIVE_TOL
    # started from a block that lacks two of the bands below ``top``, and from nothing more
    c = B._eigenpairs(dense, K, 2.0, None)[1]
    e2 = B._iterative(grid, K, top=2.0, x0=np.delete(c, [3, 10], axis=1))[0]
    assert e2.size == e0.size and np.max(np.abs(e2 - e0)) < B.ITERATIVE_TOL


def test_iterative_solver_says_when_it_has_not_converged(bases, monkeypatch):
    _, grid = bases
    monkeypatch.setattr(B, "ITERATIVE_MAXITER", 1)
    monkeypatch.setattr(B, "ITERATIVE_TOL", 1e-12)
    x0 = np.random.default_rng(0).standard_normal((grid.size, 30))
    with pytest.raises(ConvergenceError, match="iterative"):
        B._iterative(grid, K, count=20, x0=x0)


# a cell where the reduced basis is a third of the plane waves (as in test_crust_reduced)
CELL = Lattice("bcc", 20.0)
WELL = WoodsSaxon(depth=40.0, radius=4.0, diffuseness=0.7)


@pytest.mark.parametrize("workers, residual_tol", [(1, 0.02), (2, 0.02), (1, 2e-3), (2, 2e-3)])
def test_superfluid_density_beyond_the_dense_limit_is_the_dense_one(workers, residual_tol,
                                                                    monkeypatch):  # fmt: skip
    # residual_tol 2e-3 sends mesh points to the full basis: there the iterative solver,
    # started from their Ritz vectors.  In this process the probe is small, so the seeds are
    # iterated from a poor start (spawned workers keep the default probe, the whole basis)
    monkeypatch.setattr(B, "PROBE_PLANE_WAVES", 300)
    method = PlaneWave(cutoff_factor=3.0, precision="double", workers=workers,
                       residual_tol=residual_tol)  # fmt: skip
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        dense = superfluid_density(CELL, WELL, 0.01, method=method)
        monkeypatch.setattr(B, "MAX_DENSE", 100)
        large = superfluid_density(CELL, WELL, 0.01, method=method)
    assert large.plane_waves == dense.plane_waves > 100
    if residual_tol < 0.02:
        assert large.direct_points == dense.direct_points > 0
    # energies to ~ITERATIVE_TOL²/gap: the fraction and μ agree far inside the error estimate
    assert abs(large.fraction - dense.fraction) < 1e-6
    assert abs(large.mu - dense.mu) < 1e-6
    assert abs(large.error - dense.error) < 1e-6


@pytest.mark.parametrize("given, cores, workers, expected", [
    (None, 2, 2, "1"),   # unset: the workers' share of the cores
    ("2", 2, 2, "1"),    # more than the share: cut (four spinning BLAS threads on two cores)
    ("1", 8, 2, "1"),    # fewer than the share: the caller's choice is kept
    ("8", 8, 2, "4"),
    ("x", 4, 1, "4"),    # not a number: the share
])  # fmt: skip
def test_worker_threads_never_oversubscribe_the_cores(given, cores, workers, expected,
                                                      monkeypatch):
    monkeypatch.setattr(B.os, "cpu_count", lambda: cores)
    for name in B._THREAD_VARIABLES:
        if given is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, given)
    before = {name: B.os.environ.get(name) for name in B._THREAD_VARIABLES}
    with B._worker_threads(workers):
        assert all(B.os.environ[name] == expected for name in B._THREAD_VARIABLES)
    assert {name: B.os.environ.get(name) for name in B._THREAD_VARIABLES} == before  # restored
