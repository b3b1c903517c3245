"""Renal band shapes the reader learned in issue 11's sixth round (band labels and band guidance), each with a
sentence written for the test (another drug, other numbers) and a near miss that must stay unread: a refusal,
never a number."""
from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from drugref.cli import app
from drugref.dosing import Dosing, Patient, Plan, plan, read_dosing
from drugref.dosing.bands import read_band, read_guidance, read_interval
from drugref.monograph import parse_text


def mono(body: str, title: str = "Exampledrug") -> Dosing:
    return read_dosing(parse_text(f"---\ntitle: {title}\n---\n{body}", "t.md"))


def crcl(value: float, dialysis: str | None = None) -> Patient:
    return Patient(crcl_ml_min=None if dialysis else value, crcl_source="given", dialysis=dialysis)


def renal(*bands: str, adults: str = "- Dose: 40 mg orally twice daily for 14 days.\n- Week 3 onward: 40 mg orally "
                                     "twice daily.\n") -> str:
    lines = "".join(f"    - {band}\n" for band in bands)
    return (f"## Dosage\n#### Adults:\n{adults}#### Special Cases:\n- **Patients with Renal Impairment**:\n{lines}")


def titrate(tmp_path: Path, text: str, *args: str) -> tuple[int, str]:
    (tmp_path / "exampledrug.md").write_text(f"---\ntitle: Exampledrug\n---\n# Exampledrug\n\n{text}")
    result = CliRunner().invoke(app, ["titrate", "exampledrug", *args], env={"DRUGREF_MONOGRAPHS": str(tmp_path)})
    return result.exit_code, result.output


def table_monograph(adults: str, table: str) -> str:
    """A monograph with these adult bullets and a renal table under the renal heading."""
    return f"## Dosage\n#### Adults:\n{adults}#### Special Cases:\n- **Patients with Renal Impairment**:\n\n{table}"


def plan_and_titrate(tmp_path: Path, text: str, value: float, *args: str) -> tuple[Plan, int, str]:
    """The plan for CrCl `value` through the library, and `titrate --crcl value` through the CLI."""
    code, output = titrate(tmp_path, text, "--crcl", f"{value:g}", *args)
    return plan(mono(text), crcl(value)), code, output


# ---------------------------------------------------------------- labels

def test_a_list_of_three_degrees_is_their_union() -> None:
    label = ("Mild (CLcr = 55-85 mL/min), moderate (CLcr = 35-55 mL/min), or severe (CLcr < 35 mL/min) renal "
             "impairment")
    assert read_interval(label) == (0.0, 85.0, True, True, "crcl")
    assert read_interval("mild (CrCl 60-90), moderate (CrCl 30-59) and severe (CrCl 15-29)") == \
        (15.0, 90.0, True, True, "crcl")


def test_a_list_of_degrees_with_a_gap_or_another_joining_word_stays_unread() -> None:
    assert read_interval("Mild (CLcr 60-80 mL/min), moderate (CLcr 40-50 mL/min), or severe (CLcr < 30 mL/min)") is None
    assert read_interval("Mild (CLcr 50-80 mL/min), moderate (CLcr 30-50 mL/min) with severe (CLcr < 30 mL/min)") is None
    assert read_interval("Mild (CLcr 50-80 mL/min), moderate (CLcr 30-50 mL/min), or dialysis (CLcr < 30)") is None


@given(st.integers(min_value=5, max_value=60), st.integers(min_value=1, max_value=60), st.booleans(), st.booleans())
def test_the_measure_written_between_its_bounds(low: int, width: int, low_inclusive: bool, high_inclusive: bool) -> None:
    high = low + width
    first, second = "≤" if low_inclusive else "<", "≤" if high_inclusive else "<"
    assert read_interval(f"{low} {first}CLcr {second} {high} mL/min") == (low, high, low_inclusive, high_inclusive,
                                                                          "crcl")
    assert read_interval(f"{low} {first} eGFR {second}{high} mL/min/1.73 m2") == (
        low, high, low_inclusive, high_inclusive, "egfr")


def test_the_measure_between_bounds_inside_two_degrees() -> None:
    label = "Mild-moderate (40 ≤CLcr < 80 mL/min) or moderate-severe (15 ≤CLcr < 40 mL/min) renal impairment"
    assert read_interval(label) == (15.0, 80.0, True, False, "crcl")
    assert read_interval("80 > CLcr > 40 mL/min") is None  # bounds written high to low: not this shape


def test_dialysis_patients_with_their_clearance_in_parentheses() -> None:
    assert read_interval("Patients on hemodialysis (creatinine clearance less than 8 mL/min)") == ("dialysis", ("hd",))
    assert read_interval("Patients on dialysis (creatinine clearance 8 mL/min)") is None  # no bound: a point


