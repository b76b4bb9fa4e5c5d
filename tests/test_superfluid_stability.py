"""Necklace studies of document 000 (josephson.superfluid.stability) on the GP kernel.

Physics asserted: the critical winding of a persistent current grows with the number of
junctions while Leggett's bound falls (Pezzè, Xhani et al. 2024); Leggett's bound is the exact
superfluid fraction of a 1D ring (rotating-frame GP ground state); entrainment drags the passive
component linearly in ρ12 and at the active component's Josephson frequency (eq. 38); a
chemical-potential offset of component 2 between arcs makes its junction phase run at Δμ/ħ,
while a species offset does not.  The full default diagram (n = 1…8, ~3 min) is marked slow.
"""

import math

import numpy as np
import pytest
import xarray as xr

from josephson.errors import ParameterError
from josephson.superfluid import gpe
from josephson.superfluid import stability as st
from josephson.superfluid.analytic import leggett_bound, necklace_current

#: the default geometry scaled down 4× (same V/μ, same width/L): identical local-density
#: profile and Leggett bounds, but junctions holding only ≈ 0.48 quanta each, so w_c(n) grows
#: in steps with plateaus.  Ramp and hold ≈ L/c as at the defaults.
QUICK = st.STABILITY_QUICK
QUICK_N = [1, 2, 4, 8]


@pytest.fixture(scope="module")
def quick_diagram():
    return st.stability_diagram(QUICK_N, progress=False, **QUICK)


# --------------------------------------------------------------------------------- helpers
def test_lda_normalisation_and_hydrodynamic_estimate_of_a_uniform_ring():
    geo = gpe.Ring(length=100.0, points=200)
    nk = gpe.necklace(4, geometry=geo, height=0.6, width=3.0)
    v = nk.barrier_potential()
    rho = st.lda_density(v)
    # bulk density 1 between the barriers, μ − V0 at their tops
    assert rho.max() == pytest.approx(1.0, abs=1e-3)
    assert rho.min() == pytest.approx(0.4, abs=1e-6)
    np.testing.assert_allclose(st.lda_density(v, g12=0.5), 1 - v / 1.5)
    # uniform ring: I1 = 2π/L, critical winding = CRITICAL_RATIO·c·L/2π (Landau-like bound)
    est = st.hydrodynamic_estimate(np.ones(64), 100.0, potential=np.zeros(64), mu=1.0)
    assert est["current_per_winding"] == pytest.approx(2 * np.pi / 100)
    assert est["w_hydro"] == pytest.approx(st.CRITICAL_RATIO * 100 / (2 * np.pi))
    # Bernoulli: the flow lowers the density, ∮dx/ρ grows, the estimate rises
    est = st.hydrodynamic_estimate(rho, 100.0, potential=v, mu=1.0)
    assert est["w_bernoulli"] > est["w_hydro"] > 0


def test_spectral_peak_finds_a_known_frequency():
    t = np.arange(0, 400, 0.5)
    om, res = st.spectral_peak(0.3 + np.sin(0.237 * t + 1.0), t)
    assert res == pytest.approx(2 * np.pi / 400)
    assert abs(om - 0.237) < 0.1 * res  # parabolic refinement: far inside one bin


# ------------------------------------------------------------------------ Leggett's bound
def test_leggett_bound_is_the_superfluid_fraction_of_the_rotating_ground_state():
    """Barriers rotating at Ω: the stationary state in their frame carries the uniform current
    J = −ΩR L/∮dx/ρ (necklace_current with the 'winding' ΩRL/2π), so the fraction of the fluid
    left at rest, f_s = −J/(n̄ΩR), is 1/(⟨ρ⟩⟨1/ρ⟩) exactly, with the GP density at Ω; against
    the density at rest it differs at O((ΩR/c)²) = 1e-4."""
    geo = gpe.Ring(length=64.0, points=128)
    nk = gpe.necklace(2, geometry=geo, height=0.6, width=2.0)
    method = gpe.ImaginaryTime(dt=0.02, tol=1e-10)
    rest = gpe.ground_state(gpe.Condensates(), nk, method=method)
    speed = 0.01
    cond = gpe.Condensates(rotation=speed / geo.radius)
    g = gpe.ground_state(cond, nk, method=method)
    rho = g["density"].values[0]
    j = gpe.current_density(cond, nk, g)["current_conserved"].values[0]
    # stationary: uniform current (imaginary time stopped at a derivative of 1e-10)
    assert np.ptp(j) < 2e-5 * abs(j.mean())
    f_s = -j.mean() / (rho.mean() * speed)
    assert f_s == pytest.approx(leggett_bound(rho), rel=1e-5)
    assert -j.mean() == pytest.approx(
        necklace_current(rho, geo.length, speed * geo.length / (2 * np.pi)), rel=1e-5
    )
    assert f_s == pytest.approx(leggett_bound(rest["density"].values[0]), rel=1e-4)
    assert f_s < 0.99  # the barriers matter: a test that could fail


