"""Titration written as prose: the sentences of a `Titration:` bullet that the clause grammar cannot take in.

A bullet is read here only when every one of its sentences has one of the shapes below (each pattern must match
the whole sentence); the doses inside a sentence are read by the clause grammar (`phrases.read_clause`). Anything
else leaves the bullet unread, as before. Two results:

- **options** — conditional increases ("based upon individual response, the dose may be increased to 15 mg once
  daily, as early as two weeks after starting therapy"): shown, never dated; the dose before them continues.
- **a run** — required increases with an interval ("the dose should be increased in 5 mg increments to 10 mg/day
  (5 mg twice a day), 15 mg/day (…) and 20 mg/day (…). The minimum recommended interval between dose increases is
  one week"): one step per dose at that interval. A minimum interval gives the earliest schedule the label allows,
  and the steps say so.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .model import Step
from .phrases import DoseFact, normalize, read_clause

EARLIEST = "earliest days: the label gives a minimum interval between increases"
AT_MOST = "at most: each increase only until the label's target is reached, never above its maximum"
IF_NO_RESPONSE = "if the response is not reached by then"
FIXED = ""  # a fixed interval: the days are the label's, nothing to add
RISE_BY = ("a range: from the dose before (no increase) to the most the label's largest increment a day allows, never "
           "above the dose it names for that day")
WITHIN_RANGE = ("the target range starts when its low end is reached; within it each further increase keeps the "
                "label's increment and interval")
# round 10: a maintenance dose reached by increases that are not dated
STEPS10_REACHED = "reached by the increases the label states; the day is not stated"
# round 10: a step that is one of the label's optional increases (its words stay among the options)
STEPS10_IF_NEEDED = "if needed: the label's optional increase, up to the dose or maximum it names; the day is not stated"

_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "a": 1,
                 "an": 1}
_N = r"(?:\d+|one|two|three|four|five|six|seven|eight|a|an)"
_FREQ_WORDS = r"(?:once|twice|three times|four times) (?:daily|a day)"
_PERIOD = r"(?:days?|weeks?)"


def _days(count: str, period: str) -> int:
    number = _NUMBER_WORDS[count] if count in _NUMBER_WORDS else int(count)
    return number * 7 if period.startswith("week") else number


@dataclass(frozen=True)
class Target:
    """One dose a run reaches, and the least number of days on the dose before it."""

    fact: DoseFact
    after_days: int | None  # None: the bullet's common interval applies
    step: float | None = None  # "in 7 mg increments to …": the increment that reaches this dose
    fill: bool = False  # "… to the recommended maintenance dose of 28 mg": the doses between are reached by `step`
    at_daily: float | None = None  # "… after a minimum of 4 weeks at 16 mg/day": the dose it follows
    marker: str = EARLIEST  # what its day means (said in the step's label)


@dataclass(frozen=True)
class Prose:
    """What a titration bullet written as prose says: conditional options, or a run of required increases."""

    options: tuple[DoseFact | None, ...] = ()
    targets: tuple[Target, ...] = ()
    every_days: int | None = None  # the common (minimum) interval between increases
    step: float | None = None  # "increase at weekly intervals by 100 mg …, without exceeding the maximal dosage"
    to_maximum: bool = False  # the run ends at the regimen's stated maximum (only when that maximum is read)
    step_unit: str | None = None
    first_every: int | None = None  # required increases at this interval, to no stated dose: only the first is dated
    restates_table: bool = False  # "titrate with weekly increments as in the table": read only after a dated table
    step_times: float | None = None  # the increment is stated per administration at this frequency ("50 mg bid")
    step_bare: bool = False  # "by 100 mg": per dose or per day not stated (read only for a once-daily dose)
    earliest: bool = False  # the interval is a minimum ("no more frequently than at weekly intervals")
    first_if_no_maximum: bool = False  # a required run: when it is not read, the first dose still lasts one interval
    alone: bool = False  # the run is read only when no bullet after it gives a step (a maintenance dose is a target)
    step_high: float | None = None  # "by 400-800 mg every other day": the increment is a range (low is `step`)
    maximum: float | None = None  # the maximum the sentence itself names; it must agree with the regimen's
    required: bool = False  # "should be increased" / "increase": not "may"
    target: tuple[float, float] | None = None  # the daily dose (range) a run with a stated target reaches
    target_times: float | None = None  # how often the target is given
    table_claims: tuple[tuple[int, DoseFact], ...] = ()  # a restated table's doses, by the day each starts
    table_min_days: int | None = None  # … and the shortest time on each of its doses
    by_day: tuple[float, int, float, str] | None = None  # "up to 800 mg/day by day 6 … increments of no greater than 200"
    first_every_range: bool = False  # round 10: … and the increment is a range ("in increments of 25 to 50 mg/day")


def _day_list(steps: list[Step]) -> str:
    numbers = [str(s.start_day) for s in steps]
    return ("day " if len(numbers) == 1 else "days ") + ", ".join(numbers)


def step_notes(steps: tuple[Step, ...] | list[Step]) -> list[str]:
    """What the days of a run's steps mean, said once for the plan's warnings."""
    notes = []
    earliest = [s for s in steps if s.start_day is not None and s.timing_stated and EARLIEST in s.label]
    if earliest:
        notes.append(f"{_day_list(earliest)}: the earliest days these increases may "
                     "start — the label gives a minimum interval between increases, not a fixed day")
    checked = [s for s in steps if not s.unread and s.start_day is not None and IF_NO_RESPONSE in s.label]
    if checked:
        notes.append(f"{_day_list(checked)}: the increase the label makes only if the "
                     "response is not reached by then")
    at_most = [s for s in steps if not s.unread and s.start_day is not None and AT_MOST in s.label]
    if at_most:
        notes.append(f"{_day_list(at_most)}: each increase is made only while the "
                     f"target the monograph states (line {at_most[0].line}: {at_most[0].text!r}) is not reached; "
                     "the schedule is the most the label allows, up to its maximum, and the dose reached is not a "
                     "stated maintenance dose")
    rising = [s for s in steps if not s.unread and s.start_day is not None and RISE_BY in s.label]
    if rising:
        notes.append(f"{_day_list(rising)}: {RISE_BY}")
    optional = sorted({s.line for s in steps if not s.unread and STEPS10_IF_NEEDED in s.label})
    if optional:
        notes.append(f"the undated steps read from line {', '.join(map(str, optional))} are the label's optional "
                     "increases: taken only if needed, as its words say, never on a set day")
    reached = [s for s in steps if not s.unread and STEPS10_REACHED in s.label]
    if reached:
        notes.append(f"the dose of line {reached[0].line} is reached by the increases the label states (shown as "
                     "written, not dated): the day it starts is not stated")
    within = [s for s in steps if not s.unread and s.start_day is not None and WITHIN_RANGE in s.label]
    if within:
        notes.append(f"{_day_list(within)}: {WITHIN_RANGE} (the top of the range is not reached on that day)")
    return notes


# ---------------------------------------------------------------- sentence shapes

_DOSE = r"(?P<dose>[^,;()]+?(?: \([^()]*\))?)"
# a condition or basis the increase depends on: it makes the increase an option, never a dated step
_BASIS = (r"based (?:up)?on (?:the )?(?:individual )?(?:patient )?(?:clinical |therapeutic )?(?:response|efficacy)"
          r"(?: and (?:tolerability|side effects))?")
_IF = r"if (?:needed|necessary|required|clinically indicated|(?:well )?tolerated)"
_FOR_PATIENTS = (r"for patients (?:with an inadequate (?:blood pressure |clinical )?response to|who (?:fail to|do not) "
                 r"respond to) (?:the )?[\d.]+ (?:mg|mcg)(?: (?:dose|once daily|twice daily))?"
                 rf"(?: after {_N}(?: to {_N})? {_PERIOD}(?: of (?:dosing|treatment|therapy))?)?")
_AFTER_MIN_IF = rf"after a minimum of {_N} {_PERIOD} and {_IF}"
# "for additional glycemic control", "for patients requiring further reduction in blood pressure": what the increase is for
_FOR_MORE = (r"for (?:patients (?:requiring|who require|needing) )?(?:additional|further) (?:glycemic control|"
             r"symptomatic relief|reduction in blood pressure|blood pressure (?:reduction|control))")
# round 9: "depending on the patient's symptomatic response and tolerability": the basis, said of the patient's response
# ("depending on the individual patient's urodynamics and BPH symptomatology": the response, as the label measures it)
_DEPENDING = (r"depending (?:up)?on (?:the )?(?:individual )?(?:patient'?s )?(?:symptomatic |clinical |therapeutic )?"
              r"(?:response|tolerability|urodynamics)(?: and (?:symptomatic |clinical |therapeutic |[a-z]+ )?"
              r"(?:response|tolerability|symptomatology))?")
_CONDITION = rf"(?:{_BASIS}|{_IF}|{_FOR_PATIENTS}|{_AFTER_MIN_IF}|{_FOR_MORE}|{_DEPENDING})"
_MAY = (r"(?:(?:the )?(?:dose|dosage|daily dose|daily dosage)(?: of [a-z]+)? (?:may|can) (?:then )?be increased|(?:may|can) be "
        r"increased|may increase(?: the (?:dose|dosage))?|increase(?: the (?:dose|dosage))?)")
_TO = r"to (?:the (?:maximum |recommended )+(?:dosage|dose) of )?"
# when an option may be taken: it stays undated whatever it says
_WHEN = (rf"(?:as early as {_N} {_PERIOD} after (?:starting|initiating|the start of) (?:therapy|treatment)|"
         rf"after {_N}(?: to {_N})? {_PERIOD}|after {_N} months?(?: of (?:therapy|treatment))?)")

# ("…, the dose may be increased to 8 mg, the maximum recommended dose": the dose named as the maximum, set off by commas)
_OPTION = re.compile(rf"(?P<before>(?:{_CONDITION}, )*)(?P<may>{_MAY}) {_TO}{_DOSE}"
                     rf"(?:, the maximum (?:recommended )?(?:daily )?(?:dose|dosage))?(?: {_WHEN}|, {_WHEN})?"
                     rf"(?P<after>(?:, {_CONDITION})?)")
# round 9: "…, dosage may then be increased to 2 mg and thereafter to 4 mg and up to the maximum recommended dose of 8 mg":
# options one after another, the last the maximum (a bare amount: per dose or per day not stated, so no number)
_OPTION_CHAIN = re.compile(rf"(?:{_CONDITION}, )+{_MAY} to (?P<first>[\d.]+ (?:mg|mcg)) and thereafter to "
                           r"(?P<doses>[\d.]+ (?:mg|mcg)(?:,? (?:and )?(?:thereafter )?to [\d.]+ (?:mg|mcg))*) and up to the "
                           r"maximum (?:recommended )?(?:daily )?(?:dose|dosage) of (?P<last>[\d.]+ (?:mg|mcg))")
# round 9: "The recommended titration interval is 3-4 weeks" beside options only: how long before an option is weighed;
# options stay undated (beside a required increase the sentence would set its day, and the bullet is not read)
_OPTION_INTERVAL = re.compile(rf"the recommended titration interval is {_N}(?:(?: to |-| or ){_N})? {_PERIOD}")
# "subsequent increases to 4.5 mg twice a day and 6 mg twice a day should be attempted after a minimum of 2 weeks at
# the previous dose and if well tolerated"
_SUBSEQUENT_IF = re.compile(rf"subsequent increases to (?P<doses>[^,;]+?) should be attempted after a minimum of {_N} "
                            rf"{_PERIOD} at the previous dose and {_IF}")
# "a dose of 10 mg should not be administered until patients have been on a daily dose of 5 mg for 4 to 6 weeks"
_NOT_UNTIL = re.compile(rf"a dose of {_DOSE} should not be (?:administered|given|used) until patients have been on "
                        rf"a daily dose of [\d.]+ (?:mg|mcg) for {_N}(?: to {_N})? {_PERIOD}")
# "additional dosing increments may be given (1000 mg/day additional every 2 weeks) to a maximum recommended daily
# dose of 3000 mg"; "the daily dosage may be adjusted in increments of 1000 mg every 2 weeks to a maximum …"
_MAY_INCREMENTS = re.compile(
    rf"(?:additional dosing increments may be given \([\d.]+ (?:mg|mcg)(?:/day)? additional every {_N} {_PERIOD}\)|"
    rf"the (?:daily )?(?:dose|dosage) may be (?:adjusted|increased) in increments of [\d.]+ (?:mg|mcg)(?:/day)? "
    rf"every {_N} {_PERIOD}) to a maximum (?:recommended )?(?:daily )?dose of (?P<dose>[\d.]+ (?:mg|mcg))")

# "dosage should be adjusted according to blood pressure response measured at peak (2 to 6 hours after dosing) and
# trough (predosing)", "generally, dosage adjustments should be made at intervals of at least 2 weeks", "if control is
# not adequate, increased dose or divided dosing can be tried": adjustments by response, with no dose — options, undated
_ADJUST = re.compile(
    rf"(?:(?:the )?(?:dose|dosage) should be adjusted according to (?:the )?blood pressure response"
    rf"(?: measured at peak \([^()]*\) and trough \([^()]*\))?|"
    rf"(?:generally, )?(?:dose|dosage) adjustments should be made at intervals of (?:at least |no less than )?{_N} "
    rf"{_PERIOD}|"
    rf"if (?:blood pressure )?control is not adequate, (?:an )?increased dose or divided dosing (?:can|may) be tried)")

# required increases
# "the dose should be increased in 5 mg increments to 10 mg/day (…), 15 mg/day (…), and 20 mg/day (…)"
_IN_INCREMENTS = re.compile(r"the (?:dose|dosage) should be increased in (?P<step>[\d.]+) (?P<unit>mg|mcg) increments "
                            r"to (?:the recommended maintenance dose of )?(?P<doses>.+)")
# "the minimum recommended interval between dose increases is one week"
_MIN_INTERVAL = re.compile(rf"(?:the minimum (?:recommended )?interval between (?:dose|dosage) increases is|"
                           rf"(?:dose|dosage) increases should (?:be made|occur) at intervals of (?:at least|no less than|"
                           rf"not less than)) (?P<n>{_N}) (?P<period>{_PERIOD})")
# "the dose should be increased to 10 mg/day, 15 mg/day and 20 mg/day": the doses of a run, each one dated only by an
# interval sentence beside it
_TO_LIST = re.compile(r"(?:the (?:dose|dosage) should (?:then )?be increased|increase(?: the (?:dose|dosage))?) "
                      r"(?:sequentially )?to (?P<doses>.+)")
# "the dosage should be increased to the initial maintenance dosage of 8 mg twice a day (16 mg/day) after a minimum
# of 4 weeks"
_AFTER_MIN = re.compile(rf"the (?:dose|dosage) should be increased to (?:the (?:initial )?maintenance (?:dose|dosage) "
                        rf"of )?{_DOSE} after a minimum of (?P<n>{_N}) (?P<period>{_PERIOD})")
# "a further increase to 12 mg twice a day (24 mg/day) should be attempted after a minimum of 4 weeks at 8 mg twice a
# day (16 mg/day)"
_FURTHER = re.compile(rf"a further increase to {_DOSE} should be (?:attempted|made) after a minimum of (?P<n>{_N}) "
                      rf"(?P<period>{_PERIOD}) at (?P<at>[^,;]+)")
# "increase at weekly intervals by 100 mg until a serum uric acid level of 6 mg/dl or less is attained, without
# exceeding the maximal recommended dosage"
_TO_MAXIMUM = re.compile(r"increase (?:at weekly intervals|every week|weekly) by (?P<step>[\d.]+) (?P<unit>mg|mcg)"
                         r"(?:/day)? until (?:a |the )?[a-z ]+ level of [\d.]+ [a-z/]+ or (?:less|lower) is "
                         r"(?:attained|achieved|reached)(?:,| but) without exceeding the maxim(?:al|um) recommended "
                         r"(?:dosage|dose)")
# "if an optimal response is not achieved within one week, the dosage should be increased to 100 mg once a day": a
# required increase once the stated time has passed without the response
_NOT_WITHIN = re.compile(rf"if (?:an? )?(?:optimal|adequate|satisfactory) (?:clinical )?response is not (?:achieved|obtained) "
                         rf"within (?P<n>{_N}) (?P<period>{_PERIOD}), the (?:dose|dosage) should be increased to {_DOSE}")
_AMOUNT = r"[\d.]+(?: ?(?:-|to) ?[\d.]+)? ?(?:mg|mcg)"
# "titrate to an effective dose in increments of 25 to 50 mg/day every week": required increases to no stated dose
_REQUIRED_INCREMENTS = re.compile(
    rf"(?:titrate to an effective dose|titrate|increase(?: the (?:dose|dosage|daily dose))?) (?:by|in increments of) "
    rf"{_AMOUNT}(?:/day| per day)? (?:every (?P<n>{_N}) (?P<period>{_PERIOD})|every (?P<one>day|week)|"
    rf"at weekly intervals|weekly)")
# conditional increases by an increment ("if indicated, in increments of 3 mg/day at intervals of more than 4 days"):
# options; nothing in them is dated
# round 9: "… may be increased at weekly (or longer) intervals until optimum blood pressure reduction is achieved": the
# interval an option keeps at the least, and the response it is taken until (options stay undated)
_PIECE9 = (r"at weekly \(or longer\) intervals|until (?:the )?(?:optimum|optimal|adequate|desired) (?:blood pressure "
           r"(?:reduction|control)|clinical response|(?:therapeutic )?response) (?:is|has been) (?:achieved|obtained|reached)")
_PIECE = (rf"(?:gradually|{_PIECE9}|{_BASIS}|{_IF}|if indicated|as (?:clinically indicated|tolerated|needed|necessary)|"
          rf"depending on (?:the )?(?:response|tolerability)|"
          rf"(?:(?:and )?then )?(?:by|in increments of|in steps of|by a maximum(?: increment)? of|by increments of)"
          rf"(?: up to| no more than| no greater than)? {_AMOUNT}(?:/day| per day| daily)?(?: increments)?|"
          rf"in {_AMOUNT}(?:/day| per day)? increments|"
          rf"(?:at|in) intervals of (?:at least |no less than |not less than |more than )?{_N}(?: ?(?:-|to) ?{_N})? "
          rf"{_PERIOD}|not more frequently than every {_N}(?: ?(?:-|to) ?{_N})? {_PERIOD}|"
          rf"every {_N}(?: ?(?:-|to) ?{_N})? {_PERIOD}|at (?:approximately )?weekly intervals|"
          rf"at {_N}-(?:day|week) intervals|once a week|weekly|"
          rf"on a weekly basis|"
          rf"(?:first |up )?to [\d.]+ (?:mg|mcg)(?:/day| per day| (?:once|twice|three times) (?:daily|a day))?|"
          rf"(?:up )?to a (?:maximum|recommended) (?:recommended )?(?:total )?(?:daily )?dose of {_AMOUNT}(?:/day| per day)?"
          rf"(?: \([\d.]+ (?:mg|mcg) {_FREQ_WORDS}\))?|"
          rf"(?:up )?to a maximum of {_AMOUNT}(?:/day| per day| once daily| daily)?|"
          rf"up to a dose of {_AMOUNT}(?:/day| per day)?)")
_MAY_BY = re.compile(rf"(?:(?:{_CONDITION}|if indicated|after week {_N}), )*(?P<verb>(?:the )?(?:daily )?(?:dose|dosage|dosages) (?:may|can) "
                     rf"(?:then )?be (?:gradually )?(?:increased|adjusted|titrated(?: upward| up)?)|(?:may|can) (?:then )?be increased|may increase(?: the "
                     rf"(?:dose|dosage))?|dose increases|"
                     # "dose increases above 6 mg/day should be made only after clinical reassessment and generally
                     # should occur at intervals of more than 5 days": each increase waits on a reassessment
                     rf"dose increases(?: above [\d.]+ (?:mg|mcg)(?:/day)?)? should be made only after clinical "
                     rf"reassessment(?: and generally should occur)?)(?:,? {_PIECE})+")
# round 11: "Followed by increases of 2 mg/day at 1-week or longer intervals as appropriate, based on therapeutic response
# and tolerability": optional increases by an amount, each after at least the interval, with no dose they stop at (the
# regimen's stated maximum bounds them: `steps11_increment`)
_STEPS11_INCREASES = re.compile(
    rf"(?:followed by |then )?(?:dose )?increases of (?P<amount>[\d.]+) (?P<unit>mg|mcg)(?P<per>/day| per day)? "
    rf"(?:at {_N}-(?:day|week) or longer intervals|at intervals of (?:at least |not less than |no less than )?{_N} "
    rf"{_PERIOD}|at weekly \(or longer\) intervals) as (?:appropriate|needed|tolerated|clinically indicated)"
    rf"(?:, {_CONDITION})?")


def steps11_increment(body: str) -> tuple[float, str, bool] | None:
    """The amount (its unit; per day or not) of a bullet that is one sentence of optional increases by an amount with
    no dose they stop at; None for any other bullet."""
    sentences = _sentences(normalize(body))
    match = _STEPS11_INCREASES.fullmatch(sentences[0]) if len(sentences) == 1 else None
    if match is None:
        return None
    return float(match.group("amount")), match.group("unit"), bool(match.group("per"))


# "increase in 25 mg increments at weekly intervals to 100 mg once daily", "increase the dose by 25 mg every week
# until a dose of 100 mg once daily is reached": required increases, one increment at a time, to a once-daily dose
_FREQ_TIMES = {"once": 1.0, "twice": 2.0, "three times": 3.0, "four times": 4.0}


def _increment_to(interval_first: bool) -> re.Pattern[str]:
    increment = (rf"(?:by (?P<a>[\d.]+) (?P<ua>mg|mcg)(?P<aday>/day| per day)?(?: (?P<afreq>{_FREQ_WORDS}))?|"
                 rf"in (?P<b>[\d.]+) (?P<ub>mg|mcg)(?P<bday>/day| per day)? increments|"
                 rf"in increments of (?P<c>[\d.]+) (?P<uc>mg|mcg)(?P<cday>/day| per day)?)")
    interval = (rf"(?:every (?P<n>{_N}) (?P<period>{_PERIOD})|(?P<weekly>at weekly intervals|every week|weekly)|"
                rf"at intervals of (?P<least>at least |no less than |not less than )?(?P<n2>{_N}) (?P<period2>{_PERIOD}))")
    first, second = (interval, increment) if interval_first else (increment, interval)
    return re.compile(rf"increase(?: the (?:dose|dosage|daily dose))? {first} {second}(?:,)? (?:to|up to|until a dose of) "
                      rf"(?P<dose>[\d.]+ (?:mg|mcg)(?:/day| per day)?(?: {_FREQ_WORDS})?)"
                      rf"(?: is (?:reached|achieved|attained))?")


# "increase in 25 mg increments at weekly intervals to 100 mg once daily", "increase the dose by 25 mg every week
# until a dose of 100 mg once daily is reached", "increase at intervals of one week by 25 mg/day to 100 mg/day":
# required increases, one increment at a time, to a stated dose
_INCREMENT_TO = (_increment_to(False), _increment_to(True))


def _per_day_increment(match: re.Match[str], target: DoseFact) -> float | None:
    """The increment per day: stated per day, or per dose at the target's frequency, or once daily; else None."""
    amount = float(match.group("a") or match.group("b") or match.group("c"))
    if match.group("aday") or match.group("bday") or match.group("cday"):
        return amount
    if match.group("afreq"):
        times = _FREQ_TIMES[match.group("afreq").rsplit(" ", 1)[0]]
        return amount * times if target.times == times else None
    return amount if target.times == 1.0 else None


