"""Run the claims of a document and write its report (Markdown, self-contained HTML, JSON).

A document's report is built in a temporary folder beside its destination and renamed into
place only when complete, so an interrupted run never leaves a half-written report; the index
is written atomically too.
"""

from __future__ import annotations

import base64
import datetime as _dt
import html
import io as _io
import json
import math
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .. import __version__
from ..errors import ParameterError
from ._core import VERDICTS, Record
from ._registry import DOCUMENTS, PARTIAL, PLANNED, load

__all__ = ["Summary", "run_document", "run_reports"]


@dataclass(frozen=True)
class Summary:
    """What one document's run gave: counts per verdict and where the report is."""

    key: str
    title: str
    covered: bool
    quick: bool | None = None
    counts: dict = field(default_factory=dict)
    seconds: float = 0.0
    path: Path | None = None

    @property
    def claims(self) -> int:
        return sum(self.counts.values())

    @property
    def failures(self) -> int:
        return self.counts.get("fail", 0) + self.counts.get("error", 0)

    def line(self) -> str:
        """The one-line summary printed by the command."""
        if not self.covered:
            return f"{self.key}: not yet covered ({PLANNED.get(self.key, 'no module yet')})"
        mode = "quick" if self.quick else "full"
        text = (
            f"{self.key}: {self.claims} claims, {self.counts.get('pass', 0)} pass, "
            f"{self.counts.get('departure', 0)} departures, {self.failures} failures "
            f"({mode}, {self.seconds:.0f} s)"
        )
        if self.path is not None:
            text += f" -> {self.path / 'report.md'}"
        return text


def run_document(
    key: str, *, quick: bool = True, progress: Callable[[str], None] | None = None
) -> list[Record]:
    """Run every claim of document ``key`` (in document order) and return the records."""
    doc = load(key)
    records = []
    for claim in doc.claims:
        if progress is not None:
            progress(f"{key} {claim.id}")
        records.append(claim.run(quick))
    return records


# ---------------------------------------------------------------------------- formatting


def _fmt(x, digits: int = 6) -> str:
    if x is None:
        return "—"
    if isinstance(x, str):
        return x
    if isinstance(x, bool | np.bool_):
        return "yes" if x else "no"
    arr = np.asarray(x)
    if arr.dtype.kind in "iufc":
        if arr.ndim == 0:
            v = arr.item()
            if isinstance(v, complex):
                return f"{v.real:.{digits}g}{v.imag:+.{digits}g}i"
            return f"{v:.{digits}g}"
        flat = arr.ravel()
        if flat.size <= 6:
            return "[" + ", ".join(_fmt(v, digits) for v in flat) + "]"
        return f"{flat.size} values in [{_fmt(np.nanmin(flat.real), 4)}, {_fmt(np.nanmax(flat.real), 4)}]"
    return str(x)


def _jsonable(x):
    if x is None or isinstance(x, str | bool | int):
        return x
    if isinstance(x, float):
        return x if math.isfinite(x) else str(x)
    if isinstance(x, dict):
        return {str(k): _jsonable(v) for k, v in x.items()}
    if isinstance(x, list | tuple):
        return [_jsonable(v) for v in x]
    arr = np.asarray(x)
    if arr.dtype.kind == "c":
        return {"real": _jsonable(arr.real.tolist()), "imag": _jsonable(arr.imag.tolist())}
    if arr.dtype.kind in "iufb":
        return _jsonable(arr.tolist())
    return str(x)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _png(fig) -> bytes:
    buf = _io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")
    return buf.getvalue()


def _slug(claim_id: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "-" for c in claim_id)


# ---------------------------------------------------------------------------- writers


def _header(doc, quick: bool, counts: dict, seconds: float) -> dict:
    return {
        "document": doc.key,
        "title": doc.title,
        "source": doc.source,
        "mode": "quick" if quick else "full",
        "josephson_version": __version__,
        "created": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
        "seconds": round(seconds, 2),
        "counts": counts,
    }


