"""Figures of :mod:`josephson.astro` results (Matplotlib axes in, axes out)."""

from __future__ import annotations

import numpy as np

__all__ = ["plot_heating_map"]


def plot_heating_map(ds, variable="power_flux_tube", *, ax=None, marks=None, star=None):
    """log₁₀ of a Josephson power (erg s⁻¹) over the P–Ṗ diagram of
    :func:`~josephson.astro.heating_map`, with lines of constant dipole field and of constant
    τ = P/Ṗ, ``marks`` (``{label: (P, Ṗ)}``, e.g. the catalogued pulsars) as labelled points
    and ``star`` (``(label, P, Ṗ)``) as a red star."""
    if ax is None:
        import matplotlib.pyplot as plt

        _, ax = plt.subplots(figsize=(6.4, 4.8), layout="constrained")
    p, pd = ds["period"].values, ds["pdot"].values
    logp = np.log10(ds[variable].values.T)
    levels = np.arange(np.floor(np.nanmin(logp)), np.ceil(np.nanmax(logp)) + 1, 2.0)
    filled = ax.contourf(p, pd, logp, levels=levels, cmap="magma")
    ax.figure.colorbar(filled, ax=ax, label=f"log₁₀ {ds[variable].attrs['long_name']} (erg/s)")
    # constant dipole field (Ṗ = (B/3.2e19 G)²/P) and constant τ = P/Ṗ, drawn as lines
    lo, hi = pd[0], pd[-1]
    for logb in (10, 12, 14):
        yb = (10.0**logb / 3.2e19) ** 2 / p
        ok = (yb >= lo) & (yb <= hi)
        if ok.any():
            ax.plot(p[ok], yb[ok], "--", color="w", lw=0.8)
            ax.annotate(f"B = 1e{logb} G", (p[ok][0], yb[ok][0]), textcoords="offset points",
                        xytext=(3, -10), fontsize=7, color="w")  # fmt: skip
    for logt in (3, 5, 7, 9):
        yt = p / (10.0**logt * 3.15576e7)
        ok = (yt >= lo) & (yt <= hi)
        if ok.any():
            ax.plot(p[ok], yt[ok], ":", color="0.8", lw=0.8)
            ax.annotate(f"τ = 1e{logt} yr", (p[ok][-1], yt[ok][-1]), textcoords="offset points",
                        xytext=(-40, -10), fontsize=7, color="0.85")  # fmt: skip
    for label, (period, pdot) in (marks or {}).items():
        ax.plot(period, pdot, "o", color="cyan", ms=5, mec="k")
        right = period > 10 ** (0.7 * np.log10(p[-1]) + 0.3 * np.log10(p[0]))
        ax.annotate(label, (period, pdot), textcoords="offset points",
                    xytext=(-4, 5) if right else (4, 4), ha="right" if right else "left",
                    fontsize=8, color="w")  # fmt: skip
    if star is not None:
        label, period, pdot = star
        ax.plot(period, pdot, "*", color="red", ms=13, mec="k")
        if label not in (marks or {}):
            ax.annotate(label, (period, pdot), textcoords="offset points", xytext=(5, -11),
                        fontsize=8, color="red")  # fmt: skip
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("period P (s)")
    ax.set_ylabel("period derivative Ṗ")
    ax.set_title(ds[variable].attrs["long_name"] + " (document 000, eqs. 32-34)", fontsize=10)
    return ax