# "increase to 50 mg twice daily after 3 days, then to 100 mg twice daily after another 3 days": each dose after so
# many days on the one before
_ONE_STAGE = re.compile(rf"to (?P<dose>[^,;()]+?(?: \([^()]*\))?) after (?:another |a further )?(?P<n>{_N}) "
                        rf"(?P<period>{_PERIOD})")
_STAGE_WORDS = rf"to [^,;()]+?(?: \([^()]*\))? after (?:another |a further )?{_N} {_PERIOD}"
_STAGED = re.compile(rf"(?:then )?increase {_STAGE_WORDS}(?:,? (?:and )?then {_STAGE_WORDS})*")
# "the recommended daily dose is 1200 mg/day" beside an option: the dose it reaches
_RECOMMENDED = re.compile(r"the recommended (?:daily |maintenance )?dose is (?P<dose>[\d.]+ (?:mg|mcg)(?:/day| per day)?)")

# round 9: remarks of labels' titration sentences that change no dose: when a dose's full effect shows, and that doses
# above an amount have not been studied (the regimen's maximum, if any, is read from its own bullet)
_REMARK9 = re.compile(r"(?:in general, )?the maximum effect of any given (?:dosage|dose) level will be apparent after "
                      rf"{_N} {_PERIOD}(?: of (?:therapy|treatment))?|"
                      r"(?:dosages|doses) (?:above|greater than|higher than) [\d.]+ (?:mg|mcg)(?: per day|/day)? have not "
                      r"been studied|patients should be maintained on lower doses if higher doses are not tolerated")
