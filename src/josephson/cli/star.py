"""``josephson star``: Josephson radiation and heating of a neutron star (``josephson.astro``).

josephson star --pulsar Vela
josephson star --period 0.089 --pdot 1.25e-13 --field 3.4e12
josephson star --explain
josephson star --pulsar Crab --png ppdot.png --out ppdot.nc

Gaussian cgs, as document 000 writes it: erg/s, G, cm, s; temperatures in K, ages in yr.
"""

from __future__ import annotations

from ._common import finish, number, outputs

__all__ = ["register"]


def _interface(args):
    from ..astro import Interface

    make = Interface.consistent if args.conventions == "consistent" else Interface
    return make(density=args.density, proton_fraction=args.proton_fraction,
                functional=args.functional, zeta_n=args.zeta_n, zeta_p=args.zeta_p,
                penetration_depth=args.penetration_depth)  # fmt: skip


def _star(args):
    from ..astro import NeutronStar
    from ..errors import ParameterError

    extra = {"radius": args.radius}
    if args.field is not None:
        extra["field"] = args.field
    if args.pulsar is not None:
        if args.period is not None or args.pdot is not None:
            raise ParameterError("pulsar", args.pulsar, "either --pulsar or --period/--pdot")
        return NeutronStar.pulsar(args.pulsar, **extra), args.pulsar
    if args.period is None and args.pdot is None:
        return None, None
    if args.period is None or args.pdot is None:
        missing = "period" if args.period is None else "pdot"
        raise ParameterError(missing, None, "both --period (s) and --pdot (> 0, spin-down)")
    return NeutronStar(period=args.period, pdot=args.pdot, **extra), "star"


def _explain(iface, star) -> list[str]:
    from ..astro import INTERFACE_PARAMETERS, NeutronStar, sensitivity
    from ..astro.analytic import YEAR

    ref = star or NeutronStar.reference()
    sens = {s: sensitivity(ref, s, iface) for s in ("vortex", "flux_tube")}
    lines = [
        "inputs of the radiation chain (document 000, eqs. 18-35); the document gives the "
        "formulas but not these numbers:",
        f"  {'parameter':18s} {'value':>12s} {'unit':6s} {'dlnP_V':>7s} {'dlnP_F':>7s}  what it "
        "is; source of the default",
    ]
    for name, (symbol, unit, what, source) in INTERFACE_PARAMETERS.items():
        value = getattr(iface, name)
        if name == "proton_fraction" and value is None:
            value = iface.composition["proton_fraction"]
        if name == "penetration_depth" and value is None:
            value = iface.lam / 1e-13
        text = f"{value:12.5g}" if isinstance(value, float) else f"{value!s:>12s}"
        sv = (f"{sens['vortex'][name]:+7.2f} {sens['flux_tube'][name]:+7.2f}"
              if name in sens["vortex"] else f"{'':7s} {'':7s}")  # fmt: skip
        what = f"{what} ({symbol})" if symbol else what
        lines.append(f"  {name:18s} {text} {unit:6s} {sv}  {what}; {source}")
    lines += [
        "  dlnP/dlnx: exponent of the vortex (V) and flux-tube (F) power in each input (a changed "
        "density moves the beta-equilibrium fraction and the London depth with it)",
        "star: R6 = R/1e6 cm, Omega100 = Omega/100 s^-1, B13 = B/1e13 G, tau5 = tau/1e5 yr with "
        "tau = Omega/|dOmega/dt| = P/Pdot; B = 3.2e19 (P Pdot)^1/2 G unless --field is given",
        f"  reference star of the document's eqs. 26 and 34: P = {ref.period:.6g} s, "
        f"Pdot = {ref.pdot:.4g}, B = {ref.magnetic_field:.3g} G, "
        f"tau = {ref.lifetime / YEAR:.4g} yr",
    ]
    return lines


def _report_lines(star, label, iface) -> list[str]:
    from ..astro import star_report

    rows = star_report(star, iface)
    lines = [f"{label}: Josephson currents at the 1S0/3P2 interface and their radiation "
             "(document 000, eqs. 18-35; Gaussian cgs)"]  # fmt: skip
    for key, (value, unit, what) in rows.items():
        lines.append(f"  {key:26s} {value:12.4g} {unit:11s} {what}")
    p_total = rows["power_vortex"][0] + rows["power_flux_tube"][0]
    ohm = rows["power_ohmic"][0]
    lines.append(
        f"  Josephson heating {p_total:.3g} erg/s is {p_total / ohm:.3g} x the Ohmic reference "
        f"(eq. 35); flux tubes give {rows['power_flux_tube'][0] / rows['power_vortex'][0]:.3g} "
        "x the vortex power"
    )
    return lines


def _map(args, iface, star, label):
    import numpy as np

    from ..astro import PULSARS, heating_map
    from ..sweep import grid

    period = np.logspace(-3, 1.5, 46)
    pdot = np.logspace(-21, -9, 49)
    ds = grid(heating_map, period=period, pdot=pdot, engine="inprocess",
              fixed={"radius": args.radius, "interface": iface})  # fmt: skip
    marks = {p.name: (p.period, p.pdot) for p in PULSARS.values()}
    chosen = None if star is None else (label, star.period, star.pdot)
    return ds, marks, chosen


