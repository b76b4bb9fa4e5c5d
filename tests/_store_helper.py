"""A cheap but not instant module-level computation for the store tests (importable by the
worker processes): each call sleeps a few ms and appends one line to ``log``."""

import os
import time

import numpy as np
import xarray as xr


def slow_point(x, y, seed=None, log=None, pause=0.01):
    time.sleep(pause)
    rng = np.random.default_rng(seed)
    ds = xr.Dataset(
        {
            "z": ((), 10.0 * x + y + rng.normal(), {"units": "1", "long_name": "z"}),
            "w": ("k", np.arange(3) * x + 1j * y, {"units": "1", "long_name": "w"}),
        },
        coords={"k": ("k", np.arange(3), {"units": "1", "long_name": "k"})},
        attrs={"computation": "slow_point", "created": str(time.time())},
    )
    if log is not None:
        fd = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, f"{x} {y}\n".encode())
        finally:
            os.close(fd)
    return ds
