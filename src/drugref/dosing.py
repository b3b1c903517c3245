"""Read titration steps and renal bands from a monograph, and apply a band to a patient's CrCl."""
from __future__ import annotations

from typing import NamedTuple

import datetime as dt
import math
import re

from .monograph import Bullet, Monograph, Note, Section, find_section
from .text import squash_spaces, strip_bold

Amount = float | tuple[float, float]  # a number, or a [low, high] range
NEAR_EDGE_FRACTION = 0.10  # warn when CrCl is within 10% of a band edge
NORMAL_ABOVE_ML_MIN = 80.0  # above the highest band's bounded top: normal renal function

_NUM = r"(\d+(?:\.\d+)?)"
_RANGE = rf"{_NUM}(?:\s*(?:-|–|to)\s*{_NUM})?"
_UNIT = r"(mg|mcg|micrograms?|µg|g)\b"
_DAILY = re.compile(rf"{_RANGE}\s*{_UNIT}(?:\s+(?:orally|by mouth|po|total|in total)){{0,2}}\s*(?:/|per|a)\s*day\b", re.I)
_DOSE = re.compile(rf"{_RANGE}\s*{_UNIT}", re.I)
_FREQUENCIES = [
    (re.compile(r"\bin\s+(\d)\s+or\s+(\d)\s+divided\s+doses", re.I), None),
    (re.compile(r"\bin\s+(\d)\s+divided\s+doses", re.I), None),
    (re.compile(r"\b(?:four times (?:a day|daily)|qid|q\.i\.d\.|every 6 hours)", re.I), 4),
    (re.compile(r"\b(?:three times (?:a day|daily)|tid|t\.i\.d\.|every 8 hours)", re.I), 3),
    (re.compile(r"\b(?:twice (?:a day|daily)|two times (?:a day|daily)|bid|b\.i\.d\.|every 12 hours)", re.I), 2),
    (re.compile(r"\b(?:once (?:a day|daily)|one time (?:a day|daily)|every 24 hours|at bedtime|nightly|qhs|"
                r"once daily at bedtime|daily|qd|per day)\b", re.I), 1),
]
_LABEL = re.compile(r"^\s*([^:]{1,60}?)\s*:\s*(.*)$")
_STEP_LABELS = [
    (re.compile(r"^days?\s+(\d+)\s*(?:-|–|to|through)\s*(\d+)$", re.I), "days"),
    (re.compile(r"^day\s+(\d+)$", re.I), "day"),
    (re.compile(r"^weeks?\s+(\d+)\s*(?:-|–|to|through)\s*(\d+)$", re.I), "weeks"),
    (re.compile(r"^week\s+(\d+)$", re.I), "week"),
    (re.compile(r"^(?:after|from|starting)\s+day\s+(\d+)$", re.I), "after"),
    (re.compile(r"^(?:initial|initial dose|starting dose|start|titration start)$", re.I), "initial"),
    (re.compile(r"^(?:maintenance|maintenance dose|usual dose|usual maintenance|target|target dose)$", re.I), "maintenance"),
    (re.compile(r"^(?:maximum|maximum dose|max|maximum daily dose)$", re.I), "maximum"),
]
_DURATION = re.compile(r"\bfor\s+(\d+|one|two|three|four)\s+(day|days|week|weeks)\b", re.I)
_ON_DAY = re.compile(r"\bon\s+day\s+(\d+)\b", re.I)
_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4}


class DoseStep(NamedTuple):
    """One step of a titration: which days, what dose, how often."""

    label: str
    start_day: int
    end_day: int | None  # None: ongoing
    dose: Amount | None  # per administration
    unit: str
    times_per_day: Amount | None
    daily_dose: Amount
    text: str  # the bullet as written
    line: int
    capped: bool = False  # lowered to the renal band's maintenance
    timing_stated: bool = True  # False: the monograph does not say on which day this step starts/ends

    def dated(self, start: dt.date | None) -> tuple[dt.date | None, dt.date | None]:
        if start is None:
            return None, None
        first = start + dt.timedelta(days=self.start_day - 1)
        last = start + dt.timedelta(days=self.end_day - 1) if self.end_day is not None else None
        return first, last


