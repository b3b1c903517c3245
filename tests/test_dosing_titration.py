"""Titration written as prose (issue 11, round 6): increments with a minimum interval, "after a minimum of N weeks",
a run up to the regimen's maximum, conditional increases as options. Each shape with a sentence written for the test
(another drug, other numbers) and a near miss that must stay unread — a refusal, never a number."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import examples
from drugref.dosing import Dosing, Patient, Plan, plan, read_dosing
from drugref.dosing.titration import EARLIEST, read_prose
from drugref.monograph import parse_text


def mono(body: str, title: str = "Exampledrug") -> Dosing:
    return read_dosing(parse_text(f"---\ntitle: {title}\nbrand_names: [Examplebrand]\n---\n{body}", "t.md"))


def adults(*bullets: str) -> str:
    return "## Dosage\n#### Adults:\n" + "".join(f"- {b}\n" for b in bullets)


def days(p: Plan) -> list[tuple[object, ...]]:
    return [(s.start_day, s.end_day, s.daily_dose, s.times_per_day) for s in p.steps if not s.unread]


def unread_titration(p: Plan) -> bool:
    """The titration bullet is shown as written and nothing after the first dose is dated."""
    return any(s.unread for s in p.steps) and all(s.end_day is None or s.start_day == 1 for s in p.steps
                                                   if not s.unread and s.timing_stated) and \
        not any(s.start_day and s.start_day > 1 for s in p.steps if not s.unread)


LIST = ("Titration: The dose should be increased in 10 mg increments to 20 mg/day (10 mg twice a day), 30 mg/day "
        "(10 mg and 20 mg as separate doses), and 40 mg/day (20 mg twice a day). The minimum recommended interval "
        "between dose increases is two weeks.")


# ---------------------------------------------------------------- increments to listed doses, minimum interval

def test_increments_to_listed_doses_at_the_minimum_interval_are_the_earliest_schedule() -> None:
    p = plan(mono(adults("Initial: 10 mg orally once daily.", LIST)))
    assert p.recommended is True
    assert days(p) == [(1, 14, 10, 1), (15, 28, 20, 2), (29, 42, 30, 2), (43, None, 40, 2)]
    later = [s for s in p.steps if s.start_day and s.start_day > 1]
    assert all(EARLIEST in s.label for s in later)  # the step's words say these are the earliest days
    assert p.steps[2].dose is None  # 10 mg and 20 mg: no single amount per administration


def test_increments_without_an_interval_or_off_their_step_stay_unread() -> None:
    no_interval = LIST.split(" The minimum")[0]
    p = plan(mono(adults("Initial: 10 mg orally once daily.", no_interval)))
    assert unread_titration(p)
    # 10 -> 20 -> 40 is not "in 10 mg increments"
    skipped = LIST.replace("30 mg/day (10 mg and 20 mg as separate doses), and ", "")
    assert unread_titration(plan(mono(adults("Initial: 10 mg orally once daily.", skipped))))
    # the separate doses do not add up to the day's total
    wrong_sum = LIST.replace("(10 mg and 20 mg as separate doses)", "(10 mg and 15 mg as separate doses)")
    assert unread_titration(plan(mono(adults("Initial: 10 mg orally once daily.", wrong_sum))))
    # a dose that goes down is no run of increases
    down = LIST.replace("to 20 mg/day (10 mg twice a day)", "to 5 mg/day (2.5 mg twice a day)")
    assert unread_titration(plan(mono(adults("Initial: 10 mg orally once daily.", down))))


def test_increments_to_one_maintenance_dose_fill_the_doses_between() -> None:
    titration = ("Titration: The dose should be increased in 4 mg increments to the recommended maintenance dose of "
                 "16 mg once daily. The minimum recommended interval between dose increases is one week. The dose "
                 "should only be increased if the previous dose has been well tolerated.")
    p = plan(mono(adults("Initial: 4 mg orally once daily.", titration)))
    assert days(p) == [(1, 7, 4, 1), (8, 14, 8, 1), (15, 21, 12, 1), (22, None, 16, 1)]
    # 16 mg is not reached in 5 mg increments from 4 mg
    p = plan(mono(adults("Initial: 4 mg orally once daily.", titration.replace("in 4 mg", "in 5 mg"))))
    assert unread_titration(p)


# ---------------------------------------------------------------- "after a minimum of N weeks"

AFTER_MIN = ("Titration: The dosage should be increased to the initial maintenance dose of 12 mg twice a day "
             "(24 mg/day) after a minimum of 2 weeks. A further increase to 18 mg twice a day (36 mg/day) should be "
             "attempted after a minimum of 3 weeks at 12 mg twice a day (24 mg/day). Dosage increases should be based "
             "upon assessment of clinical benefit and tolerability of the previous dose.")


def test_after_a_minimum_of_weeks_gives_the_earliest_days() -> None:
    p = plan(mono(adults("Initial: 6 mg orally twice a day (12 mg/day).", AFTER_MIN)))
    assert days(p) == [(1, 14, 12, 2), (15, 35, 24, 2), (36, None, 36, 2)]
    assert all(EARLIEST in s.label for s in p.steps[1:])


def test_a_further_increase_that_does_not_follow_the_dose_before_it_stays_unread() -> None:
    wrong_at = AFTER_MIN.replace("at 12 mg twice a day (24 mg/day)", "at 15 mg twice a day (30 mg/day)")
    assert unread_titration(plan(mono(adults("Initial: 6 mg orally twice a day (12 mg/day).", wrong_at))))
    # "if well tolerated" inside the sentence makes the increase conditional: no dated step
    conditional = ("Titration: After a minimum of 2 weeks and if well tolerated, increase the dose to 12 mg twice a "
                   "day. Subsequent increases to 18 mg twice a day and 24 mg twice a day should be attempted after a "
                   "minimum of 2 weeks at the previous dose and if well tolerated.")
    p = plan(mono(adults("Initial: 6 mg twice a day.", conditional)))
    # round 10: each option is also an undated step at its dose
    assert days(p) == [(1, None, 12, 2), (None, None, 24, 2), (None, None, 36, 2), (None, None, 48, 2)]
    assert [o.daily_dose for o in p.options] == [24, 36, 48]


# ---------------------------------------------------------------- a run up to the regimen's maximum

UP_TO_MAX = ("Titration: Increase at weekly intervals by 50 mg until a serum urate level of 5 mg/dL or less is "
             "attained, without exceeding the maximal recommended dosage.")


def test_a_run_without_exceeding_the_maximum_ends_at_the_maximum_read() -> None:
    p = plan(mono(adults("Initial: 50 mg orally daily.", UP_TO_MAX, "Maximum: 200 mg daily.")))
    assert days(p) == [(1, 7, 50, None), (8, 14, 100, None), (15, 21, 150, None), (22, None, 200, None)]
    assert p.max_daily_dose == 200
    assert any("serum urate" in w for w in p.warnings)  # the steps are the most allowed, not the plan


def test_a_run_to_a_maximum_that_is_not_read_stays_unread() -> None:
    for tail in ((), ("Maximum: Some patients may need more.",), ("Maximum: 175 mg daily.",)):
        p = plan(mono(adults("Initial: 50 mg orally daily.", UP_TO_MAX, *tail)))
        assert unread_titration(p), tail  # no maximum, an unread one, or one the increments do not land on


# ---------------------------------------------------------------- conditional increases: options, undated

def test_conditional_increases_are_options_and_the_first_dose_continues() -> None:
    for sentence in ("Titration: Based upon individual response, the dose may be increased to 20 mg once daily, as "
                     "early as three weeks after starting therapy.",
                     "Titration: If needed, increase to the maximum dosage of 20 mg orally once daily after 2 to 6 "
                     "weeks.",
                     "Titration: Based upon individual response and tolerability, increase to the maximum dosage of "
                     "20 mg once daily.",
                     "Titration: A dose of 20 mg should not be administered until patients have been on a daily dose "
                     "of 10 mg for 3 to 5 weeks."):
        p = plan(mono(adults("Initial: 10 mg orally once daily.", sentence)))
        # round 10: an option to one named dose is also one undated step at that dose
        assert days(p) in ([(1, None, 10, 1)], [(1, None, 10, 1), (None, None, 20, 1)]), sentence
        assert (len(days(p)) == 2) == (p.options[0].daily_dose == 20), sentence
        assert len(p.options) == 1 and p.options[0].daily_dose in (20, None), sentence


def test_a_condition_this_reader_does_not_know_stays_unread() -> None:
    sentence = ("Titration: Based upon individual response, the dose may be increased to 20 mg once daily, as early "
                "as three weeks after starting therapy in patients with normal hepatic function.")
    p = plan(mono(adults("Initial: 10 mg orally once daily.", sentence)))
    assert any(s.unread for s in p.steps) and not p.options


def test_after_an_option_a_maintenance_range_has_no_day() -> None:
    p = plan(mono(adults("Initial: 10 mg orally once daily.",
                         "Titration: If needed, increase to the maximum dosage of 20 mg orally once daily after 2 to "
                         "6 weeks.", "Maintenance: 10 mg to 20 mg once daily.")))
    first, option, second = [s for s in p.steps if not s.unread]  # round 10: the option is an undated step too
    assert (first.start_day, first.end_day, first.timing_stated) == (1, None, True)
    assert (option.start_day, option.timing_stated, option.daily_dose) == (None, False, 20)
    assert (second.start_day, second.timing_stated, second.daily_dose) == (None, False, (10, 20))


# ---------------------------------------------------------------- an increment run's frequency

def test_an_increment_run_takes_the_frequency_both_its_ends_state() -> None:
    body = adults("Initial: 500 mg/day (250 mg twice daily).",
                  "Titration: Increase the dosage by 500 mg/day every week to the recommended daily dose of 1500 mg.",
                  "Maintenance: 1500 mg/day (750 mg twice daily).")
    p = plan(mono(body))
    assert days(p) == [(1, 7, 500, 2), (8, 14, 1000, 2), (15, None, 1500, 2)]
    assert p.steps[1].dose == 500
    # the ends differ (twice daily, then once daily): the dose between has no stated frequency
    p = plan(mono(body.replace("(750 mg twice daily)", "once daily")))
    assert days(p)[1] == (8, 14, 1000, None)


# ---------------------------------------------------------------- a band's range is not replaced by the start

def test_a_band_range_stands_when_the_label_offers_further_increases() -> None:
    body = adults("Initial: 10 mg orally once daily.",
                  "Titration: If needed, increase to the maximum dosage of 20 mg orally once daily after 2 to 6 weeks.",
                  "Maximum: 20 mg once daily.") + \
        "#### Special Cases:\n- **Patients with Renal Impairment**:\n    - CrCl 30 to 50 mL/min: 10 to 15 mg once daily.\n"
    p = plan(mono(body), Patient(crcl_ml_min=40, crcl_source="given"))
    assert p.recommended is True and p.max_daily_dose == 15
    assert [s.daily_dose for s in p.steps if not s.unread][-1] == (10, 15)


# ---------------------------------------------------------------- through the CLI

def test_titrate_cli_shows_the_earliest_days_and_keeps_options_out_of_the_calendar(
        run: Callable[..., tuple[int, str, str]], run_json: Callable[..., tuple[int, Any, str]],
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    text = ("---\ntitle: Exampledrug\nbrand_names: [Examplebrand]\nlastModified: '2026-01-01T00:00:00.000Z'\n---\n"
            + adults("Initial: 10 mg orally once daily.", LIST))
    (tmp_path / "exampledrug.md").write_text(text, encoding="utf-8")
    (tmp_path / "optiondrug.md").write_text(
        text.replace("Exampledrug", "Optiondrug").replace(
            LIST, "Titration: Based upon individual response, the dose may be increased to 20 mg once daily, as "
                  "early as three weeks after starting therapy."), encoding="utf-8")
    monkeypatch.setenv("DRUGREF_MONOGRAPHS", str(tmp_path))
    code, data, _ = run_json("titrate", "exampledrug")
    assert code == 0 and [(s["start_day"], s["daily_dose"]) for s in data["steps"]] == [
        (1, 10), (15, 20), (29, 30), (43, 40)]
    code, out, _ = run("titrate", "exampledrug")
    assert code == 0 and "earliest" in out and "days 15-28" in out
    calendar = tmp_path / "optiondrug.ics"
    code, _, _ = run("titrate", "optiondrug", "--start", "2026-03-02", "--ics", str(calendar))
    events = calendar.read_text(encoding="utf-8")
    assert code == 0 and events.count("BEGIN:VEVENT") == 1  # the option has no day: it is not in the calendar
    calendar = tmp_path / "exampledrug.ics"
    code, _, _ = run("titrate", "exampledrug", "--start", "2026-03-02", "--ics", str(calendar))
    assert code == 0 and "DTSTART;VALUE=DATE:20260316" in calendar.read_text(encoding="utf-8")  # day 15
    code, data, _ = run_json("titrate", "optiondrug")
    assert code == 0 and [(s["start_day"], s["daily_dose"]) for s in data["steps"]] == [(1, 10), (None, 20)]


# ---------------------------------------------------------------- properties

@settings(max_examples=examples(200), deadline=None)
@given(start=st.integers(1, 40), size=st.integers(1, 30), count=st.integers(1, 6), weeks=st.integers(1, 6))
def test_increments_land_on_the_maintenance_dose_or_the_bullet_is_unread(start: int, size: int, count: int,
                                                                          weeks: int) -> None:
    target = start + size * count
    titration = (f"Titration: The dose should be increased in {size} mg increments to the recommended maintenance dose "
                 f"of {target} mg once daily. The minimum recommended interval between dose increases is {weeks} "
                 f"weeks.")
    p = plan(mono(adults(f"Initial: {start} mg orally once daily.", titration)))
    assert days(p) == [(1 + i * weeks * 7, None if i == count else (i + 1) * weeks * 7, start + i * size, 1)
                       for i in range(count + 1)]
    # one more milligram and the increments no longer land on the stated dose
    p = plan(mono(adults(f"Initial: {start} mg orally once daily.", titration.replace(f"of {target} mg",
                                                                                       f"of {target + 1} mg"))))
    assert size == 1 or unread_titration(p)


@settings(max_examples=examples(200), deadline=None)
@given(st.text(" abcdefghilmnorstuwy,.0123456789", max_size=80))
def test_prose_reader_never_fails_and_reads_nothing_from_noise(words: str) -> None:
    prose = read_prose(words)
    assert prose is None or not (prose.targets or prose.to_maximum or prose.options)


def test_calendar_dates_of_an_earliest_schedule() -> None:
    p = plan(mono(adults("Initial: 10 mg orally once daily.", LIST)), start=dt.date(2026, 3, 2))
    assert p.start == dt.date(2026, 3, 2)
    assert [s.start_day for s in p.steps] == [1, 15, 29, 43]


# ---------------------------------------------------------------- more shapes of round 6

def test_an_increase_when_the_response_is_not_reached_in_time_is_dated_at_that_time() -> None:
    titration = ("Titration: If an adequate response is not achieved within two weeks, the dosage should be increased "
                 "to 40 mg once a day.")
    p = plan(mono(adults("Initial: 20 mg orally once a day.", titration)))
    assert days(p) == [(1, 14, 20, 1), (15, None, 40, 1)]
    assert any(w.startswith("day 15:") and "response" in w for w in p.warnings)
    # "may be increased" after the same condition is an option; without "within" no day is stated at all
    p = plan(mono(adults("Initial: 20 mg orally once a day.", titration.replace("should", "may"))))
    assert not any(s.start_day and s.start_day > 1 for s in p.steps if not s.unread)
    p = plan(mono(adults("Initial: 20 mg orally once a day.", titration.replace(" within two weeks", ""))))
    assert not any(s.start_day and s.start_day > 1 for s in p.steps if not s.unread)


def test_required_increases_to_no_stated_dose_end_the_first_dose_after_one_interval() -> None:
    for titration, end in (("Titration: Titrate to an effective dose in increments of 10 to 20 mg/day every week.", 7),
                           ("Titration: Increase by 25 mg twice daily (50 mg per day) every week, based on clinical "
                            "response and tolerability, no more frequently than once per week.", 7),
                           ("Titration: Increase by 50 mg every 3 days.", 3)):
        p = plan(mono(adults("Initial: 50 mg orally twice daily.", titration)))
        first, rest = p.steps[0], p.steps[1:]
        assert (first.start_day, first.end_day) == (1, end), titration
        assert rest and all(s.unread for s in rest), titration  # the doses after the first increase are not computed
    # "may" makes it an option: the first dose continues
    p = plan(mono(adults("Initial: 50 mg orally twice daily.",
                         "Titration: The dose may be increased by 50 mg/day every 3 to 4 days.")))
    assert days(p) == [(1, None, 100, 2)] and len(p.options) == 1


def test_conditional_increments_are_options_with_the_dose_they_lead_to() -> None:
    p = plan(mono(adults("Initial: 300 mg/day, given in a twice-a-day regimen.",
                         "Titration: If clinically indicated, the dose may be increased by a maximum of 300 mg/day at "
                         "approximately weekly intervals; the recommended daily dose is 900 mg/day.")))
    assert days(p) == [(1, None, 300, 2), (None, None, 900, 2)] and [o.daily_dose for o in p.options] == [900]
    p = plan(mono(adults("Initial: 2 mg orally once daily.",
                         "Titration: Dose increases, if indicated, in increments of 2 mg/day at intervals of more than "
                         "4 days.")))
    assert days(p) == [(1, None, 2, 1)] and len(p.options) == 1
    # no condition and no "may": not an option, and with no interval this reader leaves it unread
    p = plan(mono(adults("Initial: 2 mg orally once daily.", "Titration: Dose increases in increments of 2 mg/day.")))
    assert not p.options and any(s.unread for s in p.steps)
    # an increase "to achieve the recommended daily dose" is not read as an option (labels date it)
    p = plan(mono(adults("Initial: 300 mg/day, given in a twice-a-day regimen.",
                         "Titration: May be increased as clinically indicated by a maximum increment of 300 mg/day at "
                         "approximately weekly intervals to achieve the recommended daily dose of 900 mg/day.")))
    assert not p.options and any(s.unread for s in p.steps)


def test_an_increment_no_more_often_than_an_interval_is_dated_at_the_earliest_days() -> None:
    p = plan(mono(adults("Initial: 5 mg orally once daily.",
                         "Titration: Increase by 5 mg/day no more often than every 2 weeks to 20 mg/day.")))
    assert days(p)[:1] == [(1, 14, 5, 1)]
    assert [(s.start_day, s.end_day, s.daily_dose) for s in p.steps[1:]] == [(15, 28, 10), (29, 42, 15), (43, None, 20)]
    assert any(w.startswith("days 15, 29, 43:") and "earliest" in w for w in p.warnings)
    # "may increase …" stays an option: the first dose continues
    p = plan(mono(adults("Initial: 5 mg orally once daily.",
                         "Titration: May increase by 5 mg/day no more often than every 2 weeks to 20 mg/day.")))
    assert days(p) == [(1, None, 5, 1)] and len(p.options) == 1


def test_should_be_increased_after_at_least_is_a_dated_earliest_step_not_an_option() -> None:
    for sentence in ("Titration: After at least 2 weeks, the dose should be increased to 50 mg once daily.",
                     "Titration: The dose should be increased to 50 mg once daily after a minimum of 2 weeks.",
                     "Titration: Increase to 50 mg once daily after a minimum of 2 weeks."):
        p = plan(mono(adults("Initial: 25 mg orally once daily.", sentence)))
        assert days(p) == [(1, 14, 25, 1), (15, None, 50, 1)], sentence
        assert EARLIEST in p.steps[1].label and not p.options, sentence
    # with a condition it stays an option; after a second step the starting point is not stated
    p = plan(mono(adults("Initial: 25 mg orally once daily.",
                         "Titration: If needed, the dose should be increased to 50 mg once daily after 2 weeks.")))
    assert days(p) == [(1, None, 25, 1), (None, None, 50, 1)] and len(p.options) == 1
    p = plan(mono(adults("Week 1: 25 mg orally once daily.", "Week 2: 50 mg orally once daily.",
                         "Titration: Increase to 75 mg once daily after at least 2 weeks.")))
    assert [s.start_day for s in p.steps if not s.unread] == [1, 8] and any(s.unread for s in p.steps)


@settings(max_examples=examples(200), deadline=None)
@given(start=st.integers(1, 50), size=st.integers(1, 25), count=st.integers(1, 5),
       wording=st.sampled_from(["Increase in {s} mg increments at weekly intervals to {t} mg once daily.",
                                "Increase the dose by {s} mg every week until a dose of {t} mg once daily is reached.",
                                "Increase in increments of {s} mg at intervals of at least 1 week to {t} mg once "
                                "daily."]))
def test_increments_to_a_once_daily_dose(start: int, size: int, count: int, wording: str) -> None:
    target = start + size * count
    p = plan(mono(adults(f"Initial: {start} mg orally once daily.", "Titration: " + wording.format(s=size, t=target))))
    assert days(p) == [(1 + 7 * i, None if i == count else 7 * (i + 1), start + size * i, 1) for i in range(count + 1)]
    assert all((EARLIEST in s.label) == ("at least" in wording) for s in p.steps[1:])
    # twice daily: whether the increment is per dose or per day is not stated — unread
    p = plan(mono(adults(f"Initial: {start} mg orally once daily.",
                         "Titration: " + wording.format(s=size, t=target).replace("once daily", "twice daily"))))
    assert unread_titration(p)
    # a target the increments miss
    p = plan(mono(adults(f"Initial: {start} mg orally once daily.",
                         "Titration: " + wording.format(s=size, t=target + 0.5))))
    assert unread_titration(p)


def test_a_remark_that_no_titration_is_needed_changes_no_dose() -> None:
    p = plan(mono(adults("Initial: 40 mg orally once daily. Initial dose titration is not required.",
                         "Maximum: 80 mg per day.")))
    assert days(p) == [(1, None, 40, 1)] and p.max_daily_dose == 80
    # a remark that does say something about the dose stays unread
    p = plan(mono(adults("Initial: 40 mg orally once daily. Initial dose titration is required in the elderly.")))
    assert all(s.unread for s in p.steps)


def test_increases_that_wait_on_a_reassessment_are_options() -> None:
    p = plan(mono(adults("Initial: 3 mg orally once daily.",
                         "Titration: Dose increases above 3 mg/day should be made only after clinical reassessment and "
                         "generally should occur at intervals of more than 7 days, in increments of 1.5 mg/day.")))
    assert days(p) == [(1, None, 3, 1)] and len(p.options) == 1


def test_an_option_with_unread_words_beside_its_dose_stays_unread() -> None:
    p = plan(mono(adults("Initial: 10 mg orally once daily.",
                         "Titration: If needed, the dose may be increased to 20 mg once daily in patients with normal "
                         "hepatic function.")))
    assert any(s.unread for s in p.steps) and not p.options
    p = plan(mono(adults("Initial: 10 mg orally once daily.", "Titration: If needed, the dose may be increased to 20 mg.")))
    # per dose or per day? The option has no number; round 10: where every dose is one a day, the bare amount is the
    # day's one dose, an undated step
    assert days(p) == [(1, None, 10, 1), (None, None, 20, 1)] and [o.daily_dose for o in p.options] == [None]


def test_increments_to_a_twice_daily_dose_when_the_increment_says_how_often() -> None:
    p = plan(mono(adults("Initial: 50 mg orally twice daily.",
                         "Titration: Increase by 50 mg twice daily every week to 200 mg twice daily.")))
    assert days(p) == [(1, 7, 100, 2), (8, 14, 200, 2), (15, 21, 300, 2), (22, None, 400, 2)]
    assert [s.dose for s in p.steps] == [50, 100, 150, 200]
    p = plan(mono(adults("Initial: 50 mg orally twice daily.",
                         "Titration: Increase at intervals of one week by 100 mg/day to 400 mg/day.")))
    assert days(p)[-1] == (22, None, 400, None)
    # "by 50 mg" to a twice-daily dose: per dose or per day is not stated
    p = plan(mono(adults("Initial: 50 mg orally twice daily.",
                         "Titration: Increase by 50 mg every week to 200 mg twice daily.")))
    assert unread_titration(p)


def test_stages_each_after_another_so_many_days() -> None:
    p = plan(mono(adults("Initial: 25 mg orally twice daily.",
                         "Titration: Increase to 50 mg twice daily after 3 days, then to 100 mg twice daily after "
                         "another 4 days.")))
    assert days(p) == [(1, 3, 50, 2), (4, 7, 100, 2), (8, None, 200, 2)]
    # "then … after 4 days" without "another": counted from the start or from the last increase is not stated
    p = plan(mono(adults("Initial: 25 mg orally twice daily.",
                         "Titration: Increase to 50 mg twice daily after 3 days, then to 100 mg twice daily after "
                         "4 days.")))
    assert unread_titration(p)


def test_may_be_titrated_upward_to_a_maximum_is_an_option() -> None:
    p = plan(mono(adults("Initial: 25 mg orally once daily.",
                         "Titration: The dose may be titrated upward at weekly intervals by 25 mg to a maximum of "
                         "100 mg.")))
    assert days(p) == [(1, None, 25, 1)] and len(p.options) == 1 and p.max_daily_dose is None


TABLE = ("Week 1: 0.5 mg orally 3 times daily (total daily dose 1.5 mg).", "Week 2: 1 mg 3 times daily (total daily dose "
         "3 mg).")
AFTER_TABLE = ("Titration: Based on individual patient therapeutic response and tolerability, if necessary, titrate with "
               "weekly increments as in the table. After Week 2, if necessary, the daily dose may be increased by 1.5 "
               "mg/day on a weekly basis up to a dose of 6 mg/day, and then by up to 3 mg/day weekly up to a maximum "
               "recommended total daily dose of 12 mg/day (4 mg three times daily).")


def test_a_table_said_again_and_increases_after_it_leave_the_tables_last_dose_ongoing() -> None:
    p = plan(mono(adults(*TABLE, AFTER_TABLE, "Maximum: 12 mg/day.")))
    # round 10: the optional increases are also one undated step, from the first increase up to the maximum
    assert days(p) == [(1, 7, 1.5, 3), (8, None, 3, 3), (None, None, (4.5, 12), 3)] and len(p.options) == 1 \
        and p.max_daily_dose == 12
    # "as in the table" with no table of dated steps before it: not read
    p = plan(mono(adults("Initial: 0.5 mg orally 3 times daily.", AFTER_TABLE)))
    assert any(s.unread for s in p.steps) and not p.options


def test_a_titration_bullet_of_remarks_only_adds_no_step() -> None:
    p = plan(mono(adults(*TABLE, "Titration: Dose and titration rate should be guided by clinical outcome. If required, "
                                 "longer intervals between dose adjustments can be used.")))
    assert days(p) == [(1, 7, 1.5, 3), (8, None, 3, 3)] and not any(s.unread for s in p.steps)


_CONDITIONS = ["If needed", "If clinically indicated", "Based upon individual response and tolerability", "If necessary",
               "Based on efficacy and tolerability"]
_PIECES = ["at weekly intervals", "in increments of {a} mg/day", "by {a} mg", "every {n} days", "gradually",
           "at intervals of at least {n} days", "up to a maximum of {b} mg/day", "as tolerated", "to {b} mg once daily"]


@settings(max_examples=examples(300), deadline=None)
@given(condition=st.sampled_from(_CONDITIONS), verb=st.sampled_from(["the dose may be increased",
                                                                    "the dosage can be increased", "may increase"]),
       pieces=st.lists(st.sampled_from(_PIECES), min_size=1, max_size=3, unique=True),
       a=st.integers(1, 50), b=st.integers(51, 400), n=st.integers(2, 14))
def test_a_conditional_increase_never_dates_a_step(condition: str, verb: str, pieces: list[str], a: int, b: int,
                                                  n: int) -> None:
    sentence = f"Titration: {condition}, {verb} " + ", ".join(p.format(a=a, b=b, n=n) for p in pieces) + "."
    p = plan(mono(adults("Initial: 10 mg orally once daily.", sentence)))
    assert not any(s.start_day and s.start_day > 1 for s in p.steps if not s.unread), sentence
    assert p.steps[0].end_day is None, sentence  # the first dose is never given an end by an option


def test_a_list_of_doses_with_a_minimum_interval_sentence() -> None:
    p = plan(mono(adults("Initial: 5 mg orally once daily.",
                         "Titration: The dose should then be increased to 10 mg once daily, 15 mg once daily, and 20 mg "
                         "once daily. Dose increases should occur at intervals of at least 2 weeks.")))
    assert days(p) == [(1, 14, 5, 1), (15, 28, 10, 1), (29, 42, 15, 1), (43, None, 20, 1)]
    assert all(EARLIEST in s.label for s in p.steps[1:])
    # no interval sentence: the list has no days; a dose that goes down: no run
    p = plan(mono(adults("Initial: 5 mg orally once daily.",
                         "Titration: The dose should then be increased to 10 mg once daily and 20 mg once daily.")))
    assert unread_titration(p) or not any(s.start_day and s.start_day > 1 for s in p.steps if not s.unread)
    p = plan(mono(adults("Initial: 5 mg orally once daily.",
                         "Titration: The dose should then be increased to 10 mg once daily and 8 mg once daily. Dose "
                         "increases should occur at intervals of at least 2 weeks.")))
    assert unread_titration(p)


def test_an_increment_split_from_its_may_clause_is_not_read_as_required() -> None:
    # found by the property above: "by 1 mg" and "at weekly intervals" are their own clauses
    p = plan(mono(adults("Initial: 10 mg orally once daily.",
                         "Titration: If needed, the dose may be increased to 51 mg once daily, by 1 mg, at weekly "
                         "intervals.")))
    assert p.steps[0].end_day is None and not any(s.start_day and s.start_day > 1 for s in p.steps if not s.unread)


def test_increments_left_to_the_prescriber_are_options() -> None:
    for sentence in ("Titration: Increase by 5 mg every week if needed.",
                     "Titration: Increase by 5 mg/day every week to 20 mg/day, as needed.",
                     "Titration: If necessary, increase by 5 mg/day every week to 20 mg/day."):
        p = plan(mono(adults("Initial: 10 mg orally once daily.", sentence)))
        assert days(p) == [(1, None, 10, 1)] and p.steps[0].end_day is None, sentence  # an option, or unread
    # with no such words the increases are required: dated
    p = plan(mono(adults("Initial: 10 mg orally once daily.",
                         "Titration: Increase by 5 mg/day every week to 20 mg/day.")))
    assert [s.start_day for s in p.steps] == [1, 8, 15]


def test_an_increase_to_a_dose_if_needed_is_an_option() -> None:
    p = plan(mono(adults("Initial: 10 mg orally once daily.",
                         "Titration: Increase to 20 mg once daily after 1 week if needed.")))
    assert days(p) == [(1, None, 10, 1), (None, None, 20, 1)] and [o.daily_dose for o in p.options] == [20]
    p = plan(mono(adults("Initial: 10 mg orally once daily.", "Titration: Increase to 20 mg once daily after 1 week.")))
    assert days(p) == [(1, 7, 10, 1), (8, None, 20, 1)]


def test_the_first_increase_at_a_minimum_interval_is_said_to_be_the_earliest() -> None:
    p = plan(mono(adults("Initial: 20 mg orally once daily.",
                         "Titration: Increase in 10 mg/day increments at intervals of at least 1 week.")))
    assert (p.steps[0].end_day, p.steps[1].unread, p.steps[1].start_day) == (7, True, 8)
    assert any(w.startswith("day 8:") and "earliest" in w for w in p.warnings)
    p = plan(mono(adults("Initial: 300 mg orally three times daily.", "Titration: Increase by 300 mg every 3 days.")))
    assert p.steps[0].end_day == 3 and not any("earliest" in w for w in p.warnings)  # a fixed interval