# round 9: "Patients who tolerate a dose of 10 mg once daily may have their dose increased to 20, 40, and 80 mg over
# successive intervals of at least 2 weeks", "… may have their dosage increased to 50 mg once daily as clinically
# indicated": increases that wait on tolerance, left to the prescriber — options, never dated
_TOLERATED = re.compile(rf"patients who tolerate (?:a dose of )?[\d.]+ (?:mg|mcg)(?: {_FREQ_WORDS})? may have their "
                        r"(?:dose|dosage) increased to (?P<doses>[^;]+?)(?: over successive intervals of (?:at least )?"
                        rf"{_N} {_PERIOD}| as clinically indicated)?")
_BARE_LIST = re.compile(r"[\d.]+(?:, [\d.]+)*,? and [\d.]+ (?:mg|mcg)")
# remarks that change no dose: the preconditions every titration has
_REMARK = re.compile(r"(?:the (?:dose|dosage) should only be increased if the previous dose has been well tolerated|"
                     r"(?:dose|dosage) increases should be based (?:up)?on (?:an )?assessment of clinical benefit and "
                     r"tolerability of the previous dose|titrating in increments of [\d.]+ (?:mg|mcg)(?:/day)? every "
                     r"(?:week|day) may delay the time to reach an effective dose|"
                     r"(?:the )?dose and titration rate should be guided by clinical outcome|"
                     r"if required, longer intervals between dose adjustments can be used|"
                     # "most patients with sustained vt do not require more than 150 mg every 12 hours (300 mg/day)": what
                     # most patients need, under the maximum stated elsewhere
                     r"(?:a )?more frequent dosing (?:regimen )?is unlikely to be beneficial|"
                     r"it is not known whether (?:doses|dosages) (?:lower|higher) than [\d.]+ (?:mg|mcg)(?:/day| per day)? "
                     r"are (?:more )?effective|"
                     # (never a group whose dose differs: "most patients with renal impairment …" stays unread)
                     r"most patients(?: with (?![a-z ]*(?:renal|hepatic|kidney|liver|impair|elder|geriatric|age|weigh|"
                     r"dialysis|child|pediatric))[a-z ]+)? do not require more than [\d.]+ (?:mg|mcg)(?:/day| per day| daily|"
                     r" every \d+ hours| (?:once|twice) daily)?(?: \([\d.]+ (?:mg|mcg)(?:/day| per day)\))?)")
