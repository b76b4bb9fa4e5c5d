"""Necklace studies of document 000 on the Gross–Pitaevskii kernel (:mod:`.gpe`).

Four computations, after Pezzè, Xhani et al., "Stabilizing persistent currents in an atomtronic
Josephson junction necklace", Nat. Commun. 15, 4831 (2024), and the "possible other signatures"
of document 000:

* :func:`necklace_stability` — the protocol of their Fig. 3 on a 1D ring: a barrier-free
  persistent current of winding w (the exact plane wave, which is the ground state of the
  barrier-free ring in that winding sector), the n barriers ramped up in real time over
  ``ramp_time``, held for ``hold_time``; stable if the winding survived without a phase slip.
  :func:`critical_winding` finds w_c(n), the largest winding that survives, beside Leggett's
  bound and the hydrodynamic estimate; :func:`stability_diagram` runs it over n (and ρ12)
  with :func:`josephson.sweep.grid`.
* :func:`stationary_drag` and :func:`entrainment_drag` — the passive component (w2 = 0) dragged
  by the active one through the Andreev–Bashkin coupling (document 000, eq. 38): a stationary
  current, and the oscillating current under a chemical-potential bias of the active component.
* :func:`mismatch_control` — a chemical-potential offset of the passive component between the
  arcs of the necklace: its junction phase advances at Δμ/ħ and its junction current follows
  the sine of that phase (the AC Josephson effect of component 2).

Units are those of :mod:`.gpe`: ħ = m1 = g11 = 1, lengths in healing lengths ξ, energies in
g11 n̄, times in ħ/(g11 n̄).  **Normalisation.**  The stability studies fix the *bulk* density
(the density between the barriers) at 1 for every n, not the atom number: the mean density
``density1`` is set from the local-density (Thomas–Fermi) profile n(x) = max(1 − V(x)/(1 + g12), 0)
of the full-height barriers, so the chemical potential is μ = 1 + g12 to within gradient
corrections (≈ 10⁻⁴ at the defaults; :func:`critical_winding` reports the computed μ).  A
barrier ``height`` is then a fixed fraction of μ for every n.  At fixed atom number instead,
the barriers push atoms into the bulk, μ rises with n and the barriers become relatively
lower, which raises w_c(n) for a reason unrelated to the number of junctions (and can make
Leggett's bound *rise* with n).

Why w_c grows with n.  A stationary state of winding w carries the uniform current
I = (2πw/m)/∮dx/ρ (:func:`~.analytic.necklace_current`).  Each barrier adds to ∮dx/ρ, so for a
given w the flow through each barrier is slower.  In the local-density (hydraulic) picture a
wide barrier of height V0 < μ stops carrying a stationary flow when the flow at its top turns
sonic: with Bernoulli's μ = gρ + mv²/2 + V, v = √(gρ/m) at the top gives ρ_top = (2/3)ρ_min and
I_c = ρ_top √(gρ_top/m), ρ_min = (μ − V0)/g being the density at the top at rest.  Then
w_c ≈ I_c ∮dx/ρ /2π (``w_hydro``): a bulk part plus, per junction, the phase
I_c ∫(1/ρ − 1/ρ_bulk)dx the junction holds at its critical current, in units of 2π.  That last
number sets how w_c grows: below one quantum per junction (narrow or tunnelling barriers,
where a junction holds at most ~π/2) w_c(n) grows in steps with plateaus; above one quantum
it grows strictly.  The defaults (V0 = 0.6 μ, Gaussian width 24 ξ, ring 1280 ξ) give about
1.9 quanta per junction.
"""

from __future__ import annotations

import math

import numpy as np
import xarray as xr

from .. import _validate
from .._provenance import provenance
from ..errors import ParameterError
from . import gpe
from .analytic import leggett_bound, necklace_current

__all__ = [
    "CRITICAL_RATIO",
    "STABILITY_DEFAULTS",
    "STABILITY_QUICK",
    "critical_winding",
    "entrainment_drag",
    "hydrodynamic_estimate",
    "lda_density",
    "mismatch_control",
    "necklace_stability",
    "spectral_peak",
    "stability_diagram",
    "stationary_drag",
]

_attrs = _validate.attrs
TWO_PI = 2.0 * math.pi
#: flow speed at a wide barrier's top at its critical current, over the local sound speed of
#: the density at rest there: (2/3)^{3/2} (hydraulic/Bernoulli criterion, see the module text)
CRITICAL_RATIO = (2.0 / 3.0) ** 1.5

#: default settings of :func:`necklace_stability` and :func:`critical_winding` (see the module
#: docstring and :func:`necklace_stability` for the reasons)
STABILITY_DEFAULTS = {
    "height": 0.6,
    "width": 24.0,
    "length": 1280.0,
    "points": 2560,
    "ramp_time": 1300.0,
    "hold_time": 1300.0,
    "dt": None,
    "damping": 0.01,
    "disorder": 0.001,
    "seed": 1,
    "record_every": 5.0,
}
_D = STABILITY_DEFAULTS

#: a 4× smaller necklace (ring 320 ξ, barriers 6 ξ wide, dx = ξ/2) for quick looks, tests and
#: ``josephson reproduce --quick``: each junction then holds only ≈ 0.5 phase quanta at its
#: critical current, so w_c(n) rises with plateaus (non-decreasing) instead of strictly
STABILITY_QUICK = {"height": 0.6, "width": 6.0, "length": 320.0, "points": 640,
                   "ramp_time": 325.0, "hold_time": 325.0}  # fmt: skip


# ============================================================================= helpers
def lda_density(potential, *, g12=0.0, bulk=1.0):
    """Local-density (Thomas–Fermi) density of a symmetric mixture in ``potential``.

    n(x) = bulk·max(1 − V(x)/(bulk(1 + g12)), 0): each of two components with g11 = g22 = 1
    and equal densities (one component: g12 = 0) at chemical potential μ = bulk(1 + g12), so
    that the density between barriers is ``bulk``.  Broadcasts over ``potential``."""
    v = np.asarray(potential, dtype=float)
    g12 = _validate.scalar("g12", g12, low=-1.0, low_open=True)
    return bulk * np.maximum(1.0 - v / (bulk * (1.0 + g12)), 0.0)


