"""Round 12 (cond12): patients the regimen's heading already names, restated in its dose sentence, kept as its condition.

Labels head a regimen with the patients it is for and say them again in the sentence (Valtrex PI, 2.2 Adult Dosing
Recommendations, Suppressive therapy / Reduction of transmission):
- "Genital herpes, suppressive therapy (HIV-1-infected patients)": "500 mg twice daily … in HIV-1-infected patients
  with a CD4+ cell count ≥100 cells/mm3"
- "… (alternate dose, 9 or fewer recurrences/year)": "500 mg once daily in patients with a history of 9 or fewer
  recurrences per year"
- "Genital herpes, reduction of transmission": "500 mg once daily for the source partner"

The dose is read when the heading names the same patients; the phrase, with any qualifier the heading does not name
(the CD4 count), is the schedule's condition and every output shows it. Patients the heading does not name, a
qualifier another part of the tool computes from (renal function, weight, age), stay unread. Numbers are made up.
"""
from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from drugref.cli import app
from drugref.dosing import plan, read_dosing
from drugref.monograph import parse_text

HIV = "Suppressive therapy (HIV-1-infected patients)"
FEWER = "Suppressive therapy (alternate dose, 9 or fewer recurrences/year)"
SOURCE = "Reduction of transmission"
CD4 = "HIV-1-infected patients with a CD4+ cell count greater than or equal to 100 cells/mm3"
HISTORY = "patients with a history of 9 or fewer recurrences per year"


def monograph(regimens: dict[str, str]) -> str:
    body = "".join(f"\n##### **{heading}**\n- Dosage: {sentence}\n" for heading, sentence in regimens.items())
    return ("---\ntitle: Examplovir\nbrand_names: [Examplo]\n---\n# Examplovir\n\n## **Dosage**\n\n"
            f"### **Standard Dosage**\n\n#### **Adults:**\n{body}")


def read_one(heading: str, sentence: str) -> list[tuple[object, ...]]:
    """(start, end, daily, times, condition) of each step of the regimen's plan; an unread step as ("unread",)."""
    dosing = read_dosing(parse_text(monograph({heading: sentence, "Other use": "100 mg once daily."})))
    regimen = next(r for r in dosing.regimens if r.name == heading)
    steps = plan(dosing, None, indication=regimen.name).steps
    if not steps:  # refused: the regimen's own steps are all unread (the words shown, no number)
        assert regimen.steps and all(s.unread for s in regimen.steps)
        return [("unread",)]
    return [("unread",) if s.unread else (s.start_day, s.end_day, s.daily_dose, s.times_per_day, s.condition)
            for s in steps]


def titrate(tmp_path: Path, regimens: dict[str, str], *args: str) -> tuple[int, str]:
    (tmp_path / "examplovir.md").write_text(monograph(regimens), encoding="utf-8")
    result = CliRunner().invoke(app, ["--no-bundled", "--monographs", str(tmp_path), "titrate", "examplovir", *args])
    return result.exit_code, result.output


# ---------------------------------------------------------------- read, with the label's words as the condition

def test_the_heading_s_patients_with_a_qualifier_it_does_not_name_keep_the_qualifier() -> None:
    assert read_one(HIV, f"500 mg orally twice daily, in {CD4}.") == [(1, None, 1000.0, 2.0, CD4)]


def test_patients_with_a_history_the_heading_names() -> None:
    assert read_one(FEWER, f"500 mg orally once daily, in {HISTORY}.") == [(1, None, 500.0, 1.0, HISTORY)]


def test_the_source_partner_of_a_transmission_regimen() -> None:
    assert read_one(SOURCE, "500 mg orally once daily for the source partner.") == \
        [(1, None, 500.0, 1.0, "the source partner")]


def test_the_phrase_as_a_lead_before_the_dose() -> None:
    assert read_one(HIV, "In HIV-1-infected patients, 500 mg orally twice daily.") == \
        [(1, None, 1000.0, 2.0, "HIV-1-infected patients")]


@given(mg=st.integers(1, 2000), times=st.sampled_from([("once", 1), ("twice", 2), ("3 times", 3)]))
def test_any_dose_and_frequency_is_read_with_the_condition(mg: int, times: tuple[str, int]) -> None:
    words, per_day = times
    assert read_one(HIV, f"{mg} mg orally {words} daily, in {CD4}.") == \
        [(1, None, float(mg * per_day), float(per_day), CD4)]


# ---------------------------------------------------------------- near misses: patients the heading does not name

@given(n=st.integers(1, 30).filter(lambda n: n != 9))
def test_another_number_of_recurrences_stays_unread(n: int) -> None:
    assert read_one(FEWER, f"500 mg orally once daily, in patients with a history of {n} or fewer recurrences "
                           "per year.") == [("unread",)]


def test_patients_the_heading_does_not_name_stay_unread() -> None:
    assert read_one("Suppressive therapy (immunocompetent patients)", f"500 mg orally twice daily, in {CD4}.") == \
        [("unread",)]
    assert read_one("Suppressive therapy", "500 mg orally once daily for the source partner.") == [("unread",)]
    assert read_one(SOURCE, "500 mg orally once daily for the susceptible partner.") == [("unread",)]


def test_a_qualifier_the_tool_computes_from_stays_unread() -> None:
    for qualifier in ("renal impairment", "a body weight under 40 kg", "age 65 years or older"):
        assert read_one(HIV, f"500 mg orally twice daily, in HIV-1-infected patients with {qualifier}.") == \
            [("unread",)]


def test_a_later_step_restating_the_heading_stays_unread() -> None:
    text = monograph({HIV: "250 mg once daily."}).replace(
        "- Dosage: 250 mg once daily.", f"- Initial: 250 mg once daily for 7 days.\n- Maintenance: 500 mg orally twice "
        f"daily, in {CD4}.")
    steps = read_dosing(parse_text(text)).regimens[0].steps
    assert steps[0].daily_dose == 250.0 and steps[0].condition is None
    assert steps[-1].unread


# ---------------------------------------------------------------- through the CLI

REGIMENS = {HIV: f"500 mg orally twice daily, in {CD4}.", SOURCE: "500 mg orally once daily for the source partner.",
            "Suppressive therapy (immunocompetent patients)": f"250 mg orally twice daily, in {CD4}."}


def test_titrate_shows_the_condition_and_warns(tmp_path: Path) -> None:
    code, output = titrate(tmp_path, REGIMENS, "--indication", "HIV-1")
    assert code == 0, output
    text = " ".join(output.split())
    assert "500 mg twice daily (1000 mg/day)" in text and f"for {CD4}" in text
    assert f"this schedule is the label's for {CD4}; for other patients read the monograph's words" in text


def test_titrate_json_has_the_condition(tmp_path: Path) -> None:
    code, output = titrate(tmp_path, REGIMENS, "--indication", "transmission", "--json")
    assert code == 0, output
    answer = json.loads(output)
    assert [(s["daily_dose"], s["condition"]) for s in answer["steps"]] == [(500.0, "the source partner")]


def test_titrate_near_miss_shows_no_number(tmp_path: Path) -> None:
    code, output = titrate(tmp_path, REGIMENS, "--indication", "immunocompetent", "--json")
    answer = json.loads(output)
    assert code != 0 and answer["recommended"] is not True
    assert all(s["unread"] for s in answer["steps"])
