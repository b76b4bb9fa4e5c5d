"""Photon cooling of a neutron star and its balance against heating (josephson.astro.thermal).

Reference values are computed by hand from constants written out here (CODATA 2018, cgs), never
copied from the module's output.
"""

import math

import numpy as np
import pytest

from josephson.astro.analytic import YEAR
from josephson.astro.thermal import (
    balance_age,
    balance_temperature,
    cooling_age,
    cooling_luminosity,
    evolve,
    heat_capacity,
    interior_temperature,
    photon_luminosity,
    surface_gravity,
    surface_temperature,
)
from josephson.errors import ParameterError

G = 6.67430e-8  # cm^3 g^-1 s^-2
C = 2.99792458e10  # cm/s
K_B, H_PLANCK = 1.380649e-16, 6.62607015e-27  # erg/K, erg s (exact in the 2019 SI)
# sigma = pi^2 k^4 / (60 hbar^3 c^2) = 5.670374419...e-5 erg cm^-2 s^-1 K^-4
SIGMA = math.pi**2 * K_B**4 / (60 * (H_PLANCK / (2 * math.pi)) ** 3 * C**2)
MSUN = 1.98841e33  # g


def _g_hand(mass=1.4, radius=1e6):
    gm = G * mass * MSUN
    return gm / radius**2 / math.sqrt(1 - 2 * gm / (radius * C**2))


def test_stefan_boltzmann_by_hand():
    # 4 pi (10 km)^2 sigma (10^6 K)^4 = 4 pi 1e12 * 5.670374419e-5 * 1e24
    assert SIGMA == pytest.approx(5.670374419e-5, rel=1e-9)
    assert photon_luminosity(1e6, 1e6) == pytest.approx(4 * math.pi * SIGMA * 1e36, rel=1e-12)
    assert photon_luminosity(2e6, 2e6) == pytest.approx(64 * photon_luminosity(1e6, 1e6))


def test_surface_gravity_of_canonical_star():
    g = surface_gravity(1.4, 1e6)
    assert g == pytest.approx(_g_hand(), rel=1e-9)
    # GR enhancement over GM/R^2: 1/sqrt(1 - r_s/R) with r_s ~ 4.13 km
    assert g / (G * 1.4 * MSUN / 1e12) == pytest.approx(1 / math.sqrt(1 - 4.1346e5 / 1e6), rel=1e-4)
    assert surface_gravity() == g


def test_gpe_relation_and_inverse():
    g = _g_hand()
    expected = 0.87e6 * (g / 1e14) ** 0.25 * 3.0**0.55
    assert surface_temperature(3e8) == pytest.approx(expected, rel=1e-12)
    assert surface_temperature(1e8, gravity=1e14) == pytest.approx(0.87e6, rel=1e-14)
    t_b = np.geomspace(1e5, 1e9, 17)
    for grav in (None, 1e14, 3.7e14):
        back = interior_temperature(surface_temperature(t_b, grav), grav)
        np.testing.assert_allclose(back, t_b, rtol=1e-12)


def test_balance_temperature_closes_the_energy_budget():
    for heating in (2e28, 3e7, 1e32):
        bal = balance_temperature(heating)
        assert photon_luminosity(bal["t_surface"]) == pytest.approx(heating, rel=1e-12)
        assert surface_temperature(bal["t_interior"]) == pytest.approx(bal["t_surface"], rel=1e-12)
        assert bal["photon_era"] is True
    # T_s = (H / 4 pi R^2 sigma)^(1/4) by hand
    hand = (2e28 / (4 * math.pi * 1e12 * SIGMA)) ** 0.25
    assert balance_temperature(2e28)["t_surface"] == pytest.approx(hand, rel=1e-9)
    assert balance_temperature(1e36)["photon_era"] is False


def test_balance_scaling_exponents():
    heating = np.geomspace(1e20, 1e32, 13)
    bal = balance_temperature(heating, radius=1.2e6, gravity=1.9e14)
    slope_s = np.polyfit(np.log(heating), np.log(bal["t_surface"]), 1)[0]
    slope_b = np.polyfit(np.log(heating), np.log(bal["t_interior"]), 1)[0]
    assert slope_s == pytest.approx(0.25, abs=1e-9)
    assert slope_b == pytest.approx(1 / 2.2, abs=1e-9)


def test_cooling_age_closed_form():
    # dT/dt = -a T^1.2, a = A 1e9 / (c0 1e8^2.2), A = 4 pi R^2 sigma (0.87e6 g14^1/4)^4
    amp = 4 * math.pi * 1e12 * SIGMA * 0.87e6**4 * _g_hand() / 1e14
    a = amp * 1e9 / (1e39 * 1e8**2.2)
    expected = 5 * (1e7**-0.2 - 1e8**-0.2) / a
    assert cooling_age(1e7, 1e8) == pytest.approx(expected, rel=1e-10)
    assert cooling_age(1e7, math.inf) == pytest.approx(5 * 1e7**-0.2 / a, rel=1e-10)
    assert cooling_age(1e8, 1e8) == 0.0
    # time scales as 1/a, i.e. linearly in c0
    assert cooling_age(1e7, c0=3e39) == pytest.approx(3 * cooling_age(1e7), rel=1e-12)
    # the track's L at age 0 is L(t_start); cooling_luminosity inverts cooling_age
    assert cooling_luminosity(0.0) == pytest.approx(amp, rel=1e-12)
    t_b = np.geomspace(1e5, 9e7, 9)
    lum = cooling_luminosity(cooling_age(t_b))
    np.testing.assert_allclose(lum, photon_luminosity(surface_temperature(t_b)), rtol=1e-10)
    # power law of the t_start -> infinity limit: L ∝ t^(-11)
    ages = np.array([1e12, 1e14])
    lum_inf = cooling_luminosity(ages, math.inf)
    assert np.log(lum_inf[1] / lum_inf[0]) / np.log(100) == pytest.approx(-11, rel=1e-9)


