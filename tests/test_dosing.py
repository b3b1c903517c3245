"""Titration steps, renal bands, Cockcroft-Gault and `drugref titrate` / `drugref crcl`.

The rule under test everywhere: a number is shown only when the monograph's words were read completely;
otherwise the plan is a refusal that shows the words (exit 1)."""
from __future__ import annotations

import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import DATA, SEED, examples
from drugref.crcl import cockcroft_gault
from drugref.dosing import Patient, plan, read_dosing
from drugref.dosing.bands import read_interval
from drugref.dosing.phrases import read_text
from drugref.errors import InvalidInput
from drugref.monograph import parse_monograph, parse_text

DOSING = DATA / "dosing"


def mono(body: str, title: str = "Testdrug"):
    return read_dosing(parse_text(f"---\ntitle: {title}\nbrand_names: [Testbrand, Testbrand XR]\n---\n{body}", "t.md"))


def crcl(value: float) -> Patient:
    return Patient(crcl_ml_min=value, crcl_source="given")


def steps_of(p):
    return [(s.start_day, s.end_day, s.dose, s.times_per_day, s.daily_dose) for s in p.steps]


@pytest.fixture(scope="module")
def seed_dosing():
    return read_dosing(parse_monograph(SEED))


# ---------------------------------------------------------------- the seed

def test_seed_standard_schedule(seed_dosing):
    p = plan(seed_dosing)
    assert steps_of(p) == [(1, 1, 12.5, 1, 12.5), (2, 3, 12.5, 2, 25), (4, 7, 25, 2, 50), (8, None, 50, 2, 100)]
    assert p.maintenance_daily_dose == 100 and p.max_daily_dose == 200 and p.unit == "mg"
    assert p.recommended is True and p.band is None
    assert any("renal function was not considered" in w for w in p.warnings)
    assert seed_dosing.problems == ()


def test_seed_severe_band(seed_dosing):
    p = plan(seed_dosing, crcl(25))
    assert p.band.label == "Severe (CrCl 5-29 mL/min)"
    assert p.maintenance_daily_dose == 50 and p.max_daily_dose == 100
    assert steps_of(p)[-1] == (8, None, 25, 2, 50)
    assert p.arithmetic == ("maintenance 100 mg/day × 0.5 = 50 mg/day",)


def test_band_edges_are_contiguous_and_warned(seed_dosing):
    below, at = plan(seed_dosing, crcl(29.9)), plan(seed_dosing, crcl(30))
    assert below.band.label.startswith("Severe") and at.band.label.startswith("Moderate")
    assert any("within 10%" in w for w in below.warnings) and any("within 10%" in w for w in at.warnings)


def test_esrd_applies_only_on_dialysis(seed_dosing):
    low = plan(seed_dosing, crcl(3))
    assert low.recommended is None and low.steps == () and low.max_daily_dose is None
    assert "no renal band" in low.refused and "--dialysis" in low.refused
    on_dialysis = plan(seed_dosing, Patient(dialysis="hd"))
    assert on_dialysis.recommended is False and on_dialysis.band.label.startswith("End-stage")


def test_above_all_bands_is_no_adjustment(seed_dosing):
    p = plan(seed_dosing, crcl(85))
    assert p.band is None and p.recommended and p.maintenance_daily_dose == 100
    assert any("above every renal band" in w for w in p.warnings)


# ---------------------------------------------------------------- band tables as labels write them

