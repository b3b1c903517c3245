"""Issue 11, round 10c: renal bands the blind corpus still refused. A loading dose before a dose every 48 hours, the
top of a maintenance range as the "maximum dosage" a band reduces, nested CrCl bands, an extra dose after dialysis in
a table's footnote, a switch from another product to the band's dose, a band's maintenance dose the schedule titrates
to. Each rule with a near miss that must stay unread (or refused)."""
from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from drugref.dosing import Patient, plan
from drugref.dosing.bands import read_guidance
from drugref.dosing.phrases import drug_names
from test_dosing_renal9 import crcl, dosing, titrate_json


def monograph(adults: str, renal: str, heading: str = "Patients with Renal Impairment") -> str:
    return ("---\nname: Examplamine\nbrand_names: [Examplix, Examplix XR]\n---\n# Examplamine\n\n## **Dosage**\n\n"
            f"### **Standard Dosage**\n\n#### **Adults:**\n{adults}\n#### **Special Cases:**\n\n"
            f"- **{heading}**:{renal}\n")


def bullets(*lines: str) -> str:
    return "\n" + "".join(f"    - {line}\n" for line in lines)


# ---------------------------------------------------------------- a loading dose, then a dose every 48 hours

FIXED = "- Dosage: 750 mg orally every 24 hours for 7 to 14 days.\n"


def loading(then: str) -> str:
    return monograph(FIXED, bullets("Creatinine clearance 20 to 49 mL/min: 750 mg every 48 hours",
                                    f"Creatinine clearance 10 to 19 mL/min: {then}"))


def test_a_loading_dose_before_a_dose_every_48_hours_covers_its_own_48_hours() -> None:
    p = plan(dosing(loading("750 mg initial dose, then 500 mg every 48 hours")), crcl(15))
    assert p.recommended is True, p.refused
    first, then = p.steps
    # the first dose is one dose on day 1, the next one 48 hours later: never 750 mg shown as a day's dose
    assert (first.start_day, first.end_day, first.dose, first.times_per_day, first.daily_dose) == (1, 2, 750, 0.5, 375)
    assert (then.start_day, then.end_day, then.dose, then.times_per_day, then.daily_dose) == (3, None, 500, 0.5, 250)
    assert p.max_daily_dose is None  # the label states none; the tool does not make one up from the schedule
    assert any("750 mg ÷ 2 days = 375 mg/day" in line for line in p.arithmetic)


def test_a_loading_dose_before_a_daily_dose_is_day_one_only() -> None:
    p = plan(dosing(loading("500 mg initial dose, then 250 mg every 24 hours")), crcl(12))
    assert [(s.start_day, s.end_day, s.daily_dose, s.times_per_day) for s in p.steps] == [(1, 1, 500, 1), (2, None, 250, 1)]


def test_a_loading_dose_before_doses_hours_apart_within_a_day_stays_undated() -> None:
    # near miss: "then 250 mg every 12 hours" puts the second dose on day 1 as well: no day is a clean day's dose
    p = plan(dosing(loading("500 mg initial dose, then 250 mg every 12 hours")), crcl(12))
    assert p.recommended is True
    assert all(not s.timing_stated for s in p.steps if s.label != "initial (renal)") or p.steps[0].end_day is None
    assert not any(s.daily_dose == 250 and s.times_per_day == 0.5 for s in p.steps)


@given(st.sampled_from([(24, 1), (48, 2), (72, 3)]), st.integers(1, 20).map(lambda n: n * 150.0),
       st.integers(1, 9).map(lambda n: n * 75.0))  # below the normal 750 mg: a band that changes the dose
def test_the_first_dose_is_spread_over_its_interval_and_the_next_starts_after_it(
        interval: tuple[int, int], first: float, then: float) -> None:
    hours, days = interval
    words = f"{first:g} mg initial dose, then {then:g} mg every {hours} hours"
    p = plan(dosing(monograph(FIXED, bullets(f"Creatinine clearance less than 30 mL/min: {words}"))), crcl(20))
    assert p.recommended is True, (words, p.refused)
    head, rest = p.steps
    assert (head.start_day, head.end_day, rest.start_day) == (1, days, days + 1)
    assert isinstance(head.daily_dose, float) and isinstance(rest.daily_dose, float)
    assert abs(head.daily_dose * days - first) < 1e-6 and abs(rest.daily_dose * days - then) < 1e-6


