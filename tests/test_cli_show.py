"""`drugref show` and `drugref list` through the CLI: exit codes, stderr, JSON, text safety."""
from __future__ import annotations

import io
from pathlib import Path

from conftest import DATA, SEED

GOLDEN = Path(__file__).parent / "golden"


def test_show_whole_monograph(run):
    code, out, err = run("show", "milnacipran", "--no-pager")
    assert code == 0
    assert out.startswith("Milnacipran  (Savella)")
    for heading in ("Usage", "Dosage", "Drug Interactions", "FAQs"):
        assert f"\n{heading}\n" in out
    assert "Q: What is the recommended dosage for Milnacipran?" in out
    assert "**" not in out
    assert err == ""


def test_show_brand_and_fuzzy_notice(run):
    code, out, err = run("show", "Savella", "-s", "usage")
    assert code == 0 and "Milnacipran" in out and err == ""
    code, out, err = run("show", "milnaciprin", "-s", "usage")
    assert code == 0
    assert "showing Milnacipran for 'milnaciprin'" in err
    assert out.startswith("Milnacipran")


def test_show_sections_loosely(run):
    code, out, _ = run("show", "milnacipran", "-s", "dosage")
    assert code == 0
    assert "Days 2-3: 12.5 mg orally twice daily." in out
    assert "Drug Interactions" not in out
    code, out, _ = run("show", "milnacipran", "-s", "renal")
    assert "Severe (CrCl 5-29 mL/min)" in out and "Hepatic" not in out
    code, out, _ = run("show", "milnacipran", "-s", "side-effects", "-s", "pregnancy")
    assert "Common Side Effects" in out and "Pregnancy Safety Category" in out


def test_unknown_section_exit_2_lists_sections(run):
    code, out, err = run("show", "milnacipran", "-s", "nonsense")
    assert code == 2 and out == ""
    assert "no section 'nonsense'" in err and "Drug Interactions" in err


def test_not_found_and_ambiguous_exit_1(run):
    code, out, err = run("--monographs", str(DATA / "lookalikes"), "show", "hydroxazine")
    assert code == 1 and out == ""
    assert "hydrOXYzine" in err and "hydrALAzine" in err
    code, out, err = run("show", "zzzzqqq")
    assert code == 1 and "no drug named 'zzzzqqq'" in err


def test_exact_flag(run):
    code, out, err = run("show", "milnaciprin", "--exact")
    assert code == 1 and out == ""
    assert "milnacipran" in err.lower()


def test_show_json_shape(run_json):
    code, data, _ = run_json("show", "savella")
    assert code == 0
    assert set(data) >= {"name", "brand_names", "classes", "is_banned", "last_modified", "file", "match",
                         "sections", "faqs"}
    assert data["match"] == {"query": "savella", "how": "brand", "score": 100.0}
    assert data["classes"] == ["SNRIs"]
    assert len(data["faqs"]) == 10
    renal = [s for s in data["sections"] if s["title"] == "Special Cases"][0]
    assert renal["path"] == ["Dosage", "Standard Dosage", "Special Cases"]
    assert "ESRD" in renal["text"]


def test_show_json_section_only(run_json):
    code, data, _ = run_json("show", "milnacipran", "-s", "interactions")
    assert [s["title"] for s in data["sections"]] == ["Drug Interactions"]
    assert data["faqs"] == []


def test_list(run, run_json):
    code, out, _ = run("list")
    assert code == 0 and "Milnacipran" in out and "Savella" in out
    code, data, _ = run_json("list")
    names = [d["name"] for d in data["drugs"]]
    assert "Milnacipran" in names
    code, data, _ = run_json("list", "--class", "SNRIs")
    assert [d["name"] for d in data["drugs"] if d["name"] == "Milnacipran"]
    code, _, err = run("list", "--class", "nonsense")
    assert code == 2 and "no class" in err


def test_user_monograph_overrides_bundled(run, run_json, tmp_path):
    (tmp_path / "mine.md").write_text("---\ntitle: Milnacipran\nbrand_names: [Savella]\n---\n## Usage\n\n- Local formulary text.\n")
    code, data, _ = run_json("--monographs", str(tmp_path), "list")
    mil = [d for d in data["drugs"] if d["name"] == "Milnacipran"]
    assert len(mil) == 1 and mil[0]["origin"] == "user" and mil[0]["overrides"].endswith("milnacipran.md")
    code, out, _ = run("--monographs", str(tmp_path), "show", "savella")
    assert "Local formulary text." in out


def test_env_var_dirs_and_no_bundled(run_json, monkeypatch):
    monkeypatch.setenv("DRUGREF_MONOGRAPHS", str(DATA / "lookalikes"))
    code, data, _ = run_json("--no-bundled", "list")
    names = {d["name"] for d in data["drugs"]}
    assert "Milnacipran" not in names and "Hydroxyzine" in names


def test_missing_directory_is_usage_error(run):
    code, out, err = run("--monographs", "/nonexistent/dir", "list")
    assert code == 2 and "--monographs" in err and "not a directory" in err


def test_broken_file_reported_others_work(run, tmp_path):
    (tmp_path / "broken.md").write_text("---\ntitle: [unclosed\n---\n## A\n")
    (tmp_path / "good.md").write_text("---\ntitle: Gooddrug\n---\n## Usage\n\n- Fine.\n")
    code, out, err = run("--monographs", str(tmp_path), "show", "gooddrug")
    assert code == 0 and "Fine." in out
    lines = [line for line in err.splitlines() if "broken.md" in line]
    assert len(lines) == 1 and "broken.md:2" in lines[0] and "YAML" in lines[0]


