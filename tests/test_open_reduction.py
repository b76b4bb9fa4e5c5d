"""Eqs. 28-46: the moment equations with the mean-field charging energy are the engine
equations (eq. 45) in the document's dimensionless units."""

import numpy as np
import pytest
from scipy import constants as sc
from scipy.integrate import solve_ivp

from josephson.errors import ParameterError
from josephson.open_system import analytic as A
from josephson.open_system import dynamics as D
from josephson.open_system import reduction as R


@pytest.mark.parametrize(("alpha", "i_tot"), [(4.0, 8.0), (0.8, 3.0), (10.0, 25.0)])
def test_mean_field_moments_are_the_engine_equations(alpha, i_tot):
    """Integrate eqs. 31-32 in SI time with U = κn, convert with eq. 44 and compare with an
    independent integration of eq. 45 from the converted initial state."""
    gamma, cap = 2e11, 1e-15
    sc_ = R.EngineScales(gamma=gamma, tunneling=np.sqrt(alpha) * gamma, capacitance=cap)
    assert sc_.alpha == pytest.approx(alpha, rel=1e-14)
    v0 = A.fixed_points(i_tot, alpha)[0]
    start = np.array([float(x) for x in A.fixed_point(v0, alpha)]) + np.array([0.3, -0.5, 0.2])
    n0, z0, n_bar = R.from_engine(*start, i_tot, sc_)
    taus = np.linspace(0.0, 30.0, 61)
    sol = solve_ivp(
        R.mean_field_rhs, (0.0, taus[-1] / gamma), [float(n0), z0.real, z0.imag],
        t_eval=taus / gamma, args=(float(n_bar), sc_), method="DOP853", rtol=1e-12, atol=1e-14,
    )  # fmt: skip
    v, ij, i_s, i0 = R.to_engine(sol.y[0], sol.y[1] + 1j * sol.y[2], n_bar, sc_)
    assert float(i0) == pytest.approx(i_tot, rel=1e-14)
    ds = D.integrate(alpha, i_tot, taus[-1], initial=start, samples=taus.size,
                     integrator=D.Integrator(rtol=1e-12, atol=1e-14))  # fmt: skip
    scale = max(1.0, float(np.max(np.abs(ds.i_s))))
    for ours, theirs in ((v, ds.v), (ij, ds.i_j), (i_s, ds.i_s)):
        assert np.max(np.abs(ours - theirs.values)) < 1e-8 * scale


def test_scales_and_round_trip():
    """Ṽ = ħ/2eRC and Ĩ = Ṽ/R (eq. 43) from γ = 1/RC; v = -U/γ; the map is invertible; the
    weak-damping I_c tends to ħCK²/e (eq. 57)."""
    r, c, k = 20.0, 5e-13, 4e12
    s = R.EngineScales.from_circuit(resistance=r, capacitance=c, tunneling=k)
    assert s.voltage_unit == pytest.approx(sc.hbar / (2 * sc.e * r * c), rel=1e-14)
    assert s.current_unit == pytest.approx(s.voltage_unit / r, rel=1e-14)
    assert s.alpha == pytest.approx((k * r * c) ** 2, rel=1e-14)
    n, z, nb = 12.5, 0.3 - 2.0j, -40.0
    v, ij, i_s, it = R.to_engine(n, z, nb, s)
    assert float(v) == pytest.approx(-s.kappa * n / s.gamma, rel=1e-14)
    # v Ṽ is the voltage -en/C of eq. 33
    assert float(v) * s.voltage_unit == pytest.approx(-sc.e * n / c, rel=1e-13)
    back = R.from_engine(v, ij, i_s, it, s)
    assert np.allclose([back[0], back[1], back[2]], [n, z, nb], rtol=1e-14)
    assert s.critical_current / (sc.hbar * c * k**2 / sc.e) == pytest.approx(1.0, rel=2 / s.alpha)


def test_bad_scales():
    with pytest.raises(ParameterError, match="capacitance"):
        R.EngineScales(gamma=1.0, tunneling=1.0, capacitance=-1.0)
    with pytest.raises(ParameterError, match="gamma"):
        R.EngineScales(gamma=0.0, tunneling=1.0, capacitance=1.0)
