"""Read a monograph's dosing text: adult regimens (one per indication or formulation), their steps,
renal and hepatic bands, and criteria-based doses. Whatever is not fully understood is kept as words."""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Literal

from ..monograph import Bullet, Monograph, Note, Section, find_section
from ..sections import bullet_chunk
from ..text import squash_spaces, strip_bold
from .bands import (
    EXAMPLE_NOTE,
    REMARK_GROUP,
    bands_from_table,
    is_interval,
    place_worded,
    read_band,
    read_child_pugh,
    read_guidance,
    read_interval,
    resolve,
    split_prose,
    table_rows,
)
from .model import Amount, Band, Criteria, Criterion, Dosing, Guidance, Option, Regimen, Step
from .phrases import (
    DoseFact,
    IncrementFact,
    Reading,
    Timing,
    VerdictFact,
    drug_names,
    heading_words,
    multiply,
    normalize,
    per_administration,
    read_text,
    regimen_heading,
    unit_name,
    without_label_days,
)
from .population import cotherapy, heading_population, population, verbatim
from .titration import (
    AT_MOST,
    EARLIEST,
    RISE_BY,
    STEPS10_IF_NEEDED,
    STEPS10_REACHED,
    WITHIN_RANGE,
    Prose,
    option_amounts,
    option_span,
    read_prose,
    steps11_increment,
)

_LABEL = re.compile(r"^\s*([^:]{1,160}?)\s*:\s*(.*)$", re.S)
_RENAL_HEAD = re.compile(r"renal|kidney", re.I)
_RENAL_KIND = re.compile(r"impair|function|disease|dysfunction|insufficien|patients|dosing|adjust", re.I)
_HEPATIC_HEAD = re.compile(r"hepatic|liver", re.I)
_CONDITIONAL = re.compile(r"concomitant|coadminist|co-administ|with (?:strong |moderate )?(?:p-gp|cyp\w*) |taking|"
                          r"given with|in combination with|if given with", re.I)
_RENAL_NUMBERS = re.compile(r"\d|crcl|clcr|creatinine|gfr|dialysis|esrd|end[- ]stage|ml/min|mg\b", re.I)
_NOTE_WORDS = re.compile(
    r"elderly|geriatric|renal|kidney|hepatic|liver|adjust|reduc|modif|missed|switch|conver|discontinu|interrupt|"
    r"taper|concomitant|coadministration|co-administration|inhibitor|inducer|weight|pediatric|child|administration|"
    r"instruction|note|monitor|important|general|timing|storage|food|dialysis|interval|stop|withdraw|elderly|"
    r"special|caution|warning|dosage forms?|strengths?|how supplied|duration", re.I)

_STEP_FORMS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^days? (\d+) ?(?:-|to|through) ?(?:day )?(\d+)$"), "days"),
    (re.compile(r"^day (\d+)$"), "day"),
    (re.compile(r"^(?:days? (\d+) ?(?:onward|onwards|and (?:thereafter|after|beyond|later|on)|\+|on|and up|"
                r"(?:-|to|through) ?(?:the )?end of (?:treatment|therapy))|"
                r"(?:from|starting(?: on)?|beginning(?: on)?) day (\d+)(?: onward| onwards| on)?)$"), "day-on"),
    (re.compile(r"^after day (\d+)$"), "after-day"),
    (re.compile(r"^weeks? (\d+) ?(?:-|to|through) ?(?:week )?(\d+)$"), "weeks"),
    (re.compile(r"^week (\d+)$"), "week"),
    (re.compile(r"^(?:weeks? (\d+) ?(?:onward|onwards|and (?:thereafter|after|beyond|later|on)|\+|on|and up)|"
                r"(?:from|starting(?: on)?|beginning(?: on)?|starting at|beginning at) week (\d+)(?: onward| onwards| on)?)$"),
     "week-on"),
    (re.compile(r"^after week (\d+)$"), "after-week"),
    (re.compile(r"^(?:initial|initial dose|initial dosage|starting dose|start|initially|first dose|loading dose|"
                r"initial dosing|recommended starting dose|starting dosage|initiation)$"), "initial"),
    (re.compile(r"^(?:titration|titrate|dose titration|titration schedule|dose increases?|increase|up-titration|"
                r"dose escalation)$"), "titration"),
    (re.compile(r"^(?:maintenance|maintenance dose|maintenance dosage|usual dose|usual maintenance dose|target dose|"
                r"recommended dose|dose|usual adult dose|target|usual effective dose|recommended maintenance dose|"
                r"usual dosage|recommended dosage|dosage|effective dose|maintenance therapy|usual range|"
                r"recommended daily dose|usual daily dose)$"), "maintenance"),
    (re.compile(r"^(?:maximum|maximum dose|max|maximum daily dose|maximum recommended dose|max dose|"
                r"maximum recommended daily dose|maximum dosage)$"), "maximum"),
    (re.compile(r"^(?:duration|course|treatment duration|duration of therapy|duration of treatment|length of therapy)$"),
     "duration"),
    (re.compile(r"^(?:indication|indications|use|for)$"), "indication"),
    (re.compile(r"^(?:administration|note|notes|important|monitoring|missed dose|missed doses|instructions|"
                r"how to take|timing|with food|general|discontinuation|switching|dosage forms|comment|comments)$"),
     "ignore"),
]


def step_kind(label: str) -> tuple[str, tuple[str, ...]]:
    text = normalize(label)
    for pattern, kind in _STEP_FORMS:
        match = pattern.match(text)
        if match:
            return kind, tuple(g for g in match.groups() if g is not None)
    return "other", ()


def _split(bullet_text: str) -> tuple[str, str]:
    """(label, body) at the first colon outside parentheses: "Moderate (creatinine clearance: 30 to <50 mL/min) and
    severe renal impairment (…): 20 mg per day" is labelled by everything before the last colon shown."""
    text = strip_bold(bullet_text).strip()
    depth = 0
    for index, char in enumerate(text[:161]):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == ":" and depth == 0:
            if index == 0 or not text[:index].strip():
                break
            return text[:index].strip(), text[index + 1:].strip()
    if depth == 0 or ":" not in text[:161]:
        return "", text
    match = _LABEL.match(text)  # unbalanced parentheses: the first colon, as before
    if match:
        return match.group(1).strip(), match.group(2).strip()
    return "", text


# ---------------------------------------------------------------- one regimen

# a usual length the prescriber may change: "1 year or as clinically indicated"
_LENGTH_OR_JUDGED = re.compile(r"(?:\d+|one|two|three|six|a|an) (?:days?|weeks?|months?|years?) or (?:as|when|if) "
                               r"clinically (?:indicated|appropriate|necessary)\.?")

# round 11: "Duration: Up to 8 weeks. Most patients healed within 4 weeks; for patients who do not heal after 4 weeks,
# consider an additional 2 to 4 weeks of treatment." How soon most patients respond, and a longer course for those who
# do not, said after the course's longest length: they change no dose and no day when the longer course ends within
# that length (4 + 4 <= 8 weeks); one that would go past it keeps the bullet unread
_STEPS11_UPTO = re.compile(r"^(?P<head>up to (?P<total>\d+) weeks?)\.\s+(?P<rest>.+)$")
_STEPS11_MOST = re.compile(r"^most patients (?:healed|heal|will heal|are healed|responded|respond) within (?P<n>\d+) "
                           r"weeks?$")
_STEPS11_LONGER = re.compile(r"^for patients who (?:do not|did not|have not) (?:heal|healed|respond|responded) "
                             r"(?:after|within|by) (?P<n>\d+) weeks?,? (?:consider |give )?an additional "
                             r"(?:(?P<a>\d+) (?:to|-) )?(?P<b>\d+) weeks? of (?:treatment|therapy)$")


# round 13: the course with another length for a subgroup in brackets: "75 mg orally once daily for up to 6 weeks (safety
# and efficacy demonstrated for up to 6 weeks in immunocompetent patients; up to 12 weeks in immunocompromised patients)"
# (Tamiflu PI, 2.3 Prophylaxis of Influenza, Community Outbreak). The bracket restates the course's own length for one
# group of patients and gives another for a second group: the course is read, and the bracket's words are always shown
# beside it (as a note), never applied. Any other bracket — a length that is not the course's, one group only, the same
# group twice — leaves the sentence as it is.
_STEPS13_LENGTH = r"(?:up to |for up to |for )?(?P<{0}>\d+) (?P<{1}>days?|weeks?|months?)"
_STEPS13_SUBGROUP_COURSE = re.compile(
    r"^(?P<head>.+ for (?:up to )?(?P<n>\d+) (?P<unit>days?|weeks?|months?)) \((?:safety and efficacy (?:have been |has "
    r"been |were |was )?(?:demonstrated|established|shown) )?" + _STEPS13_LENGTH.format("n2", "unit2") +
    r" in (?P<a>[a-z-]+) patients;? (?:and )?" + _STEPS13_LENGTH.format("m", "unit3") +
    r" in (?P<b>[a-z-]+) patients\)$")


def _steps13_subgroup_course(body: str) -> str | None:
    """The course without its bracket when the bracket restates the course's length for one group and gives another
    length for another group; else None."""
    match = _STEPS13_SUBGROUP_COURSE.match(normalize(body))
    if match is None or match.group("a") == match.group("b"):
        return None
    if (match.group("n2"), match.group("unit2").rstrip("s")) != (match.group("n"), match.group("unit").rstrip("s")):
        return None
    return match.group("head")


def _steps11_within_course(body: str) -> str:
    """The course's length alone when every sentence after it is one of the shapes above and ends within it; else the
    body as it is."""
    match = _STEPS11_UPTO.match(normalize(body).rstrip(". "))
    if match is None:
        return body
    total = int(match.group("total"))
    for clause in re.split(r"\s*[;.]\s+", match.group("rest")):
        most, longer = _STEPS11_MOST.fullmatch(clause), _STEPS11_LONGER.fullmatch(clause)
        if most is not None and int(most.group("n")) <= total:
            continue
        if longer is not None and int(longer.group("n")) + int(longer.group("b")) <= total:
            continue
        return body
    return match.group("head")


# round 11: a Maximum bullet that names the dose some patients may require (see `_steps11_may_require`)
_STEPS11_MAY_REQUIRE = re.compile(r"some patients may (?:require|need) a (?:dosage|dose) of ")

# a course that ends: "for 10 days", and "for up to 8 weeks" (its longest length, the day the label's course ends by)
_COURSE = ("for", "upto")

_MASS = {"g": 1000.0, "mg": 1.0, "mcg": 0.001}
# words that leave an increase to the prescriber (the grammar reads them as changing no dose)
_IF_NEEDED = re.compile(r"\b(?:if needed|if necessary|if required|as needed|as necessary|when needed|if indicated|"
                        r"if clinically indicated|as clinically indicated)\b")


def _first_wait(prose: Prose) -> int:
    """Days on the starting dose before a run's first increase."""
    first = prose.targets[0].after_days if prose.targets else None
    return first or prose.every_days or 1


