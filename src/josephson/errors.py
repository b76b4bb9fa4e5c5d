"""Exceptions raised by josephson.

Every error a user can cause by bad input is a :class:`ParameterError`: it names the
argument, the offending value and what is allowed.  Failures at run time (an integration
that does not converge) are :class:`ConvergenceError`.  Both derive from
:class:`JosephsonError`, and from the matching built-in exception, so ``except ValueError``
keeps working.
"""

from __future__ import annotations

from typing import Any

__all__ = ["ConvergenceError", "JosephsonError", "ParameterError"]


class JosephsonError(Exception):
    """Base class of every error raised by josephson."""


class ParameterError(JosephsonError, ValueError):
    """A parameter has a value that is not allowed.

    Attributes
    ----------
    argument : str
        Name of the parameter, as spelled in the API (``beta_c``, ``i_dc``, ...).
    value : Any
        The value received.
    allowed : str
        Human-readable statement of what is allowed.
    """

    def __init__(self, argument: str, value: Any, allowed: str, detail: str = ""):
        self.argument = argument
        self.value = value
        self.allowed = allowed
        text = f"invalid {argument}={_short(value)}: allowed {allowed}"
        if detail:
            text += f" ({detail})"
        super().__init__(text)
        self._init = (argument, value, allowed, detail)

    def __reduce__(self):  # raised in a worker process, re-raised in the parent
        return type(self), self._init


class ConvergenceError(JosephsonError, RuntimeError):
    """A numerical method failed to converge.

    Attributes
    ----------
    method : str
        Name of the method that failed.
    reached : Any
        How far it got (a time, an iteration count, a residual).
    """

    def __init__(self, method: str, reached: Any, detail: str = ""):
        self.method = method
        self.reached = reached
        text = f"{method} did not converge (reached {reached})"
        if detail:
            text += f": {detail}"
        super().__init__(text)
        self._init = (method, reached, detail)

    def __reduce__(self):  # raised in a worker process, re-raised in the parent
        return type(self), self._init


def _short(value: Any, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."
