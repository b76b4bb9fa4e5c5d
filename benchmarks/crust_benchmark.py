"""One 3D bcc crust layer with the plane-wave band solver, and its cost against the cutoff.

Workload (default): bcc lattice, a = 39.15 fm (primitive cell 3.0·10⁴ fm³, one cluster per
cell), Woods–Saxon cluster potential of depth 40 MeV, radius 7 fm and diffuseness 0.7 fm, mean
neutron density 0.03 fm⁻³, weak pairing, default ``PlaneWave`` settings (automatic cutoff,
8³ Monkhorst–Pack mesh reduced by the cubic group, error estimate from a coarser mesh and a
coarser cutoff, single-precision diagonalisation, the reduced basis of the 2³ seed points).

Prints the time of that layer and the superfluid fraction with its error, then the same layer
with every point diagonalised in the full plane-wave basis (``solver="direct"``, the baseline)
and the ratio; the time of the
densest Negele–Vautherin layer through ``layer_superfluid`` (n̄ = 0.0789 fm⁻³, a = 29.2 fm, its
Thomas–Fermi well) on the 8³ mesh, the first of its default meshes (its default cutoff
factor is 2.0, not 1.75); then, at a fixed mesh,
the time and the number of plane waves at several cutoffs with the fitted exponents
t ∝ cutoff^p and t ∝ N_pw^q (dense diagonalisation: q ≈ 3 expected once it dominates), and the
ratio single/double precision at the largest cutoff; last, one seed of the layer diagonalised
densely and iteratively (the path of bases beyond MAX_DENSE), all measured in this process.

    python benchmarks/crust_benchmark.py [--quick] [--workers 2]
"""

from __future__ import annotations

import argparse
import time
import warnings

import numpy as np

from josephson.astro.crust import Lattice, PlaneWave, WoodsSaxon, superfluid_density


def layer(method, quick):
    lattice = Lattice("bcc", 25.0 if quick else 39.15)
    potential = WoodsSaxon(depth=40.0, radius=5.0 if quick else 7.0, diffuseness=0.7)
    density = 0.03
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # convergence is printed
        t0 = time.perf_counter()
        res = superfluid_density(lattice, potential, density, method=method)
    return time.perf_counter() - t0, res


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a smaller cell (a = 25 fm)")
    parser.add_argument("--workers", type=int, default=1, help="processes (default 1)")
    args = parser.parse_args()

    seconds, res = layer(PlaneWave(workers=args.workers), args.quick)
    print(f"bcc layer, a = {res.lattice.spacing:g} fm, n = {res.n:g} fm^-3, default settings, "
          f"{args.workers} worker(s)")  # fmt: skip
    print(f"  {seconds:7.1f} s: fraction {res.fraction:.4f} ± {res.error:.4f} "
          f"({'converged' if res.converged else 'NOT converged'}), mu = {res.mu:.3f} MeV, "
          f"{res.plane_waves} plane waves, {res.bands} bands, {res.kpoints} k-points, "
          f"cutoff {res.cutoff:.1f} MeV")  # fmt: skip
    print(f"           reduced basis {res.reduced} vectors, largest Ritz residual "
          f"{res.residual:.1e} MeV, {res.direct_points} of {res.kpoints} points done directly")
    t_direct, direct = layer(PlaneWave(workers=args.workers, solver="direct"), args.quick)
    print(f"  {t_direct:7.1f} s with solver='direct' (baseline): fraction {direct.fraction:.4f}, "
          f"mu = {direct.mu:.3f} MeV; reduced/direct time {seconds / t_direct:.2f}, "
          f"fraction difference {abs(res.fraction - direct.fraction):.1e}")  # fmt: skip

    from josephson.astro.crust import LAYERS, layer_superfluid

    t0 = time.perf_counter()
    ds = layer_superfluid(LAYERS[-1].n_bar, kmesh=8, workers=args.workers)
    t_layer = time.perf_counter() - t0
    print(f"densest Negele-Vautherin layer (n_bar = {LAYERS[-1].n_bar:g} fm^-3, a = "
          f"{float(ds.lattice_constant):.1f} fm, well {float(ds.depth):.1f} MeV), kmesh 8 "
          "(its first default mesh)")
    print(f"  {t_layer:7.1f} s ({t_layer / seconds:.2f} x the layer above): fraction "
          f"{float(ds.fraction):.4f} ± {float(ds.error):.4f} "
          f"({'converged' if int(ds.converged) else 'NOT converged'}), "
          f"{int(ds.plane_waves)} plane waves, {int(ds.kpoints)} k-points")  # fmt: skip

    base = res.cutoff
    cutoffs = base * np.array([0.4, 0.55, 0.75, 1.0])
    times, pws = [], []
    print("  cost against the cutoff (4^3 mesh; each run includes its error-estimate runs):")
    for cut in cutoffs:
        m = PlaneWave(cutoff=float(cut), kmesh=4, workers=args.workers)
        t, r = layer(m, args.quick)
        times.append(t)
        pws.append(r.plane_waves)
        print(f"    cutoff {cut:7.1f} MeV: {r.plane_waves:6d} plane waves, {t:7.2f} s, "
              f"ratio {t / times[0]:6.1f}, fraction {r.fraction:.4f}")  # fmt: skip
    p = np.polyfit(np.log(cutoffs), np.log(times), 1)[0]
    q = np.polyfit(np.log(pws), np.log(times), 1)[0]
    print(f"  fitted: t ∝ cutoff^{p:.2f}, t ∝ N_pw^{q:.2f}")
    single = times[-1]
    t_double, _ = layer(PlaneWave(cutoff=float(cutoffs[-1]), kmesh=4, precision="double",
                                  workers=args.workers), args.quick)  # fmt: skip
    print(f"  double precision at the largest cutoff: {t_double:.2f} s, "
          f"{t_double / single:.2f} x single")
    seed_solvers(res, args.quick)


def seed_solvers(res, quick):
    """One seed of the benchmark layer (the bands up to its seed window), diagonalised densely
    (the solver up to MAX_DENSE plane waves, single precision) and iteratively (beyond: Ũ by
    FFT, LOBPCG), in this process."""
    from josephson.astro.crust import bands as B

    lattice, potential = res.lattice, WoodsSaxon(depth=40.0, radius=5.0 if quick else 7.0,
                                                 diffuseness=0.7)  # fmt: skip
    dense = B._basis(lattice, potential, res.cutoff)
    fft = B._basis(lattice, potential, res.cutoff, dense=False)
    k = B._seed_points(lattice, None)[0][0]
    top = res.mu + 2.0 * B._spread(lattice, res.n)
    t0 = time.perf_counter()
    e_dense, _ = B._eigenpairs(dense, k, top, None, single=True)
    t_dense = time.perf_counter() - t0
    t0 = time.perf_counter()
    e_it, _ = B._eigenpairs(fft, k, top, None)
    t_it = time.perf_counter() - t0
    same = e_it.size == e_dense.size
    diff = f"{np.max(np.abs(e_it - e_dense)):.1e} MeV" if same else "band counts differ"
    print(f"  one seed ({dense.size} plane waves, {e_dense.size} bands below {top:.2f} MeV, FFT "
          f"grid {'x'.join(map(str, fft.grid.shape))}): dense {t_dense:.2f} s, iterative "
          f"{t_it:.2f} s, iterative/dense {t_it / t_dense:.2f}; largest energy difference "
          f"{diff}")  # fmt: skip


if __name__ == "__main__":
    main()
