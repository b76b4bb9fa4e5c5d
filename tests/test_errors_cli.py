"""Bad input: clear ParameterErrors; the command exits 2 with one line and writes nothing."""

import math

import numpy as np
import pytest

from josephson.cli import main
from josephson.errors import ParameterError
from josephson.junction import Langevin, PeriodAverage, iv_curve, simulate
from josephson.junction.cpr import FourierSeries


@pytest.mark.parametrize(
    ("kwargs", "argument"),
    [
        (dict(beta_c=-1.0, i_dc=[0, 1]), "beta_c"),
        (dict(beta_c=math.nan, i_dc=[0, 1]), "beta_c"),
        (dict(beta_c=1.0, i_dc=[]), "i_dc"),
        (dict(beta_c=1.0, i_dc=[0, 2, 1]), "i_dc"),
        (dict(beta_c=1.0, i_dc=[0, math.inf]), "i_dc"),
        (dict(beta_c=1.0, i_dc=[0, 1], noise=-0.1), "noise"),
        (dict(beta_c=1.0, i_dc=[0, 1], sweep="sideways"), "sweep"),
        (dict(beta_c=1.0, i_dc=[0, 1], i_ac=0.5, omega=0.0), "omega"),
        (dict(beta_c=1.0, i_dc=[0, 1], noise=0.1, method=PeriodAverage()), "method"),
        (dict(beta_c=0.01, i_dc=[0, 1], noise=0.1, method=Langevin(dt=0.1)), "dt"),
        (dict(beta_c=1.0, i_dc=[0, 1], noise=0.1, seed="abc"), "seed"),
        (dict(beta_c=1.0, i_dc=[0, 1], noise=0.1, seed=-3), "seed"),
    ],
)
def test_iv_curve_rejects(kwargs, argument):
    with pytest.raises(ParameterError) as info:
        iv_curve(**kwargs)
    assert info.value.argument == argument
    assert argument in str(info.value) and "allowed" in str(info.value)


def test_method_and_cpr_validation():
    with pytest.raises(ParameterError, match="realizations"):
        Langevin(realizations=0)
    with pytest.raises(ParameterError, match="tol"):
        PeriodAverage(tol=-1.0)
    with pytest.raises(ParameterError, match="amplitudes"):
        FourierSeries(amplitudes=(math.nan,))
    with pytest.raises(ParameterError, match="cpr"):
        iv_curve(1.0, [0, 1], cpr="sin")
    with pytest.raises(ParameterError, match="dt"):
        simulate(1.0, 10.0, dt=0.01)  # a step the adaptive method would ignore
    for kwargs, argument in [
        (dict(duration="long"), "duration"),
        (dict(duration=-1.0), "duration"),
        (dict(duration=10.0, samples=1), "samples"),
        (dict(duration=10.0, phi0=math.nan), "phi0"),
        (dict(duration=10.0, i_dc=[[0.5]]), "i_dc"),
        (dict(duration=10.0, noise=0.1, seed=2.5), "seed"),
    ]:
        with pytest.raises(ParameterError) as info:
            simulate(1.0, **kwargs)
        assert info.value.argument == argument


def test_descending_grid_is_stored_ascending():
    a = iv_curve(0.0, np.linspace(2, 0, 5)).v.values
    b = iv_curve(0.0, np.linspace(0, 2, 5)).v.values
    assert np.array_equal(a, b)


def _run(capsys, argv):
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_iv_writes_files(tmp_path, capsys):
    out, png = tmp_path / "iv.nc", tmp_path / "iv.png"
    code, text, err = _run(
        capsys,
        [
            "iv",
            "--beta-c",
            "10",
            "--i-dc",
            "0:3:61",
            "--sweep",
            "up-down",
            "--out",
            str(out),
            "--png",
            str(png),
        ],
    )
    assert code == 0, err
    assert "switching current" in text and "retrapping current" in text
    assert out.stat().st_size > 0 and png.read_bytes()[:4] == b"\x89PNG"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["iv.nc", "iv.png"]