# "based on individual patient therapeutic response and tolerability, if necessary, titrate with weekly increments as
# in the table": the table above, said again (a remark only after a table of dated steps)
_AS_IN_TABLE = re.compile(rf"(?:(?:{_CONDITION}), )*titrate with (?:weekly|daily) increments as (?:in|shown in) the table")
# the table above said again in words, with doses that must be the table's: "after 2 days, if necessary, the dose can be
# increased to 0.5 mg once daily, and to 1 mg once daily at the end of the first week of dosing, then as shown above as
# needed to achieve efficacy, based on individual therapeutic response and tolerability"
_AS_ABOVE = re.compile(rf"after (?P<n>{_N}) days, (?:{_IF}, )?the dose (?:can|may|should) be increased to (?P<first>[^,;()]+), "
                       rf"and to (?P<second>[^,;()]+) at the end of the first week(?: of dosing)?, then as shown above"
                       rf"(?: as needed to achieve efficacy)?(?:, {_BASIS})?")
# "doses should be increased gradually from a starting dose of 0.375 mg/day given in three divided doses and should not
# be increased more frequently than every 5 to 7 days (the weekly table is the suggested ascending dosage schedule used
# in clinical studies)": the table's first dose, and a shortest interval every step of the table keeps
_FROM_TABLE_START = re.compile(
    rf"doses should be increased gradually from a starting dose of (?P<first>[^()]+?) and should not be increased more "
    rf"frequently than every (?:{_N} to )?(?P<n>{_N}) days \(the (?:weekly )?table is the suggested ascending dosage "
    rf"schedule used in clinical studies\)")