def test_the_loading_dose_through_the_cli(tmp_path: Path) -> None:
    code, answer = titrate_json(tmp_path, loading("750 mg initial dose, then 500 mg every 48 hours"), "--crcl", "15")
    assert code == 0
    steps = answer["steps"]
    assert isinstance(steps, list)
    assert [(s["start_day"], s["end_day"], s["daily_dose"], s["times_per_day"]) for s in steps] == \
        [(1, 2, 375.0, 0.5), (3, None, 250.0, 0.5)]
    assert answer["max_daily_dose"] is None


# ---------------------------------------------------------------- "a reduction of 25% of the maximum dosage"

RANGE = ("- Initial: 50 mg orally twice daily (100 mg per day).\n"
         "- Titration: Increase by 50 mg twice daily (100 mg per day) every week, based on clinical response.\n"
         "- Maintenance: 100 mg to 200 mg twice daily (200 mg to 400 mg per day).\n")
REDUCE = bullets("Mild to moderate renal impairment: No dosage adjustment is necessary.",
                 "Severe renal impairment (CLcr less than 30 mL/min): A reduction of 25% of the maximum dosage is "
                 "recommended.")


def test_the_maximum_dosage_a_band_reduces_is_the_top_of_the_maintenance_range() -> None:
    p = plan(dosing(monograph(RANGE, REDUCE)), crcl(20))
    assert p.recommended is True, p.refused
    assert p.max_daily_dose == 300  # 400 mg/day × 0.75
    assert any("top of the maintenance range, 400 mg/day" in line for line in p.arithmetic)
    assert all(s.unread or s.daily_dose is None or (max(s.daily_dose) if isinstance(s.daily_dose, tuple)
                                                    else s.daily_dose) <= 300 for s in p.steps)


def test_no_maximum_is_taken_from_a_range_when_an_unread_step_names_more() -> None:
    # near miss: the titration's words name 600 mg, above the maintenance range: where the maximum lies is not clear
    adults = RANGE.replace("every week, based on clinical response.",
                           "every week, based on clinical response; doses of 600 mg per day were studied.")
    p = plan(dosing(monograph(adults, REDUCE)), crcl(20))
    assert p.recommended is None and p.max_daily_dose is None and "no single maximum" in (p.refused or "")


def test_the_reduced_maximum_through_the_cli(tmp_path: Path) -> None:
    code, answer = titrate_json(tmp_path, monograph(RANGE, REDUCE), "--crcl", "20")
    assert code == 0 and answer["max_daily_dose"] == 300.0


# ---------------------------------------------------------------- a band nested in another

NESTED = bullets("Creatinine clearance of 10 to 20 mL/min: A daily dosage of 200 mg is suitable.",
                 "Creatinine clearance less than 10 mL/min: The daily dosage should not exceed 100 mg.",
                 "Creatinine clearance less than 3 mL/min (extreme renal impairment): The interval between doses may "
                 "also need to be lengthened.")
GOUT = "- Initial: 100 mg orally once daily.\n- Maximum: 800 mg/day.\n"


def test_a_band_nested_in_another_leaves_no_gap_above_it() -> None:
    d = dosing(monograph(GOUT, NESTED))
    assert not any("gap" in p.message for p in d.problems)
    for value in (9.5, 5, 3):  # 3 is not "less than 3": the band above alone applies
        p = plan(d, crcl(value))
        assert p.recommended is True and p.max_daily_dose == 100, (value, p.refused)
    # 10 to 20 mL/min: "200 mg is suitable" is above the schedule's 100 mg start, and no step of the schedule
    # reaches it: refused rather than starting this patient above the normal start (plan's start rule)
    above = plan(d, crcl(10))
    assert above.recommended is None and "above the schedule's starting dose" in (above.refused or "")


