"""Titration steps as FDA labels write them, round 10: an optional increase that names its first increase and the
maximum it may go up to (one undated step, a range from the first increase to that maximum), and a required increment
rule with no dose it stops at, followed by the maintenance dose (the increases go up to the top of the maintenance
dose). Every near miss — another maximum, another frequency, an increment per dose beside several doses a day, a
maintenance dose the increments do not land on — stays as before (an option, or unread words)."""
from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from drugref.dosing import Patient, plan, read_dosing
from drugref.dosing.model import Regimen
from drugref.monograph import parse_text
from test_dosing_label_sentences8 import titrate_json

Row = tuple[int | None, int | None, object, object]


def monograph(regimens: str) -> str:
    return ("---\ntitle: Examplamine\nbrand_names: [Examplo]\n---\n# Examplamine\n\n## **Dosage**\n\n"
            f"### **Standard Dosage**\n\n#### **Adults:**\n{regimens}\n")


def regimen(bullets: str) -> Regimen:
    dosing = read_dosing(parse_text(monograph(bullets), "examplamine.md"))
    assert len(dosing.regimens) == 1
    return dosing.regimens[0]


def rows(found: Regimen) -> list[Row]:
    return [(s.start_day, s.end_day, None if s.unread else s.daily_dose, s.times_per_day) for s in found.steps]


def steps_of(answer: dict[str, object]) -> list[tuple[object, object, object, object]]:
    steps = answer["steps"]
    assert isinstance(steps, list)
    return [(s["start_day"], s["end_day"], s["daily_dose"], s["times_per_day"]) for s in steps]


# ---------------------------------------------------------------- an optional increase up to the maximum

KEPPRA = ("- Initial: 1000 mg/day, given as twice-daily dosing (500 mg twice daily).\n"
          "- Titration: Additional dosing increments may be given (1000 mg/day additional every 2 weeks) to a maximum "
          "recommended daily dose of 3000 mg.\n"
          "- Maximum: 3000 mg/day.\n")


def test_optional_increments_to_the_maximum_are_one_undated_range() -> None:
    # Keppra PI 2.2: "Additional dosing increments may be given (1000 mg/day additional every 2 weeks) to a maximum
    # recommended daily dose of 3000 mg"
    found = regimen(KEPPRA)
    assert rows(found) == [(1, None, 1000.0, 2.0), (None, None, (2000.0, 3000.0), 2.0)]
    assert not found.steps[1].timing_stated and "if needed" in found.steps[1].label
    assert len(found.options) == 1  # the option and its words stay
    answer = plan(read_dosing(parse_text(monograph(KEPPRA), "examplamine.md")), Patient())
    assert answer.recommended and answer.max_daily_dose == 3000.0
    assert answer.maintenance_daily_dose is None  # an optional increase follows the dose reached


@given(st.integers(1, 20), st.integers(1, 5), st.integers(1, 6), st.sampled_from(["once daily", "twice daily"]))
def test_the_range_runs_from_the_first_increase_to_the_maximum(start: int, step: int, count: int, how: str) -> None:
    start, step = start * 50, step * 25
    top = start + count * step
    times = 1.0 if how == "once daily" else 2.0
    found = regimen(f"- Initial: {start} mg/day ({start / times:g} mg {how}).\n"
                    f"- Titration: The daily dosage may be adjusted in increments of {step} mg every 2 weeks to a maximum "
                    f"recommended daily dose of {top} mg.\n"
                    f"- Maximum: {top} mg/day.\n")
    first = float(start + step)
    assert rows(found)[-1] == (None, None, first if first == top else (first, float(top)), times)


def test_first_to_a_dose_then_increments_up_to_the_maximum(tmp_path: Path) -> None:
    # Mirapex ER PI 2.2: "Dosages may be increased gradually, not more frequently than every 5 to 7 days, first to 0.75 mg
    # per day and then by 0.75 mg increments up to a maximum recommended dose of 4.5 mg per day"
    text = monograph("- Initial: 0.375 mg orally once daily.\n"
                     "- Titration: Based on efficacy and tolerability, dosages may be increased gradually, not more "
                     "frequently than every 5 to 7 days, first to 0.75 mg per day and then by 0.75 mg increments up to "
                     "a maximum recommended dose of 4.5 mg per day.\n"
                     "- Maximum: 4.5 mg per day.\n")
    answer = titrate_json(tmp_path, text)
    assert steps_of(answer) == [(1, None, 0.375, 1.0), (None, None, [0.75, 4.5], 1.0)]
    assert answer["max_daily_dose"] == 4.5


