"""Parameter grids: run a public computation over the Cartesian product of named axes.

    >>> from josephson.sweep import grid
    >>> from josephson.junction import iv_curve
    >>> ds = grid(iv_curve, beta_c=[0.0, 10.0], noise=[0.0], i_dc=np.linspace(0, 3, 31))

Each keyword is an axis (a 1-D array of values of the parameter with that name).  The result
is one :class:`xarray.Dataset` whose leading dimensions are the axis names in the order
given, followed by the dimensions of ``func``'s own result.  Looped results of different
lengths along a dimension of their own (``open_system.hysteresis`` over ``alpha`` returns
``tau`` grids of different lengths) are joined on the union of those coordinates and padded
with NaN.

**Vectorised axes.**  A function declares the parameters it takes as whole 1-D arrays, each
returned as a dimension of the same name, in an attribute ``grid_axes`` (a tuple of names);
:func:`josephson.junction.iv_curve` declares ``("beta_c", "noise", "i_dc")``.  Those axes are
passed through whole, so the function integrates them in one compiled batch; all other axes
are looped over, one call per point of their product.

**Seeds.**  If ``seed`` is given and ``func`` takes a ``seed`` keyword, the call at flat
grid index k gets ``numpy.random.SeedSequence(seed, spawn_key=(k,))``: results are identical
whatever the engine, the number of workers, the chunking or the scheduling.

**Attributes.**  The result carries the attrs of the first call's result without its
``created`` timestamp (a grid is made of many calls at different times), plus ``grid`` (JSON:
function, axes, vectorised axes, seed).  So the same call returns an identical dataset
(:func:`xarray.testing.assert_identical`) on every engine, with or without a store, on every run.

**Where it runs** (``engine=``):

- ``"inprocess"``: a plain loop in this process (the default for ``workers=1`` or one call).
- ``"processes"``: local worker processes (the default otherwise; ``workers=None``: one per core).
- ``"dask"``: a Dask cluster (``pip install 'josephson[dask]'``).  ``scheduler=`` is the address
  of a running scheduler (``"tcp://HOST:PORT"``; an address that does not answer within
  ``timeout`` seconds is a :class:`~josephson.errors.ParameterError`, never a hang) or a
  ``dask.distributed.Client``; without it a ``LocalCluster`` of ``workers`` processes is started
  for the call and closed afterwards.

``executor=`` (with ``engine`` left None) takes any object with the
``concurrent.futures.Executor`` interface.  The looped calls are grouped into tasks of
``chunk_size`` calls (default: about four tasks per worker), so cheap points do not drown in
scheduling overhead.  A setting the chosen engine ignores (``scheduler=`` with
``engine="processes"``, ``workers=3`` with ``engine="inprocess"``) is a ParameterError.

**Running on a real cluster.**  The library starts no scheduler of its own except the
throw-away LocalCluster; point it at yours:

- batch systems, with dask-jobqueue::

      from dask_jobqueue import SLURMCluster          # or PBSCluster, SGECluster, ...
      from dask.distributed import Client
      cluster = SLURMCluster(cores=1, processes=1, memory="2GB", walltime="02:00:00")
      cluster.scale(jobs=32)
      with Client(cluster) as client:
          ds = grid(iv_curve, engine="dask", scheduler=client, store="runs/iv", ...)

- Kubernetes, with dask-kubernetes (``KubeCluster(...)`` -> ``Client(cluster)``, as above);
- by hand: ``dask scheduler`` on one machine (it prints ``tcp://HOST:8786``), ``dask worker
  tcp://HOST:8786 --nthreads 1`` on each of the others (all with josephson installed), then
  ``grid(..., engine="dask", scheduler="tcp://HOST:8786")`` or, from the shell,
  ``josephson sweep junction.iv_curve --axis ... --scheduler tcp://HOST:8786 --store runs/iv``.

**Stores.**  ``store=DIR`` makes the sweep resumable: each finished chunk is written to
``DIR`` as it completes (the workers send results back; only this process writes), and the
same call run again computes only the chunks that are missing.  See :mod:`josephson.store`.
"""

from __future__ import annotations

