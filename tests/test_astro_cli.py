"""``josephson star``: the report, the parameter table, the P–Ṗ map, and bad input as one line
with exit status 2."""

import pytest
import xarray as xr

from josephson.astro import INTERFACE_PARAMETERS, PULSARS, NeutronStar, radiated_power
from josephson.cli import main


def _value(text, key):
    for line in text.splitlines():
        if line.split() and line.split()[0] == key:
            return float(line.split()[1])
    raise AssertionError(f"{key} not printed")


def test_pulsar_report_prints_the_library_numbers(capsys):
    assert main(["star", "--pulsar", "Vela"]) == 0
    text = capsys.readouterr().out
    star = NeutronStar.pulsar("Vela")
    for key, source in (("power_vortex", "vortex"), ("power_flux_tube", "flux_tube")):
        assert _value(text, key) == pytest.approx(radiated_power(star, source), rel=1e-3)
    for key in ("d_n", "d_p", "tubes_per_vortex", "omega_V", "omega_p", "power_ohmic",
                "t_surface_balance", "age_balance"):  # fmt: skip
        assert _value(text, key) > 0


def test_period_and_pdot_give_the_same_star(capsys):
    vela = PULSARS["Vela"]
    assert main(["star", "--period", repr(vela.period), "--pdot", repr(vela.pdot)]) == 0
    by_numbers = capsys.readouterr().out
    assert main(["star", "--pulsar", "vela"]) == 0
    by_name = capsys.readouterr().out
    assert _value(by_numbers, "power_flux_tube") == _value(by_name, "power_flux_tube")


def test_conventions_flag_swaps_the_two_power_rows(capsys):
    assert main(["star", "--pulsar", "Geminga"]) == 0
    doc = capsys.readouterr().out
    assert main(["star", "--pulsar", "Geminga", "--conventions", "consistent"]) == 0
    fixed = capsys.readouterr().out
    assert _value(doc, "power_flux_tube_consistent") == _value(fixed, "power_flux_tube")
    assert _value(fixed, "power_vortex_document") == _value(doc, "power_vortex")


def test_explain_prints_every_input_with_its_source(capsys):
    assert main(["star", "--explain"]) == 0
    text = capsys.readouterr().out
    for name in INTERFACE_PARAMETERS:
        assert name in text
    assert "Douchin" in text and "R6 = R/1e6 cm" in text


def test_list_and_map(tmp_path, capsys):
    assert main(["star", "--list"]) == 0
    text = capsys.readouterr().out
    assert all(name in text for name in PULSARS)
    out, png = tmp_path / "m.nc", tmp_path / "m.png"
    assert main(["star", "--pulsar", "Crab", "--out", str(out), "--png", str(png)]) == 0
    ds = xr.load_dataset(out)
    assert ds["power_flux_tube"].attrs["units"] == "erg s^-1"
    assert set(ds.dims) == {"period", "pdot"}
    assert png.read_bytes()[:4] == b"\x89PNG"


@pytest.mark.parametrize(
    "argv, word",
    [(["--pulsar", "Foo"], "Vela"),
     (["--period", "-1", "--pdot", "1e-13"], "period"),
     (["--period", "1", "--pdot=-1e-13"], "pdot"),
     (["--period", "1", "--pdot", "-1e-13"], "spin-down"),
     (["--period", "1"], "pdot"),
     (["--pulsar", "Vela", "--period", "1"], "pulsar"),
     (["--pulsar", "Vela", "--field", "0"], "field"),
     (["--pulsar", "Vela", "--radius", "-5"], "radius"),
     (["--pulsar", "Vela", "--zeta-n", "0"], "zeta_n"),
     (["--pulsar", "Vela", "--density", "3"], "density"),
     (["--pulsar", "Vela", "--proton-fraction", "0.9"], "proton_fraction"),
     (["--pulsar", "Vela", "--out", "x.txt"], "out"),
     (["--pulsar", "Vela", "--conventions", "mine"], "conventions"),
     ([], "pulsar")],
)  # fmt: skip
def test_bad_input_is_one_line_and_exit_2(argv, word, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["star", *argv]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and word in err
    assert list(tmp_path.iterdir()) == []