def _markdown(head: dict, records: list[Record], figures: dict) -> str:
    c = head["counts"]
    lines = [
        f"# Reproduction of document {head['document']}: {head['title']}",
        "",
        f"Source: `{head['source']}`. Mode: **{head['mode']}**. josephson {head['josephson_version']}, "
        f"{head['created']}, {head['seconds']:.0f} s.",
        "",
        f"**{sum(c.values())} claims: {c.get('pass', 0)} pass, {c.get('departure', 0)} departures "
        f"(the document is wrong or loose; the physics is given), {c.get('fail', 0)} fail, "
        f"{c.get('error', 0)} errors.**",
        "",
        "| claim | where | document | ours | reference | tolerance | verdict |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in records:
        o = r.outcome
        lines.append(
            "| "
            + " | ".join(
                _cell(x)
                for x in (
                    f"[{r.claim.id}](#{_slug(r.claim.id)})",
                    r.claim.where,
                    _fmt(o.document),
                    _fmt(o.ours),
                    _fmt(o.reference),
                    o.tolerance,
                    f"**{o.verdict}**",
                )
            )
            + " |"
        )
    lines.append("")
    for r in records:
        o = r.outcome
        lines += [
            f"## {r.claim.id}",
            "",
            f"*{r.claim.where}* — {r.claim.statement}",
            "",
            f"- verdict: **{o.verdict}** ({r.seconds:.2f} s)",
            f"- document: {_fmt(o.document)}",
            f"- ours: {_fmt(o.ours)}",
            f"- reference: {_fmt(o.reference)}",
            f"- tolerance: {o.tolerance}" + (f" — {o.why}" if o.why else ""),
        ]
        if o.explanation:
            lines.append(
                f"- {'departure' if o.verdict == 'departure' else 'note'}: {o.explanation}"
            )
        for k, v in o.values.items():
            lines.append(f"- `{k}` = {_fmt(v)}")
        if r.claim.id in figures:
            lines += ["", f"![{r.claim.id}]({figures[r.claim.id]})"]
        lines.append("")
    return "\n".join(lines)


_CSS = """
body{font-family:system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem;line-height:1.45}
table{border-collapse:collapse;font-size:.9rem}td,th{border:1px solid #ccc;padding:.25rem .5rem;
vertical-align:top}th{background:#f4f4f4}.pass{color:#176b17}.departure{color:#9a5b00}
.fail,.error{color:#b00020;font-weight:bold}img{max-width:100%}code{background:#f4f4f4}
"""


def _html(head: dict, records: list[Record], pngs: dict) -> str:
    e = html.escape
    c = head["counts"]
    out = [
        "<!DOCTYPE html><html><head><meta charset='utf-8'>",
        f"<title>Document {e(head['document'])}: reproduction</title><style>{_CSS}</style></head><body>",
        f"<h1>Reproduction of document {e(head['document'])}: {e(head['title'])}</h1>",
        f"<p>Source: <code>{e(head['source'])}</code>. Mode: <b>{e(head['mode'])}</b>. "
        f"josephson {e(head['josephson_version'])}, {e(head['created'])}, {head['seconds']:.0f} s.</p>",
        f"<p><b>{sum(c.values())} claims: {c.get('pass', 0)} pass, {c.get('departure', 0)} "
        f"departures, {c.get('fail', 0)} fail, {c.get('error', 0)} errors.</b></p>",
        "<table><tr><th>claim</th><th>where</th><th>document</th><th>ours</th><th>reference</th>"
        "<th>tolerance</th><th>verdict</th></tr>",
    ]
    for r in records:
        o = r.outcome
        out.append(
            f"<tr><td><a href='#{_slug(r.claim.id)}'>{e(r.claim.id)}</a></td><td>{e(r.claim.where)}"
            f"</td><td>{e(_fmt(o.document))}</td><td>{e(_fmt(o.ours))}</td>"
            f"<td>{e(_fmt(o.reference))}</td><td>{e(o.tolerance)}</td>"
            f"<td class='{o.verdict}'>{o.verdict}</td></tr>"
        )
    out.append("</table>")
    for r in records:
        o = r.outcome
        out += [
            f"<h2 id='{_slug(r.claim.id)}'>{e(r.claim.id)}</h2>",
            f"<p><i>{e(r.claim.where)}</i> — {e(r.claim.statement)}</p><ul>",
            f"<li>verdict: <span class='{o.verdict}'>{o.verdict}</span> ({r.seconds:.2f} s)</li>",
            f"<li>document: {e(_fmt(o.document))}</li><li>ours: {e(_fmt(o.ours))}</li>",
            f"<li>reference: {e(_fmt(o.reference))}</li>",
            f"<li>tolerance: {e(o.tolerance)}{' — ' + e(o.why) if o.why else ''}</li>",
        ]
        if o.explanation:
            label = "departure" if o.verdict == "departure" else "note"
            out.append(f"<li>{label}: {e(o.explanation)}</li>")
        for k, v in o.values.items():
            out.append(f"<li><code>{e(str(k))}</code> = {e(_fmt(v))}</li>")
        out.append("</ul>")
        if r.claim.id in pngs:
            data = base64.b64encode(pngs[r.claim.id]).decode("ascii")
            out.append(f"<img alt='{e(r.claim.id)}' src='data:image/png;base64,{data}'>")
    out.append("</body></html>")
    return "\n".join(out)


def _values(head: dict, records: list[Record]) -> dict:
    return {
        **head,
        "claims": [
            {
                "id": r.claim.id,
                "where": r.claim.where,
                "statement": r.claim.statement,
                "verdict": r.outcome.verdict,
                "document": _jsonable(r.outcome.document),
                "ours": _jsonable(r.outcome.ours),
                "reference": _jsonable(r.outcome.reference),
                "tolerance": r.outcome.tolerance,
                "why": r.outcome.why,
                "explanation": r.outcome.explanation,
                "values": _jsonable(r.outcome.values),
                "seconds": round(r.seconds, 3),
            }
            for r in records
        ],
    }


def _write_document(doc, records: list[Record], quick: bool, seconds: float, out: Path) -> Path:
    counts = {v: sum(r.verdict == v for r in records) for v in VERDICTS}
    head = _header(doc, quick, counts, seconds)
    final = out / doc.key
    tmp = Path(tempfile.mkdtemp(prefix=f".{doc.key}.", suffix=".tmp", dir=out))
    try:
        pngs, figures = {}, {}
        for r in records:
            if r.outcome.figure is not None:
                name = f"fig-{_slug(r.claim.id)}.png"
                pngs[r.claim.id] = _png(r.outcome.figure)
                (tmp / name).write_bytes(pngs[r.claim.id])
                figures[r.claim.id] = name
        (tmp / "report.md").write_text(_markdown(head, records, figures), encoding="utf-8")
        (tmp / "report.html").write_text(_html(head, records, pngs), encoding="utf-8")
        (tmp / "values.json").write_text(
            json.dumps(_values(head, records), indent=1, allow_nan=False), encoding="utf-8"
        )
        os.chmod(tmp, 0o755)
        old = None
        if final.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{doc.key}.", suffix=".old", dir=out))
            old.rmdir()
            final.rename(old)
        tmp.rename(final)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return final


def _previous(out: Path, key: str) -> Summary | None:
    """The summary of a report already in ``out`` (for the index), if readable."""
    try:
        data = json.loads((out / key / "values.json").read_text(encoding="utf-8"))
        return Summary(
            key=key, title=DOCUMENTS[key].title, covered=True, quick=data["mode"] == "quick",
            counts=data["counts"], seconds=data["seconds"], path=out / key,
        )  # fmt: skip
    except (OSError, KeyError, ValueError):
        return None


def _write_index(out: Path, summaries: dict[str, Summary]) -> None:
    from ..io import atomic_path

    md = [
        "# Reproduction reports",
        "",
        "| document | title | claims | pass | departures | failures | mode | report |",
        "|---|---|---|---|---|---|---|---|",
    ]
    rows = []
    for key, doc in DOCUMENTS.items():
        s = summaries.get(key) or (_previous(out, key) if doc.covered else None)
        title = doc.title  # reproduced in part: say what is missing beside the title
        if key in PARTIAL:
            title = f"{title} [not yet covered: {PARTIAL[key]}]"
        if not doc.covered:
            md.append(
                f"| {key} | {_cell(title)} | not yet covered: {_cell(PLANNED[key])} |||||||"
            )
            rows.append((key, title, None))
        elif s is None:
            md.append(f"| {key} | {_cell(title)} | covered, not run yet |||||||")
            rows.append((key, title, "not run"))
        else:
            c = s.counts
            md.append(
                f"| {key} | {_cell(title)} | {s.claims} | {c.get('pass', 0)} | "
                f"{c.get('departure', 0)} | {s.failures} | {'quick' if s.quick else 'full'} | "
                f"[md]({key}/report.md), [html]({key}/report.html) |"
            )
            rows.append((key, title, s))
    e = html.escape
    page = [
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>Reproduction reports</title>"
        f"<style>{_CSS}</style></head><body><h1>Reproduction reports</h1><table><tr>"
        "<th>document</th><th>title</th><th>claims</th><th>pass</th><th>departures</th>"
        "<th>failures</th><th>report</th></tr>"
    ]
    for key, title, s in rows:
        if s is None:
            page.append(
                f"<tr><td>{key}</td><td>{e(title)}</td><td colspan='5'>not yet covered: "
                f"{e(PLANNED[key])}</td></tr>"
            )
        elif s == "not run":
            page.append(
                f"<tr><td>{key}</td><td>{e(title)}</td><td colspan='5'>not run yet</td></tr>"
            )
        else:
            page.append(
                f"<tr><td>{key}</td><td>{e(title)}</td><td>{s.claims}</td>"
                f"<td>{s.counts.get('pass', 0)}</td><td>{s.counts.get('departure', 0)}</td>"
                f"<td class='{'fail' if s.failures else 'pass'}'>{s.failures}</td>"
                f"<td><a href='{key}/report.html'>report</a></td></tr>"
            )
    page.append("</table></body></html>")
    for name, text in (("index.md", "\n".join(md) + "\n"), ("index.html", "\n".join(page))):
        with atomic_path(out / name) as tmp:
            tmp.write_text(text, encoding="utf-8")


def _writable(out: Path) -> None:
    try:
        out.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=".probe.", dir=out)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise ParameterError(
            "out",
            str(out),
            "a folder that can be created and written",
            detail=exc.strerror or str(exc),
        ) from None