import inspect
import itertools
import json
import math
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import (
    FIRST_COMPLETED,
    Executor,
    ProcessPoolExecutor,
    as_completed,
    wait,
)

import numpy as np
import xarray as xr
from tqdm.auto import tqdm

from .errors import ParameterError

__all__ = ["ENGINES", "grid"]

ENGINES = ("inprocess", "processes", "dask")
TASKS_PER_WORKER = 4
DEFAULT_TIMEOUT = 10.0


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


def _run_chunk(func, calls, single_thread=False):
    """One task: the calls of one chunk, in order."""
    if single_thread:
        _worker_init()
    return [func(**kw) for kw in calls]


def _dask():
    try:
        from dask import distributed
    except ImportError as exc:
        raise ImportError(
            "engine='dask' needs Dask: install the extra with pip install 'josephson[dask]'"
        ) from exc
    return distributed


def _choose_engine(engine, scheduler, executor, workers, timeout, n_calls) -> str:
    if engine is not None and engine not in ENGINES:
        raise ParameterError("engine", engine, f"one of {', '.join(ENGINES)} or None")
    if executor is not None and engine is not None:
        raise ParameterError(
            "executor", executor, f"None with engine={engine!r} (executor= replaces the engine)"
        )
    if engine is None:
        if executor is not None:
            engine = "executor"
        elif (workers == 1) or n_calls == 1:
            engine = "inprocess"
        else:
            engine = "processes"
    if scheduler is not None and engine != "dask":
        raise ParameterError("scheduler", scheduler, "None unless engine='dask'")
    if timeout is not None and not (engine == "dask" and isinstance(scheduler, str)):
        raise ParameterError(
            "timeout", timeout, "None unless engine='dask' with a scheduler address"
        )
    if engine == "inprocess" and workers not in (None, 1):
        raise ParameterError("workers", workers, "None or 1 with engine='inprocess'")
    if engine == "executor" and workers is not None:
        raise ParameterError("workers", workers, "None with executor= (it has its own workers)")
    if engine == "dask" and scheduler is not None and workers is not None:
        raise ParameterError(
            "workers", workers, "None with scheduler= (the cluster has its own workers)"
        )
    if engine == "dask" and not (
        scheduler is None or isinstance(scheduler, str) or hasattr(scheduler, "submit")
    ):
        raise ParameterError(
            "scheduler", scheduler, "a Dask scheduler address 'tcp://HOST:PORT' or a Client"
        )
    if timeout is not None and not (
        isinstance(timeout, int | float) and not isinstance(timeout, bool) and timeout > 0
    ):
        raise ParameterError("timeout", timeout, "a number of seconds > 0")
    return engine


