"""Shared input validation: every check raises :class:`~josephson.errors.ParameterError`
naming the argument, the value and what is allowed, never a bare TypeError/ValueError.

Also :func:`attrs`, the ``units``/``long_name`` attribute dict of dataset variables.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from .errors import ParameterError

__all__ = ["array", "attrs", "choice", "scalar", "seed", "whole"]


def attrs(units: str, long_name: str, **extra) -> dict:
    """Attributes of a dataset variable or coordinate."""
    return {"units": units, "long_name": long_name, **extra}


def _range_text(low, high, low_open, high_open) -> str:
    parts = []
    if low is not None:
        parts.append(f"{'>' if low_open else '>='} {low:g}")
    if high is not None:
        parts.append(f"{'<' if high_open else '<='} {high:g}")
    return " and ".join(parts)


def _in_range(arr, low, high, low_open, high_open) -> bool:
    ok = np.ones(arr.shape, dtype=bool)
    if low is not None:
        ok &= (arr > low) if low_open else (arr >= low)
    if high is not None:
        ok &= (arr < high) if high_open else (arr <= high)
    return bool(np.all(ok))


def scalar(
    name: str,
    value,
    *,
    low: float | None = None,
    high: float | None = None,
    low_open: bool = False,
    high_open: bool = False,
    allowed: str | None = None,
) -> float:
    """A single finite real number within [low, high] (ends open if asked)."""
    text = allowed or " ".join(
        filter(None, ["a finite number", _range_text(low, high, low_open, high_open)])
    )
    if isinstance(value, bool) or np.ndim(value) != 0:
        raise ParameterError(name, value, text)
    try:
        x = float(value)
    except (TypeError, ValueError):
        raise ParameterError(name, value, text) from None
    if not math.isfinite(x) or not _in_range(np.asarray(x), low, high, low_open, high_open):
        raise ParameterError(name, value, text)
    return x


def array(
    name: str,
    value,
    *,
    ndim: Sequence[int] = (0, 1),
    low: float | None = None,
    high: float | None = None,
    low_open: bool = False,
    high_open: bool = False,
    nonempty: bool = True,
    allowed: str | None = None,
) -> np.ndarray:
    """A float array of finite numbers within [low, high] whose ndim is one of ``ndim``."""
    dims = " or ".join(
        {0: "a number", 1: "a 1-D array", 2: "a 2-D array"}.get(d, f"{d}-D") for d in ndim
    )
    text = allowed or " ".join(
        filter(None, [f"{dims} of finite numbers", _range_text(low, high, low_open, high_open)])
    )
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise ParameterError(name, value, text) from None
    if arr.ndim not in ndim or (nonempty and arr.size == 0):
        raise ParameterError(name, value, text)
    if np.any(~np.isfinite(arr)) or not _in_range(arr, low, high, low_open, high_open):
        raise ParameterError(name, value, text)
    return arr


def whole(name: str, value, minimum: int = 0) -> int:
    """A whole number >= minimum (bools refused)."""
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < minimum:
        raise ParameterError(name, value, f"a whole number >= {minimum}")
    return int(value)


def choice(name: str, value, options: Sequence[str]) -> str:
    """One of ``options``."""
    if not isinstance(value, str) or value not in options:
        raise ParameterError(name, value, "one of " + ", ".join(repr(o) for o in options))
    return value


def seed(value, name: str = "seed"):
    """A seed that :func:`numpy.random.default_rng` accepts: None, a whole number >= 0, a
    SeedSequence or a Generator (returned unchanged)."""
    if isinstance(value, bool) or isinstance(value, float | str | bytes):
        raise ParameterError(
            name, value, "None, a whole number >= 0, a SeedSequence or a Generator"
        )
    try:
        np.random.default_rng(value)
    except (TypeError, ValueError):
        raise ParameterError(
            name, value, "None, a whole number >= 0, a SeedSequence or a Generator"
        ) from None
    return value