def _subsonic_density(current, mu_minus_v, g=1.0, mass=1.0):
    """Subsonic root ρ of gρ + m J²/(2ρ²) = μ − V (Bernoulli with current J), vectorised."""
    j2 = mass * current**2
    e = np.asarray(mu_minus_v, dtype=float)
    r_sonic = (j2 / g) ** (1.0 / 3.0)
    r = np.maximum(e / g, r_sonic * 1.0001)
    for _ in range(100):
        f = g * r + j2 / (2 * r * r) - e
        fp = g - j2 / r**3
        r_new = np.maximum(r - f / fp, r_sonic * (1 + 1e-12))
        if np.max(np.abs(r_new - r)) < 1e-14 * np.max(r):
            return r_new
        r = r_new
    return r


def hydrodynamic_estimate(density, length, *, g=1.0, mass=1.0, potential=None, mu=None):
    """Hydraulic estimates of the critical winding of a ring with density profile ``density``.

    Returns a dict with ``current_per_winding`` I1 = (2π/m)/∮dx/ρ
    (:func:`~.analytic.necklace_current` at w = 1), ``rho_min``, ``sound_speed`` c_min =
    √(gρ_min/m), ``critical_current`` I_c = CRITICAL_RATIO·ρ_min·c_min (sonic flow at the top of
    the highest barrier, Bernoulli), ``w_hydro`` = I_c/I1 (the density at rest everywhere) and
    ``phase_integral`` ∮dx/ρ.  The flow speed at the density minimum for winding w, over the
    local sound speed, is w·I1/(ρ_min c_min); ``w_hydro`` puts w_c where that ratio reaches
    CRITICAL_RATIO.  It underestimates w_c: the flow itself lowers the density at the barriers
    (Bernoulli), so ∮dx/ρ is larger at I_c.  Given ``potential`` V(x) and ``mu``, also
    ``w_bernoulli`` = I_c∮dx/ρ_J/2π with ρ_J the subsonic local-density profile carrying I_c,
    gρ_J + mI_c²/2ρ_J² = μ − V (still without the rise of μ by the bulk flow at fixed N)."""
    rho = np.asarray(density, dtype=float)
    i1 = float(necklace_current(rho, length, 1, mass))
    rmin = float(np.min(rho))
    c = math.sqrt(g * rmin / mass)
    ic = CRITICAL_RATIO * rmin * c
    out = {
        "current_per_winding": i1,
        "rho_min": rmin,
        "sound_speed": c,
        "critical_current": ic,
        "w_hydro": ic / i1,
        "phase_integral": float(np.mean(1.0 / rho) * length),
    }
    if potential is not None and mu is not None:
        v = np.asarray(potential, dtype=float)
        top = float(mu - np.max(v))
        if top > 0:
            icb = CRITICAL_RATIO * top**1.5 / (g * math.sqrt(mass))
            rj = _subsonic_density(icb * (1 - 1e-9), mu - v, g, mass)
            out["w_bernoulli"] = icb * float(np.mean(1.0 / rj)) * length * mass / TWO_PI
        else:
            out["w_bernoulli"] = 0.0
    return out


def spectral_peak(signal, times, *, pad: int = 8):
    """Dominant angular frequency of a uniformly sampled real signal and the FFT resolution.

    The mean is removed, a Hann window applied and the series zero-padded ``pad``-fold; the
    peak is refined by a parabola through the three largest bins of the log spectrum.  Returns
    (omega, resolution) with resolution = 2π/T the spacing of the unpadded FFT (two peaks
    closer than that are not resolved)."""
    x = np.asarray(signal, dtype=float)
    t = np.asarray(times, dtype=float)
    if x.ndim != 1 or x.size != t.size or x.size < 8:
        raise ParameterError("signal", f"shape {x.shape}", "a 1-D series of >= 8 samples")
    dt = float(np.mean(np.diff(t)))
    if not np.allclose(np.diff(t), dt, rtol=1e-6, atol=1e-12):
        raise ParameterError("times", "non-uniform", "uniformly spaced sample times")
    y = (x - x.mean()) * np.hanning(x.size)
    n = pad * x.size
    spec = np.abs(np.fft.rfft(y, n=n))
    freq = TWO_PI * np.fft.rfftfreq(n, dt)
    k = int(np.argmax(spec[1:])) + 1
    omega = freq[k]
    if 1 <= k < spec.size - 1 and np.all(spec[k - 1 : k + 2] > 0):
        a, b, c = np.log(spec[k - 1 : k + 2])
        den = a - 2 * b + c
        if den != 0:
            omega = freq[k] + 0.5 * (a - c) / den * (freq[1] - freq[0])
    return float(omega), TWO_PI / (dt * x.size)


def _sine_fit(signal, times, omega0):
    """Least-squares A sin(ωt + φ) + c, ω refined from omega0 (Gauss–Newton on ω).

    Returns (amplitude, omega, phase, offset, rms residual)."""
    from scipy.optimize import least_squares

    x = np.asarray(signal, float)
    t = np.asarray(times, float)

    def linear(om):
        a = np.stack([np.sin(om * t), np.cos(om * t), np.ones_like(t)], axis=1)
        coef, *_ = np.linalg.lstsq(a, x, rcond=None)
        return coef, x - a @ coef

    scale = max(float(np.std(x)), 1e-300)
    res = least_squares(lambda p: linear(p[0])[1] / scale, [omega0], x_scale=[omega0 or 1.0])
    om = float(res.x[0])
    coef, r = linear(om)
    amp = float(math.hypot(coef[0], coef[1]))
    phase = float(math.atan2(coef[1], coef[0]))
    if om < 0:
        om, phase = -om, -phase + math.pi
    return amp, om, phase, float(coef[2]), float(np.sqrt(np.mean(r**2)))


def _whole(name, value, minimum=0):
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, np.integer):
        value = int(value)
    return _validate.whole(name, value, minimum)


def _integer(name, value):
    if isinstance(value, bool):
        raise ParameterError(name, value, "an integer")
    try:
        f = float(value)
    except (TypeError, ValueError):
        raise ParameterError(name, value, "an integer") from None
    if not f.is_integer():
        raise ParameterError(name, value, "an integer (quantised circulation)")
    return int(f)