class RenalBand(NamedTuple):
    """A renal-function band and the monograph's guidance for it, verbatim."""

    label: str
    low: float | None  # CrCl mL/min, inclusive
    high: float | None  # exclusive, unless high_inclusive
    high_inclusive: bool
    text: str  # guidance as written
    line: int
    action: str  # none | caution | reduce | dose | not-recommended | avoid | contraindicated | unread
    reduce_percent: float | None = None
    maintenance_daily: Amount | None = None
    max_daily: Amount | None = None
    kind: str = "crcl"  # crcl | esrd
    low_inclusive: bool = True  # False for "CrCl >50": 50 itself belongs to the band below
    scale: Amount | None = None  # "reduce the (total daily) dose by 50%": every step is scaled
    initial_daily: Amount | None = None  # "5 mg once daily as the initial dose": the first step only
    initial_dose: Amount | None = None
    initial_times: Amount | None = None

    def contains(self, crcl: float) -> bool:
        if self.low is not None and (crcl < self.low or (crcl == self.low and not self.low_inclusive)):
            return False
        if self.high is not None and (crcl > self.high or (crcl == self.high and not self.high_inclusive)):
            return False
        return True

    @property
    def recommended(self) -> bool:
        return self.action not in ("not-recommended", "avoid", "contraindicated")


class Dosing(NamedTuple):
    """What the dosing parser read from a monograph, and what it could not read."""

    drug: str
    file: str
    indication: str | None
    steps: tuple[DoseStep, ...]
    maintenance: DoseStep | None
    max_daily_dose: Amount | None
    unit: str | None
    bands: tuple[RenalBand, ...]
    adults_section: str | None
    renal_section: str | None
    hepatic_text: str | None
    elderly_text: str | None
    problems: tuple[Note, ...]

    @property
    def has_schedule(self) -> bool:
        return bool(self.steps) or self.maintenance is not None


class Plan(NamedTuple):
    """A schedule applied to a patient: the band that applies and the adjusted doses."""

    dosing: Dosing
    crcl_ml_min: float | None
    crcl_source: str | None  # given | cockcroft-gault
    band: RenalBand | None
    recommended: bool
    steps: tuple[DoseStep, ...]
    maintenance_daily_dose: Amount | None
    max_daily_dose: Amount | None
    warnings: tuple[str, ...]
    start: dt.date | None = None


# ------------------------------------------------------------------ numbers

def _num(value: str) -> float:
    return float(value)


def _amount(low: str, high: str | None) -> Amount:
    return (_num(low), _num(high)) if high else _num(low)


def _unit(raw: str) -> str:
    raw = raw.lower()
    return "mcg" if raw in ("mcg", "microgram", "micrograms", "µg") else raw


def _times(text: str) -> Amount | None:
    for pattern, count in _FREQUENCIES:
        match = pattern.search(text)
        if match:
            if count is None:
                groups = [int(g) for g in match.groups() if g]
                return (float(groups[0]), float(groups[1])) if len(groups) == 2 else float(groups[0])
            return float(count)
    return None


_MG_PER = {"g": 1000.0, "mg": 1.0, "mcg": 0.001}


def convert(value: Amount | None, unit_from: str, unit_to: str) -> Amount | None:
    """An amount in another mass unit (g, mg, mcg)."""
    if value is None or unit_from == unit_to:
        return value
    return multiply(value, _MG_PER[unit_from] / _MG_PER[unit_to])


def multiply(a: Amount, b: Amount) -> Amount:
    lo_a, hi_a = (a, a) if not isinstance(a, tuple) else a
    lo_b, hi_b = (b, b) if not isinstance(b, tuple) else b
    lo, hi = lo_a * lo_b, hi_a * hi_b
    return lo if lo == hi else (lo, hi)


