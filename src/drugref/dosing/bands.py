"""Renal and hepatic bands: a band's label read into an interval or a population, its words into guidance,
and the set checked for overlaps and gaps."""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any, Literal, TypeGuard

from ..monograph import Note
from ..text import squash_spaces
from .model import Band, Guidance
from .phrases import (
    DoseFact,
    IncrementFact,
    IntervalFact,
    ReduceFact,
    VerdictFact,
    normalize,
    read_text,
    without_drug_names,
)

_NUM = r"(\d+(?:\.\d+)?)"
_MEASURE = (r"(?:crcl|clcr|ccr|creatinine clearance|estimated crcl|estimated creatinine clearance|egfr|gfr|estimated gfr|"
            r"estimated glomerular filtration rate|glomerular filtration rate|creatinine clearance \(crcl\)|creatinine clearance \(clcr\)|"
            r"creatinine clearance clcr|estimated creatinine clearance clcr)")
_UNITS = r"(?:\s*ml ?(?:/|per) ?min(?:ute)?(?:/1\.73\s*m(?:2|²)?)?)?"
_OR_DIALYSIS = re.compile(r"\s+or (?:on |receiving |requiring |undergoing )?(hemodialysis|dialysis|peritoneal dialysis)$")
_DEGREE = (r"(?:(?:normal renal function|normal|mild|moderate|severe|mild to moderate|moderate to severe|"
           r"end[- ]stage renal disease|esrd|kidney failure|renal failure)(?: renal| kidney)?(?: impairment| insufficiency)?"
           r"|(?:patients )?with (?:mild|moderate|severe|normal)(?: renal| kidney)?(?: impairment| function)?|"
           r"renal impairment|patients)")

# Each form is a whole label (anchored): the label is read only when one of these accounts for all of it.
_FORMS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"^(?:{_MEASURE}\s*)?(?:of\s*)?(>=|>|<=|<)\s*{_NUM}{_UNITS}\s*(?:to|-|and|,)?\s*(<=|<|>=|>)\s*{_NUM}{_UNITS}$"),
     "op-op"),
    (re.compile(rf"^(?:{_MEASURE}\s*)?(?:of\s*)?(>=|>)\s*{_NUM}{_UNITS}\s*(?:-|to)\s*{_NUM}{_UNITS}$"), "op-range"),
    (re.compile(rf"^(?:{_MEASURE}\s*)?(?:of\s*)?{_NUM}{_UNITS}\s*(?:-|to)\s*(<=|<)\s*{_NUM}{_UNITS}$"), "range-op"),
    (re.compile(rf"^(?:{_MEASURE}\s*)?(?:of\s*)?{_NUM}{_UNITS}\s*(?:-|to|through)\s*{_NUM}{_UNITS}$"), "range"),
    (re.compile(rf"^(?:{_MEASURE}\s*)?(?:of\s*)?(>=|>|<=|<)\s*{_NUM}{_UNITS}$"), "op"),
    (re.compile(rf"^(?:{_MEASURE}\s*)?(?:of\s*)?(less than|below|under|greater than|above|more than|over|at least)\s*{_NUM}"
                rf"{_UNITS}$"), "word"),
    (re.compile(rf"^(?:{_MEASURE}\s*)?(?:of\s*)?{_NUM}{_UNITS}\s*(or (?:less|lower|below|greater|higher|more|above))$"),
     "or-word"),
    (re.compile(rf"^(?:{_MEASURE}\s*)?(?:of\s*)?{_NUM}{_UNITS}$"), "point"),
]
_WORD_OPS = {"less than": "<", "below": "<", "under": "<", "greater than": ">", "above": ">", "more than": ">",
             "over": ">", "at least": ">=", "or less": "<=", "or lower": "<=", "or below": "<=", "or greater": ">=",
             "or higher": ">=", "or more": ">=", "or above": ">="}
_DIALYSIS = [
    (re.compile(r"\b(?:hemodialysis|haemodialysis|intermittent hemodialysis|ihd)\b"), "hd"),
    (re.compile(r"\b(?:peritoneal dialysis|capd|continuous ambulatory peritoneal dialysis)\b"), "pd"),
    (re.compile(r"\b(?:crrt|continuous renal replacement therapy|cvvh\w*)\b"), "crrt"),
]
_ESRD = re.compile(r"^(?:patients (?:with|on) )?(?:end[- ]stage renal disease|esrd|kidney failure|renal failure|"
                   r"end[- ]stage renal disease \(esrd\)|esrd \(end[- ]stage renal disease\))"
                   r"(?: \((?:esrd|crcl <\s*\d+(?:\.\d+)? ml/min)\))?$")
_DIALYSIS_LABEL = re.compile(r"^(?:patients (?:on|receiving|requiring|undergoing) |on )?(?:esrd (?:on|requiring|receiving) |"
                             r"end[- ]stage renal disease (?:on|requiring|receiving) )?"
                             r"(?:hemodialysis|haemodialysis|intermittent hemodialysis|peritoneal dialysis|dialysis|"
                             r"crrt|continuous renal replacement therapy(?: \(crrt\))?|"
                             r"hemodialysis or peritoneal dialysis|hemodialysis \(hd\)|peritoneal dialysis \(pd\)|"
                             r"esrd on dialysis|esrd on hemodialysis|esrd requiring dialysis|"
                             r"hemodialysis patients|dialysis patients)(?: patients)?$")
_CHILD_PUGH = re.compile(r"child[- ]pugh(?: class(?:es)?| score)?\s*([abc])(?:\s*(?:or|and|to|-)\s*([abc]))?")
_HEPATIC_DEGREE = {"mild": ("A",), "moderate": ("B",), "severe": ("C",), "mild to moderate": ("A", "B"),
                   "mild or moderate": ("A", "B"), "moderate to severe": ("B", "C"), "moderate or severe": ("B", "C"),
                   "mild and moderate": ("A", "B"), "moderate and severe": ("B", "C"), "mild, moderate, and severe": ("A", "B", "C"),
                   "mild, moderate, or severe": ("A", "B", "C"), "mild, moderate or severe": ("A", "B", "C")}


_WORD_SIGNS = [
    (r"greater than or equal to", ">="), (r"less than or equal to", "<="), (r"equal to or greater than", ">="),
    (r"equal to or less than", "<="), (r"greater than", ">"), (r"more than", ">"), (r"less than", "<"),
    (r"at least", ">="), (r"above", ">"), (r"below", "<"), (r"under", "<"), (r"over", ">")]
_DEGREE_WORDS = {"dosage", "regimen", "normal", "failure", "mild", "moderate", "severe", "very", "extreme", "to", "and", "renal", "kidney",
                 "impairment", "insufficiency", "function", "patients", "with", "end-stage", "end", "stage", "disease", "esrd",
                 "dysfunction", "or", "moderately", "severely", "mildly", "impaired", "decreased", "reduced",
                 "based", "on", "the", "cockcroft-gault", "equation", "estimated", "using", "for", "adults", "in",
                 "anuria", "oliguria", "significant", "of"}
_DIALYSIS_WORDS = {"hemodialysis", "haemodialysis", "peritoneal", "dialysis", "capd", "crrt", "continuous", "ambulatory",
                   "chronic", "renal", "replacement", "therapy", "or", "and", "patients", "on", "receiving", "undergoing",
                   "esrd", "end-stage", "end", "stage", "disease", "intermittent", "with", "requiring", "using", "ihd",
                   "hd", "pd", "(hd)", "(pd)", "(capd)", "(crrt)", "(esrd)", "regular", "maintenance", "in", "who", "are",
                   "the", "kidney", "failure", "cvvh", "cvvhd", "cvvhdf"}
_DIALYSIS_WORD = re.compile(r"dialysis|crrt|capd|renal replacement|cvvh")


def _signs(text: str) -> str:
    text = re.sub(r"/1\.73\s*(?:square met(?:er|re)s?|sq\.? ?m)\b", "/1.73 m2", text)  # "35 mL/min/1.73 square meters"
    text = re.sub(r"\bbetween (\d+(?:\.\d+)?) and (\d+(?:\.\d+)?)", r"\1-\2", text)
    text = re.sub(r"\bup to (?=\d)", "<=", text)  # "up to 30 mL/min": 30 included
    # "30 mL/min and above": the same bound as "30 mL/min or more"
    text = re.sub(r"(\d(?:[^\d<>]*?min(?:ute)?(?:/1\.73\s*m(?:2|²)?)?)?) and (?:above|over|higher|greater|more)$", r"\1 or more", text)
    text = re.sub(r",? (?:based on|estimated by|using) the cock?c?roft-gault equation(?: for adults)?", "", text)
    for words, sign in _WORD_SIGNS:
        text = re.sub(rf"\b{words}\s*(?=\d)", sign, text)
    # "at least 30 but less than 60": two bounds joined by "but", read as "≥30 to <60"
    text = re.sub(r"(?<=[\d\w²]) but (?=[<>])", " to ", text)
    text = re.sub(r"\bfrom (?=\d+(?:\.\d+)?\s*(?:ml[^\d]*?)?(?:to|through|-)\s*[<\d])", "", text)  # "from 30 to 59"
    return re.sub(r"(?<![<>])\s*=\s*(?=\d)", " ", text.replace("creatinine cl ", "crcl ").replace("crcl of ", "crcl "))


def _only_words(text: str, allowed: set[str]) -> bool:
    return all(word in allowed for word in re.split(r"[\s,]+", text.strip()) if word)


# (low, high, low inclusive, high inclusive, measure), ("dialysis", modalities) or ("esrd",)
Interval = tuple[float, float | None, bool, bool, Literal["crcl", "egfr"]]
Population = tuple[str, tuple[str, ...]] | tuple[str]


def _upper(value: float | tuple[float, float]) -> float:
    return value[1] if isinstance(value, tuple) else value


def is_interval(found: Interval | Population | None) -> TypeGuard[Interval]:
    return found is not None and len(found) == 5