@pytest.mark.parametrize("label,expected", [
    ("CrCl ≥60 mL/min", (60, None, True, False, "crcl")),
    ("CrCl >30–59 mL/min", (30, 59, False, True, "crcl")),
    ("CrCl >15-29", (15, 29, False, True, "crcl")),
    ("CrCl 15 mL/min", (15, 15, True, True, "crcl")),
    ("CrCl <15 mL/min", (0, 15, True, False, "crcl")),
    ("below 15", (0, 15, True, False, "crcl")),
    ("CrCl 30 to 59 mL/min", (30, 59, True, True, "crcl")),
    ("CrCl less than 30 mL/min", (0, 30, True, False, "crcl")),
    ("CrCl ≥30 to <60 mL/min", (30, 60, True, False, "crcl")),
    ("30-50 mL/min", (30, 50, True, True, "crcl")),
    ("eGFR 30-44 mL/min/1.73 m2", (30, 44, True, True, "egfr")),
    ("eGFR greater than or equal to 45 mL/min/1.73 m²", (45, None, True, False, "egfr")),
    ("CrCL >50 to ≤95 mL/min", (50, 95, False, True, "crcl")),
    ("Mild (CrCl 50-80 mL/min)", (50, 80, True, True, "crcl")),
    ("Severe impairment (creatinine Cl = 15 to <30 mL/min)", (15, 30, True, False, "crcl")),
    ("Mild (CrCl 50 to 80 mL/min) to moderate (CrCl 30 to 50 mL/min) renal impairment", (30, 80, True, True, "crcl")),
    ("Hemodialysis", ("dialysis", ("hd",))),
    ("Hemodialysis or Chronic Ambulatory Peritoneal Dialysis (CAPD)", ("dialysis", ("hd", "pd"))),
    ("End-stage renal disease (ESRD)", ("esrd",)),
    ("Severe", None),
    ("Mild to moderate renal impairment", None),
    ("Severe renal impairment (CrCl less than 30 mL/min) without regular dialysis", None),
    ("Patients on dialysis (CrCl 10 mL/min)", None),
])
def test_band_labels(label, expected):
    assert read_interval(label) == expected


NEURONTIN_TABLE = """## Dosage
#### Adults:
- Day 1: 300 mg orally once daily.
- Day 2: 300 mg orally twice daily.
- Day 3: 300 mg orally three times daily.
- Maintenance: 600 mg orally three times daily.
- Maximum: 3600 mg/day.

#### Special Cases:
- **Patients with Renal Impairment**:
    - CrCl ≥60: 900–3600 mg/day TID.
    - CrCl >30–59: 400–1400 mg/day BID.
    - CrCl >15–29: 200–700 mg/day once daily.
    - CrCl 15: 100–300 mg/day once daily.
    - CrCl <15: Reduce the daily dose in proportion to creatinine clearance.
    - Hemodialysis: Supplemental dose after each 4 hours of hemodialysis.
"""


@pytest.mark.parametrize("value,max_daily,daily,times", [
    (90, 3600, 1800, 3),  # the >=60 row: the standard schedule, capped at the smaller maximum
    (45, 1400, (400, 1400), 2),
    (30, 700, (200, 700), 1),  # 30 is not ">30"
    (20, 700, (200, 700), 1),
    (15, 300, (100, 300), 1),
    (7.5, 150, (50, 150), 1),  # one-half of the CrCl 15 row
])
def test_label_band_table(value, max_daily, daily, times):
    p = plan(mono(NEURONTIN_TABLE), crcl(value))
    assert p.recommended is True, p.refused
    assert p.max_daily_dose == max_daily
    assert p.maintenance_daily_dose == daily
    assert p.steps[-1].times_per_day == times
    for step in p.steps:  # never 233.333 mg: a dose per administration only when it divides evenly
        doses = step.dose if isinstance(step.dose, tuple) else (step.dose,)
        assert all(dose is None or round(dose, 3) == dose for dose in doses)


def test_proportional_rule_shows_its_arithmetic():
    p = plan(mono(NEURONTIN_TABLE), crcl(5))
    assert p.maintenance_daily_dose == (33.3, 100) and p.arithmetic
    assert "× 5/15" in p.arithmetic[0]


def test_dialysis_band_only_when_said():
    d = mono(NEURONTIN_TABLE)
    refused = plan(d, Patient(dialysis="hd"))
    assert refused.recommended is None and refused.band.label == "Hemodialysis"
    assert any("Supplemental dose" in text for _, _, text in refused.shown_text)


def test_overlapping_bands_are_refused_where_they_overlap():
    d = mono("## Dosage\n#### Adults:\n- Maintenance: 100 mg orally once daily.\n#### Special Cases:\n"
             "- **Patients with Renal Impairment**:\n    - CrCl 20-40 mL/min: 50 mg orally once daily.\n"
             "    - CrCl 30-60 mL/min: No dosage adjustment necessary.\n")
    assert any("overlap" in p.message for p in d.problems)
    assert plan(d, crcl(35)).recommended is None
    assert plan(d, crcl(25)).maintenance_daily_dose == 50
    assert plan(d, crcl(50)).maintenance_daily_dose == 100


def test_gap_below_normal_function_is_refused():
    d = mono("## Dosage\n#### Adults:\n- Maintenance: 100 mg orally once daily.\n#### Special Cases:\n"
             "- **Patients with Renal Impairment**:\n    - CrCl 10-20 mL/min: 50 mg orally once daily.\n")
    assert plan(d, crcl(15)).maintenance_daily_dose == 50
    above = plan(d, crcl(40))
    assert above.recommended is None and "normal function" in above.refused
    assert plan(d, crcl(95)).maintenance_daily_dose == 100


