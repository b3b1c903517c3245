"""One regimen's course, round 10: how long a fixed dose is given, as labels write it. A course whose length is a
range ("750 mg every 24 hours for 7 to 14 days") keeps both ends — it never becomes one invented day, nor a maintenance
dose that goes on; every output says the range in words. Each rule has a near miss that stays unread."""
from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from drugref.dosing import Patient, plan, read_dosing
from drugref.monograph import parse_text
from test_dosing_label_sentences8 import titrate_json
from test_dosing_real9 import monograph


def regimen(heading: str, *bullets: str) -> str:
    return monograph(f"\n##### **{heading}**\n" + "".join(f"- {b}\n" for b in bullets))


def dosing_of(text: str):  # type: ignore[no-untyped-def]
    return read_dosing(parse_text(text, "examplamine.md"))


# ---------------------------------------------------------------- a course whose length is a range

@given(st.integers(1, 20), st.integers(1, 30), st.sampled_from([("days", 1), ("weeks", 7)]),
       st.sampled_from([250, 500, 750]))
def test_a_course_of_n_to_m_days_keeps_both_ends(shortest: int, more: int, period: tuple[str, int], mg: int) -> None:
    # "Nosocomial pneumonia: 750 mg every 24 hours for 7 to 14 days" (levofloxacin PI, 2.1 Table 1)
    word, days = period
    longest = shortest + more
    p = plan(dosing_of(regimen("Pneumonia", f"Dosage: {mg} mg orally every 24 hours for {shortest} to {longest} "
                                            f"{word}.")))
    assert p.recommended is True
    (step,) = p.steps
    assert (step.daily_dose, step.times_per_day, step.start_day) == (float(mg), 1.0, 1)
    # no single end day is chosen: the end is the range, the step is not dated and goes in no calendar
    assert step.end_range == (shortest * days, longest * days)
    assert step.end_day is None and step.timing_stated is False
    # a course is no maintenance dose
    assert p.maintenance_daily_dose is None


def test_a_course_range_through_the_cli(tmp_path: Path) -> None:
    answer = titrate_json(tmp_path, regimen("Plague", "Dosage: 500 mg orally every 24 hours for 10 to 14 days. Begin "
                                                      "as soon as possible after suspected or confirmed exposure."))
    steps = answer["steps"]
    assert isinstance(steps, list) and len(steps) == 1
    assert (steps[0]["start_day"], steps[0]["end_day"], steps[0]["end_day_range"], steps[0]["daily_dose"]) == \
        (1, None, [10, 14], 500)
    assert answer["maintenance_daily_dose"] is None and answer["max_daily_dose"] is None


