"""Apply a monograph's dosing to one patient: choose the regimen, the renal and hepatic bands, and compute
the schedule — or refuse, saying why and showing the monograph's words."""
from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import replace
from functools import lru_cache, partial
from typing import overload

from ..text import name_key
from .bands import NORMAL_GROUP, REMARK_GROUP
from .model import (
    NEAR_EDGE_FRACTION,
    Amount,
    Band,
    Dosing,
    Guidance,
    Patient,
    Plan,
    Regimen,
    Step,
)
from .phrases import multiply, per_administration
from .population import for_whom
from .titration import step_notes

_FORMULATION_WORDS = re.compile(r"(?i)immediate[- ]release|extended[- ]release|delayed[- ]release|controlled[- ]release|"
                                r"sustained[- ]release|modified[- ]release|gastroretentive|transdermal|\bpatch|"
                                r"\b(?:ir|er|xr|cr|xl|sr|la)\b")
NORMAL_CRCL_ML_MIN = 90.0  # at or above: normal renal function, the standard schedule applies
_FORMULATION_BRAND = re.compile(r"(?i)\b(?:er|xr|cr|xl|sr|la|cd|xt|ir|odt|patch|24 ?hr?)\b")


class _End:
    """One end of an amount: the number itself, or the low or high end of a range; None stays None."""

    def __init__(self, index: int) -> None:
        self.index = index

    @overload
    def __call__(self, value: Amount) -> float: ...
    @overload
    def __call__(self, value: None) -> None: ...
    @overload
    def __call__(self, value: Amount | None) -> float | None: ...
    def __call__(self, value: Amount | None) -> float | None:
        return None if value is None else (value[self.index] if isinstance(value, tuple) else value)


upper = _End(1)
lower = _End(0)


def fmt_amount(value: Amount | None) -> str:
    """12.5, or 75-300 for a range (at most 3 decimals); a dash when there is none."""
    if value is None:
        return "—"
    if isinstance(value, tuple):
        return f"{_fmt(value[0])}-{_fmt(value[1])}"
    return _fmt(value)


def _fmt(value: float) -> str:
    return f"{round(value, 3):g}"


def as_json_amount(value: Amount | None) -> float | list[float] | None:
    if value is None:
        return None
    if isinstance(value, tuple):
        return [value[0], value[1]]
    return value


# ---------------------------------------------------------------- choosing a regimen

@lru_cache(maxsize=1024)
def _word_tuple(value: str) -> tuple[str, ...]:
    return tuple(w for w in re.split(r"[^a-z0-9]+", value.casefold()) if w)


def _words(value: str) -> list[str]:
    return list(_word_tuple(value))


_SUFFIXES = {"er", "xr", "cr", "xl", "sr", "la", "cd", "xt", "odt", "ir", "hd"}


def _names_brand(heading: str, brand: str) -> bool:
    """The brand's words appear together in the heading, not followed by a formulation suffix (Testbrand vs
    Testbrand XR)."""
    words, wanted = _words(heading), _words(brand)
    for index in range(len(words) - len(wanted) + 1):
        if words[index:index + len(wanted)] == wanted:
            after = words[index + len(wanted)] if index + len(wanted) < len(words) else None
            if after not in _SUFFIXES:
                return True
    return False


def choose_regimen(dosing: Dosing, indication: str | None, typed: str | None) -> tuple[Regimen | None, str | None]:
    """(regimen, None) or (None, why it cannot choose)."""
    regimens = list(dosing.regimens)
    if not regimens:
        return None, "the monograph has no adult regimen this tool can read"
    named = [r for r in regimens if r.name]
    if typed and name_key(typed) != name_key(dosing.drug):
        brand = next((b for b in dosing.brands if name_key(b) == name_key(typed)), None)
        if brand is not None:
            hits = [r for r in regimens if r.name and _names_brand(r.name, brand)]
            if len(hits) == 1 and indication is None:
                return hits[0], None
            if hits:
                regimens = hits
            else:
                brand_tied = any(_names_brand(r.name or "", b) for r in named for b in dosing.brands) or any(
                    _FORMULATION_WORDS.search(r.name or "") for r in named)
                if brand_tied or _FORMULATION_BRAND.search(brand):
                    return None, (f"{brand} is a formulation whose regimen this monograph does not give as its own; "
                                  "the regimens it gives are for other products")
    if indication is not None:
        query = _words(indication)
        if not query:
            return None, "empty --indication"
        exact = [r for r in regimens if r.name and _words(r.name) == query]
        if len(exact) == 1:
            return exact[0], None
        # the heading's indication exactly, its formulation in parentheses left out: "Bipolar I disorder, manic
        # episodes" is "Bipolar I disorder, manic episodes (immediate-release: Seroquel)", not "… manic or mixed …"
        stems = [r for r in regimens if r.name and _words(re.sub(r"\s*\([^()]*\)\s*$", "", r.name)) == query]
        if len(stems) == 1:
            return stems[0], None
        hits = [r for r in regimens if r.name and all(any(w.startswith(q) for w in _words(r.name)) for q in query)]
        if len(hits) == 1:
            return hits[0], None
        if not hits:  # "--indication GERD" for "Gastroesophageal reflux disease": the abbreviation spelled out
            spelled = [r for r in regimens if r.name and _words(_spell_out(indication, r.name)) != query and all(
                any(w.startswith(q) for w in _words(r.name)) for q in _words(_spell_out(indication, r.name)))]
            if len(spelled) == 1:
                return spelled[0], None
        if not hits and len(regimens) == 1 and regimens[0].name is None:
            return None, f"the monograph gives one regimen, not one named {indication!r}"
        return None, (f"--indication {indication!r} matches {'no' if not hits else 'more than one'} regimen; "
                      "choose one of those listed")
    if len(regimens) > 1:
        return None, "the monograph gives several adult regimens: choose one with --indication"
    return regimens[0], None


# ---------------------------------------------------------------- bands

def _edge_warning(bands: tuple[Band, ...], crcl: float) -> str | None:
    for edge in sorted({e for b in bands for e in (b.low, b.high) if e}):
        if abs(crcl - edge) <= NEAR_EDGE_FRACTION * edge:
            return (f"CrCl {crcl:g} mL/min is within 10% of the band edge at {edge:g} mL/min: an estimate this close "
                    "could fall in the other band")
    return None


def find_band(dosing: Dosing, regimen: Regimen, patient: Patient) -> tuple[Band | None, str | None, list[str]]:
    """(band, None, warnings) — or (None, why refused, warnings); (None, None, …) means no adjustment applies."""
    band, why, warnings, _ = _find_band(dosing, regimen, patient)
    return band, why, warnings


def _regimen_bands(dosing: Dosing, regimen: Regimen) -> tuple[tuple[Band, ...], str | None]:
    """The renal bands stated for this regimen (its own, or the monograph's group that names it), or why not."""
    bands = regimen.bands or dosing.bands
    remark = next((b.group for b in bands if b.group and b.group.startswith(REMARK_GROUP)), None)
    if remark is not None:
        return bands, (f"the renal heading says something this tool does not read beside its bands "
                       f"(\"{remark[len(REMARK_GROUP):]}\"); read the monograph's words")
    if any(b.group and b.group.startswith(NORMAL_GROUP) for b in bands):
        keyed = {b.group for b in bands if b.group and b.group.startswith(NORMAL_GROUP)}
        matching = [g for g in sorted(keyed) if _is_normal_regimen(g[len(NORMAL_GROUP):], regimen)]
        if len(matching) != 1:
            return bands, ("the monograph's renal table is keyed to the normal-function regimen, and " +
                           ("none" if not matching else "more than one") + " of its regimens is this one")
        return tuple(b for b in bands if b.group in (None, matching[0])), None
    if any(b.group for b in bands):
        groups = {b.group for b in bands if b.group}
        matching = _best_groups(groups, regimen.name, len(dosing.regimens))
        if len(matching) != 1:
            return bands, ("the monograph states renal dosing per indication, and " +
                           ("none" if not matching else "more than one") + " of its groups matches this regimen")
        bands = tuple(b for b in bands if b.group in (None, matching[0]))
    return bands, None


