"""``josephson bdg cpr|diode|spectrum``: the printed numbers and written files are the library's,
bad input is one line and exit 2 with nothing written.

Every run uses a 4x4 cross with 4x4 leads (BdG dimension 320) and a few phases, so a dense
computation takes a fraction of a second.
"""

import math
import re

import numpy as np
import pytest

from josephson.bdg import (
    current_phase_relation,
    diode_coefficients,
    four_terminal_diode,
    four_terminal_junction,
    single_lead_bias,
    spectrum,
)
from josephson.bdg.plots import plot_cpr, plot_diode_map, plot_spectrum
from josephson.cli import main
from josephson.errors import ParameterError
from josephson.io import load

SMALL = ["--size", "4", "--lead-size", "4"]
TWO_PI = 2 * math.pi
FLOAT = r"[-+]?(?:\d+\.?\d*(?:e[-+]?\d+)?|inf|nan)"


def _run(capsys, argv):
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def _critical_currents(text: str) -> dict[str, tuple[float, float, float]]:
    """terminal -> (I_c+, I_c-, eta) from the summary of ``bdg cpr``."""
    rows = re.findall(
        rf"^\s+([LRTB]): I_c\+ = ({FLOAT})\s+I_c- = ({FLOAT})\s+eta = ({FLOAT})", text, re.M
    )
    return {name: tuple(float(x) for x in values) for name, *values in rows}


def _figure():
    from matplotlib.figure import Figure

    return Figure()


def test_cpr_prints_and_writes_the_library_result(capsys, tmp_path):
    out, png = tmp_path / "cpr.nc", tmp_path / "cpr.png"
    argv = ["bdg", "cpr", *SMALL, "--theta", "0.3", f"--phi=-{TWO_PI!r}:{TWO_PI!r}:9",
            "--out", str(out), "--png", str(png)]  # fmt: skip
    code, text, err = _run(capsys, argv)
    assert code == 0, err
    phi = np.linspace(-TWO_PI, TWO_PI, 9)
    ref = current_phase_relation(four_terminal_junction(size=4, lead_size=4, theta=0.3), phi)
    coeffs = diode_coefficients(ref)
    printed = _critical_currents(text)
    assert sorted(printed) == ["B", "L", "R", "T"]
    for name, (i_max, i_min, eta) in printed.items():
        row = coeffs.sel(terminal=name)
        assert i_max == pytest.approx(float(row["i_max"]), rel=1e-6)  # printed to 7 digits
        assert i_min == pytest.approx(float(row["i_min"]), rel=1e-6)
        assert eta == pytest.approx(float(row["eta"]), rel=1e-5)
        assert i_max > 0 > i_min  # a CPR over a whole period changes sign
    assert "method dense (BdG dimension 320)" in text
    worst = float(re.search(rf"max \|sum of the terminal currents\| = ({FLOAT})", text)[1])
    assert worst == pytest.approx(float(np.abs(ref["current_sum"]).max()), rel=1e-3, abs=1e-18)
    assert worst < 1e-12  # gauge invariance
    ds = load(out)
    np.testing.assert_allclose(ds["current"].values, ref["current"].values, rtol=1e-10, atol=1e-16)
    np.testing.assert_array_equal(ds["phi"].values, phi)
    np.testing.assert_allclose(ds["eta"].values, coeffs["eta"].values, rtol=1e-10)
    assert ds["current"].attrs["units"] == "e t/hbar"
    assert png.read_bytes()[:4] == b"\x89PNG"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cpr.nc", "cpr.png"]

    # the figure function: two panels, longitudinal L, R and transverse T, B (+ the sum)
    fig = _figure()
    ax1, ax2 = plot_cpr(ds, axes=fig.subplots(1, 2))
    assert [line.get_label().split()[0] for line in ax1.get_lines()[:2]] == ["L", "R"]
    assert [line.get_label().split()[0] for line in ax2.get_lines()[:2]] == ["T", "B"]
    np.testing.assert_array_equal(ax1.get_lines()[0].get_ydata(), ds["current"].sel(terminal="L"))
    for ax in (ax1, ax2):
        assert "[e t/ħ]" in ax.get_ylabel() and "[rad]" in ax.get_xlabel()
    with pytest.raises(ParameterError):
        plot_cpr(ds.drop_vars("current"))