# "(creatinine clearance less than 7 mL/min)" beside "Patients on hemodialysis": the clearance such patients have
_DIALYSIS_CLEARANCE = re.compile(rf"\(\s*{_MEASURE}\s*(?:<=|<)\s*\d+(?:\.\d+)?{_UNITS}\s*\)")
# "30 <= CLcr < 70 mL/min": the measure written between its two bounds
_BETWEEN_BOUNDS = re.compile(rf"(?<![\w.])(\d+(?:\.\d+)?)\s*(<=|<)\s*({_MEASURE})\s*(<=|<)\s*(?=\d)")


_OR_SERUM_CREATININE = re.compile(r"(?<=\d)(?P<unit>\s*ml ?(?:/|per) ?min(?:ute)?)?\s+or (?:a )?(?:clinically significant(?:ly)? |"
                                  r"significantly )?(?:elevated|increased|raised) serum creatinine(?: levels?)?$")


_SERUM_CREATININE_GLOSS = re.compile(r"(?<=\d)(?P<unit>\s*ml ?(?:/|per) ?min(?:ute)?(?:/1\.73\s*m(?:2|²)?)?)?\s*"
                                     r"\((?:serum creatinine|scr) (?:>=|>) ?\d+(?:\.\d+)? ?mg/dl\)$")


def _bounds_around(match: re.Match[str]) -> str:
    low_op = ">=" if match.group(2) == "<=" else ">"
    return f"{match.group(3)} {low_op}{match.group(1)} to {match.group(4)}"


def _touching(below: Interval, above: Interval) -> bool:
    """Two intervals (the lower first) that leave no CrCl between them: they overlap, share an included edge, or
    are integer bands one apart ("30 – 49" and ">50 – 80")."""
    return below[1] is not None and (
        below[1] > above[0] or (below[1] == above[0] and (below[3] or above[2])) or
        (below[3] and above[0] - below[1] <= 1))


def _degree_list(text: str) -> Interval | tuple[()] | None:
    """A label listing degrees, each with its numbers in parentheses, joined by `to`, `and`, `or` or commas: "Mild
    (CLcr = 50-80 mL/min), moderate (CLcr = 30-50 mL/min), or severe (CLcr < 30 mL/min) renal impairment". The
    band is their union when they leave no gap; () when the label has this shape but no single band; None when
    the label has another shape."""
    parts = re.split(r"\(([^()]+)\)", text)  # words, numbers, words, numbers, …, words
    words, inners = [p.replace("-", " ") for p in parts[0::2]], parts[1::2]
    if len(inners) < 2 or not all(_only_words(w, _DEGREE_WORDS) for w in words):
        return None
    if not all(re.match(r"\s*(?:,|to\b|and\b|or\b)", w) for w in words[1:-1]):
        return None
    found = [read_interval(inner) for inner in inners]
    intervals = [i for i in found if is_interval(i)]
    if len(intervals) != len(found) or len({i[4] for i in intervals}) != 1:
        return ()
    ordered = sorted(intervals, key=lambda i: (i[0], not i[2]))
    if not all(_touching(below, above) for below, above in zip(ordered, ordered[1:])):
        return ()
    top = max(ordered, key=lambda i: float("inf") if i[1] is None else i[1])
    return ordered[0][0], top[1], ordered[0][2], top[3], ordered[0][4]


def read_interval(label: str) -> Interval | Population | None:
    """(low, high, low_inclusive, high_inclusive, measure) from a renal band label, or a population
    ("dialysis", modalities) / ("esrd",), or None when the label is not understood as a whole."""
    text = _signs(normalize(label))
    text = re.sub(r",? (?:in|for) adults$|\s*\(adults\)$", "", text)  # "CrCl 30-59 mL/min in adults"
    text = _BETWEEN_BOUNDS.sub(_bounds_around, text)
    # "Estimated creatinine clearance (CrCl) 30 to 50 mL/min": the measure's abbreviation restates it
    text = re.sub(r"\b((?:estimated )?(?:creatinine clearance|glomerular filtration rate)) \((?:crcl|clcr|ccr|e?gfr)\)", r"\1",
                  text)
    # "Creatinine clearance (mL/min) 30-49": the unit in parentheses after the measure goes after the numbers
    text = re.sub(rf"^({_MEASURE})\s*\((ml ?(?:/|per) ?min[^()]*)\)\s*(.+)$", r"\1 \3 \2", text)
    text = re.sub(r"\s*\(label row [^)]*\)", "", text)
    text = re.sub(rf"\b({_MEASURE})\s*:\s*(?=[<>=\d]|less|greater|more|below|above|under|over|between|from)", r"\1 ",
                  text)  # "creatinine clearance: 30 to <50 mL/min"
    if _DIALYSIS_WORD.search(text) and _only_words(_DIALYSIS_CLEARANCE.sub("", text), _DIALYSIS_WORDS):
        kinds = tuple(kind for pattern, kind in _DIALYSIS if pattern.search(text)) or ("hd", "pd", "crrt")
        return ("dialysis", kinds)
    listed = _degree_list(text)
    if listed is not None:
        return listed or None
    inner = re.fullmatch(r"([a-z ,\-]*?)\s*\((.+)\)", text)
    if inner and _only_words(inner.group(1), _DEGREE_WORDS):
        text = inner.group(2).strip()
    inner = re.fullmatch(r"(.+?)\s*\(([a-z ,\-]+)\)", text)
    if inner and _only_words(inner.group(2), _DEGREE_WORDS):
        text = inner.group(1).strip()
    text = re.sub(r"^(?:patients with |in patients with )", "", text).strip()
    named = re.fullmatch(r"([a-z ,\-]+?)\s*[:,;]\s*(.*\d.*)", text)
    if named and _only_words(named.group(1), _DEGREE_WORDS):  # "Moderate renal impairment: CrCl 30-59 mL/min"
        text = named.group(2).strip()
    text = re.sub(r",? (?:based on|estimated by|using) the cock?c?roft-gault equation(?: for adults)?$", "", text)
    if _DIALYSIS_LABEL.match(text):
        kinds = tuple(kind for pattern, kind in _DIALYSIS if pattern.search(text)) or ("hd", "pd", "crrt")
        return ("dialysis", kinds)
    if _ESRD.match(text):
        return ("esrd",)
    # "creatinine clearance under 60 mL per minute or clinically significant elevated serum creatinine": the
    # serum creatinine that clearance is estimated from names the same patients in other words
    text = _OR_SERUM_CREATININE.sub("", text)
    # "GFR <30 mL/min/1.73 m² (serum creatinine >3 mg/dL)": the serum creatinine of the same patients, in parentheses
    # after the clearance band
    text = _SERUM_CREATININE_GLOSS.sub(lambda m: m.group("unit") or "", text)
    measure: Literal["crcl", "egfr"] = "egfr" if re.search(r"\b(?:e?gfr|glomerular)\b|/1\.73", text) else "crcl"
    for pattern, form in _FORMS:
        match = pattern.match(text)
        if not match:
            continue
        g = match.groups()
        if form == "op-op":
            low_op, low, high_op, high = g[0], float(g[1]), g[2], float(g[3])
            if low_op in ("<=", "<") and high_op in (">=", ">"):  # "<=80 >30": the upper bound written first
                low_op, low, high_op, high = high_op, high, low_op, low
            if low_op not in (">=", ">") or high_op not in ("<=", "<") or low >= high:
                return None
            return low, high, low_op == ">=", high_op == "<=", measure
        if form == "op-range":
            low, high = float(g[1]), float(g[2])
            return (low, high, g[0] == ">=", True, measure) if low < high else None
        if form == "range-op":
            low, high = float(g[0]), float(g[2])
            return (low, high, True, g[1] == "<=", measure) if low < high else None
        if form == "range":
            low, high = float(g[0]), float(g[1])
            return (low, high, True, True, measure) if low < high else None
        if form in ("op", "word", "or-word"):
            op = g[0] if form == "op" else _WORD_OPS[g[0]] if form == "word" else _WORD_OPS[g[1]]
            value = float(g[1]) if form in ("op", "word") else float(g[0])
            if op == "<":
                return 0.0, value, True, False, measure
            if op == "<=":
                return 0.0, value, True, True, measure
            if op == ">":
                return value, None, False, False, measure
            return value, None, True, False, measure
        if form == "point":
            value = float(g[0])
            return value, value, True, True, measure
    return None


_CP_SCORES = {(5, 6): ("A",), (7, 9): ("B",), (10, 15): ("C",), (7, 15): ("B", "C"), (5, 9): ("A", "B")}


def read_child_pugh(label: str) -> tuple[str, ...] | None:
    text = normalize(label)
    score = re.search(r"child[- ]pugh (?:score|class)?(?: of)? ?(\d+) ?(?:-|to) ?(\d+)", text)
    if score:
        return _CP_SCORES.get((int(score.group(1)), int(score.group(2))))
    match = _CHILD_PUGH.search(text)
    if match:
        first, last = match.group(1).upper(), (match.group(2) or match.group(1)).upper()
        return tuple(c for c in "ABC" if first <= c <= last)
    words = re.sub(r"\s*(?:hepatic|liver)?\s*(?:impairment|insufficiency|disease)$", "", text).strip()
    return _HEPATIC_DEGREE.get(words)


# "(e.g., …)" names examples, never a dose: left out before a band, step or maximum is read
EXAMPLE_NOTE = re.compile(r"\s*\((?:e\.g\.|eg\.|e\.g|for example)[^()]*(?:\([^()]*\)[^()]*)*\)", re.I)
_LABEL_ROW = re.compile(r"\s*\(label row [^)]*\)", re.I)


