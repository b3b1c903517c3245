"""Which renal bands belong to which regimen (issue 11, round 3): label *structures*, each tested with a monograph
written here (invented drug, other numbers) and a near miss that must stay refused."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from drugref.dosing import Plan, plan
from drugref.dosing.model import Amount
from drugref.dosing.plan import _abbreviates, _spell_out
from test_dosing_rules import crcl, mono

TWO = ("## Dosage\n#### Adults:\n##### **Hypertension**\n- Initial: 20 mg orally once daily.\n- Maximum: 40 mg/day.\n"
       "##### **Chronic stable angina**\n- Initial: 40 mg orally once daily.\n- Maximum: 80 mg/day.\n"
       "#### Special Cases:\n")
ONE_REGIMEN = ("## Dosage\n#### Adults:\n- Initial: 20 mg orally once daily.\n- Maximum: 20 mg/day.\n"
               "#### Special Cases:\n- **Patients with Renal Impairment**:\n")
TABLE = ("\n| Creatinine Clearance (mL/min) | Recommended Dosage |\n|---|---|\n| ≥30 | No dosage adjustment |\n"
         "| <30 | 10 mg once daily |\n")


def daily(p: Plan) -> Amount | None:
    """The patient's ongoing daily dose, or None when no schedule is shown."""
    return p.steps[-1].daily_dose if p.recommended and p.steps else None


def expect_daily(text: str, cases: list[tuple[float, str, float]]) -> None:
    d = mono(text)
    for value, indication, want in cases:
        p = plan(d, crcl(value), indication)
        assert daily(p) == want, (value, indication, p.refused)


# ---------------------------------------------------------------- a remark after the renal heading

def test_a_remark_in_parentheses_leaves_the_bands_for_every_regimen():
    d = mono(TWO + "- **Patients with Renal Impairment** (because the drug is cleared by the kidney, the dose should "
                   "be reduced in patients whose creatinine clearance is <30 mL/min):\n" + TABLE)
    for indication in ("Hypertension", "Chronic stable angina"):
        low = plan(d, crcl(20), indication)
        assert low.recommended is True and daily(low) == 10, low.refused
        normal = plan(d, crcl(60), indication)
        assert normal.recommended is True and normal.max_daily_dose == plan(d, None, indication).max_daily_dose


def test_a_caveat_about_the_table_itself_changes_no_dose():
    d = mono(TWO + "- **Patients with Renal Impairment** (the dose should be adjusted below 30 mL/min; these "
                   "recommendations have not been clinically evaluated):\n" + TABLE)
    assert daily(plan(d, crcl(20), "Hypertension")) == 10


def test_a_remark_that_states_a_dose_or_a_verdict_still_refuses():
    for remark in ("a loading dose of 40 mg should be given first; the daily dose is then based on the table",
                   "for patients on hemodialysis a dose recommendation cannot be given",
                   "use is not recommended in patients on dialysis"):
        d = mono(TWO + f"- **Patients with Renal Impairment** ({remark}):\n" + TABLE)
        p = plan(d, crcl(20), "Hypertension")
        assert p.recommended is None and p.max_daily_dose is None and p.refused, remark


def test_a_group_name_in_parentheses_is_still_a_group():
    d = mono(TWO + "- **Patients with Renal Impairment** (chronic stable angina):\n" + TABLE)
    assert daily(plan(d, crcl(20), "Chronic stable angina")) == 10
    refused = plan(d, crcl(20), "Hypertension")
    assert refused.recommended is None and "groups" in (refused.refused or "")


# ---------------------------------------------------------------- "Group — band" with a list of indications

MIGRAINE = ("## Dosage\n#### Adults:\n"
            "##### **Acute migraine attacks**\n- Initial: 20 mg orally once daily.\n- Maximum: 40 mg/day.\n"
            "##### **Episodic cluster headache**\n- Initial: 20 mg orally once daily.\n- Maximum: 40 mg/day.\n"
            "##### **Prevention of chronic migraine**\n- Initial: 20 mg orally once daily.\n- Maximum: 40 mg/day.\n"
            "##### **Chronic cluster headache**\n- Initial: 20 mg orally once daily.\n- Maximum: 40 mg/day.\n"
            "#### Special Cases:\n- **Patients with Renal Impairment**:\n"
            "    - Acute migraine attacks and ECH — Creatinine clearance ≥40 mL/min: No dosage adjustment.\n"
            "    - Acute migraine attacks and ECH — Creatinine clearance 15 to <40 mL/min: 10 mg once daily.\n"
            "    - Prevention of chronic migraine — Creatinine clearance ≥40 mL/min: No dosage adjustment.\n"
            "    - Prevention of chronic migraine — Creatinine clearance 15 to <40 mL/min: 5 mg once daily.\n")


