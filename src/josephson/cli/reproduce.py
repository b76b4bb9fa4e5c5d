"""``josephson reproduce``: recompute every quantitative claim of the source documents.

josephson reproduce 003 --quick
josephson reproduce --all --quick --out out/reproduce
josephson reproduce --list
"""

from __future__ import annotations

import sys

__all__ = ["register"]


def _cmd_reproduce(args) -> int:
    from ..errors import ParameterError
    from ..reproduce import DOCUMENTS, PARTIAL, PLANNED, load, run_reports

    if args.all and args.documents:
        raise ParameterError("documents", args.documents, "document keys or --all, not both")
    if not args.all and not args.documents and not args.list:
        raise ParameterError("documents", [], f"one or more of {', '.join(DOCUMENTS)}, or --all")
    keys = None if args.all or not args.documents else args.documents
    if args.list:
        for key in keys or list(DOCUMENTS):
            doc = DOCUMENTS.get(key)
            if doc is None:
                raise ParameterError("document", key, f"one of {', '.join(DOCUMENTS)}")
            if not doc.covered:
                print(f"{key}  {doc.title}\n    not yet covered: {PLANNED[key]}")
                continue
            claims = load(key).claims
            print(f"{key}  {doc.title}  ({len(claims)} claims)")
            if key in PARTIAL:
                print(f"    not yet covered: {PARTIAL[key]}")
            for c in claims:
                print(f"    {c.id:28s} {c.where}: {c.statement}")
        return 0

    def progress(text: str) -> None:
        if args.verbose:
            print(f"  running {text}", file=sys.stderr, flush=True)

    summaries = run_reports(
        keys, quick=args.quick, out=args.out, progress=progress,
        echo=lambda s: print(s.line(), flush=True),
    )  # fmt: skip
    print(f"wrote {args.out}/index.md and {args.out}/index.html")
    return 1 if any(s.failures for s in summaries) else 0


def register(sub) -> None:
    """Add the ``reproduce`` command to the parser ``sub``."""
    p = sub.add_parser(
        "reproduce",
        help="recompute the claims of the source documents and write reports",
        description="Recompute every quantitative claim of a source document (000-004) with the "
        "library and write a report per document (Markdown, self-contained HTML, values as JSON, "
        "figures) and an index.  Each claim gets a verdict: pass, fail, or departure where the "
        "document is wrong or loose (with the physics explained).  Exits 1 if any claim fails.",
        epilog="example: josephson reproduce 003 004 --quick --out out/reproduce",
    )
    p.add_argument("documents", nargs="*", metavar="DOCUMENT", help="document keys, e.g. 003 004")
    p.add_argument("--all", action="store_true", help="every document (uncovered ones are listed)")
    p.add_argument("--quick", action="store_true", help="coarser settings: a few minutes in all")
    p.add_argument("--out", default="out/reproduce", metavar="DIR",
                   help="report folder (default out/reproduce)")  # fmt: skip
    p.add_argument("--list", action="store_true", help="list the claims without computing them")
    p.add_argument("--verbose", action="store_true", help="name each claim as it runs (stderr)")
    p.set_defaults(run=_cmd_reproduce)
