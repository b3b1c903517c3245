"""Renal band labels read the general way: any measure word, comparison, range form, unit and degree word."""
from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from drugref.cli import app
from drugref.dosing.bands import read_band, read_interval

MEASURES = ["", "CrCl ", "CLcr ", "CCr ", "creatinine clearance ", "Creatinine Clearance ", "estimated CrCl ",
            "CrCl of ", "CrCl: "]
UNITS = ["", " mL/min", " mL/minute", " mL per minute", " ml/min"]
EGFR_UNITS = [" mL/min/1.73 m2", " mL/min/1.73m²", " mL/min/1.73 m²"]
LOWER = [("≥", True), (">=", True), (">", False), ("greater than or equal to ", True), ("at least ", True),
         ("more than ", False), ("over ", False), ("above ", False), ("greater than ", False)]
UPPER = [("≤", True), ("<=", True), ("<", False), ("up to ", True), ("less than ", False), ("under ", False),
         ("below ", False), ("less than or equal to ", True)]
OR_MORE = [" or more", " or greater", " and above", " and over", " or higher", " or above"]
OR_LESS = [" or less", " or lower", " or below"]
SEPARATORS = [" to ", "–", "-", " - ", " – ", " through "]
DEGREES = ["moderate", "Moderate renal impairment", "moderate impairment", "Severe"]

numbers = st.integers(min_value=5, max_value=120)
measures, units = st.sampled_from(MEASURES), st.sampled_from(UNITS)


def interval(label: str) -> tuple[float, float | None, bool, bool] | None:
    found = read_interval(label)
    assert found is None or len(found) == 5, found
    return None if found is None else (found[0], found[1], found[2], found[3])


@given(measures, units, numbers, st.sampled_from(LOWER))
def test_a_lower_bound_in_any_words(measure: str, unit: str, n: int, op: tuple[str, bool]) -> None:
    assert interval(f"{measure}{op[0]}{n}{unit}") == (n, None, op[1], False)


@given(measures, units, numbers, st.sampled_from(UPPER))
def test_an_upper_bound_in_any_words(measure: str, unit: str, n: int, op: tuple[str, bool]) -> None:
    assert interval(f"{measure}{op[0]}{n}{unit}") == (0.0, n, True, op[1])


@given(measures, units, numbers, st.sampled_from(OR_MORE + OR_LESS))
def test_a_bound_written_after_the_number(measure: str, unit: str, n: int, suffix: str) -> None:
    want = (n, None, True, False) if suffix in OR_MORE else (0.0, n, True, True)
    assert interval(f"{measure}{n}{unit}{suffix}") == want


@given(measures, units, numbers, numbers, st.sampled_from(SEPARATORS), st.booleans())
def test_a_range_in_any_form(measure: str, unit: str, a: int, b: int, sep: str, both_units: bool) -> None:
    low, high = min(a, b), max(a, b) + 1
    first = f"{low}{unit}" if both_units else f"{low}"
    assert interval(f"{measure}{first}{sep}{high}{unit}") == (low, high, True, True)
    assert interval(f"{measure}between {low} and {high}{unit}") == (low, high, True, True)
    assert interval(f"{measure}from {first}{sep}{high}{unit}") == (low, high, True, True)


@given(measures, units, numbers, numbers)
def test_two_bounds_joined(measure: str, unit: str, a: int, b: int) -> None:
    low, high = min(a, b), max(a, b) + 1
    for label in (f"{measure}{low} to less than {high}{unit}", f"{measure}≥{low} to <{high}{unit}",
                  f"{measure}≥{low}{unit} to <{high}{unit}", f"{measure}at least {low} but less than {high}{unit}",
                  f"{measure}from {low}{unit} to less than {high}{unit}"):
        assert interval(label) == (low, high, True, False), label
    assert interval(f"{measure}>{low}–{high}{unit}") == (low, high, False, True)


@given(measures, units, numbers, st.sampled_from(DEGREES), st.sampled_from(["({})", "before:", "before,", "after"]))
def test_a_degree_word_before_or_after(measure: str, unit: str, n: int, degree: str, where: str) -> None:
    numbers_ = f"{measure}{n}-{n + 20}{unit}"
    label = {"({})": f"{degree} ({numbers_})", "before:": f"{degree}: {numbers_}", "before,": f"{degree}, {numbers_}",
             "after": f"{numbers_} ({degree})"}[where]
    assert interval(label) == (n, n + 20, True, True)
    assert interval(f"{numbers_} in adults") == (n, n + 20, True, True)


