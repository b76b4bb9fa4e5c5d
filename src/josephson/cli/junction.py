"""``josephson iv|shapiro|squid|escape``: current-biased junctions (``josephson.junction``).

josephson iv --beta-c 10 --i-dc 0:3:301 --sweep up-down --out iv.nc --png iv.png
josephson shapiro --omega 0.5 --i-dc 0:3:201 --i-ac 0:3:101 --png shapiro.png
josephson squid --beta-l 1 --i-bias 1.6,2,2.4 --png squid.png
josephson escape --beta-c 50 --noise 0.01 --ramp 2e-6 --png switching.png
"""

from __future__ import annotations

import numpy as np

from ..errors import ParameterError
from ._common import figure, finish, number, outputs, parse_range

__all__ = ["register"]


def _cmd_iv(args) -> int:
    from ..junction import Langevin, iv_curve, retrapping_current, switching_current
    from ..plot import iv as plot_iv

    out, png = outputs(args)
    i_dc = parse_range(args.i_dc)
    method = None
    if args.noise > 0:
        method = Langevin(
            dt=args.dt,
            realizations=args.realizations,
            duration=args.duration,
            transient=args.transient,
        )
    ds = iv_curve(
        args.beta_c, i_dc, sweep=args.sweep, noise=args.noise, seed=args.seed,
        i_ac=args.i_ac, omega=args.omega, method=method,
    )  # fmt: skip
    lines = [
        f"beta_c = {args.beta_c:g}, noise = {args.noise:g}, {i_dc.size} bias points, sweep {args.sweep}"
    ]
    if "up" in ds["direction"].values:
        lines.append(f"switching current  i_s = {switching_current(ds):.6g}  (units of I_c)")
    if "down" in ds["direction"].values:
        lines.append(f"retrapping current i_r = {retrapping_current(ds):.6g}  (units of I_c)")
    fig = None
    if png is not None:
        fig, ax = figure()
        plot_iv(ds, ax=ax)
    return finish(lines, ds, out, fig, png)


def _cmd_shapiro(args) -> int:
    import time

    from ..junction.microwave import exact_step_edges, shapiro, shapiro_steps
    from ..plot import shapiro as plot_shapiro

    out, png = outputs(args)
    i_dc = parse_range(args.i_dc, "i_dc")
    i_ac = parse_range(args.i_ac, "i_ac")
    start = time.perf_counter()
    ds = shapiro(
        args.beta_c, i_dc, i_ac, args.omega, method=args.method,
        transient_periods=args.transient_periods, average_periods=args.average_periods,
    )  # fmt: skip
    elapsed = time.perf_counter() - start
    steps = shapiro_steps(ds)
    method = "riccati" if "order" in ds else "integrate"
    lines = [
        f"Shapiro map: beta_c = {args.beta_c:g}, omega = {args.omega:g} omega_c, "
        f"{i_ac.size} x {i_dc.size} points ({method}, {elapsed:.2f} s)"
    ]
    for n in steps["n"].values:
        w = steps["width"].sel(n=n)
        if np.all(~(w > 0)):
            continue
        k = int(np.nanargmax(w.values))
        lines.append(
            f"  step n = {n:+d} (v = {n * args.omega:.4g}): largest width {w.values[k]:.4g} "
            f"at i_ac = {i_ac[k]:.4g}"
        )
    reference = None
    if args.exact and png is not None:
        if method != "riccati":
            raise ParameterError("exact", True, "only with beta_c = 0 (the exact edges)")
        orders = [n for n in steps["n"].values if n >= 0]
        exact = exact_step_edges(i_ac, args.omega, orders)
        # only steps that lie inside the bias grid can be compared with the map
        reference = exact["width"].where(~(exact["upper"] > i_dc.max()))
    fig = None
    if png is not None:
        from matplotlib.figure import Figure

        fig = Figure(figsize=(11, 4.5))
        plot_shapiro(ds, steps, axes=fig.subplots(1, 2), reference=reference)
    return finish(
        lines,
        ds.assign(width=steps["width"], lower=steps["lower"], upper=steps["upper"]),
        out,
        fig,
        png,
    )


