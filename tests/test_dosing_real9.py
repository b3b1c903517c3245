"""Dosing sentences as FDA labels write them, round 9: the first step and its optional increase in the labels' own
sentences — the drug's names in brackets, "in the a.m. or p.m.", the purpose a regimen's heading names, an optional
increase and what it is for, "individualize the dosage", "initiate dosing at", an increase "as needed", the initial
dose set off by commas, a dose the same with or without another drug, and an option's titration interval. Each reads
to the dose the plain sentence gives; every near miss (a subgroup, another purpose, a required increase beside the
interval, a condition on who gets the dose) stays unread."""
from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from drugref.dosing import read_dosing
from drugref.dosing.phrases import DoseFact, drug_names, read_text, regimen_heading
from drugref.dosing.titration import read_prose
from drugref.monograph import parse_text
from test_dosing_label_sentences8 import titrate_json

Facts = list[tuple[object, object, str]]


def read(text: str, names: tuple[str, ...] = ("examplamine",), brands: tuple[str, ...] = ("examplo", "examplo xl"),
         heading: str | None = None) -> tuple[bool, Facts]:
    with drug_names(names, brands), regimen_heading(heading):
        reading = read_text(text)
    return reading.complete, [(f.daily, f.times, f.role) for f in reading.facts if isinstance(f, DoseFact)]


def monograph(regimens: str) -> str:
    return ("---\ntitle: Examplamine\nbrand_names: [Examplo, Examplo XL]\n---\n# Examplamine\n\n## **Dosage**\n\n"
            f"### **Standard Dosage**\n\n#### **Adults:**\n{regimens}\n")


def steps_of(answer: dict[str, object]) -> list[tuple[object, object, object, object]]:
    steps = answer["steps"]
    assert isinstance(steps, list)
    return [(s["start_day"], s["end_day"], s["daily_dose"], s["times_per_day"]) for s in steps]


# ---------------------------------------------------------------- the first step as labels write it

@given(st.integers(1, 400))
def test_the_drugs_names_in_brackets_go_with_their_brackets(mg: int) -> None:
    # "The usual initial dose is 40 mg CORGARD (nadolol) once daily." (Corgard PI, Dosage and Administration)
    assert read(f"The usual initial dose is {mg} mg EXAMPLO (examplamine) once daily.") == \
        (True, [(float(mg), 1.0, "initial")])


def test_brackets_with_other_words_or_a_brand_stay_unread() -> None:
    assert read("The usual initial dose is 40 mg EXAMPLO (in the elderly) once daily.")[0] is False
    # a brand in brackets says which product the words are for ("Maximum 150 mg every other day (Wellbutrin XL)")
    assert read("Maximum 150 mg every other day (EXAMPLO XL).")[0] is False


@given(st.sampled_from(["in the a.m. or p.m.", "in the A.M. or P.M.", "in the morning or evening"]), st.integers(1, 64))
def test_a_dose_in_the_morning_or_evening_is_once_daily(when: str, mg: int) -> None:
    # "The initial dosage of CARDURA is 1 mg, given once daily in the a.m. or p.m." (Cardura PI, Dosage and Administration)
    assert read(f"The initial dosage of EXAMPLO is {mg} mg, given once daily {when}") == \
        (True, [(float(mg), 1.0, "initial")])


def test_am_pm_is_no_frequency_by_itself() -> None:
    assert read("The initial dosage of EXAMPLO is 1 mg, given in the a.m. or p.m.")[0] is False


@given(st.integers(1, 50))
def test_a_purpose_the_heading_names_is_the_regimens_own(mg: int) -> None:
    # "To improve glycemic control, the recommended starting dose is 5 mg orally once daily." (Farxiga PI, Dosage and Administration)
    heading = "Glycemic control in type 2 diabetes mellitus"
    text = f"To improve glycemic control, the recommended starting dose is {mg} mg orally once daily."
    assert read(text, heading=heading) == (True, [(float(mg), 1.0, "initial")])


def test_a_purpose_the_heading_does_not_name_stays_unread() -> None:
    text = "To reduce the risk of sustained eGFR decline, the recommended starting dose is 10 mg orally once daily."
    assert read(text, heading="Glycemic control in type 2 diabetes mellitus")[0] is False
    assert read("To improve glycemic control, the recommended starting dose is 5 mg orally once daily.")[0] is False


