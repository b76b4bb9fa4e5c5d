"""Every engine of josephson.sweep.grid returns the same dataset, whatever the chunking."""

import socket
import sys
import time
import warnings

import numpy as np
import pytest
import xarray as xr

from josephson.errors import ParameterError
from josephson.junction import Langevin, iv_curve
from josephson.open_system import hysteresis, stationary_characteristic
from josephson.sweep import grid

distributed = pytest.importorskip("dask.distributed")

METHOD = Langevin(duration=20.0, transient=2.0, realizations=2)
IV = dict(
    i_ac=[0.0, 0.2, 0.4],
    sweep=["up", "down"],
    beta_c=[1.0],
    i_dc=[0.5, 1.5],
    fixed={"noise": 0.2, "omega": 1.0, "method": METHOD},
    seed=7,
)
HYST = dict(alpha=[1.0, 3.0, 5.0], fixed={"rate": 0.1})


@pytest.fixture(scope="module")
def client():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        cluster = distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        )
    c = distributed.Client(cluster, set_as_default=False)
    yield c
    c.close()
    cluster.close()


def test_noisy_iv_curve_identical_on_every_engine_and_chunking(client):
    ref = grid(iv_curve, engine="inprocess", **IV)
    assert ref.v.dims == ("i_ac", "sweep", "beta_c", "i_dc", "direction")
    runs = {
        "inprocess, chunks of 1": grid(iv_curve, engine="inprocess", chunk_size=1, **IV),
        "processes": grid(iv_curve, engine="processes", workers=2, chunk_size=1, **IV),
        "dask client": grid(iv_curve, engine="dask", scheduler=client, chunk_size=4, **IV),
        "dask address": grid(
            iv_curve, engine="dask", scheduler=client.scheduler.address, timeout=5, **IV
        ),
        "executor": grid(iv_curve, executor=client, **IV),
    }
    for name, ds in runs.items():
        assert name and xr.testing.assert_identical(ds, ref) is None
    # the point at flat index k got SeedSequence(7, spawn_key=(k,)) whatever ran it
    k = 1 * 2 + 1  # i_ac=0.2, sweep="down"
    direct = iv_curve(
        [1.0],
        [0.5, 1.5],
        sweep="down",
        i_ac=0.2,
        seed=np.random.SeedSequence(7, spawn_key=(k,)),
        **IV["fixed"],
    )
    xr.testing.assert_equal(
        ref.v.sel(i_ac=0.2, sweep="down", direction=direct.direction, drop=True).transpose(
            *direct.v.dims
        ),
        direct.v,
    )
    # the noise is real: another root seed gives other voltages
    other = grid(iv_curve, engine="inprocess", **{**IV, "seed": 8})
    assert not np.array_equal(other.v.values, ref.v.values)
    assert "created" not in ref.attrs and "grid" in ref.attrs


def test_hysteresis_over_alpha_identical_on_every_engine_no_warning(client):
    with warnings.catch_warnings():
        warnings.simplefilter("error", FutureWarning)
        ref = grid(hysteresis, engine="inprocess", **HYST)
        procs = grid(hysteresis, engine="processes", workers=2, **HYST)
        dask = grid(hysteresis, engine="dask", scheduler=client, chunk_size=1, **HYST)
    xr.testing.assert_identical(procs, ref)
    xr.testing.assert_identical(dask, ref)
    # different tau grids per alpha: joined on the union, each point's own samples intact
    for a in HYST["alpha"]:
        direct = hysteresis(a, **HYST["fixed"])
        got = ref.i_tot.sel(alpha=a, drop=True).dropna("tau")
        np.testing.assert_array_equal(got.tau.values, direct.tau.values)
        np.testing.assert_array_equal(got.values, direct.i_tot.values)
    assert ref.tau.size > max(hysteresis(a, **HYST["fixed"]).tau.size for a in HYST["alpha"])


def test_dask_without_scheduler_runs_its_own_local_cluster():
    kw = dict(alpha=[1.0, 4.0, 6.0], fixed={"v": np.linspace(0.0, 5.0, 11)})
    ref = grid(stationary_characteristic, engine="inprocess", **kw)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # dask's port notices
        ds = grid(stationary_characteristic, engine="dask", workers=2, **kw)
    xr.testing.assert_identical(ds, ref)


def test_unanswered_scheduler_is_a_parameter_error_not_a_hang():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    address = f"tcp://127.0.0.1:{port}"
    start = time.monotonic()
    with pytest.raises(ParameterError) as info:
        grid(stationary_characteristic, engine="dask", scheduler=address, timeout=2,
             alpha=[1.0, 2.0], fixed={"v": [0.0, 1.0]})  # fmt: skip
    assert time.monotonic() - start < 60  # bounded (generously), not a hang
    err = info.value
    assert err.argument == "scheduler" and err.value == address
    assert "running Dask scheduler (no answer after 2 s)" in str(err)


def test_dask_missing_names_the_extra(monkeypatch):
    import dask

    monkeypatch.setitem(sys.modules, "dask.distributed", None)
    monkeypatch.delattr(dask, "distributed", raising=False)
    with pytest.raises(ImportError, match=r"pip install 'josephson\[dask\]'"):
        grid(stationary_characteristic, engine="dask", alpha=[1.0], fixed={"v": [0.0]})


@pytest.mark.parametrize(
    "options, argument",
    [
        ({"engine": "cluster"}, "engine"),
        ({"engine": "processes", "scheduler": "tcp://127.0.0.1:1"}, "scheduler"),
        ({"scheduler": "tcp://127.0.0.1:1"}, "scheduler"),
        ({"engine": "inprocess", "workers": 3}, "workers"),
        ({"engine": "processes", "timeout": 3}, "timeout"),
        ({"engine": "dask", "scheduler": 42}, "scheduler"),
        ({"engine": "inprocess", "chunk_size": 0}, "chunk_size"),
        ({"engine": "processes", "executor": object()}, "executor"),
    ],
)
def test_settings_the_engine_ignores_are_errors(options, argument):
    with pytest.raises(ParameterError) as info:
        grid(stationary_characteristic, alpha=[1.0, 2.0], fixed={"v": [0.0]}, **options)
    assert info.value.argument == argument
