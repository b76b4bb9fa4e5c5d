"""``josephson crust ...``: entrainment in the inner crust of a neutron star (``josephson.astro.crust``).

josephson crust bands --lattice 1d --spacing 20 --potential cosine --amplitude 1 --density 0.13
josephson crust bands --lattice bcc --spacing 30 --potential woods-saxon --depth 40 --radius 7
    --diffuseness 0.7 --density 0.03 --gap 0:1:5 --out fs.nc --png fs.png
josephson crust layers --png layers.png
josephson crust layers --compute --densities 0.0789 --kmesh 4 --store runs/crust --png fs.png
josephson crust ion-mass --radius 7 --rho-n-in 0.08 --rho-p-in 0.04 --rho-n-out 0.03

Lengths in fm, energies in MeV, number densities in fm^-3 (fm^-1 on a "1d" lattice); the mass
densities of ``ion-mass`` are in nucleon masses per fm^3 (nucleon number densities), so its
masses come out in nucleon masses.
"""

from __future__ import annotations

from ._common import figure, finish, number, outputs, parse_range

__all__ = ["register"]

#: --potential name -> (the flags of its parameters, the lattices it fits)
_POTENTIALS = {
    "woods-saxon": (("depth", "radius", "diffuseness"), ("sc", "bcc", "fcc")),
    "cosine": (("amplitude",), ("1d", "sc")),
    "kronig-penney": (("height", "width"), ("1d",)),
}
_LATTICES = ("1d", "sc", "bcc", "fcc")
_PARAMETER_HELP = {
    "depth": "well depth V0 in MeV (> 0: a well)",
    "radius": "half-density radius R in fm",
    "diffuseness": "diffuseness d in fm (> 0)",
    "amplitude": "V in MeV of U = 2V cos(2 pi x/a)",
    "height": "barrier height in MeV (< 0: wells)",
    "width": "barrier width in fm (< the spacing)",
}
#: high-symmetry points (Cartesian, units of 2 pi/a) and the path through them, per lattice
_PATHS = {
    "sc": (("Γ", (0, 0, 0)), ("X", (0.5, 0, 0)), ("M", (0.5, 0.5, 0)), ("Γ", (0, 0, 0)),
           ("R", (0.5, 0.5, 0.5))),
    "bcc": (("Γ", (0, 0, 0)), ("H", (1, 0, 0)), ("N", (0.5, 0.5, 0)), ("Γ", (0, 0, 0)),
            ("P", (0.5, 0.5, 0.5))),
    "fcc": (("Γ", (0, 0, 0)), ("X", (1, 0, 0)), ("W", (1, 0.5, 0)), ("L", (0.5, 0.5, 0.5)),
            ("Γ", (0, 0, 0)), ("K", (0.75, 0.75, 0))),
}  # fmt: skip


# =========================================================================== bands
def _model(args):
    """The Lattice and the potential of the command line, every CLI-only combination checked."""
    from ..astro.crust import Cosine, KronigPenney, Lattice, WoodsSaxon
    from ..errors import ParameterError

    names, fits = _POTENTIALS[args.potential]
    for flag in ("depth", "radius", "diffuseness", "amplitude", "height", "width"):
        value = getattr(args, flag)
        if value is not None and flag not in names:
            raise ParameterError(flag, value, f"no --{flag} with --potential {args.potential} "
                                 f"(its parameters: {', '.join('--' + n for n in names)})")  # fmt: skip
        if value is None and flag in names:
            raise ParameterError(flag, None, f"a value: --{flag} ({_PARAMETER_HELP[flag]}) is "
                                 f"required by --potential {args.potential}")  # fmt: skip
    if args.lattice not in fits:
        raise ParameterError("potential", args.potential, f"a potential that fits the "
                             f"{args.lattice} lattice: {args.potential} needs --lattice "
                             f"{' or '.join(fits)}")  # fmt: skip
    lattice = Lattice(args.lattice, args.spacing)
    if args.potential == "woods-saxon":
        potential = WoodsSaxon(args.depth, args.radius, args.diffuseness)
    elif args.potential == "cosine":
        potential = Cosine(args.amplitude)
    else:
        potential = KronigPenney(args.height, args.width)
    return lattice, potential