# A clause reporting a measurement in the past tense ("mean oral clearance was 25% lower than in normal subjects"):
# accepted beside a no-adjustment verdict only, never as guidance of its own.
_PHARMACOKINETICS = re.compile(
    r"^(?:but |and |although |while )?(?:the )?(?:mean |median )?(?:oral |plasma |renal |total |systemic )?"
    r"(?:[a-z-]+ )?(?:clearance|concentrations?|exposure|auc|cmax|half-life|elimination)(?: of [a-z-]+)? "
    r"(?:was|were) (?:[\w%.,<>=/() -]+)$")


# A reason given beside a not-recommended verdict, with no number: "patients have not been studied", "due to
# accumulation of a metabolite", "the clinical relevance of … is not known".
_WHY_NOT = re.compile(
    r"^(?:(?:the )?(?:use of )?(?:[a-z-]+ )?(?:patients|it|[a-z-]+|this drug) )?(?:has|have) not been (?:adequately )?"
    r"(?:studied|evaluated)(?: in [a-z ,-]+)?$|^not (?:adequately )?(?:studied|evaluated)$|"
    r"^(?:due to|because of) [a-z ,-]+$|^the clinical (?:relevance|significance) of [a-z ,-]+ is (?:not known|unknown)$|"
    r"^(?:the )?safety and (?:efficacy|effectiveness) (?:(?:have|has) )?not (?:been )?established(?: in [a-z ,-]+)?$|"
    r"^(?:hemo)?dialysis does not (?:significantly )?(?:contribute to|remove|enhance) [a-z ,-]+$")


# A clause about how long the drug takes to reach steady state ("such patients will require a longer time to reach
# steady-state at each dose"): it changes no dose, and is accepted beside any guidance.
_STEADY_STATE = re.compile(r"^(?:such |these )?(?:patients )?(?:will |may )?(?:require|need|take) (?:a )?longer(?: time)? to "
                           r"reach steady[- ]state(?: (?:at|after|with) each (?:dose|dosage|dose change))?$")


# "For patients with gout flares requiring repeated courses, consider alternate therapy": advice to use another drug
# changes no dose of this one; accepted after guidance that reads, never as guidance of its own
_ALTERNATIVE = re.compile(r"^(?:for (?:patients|those) [a-z ,-]+ )?consider (?:an )?(?:alternate|alternative) (?:therapy|treatment)$")
# "Maximum dose: 10 mg/day", "Recommended dosage: 250 mg every 12 hours": the words name the dose that follows
_DOSE_COLON = re.compile(r"\b((?:maximum|initial|starting|maintenance|recommended)(?: daily| starting| maintenance)? "
                         r"(?:dose|dosage)):\s*(?=\d)", re.I)
# "the recommended starting dosage is 5 mg once daily and should not exceed 10 mg once daily": a dose, then a maximum
_AND_NOT_EXCEED = re.compile(r"(?:(?<=daily)|(?<=/day)) and (?=should not exceed \d)|(?<=\d mg) and (?=caution should be)", re.I)
# "200 mg 1st day and 100 mg each day thereafter": the first day's dose, then the next
_FIRST_DAY_AND = re.compile(r"(\d (?:mg|mcg|g) (?:on |for )?(?:the )?(?:1st|first) day) and (?=\d)", re.I)


# "titrate up slowly if needed" after a band's starting dose: increases follow, slowly, as the prescriber judges —
# the same words as "titrate slowly", which sets no dose of its own
_TITRATE_UP = re.compile(r"\b(?:titrate|increase the dose) (?:up|upward|upwards) (?:slowly|gradually|cautiously)"
                         r"(?: (?:if|as) (?:needed|necessary|required|tolerated))?", re.I)


# "doses may be titrated upward to a maximum daily dose of 15 mg", "Dosage may be titrated upward until blood pressure
# is controlled or to a maximum total daily dose of 40 mg": increases from the band's start, up to its maximum — the
# words of "with a maximum daily dose of"
_TITRATED_TO_MAX = re.compile(r"\b(?:the )?(?:doses?|dosage) (?:may|can) (?:then )?be (?:titrated|increased) (?:upward|up)"
                              r"(?: until (?:blood pressure|bp) is controlled or)? to a maximum (?:total )?(?:daily )?"
                              r"(?:dose|dosage) of (?=\d)", re.I)


# a verdict whose subject is the drug (its name left out: "it"): "Norpace CR is not recommended", "X is contraindicated"
_NAMED_VERDICT = re.compile(r"(?:it|its use|use)(?: cr| er| xr| xl| sr| la)? (?:is|are) (?:not recommended|contraindicated)")


# Sentences that say what to watch for, and to stop if it happens, and change no dose: "Monitor renal function after
# initiation and periodically for increases in serum creatinine accompanied by an increase in BUN", "Acute renal failure
# has been observed in some patients with severe renal impairment while taking RANEXA", "If acute renal failure
# develops, discontinue RANEXA"
_MONITOR = re.compile(r"^monitor (?:renal|kidney) function(?P<tail>(?: [a-z,]+)*)$")
_MONITOR_WORDS = {"after", "initiation", "and", "periodically", "closely", "regularly", "for", "increases", "increase", "in",
                  "serum", "creatinine", "accompanied", "by", "an", "bun", "during", "treatment", "therapy", "of", "a"}
_EVENT = r"(?:acute renal failure|acute kidney injury)"
_OBSERVED = re.compile(rf"^{_EVENT} has been (?:observed|reported) in (?:some )?patients with [a-z ]+?(?: while taking(?: it)?)?$")
_IF_EVENT = re.compile(rf"^if {_EVENT} (?:develops|occurs),? discontinue(?: it| (?:the )?(?:drug|treatment|therapy))?$")


def _watch_only(text: str) -> bool:
    """The words only say what to monitor, what has been seen, and to stop if it happens: no dose changes."""
    sentences = [x.strip() for x in re.split(r"\s*\.(?:\s+|$)", text.strip()) if x.strip(" .")]
    if not sentences:
        return False
    for sentence in sentences:
        sentence = sentence.strip(" .")
        monitor = _MONITOR.fullmatch(sentence)
        if monitor and _only_words(monitor.group("tail"), _MONITOR_WORDS):
            continue
        if not (_OBSERVED.fullmatch(sentence) or _IF_EVENT.fullmatch(sentence)):
            return False
    return True


# "100 mg once daily (or 50 mg bid)": the same daily amount in one dose or two — "100 mg/day once or twice daily"
_ONCE_OR_HALF_TWICE = re.compile(r"\b(\d+(?:\.\d+)?) (mg|mcg|g) (?:once daily|once a day|qd|every 24 hours) \(or "
                                 r"(\d+(?:\.\d+)?) \2 (?:bid|b\.i\.d\.|twice daily|twice a day|every 12 hours)\)", re.I)


# words that only introduce the band's amount: "the dose of cefdinir should be 300 mg given once daily", "it is
# recommended that not more than 200 mg BID [be administered …]"
_RESTATED_DOSE = re.compile(r"^(?:the )?(?:dose|dosage)(?: of [\w-]+)? should be (?=\d)|"
                            r"^it is recommended that (?=(?:not|no) more than \d)", re.I)


def _once_or_twice(match: re.Match[str]) -> str:
    once, half = float(match.group(1)), float(match.group(3))
    if half * 2 != once:
        return match.group(0)  # two different daily amounts: left as written (unread)
    return f"{match.group(1)} {match.group(2)}/day once or twice daily"


# drug levels to be watched after the band's start: they guide later changes, and change no dose the band states
_LEVELS = re.compile(r"(?:when used in (?:such|these) patients, )?(?:frequent |close |careful )?(?:plasma|serum|blood) "
                     r"(?:drug )?(?:level|concentration)s? monitoring is (?:required|recommended|needed|advised)"
                     r"(?: to guide (?:dosage|dose) adjustments?)?")


# when to give the dose on a dialysis day, beside the band's dose or verdict: "On days of hemodialysis, administer after
# completion of hemodialysis treatment" changes no amount
_AFTER_DIALYSIS = re.compile(r"on (?:the )?days? of (?:hemo)?dialysis, (?:administer|give|take)(?: the dose| it)? "
                             r"after (?:the )?(?:completion of )?(?:hemo)?dialysis(?: treatment| session)?")


def _verdict_only(text: str) -> bool:
    """The words are a not-recommended verdict and nothing else."""
    reading = read_text(text)
    return reading.complete and bool(reading.facts) and all(
        isinstance(f, VerdictFact) and f.action == "not-recommended" for f in reading.facts)


_AMOUNT_WORDS = r"(?:\d+(?:\.\d+)? (?:to|-) )?\d+(?:\.\d+)? ?(?:mg|mcg|g)"
_AFTER_EACH_DIALYSIS = (r"(?:following|after) (?:each |every |a |the )?(?:\d+[- ]hours? )?(?:hemodialysis|dialysis)"
                        r"(?: session| treatment)?")
# an extra dose after each dialysis session ("*Following dialysis, a 250 to 500 mg supplemental dose is recommended"):
# a dose beside the daily dose, never part of it — shown as written
_SUPPLEMENT = re.compile(
    rf"^(?:{_AFTER_EACH_DIALYSIS},? (?:a |an )?{_AMOUNT_WORDS} (?:supplemental|supplementary|additional) dose|"
    rf"(?:a |an )?(?:supplemental|supplementary|additional) dose of {_AMOUNT_WORDS}) (?:is|should be) "
    rf"(?:recommended|given|administered)(?: {_AFTER_EACH_DIALYSIS})?$|"
    rf"^{_AFTER_EACH_DIALYSIS},? (?:a )?(?:dose |dosage )?supplementation of (?:up to )?\d+(?:\.\d+)? ?% "
    rf"(?:of the (?:daily )?dose )?should be considered$")
