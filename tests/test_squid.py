"""dc SQUID: interference limits, an independent static solver, the large-β_L asymptote,
closed-form V(Φ), an independent ODE solver, symmetries, switching and thermal noise."""

import itertools
import math

import numpy as np
import pytest
from scipy import integrate, optimize

from josephson.errors import ParameterError
from josephson.junction import Langevin, ivanchenko_zilberman_voltage
from josephson.junction import _squid_kernels as sk
from josephson.junction.cpr import FourierSeries, Sinusoidal
from josephson.junction.squid import (
    optimal_working_point,
    plot_squid,
    squid_critical_current,
    squid_critical_current_branches,
    squid_voltage,
    transfer_function,
)

FLUX = np.linspace(-1.0, 1.0, 401)  # contains 0, ±1/4, ±1/2, ±1 exactly


# --------------------------------------------------------------------------- static I_c(Φ)
def test_symmetric_interference_pattern():
    """β_L = 0, identical junctions: I_c = 2 I_c |cos πΦ/Φ0| (the chapter's two-slit pattern)."""
    ic = squid_critical_current(FLUX)
    assert np.max(np.abs(ic - 2 * np.abs(np.cos(np.pi * FLUX)))) <= 1e-10


@pytest.mark.parametrize("alpha", [0.3, -0.6])
def test_asymmetric_interference_pattern(alpha):
    """β_L = 0 with I_c1,2 = Ī_c(1 ± α): the phasor sum of the two junction currents gives
    I_c = 2 sqrt(cos² πΦ + α² sin² πΦ); at Φ0/2 the two currents oppose: |I_c1 - I_c2|."""
    ic = squid_critical_current(FLUX, asymmetry=alpha)
    closed = 2 * np.sqrt(np.cos(np.pi * FLUX) ** 2 + alpha**2 * np.sin(np.pi * FLUX) ** 2)
    assert np.max(np.abs(ic - closed)) <= 1e-10
    half = squid_critical_current(0.5, asymmetry=alpha)
    assert abs(half - abs((1 + alpha) - (1 - alpha))) <= 1e-10


def test_pi_junction_shifts_the_pattern():
    """One π junction (i_s = -sin φ = sin(φ + π)) adds π to the loop phase: I_c = 2|sin πΦ|."""
    pi_junction = FourierSeries(amplitudes=(1.0,), phases=(np.pi,))
    ic = squid_critical_current(FLUX, cpr=(Sinusoidal(), pi_junction))
    assert np.max(np.abs(ic - 2 * np.abs(np.sin(np.pi * FLUX)))) <= 1e-10


def test_broadcasting_shape():
    flux = np.array([[0.0, 0.1, 0.2], [0.3, 0.4, 0.5]])
    ic = squid_critical_current(flux, beta_l=0.5)
    assert ic.shape == flux.shape
    assert np.ndim(squid_critical_current(0.1, beta_l=0.5)) == 0


