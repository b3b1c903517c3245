"""An optional increase ("increase to the maximum dosage of 8 mg once daily") is written for patients whose dose no
renal band changed. For a patient whose band sets the dose it is offered only when its dose is within that patient's
maximum; otherwise its words are shown as not applied (found at the round-10 merge: fesoterodine at CrCl 20 was
shown "4 mg once daily" with the option to go to 8 mg)."""
from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from drugref.dosing import plan
from test_dosing_renal9 import crcl, dosing, titrate_json

ADULTS = ("- Initial: 4 mg once daily.\n"
          "- Titration: Based upon individual response and tolerability, increase to the maximum dosage of 8 mg once "
          "daily.\n- Maximum: 8 mg once daily.\n")


def monograph(rows: str, heading: str = "", adults: str = ADULTS) -> str:
    return ("---\nname: Examplamine\n---\n# Examplamine\n\n## **Dosage**\n\n### **Standard Dosage**\n\n"
            f"#### **Adults:**\n{adults}\n#### **Special Cases:**\n\n- **Patients with Renal Impairment**{heading}:"
            f"\n{rows}")


HEADING = " — Recommended dose in patients with renal impairment (administered orally once daily)"
TABLE = ("\n| Estimated Creatinine Clearance | Recommended Dose |\n|---|---|\n"
         "| CLcr 30 to 89 mL/min | 8 mg |\n| CLcr 15 to 29 mL/min | 4 mg |\n| CLcr <15 mL/min | 4 mg |\n")
CAP = "    - CrCl less than 30 mL/min: maximum 8 mg/day.\n    - CrCl 30 mL/min or more: no dose adjustment.\n"


def test_an_option_above_the_bands_dose_is_not_offered() -> None:
    p = plan(dosing(monograph(TABLE, HEADING)), crcl(20))
    assert p.recommended is True, p.refused
    assert [s.daily_dose for s in p.steps if not s.unread] == [4]
    assert p.options == ()
    assert any("8 mg" in words and "not applied" in label for label, _, words in p.shown_text)


def test_the_option_stays_where_no_band_changes_the_dose() -> None:
    p = plan(dosing(monograph(TABLE, HEADING)), crcl(60))
    assert p.recommended is True, p.refused
    assert len(p.options) == 1


@given(st.floats(min_value=1, max_value=150, allow_nan=False))
def test_no_day_starts_above_the_normal_start(value: float) -> None:
    # without the "Maximum" line the table's "8 mg" could be a start or a ceiling: never a day-1 dose above 4 mg
    p = plan(dosing(monograph(TABLE, HEADING, ADULTS.split("- Maximum")[0])), crcl(value))
    first = [s for s in p.steps if not s.unread][:1]
    daily = first[0].daily_dose if first else None
    assert p.recommended is not True or daily is None or (daily[1] if isinstance(daily, tuple) else daily) <= 4


def test_a_target_above_the_start_stops_the_schedules_own_titration() -> None:
    adults = ("- Week 1: 5 mg once daily.\n- Week 2: 5 mg twice daily.\n- Week 3: 10 mg in the morning and 5 mg in "
              "the evening.\n- Week 4 onward: 10 mg twice daily.\n")
    rows = "    - Severe renal impairment (creatinine clearance 5 to 29 mL/min): A target dose of 5 mg BID is recommended.\n"
    p = plan(dosing(monograph(rows, adults=adults)), crcl(20))
    if p.recommended is True:  # read: the schedule's own weeks 1-2, stopping at 10 mg/day
        assert [(s.start_day, s.daily_dose) for s in p.steps] == [(1, 5), (8, 10)]
    else:
        assert p.recommended is None


def test_through_the_cli(tmp_path: Path) -> None:
    code, answer = titrate_json(tmp_path, monograph(TABLE, HEADING), "--crcl", "20")
    assert code == 0
    assert answer["options"] == []
    shown = answer["shown_as_written"]
    assert isinstance(shown, list) and any("8 mg" in str(item) for item in shown)
