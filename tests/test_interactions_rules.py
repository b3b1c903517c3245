"""Class rules, the severity policy, findings per pair, both-way washouts and repeated names, on
small monographs written in the labels' words (tests/data/interactions) and the bundled vocabulary."""
from __future__ import annotations

import json
import re
import shutil

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import BUNDLED, DATA, SEED, examples, make_library
from drugref.interactions import (
    SEVERITIES,
    check,
    infer_severity,
    reaches,
    read_name_list,
    read_rules,
    read_washouts,
    resolve_drugs,
)
from drugref.monograph import parse_monograph
from drugref.vocabulary import Vocabulary, read_vocabulary

LABELS = DATA / "interactions"


@pytest.fixture(scope="module")
def label_dir(tmp_path_factory):
    """The test monographs, the seed and the bundled class vocabulary."""
    folder = tmp_path_factory.mktemp("labels")
    for path in LABELS.glob("*.md"):
        shutil.copy(path, folder / path.name)
    shutil.copy(SEED, folder / SEED.name)
    shutil.copy(BUNDLED / "classes.yaml", folder / "classes.yaml")
    return folder


@pytest.fixture(scope="module")
def lib(label_dir):
    return make_library(label_dir)


@pytest.fixture(scope="module")
def vocab():
    return Vocabulary.from_records([read_vocabulary(str(BUNDLED / "classes.yaml"))])


@pytest.fixture
def label_run(run, label_dir):
    return lambda *args, **kw: run("--no-bundled", "--monographs", str(label_dir), *args, **kw)


def pair(lib, *names):
    drugs, _ = resolve_drugs(lib, list(names))
    result = check(drugs, lib.vocabulary)
    assert len(result.pairs) == 1, result.pairs
    return result.pairs[0]


def rule_names(p):
    return {f.source.section.split(" › ", 1)[1] for f in p.findings if f.source.section.startswith("rules › ")}


# ---------------------------------------------------------------- vocabulary

def test_vocabulary_fixes(vocab):
    assert "procarbazine" in {m for m in vocab.classes["MAOIs"].members}
    assert vocab.find_class("MAO-A inhibitors") == "MAO-A inhibitors"
    assert "QT-prolonging drugs" in vocab.classes_of("escitalopram")
    assert vocab.classes["thiopurines"].therapeutic
    # the plain words mean every strength, not the strong-only class
    assert vocab.find_class("CYP2D6 inhibitors") == "CYP2D6 inhibitors"
    assert vocab.find_class("CYP3A4 inducers") == "CYP3A4 inducers"
    assert "CYP2D6 inhibitors" in vocab.classes_of("duloxetine")
    assert "strong CYP2D6 inhibitors" not in vocab.classes_of("duloxetine")
    assert "CYP3A4 inducers" in vocab.classes_of("phenobarbital")
    assert "strong CYP3A4 inducers" not in vocab.classes_of("phenobarbital")


@pytest.mark.parametrize("drug,classes", [
    ("fluoxetine", {"strong CYP2C19 inhibitors", "strong CYP2D6 inhibitors"}),
    ("fluvoxamine", {"strong CYP2C19 inhibitors", "strong CYP1A2 inhibitors", "moderate CYP3A4 inhibitors"}),
    ("rifampin", {"CYP1A2 inducers", "CYP2B6 inducers", "CYP2C8 inducers", "CYP2C9 inducers", "strong CYP2C19 inducers",
                  "strong CYP3A4 inducers"}),
    ("duloxetine", {"moderate CYP2D6 inhibitors"}),
    ("clopidogrel", {"strong CYP2C8 inhibitors"}),
    ("omeprazole", {"moderate CYP2C19 inhibitors", "CYP2C19 inhibitors"}),
])
def test_cyp_roles_from_fdas_table(vocab, drug, classes):
    assert classes <= vocab.classes_of(drug)


def test_no_drug_in_two_strengths_of_one_enzyme(vocab):
    for enzyme in ("CYP3A4 inhibitors", "CYP3A4 inducers", "CYP1A2 inhibitors", "CYP2D6 inhibitors"):
        strong = {m for m in vocab.classes[f"strong {enzyme}"].members}
        moderate = {m for m in vocab.classes[f"moderate {enzyme}"].members}
        assert not strong & moderate, enzyme