def test_unread_band_refuses_for_its_patients_only():
    d = mono("## Dosage\n#### Adults:\n- Maintenance: 100 mg orally once daily.\n#### Special Cases:\n"
             "- **Patients with Renal Impairment**:\n    - CrCl <30 mL/min: Adjust as clinically indicated.\n"
             "    - CrCl ≥30 mL/min: No dosage adjustment necessary.\n")
    low = plan(d, crcl(20))
    assert low.recommended is None and low.max_daily_dose is None and low.steps == ()
    assert ("CrCl <30 mL/min", 5 + 6, "Adjust as clinically indicated.") in low.shown_text or low.shown_text
    assert plan(d, crcl(40)).maintenance_daily_dose == 100


# ---------------------------------------------------------------- titration beyond dated bullets

def test_increment_rule_generates_steps():
    d = mono("## Dosage\n#### Adults:\n- Initial: 25 mg orally once daily in the morning.\n"
             "- Titration: Increase by 25 mg every 3 days until 100 mg/day, then by 50 mg every 3 days up to 200 mg/day.\n"
             "- Maximum: 400 mg/day.\n")
    p = plan(d)
    assert [(s.start_day, s.end_day, s.daily_dose) for s in p.steps] == [
        (1, 3, 25), (4, 6, 50), (7, 9, 75), (10, 12, 100), (13, 15, 150), (16, None, 200)]
    assert all(s.dose is None and s.times_per_day is None for s in p.steps[1:])  # not stated, not guessed


def test_conditional_increase_is_an_undated_option():
    d = mono("## Dosage\n#### Adults:\n- Initial: 50 mg orally once daily.\n"
             "- Titration: May increase in 25-50 mg steps no more often than weekly.\n- Maximum: 200 mg/day.\n")
    p = plan(d)
    assert [(s.start_day, s.end_day, s.daily_dose) for s in p.steps] == [(1, None, 50)]
    assert len(p.options) == 1 and "25-50 mg" in p.options[0].text


def test_within_a_week_is_not_a_date(tmp_path):
    d = mono("## Dosage\n#### Adults:\n- Initial: 50 mg orally three times daily.\n"
             "- Maintenance: 100 mg orally three times daily within 1 week.\n- Maximum: 300 mg/day.\n")
    p = plan(d)
    assert [(s.start_day, s.timing_stated) for s in p.steps] == [(1, False), (None, False)]


def test_fixed_course_ends():
    d = mono("## Dosage\n#### Adults:\n- Dosage: 500 mg orally every 12 hours for 14 days.\n")
    assert steps_of(plan(d)) == [(1, 14, 500, 2, 1000)]


def test_first_week_then_week_two_onward():
    d = mono("## Dosage\n#### Adults:\n- Initial: 25 mg orally once daily for the first week.\n"
             "- Week 2 onward: 50 mg orally once daily.\n")
    assert steps_of(plan(d)) == [(1, 7, 25, 1, 25), (8, None, 50, 1, 50)]


@pytest.mark.parametrize("text", [
    "12.5 mg orally twice daily", "200 mg orally per day (100 mg twice daily) if tolerated",
    "150-300 mg/day in 2 or 3 divided doses", "500 mcg every 12 hours", "25 mg TID", "10 mg at bedtime",
    "0.125 mg orally three times a day (total daily dose 0.375 mg)", "1 gram orally 3 times daily for 7 days",
])
def test_phrases_read_whole(text):
    assert read_text(text).complete


@pytest.mark.parametrize("text", [
    "a small dose twice daily", "40 orally twice daily", "300 mg three times daily (1000 mg/day)",
    "titrate by 25 mg when the INR allows", "100 mg twice daily unless the patient is over 75",
])
def test_phrases_not_understood_are_unread(text):
    assert not read_text(text).complete


@settings(max_examples=examples(100), deadline=None)
@given(st.sampled_from([0.125, 0.5, 1, 2.5, 10, 12.5, 25, 100, 250, 1000]), st.sampled_from([
    ("once daily", 1), ("twice daily", 2), ("three times daily", 3), ("four times daily", 4), ("every 12 hours", 2),
    ("BID", 2), ("every 8 hours", 3)]), st.sampled_from(["mg", "mcg"]))
