"""`titrate`'s words: how a plan's steps, doses, days and verdict are said, by every reporter and the calendar."""
from __future__ import annotations

from typing import TYPE_CHECKING

from .dosing import Amount, Plan, Step, fmt_amount
from .dosing.population import for_whom

if TYPE_CHECKING:
    from .crcl import CrclResult

_TIMES_WORDS = {1: "once daily", 2: "twice daily", 3: "three times daily", 4: "four times daily", 0.5: "every 48 hours"}
NOT_ADVICE = "Not medical advice: check against the current prescribing information."


def frequency_words(times: Amount | None) -> str:
    if times is None:
        return "frequency not stated"
    if isinstance(times, tuple):
        if times[1] > 4 and 24 % times[0] == 0 and 24 % times[1] == 0:
            return f"every {24 / times[1]:g} to {24 / times[0]:g} hours"
        return f"in {times[0]:g} or {times[1]:g} divided doses"
    if times in _TIMES_WORDS:
        return _TIMES_WORDS[times]
    if 0 < times < 1:  # less often than daily: said as the label says it, never "0.285714 times daily"
        hours, weekly = 24 / times, 7 * times
        if abs(weekly - round(weekly)) < 1e-6:
            return {1: "once weekly", 2: "twice weekly", 3: "three times weekly"}.get(round(weekly),
                                                                                    f"{round(weekly)} times weekly")
        if abs(hours - round(hours)) < 1e-6:
            return f"every {round(hours)} hours"
    return f"{times:g} times daily"


def day_words(step: Step) -> str:
    if step.start_day is None:
        return "day not stated"
    if step.end_range is not None:
        first, last = step.end_range
        if last is not None:  # "for 7 to 14 days": both ends, never one chosen
            return (f"from day {step.start_day}, for {first - step.start_day + 1} to {last - step.start_day + 1} days "
                    f"(ends on a day from {first} to {last}, as the prescriber decides)")
        if step.timing_stated:  # "for at least 10 days": it goes on
            return f"day {step.start_day} on, for at least {first - step.start_day + 1} days"
    if not step.timing_stated:
        return f"from day {step.start_day}, end not stated"
    if step.end_day is None:
        return f"day {step.start_day} on"
    if step.end_day == step.start_day:
        return f"day {step.start_day}"
    return f"days {step.start_day}-{step.end_day}"


def dose_words(step: Step) -> str:
    """`25 mg twice daily (50 mg/day)`, or the daily total and frequency alone when the dose per administration
    is neither stated nor an even division of the total."""
    unit = step.unit
    daily = f"{fmt_amount(step.daily_dose)} {unit}/day"
    if step.dose is not None and step.times_per_day is not None:
        return f"{fmt_amount(step.dose)} {unit} {frequency_words(step.times_per_day)} ({daily})"
    if step.times_per_day is not None:
        return f"{daily}, {frequency_words(step.times_per_day)}"
    return daily


def condition_words(step: Step) -> str:
    """" — for patients not receiving a diuretic": the patients the label states the step for, or nothing."""
    return f" — {for_whom(step.condition)}" if step.condition else ""


def labelled(label: str, text: str) -> str:
    """A band or step's words with its label in front, unless the words already start with it."""
    return text if not label or text.startswith(label) else f"{label}: {text}"


def heading(plan: Plan) -> str:
    name = plan.dosing.drug
    if plan.regimen is not None and plan.regimen.name:
        name += f" — {plan.regimen.name}"
    return name


def patient_words(plan: Plan) -> str | None:
    p = plan.patient
    parts = []
    if p.crcl_ml_min is not None:
        parts.append(f"CrCl {p.crcl_ml_min:g} mL/min ({p.crcl_source or 'given'})")
    if p.dialysis:
        parts.append(f"on dialysis ({p.dialysis})")
    if p.child_pugh:
        parts.append(f"Child-Pugh {p.child_pugh}")
    return ", ".join(parts) or None


def verdict(plan: Plan) -> str:
    if plan.recommended is None:
        return f"CANNOT COMPUTE: {plan.refused}"
    if plan.recommended is False:
        where = plan.hepatic_band if plan.hepatic_band is not None and plan.hepatic_band.guidance.action == \
            "not-recommended" else plan.band
        label = where.label if where is not None else ""
        return f"NOT RECOMMENDED ({label}): {where.text if where is not None else ''}"
    return ""


def crcl_lines(result: CrclResult) -> list[str]:
    scr = (f"{result.scr_given:g} µmol/L = {result.scr_mg_dl:.2f} mg/dL" if result.scr_unit == "umol"
           else f"{result.scr_mg_dl:g} mg/dL")
    height = f", height {result.height_cm:g} cm" if result.height_cm is not None else ""
    out = ["Cockcroft-Gault",
           f"  inputs: age {result.age_years:g} y, {result.sex}, weight {result.weight_kg:g} kg{height}, SCr {scr}"]
    if result.ideal_body_weight_kg is not None:
        out.append(f"  ideal body weight {result.ideal_body_weight_kg:.1f} kg, adjusted "
                   f"{result.adjusted_body_weight_kg:.1f} kg")
    out += [f"  weight used: {result.weight_used_kg:.1f} kg — {result.weight_rule}", f"  formula: {result.formula}",
            f"  CrCl = {result.crcl_ml_min:.1f} mL/min"]
    return out
