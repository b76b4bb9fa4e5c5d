"""Figures of multi-terminal BdG junctions (document 002): functions over result datasets.

* :func:`plot_cpr` — the current–phase relations of all terminals (from
  :func:`~josephson.bdg.current_phase_relation`, :func:`~josephson.bdg.four_terminal_cpr` or
  :func:`~josephson.bdg.four_terminal_diode`);
* :func:`plot_diode_map` — the longitudinal (L) and transverse (T) diode coefficients against
  the Néel angle θ (a :func:`josephson.sweep.grid` of :func:`~josephson.bdg.four_terminal_diode`
  over ``theta``);
* :func:`plot_spectrum` — the lowest positive BdG energies (Andreev levels) against the phase
  (from :func:`~josephson.bdg.spectrum`).

Currents are in e t/ħ, energies in t (the hopping), phases and angles in radians.
"""

from __future__ import annotations

import json
import math

import numpy as np
import xarray as xr

from ..errors import ParameterError

__all__ = ["plot_cpr", "plot_diode_map", "plot_spectrum"]

_PRETTY_UNITS = {"e t/hbar": "e t/ħ", "rad": "rad", "t": "t"}


def _axes(axes, n, size):
    if axes is not None:
        return axes
    import matplotlib.pyplot as plt

    _, axes = plt.subplots(1, n, figsize=size)
    return axes


def _label(da: xr.DataArray, text: str) -> str:
    """``text [units]`` with the units of ``da`` (ħ written as a symbol)."""
    units = da.attrs.get("units")
    if not units or units == "1":
        return text
    return f"{text} [{_PRETTY_UNITS.get(units, units)}]"


def _pi_ticks(axis, span: float) -> None:
    """Ticks at multiples of π (or π/2, π/4 for shorter spans) labelled as such."""
    from matplotlib.ticker import FuncFormatter, MultipleLocator

    if not np.isfinite(span) or span <= 0:
        return
    step = math.pi if span > 3 * math.pi else (math.pi / 2 if span > math.pi else math.pi / 4)
    axis.set_major_locator(MultipleLocator(step))

    def fmt(x, _pos):
        q = round(4 * x / math.pi)  # quarters of π
        if abs(4 * x / math.pi - q) > 1e-6:
            return f"{x:.3g}"
        if q == 0:
            return "0"
        num, den = q, 4
        g = math.gcd(abs(num), den)
        num, den = num // g, den // g
        top = {1: "π", -1: "−π"}.get(num, f"{num}π".replace("-", "−"))
        return top if den == 1 else f"{top}/{den}"

    axis.set_major_formatter(FuncFormatter(fmt))


def _model(ds) -> dict:
    try:
        return json.loads(ds.attrs["model"])
    except (KeyError, ValueError, TypeError):
        return {}


def _describe(ds, *, theta: bool = True) -> str:
    """A short parameter line from the provenance (empty if the dataset carries none)."""
    model = _model(ds)
    center = model.get("center", {})
    parts = []
    for key, symbol in (("altermagnet", "J"), ("rashba", "α"), ("mu", "μ"), ("theta", "θ")):
        if key in center and (theta or key != "theta"):
            parts.append(f"{symbol} = {center[key]:.3g}")
    terminals = model.get("terminals", {})
    if terminals:
        delta = next(iter(terminals.values())).get("material", {}).get("delta")
        if delta is not None:
            parts.append(f"Δ = {delta:.3g}")
    if "size" in model:
        parts.append(f"{model['size']}×{model['size']} sites")
    return ", ".join(parts)


def _bias_text(ds) -> str:
    bias = ds.attrs.get("bias")
    if bias == "symmetric":
        return "symmetric bias φ_L = φ/2, φ_R = −φ/2, others 0"
    if bias:
        return f"φ_{bias} = φ, others 0"
    return ""


def plot_cpr(ds: xr.Dataset, axes=None):
    """The current–phase relations of every terminal, in two panels: (a) the first two
    terminals (longitudinal L, R of the four-terminal cross) and (b) the others (transverse
    T, B) with the sum Σ_a I_a, which gauge invariance makes zero (a check).  Legend entries
    carry the diode coefficient η of each terminal when ``ds`` has it
    (:func:`~josephson.bdg.four_terminal_diode`).

    ``ds`` has ``current`` over (phi, terminal) and nothing else: select one point of a grid
    first (``ds.sel(theta=...)``).  ``axes``: two Matplotlib axes (default: a new figure).
    Returns the two axes.
    """
    if "current" not in ds or set(ds["current"].dims) != {"phi", "terminal"}:
        dims = tuple(ds["current"].dims) if "current" in ds else ()
        raise ParameterError(
            "ds", f"current over {dims}" if dims else "dataset",
            "a CPR dataset with current over (phi, terminal) only (select one grid point first)",
        )  # fmt: skip
    ax1, ax2 = _axes(axes, 2, (12, 4.5))
    phi = ds["phi"].values
    names = [str(n) for n in ds["terminal"].values]
    eta = ds["eta"] if "eta" in ds and ds["eta"].dims == ("terminal",) else None
    for k, name in enumerate(names):
        ax = ax1 if k < 2 else ax2
        label = name
        if eta is not None:
            label += f" (η = {float(eta.sel(terminal=name)):+.3g})"
        ax.plot(phi, ds["current"].sel(terminal=name), marker=".", ms=4, color=f"C{k}", label=label)
    total = ds["current"].sum("terminal").values
    ax2.plot(phi, total, color="0.4", ls=":", lw=1, label="Σ_a I_a (gauge check)")
    titles = ("longitudinal terminals", "transverse terminals")
    ylabel = _label(ds["current"], "current I_a out of terminal a")
    xlabel = _label(ds["phi"], "phase bias φ")
    for ax, title in zip((ax1, ax2), titles, strict=True):
        ax.axhline(0.0, color="0.6", lw=0.6)
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
        ax.set_title(title)
        _pi_ticks(ax.xaxis, float(np.ptp(phi)) if phi.size else math.nan)
        ax.grid(alpha=0.3)
        ax.legend(frameon=False, fontsize="small")
    head = "; ".join(filter(None, [_describe(ds), _bias_text(ds)]))
    if head and hasattr(ax1, "figure") and ax1.figure is not None:
        ax1.figure.suptitle(head, fontsize="medium")
    return ax1, ax2