class _Builder:
    """Steps of one regimen, built bullet by bullet."""

    def __init__(self, problems: list[Note]) -> None:
        self.problems = problems
        self.steps: list[Step] = []
        self.open_index: int | None = None  # a step that lasts until the next one starts
        self.max_daily: Amount | None = None
        self.max_text: str | None = None
        self.max_unread = False
        self.steps11_require: tuple[float, float, str, int] | None = None  # see _steps11_may_require
        self.max_times: Amount | None = None  # how often the maximum is given ("up to 1500 mg twice daily")
        self.options: list[Option] = []
        self.notes: list[tuple[int, str]] = []
        self.unit: str | None = None
        self.unknown_from_here = False  # a step's length is not stated: later days are not stated either
        self.once_daily = False  # the regimen's Administration bullet says every dose is given once daily
        self.options_open = False  # an optional increase was read while the first dose had no stated end
        self.increment_lines: set[int] = set()  # lines of increment rules whose steps state no frequency
        self.pending_run: tuple[int, str, Prose, str, int, Step] | None = None  # a run up to the maximum, read at the end
        self.courses: set[int] = set()  # steps whose end a course length states ("for 10 days"): they end there
        self.up_to: set[int] = set()  # … a longest length ("for up to 8 weeks"): what follows has no stated day
        # round 10: the unread step of required increases by a range of increments, with no dose they stop at
        self.steps10_increases: int | None = None
        self.steps13_phase = False  # steps13: the first bullet is the maintenance dose of a maintenance-phase regimen
        self.condition: str | None = None  # cond11: the patients the whole schedule is stated for (the label's words)

    # -- helpers
    def next_day(self) -> int | None:
        if self.unknown_from_here:
            return None
        if not self.steps:
            return 1
        last = self.steps[-1]
        if last.end_day is None or last.start_day is None or len(self.steps) - 1 in self.up_to:
            return None  # after "for up to 2 weeks" the next step may start sooner: its day is not stated
        return last.end_day + 1

    def _unit_ok(self, unit: str) -> bool:
        if self.unit is None:
            self.unit = unit
        return self.unit == unit

    def _in_unit(self, fact: DoseFact) -> DoseFact:
        """The fact in the regimen's unit (g, mg and mcg convert; the first unit read is the regimen's)."""
        if self.unit is None or fact.unit == self.unit:
            self._unit_ok(fact.unit)
            return fact
        factor = _MASS[fact.unit] / _MASS[self.unit]
        return DoseFact(self.unit, None if fact.dose is None else multiply(fact.dose, factor),
                        None if fact.daily is None else multiply(fact.daily, factor), fact.times, fact.role,
                        fact.timing)

    def close_open(self, start: int | None) -> None:
        if self.open_index is None:
            return
        step = self.steps[self.open_index]
        if start is not None and step.start_day is not None and start > step.start_day:
            self.steps[self.open_index] = replace(step, end_day=start - 1)
        else:
            self.steps[self.open_index] = replace(step, end_day=None, timing_stated=False)
            self.unknown_from_here = True
        self.open_index = None

    def unread(self, label: str, text: str, line: int, why: str, start: int | None = None) -> None:
        self.close_open(start)
        self.steps.append(Step(label, start, None, None, self.unit or "", None, None, text, line,
                               timing_stated=start is not None, unread=True))
        self.unknown_from_here = True
        if re.search(r"\b\d+(?:\.\d+)?\s+(?:orally|by mouth|po|once|twice|three times|four times|daily|every)\b",
                     text, re.I) and not re.search(r"\d\s*(?:mg|mcg|micrograms?|µg|g|grams?)\b", text, re.I):
            self.problems.append(Note(line, "error", f"dose without a unit (mg, mcg, g) in step {label!r}: {text!r}"))
            return
        self.problems.append(Note(line, "warning", f"titration step {label!r} could not be read ({why}); it is shown "
                                                   f"as written: {text!r}"))

    def add(self, label: str, fact: DoseFact, start: int | None, end: int | None, text: str, line: int,
            open_end: bool = False, stated: bool = True) -> None:
        self.close_open(start)
        if start is None:
            stated = False
        if len(self.steps) - 1 in self.up_to and not self.steps[-1].unread:
            # "for up to 2 weeks", then another dose: the change may come sooner — the first step's end is not stated
            self.steps[-1] = replace(self.steps[-1], timing_stated=False)
        step = Step(label, start, end, fact.dose, fact.unit, fact.times, fact.daily, text, line, timing_stated=stated)
        self.steps.append(step)
        if open_end:
            self.open_index = len(self.steps) - 1

    # -- bullets
    def bullet(self, bullet: Bullet) -> None:
        """Read one bullet into steps; a CrCl condition in it ("150 mg twice daily (CrCl >30 mL/min)") goes on the
        steps it gives, for the planner to check against the renal bands."""
        label, body = _split(bullet.text)
        condition = None
        plain = normalize(body)
        found = list(_CRCL_CONDITION.finditer(plain))
        if len(found) == 1 and label and step_kind(label)[0] not in ("maximum", "other", "ignore", "indication"):
            words = found[0].group("paren") or found[0].group("with")
            if is_interval(read_interval(words)):
                condition = words
                body = (plain[:found[0].start()] + plain[found[0].end():]).strip()
        who = None
        if not self.steps and label and step_kind(label)[0] not in ("maximum", "other", "ignore", "indication"):
            # cond11: the schedule's first step, stated for the label's default patients: read with their words kept
            named = population(normalize(body))
            if named is None:  # cond12: patients the regimen's heading already names, restated
                named = heading_population(normalize(body), heading_words())
            if named is None:  # steps13: patients on another named drug ("as adjunct to lithium or divalproex")
                named = cotherapy(normalize(body))
            # steps13: the maintenance dose of a regimen for the maintenance phase, its first bullet: no start day
            self.steps13_phase = step_kind(label)[0] == "maintenance" and "maintenance" in heading_words()
            if named is not None:
                who, body = verbatim(bullet.text, named[0]), named[1]
            course = _steps13_subgroup_course(body)
            if course is not None:  # steps13: the subgroup's other length, shown beside the course as written
                body = course
                self.notes.append((bullet.line, strip_bold(bullet.text)))
        before = len(self.steps)
        self._bullet(bullet, label, body)
        if who is not None and any(not s.unread for s in self.steps[before:]):
            self.condition = who
        if condition is not None:
            for index in range(before, len(self.steps)):
                if not self.steps[index].unread:
                    self.steps[index] = replace(self.steps[index], crcl_condition=condition)

    def _bullet(self, bullet: Bullet, label: str, body: str) -> None:
        kind, groups = step_kind(label) if label else ("other", ())
        if kind in ("ignore", "indication"):
            return
        if kind == "other" and not label and not self.steps and _one_dose(body):
            kind = "maintenance"  # "- 400 mg BID for 14 days." under an indication's heading: the regimen's dose
        if kind == "other" and label:
            kind = _bullet_kind(bullet)
        if kind == "other":
            if re.search(r"\d\s*(?:mg|mcg|g)\b", body + label, re.I):
                self.notes.append((bullet.line, strip_bold(bullet.text)))
            return
        if self.once_daily and _BARE_AMOUNT.match(normalize(body)):
            body = f"{normalize(body)} once daily"  # "Day 1: 50 mg." under "Administration: Once daily at bedtime."
        elif kind == "maximum" and _BARE_AMOUNT.match(normalize(body)) and self._all_once_daily():
            body = f"{normalize(body)} once daily"  # "Maximum: 40 mg." where every step is one dose a day
        if kind in ("day", "days", "day-on"):  # "Days 8 to 14: … on Days 8 through 14": the label's days said again
            plain = without_label_days(body, int(groups[0]), int(groups[-1]) if kind != "day-on" else None)
            # the words read without the clause ("Day 1: 400 mg on day 1" keeps it: the grammar reads that day's dose)
            body = plain if plain != body and read_text(EXAMPLE_NOTE.sub("", plain)).complete else body
        if kind == "duration" and _steps11_within_course(body) != body:
            body = _steps11_within_course(body)
            self.notes.append((bullet.line, strip_bold(bullet.text)))  # the longer course's words, shown as written
        reading = read_text(EXAMPLE_NOTE.sub("", body))
        text = strip_bold(bullet.text)
        if kind == "maximum":
            self._maximum(reading, text, bullet.line)
            return
        if kind in ("duration", "titration") and reading.complete and not reading.facts:
            return  # "Duration: As clinically indicated", "Titration: adjust to blood pressure response": no step
        if kind == "duration" and not reading.complete and _LENGTH_OR_JUDGED.fullmatch(normalize(body)) and self.steps \
                and not self.steps[-1].unread and self.steps[-1].timing_stated and self.steps[-1].end_day is None \
                and self.steps[-1].start_day is not None and self.open_index is None:
            # "Duration: 1 year or as clinically indicated": how long is the prescriber's call, so the dose goes on as
            # read; the words are shown beside it, never a day made from them
            self.notes.append((bullet.line, strip_bold(bullet.text)))
            return
        if not reading.complete and kind == "titration" and self._prose(label, body, strip_bold(bullet.text),
                                                                         bullet.line):
            return
        if not reading.complete:
            if kind == "duration" and self.steps and not self.steps[-1].unread:
                self.steps[-1] = replace(self.steps[-1], timing_stated=False)  # how long it lasts is not read
            self.unread(label, text, bullet.line, "words not understood: " + "; ".join(repr(c) for c in reading.unread),
                        self._label_start(kind, groups))
            return
        doses = [self._in_unit(f) for f in reading.facts if isinstance(f, DoseFact)]
        increments = [f for f in reading.facts if isinstance(f, IncrementFact)]
        verdicts = [f for f in reading.facts if isinstance(f, VerdictFact)]
        timings = [f[1] for f in reading.facts if isinstance(f, tuple)]
        options = [d for d in doses if d.role in ("option", "lower")]
        if options and any(not i.optional for i in increments):
            # "the dose may be increased to 50 mg once daily, by 5 mg at weekly intervals": the increments lose the
            # "may" when the clause is split — whether they are required is not read
            self.unread(label, text, bullet.line, "optional and required increases in one step",
                        self._label_start(kind, groups))
            return
        for option in options:
            self.options.append(Option(text, bullet.line, option.daily))
            self.options_open = self.options_open or self.open_index is not None
        maxima = [d for d in doses if d.role == "maximum"]
        main = [d for d in doses if d.role in ("dose", "maintenance", "initial")]
        if verdicts and any(v.action != "titrate" for v in verdicts):
            self.unread(label, text, bullet.line, "a verdict inside a step", self._label_start(kind, groups))
            return
        for fact in maxima:
            if fact.daily is not None:
                self.max_daily, self.max_text, self.max_times = fact.daily, text, fact.times
        if kind == "titration" and options and not main and not increments:
            return  # "if well tolerated, the dose may be increased to 10 mg once daily": an option, no step
        if kind == "titration" and main and not increments and len(main) == 1 and main[0].daily is not None \
                and _IF_NEEDED.search(normalize(text)):
            # "increase to 20 mg once daily after 1 week if needed": left to the prescriber — an option, never dated
            self.options.append(Option(text, bullet.line, main[0].daily))
            self.options_open = self.options_open or self.open_index is not None
            return
        if kind == "titration" and main and not increments and len(main) == 1 and main[0].daily is not None:
            # "Titration: Increase to 20 mg once daily after 1 week": a dose with its own timing, as a later step
            fact = main[0]
            self._place("maintenance", (), label, fact, fact.timing or (timings[0] if timings else None), text,
                        bullet.line)
            return
        if kind == "titration" and maxima and not main and not increments and not options \
                and _MAY.search(normalize(text)):
            # "the dosage may be increased to the maximum recommended dosage of 300 mg once daily", "the dose may be
            # titrated, as needed to a maximum of 16 mg per day": a maximum and an increase left to the prescriber (an
            # option, never dated)
            self.options.append(Option(text, bullet.line, maxima[-1].daily))
            self.options_open = self.options_open or self.open_index is not None
            return
        if kind == "titration":
            self._titration(label, increments, main, text, bullet.line)
            return
        if kind == "duration":
            self._duration(timings, main, label, text, bullet.line)
            return
        if increments:
            if all(i.optional for i in increments):
                self.options.append(Option(text, bullet.line))
            else:
                self._titration(label, increments, main, text, bullet.line)
                return
        if not main:
            if options or maxima:
                return
            self.unread(label, text, bullet.line, "no dose with a unit and a daily total", self._label_start(kind, groups))
            return
        if len(main) == 2 and main[0].role == "initial" and main[0].timing in (("on_day", 1), ("day_only", 1)):
            self._initial_then(label, main, text, bullet.line, kind, groups)
            return
        if self._chain(kind, groups, label, main, text, bullet.line):
            return
        if len(main) > 1 or main[0].daily is None:
            self.unread(label, text, bullet.line, "no single daily dose" if main[0].daily is None else "several doses",
                        self._label_start(kind, groups))
            return
        fact = main[0]
        timing = fact.timing or (timings[0] if timings else None)
        self._place(kind, groups, label, fact, timing, text, bullet.line)

    def _all_once_daily(self) -> bool:
        """Every step read so far is one dose a day, and no step's words (read or not) nor an option's name another
        frequency: a bare amount given as the maximum is then the day's one dose."""
        read = [s for s in self.steps if not s.unread]
        words = [s.text for s in self.steps] + [o.text for o in self.options]
        return bool(read) and all(s.times_per_day == 1.0 for s in read) and \
            not any(_OTHER_FREQUENCY.search(normalize(w)) for w in words)

    def _chain(self, kind: str, groups: tuple[str, ...], label: str, main: list[DoseFact], text: str, line: int) -> bool:
        """"250 mg twice a day for one week, followed by 500 mg twice a day thereafter": doses one after another in one
        bullet, each but the last for a stated number of days and the last said to follow them, become as many steps
        (the first as the bullet's kind says, the rest in turn). Anything else is not a chain (False)."""
        if kind not in ("initial", "maintenance") or len(main) < 2 or any(f.daily is None for f in main) or \
                any(f.timing is None or f.timing[0] != "for" for f in main[:-1]) or \
                main[-1].timing not in (None, ("then",)) or not _SEQUENCE.search(normalize(text)):
            return False
        self._place(kind, groups, label, main[0], main[0].timing, text, line)
        for fact in main[1:]:
            self._place("maintenance", (), label, fact, fact.timing, text, line)
        return True

    def _label_start(self, kind: str, groups: tuple[str, ...]) -> int | None:
        if kind in ("day", "days", "day-on"):
            return int(groups[0])
        if kind == "after-day":
            return int(groups[0]) + 1
        if kind in ("week", "weeks", "week-on"):
            return (int(groups[0]) - 1) * 7 + 1
        if kind == "after-week":
            return int(groups[0]) * 7 + 1
        if kind == "initial" and not self.steps:
            return 1
        return None

    @staticmethod
    def _label_span(kind: str, groups: tuple[str, ...]) -> tuple[int, int] | None:
        first = int(groups[0])
        last = int(groups[1]) if len(groups) > 1 else first
        if kind in ("day", "days"):
            return first, last
        return (first - 1) * 7 + 1, last * 7

    def _place(self, kind: str, groups: tuple[str, ...], label: str, fact: DoseFact, timing: Timing | None, text: str,
               line: int) -> None:
        start: int | None
        if timing is not None and timing[0] == "day_only":  # a dose of one day: "a loading dose of 400 mg on day 1"
            if kind == "day" and int(groups[0]) == timing[1] or kind not in ("day", "days", "week", "weeks", "day-on",
                                                                             "after-day", "week-on", "after-week"):
                self.add(label, fact, timing[1], timing[1], text, line)
                self.courses.add(len(self.steps) - 1)
                return
            self.unread(label, text, line, "a day's dose under another day's label", self._label_start(kind, groups))
            return
        if kind in ("day", "days", "week", "weeks") and timing is not None and timing[0] == "for":
            span = self._label_span(kind, groups)
            if span is not None and span[1] - span[0] + 1 == timing[1]:
                timing = None  # "Days 1-7: ... for 7 days" says the same thing twice
        if kind in ("day", "days", "week", "weeks"):
            if timing is not None and timing[0] not in ("then",):
                self.unread(label, text, line, "two timings", self._label_start(kind, groups))
                return
            if kind == "day":
                start = end = int(groups[0])
            elif kind == "days":
                start, end = int(groups[0]), int(groups[1])
            elif kind == "week":
                start, end = (int(groups[0]) - 1) * 7 + 1, int(groups[0]) * 7
            else:
                start, end = (int(groups[0]) - 1) * 7 + 1, int(groups[1]) * 7
            if end < start:
                self.unread(label, text, line, "a day range that ends before it starts", start)
                return
            self.add(label, fact, start, end, text, line)
            if fact.timing is not None and start == end:  # "Day 2: 1 g as a single dose": that day only
                self.courses.add(len(self.steps) - 1)
            return
        if kind in ("day-on", "after-day", "week-on", "after-week"):
            if timing is not None and timing[0] != "then":
                self.unread(label, text, line, "two timings", self._label_start(kind, groups))
                return
            self.add(label, fact, self._label_start(kind, groups), None, text, line)
            return
        start = self.next_day()
        if kind == "initial":
            if not self.steps:
                start = 1
            if timing is None:
                self.add(label, fact, start, None, text, line, open_end=True)
            elif timing[0] == "on_day":
                self.add(label, fact, timing[1], timing[1], text, line)
            elif timing[0] == "on_days":
                self.add(label, fact, timing[1], timing[2], text, line)
            elif timing[0] in _COURSE and start is not None:
                self.add(label, fact, start, start + timing[1] - 1, text, line)
                self._course_kind(timing)
            elif timing[0] == "for_range" and start is not None:
                self._range_course(label, fact, start, timing, text, line)
            elif timing[0] == "for_atleast" and start is not None:
                self._shortest_course(label, fact, start, timing, text, line)
            elif timing[0] == "for_upto" and start is not None:
                self.add(label, fact, start, None, text, line, stated=False)  # "for up to 12 months": no end day
                self.unknown_from_here = True
            else:
                self.unread(label, text, line, f"a timing ({' '.join(map(str, timing))}) that gives no day", start)
            return
        # maintenance
        if timing is None or timing == ("then",):
            last = self.steps[-1] if self.steps else None
            if last is not None and last.end_day is None and not last.unread and last.timing_stated \
                    and self.open_index is None and last.daily_dose == fact.daily:
                self.steps[-1] = replace(last, dose=last.dose if fact.dose is None else fact.dose,
                                         times_per_day=fact.times or last.times_per_day, label=label)
                return
            if self.open_index == len(self.steps) - 1 and last is not None and not last.unread and \
                    last.daily_dose == fact.daily and last.times_per_day == fact.times:
                # "Initial: 5 mg once daily" then "Maintenance: 5 mg once daily": the starting dose is kept
                self.steps[-1] = replace(last, end_day=None, dose=last.dose if fact.dose is None else fact.dose)
                self.open_index = None
                return
            if self.open_index is not None and self.options_open and not self.unknown_from_here:
                # "Initial: 5 mg", an optional increase, "Maintenance: 5 to 10 mg": the first dose continues until the
                # option is taken; the maintenance dose has no stated day
                self.open_index = None
                self.add(label, fact, None, None, text, line, stated=False)
                self.unknown_from_here = True
                return
            if self.open_index is not None:
                self.close_open(None)  # an initial dose with no stated length, then the maintenance dose
                start = None
            if last is not None and not last.unread and last.timing_stated and last.end_day is not None and \
                    last.daily_dose is not None and fact.daily is not None and _within(last.daily_dose, fact.daily):
                # "Day 4: 300 mg" then "Maintenance: 300 mg/day": the dose reached is the maintenance dose and
                # continues. "Day 3: 150 mg" then "Maintenance: 150-300 mg/day": whether day 3's dose continues or the
                # range starts on day 4 is not stated — the step's end and the range's start are left undated
                if last.daily_dose == fact.daily:
                    self.steps[-1] = replace(last, end_day=None)
                    return
                self.steps[-1] = replace(last, end_day=None, timing_stated=False)
                self.add(label, fact, None, None, text, line, stated=False)
                self.unknown_from_here = True
                return
            self.add(label, fact, start if self.steps else 1, None, text, line)
            return
        if timing[0] == "on_day" and (start is None or timing[1] >= start):
            self.add(label, fact, timing[1], None, text, line)  # "30 mg twice daily starting on Day 6"
            return
        if timing[0] == "after_min" and (len(self.steps) != 1 or self.open_index != 0):
            # "after at least 2 weeks" counts from the first dose only when it is the one before: otherwise whether
            # it counts from the start or from the last increase is not stated
            self.unread(label, text, line, "a shortest time whose starting point is not stated")
            return
        if timing[0] in ("after", "after_min") and not self.unknown_from_here:
            start_day = (self.steps[0].start_day or 1) + timing[1] if self.steps else timing[1] + 1
            named = f"{label} ({EARLIEST})" if timing[0] == "after_min" else label  # "after at least 2 weeks"
            self.add(named, fact, start_day, None, text, line)
            return
        if timing[0] in _COURSE and start is not None:
            self.add(label, fact, start, start + timing[1] - 1, text, line)
            self._course_kind(timing)
            return
        if timing[0] == "for_range" and start is not None:
            self._range_course(label, fact, start, timing, text, line)
            return
        if timing[0] == "for_atleast" and start is not None:
            self._shortest_course(label, fact, start, timing, text, line)
            return
        if timing[0] == "for_upto" and start is not None:
            self.add(label, fact, start, None, text, line, stated=False)  # "for up to 12 months": no end day
            self.unknown_from_here = True
            return
        if timing[0] in ("within", "after", "after_min"):
            self.close_open(None)
            self.add(label, fact, None, None, text, line, stated=False)
            self.unknown_from_here = True
            return
        self.unread(label, text, line, f"a timing ({' '.join(map(str, timing))}) that gives no day", start)

    def _range_course(self, label: str, fact: DoseFact, start: int, timing: Timing, text: str, line: int) -> None:
        """"750 mg every 24 hours for 7 to 14 days": a course that ends on a day from the shortest length's to the
        longest's, as the prescriber decides — both days kept (end_range), never one chosen; its end and everything
        after it have no stated day."""
        shortest, longest = int(timing[1]), int(timing[2])
        if not 0 < shortest < longest:
            self.unread(label, text, line, "a course length range that does not rise", start)
            return
        first = not self.steps
        self.add(label, fact, start, None, text, line, stated=False)
        if first:
            # only the first dose's: after a first-day dose, "220 mg once daily for 28-35 days" may count the whole
            # course from day 1 (the label: "for a total of 28-35 days") — then its end days are not said at all
            self.steps[-1] = replace(self.steps[-1], end_range=(start + shortest - 1, start + longest - 1))
        self.unknown_from_here = True

    def _shortest_course(self, label: str, fact: DoseFact, start: int, timing: Timing, text: str, line: int) -> None:
        """"75 mg once daily for at least 10 days": the dose goes on from its day, for at least that long (end_range
        with no last day); when another dose follows it, when it changes is not stated (as after "for up to"). Only the
        first dose's: after a first-day dose the length may count from day 1, so its end is then not stated at all."""
        if self.steps:
            self.add(label, fact, start, None, text, line, stated=False)
            self.unknown_from_here = True
            return
        self.add(label, fact, start, None, text, line)
        self.steps[-1] = replace(self.steps[-1], end_range=(start + int(timing[1]) - 1, None))
        self.up_to.add(len(self.steps) - 1)

    def _course_kind(self, timing: Timing) -> None:
        """The last step's end is a course length: it ends there (and "up to" leaves the next step undated)."""
        self.courses.add(len(self.steps) - 1)
        if timing[0] == "upto":
            self.up_to.add(len(self.steps) - 1)

    def _initial_then(self, label: str, main: list[DoseFact], text: str, line: int, kind: str,
                      groups: tuple[str, ...]) -> None:
        first, then = main
        start = self.next_day() if self.steps else 1
        if start is None:
            self.unread(label, text, line, "no start day", None)
            return
        self.add(label, first, start, start, text, line)
        if then.timing is None:
            self.add(label, then, start + 1, None, text, line)
        elif then.timing[0] == "for":
            self.add(label, then, start + 1, start + then.timing[1], text, line)
            self.courses.add(len(self.steps) - 1)
        elif then.timing == ("on_day", start + 1):  # "…, then 200 mg once daily from day 2"
            self.add(label, then, start + 1, None, text, line)
        elif then.timing[0] == "on_days" and then.timing[1] == start + 1 and then.timing[2] > start:
            self.add(label, then, start + 1, then.timing[2], text, line)  # "…, then 250 mg once daily on days 2-5"
            self.courses.add(len(self.steps) - 1)
        else:
            self.unread(label, text, line, "a timing that gives no day", start + 1)

    def _titration(self, label: str, increments: list[IncrementFact], main: list[DoseFact], text: str,
                   line: int) -> None:
        if main or not increments:
            self.unread(label, text, line, "a dose and an increment rule in one step" if main else "no increment rule")
            return
        if _IF_NEEDED.search(normalize(text)):
            # "increase by 5 mg every week if needed": increases left to the prescriber are options, never dated
            increments = [replace(i, optional=True) for i in increments]
        if any(i.optional for i in increments):
            if all(i.optional for i in increments):
                self.options.append(Option(text, line))
                self.options_open = self.options_open or self.open_index is not None
                return
            self.unread(label, text, line, "required and optional increases in one step")
            return
        if not self.steps or self.steps[-1].unread or isinstance(self.steps[-1].daily_dose, tuple) \
                or self.steps[-1].daily_dose is None:
            self.unread(label, text, line, "an increment rule with no single starting dose before it")
            return
        if len(increments) == 1 and increments[0].until is None and increments[0].every_days is not None \
                and self._first_increase(label, text, line, increments[0].every_days, increments[0].min_interval):
            return  # "increase by 100 mg/day every week": the first dose lasts a week; the doses after it are unread
        for rule in increments:
            if rule.every_days is None or rule.until is None or isinstance(rule.until, tuple) \
                    or not self._unit_ok(rule.unit) or isinstance(rule.step, tuple):
                self.unread(label, text, line, "an increment rule without its interval or its target dose")
                return
        last = self.steps[-1]
        first_every = increments[0].every_days
        if self.open_index is not None and last.start_day is not None and first_every is not None:
            self.steps[-1] = replace(last, end_day=last.start_day + first_every - 1)
            self.open_index = None
            last = self.steps[-1]
        if last.end_day is None or last.start_day is None or not isinstance(last.daily_dose, float):
            self.unread(label, text, line, "the step before it has no stated length")
            return
        current = last.daily_dose
        day = last.end_day + 1
        for rule in increments:
            if isinstance(rule.step, tuple) or rule.until is None or isinstance(rule.until, tuple):
                self.unread(label, text, line, "an increment rule without a single step and target")
                return
            step_size, target = float(rule.step), float(rule.until)
            if step_size <= 0 or target <= current or (target - current) / step_size > 60:
                self.unread(label, text, line, "an increment rule that does not reach its target")
                return
            while current + step_size <= target + 1e-9:
                current = round(current + step_size, 6)
                every = rule.every_days or 1
                named = f"{label} ({EARLIEST})" if rule.min_interval else label  # "no more often than weekly"
                self.steps.append(Step(named, day, day + every - 1, None, rule.unit, None, current, text, line))
                self.increment_lines.add(line)
                day += every
            if abs(current - target) > 1e-9:
                self.unread(label, text, line, "increments that do not land on the target dose")
                return
        final = self.steps[-1]
        self.steps[-1] = replace(final, end_day=None)

    def _resolve_pending(self) -> None:
        """A run "without exceeding the maximal recommended dosage" ends at the regimen's maximum, read only now;
        when no single maximum was read the run stays unread (its words shown)."""
        if self.pending_run is None:
            return
        index, label, prose, text, line, start = self.pending_run
        self.pending_run = None
        maximum = self.max_daily if isinstance(self.max_daily, float) and not self.max_unread else None
        if prose.maximum is not None and not self.max_unread and (maximum is None or maximum == prose.maximum):
            maximum = prose.maximum  # "until a maximum daily dose of 3200 mg is reached": the sentence's own maximum
        elif prose.maximum is not None:
            maximum = None  # two maxima that disagree: not read
        untouched = self.steps[index - 1] is start and all(s.unread for s in self.steps[index:])
        alone = not prose.alone or len(self.steps) == index  # nothing read or unread after the run
        run = self._range_run if isinstance(start.daily_dose, tuple) or prose.step_high is not None else self._run
        steps = run(label, prose, start, text, line, maximum) if maximum is not None and untouched and alone else None
        if steps is None and prose.first_if_no_maximum and untouched and prose.every_days:
            # a required increase at an interval and no maximum read: the first dose lasts one interval; the
            # increases themselves stay unread
            named = f"{label} ({EARLIEST})" if prose.earliest else label
            self.steps.insert(index, Step(named, start.end_day + 1 if start.end_day is not None else None, None, None,
                                          self.unit or "", None, None, text, line, timing_stated=True, unread=True))
            self.problems.append(Note(line, "warning", f"titration step {label!r} could not be read (increases with no "
                                                       f"dose they stop at); it is shown as written: {text!r}"))
            return
        if steps is None:
            self.steps[index - 1] = replace(self.steps[index - 1], end_day=None, timing_stated=False)
            for later in range(index, len(self.steps)):  # a dose read after the run: when it starts is not stated
                if not self.steps[later].unread:
                    self.steps[later] = replace(self.steps[later], start_day=None, end_day=None, timing_stated=False)
            self.steps.insert(index, Step(label, None, None, None, self.unit or "", None, None, text, line,
                                          timing_stated=False, unread=True))
            self.problems.append(Note(line, "warning", f"titration step {label!r} could not be read (an increase to "
                                                       f"a maximum that is not read); it is shown as written: {text!r}"))
            return
        self.steps[index:index] = steps

    def _range_run(self, label: str, prose: Prose, last: Step, text: str, line: int,
                   maximum: float | None = None) -> list[Step] | None:
        """A run whose start or increment is a range ("400 to 800 mg per day" … "increased by 400-800 mg every other day
        until a maximum daily dose of 3200 mg"): after each interval the dose lies between the low start plus the low
        increments and the high start plus the high increments, neither above the maximum; the run ends on the day
        the low end reaches the maximum. None when it does not land on it."""
        if maximum is None or prose.step is None or prose.every_days is None or prose.step_unit is None \
                or last.start_day is None or last.daily_dose is None:
            return None
        low, high = last.daily_dose if isinstance(last.daily_dose, tuple) else (last.daily_dose, last.daily_dose)
        small = self._in_unit(DoseFact(prose.step_unit, daily=prose.step)).daily
        large = self._in_unit(DoseFact(prose.step_unit, daily=prose.step_high or prose.step)).daily
        if not isinstance(small, float) or not isinstance(large, float) or small <= 0 or large < small \
                or prose.step_bare or high > maximum or (maximum - low) / small > 60:
            return None
        count = (maximum - low) / small
        if abs(count - round(count)) > 1e-9 or round(count) < 1:
            return None  # the low end does not land on the maximum
        times = last.times_per_day
        run_times = times if isinstance(times, float) and prose.step_times == times else None
        marker = "" if prose.required and prose.maximum is not None else AT_MOST
        steps: list[Step] = []
        for index in range(1, round(count) + 1):
            day = last.start_day + index * prose.every_days
            bottom, top = min(round(low + index * small, 6), maximum), min(round(high + index * large, 6), maximum)
            daily: Amount = bottom if bottom == top else (bottom, top)
            end = None if index == round(count) else day + prose.every_days - 1
            dose = per_administration(daily, run_times) if run_times else None
            steps.append(Step(f"{label} ({marker})" if marker else label, day, end, dose, last.unit, run_times, daily,
                              text, line))
        return steps

    def _steps10_increases_then_maintenance(self) -> None:
        """Required increases by a range of increments with no dose they stop at ("Titrate to an effective dose in
        increments of 25 to 50 mg/day every week"), followed only by the maintenance dose, above the dose before them
        ("Maintenance: 200 to 400 mg/day in two divided doses"): the increases lead to the maintenance dose. They stay
        words, shown with the options, never dated; the maintenance dose is the next step, its day not stated. (A single
        increment leaves them unread: the doses it reaches could be dated, and an undated maintenance dose in their
        place would stand where the label's next dose is.)"""
        index = self.steps10_increases
        if index is None or index < 1 or index != len(self.steps) - 2:
            return
        before, increases, keep = self.steps[index - 1], self.steps[index], self.steps[index + 1]
        if not increases.unread or before.unread or before.start_day is None or before.end_day is None \
                or before.daily_dose is None or keep.unread or keep.start_day is not None or keep.timing_stated \
                or keep.daily_dose is None or keep.line <= increases.line or step_kind(keep.label)[0] != "maintenance":
            return
        low = keep.daily_dose[0] if isinstance(keep.daily_dose, tuple) else keep.daily_dose
        high = before.daily_dose[1] if isinstance(before.daily_dose, tuple) else before.daily_dose
        if low <= high:
            return  # a maintenance dose not above the dose before: the increases do not lead to it
        del self.steps[index]
        self.options.append(Option(increases.text, increases.line))
        self.steps[-1] = replace(keep, label=f"{keep.label} ({STEPS10_REACHED})")

    def _steps10_maintained(self) -> None:
        """A dated step whose end is not stated only because the maintenance range after it has no start day ("Day 3:
        150 mg." then "Maintenance: 150-300 mg/day."): when that range holds the step's dose, the step goes on (the
        dose reached is maintained within the range; the range stays as the last, undated step)."""
        if len(self.steps) < 2:
            return
        before, keep = self.steps[-2], self.steps[-1]
        if keep.unread or keep.start_day is not None or keep.timing_stated or not isinstance(keep.daily_dose, tuple) \
                or step_kind(keep.label)[0] != "maintenance" or before.unread or before.start_day is None \
                or before.end_day is not None or before.timing_stated or not isinstance(before.daily_dose, float) \
                or any(s.unread or s.start_day is None for s in self.steps[:-1]) or len(self.steps) - 2 in self.up_to:
            return
        low, high = keep.daily_dose
        if not low <= before.daily_dose <= high or keep.times_per_day != before.times_per_day:
            return
        self.steps[-2] = replace(before, timing_stated=True)

    def _steps10_option_range(self) -> None:
        """One bullet of optional increases after the dose reached gives more steps, undated (the options and their
        words stay): the range from the first increase to the regimen's maximum when the option names both
        ("additional dosing increments may be given (1000 mg/day additional every 2 weeks) to a maximum recommended
        daily dose of 3000 mg"), or each higher dose it names ("if an optimal response is not achieved, the dosage
        should be increased to 100 mg once a day"; bare amounts only where every dose is one a day: "dosage may then
        be increased to 2 mg and thereafter to 4 mg and up to the maximum recommended dose of 8 mg"), never above a
        stated maximum. Given as often as every other dose only when every step is given that often and no words of
        the option or the maximum name another frequency."""
        if not self.options or len({o.line for o in self.options}) != 1 or not self.steps \
                or any(s.unread for s in self.steps) or self.unit is None:
            return
        option = self.options[0]
        # the step the options follow; after them only undated maintenance ranges, which the options' steps go before
        anchor = max((i for i, s in enumerate(self.steps) if s.line < option.line), default=None)
        if anchor is None:
            return
        last, later = self.steps[anchor], self.steps[anchor + 1:]
        increment = steps11_increment(_split(option.text)[1])
        if increment is not None and not last.timing_stated and last.end_range is not None:
            # "2 mg once daily for 1 to 2 weeks", then optional increases: the dose reached lasts to a day not stated,
            # and the increases' step is undated anyway
            last = replace(last, timing_stated=True)
        if last.end_day is not None or last.start_day is None or not last.timing_stated \
                or not isinstance(last.daily_dose, float) or any(
                    s.start_day is not None or s.timing_stated or not isinstance(s.daily_dose, tuple)
                    or step_kind(s.label)[0] != "maintenance" for s in later):
            return
        times = {s.times_per_day for s in self.steps}
        found = self._steps10_span(last.daily_dose, times == {1.0})
        if found is None:
            return
        doses, maximum_times = found
        every = times.pop() if len(times) == 1 else None
        own = {_STEPS10_TIMES[w] for w in _STEPS10_TO_DOSE.findall(normalize(option.text))}
        words = normalize(f"{option.text} {self.max_text or ''}")
        if len(doses) == 1 and not isinstance(doses[0], tuple) and len(own) == 1:
            # "… response to 50 mg once daily, increase to 50 mg twice daily": the frequency of the dose it names (the
            # words before it may name the dose before); the maximum's words must not name another
            every, words = own.pop(), normalize(self.max_text or "")
        named = {_STEPS10_TIMES[w] for w in _STEPS10_FREQ.findall(words)}
        if not isinstance(every, float) or every < 1 or not named <= {every} or _STEPS10_HOURS.search(words) \
                or maximum_times not in (None, every):
            every = None
        added = [Step(f"{_split(option.text)[0] or 'Titration'} ({STEPS10_IF_NEEDED})", None, None,
                      per_administration(daily, every) if every else None, self.unit, every, daily, option.text,
                      option.line, timing_stated=False) for daily in doses]
        self.steps[anchor + 1:anchor + 1] = added

    def _steps10_span(self, before: float, once: bool) -> tuple[list[Amount], float | None] | None:
        """The daily doses of the options' undated steps, in order, and how often their maximum says it is given;
        None when the options are not one of the shapes, do not rise, or go above the regimen's maximum."""
        maximum = self.max_daily if isinstance(self.max_daily, float) and not self.max_unread else None
        option = self.options[0]
        body = _split(option.text)[1]
        increment = steps11_increment(body)
        if increment is not None:
            return self._steps11_increments(before, once, increment, maximum)
        span = option_span(body)
        if span is None:
            doses: list[float] = []
            if all(isinstance(o.daily_dose, float) for o in self.options):
                doses = [o.daily_dose for o in self.options if isinstance(o.daily_dose, float)]
            else:
                amounts = option_amounts(EXAMPLE_NOTE.sub("", body))
                if amounts is None or not self._all_once_daily():
                    return None  # a bare amount is the day's one dose only where every dose is one a day
                for amount, unit in amounts:
                    daily = self._in_unit(DoseFact(unit, daily=amount)).daily
                    if not isinstance(daily, float):
                        return None
                    doses.append(daily)
            rising = [before, *doses]
            if not doses or any(b >= a for a, b in zip(rising[1:], rising)) \
                    or (maximum is not None and max(doses) > maximum):
                return None
            if len(doses) == 1 and re.search(r"\b(?:up )?to a maximum (?:daily )?(?:dose |dosage )?of\b", normalize(body)):
                # "may be titrated, as needed to a maximum of 16 mg per day": a ceiling, not a dose to step to — the
                # step is the range from the dose reached up to it, never the maximum itself as the next dose
                return [(before, doses[0])], None
            return list[Amount](doses), None
        prose = read_prose(EXAMPLE_NOTE.sub("", body))
        if len(self.options) != 1 or prose is None or not prose.options or prose.targets or maximum is None:
            return None
        first = self._in_unit(DoseFact(span.unit, daily=span.first)).daily
        top = self._in_unit(DoseFact(span.unit, daily=span.maximum)).daily
        if not isinstance(first, float) or not isinstance(top, float) or abs(top - maximum) > 1e-9 \
                or not (span.per_day or once):
            return None  # another maximum than the regimen's; an increment per dose beside several doses a day
        low = first if span.absolute else round(before + first, 6)
        if not before < low <= top:
            return None
        return [low if low == top else (low, top)], span.maximum_times

    def _steps11_increments(self, before: float, once: bool, increment: tuple[float, str, bool],
                            maximum: float | None) -> tuple[list[Amount], float | None] | None:
        """Optional increases by an amount with no dose they stop at: the range from the first increase to the
        regimen's stated maximum (the only bound the label gives); None without a maximum, with an increment per dose
        beside several doses a day, or when the first increase is not below the maximum."""
        amount, unit, per_day = increment
        first = self._in_unit(DoseFact(unit, daily=amount)).daily
        if maximum is None or len(self.options) != 1 or not isinstance(first, float) or not (per_day or once):
            return None
        low = round(before + first, 6)
        if not before < low <= maximum:
            return None
        return [low if low == maximum else (low, maximum)], None

    def _steps11_may_require(self) -> None:
        """"Some patients may require a dosage of 200 mg once a day for optimal effect" after the dose reached (ongoing,
        given as often): one more step, undated and if needed, of that dose — only when no option already follows the
        dose reached and every step before it is read."""
        if self.steps11_require is None or self.options or not self.steps or any(s.unread for s in self.steps):
            return
        daily, times, text, line = self.steps11_require
        last = self.steps[-1]
        if last.start_day is None or last.end_day is not None or not last.timing_stated or last.end_range is not None \
                or not isinstance(last.daily_dose, float) or last.daily_dose >= daily or last.times_per_day != times \
                or self.max_unread or self.max_daily != daily or self.unit is None:
            return
        self.steps.append(Step(f"Maximum ({STEPS10_IF_NEEDED})", None, None, per_administration(daily, times), self.unit,
                               times, daily, text, line, timing_stated=False))

    def _carry_frequency(self) -> None:
        """Steps of an increment rule ("increase by 1000 mg/day every 2 weeks to 3000 mg") state no frequency; when
        the dose before the run and the dose the run reaches are given equally often ("500 mg twice daily" …
        "1500 mg twice daily"), the doses between are given that often too."""
        for index, step in enumerate(self.steps):
            if step.line not in self.increment_lines or step.times_per_day is not None or step.unread or index == 0:
                continue
            before = self.steps[index - 1]
            after = next((s for s in self.steps[index + 1:] if s.line != step.line or s.times_per_day is not None),
                         None)
            if after is None or after.line != step.line or after.unread or before.unread:
                continue
            times = before.times_per_day
            if not isinstance(times, float) or after.times_per_day != times or times < 1:
                continue
            self.steps[index] = replace(step, times_per_day=times, dose=per_administration(step.daily_dose, times))

    def _first_increase(self, label: str, text: str, line: int, every: int, earliest: bool = False,
                        ranged: bool = False) -> bool:
        """A required increase at a stated interval with no dose it stops at: the dose before it lasts one interval
        (the earliest the label allows when the interval is a minimum); the increases themselves stay unread."""
        last = self.steps[-1] if self.steps else None
        if last is None or last.unread or last.start_day is None or self.open_index != len(self.steps) - 1 \
                or every < 1:
            return False
        self.steps[-1] = replace(last, end_day=last.start_day + every - 1)
        self.open_index = None
        self.unread(f"{label} ({EARLIEST})" if earliest else label, text, line, "increases with no dose they stop at",
                    last.start_day + every)
        if ranged:
            self.steps10_increases = len(self.steps) - 1  # a range of increments: the doses it reaches are not computed
        return True

    # -- titration written as prose (titration.py)
    def _prose(self, label: str, body: str, text: str, line: int) -> bool:
        """A titration bullet the clause grammar could not read, read as options or a run of increases; False when
        it is neither (the caller leaves it unread)."""
        prose = read_prose(EXAMPLE_NOTE.sub("", body))
        if prose is None:
            return False
        if prose.restates_table and (len(self.steps) < 2 or any(s.unread or s.end_day is None or not s.timing_stated
                                                                 for s in self.steps)):
            return False  # "as in the table" with no table of dated steps before it
        if prose.restates_table and not self._table_says(prose):
            return False  # the table said again with another dose or a shorter interval: not read
        if prose.target is not None:
            return self._run_to_target(label, prose, text, line)
        if prose.by_day is not None:
            return self._up_to_by_day(label, prose.by_day, text, line)
        if not (prose.options or prose.targets or prose.to_maximum or prose.first_every):
            return True  # remarks only ("dose and titration rate should be guided by clinical outcome")
        if prose.first_every is not None:
            return self._first_increase(label, text, line, prose.first_every, ranged=prose.first_every_range)
        if prose.options:
            if not self.steps:
                return False  # an increase with no dose before it: its words are shown as written
            for option in prose.options:
                daily = None if option is None else self._in_unit(option).daily
                self.options.append(Option(text, line, daily))
            self.options_open = self.options_open or self.open_index is not None
            return True
        last = self.steps[-1] if self.steps else None
        ranged = prose.alone and isinstance(last.daily_dose, tuple) if last is not None else False
        if last is None or last.unread or last.start_day is None or not (isinstance(last.daily_dose, float) or ranged) \
                or self.open_index != len(self.steps) - 1:
            return False  # a run needs one dated starting dose that lasts until the first increase
        if prose.to_maximum:
            self.steps[-1] = replace(last, end_day=last.start_day + (prose.every_days or 0) - 1)
            self.open_index = None
            self.pending_run = (len(self.steps), label, prose, text, line, self.steps[-1])
            return True
        steps = self._run(label, prose, last, text, line)
        if steps is None:
            return False
        self.steps[-1] = replace(last, end_day=last.start_day + _first_wait(prose) - 1)
        self.open_index = None
        self.steps.extend(steps)
        return True

    def _up_to_by_day(self, label: str, by_day: tuple[float, int, float, str], text: str, line: int) -> bool:
        """"further dosage adjustments up to 800 mg/day by Day 6 should be in increments of no greater than 200 mg/day"
        after a table of days ending on Day 4 at 400 mg/day: Day 5 400-600 mg/day, Day 6 on 400-800 mg/day. Read only
        when one increment a day from the table's last dose lands exactly on the stated dose on the stated day."""
        top_words, day, step_words, unit = by_day
        top = self._in_unit(DoseFact(unit, daily=top_words)).daily
        step = self._in_unit(DoseFact(unit, daily=step_words)).daily
        last = self.steps[-1] if self.steps else None
        if last is None or last.unread or not last.timing_stated or last.start_day is None or last.end_day is None \
                or not isinstance(last.daily_dose, float) or not isinstance(top, float) or not isinstance(step, float) \
                or step <= 0 or self.open_index is not None or len(self.steps) < 2:
            return False
        days = day - last.end_day
        if days < 1 or abs(last.daily_dose + days * step - top) > 1e-9:
            return False  # a daily increment does not reach the stated dose on the stated day
        times = last.times_per_day if isinstance(last.times_per_day, float) else None
        for index in range(1, days + 1):
            daily: Amount = (last.daily_dose, round(last.daily_dose + index * step, 6))
            start = last.end_day + index
            self.steps.append(Step(f"{label} ({RISE_BY})", start, None if index == days else start, None, last.unit,
                                   times, daily, text, line))
        return True

    def _table_says(self, prose: Prose) -> bool:
        """Each dose a restated table names is the table's dose on that day, and each of its steps but the last lasts
        at least the shortest interval stated."""
        for day, fact in prose.table_claims:
            daily = self._in_unit(fact).daily
            if not any(s.start_day == day and s.daily_dose == daily and not s.unread for s in self.steps):
                return False
        if prose.table_min_days is not None:
            return all(s.end_day is not None and s.start_day is not None
                       and s.end_day - s.start_day + 1 >= prose.table_min_days for s in self.steps[:-1])
        return True

    def _run_to_target(self, label: str, prose: Prose, text: str, line: int) -> bool:
        """"dosage should be increased in weekly increments of 400 mg to 600 mg … to a recommended maintenance dosage of
        800 mg to 1600 mg once daily": one increment at a time until the low end of the target is reached exactly, then
        the target (a range: the dose within it is chosen by response). An optional run ("may") is an option; a range
        of increments is read only when one increment reaches the target. False when not read."""
        if not prose.required and self.steps:
            self.options.append(Option(text, line))
            self.options_open = self.options_open or self.open_index is not None
            return True
        last = self.steps[-1] if self.steps else None
        if last is None or last.unread or last.start_day is None or not isinstance(last.daily_dose, float) \
                or self.open_index != len(self.steps) - 1 or prose.target is None or prose.step is None \
                or prose.every_days is None or prose.step_unit is None:
            return False
        times = last.times_per_day
        if prose.step_bare and (times != 1.0 or prose.target_times not in (None, 1.0)):
            return False  # "by 100 mg" beside a dose given more than once a day: per dose or per day is not stated
        size = self._in_unit(DoseFact(prose.step_unit, daily=prose.step)).daily
        low = self._in_unit(DoseFact(prose.step_unit, daily=prose.target[0])).daily
        high = self._in_unit(DoseFact(prose.step_unit, daily=prose.target[1])).daily
        if not isinstance(size, float) or not isinstance(low, float) or not isinstance(high, float) or size <= 0:
            return False
        count = (low - last.daily_dose) / size
        if abs(count - round(count)) > 1e-9 or not 1 <= round(count) <= 60 \
                or (prose.step_high is not None and round(count) != 1):
            return False  # increments that do not land on the target's low end
        same = times if isinstance(times, float) and prose.target_times in (None, times) else None
        marker = EARLIEST if prose.earliest else ""
        named = f"{label} ({marker})" if marker else label
        self.steps[-1] = replace(last, end_day=last.start_day + prose.every_days - 1)
        self.open_index = None
        for index in range(1, round(count) + 1):
            day = last.start_day + index * prose.every_days
            daily: Amount = round(last.daily_dose + index * size, 6)
            how_often = same
            if index == round(count):
                daily = low if low == high else (low, high)
                how_often = prose.target_times if prose.target_times is not None else same
            end = None if index == round(count) else day + prose.every_days - 1
            words = f"{label} ({'; '.join(w for w in (marker, WITHIN_RANGE) if w)})" if isinstance(daily, tuple) \
                else named
            self.steps.append(Step(words, day, end, per_administration(daily, how_often), last.unit, how_often, daily,
                                   text, line))
        return True

    def _run(self, label: str, prose: Prose, last: Step, text: str, line: int,
             maximum: float | None = None) -> list[Step] | None:
        """The steps of a run of required increases from `last`, at the earliest days the label allows; None when
        the doses do not follow from one another as the text says."""
        assert last.start_day is not None and isinstance(last.daily_dose, float)
        current, times = last.daily_dose, last.times_per_day
        wanted: list[tuple[DoseFact, int]] = []
        markers: list[str] = []
        if prose.to_maximum:
            if maximum is None or prose.step is None or prose.every_days is None or prose.step_unit is None:
                return None
            size = self._in_unit(DoseFact(prose.step_unit, daily=prose.step)).daily
            if not isinstance(size, float) or size <= 0 or (maximum - current) / size > 60:
                return None
            if prose.step_bare and times != 1.0:
                return None  # "by 100 mg" beside a dose given twice daily: per dose or per day is not stated
            # the doses of the run are given as often as the dose before it when the increment says so ("50 mg bid"),
            # or when the maximum is given as often ("up to 1500 mg twice daily")
            run_times = times if isinstance(times, float) and (
                prose.step_times == times or (prose.step_times is None and self.max_times == times)
                or (prose.step_bare and times == 1.0)) else None
            marker = f"{AT_MOST}; {EARLIEST}" if prose.earliest else AT_MOST
            value = current
            while value + size <= maximum + 1e-9:
                value = round(value + size, 6)
                wanted.append((DoseFact(last.unit, per_administration(value, run_times) if run_times else None,
                                        value, run_times), prose.every_days))
                markers.append(marker)
            if not wanted or abs(value - maximum) > 1e-9:
                return None
        for target in prose.targets:
            fact = self._in_unit(target.fact)
            wait = target.after_days or prose.every_days
            if wait is None or not isinstance(fact.daily, float) or fact.unit != last.unit:
                return None
            before = wanted[-1][0].daily if wanted else current
            if target.at_daily is not None and target.at_daily != before:
                return None  # "after a minimum of 4 weeks at 16 mg/day" must follow 16 mg/day
            if target.step is None:
                wanted.append((fact, wait))
                markers.append(target.marker)
                continue
            size = self._in_unit(DoseFact(prose.step_unit or fact.unit, daily=target.step)).daily
            if not isinstance(size, float) or size <= 0 or not isinstance(before, float) or fact.daily <= before:
                return None
            count = (fact.daily - before) / size
            if abs(count - round(count)) > 1e-9 or round(count) > 60 or (not target.fill and round(count) != 1):
                return None  # increments that do not land on the stated dose; a listed dose one increment up
            for index in range(1, round(count)):  # the doses between, at the same increment
                same = fact.times if fact.times == times or (self.once_daily and fact.times in (None, 1.0)) else None
                between = round(before + index * size, 6)
                wanted.append((DoseFact(fact.unit, per_administration(between, same), between, same), wait))
                markers.append(target.marker)
            wanted.append((fact, wait))
            markers.append(target.marker)
        if not wanted:
            return None
        steps: list[Step] = []
        day = last.start_day + wanted[0][1]
        previous = current
        for index, (fact, _) in enumerate(wanted):
            if not isinstance(fact.daily, float) or fact.daily <= previous:
                return None  # a run only goes up
            previous = fact.daily
            how_often, dose = fact.times, fact.dose  # the dose per administration only as stated ("5 mg and 10 mg
            if how_often is None and self.once_daily:  # as separate doses" has none)
                how_often, dose = 1.0, fact.daily
            length = wanted[index + 1][1] if index + 1 < len(wanted) else None
            steps.append(Step(f"{label} ({markers[index]})" if markers[index] else label, day, None if length is None else day + length - 1, dose,
                              last.unit, how_often, fact.daily, text, line))
            if length is not None:
                day += length
        return steps

    def _duration(self, timings: list[Timing], main: list[DoseFact], label: str, text: str, line: int) -> None:
        if (main or len(timings) != 1 or timings[0][0] not in _COURSE) and self.steps and not self.steps[-1].unread:
            self.steps[-1] = replace(self.steps[-1], timing_stated=False)  # how long it lasts is not read
        if main or len(timings) != 1 or timings[0][0] not in _COURSE or not self.steps:
            self.unread(label, text, line, "a duration that is not a fixed number of days")
            return
        last = self.steps[-1]
        if timings[0][0] == "upto" and not last.unread and last.start_day is not None and last.end_day is not None \
                and last.end_day - last.start_day + 1 <= timings[0][1]:
            return  # "2 g twice daily for 1 day" then "Duration: Do not exceed 1 day of treatment": within it
        if last.unread or last.end_day is not None or last.start_day is None or self.open_index is not None:
            if not last.unread:  # a second length that disagrees with the first: how long it lasts is not read
                self.steps[-1] = replace(last, timing_stated=False)
            self.unread(label, text, line, "a duration for a step whose days are not stated")
            return
        self.steps[-1] = replace(last, end_day=last.start_day + timings[0][1] - 1)
        self._course_kind(timings[0])

    def _maximum(self, reading: Reading, text: str, line: int) -> None:
        doses = [f for f in reading.facts if isinstance(f, DoseFact)]
        if not reading.complete or len(doses) != 1 or doses[0].role not in ("dose", "maximum"):
            self.max_unread, self.max_text = True, text
            self.problems.append(Note(line, "warning", f"maximum dose could not be read: {text!r}"))
            return
        fact = self._in_unit(doses[0])
        daily = fact.daily
        if daily is None or isinstance(daily, tuple):
            self.max_unread, self.max_text = True, text
            self.problems.append(Note(line, "warning", f"maximum dose could not be read as a daily total: {text!r}"))
            return
        self.max_daily, self.max_text, self.max_times = daily, text, fact.times
        if _STEPS11_MAY_REQUIRE.match(normalize(_split(text)[1])) and isinstance(fact.times, float):
            self.steps11_require = (daily, fact.times, text, line)

    def _steps13_maintenance_phase(self) -> None:
        """A regimen for the maintenance phase ("Bipolar I disorder, maintenance") whose one step is its maintenance range
        ("Maintenance: 400-800 mg/day"): the patient comes to it stabilized on a dose in that range, so the step has no
        start day (the label states none). A single dose, or any other step beside it, is left as it is."""
        if not self.steps13_phase or len(self.steps) != 1 or self.options or self.notes:
            return
        step = self.steps[0]
        if step.unread or step.start_day != 1 or step.end_day is not None or not isinstance(step.daily_dose, tuple):
            return
        self.steps[0] = replace(step, start_day=None, timing_stated=False)

    def finish(self, name: str | None, section: str, line: int, criteria: tuple[Criteria, ...] | list[Criteria] = (),
               bands: tuple[Band, ...] | list[Band] = ()) -> Regimen:
        self._resolve_pending()
        self._carry_frequency()
        self._steps10_increases_then_maintenance()
        if self.open_index is not None:
            step = self.steps[self.open_index]
            self.steps[self.open_index] = replace(step, end_day=None)  # the only dose: ongoing
            self.open_index = None
        dated = [i for i, s in enumerate(self.steps) if not s.unread and s.timing_stated and s.start_day is not None]
        if len(dated) >= 2 and self.steps[dated[-1]].end_day is not None and not self.notes:
            last = dated[-1]
            if last == len(self.steps) - 1 and last not in self.courses:
                # a titration table's last step: the dose reached continues until it is changed
                self.steps[last] = replace(self.steps[last], end_day=None)
        self._steps10_maintained()
        self._steps10_option_range()
        self._steps11_may_require()
        self._steps13_maintenance_phase()
        # cond11: every step read is theirs (an unread step shows only its own words)
        steps = tuple(s if s.unread else replace(s, condition=self.condition) for s in self.steps)
        return Regimen(name, steps, self.max_daily, self.unit, section, line, tuple(self.options), self.max_text,
                       self.max_unread, tuple(self.notes), tuple(criteria), tuple(bands))


