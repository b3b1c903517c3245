"""`drugref lint`: every planted problem reported on its line; the bundled set lints clean."""
from __future__ import annotations

import pytest

from conftest import BUNDLED, DATA

BROKEN = DATA / "broken"

PLANTED = [
    ("yaml.md", 3, "error", "YAML does not parse"),
    ("notitle.md", 2, "error", "no `title`"),
    ("dates.md", None, "error", "is not an ISO date"),
    ("future.md", None, "error", "is in the future"),
    ("bands.md", 15, "error", "dose without a unit"),
    ("bands.md", 21, "warning", "renal bands overlap"),  # refused where they overlap; label tables share edges
    ("bands.md", 23, "warning", "could not be read into a dose"),
    ("bands.md", 35, "warning", "'Frobnicating agents' resolves to no known class"),
    ("bands.md", 36, "warning", "no recognisable severity"),
    ("brand1.md", None, "error", "'Sharedbrand' is also claimed by brand2.md"),
    ("brand2.md", None, "error", "'Sharedbrand' is also claimed by brand1.md"),
    ("latin1.md", 2, "error", "not UTF-8"),
    ("dupkey.md", 3, "warning", "duplicate frontmatter key 'title'"),
    ("notitle.md", None, "error", "required section missing: Dosage"),
    ("dates.md", None, "warning", "no `sources` entry"),
]


@pytest.fixture(scope="module")
def broken_report():
    from typer.testing import CliRunner

    from drugref.cli import app

    result = CliRunner().invoke(app, ["lint", str(BROKEN), "--json"])
    import json

    return result.exit_code, json.loads(result.stdout)


@pytest.mark.parametrize("name,line,level,text", PLANTED)
def test_planted_problem_reported_on_its_line(broken_report, name, line, level, text):
    code, data = broken_report
    assert code == 1
    problems = next(f["problems"] for f in data["files"] if f["file"].endswith("/" + name))
    assert any(p["line"] == line and p["level"] == level and text in p["message"] for p in problems), problems


def test_bundled_set_lints_clean(run_json):
    code, data, err = run_json("lint")
    errors = [(f["file"], p) for f in data["files"] for p in f["problems"] if p["level"] == "error"]
    assert errors == []
    assert code == 0
    assert {f["file"].rsplit("/", 1)[1] for f in data["files"]} >= {"milnacipran.md"}


def test_lint_human_output_and_exit(run):
    code, out, _ = run("lint", str(BROKEN / "bands.md"))
    assert code == 1
    assert "renal bands overlap" in out and "errors" in out
    code, out, _ = run("lint", str(BUNDLED / "milnacipran.md"))
    assert code == 0 and "0 errors" in out


def test_lint_missing_path(run):
    code, _, err = run("lint", "/no/such/file.md")
    assert code == 2 and "does not exist" in err


def test_lint_reads_the_problem_kind_not_the_wording():
    """The interaction reader says which warnings are about an unknown agent (and which word) or a missing
    severity; lint acts on that, so rewording a message cannot change what lint decides."""
    from drugref.index import MonographDir, open_library
    from drugref.interactions import read_rules
    from drugref.lint import lint_files
    from drugref.monograph import parse_monograph

    lib = open_library([MonographDir(str(BUNDLED), "bundled")], None)
    _, notes, _ = read_rules(parse_monograph(str(BROKEN / "bands.md")), lib.vocabulary)
    unknown = [n for n in notes if n.code == "unknown-agent"]
    assert [(n.line, n.subject) for n in unknown] == [(35, "Frobnicating agents")]
    assert [n.line for n in notes if n.code == "no-severity"] == [36]
    # a drug lint knows from another monograph is no unknown agent; the same word unknown everywhere is
    [report] = lint_files([str(BROKEN / "bands.md")], lib.vocabulary, extra_known={"frobnicatingagents"})
    assert not any(p.code == "unknown-agent" or "Frobnicating" in p.message for p in report.problems)
    [report] = lint_files([str(BROKEN / "bands.md")], lib.vocabulary)
    assert [p.line for p in report.problems if p.code == "unknown-agent"] == [35]
    # in the bundled set a line with no severity is an error (the severity policy)
    [strict] = lint_files([str(BROKEN / "bands.md")], lib.vocabulary, strict_dirs=(str(BROKEN),))
    assert [p.level for p in strict.problems if p.code == "no-severity"] == ["error"]
