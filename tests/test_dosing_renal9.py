"""Issue 11, round 9b: renal guidance written as sentences, the way labels write it. A sentence is read as a band
only when its patients read as one clearance interval (or as patients on dialysis) and its guidance reads whole;
anything else stays unread and the renal answer is refused with the words shown."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from drugref.cli import app
from drugref.dosing import Patient, plan, read_dosing
from drugref.dosing.bands import read_guidance, split_prose
from drugref.dosing.model import Dosing
from drugref.monograph import parse_text


def monograph(adults: str, *renal: str, heading: str = "Patients with Renal Impairment") -> str:
    lines = "".join(f"    - {line}\n" for line in renal)
    return ("---\nname: Examplamine\nbrand_names: [Examplix]\n---\n# Examplamine\n\n## **Dosage**\n\n"
            f"### **Standard Dosage**\n\n#### **Adults:**\n{adults}\n#### **Special Cases:**\n\n"
            f"- **{heading}**:\n{lines}")


def dosing(text: str) -> Dosing:
    return read_dosing(parse_text(text, "examplamine.md"))


def crcl(value: float, dialysis: str | None = None) -> Patient:
    return Patient(crcl_ml_min=None if dialysis else value, crcl_source="given", dialysis=dialysis)


def titrate_json(tmp_path: Path, text: str, *args: str) -> tuple[int, dict[str, object]]:
    (tmp_path / "examplamine.md").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["--no-bundled", "--monographs", str(tmp_path), "titrate", "examplamine",
                                      "--json", *args])
    answer: dict[str, object] = json.loads(result.output)
    return result.exit_code, answer


ONCE = "- Initial: 5 mg once daily.\n- Maximum: 40 mg/day.\n"


# ---------------------------------------------------------------- the sentence shapes

def test_a_sentence_that_opens_with_its_patients_splits_with_or_without_a_comma() -> None:
    # nebivolol's shape: no comma after the parenthesis, a semicolon inside the guidance, a decimal dose
    assert split_prose("In patients with severe renal impairment (ClCr less than 30 mL/min) the recommended initial "
                       "dose is 2.5 mg once daily; titrate up slowly if needed.") == \
        ("severe renal impairment (clcr less than 30 ml/min)",
         "the recommended initial dose is 2.5 mg once daily; titrate up slowly if needed")
    # "i.e.," inside the parentheses names the same patients
    who, _ = split_prose("For patients with moderate and severe renal impairment (i.e., creatinine clearance <50 "
                         "mL/min), give 10 mg once daily.") or ("", "")
    assert who == "moderate and severe renal impairment (creatinine clearance <50 ml/min)"


def test_a_verdict_on_patients_on_dialysis_splits_into_the_dialysis_band() -> None:
    assert split_prose("BYSTOLIC has not been studied in patients receiving dialysis.") == \
        ("patients receiving dialysis", "not been studied")
    assert split_prose("Examplix is not recommended in patients on hemodialysis.") == \
        ("patients on hemodialysis", "not recommended")


def test_may_not_be_effective_below_a_clearance_is_a_caution_there() -> None:
    assert split_prose("Probenecid may not be effective in chronic renal insufficiency particularly when the "
                       "glomerular filtration rate is 30 mL/minute or less.") == \
        ("glomerular filtration rate 30 ml/minute or less", "use with caution")


def test_near_misses_are_not_split() -> None:
    # two sentences (eslicarbazepine's "… reduced by 50%. Titration … may be further adjusted …"), patients named
    # without a clearance, a subgroup after the clearance, a sentence about something else
    assert split_prose("For patients with CrCl <50 mL/min, the dosages should be reduced by 50%. Titration may be "
                       "further adjusted based on clinical response.") is None
    assert split_prose("In patients with severe renal impairment the recommended initial dose is 2.5 mg once "
                       "daily.") is None
    assert split_prose("Examplix may not be effective in patients with gout.") is None
    assert split_prose("Examplix has not been studied in patients with hepatic impairment.") is None
    assert split_prose("Use with caution in the elderly.") is None


def test_titrate_up_slowly_after_a_start_reads_as_a_starting_dose() -> None:
    g = read_guidance("the recommended initial dose is 2.5 mg once daily; titrate up slowly if needed")
    assert (g.action, g.initial_daily_dose, g.max_daily_dose) == ("adjust", 2.5, None)
    # words about how fast that are not "slowly", "gradually" or "cautiously": not read
    assert read_guidance("the recommended initial dose is 2.5 mg once daily; titrate up weekly").action == "unread"


# ---------------------------------------------------------------- through the planner

NEBIVOLOL_LIKE = monograph(
    ONCE,
    "In patients with severe renal impairment (ClCr less than 30 mL/min) the recommended initial dose is 2.5 mg once "
    "daily; titrate up slowly if needed.",
    "Examplix has not been studied in patients receiving dialysis.",
    "CrCl 30 mL/min or more: no dose adjustment.")


def test_the_sentence_s_patients_get_its_starting_dose_and_no_invented_maximum() -> None:
    d = dosing(NEBIVOLOL_LIKE)
    for value in (29, 15, 5):
        p = plan(d, crcl(value))
        assert p.recommended is True and p.steps[0].daily_dose == 2.5 and p.steps[0].times_per_day == 1, p.refused
        assert p.max_daily_dose is None  # the band states none; the tool does not make one up
    p = plan(d, crcl(30))
    assert p.recommended is True and p.steps[0].daily_dose == 5 and p.max_daily_dose == 40


def test_dialysis_patients_of_a_not_studied_sentence_are_refused_with_its_words() -> None:
    p = plan(dosing(NEBIVOLOL_LIKE), crcl(8, dialysis="hd"))
    assert p.recommended is None and not p.steps
    assert any("has not been studied" in text for _, _, text in p.shown_text)


def test_a_not_recommended_sentence_for_dialysis_says_so_for_dialysis_only() -> None:
    d = dosing(monograph(ONCE, "CrCl 30 mL/min or more: no dose adjustment.",
                         "CrCl less than 30 mL/min: 2.5 mg once daily.",
                         "Examplix is not recommended in patients undergoing hemodialysis."))
    assert plan(d, crcl(8, dialysis="hd")).recommended is False
    p = plan(d, crcl(8))
    assert p.recommended is True and p.steps[-1].daily_dose == 2.5


def test_an_ineffective_below_sentence_keeps_the_label_s_dose_with_a_caution() -> None:
    d = dosing(monograph(ONCE, "Examplix may not be effective in chronic renal insufficiency particularly when the "
                               "glomerular filtration rate is 30 mL/minute or less."))
    for value in (100, 33, 30, 5):
        p = plan(d, crcl(value))
        assert p.recommended is True and p.steps[0].daily_dose == 5 and p.max_daily_dose == 40, (value, p.refused)
    assert any("caution" in w for w in plan(d, crcl(20)).warnings)


def test_a_sentence_whose_guidance_does_not_read_stays_unread_and_refuses() -> None:
    text = monograph(ONCE, "In patients with severe renal impairment (CrCl less than 30 mL/min) the dose should be "
                           "guided by plasma levels.", "CrCl 30 mL/min or more: no dose adjustment.")
    d = dosing(text)
    for value in (100, 40, 20):
        p = plan(d, crcl(value))
        assert p.recommended is None and not p.steps, value
    assert any("label: guidance" in n.message for n in d.problems)


def test_a_band_for_a_subgroup_stays_unread() -> None:
    d = dosing(monograph(ONCE, "In patients with severe renal impairment (CrCl less than 30 mL/min) who are also "
                               "taking a diuretic, the recommended initial dose is 2.5 mg once daily."))
    assert plan(d, crcl(20)).recommended is None


@settings(deadline=None)
@given(st.integers(15, 60), st.sampled_from([1.25, 2.5, 3]), st.sampled_from(["less than {h}", "<{h}", "below {h}"]),
       st.booleans())
def test_any_sentence_of_this_shape_gives_its_start_below_the_bound(high: int, start: float, bound: str,
                                                                     comma: bool) -> None:
    sentence = (f"In patients with severe renal impairment (ClCr {bound.format(h=high)} mL/min){',' if comma else ''} "
                f"the recommended initial dose is {start:g} mg once daily; titrate up slowly if needed.")
    d = dosing(monograph(ONCE, sentence, f"CrCl {high} mL/min or more: no dose adjustment."))
    below, at = plan(d, crcl(high - 1)), plan(d, crcl(high))
    assert below.recommended is True and below.steps[0].daily_dose == start, below.refused
    assert at.recommended is True and at.steps[0].daily_dose == 5


# ---------------------------------------------------------------- the heading names the label's table

def test_a_heading_that_names_the_label_s_table_is_no_regimen_group() -> None:
    text = ("---\nname: Examplamine\n---\n# Examplamine\n\n## **Dosage**\n\n### **Standard Dosage**\n\n"
            f"#### **Adults:**\n{ONCE}\n#### **Special Cases:**\n\n"
            "- **Patients with Renal Impairment** (Table 1, eGFR in mL/min/1.73 m²):\n\n"
            "| eGFR (mL/min/1.73 m²) | Recommended Dosage |\n|---|---|\n"
            "| eGFR 30 or greater | No dosage adjustment. |\n"
            "| eGFR less than 30 | Not recommended. |\n")
    d = dosing(text)
    assert all(b.group is None for b in d.bands)
    assert plan(d, crcl(20)).recommended is False
    assert plan(d, crcl(45)).steps[0].daily_dose == 5
    # a heading that names an indication still groups its bands
    grouped = dosing(text.replace("(Table 1, eGFR in mL/min/1.73 m²)", "(Heart failure)"))
    assert all(b.group == "Heart failure" for b in grouped.bands)


# ---------------------------------------------------------------- the CLI

def test_titrate_shows_the_sentence_s_starting_dose_and_refuses_dialysis(tmp_path: Path) -> None:
    code, answer = titrate_json(tmp_path, NEBIVOLOL_LIKE, "--crcl", "20")
    assert code == 0 and answer["recommended"] is True
    steps = answer["steps"]
    assert isinstance(steps, list) and steps[0]["daily_dose"] == 2.5
    code, answer = titrate_json(tmp_path, NEBIVOLOL_LIKE, "--dialysis", "hd")
    assert code == 1 and answer["recommended"] is None and answer["steps"] == []


# ---------------------------------------------------------------- "may be titrated upward to a maximum"

@pytest.mark.parametrize("words", [
    "initial dose 3.75 mg once daily; doses may be titrated upward to a maximum daily dose of 15 mg.",
    "the recommended initial dose is 3.75 mg once daily. Dosage may be titrated upward until blood pressure is "
    "controlled or to a maximum total daily dose of 15 mg."])
def test_a_start_then_titration_up_to_a_maximum_gives_both(words: str) -> None:
    g = read_guidance(words)
    assert (g.action, g.initial_daily_dose, g.max_daily_dose) == ("adjust", 3.75, 15)
    d = dosing(monograph("- Initial: 7.5 mg once daily.\n- Maximum: 30 mg/day.\n",
                         f"Creatinine clearance ≤40 mL/min/1.73 m²: {words}", "CrCl above 40 mL/min: no adjustment."))
    p = plan(d, crcl(36))
    assert p.recommended is True and p.steps[0].daily_dose == 3.75 and p.max_daily_dose == 15
    assert plan(d, crcl(41)).max_daily_dose == 30


def test_titrated_upward_until_something_else_is_not_a_maximum() -> None:
    # "until the patient responds or to a maximum": another end than blood pressure is not read
    assert read_guidance("initial dose 3.75 mg once daily; doses may be titrated upward until the patient responds "
                         "or to a maximum daily dose of 15 mg").action == "unread"


# ---------------------------------------------------------------- a serum creatinine gloss; a kidney warning

def test_a_serum_creatinine_gloss_after_the_clearance_names_the_same_patients() -> None:
    from drugref.dosing.bands import read_interval

    assert read_interval("GFR <30 mL/min/1.73 m² (serum creatinine >3 mg/dL)") == (0.0, 30.0, True, False, "egfr")
    assert read_interval("CrCl <30 mL/min (serum creatinine >3 mg/dL)") == (0.0, 30.0, True, False, "crcl")
    # a serum creatinine below a value is not the patients with impaired function: not read
    assert read_interval("CrCl <30 mL/min (serum creatinine <3 mg/dL)") is None


def test_a_warning_that_the_drug_worsens_renal_function_is_no_renal_band(tmp_path: Path) -> None:
    text = monograph(ONCE, "CrCl 30 mL/min or more: no dose adjustment.",
                     "GFR <30 mL/min/1.73 m² (serum creatinine >3 mg/dL): the recommended initial dose is 2.5 mg once "
                     "daily. Dosage may be titrated upward until blood pressure is controlled or to a maximum total "
                     "daily dose of 20 mg.") + "- Examplix can also worsen renal function.\n"
    d = dosing(text)
    p = plan(d, crcl(20))
    assert p.recommended is True and p.steps[0].daily_dose == 2.5 and p.max_daily_dose == 20, p.refused
    assert plan(d, crcl(60)).steps[0].daily_dose == 5
    code, answer = titrate_json(tmp_path, text, "--crcl", "20")
    assert code == 0 and answer["max_daily_dose"] == 20
    # a sentence that does say how to dose stays a renal statement
    kept = dosing(text.replace("can also worsen renal function", "should be used with caution in renal impairment"))
    assert len(kept.bands) == 3


# ---------------------------------------------------------------- a verdict whose subject is the drug

def test_a_verdict_naming_the_brand_as_its_subject_is_the_verdict(tmp_path: Path) -> None:
    text = monograph(ONCE, "Creatinine clearance greater than 40 mL/min: no dose adjustment.",
                     "Severe renal insufficiency (creatinine clearance 40 mL/min or less): Examplix is not recommended.")
    d = dosing(text)
    assert plan(d, crcl(30)).recommended is False
    assert plan(d, crcl(50)).steps[0].daily_dose == 5
    code, answer = titrate_json(tmp_path, text, "--crcl", "30")
    assert answer["recommended"] is False
    # the same subject with more words after the verdict is not this rule
    more = dosing(text.replace("is not recommended.", "is not recommended in most patients."))
    assert plan(more, crcl(30)).recommended is None


# ---------------------------------------------------------------- renal transplantation

def test_a_renal_transplantation_line_is_shown_beside_the_plan_not_a_band() -> None:
    d = dosing(monograph(ONCE, "Mild renal impairment (creatinine clearance 50 to 80 mL/min): No dosage adjustment.",
                         "Severe renal impairment (creatinine clearance <30 mL/min): not recommended.",
                         "Renal transplantation: use with caution."))
    p = plan(d, crcl(70))
    assert p.recommended is True and p.steps[0].daily_dose == 5
    assert any("Renal transplantation" in w for w in p.warnings)
    assert plan(d, crcl(20)).recommended is False
    # a heading that names a regimen stays that regimen's group
    grouped = dosing(monograph(ONCE, "Kidney transplant: no dose adjustment."))
    assert [b.group for b in grouped.bands] == ["Kidney transplant"]


# ---------------------------------------------------------------- words beside the bands: an acute event, a caution

ZONISAMIDE_LIKE = monograph(
    ONCE,
    "Renal disease: Because examplamine is excreted by the kidneys, patients with renal disease should be treated with "
    "caution, and might require slower titration and more frequent monitoring.",
    "GFR <50 mL/min: Not recommended (avoid use).",
    "Acute renal failure or a clinically significant sustained increase in serum creatinine: discontinue therapy.")


def test_an_acute_event_and_a_numberless_caution_are_shown_beside_the_numbered_band(tmp_path: Path) -> None:
    d = dosing(ZONISAMIDE_LIKE)
    for value in (49, 30, 10):
        assert plan(d, crcl(value)).recommended is False, value
    p = plan(d, crcl(100))
    assert p.recommended is True and p.steps[0].daily_dose == 5
    assert any("discontinue therapy" in w for w in p.warnings) and any("caution" in w for w in p.warnings)
    assert plan(d, crcl(70)).recommended is None  # silence between the band and normal function stays refused
    code, answer = titrate_json(tmp_path, ZONISAMIDE_LIKE, "--crcl", "30")
    assert answer["recommended"] is False


def test_a_renal_disease_line_with_a_dose_stays_unread() -> None:
    d = dosing(ZONISAMIDE_LIKE.replace("should be treated with caution, and might require slower titration",
                                       "should be treated with caution and given 2.5 mg once daily"))
    assert plan(d, crcl(100)).recommended is None


# ---------------------------------------------------------------- a worded band above a numbered one

NARATRIPTAN_LIKE = monograph(
    ONCE,
    "Severe renal impairment (creatinine clearance: <15 mL/min): Examplix is contraindicated because of decreased "
    "clearance of the drug.",
    "Mild to moderate renal impairment: the maximum daily dose should not exceed 2.5 mg over a 24-hour period and a "
    "1-mg starting dose is recommended.")


def test_a_worded_band_with_no_upper_edge_leaves_the_severe_band_below_it_answerable(tmp_path: Path) -> None:
    d = dosing(NARATRIPTAN_LIKE)
    for value in (14, 5):
        assert plan(d, crcl(value)).recommended is False, value
    for value in (15, 39, 100):  # where mild to moderate ends is not stated: refused with its words
        p = plan(d, crcl(value))
        assert p.recommended is None and any("24-hour period" in text for _, _, text in p.shown_text), value
    code, answer = titrate_json(tmp_path, NARATRIPTAN_LIKE, "--crcl", "40")
    assert code == 1 and answer["max_daily_dose"] is None and answer["steps"] == []


def test_a_worded_band_above_a_band_that_does_not_reach_zero_still_refuses_everyone() -> None:
    # what lies below the numbered band is not stated either: the worded band is not placed, and every CrCl refuses
    d = dosing(NARATRIPTAN_LIKE.replace("(creatinine clearance: <15 mL/min)", "(creatinine clearance: 5 to 14 mL/min)"))
    for value in (10, 40):
        assert plan(d, crcl(value)).recommended is None, value


def test_a_verdict_s_reason_after_because_of_or_due_to_changes_nothing() -> None:
    assert read_guidance("Examplix is contraindicated because of decreased clearance of the drug.").action == \
        "not-recommended"
    assert read_guidance("not recommended due to accumulation of a metabolite").action == "not-recommended"
    assert read_guidance("2.5 mg once daily because of accumulation").action == "unread"


# ---------------------------------------------------------------- a table of dosing intervals in hours

def interval_table(*rows: str) -> str:
    table = "".join(f"| {row} |\n" for row in rows)
    return ("---\nname: Examplamine\n---\n# Examplamine\n\n## **Dosage**\n\n### **Standard Dosage**\n\n"
            "#### **Adults:**\n- Initial: 40 mg once daily.\n\n#### **Special Cases:**\n\n"
            "- **Patients with Renal Impairment**:\n\n"
            "| Creatinine clearance (mL/min) | Dosage interval (hours) |\n|---|---|\n" + table)


def test_an_interval_in_hours_gives_the_usual_dose_at_that_interval(tmp_path: Path) -> None:
    text = interval_table(">50 | 24", "10-50 | 48", "<10 | 40-60")
    d = dosing(text)
    p = plan(d, crcl(70))
    assert p.recommended is True and p.steps[0].daily_dose == 40 and p.steps[0].times_per_day == 1
    p = plan(d, crcl(30))
    assert p.recommended is True and p.steps[0].dose == 40 and p.steps[0].times_per_day == 0.5, p.refused
    # a range of hours is not read: refused with the row's words
    assert plan(d, crcl(5)).recommended is None
    code, answer = titrate_json(tmp_path, text, "--crcl", "30")
    assert code == 0 and answer["recommended"] is True


def test_a_bare_number_under_a_column_not_in_hours_is_not_an_interval() -> None:
    d = dosing(interval_table(">50 | 24", "10-50 | 48").replace("Dosage interval (hours)", "Dosage interval (days)"))
    assert plan(d, crcl(30)).recommended is None


# ---------------------------------------------------------------- what to watch for; nested bands that change nothing

RANOLAZINE_LIKE = monograph(
    "- Initial: 500 mg twice daily.\n- Maximum: 2000 mg/day.\n",
    "Severe renal impairment (CrCl <30 mL/min): Acute renal failure has been observed in some patients with severe "
    "renal impairment while taking Examplix. If acute renal failure develops, discontinue Examplix.",
    "Moderate to severe renal impairment (CrCl <60 mL/min): Monitor renal function after initiation and periodically "
    "for increases in serum creatinine accompanied by an increase in BUN.")


def test_watching_and_stopping_if_it_happens_changes_no_dose(tmp_path: Path) -> None:
    d = dosing(RANOLAZINE_LIKE)
    assert {b.guidance.action for b in d.bands} == {"caution"}
    for value in (10, 29, 45):
        p = plan(d, crcl(value))
        assert p.recommended is True and p.steps[0].daily_dose == 1000 and p.max_daily_dose == 2000, value
    assert any("discontinue" in w for w in plan(d, crcl(10)).warnings)
    code, answer = titrate_json(tmp_path, RANOLAZINE_LIKE, "--crcl", "20")
    assert code == 0 and answer["max_daily_dose"] == 2000


def test_nested_bands_of_which_one_changes_the_dose_stay_refused_where_they_overlap() -> None:
    d = dosing(RANOLAZINE_LIKE.replace("If acute renal failure develops, discontinue Examplix.",
                                       "If acute renal failure develops, reduce the dose to 250 mg twice daily."))
    assert plan(d, crcl(20)).recommended is None
    assert read_guidance("Monitor renal function and reduce the dose if needed.").action == "unread"


def test_a_verdict_on_severe_impairment_or_dialysis_answers_the_dialysis_patients_only(tmp_path: Path) -> None:
    text = monograph(ONCE, "Examplix is not recommended in patients with severe renal impairment or patients "
                           "undergoing hemodialysis.")
    d = dosing(text)
    assert plan(d, crcl(8, dialysis="hd")).recommended is False
    for value in (5, 100):  # severe impairment without numbers: not placed, every CrCl refused
        assert plan(d, crcl(value)).recommended is None, value
    code, answer = titrate_json(tmp_path, text, "--dialysis", "hd")
    assert answer["recommended"] is False
    # "… or patients with hepatic impairment": no dialysis patients, the whole sentence stays unread
    other = dosing(text.replace("patients undergoing hemodialysis", "patients with hepatic impairment"))
    assert plan(other, crcl(8, dialysis="hd")).recommended is None


# ---------------------------------------------------------------- one dose or two halves; drug-level monitoring

FLECAINIDE_LIKE = monograph(
    "- Initial: 50 mg every 12 hours.\n- Maximum: 300 mg/day.\n",
    "Severe renal impairment (creatinine clearance of 35 mL/min/1.73 square meters or less): the initial dosage is "
    "100 mg once daily (or 50 mg bid); when used in such patients, frequent plasma level monitoring is required to "
    "guide dosage adjustments.")


def test_once_daily_or_half_twice_daily_is_one_daily_amount_once_or_twice(tmp_path: Path) -> None:
    g = read_guidance("the initial dosage is 100 mg once daily (or 50 mg bid)")
    assert (g.initial_daily_dose, g.initial_times) == (100, (1, 2))
    d = dosing(FLECAINIDE_LIKE)
    p = plan(d, crcl(30))
    assert p.recommended is True and p.steps[0].daily_dose == 100 and p.steps[0].times_per_day == (1, 2)
    assert p.max_daily_dose is None
    code, answer = titrate_json(tmp_path, FLECAINIDE_LIKE, "--crcl", "30")
    assert code == 0 and answer["max_daily_dose"] is None


def test_two_different_daily_amounts_or_other_monitoring_stay_unread() -> None:
    assert read_guidance("the initial dosage is 100 mg once daily (or 100 mg bid)").action == "unread"
    assert read_guidance("the initial dosage is 100 mg once daily; frequent plasma level monitoring is required to "
                         "reduce the dose by half").action == "unread"


@settings(deadline=None)
@given(st.sampled_from([25, 50, 75, 100, 150]))
def test_any_once_or_half_twice_amount_keeps_its_daily_total(half: int) -> None:
    g = read_guidance(f"the initial dosage is {2 * half} mg once daily (or {half} mg twice daily)")
    assert (g.initial_daily_dose, g.initial_times) == (2 * half, (1, 2))


def test_when_to_give_the_dose_on_dialysis_days_changes_no_amount(tmp_path: Path) -> None:
    text = monograph(ONCE, "Estimated creatinine clearance greater than or equal to 15 mL per minute: No dosage "
                           "adjustment is required.",
                     "ESRD receiving chronic hemodialysis: No dosage adjustment is required. On days of hemodialysis, "
                     "administer after completion of hemodialysis treatment.")
    d = dosing(text)
    p = plan(d, crcl(8, dialysis="hd"))
    assert p.recommended is True and p.steps[0].daily_dose == 5 and p.max_daily_dose == 40
    code, answer = titrate_json(tmp_path, text, "--dialysis", "hd")
    assert code == 0 and answer["recommended"] is True
    # a supplemental dose after dialysis is an amount: not this rule
    assert read_guidance("No dosage adjustment is required. On days of hemodialysis, administer a supplemental dose "
                         "after hemodialysis.").action == "unread"


# ---------------------------------------------------------------- sentences of the cephalosporin labels

CEFDITOREN_BANDS = (
    "No dose adjustment is necessary for patients with mild renal impairment (CLcr: 50-80 mL/min/1.73 m2).",
    "It is recommended that not more than 200 mg BID be administered to patients with moderate renal impairment (CLcr: "
    "30-49 mL/min/1.73 m2).",
    "200 mg QD be administered to patients with severe renal impairment (CLcr: <30 mL/min/1.73 m2).",
    "The appropriate dose in patients with end-stage renal disease has not been determined.")
CEFDITOREN_LIKE = monograph("- Initial: 200 mg twice daily.\n- Maximum: 800 mg/day.\n", *CEFDITOREN_BANDS)


def test_introducing_words_and_an_end_stage_sentence_leave_the_clearance_bands_readable(tmp_path: Path) -> None:
    d = dosing(CEFDITOREN_LIKE)
    assert plan(d, crcl(60)).steps[0].daily_dose == 400
    assert plan(d, crcl(40)).max_daily_dose == 400
    assert plan(d, crcl(20)).steps[-1].daily_dose == 200
    p = plan(d, crcl(8, dialysis="hd"))  # end-stage disease: "has not been determined", refused with its words
    assert p.recommended is None and any("not been determined" in text for _, _, text in p.shown_text)
    code, answer = titrate_json(tmp_path, CEFDITOREN_LIKE, "--crcl", "20")
    assert code == 0 and answer["recommended"] is True


def test_a_dialysis_paragraph_refuses_dialysis_patients_only() -> None:
    d = dosing(monograph("- Initial: 300 mg twice daily.\n",
                         "For adult patients with creatinine clearance <30 mL/min, the dose of examplamine should be "
                         "300 mg given once daily.",
                         "In patients maintained on chronic hemodialysis, the recommended initial dosage regimen is a 300 "
                         "mg dose every other day. At the conclusion of each hemodialysis session, 300 mg should be "
                         "given."))
    p = plan(d, crcl(20))
    assert p.recommended is True and p.steps[-1].daily_dose == 300 and p.steps[-1].times_per_day == 1
    assert plan(d, crcl(8, dialysis="hd")).recommended is None
    # "the dose of X should be" before words that are not an amount: not read
    assert read_guidance("the dose of examplamine should be reduced").action == "unread"


# ---------------------------------------------------------------- a heading's remark that changes no dose

def test_a_remark_of_monitoring_and_no_dose_for_dialysis_leaves_the_bands_for_every_regimen() -> None:
    bands = ("CrCl 60 mL/min or more: no dose adjustment.", "CrCl less than 60 mL/min: 2.5 mg once daily.")
    text = monograph(ONCE, *bands, heading="Patients with Renal Impairment** (serum creatinine or estimated creatinine "
                     "clearance should be monitored regularly during treatment; for adult patients on hemodialysis (CrCl "
                     "less than 10 mL/min), a dose recommendation for examplamine cannot be given)**")
    text = text.replace("(serum", "**(serum", 1).replace("given)**", "given)", 1).replace(
        "Impairment** **(", "Impairment** (", 1)
    d = dosing(text)
    assert all(b.group is None for b in d.bands)
    assert plan(d, crcl(40)).steps[-1].daily_dose == 2.5
    # a remark that gives a dose is still words this tool does not read there
    loading = dosing(text.replace("a dose recommendation for examplamine cannot be given", "give 10 mg after dialysis"))
    assert plan(loading, crcl(40)).recommended is None