# the inner band's words with a number this tool does not read (its own words alone keep the outer maximum since
# round 12: tests/test_dosing_renal12.py)
NESTED_UNREAD = NESTED.replace("need to be lengthened.", "need to be lengthened to every 48 hours.")


def test_inside_both_nested_bands_the_answer_is_refused() -> None:
    # near miss: at 2 mL/min the inner band's words apply too, and they are not read
    p = plan(dosing(monograph(GOUT, NESTED_UNREAD)), crcl(2))
    assert p.recommended is None and "overlap" in (p.refused or "")


def test_nested_bands_through_the_cli(tmp_path: Path) -> None:
    code, answer = titrate_json(tmp_path, monograph(GOUT, NESTED), "--crcl", "5")
    assert code == 0 and answer["max_daily_dose"] == 100.0
    code, answer = titrate_json(tmp_path, monograph(GOUT, NESTED_UNREAD), "--crcl", "2")
    assert code == 1 and answer["recommended"] is None


# ---------------------------------------------------------------- an extra dose after dialysis, in a footnote

KEPPRA_LIKE = ("- Initial: 500 mg orally twice daily.\n- Maximum: 3000 mg/day.\n")


def table(footnote: str) -> str:
    return ("\n\n| Group | Creatinine Clearance (mL/min) | Dosage (mg) | Frequency |\n|---|---|---|---|\n"
            "| Normal | > 80 | 500 to 1,500 | Every 12 hours |\n| Severe | < 80 | 250 to 500 | Every 12 hours |\n"
            "| ESRD patients using dialysis | — | 500 to 1,000 | Every 24 hours* |\n\n" + footnote + "\n")


def test_a_supplemental_dose_after_dialysis_is_shown_beside_the_daily_dose_never_in_it() -> None:
    d = dosing(monograph(KEPPRA_LIKE, table("*Following dialysis, a 250 to 500 mg supplemental dose is recommended.")))
    p = plan(d, crcl(5, "hd"))
    assert p.recommended is True, p.refused
    assert p.steps[-1].daily_dose == (500, 1000) and p.steps[-1].times_per_day == 1 and p.max_daily_dose == 1000
    assert any("supplemental dose" in w and "not counted" in w for w in p.warnings)


def test_a_footnote_that_changes_the_dose_leaves_the_band_unread() -> None:
    # near miss: the footnote halves the dose on dialysis days — words this reader does not read
    d = dosing(monograph(KEPPRA_LIKE, table("*On dialysis days, give half of the dose after dialysis.")))
    p = plan(d, crcl(5, "hd"))
    assert p.recommended is None and not p.steps


def test_a_footnote_marker_without_its_footnote_stays_unread() -> None:
    p = plan(dosing(monograph(KEPPRA_LIKE, table(""))), crcl(5, "hd"))
    assert p.recommended is None


def test_the_supplemental_dose_through_the_cli(tmp_path: Path) -> None:
    text = monograph(KEPPRA_LIKE, table("*Following dialysis, a 250 to 500 mg supplemental dose is recommended."))
    code, answer = titrate_json(tmp_path, text, "--dialysis", "hd")
    assert code == 0 and answer["max_daily_dose"] == 1000.0
    warnings = answer["warnings"]
    assert isinstance(warnings, list) and any("250 to 500 mg supplemental dose" in w for w in warnings)


def test_a_supplemental_dose_alone_is_no_band_dose() -> None:
    assert read_guidance("Following dialysis, a 250 to 500 mg supplemental dose is recommended.").action == "unread"


# ---------------------------------------------------------------- maintenance (and maximum) dose, and a switch

XR = ("- Initial: 7 mg orally once daily.\n"
      "- Titration: The dose should be increased in 7 mg increments to the recommended maintenance dose of 28 mg once "
      "daily. The minimum recommended interval between dose increases is one week.\n"
      "- Maximum: 28 mg once daily.\n")


def severe(words: str) -> str:
    return monograph(XR, bullets("Moderate renal impairment (creatinine clearance 30 - 49 mL/min): No dosage "
                                 "adjustment is recommended.",
                                 f"Severe renal impairment (creatinine clearance of 5 - 29 mL/min): {words}"))


