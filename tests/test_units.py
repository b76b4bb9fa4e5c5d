"""Constants and SI <-> dimensionless conversion."""

import math

import numpy as np
import pytest

from josephson import units
from josephson.errors import ParameterError
from josephson.units import JunctionScales


def test_exact_si_constants():
    # 2019 SI: h and e are exact, so K_J = 2e/h = 483 597.848 416 984... GHz/V exactly
    assert units.JOSEPHSON_CONSTANT == pytest.approx(483597.8484169836e9, rel=1e-15)
    assert units.FLUX_QUANTUM == pytest.approx(2.067833848461929e-15, rel=1e-15)
    assert units.VON_KLITZING_CONSTANT == pytest.approx(25812.80745930451, rel=1e-15)
    assert units.josephson_frequency(1e-3) == pytest.approx(483.5978484e9, rel=1e-9)
    assert units.josephson_voltage(units.josephson_frequency(2.5e-6)) == pytest.approx(
        2.5e-6, rel=1e-15
    )
    assert units.CODATA_RELEASE.startswith("CODATA 20")


def test_junction_scales_relations():
    s = JunctionScales(critical_current=2e-6, resistance=15.0, capacitance=0.8e-12)
    assert s.beta_c == pytest.approx((s.omega_c / s.omega_p) ** 2, rel=1e-13)
    assert s.josephson_energy == pytest.approx(units.hbar * 2e-6 / (2 * units.e))
    # noise = k_B T / E_J and back
    assert s.temperature(s.noise(4.2)) == pytest.approx(4.2, rel=1e-14)
    assert s.noise(1.0) == pytest.approx(units.k_B / s.josephson_energy)
    # a time of one Josephson period at v = 1 is 2 pi / omega_c; its frequency is f = V/Phi0
    period = s.to_time(2 * math.pi)
    assert 1 / period == pytest.approx(units.josephson_frequency(s.voltage_unit), rel=1e-13)
    back = JunctionScales.from_beta_c(critical_current=2e-6, resistance=15.0, beta_c=s.beta_c)
    assert back.capacitance == pytest.approx(0.8e-12, rel=1e-13)
    assert np.allclose(s.from_voltage(s.to_voltage([0.5, 2.0])), [0.5, 2.0])
    assert JunctionScales(critical_current=1e-6, resistance=1.0).omega_p == math.inf


@pytest.mark.parametrize(
    ("kwargs", "argument"),
    [
        ({"critical_current": -1e-6, "resistance": 1.0}, "critical_current"),
        ({"critical_current": 1e-6, "resistance": float("nan")}, "resistance"),
        ({"critical_current": 1e-6, "resistance": 1.0, "capacitance": -1e-12}, "capacitance"),
    ],
)
def test_junction_scales_rejects_bad_input(kwargs, argument):
    with pytest.raises(ParameterError) as info:
        JunctionScales(**kwargs)
    assert info.value.argument == argument


def test_negative_temperature_rejected():
    with pytest.raises(ParameterError, match="temperature"):
        JunctionScales(critical_current=1e-6, resistance=1.0).noise(-1.0)
