"""``josephson open-system ...``: the junction as an open quantum system (document 004).

josephson open-system iv --alpha 6 --png fig2.png
josephson open-system hysteresis --alpha 4 --rate 0.01 --png fig3.png
"""

from __future__ import annotations

import numpy as np

from ._common import figure, finish, number, outputs, parse_range

__all__ = ["register"]


def _cmd_iv(args) -> int:
    from ..open_system.dynamics import stationary_characteristic
    from ..open_system.plots import plot_characteristic

    out, png = outputs(args)
    v = parse_range(args.v, "v")
    ds = stationary_characteristic(args.alpha, v)
    ic, ir = float(ds["i_c"]), float(ds["i_r"])
    lines = [
        f"open-system characteristic (eq. 48), alpha = {args.alpha:g}: i_tot = v (1 + 4 alpha/(1 + v^2))",
        f"  critical current  i_c = {ic:.10g}  (units I~ = hbar/2eR^2C; = beta_c, eq. 56)",
        "  retrapping current i_r = "
        + (f"{ir:.10g}" if np.isfinite(ir) else "none (alpha <= 2: no hysteresis)"),
        f"  unstable (negative slope) on {int((~ds['stable']).sum())} of {v.size} grid voltages",
    ]
    fig = None
    if png is not None:
        fig, ax = figure()
        plot_characteristic(ds, ax=ax)
    return finish(lines, ds, out, fig, png)


def _cmd_hysteresis(args) -> int:
    from ..open_system.dynamics import Integrator, hysteresis
    from ..open_system.plots import plot_hysteresis

    out, png = outputs(args)
    ds = hysteresis(
        args.alpha, rate=args.rate, i_max=args.i_max,
        integrator=Integrator(method=args.method, rtol=args.rtol, atol=args.atol),
    )  # fmt: skip
    lines = [
        f"open-system hysteresis loop, alpha = {args.alpha:g}, ramp +-{args.rate:g} "
        f"({args.method}, rtol {args.rtol:g})",
        f"  jump up   at i_tot = {float(ds.jump_up):.6g}  (i_c = {float(ds.i_c):.6g})",
        f"  jump down at i_tot = {float(ds.jump_down):.6g}  (i_r = {float(ds.i_r):.6g})",
    ]
    fig = None
    if png is not None:
        from matplotlib.figure import Figure

        fig = Figure(figsize=(15, 4.5))
        plot_hysteresis(ds, axes=fig.subplots(1, 3))
    return finish(lines, ds, out, fig, png)


def _cmd_shapiro(args) -> int:
    import time

    from ..open_system.shapiro import (
        field_shapiro,
        field_shapiro_steps,
        phase_modulation_heights,
        plot_field_shapiro,
    )

    out, png = outputs(args)
    i_tot = parse_range(args.i_tot, "i_tot")
    v_f = parse_range(args.v_f, "v_f")
    start = time.perf_counter()
    ds = field_shapiro(
        args.alpha, i_tot, v_f if v_f.size > 1 else float(v_f[0]), args.omega_f,
        sweep=args.sweep, phase_step=args.phase_step,
    )  # fmt: skip
    elapsed = time.perf_counter() - start
    steps = field_shapiro_steps(ds, tol=args.tol)
    lines = [
        f"open-system Shapiro steps (eq. 76): alpha = {args.alpha:g}, omega_f = {args.omega_f:g}, "
        f"{v_f.size} field amplitude(s) x {i_tot.size} bias points, sweep {args.sweep} "
        f"({elapsed:.1f} s)",
        "  steps are resonances near v = k omega_f of height A_k = 4 alpha k omega_f "
        "J_k(v_f/omega_f)^2 (not exactly locked plateaus; see josephson.open_system.shapiro)",
    ]
    if v_f.size == 1:
        up = steps.sel(sweep="up") if "sweep" in steps.dims else steps
        for k in up["k"].values:
            w = float(up["width"].sel(k=k))
            if not np.isfinite(w) or w <= 0:
                continue
            law = float(phase_modulation_heights(args.alpha, float(v_f[0]), args.omega_f, int(k)))
            lines.append(
                f"  k = {int(k):+d}: width {w:.4g}, height {float(up['height'].sel(k=k)):.4g} "
                f"(A_k = {law:.4g})"
            )
    fig = None
    if png is not None:
        from matplotlib.figure import Figure

        fig = Figure(figsize=(13, 4.8))
        plot_field_shapiro(ds, steps, axes=fig.subplots(1, 2))
    ds = ds.assign({f"step_{name}": steps[name] for name in ("width", "lower", "upper", "height")})
    return finish(lines, ds, out, fig, png)


