"""Dosing sentences as FDA labels write them, round 8: the general shapes of real label sentences — the adults restated
between "dosage" and "is", dotted Latin frequencies, "once a day at bedtime", half-tablet counts, the drug's name with
its dosage form, patients named by the regimen's own heading, maxima as labels say them, and the condition of an
optional increase. Each reads to the dose the plain sentence gives; every near miss (a subgroup with its own dose, a
bare amount that may be one administration, a condition on a required dose) stays unread."""
from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from drugref.cli import app
from drugref.dosing import plan, read_dosing
from drugref.dosing.phrases import DoseFact, drug_names, read_text, regimen_heading
from drugref.monograph import parse_text

Read = tuple[bool, list[tuple[object, object, str]]]


def read(text: str) -> Read:
    reading = read_text(text)
    return reading.complete, [(f.daily, f.times, f.role) for f in reading.facts if isinstance(f, DoseFact)]


def unread(*texts: str) -> bool:
    """Every text stays unread (some words not accounted for)."""
    return all(not read_text(text).complete for text in texts)


def monograph(adults: str, title: str = "Examplamine", brands: str = "[EXAMPLO]") -> str:
    return (f"---\ntitle: {title}\nbrand_names: {brands}\n---\n# {title}\n\n## **Dosage**\n\n"
            f"### **Standard Dosage**\n\n#### **Adults:**\n{adults}\n")


def titrate_json(tmp_path: Path, text: str, *args: str) -> dict[str, object]:
    (tmp_path / "examplamine.md").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["--no-bundled", "--monographs", str(tmp_path), "titrate", "examplamine",
                                      "--json", *args])
    answer: dict[str, object] = json.loads(result.output)
    return answer


# ---------------------------------------------------------------- the adults, restated

@given(st.sampled_from(["in adults", "in adults and pediatric patients 4 years of age and older",
                        "for monotherapy or adjunctive therapy", "in adult patients 18 years and older",
                        "in adults and adolescents (12 years of age and older)"]),
       st.sampled_from(["starting dosage", "initial dose", "maintenance dosage", "dosage"]),
       st.integers(1, 400))
def test_population_words_that_restate_the_adults(who: str, what: str, mg: int) -> None:
    complete, facts = read(f"The recommended {what} {who} is {mg} mg twice daily.")
    assert complete and [(daily, times) for daily, times, _ in facts] == [(2.0 * mg, 2.0)]


@given(st.integers(1, 18), st.integers(1, 300))
def test_adults_named_with_their_age_as_the_sentences_lead(age: int, mg: int) -> None:
    complete, facts = read(f"Adults ({age} Years and Older): The recommended starting dosage for monotherapy or "
                           f"adjunctive therapy is {mg} mg twice daily ({2 * mg} mg per day).")
    assert complete and facts == [(2.0 * mg, 2.0, "initial")]


@given(st.integers(19, 90))
def test_an_older_age_floor_is_a_subgroup_and_stays_unread(age: int) -> None:
    assert read(f"The recommended starting dosage in adults {age} years of age and older is 2 mg once daily.")[0] is False
    assert read(f"Adults ({age} years and older): the recommended dosage is 2 mg once daily.")[0] is False


def test_other_subgroups_between_dosage_and_is_stay_unread() -> None:
    assert unread("The recommended initial dose for patients not receiving a diuretic is 10 mg once a day.",
                  "The recommended starting dosage for monotherapy is 400 mg/day in two divided doses.",
                  "The recommended initial dosage in black patients is 2 mg once daily.")


# ---------------------------------------------------------------- frequencies as labels write them

@given(st.integers(1, 200))
def test_bid_or_tid_is_two_or_three_doses_a_day(mg: int) -> None:
    for text in (f"The initial dose is {mg} mg b.i.d. or t.i.d.", f"{mg} mg BID or TID",
                 f"{mg} mg twice daily or three times daily"):
        complete, facts = read(text)
        assert complete and facts[0][:2] == ((2.0 * mg, 3.0 * mg), (2.0, 3.0)), text