SWITCH = ("The recommended maintenance dose (and maximum recommended dose) is 14 mg/day. A patient with severe renal "
          "impairment on 5 mg twice daily of Examplix may be switched to Examplix XR 14 mg once daily the day after "
          "the last dose of Examplix.")


def test_a_maintenance_dose_that_is_also_the_maximum_keeps_the_start_and_stops_the_titration_there() -> None:
    p = plan(dosing(severe(SWITCH)), crcl(20))
    assert p.recommended is True, p.refused
    assert [(s.start_day, s.end_day, s.daily_dose) for s in p.steps] == [(1, 7, 7), (8, None, 14)]
    assert p.max_daily_dose == 14
    assert any("may be switched to Examplix XR 14 mg" in w for w in p.warnings)


def test_a_switch_to_another_dose_than_the_bands_stays_unread() -> None:
    # near miss: the switch names 21 mg once daily, not the band's 14 mg/day
    p = plan(dosing(severe(SWITCH.replace("XR 14 mg once daily", "XR 21 mg once daily"))), crcl(20))
    assert p.recommended is None and not p.steps


def test_the_switch_is_read_only_beside_a_dose() -> None:
    with drug_names(["examplamine"], ["Examplix", "Examplix XR"]):
        alone = read_guidance("A patient on 5 mg twice daily of Examplix may be switched to Examplix XR 14 mg once "
                              "daily the day after the last dose of Examplix.")
    assert alone.action == "unread"


def test_the_maintenance_band_through_the_cli(tmp_path: Path) -> None:
    code, answer = titrate_json(tmp_path, severe(SWITCH), "--crcl", "20")
    assert code == 0 and answer["max_daily_dose"] == 14.0
    steps = answer["steps"]
    assert isinstance(steps, list) and [s["daily_dose"] for s in steps] == [7.0, 14.0]


# ---------------------------------------------------------------- an exception for one indication, after the dose

UTI_TABLE = ("\n\n| Creatinine clearance | Dosage in normal renal function 250 mg every 24 hours |\n| --- | --- |\n"
             "| 20 to 49 mL/min | No dosage adjustment required |\n"
             "| 10 to 19 mL/min | 250 mg every 48 hours. If treating uncomplicated UTI, then no dosage adjustment is "
             "required |\n")


def infections(*names: str) -> str:
    adults = "".join(f"\n##### **{name}**\n- Dosage: 250 mg orally every 24 hours for 10 days.\n" for name in names)
    return monograph(adults, " No adjustment is necessary for patients with a creatinine clearance ≥ 50 mL/min." +
                     UTI_TABLE)


def test_the_exception_applies_to_the_indication_it_names_and_not_to_its_complicated_sibling() -> None:
    d = dosing(infections("Complicated urinary tract infection (10 day regimen)", "Uncomplicated urinary tract infection"))
    named = plan(d, crcl(15), "Uncomplicated urinary tract infection")
    assert named.recommended is True and named.steps[0].daily_dose == 250 and not named.steps[0].renal_adjusted
    other = plan(d, crcl(15), "Complicated urinary tract infection")
    assert other.recommended is True, other.refused
    assert (other.steps[-1].dose, other.steps[-1].times_per_day, other.steps[-1].daily_dose) == (250, 0.5, 125)


def test_a_regimen_the_exception_may_include_keeps_the_band_unread() -> None:
    # near misses: "Urinary tract infection" may include the uncomplicated ones; pyelonephritis names no UTI in words
    d = dosing(infections("Urinary tract infection", "Acute pyelonephritis"))
    for name in ("Urinary tract infection", "Acute pyelonephritis"):
        p = plan(d, crcl(15), name)
        assert p.recommended is None and not p.steps, name


def test_a_no_adjustment_sentence_before_the_table_is_the_band_above_it() -> None:
    d = dosing(infections("Complicated urinary tract infection (10 day regimen)", "Uncomplicated urinary tract infection"))
    for value in (50, 55, 89):
        p = plan(d, crcl(value), "Complicated urinary tract infection")
        assert p.recommended is True and p.steps[0].daily_dose == 250 and not p.steps[0].renal_adjusted, value