@given(st.integers(1, 200))
def test_individualize_the_dosage_changes_no_dose(mg: int) -> None:
    # "Individualize the dosage of TOPROL-XL. The usual initial dosage is 100 mg daily, given in a single dose." (2.2)
    for lead in ("Individualize the dosage of EXAMPLO.", "DOSAGE MUST BE INDIVIDUALIZED AND CLOSELY MONITORED BY A "
                 "PHYSICIAN DURING UP-TITRATION.", "Dosage must be individualized and closely monitored during "
                 "up-titration."):
        complete, facts = read(f"{lead} The usual initial dosage is {mg} mg daily, given in a single dose.")
        assert complete and facts == [(float(mg), 1.0, "initial")], lead


def test_a_dose_the_same_alone_or_with_another_drug() -> None:
    # "… 40 mg CORGARD (nadolol) once daily, whether it is used alone or in addition to diuretic therapy." (Corgard PI, Dosage and Administration)
    assert read("The usual initial dose is 40 mg EXAMPLO (examplamine) once daily, whether it is used alone or in "
                "addition to diuretic therapy.") == (True, [(40.0, 1.0, "initial")])
    # a dose for patients on another drug is a subgroup: unread
    assert read("The recommended initial dose in patients receiving a diuretic is 5 mg once daily.")[0] is False


@given(st.integers(1, 32))
def test_the_initial_dose_set_off_by_commas(mg: int) -> None:
    # "The initial dose of CARDURA XL, 4 mg given once daily, should be administered with breakfast." (Cardura XL PI, Dosage and Administration)
    assert read(f"The initial dose of EXAMPLO XL, {mg} mg given once daily, should be administered with breakfast.") == \
        (True, [(float(mg), 1.0, "initial")])


def test_should_be_administered_with_other_words_stays_unread() -> None:
    assert read("The initial dose of EXAMPLO XL, 4 mg given once daily, should be administered with a diuretic.")[0] \
        is False


@given(st.integers(1, 20), st.sampled_from([15, 30, 60]))
def test_a_dose_given_within_a_window_before_meals(mcg: int, minutes: int) -> None:
    # "BYETTA should be initiated at 5 mcg administered twice daily (BID) at any time within the 60-minute period before
    # the morning and evening meals (or before the two main meals of the day, approximately 6 hours or more apart)."
    # (Byetta PI, Dosage and Administration)
    text = (f"EXAMPLO should be initiated at {mcg} mcg administered twice daily (BID) at any time within the {minutes}-"
            "minute period before the morning and evening meals (or before the two main meals of the day, approximately "
            "6 hours or more apart).")
    assert read(text) == (True, [(2.0 * mcg, 2.0, "dose")])


def test_a_window_after_meals_or_without_a_frequency_stays_unread() -> None:
    assert read("EXAMPLO should be initiated at 5 mcg administered twice daily at any time within the 60-minute period "
                "after the morning and evening meals.")[0] is False
    assert read("EXAMPLO should be initiated at 5 mcg at any time within the 60-minute period before the morning and "
                "evening meals.")[0] is False


# ---------------------------------------------------------------- the increase that follows, an option

@given(st.integers(1, 500))
def test_initiate_dosing_and_increase_as_needed_is_a_dose_and_an_option(mg: int) -> None:
    # "Initiate RANEXA dosing at 500 mg twice daily and increase to 1000 mg twice daily, as needed, based on clinical
    # symptoms." (Ranexa PI, Dosage and Administration)
    complete, facts = read(f"Initiate EXAMPLO dosing at {mg} mg twice daily and increase to {2 * mg} mg twice daily, "
                           "as needed, based on clinical symptoms.")
    assert complete and facts == [(2.0 * mg, 2.0, "dose"), (4.0 * mg, 2.0, "option")]


def test_an_increase_without_as_needed_is_never_an_option() -> None:
    _, facts = read("Initiate EXAMPLO dosing at 500 mg twice daily and increase to 1000 mg twice daily.")
    assert "option" not in [role for *_, role in facts]
    assert read("Increase to 1000 mg twice daily, based on renal function.")[0] is False


def test_an_optional_increase_and_what_it_is_for() -> None:
    # "Dose can be increased to 10 mg orally once daily for additional glycemic control." (Farxiga PI, Dosage and Administration)
    assert read("Dose can be increased to 10 mg orally once daily for additional glycemic control.") == \
        (True, [(10.0, 1.0, "option")])
    assert read("Dose can be increased to 10 mg orally once daily for patients with renal impairment.")[0] is False


def test_an_options_titration_interval_leaves_it_undated() -> None:
    # "Depending on the patient's symptomatic response and tolerability, the dose may be increased to 8 mg, the maximum
    # recommended dose. The recommended titration interval is 3–4 weeks." (Cardura XL PI, Dosage and Administration)
    prose = read_prose("Depending on the patient's symptomatic response and tolerability, the dose may be increased to "
                       "8 mg, the maximum recommended dose. The recommended titration interval is 3–4 weeks.")
    assert prose is not None and len(prose.options) == 1 and not prose.targets and prose.every_days is None