def _is_normal_regimen(words: str, regimen: Regimen) -> bool:
    """The regimen is the one a renal table names by its normal-function dose ("400 mg every 12 hours"): every step it
    reads gives that amount per dose, as often as the words say — or, where the words alone give no count ("every 4
    hours" for "every 4 hours, 5 times daily"), with the same words in the step's own."""
    from .phrases import DoseFact, normalize, read_text

    plain = normalize(words)
    match = re.fullmatch(r"(\d+(?:\.\d+)?) (mg|mcg|g) ((?:every|once|twice|three|four|\d) [a-z0-9 ]+)", plain)
    steps = [s for s in regimen.steps if not s.unread]
    alone = re.fullmatch(r"(\d+(?:\.\d+)?) (mg|mcg|g)", plain)
    if alone is not None:  # a table column named by the dose alone ("Usual Dose (0.5 mg)"): every step gives that dose
        return bool(steps) and all(s.dose == float(alone.group(1)) and s.unit == alone.group(2) for s in steps)
    if match is None or not steps:
        return False
    amount, unit, how_often = float(match.group(1)), match.group(2), match.group(3)
    reading = read_text(plain)
    facts = [f for f in reading.facts if isinstance(f, DoseFact)]
    times = facts[0].times if reading.complete and len(facts) == 1 == len(reading.facts) else None
    return all(s.dose == amount and s.unit == unit and (
        (times is not None and s.times_per_day == times) or
        re.search(rf"\b{re.escape(plain)}\b", normalize(s.text).replace(" orally", "")) is not None and
        how_often.startswith("every")) for s in steps)


def _check_condition(dosing: Dosing, regimen: Regimen, patient: Patient, band: Band | None,
                     warnings: list[str]) -> str | None:
    """A schedule stated for a CrCl range ("150 mg twice daily (CrCl >30 mL/min)") stands only when a renal band
    states the same range; a patient outside it needs a band that gives its own dose or verdict. Why not, or None."""
    from .bands import is_interval, read_interval

    conditions = {s.crcl_condition for s in regimen.steps if s.crcl_condition and not s.unread}
    if not conditions:
        return None
    if len(conditions) > 1:
        return "the schedule's steps are stated for different CrCl ranges"
    condition = conditions.pop()
    interval = read_interval(condition)
    condition = re.sub(r"\bcrcl\b", "CrCl", re.sub(r"\bclcr\b", "CLcr", condition)).replace("ml/min", "mL/min")
    bands, why = _regimen_bands(dosing, regimen)
    if why is not None or not is_interval(interval):
        return why or f"the schedule is stated for {condition}, a range this tool cannot read"
    low, high, low_inclusive, high_inclusive, _ = interval
    if not any(b.measure in ("crcl", "egfr") and (b.low, b.high, b.low_inclusive, b.high_inclusive) ==
               (low, high, low_inclusive, high_inclusive) for b in bands):
        return f"the schedule is stated for {condition}, and no renal band of the monograph states that range"
    if patient.crcl_ml_min is None and patient.dialysis is None:
        warnings.append(f"this schedule is for patients with {condition}: give --crcl")
        return None
    inside = patient.crcl_ml_min is not None and patient.dialysis is None and (
        (low < patient.crcl_ml_min or (low == patient.crcl_ml_min and low_inclusive)) and
        (high is None or patient.crcl_ml_min < high or (patient.crcl_ml_min == high and high_inclusive)))
    if inside:
        return None
    g = band.guidance if band is not None else None
    if g is not None and (g.action in ("not-recommended", "unread") or g.daily_dose is not None or g.proportional):
        return None  # the patient's own band gives the dose, or refuses, or says not recommended
    return f"the schedule is stated for {condition}, and this patient's renal band gives no dose of its own"


# "250 mg every 48 hours. If treating uncomplicated UTI, then no dosage adjustment is required": an exception for one
# indication, after the band's dose for the others
_IF_TREATING = re.compile(r"^(?P<rest>.+?)[.;]\s+if (?:treating|used for|used to treat|for) (?P<what>[\w ,'()-]+?),? "
                          r"(?:then )?no (?:dose |dosage )?adjustment is (?:required|necessary|needed)\.?$", re.I)


def _if_treating(band: Band, regimen: Regimen) -> Band:
    """The band as it stands for this regimen, when its words end in an exception for one indication: no adjustment
    for the regimen the exception names (every word of it, abbreviations spelled out from the regimen's name); the
    band's own dose for a regimen that names the same condition without the exception's qualifier ("complicated
    urinary tract infection" beside "uncomplicated UTI"). Any other regimen keeps the band unread."""
    match = _IF_TREATING.fullmatch(band.text.strip()) if band.guidance.action == "unread" else None
    if match is None or not regimen.name:
        return band
    from .bands import read_guidance

    name = _word_tuple(re.sub(r"\s*\([^()]*\)\s*$", "", regimen.name))
    what = _word_tuple(_spell_out(match.group("what"), regimen.name))
    if not what:
        return band
    if all(word in name for word in what):
        return replace(band, guidance=Guidance("none"))
    qualifier = [word for word in what if word not in name]
    rest = read_guidance(match.group("rest"))
    head = tuple(word for word in what if word not in qualifier)
    starts = [i for i in range(1, len(name) - len(head) + 1) if name[i:i + len(head)] == head]
    # the regimen's own qualifier stands where the exception's does ("complicated" for "uncomplicated"): a regimen
    # named by the condition alone may include the exception's patients, and keeps the band unread
    if len(qualifier) == 1 and len(head) >= 2 and what[0] == qualifier[0] and len(starts) == 1 and \
            name[starts[0] - 1] != qualifier[0] and rest.action != "unread":
        return replace(band, guidance=rest)
    return band


