"""``josephson sweep``: any solve function of any domain over a parameter grid.

    josephson sweep junction.iv_curve --axis beta_c=0,2,10 --axis i_dc=0:3:61 \\
        --fixed sweep=up-down --workers 2 --out iv.nc
    josephson sweep open_system.hysteresis --axis alpha=2:6:5 --fixed rate=0.02 \\
        --engine dask --scheduler tcp://HOST:8786 --store runs/hyst --out hyst.nc
    josephson sweep --list

The function is named ``DOMAIN.FUNCTION`` where ``FUNCTION`` is in the ``SWEEPABLE`` tuple of the
physics package ``josephson.DOMAIN``.  Axis and fixed values are ``START:STOP:N``, comma lists or
single values (numbers, ``true``/``false`` or text).
"""

from __future__ import annotations

import importlib
import pkgutil

__all__ = ["register"]

_NOT_DOMAINS = {"cli", "reproduce"}


def _domains() -> dict[str, tuple[str, ...]]:
    import josephson

    found = {}
    for info in pkgutil.iter_modules(josephson.__path__):
        if info.ispkg and info.name not in _NOT_DOMAINS and not info.name.startswith("_"):
            mod = importlib.import_module(f"josephson.{info.name}")
            if getattr(mod, "SWEEPABLE", None):
                found[info.name] = tuple(mod.SWEEPABLE)
    return found


def _function(name: str):
    from ..errors import ParameterError

    domains = _domains()
    valid = ", ".join(f"{d}.{f}" for d, fs in domains.items() for f in fs)
    domain, _, func = name.partition(".")
    if domain not in domains or func not in domains[domain]:
        raise ParameterError("function", name, f"one of {valid}")
    return getattr(importlib.import_module(f"josephson.{domain}"), func)


def _scalar(text: str):
    low = text.strip().lower()
    if low in ("true", "false"):
        return low == "true"
    if low in ("none", "null"):
        return None
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    return text


def _value(text: str, name: str):
    """A fixed value: an array for a range or list, else a scalar."""
    from ._common import parse_range

    if ":" in text or "," in text:
        return parse_range(text, name)
    return _scalar(text)


def _pairs(items: list[str], flag: str) -> dict[str, str]:
    from ..errors import ParameterError

    out = {}
    for item in items or []:
        name, sep, text = item.partition("=")
        name = name.strip().replace("-", "_")
        if not sep or not name or not text:
            raise ParameterError(flag, item, "NAME=VALUES, e.g. beta_c=0:10:11")
        if name in out:
            raise ParameterError(flag, item, f"each name once ({name} repeats)")
        out[name] = text
    return out


def _cmd_sweep(args) -> int:
    import time
    from pathlib import Path

    import numpy as np

    from ..errors import ParameterError
    from ..sweep import grid
    from ._common import check_out, finish, parse_range

    if args.list:
        for domain, funcs in _domains().items():
            for f in funcs:
                print(f"{domain}.{f}")
        return 0
    if args.function is None:
        raise ParameterError("function", None, "DOMAIN.FUNCTION (see josephson sweep --list)")
    func = _function(args.function)
    out = Path(args.out) if args.out else None
    check_out(out, ".nc", "out")
    axes = {}
    for name, text in _pairs(args.axis, "axis").items():
        values = parse_range(text, name)
        if np.all(values == np.round(values)) and ":" not in text and "." not in text:
            values = values.astype(int)
        axes[name] = values
    if not axes:
        raise ParameterError("axis", None, "at least one --axis NAME=VALUES")
    fixed = {n: _value(t, n) for n, t in _pairs(args.fixed, "fixed").items()}
    options = {}
    if args.scheduler is not None and args.engine is None:
        args.engine = "dask"
    for key in ("engine", "scheduler", "store", "chunk_size", "workers"):
        value = getattr(args, key)
        if value is not None:
            options[key] = value
    start = time.perf_counter()
    ds = grid(func, seed=args.seed, fixed=fixed, progress=args.progress, **options, **axes)
    elapsed = time.perf_counter() - start
    shape = " x ".join(f"{n} {np.size(v)}" for n, v in axes.items())
    lines = [
        f"sweep {args.function} over {shape} ({elapsed:.1f} s): variables "
        + ", ".join(str(v) for v in ds.data_vars)
    ]
    if args.store:
        lines.append(f"store {args.store} (rerun the same command to resume)")
    return finish(lines, ds, out, None, None)


def register(sub) -> None:
    """Add the ``sweep`` command to the parser ``sub``."""
    p = sub.add_parser(
        "sweep",
        help="run a solve function over a parameter grid (local processes or a Dask cluster)",
        description="Evaluate DOMAIN.FUNCTION over the Cartesian product of the --axis values "
        "with josephson.sweep.grid: in-process, on local worker processes, or on a Dask cluster "
        "(--scheduler tcp://HOST:PORT), optionally into a resumable store (--store DIR; rerun "
        "the same command after an interruption to compute only what is missing).",
        epilog="example: josephson sweep junction.iv_curve --axis beta_c=0,2,10 --axis "
        "i_dc=0:3:61 --fixed sweep=up-down --out iv.nc",
    )
    p.add_argument("function", nargs="?", metavar="DOMAIN.FUNCTION", help="e.g. junction.iv_curve")
    p.add_argument("--axis", action="append", metavar="NAME=VALUES", help="a grid axis (repeat)")
    p.add_argument("--fixed", action="append", metavar="NAME=VALUE",
                   help="a keyword passed unchanged to every call (repeat)")  # fmt: skip
    p.add_argument("--engine", choices=["inprocess", "processes", "dask"], default=None,
                   help="where the calls run (default: local processes, or in-process for one)")  # fmt: skip
    p.add_argument("--workers", type=int, default=None, help="local worker processes")
    p.add_argument("--scheduler", default=None, metavar="tcp://HOST:PORT",
                   help="address of a running Dask scheduler (implies --engine dask)")  # fmt: skip
    p.add_argument("--store", default=None, metavar="DIR",
                   help="resumable store: each finished chunk is written as it completes")  # fmt: skip
    p.add_argument("--chunk-size", type=int, default=None, help="grid calls per task")
    p.add_argument(
        "--seed", type=int, default=None, help="root seed (per-point seeds derive from it)"
    )
    p.add_argument("--progress", action="store_true", default=None, help="show a progress bar")
    p.add_argument("--out", metavar="FILE.nc", help="write the gridded dataset")
    p.add_argument("--list", action="store_true", help="list the functions that can be swept")
    p.set_defaults(run=_cmd_sweep)