@given(st.sampled_from(EGFR_UNITS), numbers)
def test_egfr_units_make_an_egfr_band(unit: str, n: int) -> None:
    found = read_interval(f"eGFR {n} to <{n + 15}{unit}")
    assert found == (n, n + 15, True, False, "egfr")


@given(numbers, numbers.filter(lambda n: n > 0))
def test_near_misses_stay_unread(a: int, b: int) -> None:
    for label in (f"CrCl {a} mg/dL", f"{a} or {b}", f"{a} and {b}", f"CrCl {a}, {b}", f"up to {a} mg", f"from {a}",
                  f"from {a} mL/min", f"{a} and above {b}", f"at least {a} but {b}", f"moderate: {a} or {b}",
                  f"CrCl {a}-{a + 5} in children", f"serum creatinine {a}"):
        assert read_interval(label) is None, label


def test_a_degree_between_the_numbers_and_dialysis() -> None:
    band, why = read_band("CrCl <10 mL/min (end-stage renal disease) or undergoing hemodialysis", "Contraindicated.", 7)
    assert why is None and band is not None
    assert (band.low, band.high, band.high_inclusive, band.dialysis) == (0.0, 10.0, False, ("hd",))
    assert band.guidance.action == "not-recommended"


def renal_monograph(*bands: str) -> str:
    """A one-regimen monograph (7 mg once daily) whose renal bullet holds these bands."""
    lines = "".join(f"    - {band}\n" for band in bands)
    return ("---\nname: Examplamine\n---\n# Examplamine\n\n## **Dosage**\n\n### **Standard Dosage**\n\n"
            "#### **Adults:**\n- Initial: 7 mg once daily.\n\n#### **Special Cases:**\n\n"
            f"- **Patients with Renal Impairment**:\n{lines}")


MONOGRAPH = renal_monograph("CrCl 50 mL/min and above: no dosage adjustment.",
                            "CrCl from 30 to less than 50 mL/min: 2.5 mg once daily.",
                            "CrCl under 30 mL/min: not recommended.",
                            "Children 6 to 11 years with renal impairment: contraindicated.")


def test_titrate_reads_worded_bands_and_leaves_the_children_band_aside(tmp_path: Path) -> None:

    folder = tmp_path
    (folder / "examplamine.md").write_text(MONOGRAPH)
    runner = CliRunner()
    env = {"DRUGREF_MONOGRAPHS": str(folder)}
    result = runner.invoke(app, ["titrate", "examplamine", "--crcl", "40", "--json"], env=env)
    assert result.exit_code == 0, result.output
    assert "2.5" in result.output and "stated for children" in result.output
    refused = runner.invoke(app, ["titrate", "examplamine", "--crcl", "20"], env=env)
    assert "NOT RECOMMENDED" in refused.output


@given(st.sampled_from(["not receiving chronic hemodialysis", "not on dialysis", "not undergoing regular dialysis",
                        "without hemodialysis", "(not on dialysis)"]),
       st.sampled_from(["ESRD", "End-stage renal disease", "ESRD patients"]))
def test_esrd_not_on_dialysis_is_never_the_dialysis_band(words: str, esrd: str) -> None:
    band, why = read_band(f"{esrd} {words}", "Not recommended.", 3)
    assert band is None or band.measure != "esrd" and not band.dialysis


def test_a_patient_on_dialysis_is_not_given_the_not_on_dialysis_row(tmp_path: Path) -> None:
    (tmp_path / "examplamine.md").write_text(renal_monograph(
        "CrCl 15 mL/min or more: no dosage adjustment is required.",
        "ESRD not receiving chronic hemodialysis: not recommended."), encoding="utf-8")
    result = CliRunner().invoke(app, ["--no-bundled", "--monographs", str(tmp_path), "titrate", "examplamine",
                                      "--dialysis", "hd", "--json"])
    answer = json.loads(result.output)
    assert answer["recommended"] is None and answer["steps"] == []
    assert "no band for patients on hemodialysis" in answer["refused"]