def _components(components, rho12, g12):
    if components is None:
        return 2 if (rho12 != 0 or g12 != 0) else 1
    if components not in (1, 2) or isinstance(components, bool):
        raise ParameterError("components", components, "1, 2 or None (2 if rho12 or g12 != 0)")
    if components == 1 and (rho12 != 0 or g12 != 0):
        raise ParameterError(
            "components", components, "2 when rho12 or g12 is nonzero (they couple two components)"
        )
    return components


def _setup_ring(junctions, *, height, width, length, points, disorder, seed, g12, components,
                rho12, component_offsets=None, g22=1.0, density2=None):  # fmt: skip
    geo = gpe.Ring(length=length, points=points)
    nk = gpe.necklace(junctions, geometry=geo, height=height, width=width, disorder=disorder,
                      seed=seed, component_offsets=component_offsets)  # fmt: skip
    nbar = float(np.mean(lda_density(nk.barrier_potential(), g12=g12)))
    if nbar <= 0:
        raise ParameterError("height", height, "barriers that leave atoms on the ring")
    if components == 1:
        cond = gpe.Condensates(density1=nbar)
    else:
        cond = gpe.Condensates(components=2, density1=nbar,
                               density2=nbar if density2 is None else density2, g12=g12,
                               rho12=rho12, g22=g22)  # fmt: skip
    return geo, nk, cond, nbar


def _junction_distance(nk) -> float:
    """Distance either side of a barrier at which junction phases are read: 3 widths, but
    less than half the arc."""
    if nk.n == 0:
        return 3.0 * nk.width
    return min(3.0 * nk.width, 0.45 * nk.geometry.circumference / nk.n)


def _scalar(value, units, name):
    return ((), value, _attrs(units, name))


