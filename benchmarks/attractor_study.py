"""The hidden-attractor study of document 004, Sec. V (issue item 6), in one command.

    python benchmarks/attractor_study.py [--out DIR] [--workers 2] [--scipy-duration 1000]
                                         [--quick]

1. The document's case (α = 2.2, v̄ = 30, δi_S = −0.1, −1e-4, −1e-6, τ = 5000) with the
   converged ladder: compiled Dormand–Prince 5(4) at rtol 1e-8, 1e-10, 1e-12 and compiled
   RK4 at h = 0.02, 0.01, 0.005, 0.0025.
2. The same case with scipy's LSODA, Radau, BDF, RK45, DOP853 at scipy's default tolerances
   (rtol 1e-3, atol 1e-6) and tight (rtol 1e-10, atol 1e-12; δi_S = −0.1 only), and LSODA
   and BDF at rtol = atol = 1e-6 (the setting that reproduces the document: BDF keeps δi_S = −0.1 and
   −1e-4 ringing, lets −1e-6 decay).  scipy steps in Python (~0.1 ms a step, BDF and the
   explicit pairs take 10⁵ steps per 1000 of τ while they ring), so these runs stop at
   ``--scipy-duration`` (default τ = 1000; 5000 takes about 10 more minutes).
3. The document's Fig. 7 relation (peak frequency of i_J over 4850 <= τ <= 5000 versus v0,
   α = 2.2, δi_S = −0.1) for a loose compiled Dormand–Prince (rtol 1e-3, the RK45 clone) and a
   converged one, next to Im λ(v0) from the closed-form eigenvalues.
4. A scan: α ∈ {0.8, 2.2, 4, 10, 30} × v̄ ∈ {5, 10, 30, 60} × kicks of length
   {1e-3, 0.1, 1, 10, 30} along −i_S and 2 random directions (seed 0), τ = 5000, each kick
   integrated by the default ladder (Dormand–Prince 1e-8/1e-10/1e-12, RK4 h·ω = 0.25/0.125).
5. The one-harmonic balance (eqs. 83–84 completed): on a (v0, ω) grid, how many points would
   need |v1|² > 0 and α > 0 (none: the theorem in attractor.harmonic_balance).

Prints verdict tables and wall times; ``--out`` writes the datasets as NetCDF.  ``--quick``
shortens the compiled runs to τ = 1000 and the scipy runs to 400 (a smoke test).
"""

from __future__ import annotations

import argparse
import time
import warnings
from pathlib import Path

import numpy as np

from josephson.open_system import analytic
from josephson.open_system import attractor as at
from josephson.open_system.dynamics import Integrator

warnings.filterwarnings("ignore", message="Cannot cache compiled function")

ALPHAS = (0.8, 2.2, 4.0, 10.0, 30.0)
VBARS = (5.0, 10.0, 30.0, 60.0)
KICKS = (1e-3, 0.1, 1.0, 10.0, 30.0)
METHODS = ("LSODA", "Radau", "BDF", "RK45", "DOP853")


def _ladder():
    return (
        at.DormandPrince(rtol=1e-8, atol=1e-10),
        at.DormandPrince(rtol=1e-10, atol=1e-12),
        at.DormandPrince(rtol=1e-12, atol=1e-14),
        *(at.RungeKutta4(step=h) for h in (0.02, 0.01, 0.005, 0.0025)),
    )


def _scipy_settings():
    """scipy defaults (rtol 1e-3, atol 1e-6) for all five methods, rtol = atol = 1e-6 for LSODA
    and BDF (all three kicks); tight (rtol 1e-10, atol 1e-12) for all five (δi_S = −0.1)."""
    loose = [Integrator(method=m, rtol=1e-3, atol=1e-6) for m in METHODS]
    loose += [Integrator(method=m, rtol=1e-6, atol=1e-6) for m in ("LSODA", "BDF")]
    tight = [Integrator(method=m, rtol=1e-10, atol=1e-12) for m in METHODS]
    return tuple(loose), tuple(tight)


