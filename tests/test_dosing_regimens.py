"""Regimen shapes of issue 11's sixth round: how long a course lasts, a dose given two ways, one-time doses, doses
whose frequency is "single or divided", and words about when a course starts. Each rule is tested with a sentence
written here (another drug, other numbers) and a near miss that must stay unread (a refusal, never a number)."""
from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from drugref.cli import app
from drugref.dosing import Patient, plan
from drugref.dosing.phrases import DoseFact, read_text
from test_dosing_rules import mono

HEAD = "---\ntitle: Examplazole\nbrand_names: [Examplo]\n---\n## Dosage\n#### Adults:\n"


def only_dose(text: str) -> DoseFact:
    reading = read_text(text)
    assert reading.complete, reading.unread
    doses = [f for f in reading.facts if isinstance(f, DoseFact)]
    assert len(doses) == 1, reading.facts
    return doses[0]


def schedule(body: str, indication: str | None = None) -> list[tuple[int | None, int | None, object, object, bool]]:
    result = plan(mono("## Dosage\n#### Adults:\n" + body), Patient(), indication)
    assert result.recommended, result.refused
    return [(s.start_day, s.end_day if s.timing_stated else "not stated", s.daily_dose, s.times_per_day, s.unread)
            for s in result.steps]


# ---------------------------------------------------------------- courses

@settings(deadline=None)
@given(st.integers(1, 16), st.sampled_from(["day", "week"]), st.sampled_from(["for up to", "up to"]))
def test_a_course_of_up_to_so_long_ends_by_its_last_day(count, period, words):
    days = count * 7 if period == "week" else count
    unit = period + ("s" if count > 1 else "")
    fact = only_dose(f"40 mg orally once daily {words} {count} {unit}")
    assert fact.timing == ("upto", days)
    steps = schedule(f"- Dosage: 40 mg orally once daily {words} {count} {unit}.\n")
    assert steps == [(1, days, 40, 1, False)]


def test_a_duration_bullet_of_up_to_so_long_closes_the_dose_before_it():
    steps = schedule("- Dosage: 20 mg orally twice daily.\n- Duration: Up to 6 weeks.\n")
    assert steps == [(1, 42, 40, 2, False)]


def test_a_course_of_up_to_months_or_with_more_words_has_no_end_day():
    assert only_dose("100 mg twice daily for up to 6 months").timing == ("for_upto", 186)  # months: no day count
    steps = schedule("- Dosage: 20 mg orally twice daily.\n- Duration: Up to 6 months.\n")
    assert steps[0][1] == "not stated"
    # a second length for some patients: the course's end is not read
    steps = schedule("- Dosage: 20 mg orally twice daily.\n- Duration: Up to 8 weeks. Most patients heal within 4 "
                     "weeks; consider an additional 2 weeks of treatment.\n")
    assert steps[0][1] == "not stated" and steps[-1][4]


def test_a_dose_given_as_a_single_dose_is_a_course_of_one_day():
    fact = only_dose("2 g orally as a single dose")
    assert (fact.daily, fact.times, fact.timing) == (2.0, 1.0, ("for", 1))
    assert schedule("- Dosage: 2 g orally as a single dose.\n") == [(1, 1, 2, 1, False)]
    assert schedule("- Day 1: 1500 mg orally as a single dose.\n") == [(1, 1, 1500, 1, False)]
    # once a day, every day: no end
    assert only_dose("600 mg/day as a single daily dose").timing is None
    assert schedule("- Dosage: 300 mg orally as a single daily dose.\n") == [(1, None, 300, 1, False)]


def test_a_single_dose_with_a_course_length_stays_unread():
    assert read_text("500 mg as a single dose for 5 days").unread  # one dose, five days: the words disagree


def test_a_duration_of_a_single_dose_closes_the_course_on_day_one():
    assert schedule("- Dose: 1,000 mg once daily; duration: single dose.\n") == [(1, 1, 1000, 1, False)]
    assert read_text("1000 mg once daily; duration: two doses").unread