def _find_band(dosing: Dosing, regimen: Regimen,
               patient: Patient) -> tuple[Band | None, str | None, list[str], tuple[Band, ...]]:
    """find_band, and the bands it looked at (this regimen's)."""
    bands = regimen.bands or dosing.bands
    warnings: list[str] = []
    if patient.crcl_ml_min is None and patient.dialysis is None:
        return None, None, warnings, bands
    bands, why = _regimen_bands(dosing, regimen)
    if why is not None:
        return None, why, warnings, bands
    bands, ambiguous, gaps = _resolved(bands)
    for band in bands:
        if band.measure == "conditional":
            warnings.append(f"not assessed (depends on what else the patient takes): {band.label}: {band.text}")
        if band.measure == "pediatric":
            warnings.append(f"not applied (stated for children, not adults): {band.label}: {band.text}")
        if band.measure == "option":
            words = band.label if band.text in ("", band.label) else f"{band.label}: {band.text}"
            warnings.append(f"not applied (words beside the renal bands, left to the prescriber): {words}")
    if patient.dialysis is not None:
        hits = [b for b in bands if patient.dialysis in b.dialysis and b.measure != "esrd"]
        if not hits:
            hits = [b for b in bands if b.measure == "esrd"]
        if len(hits) != 1:
            return None, (f"the monograph gives {'no' if not hits else 'more than one'} band for patients on "
                          f"{_DIALYSIS_WORDS[patient.dialysis]}"), warnings, bands
        end_stage = [b for b in bands if b.measure == "esrd"]
        g = hits[0].guidance
        if g.action == "unread" and g.notes and not g.unread and len(end_stage) == 1 and hits[0] is not end_stage[0]:
            # "Hemodialysis: … removed by hemodialysis. Following a 4-hour hemodialysis treatment, dosage
            # supplementation of up to 50% should be considered" beside "End-stage renal disease: a reduction of 25%
            # of the maximum dosage": the end-stage dose, with the dialysis words beside it
            for note in g.notes:
                warnings.append(f"also stated for patients on {_DIALYSIS_WORDS[patient.dialysis]} (not counted in the "
                                f"daily doses or the maximum): {note}")
            return end_stage[0], None, warnings, bands
        return hits[0], None, warnings, bands
    crcl = patient.crcl_ml_min
    if crcl is None:
        return None, None, warnings, bands
    if not bands:
        warnings.append(f"{dosing.drug}'s monograph says nothing about renal impairment: the standard schedule is shown")
        return None, None, warnings, bands
    if any(b.measure == "unread" for b in bands):
        return None, "the renal text has bands whose CrCl range this tool cannot read", warnings, bands
    numeric = tuple(b for b in bands if b.measure in ("crcl", "egfr"))
    if not numeric:
        return None, ("the monograph's renal bands are for dialysis or ESRD only; say --dialysis hd|pd|crrt for a "
                      "patient on dialysis"), warnings, bands
    covering = [b for b in numeric if b.contains(crcl)]
    if len(covering) > 1 and all(b.guidance.action in ("none", "caution") for b in covering):
        # nested bands that change no dose ("CrCl <60: monitor renal function", "CrCl <30: … discontinue if acute
        # renal failure develops"): whichever applies, the dose stands — every band's words are shown beside it
        for b in covering:
            warnings.append(f"this patient is in more than one renal band, none of which changes the dose: "
                            f"{b.label}: {b.text}")
        cautious = [b for b in covering if b.guidance.action == "caution"]
        return (cautious or covering)[0], None, warnings, bands
    nested = _maximum_with_longer_interval(covering)
    if nested is not None:
        outer, inner = nested
        warnings.append(f"this patient is also in the renal band {inner.label!r}, which says only: {inner.text} "
                        f"(no interval is stated; the maximum of {outer.label!r} still applies)")
        return outer, None, warnings, bands
    for low, high in ambiguous:
        # inside two bands; at an edge one of them leaves out ("less than 3" at 3), the other band alone applies
        if low <= crcl <= high and sum(b.contains(crcl) for b in numeric) != 1:
            return None, f"the renal bands overlap at CrCl {crcl:g} mL/min", warnings, bands
    for low, high in gaps:
        if low <= crcl <= high:
            return None, f"no renal band covers CrCl {crcl:g} mL/min (the bands leave a gap there)", warnings, bands
    edge = _edge_warning(numeric, crcl)
    if edge:
        warnings.append(edge)
    hits = [b for b in numeric if b.contains(crcl)]
    if len(hits) > 1:
        return None, f"more than one renal band covers CrCl {crcl:g} mL/min", warnings, bands
    if hits:
        band = hits[0]
        if band.measure == "egfr":
            warnings.append(f"this band is stated as eGFR ({band.label}); the CrCl given was compared with it as if "
                            "the two were the same measure")
        return band, None, warnings, bands
    top = max((b.high for b in numeric if b.high is not None), default=None)
    if all(b.high is not None for b in numeric) and top is not None and crcl >= top:
        top_band = max(numeric, key=lambda b: b.high or 0.0)
        if top_band.guidance.action in ("none", "caution") or crcl >= NORMAL_CRCL_ML_MIN:
            warnings.append(f"CrCl {crcl:g} mL/min is above every renal band: no adjustment")
            return None, None, warnings, bands
        return None, (f"the monograph's renal bands end at {top:g} mL/min and do not say what applies between there "
                      f"and normal function ({NORMAL_CRCL_ML_MIN:g} mL/min)"), warnings, bands
    extra = ""
    if any(b.measure in ("dialysis", "esrd") for b in bands):
        extra = "; for a patient on dialysis give --dialysis hd|pd|crrt"
    return None, f"no renal band in the monograph covers CrCl {crcl:g} mL/min{extra}", warnings, bands


_LONGER_INTERVAL = re.compile(r"the (?:dosing |dose |dosage )?interval(?: between doses)? (?:may|might|can) (?:also )?"
                             r"(?:need to )?be (?:lengthened|extended|prolonged|increased)")


def _maximum_with_longer_interval(covering: list[Band]) -> tuple[Band, Band] | None:
    """Two nested bands: the outer states only a maximum daily dosage ("less than 10: should not exceed 100 mg"),
    the inner only that the interval may also be lengthened ("less than 3: the interval between doses may also need
    to be lengthened"). A longer interval only lowers the daily dose, so the outer maximum still bounds it; any other
    inner words (a dose, a lower maximum, anything unread) leave the patient refused."""
    if len(covering) != 2:
        return None
    outer, inner = sorted(covering, key=lambda b: (b.high is not None, -(b.high or 0.0), b.low or 0.0))
    if outer.high is not None and (inner.high is None or inner.high > outer.high):
        return None
    if (inner.low or 0.0) < (outer.low or 0.0):
        return None
    o, i = outer.guidance, inner.guidance
    only_maximum = o.action == "adjust" and o.max_daily_dose is not None and not o.unread and all(
        value is None for value in (o.daily_dose, o.times_per_day, o.dose, o.initial_daily_dose, o.initial_dose,
                                    o.initial_times, o.initial_scale, o.scale, o.interval_times, o.max_times_per_day))
    only_interval = i.action == "unread" and not i.notes and bool(i.unread) and all(
        _LONGER_INTERVAL.fullmatch(words.strip().rstrip(".")) for words in i.unread)
    return (outer, inner) if only_maximum and only_interval else None


def _resolved(bands: tuple[Band, ...]) -> tuple[tuple[Band, ...], tuple[tuple[float, float], ...],
                                              tuple[tuple[float, float], ...]]:
    from .bands import resolve

    numeric = [b for b in bands if b.measure in ("crcl", "egfr")]
    others = [b for b in bands if b.measure not in ("crcl", "egfr")]
    resolved, ambiguous, gaps = resolve(numeric, [])
    return tuple(resolved) + tuple(others), ambiguous, gaps


_GROUP_STOP = {"of", "and", "the", "in", "for", "with", "to", "a", "risk", "reduction", "treatment", "tablets", "tablet",
               "oral", "solution", "capsules", "all", "indications", "patients"}


# abbreviations labels use for the same indication in a heading and in a renal group ("Treatment of DVT and PE")
_ABBREVIATIONS = {"dvt": ("deep", "vein", "thrombosis"), "pe": ("pulmonary", "embolism"), "af": ("atrial", "fibrillation"),
                  "mi": ("myocardial", "infarction"), "uti": ("urinary", "tract", "infection")}


