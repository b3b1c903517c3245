"""Medication lists as people and systems write them (issue 14, items 1 and 3): reading, resolving, the CLI."""
from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import DATA, examples, make_library
from drugref.medlist import (
    describe,
    read_entry,
    read_list,
    read_text,
    split_items,
    to_json,
    tokenize,
)


@pytest.fixture(scope="module")
def lib():
    return make_library(bundled=True)


def names(text: str) -> list[tuple[str, ...]]:
    return list(read_entry(text).names)


def resolved(lib, text: str) -> list[tuple[str, str | None]]:
    [line] = read_list(lib, text).lines
    return [(i.status, i.name) for i in line.ingredients]


# ------------------------------------------------------------------ splitting

def test_split_lines_commas_semicolons_bullets_bom():
    text = "\ufeff- sertraline 50 mg\n* tramadol; warfarin\n• aspirin, atorvastatin 40 mg qhs\n\n# a comment\n1. lithium\n"
    assert [item for _, item in split_items(text)] == [
        "sertraline 50 mg", "tramadol", "warfarin", "aspirin", "atorvastatin 40 mg qhs", "lithium"]
    assert [n for n, _ in split_items(text)] == [1, 2, 2, 3, 3, 6]


def test_comma_part_without_a_name_stays_with_its_line():
    assert [i for _, i in split_items("Metoprolol 25 mg, 1 tab daily, with food")] == [
        "Metoprolol 25 mg, 1 tab daily, with food"]
    assert [i for _, i in split_items("sertraline,tramadol")] == ["sertraline", "tramadol"]
    assert [i for _, i in split_items("Levothyroxine 1,000 mcg")] == ["Levothyroxine 1,000 mcg"]


def test_inner_bullets_and_labels():
    assert [i for _, i in split_items("Medications: aspirin • warfarin")] == ["aspirin", "warfarin"]
    entries, skipped = read_text("Allergies: penicillin, sulfa\nwarfarin\n")
    assert [e.text for e in entries] == ["warfarin"] and skipped[0][0] == 1


def test_hash_quantity_is_not_a_comment():
    assert [i for _, i in split_items("lisinopril 10 mg #30\nwarfarin # for AF")] == ["lisinopril 10 mg #30", "warfarin"]


# ------------------------------------------------------------------ one entry

@pytest.mark.parametrize("text, expected", [
    ("Sertraline 50 mg PO daily", [("Sertraline",)]),
    ("Tramadol 50 mg PO q6h PRN pain", [("Tramadol",)]),
    ("Simvastatin 20 MG Oral Tablet", [("Simvastatin",)]),
    ("24 HR Metformin hydrochloride 500 MG Extended Release Oral Tablet", [("Metformin hydrochloride", "Metformin")]),
    ("Acetaminophen 325 MG / HYDROcodone Bitartrate 7.5 MG Oral Tablet",
     [("Acetaminophen",), ("HYDROcodone Bitartrate", "HYDROcodone")]),
    ("Lasix - 40mg by mouth once daily", [("Lasix",)]),
    ("Take 2 tabs with supper", []),
    ("Metoprolol succinate ER 25 mg", [("Metoprolol succinate ER", "Metoprolol succinate", "Metoprolol")]),
    ("amlodipine/benazepril 5/20 mg", [("amlodipine",), ("benazepril",)]),
    ("St. John's wort 300 mg", [("St. John's wort",)]),
    ("potassium chloride 20 mEq PO BID", [("potassium chloride",)]),
    ("q.i.d. warfarin", [("warfarin",)]),
    ("potassium chloride ER 20 mEq daily", [("potassium chloride ER", "potassium chloride")]),
    ("{28 (norethindrone 0.35 MG Oral Tablet) } Pack [Camila]", [("norethindrone",)]),
    ("{21 (ethinyl estradiol 0.035 MG / norethindrone 0.4 MG Oral Tablet) / 7 (inert ingredients 1 MG Oral Tablet) "
     "} Pack", [("ethinyl estradiol",), ("norethindrone",)]),
    ("NDA021457 200 ACTUAT albuterol 0.09 MG/ACTUAT Metered Dose Inhaler", [("albuterol",)]),
    ("Albuterol HFA 90 mcg 2 puffs q4h PRN", [("Albuterol",)]),
    ("my blood pressure pill", []),
    ("sertraline.", [("sertraline",)]),
    ("D/C warfarin 2024-03-01", [("warfarin",)]),
    ("2024-03-01: started sertraline 50 mg", [("sertraline",)]),
    ("sertraline 50mg & trazodone 50mg qhs", [("sertraline",), ("trazodone",)]),
])
def test_names_read_from_an_entry(text, expected):
    assert names(text) == expected