def test_a_table_then_optional_increases_in_two_paces_up_to_the_maximum() -> None:
    # Requip PI 2.2: "After Week 4, if necessary, daily dosage may be increased by 1.5 mg/day on a weekly basis up to a
    # dose of 9 mg/day, and then by up to 3 mg/day weekly up to a total daily dose of 24 mg/day (8 mg three times daily)"
    found = regimen("- Week 1: 0.25 mg orally 3 times daily (total daily dose 0.75 mg).\n"
                    "- Week 2: 0.5 mg 3 times daily (total daily dose 1.5 mg).\n"
                    "- Titration: After Week 2, if necessary, the daily dose may be increased by 1.5 mg/day on a weekly "
                    "basis up to a dose of 9 mg/day, and then by up to 3 mg/day weekly up to a maximum recommended total "
                    "daily dose of 24 mg/day (8 mg three times daily).\n"
                    "- Maximum: 24 mg/day (8 mg three times daily).\n")
    assert rows(found) == [(1, 7, 0.75, 3.0), (8, None, 1.5, 3.0), (None, None, (3.0, 24.0), 3.0)]


def test_near_misses_of_the_optional_range_add_no_step() -> None:
    base = "- Initial: 1000 mg/day (500 mg twice daily).\n"
    option = ("- Titration: Additional dosing increments may be given (1000 mg/day additional every 2 weeks) to a "
              "maximum recommended daily dose of {top} mg.\n")
    # the option's maximum is not the regimen's
    assert len(regimen(base + option.format(top=3000) + "- Maximum: 4000 mg/day.\n").steps) == 1
    # no maximum of the regimen read
    assert len(regimen(base + option.format(top=3000)).steps) == 1
    # an increment per dose ("by 500 mg") beside a dose given twice a day: per dose or per day is not stated
    per_dose = regimen(base + "- Titration: The dose may be increased by 500 mg every 2 weeks up to a maximum "
                       "recommended dose of 3000 mg per day.\n- Maximum: 3000 mg/day.\n")
    assert len(per_dose.steps) == 1
    # two options: which one the range follows is not read
    two = regimen(base + option.format(top=3000) + "- Titration: If needed, the dose may be increased to 1500 mg twice "
                  "daily.\n- Maximum: 3000 mg/day.\n")
    assert len(two.steps) == 1


def test_another_frequency_in_the_words_leaves_the_range_without_one() -> None:
    found = regimen("- Initial: 1000 mg/day (500 mg twice daily).\n"
                    "- Titration: Additional dosing increments may be given (1000 mg/day additional every 2 weeks) to a "
                    "maximum recommended daily dose of 3000 mg.\n"
                    "- Maximum: 3000 mg/day (1000 mg every 8 hours).\n")
    assert rows(found)[-1] == (None, None, (2000.0, 3000.0), None)


# ---------------------------------------------------------------- one increment, then a maintenance range: unread

VIMPAT = ("- Initial: 100 mg orally twice daily (200 mg per day).\n"
          "- Titration: Increase by 50 mg twice daily (100 mg per day) every week, based on clinical response and "
          "tolerability, no more frequently than once per week.\n"
          "- Maintenance: 150 mg to 200 mg twice daily (300 mg to 400 mg per day).\n")


def test_one_increment_to_a_maintenance_range_stays_unread(tmp_path: Path) -> None:
    # Vimpat PI 2.2 and Fycompa PI 2.2 write this shape alike, and their answer keys read it differently (up to the top
    # of the range; up to its low end, then the range): the increases stay unread, the first dose lasts one interval
    found = regimen(VIMPAT)
    assert rows(found)[:2] == [(1, 7, 200.0, 2.0), (8, None, None, None)] and found.steps[1].unread
    answer = titrate_json(tmp_path, monograph(VIMPAT))
    steps = answer["steps"]
    assert isinstance(steps, list) and [s["unread"] for s in steps][:2] == [False, True]


