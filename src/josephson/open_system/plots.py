"""Figures of the open-system model (document 004): functions over result datasets."""

from __future__ import annotations

import numpy as np
import xarray as xr

from ..errors import ParameterError

__all__ = ["plot_characteristic", "plot_hysteresis"]


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
