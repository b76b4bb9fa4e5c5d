"""Shapiro steps of the open-system junction under an ac field (document 004, eq. 76).

The field modulates the phase of the coherence (u = v + v_f cos ω_f τ); the module docstring
of josephson.open_system.shapiro derives the averaged characteristic

    i_tot = v [1 + 4α Σ_k J_k(a)² / (1 + (v − kω_f)²)],   a = v_f/ω_f     (PM)

valid for ω_f >> 1, whose resonances at v = kω_f are the steps, with heights
A_k = 4αkω_f J_k(a)².  The tests check the integrator against scipy, the field-free limit
(eq. 48), the large-ω_f theory (release currents, voltages on the steps, the J_k² law), and
that the steps are resonances, not phase-locked plateaus.
"""

import math

import numpy as np
import pytest
from scipy import special

from josephson.errors import ParameterError
from josephson.open_system import _shapiro_kernels as K
from josephson.open_system import analytic as A
from josephson.open_system import dynamics as D
from josephson.open_system import shapiro as S


def _first_passage(alpha, v_f, omega_f, currents, v_min, v_max, dv=2e-5):
    """Up-sweep voltage of (PM) at each bias: the first v in [v_min, v_max) where i_tot(v)
    reaches it (v_min must lie on the up-sweep branch, below the currents asked)."""
    v = np.arange(v_min, v_max, dv)
    i = S.phase_modulation_characteristic(v, alpha, v_f, omega_f)
    return v[np.searchsorted(np.maximum.accumulate(i), currents)]


# --------------------------------------------------------------------------- numerics
def test_kernel_matches_scipy_dop853():
    """RK4 with whole steps per field period against dynamics.integrate (DOP853, rtol 1e-10)
    over 12 field periods from an off-attractor start, at the period boundaries."""
    alpha, i_tot, v_f, omega_f = 3.0, 25.0, 60.0, 20.0
    y0 = np.array([20.0, 1.0, 2.0])
    periods = 12
    T = 2 * math.pi / omega_f
    n = math.ceil(T * (i_tot + v_f + 20.0) / 0.02)
    states, q = K.trajectory(alpha, i_tot, v_f, omega_f, n, y0, periods)
    ds = D.integrate(
        alpha, i_tot, periods * T, initial=y0, v_f=v_f, omega_f=omega_f,
        samples=periods * 400 + 1,
    )  # fmt: skip
    ref = np.stack([ds[name].values[::400] for name in ("v", "i_j", "i_s")], axis=1)
    # measured 2.5e-9 relative (9e-8 absolute); the error falls as phase_step⁴
    assert np.max(np.abs(states - ref)) < 2e-8 * np.max(np.abs(ref))
    # the period integrals of v against Simpson's rule on the dense scipy output
    from scipy.integrate import simpson

    vv = ds["v"].values.reshape(-1)
    dense = [simpson(vv[m * 400 : (m + 1) * 400 + 1], dx=T / 400) for m in range(periods)]
    assert np.max(np.abs(q - np.array(dense))) < 1e-8 * T * np.max(np.abs(vv))


def test_period_average_converges_at_fourth_order():
    """Halving the phase step cuts the error of the period-averaged voltage ~16-fold."""
    alpha, i_tot, v_f, omega_f = 3.0, 25.0, 300.0, 20.0
    T = 2 * math.pi / omega_f
    means = []
    for step in (0.2, 0.1, 0.05):
        n = math.ceil(T * (i_tot + v_f + 1.0) / step)
        _, q = K.trajectory(alpha, i_tot, v_f, omega_f, n, np.array([22.0, 0.0, 0.0]), 120)
        means.append(q[-40:].sum() / (40 * T))
    e1, e2 = abs(means[0] - means[2]), abs(means[1] - means[2])
    assert e2 < 1e-4  # the default phase_step = 0.1
    assert e1 / e2 > 10.0