def _cmd_squid(args) -> int:
    from ..junction.squid import (
        plot_squid,
        squid_critical_current_branches,
        squid_voltage,
        transfer_function,
    )

    out, png = outputs(args)
    flux = parse_range(args.flux, "flux")
    i_bias = parse_range(args.i_bias, "i_bias")
    ic = squid_critical_current_branches(flux, beta_l=args.beta_l, asymmetry=args.asymmetry)
    vphi = squid_voltage(
        flux, i_bias, beta_l=args.beta_l, beta_c=args.beta_c, asymmetry=args.asymmetry,
        noise=args.noise, seed=args.seed,
    )  # fmt: skip
    vphi = transfer_function(vphi)
    i_max = ic["i_c_max"].values
    depth = (np.nanmax(i_max) - np.nanmin(i_max)) / np.nanmax(i_max)
    lines = [
        f"dc SQUID: beta_L = {args.beta_l:g}, asymmetry = {args.asymmetry:g}, "
        f"beta_c = {args.beta_c:g}, noise = {args.noise:g} (currents in mean I_c, V in I_c R)",
        f"  I_c(Phi): max {np.nanmax(i_max):.6g}, min {np.nanmin(i_max):.6g} over the flux grid, "
        f"modulation depth {depth:.4f}",
    ]
    for b in vphi["i_bias"].values:
        tr = np.abs(vphi["transfer"].sel(i_bias=b).values)
        if np.all(~np.isfinite(tr)):
            continue
        k = int(np.nanargmax(tr))
        lines.append(
            f"  i_bias = {b:.4g}: V from {np.nanmin(vphi['v'].sel(i_bias=b)):.4g} to "
            f"{np.nanmax(vphi['v'].sel(i_bias=b)):.4g}, max |dV/dPhi| = {tr[k]:.4g} at Phi = "
            f"{float(vphi['flux'][k]):.4g}"
        )
    fig = None
    if png is not None:
        from matplotlib.figure import Figure

        fig = Figure(figsize=(11, 4.5))
        plot_squid(ic, vphi, axes=fig.subplots(1, 2))
    return finish(lines, vphi.merge(ic, compat="override", combine_attrs="override"), out, fig, png)


def _cmd_escape(args) -> int:
    from ..junction import escape as esc

    out, png = outputs(args)
    beta_c, noise, ramp = args.beta_c, args.noise, args.ramp
    if not (np.isfinite(noise) and noise > 0):
        raise ParameterError("noise", noise, "a dimensionless temperature k_B T / E_J > 0")
    if not (np.isfinite(ramp) and ramp > 0):
        raise ParameterError("ramp", ramp, "a finite ramp rate > 0 (units of I_c omega_c)")

    def rate(g):
        if beta_c == 0:  # exact finite-barrier rate of the overdamped junction
            return 1.0 / esc.mean_first_passage_time(g, noise)
        return esc.thermal_escape_rate(g, noise, beta_c, prefactor=args.prefactor)

    # start the ramp where the switching probability is still negligible (1e-6)
    coarse = np.linspace(0.02, 0.999, 600)
    import warnings

    with warnings.catch_warnings():  # only the early part of this coarse estimate is used
        warnings.simplefilter("ignore", RuntimeWarning)
        surv = esc.switching_distribution(coarse, rate, ramp)["survival"].values
    i0 = float(coarse[max(int(np.searchsorted(-surv, -(1 - 1e-6))) - 1, 0)])
    if beta_c == 0:  # the rate to the Langevin kernel's stopping point, phi_start + 2 pi,
        # which stays finite beyond i = 1 (the overdamped phase still needs time to slip)
        grid = np.linspace(i0, 1.2, 1500)
        target = float(np.arcsin(i0)) + 2 * np.pi
        start = np.arcsin(np.minimum(grid, 1.0))
        k = 1.0 / esc.mean_first_passage_time(grid, noise, start=start, target=target)
        prediction = esc.switching_distribution(grid, k, ramp)
    else:
        grid = np.linspace(i0, 0.9999, 1500)
        prediction = esc.switching_distribution(grid, rate, ramp)
    cross_line = None
    if args.plasma_energy is not None:  # before the long run: fails fast on a bad value
        at = float(prediction["mean"])
        cross = esc.crossover_temperature(at, beta_c, args.plasma_energy)
        cross_line = (
            f"  at i = {at:.4g}: T* = hbar omega_p / 2 pi k_B is Gamma = "
            f"{float(cross['t_star']):.4g}; thermal = quantum rate at Gamma = "
            f"{float(cross['t_cross']):.4g} (ratio {float(cross['t_cross'] / cross['t_star']):.3f})"
        )
    threshold = args.threshold if beta_c > 0 else None
    sim = esc.stochastic_switching(
        beta_c, noise, ramp, i_dc=i0, realizations=args.realizations, seed=args.seed,
        threshold=threshold,
    )  # fmt: skip
    rate_name = "exact MFPT rate" if beta_c == 0 else f"{args.prefactor} thermal rate"
    lines = [
        f"switching under a ramp: beta_c = {beta_c:g}, noise Gamma = k_BT/E_J = {noise:g}, "
        f"ramp {ramp:g} I_c omega_c, {args.realizations} realisations from i = {i0:.4g}",
        f"  Langevin : mean {float(sim['mean']):.5f}, width {float(sim['std']):.5f} "
        f"(standard error of the mean {float(sim['mean_stderr']):.1e}, "
        f"{int(sim['unswitched'])} not switched)",
        f"  {rate_name}: mean {float(prediction['mean']):.5f}, "
        f"width {float(prediction['std']):.5f}",
    ]
    if cross_line:
        lines.append(cross_line)
    fig = None
    if png is not None:
        fig, ax = figure()
        esc.plot_switching(sim, ax=ax, prediction=prediction)
    return finish(lines, sim, out, fig, png)


