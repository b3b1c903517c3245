"""Issue 11, round 12b. (1) A renal table column and a regimen heading that state the same bound two ways ("≤9
recurrences/year" and "9 or fewer recurrences/year", "≥30 kg" and "30 kg or more") name the same group; a bound
the other way round ("≥9", "10 or more") or on another number names another group, and the band stays unread. (2) A band nested in a maximum-only band that adds only "the interval
between doses may also need to be lengthened": the outer maximum still bounds the dose; anything else stays refused."""
from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from drugref.dosing import plan
from test_dosing_renal9 import crcl, dosing, titrate_json
from test_dosing_renal10 import bullets, monograph

# valacyclovir's shape: two suppressive regimens, the second an "alternate dose" for fewer recurrences
HEADING = "Suppressive therapy (alternate dose, 9 or fewer recurrences/year)"
REGIMENS = ("##### **Suppressive therapy (immunocompetent patients)**\n- Dosage: 1 gram orally once daily.\n\n"
            f"##### **{HEADING}**\n- Dosage: 500 mg orally once daily.\n\n")


def table(alternate: str = "alternate dose for immunocompetent patients with ≤9 recurrences/year",
          regimens: str = REGIMENS) -> str:
    rows = ("\n\n| Creatinine Clearance (mL/min) | Suppressive therapy: immunocompetent patients | "
            f"Suppressive therapy: {alternate} |\n|---|---|---|\n"
            "| ≥50 (normal dosage regimen) | 1 gram every 24 hours | 500 mg every 24 hours |\n"
            "| 30-49 | no reduction | no reduction |\n"
            "| 10-29 | 500 mg every 24 hours | 500 mg every 48 hours |\n"
            "| <10 | 500 mg every 24 hours | 500 mg every 48 hours |\n")
    return monograph(regimens, rows)


def test_a_bound_in_words_and_the_same_bound_as_a_sign_name_one_group() -> None:
    p = plan(dosing(table()), crcl(20), HEADING)
    assert p.recommended is True, p.refused
    # 500 mg every 48 hours: 250 mg a day on average, one dose every other day
    first = p.steps[0]
    assert (first.dose, first.unit, first.times_per_day, first.daily_dose) == (500, "mg", 0.5, 250)
    assert not first.unread
    assert plan(dosing(table()), crcl(40), HEADING).steps[0].daily_dose == 500  # "no reduction"


def test_the_other_regimen_keeps_its_own_column() -> None:
    p = plan(dosing(table()), crcl(20), "Suppressive therapy (immunocompetent patients)")
    assert p.recommended is True, p.refused
    # 500 mg every 24 hours, in the unit of the regimen's 1 gram
    assert (p.steps[0].dose, p.steps[0].unit, p.steps[0].daily_dose) == (0.5, "g", 0.5)


def test_a_bound_the_other_way_round_names_no_group() -> None:
    # near miss: "≥9" is not "9 or fewer" (before this round both lost their sign and read as the bare "9")
    p = plan(dosing(table("alternate dose for immunocompetent patients with ≥9 recurrences/year")), crcl(20), HEADING)
    assert p.recommended is None and "none of its groups" in (p.refused or "")


@given(st.integers(min_value=1, max_value=60), st.integers(min_value=1, max_value=60),
       st.sampled_from(["≤{n}", "<= {n}", "no more than {n}", "at most {n}"]),
       st.sampled_from(["{n} or fewer", "{n} or less"]))
def test_the_same_bound_on_the_same_number_only(heading_n: int, column_n: int, sign: str, words: str) -> None:
    heading = f"Suppressive therapy (alternate dose, {words.format(n=heading_n)} recurrences/year)"
    regimens = REGIMENS.replace(HEADING, heading)
    text = table(f"alternate dose for patients with {sign.format(n=column_n)} recurrences/year", regimens)
    p = plan(dosing(text), crcl(20), heading)
    if heading_n == column_n:
        assert p.recommended is True, p.refused
        assert p.steps[0].dose == 500
    else:
        assert p.recommended is None