def _reference_ic(flux, beta_l, alpha, cpr):
    """Independent static solver: SLSQP maximisation of i_1 + i_2 under the fluxoid
    constraint φ1 - φ2 - 2π(Φ + n) + (πβ_L/2)(i_1 - i_2) = 0 from a grid of starts and
    fluxoid numbers, keeping maxima whose stiffness matrix is positive semi-definite (stable
    side of the fold); the CPR scale comes from a dense grid, not from critical_currents."""
    grid = np.linspace(0, 2 * np.pi, 20001)
    norm = np.max(np.abs(cpr.current(grid)))
    a1, a2 = (1 + alpha) / norm, (1 - alpha) / norm
    lam = 1 / (np.pi * beta_l)

    def s(x):
        return float(cpr.current(x))

    def ds(x):
        return float(cpr.derivative(x))

    best = -np.inf
    for n, start in itertools.product(
        range(-1, 2), itertools.product(np.linspace(-np.pi, np.pi, 4, endpoint=False), repeat=2)
    ):

        def con(p, n=n):
            return (
                p[0]
                - p[1]
                - 2 * np.pi * (flux + n)
                + np.pi * beta_l / 2 * (a1 * s(p[0]) - a2 * s(p[1]))
            )

        def con_jac(p):
            return np.array(
                [1 + np.pi * beta_l / 2 * a1 * ds(p[0]), -1 - np.pi * beta_l / 2 * a2 * ds(p[1])]
            )

        r = optimize.minimize(
            lambda p: -(a1 * s(p[0]) + a2 * s(p[1])),
            np.array(start),
            jac=lambda p: -np.array([a1 * ds(p[0]), a2 * ds(p[1])]),
            constraints=[{"type": "eq", "fun": con, "jac": con_jac}],
            method="SLSQP",
            options={"ftol": 1e-15, "maxiter": 300},
        )
        if abs(con(r.x)) > 1e-10:
            continue
        k = np.array([[a1 * ds(r.x[0]) + lam, -lam], [-lam, a2 * ds(r.x[1]) + lam]])
        if np.linalg.eigvalsh(k).min() > -1e-6:
            best = max(best, -r.fun)
    return best


@pytest.mark.parametrize(
    ("beta_l", "alpha", "cpr"),
    [
        (1.0, 0.0, Sinusoidal()),
        (3.0, 0.25, Sinusoidal()),
        (1.5, -0.2, FourierSeries(amplitudes=(1.0, 0.45), phases=(0.0, 0.6))),
    ],
)
def test_static_solver_against_constrained_optimisation(beta_l, alpha, cpr):
    flux = np.array([0.0, 0.3, 0.5, 0.8])
    fast = squid_critical_current(flux, beta_l=beta_l, asymmetry=alpha, cpr=cpr)
    ref = np.array([_reference_ic(f, beta_l, alpha, cpr) for f in flux])
    assert np.max(np.abs(fast - ref)) <= 1e-8


def test_non_sinusoidal_cpr_at_zero_inductance():
    """β_L = 0: I_c(Φ) = max_φ [(1+α) s(φ + πΦ) + (1-α) s(φ - πΦ)] by brute force (10^6
    phases) for a skewed CPR normalised to unit maximum |s|."""
    cpr = FourierSeries(amplitudes=(1.0, -0.3), phases=(0.0, 0.4))
    phi = np.linspace(0, 2 * np.pi, 1_000_001)
    norm = np.max(np.abs(cpr.current(phi)))
    flux = np.array([0.0, 0.2, 0.45, 0.7])
    alpha = 0.1
    brute = [
        np.max(
            (1 + alpha) * cpr.current(phi + np.pi * f) + (1 - alpha) * cpr.current(phi - np.pi * f)
        )
        / norm
        for f in flux
    ]
    fast = squid_critical_current(flux, asymmetry=alpha, cpr=cpr)
    # grid step 6e-6 rad: the brute-force maximum is low by at most ~ step² max|s''|
    assert np.max(np.abs(fast - brute)) <= 1e-9