def register(sub) -> None:
    """Add the ``iv``, ``shapiro``, ``squid`` and ``escape`` commands to the subparsers ``sub``."""
    p = sub.add_parser(
        "iv",
        help="I-V curve of a current-biased RCSJ junction",
        description="Time-averaged voltage of a current-biased RCSJ junction along a bias sweep; "
        "prints the switching and retrapping currents.",
        epilog="example: josephson iv --beta-c 10 --i-dc 0:3:301 --sweep up-down --out iv.nc --png iv.png",
    )
    p.add_argument(
        "--beta-c",
        type=number("beta_c"),
        required=True,
        help="Stewart-McCumber parameter beta_c >= 0",
    )
    p.add_argument(
        "--i-dc",
        required=True,
        metavar="START:STOP:N",
        help="bias grid (N points, inclusive), or a comma list",
    )
    p.add_argument(
        "--sweep",
        choices=["up", "down", "up-down"],
        default="up",
        help="sweep direction (default up)",
    )
    p.add_argument(
        "--noise",
        type=number("noise"),
        default=0.0,
        help="Gamma = 2 e k_B T / (hbar I_c) (default 0)",
    )
    p.add_argument("--seed", type=int, default=None, help="seed of the thermal noise")
    p.add_argument(
        "--i-ac", type=number("i_ac"), default=0.0, help="microwave amplitude (units of I_c)"
    )
    p.add_argument(
        "--omega", type=number("omega"), default=0.0, help="microwave frequency (units of omega_c)"
    )
    p.add_argument("--realizations", type=int, default=8, help="noise realisations (with --noise)")
    p.add_argument(
        "--duration",
        type=number("duration"),
        default=1000.0,
        help="averaging time per bias point (with --noise)",
    )
    p.add_argument(
        "--transient",
        type=number("transient"),
        default=200.0,
        help="settling time per bias point (with --noise)",
    )
    p.add_argument(
        "--dt", type=number("dt"), default=None, help="time step (with --noise; default automatic)"
    )
    p.add_argument("--out", metavar="FILE.nc", help="write the dataset to this NetCDF file")
    p.add_argument("--png", metavar="FILE.png", help="draw the I-V curve to this PNG file")
    p.set_defaults(run=_cmd_iv)

    sh = sub.add_parser(
        "shapiro",
        help="Shapiro steps of a microwave-driven junction",
        description="Time-averaged voltage over a map of (i_ac, i_dc) for a drive "
        "i_dc + i_ac sin(omega tau); prints the step widths and draws the staircase and the "
        "step-width lobes.",
        epilog="example: josephson shapiro --omega 0.5 --i-dc 0:3:201 --i-ac 0:3:101 --png shapiro.png",
    )
    sh.add_argument("--beta-c", type=number("beta_c"), default=0.0, help="beta_c >= 0 (default 0)")
    sh.add_argument(
        "--omega", type=number("omega"), required=True, help="drive frequency (omega_c)"
    )
    sh.add_argument(
        "--i-dc", default="0:3:201", metavar="START:STOP:N", help="bias grid (increasing)"
    )
    sh.add_argument(
        "--i-ac", default="0:3:101", metavar="START:STOP:N", help="microwave amplitudes"
    )
    sh.add_argument(
        "--method", choices=["auto", "riccati", "integrate"], default="auto",
        help="auto: exact period maps when beta_c = 0 with the sinusoidal CPR",
    )  # fmt: skip
    sh.add_argument("--transient-periods", type=int, default=20, help="drive periods to settle")
    sh.add_argument("--average-periods", type=int, default=20, help="drive periods to average")
    sh.add_argument(
        "--exact", action="store_true",
        help="also draw the exact (infinite-time) step widths (beta_c = 0; a few seconds)",
    )  # fmt: skip
    sh.add_argument("--out", metavar="FILE.nc", help="write the map and the step widths")
    sh.add_argument("--png", metavar="FILE.png", help="draw the staircase and the width map")
    sh.set_defaults(run=_cmd_shapiro)

    q = sub.add_parser(
        "squid",
        help="dc SQUID: critical current I_c(Phi) and voltage V(Phi)",
        description="Critical-current modulation over every fluxoid state and the voltage-flux "
        "characteristic of a current-biased dc SQUID (currents in units of the mean junction "
        "I_c, voltage in I_c R, flux in Phi_0).",
        epilog="example: josephson squid --beta-l 1 --i-bias 1.6,2,2.4 --png squid.png",
    )
    q.add_argument(
        "--beta-l", type=number("beta_l"), default=1.0, help="2 L I_c / Phi_0 (default 1)"
    )
    q.add_argument("--asymmetry", type=number("asymmetry"), default=0.0,
                   help="(I_c1 - I_c2)/(I_c1 + I_c2) (default 0)")  # fmt: skip
    q.add_argument("--beta-c", type=number("beta_c"), default=0.0, help="beta_c (default 0)")
    q.add_argument(
        "--flux", default="-1:1:201", metavar="START:STOP:N", help="applied flux / Phi_0"
    )
    q.add_argument("--i-bias", default="1.6,2,2.4", help="bias currents for V(Phi) (comma list)")
    q.add_argument("--noise", type=number("noise"), default=0.0, help="Gamma (default 0)")
    q.add_argument("--seed", type=int, default=None, help="seed of the thermal noise")
    q.add_argument("--out", metavar="FILE.nc", help="write I_c(Phi) and V(Phi)")
    q.add_argument("--png", metavar="FILE.png", help="draw I_c(Phi) and V(Phi)")
    q.set_defaults(run=_cmd_squid)

    e = sub.add_parser(
        "escape",
        help="switching-current histogram under a bias ramp vs the escape-rate prediction",
        description="Langevin switching currents of a thermally activated junction under a "
        "linear bias ramp, compared with P(I) from the escape rate (exact mean first-passage "
        "time for beta_c = 0, Kramers/Mel'nikov-Meshkov for beta_c > 0).",
        epilog="example: josephson escape --beta-c 50 --noise 0.01 --ramp 2e-6 --png sw.png",
    )
    e.add_argument("--beta-c", type=number("beta_c"), default=0.0, help="beta_c (default 0)")
    e.add_argument("--noise", type=number("noise"), required=True, help="Gamma = k_B T / E_J > 0")
    e.add_argument("--ramp", type=number("ramp"), required=True, help="d(I/I_c)/d tau > 0")
    e.add_argument("--realizations", type=int, default=2000, help="Langevin runs (default 2000)")
    e.add_argument("--seed", type=int, default=None, help="seed of the thermal noise")
    e.add_argument("--threshold", type=number("threshold"), default=0.5,
                   help="voltage that counts as switched for beta_c > 0 (default 0.5)")  # fmt: skip
    e.add_argument("--prefactor", default="turnover",
                   choices=["turnover", "kramers", "energy_diffusion", "transition_state"],
                   help="thermal-rate prefactor for beta_c > 0")  # fmt: skip
    e.add_argument("--plasma-energy", type=number("plasma_energy"), default=None,
                   help="hbar omega_p0 / E_J: also report T* and the thermal/quantum crossing")  # fmt: skip
    e.add_argument("--out", metavar="FILE.nc", help="write the switching currents and histogram")
    e.add_argument("--png", metavar="FILE.png", help="draw the histogram and the prediction")
    e.set_defaults(run=_cmd_escape)
