"""Issue 12's examples on the bundled set: each gives the right answer once the monographs carry
their labels' lines (and the class rules and vocabulary their part)."""
from __future__ import annotations

import pytest

from conftest import BUNDLED, SEED, make_library
from drugref.interactions import RANK, check, read_rules, resolve_drugs
from drugref.monograph import parse_monograph

FILES = sorted(BUNDLED.glob("*.md"))


@pytest.fixture(scope="module")
def lib():
    return make_library(bundled=True)


def pair(lib, a, b):
    drugs, _ = resolve_drugs(lib, [a, b])
    [result] = check(drugs, lib.vocabulary).pairs
    return result


def at_least(p, severity):
    return p.status == "interaction" and RANK[p.severity] <= RANK[severity]


def from_file(p, name):
    return [f for f in p.findings if f.source.file.endswith(name)]


@pytest.mark.parametrize("a,b,severity", [
    ("phenelzine", "selegiline", "contraindicated"),
    ("lisinopril", "ibuprofen", "moderate"),
    ("warfarin", "ciprofloxacin", "moderate"),
    ("warfarin", "clarithromycin", "moderate"),
    ("warfarin", "rifampin", "moderate"),
    ("warfarin", "levothyroxine", "moderate"),
    ("warfarin", "tramadol", "moderate"),
    ("warfarin", "omeprazole", "moderate"),
    ("warfarin", "prednisone", "moderate"),
    ("warfarin", "amoxicillin", "moderate"),
    ("ciprofloxacin", "theophylline", "major"),
    ("clarithromycin", "citalopram", "major"),
    ("procarbazine", "sertraline", "major"),
    ("procarbazine", "duloxetine", "major"),
    ("procarbazine", "amitriptyline", "major"),
    ("procarbazine", "dextroamphetamine", "major"),
    ("procarbazine", "sumatriptan", "major"),
    ("methylene blue", "sumatriptan", "major"),
    ("escitalopram", "ciprofloxacin", "major"),
    ("rifampin", "simvastatin", "moderate"),  # reduced statin effect (FDA table: strong inducer, sensitive substrate)
    ("rifampin", "warfarin", "major"),
    ("alprazolam", "clarithromycin", "contraindicated"),
    ("alprazolam", "ritonavir", "moderate"),
    ("fentanyl", "clarithromycin", "major"),
    ("simvastatin", "clarithromycin", "contraindicated"),
])
def test_issue_pairs_flagged(lib, a, b, severity):
    p = pair(lib, a, b)
    assert at_least(p, severity), (p.status, p.severity, p.reason)


@pytest.mark.parametrize("opioid", ["tramadol", "fentanyl", "meperidine"])
@pytest.mark.parametrize("gabapentinoid", ["gabapentin", "pregabalin"])
def test_opioid_with_gabapentinoid_is_major(lib, opioid, gabapentinoid):
    assert at_least(pair(lib, opioid, gabapentinoid), "major")


@pytest.mark.parametrize("other", ["sertraline", "fluoxetine", "paroxetine", "citalopram", "escitalopram",
                                   "fluvoxamine", "venlafaxine", "duloxetine", "desvenlafaxine", "levomilnacipran"])
def test_ssri_and_snri_with_warfarin_graded_alike(lib, other):
    assert pair(lib, other, "warfarin").severity == "major"


def test_same_effect_same_grade(lib):
    assert pair(lib, "gabapentin", "lorazepam").severity == pair(lib, "gabapentin", "alprazolam").severity
    for other in ("ibuprofen", "lisinopril", "hydrochlorothiazide"):
        p = pair(lib, "lithium", other)
        assert p.severity in ("major", "contraindicated"), other


def test_seed_alcohol_line_is_unrated_not_moderate(lib):
    assert pair(lib, "milnacipran", "alcohol").severity == "unrated"