# ============================================================================= stability
def necklace_stability(
    junctions,
    winding,
    *,
    rho12=0.0,
    g12=0.0,
    components=None,
    height=_D["height"],
    width=_D["width"],
    length=_D["length"],
    points=_D["points"],
    ramp_time=_D["ramp_time"],
    hold_time=_D["hold_time"],
    dt=_D["dt"],
    damping=_D["damping"],
    disorder=_D["disorder"],
    seed=_D["seed"],
    record_every=_D["record_every"],
) -> xr.Dataset:
    """Does a persistent current of winding w survive ramping up n junctions? (Pezzè et al. Fig. 3)

    Protocol: a 1D ring of circumference ``length`` (``points`` grid points) holds the plane
    wave ψ1 = √n̄ e^{iwx/R} (the barrier-free ground state of winding w; with two components
    the passive ψ2 = √n̄, winding 0); the ``junctions`` Gaussian barriers of ``height`` (energy,
    μ = 1 + g12) and standard deviation ``width`` rise linearly from zero over ``ramp_time`` and
    are held for ``hold_time``.  The run is ``stable`` if component 1 ends with winding w and no
    2π phase slip was recorded (winding recorded every ``record_every``).

    Settings and why (the defaults, :data:`STABILITY_DEFAULTS`):

    * ``height`` 0.6 μ and ``width`` 24 ξ put each junction in the hydraulic (weak-link)
      regime where it holds ≈ 1.9 × 2π of phase at its critical current (local-density
      estimate), so every added junction raises w_c by at least one quantum;
    * ``length`` 1280 ξ (8 barriers × 6.7 widths): with the bulk density fixed, Leggett's
      bound 1/(⟨ρ⟩⟨1/ρ⟩) is convex in n and turns up once the barriers fill the ring (at
      1152 ξ it rose from n = 7 to 8); at 1280 ξ it falls through n = 8;
    * ``points`` 2560: dx = ξ/2, the kernel's resolution limit; ``dt`` None: 0.1, or less
      where the split-step stability bound (:func:`.gpe.max_step`; 0.13 without, lower with
      entrainment) requires, always a divisor of ``record_every``;
    * ``ramp_time`` 1300 ≈ L/c: as the barriers rise the current must fall from the plane
      wave's n̄·2πw/L to the stationary 2πw/∮dx/ρ, and the news travels at the sound speed;
      with a 300 ramp the w_c(n) came out non-monotonic (30, 29, 29, 29, 32, … on a
      1152 ξ ring);
    * ``hold_time`` 1300: unstable states slipped up to ≈ 500 after the ramp;
    * ``damping`` γ = 0.01 (ψ stepped by dt(1 − iγ)) removes the sound the ramp radiates,
      which in an undamped 1D ring circulates for ever: undamped, one slip sets off a cascade
      (w = 28 at n = 1 ended at 23).  A stationary current-carrying state is a fixed point
      of the damped equation, so the damping does not by itself make the current decay;
    * ``disorder`` 0.1 % of the barrier heights (``seed`` 1) breaks the n-fold symmetry: with
      identical barriers ψ(x + L/n) = e^{2πiw/n}ψ(x) is conserved and the winding could only
      change by multiples of n.  More disorder is not harmless: the highest barrier sets
      I_c, and the highest of n heights rises with n (at 1 %: up to +1.7 %, ≈ −4 % in I_c,
      one winding), which flattened w_c(n).

    Returns a Dataset of scalars: ``stable``, ``final_winding``, ``phase_slips`` (2π slips of
    component 1), ``net_winding_change``, ``first_slip_time`` (NaN if none),
    ``velocity_ratio`` (max over barriers at the end of |J1|/n1 over √(g11 n1), at the barrier
    centres), ``velocity_ratio_hydro`` (the same from the local-density profile and
    :func:`~.analytic.necklace_current`), ``w_hydro``, ``mean_density``; with two components
    also ``passive_final_winding``, ``passive_phase_slips`` and ``passive_current`` (mean
    conserved junction current of component 2 at the end); and the record ``winding_history``
    (time, component).
    """
    n = _whole("junctions", junctions, 0)
    w = _integer("winding", winding)
    rho12 = _validate.scalar("rho12", rho12)
    g12 = _validate.scalar("g12", g12)
    c = _components(components, rho12, g12)
    ramp_time = _validate.scalar("ramp_time", ramp_time, low=0.0)
    hold_time = _validate.scalar("hold_time", hold_time, low=0.0)
    if ramp_time + hold_time <= 0:
        raise ParameterError("hold_time", hold_time, "ramp_time + hold_time > 0")
    damping = _validate.scalar("damping", damping, low=0.0)
    record_every = _validate.scalar("record_every", record_every, low=0.0, low_open=True)
    geo, nk, cond, nbar = _setup_ring(n, height=height, width=width, length=length,
                                      points=points, disorder=disorder, seed=seed, g12=g12,
                                      components=c, rho12=rho12)  # fmt: skip
    bound = gpe.max_step(cond, geo)
    if dt is None:  # 0.1, or less if the stability bound is lower; divides record_every
        dt = record_every / math.ceil(record_every / min(0.1, 0.95 * bound) - 1e-9)
    dt = _validate.scalar("dt", dt, low=0.0, low_open=True)
    if dt > bound:
        raise ParameterError("dt", dt, f"<= {bound:.4g} (split-step stability, gpe.max_step)")
    psi = np.empty((c, geo.points), dtype=complex)
    psi[0] = math.sqrt(nbar) * np.exp(1j * w * geo.angles())
    if c == 2:
        psi[1] = math.sqrt(nbar)
    duration = ramp_time + hold_time
    steps = max(1, round(duration / dt))
    if abs(steps * dt - duration) > 1e-6 * dt:
        raise ParameterError("dt", dt, f"a divisor of ramp_time + hold_time = {duration:g}")
    rec_steps = max(1, round(record_every / dt))
    while steps % rec_steps:
        rec_steps -= 1
    ds = gpe.evolve(cond, nk, psi, duration=duration,
                    method=gpe.SplitStep(dt=dt, damping=damping),
                    ramp=gpe.Ramp(time=ramp_time) if ramp_time > 0 else None,
                    record_every=rec_steps * dt, snapshots=1,
                    junction_distance=_junction_distance(nk))  # fmt: skip
    wind = ds["winding"]
    slips = gpe.phase_slips(wind)
    comp = slips["component"].values
    n_slip1 = int(np.sum(comp == 1))
    t_first = float(slips["time"].values[comp == 1][0]) if n_slip1 else math.nan
    final = int(wind.values[-1, 0])
    stable = bool(final == w and n_slip1 == 0)

    # flow at the barriers at the end (measured) and from the local-density profile
    end = gpe.wavefunction(ds)
    vr = math.nan
    if n > 0:
        cur = gpe.junction_currents(cond, nk, end)["current_conserved"].values[0]
        xk = np.mod(nk.positions, geo.length)
        dens = np.interp(xk, geo.coordinates(), np.abs(end[0]) ** 2, period=geo.length)
        dens = np.maximum(dens, 1e-300)
        vr = float(np.max(np.abs(cur) / dens / np.sqrt(cond.g11 * dens / cond.mass1)))
    rho_lda = lda_density(nk.barrier_potential(), g12=g12)
    if np.min(rho_lda) > 0:
        est = hydrodynamic_estimate(rho_lda, geo.length, g=cond.g11)
        vr_h = abs(w) * est["current_per_winding"] / (est["rho_min"] * est["sound_speed"])
        w_h = est["w_hydro"]
    else:  # a barrier above μ: tunnelling, outside the hydrodynamic estimate
        vr_h, w_h = math.inf, 0.0
    data = {
        "stable": _scalar(stable, "1", "winding survived without a phase slip"),
        "final_winding": _scalar(final, "1", "winding of component 1 at the end"),
        "phase_slips": _scalar(n_slip1, "1", "2π phase slips of component 1"),
        "net_winding_change": _scalar(final - w, "1", "final minus initial winding"),
        "first_slip_time": _scalar(t_first, "time", "time of the first phase slip"),
        "velocity_ratio": _scalar(vr, "1", "max flow speed at a barrier / local sound speed "
                                  "(end of the run)"),
        "velocity_ratio_hydro": _scalar(float(vr_h), "1",
                                        "flow speed / sound speed at the density minimum "
                                        "(phase-only stationary state, LDA density)"),
        "w_hydro": _scalar(float(w_h), "1", "hydraulic estimate of the critical winding"),
        "mean_density": _scalar(nbar, "1/length", "mean density n̄ (bulk density 1)"),
        "winding_history": (("time", "component"), wind.values,
                            _attrs("1", "winding number")),
    }  # fmt: skip
    if c == 2:
        pslips = int(np.sum(comp == 2))
        pc = gpe.junction_currents(cond, nk, end)["current_conserved"].values[1]
        data["passive_final_winding"] = _scalar(
            int(wind.values[-1, 1]), "1", "winding of component 2 at the end"
        )
        data["passive_phase_slips"] = _scalar(pslips, "1", "2π phase slips of component 2")
        data["passive_current"] = _scalar(
            float(np.mean(pc)) if n else math.nan,
            "1/time",
            "mean conserved junction current of component 2",
        )
    out = xr.Dataset(
        data,
        coords={"time": ("time", wind["time"].values, _attrs("time", "time")),
                "component": ("component", np.arange(1, c + 1),
                              {"long_name": "condensate component"})},
    )  # fmt: skip
    settings = {"height": height, "width": width, "length": length, "points": points,
                "disorder": disorder, "seed": seed}  # fmt: skip
    out.attrs = provenance(
        computation="superfluid.stability.necklace_stability",
        model={"junctions": n, "winding": w, "rho12": rho12, "g12": g12, "components": c,
               "condensates": cond, **settings},
        method={"method": "split_step", "dt": dt, "damping": damping, "ramp_time": ramp_time,
                "hold_time": hold_time, "record_every": rec_steps * dt,
                "initial": "plane wave (barrier-free ground state of winding w)"},
    )  # fmt: skip
    out.attrs.update(length=float(length), height=float(height), width=float(width))
    return out


def _stationary_density(cond1, nk, tol, dt):
    """w = 0 ground state of one component in the necklace (imaginary time)."""
    g = gpe.ground_state(cond1, nk, method=gpe.ImaginaryTime(dt=dt, tol=tol))
    return g["density"].values[0], float(g["mu"].values[0])