def _describe(args, lattice) -> str:
    if args.potential == "woods-saxon":
        pot = (f"Woods-Saxon clusters U(r) = -V0/(1 + exp((r - R)/d)), V0 = {args.depth:g} MeV, "
               f"R = {args.radius:g} fm, d = {args.diffuseness:g} fm")  # fmt: skip
    elif args.potential == "cosine":
        axes = "" if lattice.dim == 1 else " on each axis"
        pot = f"the cosine potential U = 2V cos(2 pi x/a){axes}, V = {args.amplitude:g} MeV"
    else:
        pot = (f"Kronig-Penney barriers of height {args.height:g} MeV and width "
               f"{args.width:g} fm")  # fmt: skip
    unit = "fm" if lattice.dim == 1 else "fm^3"
    return (f"neutrons in {pot}, on a {lattice.kind} lattice a = {lattice.spacing:g} fm (cell "
            f"{lattice.volume:.6g} {unit})")  # fmt: skip


def _gaps(text: str):
    from ..errors import ParameterError

    gaps = parse_range(text, "gap")
    if not all(g >= 0 for g in gaps):  # also refuses nan
        raise ParameterError("gap", text, "gaps >= 0 (MeV; 0 = weak pairing)")
    return gaps


def _method(args):
    from ..astro.crust import PlaneWave

    kw = {k: getattr(args, k) for k in ("cutoff", "kmesh", "workers")
          if getattr(args, k) is not None}  # fmt: skip
    return PlaneWave(**kw)


def _solve(lattice, potential, density, gap, method):
    import warnings

    from ..astro.crust import superfluid_density

    with warnings.catch_warnings():  # the summary says NOT CONVERGED itself
        warnings.filterwarnings("ignore", message="superfluid fraction", category=RuntimeWarning)
        return superfluid_density(lattice, potential, density, gap=gap, method=method)


def _one_lines(r, unit) -> list[str]:
    lines = [
        f"  {'mu':10s} {r.mu:12.6g} {'MeV':7s} chemical potential (estimated error "
        f"{r.mu_error:.2g} MeV)",
        f"  {'n':10s} {r.n:12.6g} {unit:7s} neutron density (every neutron of the band "
        "problem, bound ones included)",
        f"  {'n_s':10s} {r.n_s:12.6g} {unit:7s} superfluid density rho_n,s/m_n",
        f"  {'fraction':10s} {r.fraction:12.6g} {'':7s} superfluid fraction n_s/n +- "
        f"{r.error:.2g} (k-mesh {r.error_kmesh:.2g}, cutoff {r.error_cutoff:.2g})",
        f"  {'error':10s} {r.error:12.4g} {'':7s} estimated error of the fraction "
        f"(tol {r.method.tol:g})",
    ]
    bands = "" if r.bands is None else f", {r.bands} bands"
    lines.append(f"  numerics: {r.plane_waves} plane waves{bands}, {r.kpoints} k-points "
                 f"diagonalised, mesh {r.mesh}, cutoff {r.cutoff:.5g} MeV, {r.seconds:.3g} s")  # fmt: skip
    return lines


def _not_converged(r) -> str:
    return (f"  NOT CONVERGED: estimated error {r.error:.3g} of the fraction > tol "
            f"{r.method.tol:g}; raise --kmesh or --cutoff before using this number")  # fmt: skip


def _gap_dataset(results):
    import json

    import numpy as np
    import xarray as xr

    parts = [r.to_dataset().expand_dims(gap=[r.gap]) for r in results]
    ds = xr.concat(parts, dim="gap", combine_attrs="drop_conflicts")
    ds["gap"].attrs = {"units": "MeV", "long_name": "constant BCS gap Δ (0: weak pairing)"}
    model = json.loads(parts[0].attrs["model"])
    model["gap"] = [float(g) for g in ds["gap"].values]
    ds.attrs["model"] = json.dumps(model, sort_keys=True)
    ds["seconds"] = ("gap", np.array([r.seconds for r in results]),
                     {"units": "s", "long_name": "wall time"})  # fmt: skip
    return ds


def _kpath(lattice, points: int):
    """Cartesian k along the high-symmetry path, its arc length, and the ticks (3D)."""
    from itertools import pairwise

    import numpy as np

    unit = 2.0 * np.pi / lattice.spacing
    marks = _PATHS[lattice.kind]
    corners = [unit * np.array(p, dtype=float) for _, p in marks]
    lengths = [float(np.linalg.norm(b - a)) for a, b in pairwise(corners)]
    total = sum(lengths)
    ks, arc, start = [], [], 0.0
    for (a, b), seg in zip(pairwise(corners), lengths, strict=True):
        m = max(2, round(points * seg / total))
        t = np.linspace(0.0, 1.0, m, endpoint=False)
        ks.append(a + t[:, None] * (b - a))
        arc.append(start + t * seg)
        start += seg
    ks.append(corners[-1][None, :])
    arc.append(np.array([start]))
    ticks = np.concatenate([[0.0], np.cumsum(lengths)])
    return np.concatenate(ks), np.concatenate(arc), ticks, [name for name, _ in marks]


