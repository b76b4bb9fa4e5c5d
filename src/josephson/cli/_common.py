"""What every ``josephson`` command shares: the parser class, argument types, outputs, exit codes.

A domain module (``josephson.cli.<domain>``) imports these and the physics packages, never
another CLI module; this module imports no domain.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np

from ..errors import ConvergenceError, JosephsonError, ParameterError

__all__ = [
    "Parser",
    "UsageError",
    "check_out",
    "figure",
    "finish",
    "number",
    "outputs",
    "parse_range",
    "run_guarded",
    "write_png",
]


class UsageError(Exception):
    """A command line the parser rejects (exit code 2)."""


class Parser(argparse.ArgumentParser):
    """An ``ArgumentParser`` whose errors are one line and exit 2 (see :func:`run_guarded`).

    Negative numbers in exponent form (``--pdot -1e-13``) are read as values, not as options
    (argparse alone accepts only ``-1`` and ``-0.5``), so that the physics check can refuse
    them with its own message.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._negative_number_matcher = re.compile(r"^-(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$")

    def error(self, message):  # one line, no usage dump, exit code 2 (handled in run_guarded)
        raise UsageError(message)


def parse_range(text: str, name: str = "i_dc") -> np.ndarray:
    """``START:STOP:N`` (N points, inclusive), a comma list, or a single number."""
    try:
        if ":" in text:
            parts = text.split(":")
            if len(parts) != 3:
                raise ValueError
            start, stop, n = float(parts[0]), float(parts[1]), int(parts[2])
            if n < 1:
                raise ValueError
            return np.linspace(start, stop, n)
        return np.array([float(x) for x in text.split(",")])
    except ValueError:
        raise ParameterError(
            name, text, "START:STOP:N (N >= 1 points), a comma list or a number"
        ) from None


def number(name: str) -> Callable[[str], float]:
    """An argparse ``type`` reading one float; the message names the parameter ``name``."""

    def conv(text):
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"invalid {name}={text!r}: allowed a number") from None
        return value

    return conv


def write_png(fig, path: Path) -> None:
    """Save a Matplotlib figure as PNG through a temporary name (no partial file)."""
    from ..io import atomic_path

    with atomic_path(path) as tmp:
        fig.savefig(tmp, format="png", dpi=130, bbox_inches="tight")


def figure():
    """A detached 6.4 x 4.8 in figure with one axes: ``(fig, ax)``."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(6.4, 4.8))
    return fig, fig.add_subplot()


def check_out(path: Path | None, suffix: str, flag: str) -> None:
    """A ParameterError naming ``flag`` unless ``path`` is None or ends in ``suffix``."""
    if path is not None and path.suffix != suffix:
        raise ParameterError(flag, str(path), f"a file name ending in {suffix}")


def outputs(args) -> tuple[Path | None, Path | None]:
    """The --out (.nc) and --png (.png) paths of a command, checked before any work."""
    out = Path(args.out) if args.out else None
    png = Path(args.png) if args.png else None
    check_out(out, ".nc", "out")
    check_out(png, ".png", "png")
    return out, png


def finish(lines: list[str], ds, out: Path | None, fig, png: Path | None) -> int:
    """Write the dataset and the (already drawn) figure, then print the summary."""
    from ..io import save

    if out is not None:
        save(ds, out)
        lines.append(f"wrote {out}")
    if fig is not None:
        write_png(fig, png)
        lines.append(f"wrote {png}")
    print("\n".join(lines))
    return 0


def run_guarded(command: Callable[..., int], *args, **kwargs) -> int:
    """``command(*args, **kwargs)`` under the command's error policy; returns the exit code.

    Any failure is one line ``josephson: error: ...`` on stderr: exit 2 for bad input
    (usage errors, ParameterError), 1 for a failure at run time (ConvergenceError, any other
    JosephsonError, OSError), 130 on Ctrl-C.  Anything else is a bug: one line too, unless the
    environment variable JOSEPHSON_DEBUG is set, which re-raises it with its traceback.
    """
    try:
        return command(*args, **kwargs)
    except UsageError as exc:
        print(f"josephson: error: {exc}", file=sys.stderr)
        return 2
    except ParameterError as exc:
        print(f"josephson: error: {exc}", file=sys.stderr)
        return 2
    except (ConvergenceError, JosephsonError, OSError) as exc:
        print(f"josephson: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:  # pragma: no cover
        print("josephson: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # pragma: no cover - a bug: one line unless debugging
        if os.environ.get("JOSEPHSON_DEBUG"):
            raise
        print(
            f"josephson: error: internal error {type(exc).__name__}: {exc} (set JOSEPHSON_DEBUG=1 for details)",
            file=sys.stderr,
        )
        return 1