def critical_winding(
    junctions,
    *,
    rho12=0.0,
    g12=0.0,
    components=None,
    w_max=None,
    height=_D["height"],
    width=_D["width"],
    length=_D["length"],
    points=_D["points"],
    ramp_time=_D["ramp_time"],
    hold_time=_D["hold_time"],
    dt=_D["dt"],
    damping=_D["damping"],
    disorder=_D["disorder"],
    seed=_D["seed"],
    record_every=_D["record_every"],
    ground_tol=1e-7,
) -> xr.Dataset:
    """Critical winding w_c(n): the largest winding that survives :func:`necklace_stability`.

    The search starts at the hydraulic estimate (``w_hydro``, rounded, at least 1) and steps
    up while the current survives (or down until it does), so it assumes that stability is
    monotonic in w (every winding below w_c survives); it typically needs 2–4 runs.
    ``w_max`` caps it (default: the bulk Landau limit 2πw/L < c, w < L/2π).  w_c = 0 if even
    w = 1 decays.

    Also computes, from the stationary density of the necklace at w = 0 (imaginary time,
    one component, tolerance ``ground_tol``): ``leggett`` = 1/(⟨ρ⟩⟨1/ρ⟩) (Leggett's bound on the
    superfluid fraction, exact for a 1D ring), ``current_per_winding`` = (2π/m)/∮dx/ρ, ``w_hydro``
    (see :func:`hydrodynamic_estimate`), ``velocity_ratio`` (flow speed at the density minimum
    over the local sound speed at w_c, phase-only), ``mu`` and ``rho_min``.  The tested
    windings and their outcomes are ``trial_stable`` along ``trial_winding``.
    """
    n = _whole("junctions", junctions, 1)
    rho12 = _validate.scalar("rho12", rho12)
    g12 = _validate.scalar("g12", g12)
    c = _components(components, rho12, g12)
    settings = {"height": height, "width": width, "length": length, "points": points,
                "ramp_time": ramp_time, "hold_time": hold_time, "dt": dt, "damping": damping,
                "disorder": disorder, "seed": seed, "record_every": record_every}  # fmt: skip
    geo, nk, _cond, nbar = _setup_ring(n, height=height, width=width, length=length,
                                      points=points, disorder=disorder, seed=seed, g12=g12,
                                      components=c, rho12=rho12)  # fmt: skip
    # stationary density (one component: at w = 0 the passive component, with g12 and no
    # currents, has the same profile; the entrainment term vanishes without currents)
    cond1 = gpe.Condensates(density1=nbar, g11=1.0 + g12)
    rho, mu = _stationary_density(cond1, nk, ground_tol, 0.05 if dt is None else min(dt, 0.05))
    est = hydrodynamic_estimate(
        rho, geo.length, g=cond1.g11, potential=nk.barrier_potential(), mu=mu
    )
    if w_max is None:
        w_max = max(1, int(geo.length / TWO_PI))
    w_max = _whole("w_max", w_max, 1)
    tried: dict[int, bool] = {}

    def stable(w):
        if w not in tried:
            tried[w] = bool(necklace_stability(n, w, rho12=rho12, g12=g12, components=c,
                                               **settings)["stable"])  # fmt: skip
        return tried[w]

    # the hydraulic estimates fall short of the dynamics by 1-3 windings (see the docstring)
    w = int(min(max(1, round(max(est["w_hydro"], est["w_bernoulli"]) + 1)), w_max))
    if stable(w):
        while w < w_max and stable(w + 1):
            w += 1
        wc = w
    else:
        while w > 1 and not stable(w - 1):
            w -= 1
        wc = w - 1
    trial = np.array(sorted(tried))
    vr = wc * est["current_per_winding"] / (est["rho_min"] * est["sound_speed"])
    ds = xr.Dataset(
        {"w_c": _scalar(wc, "1", "critical winding (largest that survives)"),
         "leggett": _scalar(float(leggett_bound(rho)), "1",
                            "Leggett bound 1/(⟨ρ⟩⟨1/ρ⟩) of the stationary density"),
         "current_per_winding": _scalar(est["current_per_winding"], "1/time",
                                        "phase-only current per winding (2π/m)/∮dx/ρ"),
         "w_hydro": _scalar(est["w_hydro"], "1", "hydraulic estimate of the critical winding"),
         "w_bernoulli": _scalar(est["w_bernoulli"], "1",
                                "hydraulic estimate with the Bernoulli density at I_c"),
         "velocity_ratio": _scalar(float(vr), "1",
                                   "flow / sound speed at the density minimum at w_c "
                                   "(phase-only)"),
         "mu": _scalar(mu, "energy", "chemical potential of the stationary state"),
         "rho_min": _scalar(est["rho_min"], "1/length", "density minimum (barrier top)"),
         "mean_density": _scalar(nbar, "1/length", "mean density n̄"),
         "runs": _scalar(len(tried), "1", "stability runs of the search"),
         "trial_stable": ("trial_winding", np.array([float(tried[t]) for t in trial]),
                          _attrs("1", "1 if the tested winding survived"))},
        coords={"trial_winding": ("trial_winding", trial.astype(float),
                                  _attrs("1", "tested winding"))},
    )  # fmt: skip
    ds.attrs = provenance(
        computation="superfluid.stability.critical_winding",
        model={"junctions": n, "rho12": rho12, "g12": g12, "components": c,
               "height": height, "width": width, "length": length, "points": points,
               "disorder": disorder, "seed": seed},
        method={"method": "upward/downward integer search from the hydraulic estimate",
                "w_max": w_max, "ground_tol": ground_tol, **settings},
    )  # fmt: skip
    # no run time in the attrs: a sweep of this function must be identical on every engine
    ds.attrs.update(length=float(length), height=float(height), width=float(width))
    return ds


def stability_diagram(
    junctions=range(1, 9),
    *,
    rho12=(0.0,),
    engine=None,
    workers=None,
    store=None,
    progress=None,
    **settings,
) -> xr.Dataset:
    """w_c(n) (and Leggett's bound, the hydraulic estimate, …) over ``junctions`` [× ``rho12``].

    Runs :func:`critical_winding` with :func:`josephson.sweep.grid` (``engine``, ``workers``,
    ``store`` and ``progress`` are passed on; with neither engine nor workers given it runs
    in-process).  ``rho12`` becomes a dimension if it has more than one value.  Other keyword
    arguments of :func:`critical_winding` (``height``, ``length``, ``components``, …) are
    passed to every call."""
    from ..sweep import grid

    axes = {"junctions": [_whole("junctions", j, 1) for j in np.atleast_1d(list(junctions))]}
    r = [float(v) for v in np.atleast_1d(rho12)]
    fixed = dict(settings)
    if len(r) > 1:
        axes["rho12"] = r
    else:
        fixed["rho12"] = r[0]
    if engine is None and workers is None:
        engine = "inprocess"
    return grid(critical_winding, engine=engine, workers=workers, store=store,
                progress=progress, fixed=fixed, **axes)  # fmt: skip