def test_a_titration_interval_beside_a_required_increase_stays_unread() -> None:
    assert read_prose("The dose should be increased to 8 mg. The recommended titration interval is 3-4 weeks.") is None
    assert read_prose("The recommended titration interval is 3-4 weeks.") is None
    assert read_prose("Depending on the patient's renal function, the dose may be increased to 8 mg.") is None


# ---------------------------------------------------------------- through read_dosing and the CLI

RANOLAZINE_SHAPE = ("- Initial: Initiate EXAMPLO dosing at 500 mg twice daily and increase to 1000 mg twice daily, as "
                    "needed, based on clinical symptoms.\n- Maximum: 1000 mg twice daily.\n")

DOXAZOSIN_XL_SHAPE = ("##### **Benign prostatic hyperplasia (extended-release tablets: Examplo XL)**\n"
                      "- Initial: The initial dose of EXAMPLO XL, 4 mg given once daily, should be administered with "
                      "breakfast.\n- Titration: Depending on the patient's symptomatic response and tolerability, the "
                      "dose may be increased to 8 mg, the maximum recommended dose. The recommended titration interval "
                      "is 3–4 weeks.\n- Maximum: 8 mg once daily.\n")


def test_read_dosing_gives_the_first_step_and_the_option() -> None:
    dosing = read_dosing(parse_text(monograph(RANOLAZINE_SHAPE)))
    (regimen,) = dosing.regimens
    assert [(s.start_day, s.daily_dose, s.times_per_day, s.unread) for s in regimen.steps] == [(1, 1000.0, 2.0, False)]
    assert [o.daily_dose for o in regimen.options] == [2000.0]
    assert regimen.max_daily_dose == 2000.0


def test_titrate_json_first_step_with_an_undated_option(tmp_path: Path) -> None:
    answer = titrate_json(tmp_path, monograph(RANOLAZINE_SHAPE))
    assert answer["recommended"] is True and answer["max_daily_dose"] == 2000.0
    assert steps_of(answer) == [(1, None, 1000.0, 2.0)]


def test_titrate_json_extended_release_first_step(tmp_path: Path) -> None:
    answer = titrate_json(tmp_path, monograph(DOXAZOSIN_XL_SHAPE))
    assert answer["recommended"] is True and answer["max_daily_dose"] == 8.0
    assert steps_of(answer) == [(1, None, 4.0, 1.0), (None, None, 8.0, 1.0)]  # round 10: the option, undated


def test_titrate_refuses_a_subgroups_first_step(tmp_path: Path) -> None:
    # "In patients with serum potassium ≤5.0 mEq/L and eGFR >50 mL/min/1.73 m2, initiate treatment at 25 mg once daily"
    # names who gets the dose: unread, so no number
    answer = titrate_json(tmp_path, monograph("- Initial: In patients with serum potassium ≤5.0 mEq/L, initiate "
                                              "dosing at 25 mg once daily.\n"))
    assert answer["recommended"] is not True
    assert answer["steps"] == []


# ---------------------------------------------------------------- options written as the labels' prose

def test_an_option_at_weekly_or_longer_intervals_until_a_response() -> None:
    # "The dosage may be increased at weekly (or longer) intervals until optimum blood pressure reduction is achieved.
    # In general, the maximum effect of any given dosage level will be apparent after 1 week of therapy. Dosages above
    # 400 mg per day have not been studied." (Toprol-XL PI, Dosage and Administration)
    prose = read_prose("The dosage may be increased at weekly (or longer) intervals until optimum blood pressure "
                       "reduction is achieved. In general, the maximum effect of any given dosage level will be apparent "
                       "after 1 week of therapy. Dosages above 400 mg per day have not been studied.")
    assert prose is not None and prose.options == (None,) and not prose.targets and prose.every_days is None


@given(st.integers(5, 80))
def test_an_option_gradually_in_a_range_of_increments(mg: int) -> None:
    # "Dosage may be gradually increased in 40 to 80 mg increments until optimum blood pressure reduction is achieved."
    # (Corgard PI, Dosage and Administration)
    prose = read_prose(f"Dosage may be gradually increased in {mg} to {2 * mg} mg increments until optimum blood "
                       "pressure reduction is achieved.")
    assert prose is not None and prose.options == (None,) and not prose.targets