def upper(a: Amount | None) -> float | None:
    return None if a is None else (a[1] if isinstance(a, tuple) else a)


def lower(a: Amount | None) -> float | None:
    return None if a is None else (a[0] if isinstance(a, tuple) else a)


def read_dose(text: str) -> tuple[Amount | None, str | None, Amount | None, Amount | None]:
    """(dose per administration, unit, times per day, daily dose) from a dosing phrase."""
    plain = strip_bold(text)
    daily = _DAILY.search(plain)
    times = _times(plain)
    if daily:
        total = _amount(daily.group(1), daily.group(2))
        unit = _unit(daily.group(3))
        # a per-dose figure in parentheses, e.g. "200 mg per day (100 mg twice daily)"
        dose = None
        rest = plain[daily.end():]
        inner = _DOSE.search(rest)
        inner_times = _times(rest)
        if inner and inner_times and rest.lstrip().startswith("("):
            dose = _amount(inner.group(1), inner.group(2))
            times = inner_times
        elif times is not None and not isinstance(times, tuple) and times == 1 and "per day" in plain[daily.start():daily.end()].lower():
            times = None  # "per day" alone says nothing about how often
        return dose, unit, times, total
    match = _DOSE.search(plain)
    if not match:
        return None, None, None, None
    dose = _amount(match.group(1), match.group(2))
    unit = _unit(match.group(3))
    if times is None:
        return dose, unit, None, None
    return dose, unit, times, multiply(dose, times)


# ------------------------------------------------------------------ steps

def _step_kind(label: str):
    for pattern, kind in _STEP_LABELS:
        match = pattern.match(label.strip())
        if match:
            return kind, match.groups()
    return None, ()


def _parse_steps(bullets: tuple[Bullet, ...], problems: list[Note]):
    steps: list[DoseStep] = []
    maintenance = None
    maximum = None
    max_unit = None
    indication = None
    next_day = 1
    for bullet in bullets:
        text = strip_bold(bullet.text)
        match = _LABEL.match(text)
        if not match:
            continue
        label, body = match.group(1).strip(), match.group(2).strip()
        if label.lower() == "indication":
            indication = body.rstrip(".")
            continue
        kind, groups = _step_kind(label)
        if kind is None:
            continue
        dose, unit, times, daily = read_dose(body)
        if kind == "maximum":
            if daily is None and dose is not None and times is not None:
                daily = multiply(dose, times)
            if daily is None:
                problems.append(Note(bullet.line, "warning", f"maximum dose could not be read: {bullet.text!r}"))
                continue
            maximum, max_unit = daily, unit
            continue
        if daily is None:
            if unit is None and re.search(r"\d", body):
                problems.append(Note(bullet.line, "error", f"dose without a unit (mg, mcg, g) in step {label!r}: "
                                                           f"{bullet.text!r}"))
            else:
                what = "no dose with a unit (mg, mcg, g)" if unit is None else "no daily total or frequency"
                problems.append(Note(bullet.line, "warning",
                                     f"titration step {label!r} could not be read ({what}): {bullet.text!r}"))
            continue
        if kind == "initial":
            on_day = _ON_DAY.search(body)
            duration = _DURATION.search(body)
            start = next_day
            if on_day:
                start = int(on_day.group(1))
                end = start
            elif duration:
                count = int(_WORDS.get(duration.group(1).lower(), duration.group(1)))
                end = start + count * (7 if duration.group(2).lower().startswith("week") else 1) - 1
            else:
                end = -1  # until the next step starts
        elif kind == "day":
            start = end = int(groups[0])
        elif kind == "days":
            start, end = int(groups[0]), int(groups[1])
        elif kind == "week":
            start, end = (int(groups[0]) - 1) * 7 + 1, int(groups[0]) * 7
        elif kind == "weeks":
            start, end = (int(groups[0]) - 1) * 7 + 1, int(groups[1]) * 7
        elif kind == "after":
            start, end = int(groups[0]) + 1, None
        else:  # maintenance
            start, end = next_day, None
        if steps and steps[-1].end_day == -1 and kind != "maintenance":
            steps[-1] = steps[-1]._replace(end_day=max(steps[-1].start_day, start - 1))
        step = DoseStep(label, start, end, dose, unit, times, daily, bullet.text, bullet.line)
        if kind == "maintenance":
            maintenance = step
        else:
            steps.append(step)
        if end is not None and end != -1:
            next_day = end + 1
    if steps and steps[-1].end_day == -1:
        # an initial dose with no stated duration: it lasts until the dose is increased
        if maintenance is not None:
            steps[-1] = steps[-1]._replace(end_day=steps[-1].start_day, timing_stated=False)
            maintenance = maintenance._replace(timing_stated=False)
        else:
            steps[-1] = steps[-1]._replace(end_day=None)
    if maintenance is not None and steps and steps[-1].end_day is not None:
        maintenance = maintenance._replace(start_day=steps[-1].end_day + 1)
    if maintenance is not None and not steps:
        maintenance = maintenance._replace(start_day=1)
    if maintenance is None and steps and steps[-1].end_day is None and len(steps) > 1:
        maintenance, steps = steps[-1], steps[:-1]  # "After day 7: ..." is the maintenance dose
    return indication, tuple(steps), maintenance, maximum, max_unit