def test_a_group_listing_indications_with_an_abbreviation_gives_each_its_band():
    expect_daily(MIGRAINE, [(20, "Acute migraine attacks", 10), (20, "Episodic cluster headache", 10),  # ECH
                            (20, "Prevention of chronic migraine", 5), (50, "Episodic cluster headache", 20)])


def test_a_regimen_sharing_words_with_a_group_but_not_named_by_it_is_refused():
    d = mono(MIGRAINE)
    p = plan(d, crcl(20), "Chronic cluster headache")  # shares "cluster headache" and "chronic"; ECH is not CCH
    assert p.recommended is None and p.max_daily_dose is None and "groups" in (p.refused or "")


def test_group_then_band_through_the_cli(tmp_path, monkeypatch, run_json):
    (tmp_path / "migrafen.md").write_text(f"---\ntitle: Migrafen\n---\n{MIGRAINE}", encoding="utf-8")
    monkeypatch.setenv("DRUGREF_MONOGRAPHS", str(tmp_path))
    code, data, _ = run_json("titrate", "migrafen", "--indication", "Episodic cluster headache", "--crcl", "20")
    assert code == 0 and data["recommended"] is True and data["steps"][-1]["daily_dose"] == 10
    code, data, _ = run_json("titrate", "migrafen", "--indication", "Chronic cluster headache", "--crcl", "20")
    assert code == 1 and data["recommended"] is None and data["max_daily_dose"] is None and data["refused"]
    code, data, _ = run_json("titrate", "migrafen", "--indication", "ECH", "--crcl", "20")  # the abbreviation
    assert code == 0 and data["steps"][-1]["daily_dose"] == 10
    code, data, _ = run_json("titrate", "migrafen", "--indication", "CCH", "--crcl", "20")  # chronic cluster headache
    assert code == 1 and data["steps"] == [] and "groups" in data["refused"]  # which no renal group names
    code, data, _ = run_json("titrate", "migrafen", "--indication", "MOH", "--crcl", "20")  # spells no regimen
    assert code == 1 and data["steps"] == [] and "matches no regimen" in data["refused"]


# ---------------------------------------------------------------- abbreviations

def test_abbreviations_are_read_from_the_other_sides_words():
    assert _spell_out("GERD", "Gastroesophageal reflux disease") == "Gastroesophageal reflux disease"
    assert _spell_out("Treatment of CMV retinitis", "Cytomegalovirus retinitis") == \
        "Treatment of Cytomegalovirus retinitis"
    assert _spell_out("HIV-1 infection", "Human immunodeficiency virus") == "Human immunodeficiency virus-1 infection"
    assert _spell_out("RLS", "Moderate-to-severe restless legs syndrome").casefold() == "restless legs syndrome"
    assert _spell_out("PHN", "Postherpetic neuralgia") == "Postherpetic neuralgia"
    # near misses: letters out of order, a word skipped, no such words
    assert _spell_out("GERD", "Duodenal ulcer and gastric reflux") == "GERD"
    assert _spell_out("CCH", "Episodic cluster headache") == "CCH"
    assert not _abbreviates("pe", ["pulmonary", "hypertension", "embolism"])