def test_a_sentence_before_the_table_that_leaves_a_gap_is_not_a_band() -> None:
    # near miss: "≥ 60" does not start where the table ends (49 mL/min): it is no band
    text = infections("Complicated urinary tract infection (10 day regimen)").replace("≥ 50 mL/min", "≥ 60 mL/min")
    assert [b.low for b in dosing(text).bands if b.measure == "crcl"] == [10, 20]


def test_the_exception_through_the_cli(tmp_path: Path) -> None:
    text = infections("Complicated urinary tract infection (10 day regimen)", "Uncomplicated urinary tract infection")
    code, answer = titrate_json(tmp_path, text, "--crcl", "15", "--indication", "complicated urinary")
    steps = answer["steps"]
    assert code == 0 and isinstance(steps, list) and steps[-1]["daily_dose"] == 125.0


# ---------------------------------------------------------------- a column of amounts, its frequency in the heading

TOVIAZ_LIKE = ("- Initial: 4 mg orally once daily.\n"
               "- Titration: Based upon individual response and tolerability, increase to the maximum dosage of 8 mg "
               "once daily.\n- Maximum: 8 mg once daily.\n")


def amounts_table(heading_words: str) -> str:
    return monograph(TOVIAZ_LIKE, f" {heading_words}\n\n| Estimated Creatinine Clearance | Recommended Dose |\n|---|---|\n"
                                  "| CLcr 30 to 89 mL/min | 8 mg |\n| CLcr 15 to 29 mL/min | 4 mg |\n"
                                  "| CLcr <15 mL/min | 4 mg |\n", heading="Patients with Renal Impairment (adults)")


def test_amounts_in_a_table_take_the_frequency_the_heading_states() -> None:
    d = dosing(amounts_table("Recommended dose in adult patients with renal impairment (administered orally once "
                             "daily):"))
    low = plan(d, crcl(20))
    assert low.recommended is True, low.refused
    assert [(s.daily_dose, s.times_per_day) for s in low.steps] == [(4, 1)]
    # the normal maximum as a row's amount is the normal-function row: start at 4 mg and go up to 8 mg as usual
    normal, standard = plan(d, crcl(50)), plan(d, Patient())
    assert normal.steps == standard.steps and normal.max_daily_dose == standard.max_daily_dose == 8


def test_amounts_without_a_stated_frequency_stay_unread() -> None:
    # near miss: the heading names no frequency; "4 mg" alone is no daily dose
    p = plan(dosing(amounts_table("Recommended dose in adult patients with renal impairment:")), crcl(20))
    assert p.recommended is None and not p.steps


def test_the_heading_frequency_through_the_cli(tmp_path: Path) -> None:
    text = amounts_table("Recommended dose in adult patients with renal impairment (administered orally once daily):")
    code, answer = titrate_json(tmp_path, text, "--crcl", "20")
    steps = answer["steps"]
    assert code == 0 and isinstance(steps, list) and [(s["daily_dose"], s["times_per_day"]) for s in steps] == [(4.0, 1.0)]


# ---------------------------------------------------------------- no adjustment, and what to watch for

DAILY = "- Dosage: 20 mg orally once daily.\n"


def test_no_adjustment_for_patients_with_renal_impairment_is_every_patients_verdict() -> None:
    d = dosing(monograph(DAILY, " No dose adjustment necessary for patients with renal impairment."))
    for value in (80, 25, 5):
        p = plan(d, crcl(value))
        assert p.recommended is True and p.steps == plan(d, Patient()).steps, value


def test_no_adjustment_for_some_degrees_only_stays_unread() -> None:
    # near miss: "mild to severe impairment" names no clearance and leaves end-stage disease out
    p = plan(dosing(monograph(DAILY, " No dosage adjustment is necessary for patients who have mild to severe "
                                     "impairment of renal function.")), crcl(25))
    assert p.recommended is None