_NUMBER = r"(\d+(?:\.\d+)?)"
_UNIT = r"((?:\s*(?:kg|years?|mL/min))?)"
# a bound written as a sign or in words ("≤9 recurrences/year", "9 or fewer recurrences/year"): one token for
# both spellings, never the bare number, so "≤30 kg" and "≥30 kg" stay different groups
_BOUNDS = ((re.compile(rf"(?:≤|<=|=<|\bno more than|\bat most)\s*{_NUMBER}{_UNIT}"), "atmost"),
           (re.compile(rf"\b{_NUMBER}{_UNIT}\s+or\s+(?:fewer|less)\b"), "atmost"),
           (re.compile(rf"(?:≥|>=|=>|\bat least|\bno fewer than|\bno less than)\s*{_NUMBER}{_UNIT}"), "atleast"),
           (re.compile(rf"\b{_NUMBER}{_UNIT}\s+or\s+(?:more|greater)\b"), "atleast"),
           (re.compile(rf"(?:<|\bfewer than|\bless than)\s*{_NUMBER}{_UNIT}"), "under"),
           (re.compile(rf"(?:>|\bmore than|\bgreater than)\s*{_NUMBER}{_UNIT}"), "over"))


def _bound_token(match: re.Match[str], kind: str) -> str:
    unit = re.sub(r"[^a-z]", "", match.group(2).casefold()).rstrip("s")
    return f" {kind}{match.group(1).replace('.', 'p')}{unit}bound "


def _group_words(text: str) -> list[str]:
    for pattern, kind in _BOUNDS:
        text = pattern.sub(partial(_bound_token, kind=kind), text)
    words: list[str] = []
    for word in _words(text):
        words.extend(_ABBREVIATIONS.get(word, (word,)))
    return [w for w in words if w not in _GROUP_STOP]


_RELEASE = r"(?:immediate|extended|delayed|controlled|sustained|modified)[- ]release"
_FORM_ITEM = re.compile(rf"^(?:{_RELEASE} )?(?:tablets?|capsules?|oral solution|oral suspension|orally disintegrating "
                        r"tablets?|injection|patch(?:es)?)$")


def _formulation_list(group: str) -> list[str] | None:
    """The items of a group that only lists formulations, or None."""
    items = [i.strip() for i in re.split(r",|\band\b|\bor\b", group.casefold()) if i.strip()]
    return items if items and all(_FORM_ITEM.match(i) for i in items) else None


def _names_formulation(items: list[str], regimen_name: str) -> bool:
    """The regimen's heading names one of the listed formulations; a form without a release word ("tablets") is
    the immediate-release one, never an extended-release regimen's."""
    name = regimen_name.casefold().replace("-", " ")
    released = re.findall(_RELEASE.replace("[- ]", " "), name)
    for item in items:
        words = item.replace("-", " ")
        if re.search(_RELEASE.replace("[- ]", " "), words):
            if words in name:
                return True
        elif re.search(rf"\b{re.escape(re.sub(r's$', '', words))}s?\b", name) and \
                all(r.startswith("immediate") for r in released):
            return True
    return False


def _best_groups(groups: set[str], regimen_name: str | None, regimen_count: int) -> list[str]:
    """The group(s) a regimen's renal dosing is stated under: all of one side's words in the other's, fewest
    extra words first."""
    if regimen_name is None:
        return sorted(groups) if regimen_count == 1 and len(groups) == 1 else []
    listed = [g for g in groups if _formulation_list(g) is not None]
    if listed:  # "(tablets, oral solution and extended-release capsules)": the formulations it names
        return sorted(g for g in listed if _names_formulation(_formulation_list(g) or [], regimen_name))
    scored = []
    for group in groups:
        name_words = _group_words(_spell_out(regimen_name, group))
        group_words = _group_words(_spell_out(group, regimen_name))
        if not group_words:
            continue
        g_in_n = all(any(n.startswith(w) or w.startswith(n) for n in name_words) for w in group_words)
        n_in_g = all(any(g.startswith(w) or w.startswith(g) for g in group_words) for w in name_words)
        if g_in_n or n_in_g:
            scored.append((abs(len(set(group_words)) - len(set(name_words))), group))
    if not scored:
        # a group that lists several indications ("Active duodenal ulcer, GERD, and benign gastric ulcer"): the
        # regimen is one of its items, and no other group's
        return sorted(g for g in groups if any(_item_matches(item, regimen_name) for item in _list_items(g)))
    best = min(score for score, _ in scored)
    return [group for score, group in scored if score == best]


def _list_items(group: str) -> list[str]:
    """The items of a list of indications: split at commas, semicolons and a final 'and'/'or'."""
    items = [i.strip() for i in re.split(r"[,;]|\s(?:and|or)\s", group) if i.strip()]
    return [re.sub(r"^(?:and|or)\s+", "", i) for i in items] if len(items) > 1 else []


def _item_matches(item: str, regimen_name: str) -> bool:
    """One item of a listed group names this regimen: the same words once abbreviations are spelled out from the
    other side (GERD = Gastroesophageal reflux disease), or all of the item's words — at least two — within the
    regimen's heading, which adds at most one word ("benign gastric ulcer" in "Active benign gastric ulcer")."""
    item_words = _group_words(_spell_out(item, regimen_name))
    name_words = _group_words(_spell_out(re.sub(r"\s*\([^()]*\)\s*$", "", regimen_name), item))
    if not item_words or not name_words:
        return False
    if set(item_words) == set(name_words):
        return True
    return len(set(item_words)) >= 2 and set(item_words) <= set(name_words) and \
        len(set(name_words) - set(item_words)) <= 1


def _spell_out(text: str, other: str) -> str:
    """`text` with each abbreviation (a word in capitals: GERD, HIV-1, CMV) replaced by the run of `other`'s words
    it abbreviates — the run of most words, when one is longest."""
    words = re.findall(r"[A-Za-z][A-Za-z']*", other)

    def expand(match: re.Match[str]) -> str:
        letters = match.group(0).casefold()
        runs = [words[i:j] for i in range(len(words)) for j in range(i + 1, len(words) + 1)
                if _abbreviates(letters, [w.casefold() for w in words[i:j]]) and (j - i >= 2 or len(letters) >= 3)]
        longest = [run for run in runs if len(run) == max(map(len, runs))] if runs else []
        return " ".join(longest[0]) if len(longest) == 1 else match.group(0)  # RLS: restless legs syndrome

    return re.sub(r"\b[A-Z]{2,}(?=\b|-)", expand, text)


def _abbreviates(letters: str, words: list[str]) -> bool:
    """The letters are, in order, each word's initial and optionally further letters from within that word
    (GERD: Gastro-Esophageal Reflux Disease; CMV: CytoMegaloVirus)."""
    if not words:
        return not letters
    if not letters or letters[0] != words[0][0]:
        return False
    first, rest = words[0], letters[1:]
    for taken in range(len(rest) + 1):
        if _subsequence(rest[:taken], first[1:]) and _abbreviates(rest[taken:], words[1:]):
            return True
    return False


def _subsequence(letters: str, word: str) -> bool:
    position = 0
    for letter in letters:
        position = word.find(letter, position) + 1
        if position == 0:
            return False
    return True


_DIALYSIS_WORDS = {"hd": "hemodialysis", "pd": "peritoneal dialysis", "crrt": "continuous renal replacement therapy"}


# ---------------------------------------------------------------- applying guidance

class _Refuse(Exception):
    pass


def _cap_step(step: Step, cap: float, cap_times: Amount | None = None) -> Step:
    """The step held to a daily maximum; when the maximum states its own frequency ("a maximum of 0.5 mg once
    daily"), a step held at the maximum takes that frequency (a range reaching it has no single frequency)."""
    if step.unread or step.daily_dose is None or upper(step.daily_dose) <= cap:
        return step
    times = step.times_per_day
    if isinstance(step.daily_dose, tuple) and step.daily_dose[0] < cap:
        daily: Amount = (step.daily_dose[0], cap)
        if cap_times is not None and cap_times != times:
            times = None
    else:
        daily = cap
        if cap_times is not None:
            times = cap_times
    return replace(step, daily_dose=daily, times_per_day=times, dose=per_administration(daily, times),
                   renal_adjusted=True)


