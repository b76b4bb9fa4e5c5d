"""Resumable, lossless sweep stores: ``josephson.sweep.grid(..., store=DIR)``.

Layout of ``DIR``::

    manifest.json        the sweep (function, axes and values, vectorised/looped split,
                         fixed arguments, seed, chunking, josephson version) and the
                         sha256 of every committed chunk file
    chunk-000000.nc      NetCDF-4 file of chunk 0: one group ``p<flat index>`` per looped
    chunk-000001.nc      call, holding that call's result exactly as the function returned it
    ...
    commits.log          one line per chunk commit (append-only; diagnostics)
    .lock                held (flock) while a sweep writes, so two runs never share a store

**Why one NetCDF file per chunk.**  A chunk is written to a temporary name, fsync'ed, linked to
its final name (a hard link never replaces an existing file, so a committed chunk is never
written twice) and the directory fsync'ed: a chunk file is whole or absent, whenever the
process dies.  Each file stands alone: it opens in any netCDF/HDF5 reader (complex variables
as ``_real``/``_imag`` pairs, as in :mod:`josephson.io`), and nothing depends on a
zarr installation or on a shared index file being consistent with the data.  Looped results
are kept one per group, unchanged, so results of different shapes (``hysteresis`` over
``alpha``) are stored losslessly and the final dataset is nested by the same code as without
a store; every chunk is read back before it is committed and must be identical to what the
function returned.  One file per chunk (not per point) keeps the file count at a few per
worker; a NetCDF file per sweep would need in-place appends that a kill can tear.

**Self-validating chunks.**  Each chunk file carries in its attributes the sha256 of its
decoded data, coordinates and attributes (``josephson_chunk_sha256``), the hash of the sweep
it belongs to and its point range.  The manifest (rewritten atomically after each chunk)
records the sha256 of each file.  On a restart: a chunk in the manifest whose file checksum
differs, or any chunk that cannot be read or fails its own hash, is warned about, deleted and
recomputed; a valid chunk not yet in the manifest (the run died between the rename and the
manifest update) is adopted; stray temporary files are removed.

A store written by another sweep (function, grid, fixed arguments, seed, chunking) or by
another josephson release (the version without its local ``+...`` part) is refused with a
:class:`~josephson.errors.ParameterError` naming what differs, and left untouched.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import tempfile
import warnings
from pathlib import Path

import numpy as np
import xarray as xr

from . import __version__
from ._provenance import to_json
from .errors import ParameterError
from .io import _join_complex, _split_complex

__all__ = ["FORMAT", "Store", "open_store", "status"]

FORMAT = 1
MANIFEST = "manifest.json"
JOURNAL = "commits.log"
LOCK = ".lock"
_CHUNK = re.compile(r"^chunk-(\d{6,})\.nc$")
_TMP = re.compile(r"^\.(chunk-\d+\.nc|manifest\.json)\..*\.tmp$")


class _Damaged(Exception):
    pass


def _release(version: str) -> str:
    return version.split("+")[0]


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):  # not every platform can fsync a directory
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _write_bytes_atomic(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def _sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _digest(datasets: list[xr.Dataset]) -> str:
    """sha256 of the decoded content (names, dims, dtypes, values, attrs) of ``datasets``."""
    h = hashlib.sha256()
    for ds in datasets:
        h.update(b"dataset" + to_json(dict(ds.attrs)).encode())
        for name in sorted(ds.variables, key=str):
            var = ds.variables[name]
            arr = np.asarray(var.values)
            head = [str(name), name in ds.coords, list(var.dims), arr.dtype.str, list(arr.shape)]
            h.update(json.dumps(head).encode() + to_json(dict(var.attrs)).encode())
            if arr.dtype.kind in "OUS":
                h.update(json.dumps(arr.tolist(), default=str).encode())
            else:
                h.update(np.ascontiguousarray(arr).tobytes())
    return h.hexdigest()


def _group(flat: int) -> str:
    return f"p{flat:09d}"


def _read_chunk(path: Path, start: int, stop: int) -> tuple[dict, list[xr.Dataset]]:
    import h5netcdf

    with h5netcdf.File(path, "r") as f:
        attrs = {k: f.attrs[k] for k in f.attrs}
    datasets = [
        _join_complex(xr.load_dataset(path, engine="h5netcdf", group=_group(k)))
        for k in range(start, stop)
    ]
    return attrs, datasets


def _plain(obj):
    return json.loads(to_json(obj))


def _describe_difference(stored: dict, now: dict) -> list[str]:
    names = {
        "format": "store format",
        "josephson_release": "josephson version",
        "function": "function",
        "grid": "grid (axes and their values)",
        "split": "vectorised/looped split",
        "fixed": "fixed arguments",
        "seed": "seed",
    }
    out = []
    for key, label in names.items():
        if stored.get(key) != now.get(key):
            out.append(f"{label}: stored {_short(stored.get(key))}, now {_short(now.get(key))}")
    return out


def _short(value, limit=80) -> str:
    text = json.dumps(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


class Store:
    """An open store (made by :func:`open_store`); holds the store's lock until closed."""

    def __init__(self, path: Path, manifest: dict, lock_fd: int):
        self.path = path
        self.manifest = manifest
        self.chunk_size = manifest["chunking"]["chunk_size"]
        self.points = manifest["grid"]["points"]
        self._lock_fd: int | None = lock_fd
        self._loaded: dict[int, list[xr.Dataset]] = {}

    # -- layout -------------------------------------------------------------------------------
    def bounds(self, c: int) -> tuple[int, int]:
        start = c * self.chunk_size
        return start, min(start + self.chunk_size, self.points)

    @property
    def n_chunks(self) -> int:
        return -(-self.points // self.chunk_size)

    @staticmethod
    def chunk_name(c: int) -> str:
        return f"chunk-{c:06d}.nc"

    # -- reading ------------------------------------------------------------------------------
    def _scan(self) -> None:
        """Clean stray temporaries, verify every chunk, adopt valid unrecorded ones."""
        recorded: dict = self.manifest["chunks"]
        changed = False
        for entry in sorted(os.listdir(self.path)):
            if _TMP.match(entry):
                (self.path / entry).unlink(missing_ok=True)
                continue
            m = _CHUNK.match(entry)
            if not m:
                continue
            c, file = int(m.group(1)), self.path / entry
            known = recorded.get(entry)
            try:
                if c >= self.n_chunks:
                    raise _Damaged("outside the grid")
                sha = _sha256_file(file)
                if known is not None and known["sha256"] != sha:
                    raise _Damaged("checksum differs from the manifest")
                start, stop = self.bounds(c)
                attrs, datasets = _read_chunk(file, start, stop)
                if attrs.get("josephson_sweep_sha256") != self.manifest["sweep_sha256"]:
                    raise _Damaged("written by another sweep")
                if attrs.get("josephson_points") != f"{start}:{stop}":
                    raise _Damaged("wrong point range")
                if attrs.get("josephson_chunk_sha256") != _digest(datasets):
                    raise _Damaged("data do not match their own checksum")
            except Exception as exc:  # unreadable HDF5 raises OSError, KeyError, ...
                warnings.warn(
                    f"josephson store {self.path}: {entry} is damaged ({exc}); recomputing it",
                    RuntimeWarning,
                    stacklevel=4,
                )
                file.unlink(missing_ok=True)
                if recorded.pop(entry, None) is not None:
                    changed = True
                continue
            self._loaded[c] = datasets
            if known is None:  # renamed into place, manifest not yet updated: adopt
                recorded[entry] = {"sha256": sha, "points": [start, stop]}
                changed = True
        for entry in [e for e in recorded if not (self.path / e).is_file()]:
            warnings.warn(
                f"josephson store {self.path}: {entry} is missing; recomputing it",
                RuntimeWarning,
                stacklevel=4,
            )
            del recorded[entry]
            changed = True
        if changed:
            self._write_manifest()

    def committed(self) -> dict[int, list[xr.Dataset]]:
        """Chunk index -> the looped results of that chunk, for the verified chunks."""
        loaded, self._loaded = self._loaded, {}
        return loaded

    # -- writing ------------------------------------------------------------------------------
    def _write_manifest(self) -> None:
        text = json.dumps(self.manifest, indent=1, sort_keys=True) + "\n"
        _write_bytes_atomic(self.path / MANIFEST, text.encode())

    def write(self, c: int, datasets: list[xr.Dataset]) -> None:
        """Commit chunk ``c`` (its looped results in order): whole file, then manifest."""
        import h5netcdf

        name = self.chunk_name(c)
        final = self.path / name
        start, stop = self.bounds(c)
        if len(datasets) != stop - start:
            raise ValueError(f"chunk {c} needs {stop - start} results, got {len(datasets)}")
        fd, tmp_name = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=self.path)
        os.close(fd)
        tmp = Path(tmp_name)
        try:
            for k, ds in enumerate(datasets):
                _split_complex(ds).to_netcdf(
                    tmp, engine="h5netcdf", group=_group(start + k), mode="w" if k == 0 else "a"
                )
            _, back = _read_chunk(tmp, start, stop)
            for k, (a, b) in enumerate(zip(datasets, back, strict=True)):
                if not a.identical(b):
                    raise ParameterError(
                        "store",
                        str(self.path),
                        "results that NetCDF stores losslessly",
                        detail=f"point {start + k} does not read back identical",
                    )
            with h5netcdf.File(tmp, "a") as f:
                f.attrs["josephson_sweep_sha256"] = self.manifest["sweep_sha256"]
                f.attrs["josephson_points"] = f"{start}:{stop}"
                f.attrs["josephson_chunk_sha256"] = _digest(back)
            with open(tmp, "rb+") as f:
                os.fsync(f.fileno())
            os.chmod(tmp, 0o644)
            try:
                os.link(tmp, final)  # never replaces: a committed chunk is written once
            except FileExistsError:
                raise RuntimeError(f"{final} is already committed") from None
            except OSError:  # pragma: no cover - a filesystem without hard links
                os.replace(tmp, final)
            tmp.unlink(missing_ok=True)
            _fsync_dir(self.path)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        sha = _sha256_file(final)
        with open(self.path / JOURNAL, "a") as f:
            f.write(f"{name} {sha}\n")
            f.flush()
            os.fsync(f.fileno())
        self.manifest["chunks"][name] = {"sha256": sha, "points": [start, stop]}
        self._write_manifest()

    def close(self) -> None:
        if self._lock_fd is not None:
            os.close(self._lock_fd)  # releases the flock
            self._lock_fd = None


