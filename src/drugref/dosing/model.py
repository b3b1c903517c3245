"""What the dosing reader found in a monograph, and what a plan for one patient says."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from ..monograph import Note

Amount = float | tuple[float, float]  # a number, or a [low, high] range
Action = Literal["none", "caution", "adjust", "not-recommended", "unread"]

NEAR_EDGE_FRACTION = 0.10  # warn when CrCl is within 10% of a band edge


@dataclass(frozen=True)
class Step:
    """One step of a schedule: which days, what dose, how often. Unread steps carry only their words."""

    label: str
    start_day: int | None  # None: the monograph does not say when it starts
    end_day: int | None  # None: ongoing (or, with timing_stated False, not stated)
    dose: Amount | None  # per administration, only when stated or the daily total divides evenly
    unit: str
    times_per_day: Amount | None
    daily_dose: Amount | None
    text: str  # the bullet as written
    line: int
    timing_stated: bool = True
    renal_adjusted: bool = False
    unread: bool = False  # the words could not be accounted for: no numbers are shown
    crcl_condition: str | None = None  # "crcl >30 ml/min": the step is for these patients (a renal band must say so)
    # a course whose length is a range ("for 7 to 14 days"): the first and the last day it may end on, as the
    # prescriber decides. Its end is no single day, so end_day stays None and timing_stated False: nothing after it is
    # dated, no calendar event is made for it, and every output says the range in words. A shortest course ("for at
    # least 10 days") has no last day (None): the step goes on (end_day None) until the prescriber stops it
    end_range: tuple[int, int | None] | None = None
    # cond11: the patients the label states this schedule for, in its words ("patients not receiving a diuretic"): the
    # numbers are theirs, and every output says so beside the step
    condition: str | None = None

    @property
    def ends_within_range(self) -> bool:
        """A course that ends on a day within a stated range ("for 7 to 14 days"): no maintenance dose."""
        return self.end_range is not None and self.end_range[1] is not None


@dataclass(frozen=True)
class Option:
    """A conditional increase ("may increase to 50 mg twice daily"): shown, never dated."""

    text: str
    line: int
    daily_dose: Amount | None = None


@dataclass(frozen=True)
class Regimen:
    """One adult regimen: an indication and/or formulation, its steps, maintenance and maximum."""

    name: str | None  # heading or label; None for the single regimen of a monograph
    steps: tuple[Step, ...]
    max_daily_dose: Amount | None
    unit: str | None
    section: str  # where it was read, e.g. "Dosage › Standard Dosage › Adults"
    line: int
    options: tuple[Option, ...] = ()
    max_text: str | None = None  # the maximum's words
    max_unread: bool = False
    notes: tuple[tuple[int, str], ...] = ()  # other dosing bullets, shown as written
    criteria: tuple[Criteria, ...] = ()
    bands: tuple[Band, ...] = ()  # renal bands stated for this regimen only

    @property
    def maintenance_daily_dose(self) -> Amount | None:
        ongoing = [s for s in self.steps if s.end_day is None and not s.unread and not s.ends_within_range]
        return ongoing[-1].daily_dose if ongoing else None


@dataclass(frozen=True)
class Criterion:
    measure: Literal["age", "weight", "scr"]
    op: str  # >= <= > <
    value: float


@dataclass(frozen=True)
class Criteria:
    """A criteria-based dose ("any 2 of: age >= 80 years, weight <= 60 kg, SCr >= 1.5 mg/dL: 2.5 mg twice daily")."""

    needed: int
    criteria: tuple[Criterion, ...]
    dose: Amount
    unit: str
    times_per_day: Amount | None
    daily_dose: Amount
    text: str
    line: int


@dataclass(frozen=True)
class Guidance:
    """A band's words, read. Numbers only when every clause was understood."""

    action: Action
    daily_dose: Amount | None = None  # the band's own daily dose (range)
    times_per_day: Amount | None = None
    dose: Amount | None = None
    max_daily_dose: Amount | None = None
    max_times_per_day: Amount | None = None  # the frequency the maximum is stated with ("0.5 mg once daily")
    initial_daily_dose: Amount | None = None
    initial_dose: Amount | None = None
    initial_times: Amount | None = None
    initial_scale: float | None = None  # the starting dose is this part of the schedule's ("one-half the usual")
    maintenance: bool = False  # the band's dose is named as its maintenance dose (the schedule titrates to it)
    initial_once: bool = False  # the initial dose is one dose on day 1 ("750 mg initial dose, then 500 mg every 48 hours")
    scale: Amount | None = None  # multiply every dose by this
    scale_what: str | None = None  # dose | daily | maintenance | maximum
    proportional: bool = False  # "reduce in proportion to CrCl"
    interval_times: Amount | None = None  # each dose as the schedule gives it, this many times a day
    unit: str | None = None
    unread: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()  # words beside the dose that change none of its numbers, shown as written