def test_what_to_watch_for_beside_no_adjustment_is_a_caution() -> None:
    g = read_guidance("No dose adjustment required; use caution and closely monitor for gastrointestinal adverse "
                      "reactions and changes in renal function.")
    assert g.action == "caution"
    # near miss: watching for something beside a dose this reader does not read keeps the band unread
    assert read_guidance("Consider a lower dose; closely monitor for adverse reactions.").action == "unread"


def test_the_caution_through_the_cli(tmp_path: Path) -> None:
    text = monograph(DAILY, bullets("Mild to severe renal impairment (eGFR 15 to 89 mL/min/1.73 m2): No dose "
                                    "adjustment required; use caution and closely monitor for gastrointestinal "
                                    "adverse reactions and changes in renal function.",
                                    "End-stage renal disease (eGFR less than 15 mL/min/1.73 m2): Use is not "
                                    "recommended."))
    code, answer = titrate_json(tmp_path, text, "--crcl", "30")
    warnings = answer["warnings"]
    assert code == 0 and answer["max_daily_dose"] is None and isinstance(warnings, list)
    assert any("caution" in w for w in warnings)
    code, answer = titrate_json(tmp_path, text, "--crcl", "10")
    assert code == 1 and answer["recommended"] is False


# ---------------------------------------------------------------- dialysis patients sent to another product

def xr_table(after: str) -> str:
    return monograph("- Initial: 1000 mg orally once daily.\n- Maximum: 3000 mg/day.\n",
                     "\n\n| Group | Creatinine Clearance (mL/min) | Dosage (mg) | Frequency |\n|---|---|---|---|\n"
                     "| Normal | > 80 | 1000 to 3000 | Every 24 hours |\n| Severe | < 80 | 500 to 1000 | Every 24 hours |\n"
                     f"\n{after}\n")


def test_dialysis_patients_told_to_use_another_product_are_not_recommended_this_one() -> None:
    d = dosing(xr_table("End-stage renal disease patients on dialysis should use immediate-release examplamine "
                        "(EXAMPLIX) instead of EXAMPLIX XR."))
    assert plan(d, crcl(5, "hd")).recommended is False
    assert plan(d, crcl(50)).max_daily_dose == 1000  # the table itself is read as before


def test_any_other_sentence_after_the_table_gives_no_dialysis_band() -> None:
    # near miss: a sentence about dialysis that sends the patients nowhere stays unread: no band for them
    d = dosing(xr_table("End-stage renal disease patients on dialysis should be monitored closely."))
    p = plan(d, crcl(5, "hd"))
    assert p.recommended is None and "no band" in (p.refused or "")


def test_the_other_product_through_the_cli(tmp_path: Path) -> None:
    text = xr_table("End-stage renal disease patients on dialysis should use immediate-release examplamine (EXAMPLIX) "
                    "instead of EXAMPLIX XR.")
    code, answer = titrate_json(tmp_path, text, "--dialysis", "hd")
    assert code == 1 and answer["recommended"] is False and answer["steps"] == []


# ---------------------------------------------------------------- the dialysis row that only adds a supplement

def dialysis_rows(dialysis_words: str) -> str:
    return monograph(RANGE, bullets("Mild to moderate renal impairment: No dosage adjustment is necessary.",
                                    "Severe renal impairment (CLcr less than 30 mL/min): A reduction of 25% of the "
                                    "maximum dosage is recommended.",
                                    "End-stage renal disease: A reduction of 25% of the maximum dosage is recommended.",
                                    f"Hemodialysis: {dialysis_words}"))


def test_a_dialysis_row_of_supplement_words_leaves_the_end_stage_dose_with_them_beside_it() -> None:
    p = plan(dosing(dialysis_rows("Examplamine is effectively removed from plasma by hemodialysis. Following a 4-hour "
                                  "hemodialysis treatment, dosage supplementation of up to 50% should be considered.")),
             crcl(5, "hd"))
    assert p.recommended is True and p.max_daily_dose == 300, p.refused
    assert p.band is not None and p.band.label == "End-stage renal disease"
    assert any("supplementation of up to 50%" in w and "not counted" in w for w in p.warnings)