def test_a_band_listing_three_degrees_gives_its_verdict_at_every_crcl_it_covers(tmp_path: Path) -> None:
    text = renal("Mild (CLcr = 55-85 mL/min), moderate (CLcr = 35-55 mL/min), or severe (CLcr < 35 mL/min) renal "
                 "impairment: no dose adjustment is required.",
                 "Patients on dialysis: do not use.")
    d = mono(text)
    for value in (5, 34.5, 55, 85, 100):
        p = plan(d, crcl(value))
        assert p.recommended is True and p.steps[-1].daily_dose == 80, (value, p.refused)
    assert plan(d, crcl(8, "hd")).recommended is False
    code, output = titrate(tmp_path, text, "--crcl", "20", "--json")
    assert code == 0 and json.loads(output)["recommended"] is True


# ---------------------------------------------------------------- guidance

def test_the_bands_own_dose_after_reduce_to() -> None:
    for words in ("a dose reduction to 50 mg once a day is recommended.",
                  "the dose should be reduced to 50 mg once daily, taken with a meal.",
                  "Dosage should be reduced to 50 mg once daily."):
        g = read_guidance(words)
        assert (g.action, g.daily_dose, g.times_per_day) == ("adjust", 50.0, 1.0), words


def test_reduce_to_without_a_frequency_or_with_a_condition_stays_unread() -> None:
    assert read_guidance("the dose should be reduced to 50 mg.").action == "unread"
    assert read_guidance("the dose should be reduced to 50 mg once daily if tolerated poorly.").action == "unread"


def test_an_initial_dose_of_with_its_frequency() -> None:
    g = read_guidance("an initial dose of 222 mg three times daily is recommended.")
    assert (g.action, g.initial_daily_dose, g.initial_times) == ("adjust", 666.0, 3.0)
    assert read_guidance("an initial dose of 222 mg three times daily may be needed in some").action == "unread"


def test_an_initial_dose_which_may_be_increased_to_a_maximum() -> None:
    g = read_guidance("The recommended initial dose is 2 mg once daily, which may be increased to a maximum of 4 mg "
                      "once daily after clinical reassessment.")
    assert (g.initial_daily_dose, g.max_daily_dose) == (2.0, 4.0)
    assert read_guidance("The recommended initial dose is 2 mg once daily, which may be increased to a maximum of 4 "
                         "mg once daily after a drug level.").action == "unread"


def test_the_usual_regimen_and_a_part_of_it() -> None:
    assert read_guidance("The usual regimen").action == "none"
    assert read_guidance("no adjustment in dosing required.").action == "none"
    half = read_guidance("One-half the usual regimen")
    assert (half.scale, half.scale_what) == (0.5, "dose")
    assert read_guidance("40% of standard").scale == 0.4
    assert read_guidance("One-half the usual regimen twice").action == "unread"


def test_a_steady_state_remark_beside_the_guidance_changes_nothing() -> None:
    g = read_guidance("One-half of the usual adult dose is recommended. Such patients will require a longer time to "
                      "reach steady-state at each dose.")
    assert (g.action, g.scale) == ("adjust", 0.5)
    assert read_guidance("Such patients will require a longer time to reach steady-state.").action == "unread"
    assert read_guidance("Such patients will require a longer time to reach a therapeutic level.").action == "unread"


def test_safety_and_efficacy_not_established_beside_do_not_use() -> None:
    assert read_guidance("safety and efficacy not established; do not use.").action == "not-recommended"
    assert read_guidance("safety and efficacy not established.").action == "unread"  # no verdict of its own


# ---------------------------------------------------------------- the standard dose at a longer interval

def test_the_standard_dose_given_less_often() -> None:
    text = renal("CrCl 30 mL/min or more: no dosage adjustment.",
                 "CrCl 10 to <30 mL/min: Standard individual dose given every 24 hours.",
                 "CrCl <10 mL/min: Standard individual dose given every 48 hours.")
    d = mono(text)
    mid = plan(d, crcl(20))
    assert mid.recommended is True
    assert [(s.dose, s.times_per_day, s.daily_dose) for s in mid.steps] == [(40.0, 1.0, 40.0), (40.0, 1.0, 40.0)]
    assert mid.steps[0].end_day == 14 and mid.max_daily_dose is None
    low = plan(d, crcl(5))
    assert [(s.dose, s.daily_dose) for s in low.steps] == [(40.0, 20.0), (40.0, 20.0)]
    assert plan(d, crcl(50)).steps == plan(d, Patient()).steps


