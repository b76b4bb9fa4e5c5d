"""Parameter grids: run a public computation over the Cartesian product of named axes.

    >>> from josephson.sweep import grid
    >>> from josephson.junction import iv_curve
    >>> ds = grid(iv_curve, beta_c=[0.0, 10.0], noise=[0.0], i_dc=np.linspace(0, 3, 31))

Each keyword is an axis (a 1-D array of values of the parameter with that name).  The result
is one :class:`xarray.Dataset` whose leading dimensions are the axis names in the order
given, followed by the dimensions of ``func``'s own result.

**Vectorised axes.**  A function declares the parameters it takes as whole 1-D arrays, each
returned as a dimension of the same name, in an attribute ``grid_axes`` (a tuple of names);
:func:`josephson.junction.iv_curve` declares ``("beta_c", "noise", "i_dc")``.  Those axes are
passed through whole, so the function integrates them in one compiled batch; all other axes
are looped over, one call per point of their product.

**Seeds.**  If ``seed`` is given and ``func`` takes a ``seed`` keyword, the call at flat
grid index k gets ``numpy.random.SeedSequence(seed, spawn_key=(k,))``: results are identical
whatever the number of workers or their scheduling.

**Where it runs.**  ``workers=1`` runs in-process; otherwise the looped calls go to local
worker processes (``workers=None``: one per core).  ``executor=`` takes any object with the
``concurrent.futures.Executor`` interface (``submit`` returning futures with ``result()``),
for example a ``dask.distributed.Client``: that is the seam for cluster back-ends.
"""

from __future__ import annotations

import inspect
import itertools
import json
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import Executor, ProcessPoolExecutor, as_completed

import numpy as np
import xarray as xr
from tqdm.auto import tqdm

from .errors import ParameterError

__all__ = ["grid"]


def _parameters(func) -> set[str] | None:
    """Names ``func`` accepts, or None if it takes **kwargs."""
    sig = inspect.signature(func)
    if any(p.kind is p.VAR_KEYWORD for p in sig.parameters.values()):
        return None
    return {n for n, p in sig.parameters.items() if p.kind is not p.VAR_POSITIONAL}


def _worker_init():
    try:
        import numba

        numba.set_num_threads(1)  # the processes already use the cores
    except ImportError:  # pragma: no cover
        pass


def _call(func, kwargs):
    return func(**kwargs)


def grid(
    func: Callable[..., xr.Dataset],
    *,
    workers: int | None = None,
    executor: Executor | None = None,
    seed=None,
    fixed: dict | None = None,
    progress: bool | None = None,
    **axes,
) -> xr.Dataset:
    """Evaluate ``func`` over the Cartesian product of ``axes``; see the module docstring.

    Parameters
    ----------
    func : callable returning an xarray.Dataset
    workers : int, optional
        Local worker processes (None: the machine's cores; 1: in-process).
    executor : concurrent.futures.Executor-like, optional
        Runs the calls instead of local processes (e.g. a Dask client).
    seed : int or SeedSequence, optional
        Root seed; each grid point gets a seed derived from it and its index.
    fixed : dict, optional
        Keyword arguments passed unchanged to every call.
    progress : bool, optional
        Show a progress bar (None: only on a terminal and for more than one call).
    **axes : 1-D arrays
        Parameter name -> values.
    """
    if not axes:
        raise ParameterError("axes", {}, "at least one named parameter axis")
    fixed = dict(fixed or {})
    accepted = _parameters(func)
    valid = sorted(accepted) if accepted is not None else None
    values: dict[str, np.ndarray] = {}
    for name, vals in axes.items():
        if accepted is not None and name not in accepted:
            raise ParameterError(
                "axes", name, f"a parameter of {func.__name__}: {', '.join(valid)}"
            )
        arr = np.atleast_1d(np.asarray(vals))
        if arr.ndim != 1 or arr.size == 0:
            raise ParameterError(name, vals, "a non-empty 1-D array of values")
        values[name] = arr
    overlap = set(fixed) & set(axes)
    if overlap:
        raise ParameterError("fixed", sorted(overlap), "names that are not also axes")
    if workers is not None and not (isinstance(workers, int) and workers >= 1):
        raise ParameterError("workers", workers, "a whole number >= 1 or None")
    takes_seed = accepted is None or "seed" in accepted
    if seed is not None and not takes_seed:
        raise ParameterError("seed", seed, f"None ({func.__name__} takes no seed)")

    vectorised = [n for n in axes if n in getattr(func, "grid_axes", ())]
    looped = [n for n in axes if n not in vectorised]
    points = list(itertools.product(*(range(values[n].size) for n in looped)))
    root = (
        seed
        if isinstance(seed, np.random.SeedSequence)
        else (None if seed is None else np.random.SeedSequence(seed))
    )
    calls = []
    for flat, idx in enumerate(points):
        kw = dict(fixed)
        kw.update({n: values[n] for n in vectorised})
        kw.update({n: values[n][k].item() for n, k in zip(looped, idx, strict=True)})
        if root is not None:
            kw["seed"] = np.random.SeedSequence(root.entropy, spawn_key=(*root.spawn_key, flat))
        calls.append(kw)

    # disable=None lets tqdm show the bar only on a terminal
    disable = (None if len(calls) > 1 else True) if progress is None else not progress
    bar = tqdm(total=len(calls), desc=getattr(func, "__name__", "grid"), disable=disable)
    results: list[xr.Dataset | None] = [None] * len(calls)
    n_workers = workers if workers is not None else (os.cpu_count() or 1)
    try:
        if executor is None and (n_workers == 1 or len(calls) == 1):
            for k, kw in enumerate(calls):
                results[k] = func(**kw)
                bar.update()
        else:
            own = executor is None
            ex = executor or ProcessPoolExecutor(
                max_workers=min(n_workers, len(calls)),
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_worker_init,
            )
            try:
                futures = {ex.submit(_call, func, kw): k for k, kw in enumerate(calls)}
                for fut in as_completed(futures):
                    results[futures[fut]] = fut.result()
                    bar.update()
            finally:
                if own:
                    ex.shutdown(cancel_futures=True)
    finally:
        bar.close()

    # nest the looped results back into the grid shape
    datasets = [r.drop_vars([n for n in looped if n in r.coords]) for r in results]  # type: ignore[union-attr]
    for k, idx in enumerate(points):
        datasets[k] = datasets[k].expand_dims(
            {n: [values[n][j]] for n, j in zip(looped, idx, strict=True)}
        )
    combined = _nest(datasets, [values[n].size for n in looped], looped)
    order = list(axes) + [d for d in combined.dims if d not in axes]
    combined = combined.transpose(*order)
    combined.attrs = dict(results[0].attrs)  # type: ignore[union-attr]
    combined.attrs["grid"] = json.dumps(
        {
            "function": f"{func.__module__}.{func.__qualname__}",
            "axes": list(axes),
            "vectorised": vectorised,
            "seed": None if seed is None else str(seed),
        }
    )
    return combined


def _nest(datasets: list[xr.Dataset], shape: list[int], names: list[str]) -> xr.Dataset:
    if not names:
        return datasets[0]
    block = int(np.prod(shape[1:])) if len(shape) > 1 else 1
    parts = [
        _nest(datasets[k * block : (k + 1) * block], shape[1:], names[1:]) for k in range(shape[0])
    ]
    return xr.concat(parts, dim=names[0], combine_attrs="override", data_vars="all")
