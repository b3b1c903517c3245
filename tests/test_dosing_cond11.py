"""Round 11 (cond11): a dose the label states for named patients — the default case — read with its condition kept.

Labels give the standard start for the patients most start on, and name them:
- "The recommended initial dose for patients not receiving a diuretic is 10 mg once a day." (Lotensin PI, Dosage and
  Administration)
- "The recommended initial dose of ALTACE is 2.5 mg once a day in patients not receiving a diuretic." (Altace PI, 2.1)
- "The recommended initial dosage of ACCUPRIL in patients not on diuretics is 10 or 20 mg once daily." (Accupril PI)
- "In patients not currently taking opioid analgesics (opioid-naive and opioid non-tolerant), initiate with 50 mg
  orally twice daily" (Nucynta ER PI, 2.2 Initial Dosage)

The step is read and every step of the schedule carries the label's words for those patients (`Step.condition`);
terminal, plain, JSON and --ics say them beside the step, and one warning says the schedule is theirs. A condition
that narrows to a risk group (black patients, a weight, dialysis, an age, patients *on* a diuretic) stays unread, as
does a condition on a later step. The numbers below are made up; the sentence shapes are the labels'.
"""
from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from icalendar import Calendar
from typer.testing import CliRunner

from drugref.cli import app
from drugref.dosing import Patient, plan, read_dosing
from drugref.dosing.phrases import read_text
from drugref.monograph import parse_text

RENAL = ("\n#### **Special Cases:**\n\n- **Patients with Renal Impairment**:\n"
         "    - CrCl 30 mL/min or more: No dosage adjustment is recommended.\n"
         "    - CrCl less than 30 mL/min: 5 mg once daily.\n")
DIURETIC = "patients not receiving a diuretic"
WARNING = f"this schedule is the label's for {DIURETIC}; for other patients read the monograph's words"


def monograph(adults: str, special: str = "") -> str:
    return ("---\ntitle: Examplamine\nbrand_names: [Examplo]\n---\n# Examplamine\n\n## **Dosage**\n\n"
            f"### **Standard Dosage**\n\n#### **Adults:**\n{adults}\n{special}")


def read_steps(adults: str, patient: Patient | None = None, special: str = "") -> list[tuple[object, ...]]:
    """(start, end, daily, times, condition) of each step of the plan; an unread step as ("unread", its condition)."""
    steps = plan(read_dosing(parse_text(monograph(adults, special))), patient).steps
    return [("unread", s.condition) if s.unread else (s.start_day, s.end_day, s.daily_dose, s.times_per_day,
                                                       s.condition) for s in steps]


def titrate(tmp_path: Path, adults: str, *args: str, special: str = "") -> tuple[int, str]:
    (tmp_path / "examplamine.md").write_text(monograph(adults, special), encoding="utf-8")
    result = CliRunner().invoke(app, ["--no-bundled", "--monographs", str(tmp_path), "titrate", "examplamine", *args])
    return result.exit_code, result.output


# ---------------------------------------------------------------- the shapes, read with their patients

_SHAPES = [
    ("The recommended initial dose for {who} is {mg} mg once a day.", 1.0),  # Lotensin
    ("The recommended initial dosage of EXAMPLO in {who} is {mg} mg once daily.", 1.0),  # Accupril, Univasc
    ("{mg} mg orally once a day in {who}.", 1.0),  # Altace
    ("{mg} mg orally once a day ({who}).", 1.0),  # Vasotec as the monographs write it
    ("In {who}, {mg} mg orally twice daily.", 2.0),  # Nucynta ER
]
_WHO = ["patients not receiving a diuretic", "patients not on diuretics", "patients not currently taking opioid "
        "analgesics", "patients not taking metformin", "patients not already receiving a diuretic"]


@given(st.sampled_from(_SHAPES), st.sampled_from(_WHO), st.integers(1, 400))
def test_a_dose_for_the_default_patients_is_read_with_their_words(shape: tuple[str, float], who: str, mg: int) -> None:
    sentence, times = shape
    steps = read_steps("- Initial: " + sentence.format(who=who, mg=mg))
    assert steps == [(1, None, mg * times, times, who)]


@given(st.integers(1, 400))
def test_opioid_naive_patients_and_the_labels_gloss_are_the_condition(mg: int) -> None:
    assert read_steps(f"- Initial: {mg} mg orally once daily (opioid-naive patients).") == \
        [(1, None, float(mg), 1.0, "opioid-naive patients")]
    who = "patients not currently taking opioid analgesics (opioid-naive and opioid non-tolerant)"
    assert read_steps(f"- Initial: In {who}, {mg} mg orally twice daily.") == [(1, None, 2.0 * mg, 2.0, who)]


def test_the_condition_is_the_labels_own_spelling() -> None:
    steps = read_steps("- Initial: 2.5 mg once a day in Patients Not Receiving a Diuretic.")
    assert steps == [(1, None, 2.5, 1.0, "Patients Not Receiving a Diuretic")]