def test_an_interval_band_never_makes_a_dose_more_frequent_nor_guesses_a_dose() -> None:
    shorter = mono(renal("CrCl <30 mL/min: the usual dose every 8 hours."))
    assert plan(shorter, crcl(20)).recommended is None
    unstated = mono(renal("CrCl <30 mL/min: the usual dose every 48 hours.",
                          adults="- Dose: 1 to 2 g per day in divided doses.\n"))
    assert plan(unstated, crcl(20)).recommended is None
    inexact = mono(renal("CrCl <30 mL/min: the usual dose every 72 hours.", adults="- Dose: 50 mg once daily.\n"))
    assert plan(inexact, crcl(20)).recommended is None  # 16.667 mg/day is no number to show
    with_max = mono(renal("CrCl <30 mL/min: the usual dose every 48 hours.",
                          adults="- Dose: 50 mg once daily.\n- Maximum: 100 mg/day.\n"))
    assert plan(with_max, crcl(20)).recommended is None  # the maximum at the longer interval is not stated


def test_a_table_whose_interval_column_names_the_dose(tmp_path: Path) -> None:
    text = table_monograph("- Dose: 200 mg orally once daily.\n",
                           "| Creatinine Clearance (mL/min) | Recommended 200 mg Dosing Interval |\n|---|---|\n"
                           "| ≥50 | Every 24 hours |\n| 30–49 | Every 48 hours |\n| 10–29 | Every 72 to 96 hours |\n")
    d = mono(text)
    p = plan(d, crcl(40))
    assert p.recommended is True and (p.steps[-1].daily_dose, p.steps[-1].times_per_day) == (100.0, 0.5)
    assert plan(d, crcl(80)).steps == plan(d, Patient()).steps
    assert plan(d, crcl(20)).recommended is None  # every 72 to 96 hours: no single daily dose
    code, output = titrate(tmp_path, text, "--crcl", "40", "--json")
    assert code == 0, output
    assert json.loads(output)["steps"][-1]["daily_dose"] == 100.0
    code, output = titrate(tmp_path, text, "--crcl", "20")
    assert code == 1 and "Every 72 to 96 hours" in output
    # the same column without the dose in its name: an interval of no stated dose stays unread
    assert plan(mono(text.replace("Recommended 200 mg Dosing Interval", "Dosing Interval")), crcl(40)).recommended is None


def test_titrate_shows_the_standard_dose_at_the_band_interval(tmp_path: Path) -> None:
    text = renal("CrCl 30 mL/min or more: no dosage adjustment.",
                 "CrCl 10 to <30 mL/min: Standard individual dose given every 24 hours.")
    code, output = titrate(tmp_path, text, "--crcl", "20", "--json")
    assert code == 0, output
    data = json.loads(output)
    assert [s["daily_dose"] for s in data["steps"]] == [40.0, 40.0]
    code, output = titrate(tmp_path, text, "--crcl", "20")
    assert code == 0 and "40 mg × 1 a day = 40 mg/day" in output


# ---------------------------------------------------------------- a first day's dose, then another

def test_a_first_days_dose_then_the_bands_own() -> None:
    g = read_guidance("300 mg 1st day and 150 mg each day thereafter")
    assert (g.initial_daily_dose, g.daily_dose, g.times_per_day) == (300.0, 150.0, 1.0)
    g = read_guidance("300 mg 1st day followed by 150 mg on alternate days")
    assert (g.initial_daily_dose, g.daily_dose, g.times_per_day) == (300.0, 75.0, 0.5)
    assert read_guidance("300 mg 1st day and 150 mg").action == "unread"  # no frequency after the first day
    assert read_guidance("300 mg every 7 days").action == "unread"  # 42.857 mg/day is no number to show


def test_titrate_gives_the_first_day_then_the_daily_dose(tmp_path: Path) -> None:
    text = table_monograph("- Usual dose: 150 mg twice a day.\n",
                           "| Creatinine clearance (mL/min) | Dosage |\n|---|---|\n| 50 or greater | No dosage adjustment |\n"
                           "| 30 to 49 | 300 mg 1st day and 150 mg each day thereafter |\n| <30 | 300 mg every 7 days |\n")
    p, code, output = plan_and_titrate(tmp_path, text, 40, "--json")
    assert [(s.daily_dose, s.times_per_day) for s in p.steps] == [(300.0, 1.0), (150.0, 1.0)]
    assert p.max_daily_dose is None
    assert code == 0 and [s["daily_dose"] for s in json.loads(output)["steps"]] == [300.0, 150.0]
    code, output = titrate(tmp_path, text, "--crcl", "20")
    assert code == 1 and "300 mg every 7 days" in output


# ---------------------------------------------------------------- one column per normal-function dose

TWO_DOSES = ("## Dosage\n#### Adults:\n##### Usual patients\n- Dose: 2 mg orally once daily (adults and adolescents 16 "
             "years of age and older).\n##### Resistant infection\n- Dose: 4 mg orally once daily.\n"
             "#### Special Cases:\n- **Patients with Renal Impairment**:\n\n"
             "| Creatinine Clearance (mL/min) | Usual Dose (2 mg) | Resistant Infection (4 mg) |\n|---|---|---|\n"
             "| 50 or greater | 2 mg once daily | 4 mg once daily |\n"
             "| 30 to less than 50 | 1 mg once daily OR 2 mg every 48 hours | 2 mg once daily OR 4 mg every 48 hours |\n"
             "| less than 30 | 0.6 mg once daily OR 2 mg every 72 hours | 1.2 mg once daily OR 4 mg every 72 hours |\n")


