"""Increment rules, second round (issue 11, round 8b): an increment at an interval that names no dose it stops at.

"doses may be increased in increments of 50 mg bid every four days until efficacy is achieved", "the total daily dose
may be increased in 500 mg increments at weekly intervals, depending on response", "titrate to adequate analgesia with
dose increases of 50 mg no more than twice daily every three days", "increase dosage no more frequently than at weekly
intervals by increments of 2 mg once daily based on individual clinical response and tolerability". The run goes up to
the regimen's stated maximum, each step said to be at most (and at the earliest days when the interval is a minimum);
with no maximum, a required run dates only the first interval. Each shape with a sentence written for the test (other
numbers) and near misses that must stay unread — a refusal, never a number."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import examples
from drugref.dosing import Plan, plan
from drugref.dosing.titration import AT_MOST, EARLIEST, WITHIN_RANGE, read_prose
from test_dosing_titration import adults, days, mono


def nothing_dated_after_day_one(p: Plan) -> bool:
    """The increases are shown as written: no read step starts after day 1."""
    return any(s.unread for s in p.steps) and not any(s.start_day and s.start_day > 1 for s in p.steps
                                                      if not s.unread)


MAY_BID = "Titration: Exampledrug doses may be increased in increments of 25 mg bid every three days until efficacy " \
          "is achieved."


# ---------------------------------------------------------------- a run up to the stated maximum

def test_increments_per_administration_run_to_the_maximum_at_their_interval() -> None:
    p = plan(mono(adults("Initial: 25 mg orally every 12 hours.", MAY_BID, "Maximum: 200 mg/day.")))
    assert p.recommended is True and p.max_daily_dose == 200
    assert days(p) == [(1, 3, 50, 2), (4, 6, 100, 2), (7, 9, 150, 2), (10, None, 200, 2)]
    assert [s.dose for s in p.steps] == [25, 50, 75, 100]  # stated per administration: 25 mg bid more each time
    assert all(AT_MOST in s.label for s in p.steps[1:])  # each increase only until the response is reached
    assert any("most the label allows" in w for w in p.warnings)


@pytest.mark.parametrize(("initial", "titration", "maximum", "expected"), [
    # a total daily increment: the doses are given as often as the start and the maximum both are
    ("Initial: 250 mg twice daily (500 mg/day).", "Titration: The total daily dose may be increased in 250 mg "
     "increments at weekly intervals, depending on response.", "Maximum: up to 500 mg twice daily (1000 mg/day).",
     [(1, 7, 500, 2), (8, 14, 750, 2), (15, None, 1000, 2)]),
    # "no more than twice daily": the increment is given twice a day
    ("Initial: 40 mg orally twice daily.", "Titration: Titrate to adequate analgesia with dose increases of 40 mg no "
     "more than twice daily every five days.", "Maximum: 240 mg per day.",
     [(1, 5, 80, 2), (6, 10, 160, 2), (11, None, 240, 2)]),
])
def test_increment_per_day_and_frequency(initial: str, titration: str, maximum: str,
                                         expected: list[tuple[object, ...]]) -> None:
    assert days(plan(mono(adults(initial, titration, maximum)))) == expected


def test_a_minimum_interval_gives_the_earliest_days_and_says_so() -> None:
    p = plan(mono(adults("Initial: 3 mg orally once daily at bedtime.",
                         "Titration: Increase dosage no more frequently than at weekly intervals by increments of 3 mg "
                         "once daily based on individual clinical response and tolerability.", "Maximum: 9 mg/day.")))
    assert days(p) == [(1, 7, 3, 1), (8, 14, 6, 1), (15, None, 9, 1)]
    assert all(EARLIEST in s.label and AT_MOST in s.label for s in p.steps[1:])


def test_what_most_patients_need_is_a_remark_under_the_maximum() -> None:
    p = plan(mono(adults("Initial: 25 mg orally every 12 hours.",
                         MAY_BID + " Most patients do not require more than 75 mg every 12 hours (150 mg/day).",
                         "Maximum: 200 mg/day.")))
    assert p.max_daily_dose == 200 and days(p)[-1] == (10, None, 200, 2)


# ---------------------------------------------------------------- near misses: nothing made up

def test_what_most_patients_of_a_group_whose_dose_differs_need_is_not_a_remark() -> None:
    p = plan(mono(adults("Initial: 25 mg orally every 12 hours.",
                         MAY_BID + " Most patients with renal impairment do not require more than 50 mg every 12 hours.",
                         "Maximum: 200 mg/day.")))
    assert not any(s.start_day and s.start_day > 1 and not s.unread for s in p.steps)


def test_no_maximum_a_required_run_dates_the_first_interval_only() -> None:
    p = plan(mono(adults("Initial: 3 mg orally once daily at bedtime.",
                         "Titration: Increase dosage no more frequently than at weekly intervals by increments of 3 mg "
                         "once daily based on individual clinical response and tolerability.")))
    assert days(p) == [(1, 7, 3, 1)]
    later = p.steps[1]
    assert later.unread and later.start_day == 8 and EARLIEST in later.label


def test_no_maximum_an_optional_run_dates_nothing() -> None:
    p = plan(mono(adults("Initial: 25 mg orally every 12 hours.", MAY_BID)))
    assert nothing_dated_after_day_one(p) and p.max_daily_dose is None
    assert all(s.end_day is None for s in p.steps if not s.unread)


def test_a_maintenance_bullet_after_the_run_is_its_target_so_the_run_is_not_read_to_the_maximum() -> None:
    p = plan(mono(adults("Initial: 25 mg orally every 12 hours.", MAY_BID, "Maintenance: 100 mg twice daily.",
                         "Maximum: 300 mg/day.")))
    assert not any(s.daily_dose == 300 for s in p.steps)
    assert nothing_dated_after_day_one(p) or all(s.start_day is None for s in p.steps[1:] if not s.unread)


@pytest.mark.parametrize("titration", [
    # increments that do not land on the maximum
    "Titration: Exampledrug doses may be increased in increments of 35 mg bid every three days until efficacy is "
    "achieved.",
    # per dose or per day not stated, for a dose given twice daily
    "Titration: Exampledrug doses may be increased by 25 mg every three days until efficacy is achieved.",
    # two intervals that disagree
    "Titration: Increase by 25 mg twice daily every week, no more frequently than every 3 days.",
    # a total that does not add up
    "Titration: Increase by 25 mg twice daily (60 mg per day) every week.",
    # words that are not read
    "Titration: Exampledrug doses may be increased in increments of 25 mg bid every three days in patients with "
    "normal renal function.",
    # no interval
    "Titration: Exampledrug doses may be increased in increments of 25 mg bid until efficacy is achieved.",
])
def test_near_misses_stay_unread(titration: str) -> None:
    p = plan(mono(adults("Initial: 25 mg orally every 12 hours.", titration, "Maximum: 200 mg/day.")))
    assert not any(s.daily_dose == 200 for s in p.steps)
    assert not any(s.start_day and s.start_day > 1 and not s.unread for s in p.steps)


# ---------------------------------------------------------------- a range of increments to a named maximum

RANGE = ("Titration: The dose should be increased by 300-600 mg every 3 days until a maximum daily dose of 1800 mg, "
         "administered in two equally divided doses, is reached. It is not known whether doses lower than 1800 mg are "
         "effective.")


def test_a_range_of_increments_from_a_range_gives_ranges_capped_at_the_maximum() -> None:
    p = plan(mono(adults("Initial: 300-600 mg/day in two divided doses.", RANGE, "Maximum: 1800 mg per day.")))
    assert days(p) == [(1, 3, (300, 600), 2), (4, 6, (600, 1200), 2), (7, 9, (900, 1800), 2),
                       (10, 12, (1200, 1800), 2), (13, 15, (1500, 1800), 2), (16, None, 1800, 2)]
    assert p.max_daily_dose == 1800


def test_the_sentence_names_the_maximum_when_no_maximum_bullet_does() -> None:
    p = plan(mono(adults("Initial: 300-600 mg/day in two divided doses.", RANGE)))
    assert days(p)[-1] == (16, None, 1800, 2)


@pytest.mark.parametrize("maximum", ["Maximum: 1500 mg per day.", "Maximum: 2000 mg per day."])
def test_two_maxima_that_disagree_leave_the_range_run_unread(maximum: str) -> None:
    p = plan(mono(adults("Initial: 300-600 mg/day in two divided doses.", RANGE, maximum)))
    assert days(p) == [(1, 3, (300, 600), 2)]  # the first interval only: the increases are shown as written
    assert p.steps[1].unread and p.steps[1].start_day == 4


def test_a_range_run_that_does_not_land_on_the_maximum_is_not_read() -> None:
    p = plan(mono(adults("Initial: 300-600 mg/day in two divided doses.",
                         RANGE.replace("1800 mg,", "1700 mg,").replace("than 1800", "than 1700"))))
    assert not any(s.start_day and s.start_day > 1 and not s.unread for s in p.steps)


@settings(max_examples=examples(200), deadline=None)
@given(low=st.integers(1, 20), width=st.integers(0, 20), small=st.integers(1, 10), extra=st.integers(0, 10),
       count=st.integers(1, 8), every=st.integers(1, 10))
def test_range_runs_stay_between_their_bounds_and_never_above_the_maximum(low: int, width: int, small: int,
                                                                          extra: int, count: int, every: int) -> None:
    high, large = low + width, small + extra
    maximum = low + small * count
    start = f"{low}-{high} mg/day" if width else f"{low} mg/day"
    increment = f"{small}-{large} mg" if extra else f"{small} mg"
    p = plan(mono(adults(f"Initial: {start} in two divided doses.",
                         f"Titration: The dose should be increased by {increment} every {every} days until a maximum "
                         f"daily dose of {maximum} mg is reached.")))
    read = [s for s in p.steps if not s.unread]
    if high > maximum or not (width or extra):
        return  # a start above the maximum is not read as a run; single amounts are the plain run's
    assert [s.start_day for s in read] == [1 + i * every for i in range(count + 1)]
    for index, step in enumerate(read):
        bottom, top = step.daily_dose if isinstance(step.daily_dose, tuple) else (step.daily_dose, step.daily_dose)
        assert bottom == min(low + index * small, maximum) and top == min(high + index * large, maximum)
    assert read[-1].daily_dose == maximum and read[-1].end_day is None


# ---------------------------------------------------------------- increments to a stated maintenance range

TO_RANGE = ("Titration: Dosage should be increased in weekly increments of 150 mg to 300 mg, based on clinical response "
            "and tolerability, to a recommended maintenance dosage of 450 mg to 900 mg once daily.")


def test_one_increment_reaches_the_maintenance_range_after_one_interval() -> None:
    p = plan(mono(adults("Initial: 300 mg orally once daily.", TO_RANGE)))
    assert days(p) == [(1, 7, 300, 1), (8, None, (450, 900), 1)]
    assert WITHIN_RANGE in p.steps[1].label  # the top of the range is not reached on day 8


def test_single_increments_step_up_to_the_low_end_then_the_range() -> None:
    p = plan(mono(adults("Initial: 3 mg once daily at bedtime.",
                         "Titration: Increase dosage no more frequently than at weekly intervals by increments of 3 mg "
                         "once daily to a recommended maintenance dose of 12-18 mg once daily.")))
    assert days(p) == [(1, 7, 3, 1), (8, 14, 6, 1), (15, 21, 9, 1), (22, None, (12, 18), 1)]
    assert all(EARLIEST in s.label for s in p.steps[1:])


@pytest.mark.parametrize(("initial", "titration"), [
    ("Initial: 300 mg orally once daily.", TO_RANGE.replace("should", "may")),  # an option: nothing dated
    ("Initial: 200 mg orally once daily.", TO_RANGE),  # 200 + 150 does not land on 450
    ("Initial: 150 mg orally once daily.", TO_RANGE),  # a range of increments that takes two intervals
    ("Initial: 300 mg orally twice daily.", TO_RANGE),  # per dose or per day not stated for a twice-daily dose
    ("Initial: 300 mg orally once daily.", TO_RANGE.replace("once daily", "twice daily")),  # a per-dose target
])
def test_runs_to_a_range_that_do_not_follow_are_not_dated(initial: str, titration: str) -> None:
    p = plan(mono(adults(initial, titration)))
    assert not any(s.start_day and s.start_day > 1 and not s.unread for s in p.steps)


# ---------------------------------------------------------------- increases for a further effect: options

@pytest.mark.parametrize("titration", [
    "Titration: For additional glycemic control, the dosage of EXAMPLEBRAND may be increased to the maximum "
    "recommended dosage of 20 mg once daily.",
    "Titration: For patients requiring further reduction in blood pressure, the dose can be increased at 3-week "
    "intervals up to 20 mg. A more frequent dosing regimen is unlikely to be beneficial.",
])
def test_an_increase_for_a_further_effect_is_an_option_and_the_first_dose_continues(titration: str) -> None:
    p = plan(mono(adults("Initial: 10 mg orally once daily.", titration, "Maximum: 20 mg/day.")))
    # ongoing until the option is taken; round 10: the option is also one undated step at its dose
    assert days(p)[0] == (1, None, 10, 1) and days(p)[1:] in ([], [(None, None, 20, 1)]) and p.steps[0].timing_stated
    assert len(p.options) == 1 and not any(s.unread for s in p.steps)


@pytest.mark.parametrize("titration", [
    "Titration: Dosage should be adjusted according to blood pressure response measured at peak (1 to 3 hours after "
    "dosing) and trough (predosing). Generally, dosage adjustments should be made at intervals of at least 3 weeks.",
    "Titration: Dosage should be adjusted according to blood pressure response. If control is not adequate, increased "
    "dose or divided dosing can be tried.",
    "Titration: Based on clinical response, the dose of EXAMPLEBRAND can be increased to 20 mg once daily after 2 "
    "months of therapy.",
])
def test_adjustments_by_response_are_options_never_dated(titration: str) -> None:
    p = plan(mono(adults("Initial: 10 mg orally once daily.", titration)))
    # round 10: an option to one named dose is also one undated step at that dose
    assert days(p)[0] == (1, None, 10, 1) and days(p)[1:] in ([], [(None, None, 20, 1)]) and p.steps[0].timing_stated and p.options


def test_an_adjustment_with_a_dose_for_a_group_stays_unread() -> None:
    p = plan(mono(adults("Initial: 10 mg orally once daily.",
                         "Titration: Dosage should be adjusted according to blood pressure response. Generally, "
                         "dosage adjustments should be made at intervals of at least 3 weeks in elderly patients.")))
    assert any(s.unread for s in p.steps) and not p.options


def test_an_option_with_no_dose_before_it_is_shown_as_written() -> None:
    dosing = mono(adults("Titration: For patients requiring additional symptomatic relief, the dose may be increased "
                         "every 4-7 days."))
    assert plan(dosing).recommended is None  # refused, with the words
    assert [s.unread for s in dosing.regimens[0].steps] == [True] and not dosing.regimens[0].options


def test_an_increase_for_another_population_is_not_an_option() -> None:
    p = plan(mono(adults("Initial: 10 mg orally once daily.",
                         "Titration: For patients requiring further reduction in blood pressure, the dose can be "
                         "increased at 3-week intervals up to 20 mg in patients with normal renal function.")))
    assert any(s.unread for s in p.steps) and not p.options


# ---------------------------------------------------------------- a table said again in words

TABLE = ("Days 1-3: 0.5 mg orally once daily.", "Days 4-7: 1 mg once daily.", "Week 2: 2 mg once daily.",
         "Week 3: 3 mg once daily.")
AGAIN = ("Titration: After 3 days, if necessary, the dose can be increased to 1 mg once daily, and to 2 mg once daily at "
         "the end of the first week of dosing, then as shown above as needed to achieve efficacy, based on individual "
         "therapeutic response and tolerability.")
FROM_START = ("Titration: Doses should be increased gradually from a starting dose of 1.5 mg/day given in three divided "
              "doses and should not be increased more frequently than every 5 to 7 days (the weekly table is the "
              "suggested ascending dosage schedule used in clinical studies). Titrate to effective dose.")
WEEKS = ("Week 1: 0.5 mg three times daily.", "Week 2: 1 mg three times daily.", "Week 3: 1.5 mg three times daily.")


@pytest.mark.parametrize(("table", "again"), [(TABLE, AGAIN), (WEEKS, FROM_START)])
def test_a_table_said_again_with_its_own_doses_leaves_the_table_and_its_last_dose_continues(
        table: tuple[str, ...], again: str) -> None:
    p = plan(mono(adults(*table, again)))
    assert not any(s.unread for s in p.steps) and p.steps[-1].end_day is None and p.steps[-1].timing_stated
    assert len(p.steps) == len(table)


@pytest.mark.parametrize(("table", "again"), [
    (TABLE, AGAIN.replace("to 2 mg once daily", "to 1.5 mg once daily")),  # not the table's week 2 dose
    (TABLE, AGAIN.replace("After 3 days", "After 2 days")),  # not the table's day 4
    (WEEKS, FROM_START.replace("1.5 mg/day", "3 mg/day")),  # not the table's first dose
    (WEEKS, FROM_START.replace("5 to 7 days", "5 to 10 days")),  # the table's weeks are shorter than that
    (("Initial: 0.5 mg orally once daily.",), AGAIN),  # no table before it
])
def test_a_table_said_again_differently_stays_unread(table: tuple[str, ...], again: str) -> None:
    p = plan(mono(adults(*table, again)))
    assert any(s.unread for s in p.steps)


# ---------------------------------------------------------------- rises of at most an increment a day, by a day

DAYS = ("Day 1: 50 mg/day in twice daily dosing.", "Day 2: 100 mg/day in twice daily dosing.",
        "Day 3: 150 mg/day in twice daily dosing.")
BY_DAY = ("Titration: Further dosage adjustments up to 300 mg/day by Day 6 should be in increments of no greater than "
          "50 mg/day.")


def test_rises_by_a_day_are_ranges_from_the_dose_before() -> None:
    p = plan(mono(adults(*DAYS, BY_DAY)))
    assert days(p)[3:] == [(4, 4, (150, 200), 2), (5, 5, (150, 250), 2), (6, None, (150, 300), 2)]
    assert any("never above the dose it names" in w for w in p.warnings)


@pytest.mark.parametrize("titration", [
    BY_DAY.replace("Day 6", "Day 5"),  # 150 + 2 x 50 does not reach 300 by day 5
    BY_DAY.replace("50 mg/day.", "40 mg/day."),  # nor by 40 a day
])
def test_rises_that_do_not_reach_the_dose_on_the_day_stay_unread(titration: str) -> None:
    p = plan(mono(adults(*DAYS, titration)))
    assert any(s.unread for s in p.steps) and max(s.start_day or 0 for s in p.steps if not s.unread) == 3


# ---------------------------------------------------------------- through the CLI

def test_titrate_cli_shows_the_run_to_the_maximum(run: Callable[..., tuple[int, str, str]],
                                                  run_json: Callable[..., tuple[int, Any, str]],
                                                  monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    text = ("---\ntitle: Exampledrug\nbrand_names: [Examplebrand]\nlastModified: '2026-01-01T00:00:00.000Z'\n---\n"
            + adults("Initial: 25 mg orally every 12 hours.", MAY_BID, "Maximum: 200 mg/day."))
    (tmp_path / "exampledrug.md").write_text(text, encoding="utf-8")
    (tmp_path / "openrun.md").write_text(text.replace("Exampledrug", "Openrun").replace("- Maximum: 200 mg/day.\n", ""),
                                         encoding="utf-8")
    monkeypatch.setenv("DRUGREF_MONOGRAPHS", str(tmp_path))
    code, data, _ = run_json("titrate", "exampledrug")
    assert code == 0 and [(s["start_day"], s["daily_dose"]) for s in data["steps"]] == [
        (1, 50), (4, 100), (7, 150), (10, 200)]
    assert data["max_daily_dose"] == 200
    code, out, _ = run("titrate", "exampledrug")
    assert code == 0 and "most the label allows" in out
    code, data, _ = run_json("titrate", "openrun")
    assert [s["daily_dose"] for s in data["steps"] if s["daily_dose"] is not None] == [50]
    (tmp_path / "rangedrug.md").write_text(text.replace(MAY_BID, TO_RANGE).replace("Exampledrug", "Rangedrug").replace(
        "- Initial: 25 mg orally every 12 hours.\n", "- Initial: 300 mg orally once daily.\n").replace(
        "- Maximum: 200 mg/day.\n", ""), encoding="utf-8")
    code, out, _ = run("titrate", "rangedrug")
    assert code == 0 and "day 8 on: 450-900 mg once daily" in out and "top of the range is not reached" in out


# ---------------------------------------------------------------- properties

@settings(max_examples=examples(200), deadline=None)
@given(start=st.integers(1, 60), size=st.integers(1, 40), count=st.integers(1, 8), every=st.integers(1, 14),
       off=st.integers(0, 1))
def test_a_run_lands_on_the_maximum_or_is_not_read(start: int, size: int, count: int, every: int, off: int) -> None:
    maximum = start + size * count + off
    p = plan(mono(adults(f"Initial: {start} mg orally once daily.",
                         f"Titration: Increase the dose by {size} mg every {every} days until efficacy is achieved.",
                         f"Maximum: {maximum} mg/day.")))
    if off and size > 1:
        assert not any(s.start_day and s.start_day > 1 and not s.unread and s.timing_stated and
                       s.end_day is None and s.daily_dose == maximum for s in p.steps)
        assert not any(not s.unread and isinstance(s.daily_dose, float) and s.daily_dose > maximum for s in p.steps)
    elif not off:
        assert days(p) == [(1 + i * every, None if i == count else (i + 1) * every, start + i * size, 1)
                           for i in range(count + 1)]


@settings(max_examples=examples(200), deadline=None)
@given(st.text(" abcdefghilmnorstuvwy,.0123456789", max_size=80))
def test_prose_reader_never_fails_on_noise(words: str) -> None:
    prose = read_prose("increase by " + words)
    assert prose is None or prose.step is None or prose.step > 0


@settings(max_examples=examples(300), deadline=None)
@given(verb=st.sampled_from(["Increase the dose", "The dose should be increased", "Exampledrug doses may be increased",
                             "The total daily dose may be increased", "Titrate to adequate analgesia"]),
       amount=st.integers(1, 500), freq=st.sampled_from([("", None), (" twice daily", 2), (" once daily", 1),
                                                          (" bid", 2), ("/day", None)]),
       form=st.sampled_from(["by {a}", "in increments of {a}", "by increments of {a}", "with dose increases of {a}"]),
       every=st.sampled_from([("every 3 days", 3), ("every other day", 2), ("at weekly intervals", 7),
                              ("every 2 weeks", 14), ("no more frequently than once per week", 7)]),
       basis=st.sampled_from(["", ", based on clinical response and tolerability", " until efficacy is achieved",
                              ", depending on response"]),
       interval_first=st.booleans())
def test_increment_sentences_read_their_numbers(verb: str, amount: int, freq: tuple[str, int | None], form: str,
                                                every: tuple[str, int], basis: str, interval_first: bool) -> None:
    increment = form.format(a=f"{amount} mg{freq[0]}")
    middle = f"{every[0]} {increment}" if interval_first else f"{increment} {every[0]}"
    prose = read_prose(f"{verb} {middle}{basis}.")
    if freq[0] == "/day" and "total daily" in verb:
        return  # said twice; either way the number is per day
    assert prose is not None
    if prose.first_every is not None:  # round 6a's reading of the same shape: the first interval only
        assert prose.first_every == every[1] and "may" not in verb
        return
    if prose.options:  # round 6a's reading of a "may" increase: an option, never dated
        assert prose.options == (None,) and "may" in verb
        return
    assert prose.to_maximum and prose.every_days == every[1]
    assert prose.step == amount * (freq[1] or 1)
    assert prose.earliest == every[0].startswith("no more")
    assert prose.step_bare == (freq[0] == "" and "total daily" not in verb)
    assert prose.required == ("may" not in verb)
    # one number changed into words that are not read, and nothing is read
    assert read_prose(f"{verb} {middle}{basis} in patients over 65 years.") is None
