"""``josephson open-system ...``: outputs and bad input (one line, exit 2, nothing written)."""

import math

import pytest
from scipy import constants as sc

from josephson.cli import main
from josephson.io import load
from josephson.open_system import analytic as A


def _run(capsys, argv):
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    "argv",
    [
        ["open-system", "iv", "--alpha", "-1"],
        ["open-system", "iv", "--alpha", "nan"],
        ["open-system", "iv", "--alpha", "2", "--v", "0:1"],
        ["open-system", "hysteresis", "--rate", "0"],
        ["open-system", "hysteresis", "--method", "Euler"],
        ["open-system", "radiation", "--quality-factor", "-5"],
        ["open-system", "radiation", "--capacitance", "0"],
        ["open-system", "radiation", "--voltage", "0"],
        ["open-system", "attractor", "--alpha", "-1", "--duration", "100"],
        ["open-system", "attractor", "--scipy", "Euler:1e-6", "--duration", "100"],
        ["open-system", "attractor", "--scipy", "BDF", "--duration", "100"],
        ["open-system", "shapiro", "--omega-f", "0", "--i-tot", "0:10:5"],
        ["open-system", "shapiro", "--i-tot", "10:0:5"],
        ["open-system", "shapiro", "--alpha", "-3", "--i-tot", "0:10:5"],
        ["open-system"],
    ],
)
def test_bad_input_exits_2_with_one_line(argv, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    extra = (
        ["--out", str(tmp_path / "o.nc")]
        if argv[-1] not in ("open-system",) and (argv[1] != "radiation")
        else []
    )
    code, _, err = _run(capsys, [*argv, *extra])
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("josephson: error: ")
    assert list(tmp_path.iterdir()) == []


def test_iv_writes_the_characteristic(capsys, tmp_path):
    out, png = tmp_path / "c.nc", tmp_path / "c.png"
    code, text, err = _run(
        capsys, ["open-system", "iv", "--alpha", "6", "--out", str(out), "--png", str(png)]
    )
    assert code == 0, err
    assert f"{float(A.critical_current(6.0)):.10g}" in text
    ds = load(out)
    assert float(ds.i_r) == pytest.approx(float(A.retrapping_current(6.0)), rel=1e-14)
    assert png.read_bytes()[:4] == b"\x89PNG"


def test_hysteresis_and_radiation_commands(capsys, tmp_path):
    png = tmp_path / "h.png"
    code, text, err = _run(
        capsys, ["open-system", "hysteresis", "--alpha", "4", "--rate", "0.04", "--png", str(png)]
    )
    assert code == 0, err
    assert "jump up" in text and png.read_bytes()[:4] == b"\x89PNG"
    code, text, err = _run(capsys, ["open-system", "radiation", "--quality-factor", "1e4"])
    assert code == 0, err
    # eq. 105 with the standard SI rate mu0 d^2 w^3 / (3 pi hbar c), d = 2 e l, w = 2 e V / hbar
    cap, volt, ell = 3e-13, 1e-3, 1e-9
    omega = 2 * sc.e * volt / sc.hbar
    gamma_e = sc.mu_0 * (2 * sc.e * ell) ** 2 * omega**3 / (3 * math.pi * sc.hbar * sc.c)
    eta = sc.hbar * cap / (2 * sc.e**2) * gamma_e
    assert f"eta_rad = {eta:.4g} with the standard" in text
    assert f"eta_rad = {4 * math.pi**2 * eta:.4g} with the document" in text
    # Purcell at L = lambda: 3Q/(4 pi^2)
    assert f"eta_cav = {eta * 3e4 / (4 * math.pi**2):.4g}" in text


def test_shapiro_command(capsys, tmp_path):
    out, png = tmp_path / "s.nc", tmp_path / "s.png"
    argv = ["open-system", "shapiro", "--alpha", "1", "--omega-f", "10", "--v-f", "15",
            "--i-tot", "0:40:41", "--out", str(out), "--png", str(png)]  # fmt: skip
    code, text, err = _run(capsys, argv)
    assert code == 0, err
    assert "k = +1" in text and png.read_bytes()[:4] == b"\x89PNG"
    ds = load(out)
    assert "step_height" in ds and ds["v"].sizes["i_tot"] == 41


def test_attractor_command_decays_with_the_converged_ladder(capsys, tmp_path):
    """The document's case with a short run: every converged integrator decays."""
    out, png = tmp_path / "a.nc", tmp_path / "a.png"
    argv = ["open-system", "attractor", "--kicks", "0.1", "--duration", "400",
            "--out", str(out), "--png", str(png)]  # fmt: skip
    code, text, err = _run(capsys, argv)
    assert code == 0, err
    assert "kick 0.1 (direction 0): decay (converged ladder)" in text
    ds = load(out)
    assert (ds["outcome"].values == "decay").all()
    assert png.read_bytes()[:4] == b"\x89PNG"
