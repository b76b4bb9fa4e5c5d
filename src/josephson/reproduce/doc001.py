"""Reproduction of document 001: N. Chamel, "Entrainment effects in the inner crust and
outer core of a neutron star" (talk).

Covered here: mutual entrainment in the outer core — the fractional flux of a neutron vortex,
the Lense–Thirring ratio, the TDHFB mass currents and the homogeneous-matter formulas in η and
Υ, Υ from a Skyrme functional with the presets' published effective masses.  The crust part
(band theory, effective ion mass, Debye–Waller, self-consistency) is in
:mod:`josephson.reproduce.doc001_crust`, whose rows register when this module is loaded.
Independent routes: the entrainment matrix from the TDHFB mass currents (``m/m^⊕`` and
``I_q = δE/δj_q`` computed separately, :func:`josephson.superfluid.skyrme_entrainment`) against
the document's closed form with Υ from the functional.
"""

from __future__ import annotations

import numpy as np

from ._core import compare, holds
from ._registry import DOCUMENTS

DOC = DOCUMENTS["001"]

#: densities (fm⁻³) and proton fractions of the checks: outer core, n0/2 to 2.5 n0
_N = np.linspace(0.08, 0.4, 9)
_XP = (0.05, 0.1, 0.2)


@DOC.claim(
    "tdhfb-homogeneous-formulas",
    where="Entrainment effects from TDHFB",
    statement="in homogeneous matter with stationary flows (T ≪ T_c): ρ_nn = ½ρ(1+η) − "
    "¼ρ(1−η²)(1−Υ), ρ_pp = ½ρ(1−η) − ¼ρ(1−η²)(1−Υ), ρ_np = ¼ρ(1−η²)(1−Υ)",
)
def _formulas(quick: bool):
    from ..superfluid import SKYRME_PRESETS, core_entrainment, skyrme_entrainment, skyrme_upsilon

    worst = 0.0
    for name in SKYRME_PRESETS:
        for xp in _XP:
            n_n, n_p = _N * (1 - xp), _N * xp
            direct = skyrme_entrainment(name, n_n, n_p)
            closed = core_entrainment(_N, 1 - 2 * xp, skyrme_upsilon(name, _N))
            for key in ("rho_nn", "rho_pp", "rho_np"):
                worst = max(worst, float(np.max(np.abs(direct[key] - closed[key]) / _N)))
    return compare(
        worst, 0.0, atol=1e-14,
        why="two routes, same physics: the TDHFB mass currents (m/m^⊕)ħj_q + ρ_q I_q/ħ of a "
        "Skyrme functional computed term by term, against the closed form with Υ from the "
        "same functional; SLy4 and BSk17, n = 0.08–0.4 fm⁻³, x_p = 0.05–0.2; rounding only",
    )  # fmt: skip


@DOC.claim(
    "no-entrainment-without-c",
    where="Nuclear superfluid dynamics within TDHFB",
    statement="if C_± = 0, m_q^⊕ = m_q and I_q = 0 (no entrainment: Υ = 1)",
)
def _no_c(quick: bool):
    from dataclasses import replace

    from ..superfluid import SKYRME_PRESETS, skyrme_effective_masses, skyrme_entrainment

    bare = replace(SKYRME_PRESETS["SLy4"], t1=0.0, t2=0.0, name="SLy4 without t1, t2")
    m = skyrme_entrainment(bare, 0.144, 0.016)
    masses = skyrme_effective_masses(bare, 0.144, 0.016)
    return compare(
        [float(m.rho_np), masses[0] - 1, masses[1] - 1], [0.0, 0.0, 0.0], atol=0.0,
        why="exact: with t1 = t2 = 0 the functional has no momentum-dependent couplings",
    )  # fmt: skip


@DOC.claim(
    "upsilon-from-skyrme-presets",
    where="Entrainment effects from TDHFB (Υ from the functional)",
    statement="Υ follows from the momentum-dependent couplings of the functional; the presets "
    "reproduce their published effective masses (isoscalar m*/m and, in symmetric matter, "
    "Υ = m/m_v*)",
)
def _presets(quick: bool):
    from ..superfluid import SKYRME_PRESETS, skyrme_effective_masses, skyrme_upsilon

    ours, ref, names = [], [], []
    for f in SKYRME_PRESETS.values():
        n0 = f.published["n0"]
        ours += [float(skyrme_effective_masses(f, n0 / 2, n0 / 2)[0]), float(1 / skyrme_upsilon(f, n0))]
        ref += [f.published["m_star"], f.published["m_v_star"]]
        names += [f"{f.name} m_s*/m", f"{f.name} m_v*/m"]
    return compare(
        np.array(ours), np.array(ref), atol=6e-3,
        why="the published masses are rounded to 2 digits (±0.005: BSk17's 0.78, 0.80) or 3 "
        "(SLy4's 0.695) at a rounded n0 (SLy4: 0.160 published, 0.1595 from its parameters); "
        "SLy4's m_v* is 1/(1 + κ_v) with its published κ_v = 0.25",
        values=dict(zip(names, ours, strict=True)),
    )  # fmt: skip


