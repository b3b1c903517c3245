"""Write a dated titration schedule as an iCalendar file: one all-day event per step with stated days."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import CannotWrite, InvalidInput

if TYPE_CHECKING:
    from .dosing import Plan

ONGOING_DAYS = 28  # an ongoing (maintenance) step is written as a 4-week event


def write_ics(plan: Plan, path: Path, overwrite: bool = False) -> int:
    """Write the plan's dated steps; steps whose timing the monograph does not state are left out.
    Returns how many events were written."""
    from icalendar import Calendar, Event

    from .dosing import dated
    from .titrate_report import NOT_ADVICE, condition_words, dose_words, heading

    calendar = Calendar()
    calendar.add("prodid", "-//drugref//titration//EN")
    calendar.add("version", "2.0")
    stamp = dt.datetime.now(dt.timezone.utc)
    written = 0
    for index, step in enumerate(plan.steps):
        if step.unread:
            continue
        first, last = dated(step, plan.start)
        if first is None:
            continue
        if last is None:
            try:
                last = first + dt.timedelta(days=ONGOING_DAYS - 1)
            except OverflowError:
                raise InvalidInput("the schedule runs past the year 9999", option="--start") from None
        words = dose_words(step) + condition_words(step)
        event = Event()
        event.add("uid", f"drugref-{plan.dosing.drug}-{first.isoformat()}-{index}@drugref")
        event.add("dtstamp", stamp)
        event.add("summary", f"{plan.dosing.drug} {words}")
        event.add("dtstart", first)
        event.add("dtend", last + dt.timedelta(days=1))
        adjusted = " (adjusted for this patient)" if step.renal_adjusted else ""
        event.add("description", f"{heading(plan)}: {words}{adjusted}.\nFrom {plan.dosing.file}, line {step.line}. "
                                 f"{NOT_ADVICE}")
        calendar.add_component(event)
        written += 1
    if written == 0:
        raise InvalidInput("no step of this schedule has stated days to put in a calendar", option="--ics")
    if Path(path).exists() and not overwrite:
        raise InvalidInput(f"{path} exists: not overwritten (add --force to replace it)", option="--ics")
    try:
        Path(path).write_bytes(calendar.to_ical())
    except OSError as exc:
        raise CannotWrite(f"cannot write {path}: {exc.strerror or exc}", option="--ics") from None
    return written