def test_dose_phrase_daily_total(amount, frequency, unit):
    words, times = frequency
    reading = read_text(f"{amount:g} {unit} orally {words}")
    assert reading.complete
    (fact,) = reading.facts
    assert fact.daily == pytest.approx(amount * times) and fact.times == times and fact.unit == unit


@settings(max_examples=examples(200), deadline=None)
@given(st.text(max_size=120))
def test_reader_never_crashes(text):
    reading = read_text(text)
    assert reading.complete or reading.unread


# ---------------------------------------------------------------- indications, formulations, criteria, liver

REGIMENS = """## Dosage
#### Adults:
##### **Neuralgia (immediate-release: Testbrand)**
- Day 1: 300 mg orally once daily.
- Day 2 onward: 300 mg orally twice daily.
##### **Neuralgia (once-daily extended-release tablets: Testbrand XR)**
- Initial: 300 mg orally once daily with the evening meal.
##### **Atrial fibrillation**
- Maintenance: 5 mg orally twice daily.
- Dose reduction: 2.5 mg orally twice daily in patients with at least 2 of the following characteristics: age ≥80 years, body weight ≤60 kg, or serum creatinine ≥1.5 mg/dL.
#### Special Cases:
- **Patients with Hepatic Impairment**:
    - Mild (Child-Pugh A): No dosage adjustment.
    - Moderate (Child-Pugh B): Maximum 300 mg/day.
    - Severe (Child-Pugh C): Not recommended.
"""


def test_several_regimens_need_an_indication():
    d = mono(REGIMENS)
    p = plan(d)
    assert p.recommended is None and "--indication" in p.refused and len(p.choices) == 3
    chosen = plan(d, indication="atrial")
    assert chosen.regimen.name == "Atrial fibrillation" and chosen.maintenance_daily_dose == 10


def test_brand_selects_its_formulation():
    d = mono(REGIMENS)
    assert plan(d, typed="Testbrand XR").regimen.name.endswith("Testbrand XR)")
    assert plan(d, typed="Testbrand").regimen.name.endswith("Testbrand)")


def test_criteria_are_evaluated_or_listed():
    d = mono(REGIMENS)
    unassessed = plan(d, indication="atrial fibrillation")
    assert unassessed.maintenance_daily_dose == 10 and "not assessed" in unassessed.criteria_notes[0]
    meets = plan(d, Patient(age_years=82, weight_kg=58, scr_mg_dl=1.6), indication="atrial fibrillation")
    assert meets.maintenance_daily_dose == 5 and "meets 3" in meets.criteria_notes[0]
    one = plan(d, Patient(age_years=82, weight_kg=70, scr_mg_dl=1.0), indication="atrial fibrillation")
    assert one.maintenance_daily_dose == 10


def test_child_pugh():
    d = mono(REGIMENS)
    assert plan(d, Patient(child_pugh="C"), typed="Testbrand").recommended is False
    assert plan(d, Patient(child_pugh="B"), typed="Testbrand").max_daily_dose == 300
    assert plan(d, Patient(child_pugh="A"), typed="Testbrand").maintenance_daily_dose == 600


# ---------------------------------------------------------------- every monograph, every CrCl

def _sweep_halves() -> range:
    """CrCl 0-200 in half-mL/min steps under the full profile (.ci/run); every 5 mL/min day to day (the whole
    sweep over every corpus takes about 40 s)."""
    from conftest import QUICK_EXAMPLES

    return range(0, 401, 1 if settings.default.max_examples > QUICK_EXAMPLES else 10)


def _all_dosing():
    from conftest import BUNDLED

    files = sorted(BUNDLED.glob("*.md")) + sorted(f for f in DATA.glob("dosing_*/*.md") if f.name != "README.md")
    return [(f"{f.parent.name}/{f.name}", read_dosing(parse_monograph(f))) for f in files]


def test_every_crcl_is_a_refusal_or_a_plan_inside_its_band():
    """CrCl 0-200 (steps of 0.5 in CI), every bundled and blind monograph, every regimen: a refusal, or a plan whose
    band contains the CrCl and whose maximum never exceeds the normal-function maximum."""
    from drugref.dosing.plan import upper

    for name, dosing in _all_dosing():
        for regimen in dosing.regimens or (None,):
            indication = regimen.name if regimen is not None and len(dosing.regimens) > 1 else None
            standard = plan(dosing, indication=indication)
            normal_max = upper(standard.max_daily_dose) if standard.recommended else None
            for half in _sweep_halves():
                value = half / 2
                p = plan(dosing, crcl(value), indication=indication)
                if p.recommended is None:
                    assert p.steps == () and p.max_daily_dose is None and p.refused, name
                    continue
                if p.band is not None and p.band.measure in ("crcl", "egfr"):
                    assert p.band.contains(value), (name, value, p.band.label)
                if normal_max is not None and p.max_daily_dose is not None:
                    assert upper(p.max_daily_dose) <= normal_max + 1e-9, (name, value)


