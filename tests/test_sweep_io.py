"""Sweeps, NetCDF round trips and plots."""

import numpy as np
import pytest
import xarray as xr

from josephson import io, plot
from josephson.errors import ParameterError
from josephson.junction import Langevin, iv_curve
from josephson.sweep import grid

BIAS = np.linspace(0.0, 2.0, 9)


def test_grid_vectorised_axes_pass_through():
    ds = grid(iv_curve, beta_c=[0.0, 10.0], i_dc=BIAS, fixed={"sweep": "up-down"}, workers=1)
    # the axes in the order given, then the function's own dimensions
    assert ds.v.dims == ("beta_c", "i_dc", "direction")
    ref = iv_curve(10.0, BIAS, sweep="up-down")
    assert np.array_equal(ds.v.sel(beta_c=10.0).transpose("direction", "i_dc").values, ref.v.values)


def test_grid_looped_axis_order_and_seeds_independent_of_workers():
    method = Langevin(duration=20.0, transient=2.0, realizations=2)
    kw = dict(
        i_ac=[0.0, 0.3],
        beta_c=[1.0],
        i_dc=[0.5, 1.5],
        fixed={"noise": 0.2, "omega": 1.0, "method": method},
        seed=11,
    )
    serial = grid(iv_curve, workers=1, **kw)
    parallel = grid(iv_curve, workers=2, **kw)
    assert serial.v.dims == ("i_ac", "beta_c", "i_dc", "direction")
    xr.testing.assert_equal(serial.v, parallel.v)
    # different grid points get different noise
    assert not np.array_equal(
        serial.v.isel(i_ac=0).values,
        grid(iv_curve, workers=1, **{**kw, "seed": 12}).v.isel(i_ac=0).values,
    )


def test_grid_rejects_unknown_axis():
    with pytest.raises(ParameterError) as info:
        grid(iv_curve, betac=[1.0], i_dc=BIAS)
    assert "beta_c" in str(info.value)


def test_netcdf_round_trip(tmp_path):
    ds = iv_curve([0.0, 3.0], BIAS, sweep="up-down")
    ds["z"] = ds.v + 1j * ds.v**2  # complex variables are stored as real and imaginary parts
    path = io.save(ds, tmp_path / "r.nc")
    back = io.load(path)
    xr.testing.assert_identical(back, ds)
    assert [p.name for p in tmp_path.iterdir()] == ["r.nc"]


def test_plot_iv_labels():
    import matplotlib

    matplotlib.use("Agg")
    ax = plot.iv(iv_curve(10.0, BIAS, sweep="up-down"))
    assert "I_c" in ax.get_xlabel() and "voltage" in ax.get_ylabel()
    assert len(ax.get_lines()) == 2