def test_each_column_is_the_regimen_with_its_dose() -> None:
    d = mono(TWO_DOSES)
    usual = plan(d, crcl(40), "Usual patients")
    assert usual.recommended is True and usual.steps[-1].daily_dose == 1.0
    assert plan(d, crcl(40), "Resistant infection").steps[-1].daily_dose == 2.0
    assert plan(d, crcl(80), "Usual patients").steps == plan(d, Patient(), "Usual patients").steps
    # 0.6 mg once daily or 2 mg every 72 hours (0.667 mg/day): two different daily doses, no single number
    assert plan(d, crcl(20), "Usual patients").recommended is None


def test_a_column_dose_no_regimen_gives_is_refused() -> None:
    d = mono(TWO_DOSES.replace("(4 mg) |", "(5 mg) |"))
    p = plan(d, crcl(40), "Resistant infection")
    assert p.recommended is None and "none of its regimens" in (p.refused or "")


# ---------------------------------------------------------------- clearance or the serum creatinine it comes from

def test_a_clearance_or_an_elevated_serum_creatinine() -> None:
    label = ("Anuria, oliguria, or significant impairment of renal function (creatinine clearance under 45 mL per "
             "minute or clinically significant elevated serum creatinine)")
    assert read_interval(label) == (0.0, 45.0, True, False, "crcl")
    assert read_interval("CrCl <45 mL/min or serum creatinine >2.5 mg/dL") is None  # a second number: not read
    assert read_interval("elevated serum creatinine") is None


def test_titrate_refuses_the_contraindicated_clearance(tmp_path: Path) -> None:
    text = renal("Anuria, oliguria, or significant impairment of renal function (creatinine clearance under 45 mL "
                 "per minute or clinically significant elevated serum creatinine): Contraindicated.")
    d = mono(text)
    assert plan(d, crcl(44)).recommended is False
    assert plan(d, crcl(60)).recommended is None  # the label is silent between 45 and normal function
    code, output = titrate(tmp_path, text, "--crcl", "30")
    assert code == 1 and "NOT RECOMMENDED" in output


# ---------------------------------------------------------------- a maximum, or no adjustment, in other words

def test_limit_the_dosage_and_the_maintenance_dose_should_not_exceed() -> None:
    for words in ("Limit the dosage to 30 mg once daily.", "The maintenance dose should not exceed 30 mg once daily."):
        g = read_guidance(words)
        assert (g.action, g.max_daily_dose, g.max_times_per_day) == ("adjust", 30.0, 1.0), words
    assert read_guidance("Limit the dosage to 30 mg once daily in some patients.").action == "unread"
    assert read_guidance("The loading dose should not exceed 30 mg.").action == "unread"


def test_usual_dosage_and_adjustment_not_recommended_change_nothing() -> None:
    for words in ("Usual dosage.", "Dose adjustment is not recommended.", "Dosage adjustment is not recommended."):
        assert read_guidance(words).action == "none", words
    assert read_guidance("Dose adjustment is not recommended below 10 mL/min.").action == "unread"
    assert read_guidance("One-half of the usual dosage").scale == 0.5


def test_titrate_caps_the_maintenance_dose(tmp_path: Path) -> None:
    text = renal("Mild (CrCl 60-89 mL/min): Dose adjustment is not recommended.",
                 "Moderate (CrCl 30-59 mL/min): The maintenance dose should not exceed 40 mg once daily.",
                 adults="- Initial: 20 mg orally once daily for 2 days.\n- Day 3 onward: 60 mg orally once daily.\n")
    d = mono(text)
    p = plan(d, crcl(40))
    assert p.max_daily_dose == 40.0 and [s.daily_dose for s in p.steps] == [20.0, 40.0]
    assert plan(d, crcl(70)).steps == plan(d, Patient()).steps
    code, output = titrate(tmp_path, text, "--crcl", "40", "--json")
    assert code == 0 and json.loads(output)["max_daily_dose"] == 40.0


# ---------------------------------------------------------------- end-stage disease and dialysis beside a range

@given(st.integers(min_value=10, max_value=60), st.sampled_from(["or ESRD", "and end-stage renal disease",
                                                                  "or end-stage renal disease (ESRD)"]))
