"""``josephson bdg ...``: the four-terminal altermagnet junction of document 002 (``josephson.bdg``).

josephson bdg cpr --size 10 --theta 0.7854 --phi=-6.2832:6.2832:41 --out cpr.nc --png cpr.png
josephson bdg diode --size 8 --theta 0:3.1416:9 --phi=-6.2832:6.2832:41 --png diode.png
josephson bdg spectrum --size 10 --levels 8 --png levels.png

Lattice units: energies (t, mu, delta, altermagnet, rashba, temperature = k_B T) in units of
the hopping scale, currents in e t/hbar, phases and angles in radians.  Ranges are
``START:STOP:N`` (N points, inclusive), comma lists or one number; write a negative start
with ``=``: ``--phi=-6.2832:6.2832:41``.
"""

from __future__ import annotations

from ._common import figure, finish, number, outputs, parse_range

__all__ = ["register"]

_TWO_PI = 6.283185307179586


def _phi(args):
    """The phase grid of --phi (default 41 points on [-2pi, 2pi])."""
    import numpy as np

    if args.phi is None:
        return np.linspace(-_TWO_PI, _TWO_PI, 41)
    return parse_range(args.phi, "phi")


def _need_three(phi, text) -> None:
    from ..errors import ParameterError

    if phi.size < 3:
        raise ParameterError(
            "phi", text, "at least 3 phases (the critical currents need a CPR, e.g. -6.28:6.28:41)"
        )


def _junction_keywords(args) -> dict:
    """Keywords of four_terminal_junction / four_terminal_cpr common to every command."""
    return dict(
        t=args.t, mu=args.mu, delta=args.delta, altermagnet=args.altermagnet,
        rashba=args.rashba, size=args.size, lead_size=args.lead_size, coupling=args.coupling,
    )  # fmt: skip


def _header(args, theta: str) -> str:
    lead = args.size if args.lead_size is None else args.lead_size
    return (
        f"four-terminal cross {args.size}x{args.size} sites (leads {args.size}x{lead}): "
        f"t = {args.t:g}, mu = {args.mu:g}, delta = {args.delta:g}, "
        f"altermagnet = {args.altermagnet:g}, rashba = {args.rashba:g}, theta = {theta}, "
        f"coupling = {args.t if args.coupling is None else args.coupling:g}"
    )


def _method_name(ds) -> str:
    import json

    try:
        return str(json.loads(ds.attrs["method"])["method"])
    except (KeyError, ValueError, TypeError):
        return "?"


def _cmd_cpr(args) -> int:
    import time

    import numpy as np

    from ..bdg import current_phase_relation, diode_coefficients, four_terminal_junction
    from ..bdg.plots import plot_cpr

    out, png = outputs(args)
    phi = _phi(args)
    _need_three(phi, args.phi)
    start = time.perf_counter()
    junction = four_terminal_junction(**_junction_keywords(args), theta=args.theta)
    cpr = current_phase_relation(
        junction, phi, bias=args.bias, temperature=args.temperature, method=args.method
    )
    coeffs = diode_coefficients(cpr)
    elapsed = time.perf_counter() - start
    coeffs.attrs = {}
    ds = cpr.merge(coeffs)
    lines = [
        _header(args, f"{args.theta:g} rad"),
        f"  bias {args.bias}, temperature {args.temperature:g}, {phi.size} phases from "
        f"{phi[0]:g} to {phi[-1]:g} rad; method {_method_name(ds)} "
        f"(BdG dimension {junction.dimension}), {elapsed:.2f} s",
        "  critical currents (e t/hbar): I_c+ = max_phi I_a, I_c- = min_phi I_a; "
        "eta = (I_c+ + I_c-)/(I_c+ - I_c-)",
    ]
    for name in ds["terminal"].values:
        row = ds.sel(terminal=name)
        one_sign = "  (unidirectional)" if bool(row["unidirectional"]) else ""
        lines.append(
            f"  {name}: I_c+ = {float(row['i_max']):+.6e}  I_c- = {float(row['i_min']):+.6e}  "
            f"eta = {float(row['eta']):+.6g}{one_sign}"
        )
    lines.append(
        f"  max |sum of the terminal currents| = {float(np.max(np.abs(ds['current_sum']))):.3e} "
        "(zero by gauge invariance)"
    )
    if "current_error" in ds:
        lines.append(
            f"  max quadrature error estimate = {float(ds['current_error'].max()):.3e} e t/hbar"
        )
    fig = None
    if png is not None:
        from matplotlib.figure import Figure

        fig = Figure(figsize=(12, 4.8), layout="constrained")
        plot_cpr(ds, axes=fig.subplots(1, 2))
    return finish(lines, ds, out, fig, png)


