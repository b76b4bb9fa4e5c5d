"""Sphinx configuration of the josephson documentation.

Build with ``make docs`` (warnings are errors).  Everything under ``_generated/`` and ``_build/``
is produced by the build and git-ignored:

* ``_generated/cli.md`` - the command reference, from ``josephson.cli.build_parser()``;
* ``_generated/reproduce/`` and ``_generated/documents/`` - the quick reproduction reports of the
  covered source documents and one page per document (``_ext/josephson_docs.py``);
* ``_generated/api/`` - the autosummary stubs of the API reference;
* the tutorials' figures, made by ``matplotlib.sphinxext.plot_directive`` while the pages build.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

# One BLAS thread, set before NumPy loads OpenBLAS. The tutorials and quick reports solve many
# small dense problems, for which more threads gain little; on a busy machine (a test run or a
# benchmark alongside the build) multi-threaded OpenBLAS slows a 720×720 eigh from 0.3 s to
# 10-30 s. The environment wins: OPENBLAS_NUM_THREADS=2 make docs overrides this.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import matplotlib  # noqa: E402

matplotlib.use("Agg")  # the tutorials draw without a display

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "_ext"))

import josephson  # noqa: E402  (the installed package, not a path hack)

project = "josephson"
author = "the josephson developers"
copyright = "the josephson developers"  # noqa: A001
release = josephson.__version__
version = release

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.napoleon",
    "sphinx.ext.mathjax",
    "matplotlib.sphinxext.plot_directive",
    "josephson_docs",
]

source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
root_doc = "index"
# the raw reports are not pages: _generated/documents/<key>.md carry them into the site
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store", "_generated/reproduce"]

# -- MyST -------------------------------------------------------------------------------------
myst_enable_extensions = ["colon_fence", "deflist"]  # no dollarmath: reports may print "$"
myst_heading_anchors = 3  # the reproduction reports link to their claims' headings
myst_heading_slug_func = "github"  # _ext/josephson_docs.py rewrites those links to match

# -- autodoc / napoleon / autosummary ---------------------------------------------------------
autosummary_generate = True
autosummary_imported_members = False
autodoc_default_options = {"members": True, "show-inheritance": True}
autodoc_member_order = "bysource"
autodoc_typehints = "signature"
autodoc_preserve_defaults = True
napoleon_numpy_docstring = True
napoleon_google_docstring = False
napoleon_use_rtype = False

# -- the tutorials ----------------------------------------------------------------------------
plot_include_source = True
plot_html_show_source_link = False
plot_html_show_formats = False
plot_formats = [("png", 96)]
plot_rcparams = {"figure.figsize": (8.0, 4.0), "figure.dpi": 96, "savefig.bbox": "tight",
                 "figure.constrained_layout.use": True}
plot_pre_code = "import numpy as np\nimport matplotlib.pyplot as plt\n"
plot_working_directory = str(HERE)

# -- josephson_docs (docs/_ext/josephson_docs.py) ---------------------------------------------
# the reproduction runs in quick mode; JOSEPHSON_DOCS_REPRODUCE=0 skips it for a fast draft
# build (the document pages then say so; never in CI, where the variable is unset)
josephson_reproduce = os.environ.get("JOSEPHSON_DOCS_REPRODUCE", "1") != "0"

# -- HTML -------------------------------------------------------------------------------------
html_theme = "furo"
html_title = f"josephson {release}"
html_static_path = []