def test_end_stage_disease_beside_a_range_that_reaches_zero(n: int, words: str) -> None:
    band, _ = read_band(f"Severe renal impairment (CrCl <{n} mL/min) {words}", "not recommended", 1)
    assert band is not None and (band.low, band.high, band.dialysis) == (0.0, n, ())
    band, _ = read_band(f"CrCl {n - 5}-{n} mL/min {words}", "not recommended", 1)
    assert band is None  # end-stage disease is not in a band that stops above zero


def test_dialysis_patients_included_in_a_band() -> None:
    for label, kinds in (("Severe renal impairment (CrCl <25 mL/min) including patients on dialysis", ("hd", "pd", "crrt")),
                         ("CrCl <25 mL/min, including patients on hemodialysis", ("hd",)),
                         ("eGFR <25 mL/min/1.73 m2 (including dialysis)", ("hd", "pd", "crrt"))):
        band, _ = read_band(label, "not recommended", 1)
        assert band is not None and (band.high, band.dialysis) == (25.0, kinds), label
    band, _ = read_band("CrCl <25 mL/min (including patients on dialysis", "not recommended", 1)
    assert band is None  # an unclosed parenthesis is not this shape


def test_end_stage_disease_named_before_its_clearance(tmp_path: Path) -> None:
    assert read_interval("End-stage renal disease (ESRD; CrCl <12 mL/min)") == (0.0, 12.0, True, False, "crcl")
    text = renal("CrCl 12 mL/min or more: no dosage adjustment.",
                 "End-stage renal disease (ESRD; CrCl <12 mL/min): not recommended.")
    code, output = titrate(tmp_path, text, "--crcl", "8")
    assert code == 1 and "NOT RECOMMENDED" in output


# ---------------------------------------------------------------- a dose named before a colon, and other openings

def test_a_dose_named_before_a_colon() -> None:
    g = read_guidance("Initial dose: 1.5 mg once daily. Maximum dose: 3 mg once daily.")
    assert (g.initial_daily_dose, g.max_daily_dose) == (1.5, 3.0)
    g = read_guidance("Recommended dosage: 125 mg every 12 hours.")
    assert (g.daily_dose, g.times_per_day) == (250.0, 2.0)
    assert read_guidance("Maximum dose: the usual").action == "unread"
    assert read_guidance("Loading dose: 125 mg").action == "unread"


def test_initiate_with_then_titrate_to_a_maximum() -> None:
    g = read_guidance("Initiate with 7.5 mg once daily; titrate to a maximum of 15 mg once daily.")
    assert (g.daily_dose, g.max_daily_dose) == (7.5, 15.0)
    assert read_guidance("0.25 mg once daily is the recommended dose.").daily_dose == 0.25
    assert read_guidance("Initiate with 7.5 mg once daily; titrate slowly to a maximum of 15 mg.").action == "unread"


# ---------------------------------------------------------------- one sentence under the renal heading

def test_a_single_no_adjustment_sentence_covers_every_clearance(tmp_path: Path) -> None:
    text = renal("No dose adjustment recommended.")
    d = mono(text)
    for value in (5, 29, 60, 120):
        p = plan(d, crcl(value))
        assert p.recommended is True and p.steps == plan(d, Patient()).steps, value
    code, output = titrate(tmp_path, text, "--crcl", "12", "--json")
    assert code == 0 and json.loads(output)["recommended"] is True


def test_a_single_sentence_that_is_not_a_verdict_still_refuses() -> None:
    d = mono(renal("Dose adjustment may be needed."))
    assert plan(d, crcl(20)).recommended is None
    two = mono(renal("No dose adjustment recommended.", "Use with caution in severe impairment."))
    assert plan(two, crcl(20)).recommended is None  # one of two sentences is no band of every clearance


# ---------------------------------------------------------------- safety of the new readings

@given(st.integers(min_value=101, max_value=400))
def test_a_part_of_the_dose_above_the_whole_stays_unread(percent: int) -> None:
    assert read_guidance(f"{percent}% of the usual dose").action == "unread"
    assert read_guidance(f"Reduce the dose by {percent}%").action == "unread"


@given(st.integers(min_value=1, max_value=99))
def test_a_part_of_the_standard_dose(percent: int) -> None:
    g = read_guidance(f"{percent}% of standard")
    assert g.action == "adjust" and g.scale == round(percent / 100, 6)


def test_an_interval_band_refuses_beside_a_conditional_increase() -> None:
    d = mono(renal("CrCl <30 mL/min: the usual dose every 24 hours.",
                   adults="- Dose: 50 mg orally twice daily.\n- Titration: may increase to 100 mg twice daily.\n"))
    assert d.regimens[0].options  # the increase is an option: its frequency would need the band's change too
    p = plan(d, crcl(20))
    assert p.recommended is None and "conditional increases" in (p.refused or "")


# ---------------------------------------------------------------- a percent column; a dose and its ceiling

