"""Reading and writing results: NetCDF-4 (h5netcdf engine) with provenance.

Complex variables are stored as two real variables ``<name>_real`` and ``<name>_imag``
(marked with the attribute ``complex_part``), so files open in any netCDF reader; :func:`load`
puts them back together.  Files are written to a temporary name and renamed, so a failed
write never leaves a partial file.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

import numpy as np
import xarray as xr

from .errors import ParameterError

__all__ = ["atomic_path", "load", "save"]


@contextlib.contextmanager
def atomic_path(path: Path):
    """Yield a temporary path beside ``path``; rename it to ``path`` only on success."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    umask = os.umask(0)
    os.umask(umask)
    try:
        yield Path(tmp)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _split_complex(ds: xr.Dataset) -> xr.Dataset:
    out = ds.copy()
    for name in list(ds.data_vars):
        var = ds[name]
        if np.iscomplexobj(var.values):
            out = out.drop_vars(name)
            out[f"{name}_real"] = var.real.assign_attrs(
                var.attrs, complex_part="real", complex_of=name
            )
            out[f"{name}_imag"] = var.imag.assign_attrs(
                var.attrs, complex_part="imag", complex_of=name
            )
    return out


def _join_complex(ds: xr.Dataset) -> xr.Dataset:
    for name in list(ds.data_vars):
        if name not in ds:
            continue
        attrs = ds[name].attrs
        if attrs.get("complex_part") == "real":
            base = attrs["complex_of"]
            imag = ds[f"{base}_imag"]
            joined = ds[name] + 1j * imag
            joined.attrs = {
                k: v for k, v in attrs.items() if k not in ("complex_part", "complex_of")
            }
            ds = ds.drop_vars([name, f"{base}_imag"])
            ds[base] = joined
    return ds


def save(ds: xr.Dataset, path) -> Path:
    """Write ``ds`` to NetCDF at ``path`` (atomically); returns the path."""
    if not isinstance(ds, xr.Dataset):
        raise ParameterError("ds", type(ds).__name__, "an xarray.Dataset")
    path = Path(path)
    if path.suffix not in (".nc", ".nc4", ".h5"):
        raise ParameterError("path", str(path), "a file name ending in .nc")
    with atomic_path(path) as tmp:
        _split_complex(ds).to_netcdf(tmp, engine="h5netcdf")
    return path


def load(path) -> xr.Dataset:
    """Read a dataset written by :func:`save` (fully into memory)."""
    path = Path(path)
    if not path.is_file():
        raise ParameterError("path", str(path), "an existing NetCDF file")
    return _join_complex(xr.load_dataset(path, engine="h5netcdf"))