def test_modulation_depth_and_large_inductance_asymptote():
    """ΔI_c/I_c,max falls monotonically with β_L.  For β_L >> 1, ΔI_c ≈ Φ0/L (Tesche and
    Clarke, J. Low Temp. Phys. 29, 301 (1977); Clarke & Braginski, The SQUID Handbook I,
    ch. 2), i.e. ΔI_c/(2Ī_c) -> 1/β_L.  Next order (expanding φ_1,2 = π/2 + x, y at Φ0/2:
    i = 2 - (x² + y²)/2 with (y - x)(y + x) = (4/β_L)(1 + (y - x)/π), minimised at
    x = 0, y = -2/sqrt(β_L)): ΔI_c/(2Ī_c) = 1/β_L - (2/π) β_L^(-3/2) + O(β_L^-2)."""
    betas = np.array([0.25, 0.5, 1, 2, 4, 8, 16, 32, 64])
    depth = []
    for b in betas:
        ic = squid_critical_current(np.array([0.0, 0.5]), beta_l=b)
        assert abs(ic[0] - 2.0) <= 1e-12  # integer flux: no circulating current
        depth.append((ic[0] - ic[1]) / ic[0])
    depth = np.array(depth)
    assert squid_critical_current(0.5) <= 1e-12  # β_L = 0: full modulation
    assert np.all(np.diff(depth) < 0)
    rel = depth * betas - 1  # relative error of the 1/β_L law
    large = betas >= 2
    assert np.all(np.diff(np.abs(rel[large])) < 0)
    assert abs(rel[-1]) < 0.1
    second = rel * np.sqrt(betas) + 2 / np.pi  # what is left after the next order
    assert np.all(np.diff(np.abs(second[large])) < 0)
    assert abs(second[-1]) < 0.25 * abs(rel[-1] * np.sqrt(betas[-1]))


def test_branch_symmetries():
    """Fluxoid states of a symmetric SQUID: I_c,n(Φ + Φ0) = I_c,n-1(Φ), I_c,n(-Φ) = I_c,-n(Φ),
    I_c- = I_c+ (sinusoidal CPR); the SQUID critical current is the largest branch."""
    flux = np.linspace(-0.5, 0.5, 21)
    ds = squid_critical_current_branches(flux, beta_l=3.0, fluxoids=range(-3, 4))
    shifted = squid_critical_current_branches(flux + 1, beta_l=3.0, fluxoids=range(-3, 4))
    a = ds.i_c.sel(fluxoid=range(-3, 3)).values
    b = shifted.i_c.sel(fluxoid=range(-2, 4)).values
    assert np.array_equal(np.isnan(a), np.isnan(b))
    assert np.nanmax(np.abs(a - b)) <= 1e-9
    mirror = ds.i_c.values[::-1, ::-1]
    assert np.nanmax(np.abs(ds.i_c.values - mirror)) <= 1e-9
    assert np.nanmax(np.abs(ds.i_c.values - ds.i_c_minus.values)) <= 1e-9
    assert np.allclose(ds.i_c_max, ds.i_c.max("fluxoid"), atol=0, rtol=0)
    # at integer flux three fluxoid states are stable for β_L = 3 (n = -1, 0, 1)
    assert int(np.sum(np.isfinite(ds.i_c.sel(flux=0.0).values))) == 3
    # screening: the flux in the loop is pulled towards nΦ0
    tot = ds.total_flux.sel(fluxoid=0).values
    ok = np.isfinite(tot)
    assert np.all(np.abs(tot[ok]) <= np.abs(flux[ok]) + 1e-12)