def test_a_percent_of_the_recommended_dose_column() -> None:
    text = table_monograph("- Dose: 80 mg orally once daily.\n",
                           "| Creatinine Clearance (mL/min) | Percent of Recommended Dose |\n|---|---|\n"
                           "| >40 | 100% |\n| ≤40 (no dialysis) | 50% |\n")
    d = mono(text)
    assert plan(d, crcl(60)).steps == plan(d, Patient()).steps
    low = plan(d, crcl(20))
    assert low.recommended is True and low.steps[-1].daily_dose == 40.0
    assert read_guidance("100% of the usual dose").action == "none"


def test_a_percent_cell_under_another_header_stays_unread() -> None:
    text = table_monograph("- Dose: 80 mg orally once daily.\n",
                           "| Creatinine Clearance (mL/min) | Bioavailability |\n|---|---|\n| >40 | 100% |\n| ≤40 | 50% |\n")
    assert plan(mono(text), crcl(20)).recommended is None


def test_a_starting_dose_and_should_not_exceed(tmp_path: Path) -> None:
    g = read_guidance("the recommended starting dosage is 2.5 mg once daily and should not exceed 7.5 mg once daily.")
    assert (g.initial_daily_dose, g.max_daily_dose) == (2.5, 7.5)
    assert read_guidance("2.5 mg and should not exceed 7.5 mg").action == "unread"
    text = renal("CrCl 30 mL/min or more: no dosage adjustment.",
                 "CrCl <30 mL/min: the recommended starting dosage is 20 mg once daily and should not exceed 40 mg "
                 "once daily.")
    code, output = titrate(tmp_path, text, "--crcl", "20", "--json")
    assert code == 0 and json.loads(output)["max_daily_dose"] == 40.0


# ---------------------------------------------------------------- more ways to say a dose, a part of it, or a verdict

def test_more_reduce_and_give_openings() -> None:
    assert read_guidance("Reduce the dosage to 40% of the normal dose.").scale == 0.4
    assert read_guidance("Reduce the dosage to one-half the usual dose.").scale == 0.5
    g = read_guidance("The daily dose should be reduced by 25%.")
    assert (g.scale, g.scale_what) == (0.75, "daily")
    g = read_guidance("Administer 7.5 mg once daily.")
    assert (g.daily_dose, g.times_per_day) == (7.5, 1.0)
    assert read_guidance("Do not exceed a dose of 7.5 mg once daily.").max_daily_dose == 7.5
    assert read_guidance("The dose should be reduced by 25% if needed.").action == "unread"


def test_the_drug_named_as_not_recommended_but_never_a_word_about_dosing() -> None:
    assert read_guidance("Exampledrug is not recommended.").action == "not-recommended"
    assert read_guidance("Should not be administered.").action == "not-recommended"
    for words in ("Supplementation is not recommended.", "Titration is not recommended.", "Dosing is not recommended.",
                  "Tablets are not recommended.", "Extended-release is not recommended."):
        assert read_guidance(words).action == "unread", words
    assert read_guidance("Dose adjustment is not recommended.").action == "none"


def test_a_verdict_with_its_reason_in_parentheses(tmp_path: Path) -> None:
    assert read_guidance("Not recommended (has not been studied).").action == "not-recommended"
    assert read_guidance("Contraindicated (use is not recommended).").action == "not-recommended"
    assert read_guidance("Not recommended (except at 5 mg once daily).").action == "unread"
    assert read_guidance("5 mg once daily (not recommended)").action == "unread"
    text = renal("CrCl 30 mL/min or more: no dosage adjustment.", "CrCl <30 mL/min: Not recommended (not studied).")
    code, output = titrate(tmp_path, text, "--crcl", "20")
    assert code == 1 and "NOT RECOMMENDED" in output


def test_a_half_life_column_is_no_part_of_the_band() -> None:
    text = table_monograph("- Dose: 100 mg orally once daily.\n- Maximum: 100 mg/day.\n",
                           "| Creatinine Clearance (mL/min) | Elimination Half-Life (h) | Maximum Dosage |\n|---|---|---|\n"
                           "| 40 or more | 6-9 | No dosage adjustment |\n| 15-39 | 16-27 | 50 mg daily |\n| <15 | >27 | 25 mg daily |\n")
    d = mono(text)
    assert [b.text for b in d.bands if b.low == 15.0] == ["maximum 50 mg daily"]
    p = plan(d, crcl(20))
    assert p.recommended is True and p.max_daily_dose == 50.0
    assert plan(d, crcl(10)).max_daily_dose == 25.0