def test_every_class_rule_has_a_source_and_a_line(vocab):
    assert len(vocab.rules) >= 10
    for rule in vocab.rules:
        assert rule.source and rule.effect and rule.management and rule.line > 0
        assert rule.severity in SEVERITIES and rule.severity != "unrated"


def test_often_named_drugs_are_known(vocab):
    for name in ("theophylline", "digoxin", "colchicine", "spironolactone", "potassium chloride", "amiloride"):
        assert vocab.is_known_drug(name), name


# ---------------------------------------------------------------- class rules

@pytest.mark.parametrize("a,b,severity,rule", [
    ("phenelzine", "selegiline", "contraindicated", "two MAOIs"),
    ("procarbazine", "sertraline", "major", "MAOI with serotonergic drug"),
    ("procarbazine", "dextroamphetamine", "major", "MAOI with sympathomimetic"),
    ("procarbazine", "rizatriptan", "major", "MAOI with serotonergic drug"),
    ("warfarin", "clopidogrel", "major", "anticoagulant with drug that impairs hemostasis"),
    ("apixaban", "naproxen", "major", "anticoagulant with drug that impairs hemostasis"),
    ("lisinopril", "spironolactone", "major", "ACE inhibitor or ARB with potassium"),
    ("losartan", "potassium chloride", "major", "ACE inhibitor or ARB with potassium"),
    ("lisinopril", "ibuprofen", "moderate", "NSAID with ACE inhibitor or ARB"),
    ("tramadol", "alprazolam", "major", "opioid with benzodiazepine"),
    ("fentanyl", "pregabalin", "major", "opioid with gabapentinoid"),
    ("citalopram", "clarithromycin", "major", "two QT-prolonging drugs"),
    ("escitalopram", "ciprofloxacin", "major", "two QT-prolonging drugs"),
    ("clarithromycin", "simvastatin", "contraindicated", "strong CYP3A4 inhibitor with simvastatin or lovastatin"),
    ("alprazolam", "clarithromycin", "contraindicated", "strong CYP3A4 inhibitor with alprazolam"),
    ("ciprofloxacin", "tizanidine", "contraindicated", "strong CYP1A2 inhibitor with tizanidine"),
    ("amitriptyline", "hydroxyzine", "major", "two strong anticholinergics"),
    ("ibuprofen", "prednisone", "major", "NSAID with corticosteroid"),
    ("lithium", "furosemide", "major", "lithium with drug that raises lithium levels"),
    ("ciprofloxacin", "prednisone", "moderate", "fluoroquinolone with corticosteroid"),
    ("rifampin", "simvastatin", "moderate", "strong CYP3A4 inducer with sensitive CYP3A4 substrate"),
])
def test_class_rules(lib, a, b, severity, rule):
    p = pair(lib, a, b)
    assert p.status == "interaction" and rule in rule_names(p)
    assert p.severity == severity
    finding = next(f for f in p.findings if f.source.section == f"rules › {rule}")
    assert finding.source.file.endswith("classes.yaml") and finding.source.line
    assert "Source:" in finding.source.text


def test_class_rule_excepts_what_the_label_excepts(lib):
    p = pair(lib, "alprazolam", "ritonavir")
    assert "strong CYP3A4 inhibitor with alprazolam" not in rule_names(p)


def test_a_line_that_excepts_a_drug_leaves_it_unrated(tmp_path, label_dir):
    (tmp_path / "a.md").write_text(
        "---\ntitle: Alphazolam\nclasses: [benzodiazepines]\n---\n## Contraindications\n\n"
        "- Concomitant use with strong CYP3A inhibitors (e.g., ketoconazole), except ritonavir.\n"
        "## Drug Interactions\n\n- **Opioids:** Respiratory depression. (severity: major)\n")
    lib = make_library(label_dir, tmp_path)
    assert pair(lib, "alphazolam", "clarithromycin").severity == "contraindicated"
    p = pair(lib, "alphazolam", "ritonavir")
    assert p.severity == "unrated" and "excepted" in p.summary  # not contraindicated, not silently dropped


def test_pairs_that_should_stay_quiet(lib):
    for a, b in (("sertraline", "amlodipine"), ("omeprazole", "metformin")):
        drugs, _ = resolve_drugs(lib, [a, b])
        assert check(drugs, lib.vocabulary).pairs[0].status != "interaction", (a, b)


def test_thiopurines_duplicate(lib):
    p = pair(lib, "azathioprine", "mercaptopurine")
    assert p.kind == "duplication" and p.findings[0].kind == "duplication"