def test_monographs_carry_their_labels_lines(lib):
    warfarin, _, _ = read_rules(parse_monograph(BUNDLED / "warfarin.md"), lib.vocabulary)
    assert len(warfarin) >= 10
    for name in ("amoxicillin", "prednisone"):
        rules, _, _ = read_rules(parse_monograph(BUNDLED / f"{name}.md"), lib.vocabulary)
        assert [r for r in rules if r.kind == "interaction"], name
    tramadol, _, _ = read_rules(parse_monograph(BUNDLED / "tramadol.md"), lib.vocabulary)
    contraindications = " ".join(r.text.casefold() for r in tramadol if r.kind == "contraindication")
    for words in ("respiratory depression", "asthma", "obstruction"):
        assert words in contraindications


def test_no_unrated_line_in_the_bundled_set_but_the_seed(lib):
    for path in FILES:
        rules, _, _ = read_rules(parse_monograph(path), lib.vocabulary)
        unrated = [r.line for r in rules if r.severity == "unrated"]
        if path != SEED:
            assert unrated == [], path.name


def test_lint_keeps_the_seed_a_warning(lib):
    from drugref.lint import lint_files

    [report] = lint_files([str(SEED)], lib.vocabulary, strict_dirs=(str(BUNDLED),))
    assert [p.level for p in report.problems if "no recognisable severity" in p.message] == ["warning"]


def test_phenelzine_tramadol_leads_with_serotonin(lib):
    p = pair(lib, "phenelzine", "tramadol")
    assert p.severity == "contraindicated"
    assert "seroton" in p.findings[0].source.text.casefold()


def test_two_snris_is_a_duplication_finding(lib):
    p = pair(lib, "duloxetine", "venlafaxine")
    assert any(f.kind == "duplication" for f in p.findings)


def test_thiopurines_duplication(lib):
    assert any(f.kind == "duplication" for f in pair(lib, "azathioprine", "mercaptopurine").findings)


def test_fluoxetine_phenelzine_washout_both_ways(lib):
    p = pair(lib, "fluoxetine", "phenelzine")
    washouts = {(f.stop, f.start, f.amount) for f in p.findings if f.kind == "washout"}
    assert ("Fluoxetine", "Phenelzine", "5 weeks") in washouts
    assert ("Phenelzine", "Fluoxetine", "14 days") in washouts


@pytest.mark.parametrize("benzo", ["alprazolam", "clonazepam", "lorazepam"])
def test_bupropion_with_benzodiazepines_not_contraindicated(lib, benzo):
    p = pair(lib, "bupropion", benzo)
    assert p.severity != "contraindicated"


@pytest.mark.parametrize("other,file", [("glyburide", "glyburide.md"), ("hydralazine", "hydralazine.md")])
def test_methylene_blue_not_reached_by_classic_maoi_lines(lib, other, file):
    p = pair(lib, "methylene blue", other)
    assert from_file(p, file) == []


@pytest.mark.parametrize("inhibitor", ["ketoconazole", "clarithromycin", "ritonavir", "fluoxetine", "paroxetine",
                                       "bupropion", "ciprofloxacin", "fluvoxamine"])
def test_milnacipran_limited_potential_is_no_interaction(lib, inhibitor):
    p = pair(lib, "milnacipran", inhibitor)
    assert not any("Limited potential" in f.source.text for f in p.findings)


def test_aspirin_and_lithiums_nsaid_line(lib):
    p = pair(lib, "aspirin", "lithium")
    for finding in from_file(p, "lithium.md"):
        assert "aspirin" in finding.source.text.casefold() or "salicylate" in finding.source.text.casefold()


def test_printed_report_has_no_tags_and_no_repeats(run):
    names = ["phenelzine", "tramadol", "fluoxetine", "warfarin", "duloxetine", "venlafaxine", "alprazolam"]
    code, out, _ = run("interactions", *names)
    assert code == 0 and "(severity" not in out
    blocks: list[list[str]] = []
    for line in out.splitlines():
        if not line.startswith(" "):
            blocks.append([])
        elif "←" not in line and blocks:
            blocks[-1].append(line.split(": ", 1)[-1].strip())
    for bodies in blocks:  # within a pair, no sentence twice
        sentences = [s for body in bodies for s in body.split(". ") if len(s) > 25]
        assert len(sentences) == len(set(sentences)), bodies