def test_a_dialysis_row_that_changes_the_dose_stays_the_patients_band() -> None:
    # near miss: the row halves the dose on dialysis days as well: unread, refused with its words
    p = plan(dosing(dialysis_rows("Examplamine is effectively removed from plasma by hemodialysis. Give half of the "
                                  "dose on dialysis days.")), crcl(5, "hd"))
    assert p.recommended is None and not p.steps


def test_the_end_stage_dose_for_dialysis_through_the_cli(tmp_path: Path) -> None:
    text = dialysis_rows("Following a 4-hour hemodialysis treatment, dosage supplementation of up to 50% should be "
                         "considered.")
    code, answer = titrate_json(tmp_path, text, "--dialysis", "hd")
    assert code == 0 and answer["max_daily_dose"] == 300.0


# ---------------------------------------------------------------- a row label's footnote, in the bullet below

def cefprozil_like(footnote: str) -> str:
    return monograph("- Dosage: 500 mg q12h for 10 days.\n",
                     " (the following dosage schedule should be used):\n\n"
                     "| Creatinine Clearance (mL/min) | Dosage (mg) | Dosing Interval |\n|---|---|---|\n"
                     "| 30 to 120 | standard | standard |\n| 0 to 29* | 50% of standard | standard |\n\n" + footnote)


def test_a_row_label_footnote_in_the_next_bullet_goes_beside_the_rows_dose() -> None:
    d = dosing(cefprozil_like("- *Examplamine is in part removed by hemodialysis; therefore, examplamine should be "
                              "administered after the completion of hemodialysis.\n"))
    p = plan(d, crcl(20))
    assert p.recommended is True, p.refused
    assert [(s.dose, s.times_per_day, s.daily_dose) for s in p.steps] == [(250, 2, 500)]  # half of each dose
    assert any("after the completion of hemodialysis" in w for w in p.warnings)
    assert plan(d, crcl(60)).steps == plan(d, Patient()).steps  # "standard | standard": no change


def test_a_row_label_footnote_that_changes_the_dose_leaves_the_row_unread() -> None:
    # near miss: the footnote gives dialysis patients another dose
    d = dosing(cefprozil_like("- *Patients on hemodialysis should receive 250 mg after each session.\n"))
    assert plan(d, crcl(20)).recommended is None


def test_a_row_label_marker_without_its_footnote_is_not_a_clearance() -> None:
    assert plan(dosing(cefprozil_like("")), crcl(20)).recommended is None


def test_the_row_footnote_through_the_cli(tmp_path: Path) -> None:
    text = cefprozil_like("- *Examplamine is in part removed by hemodialysis; therefore, examplamine should be "
                          "administered after the completion of hemodialysis.\n")
    code, answer = titrate_json(tmp_path, text, "--crcl", "20")
    steps = answer["steps"]
    assert code == 0 and isinstance(steps, list) and steps[0]["daily_dose"] == 500.0 and steps[0]["dose"] == 250.0


# ---------------------------------------------------------------- intervals listed below a heading that gives the doses

def intervals_table(remark: str, above: str) -> str:
    return ("---\nname: Examplamine\n---\n# Examplamine\n\n## **Dosage**\n\n### **Standard Dosage**\n\n#### **Adults:**\n"
            "- Dosage: 1 g orally twice daily for 10 days.\n\n#### **Special Cases:**\n\n"
            f"- **Patients with Renal Impairment** ({remark}):\n\n"
            "| Creatinine Clearance (mL/min) | Dosage Interval |\n|---|---|\n"
            "| 0-10 | 36 hours |\n| 10-25 | 24 hours |\n| 25-50 | 12 hours |\n\n"
            f"- {above}\n")


CEFADROXIL_LIKE = ("the dosage should be adjusted according to creatinine clearance rates to prevent drug accumulation; "
                   "initial dose of 1000 mg and maintenance doses of 500 mg at the time intervals listed below")
OVER_50 = ("Patients with creatinine clearance rates over 50 mL/min may be treated as if they were patients having normal "
           "renal function.")