def test_a_course_started_as_soon_as_possible_is_read_with_its_length():
    steps = schedule("- Dosage: 150 mg orally twice a day for 5 days, started as soon as possible, preferably within "
                     "36 hours after onset of signs and symptoms.\n")
    assert steps == [(1, 5, 300, 2, False)]
    assert schedule("- Dosage: 250 mg orally once daily for 14 days. Begin as soon as possible after suspected or "
                    "confirmed exposure.\n") == [(1, 14, 250, 1, False)]
    assert schedule("- Dosage: 250 mg orally once daily for 45 days. Begin as soon as possible after suspected or "
                    "confirmed exposure. Safety beyond 28 days in adults is limited; prolonged therapy only when the "
                    "benefit outweighs the risk.\n") == [(1, 45, 250, 1, False)]
    # a start later than the first day is a timing this reader does not date: unread
    assert read_text("150 mg twice daily for 5 days, started 3 days after exposure").unread


# ---------------------------------------------------------------- a dose given two ways

@settings(deadline=None)
@given(st.sampled_from([100, 150, 200, 250, 300, 400]), st.booleans())
def test_a_daily_total_given_either_way_is_once_or_twice_daily(half, per_day_word):
    total = 2 * half
    daily = " daily" if per_day_word else ""
    fact = only_dose(f"{total} mg{daily}, administered as either {half} mg orally twice daily or {total} mg orally "
                     "once daily, with or without food")
    assert (fact.daily, fact.times, fact.dose) == (total, (1.0, 2.0), None)
    fact = only_dose(f"{total} mg given either as {half} mg twice daily or {total} mg once daily at bedtime")
    assert (fact.daily, fact.times) == (total, (1.0, 2.0))
    fact = only_dose(f"{total} mg daily, administered as either {half} mg orally twice daily or {total} mg orally once "
                     "daily, with or without food, in combination with other antiretroviral agents.")
    assert (fact.daily, fact.times) == (total, (1.0, 2.0))


@settings(deadline=None)
@given(st.sampled_from([100, 150, 200]), st.integers(1, 50))
def test_ways_that_do_not_come_to_the_total_stay_unread(half, off):
    total = 2 * half
    assert read_text(f"{total} mg given either as {half} mg twice daily or {total + off} mg once daily").unread
    assert read_text(f"{total} mg given either as {half} mg twice daily or {half} mg twice daily").unread  # one way
    assert read_text(f"{total} mg given either as {half} mg twice daily or {total} mcg once daily").unread


def test_an_alternative_regimen_joins_the_dose_before_it():
    reading = read_text("200 mg orally once daily at bedtime. An alternative dosage regimen is 100 mg twice daily.")
    assert reading.complete
    assert [(f.daily, f.times) for f in reading.facts] == [(200, (1.0, 2.0))]
    steps = schedule("- Dose: 200 mg orally once daily at bedtime. An alternative dosage regimen is 100 mg twice "
                     "daily.\n")
    assert steps == [(1, None, 200, (1.0, 2.0), False)]


def test_an_alternative_alone_or_of_another_total_in_another_unit_stays_unread():
    assert read_text("An alternative dosage regimen is 100 mg twice daily.").unread
    assert read_text("200 mg once daily. An alternative dosage regimen is 1 g twice daily.").unread  # another unit
    assert read_text("200 mg once daily for 7 days. An alternative dose is 300 mg twice daily.").unread  # timed


# ---------------------------------------------------------------- single or divided doses

def test_single_or_divided_doses_leave_the_number_of_doses_unstated():
    for words in ("in divided doses or as the single equivalent", "in single or divided doses",
                  "as a single dose or in divided doses"):
        fact = only_dose(f"150 to 450 mg/day {words}")
        assert (fact.daily, fact.times, fact.dose, fact.timing) == ((150.0, 450.0), None, None, None)
    assert schedule("- Dosage: 150 to 450 mg/day in divided doses or as the single equivalent.\n") == \
        [(1, None, (150, 450), None, False)]


