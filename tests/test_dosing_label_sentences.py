"""Dosing sentences as FDA labels write them: the drug's own names inside the sentence, a purpose, a tablet count,
when to take it around a meal, the drug as the subject. Each reads to the same dose as the plain sentence; near
misses stay unread."""
from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from drugref.cli import app
from drugref.dosing.phrases import drug_names, read_text, without_drug_names

NAMES = (("examplamine", "examplamine hydrochloride"), ("EXAMPLO", "Examplo XR"))


def read(text: str) -> tuple[bool, list[tuple[float | tuple[float, float] | None, float | tuple[float, float] | None]]]:
    with drug_names(*NAMES):
        reading = read_text(text)
    return reading.complete, [(f.daily, f.times) for f in reading.facts]


@given(st.sampled_from(["The recommended dosage of EXAMPLO is", "The recommended starting EXAMPLO dosage is",
                        "The recommended dosage of examplamine hydrochloride is", "The recommended dosage is",
                        "The recommended dosage of EXAMPLO® is"]),
       st.integers(1, 400), st.sampled_from([("once daily", 1.0), ("twice daily", 2.0)]))
def test_a_dose_sentence_with_the_drugs_own_name(start: str, mg: int, freq: tuple[str, float]) -> None:
    assert read(f"{start} {mg} mg orally {freq[0]}.") == (True, [(mg * freq[1], freq[1])])


def test_purpose_tablet_count_and_meal_words_change_no_dose() -> None:
    assert read("The recommended starting dosage of EXAMPLO is 100 mg orally once daily to improve glycemic "
                "control, taken before the first meal of the day.") == (True, [(100.0, 1.0)])
    assert read("The recommended dosage is 25 mg (one tablet) taken orally once daily with food.") == (True, [(25.0, 1.0)])
    assert read("EXAMPLO should be given at an initial dose of 4 mg once daily for 2 weeks.")[1] == [(4.0, 1.0)]


def test_the_drug_as_subject_keeps_its_verdict() -> None:
    with drug_names(*NAMES):
        assert without_drug_names("examplamine is contraindicated in these patients") == \
            "it is contraindicated in these patients"
        assert without_drug_names("examplamine may be used; start with 0.3 mg/day") == "it may be used; start with 0.3 mg/day"


def test_near_misses_stay_unread_or_unchanged() -> None:
    # two of the drug's products in one sentence: which one a dose belongs to is part of what it says
    with drug_names(*NAMES):
        text = "patients on examplo 10 mg twice daily may be switched to examplo xr 28 mg"
        assert without_drug_names(text) == text
    # a purpose clause cannot swallow a dose instruction
    assert read("10 mg once daily to reduce the dose to 5 mg")[0] is False
    assert read("10 mg once daily to improve control increase to 20 mg")[0] is False
    # another drug's name is not this drug's
    assert read("The recommended dosage of OTHERDRUG is 100 mg orally once daily.")[0] is False
    # without a monograph being read, names are not known
    assert read_text("The recommended dosage of EXAMPLO is 100 mg orally once daily.").complete is False


def test_titrate_reads_a_label_sentence_with_the_brand_name(tmp_path: Path) -> None:
    (tmp_path / "examplamine.md").write_text(
        "---\ntitle: Examplamine\nbrand_names: [EXAMPLO]\n---\n# Examplamine\n\n## **Dosage**\n\n"
        "### **Standard Dosage**\n\n#### **Adults:**\n"
        "- Dose: The recommended dosage of EXAMPLO is 25 mg (one tablet) taken orally once daily with food.\n",
        encoding="utf-8")
    result = CliRunner().invoke(app, ["--no-bundled", "--monographs", str(tmp_path), "titrate", "examplo", "--json"])
    answer = json.loads(result.output)
    assert answer["recommended"] is True
    assert [(s["daily_dose"], s["times_per_day"]) for s in answer["steps"]] == [(25.0, 1.0)]


def _titrate_json(tmp_path: Path, *bullets: str) -> dict[str, object]:
    lines = "".join(f"- {b}\n" for b in bullets)
    (tmp_path / "examplamine.md").write_text(
        "---\ntitle: Examplamine\n---\n# Examplamine\n\n## **Dosage**\n\n### **Standard Dosage**\n\n"
        f"#### **Adults:**\n{lines}", encoding="utf-8")
    result = CliRunner().invoke(app, ["--no-bundled", "--monographs", str(tmp_path), "titrate", "examplamine", "--json"])
    answer: dict[str, object] = json.loads(result.output)
    return answer


def test_no_maintenance_dose_is_claimed_when_an_unread_step_or_an_option_follows(tmp_path: Path) -> None:
    alone = _titrate_json(tmp_path, "Initial: 5 mg orally once daily.")
    assert alone["maintenance_daily_dose"] == 5.0
    unread = _titrate_json(tmp_path, "Initial: 5 mg orally once daily.",
                           "Titration: Adjust in increments of 2.5 to 5 mg as determined by blood glucose response.")
    assert unread["recommended"] is True and unread["maintenance_daily_dose"] is None
    option = _titrate_json(tmp_path, "Initial: 5 mg orally once daily.",
                           "Titration: If needed, the dose may be increased to 10 mg once daily after 2 weeks.")
    assert option["maintenance_daily_dose"] is None