def test_triple_whammy_is_burden(lib):
    drugs, _ = resolve_drugs(lib, ["ibuprofen", "lisinopril", "hydrochlorothiazide"])
    result = check(drugs, lib.vocabulary)
    groups = {b.group: b.drugs for b in result.burden}
    group = next(g for g in groups if g.startswith("acute kidney injury"))
    assert set(groups[group]) == {"ibuprofen", "lisinopril", "hydrochlorothiazide"}
    drugs, _ = resolve_drugs(lib, ["ibuprofen", "lisinopril", "amlodipine"])
    assert not any(b.group.startswith("acute kidney") for b in check(drugs, lib.vocabulary).burden)


def test_theophylline_pairs_are_assessable(lib):
    p = pair(lib, "ciprofloxacin", "theophylline")
    assert p.status != "not-assessable" or "theophylline" not in (p.reason or "")
    drugs, _ = resolve_drugs(lib, ["theophylline"])
    assert drugs[0].status == "known"


# ---------------------------------------------------------------- over-calls

@pytest.mark.parametrize("benzo", ["alprazolam", "clonazepam", "lorazepam"])
def test_abrupt_discontinuation_is_not_a_combination(lib, benzo):
    p = pair(lib, "bupropion", benzo)
    assert p.severity != "contraindicated"
    assert not any(f.source.file.endswith("bupropion.md") and "abrupt" in f.source.text for f in p.findings)


def test_methylene_blue_skips_classic_maoi_lines(lib):
    p = pair(lib, "methylene blue", "glyburide")
    assert p.status != "interaction"
    assert pair(lib, "phenelzine", "glyburide").severity == "moderate"  # the same line reaches a classic MAOI


def test_methylene_blue_is_an_mao_a_inhibitor(lib):
    p = pair(lib, "methylene blue", "sumatriptan")
    assert p.severity == "contraindicated"
    assert any(f.source.file.endswith("sumatriptan.md") for f in p.findings)
    # and an MAOI wherever the line is about serotonin
    assert pair(lib, "methylene blue", "fluoxetine").severity == "contraindicated"


def test_limited_potential_is_not_an_interaction_with_every_inhibitor(lib):
    for inhibitor in ("ketoconazole", "paroxetine", "rifampin"):
        drugs, _ = resolve_drugs(lib, ["milnacipran", inhibitor])
        p = check(drugs, lib.vocabulary).pairs[0]
        assert not any("Limited potential" in f.source.text for f in p.findings), inhibitor


def test_aspirin_skips_an_nsaid_line_that_does_not_name_it(lib):
    p = pair(lib, "lithium", "aspirin")
    assert not any(f.source.file.endswith("lithium.md") for f in p.findings)
    assert pair(lib, "lithium", "ibuprofen").severity == "major"
    assert pair(lib, "aspirin", "warfarin").severity == "major"  # bleeding still reaches it


# ---------------------------------------------------------------- severity policy

def test_one_grade_per_effect_whatever_the_wording():
    assert infer_severity("Increased risk of bleeding; monitor.")[0] == infer_severity("Increased risk of bleeding.")[0]
    assert infer_severity("Increase serum lithium concentrations.")[0] == "major"
    assert infer_severity("Moderate consumption is advised.") == ("unrated", False)
    assert infer_severity("Monitor blood pressure.")[0] == "moderate"
    assert infer_severity("No clinically significant interaction; no dose adjustment.")[0] == "minor"


def test_unrated_ranks_as_major_for_fail_on():
    assert reaches("unrated", "major") and reaches("unrated", "moderate")
    assert not reaches("unrated", "contraindicated")
    assert SEVERITIES.index("unrated") == SEVERITIES.index("major") + 1


def test_lithium_ace_inhibitor_line_is_graded_by_its_effect(lib):
    assert pair(lib, "lithium", "lisinopril").severity == "major"


def test_lint_unrated_error_when_bundled_warning_otherwise(tmp_path, vocab):
    from drugref.lint import lint_files

    (tmp_path / "x.md").write_text("---\ntitle: Xdrug\n---\n## Drug Interactions\n\n- **Alcohol:** Moderate use.\n")
    plain = lint_files([str(tmp_path / "x.md")], vocab)[0]
    strict = lint_files([str(tmp_path / "x.md")], vocab, strict_dirs=(str(tmp_path),))[0]
    [note] = [p for p in plain.problems if "no recognisable severity" in p.message]
    assert note.level == "warning" and note.line == 6
    assert [p.level for p in strict.problems if "no recognisable severity" in p.message] == ["error"]