def _cmd_diode(args) -> int:
    import time

    import numpy as np

    from ..bdg import four_terminal_diode
    from ..bdg.plots import plot_diode_map
    from ..errors import ParameterError
    from ..sweep import grid

    out, png = outputs(args)
    theta = parse_range(args.theta, "theta")
    phi = _phi(args)
    _need_three(phi, args.phi)
    if args.workers is not None and args.workers < 1:
        raise ParameterError("workers", args.workers, "a whole number >= 1")
    # grid refuses workers > 1 when it runs a single call in-process
    workers = (args.workers or 1) if theta.size > 1 else None
    fixed = dict(
        _junction_keywords(args), phi=phi, bias=args.bias, temperature=args.temperature,
        method=args.method,
    )  # fmt: skip
    start = time.perf_counter()
    ds = grid(four_terminal_diode, theta=theta, fixed=fixed, workers=workers)
    elapsed = time.perf_counter() - start
    ds = ds.assign_coords(theta=ds["theta"].assign_attrs(units="rad", long_name="Néel angle θ"))
    ds.attrs["bias"] = args.bias
    lines = [
        _header(args, f"{theta.size} angles from {theta[0]:g} to {theta[-1]:g} rad"),
        f"  bias {args.bias}, temperature {args.temperature:g}, {phi.size} phases from "
        f"{phi[0]:g} to {phi[-1]:g} rad; method {_method_name(ds)}, "
        f"{'in-process' if workers in (None, 1) else f'{workers} worker processes'}, "
        f"{elapsed:.2f} s",
        "  diode coefficient eta = (I_max + I_min)/(I_max - I_min) of the longitudinal (L) and "
        "transverse (T) terminals; * marks a current of one sign over the grid (|eta| >= 1)",
        f"  {'theta (rad)':>12s}  {'eta_L':>13s}  {'eta_T':>13s}",
    ]
    for th in ds["theta"].values:
        cells = []
        for name in ("L", "T"):
            row = ds.sel(theta=th, terminal=name)
            mark = "*" if bool(row["unidirectional"]) else " "
            cells.append(f"{float(row['eta']):+13.6g}{mark}")
        lines.append(f"  {th:12.6f}  {cells[0]} {cells[1]}")
    worst = float(np.max(np.abs(ds["current_sum"])))
    lines.append(f"  max |sum of the terminal currents| = {worst:.3e} (zero by gauge invariance)")
    fig = None
    if png is not None:
        fig, ax = figure()
        fig.set_layout_engine("constrained")
        plot_diode_map(ds, ax=ax)
    return finish(lines, ds, out, fig, png)


def _cmd_spectrum(args) -> int:
    import time

    import numpy as np

    from ..bdg import bias_phases, four_terminal_junction, spectrum
    from ..bdg.plots import plot_spectrum

    out, png = outputs(args)
    phi = _phi(args)
    start = time.perf_counter()
    junction = four_terminal_junction(**_junction_keywords(args), theta=args.theta)
    phases = bias_phases(junction, phi, args.bias)
    method = "sparse" if args.sparse else "dense"
    ds = spectrum(junction, phases, levels=args.levels, method=method)
    elapsed = time.perf_counter() - start
    ds = ds.rename({"point": "phi"}).assign_coords(
        phi=("phi", phi, {"units": "rad", "long_name": "phase bias φ"})
    )
    ds.attrs["bias"] = args.bias
    e0 = ds["energy"].isel(level=0).values
    lo, hi = int(np.argmin(e0)), int(np.argmax(e0))
    delta = float(ds.attrs["delta"])
    below = int(np.sum(np.all(ds["energy"].values < delta, axis=0)))
    lines = [
        _header(args, f"{args.theta:g} rad"),
        f"  bias {args.bias}, {phi.size} phases from {phi[0]:g} to {phi[-1]:g} rad; "
        f"{args.levels} lowest positive BdG energies, {method} (BdG dimension "
        f"{junction.dimension}), {elapsed:.2f} s",
        f"  lowest level: min {e0[lo]:.6e} t at phi = {phi[lo]:g}, max {e0[hi]:.6e} t at "
        f"phi = {phi[hi]:g}  (delta = {delta:g})",
        f"  {below} of {args.levels} levels below delta at every phase",
    ]
    fig = None
    if png is not None:
        fig, ax = figure()
        fig.set_layout_engine("constrained")
        plot_spectrum(ds, ax=ax)
    return finish(lines, ds, out, fig, png)


def _add_junction(p, *, theta: bool = True) -> None:
    p.add_argument("--t", type=number("t"), default=1.0, help="hopping t > 0 (default 1)")
    p.add_argument("--mu", type=number("mu"), default=-0.5,
                   help="chemical potential (default -0.5)")  # fmt: skip
    p.add_argument("--delta", type=number("delta"), default=0.1,
                   help="s-wave pair potential of the leads > 0 (default 0.1)")  # fmt: skip
    p.add_argument("--altermagnet", type=number("altermagnet"), default=0.5,
                   help="altermagnet strength J >= 0 (default 0.5, the weak phase)")  # fmt: skip
    p.add_argument("--rashba", type=number("rashba"), default=0.3,
                   help="Rashba spin-orbit strength alpha (default 0.3)")  # fmt: skip
    if theta:
        p.add_argument("--theta", type=number("theta"), default=0.7853981633974483,
                       help="in-plane Néel angle from the x axis, radians (default pi/4)")  # fmt: skip
    p.add_argument("--size", type=int, default=10,
                   help="the central altermagnet has size x size sites (default 10)")  # fmt: skip
    p.add_argument("--lead-size", type=int, default=None,
                   help="depth of each superconducting lead in sites (default: size)")  # fmt: skip
    p.add_argument("--coupling", type=number("coupling"), default=None,
                   help="interface hopping t_c (default t: transparent)")  # fmt: skip


