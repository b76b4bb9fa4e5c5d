"""``josephson superfluid ...``: two-component superfluids with entrainment (``josephson.superfluid``).

josephson superfluid entrainment --functional SLy4 --density 0.08:0.4:9 --proton-fraction 0.1
josephson superfluid interface --zeta 5 --entrainment 0.1 --png cpr.png
josephson superfluid necklace --junctions 1:8:8 --png wc.png

Nuclear matter in fm^-3, mass densities in g cm^-3, fluxes in G cm^2 (Gaussian cgs, as the
neutron-star literature writes them).  The Ginzburg-Landau interface and the Gross-Pitaevskii
rings are dimensionless: lengths in coherence (healing) lengths, energies in |a| (g n).
"""

from __future__ import annotations

from ._common import finish, number, outputs, parse_range

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