def test_brackets_and_parentheses_are_read_apart():
    entry = read_entry("bupropion hydrochloride 150 MG 24HR Extended Release Oral Tablet [Wellbutrin XL]")
    assert entry.names == (("bupropion hydrochloride", "bupropion"),) and entry.brand == ("Wellbutrin XL",)
    assert "150 MG" in entry.set_aside and "Oral Tablet" in entry.set_aside
    entry = read_entry("Xanax (alprazolam) 0.5 mg tid prn anxiety")
    assert entry.names == (("Xanax",),) and entry.parenthetical == (("alprazolam",),)


def test_tokens_keep_strengths_apart():
    kinds = [(t.text, t.kind) for t in tokenize("Norco 5/325 mg 1-2 tabs q4-6h prn")]
    assert kinds[0] == ("Norco", "name") and all(k != "name" for _, k in kinds[1:])


# ------------------------------------------------------------------ resolving (bundled library)

@pytest.mark.parametrize("text, expected", [
    ("Sertraline 50 mg PO daily", [("monograph", "Sertraline")]),
    ("\ufeffsertraline", [("monograph", "Sertraline")]),
    ("24 HR Metformin hydrochloride 500 MG Extended Release Oral Tablet", [("monograph", "Metformin")]),
    ("Acetaminophen 325 MG / HYDROcodone Bitartrate 7.5 MG Oral Tablet",
     [("unknown", None), ("known", "hydrocodone")]),
    ("bupropion hydrochloride 150 MG 24HR Extended Release Oral Tablet [Wellbutrin XL]", [("monograph", "Bupropion")]),
    ("Effexor XR 75 mg", [("monograph", "Venlafaxine")]),
    ("Zoloft 50 mg", [("monograph", "Sertraline")]),
    ("Savella 50 mg BID", [("monograph", "Milnacipran")]),
    ("Xanax (alprazolam) 0.5 mg", [("monograph", "Alprazolam")]),
    ("Levothyroxine sodium 88 mcg (Synthroid)", [("monograph", "Levothyroxine")]),
    ("lithium carbonate 300 mg", [("monograph", "Lithium")]),
    ("amlodipine besylate 10 mg", [("monograph", "Amlodipine")]),
    ("HCTZ 25 mg", [("known", "hydrochlorothiazide")]),
    ("potassium chloride 20 mEq", [("known", "potassium chloride")]),
    ("Lasix - 40mg by mouth once daily", [("unknown", None)]),
])
def test_lines_resolve(lib, text, expected):
    assert resolved(lib, text) == expected


def test_fuzzy_only_with_a_clear_winner(lib):
    [line] = read_list(lib, "Sertralin 50mg").lines
    assert line.ingredients[0].name == "Sertraline" and line.ingredients[0].how == "fuzzy"
    [line] = read_list(lib, "hydroxazine 25 mg").lines
    assert line.ingredients[0].status == "ambiguous" and line.ingredients[0].name is None
    assert any("hydrOXYzine" in s for s in line.ingredients[0].suggestions)


def test_no_substring_match(lib):
    # milnacipran is inside levomilnacipran: still two different drugs
    assert resolved(lib, "levomilnacipran 20 mg") == [("monograph", "Levomilnacipran")]
    assert resolved(lib, "milnacipran 50 mg") == [("monograph", "Milnacipran")]


def test_a_parenthetical_naming_another_drug_refuses_the_line(lib):
    [line] = read_list(lib, "Clonazepam (Xanax) 1 mg").lines
    assert line.status == "conflict" and not line.assessable
    assert line.ingredients[0].status == "ambiguous"


def test_a_salt_after_a_comma_is_a_new_item_and_a_whole_name_is_tried_first(lib):
    assert [i for _, i in split_items("lisinopril 10 mg, potassium chloride 20 mEq")] == [
        "lisinopril 10 mg", "potassium chloride 20 mEq"]
    assert resolved(lib, "grapefruit juice") == [("known", "grapefruit juice")]
    assert [n for n in names("amlodipine/ASA")] == [("amlodipine",), ("ASA", "aspirin")]
    assert resolved(lib, "amlodipine/ASA") == [("monograph", "Amlodipine"), ("monograph", "Aspirin")]