# ---------------------------------------------------------------- Cockcroft-Gault

@pytest.mark.parametrize("kwargs,expected", [
    (dict(age_years=60, weight_kg=72, scr=1.0, sex="male"), 80.0),  # (80*72)/(72*1)
    (dict(age_years=60, weight_kg=72, scr=1.0, sex="female"), 68.0),  # *0.85
    (dict(age_years=80, weight_kg=60, scr=2.0, sex="f"), 21.2),  # 60*60/144*0.85 = 21.25
    (dict(age_years=40, weight_kg=70, scr=88.42, sex="m", scr_unit="umol"), 97.2),  # 1.0 mg/dL
    (dict(age_years=70, weight_kg=50, scr=176.84, sex="female", scr_unit="umol"), 20.7),  # 2.0 mg/dL
])
def test_cockcroft_gault_hand_computed(kwargs, expected):
    assert cockcroft_gault(**kwargs).crcl_ml_min == pytest.approx(expected, abs=0.1)


def test_weight_rule_with_height():
    # 175 cm male: IBW = 50 + 2.3 * (68.9 - 60) = 70.5 kg
    obese = cockcroft_gault(50, 120, 1.0, "male", height_cm=175)
    assert obese.ideal_body_weight_kg == pytest.approx(70.5, abs=0.1)
    assert obese.weight_used_kg == pytest.approx(70.5 + 0.4 * (120 - 70.5), abs=0.1)
    assert "adjusted" in obese.weight_rule
    thin = cockcroft_gault(50, 60, 1.0, "male", height_cm=175)
    assert thin.weight_used_kg == 60 and "actual" in thin.weight_rule
    normal = cockcroft_gault(50, 75, 1.0, "male", height_cm=175)
    assert normal.weight_used_kg == pytest.approx(70.5, abs=0.1) and "ideal" in normal.weight_rule


@pytest.mark.parametrize("kwargs", [
    dict(age_years=17, weight_kg=70, scr=1, sex="m"), dict(age_years=121, weight_kg=70, scr=1, sex="m"),
    dict(age_years=float("nan"), weight_kg=70, scr=1, sex="m"), dict(age_years=50, weight_kg=float("inf"), scr=1, sex="m"),
    dict(age_years=50, weight_kg=10, scr=1, sex="m"), dict(age_years=50, weight_kg=70, scr=0, sex="m"),
    dict(age_years=50, weight_kg=70, scr=-1, sex="m"), dict(age_years=50, weight_kg=70, scr=1, sex="x"),
    dict(age_years=50, weight_kg=70, scr=1, sex="m", scr_unit="mmol"),
])
def test_cockcroft_gault_refuses_implausible(kwargs):
    with pytest.raises(InvalidInput):
        cockcroft_gault(**kwargs)


floats = st.floats(allow_nan=True, allow_infinity=True)


@settings(max_examples=examples(300), deadline=None)
@given(floats, floats, floats, st.sampled_from(["m", "f"]))
def test_cockcroft_gault_never_crashes(age, weight, scr, sex):
    try:
        result = cockcroft_gault(age, weight, scr, sex)
    except InvalidInput:
        return
    assert 0 <= result.crcl_ml_min <= 250 and math.isfinite(result.crcl_ml_min)


@settings(max_examples=examples(200), deadline=None)
@given(st.floats(18, 119), st.floats(18, 120), st.floats(20, 400), st.floats(0.3, 20), st.floats(0.3, 20),
       st.sampled_from(["m", "f"]))
def test_crcl_falls_as_age_or_scr_rises(age1, age2, weight, scr1, scr2, sex):
    def crcl(age, scr):
        try:
            return cockcroft_gault(age, weight, scr, sex).crcl_ml_min
        except InvalidInput:
            return None
    a, b = crcl(min(age1, age2), scr1), crcl(max(age1, age2), scr1)
    if a is not None and b is not None:
        assert b <= a
    a, b = crcl(age1, min(scr1, scr2)), crcl(age1, max(scr1, scr2))
    if a is not None and b is not None:
        assert b <= a


