"""``josephson sweep``: a domain's solve function over a grid, from the command line."""

import numpy as np
import pytest
import xarray as xr

from josephson.cli import main
from josephson.io import load
from josephson.junction import iv_curve
from josephson.open_system import stationary_characteristic


def test_list_names_the_sweepable_functions_of_every_domain(capsys):
    assert main(["sweep", "--list"]) == 0
    names = capsys.readouterr().out.split()
    assert "junction.iv_curve" in names and "open_system.hysteresis" in names


def test_sweep_equals_the_direct_calls(tmp_path, capsys):
    out = tmp_path / "iv.nc"
    argv = ["sweep", "junction.iv_curve", "--axis", "beta_c=0,10", "--axis", "i_dc=0:3:16"]
    assert main([*argv, "--fixed", "sweep=up-down", "--workers", "1", "--out", str(out)]) == 0
    assert "wrote" in capsys.readouterr().out
    ds = load(out)
    i_dc = np.linspace(0, 3, 16)
    direct = iv_curve(np.array([0.0, 10.0]), i_dc, sweep="up-down")
    np.testing.assert_array_equal(ds["v"].transpose(*direct["v"].dims).values, direct["v"].values)
    np.testing.assert_array_equal(ds["i_dc"].values, i_dc)


def test_a_fixed_array_and_a_looped_axis(tmp_path):
    out = tmp_path / "char.nc"
    argv = ["sweep", "open_system.stationary_characteristic", "--axis", "alpha=1,4"]
    assert main([*argv, "--fixed", "v=0:5:11", "--workers", "1", "--out", str(out)]) == 0
    ds = load(out)
    for a in (1.0, 4.0):
        ref = stationary_characteristic(a, np.linspace(0, 5, 11))
        xr.testing.assert_allclose(ds["i_tot"].sel(alpha=a, drop=True), ref["i_tot"], rtol=0)


@pytest.mark.parametrize(
    "argv, message",
    [
        (["sweep", "junction.nothing", "--axis", "beta_c=1"], "junction.iv_curve"),
        (["sweep", "junction.iv_curve", "--axis", "beta_c"], "NAME=VALUES"),
        (["sweep", "junction.iv_curve", "--axis", "beta_c=1", "--axis", "beta_c=2"], "once"),
        (["sweep", "junction.iv_curve", "--axis", "gamma=1"], "a parameter of iv_curve"),
        (["sweep", "junction.iv_curve"], "--axis"),
        (["sweep"], "DOMAIN.FUNCTION"),
        (["sweep", "junction.iv_curve", "--axis", "beta_c=1", "--out", "x.txt"], ".nc"),
    ],
)
def test_bad_input_is_one_line_exit_2(argv, message, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("josephson: error:") and err.count("\n") == 1 and message in err
    assert not list(tmp_path.iterdir())


def test_store_resumes_and_refuses_another_sweep(tmp_path, capsys):
    store = tmp_path / "store"
    base = ["sweep", "open_system.stationary_characteristic", "--fixed", "v=0:5:11"]
    first = [*base, "--axis", "alpha=1,2,4", "--workers", "1", "--store", str(store)]
    assert main([*first, "--out", str(tmp_path / "a.nc")]) == 0
    assert main([*first, "--out", str(tmp_path / "b.nc")]) == 0  # everything already stored
    xr.testing.assert_identical(load(tmp_path / "a.nc"), load(tmp_path / "b.nc"))
    capsys.readouterr()
    manifest = (store / "manifest.json").read_bytes()
    other = [*base, "--axis", "alpha=1,3", "--workers", "1", "--store", str(store)]
    assert main(other) == 2
    err = capsys.readouterr().err
    assert err.startswith("josephson: error: invalid store=") and err.count("\n") == 1
    assert (store / "manifest.json").read_bytes() == manifest


def test_a_scheduler_that_does_not_answer_is_exit_2(tmp_path, capsys):
    import socket

    with socket.socket() as s:  # a loopback port with nobody listening
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    argv = ["sweep", "open_system.stationary_characteristic", "--axis", "alpha=1,2"]
    assert main([*argv, "--fixed", "v=0:1:3", "--scheduler", f"tcp://127.0.0.1:{port}"]) == 2
    err = capsys.readouterr().err
    assert "invalid scheduler=" in err and "no answer" in err and err.count("\n") == 1