# ============================================================================= drag
def _phase_only_drag(n1, n2, length, w1, C):
    """Uniform conserved currents (J1, J2) of the phase-only stationary state with windings
    (w1, 0): J = M θ', M = [[n1, C n1 n2], [C n1 n2, n2]] (m = 1), ∮θ1' = 2πw1, ∮θ2' = 0."""
    det = n1 * n2 * (1.0 - C**2 * n1 * n2)
    # θ' = M⁻¹ J, M⁻¹ = [[n2, −C n1 n2], [−C n1 n2, n1]]/det
    a11 = np.mean(n2 / det) * length
    a12 = np.mean(-C * n1 * n2 / det) * length
    a22 = np.mean(n1 / det) * length
    mat = np.array([[a11, a12], [a12, a22]])
    return np.linalg.solve(mat, np.array([TWO_PI * w1, 0.0]))


def stationary_drag(
    rho12,
    *,
    winding=1,
    junctions=2,
    height=0.6,
    width=2.0,
    length=64.0,
    points=256,
    g12=0.0,
    tol=1e-10,
    dt=0.01,
) -> xr.Dataset:
    """Stationary drag of the passive component by a persistent current (document 000, eq. 38,
    static case).

    Component 1 carries winding ``winding``, component 2 winding 0, on a necklace of
    ``junctions`` weak links (imaginary-time stationary state).  In the stationary state each
    conserved current J_j = K_j/m_j + C n_j K_other is uniform; the passive one is nonzero
    only through the entrainment.  Returns ``current`` (component) from the GP state (mean
    over the ring) and ``current_spread`` (max − min along the ring: zero for a stationary
    state), ``current_phase_only`` (component) from the phase-only stationary state with the
    GP densities (an identity for the exact stationary state) and with the w = 0 densities,
    ``drag_ratio`` = J2/J1 and its first-order closed form ``drag_ratio_linear`` =
    (ρ12/m2 n̄1)·f_s2 with f_s2 Leggett's bound of the passive density."""
    rho12 = _validate.scalar("rho12", rho12)
    w = _integer("winding", winding)
    n = _whole("junctions", junctions, 0)
    geo = gpe.Ring(length=length, points=points)
    nk = gpe.necklace(n, geometry=geo, height=height, width=width)
    cond = gpe.Condensates(components=2, rho12=rho12, g12=g12)
    method = gpe.ImaginaryTime(dt=dt, tol=tol)
    g0 = gpe.ground_state(cond, nk, winding=(0, 0), method=method)
    g = gpe.ground_state(cond, nk, winding=(w, 0), method=method)
    psi = gpe.wavefunction(g)
    cur = gpe.current_density(cond, nk, psi)["current_conserved"].values
    dens = np.abs(psi) ** 2
    d0 = g0["density"].values
    C = cond.entrainment
    exact = _phase_only_drag(dens[0], dens[1], geo.length, w, C)
    approx = _phase_only_drag(d0[0], d0[1], geo.length, w, C)
    j = cur.mean(axis=1)
    fs2 = float(leggett_bound(d0[1]))
    comp = {"component": ("component", [1, 2], {"long_name": "condensate component"})}
    ds = xr.Dataset(
        {"current": ("component", j, _attrs("1/time", "conserved current (GP)")),
         "current_spread": ("component", np.ptp(cur, axis=1),
                            _attrs("1/time", "max − min of the current along the ring")),
         "current_phase_only": ("component", exact,
                                _attrs("1/time", "phase-only current with the GP densities")),
         "current_phase_only_rest": ("component", approx,
                                     _attrs("1/time", "phase-only current with the w = 0 "
                                                      "densities")),
         "drag_ratio": _scalar(float(j[1] / j[0]), "1", "J2/J1 (GP)"),
         "drag_ratio_linear": _scalar(rho12 / (cond.mass2 * cond.density1) * fs2, "1",
                                      "first order: (ρ12/m2 n̄1) f_s2"),
         "leggett_passive": _scalar(fs2, "1", "Leggett bound of the passive density"),
         "mu": ("component", g["mu"].values, _attrs("energy", "chemical potential"))},
        coords=comp,
    )  # fmt: skip
    ds.attrs = provenance(
        computation="superfluid.stability.stationary_drag",
        model={"rho12": rho12, "winding": w, "junctions": n, "height": height, "width": width,
               "length": length, "points": points, "g12": g12},
        method={"method": "imaginary_time", "dt": dt, "tol": tol},
    )  # fmt: skip
    return ds


def _biased_run(cond, make_necklace, initial, *, switch_on, switch_steps, duration, dt,
                record_every):  # fmt: skip
    """Evolve with arc offsets switched on in ``switch_steps`` equal steps over ``switch_on``
    (0: at once), then at full offset for ``duration``.  Returns times, junction phases
    (time, component, junction; unwrapped), conserved and canonical junction currents and
    the final state; t = 0 is the end of the switch-on."""
    psi = initial
    times, phases, cons, canon = [], [], [], []
    t0 = -switch_on
    pieces = []
    if switch_on > 0:
        pieces = [((k + 1) / switch_steps, switch_on / switch_steps) for k in range(switch_steps)]
    pieces.append((1.0, duration))
    for i, (frac, span) in enumerate(pieces):
        nk = make_necklace(frac)
        ds = gpe.evolve(cond, nk, psi, duration=span, method=gpe.SplitStep(dt=dt),
                        record_every=record_every, snapshots=1,
                        junction_distance=_junction_distance(nk))  # fmt: skip
        last = i == len(pieces) - 1
        sel = slice(None) if last else slice(0, -1)
        times.append(ds["time"].values[sel] + t0)
        phases.append(np.angle(np.exp(1j * ds["junction_phase"].values[sel])))
        cons.append(ds["junction_current_conserved"].values[sel])
        canon.append(ds["junction_current"].values[sel])
        psi = gpe.wavefunction(ds)
        t0 += span
    t = np.concatenate(times)
    ph = np.unwrap(np.concatenate(phases), axis=0)
    return t, ph, np.concatenate(cons), np.concatenate(canon), psi