def test_no_field_reproduces_the_stationary_characteristic():
    """v_f = 0: the up-sweep follows the low-voltage branch of eq. 48 to i_c and the
    high-voltage branch after, the down-sweep the high branch to i_r (hysteresis, α = 3)."""
    alpha = 3.0
    ic, ir = float(A.critical_current(alpha)), float(A.retrapping_current(alpha))
    grid = np.arange(0.0, 14.01, 0.25)
    ds = S.field_shapiro(alpha, grid, 0.0, 20.0, sweep="both", transient_periods=200)
    low = np.array([A.fixed_points(i, alpha)[0] for i in grid])
    high = np.array([A.fixed_points(i, alpha)[-1] for i in grid])
    up, down = ds["v"].sel(sweep="up").values, ds["v"].sel(sweep="down").values
    # away from the saddle-nodes, where the slowest rate λ0 -> 0 leaves the transient
    # unconverged (with the default 30/γ: 1e-7 at 0.35 below i_c, 2e-9 at 0.6)
    far = np.abs(grid - ic) > 0.6
    expect_up = np.where(grid < ic, low, high)
    assert np.max(np.abs(up - expect_up)[far]) < 1e-9
    far = np.abs(grid - ir) > 0.6
    expect_down = np.where(grid > ir, high, low)
    assert np.max(np.abs(down - expect_down)[far]) < 1e-9
    # the stationary points are fixed points: no change over a period
    assert float(ds["residual"].where(np.abs(ds["i_tot"] - ic) > 0.6).max()) < 1e-9


# --------------------------------------------------------------------------- large ω_f theory
ALPHA, OMEGA_F, V_F = 0.5, 40.0, 60.0  # a = 1.5: steps 1 and 2 hysteretic, heights 25 and 8.7
FINE = 0.005


@pytest.fixture(scope="module")
def sweep40():
    """Up-sweep at ω_f = 40, fine bias grid across the tops of steps 1 and 2."""
    ref = S.phase_modulation_steps(ALPHA, V_F, OMEGA_F, [1, 2])
    tops = ref["upper"].values[0]
    parts, start = [], 0.0
    for top in tops:
        parts += [np.arange(start, top - 1.0, 1.0), np.arange(top - 1.0, top + 0.5, FINE)]
        start = top + 0.5
    parts.append(np.arange(start, start + 3.0, 1.0))
    ds = S.field_shapiro(ALPHA, np.concatenate(parts), V_F, OMEGA_F)
    return ds, ref


def test_step_tops_follow_the_phase_modulation_characteristic(sweep40):
    """The release current of steps 1 and 2 (upper edge on an up-sweep) equals the local
    maximum of (PM) to 0.015 at ω_f = 40 (measured 0.003 and 0.012; the grid step is 0.005);
    relative to the step heights that is < 2e-3 (the deviation falls ~1/ω_f, see the module
    docstring)."""
    ds, ref = sweep40
    st = S.field_shapiro_steps(ds, orders=[1, 2])
    diff = st["upper"].values - ref["upper"].values[0]
    assert np.all(np.abs(diff) < 0.015)
    assert np.all(np.abs(diff) / ref["height"].values[0] < 2e-3)


def test_voltage_on_a_step_is_a_resonance_not_a_lock(sweep40):
    """On step 1 the mean voltage follows the first passage of (PM) to 1e-2: it climbs the
    Lorentzian flank (dv/di_tot ~ 0.2 near the top, not 0), stays within one damping width
    below ω_f and tops out just above it (δ1 ≈ 1/2A_1 = 0.02).  Every point is the mean of
    a converged T-periodic orbit (equal halves of the window to 1e-9), so the departure from
    v = ω_f is not a windowing error: the model has no exact voltage quantisation."""
    ds, ref = sweep40
    g, v = ds["i_tot"].values, ds["v"].values
    top = float(ref["upper"][0, 0])
    on = (np.abs(v - OMEGA_F) <= 1.0) & (g < top - 0.05)
    assert on.sum() > 100
    pm = _first_passage(ALPHA, V_F, OMEGA_F, g[on], OMEGA_F - 2.0, OMEGA_F + 0.5)
    assert np.max(np.abs(v[on] - pm)) < 1e-2
    assert np.max(np.abs(ds["v_spread"].values[on])) < 1e-9
    last = np.flatnonzero(on)[-1]
    slope = (v[last] - v[last - 20]) / (g[last] - g[last - 20])
    assert 0.05 < slope < 0.5
    height = float(S.phase_modulation_heights(ALPHA, V_F, OMEGA_F, 1))
    vmax = float(v[np.abs(v - OMEGA_F) <= 1.0].max())
    assert 0.0 < vmax - OMEGA_F < 2.0 / height