def _refinements(text: str):
    """``METHOD:RTOL`` items (scipy methods of open_system.dynamics) -> Integrator objects."""
    from ..errors import ParameterError
    from ..open_system.dynamics import Integrator

    out = []
    for item in filter(None, (x.strip() for x in text.split(","))):
        try:
            method, rtol = item.split(":")
            rtol = float(rtol)
        except ValueError:
            raise ParameterError("scipy", item, "METHOD:RTOL items, e.g. BDF:1e-6") from None
        out.append(Integrator(method=method, rtol=rtol, atol=rtol))
    return out


def _cmd_attractor(args) -> int:
    import time

    from ..open_system import attractor as at
    from ..open_system.plots import plot_attractor

    out, png = outputs(args)
    kicks = np.abs(parse_range(args.kicks, "kicks"))
    n_ladder = len(at.default_refinements())
    refinements = list(at.default_refinements()) + _refinements(args.scipy)
    start = time.perf_counter()
    ds = at.search_attractors(
        args.alpha, args.v0, perturbations=tuple(kicks), directions=((0.0, 0.0, -1.0),),
        random_directions=args.random_directions, seed=args.seed, duration=args.duration,
        refinements=refinements,
    )  # fmt: skip
    elapsed = time.perf_counter() - start
    lines = [
        f"open-system hidden-attractor search: alpha = {args.alpha:g}, v0 = {args.v0:g} "
        f"(i_tot = {float(ds.i_tot):.6g}), tau = {args.duration:g}, "
        f"{ds.sizes['refinement']} integrators ({elapsed:.1f} s)",
        f"  linearisation: lambda = {float(ds.lambda_real):.4g}, "
        f"{float(ds.lambda_complex_re):.4g} +- {float(ds.lambda_complex_im):.4g}i",
    ]
    for size in ds["size"].values:
        for d in ds["direction"].values:
            verdict = str(ds["verdict"].sel(size=size, direction=d).item())
            ladder = {str(x) for x in ds["outcome"].sel(size=size, direction=d).values[:n_ladder]}
            text = ladder.pop() if len(ladder) == 1 else "unconverged"
            extra = (
                f"; with the --scipy runs: {verdict}" if n_ladder < ds.sizes["refinement"] else ""
            )
            lines.append(
                f"  kick {size:.3g} (direction {int(d)}): {text} (converged ladder){extra}"
            )
            for ref in ds["refinement"].values:
                run = ds.sel(refinement=ref, size=size, direction=d)
                lines.append(
                    f"      {ref:32s} {run['outcome'].item()!s:18s} final |y - y*| = "
                    f"{float(run['final_distance']):.2e}, late i_J amplitude "
                    f"{float(run['late_amplitude']):.2e}"
                )
    fig = None
    if png is not None:
        from matplotlib.figure import Figure

        fig = Figure(figsize=(13, 4.8))
        kick = (0.0, 0.0, -float(kicks.max()))
        orb = at.orbit(args.alpha, args.v0, kick, start=0.0, stop=min(args.duration, 50.0))
        plot_attractor(ds, orb, axes=fig.subplots(1, 2))
    ds = ds.drop_vars([k for k in ("kick",) if k in ds])
    return finish(lines, ds, out, fig, png)


def _cmd_radiation(args) -> int:
    import math

    from scipy import constants as sc

    from .._validate import scalar
    from ..open_system import radiation as rad

    scalar("voltage", args.voltage, low=0.0, low_open=True, allowed="a voltage > 0 (V)")
    kw = dict(
        current=args.current, critical_current=args.critical_current,
        capacitance=args.capacitance, voltage=args.voltage, dipole_length=args.dipole_length,
    )  # fmt: skip
    eta = {r: float(rad.radiation_efficiency(**kw, rate=r)) for r in ("standard", "document")}
    omega = 2 * sc.e * args.voltage / sc.hbar
    wavelength = 2 * math.pi * sc.c / omega
    length = wavelength if args.cavity_length is None else args.cavity_length
    lines = [
        f"open-system radiation efficiency (eq. 108): I = {args.current:g} A, "
        f"I_c = {args.critical_current:g} A, C = {args.capacitance:g} F, V = {args.voltage:g} V, "
        f"l = {args.dipole_length:g} m",
        f"  Josephson frequency 2eV/h = {omega / (2 * math.pi):.6g} Hz, wavelength "
        f"{wavelength:.6g} m",
        f"  eta_rad = {eta['standard']:.4g} with the standard SI emission rate "
        "mu0 d^2 w^3/(3 pi hbar c)",
        f"  eta_rad = {eta['document']:.4g} with the document's eq. 106 (4 pi^2 times larger)",
    ]
    if args.quality_factor is not None:
        cav = float(rad.cavity_efficiency(eta[args.rate], args.quality_factor, length, wavelength))
        lines.append(
            f"  in a cavity of Q = {args.quality_factor:g}, L = {length:.4g} m (eq. 110): "
            f"eta_cav = {cav:.4g} ({args.rate} rate)"
        )
    print("\n".join(lines))
    return 0


