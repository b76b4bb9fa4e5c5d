"""Resumable stores: killed at any moment, restarted, nothing lost, nothing mixed."""

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import h5netcdf
import numpy as np
import pytest
import xarray as xr

import josephson.store
from josephson.errors import ParameterError
from josephson.open_system import hysteresis
from josephson.sweep import grid

sys.path.insert(0, str(Path(__file__).parent))
from _store_helper import slow_point

X = np.arange(16) * 0.5
Y = np.arange(10)
CHUNK = 4
N_POINTS = X.size * Y.size

SCRIPT = """
import sys
sys.path.insert(0, {tests!r})
from _store_helper import slow_point
from josephson.sweep import grid
import numpy as np
print("ready", flush=True)
grid(slow_point, x=np.arange(16) * 0.5, y=np.arange(10), seed=5, fixed={{"log": {log!r}}},
     store={store!r}, chunk_size={chunk}, progress=False, **{options!r})
print("done", flush=True)
"""


def _run_killed(tmp_path, options, kills, delays, seed):
    store, log = tmp_path / "store", tmp_path / "calls.log"
    script = SCRIPT.format(
        tests=str(Path(__file__).parent), log=str(log), store=str(store), chunk=CHUNK,
        options=options,
    )  # fmt: skip
    rng = random.Random(seed)
    delivered = 0
    for _ in range(kills):
        proc = subprocess.Popen(
            [sys.executable, "-c", script], stdout=subprocess.PIPE, start_new_session=True
        )
        assert proc.stdout.readline().strip() == b"ready"
        time.sleep(rng.uniform(*delays))  # from start-up through chunk writes
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)  # the sweep and its worker processes
            delivered += 1
        proc.wait()
    # the last run, in this process, to completion
    ds = grid(slow_point, x=X, y=Y, seed=5, fixed={"log": str(log)}, store=store,
              chunk_size=CHUNK, progress=False, **options)  # fmt: skip
    return ds, store, log, delivered