def _wrap(title: str) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(title, 90))


def _band_figure(result, lattice, potential, title):
    """ε along a path with μ marked: 1D over the zone [-π/a, π/a], 3D through the
    high-symmetry points; the basis is the one of the superfluid-density run."""
    import math

    import numpy as np

    from ..astro.crust import PlaneWave, band_structure

    method = PlaneWave(cutoff=result.cutoff)
    if lattice.dim == 1:
        kz = math.pi / lattice.spacing
        k = np.linspace(-kz, kz, 241)
        nb = math.floor(0.5 * result.n * lattice.spacing + 1e-12) + 3
        ds = band_structure(lattice, potential, k, method, bands=min(nb, result.plane_waves))
        x, ticks, names = k, [-kz, 0.0, kz], ["-π/a", "0", "π/a"]
        xlabel = "Bloch wave number k (fm$^{-1}$)"
    else:
        ks, x, ticks, names = _kpath(lattice, 48)
        nb = math.ceil(0.65 * result.n * lattice.volume) + 6  # ~1.3 x the bands below μ
        ds = band_structure(lattice, potential, ks, method, bands=min(nb, result.plane_waves))
        xlabel = "wave vector along the high-symmetry path"
    energy = ds["energy"].values
    fig, ax = figure()
    ax.plot(x, energy, color="C0", lw=1.0)
    ax.axhline(result.mu, color="C3", ls="--", lw=1.0, label=f"μ = {result.mu:.4g} MeV")
    bottom = float(np.min(energy))
    span = max(result.mu - bottom, 1e-3)
    ax.set_ylim(bottom - 0.05 * span, result.mu + 0.4 * span)
    ax.set_xlim(x[0], x[-1])
    ax.set_xticks(ticks, names)
    for t in ticks:
        ax.axvline(t, color="0.8", lw=0.6)
    ax.set_xlabel(xlabel)
    ax.set_ylabel("band energy ε (MeV)")
    ax.set_title(_wrap(title), fontsize=9)
    ax.legend(loc="best")
    return fig


def _gap_figure(results, title):
    import numpy as np

    fig, ax = figure()
    gap = np.array([r.gap for r in results])
    frac = np.array([r.fraction for r in results])
    err = np.array([r.error for r in results])
    ax.errorbar(gap, frac, yerr=err, marker="o", capsize=3, label="superfluid fraction n_s/n")
    bad = np.array([not r.converged for r in results])
    if bad.any():
        ax.plot(gap[bad], frac[bad], "x", color="C3", ms=10, label="not converged")
    ax.set_xlabel("gap Δ (MeV)")
    ax.set_ylabel("superfluid fraction n_s/n")
    ax.set_title(_wrap(title), fontsize=9)
    ax.legend()
    return fig


def _cmd_bands(args) -> int:
    out, png = outputs(args)
    lattice, potential = _model(args)
    gaps = _gaps(args.gap)
    method = _method(args)
    unit = "fm^-1" if lattice.dim == 1 else "fm^-3"
    head = _describe(args, lattice)
    results = [_solve(lattice, potential, args.density, float(g), method) for g in gaps]
    if len(results) == 1:
        r = results[0]
        pairing = "weak pairing (Δ -> 0)" if r.gap == 0 else f"constant BCS gap Δ = {r.gap:g} MeV"
        lines = [f"{head}; n = {r.n:g} {unit}, {pairing} (document 001, Carter-Chamel-Haensel "
                 "band formula)", *_one_lines(r, unit)]  # fmt: skip
        if not r.converged:
            lines.append(_not_converged(r))
        ds = r.to_dataset() if out is not None else None
        fig = _band_figure(r, lattice, potential, head) if png is not None else None
        return finish(lines, ds, out, fig, png)
    lines = [f"{head}; n = {results[0].n:g} {unit}: superfluid fraction vs the constant BCS gap "
             "(Δ = 0: weak pairing)",
             f"  {'gap (MeV)':>10s} {'mu (MeV)':>12s} {'n_s':>12s} {'fraction':>10s} "
             f"{'error':>9s}  status"]  # fmt: skip
    for r in results:
        status = "converged" if r.converged else "NOT CONVERGED"
        lines.append(f"  {r.gap:10.5g} {r.mu:12.6g} {r.n_s:12.6g} {r.fraction:10.6f} "
                     f"{r.error:9.2g}  {status}")  # fmt: skip
    bad = [r for r in results if not r.converged]
    if bad:
        worst = max(bad, key=lambda r: r.error)
        lines.append(f"  NOT CONVERGED at {len(bad)} of {len(results)} gaps: estimated error up "
                     f"to {worst.error:.3g} > tol {worst.method.tol:g}; raise --kmesh or "
                     "--cutoff before using these numbers")  # fmt: skip
    ds = _gap_dataset(results) if out is not None else None
    fig = _gap_figure(results, head) if png is not None else None
    return finish(lines, ds, out, fig, png)