def test_duplicate_names_in_one_directory_reported(run, tmp_path):
    (tmp_path / "a.md").write_text("---\ntitle: Samedrug\n---\n## Usage\n\n- A.\n")
    (tmp_path / "b.md").write_text("---\ntitle: Samedrug\n---\n## Usage\n\n- B.\n")
    code, out, err = run("--monographs", str(tmp_path), "show", "samedrug")
    assert code == 0 and "- A." not in out and "A." in out
    assert "also claimed by" in err


def test_text_is_printed_literally(run, tmp_path):
    (tmp_path / "evil.md").write_text(
        "---\ntitle: Evildrug\n---\n## Usage\n\n- Keep [see 5.1] and [bold red]this[/bold red] as written."
        " Bell \x07 and \x1b[2J clear \x1b]0;title\x07 gone.\n")
    code, out, err = run("--monographs", str(tmp_path), "show", "evildrug")
    assert code == 0
    assert "[see 5.1]" in out and "[bold red]this[/bold red]" in out
    assert "\x1b" not in out and "\x07" not in out


def test_banned_banner(run, tmp_path):
    (tmp_path / "gone.md").write_text("---\ntitle: Gonedrug\nis_banned: true\n---\n## Usage\n\n- Withdrawn.\n")
    code, out, _ = run("--monographs", str(tmp_path), "show", "gonedrug")
    assert "GONEDRUG IS BANNED" in out.upper()


def test_version_and_help(run):
    code, out, _ = run("--version")
    assert code == 0 and out.startswith("drugref ")
    code, out, _ = run("--help")
    assert code == 0 and "Not medical advice" in out


def test_golden_render_dosage(tmp_path):
    """Rendered text on a pinned console (80 columns, no colour) matches the reviewed golden file."""
    from conftest import make_library
    from drugref.lookup import resolve
    from drugref.reporters.rich import draw_monograph, make_console
    from drugref.sections import choose

    lib = make_library(bundled=True)
    match = resolve(lib, "milnacipran")
    mono = lib.monograph(match.entry)
    buffer = io.StringIO()
    draw_monograph(make_console(file=buffer, width=80, color=False), mono, ("SNRIs",), (choose(mono, "dosage"),),
                   "bundled")
    text = buffer.getvalue().replace(str(SEED), "<seed>")
    golden = GOLDEN / "show_milnacipran_dosage.txt"
    assert text == golden.read_text()


def test_golden_plain_when_piped(run):
    """Piped output: plain unwrapped lines, one bullet a line, matching the reviewed golden file."""
    code, out, _ = run("show", "milnacipran", "-s", "dosage", "-s", "interactions")
    assert code == 0
    golden = GOLDEN / "show_milnacipran_plain.txt"
    assert out.replace(str(SEED), "<seed>") == golden.read_text()


def test_plain_diagnostics_write_what_rich_writes_off_a_terminal():
    """Off a terminal, messages skip Rich; the lines must be exactly those Rich would print."""
    from drugref.errors import Candidate
    from drugref.index import Problem
    from drugref.reporters.plain import PlainDiagnostics
    from drugref.reporters.rich import RichDiagnostics

    def messages(diagnostics) -> None:
        diagnostics.notice("showing Milnacipran for 'milnaciprin' (closest match, score 91) " * 3)
        diagnostics.error("--crcl: 'abc' is not a number \x1b[31m(escape shown)", ["a detail"])
        diagnostics.problems([Problem("/x/broken.md", 3, "front matter is not YAML"),
                              Problem("/x/dup.md", None, "'Savella' is also claimed by /x/a.md", "conflict")])
        diagnostics.candidates("hydroxazine", (Candidate("Hydroxyzine", "hydrOXYzine", ("antihistamines",), 91.0),
                                               Candidate("Hydralazine", "hydrALAzine", (), 82.0)), ambiguous=True)
        diagnostics.candidates("zzqxvr", (), ambiguous=False)

    plain_buffer, rich_buffer = io.StringIO(), io.StringIO()
    messages(PlainDiagnostics(plain_buffer))
    messages(RichDiagnostics(rich_buffer))
    assert plain_buffer.getvalue() == rich_buffer.getvalue()
    assert "hydrOXYzine  (antihistamines)" in plain_buffer.getvalue() and "\x1b" not in plain_buffer.getvalue()
    assert "number \\x1b[31m(escape shown)\n  a detail\n" in plain_buffer.getvalue()


def test_renal_section_found_wherever_the_monograph_puts_it(run):
    """A special-population bullet under Special Cases is a section for `-s renal` / `-s hepatic`, with its nested
    bands or the table written after it."""
    code, out, _ = run("show", "eliquis", "-s", "renal")
    assert code == 0 and "Nonvalvular atrial fibrillation" in out and "Side Effects" not in out
    code, out, _ = run("show", "eliquis", "-s", "hepatic")
    assert code == 0 and "Child-Pugh C" in out
    blind = str(Path(__file__).parent / "data" / "dosing_blind")
    code, out, _ = run("--monographs", blind, "show", "pramipexole", "-s", "renal")
    assert code == 0 and "| Renal status | Starting dose | Maximum dose |" in out and "Mirapex ER" in out
