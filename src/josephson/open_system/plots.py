"""Figures of the open-system model (document 004): functions over result datasets."""

from __future__ import annotations

import numpy as np
import xarray as xr

from ..errors import ParameterError

__all__ = ["plot_attractor", "plot_characteristic", "plot_hysteresis"]


def _axes(axes, n, size):
    if axes is not None:
        return axes
    import matplotlib.pyplot as plt

    _, axes = plt.subplots(1, n, figsize=size)
    return axes


def plot_characteristic(ds: xr.Dataset, ax=None):
    """Fig. 2: the stationary characteristic i_tot(v), solid where stable and dotted where
    unstable, with i_c and i_r dashed.  ``ds`` from :func:`stationary_characteristic`."""
    if "i_tot" not in ds or "stable" not in ds:
        raise ParameterError("ds", "dataset", "a stationary_characteristic() dataset")
    ax = _axes(ax, 1, (6, 4.5))
    v, i = ds["v"].values, ds["i_tot"].values
    stable = ds["stable"].values
    ax.plot(v, np.where(stable, i, np.nan), color="C0", label="stable")
    ax.plot(v, np.where(~stable, i, np.nan), color="C0", ls=":", label="unstable")
    for name, text in (("i_c", "i_c"), ("i_r", "i_r")):
        value = float(ds[name])
        if np.isfinite(value):
            ax.axhline(value, color="0.4", ls="--", lw=0.8)
            ax.text(v.min(), value, f" {text} = {value:.4g}", va="bottom", fontsize="small")
    alpha = _alpha_of(ds)
    ax.set_xlabel("voltage v [Ṽ = ħ/2eRC]")
    ax.set_ylabel("bias current i_tot [Ĩ = Ṽ/R]")
    ax.set_title(f"stationary characteristic (eq. 48), α = {alpha:g}")
    ax.grid(alpha=0.3)
    ax.legend(frameon=False, fontsize="small")
    return ax


def _alpha_of(ds) -> float:
    import json

    try:
        return float(json.loads(ds.attrs["model"])["alpha"])
    except (KeyError, ValueError, TypeError):
        return float("nan")


def plot_hysteresis(ds: xr.Dataset, axes=None):
    """Fig. 3: (a) the ramped loop v(i_tot) over the stationary characteristic; (b), (c) the
    Josephson, resistive and capacitive currents on the rising and falling legs, with i_c
    and i_r dashed.  ``ds`` from :func:`hysteresis`."""
    if "leg" not in ds:
        raise ParameterError("ds", "dataset", "a hysteresis() dataset")
    from .analytic import characteristic

    ax1, ax2, ax3 = _axes(axes, 3, (15, 4.5))
    alpha = _alpha_of(ds)
    ax1.plot(ds["i_tot"], ds["v"], "k.", ms=1.5, label="ramp (simulation)")
    v = np.linspace(0.0, float(ds["v"].max()) * 1.05, 800)
    ax1.plot(characteristic(v, alpha), v, color="C3", lw=1, label="eq. 48")
    ax1.set_xlabel("i_tot [Ĩ]")
    ax1.set_ylabel("v [Ṽ]")
    ax1.set_title(f"hysteresis loop, α = {alpha:g}")
    ax1.legend(frameon=False, fontsize="small")
    for ax, leg, mark in ((ax2, "up", "i_c"), (ax3, "down", "i_r")):
        part = ds.where(ds["leg"] == leg, drop=True)
        for name, label in (("i_j", "i_J"), ("i_res", "i_res = v"), ("i_cap", "i_cap = dv/dτ")):
            ax.plot(part["i_tot"], part[name], label=label)
        ax.axvline(float(ds[mark]), color="0.4", ls="--", lw=0.8)
        ax.set_xlabel("i_tot [Ĩ]")
        ax.set_ylabel("current [Ĩ]")
        ax.set_title(f"{'rising' if leg == 'up' else 'falling'} leg (dashed: {mark})")
        ax.legend(frameon=False, fontsize="small")
    for ax in (ax1, ax2, ax3):
        ax.grid(alpha=0.3)
    return ax1, ax2, ax3


def plot_attractor(ds: xr.Dataset, orbit: xr.Dataset | None = None, axes=None):
    """The attractor study (Figs. 6-9): (a) the distance |y − y*| to the starting fixed point
    against τ for every integrator and kick (log scale: converged methods decay to their
    tolerance or to round-off, an artefact rings at a tolerance-proportional level);
    (b) the orbit in the ζ = i_S + i i_J plane (``orbit`` from
    :func:`josephson.open_system.attractor.orbit`) with the fixed point marked."""
    if "envelope" not in ds:
        raise ParameterError("ds", "dataset", "a search_attractors() dataset")
    ax1, ax2 = _axes(axes, 2, (13, 4.8))
    env = ds["envelope"]
    for k, ref in enumerate(ds["refinement"].values):
        for j, size in enumerate(ds["size"].values):
            curve = env.sel(refinement=ref, size=size).isel(direction=0)
            ax1.semilogy(ds["tau_envelope"], np.maximum(curve, 1e-17), color=f"C{k % 10}",
                         ls=("-", "--", ":", "-.")[j % 4], lw=0.9,
                         label=f"{ref}" if j == 0 else None)  # fmt: skip
    ax1.set_xlabel("τ = γt")
    ax1.set_ylabel("|y − y*| (block maximum)")
    ax1.set_title(
        f"kicks {', '.join(f'{s:g}' for s in ds['size'].values)} (line styles), "
        f"α = {float(ds.alpha):g}, v0 = {float(ds.v0):g}"
    )
    ax1.grid(alpha=0.3)
    ax1.legend(frameon=False, fontsize="x-small")
    if orbit is not None:
        ax2.plot(orbit["i_s"], orbit["i_j"], lw=0.6)
        ax2.plot(orbit["i_s"][0], orbit["i_j"][0], "o", color="C2", label="start")
        ax2.plot(orbit["i_s"][-1], orbit["i_j"][-1], "o", color="C1", label="end")
        ax2.set_xlabel("i_S = Re ζ")
        ax2.set_ylabel("i_J = Im ζ")
        ax2.set_title(f"orbit for τ ≤ {float(orbit.tau[-1]):g} (compiled Dormand–Prince)")
        ax2.legend(frameon=False, fontsize="small")
        ax2.grid(alpha=0.3)
    return ax1, ax2