# ------------------------------------------------------------------- critical winding
def test_critical_winding_grows_and_leggett_falls_quick(quick_diagram):
    wc = quick_diagram["w_c"].values
    legg = quick_diagram["leggett"].values
    # junctions of 6 ξ hold ≈ 0.48 quanta each: w_c is non-decreasing with plateaus, and 7
    # extra junctions add at least 3 (local density: 3.4)
    assert np.all(np.diff(wc) >= 0), wc
    assert wc[-1] - wc[0] >= 3, wc
    assert np.all(np.diff(legg) < 0), legg
    # the search found a genuine edge: w_c survived, w_c + 1 did not
    for n in QUICK_N:
        point = quick_diagram.sel(junctions=n)
        trials = dict(zip(point["trial_winding"].values, point["trial_stable"].values, strict=True))
        w = int(point["w_c"])
        assert trials[w] == 1 and trials[w + 1] == 0
    # the hydraulic estimates bracket the dynamics from below within a few windings
    assert np.all(wc >= np.floor(quick_diagram["w_hydro"].values))
    assert np.all(wc <= quick_diagram["w_bernoulli"].values + 4)
    # the normalisation holds μ at 1 for every n (bulk density 1)
    np.testing.assert_allclose(quick_diagram["mu"].values, 1.0, atol=1e-3)
    assert quick_diagram["w_c"].attrs["units"] == "1"


def test_stability_diagram_through_the_grid_equals_direct_calls(quick_diagram):
    for n in (1, 2):
        direct = st.critical_winding(n, **QUICK)
        point = quick_diagram.sel(junctions=n)
        assert int(point["w_c"]) == int(direct["w_c"])
        assert float(point["leggett"]) == float(direct["leggett"])
        assert float(point["w_hydro"]) == float(direct["w_hydro"])
    assert "grid" in quick_diagram.attrs
    assert quick_diagram.attrs["computation"] == "superfluid.stability.critical_winding"


def test_necklace_stability_dataset_and_two_component_decoupling():
    """At ρ12 = g12 = 0 a passive second component changes nothing for the active one."""
    one = st.necklace_stability(2, 8, **QUICK)
    two = st.necklace_stability(2, 8, components=2, **QUICK)
    np.testing.assert_array_equal(
        one["winding_history"].values[:, 0], two["winding_history"].values[:, 0]
    )
    for key in ("stable", "final_winding", "phase_slips"):
        assert one[key].item() == two[key].item()
    assert int(two["passive_final_winding"]) == 0 and int(two["passive_phase_slips"]) == 0
    assert abs(float(two["passive_current"])) < 1e-12  # no coupling: rounding only
    assert one["stable"].dtype == bool
    assert one["velocity_ratio"].attrs["units"] == "1"
    assert one.attrs["computation"] == "superfluid.stability.necklace_stability"
    assert "model" in one.attrs and "josephson_version" in one.attrs
    # a supercritical winding slips
    fast = st.necklace_stability(2, 14, **QUICK)
    assert not bool(fast["stable"]) and int(fast["phase_slips"]) >= 1
    assert int(fast["final_winding"]) < 14


def test_bad_input_names_the_argument():
    with pytest.raises(ParameterError) as err:
        st.necklace_stability(2, 1.5, **QUICK)
    assert err.value.argument == "winding"
    with pytest.raises(ParameterError) as err:
        st.necklace_stability(2, 3, components=1, rho12=0.2, **QUICK)
    assert err.value.argument == "components"
    with pytest.raises(ParameterError) as err:
        st.necklace_stability(2, 3, **{**QUICK, "dt": 0.5})
    assert err.value.argument == "dt"
    with pytest.raises(ParameterError) as err:
        st.critical_winding(0, **QUICK)
    assert err.value.argument == "junctions"


@pytest.mark.slow
def test_default_diagram_critical_winding_strictly_increases():
    """At the defaults every junction holds ≈ 1.9 quanta at its critical current, so each
    added junction raises w_c by at least one (measured 33, 34, 35, 37, 39, 41, 44, 46), while
    Leggett's bound falls (0.978 … 0.908).  About 3.5 minutes in one process, so two
    workers (the process engine gives the in-process numbers: tests/test_sweep_engines.py)."""
    ds = st.stability_diagram(range(1, 9), workers=2, progress=False)
    assert np.all(np.diff(ds["w_c"].values) >= 1), ds["w_c"].values
    assert np.all(np.diff(ds["leggett"].values) < 0), ds["leggett"].values