_MASS = {"g": 1000.0, "mg": 1.0, "mcg": 0.001}


def _guidance_in(g: Guidance, unit: str | None) -> Guidance:
    """The band's amounts in the schedule's unit (g, mg and mcg convert; anything else is left as it is)."""
    if g.unit is None or unit is None or g.unit == unit or g.unit not in _MASS or unit not in _MASS:
        return g
    factor = _MASS[g.unit] / _MASS[unit]

    def conv(value: Amount | None) -> Amount | None:
        return None if value is None else multiply(value, factor)

    return replace(g, unit=unit, daily_dose=conv(g.daily_dose), dose=conv(g.dose), max_daily_dose=conv(g.max_daily_dose),
                   initial_daily_dose=conv(g.initial_daily_dose), initial_dose=conv(g.initial_dose))


def _covers_standard(daily: Amount, maximum: Amount | None, readable: list[Step]) -> bool:
    """A band dose that reaches the standard maximum (or every standard dose) and starts no higher than the first
    standard step, or one amount that is the standard maximum itself: the normal-function row."""
    top = upper(daily)
    if maximum is not None:
        reaches = top >= upper(maximum)
    else:
        reaches = all(s.daily_dose is not None and upper(s.daily_dose) <= top for s in readable)
    first = readable[0].daily_dose
    if maximum is not None and not isinstance(daily, tuple) and daily == upper(maximum) and all(
            s.daily_dose is not None and upper(s.daily_dose) <= daily for s in readable):
        return True  # "8 mg" for a schedule that starts at 4 mg and goes up to its maximum of 8 mg: no change
    return reaches and first is not None and lower(daily) <= lower(first)


def _within(inner: Amount | None, outer: Amount) -> bool:
    return inner is not None and lower(outer) <= lower(inner) <= upper(outer)


def _exact(value: Amount) -> bool:
    """Exact to 3 decimals (250 mg every 48 hours is 125 mg/day; 500 mg every 72 hours is not a number to show)."""
    return all(abs(v * 1000 - round(v * 1000)) < 1e-6 for v in (value if isinstance(value, tuple) else (value,)))


def _at_interval(g: Guidance, times: Amount, steps: tuple[Step, ...], maximum: Amount | None, unit: str | None,
                 arithmetic: list[str]) -> tuple[tuple[Step, ...], Amount | None]:
    """Each dose as the schedule gives it, at the band's frequency ("standard individual dose given every 24 hours").
    Every step must state its dose per administration and be given at least as often as the band says: a band that
    lengthens the interval never makes a dose more frequent."""
    if not steps or any(s.unread for s in steps):
        raise _Refuse("the band changes how often each dose is given, but the schedule has steps this tool cannot read")
    out = []
    for step in steps:
        if step.dose is None or step.times_per_day is None or step.daily_dose is None:
            raise _Refuse("the band changes how often each dose is given, but the schedule does not state each dose")
        if lower(step.times_per_day) < upper(times):
            raise _Refuse("the band's frequency is more often than the schedule's: it does not lengthen the interval")
        daily = multiply(step.dose, times)
        if not _exact(daily):
            raise _Refuse("the band's dose per day does not come out exact (to 3 decimals)")
        if step.times_per_day != times:
            arithmetic.append(f"{fmt_amount(step.dose)} {unit} × {fmt_amount(times)} a day = {fmt_amount(daily)} "
                              f"{unit}/day")
        out.append(replace(step, times_per_day=times, daily_dose=daily, renal_adjusted=step.times_per_day != times))
    if g.max_daily_dose is not None:
        cap = upper(g.max_daily_dose) if maximum is None else min(upper(g.max_daily_dose), upper(maximum))
        return tuple(_cap_step(s, cap) for s in out), cap
    if maximum is not None and any(s.renal_adjusted for s in out):
        raise _Refuse("the band changes how often each dose is given, and says nothing of the schedule's maximum")
    return tuple(out), maximum


def _titrated_to(g: Guidance, daily: Amount, regimen: Regimen, steps: tuple[Step, ...],
                 target: bool = False) -> tuple[Step, ...] | None:
    """"The recommended maintenance dose … is 14 mg/day" beside a schedule that titrates 7, 14, 21, 28 mg: the schedule
    up to the step that reaches the band's maintenance dose, which then goes on — the label's start and increases
    stand, and stop there. Only when every step up to that one reads, none reaches the dose before that step, and no
    optional increase follows. Unread steps after it (a "Maintenance: target 20 mg/day" bullet for normal function)
    are where this patient never goes: their words are still shown, none of their numbers is used. `target`: the
    band's dose is taken as the schedule's target though the band does not call it its maintenance dose."""
    if not (g.maintenance or target) or isinstance(daily, tuple) or regimen.options:
        return None
    for index, step in enumerate(steps):
        if step.unread or step.daily_dose is None or isinstance(step.daily_dose, tuple) or step.daily_dose > daily:
            return None
        if step.daily_dose == daily and step.start_day is not None and step.timing_stated and \
                (g.times_per_day is None or step.times_per_day == g.times_per_day):
            return steps[:index] + (replace(step, end_day=None, renal_adjusted=True),)
    return None


def _after_loading_dose(g: Guidance, daily: Amount, band: Band, unit: str | None,
                        arithmetic: list[str]) -> tuple[tuple[Step, ...], Amount | None] | None:
    """"750 mg initial dose, then 500 mg every 48 hours": one dose on day 1, the next one interval later — the first
    dose covers its own interval (every 48 hours: days 1-2, 375 mg/day averaged, never 750 mg as a day's dose), and
    the band's dose follows from the day after. Only for whole days between doses (every 24, 48, 72 … hours).

    No maximum is made up from the schedule's highest day: the label states none ("Maximum: not stated")."""
    times = g.times_per_day
    if not g.initial_once or g.initial_dose is None or g.dose is None or isinstance(daily, tuple) or \
            isinstance(g.initial_dose, tuple) or isinstance(times, tuple) or times is None or times > 1 or \
            g.max_daily_dose is not None or daily != g.daily_dose:
        return None
    days = round(1 / times)
    if abs(days * times - 1) > 1e-9:
        return None
    first_daily = g.initial_dose / days
    if not _exact(first_daily):
        return None
    if days > 1:
        arithmetic.append(f"initial dose {fmt_amount(g.initial_dose)} {unit} covers its {days * 24}-hour interval: "
                          f"{fmt_amount(g.initial_dose)} {unit} ÷ {days} days = {fmt_amount(first_daily)} {unit}/day "
                          "(averaged)")
    first = Step("initial (renal)", 1, days, g.initial_dose, unit or "", times, first_daily, band.text, band.line,
                 renal_adjusted=True)
    then = Step("renal dose", days + 1, None, g.dose, unit or "", times, daily, band.text, band.line,
                renal_adjusted=True)
    return (first, then), None


_AMOUNTS = re.compile(r"(\d+(?:\.\d+)?)\s*(?:mg|mcg|g)\b", re.I)