# =========================================================================== layers
def _layers_dataset(layers):
    import numpy as np
    import xarray as xr

    from .._provenance import provenance
    from ..astro.crust.layers import REFERENCE

    def col(name):
        return np.array([getattr(row, name) for row in layers])

    ds = xr.Dataset(
        {
            "Z": ("n_bar", col("Z"), {"units": "1", "long_name": "protons in the cluster"}),
            "A": ("n_bar", col("A"), {"units": "1", "long_name": "nucleons in the cell"}),
            "N": ("n_bar", col("N"), {"units": "1", "long_name": "neutrons in the cell"}),
            "cell_radius": ("n_bar", col("cell_radius"),
                            {"units": "fm", "long_name": "Wigner-Seitz radius (derived)"}),
            "bcc_lattice_constant": ("n_bar", col("bcc_lattice_constant"),
                                     {"units": "fm", "long_name": "bcc cube edge (derived)"}),
            "n_ion": ("n_bar", col("n_ion"), {"units": "1/fm^3", "long_name": "ion density"}),
            "n_gas": ("n_bar", col("n_gas"),
                      {"units": "1/fm^3", "long_name": "neutron gas density (approximate)"}),
            "x": ("n_bar", col("x"),
                  {"units": "1", "long_name": "proton/neutron ratio in the cluster (approximate)"}),
            "cluster_nucleons": ("n_bar", col("cluster_nucleons"),
                                 {"units": "1", "long_name": "nucleons in the cluster, Z(1 + 1/x)"}),
        },
        coords={"n_bar": ("n_bar", col("n_bar"),
                          {"units": "1/fm^3", "long_name": "average baryon density"})},
    )  # fmt: skip
    ds.attrs = provenance(computation="astro.crust.layers.LAYERS",
                          model={"reference": REFERENCE}, method=None)  # fmt: skip
    return ds


def _layers_figure(layers, reference):
    import numpy as np
    from matplotlib.figure import Figure

    n = np.array([row.n_bar for row in layers])
    fig = Figure(figsize=(11, 4.4), layout="constrained")
    left, right = fig.subplots(1, 2)
    left.plot(n, [row.cell_radius for row in layers], "o-", label="cell radius R_c")
    left.plot(n, [row.bcc_lattice_constant for row in layers], "s--",
              label="bcc lattice constant (2/n_I)^(1/3)")  # fmt: skip
    left.set_ylabel("length (fm)")
    right.plot(n, [row.A for row in layers], "o-", label="A: nucleons in the cell")
    right.plot(n, [row.cluster_nucleons for row in layers], "s--",
               label="Z(1 + 1/x): nucleons in the cluster (approx.)")  # fmt: skip
    right.plot(n, [row.Z for row in layers], "^-", label="Z")
    right.set_ylabel("number of nucleons")
    for ax in (left, right):
        ax.set_xscale("log")
        ax.set_xlabel("average baryon density n̄ (fm$^{-3}$)")
        ax.legend(fontsize=8)
    fig.suptitle(f"inner crust: {reference}", fontsize=9)
    return fig


def _cmd_layers(args) -> int:
    from ..astro.crust.layers import LAYERS, REFERENCE

    out, png = outputs(args)
    if not args.compute:
        from ..errors import ParameterError

        for dest, default in _COMPUTE_ONLY.items():
            if getattr(args, dest) != default:
                flag = "--gap" if dest == "gap_layers" else "--" + dest.replace("_", "-")
                raise ParameterError(flag, getattr(args, dest), "only with --compute")
    if args.compute:
        ds = _compute_rows(args)
        fig = _computed_figure(ds) if png is not None else None
        return finish(_computed_lines(ds), ds, out, fig, png)
    lines = [
        f"inner-crust composition of {REFERENCE} (Hartree-Fock Wigner-Seitz cells in beta "
        "equilibrium); R_c = (3A/4 pi n_bar)^(1/3) and a_bcc = (2A/n_bar)^(1/3) derived, n_gas "
        "approximate (as the source says)",
        f"  {'n_bar(fm^-3)':>12s} {'Z':>4s} {'A':>5s} {'N':>5s} {'R_c(fm)':>8s} "
        f"{'a_bcc(fm)':>9s} {'n_gas(fm^-3)':>12s} {'x':>5s}",
    ]
    for row in LAYERS:
        lines.append(f"  {row.n_bar:12.3e} {row.Z:4d} {row.A:5d} {row.N:5d} "
                     f"{row.cell_radius:8.2f} {row.bcc_lattice_constant:9.2f} "
                     f"{row.n_gas:12.3e} {row.x:5.2f}")  # fmt: skip
    ds = _layers_dataset(LAYERS) if out is not None else None
    fig = _layers_figure(LAYERS, REFERENCE) if png is not None else None
    return finish(lines, ds, out, fig, png)