def _manifest_for(spec: dict, chunk_size: int) -> dict:
    identity = {
        "format": FORMAT,
        "josephson_release": _release(__version__),
        "function": spec["function"],
        "grid": {"order": spec["order"], "axes": _plain(spec["axes"]), "points": spec["points"]},
        "split": {"vectorised": spec["vectorised"], "looped": spec["looped"]},
        "fixed": _plain(spec["fixed"]),
        "seed": spec["seed"],
    }
    sweep_sha = hashlib.sha256(json.dumps(identity, sort_keys=True).encode()).hexdigest()
    return {
        **identity,
        "josephson_version": __version__,
        "chunking": {"chunk_size": chunk_size, "chunks": -(-spec["points"] // chunk_size)},
        "sweep_sha256": sweep_sha,
        "chunks": {},
    }


def open_store(path, spec: dict, *, chunk_size: int | None, default_chunk_size: int) -> Store:
    """Open or create the store at ``path`` for the sweep ``spec`` (made by ``grid``).

    Refuses (ParameterError, store untouched) a store of another sweep; verifies the chunks
    already there (see the module docstring).  Close the returned store when done.
    """
    import fcntl

    path = Path(path)
    where = str(path)
    if path.exists() and not path.is_dir():
        raise ParameterError("store", where, "a directory (a josephson sweep store)")
    manifest_file = path / MANIFEST
    if manifest_file.is_file():
        try:
            stored = json.loads(manifest_file.read_text())
        except (OSError, ValueError) as exc:
            raise ParameterError("store", where, "a store with a readable manifest.json",
                                 detail=str(exc)) from None  # fmt: skip
        size = stored.get("chunking", {}).get("chunk_size")
        now = _manifest_for(spec, chunk_size or size or default_chunk_size)
        differs = _describe_difference(stored, now)
        if chunk_size is not None and chunk_size != size:
            differs.append(f"chunk_size: stored {size}, now {chunk_size}")
        if differs:
            raise ParameterError(
                "store", where, "a store written by this same sweep (differs: "
                + "; ".join(differs) + ")",
            )  # fmt: skip
        manifest = {**now, "chunks": dict(stored.get("chunks", {}))}
        manifest["josephson_version"] = stored.get("josephson_version", __version__)
        fresh = False
    else:
        if path.is_dir():
            foreign = [e for e in os.listdir(path) if e != LOCK and not _TMP.match(e)]
            if foreign:
                raise ParameterError(
                    "store", where, "a new or empty directory, or a josephson sweep store",
                    detail=f"no {MANIFEST}, but {len(foreign)} other entries",
                )  # fmt: skip
        path.mkdir(parents=True, exist_ok=True)
        manifest = _manifest_for(spec, chunk_size or default_chunk_size)
        fresh = True
    lock_fd = os.open(path / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(lock_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(lock_fd)
        raise ParameterError(
            "store", where, "a store no other sweep is writing (it is locked)"
        ) from None
    store = Store(path, manifest, lock_fd)
    try:
        if fresh:
            store._write_manifest()
        store._scan()
    except BaseException:
        store.close()
        raise
    return store


def status(path) -> dict:
    """What a store holds: function, points, chunk size, chunks committed / total."""
    path = Path(path)
    try:
        m = json.loads((path / MANIFEST).read_text())
    except (OSError, ValueError):
        raise ParameterError("store", str(path), "a josephson sweep store") from None
    return {
        "function": m["function"],
        "points": m["grid"]["points"],
        "chunk_size": m["chunking"]["chunk_size"],
        "chunks": m["chunking"]["chunks"],
        "committed": len(m["chunks"]),
        "josephson_version": m["josephson_version"],
    }
