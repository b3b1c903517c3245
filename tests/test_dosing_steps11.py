"""Dosing sentences as FDA labels write them, round 11: a maximum said as the dose some patients may require ("Some
patients may require a dosage of 200 mg once a day for optimal effect"), or as the dose beyond which increases bring no
more benefit ("Increasing the dosage beyond 100 mg a day is unlikely to produce any further benefit"); and clauses beside
a dose that change none of its numbers (the fluid taken with a course, the trials' effective dose restated). Every near
miss — a bare amount that may be one administration, an effective dose said alone or as a range — stays unread."""
from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from drugref.dosing import Patient, plan, read_dosing
from drugref.dosing.phrases import read_text
from drugref.monograph import parse_text
from test_dosing_label_sentences8 import titrate_json
from test_dosing_steps10 import monograph, regimen, rows, steps_of

# ---------------------------------------------------------------- a maximum said as what some patients may require

# Tenormin PI 2 (Angina Pectoris): "If an optimal response is not achieved within one week, the dosage should be
# increased to TENORMIN 100 mg given as one tablet a day. Some patients may require a dosage of 200 mg once a day for
# optimal effect."
ANGINA = ("- Initial: 50 mg orally once a day.\n"
          "- Titration: If an optimal response is not achieved within one week, the dosage should be increased to 100 mg "
          "once a day.\n"
          "- Maximum: Some patients may require a dosage of 200 mg once a day for optimal effect.\n")


def test_the_dose_some_patients_may_require_is_the_maximum() -> None:
    found = regimen(ANGINA)
    assert found.max_daily_dose == 200.0 and not found.max_unread
    # the dose reached goes on; the dose some patients may require follows it, undated and if needed
    assert rows(found) == [(1, 7, 50.0, 1.0), (8, None, 100.0, 1.0), (None, None, 200.0, 1.0)]
    assert not found.steps[2].timing_stated and "if needed" in found.steps[2].label
    answer = plan(read_dosing(parse_text(monograph(ANGINA), "examplamine.md")), Patient())
    assert answer.recommended and answer.max_daily_dose == 200.0


def test_the_cli_shows_the_maximum_some_patients_may_require(tmp_path: Path) -> None:
    answer = titrate_json(tmp_path, monograph(ANGINA))
    assert answer["max_daily_dose"] == 200.0
    assert steps_of(answer)[-1] == (None, None, 200.0, 1.0)


def test_no_step_for_what_some_patients_may_require_beside_another_frequency_or_an_option() -> None:
    twice = regimen(ANGINA.replace("200 mg once a day", "100 mg twice a day"))
    assert twice.max_daily_dose == 200.0 and len(twice.steps) == 2  # given otherwise than the dose reached: no step
    option = regimen(ANGINA.replace("within one week, the dosage should be increased", "the dosage may be increased"))
    assert all(s.daily_dose != 200.0 for s in option.steps)  # an option already follows the dose reached
    up_to = regimen(ANGINA.replace("a dosage of 200 mg once a day", "up to 200 mg/day"))
    assert up_to.max_daily_dose == 200.0 and len(up_to.steps) == 2  # a ceiling, not a dose to step to


@given(st.integers(1, 80), st.sampled_from([("once a day", 1), ("twice daily", 2), ("/day", 1)]),
       st.sampled_from(["a dosage of", "a dose of", "up to"]),
       st.sampled_from(["", " for optimal effect", " for an adequate response"]))
def test_may_require_reads_any_daily_total(amount: int, how: tuple[str, int], lead: str, why: str) -> None:
    mg = amount * 5
    words, times = how
    dose = f"{mg} mg{words}" if words == "/day" else f"{mg} mg {words}"
    facts = read_text(f"Some patients may require {lead} {dose}{why}.").facts
    assert len(facts) == 1 and facts[0].role == "maximum"
    assert facts[0].daily == float(mg * times)


def test_a_bare_amount_some_patients_may_require_stays_unread() -> None:
    # a bare amount may be one administration: no day's total is read from it
    reading = read_text("Some patients may require a dosage of 200 mg for optimal effect.")
    assert not reading.facts and reading.unread
    found = regimen(ANGINA.replace("200 mg once a day", "200 mg"))
    assert found.max_daily_dose is None and found.max_unread


# ---------------------------------------------------------------- increases beyond a dose bring no more benefit

# Tenormin PI 2 (Hypertension): "If an optimal response is not achieved, the dosage should be increased to TENORMIN 100
# mg given as one tablet a day. Increasing the dosage beyond 100 mg a day is unlikely to produce any further benefit."
HYPERTENSION = ("- Initial: 50 mg orally once a day.\n"
                "- Titration: If an optimal response is not achieved, the dosage should be increased to 100 mg once a day.\n"
                "- Maximum: Increasing the dosage beyond 100 mg a day is unlikely to produce any further benefit.\n")


def test_no_further_benefit_beyond_a_daily_dose_is_the_maximum(tmp_path: Path) -> None:
    found = regimen(HYPERTENSION)
    assert found.max_daily_dose == 100.0 and not found.max_unread
    answer = titrate_json(tmp_path, monograph(HYPERTENSION))
    assert answer["max_daily_dose"] == 100.0