def test_asymmetric_negative_critical_current_is_mirror():
    """(φ1, φ2, Φ, i) -> (-φ1, -φ2, -Φ, -i) maps static states onto static states."""
    flux = np.linspace(0, 1, 11)
    ds = squid_critical_current_branches(flux, beta_l=1.2, asymmetry=0.35)
    mirrored = squid_critical_current(-flux, beta_l=1.2, asymmetry=0.35)
    assert np.max(np.abs(ds.i_c_minus_max.values - mirrored)) <= 1e-9


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"flux": [0.1, np.nan]}, "flux"),
        ({"flux": 0.1, "beta_l": -0.5}, "beta_l"),
        ({"flux": 0.1, "asymmetry": 1.0}, "asymmetry"),
        ({"flux": 0.1, "asymmetry": -1.2}, "asymmetry"),
        ({"flux": 0.1, "cpr": "sin"}, "cpr"),
        ({"flux": "abc"}, "flux"),
        ({"flux": None}, "flux"),
        ({"flux": 0.1, "beta_l": "x"}, "beta_l"),
        ({"flux": 0.1, "beta_l": True}, "beta_l"),
        ({"flux": 0.1, "beta_l": 1e8}, "beta_l"),  # cost ∝ β_L: would run for days
        ({"flux": 0.1, "asymmetry": [0.1]}, "asymmetry"),
        ({"flux": 0.1, "asymmetry": None}, "asymmetry"),
        ({"flux": 0.1, "cpr": (Sinusoidal(), Sinusoidal(), Sinusoidal())}, "cpr"),
        ({"flux": 0.1, "cpr": (Sinusoidal(), "sin")}, "cpr"),
    ],
)
def test_static_bad_input(kwargs, name):
    flux = kwargs.pop("flux")
    with pytest.raises(ParameterError) as err:
        squid_critical_current(flux, **kwargs)
    assert err.value.argument == name


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"i_bias": [1.0, 0.5, 2.0]}, "i_bias"),
        ({"i_bias": [np.inf]}, "i_bias"),
        ({"noise": -0.1}, "noise"),
        ({"beta_c": -1.0}, "beta_c"),
        ({"resistance_asymmetry": 1.0}, "resistance_asymmetry"),
        ({"sweep": "sideways"}, "sweep"),
        ({"flux": [[0.1, 0.2]]}, "flux"),
        ({"flux": ["a"]}, "flux"),
        ({"flux": []}, "flux"),
        ({"i_bias": "abc"}, "i_bias"),
        ({"i_bias": [[1.0, 2.0]]}, "i_bias"),
        ({"i_bias": []}, "i_bias"),
        ({"beta_l": None}, "beta_l"),
        ({"beta_c": "heavy"}, "beta_c"),
        ({"noise": [0.1, 0.2]}, "noise"),
        ({"asymmetry": math.inf}, "asymmetry"),
        ({"capacitance_asymmetry": -1.0}, "capacitance_asymmetry"),
        ({"sweep": ["up"]}, "sweep"),
        ({"seed": "abc"}, "seed"),
        ({"seed": -1}, "seed"),
        ({"method": "dopri"}, "method"),
    ],
)
def test_voltage_bad_input(kwargs, name):
    args = {"flux": [0.1], "i_bias": [2.0], "beta_l": 1.0} | kwargs
    with pytest.raises(ParameterError) as err:
        squid_voltage(args.pop("flux"), args.pop("i_bias"), **args)
    assert err.value.argument == name


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"flux": [0.1, "a"]}, "flux"),
        ({"flux": [[0.1, 0.2]]}, "flux"),
        ({"beta_l": None}, "beta_l"),
        ({"beta_l": [1.0, 2.0]}, "beta_l"),
        ({"asymmetry": "big"}, "asymmetry"),
        ({"fluxoids": ["a"]}, "fluxoids"),
        ({"fluxoids": [0.5]}, "fluxoids"),
        ({"fluxoids": [[0, 1]]}, "fluxoids"),
        ({"fluxoids": None, "cpr": (Sinusoidal(),)}, "cpr"),
    ],
)
def test_branches_bad_input(kwargs, name):
    args = {"flux": [0.1, 0.2], "beta_l": 1.0} | kwargs
    with pytest.raises(ParameterError) as err:
        squid_critical_current_branches(args.pop("flux"), **args)
    assert err.value.argument == name


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"flux": [0.1, 0.2]}, "flux"),
        ({"flux": [0.1, 0.2, 0.2]}, "flux"),
        ({"flux": [[0.0, 0.1, 0.2]]}, "flux"),
        ({"i_bias": "abc"}, "i_bias"),
        ({"i_bias": [2.0, 1.0, 3.0]}, "i_bias"),
        ({"refine": -1}, "refine"),
        ({"refine": True}, "refine"),
        ({"refine": 1.5}, "refine"),
        ({"seed": "x"}, "seed"),
        ({"noise": math.nan}, "noise"),
        ({"beta_l": "one"}, "beta_l"),
    ],
)
def test_working_point_bad_input(kwargs, name):
    args = {"beta_l": 0.0, "i_bias": [2.4], "flux": [0.1, 0.2, 0.3]} | kwargs
    with pytest.raises(ParameterError) as err:
        optimal_working_point(**args)
    assert err.value.argument == name


