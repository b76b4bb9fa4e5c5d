"""``josephson superfluid ...``: two-component superfluids with entrainment (``josephson.superfluid``).

josephson superfluid entrainment --functional SLy4 --density 0.08:0.4:9 --proton-fraction 0.1
josephson superfluid interface --zeta 5 --entrainment-n 0.05 --entrainment-p 0.3 --png cpr.png
josephson superfluid necklace --junctions 1:8:8 --png wc.png

Nuclear matter in fm^-3, mass densities in g cm^-3, fluxes in G cm^2 (Gaussian cgs, as the
neutron-star literature writes them).  The Ginzburg-Landau interface and the Gross-Pitaevskii
rings are dimensionless: lengths in coherence (healing) lengths, energies in |a| (g n).
"""

from __future__ import annotations

from ._common import figure, finish, number, outputs, parse_range

__all__ = ["register"]


def _cmd_entrainment(args) -> int:
    from ..superfluid import nuclear_entrainment

    out, png = outputs(args)
    density = parse_range(args.density, "density")
    ds = nuclear_entrainment(density, args.proton_fraction, functional=args.functional)
    lines = [
        f"entrainment in npe matter, Skyrme functional {args.functional}, proton fraction "
        f"{args.proton_fraction:g} (mass densities in g cm^-3; m* = entrainment mass rho_q/rho_qq,"
        " m+ = Landau mass of the functional; flux of a neutron vortex in units of hc/2e)",
        f"  {'n (fm^-3)':>10s} {'upsilon':>9s} {'rho_nn':>11s} {'rho_pp':>11s} {'rho_np':>11s} "
        f"{'m_n*/m':>7s} {'m_p*/m':>7s} {'m_n+/m':>7s} {'m_p+/m':>7s} {'Phi*/Phi0':>10s}",
    ]
    for i in range(ds.sizes["density"]):
        r = ds.isel(density=i)
        lines.append(
            f"  {float(r['density']):10.4f} {float(r['upsilon']):9.5f} {float(r['rho_nn']):11.4e} "
            f"{float(r['rho_pp']):11.4e} {float(r['rho_np']):+11.4e} "
            f"{float(r['m_n_star']):7.4f} {float(r['m_p_star']):7.4f} "
            f"{float(r['m_n_landau']):7.4f} {float(r['m_p_landau']):7.4f} "
            f"{float(r['flux_ratio']):+10.5f}"
        )
    lines.append(
        f"  Galilean invariance rho_qq + rho_np = rho_q: max violation "
        f"{float(ds['galilean_defect']):.1e}; document 001's eta/upsilon formula vs the TDHFB "
        f"mass currents: {float(ds['closed_form_difference']):.1e}"
    )
    fig = None
    if png is not None:
        from matplotlib.figure import Figure

        from ..superfluid.plots import plot_entrainment

        fig = Figure(figsize=(11, 4.4), layout="constrained")
        plot_entrainment(ds, axes=fig.subplots(1, 2))
    return finish(lines, ds, out, fig, png)