@given(st.integers(1, 200), st.sampled_from(["a day", "per day", "daily", "/day"]),
       st.sampled_from(["produce any further", "provide additional", "produce further"]))
def test_beyond_reads_the_day_total(amount: int, per: str, benefit: str) -> None:
    dose = f"{amount} mg{per}" if per == "/day" else f"{amount} mg {per}"
    facts = read_text(f"Increasing the dosage beyond {dose} is unlikely to {benefit} benefit.").facts
    assert len(facts) == 1 and facts[0].role == "maximum" and facts[0].daily == float(amount)


def test_beyond_a_bare_amount_stays_unread() -> None:
    reading = read_text("Increasing the dosage beyond 100 mg is unlikely to produce any further benefit.")
    assert not reading.facts and reading.unread
    found = regimen(HYPERTENSION.replace("100 mg a day is", "100 mg is"))
    assert found.max_daily_dose is None and found.max_unread


# ---------------------------------------------------------------- clauses that change no dose

# Zyloprim PI 2 (prevention of uric acid nephropathy during cancer therapy): "600 to 800 mg daily for two or three days
# is advisable along with a high fluid intake"
NEPHROPATHY = "- Dosage: 600 to 800 mg daily for 2 or 3 days, together with a high fluid intake.\n"


def test_the_fluid_taken_with_a_course_changes_no_dose(tmp_path: Path) -> None:
    found = regimen(NEPHROPATHY)
    assert len(found.steps) == 1 and not found.steps[0].unread
    step = found.steps[0]
    assert step.start_day == 1 and step.daily_dose == (600.0, 800.0) and step.times_per_day is None
    assert step.end_range == (2, 3)  # "for 2 or 3 days": both ends kept, never one chosen
    answer = titrate_json(tmp_path, monograph(NEPHROPATHY))
    assert answer["steps"] and answer["steps"][0]["daily_dose"] == [600.0, 800.0]  # type: ignore[index]


def test_other_words_beside_the_course_stay_unread() -> None:
    found = regimen(NEPHROPATHY.replace("a high fluid intake", "a low-purine diet"))
    assert found.steps[0].unread


# Namenda PI 2.1: "The recommended target dose is 20 mg/day. … The dose shown to be effective in controlled clinical
# trials is 20 mg/day."
NAMENDA = ("- Initial: 5 mg orally once daily.\n"
           "- Titration: The dose should be increased in 5 mg increments to 10 mg/day (5 mg twice a day), 15 mg/day "
           "(5 mg and 10 mg as separate doses), and 20 mg/day (10 mg twice a day). The minimum recommended interval "
           "between dose increases is one week.\n"
           "- Maintenance: The recommended target dose is 20 mg/day (10 mg twice a day); the dose shown to be effective "
           "in controlled clinical trials is 20 mg/day.\n")


def test_the_trials_effective_dose_beside_the_target_changes_no_dose(tmp_path: Path) -> None:
    found = regimen(NAMENDA)
    assert not any(s.unread for s in found.steps)
    assert rows(found)[-1] == (22, None, 20.0, 2.0)
    answer = titrate_json(tmp_path, monograph(NAMENDA))
    assert answer["steps"][-1]["daily_dose"] == 20.0  # type: ignore[index]


def test_an_effective_dose_said_alone_or_as_a_range_stays_unread() -> None:
    # the trials' dose as the bullet's only words is no recommended dose: the bullet stays unread
    alone = regimen(NAMENDA.replace("The recommended target dose is 20 mg/day (10 mg twice a day); the", "The"))
    assert alone.steps[-1].unread
    ranged = read_text("The dosage shown to be effective in a controlled clinical trial is 16-24 mg/day.")
    assert ranged.unread


# ---------------------------------------------------------------- a longer course within the course's longest length

ULCER = ("- Dosage: 40 mg orally once daily.\n"
         "- Duration: Up to 8 weeks. Most patients healed within 4 weeks; for patients who do not heal after 4 weeks, "
         "consider an additional 2 to 4 weeks of treatment.\n")


def test_a_longer_course_within_the_longest_length_keeps_its_end(tmp_path: Path) -> None:
    found = regimen(ULCER)
    assert rows(found) == [(1, 56, 40.0, 1.0)]
    assert any("additional 2 to 4 weeks" in words for _, words in found.notes)  # the words shown as written
    answer = titrate_json(tmp_path, monograph(ULCER))
    assert steps_of(answer) == [(1, 56, 40.0, 1.0)]


@given(st.integers(1, 12), st.integers(1, 12), st.integers(1, 12))
def test_a_longer_course_past_the_longest_length_stays_unread(total: int, after: int, more: int) -> None:
    found = regimen(f"- Dosage: 40 mg orally once daily.\n- Duration: Up to {total} weeks. For patients who do not heal "
                    f"after {after} weeks, consider an additional {more} weeks of treatment.\n")
    if after + more <= total:
        assert rows(found) == [(1, total * 7, 40.0, 1.0)]
    else:  # the longer course would end after the stated length: its day is not read
        assert found.steps[-1].unread or not found.steps[0].timing_stated