# ---------------------------------------------------------------- CLI

def test_titrate_cli_standard(run):
    code, out, err = run("titrate", "milnacipran")
    assert code == 0
    for row in ("day 1: 12.5 mg once daily", "days 2-3: 12.5 mg twice daily", "day 8 on: 50 mg twice daily (100 mg/day)"):
        assert row in out
    assert "Maximum: 200 mg/day" in out and "renal function was not considered" in out
    assert not any(ch in out for ch in "┏┃━│─╭╰")  # piped: plain lines


def test_titrate_cli_refusal_exits_1(run, run_json):
    code, out, _ = run("titrate", "milnacipran", "--crcl", "3")
    assert code == 1 and "CANNOT COMPUTE" in out and "day 1" not in out
    code, data, _ = run_json("titrate", "milnacipran", "--crcl", "3")
    assert code == 1 and data["recommended"] is None and data["steps"] == [] and data["max_daily_dose"] is None
    assert "no renal band" in data["refused"]
    code, data, _ = run_json("titrate", "milnacipran", "--dialysis", "hd")
    assert code == 1 and data["recommended"] is False and data["steps"] == []


def test_titrate_json_shape(run_json):
    code, data, _ = run_json("titrate", "savella", "--crcl", "25", "--start", "2026-12-01")
    assert code == 0
    assert data["drug"] == "Milnacipran" and data["crcl_ml_min"] == 25 and data["crcl_source"] == "given"
    assert data["band"]["label"] == "Severe (CrCl 5-29 mL/min)" and data["band"]["low"] == 5 and data["band"]["high"] == 30
    assert data["recommended"] is True and data["refused"] is None
    assert data["maintenance_daily_dose"] == 50 and data["max_daily_dose"] == 100 and data["unit"] == "mg"
    assert data["steps"][1]["start_date"] == "2026-12-02" and data["steps"][1]["end_date"] == "2026-12-03"
    assert data["steps"][-1]["end_day"] is None and data["steps"][-1]["end_date"] is None
    assert data["source"]["file"].endswith("milnacipran.md")


def test_titrate_with_cockcroft_gault(run_json):
    code, data, _ = run_json("titrate", "milnacipran", "--age", "80", "--weight", "60", "--scr", "2.0", "--sex", "female")
    assert code == 0 and data["crcl_source"] == "cockcroft-gault"
    assert data["crcl_ml_min"] == pytest.approx(21.2, abs=0.1)
    assert data["band"]["label"].startswith("Severe")


@pytest.mark.parametrize("value", ["nan", "inf", "-5", "1e308", "", "abc", "251", "-inf", "25_0"])
def test_titrate_refuses_bad_crcl(run, value):
    code, out, err = run("titrate", "milnacipran", "--crcl", value)
    assert code == 2 and out == ""
    assert "--crcl" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("args", [["--dialysis", "xx"], ["--child-pugh", "D"], ["--crcl", "20", "--height", "banana"]])
def test_titrate_refuses_bad_options(run, args):
    code, _, err = run("titrate", "milnacipran", *args)
    assert code == 2 and "Traceback" not in err


def test_crcl_command(run, run_json):
    code, out, _ = run("crcl", "--age", "60", "--weight", "72", "--scr", "1", "--sex", "m")
    assert code == 0 and "CrCl = 80.0 mL/min" in out and "(140 - age)" in out
    code, data, _ = run_json("crcl", "--age", "60", "--weight", "72", "--scr", "88.42", "--scr-unit", "umol", "--sex", "m")
    assert data["crcl_ml_min"] == 80.0 and data["inputs"]["scr_unit"] == "umol"
    code, _, err = run("crcl", "--age", "60", "--weight", "72")
    assert code == 2 and "missing --scr, --sex" in err