def _cmd_interface(args) -> int:
    import numpy as np

    from ..superfluid.gl import symmetric_interface_cpr

    out, png = outputs(args)
    phase = parse_range(args.delta_theta, "delta_theta")
    zeta_p = args.zeta if args.zeta_p is None else args.zeta_p
    comps = ("n",) if args.single else ("n", "p")
    ds = symmetric_interface_cpr(
        phase, zeta_n=args.zeta, zeta_p=zeta_p, g_np=args.g_np,
        entrainment_n=args.entrainment_n, entrainment_p=args.entrainment_p,
        components=comps, driven=args.driven, other=None if args.single else args.other,
    )  # fmt: skip
    driven = ds.attrs["driven"]
    lines = [
        f"Ginzburg-Landau interface, {len(comps)} component(s), a = -1, b = 1 on both sides, "
        f"zeta_n = {args.zeta:g}, zeta_p = {zeta_p:g} (coherence lengths), g_np = {args.g_np:g},"
        f" entrainment eps_n = {args.entrainment_n:g}, eps_p = {args.entrainment_p:g}; phase "
        f"jump imposed on {driven}" + ("" if args.single else f", the other held at {args.other:g}"),
        "  J = Im(psi* psi') (phase current), j = entrained current (eqs. 12-13), "
        "tunnelling = eqs. 15-16 with bulk amplitudes; GL units",
        f"  {'dtheta':>8s} " + " ".join(f"{'J_' + c:>11s} {'j_' + c:>11s} {'tunnel_' + c:>11s}"
                                         for c in comps),
    ]  # fmt: skip
    for i, th in enumerate(ds["delta_theta"].values):
        if not bool(ds["exists"].values[i]):
            lines.append(f"  {th:8.4f}   no stationary state (transparent barrier: the current "
                         "would exceed bulk depairing)")  # fmt: skip
            continue
        cells = []
        for c in comps:
            r = ds.sel(component=c).isel(delta_theta=i)
            cells.append(f"{float(r['phase_current']):+11.4e} {float(r['current']):+11.4e} "
                         f"{float(r['current_tunnelling']):+11.4e}")  # fmt: skip
        lines.append(f"  {th:8.4f} " + " ".join(cells))
    r = ds.sel(component=driven)
    if np.isfinite(float(r["harmonic_ratio"])):
        lines.append(
            f"  sine deviation of J_{driven}: second/first harmonic {float(r['harmonic_ratio']):.4f}, "
            f"maximum at dtheta = {float(r['phase_max']):.4f} rad, skewness "
            f"{float(r['skewness']):+.4f}"
        )
    fig = None
    if png is not None:
        from ..superfluid.plots import plot_interface_cpr

        fig, ax = figure()
        fig.set_layout_engine("constrained")
        plot_interface_cpr(ds, axes=ax)
    return finish(lines, ds, out, fig, png)


def _cmd_necklace(args) -> int:
    import time

    import numpy as np

    from ..errors import ParameterError
    from ..superfluid import stability

    out, png = outputs(args)
    junctions = parse_range(args.junctions, "junctions")
    if np.any(junctions != np.round(junctions)) or np.any(junctions < 1):
        raise ParameterError("junctions", args.junctions, "whole numbers >= 1")
    junctions = [int(j) for j in junctions]
    rho12 = [float(r) for r in parse_range(args.rho12, "rho12")]
    settings = {"g12": args.g12, **(stability.STABILITY_QUICK if args.quick else {})}
    start = time.perf_counter()
    if args.winding is not None:  # one run of the protocol
        if len(junctions) != 1 or len(rho12) != 1:
            raise ParameterError("junctions", args.junctions,
                                 "one number of junctions (and one rho12) with --winding")  # fmt: skip
        if args.winding != int(args.winding):
            raise ParameterError("winding", args.winding, "a whole number")
        ds = stability.necklace_stability(junctions[0], int(args.winding), rho12=rho12[0],
                                          **settings)  # fmt: skip
        lines = [
            f"necklace of {junctions[0]} junction(s), winding {int(args.winding)} imprinted, "
            f"rho12 = {rho12[0]:g}, g12 = {args.g12:g} ({time.perf_counter() - start:.1f} s)",
            f"  {'stable' if bool(ds['stable']) else 'decayed'}: final winding "
            f"{int(ds['final_winding'])}, {int(ds['phase_slips'])} phase slip(s); flow speed at "
            f"the barriers / local sound speed = {float(ds['velocity_ratio']):.3f}",
        ]
        fig = None
        if png is not None:
            fig, ax = figure()
            fig.set_layout_engine("constrained")
            hist = ds["winding_history"]
            ax.step(hist["time"], hist.isel(component=0), where="post")
            ax.set(xlabel="time (ħ/μ)", ylabel="winding number of component 1",
                   title=f"n = {junctions[0]}, w = {int(args.winding)}")  # fmt: skip
        return finish(lines, ds, out, fig, png)
    ds = stability.stability_diagram(
        junctions, rho12=tuple(rho12), workers=args.workers, store=args.store,
        progress=args.progress, **settings,
    )  # fmt: skip
    elapsed = time.perf_counter() - start
    lines = [
        f"critical winding number w_c(n) of a 1D necklace (ring {ds.attrs.get('length', '?')} "
        f"healing lengths), g12 = {args.g12:g}, {elapsed:.1f} s",
        "  w_c = largest imprinted winding that survives ramping up the junctions; "
        "Leggett = 1/(<rho><1/rho>); w_hydro = local-density estimate",
        f"  {'n':>3s} " + " ".join(f"{'w_c(rho12=' + format(r, 'g') + ')':>16s}" for r in rho12)
        + f" {'Leggett':>9s} {'w_hydro':>9s}",
    ]
    for n in junctions:
        row = ds.sel(junctions=n)
        wc = [row["w_c"].sel(rho12=r) if "rho12" in row.dims else row["w_c"] for r in rho12]
        lg, wh = row["leggett"], row["w_hydro"]
        if "rho12" in lg.dims:
            lg, wh = lg.isel(rho12=0), wh.isel(rho12=0)
        lines.append(f"  {n:3d} " + " ".join(f"{int(w):16d}" for w in wc)
                     + f" {float(lg):9.4f} {float(wh):9.2f}")  # fmt: skip
    fig = None
    if png is not None:
        from ..superfluid.plots import plot_stability

        fig, ax = figure()
        fig.set_layout_engine("constrained")
        plot_stability(ds, axes=ax)
    return finish(lines, ds, out, fig, png)


