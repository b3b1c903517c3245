"""Label shapes learned in issue 11's third round, from refusals counted across both corpora: each rule is written
as the grammar of the shape, tested with a sentence written here (another drug, other numbers) and a near miss
that must stay unread (a refusal, never a number)."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from drugref.dosing import plan
from drugref.dosing.bands import read_band, read_guidance, read_interval
from drugref.dosing.phrases import read_text
from test_dosing_rules import crcl, mono

ONCE = ("## Dosage\n#### Adults:\n- Initial: 40 mg orally once daily.\n- Maximum: 40 mg/day.\n"
        "#### Special Cases:\n- **Patients with Renal Impairment**:\n")


# ---------------------------------------------------------------- band labels

@settings(deadline=None)
@given(st.integers(5, 60), st.integers(1, 60), st.sampled_from(["<=", "<", "≤"]), st.sampled_from([">", ">=", "≥"]),
       st.sampled_from(["", " ", ", ", " and "]), st.booleans())
def test_a_pair_of_comparisons_in_either_order(low, width, high_op, low_op, sep, high_first):
    high = low + width
    text = f"{high_op}{high}{sep}{low_op}{low} mL/min" if high_first else f"{low_op}{low}{sep}{high_op}{high} mL/min"
    found = read_interval(text)
    assert found is not None and found[:2] == (low, high)
    assert found[2] == (low_op in (">=", "≥")) and found[3] == (high_op in ("<=", "≤"))


def test_a_pair_of_comparisons_that_leaves_no_interval_stays_unread():
    assert read_interval("≤30 ≤80 mL/min") is None  # two upper bounds
    assert read_interval(">50 ≤20 mL/min") is None  # empty
    assert read_interval("≥40 >70 mL/min") is None


def test_ml_per_minute_and_ccr_are_clearance_units():
    assert read_interval("CCr 20-45 mL/min")[:2] == (20, 45)
    assert read_interval("creatinine clearance (CLcr) of less than 45 mL per minute")[:3] == (0, 45, True)
    assert read_interval("creatinine clearance under 25 mL/minute")[:2] == (0, 25)
    assert read_interval("CCr 20-45 mg/min") is None


def test_dialysis_inside_the_degree_parenthesis_joins_the_band():
    band, _ = read_band("Kidney failure (CrCl <20 mL/min or on hemodialysis)", "10 mg once daily.", 3)
    assert band is not None and (band.low, band.high) == (0, 20) and band.dialysis == ("hd",)
    band, _ = read_band("Severe renal impairment (eGFR below 25 mL/min/1.73 m2, or requiring dialysis)", "Avoid.", 3)
    assert band is not None and band.high == 25 and set(band.dialysis) == {"hd", "pd", "crrt"}
    # words that are not a degree before the parenthesis: not read
    band, _ = read_band("Patients taking diuretics (CrCl <20 mL/min or on hemodialysis)", "10 mg once daily.", 3)
    assert band is None


def test_esrd_row_with_dialysis_in_parenthesis_gives_the_dialysis_dose():
    d = mono(ONCE + "    - Moderate (CrCl ≥25 to <50 mL/min): 20 mg once daily.\n"
                    "    - ESRD (CrCl <25 mL/min or requiring hemodialysis): 10 mg once daily. May be given without "
                    "regard to the timing of dialysis.\n")
    for patient in (crcl(12), crcl(0, "hd")):
        p = plan(d, patient)
        assert p.recommended is True and p.steps[-1].daily_dose == 10, p.refused
    assert plan(d, crcl(0, "pd")).recommended is None  # the row names hemodialysis only
    d = mono(ONCE + "    - ESRD (CrCl <25 mL/min or requiring hemodialysis): 10 mg once daily. Give after dialysis.\n")
    assert plan(d, crcl(12)).recommended is None


def test_table_with_a_degree_column_before_the_clearance_column():
    body = ("## Dosage\n#### Adults:\n- Initial: 10 mg orally once daily.\n- Maximum: 40 mg/day.\n"
            "#### Special Cases:\n- **Patients with Renal Impairment**:\n\n"
            "| Renal Status | Creatinine Clearance | Dose |\n|---|---|---|\n"
            "| Mild | ≤90 >45 mL/min | No dosage adjustment |\n| Severe | ≤45 mL/min | 5 mg once daily |\n")
    d = mono(body)
    assert plan(d, crcl(60)).max_daily_dose == 40
    assert plan(d, crcl(45)).steps[-1].daily_dose == 5
    assert plan(d, crcl(46)).steps[-1].daily_dose == 10


# ---------------------------------------------------------------- verdicts and remarks

def test_a_reason_beside_not_recommended_keeps_the_verdict():
    assert read_guidance("Has not been studied; use of Examplebrand XR is not recommended.").action == "not-recommended"
    assert read_guidance("Use is not recommended, due to accumulation of an active metabolite.").action == "not-recommended"
    assert read_guidance("Examplebrand tablets is contraindicated.").action == "not-recommended"
    # a reason alone is no verdict; a number beside the verdict is not a reason
    assert read_guidance("Has not been studied.").action == "unread"
    assert read_guidance("Not recommended; has not been studied above 20 mg.").action == "unread"


def test_a_titration_left_to_blood_pressure_is_no_step():
    d = mono("## Dosage\n#### Adults:\n- Initial: 10 mg orally once daily.\n"
             "- Titration: The dosage should be adjusted according to the blood pressure response.\n")
    p = plan(d)
    assert p.recommended is True and len(p.steps) == 1 and not p.steps[0].unread
    d = mono("## Dosage\n#### Adults:\n- Initial: 10 mg orally once daily.\n"
             "- Titration: Adjust according to potassium levels.\n")
    assert plan(d).steps[-1].unread


# ---------------------------------------------------------------- doses and frequencies

@settings(deadline=None)
@given(st.integers(1, 60), st.integers(1, 60), st.sampled_from(["", " orally"]))
def test_morning_and_evening_doses_without_their_total(am, pm, orally):
    facts = read_text(f"{am} mg{orally} in the morning and {pm} mg in the evening").facts
    assert len(facts) == 1 and facts[0].daily == am + pm and facts[0].times == 2


def test_morning_and_evening_doses_whose_stated_total_disagrees_stay_unread():
    assert read_text("10 mg in the morning and 20 mg in the evening (40 mg/day)").unread


@settings(deadline=None)
@given(st.sampled_from([("once daily", "every 24 hours", 1), ("twice daily", "every 12 hours", 2),
                        ("three times daily", "q8h", 3), ("twice daily", "BID", 2)]), st.integers(1, 400))
def test_a_frequency_restated_in_parentheses(freq, dose):
    words, restated, times = freq
    facts = read_text(f"{dose} mg {words} ({restated})").facts
    assert len(facts) == 1 and facts[0].times == times and facts[0].daily == dose * times


def test_a_frequency_restated_differently_stays_unread():
    assert read_text("40 mg twice daily (every 24 hours)").unread
    assert read_text("40 mg once daily (every 8 hours)").unread


def test_once_or_two_divided_doses_and_a_usual_range():
    for text in ("The usual dosage range is 5 to 20 mg per day administered in a single dose or two divided doses",
                 "The usual maintenance dosage range is 5 to 20 mg per day as a single dose or in two equally divided "
                 "doses"):
        facts = read_text(text).facts
        assert len(facts) == 1 and facts[0].daily == (5, 20) and facts[0].times == (1, 2), text
    assert read_text("The usual dosage range is 5 to 20 mg per day in a single dose or three divided doses").unread


def test_twice_a_day_regimen_words():
    for text in ("900 mg/day, given in a twice-a-day regimen", "900 mg/day (given twice-a-day)"):
        facts = read_text(text).facts
        assert len(facts) == 1 and facts[0].daily == 900 and facts[0].times == 2 and facts[0].dose == 450, text
    assert read_text("900 mg/day (given as needed)").unread


def test_first_dose_then_a_daily_dose_in_a_band():
    g = read_guidance("150 mg first dose, then 40 mg once daily")
    assert g.action == "adjust" and g.daily_dose == 40 and g.initial_daily_dose == 150
    assert read_guidance("150 mg first dose, then 40 mg after each session").action == "unread"


def test_maintenance_starting_on_a_stated_day():
    d = mono("## Dosage\n#### Adults:\n- Day 1: 5 mg orally once daily.\n- Days 2-4: 5 mg orally twice daily.\n"
             "- Maintenance: 15 mg twice daily starting on Day 5.\n")
    steps = plan(d).steps
    assert (steps[-1].start_day, steps[-1].end_day, steps[-1].daily_dose) == (5, None, 30)
    d = mono("## Dosage\n#### Adults:\n- Days 1-7: 5 mg orally once daily.\n"
             "- Maintenance: 15 mg twice daily starting on Day 3.\n")  # before the last step ends: not read
    assert plan(d).steps[-1].unread


def test_a_start_titrated_until_blood_pressure_or_to_a_maximum():
    d = mono(ONCE + "    - CrCl <30 mL/min: The recommended initial dose is 10 mg once daily. Dosage may be titrated "
                    "upward until blood pressure is controlled or to a maximum total daily dose of 20 mg.\n"
                    "    - CrCl ≥30 mL/min: No dosage adjustment.\n")
    p = plan(d, crcl(20))
    assert p.recommended is True and p.max_daily_dose == 20 and p.steps[-1].daily_dose == (10, 20)


def test_an_increase_within_a_stated_maximum():
    g = read_guidance("The recommended initial dose is 5 mg once daily. The dose may be increased to 5 mg twice daily "
                      "and up to a maximum dose of 10 mg twice daily depending upon clinical response and tolerability.")
    assert g.action == "adjust" and g.max_daily_dose == 20 and g.initial_daily_dose == 5
    g = read_guidance("The recommended initial dose is 5 mg once daily. The dose may be increased to 20 mg twice daily "
                      "and up to a maximum dose of 10 mg twice daily.")  # an option above the maximum: numbers disagree
    assert g.action == "unread"


def test_maximum_with_a_remark_in_parentheses():
    d = mono("## Dosage\n#### Adults:\n- Initial: 5 mg orally once daily.\n"
             "- Maximum: 10 mg per day (the maximum recommended clinical dose).\n")
    assert plan(d).max_daily_dose == 10


# ---------------------------------------------------------------- tables keyed to the normal-function regimen

TWO_REGIMENS = ("## Dosage\n#### Adults:\n##### **Skin infections**\n- Days 1-7: 250 mg orally every 12 hours for 7 days.\n"
                "##### **Bone infections**\n- Maintenance: 500 mg orally every 8 hours.\n"
                "##### **Bladder infections**\n- Maintenance: 300 mg orally every 12 hours.\n"
                "#### Special Cases:\n- **Patients with Renal Impairment**:\n\n")


def test_rows_keyed_to_the_normal_regimen():
    d = mono(TWO_REGIMENS + "| Usual Dose | Creatinine Clearance (mL/min) | Adjusted Dose (mg) | Dosing Interval |\n"
                            "|---|---|---|---|\n"
                            "| 250 mg every 12 hours | >30 | 250 | every 12 hours |\n"
                            "| 250 mg every 12 hours | 0 to 30 | 250 | every 24 hours |\n"
                            "| 500 mg every 8 hours | >40 | 500 | every 8 hours |\n"
                            "| 500 mg every 8 hours | 0 to 40 | 500 | every 12 hours |\n")
    skin = plan(d, crcl(20), "skin infections")
    assert skin.recommended is True and skin.steps[-1].daily_dose == 250 and skin.steps[-1].times_per_day == 1
    bone = plan(d, crcl(35), "bone infections")
    assert bone.recommended is True and bone.steps[-1].daily_dose == 1000
    assert plan(d, crcl(60), "bone infections").steps[-1].daily_dose == 1500  # the normal row changes nothing
    # a regimen the table does not name (300 mg every 12 hours) is refused, never given another regimen's rows
    bladder = plan(d, crcl(20), "bladder infections")
    assert bladder.recommended is None and "keyed to the normal-function regimen" in (bladder.refused or "")


def test_columns_keyed_to_the_normal_regimen():
    d = mono(TWO_REGIMENS + "| CrCl | Dosage in normal renal function 250 mg every 12 hours | "
                            "Dosage in normal renal function 500 mg every 8 hours |\n|---|---|---|\n"
                            "| 10 to 29 mL/min | 250 mg every 24 hours | 500 mg initial dose, then 250 mg every 12 hours |\n"
                            "| 30 to 60 mL/min | No dosage adjustment required | 500 mg every 12 hours |\n")
    assert plan(d, crcl(20), "skin infections").steps[-1].daily_dose == 250
    bone = plan(d, crcl(20), "bone infections")
    assert bone.steps[0].daily_dose == 500 and bone.steps[-1].daily_dose == 500 and bone.steps[-1].times_per_day == 2
    assert plan(d, crcl(45), "bone infections").steps[-1].daily_dose == 1000
    assert plan(d, crcl(20), "bladder infections").recommended is None


@settings(deadline=None)
@given(st.sampled_from([(4, 5), (3, 6), (4, 4), (6, 3)]), st.sampled_from([", ", " "]), st.sampled_from(["times", "x"]))
def test_an_interval_with_its_count_of_doses_a_day(pair, comma, word):
    hours, count = pair
    facts = read_text(f"200 mg orally every {hours} hours{comma}{count}{' ' if word == 'times' else ''}{word} daily").facts
    assert len(facts) == 1 and facts[0].times == count and facts[0].daily == 200 * count


def test_an_interval_and_a_count_that_do_not_fit_a_day_stay_unread():
    assert read_text("200 mg every 8 hours, 5 times daily").unread  # 40 hours
    assert read_text("200 mg every 4 hours").unread  # around the clock or while awake: not stated


def test_a_course_in_months_has_no_end_day():
    facts = read_text("100 mg twice daily for up to 6 months, followed by reevaluation").facts
    assert len(facts) == 1 and facts[0].daily == 200 and facts[0].timing[0] == "for_upto"
    assert read_text("100 mg twice daily for 6 months").unread  # months are no number of days
    assert read_text("increase by 50 mg every month").unread


# ---------------------------------------------------------------- statements and starting doses

def test_a_statement_about_dialysis_is_no_crcl_band():
    d = mono(ONCE + "    - CrCl 20-49 mL/min: 20 mg once daily.\n    - CrCl ≥50 mL/min: No dosage adjustment.\n"
                    "- Following dose adjustment for renal impairment, no supplemental dose is needed after routine "
                    "hemodialysis.\n")
    assert plan(d, crcl(30)).steps[-1].daily_dose == 20 and plan(d, crcl(70)).max_daily_dose == 40
    on_hd = plan(d, crcl(0, "hd"))
    assert on_hd.recommended is None  # its words give no number: shown, not computed
    assert plan(d, crcl(0, "pd")).recommended is None
    # a statement naming a CrCl is not a dialysis statement: the set is refused as before
    d = mono(ONCE + "    - CrCl 20-49 mL/min: 20 mg once daily.\n"
                    "- In renal impairment with CrCl <20 mL/min, give the dose after hemodialysis.\n")
    assert plan(d, crcl(30)).recommended is None


HALF_START = ("## Dosage\n#### Adults:\n##### **Monotherapy**\n- Initial: 400 mg/day in two divided doses.\n"
              "##### **Adjunctive therapy**\n- Initial: 600 mg/day in two divided doses.\n"
              "#### Special Cases:\n- **Patients with Renal Impairment** (all regimens):\n"
              "    - CrCl less than 40 mL/min: Initiate therapy at one-half the usual starting dose (200 mg/day) and "
              "increase slowly to achieve the desired clinical response.\n")


def test_a_start_at_half_the_usual_starting_dose_is_checked_against_the_regimen():
    mono_plan = plan(mono(HALF_START), crcl(25), "monotherapy")
    assert mono_plan.recommended is True and mono_plan.steps[0].daily_dose == 200 and mono_plan.max_daily_dose is None
    assert any("× 0.5" in line for line in mono_plan.arithmetic)
    # 200 mg/day is not one-half of 600 mg/day: the numbers disagree for this regimen, so nothing is computed
    assert plan(mono(HALF_START), crcl(25), "adjunctive therapy").recommended is None


def test_a_start_at_a_part_of_the_usual_dose_without_its_number_stays_unread():
    assert read_guidance("Initiate therapy at one-half the usual starting dose.").action == "unread"
    assert read_guidance("Initiate therapy at 150% of the usual starting dose (600 mg/day).").action == "unread"


# ---------------------------------------------------------------- units taken, options

@settings(deadline=None)
@given(st.sampled_from([("One", 1), ("one", 1), ("Two", 2), ("2", 2), ("three", 3)]), st.integers(5, 500),
       st.sampled_from(["tablet", "capsule", "-mg capsule"]))
def test_a_count_of_tablets_is_the_amount_of_one_dose(count, amount, form):
    word, n = count
    unit = " mg " + form if not form.startswith("-") else form.replace("-mg", "-mg ", 1).replace("  ", " ")
    text = f"{word} {amount}{unit}{'s' if n > 1 else ''} orally twice daily"
    facts = read_text(text).facts
    assert len(facts) == 1 and facts[0].dose == amount * n and facts[0].daily == amount * n * 2, text


def test_a_count_of_doses_is_not_one_dose():
    facts = read_text("Two 500 mg doses taken 12 hours apart").facts  # two administrations, not 1000 mg at once
    assert len(facts) == 1 and facts[0].dose == 500 and facts[0].times == 2


def test_a_lower_dose_as_an_option_is_no_step_and_no_band_dose():
    d = mono("## Dosage\n#### Adults:\n- Maintenance: 8 mg orally once daily. The dose may be lowered to 4 mg once "
             "daily based on individual response and tolerability.\n")
    p = plan(d)
    assert [s.daily_dose for s in p.steps] == [8] and p.options and p.max_daily_dose is None
    assert read_guidance("10 mg once daily. The dose may be lowered to 5 mg once daily.").action == "unread"


def test_a_conditional_increase_is_an_option():
    d = mono("## Dosage\n#### Adults:\n- Initial: 25 mg orally once daily.\n"
             "- Titration: If the 25 mg dose is well tolerated, the dose may be increased to 50 mg once daily.\n")
    p = plan(d)
    # round 10: the option is also one undated step at its dose
    assert [(s.start_day, s.end_day, s.daily_dose) for s in p.steps] == [(1, None, 25), (None, None, 50)]
    assert [o.daily_dose for o in p.options] == [50]
    d = mono("## Dosage\n#### Adults:\n- Initial: 25 mg orally once daily.\n"
             "- Titration: If an adequate response is not achieved, the dosage should be increased to 50 mg once a day.\n")
    assert [o.daily_dose for o in plan(d).options] == [50]


def test_a_condition_that_is_not_about_response_or_tolerance_stays_unread():
    assert read_text("If the patient weighs less than 50 kg, the dose may be increased to 10 mg once daily").unread
    # a condition with a timing ("within one week") is not dropped: that timing would date the steps
    assert read_text("If an optimal response is not achieved within one week, the dosage should be increased to "
                     "100 mg once a day").unread


@settings(deadline=None)
@given(st.sampled_from(["Two", "two", "2", "Three"]), st.integers(100, 1000), st.sampled_from([4, 6, 8, 11]),
       st.sampled_from(["-mg", " mg"]))
def test_doses_so_many_hours_apart_within_one_day(count, amount, hours, unit):
    n = 3 if count == "Three" else 2
    facts = read_text(f"{count} {amount}{unit} doses taken {hours} hours apart").facts
    assert len(facts) == 1 and facts[0].times == n and facts[0].daily == amount * n and facts[0].dose == amount


def test_doses_apart_beyond_one_day_or_without_spacing_stay_unread():
    assert read_text("Two 500 mg doses taken 24 hours apart").unread
    assert read_text("Three 500 mg doses taken 12 hours apart").unread  # 24 hours from first to last
    assert read_text("Two 500 mg doses").unread


# ---------------------------------------------------------------- more band words

def test_more_band_label_forms():
    assert read_interval("CrCl 20 mL/min to 45 mL/min")[:2] == (20, 45)
    assert read_interval("Creatinine clearance (mL/min) 20-44")[:2] == (20, 44)
    for label in ("CrCl <25 mL/min (not on dialysis)", "CrCl <25 mL/min, not on hemodialysis"):
        band, _ = read_band(label, "Avoid.", 1)
        assert band is not None and band.high == 25 and band.dialysis == (), label
    band, _ = read_band("CrCl <25 mL/min (on dialysis)", "Avoid.", 1)
    assert band is None or band.dialysis  # never a CrCl band that silently drops "on dialysis"


def test_more_band_guidance_forms():
    assert read_guidance("Administer 25% of the usual dose.").scale == 0.25
    assert read_guidance("Not recommended for use.").action == "not-recommended"
    for text in ("Dose adjustment is not necessary.", "Dosage adjustment not required.", "Dosage reduction is not required."):
        assert read_guidance(text).action == "none", text
    g = read_guidance("Initial dose 5 mg once daily; may titrate to a maximum of 15 mg once daily.")
    assert (g.initial_daily_dose, g.max_daily_dose) == (5, 15)
    g = read_guidance("The recommended starting dose is 5 mg once daily and the maximum is 15 mg once daily.")
    assert (g.initial_daily_dose, g.max_daily_dose) == (5, 15)
    g = read_guidance("A loading dose of 400 mg followed by 200 mg every 24 hours.")
    assert (g.initial_daily_dose, g.daily_dose) == (400, 200)
    assert read_guidance("Administer 25% of the usual dose after meals with a snack.").action == "unread"


def test_a_reduction_and_its_result_must_agree():
    body = ("## Dosage\n#### Adults:\n- Initial: 20 mg orally once daily.\n#### Special Cases:\n"
            "- **Patients with Renal Impairment**:\n    - CrCl <30 mL/min: Reduce the dose by 50% (to {} mg once daily).\n"
            "    - CrCl ≥30 mL/min: No dosage adjustment.\n")
    assert plan(mono(body.format(10)), crcl(20)).steps[-1].daily_dose == 10
    assert plan(mono(body.format(5)), crcl(20)).recommended is None


# ---------------------------------------------------------------- step words

def test_the_grammar_compiles():
    from drugref.dosing.phrases import _parser

    assert _parser() is not None  # a grammar error would leave every clause unread: all refusals, no numbers


def test_an_increase_to_a_dose_after_a_stated_time_is_a_dated_step():
    for titration in ("Titration: Increase to 30 mg once daily after 2 weeks.",
                      "Titration: After 2 weeks, increase the dose to 30 mg once daily."):
        d = mono(f"## Dosage\n#### Adults:\n- Initial: 15 mg orally once daily.\n- {titration}\n")
        steps = [(s.start_day, s.end_day, s.daily_dose) for s in plan(d).steps]
        assert steps == [(1, 14, 15), (15, None, 30)], (titration, steps)
    # two doses in one titration bullet: not read
    d = mono("## Dosage\n#### Adults:\n- Initial: 15 mg orally once daily.\n"
             "- Titration: Increase to 30 mg once daily after 2 weeks, or to 45 mg once daily after 4 weeks.\n")
    assert plan(d).steps[-1].unread


def test_recommended_dosage_is_and_a_shortest_length():
    facts = read_text("The recommended starting dosage is 5 mg twice daily").facts
    assert facts[0].role == "initial" and facts[0].daily == 10
    assert read_text("The usual adult dosage is 10 mg once daily").facts[0].role == "dose"
    d = mono("## Dosage\n#### Adults:\n- Initial: 5 mg orally once daily for at least 1 week.\n"
             "- Maintenance: 10 mg once daily.\n")
    first = plan(d).steps[0]
    assert (first.start_day, first.daily_dose, first.timing_stated) == (1, 5, False)  # its end is not stated
    assert read_text("5 mg once daily for at least a while").unread


def test_every_third_day_and_for_the_next_weeks():
    d = mono("## Dosage\n#### Adults:\n- Initial: 400 mg/day in two divided doses.\n"
             "- Titration: The dose should be increased by 200 mg/day every third day to a dose of 800 mg/day.\n")
    steps = [(s.start_day, s.end_day, s.daily_dose) for s in plan(d).steps]
    assert steps == [(1, 3, 400), (4, 6, 600), (7, None, 800)]
    d = mono("## Dosage\n#### Adults:\n- Week 1: 5 mg orally once daily.\n- Weeks 2-3: 10 mg once daily for the next 2 weeks.\n"
             "- Week 4 onward: 20 mg once daily.\n")
    assert [(s.start_day, s.end_day) for s in plan(d).steps] == [(1, 7), (8, 21), (22, None)]
    assert read_text("increase by 10 mg every other third day").unread


def test_daily_doses_above_a_number_are_not_recommended():
    for text in ("Daily doses greater than 300 mg have not been studied and are not recommended",
                 "Doses above 300 mg/day are not recommended", "Total daily doses exceeding 300 mg are not recommended"):
        facts = read_text(text).facts
        assert len(facts) == 1 and facts[0].role == "maximum" and facts[0].daily == 300, text
    assert read_text("Doses above 300 mg are not recommended").unread  # one dose or a day's: not stated


def test_hepatic_degrees_joined_by_and():
    from drugref.dosing.bands import read_child_pugh

    assert read_child_pugh("Moderate and severe hepatic impairment") == ("B", "C")
    assert read_child_pugh("Mild and moderate hepatic impairment") == ("A", "B")
    assert read_child_pugh("Mild and severe hepatic impairment") is None
