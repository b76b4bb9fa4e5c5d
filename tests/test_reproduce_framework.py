"""The reproduction framework: verdicts from numbers, reports written whole, the command."""

import json

import numpy as np
import pytest

from josephson.cli import main
from josephson.errors import ParameterError
from josephson.reproduce import (
    DOCUMENTS,
    Document,
    _registry,
    compare,
    departure,
    holds,
    run_reports,
)


def test_compare_pass_and_fail_follow_the_tolerance():
    assert compare(1.0 + 1e-9, 1.0, rtol=1e-8, why="t").verdict == "pass"
    assert compare(1.0 + 1e-7, 1.0, rtol=1e-8, why="t").verdict == "fail"
    assert compare([1.0, 2.0], [1.0, 2.0 + 1e-3], atol=1e-2, why="t").verdict == "pass"
    assert compare(np.nan, 1.0, rtol=1.0, why="t").verdict == "fail"
    with pytest.raises(ParameterError, match="why"):
        compare(1.0, 1.0, why="")


def test_departure_needs_our_value_right_and_the_document_wrong():
    ok = departure(2.0, 2.0, document=1.0, rtol=1e-6, why="t", explanation="misprint")
    assert ok.verdict == "departure"
    # our own check fails: not a departure but a failure
    assert departure(2.5, 2.0, document=1.0, rtol=1e-6, why="t", explanation="x").verdict == "fail"
    # the document agrees after all: pass, and the note says so
    agree = departure(2.0, 2.0, document=2.0, rtol=1e-6, why="t", explanation="x")
    assert agree.verdict == "pass" and "agrees" in agree.explanation
    # a statement needs an explicit, computed document_differs
    with pytest.raises(ParameterError, match="document_differs"):
        departure(1.0, 1.0, document="continuous at T*", why="t", explanation="x")
    stmt = departure(
        1.0, 1.0, document="continuous", why="t", explanation="x", document_differs=True
    )
    assert stmt.verdict == "departure"
    with pytest.raises(ParameterError, match="explanation"):
        departure(1.0, 1.0, document=2.0, why="t", explanation="")


def test_holds_is_the_boolean():
    assert holds(True, ours=1, document="d", why="w").verdict == "pass"
    assert holds(False, ours=1, document="d", why="w").verdict == "fail"


@pytest.fixture
def fake_document(monkeypatch):
    """A covered document with a passing, a departing, a failing and a broken claim."""
    from matplotlib.figure import Figure

    doc = Document("999", "A test document", "nowhere.txt", module="josephson")
    monkeypatch.setitem(DOCUMENTS, "999", doc)

    @doc.claim("exact-one", where="eq. 1", statement="x = 1")
    def _one(quick):
        fig = Figure()
        ax = fig.add_subplot()
        ax.plot([0, 1], [0, 1])
        return compare(1.0, 1.0, rtol=1e-12, why="exact", figure=fig, values={"n": 3})

    @doc.claim("misprint | pipe", where="eq. 2", statement="y = 2")
    def _two(quick):
        return departure(2.0, 2.0, document=3.0, rtol=1e-9, why="exact", explanation="typo")

    @doc.claim("wrong", where="eq. 3", statement="z = 3")
    def _three(quick):
        return compare(3.1 if quick else 3.0, 3.0, rtol=1e-9, why="exact")

    @doc.claim("broken", where="eq. 4", statement="w")
    def _four(quick):
        raise RuntimeError("boom")

    return doc