# ---------------------------------------------------------------- criteria (apixaban-style)

_CRIT_HEAD = re.compile(r"\b(?:at least|any) (2|two|1|one) of the following")
_CRIT: list[tuple[re.Pattern[str], Literal["age", "weight", "scr"]]] = [
    (re.compile(r"\bage (>=|<=|>|<) ?(\d+(?:\.\d+)?) years?"), "age"),
    (re.compile(r"\b(?:body )?weight (>=|<=|>|<) ?(\d+(?:\.\d+)?) kg"), "weight"),
    (re.compile(r"\bserum creatinine (>=|<=|>|<) ?(\d+(?:\.\d+)?) mg/dl"), "scr"),
]
_CRIT_DOSE = re.compile(r"(\d+(?:\.\d+)?) (mg|mcg) (?:orally )?(once daily|twice daily)")


def read_criteria(text: str, line: int) -> Criteria | None:
    plain = normalize(text)
    head = _CRIT_HEAD.search(plain)
    if not head:
        return None
    found = []
    for pattern, measure in _CRIT:
        match = pattern.search(plain)
        if match:
            found.append(Criterion(measure, match.group(1), float(match.group(2))))
    doses = _CRIT_DOSE.findall(plain)
    if len(found) < 2 or len({d for d in doses}) != 1:
        return None
    amount, unit, freq = doses[0]
    times = 1.0 if freq == "once daily" else 2.0
    needed = {"2": 2, "two": 2, "1": 1, "one": 1}[head.group(1)]
    return Criteria(needed, tuple(found), float(amount), unit_name(unit), times, float(amount) * times,
                    strip_bold(text), line)


