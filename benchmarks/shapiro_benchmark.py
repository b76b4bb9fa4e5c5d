"""Shapiro step-width map: josephson against a plain RK4 baseline, measured in the same run.

Workload (issue 3): a 201 x 101 map, i_dc in [0, 3] x i_ac in [0, 3], beta_c = 0, omega = 0.5;
each i_ac row sweeps i_dc upwards carrying the phase; every bias point gets a transient of 20
and an average over 20 whole drive periods.  Step widths are read off with
``shapiro_steps`` (resolved to the grid step, 0.015).

* josephson, ``method="riccati"`` (the default here): exact period maps of the linearised
  phase equation, one period of 4th-order Magnus integration per point, then 40 Moebius-map
  iterations; parallel over the points.
* josephson, ``method="integrate"``: the general path (any beta_c, any CPR), adaptive
  Dormand-Prince, parallel over the i_ac rows.
* baseline: the plain method, one core, fixed-step RK4 with 256 steps per drive period
  (Numba-compiled, i.e. C speed), the same sweep, transient and window.

Accuracy: the widths of steps n = 0..6 against the exact infinite-time edges from
``exact_step_edges`` (bisection on the rotation of the period map, to 1e-13), in units of
the grid step.  Timings exclude Numba compilation (reported separately).

    python benchmarks/shapiro_benchmark.py [--skip-baseline]
"""

from __future__ import annotations

import argparse
import math
import time
import warnings

import numba as nb
import numpy as np

from josephson.junction.microwave import exact_step_edges, shapiro, shapiro_steps

warnings.filterwarnings("ignore", message="Cannot cache compiled function")

I_DC = np.linspace(0.0, 3.0, 201)
I_AC = np.linspace(0.0, 3.0, 101)
OMEGA = 0.5
TRANSIENT, AVERAGE = 20, 20
ORDERS = np.arange(0, 7)


@nb.njit(cache=True)
def _rk4_map(i_dc, i_ac, omega, steps_per_period, n_transient, n_average):
    """Baseline: the straightforward fixed-step RK4 sweep, one core."""
    h = 2 * math.pi / omega / steps_per_period
    v = np.empty((i_ac.size, i_dc.size))
    for r in range(i_ac.size):
        phi = 0.0
        for k in range(i_dc.size):
            start = phi
            for p in range(n_transient + n_average):
                if p == n_transient:
                    start = phi
                for s in range(steps_per_period):
                    t = s * h
                    a0 = i_dc[k] + i_ac[r] * math.sin(omega * t)
                    a1 = i_dc[k] + i_ac[r] * math.sin(omega * (t + 0.5 * h))
                    a2 = i_dc[k] + i_ac[r] * math.sin(omega * (t + h))
                    k1 = a0 - math.sin(phi)
                    k2 = a1 - math.sin(phi + 0.5 * h * k1)
                    k3 = a1 - math.sin(phi + 0.5 * h * k2)
                    k4 = a2 - math.sin(phi + h * k3)
                    phi += h / 6 * (k1 + 2 * k2 + 2 * k3 + k4)
            v[r, k] = (phi - start) * omega / (2 * math.pi * n_average)
    return v


def _error(widths, exact, step):
    """Largest |width - exact| over the steps that lie inside the grid, in grid steps."""
    w = widths.sel(n=ORDERS).values
    inside = ~(exact["upper"].values > I_DC[-1])  # NaN edges: no step, width 0 both ways
    ok = np.isfinite(w) & inside
    return float(np.max(np.abs(w[ok] - exact["width"].values[ok]))) / step


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-baseline", action="store_true", help="skip the ~20 s RK4 run")
    args = parser.parse_args()
    step = float(I_DC[1] - I_DC[0])
    print(f"workload: {I_AC.size} x {I_DC.size} map, beta_c = 0, omega = {OMEGA}, "
          f"transient {TRANSIENT} + average {AVERAGE} drive periods per point")  # fmt: skip

    t0 = time.perf_counter()
    exact = exact_step_edges(I_AC, OMEGA, ORDERS)
    print(f"exact edges (reference): {time.perf_counter() - t0:.1f} s")

    runs = {}
    for method in ("riccati", "integrate"):
        t0 = time.perf_counter()
        shapiro(0.0, I_DC[:3], I_AC[:2], OMEGA, method=method)  # compile
        compile_time = time.perf_counter() - t0
        t0 = time.perf_counter()
        ds = shapiro(0.0, I_DC, I_AC, OMEGA, method=method,
                     transient_periods=TRANSIENT, average_periods=AVERAGE)  # fmt: skip
        wall = time.perf_counter() - t0
        err = _error(shapiro_steps(ds, orders=ORDERS, exact_locking=False)["width"], exact, step)
        runs[method] = (wall, ds)
        print(f"josephson {method:9s}: {wall:7.2f} s  (compile {compile_time:.1f} s), "
              f"max width error {err:.2f} grid steps (steps from the windowed voltage)")  # fmt: skip
        if "order" in ds:
            err = _error(shapiro_steps(ds, orders=ORDERS)["width"], exact, step)
            print(f"{'':21s}max width error {err:.2f} grid steps (steps from exact locking)")
    diff = np.abs(runs["riccati"][1]["v"] - runs["integrate"][1]["v"]).values
    print(
        f"|v_riccati - v_integrate| over the map: median {np.median(diff):.1e}, max "
        f"{diff.max():.1e} (windowed averages near step edges are sensitive to the phase)"
    )

    if not args.skip_baseline:
        _rk4_map(I_DC[:2], I_AC[:2], OMEGA, 8, 1, 1)  # compile
        t0 = time.perf_counter()
        v = _rk4_map(I_DC, I_AC, OMEGA, 256, TRANSIENT, AVERAGE)
        wall = time.perf_counter() - t0
        base = runs["riccati"][1].copy()
        base["v"] = (("i_ac", "i_dc"), v)
        err = _error(shapiro_steps(base, orders=ORDERS)["width"], exact, step)
        print(f"baseline RK4 (1 core) : {wall:7.2f} s, max width error {err:.2f} grid steps")
        for method, (t, _) in runs.items():
            print(f"  speed-up of {method}: {wall / t:.1f}x")


if __name__ == "__main__":
    main()
