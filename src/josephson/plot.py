"""Plots over result datasets (functions of data, not methods of model objects)."""

from __future__ import annotations

import numpy as np
import xarray as xr

from .errors import ParameterError

__all__ = ["iv", "shapiro"]


def _label(da: xr.DataArray, fallback: str) -> str:
    name = da.attrs.get("long_name", fallback)
    units = da.attrs.get("units")
    return f"{name} [{units}]" if units and units != "1" else name


def iv(ds: xr.Dataset, ax=None, *, title: str | None = None):
    """Draw the up and down branches of an I-V sweep (voltage against bias).

    Extra dimensions (``beta_c``, ``noise``) give one pair of curves per value.  With noise,
    the standard error is drawn as a band.  Returns the matplotlib Axes.
    """
    if "v" not in ds or "i_dc" not in ds["v"].dims:
        raise ParameterError("ds", "dataset", "an I-V dataset with a variable v over i_dc")
    if ax is None:
        import matplotlib.pyplot as plt

        _, ax = plt.subplots(figsize=(6, 4.5))
    v = ds["v"]
    extra = [d for d in v.dims if d not in ("direction", "i_dc")]
    stacked = v.stack(_curve=extra) if extra else v.expand_dims(_curve=[0])
    err = ds.get("v_stderr")
    if err is not None:
        err = err.stack(_curve=extra) if extra else err.expand_dims(_curve=[0])
    styles = {"up": dict(ls="-", marker=""), "down": dict(ls="--", marker="")}
    colors = iter(["C0", "C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8", "C9"] * 10)
    for k in range(stacked.sizes["_curve"]):
        color = next(colors)
        curve = stacked.isel(_curve=k)
        label = ", ".join(f"{d}={curve[d].item():g}" for d in extra) if extra else ""
        for direction in np.atleast_1d(curve["direction"].values):
            branch = curve.sel(direction=direction)
            text = f"{label} {direction}".strip()
            ax.plot(
                branch["i_dc"], branch, color=color, label=text, **styles.get(str(direction), {})
            )
            if err is not None:
                e = err.isel(_curve=k).sel(direction=direction)
                ax.fill_between(
                    branch["i_dc"], branch - e, branch + e, color=color, alpha=0.25, lw=0
                )
    ax.set_xlabel(_label(ds["i_dc"], "i_dc"))
    ax.set_ylabel(_label(v, "v"))
    ax.grid(alpha=0.3)
    ax.legend(frameon=False, fontsize="small")
    if title is None:
        parts = [
            f"{d}={ds[d].item():g}"
            for d in ("beta_c", "noise")
            if d in ds.coords and ds[d].ndim == 0
        ]
        title = "RCSJ I–V" + (f" ({', '.join(parts)})" if parts else "")
    ax.set_title(title)
    return ax


def shapiro(ds: xr.Dataset, steps: xr.Dataset, *, amplitudes=None, axes=None, reference=None):
    """Staircase I-V curves and the step-width map (Bessel-like lobes) of a Shapiro sweep.

    ``ds`` from :func:`josephson.junction.shapiro.shapiro`, ``steps`` from
    :func:`~josephson.junction.shapiro.shapiro_steps`.  Left: v/omega against i_dc for a few
    microwave amplitudes (``amplitudes``, default four spread over the map).  Right: the
    width of each step against i_ac; ``reference`` (a DataArray over (i_ac, n), e.g. the
    exact edges' widths or the Bessel law) is drawn dashed.  Returns the two Axes.
    """
    if "v" not in ds or "i_ac" not in ds.dims or "omega" in ds.dims:
        raise ParameterError("ds", "dataset", "a single-frequency shapiro() dataset")
    if axes is None:
        import matplotlib.pyplot as plt

        _, axes = plt.subplots(1, 2, figsize=(11, 4.5))
    ax1, ax2 = axes
    omega = float(ds["omega"])
    i_ac = ds["i_ac"].values
    if amplitudes is None:
        amplitudes = i_ac[
            np.unique(np.linspace(0, i_ac.size - 1, min(4, i_ac.size)).round().astype(int))
        ]
    for a in np.atleast_1d(amplitudes):
        curve = ds["v"].sel(i_ac=a, method="nearest")
        ax1.plot(ds["i_dc"], curve / omega, label=f"i_ac = {float(curve['i_ac']):.3g}")
    ax1.set_xlabel(_label(ds["i_dc"], "i_dc"))
    ax1.set_ylabel("⟨v⟩ / ω  (step index n)")
    ax1.set_title(f"Shapiro steps, ω = {omega:g} ω_c")
    ax1.grid(alpha=0.3)
    ax1.legend(frameon=False, fontsize="small")
    for k, n in enumerate(steps["n"].values):
        color = f"C{k % 10}"
        ax2.plot(steps["i_ac"], steps["width"].sel(n=n), color=color, label=f"n = {n}")
        if reference is not None and n in reference["n"].values:
            ax2.plot(reference["i_ac"], reference.sel(n=n), color=color, ls="--", lw=0.8)
    ax2.set_xlabel(_label(ds["i_ac"], "i_ac"))
    ax2.set_ylabel(_label(steps["width"], "step width"))
    ax2.set_title("step widths" + (" (dashed: reference)" if reference is not None else ""))
    ax2.grid(alpha=0.3)
    ax2.legend(frameon=False, fontsize="small", ncol=2)
    return ax1, ax2