def entrainment_drag(
    rho12,
    *,
    delta_mu=0.1,
    junctions=2,
    height=3.0,
    width=1.5,
    length=32.0,
    points=128,
    g12=0.0,
    g22=1.5,
    duration=320.0,
    switch_on=30.0,
    switch_steps=15,
    dt=0.025,
    record_every=0.5,
    junction=0,
) -> xr.Dataset:
    """Entrainment drag under an AC Josephson drive of the active component (eq. 38).

    The necklace of ``junctions`` tunnel barriers (``height`` > μ) holds both components in
    their ground state (winding 0).  A potential offset ±``delta_mu``/2 of component 1 on
    alternate arcs is switched on (in ``switch_steps`` steps over ``switch_on``, so that the
    junctions do not ring), after which component 1's junction phase runs at ≈ Δμ/ħ and its
    junction current oscillates at that frequency (AC Josephson effect).  Component 2 feels no
    bias and carries a current only through the entrainment: the time series of both
    components' conserved currents through ``junction`` are returned with the frequency of
    each (FFT peak, :func:`spectral_peak`, and a sine fit) and the amplitude of each (sine
    fit), and the lock-in decomposition of the passive current on the active phase,
    J2 = a sin Δθ1 + b cos Δθ1 + c (``locked_sin``, ``locked_cos``).

    Defaults and why: tunnel barriers (3 μ, width 1.5 ξ) so the active junction current is
    small and the bias is not shorted by the atoms it transfers (the phase rate is then
    Δμ(1 − O(I_c E_C/Δμ²)), E_C = 2g/L_arc); short arcs (16 ξ) so the drive (≈ 0.08) lies
    below the arcs' lowest sound mode (≈ cπ/L_arc ≈ 0.2) and the passive response is
    quasi-static; g22 = 1.5 g11 detunes the passive component's own modes from the active
    one's — with identical components every free oscillation of the active component (from
    the switch-on) is transferred resonantly to the passive one at a rate ∝ ρ12, and then
    dominates the passive spectrum.  ``points`` 128 resolves the tunnelling decay length.
    ``g12`` = 0 by default: a density coupling g12 would move component 2 by itself (the
    active arcs' densities oscillate), with no entrainment at all.
    """
    rho12 = _validate.scalar("rho12", rho12)
    delta_mu = _validate.scalar("delta_mu", delta_mu)
    n = _whole("junctions", junctions, 2)
    duration = _validate.scalar("duration", duration, low=0.0, low_open=True)
    switch_on = _validate.scalar("switch_on", switch_on, low=0.0)
    switch_steps = _whole("switch_steps", switch_steps, 1)
    k = _whole("junction", junction, 0)
    if k >= n:
        raise ParameterError("junction", junction, f"an index < junctions = {n}")
    geo = gpe.Ring(length=length, points=points)
    cond = gpe.Condensates(components=2, rho12=rho12, g12=g12, g22=g22)
    offs = np.array([[0.5 * delta_mu * (-1) ** a for a in range(n)], [0.0] * n])

    def make(frac):
        return gpe.necklace(n, geometry=geo, height=height, width=width,
                            component_offsets=frac * offs)  # fmt: skip

    g = gpe.ground_state(cond, make(0.0), offsets=False,
                         method=gpe.ImaginaryTime(dt=min(dt, 0.02), tol=1e-10))  # fmt: skip
    t, ph, cons, _canon, _ = _biased_run(
        cond, make, gpe.wavefunction(g), switch_on=switch_on, switch_steps=switch_steps,
        duration=duration, dt=dt, record_every=record_every)  # fmt: skip
    keep = t >= 0
    t, ph, cons = t[keep], ph[keep], cons[keep]
    rate = float(np.polyfit(t, ph[:, 0, k], 1)[0])
    freq, amp, fitf, phase, resid = [], [], [], [], []
    for j in range(2):
        om, res = spectral_peak(cons[:, j, k], t)
        freq.append(om)
        a, omf, phi, _c, r = _sine_fit(cons[:, j, k], t, om)
        amp.append(a)
        fitf.append(omf)
        phase.append(phi)
        resid.append(r)
    a_mat = np.stack([np.sin(ph[:, 0, k]), np.cos(ph[:, 0, k]), np.ones_like(t)], axis=1)
    lock, *_ = np.linalg.lstsq(a_mat, cons[:, 1, k], rcond=None)
    lock1, *_ = np.linalg.lstsq(a_mat, cons[:, 0, k], rcond=None)
    comp = ("component", [1, 2], {"long_name": "condensate component"})
    ds = xr.Dataset(
        {"junction_current": (("time", "component"), cons[:, :, k],
                              _attrs("1/time", "conserved current through the junction")),
         "junction_phase": (("time", "component"), ph[:, :, k],
                            _attrs("rad", "phase difference across the junction")),
         "frequency": ("component", np.array(freq),
                       _attrs("1/time", "angular frequency of the junction current (FFT peak)")),
         "fit_frequency": ("component", np.array(fitf),
                           _attrs("1/time", "angular frequency of the sine fit")),
         "amplitude": ("component", np.array(amp),
                       _attrs("1/time", "amplitude of the sine fit")),
         "fit_phase": ("component", np.array(phase), _attrs("rad", "phase of the sine fit")),
         "fit_residual": ("component", np.array(resid),
                          _attrs("1/time", "rms residual of the sine fit")),
         "phase_rate": _scalar(rate, "1/time", "d(junction phase of component 1)/dt"),
         "resolution": _scalar(res, "1/time", "FFT resolution 2π/T"),
         "active_sin": _scalar(float(lock1[0]), "1/time",
                               "J1 component ∝ sin Δθ1 (active critical current)"),
         "locked_sin": _scalar(float(lock[0]), "1/time", "J2 component ∝ sin Δθ1"),
         "locked_cos": _scalar(float(lock[1]), "1/time", "J2 component ∝ cos Δθ1"),
         "drag_ratio": _scalar(float(lock[0] / lock1[0]), "1",
                               "passive over active sin Δθ1 amplitude")},
        coords={"time": ("time", t, _attrs("time", "time since the bias reached Δμ")),
                "component": comp},
    )  # fmt: skip
    ds.attrs = provenance(
        computation="superfluid.stability.entrainment_drag",
        model={"rho12": rho12, "delta_mu": delta_mu, "junctions": n, "height": height,
               "width": width, "length": length, "points": points, "g12": g12, "g22": g22,
               "junction": k},
        method={"method": "split_step", "dt": dt, "duration": duration, "switch_on": switch_on,
                "switch_steps": switch_steps, "record_every": record_every},
    )  # fmt: skip
    return ds


