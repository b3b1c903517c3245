"""Round 13 (steps13): a maintenance-phase regimen stated for patients on another named drug.

Seroquel PI, 2.2 (Bipolar I Disorder Maintenance Therapy) gives the maintenance dose "as adjunct therapy to lithium or
divalproex", and: "Generally, in the maintenance phase, patients continued on the same dose on which they were
stabilized." The regimen's one step is its maintenance range: the patient comes to it already on a dose in that range,
so the step has no start day; the co-therapy phrase is kept verbatim as the schedule's condition and every output shows
it. A purpose ("as an adjunct to diet and exercise"), a choice of uses ("monotherapy or adjunct to …") and a class said
for every use stay as before.

Tamiflu PI, 2.3 (Prophylaxis of Influenza, Community Outbreak): "75 mg orally once daily for up to 6 weeks (safety and
efficacy demonstrated for up to 6 weeks in immunocompetent patients; up to 12 weeks in immunocompromised patients)".
The course is read; the bracket, restating the course's length for one group and giving another for a second, is always
shown beside it as written, never applied. A bracket whose first length is not the course's, or that names one group
only, leaves the sentence unread. Numbers are made up.
"""
from __future__ import annotations

import json
from pathlib import Path

from hypothesis import assume, given
from hypothesis import strategies as st
from typer.testing import CliRunner

from drugref.cli import app
from drugref.dosing import plan, read_dosing
from drugref.monograph import parse_text
from test_dosing_cond12 import monograph as cond12_monograph

PHASE = "Mood disorder, maintenance"
ADJUNCT = "as adjunct to lithium or divalproex"
STABLE = "Generally, in the maintenance phase, patients continued on the same dose on which they were stabilized."


def monograph(regimens: dict[str, str]) -> str:
    """cond12's monograph, each regimen's bullet labelled as its maintenance dose."""
    return cond12_monograph(regimens).replace("- Dosage: ", "- Maintenance: ")


def read_one(heading: str, sentence: str) -> list[tuple[object, ...]]:
    """(start, end, daily, times, condition) of each step planned for the regimen; a refusal (no step read, only the
    label's words) as [("unread",)]."""
    dosing = read_dosing(parse_text(monograph({heading: sentence, "Other use": "100 mg once daily."})))
    return [(s.start_day, s.end_day, s.daily_dose, s.times_per_day, s.condition)
            for s in plan(dosing, None, indication=heading).steps if not s.unread] or [("unread",)]


# ---------------------------------------------------------------- read, undated, with the co-therapy kept

def test_the_maintenance_range_as_adjunct_is_undated_with_its_condition() -> None:
    assert read_one(PHASE, f"300-600 mg/day, administered twice daily, {ADJUNCT}. {STABLE}") == \
        [(None, None, (300.0, 600.0), 2.0, ADJUNCT)]
    assert read_one(PHASE, f"300-600 mg/day once daily in the evening, {ADJUNCT}.") == \
        [(None, None, (300.0, 600.0), 1.0, ADJUNCT)]


def test_adjunctive_therapy_with_one_drug() -> None:
    assert read_one(PHASE, "20-40 mg once daily, as adjunctive therapy with valproate.") == \
        [(None, None, (20.0, 40.0), 1.0, "as adjunctive therapy with valproate")]


@given(low=st.integers(1, 500), span=st.integers(1, 500), times=st.sampled_from([("once", 1), ("twice", 2)]))
def test_any_range_is_read_undated_with_the_condition(low: int, span: int, times: tuple[str, int]) -> None:
    words, per_day = times
    assert read_one(PHASE, f"{low}-{low + span} mg/day {words} daily, {ADJUNCT}.") == \
        [(None, None, (float(low), float(low + span)), float(per_day), ADJUNCT)]


# ---------------------------------------------------------------- near misses

def test_a_purpose_or_a_choice_of_uses_is_no_condition() -> None:
    assert read_one(PHASE, "300-600 mg/day once daily, as an adjunct to diet and exercise.") == [("unread",)]
    steps = read_one(PHASE, "300-600 mg/day once daily, as monotherapy or as adjunct to lithium or divalproex.")
    assert all(s == ("unread",) or s[4] is None for s in steps)


def test_a_regimen_not_for_the_maintenance_phase_keeps_its_first_day() -> None:
    assert read_one("Mood disorder, manic episodes", f"300-600 mg/day once daily in the evening, {ADJUNCT}.") == \
        [(1, None, (300.0, 600.0), 1.0, ADJUNCT)]


def test_a_single_maintenance_dose_keeps_its_first_day() -> None:
    assert read_one(PHASE, f"300 mg once daily, {ADJUNCT}.") == [(1, None, 300.0, 1.0, ADJUNCT)]


