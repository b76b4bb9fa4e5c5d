"""P–Ṗ heating map: the vectorised closed form against the line-by-line chain, star by star.

Workload: the Josephson powers (vortex and flux tube) on a 46 × 49 grid of P in [1e-3, 30] s and
Ṗ in [1e-21, 1e-9] (the map ``josephson star --png`` draws), default interface.

(a) baseline: ``radiated_power(star, source)`` for each of the 2254 stars and both sources, the
    line-by-line route (sampled currents, spectral ⟨İ²⟩, Larmor, 2πR/d lines);
(b) ``heating_map`` through ``josephson.sweep.grid``: eqs. 32–33 evaluated on the whole grid
    at once, the interface (β equilibrium, entrainment, London depth) set up once.

Both are timed in this process; the script prints the ratio and the largest relative
difference between the two (they are independent routes to the same numbers).

    python benchmarks/astro_benchmark.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from josephson.astro import Interface, NeutronStar, heating_map, radiated_power
from josephson.sweep import grid

PERIOD = np.logspace(-3, 1.5, 46)
PDOT = np.logspace(-21, -9, 49)


def baseline(iface):
    out = {s: np.empty((PERIOD.size, PDOT.size)) for s in ("vortex", "flux_tube")}
    for i, p in enumerate(PERIOD):
        for j, pd in enumerate(PDOT):
            star = NeutronStar(period=float(p), pdot=float(pd))
            for source, arr in out.items():
                arr[i, j] = radiated_power(star, source, iface)
    return out


def vectorised(iface):
    ds = grid(heating_map, period=PERIOD, pdot=PDOT, engine="inprocess",
              fixed={"interface": iface})  # fmt: skip
    return {s: ds[f"power_{s}"].values for s in ("vortex", "flux_tube")}


def best_of(func, repeat, *args):
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = func(*args)
        times.append(time.perf_counter() - t0)
    return min(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="best of N runs (default 3)")
    args = parser.parse_args()
    iface = Interface()
    _ = iface.entrainment  # set up the composition once for both (cached on the interface)
    t_base, ref = best_of(baseline, 1, iface)
    t_vec, got = best_of(vectorised, args.repeat, iface)
    diff = max(float(np.max(np.abs(got[s] / ref[s] - 1))) for s in ref)
    stars = PERIOD.size * PDOT.size
    print(f"P-Pdot heating map, {PERIOD.size} x {PDOT.size} = {stars} stars, two sources")
    print(f"  line by line, star by star : {t_base:8.3f} s  ({t_base / stars * 1e6:7.1f} us/star)")
    print(f"  heating_map via sweep.grid : {t_vec:8.3f} s  ({t_vec / stars * 1e6:7.1f} us/star)")
    print(f"  speed-up {t_base / t_vec:.0f}x; largest relative difference {diff:.1e}")


if __name__ == "__main__":
    main()