def _check_store(store):
    manifest = json.loads((store / "manifest.json").read_text())
    names = [f"chunk-{c:06d}.nc" for c in range(-(-N_POINTS // CHUNK))]
    assert sorted(manifest["chunks"]) == names
    assert sorted(p.name for p in store.iterdir() if p.name.startswith("chunk")) == names
    assert not [p for p in store.iterdir() if p.name.endswith(".tmp")]
    # every grid point is in exactly one committed chunk file
    groups = Counter()
    for name in names:
        with h5netcdf.File(store / name, "r") as f:
            groups.update(list(f.groups))
    assert sorted(groups) == [f"p{k:09d}" for k in range(N_POINTS)]
    assert set(groups.values()) == {1}
    # no committed chunk was written twice
    commits = Counter(line.split()[0] for line in (store / "commits.log").read_text().splitlines())
    assert max(commits.values()) == 1
    return len(commits)


@pytest.mark.parametrize(
    "options, kills, delays",
    [({"engine": "inprocess"}, 20, (0.0, 1.0)), ({"workers": 2}, 6, (0.5, 3.0))],
    ids=["inprocess", "processes"],
)
def test_killed_at_random_moments_resumes_to_the_uninterrupted_result(
    tmp_path, options, kills, delays
):
    ds, store, log, delivered = _run_killed(tmp_path, options, kills, delays, seed=20240917)
    reference = grid(slow_point, x=X, y=Y, seed=5, fixed={"log": None}, workers=1)
    xr.testing.assert_identical(ds, reference)
    committed_by_killed_runs = _check_store(store)
    computed = len(log.read_text().splitlines())
    workers = options.get("workers", 1)
    assert delivered >= kills // 2  # most runs really were killed before they finished
    assert N_POINTS <= computed <= N_POINTS + delivered * CHUNK * workers
    print(f"kills {delivered}, recomputed points {computed - N_POINTS}, "
          f"chunks {N_POINTS // CHUNK}, commits {committed_by_killed_runs}")  # fmt: skip


def _small(store, **changes):
    kw = dict(x=[0.0, 1.0, 2.0], y=[0, 1], seed=3, fixed={"pause": 0.0}, store=store,
              chunk_size=2, workers=1)  # fmt: skip
    kw.update(changes)
    return grid(kw.pop("func", slow_point), **kw)


def _snapshot(path):
    return {p.name: p.read_bytes() for p in sorted(path.iterdir())}


def _slow_point_too(x, y, seed=None, log=None, pause=0.0):
    return slow_point(x, y, seed=seed, log=log, pause=pause)


@pytest.mark.parametrize(
    "changes, label",
    [
        ({"x": [0.0, 1.0, 2.5]}, "grid (axes and their values)"),
        ({"func": _slow_point_too}, "function"),
        ({"fixed": {"pause": 0.001}}, "fixed arguments"),
        ({"seed": 4}, "seed"),
        ({"chunk_size": 3}, "chunk_size"),
        ({"version": "0.2.0"}, "josephson version"),
    ],
)
def test_another_sweep_is_refused_and_the_store_untouched(tmp_path, monkeypatch, changes, label):
    store = tmp_path / "s"
    _small(store)
    before = _snapshot(store)
    if "version" in changes:
        monkeypatch.setattr(josephson.store, "__version__", changes.pop("version"))
    with pytest.raises(ParameterError) as info:
        _small(store, **changes)
    assert info.value.argument == "store" and info.value.value == str(store)
    assert f"differs: {label}" in str(info.value)
    assert _snapshot(store) == before


def test_a_directory_that_is_not_a_store_is_refused(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(ParameterError, match=r"no manifest\.json"):
        _small(tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_truncated_and_bit_flipped_chunks_are_recomputed(tmp_path):
    store, log = tmp_path / "s", tmp_path / "calls.log"
    ref = _small(store, fixed={"pause": 0.0, "log": str(log)})
    assert len(log.read_text().splitlines()) == 6
    chunk0, chunk2 = store / "chunk-000000.nc", store / "chunk-000002.nc"
    chunk0.write_bytes(chunk0.read_bytes()[: chunk0.stat().st_size // 2])
    data = bytearray(chunk2.read_bytes())
    data[len(data) // 2] ^= 0x10
    chunk2.write_bytes(bytes(data))
    (store / ".chunk-000001.nc.x1y2.tmp").write_bytes(b"half a chunk")  # a killed run's
    with pytest.warns(RuntimeWarning, match="damaged") as record:
        again = _small(store, fixed={"pause": 0.0, "log": str(log)})
    damaged = sorted(str(w.message).split(": ")[1].split(" ")[0] for w in record)
    assert damaged == ["chunk-000000.nc", "chunk-000002.nc"]
    xr.testing.assert_identical(again, ref)
    assert len(log.read_text().splitlines()) == 6 + 4  # two chunks of two points again
    assert not list(store.glob(".*.tmp"))


def test_a_chunk_committed_but_not_in_the_manifest_is_adopted(tmp_path):
    store, log = tmp_path / "s", tmp_path / "calls.log"
    ref = _small(store, fixed={"pause": 0.0, "log": str(log)})
    manifest = json.loads((store / "manifest.json").read_text())
    del manifest["chunks"]["chunk-000001.nc"]  # killed between rename and manifest update
    (store / "manifest.json").write_text(json.dumps(manifest))
    again = _small(store, fixed={"pause": 0.0, "log": str(log)})
    xr.testing.assert_identical(again, ref)
    assert len(log.read_text().splitlines()) == 6  # nothing recomputed
    assert "chunk-000001.nc" in json.loads((store / "manifest.json").read_text())["chunks"]


def test_store_and_no_store_give_identical_datasets(tmp_path):
    kw = dict(alpha=[1.0, 3.0, 5.0], fixed={"rate": 0.2}, workers=1)  # ragged tau grids
    xr.testing.assert_identical(
        grid(hysteresis, store=tmp_path / "h", **kw), grid(hysteresis, **kw)
    )
    xr.testing.assert_identical(_small(tmp_path / "p"), _small(None))
    xr.testing.assert_identical(_small(tmp_path / "p"), _small(None))  # read back from disk