# ---------------------------------------------------------------- an optional increase to one dose

@given(st.integers(1, 50), st.integers(2, 4))
def test_an_optional_increase_to_one_dose_is_an_undated_step(mg: int, factor: int) -> None:
    # Tenormin PI, Dosage and Administration (Hypertension): "If an optimal response is not achieved, the dosage should be
    # increased to ATENOLOL 100 mg given as one tablet a day."
    found = regimen(f"- Initial: {mg} mg orally once a day.\n"
                    f"- Titration: If an optimal response is not achieved, the dosage should be increased to "
                    f"{mg * factor} mg once a day.\n")
    assert rows(found) == [(1, None, float(mg), 1.0), (None, None, float(mg * factor), 1.0)]
    assert len(found.options) == 1 and found.max_daily_dose is None


def test_the_option_dose_keeps_its_own_frequency(tmp_path: Path) -> None:
    # Inspra PI 2.2: "For patients with an inadequate blood pressure response to 50 mg once daily, increase the dosage
    # of INSPRA to 50 mg twice daily."
    text = monograph("- Initial: 50 mg administered once daily.\n"
                     "- Titration: For patients with an inadequate blood pressure response to 50 mg once daily, "
                     "increase to 50 mg twice daily.\n")
    answer = titrate_json(tmp_path, text)
    assert steps_of(answer) == [(1, None, 50.0, 1.0), (None, None, 100.0, 2.0)]
    assert answer["steps"][1]["start_date"] is None  # type: ignore[index]


def test_near_misses_of_the_option_to_one_dose() -> None:
    # an option above the stated maximum
    above = regimen("- Initial: 50 mg orally once a day.\n- Titration: If needed, the dose may be increased to 200 mg "
                    "once a day.\n- Maximum: 100 mg/day.\n")
    assert len(above.steps) == 1
    # an option to lower the dose is no increase
    lower = regimen("- Initial: 50 mg orally once a day.\n- Titration: If not tolerated, the dose may be reduced to 25 mg "
                    "once a day.\n")
    assert all(s.daily_dose != 25.0 for s in lower.steps)
    # the maximum names another frequency: the step's frequency is not stated
    other = regimen("- Initial: 50 mg orally once a day.\n- Titration: If needed, the dose may be increased to 100 mg "
                    "once a day.\n- Maximum: 100 mg/day (50 mg twice daily).\n")
    assert rows(other)[-1] == (None, None, 100.0, None) or len(other.steps) == 1


# ---------------------------------------------------------------- the dose reached goes on within the maintenance range

@given(st.integers(4, 40), st.integers(0, 3), st.integers(1, 3))
def test_the_last_dated_dose_goes_on_within_the_maintenance_range(mg: int, below: int, above: int) -> None:
    # Seroquel XR PI 2.4 (MDD, adjunctive): "Day 1 and 2: 50 mg/day. Day 3: 150 mg/day. … 150 to 300 mg/day"
    mg *= 25
    found = regimen(f"- Administration: Once daily in the evening.\n- Days 1-2: {mg // 2} mg.\n- Day 3: {mg} mg.\n"
                    f"- Maintenance: {mg - below * 25}-{mg + above * 25} mg/day.\n")
    assert rows(found)[1] == (3, None, float(mg), 1.0) and found.steps[1].timing_stated
    assert rows(found)[2][:2] == (None, None) and not found.steps[2].timing_stated


