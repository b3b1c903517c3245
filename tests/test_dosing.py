"""Titration steps, renal bands, Cockcroft-Gault and `drugref titrate` / `drugref crcl`."""
from __future__ import annotations

import math

import pytest
from conftest import DATA, SEED
from hypothesis import given, settings
from hypothesis import strategies as st

from drugref.crcl import cockcroft_gault
from drugref.dosing import find_band, plan, read_dose, read_dosing
from drugref.errors import InvalidInput
from drugref.monograph import parse_monograph

DOSING = DATA / "dosing"


@pytest.fixture(scope="module")
def seed_dosing():
    return read_dosing(parse_monograph(SEED))


def steps_of(p):
    return [(s.start_day, s.end_day, s.dose, s.times_per_day, s.daily_dose) for s in p.steps]


def test_seed_standard_schedule(seed_dosing):
    p = plan(seed_dosing)
    assert steps_of(p) == [(1, 1, 12.5, 1, 12.5), (2, 3, 12.5, 2, 25), (4, 7, 25, 2, 50), (8, None, 50, 2, 100)]
    assert p.maintenance_daily_dose == 100 and p.max_daily_dose == 200 and seed_dosing.unit == "mg"
    assert p.recommended and p.band is None
    assert any("renal function was not considered" in w for w in p.warnings)
    assert seed_dosing.problems == ()


def test_seed_severe_band(seed_dosing):
    p = plan(seed_dosing, 25, "given")
    assert p.band.label == "Severe (CrCl 5-29 mL/min)"
    assert p.band.text == ("Reduce maintenance dose by 50% (25 mg twice daily). "
                           "May increase to 50 mg twice daily if tolerated.")
    assert p.maintenance_daily_dose == 50 and p.max_daily_dose == 100
    assert steps_of(p)[-1] == (8, None, 25, 2, 50)
    assert all(s.daily_dose <= 50 for s in p.steps)
    assert not any("10%" in w for w in p.warnings)


def test_band_edges_are_contiguous_and_warned(seed_dosing):
    below, at = plan(seed_dosing, 29.9), plan(seed_dosing, 30)
    assert below.band.label.startswith("Severe") and at.band.label.startswith("Moderate")
    assert any("within 10%" in w for w in below.warnings)
    assert any("within 10%" in w for w in at.warnings)


@pytest.mark.parametrize("crcl,label,recommended", [
    (3, "End-stage renal disease (ESRD)", False),
    (0, "End-stage renal disease (ESRD)", False),
    (5, "Severe (CrCl 5-29 mL/min)", True),
    (40, "Moderate (CrCl 30-49 mL/min)", True),
    (49.99, "Moderate (CrCl 30-49 mL/min)", True),
    (50, "Mild (CrCl 50-80 mL/min)", True),
    (80, "Mild (CrCl 50-80 mL/min)", True),
])
def test_seed_bands(seed_dosing, crcl, label, recommended):
    p = plan(seed_dosing, crcl)
    assert p.band.label == label and p.recommended is recommended
    if not recommended:
        assert p.steps == () and p.maintenance_daily_dose is None


def test_above_all_bands_is_no_adjustment(seed_dosing):
    p = plan(seed_dosing, 85)
    assert p.band is None and p.recommended and p.maintenance_daily_dose == 100
    assert any("above every renal band" in w for w in p.warnings)


def test_weeks_and_maximum_band():
    d = read_dosing(parse_monograph(DOSING / "weekly.md"))
    assert d.indication.startswith("Test fixture")
    assert [(s.start_day, s.end_day, s.daily_dose) for s in d.steps] == [(1, 7, 30), (8, 28, 60)]
    assert (d.maintenance.start_day, d.maintenance.daily_dose) == (29, 120)
    p = plan(d, 45)
    assert p.band.label == "CrCl 30 to 59 mL/min" and p.max_daily_dose == 60
    assert plan(d, 10).recommended is False  # "Avoid use."
    assert plan(d, 75).band.label == "CrCl ≥60 mL/min"