def test_single_qd_or_divided_bid_doses_are_once_or_twice_daily():
    fact = only_dose("1 or 2 g per day in a single (q.d.) or divided doses (b.i.d.)")
    assert (fact.unit, fact.daily, fact.times) == ("g", (1.0, 2.0), (1.0, 2.0))
    fact = only_dose("3 g per day in divided doses (b.i.d.)")
    assert (fact.daily, fact.times, fact.dose) == (3.0, 2.0, 1.5)


def test_divided_doses_restated_as_one_dose_a_day_stay_unread():
    assert read_text("2 g per day in divided doses (once daily)").unread
    assert read_text("2 g per day in divided doses (q.d.)").unread


# ---------------------------------------------------------------- words that change no dose

@settings(deadline=None)
@given(st.integers(12, 21), st.sampled_from(["adults", "adolescents and adults", "adult patients",
                                              "adults and adolescents"]), st.sampled_from([",", ""]))
def test_an_age_in_parentheses_changes_no_dose(age, who, comma):
    fact = only_dose(f"250 mg twice daily for 10 days ({who}{comma} {age} years and older)")
    assert (fact.daily, fact.timing) == (500.0, ("for", 10))


def test_a_population_that_is_not_an_age_stays_unread():
    assert read_text("250 mg twice daily (children 6 years and older)").unread
    assert read_text("250 mg twice daily (patients with a history of resistance)").unread


def test_monotherapy_or_adjunctive_therapy_changes_no_dose_but_one_of_them_alone_does():
    fact = only_dose("40 mg orally once daily, as monotherapy or as adjunctive therapy with lithium or valproate. "
                     "Initial dose titration is not required.")
    assert (fact.daily, fact.times) == (40.0, 1.0)
    assert read_text("40 mg orally once daily, as adjunctive therapy with lithium").unread


def test_a_maximum_that_should_not_be_exceeded():
    reading = read_text("The maximum recommended dosage is one 15 mg tablet twice daily and should not be exceeded "
                        "(30 mg per day).")
    assert reading.complete and [(f.role, f.daily) for f in reading.facts] == [("maximum", 30.0)]
    # a daily total in parentheses that disagrees: unread
    assert read_text("The maximum recommended dosage is 15 mg twice daily and should not be exceeded (40 mg per "
                     "day).").unread


# ---------------------------------------------------------------- through the command line

def test_titrate_shows_a_course_that_ends_and_a_one_time_dose(tmp_path: Path) -> None:
    (tmp_path / "examplazole.md").write_text(
        HEAD + "##### Active ulcer\n- Dosage: 30 mg orally once daily.\n- Duration: Up to 4 weeks.\n"
               "##### Single-dose infection\n- Dosage: 2 g orally as a single dose.\n"
               "##### Acid reflux\n- Dosage: 300 mg given either as 150 mg twice daily or 300 mg once daily at "
               "bedtime.\n")
    runner, env = CliRunner(), {"DRUGREF_MONOGRAPHS": str(tmp_path)}
    ulcer = runner.invoke(app, ["titrate", "examplazole", "--indication", "active ulcer"], env=env)
    assert ulcer.exit_code == 0, ulcer.output
    assert "days 1-28: 30 mg once daily" in ulcer.output
    once = json.loads(runner.invoke(app, ["titrate", "examplazole", "--indication", "single-dose infection", "--json"],
                                    env=env).output)
    assert [(s["start_day"], s["end_day"], s["daily_dose"], s["unit"]) for s in once["steps"]] == [(1, 1, 2.0, "g")]
    reflux = json.loads(runner.invoke(app, ["titrate", "examplazole", "--indication", "acid reflux", "--json"],
                                      env=env).output)
    assert [(s["daily_dose"], s["times_per_day"], s["dose"]) for s in reflux["steps"]] == [(300.0, [1.0, 2.0], None)]


def test_titrate_refuses_a_course_whose_length_is_not_read(tmp_path: Path) -> None:
    (tmp_path / "examplazole.md").write_text(
        HEAD + "- Dosage: 30 mg orally once daily.\n- Duration: Up to 8 weeks; longer in some patients.\n")
    runner, env = CliRunner(), {"DRUGREF_MONOGRAPHS": str(tmp_path)}
    result = json.loads(runner.invoke(app, ["titrate", "examplazole", "--json"], env=env).output)
    dated = [s for s in result["steps"] if not s["unread"]]
    assert dated and dated[0]["end_day"] is None and dated[0]["timing_stated"] is False
    assert any(s["unread"] for s in result["steps"])