def _add_phi(p) -> None:
    p.add_argument("--phi", default=None, metavar="START:STOP:N",
                   help="phase bias grid in radians (default -2pi..2pi, 41 points: one 4pi "
                   "period of the symmetric bias); write --phi=-6.2832:6.2832:41")  # fmt: skip
    p.add_argument("--bias", default="symmetric",
                   help="'symmetric' (phi_L = phi/2, phi_R = -phi/2, T and B at 0) or a terminal "
                   "L, R, T, B held at phi with the others at 0 (default symmetric)")  # fmt: skip


def _add_solver(p) -> None:
    p.add_argument("--temperature", type=number("temperature"), default=0.0,
                   help="k_B T in units of t, >= 0 (default 0)")  # fmt: skip
    p.add_argument("--method", default="auto",
                   help="auto (dense up to BdG dimension 2400, else greens), dense (exact "
                   "diagonalisation) or greens (interface Green's functions) (default auto)")  # fmt: skip


def register(sub) -> None:
    """Add the ``bdg`` command with its sub-commands to the subparsers ``sub``."""
    bdg = sub.add_parser(
        "bdg",
        help="four-terminal altermagnet Josephson junction, tight-binding BdG (Sahoo & Soori)",
        description="Tight-binding Bogoliubov-de Gennes model of the four-terminal cross of "
        "document 002: a size x size altermagnet with Rashba spin-orbit coupling between four "
        "s-wave leads, left/right (longitudinal) and top/bottom (transverse).  Energies in "
        "units of the hopping t, currents in e t/hbar, phases and angles in radians.",
    )
    subs = bdg.add_subparsers(dest="what", metavar="WHAT", required=True)

    c = subs.add_parser(
        "cpr",
        help="current-phase relations of all four terminals and their critical currents",
        description="Currents out of the four terminals (L, R, T, B) along a phase bias, with "
        "the critical currents I_c+ = max I, I_c- = min I and the diode coefficient of each "
        "terminal.  Writes the CPR merged with the diode coefficients (--out).  Currents in "
        "e t/hbar, energies in units of t, phases in radians.",
        epilog="example: josephson bdg cpr --size 10 --phi=-6.2832:6.2832:41 --png cpr.png",
    )
    _add_junction(c)
    _add_phi(c)
    _add_solver(c)
    c.add_argument("--out", metavar="FILE.nc", help="write the CPR and diode coefficients")
    c.add_argument("--png", metavar="FILE.png", help="draw the CPRs of the four terminals")
    c.set_defaults(run=_cmd_cpr)

    d = subs.add_parser(
        "diode",
        help="diode coefficients of the longitudinal and transverse terminals vs Néel angle",
        description="For each Néel angle theta the CPR of the four terminals and their diode "
        "coefficients (josephson.sweep.grid over theta of josephson.bdg.four_terminal_diode); "
        "prints eta_L (longitudinal) and eta_T (transverse).  Runs in this process unless "
        "--workers is given.",
        epilog="example: josephson bdg diode --size 8 --theta 0:3.1416:9 --png diode.png",
    )
    _add_junction(d, theta=False)
    d.add_argument("--theta", default="0:3.141592653589793:9", metavar="START:STOP:N",
                   help="Néel angles in radians (default 0..pi, 9 points)")  # fmt: skip
    _add_phi(d)
    _add_solver(d)
    d.add_argument("--workers", type=int, default=None,
                   help="local worker processes (default: run in this process)")  # fmt: skip
    d.add_argument("--out", metavar="FILE.nc", help="write the CPRs and coefficients over theta")
    d.add_argument("--png", metavar="FILE.png", help="draw eta_L and eta_T against theta")
    d.set_defaults(run=_cmd_diode)

    s = subs.add_parser(
        "spectrum",
        help="Andreev levels: the lowest positive BdG energies vs phase",
        description="The --levels lowest positive BdG energies along a phase bias, by dense "
        "diagonalisation or (--sparse) shift-invert Lanczos around zero energy.",
        epilog="example: josephson bdg spectrum --size 10 --levels 8 --png levels.png",
    )
    _add_junction(s)
    _add_phi(s)
    s.add_argument("--levels", type=int, default=8, help="number of levels (default 8)")
    s.add_argument("--sparse", action="store_true",
                   help="shift-invert Lanczos instead of dense diagonalisation")  # fmt: skip
    s.add_argument("--out", metavar="FILE.nc", help="write the levels")
    s.add_argument("--png", metavar="FILE.png", help="draw the Andreev levels")
    s.set_defaults(run=_cmd_spectrum)