def test_dotted_frequency_before_a_new_sentence_still_ends_it() -> None:
    reading = read_text("The initial dose is 25 mg b.i.d. Concomitant sodium restriction may be beneficial.")
    assert reading.unread == ["concomitant sodium restriction may be beneficial"]
    assert [(f.daily, f.times) for f in reading.facts if isinstance(f, DoseFact)] == [(50.0, 2.0)]


@given(st.sampled_from(["orally once a day at bedtime", "once daily taken orally at bedtime",
                        "once daily in the morning", "once a day in the evening"]), st.integers(1, 50))
def test_once_a_day_at_a_stated_time(words: str, mg: int) -> None:
    complete, facts = read(f"{mg} mg {words}.")
    assert complete and facts[0][:2] == (float(mg), 1.0)


def test_two_frequencies_that_are_not_once_a_day_at_a_time_stay_unread() -> None:
    assert unread("2 mg twice daily at bedtime.", "2 mg once a day at noon.")


# ---------------------------------------------------------------- tablet counts and the name with its dosage form

def test_half_and_whole_tablets_of_one_strength_restate_the_amounts() -> None:
    complete, facts = read("The recommended adult dosage is 250 mg (½ tablet) twice a day for one week, followed by "
                           "500 mg (1 tablet) twice a day thereafter.")
    assert complete and [f[:2] for f in facts] == [(500.0, 2.0), (1000.0, 2.0)]


def test_tablet_counts_of_different_strengths_stay_unread() -> None:
    assert unread("250 mg (½ tablet) twice a day for one week, then 750 mg (1 tablet) twice a day thereafter.",
                  "250 mg (½ tablet) twice a day.")


def test_the_name_with_its_salt_and_a_plain_dosage_form() -> None:
    with drug_names(("examplamine",), ("EXAMPLO",)):
        assert read("The recommended initial dosage of examplamine hydrochloride tablets is 10 mg once daily.") == \
            (True, [(10.0, 1.0, "initial")])
        assert read("The initial dose of examplamine tablets is 25 mg b.i.d.") == (True, [(50.0, 2.0, "initial")])
        # a release form is part of which product a dose is for
        assert read("The recommended dosage of examplamine extended-release tablets is 10 mg once daily.")[0] is False


# ---------------------------------------------------------------- patients named by the regimen's heading

HEADING = "Paroxysmal supraventricular tachycardia and paroxysmal atrial fibrillation (PSVT and PAF)"


def test_patients_named_by_the_heading_restate_it() -> None:
    with regimen_heading(HEADING):
        assert read("For patients with PSVT and patients with PAF the recommended starting dose is 50 mg every "
                    "12 hours.") == (True, [(100.0, 2.0, "initial")])
        assert read("The maximum recommended dose for patients with paroxysmal supraventricular arrhythmias is "
                    "300 mg/day.") == (True, [(300.0, None, "maximum")])


def test_patients_named_by_other_words_are_a_subgroup() -> None:
    with regimen_heading(HEADING):
        assert unread("For patients with renal impairment the recommended starting dose is 50 mg every 12 hours.",
                      "The maximum recommended dose for patients with ventricular arrhythmias is 300 mg/day.",
                      "For patients with arrhythmias the recommended starting dose is 50 mg every 12 hours.")
    # without a heading nothing is known about the patients
    assert unread("For patients with PSVT the recommended starting dose is 50 mg every 12 hours.")


# ---------------------------------------------------------------- maxima

@given(st.integers(1, 5000))
def test_maxima_as_labels_say_them(mg: int) -> None:
    for text in (f"usually not above {mg} mg per day", f"A maximum daily dose of {mg} mg should not be exceeded.",
                 f"the maximum dose recommended is {mg} mg/day", f"The maximum dosage is {mg} mg once daily.",
                 f"The maximum recommended daily dose is {mg} mg."):
        assert read(text) == (True, [(float(mg), None if "once" not in text else 1.0, "maximum")]), text