_TO_EFFECT = re.compile(r"titrate to (?:an )?effective dose")
# round 10: an increment stated as a range ("in increments of 25 to 50 mg/day"): the doses it reaches are not computed
_STEPS10_RANGED = re.compile(r"(?:by|in increments of) [\d.]+ ?(?:-|to) ?[\d.]+ ?(?:mg|mcg)")
# "further dosage adjustments up to 800 mg/day by day 6 should be in increments of no greater than 200 mg/day": each day
# after the table the dose may rise by at most the increment, reaching at most the stated dose by the stated day
_BY_DAY = re.compile(r"further (?:dose|dosage) adjustments up to (?P<top>[\d.]+) (?P<unit>mg|mcg)/day by day (?P<day>\d+) "
                     r"should be in increments of no greater than (?P<step>[\d.]+) (?P=unit)/day")


# An increment rule at an interval that names no dose it stops at, taken apart piece by piece: "flecainide doses may be
# increased in increments of 50 mg bid every four days until efficacy is achieved", "the total daily dose may be
# increased in 500 mg increments at weekly intervals, depending on response", "titrate to adequate analgesia with dose
# increases of 50 mg no more than twice daily every three days", "increase dosage no more frequently than at weekly
# intervals by increments of 2 mg once daily based on individual clinical response and tolerability". The run goes up
# to the regimen's stated maximum, read at the end of the regimen; one increment, one interval, and only the pieces below.
_RUN_VERB = re.compile(
    r"(?P<verb>increase(?: the)?(?: (?:total )?(?:daily )?(?:dose|dosage))?|"
    r"titrate(?: to (?:an effective dose|adequate analgesia|effect|response))?|"
    r"(?:(?:the|this|[a-z]+) )?(?:total )?(?P<daily>daily )?(?:dose|doses|dosage) (?P<modal>should|may|can) "
    r"(?:then )?be increased)")
_RUN_FREQ = {"once daily": 1.0, "once a day": 1.0, "twice daily": 2.0, "twice a day": 2.0, "bid": 2.0,
             "three times daily": 3.0, "three times a day": 3.0, "tid": 3.0}
_RUN_FREQ_WORDS = "|".join(sorted(_RUN_FREQ, key=len, reverse=True))
_RUN_AMOUNT = (rf"(?P<amount>[\d.]+)(?: (?:mg|mcg))?(?: ?(?:-|to) ?(?P<high>[\d.]+))? (?P<unit>mg|mcg)(?P<per>/day| per day)?"
               rf"(?: (?:no more than )?(?P<freq>{_RUN_FREQ_WORDS}))?(?: \((?P<total>[\d.]+) (?P=unit)(?:/day| per day)\))?")
_RUN_PIECES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("increment", re.compile(rf"(?:by|(?:in|by) increments of|with dose increases of) {_RUN_AMOUNT}")),
    ("increment", re.compile(r"in (?P<amount>[\d.]+) (?P<unit>mg|mcg)(?P<per>/day| per day)? increments")),
    # "in weekly increments of 400 mg to 600 mg": the interval inside the increment
    ("increment", re.compile(rf"in (?P<weekly>weekly) increments of {_RUN_AMOUNT}")),
    # "to a recommended maintenance dosage of 800 mg to 1600 mg once daily": the dose (range) the run reaches
    ("target", re.compile(rf"to (?:a|the) (?:recommended )?(?:maintenance )?(?:dose|dosage) of (?P<low>[\d.]+)"
                          rf"(?: (?:mg|mcg))?(?: ?(?:-|to) ?(?P<high>[\d.]+))? (?P<unit>mg|mcg)(?P<per>/day| per day)?"
                          rf"(?: (?P<freq>{_RUN_FREQ_WORDS}))?")),
    ("interval", re.compile(rf"every (?P<n>{_N}) (?P<period>{_PERIOD})|every (?P<other>other) day|"
                            r"(?P<week>every week|weekly|at weekly intervals|once (?:a|per) week)")),
    ("minimum", re.compile(rf"no more (?:frequently|often) than (?:every (?P<n>{_N}) (?P<period>{_PERIOD})|"
                           r"(?P<week>once (?:a|per) week|at weekly intervals|weekly))")),
    ("basis", re.compile(rf"{_BASIS}|depending on (?:the )?(?:response|tolerability)|as tolerated|"
                         r"until (?:efficacy|an adequate response|adequate analgesia) is (?:achieved|reached)")),
    # "until a maximum daily dose of 3200 mg, administered in two equally divided doses, is reached"
    ("until", re.compile(r"until a maximum (?P<daily>daily )?dose of (?P<max>[\d.]+) (?P<unit>mg|mcg)(?:/day| per day)?"
                         r"(?:, (?:administered|given) in (?P<divided>two|three|2|3) (?:equally )?divided doses,)? "
                         r"is (?:reached|achieved)")),
)


@dataclass(frozen=True)
class _RunPieces:
    amount: float
    unit: str
    per_day: bool
    times: float | None
    every: int
    earliest: bool
    high: float | None = None  # "by 400-800 mg": a range of increments
    maximum: float | None = None  # "until a maximum daily dose of 3200 mg … is reached"
    maximum_times: float | None = None  # "… administered in two equally divided doses"
    target: tuple[float, float] | None = None  # "to a recommended maintenance dosage of 800 mg to 1600 mg once daily"
    target_times: float | None = None