def run_reports(
    keys: Iterable[str] | None = None,
    *,
    quick: bool = True,
    out="out/reproduce",
    progress: Callable[[str], None] | None = None,
    echo: Callable[[Summary], None] | None = None,
) -> list[Summary]:
    """Run the documents ``keys`` (None: every document) and write their reports under ``out``.

    Documents without a module are listed as not yet covered (a :class:`Summary` with
    ``covered=False``) when ``keys`` is None, and are an error when asked for by name.
    ``progress`` is called with ``"<key> <claim>"`` before each claim; ``echo`` with each
    document's summary as soon as its report is written.  Returns one summary per document.
    """
    out = Path(out)
    if keys is None:
        keys = list(DOCUMENTS)
        explicit = False
    else:
        keys = list(dict.fromkeys(keys))
        explicit = True
        for k in keys:
            load(k)  # unknown or uncovered: ParameterError before any work
    _writable(out)
    summaries: dict[str, Summary] = {}
    for key in keys:
        doc = DOCUMENTS[key]
        if not doc.covered and not explicit:
            s = Summary(key=key, title=doc.title, covered=False)
        else:
            start = time.perf_counter()
            records = run_document(key, quick=quick, progress=progress)
            seconds = time.perf_counter() - start
            path = _write_document(doc, records, quick, seconds, out)
            counts = {v: sum(r.verdict == v for r in records) for v in VERDICTS}
            s = Summary(
                key=key, title=doc.title, covered=True, quick=quick, counts=counts,
                seconds=seconds, path=path,
            )  # fmt: skip
        summaries[key] = s
        if echo is not None:
            echo(s)
    _write_index(out, summaries)
    return list(summaries.values())