def test_plot_and_transfer_bad_input():
    flux = np.linspace(0, 1, 5)
    with pytest.raises(ParameterError) as err:
        plot_squid((flux, flux[:3]))
    assert err.value.argument == "ic"
    with pytest.raises(ParameterError) as err:
        plot_squid(42)
    assert err.value.argument == "ic"
    with pytest.raises(ParameterError) as err:
        plot_squid((flux, flux), axes=["not an axes"])
    assert err.value.argument == "axes"
    with pytest.raises(ParameterError) as err:
        plot_squid((flux, flux), title=3)
    assert err.value.argument == "title"
    with pytest.raises(ParameterError) as err:
        plot_squid(None, vphi="dataset")
    assert err.value.argument == "vphi"
    with pytest.raises(ParameterError) as err:
        transfer_function({"v": flux})
    assert err.value.argument == "ds"


# --------------------------------------------------------------------------- V(Φ)
@pytest.mark.parametrize(("alpha", "alpha_r"), [(0.0, 0.0), (0.4, -0.3)])
def test_voltage_zero_inductance_closed_form(alpha, alpha_r):
    """β_L = 0, β_c = 0: the SQUID is one overdamped junction with I_c(Φ) and the shunts in
    parallel, R̄/2 (resistance asymmetry drops out): v = (1/2) sqrt(i² - I_c(Φ)²).  One exact
    period of the adaptive Dormand-Prince run (tol = 1e-10): largest error measured 1.5e-9."""
    flux = np.linspace(-0.5, 1.0, 31)
    bias = np.linspace(0.0, 3.0, 61)
    ds = squid_voltage(flux, bias, beta_l=0.0, asymmetry=alpha, resistance_asymmetry=alpha_r)
    ic = 2 * np.sqrt(np.cos(np.pi * flux) ** 2 + alpha**2 * np.sin(np.pi * flux) ** 2)
    i, icg = np.meshgrid(bias, ic, indexing="ij")
    closed = 0.5 * np.sqrt(np.clip(i**2 - icg**2, 0, None))
    v = ds.v.transpose("i_bias", "flux").values
    running = i > icg + 1e-3
    assert np.max(np.abs(v[running] - closed[running])) <= 1e-8
    assert np.all(v[i < icg - 1e-3] == 0.0)


def _reference_voltage(f, i, beta_l, beta_c, alpha=0.0, alpha_r=0.0, alpha_c=0.0):
    """SciPy DOP853 (rtol = atol = 1e-12) of the two-junction equations, written out here;
    the voltage from whole periods between crossings of ψ = (φ1 + φ2)/2 = 0 (mod 2π)."""
    a1, a2 = 1 + alpha, 1 - alpha
    g1, g2 = 1 + alpha_r, 1 - alpha_r
    m1, m2 = beta_c * (1 + alpha_c), beta_c * (1 - alpha_c)
    lam = 1 / (np.pi * beta_l)

    def rhs(t, y):
        j = lam * (2 * np.pi * f - y[0] + y[1])
        f1 = i / 2 + j - a1 * np.sin(y[0])
        f2 = i / 2 - j - a2 * np.sin(y[1])
        if beta_c == 0:
            return [f1 / g1, f2 / g2]
        return [y[2], y[3], (f1 - g1 * y[2]) / m1, (f2 - g2 * y[3]) / m2]

    def section(t, y):
        return np.sin((y[0] + y[1]) / 4)  # sin(ψ/2): zero at ψ = 2πk

    y0 = [0.0, -2 * np.pi * f] + ([0.0, 0.0] if beta_c > 0 else [])
    opts = {"method": "DOP853", "rtol": 1e-12, "atol": 1e-12}
    y = integrate.solve_ivp(rhs, (0, 300), y0, **opts).y[:, -1]
    sol = integrate.solve_ivp(rhs, (0, 1500), y, events=section, **opts)
    te = sol.t_events[0]
    assert te.size >= 3
    return 2 * np.pi * (te.size - 1) / (te[-1] - te[0])