# how much of the drug dialysis removes: said of the patients on dialysis, it changes no dose
_REMOVED_BY_DIALYSIS = re.compile(r"^(?:it|the drug) is (?:effectively |efficiently |readily |partially |significantly |"
                                  r"in part )?(?:removed|cleared) (?:from (?:the )?plasma )?by (?:hemodialysis|dialysis)$|"
                                  # when to give the dose on a dialysis day
                                  r"^(?:therefore,? )?(?:it )?should be (?:administered|given|taken) after (?:the )?(?:completion "
                                  r"of )?(?:hemodialysis|dialysis)(?: session| treatment)?$")
# a switch from another product to the band's dose ("A patient with severe renal impairment on 5 mg twice daily of
# Namenda may be switched to Namenda XR 14 mg once daily the day after the last dose of Namenda"): accepted only when
# the dose switched to is the band's own daily dose, and shown as written
_SWITCH = re.compile(r"^an? patients? (?:with [a-z ,-]+? )?(?:on|taking|receiving) \d+(?:\.\d+)? ?(?:mg|mcg|g) [a-z0-9 ,()-]+? "
                     r"may be (?:switched|converted|changed) to [a-z0-9 -]*?(?P<dose>\d+(?:\.\d+)?) ?(?P<unit>mg|mcg|g) "
                     r"(?P<how>once daily|once a day|twice daily|twice a day)(?: the (?:day|morning) after the last dose"
                     r"(?: of [a-z0-9 -]+)?)?$")
# "The recommended maintenance dose (and maximum recommended dose) is 14 mg/day": one amount for both
_AND_MAXIMUM = re.compile(r"\b(?:the )?recommended (?P<kind>maintenance) (?:dose|dosage) \(and (?:the )?maximum "
                          r"(?:recommended )?(?:dose|dosage)\) is (?P<amount>\d+(?:\.\d+)? ?(?:mg|mcg|g)(?:/day| per day)?)",
                          re.I)


def read_guidance(text: str) -> Guidance:
    """A band's words read into guidance; any clause not understood makes it unread. Sentences that only add words
    beside the dose (an extra dose after dialysis, a switch to the band's own dose) are kept as its notes."""
    plain = _AND_MAXIMUM.sub(lambda m: f"{m.group('kind')}: {m.group('amount')}; the maximum recommended dose is "
                                       f"{m.group('amount')}", EXAMPLE_NOTE.sub("", _LABEL_ROW.sub("", text)))
    sentences = [x for x in re.split(r"(?<=[.;])\s+(?=\S)", plain.strip()) if x.strip()]
    notes: list[str] = []
    switched: list[float] = []
    kept: list[str] = []
    for sentence in sentences:
        words = without_drug_names(normalize(sentence)).strip(" .;")
        switch = _SWITCH.fullmatch(words)
        if _SUPPLEMENT.fullmatch(words) or switch or _REMOVED_BY_DIALYSIS.fullmatch(words):
            notes.append(sentence.strip())
            if switch:
                switched.append(float(switch.group("dose")) * (2 if switch.group("how").startswith("twice") else 1))
            continue
        kept.append(sentence)
    if not notes:
        return _read_guidance(text if plain == EXAMPLE_NOTE.sub("", _LABEL_ROW.sub("", text)) else plain)
    if not kept:  # only words beside a dose: the dose is another band's (the end-stage band, for dialysis patients)
        return Guidance("unread", notes=tuple(notes))
    g = _read_guidance(" ".join(kept))
    if g.action != "adjust" or any(g.daily_dose != daily for daily in switched):
        return Guidance("unread", unread=(text,)) if g.action != "unread" else g
    return replace(g, notes=tuple(notes))


# what to watch for, beside a verdict that changes no dose: "use caution and closely monitor for gastrointestinal
# adverse reactions and changes in renal function"
_MONITOR_FOR = re.compile(r"(?:use caution and |with caution,? and )?(?:closely |carefully |frequently )?monitor (?:patients )?"
                          r"for (?:[a-z-]+ )*?(?:adverse (?:reactions|events|effects)|toxicity|side effects)"
                          r"(?: and (?:changes in )?(?:renal|kidney) function)?")
# "no dose adjustment is necessary for patients with renal impairment": the verdict for every patient the heading names
_NONE_FOR_ALL = re.compile(r"no (?:dose |dosage )?adjustment (?:is )?(?:necessary|needed|required|recommended) (?:for|in) "
                           r"(?:all )?patients with (?:renal|kidney) impairment")


def _read_guidance(text: str) -> Guidance:
    """read_guidance without the notes beside the dose."""
    plain = EXAMPLE_NOTE.sub("", _LABEL_ROW.sub("", text))
    if _watch_only(without_drug_names(normalize(plain))):
        return Guidance("caution")
    # "Norpace CR is not recommended.", "AMERGE is contraindicated because of decreased clearance of the drug": the
    # drug named as the verdict's subject, and the reason beside it
    verdict = re.sub(r",? (?:because of|due to) [a-z ,-]+$", "", without_drug_names(normalize(plain)).strip(" ."))
    if _NAMED_VERDICT.fullmatch(verdict) or (verdict != plain and _verdict_only(verdict)):
        return Guidance("not-recommended")
    reason = re.fullmatch(r"(.*\S)\s*\(([^()]+)\)\s*\.?", plain)
    if reason and (_WHY_NOT.match(normalize(reason.group(2))) or _verdict_only(reason.group(2))) and \
            _verdict_only(reason.group(1)):
        # "Not recommended (has not been studied)", "Contraindicated (use is not recommended)": the verdict and its reason
        return Guidance("not-recommended")
    plain = _TITRATED_TO_MAX.sub("with a maximum daily dose of ", _TITRATE_UP.sub("titrate slowly", plain))
    plain = _ONCE_OR_HALF_TWICE.sub(_once_or_twice, _RESTATED_DOSE.sub("", plain))
    reading = read_text(_AND_NOT_EXCEED.sub("; ", _DOSE_COLON.sub(r"\1 ", _FIRST_DAY_AND.sub(r"\1, then ", plain))))
    reading.unread = [clause for clause in reading.unread if not _STEADY_STATE.match(clause)]
    if reading.unread and reading.facts and (_LEVELS.fullmatch(", ".join(reading.unread)) or
                                             _AFTER_DIALYSIS.fullmatch(", ".join(reading.unread))):
        reading.unread = []  # "when used in such patients, frequent plasma level monitoring is required to guide …"
    if reading.unread[-2:] and _ALTERNATIVE.match(" ".join(reading.unread[-2:])) and reading.facts:
        reading.unread = reading.unread[:-2]  # "for patients … requiring repeated courses, consider alternate therapy"
    elif reading.unread and _ALTERNATIVE.match(reading.unread[-1]) and reading.facts:
        reading.unread = reading.unread[:-1]
    if not reading.complete:
        if all(isinstance(f, VerdictFact) and f.action in ("none", "caution") for f in reading.facts) and \
                all(_MONITOR_FOR.fullmatch(clause) or _NONE_FOR_ALL.fullmatch(clause) for clause in reading.unread) and \
                (reading.facts or any(_NONE_FOR_ALL.fullmatch(clause) for clause in reading.unread)):
            # "No dose adjustment required; use caution and closely monitor for gastrointestinal adverse reactions and
            # changes in renal function": what to watch for beside the verdict changes no dose
            return Guidance("caution" if any(_MONITOR_FOR.fullmatch(c) for c in reading.unread) else "none")
        if reading.facts and all(isinstance(f, VerdictFact) and f.action == "none" for f in reading.facts) and \
                all(_PHARMACOKINETICS.match(clause) for clause in reading.unread):
            # "mean oral clearance was 25% lower …, but plasma concentrations were within the range …; dosage
            # adjustment is therefore not needed": what was measured, then the verdict — the verdict is the guidance
            return Guidance("none")
        if any(isinstance(f, VerdictFact) and f.action == "not-recommended" for f in reading.facts) and \
                all(_WHY_NOT.match(clause) for clause in reading.unread):
            # "Patients have not been studied; use is not recommended": the reason beside the verdict changes nothing
            return Guidance("not-recommended")
        return Guidance("unread", unread=tuple(reading.unread))
    verdicts = {f.action for f in reading.facts if isinstance(f, VerdictFact)}
    doses = [f for f in reading.facts if isinstance(f, DoseFact)]
    reduces = [f for f in reading.facts if isinstance(f, ReduceFact) and f.what != "initial"]
    of_start = [f for f in reading.facts if isinstance(f, ReduceFact) and f.what == "initial"]
    increments = [f for f in reading.facts if isinstance(f, IncrementFact)]
    timings = [f for f in reading.facts if isinstance(f, tuple)]
    if "not-recommended" in verdicts:
        return Guidance("not-recommended")
    if timings or increments:
        return Guidance("unread", unread=(plain,))
    intervals = [f for f in reading.facts if isinstance(f, IntervalFact)]
    if intervals:
        return _interval_guidance(intervals, doses, plain, bool(verdicts or reduces or of_start))
    if verdicts & {"none", "caution"} and (doses or reduces or "proportional" in verdicts):
        return Guidance("unread", unread=(plain,))
    if "none" in verdicts:
        return Guidance("none")
    if "caution" in verdicts and not doses and not reduces:
        return Guidance("caution")
    units = {d.unit for d in doses}
    if len(units) > 1:
        return Guidance("unread", unread=(plain,))
    unit = units.pop() if units else None
    g = Guidance("adjust", unit=unit)
    main = [d for d in doses if d.role in ("dose", "maintenance")]
    if "titrate" in verdicts and len(main) == 1 and main[0].role == "dose" and not any(d.role == "initial" for d in doses):
        # "start with 0.3 mg/day; any increase in dose should be done with close monitoring": a starting dose
        doses = [replace(d, role="initial") if d is main[0] else d for d in doses]
        main = []
    if len(main) > 1:
        return Guidance("unread", unread=(plain,))
    if main:
        g = replace(g, daily_dose=main[0].daily, times_per_day=main[0].times, dose=main[0].dose,
                    maintenance=main[0].role == "maintenance")
        if main[0].daily is None:
            return Guidance("unread", unread=(plain,))
    if any(d.role == "lower" for d in doses):  # a lower dose as an option is no band dose
        return Guidance("unread", unread=(plain,))
    stated_max = [d.daily for d in doses if d.role == "maximum"]
    for fact in sorted(doses, key=lambda d: d.role != "maximum"):  # the maximum first: an option may lie within it
        if fact.role == "option" and len(stated_max) == 1 and fact.daily is not None and stated_max[0] is not None \
                and _upper(fact.daily) <= _upper(stated_max[0]):
            continue  # "may be increased to 1.25 mg twice daily and up to a maximum of 2.5 mg twice daily"
        if fact.role == "maximum":
            if fact.daily is None or g.max_daily_dose is not None:
                return Guidance("unread", unread=(plain,))
            g = replace(g, max_daily_dose=fact.daily, max_times_per_day=fact.times)
        elif fact.role == "initial":
            if fact.daily is None:
                return Guidance("unread", unread=(plain,))
            g = replace(g, initial_daily_dose=fact.daily, initial_dose=fact.dose, initial_times=fact.times,
                        initial_once=fact.timing == ("day_only", 1) and fact.dose == fact.daily and fact.times == 1)
        elif fact.role == "option":
            if fact.daily is None or g.max_daily_dose is not None:
                return Guidance("unread", unread=(plain,))
            g = replace(g, max_daily_dose=fact.daily)
    if reduces:
        if len(reduces) > 1 or main or not all(0 < f <= 1 for f in _ends(reduces[0].factor)):
            return Guidance("unread", unread=(plain,))  # a band's part of the dose is a part: never more, never none
        if reduces[0].factor == 1.0 and not doses and not verdicts and not of_start:
            return Guidance("none")  # "100% of the usual dose"
        g = replace(g, scale=reduces[0].factor, scale_what=reduces[0].what)
        reduced = [d for d in doses if d.role == "reduced"]
        if reduced:
            g = replace(g, daily_dose=reduced[0].daily, times_per_day=reduced[0].times, dose=reduced[0].dose)
    if "proportional" in verdicts:
        if main or reduces or g.initial_daily_dose is not None:
            return Guidance("unread", unread=(plain,))
        g = replace(g, proportional=True)
    if of_start:
        if len(of_start) > 1 or g.initial_daily_dose is None or isinstance(of_start[0].factor, tuple):
            return Guidance("unread", unread=(plain,))
        g = replace(g, initial_scale=of_start[0].factor)
    if "titrate" in verdicts and g.initial_daily_dose is None:
        return Guidance("unread", unread=(plain,))
    if g == Guidance("adjust", unit=unit) and not verdicts:
        return Guidance("unread", unread=(plain,))
    return g