def test_a_bare_amount_that_may_be_one_administration_is_no_maximum() -> None:
    assert unread("A maximum dose of 450 mg should not be exceeded.", "usually not above 2000 mg",
                  "The maximum dosage is 400 mg.")


# ---------------------------------------------------------------- the condition of an optional increase

def test_a_condition_on_a_may_increase_keeps_it_an_option() -> None:
    assert read("For additional glycemic control, the dosage may be increased to the maximum recommended dosage of "
                "300 mg once daily.") == (True, [(300.0, 1.0, "maximum")])
    assert read("For patients requiring further reduction in blood pressure, the dose should be increased to 20 mg "
                "once daily.") == (True, [(20.0, 1.0, "option")])
    assert read("If needed and tolerated, may increase up to 12 mg/day.") == (True, [(12.0, None, "option")])


def test_a_condition_on_a_required_dose_stays_unread() -> None:
    # "for most patients" is the usual dose said as such; "for some patients" is a subgroup
    assert unread("For additional glycemic control, increase to 300 mg once daily.",
                  "For some patients, treatment may be initiated at 800 mg once daily.",
                  "For some patients, the recommended starting dose is 800 mg once daily.")


def test_the_usual_dose_said_as_such() -> None:
    assert read("The dose must be individualized to the needs of the patient. For most patients, the recommended "
                "starting dose is 5 mg once daily, with or without food, as monotherapy or in combination with other "
                "agents.") == (True, [(5.0, 1.0, "initial")])


# ---------------------------------------------------------------- through read_dosing, plan and the CLI

PROBENECID_SHAPE = ("- Initial: The recommended adult dosage is 250 mg (½ tablet) twice a day for one week, followed by "
                    "500 mg (1 tablet) twice a day thereafter.\n- Maximum: usually not above 2000 mg per day.\n")


def test_a_bullet_of_doses_one_after_another_gives_its_steps() -> None:
    answer = plan(read_dosing(parse_text(monograph(PROBENECID_SHAPE))))
    assert [(s.start_day, s.end_day, s.daily_dose, s.times_per_day) for s in answer.steps] == \
        [(1, 7, 500.0, 2.0), (8, None, 1000.0, 2.0)]
    assert answer.max_daily_dose == 2000.0


def test_a_chain_whose_last_dose_is_not_said_to_follow_stays_unread() -> None:
    text = monograph("- Initial: 250 mg twice a day for one week, 500 mg twice a day.\n")
    assert all(s.unread for s in plan(read_dosing(parse_text(text))).steps)


def test_titrate_json_for_label_sentences(tmp_path: Path) -> None:
    answer = titrate_json(tmp_path, monograph(PROBENECID_SHAPE))
    assert answer["recommended"] is True and answer["max_daily_dose"] == 2000.0
    steps = answer["steps"]
    assert isinstance(steps, list)
    assert [(s["start_day"], s["end_day"], s["daily_dose"]) for s in steps] == [(1, 7, 500.0), (8, None, 1000.0)]


def test_titrate_reads_the_heading_and_the_maximum_of_each_regimen(tmp_path: Path) -> None:
    text = monograph(
        f"\n##### **{HEADING}**\n"
        "- Initial: For patients with PSVT and patients with PAF the recommended starting dose is 50 mg every 12 hours.\n"
        "- Maximum: The maximum recommended dose for patients with paroxysmal supraventricular arrhythmias is "
        "300 mg/day.\n\n"
        "##### **Sustained ventricular tachycardia**\n"
        "- Initial: For patients with PSVT the recommended starting dose is 100 mg every 12 hours.\n")
    answer = titrate_json(tmp_path, text, "--indication", "paroxysmal supraventricular tachycardia")
    assert answer["recommended"] is True and answer["max_daily_dose"] == 300.0
    steps = answer["steps"]
    assert isinstance(steps, list) and [(s["daily_dose"], s["times_per_day"]) for s in steps] == [(100.0, 2.0)]
    # under another heading the same patients are a subgroup: unread, no schedule
    other = titrate_json(tmp_path, text, "--indication", "sustained ventricular tachycardia")
    assert other["recommended"] is not True