def test_an_abbreviation_is_never_fuzzed(lib):
    [line] = read_list(lib, "Hydrocodone/APAP 5/325 #30").lines
    apap = line.ingredients[1]
    assert apap.status == "unknown" and apap.query == "acetaminophen" and not apap.suggestions
    assert "'APAP' (acetaminophen): not in this library" in describe(line)


def test_a_note_in_parentheses_is_not_a_name(lib):
    assert resolved(lib, "Warfarin 5 mg daily (hold if on aspirin)") == [("monograph", "Warfarin")]
    assert resolved(lib, "Lasix (furosemide) 40 mg") == [("known", "furosemide")]


def test_a_line_with_no_name_is_not_assessable(lib):
    [line] = read_list(lib, "2 tabs with supper").lines
    assert line.status == "no-name" and not line.assessable


def test_json_reports_every_line(lib):
    data = to_json(read_list(lib, "Sertraline 50 mg PO daily\nLasix 40 mg\n"))
    assert [d["status"] for d in data] == ["resolved", "unresolved"]
    assert data[0]["resolved"][0] == {"written": "Sertraline", "status": "monograph", "name": "Sertraline",
                                      "how": "exact", "score": 100.0, "suggestions": []}
    assert data[0]["set_aside"] == "50 mg PO daily"
    json.dumps(data)


# ------------------------------------------------------------------ properties

_pieces = st.sampled_from(["sertraline", "Tramadol", "50 mg", "PO", "q6h", "PRN", ",", ";", "/", "(", ")", "[", "]",
                           "- ", "• ", "#", "\ufeff", "\n", " ", "Oral Tablet", "24 HR", "HCl", "1,000", "x", "é"])


@settings(max_examples=examples(300), deadline=None)
@given(st.lists(_pieces, max_size=30).map("".join) | st.text(max_size=200))
def test_reader_never_crashes_and_keeps_names_in_the_text(text):
    entries, skipped = read_text(text)
    flat = text.replace("\ufeff", "").casefold()
    for entry in entries:
        assert entry.text and "\n" not in entry.text
        for spellings in entry.names:
            assert spellings and all(s.strip() for s in spellings)
            # the spelling as written comes from the text (never invented)
            for word in spellings[0].split():
                assert word.rstrip(".").casefold() in flat


@settings(max_examples=examples(200), deadline=None)
@given(st.lists(st.sampled_from(["sertraline", "tramadol", "warfarin", "aspirin"]), min_size=1, max_size=8),
       st.sampled_from([", ", "; ", "\n", "\n- ", " • "]))
def test_splitter_finds_each_name_once(words, separator):
    text = separator.join(words)
    assert [e.names[0][0] for e in read_text(text)[0]] == words


# ------------------------------------------------------------------ the command

def test_issue_example_finds_the_major_interaction_and_fails_the_gate(run):
    listing = "Sertraline 50 mg PO daily\nTramadol 50 mg PO q6h PRN pain\nWarfarin 5 mg PO daily\n"
    code, out, err = run("interactions", "--file", "-", "--fail-on", "major", input=listing)
    assert code == 1
    assert "MAJOR  Sertraline + Tramadol" in out
    assert "line 2: Tramadol 50 mg PO q6h PRN pain → Tramadol" in out


def test_comma_list_and_bom_as_arguments(run):
    code, out, err = run("interactions", "sertraline,tramadol")
    assert code == 0 and "Sertraline + Tramadol" in out
    code, out, err = run("interactions", "--file", "-", input="\ufeffsertraline\ntramadol\n")
    assert code == 0 and "\\ufeff" not in err and "using" not in err


def test_unknown_names_never_abort_and_fail_the_gate(run):
    code, out, err = run("interactions", "foo", "bar", "--fail-on", "minor")
    assert code == 1 and "could not be assessed" in err and "'foo'" in err
    code, out, err = run("interactions", "sertraline", "tramadol", "Lasix 40 mg", "--fail-on", "contraindicated")
    assert code == 1 and "Lasix" in err and "Sertraline + Tramadol" in out
    code, out, _ = run("interactions", "sertraline", "tramadol", "Lasix 40 mg")
    assert code == 0 and "'Lasix': not in this library" in out