def _ends(value: float | tuple[float, float]) -> tuple[float, ...]:
    return value if isinstance(value, tuple) else (value,)


def _interval_guidance(intervals: list[IntervalFact], doses: list[DoseFact], plain: str, other: bool) -> Guidance:
    """"Standard individual dose given every 24 hours", "increase the dosing interval to every 12 hours, with a
    maximum daily dose of 200 mg": one new frequency for every dose, and at most a stated maximum beside it."""
    maxima = [d for d in doses if d.role == "maximum"]
    if len(intervals) > 1 or other or len(maxima) != len(doses) or len(maxima) > 1 or \
            (maxima and maxima[0].daily is None):
        return Guidance("unread", unread=(plain,))
    if maxima:
        return Guidance("adjust", interval_times=intervals[0].times, max_daily_dose=maxima[0].daily,
                        unit=maxima[0].unit)
    return Guidance("adjust", interval_times=intervals[0].times)


_ON_DIALYSIS_WORDS = re.compile(r"\s+(?:for|in) patients (?:receiving|on|undergoing) (?:regular |chronic )?"
                                r"(?:hemodialysis|dialysis)(?=\s*[.;,]|\s*$)", re.I)
_WITHOUT_DIALYSIS = re.compile(r",?\s+(?:and )?(\()?(?:without|no|not on|not receiving|not requiring|not undergoing) (?:regular |chronic )?"
                               r"(?:hemo)?dialysis(?(1)\))$")
_DIALYSIS_KIND = r"hemodialysis|peritoneal dialysis|capd|dialysis"
_WHICH_INCLUDES = re.compile(r"\s*\((?:which )?(?:includes|including|covers) (?:[^()]|\([^()]*\))*\)$")
_ONLY_ON_DIALYSIS = re.compile(rf"(?<!\bor)(?<!\band)(?<!\bincluding),?\s*(\()?(?:on|receiving|requiring|undergoing) "
                               rf"(?:regular |chronic )?({_DIALYSIS_KIND})(?(1)\))$")
_LISTED_DIALYSIS = re.compile(rf"(.*?\d.*?),\s*((?:{_DIALYSIS_KIND})(?:,? (?:or|and) (?:{_DIALYSIS_KIND}))+|"
                              rf"(?:{_DIALYSIS_KIND}))")


def _modalities(word: str) -> tuple[str, ...]:
    if word == "hemodialysis":
        return ("hd",)
    if word in ("peritoneal dialysis", "capd"):
        return ("pd",)
    return ("hd", "pd", "crrt")


_INNER_DIALYSIS = re.compile(r"([a-z ,\-]*?)\s*\(([^()]*\d[^()]*?),?\s+or (?:on |receiving |requiring |undergoing )?"
                             r"(hemodialysis|dialysis|peritoneal dialysis)\)")
_AND_DIALYSIS = re.compile(r"\s+and (?:patients (?:on|receiving|requiring) )?(?:(?:patients with )?(?:end[- ]stage renal "
                           r"disease|esrd) (?:\(esrd\) )?(?:on|requiring|receiving|undergoing) )?(hemodialysis|dialysis)"
                           r"(?: patients)?(\))?$")


_OR_ESRD = re.compile(r",?\s+(?:or|and) (?:patients with )?(?:end[- ]stage renal disease|esrd)(?: \(esrd\))?$")


# the band's words naming its own patients again: "Dose adjustment in patients with creatinine clearance >40 mL/min is not
# required", "Patients requiring routine hemodialysis or continuous ambulatory peritoneal dialysis (CAPD) should receive
# 160 mg every 24 hours"; and "Modification of the dosage is recommended:" before the dose it introduces
_OWN_CLEARANCE = re.compile(r"\s+(?:in|for) patients with (?:a |an )?(?P<who>(?:estimated )?(?:creatinine clearance|crcl|clcr)"
                            r"[^,:;.()]*?ml ?/ ?min(?:/1\.73 ?m(?:2|²)?)?)(?=\s|[,:;.]|$)", re.I)
_OWN_DIALYSIS = re.compile(r"^patients (?:requiring|on|receiving|undergoing) (?:routine |regular |chronic |maintenance )?"
                           r"(?:hemodialysis|dialysis)(?: or (?:continuous ambulatory peritoneal dialysis|peritoneal dialysis|"
                           r"capd)(?: \(capd\))?)? (?:should|must) (?:receive|be given) (?=\d)", re.I)
_MODIFIED_AS_FOLLOWS = re.compile(r"^(?:a )?(?:modification|adjustment|reduction) of the (?:dose|dosage) is recommended:\s*"
                                  r"(?=\d)", re.I)


def _own_patients_out(text: str, found: Interval | Population | None) -> str:
    """The band's words without the clause that names the band's own patients again (only when it names exactly
    them), and without the words that only introduce the dose."""
    if is_interval(found):
        text = _OWN_CLEARANCE.sub(lambda m: "" if read_interval(m.group("who")) == found else m.group(0), text)
    elif found is not None and found[0] == "dialysis":
        text = _OWN_DIALYSIS.sub("", text.strip())
    return _MODIFIED_AS_FOLLOWS.sub("", text.strip())


