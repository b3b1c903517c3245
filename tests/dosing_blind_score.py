"""Score `titrate` on the blind corpus (tests/data/dosing_blind): every answer right, refused or wrong.

Run `python tests/dosing_blind_score.py [blind|holdout|holdout2|…|holdout9] [-v]` for the figures; tests/test_dosing_blind.py fails on any wrong.
"""
from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

from drugref.dosing import Patient, plan, read_dosing
from drugref.monograph import parse_monograph

DATA = Path(__file__).parent / "data"
BLIND = DATA / "dosing_blind"
CORPORA = {"blind": BLIND, "holdout": DATA / "dosing_holdout", "holdout2": DATA / "dosing_holdout2",
           "holdout3": DATA / "dosing_holdout3", "holdout4": DATA / "dosing_holdout4",
           "holdout5": DATA / "dosing_holdout5", "holdout6": DATA / "dosing_holdout6",
           "holdout7": DATA / "dosing_holdout7", "holdout8": DATA / "dosing_holdout8",
           "holdout9": DATA / "dosing_holdout9", "holdout10": DATA / "dosing_holdout10"}  # holdouts: each written blind after a round of the reader


@dataclass
class Score:
    drug: str
    kind: str  # step | maximum | renal
    case: str
    verdict: str  # right | refused | wrong
    detail: str


def same(a, b) -> bool:
    """Amounts equal within 1% (ranges element by element)."""
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, (list, tuple)) != isinstance(b, (list, tuple)):
        if isinstance(a, (list, tuple)) and a[0] == a[1]:
            a = a[0]
        elif isinstance(b, (list, tuple)) and b[0] == b[1]:
            b = b[0]
        else:
            return False
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return abs(float(a) - float(b)) <= max(0.001, 0.01 * abs(float(b)))


_MG = {"g": 1000.0, "mg": 1.0, "mcg": 0.001}


def _in_unit(value, unit_from: str, unit_to: str):
    if value is None or unit_from == unit_to or unit_from not in _MG or unit_to not in _MG:
        return value
    factor = _MG[unit_from] / _MG[unit_to]
    return [v * factor for v in value] if isinstance(value, (list, tuple)) else value * factor


def _step_tuple(step, unit: str | None = None) -> dict:
    daily = list(step.daily_dose) if isinstance(step.daily_dose, tuple) else step.daily_dose
    return {"start_day": step.start_day, "end_day": step.end_day if step.timing_stated else "not stated",
            "daily_dose": _in_unit(daily, step.unit, unit or step.unit),
            "times_per_day": list(step.times_per_day) if isinstance(step.times_per_day, tuple) else step.times_per_day}


def _contains(tool_range, value) -> bool:
    return isinstance(tool_range, list) and value is not None and not isinstance(value, list) and \
        tool_range[0] <= value <= tool_range[1]


def score_steps(drug: str, case: str, expected: list[dict], result, unit: str) -> list[Score]:
    """Step by step in order. A step whose timing the tool says is not stated scores refused when its dose is
    right; a tool range that contains the label's single value scores refused (imprecise, not wrong)."""
    out = []
    tool = [s for s in result.steps] if result.recommended else []
    for index, want in enumerate(expected):
        if index >= len(tool) or tool[index].unread:
            out.append(Score(drug, "step", case, "refused", f"step {index + 1} not computed: expected {want}"))
            continue
        got = _step_tuple(tool[index], unit)
        problems = []
        vague = []
        next_unread = index + 1 < len(tool) and tool[index + 1].unread
        # a course whose length the label gives as a range ("for 7 to 14 days"): the tool says the range and no end
        # day; a key's end at the range's upper bound, or its "not a single number" (null), agrees with it
        ranged = tool[index].ends_within_range and want.get("end_day") in (tool[index].end_range[1], None)
        if ranged:
            got = dict(got, start_day=tool[index].start_day, end_day=want.get("end_day"))
        for key in ("start_day",) if ranged else ("start_day", "end_day"):
            if key == "start_day" and want.get("start_day") is None and got["start_day"] is None:
                continue  # the label states no start day, and the tool says it is not stated: they agree
            if key == "end_day" and want.get("start_day") is None and want.get("end_day") is None and \
                    got["start_day"] is None and tool[index].end_day is None and index == len(tool) - 1 == len(expected) - 1:
                continue  # the last, undated step on both sides: nothing follows it, so it goes on
            if got[key] == "not stated" or (got[key] is None and not tool[index].timing_stated):
                vague.append(f"{key} not stated")
            elif key == "end_day" and next_unread and got[key] != want.get(key):
                vague.append("what follows this step is not computed")  # the tool says it cannot tell
            elif got[key] != want.get(key):
                problems.append(f"{key} {got[key]} != {want.get(key)}")
        if _contains(got["daily_dose"], want.get("daily_dose")):
            vague.append("daily given as a range")
        elif not same(got["daily_dose"], want.get("daily_dose")):
            problems.append(f"daily {got['daily_dose']} != {want.get('daily_dose')}")
        times_refused = got["times_per_day"] is None and want.get("times_per_day") is not None
        if not times_refused and not same(got["times_per_day"], want.get("times_per_day")):
            problems.append(f"times {got['times_per_day']} != {want.get('times_per_day')}")
        if problems:
            out.append(Score(drug, "step", case, "wrong", f"step {index + 1}: " + "; ".join(problems)))
        elif vague:
            out.append(Score(drug, "step", case, "refused", f"step {index + 1}: " + "; ".join(vague)))
        elif times_refused:
            out.append(Score(drug, "step", case, "refused", f"step {index + 1}: frequency not computed"))
        else:
            out.append(Score(drug, "step", case, "right", f"step {index + 1}"))
    for extra in tool[len(expected):]:
        if not extra.unread and extra.timing_stated and extra.start_day is not None:
            got = _step_tuple(extra, unit)
            if any(got["start_day"] == want.get("start_day") and same(got["daily_dose"], want.get("daily_dose"))
                   for want in expected):
                # the label's step, after an unread step that left the order misaligned: not wrong, not counted
                continue
            out.append(Score(drug, "step", case, "wrong", f"extra step {_step_tuple(extra)} not in the label"))
    return out


