import warnings

import pytest

warnings.filterwarnings("ignore", message="Cannot cache compiled function")


@pytest.fixture(autouse=True)
def _quiet_numba_cache():
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Cannot cache compiled function")
        yield