#: the options of ``crust layers --compute`` and their defaults
_COMPUTE_ONLY = {"densities": None, "kmesh": None, "cutoff_factor": 2.0, "gap_layers": 0.0,
                 "core_density": 0.16, "diffuseness": 0.7, "max_plane_waves": None,
                 "workers": None, "scheduler": None, "store": None, "progress": False}  # fmt: skip


def _compute_rows(args):
    """The layers through josephson.sweep.grid (one call per layer)."""
    import numpy as np

    from ..astro.crust.layers import LAYERS, layer_superfluid
    from ..sweep import grid

    dens = (np.array([row.n_bar for row in LAYERS]) if args.densities is None
            else np.atleast_1d(parse_range(args.densities, "densities")))  # fmt: skip
    fixed = {"kmesh": args.kmesh, "gap": args.gap_layers, "cutoff_factor": args.cutoff_factor,
             "core_density": args.core_density, "diffuseness": args.diffuseness,
             "max_plane_waves": args.max_plane_waves}  # fmt: skip
    options = {"workers": args.workers, "store": args.store, "progress": args.progress or None}
    if args.scheduler is not None:
        options.update(engine="dask", scheduler=args.scheduler)
    elif args.workers is None or args.workers == 1:
        options["engine"] = "inprocess"
    return grid(layer_superfluid, n_bar=dens, fixed=fixed, **options)


def _computed_lines(ds) -> list[str]:
    import numpy as np

    lines = [
        "band theory layer by layer: all N neutrons of the cell in the Thomas-Fermi Woods-Saxon "
        "well of its cluster (cluster_potential) on a bcc lattice; errors are the solver's own",
        f"  {'n_bar':>9s} {'V0(MeV)':>7s} {'R(fm)':>6s} {'a(fm)':>6s} {'N_pw':>6s} "
        f"{'f_s (all)':>15s} {'f_s (free)':>15s} {'m*/Z':>11s}  status",
    ]
    for i in range(ds.sizes["n_bar"]):
        r = ds.isel(n_bar=i)
        head = (f"  {float(r.n_bar):9.3e} {float(r.depth):7.2f} {float(r.radius):6.2f} "
                f"{float(r.lattice_constant):6.1f} {int(r.plane_waves):6d} ")  # fmt: skip
        if not int(r.computed):
            lines.append(head + f"{'-':>15s} {'-':>15s} {'-':>11s}  not computed: needs "
                         f"{int(r.plane_waves)} plane waves (--max-plane-waves)")  # fmt: skip
            continue
        ff = (f"{float(r.fraction_free):.4f}±{float(r.error_free):.4f}"
              if np.isfinite(float(r.fraction_free)) else "-")  # fmt: skip
        mz = f"{float(r.m_star_over_Z):.2f}±{float(r.m_star_error) / float(r.Z):.2f}"
        status = "converged" if int(r.converged) else "NOT CONVERGED"
        if not int(r.converged) and "error_kmesh" in r:  # (stores older than the split lack it)
            status += (f" (k-mesh {float(r.error_kmesh):.2g} + cutoff "
                       f"{float(r.error_cutoff):.2g})")  # fmt: skip
        if "kmesh" in r and np.isfinite(float(r.kmesh)):  # (nor the mesh of the row)
            status += f", kmesh {int(r.kmesh)}"
        lines.append(head + f"{float(r.fraction):.4f}±{float(r.error):.4f} {ff:>15s} {mz:>11s}"
                     f"  {status}")  # fmt: skip
    return lines