def test_a_drug_the_tool_computes_from_stays_unread() -> None:
    assert read_one(PHASE, "300-600 mg/day once daily, as adjunct to dialysis.") == [("unread",)]


# ---------------------------------------------------------------- through the CLI

def titrate(tmp_path: Path, *args: str) -> tuple[int, str]:
    regimens = {PHASE: f"300-600 mg/day, administered twice daily, {ADJUNCT}. {STABLE}",
                "Other use": "300-600 mg/day once daily, as an adjunct to diet and exercise."}
    (tmp_path / "examplovir.md").write_text(monograph(regimens), encoding="utf-8")
    result = CliRunner().invoke(app, ["--no-bundled", "--monographs", str(tmp_path), "titrate", "examplovir", *args])
    return result.exit_code, result.output


def test_titrate_shows_the_co_therapy(tmp_path: Path) -> None:
    code, output = titrate(tmp_path, "--indication", "maintenance")
    assert code == 0, output
    text = " ".join(output.split())
    assert f"150-300 mg twice daily (300-600 mg/day) — {ADJUNCT}" in text and f"for {ADJUNCT}" not in text
    assert f"this schedule is the label's {ADJUNCT}; for other patients read the monograph's words" in text


def test_titrate_json_has_the_condition_and_no_start_day(tmp_path: Path) -> None:
    code, output = titrate(tmp_path, "--indication", "maintenance", "--json")
    assert code == 0, output
    steps = json.loads(output)["steps"]
    assert [(s["start_day"], s["condition"]) for s in steps] == [(None, ADJUNCT)]


def test_titrate_near_miss_shows_no_number(tmp_path: Path) -> None:
    code, output = titrate(tmp_path, "--indication", "other", "--json")
    answer = json.loads(output)
    assert code != 0 and answer["recommended"] is not True
    assert all(s["unread"] for s in answer["steps"])


# ---------------------------------------------------------------- a course with another length for a subgroup

OUTBREAK = "Prophylaxis during an outbreak"
BRACKET = ("(safety and efficacy demonstrated for up to {n} weeks in immunocompetent patients; up to {m} weeks in "
           "immunocompromised patients)")


def course(sentence: str) -> tuple[list[tuple[object, ...]], list[str]]:
    """The plan's read steps (start, end, daily, times) and the words it shows as written."""
    dosing = read_dosing(parse_text(cond12_monograph({OUTBREAK: sentence, "Other use": "100 mg once daily."})))
    answer = plan(dosing, None, indication=OUTBREAK)
    return ([(s.start_day, s.end_day, s.daily_dose, s.times_per_day) for s in answer.steps if not s.unread],
            [words for _, _, words in answer.shown_text])


@given(mg=st.integers(1, 500), n=st.integers(1, 20), m=st.integers(1, 40))
def test_the_course_is_read_and_the_subgroup_s_length_shown(mg: int, n: int, m: int) -> None:
    sentence = f"{mg} mg orally once daily for up to {n} weeks " + BRACKET.format(n=n, m=m) + "."
    steps, shown = course(sentence)
    assert steps == [(1, 7 * n, float(mg), 1.0)]
    assert any(f"up to {m} weeks in immunocompromised patients" in words for words in shown)


@given(n=st.integers(1, 20), other=st.integers(1, 20))
def test_a_bracket_not_restating_the_course_stays_unread(n: int, other: int) -> None:
    assume(other != n)
    sentence = f"75 mg orally once daily for up to {n} weeks " + BRACKET.format(n=other, m=12) + "."
    assert course(sentence)[0] == []


def test_one_group_only_or_the_same_group_twice_stays_unread() -> None:
    one = "75 mg orally once daily for up to 6 weeks (up to 12 weeks in immunocompromised patients)."
    same = ("75 mg orally once daily for up to 6 weeks (up to 6 weeks in immunocompromised patients; up to 12 weeks in "
            "immunocompromised patients).")
    assert course(one)[0] == [] and course(same)[0] == []


def test_titrate_shows_the_course_and_the_bracket(tmp_path: Path) -> None:
    sentence = "75 mg orally once daily for up to 6 weeks " + BRACKET.format(n=6, m=12) + "."
    (tmp_path / "examplovir.md").write_text(cond12_monograph({OUTBREAK: sentence}), encoding="utf-8")
    result = CliRunner().invoke(app, ["--no-bundled", "--monographs", str(tmp_path), "titrate", "examplovir"])
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert "days 1-42: 75 mg once daily (75 mg/day)" in text
    assert "Not applied (shown as written)" in text and "up to 12 weeks in immunocompromised patients" in text