def register(sub) -> None:
    """Add the ``open-system`` command with its sub-commands to the subparsers ``sub``."""
    from ..open_system.dynamics import METHODS

    os_parser = sub.add_parser(
        "open-system",
        help="the junction as an open quantum system (Alicki et al.)",
        description="The open-system (quantum engine) model of the Josephson junction: "
        "stationary characteristic, hysteresis, Shapiro steps under an AC field, the hidden-"
        "attractor study and the radiation efficiency.  Dimensionless units of the document: "
        "v = V/V~, i = I/I~, tau = gamma t, alpha = K^2/gamma^2.",
    )
    subs = os_parser.add_subparsers(dest="what", metavar="WHAT", required=True)

    p = subs.add_parser(
        "iv",
        help="stationary characteristic, i_c, i_r and stability (Fig. 2)",
        description="The stationary characteristic i_tot(v) of eq. 48 with its stability "
        "(Routh-Hurwitz, eqs. 59-62) and the critical and retrapping currents (eqs. 50-55).",
        epilog="example: josephson open-system iv --alpha 6 --png fig2.png",
    )
    p.add_argument("--alpha", type=number("alpha"), required=True, help="K^2/gamma^2 >= 0")
    p.add_argument("--v", default="0:12:1201", metavar="START:STOP:N", help="voltage grid")
    p.add_argument("--out", metavar="FILE.nc", help="write the characteristic dataset")
    p.add_argument("--png", metavar="FILE.png", help="draw Fig. 2")
    p.set_defaults(run=_cmd_iv)

    h = subs.add_parser(
        "hysteresis",
        help="ramped hysteresis loop with the current components (Fig. 3)",
        description="Ramp i_tot up from 0 at +rate to i_max and back at -rate, integrating "
        "eq. 45; prints the jump currents next to i_c and i_r.",
        epilog="example: josephson open-system hysteresis --alpha 4 --rate 0.01 --png fig3.png",
    )
    h.add_argument("--alpha", type=number("alpha"), default=4.0, help="K^2/gamma^2 (default 4)")
    h.add_argument("--rate", type=number("rate"), default=0.01, help="ramp rate (default 0.01)")
    h.add_argument("--i-max", type=number("i_max"), default=None, help="top of the ramp")
    h.add_argument("--method", choices=list(METHODS), default="DOP853", help="integrator")
    h.add_argument("--rtol", type=number("rtol"), default=1e-10, help="relative tolerance")
    h.add_argument("--atol", type=number("atol"), default=1e-12, help="absolute tolerance")
    h.add_argument("--out", metavar="FILE.nc", help="write the loop")
    h.add_argument("--png", metavar="FILE.png", help="draw Fig. 3")
    h.set_defaults(run=_cmd_hysteresis)

    r = subs.add_parser(
        "radiation",
        help="radiation efficiency into open space and a cavity (eqs. 105-111, SI)",
        description="Radiation efficiency eta_rad = P_rad/P_in of the self-oscillating junction "
        "(eq. 108) with the standard SI spontaneous-emission rate and with the document's eq. "
        "106 prefactor, and the Purcell enhancement in a cavity (eq. 110).",
        epilog="example: josephson open-system radiation --quality-factor 1e4",
    )
    r.add_argument("--current", type=number("current"), default=1e-3, help="bias I (A)")
    r.add_argument("--critical-current", type=number("critical_current"), default=1e-3,
                   help="I_c (A)")  # fmt: skip
    r.add_argument("--capacitance", type=number("capacitance"), default=3e-13, help="C (F)")
    r.add_argument("--voltage", type=number("voltage"), default=1e-3, help="V (V)")
    r.add_argument("--dipole-length", type=number("dipole_length"), default=1e-9,
                   help="electrode separation l (m)")  # fmt: skip
    r.add_argument("--quality-factor", type=number("quality_factor"), default=None,
                   help="cavity Q (also report the cavity efficiency)")  # fmt: skip
    r.add_argument("--cavity-length", type=number("cavity_length"), default=None,
                   help="cavity size L (m; default the emitted wavelength)")  # fmt: skip
    r.add_argument("--rate", choices=["standard", "document"], default="standard",
                   help="emission rate used for the cavity efficiency")  # fmt: skip
    r.set_defaults(run=_cmd_radiation)

    sh = subs.add_parser(
        "shapiro",
        help="Shapiro steps under an AC field, the staircase and the step map (Fig. 5)",
        description="Time-averaged voltage of the junction in an AC electric field (the dipole "
        "term of eq. 75, eq. 76) along adiabatic bias sweeps; prints each step's extent next to "
        "the phase-modulation height 4 alpha k omega_f J_k(v_f/omega_f)^2.",
        epilog="example: josephson open-system shapiro --alpha 3 --omega-f 20 --v-f 300 "
        "--i-tot 0:300:1201 --png fig5.png",
    )
    sh.add_argument("--alpha", type=number("alpha"), default=3.0, help="K^2/gamma^2 (default 3)")
    sh.add_argument("--omega-f", type=number("omega_f"), default=20.0,
                    help="field frequency (units gamma; default 20)")  # fmt: skip
    sh.add_argument("--v-f", default="300", metavar="V or START:STOP:N",
                    help="field amplitude(s) (units V~; a range gives the step map)")  # fmt: skip
    sh.add_argument("--i-tot", default="0:300:1201", metavar="START:STOP:N",
                    help="increasing bias grid")  # fmt: skip
    sh.add_argument("--sweep", choices=["up", "down", "both"], default="up", help="sweep")
    sh.add_argument("--tol", type=number("tol"), default=1.0,
                    help="|v - k omega_f| <= tol counts as step k (default 1)")  # fmt: skip
    sh.add_argument("--phase-step", type=number("phase_step"), default=0.1,
                    help="RK4 step times the largest rotation rate (default 0.1)")  # fmt: skip
    sh.add_argument("--out", metavar="FILE.nc", help="write the staircase and the steps")
    sh.add_argument("--png", metavar="FILE.png", help="draw Fig. 5 and the step widths")
    sh.set_defaults(run=_cmd_shapiro)

    at = subs.add_parser(
        "attractor",
        help="hidden-attractor search with a convergence study (Sec. V, Figs. 6-9)",
        description="Kick a stable fixed point by finite amounts along -i_S (and random "
        "directions), integrate to tau = duration with a ladder of converged integrators "
        "(compiled Dormand-Prince at rtol 1e-8..1e-12, RK4 at two steps) plus any scipy "
        "methods given, and classify each run: decay, other fixed point or oscillation. A "
        "verdict counts only if every integrator agrees.",
        epilog="example: josephson open-system attractor --alpha 2.2 --v0 30 --kicks "
        "0.1,1e-4,1e-6 --scipy BDF:1e-6,Radau:1e-6 --duration 1000 --png fig6.png",
    )
    at.add_argument("--alpha", type=number("alpha"), default=2.2, help="K^2/gamma^2 (2.2)")
    at.add_argument("--v0", type=number("v0"), default=30.0, help="fixed-point voltage (30)")
    at.add_argument("--kicks", default="0.1,1e-4,1e-6", help="kick sizes along -i_S")
    at.add_argument("--random-directions", type=int, default=0, help="random kick directions")
    at.add_argument("--seed", type=int, default=0, help="seed of the random directions")
    at.add_argument("--duration", type=number("duration"), default=5000.0, help="tau (5000)")
    at.add_argument("--scipy", default="", metavar="METHOD:RTOL,...",
                    help="also run these scipy integrators (e.g. BDF:1e-6 shows the artefact)")  # fmt: skip
    at.add_argument("--out", metavar="FILE.nc", help="write the verdicts and envelopes")
    at.add_argument("--png", metavar="FILE.png", help="draw the decay envelopes and the orbit")
    at.set_defaults(run=_cmd_attractor)