# ---------------------------------------------------------------- the dose a titration reaches

@given(st.sampled_from(["then increased as tolerated, to a maintenance dose of", "then increased to a maintenance dose of",
                        "Following the initial dose, all patients should be titrated (as tolerated) toward a target dose "
                        "of", "titrated (if tolerated) toward a target dose of"]),
       st.integers(1, 100), st.sampled_from([("once daily", 1.0), ("twice daily", 2.0)]))
def test_the_maintenance_or_target_dose_a_titration_reaches(words: str, mg: int, freq: tuple[str, float]) -> None:
    assert read(f"{words} {mg} mg, {freq[0]}.") == (True, [(mg * freq[1], freq[1], "dose")])


def test_a_titration_toward_a_target_with_more_to_it_stays_unread() -> None:
    assert unread("All patients should then be titrated (if tolerated) toward a target dose of 5 mg twice daily, with "
                  "dosage increases being about 3 weeks apart.",
                  "then increased as tolerated, to a maintenance dose of 8 mg once daily in patients who are hypertensive")


def test_titrate_dates_a_maintenance_dose_after_a_fixed_first_step(tmp_path: Path) -> None:
    answer = titrate_json(tmp_path, monograph(
        "- Initial: 4 mg once daily for 2 weeks.\n- Maintenance: then increased as tolerated, to a maintenance dose of "
        "8 mg once daily.\n"))
    steps = answer["steps"]
    assert isinstance(steps, list)
    assert [(s["start_day"], s["end_day"], s["daily_dose"]) for s in steps] == [(1, 14, 4.0), (15, None, 8.0)]


# ---------------------------------------------------------------- a range the prescriber may move in

@given(st.integers(1, 100), st.integers(2, 8), st.booleans())
def test_a_dosage_that_may_be_adjusted_down_or_up(low: int, factor: int, down_first: bool) -> None:
    high = low * factor
    down, up = f"down to {low} mg twice daily ({2 * low} mg per day)", f"up to {high} mg twice daily"
    text = ("Based on individual patient tolerability and therapeutic response, the dosage may be adjusted "
            f"{down + ' or ' + up if down_first else up + ' or ' + down}.")
    assert read(text) == (True, [((2.0 * low, 2.0 * high), 2.0, "option"), (2.0 * high, 2.0, "maximum")])


def test_an_adjustment_range_without_frequencies_or_in_two_frequencies_stays_unread() -> None:
    assert unread("the dose may be adjusted down to 25 mg or up to 100 mg",
                  "the dose may be adjusted down to 25 mg once daily or up to 100 mg twice daily",
                  "the dose may be adjusted down to 100 mg twice daily or up to 25 mg twice daily")


def test_titrate_shows_the_adjustment_as_an_option_and_its_top_as_the_maximum(tmp_path: Path) -> None:
    answer = titrate_json(tmp_path, monograph(
        "- Initial: Adults (16 Years and Older): The recommended starting dosage for monotherapy or adjunctive therapy "
        "is 50 mg twice daily (100 mg per day).\n- Titration: Based on individual patient tolerability and therapeutic "
        "response, the dosage may be adjusted down to 25 mg twice daily (50 mg per day) or up to 100 mg twice daily "
        "(200 mg per day).\n"))
    steps = answer["steps"]
    assert isinstance(steps, list)
    assert [(s["start_day"], s["end_day"], s["daily_dose"], s["times_per_day"]) for s in steps] == [(1, None, 100.0, 2.0)]
    assert answer["max_daily_dose"] == 200.0


# ---------------------------------------------------------------- a bare maximum where every dose is once a day

@given(st.integers(2, 20), st.integers(2, 8))
def test_a_bare_maximum_in_a_regimen_of_once_daily_steps(start: int, factor: int) -> None:
    text = monograph(f"- Initial: For most patients, the recommended starting dose is {start} mg once daily, with or "
                     f"without food.\n- Maximum: {start * factor} mg.\n")
    answer = plan(read_dosing(parse_text(text)))
    assert answer.max_daily_dose == float(start * factor)