# ---------------------------------------------------------------- labels and bullets of a regimen

def test_each_for_gives_every_way_its_length():
    reading = read_text("150 mg orally every 12 hours or 300 mg orally every 24 hours, each for 7 days.")
    assert reading.complete
    assert schedule("- Usual: 150 mg orally every 12 hours or 300 mg orally every 24 hours, each for 7 days.\n") == \
        [(1, 7, 300, (1.0, 2.0), False)]
    # the length after the last way alone is not said to be every way's
    assert read_text("150 mg every 12 hours or 300 mg every 24 hours for 7 days").unread


def test_usual_oral_induction_and_adult_labels_name_steps():
    assert schedule("- Oral: 200 mg twice daily in combination with other antiretroviral agents.\n"
                    "- Intravenous: 1 mg per kg infused over 1 hour every 4 hours.\n") == [(1, None, 400, 2, False)]
    assert schedule("- Induction: 450 mg (two 225 mg tablets) twice a day for 14 days.\n"
                    "- Maintenance: 450 mg once a day.\n") == [(1, 14, 900, 2, False), (15, None, 450, 1, False)]
    assert schedule("- Adults and children 12 years and older: 10 mg orally once daily in the evening.\n") == \
        [(1, None, 10, 1, False)]
    # a label naming other patients is no step: shown as written, nothing computed
    result = plan(mono("## Dosage\n#### Adults:\n- Children 6 to 11 years: 5 mg orally once daily.\n"), Patient())
    assert not result.recommended


def test_a_bullet_that_is_only_a_dose_is_the_regimen_under_its_heading():
    assert schedule("##### Bronchitis\n- 200 mg BID for 10 days.\n- Administration: Take with meals.\n",
                    "bronchitis") == [(1, 10, 400, 2, False)]
    # after a labelled step, an unlabelled dose is a note, not a step
    steps = schedule("- Initial: 100 mg twice daily.\n- 200 mg BID for 10 days.\n")
    assert steps == [(1, None, 200, 2, False)]
    # words the reader does not take in: a note, no step
    result = plan(mono("## Dosage\n#### Adults:\n##### Bronchitis\n- 200 mg BID for 10 days in smokers.\n"), Patient(),
                  "bronchitis")
    assert not result.recommended


def test_a_starting_dose_that_is_the_maintenance_dose_continues():
    assert schedule("- Initial: 5 mg orally once daily.\n- Maintenance: 5 mg orally once daily.\n") == \
        [(1, None, 5, 1, False)]
    # the same total given otherwise: two steps, the change not dated
    steps = schedule("- Initial: 10 mg/day once daily.\n- Maintenance: 10 mg/day in two divided doses.\n")
    assert len(steps) == 2 and steps[0][3] == 1 and steps[1][3] == 2


@settings(deadline=None)
@given(st.sampled_from([125, 200, 250, 333, 450, 500]), st.integers(2, 3), st.integers(-1, 1))
def test_an_amount_restated_in_parentheses_must_agree(each, count, off):
    words = {2: "two", 3: "three"}[count]
    total = each * count + off * each
    reading = read_text(f"{total} mg ({words} {each} mg tablets) twice a day")
    if off == 0:
        assert reading.complete and reading.facts[0].daily == total * 2
    else:
        assert reading.unread
    reading = read_text(f"Maximum {each} mg per day (the {each + off} mg maximum clinical dose)")
    assert reading.complete == (off == 0)