def test_a_maintenance_range_without_the_dose_reached_leaves_its_end_unstated(tmp_path: Path) -> None:
    bullets = "- Administration: Once daily in the evening.\n- Days 1-2: 50 mg.\n- Day 3: 150 mg.\n"
    # the dose reached lies below the range: the dose is not maintained, it ends (as before, the range follows it)
    below = regimen(bullets + "- Maintenance: 200-300 mg/day.\n")
    assert rows(below)[1] == (3, 3, 150.0, 1.0)
    # another frequency in the range: not the same dose maintained, so its end stays unstated
    other = regimen("- Day 1: 50 mg once daily.\n- Day 2: 150 mg once daily.\n"
                    "- Maintenance: 150-300 mg/day in two divided doses.\n")
    assert not (rows(other)[1][1] is None and other.steps[1].timing_stated)
    answer = titrate_json(tmp_path, monograph(bullets + "- Maintenance: 150-300 mg/day.\n"))
    assert steps_of(answer)[:2] == [(1, 2, 50.0, 1.0), (3, None, 150.0, 1.0)]


# ---------------------------------------------------------------- increases to an effective dose, then the maintenance dose

TOPAMAX = ("- Initial: 25 to 50 mg/day.\n"
           "- Titration: Titrate to an effective dose in increments of 25 to 50 mg/day every week.\n"
           "- Maintenance: 200 to 400 mg/day in two divided doses.\n")


def test_increases_to_an_effective_dose_lead_to_the_maintenance_dose(tmp_path: Path) -> None:
    # Topamax PI, Dosage and Administration (adjunctive therapy, adults): "the recommended total daily dose … is 200-400
    # mg/day in two divided doses … It is recommended that therapy be initiated at 25-50 mg/day followed by titration to
    # an effective dose in increments of 25-50 mg/week"
    found = regimen(TOPAMAX)
    assert rows(found) == [(1, 7, (25.0, 50.0), None), (None, None, (200.0, 400.0), 2.0)]
    assert not found.steps[1].timing_stated and "reached by the increases" in found.steps[1].label
    assert [o.text for o in found.options] == ["Titration: Titrate to an effective dose in increments of 25 to 50 mg/day "
                                               "every week."]  # the increases stay words, never dated
    answer = titrate_json(tmp_path, monograph(TOPAMAX))
    assert steps_of(answer) == [(1, 7, [25.0, 50.0], None), (None, None, [200.0, 400.0], 2.0)]
    assert answer["steps"][1]["start_date"] is None  # type: ignore[index]


@given(st.integers(1, 10), st.integers(1, 10))
def test_the_maintenance_dose_must_lie_above_the_dose_before(start: int, target: int) -> None:
    start, target = start * 50, target * 50
    found = regimen(f"- Initial: {start} mg/day.\n"
                    "- Titration: Titrate to an effective dose in increments of 25 to 50 mg/day every week.\n"
                    f"- Maintenance: {target} mg/day in two divided doses.\n")
    if target > start:
        assert rows(found) == [(1, 7, float(start), None), (None, None, float(target), 2.0)]
    else:
        assert any(s.unread for s in found.steps)  # not where the increases lead: they stay unread


def test_near_misses_of_increases_then_maintenance_stay_unread() -> None:
    # something else after the maintenance dose
    after = regimen(TOPAMAX + "- Day 60: 500 mg/day.\n")
    assert any(s.unread for s in after.steps)
    # no maintenance dose: the increases stay unread
    alone = regimen("- Initial: 25 to 50 mg/day.\n"
                    "- Titration: Titrate to an effective dose in increments of 25 to 50 mg/day every week.\n")
    assert any(s.unread for s in alone.steps)


CARDURA = ("- Initial: The initial dosage of EXAMPLO is 1 mg, given once daily in the a.m. or p.m.\n"
           "- Titration: Depending on the individual patient's urodynamics and BPH symptomatology, dosage may then be "
           "increased to 2 mg and thereafter to 4 mg and up to the maximum recommended dose of 8 mg. The recommended "
           "titration interval is 1 to 2 weeks.\n"
           "- Maximum: 8 mg once daily.\n")


def test_bare_amounts_one_after_another_where_every_dose_is_once_daily(tmp_path: Path) -> None:
    # Cardura PI, Dosage and Administration (BPH): "Depending on the individual patient's urodynamics and BPH
    # symptomatology, dosage may then be increased to 2 mg and thereafter to 4 mg and up to the maximum recommended dose
    # of 8 mg. The recommended titration interval is 1 to 2 weeks."
    found = regimen(CARDURA)
    assert rows(found) == [(1, None, 1.0, 1.0), (None, None, 2.0, 1.0), (None, None, 4.0, 1.0), (None, None, 8.0, 1.0)]
    answer = titrate_json(tmp_path, monograph(CARDURA))
    assert [(s[0], s[2]) for s in steps_of(answer)] == [(1, 1.0), (None, 2.0), (None, 4.0), (None, 8.0)]