# ------------------------------------------------------------------------------- drag
def test_stationary_drag_is_linear_and_matches_the_phase_only_state():
    """J2 = (ρ12/m2 n̄1) f_s2 J1 to first order in ρ12; exactly the phase-only currents of the
    GP densities (uniform currents, ∮θ2' = 0)."""
    zero = st.stationary_drag(0.0, points=128)
    assert abs(float(zero["current"].sel(component=2))) < 1e-13
    a = st.stationary_drag(0.025, points=128)
    b = st.stationary_drag(0.05, points=128)
    for ds in (a, b):
        np.testing.assert_allclose(ds["current"], ds["current_phase_only"], rtol=1e-6)
        assert np.all(ds["current_spread"].values < 1e-5 * abs(ds["current"].values[0]))
        # second order in ρ12 (≈ 1e-3 relative at ρ12 = 0.05)
        assert float(ds["drag_ratio"]) == pytest.approx(float(ds["drag_ratio_linear"]), rel=2e-3)
    ratio = float(b["current"].sel(component=2)) / float(a["current"].sel(component=2))
    assert ratio == pytest.approx(2.0, rel=2e-3)


@pytest.fixture(scope="module")
def ac_drag():
    kw = dict(duration=160.0)
    return {r: st.entrainment_drag(r, **kw) for r in (0.0, 0.005, 0.01)}


def test_ac_drag_vanishes_without_entrainment_and_is_linear(ac_drag):
    zero = ac_drag[0.0]
    assert float(np.max(np.abs(zero["junction_current"].sel(component=2)))) < 1e-12
    assert float(zero["amplitude"].sel(component=1)) > 1e-3  # the active current does flow
    small, big = ac_drag[0.005], ac_drag[0.01]
    # linear response: twice the coupling, twice the passive current (rel. 1e-2 allows the
    # O(ρ12²) back-action)
    assert float(big["amplitude"].sel(component=2) / small["amplitude"].sel(component=2)) == (
        pytest.approx(2.0, rel=1e-2)
    )
    assert float(big["locked_sin"] / small["locked_sin"]) == pytest.approx(2.0, rel=1e-2)


def test_ac_drag_oscillates_at_the_active_josephson_frequency(ac_drag):
    for r in (0.005, 0.01):
        ds = ac_drag[r]
        f1, f2 = ds["frequency"].values
        assert abs(f2 - f1) < float(ds["resolution"])
        # and that frequency is the active component's running junction phase
        assert f1 == pytest.approx(abs(float(ds["phase_rate"])), abs=float(ds["resolution"]))
        # the phase runs (AC Josephson), slowed below Δμ by the atoms the junction moves
        assert 0.6 * 0.1 < abs(float(ds["phase_rate"])) < 0.1


# --------------------------------------------------------------------------- mismatch
def test_arc_mismatch_runs_the_passive_junction_phase_at_delta_mu():
    ds = st.mismatch_control(0.1)
    # tunnel junction, long arcs: the transferred atoms shift the arcs' μ by ~1e-3 Δμ; the
    # linear fit over 5 periods of the phase modulation adds ~0.5 %: 2 % tolerance
    assert float(ds["expected_rate"]) == pytest.approx(-0.1)
    assert float(ds["phase_rate"]) == pytest.approx(float(ds["expected_rate"]), rel=2e-2)
    # the passive junction current follows I_c sin Δθ2
    assert float(ds["fit_r2"]) > 0.999
    assert float(ds["fit_sin"]) > 0 and abs(float(ds["fit_phase"])) < 1e-2
    # the active component (no offset) keeps its junction phase
    phase1 = ds["junction_phase"].sel(component=1).values
    assert np.ptp(phase1) < 1e-6


def test_species_mismatch_sets_no_junction_phase():
    """μ2 ≠ μ1 on every arc only rotates the global phase of component 2."""
    ds = st.mismatch_control(0.1, mismatch="species", duration=80.0)
    assert float(ds["expected_rate"]) == 0.0
    assert np.ptp(ds["junction_phase"].sel(component=2).values) < 1e-6
    assert float(np.max(np.abs(ds["junction_current"].sel(component=2)))) < 1e-10


def test_results_are_datasets_with_units():
    ds = st.mismatch_control(0.05, duration=20.0, length=64.0, points=256)
    assert isinstance(ds, xr.Dataset)
    for name in ds.data_vars:
        assert "units" in ds[name].attrs and "long_name" in ds[name].attrs, name
    assert ds.attrs["computation"] == "superfluid.stability.mismatch_control"
    assert math.isfinite(float(ds["phase_rate"]))