@DOC.claim(
    "fractional-flux",
    where="Mutual entrainment in superfluid neutron-star cores",
    statement="neutron vortices carry a fractional magnetic flux Φ* = (ρ_pn/ρ_pp)Φ0, Φ0 = hc/2e",
)
def _flux(quick: bool):
    from ..superfluid import fractional_flux, skyrme_entrainment
    from ..units import CGS

    m = skyrme_entrainment("SLy4", 0.16 * 0.9, 0.16 * 0.1, mass_density=True)
    phi = float(fractional_flux(m))
    # independent route: far from a neutron vortex the proton mass current ρ_pp v_p + ρ_pn v_n
    # vanishes; with ∇θ_p = 0, v_p = −eA/(m_p c) and ∮v_n = h/(2 m_n) this fixes ∮A
    v_n_circ = CGS.h / (2 * CGS.m_n)
    v_p_circ = -float(m.rho_np) * v_n_circ / float(m.rho_pp)  # from j_p = 0
    flux = -v_p_circ * CGS.m_p * CGS.c / CGS.e
    return compare(
        phi, flux, rtol=2e-3,
        why="the London condition j_p = 0 around a neutron vortex (eq. 1 with ∇θ_p = 0, "
        "v_n = ħ∇θ_n/2m_n, v_p = −eA/m_p c) gives Φ* = (ρ_pn/ρ_pp)(m_p/m_n)Φ0: the document's "
        "formula takes m_n = m_p, a 1.4e-3 difference; SLy4 at n = 0.16 fm⁻³, x_p = 0.1",
        values={"flux_G_cm2": phi, "flux_over_phi0": phi / CGS.flux_quantum},
        explanation=f"Φ* = {phi:.3e} G cm² = {phi / CGS.flux_quantum:+.3f} Φ0 (negative: "
        "ρ_np < 0 in nuclear matter, the flux is opposite to the vortex circulation)",
    )  # fmt: skip


@DOC.claim(
    "lense-thirring-ratio",
    where="Mutual entrainment in superfluid neutron-star cores (general relativity)",
    statement="I_XY/I_X = (ε̃_X − ε^LT_YX)/(1 − ε^LT_YX − ε^LT_XX); without frame dragging the "
    "ratio is the nuclear entrainment ε̃_X",
)
def _lt(quick: bool):
    from ..superfluid import lense_thirring_ratio

    eps = np.linspace(-0.1, 0.3, 5)
    no_gr = lense_thirring_ratio(eps, 0.0, 0.0)
    with_gr = lense_thirring_ratio(eps, 0.04, 0.12)
    return holds(
        bool(np.array_equal(no_gr, eps)) and bool(np.all(np.isfinite(with_gr))),
        ours={"no_frame_dragging": no_gr.tolist(), "with_0.04_0.12": with_gr.tolist()},
        document="reduces to ε̃_X without general relativity",
        why="the formula is the document's (its derivation is not in the talk); checked: the "
        "Newtonian limit is exact; the values with ε^LT_YX = 0.04, ε^LT_XX = 0.12 are shown",
    )  # fmt: skip


@DOC.claim(
    "entrainment-large",
    where="Entrainment effects from TDHFB",
    statement="entrainment effects can be large, independently of the pairing gaps",
)
def _large(quick: bool):
    from ..superfluid import skyrme_entrainment

    xp = 0.1
    m = skyrme_entrainment("SLy4", 0.16 * (1 - xp), 0.16 * xp)
    ratio = float(-m.rho_np / m.rho_p)
    return holds(
        ratio > 0.1,
        ours={"-rho_np/rho_p": ratio, "m_p*/m": float(m.effective_masses()[1])},
        document="large, independent of the gaps",
        why="at T ≪ T_c the TDHFB matrix contains no gap at all; at saturation with x_p = 0.1 "
        "entrainment moves ≳ 10 % of the proton mass current (m_p*/m ≈ 0.8 for SLy4)",
    )  # fmt: skip


# the crust rows register themselves on the same document
from . import doc001_crust  # noqa: E402, F401