def _list() -> int:
    from ..astro import PULSARS, NeutronStar
    from ..astro.analytic import YEAR

    lines = ["catalogued pulsars (P, Pdot: ATNF Pulsar Catalogue, Manchester et al. 2005; B: "
             "dipole estimate)", f"  {'name':12s} {'J2000':11s} {'B1950':9s} {'P (s)':>12s} "
             f"{'Pdot':>11s} {'B (G)':>9s} {'P/2Pdot (yr)':>12s}  note"]  # fmt: skip
    for p in PULSARS.values():
        star = NeutronStar(period=p.period, pdot=p.pdot)
        lines.append(f"  {p.name:12s} {p.jname:11s} {p.bname:9s} {p.period:12.6g} {p.pdot:11.4e} "
                     f"{star.magnetic_field:9.2e} {star.lifetime / 2 / YEAR:12.4g}  {p.note}")  # fmt: skip
    print("\n".join(lines))
    return 0


def _cmd_star(args) -> int:
    from ..errors import ParameterError

    out, png = outputs(args)
    if args.list:
        return _list()
    iface = _interface(args)
    star, label = _star(args)
    if star is None and not args.explain and out is None and png is None:
        raise ParameterError("pulsar", None, "--pulsar NAME, or --period and --pdot, or --explain")
    lines: list[str] = []
    if args.explain:
        lines += _explain(iface, star)
    if star is not None:
        lines += _report_lines(star, label, iface)
    ds = fig = None
    if out is not None or png is not None:
        ds, marks, chosen = _map(args, iface, star, label)
        lines.append(f"P-Pdot map: {ds.sizes['period']} x {ds.sizes['pdot']} stars "
                     "(dipole field from P and Pdot)")  # fmt: skip
        if png is not None:
            from matplotlib.figure import Figure

            from ..astro.plots import plot_heating_map

            fig = Figure(figsize=(12, 4.8), layout="constrained")
            axes = fig.subplots(1, 2)
            plot_heating_map(ds, "power_flux_tube", ax=axes[0], marks=marks, star=chosen)
            plot_heating_map(ds, "power_vortex", ax=axes[1], marks=marks, star=chosen)
    return finish(lines, ds, out, fig, png)


def register(sub) -> None:
    """Add the ``star`` command to the subparsers ``sub``."""
    s = sub.add_parser(
        "star",
        help="neutron star: vortex and flux-tube Josephson currents, radiation, heating vs "
        "cooling (document 000)",
        description="Josephson currents at the interface of the 1S0 and 3P2 neutron superfluids "
        "of a spinning-down neutron star (document 000, eqs. 18-35): the vortex and flux-tube "
        "arrays, their creep across the interface, the oscillating currents, the radiated power "
        "(erg/s), Ohmic dissipation, and the photon-cooling temperature and age at which the "
        "heating balances cooling.",
        epilog="examples: josephson star --pulsar Vela; josephson star --period 0.089 --pdot "
        "1.25e-13; josephson star --explain; josephson star --list",
    )
    s.add_argument("--pulsar", metavar="NAME",
                   help="a catalogued pulsar by name, J or B name, or 'magnetar' (see --list)")  # fmt: skip
    s.add_argument("--list", action="store_true", help="list the catalogued pulsars and exit")
    s.add_argument("--period", type=number("period"), default=None, help="rotation period P (s)")
    s.add_argument("--pdot", type=number("pdot"), default=None,
                   help="period derivative dP/dt (> 0, spin-down)")  # fmt: skip
    s.add_argument("--field", type=number("field"), default=None,
                   help="magnetic field B (G; default: dipole estimate 3.2e19 sqrt(P Pdot))")  # fmt: skip
    s.add_argument("--radius", type=number("radius"), default=1e6, help="radius R (cm; 1e6)")
    s.add_argument("--explain", action="store_true",
                   help="print every input with its default, source and the power's exponent in it")  # fmt: skip
    g = s.add_argument_group("the interface (see --explain)")
    g.add_argument("--density", type=number("density"), default=0.08,
                   help="baryon density at the interface (fm^-3; 0.08)")  # fmt: skip
    g.add_argument("--proton-fraction", type=number("proton_fraction"), default=None,
                   help="proton fraction (default: beta equilibrium)")  # fmt: skip
    g.add_argument("--functional", default="SLy4", help="Skyrme functional: SLy4 or BSk17")
    g.add_argument("--zeta-n", type=number("zeta_n"), default=100.0,
                   help="neutron barrier length zeta_n (fm; 100)")  # fmt: skip
    g.add_argument("--zeta-p", type=number("zeta_p"), default=100.0,
                   help="proton barrier length zeta_p (fm; 100)")  # fmt: skip
    g.add_argument("--penetration-depth", type=number("penetration_depth"), default=None,
                   help="lambda (fm; default: proton London depth)")  # fmt: skip
    g.add_argument("--conventions", default="document", choices=("document", "consistent"),
                   help="document: eqs. 21, 23, 29, 30 as printed (reproduces eqs. 26, 34); "
                   "consistent: eq. 15's ratio, 2 pi per crossing line, winding flux-tube phase")  # fmt: skip
    s.add_argument("--out", metavar="FILE.nc", help="write the P-Pdot heating map")
    s.add_argument("--png", metavar="FILE.png", help="draw the heating map across the P-Pdot diagram")
    s.set_defaults(run=_cmd_star)