def test_cpr_single_lead_bias_greens_and_temperature(capsys, tmp_path):
    """The flags reach the library: --bias T --temperature --method greens."""
    out = tmp_path / "g.nc"
    argv = ["bdg", "cpr", *SMALL, "--phi", f"0:{TWO_PI!r}:5", "--bias", "T",
            "--temperature", "0.01", "--method", "greens", "--out", str(out)]  # fmt: skip
    code, text, err = _run(capsys, argv)
    assert code == 0, err
    phi = np.linspace(0, TWO_PI, 5)
    ref = current_phase_relation(
        four_terminal_junction(size=4, lead_size=4), phi, bias="T", temperature=0.01,
        method="greens",
    )  # fmt: skip
    coeffs = diode_coefficients(ref)
    for name, (i_max, i_min, _) in _critical_currents(text).items():
        assert i_max == pytest.approx(float(coeffs["i_max"].sel(terminal=name)), rel=1e-6)
        assert i_min == pytest.approx(float(coeffs["i_min"].sel(terminal=name)), rel=1e-6)
    assert "method greens" in text and "max quadrature error estimate" in text
    ds = load(out)
    assert ds.attrs["bias"] == "T" and ds.attrs["temperature"] == 0.01
    np.testing.assert_allclose(ds["phase"].sel(terminal="T").values, phi)
    np.testing.assert_array_equal(ds["phase"].sel(terminal=["L", "R", "B"]).values, 0.0)
    np.testing.assert_allclose(ds["current"].values, ref["current"].values, rtol=1e-9, atol=1e-15)


def _diode_table(text: str) -> dict[float, tuple[float, float, str, str]]:
    rows = re.findall(rf"^\s+({FLOAT})\s+({FLOAT})(\*?)\s+({FLOAT})(\*?)\s*$", text, re.M)
    return {float(t): (float(a), float(b), ma, mb) for t, a, ma, b, mb in rows}


def test_diode_table_equals_the_library(capsys, tmp_path):
    out, png = tmp_path / "d.nc", tmp_path / "d.png"
    theta = np.linspace(0.0, math.pi / 2, 3)
    argv = ["bdg", "diode", *SMALL, "--theta", f"0:{math.pi / 2!r}:3",
            f"--phi=-{TWO_PI!r}:{TWO_PI!r}:7", "--out", str(out), "--png", str(png)]  # fmt: skip
    code, text, err = _run(capsys, argv)
    assert code == 0, err
    assert "in-process" in text
    table = _diode_table(text)
    assert len(table) == theta.size
    phi = np.linspace(-TWO_PI, TWO_PI, 7)
    ds = load(out)
    assert ds["eta"].dims == ("theta", "terminal") and ds["theta"].attrs["units"] == "rad"
    np.testing.assert_allclose(ds["theta"].values, theta, rtol=0, atol=0)
    for th, (eta_l, eta_t, mark_l, mark_t) in zip(theta, table.values(), strict=True):
        ref = four_terminal_diode(size=4, lead_size=4, theta=float(th), phi=phi)
        for name, printed, mark in (("L", eta_l, mark_l), ("T", eta_t, mark_t)):
            exact = float(ref["eta"].sel(terminal=name))
            assert printed == pytest.approx(exact, rel=1e-5, abs=1e-9)
            assert (mark == "*") == bool(ref["unidirectional"].sel(terminal=name))
            assert float(ds["eta"].sel(theta=th, terminal=name)) == pytest.approx(exact, rel=1e-10)
    assert png.read_bytes()[:4] == b"\x89PNG"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.nc", "d.png"]

    ax = plot_diode_map(ds, ax=_figure().add_subplot())
    lines = {line.get_label(): line for line in ax.get_lines()}
    np.testing.assert_array_equal(
        lines["η_L (longitudinal)"].get_ydata(), ds["eta"].sel(terminal="L")
    )
    np.testing.assert_array_equal(
        lines["η_T (transverse)"].get_ydata(), ds["eta"].sel(terminal="T")
    )
    assert "θ" in ax.get_xlabel() and "[rad]" in ax.get_xlabel()
    with pytest.raises(ParameterError):
        plot_diode_map(ds.isel(theta=0))  # no theta axis left
    with pytest.raises(ParameterError):
        plot_cpr(ds)  # a grid, not one CPR


def test_spectrum_dense_and_sparse_equal_the_library(capsys, tmp_path):
    phi = np.linspace(0, TWO_PI, 5)
    junction = four_terminal_junction(size=4, lead_size=4)
    ref = spectrum(junction, single_lead_bias(phi, 0), levels=4)
    files = {}
    for extra in ([], ["--sparse"]):
        out = tmp_path / f"s{len(extra)}.nc"
        png = tmp_path / f"s{len(extra)}.png"
        argv = ["bdg", "spectrum", *SMALL, "--phi", f"0:{TWO_PI!r}:5", "--bias", "L",
                "--levels", "4", *extra, "--out", str(out), "--png", str(png)]  # fmt: skip
        code, text, err = _run(capsys, argv)
        assert code == 0, err
        m = re.search(rf"lowest level: min ({FLOAT}) t at phi = ({FLOAT}), max ({FLOAT}) t", text)
        e0 = ref["energy"].isel(level=0).values
        assert float(m[1]) == pytest.approx(e0.min(), rel=1e-6)
        assert float(m[3]) == pytest.approx(e0.max(), rel=1e-6)
        below = int(np.sum(np.all(ref["energy"].values < 0.1, axis=0)))
        assert f"{below} of 4 levels below delta at every phase" in text
        assert ("sparse" if extra else "dense") in text
        files[bool(extra)] = load(out)
        assert png.read_bytes()[:4] == b"\x89PNG"
    np.testing.assert_array_equal(files[False]["energy"].values, ref["energy"].values)
    # shift-invert Lanczos finds the same levels as the dense diagonalisation
    np.testing.assert_allclose(files[True]["energy"].values, ref["energy"].values, atol=1e-10)
    np.testing.assert_array_equal(files[False]["phi"].values, phi)
    assert files[False].attrs["bias"] == "L"

    ax = plot_spectrum(files[False], ax=_figure().add_subplot())
    assert len([ln for ln in ax.get_lines() if ln.get_color() == "C0"]) == 4
    assert "[t]" in ax.get_ylabel() and "φ" in ax.get_xlabel()