def read_band(label: str, text: str, line: int) -> tuple[Band | None, str | None]:
    """A renal band from a `label: words` bullet, or (None, why) when its label is not an interval."""
    also_dialysis: tuple[str, ...] = ()
    plain = normalize(label)
    if _NOT_ON_DIALYSIS.match(plain):  # placed below the lowest CrCl band by place_worded, or left unread
        return Band(label, text, line, read_guidance(text), measure="unread"), None
    explained = _WHICH_INCLUDES.search(plain)
    if explained and re.search(r"\d", plain[:explained.start()]):
        # "eGFR <45 mL/min/1.73 m2 (which includes a subset of moderate or severe renal impairment, or ESRD requiring
        # hemodialysis)": the numbers are the band; the words say which degrees — and dialysis kinds — it covers
        kinds = re.findall(rf"\b(?:on|requiring|receiving|undergoing|including) ({_DIALYSIS_KIND})\b", explained.group(0))
        if re.search(r"dialysis|capd", explained.group(0)) and not kinds:
            return None, f"renal band label {label!r} names dialysis patients this reader cannot place"
        plain = plain[:explained.start()] + "".join(f" or on {kind}" for kind in kinds[:1])
    including = re.search(r"[\s,]*(\()?including (?:patients (?:with )?)?(?:end[- ]stage renal disease |esrd )?(?:\[esrd\] |"
                          r"\(esrd\) )?(?:on|receiving|requiring|undergoing) (hemodialysis|dialysis|peritoneal dialysis)(?(1)\))$",
                          plain)
    if including:
        plain = plain[:including.start()] + f" or on {including.group(2)}"
    without = _WITHOUT_DIALYSIS.search(plain)
    plain = _WITHOUT_DIALYSIS.sub("", plain)  # a CrCl band is for patients not on dialysis anyway
    only_on = _ONLY_ON_DIALYSIS.search(plain)
    if only_on and read_interval(plain[:only_on.start()]) is not None:
        # "<15 mL/min on hemodialysis", "< 10 (on hemodialysis)": the patients on dialysis, whose clearance the
        # label recalls — a band that applies only when the user says so, never from a CrCl number
        modalities = _modalities(only_on.group(2))
        guidance = read_guidance(_ON_DIALYSIS_WORDS.sub("", text))
        return Band(label, text, line, guidance, None, None, measure="dialysis", dialysis=modalities), None
    listed = _LISTED_DIALYSIS.fullmatch(plain)
    if listed and read_interval(listed.group(1)) is not None and is_interval(read_interval(listed.group(1))):
        # "Less than 10, hemodialysis or CAPD": the clearance band and, in the same row, patients on dialysis
        plain = listed.group(1)
        also_dialysis = tuple(dict.fromkeys(m for word in re.findall(_DIALYSIS_KIND, listed.group(2))
                                            for m in _modalities(word)))
    inside = _INNER_DIALYSIS.fullmatch(plain)
    if inside and _only_words(inside.group(1), _DEGREE_WORDS):
        # "End-stage renal disease (CrCl <15 mL/min or requiring hemodialysis)": the dialysis words leave the parenthesis
        plain = f"{inside.group(1)} ({inside.group(2)}) or on {inside.group(3)}".strip()
    worded = re.fullmatch(r"(.*\d.*?)\s*\(([a-z ,\-]+)\)(\s+or .*dialysis)", plain)
    if worded and _only_words(worded.group(2), _DEGREE_WORDS):
        # "CrCl <10 mL/min (end-stage renal disease) or undergoing hemodialysis": the degree names the numbers
        plain = worded.group(1) + worded.group(3)
    joined = _AND_DIALYSIS.search(plain)
    if joined:  # "<15 mL/min and hemodialysis patients", "(Clcr <30) and ESRD requiring dialysis"
        plain = (plain[:joined.start()] + (")" if joined.group(2) else "") + f" or on {joined.group(1)}").strip()
    esrd = _OR_ESRD.search(plain)
    if esrd:  # "CrCl <15 mL/min or ESRD": end-stage disease lies within a band that reaches zero
        found = read_interval(plain[:esrd.start()])
        if not is_interval(found) or found[0] != 0:
            return None, f"renal band label {label!r} names end-stage disease beside a range that does not reach it"
        plain = plain[:esrd.start()]
    suffix = _OR_DIALYSIS.search(plain)
    if also_dialysis:
        label_for_interval = plain
    elif suffix:
        label_for_interval = plain[:suffix.start()]
        also_dialysis = ("hd", "pd", "crrt") if suffix.group(1) == "dialysis" else (
            ("hd",) if suffix.group(1) == "hemodialysis" else ("pd",))
    else:
        label_for_interval = plain
    interval = read_interval(label_for_interval)
    guidance = read_guidance(_own_patients_out(text, interval))
    if interval is None:
        return None, f"renal band label {label!r} is not a CrCl range this reader understands"
    if not is_interval(interval):
        if interval[0] == "esrd" and without:
            # "ESRD not receiving chronic hemodialysis" in any wording: never the band of patients on dialysis
            return Band(label, text, line, guidance, measure="unread"), None
        if interval[0] == "esrd":
            return Band(label, text, line, guidance, None, None, measure="esrd", dialysis=("hd", "pd", "crrt")), None
        # "18 mg/day for patients receiving regular dialysis" in the dialysis band names the band's own patients
        guidance = read_guidance(_own_patients_out(_ON_DIALYSIS_WORDS.sub("", text), interval))
        modalities = interval[1] if len(interval) == 2 else ("hd", "pd", "crrt")
        return Band(label, text, line, guidance, None, None, measure="dialysis", dialysis=modalities), None
    low, high, low_inc, high_inc, measure = interval
    return Band(label, text, line, guidance, low, high, low_inc, high_inc, measure, dialysis=also_dialysis), None


# ---------------------------------------------------------------- bands named only by degree

# Degrees of renal impairment from the least to the most severe. A label names a degree in words ("Mild to
# moderate renal impairment", "Severe impairment"); where the same set of bands states the neighbouring degrees
# with numbers, the worded band lies between them — the label defines its degrees once and names them again.
_DEGREE_ORDER = (("normal", 0), ("mild", 1), ("moderate", 2), ("very severe", 4), ("severe", 3),
                 ("end-stage", 4), ("esrd", 4), ("kidney failure", 4), ("renal failure", 4))
_DEGREE_ONLY_WORDS = {"mild", "moderate", "severe", "to", "or", "and", "renal", "kidney", "impairment",
                      "insufficiency", "patients", "with", "in", "moderately", "severely", "mildly"}
_NOT_ON_DIALYSIS = re.compile(r"^(?:patients with )?(?:esrd|end[- ]stage renal disease)(?: \(esrd\))?(?: patients)? "
                              r"(?:not on|not receiving|not requiring|not undergoing|without) (?:regular |chronic )?(?:hemo)?dialysis$")


def degrees(label: str) -> frozenset[int]:
    """The degrees of impairment a band label names (0 normal … 4 end-stage)."""
    text = normalize(label)
    found = set()
    for word, degree in _DEGREE_ORDER:
        if re.search(rf"\b{word}\b", text):
            found.add(degree)
            text = re.sub(rf"\b{word}\b", " ", text)
    return frozenset(found)


def _degree_only(label: str) -> frozenset[int] | None:
    """The contiguous degrees (mild … severe) of a label made only of degree words, else None."""
    text = normalize(label)
    if not _only_words(text, _DEGREE_ONLY_WORDS):
        return None
    found = degrees(text)
    if not found or not found <= {1, 2, 3} or max(found) - min(found) + 1 != len(found):
        return None
    return found


def _numbered_with(bands: list[Band], degree: int, exclude: frozenset[int]) -> Band | None:
    hits = [b for b in bands if b.measure in ("crcl", "egfr") and degree in degrees(b.label)
            and not degrees(b.label) & exclude]
    return hits[0] if len(hits) == 1 else None


def place_worded(bands: list[Band]) -> list[Band]:
    """Bands named only by degree, and `ESRD not on dialysis`, given the interval their numbered neighbours leave.

    A worded band is placed only when each side is fixed: by a numbered band naming the neighbouring degree, by
    normal function above (only for a band that changes nothing), or by zero below a band that includes the most
    severe degree named. Otherwise it stays unread (and the set refuses)."""
    out: list[Band] = []
    numbered = [b for b in bands if b.measure in ("crcl", "egfr")]
    for band in bands:
        if band.measure != "unread":
            out.append(band)
            continue
        if _NOT_ON_DIALYSIS.match(normalize(band.label)):
            lows = [b for b in numbered if b.low is not None]
            lowest = min(lows, key=lambda b: b.low or 0.0) if lows else None
            if lowest is not None and lowest.low and lowest.low > 0:
                out.append(_replace(band, low=0.0, high=lowest.low, low_inclusive=True,
                                    high_inclusive=not lowest.low_inclusive, measure=lowest.measure))
                continue
            out.append(band)
            continue
        named = _degree_only(band.label)
        if named is None:
            out.append(band)
            continue
        placed = _place(band, named, numbered)
        out.append(placed if placed is not None else band)
    return out


def _place(band: Band, named: frozenset[int], numbered: list[Band]) -> Band | None:
    above, below = min(named) - 1, max(named) + 1
    high: float | None
    if above == 0:
        if band.guidance.action not in ("none", "caution"):
            return _above_only(band, below, named, numbered)
        high, high_inclusive = None, False
    else:
        upper_band = _numbered_with(numbered, above, named)
        if upper_band is None or upper_band.low is None:
            return _above_only(band, below, named, numbered)
        high, high_inclusive = upper_band.low, not upper_band.low_inclusive
    lower_band = _numbered_with(numbered, below, named)
    if lower_band is not None:
        if lower_band.high is None:
            return None
        low, low_inclusive = lower_band.high, not lower_band.high_inclusive
    elif below == 4 and not any(4 in degrees(b.label) for b in numbered):
        low, low_inclusive = 0.0, True
    else:
        return None
    if high is not None and low >= high:
        return None
    measures = {b.measure for b in numbered}
    if len(measures) != 1:
        return None
    return _replace(band, low=low, high=high, low_inclusive=low_inclusive, high_inclusive=high_inclusive,
                    measure=measures.pop())


def _above_only(band: Band, below: int, named: frozenset[int], numbered: list[Band]) -> Band | None:
    """A worded band whose upper edge no neighbour fixes ("Mild to moderate renal impairment" above "Severe (CrCl
    <15 mL/min)"): it lies wholly above the more severe band's edge, so a CrCl below that edge is the numbered band's.
    Every CrCl from the edge up is refused with the band's words (where the band ends is not stated)."""
    lower_band = _numbered_with(numbered, below, named)
    measures = {b.measure for b in numbered}
    if lower_band is None or lower_band.high is None or lower_band.low not in (0.0, None) or len(measures) != 1:
        return None
    return _replace(band, low=lower_band.high, high=None, low_inclusive=not lower_band.high_inclusive,
                    high_inclusive=False, measure=measures.pop(), guidance=Guidance("unread", unread=(band.text,)))