def test_step_heights_follow_bessel_squared():
    """Width map over v_f at ω_f = 40: the height of step 1 (excess current at release)
    follows A_1 = 4αω_f J_1(v_f/ω_f)² within 1 % at a = 1, 1.84, 2.5 (heights 15-27; measured
    0.4 %, 0.2 %, 0.3 % on a 0.02 grid), and the ratios between amplitudes are those of J_1²
    (to 0.2 %), not of |J_1| (which would be off by 30 %)."""
    amps = np.array([1.0, 1.8412, 2.5]) * OMEGA_F
    law = S.phase_modulation_heights(ALPHA, amps, OMEGA_F, 1)
    grid = np.concatenate([np.arange(0.0, 47.0, 1.0), np.arange(47.0, 69.0, 0.02)])
    ds = S.field_shapiro(ALPHA, grid, amps, OMEGA_F)
    st = S.field_shapiro_steps(ds, orders=[1])
    heights = st["height"].sel(k=1).values
    assert np.all(np.abs(heights / law - 1.0) < 0.01)
    ratio = heights / heights[1]
    j1 = special.jv(1, amps / OMEGA_F)
    assert np.allclose(ratio, (j1 / j1[1]) ** 2, rtol=0.01)
    assert not np.allclose(ratio, np.abs(j1 / j1[1]), rtol=0.2)
    # the map shape of the dataset
    assert st["width"].dims == ("v_f", "k") and st.sizes["v_f"] == 3


def test_zero_step_is_eq48_with_reduced_alpha():
    """The k = 0 step is the low-voltage branch of eq. 48 with α -> αJ_0(a)²: its release
    current tends to i_c(αJ_0²) (eq. 50).  α = 10, a = 1 (α_eff = 5.86, i_c = 12.76): off by
    0.19 at ω_f = 40 and 0.05 at ω_f = 80 (the sideband corrections fall ~1/ω_f²)."""
    alpha, a = 10.0, 1.0
    ic = float(A.critical_current(alpha * special.jv(0, a) ** 2))
    grid = np.concatenate([np.arange(0.0, ic - 1.0, 0.5), np.arange(ic - 1.0, ic + 0.5, 0.005)])
    dev = []
    for omega_f in (40.0, 80.0):
        ds = S.field_shapiro(alpha, grid, a * omega_f, omega_f)
        st = S.field_shapiro_steps(ds, orders=[0], tol=2.0)  # the release (v = 1.1) is inside
        dev.append(float(st["upper"].sel(k=0)) - ic)
    assert 0.0 < dev[1] < 0.1
    assert dev[0] / dev[1] > 2.5


def test_pm_characteristic_limits():
    """(PM) with v_f = 0 is eq. 48; far from all resonances it tends to the ohmic line; on a
    resonance the k-th sideband adds 4αkω_f J_k(a)² (the Lorentzian top)."""
    v = np.linspace(-30.0, 30.0, 61)
    assert np.allclose(
        S.phase_modulation_characteristic(v, 3.0, 0.0, 20.0), A.characteristic(v, 3.0),
        rtol=1e-14, atol=0,
    )  # fmt: skip
    a, wf, vf = 2.0, 1000.0, 1500.0
    k = 1
    on = float(S.phase_modulation_characteristic(k * wf, a, vf, wf)) - k * wf
    law = float(S.phase_modulation_heights(a, vf, wf, k))
    assert on == pytest.approx(law, rel=1e-5)