# ---------------------------------------------------------------- findings and output

def test_findings_per_pair(lib):
    p = pair(lib, "phenelzine", "tramadol")
    assert p.severity == "contraindicated" and p.kind == "contraindication"
    assert "serotonin" in p.findings[0].source.text.casefold()  # not "CNS depressants such as alcohol"
    assert p.summary == p.findings[0].effect
    kinds = {f.kind for f in p.findings}
    assert kinds <= {"interaction", "contraindication", "duplication", "washout"}
    assert [f.severity for f in p.findings] == sorted((f.severity for f in p.findings), key=SEVERITIES.index)


def test_snri_duplication_is_its_own_finding(lib):
    p = pair(lib, "milnacipran", "duloxetine")
    dup = [f for f in p.findings if f.kind == "duplication"]
    assert len(dup) == 1 and "SNRIs" in dup[0].effect and dup[0].source.line


def test_washout_both_ways(lib):
    p = pair(lib, "fluoxetine", "phenelzine")
    washouts = {f.effect for f in p.findings if f.kind == "washout"}
    assert "stop Fluoxetine at least 5 weeks before starting Phenelzine" in washouts
    assert "stop Phenelzine at least 14 days before starting Fluoxetine" in washouts
    assert not any("as written" in w for w in washouts)
    stops = {(f.stop, f.start, f.amount) for f in p.findings if f.kind == "washout"}
    assert ("Fluoxetine", "Phenelzine", "5 weeks") in stops


@pytest.mark.parametrize("sentence,expected", [
    ("At least 5 weeks should elapse between discontinuation of fluoxetine and initiation of an MAOI.",
     ("fluoxetine", "MAOI", "5 weeks")),
    ("At least two weeks should elapse between stopping the MAOI and starting guanethidine.",
     ("MAOI", "guanethidine", "2 weeks")),
    ("Contraindicated within 14 days of stopping an MAOI.", ("MAOI", "", "14 days")),
    ("Concurrent or recent (within 14 days) use of MAOIs.", ("MAOIs", "self", "14 days")),
    ("Concurrent use of MAOIs or use within the last 14 days.", ("MAOIs", "self", "14 days")),
    ("At least 14 days should be allowed after stopping bupropion before starting an MAOI antidepressant.",
     ("bupropion", "MAOI antidepressant", "14 days")),
    ("Concomitant use of MAOIs, or use within 14 days of stopping an MAOI (hyperpyretic crises).",
     ("MAOI", "", "14 days")),
    ("Use of thioridazine with fluoxetine, or within 5 weeks after fluoxetine is discontinued.",
     ("fluoxetine", "", "5 weeks")),
    ("At least 10 days should elapse between the discontinuation of isocarboxazid and the institution of buspirone.",
     ("isocarboxazid", "buspirone", "10 days")),
    ("Contraindicated during or within 14 days following the administration of an MAOI.", ("MAOI", "", "14 days")),
    ("Do not start an MAOI within 5 weeks of stopping fluoxetine.", ("fluoxetine", "MAOI", "5 weeks")),
    ("Discontinue strong CYP3A4 inhibitors at least 1 week prior to starting irinotecan.",
     ("strong CYP3A4 inhibitors", "irinotecan", "1 week")),
])
def test_read_washouts(sentence, expected):
    [spec] = read_washouts(sentence)
    assert spec.understood and (spec.stop, spec.start, spec.amount) == expected


def test_washout_phrase_must_name_something():
    [spec] = read_washouts("Disulfiram (within the last 2 weeks): psychotic reactions.")
    assert not spec.understood


def test_washout_not_understood_is_verbatim():
    [spec] = read_washouts("Allow 2 weeks or so, depending on the patient, after the last dose before switching.")
    assert not spec.understood and spec.amount == "" and spec.sentence.startswith("Allow 2 weeks")