def test_the_sentence_alone_is_still_not_read_as_every_patients_dose() -> None:
    # the condition is the bullet's, kept on the step: the sentence reader itself does not drop it
    assert not read_text("The recommended initial dose for patients not receiving a diuretic is 10 mg once a day.").complete


# ---------------------------------------------------------------- the whole schedule is theirs

def test_later_steps_inherit_the_condition() -> None:
    adults = "- Days 1-7: In patients not receiving a diuretic, 10 mg once daily.\n- Days 8 on: 20 mg once daily."
    assert read_steps(adults) == [(1, 7, 10.0, 1.0, DIURETIC), (8, None, 20.0, 1.0, DIURETIC)]
    adults = "- Initial: 10 mg once daily for 7 days in patients not receiving a diuretic.\n- Maintenance: 20 mg once daily."
    assert read_steps(adults) == [(1, 7, 10.0, 1.0, DIURETIC), (8, None, 20.0, 1.0, DIURETIC)]


def test_a_renal_band_applied_to_the_schedule_keeps_the_condition() -> None:
    adults = "- Initial: The recommended initial dose for patients not receiving a diuretic is 10 mg once a day."
    result = plan(read_dosing(parse_text(monograph(adults, RENAL))), Patient(crcl_ml_min=20))
    assert [(s.daily_dose, s.renal_adjusted, s.condition) for s in result.steps] == [(5.0, True, DIURETIC)]
    assert WARNING in result.warnings
    # above the band the schedule is unchanged, still theirs
    assert read_steps(adults, Patient(crcl_ml_min=60), RENAL) == [(1, None, 10.0, 1.0, DIURETIC)]


def test_a_schedule_without_a_condition_says_none() -> None:
    result = plan(read_dosing(parse_text(monograph("- Initial: 10 mg once a day."))))
    assert [s.condition for s in result.steps] == [None]
    assert not any("the label's for" in w for w in result.warnings)


# ---------------------------------------------------------------- near misses: a risk group stays unread

@given(st.sampled_from([
    "The recommended initial dose in black patients is 10 mg once a day.",
    "The recommended initial dose for patients not receiving a diuretic is 10 mg once daily in black patients.",
    "10 mg once a day in patients not on dialysis.",
    "10 mg once a day in patients not receiving hemodialysis.",
    "10 mg once a day in patients receiving a diuretic.",
    "10 mg once a day in patients not receiving a diuretic and weighing less than 60 kg.",
    "10 mg once a day in patients not receiving a diuretic who are 65 years of age and older.",
    "10 mg once a day in patients with hepatic impairment.",
    "10 mg once a day in patients weighing less than 60 kg.",
    "10 mg once a day in patients with CD4 counts below 200 cells/mm3.",
    "10 mg once a day (patients not receiving a diuretic) and 5 mg once a day (patients on a diuretic).",
]))
def test_a_risk_group_or_another_measure_stays_unread(sentence: str) -> None:
    steps = read_steps("- Initial: " + sentence)
    assert all(step[0] == "unread" for step in steps)
    assert all(step[-1] is None for step in steps)


def test_a_condition_on_a_later_step_stays_unread() -> None:
    steps = read_steps("- Initial: 10 mg once a day.\n- Maintenance: In patients not receiving a diuretic, 20 mg once daily.")
    assert steps == [(1, None, 10.0, 1.0, None), ("unread", None)]


def test_the_other_patients_dose_is_shown_as_written_never_as_theirs() -> None:
    # "Use with diuretics: The recommended starting dose ... in a patient on a diuretic is 5 mg once daily" (Lotensin)
    for other in ("- Initial: 5 mg once daily in patients receiving a diuretic.",
                  "- Initial (with a diuretic): 5 mg once daily."):
        result = plan(read_dosing(parse_text(monograph(
            "- Initial: 10 mg once daily in patients not receiving a diuretic.\n" + other))))
        read = [(s.daily_dose, s.condition) for s in result.steps if not s.unread]
        assert read == [(10.0, DIURETIC)]
        assert all(s.condition is None for s in result.steps if s.unread)
        assert any(other.removeprefix("- ") == words for _, _, words in result.shown_text)


# ---------------------------------------------------------------- every output says it

ADULTS = ("- Initial: The recommended initial dose for patients not receiving a diuretic is 10 mg once a day for 7 days.\n"
          "- Maintenance: 20 mg once daily.")


def test_titrate_text_shows_the_condition_on_each_step_and_warns(tmp_path: Path) -> None:
    code, output = titrate(tmp_path, ADULTS)
    assert code == 0, output
    flat = " ".join(output.split())
    assert f"days 1-7: 10 mg once daily (10 mg/day) — for {DIURETIC}" in flat
    assert f"day 8 on: 20 mg once daily (20 mg/day) — for {DIURETIC}" in flat
    assert WARNING in flat