def test_a_required_increase_until_a_response_is_no_option() -> None:
    assert read_prose("Increase the dosage at weekly (or longer) intervals until optimum blood pressure reduction is "
                      "achieved.") is None
    # the response clause with anything after it ("or there is pronounced slowing of the heart rate") stays unread
    assert read_prose("Dosage may be gradually increased in 40 to 80 mg increments until optimum clinical response is "
                      "obtained or there is pronounced slowing of the heart rate.") is None
    assert read_prose("Doses above 400 mg per day have not been studied in patients with renal impairment.") is None


METOPROLOL_SHAPE = ("- Initial: Individualize the dosage of EXAMPLO. The usual initial dosage is 100 mg daily, given in a "
                    "single dose.\n- Titration: The dosage may be increased at weekly (or longer) intervals until "
                    "optimum blood pressure reduction is achieved. Dosages above 400 mg per day have not been studied.\n")


def test_titrate_json_first_step_before_an_undated_option(tmp_path: Path) -> None:
    answer = titrate_json(tmp_path, monograph(METOPROLOL_SHAPE))
    assert answer["recommended"] is True and answer["max_daily_dose"] is None
    assert steps_of(answer) == [(1, None, 100.0, 1.0)]


# ---------------------------------------------------------------- before the first dose; increases that wait on tolerance

@given(st.sampled_from(["it is recommended that fluid retention be minimized",
                        "the dosing of diuretics, ACE inhibitors, and digitalis (if used) should be stabilized"]),
       st.integers(1, 50))
def test_what_is_set_right_before_the_first_dose(before: str, mg: int) -> None:
    # "Prior to initiation of COREG CR, it is recommended that fluid retention be minimized. The recommended starting
    # dose of COREG CR is 10 mg once daily for 2 weeks." (Coreg CR PI, Dosage and Administration); Toprol-XL PI likewise
    complete, facts = read(f"Prior to initiation of EXAMPLO, {before}. The recommended starting dose of EXAMPLO is "
                           f"{mg} mg once daily for 2 weeks.")
    assert complete and facts == [(float(mg), 1.0, "initial")]


def test_a_dose_before_the_first_dose_stays_unread() -> None:
    assert read("Prior to initiation of EXAMPLO, the dose of the diuretic should be reduced to 20 mg. The recommended "
                "starting dose is 10 mg once daily.")[0] is False


def test_increases_that_wait_on_tolerance_are_options() -> None:
    # "Patients who tolerate a dose of 10 mg once daily may have their dose increased to 20, 40, and 80 mg over successive
    # intervals of at least 2 weeks. Patients should be maintained on lower doses if higher doses are not tolerated."
    # (Coreg CR PI, Dosage and Administration)
    prose = read_prose("Patients who tolerate a dose of 10 mg once daily may have their dose increased to 20, 40, and "
                       "80 mg over successive intervals of at least 2 weeks. Patients should be maintained on lower "
                       "doses if higher doses are not tolerated.")
    assert prose is not None and prose.options == (None, None, None) and not prose.targets
    # "Patients who tolerate 25 mg once daily may have their dosage increased to 50 mg once daily as clinically
    # indicated." (Aldactone PI, Dosage and Administration)
    prose = read_prose("Patients who tolerate 25 mg once daily may have their dosage increased to 50 mg once daily as "
                       "clinically indicated.")
    assert prose is not None and [(o.daily, o.times) for o in prose.options if o is not None] == [(50.0, 1.0)]


def test_a_tolerance_increase_for_a_subgroup_stays_unread() -> None:
    assert read_prose("Patients who tolerate 25 mg once daily may have their dosage increased to 50 mg once daily in "
                      "patients with renal impairment.") is None


CARVEDILOL_SHAPE = ("- Initial: DOSAGE MUST BE INDIVIDUALIZED AND CLOSELY MONITORED BY A PHYSICIAN DURING UP-TITRATION. "
                    "Prior to initiation of EXAMPLO, it is recommended that fluid retention be minimized. The "
                    "recommended starting dose of EXAMPLO is 10 mg once daily for 2 weeks.\n- Titration: Patients who "
                    "tolerate a dose of 10 mg once daily may have their dose increased to 20, 40, and 80 mg over "
                    "successive intervals of at least 2 weeks.\n")


def test_titrate_json_first_step_for_two_weeks_then_options(tmp_path: Path) -> None:
    answer = titrate_json(tmp_path, monograph(CARVEDILOL_SHAPE))
    assert answer["recommended"] is True
    assert steps_of(answer) == [(1, 14, 10.0, 1.0)]  # the increases are options: none is a dated step


# ---------------------------------------------------------------- the monograph's one use, for a regimen with no heading