def test_unresolved_washout_direction_is_shown_verbatim(tmp_path, label_dir):
    (tmp_path / "a.md").write_text("---\ntitle: Alphadrug\nclasses: [MAOIs]\n---\n## Drug Interactions\n\n"
                                   "- **SSRIs:** Stop the first agent 10 days before starting the second. "
                                   "(severity: contraindicated)\n")
    lib = make_library(label_dir, tmp_path)
    p = pair(lib, "alphadrug", "sertraline")
    [washout] = [f for f in p.findings if f.kind == "washout" and f.source.file.endswith("a.md")]
    assert washout.amount is None and "Stop the first agent 10 days" in washout.effect


def test_cli_text_leads_with_top_finding_no_tags_no_repeats(label_run):
    code, out, _ = label_run("interactions", "phenelzine", "tramadol")
    assert code == 0 and "(severity" not in out
    lines = out.splitlines()
    head = next(i for i, line in enumerate(lines) if "Phenelzine + tramadol" in line)
    assert "serotoninergic" in lines[head + 1]
    sentences = [s.strip() for line in lines if line.startswith("    ") and not line.strip().startswith("←")
                 for s in line.split(": ", 1)[-1].split(". ") if len(s.strip()) > 20]
    assert len(sentences) == len(set(sentences))


def test_cli_json_findings(run_json, label_dir):
    code, data, _ = run_json("--no-bundled", "--monographs", str(label_dir), "interactions", "fluoxetine",
                             "phenelzine")
    assert code == 0
    [p] = data["pairs"]
    assert {"a", "b", "status", "severity", "kind", "summary", "sources", "washout", "findings"} <= set(p)
    assert p["severity"] == p["findings"][0]["severity"] and p["kind"] == p["findings"][0]["kind"]
    for finding in p["findings"]:
        assert set(finding) >= {"kind", "severity", "effect", "management", "source"}
        assert set(finding["source"]) == {"file", "line", "section", "text"}
        assert "(severity" not in finding["source"]["text"]
    washouts = [f["washout"] for f in p["findings"] if f["kind"] == "washout"]
    assert {"stop": "Fluoxetine", "start": "Phenelzine", "at_least": "5 weeks"} in washouts


def test_cli_fail_on_unrated(run, tmp_path, label_dir):
    (tmp_path / "u.md").write_text("---\ntitle: Udrug\n---\n## Drug Interactions\n\n- **Sertraline:** Noted.\n")
    args = ("--no-bundled", "--monographs", str(label_dir), "--monographs", str(tmp_path), "interactions",
            "udrug", "sertraline")
    code, out, _ = run(*args)
    assert code == 0 and "UNRATED" in out
    assert run(*args, "--fail-on", "major")[0] == 1
    assert run(*args, "--fail-on", "contraindicated")[0] == 0
    assert run(*args, "--fail-on", "unrated")[0] == 2


# ---------------------------------------------------------------- repeated names

def test_repeated_name_checked_once(lib):
    drugs, _ = resolve_drugs(lib, ["milnacipran"] * 800 + ["tramadol"] + ["Savella"] * 3)
    result = check(drugs, lib.vocabulary)
    [milnacipran, tramadol] = result.drugs
    assert tramadol.named_times == 1
    assert milnacipran.named_times == 803 and milnacipran.queries == ("milnacipran", "Savella")
    assert len(result.pairs) == 2
    same = next(p for p in result.pairs if p.a == p.b)
    assert same.kind == "duplication" and "803 times" in same.summary


def test_cli_repeated_names(label_run, run_json, label_dir):
    listing = "milnacipran\n" * 800 + "tramadol\nzzqxvr\nzzqxvr\n"
    code, out, _ = label_run("interactions", "--file", "-", input=listing)
    assert code == 0 and "Milnacipran (named 800 times)" in out and "'zzqxvr' (named 2 times)" in out
    assert len(out.splitlines()) < 40
    code, data, _ = run_json("--no-bundled", "--monographs", str(label_dir), "interactions", "--file", "-",
                             input=listing)
    assert [(d["name"], d["count"]) for d in data["drugs"]] == [("Milnacipran", 800), ("tramadol", 1), ("zzqxvr", 2)]
    assert len(data["pairs"]) == 4
    json.dumps(data)


def test_name_list_reads_large_input():
    assert len(read_name_list("a\n" * 5000)) == 5000


def test_seed_rules_unchanged_count():
    rules, _, _ = read_rules(parse_monograph(SEED), Vocabulary.from_records(
        [read_vocabulary(str(BUNDLED / "classes.yaml"))]))
    assert len(rules) == 10