def _top_of_maintenance(steps: tuple[Step, ...], regimen: Regimen) -> float | None:
    """The schedule's maximum dosage where the label states none but its maintenance is a range ("Maintenance: 150
    mg to 200 mg twice daily (300 mg to 400 mg per day)"): the range's top, when the schedule ends on that range, no
    read step goes above it, no optional increase follows, and no unread step names a larger amount — what a band's
    "reduction of 25% of the maximum dosage" is taken from."""
    ongoing = [s for s in steps if not s.unread and s.end_day is None and s.daily_dose is not None]
    if not ongoing or regimen.options or ongoing[-1] is not steps[-1] or not isinstance(ongoing[-1].daily_dose, tuple):
        return None
    top = ongoing[-1].daily_dose[1]
    if any(s.daily_dose is not None and upper(s.daily_dose) > top for s in steps if not s.unread):
        return None
    if any(float(amount) > top for s in steps if s.unread for amount in _AMOUNTS.findall(s.text)):
        return None
    return top


def apply_guidance(band: Band, regimen: Regimen, bands: tuple[Band, ...], steps: tuple[Step, ...],
                   maximum: Amount | None, crcl: float | None, arithmetic: list[str],
                   warnings: list[str]) -> tuple[tuple[Step, ...], Amount | None]:
    """(steps, maximum) adjusted by a band's guidance. Raises _Refuse when it cannot be computed."""
    unit = regimen.unit or band.guidance.unit
    g = _guidance_in(band.guidance, unit)
    if g.unit is not None and unit is not None and g.unit != unit:
        raise _Refuse(f"the band's doses are in {g.unit}, the schedule's in {unit}")
    if g.initial_scale is not None:  # "one-half the usual starting dose (300 mg/day)": the two must agree
        first = steps[0] if steps and not steps[0].unread else None
        if first is None or first.daily_dose is None or g.initial_daily_dose is None or \
                multiply(first.daily_dose, g.initial_scale) != g.initial_daily_dose:
            raise _Refuse("the band's starting dose and its part of the schedule's starting dose disagree")
        arithmetic.append(f"starting dose {fmt_amount(first.daily_dose)} {unit}/day × {fmt_amount(g.initial_scale)} = "
                          f"{fmt_amount(g.initial_daily_dose)} {unit}/day")
    if g.interval_times is not None:
        if regimen.options:
            raise _Refuse("the band changes how often each dose is given, and the schedule's conditional increases "
                          "would need the same change")
        return _at_interval(g, g.interval_times, steps, maximum, unit, arithmetic)
    if g.scale is not None and g.scale_what == "maximum":  # "a reduction of 25% of the maximum dosage"
        if maximum is None:
            maximum = _top_of_maintenance(steps, regimen)
            if maximum is not None:
                arithmetic.append(f"the schedule states no maximum: its maximum dosage is the top of the maintenance "
                                  f"range, {fmt_amount(maximum)} {unit}/day")
        if maximum is None or isinstance(g.scale, tuple):
            raise _Refuse("the band reduces the maximum dose, but the schedule states no single maximum")
        cap = round(upper(maximum) * g.scale, 6)
        arithmetic.append(f"maximum {fmt_amount(maximum)} {unit}/day × {fmt_amount(g.scale)} = {fmt_amount(cap)} "
                          f"{unit}/day")
        if g.max_daily_dose is not None:
            cap = min(cap, upper(g.max_daily_dose) or cap)
        return tuple(_cap_step(s, cap) for s in steps), cap
    if any(s.unread for s in steps) and not g.proportional and (
            g.scale is not None or (g.daily_dose is None and g.max_daily_dose is None and g.initial_daily_dose is None)):
        raise _Refuse("the standard schedule has steps this tool cannot read, so it cannot be adjusted")
    if g.proportional:
        ref = next((b for b in bands if b.measure in ("crcl", "egfr") and band.high is not None and b.low is not None
                    and b.low == band.high and b.guidance.daily_dose is not None), None)
        ref_daily = ref.guidance.daily_dose if ref is not None else None
        if ref is None or ref_daily is None or crcl is None or not band.high:
            raise _Refuse("the band says to reduce in proportion to CrCl, but no band above it states the dose to "
                          "reduce from")
        factor = crcl / band.high
        product = multiply(ref_daily, round(factor, 6))
        daily: Amount = (round(product[0], 1), round(product[1], 1)) if isinstance(product, tuple) else \
            round(product, 1)
        arithmetic.append(f"{fmt_amount(ref_daily)} {unit}/day (band {ref.label}) × {crcl:g}/"
                          f"{band.high:g} = {fmt_amount(daily)} {unit}/day")
        top = upper(daily)
        if g.max_daily_dose is not None and top is not None:
            top = min(top, upper(g.max_daily_dose))
        times = ref.guidance.times_per_day
        step = Step("renal dose", 1, None, per_administration(daily, times), unit or "", times, daily, band.text,
                    band.line, renal_adjusted=True)
        return (step,), top
    if g.scale is not None:
        if g.scale_what == "maintenance":
            ongoing = [s for s in steps if s.end_day is None]
            if not ongoing or ongoing[-1].daily_dose is None:
                raise _Refuse("the band reduces the maintenance dose, but the schedule has no maintenance dose")
            new_daily = multiply(ongoing[-1].daily_dose, g.scale)
            if g.daily_dose is not None and g.daily_dose != new_daily:
                raise _Refuse("the band's reduced dose and its percentage disagree")
            arithmetic.append(f"maintenance {fmt_amount(ongoing[-1].daily_dose)} {unit}/day × {fmt_amount(g.scale)} = "
                              f"{fmt_amount(new_daily)} {unit}/day")
            cap = upper(new_daily)
            out = []
            for step in steps:
                if step is ongoing[-1]:
                    times = g.times_per_day if g.times_per_day is not None else step.times_per_day
                    out.append(replace(step, daily_dose=new_daily, times_per_day=times,
                                       dose=g.dose if g.dose is not None else per_administration(new_daily, times),
                                       renal_adjusted=True))
                else:
                    out.append(_cap_step(step, cap))
            new_max = g.max_daily_dose
            if new_max is None:
                warnings.append("the band states no maximum for this patient")
            return tuple(out), new_max
        arithmetic.append(f"every dose × {fmt_amount(g.scale)} (the band's reduction)")
        scale = g.scale
        out = [replace(s, daily_dose=multiply(s.daily_dose, scale) if s.daily_dose is not None else None,
                       dose=multiply(s.dose, g.scale) if s.dose is not None and not isinstance(g.scale, tuple) else None,
                       renal_adjusted=True) for s in steps]
        if g.daily_dose is not None and (not out or out[-1].daily_dose != g.daily_dose):
            raise _Refuse("the band's reduced dose and its percentage disagree")  # "by 50% (to 5 mg once daily)"
        scaled_max = upper(multiply(maximum, g.scale)) if maximum is not None else None
        if g.max_daily_dose is not None:
            band_cap = upper(g.max_daily_dose)
            scaled_max = band_cap if scaled_max is None else min(scaled_max, band_cap)
        return tuple(out), scaled_max
    readable = [s for s in steps if not s.unread and s.daily_dose is not None]
    if g.daily_dose is not None and g.initial_daily_dose is not None and g.max_daily_dose is None and \
            len(readable) >= 2 and len(readable) == len(steps) and readable[0].start_day == 1 and \
            readable[0].end_day == 1 and readable[0].daily_dose == g.initial_daily_dose and \
            readable[0].times_per_day in (None, g.initial_times) and \
            all(s.daily_dose == g.daily_dose and s.times_per_day in (None, g.times_per_day) for s in readable[1:]):
        # "110 mg for first day, then 220 mg once daily" beside a schedule of exactly that: the normal-function row
        return steps, maximum
    if g.daily_dose is not None and readable and g.max_daily_dose is None \
            and _covers_standard(g.daily_dose, maximum, readable) \
            and (g.times_per_day is None or readable[-1].times_per_day in (None, g.times_per_day)):
        return steps, maximum  # the band is the normal-function row: it restricts nothing
    if g.daily_dose is not None:
        # a single dose is not a maximum, nor is the top of a range that only a range of frequencies makes
        # ("100 mg every 6 to 8 hours": 300-400 mg/day, no stated maximum); a stated daily range is
        derived = g.dose is not None and not isinstance(g.dose, tuple) and isinstance(g.times_per_day, tuple)
        band_max = g.max_daily_dose if g.max_daily_dose is not None else (
            g.daily_dose[1] if isinstance(g.daily_dose, tuple) and not derived else None)
        caps = [c for c in (upper(band_max), upper(maximum)) if c is not None]
        new_max = min(caps) if caps and band_max is not None else None
        ongoing = [s for s in steps if s.end_day is None and s.daily_dose is not None]
        # the standard schedule is this patient's whole schedule only when the label offers no further increase
        standard_fits = new_max is not None and bool(steps) and not regimen.options and not any(s.unread for s in steps) and all(
            s.daily_dose is not None and upper(s.daily_dose) <= new_max for s in steps) and bool(ongoing) and \
            _within(ongoing[-1].daily_dose, g.daily_dose)
        if standard_fits and (g.times_per_day is None or ongoing[-1].times_per_day in (None, g.times_per_day)):
            return steps, new_max
        daily = g.daily_dose
        if isinstance(daily, tuple) and new_max is not None and daily[1] > new_max:
            daily = (daily[0], new_max) if daily[0] < new_max else new_max
        reached = _titrated_to(g, daily, regimen, steps)
        if reached is not None:
            return reached, new_max
        loaded = _after_loading_dose(g, daily, band, unit, arithmetic)
        if loaded is not None:
            return loaded
        first = readable[0] if readable and steps[0] is readable[0] and readable[0].start_day == 1 else None
        if g.initial_daily_dose is None and not isinstance(daily, tuple) and first is not None and \
                first.daily_dose is not None and daily > upper(first.daily_dose):
            # a renal band never starts a patient above the normal-function start: a single dose above it ("A target
            # dose of 5 mg BID" beside a weekly titration from 5 mg/day) is where the schedule goes, not where it
            # starts — the schedule's own steps up to the one that reaches it, or no schedule at all
            reached = None if g.maintenance else _titrated_to(g, daily, regimen, steps, target=True)
            if reached is not None:
                warnings.append(f"the band's dose ({fmt_amount(daily)} {unit}/day) is above where the schedule starts: "
                                "the schedule's own steps stand and stop at it")
                return reached, new_max
            raise _Refuse("the band's dose is above the schedule's starting dose, so it may be the most this patient "
                          "should reach rather than where to start")
        out = []
        if g.initial_daily_dose is not None:
            out.append(Step("initial (renal)", 1, None, g.initial_dose, unit or "", g.initial_times,
                            g.initial_daily_dose, band.text, band.line, timing_stated=False, renal_adjusted=True))
        dose = g.dose if g.dose is not None and daily == g.daily_dose else per_administration(daily, g.times_per_day)
        out.append(Step("renal dose", None if out else 1, None, dose, unit or "", g.times_per_day, daily, band.text,
                        band.line, timing_stated=not out, renal_adjusted=True))
        if isinstance(daily, tuple):
            warnings.append(f"the band gives a daily range ({fmt_amount(daily)} {unit}/day): start at the low end "
                            "and titrate within it as the label allows")
        return tuple(out), new_max
    if g.initial_daily_dose is not None:
        band_max = upper(g.max_daily_dose)
        first = readable[0] if readable else None
        if band_max is not None and maximum is not None and band_max >= upper(maximum) and first is not None \
                and first.start_day == 1 and steps[0] is first \
                and first.daily_dose == g.initial_daily_dose and first.times_per_day == g.initial_times:
            return steps, maximum  # the band is the normal-function row: same start, same or higher maximum
        new_max = min(band_max, upper(maximum) or band_max) if band_max is not None else None
        warnings.append("the band sets the starting dose; later increases follow the band's words, not a dated step")
        if new_max is None:
            warnings.append("the band states no maximum for this patient")
        start_low = lower(g.initial_daily_dose)
        if band_max is None or new_max is None or start_low is None or start_low >= new_max:
            step = Step("initial (renal)", 1, None, g.initial_dose, unit or "", g.initial_times, g.initial_daily_dose,
                        band.text, band.line, renal_adjusted=True)
            return (step,), new_max
        initial = Step("initial (renal)", 1, None, g.initial_dose, unit or "", g.initial_times, g.initial_daily_dose,
                       band.text, band.line, timing_stated=False, renal_adjusted=True)
        within = Step("renal dose range", None, None, None, unit or "", None, (start_low, new_max), band.text,
                      band.line, timing_stated=False, renal_adjusted=True)
        return (initial, within), new_max
    if g.max_daily_dose is not None:
        cap = upper(g.max_daily_dose)
        if maximum is not None:
            cap = min(cap, upper(maximum))
        read = [i for i, s in enumerate(steps) if not s.unread and s.daily_dose is not None]
        last = upper(steps[read[-1]].daily_dose) if read else None
        if last is not None and any(s.unread for s in steps[read[-1] + 1:]) and last < cap:
            # "30 mg once daily", then increases this tool cannot read, beside a band's "should not exceed 50 mg/day":
            # the doses between the last one read and the cap are this patient's too, and not computed
            raise _Refuse("the band caps the daily dose, but the schedule goes on beyond its last read step in words "
                          "this tool cannot read, below that cap")
        return tuple(_cap_step(s, cap, g.max_times_per_day) for s in steps), cap
    raise _Refuse("the band's guidance gives no dose this tool can compute")