def test_ics_matches_the_plan(run, tmp_path):
    target = tmp_path / "plan.ics"
    code, _, err = run("titrate", "milnacipran", "--crcl", "25", "--start", "2026-12-01", "--ics", str(target))
    assert code == 0
    text = target.read_text().replace("\r\n ", "")
    assert text.count("BEGIN:VEVENT") == 4
    assert "DTSTART;VALUE=DATE:20261202" in text
    assert "Milnacipran 25 mg twice daily (50 mg/day)" in text
    assert "50 mg orally twice daily" not in text  # the description says what the plan says, not the unadjusted bullet
    code, _, err = run("titrate", "milnacipran", "--crcl", "25", "--start", "2026-12-01", "--ics", str(target))
    assert code == 2 and "exists" in err and "--force" in err  # not overwritten
    code, _, _ = run("titrate", "milnacipran", "--start", "2026-12-02", "--ics", str(target), "--force")
    assert code == 0 and "DTSTART;VALUE=DATE:20261202" in target.read_text()
    code, _, err = run("titrate", "milnacipran", "--ics", str(tmp_path / "x.ics"))
    assert code == 2 and "--start" in err
    code, _, err = run("titrate", "milnacipran", "--start", "9999-12-25")
    assert code == 2 and "9999" in err and "Traceback" not in err
    if Path("/dev/full").exists():  # a full disk: the input was fine, the output was lost (README: exit 1)
        code, _, err = run("titrate", "milnacipran", "--start", "2026-12-01", "--ics", "/dev/full", "--force")
        assert code == 1 and "cannot write /dev/full" in err and "Traceback" not in err


def test_options_with_units_and_the_umol_hint(run, run_json):
    code, data, _ = run_json("crcl", "--age", "70", "--weight", "55kg", "--scr", "159umol", "--sex", "female")
    assert code == 0 and data["inputs"]["scr_unit"] == "umol" and data["weight_used_kg"] == 55
    code, data, _ = run_json("crcl", "--age", "70", "--weight", "121lb", "--scr", "1.2", "--sex", "female")
    assert code == 0 and data["inputs"]["weight_kg"] == pytest.approx(54.9, abs=0.1)
    code, _, err = run("crcl", "--age", "70", "--weight", "55", "--scr", "159", "--sex", "female")
    assert code == 2 and "--scr-unit umol" in err and len(err.strip().splitlines()) == 1
    for bad in (["--weight", "55stone"], ["--weight", "banana"], ["--scr", "1.2furlongs"]):
        args = {"--age": "70", "--weight": "55", "--scr": "1.2", "--sex": "f"}
        args[bad[0]] = bad[1]
        code, _, err = run("crcl", *[x for pair in args.items() for x in pair])
        assert code == 2 and "Traceback" not in err
    code, out, _ = run("titrate", "--help")
    assert "YEARS" in out and "KG" in out and "MG_DL" in out and "female|male" in out
    assert not [line for line in out.splitlines() if "--" in line and "<str>" in line]  # options say what they take


def test_formulation_brands_never_get_another_formulations_regimen(run):
    """Lithobid is the extended-release regimen, which the monograph gives without steps: refused with its words,
    never the immediate-release schedule; a brand no heading names, where headings name formulations, is refused."""
    code, out, _ = run("titrate", "lithobid")
    assert code == 1 and "extended-release tablets: Lithobid" in out and "300 mg three times daily" not in out
    d = mono("## Dosage\n#### Adults:\n##### **Pain (immediate-release tablets)**\n- Maintenance: 50 mg orally twice daily.\n")
    assert plan(d, typed="Testbrand XR").recommended is None
    assert plan(d).maintenance_daily_dose == 100


def test_no_renal_input_needs_no_renal_group():
    d = mono(REGIMENS + "- **Patients with Renal Impairment — Other product**:\n    - CrCl <30 mL/min: Not recommended.\n")
    assert plan(d, indication="atrial").maintenance_daily_dose == 10
    refused = plan(d, crcl(20), indication="atrial")  # the renal rows name another product: refused, not applied
    assert refused.recommended is None and "groups matches" in refused.refused


@pytest.mark.parametrize("text", [
    "25 mg morning and 25 mg evening (40-60 mg/day)", "0 mg twice daily", "100 mg every 0 hours",
    "10-5 mg twice daily", "increase by 0 mg every 3 days until 100 mg/day",
])
def test_odd_numbers_are_unread_not_a_crash(text):
    reading = read_text(text)
    assert reading.unread or all(getattr(f, "daily", 1) != 0 for f in reading.facts)


_STEP_TEXTS = ["12.5 mg orally twice daily", "200 mg/day (100 mg twice daily)", "150-300 mg/day in 2 or 3 divided doses",
               "25 mg once daily for the first week", "increase by 25 mg every 3 days until 100 mg/day",
               "may increase to 50 mg twice daily", "500 mg every 12 hours for 14 days", "a small dose", "0.5 g TID",
               "10 mg at bedtime; maximum 40 mg/day", "750 mg initial dose, then 500 mg every 48 hours"]