def test_terminal_report_matches_plain_words(lib):
    import io

    from drugref.medlist import MedList
    from drugref.reporters.plain import interaction_lines
    from drugref.reporters.rich import draw_interactions, make_console
    from drugref.results import InteractionReport

    drugs, _ = resolve_drugs(lib, ["fluoxetine", "phenelzine", "tramadol"])
    report = InteractionReport(check(drugs, lib.vocabulary), MedList((), ()))
    buffer = io.StringIO()
    draw_interactions(make_console(file=buffer, width=100, color=False), report)
    terminal = buffer.getvalue()
    assert "(severity" not in terminal and "washout: stop Fluoxetine at least 5 weeks before starting" in terminal
    plain = "\n".join(interaction_lines(report))
    assert "washout: stop Fluoxetine at least 5 weeks before starting Phenelzine" in plain


def test_lint_vocabulary_catches_rule_and_alias_mistakes(tmp_path):
    from drugref.lint import lint_vocabulary

    (tmp_path / "classes.yaml").write_text(
        "classes:\n  alphas:\n    aliases: [alpha]\n    members: [alphadrug]\n"
        "  betas:\n    aliases: [alpha]\n    members: [betadrug]\n"
        "rules:\n  alpha with zeta:\n    between: [[alphas], [zetadrug]]\n    severity: major\n"
        "    effect: E.\n    management: M.\n    source: S.\n")
    vocab = Vocabulary.from_records([read_vocabulary(str(tmp_path / "classes.yaml"))])
    messages = [p.message for report in lint_vocabulary(vocab) for p in report.problems]
    assert any("'alpha' names both class" in m for m in messages)
    assert any("'zetadrug'" in m for m in messages)
    assert lint_vocabulary(vocab, {"zetadrug"})  # still the alias problem
    assert not any("zetadrug" in p.message for r in lint_vocabulary(vocab, {"zetadrug"}) for p in r.problems)


@pytest.mark.parametrize("body,problem", [
    ("rules:\n  r:\n    between: [[a]]\n    severity: major\n    effect: E\n    management: M\n    source: S\n",
     "`between` must hold two lists"),
    ("rules:\n  r:\n    between: [[a], [b]]\n    severity: severe\n    effect: E\n    management: M\n    source: S\n",
     "severity must be one of"),
    ("rules:\n  r:\n    between: [[a], [b]]\n    severity: major\n    effect: E\n    management: M\n",
     "`source` is required"),
])
def test_class_rule_must_be_complete(tmp_path, body, problem):
    from drugref.errors import InvalidMonograph

    (tmp_path / "classes.yaml").write_text(body)
    with pytest.raises(InvalidMonograph) as raised:
        read_vocabulary(str(tmp_path / "classes.yaml"))
    assert problem in raised.value.problem and raised.value.line == 2


def test_conditional_membership_shown_but_not_matched(vocab):
    assert "MAOIs" in vocab.classes_of("methylene blue")  # `show` and `list --class` still say so
    assert "MAOIs" not in vocab.classes_of("methylene blue", ("MAOIs",), conditional=False)
    assert dict(vocab.conditional_classes_of("methylene blue", frozenset()))["MAOIs"] == ("serotonin", "serotonergic")
    assert "NSAIDs" in vocab.classes_of("aspirin") and "NSAIDs" not in vocab.classes_of("aspirin", conditional=False)


def test_fail_on_with_a_pair_not_assessable(label_run):
    assert label_run("interactions", "milnacipran", "zzqxvr")[0] == 0
    code, _, _ = label_run("interactions", "milnacipran", "zzqxvr", "--fail-on", "contraindicated")
    assert code == 1  # the output contract: any input not assessable under --fail-on


def test_class_washout_does_not_reach_linezolid(tmp_path, label_dir):
    (tmp_path / "a.md").write_text("---\ntitle: Alphaxetine\nclasses: [SSRIs]\n---\n## Contraindications\n\n"
                                   "- Use within 14 days of stopping an MAOI.\n")
    lib = make_library(label_dir, tmp_path)
    [washout] = [f for f in pair(lib, "alphaxetine", "linezolid").findings if f.kind == "washout"]
    assert washout.amount is None  # shown as written, not "stop linezolid at least 14 days ..."
    [washout] = [f for f in pair(lib, "alphaxetine", "selegiline").findings if f.kind == "washout"]
    assert washout.effect == "stop selegiline at least 14 days before starting Alphaxetine"


