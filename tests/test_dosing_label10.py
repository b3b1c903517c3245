"""Dosing sentences as FDA labels write them, round 10 (label10): one dated step's sentence.

- A bullet's day label said again inside its sentence ("Days 8 to 14: Increase the dosage to 1 mg once daily on Days 8
  through 14.") is read when the clause names exactly the label's days; a sentence whose days disagree with its label,
  or that may mean the label's first day only, stays unread.
- "10 mcg subcutaneously once daily" (the route of an injection, as "orally" is of a tablet): ADLYXIN PI, 2.1 Dosing
  Instructions ("The starting dose of ADLYXIN is 10 mcg subcutaneously once daily for 14 days").
- "Increase the dose to the maintenance dose of 20 mcg once daily starting on Day 15" (ADLYXIN PI, 2.1).
- "Start with an initial dosage of 10 mg once daily with food for 7 days" (VIIBRYD PI, 2.1 Dosage for Treatment of Major
  Depressive Disorder).
- "Dosage should then be increased to 20 mg/day, as tolerated" (TRINTELLIX PI, 2.1 General Instruction for Use).
- "In patients with essential hypertension, the recommended initial dose is 4 mg once a day" under a Hypertension
  heading (ACEON PI, Dosage and Administration, Hypertension): the heading's own patients.

The numbers below are made up; the sentence shapes are the labels'. Every rule has a near miss that stays unread.
"""
from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from drugref.cli import app
from drugref.dosing import plan, read_dosing
from drugref.dosing.phrases import DoseFact, read_text, regimen_heading, without_label_days
from drugref.monograph import parse_text

Steps = list[tuple[object, object, object, object]]


def monograph(adults: str) -> str:
    return ("---\ntitle: Examplamine\nbrand_names: [Examplo]\n---\n# Examplamine\n\n## **Dosage**\n\n"
            f"### **Standard Dosage**\n\n#### **Adults:**\n{adults}\n")


def plan_steps(adults: str) -> Steps:
    """(start, end, daily, times) of each read step; an unread step as ("unread", its start, None, None)."""
    steps = plan(read_dosing(parse_text(monograph(adults)))).steps
    return [("unread", s.start_day, None, None) if s.unread else (s.start_day, s.end_day, s.daily_dose, s.times_per_day)
            for s in steps]


def titrate_json(tmp_path: Path, adults: str) -> dict[str, object]:
    (tmp_path / "examplamine.md").write_text(monograph(adults), encoding="utf-8")
    result = CliRunner().invoke(app, ["--no-bundled", "--monographs", str(tmp_path), "titrate", "examplamine", "--json"])
    answer: dict[str, object] = json.loads(result.output)
    return answer


def json_steps(answer: dict[str, object]) -> Steps:
    steps = answer["steps"]
    assert isinstance(steps, list)
    return [(s["start_day"], s["end_day"], s["daily_dose"], s["times_per_day"]) for s in steps]


def facts(text: str) -> tuple[bool, list[tuple[object, object, str, object]]]:
    reading = read_text(text)
    return reading.complete, [(f.daily, f.times, f.role, f.timing) for f in reading.facts if isinstance(f, DoseFact)]


# ---------------------------------------------------------------- the day label said again in the sentence

RESTATED = ("- Days 1 to 7: The recommended starting dosage is 0.5 mg once daily on Days 1 to 7.\n"
            "- Days 8 to 14: Increase the dosage to 1 mg once daily on Days 8 through 14.\n"
            "- Day 15 onward: Increase to 2 mg once daily on Day 15.\n")


def test_a_day_label_restated_in_its_sentence_reads_as_the_label_alone(tmp_path: Path) -> None:
    expected = [(1, 7, 0.5, 1.0), (8, 14, 1.0, 1.0), (15, None, 2.0, 1.0)]
    assert plan_steps(RESTATED) == expected
    plain = RESTATED.replace(" on Days 1 to 7", "").replace(" on Days 8 through 14", "").replace(" on Day 15", "")
    assert plan_steps(plain) == expected  # the same bullets without the clause: read the same
    answer = titrate_json(tmp_path, RESTATED)
    assert json_steps(answer) == expected and answer["refused"] is None


@given(st.integers(1, 60), st.integers(1, 30), st.integers(1, 400), st.integers(1, 400),
       st.sampled_from(["to", "through", "-"]))
def test_any_restated_span_reads_as_its_label(first: int, length: int, mg1: int, mg2: int, word: str) -> None:
    last = first + length
    adults = (f"- Days {first} {word} {last}: {mg1} mg once daily on Days {first} {word} {last}.\n"
              f"- Day {last + 1} onward: Increase to {mg2} mg twice daily starting on Day {last + 1}.\n")
    assert plan_steps(adults)[-2:] == [(first, last, float(mg1), 1.0), (last + 1, None, 2.0 * mg2, 2.0)]