def _computed_figure(ds):
    import numpy as np
    from matplotlib.figure import Figure

    fig = Figure(figsize=(11, 4.4), layout="constrained")
    left, right = fig.subplots(1, 2)
    done = ds.computed.values == 1
    conv = ds.converged.values == 1
    n = ds.n_bar.values
    for mask, style, tag in ((done & conv, "o", ""), (done & ~conv, "x", ", not converged")):
        if not np.any(mask):
            continue
        sel = ds.isel(n_bar=np.flatnonzero(mask))
        left.errorbar(n[mask], sel.fraction, sel.error, fmt=style, capsize=3,
                      label=f"all neutrons{tag}")  # fmt: skip
        left.errorbar(n[mask], sel.fraction_free, sel.error_free, fmt=style, mfc="none",
                      capsize=3, label=f"free neutrons{tag}")  # fmt: skip
        right.errorbar(n[mask], sel.m_star_over_Z, sel.m_star_error / sel.Z, fmt=style,
                       capsize=3, label=f"m_I*/(Z m_u){tag}")  # fmt: skip
    for ax in (left, right):
        for x in n[~done]:
            ax.axvline(x, color="0.85", lw=0.8)
        ax.set_xscale("log")
        ax.set_xlabel("average baryon density n̄ (fm$^{-3}$)")
        if ax.get_legend_handles_labels()[0]:
            ax.legend(fontsize=8)
    left.set_ylabel("superfluid fraction ρ$_{n,s}$/ρ$_n$")
    right.set_ylabel("effective ion mass / Z (nucleon masses)")
    right.axhline(1.0, color="0.5", lw=0.8)
    fig.suptitle("crust layers, band theory (grey lines: layers beyond the dense plane-wave "
                 "solver)", fontsize=9)  # fmt: skip
    return fig


# =========================================================================== ion mass
def _cmd_ion_mass(args) -> int:
    import math

    from ..astro.crust import epstein_baym_mass, normalised_ion_mass

    inside = (args.radius, args.rho_n_in, args.rho_p_in, args.rho_n_out)
    if args.rho_s_in is not None:  # validate everything before printing anything
        given = epstein_baym_mass(*inside, args.rho_s_in)
        given_ratio = normalised_ion_mass(*inside[1:], args.rho_s_in)
    impenetrable = epstein_baym_mass(*inside, 0.0)
    volume = 4.0 * math.pi / 3.0 * args.radius**3
    lines = [
        f"Epstein-Baym effective mass of one ion (document 001; Epstein & Baym 1988): sphere "
        f"R = {args.radius:g} fm, rho_n,i = {args.rho_n_in:g}, rho_p,i = {args.rho_p_in:g}, "
        f"rho_n,o = {args.rho_n_out:g} (nucleon masses fm^-3); masses in nucleon masses",
        "  m_I* = m_I + ((lambda - 1)^2/(lambda + 2)) m_d, m_I = m_I0 - (4/3) pi R^3 rho_s,i, "
        "m_d = (4/3) pi R^3 rho_n,o, lambda = rho_s,i/rho_n,o",
        f"  nucleons inside m_I0 = {impenetrable['m_I0']:.6g} (protons Z m_p = "
        f"{volume * args.rho_p_in:.6g}, neutrons {volume * args.rho_n_in:.6g}); displaced "
        f"neutrons m_d = {impenetrable['m_d']:.6g}",
    ]
    if args.rho_s_in is not None:
        lines += [
            f"rho_s,i = {args.rho_s_in:g}:",
            f"  {'m_I_star':12s} {given['m_I_star']:12.6g}  effective ion mass m_I*",
            f"  {'m_I':12s} {given['m_I']:12.6g}  mass carried by the ion",
            f"  {'m_d':12s} {given['m_d']:12.6g}  mass of the displaced neutrons",
            f"  {'m_I0':12s} {given['m_I0']:12.6g}  mass inside the ion",
            f"  {'lambda':12s} {given['lambda']:12.6g}  rho_s,i/rho_n,o",
            f"  {'m_I_star/m_I':12s} {given_ratio:12.6g}  normalised form of the document",
        ]
    lines.append("limits for the same cluster (document 001):")
    lines.append(f"  {'limit':15s} {'rho_s_in':>10s} {'lambda':>9s} {'m_I_star':>12s} "
                 f"{'m_I':>12s} {'m_I_star/m_I':>12s}  meaning")  # fmt: skip
    limits = (
        ("impenetrable", 0.0, "rho_s,i = 0: the ion carries all its nucleons, m_I = m_I0"),
        ("all-superfluid", args.rho_n_in + args.rho_p_in,
         "rho_s,i = rho_n,i + rho_p,i: m_I = 0, only backflow"),
        ("permeable", args.rho_n_out, "rho_s,i = rho_n,o: lambda = 1, no backflow, m_I* = m_I"),
    )  # fmt: skip
    for name, s_in, meaning in limits:
        if s_in > (args.rho_n_in + args.rho_p_in) * (1 + 1e-12):
            lines.append(f"  {name:15s} {s_in:10.4g}  impossible: rho_n,o > rho_n,i + rho_p,i "
                         "(more superfluid than nucleons inside)")  # fmt: skip
            continue
        m = epstein_baym_mass(*inside, s_in)
        ratio = normalised_ion_mass(*inside[1:], s_in)
        lines.append(f"  {name:15s} {s_in:10.4g} {m['lambda']:9.4g} {m['m_I_star']:12.6g} "
                     f"{m['m_I']:12.6g} {ratio:12.6g}  {meaning}")  # fmt: skip
    return finish(lines, None, None, None, None)