def tops_out_at(result, want, unit: str) -> bool:
    """The convention of the answer keys for a label that states no maximum (see the corpus README): a key may
    write a fixed regimen's dose as its maximum. A tool that states no maximum agrees with that key when every
    step is read, no step or option goes above the key's maximum and the schedule's highest daily dose is that
    maximum — whether the last step goes on or is a course that ends on a stated day or within a stated range, and
    whether the highest day comes last (a titration) or first (a loading dose then less)."""
    steps = list(result.steps)
    if want is None or isinstance(want, list) or not steps or any(s.unread or s.daily_dose is None for s in steps):
        return False
    dailies = [_in_unit(s.daily_dose, s.unit, unit) for s in steps]
    if any(isinstance(d, tuple) for d in dailies) or not (steps[-1].timing_stated or steps[-1].ends_within_range):
        return False
    options = [_in_unit(o.daily_dose, result.unit or unit, unit) for o in getattr(result, "options", ())]
    if any(o is None or isinstance(o, tuple) or o > want * 1.01 for o in options):
        return False
    return same(max(dailies), want) and all(d <= want * 1.01 for d in dailies)


def score_max(drug: str, case: str, want, result, unit: str) -> Score:
    got = result.max_daily_dose if result.recommended else None
    if not result.recommended:
        return Score(drug, "maximum", case, "refused", "no schedule")
    got = _in_unit(list(got) if isinstance(got, tuple) else got, result.unit or unit, unit)
    if same(got, want):
        return Score(drug, "maximum", case, "right", f"max {got}")
    if got is None and tops_out_at(result, want, unit):
        return Score(drug, "maximum", case, "right", f"no maximum stated; the schedule's dose is the key's {want}")
    if got is None:
        return Score(drug, "maximum", case, "refused", f"max not computed (label: {want})")
    return Score(drug, "maximum", case, "wrong", f"max {got} != label {want}")


def score_renal(drug: str, case: dict, standard, result, unit: str) -> Score:
    name = f"crcl={case.get('crcl')} dialysis={case.get('dialysis')} indication={case.get('indication')}"
    outcome = case["outcome"]
    if result.recommended is None:
        return Score(drug, "renal", name, "right" if outcome == "no-number" else "refused", str(result.refused))
    if result.recommended is False:
        if outcome == "not-recommended":
            return Score(drug, "renal", name, "right", "not recommended")
        if outcome == "no-number":
            return Score(drug, "renal", name, "refused", "said not recommended where the label gives no number")
        return Score(drug, "renal", name, "wrong", f"said not recommended; label: {outcome}")
    if outcome in ("not-recommended", "no-number"):
        return Score(drug, "renal", name, "wrong", f"showed a schedule (max {result.max_daily_dose}); label: {outcome}")
    ongoing = [s for s in result.steps if s.end_day is None and not s.unread]
    if outcome == "unchanged":
        if standard is None or not standard.recommended:
            return Score(drug, "renal", name, "refused", "no standard schedule to compare")
        problems = []
        if not same(_l(result.max_daily_dose), _l(standard.max_daily_dose)):
            problems.append(f"max {result.max_daily_dose} != standard {standard.max_daily_dose}")
        if [_step_tuple(s) for s in result.steps if not s.unread] != [_step_tuple(s) for s in standard.steps
                                                                     if not s.unread]:
            problems.append("steps differ from the standard schedule")
        return Score(drug, "renal", name, "wrong" if problems else "right", "; ".join(problems) or "unchanged")
    problems = []
    refusedish = []
    if "max_daily_dose" in case:
        want = case["max_daily_dose"]
        got = _in_unit(_l(result.max_daily_dose), result.unit or unit, unit)
        if got is None and want is not None:
            if not tops_out_at(result, want, unit):
                refusedish.append("max not computed")
        elif not same(got, want):
            problems.append(f"max {got} != label {want}")
    if case.get("daily_dose") is not None:
        got = _in_unit(_l(ongoing[-1].daily_dose), ongoing[-1].unit, unit) if ongoing else None
        if got is None:
            refusedish.append("daily dose not computed")
        elif not same(got, case["daily_dose"]):
            problems.append(f"daily {got} != label {case['daily_dose']}")
    if case.get("times_per_day") is not None and ongoing and ongoing[-1].times_per_day is not None \
            and not same(_l(ongoing[-1].times_per_day), case["times_per_day"]):
        problems.append(f"times {ongoing[-1].times_per_day} != label {case['times_per_day']}")
    if problems:
        return Score(drug, "renal", name, "wrong", "; ".join(problems))
    if refusedish:
        return Score(drug, "renal", name, "refused", "; ".join(refusedish))
    return Score(drug, "renal", name, "right", "dose")