def test_a_longer_interval_with_a_maximum_daily_dose() -> None:
    g = read_guidance("increase the dosing interval to every 24 hours, with a maximum daily dose of 150 mg.")
    assert (g.interval_times, g.max_daily_dose) == (1.0, 150.0)
    d = mono(renal("CrCl <30 mL/min: increase the dosing interval to every 24 hours, with a maximum daily dose of 30 mg.",
                   adults="- Dose: 40 mg orally twice daily.\n- Maximum: 80 mg/day.\n"))
    p = plan(d, crcl(20))
    assert p.recommended is True and p.max_daily_dose == 30.0 and p.steps[-1].daily_dose == 30.0
    assert read_guidance("increase the dosing interval to every 24 hours, with a maximum of 2 doses").action == "unread"


def test_a_heading_remark_that_states_a_dose_refuses_with_its_words(tmp_path: Path) -> None:
    text = ("## Dosage\n#### Adults:\n- Dose: 40 mg orally twice daily.\n#### Special Cases:\n"
            "- **Patients with Renal Impairment** (a loading dose of 80 mg should be given first; the daily dose is "
            "then based on the table):\n    - CrCl 30 mL/min or more: no dosage adjustment.\n"
            "    - CrCl <30 mL/min: 40 mg once daily.\n")
    p, code, output = plan_and_titrate(tmp_path, text, 60)
    assert p.recommended is None and "renal heading says something" in (p.refused or "")
    assert code == 1 and "a loading dose of 80 mg" in output
    quiet = text.replace("a loading dose of 80 mg should be given first; the daily dose is then based on the table",
                         "renal function should be monitored")
    assert plan(mono(quiet), crcl(20)).steps[-1].daily_dose == 40.0  # a remark that states nothing: bands apply


def test_a_population_note_in_parentheses_changes_no_dose() -> None:
    for note in ("(adult patients 18 years of age and older)", "(adults and adolescents 16 years of age and older)",
                 "(patients 12 years and older)", "(adolescents and adults, 13 years and older)",
                 "taken with food at about 5 PM"):
        d = mono(renal("CrCl <30 mL/min: 100 mg every 48 hours.", adults=f"- Dose: 100 mg orally once daily {note}.\n"))
        assert d.regimens[0].steps[0].daily_dose == 100.0, note
        assert plan(d, crcl(20)).steps[-1].daily_dose == 50.0
    d = mono(renal("CrCl <30 mL/min: not recommended.", adults="- Dose: 100 mg orally once daily (adults weighing 40 kg "
                                                                "or more).\n"))
    assert d.regimens[0].steps[0].unread  # a weight is not a population this tool checks


def test_notes_beside_a_dose_that_change_nothing() -> None:
    for adults in ("- Dose: one 150 mg tablet taken orally once daily without regard to food (adults and pediatric "
                   "patients weighing at least 35 kg). The dosage is the same for both HIV and HBV indications.\n",
                   "- Initial: 150 mg orally once daily, approximately one-half hour following the same meal each day.\n"):
        d = mono(renal("CrCl <30 mL/min: 150 mg every 48 hours.", adults=adults))
        assert d.regimens[0].steps[0].daily_dose == 150.0, adults
        assert plan(d, crcl(20)).steps[-1].daily_dose == 75.0
    d = mono(renal("CrCl <30 mL/min: 150 mg every 48 hours.", adults="- Initial: 150 mg orally once daily. Initial dose "
                                                                     "titration is not required.\n"))
    assert d.regimens[0].steps[0].daily_dose == 150.0
    d = mono(renal("CrCl <30 mL/min: not recommended.", adults="- Dose: 150 mg orally once daily. The dosage is the "
                                                                "same as for children.\n"))
    assert d.regimens[0].steps[0].unread  # the same as another population's: not a remark this tool can skip


@given(st.integers(min_value=10, max_value=60), st.integers(min_value=5, max_value=40),
       st.sampled_from([("Estimated creatinine clearance (CrCl)", "crcl", " mL/min"),
                        ("estimated glomerular filtration rate (eGFR)", "egfr", " mL/min/1.73 m2"),
                        ("Creatinine clearance (CLcr)", "crcl", " mL/min")]))
def test_a_measure_with_its_abbreviation(low: int, width: int, measure: tuple[str, str, str]) -> None:
    words, kind, unit = measure
    assert read_interval(f"{words} {low} to <{low + width}{unit}") == (low, low + width, True, False, kind)
    assert read_interval(f"{words} {low} to <{low + width}{unit} (GFR)") is None  # a second note: not this shape


def test_a_band_for_patients_not_on_dialysis_joined_by_and() -> None:
    band, _ = read_band("CrCl 10 to 29 mL/min and not on dialysis", "not recommended", 1)
    assert band is not None and (band.low, band.high, band.dialysis) == (10.0, 29.0, ())
    band, _ = read_band("CrCl 10 to 29 mL/min and not on warfarin", "not recommended", 1)
    assert band is None


# ---------------------------------------------------------------- words beside the bands