_STEP_LABELS = ["Day 1", "Days 2-3", "Week 2", "Weeks 2-4", "Initial", "Maintenance", "Maximum", "Titration",
                "Day 8 onward", "Duration", "Dosage", "Note"]
_BAND_LABELS = ["CrCl ≥60 mL/min", "CrCl >30–59", "CrCl 15", "CrCl <15", "below 15", "CrCl 30 to 59 mL/min",
                "eGFR 30-44 mL/min/1.73 m2", "Hemodialysis", "ESRD", "Severe", "Mild (CrCl 50-80 mL/min)"]
_BAND_TEXTS = ["No dosage adjustment necessary.", "Not recommended.", "Reduce the dose by 50%.",
               "200-700 mg/day once daily.", "Maximum 300 mg/day.", "Reduce in proportion to creatinine clearance.",
               "Use with caution.", "Reduce maintenance dose by 50% (25 mg twice daily).", "Adjust as needed."]


@settings(max_examples=examples(150), deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_STEP_LABELS), st.sampled_from(_STEP_TEXTS)), max_size=6),
       st.lists(st.tuples(st.sampled_from(_BAND_LABELS), st.sampled_from(_BAND_TEXTS)), max_size=6),
       st.floats(0, 250), st.sampled_from([None, "hd", "pd"]), st.sampled_from([None, "A", "C"]))
def test_any_combination_gives_a_plan_or_a_refusal(steps, bands, value, dialysis, child_pugh):
    """Whatever a label's steps and bands say, plan() answers (never raises), a refusal carries no numbers, and a
    plan's band contains the CrCl."""
    body = "## Dosage\n#### Adults:\n" + "".join(f"- {label}: {text}\n" for label, text in steps)
    body += "#### Special Cases:\n- **Patients with Renal Impairment**:\n" + "".join(
        f"    - {label}: {text}\n" for label, text in bands)
    dosing = mono(body)
    p = plan(dosing, Patient(crcl_ml_min=value, crcl_source="given", dialysis=dialysis, child_pugh=child_pugh))
    if p.recommended is None:
        assert p.steps == () and p.max_daily_dose is None
    elif p.band is not None and p.band.measure in ("crcl", "egfr") and dialysis is None:
        assert p.band.contains(value)


def test_terminal_layout_at_80_columns():
    """At 80 columns: no date or word split, continuation lines indented under their own text, no empty Dates
    column without --start (issue 14, item 6)."""
    import datetime as dt
    import io

    from drugref.reporters.rich import RichReporter, draw_titration, make_console

    d = read_dosing(parse_monograph(SEED))
    for start in (None, dt.date(2026, 12, 1)):
        buffer = io.StringIO()
        draw_titration(make_console(file=buffer, width=80, color=False), plan(d, crcl(25), start=start))
        shown = buffer.getvalue()
        assert all(len(line) <= 80 for line in shown.splitlines())
        assert ("Dates" in shown) == (start is not None)
        if start is not None:
            assert "2026-12-02 to 2026-12-03" in shown and "2026-12-08 on" in shown
    buffer = io.StringIO()
    RichReporter(console=make_console(file=buffer, width=50, color=False)).crcl(cockcroft_gault(70, 55, 1.2, "f", 160))
    lines = buffer.getvalue().splitlines()
    assert all(line.startswith("  ") for line in lines[1:]), lines  # nothing wraps to column 0


def test_a_proportional_rule_reduces_from_its_own_regimens_band():
    """'Reduce in proportion to CrCl' looks for the band above it among the bands stated for the same regimen,
    never in another indication's table."""
    d = mono("## Dosage\n#### Adults:\n##### **Pain**\n- Maintenance: 300 mg orally once daily.\n"
             "##### **Seizures**\n- Maintenance: 600 mg orally once daily.\n#### Special Cases:\n"
             "- **Patients with Renal Impairment — Pain**:\n    - CrCl <15 mL/min: Reduce in proportion to creatinine "
             "clearance.\n    - CrCl ≥30 mL/min: No dosage adjustment necessary.\n"
             "- **Patients with Renal Impairment — Seizures**:\n    - CrCl 15-29 mL/min: 100-300 mg/day once daily.\n"
             "    - CrCl <15 mL/min: Not recommended.\n    - CrCl ≥30 mL/min: No dosage adjustment necessary.\n")
    assert plan(d, crcl(10), indication="pain").recommended is None  # no band above it for this regimen
    assert plan(d, crcl(20), indication="seizures").maintenance_daily_dose == (100, 300)