def _refusal(dosing: Dosing, patient: Patient, regimen: Regimen | None, band: Band | None, why: str | None,
             warnings: list[str], shown: list[tuple[str, int | None, str]] | tuple[tuple[str, int | None, str], ...],
             start: dt.date | None, choices: list[str] | tuple[str, ...] = ()) -> Plan:
    return Plan(dosing, patient, regimen, band, None, None, (), None, None, regimen.unit if regimen else None,
                tuple(warnings), refused=why, shown_text=tuple(shown), choices=tuple(choices), start=start)


def _evaluate_criteria(regimen: Regimen, patient: Patient, notes: list[str]) -> Regimen:
    for criteria in regimen.criteria:
        values = {"age": patient.age_years, "weight": patient.weight_kg, "scr": patient.scr_mg_dl}
        needed = [values[c.measure] for c in criteria.criteria]
        words = ", ".join(f"{c.measure} {c.op} {c.value:g}" for c in criteria.criteria)
        if any(v is None for v in needed):
            notes.append(f"not assessed (give --age, --weight and --scr): {criteria.text} "
                         f"(line {criteria.line})")
            continue
        met = 0
        for c in criteria.criteria:
            value = values[c.measure]
            if value is not None and _compare(value, c.op, c.value):
                met += 1
        if met >= criteria.needed:
            notes.append(f"meets {met} of the criteria ({words}): {fmt_amount(criteria.dose)} {criteria.unit} "
                         f"{'once' if criteria.times_per_day == 1 else 'twice'} daily, per line {criteria.line}")
            step = Step("criteria dose", 1, None, criteria.dose, criteria.unit, criteria.times_per_day,
                        criteria.daily_dose, criteria.text, criteria.line, renal_adjusted=True)
            return replace(regimen, steps=(step,))
        notes.append(f"meets {met} of the dose-reduction criteria ({words}); {criteria.needed} needed: "
                     "the standard dose applies")
    return regimen


