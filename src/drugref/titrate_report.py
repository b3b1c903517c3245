"""`titrate` output: one computed Plan rendered as JSON, plain lines or Rich — the three cannot disagree."""
from __future__ import annotations

from typing import TYPE_CHECKING

from .dosing import Plan, Step, as_json_amount, dated, fmt_amount, upper
from .text import clean_text

if TYPE_CHECKING:
    from rich.console import Console

_TIMES_WORDS = {1: "once daily", 2: "twice daily", 3: "three times daily", 4: "four times daily", 0.5: "every 48 hours"}
NOT_ADVICE = "Not medical advice: check against the current prescribing information."


def frequency_words(times) -> str:
    if times is None:
        return "frequency not stated"
    if isinstance(times, tuple):
        if times[1] > 4 and 24 % times[0] == 0 and 24 % times[1] == 0:
            return f"every {24 / times[1]:g} to {24 / times[0]:g} hours"
        return f"in {times[0]:g} or {times[1]:g} divided doses"
    return _TIMES_WORDS.get(times, f"{times:g} times daily")


def day_words(step: Step) -> str:
    if step.start_day is None:
        return "day not stated"
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


def _labelled(label: str, text: str) -> str:
    """A band or step's words with its label in front, unless the words already start with it."""
    return text if not label or text.startswith(label) else f"{label}: {text}"


def _where(plan: Plan, line: int | None) -> str:
    return f"{plan.dosing.file}:{line}" if line else plan.dosing.file


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


def lines(plan: Plan, crcl_result=None) -> list[str]:
    """The plan as plain lines (piped output)."""
    out = [f"{heading(plan)} — titration", f"Source: {plan.dosing.file}"
           + (f" § {plan.regimen.section}" if plan.regimen is not None else "")]
    if crcl_result is not None:
        out += crcl_lines(crcl_result)
    who = patient_words(plan)
    if who:
        out.append(f"Patient: {who}")
    for band in (plan.band, plan.hepatic_band):
        if band is not None:
            out.append(f"Band: {band.label}: {band.text} ({_where(plan, band.line)})")
    if plan.recommended is not True:
        out.append(verdict(plan))
        if plan.choices:
            out.append("Regimens (choose with --indication):")
            out += [f"  {choice}" for choice in plan.choices]
        if plan.recommended is None:
            out.append("No schedule is shown. The monograph's words:")
        for label, line, text in plan.shown_text:
            out.append(f"  {_labelled(label, text)} ({_where(plan, line)})")
    else:
        out.append("Schedule:")
        for step in plan.steps:
            if step.unread:
                out.append(f"  {step.label}: cannot compute — as written: {step.text} ({_where(plan, step.line)})")
                continue
            first, last = dated(step, plan.start)
            dates = "" if first is None else f" [{first.isoformat()}" + (
                f" to {last.isoformat()}]" if last is not None and last != first else "]" if last == first else " on]")
            tag = " (adjusted)" if step.renal_adjusted else ""
            out.append(f"  {day_words(step)}{dates}: {dose_words(step)}{tag}")
        for option in plan.options:
            out.append(f"  option (not dated): {option.text} ({_where(plan, option.line)})")
        unit = plan.unit or ""
        if plan.maintenance_daily_dose is not None:
            out.append(f"Maintenance: {fmt_amount(plan.maintenance_daily_dose)} {unit}/day")
        out.append(f"Maximum: {fmt_amount(plan.max_daily_dose)} {unit}/day" if plan.max_daily_dose is not None
                   else "Maximum: not stated for this patient")
        for item in plan.arithmetic:
            out.append(f"Computed: {item}")
        for _label, line, text in plan.shown_text:
            out.append(f"Not applied (shown as written): {text} ({_where(plan, line)})")
    for note in plan.criteria_notes:
        out.append(f"Dose criteria: {note}")
    for warning in plan.warnings:
        out.append(f"! {warning}")
    if plan.dosing.hepatic_text and plan.hepatic_band is None:
        out.append(f"Hepatic: {plan.dosing.hepatic_text}")
    if plan.dosing.elderly_text:
        out.append(f"Elderly: {plan.dosing.elderly_text}")
    out.append(NOT_ADVICE)
    return [clean_text(line) for line in out]


def crcl_lines(result) -> list[str]:
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


def _band_json(band) -> dict | None:
    if band is None:
        return None
    return {"label": band.label, "low": band.low, "high": band.high, "low_inclusive": band.low_inclusive,
            "high_inclusive": band.high_inclusive, "text": band.text, "action": band.guidance.action,
            "line": band.line, "measure": band.measure}