# --------------------------------------------------------------------------- steps API
def test_step_extraction_conventions():
    """Steps truncated by the grid get NaN widths; k = 0 is symmetric about 0."""
    grid = np.arange(0.0, 30.0, 0.5)
    ds = S.field_shapiro(0.5, grid, 30.0, 20.0, transient_periods=60, average_periods=4)
    st = S.field_shapiro_steps(ds, orders=[0, 1, 5])
    assert float(st["lower"].sel(k=0)) == -float(st["upper"].sel(k=0))
    assert float(st["width"].sel(k=5)) == 0.0 and np.isnan(float(st["upper"].sel(k=5)))
    # cut the grid inside step 1: its width becomes NaN
    inside = np.flatnonzero(np.abs(ds["v"].values - 20.0) <= 1.0)
    assert inside.size > 4
    cut = ds.isel(i_tot=slice(0, int(inside[inside.size // 2])))
    assert np.isnan(float(S.field_shapiro_steps(cut, orders=[1])["width"].sel(k=1)))
    assert ds["v"].attrs["units"].startswith("Ṽ") and "model" in ds.attrs


def test_plot_runs():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ds = S.field_shapiro(0.5, np.arange(0.0, 45.0, 1.0), [20.0, 30.0], 20.0, average_periods=4)
    ax1, ax2 = S.plot_field_shapiro(ds, S.field_shapiro_steps(ds))
    assert ax1.get_ylabel() == "⟨v⟩ / ω_f"
    assert ax2.get_xlabel().startswith("field amplitude")  # the width map over (v_f, k)
    plt.close("all")


# --------------------------------------------------------------------------- bad input
@pytest.mark.parametrize(
    ("kwargs", "argument"),
    [
        ({"alpha": -1.0}, "alpha"),
        ({"alpha": math.nan}, "alpha"),
        ({"omega_f": 0.0}, "omega_f"),
        ({"omega_f": -5.0}, "omega_f"),
        ({"v_f": math.nan}, "v_f"),
        ({"v_f": -1.0}, "v_f"),
        ({"i_tot": [0.0, 2.0, 1.0]}, "i_tot"),
        ({"i_tot": [0.0, math.nan]}, "i_tot"),
        ({"i_tot": [[0.0, 1.0]]}, "i_tot"),
        ({"sweep": "sideways"}, "sweep"),
        ({"phase_step": 0.0}, "phase_step"),
        ({"transient_periods": -1}, "transient_periods"),
        ({"average_periods": 0}, "average_periods"),
    ],
)
def test_bad_input_names_the_argument(kwargs, argument):
    args = {"alpha": 1.0, "i_tot": [0.0, 1.0], "v_f": 10.0, "omega_f": 20.0}
    args.update(kwargs)
    with pytest.raises(ParameterError) as err:
        S.field_shapiro(**args)
    assert err.value.argument == argument


def test_bad_step_requests():
    with pytest.raises(ParameterError) as err:
        S.field_shapiro_steps(D.stationary_characteristic(3.0, [0.0, 1.0]))
    assert err.value.argument == "ds"
    with pytest.raises(ParameterError) as err:
        S.phase_modulation_steps(3.0, 10.0, 20.0, [1.5])
    assert err.value.argument == "orders"
    with pytest.raises(ParameterError) as err:
        S.phase_modulation_characteristic(1.0, 3.0, 10.0, 0.0)
    assert err.value.argument == "omega_f"


def test_fixed_step_sweep_agrees_with_the_adaptive_kernel():
    """Two independent integrators of eq. 76 along the same adiabatic up-sweep: the fixed-step
    RK4 of field_shapiro (phase_step 0.05, error ~1e-6 or below) and the adaptive
    Dormand-Prince rows of open_system._kernels (rtol 1e-11), with identical transient and
    averaging windows of whole field periods, through the step structure."""
    from josephson.open_system import _kernels

    alpha, omega_f, v_f = 1.0, 10.0, 15.0
    grid = np.linspace(0.0, 40.0, 41)
    period = 2 * math.pi / omega_f
    ds = S.field_shapiro(
        alpha, grid, v_f, omega_f, transient_periods=48, average_periods=16, phase_step=0.05
    )
    v0 = A.fixed_points(grid[0], alpha)[0]
    y0 = np.array([float(x) for x in A.fixed_point(v0, alpha)])
    vm, _, status = _kernels.average_voltage(
        alpha, grid[None, :], v_f, omega_f, y0, 48 * period, 16 * period, 1e-11, 1e-13
    )
    assert np.all(status == _kernels.OK)
    assert np.ptp(ds["v"].values) > 2 * omega_f  # the sweep crosses steps
    assert np.max(np.abs(vm[0] - ds["v"].values)) < 1e-6