def _case_table(ds, title):
    print(f"\n{title}")
    print(f"  {'method':<34}{'δi_S':>8}  {'outcome':<18}{'|y-y*| end':>11}{'amp i_J':>10}"
          f"{'settled τ':>10}{'ω peak':>8}{'work':>10}")  # fmt: skip
    for r in ds["refinement"].values:
        for s in ds["size"].values:
            d = ds.sel(refinement=r, size=s).isel(direction=0)
            tau = float(d["decay_time"])
            settled = "never" if np.isnan(tau) else f"{tau:.0f}"
            print(
                f"  {r:<34}{-s:>8.0e}  {d['outcome'].item():<18}{float(d['final_distance']):>11.1e}"
                f"{float(d['late_amplitude']):>10.1e}{settled:>10}"
                f"{float(d['frequency']):>8.2f}{int(d['work']):>10d}"
            )
    for s in ds["size"].values:
        v = ds["verdict"].sel(size=s).isel(direction=0).item()
        print(f"  verdict δi_S = {-s:.0e}: {v}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="write the datasets (NetCDF) here")
    parser.add_argument("--workers", type=int, default=2, help="processes for scipy runs")
    parser.add_argument("--scipy-duration", type=float, default=1000.0,
                        help="length of the scipy runs (default 1000)")  # fmt: skip
    parser.add_argument("--quick", action="store_true", help="short runs (smoke test)")
    args = parser.parse_args()
    duration = 1000.0 if args.quick else 5000.0
    sci_duration = 400.0 if args.quick else args.scipy_duration
    t_start = time.perf_counter()
    results = {}

    # 1. document case, converged ladder ------------------------------------------------
    t0 = time.perf_counter()
    case = at.document_case(_ladder(), duration=duration)
    results["document_case_converged"] = case
    lam = complex(float(case["lambda_complex_re"]), float(case["lambda_complex_im"]))
    print(f"document case: alpha = 2.2, v0 = 30, i_tot = {float(case['i_tot']):.6f}; "
          f"fixed points v = {case['fixed_point_v'].values}; eigenvalues "
          f"{float(case['lambda_real']):.4f}, {lam.real:.4f} ± {lam.imag:.4f}i")  # fmt: skip
    _case_table(case, f"1. converged ladder, tau = {duration:g} ({time.perf_counter() - t0:.1f} s)")

    # 2. document case, scipy --------------------------------------------------------------
    t0 = time.perf_counter()
    loose, tight = _scipy_settings()
    sci = at.document_case(loose, duration=sci_duration, workers=args.workers)
    sci_tight = at.document_case(tight, perturbations=[0.1], duration=sci_duration,
                                 workers=args.workers)  # fmt: skip
    results["document_case_scipy"] = sci
    results["document_case_scipy_tight"] = sci_tight
    _case_table(sci, f"2. scipy solve_ivp methods, tau = {sci_duration:g}")
    _case_table(sci_tight, f"   tight, tau = {sci_duration:g} ({time.perf_counter() - t0:.1f} s "
                           "for both tables)")  # fmt: skip

    # 3. Fig. 7 ------------------------------------------------------------------------------
    t0 = time.perf_counter()
    print("\n3. Fig. 7: peak frequency of i_J over the last 150 of tau = "
          f"{duration:g} versus v0 (alpha = 2.2, delta i_S = -0.1)")  # fmt: skip
    print(f"  {'v0':>5}{'Im λ':>9}{'ω loose':>9}{'amp loose':>11}{'ω tight':>9}{'amp tight':>11}"
          f"{'ω ring τ<8':>11}")  # fmt: skip
    for v0 in (5.0, 10.0, 20.0, 30.0, 40.0, 60.0):
        fig = at.search_attractors(
            2.2, v0, perturbations=[0.1], duration=duration,
            refinements=[at.DormandPrince(rtol=1e-3, atol=1e-6),
                         at.DormandPrince(rtol=1e-10, atol=1e-12)],
        )  # fmt: skip
        ring = at.orbit(2.2, v0, (0.0, 0.0, -0.1), start=0.0, stop=8.0, sample_step=0.005)
        w_ring, *_ = at.dominant_frequency(ring["i_j"].values, 0.005, omega_min=1.0)
        f = fig.isel(size=0, direction=0)
        print(
            f"  {v0:>5.0f}{float(fig['lambda_complex_im']):>9.3f}"
            f"{float(f['frequency'][0]):>9.3f}{float(f['late_amplitude'][0]):>11.1e}"
            f"{float(f['frequency'][1]):>9.3f}{float(f['late_amplitude'][1]):>11.1e}{w_ring:>11.3f}"
        )
    print(f"  ({time.perf_counter() - t0:.1f} s)")

    # 4. scan -------------------------------------------------------------------------------
    t0 = time.perf_counter()
    print(f"\n4. scan: alpha x v0 x kicks {KICKS} along -i_S + 2 random directions, "
          f"tau = {duration:g}, default ladder")  # fmt: skip
    print(f"  {'alpha':>6}{'v0':>5}{'i_tot':>9}{'stable':>7}{'#fp':>4}  {'verdicts (15 kicks)':<44}"
          f"{'conv':>6}{'max amp':>9}{'max ω':>8}")  # fmt: skip

    def progress(a, v, ds):
        counts = {}
        for x in ds["verdict"].values.ravel():
            counts[x] = counts.get(x, 0) + 1
        text = ", ".join(f"{k} {n}" for k, n in sorted(counts.items()))
        st = bool(analytic.stability(v, a)["stable"])
        print(
            f"  {a:>6g}{v:>5g}{float(ds['i_tot']):>9.3f}{st!s:>7}{ds.sizes['fixed_point']:>4}"
            f"  {text:<44}{int(ds['converged'].sum()):>3}/{ds['converged'].size:<3}"
            f"{float(ds['late_amplitude'].max()):>9.1e}{float(ds['frequency'].max()):>8.2f}",
            flush=True,
        )

    grid = at.scan(ALPHAS, VBARS, perturbations=KICKS, random_directions=2, seed=0,
                   duration=duration, progress=progress)  # fmt: skip
    results["scan"] = grid
    print(f"  ({time.perf_counter() - t0:.1f} s)")
    osc = grid["verdict"] == "oscillation"
    print(f"\n  converged oscillations anywhere in the scan: {int(osc.sum())}; "
          f"unconverged kicks: {int((grid['verdict'] == 'unconverged').sum())}")  # fmt: skip

    # 5. harmonic balance ---------------------------------------------------------------
    v = np.concatenate([-np.logspace(-3, 4, 700), np.logspace(-3, 4, 700)])
    w = np.logspace(-3, 4, 1400)
    hb = at.harmonic_balance(v[:, None], w[None, :])
    print(f"\n5. one-harmonic balance on {v.size} x {w.size} (v0, ω) points in ±[1e-3, 1e4]: "
          f"|v1|² > 0 at {int((hb['v1_squared'] > 0).sum())}, α > 0 at "
          f"{int((hb['alpha'] > 0).sum())}, both (a self-oscillation) at "
          f"{int(hb['self_oscillation'].sum())}")  # fmt: skip

    if args.out is not None:
        from josephson.io import save

        args.out.mkdir(parents=True, exist_ok=True)
        for name, ds in results.items():
            save(ds, args.out / f"{name}.nc")
        print(f"\nwrote {', '.join(results)} to {args.out}")
    print(f"\nwall time {time.perf_counter() - t_start:.1f} s")


if __name__ == "__main__":
    main()