def test_when_and_how_the_doses_are_taken_changes_no_dose():
    for text in ("25 mg administered once daily. The full therapeutic effect is apparent within 3 weeks.",
                 "25 mg orally once a day, either alone or added to diuretic therapy. The full effect of this dose will "
                 "usually be seen within one to two weeks.",
                 "25 mg orally once daily, approximately one-half hour following the same meal each day.",
                 "12.5 mg orally twice daily, taken approximately 12 hours apart, with or without food.",
                 "one 25 mg tablet taken orally once daily without regard to food (adults and pediatric patients "
                 "weighing at least 17 kg). The dosage is the same for both HIV and HBV indications."):
        fact = only_dose(text)
        assert fact.daily == 25, text
    assert read_text("25 mg orally once daily. The full effect is apparent within 4 weeks; then double the dose.").unread
    assert read_text("25 mg orally once daily, 2 hours after the evening dose of another drug").unread


# ---------------------------------------------------------------- one occasion: first-day doses

@settings(deadline=None)
@given(st.sampled_from([0.5, 1, 1.2, 2, 250]), st.sampled_from([0.5, 0.6, 1, 125]), st.integers(1, 12),
       st.sampled_from(["hour", "hours"]))
def test_a_dose_then_another_so_many_hours_later_is_one_days_total(first, second, hours, word):
    fact = only_dose(f"{first} mg at the first sign of the attack, followed by {second} mg {hours} {word} later")
    assert fact.daily == round(first + second, 6) and fact.times == 2 and fact.timing == ("for", 1)
    assert fact.dose == (first if first == second else None)


def test_a_first_day_pair_is_a_one_day_step():
    assert schedule("- Day 1: 1.2 mg (2 tablets) at the first sign of the flare, followed by 0.6 mg (1 tablet) one "
                    "hour later.\n") == [(1, 1, 1.8, 2, False)]
    # without a day label, still one day — never a daily dose that goes on
    assert schedule("- Dosage: 1 mg at the first sign of the attack, followed by 1 mg 12 hours later.\n") == \
        [(1, 1, 2, 2, False)]


def test_a_second_dose_on_another_day_or_of_a_range_stays_unread():
    assert read_text("1 mg, followed by 0.5 mg 30 hours later").unread
    assert read_text("1-2 mg, followed by 0.5 mg 2 hours later").unread
    assert read_text("1 mg, followed by 500 mcg 2 hours later").unread  # two units on one occasion


def test_one_dose_so_many_hours_after_surgery_is_that_days_dose():
    fact = only_dose("75 mg orally 1-4 hours after surgery and after hemostasis has been achieved")
    assert (fact.daily, fact.times, fact.timing) == (75.0, 1.0, ("for", 1))
    steps = schedule("- Day 1: 75 mg orally 2 to 4 hours after surgery once hemostasis has been established.\n"
                     "- Maintenance: 150 mg orally once daily for 9 days.\n")
    assert steps == [(1, 1, 75, 1, False), (2, 10, 150, 1, False)]
    assert read_text("75 mg orally 1-4 hours after breakfast on the day of surgery").unread


def test_time_of_day_indication_remarks_and_both_uses_change_no_dose():
    assert only_dose("450 mg orally once daily taken with food at about 5 PM").daily == 450
    assert only_dose("200-600 mg/day (monotherapy or adjunct to lithium or divalproex)").daily == (200, 600)
    assert only_dose("75 mg orally twice daily (for the treatment of erosions and associated heartburn)").daily == 150
    assert read_text("75 mg orally twice daily (for 3 days, then once daily)").unread


def test_tablet_counts_restate_amounts_only_when_they_agree_on_one_strength():
    assert only_dose("1 mg (2 tablets), followed by 0.5 mg (1 tablet) one hour later").daily == 1.5
    assert read_text("1 mg (2 tablets), followed by 0.5 mg (2 tablets) one hour later").unread  # two strengths
    assert read_text("1 mg (2 tablets) once daily").unread  # one count alone says nothing checkable


# ---------------------------------------------------------------- maxima

@settings(deadline=None)
@given(st.sampled_from([2.5, 5, 10, 20, 100, 200]), st.sampled_from(["once daily", "once per day", "once a day"]))
def test_a_maximum_dose_at_most_once_a_day_is_the_days_maximum(amount, once):
    reading = read_text(f"{amount} mg (maximum recommended dose); the maximum recommended dosing frequency is {once}.")
    assert reading.complete and [(f.role, f.daily, f.times) for f in reading.facts] == [("maximum", amount, 1.0)]