RUFINAMIDE_SHAPE = ("---\ntitle: Examplamine\nbrand_names: [Examplo]\n---\n# Examplamine\n\n## **Usage**\n\n"
                    "- Adjunctive treatment of seizures associated with Lennox-Gastaut Syndrome in pediatric patients 1 "
                    "year of age and older and in adults.\n- **Pharmacological classification:** Antiepileptic drug.\n\n"
                    "## **Dosage**\n\n### **Standard Dosage**\n\n#### **Adults:**\n"
                    "- Initial: The recommended starting daily dose of EXAMPLO in {who} is 400 to 800 mg per day "
                    "administered in two equally divided doses.\n- Maximum: 3200 mg per day.\n")


def test_patients_named_by_the_monographs_one_use_are_the_regimens_own(tmp_path: Path) -> None:
    # "The recommended starting daily dose of BANZEL in adults with Lennox-Gastaut Syndrome is 400 to 800 mg per day
    # administered in two equally divided doses." (Banzel PI, Dosage and Administration)
    dosing = read_dosing(parse_text(RUFINAMIDE_SHAPE.format(who="adults with Lennox-Gastaut Syndrome")))
    (regimen,) = dosing.regimens
    assert [(s.daily_dose, s.times_per_day, s.unread) for s in regimen.steps] == [((400.0, 800.0), 2.0, False)]
    answer = titrate_json(tmp_path, RUFINAMIDE_SHAPE.format(who="adults with Lennox-Gastaut Syndrome"))
    assert answer["recommended"] is True and answer["max_daily_dose"] == 3200.0
    assert steps_of(answer) == [(1, None, [400.0, 800.0], 2.0)]


def test_patients_the_use_does_not_name_stay_unread() -> None:
    # the use's own patients ("in pediatric patients …") are not its words: a dose for them is a subgroup's
    for who in ("pediatric patients", "adults with refractory Lennox-Gastaut Syndrome", "adults with renal impairment"):
        (regimen,) = read_dosing(parse_text(RUFINAMIDE_SHAPE.format(who=who))).regimens
        assert all(s.unread for s in regimen.steps), who


@given(st.sampled_from(["two", "three", "four"]), st.integers(1, 100))
def test_a_count_of_equally_divided_doses_in_words(count: str, mg: int) -> None:
    times = {"two": 2.0, "three": 3.0, "four": 4.0}[count]
    assert read(f"{mg * 12} mg per day administered in {count} equally divided doses.") == \
        (True, [(mg * 12.0, times, "dose")])
    # "in one or two divided doses" stays a choice of once or twice a day
    assert read(f"{mg * 12} mg per day in one or two divided doses.") == (True, [(mg * 12.0, (1.0, 2.0), "dose")])


def test_the_use_and_the_run_give_the_labels_schedule(tmp_path: Path) -> None:
    # Banzel PI, Dosage and Administration: 400-800 mg/day in two equally divided doses, "increased by 400-800 mg every
    # other day until a maximum daily dose of 3200 mg, administered in two equally divided doses, is reached"
    text = RUFINAMIDE_SHAPE.format(who="adults with Lennox-Gastaut Syndrome").replace(
        "- Maximum:", "- Titration: The dose should be increased by 400-800 mg every other day until a maximum daily "
        "dose of 3200 mg, administered in two equally divided doses, is reached.\n- Maximum:")
    answer = titrate_json(tmp_path, text)
    assert answer["recommended"] is True and answer["max_daily_dose"] == 3200.0
    steps = steps_of(answer)
    assert steps[0] == (1, 2, [400.0, 800.0], 2.0) and steps[-1] == (15, None, 3200.0, 2.0)


def test_options_one_after_another_up_to_the_maximum() -> None:
    # "Depending on the individual patient's urodynamics and BPH symptomatology, dosage may then be increased to 2 mg
    # and thereafter to 4 mg and up to the maximum recommended dose of 8 mg. The recommended titration interval is 1 to
    # 2 weeks." (Cardura PI, Dosage and Administration)
    prose = read_prose("Depending on the individual patient's urodynamics and BPH symptomatology, dosage may then be "
                       "increased to 2 mg and thereafter to 4 mg and up to the maximum recommended dose of 8 mg. The "
                       "recommended titration interval is 1 to 2 weeks.")
    assert prose is not None and prose.options == (None, None, None) and not prose.targets
    # without its condition, or for a group of patients, the chain stays unread
    assert read_prose("Dosage may then be increased to 2 mg and thereafter to 4 mg and up to the maximum recommended "
                      "dose of 8 mg.") is None
    assert read_prose("Depending on the patient's renal function, dosage may then be increased to 2 mg and thereafter "
                      "to 4 mg and up to the maximum recommended dose of 8 mg.") is None