def test_dose_ranges_and_divided_doses():
    d = read_dosing(parse_monograph(DOSING / "ranged.md"))
    assert d.maintenance.daily_dose == (150, 600) and d.maintenance.times_per_day == (2, 3)
    p = plan(d, 20)
    assert p.band.label == "CrCl 15-29 mL/min"
    assert p.maintenance_daily_dose == (25, 150) and p.max_daily_dose == 150
    assert all((s.daily_dose if not isinstance(s.daily_dose, tuple) else s.daily_dose[1]) <= 150 for s in p.steps)
    assert plan(d, 14.9).band.label == "CrCl <15 mL/min"
    assert any("initial dose lasts" in w for w in p.warnings)


def test_every_12_hours_mcg_gfr_and_dialysis():
    d = read_dosing(parse_monograph(DOSING / "every12.md"))
    assert d.unit == "mcg" and d.max_daily_dose == 1000
    assert [(s.start_day, s.end_day, s.daily_dose) for s in d.steps] == [(1, 3, 500)]
    assert (d.maintenance.start_day, d.maintenance.daily_dose) == (4, 1000)
    p = plan(d, 20)
    assert p.band.action == "reduce" and p.maintenance_daily_dose == 500 and p.max_daily_dose == 500


def test_bedtime_tid_and_single_sentence_band():
    d = read_dosing(parse_monograph(DOSING / "bedtime.md"))
    assert [(s.start_day, s.end_day, s.times_per_day) for s in d.steps] == [(1, 1, 1), (2, 7, 1)]
    assert d.maintenance.daily_dose == 75
    p = plan(d, 10)
    assert p.band.action == "none" and p.maintenance_daily_dose == 75


def test_strictly_above_band_and_percent_ranges():
    d = read_dosing(parse_monograph(DOSING / "openband.md"))
    assert d.problems == ()  # "30-50" and ">50" meet at 50 without overlapping
    assert plan(d, 50).band.label == "CrCl 30-50 mL/min"
    assert plan(d, 50.1).band.label == "CrCl >50 mL/min"
    ranged = plan(d, 40)
    assert ranged.maintenance_daily_dose == (112.5, 168.75)  # 225 mg/day reduced by 50% to 25%
    assert ranged.max_daily_dose == (112.5, 168.75)
    assert plan(d, 20).maintenance_daily_dose == 112.5


def test_unreadable_is_reported_not_guessed():
    d = read_dosing(parse_monograph(DOSING / "unreadable.md"))
    assert d.steps == () and d.maintenance is None and d.max_daily_dose is None
    messages = " | ".join(p.message for p in d.problems)
    assert "no dose with a unit" in messages
    assert "names no CrCl range" in messages
    assert "overlap" in messages
    p = plan(d, 35)
    assert p.band.label == "CrCl 20-40 mL/min"  # the more impaired of two overlapping bands


@pytest.mark.parametrize("text,expected", [
    ("12.5 mg orally twice daily.", (12.5, "mg", 2, 25)),
    ("200 mg orally per day (100 mg twice daily) if tolerated.", (100, "mg", 2, 200)),
    ("75-300 mg/day in 2 or 3 divided doses", (None, "mg", (2, 3), (75, 300))),
    ("500 mcg every 12 hours", (500, "mcg", 2, 1000)),
    ("25 mg TID", (25, "mg", 3, 75)),
    ("10 mg at bedtime", (10, "mg", 1, 10)),
    ("60 mg once daily", (60, "mg", 1, 60)),
    ("1 g four times daily", (1, "g", 4, 4)),
])
def test_read_dose_phrasings(text, expected):
    assert read_dose(text) == expected


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


@settings(max_examples=300, deadline=None)
@given(floats, floats, floats, st.sampled_from(["m", "f"]))
def test_cockcroft_gault_never_crashes(age, weight, scr, sex):
    try:
        result = cockcroft_gault(age, weight, scr, sex)
    except InvalidInput:
        return
    assert 0 <= result.crcl_ml_min <= 250 and math.isfinite(result.crcl_ml_min)