def test_a_sentence_whose_days_disagree_with_its_label_stays_unread(tmp_path: Path) -> None:
    first = "- Days 1 to 7: 0.5 mg once daily.\n"
    for bullet in ("- Days 8 to 14: Increase to 1 mg once daily on Days 8 through 21.",  # another last day
                   "- Days 8 to 14: Increase to 1 mg once daily on Days 9 to 14.",  # another first day
                   "- Days 8 to 14: Increase to 1 mg once daily on Day 8.",  # that day only, or from it? not said
                   "- Day 15 onward: Increase to 2 mg once daily on Day 16.",
                   "- Day 15 onward: Increase to 2 mg once daily on Days 15 to 28.",  # an onward label, an end day
                   "- Day 8: 1 mg once daily starting on Day 8.",  # one day, and "starting": it goes on
                   "- Days 8 to 14: 1 mg once daily on Days 8 to 14 and 2 mg on Day 15."):
        steps = plan_steps(first + bullet + "\n")
        assert steps[0] == (1, 7, 0.5, 1.0) and steps[1][0] == "unread", bullet
    answer = titrate_json(tmp_path, first + "- Days 8 to 14: Increase to 1 mg once daily on Days 8 through 21.\n")
    assert json_steps(answer)[0] == (1, 7, 0.5, 1.0)
    assert all(daily != 1.0 for _, _, daily, _ in json_steps(answer))


def test_the_restated_clause_goes_only_when_it_names_exactly_the_labels_days() -> None:
    body = "Increase to 1 mg once daily on Days 8 through 14."
    assert without_label_days(body, 8, 14) == "Increase to 1 mg once daily."
    assert without_label_days("2 mg once daily starting on Day 8, with food.", 8, 14) == "2 mg once daily, with food."
    assert without_label_days("2 mg once daily on Day 15.", 15, None) == "2 mg once daily."
    assert without_label_days("2 mg once daily on day 3", 3, 3) == "2 mg once daily"
    assert without_label_days("2 mg once daily from Day 8 to Day 14.", 8, 14) == "2 mg once daily."
    assert without_label_days("2 mg once daily from Day 15 onward.", 15, None) == "2 mg once daily."
    assert without_label_days("2 mg once daily on Day 15 and thereafter.", 15, None) == "2 mg once daily."
    assert without_label_days("On Days 1 to 7, take 0.5 mg once daily.", 1, 7) == "take 0.5 mg once daily."
    assert without_label_days("Starting on Day 15, take 2 mg once daily.", 15, None) == "take 2 mg once daily."
    for text, first, last in (("2 mg once daily from Day 8 to Day 15.", 8, 14), ("On Day 8, take 1 mg once daily.", 8, 14),
                              ("On Days 1 to 8, take 1 mg once daily.", 1, 7), ("2 mg upon Day 3.", 3, 3), ("2 mg once daily from Day 8 onward.", 8, 14),
                              ("2 mg once daily from Day 3.", 3, 3), ("2 mg on days 1 to 7 then 1 mg on day 8.", 1, 7),
                              (body, 8, 21), (body, 9, 14), ("2 mg once daily on Day 8.", 8, 14),
                              ("2 mg on Day 1 and 1 mg on Day 2.", 1, 2), ("2 mg once daily on Day 16.", 15, None),
                              ("2 mg once daily starting on Day 3.", 3, 3), ("2 mg once daily on Days 8 to 14.", 8, None),
                              ("2 mg once daily.", 8, 14)):
        assert without_label_days(text, first, last) == text, text


def test_the_labels_days_leading_the_sentence(tmp_path: Path) -> None:
    adults = ("- Days 1 to 3: On Days 1 to 3, the recommended dosage is 0.5 mg once daily.\n"
              "- Day 4 onward: Starting on Day 4, take 1 mg twice daily.\n")
    assert json_steps(titrate_json(tmp_path, adults)) == [(1, 3, 0.5, 1.0), (4, None, 2.0, 2.0)]
    steps = plan_steps(adults.replace("Starting on Day 4", "Starting on Day 5"))
    assert steps[0] == (1, 3, 0.5, 1.0) and steps[1][0] == "unread"


def test_a_first_days_own_dose_keeps_its_day() -> None:
    # "Day 1: 400 mg on day 1": without the clause "400 mg" says no frequency; the grammar reads the day's dose with it
    assert plan_steps("- Day 1: 400 mg on day 1.\n- Days 2 to 5: 200 mg once daily.\n")[0] == (1, 1, 400.0, None)


