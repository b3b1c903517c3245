"""Write a dated titration schedule as an iCalendar file: one all-day event per step."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from .errors import InvalidInput

ONGOING_DAYS = 28  # an ongoing (maintenance) step is written as a 4-week event


def write_ics(schedule, path: Path) -> None:
    from icalendar import Calendar, Event

    from .dosing import fmt_amount

    calendar = Calendar()
    calendar.add("prodid", "-//drugref//titration//EN")
    calendar.add("version", "2.0")
    stamp = dt.datetime.now(dt.timezone.utc)
    for index, step in enumerate(schedule.steps):
        first, last = step.dated(schedule.start)
        if last is None:
            last = first + dt.timedelta(days=ONGOING_DAYS - 1)
        dose = f"{fmt_amount(step.dose)} {step.unit}" if step.dose is not None else ""
        title = f"{schedule.dosing.drug} {dose} ({fmt_amount(step.daily_dose)} {step.unit}/day)".replace("  ", " ")
        event = Event()
        event.add("uid", f"drugref-{schedule.dosing.drug}-{first.isoformat()}-{index}@drugref")
        event.add("dtstamp", stamp)
        event.add("summary", title)
        event.add("dtstart", first)
        event.add("dtend", last + dt.timedelta(days=1))
        event.add("description", f"{step.text}\nFrom {schedule.dosing.file}. Not medical advice: "
                                 "follow your prescriber's instructions.")
        calendar.add_component(event)
    try:
        Path(path).write_bytes(calendar.to_ical())
    except OSError as exc:
        raise InvalidInput(f"cannot write {path}: {exc.strerror or exc}", option="--ics") from None