def _run_interval(match: re.Match[str]) -> int:
    if match.group("n"):
        return _days(match.group("n"), match.group("period"))
    return 2 if "other" in match.groupdict() and match.group("other") else 7


def _run_piece(rest: str, position: int) -> tuple[str, re.Match[str]] | None:
    """The piece that starts at `position` and ends at a word's end, or None."""
    for kind, pattern in _RUN_PIECES:
        match = pattern.match(rest, position)
        if match is not None and (match.end() == len(rest) or rest[match.end()] in " ,"):
            return kind, match
    return None


def _run_pieces(rest: str, daily_verb: bool) -> _RunPieces | None:
    """The pieces after the verb: exactly one increment and one interval (a stated minimum may repeat it), else None."""
    increments: list[re.Match[str]] = []
    intervals: list[int] = []
    minimum: list[int] = []
    ends: list[re.Match[str]] = []
    targets: list[re.Match[str]] = []
    position = 0
    while position < len(rest):
        separator = re.match(r",? ", rest[position:])
        if separator is None:
            return None
        position += separator.end()
        piece = _run_piece(rest, position)
        if piece is None:
            return None
        kind, match = piece
        position = match.end()
        if kind == "increment":
            increments.append(match)
            if match.groupdict().get("weekly"):
                intervals.append(7)
        elif kind == "target":
            targets.append(match)
        elif kind == "interval":
            intervals.append(_run_interval(match))
        elif kind == "minimum":
            minimum.append(_run_interval(match))
        elif kind == "until":
            ends.append(match)
    if len(increments) != 1 or len(intervals) + len(minimum) == 0 or len(set(intervals + minimum)) != 1 \
            or len(intervals) > 1 or len(minimum) > 1 or len(ends) + len(targets) > 1:
        return None  # no increment or several; no interval, or two that disagree; two maxima
    inc = increments[0]
    groups = inc.groupdict()
    amount = float(inc.group("amount"))
    times = _RUN_FREQ[groups["freq"]] if groups.get("freq") else None
    total = float(groups["total"]) if groups.get("total") else None
    # "by 400-800 mg … until a maximum daily dose of 3200 mg": the increment counts in the maximum's terms, per day
    per_day = bool(inc.group("per")) or (times is None and (daily_verb or bool(ends and ends[0].group("daily"))))
    if per_day and times is not None:
        return None  # "100 mg/day twice daily": which is meant is not read
    if total is not None and (times is None or abs(amount * times - total) > 1e-9):
        return None  # "50 mg twice daily (100 mg per day)" must add up
    high = float(groups["high"]) if groups.get("high") else None
    if amount <= 0 or (high is not None and (high <= amount or times is not None)):
        return None  # a range of increments is read only per day
    maximum = float(ends[0].group("max")) if ends else None
    if ends and ends[0].group("unit") != inc.group("unit"):
        return None
    divided = {"two": 2.0, "three": 3.0, "2": 2.0, "3": 3.0}.get(ends[0].group("divided") or "") if ends else None
    target: tuple[float, float] | None = None
    target_times = None
    if targets:
        found = targets[0]
        low = float(found.group("low"))
        target = (low, float(found.group("high")) if found.group("high") else low)
        target_times = _RUN_FREQ[found.group("freq")] if found.group("freq") else None
        if found.group("unit") != inc.group("unit") or target[1] < target[0] or \
                (not found.group("per") and target_times not in (None, 1.0)):
            return None  # a target per dose given more than once a day: its daily total is not read here
    return _RunPieces(amount, inc.group("unit"), per_day, times, (intervals + minimum)[0], bool(minimum), high,
                      maximum, divided, target, target_times)


def _increment_run(sentence: str) -> Prose | None:
    """An increment rule with an interval and no dose it stops at, as a run up to the regimen's maximum; or None."""
    verb = _RUN_VERB.match(sentence)
    if verb is None:
        return None
    pieces = _run_pieces(sentence[verb.end():], bool(verb.group("daily")) or "daily" in verb.group("verb"))
    if pieces is None:
        return None
    per_day = pieces.amount * pieces.times if pieces.times is not None else pieces.amount
    required = verb.group("modal") in (None, "should")
    return Prose(every_days=pieces.every, step=per_day, to_maximum=pieces.target is None, step_unit=pieces.unit,
                 step_times=pieces.times or pieces.maximum_times, step_bare=not pieces.per_day and pieces.times is None,
                 earliest=pieces.earliest, first_if_no_maximum=required, alone=True, step_high=pieces.high,
                 maximum=pieces.maximum, required=required, target=pieces.target, target_times=pieces.target_times)