@pytest.mark.parametrize(
    ("f", "i", "beta_l", "beta_c", "alpha", "alpha_r", "alpha_c"),
    [
        (0.25, 2.2, 1.0, 0.0, 0.0, 0.0, 0.0),
        (0.3, 2.1, 2.0, 0.0, 0.2, 0.1, 0.0),
        (0.4, 1.9, 1.0, 0.8, 0.3, -0.2, 0.2),
    ],
)
def test_voltage_against_scipy(f, i, beta_l, beta_c, alpha, alpha_r, alpha_c):
    ds = squid_voltage(
        [f], [i], beta_l=beta_l, beta_c=beta_c, asymmetry=alpha,
        resistance_asymmetry=alpha_r, capacitance_asymmetry=alpha_c,
    )  # fmt: skip
    assert int(ds.state.item()) == sk.RUNNING
    ref = _reference_voltage(f, i, beta_l, beta_c, alpha, alpha_r, alpha_c)
    assert abs(ds.v.item() - ref) <= 1e-9  # measured <= 2.7e-11 (both at tol ~1e-10..1e-12)


def test_voltage_periodic_and_even():
    """Identical junctions: V(Φ) = V(-Φ) = V(Φ + Φ0) (swap of the junctions; fluxoid shift)."""
    flux = np.linspace(-0.45, 0.45, 19)
    bias = np.array([1.2, 1.7, 2.2])
    kw = {"beta_l": 1.0, "beta_c": 0.3}
    v = squid_voltage(flux, bias, **kw).v.values
    v_shift = squid_voltage(flux + 1.0, bias, **kw).v.values
    assert np.max(np.abs(v - v[:, ::-1])) <= 1e-8
    assert np.max(np.abs(v - v_shift)) <= 1e-8
    assert np.ptp(v[-1]) > 0.05  # and it does depend on the flux


def test_switching_matches_static_critical_current():
    """Up-sweep at fixed flux: V = 0 up to I_c(Φ) of the static solver, running just above."""
    flux = np.array([0.0, 0.1, 0.2, 0.3, 0.4, 0.45])
    step = 0.01
    bias = np.round(np.arange(0.8, 2.2 + step / 2, step), 12)
    for kw in ({"beta_l": 1.0}, {"beta_l": 1.0, "beta_c": 0.5, "asymmetry": 0.3}):
        ds = squid_voltage(flux, bias, **kw)
        ic = squid_critical_current(flux, beta_l=kw["beta_l"], asymmetry=kw.get("asymmetry", 0.0))
        v = ds.v.transpose("flux", "i_bias").values
        switch = bias[np.argmax(v > 0, axis=1)]
        assert np.all(switch - ic > 0) and np.all(switch - ic <= step + 1e-12)


def test_zero_inductance_is_the_limit_of_the_loop():
    """The holonomic β_L = 0 dynamics is the limit of the loop equations.  For identical
    overdamped junctions the first order vanishes: slaving the circulating current,
    j = sin πΦ cos ψ + O(β_L), gives ψ' = i/2 - cos πΦ sin ψ - (πβ_L/4) sin² πΦ sin 2ψ, and the
    period integral of sin 2ψ/(i/2 - cos πΦ sin ψ)² vanishes (odd under ψ -> π - ψ), so
    v(β_L) - v(0) = O(β_L²): halving β_L divides the difference by 4."""
    flux = np.array([0.1, 0.3])
    bias = np.array([2.2, 2.6])
    v0 = squid_voltage(flux, bias, beta_l=0.0).v.values
    d1 = np.abs(squid_voltage(flux, bias, beta_l=0.02).v.values - v0)
    d2 = np.abs(squid_voltage(flux, bias, beta_l=0.01).v.values - v0)
    assert np.all(d1 < 1e-3)
    ratio = d1 / d2
    assert np.all((ratio > 3.6) & (ratio < 4.4))


