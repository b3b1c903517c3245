"""Interaction rules from monographs, the pairwise check, and `drugref interactions`."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SEED, examples, make_library
from drugref.interactions import (
    agents_of_label,
    check,
    has_word,
    infer_severity,
    read_name_list,
    read_rules,
    resolve_drugs,
)
from drugref.monograph import parse_monograph


@pytest.fixture(scope="module")
def seed_dir(tmp_path_factory):
    """The seed and the class vocabulary alone, as the interactions issue specifies."""
    import shutil

    from conftest import BUNDLED

    folder = tmp_path_factory.mktemp("seed-only")
    shutil.copy(SEED, folder / SEED.name)
    shutil.copy(BUNDLED / "classes.yaml", folder / "classes.yaml")
    return folder


@pytest.fixture(scope="module")
def lib(seed_dir):
    return make_library(seed_dir)


@pytest.fixture
def seed_run(run, seed_dir):
    return lambda *args, **kw: run("--no-bundled", "--monographs", str(seed_dir), *args, **kw)


@pytest.fixture
def seed_run_json(run_json, seed_dir):
    return lambda *args, **kw: run_json("--no-bundled", "--monographs", str(seed_dir), *args, **kw)


@pytest.fixture(scope="module")
def seed_rules(lib):
    rules, _, _ = read_rules(parse_monograph(SEED), lib.vocabulary)
    return rules


def test_every_seed_bullet_is_a_rule(seed_rules):
    interactions = [r for r in seed_rules if r.kind == "interaction"]
    contraindications = [r for r in seed_rules if r.kind == "contraindication"]
    assert len(interactions) == 7 and len(contraindications) == 3
    serotonergic = next(r for r in interactions if r.text.startswith("Serotonergic drugs"))
    assert {a.key for a in serotonergic.agents if a.kind == "class"} >= {"serotonergic drugs", "SSRIs", "SNRIs",
                                                                        "triptans", "TCAs"}
    assert {a.word for a in serotonergic.agents if a.kind == "drug"} >= {"buspirone", "fentanyl", "lithium", "tramadol",
                                                                        "tryptophan", "St. John's wort"}
    severities = {r.text.split(":")[0]: r.severity for r in interactions}
    assert severities == {
        "MAOIs": "contraindicated",
        "Serotonergic drugs (e.g., SSRIs, SNRIs, triptans, tricyclic antidepressants, buspirone, fentanyl, lithium, "
        "tramadol, tryptophan, St. John's wort)": "major",
        "Drugs that impair serotonin metabolism (e.g., linezolid, methylene blue)": "major",
        "Drugs that affect blood pressure or heart rate": "moderate",
        "CYP450 interactions": "minor",
        "Alcohol": "unrated",  # "Moderate consumption is advised." has no severity words
        "Anticoagulants/NSAIDs": "major",
    }
    washouts = [r.washout for r in contraindications]
    assert washouts[0] == "stop MAOIs at least 14 days before starting Milnacipran"
    assert next(r for r in interactions if r.text.startswith("CYP450")).negative


@pytest.mark.parametrize("text,severity", [
    ("Contraindicated due to risk.", "contraindicated"),
    ("Do not use together.", "contraindicated"),
    ("Increased risk of serotonin syndrome.", "major"),
    ("Avoid concomitant use.", "major"),
    ("Use with caution.", "moderate"),
    ("Limited potential.", "minor"),
    ("Moderate consumption is advised.", "unrated"),
    ("Increases serum lithium concentrations.", "major"),
    ("Increased risk of bleeding; monitor closely.", "major"),
    ("Increased exposure. (severity: minor)", "minor"),
    ("Some words. (Severity: Contraindicated)", "contraindicated"),
])
def test_infer_severity(text, severity):
    assert infer_severity(text)[0] == severity


def test_label_agents_resolve_through_vocabulary(lib):
    agents = agents_of_label("Anticoagulants/NSAIDs", lib.vocabulary)
    assert [(a.kind, a.key) for a in agents] == [("class", "anticoagulants"), ("class", "NSAIDs")]
    agents = agents_of_label("Drugs that affect blood pressure or heart rate", lib.vocabulary)
    assert [a.key for a in agents] == ["drugs that affect blood pressure or heart rate"]


def pair(lib, *names):
    drugs, _ = resolve_drugs(lib, list(names))
    return check(drugs, lib.vocabulary)


def only(result):
    assert len(result.pairs) == 1
    return result.pairs[0]


def test_maoi_contraindicated_with_washout(lib):
    p = only(pair(lib, "milnacipran", "phenelzine"))
    assert (p.status, p.severity, p.kind) == ("interaction", "contraindicated", "contraindication")
    assert p.washout == "stop phenelzine at least 14 days before starting Milnacipran"
    assert any(s.section == "Contraindications" for s in p.sources)
    assert all(s.file.endswith(("milnacipran.md", "classes.yaml")) for s in p.sources)
    assert [f.kind for f in p.findings].count("washout") == 1


def test_linezolid_contraindicated(lib):
    p = only(pair(lib, "milnacipran", "linezolid"))
    assert p.severity == "contraindicated" and p.kind == "contraindication"
    assert any("linezolid" in s.text for s in p.sources)


def test_tramadol_major_serotonin_syndrome(lib):
    p = only(pair(lib, "milnacipran", "tramadol"))
    assert p.severity == "major" and "serotonin syndrome" in p.summary
    assert only(pair(lib, "savella", "tramadol")) == p


@pytest.mark.parametrize("other", ["ibuprofen", "warfarin"])
def test_bleeding(lib, other):
    p = only(pair(lib, "milnacipran", other))
    assert p.severity == "major" and "bleeding" in p.summary


def test_snri_duplication(lib):
    p = only(pair(lib, "milnacipran", "duloxetine"))
    assert "serotonin syndrome" in p.summary and p.kind == "interaction"
    duplication = [f for f in p.findings if f.kind == "duplication"]
    assert len(duplication) == 1 and "SNRIs" in duplication[0].source.section


def test_same_drug_twice_is_duplication(lib):
    p = only(pair(lib, "milnacipran", "Savella"))
    assert p.kind == "duplication" and p.severity == "major"


def test_unknown_is_not_assessable_never_none(lib):
    result = pair(lib, "milnacipran", "zzqxvr")
    p = only(result)
    assert p.status == "not-assessable" and "zzqxvr" in p.reason
    assert [d.status for d in result.drugs] == ["monograph", "unknown"]


def test_alcohol_line(lib):
    p = only(pair(lib, "milnacipran", "alcohol"))
    assert p.status == "interaction" and p.summary == "Moderate consumption is advised."
    assert p.severity == "unrated"  # never silently moderate


def test_vocabulary_only_pair_is_not_assessable(lib):
    p = only(pair(lib, "ibuprofen", "alcohol"))
    assert p.status == "not-assessable"


def test_monograph_without_interaction_section(tmp_path, seed_dir):
    (tmp_path / "bare.md").write_text("---\ntitle: Baredrug\n---\n## Usage\n\n- Nothing on interactions.\n")
    lib = make_library(seed_dir, tmp_path)
    p = only(pair(lib, "milnacipran", "baredrug"))
    assert p.status == "not-assessable" and "no interaction" in p.reason


def test_both_covered_none_listed(tmp_path):
    (tmp_path / "a.md").write_text("---\ntitle: Alphadrug\n---\n## Drug Interactions\n\n- **Betadrug:** Monitor levels.\n")
    (tmp_path / "b.md").write_text("---\ntitle: Gammadrug\n---\n## Drug Interactions\n\n- **Deltadrug:** Avoid.\n")
    (tmp_path / "c.md").write_text("---\ntitle: Betadrug\n---\n## Drug Interactions\n\n- **Epsilondrug:** Avoid.\n")
    lib = make_library(tmp_path)
    assert only(pair(lib, "alphadrug", "gammadrug")).status == "none-listed"
    found = only(pair(lib, "alphadrug", "betadrug"))
    assert (found.status, found.severity) == ("interaction", "moderate")


def test_both_directions_merge_higher_wins(tmp_path):
    (tmp_path / "a.md").write_text("---\ntitle: Alphadrug\n---\n## Drug Interactions\n\n- **Betadrug:** Monitor levels.\n")
    (tmp_path / "b.md").write_text("---\ntitle: Betadrug\n---\n## Drug Interactions\n\n- **Alphadrug:** Fatal toxicity.\n")
    lib = make_library(tmp_path)
    p = only(pair(lib, "alphadrug", "betadrug"))
    assert p.severity == "major" and len(p.sources) == 2
    assert {s.file.rsplit("/", 1)[1] for s in p.sources} == {"a.md", "b.md"}


def test_burden_three_drugs(lib):
    result = pair(lib, "milnacipran", "tramadol", "sertraline")
    groups = {b.group: b.drugs for b in result.burden}
    assert set(groups["serotonergic load"]) == {"Milnacipran", "tramadol", "sertraline"}
    assert result.highest_severity == "major"


def test_burden_needs_three(lib):
    assert pair(lib, "milnacipran", "tramadol").burden == ()


@settings(max_examples=examples(25), deadline=None)
@given(st.permutations(["milnacipran", "tramadol", "warfarin", "phenelzine", "zzqxvr"]))
def test_order_does_not_matter(lib, names):
    result = pair(lib, *names)
    reference = pair(lib, "milnacipran", "tramadol", "warfarin", "phenelzine", "zzqxvr")
    assert result.pairs == reference.pairs
    assert result.burden == reference.burden


def test_name_list_comments():
    assert read_name_list("# my meds\nmilnacipran\n\n  tramadol  # for pain\n#x\n") == ["milnacipran", "tramadol"]


# ---------------------------------------------------------------- CLI

def test_cli_pairs_and_fail_on(seed_run):
    code, out, _ = seed_run("interactions", "milnacipran", "tramadol")
    assert code == 0 and "MAJOR" in out and "milnacipran.md:213 § Drug Interactions" in out
    code, _, _ = seed_run("interactions", "milnacipran", "tramadol", "--fail-on", "major")
    assert code == 1
    code, _, _ = seed_run("interactions", "milnacipran", "alcohol", "--fail-on", "contraindicated")
    assert code == 0
    code, _, _ = seed_run("interactions", "milnacipran", "alcohol", "--fail-on", "major")
    assert code == 1  # the alcohol line is unrated, and unrated counts as major
    code, _, err = seed_run("interactions", "milnacipran", "tramadol", "--fail-on", "severe")
    assert code == 2 and "--fail-on" in err


def test_cli_unknown_listed_in_coverage(seed_run):
    code, out, _ = seed_run("interactions", "milnacipran", "amoxicillinzz")
    assert code == 0
    assert "No data (not assessable): 'amoxicillinzz'" in out
    assert "no interaction" not in out.lower().replace("no interaction listed", "")


def test_cli_json_shape(seed_run_json):
    code, data, _ = seed_run_json("interactions", "savella", "phenelzine", "zzqxvr")
    assert code == 0
    assert [d["status"] for d in data["drugs"]] == ["monograph", "known", "unknown"]
    top = data["pairs"][0]
    assert set(top) >= {"a", "b", "status", "severity", "kind", "summary", "sources"}
    assert top["severity"] == "contraindicated" and top["sources"][0]["file"].endswith("milnacipran.md")
    assert {"file", "section", "text"} <= set(top["sources"][0])
    assert data["highest_severity"] == "contraindicated"
    assert sorted(p["status"] for p in data["pairs"]) == ["interaction", "not-assessable", "not-assessable"]


def test_cli_file_and_stdin(seed_run, tmp_path):
    listing = tmp_path / "meds.txt"
    listing.write_text("# list\nmilnacipran\ntramadol\n")
    code, out, _ = seed_run("interactions", "--file", str(listing))
    assert code == 0 and "Milnacipran + tramadol" in out
    code, out, _ = seed_run("interactions", "--file", "-", input="milnacipran\nwarfarin\n")
    assert code == 0 and "bleeding" in out
    code, out, _ = seed_run("interactions", input="milnacipran\nlinezolid\n")
    assert code == 0 and "CONTRAINDICATED" in out
    code, _, err = seed_run("interactions", "--file", str(tmp_path / "missing.txt"))
    assert code == 2 and "--file" in err


def test_cli_single_drug_table(seed_run, seed_run_json):
    code, out, _ = seed_run("interactions", "milnacipran")
    assert code == 0 and "CONTRAINDICATED" in out
    assert "washout: stop MAOIs at least 14 days before starting Milnacipran" in out
    assert "UNRATED" in out and "(severity" not in out
    code, data, _ = seed_run_json("interactions", "milnacipran")
    assert len(data["rules"]) == 10


def test_cli_ambiguous_name_is_not_assessable(run, tmp_path):
    """Issue 14, item 3: an ambiguous name in a list never stops the check; it is listed, not assessable,
    with its suggestions, and --fail-on cannot pass."""
    from conftest import DATA

    args = ("--monographs", str(DATA / "lookalikes"), "interactions", "milnacipran", "hydroxazine")
    code, out, err = run(*args)
    assert code == 0 and "No data (not assessable): 'hydroxazine'" in out and "hydrOXYzine" in out
    code, out, err = run(*args, "--fail-on", "contraindicated")
    assert code == 1 and "could not be assessed" in err and "hydroxazine" in err
    code, _, err = run("--monographs", str(DATA / "lookalikes"), "interactions", "hydroxazine")
    assert code == 1 and "hydrOXYzine" in err  # a single name still answers as `show` does


def test_hypersensitivity_lines_do_not_pair_drugs(tmp_path, seed_dir):
    (tmp_path / "a.md").write_text(
        "---\ntitle: Alphazepam\nclasses: [benzodiazepines]\n---\n## Contraindications\n\n"
        "- Hypersensitivity to alphazepam or other benzodiazepines.\n- Concurrent use of ketoconazole.\n"
        "## Drug Interactions\n\n- **Opioids:** Profound sedation, respiratory depression, coma, and death.\n")
    lib = make_library(seed_dir, tmp_path)
    assert only(pair(lib, "alphazepam", "lorazepam")).kind == "duplication"  # not a contraindication
    assert only(pair(lib, "alphazepam", "ketoconazole")).severity == "contraindicated"
    assert only(pair(lib, "alphazepam", "fentanyl")).severity == "major"


_TEXT_CHARS = st.sampled_from(list("ab -_.,()é1²\u00a0Ⅻ"))


@given(st.text(_TEXT_CHARS, max_size=12), st.text(_TEXT_CHARS, min_size=1, max_size=4))
@settings(max_examples=examples(500))
def test_has_word_agrees_with_the_regex(text, word):
    r"""A drug named in a contraindication line is found only as a whole word, exactly as the regex
    (?<![\w-])word(?![\w-]) would find it."""
    import re

    assert has_word(text, word) == bool(re.search(r"(?<![\w-])" + re.escape(word) + r"(?![\w-])", text))


def test_has_word_examples():
    assert has_word("do not use with linezolid or methylene blue", "linezolid")
    assert not has_word("do not use with linezolid-containing products", "linezolid")
    assert not has_word("contraindicated with selegiline", "legi")


def test_report_leads_with_counts_and_collapses_pairs_none_listed(run):
    """A count line first, most severe first; the pairs none listed in one line that says it is no proof of safety."""
    code, out, _ = run("interactions", "sertraline", "tramadol", "warfarin", "metformin", "amlodipine", "xyzzy")
    lines = out.splitlines()
    assert lines[0].startswith("Checked: ")
    assert "major" in lines[1] and "not assessable (1 unknown name)" in lines[1] and "not listed" in lines[1]
    quiet = [line for line in lines if line.startswith("Not listed in these monographs")]
    assert len(quiet) == 1 and "not proof of safety" in quiet[0]
    assert "(both monographs checked)" not in out


def test_long_output_is_paged_at_a_terminal(monkeypatch):
    from drugref.reporters.rich import RichReporter

    calls = []

    class Console:
        is_terminal, height = True, 5

        def capture(self):
            import contextlib

            @contextlib.contextmanager
            def capturing():
                class Captured:
                    def get(self):
                        return "line\n" * 20
                yield Captured()
            return capturing()

        def pager(self, styles=False):
            import contextlib

            calls.append("pager")
            return contextlib.nullcontext()

    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    drawn = []
    RichReporter(console=Console())._paged(lambda: drawn.append(1))
    assert calls == ["pager"] and len(drawn) == 2  # measured once, then drawn into the pager
    calls.clear()
    drawn.clear()
    RichReporter(console=Console(), no_pager=True)._paged(lambda: drawn.append(1))
    assert calls == [] and len(drawn) == 1
