"""Issue 11, round 11c: renal bands the blind corpus still refused. A band's target dose that the schedule's own
steps reach, with an unread bullet after them; a dose given after each dialysis session, which is no daily dose.
Each rule with a near miss that must stay unread (or refused)."""
from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from drugref.dosing import Patient, plan
from drugref.dosing.bands import read_guidance
from test_dosing_renal9 import crcl, dosing, titrate_json
from test_dosing_renal10 import bullets, monograph

# ---------------------------------------------------------------- a target the schedule reaches, unread words after it

# memantine's shape: a weekly titration, then a maintenance bullet this tool does not read
WEEKLY = ("- Initial: 5 mg orally once daily.\n"
          "- Titration: The dose should be increased in 5 mg increments to 10 mg/day (5 mg twice a day), 15 mg/day "
          "(5 mg and 10 mg as separate doses), and 20 mg/day (10 mg twice a day). The minimum recommended interval "
          "between dose increases is one week.\n"
          "- Maintenance: The recommended target dose is 20 mg/day (10 mg twice a day) after a trial period judged by "
          "the caregiver.\n")  # (memantine's own words are read since round 11: these stay unread)


def target(dose: str) -> str:
    return monograph(WEEKLY, bullets("Creatinine clearance 30 to 80 mL/min: No dosage adjustment is recommended.",
                                     f"Creatinine clearance of 5 to 29 mL/min: A target dose of {dose} is recommended."))


def test_the_standard_schedule_reads_up_to_its_unread_maintenance_bullet() -> None:
    standard = plan(dosing(target("5 mg BID")))
    assert [s.daily_dose for s in standard.steps if not s.unread] == [5, 10, 15, 20]
    assert standard.steps[-1].unread  # the precondition of these tests: the maintenance bullet stays unread


def test_a_band_target_the_schedule_reaches_stops_its_steps_there_though_later_words_are_unread() -> None:
    p = plan(dosing(target("5 mg BID")), crcl(20))
    assert p.recommended is True, p.refused
    assert [(s.start_day, s.end_day, s.daily_dose, s.times_per_day) for s in p.steps] == [(1, 7, 5, 1), (8, None, 10, 2)]
    assert p.max_daily_dose is None  # the band states a target, no maximum
    # the unread bullet's words are still shown; none of its numbers is used
    assert any("recommended target dose is 20 mg/day" in words for _, _, words in p.shown_text)


def test_a_band_target_no_step_reaches_stays_refused() -> None:
    # near miss: 12 mg/day is no step of the schedule (5, 10, 15, 20): where to start and stop is not stated
    p = plan(dosing(target("6 mg BID")), crcl(20))
    assert p.recommended is None and p.steps == ()


def test_a_band_target_at_a_step_given_another_way_stays_refused() -> None:
    # near miss: 10 mg once daily is not the schedule's 5 mg twice a day
    p = plan(dosing(target("10 mg once daily")), crcl(20))
    assert p.recommended is None


def test_an_unread_step_before_the_target_keeps_the_band_refused() -> None:
    # (the maintenance words must stay unread: a trial-period clause the grammar does not know)
    adults = ("- Initial: 5 mg orally once daily for one week.\n"
              "- Maintenance: The recommended target dose is 20 mg/day after a trial period judged by the caregiver.\n"
              "- Week 3: 10 mg once daily.\n")
    text = monograph(adults, bullets("Creatinine clearance of 5 to 29 mL/min: A target dose of 10 mg once daily is "
                                     "recommended."))
    assert dosing(text).regimens[0].steps[1].unread
    p = plan(dosing(text), crcl(20))
    assert p.recommended is None


@given(st.integers(min_value=5, max_value=80))
def test_every_clearance_gets_its_own_band_and_no_other(value: int) -> None:
    p = plan(dosing(target("5 mg BID")), crcl(value))
    assert p.recommended is True
    want = [5, 10] if value <= 29 else [5, 10, 15, 20]
    assert [s.daily_dose for s in p.steps if not s.unread] == want


def test_titrate_stops_at_the_band_target_through_the_cli(tmp_path: Path) -> None:
    code, answer = titrate_json(tmp_path, target("5 mg BID"), "--crcl", "20")
    assert code == 0 and answer["recommended"] is True
    steps = answer["steps"]
    assert isinstance(steps, list) and [s["daily_dose"] for s in steps] == [5, 10]
    assert answer["max_daily_dose"] is None


# ---------------------------------------------------------------- a table with one dose column per indication or phase

TWO_REGIMENS = ("##### **Treatment of retinitis**\n- Induction: 900 mg twice a day for 21 days.\n"
                "- Maintenance: Following induction treatment, or in patients with inactive retinitis, 900 mg once a "
                "day.\n\n##### **Prevention of disease after transplant**\n- Dose: 900 mg once a day.\n\n")


def by_column(header: str, low_row: str = "450 mg twice daily | 450 mg once daily") -> str:
    table = (f"\n\n| CrCl (mL/min) | {header} |\n|---|---|---|\n| ≥ 60 | 900 mg twice daily | 900 mg once daily |\n"
             f"| 40 to 59 | {low_row} |\n| 10 to 39 | 450 mg every 2 days | 450 mg twice weekly |\n"
             "| < 10 (on hemodialysis) | not recommended | not recommended |\n")
    return monograph(TWO_REGIMENS, table)