def register(sub) -> None:
    """Add the ``superfluid`` command with its sub-commands to the subparsers ``sub``."""
    sf = sub.add_parser(
        "superfluid",
        help="two-component superfluids with entrainment: nuclear matter, GL interfaces, "
        "Gross-Pitaevskii necklaces (documents 000, 001)",
        description="Josephson physics of two coupled condensates with mutual (Andreev-Bashkin) "
        "entrainment: the entrainment matrix of neutron-star core matter from a Skyrme "
        "functional, the Ginzburg-Landau interface between two condensates, and "
        "Gross-Pitaevskii rings with Josephson junctions (atomtronic necklaces).",
    )
    subs = sf.add_subparsers(dest="what", metavar="WHAT", required=True)

    e = subs.add_parser(
        "entrainment",
        help="entrainment matrix, effective masses and vortex flux of npe matter vs density",
        description="Entrainment matrix of homogeneous neutron-proton matter from a Skyrme "
        "functional (TDHFB mass currents, checked against document 001's formula in eta and "
        "upsilon and against Galilean invariance), the entrainment and Landau effective "
        "masses and the fractional flux Phi* = (rho_pn/rho_pp) Phi0 of a neutron vortex.",
        epilog="example: josephson superfluid entrainment --density 0.08:0.4:9 --png ent.png",
    )
    e.add_argument("--functional", default="SLy4",
                   help="Skyrme functional preset: SLy4 or BSk17 (default SLy4)")  # fmt: skip
    e.add_argument("--density", default="0.08:0.4:9", metavar="START:STOP:N",
                   help="baryon number densities in fm^-3 (default 0.08..0.4, 9 points)")  # fmt: skip
    e.add_argument("--proton-fraction", type=number("proton_fraction"), default=0.1,
                   help="n_p/n, between 0 and 1 (default 0.1)")  # fmt: skip
    e.add_argument("--out", metavar="FILE.nc", help="write the dataset")
    e.add_argument("--png", metavar="FILE.png", help="draw the matrix and masses vs density")
    e.set_defaults(run=_cmd_entrainment)

    i = subs.add_parser(
        "interface",
        help="Ginzburg-Landau interface between two condensates: CPR vs eqs. 15-16",
        description="Solves the coupled 1D Ginzburg-Landau equations (document 000, eqs. 9-10) "
        "on both sides of an interface with the tunnelling boundary condition (eq. 11) for each "
        "imposed phase jump, and prints the phase currents, the entrained currents "
        "(eqs. 12-13) and the tunnelling limit (eqs. 15-16).  GL units: lengths in the "
        "coherence length, a = -1, b = 1; zeta below ~2.54 leaves a window of phase jumps "
        "without a stationary state (shown as such).",
        epilog="example: josephson superfluid interface --zeta 3 --entrainment-n 0.05 "
        "--entrainment-p 0.3 --png cpr.png",
    )
    i.add_argument("--zeta", type=number("zeta_n"), default=5.0,
                   help="barrier length zeta_n of eq. 11 in coherence lengths (default 5)")  # fmt: skip
    i.add_argument("--zeta-p", type=number("zeta_p"), default=None,
                   help="barrier length of the protons (default: --zeta)")  # fmt: skip
    i.add_argument("--g-np", type=number("g_np"), default=0.0,
                   help="density coupling g_np of eq. 6 (default 0)")  # fmt: skip
    i.add_argument("--entrainment-n", type=number("entrainment_n"), default=0.0,
                   help="rho_pn/rho_n (default 0)")  # fmt: skip
    i.add_argument("--entrainment-p", type=number("entrainment_p"), default=0.0,
                   help="rho_pn/rho_p (default 0)")  # fmt: skip
    i.add_argument("--driven", default=None,
                   help="component whose phase jump is swept: n, p or both (default n)")  # fmt: skip
    i.add_argument("--other", type=number("other"), default=0.0,
                   help="phase jump of the other component, rad (default 0)")  # fmt: skip
    i.add_argument("--single", action="store_true", help="one component (neutrons) only")
    i.add_argument("--delta-theta", default="0:3.141592653589793:17", metavar="START:STOP:N",
                   help="phase jumps in rad (default 0..pi, 17 points)")  # fmt: skip
    i.add_argument("--out", metavar="FILE.nc", help="write the CPR dataset")
    i.add_argument("--png", metavar="FILE.png", help="draw the CPR against eqs. 15-16")
    i.set_defaults(run=_cmd_interface)

    k = subs.add_parser(
        "necklace",
        help="Gross-Pitaevskii ring with n Josephson junctions: critical winding w_c(n)",
        description="The atomtronic Josephson-junction necklace (Pezzè, Xhani et al. 2024) on a "
        "1D ring: a persistent current of winding w, n Gaussian barriers ramped up in real "
        "time, phase slips counted.  Without --winding: the stability diagram w_c(n) beside "
        "Leggett's bound (josephson.sweep.grid over n and rho12; --workers, --store).  With "
        "--winding: one run.  Units: hbar = m = 1, lengths in healing lengths, energies in "
        "g n.  Two components (active 1, passive 2 with w2 = 0) when rho12 or g12 is set.",
        epilog="example: josephson superfluid necklace --junctions 1:8:8 --quick --png wc.png",
    )
    k.add_argument("--junctions", default="1:8:8", metavar="START:STOP:N",
                   help="numbers of junctions n (default 1..8)")  # fmt: skip
    k.add_argument("--winding", type=number("winding"), default=None,
                   help="one run with this imprinted winding (needs one n)")  # fmt: skip
    k.add_argument("--rho12", default="0", help="entrainment rho12, one value or a list")
    k.add_argument("--g12", type=number("g12"), default=0.0,
                   help="density coupling of the two components (default 0)")  # fmt: skip
    k.add_argument("--quick", action="store_true",
                   help="a 4x smaller ring (320 instead of 1280 healing lengths, barriers 6 "
                   "instead of 24 wide): seconds instead of minutes, w_c(n) with plateaus")  # fmt: skip
    k.add_argument("--workers", type=int, default=None,
                   help="local worker processes for the diagram (default: this process)")  # fmt: skip
    k.add_argument("--store", default=None, metavar="DIR",
                   help="resumable store of the diagram's points")  # fmt: skip
    k.add_argument("--progress", action="store_true", help="show a progress bar")
    k.add_argument("--out", metavar="FILE.nc", help="write the dataset")
    k.add_argument("--png", metavar="FILE.png", help="draw w_c(n) and Leggett's bound, or w(t)")
    k.set_defaults(run=_cmd_necklace)