def test_a_bare_maximum_where_a_step_names_another_frequency_stays_unread(tmp_path: Path) -> None:
    for adults in ("- Initial: 5 mg once daily.\n- Titration: Patients may be treated with twice-daily dosing.\n"
                   "- Maximum: 40 mg.\n",
                   "- Initial: 5 mg twice daily.\n- Maximum: 40 mg.\n",
                   "- Maximum: 40 mg.\n- Initial: 5 mg once daily.\n"):
        dosing = read_dosing(parse_text(monograph(adults)))
        assert dosing.regimens[0].max_daily_dose is None and dosing.regimens[0].max_unread, adults
    answer = titrate_json(tmp_path, monograph("- Initial: 5 mg twice daily.\n- Maximum: 40 mg.\n"))
    assert answer["max_daily_dose"] is None


@given(st.integers(1, 300), st.integers(1, 4), st.sampled_from([", followed by", ", then", "; then"]),
       st.sampled_from(["", " thereafter"]))
def test_doses_in_sequence_in_one_bullet(mg: int, weeks: int, joint: str, after: str) -> None:
    text = monograph(f"- Initial: {mg} mg twice a day for {weeks} weeks{joint} {2 * mg} mg twice a day{after}.\n")
    steps = plan(read_dosing(parse_text(text))).steps
    assert [(s.start_day, s.end_day, s.daily_dose) for s in steps] == \
        [(1, 7 * weeks, 2.0 * mg), (7 * weeks + 1, None, 4.0 * mg)]


# ---------------------------------------------------------------- when in the day, who, and for how long it goes on

@given(st.sampled_from([", at the same time each day", " at approximately the same time each day",
                        " taken at about the same time every day"]), st.integers(1, 50))
def test_the_same_time_each_day_changes_no_dose(words: str, mg: int) -> None:
    assert read(f"{mg} mg orally twice daily with food{words}.") == (True, [(2.0 * mg, 2.0, "dose")])


def test_adults_as_a_lead_with_their_colon() -> None:
    assert read("Adults: 10 mg once daily.") == (True, [(10.0, 1.0, "dose")])
    assert read("Adults and pediatric patients 12 years and older: 10 mg once daily.") == (True, [(10.0, 1.0, "dose")])
    assert unread("Adults 65 years and older: 10 mg once daily.", "Adults with renal impairment: 10 mg once daily.",
                  "Adults weighing less than 60 kg: 10 mg once daily.")


def test_titrate_a_dose_that_goes_on_for_the_remaining_treatment(tmp_path: Path) -> None:
    answer = titrate_json(tmp_path, monograph(
        "- Days 1-21: 15 mg orally twice daily with food, at the same time each day.\n"
        "- Maintenance: starting on day 22, 20 mg orally once daily with food, at the same time each day, for the "
        "remaining treatment.\n"))
    steps = answer["steps"]
    assert isinstance(steps, list)
    assert [(s["start_day"], s["end_day"], s["daily_dose"], s["times_per_day"]) for s in steps] == \
        [(1, 21, 30.0, 2.0), (22, None, 20.0, 1.0)]
    # a remaining course of a stated length is a length, not "goes on": unread
    assert unread("20 mg once daily for the remaining 3 weeks of treatment")


def test_the_headings_patients_before_a_remark_on_where_therapy_starts() -> None:
    with regimen_heading("Sustained ventricular tachycardia (sustained VT)"):
        assert read("The recommended starting dose is 100 mg every 12 hours. For sustained VT, therapy should be "
                    "initiated in-hospital with rhythm monitoring.") == (True, [(200.0, 2.0, "initial")])
        assert read("For sustained VT, 100 mg every 12 hours.") == (True, [(200.0, 2.0, "dose")])
        # other patients before a dose: a subgroup
        assert unread("For PAF, 100 mg every 12 hours.",
                      "100 mg every 12 hours; for patients with renal impairment, 50 mg every 12 hours.",
                      "The recommended starting dose is 100 mg every 12 hours. Therapy should be initiated at home.")