def resolve(bands: list[Band], problems: list[Note]) -> tuple[list[Band], tuple[tuple[float, float], ...],
                                                            tuple[tuple[float, float], ...]]:
    """Integer bands made contiguous (`30-59` then `>=60` covers [30, 60)); overlaps and gaps found.

    Returns (bands, ambiguous intervals, gaps)."""
    numeric = sorted((b for b in bands if b.measure in ("crcl", "egfr")),
                     key=lambda b: (b.low if b.low is not None else -1.0, not b.low_inclusive))
    others = [b for b in bands if b.measure not in ("crcl", "egfr")]
    out: list[Band] = []
    ambiguous: list[tuple[float, float]] = []
    gaps: list[tuple[float, float]] = []
    for index, band in enumerate(numeric):
        nxt = numeric[index + 1] if index + 1 < len(numeric) else None
        if nxt is not None and band.high is not None and nxt.low is not None and band.high_inclusive \
                and band.high == int(band.high) and 0 < nxt.low - band.high <= 1:
            band = _replace(band, high=nxt.low, high_inclusive=not nxt.low_inclusive)
        out.append(band)
    for index in range(len(out) - 1):
        band, nxt = out[index], out[index + 1]
        # a band nested in an earlier one ("less than 10", then "less than 3"): the gap above it is measured from the
        # earlier band's top, which reaches further
        reach = max(out[:index + 1], key=lambda b: (float("inf") if b.high is None else b.high, b.high_inclusive))
        if reach is not band and band.high is not None and reach.high is not None and nxt.low is not None and \
                reach.high >= nxt.low:
            band = reach
        if band.high is None or (nxt.low is not None and (band.high > nxt.low or (
                band.high == nxt.low and band.high_inclusive and nxt.low_inclusive))):
            low = nxt.low if nxt.low is not None else 0.0
            high = band.high if band.high is not None else float("inf")
            if nxt.high is not None:
                high = min(high, nxt.high)
            ambiguous.append((low, high))
            problems.append(Note(nxt.line, "warning", f"renal bands overlap: {band.label!r} and {nxt.label!r}; "
                                                      "a CrCl in both is refused"))
        elif nxt.low is not None and band.high < nxt.low:
            gaps.append((band.high, nxt.low))
            problems.append(Note(nxt.line, "warning", f"renal bands leave a gap between {band.high:g} and "
                                                      f"{nxt.low:g} mL/min; a CrCl there is refused"))
    return out + others, tuple(ambiguous), tuple(gaps)


def _replace(band: Band, **changes: Any) -> Band:
    return replace(band, **changes)


# ---------------------------------------------------------------- Markdown tables

def table_rows(text: str, first_line: int) -> list[tuple[int, list[str]]] | None:
    """Rows of the first Markdown table in `text` (header first, the |---| line left out), with file lines."""
    rows = []
    for offset, line in enumerate(text.splitlines()):
        stripped = line.strip()
        if stripped.startswith("|") and stripped.endswith("|"):
            cells = [c.strip() for c in stripped.strip("|").split("|")]
            if all(re.fullmatch(r":?-{2,}:?", c) for c in cells if c):
                continue
            rows.append((first_line + offset, cells))
        elif rows:
            break
    return rows or None


_DOSE_HEADER = re.compile(r"dose|dosage|regimen|interval|frequency|\bmg\b|mcg|total|recommend|adjust", re.I)
_CLEARANCE_HEADER = re.compile(r"crcl|clcr|creatinine clearance|gfr", re.I)  # before "Renal status" (a degree column)
_MEASURE_HEADER = re.compile(r"crcl|clcr|creatinine|gfr|renal status|renal function|kidney function", re.I)
_PREFIX_HEADER = [(re.compile(r"starting|initial", re.I), "initial dose "), (re.compile(r"maximum|max\b", re.I), "maximum "),
                  (re.compile(r"maintenance", re.I), "maintenance ")]
_FREQUENCY_HEADER = re.compile(r"frequency|interval|how often|dosing interval", re.I)


# The column (or the columns) naming the regimen of patients with normal renal function, each row or column a set of
# bands for that regimen only: "Normal Dosage Regimen", "Dosage in normal renal function 750 mg every 24 hours".
_NORMAL_REGIMEN = re.compile(r"(?:(?:usual |recommended )?(?:dosage|dose|dosing|regimen) (?:in|for) (?:patients with )?"
                             r"normal renal function|normal (?:dosage |dose |dosing )?regimen|usual (?:dosage|dose|regimen))"
                             r"(?:\s*\(mg\))?")
NORMAL_GROUP = "normal regimen: "  # a band group keyed to the normal-function regimen's words, not an indication
REMARK_GROUP = "remark: "  # the renal heading's remark states a dose or a verdict this tool does not read there


_MEASURED_HEADER = re.compile(r"\bhalf[- ]life\b|\bt1/2\b|\bauc\b|\bcmax\b|\bexposure\b|\bplasma concentration")
# a column header ending in the normal-function dose it is for: "Usual Dose (0.5 mg)"
_HEADER_AMOUNT = re.compile(r"\((\d+(?:\.\d+)?) ?(mg|mcg|g)\)$")
_PARENTHESES = re.compile(r"\([^()]*\)")
_FORM_HEADER = re.compile(r"(?:(?:immediate|extended|delayed)[- ]release )?(?:tablets?|capsules?|oral (?:solution|suspension)|"
                          r"orally disintegrating tablets?|injection)", re.I)


def _is_dose_header(header: str) -> bool:
    """A column of doses ("Maximum dosage", "Total daily dose range (mg/day)"), not of an indication whose name
    happens to hold a dose word ("Genital herpes suppressive therapy: alternate dose …"): the dose word comes
    within the header's first three words, or the header names a unit."""
    return bool(_DOSE_HEADER.search(" ".join(header.split()[:3])) or re.search(r"\((?:mg|mcg|g)\b", header))


def bands_from_table(rows: list[tuple[int, list[str]]]) -> list[tuple[str, str, int, str | None]]:
    """(label, words, line, group) per row (and per column when the columns are indications). The band is the
    CrCl column (or the first); the other cells are the words, with their column's unit, and 'initial dose' /
    'maximum' / a frequency taken from their column names."""
    header = [normalize(h) for h in rows[0][1]]
    where = next((i for i, h in enumerate(header) if _CLEARANCE_HEADER.search(h)),
                 next((i for i, h in enumerate(header) if _MEASURE_HEADER.search(h)), 0))
    measure = header[where]
    # a column of measurements ("Atenolol Elimination Half-Life (h)") says how the drug behaves, never what to give
    others = [i for i in range(len(header)) if i != where and not _MEASURED_HEADER.search(header[i])]

    def label_of(cells: list[str]) -> str:
        label = cells[where].strip() if where < len(cells) else ""
        if not re.search(r"\d", label) and where != 0 and cells[0].strip():
            return cells[0].strip()  # "ESRD patients using dialysis | — | ..."
        if label and not re.search(r"[a-z]", normalize(label)) and re.search(r"crcl|clcr|creatinine|gfr", measure):
            unit = "mL/min/1.73 m2" if "1.73" in measure else "mL/min"
            label = f"{'eGFR' if 'gfr' in measure else 'CrCl'} {label} {unit}"
        return label

    keyed = [i for i in others if _NORMAL_REGIMEN.fullmatch(header[i])]
    if len(keyed) == 1:  # rows keyed to the normal-function regimen ("Normal Dosage Regimen | CrCl | Adjusted Dose")
        key = keyed[0]
        rest = [i for i in others if i != key]
        return [(label, words, line, f"{NORMAL_GROUP}{cells[key].strip()}")
                for (label, words, line, _), (_, cells) in zip(_table_words(rows, where, rest, label_of), rows[1:])]
    regimen_of = {i: _NORMAL_REGIMEN.sub("", header[i], count=1).strip(" :") for i in others
                  if _NORMAL_REGIMEN.match(header[i])}
    if len(others) > 1 and len(regimen_of) == len(others) and all(re.search(r"\d", r) for r in regimen_of.values()):
        # one column per normal-function regimen ("Dosage in normal renal function 750 mg every 24 hours")
        return [(label_of(cells), cells[i].strip(), line, NORMAL_GROUP + regimen_of[i])
                for line, cells in rows[1:] for i in others if i < len(cells)]
    dose_columns = [i for i in others if not (where != 0 and i == 0)]
    forms = {i: _FORM_HEADER.fullmatch(_PARENTHESES.sub("", rows[0][1][i]).strip()) for i in dose_columns}
    if len(dose_columns) > 1 and all(forms.values()):
        # one column per formulation ("Capsule (200 mg) | Oral Solution (10 mg/mL)"): each column is that
        # formulation's group, its strength in parentheses left out
        return [(label_of(cells), cells[i].strip(), line, squash_spaces(_PARENTHESES.sub("", rows[0][1][i])))
                for line, cells in rows[1:] for i in dose_columns if i < len(cells)]
    amounts = {i: _HEADER_AMOUNT.search(header[i]) for i in dose_columns}
    stated = {i: f"{m.group(1)} {m.group(2)}" for i, m in amounts.items() if m}
    if len(dose_columns) > 1 and len(stated) == len(dose_columns) and len(set(stated.values())) == len(stated):
        # one column per normal-function dose ("Usual Dose (0.5 mg) | Lamivudine-Refractory … (1 mg)"): each column
        # is the group of the regimen that gives that dose
        return [(label_of(cells), cells[i].strip(), line, NORMAL_GROUP + stated[i])
                for line, cells in rows[1:] for i in dose_columns if i < len(cells)]
    if len(dose_columns) > 1 and not any(_is_dose_header(header[i]) for i in dose_columns):
        grouped: list[tuple[str, str, int, str | None]] = []
        for line, cells in rows[1:]:
            for i in dose_columns:
                if i < len(cells):
                    grouped.append((label_of(cells), cells[i].strip(), line, rows[0][1][i].strip()))
        return grouped
    named = {i: _RENAL11_NAMED_COLUMN.fullmatch(header[i]) for i in dose_columns}
    items = {i: [w.strip() for w in m.group("names").split("/")] for i, m in named.items() if m}
    if len(dose_columns) > 1 and len(items) == len(dose_columns) and \
            any(w not in _RENAL11_PHASE_WORDS for names in items.values() for w in names):
        # one column per indication or phase ("Induction Dose | Maintenance/Prevention Dose"): each column is the
        # group of every name its header lists; a regimen named by none of them gets none of these bands
        return [(label_of(cells), cells[i].strip(), line, item.capitalize())
                for line, cells in rows[1:] for i in dose_columns if i < len(cells) for item in items[i]]
    return _table_words(rows, where, dose_columns, label_of)