# ------------------------------------------------------------------ renal bands

_CMP = re.compile(r"(?:crcl|clcr|creatinine clearance|egfr|gfr)?\s*(?:of\s+)?(<=|>=|≤|≥|<|>|less than|greater than|"
                  r"at least|under|below|above)\s*" + _NUM, re.I)
_BETWEEN = re.compile(_NUM + r"\s*(?:-|–|to)\s*" + _NUM + r"(?!\s*%)", re.I)
_ESRD = re.compile(r"\b(?:esrd|end[- ]stage|dialysis|hemodialysis|haemodialysis|kidney failure|renal failure)\b", re.I)
_RENAL_WORD = re.compile(r"\b(?:crcl|clcr|creatinine clearance|egfr|gfr|renal|kidney|esrd|dialysis)\b", re.I)


def _band_interval(label: str):
    """(low, high, high_inclusive, kind) from a band label, or None when it names no range."""
    plain = label.replace("mL/min/1.73 m2", "").replace("mL/min/1.73 m²", "")
    match = _CMP.search(plain)
    if match and _RENAL_WORD.search(plain):
        op, value = match.group(1).lower(), float(match.group(2))
        if op in ("<", "less than", "under", "below"):
            return 0.0, value, False, "crcl"
        if op in ("<=", "≤"):
            return 0.0, value, True, "crcl"
        if op in (">", "greater than", "above"):
            return value, None, False, "crcl-open"  # strictly above
        return value, None, False, "crcl"
    match = _BETWEEN.search(plain)
    if match and _RENAL_WORD.search(plain) or (match and "ml/min" in plain.lower()):
        low, high = float(match.group(1)), float(match.group(2))
        if low <= high:
            return low, high, True, "crcl"
    if _ESRD.search(plain):
        return None, None, False, "esrd"
    return None