def test_an_option_for_some_patients_is_shown_beside_the_bands(tmp_path: Path) -> None:
    text = renal("CrCl 30 mL/min or more: no dosage adjustment.", "CrCl <30 mL/min: maximum 40 mg daily.",
                 "Some renally-impaired or elderly patients may require a lower starting dose: 20 mg once a day.",
                 "A similar reduction may be made for other patients, but data are not available.",
                 adults="- Dose: 40 mg orally twice daily.\n")
    d = mono(text)
    assert {b.measure for b in d.bands} >= {"option"}
    p = plan(d, crcl(20))
    assert p.recommended is True and p.max_daily_dose == 40.0
    assert sum("left to the prescriber" in w for w in p.warnings) == 2
    code, output = titrate(tmp_path, text, "--crcl", "20", "--json")
    assert code == 0 and json.loads(output)["max_daily_dose"] == 40.0


def test_a_lower_dose_for_every_renal_patient_is_no_option() -> None:
    d = mono(renal("CrCl <30 mL/min: maximum 40 mg daily.",
                   "Renally-impaired patients may require a lower starting dose: 20 mg once a day.",
                   adults="- Dose: 40 mg orally twice daily.\n"))
    assert plan(d, crcl(20)).recommended is None  # said of all of them: a band this tool cannot read


def test_advice_to_consider_another_drug_beside_guidance_changes_nothing() -> None:
    g = read_guidance("No dose adjustment is necessary. For patients requiring repeated courses, consider alternate "
                      "therapy.")
    assert g.action == "none"
    assert read_guidance("Consider alternate therapy.").action == "unread"  # no guidance of its own
    assert read_guidance("No dose adjustment is necessary. Consider another regimen.").action == "unread"


def test_a_dialysis_remark_beside_a_verdict() -> None:
    g = read_guidance("Hemodialysis does not significantly contribute to exampledrug clearance; use is not recommended.")
    assert g.action == "not-recommended"
    assert read_guidance("Hemodialysis does not significantly contribute to exampledrug clearance.").action == "unread"


def test_an_initial_daily_dose_with_care_in_titration(tmp_path: Path) -> None:
    g = read_guidance("The initial daily dose should be 1.25 mg and caution should be used in dose-titration.")
    assert (g.action, g.initial_daily_dose, g.max_daily_dose) == ("adjust", 1.25, None)
    assert read_guidance("Caution should be used in dose-titration.").action == "unread"  # no dose of its own
    assert read_guidance("The initial daily dose should be 1.25 mg if tolerated poorly.").action == "unread"
    text = renal("CrCl 40 mL/min or more: no dosage adjustment.",
                 "CrCl less than 40 mL/min: The initial daily dose should be 1.25 mg and caution should be used in "
                 "dose-titration.", adults="- Initial: 2.5 mg orally once daily.\n- Maximum: 10 mg/day.\n")
    p, code, output = plan_and_titrate(tmp_path, text, 20, "--json")
    assert p.steps[0].daily_dose == 1.25 and p.max_daily_dose is None
    assert code == 0 and json.loads(output)["steps"][0]["daily_dose"] == 1.25


def _first_day_monograph(band: str) -> str:
    return ("---\ntitle: Examplagatran\n---\n# Examplagatran\n\n## **Dosage**\n\n### **Standard Dosage**\n\n"
            "#### **Adults:**\n- Day 1: 110 mg orally once daily.\n- Maintenance: 220 mg orally once daily.\n\n"
            "#### **Special Cases:**\n\n- **Patients with Renal Impairment**:\n"
            f"    - CrCl >30 mL/min: {band}\n    - CrCl ≤30 mL/min: Dosing recommendations cannot be provided.\n")


def test_a_band_restating_the_first_day_and_the_daily_dose_leaves_the_schedule_alone(tmp_path: Path) -> None:
    from drugref.dosing import Patient, plan, read_dosing
    from drugref.monograph import parse_monograph

    path = tmp_path / "examplagatran.md"
    path.write_text(_first_day_monograph("110 mg for first day, then 220 mg once daily."), encoding="utf-8")
    dosing = read_dosing(parse_monograph(path))
    standard = plan(dosing, Patient())
    adjusted = plan(dosing, Patient(crcl_ml_min=60, crcl_source="given"))
    assert [(s.start_day, s.end_day, s.daily_dose) for s in standard.steps] == [(1, 1, 110.0), (2, None, 220.0)]
    assert [(s.start_day, s.end_day, s.daily_dose) for s in adjusted.steps] == [(1, 1, 110.0), (2, None, 220.0)]
    # a band whose daily dose differs is an adjustment, never the standard schedule
    path.write_text(_first_day_monograph("110 mg for first day, then 150 mg once daily."), encoding="utf-8")
    other = plan(read_dosing(parse_monograph(path)), Patient(crcl_ml_min=60, crcl_source="given"))
    assert 220.0 not in [s.daily_dose for s in other.steps]