# a dose column named by an indication or a phase, or several with slashes: "Maintenance/Prevention Dose"
_RENAL11_NAMED_COLUMN = re.compile(r"(?P<names>[a-z]+(?: ?/ ?[a-z]+)*) (?:dose|dosage)s?")
# the names of a dose's role, never of an indication: a table of these columns keeps its joined words
_RENAL11_PHASE_WORDS = {"initial", "starting", "loading", "induction", "maintenance", "maximum", "usual", "recommended",
                        "daily", "total", "adjusted", "renal", "reduced", "single", "first", "subsequent", "standard",
                        "normal", "supplemental", "additional", "minimum", "target", "suggested", "new", "modified"}


# a column of parts of the usual dose: "Percent of Recommended Dose | 50%"
_PERCENT_HEADER = re.compile(r"^(?:percent|percentage|%) of (?:the )?(?:recommended|usual|normal|standard) (?:dose|dosage)")
_AMOUNT = re.compile(r"\d+(?:\.\d+)? ?(?:mg|mcg|g)\b")


_SAME_INTERVAL = {"standard", "usual", "unchanged", "no change", "normal", "standard interval", "usual interval"}


def _table_words(rows: list[tuple[int, list[str]]], where: int, dose_columns: list[int],
                 label_of: Callable[[list[str]], str]) -> list[tuple[str, str, int, str | None]]:
    """(label, words, line, None) per row: the dose columns' cells joined into the band's words."""
    header = [normalize(h) for h in rows[0][1]]
    out: list[tuple[str, str, int, str | None]] = []
    for line, cells in rows[1:]:
        parts: list[str] = []
        for i in dose_columns:
            if i >= len(cells) or not cells[i].strip():
                continue
            cell = cells[i].strip()
            name = header[i]
            unit = re.search(r"\((mg|mcg|g)(/day)?\)", name)
            if unit and re.fullmatch(r"[\d.,\s\-–to]+", cell):
                cell = f"{cell} {unit.group(1)}{unit.group(2) or ''}"
            stated = re.findall(r"\b(\d+(?:\.\d+)?) ?(mg|mcg|g)\b", name)
            if not parts and len(stated) == 1 and _FREQUENCY_HEADER.search(name) and \
                    re.match(r"(?:every|once|twice|q\d)", normalize(cell)) and not _AMOUNT.search(normalize(cell)):
                # "Recommended 300 mg Dosing Interval | Every 48 hours": the header's dose, at the cell's interval
                cell = f"{stated[0][0]} {stated[0][1]} {cell}"
            if not parts and _FREQUENCY_HEADER.search(name) and re.search(r"\((?:hours?|h|hrs?)\)", name) and \
                    re.fullmatch(r"\d+(?:\.\d+)?(?:\s*(?:-|–|to)\s*\d+(?:\.\d+)?)?", cell):
                # "Dosage interval (hours) | 24": the usual dose, at that interval (a range of hours stays unread)
                cell = f"usual individual dose every {cell} hours"
            options = re.fullmatch(r"\d+(?:\.\d+)? (qd|bid|tid|qid)(?:, \d+(?:\.\d+)? \1)*", normalize(cell))
            if options and parts:
                # "300 TID, 400 TID, …": every regimen the row allows is TID — the frequency of its daily range
                parts[-1] = f"{parts[-1]} {options.group(1)}"
                continue
            if _FREQUENCY_HEADER.search(name) and parts and normalize(cell) in _SAME_INTERVAL:
                continue  # "Dosing Interval | standard": the schedule's own frequency, unchanged
            if _FREQUENCY_HEADER.search(name) and parts:
                parts[-1] = f"{parts[-1]} {cell}"
                continue
            if _PERCENT_HEADER.search(name) and re.fullmatch(r"\d+(?:\.\d+)?\s*%", cell):
                cell = f"{cell} of the usual dose"  # "Percent of Recommended Dose | 50%"
            for pattern, prefix in _PREFIX_HEADER:
                if pattern.search(name) and re.match(r"[\d.]", cell):
                    cell = prefix + cell
                    break
            parts.append(cell)
        out.append((label_of(cells), ". ".join(parts), line, None))
    return out


# ---------------------------------------------------------------- a band stated as a sentence

# The patients a sentence is about: degree words with the clearance in parentheses ("severe renal impairment (ClCr
# less than 30 mL/min)"), or a clearance ending in its unit ("a creatinine clearance of less than 30 mL/min").
_WHO = (r"(?:adult )?patients (?:with|who have) (?:an? )?(?P<who>[a-z ,-]*?\([^()]*\d[^()]*\)|"
        r"[^,;()]*?\d[^,;()]*?ml ?(?:/|per) ?min(?:ute)?(?:/1\.73\s*m(?:2|²)?)?)")
# … or patients on dialysis, whose band applies only when the user says so
_ON_DIALYSIS = r"(?P<dialysis>patients (?:receiving|on|undergoing|requiring) (?:regular |chronic |maintenance )?(?:hemodialysis|dialysis))"
# the drug named as the subject of a verdict: "BYSTOLIC has not been studied", "Use is not recommended"
_SUBJECT = r"(?:[a-z][\w-]*(?: \([^()]*\))?|the drug|use|its use) "
_ONE_SENTENCE = r"(?:[^.]|\.(?=\d))+?"  # no full stop but a decimal point's
_PROSE_FORMS = (
    # "In patients with severe renal impairment (ClCr less than 30 mL/min) the recommended initial dose is …"
    re.compile(rf"^(?:in|for) {_WHO},?\s+(?P<what>{_ONE_SENTENCE})\.?$"),
    # "200 mg once daily should be administered to patients with severe renal impairment (CLcr <30 mL/min)"
    re.compile(rf"^(?P<what>{_ONE_SENTENCE})\s+(?:should |must |may )?be (?:administered|given|used) (?:to|in) {_WHO}\.?$"),
    # "No dose adjustment is necessary for patients with mild renal impairment (CLcr: 50-80 mL/min)"
    re.compile(rf"^(?P<what>no (?:dose |dosage )?adjustment is (?:necessary|needed|required|recommended)) (?:for|in) "
               rf"{_WHO}\.?$"),
    # "Patients with moderate renal impairment (CrCl 30–59 mL/min) should receive …"
    re.compile(rf"^{_WHO} should (?:receive|be given) (?P<what>{_ONE_SENTENCE})\.?$"),
    # "In patients maintained on chronic hemodialysis, the recommended initial dosage regimen is …" (any number of
    # sentences: they are about the dialysis patients only, whose band refuses unless every word reads)
    re.compile(r"^(?:in|for) (?P<dialysis>patients (?:maintained on|receiving|on|undergoing|requiring) (?:regular |chronic |"
               r"maintenance )?(?:hemodialysis|dialysis)),\s+(?P<what>.+?)\.?$"),
    # "Patients with creatinine clearance rates over 50 mL/min may be treated as if they were patients having normal
    # renal function": no adjustment for them
    re.compile(rf"^{_WHO} (?P<what>may be treated as (?:if they were )?(?:patients )?(?:having|with) normal renal "
               r"function)\.?$"),
    # "The appropriate dose in patients with end-stage renal disease has not been determined."
    re.compile(r"^(?:the )?(?:appropriate |optimal )?(?:dose|dosage) (?:in|for) (?P<dialysis>patients with (?:end[- ]stage "
               r"renal disease|esrd)(?: \(esrd\))?) (?P<what>(?:has|have) not been (?:determined|established))\.?$"),
    # "BYSTOLIC has not been studied in patients receiving dialysis."
    re.compile(rf"^(?:{_SUBJECT})?(?P<what>(?:is|are) not recommended|(?:is|are) contraindicated|(?:has|have) not been "
               rf"(?:adequately )?studied) (?:in|for) {_ON_DIALYSIS}\.?$"),
)
# "Probenecid may not be effective in chronic renal insufficiency particularly when the glomerular filtration rate is
# 30 mL/minute or less": the drug may not work there — the label's dose stands, with its words beside the plan
_INEFFECTIVE = re.compile(rf"^(?:{_SUBJECT})?(?P<what>may not be effective|may be ineffective|may be less effective)"
                          r"(?: in (?:patients with )?(?:chronic |severe |advanced )?renal (?:insufficiency|impairment|failure))?"
                          r",? (?:particularly |especially )?(?:when|if|in patients whose|in patients with) (?:the |a |an )?"
                          rf"(?P<who>{_MEASURE} (?:is |of )?[^,;()]*?\d[^,;()]*?)\.?$")


def split_prose(sentence: str) -> tuple[str, str] | None:
    """(the patients, the guidance) from a band written as one sentence, or None when the sentence has none of
    these shapes. The caller still reads both parts and refuses when either is not fully read."""
    text = normalize(squash_spaces(sentence)).strip()
    text = re.sub(r"\((?:i\.e\.|ie\.|i\.e|that is),?\s*", "(", text)  # "(i.e., creatinine clearance <50 mL/min)"
    ineffective = _INEFFECTIVE.fullmatch(text)
    if ineffective:
        return re.sub(r"^((?:[a-z]+ )*?)(?:is|of) (?=\d|less|greater|more|below|above|under|over|at least)", r"\1",
                      ineffective.group("who")), "use with caution"
    for form in _PROSE_FORMS:
        match = form.fullmatch(text)
        if match:
            groups = match.groupdict()
            what = re.sub(r"^(?:is|are|has|have) ", "", match.group("what"))
            if what.startswith("may be treated as"):
                what = "no dose adjustment is necessary"
            if groups.get("dialysis"):
                return re.sub(r"^patients maintained on ", "patients on ", groups["dialysis"]), what
            who = re.sub(r"\bclearance (?:rates? )?of (?=less|greater|more|below|above|under|over|at least|between|\d)",
                         "clearance ", re.sub(r"\bclearance rates? (?=over|under|above|below|less|greater|more|\d)",
                                               "clearance ", match.group("who")))
            return who, what
    return None
