"""A band dose given less often than daily: its daily amount shown only when it comes out exact."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from drugref.cli import app
from drugref.dosing.bands import read_guidance
from drugref.titrate_report import frequency_words
from test_dosing_labels import renal_monograph


@pytest.mark.parametrize(("text", "daily", "words"), [
    ("2.5 mg once every other day.", 1.25, "every 48 hours"),
    ("300 mg every 2 days", 150.0, "every 48 hours"),
    ("600 mg every 72 hours.", 200.0, "every 72 hours"),
    ("600 mg q72h", 200.0, "every 72 hours"),
    ("800 mg every 96 hours", 200.0, "every 96 hours"),
    ("7 mg twice weekly", 2.0, "twice weekly"),
    ("21 mg three times a week", 9.0, "three times weekly"),
    ("70 mg once weekly", 10.0, "once weekly"),
])
def test_an_exact_daily_amount_is_read(text: str, daily: float, words: str) -> None:
    guidance = read_guidance(text)
    assert guidance.action == "adjust"
    assert guidance.daily_dose == pytest.approx(daily)
    assert frequency_words(guidance.times_per_day) == words


@pytest.mark.parametrize("text", [
    "2.5 mg twice weekly.",  # 0.714… mg/day
    "500 mg every 72 hours.",  # 166.666… mg/day
    "2.5 mg twice weekly (once every 3-4 days).",
    "500 mg every 36 hours",
    "10 mg every 5 weeks",
])
def test_an_inexact_daily_amount_is_refused(text: str) -> None:
    assert read_guidance(text).action == "unread"


@given(st.integers(min_value=1, max_value=2000), st.sampled_from([(" twice weekly", 2 / 7), (" once weekly", 1 / 7),
                                                                   (" every 72 hours", 1 / 3), (" every other day", 0.5)]))
def test_a_shown_daily_amount_is_always_the_dose_times_the_doses_a_day(dose: int, freq: tuple[str, float]) -> None:
    guidance = read_guidance(f"{dose} mg{freq[0]}")
    if guidance.action == "unread":
        assert abs(dose * freq[1] * 1000 - round(dose * freq[1] * 1000)) > 1e-6
    else:
        assert isinstance(guidance.daily_dose, float)
        assert guidance.daily_dose == pytest.approx(dose * freq[1], abs=1e-9)
        assert round(guidance.daily_dose, 3) == guidance.daily_dose


MONOGRAPH = renal_monograph("CrCl 50 mL/min and above: no dosage adjustment.",
                            "CrCl 30 to less than 50 mL/min: 7 mg once every other day.",
                            "CrCl 10 to less than 30 mL/min: 7 mg twice weekly.",
                            "CrCl under 10 mL/min: 5 mg every 72 hours.")


def test_titrate_shows_the_interval_and_refuses_the_inexact(tmp_path: Path) -> None:
    (tmp_path / "examplamine.md").write_text(MONOGRAPH)
    runner, env = CliRunner(), {"DRUGREF_MONOGRAPHS": str(tmp_path)}
    result = runner.invoke(app, ["titrate", "examplamine", "--crcl", "20"], env=env)
    assert result.exit_code == 0, result.output
    assert "7 mg twice weekly (2 mg/day)" in result.output
    eod = json.loads(runner.invoke(app, ["titrate", "examplamine", "--crcl", "40", "--json"], env=env).output)
    assert eod["steps"][0]["daily_dose"] == 3.5 and eod["steps"][0]["times_per_day"] == 0.5
    refused = runner.invoke(app, ["titrate", "examplamine", "--crcl", "5", "--json"], env=env)
    assert refused.exit_code == 1
    body = json.loads(refused.output)
    assert body["steps"] == [] and body["max_daily_dose"] is None and body["refused"]