def test_a_dose_not_said_to_be_the_maximum_or_a_frequency_alone_stays_unread():
    assert read_text("10 mg; the maximum recommended dosing frequency is once daily.").unread  # a starting dose?
    assert read_text("The maximum recommended dosing frequency is once per day.").unread  # no amount
    assert read_text("20 mg (maximum recommended dose); the maximum recommended dosing frequency is twice daily.").unread


def test_a_maximum_for_every_use_reads_across_its_commas():
    reading = read_text("The maximum recommended dose, as monotherapy or as adjunctive therapy with lithium or "
                        "valproate, is 80 mg per day.")
    assert reading.complete and [(f.role, f.daily) for f in reading.facts] == [("maximum", 80.0)]
    result = plan(mono("## Dosage\n#### Adults:\n- Initial: 20 mg orally once daily, as monotherapy or as adjunctive "
                       "therapy with lithium or valproate. Initial dose titration is not required.\n- Maximum: The "
                       "maximum recommended dose, as monotherapy or as adjunctive therapy with lithium or valproate, is "
                       "80 mg per day.\n"), Patient())
    assert result.recommended and result.max_daily_dose == 80 and result.steps[0].daily_dose == 20
    # one use only: a condition on the maximum, not read
    assert read_text("The maximum recommended dose, as adjunctive therapy with lithium, is 80 mg per day.").unread


def test_a_doses_circumstances_change_no_dose():
    for text, daily in (("0.25 mg to 0.5 mg orally once daily, preferably in the morning.", (0.25, 0.5)),
                        ("2.5 mg orally once daily before breakfast.", 2.5),
                        ("2.5 mg once daily with breakfast or the first main meal of the day.", 2.5),
                        ("5 mg to 40 mg once daily (dosage range).", (5, 40)),
                        ("10-20 mg per day as a single daily dose, adjusted according to blood pressure response.",
                         (10, 20)),
                        ("7.5 mg orally once daily for most patients.", 7.5),
                        ("2.5 to 5 mg orally once daily; in clinical studies the majority of patients required 5 mg.",
                         (2.5, 5)),
                        ("10-15 mg/day in divided doses (commonly used in clinical trials).", (10, 15))):
        assert only_dose(text).daily == daily, text
    assert read_text("2.5 mg orally once daily before breakfast and 2.5 mg at lunch.").unread
    assert read_text("2.5 to 5 mg once daily; in clinical studies most patients required 7.5 mg twice daily.").unread


@settings(deadline=None)
@given(st.sampled_from([100, 150, 200, 300]), st.sampled_from(["should not be used", "should not be given"]))
def test_doses_above_a_daily_amount_that_should_not_be_used_set_the_maximum(each, words):
    reading = read_text(f"{each} mg twice daily ({2 * each} mg/day), with at least 8 hours between successive doses; "
                        f"doses above {2 * each} mg/day {words}.")
    assert reading.complete
    assert [(f.role, f.daily) for f in reading.facts] == [("dose", 2 * each), ("maximum", 2 * each)]
    # no "per day": one administration or a day's total, not told — unread
    assert read_text(f"doses above {2 * each} mg {words}").unread


def test_a_course_limit_that_the_course_keeps_within_changes_nothing():
    steps = schedule("- Dosage: 1 g orally twice daily for 1 day, taken 12 hours apart.\n"
                     "- Duration: Do not exceed 1 day of treatment.\n")
    assert steps == [(1, 1, 2, 2, False)]
    # an ongoing dose with a limit: the limit is its end
    assert schedule("- Dosage: 250 mg orally once daily.\n- Duration: Do not exceed 5 days of therapy.\n") == \
        [(1, 5, 250, 1, False)]
    # a course longer than its limit: the words disagree — the duration stays unread and the course's end undated
    steps = schedule("- Dosage: 1 g orally twice daily for 3 days.\n- Duration: Do not exceed 1 day of treatment.\n")
    assert steps[0][1] == "not stated" and steps[-1][4]


