"""Provenance recorded in the attrs of every result (JSON text, so files open anywhere)."""

from __future__ import annotations

import datetime as _dt
import json
from dataclasses import asdict, is_dataclass
from typing import Any

from . import __version__
from .units import CODATA_RELEASE


def _plain(obj: Any) -> Any:
    if is_dataclass(obj) and not isinstance(obj, type):
        describe = getattr(obj, "describe", None)
        return describe() if callable(describe) else {"class": type(obj).__name__, **asdict(obj)}
    if hasattr(obj, "describe"):
        return obj.describe()
    if hasattr(obj, "tolist"):
        return obj.tolist()
    if isinstance(obj, tuple):
        return list(obj)
    return obj


def to_json(obj: Any) -> str:
    return json.dumps(obj, default=_plain, sort_keys=True)


def provenance(*, computation: str, model: Any, method: Any) -> dict[str, str]:
    """Attributes describing how a result was made."""
    import numba
    import numpy
    import scipy

    return {
        "computation": computation,
        "model": to_json(model),
        "method": to_json(method),
        "josephson_version": __version__,
        "constants": f"scipy.constants {scipy.__version__} ({CODATA_RELEASE})",
        "software": to_json(
            {"numpy": numpy.__version__, "scipy": scipy.__version__, "numba": numba.__version__}
        ),
        "created": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
    }