# MAO-B inhibitors and procarbazine (issue 12, turn 3). The SSRI/SNRI/TCA/mirtazapine labels whose section 4
# contraindicates only "MAOIs intended to treat psychiatric disorders" (and linezolid, IV methylene blue) do not
# reach rasagiline or procarbazine; those pairs are graded by the rasagiline label ("not recommended") and the
# class rule (serotonin syndrome): major, with the washouts rasagiline's label gives.
PSYCHIATRIC_WORDING = ["citalopram", "escitalopram", "fluoxetine", "fluvoxamine", "desvenlafaxine", "duloxetine",
                       "venlafaxine", "levomilnacipran", "imipramine", "nortriptyline", "mirtazapine"]


@pytest.mark.parametrize("drug", PSYCHIATRIC_WORDING)
@pytest.mark.parametrize("maoi", ["rasagiline", "procarbazine"])
def test_maob_and_procarbazine_are_major_with_psychiatric_maoi_labels(lib, drug, maoi):
    p = pair(lib, drug, maoi)
    assert p.severity == "major", [(f.severity, f.source.file, f.source.line) for f in p.findings]
    assert not any(f.source.file.endswith(f"{drug}.md") and f.severity == "contraindicated" for f in p.findings)


@pytest.mark.parametrize("drug", PSYCHIATRIC_WORDING)
@pytest.mark.parametrize("maoi", ["phenelzine", "tranylcypromine", "isocarboxazid", "selegiline", "linezolid",
                                  "methylene blue"])
def test_psychiatric_maois_linezolid_and_methylene_blue_stay_contraindicated(lib, drug, maoi):
    assert pair(lib, drug, maoi).severity == "contraindicated"


@pytest.mark.parametrize("drug", ["sertraline", "paroxetine", "trazodone", "amitriptyline", "dextroamphetamine",
                                  "tramadol", "meperidine"])
def test_labels_that_name_all_maois_still_contraindicate_rasagiline(lib, drug):
    # these labels' section 4 says "MAOIs" without restriction (README: disagreements with the reference)
    assert pair(lib, drug, "rasagiline").severity == "contraindicated"


def test_fluoxetine_rasagiline_keeps_both_washouts(lib):
    p = pair(lib, "fluoxetine", "rasagiline")
    washouts = {(f.stop, f.start, f.amount) for f in p.findings if f.kind == "washout"}
    assert ("Fluoxetine", "Rasagiline", "5 weeks") in washouts
    assert ("Rasagiline", "Fluoxetine", "14 days") in washouts


def test_rasagiline_ssri_through_the_cli(run_json):
    code, data, _ = run_json("interactions", "escitalopram", "rasagiline")
    assert code == 0
    [p] = data["pairs"]
    assert p["severity"] == "major"
    assert any(f["source"]["file"].endswith("rasagiline.md") and f["severity"] == "major" for f in p["findings"])


def test_omeprazole_warfarin_is_an_inr_change_managed_by_monitoring(lib):
    # Prilosec section 7: increased INR "may lead to abnormal bleeding and even death"; monitor INR and adjust
    # warfarin. Policy rule 5: an INR change managed by monitoring, not through CYP2C9, is moderate
    p = pair(lib, "omeprazole", "warfarin")
    assert p.severity == "moderate"
    assert any(f.source.file.endswith("omeprazole.md") and "death" in f.source.text for f in p.findings)


@pytest.mark.parametrize("other,severity,source", [
    ("ketoconazole", "moderate", "warfarin.md"),  # CYP3A4: R-warfarin
    ("clarithromycin", "major", "classes.yaml"),  # CYP3A4 too, but Beers 2023 says avoid
    ("ciprofloxacin", "major", "classes.yaml"),  # CYP1A2 too, but Beers 2023 says avoid
    ("metronidazole", "major", "warfarin.md"),  # CYP2C9: S-warfarin
    ("fluvoxamine", "major", "warfarin.md"),  # CYP2C9 (and an SSRI)
    ("rifampin", "major", "warfarin.md"),  # CYP2C9 inducer
    ("mirtazapine", "moderate", "mirtazapine.md"),
])
def test_warfarin_inr_changes_graded_by_one_rule(lib, other, severity, source):
    p = pair(lib, other, "warfarin")
    assert p.severity == severity
    assert any(f.source.file.endswith(source) and f.severity == severity for f in p.findings)