# ---------------------------------------------------------------- the monograph

def _walk(section: Section) -> list[Section]:
    """This section and every section below it, depth first."""
    out = [section]
    for child in section.children:
        out += _walk(child)
    return out


def _walk_all(monograph: Monograph) -> list[Section]:
    return [found for top in monograph.sections for found in _walk(top)]


def _adults(dosage: Section | None) -> Section | None:
    if dosage is None:
        return None
    for section in _walk(dosage):
        if "adult" in section.title.casefold():
            return section
    return None


def _is_regimen_parent(bullet: Bullet) -> bool:
    if not bullet.children:
        return False
    label, body = _split(bullet.text)
    head = label or body
    if _RENAL_HEAD.search(head) or _HEPATIC_HEAD.search(head):
        return False
    if step_kind(head)[0] != "other":
        return False
    return any(step_kind(_split(c.text)[0])[0] not in ("other", "ignore", "indication") for c in bullet.children)


# labels read as a step only on a bullet with nothing under it (with bullets under it, it names a regimen, as before):
# "Usual: 100 mg every 12 hours", "Oral: 300 mg twice daily" (beside an "Intravenous:" bullet, left as a note),
# "Induction: 900 mg twice a day for 21 days" (then "Maintenance: …"), and a label that names only adults ("Adults and
# children 12 years and older: 5 mg once daily")
_LEAF_LABELS = [
    (re.compile(r"^(?:usual|oral|oral dose|oral dosage|usual oral dose)$"), "maintenance"),
    (re.compile(r"^(?:induction|induction dose|induction dosage|induction therapy)$"), "initial"),
    (re.compile(r"^(?:adults|adult patients|adults and (?:adolescents|children)(?: \(?(?:aged? )?\d+ years(?: of age)? "
                r"and older\)?)?)$"), "maintenance"),
]


