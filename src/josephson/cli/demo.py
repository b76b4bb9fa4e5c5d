"""``josephson demo``: a tour of the library that writes NetCDF and PNG files.

It runs the physics of several domains (``josephson.junction``, ``josephson.open_system``) but
imports no other CLI module.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from ._common import write_png

__all__ = ["register"]


def _cmd_demo(args) -> int:
    from ..io import save
    from ..junction import (
        exact_retrapping_current,
        iv_curve,
        retrapping_current,
        switching_current,
        zappe_retrapping_current,
    )
    from ..plot import iv as plot_iv

    out_dir = Path(args.out_dir)
    i_dc = np.linspace(0.0, 3.0, 301)
    cases = [("overdamped", 0.0), ("hysteretic", 10.0)]
    from matplotlib.figure import Figure

    fig = Figure(figsize=(11, 4.5))
    axes = fig.subplots(1, 2)
    results = []
    for (name, beta_c), ax in zip(cases, axes, strict=True):
        ds = iv_curve(beta_c, i_dc, sweep="up-down")
        plot_iv(ds, ax=ax, title=f"{name} junction, β_c = {beta_c:g}")
        results.append((name, beta_c, ds))
    print(
        "josephson demo: RCSJ I-V curves, 301 bias points on i_dc = 0..3 (units of I_c), up and down sweeps"
    )
    for name, beta_c, ds in results:
        path = save(ds, out_dir / f"iv_{name}.nc")
        i_r_exact = exact_retrapping_current(beta_c)
        zappe = (
            f", Zappe/McCumber 4/(π√β_c) = {float(zappe_retrapping_current(beta_c)):.5f}"
            if beta_c > 0
            else ""
        )
        print(
            f"  {name:10s} beta_c = {beta_c:4g}: switching {switching_current(ds):.2f}, retrapping "
            f"{retrapping_current(ds):.2f} (exact homoclinic value {i_r_exact:.6f}{zappe})"
        )
        print(f"      wrote {path}")
    png = out_dir / "iv_demo.png"
    write_png(fig, png)
    print(f"      wrote {png}")

    from ..junction import exact_step_edges, shapiro, shapiro_steps
    from ..plot import shapiro as plot_shapiro

    i_dc, i_ac, omega = np.linspace(0, 3, 201), np.linspace(0, 3, 101), 0.5
    ds = shapiro(0.0, i_dc, i_ac, omega)
    steps = shapiro_steps(ds)
    exact = exact_step_edges(i_ac[::4], omega, range(0, 4))
    inside = ~(exact["upper"] > i_dc[-1])
    err = float(
        np.nanmax(np.abs(steps["width"].sel(i_ac=exact["i_ac"], n=exact["n"]) - exact["width"])
                  .where(inside))
    )  # fmt: skip
    print(
        f"josephson demo: Shapiro steps, beta_c = 0, omega = {omega} omega_c, a "
        f"{i_ac.size} x {i_dc.size} map (i_ac x i_dc); step widths within {err:.3f} I_c of the "
        f"exact (infinite-time) edges, grid step {i_dc[1] - i_dc[0]:.3f}"
    )
    path = save(ds.assign(width=steps["width"]), out_dir / "shapiro.nc")
    print(f"      wrote {path}")
    fig = Figure(figsize=(11, 4.5))
    plot_shapiro(ds, steps.sel(n=range(0, 4)), axes=fig.subplots(1, 2), reference=exact["width"])
    png = out_dir / "shapiro_demo.png"
    write_png(fig, png)
    print(f"      wrote {png}")

    from ..open_system import hysteresis, stationary_characteristic
    from ..open_system.plots import plot_characteristic, plot_hysteresis

    alpha = 4.0
    char = stationary_characteristic(alpha, np.linspace(0.0, 14.0, 1401))
    loop = hysteresis(alpha, rate=0.01, samples_per_unit=5)
    print(
        f"josephson demo: open-system junction (Alicki et al.), alpha = {alpha:g}: i_c = "
        f"{float(char.i_c):.5f}, i_r = {float(char.i_r):.5f}; a ramp of +-0.01 jumps at "
        f"{float(loop.jump_up):.4f} and {float(loop.jump_down):.4f} (delayed bifurcations)"
    )
    path = save(loop, out_dir / "open_system_hysteresis.nc")
    print(f"      wrote {path}")
    fig = Figure(figsize=(15, 9))
    top = fig.subfigures(2, 1)
    plot_characteristic(char, ax=top[0].subplots(1, 1))
    plot_hysteresis(loop, axes=top[1].subplots(1, 3))
    png = out_dir / "open_system_demo.png"
    write_png(fig, png)
    print(f"      wrote {png}")
    return 0


def register(sub) -> None:
    """Add the ``demo`` command to the subparsers ``sub``."""
    d = sub.add_parser(
        "demo",
        help="I-V curves of an overdamped and a hysteretic junction",
        description="Compute up/down I-V curves for beta_c = 0 and beta_c = 10 and write NetCDF and PNG files.",
    )
    d.add_argument("--out-dir", default="out", help="output folder (default out/)")
    d.set_defaults(run=_cmd_demo)