def test_washout_either_drug_and_continued_clause(tmp_path, label_dir):
    (tmp_path / "a.md").write_text(
        "---\ntitle: Alphalopram\nclasses: [SSRIs]\n---\n## Drug Interactions\n\n"
        "- **MAOIs (e.g., phenelzine):** Contraindicated during use and within 14 days of stopping either drug. "
        "At least 14 days should elapse between discontinuation of an MAOI and initiation of alphalopram, and "
        "between discontinuation of alphalopram and initiation of an MAOI. (severity: contraindicated)\n")
    lib = make_library(label_dir, tmp_path)
    washouts = {f.effect for f in pair(lib, "alphalopram", "phenelzine").findings
                if f.kind == "washout" and f.source.file.endswith("a.md")}
    assert washouts == {"stop Alphalopram at least 14 days before starting Phenelzine",
                        "stop Phenelzine at least 14 days before starting Alphalopram"}
    specs = read_washouts("At least 14 days should elapse between discontinuation of an MAOI and initiation of "
                          "alphalopram, and between discontinuation of alphalopram and initiation of an MAOI.")
    assert [(s.stop, s.start, s.amount) for s in specs] == [("MAOI", "alphalopram", "14 days"),
                                                            ("alphalopram", "MAOI", "14 days")]


def test_levomilnacipran_style_sentence():
    specs = read_washouts("Do not use an MAOI intended to treat psychiatric disorders with levomilnacipran or within "
                          "7 days of stopping levomilnacipran; do not start levomilnacipran within 14 days of "
                          "stopping an MAOI.")
    assert [(s.stop, s.start, s.amount) for s in specs] == [
        ("levomilnacipran", "MAOI intended to treat psychiatric disorders", "7 days"),
        ("MAOI", "levomilnacipran", "14 days")]


def test_same_washout_from_two_labels_printed_once(label_run):
    code, out, _ = label_run("interactions", "fluoxetine", "phenelzine")
    assert code == 0
    assert out.count("washout: stop Phenelzine at least 14 days before starting Fluoxetine") == 1
    lines = out.splitlines()
    at = lines.index("    washout: stop Phenelzine at least 14 days before starting Fluoxetine")
    sources = [line for line in lines[at + 1:at + 4] if line.startswith("      ← ")]
    assert {line.split(":")[0].strip("← ") for line in sources} == {"fluoxetine.md", "phenelzine.md"}


@pytest.mark.parametrize("text,effect,management", [
    ("Increased bleeding risk; closely monitor. (severity: major)", "Increased bleeding risk.", "closely monitor."),
    ("Serotonin syndrome.", "Serotonin syndrome.", None),
    ("Contraindicated.", "Contraindicated.", None),
    ("Raised levels; reduce the dose; watch for sedation.", "Raised levels; watch for sedation.", "reduce the dose."),
])
def test_split_effect(text, effect, management):
    from drugref.interactions import split_effect

    assert split_effect(text) == (effect, management)


def test_withdrawal_of_a_drug_in_a_washout_still_pairs(tmp_path, label_dir):
    (tmp_path / "a.md").write_text("---\ntitle: Alphaxetine\nclasses: [SSRIs]\n---\n## Contraindications\n\n"
                                   "- Use with an MAOI or within 14 days of withdrawal of an MAOI.\n"
                                   "- Patients undergoing abrupt discontinuation of benzodiazepines.\n")
    lib = make_library(label_dir, tmp_path)
    assert pair(lib, "alphaxetine", "phenelzine").severity == "contraindicated"
    assert pair(lib, "alphaxetine", "lorazepam").severity != "contraindicated"


@pytest.mark.parametrize("label,keys", [
    ("Tipranavir plus ritonavir", ["tipranavir"]),
    ("NSAIDs including COX-2 inhibitors", ["NSAIDs", "COX-2 inhibitors"]),
    ("Tricyclic and tetracyclic antidepressants", ["tricyclic and tetracyclic antidepressants"]),
    ("Combined P-gp and strong CYP3A4 inhibitors (e.g., ketoconazole)", ["combined P-gp and strong CYP3A4 inhibitors",
                                                                         "ketoconazole"]),
    ("Oral antidiabetic drugs", ["antidiabetic agents"]),
    ("Barbiturates such as phenobarbital", ["barbiturates", "phenobarbital"]),
    ("Live or live, attenuated vaccines", ["live vaccines"]),
    ("NSAIDs (including COX-2 inhibitors, e.g., ibuprofen, naproxen)", ["NSAIDs", "COX-2 inhibitors", "ibuprofen",
                                                                       "naproxen"]),
    ("Antidepressants: SSRIs, tetracyclic and triazolopyridine antidepressants",
     ["SSRIs", "tetracyclic antidepressants", "triazolopyridine antidepressants"]),
])
def test_label_words_resolve(vocab, label, keys):
    from drugref.interactions import agents_of_label

    assert [a.key for a in agents_of_label(label, vocab)] == keys


