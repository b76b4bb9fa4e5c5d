"""Reproduction reports: every quantitative claim of a source document, recomputed.

One module per source document (``doc003``, ``doc004``, ...) registers its claims with the
:class:`~josephson.reproduce.Document` in :data:`DOCUMENTS`; each claim is a small function that
computes the library's value, compares it with the document's (or with an exact or independent
value) within a stated tolerance, and returns a verdict: ``pass``, ``fail``, or ``departure``
where the document is wrong or loose, with the physics of the departure explained.

    >>> from josephson.reproduce import DOCUMENTS, run_reports
    >>> [c.id for c in load("003").claims]            # the claims, without computing them
    >>> run_reports(["003", "004"], quick=True, out="out/reproduce")

:func:`run_reports` writes, per document, ``<out>/<key>/report.md``, a self-contained
``report.html`` (figures embedded), ``values.json`` and the figures ``fig-<claim>.png``, and an
index ``<out>/index.md`` / ``index.html`` over all documents (those without a module are listed
as not yet covered).  On the command line: ``josephson reproduce 003 --quick``.
"""

from . import _core, _registry
from ._core import Claim, Document, Outcome, Record, compare, departure, holds
from ._registry import load
from ._report import Summary, run_document, run_reports

#: The five source documents: key ("000" ... "004") -> :class:`Document` (``covered`` is
#: False where no module reproduces it yet).
DOCUMENTS = _registry.DOCUMENTS

#: What the library will compute for each document not covered yet (key -> text).
PLANNED = _registry.PLANNED
#: What is not yet reproduced in covered documents (key -> text).
PARTIAL = _registry.PARTIAL

#: The verdicts a record can carry; ``fail`` and ``error`` count as failures.
VERDICTS = _core.VERDICTS

__all__ = [
    "DOCUMENTS",
    "PARTIAL",
    "PLANNED",
    "VERDICTS",
    "Claim",
    "Document",
    "Outcome",
    "Record",
    "Summary",
    "compare",
    "departure",
    "holds",
    "load",
    "run_document",
    "run_reports",
]