@given(st.sampled_from(["≥30 kg", "at least 30 kg", ">= 30 kg"]),
       st.sampled_from(["30 kg or more", "30 kg or greater"]))
def test_a_lower_bound_with_its_unit_both_ways(sign: str, words: str) -> None:
    heading = f"Suppressive therapy (alternate dose, patients {words})"
    regimens = REGIMENS.replace(HEADING, heading)
    assert plan(dosing(table(f"alternate dose for patients {sign}", regimens)), crcl(20), heading).recommended is True
    # near miss: at most 30 kg is another group
    miss = table("alternate dose for patients ≤30 kg", regimens)
    assert plan(dosing(miss), crcl(20), heading).recommended is None


def test_titrate_gives_the_alternate_dose_column_through_the_cli(tmp_path: Path) -> None:
    code, answer = titrate_json(tmp_path, table(), "--crcl", "20", "--indication", HEADING)
    assert code == 0 and answer["recommended"] is True
    steps = answer["steps"]
    assert isinstance(steps, list) and (steps[0]["dose"], steps[0]["daily_dose"]) == (500, 250)
    code, miss = titrate_json(tmp_path, table("alternate dose for patients with ≥9 recurrences/year"),
                              "--crcl", "20", "--indication", HEADING)
    assert miss["recommended"] is None


# ---------------------------------------------------------------- a longer interval inside a maximum-only band

# allopurinol's shape
DAILY = "- Initial: 100 mg orally daily.\n- Maximum: 800 mg/day.\n"
INTERVAL = "The interval between doses may also need to be lengthened."


def nested(outer: str = "The daily dosage should not exceed 100 mg.", inner: str = INTERVAL) -> str:
    return monograph(DAILY, bullets("Creatinine clearance of 10 to 20 mL/min: A daily dosage of 200 mg is suitable.",
                                    f"Creatinine clearance less than 10 mL/min: {outer}",
                                    f"Creatinine clearance less than 3 mL/min (extreme renal impairment): {inner}"))


def test_a_longer_interval_inside_a_maximum_keeps_the_maximum() -> None:
    p = plan(dosing(nested()), crcl(2))
    assert p.recommended is True, p.refused
    assert p.max_daily_dose == 100
    assert all(isinstance(s.daily_dose, float) and s.daily_dose <= 100 for s in p.steps if not s.unread)
    assert any("may also need to be lengthened" in w for w in p.warnings)
    assert plan(dosing(nested()), crcl(5)).max_daily_dose == 100  # outside the inner band: as before


@given(st.sampled_from(["The dose should be reduced to 50 mg daily.", "The daily dosage should not exceed 50 mg.",
                        "The interval between doses may also need to be lengthened to 48 hours.",
                        "Use is not recommended.", "Dosing should be individualized."]))
def test_any_other_words_in_the_inner_band_leave_the_patient_refused(inner: str) -> None:
    # near misses: a dose, a lower maximum, an interval with a number, another instruction
    p = plan(dosing(nested(inner=inner)), crcl(2))
    assert p.recommended is None and "overlap" in (p.refused or "")


def test_a_longer_interval_inside_a_fixed_dose_band_stays_refused() -> None:
    # near miss: the outer band states a dose, not a maximum; a longer interval changes that dose
    p = plan(dosing(nested(outer="A daily dosage of 100 mg is suitable.")), crcl(2))
    assert p.recommended is None


@given(st.floats(min_value=0.1, max_value=9.9))
def test_every_clearance_under_ten_keeps_the_maximum(value: float) -> None:
    p = plan(dosing(nested()), crcl(value))
    assert p.recommended is True and p.max_daily_dose == 100


def test_titrate_keeps_the_maximum_through_the_cli(tmp_path: Path) -> None:
    code, answer = titrate_json(tmp_path, nested(), "--crcl", "2")
    assert code == 0 and answer["recommended"] is True and answer["max_daily_dose"] == 100
    code, miss = titrate_json(tmp_path, nested(inner="The daily dosage should not exceed 50 mg."), "--crcl", "2")
    assert miss["recommended"] is None