def test_transfer_function_closed_form():
    """β_L = 0, β_c = 0, i > 2: ∂v/∂Φ = π sin 2πΦ / sqrt(i² - 4 cos² πΦ)."""
    flux = np.linspace(0.0, 0.5, 101)
    bias = np.array([2.2, 3.0])
    ds = transfer_function(squid_voltage(flux, bias, beta_l=0.0))
    i, f = np.meshgrid(bias, flux, indexing="ij")
    closed = np.pi * np.sin(2 * np.pi * f) / np.sqrt(i**2 - 4 * np.cos(np.pi * f) ** 2)
    err = np.abs(ds.transfer.transpose("i_bias", "flux").values - closed)
    assert np.max(err / np.max(np.abs(closed))) <= 2e-3  # second-order differences, h = 0.005


def test_optimal_working_point_noise_free():
    """At one bias above I_c,max the optimum flux is the maximiser of the closed-form
    transfer function (found here by scipy on the formula); below it the optimum sits at
    the onset, where the noise-free transfer diverges, and is flagged."""
    i = 2.4
    res = optimize.minimize_scalar(
        lambda f: -np.pi * np.sin(2 * np.pi * f) / np.sqrt(i**2 - 4 * np.cos(np.pi * f) ** 2),
        bounds=(0.0, 0.5),
        method="bounded",
        options={"xatol": 1e-10},
    )
    ds = optimal_working_point(beta_l=0.0, i_bias=[i], refine=2)
    cell = (0.5 / 32) / 16  # two zooms of 4
    assert abs(ds.flux_opt.item() - res.x) <= cell
    assert abs(ds.transfer_opt.item() + res.fun) <= 1e-3 * abs(res.fun)
    assert ds.attrs["at_onset"] == 0
    with pytest.warns(RuntimeWarning, match="onset"):
        low = optimal_working_point(beta_l=1.0, i_bias=np.linspace(1.2, 2.4, 7), refine=0)
    assert low.attrs["at_onset"] == 1


# --------------------------------------------------------------------------- thermal noise
def test_noise_zero_inductance_ivanchenko_zilberman():
    """β_L = 0, β_c = 0 with noise: an overdamped junction with I_c(Φ) = 2Ī_c cos πΦ, shunt
    R̄/2 and the same temperature, Γ_SQUID = 2ek_BT/ħI_c(Φ) = Γ/(2 cos πΦ), so
    v = cos πΦ · v_IZ(i/(2 cos πΦ), Γ/(2 cos πΦ)) (Ivanchenko-Zil'berman)."""
    gamma = 0.05
    flux = np.array([0.0, 0.25])
    bias = np.array([1.0, 1.5, 2.0])
    ds = squid_voltage(
        flux, bias, beta_l=0.0, noise=gamma, seed=11,
        method=Langevin(transient=50.0, duration=600.0, realizations=8),
    )  # fmt: skip
    for k, f in enumerate(flux):
        c = np.cos(np.pi * f)
        ref = c * ivanchenko_zilberman_voltage(bias / (2 * c), gamma / (2 * c), method="integral")
        v = ds.v.isel(flux=k).values
        se = ds.v_stderr.isel(flux=k).values
        assert np.all(np.abs(v - ref) <= 4 * se + 2e-3)