# ---------------------------------------------------------------- the sentence's own words

@given(st.integers(1, 100), st.integers(2, 28))
def test_a_subcutaneous_dose_is_read_like_an_oral_one(mcg: int, days: int) -> None:
    assert facts(f"The starting dose is {mcg} mcg subcutaneously once daily for {days} days.") == \
        (True, [(float(mcg), 1.0, "initial", ("for", days))])
    assert facts(f"{mcg} mcg by subcutaneous injection twice daily.") == (True, [(2.0 * mcg, 2.0, "dose", None)])


def test_a_route_with_other_words_stays_unread() -> None:
    assert not read_text("10 mcg subcutaneously once daily in patients over 60 kg.").complete
    assert not read_text("10 mcg subcutaneously or 20 mcg intravenously once daily.").complete


@given(st.integers(1, 400), st.sampled_from(["maintenance dose", "target dose", "maintenance dosage"]),
       st.integers(2, 60))
def test_increase_the_dose_to_the_maintenance_dose_of(mg: int, what: str, day: int) -> None:
    complete, found = facts(f"Increase the dose to the {what} of {mg} mg once daily starting on Day {day}.")
    assert complete and found == [(float(mg), 1.0, "dose", ("on_day", day))]


@given(st.integers(1, 400), st.integers(2, 28), st.sampled_from(["Start with", "Begin with", "Initiate with"]))
def test_start_with_an_initial_dosage_of(mg: int, days: int, lead: str) -> None:
    complete, found = facts(f"{lead} an initial dosage of {mg} mg once daily with food for {days} days,")
    assert complete and found == [(float(mg), 1.0, "initial", ("for", days))]


@given(st.integers(1, 400))
def test_dosage_should_then_be_increased_to(mg: int) -> None:
    assert facts(f"Dosage should then be increased to {mg} mg/day, as tolerated.") == \
        (True, [(float(mg), None, "dose", None)])


def test_an_increase_for_some_patients_or_on_a_condition_stays_unread() -> None:
    assert not read_text("Dosage should then be increased to 20 mg/day if response is inadequate.").complete
    assert not read_text("Dosage should then be increased to 20 mg/day in patients over 65 years.").complete
    assert not read_text("Increase the dose to the maintenance dose of 20 mcg once daily in patients on dialysis.").complete
    assert not read_text("Start with an initial dosage of 10 mg once daily in patients with hepatic impairment.").complete


def test_the_steps_of_a_label_in_its_own_words(tmp_path: Path) -> None:
    adults = ("- Initial: The starting dose of EXAMPLO is 10 mcg subcutaneously once daily for 14 days.\n"
              "- Maintenance: Increase the dose to the maintenance dose of 20 mcg once daily starting on Day 15.\n")
    assert plan_steps(adults) == [(1, 14, 10.0, 1.0), (15, None, 20.0, 1.0)]
    assert json_steps(titrate_json(tmp_path, adults)) == [(1, 14, 10.0, 1.0), (15, None, 20.0, 1.0)]
    adults = ("- Initial: The recommended starting dose is 10 mg administered orally once daily.\n"
              "- Titration: Dosage should then be increased to 20 mg/day, as tolerated.\n")
    steps = plan_steps(adults)
    assert steps[0][2:] == (10.0, 1.0) and steps[1] == (None, None, 20.0, None)  # no day stated for the increase


# ---------------------------------------------------------------- essential hypertension under a Hypertension heading

@given(st.sampled_from(["essential", "primary"]), st.integers(1, 40))
def test_essential_hypertension_is_the_headings_hypertension(kind: str, mg: int) -> None:
    text = f"In patients with {kind} hypertension, the recommended initial dose is {mg} mg once a day."
    with regimen_heading("Hypertension"):
        assert facts(text) == (True, [(float(mg), 1.0, "initial", None)])


def test_other_hypertension_or_another_heading_stays_unread(tmp_path: Path) -> None:
    with regimen_heading("Hypertension"):
        assert not read_text("In patients with severe hypertension, the recommended initial dose is 4 mg once a day.").complete
        assert not read_text("In patients with renovascular hypertension, the recommended initial dose is 4 mg once a day."
                             ).complete
    with regimen_heading("Heart failure"):
        assert not read_text("In patients with essential hypertension, the recommended initial dose is 4 mg once a day."
                             ).complete
    adults = ("##### **Hypertension**\n"
              "- Initial: In patients with essential hypertension, the recommended initial dose is 4 mg once a day.\n")
    assert json_steps(titrate_json(tmp_path, adults)) == [(1, None, 4.0, 1.0)]