def _bullet_kind(bullet: Bullet) -> str:
    """The step kind of a bullet's label, with the labels read as steps only on a bullet with nothing under it."""
    label, _ = _split(bullet.text)
    kind = step_kind(label)[0] if label else "other"
    if kind == "other" and label and not bullet.children:
        kind = next((k for pattern, k in _LEAF_LABELS if pattern.match(normalize(label))), kind)
    return kind


def _one_dose(body: str) -> bool:
    """The whole text is one dose and nothing else ("400 mg BID for 14 days")."""
    reading = read_text(body)
    return reading.complete and len(reading.facts) == 1 and isinstance(reading.facts[0], DoseFact) and \
        reading.facts[0].role == "dose"


def _within(inner: Amount, outer: Amount) -> bool:
    """inner (a number or range) lies inside outer (a number or range)."""
    low, high = inner if isinstance(inner, tuple) else (inner, inner)
    out_low, out_high = outer if isinstance(outer, tuple) else (outer, outer)
    return out_low <= low and high <= out_high


_MAY = re.compile(r"\b(?:may|can)\b")
_SEQUENCE = re.compile(r"\b(?:then|followed by|thereafter)\b")


def _says_once_daily(bullets: tuple[Bullet, ...] | list[Bullet]) -> bool:
    """An `Administration:` bullet whose first clause is only "once daily" (at bedtime, in the evening, …): a bare
    amount in a step of this regimen is then the day's one dose — the only frequency where a dose and a daily
    total cannot be told apart wrongly."""
    for bullet in bullets:
        label, body = _split(bullet.text)
        plain = normalize(body)
        if label and step_kind(label)[0] == "ignore" and _ONCE_DAILY_HEAD.match(plain) \
                and not _OTHER_FREQUENCY.search(plain):
            return True
    return False