def test_default_phase_grid_is_one_4pi_period(capsys, tmp_path):
    out = tmp_path / "s.nc"
    code, _, err = _run(capsys, ["bdg", "spectrum", *SMALL, "--levels", "1", "--out", str(out)])
    assert code == 0, err
    np.testing.assert_array_equal(load(out)["phi"].values, np.linspace(-TWO_PI, TWO_PI, 41))


@pytest.mark.parametrize("what", ["cpr", "diode", "spectrum"])
def test_help(what, capsys):
    with pytest.raises(SystemExit) as info:
        main(["bdg", what, "--help"])
    assert info.value.code == 0
    text = capsys.readouterr().out
    for flag in ("--size", "--lead-size", "--altermagnet", "--rashba", "--phi", "--bias", "--out"):
        assert flag in text
    assert "radians" in text
    assert ("--method" in text) == (what != "spectrum")


@pytest.mark.parametrize(
    ("argv", "word"),
    [
        (["bdg", "cpr", "--size", "-3", "--lead-size", "4"], "size"),
        (["bdg", "cpr", "--size", "0"], "size"),
        (["bdg", "cpr", "--size", "2.5"], "--size"),
        (["bdg", "cpr", *SMALL, "--lead-size", "0"], "lead_size"),
        (["bdg", "cpr", *SMALL, "--delta", "0"], "delta"),
        (["bdg", "cpr", *SMALL, "--altermagnet", "-0.5"], "altermagnet"),
        (["bdg", "cpr", *SMALL, "--phi", "nan,0,1"], "phi"),
        (["bdg", "cpr", *SMALL, "--phi", "0:1"], "phi"),
        (["bdg", "cpr", *SMALL, "--phi", "0,1"], "at least 3 phases"),
        (["bdg", "cpr", *SMALL, "--phi", "-6.28:6.28:41"], "--phi"),  # needs --phi=-6.28:...
        (["bdg", "cpr", *SMALL, "--temperature", "-0.1"], "temperature"),
        (["bdg", "cpr", *SMALL, "--temperature", "hot"], "temperature"),
        (["bdg", "cpr", *SMALL, "--method", "magic"], "method"),
        (["bdg", "cpr", *SMALL, "--bias", "X"], "bias"),
        (["bdg", "cpr", *SMALL, "--out", "x.txt"], "out"),
        (["bdg", "cpr", *SMALL, "--png", "x.jpg"], "png"),
        (["bdg", "diode", *SMALL, "--theta", "nan"], "theta"),
        (["bdg", "diode", *SMALL, "--theta", "0:1:0"], "theta"),
        (["bdg", "diode", *SMALL, "--workers", "0"], "workers"),
        (["bdg", "diode", *SMALL, "--method", "magic"], "method"),
        (["bdg", "diode", *SMALL, "--bias", "X"], "bias"),
        (["bdg", "spectrum", *SMALL, "--levels", "0"], "levels"),
        (["bdg", "spectrum", *SMALL, "--levels", "1000"], "levels"),
        (["bdg", "spectrum", *SMALL, "--bias", "X"], "bias"),
        (["bdg", "spectrum", *SMALL, "--phi", "inf"], "phi"),
        (["bdg", "spectrum", *SMALL, "--method", "dense"], "--method"),  # not a spectrum flag
        (["bdg"], "WHAT"),
        (["bdg", "transport"], "transport"),
    ],
)
def test_bad_input_exits_2_with_one_line_and_no_file(argv, word, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    extra = []
    if len(argv) > 2 and argv[1] in ("cpr", "diode", "spectrum"):
        if "--out" not in argv:
            extra += ["--out", str(tmp_path / "o.nc")]
        if "--png" not in argv:
            extra += ["--png", str(tmp_path / "o.png")]
    code, text, err = _run(capsys, [*argv, *extra])
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("josephson: error: "), err
    assert word in lines[0]
    assert "Traceback" not in err and text == ""
    assert list(tmp_path.iterdir()) == []