def test_report_files_and_verdict_counts(fake_document, tmp_path, monkeypatch):
    # a document covered in part says so in the index (none is at present: a stand-in)
    monkeypatch.setitem(_registry.PARTIAL, "001", "a stand-in for a missing part")
    lines = []
    (s,) = run_reports(["999"], quick=True, out=tmp_path, echo=lambda x: lines.append(x.line()))
    assert s.counts == {"pass": 1, "departure": 1, "fail": 1, "error": 1}
    assert s.failures == 2 and "4 claims, 1 pass, 1 departures, 2 failures" in lines[0]
    folder = tmp_path / "999"
    md = (folder / "report.md").read_text()
    assert "misprint \\| pipe" in md and "fig-exact-one.png" in md and "typo" in md
    assert (folder / "fig-exact-one.png").read_bytes()[:4] == b"\x89PNG"
    page = (folder / "report.html").read_text()
    assert "data:image/png;base64," in page and "src='fig-" not in page  # self-contained
    data = json.loads((folder / "values.json").read_text())
    assert [c["verdict"] for c in data["claims"]] == ["pass", "departure", "fail", "error"]
    assert "boom" in data["claims"][3]["explanation"]
    index = (tmp_path / "index.md").read_text()
    assert "not yet covered: a stand-in for a missing part" in index and "999" in index
    # the full mode computes again (here the third claim passes)
    (s,) = run_reports(["999"], quick=False, out=tmp_path)
    assert s.counts["fail"] == 0 and not list(tmp_path.glob(".999.*"))


def test_an_interrupted_report_leaves_the_old_one_whole(fake_document, tmp_path, monkeypatch):
    run_reports(["999"], quick=True, out=tmp_path)
    before = (tmp_path / "999" / "values.json").read_text()
    from josephson.reproduce import _report

    def fail(*a, **k):
        raise OSError("disk full")

    monkeypatch.setattr(_report, "_html", fail)
    with pytest.raises(OSError):
        run_reports(["999"], quick=True, out=tmp_path)
    assert (tmp_path / "999" / "values.json").read_text() == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


@pytest.fixture
def uncovered(monkeypatch):
    """A document without a reproduction module (every real document has one now)."""
    monkeypatch.setitem(DOCUMENTS, "998", Document("998", "An uncovered document", "nowhere.txt"))
    monkeypatch.setitem(_registry.PLANNED, "998", "what a future module will compute")
    return "998"


def test_unknown_and_uncovered_documents_are_errors_before_any_work(tmp_path, uncovered):
    with pytest.raises(ParameterError, match="one of 000, 001, 002, 003, 004"):
        run_reports(["007"], out=tmp_path / "r")
    with pytest.raises(ParameterError, match="not yet covered"):
        run_reports([uncovered], out=tmp_path / "r")
    assert not (tmp_path / "r").exists()
    assert [k for k, d in DOCUMENTS.items() if not d.covered] == list(_registry.PLANNED)
    # the documents reproduced only in part say what is missing
    assert set(_registry.PARTIAL) <= {k for k, d in DOCUMENTS.items() if d.covered}


def test_command_uncovered_document_is_one_line_exit_2(uncovered, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["reproduce", uncovered, "--quick"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not yet covered" in err
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize(
    "argv, message",
    [
        (["reproduce", "007"], "allowed one of 000, 001, 002, 003, 004"),
        (["reproduce", "003", "--all"], "not both"),
        (["reproduce"], "or --all"),
        (["reproduce", "--list", "008"], "allowed one of"),
    ],
)
def test_command_bad_input_is_one_line_exit_2(argv, message, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("josephson: error:") and message in err
    assert not list(tmp_path.iterdir())


def test_command_unwritable_out_is_exit_2(capsys, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert main(["reproduce", "003", "--quick", "--out", str(blocker / "sub")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("josephson: error: invalid out=") and err.count("\n") == 1


def test_command_list_names_every_claim_without_computing(capsys, monkeypatch):
    from josephson.reproduce import _core

    def refuse(self, quick=True):
        raise AssertionError("--list must not compute")

    monkeypatch.setattr(_core.Claim, "run", refuse)
    # a document covered in part says what is missing (none is at present: a stand-in)
    monkeypatch.setitem(_registry.PARTIAL, "001", "a stand-in for a missing part")
    assert main(["reproduce", "--list"]) == 0
    out = capsys.readouterr().out
    for key in ("000", "001", "002", "003", "004"):
        doc = _registry.load(key)
        assert doc.claims and all(c.id in out for c in doc.claims)
    assert "not yet covered: a stand-in for a missing part" in out