_ONCE_DAILY_HEAD = re.compile(r"^(?:(?:take|give|given|administer|administered) )?(?:once daily|once a day)"
                              r"(?: (?:at bedtime|in the evening|in the morning))?(?:\s*[,;.(]|$)")
# "150 mg orally twice daily (CrCl >30 mL/min)", "60 mg once daily in patients with CrCl >50 to <=95 mL/min"
_CRCL_CONDITION = re.compile(r"\s*\((?P<paren>(?:crcl|clcr|creatinine clearance) [^()]*?ml/min)\)|"
                             r",?\s+in patients with (?P<with>(?:crcl|clcr|creatinine clearance) [^,;()]*?ml/min)(?=[,;.]|$)")
_OTHER_FREQUENCY = re.compile(r"\b(?:twice|two times|three times|four times|divided|every \d+|bid|tid|qid|q\d+h|"
                              r"2 times|3 times|4 times)\b")
# round 10: how often the words of an option and of a maximum say a dose is given (anything else: not carried)
_STEPS10_TIMES = {"once daily": 1.0, "once a day": 1.0, "twice daily": 2.0, "twice a day": 2.0, "twice-daily": 2.0,
                  "bid": 2.0, "three times daily": 3.0, "three times a day": 3.0, "tid": 3.0, "four times daily": 4.0,
                  "four times a day": 4.0, "qid": 4.0, "divided": -1.0, "2 times": -1.0,
                  "3 times": -1.0, "4 times": -1.0, "two times": -1.0}
_STEPS10_FREQ_WORDS = "|".join(sorted((re.escape(w) for w in _STEPS10_TIMES), key=len, reverse=True))
_STEPS10_FREQ = re.compile(rf"\b({_STEPS10_FREQ_WORDS})\b")
# "… increase to 50 mg twice daily": the frequency of the dose an option increases to
_STEPS10_TO_DOSE = re.compile(r"\b(?:increase|increased|titrated?)(?: (?:the )?(?:dose|dosage))? to \d+(?:\.\d+)? "
                              rf"(?:mg|mcg) ({_STEPS10_FREQ_WORDS})\b")
_STEPS10_HOURS = re.compile(r"\bevery \d+(?: ?(?:to|-) ?\d+)? hours?\b|\bq\d+h\b")
_BARE_AMOUNT = re.compile(r"^(?:\d+(?:\.\d+)? (?:mg|mcg|g)(?:/day)?|between \d+(?:\.\d+)? (?:mg|mcg|g)(?:/day)? and "
                          r"\d+(?:\.\d+)? (?:mg|mcg|g)(?:/day)?|\d+(?:\.\d+)?-\d+(?:\.\d+)? (?:mg|mcg|g)(?:/day)?)$")


def _regimen_from(bullets: tuple[Bullet, ...] | list[Bullet], name: str | None, section_path: str, line: int,
                  problems: list[Note], extra_bands: tuple[Band, ...] = (), heading: str | None = None) -> Regimen:
    with regimen_heading(heading or name):
        return _regimen_read(bullets, name, section_path, line, problems, extra_bands)


def _regimen_read(bullets: tuple[Bullet, ...] | list[Bullet], name: str | None, section_path: str, line: int,
                  problems: list[Note], extra_bands: tuple[Band, ...]) -> Regimen:
    builder = _Builder(problems)
    builder.once_daily = _says_once_daily(bullets)
    criteria = []
    renal: list[Band] = list(extra_bands)
    for bullet in bullets:
        label, body = _split(bullet.text)
        found = read_criteria(bullet.text + " " + " ".join(c.text for c in bullet.children), bullet.line)
        if found is not None:
            criteria.append(found)
            continue
        if label and _RENAL_HEAD.search(label) and _RENAL_KIND.search(label):
            renal.extend(_bands_of(bullet, problems))
            continue
        if label and _HEPATIC_HEAD.search(label):
            continue
        builder.bullet(bullet)
        if bullet.children and step_kind(label)[0] not in ("other", "ignore", "indication"):
            for child in bullet.children:
                builder.notes.append((child.line, strip_bold(child.text)))
    return builder.finish(name, section_path, line, criteria, renal)


# round 9: the monograph's one use ("Adjunctive treatment of seizures associated with Lennox-Gastaut Syndrome in pediatric
# patients 1 year of age and older and in adults"), without the patients it names: for a regimen with no heading of its
# own, the words that name its patients ("the recommended starting daily dose in adults with Lennox-Gastaut Syndrome is")
_POPULATION_TAIL = re.compile(r",?\s+(?:in|for)\s+(?:pediatric|adults?|adult patients|children|patients|adolescents|"
                              r"infants|neonates|elderly|women|men)\b.*$", re.I | re.S)


def _one_use(monograph: Monograph) -> str | None:
    """The Usage section's single indication without the patients it names; None with several, or none."""
    usage = find_section(monograph.sections, "usage")
    if usage is None:
        return None
    uses = [b.text for b in usage.bullets if not re.match(r"\s*\*\*", b.text)]
    if len(uses) != 1 or not uses[0].strip():
        return None
    use = _POPULATION_TAIL.sub("", uses[0]).strip(" .")
    return use or None


def _regimens(adults: Section | None, problems: list[Note], use: str | None = None) -> list[Regimen]:
    if adults is None:
        return []
    path = " › ".join(adults.path)
    regimens: list[Regimen] = []
    indication = None
    for bullet in adults.bullets:
        label, body = _split(bullet.text)
        if label and step_kind(label)[0] == "indication":
            indication = body.rstrip(".") or None
    own = [b for b in adults.bullets if not _is_regimen_parent(b)]
    parents = [b for b in adults.bullets if _is_regimen_parent(b)]
    own_has_steps = any(_bullet_kind(b) not in ("other", "ignore", "indication") for b in own)
    if own_has_steps or not (parents or adults.children):
        regimens.append(_regimen_from(own, indication, path, adults.line, problems,
                                      heading=indication or (use if not parents and not adults.children else None)))
    for parent in parents:
        label, body = _split(parent.text)
        name = squash_spaces(label or body).rstrip(":.") or None
        regimens.append(_regimen_from(parent.children, name, path + " › " + (name or ""), parent.line, problems))
    for child in adults.children:
        for section in _walk(child):
            if not section.bullets:
                continue
            regimens.append(_regimen_from(section.bullets, section.title, " › ".join(section.path), section.line,
                                          problems))
    # prose regimens: "Epilepsy (patients 12 years and older): start 300 mg three times daily; ..."
    if indication is not None and regimens and any(r.steps for r in regimens):
        for bullet in own:
            label, body = _split(bullet.text)
            if label and _bullet_kind(bullet) == "other" and not _NOTE_WORDS.search(label) \
                    and re.search(r"\d\s*(?:mg|mcg|g)\b", body, re.I):
                name = squash_spaces(label)
                builder = _Builder(problems)
                builder.unread(name, strip_bold(bullet.text), bullet.line, "a regimen written as prose")
                regimens.append(builder.finish(name, path, bullet.line))
                regimens[0] = _drop_note(regimens[0], bullet.line)
    if len(regimens) > 1:  # an unnamed group of bullets with nothing to dose is an introduction, not a regimen
        regimens = [r for r in regimens if r.name or r.steps or r.max_daily_dose is not None or r.criteria]
    return regimens


def _drop_note(regimen: Regimen, line: int) -> Regimen:
    return replace(regimen, notes=tuple(n for n in regimen.notes if n[0] != line))