def test_an_alternative_dosage_for_convenience_at_bedtime_joins_the_dose():
    assert schedule("- Dosage: 75 mg orally twice daily. An alternative dosage of 150 mg once daily after the evening "
                    "meal or at bedtime can be used for patients in whom dosing convenience is important.\n") == \
        [(1, None, 150, (1.0, 2.0), False)]


def test_none_at_one_time_of_day_leaves_the_other_dose():
    assert schedule("- Week 1: none in the morning, 12.5 mg orally in the evening (12.5 mg/day).\n"
                    "- Week 2: 12.5 mg morning and 12.5 mg evening (25 mg/day).\n") == \
        [(1, 7, 12.5, 1, False), (8, None, 25, 2, False)]
    # the daily total in parentheses must still agree
    assert read_text("none in the morning, 12.5 mg orally in the evening (25 mg/day)").unread


def test_the_recommended_total_daily_dose_is_a_dose_and_doses_that_improve_nothing_are_commentary():
    fact = only_dose("The recommended total daily dose is 150 mg/day administered in two divided doses.")
    assert (fact.daily, fact.times, fact.dose) == (150, 2, 75)
    fact = only_dose("100 to 200 mg/day in two divided doses. Doses above 200 mg/day (300 or 400 mg/day) have not "
                     "been shown to improve responses in dose-response studies in adults.")
    assert fact.daily == (100, 200)
    assert read_text("100 to 200 mg/day in two divided doses. Doses above 200 mg/day have been shown to improve "
                     "responses in some adults.").unread


def test_a_step_after_an_up_to_length_has_no_stated_start():
    steps = schedule("- Initial: 10 mg orally once daily for up to 2 weeks.\n- Maintenance: 20 mg orally once daily.\n")
    assert steps[0][:3] == (1, "not stated", 10)  # the increase may come sooner than day 15
    assert steps[1][0] is None
    steps = schedule("- Initial: 10 mg orally once daily for 2 weeks.\n- Maintenance: 20 mg orally once daily.\n")
    assert steps == [(1, 14, 10, 1, False), (15, None, 20, 1, False)]


def test_a_single_dose_on_a_days_label_ends_that_day():
    steps = schedule("- Day 1: 2 g orally as a single dose.\n- Day 2: 1 g orally as a single dose.\n")
    assert steps == [(1, 1, 2, 1, False), (2, 2, 1, 1, False)]  # no dose goes on after day 2
    # a titration table's last dose goes on, as before
    steps = schedule("- Day 1: 50 mg orally once daily.\n- Day 2: 100 mg orally once daily.\n")
    assert steps == [(1, 1, 50, 1, False), (2, None, 100, 1, False)]


def test_an_adults_bullet_with_bullets_under_it_stays_a_regimen():
    d = mono("## Dosage\n#### Adults:\n- Adults:\n    - Initial: 10 mg orally once daily.\n    - Maximum: 20 mg/day.\n")
    result = plan(d, Patient())
    assert result.recommended and result.steps[0].daily_dose == 10 and result.max_daily_dose == 20


def test_a_usual_dose_beside_an_indication_line_is_one_regimen():
    d = mono("## Dosage\n#### Adults:\n- Indication: Urinary tract infection.\n- Usual: 100 mg orally every 12 hours or "
             "200 mg orally every 24 hours, each for 10 days.\n")
    assert len(d.regimens) == 1
    assert plan(d, Patient()).steps[0].end_day == 10


# ---------------------------------------------------------------- a first day, then every day

@settings(deadline=None)
@given(st.sampled_from([200, 400, 500, 800]), st.sampled_from([100, 200, 250]), st.integers(3, 10),
       st.sampled_from(["on the first day", "on day 1"]), st.sampled_from([", then", ", followed by", " followed by"]))
