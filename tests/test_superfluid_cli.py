"""``josephson superfluid entrainment|interface|necklace``: outputs that say the physics, files
written whole, bad input as one line with exit status 2."""

import math

import numpy as np
import pytest
import xarray as xr

from josephson.cli import main


def test_entrainment_writes_a_galilean_dataset(tmp_path, capsys):
    out, png = tmp_path / "e.nc", tmp_path / "e.png"
    argv = ["superfluid", "entrainment", "--functional", "BSk17", "--density", "0.1:0.3:3",
            "--out", str(out), "--png", str(png)]  # fmt: skip
    assert main(argv) == 0
    text = capsys.readouterr().out
    assert "BSk17" in text and "Galilean invariance" in text
    ds = xr.load_dataset(out)
    assert ds.sizes["density"] == 3 and float(ds["galilean_defect"]) < 1e-13
    np.testing.assert_allclose(ds["rho_nn"] + ds["rho_np"], ds["rho_n"], rtol=1e-13)
    assert png.read_bytes()[:4] == b"\x89PNG"


def test_interface_prints_the_gl_cpr_beside_eqs_15_16(tmp_path, capsys):
    out = tmp_path / "i.nc"
    argv = ["superfluid", "interface", "--zeta", "100", "--single", "--delta-theta",
            "0:3.141592653589793:5", "--out", str(out)]  # fmt: skip
    assert main(argv) == 0
    ds = xr.load_dataset(out)
    j = ds["phase_current"].sel(component="n").values
    # tunnelling limit: J = sin Δθ/ζ up to the 1/ζ² second harmonic
    phase = ds["delta_theta"].values
    assert np.max(np.abs(j - np.sin(phase) / 100)) < 1.5 / 100**2
    assert "sine deviation" in capsys.readouterr().out


def test_interface_transparent_barrier_reports_missing_states(capsys):
    argv = ["superfluid", "interface", "--zeta", "1", "--single", "--delta-theta",
            "0:3.141592653589793:9"]  # fmt: skip
    assert main(argv) == 0
    assert "no stationary state" in capsys.readouterr().out


def test_necklace_single_run_keeps_a_small_winding(tmp_path, capsys):
    out = tmp_path / "n.nc"
    argv = ["superfluid", "necklace", "--junctions", "2", "--winding", "3", "--quick",
            "--out", str(out)]  # fmt: skip
    assert main(argv) == 0
    assert "stable: final winding 3" in capsys.readouterr().out
    ds = xr.load_dataset(out)
    assert bool(ds["stable"]) and int(ds["phase_slips"]) == 0
    # below w_c the flow at the barriers stays subsonic
    assert float(ds["velocity_ratio"]) < 1 and math.isfinite(float(ds["velocity_ratio"]))


@pytest.mark.parametrize(
    ("argv", "argument"),
    [
        (["entrainment", "--proton-fraction", "1.5"], "proton_fraction"),
        (["entrainment", "--functional", "SLy5000"], "functional"),
        (["entrainment", "--density=-0.1"], "density"),
        (["interface", "--zeta=-1"], "zeta_n"),
        (["interface", "--entrainment-n", "0.5", "--entrainment-p", "0.7"], "entrainment"),
        (["necklace", "--junctions", "0"], "junctions"),
        (["necklace", "--junctions", "2", "--winding", "2.5"], "winding"),
        (["necklace", "--junctions", "1:3:3", "--winding", "2"], "junctions"),
        (["interface", "--out", "x.txt"], "out"),
    ],
)
def test_bad_input_is_one_line_exit_2(argv, argument, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["superfluid", *argv]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("josephson: error:") and argument in err
    assert not list(tmp_path.iterdir())