def _read_guidance(text: str, standard_max: Amount | None, standard_maintenance: DoseStep | None) -> dict:
    plain = strip_bold(text)
    lowered = plain.lower()
    out: dict = {"action": "unread"}
    if "contraindicated" in lowered:
        return {"action": "contraindicated"}
    if "not recommended" in lowered or "should not be used" in lowered or "do not use" in lowered:
        return {"action": "not-recommended"}
    if re.search(r"\bavoid\b", lowered):
        return {"action": "avoid"}
    if re.search(r"\bno (?:dosage |dose )?adjustment|\bno (?:dosage |dose )?(?:change|reduction)|"
                 r"adjustment is not (?:necessary|needed|required)", lowered):
        return {"action": "none"}
    reduce = re.search(r"\b(?:reduce|decrease|lower)\w*\b[^.]*?\bby\s+(\d+(?:\.\d+)?)\s*%?"
                       r"(?:\s*(?:to|-|–)\s*(\d+(?:\.\d+)?)\s*%)?", lowered)
    if reduce and "%" not in lowered[reduce.start():reduce.end()]:
        reduce = None
    sentences = re.split(r"(?<=\.)\s+", plain)
    maximum = None
    for sentence in sentences:
        s = sentence.lower()
        if re.search(r"may (?:be )?increase|up to|maximum|max\b|not to exceed|do not exceed|should not exceed", s):
            dose, unit, times, daily = read_dose(sentence)
            if daily is None and dose is not None and times is not None:
                daily = multiply(dose, times)
            if daily is not None:
                maximum = daily
    # an explicit dose, e.g. "(25 mg twice daily)" or "75-300 mg/day in 2 or 3 divided doses"
    first = sentences[0] if sentences else plain
    dose, unit, times, daily = read_dose(first)
    if daily is not None and not reduce and re.search(r"\b(?:initial|starting) dose|\bstart(?:ing)? (?:at|with)\b",
                                                      first, re.I):
        out = {"action": "initial", "initial_daily": daily, "initial_dose": dose, "initial_times": times}
        if maximum is not None and maximum != daily:
            out["max_daily"] = maximum
        return out
    if reduce:
        low = float(reduce.group(1))
        high = float(reduce.group(2)) if reduce.group(2) else low
        # "by 25% to 50%": the adjusted dose is a range, 50-75% of the standard dose
        factor: Amount = (1 - high / 100, 1 - low / 100) if high != low else 1 - low / 100
        out = {"action": "reduce", "reduce_percent": low if high == low else high}
        if "maintenance" not in lowered[reduce.start():reduce.end()] and daily is None:
            out["scale"] = factor  # the whole dose, every step
        if daily is not None:
            out["maintenance_daily"] = daily
        elif standard_maintenance is not None:
            out["maintenance_daily"] = multiply(standard_maintenance.daily_dose, factor)
        if maximum is not None:
            out["max_daily"] = maximum
        elif standard_max is not None:
            out["max_daily"] = multiply(standard_max, factor)
        return out
    if daily is not None and not re.search(r"may (?:be )?increase|^\s*maximum|not to exceed|do not exceed", first.lower()):
        out = {"action": "dose", "maintenance_daily": daily,
               "max_daily": maximum if maximum is not None else (upper(daily) if isinstance(daily, tuple) else daily)}
        return out
    if maximum is not None:
        return {"action": "dose", "max_daily": maximum}
    if re.search(r"\bcaution|\bmonitor|\bcarefully\b", lowered):
        return {"action": "caution"}
    return out


def _renal_bullets(dosage: Section | None, monograph: Monograph) -> tuple[str | None, list[Bullet], Bullet | None]:
    """(section path, band bullets, the renal bullet itself) from the dosage section."""
    search_in = list(dosage.walk()) if dosage is not None else list(monograph.walk())
    for section in search_in:
        for bullet in section.bullets:
            label = _LABEL.match(strip_bold(bullet.text))
            head = label.group(1) if label else strip_bold(bullet.text)
            if re.search(r"renal|kidney", head, re.I) and re.search(r"impair|function|disease|dysfunction|insufficien",
                                                                     head, re.I):
                return " › ".join(section.path + (squash_spaces(head),)), list(bullet.children), bullet
        if re.search(r"renal|kidney", section.title, re.I) and section is not dosage:
            return " › ".join(section.path), list(section.bullets), None
    return None, [], None


