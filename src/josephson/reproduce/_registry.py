"""The five source documents and which module reproduces each."""

from __future__ import annotations

import importlib

from ..errors import ParameterError
from ._core import Document

__all__ = ["DOCUMENTS", "PARTIAL", "PLANNED", "load"]

_REFERENCES = "shared/references/"

#: key -> Document; ``module`` is None for a document no module covers yet.
DOCUMENTS: dict[str, Document] = {
    d.key: d
    for d in (
        Document(
            "000",
            "A. Sedrakian, Josephson currents in neutron stars (talk; after Sedrakian & Rau, "
            "PRD 111, 023044 (2025))",
            _REFERENCES + "000_4cc1fca955fd70c0.txt",
            module="josephson.reproduce.doc000",
        ),
        Document(
            "001",
            "N. Chamel, Entrainment effects in the inner crust and outer core of a neutron star "
            "(talk)",
            _REFERENCES + "001_874c276541543111.txt",
            module="josephson.reproduce.doc001",
        ),
        Document(
            "002",
            "B. K. Sahoo & A. Soori, Field-free transverse Josephson diode effect in altermagnets "
            "(arXiv:2509.14109)",
            _REFERENCES + "002_f8e95cce76a08954.txt",
            module="josephson.reproduce.doc002",
        ),
        Document(
            "003",
            "Josephson Effect (textbook chapter)",
            _REFERENCES + "003_f7ec6f9750f2e9d2.txt",
            module="josephson.reproduce.doc003",
        ),
        Document(
            "004",
            "R. Alicki et al., The Josephson junction as a quantum engine, New J. Phys. (2023), "
            "arXiv:2302.04762",
            _REFERENCES + "004_9763decbc2751ed6.txt",
            module="josephson.reproduce.doc004",
        ),
    )
}

#: What the library will compute for the documents not covered yet (shown in reports).
PLANNED: dict[str, str] = {}

#: The parts of covered documents that no module reproduces yet (shown in reports and --list).
PARTIAL: dict[str, str] = {}


def _check_key(key: str) -> Document:
    if key not in DOCUMENTS:
        raise ParameterError("document", key, f"one of {', '.join(DOCUMENTS)}")
    return DOCUMENTS[key]


def load(key: str) -> Document:
    """The document ``key`` with its claims registered (imports its module once)."""
    doc = _check_key(key)
    if doc.module is None:
        covered = ", ".join(k for k, d in DOCUMENTS.items() if d.covered)
        raise ParameterError(
            "document", key, f"a document with a reproduction module ({covered})",
            detail=f"document {key} is not yet covered",
        )  # fmt: skip
    importlib.import_module(doc.module)
    return doc