def test_a_first_days_amount_then_a_daily_dose(first, then, last, words, joiner):
    steps = schedule(f"- Dosage: {first} mg orally {words}{joiner} {then} mg once daily on days 2 through {last}.\n")
    assert steps == [(1, 1, first, None, False), (2, last, then, 1, False)]  # how many doses on day 1: not stated
    steps = schedule(f"- Dosage: {first} mg {words}{joiner} {then} mg once daily.\n")
    assert steps == [(1, 1, first, None, False), (2, None, then, 1, False)]


def test_a_loading_dose_or_single_dose_on_day_one_then_a_daily_dose():
    assert schedule("- Dosage: A loading dose of 600 mg on day 1, then 300 mg once daily.\n") == \
        [(1, 1, 600, 1, False), (2, None, 300, 1, False)]
    assert schedule("- Dosage: 500 mg as a single dose on day 1, followed by 250 mg once daily on days 2 through 5.\n") \
        == [(1, 1, 500, 1, False), (2, 5, 250, 1, False)]


def test_a_first_day_that_does_not_lead_into_the_next_stays_unread():
    assert read_text("400-800 mg on day 1").unread  # a range on one day
    result = plan(mono("## Dosage\n#### Adults:\n- Dosage: 400 mg on the first day, then 200 mg once daily on days 3 "
                       "through 5.\n"), Patient())
    assert not result.recommended or any(s.unread for s in result.steps)  # day 2 is not accounted for


def test_consecutive_days_and_a_single_oral_dose():
    assert only_dose("250 mg orally three times daily for seven consecutive days").timing == ("for", 7)
    for text in ("150 mg as a single oral dose", "a single 150 mg oral dose", "a single 150 mg dose"):
        fact = only_dose(text)
        assert (fact.daily, fact.timing) == (150, ("for", 1)), text
    assert read_text("a single 150 mg oral dose for 3 consecutive days").unread


@settings(deadline=None)
@given(st.sampled_from([1, 50, 400, 4000]), st.sampled_from(["not to exceed", "do not exceed", "no more than",
                                                              "not more than", "the total daily dose should not exceed",
                                                              "doses should not exceed"]),
       st.sampled_from([" mg in 24 hours", " mg in any 24-hour period", " mg per day", " mg/day"]))
def test_a_maximum_in_24_hours_or_per_day(amount, words, per):
    text = f"{words} {amount}{per}"
    reading = read_text(text)
    assert reading.complete, text
    assert [(f.role, f.daily) for f in reading.facts] == [("maximum", amount)]


def test_a_bare_amount_after_no_more_than_stays_unread():
    assert read_text("no more than 600 mg").unread  # one administration or a day: not stated
    assert read_text("no more than 600 mg at a time").unread
    fact = [f for f in read_text("the total daily dose should not exceed a maximum of 80 mg daily (20 mg q.i.d.)").facts]
    assert [(f.role, f.daily, f.times) for f in fact] == [("maximum", 80, 4)]
    assert read_text("the total daily dose should not exceed a maximum of 80 mg daily (30 mg q.i.d.)").unread


def test_a_dose_starting_on_day_one_is_not_a_first_day_dose():
    # "starting on day 1" is from day 1 on: never read as that day's dose alone
    result = plan(mono("## Dosage\n#### Adults:\n- Dosage: 10 mg once daily starting on day 1, then 20 mg once daily.\n"),
                  Patient())
    assert not any(s.start_day == 1 and s.end_day == 1 and not s.unread for s in result.steps)


def test_a_first_day_dose_alone_is_that_day_only():
    for text in ("500 mg as a single dose on day 1", "500 mg orally on day 1", "A loading dose of 500 mg on day 1",
                 "500 mg as a loading dose"):
        steps = schedule(f"- Dosage: {text}.\n")
        assert [(s[0], s[1], s[2]) for s in steps] == [(1, 1, 500)], text  # never a daily dose that goes on
    assert schedule("- Day 1: 1500 mg as a loading dose.\n- Day 2 onward: 250 mg once daily.\n") == \
        [(1, 1, 1500, 1, False), (2, None, 250, 1, False)]
    # a first-day dose under another day's label: the words disagree
    result = plan(mono("## Dosage\n#### Adults:\n- Day 3: 1500 mg as a loading dose.\n"), Patient())
    assert not result.recommended