def _parse_bands(bullets: list[Bullet], head: Bullet | None, standard_max, maintenance, problems: list[Note]):
    bands: list[RenalBand] = []
    if head is not None and not bullets:
        label = _LABEL.match(strip_bold(head.text))
        body = label.group(2) if label else ""
        if body:
            guidance = _read_guidance(body, standard_max, maintenance)
            # one sentence for all renal impairment applies to every CrCl only when it names no degree
            # or threshold ("avoid in severe impairment" must not be applied to mild impairment)
            qualified = re.search(r"\d|mild|moderate|severe|end[- ]stage|esrd|dialysis|failure", body, re.I)
            if guidance["action"] == "none" or (guidance["action"] != "unread" and not qualified):
                bands.append(RenalBand("All degrees of renal impairment", 0.0, None, False, body, head.line, **guidance))
            else:
                problems.append(Note(head.line, "warning", "renal guidance without CrCl bands is shown as text "
                                                           f"only: {body[:80]!r}"))
        return bands
    for bullet in bullets:
        text = bullet.text
        match = _LABEL.match(strip_bold(text)) if ":" in text else None
        if not match:
            problems.append(Note(bullet.line, "warning", f"renal band has no `label: guidance` shape: {text!r}"))
            continue
        label, body = match.group(1).strip(), match.group(2).strip()
        interval = _band_interval(label)
        if interval is None:
            problems.append(Note(bullet.line, "warning", f"renal band {label!r} names no CrCl range"))
            continue
        low, high, high_inclusive, kind = interval
        guidance = _read_guidance(body, standard_max, maintenance)
        if guidance["action"] == "unread":
            problems.append(Note(bullet.line, "warning", f"renal guidance for {label!r} could not be read into a "
                                                         f"dose or verdict; it is shown as text"))
        bands.append(RenalBand(label, low, high, high_inclusive, body, bullet.line,
                               kind="esrd" if kind == "esrd" else "crcl", low_inclusive=kind != "crcl-open",
                               **guidance))
    return _make_contiguous(bands, problems)


def _make_contiguous(bands: list[RenalBand], problems: list[Note]) -> list[RenalBand]:
    """Read integer bands as contiguous intervals: `5-29` and `30-49` are [5, 30) and [30, 50)."""
    numeric = sorted((b for b in bands if b.kind == "crcl"), key=lambda b: (b.low or 0.0))
    out: list[RenalBand] = []
    for i, band in enumerate(numeric):
        nxt = numeric[i + 1] if i + 1 < len(numeric) else None
        if nxt is not None and band.high is not None and nxt.low is not None:
            if band.high_inclusive and 0 < nxt.low - band.high <= 1:
                band = band._replace(high=nxt.low, high_inclusive=False)
            elif band.high > nxt.low or (band.high == nxt.low and band.high_inclusive and nxt.low_inclusive):
                problems.append(Note(nxt.line, "error", f"renal bands overlap: {band.label!r} and {nxt.label!r}"))
            elif band.high < nxt.low:
                problems.append(Note(nxt.line, "warning", f"renal bands leave a gap between {band.high:g} and "
                                                          f"{nxt.low:g} mL/min"))
        out.append(band)
    esrd = [b for b in bands if b.kind == "esrd"]
    lowest = min((b.low for b in out if b.low is not None), default=None)
    for band in esrd:
        if lowest is not None and lowest > 0:
            out.insert(0, band._replace(low=0.0, high=lowest, high_inclusive=False))
        else:
            out.append(band._replace(low=None, high=None))  # shown as a note below 15 mL/min
    return out


# ------------------------------------------------------------------ entry points