def _connect(distributed, address: str, timeout: float):
    """A Client of the scheduler at ``address``, or ParameterError after ``timeout`` s."""
    try:
        return distributed.Client(address, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise ParameterError(
            "scheduler",
            address,
            f"the address of a running Dask scheduler (no answer after {timeout:g} s)",
            detail=type(exc).__name__,
        ) from None


def grid(
    func: Callable[..., xr.Dataset],
    *,
    engine: str | None = None,
    scheduler=None,
    workers: int | None = None,
    executor: Executor | None = None,
    chunk_size: int | None = None,
    store=None,
    timeout: float | None = None,
    seed=None,
    fixed: dict | None = None,
    progress: bool | None = None,
    **axes,
) -> xr.Dataset:
    """Evaluate ``func`` over the Cartesian product of ``axes``; see the module docstring.

    Parameters
    ----------
    func : callable returning an xarray.Dataset
        A module-level function (the local-process and Dask engines pickle it by name).
    engine : {"inprocess", "processes", "dask"}, optional
        Where the calls run (None: in-process for ``workers=1`` or one call, else processes).
    scheduler : str or dask.distributed.Client, optional
        Only with ``engine="dask"``: a scheduler address ``"tcp://HOST:PORT"`` or a Client
        (None: a LocalCluster of ``workers`` processes for this call).
    workers : int, optional
        Local worker processes (None: the machine's cores).
    executor : concurrent.futures.Executor-like, optional
        Runs the calls instead of an engine (``engine`` must be None).
    chunk_size : int, optional
        Looped calls per task (and per store chunk).  Default: about 4 tasks per worker;
        a store remembers its chunking.
    store : path, optional
        Directory of a resumable store (:mod:`josephson.store`).
    timeout : float, optional
        Seconds to wait for a scheduler address to answer (default 10).
    seed : int or SeedSequence, optional
        Root seed; each grid point gets a seed derived from it and its flat index.
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
    if workers is not None and not (
        isinstance(workers, int) and not isinstance(workers, bool) and workers >= 1
    ):
        raise ParameterError("workers", workers, "a whole number >= 1 or None")
    if chunk_size is not None and not (
        isinstance(chunk_size, int) and not isinstance(chunk_size, bool) and chunk_size >= 1
    ):
        raise ParameterError("chunk_size", chunk_size, "a whole number >= 1 or None")
    takes_seed = accepted is None or "seed" in accepted
    if seed is not None and not takes_seed:
        raise ParameterError("seed", seed, f"None ({func.__name__} takes no seed)")

    vectorised = [n for n in axes if n in getattr(func, "grid_axes", ())]
    looped = [n for n in axes if n not in vectorised]
    points = list(itertools.product(*(range(values[n].size) for n in looped)))
    n_calls = len(points)
    engine = _choose_engine(engine, scheduler, executor, workers, timeout, n_calls)
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
    function = f"{func.__module__}.{func.__qualname__}"
    seed_text = None if seed is None else str(seed)

    n_workers = workers if workers is not None else (os.cpu_count() or 1)
    if engine == "inprocess":
        n_workers = 1
    default_chunk = max(1, math.ceil(n_calls / (TASKS_PER_WORKER * n_workers)))

    st = None
    if store is not None:
        from .store import open_store

        spec = {
            "function": function,
            "axes": {n: values[n].tolist() for n in axes},
            "order": list(axes),
            "vectorised": vectorised,
            "looped": looped,
            "fixed": fixed,
            "seed": seed_text,
            "points": n_calls,
        }
        st = open_store(store, spec, chunk_size=chunk_size, default_chunk_size=default_chunk)
        size = st.chunk_size
    else:
        size = chunk_size or default_chunk
    bounds = [(s, min(s + size, n_calls)) for s in range(0, n_calls, size)]

    results: list[xr.Dataset | None] = [None] * n_calls
    try:
        todo = list(range(len(bounds)))
        if st is not None:
            for c, chunk in st.committed().items():
                results[bounds[c][0] : bounds[c][1]] = chunk
            todo = [c for c in todo if results[bounds[c][0]] is None]
        done = n_calls - sum(bounds[c][1] - bounds[c][0] for c in todo)
        # disable=None lets tqdm show the bar only on a terminal
        disable = (None if n_calls > 1 else True) if progress is None else not progress
        with tqdm(
            total=n_calls, initial=done, desc=getattr(func, "__name__", "grid"), disable=disable
        ) as bar:

            def commit(c, chunk):
                start, stop = bounds[c]
                if len(chunk) != stop - start:  # pragma: no cover - a broken executor
                    raise RuntimeError(f"chunk {c} returned {len(chunk)} results")
                results[start:stop] = chunk
                if st is not None:
                    st.write(c, chunk)
                bar.update(stop - start)

            tasks = {c: calls[bounds[c][0] : bounds[c][1]] for c in todo}
            if tasks:
                _RUNNERS[engine](
                    func,
                    tasks,
                    commit,
                    n_workers=n_workers,
                    scheduler=scheduler,
                    executor=executor,
                    timeout=DEFAULT_TIMEOUT if timeout is None else float(timeout),
                )
    finally:
        if st is not None:
            st.close()

    # nest the looped results back into the grid shape
    first_attrs = dict(results[0].attrs)  # type: ignore[union-attr]
    datasets = [r.drop_vars([n for n in looped if n in r.coords]) for r in results]  # type: ignore[union-attr]
    for k, idx in enumerate(points):
        datasets[k] = datasets[k].expand_dims(
            {n: [values[n][j]] for n, j in zip(looped, idx, strict=True)}
        )
    combined = _nest(datasets, [values[n].size for n in looped], looped)
    order = list(axes) + [d for d in combined.dims if d not in axes]
    combined = combined.transpose(*order)
    first_attrs.pop("created", None)  # many calls at many times: not a property of the grid
    combined.attrs = first_attrs
    combined.attrs["grid"] = json.dumps(
        {"function": function, "axes": list(axes), "vectorised": vectorised, "seed": seed_text}
    )
    return combined


def _run_inprocess(func, tasks, commit, **_):
    for c, chunk in tasks.items():
        commit(c, _run_chunk(func, chunk))


def _run_futures(ex, func, tasks, commit, wait, single_thread=False, cancel=None):
    futures = {ex.submit(_run_chunk, func, chunk, single_thread): c for c, chunk in tasks.items()}
    try:
        for fut in wait(futures):
            commit(futures[fut], fut.result())
    except BaseException:
        if cancel is not None:
            cancel(list(futures))
        else:
            for fut in futures:
                fut.cancel()
        raise


def _run_window(ex, func, tasks, commit, window):
    """At most ``window`` tasks in flight, a new one submitted only after a commit: a killed
    sweep loses at most ``window`` chunks of work, and results never pile up in memory."""
    pending = iter(tasks.items())
    running = {}
    try:
        for c, chunk in itertools.islice(pending, window):
            running[ex.submit(_run_chunk, func, chunk)] = c
        while running:
            finished, _ = wait(running, return_when=FIRST_COMPLETED)
            for fut in finished:
                commit(running.pop(fut), fut.result())
                for c, chunk in itertools.islice(pending, 1):
                    running[ex.submit(_run_chunk, func, chunk)] = c
    except BaseException:
        for fut in running:
            fut.cancel()
        raise


def _run_processes(func, tasks, commit, *, n_workers, **_):
    ex = ProcessPoolExecutor(
        max_workers=min(n_workers, len(tasks)),
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_worker_init,
    )
    try:
        _run_window(ex, func, tasks, commit, window=min(n_workers, len(tasks)))
    finally:
        ex.shutdown(cancel_futures=True)


def _run_executor(func, tasks, commit, *, executor, **_):
    cancel = getattr(executor, "cancel", None)  # a dask Client cancels a list of futures
    _run_futures(executor, func, tasks, commit, _as_completed_any, cancel=cancel)


def _as_completed_any(futures):
    """``as_completed`` for concurrent.futures or Dask futures."""
    first = next(iter(futures))
    if type(first).__module__.startswith("distributed"):
        from distributed import as_completed as dask_completed

        return dask_completed(list(futures), loop=first.client.loop)
    return as_completed(futures)


def _run_dask(func, tasks, commit, *, n_workers, scheduler, timeout, **_):
    distributed = _dask()
    cluster = None
    own = not hasattr(scheduler, "submit")
    if scheduler is None:
        cluster = distributed.LocalCluster(
            n_workers=min(n_workers, len(tasks)),
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
        )
        client = distributed.Client(cluster, set_as_default=False)
    elif isinstance(scheduler, str):
        client = _connect(distributed, scheduler, timeout)
    else:
        client = scheduler
    try:
        _run_futures(
            client,
            func,
            tasks,
            commit,
            lambda fs: distributed.as_completed(list(fs), loop=client.loop),
            single_thread=cluster is not None,
            cancel=client.cancel,
        )
    finally:
        if own:
            client.close()
        if cluster is not None:
            cluster.close()


_RUNNERS = {
    "inprocess": _run_inprocess,
    "processes": _run_processes,
    "executor": _run_executor,
    "dask": _run_dask,
}


def _nest(datasets: list[xr.Dataset], shape: list[int], names: list[str]) -> xr.Dataset:
    if not names:
        return datasets[0]
    block = int(np.prod(shape[1:])) if len(shape) > 1 else 1
    parts = [
        _nest(datasets[k * block : (k + 1) * block], shape[1:], names[1:]) for k in range(shape[0])
    ]
    # results of different lengths along their own dimensions: union of coords, NaN padding
    return xr.concat(parts, dim=names[0], combine_attrs="override", data_vars="all", join="outer")