def test_intervals_listed_below_take_the_headings_initial_and_maintenance_doses() -> None:
    d = dosing(intervals_table(CEFADROXIL_LIKE, OVER_50))
    daily = plan(d, crcl(20))
    # in the schedule's unit (g)
    assert [(s.start_day, s.end_day, s.daily_dose) for s in daily.steps] == [(1, 1, 1), (2, None, 0.5)], daily.refused
    twice = plan(d, crcl(40))
    assert twice.recommended is True and twice.steps[-1].daily_dose == 1 and twice.steps[-1].dose == 0.5
    # every 36 hours: 333.33 mg/day is no number to show — the row is refused with its words
    assert plan(d, crcl(5)).recommended is None
    assert plan(d, crcl(55)).steps == plan(d, Patient()).steps  # "over 50 … as if … normal renal function"


def test_a_heading_that_gives_no_maintenance_dose_leaves_the_intervals_unread() -> None:
    # near miss: the heading gives only an initial dose; the intervals of what are not stated
    d = dosing(intervals_table("initial dose of 1000 mg; then follow the time intervals listed below", OVER_50))
    assert plan(d, crcl(20)).recommended is None


def test_the_listed_intervals_through_the_cli(tmp_path: Path) -> None:
    code, answer = titrate_json(tmp_path, intervals_table(CEFADROXIL_LIKE, OVER_50), "--crcl", "20")
    steps = answer["steps"]
    assert code == 0 and isinstance(steps, list) and [s["daily_dose"] for s in steps] == [1.0, 0.5]


# ---------------------------------------------------------------- where in the label, and the band's own patients again

def restated(heading_note: str, at_most_40: str) -> str:
    return monograph("\n##### **Acute bronchitis**\n- Dosage: 320 mg orally once daily for 5 days.\n"
                     "\n##### **Pneumonia**\n- Dosage: 320 mg orally once daily for 7 days.\n",
                     "" + bullets(
                         "Creatinine clearance >40 mL/min: Dose adjustment in patients with creatinine clearance >40 "
                         "mL/min is not required.",
                         f"Creatinine clearance ≤40 mL/min: {at_most_40}",
                         "Hemodialysis or continuous ambulatory peritoneal dialysis (CAPD): Patients requiring routine "
                         "hemodialysis or continuous ambulatory peritoneal dialysis (CAPD) should receive 160 mg every 24 "
                         "hours.")).replace("- **Patients with Renal Impairment**:",
                                            f"- **Patients with Renal Impairment** ({heading_note}):")


EXACT = "Modification of the dosage is recommended for patients with creatinine clearance ≤40 mL/min: 160 mg every 24 hours."


def test_a_heading_that_names_the_labels_section_and_table_is_for_every_regimen() -> None:
    d = dosing(restated("Use in Renally Impaired Patients; Table 5", EXACT))
    for name in ("Acute bronchitis", "Pneumonia"):
        low, high, pd = plan(d, crcl(30), name), plan(d, crcl(60), name), plan(d, crcl(5, "pd"), name)
        assert low.recommended is True and low.steps[-1].daily_dose == 160, (name, low.refused)
        assert high.recommended is True and high.steps == plan(d, Patient(), name).steps
        assert pd.recommended is True and pd.steps[-1].daily_dose == 160, pd.refused


def test_words_naming_other_patients_than_the_bands_stay_unread() -> None:
    # near miss: the clause names CrCl ≤30, not the band's ≤40: which patients get 160 mg is not this band's question
    d = dosing(restated("Use in Renally Impaired Patients; Table 5", EXACT.replace("≤40 mL/min:", "≤30 mL/min:")))
    assert plan(d, crcl(35), "Pneumonia").recommended is None
    # near miss: parentheses that name something else than the label's section stay a group no regimen matches
    d = dosing(restated("Crossover study; Table 5", EXACT))
    assert plan(d, crcl(30), "Pneumonia").recommended is None


def test_the_restated_patients_through_the_cli(tmp_path: Path) -> None:
    code, answer = titrate_json(tmp_path, restated("Use in Renally Impaired Patients; Table 5", EXACT), "--crcl", "30",
                                "--indication", "pneumonia")
    steps = answer["steps"]
    assert code == 0 and isinstance(steps, list) and steps[-1]["daily_dose"] == 160.0