def _l(value):
    return list(value) if isinstance(value, tuple) else value


def _query(indication: str | None, formulation: str | None, dosing) -> str | None:
    """What a user types as --indication: the indication's words, and the formulation's when the indication
    alone names regimens of several formulations (Schizophrenia: immediate-release and extended-release)."""
    if indication is None or not formulation:
        return indication
    alone = plan(dosing, Patient(), indication)
    if alone.regimen is not None:
        return indication
    return f"{indication} {formulation}"


def score_drug(answers_file: Path) -> list[Score]:
    answers = yaml.safe_load(answers_file.read_text(encoding="utf-8"))
    drug = answers["drug"]
    dosing = read_dosing(parse_monograph(answers_file.with_suffix(".md")))
    scores: list[Score] = []
    standards = {}
    units: dict = {}
    formulations: dict = {}
    for schedule in answers.get("schedules") or []:
        indication = schedule.get("indication")
        query = _query(indication, schedule.get("formulation"), dosing)
        result = plan(dosing, Patient(), query if len(answers.get("schedules")) > 1 or indication else None)
        if result.recommended is None and indication is not None and len(dosing.regimens) == 1:
            result = plan(dosing, Patient())
        standards[indication] = result
        formulations[indication] = schedule.get("formulation")
        case = f"schedule {indication or '(single)'}"
        unit = schedule.get("unit") or "mg"
        units[indication] = unit
        scores += score_steps(drug, case, schedule.get("steps") or [], result, unit)
        scores.append(score_max(drug, case, schedule.get("max_daily_dose"), result, unit))
    for case in answers.get("renal") or []:
        indication = case.get("indication")
        patient = Patient(crcl_ml_min=None if case.get("dialysis") else case.get("crcl"), crcl_source="given",
                          dialysis=case.get("dialysis"))
        result = plan(dosing, patient, _query(indication, case.get("formulation", formulations.get(indication)), dosing))
        if result.recommended is None and indication is not None and len(dosing.regimens) == 1:
            result = plan(dosing, patient)
        scores.append(score_renal(drug, case, standards.get(indication), result, units.get(indication, "mg")))
    return scores


def score_all(folder: Path = BLIND) -> list[Score]:
    scores: list[Score] = []
    for answers_file in sorted(folder.glob("*.yaml")):
        if answers_file.with_suffix(".md").exists():
            scores += score_drug(answers_file)
    return scores


def summary(scores: list[Score]) -> str:
    lines = []
    for kind in ("step", "maximum", "renal"):
        counts = Counter(s.verdict for s in scores if s.kind == kind)
        total = sum(counts.values()) or 1
        lines.append(f"{kind:8} right {counts['right']:4} ({100 * counts['right'] / total:5.1f}%)  refused "
                     f"{counts['refused']:4}  wrong {counts['wrong']:3}  of {total}")
    return "\n".join(lines)


if __name__ == "__main__":
    verbose = "-v" in sys.argv
    names = [a for a in sys.argv[1:] if a in CORPORA] or list(CORPORA)
    for corpus in names:
        all_scores = score_all(CORPORA[corpus])
        for s in all_scores:
            if s.verdict == "wrong" or (verbose and s.verdict == "refused"):
                print(f"{s.verdict.upper():8} {s.drug:14} {s.kind:8} {s.case}: {s.detail}")
        print(f"{corpus}: {len({s.drug for s in all_scores})} drugs")
        print(summary(all_scores))