@dataclass(frozen=True)
class Band:
    """A renal (or hepatic) band: its interval or population and its words."""

    label: str
    text: str
    line: int
    guidance: Guidance
    low: float | None = None  # CrCl mL/min
    high: float | None = None
    low_inclusive: bool = True
    high_inclusive: bool = False
    measure: Literal["crcl", "egfr", "dialysis", "esrd", "child-pugh", "unread", "conditional",
                     "pediatric", "option"] = "crcl"
    dialysis: tuple[str, ...] = ()  # hd | pd | crrt
    child_pugh: tuple[str, ...] = ()  # A | B | C
    group: str | None = None  # the indication or formulation a band is stated for ("Nonvalvular atrial fibrillation")

    def contains(self, crcl: float) -> bool:
        if self.low is not None and (crcl < self.low or (crcl == self.low and not self.low_inclusive)):
            return False
        if self.high is not None and (crcl > self.high or (crcl == self.high and not self.high_inclusive)):
            return False
        return True



@dataclass(frozen=True)
class Dosing:
    """Everything the reader took from a monograph's dosing text."""

    drug: str
    file: str
    brands: tuple[str, ...]
    regimens: tuple[Regimen, ...]
    bands: tuple[Band, ...]  # renal bands for every regimen
    renal_section: str | None
    hepatic_bands: tuple[Band, ...]
    hepatic_text: str | None
    elderly_text: str | None
    problems: tuple[Note, ...]

    @property
    def has_schedule(self) -> bool:
        return any(any(not s.unread for s in r.steps) for r in self.regimens)


@dataclass(frozen=True)
class Patient:
    crcl_ml_min: float | None = None
    crcl_source: str | None = None  # given | cockcroft-gault
    dialysis: str | None = None  # hd | pd | crrt
    child_pugh: str | None = None  # A | B | C
    age_years: float | None = None
    weight_kg: float | None = None
    scr_mg_dl: float | None = None


@dataclass(frozen=True)
class Plan:
    """The one computed answer every output renders: terminal, plain, JSON and iCalendar."""

    dosing: Dosing
    patient: Patient
    regimen: Regimen | None
    band: Band | None
    hepatic_band: Band | None
    recommended: bool | None  # None: refused
    steps: tuple[Step, ...]
    maintenance_daily_dose: Amount | None
    max_daily_dose: Amount | None
    unit: str | None
    warnings: tuple[str, ...]
    refused: str | None = None  # why no schedule is shown
    shown_text: tuple[tuple[str, int | None, str], ...] = ()  # (label, line, words) shown verbatim
    arithmetic: tuple[str, ...] = ()  # how adjusted numbers were computed
    options: tuple[Option, ...] = ()
    criteria_notes: tuple[str, ...] = ()
    choices: tuple[str, ...] = ()  # regimens to choose from when --indication is needed
    start: dt.date | None = None

    @property
    def shows_schedule(self) -> bool:
        return self.recommended is True and any(not s.unread for s in self.steps)


def dated(step: Step, start: dt.date | None) -> tuple[dt.date | None, dt.date | None]:
    """Calendar dates of a step, when it has stated days and a start date is given (dates past 9999 refused)."""
    if start is None or step.start_day is None or not step.timing_stated:
        return None, None
    from ..errors import InvalidInput

    try:
        first = start + dt.timedelta(days=step.start_day - 1)
        last = start + dt.timedelta(days=step.end_day - 1) if step.end_day is not None else None
    except OverflowError:
        raise InvalidInput(f"the schedule runs past the year 9999 from {start.isoformat()}", option="--start") from None
    return first, last