@settings(deadline=None)
@given(st.lists(st.text("abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8), min_size=1, max_size=4))
def test_initials_always_abbreviate_their_words_and_a_wrong_initial_never_does(words):
    initials = "".join(w[0] for w in words)
    assert _abbreviates(initials, words)
    wrong = ("b" if initials[0] == "a" else "a") + initials[1:]
    assert not _abbreviates(wrong, words)


# ---------------------------------------------------------------- one table column per formulation

FORMS = ("## Dosage\n#### Adults:\n##### **Epilepsy (tablets)**\n- Dose: 300 mg orally once daily.\n"
         "##### **Epilepsy (oral suspension)**\n- Dose: 250 mg (5 mL) orally once daily.\n"
         "##### **Epilepsy (extended-release tablets)**\n- Dose: 600 mg orally once daily.\n"
         "#### Special Cases:\n- **Patients with Renal Impairment**:\n\n"
         "| CrCl (mL/min) | Tablet (300 mg) | Oral Suspension (50 mg/mL) |\n|---|---|---|\n"
         "| ≥40 | 300 mg every 24 hours | 250 mg (5 mL) every 24 hours |\n"
         "| <40 | 150 mg every 24 hours | 100 mg (2 mL) every 24 hours |\n")


def test_a_column_per_formulation_gives_each_formulation_its_column():
    expect_daily(FORMS, [(20, "Epilepsy (tablets)", 150), (20, "Epilepsy (oral suspension)", 100),  # "(2 mL)"
                         (60, "Epilepsy (oral suspension)", 250)])


def test_a_formulation_no_column_names_is_refused():
    p = plan(mono(FORMS), crcl(20), "Epilepsy (extended-release tablets)")  # "Tablet" is the immediate-release one
    assert p.recommended is None and p.max_daily_dose is None and p.refused


def test_a_volume_restates_the_dose_and_nothing_else_does():
    from drugref.dosing.bands import read_guidance

    assert read_guidance("120 mg (12 mL) every 24 hours").daily_dose == 120
    for text in ("12 mL (120 mg) every 24 hours", "120 mg (12 mg) every 24 hours", "120 mg (12 tablets) daily"):
        assert read_guidance(text).action == "unread", text


# ---------------------------------------------------------------- dialysis words in a band label

def test_clearance_then_on_dialysis_names_the_dialysis_patients_only():
    from drugref.dosing.bands import read_band

    for label, kinds in (("<12 (on hemodialysis)", ("hd",)), ("CrCl <20 mL/min on peritoneal dialysis", ("pd",)),
                         ("Creatinine clearance below 25 mL/min, requiring dialysis", ("hd", "pd", "crrt"))):
        band, _ = read_band(label, "5 mg after each session.", 4)
        assert band is not None and band.measure == "dialysis" and band.dialysis == kinds, label
    # "or on": the clearance band and the dialysis patients; "and on": not read
    band, _ = read_band("CrCl <20 mL/min or on hemodialysis", "5 mg daily.", 4)
    assert band is not None and band.measure == "crcl" and band.high == 20 and band.dialysis == ("hd",)
    assert read_band("CrCl <20 mL/min and on hemodialysis", "5 mg daily.", 4)[0] is None


def test_a_row_listing_a_clearance_and_dialysis_kinds_covers_all_of_them():
    from drugref.dosing.bands import read_band

    band, _ = read_band("Below 12, hemodialysis or CAPD", "5 mg once daily.", 4)
    assert band is not None and (band.low, band.high) == (0, 12) and set(band.dialysis) == {"hd", "pd"}
    band, _ = read_band("CrCl ≤40 mL/min (no dialysis)", "5 mg once daily.", 4)
    assert band is not None and band.high == 40 and band.dialysis == ()
    assert read_band("Mild, hemodialysis", "5 mg once daily.", 4)[0] is None  # no clearance number: not a band


def test_a_dialysis_only_row_never_applies_from_a_clearance_number():
    d = mono(ONE_REGIMEN + "\n| CrCl (mL/min) | Dose |\n|---|---|\n| ≥30 | No dosage adjustment |\n"
                           "| 12 to <30 | 10 mg once daily |\n| <12 (on hemodialysis) | 5 mg once daily |\n")
    assert daily(plan(d, crcl(0, "hd"))) == 5
    low = plan(d, crcl(8))  # not on dialysis, below the lowest clearance band: the label gives nothing
    assert low.recommended is None and low.max_daily_dose is None
    assert daily(plan(d, crcl(20))) == 10


# ---------------------------------------------------------------- a colon inside the band's parentheses

def test_a_colon_inside_parentheses_does_not_end_the_label():
    d = mono(ONE_REGIMEN + "    - Mild (CrCl: 50 to <80 mL/min): No dosage adjustment.\n"
                           "    - Moderate (CrCl: 25 to <50 mL/min) and severe renal impairment (CrCl <25 mL/min): "
                           "10 mg once daily.\n")
    assert daily(plan(d, crcl(30))) == 10
    assert daily(plan(d, crcl(12))) == 10
    assert daily(plan(d, crcl(60))) == 20


def test_a_colon_after_the_measure_before_words_is_still_not_a_band():
    from drugref.dosing.bands import read_interval

    assert read_interval("CrCl: 25-49 mL/min")[:2] == (25, 49)
    assert read_interval("creatinine clearance: reduced") is None
    d = mono(ONE_REGIMEN + "    - Impairment (see note: CrCl 25 to <50 mL/min in most patients): 10 mg once daily.\n")
    p = plan(d, crcl(30))
    assert p.recommended is None and p.max_daily_dose is None


def test_a_heading_group_with_a_brand_and_a_population_names_its_formulation():
    d = mono("## Dosage\n#### Adults:\n##### **Neuropathic pain (immediate-release: Painbrand)**\n"
             "- Initial: 100 mg orally three times daily.\n- Maximum: 600 mg/day.\n"
             "##### **Neuropathic pain (once-daily extended-release tablets: Painbrand XR)**\n"
             "- Initial: 300 mg orally once daily.\n- Maximum: 600 mg/day.\n#### Special Cases:\n"
             "- **Patients with Renal Impairment (immediate-release: Painbrand; patients 12 years and older)**:\n"
             "    - CrCl ≥40 mL/min: No dosage adjustment.\n    - CrCl <40 mL/min: 100 mg once daily.\n"
             "- **Patients with Renal Impairment (once-daily extended-release tablets: Painbrand XR)**:\n"
             "    - CrCl ≥40 mL/min: No dosage adjustment.\n    - CrCl <40 mL/min: Not recommended.\n")
    assert daily(plan(d, crcl(20), "Neuropathic pain (immediate-release: Painbrand)")) == 100
    xr = plan(d, crcl(20), "Neuropathic pain (once-daily extended-release tablets: Painbrand XR)")
    assert xr.recommended is False and xr.steps == ()


def test_which_includes_explains_the_band_and_names_its_dialysis_patients():
    from drugref.dosing.bands import read_band

    band, _ = read_band("eGFR <40 mL/min/1.73 m2 (which includes severe renal impairment, or ESRD (end-stage renal "
                        "disease) requiring hemodialysis)", "5 mg once daily (regardless of meals).", 4)
    assert band is not None and band.measure == "egfr" and band.high == 40 and band.dialysis == ("hd",)
    assert band.guidance.daily_dose == 5
    band, _ = read_band("CrCl <25 mL/min (which includes severe renal impairment)", "5 mg once daily.", 4)
    assert band is not None and band.high == 25 and band.dialysis == ()
    # dialysis named without saying who is on it, or no number outside the explanation: not read
    assert read_band("CrCl <25 mL/min (which includes dialysis)", "5 mg once daily.", 4)[0] is None
    assert read_band("Severe (which includes ESRD)", "5 mg once daily.", 4)[0] is None


def test_group_comma_band_gives_each_group_its_bands_and_a_condition_is_not_a_group():
    body = ("## Dosage\n#### Adults:\n##### **Stable angina**\n- Initial: 30 mg orally once daily.\n"
            "- Maximum: 30 mg/day.\n##### **Vasospastic angina**\n- Initial: 60 mg orally once daily.\n"
            "- Maximum: 60 mg/day.\n#### Special Cases:\n- **Patients with Renal Impairment**:\n"
            "    - Stable angina, CrCl ≥35 mL/min: No dosage adjustment.\n"
            "    - Stable angina, CrCl <35 mL/min: 15 mg once daily.\n")
    expect_daily(body, [(20, "Stable angina", 15), (50, "Stable angina", 30)])
    assert plan(mono(body), crcl(20), "Vasospastic angina").recommended is None  # no group names it
    conditional = mono(body.replace("Stable angina, CrCl <35", "With strong CYP3A4 inhibitors, CrCl <35"))
    p = plan(conditional, crcl(20), "Stable angina")
    assert p.recommended is None and p.max_daily_dose is None and p.steps == ()


def test_a_choice_of_two_doses_in_one_unit_is_a_range_and_two_units_stay_unread():
    from drugref.dosing.phrases import read_text

    reading = read_text("4 mg or 8 mg orally once daily taken regardless of meals")
    assert reading.complete and reading.facts[0].daily == (4, 8) and reading.facts[0].times == 1
    assert not read_text("4 mcg or 8 mg once daily").complete
