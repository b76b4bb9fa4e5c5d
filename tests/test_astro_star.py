"""Neutron-star arrays and spin-down (document 000, eqs. 18, 28; issue 12): hand-computed values."""

import math

import pytest

from josephson.astro import (
    KAPPA_NEUTRON,
    NeutronStar,
    creep_velocity,
    crossing_frequency,
    dipole_field,
    flux_tube_density,
    spacing,
    spin_down,
    vortex_density,
)
from josephson.errors import ParameterError

# constants written out (CODATA; cgs): h, m_n, c, e
H, M_N, C, E = 6.62607015e-27, 1.67492750e-24, 2.99792458e10, 4.80320471e-10


def test_vortex_density_is_two_omega_over_kappa():
    kappa = H / (2 * M_N)  # 1.978e-3 cm^2/s
    assert KAPPA_NEUTRON == pytest.approx(kappa, rel=1e-8)
    assert vortex_density(100.0) == pytest.approx(200.0 / kappa, rel=1e-8)  # 1.01e5 cm^-2
    assert spacing(vortex_density(100.0)) == pytest.approx(math.sqrt(kappa / 200.0), rel=1e-8)


def test_flux_tube_density_is_b_over_phi0():
    phi0 = H * C / (2 * E)  # 2.068e-7 G cm^2
    assert flux_tube_density(1e13) == pytest.approx(1e13 / phi0, rel=1e-8)  # 4.8e19 cm^-2
    assert spacing(flux_tube_density(1e13)) == pytest.approx(math.sqrt(phi0 / 1e13), rel=1e-8)


def test_spin_down_and_creep_velocity():
    omega, omega_dot, tau = spin_down(0.089, 1.25e-13)
    assert omega == pytest.approx(2 * math.pi / 0.089)
    assert tau == pytest.approx(omega / abs(omega_dot), rel=1e-14)
    # eq. 18: v = -(Ω̇/2Ω) r
    assert creep_velocity(1e6, tau) == pytest.approx(-omega_dot / (2 * omega) * 1e6, rel=1e-14)


def test_crossing_frequencies_eqs_21_and_29():
    """ω = v_Lr/d: with v = R/2τ and d = n^(-1/2), ω = R √n/(2τ); flux tubes cross
    √(n_p/n_v) times faster than vortices."""
    star = NeutronStar(period=0.089, pdot=1.25e-13)
    n_v, n_p = vortex_density(star.omega), flux_tube_density(star.magnetic_field)
    w_v = crossing_frequency(star.radius, star.lifetime, n_v)
    w_p = crossing_frequency(star.radius, star.lifetime, n_p)
    assert w_v == pytest.approx(star.radius * math.sqrt(n_v) / (2 * star.lifetime), rel=1e-14)
    assert w_p / w_v == pytest.approx(math.sqrt(n_p / n_v), rel=1e-14)
    # hand value for Vela: v = 1e6/(2 × 7.12e11 s) = 7.0e-7 cm/s, d_n = 3.7e-3 cm
    kappa = H / (2 * M_N)
    d_n = math.sqrt(kappa / (2 * 2 * math.pi / 0.089))
    assert w_v == pytest.approx(1e6 / (2 * 0.089 / 1.25e-13) / d_n, rel=1e-8)


def test_vela_dipole_field_and_age():
    star = NeutronStar(period=0.089, pdot=1.25e-13)
    # catalogue: B ≈ 3.4e12 G, characteristic age P/2Ṗ ≈ 11 kyr
    assert star.magnetic_field == pytest.approx(3.2e19 * math.sqrt(0.089 * 1.25e-13), rel=1e-14)
    assert 3.3e12 < star.magnetic_field < 3.5e12
    assert star.lifetime / 2 / (365.25 * 86400) == pytest.approx(11.28e3, rel=1e-3)
    s = NeutronStar(radius=1.2e6, period=2 * math.pi / 100, pdot=1e-13, field=2e13).scalings
    assert (s["R6"], s["omega100"], s["B13"]) == pytest.approx((1.2, 1.0, 2.0))
    assert dipole_field(1.0, 1e-15) == pytest.approx(3.2e19 * math.sqrt(1e-15))


@pytest.mark.parametrize(
    ("make", "argument"),
    [
        (lambda: NeutronStar(radius=-1.0, period=1.0, pdot=1e-15), "radius"),
        (lambda: NeutronStar(period=0.0, pdot=1e-15), "period"),
        (lambda: NeutronStar(period=1.0, pdot=-1e-15), "pdot"),
        (lambda: NeutronStar(period=1.0, pdot=1e-15, field=0.0), "field"),
        (lambda: vortex_density(-1.0), "omega"),
        (lambda: creep_velocity(1e6, 0.0), "lifetime"),
    ],
)
def test_bad_input(make, argument):
    with pytest.raises(ParameterError) as err:
        make()
    assert err.value.argument == argument