def _bands_of(head: Bullet, problems: list[Note], hepatic: bool = False) -> list[Band]:
    """Bands nested under a `Patients with Renal (Hepatic) Impairment` bullet, or its one statement."""
    out: list[Band] = []
    label, body = _split(head.text)
    if not head.children:
        if body and not re.fullmatch(r"[\s.:]*", body):
            out.append(_statement_band(body, head.line, problems, hepatic))
        return out
    if body:
        guidance = read_guidance(body)
        if guidance.action not in ("none",) and not re.fullmatch(r"[\s.:]*", body):
            problems.append(Note(head.line, "warning", f"words before the bands are not applied: {body!r}"))
    for child in head.children:
        child_label, child_body = _split(child.text)
        if child.children and not hepatic and (not child_body) and read_interval(child_label or child.text) is None:
            group = squash_spaces(child_label or strip_bold(child.text)).rstrip(":")
            for sub in _bands_of(Bullet(f"{group}:", child.line, child.children), problems):
                out.append(replace(sub, group=group))
            continue
        text = child_body + "".join(" " + strip_bold(c.text) for c in child.children)
        if not hepatic and _CONDITIONAL.search(child_label or child.text):
            out.append(Band(child_label or strip_bold(child.text), text, child.line, read_guidance("unreadable"),
                            measure="conditional"))
            continue
        if hepatic:
            classes = read_child_pugh(child_label) if child_label else None
            if classes is None:
                problems.append(Note(child.line, "warning", f"hepatic band {child_label or child.text!r} names no "
                                                            "Child-Pugh class this reader understands"))
                continue
            out.append(Band(child_label, text, child.line, read_guidance(text), measure="child-pugh",
                            child_pugh=classes))
            continue
        if not child_label:
            words = strip_bold(child.text)
            if len(head.children) == 1 and not child.children and read_guidance(words).action == "none":
                out.append(_statement_band(words, child.line, problems, hepatic))  # "No dose adjustment recommended."
                continue
            if not _RENAL_NUMBERS.search(words):  # a sentence beside the bands: shown, never applied
                kind: Literal["conditional", "option"] = "conditional" if _CONDITIONAL.search(words) else "option"
                out.append(Band(words, words, child.line, read_guidance("unreadable"), measure=kind))
                continue
            prose = None if hepatic else _prose_band(words, child.line)
            if prose is not None:
                out.append(prose)
                continue
            both = None if hepatic else _AND_DIALYSIS_PATIENTS.fullmatch(squash_spaces(words))
            on_dialysis = _prose_band(f"{both.group(1)} in {both.group(3)}.", child.line) if both else None
            if both and on_dialysis is not None:
                # "FYCOMPA is not recommended in patients with severe renal impairment or patients undergoing
                # hemodialysis": the dialysis patients' band is read; the other patients' words stay unread
                out.append(replace(on_dialysis, text=words))
                problems.append(Note(child.line, "warning", f"renal band has no `label: guidance` shape: "
                                                            f"{both.group(2)!r}"))
                out.append(Band(words, words, child.line, read_guidance("unreadable"), measure="unread"))
                continue
            problems.append(Note(child.line, "warning", f"renal band has no `label: guidance` shape: {child.text!r}"))
            out.append(Band(words, words, child.line, read_guidance("unreadable"), measure="unread"))
            continue
        if not hepatic and _CHILDREN.match(child_label) and not _CLEARANCE_WORDS.search(child_label):
            # "Children 6 months to 11 years with renal impairment": a band for children, never an adult's band
            out.append(Band(child_label, text, child.line, read_guidance(text), measure="pediatric"))
            continue
        if not hepatic and _SOME_MAY.match(squash_spaces(child_label)):
            # "Some renally-impaired or elderly patients … may require a lower starting dose: 25 mg …": an option the
            # label leaves to the prescriber for some patients, shown beside the plan, never a band of CrCl values
            out.append(Band(child_label, text, child.line, read_guidance("unreadable"), measure="option"))
            continue
        named = _GROUP_THEN_BAND.fullmatch(squash_spaces(child_label))
        if named and not _CONDITION.match(named.group(1)) and not _CLEARANCE_WORDS.search(named.group(1)) and read_interval(named.group(1)) is None and \
                read_interval(named.group(2)) is not None:
            # "Active duodenal ulcer, GERD, and benign gastric ulcer — Creatinine clearance 20-50 mL/min": the
            # group the band is stated for, a dash, then the band
            band, why = read_band(named.group(2), text, child.line)
            if band is not None:
                out.append(replace(band, label=child_label, group=named.group(1).strip()))
                continue
        if not hepatic and (_TRANSPLANT.fullmatch(squash_spaces(child_label)) or _ACUTE.fullmatch(
                squash_spaces(child_label)) or (_ANY_DISEASE.fullmatch(squash_spaces(child_label)) and
                                                 re.search(r"\bcaution\b", text, re.I) and not re.search(r"\d", text))):
            # "Renal transplantation: use with caution": patients with a transplanted kidney, named by no clearance —
            # words shown beside the plan, never a band every CrCl falls in
            out.append(Band(child_label, text, child.line, read_guidance("unreadable"), measure="option"))
            continue
        band, why = read_band(child_label, text, child.line)
        if band is None and not re.search(r"\d|crcl|clcr|creatinine|gfr|mild|moderate|severe|impair|failure|normal",
                                          child_label, re.I):
            # a band stated for a regimen ("Nonvalvular atrial fibrillation: no dose adjustment"): every CrCl of it
            dialysis = re.search(r",?\s*(?:esrd )?(?:on |requiring )?(?:hemo)?dialysis\b.*$", child_label, re.I)
            group = squash_spaces(child_label[:dialysis.start()] if dialysis else child_label)
            guidance = read_guidance(text)
            if dialysis:
                out.append(Band(child_label, text, child.line, guidance, measure="dialysis",
                                dialysis=("hd", "pd", "crrt"), group=group))
            else:
                out.append(Band(child_label, text, child.line, guidance, 0.0, None, True, False, group=group))
            continue
        if band is None:
            problems.append(Note(child.line, "warning", why or "renal band not read"))
            out.append(Band(child_label, text, child.line, read_guidance(text), measure="unread"))
            continue
        if band.guidance.action == "unread":
            problems.append(Note(child.line, "warning", f"renal guidance for {child_label!r} could not be read "
                                                        f"into a dose or verdict; it is shown as text"))
        out.append(band)
    return out


def _prose_band(sentence: str, line: int) -> Band | None:
    """A band written as a sentence ("In patients with severe renal impairment (ClCr less than 30 mL/min) the
    recommended initial dose is 2.5 mg once daily"), only when its patients read as one CrCl interval or as patients
    on dialysis, and its guidance reads whole (for dialysis, unread guidance refuses those patients with the sentence
    shown); else None (the caller keeps the sentence unread)."""
    parts = split_prose(sentence)
    if parts is None:
        return None
    band, _ = read_band(parts[0], parts[1], line)
    if band is None or band.measure not in ("crcl", "egfr", "dialysis", "esrd") or \
            (band.measure in ("crcl", "egfr") and band.dialysis):
        return None
    if band.measure in ("crcl", "egfr") and band.guidance.action == "unread":
        return None  # a clearance whose guidance does not read: the whole sentence stays unread
    # (patients on dialysis with words this tool does not read — "has not been studied" — are refused with them shown)
    return replace(band, label=parts[0], text=sentence)


# a verdict on two populations, the second on dialysis: "X is not recommended in patients with severe renal impairment
# or patients undergoing hemodialysis"
_AND_DIALYSIS_PATIENTS = re.compile(r"(.+?) (?:in|for) (patients with [^.;()]+?) or (patients (?:undergoing|on|receiving) "
                                    r"(?:hemodialysis|dialysis))\.?", re.I)
_TRANSPLANT = re.compile(r"(?:patients with (?:a )?)?renal transplant(?:ation|s| recipients| patients)?", re.I)
# an acute event, not a clearance: "Acute renal failure or a clinically significant sustained increase in serum
# creatinine: discontinue therapy" — shown beside the plan
_ACUTE = re.compile(r"(?:patients with |patients who develop |in patients with )?(?:acute renal failure|acute kidney injury|"
                    r"aki)(?: or (?:a )?(?:clinically significant )?(?:sustained )?(?:increase|rise) in serum creatinine)?",
                    re.I)
# "Renal disease: … patients with renal disease should be treated with caution, and might require slower titration":
# a caution without a clearance or a number, beside the numbered bands
_ANY_DISEASE = re.compile(r"(?:patients with )?(?:renal|kidney) disease", re.I)
_SOME_MAY = re.compile(r"^(?:some|certain|selected) [a-z ,-]*?patients\b[a-z ,-]*? may (?:require|need|benefit from) (?:a )?"
                       r"(?:lower|smaller|reduced) (?:starting |initial )?(?:dose|dosage)s?$", re.I)
_GROUP_THEN_BAND = re.compile(r"(.+?)(?:\s+[—–]\s+|,\s+(?=(?:crcl|clcr|creatinine clearance|egfr)\b))(.+)", re.I)
# a condition, not the regimen a band is for: "With atazanavir or ritonavir, CrCl 30 to 60 mL/min" stays unread
_CONDITION = re.compile(r"^(?:with|without|if|when|while|in patients (?:taking|on|receiving)|taking|receiving|"
                        r"concomitant|co-?administered)\b", re.I)
_ABOUT_DIALYSIS = re.compile(r"\b(?:after|following|during|before)\b[^.;]*\b(?:hemodialysis|dialysis)\b", re.I)
_CHILDREN = re.compile(r"^(?:children|pediatric|paediatric|infants|neonates)\b(?![^:]*\badults?\b)", re.I)
_CLEARANCE_WORDS = re.compile(r"crcl|clcr|creatinine clearance|egfr|gfr|ml/min", re.I)


def _statement_band(body: str, line: int, problems: list[Note], hepatic: bool) -> Band:
    if not hepatic and _ABOUT_DIALYSIS.search(body) and not _CLEARANCE_WORDS.search(body):
        # "No additional dosage modification is required after routine hemodialysis or peritoneal dialysis": a
        # statement about dialysis patients only, never a band of CrCl values
        modalities = tuple(kind for word, kind in (("hemodialysis", "hd"), ("peritoneal", "pd"), ("crrt", "crrt"),
                                                   ("continuous renal replacement", "crrt")) if word in body.lower())
        problems.append(Note(line, "warning", f"dialysis guidance is shown as text only: {body[:80]!r}"))
        return Band("Dialysis", body, line, read_guidance("unreadable"), measure="dialysis",
                    dialysis=modalities or ("hd", "pd", "crrt"))
    prose = None if hepatic else _prose_band(body, line)
    if prose is not None and prose.measure in ("crcl", "egfr") and prose.guidance.action == "none" and prose.high is None:
        # "Patients with creatinine clearance rates over 50 mL/min may be treated as if they were patients having normal
        # renal function": a statement for the patients above a clearance, a band of its own
        return prose
    guidance = read_guidance(body)
    everyone = guidance.action in ("none", "caution")
    if not everyone:
        what = "hepatic" if hepatic else "renal"
        problems.append(Note(line, "warning", f"{what} guidance without bands is shown as text only: {body[:80]!r}"))
    if hepatic:
        return Band("All degrees of hepatic impairment", body, line, guidance if everyone else
                    read_guidance("unreadable"), measure="child-pugh", child_pugh=("A", "B", "C"))
    if everyone:
        return Band("All degrees of renal impairment", body, line, guidance, 0.0, None, True, False)
    return Band("Renal impairment", body, line, read_guidance("unreadable"), 0.0, 90.0, True, False)


def _special_bullets(dosage: Section | None, monograph: Monograph,
                     pattern: re.Pattern[str]) -> tuple[Section, Bullet] | tuple[None, None]:
    """(section path, bullet) for the special-population bullet matching `pattern`, wherever it sits."""
    places = _walk(dosage) if dosage is not None else _walk_all(monograph)
    for section in places:
        for bullet in section.bullets:
            label, body = _split(bullet.text)
            head = label or body
            if pattern.search(head) and (pattern is not _RENAL_HEAD or _RENAL_KIND.search(head)):
                return section, bullet
    return None, None


# a footnote marker at the end of a table cell ("500 to 1,000 | Every 24 hours*"), and the footnote below the table
# ("*Following dialysis, a 250 to 500 mg supplemental dose is recommended."): the cell's words go on with the note's
_MARKER = re.compile(r"(?<=[\w)])(\*{1,3}|†|‡)(?=\s*$)")
_FOOTNOTE = re.compile(r"^\s*(\*{1,3}|†|‡)\s*(?!\*)(\S.*?)\s*$")


_TABLE_FREQUENCY = re.compile(r"\((?:administered|given|taken) (?:orally )?(once daily|twice daily|once a day|twice a day)\)")
_CELL_AMOUNT = re.compile(r"\d+(?:\.\d+)? ?(?:mg|mcg|g)")


_INTERVALS_BELOW = re.compile(r"(?:(?:the )?dosage should be adjusted according to creatinine clearance(?: rates)?"
                              r"(?: to prevent (?:drug )?accumulation)?; )?(?:an? )?initial dose of (?P<first>\d+(?:\.\d+)? ?"
                              r"(?:mg|g)) and maintenance doses of (?P<then>\d+(?:\.\d+)? ?(?:mg|g)) at the (?:time |dosing )?"
                              r"intervals (?:listed|given|shown) below", re.I)


def _at_listed_interval(band: Band, intervals: re.Match[str]) -> Band:
    hours = normalize(band.text).split()[0]
    words = f"{intervals.group('first')} initial dose, then {intervals.group('then')} every {hours} hours"
    return replace(band, text=f"{band.text} (with the heading: {words})", guidance=read_guidance(words))


def _footnote_bullets(section: Section, head: Bullet) -> str:
    """The bullets right after a renal heading that are its table's footnotes ("- *Cefprozil is in part removed by
    hemodialysis; …"), as lines that follow the table."""
    lines = []
    for bullet in (b for b in section.bullets if b.line > head.line):
        text = strip_bold(bullet.text).strip()
        if not _FOOTNOTE.match(text) or bullet.children:
            break
        lines.append(text)
    return "".join(f"\n{line}" for line in lines)