def _compare(value: float, op: str, limit: float) -> bool:
    return {">=": value >= limit, "<=": value <= limit, ">": value > limit, "<": value < limit}[op]


def plan(dosing: Dosing, patient: Patient | None = None, indication: str | None = None, typed: str | None = None,
         start: dt.date | None = None) -> Plan:
    """The plan for one patient: a schedule, a verdict, or a refusal with the monograph's words."""
    patient = patient or Patient()
    warnings: list[str] = []
    regimen, why = choose_regimen(dosing, indication, typed)
    if regimen is None:
        is_brand = typed is not None and any(name_key(b) == name_key(typed) for b in dosing.brands)
        brand_hits = [r for r in dosing.regimens if is_brand and r.name and _names_brand(r.name, typed or "")]
        choices = [r.name or "(adult regimen)" for r in (brand_hits or dosing.regimens)]
        return _refusal(dosing, patient, None, None, why, warnings, (), start, choices)
    criteria_notes: list[str] = []
    regimen = _evaluate_criteria(regimen, patient, criteria_notes)
    steps = regimen.steps
    maximum = regimen.max_daily_dose
    shown: list[tuple[str, int | None, str]] = [(s.label, s.line, s.text) for s in steps if s.unread]
    if regimen.max_unread and regimen.max_text:
        shown.append(("Maximum", None, regimen.max_text))
    for line, text in regimen.notes:
        shown.append(("also in the monograph", line, text))
    if patient.crcl_ml_min is None and patient.dialysis is None:
        warnings.append("renal function was not considered: give --crcl, or --age --weight --scr --sex")
    band, why, band_warnings, considered = _find_band(dosing, regimen, patient)
    warnings += band_warnings
    if band is not None:
        band = _if_treating(band, regimen)
    arithmetic: list[str] = []
    if why is None:
        why = _check_condition(dosing, regimen, patient, band, warnings)
    if why is not None:
        shown += sorted(((b.label, b.line, b.text) for b in considered), key=lambda item: item[1] or 0)
        return _refusal(dosing, patient, regimen, None, why, warnings, shown, start)
    recommended = True
    hepatic: Band | None = None

    adjusted = False  # a band changed this patient's doses: the schedule's options were written for other patients

    def settle(this: Band, unread_why: str, caution: str, bands: tuple[Band, ...], crcl: float | None) -> Plan | None:
        """Apply one band (renal, then hepatic) to the schedule; a Plan when the answer ends there."""
        nonlocal steps, maximum, adjusted
        action = this.guidance.action
        if action == "unread":
            shown.append((this.label, this.line, this.text))
            return _refusal(dosing, patient, regimen, band, unread_why, warnings, shown, start)
        if action == "not-recommended":
            return Plan(dosing, patient, regimen, band, hepatic, False, (), None, None, regimen.unit, tuple(warnings),
                        criteria_notes=tuple(criteria_notes), start=start)
        if action == "caution":
            warnings.append(caution)
        for note in this.guidance.notes:  # an extra dose after dialysis, a switch from another product: as written
            warnings.append(f"also stated for this patient (not counted in the daily doses or the maximum above): {note}")
        if action == "adjust":
            adjusted = True
            try:
                steps, maximum = apply_guidance(this, regimen, bands, steps, maximum, crcl, arithmetic, warnings)
            except _Refuse as refusal:
                shown.append((this.label, this.line, this.text))
                return _refusal(dosing, patient, regimen, band, str(refusal), warnings, shown, start)
        return None

    if band is not None:
        ended = settle(band, "this patient's renal band says something this tool cannot compute from; read its words",
                       "the band advises caution; the standard schedule is shown unchanged", considered,
                       patient.crcl_ml_min)
        if ended is not None:
            return ended
    if patient.child_pugh is not None:
        hits = [b for b in dosing.hepatic_bands if patient.child_pugh in b.child_pugh]
        if len(hits) != 1:
            shown += [(b.label, b.line, b.text) for b in dosing.hepatic_bands]
            return _refusal(dosing, patient, regimen, band, f"the monograph gives {'no' if not hits else 'more than one'}"
                            f" hepatic guidance for Child-Pugh class {patient.child_pugh}", warnings, shown, start)
        hepatic = hits[0]
        if hepatic.guidance.action == "adjust" and band is not None and band.guidance.action == "adjust":
            shown += [(band.label, band.line, band.text), (hepatic.label, hepatic.line, hepatic.text)]
            return _refusal(dosing, patient, regimen, band, "both a renal and a hepatic adjustment apply; this tool "
                            "does not combine them", warnings, shown, start)
        ended = settle(hepatic, "the hepatic guidance for this patient says something this tool cannot compute from",
                       "the hepatic guidance advises caution; no dose change is stated", (), None)
        if ended is not None:
            return ended
    if not any(not s.unread for s in steps):
        return _refusal(dosing, patient, regimen, band, "no step of this regimen could be read into doses", warnings,
                        shown, start)
    condition = next((s.condition for s in regimen.steps if s.condition), None)
    if condition is not None:
        # cond11: the schedule is the label's for these patients; a band's own steps keep it (the schedule is theirs)
        steps = tuple(s if s.unread else replace(s, condition=condition) for s in steps)
        warnings.append(f"this schedule is the label's {for_whom(condition)}; for other patients read the monograph's words")
    if any(not s.timing_stated for s in steps if not s.unread):
        warnings.append("the monograph does not say on which day some steps start or end: those days are not "
                        "numbered and have no dates")
    warnings.extend(step_notes(steps))
    ongoing = [s for s in steps if s.end_day is None and not s.unread and s.daily_dose is not None]
    # a course that ends ("for 7 to 14 days") is no maintenance dose, though its end day is not one number
    maintenance = ongoing[-1].daily_dose if ongoing and not ongoing[-1].ends_within_range else None
    if maximum is not None and maintenance is not None and upper(maintenance) > upper(maximum):
        return _refusal(dosing, patient, regimen, band, "the schedule's maintenance dose is above its maximum: the "
                        "monograph's numbers disagree", warnings, shown, start)
    if start is not None:
        from .model import dated

        for step in steps:
            dated(step, start)  # raises for dates past 9999
    options = regimen.options
    if adjusted and options:
        # "increase to the maximum dosage of 8 mg" was written for patients whose dose no band changed: for this
        # patient it stands only when its dose is known to be within this patient's maximum; otherwise it is not
        # offered as an option, and its words are shown as not applied
        options = tuple(o for o in options if maximum is not None and o.daily_dose is not None
                        and upper(o.daily_dose) <= upper(maximum))
        for dropped in (o for o in regimen.options if o not in options):
            shown.append(("optional increase, not applied: the band sets this patient's dose", dropped.line,
                          dropped.text))
    if ongoing and (any(s.unread for s in steps[steps.index(ongoing[-1]) + 1:]) or options):
        # a step this tool cannot read, or an optional increase, comes after the dose reached: that dose is where the
        # schedule stops being computed, not the maintenance dose ("Initial: 5 mg" then unread increments to 40 mg)
        maintenance = None
    unit = regimen.unit or next((s.unit for s in steps if s.unit and not s.unread), None)
    return Plan(dosing, patient, regimen, band, hepatic, recommended, steps, maintenance, maximum, unit,
                tuple(warnings), shown_text=tuple(shown), arithmetic=tuple(arithmetic),
                options=options, criteria_notes=tuple(criteria_notes), start=start)


def check_crcl(value: float) -> float:
    from ..errors import InvalidInput

    if not math.isfinite(value) or value < 0 or value > 250:
        raise InvalidInput(f"CrCl must be a number from 0 to 250 mL/min, not {value!r}", option="--crcl")
    return float(value)