@pytest.mark.parametrize(
    "argv",
    [
        ["iv", "--beta-c", "-1", "--i-dc", "0:3:11"],
        ["iv", "--beta-c", "1", "--i-dc", "0:3"],
        ["iv", "--beta-c", "1", "--i-dc", "3:0:11,"],
        ["iv", "--i-dc", "0:3:11"],
        ["iv", "--beta-c", "x", "--i-dc", "0:3:11"],
        ["iv", "--beta-c", "1", "--i-dc", "0:3:11", "--sweep", "sideways"],
        ["iv", "--beta-c", "1", "--i-dc", "0:3:11", "--noise", "-1"],
        ["iv", "--beta-c", "1", "--i-dc", "0:3:11", "--out", "x.txt"],
        ["iv", "--beta-c", "1", "--i-dc", "0,2,1"],
        ["nonsense"],
    ],
)
def test_cli_bad_input_exits_2_with_one_line(argv, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, _, err = _run(
        capsys,
        [*argv, "--out", str(tmp_path / "o.nc")]
        if argv[0] == "iv" and "--out" not in argv
        else argv,
    )
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("josephson: error: ")
    assert "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_cli_negative_range(capsys):
    code, text, _ = _run(capsys, ["iv", "--beta-c", "0", "--i-dc=-3:3:7"])
    assert code == 0 and "switching current" in text


@pytest.mark.parametrize(
    "argv",
    [
        ["shapiro", "--omega", "-0.5"],
        ["shapiro", "--omega", "0.5", "--i-ac=-1:1:3"],
        ["shapiro", "--omega", "0.5", "--i-dc", "3:0:11"],
        ["shapiro", "--omega", "0.5", "--beta-c", "1", "--method", "riccati"],
        ["squid", "--beta-l", "-1"],
        ["squid", "--flux", "nan,0.1"],
        ["squid", "--asymmetry", "1.5"],
        ["escape", "--noise", "0.05", "--ramp", "0"],
        ["escape", "--noise", "-0.05", "--ramp", "1e-4"],
        ["escape", "--noise", "0.05", "--ramp", "1e-4", "--prefactor", "magic"],
    ],
)
def test_cli_new_commands_bad_input(argv, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, _, err = _run(capsys, [*argv, "--out", str(tmp_path / "o.nc")])
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("josephson: error: ")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("argv", "expect"),
    [
        (["shapiro", "--omega", "0.5", "--i-dc", "0:3:31", "--i-ac", "0:2:5"], "step n = +1"),
        (["squid", "--beta-l", "0.5", "--flux", "0:1:21", "--i-bias", "2.2"], "modulation depth"),
        (["escape", "--noise", "0.05", "--ramp", "1e-3", "--realizations", "200"], "exact MFPT"),
    ],
)
def test_cli_new_commands_write_files(argv, expect, capsys, tmp_path):
    out, png = tmp_path / "r.nc", tmp_path / "r.png"
    code, text, err = _run(capsys, [*argv, "--out", str(out), "--png", str(png)])
    assert code == 0, err
    assert expect in text
    assert out.stat().st_size > 0 and png.read_bytes()[:4] == b"\x89PNG"


def test_errors_raised_in_a_worker_process_reach_the_caller_intact():
    # process pools and Dask workers send exceptions back pickled; without __reduce__ the
    # required arguments were lost and the pool died with BrokenProcessPool instead
    import multiprocessing
    import pickle
    from concurrent.futures import ProcessPoolExecutor

    from josephson.errors import ConvergenceError

    err = pickle.loads(pickle.dumps(ConvergenceError("lobpcg", "residual 1 MeV", "detail")))
    assert (err.method, err.reached, str(err)) == (
        "lobpcg", "residual 1 MeV", "lobpcg did not converge (reached residual 1 MeV): detail")
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as ex:
        with pytest.raises(ParameterError, match=r"invalid beta_c=-1\.0") as info:
            ex.submit(iv_curve, -1.0, [0.0, 1.0]).result()
    assert info.value.argument == "beta_c" and info.value.value == -1.0