def read_dosing(monograph: Monograph) -> Dosing:
    """Everything `titrate` needs from a monograph; what cannot be read goes to `problems`."""
    problems: list[Note] = []
    dosage = find_section(monograph.sections, "dosage")
    adults = None
    if dosage is not None:
        for section in dosage.walk():
            if "adult" in section.title.casefold():
                adults = section
                break
    indication = steps = maintenance = maximum = max_unit = None
    if adults is not None:
        indication, steps, maintenance, maximum, max_unit = _parse_steps(adults.bullets, problems)
    steps = steps or ()
    unit = (maintenance.unit if maintenance else None) or (steps[0].unit if steps else None) or max_unit
    if unit and max_unit and max_unit != unit:
        maximum = convert(maximum, max_unit, unit)
    mixed = {s.unit for s in steps + ((maintenance,) if maintenance else ())} - {unit}
    if mixed:
        steps = tuple(s._replace(dose=convert(s.dose, s.unit, unit), daily_dose=convert(s.daily_dose, s.unit, unit),
                              unit=unit) for s in steps)
        if maintenance is not None:
            maintenance = maintenance._replace(dose=convert(maintenance.dose, maintenance.unit, unit),
                                  daily_dose=convert(maintenance.daily_dose, maintenance.unit, unit), unit=unit)
    renal_path, band_bullets, head = _renal_bullets(dosage, monograph)
    bands = tuple(_parse_bands(band_bullets, head, maximum, maintenance, problems))
    hepatic = _labelled_text(dosage, "hepatic")
    elderly = _labelled_text(dosage, "elderly") or _labelled_text(dosage, "geriatric")
    return Dosing(monograph.name, monograph.file, indication, steps, maintenance, maximum, unit, bands,
                  " › ".join(adults.path) if adults is not None else None, renal_path, hepatic, elderly,
                  tuple(problems))


def _labelled_text(dosage: Section | None, word: str) -> str | None:
    if dosage is None:
        return None
    for section in dosage.walk():
        for bullet in section.bullets:
            if word in strip_bold(bullet.text).split(":")[0].lower():
                parts = [strip_bold(bullet.text)] + [strip_bold(c.text) for c in bullet.children]
                return " ".join(p for p in parts if p)
    return None


def find_band(bands: tuple[RenalBand, ...], crcl: float) -> RenalBand | None:
    """The band for a CrCl; where bands overlap, the more impaired (lower) one, the conservative choice."""
    hits = [b for b in bands if b.low is not None and b.contains(crcl)]
    if hits:
        return min(hits, key=lambda b: (b.low or 0.0))
    return None