def to_json(plan: Plan, crcl_result=None) -> dict:
    steps = []
    for step in plan.steps:
        first, last = dated(step, plan.start)
        steps.append({"label": step.label, "start_day": step.start_day if step.timing_stated else None,
                      "end_day": step.end_day, "dose": as_json_amount(step.dose), "unit": step.unit,
                      "times_per_day": as_json_amount(step.times_per_day),
                      "daily_dose": as_json_amount(step.daily_dose),
                      "start_date": first.isoformat() if first else None, "end_date": last.isoformat() if last else None,
                      "renal_adjusted": step.renal_adjusted, "timing_stated": step.timing_stated,
                      "unread": step.unread, "text": step.text, "line": step.line})
    regimen = plan.regimen
    data = {
        "drug": plan.dosing.drug,
        "indication": regimen.name if regimen is not None else None,
        "regimens": [r.name for r in plan.dosing.regimens],
        "crcl_ml_min": plan.patient.crcl_ml_min, "crcl_source": plan.patient.crcl_source,
        "dialysis": plan.patient.dialysis, "child_pugh": plan.patient.child_pugh,
        "band": _band_json(plan.band), "hepatic_band": _band_json(plan.hepatic_band),
        "recommended": plan.recommended,
        "refused": plan.refused,
        "steps": steps,
        "options": [{"text": o.text, "line": o.line, "daily_dose": as_json_amount(o.daily_dose)} for o in plan.options],
        "maintenance_daily_dose": as_json_amount(plan.maintenance_daily_dose),
        "max_daily_dose": as_json_amount(plan.max_daily_dose),
        "unit": plan.unit,
        "arithmetic": list(plan.arithmetic),
        "criteria": list(plan.criteria_notes),
        "shown_as_written": [{"label": label, "line": line, "text": text} for label, line, text in plan.shown_text],
        "warnings": list(plan.warnings),
        "source": {"file": plan.dosing.file, "section": regimen.section if regimen is not None else None,
                   "renal_section": plan.dosing.renal_section},
    }
    if crcl_result is not None:
        from .cli import crcl_json

        data["cockcroft_gault"] = crcl_json(crcl_result)
    return data


def rich(console: Console, plan: Plan, crcl_result=None) -> None:
    """The plan at a terminal: the same lines as `lines`, with the verdict and steps styled."""
    from rich.table import Table
    from rich.text import Text

    console.print(Text(heading(plan), style="bold cyan") + Text(" — titration", style="bold"))
    console.print(Text(f"Source: {plan.dosing.file}" + (f" § {plan.regimen.section}" if plan.regimen else ""),
                       style="dim"))
    if crcl_result is not None:
        for line in crcl_lines(crcl_result):
            console.print(Text(line))
    who = patient_words(plan)
    if who:
        console.print(Text(f"Patient: {who}", style="bold"))
    for band in (plan.band, plan.hepatic_band):
        if band is not None:
            console.print(Text("Band: ", style="bold") + Text(f"{band.label}: ", style="bold") + Text(band.text)
                          + Text(f" ({_where(plan, band.line)})", style="dim"))
    if plan.recommended is not True:
        console.print(Text(verdict(plan), style="bold white on red"))
        if plan.choices:
            console.print(Text("Regimens (choose with --indication):", style="bold"))
            for choice in plan.choices:
                console.print(Text(f"  {choice}"))
        if plan.recommended is None and plan.shown_text:
            console.print(Text("No schedule is shown. The monograph's words:", style="bold"))
        for label, line, text in plan.shown_text:
            console.print(Text(f"  {_labelled(label, text)}") + Text(f" ({_where(plan, line)})", style="dim"))
    else:
        table = Table(header_style="bold", box=None, pad_edge=False)
        show_dates = plan.start is not None
        for column in ("Days",) + (("Dates",) if show_dates else ()) + ("Dose", "vs max"):
            table.add_column(column, no_wrap=column in ("Days", "Dates", "vs max"), overflow="fold")
        max_value = upper(plan.max_daily_dose)
        for step in plan.steps:
            if step.unread:
                row = [step.label] + ([""] if show_dates else []) + [
                    Text(f"cannot compute — as written: {step.text}", style="yellow"), ""]
                table.add_row(*row)
                continue
            first, last = dated(step, plan.start)
            dates = "" if first is None else (f"{first.isoformat()} on" if last is None else first.isoformat()
                                              if first == last else f"{first.isoformat()} to {last.isoformat()}")
            dose = Text(dose_words(step))
            if step.renal_adjusted:
                dose.append(" (adjusted)", style="yellow")
            bar = _bar(upper(step.daily_dose), max_value)
            table.add_row(*([day_words(step)] + ([dates] if show_dates else []) + [dose, bar]))
        console.print(table)
        for option in plan.options:
            console.print(Text("Option (not dated): ", style="bold") + Text(option.text)
                          + Text(f" ({_where(plan, option.line)})", style="dim"))
        unit = plan.unit or ""
        if plan.maintenance_daily_dose is not None:
            console.print(Text(f"Maintenance: {fmt_amount(plan.maintenance_daily_dose)} {unit}/day"))
        console.print(Text(f"Maximum: {fmt_amount(plan.max_daily_dose)} {unit}/day" if plan.max_daily_dose is not None
                           else "Maximum: not stated for this patient"))
        for item in plan.arithmetic:
            console.print(Text(f"Computed: {item}", style="dim"))
        for _, line, text in plan.shown_text:
            console.print(Text("Not applied (shown as written): ", style="yellow") + Text(text)
                          + Text(f" ({_where(plan, line)})", style="dim"))
    for note in plan.criteria_notes:
        console.print(Text("Dose criteria: ", style="bold yellow") + Text(note))
    for warning in plan.warnings:
        console.print(Text("! " + warning, style="yellow"))
    if plan.dosing.hepatic_text and plan.hepatic_band is None:
        console.print(Text("Hepatic: ", style="bold") + Text(plan.dosing.hepatic_text))
    if plan.dosing.elderly_text:
        console.print(Text("Elderly: ", style="bold") + Text(plan.dosing.elderly_text))
    console.print(Text(NOT_ADVICE, style="dim"))


def _bar(value: float | None, maximum: float | None, width: int = 8):
    from rich.text import Text

    if value is None or not maximum:
        return Text("")
    filled = max(0, min(width, round(width * value / maximum)))
    return Text("█" * filled, style="green") + Text("░" * (width - filled), style="dim") + Text(
        f" {100 * value / maximum:.0f}%", style="dim")
