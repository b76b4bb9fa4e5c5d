"""Claims, records and verdicts: the vocabulary of a reproduction report.

A source document is a :class:`Document`; each quantitative claim in it is a function
registered with :meth:`Document.claim`, which receives ``quick`` (bool) and returns an
:class:`Outcome` made by one of the verdict helpers below.  The helpers decide the verdict
from the numbers, never the claim author:

* :func:`compare` - ours against a reference (the document's number, an exact value or an
  independent computation) within a stated tolerance: ``pass`` or ``fail``.
* :func:`departure` - the document is wrong or loose: ours is checked against the *correct*
  reference (``pass`` criterion), and the document's value is shown beside it with the physics
  of the departure.  If our own check fails the verdict is ``fail``, not ``departure``.
* :func:`holds` - a qualitative statement checked by a boolean computed from our numbers.

Running a claim gives a :class:`Record`: the registration metadata (identifier, where it is
in the document, the statement) plus the outcome, the wall time, and the figure if any.  An
exception inside a claim gives a record with verdict ``error`` (a failure of the report),
never a crashed run.
"""

from __future__ import annotations

import math
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from ..errors import ParameterError

__all__ = [
    "VERDICTS",
    "Claim",
    "Document",
    "Outcome",
    "Record",
    "compare",
    "departure",
    "holds",
]

#: Verdicts a record can carry; ``fail`` and ``error`` count as failures of the report.
VERDICTS = ("pass", "departure", "fail", "error")


@dataclass(frozen=True, kw_only=True)
class Outcome:
    """What a claim function returns (build it with :func:`compare`, :func:`departure`, :func:`holds`)."""

    verdict: str
    ours: Any
    reference: Any
    document: Any
    tolerance: str
    why: str
    explanation: str = ""
    figure: Any = None
    values: dict = field(default_factory=dict)

    def __post_init__(self):
        if self.verdict not in VERDICTS:
            raise ParameterError("verdict", self.verdict, f"one of {', '.join(VERDICTS)}")


def _as_array(x):
    return np.asarray(x, dtype=float)


def _within(ours, reference, rtol: float, atol: float) -> tuple[bool, float]:
    """Whether ours matches reference elementwise; returns (ok, worst deviation)."""
    a, b = _as_array(ours), _as_array(reference)
    if a.shape != b.shape and a.size != 1 and b.size != 1:
        return False, math.inf
    if not (np.all(np.isfinite(a)) and np.all(np.isfinite(b))):
        return bool(np.array_equal(a, b, equal_nan=True)), math.nan
    dev = np.abs(a - b)
    ok = bool(np.all(dev <= atol + rtol * np.abs(b)))
    return ok, float(np.max(dev)) if dev.size else 0.0


def _tol_text(rtol: float, atol: float) -> str:
    parts = []
    if rtol:
        parts.append(f"rtol {rtol:.3g}")
    if atol:
        parts.append(f"atol {atol:.3g}")
    return ", ".join(parts) or "exact"


def compare(
    ours,
    reference,
    *,
    rtol: float = 0.0,
    atol: float = 0.0,
    why: str,
    document=None,
    explanation: str = "",
    figure=None,
    values: dict | None = None,
) -> Outcome:
    """``pass`` when ``|ours - reference| <= atol + rtol |reference|`` everywhere, else ``fail``.

    ``reference`` is what the claim is checked against (the document's value when the document
    gives one, otherwise an exact or independent value; then pass the document's own wording
    or number as ``document``).  ``why`` says why that tolerance is the right one.
    """
    if not why:
        raise ParameterError("why", why, "a reason for the tolerance")
    ok, worst = _within(ours, reference, rtol, atol)
    return Outcome(
        verdict="pass" if ok else "fail",
        ours=ours,
        reference=reference,
        document=reference if document is None else document,
        tolerance=_tol_text(rtol, atol)
        + (f" (worst deviation {worst:.3g})" if np.isfinite(worst) else ""),
        why=why,
        explanation=explanation,
        figure=figure,
        values=dict(values or {}),
    )