@pytest.mark.parametrize("opioid", ["tramadol", "meperidine"])
def test_fentanyl_patient_contraindications_name_no_drug(lib, opioid):
    # "Patients who are not opioid-tolerant" and "pain requiring opioid analgesia" describe the patient, not
    # another opioid taken with fentanyl; opioid + opioid is graded by the CNS-depressant lines: major
    p = pair(lib, "fentanyl", opioid)
    assert p.severity == "major"
    assert not any("opioid-tolerant" in f.source.text or "post-operative pain" in f.source.text for f in p.findings)


def test_alprazolam_contraindication_reaches_strong_cyp3a_inhibitors_only(lib):
    # Xanax section 4: "strong cytochrome P450 3A (CYP3A) inhibitors": fluvoxamine is a moderate one
    assert pair(lib, "alprazolam", "clarithromycin").severity == "contraindicated"
    fluvoxamine = pair(lib, "alprazolam", "fluvoxamine")
    assert fluvoxamine.severity == "moderate"
    assert from_file(fluvoxamine, "alprazolam.md") == []


def test_ketoconazole_contraindication_names_its_list_not_every_cyp3a4_substrate(lib):
    assert pair(lib, "ketoconazole", "buspirone").severity == "moderate"
    assert pair(lib, "ketoconazole", "rivaroxaban").severity == "major"  # Xarelto: avoid
    for listed in ("simvastatin", "alprazolam", "irinotecan", "pimozide"):
        assert pair(lib, "ketoconazole", listed).severity == "contraindicated", listed
    atorvastatin = pair(lib, "ketoconazole", "atorvastatin")  # still flagged: the label's CYP3A4-substrate sentence
    assert atorvastatin.status == "interaction" and atorvastatin.severity == "moderate"


@pytest.mark.parametrize("inhibitor", ["clarithromycin", "ketoconazole", "ritonavir"])
def test_strong_cyp3a4_inhibitor_with_colchicine(lib, inhibitor):
    p = pair(lib, inhibitor, "colchicine")
    assert p.severity == "contraindicated"
    assert any(f.source.section == "rules › strong CYP3A4 inhibitor with colchicine" for f in p.findings)


@pytest.mark.parametrize("drug", ["sertraline", "venlafaxine", "trazodone", "citalopram", "duloxetine", "paroxetine"])
def test_bleeding_grade_follows_the_policy_whatever_the_drug(lib, drug):
    # serious bleeding is major with an anticoagulant; with an antiplatelet or NSAID alone the labels say monitor
    assert pair(lib, drug, "warfarin").severity == "major"
    assert pair(lib, drug, "clopidogrel").severity == "moderate"
    assert pair(lib, drug, "naproxen").severity == "moderate"


@pytest.mark.parametrize("nsaid", ["ibuprofen", "celecoxib", "naproxen"])
def test_nsaid_bleeding_grades(lib, nsaid):
    assert pair(lib, nsaid, "warfarin").severity == "major"
    assert pair(lib, nsaid, "apixaban").severity == "major"
    assert pair(lib, nsaid, "clopidogrel").severity == "moderate"


@pytest.mark.parametrize("nsaid", ["ibuprofen", "celecoxib", "naproxen"])
def test_nsaid_with_analgesic_dose_aspirin_is_major_by_the_class_row(lib, nsaid):
    # NSAID class labeling, section 7 table, Aspirin row: "Concomitant use of <NSAID> and analgesic doses of
    # aspirin is not generally recommended because of the increased risk of bleeding" -> not recommended: major
    p = pair(lib, nsaid, "aspirin")
    assert p.severity == "major"
    [line] = [f for f in from_file(p, f"{nsaid}.md") if "analgesic doses of aspirin" in f.source.text]
    assert line.severity == "major" and "not generally recommended" in line.source.text


def test_aspirin_ibuprofen_through_the_cli(run_json):
    code, data, _ = run_json("interactions", "aspirin", "ibuprofen")
    assert code == 0
    [p] = data["pairs"]
    assert p["severity"] == "major"
    [lead] = [f for f in p["findings"] if f["severity"] == "major"]
    assert lead["source"]["file"].endswith("ibuprofen.md") and lead["source"]["section"] == "Drug Interactions"