def test_other_words_after_the_length_stay_unread() -> None:
    found = regimen(ULCER.replace("Most patients healed within 4 weeks", "Most patients need 12 weeks"))
    assert found.steps[-1].unread or not found.steps[0].timing_stated


# ---------------------------------------------------------------- optional increases bounded by the stated maximum

# Requip XL PI 2.2: "… starting dose of 2 mg taken once daily for 1 to 2 weeks, followed by increases of 2 mg/day at
# 1-week or longer intervals as appropriate … The maximum recommended dose … is 24 mg/day."
REQUIP_XL = ("- Initial: 2 mg orally once daily for 1 to 2 weeks.\n"
             "- Titration: Followed by increases of 2 mg/day at 1-week or longer intervals as appropriate, based on "
             "therapeutic response and tolerability.\n"
             "- Maximum: 24 mg/day (maximum recommended dose).\n")


def test_optional_increases_run_from_the_first_increase_to_the_maximum(tmp_path: Path) -> None:
    found = regimen(REQUIP_XL)
    assert rows(found) == [(1, None, 2.0, 1.0), (None, None, (4.0, 24.0), 1.0)]
    assert not found.steps[1].timing_stated and "if needed" in found.steps[1].label
    answer = titrate_json(tmp_path, monograph(REQUIP_XL))
    assert steps_of(answer)[-1] == (None, None, [4.0, 24.0], 1.0)
    assert answer["max_daily_dose"] == 24.0


@given(st.integers(1, 10), st.integers(1, 5), st.integers(1, 10))
def test_the_increase_range_for_any_amounts(start: int, step: int, count: int) -> None:
    top = start + step * count
    found = regimen(f"- Initial: {start} mg orally once daily.\n"
                    f"- Titration: Followed by increases of {step} mg/day at 1-week or longer intervals as appropriate.\n"
                    f"- Maximum: {top} mg/day.\n")
    low = float(start + step)
    assert rows(found)[-1] == (None, None, low if low == top else (low, float(top)), 1.0)


def test_increases_without_a_stated_maximum_or_condition_add_no_step() -> None:
    no_maximum = regimen(REQUIP_XL.replace("- Maximum: 24 mg/day (maximum recommended dose).\n", ""))
    assert len(no_maximum.steps) == 1  # nothing bounds the increases: no range is made up
    required = regimen(REQUIP_XL.replace(" as appropriate, based on therapeutic response and tolerability", ""))
    assert all(s.daily_dose != (4.0, 24.0) for s in required.steps)
    # an increment per dose beside several doses a day: the day's increase is not stated
    twice = regimen("- Initial: 2 mg orally twice daily.\n- Titration: Followed by increases of 2 mg at 1-week or "
                    "longer intervals as appropriate.\n- Maximum: 24 mg/day.\n")
    assert len(twice.steps) == 1


# ---------------------------------------------------------------- the heading's use, restated in the maintenance dose

# Topamax PI 2.1 (Monotherapy Use): "The recommended dose for TOPAMAX monotherapy in adults and pediatric patients 10
# years of age and older is 400 mg/day in two divided doses. … should be achieved by titration according to the
# following schedule"
WEEKS = "".join(f"- Week {week}: {dose} mg orally in the morning and {dose} mg in the evening ({2 * dose} mg/day).\n"
                for week, dose in ((1, 25), (2, 50), (3, 100), (4, 200)))
MONOTHERAPY = (WEEKS + "- Maintenance: The recommended dose for monotherapy in adults and pediatric patients 10 years of "
               "age and older is 400 mg/day in two divided doses, achieved by titration according to the schedule above.\n")


def with_heading(heading: str, bullets: str) -> str:
    return monograph(f"\n##### **{heading}**\n{bullets}")


def test_the_headings_use_restated_leads_to_the_dose_reached(tmp_path: Path) -> None:
    text = with_heading("Epilepsy monotherapy (partial-onset seizures)", MONOTHERAPY)
    found = read_dosing(parse_text(text, "examplamine.md")).regimens[0]
    assert not any(s.unread for s in found.steps)
    assert rows(found)[-1] == (22, None, 400.0, 2.0)  # the last week's dose goes on: the dose the schedule reaches
    answer = titrate_json(tmp_path, text)
    assert steps_of(answer)[-1] == (22, None, 400.0, 2.0)


def test_another_use_than_the_headings_stays_unread() -> None:
    for heading in ("Epilepsy adjunctive therapy (partial-onset seizures)", "Epilepsy"):
        found = read_dosing(parse_text(with_heading(heading, MONOTHERAPY), "examplamine.md")).regimens[0]
        assert found.steps[-1].unread  # a monotherapy dose under another heading is a subgroup's


def test_a_maintenance_dose_the_schedule_does_not_reach_is_not_its_end() -> None:
    found = read_dosing(parse_text(with_heading("Epilepsy monotherapy", MONOTHERAPY.replace("400 mg/day", "300 mg/day")),
                                   "examplamine.md")).regimens[0]
    assert rows(found)[-1] != (22, None, 400.0, 2.0)  # never the schedule's dose going on as the maintenance dose