@pytest.mark.parametrize("beta_c", [0.0, 1.0])
def test_noise_loop_equilibrium(beta_c):
    """Fluctuation-dissipation check of the per-junction shunt noise in the loop equations:
    at zero bias the stationary state is Boltzmann, p ∝ exp(-U/Γ) with
    U = -(1+α) cos φ1 - (1-α) cos φ2 + (φ1 - φ2 - 2πΦ)²/(2πβ_L), and ⟨u_k²⟩ = Γ/m_k."""
    gamma, beta_l, f, alpha, alpha_r, alpha_c = 0.4, 1.0, 0.3, 0.2, 0.3, 0.25
    n_chain, dt = 4000, 0.01
    mode = sk.LOOP if beta_c == 0 else sk.LOOP_INERTIAL
    q = np.array(
        [0.0, 0.0, 1 + alpha, 1 - alpha, 1 + alpha_r, 1 - alpha_r,
         beta_c * (1 + alpha_c), beta_c * (1 - alpha_c), 1 / (np.pi * beta_l), beta_c]
    )  # fmt: skip
    y = np.zeros((n_chain, 4))
    y[:, 1] = -2 * np.pi * f
    fn, cp = Sinusoidal().compiled()
    rng = np.random.default_rng(5)
    for _ in range(8):  # 8 x 500 steps = 40 time units >> relaxation times
        normals = rng.standard_normal((n_chain, 500, 2))
        sk.langevin_run(
            fn, cp, fn, cp, mode, q, np.full(n_chain, f), np.arange(n_chain), y, dt, gamma,
            normals, 0,
        )  # fmt: skip
    # Boltzmann averages on a grid: x = φ1 - φ2 (unbounded), φ1 periodic
    x = np.linspace(2 * np.pi * f - 12, 2 * np.pi * f + 12, 1201)
    p1 = np.linspace(0, 2 * np.pi, 400, endpoint=False)
    xx, pp = np.meshgrid(x, p1, indexing="ij")
    u = -(1 + alpha) * np.cos(pp) - (1 - alpha) * np.cos(pp - xx)
    u += (xx - 2 * np.pi * f) ** 2 / (2 * np.pi * beta_l)
    w = np.exp(-(u - u.min()) / gamma)
    w /= w.sum()
    expect_cos1 = np.sum(w * np.cos(pp))
    expect_j = np.sum(w * (2 * np.pi * f - xx)) / (np.pi * beta_l)
    cos1 = np.cos(y[:, 0])
    j = (2 * np.pi * f - y[:, 0] + y[:, 1]) / (np.pi * beta_l)
    se = 1 / np.sqrt(n_chain)
    assert abs(cos1.mean() - expect_cos1) <= 4 * cos1.std() * se
    assert abs(j.mean() - expect_j) <= 4 * j.std() * se
    if beta_c > 0:
        for k, m in ((2, q[6]), (3, q[7])):
            var = np.mean(y[:, k] ** 2)
            assert abs(var - gamma / m) <= 4 * math.sqrt(2) * (gamma / m) * se


# --------------------------------------------------------------------------- output
def test_datasets_and_plot():
    import matplotlib

    matplotlib.use("Agg")
    branches = squid_critical_current_branches(np.linspace(-1, 1, 41), beta_l=1.0)
    vphi = squid_voltage(np.linspace(-1, 1, 21), [1.8, 2.2], beta_l=1.0)
    for ds in (branches, vphi):
        assert "computation" in ds.attrs and "model" in ds.attrs
        for name in list(ds.data_vars) + list(ds.coords):
            if name != "state":
                assert "units" in ds[name].attrs and "long_name" in ds[name].attrs
    axes = plot_squid(branches, vphi)
    assert len(axes) == 2
    assert "Φ0" in axes[0].get_xlabel() and "Ī_c" in axes[0].get_ylabel()
    assert "Ī_c R̄" in axes[1].get_ylabel()
    ax = plot_squid((branches.flux.values, branches.i_c_max.values))
    assert len(ax) == 1