def departure(
    ours,
    reference,
    *,
    document,
    rtol: float = 0.0,
    atol: float = 0.0,
    why: str,
    explanation: str,
    document_differs: bool | None = None,
    figure=None,
    values: dict | None = None,
) -> Outcome:
    """The document is wrong or loose here: ``departure`` if ours matches the correct ``reference``.

    ``document`` is the document's value or statement.  When it is a number, the document is
    taken to differ if it lies outside the same tolerance of ``reference``; for a statement, pass
    ``document_differs`` (a boolean computed from our numbers that shows the statement fails).
    If the document turns out to agree after all, the verdict is ``pass`` (the departure note
    is then stale and says so); if ours misses the reference, ``fail``.
    """
    if not explanation:
        raise ParameterError("explanation", explanation, "the physics of the departure")
    checked = compare(
        ours, reference, rtol=rtol, atol=atol, why=why, document=document, figure=figure,
        values=values,
    )  # fmt: skip
    if document_differs is None:
        try:
            same, _ = _within(document, reference, rtol, atol)
        except (TypeError, ValueError):
            raise ParameterError(
                "document_differs", None, "a boolean when the document's claim is not a number"
            ) from None
        document_differs = not same
    if checked.verdict == "fail":
        verdict = "fail"
    elif document_differs:
        verdict = "departure"
    else:
        verdict = "pass"
        explanation = "(the document agrees here after all) " + explanation
    return replace(checked, verdict=verdict, explanation=explanation)


def holds(
    condition: bool,
    *,
    ours,
    document,
    why: str,
    reference="holds",
    explanation: str = "",
    figure=None,
    values: dict | None = None,
) -> Outcome:
    """A qualitative statement: ``pass`` when ``condition`` (computed from our numbers) is true."""
    if not why:
        raise ParameterError("why", why, "what the condition tests")
    return Outcome(
        verdict="pass" if bool(condition) else "fail",
        ours=ours,
        reference=reference,
        document=document,
        tolerance="qualitative",
        why=why,
        explanation=explanation,
        figure=figure,
        values=dict(values or {}),
    )


@dataclass(frozen=True)
class Claim:
    """A registered claim: metadata known without computing anything."""

    id: str
    where: str
    statement: str
    func: Callable[[bool], Outcome]

    def run(self, quick: bool = True) -> Record:
        start = time.perf_counter()
        try:
            outcome = self.func(quick)
            if not isinstance(outcome, Outcome):
                raise TypeError(f"claim {self.id} returned {type(outcome).__name__}, not Outcome")
        except Exception as exc:  # a broken claim is a failed row, not a crashed report
            last = traceback.extract_tb(exc.__traceback__)[-1]
            outcome = Outcome(
                verdict="error",
                ours=None,
                reference=None,
                document=None,
                tolerance="",
                why="",
                explanation=f"{type(exc).__name__}: {exc} ({last.filename}:{last.lineno})",
            )
        return Record(claim=self, outcome=outcome, seconds=time.perf_counter() - start)


@dataclass(frozen=True)
class Record:
    """A claim with its outcome."""

    claim: Claim
    outcome: Outcome
    seconds: float

    @property
    def verdict(self) -> str:
        return self.outcome.verdict


class Document:
    """A source document and its claims, in document order."""

    def __init__(self, key: str, title: str, source: str, module: str | None = None):
        self.key = key
        self.title = title
        self.source = source
        self.module = module
        self._claims: list[Claim] = []

    @property
    def covered(self) -> bool:
        return self.module is not None

    def claim(self, id: str, *, where: str, statement: str):
        """Register ``func(quick) -> Outcome`` as the claim ``id`` found at ``where``."""
        if any(c.id == id for c in self._claims):
            raise ParameterError("id", id, f"an identifier not yet used in document {self.key}")

        def register(func):
            self._claims.append(Claim(id=id, where=where, statement=statement, func=func))
            return func

        return register

    @property
    def claims(self) -> tuple[Claim, ...]:
        return tuple(self._claims)

    def __repr__(self) -> str:
        return f"Document({self.key!r}, {self.title!r}, claims={len(self._claims)})"