# =========================================================================== parser
def register(sub) -> None:
    """Add the ``crust`` command to the subparsers ``sub``."""
    cr = sub.add_parser(
        "crust",
        help="neutron-star crust: band-theory superfluid fraction, crust layers, ion mass "
        "(document 001)",
        description="Entrainment of the unbound neutrons by the crystal of nuclear clusters in "
        "the inner crust of a neutron star (document 001, crust part): the superfluid fraction "
        "from the band structure, the Negele-Vautherin layers, and the Epstein-Baym effective "
        "mass of an ion.",
    )
    subs = cr.add_subparsers(dest="what", metavar="WHAT", required=True)

    b = subs.add_parser(
        "bands",
        help="superfluid fraction of neutrons in a periodic potential (plane-wave bands)",
        description="Plane-wave band structure of neutrons in a periodic potential, the Fermi "
        "level fixed by their density, and the superfluid density: the Fermi-surface integral "
        "of |grad_k eps|^2 (weak pairing, --gap 0) or the constant-gap BCS form.  The result "
        "carries its estimated error (k-mesh + cutoff); one above tol is printed as NOT "
        "CONVERGED.  The fraction counts every neutron of the band problem, bound ones "
        "included.  Lengths in fm, energies in MeV.",
        epilog="examples: josephson crust bands --lattice 1d --spacing 20 --potential cosine "
        "--amplitude 1 --density 0.13 --gap 0:1:5; josephson crust bands --lattice bcc "
        "--spacing 16 --potential woods-saxon --depth 20 --radius 4 --diffuseness 0.7 "
        "--density 0.02 --kmesh 4 --png bands.png",
    )
    b.add_argument("--lattice", required=True, choices=_LATTICES,
                   help="'1d' (period a), or the cubic sc, bcc, fcc (cube edge a)")  # fmt: skip
    b.add_argument("--spacing", required=True, type=number("spacing"),
                   help="lattice constant a (fm)")  # fmt: skip
    b.add_argument("--potential", required=True, choices=tuple(_POTENTIALS),
                   help="woods-saxon clusters (sc, bcc, fcc), cosine (1d, sc) or kronig-penney "
                   "(1d)")  # fmt: skip
    g = b.add_argument_group("the potential")
    for flag, text in _PARAMETER_HELP.items():
        owner = next(p for p, (names, _) in _POTENTIALS.items() if flag in names)
        g.add_argument(f"--{flag}", type=number(flag), default=None, help=f"{owner}: {text}")
    b.add_argument("--density", required=True, type=number("density"),
                   help="mean neutron density n (fm^-3; fm^-1 on a 1d lattice)")  # fmt: skip
    b.add_argument("--gap", default="0", metavar="D|START:STOP:N",
                   help="constant BCS gap in MeV (default 0: weak pairing); a range or comma list "
                   "prints the fraction vs the gap")  # fmt: skip
    n = b.add_argument_group("numerical settings (default: converging ones, see PlaneWave)")
    n.add_argument("--cutoff", type=number("cutoff"), default=None,
                   help="plane-wave kinetic-energy cutoff (MeV; default automatic)")  # fmt: skip
    n.add_argument("--kmesh", type=int, default=None,
                   help="3D: k-points per reciprocal vector (even, default 8); 1D: segments of "
                   "the BCS k integral (default 256)")  # fmt: skip
    n.add_argument("--workers", type=int, default=None,
                   help="processes diagonalising k-points in parallel (default 1)")  # fmt: skip
    b.add_argument("--out", metavar="FILE.nc", help="write the result (a dataset over the gap "
                   "for a range)")  # fmt: skip
    b.add_argument("--png", metavar="FILE.png", help="draw the bands along a path with mu "
                   "marked (a gap range: the fraction vs the gap)")  # fmt: skip
    b.set_defaults(run=_cmd_bands)

    la = subs.add_parser(
        "layers",
        help="inner-crust composition of Negele & Vautherin (1973)",
        description="The eleven inner-crust layers of Negele & Vautherin, Nucl. Phys. A 207, "
        "298 (1973): average baryon density, proton number, nucleons and neutrons in the cell, "
        "the derived cell radius and bcc lattice constant, the neutron-gas density.",
        epilog="examples: josephson crust layers --png layers.png;  josephson crust layers "
        "--compute --densities 0.0475,0.0789 --workers 2 --store runs/crust --png fs.png",
    )
    la.add_argument("--out", metavar="FILE.nc", help="write the table")
    la.add_argument("--png", metavar="FILE.png",
                    help="draw cell radius and cluster size vs density (with --compute: the "
                    "superfluid fraction and m*/Z)")  # fmt: skip
    c = la.add_argument_group("band theory layer by layer (--compute)")
    c.add_argument("--compute", action="store_true",
                   help="solve the band problem of each layer (layer_superfluid: the "
                   "Thomas-Fermi Woods-Saxon well of its clusters on a bcc lattice)")  # fmt: skip
    c.add_argument("--densities", default=None, metavar="LIST|START:STOP:N",
                   help="average baryon densities in fm^-3 (default: the eleven layers)")
    c.add_argument("--kmesh", type=int, default=None, metavar="N",
                   help="k-mesh (default: 8, 16, 24, 32, 40 in turn until the row converges)")
    c.add_argument("--cutoff-factor", type=number("cutoff_factor"), default=2.0, metavar="F",
                   help="plane-wave cutoff in units of eps_F + V0 (default 2.0)")
    c.add_argument("--gap", dest="gap_layers", type=number("gap"), default=0.0, metavar="MEV",
                   help="constant BCS gap in MeV (default 0: weak pairing)")
    c.add_argument("--core-density", type=number("core_density"), default=0.16, metavar="N0",
                   help="core density of the clusters in fm^-3 (default 0.16)")
    c.add_argument("--diffuseness", type=number("diffuseness"), default=0.7, metavar="D",
                   help="diffuseness of the wells in fm (default 0.7)")
    c.add_argument("--max-plane-waves", type=int, default=None, metavar="N",
                   help="leave out (computed = 0) the layers needing more plane waves "
                   "(default: the solver's limit, 100000; the outer layers take tens of minutes)")
    c.add_argument("--workers", type=int, default=None, metavar="N",
                   help="layers computed in parallel processes (default 1)")
    c.add_argument("--scheduler", default=None, metavar="tcp://HOST:PORT",
                   help="run the layers on a Dask cluster")
    c.add_argument("--store", default=None, metavar="DIR",
                   help="resumable store: a rerun computes only the missing layers")
    c.add_argument("--progress", action="store_true", help="show a progress bar")
    la.set_defaults(run=_cmd_layers)

    im = subs.add_parser(
        "ion-mass",
        help="Epstein-Baym hydrodynamic effective mass of an ion and its three limits",
        description="Effective mass m_I* = m_I + ((lambda-1)^2/(lambda+2)) m_d of a spherical "
        "cluster moving through the neutron superfluid (Epstein & Baym 1988, document 001), "
        "for the given superfluid density inside and in the three limits of the document: "
        "impenetrable (rho_s,i = 0), all superfluid (rho_s,i = rho_n,i + rho_p,i) and "
        "permeable (rho_s,i = rho_n,o).  Mass densities in nucleon masses per fm^3, masses in "
        "nucleon masses.",
        epilog="example: josephson crust ion-mass --radius 7 --rho-n-in 0.08 --rho-p-in 0.04 "
        "--rho-n-out 0.03 --rho-s-in 0.03",
    )
    im.add_argument("--radius", required=True, type=number("radius"), help="radius R (fm)")
    im.add_argument("--rho-n-in", required=True, type=number("rho_n_in"),
                    help="neutron mass density inside (nucleon masses fm^-3)")  # fmt: skip
    im.add_argument("--rho-p-in", required=True, type=number("rho_p_in"),
                    help="proton mass density inside")  # fmt: skip
    im.add_argument("--rho-n-out", required=True, type=number("rho_n_out"),
                    help="neutron mass density outside")  # fmt: skip
    im.add_argument("--rho-s-in", type=number("rho_s_in"), default=None,
                    help="superfluid mass density inside (default: the three limits only)")  # fmt: skip
    im.set_defaults(run=_cmd_ion_mass)