def test_bare_amounts_beside_doses_given_more_than_once_a_day_add_no_step() -> None:
    twice = regimen(CARDURA.replace("given once daily in the a.m. or p.m.", "given twice daily")
                    .replace("8 mg once daily", "16 mg/day"))
    assert len(twice.steps) == 1  # per dose or per day is not stated
    above = regimen(CARDURA.replace("Maximum: 8 mg once daily", "Maximum: 4 mg once daily"))
    assert len(above.steps) == 1  # an option above the stated maximum


def test_options_go_before_an_undated_maintenance_range() -> None:
    # Exelon PI 2.1: "After a minimum of 2 weeks, if this dose is well tolerated, the dose may be increased to 3 mg twice
    # a day. Subsequent increases to 4.5 mg and 6 mg twice a day should be attempted after a minimum of 2 weeks at the
    # previous dose"
    found = regimen("- Initial: 1.5 mg twice a day.\n"
                    "- Titration: After a minimum of 2 weeks and if well tolerated, increase the dose to 3 mg twice a day. "
                    "Subsequent increases to 4.5 mg twice a day and 6 mg twice a day should be attempted after a minimum "
                    "of 2 weeks at the previous dose and if well tolerated.\n"
                    "- Maintenance: 6 mg to 12 mg per day, administered twice a day (3 mg to 6 mg twice a day).\n"
                    "- Maximum: 6 mg twice a day (12 mg per day).\n")
    assert rows(found) == [(1, None, 3.0, 2.0), (None, None, 6.0, 2.0), (None, None, 9.0, 2.0), (None, None, 12.0, 2.0),
                           (None, None, (6.0, 12.0), 2.0)]
    # a dated step after the options: they are not placed
    dated = regimen("- Initial: 1.5 mg twice a day.\n- Titration: If needed, the dose may be increased to 3 mg twice a "
                    "day.\n- Week 4: 4.5 mg twice a day.\n")
    assert all(s.start_day is not None for s in dated.steps if not s.unread)


def test_the_cli_says_which_undated_steps_are_optional(tmp_path: Path) -> None:
    answer = titrate_json(tmp_path, monograph(KEPPRA))
    warnings = answer["warnings"]
    assert isinstance(warnings, list) and any("optional increases" in w and "line 13" in w for w in warnings)
    topamax = titrate_json(tmp_path, monograph(TOPAMAX))
    assert isinstance(topamax["warnings"], list) and any("reached by the increases" in w for w in topamax["warnings"])


# ---------------------------------------------------------------- a ceiling named in an option (found at the merge)

def test_an_option_up_to_a_maximum_gives_the_range_not_the_maximum_as_the_next_dose() -> None:
    # "The dose may be titrated, as needed to a maximum of 16 mg per day" (Aceon PI, 2.1) before "The usual maintenance
    # dose range is 4 mg to 8 mg": a ceiling, so the undated step is 4-16 mg/day, never 16 mg/day as the next dose
    found = regimen("- Initial: 4 mg once daily.\n"
                    "- Titration: The dose may be titrated, as needed to a maximum of 16 mg per day.\n"
                    "- Maintenance: The usual maintenance dose range is 4 mg to 8 mg once daily.\n")
    dailies = [s.daily_dose for s in found.steps]
    assert 16 not in dailies and 16.0 not in dailies
    assert (4.0, 16.0) in dailies


def test_an_option_to_the_maximum_dose_is_a_step_to_it() -> None:
    # near miss: "increase to the maximum dosage of 8 mg once daily" names the dose to go to
    found = regimen("- Initial: 4 mg once daily.\n"
                    "- Titration: Based upon individual response and tolerability, increase to the maximum dosage of "
                    "8 mg once daily.\n")
    assert (4.0, 8.0) not in [s.daily_dose for s in found.steps]