def test_a_column_named_for_an_indication_is_that_indication_s_band() -> None:
    d = dosing(by_column("Induction Dose | Maintenance/Prevention Dose"))
    p = plan(d, crcl(50), "Prevention")
    assert p.recommended is True, p.refused
    assert [(s.start_day, s.daily_dose, s.times_per_day) for s in p.steps if not s.unread] == [(1, 450, 1)]
    assert plan(d, crcl(80), "Prevention").steps[0].daily_dose == 900  # the >= 60 row is the standard dose
    assert plan(d, crcl(20), "Prevention").recommended is None  # "twice weekly" is no daily dose: unread
    assert plan(d, Patient(dialysis="hd"), "Prevention").recommended is False


def test_a_regimen_no_column_names_gets_none_of_the_table_s_bands() -> None:
    # "Treatment of retinitis" is neither "induction", "maintenance" nor "prevention": its two phases are not mapped
    p = plan(dosing(by_column("Induction Dose | Maintenance/Prevention Dose")), crcl(50), "Treatment of retinitis")
    assert p.recommended is None and "none of its groups" in (p.refused or "")


def test_columns_named_only_by_phase_keep_their_joined_reading() -> None:
    # near miss: "Initial Dose | Maintenance Dose" name no indication: each row's two cells are one band's words
    d = dosing(by_column("Initial Dose | Maintenance Dose"))
    assert all(b.group is None for b in d.bands)


@given(st.sampled_from([150, 200, 300, 450, 600]), st.sampled_from(["once daily", "twice daily"]))
def test_any_dose_in_the_named_column_is_the_prevention_dose(amount: int, how: str) -> None:
    text = by_column("Induction Dose | Maintenance/Prevention Dose", f"{amount} mg twice daily | {amount} mg {how}")
    p = plan(dosing(text), crcl(45), "Prevention")
    times = 1 if how == "once daily" else 2
    if amount * times > 900:  # above the standard 900 mg/day: a band never starts a patient above it
        assert p.recommended is None
        return
    assert p.recommended is True
    assert (p.steps[0].dose, p.steps[0].times_per_day, p.steps[0].daily_dose) == (amount, times, amount * times)


def test_titrate_gives_the_prevention_column_through_the_cli(tmp_path: Path) -> None:
    text = by_column("Induction Dose | Maintenance/Prevention Dose")
    code, answer = titrate_json(tmp_path, text, "--crcl", "50", "--indication", "Prevention")
    assert code == 0 and answer["recommended"] is True
    steps = answer["steps"]
    assert isinstance(steps, list) and steps[0]["daily_dose"] == 450


# ---------------------------------------------------------------- "the maximum dosage should not exceed 50 mg/day"

@given(st.sampled_from(["dosage", "dose", "daily dose", "recommended dosage"]), st.integers(min_value=1, max_value=400),
       st.sampled_from([("mg/day", None), ("mg per day", None), ("mg once daily", 1.0), ("mg twice daily", 2.0)]))
def test_a_maximum_that_should_not_be_exceeded_is_the_band_s_maximum(noun: str, amount: int,
                                                                      unit: tuple[str, float | None]) -> None:
    words, times = unit
    g = read_guidance(f"the maximum {noun} should not exceed {amount} {words}.")
    assert g.action == "adjust"
    assert g.max_daily_dose == amount * (times or 1) and g.max_times_per_day == times
    assert g.daily_dose is None and g.initial_daily_dose is None


def test_a_bare_amount_that_should_not_be_exceeded_stays_unread() -> None:
    # near miss: "50 mg" alone may be one administration, not a day's total
    assert read_guidance("the maximum dosage should not exceed 50 mg.").action == "unread"


STEPPED = "- Initial: 30 mg once daily for one week.\n- Week 2: 50 mg once daily.\n- Week 3: 70 mg once daily.\n"


def test_a_band_maximum_caps_a_schedule_read_to_its_end() -> None:
    text = monograph(STEPPED, bullets("Creatinine clearance 15 to < 30 mL/min: the maximum dosage should not exceed "
                                      "50 mg/day."))
    p = plan(dosing(text), crcl(20))
    assert p.recommended is True and p.max_daily_dose == 50
    assert max(s.daily_dose for s in p.steps if isinstance(s.daily_dose, float)) == 50


def test_a_band_maximum_above_where_the_read_steps_stop_is_refused() -> None:
    # lisdexamfetamine's shape: 30 mg, then increases this tool does not read up to 70 mg; a band cap of 50 mg/day leaves
    # the doses from 30 to 50 mg/day this patient's too — the 30 mg step is no dose to stop at
    adults = ("- Initial: 30 mg once daily in the morning.\n"
              "- Titration: Dosage may be adjusted in increments of 10 mg or 20 mg at approximately weekly intervals up "
              "to maximum recommended dosage of 70 mg once daily.\n- Maximum: 70 mg once daily.\n")
    text = monograph(adults, bullets("Creatinine clearance 15 to < 30 mL/min: the maximum dosage should not exceed "
                                     "50 mg/day.", "Creatinine clearance < 15 mL/min: the maximum recommended dosage is "
                                     "30 mg/day."))
    assert any(s.unread for s in dosing(text).regimens[0].steps)  # the precondition: the titration stays unread
    assert plan(dosing(text), crcl(20)).recommended is None
    low = plan(dosing(text), crcl(10))  # the cap at the last read dose: nothing between is left uncomputed
    assert low.recommended is True and low.max_daily_dose == 30


def test_titrate_caps_at_the_band_maximum_through_the_cli(tmp_path: Path) -> None:
    text = monograph(STEPPED, bullets("Creatinine clearance 15 to < 30 mL/min: the maximum dosage should not exceed "
                                      "50 mg/day."))
    code, answer = titrate_json(tmp_path, text, "--crcl", "20")
    assert code == 0 and answer["max_daily_dose"] == 50