def test_rxnorm_names_in_json(run_json):
    listing = ("Acetaminophen 325 MG / HYDROcodone Bitartrate 7.5 MG Oral Tablet\n"
               "24 HR Metformin hydrochloride 500 MG Extended Release Oral Tablet\nSimvastatin 20 MG Oral Tablet\n")
    code, data, _ = run_json("interactions", "--file", "-", input=listing)
    assert code == 0
    assert [[r["name"] for r in line["resolved"]] for line in data["lines"]] == [
        [None, "hydrocodone"], ["Metformin"], ["Simvastatin"]]
    assert {d["name"] for d in data["drugs"]} >= {"hydrocodone", "Metformin", "Simvastatin"}
    assert data["lines"][0]["status"] == "partial"


def test_fuzzy_line_is_announced(run):
    code, out, err = run("interactions", "Sertralin 50 mg", "tramadol")
    assert code == 0 and "using Sertraline for 'Sertralin 50 mg'" in err


def test_a_list_of_unknown_names_checks_nothing(run):
    code, out, err = run("interactions", "foo", "bar")
    assert code == 1 and "No data (not assessable)" in out and "nothing was checked" in err


def test_allergy_line_skipped_and_said(run):
    code, out, _ = run("interactions", "--file", "-", input="Allergies: tramadol\nsertraline\nwarfarin\n")
    assert code == 0 and "Tramadol" not in out.split("As read")[0] and "skipped, an allergy line" in out


def test_single_line_with_one_drug_shows_its_rules(run):
    code, out, _ = run("interactions", "Sertraline 50 mg PO daily")
    assert code == 0 and "Sertraline" in out


def test_ambiguous_name_in_a_list(run):
    code, out, err = run("--monographs", str(DATA / "lookalikes"), "interactions", "--file", "-",
                         input="tramadol 50 mg\nhydroxazine 25 mg\n")
    assert code == 0 and "not assessable" in out and "hydrOXYzine" in out


def test_no_names_at_all_is_a_usage_error(run):
    code, _, err = run("interactions", "--file", "-", input="# nothing\n\n")
    assert code == 2 and "no drug names" in err


@settings(max_examples=examples(150), deadline=None)
@given(st.lists(_pieces | st.sampled_from(["Zoloft", "hydroxazine", "xanex", "[Norco]", "{2 (x) } Pack", "and",
                                           "potassium", "HCTZ", "Lasix"]), max_size=20).map(" ".join))
def test_resolving_never_crashes_and_every_line_says_what_it_is(lib, text):
    medlist = read_list(lib, text)
    for line in medlist.lines:
        assert line.status in ("resolved", "partial", "unresolved", "no-name", "conflict")
        for item in line.ingredients:
            assert (item.name is not None) == (item.status in ("monograph", "known"))
    json.dumps(to_json(medlist))


def test_as_read_block_on_a_terminal_and_a_pipe(lib):
    import io

    from drugref.reporters.plain import medication_lines
    from drugref.reporters.rich import draw_medication_lines, make_console

    medlist = read_list(lib, "Sertraline 50 mg PO daily\nsertraline\nhydroxazine 25 mg at bedtime\nAllergies: sulfa\n")
    out = io.StringIO()
    draw_medication_lines(make_console(file=out, width=80, color=True), medlist)
    lines = [line.rstrip() for line in _strip_ansi(out.getvalue()).splitlines()]
    assert lines[0] == "As read from the list:"
    assert lines[1] == "  line 1: Sertraline 50 mg PO daily → Sertraline"
    assert lines[2].startswith("  line 3: hydroxazine 25 mg at bedtime → 'hydroxazine': more than one")
    assert lines[3].startswith("          ") and all(len(line) <= 80 for line in lines)  # hanging indent
    assert lines[-1] == "  line 4: Allergies: sulfa: skipped, an allergy line, not a medication"
    assert "  line 1: Sertraline 50 mg PO daily → Sertraline" in medication_lines(medlist)
    quiet = io.StringIO()
    draw_medication_lines(make_console(file=quiet, width=80), read_list(lib, "sertraline\ntramadol\n"))
    assert quiet.getvalue() == "" and medication_lines(read_list(lib, "sertraline\ntramadol\n")) == []


def _strip_ansi(text: str) -> str:
    import re

    return re.sub(r"\x1b\[[0-9;]*m", "", text)