def _sentences(text: str) -> list[str]:
    """Sentences of a normalized text (at `. ` and `;` outside parentheses)."""
    out: list[str] = []
    current: list[str] = []
    depth = 0
    for index, char in enumerate(text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0 and (char == ";" or (char == "." and (index + 1 == len(text) or text[index + 1] == " "))):
            out.append("".join(current).strip())
            current = []
            continue
        current.append(char)
    out.append("".join(current).strip())
    return [s for s in out if s]


def _one_dose(text: str, per_day_only: bool = False) -> DoseFact | None:
    """The single dose a fragment states (the clause grammar reads it), or None."""
    text = text.strip()
    separate = re.fullmatch(r"([\d.]+) (mg|mcg)/day \(([\d.]+) \2 and ([\d.]+) \2 as separate doses\)", text)
    if separate:  # "15 mg/day (5 mg and 10 mg as separate doses)": two doses a day that add up to the total
        total, first, second = (float(separate.group(i)) for i in (1, 3, 4))
        if abs(first + second - total) > 1e-9 or first <= 0 or second <= 0:
            return None
        return DoseFact(separate.group(2), None, total, 2.0)
    facts = read_clause(text)
    if facts is None or len(facts) != 1 or not isinstance(facts[0], DoseFact):
        return None
    fact = facts[0]
    if fact.role != "dose" or fact.timing is not None or (per_day_only and fact.daily is None):
        return None
    return fact


def _dose_list(text: str) -> list[DoseFact] | None:
    """"10 mg/day (…), 15 mg/day (…), and 20 mg/day (…)": each dose of a list, or None if any is not read."""
    parts: list[str] = []
    current, depth = "", 0
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "," and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    parts.append(current)
    pieces: list[str] = []
    for part in parts:
        part = part.strip()
        part = part[4:] if part.startswith("and ") else part
        split = re.split(r" and (?![^()]*\))", part)
        pieces.extend(p.strip() for p in split)
    doses = [_one_dose(p, per_day_only=True) for p in pieces if p]
    if not doses or any(d is None for d in doses):
        return None
    return [d for d in doses if d is not None]


def _table_claims(match: re.Match[str]) -> tuple[list[tuple[int, DoseFact]], int | None] | None:
    """The doses a restated table names, by the day each starts, and the shortest interval it states; None when a
    dose is not read."""
    groups = match.groupdict()
    if groups.get("second") is not None:
        first, second = _one_dose(match.group("first")), _one_dose(match.group("second"))
        if first is None or second is None:
            return None
        return [(_days(match.group("n"), "days") + 1, first), (8, second)], None
    start = _one_dose(match.group("first"), per_day_only=True)
    if start is None:
        return None
    return [(1, start)], _days(match.group("n"), "days")


def read_prose(body: str) -> Prose | None:
    """A titration bullet's body as options or a run, or None when any sentence has another shape."""
    options: list[DoseFact | None] = []
    targets: list[Target] = []
    every: int | None = None
    step: float | None = None
    step_unit: str | None = None
    to_maximum = False
    first_every: int | None = None
    restates_table = False
    run: Prose | None = None
    claims: list[tuple[int, DoseFact]] = []
    table_min: int | None = None
    by_day: tuple[float, int, float, str] | None = None
    sentences = _sentences(normalize(body))
    if not sentences:
        return None
    option_interval = False
    for sentence in sentences:
        if _REMARK.fullmatch(sentence) or _REMARK9.fullmatch(sentence):
            continue
        if _OPTION_INTERVAL.fullmatch(sentence):
            option_interval = True
            continue
        if _AS_IN_TABLE.fullmatch(sentence):
            restates_table = True
            continue
        match = _AS_ABOVE.fullmatch(sentence) or _FROM_TABLE_START.fullmatch(sentence)
        if match is not None:
            said = _table_claims(match)
            if said is None:
                return None
            claims.extend(said[0])
            table_min = said[1] if table_min is None or said[1] is None else max(table_min, said[1])
            restates_table = True
            continue
        match = _BY_DAY.fullmatch(sentence)
        if match is not None and by_day is None:
            by_day = (float(match.group("top")), int(match.group("day")), float(match.group("step")), match.group("unit"))
            continue
        if restates_table and _TO_EFFECT.fullmatch(sentence):
            continue  # "titrate to effective dose" after the table said again: the table's own rule
        match = _OPTION_CHAIN.fullmatch(sentence)
        if match:
            options.extend(None for _ in re.findall(r"[\d.]+ (?:mg|mcg)", sentence[match.start("first"):]))
            continue
        match = _OPTION.fullmatch(sentence)
        if match:
            if not re.search(r"\b(?:may|can)\b", match.group("may")) and not match.group("before") \
                    and not match.group("after"):
                return None  # "increase to 100 mg once daily" with no condition: a required step, not read here
            dose = _one_dose(match.group("dose"))
            if dose is None and not re.fullmatch(r"[\d.]+ (?:mg|mcg)", match.group("dose").strip()):
                return None  # words beside the dose that are not read ("… to 20 mg in patients with …")
            options.append(dose)  # a bare "20 mg" (per dose or per day not stated): an option without a number
            continue
        match = _TOLERATED.fullmatch(sentence)
        if match:
            listed = _dose_list(match.group("doses"))
            if listed is None and _BARE_LIST.fullmatch(match.group("doses")):
                # "20, 40, and 80 mg": per dose or per day not stated, so options without a number
                options.extend(None for _ in re.findall(r"[\d.]+", match.group("doses")))
                continue
            if listed is None:
                return None
            options.extend(listed)
            continue
        match = _SUBSEQUENT_IF.fullmatch(sentence)
        if match:
            doses = _dose_list(match.group("doses"))
            if doses is None:
                return None
            options.extend(doses)
            continue
        match = _NOT_UNTIL.fullmatch(sentence) or _MAY_INCREMENTS.fullmatch(sentence) or _ADJUST.fullmatch(sentence)
        if match:
            options.append(None)  # the dose the option reaches is not one daily total the text states
            continue
        match = _IN_INCREMENTS.fullmatch(sentence)
        if match:
            doses = _dose_list(match.group("doses"))
            if doses is None:
                return None
            size = float(match.group("step"))
            targets.extend(Target(d, None, size, fill=len(doses) == 1) for d in doses)
            step_unit = match.group("unit")
            continue
        match = _MIN_INTERVAL.fullmatch(sentence)
        if match:
            if every is not None:
                return None
            every = _days(match.group("n"), match.group("period"))
            continue
        match = _AFTER_MIN.fullmatch(sentence) or _FURTHER.fullmatch(sentence)
        if match:
            dose = _one_dose(match.group("dose"), per_day_only=True)
            at = None
            if "at" in match.groupdict():
                previous = _one_dose(match.group("at"), per_day_only=True)
                if previous is None or isinstance(previous.daily, tuple) or previous.daily is None:
                    return None
                at = previous.daily
            if dose is None:
                return None
            targets.append(Target(dose, _days(match.group("n"), match.group("period")), at_daily=at))
            continue
        match = _TO_MAXIMUM.fullmatch(sentence)
        if match:
            step, step_unit, to_maximum, every = float(match.group("step")), match.group("unit"), True, 7
            continue
        match = _NOT_WITHIN.fullmatch(sentence)
        if match:
            dose = _one_dose(match.group("dose"), per_day_only=True)
            if dose is None:
                return None
            targets.append(Target(dose, _days(match.group("n"), match.group("period")), marker=IF_NO_RESPONSE))
            continue
        match = _REQUIRED_INCREMENTS.fullmatch(sentence)
        if match:
            if first_every is not None:
                return None
            first_every = _days(match.group("n"), match.group("period")) if match.group("n") else \
                (1 if match.group("one") == "day" else 7)
            continue
        match = _INCREMENT_TO[0].fullmatch(sentence) or _INCREMENT_TO[1].fullmatch(sentence)
        if match:
            dose = _one_dose(match.group("dose"), per_day_only=True)
            increment = _per_day_increment(match, dose) if dose is not None else None
            if dose is None or increment is None or every is not None:
                return None  # per dose or per day not stated, or a second interval
            if match.group("n2"):
                every = _days(match.group("n2"), match.group("period2"))
            elif match.group("n"):
                every = _days(match.group("n"), match.group("period"))
            else:
                every = 7
            marker = EARLIEST if match.group("least") else FIXED
            targets.append(Target(dose, None, increment, fill=True, marker=marker))
            step_unit = match.group("ua") or match.group("ub") or match.group("uc")
            continue
        if _STAGED.fullmatch(sentence):
            for index, stage in enumerate(_ONE_STAGE.finditer(sentence)):
                dose = _one_dose(stage.group("dose"), per_day_only=True)
                counted_on = re.search(r"after (?:another|a further) ", stage.group(0)) is not None
                if dose is None or counted_on != (index > 0):
                    return None  # a later stage must say it counts from the one before ("after another 3 days")
                targets.append(Target(dose, _days(stage.group("n"), stage.group("period")), marker=FIXED))
            continue
        if _STEPS11_INCREASES.fullmatch(sentence):
            options.append(None)  # optional increases with no dose they stop at
            continue
        match = _MAY_BY.fullmatch(sentence)
        if match:
            if match.group("verb") == "dose increases" and not re.search(r"\bif\b|\bas \w", sentence):
                return None  # "dose increases in increments of …" with no condition is no option
            options.append(None)
            continue
        match = _RECOMMENDED.fullmatch(sentence)
        if match and options and options[-1] is None:
            options[-1] = _one_dose(match.group("dose"), per_day_only=True)  # the dose the increases lead to
            continue
        match = _TO_LIST.fullmatch(sentence)
        if match:
            doses = _dose_list(match.group("doses"))
            if doses is None:
                return None
            targets.extend(Target(d, None) for d in doses)
            continue
        found = _increment_run(sentence)
        if found is not None and run is None:
            run = found
            continue
        return None
    if option_interval and (not options or targets or every is not None or to_maximum or first_every is not None or
                            run is not None or by_day is not None or restates_table):
        return None
    if by_day is not None:
        if options or targets or every is not None or to_maximum or first_every is not None or run or restates_table:
            return None
        return Prose(by_day=by_day)
    if run is not None:
        if options or targets or every is not None or to_maximum or first_every is not None:
            return None  # an increment run beside other increases: not read
        return replace(run, restates_table=restates_table)
    kinds = (bool(options), bool(targets) or (every is not None and not to_maximum), to_maximum,
             first_every is not None)
    if sum(kinds) > 1 or (to_maximum and targets):
        return None  # options and required increases, or two kinds of run, in one bullet: not read
    return Prose(tuple(options), tuple(targets), every, step, to_maximum, step_unit, first_every, restates_table,
                 table_claims=tuple(claims), table_min_days=table_min,
                 first_every_range=first_every is not None and any(_STEPS10_RANGED.search(s) for s in sentences))


# round 10: an optional increase that names how it starts and the maximum it may go up to, read as one undated step
# whose daily dose is a range: from the first increase to that maximum. "Additional dosing increments may be given
# (1000 mg/day additional every 2 weeks) to a maximum recommended daily dose of 3000 mg", "dosages may be increased
# gradually, not more frequently than every 5 to 7 days, first to 0.75 mg per day and then by 0.75 mg increments up
# to a maximum recommended dose of 4.5 mg per day", "the daily dose may be increased by 1.5 mg/day on a weekly basis
# up to a dose of 9 mg/day, and then by up to 3 mg/day weekly up to a maximum recommended total daily dose of 24
# mg/day (8 mg three times daily)". Only the sentence's first increase and its last words (the maximum) are taken;
# the whole bullet must already have been read as options (read_prose) for this to be asked.
_STEPS10_AMOUNT = r"(?P<amount>\d+(?:\.\d+)?) (?P<unit>mg|mcg)(?P<per>/day| per day)?"
_STEPS10_FIRST: tuple[tuple[bool, re.Pattern[str]], ...] = (
    (True, re.compile(rf"\bfirst to {_STEPS10_AMOUNT}")),  # the first dose itself
    (False, re.compile(r"\((?P<amount>\d+(?:\.\d+)?) (?P<unit>mg|mcg)(?P<per>/day) additional\b")),
    (False, re.compile(rf"\b(?:by|by up to|in increments of|(?:in|with) (?:dose )?increases of|increases of) "
                       rf"{_STEPS10_AMOUNT}(?: increments)?\b")),
)
_STEPS10_MAXIMUM = re.compile(r"(?:up )?to (?:a|the) maximum (?:recommended )?(?:total )?(?P<daily>daily )?(?:dose|dosage)"
                              r" of (?P<max>\d+(?:\.\d+)?) (?P<unit>mg|mcg)(?P<per>/day| per day)?"
                              r"(?: \((?P<each>\d+(?:\.\d+)?) (?P=unit) (?P<freq>once|twice|three times|four times) "
                              r"(?:daily|a day)\))?$")
_STEPS10_DAILY_VERB = re.compile(r"\b(?:the )?(?:total )?daily (?:dose|dosage)\b")


@dataclass(frozen=True)
class OptionSpan:
    """How an optional increase starts and the maximum it goes up to (per day, in `unit`)."""

    first: float  # the first increase (an increment), or the first dose when `absolute`
    absolute: bool
    per_day: bool  # the first amount is stated per day (or as a daily dose)
    maximum: float
    unit: str
    maximum_times: float | None  # "(8 mg three times daily)": how often the maximum is given, when stated


def option_span(body: str) -> OptionSpan | None:
    """The first increase and the maximum of a bullet of optional increases whose last sentence ends on "to a maximum
    … dose of N mg"; None for any other shape. The earliest stated increase in that sentence is the first one."""
    sentences = _sentences(normalize(body))
    if not sentences:
        return None
    last = sentences[-1]
    top = _STEPS10_MAXIMUM.search(last)
    if top is None or len(_STEPS10_MAXIMUM.findall(last)) != 1:
        return None
    found: list[tuple[int, bool, re.Match[str]]] = []
    for absolute, pattern in _STEPS10_FIRST:
        match = pattern.search(last, 0, top.start())
        if match is not None:
            found.append((match.start(), absolute, match))
    if not found:
        return None
    _, absolute, first = min(found, key=lambda item: item[0])
    if first.group("unit") != top.group("unit"):
        return None
    daily_max = bool(top.group("per") or top.group("daily"))
    each, freq = top.group("each"), top.group("freq")
    times = _FREQ_TIMES[freq] if freq else None
    maximum = float(top.group("max"))
    if each is not None and (times is None or abs(float(each) * times - maximum) > 1e-9 or not daily_max):
        return None  # "24 mg/day (8 mg three times daily)" must add up
    per_day = bool(first.group("per")) or bool(_STEPS10_DAILY_VERB.search(last, 0, first.start()))
    return OptionSpan(float(first.group("amount")), absolute, per_day, maximum, top.group("unit"), times)


def option_amounts(body: str) -> list[tuple[float, str]] | None:
    """The bare amounts ("to 2 mg and thereafter to 4 mg and up to the maximum recommended dose of 8 mg", "may be
    increased to 8 mg, the maximum recommended dose") a bullet read as options only (read_prose) increases to, in
    order; None when the bullet is not that, or names an amount with more than its unit."""
    prose = read_prose(body)
    if prose is None or not prose.options or prose.targets or any(o is not None for o in prose.options):
        return None
    found: list[tuple[float, str]] = []
    for sentence in _sentences(normalize(body)):
        chain = _OPTION_CHAIN.fullmatch(sentence)
        one = _OPTION.fullmatch(sentence) if chain is None else None
        if chain is not None:
            words = [chain.group("first"), *re.findall(r"[\d.]+ (?:mg|mcg)", chain.group("doses")), chain.group("last")]
        elif one is not None:
            words = [one.group("dose").strip()]
        else:
            continue
        for word in words:
            bare = re.fullmatch(r"(\d+(?:\.\d+)?) (mg|mcg)", word.strip())
            if bare is None:
                return None
            found.append((float(bare.group(1)), bare.group(2)))
    return found if len(found) == len(prose.options) else None
