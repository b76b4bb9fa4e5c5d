"""Figures of :mod:`josephson.superfluid` results (functions over the datasets; Matplotlib axes in,
axes out)."""

from __future__ import annotations

import numpy as np

__all__ = ["plot_entrainment", "plot_interface_cpr", "plot_necklace", "plot_stability"]


def _axes(axes, n):
    if axes is None:
        import matplotlib.pyplot as plt

        _, axes = plt.subplots(1, n, figsize=(5.5 * n, 4.2), layout="constrained")
    return np.atleast_1d(axes)


def plot_entrainment(ds, axes=None):
    """Entrainment ratios ρ_np/ρ_q and effective masses against density (from
    :func:`~josephson.superfluid.nuclear_entrainment`)."""
    ax1, ax2 = _axes(axes, 2)[:2]
    n = ds["density"].values
    ax1.plot(n, ds["rho_np"] / ds["rho_n"], label="ρ_np/ρ_n")
    ax1.plot(n, ds["rho_np"] / ds["rho_p"], label="ρ_np/ρ_p")
    ax1.plot(n, ds["flux_ratio"], "--", label="Φ*/Φ0")
    ax1.axhline(0, color="0.6", lw=0.8)
    ax1.set_xlabel("baryon density n (fm⁻³)")
    ax1.set_ylabel("ratio")
    ax1.legend()
    ax1.set_title(f"entrainment ({ds.attrs.get('computation', '')})", fontsize=10)
    for var, style in (("m_n_star", "-"), ("m_p_star", "-"), ("m_n_landau", ":"),
                       ("m_p_landau", ":")):  # fmt: skip
        ax2.plot(n, ds[var], style, label=ds[var].attrs["long_name"])
    ax2.set_xlabel("baryon density n (fm⁻³)")
    ax2.set_ylabel("m*/m")
    ax2.legend(fontsize=8)
    return ax1, ax2


def plot_interface_cpr(ds, axes=None):
    """Interface current–phase relation from the GL solver (solid) next to the tunnelling limit,
    eqs. 15–16 (dashed), from :func:`~josephson.superfluid.gl.interface_cpr`."""
    (ax,) = _axes(axes, 1)[:1]
    phase = ds["delta_theta"].values
    for c in ds["component"].values:
        line = ax.plot(phase, ds["current"].sel(component=c), label=f"j_{c} (GL)")[0]
        ax.plot(phase, ds["current_tunnelling"].sel(component=c), "--", color=line.get_color(),
                label=f"j_{c} (eqs. 15–16)")  # fmt: skip
    ax.set_xlabel(f"phase jump Δθ_{ds.attrs.get('driven', '')} (rad)")
    ax.set_ylabel("interface current (GL units)")
    ax.axhline(0, color="0.6", lw=0.8)
    ax.legend()
    return ax


def plot_necklace(ds, axes=None):
    """Density and phase around the ring, and the winding number against time."""
    ax1, ax2 = _axes(axes, 2)[:2]
    if "density" in ds:
        for c in ds["component"].values if "component" in ds.dims else [None]:
            sel = ds["density"] if c is None else ds["density"].sel(component=c)
            if "time" in sel.dims:
                sel = sel.isel(time=-1)
            ax1.plot(ds["x"], sel, label=f"density {'' if c is None else c}")
        ax1.set_xlabel("position around the ring x (ξ)")
        ax1.set_ylabel("density n/n̄")
        ax1.legend()
    if "winding" in ds:
        w = ds["winding"]
        t = ds[w.dims[-1]]
        if w.ndim == 1:
            ax2.step(t, w, where="post")
        else:
            for c in ds[w.dims[0]].values:
                ax2.step(t, w.sel({w.dims[0]: c}), where="post", label=f"component {c}")
            ax2.legend()
        ax2.set_xlabel("time (ħ/μ)")
        ax2.set_ylabel("winding number w")
    return ax1, ax2


def plot_stability(ds, axes=None):
    """The critical winding number w_c(n) and Leggett's bound on the superfluid fraction."""
    (ax,) = _axes(axes, 1)[:1]
    n = ds["junctions"].values
    if "rho12" in ds.dims:
        for r in ds["rho12"].values:
            ax.plot(n, ds["w_c"].sel(rho12=r), "o-", label=f"w_c, ρ12 = {r:g}")
    else:
        ax.plot(n, ds["w_c"], "o-", label="w_c(n)")
    from matplotlib.ticker import MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("number of junctions n")
    ax.set_ylabel("critical winding number w_c")
    ax.legend(loc="upper left")
    if "leggett" in ds:
        twin = ax.twinx()
        lg = ds["leggett"]
        if "rho12" in lg.dims:
            lg = lg.isel(rho12=0)
        twin.plot(n, lg, "s--", color="C3", label="Leggett bound 1/(⟨ρ⟩⟨1/ρ⟩)")
        twin.set_ylabel("superfluid fraction bound", color="C3")
        twin.legend(loc="lower right")
    return ax