def test_heat_capacity_is_linear():
    assert heat_capacity(1e9) == pytest.approx(1e39)
    assert heat_capacity(2e8, c0=5e38) == pytest.approx(1e38)


def test_unheated_evolution_follows_the_analytic_track():
    ages = np.concatenate([[0.0], np.geomspace(1e7, 1e15, 60)])
    for method in ("LSODA", "Radau"):
        run = evolve(0.0, 1e8, ages[-1], times=ages, method=method)
        track = cooling_luminosity(ages, 1e8)
        np.testing.assert_allclose(run["luminosity"], track, rtol=1e-6)
        expected_tb = 1e8 * (track / cooling_luminosity(0.0)) ** (1 / 2.2)
        np.testing.assert_allclose(run["t_interior"], expected_tb, rtol=1e-6)


@pytest.mark.parametrize("t_start", [1e8, 1e5])  # from above and from below the balance
def test_heated_evolution_approaches_balance(t_start):
    heating = 2e28
    t_bal = balance_temperature(heating)["t_interior"]
    # relaxation time near balance: C / (dL/dT) = C T / (2.2 H)
    tau = heat_capacity(t_bal) * t_bal / (2.2 * heating)
    t_end = balance_age(heating)["age"] + 60 * tau
    run = evolve(heating, t_start, t_end)
    assert run["t_interior"][-1] == pytest.approx(t_bal, rel=1e-8)
    assert run["luminosity"][-1] == pytest.approx(heating, rel=1e-7)
    # monotonic approach (up to the solver's jitter at balance)
    steps = np.diff(run["t_interior"]) * (1 if t_start < t_bal else -1)
    assert np.all(steps >= -1e-9 * t_bal)


def test_balance_age_track_luminosity_equals_heating():
    for heating in (2e28, 1e31, 3e7):
        ba = balance_age(heating)
        assert cooling_luminosity(ba["age"]) == pytest.approx(heating, rel=1e-9)
        assert ba["age_yr"] == pytest.approx(ba["age"] / YEAR)
        assert ba["t_surface"] == pytest.approx(
            balance_temperature(heating)["t_surface"], rel=1e-10
        )
        assert ba["t_interior"] == pytest.approx(
            balance_temperature(heating)["t_interior"], rel=1e-10
        )
    # weaker heating is reached later; heavier heat capacity slows the track in proportion
    assert balance_age(1e28)["age"] > balance_age(2e28)["age"]
    assert balance_age(2e28, c0=2e39)["age"] == pytest.approx(2 * balance_age(2e28)["age"])


@pytest.mark.parametrize(
    ("call", "argument"),
    [
        (lambda: surface_gravity(mass=0.0), "mass"),
        (lambda: surface_gravity(mass=-1.4), "mass"),
        (lambda: surface_gravity(radius=0.0), "radius"),
        (lambda: surface_gravity(1.4, 3e5), "radius"),  # inside r_s = 4.13 km
        (lambda: surface_temperature(0.0), "t_interior"),
        (lambda: surface_temperature([1e8, -1.0]), "t_interior"),
        (lambda: surface_temperature(1e8, gravity=-1.0), "gravity"),
        (lambda: interior_temperature(-5.0), "t_surface"),
        (lambda: photon_luminosity(1e6, radius=-1.0), "radius"),
        (lambda: photon_luminosity(float("nan")), "t_surface"),
        (lambda: balance_temperature(-1.0), "heating"),
        (lambda: balance_temperature(0.0), "heating"),
        (lambda: balance_temperature(1e28, radius=0.0), "radius"),
        (lambda: heat_capacity(1e8, c0=0.0), "c0"),
        (lambda: cooling_age(1e7, c0=-1e39), "c0"),
        (lambda: cooling_age(2e8, 1e8), "t_interior"),
        (lambda: cooling_age(1e7, 0.0), "t_start"),
        (lambda: cooling_luminosity(-1.0), "age"),
        (lambda: cooling_luminosity(0.0, math.inf), "age"),
        (lambda: balance_age(-1.0), "heating"),
        (lambda: balance_age(1e34), "heating"),  # above L_gamma at 1e8 K
        (lambda: evolve(-1.0, 1e8, 1e10), "heating"),
        (lambda: evolve(0.0, 0.0, 1e10), "t_start"),
        (lambda: evolve(0.0, 1e8, 0.0), "t_end"),
        (lambda: evolve(0.0, 1e8, 1e10, c0=0.0), "c0"),
        (lambda: evolve(0.0, 1e8, 1e10, radius=-1.0), "radius"),
        (lambda: evolve(0.0, 1e8, 1e10, method="RK45"), "method"),
        (lambda: evolve(0.0, 1e8, 1e10, times=[0.0, 2e10]), "times"),
    ],
)
def test_bad_input_names_the_argument(call, argument):
    with pytest.raises(ParameterError) as info:
        call()
    assert info.value.argument == argument