@settings(max_examples=200, deadline=None)
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


SEED_DOSING = read_dosing(parse_monograph(SEED))


@settings(max_examples=200, deadline=None)
@given(st.floats(0, 250))
def test_every_crcl_gets_one_answer(crcl):
    d = SEED_DOSING
    p = plan(d, crcl)
    band = find_band(d.bands, crcl)
    assert p.band == band
    if crcl <= 80:
        assert band is not None  # the seed's bands cover 0-80 without a gap


# ---------------------------------------------------------------- CLI

def test_titrate_cli_standard(run):
    code, out, err = run("titrate", "milnacipran")
    assert code == 0
    for row in ("Day 1", "Days 2–3", "Days 4–7", "Day 8 on", "12.5 mg/day", "100 mg/day"):
        assert row in out
    assert "Maximum: 200 mg/day" in out
    assert "renal function was not considered" in out


def test_titrate_cli_not_recommended(run):
    code, out, _ = run("titrate", "milnacipran", "--crcl", "3")
    assert code == 0
    assert "NOT RECOMMENDED" in out and "Day 1" not in out


def test_titrate_json_shape(run_json):
    code, data, _ = run_json("titrate", "savella", "--crcl", "25", "--start", "2026-12-01")
    assert code == 0
    assert data["drug"] == "Milnacipran" and data["crcl_ml_min"] == 25 and data["crcl_source"] == "given"
    assert data["band"]["label"] == "Severe (CrCl 5-29 mL/min)" and data["band"]["low"] == 5 and data["band"]["high"] == 30
    assert data["recommended"] is True
    assert data["maintenance_daily_dose"] == 50 and data["max_daily_dose"] == 100 and data["unit"] == "mg"
    assert data["steps"][1]["start_date"] == "2026-12-02" and data["steps"][1]["end_date"] == "2026-12-03"
    assert data["steps"][-1]["end_day"] is None and data["steps"][-1]["end_date"] is None
    assert data["source"]["file"].endswith("milnacipran.md")
    code, data, _ = run_json("titrate", "milnacipran", "--crcl", "3")
    assert data["recommended"] is False and data["steps"] == []


def test_titrate_with_cockcroft_gault(run_json):
    code, data, _ = run_json("titrate", "milnacipran", "--age", "80", "--weight", "60", "--scr", "2.0", "--sex", "female")
    assert code == 0 and data["crcl_source"] == "cockcroft-gault"
    assert data["crcl_ml_min"] == pytest.approx(21.2, abs=0.1)
    assert data["band"]["label"].startswith("Severe")


@pytest.mark.parametrize("value", ["nan", "inf", "-5", "1e308", "", "abc", "251", "-inf"])
def test_titrate_refuses_bad_crcl(run, value):
    code, out, err = run("titrate", "milnacipran", "--crcl", value)
    assert code == 2 and out == ""
    assert "--crcl" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_minus_zero_is_zero(run_json):
    code, data, _ = run_json("titrate", "milnacipran", "--crcl", "-0")
    assert code == 0 and data["crcl_ml_min"] == 0 and data["recommended"] is False


def test_crcl_command(run, run_json):
    code, out, _ = run("crcl", "--age", "60", "--weight", "72", "--scr", "1", "--sex", "m")
    assert code == 0 and "CrCl = 80.0 mL/min" in out and "(140 - age)" in out
    code, data, _ = run_json("crcl", "--age", "60", "--weight", "72", "--scr", "88.42", "--scr-unit", "umol", "--sex", "m")
    assert data["crcl_ml_min"] == 80.0 and data["inputs"]["scr_unit"] == "umol"
    code, _, err = run("crcl", "--age", "60", "--weight", "72")
    assert code == 2 and "missing --scr, --sex" in err