def _footnotes(text: str, after: int) -> dict[str, str]:
    """Footnotes by marker, from the lines right after the table (its last row at line `after` of the text)."""
    found: dict[str, str] = {}
    for line in text.splitlines()[after:]:
        if not line.strip():
            continue
        match = _FOOTNOTE.match(line)
        if match is None:
            break
        found[match.group(1)] = match.group(2)
    return found


# a sentence after the table sending the patients on dialysis to another product: "End-stage renal disease patients on
# dialysis should use immediate-release levetiracetam (KEPPRA) instead of KEPPRA XR" — not this product, for them
_USE_INSTEAD = re.compile(r"(?P<who>(?:(?:end[- ]stage renal disease|esrd) )?patients (?:on|receiving|undergoing) "
                          r"(?P<kind>hemodialysis|dialysis)) should (?:use|receive|be given|be switched to) "
                          r"[\w ()-]+? instead of [\w ()-]+?\.?")


def _sent_elsewhere(text: str, after: int, first_line: int) -> list[Band]:
    """Bands from the paragraph right after the table (after its footnotes) that sends dialysis patients to another
    product; any other sentence there is left as it was (not read)."""
    out = []
    for offset, line in enumerate(text.splitlines()[after:]):
        words = normalize(line.strip())
        if not words or _FOOTNOTE.match(line):
            continue
        match = _USE_INSTEAD.fullmatch(words)
        if match is None:
            break
        kinds = ("hd",) if match.group("kind") == "hemodialysis" else ("hd", "pd", "crrt")
        out.append(Band(line.strip(), line.strip(), first_line + after + offset, Guidance("not-recommended"),
                        measure="dialysis", dialysis=kinds))
    return out


def _above_the_table(head: Bullet, table: list[Band]) -> list[Band]:
    """A sentence before a renal table that gives the patients above it no adjustment ("No adjustment is necessary
    for patients with a creatinine clearance ≥ 50 mL/min" above rows that end at 49 mL/min): a band of its own, when
    it starts where the table's clearance rows end. Other sentences there stay words beside the table, as before."""
    _, body = _split(head.text)
    numbered = [b for b in table if b.measure in ("crcl", "egfr")]
    if not body or not numbered or any(b.high is None for b in numbered):
        return []
    top = max(numbered, key=lambda b: b.high or 0.0)
    out = []
    for sentence in re.split(r"(?<=\.)\s+(?=[A-Z])", body):
        band = _prose_band(sentence, head.line)
        if band is None or band.measure != top.measure or band.guidance.action != "none" or band.high is not None or \
                band.low is None or not (band.low == top.high or (top.high_inclusive and 0 < band.low - (top.high or 0.0) <= 1)):
            continue
        out.append(band)
    return out


def _table_bands(text: str, first_line: int, problems: list[Note]) -> list[Band]:
    rows = table_rows(text, first_line)
    if not rows or not re.search(r"crcl|clcr|creatinine|gfr|renal", normalize(" ".join(rows[0][1]))):
        return []
    out = []
    notes = _footnotes(text, rows[-1][0] - first_line + 1)
    before = text[:text.find("|")]
    how_often = _TABLE_FREQUENCY.findall(normalize(before))
    for label, words, line, group in bands_from_table(rows):
        words = _MARKER.sub(lambda m: f". {notes[m.group(1)]}" if m.group(1) in notes else m.group(0), words)
        marked = _MARKER.search(label)
        if marked and marked.group(1) in notes:  # "0 to 29*": the row's label, its footnote beside the row's words
            label = label[:marked.start()].rstrip()
            words = f"{words}. {notes[marked.group(1)]}"
        if len(how_often) == 1 and _CELL_AMOUNT.fullmatch(words.strip()):
            # "Recommended dose … (administered orally once daily)" above a column of amounts: each row's amount is
            # given that often
            words = f"{words.strip()} {how_often[0]}"
        band, why = read_band(label, words, line)
        if band is None:
            problems.append(Note(line, "warning", why or "renal table row not read"))
            out.append(Band(label, words, line, read_guidance("unreadable"), measure="unread", group=group))
        else:
            out.append(replace(band, group=group))
    if not any(b.measure == "dialysis" for b in out):
        out += _sent_elsewhere(text, rows[-1][0] - first_line + 1, first_line)
    return out


_HEAD_GROUP = re.compile(r"renal (?:impairment|function|insufficiency)\s*(?:[—–]|-\s|\()\s*(.+?)\)?\s*$", re.I)
# the parentheses after the heading hold a sentence, not the name of an indication or formulation: "(dosage should be
# reduced in patients with moderate to severe renal insufficiency)", "(… creatinine clearance is <30 mL/min)"
_REMARK = re.compile(r"\b(?:is|are|was|were|be|been|should|must|may|can|cannot|will|recommended|required)\b", re.I)
# … and a remark that states a dose, a share of one or a verdict is dosing this tool does not read there: it refuses
_REMARK_SAYS = re.compile(r"\d+(?:\.\d+)?\s*(?:mg|mcg|g|%|percent)\b|\bnot\b|\bcannot\b|\bcontraindicated\b|"
                          r"\bavoid|\bdiscontinu|\bhalf\b|\bloading\b", re.I)
# the heading's parentheses name the label's table (and its measure or title), not an indication or formulation:
# "(Table 1, eGFR in mL/min/1.73 m²)", "(Table 1: Recommended Dosage)"
_TABLE_NOTE = re.compile(r"^(?:see )?table \d+[a-z]?(?:\s*[,:;]\s*(?:(?:e?gfr|crcl|clcr|creatinine clearance) in ml/min"
                         r"(?:/1\.73 ?m(?:2|²)?)?|(?:recommended )?(?:dosage|dose|dosing)(?: (?:adjustments?|"
                         r"modifications?|recommendations?))?))?$", re.I)
# the title of the label's section the words come from: "Use in Renally Impaired Patients", "Dosage in Renal Impairment"
_LABEL_SECTION = re.compile(r"(?:(?:use|dosage|dosing|dose adjustments?|dosage adjustments?) in )?(?:renally impaired patients|"
                            r"patients with renal impairment|renal impairment)(?:,? (?:section )?\d+(?:\.\d+)*)?", re.I)
# a sentence warning that the drug may harm the kidney: says nothing of how to dose patients whose kidneys are impaired
_HARMS_KIDNEY = re.compile(r"^(?:[\w-]+ )?(?:can|may|might) (?:also )?(?:worsen|impair|decrease|reduce|cause (?:a )?"
                           r"(?:decline|deterioration|changes) in) (?:the )?(?:renal|kidney) function\.?$", re.I)
def _balanced(text: str) -> str:
    """The text without a closing parenthesis it never opened (the heading's own, left on its last clause)."""
    return text[:-1].rstrip(" .") if text.endswith(")") and text.count(")") > text.count("(") else text


_HARMLESS_REMARK = re.compile(
    r"(?:(?:serum creatinine|(?:estimated )?creatinine clearance|renal function)(?: (?:or|and) (?:serum creatinine|"
    r"(?:estimated )?creatinine clearance|renal function))?) should be monitored(?: regularly| closely| periodically| "
    r"carefully)?(?: during (?:treatment|therapy))?|"
    r"for (?:adult )?patients (?:on|receiving|undergoing) (?:hemo)?dialysis(?: \([^()]*\))?, a dose recommendation "
    r"(?:for [\w-]+ )?cannot be given", re.I)
# the caveat labels put beside a renal table about the table itself ("these recommendations have not been
# clinically evaluated"): it changes no dose
_CAVEAT = re.compile(r"\b(?:have|has) not been clinically evaluated\b", re.I)


def _renal_heads(dosage: Section | None, monograph: Monograph) -> list[tuple[Section, Bullet, str | None, str]]:
    """Every `Patients with Renal Impairment` bullet outside the regimens, with the group it names
    ("— Parkinson's disease (extended-release tablets: Mirapex ER)") and the text up to the next bullet."""
    places = _walk(dosage) if dosage is not None else _walk_all(monograph)
    out = []
    for section in places:
        if "adult" in section.title.casefold() and section.level <= 4:
            continue
        for bullet in section.bullets:
            # the heading's group ends at its first colon: "(immediate-release: Neurontin; patients 12 years and
            # older)" is stated for the immediate-release formulation
            match = _LABEL.match(strip_bold(bullet.text).strip())
            label, body = (match.group(1).strip(), match.group(2).strip()) if match else ("", bullet.text)
            head = label or body
            if not (_RENAL_HEAD.search(head) and _RENAL_KIND.search(head)) or _HEPATIC_HEAD.search(head) or \
                    re.match(r"\s*(?:as (?:described|noted|stated) (?:above|below)|see (?:above|below))", body, re.I):
                continue
            if not label and not bullet.children and _HARMS_KIDNEY.match(squash_spaces(strip_bold(body))):
                continue  # "Lotensin can also worsen renal function.": a warning about the kidney, no renal dosing
            match = _HEAD_GROUP.search(strip_bold(head))
            group = squash_spaces(match.group(1)).rstrip(":") if match else None
            if group and re.match(r"(?:adults?|all (?:indications|regimens|uses|patients|formulations))\b", group, re.I):
                group = None
            if group and _TABLE_NOTE.match(group):
                group = None  # "(Table 1, eGFR in mL/min/1.73 m²)": the table below and its measure, not a regimen
            if group and all(_TABLE_NOTE.match(part.strip()) or _LABEL_SECTION.fullmatch(part.strip())
                             for part in group.split(";")):
                group = None  # "(Use in Renally Impaired Patients; Table 5)": where in the label the words are from
            if group and all(_HARMLESS_REMARK.fullmatch(_balanced(clause.strip(" ."))) for clause in group.split(";")):
                # "(serum creatinine or estimated creatinine clearance should be monitored regularly during treatment;
                # for adult patients on hemodialysis (CrCl less than 10 mL/min), a dose recommendation … cannot be
                # given)": monitoring, and no dose for dialysis patients — the bands below give every dose
                group = None
            if group and _REMARK.search(group):
                # a remark that changes no dose: the bands below are for every regimen; one that states a dose or a
                # verdict is words this tool does not read there, and every regimen's renal answer refuses
                group = REMARK_GROUP + group if _REMARK_SAYS.search(_CAVEAT.sub("", group)) else None
            out.append((section, bullet, group, bullet_chunk(section, bullet)))
    return out


def read_dosing(monograph: Monograph) -> Dosing:
    """Everything `titrate` needs from a monograph; what cannot be read goes to `problems` and stays words."""
    with drug_names((monograph.name, *monograph.aliases), monograph.brand_names):
        return _read_dosing(monograph)


def _read_dosing(monograph: Monograph) -> Dosing:
    problems: list[Note] = []
    dosage = find_section(monograph.sections, "dosage")
    regimens = _regimens(_adults(dosage), problems, _one_use(monograph))
    bands: list[Band] = []
    renal_section = None
    regimen_lines = {b.line for r in regimens for b in r.bands}
    for section, head, group, chunk in _renal_heads(dosage, monograph):
        if head.line in regimen_lines:
            continue
        table = _table_bands(chunk + _footnote_bullets(section, head), head.line, problems)
        intervals = _INTERVALS_BELOW.fullmatch(group[len(REMARK_GROUP):].rstrip(")").strip()) \
            if group is not None and group.startswith(REMARK_GROUP) else None
        if table and intervals is not None and all(re.fullmatch(r"\d+ hours", normalize(b.text)) for b in table
                                                  if b.measure in ("crcl", "egfr")):
            # "(… initial dose of 1000 mg and maintenance doses of 500 mg at the time intervals listed below)" over a
            # column of intervals: each row is that initial dose, then that dose at its interval
            table = [_at_listed_interval(b, intervals) if b.measure in ("crcl", "egfr") else b for b in table]
            group = None
        if table:
            found = table + (_bands_of(head, problems) if head.children else []) + _above_the_table(head, table)
        else:
            found = _bands_of(head, problems)
        if group is not None:
            found = [b if b.group else replace(b, group=group) for b in found]
        bands += found
        if renal_section is None:
            label, _ = _split(head.text)
            renal_section = " › ".join(section.path + (squash_spaces(label or "renal"),))
    if not bands and dosage is not None:
        for sub in _walk(dosage):
            if _RENAL_HEAD.search(sub.title):
                table = _table_bands(sub.text, sub.line + 1, problems)
                if table:
                    bands, renal_section = table, " › ".join(sub.path)
                    break
    resolved: list[Band] = []  # overlaps and gaps reported per group here; plan() refuses inside them
    for group in dict.fromkeys(b.group for b in bands):
        resolved += resolve(place_worded([b for b in bands if b.group == group]), problems)[0]
    regimens = [replace(r, bands=tuple(resolve(place_worded(list(r.bands)), problems)[0])) if r.bands else r
                for r in regimens]
    hep_section, hepatic_head = _special_bullets(dosage, monograph, _HEPATIC_HEAD)
    hepatic_bands: list[Band] = []
    hepatic_text = None
    if hepatic_head is not None:
        hepatic_bands = _bands_of(hepatic_head, problems, hepatic=True)
        hepatic_text = " ".join([strip_bold(hepatic_head.text)] + [strip_bold(c.text) for c in hepatic_head.children])
    _, elderly = _special_bullets(dosage, monograph, re.compile(r"elderly|geriatric", re.I))
    elderly_text = None
    if elderly is not None:
        elderly_text = " ".join([strip_bold(elderly.text)] + [strip_bold(c.text) for c in elderly.children])
    brands = tuple(monograph.brand_names)
    return Dosing(monograph.name, monograph.file, brands, tuple(regimens), tuple(resolved), renal_section,
                  tuple(hepatic_bands), hepatic_text, elderly_text, tuple(problems))