def plan(dosing: Dosing, crcl_ml_min: float | None = None, crcl_source: str | None = None,
         start: dt.date | None = None) -> Plan:
    """Apply the renal band for `crcl_ml_min` (if given) to the standard schedule."""
    warnings: list[str] = []
    steps = dosing.steps + ((dosing.maintenance,) if dosing.maintenance else ())
    if any(not step.timing_stated for step in steps):
        warnings.append("the monograph does not say how long the initial dose lasts before the increase; "
                        "the day numbers after it are not stated")
    maintenance = dosing.maintenance.daily_dose if dosing.maintenance else None
    maximum = dosing.max_daily_dose
    if crcl_ml_min is None:
        warnings.append("renal function was not considered: give --crcl, or --age --weight --scr --sex")
        return Plan(dosing, None, None, None, True, steps, maintenance, maximum, tuple(warnings), start)
    if not dosing.bands:
        warnings.append(f"{dosing.drug}'s monograph gives no renal dosing bands; its text is the only guidance")
        return Plan(dosing, crcl_ml_min, crcl_source, None, True, steps, maintenance, maximum, tuple(warnings), start)
    band = find_band(dosing.bands, crcl_ml_min)
    numeric = [b for b in dosing.bands if b.low is not None]
    top = max((b.high for b in numeric if b.high is not None), default=None)
    unbounded = any(b.high is None for b in numeric)
    for edge in sorted({e for b in numeric for e in (b.low, b.high) if e}):
        if abs(crcl_ml_min - edge) <= NEAR_EDGE_FRACTION * edge:
            warnings.append(f"CrCl {crcl_ml_min:g} mL/min is within 10% of the band edge at {edge:g} mL/min: "
                            "an estimate this close could fall in the other band")
            break
    if band is None:
        if not unbounded and top is not None and crcl_ml_min >= top:
            warnings.append(f"CrCl {crcl_ml_min:g} mL/min is above every renal band: no adjustment")
            return Plan(dosing, crcl_ml_min, crcl_source, None, True, steps, maintenance, maximum, tuple(warnings), start)
        warnings.append(f"no renal band in {dosing.drug}'s monograph covers CrCl {crcl_ml_min:g} mL/min; "
                        "read the renal section before dosing")
        return Plan(dosing, crcl_ml_min, crcl_source, None, True, steps, maintenance, maximum, tuple(warnings), start)
    if re.search(r"\b(?:e?GFR)\b", band.label, re.I):
        warnings.append(f"this band is stated as GFR/eGFR ({band.label}); the CrCl given was compared with it "
                        "as if the two were the same measure")
    for extra in dosing.bands:
        if extra.low is None and crcl_ml_min < 15:
            warnings.append(f"also: {extra.label}: {extra.text}")
    if not band.recommended:
        return Plan(dosing, crcl_ml_min, crcl_source, band, False, (), None, None, tuple(warnings), start)
    if band.action == "unread":
        warnings.append("this band's guidance could not be read into doses: the schedule below is NOT adjusted; "
                        "read the band's words")
    if band.action == "caution":
        warnings.append("the band advises caution; the standard schedule is shown unchanged")
    if band.action == "initial":
        if band.max_daily is not None:
            maximum = band.max_daily
        if steps:
            first = steps[0]
            steps = (first._replace(dose=band.initial_dose, times_per_day=band.initial_times or first.times_per_day,
                                    daily_dose=band.initial_daily, capped=True),) + steps[1:]
        warnings.append("this band sets the initial dose; later steps follow the band's words (titrate to response), "
                        "not a renal maximum")
        return Plan(dosing, crcl_ml_min, crcl_source, band, True, steps, maintenance, maximum, tuple(warnings), start)
    if band.action == "reduce" and band.scale is not None:
        steps = tuple(s._replace(daily_dose=multiply(s.daily_dose, band.scale),
                                 dose=multiply(s.dose, band.scale) if s.dose is not None else None, capped=True)
                      for s in steps)
    if band.action in ("reduce", "dose"):
        if band.maintenance_daily is not None:
            maintenance = band.maintenance_daily
        if band.max_daily is not None:
            maximum = band.max_daily
        if isinstance(band.maintenance_daily, tuple):
            warnings.append(f"this band gives a daily dose range ({fmt_amount(band.maintenance_daily)} {dosing.unit}/day); "
                            f"its starting dose is the low end")
        if upper(maintenance) is not None and upper(maximum) is not None and upper(maintenance) > upper(maximum):
            maintenance = maximum  # a band that only lowers the maximum lowers the maintenance with it
        caps = [c for c in (upper(maintenance), upper(maximum)) if c is not None]
        cap = min(caps) if caps else None
        if cap is not None:
            steps = tuple(_cap(step, cap, band) for step in steps)
    return Plan(dosing, crcl_ml_min, crcl_source, band, True, steps, maintenance, maximum, tuple(warnings), start)


def _cap(step: DoseStep, cap: float, band: RenalBand) -> DoseStep:
    is_maintenance = step.end_day is None
    if is_maintenance and band.maintenance_daily is not None:
        daily = band.maintenance_daily
        times = step.times_per_day
        dose = None
        if times is not None and not isinstance(times, tuple) and not isinstance(daily, tuple):
            dose = daily / times
        return step._replace(daily_dose=daily, dose=dose, capped=True)
    if upper(step.daily_dose) is not None and upper(step.daily_dose) > cap:
        times = step.times_per_day
        dose = cap / times if times and not isinstance(times, tuple) else None
        return step._replace(daily_dose=cap, dose=dose, capped=True)
    return step


def fmt_amount(value: Amount | None) -> str:
    """12.5, or 75-300 for a range; a dash when there is none."""
    if value is None:
        return "—"
    if isinstance(value, tuple):
        return f"{value[0]:g}-{value[1]:g}"
    return f"{value:g}"


def as_json_amount(value: Amount | None):
    if value is None:
        return None
    if isinstance(value, tuple):
        return [value[0], value[1]]
    return value


def check_crcl(value: float) -> float:
    from .errors import InvalidInput

    if not math.isfinite(value) or value < 0 or value > 250:
        raise InvalidInput(f"CrCl must be a number from 0 to 250 mL/min, not {value!r}", option="--crcl")
    return float(value)
