"""Label shapes the dosing reader learned in issue 11's second round, each with a sentence written for the
test (another drug, other numbers) and a near miss that must stay unread (a refusal, never a number)."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import examples
from drugref.dosing import Patient, plan, read_dosing
from drugref.dosing.bands import degrees, read_band
from drugref.dosing.phrases import read_text
from drugref.monograph import parse_text


def mono(body: str, title: str = "Exampledrug"):
    return read_dosing(parse_text(f"---\ntitle: {title}\nbrand_names: [Examplebrand]\n---\n{body}", "t.md"))


def crcl(value: float, dialysis: str | None = None) -> Patient:
    return Patient(crcl_ml_min=None if dialysis else value, crcl_source="given", dialysis=dialysis)


ADULTS = ("## Dosage\n#### Adults:\n- Initial: 50 mg orally twice daily.\n- Week 2 onward: 100 mg orally twice daily.\n"
          "- Maximum: 200 mg/day.\n#### Special Cases:\n- **Patients with Renal Impairment**:\n")


# ---------------------------------------------------------------- bands named only by degree

def test_worded_degree_takes_the_interval_its_numbered_neighbour_leaves():
    d = mono(ADULTS + "    - Mild or moderate renal impairment: No dosage adjustment is necessary.\n"
                      "    - Severe renal impairment (CrCl below 25 mL/min): Maximum 100 mg/day.\n")
    assert not [b for b in d.bands if b.measure == "unread"]
    for value in (25, 40, 70, 120):  # 25 is not "below 25": the worded band starts there
        p = plan(d, crcl(value))
        assert p.recommended is True and p.max_daily_dose == 200, (value, p.refused)
    low = plan(d, crcl(24))
    assert low.recommended is True and low.max_daily_dose == 100


def test_worded_severe_lies_below_the_numbered_moderate_band():
    d = mono(ADULTS + "    - Mild (CrCl 60 to 90 mL/min) to moderate (CrCl 35 to 60 mL/min) renal impairment: "
                      "No dosage adjustment is required.\n"
                      "    - Severe impairment: Maximum 50 mg/day.\n")
    assert plan(d, crcl(35)).max_daily_dose == 200
    assert plan(d, crcl(34)).max_daily_dose == 50
    assert plan(d, crcl(3)).max_daily_dose == 50  # the most severe degree named reaches zero


def test_worded_degree_without_a_numbered_neighbour_stays_unread():
    # "moderate" has no numbered mild band above it: where it begins is not stated
    d = mono(ADULTS + "    - Moderate renal impairment: Maximum 150 mg/day.\n"
                      "    - Severe renal impairment (CrCl less than 30 mL/min): Not recommended.\n")
    for value in (45, 70):
        assert plan(d, crcl(value)).recommended is None
    # … but it lies wholly above the severe band's edge: a CrCl of 20 is the severe band's (round 9b)
    assert plan(d, crcl(20)).recommended is False
    # a worded mild band that changes the dose would reach up into normal function: not placed
    d = mono(ADULTS + "    - Mild to moderate renal impairment: Maximum 150 mg/day.\n"
                      "    - Severe renal impairment (CrCl less than 30 mL/min): Not recommended.\n")
    assert plan(d, crcl(50)).recommended is None and plan(d, crcl(120)).recommended is None


def test_degrees_of_a_label():
    assert degrees("Mild (CrCl 50-80 mL/min) to moderate (CrCl 30-50 mL/min)") == {1, 2}
    assert degrees("Very severe impairment (CrCl <15 mL/min)") == {4}
    assert degrees("CrCl 30-50 mL/min") == frozenset()


def test_esrd_not_on_dialysis_lies_below_the_lowest_band():
    d = mono(ADULTS + "    - CrCl >20-50 mL/min: Maximum 100 mg/day.\n"
                      "    - ESRD patients on hemodialysis: 50 mg orally once daily.\n"
                      "    - ESRD patients not on dialysis: Not recommended.\n")
    assert plan(d, crcl(20)).recommended is False
    assert plan(d, crcl(21)).max_daily_dose == 100
    assert plan(d, crcl(5, "hd")).maintenance_daily_dose == 50
    # with a lowest band that already reaches zero, the ESRD row has no room: refused there, not guessed
    d = mono(ADULTS + "    - CrCl <50 mL/min: Maximum 100 mg/day.\n"
                      "    - ESRD patients not on dialysis: Not recommended.\n")
    assert plan(d, crcl(10)).recommended is None


# ---------------------------------------------------------------- dialysis words in a band's label

def test_dialysis_joined_to_a_crcl_band():
    band, _ = read_band("Very severe impairment (CrCl <20 mL/min and hemodialysis patients)", "Not recommended.", 1)
    assert band is not None and (band.low, band.high, band.dialysis) == (0.0, 20.0, ("hd",))
    band, _ = read_band("Severe renal failure (CrCl less than 25 mL/min) and end-stage renal disease requiring "
                        "dialysis", "Not recommended.", 1)
    assert band is not None and band.high == 25.0 and "hd" in band.dialysis
    band, _ = read_band("Severe renal impairment (CrCl less than 25 mL/min) without regular dialysis", "Avoid.", 1)
    assert band is not None and band.high == 25.0 and band.dialysis == ()
    band, _ = read_band("Severe renal impairment (CrCl less than 25 mL/min) and heart failure", "Avoid.", 1)
    assert band is None  # anything else after the range is not read


def on_hemodialysis(words: str):
    """The plan for a patient on hemodialysis when the dialysis band says `words`."""
    d = mono(ADULTS + "    - CrCl ≥30 mL/min: No dosage adjustment.\n    - CrCl <30 mL/min: Not recommended.\n"
                      f"    - End-stage renal disease on hemodialysis: {words}\n")
    return plan(d, crcl(5, "hd"))


def test_dialysis_band_names_its_own_patients():
    p = on_hemodialysis("Recommended maximum total daily dose 80 mg/day for patients receiving regular dialysis. "
                        "Supplemental doses after dialysis are not required.")
    assert p.recommended is True and p.max_daily_dose == 80
    # the same words in a CrCl band are not about its patients: unread
    d = mono(ADULTS + "    - CrCl <30 mL/min: Maximum 80 mg/day for patients receiving regular dialysis.\n"
                      "    - CrCl ≥30 mL/min: No dosage adjustment.\n")
    assert plan(d, crcl(20)).recommended is None


# ---------------------------------------------------------------- band guidance

def test_reduction_of_the_maximum_caps_the_schedule():
    d = mono(ADULTS + "    - CrCl <30 mL/min: A reduction of 40% of the maximum dosage is recommended.\n"
                      "    - CrCl ≥30 mL/min: No dosage adjustment.\n")
    p = plan(d, crcl(20))
    assert p.recommended is True and p.max_daily_dose == 120
    assert [s.daily_dose for s in p.steps] == [100, 120]
    assert p.arithmetic == ("maximum 200 mg/day × 0.6 = 120 mg/day",)
    # a reduction with no maximum in the schedule is refused
    d = mono("## Dosage\n#### Adults:\n- Maintenance: 100 mg orally twice daily.\n#### Special Cases:\n"
             "- **Patients with Renal Impairment**:\n"
             "    - CrCl <30 mL/min: A reduction of 40% of the maximum dosage is recommended.\n"
             "    - CrCl ≥30 mL/min: No dosage adjustment.\n")
    assert plan(d, crcl(20)).recommended is None


@settings(max_examples=examples(100))
@given(st.integers(min_value=1, max_value=99), st.sampled_from([100, 150, 200, 400, 1200]))
def test_reduction_of_the_maximum_property(percent, maximum):
    d = mono("## Dosage\n#### Adults:\n- Initial: 50 mg orally twice daily.\n"
             f"- Maximum: {maximum} mg/day.\n#### Special Cases:\n- **Patients with Renal Impairment**:\n"
             f"    - CrCl <30 mL/min: A reduction of {percent}% of the maximum dose is recommended.\n"
             "    - CrCl ≥30 mL/min: No dosage adjustment.\n")
    p = plan(d, crcl(10))
    assert p.recommended is True
    assert abs(p.max_daily_dose - maximum * (100 - percent) / 100) < 1e-6
    assert all(s.daily_dose is None or (s.daily_dose[1] if isinstance(s.daily_dose, tuple) else s.daily_dose)
               <= p.max_daily_dose + 1e-9 for s in p.steps)


def test_starting_dose_and_its_maximum():
    table = ("| Renal function | Starting dose | Maximum dose |\n|---|---|---|\n"
             "| Normal (CrCl >60 mL/min) | 50 mg twice daily | 100 mg twice daily |\n"
             "| Moderate (CrCl 30 to 60 mL/min) | 25 mg twice daily | 50 mg twice daily |\n"
             "| Severe (CrCl <30 mL/min) | Not recommended | |\n")
    d = mono(ADULTS + "\n" + table)
    normal = plan(d, crcl(70))  # the normal row states the standard start and maximum: nothing changes
    assert normal.recommended is True and normal.max_daily_dose == 200 and len(normal.steps) == 2
    assert normal.steps[1].daily_dose == 200
    moderate = plan(d, crcl(45))
    assert moderate.max_daily_dose == 100
    assert [(s.daily_dose, s.timing_stated) for s in moderate.steps] == [(50, False), ((50, 100), False)]
    assert plan(d, crcl(20)).recommended is False


def test_a_start_whose_increases_are_only_monitored_has_no_maximum():
    d = mono(ADULTS + "    - CrCl ≥30 mL/min: No dosage adjustment.\n"
                      "    - CrCl <30 mL/min: The starting dose should be 25 mg/day, and any increase in dose should "
                      "be done with close monitoring.\n")
    p = plan(d, crcl(12))
    assert p.recommended is True and p.max_daily_dose is None
    assert [s.daily_dose for s in p.steps] == [25]
    assert any("no maximum" in w for w in p.warnings)
    # "any increase" said without a dose to start from is not read
    assert not read_text("any increase in dose should be done with close monitoring; maximum 100 mg/day").facts or \
        plan(mono(ADULTS + "    - CrCl ≥30 mL/min: No dosage adjustment.\n    - CrCl <30 mL/min: Any increase in "
                            "dose should be done with close monitoring.\n"), crcl(12)).recommended is None


def test_remarks_that_change_no_dose():
    for text in ("No dosage adjustment is required, but patients should be monitored closely for adverse effects of "
                 "exampledrug", "The dose does not need to be adjusted, but a treatment course should be repeated no "
                 "more than once every two weeks"):
        reading = read_text(text)
        assert reading.complete, reading.unread
    assert not read_text("No dosage adjustment is required, but patients should receive half the dose").complete


def test_band_doses_in_grams_convert_to_the_schedule_unit():
    d = mono("## Dosage\n#### Adults:\n- Dosage: 1000 mg orally three times daily for 7 days.\n#### Special Cases:\n"
             "- **Patients with Renal Impairment**:\n"
             "    - CrCl ≥50 mL/min: 1 gram every 8 hours.\n    - CrCl 10-49 mL/min: 1 gram every 24 hours.\n")
    p = plan(d, crcl(20))
    assert p.recommended is True and p.steps[-1].daily_dose == 1000 and p.steps[-1].unit == "mg"


def test_table_columns_named_for_indications_even_with_a_dose_word():
    body = ("## Dosage\n#### Adults:\n##### **Shingles**\n- Dosage: 500 mg orally three times daily.\n"
            "##### **Suppression (alternate dose)**\n- Dosage: 250 mg orally once daily.\n#### Special Cases:\n"
            "- **Patients with Renal Impairment**:\n\n"
            "| CrCl (mL/min) | Shingles | Suppression with few recurrences: alternate dose |\n|---|---|---|\n"
            "| ≥40 | 500 mg every 8 hours | 250 mg every 24 hours |\n"
            "| <40 | 500 mg every 24 hours | 250 mg every 48 hours |\n")
    d = mono(body)
    assert {b.group for b in d.bands} == {"Shingles", "Suppression with few recurrences: alternate dose"}
    p = plan(d, crcl(20), "Shingles")
    assert p.recommended is True and p.steps[-1].daily_dose == 500 and p.steps[-1].times_per_day == 1
    # a header led by a dose word is a column of doses, not an indication
    from drugref.dosing.bands import _is_dose_header

    assert _is_dose_header("adjusted dose for shingles") and _is_dose_header("total daily dose range (mg/day)")
    assert not _is_dose_header("suppression with few recurrences: alternate dose")


def test_titrate_cli_reads_a_worded_band(run, monkeypatch, tmp_path):
    (tmp_path / "exampledrug.md").write_text(
        "---\ntitle: Exampledrug\nbrand_names: [Examplebrand]\nlastModified: '2026-01-01T00:00:00.000Z'\n---\n"
        + ADULTS + "    - Mild to moderate renal impairment: No dosage adjustment is necessary.\n"
                   "    - Severe renal impairment (CrCl less than 30 mL/min): A reduction of 25% of the maximum "
                   "dosage is recommended.\n", encoding="utf-8")
    monkeypatch.setenv("DRUGREF_MONOGRAPHS", str(tmp_path))
    code, out, _ = run("titrate", "exampledrug", "--crcl", "20")
    assert code == 0 and "150" in out and "× 0.75" in out
    code, out, _ = run("titrate", "exampledrug", "--crcl", "45")
    assert code == 0 and "200 mg/day" in out


# ---------------------------------------------------------------- steps

def test_bare_amounts_under_a_once_daily_regimen():
    body = ("## Dosage\n#### Adults:\n- Administration: Once daily in the evening (with or without food).\n"
            "- Day 1: 40 mg.\n- Day 2: 80 mg.\n- Day 3: Between 120 mg and 160 mg.\n- Maximum: 160 mg/day.\n")
    p = plan(mono(body))
    assert [(s.start_day, s.end_day, s.daily_dose, s.times_per_day) for s in p.steps] == [
        (1, 1, 40, 1), (2, 2, 80, 1), (3, None, (120, 160), 1)]
    # twice daily: "40 mg" could be each dose or the day's total — not read
    p = plan(mono(body.replace("Once daily in the evening", "Twice daily")))
    assert p.recommended is None or all(s.unread for s in p.steps)
    # once daily, but another frequency elsewhere in the same bullet: not read either
    p = plan(mono(body.replace("(with or without food)", "(doses above 100 mg: twice daily)")))
    assert p.recommended is None or all(s.unread for s in p.steps)


def test_maintenance_that_holds_the_last_dated_dose_continues_it():
    body = ("## Dosage\n#### Adults:\n- Days 1-3: 20 mg orally once daily.\n- Day 4: 60 mg orally once daily.\n"
            "- Maintenance: 60-120 mg/day.\n- Maximum: 120 mg/day.\n")
    p = plan(mono(body))  # day 4's dose continuing, or the range from day 5: not stated, so neither is dated
    assert [(s.start_day, s.end_day, s.daily_dose, s.timing_stated) for s in p.steps] == [
        (1, 3, 20, True), (4, None, 60, False), (None, None, (60, 120), False)]
    same = plan(mono(body.replace("60-120 mg/day", "60 mg/day")))
    assert [(s.start_day, s.end_day, s.daily_dose) for s in same.steps] == [(1, 3, 20), (4, None, 60)]
    # a maintenance dose the last step does not reach still follows it on the next day
    higher = plan(mono(body.replace("60-120 mg/day", "100-120 mg/day")))
    assert [(s.start_day, s.end_day) for s in higher.steps] == [(1, 3), (4, 4), (5, None)]


def test_indication_words_pick_the_heading_without_its_formulation():
    body = ("## Dosage\n#### Adults:\n##### **Mania, acute episodes (immediate-release: Examplebrand)**\n"
            "- Maintenance: 100 mg orally twice daily.\n"
            "##### **Mania, acute or mixed episodes (extended-release: Examplebrand XR)**\n"
            "- Maintenance: 200 mg orally once daily.\n")
    d = mono(body)
    assert plan(d, None, "Mania, acute episodes").steps[0].daily_dose == 200
    assert plan(d, None, "acute episodes").recommended is None  # words in both headings: still a choice


def test_measured_pharmacokinetics_beside_a_verdict():
    d = mono(ADULTS + "    - Severe renal impairment (CrCl 10-30 mL/min): Mean oral clearance was 40% lower than in "
                      "healthy subjects, but plasma concentrations were within the normal range; dosage adjustment is "
                      "therefore not needed.\n")
    assert plan(d, crcl(20)).max_daily_dose == 200
    d = mono(ADULTS + "    - Severe renal impairment (CrCl 10-30 mL/min): Mean oral clearance was 40% lower than in "
                      "healthy subjects; reduce the dose by 50%.\n")
    assert plan(d, crcl(20)).recommended is None


def test_two_degrees_in_one_label_a_whole_number_apart():
    from drugref.dosing.bands import read_interval

    assert read_interval("Mild (CrCl >60 – 90 mL/min) and moderate (CrCl 40 – 59 mL/min) renal impairment") == (
        40.0, 90.0, True, True, "crcl")
    assert read_interval("Mild (CrCl >60 – 90 mL/min) and moderate (CrCl 40 – 57 mL/min) renal impairment") is None


# ---------------------------------------------------------------- a CrCl range inside a step

CONDITIONED = ("## Dosage\n#### Adults:\n##### **Stroke prevention**\n"
               "- Maintenance: 120 mg orally twice daily (CrCl >40 mL/min), after 3-5 days of parenteral "
               "anticoagulation.\n#### Special Cases:\n- **Patients with Renal Impairment**:\n"
               "    - Stroke prevention:\n        - CrCl >40 mL/min: 120 mg twice daily.\n"
               "        - CrCl 20 to 40 mL/min: 60 mg twice daily.\n        - CrCl <20 mL/min: Not recommended.\n")


def test_a_step_for_a_crcl_range_that_a_band_states():
    d = mono(CONDITIONED)
    standard = plan(d, None, "Stroke prevention")
    assert standard.recommended is True and standard.steps[0].daily_dose == 240
    assert any("CrCl >40" in w or "crcl >40" in w for w in standard.warnings)
    assert plan(d, crcl(70), "Stroke prevention").steps[0].daily_dose == 240
    assert plan(d, crcl(30), "Stroke prevention").steps[-1].daily_dose == 120
    assert plan(d, crcl(10), "Stroke prevention").recommended is False


def test_a_step_for_a_crcl_range_no_band_states_is_refused():
    d = mono(CONDITIONED.replace("CrCl >40 mL/min: 120 mg", "CrCl >50 mL/min: 120 mg"))
    assert plan(d, None, "Stroke prevention").recommended is None
    # a patient outside the step's range whose band gives no dose of its own: refused, not the step's dose
    d = mono(CONDITIONED.replace("CrCl 20 to 40 mL/min: 60 mg twice daily", "CrCl 20 to 40 mL/min: Use with caution"))
    assert plan(d, crcl(30), "Stroke prevention").recommended is None
    assert plan(d, crcl(60), "Stroke prevention").steps[0].daily_dose == 240


def test_abbreviated_indication_in_a_renal_group():
    body = ("## Dosage\n#### Adults:\n##### **Treatment of deep vein thrombosis**\n- Maintenance: 40 mg orally once daily.\n"
            "##### **Stroke prevention**\n- Maintenance: 20 mg orally once daily.\n#### Special Cases:\n"
            "- **Patients with Renal Impairment**:\n    - Treatment of DVT:\n        - CrCl ≥30 mL/min: No dose adjustment.\n"
            "        - CrCl <30 mL/min: Not recommended.\n")
    assert plan(mono(body), crcl(20), "Treatment of deep vein thrombosis").recommended is False


def test_a_start_then_may_be_titrated_to_a_maximum():
    d = mono(ADULTS + "    - CrCl ≥30 mL/min: No dosage adjustment is necessary.\n"
                      "    - CrCl <30 mL/min: The recommended starting dose is 25 mg once daily. The dose may then be "
                      "titrated as needed to a maximum dose of 50 mg twice a day.\n")
    p = plan(d, crcl(20))
    assert p.max_daily_dose == 100 and [s.daily_dose for s in p.steps] == [25, (25, 100)]
    # "then" after "may" does not start a new clause; a bare "then" still does
    assert read_text("25 mg once daily, then 50 mg once daily").complete


def test_a_maximum_with_its_own_frequency():
    p = on_hemodialysis("A maximum dose of 50 mg once daily may be administered if tolerated.")
    assert p.max_daily_dose == 50
    assert [(s.daily_dose, s.times_per_day, s.dose) for s in p.steps] == [(50, 1, 50), (50, 1, 50)]


def test_renal_group_that_lists_formulations():
    body = ("## Dosage\n#### Adults:\n##### **Dementia (immediate-release tablets: Examplebrand)**\n"
            "- Maintenance: 8 mg orally twice daily.\n##### **Dementia (extended-release capsules: Examplebrand ER)**\n"
            "- Maintenance: 16 mg orally once daily.\n#### Special Cases:\n"
            "- **Patients with Renal Impairment** (tablets and extended-release capsules):\n"
            "    - CrCl ≥40 mL/min: No dosage adjustment.\n    - CrCl <40 mL/min: Not recommended.\n")
    d = mono(body)
    for indication in ("Dementia immediate-release", "Dementia extended-release"):
        assert plan(d, crcl(20), indication).recommended is False
    # "tablets" alone is the immediate-release tablet, never the extended-release one
    d = mono(body.replace("(tablets and extended-release capsules)", "(tablets)")
             .replace("extended-release capsules: Examplebrand ER", "extended-release tablets: Examplebrand ER"))
    assert plan(d, crcl(20), "Dementia immediate-release").recommended is False
    assert plan(d, crcl(20), "Dementia extended-release").recommended is None


FREQUENCIES = {"once daily": 1, "twice daily": 2, "three times daily": 3, "four times daily": 4}


@settings(max_examples=examples(200))
@given(st.sampled_from([5, 10, 20, 25, 40, 50, 100, 250]), st.sampled_from(sorted(FREQUENCIES)),
       st.sampled_from([5, 10, 20, 25, 40, 50, 100, 250]), st.sampled_from(sorted(FREQUENCIES)))
def test_a_choice_of_two_regimens(dose_a, freq_a, dose_b, freq_b):
    reading = read_text(f"{dose_a} mg orally {freq_a}; or {dose_b} mg orally {freq_b}")
    daily_a, daily_b = dose_a * FREQUENCIES[freq_a], dose_b * FREQUENCIES[freq_b]
    if daily_a == daily_b:
        assert reading.complete and reading.facts[0].daily == daily_a
        times = {FREQUENCIES[freq_a], FREQUENCIES[freq_b]}
        assert reading.facts[0].times == (None if len(times) == 1 else (min(times), max(times)))
    elif freq_a == freq_b:
        assert reading.complete and reading.facts[0].daily == (min(daily_a, daily_b), max(daily_a, daily_b))
        assert reading.facts[0].times == FREQUENCIES[freq_a]
    else:  # other totals and other frequencies: no one reading
        assert not reading.complete


def test_a_course_as_clinically_indicated_goes_on():
    body = ("## Dosage\n#### Adults:\n- Initial: 20 mg orally every 6 hours; adjust dosage to individual patient needs.\n"
            "- Duration: As clinically indicated.\n")
    p = plan(mono(body))
    assert [(s.start_day, s.end_day, s.daily_dose, s.times_per_day, s.timing_stated) for s in p.steps] == [
        (1, None, 80, 4, True)]
    p = plan(mono(body.replace("As clinically indicated", "1 year or as clinically indicated")))
    assert not p.steps[0].timing_stated  # how long it lasts is not read


def test_a_choice_with_every_other_day_has_no_frequency():
    fact = read_text("20 mg once daily or 40 mg every other day").facts[0]
    assert fact.daily == 20 and fact.times is None


# ---------------------------------------------------------------- a maximum only where the band states one

def test_a_range_made_by_a_range_of_frequencies_is_not_a_maximum():
    """'100 mg every 6 to 8 hours' gives 300-400 mg/day, but the label states no maximum: none is shown (a holdout
    corpus scored 400 mg/day as a wrong maximum); a stated daily range keeps its top as the maximum."""
    body = ("## Dosage\n#### Adults:\n- 300 mg orally twice daily.\n#### Special Cases:\n"
            "- **Patients with Renal Impairment**:\n    - CrCl <15 mL/min: 100 mg orally every 6 to 8 hours.\n")
    p = plan(mono(body), crcl(10))
    assert p.recommended is True and p.max_daily_dose is None
    assert [s.daily_dose for s in p.steps] == [(300, 400)] and "states no maximum" not in " ".join(p.refused or "")
    stated = body.replace("100 mg orally every 6 to 8 hours", "300-400 mg/day in 3 or 4 divided doses")
    assert plan(mono(stated), crcl(10)).max_daily_dose == 400