def test_titrate_json_has_the_condition_on_every_step(tmp_path: Path) -> None:
    code, output = titrate(tmp_path, ADULTS, "--json")
    assert code == 0, output
    answer = json.loads(output)
    assert [(s["start_day"], s["daily_dose"], s["condition"]) for s in answer["steps"]] == \
        [(1, 10.0, DIURETIC), (8, 20.0, DIURETIC)]
    assert WARNING in answer["warnings"]
    # a renal band's dose keeps it
    code, output = titrate(tmp_path, ADULTS, "--json", "--crcl", "20", special=RENAL)
    answer = json.loads(output)
    assert [(s["daily_dose"], s["renal_adjusted"], s["condition"]) for s in answer["steps"]] == [(5.0, True, DIURETIC)]


def test_titrate_ics_says_the_condition_in_each_event(tmp_path: Path) -> None:
    target = tmp_path / "schedule.ics"
    code, output = titrate(tmp_path, ADULTS, "--start", "2026-12-01", "--ics", str(target))
    assert code == 0, output
    events = Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    assert len(events) == 2
    assert all(f"for {DIURETIC}" in str(event.get("description")) for event in events)


def test_titrate_near_miss_shows_no_number(tmp_path: Path) -> None:
    code, output = titrate(tmp_path, "- Initial: The recommended initial dose in black patients is 10 mg once a day.",
                           "--json")
    answer = json.loads(output)
    assert code != 0 and answer["recommended"] is not True
    assert all(s["unread"] for s in answer["steps"])


# ---------------------------------------------------------------- "(approximately every 12 hours)"

@given(st.integers(1, 400), st.sampled_from(["approximately", "about"]),
       st.sampled_from([("twice daily", "every 12 hours", 2.0), ("once daily", "every 24 hours", 1.0),
                        ("every 12 hours", "twice daily", 2.0), ("three times daily", "every 8 hours", 3.0)]))
def test_a_frequency_restated_roughly_in_brackets(mg: int, about: str, words: tuple[str, str, float]) -> None:
    # "NUCYNTA ER 50 mg orally twice daily (approximately every 12 hours)" (Nucynta ER PI, 2.2 Initial Dosage)
    said, again, times = words
    reading = read_text(f"{mg} mg orally {said} ({about} {again}).")
    assert reading.complete
    assert [(f.daily, f.times) for f in reading.facts] == [(mg * times, times)]


@given(st.sampled_from(["50 mg twice daily (approximately every 24 hours).", "50 mg once daily (about every 12 hours).",
                        "50 mg twice daily (approximately).", "50 mg twice daily (approximately 100 mg/day).",
                        "50 mg twice daily (roughly every 8 hours)."]))
def test_a_rough_restatement_that_disagrees_stays_unread(sentence: str) -> None:
    assert not read_text(sentence).complete


def test_titrate_an_opioid_naive_start_and_its_increases(tmp_path: Path) -> None:
    # Nucynta ER PI 2.2/2.3: "50 mg orally twice daily (approximately every 12 hours)"; "Titrate patients to adequate
    # analgesia with dose increases of 50 mg no more than twice daily every three days"; maximum 500 mg/day
    adults = ("- Initial: In patients not currently taking opioid analgesics (opioid-naive and opioid non-tolerant), "
              "40 mg orally twice daily (approximately every 12 hours).\n"
              "- Titration: Titrate to adequate analgesia with dose increases of 40 mg no more than twice daily every "
              "three days.\n- Maximum: Daily doses greater than 240 mg have not been studied and are not recommended.")
    code, output = titrate(tmp_path, adults, "--json")
    assert code == 0, output
    answer = json.loads(output)
    who = "patients not currently taking opioid analgesics (opioid-naive and opioid non-tolerant)"
    assert [(s["start_day"], s["end_day"], s["daily_dose"], s["times_per_day"], s["condition"])
            for s in answer["steps"]] == [(1, 3, 80.0, 2.0, who), (4, 6, 160.0, 2.0, who), (7, None, 240.0, 2.0, who)]
    assert answer["max_daily_dose"] == 240.0
    code, output = titrate(tmp_path, adults)
    assert f"days 1-3: 40 mg twice daily (80 mg/day) — for {who}" in " ".join(output.split())


def test_the_terminal_table_says_the_condition_beside_each_step() -> None:
    from io import StringIO

    from rich.console import Console

    from drugref.reporters.rich import draw_titration

    buffer = StringIO()
    console = Console(file=buffer, width=300, color_system=None)
    draw_titration(console, plan(read_dosing(parse_text(monograph(ADULTS)))))
    lines = [" ".join(line.split()) for line in buffer.getvalue().splitlines()]
    assert any("10 mg once daily (10 mg/day) — for " + DIURETIC in line and "days 1-7" in line for line in lines)
    assert any("20 mg once daily (20 mg/day) — for " + DIURETIC in line and "day 8 on" in line for line in lines)
    assert WARNING in " ".join(lines)