def test_ics_written(run, tmp_path):
    target = tmp_path / "plan.ics"
    code, _, err = run("titrate", "milnacipran", "--crcl", "25", "--start", "2026-12-01", "--ics", str(target))
    assert code == 0
    text = target.read_text()
    assert text.count("BEGIN:VEVENT") == 4
    assert "DTSTART;VALUE=DATE:20261202" in text
    assert "Milnacipran 25 mg (50 mg/day)" in text
    code, _, err = run("titrate", "milnacipran", "--ics", str(target))
    assert code == 2 and "--start" in err
    code, _, err = run("titrate", "milnacipran", "--start", "2026-13-45")
    assert code == 2 and "--start" in err


def test_renal_sentence_with_a_degree_is_not_applied_to_every_crcl(tmp_path):
    text = ("---\ntitle: Qualdrug\n---\n## Dosage\n\n#### Adults:\n\n- Maintenance: 100 mg orally once daily.\n\n"
            "#### Special Cases:\n\n- **Patients with Renal Impairment**: Avoid in severe renal impairment.\n")
    from drugref.monograph import parse_text

    d = read_dosing(parse_text(text, "q.md"))
    assert d.bands == ()
    assert any("without CrCl bands" in p.message for p in d.problems)
    p = plan(d, 70)
    assert p.recommended and p.maintenance_daily_dose == 100


def test_steps_are_capped_at_the_band_maximum(tmp_path):
    text = ("---\ntitle: Capdrug\n---\n## Dosage\n\n#### Adults:\n\n- Week 1: 40 mg orally once daily.\n"
            "- Maintenance: 80 mg orally once daily.\n- Maximum: 120 mg/day.\n\n#### Special Cases:\n\n"
            "- **Patients with Renal Impairment**:\n    - CrCl 15-29 mL/min: Maximum 40 mg/day.\n"
            "    - CrCl 30-89 mL/min: No dosage adjustment necessary.\n")
    from drugref.monograph import parse_text

    p = plan(read_dosing(parse_text(text, "c.md")), 20)
    assert p.max_daily_dose == 40
    assert [s.daily_dose for s in p.steps] == [40, 40]


def test_initial_dose_band_changes_the_start_not_the_maximum():
    from drugref.monograph import parse_text

    text = ("---\ntitle: Initdrug\n---\n## Dosage\n\n#### Adults:\n\n- Initial: 10 mg orally once daily.\n"
            "- Maintenance: 20-40 mg/day.\n- Maximum: 80 mg/day.\n\n#### Special Cases:\n\n"
            "- **Patients with Renal Impairment**:\n    - CrCl 10-30 mL/min: 5 mg orally once daily as the initial "
            "dose; then titrate to blood pressure.\n    - CrCl >30 mL/min: No dosage adjustment necessary.\n")
    p = plan(read_dosing(parse_text(text, "i.md")), 20)
    assert p.band.action == "initial"
    assert p.steps[0].daily_dose == 5 and p.max_daily_dose == 80 and p.maintenance_daily_dose == (20, 40)


def test_reducing_the_whole_dose_scales_every_step():
    from drugref.monograph import parse_text

    text = ("---\ntitle: Wholedrug\n---\n## Dosage\n\n#### Adults:\n\n- Initial: 75 mg orally once daily.\n"
            "- Maximum: 225 mg/day.\n\n#### Special Cases:\n\n- **Patients with Renal Impairment**:\n"
            "    - CrCl 30-59 mL/min: Reduce the total daily dose by 25% to 50%.\n")
    p = plan(read_dosing(parse_text(text, "w.md")), 40)
    assert [s.daily_dose for s in p.steps] == [(37.5, 56.25)]
    assert p.max_daily_dose == (112.5, 168.75)


def test_egfr_band_is_flagged():
    d = read_dosing(parse_monograph(DOSING / "every12.md"))  # "GFR <30 mL/min"
    assert any("GFR/eGFR" in w for w in plan(d, 20).warnings)
    assert not any("GFR/eGFR" in w for w in plan(SEED_DOSING, 20).warnings)