def plot_diode_map(ds: xr.Dataset, ax=None, *, terminals=("L", "T")):
    """The diode coefficients η of the longitudinal (L) and transverse (T) terminals
    against the Néel angle θ.  Points whose current keeps one sign over the whole phase grid
    (``unidirectional``, |η| ≥ 1) are circled; a symmetric-log scale is used once |η| passes
    10.  ``ds``: ``eta`` over (theta, terminal), e.g. ``grid(four_terminal_diode, theta=...)``.
    Returns the axes."""
    if "eta" not in ds or set(ds["eta"].dims) != {"theta", "terminal"}:
        dims = tuple(ds["eta"].dims) if "eta" in ds else ()
        raise ParameterError(
            "ds", f"eta over {dims}" if dims else "dataset",
            "a diode map with eta over (theta, terminal), e.g. grid(four_terminal_diode, theta=...)",
        )  # fmt: skip
    have = [str(n) for n in ds["terminal"].values]
    missing = [t for t in terminals if t not in have]
    if missing:
        raise ParameterError("terminals", missing, "names among " + ", ".join(have))
    ax = _axes(ax, 1, (6.4, 4.8))
    theta = ds["theta"].values
    kind = {"L": "longitudinal", "R": "longitudinal", "T": "transverse", "B": "transverse"}
    uni = ds["unidirectional"] if "unidirectional" in ds else None
    circled = False
    for k, name in enumerate(terminals):
        eta = ds["eta"].sel(terminal=name).values
        text = f"η_{name}" + (f" ({kind[name]})" if name in kind else "")
        ax.plot(theta, eta, marker="o", ms=4, color=f"C{k}", label=text)
        if uni is not None:
            mask = np.asarray(uni.sel(terminal=name).values, dtype=bool)
            if mask.any():
                ax.plot(theta[mask], eta[mask], "o", ms=10, mfc="none", color=f"C{k}",
                        label=None if circled else "one sign over the grid (|η| ≥ 1)")  # fmt: skip
                circled = True
    ax.axhline(0.0, color="0.6", lw=0.6)
    values = ds["eta"].sel(terminal=list(terminals)).values
    if np.any(np.isfinite(values)) and np.nanmax(np.abs(values)) > 10:
        ax.set_yscale("symlog", linthresh=1.0)
    units = _PRETTY_UNITS.get(ds["theta"].attrs.get("units", "rad"), "rad")
    ax.set_xlabel(f"Néel angle θ from the x axis [{units}]")
    ax.set_ylabel("diode coefficient η = (I_max + I_min)/(I_max − I_min)")
    if theta.size > 1:
        _pi_ticks(ax.xaxis, float(np.ptp(theta)))
    title = "; ".join(filter(None, [_describe(ds, theta=False), _bias_text(ds)]))
    ax.set_title("diode coefficients vs Néel angle" + (f"\n{title}" if title else ""),
                 fontsize="medium")  # fmt: skip
    ax.grid(alpha=0.3)
    ax.legend(frameon=False, fontsize="small")
    return ax


def plot_spectrum(ds: xr.Dataset, ax=None):
    """The lowest positive BdG energies (Andreev levels) against the phase, with the pair
    potential Δ dashed (levels above it belong to the finite leads' continuum).  ``ds`` from
    :func:`~josephson.bdg.spectrum`: ``energy`` over (point, level), or (phi, level) with a
    ``phi`` coordinate (the phase bias); without it the points are numbered.  Returns the axes.
    """
    if "energy" not in ds or "level" not in ds["energy"].dims or ds["energy"].ndim != 2:
        raise ParameterError(
            "ds", "dataset", "a spectrum() dataset with energy over (point, level)"
        )
    ax = _axes(ax, 1, (6.4, 4.8))
    energy = ds["energy"]
    xdim = next(d for d in energy.dims if d != "level")
    if "phi" in ds.coords and ds["phi"].dims == (xdim,):
        x = ds["phi"].values
        ax.set_xlabel(_label(ds["phi"], "phase bias φ"))
        if x.size > 1:
            _pi_ticks(ax.xaxis, float(np.ptp(x)))
    else:
        x = np.arange(energy.sizes[xdim])
        ax.set_xlabel(f"{xdim} (index)")
    for k, level in enumerate(ds["level"].values):
        ax.plot(x, energy.sel(level=level).values, color="C0", lw=1.2, marker="." if x.size < 30 else "",
                label="positive BdG energies" if k == 0 else None)  # fmt: skip
    delta = ds.attrs.get("delta")
    if delta is not None:
        ax.axhline(float(delta), color="C3", ls="--", lw=0.9, label=f"Δ = {float(delta):.3g}")
    ax.set_ylim(bottom=0.0)
    ax.set_ylabel(_label(energy, "energy E"))
    title = "; ".join(filter(None, [_describe(ds), _bias_text(ds)]))
    ax.set_title("Andreev levels" + (f"\n{title}" if title else ""), fontsize="medium")
    ax.grid(alpha=0.3)
    ax.legend(frameon=False, fontsize="small", loc="lower right")
    return ax