_WASHOUT_WORDS = st.sampled_from(["at least", "14", "two", "days", "weeks", "should elapse", "between",
                                  "discontinuation of", "initiation of", "stopping", "starting", "an MAOI",
                                  "fluoxetine", "within", "of", "after", "before", "(", ")", ",", ";", ".", "and",
                                  "or", "use of", "recent", "do not start", "either drug", "is discontinued"])


@given(st.lists(_WASHOUT_WORDS, max_size=25))
@settings(max_examples=examples(300), deadline=None)
def test_read_washouts_never_invents_a_number(words):
    text = " ".join(words)
    for spec in read_washouts(text):
        if spec.understood:
            number = spec.amount.split()[0]
            assert spec.stop and re.fullmatch(r"\d+(?:-\d+)?", number)
            assert number.split("-")[0] in re.sub(r"\btwo\b", "2", text)
        else:
            assert spec.amount == "" and spec.sentence


def test_empty_interaction_section_is_not_assessable(tmp_path, label_dir, run):
    (tmp_path / "e.md").write_text("---\ntitle: Emptydrug\n---\n## Contraindications\n\n- Pregnancy.\n\n"
                                   "## Drug Interactions\n\n## Pregnancy\n\n- Avoid.\n")
    lib = make_library(label_dir, tmp_path)
    p = pair(lib, "emptydrug", "fluoxetine")
    assert p.status == "not-assessable" and "lists nothing" in p.reason
    rules, notes, has_data = read_rules(parse_monograph(tmp_path / "e.md"), lib.vocabulary)
    assert [r.kind for r in rules] == ["contraindication"]
    assert not has_data and any("lists nothing" in n.message and n.line == 8 for n in notes)
    code, out, _ = run("--no-bundled", "--monographs", str(label_dir), "--monographs", str(tmp_path),
                       "interactions", "emptydrug")
    assert code == 0 and "cannot be assessed" in out and "Pregnancy." in out


def test_washout_about_a_third_drug_is_left_out(tmp_path, label_dir):
    (tmp_path / "m.md").write_text(
        "---\ntitle: Alphalzine\nclasses: [MAOIs]\n---\n## Drug Interactions\n\n"
        "- **SSRIs (e.g., fluoxetine, sertraline):** Serotonin syndrome. At least 14 days should elapse between "
        "discontinuation of alphalzine and initiation of an SSRI. At least 5 weeks should elapse between "
        "discontinuation of fluoxetine and initiation of alphalzine. (severity: contraindicated)\n")
    lib = make_library(label_dir, tmp_path)
    washouts = [f for f in pair(lib, "alphalzine", "sertraline").findings if f.kind == "washout"]
    assert [f.effect for f in washouts] == ["stop Alphalzine at least 14 days before starting sertraline"]
    washouts = {f.effect for f in pair(lib, "alphalzine", "fluoxetine").findings
                if f.kind == "washout" and f.source.file.endswith("m.md")}
    assert washouts == {"stop Alphalzine at least 14 days before starting Fluoxetine",
                        "stop Fluoxetine at least 5 weeks before starting Alphalzine"}


def test_burden_traces_to_its_vocabulary_line(lib, run_json, label_dir):
    drugs, _ = resolve_drugs(lib, ["milnacipran", "tramadol", "sertraline"])
    [serotonergic] = [b for b in check(drugs, lib.vocabulary).burden if b.group == "serotonergic load"]
    assert serotonergic.source.file.endswith("classes.yaml") and serotonergic.source.line
    code, data, _ = run_json("--no-bundled", "--monographs", str(label_dir), "interactions", "milnacipran",
                             "tramadol", "sertraline")
    assert code == 0
    [entry] = [b for b in data["burden"] if b["group"] == "serotonergic load"]
    assert entry["source"]["line"] == serotonergic.source.line and entry["source"]["section"].startswith("burden")