def mismatch_control(
    delta_mu,
    *,
    mismatch="arcs",
    rho12=0.0,
    junctions=2,
    height=3.0,
    width=1.5,
    length=128.0,
    points=512,
    g22=1.0,
    duration=320.0,
    dt=0.025,
    record_every=0.5,
    junction=0,
) -> xr.Dataset:
    """Phase control of component 2 by a chemical-potential mismatch (document 000, "possible
    other signatures").

    ``mismatch="arcs"``: component 2 gets a potential offset ±Δμ/2 on alternate arcs of the
    necklace, switched on at t = 0 on the ground state.  Its phase difference across a junction
    then advances as dΔθ2/dt = −(μ_after − μ_before)/ħ = ∓Δμ (the AC Josephson relation;
    Δθ is θ(x_k + d) − θ(x_k − d)) and its junction current follows I_c2 sin Δθ2 (a tunnel
    junction).  ``mismatch="species"``: the offset +Δμ on every arc of component 2, i.e. μ2 ≠ μ1
    everywhere: this only rotates the global phase of component 2 and creates no phase
    difference across any junction — a species mismatch alone does not set Δθ2.

    What Δθ2 controls.  With an active current K1 through the junction the entrainment adds
    the gauge phase φ_e = m2 C ∫K1 dx across it (the vector potential −m2 C K1), so a tunnel
    junction carries J2 = I_c2 sin(Δθ2 + φ_e): the entrainment-mediated part
    ≈ I_c2 φ_e cos Δθ2 is set by Δθ2.  At the defaults (tunnel barriers, no active current)
    φ_e = 0; ``rho12`` is accepted so the same run can be made with the coupling on.

    Returns the time series (junction phase and conserved current of both components at
    ``junction``), ``phase_rate`` (slope of Δθ2), ``expected_rate``, the fit
    J2 = a sin Δθ2 + b cos Δθ2 + c (``fit_sin``, ``fit_cos``, ``fit_offset``, ``fit_r2``) and
    ``fit_phase`` = atan2(b, a).
    Defaults: tunnel junctions (3 μ) with long arcs (64 ξ), so that the atoms the junction
    transfers shift the arcs' chemical potentials by only ≈ 4 I_c g/(Δμ L_arc) ≈ 10⁻³ Δμ."""
    delta_mu = _validate.scalar("delta_mu", delta_mu)
    _validate.choice("mismatch", mismatch, ("arcs", "species"))
    rho12 = _validate.scalar("rho12", rho12)
    n = _whole("junctions", junctions, 2)
    k = _whole("junction", junction, 0)
    if k >= n:
        raise ParameterError("junction", junction, f"an index < junctions = {n}")
    geo = gpe.Ring(length=length, points=points)
    cond = gpe.Condensates(components=2, rho12=rho12, g22=g22)
    if mismatch == "arcs":
        row = [0.5 * delta_mu * (-1) ** a for a in range(n)]
    else:
        row = [delta_mu] * n
    offs = np.array([[0.0] * n, row])

    def make(frac):
        return gpe.necklace(n, geometry=geo, height=height, width=width,
                            component_offsets=frac * offs)  # fmt: skip

    g = gpe.ground_state(cond, make(0.0), offsets=False,
                         method=gpe.ImaginaryTime(dt=min(dt, 0.02), tol=1e-10))  # fmt: skip
    t, ph, cons, _canon, _ = _biased_run(cond, make, gpe.wavefunction(g), switch_on=0.0,
                                         switch_steps=1, duration=duration, dt=dt,
                                         record_every=record_every)  # fmt: skip
    rate = float(np.polyfit(t, ph[:, 1, k], 1)[0])
    # arc k runs from barrier k to k+1: junction k has arc k−1 before it and arc k after it
    before, after = row[(k - 1) % n], row[k]
    expected = -(after - before)
    x = cons[:, 1, k]
    a_mat = np.stack([np.sin(ph[:, 1, k]), np.cos(ph[:, 1, k]), np.ones_like(t)], axis=1)
    coef, *_ = np.linalg.lstsq(a_mat, x, rcond=None)
    r2 = 1.0 - float(np.sum((x - a_mat @ coef) ** 2) / max(np.sum((x - x.mean()) ** 2), 1e-300))
    comp = ("component", [1, 2], {"long_name": "condensate component"})
    ds = xr.Dataset(
        {"junction_current": (("time", "component"), cons[:, :, k],
                              _attrs("1/time", "conserved current through the junction")),
         "junction_phase": (("time", "component"), ph[:, :, k],
                            _attrs("rad", "phase difference across the junction")),
         "phase_rate": _scalar(rate, "1/time", "dΔθ2/dt (linear fit)"),
         "expected_rate": _scalar(expected, "1/time",
                                  "−(offset after − offset before the junction)/ħ"),
         "active_phase_rate": _scalar(float(np.polyfit(t, ph[:, 0, k], 1)[0]), "1/time",
                                      "dΔθ1/dt (linear fit)"),
         "fit_sin": _scalar(float(coef[0]), "1/time", "J2 component ∝ sin Δθ2"),
         "fit_cos": _scalar(float(coef[1]), "1/time", "J2 component ∝ cos Δθ2"),
         "fit_offset": _scalar(float(coef[2]), "1/time", "constant part of J2"),
         "fit_phase": _scalar(float(math.atan2(coef[1], coef[0])), "rad",
                              "phase φ of J2 = A sin(Δθ2 + φ)"),
         "fit_r2": _scalar(r2, "1", "fraction of the J2 variance the fit explains")},
        coords={"time": ("time", t, _attrs("time", "time since the offset was switched on")),
                "component": comp},
    )  # fmt: skip
    ds.attrs = provenance(
        computation="superfluid.stability.mismatch_control",
        model={"delta_mu": delta_mu, "mismatch": mismatch, "rho12": rho12, "junctions": n,
               "height": height,
               "width": width, "length": length, "points": points, "g22": g22, "junction": k},
        method={"method": "split_step", "dt": dt, "duration": duration,
                "record_every": record_every},
    )  # fmt: skip
    return ds