def test_a_course_range_said_in_words_and_left_out_of_the_calendar(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from drugref.cli import app

    (tmp_path / "examplamine.md").write_text(regimen("Pneumonia", "Dosage: 750 mg orally every 24 hours for 7 to 14 "
                                                                  "days."), encoding="utf-8")
    result = CliRunner().invoke(app, ["--no-bundled", "--monographs", str(tmp_path), "titrate", "examplamine",
                                      "--start", "2026-01-05"])
    assert "for 7 to 14 days (ends on a day from 7 to 14, as the prescriber decides)" in result.output
    assert "2026-01-18" not in result.output and "2026-01-11" not in result.output  # no end date is made up
    ics = CliRunner().invoke(app, ["--no-bundled", "--monographs", str(tmp_path), "titrate", "examplamine",
                                   "--start", "2026-01-05", "--ics", str(tmp_path / "c.ics")])
    assert ics.exit_code != 0 and not (tmp_path / "c.ics").exists()


def test_a_step_after_a_course_range_has_no_stated_day() -> None:
    p = plan(dosing_of(regimen("Pain", "Initial: 50 mg orally once daily for 4 to 7 days.",
                               "Maintenance: 75 mg orally once daily.")))
    assert [(s.start_day, s.end_range, s.daily_dose, s.timing_stated) for s in p.steps] == \
        [(1, (4, 7), 50.0, False), (None, None, 75.0, False)]


def test_a_range_that_does_not_rise_stays_unread() -> None:
    p = plan(dosing_of(regimen("Pneumonia", "Dosage: 750 mg orally every 24 hours for 14 to 7 days.")))
    assert p.recommended is None or all(s.unread for s in p.steps)
    p = plan(dosing_of(regimen("Pneumonia", "Dosage: 750 mg orally every 24 hours for 7 to 7 days.")))
    assert p.recommended is None or all(s.unread for s in p.steps)


def test_a_renal_patient_on_a_course_range_keeps_the_words() -> None:
    p = plan(dosing_of(regimen("Pneumonia", "Dosage: 750 mg orally every 24 hours for 7 to 14 days.")),
             Patient(crcl_ml_min=100, crcl_source="given"))
    assert [s.end_range for s in p.steps] == [(7, 14)]


# ---------------------------------------------------------------- a shortest course

@given(st.integers(1, 60), st.sampled_from([("days", 1), ("weeks", 7)]), st.integers(1, 400),
       st.sampled_from(["", " following close contact with an infected individual",
                        " after exposure to an infected person"]))
def test_a_shortest_course_goes_on_and_says_how_long_at_least(n: int, period: tuple[str, int], mg: int,
                                                             since: str) -> None:
    # "75 mg orally once daily for at least 10 days following close contact with an infected individual" (oseltamivir
    # PI, 2.2 Prophylaxis of Influenza): the dose goes on; the label states no day it ends
    word, days = period
    p = plan(dosing_of(regimen("Prophylaxis", f"Dosage: {mg} mg orally once daily for at least {n} {word}{since}.")))
    (step,) = p.steps
    assert (step.start_day, step.end_day, step.timing_stated, step.daily_dose) == (1, None, True, float(mg))
    assert step.end_range == (n * days, None)
    assert p.max_daily_dose is None  # no maximum is made up from the dose


def test_a_shortest_course_through_the_cli(tmp_path: Path) -> None:
    text = regimen("Prophylaxis", "Dosage: 75 mg orally once daily for at least 10 days following close contact with "
                                  "an infected individual.", "Begin within 48 hours following close contact.")
    answer = titrate_json(tmp_path, text)
    steps = answer["steps"]
    assert isinstance(steps, list)
    assert [(s["start_day"], s["end_day"], s["end_day_range"], s["daily_dose"]) for s in steps] == \
        [(1, None, [10, None], 75)]
    from typer.testing import CliRunner

    from drugref.cli import app

    result = CliRunner().invoke(app, ["--no-bundled", "--monographs", str(tmp_path), "titrate", "examplamine"])
    assert "day 1 on, for at least 10 days: 75 mg once daily" in result.output


def test_a_dose_after_a_shortest_course_leaves_its_change_undated() -> None:
    p = plan(dosing_of(regimen("Parkinson's disease", "Initial: 1.25 mg once a day for at least 6 weeks.",
                               "Maintenance: 2.5 mg once a day.")))
    assert [(s.start_day, s.timing_stated, s.daily_dose) for s in p.steps] == [(1, False, 1.25), (None, False, 2.5)]


def test_what_a_course_counts_from_is_read_only_for_a_shortest_course() -> None:
    # "for 10 days following close contact" would count its days from the contact, not the first dose: unread
    for words in ("Dosage: 75 mg orally once daily for 10 days following close contact with an infected individual.",
                  "Dosage: 75 mg orally once daily for at least 10 days following the last dose of another drug.",
                  "Dosage: 75 mg orally once daily for at least 10 days following close contact in a nursing home."):
        p = plan(dosing_of(regimen("Prophylaxis", words)))
        assert p.recommended is None or all(s.unread for s in p.steps), words


# ---------------------------------------------------------------- a usual length left to the prescriber

@given(st.sampled_from(["1 year", "6 months", "12 weeks", "a year"]),
       st.sampled_from(["as clinically indicated", "as clinically appropriate", "when clinically indicated"]))
def test_a_usual_length_or_as_clinically_indicated_leaves_the_dose_going_on(length: str, judged: str) -> None:
    # "Reduction of the risk of duodenal ulcer recurrence: 20 mg once daily ... 1 year or as clinically indicated"
    # (famotidine PI, 2.1 Table 1): the dose goes on; the duration's words are shown beside it
    d = dosing_of(regimen("Ulcer recurrence", "Dosage: 20 mg orally once daily.", f"Duration: {length} or {judged}."))
    p = plan(d)
    assert [(s.start_day, s.end_day, s.timing_stated, s.daily_dose) for s in p.steps] == [(1, None, True, 20.0)]
    assert any(f"Duration: {length} or {judged}." in words for _, _, words in p.shown_text)
    assert p.max_daily_dose is None


def test_a_usual_length_shown_through_the_cli(tmp_path: Path) -> None:
    answer = titrate_json(tmp_path, regimen("Ulcer recurrence", "Dosage: 20 mg orally once daily.",
                                            "Duration: 1 year or as clinically indicated."))
    steps = answer["steps"]
    assert isinstance(steps, list) and [(s["start_day"], s["end_day"]) for s in steps] == [(1, None)]
    assert "Duration: 1 year or as clinically indicated." in str(answer["shown_as_written"])


def test_other_lengths_or_a_length_after_a_course_stay_unread() -> None:
    # a length with a condition of its own, and a length beside a dose that already ends, are not read as going on
    for bullets in (("Dosage: 20 mg orally once daily.", "Duration: 1 year or until the ulcer heals."),
                    ("Dosage: 20 mg orally once daily for 4 weeks.", "Duration: 1 year or as clinically indicated."),
                    ("Dosage: 20 mg orally once daily.", "Duration: 1 year in patients at high risk or as clinically "
                                                         "indicated.")):
        p = plan(dosing_of(regimen("Ulcer recurrence", *bullets)))
        assert not p.steps or any(not s.timing_stated or s.unread for s in p.steps) or p.recommended is None, bullets


def test_a_course_range_after_a_first_day_dose_says_no_end_days() -> None:
    # "Day 1: 110 mg" then "220 mg once daily for 28-35 days": the label counts the whole course from day 1 ("for a
    # total of 28-35 days", Pradaxa PI 2.5); read from day 2 it would end a day late, so no end day is said at all
    p = plan(dosing_of(regimen("Prophylaxis after hip replacement", "Day 1: 110 mg orally once daily.",
                               "Maintenance: 220 mg orally once daily for 28-35 days.")))
    assert all(s.end_range is None for s in p.steps)
    assert [s.timing_stated for s in p.steps if not s.unread][-1] is False


# ---------------------------------------------------------------- the first dose said as an instruction; the route

@given(st.sampled_from(["Start with an initial dosage of", "Initiate EXAMPLO with a dose of",
                        "Begin therapy with a starting dose of", "Initiate treatment with an initial dose of"]),
       st.integers(1, 400), st.integers(1, 28))
def test_the_first_dose_said_as_an_instruction(lead: str, mg: int, days: int) -> None:
    # "Start with an initial dosage of 10 mg once daily with food for 7 days" (Viibryd PI, 2.1); "Initiate VICTOZA
    # with a dose of 0.6 mg per day for one week" (Victoza PI, 2.2)
    p = plan(dosing_of(regimen("Depression", f"Initial: {lead} {mg} mg once daily with food for {days} days.",
                               f"Maintenance: {2 * mg} mg once daily.")))
    assert [(s.start_day, s.end_day, s.daily_dose, s.times_per_day) for s in p.steps] == \
        [(1, days, float(mg), 1.0), (days + 1, None, 2.0 * mg, 1.0)]


@given(st.sampled_from(["subcutaneously", "by subcutaneous injection"]), st.integers(1, 60), st.integers(1, 28))
def test_a_subcutaneous_dose_reads_as_an_oral_one(route: str, mcg: int, days: int) -> None:
    # "The starting dose of ADLYXIN is 10 mcg subcutaneously once daily for 14 days" (Adlyxin PI, 2.1)
    p = plan(dosing_of(regimen("Type 2 diabetes", f"Initial: The starting dose of EXAMPLO is {mcg} mcg {route} once "
                                                  f"daily for {days} days.")))
    assert [(s.start_day, s.end_day, s.daily_dose, s.times_per_day, s.unit) for s in p.steps] == \
        [(1, days, float(mcg), 1.0, "mcg")]


def test_the_instruction_and_route_through_the_cli(tmp_path: Path) -> None:
    answer = titrate_json(tmp_path, regimen("Type 2 diabetes", "Initial: Initiate EXAMPLO with a dose of 10 mcg "
                                                               "subcutaneously once daily for 14 days."))
    steps = answer["steps"]
    assert isinstance(steps, list)
    assert [(s["start_day"], s["end_day"], s["daily_dose"], s["unit"]) for s in steps] == [(1, 14, 10, "mcg")]


def test_other_routes_and_leads_stay_unread() -> None:
    # another route may be another product's dose (an intravenous one beside the oral), and a lead naming a subgroup
    # is a subgroup's dose
    for words in ("Initial: 10 mg intravenously once daily for 7 days.",
                  "Initial: 10 mg intramuscularly once daily for 7 days.",
                  "Initial: Start patients with renal impairment with an initial dosage of 10 mg once daily.",
                  "Initial: Start with an initial dosage of 10 mg once daily in elderly patients."):
        p = plan(dosing_of(regimen("Depression", words)))
        assert p.recommended is None or all(s.unread for s in p.steps), words


@given(st.integers(1, 60), st.integers(2, 28), st.sampled_from(["maintenance dose", "target dose", "maintenance dosage"]))
def test_an_increase_to_the_maintenance_dose_on_a_stated_day(mcg: int, day: int, what: str) -> None:
    # "Increase the dose to the maintenance dose of 20 mcg once daily starting on Day 15" (Adlyxin PI, 2.1)
    p = plan(dosing_of(regimen("Type 2 diabetes", f"Initial: {mcg} mcg subcutaneously once daily for {day - 1} days.",
                               f"Maintenance: Increase the dose to the {what} of {2 * mcg} mcg once daily starting on "
                               f"Day {day}.")))
    assert [(s.start_day, s.end_day, s.daily_dose) for s in p.steps] == \
        [(1, day - 1, float(mcg)), (day, None, 2.0 * mcg)]


def test_an_increase_to_a_dose_for_some_patients_stays_unread() -> None:
    p = plan(dosing_of(regimen("Type 2 diabetes", "Initial: 10 mcg subcutaneously once daily for 14 days.",
                               "Maintenance: Increase the dose to the maintenance dose of 20 mcg once daily in patients "
                               "with inadequate control.")))
    assert p.steps[-1].unread


def test_a_shortest_course_after_a_first_day_dose_says_no_end() -> None:
    # "Day 1: 200 mg, then 100 mg once daily for at least 2 weeks": the 2 weeks may count from day 1 — not said
    p = plan(dosing_of(regimen("Candidiasis", "Day 1: 200 mg orally once daily.",
                               "Maintenance: 100 mg orally once daily for at least 2 weeks.")))
    assert [(s.start_day, s.timing_stated, s.end_range) for s in p.steps if not s.unread][-1] == (2, False, None)
