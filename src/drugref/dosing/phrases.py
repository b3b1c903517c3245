"""What a dosing clause says, read by a grammar that must account for the whole clause.

A bullet's text is split into clauses (at `;`, `, then`, sentence ends and commas outside
parentheses). Each clause is parsed by the lark grammar below, or matched whole against a short
reviewed list of phrases that never change a dose (`with or without food`, ...). A clause that is
neither makes the bullet *unread*: the caller shows its words and computes nothing from it.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lark import Lark, Token, Tree

Amount = float | tuple[float, float]  # a number, or a [low, high] range
Timing = tuple[Any, ...]  # ("on_day", n) | ("day_only", n) | ("for", days) | ("after", days) | ("within", days) | ("then",) | …

GRAMMAR = r"""
?start: clause

?clause: dose_clause
       | alternative
       | max_clause
       | reduce_clause
       | verdict
       | no_adjust
       | caution
       | increment
       | may_increase
       | titrate_free
       | proportional
       | half_start
       | adjust_range
       | titrate_label
       | initial_clause
       | timing_clause
       | maint_clause
       | same_dose

// ---------------------------------------------------------------- amounts and units
amount: NUMBER                          -> single
      | NUMBER _RANGE NUMBER UNIT?      -> range_unit
_RANGE: "-" | "to" | "or"
NUMBER: /\d+(\.\d+)?/
UNIT: /(mg|mcg|micrograms?|µg|g|grams?|milligrams?)(?![a-z])/
_PERDAY: "/day" | "per day" | "a day" | "/24 hours" | "per 24 hours" | "/ day" | "daily dose" | "total daily dose" | "per day total" | "total per day" | "in total" | "total" | "daily" | "every day" | "/day total" | "a day in total"

// ---------------------------------------------------------------- frequency
freq: _freq1 | _freq1 "(" _freq1 ")"
    | _freq1 "(" _COND11_ABOUT _freq1 ")"
    | _freq_label
    | _freq_shape
    | EVERY_DAY
// cond11: "50 mg orally twice daily (approximately every 12 hours)" (Nucynta ER PI, 2.2): the restatement said roughly
_COND11_ABOUT: "approximately" | "about"
// "in divided doses or as the single equivalent": how many a day not stated; "in a single (q.d.) or divided doses
// (b.i.d.)": once or twice a day
_freq_shape: SINGLE_OR_DIVIDED | QD_OR_BID
SINGLE_OR_DIVIDED: /in divided doses or (as )?(a |the )?single (daily )?(dose|equivalent)/ | /(in |as )?(a )?single (dose )?or (in )?divided doses/ | /in (one|a single) or (more|several) (divided )?doses/
QD_OR_BID: /in (a )?single( daily)? \(q\.?d\.?\) or (in )?divided doses \(b\.?i\.?d\.?\)/
// round 8: "once a day at bedtime", "once daily taken orally at bedtime" (one dose a day, at that time); "25 mg b.i.d. or
// t.i.d." (two or three doses a day)
_freq_label: ONCE_AT | BID_OR_TID
ONCE_AT: /once (daily|a day|per day)( taken)?( orally)? (at bedtime|in the morning|in the evening|every morning|every evening|each morning|each evening)/
BID_OR_TID: /(bid|twice daily|twice a day) or (tid|three times daily|three times a day)/ | /two or three times (daily|a day|per day)/
_freq1: AWAKE | ONCE | TWICE | THRICE | FOUR | EVERY_H | EVERY_HR | DIVIDED | DIVIDED_R | DIVIDED_U | BEDTIME | MORNING | EVENING | NTIMES | ONCE_OR_TWICE | EOD | PER_WEEK
ONCE: /(given )?(in a )?once-a-day( regimen)?/ | "once daily" | "once-daily" | "given once daily" | "administered once daily" | "once a day in the morning" | "once a day in the evening" | "once daily in the morning or evening" | "once a day" | "once per day" | "one time daily" | "one time a day" | "qd" | "q24h" | "every 24 hours" | "as a single daily dose" | "as a single dose" | "single dose" | "in a single dose" | "once daily in the morning" | "once daily in the evening" | "once daily at bedtime"
TWICE: /(given )?(in a )?twice-a-day( regimen)?/ | "twice daily" | "twice-daily" | "in twice daily dosing" | "as twice-daily dosing" | "given as twice-daily dosing" | "given twice daily" | "divided twice daily" | "administered twice daily" | "in two divided doses" | "in 2 divided doses" | "divided into two doses" | "twice a day" | "twice per day" | "two times daily" | "two times a day" | "bid" | "b.i.d." | "q12h" | "every 12 hours" | "in 2 doses"
THRICE: "three times daily" | "in three divided doses" | "in 3 divided doses" | "administered in equally divided doses three times per day" | "in equally divided doses three times a day" | "divided three times daily" | "three times a day" | "three times per day" | "tid" | "t.i.d." | "q8h" | "every 8 hours" | "in 3 doses"
FOUR: "four times daily" | "four times a day" | "four times per day" | "qid" | "q.i.d." | "q6h" | "every 6 hours" | "in 4 doses"
EVERY_H: /every \d+ hours/ | /q\d+h/
EVERY_HR: /every \d+ (to|-) \d+ hours/
NTIMES: /(given |administered )?[1-6] ?(times?|x) (daily|a day|per day)/
ONCE_OR_TWICE: /(in |as )?(a single (daily )?dose|one dose|once daily|once a day) or (in |as )?(two|2) (equally )?divided doses/ | "once or twice daily" | "once daily or twice daily" | "once daily or in two divided doses" | "once or twice a day" | "in one or two divided doses" | "in 1 or 2 divided doses" | "given in one or two divided doses"
AWAKE: /every \d+ hours,? [1-6] ?(times|x) (daily|a day|per day)/
EOD: "every other day" | "every 48 hours" | "q48h" | "once every other day" | "once every 48 hours" | "every second day" | "every 2 days" | "once every 2 days" | "on alternate days"
// so many doses a week: a daily dose only when it comes out exact (see _times_from)
PER_WEEK: /(once|twice|three times|3 times|two times|1 time|2 times) (a week|weekly|per week|each week)/ | /once every (3|4|7) days/ | /every (3|4|7) days/ | "once every 72 hours" | "every 72 hours" | "q72h" | "every 96 hours" | "q96h"
DIVIDED: /(in )?\d+ (equally )?divided doses/ | /divided (into )?\d+ doses/ | /given in \d+ divided doses/
DIVIDED_R: /(in )?\d+ (or|to|-) \d+ (equally )?divided doses/
DIVIDED_U: "in divided doses"
BEDTIME: "at bedtime" | "nightly" | "qhs" | "once nightly" | "each night" | "every night" | "every evening at bedtime"
MORNING: "every morning" | "each morning" | "qam" | "in the morning"
EVENING: "every evening" | "each evening" | "in the evening" | "qpm"

// ---------------------------------------------------------------- words that never change a dose
mod: MOD
   | MOD_TIME
   | MOD_SHAPE
   | MOD_WHEN
   | MOD_LABEL
   | MOD_BAND
   | MOD_DAYPART
   | MOD_MEALS
   | LABEL10_ROUTE
// round 10 (label10): "10 mcg subcutaneously once daily", "by subcutaneous injection": the route of an injected dose, as
// "orally" is of a tablet — never its amount or how often
LABEL10_ROUTE: /subcutaneously|(by|as an?) subcutaneous injection/
// when in the day, with which meal, how far apart — a dose's circumstances, never its amount or count
MOD_WHEN: /(after|with) the evening meal( or at bedtime)?/ | /can be used( for patients in whom (dosing )?convenience is important)?/ | /preferably (in the morning|in the evening|at bedtime|with (food|meals|morning and evening meals))/ | /(before|with) breakfast( or the first main meal( of the day)?)?/ | /\((dosage|dose) range\)/ | /adjusted (according to|based on) (the )?(blood pressure|clinical) response/ | "for most patients" | "as necessary" | /with at least \d+ hours between (successive|consecutive) doses/ | /\((commonly )?used in clinical trials\)/
// words about when a course starts, which patients (by age) and with what: none changes the dose just read
MOD_SHAPE: /(started|start|begin|begun|initiated|initiate( therapy| treatment)?) as soon as possible/ | /(preferably )?within \d+ hours (after|of) (the )?(onset of (signs and symptoms|signs or symptoms|symptoms)|symptom onset)/ | /\((adult patients|adults|adolescents|patients)( and (adults|adolescents))?,? (\d+ years( of age)?|older than \d+ years) (and|or) older\)/ | /(as )?monotherapy or (as )?(adjunctive therapy|adjunct)( (with|to) [a-z]+( or [a-z]+)?)?/ | "and should not be exceeded" | /at the (first|earliest) (sign|symptom)s?( or symptoms?)?( of (a |an |the )?[a-z-]+( [a-z-]+)?(?![a-z-])(?<!then))?/ | /(and )?(after|once) hemostasis has been (achieved|established)/ | /(at|around) (about |approximately )?\d+ ?(pm|am|p\.m\.|a\.m\.)/ | /\((as )?monotherapy or (as )?(adjunctive therapy|adjunct)( (with|to) [a-z]+( or [a-z]+)?)?\)/ | /\(for the treatment of [a-z ,]+\)/ | /either alone or (added to|in combination with) [a-z]+ therapy/ | /in combination with other [a-z]+ (agents|drugs)/ | "without regard to food" | /\((adults|adult patients) and pediatric patients weighing at least \d+ kg\)/ | /(approximately |about )?(one-half hour|half an hour|\d+ (minutes|hours?)) (after|following|before) (the same meal each day|a meal|meals|breakfast|the first meal of the day)/
// words of real label sentences that change no dose (round 7): one tablet restating the amount, a purpose
// ("to improve glycemic control"; no number and no dosing word may follow), when to take it around a meal
MOD_LABEL: /\((one|1) (tablet|capsule)\)/ | /(in order )?to (improve|treat|control|lower|prevent|manage|relieve|maintain)( (?!(once|twice|daily|times|every|hours?|days?|weeks?|months?|doses?|dosage|mg|mcg|increase|increased|reduce|reduced|then|up|to|maximum)\b)[a-z'-]+)+/ | /(taken |given |administered )?((one|1|2|two) hours?|30 minutes|half an hour) (before|prior to|after) (meals|a meal|breakfast|the morning meal|the evening meal|the first meal of the day)/ | /(taken |given |administered )?(before|prior to) (the first meal of the day|breakfast|the morning meal)/
MOD: "orally" | "by mouth" | "po" | "p.o." | "oral" | "with or without food" | "with food" | "without food" | "with meals" | "with a meal" | "with the evening meal" | "with the morning meal" | "with breakfast" | "with dinner" | "on an empty stomach" | "if tolerated" | "as tolerated" | "if needed" | "based on tolerability" | "based on response" | "based on clinical response" | "based on efficacy and tolerability" | "based on clinical response and tolerability" | "based on individual patient response" | /(depending (up)?on|based on|according to) (the )?(individual )?(clinical |therapeutic |individual )?(response|tolerability)( and (tolerability|response))?/ | /until (the )?(blood pressure is controlled|(an )?adequate response is (achieved|obtained)|the desired (clinical )?response is (achieved|obtained)) or/ | "depending on response" | "depending on clinical response" | "according to response" | "as a single dose" | "with water" | "with a full glass of water" | "swallowed whole" | "as separate doses" | "given" | "administered" | "taken" | "approximately" | "as needed" | "as needed for pain" | "as needed for pain relief" | "preferably with food" | "with or without meals" | "without regard to meals" | /(taken )?\(?regardless of meals\)?/ | /\((the )?maximum (recommended )?(clinical |daily )?dose\)/ | "is recommended" | "is suitable" | "is appropriate" | "should be used" | MOD_POP | MOD_VOLUME
// the volume of an oral solution that holds the dose just stated ("240 mg (24 mL)"): it restates, never changes, it
MOD_VOLUME: /\(\d+(\.\d+)? ?ml\)/
// round 9: "given once daily in the a.m. or p.m." (dots dropped by `normalize`): which part of the day, the prescriber's
// choice, never how much or how often
MOD_DAYPART: /in the (am|morning) or (in the )?(pm|evening)/
// round 9: "at any time within the 60-minute period before the morning and evening meals (or before the two main meals of
// the day, approximately 6 hours or more apart)": when each dose is given around a meal, never how much or how often
MOD_MEALS: /(at any time )?within (the )?\d+[- ]minutes?( period)? (before|prior to) (the )?(morning and evening meals|meals|a meal|the two main meals of the day)( \(or (before|prior to) the two main meals of the day,? (approximately |about |at least )?\d+ hours or more apart\))?/
// round 8: "at approximately the same time each day": when, never how much or how often
MOD_TIME: /(taken |given |administered )?at (approximately |about )?the same time (each|every) day/
MOD_POP: /(after|following) (\d+(-| to )\d+ days of )?(initial therapy with )?(a )?parenteral anticoagula(nt|tion)/ | "after previous treatment" | /\((adults|patients) \d+ years( of age)? (and|or) older\)/ | /in adults( and adolescents)?( (\d+|older than \d+) years( of age)?( and older)?)?/ | /taken \d+ hours apart/ | /(\d+ )?to \d+ hours before bedtime/

// ---------------------------------------------------------------- timing
timing: ON_DAY NUMBER                    -> on_day
      | ON_DAYS NUMBER _RANGE NUMBER     -> on_days
      | ON_DAYS NUMBER _THROUGH NUMBER   -> on_days
      | FOR NUMWORD PERIOD               -> for_period
      | FOR_FIRST PERIOD                 -> for_first
      | FOR_FIRST NUMWORD PERIOD         -> for_first_n
      | AFTER NUMWORD PERIOD             -> after_period
      | AFTER NUMWORD PERIOD OF_THERAPY  -> after_period
      | AFTER_MIN NUMWORD PERIOD         -> after_min_period
      | WITHIN NUMWORD PERIOD            -> within_period
      | THEREAFTER                       -> thereafter
      | FOR NUMWORD _RANGE NUMWORD PERIOD -> for_range
      | FOR_UPTO NUMWORD PERIOD          -> for_upto
      | FOR_ATLEAST NUMWORD PERIOD       -> for_atleast
      | FOR_ATLEAST NUMWORD PERIOD COURSES10_SINCE -> for_atleast
      | COURSE_ONE                       -> one_dose
      | EACH_FOR NUMWORD PERIOD          -> for_period
      | COURSE_MAX NUMWORD PERIOD COURSE_OF -> for_upto
_THROUGH: "through" | "thru"
// "do not exceed 1 day of treatment": the course's longest length
COURSE_MAX: "do not exceed" | "not to exceed" | "should not exceed"
COURSE_OF: "of treatment" | "of therapy"
// "100 mg every 12 hours or 200 mg every 24 hours, each for 10 days": the length of every way just stated
EACH_FOR: "each for" | "each given for"
// "duration: single dose": the course is the one day
COURSE_ONE: /duration:? (a |one )?single dose/
// round 10: "for at least 10 days following close contact with an infected individual" (post-exposure prophylaxis):
// what the shortest course counts from; a shortest course states no end, so it moves no day
COURSES10_SINCE: /(following|after) (close )?(contact|exposure) (with|to) (an? |the )?(infected|[a-z]+-infected) (individual|person|patient|household member|contact)s?/
FOR_ATLEAST: "for at least" | "for a minimum of" | "for no less than"
FOR_UPTO: "for up to" | "up to"
ON_DAY: "on day" | "on the day" | "starting on day" | "beginning on day" | "starting day" | "from day"
ON_DAYS: "on days"
FOR: "for" | "for a total of" | "for a duration of" | "for the next"
FOR_FIRST: "for the first" | "during the first"
OF_THERAPY: "of therapy" | "of treatment"
AFTER: "after" | "starting on week" | "beginning week"
// a shortest time before the change: the earliest day it allows (the corpus convention), said so in the step
AFTER_MIN: "after at least" | "after a minimum of" | "no sooner than" | "not sooner than" | "not earlier than"
WITHIN: "within"
THEREAFTER: "thereafter" | "after that" | "onward" | "onwards" | "and thereafter" | "then"
NUMWORD: /\d+/ | "one" | "two" | "three" | "four" | "five" | "six" | "seven" | "eight" | "ten" | "fourteen" | "a"
PERIOD: /(day|days|week|weeks|month|months)(?![a-z])/

interval: EVERY NUMWORD PERIOD           -> every_period
        | EVERY ORDINAL PERIOD           -> every_ordinal
        | EVERY PERIOD                   -> every_one_period
        | AT_INTERVALS NUMWORD PERIOD    -> every_period
        | WEEKLY                         -> weekly
        | NO_MORE_OFTEN EVERY_WORD? NUMWORD PERIOD   -> min_period
        | NO_MORE_OFTEN WEEKLY          -> min_weekly
        | NO_MORE_OFTEN EVERY_WORD? PERIOD -> min_one_period
EVERY: "every" | "each"
ORDINAL: "second" | "third" | "fourth" | "fifth" | "seventh"
EVERY_WORD: "every" | "once every" | "once"
AT_INTERVALS: "at intervals of" | "at intervals of at least" | "in intervals of"
WEEKLY: "weekly" | "at weekly intervals" | "every week" | "each week" | "at intervals of 1 week" | "per week" | "a week"
NO_MORE_OFTEN: "no more often than" | "no more frequently than" | "not more often than" | "not more frequently than" | "at intervals of no less than" | "at intervals of at least" | "at intervals of not less than"

// ---------------------------------------------------------------- clauses
// "12.5 mg orally twice daily", "200 mg/day (100 mg twice daily)", "150-300 mg/day in 2 or 3 divided doses"
dose_clause: _then_opt _start_opt dose _mods _timing_opt _mods
           | REDUCE_TO dose _mods                      -> reduced_to
           | START_BAND dose _mods                     -> reduced_to
           | amount UNIT _mods FIRST_DAY_BAND _mods     -> initial_post
           | amount UNIT _mods INIT_POST _mods        -> initial_post
           | LOAD_PRE amount UNIT _mods               -> initial_post
           | LOAD_PRE amount UNIT _mods FIRST_DAY _mods -> initial_post
LOAD_PRE: "a loading dose of" | "a single loading dose of" | "loading dose of" | "an initial dose of" | "a first dose of" | "a single initial dose of"
INIT_POST: "first dose" | "as the first dose" | "as a first dose" | "initial dose" | "as an initial dose" | "as the initial dose" | "loading dose" | "as a loading dose" | "as a single loading dose" | "initial dose on day 1" | "loading dose on day 1" | "on day 1" | "as an initial loading dose"

?dose: per_dose | per_day | per_day_paren | per_dose_paren | daily_of | am_pm | n_doses | total_either | later_pair
     | timed_once | first_day
// "400 mg on the first day": the first day's amount (how many doses not stated), a starting dose
first_day: amount UNIT _mods FIRST_DAY _mods
FIRST_DAY: /on (day (1|one)|the first day)( of (treatment|therapy|dosing))?/
// a renal band's "200 mg 1st day and 100 mg each day thereafter", "110 mg for first day, then 220 mg once daily": one
// dose that day (the band's words; "on the first day" is the step reader's `first_day` above)
FIRST_DAY_BAND: "1st day" | "on the 1st day" | "the first day" | "first day" | "for the first day" | "for first day" | "for the 1st day"
// "1.2 mg at the first sign of the flare, followed by 0.6 mg one hour later": two doses, one occasion (a day's total)
later_pair: amount UNIT _mods THEN amount UNIT _mods LATER _mods
LATER: /(\d+|one|an|two|three|four|six) (hours?|minutes) later/
// "110 mg orally 1-4 hours after surgery": one dose at a stated time after an event
timed_once: amount UNIT _mods HOURS_AFTER _mods
HOURS_AFTER: /(at least )?\d+(\.\d+)?( ?(-|to) ?\d+(\.\d+)?)? (hours?|minutes) after (surgery|the (last|final) intravenous dose)/
// "300 mg daily, administered as either 150 mg twice daily or 300 mg once daily": a daily total and two ways to give
// it, each of which must come to that total
total_either: amount UNIT _perday_opt _mods EITHER per_dose "or" _as_opt per_dose _mods
EITHER: /(given |administered |taken )?(either as|as either|either)/
_as_opt: AS?
AS: "as"
// "two 500 mg doses taken 12 hours apart": so many doses within one day
n_doses: DOSE_COUNT amount UNIT DOSES APART _mods
DOSE_COUNT: "two" | "three" | "2" | "3"
DOSES: "doses"
APART: /(taken |given |administered )?\d+ hours apart/
am_pm: amount UNIT _mods AM "and" amount UNIT _mods PM _mods "(" amount UNIT _PERDAY ")"
     | amount UNIT _mods AM "and" amount UNIT _mods PM _mods
AM: "in the morning" | "morning" | "every morning" | "am"
PM: "in the evening" | "evening" | "every evening" | "pm" | "at bedtime"
daily_of: DAILY_OF amount UNIT _mods
DAILY_OF: "a daily dosage of" | "a daily dose of" | "daily dosage of" | "a total daily dose of" | "total daily dose of" | "a dosage of"
per_dose: amount UNIT _mods freq _mods
per_day: amount UNIT _mods _PERDAY _mods _freq_opt _mods
       | amount UNIT _mods _PERDAY_SHAPE _mods
       | amount UNIT _mods _PERDAY _mods "(" _mods freq _mods ")" _mods
// "50 mg in 24 hours", "in any 24-hour period": a day's total
_PERDAY_SHAPE: "in 24 hours" | /in (any |a )?24-? ?hour period/ | "per 24-hour period"
per_day_paren: amount UNIT _mods _PERDAY _mods _freq_opt _mods "(" per_dose ")" _mods
per_dose_paren: amount UNIT _mods freq _mods "(" amount UNIT _PERDAY ")" _mods
              | amount UNIT _mods freq _mods "(" _TOTALWORD amount UNIT ")" _mods
_TOTALWORD: "total daily dose" | "total daily dose of" | "total" | "daily total" | "total of" | "total dose" | "="
START: /(the )?(usual |recommended )(adult |oral )?(starting |initial |maintenance )?(dosage|dose) is/ | /(then )?(increase|titrate|increase the dose|increase the dosage|increase dose|titrate the dose|titrate up) to/ | "the starting dose should be" | /(the )?usual (maintenance |daily )?(dosage|dose) range is/ | "the initial dose should be" | "the recommended dosage range is" | "the recommended dose range is" | "the recommended target dose is" | "recommended target dose is" | "the daily dose is" | "reduce dose to" | "reduce the dose to" | "reduce to" | "decrease dose to" | "decrease the dose to" | "the recommended dose is" | "a target dose of" | "target dose of" | "dosage" | "start" | "start at" | "start with" | "starting at" | "begin" | "begin with" | "initiate at" | "initially" | "give" | "take" | "usual dose is" | "the recommended dose is" | "recommended dose is" | "the usual dose is" | "usual dose" | "recommended dose" | "the recommended starting dose is" | "starting dose" | "start dose" | "initial dose" | "initial dose of" | "starting dose of" | "a dose of" | "dose"

max_clause: MAXWORD dose_or_total _mods _may_given_opt _mods
          | WHICH_MAY TO_MAX dose_or_total _mods
          | MAX_BAND dose_or_total _mods
          | MAY_TITRATE _mods TO_MAX dose_or_total _mods
          | DAILY_ABOVE bare_total _perday_opt NOT_ADVISED _mods
          | DOSES_ABOVE bare_total PERDAYOPT NOT_ADVISED _mods
          | _maxword_opt bare_total _mods MAX_ONCE _mods -> max_once
          | DOSES_ABOVE bare_total PERDAYOPT NOT_USED _mods
          | MAX_SHAPE per_day _mods
          | MAX_SHAPE per_dose _mods
          | MAX_SHAPE per_day_paren _mods
          | MAXWORD2 _dosed _mods
          | _cond_opt MAY_INC2 _mods TO_MAX2 dose_or_total _mods
          | MAXDAILY2 dose_or_total _mods
          | MAX_OF dose_or_total _mods NOT_EXCEEDED _mods
          | USUALLY_NOT_ABOVE per_day _mods
          | STEPS11_MAY_REQUIRE _dosed _mods
          | STEPS11_MAY_REQUIRE _dosed _mods STEPS11_FOR_EFFECT _mods
          | STEPS11_BEYOND per_day _mods STEPS11_NO_BENEFIT _mods
          | RENAL11_MAX_NOT_EXCEED _dosed _mods
// round 11: "Some patients may require a dosage of 200 mg once a day for optimal effect" (a Maximum: bullet): the highest
// dose the label names for the regimen; "Increasing the dosage beyond 100 mg a day is unlikely to produce any further
// benefit": 100 mg/day is the ceiling (a per-day word or a frequency only: a bare amount may be one administration)
STEPS11_MAY_REQUIRE: /some patients may (require|need) (a (dosage|dose) of|up to)/
STEPS11_BEYOND: /increasing the (daily )?(dosage|dose) (beyond|above)/
STEPS11_FOR_EFFECT: /for (an? )?(optimal|adequate|full|maximal) (effect|response|benefit)/
STEPS11_NO_BENEFIT: /is unlikely to (produce|provide|give) (any )?(further|additional) benefit/
// round 8: "the maximum dosage is 400 mg once daily", "the maximum dose recommended is 400 mg/day"
// (with a frequency or a per-day word: a bare amount may be one administration), "the maximum daily dose is 400 mg"
MAXWORD2: /the maximum (recommended )?(dosage|dose)( recommended)? is/
// "the dosage may be increased to the maximum recommended dosage of 300 mg once daily"
TO_MAX2: /to the maximum (recommended )?(daily )?(dose|dosage) of/
MAXDAILY2: /the maximum (recommended )?(total )?daily (dosage|dose)( recommended)? is/
_dosed: per_dose | per_day | per_day_paren | per_dose_paren
// round 11: "the maximum dosage should not exceed 50 mg/day" (with a frequency or a per-day word, as MAXWORD2)
RENAL11_MAX_NOT_EXCEED: /the maximum (recommended )?(total )?(daily )?(dosage|dose) should (generally )?not exceed/
// "a maximum daily dose of 450 mg ... should not be exceeded"
MAX_OF: /an? maximum (total )?daily (dose|dosage) of/
NOT_EXCEEDED: /should not be exceeded|must not be exceeded|is not to be exceeded/
// "usually not above 2000 mg per day": the label's ceiling, with a per-day word (a bare amount may be one dose)
USUALLY_NOT_ABOVE: /(usually |generally )?not (above|to exceed|more than)/
// "no more than 1 mg per day", "the total daily dose should not exceed a maximum of 80 mg daily (20 mg q.i.d.)": with a
// per-day word or a frequency only (a bare amount may be one administration)
MAX_SHAPE: "not more than" | "no more than" | /(the )?(total )?(daily )?(doses?|dosage) should not exceed( a maximum of)?/ | "should not exceed a maximum of"
// "doses above 300 mg/day should not be used": 300 mg/day is the maximum (per day stated, as above)
NOT_USED: /should not be (used|given|administered)/ | "must not be used"
// "20 mg (maximum recommended dose); the maximum recommended dosing frequency is once daily": that dose, at most once a
// day, is the day's maximum (read only when the words say the amount is the maximum dose)
MAX_ONCE: /(and )?(the )?maximum (recommended )?dosing frequency is once (daily|per day|a day|in 24 hours)/
_maxword_opt: MAXWORD?
// "daily doses greater than 500 mg have not been studied and are not recommended": 500 mg/day is the maximum (a
// dose without "daily" or "/day" may be one administration: not read)
DAILY_ABOVE: /(total )?daily (doses|dosages) (greater than|higher than|more than|above|exceeding|in excess of)/
DOSES_ABOVE: /(doses|dosages) (greater than|higher than|more than|above|exceeding|in excess of)/
NOT_ADVISED: /(have not been studied and )?(are|is) not recommended/
_may_given_opt: MAY_GIVEN?
MAY_GIVEN: "may be administered" | "may be given" | "may be used"
MAY_TITRATE: "may titrate" | "may titrate up" | /(the )?(dosage|dose) may be titrated upward/ | "may be titrated upward" | "the dose may then be titrated" | "the dose may be titrated" | "may then be titrated" | "may be titrated" | "the dose may then be increased" | "the dose may be increased" | "may then be increased" | "may be increased"
TO_MAX: "to a maximum total daily dose of" | "to a maximum daily dose of" | "to a maximum dose of" | "to a maximum of" | "up to a maximum of" | "up to a maximum dose of" | "to a maximum daily dose of" | "to the maximum dose of"
?dose_or_total: per_dose | per_day | per_day_paren | per_dose_paren | bare_total
bare_total: amount UNIT
MAXWORD: "the maximum is" | "the maximum dose is" | "a maximum dose of" | "up to a maximum dose of" | "up to a maximum daily dose of" | "the daily dosage should not exceed" | "the dosage should generally not exceed" | "the dose should generally not exceed" | "the daily dose should generally not exceed" | "the dosage should not exceed" | "recommended maximum total daily dose" | "recommended maximum total daily dose is" | "the recommended maximum total daily dose is" | "recommended maximum daily dose" | "recommended maximum dose" | "daily dosage should not exceed" | "the daily dose should not exceed" | "the total daily dose should not exceed" | "the dose should not exceed" | "generally not exceed" | "should generally not exceed" | "the maximum recommended dosage is" | "maximum recommended dosage" | "maximum" | "maximum dose" | "maximum of" | "max" | "max." | "not to exceed" | "do not exceed" | "should not exceed" | "maximum daily dose" | "maximum daily dose of" | "maximum recommended dose" | "maximum recommended dose is" | "the maximum recommended dose is" | "the maximum dose is" | "maximum dose is" | "maximum dose of" | "up to a maximum of" | "up to" | "doses above" "are not recommended" | "the maximum daily dose is" | "maximum recommended daily dose" | "maximum recommended daily dose is" | "the maximum recommended daily dose is" | "max dose"

// "an alternative dosage regimen is 150 mg twice daily": a second way to give the dose just stated (read_text pairs
// the two; alone it is not read)
alternative: ALT_WORD dose _mods
ALT_WORD: /(an )?alternative (dosage|dose|dosing)( regimen)? (is|of)/

maint_clause: MAINTWORD dose_or_total _mods _timing_opt _mods
MAINTWORD: "maintenance" | "maintenance dose" | "usual maintenance dose" | "recommended maintenance dose" | "usual maintenance" | "target dose" | "target" | "target dose of" | "the recommended maintenance dose is" | "recommended dose is" | "effective dose" | "usual effective dose"

initial_clause: INITWORD dose_or_total _mods _timing_opt _mods
              | INITWORD_BAND dose _mods
              | INIT_DAILY_BAND daily_amount _mods
daily_amount: amount UNIT -> daily_of
INITWORD: "recommended initial dose" | "the recommended initial dose is" | "initial dose" | "initial" | "initially" | "starting dose" | "initial dose of" | "starting dose of" | "start at" | "start with" | "start" | "begin at" | "begin with" | "the recommended starting dose is" | "recommended starting dose"

reduce_clause: REDUCE _what_opt BY PERCENT                         -> reduce_pct
             | REDUCE _what_opt BY PERCENT _RANGE PERCENT          -> reduce_pct_range
             | REDUCE _what_opt BY HALF                            -> reduce_half
             | _give_opt PERCENT OF_USUAL _mods                 -> give_pct
             | _give_opt HALF OF_USUAL _mods                    -> give_half
             | _give_opt HALF OF_USUAL_BAND _mods               -> give_half
             | _give_opt PERCENT OF_USUAL_BAND _mods            -> give_pct
             | REDUCE _what_opt BY PERCENT "(" _to_opt dose_or_total ")"   -> reduce_pct_paren
             | REDUCTION_OF PERCENT OF_MAX _mods                 -> reduce_max_pct
             | REDUCE MAX_WHAT BY PERCENT _mods                  -> reduce_max_pct
             | REDUCE_TO PERCENT OF_USUAL _mods                 -> give_pct
             | REDUCE_TO PERCENT OF_USUAL_BAND _mods            -> give_pct
             | REDUCE_TO HALF OF_USUAL _mods                    -> give_half
             | REDUCE_TO HALF OF_USUAL_BAND _mods               -> give_half
             | REDUCE_BY_BAND PERCENT                           -> reduce_pct
             | REDUCE_BY_BAND HALF                              -> reduce_half
REDUCTION_OF: "a reduction of" | "reduction of" | "a decrease of" | "a dose reduction of" | "a dosage reduction of"
OF_MAX: "of the maximum dosage" | "of the maximum dose" | "of the maximum daily dose" | "of the maximum daily dosage" | "of the maximum recommended dose" | "of the maximum recommended dosage" | "of the maximum recommended daily dose"
MAX_WHAT: "the maximum dosage" | "the maximum dose" | "the maximum daily dose" | "maximum dose" | "maximum daily dose" | "the maximum recommended dose" | "the maximum recommended daily dose"
REDUCE: "reduce" | "decrease" | "lower" | "reduce the" | "decrease the" | "lower the"
WHAT: "the dosage" | "dosage" | "the daily dosage" | "dose" | "dosage" | "maintenance dose" | "the maintenance dose" | "the dose" | "daily dose" | "the daily dose" | "total daily dose" | "the total daily dose" | "dose and dosing frequency"
BY: "by"
HALF: "half" | "one-half" | "50%" | "one half"
PERCENT: /\d+(\.\d+)? ?%/
OF_USUAL: "of the usual dose" | "of the usual daily dose" | "of the recommended dose" | "of the normal dose" | "of the usual adult dose" | "of the usual maintenance dose"

verdict: NOTREC
       | NOTREC_BAND
NOTREC: /(the )?use (of [a-z-]+ ([a-z-]+ )?)?(in [a-z -]+ )?is not recommended/ | /[a-z-]+ ([a-z-]+ )?is contraindicated( in these patients)?/ | /[a-z-]+ should not be (used|administered)/ | "not recommended" | "use is not recommended" | "is not recommended" | "avoid" | "avoid use" | "contraindicated" | "is contraindicated" | "do not use" | "should not be used" | "do not administer" | "use not recommended" | "not recommended for use" | "not for use"

no_adjust: NOADJ
         | NOADJ_BAND
NOADJ: /(a )?(dose |dosage )?(adjustment|reduction|modification)s? (is |are )?not (necessary|needed|required)/ | /the (dose|dosage) does not need to be adjusted/ | /no (other )?(dosage |dose )?adjustment (is recommended )?for (patients with )?renal impairment( alone)?/ | "no reduction" | "no dose reduction" | "no adjustment in the daily dose or dosing frequency is required" | /(then )?no dosage adjustment is (required|needed|necessary)/ | /dosage adjustment is (therefore )?not (needed|required|necessary)/ | /adjustment of the (recommended )?dose is not required/ | /no (initial )?(dosage |dose )?(adjustment|adjustments|change|reduction|modification)s? (of the dose )?(is |are )?(necessary|needed|required|recommended)?/ | "no adjustment" | "no dose adjustment" | "no dosage adjustment" | "none" | "usual dose" | "no change" | "use usual dose" | "use the usual dose" | "standard dosing" | "no dosage adjustment is necessary" | "not necessary"

caution: CAUTION
CAUTION: "use with caution" | "caution" | "use caution" | "administer with caution" | "use cautiously" | "caution is advised" | "caution should be exercised" | "monitor closely" | "monitor"

increment: _then_opt INCREASE _what_opt BY amount UNIT _perday_opt _interval_opt _mods _until_opt _mods
         | _then_opt INCREASE _what_opt BY amount UNIT freq "(" amount UNIT _PERDAY ")" _interval_opt _mods _until_opt _mods -> increment_paren
         | _then_opt INCREASE _what_opt IN_INCREMENTS_OF amount UNIT _perday_opt _interval_opt _mods _until_opt _mods
         | _then_opt TITRATE_IN amount UNIT _perday_opt INCREMENTS _interval_opt _mods _until_opt _mods
         | _then_opt BY amount UNIT _perday_opt _interval_opt _mods _until_opt _mods
IN_INCREMENTS_OF: "in increments of" | "by increments of" | "in steps of"
THEN: "then" | "and then" | "thereafter" | "after that"
INCREASE: "increase" | "increased" | "increase the dose" | "titrate" | "titrated" | "titrate upward" | "increase the daily dose" | "increase the total daily dose" | "the dose should be increased" | "dose may be titrated" | "increase dose" | "increase in"
TITRATE_IN: "titrate in" | "increase in" | "increased in" | "in"
INCREMENTS: "increments" | "steps" | "increments as separate doses" | "increment"
UNTIL: "to the recommended daily dose of" | "to the recommended dose of" | "to the recommended maintenance dose of" | "to a maximum recommended daily dose of" | "to the maximum recommended daily dose of" | "to the target dose of" | "to a target dose of" | "until" | "up to" | "to" | "to reach" | "to a maximum of" | "to a target of" | "to a dose of" | "until a dose of" | "up to a maximum of" | "to achieve" | "to a maximum dose of" | "until reaching"
PERDAYOPT: "/day" | "per day" | "a day" | "daily"

may_increase: _cond_opt MAY_INC _what_opt TO dose_or_total _mods _timing_opt _mods
            | _cond_opt MAY_INC2 TO dose_or_total _mods _timing_opt _mods
            | _cond_opt MAY_INC UP_TO dose_or_total _mods _timing_opt _mods
            | MAY_INC2 TO dose_or_total _mods COND2 _mods
            | MAY_LOWER _what_opt TO dose_or_total _mods -> may_lower
            | MAY_INC _what_opt BY amount UNIT _perday_opt _interval_opt _mods _until_opt _mods -> may_increment
            | MAY_INC _what_opt TITRATE_IN amount UNIT _perday_opt INCREMENTS _interval_opt _mods _until_opt _mods -> may_increment
UP_TO: "up to"
// "the dose must be individualized to the needs of the patient" (round 8): read as "individualize dosage"
titrate_label: TITRATE_FREE2 -> titrate_free
            | TITRATE_FREE3 -> titrate_free
// round 9: "Individualize the dosage of TOPROL-XL", "DOSAGE MUST BE INDIVIDUALIZED AND CLOSELY MONITORED BY A PHYSICIAN
// DURING UP-TITRATION": the same, said of the dosage with its article or with how the titration is watched
TITRATE_FREE3: /individualize the (dose|dosage)/ | /(the )?(dose|dosage) (must|should) be individualized and (closely )?monitored( by a (physician|prescriber|health ?care provider))? during (up-?titration|titration)/
TITRATE_FREE2: /(the )?(dose|dosage) (must|should) be individualized( (to the needs of the patient|for each patient))?/
// round 8: "the dosage may be adjusted down to 25 mg twice daily (50 mg per day) or up to 100 mg twice daily (200 mg per
// day)": a range the prescriber may move in (an option), whose upper end is the most the label allows (each end with its
// frequency or a per-day word: a bare amount may be one administration)
adjust_range: MAY_ADJUST DOWN_TO _dosed _mods "or" UP_TO _dosed _mods
            | MAY_ADJUST UP_TO _dosed _mods "or" DOWN_TO _dosed _mods -> adjust_range_up
MAY_ADJUST: /(the )?(daily )?(dosage|dose) (may|can) (then )?be (adjusted|titrated)/
DOWN_TO: "down to"
MAY_LOWER: "the dose may be lowered" | "the dose may be reduced" | "the dose may be decreased" | "may be lowered" | "may be reduced" | "may be decreased" | "may decrease" | "may reduce"
COND: /if (an? |the )?(optimal |adequate |desired |antihypertensive |therapeutic |clinical )?(response|effect)( of \d+(\.\d+)? (mg|mcg))? is (not achieved|not obtained|inadequate|insufficient|not adequate)/ | /if the \d+(\.\d+)? (mg|mcg) (dose )?(is|was) (well )?tolerated/ | "if necessary" | "if needed" | "if required" | "in case of an inadequate response" | "if response is inadequate"
MAY_INC2: /(the )?(total )?(daily )?(dose|dosage) (can|may) (then )?be increased/ | "can then be increased" | "can be increased"
MAY_INC: "the dosage should be increased" | "the dose should be increased" | "the dosage may be increased" | "may increase" | "may be increased" | "may increase the dose" | "the dose may be increased" | "dose may be increased" | "can be increased" | "may titrate" | "may be titrated" | "may be titrated up" | "if needed, increase" | "increase if needed" | "may increase dose" | "may then be increased" | "if tolerated, increase"
TO: "to"

titrate_free: TITRATE_FREE
            | TITRATE_BAND
TITRATE_FREE: /(increase|titrate) (the dose )?slowly( to achieve the desired (clinical )?response)?/ | /any increases? in (the )?dose should be (done|made) with (close|careful|adequate) monitoring( of the patient)?( for adverse effects)?/ | "titrate to response" | "titrate to effect" | "titrate as tolerated" | "titrate based on response" | "titrate to clinical response" | "titrate slowly" | "titrate cautiously" | "titrate to the lowest effective dose" | "individualize dose" | "individualize dosage"

proportional: PROPORTION
PROPORTION: "reduce in proportion to creatinine clearance" | "reduce the daily dose in proportion to creatinine clearance" | "dose should be reduced in proportion to creatinine clearance" | "reduce the dose in proportion to creatinine clearance" | "daily dose should be reduced in proportion to creatinine clearance" | "reduce daily dose in proportion to creatinine clearance" | "reduce in proportion to crcl" | "reduce the daily dose in proportion to crcl"

timing_clause: timing _mods

// "initiate therapy at one-half the usual starting dose (300 mg/day)": checked against the schedule's start
half_start: START_PART _part_of OF_START "(" dose_or_total ")" _mods
_part_of: HALF | PERCENT
START_PART: "initiate therapy at" | "initiate treatment at" | "initiate at" | "initiate with" | "start at" | "start with" | "begin at" | "begin with" | "begin therapy at"
OF_START: "the usual starting dose" | "of the usual starting dose" | "the usual initial dose" | "of the usual initial dose" | "the recommended starting dose" | "of the recommended starting dose"

// ---------------------------------------------------------------- a renal band's words
// "the initial daily dose should be 2.5 mg": a starting amount per day
INIT_DAILY_BAND: /(the )?(initial|starting) daily (dose|dosage) (should be|is)/
// "caution should be used in dose-titration": the increases, not the starting dose, are left to care
TITRATE_BAND: /caution should be (used|exercised) (in|during|when) (dose[- ])?(titration|titrating|increasing the dose)/ | "titrate with caution"
// "the dose should be reduced by 50%"
REDUCE_BY_BAND: /(the )?(daily |total daily |maintenance )?(dose|dosage) should be (reduced|decreased|lowered) by/
// "Xdrug is not recommended": one word naming the drug, never one about the dosing ("dose adjustment", "supplementation",
// "dosing", "titration" … is not recommended: no verdict on the drug); "should not be administered"
NOTREC_BAND: /(?!(dose|dosage|dosing|use|it|this|that|change|increase|dialysis|hemodialysis|tablet|capsule|solution|suspension|injection|patch|formulation|product|form|[a-z]*(tion|ment|ing|sion|al|ance|ence|ity|s))\b)[a-z][a-z]+ is not recommended/ | "should not be administered" | "should not be given"
// "200 mg 1st day and 100 mg each day thereafter": a first day's dose, then a daily one
EVERY_DAY: "each day" | "every day"
// "standard individual dose given every 24 hours", "increase the dosing interval to every 12 hours": each dose as the
// schedule gives it, at this frequency
same_dose: SAME_DOSE _mods freq _mods
SAME_DOSE: /(the )?(standard|usual|recommended|normal|same) (individual |unit |single )?(dose|dosage)/ | /(increase|extend|lengthen|prolong) the (dosing |dosage |dose )?interval to/ | /the (dosing |dosage |dose )?interval should be (increased|extended|lengthened|prolonged) to/
// a renal band's words that never change its dose: "taken with a meal", "after clinical reassessment"
MOD_BAND: "without regard to food" | /(approximately )?(one-half|one half|half an|\d+) (hour|minutes?) (after|following) (the same meal|a meal|meals)( each day)?/ | /\((adults|adult patients)( and pediatric patients)? weighing at least \d+ kg\)/ | "is the recommended dose" | "is the recommended dosage" | "taken with a meal" | "taken with food" | "after clinical reassessment" | "after reassessment" | /\((adults|adult patients|patients|adults and adolescents|adolescents and adults|patients and adolescents),? \d+ years( of age)? (and|or) older\)/ | /(taken )?(with food )?at (about|approximately) \d{1,2}( ?(am|pm|a\.m\.|p\.m\.))/
// "limit the dosage to 40 mg once daily", "the maintenance dose should not exceed 40 mg once daily": the band's maximum
MAX_BAND: /with a maximum (total )?(daily )?(dose|dosage) of/ | /(do|should) not exceed a (daily |total daily )?(dose|dosage) of/ | /limit the (daily |total daily )?(dose|dosage) to/ | /(the )?maintenance (dose|dosage) should not exceed/ | /(up-)?titrate (up |upward )?(as tolerated )?to a maximum (dose )?of/
// "1.5 mg once daily, which may be increased to a maximum of 3 mg once daily": the maximum the dose may reach
WHICH_MAY: "which may be increased" | "which may be titrated" | "which may be titrated upward"
// "an initial dose of 333 mg three times daily is recommended"
INITWORD_BAND: "an initial dose of" | "a starting dose of" | "an initial dosage of" | "a starting dosage of"
// "a dose reduction to 100 mg once a day is recommended", "the dose should be reduced to 4 mg once daily": the band's dose
// "recommended dosage: 250 mg every 12 hours", "initiate with 5 mg once daily": the band's dose
START_BAND: "administer" | "recommended dosage" | "the recommended dosage" | "initiate with" | "initiate treatment with" | "initiate therapy with"
REDUCE_TO: /(reduce|decrease|lower) the (daily )?(dose|dosage) to/ | /(a )?(dose |dosage )?reduction to/ | /(the )?(daily )?(dose|dosage) should be (reduced|decreased|lowered) to/ | "should be reduced to"
// "no adjustment in dosing required", a table cell "Standard", "the usual regimen"
NOADJ_BAND: /no (dose |dosage )?adjustments? (in|of) (the )?(dosing|dosage|dose)( is| are)? (required|necessary|needed)/ | /(a )?(dose |dosage )?adjustment is not recommended/ | "usual dosage" | "the usual dosage" | "the usual regimen" | "usual regimen" | "standard" | "standard dose" | "standard regimen"
// "one-half the usual regimen", a table cell "50% of standard"
OF_USUAL_BAND: "of the usual dosage" | "the usual dosage" | "the usual regimen" | "of the usual regimen" | "the usual dose" | "the usual adult dose" | "of standard" | "of the standard dose" | "of standard dose"

_mods: mod*
_then_opt: THEN?
_cond_opt: COND?
         | COND2
// round 8: who an optional increase is for ("for additional glycemic control", "for patients requiring further reduction
// in blood pressure", "if needed and tolerated"): the condition of a "may" increase, never of a required dose
COND2: /for (additional|further|better) ([a-z]+ )?(control|reduction)( (in|of) (blood pressure|seizures|seizure frequency))?/ | /for patients (requiring|who require|needing|who need) (additional|further) ([a-z]+ )?(control|reduction)( (in|of) (blood pressure|seizures|seizure frequency))?/ | /if (needed|necessary|required) and (if )?tolerated/
_give_opt: GIVE?
_to_opt: TO?
GIVE: "administer" | "give" | "use" | "reduce to" | "reduce the dose to" | "decrease to"
_what_opt: WHAT?
_perday_opt: PERDAYOPT?
_interval_opt: interval?
_timing_opt: timing?
_freq_opt: freq?
_start_opt: START?
          | START_SHAPE
          | START_LABEL
          | START_PLAIN
          | START_INIT
          | START_DAILY
          | LABEL10_START
// round 10 (label10): "Start with an initial dosage of 10 mg once daily", "Initiate VICTOZA with a dose of 0.6 mg per day"
// (the name left out): where treatment starts; "Increase the dose to the maintenance dose of 20 mcg once daily", "Dosage
// should then be increased to 20 mg/day": the next dose, required ("should then", never "may" nor "if …")
LABEL10_START: /(start|begin|initiate)( therapy| treatment| dosing)? (with|at) (an?|the) ((initial|starting) )?(dose|dosage) of/ | /(then )?(increase|titrate) the (dose|dosage) (to|toward) (a|the) (recommended )?(maintenance|target) (dose|dosage) of/ | /(the )?(dose|dosage) should then be (increased|titrated)( upward)? to/
// round 8: "the initial dose is 25 mg b.i.d." (the name and its dosage form left out: "of captopril tablets"), "the
// recommended maintenance dose range is 8 mg to 12 mg once daily"
START_PLAIN: /the (initial|starting) (dose|dosage) is/ | /the recommended (maintenance |daily )?(dose|dosage) range is/ | /(then )?(increased?|titrated?)( upward)?( \(?(as|if) tolerated\)?)? (to|toward) (a|the) (maintenance|target) dose of/ | /(all )?patients should (then )?be titrated( \(?(as|if) tolerated\)?)? (to|toward) (a|the) (maintenance|target) dose of/
// ("then increased as tolerated, to a maintenance dose of 8 mg once daily", "all patients should be titrated (as
// tolerated) toward a target dose of 4 mg, once daily": the dose the titration reaches, its timing not stated)
// round 9: "Initiate RANEXA dosing at 500 mg twice daily" (the name left out): where treatment starts
START_INIT: /initiate (therapy |treatment |dosing )?at/
// round 9: "The recommended starting daily dose of BANZEL (…) is 400 to 800 mg per day" (the name left out)
START_DAILY: /(the )?(recommended |usual )(starting |initial )daily (dose|dosage) is/
// "the recommended total daily dose is 100 mg/day administered in two divided doses"
START_SHAPE: /(the )?recommended (total )?daily (dose|dosage) is/
// the drug as the subject ("ACEON should be given at an initial dose of 4 mg", read with the name as "it")
START_LABEL: /(it )?(should|is to|can|may) be (given|initiated|started|administered|begun) (at|with) (an initial dose of |a starting dose of |a dose of |an initial dosage of )?/ | /the recommended (starting |initial |maintenance )?(dosage|dose) in adults is/
_until_opt: (UNTIL amount UNIT _perday_opt)?

%import common.WS
%ignore WS
"""


# ---------------------------------------------------------------- facts


@dataclass(frozen=True)
class DoseFact:
    """A dose: per administration and/or per day, how often, when."""

    unit: str
    dose: Amount | None = None  # per administration
    daily: Amount | None = None
    times: Amount | None = None  # administrations a day; None: not stated
    role: str = "dose"  # dose | maximum | maintenance | initial | option
    timing: Timing | None = None  # ("on_day", n) | ("for", days) | ("after", days) | ("within", days) | ("then",)


@dataclass(frozen=True)
class IncrementFact:
    step: Amount
    unit: str
    every_days: int | None  # None: interval not stated
    until: Amount | None = None
    optional: bool = False  # "may increase by ..."
    min_interval: bool = False  # "no more often than weekly": an option, not a schedule


@dataclass(frozen=True)
class IntervalFact:
    """Each dose as the schedule gives it, given this many times a day ("standard individual dose given every 24
    hours")."""

    times: Amount


@dataclass(frozen=True)
class VerdictFact:
    action: str  # not-recommended | none | caution | proportional | titrate


@dataclass(frozen=True)
class ReduceFact:
    factor: Amount  # multiply by this (0.5 for "reduce by 50%")
    what: str  # dose | maintenance | daily


@dataclass
class Reading:
    """The facts of one text, and the clauses that were not understood."""

    facts: list[Any] = field(default_factory=list)
    unread: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not self.unread


_WORDNUM = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "ten": 10,
            "fourteen": 14, "a": 1}


def _n(token: object) -> int:
    value = str(token)
    return _WORDNUM[value] if value in _WORDNUM else int(value)


def _days(count: int, period: str) -> int:
    return count * 7 if period.startswith("week") else count * 31 if period.startswith("month") else count


def unit_name(raw: str) -> str:
    raw = raw.lower()
    if raw in ("mcg", "microgram", "micrograms", "µg"):
        return "mcg"
    if raw in ("g", "gram", "grams"):
        return "g"
    return "mg"


def _times_from(token: object) -> Amount | None:
    from lark import Token

    if not isinstance(token, Token):
        raise _Unread("a frequency that is not one word of the grammar")
    text = str(token)
    kind = token.type
    if kind == "ONCE" or kind in ("BEDTIME", "MORNING", "EVENING", "EVERY_DAY"):
        return 1.0
    if kind == "TWICE":
        return 2.0
    if kind == "THRICE":
        return 3.0
    if kind == "FOUR":
        return 4.0
    if kind == "NTIMES":
        return float(_numbers(text)[0])
    if kind in ("ONCE_OR_TWICE", "QD_OR_BID"):
        return (1.0, 2.0)
    if kind == "ONCE_AT":
        return 1.0
    if kind == "BID_OR_TID":
        return (2.0, 3.0)
    if kind == "EOD":
        return 0.5
    if kind == "PER_WEEK":
        return _per_week(text)
    if kind == "AWAKE":  # "every 4 hours, 5 times daily": the stated count, the interval while awake
        hours, count = _numbers(text)[:2]
        if hours * count > 24 or count * hours < 12:
            raise _Unread(text)
        return float(count)
    if kind == "EVERY_H":
        hours = _numbers(text)[0]
        if hours in (6, 8, 12, 24, 48, 72, 96):  # 72 and 96: a daily dose only when exact (exact_daily)
            return 24 / hours
        raise _Unread(f"every {hours} hours")
    if kind == "EVERY_HR":
        hours_low, hours_high = (int(v) for v in re.findall(r"\d+", text))
        if 24 % hours_low or 24 % hours_high or hours_low >= hours_high:
            raise _Unread(text)
        return (24 / hours_high, 24 / hours_low)
    if kind == "DIVIDED":
        return float(_numbers(text)[0])
    if kind == "DIVIDED_R":
        low, high = (float(v) for v in re.findall(r"\d+", text))
        return (low, high)
    return None  # "in divided doses": how many not stated


class _Unread(Exception):
    pass


_WEEKLY_COUNT = {"once": 1, "1 time": 1, "twice": 2, "two times": 2, "2 times": 2, "three times": 3, "3 times": 3}


def _per_week(text: str) -> float:
    """Doses a day of a frequency stated per week or every N days / hours (72, 96): 2 a week is 2/7 a day."""
    count = next((n for word, n in _WEEKLY_COUNT.items() if text.startswith(word + " ") and "every" not in text), None)
    if count is not None:
        return count / 7
    number = _numbers(text)[0]
    return 1 / number if "day" in text else 24 / number


def exact_daily(amount: Amount, times: Amount) -> Amount:
    """dose × doses a day for a dose given less often than daily, only when the daily amount is exact to 3
    decimals (2.5 mg every 48 hours is 1.25 mg/day; 2.5 mg twice weekly, 0.714… mg/day, is refused)."""
    daily = multiply(amount, times)
    for value in daily if isinstance(daily, tuple) else (daily,):
        if abs(value * 1000 - round(value * 1000)) > 1e-6:
            raise _Unread("a dose given less often than daily whose daily amount is not exact")
    return daily


def _freq_token(node: Tree[Token]) -> Any:
    """The frequency word of a `freq` node; "once daily (every 24 hours)" restates it, and the two must agree."""
    words = node.children
    if len(words) > 1 and getattr(words[0], "type", None) == "DIVIDED_U" and _at_least_two(_times_from(words[1])):
        return words[1]  # "in divided doses (b.i.d.)": the parentheses say how many
    if len(words) > 1 and _times_from(words[0]) != _times_from(words[1]):
        raise _Unread("a frequency and its restatement in parentheses disagree")
    return words[0]


def _at_least_two(times: Amount | None) -> bool:
    """Doses a day that divided doses can be: a single number of two or more."""
    return isinstance(times, float) and times >= 2


def _numbers(text: str) -> list[int]:
    """The whole numbers in a token's text; a token without one is not read."""
    found = [int(v) for v in re.findall(r"\d+", text)]
    if not found:
        raise _Unread(f"no number in {text!r}")
    return found


def _amount(tree: Tree[Token]) -> tuple[Amount, str | None]:
    if tree.data == "single":
        value = float(str(tree.children[0]))
        if value <= 0:
            raise _Unread("a dose of zero")
        return value, None
    low, high = float(str(tree.children[0])), float(str(tree.children[1]))
    unit = str(tree.children[2]) if len(tree.children) > 2 else None
    if low >= high or low <= 0:
        raise _Unread("range")
    return (low, high), unit


def multiply(a: Amount, b: Amount) -> Amount:
    """a × b, either a number or a [low, high] range (to 6 decimals)."""
    lo_a, hi_a = a if isinstance(a, tuple) else (a, a)
    lo_b, hi_b = b if isinstance(b, tuple) else (b, b)
    lo, hi = round(lo_a * lo_b, 6), round(hi_a * hi_b, 6)
    return lo if lo == hi else (lo, hi)


_Parts = tuple[list["Tree[Token]"], list["Token"], list[Any], list["Tree[Token]"], list["Tree[Token]"]]


def _parts(tree: Tree[Token]) -> _Parts:
    """(amount trees, unit tokens, freq tokens, timing trees, subtrees) of a node's direct children."""
    from lark import Token, Tree

    amounts: list[Tree[Token]] = []
    units: list[Token] = []
    freqs: list[Any] = []
    timings: list[Tree[Token]] = []
    subs: list[Tree[Token]] = []
    for child in tree.children:
        if isinstance(child, Tree):
            if child.data in ("single", "range_unit"):
                amounts.append(child)
            elif child.data == "freq":
                freqs.append(_freq_token(child))
            elif child.data == "mod":
                continue
            elif child.data in ("on_day", "on_days", "for_period", "for_first", "for_first_n", "after_period",
                                "after_min_period",
                                "within_period", "thereafter", "for_range", "for_upto", "for_atleast", "one_dose"):
                timings.append(child)
            else:
                subs.append(child)
        elif isinstance(child, Token) and child.type == "UNIT":
            units.append(child)
    return amounts, units, freqs, timings, subs


def _timing(tree: Tree[Token]) -> Timing:
    kind = tree.data
    values = [c for c in tree.children]
    if kind != "for_upto" and any(str(v).startswith("month") for v in values):
        raise _Unread("a length in months is no number of days")  # "for up to 12 months" only: it gives no end day
    if kind == "on_day":
        return ("on_day", _n(values[1]))
    if kind == "on_days":
        return ("on_days", _n(values[1]), _n(values[2]))
    if kind == "for_period":
        return ("for", _days(_n(values[1]), str(values[2])))
    if kind == "for_first":
        return ("for", _days(1, str(values[1])))
    if kind == "for_first_n":
        return ("for", _days(_n(values[1]), str(values[2])))
    if kind == "after_period":
        return ("after", _days(_n(values[1]), str(values[2])))
    if kind == "after_min_period":
        return ("after_min", _days(_n(values[1]), str(values[2])))
    if kind == "for_range":
        return ("for_range", _days(_n(values[1]), str(values[3])), _days(_n(values[2]), str(values[3])))
    if kind == "for_upto":
        if str(values[2]).startswith("month"):
            return ("for_upto", _days(_n(values[1]), str(values[2])))  # a length in months gives no end day
        return ("upto", _days(_n(values[1]), str(values[2])))  # "for up to 8 weeks": the course ends by day 56
    if kind == "one_dose":
        return ("for", 1)
    if kind == "for_atleast":  # a shortest length: the step's end is not stated
        return ("for_atleast", _days(_n(values[1]), str(values[2])))
    if kind == "within_period":
        return ("within", _days(_n(values[1]), str(values[2])))
    return ("then",)


def _dose(tree: Tree[Token], role: str) -> DoseFact:
    """A DoseFact from a per_dose / per_day / per_day_paren / per_dose_paren / bare_total node."""
    amounts, units, freqs, _, subs = _parts(tree)
    amount, range_unit = _amount(amounts[0])
    unit = units[0]
    if range_unit is not None and unit_name(range_unit) != unit_name(unit):
        raise _Unread("units differ in a range")
    unit_s = unit_name(unit)
    if tree.data == "per_dose":
        times = _times_from(freqs[0])
        daily = exact_daily(amount, times) if times is not None else None
        # "1500 mg as a single dose": one dose, once — a course of one day, never a daily dose that goes on
        once = ("for", 1) if _ONE_TIME.fullmatch(str(freqs[0])) else None
        return DoseFact(unit_s, dose=amount, daily=daily, times=times, role=role, timing=once)
    if tree.data == "first_day":
        if isinstance(amount, tuple):
            raise _Unread("a range on the first day")
        return DoseFact(unit_s, daily=amount, role="initial" if role == "dose" else role, timing=("day_only", 1))
    if tree.data in ("later_pair", "timed_once"):
        return _one_occasion(tree, amounts, units, role)
    if tree.data == "total_either":
        total, _ = _amount(amounts[0])
        ways = [_dose(sub, role) for sub in subs]
        if len(ways) != 2 or any(w.unit != unit_s or w.daily != total or w.timing or not isinstance(w.times, float)
                                 for w in ways) or ways[0].times == ways[1].times:
            raise _Unread("the ways to give a daily total do not each come to it")
        low, high = sorted(float(w.times) for w in ways if isinstance(w.times, float))
        return DoseFact(unit_s, dose=None, daily=total, times=(low, high), role=role)
    if tree.data == "am_pm":
        first, _ = _amount(amounts[0])
        second, _ = _amount(amounts[1])
        total = _amount(amounts[2])[0] if len(amounts) > 2 else (  # no total stated: the sum of the two
            first + second if isinstance(first, float) and isinstance(second, float) else first)
        if isinstance(first, tuple) or isinstance(second, tuple) or isinstance(total, tuple) or \
                abs(first + second - total) > 1e-9 or \
                len({unit_name(u) for u in units}) != 1:
            raise _Unread("morning and evening doses do not add up to the daily total")
        return DoseFact(unit_s, dose=first if first == second else None, daily=total, times=2.0, role=role)
    if tree.data == "n_doses":
        from lark import Token

        words = {c.type: str(c) for c in tree.children if isinstance(c, Token)}
        count = {"two": 2, "three": 3}.get(words["DOSE_COUNT"]) or int(words["DOSE_COUNT"])
        hours = _numbers(words["APART"])[0]
        if isinstance(amount, tuple) or hours * (count - 1) >= 24 or hours <= 0:
            raise _Unread("doses that do not fall within one day")
        return DoseFact(unit_s, dose=amount, daily=amount * count, times=float(count), role=role)
    if tree.data == "daily_of":
        return DoseFact(unit_s, daily=amount, role=role)
    if tree.data == "bare_total":
        return DoseFact(unit_s, daily=amount, role=role) if role == "maximum" else DoseFact(unit_s, dose=amount, role=role)
    if tree.data == "per_day":
        times = _times_from(freqs[0]) if freqs else None
        dose = None
        if times is not None and not isinstance(times, tuple):
            dose = per_administration(amount, times)
        return DoseFact(unit_s, dose=dose, daily=amount, times=times, role=role)
    if tree.data == "per_day_paren":
        inner = _dose(subs[0], role)
        if inner.unit != unit_s or inner.daily != amount:
            raise _Unread("the daily total and the dose in parentheses disagree")
        return DoseFact(unit_s, dose=inner.dose, daily=amount, times=inner.times, role=role)
    if tree.data == "per_dose_paren":
        times = _times_from(freqs[0])
        total, _ = _amount(amounts[1])
        if times is None or multiply(amount, times) != total or unit_name(units[1]) != unit_s:
            raise _Unread("the dose and the daily total in parentheses disagree")
        return DoseFact(unit_s, dose=amount, daily=total, times=times, role=role)
    raise _Unread(tree.data)


def _one_occasion(tree: Tree[Token], amounts: list[Tree[Token]], units: list[Token], role: str) -> DoseFact:
    """One dose at a stated time, or a dose and a second one so many hours later: that day's doses, a course of one
    day (the day's total only when both are single amounts in one unit and the second falls within the day)."""
    from lark import Token

    values = [_amount(a)[0] for a in amounts]
    if any(isinstance(v, tuple) for v in values) or len({unit_name(u) for u in units}) != 1:
        raise _Unread("a range or two units on one occasion")
    first = float(values[0])  # type: ignore[arg-type]
    if tree.data == "timed_once":
        return DoseFact(unit_name(units[0]), dose=first, daily=first, times=1.0, role=role, timing=("for", 1))
    later = next(str(c) for c in tree.children if isinstance(c, Token) and c.type == "LATER")
    count = _WORDNUM.get(later.split()[0], 1 if later.startswith("an ") else None) or int(later.split()[0])
    if "hour" in later and count >= 24:
        raise _Unread("a second dose on another day")
    second = float(values[1])  # type: ignore[arg-type]
    return DoseFact(unit_name(units[0]), dose=first if first == second else None, daily=round(first + second, 6),
                    times=2.0, role=role, timing=("for", 1))


# a frequency word that means one dose, once ("as a single dose"), not one dose a day ("as a single daily dose")
_ONE_TIME = re.compile(r"(?:as |in )?(?:a )?single dose")


def per_administration(daily: Amount | None, times: Amount | None) -> Amount | None:
    """The amount per dose when a daily total divides evenly by a stated frequency (to 0.001); else None."""
    if daily is None or times is None or isinstance(times, tuple) or times <= 0:
        return None
    values = daily if isinstance(daily, tuple) else (daily,)
    out = []
    for value in values:
        per = value / times
        if abs(round(per, 3) - per) > 1e-9:
            return None
        out.append(round(per, 3))
    return (out[0], out[1]) if len(out) == 2 else out[0]


def _increment(tree: Tree[Token], optional: bool) -> IncrementFact:
    from lark import Token, Tree

    amounts = [c for c in tree.children if isinstance(c, Tree) and c.data in ("single", "range_unit")]
    units = [c for c in tree.children if isinstance(c, Token) and c.type == "UNIT"]
    intervals = [c for c in tree.children if isinstance(c, Tree) and c.data in (
        "every_period", "every_one_period", "every_ordinal", "weekly", "min_period", "min_weekly", "min_one_period")]
    step, _ = _amount(amounts[0])
    until = _amount(amounts[1])[0] if len(amounts) > 1 else None
    if len(units) > 1 and unit_name(units[1]) != unit_name(units[0]):
        raise _Unread("units differ")
    every = None
    min_interval = False
    if intervals:
        node = intervals[0]
        if any(str(v).startswith("month") for v in node.children):
            raise _Unread("an interval in months is no number of days")
        values = node.children
        if node.data == "every_period":
            every = _days(_n(values[1]), str(values[2]))
            # "at intervals of at least 1 week": a shortest interval, dated at the earliest days it allows
            min_interval = bool(re.search(r"at least|no less|not less", str(values[0])))
        elif node.data == "every_ordinal":  # "every third day": every 3 days
            every = _days({"second": 2, "third": 3, "fourth": 4, "fifth": 5, "seventh": 7}[str(values[1])], str(values[2]))
        elif node.data == "every_one_period":
            every = _days(1, str(values[1]))
        elif node.data == "weekly":
            every = 7
        elif node.data == "min_weekly":
            every, min_interval = 7, True
        elif node.data == "min_period":
            every, min_interval = _days(_n(values[-2]), str(values[-1])), True
        elif node.data == "min_one_period":
            every, min_interval = _days(1, str(values[-1])), True
    # a minimum interval ("no more often than weekly") dates the increases at the earliest days it allows (the corpus
    # convention); "may" and a range of increments keep them an option
    return IncrementFact(step, unit_name(units[0]), every, until, optional or isinstance(step, tuple), min_interval)


def _timed(fact: DoseFact, timing: Timing) -> DoseFact:
    """The fact with the clause's timing; a one-time dose ("as a single dose") takes only a day ("on day 1")."""
    if fact.timing is not None:
        if timing == ("on_day", 1) and fact.role == "dose":  # "500 mg as a single dose on day 1": a first-day dose
            return replace(fact, role="initial", timing=("day_only", 1))
        if timing[0] == "on_day" or timing == ("for", 1):
            return replace(fact, timing=timing)
        raise _Unread("a single dose with a course length")
    return replace(fact, timing=timing)


# "initial dose 0.125 mg three times a day" (a table's Starting dose column) states the starting dose
_INITIAL_NOUNS = {"the starting dose should be", "the initial dose should be", "initial dose", "initial dose of", "starting dose", "starting dose of", "start dose",
                  "the recommended starting dose is"}


def _facts(tree: Tree[Token]) -> list[Any]:
    from lark import Token, Tree

    kind = tree.data
    if kind == "dose_clause":
        _, _, _, timings, subs = _parts(tree)
        starts = [str(c) for c in tree.children if isinstance(c, Token) and c.type in ("START", "START_PLAIN")]
        initial = bool(starts) and (starts[0] in _INITIAL_NOUNS or re.search(r"\b(?:starting|initial) (?:dose|dosage) is\b",
                                                                              starts[0]) is not None)
        initial = initial or any(c.type == "LABEL10_START" and re.match(r"start|begin|initiate", str(c)) is not None
                                 for c in tree.children if isinstance(c, Token))
        fact = _dose(subs[0], "initial" if initial else "dose")
        if timings:
            fact = _timed(fact, _timing(timings[0]))
        return [fact]
    if kind == "max_once":
        _, _, _, _, subs = _parts(tree)
        said = [str(c) for c in tree.children if isinstance(c, Token) and c.type == "MAXWORD"] + \
            [str(m.children[0]) for m in tree.children if isinstance(m, Tree) and m.data == "mod"]
        if not any("max" in word for word in said):
            raise _Unread("an amount not said to be the maximum dose")
        fact = _dose(subs[0], "maximum")
        return [replace(fact, dose=fact.daily, times=1.0)]
    if kind == "same_dose":
        _, _, freqs, _, _ = _parts(tree)
        times = _times_from(freqs[0])
        if times is None:
            raise _Unread("a frequency without a number of doses a day")
        return [IntervalFact(times)]
    if kind == "reduced_to":  # "the dose should be reduced to 4 mg once daily": the band's own dose
        _, _, _, _, subs = _parts(tree)
        return [_dose(subs[0], "dose")]
    if kind in ("max_clause", "maint_clause", "initial_clause"):
        role = {"max_clause": "maximum", "maint_clause": "maintenance", "initial_clause": "initial"}[kind]
        _, _, _, timings, subs = _parts(tree)
        fact = _dose(subs[0], role)
        if timings:
            fact = _timed(fact, _timing(timings[0]))
        return [fact]
    if kind == "alternative":
        _, _, _, _, subs = _parts(tree)
        return [replace(_dose(subs[0], "dose"), role="alternative")]
    if kind == "may_increase":
        _, _, _, timings, subs = _parts(tree)
        words = [str(c) for c in tree.children if isinstance(c, Token) and c.type in ("MAY_INC", "COND", "COND2")]
        if any(w.startswith(("if", "in case", "for ")) for w in words) or \
                not any(" should be increased" in f" {w}" for w in words):
            fact = _dose(subs[0], "option")
        else:  # "the dose should be increased to 50 mg once daily after at least 2 weeks": required, not an option
            fact = _dose(subs[0], "dose")
            return [DoseFact(fact.unit, fact.dose, fact.daily, fact.times, "dose",
                             _timing(timings[0]) if timings else None)]
        return [DoseFact(fact.unit, fact.dose, fact.daily, fact.times, "option",
                         _timing(timings[0]) if timings else None)]
    if kind in ("adjust_range", "adjust_range_up"):
        _, _, _, _, subs = _parts(tree)
        low, high = (_dose(sub, "option") for sub in (subs if kind == "adjust_range" else subs[::-1]))
        if low.unit != high.unit or not isinstance(low.daily, float) or not isinstance(high.daily, float) or \
                low.daily >= high.daily or low.times != high.times:
            raise _Unread("the two ends of an adjustment range do not make one")
        return [DoseFact(low.unit, None, (low.daily, high.daily), low.times, "option"),
                replace(high, role="maximum")]
    if kind == "may_lower":  # "the dose may be lowered to 2 mg once daily": an option, never a band's maximum
        _, _, _, _, subs = _parts(tree)
        fact = _dose(subs[0], "lower")
        return [fact]
    if kind == "increment":
        return [_increment(tree, optional=False)]
    if kind == "increment_paren":
        from lark import Token, Tree

        amounts = [c for c in tree.children if isinstance(c, Tree) and c.data in ("single", "range_unit")]
        freqs = [c for c in tree.children if isinstance(c, Tree) and c.data == "freq"]
        per_dose, _ = _amount(amounts[0])
        times = _times_from(_freq_token(freqs[0]))
        daily, _ = _amount(amounts[1])
        if times is None or multiply(per_dose, times) != daily:
            raise _Unread("increment and its daily total disagree")
        rebuilt = Tree("increment", [c for c in tree.children if not (isinstance(c, Tree) and c in (amounts[0], freqs[0]))
                                      and not (isinstance(c, Token) and c.type == "UNIT" and c is tree.children[
                                          tree.children.index(amounts[0]) + 1])])
        return [_increment(rebuilt, optional=False)]
    if kind == "may_increment":
        return [_increment(tree, optional=True)]
    if kind == "verdict":
        return [VerdictFact("not-recommended")]
    if kind == "no_adjust":
        return [VerdictFact("none")]
    if kind == "caution":
        return [VerdictFact("caution")]
    if kind == "titrate_free":
        return [VerdictFact("titrate")]
    if kind == "proportional":
        return [VerdictFact("proportional")]
    if kind == "initial_post":
        amounts, units, _, _, _ = _parts(tree)
        amount, range_unit = _amount(amounts[0])
        if range_unit is not None:
            raise _Unread("range")
        return [DoseFact(unit_name(units[0]), dose=amount, daily=amount, times=1.0, role="initial",
                         timing=("day_only", 1))]
    if kind == "reduce_pct_paren":
        from lark import Tree

        sub = next(c for c in tree.children if isinstance(c, Tree))
        percents = [float(str(c).rstrip("% ")) for c in tree.children if str(c).rstrip().endswith("%")]
        what = "maintenance" if any("maintenance" in str(c) for c in tree.children) else "dose"
        dose = _dose(sub, "maintenance" if what == "maintenance" else "dose")
        return [ReduceFact(round(1 - percents[-1] / 100, 6), what), DoseFact(dose.unit, dose.dose, dose.daily, dose.times,
                                                                            "reduced")]
    if kind == "reduce_max_pct":
        percents = [float(str(c).rstrip("% ")) for c in tree.children if str(c).rstrip().endswith("%")]
        if len(percents) != 1 or not 0 < percents[0] < 100:
            raise _Unread("a reduction that is not a percentage below 100")
        return [ReduceFact(round(1 - percents[0] / 100, 6), "maximum")]
    if kind in ("reduce_pct", "give_pct", "reduce_half", "give_half", "reduce_pct_range"):
        tokens = [str(c) for c in tree.children]
        what = "dose"
        for token in tokens:
            if "maintenance" in token:
                what = "maintenance"
            elif "daily" in token:
                what = "daily"
        percents = [float(t.rstrip("% ")) for t in tokens if t.rstrip().endswith("%")]
        if kind in ("reduce_half", "give_half"):
            factor: Amount = 0.5
        elif kind == "reduce_pct":
            factor = round(1 - percents[-1] / 100, 6)
        elif kind == "reduce_pct_range":
            factor = (round(1 - percents[1] / 100, 6), round(1 - percents[0] / 100, 6))
        else:
            factor = round(percents[-1] / 100, 6)
        return [ReduceFact(factor, what)]
    if kind == "half_start":
        from lark import Tree

        sub = next(c for c in tree.children if isinstance(c, Tree) and c.data not in ("mod",))
        part = next(str(c) for c in tree.children if isinstance(c, Token) and c.type in ("HALF", "PERCENT"))
        factor = 0.5 if not part.rstrip().endswith("%") or part.strip() == "50%" else float(part.rstrip("% ")) / 100
        if not 0 < factor < 1:
            raise _Unread("a part of the starting dose that is not below it")
        dose = _dose(sub, "initial")
        return [dose, ReduceFact(round(factor, 6), "initial")]
    if kind == "timing_clause":
        _, _, _, timings, _ = _parts(tree)
        return [("timing", _timing(timings[0]))]
    raise _Unread(kind)


@lru_cache(maxsize=1)
def _parser() -> Lark:
    from lark import Lark

    return Lark(GRAMMAR, parser="earley", lexer="dynamic", ambiguity="resolve")


# ---------------------------------------------------------------- text to clauses

# Phrases reviewed as never changing a dose: a clause made only of these is read as nothing.
_COMMENTARY = re.compile(
    r"^(?:(?:with or without food|with food|without food|orally|by mouth|if tolerated|as tolerated|"
    r"taken (?:with|without) food|swallow(?:ed)? whole|do not crush(?:,)? (?:or )?chew|do not crush or chew|"
    r"do not chew|do not crush|may be taken with or without food|take with food|take with or without food|"
    r"(?:take|taken|give|given|administer(?:ed)?) (?:with or without food|with food|with meals|in the evening|"
    r"in the morning|at bedtime)|"
    r"based on (?:clinical )?response(?: and tolerability)?|based on efficacy and tolerability|"
    r"monitor (?:for |closely for )?[a-z ,/-]+|monitor (?:renal function|blood pressure|serum [a-z]+ levels?)|"
    r"as needed|with water|preferably with food|"
    r"(?:but )?(?:a|the) (?:treatment )?course should (?:be repeated no more than|not be repeated more than) once "
    r"every (?:two|2) weeks|"
    r"[a-z-]+ may be used|as clinically indicated|followed by (?:re-?evaluation|reassessment)|adjust (?:the )?dosage to individual patient needs|"
    r"(?:the )?(?:dosage|dose) should be adjusted (?:according to|based on|depending on) (?:the )?(?:blood pressure|clinical) "
    r"response|(?:it )?(?:may|can) be (?:administered|given|taken) without regard to (?:the )?timing of (?:hemo)?dialysis|"
    r"(?:but )?(?:patients )?should be monitored (?:closely |carefully )?for (?:signs of )?[a-z ,/-]+|"
    r"supplemental doses (?:of [a-z-]+ )?(?:after|following) (?:hemo)?dialysis are not (?:required|needed|necessary)|taken \d+ hours apart|with or without concomitant [a-z]+|"
    r"further dose escalations should be based on tolerability and need for efficacy|"
    r"[a-z ]+>?=?[\d. ]*(?:mg/dl)? is one of the (?:two|three|\d) dose-reduction criteria(?: \([^()\d]*\))?|"
    r"including (?:those|patients) (?:with|on) [a-z ]+(?: \([^()]*\))?|"
    r"the effectiveness of doses lower than [\d.]+ (?:mg|mcg)(?:/day)? has not been (?:adequately )?studied|"
    r"doses (?:greater|higher) than [\d.]+ (?:mg|mcg)(?:/day)?(?: (?:once|twice) daily)? have been associated with "
    r"an increased incidence of [a-z ]+|"
    r"in adults(?: and adolescents)?(?: (?:\d+|older than \d+) years(?: of age)?(?: and older)?)?|"
    r"no more (?:often|frequently) than (?:once )?(?:per |a |every )?week|"
    r"there is no evidence that doses (?:greater|higher) than [\d.]+ (?:mg|mcg)(?:/day)? confer (?:any )?additional "
    r"benefit|higher doses have not been found to be more effective|"
    r"doses (?:greater|higher) than [\d.]+ (?:mg|mcg)(?:/day)? (?:have not been|were not) (?:shown to be more "
    r"effective|tested in clinical trials|shown to provide (?:any )?additional benefit))\s*)+$")

# remarks about titration that change no dose (round 6): "no initial dose titration is required" ("initial dose
# titration is not required" is in _SAME_DOSAGE)
_TITRATION_REMARK = re.compile(r"^no (?:initial )?(?:dose )?titration is (?:required|necessary|needed)$")

# clauses of real label sentences that change no dose (round 7): when to take it around a meal, standing alone
_LABEL_REMARK = re.compile(r"^(?:taken |given |administered |take |give )?(?:(?:one|1|2|two) hours?|30 minutes|half an hour)? ?"
                           r"(?:before|prior to) (?:the first meal of the day|breakfast|the morning meal|meals|a meal)$|"
                           # round 8: "For most patients, the recommended starting dose is …" (the usual dose, said as
                           # such); "…, as monotherapy or in combination with other agents" (for every use)
                           r"^for most (?:adult )?patients$|^following the (?:initial|first) dose$|"
                           r"^(?:taken |given |administered )?at (?:approximately |about )?the same time (?:each|every) day$|"
                           # "For sustained VT, therapy should be initiated in-hospital with rhythm monitoring": where
                           # treatment starts, never how much
                           r"^(?:therapy|treatment|dosing|it) (?:should|must) be (?:initiated|started|begun) in(?: a)?[- ]"
                           r"hospital(?: setting)?(?: with (?:continuous )?(?:rhythm|ecg|electrocardiographic|cardiac) "
                           r"monitoring)?$|"
                           # "…, for the remaining treatment": the dose goes on (as an ongoing step does)
                           r"^for the remain(?:ing|der of)(?: the)? (?:treatment|therapy)(?: period)?$|"
                           # "Based on individual patient tolerability and therapeutic response, the dosage may be …"
                           r"^based on (?:individual )?(?:patient )?(?:clinical |therapeutic )?(?:response|tolerability)"
                           r"(?: and (?:clinical |therapeutic )?(?:response|tolerability))?$|"
                           r"^(?:as |either as )?monotherapy or in combination with other(?: [a-z-]+)? (?:agents|drugs|medications)$")

# more sentences reviewed as never changing a dose: when a course starts, and that no titration is needed
_COMMENTARY_SHAPE = re.compile(
    r"^(?:(?:begin|start|started|initiate|initiate therapy|initiate treatment) as soon as possible"
    r"(?: after (?:suspected or confirmed |known or suspected )?exposure(?: to [a-z .]+)?)?|"
    r"(?:preferably )?within \d+ hours (?:after|of) (?:the )?(?:onset of (?:signs and symptoms|signs or symptoms|"
    r"symptoms)|symptom onset)|"
    r"(?:taken |given )?(?:approximately |about )\d+ hours apart|"
    r"none in the (?:morning|evening)|"
    r"in combination with other [a-z]+ (?:agents|drugs)|"
    r"safety beyond \d+ (?:days|weeks|months)(?: in adults)? is limited|"
    r"prolonged therapy only when the benefits? outweighs? the risks?|"
    r"doses (?:above|greater than|higher than) \d+(?:\.\d+)? (?:mg|mcg)(?:/day| per day)?(?: \([^()]*\))? have not been "
    r"shown to improve (?:responses?|efficacy|outcomes?)(?: in [a-z -]+)?|"
    r"in clinical (?:studies|trials),? (?:the majority of|most) patients required \d+(?:\.\d+)? (?:mg|mcg)|"
    r"the full (?:therapeutic |antihypertensive )?effect(?: of this dose)? (?:is|will (?:usually )?be|is usually) "
    r"(?:apparent|seen|achieved|attained) within (?:\d+|one|two|three|four)(?: (?:to|or) (?:\d+|two|three|four|six))? weeks?|"
    r"the (?:dosage|dose) is the same for (?:both )?[a-z0-9 -]+ and [a-z0-9 -]+ indications)$")

# "The dosage is the same for both HIV and HBV indications": the regimen stands for each, unchanged
_SAME_DOSAGE = re.compile(r"^(?:the )?(?:dosage|dose|dosing) is the same for (?:both|all) [a-z0-9 ,-]+(?: indications| uses)?$|"
                          r"^(?:initial )?(?:dose )?titration is not (?:required|necessary|needed)$")

# round 9: clauses of label sentences that change no dose: the dose is the same with or without another drug ("…, whether it
# is used alone or in addition to diuretic therapy"), when in the day or with which meal the dose is taken ("…, should be
# administered with breakfast"), and what an optional increase is judged on ("…, as needed, based on clinical symptoms")
_USE_REMARK = re.compile(r"^whether (?:it is |it's )?(?:used|given|taken|administered) alone or (?:in addition to|in "
                         r"combination with|added to|with) (?:an? )?(?:other )?[a-z -]+?(?: therapy| agents?| drugs?)?$|"
                         r"^(?:it )?should be (?:administered|given|taken) (?:with (?:breakfast|food|a meal|meals)|"
                         r"in the (?:morning|evening))$|"
                         r"^based on (?:the )?(?:patient's )?(?:clinical )?(?:signs and )?symptoms$")

# round 11: clauses that change no dose — the fluid taken with a course ("600 to 800 mg daily for 2 or 3 days, together
# with a high fluid intake"), and the trials' effective dose said beside the recommended one ("The recommended target dose
# is 20 mg/day (10 mg twice a day); the dose shown to be effective in controlled clinical trials is 20 mg/day") — only as
# a clause of its own after another: a bullet that says nothing else stays unread (`_Builder` needs a dose)
_STEPS11_REMARK = re.compile(r"^(?:together )?with (?:a )?(?:high|liberal|adequate|generous) fluid intake$|"
                             r"^the (?:dose|dosage) shown to be effective in (?:a |the )?controlled clinical "
                             r"(?:trials?|studies|study) (?:is|was) \d+(?:\.\d+)? (?:mg|mcg)(?:/day| per day| daily)$|"
                             # "…is 400 mg/day in two divided doses, achieved by titration according to the schedule
                             # above": how the dose is reached, which the steps above say
                             r"^(?:achieved|reached) by (?:titration|titrating) (?:according to|as in|following) the "
                             r"(?:schedule|table) (?:above|below)$")

# round 13: "Generally, in the maintenance phase, patients continued on the same dose on which they were stabilized"
# (Seroquel PI, 2.2): the dose a stabilized patient is on goes on — what the undated maintenance range says already
# (a sentence of its own: `normalize` joins its commas so it is one clause)
_STEPS13_REMARK = re.compile(r"^(?:generally )?(?:in the maintenance phase )?patients (?:were |should be |are )?"
                             r"(?:continued|maintained|kept) on the same dose (?:on which|at which) they were stabilized$")
_STEPS13_STABILIZED = re.compile(r"(?<=\. )generally, in the maintenance phase, (?=patients (?:were |should be |are )?"
                                 r"(?:continued|maintained|kept) on the same dose (?:on which|at which) they were stabilized\.?$)")

# every reviewed list of clauses that change no dose, checked as one
_NO_DOSE_REMARKS = (_COMMENTARY, _COMMENTARY_SHAPE, _TITRATION_REMARK, _LABEL_REMARK, _SAME_DOSAGE, _USE_REMARK,
                    _STEPS11_REMARK, _STEPS13_REMARK)

_NO_NUMBERS = re.compile(r"\d")


# "one 60 mg capsule", "two 250 mg tablets": the amount of one administration (a count of doses is not)
_UNITS_TAKEN = re.compile(r"\b(one|two|three|four|[1-4]) (\d+(?:\.\d+)?) (mg|mcg|g) (?:tablet|capsule)s?\b")
_COUNTS = {"one": 1, "two": 2, "three": 3, "four": 4}


def _units_taken(match: re.Match[str]) -> str:
    count = _COUNTS.get(match.group(1)) or int(match.group(1))
    return f"{round(count * float(match.group(2)), 6):g} {match.group(3)}"


# an amount restated in parentheses, the same number in the same unit: "900 mg (two 450 mg tablets)" (once the tablets
# are counted), "666 mg (each dose should total 666 mg)", "5 mg per day (the 5 mg maximum clinical dose)"
_SAME_AGAIN = re.compile(r"\b(\d+(?:\.\d+)?) (mg|mcg|g)((?: per day|/day)?) \((?:each dose (?:should )?totals? |the )?"
                         r"(\d+(?:\.\d+)?) (mg|mcg|g)(?: maximum (?:clinical |recommended )?dose)?\)")


def _same_again(match: re.Match[str]) -> str:
    """The amount without its restatement when the two agree; otherwise the words as they are (then unread)."""
    if float(match.group(1)) == float(match.group(4)) and match.group(2) == match.group(5):
        return f"{match.group(1)} {match.group(2)}{match.group(3)}"
    return match.group(0)


# ", as monotherapy or as adjunctive therapy with lithium or valproate,": for every use, so no condition on the dose
_BOTH_USES = re.compile(r",\s*(?:as )?monotherapy or (?:as )?(?:adjunctive therapy|adjunct)(?: (?:with|to) [a-z]+"
                        r"(?: or [a-z]+)?)?,\s*")
_COUNTED = re.compile(r"\b(\d+(?:\.\d+)?) (mg|mcg|g) \((\d+|one|two|three|four|½|1/2|one-half|half a) (?:tablets?|capsules?)\)")
_HALVES = {"½": 0.5, "1/2": 0.5, "one-half": 0.5, "half a": 0.5}


def _count(word: str) -> float:
    """How many tablets a count says: "two" 2, "½" one half."""
    return _HALVES.get(word) or float(_n(word))


def _counted_alike(value: str) -> str:
    """"1.2 mg (2 tablets) …, then 0.6 mg (1 tablet)": tablet counts that give every amount the same strength restate
    the amounts and are dropped; one count alone, or counts of different strengths, stay (and leave the text unread)."""
    found = [m for m in _COUNTED.finditer(value) if _count(m.group(3)) > 0]
    strengths = {(round(float(m.group(1)) / _count(m.group(3)), 6), m.group(2)) for m in found}
    if len(found) < 2 or len(strengths) != 1 or len(found) != len(_COUNTED.findall(value)):
        return value
    return _COUNTED.sub(r"\1 \2", value)


# round 8: the shapes of real label sentences, rewritten to the plain words the grammar reads
# "25 mg b.i.d. or t.i.d.": the dotted Latin abbreviations in one spelling (their dots would end a sentence)
# (read before lower case: a capital after the dots means they also end a sentence, and a period stays)
_DOTTED = re.compile(r"\b([bBtTqQ])\.[iI]\.[dD]\.?(?![a-zA-Z])|\b[qQ]\.[dD]\.?(?![a-zA-Z])|\b[pP]\.[oO]\.?(?![a-zA-Z])")
_SENTENCE_NEXT = re.compile(r"\s+[A-Z]")


# round 9: "in the a.m. or p.m.": the parts of the day, likewise without their dots
_DAYPART = re.compile(r"\b([aApP])\.[mM]\.?(?![a-zA-Z])")


def _undotted(value: str) -> str:
    """`value` with b.i.d., t.i.d., q.i.d., q.d., p.o., a.m. and p.m. written without dots (a period kept where a
    sentence ends)."""
    def plain(match: re.Match[str]) -> str:
        word = (match.group(1) + ("m" if match.re is _DAYPART else "id")) if match.group(1) else \
            match.group(0).replace(".", "")
        ends = match.group(0).endswith(".") and _SENTENCE_NEXT.match(value, match.end()) is not None
        return word.lower() + ("." if ends else "")
    return _DAYPART.sub(plain, _DOTTED.sub(plain, value))


# "the recommended starting dosage in adults and pediatric patients 4 years of age and older is", "... for monotherapy or
# adjunctive therapy is": words between "dosage" and "is" that restate the adults the regimen is for (an age floor of 18
# or less; an older floor names a subgroup, e.g. the elderly, and stays)
_ADULTS = (r"(?:in|for) (?:adults?|adult patients)(?: and (?:adolescents|pediatric patients|children))?"
           r"(?: \(?\d+ years?(?: of age)? (?:and|or) older\)?)?")
_USES = r"for (?:use as )?(?:monotherapy or (?:as )?adjunctive therapy|adjunctive therapy or monotherapy)"
_RESTATED = re.compile(r"\b((?:recommended|usual) (?:adult )?(?:starting |initial |maintenance )?(?:daily )?(?:dosage|dose))"
                       rf"((?: (?:{_ADULTS}|{_USES}))+)(?= is\b)")
# "Adults (16 years and older): the recommended starting dosage ...": the same adults, as the sentence's lead
# ("Adults:", "Adults and pediatric patients 12 years and older:" likewise, with their colon)
_ADULTS_LEAD = re.compile(r"^(?:adults? \(?\d+ years?(?: of age)? (?:and|or) older\)?:? |(?:adults?|adult patients)"
                          r"(?: and (?:adolescents|pediatric patients|children))?(?: \(?\d+ years?(?: of age)? (?:and|or) "
                          r"older\)?)?: )")
_ADULT_AGE = 18


def _adult_floor(words: str) -> bool:
    """Every age floor in the words is one of adulthood (18 or less): the words restate the regimen's adults."""
    return all(int(age) <= _ADULT_AGE for age in re.findall(r"(\d+) years?", words))


def _restated(match: re.Match[str]) -> str:
    return match.group(1) if _adult_floor(match.group(2)) else match.group(0)


# round 9: "The initial dose of CARDURA XL, 4 mg given once daily, should be …" (the name left out): the amount set off by
# commas after "the initial dose" is that dose
_APPOSED = re.compile(r"\bthe (initial|starting) (dose|dosage) ?, (\d)")
# round 9: "… and increase to 1000 mg twice daily, as needed, …": an increase left to need is an option, never dated
# round 9: "Prior to initiation of COREG CR, it is recommended that fluid retention be minimized.", "Prior to initiation of
# TOPROL-XL, the dosing of diuretics, ACE inhibitors, and digitalis (if used) should be stabilized.": what is set right
# before the first dose, never the dose itself (a sentence of its own; anything else in it stays)
_BEFORE_START = re.compile(r"(?:^|(?<=\. ))prior to (?:initiation|initiating|starting)(?: (?:of )?(?:therapy|treatment))? ?, "
                           r"(?:it is recommended that )?[a-z ,()-]+? (?:should )?be (?:minimized|stabilized|corrected)"
                           r"(?:\.(?= )|$) ?")
_AS_NEEDED = re.compile(r"\b((?:and )?)increase to ([^,;()]+?), as needed\b")


def label_shapes(value: str) -> str:
    """A normalized text with the label's restating words left out (see above); anything else as it is."""
    value = re.sub(r"\b(as tolerated|if tolerated)\)?, (to|toward) (a|the) (maintenance|target) dose of\b",
                   lambda m: m.group(0).replace(", ", " "), value)
    value = _APPOSED.sub(r"the \1 \2 is \3", value)
    value = _BEFORE_START.sub("", value)
    # "administered in two equally divided doses": the count in figures, as the grammar reads it
    value = re.sub(r"(?<!or )(?<!to )\b(two|three|four) (equally )?divided doses\b",
                   lambda m: f"{_COUNTS[m.group(1)]} {m.group(2) or ''}divided doses", value)
    value = _AS_NEEDED.sub(r"\1may increase to \2", value)
    lead = _ADULTS_LEAD.match(value)
    if lead is not None and _adult_floor(lead.group(0)):
        value = value[lead.end():]
    return _RESTATED.sub(_restated, value)


# round 10 (label10): a bullet's day label restated inside its sentence — "Days 8 to 14: Increase the dosage to 1 mg once
# daily on Days 8 through 14.", "Day 15 onward: Increase to 2 mg once daily on Day 15." The clause says the label's days
# again only when it names exactly them: a one-day label its day, a range its first and last day (or its first day after
# "starting"/"beginning"), an onward label its first day; at the sentence's end or as its lead ("On Days 1 to 7, take …").
# Any other day clause stays, and the step is unread (two timings).
_LABEL10_DAY_CLAUSE = re.compile(
    r"(?:^|,?\s+)(?:(?P<start>(?:starting|beginning)(?: on)?|from)|on) (?:the )?days? (?P<first>\d+)"
    r"(?:\s*(?:-|\u2013|\u2014|to|through|thru)\s*(?:days? )?(?P<last>\d+))?(?P<onward> onwards?| and thereafter)?"
    r"(?=\s*(?:[.;,)]|$))", re.I)
_LABEL10_ANY_DAY = re.compile(r"\bdays? \d+", re.I)


def without_label_days(body: str, first: int, last: int | None) -> str:
    """The body without a clause that restates its label's days (`last` None: the label goes on from `first`); the body
    as it is when it names no day, another day, or more than one day clause."""
    found = list(_LABEL10_DAY_CLAUSE.finditer(body))
    if len(found) != 1 or _LABEL10_ANY_DAY.search(body[:found[0].start()] + " " + body[found[0].end():]):
        return body
    clause = found[0]
    said_first, said_last = int(clause.group("first")), clause.group("last")
    if said_first != first or clause.group("onward") and (last is not None or said_last is not None):
        return body  # another first day, or "onward" under a label that ends
    if said_last is not None:
        agrees = last is not None and last > first and int(said_last) == last and not clause.group("start")
    elif last is None:
        agrees = True  # "Day 15 onward: … on Day 15", "… starting on Day 15"
    elif last == first:
        agrees = not clause.group("start")  # "Day 3: … on Day 3" (never "starting on Day 3": that goes on)
    else:
        agrees = bool(clause.group("start"))  # "Days 8 to 14: … starting on Day 8"; a bare "on Day 8" may be that day only
    if said_last is not None and clause.group("start") and clause.group("start").lower() == "from":
        agrees = last is not None and int(said_last) == last  # "Days 8 to 14: … from Day 8 to Day 14"
    if not agrees:
        return body
    rest = body[clause.end():]
    return body[:clause.start()] + (re.sub(r"^\s*,\s*", "", rest) if clause.start() == 0 else rest)  # "On Day 15, take …"


def normalize(text: str) -> str:
    """Lower case, bold markers gone, dashes and comparison signs in one spelling, no trailing period."""
    value = text.replace("**", "").replace("__", "")
    value = value.replace("\u2013", "-").replace("\u2014", "-").replace("\u2011", "-").replace("\u2212", "-")
    value = value.replace("≥", ">=").replace("≤", "<=").replace("\u00a0", " ")
    value = re.sub(r"(?<=\d),(?=\d{3}\b)", "", value)  # 1,000 -> 1000
    value = re.sub(r"(\d)\s*-\s*(\d)", r"\1-\2", value)
    value = re.sub(r"(\d)-?(mg|mcg|g|gram)\b", r"\1 \2", value, flags=re.I)  # 500mg, 500-mg, 1-gram
    value = " ".join(_undotted(value).split()).lower().strip()
    value = re.sub(r"(\d+(?:\.\d+)?) ?(mg|mcg|g|grams?) ?(?:-|to) ?(\d+(?:\.\d+)?) ?\2\b", r"\1-\3 \2", value)
    value = re.sub(r"\bbetween (\d+(?:\.\d+)?) ?(mg|mcg|g)/day and (\d+(?:\.\d+)?) ?\2/day\b", r"\1-\3 \2/day", value)
    value = re.sub(r"\bbetween (\d+(?:\.\d+)?) ?(mg|mcg|g) and (\d+(?:\.\d+)?) ?\2\b(?!/)", r"\1-\3 \2", value)
    value = re.sub(r"\b(\d+(?:\.\d+)?) grams?\b", r"\1 g", value)
    value = _UNITS_TAKEN.sub(_units_taken, value)
    value = _SAME_AGAIN.sub(_same_again, value)
    value = _counted_alike(value)
    value = _BOTH_USES.sub(" ", value)
    value = label_shapes(value)
    value = re.sub(r"\b(\d+|one|two|three|four|five|six|seven|ten|fourteen) consecutive (days?|weeks?)\b", r"\1 \2", value)
    value = re.sub(r"\bas a single oral dose\b", "as a single dose", value)
    value = re.sub(r"\ba single (\d+(?:\.\d+)? (?:mg|mcg|g)) (?:oral )?dose\b", r"\1 as a single dose", value)
    value = re.sub(r"\b(maximum|max|initial|maintenance)\s*:\s*", r"\1 ", value)
    value = re.sub(r",? followed by (?=\d)", ", then ", value)
    value = _STEPS13_STABILIZED.sub("generally in the maintenance phase ", value)  # steps13: one clause, no commas  # "500 mg loading dose followed by 250 mg every 24 hours"
    return value.rstrip(".").strip()


def split_clauses(text: str) -> list[str]:
    """Clauses of a normalized text: split at ; . : and commas outside parentheses, and before `then`."""
    out: list[str] = []
    current: list[str] = []
    depth = 0
    i = 0
    while i < len(text):
        char = text[i]
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(0, depth - 1)
        if depth == 0 and (char in ";," or (char == "." and (i + 1 == len(text) or text[i + 1] == " "))):
            out.append("".join(current))
            current = []
        else:
            current.append(char)
        i += 1
    out.append("".join(current))
    clauses = []
    for clause in out:
        for part in re.split(r"(?<!\bmay)(?<!\bcan)(?<!\bshould)(?<!\bwill)(?<!\bmust)\s+(?=then\b)|\s+and\s+(?=(?:then|may|increase|titrate|maximum|max|not to exceed|do not exceed|up to a maximum|the maximum)\b)",
                             clause):
            part = part.strip(" .")
            if part.startswith("and "):
                part = part[4:]
            if part:
                clauses.append(part)
    return clauses


# Both memos are keyed on the clause's text alone (the reading depends on nothing else), large enough to hold every
# clause of the bundled set and the test corpora: a text read once in a process is not parsed again.
_MEMO_SIZE = 1 << 15


@lru_cache(maxsize=_MEMO_SIZE)
def _read_clause_cached(clause: str) -> tuple[Any, ...] | None:
    facts = _read_clause(clause)
    return None if facts is None else tuple(facts)


def read_clause(clause: str) -> list[Any] | None:
    """The facts of one clause, or None when the grammar does not account for all of it (memoized)."""
    facts = _read_clause_cached(clause)
    return None if facts is None else list(facts)


def _read_clause(clause: str) -> list[Any] | None:
    """The facts of one clause, or None when the grammar does not account for all of it."""
    if any(remark.match(clause) for remark in _NO_DOSE_REMARKS):
        return []
    if " or " in clause:
        parts = clause.split(" or ")
        alternatives: list[DoseFact] = []
        for part in parts:
            facts = _read_one(part)
            if facts is None or len(facts) != 1 or not isinstance(facts[0], DoseFact):
                break
            alternatives.append(facts[0])
        else:
            either = _either(alternatives)
            if either is not None:
                return [either]
    return _read_one(clause)


def _either(alternatives: list[DoseFact]) -> DoseFact | None:
    """Two regimens a label offers as a choice, as one fact: "40 mg once daily or 20 mg twice daily" is 40 mg/day
    once or twice daily; "20 mg twice daily or 40 mg twice daily" is 40-80 mg/day twice daily. Anything else
    (other roles, units, timings, ranges, more than two) is None."""
    if len(alternatives) < 2:
        return None
    dailies = {f.daily for f in alternatives}
    if len(alternatives) > 2:  # several regimens of one daily total: that total, how often not stated
        same = len(dailies) == 1 and None not in dailies and len({(f.role, f.unit) for f in alternatives}) == 1 \
            and not any(f.timing for f in alternatives)
        return DoseFact(alternatives[0].unit, None, alternatives[0].daily, None, alternatives[0].role) if same else None
    first, second = alternatives
    if first.role != second.role or first.unit != second.unit or first.timing or second.timing:
        return None
    if first.daily is None or second.daily is None or isinstance(first.daily, tuple) or isinstance(second.daily, tuple):
        return None
    if first.daily == second.daily:
        times: Amount | None = None
        if isinstance(first.times, float) and isinstance(second.times, float) and first.times != second.times \
                and min(first.times, second.times) >= 1:  # "every other day" is no number of doses a day
            times = (min(first.times, second.times), max(first.times, second.times))
        return DoseFact(first.unit, None, first.daily, times, first.role, None)
    if first.times is not None and first.times == second.times and not isinstance(first.times, tuple):
        low, high = sorted((first.daily, second.daily))
        dose = per_administration((low, high), first.times)
        return DoseFact(first.unit, dose, (low, high), first.times, first.role, None)
    return None


def _read_one(clause: str) -> list[Any] | None:
    """The grammar's facts of one clause (or one alternative of it), or None (memoized)."""
    facts = _read_one_cached(clause)
    return None if facts is None else list(facts)


@lru_cache(maxsize=_MEMO_SIZE)
def _read_one_cached(clause: str) -> tuple[Any, ...] | None:
    facts = _parse_one(clause)
    return None if facts is None else tuple(facts)


def _parse_one(clause: str) -> list[Any] | None:
    from lark.exceptions import LarkError

    try:
        tree = _parser().parse(clause)
        return _facts(tree)
    except (LarkError, _Unread, IndexError, ValueError, KeyError, TypeError, ZeroDivisionError):
        return None  # not accounted for: the clause is unread (a reading error is never a number)


# "2.5 mg or 5 mg once daily": a choice of two doses in one unit is the range "2.5 or 5 mg" (two units stay unread)
_ONE_UNIT = re.compile(r"\b(\d+(?:\.\d+)?) (mg|mcg|g) or (\d+(?:\.\d+)?) \2\b")


# The names of the drug whose monograph is being read (its title, brand names and aliases): labels write them
# inside dosing sentences ("The recommended dosage of INVOKANA is 100 mg orally once daily", "The maximum
# recommended dosage is LIVALO 4 mg once daily"), where they change no dose.
_DRUG_NAMES: ContextVar[tuple[tuple[str, ...], tuple[str, ...]]] = ContextVar("drug_names", default=((), ()))


@contextmanager
def drug_names(generic: Iterable[str], brands: Iterable[str]) -> Iterator[None]:
    """Within this block, `read_text` reads the drug's own names as words that change no dose."""
    def clean(names: Iterable[str]) -> tuple[str, ...]:
        found = {" ".join(normalize(n).split()) for n in names if n and len(n.strip()) >= 3}
        return tuple(sorted(found, key=len, reverse=True))

    token = _DRUG_NAMES.set((clean(generic), clean(brands)))
    try:
        yield
    finally:
        _DRUG_NAMES.reset(token)


# "of quinapril hydrochloride tablets", "of captopril tablets": the name with its salt and a plain dosage form (never a
# release form such as extended-release: which product a dose belongs to is part of what it says)
_PLAIN_FORM = r"(?: (?:hydrochloride|hcl|sodium|potassium))?(?: (?:tablets?|capsules?|oral solution|oral suspension))?"


def without_drug_names(text: str) -> str:
    """`text` (normalized) with the drug's own names left out, with an `of` before them and a trademark sign after.
    A text that names two of the drug's brands (a switch from one product to another) is left as it is: which
    product a dose belongs to is then part of what it says."""
    generic, brands = _DRUG_NAMES.get()
    if not generic and not brands:
        return text
    names = sorted(generic + brands, key=len, reverse=True)
    pattern = re.compile(r"(?:\bof )?(?<![\w-])(?P<name>" + "|".join(re.escape(n) for n in names) +
                         r")(?:®|™|\(r\))?" + _PLAIN_FORM + r"(?![\w-])")
    brand_set = set(brands)
    named = {m.group("name") for m in pattern.finditer(text)}
    if len(named & brand_set) > 1:
        return text
    # the drug as the subject of a sentence ("dofetilide is contraindicated in these patients", "colchicine may be
    # used") becomes "it"; anywhere else its name is left out
    subject = re.compile(r"(?:(?<=^)|(?<=[.;:] ))" + pattern.pattern.removeprefix("(?:\\bof )?") +
                         r"(?= (?:is|are|should|may|can|must|was|were|has|have)\b)")
    text = subject.sub("it", text)
    # "40 mg CORGARD (nadolol) once daily": brackets that hold only the generic name go with it (a brand in brackets,
    # "(Wellbutrin XL)", says which product the words are for: its empty brackets stay, and the text is unread)
    if generic:
        text = re.sub(r"\(\s*(?:" + "|".join(re.escape(n) for n in generic) + r")" + _PLAIN_FORM + r"\s*\)", " ", text)
    return " ".join(pattern.sub(" ", text).split())


# The heading of the regimen being read ("Paroxysmal supraventricular tachycardia and paroxysmal atrial fibrillation (PSVT
# and PAF)"): a sentence that names those patients ("For patients with PSVT and patients with PAF the recommended
# starting dose is …") restates the heading; patients named by any other word are a subgroup and stay unread.
_HEADING: ContextVar[frozenset[str]] = ContextVar("regimen_heading", default=frozenset())
_PATIENTS = r"(?:(?:patients|adults) with )"
_NAMED = r"[a-z][a-z0-9 -]*?"
_HEADING_LEAD = re.compile(rf"^(?:for|in) {_PATIENTS}?(?P<x>{_NAMED})(?: and {_PATIENTS}?(?P<y>{_NAMED}))?,? "
                           r"(?=the (?:recommended|usual|initial|starting|maximum)\b)")
_HEADING_INSIDE = re.compile(r"\b((?:recommended|usual|maximum|initial|starting)(?: [a-z]+){0,2} (?:dose|dosage)) "
                             rf"(?:for|in) {_PATIENTS}(?P<x>{_NAMED})(?: and {_PATIENTS}?(?P<y>{_NAMED}))?(?= is\b)")


# round 11: "the recommended dose for monotherapy in adults … is 400 mg/day" under the heading "Epilepsy monotherapy (…)":
# the use the heading names (monotherapy, adjunctive therapy), restated; under any other heading the words stay (unread)
_STEPS11_USE_INSIDE = re.compile(r"\b((?:recommended|usual|maximum|initial|starting)(?: [a-z]+){0,2} (?:dose|dosage)) "
                                 r"for (?P<use>monotherapy|adjunctive therapy)(?= (?:in|for) | is\b)")


# a class noun that names the heading's conditions together ("paroxysmal supraventricular arrhythmias")
_CLASS_NOUNS = frozenset({"arrhythmias", "seizures", "infections"})


@contextmanager
def regimen_heading(heading: str | None) -> Iterator[None]:
    """Within this block, `read_text` reads patients named by the words of `heading` as the regimen's own."""
    token = _HEADING.set(frozenset(re.findall(r"[a-z0-9]+", normalize(heading or ""))))
    try:
        yield
    finally:
        _HEADING.reset(token)


def heading_words() -> frozenset[str]:
    """The words of the regimen heading being read (empty outside `regimen_heading`)."""
    return _HEADING.get()


def _names_heading(words: str | None) -> bool:
    """Every word of `words` is a word of the regimen's heading (the last may be a class noun for them all)."""
    if words is None:
        return True
    heading = _HEADING.get()
    found = re.findall(r"[a-z0-9]+", words)
    if found and found[-1] in _CLASS_NOUNS and len(found) > 1:
        found = found[:-1]
    if found[-2:] in (["essential", "hypertension"], ["primary", "hypertension"]):
        found = found[:-2] + ["hypertension"]  # label10: essential (primary) hypertension is the heading's hypertension
    return bool(found) and all(word in heading for word in found)


# "For sustained VT, …" standing alone before its clause: the regimen's own patients, named by its heading
_HEADING_CLAUSE = re.compile(rf"(?:^|(?<=[.;] ))(?:for|in) {_PATIENTS}?(?P<x>{_NAMED})(?: patients)?, ")


# round 9: "To improve glycemic control, the recommended starting dose is …" under the heading "Glycemic control in type 2
# diabetes mellitus": the purpose named by the heading's own words, as the sentence's lead (any other purpose stays)
_PURPOSE_LEAD = re.compile(rf"(?:^|(?<=[.;] ))(?:in order )?to (?:improve|treat|control|achieve|manage) (?P<x>{_NAMED}), ")


def without_heading(text: str) -> str:
    """`text` (normalized) without the words that name the regimen's own patients (see `_HEADING`)."""
    if not _HEADING.get():
        return text
    text = _HEADING_CLAUSE.sub(lambda m: "" if _names_heading(m.group("x")) else m.group(0), text)
    text = _PURPOSE_LEAD.sub(lambda m: "" if _names_heading(m.group("x")) else m.group(0), text)
    lead = _HEADING_LEAD.match(text)
    if lead is not None and _names_heading(lead.group("x")) and _names_heading(lead.group("y")):
        text = text[lead.end():]
    inside = _HEADING_INSIDE.search(text)
    if inside is not None and _names_heading(inside.group("x")) and _names_heading(inside.group("y")):
        text = text[:inside.start()] + inside.group(1) + text[inside.end():]
    use = _STEPS11_USE_INSIDE.search(text)
    if use is not None and set(use.group("use").split()) <= _HEADING.get():
        text = text[:use.start()] + use.group(1) + text[use.end():]
    return text


def read_text(text: str) -> Reading:
    """Every clause of `text` read, or listed as unread."""
    reading = Reading()
    read: list[tuple[str, list[Any] | None]] = []
    plain = label_shapes(without_heading(without_drug_names(normalize(text))))  # the shapes again, the names left out
    clauses = split_clauses(_ONE_UNIT.sub(r"\1 or \3 \2", plain))
    index = 0
    while index < len(clauses):
        clause = clauses[index]
        index += 1
        facts = read_clause(clause)
        if facts is None and index < len(clauses) and re.match(r"(?:if|in case of|for (?:additional|further|better|"
                                                               r"patients (?:requiring|who require|needing|who need)))\b", clause):
            # "if the 5 mg dose is well tolerated, the dose may be increased to 10 mg": the condition and its increase
            joined = read_clause(clause + " " + clauses[index])
            if joined is not None:
                clause, facts = clause + " " + clauses[index], joined
                index += 1
        if facts is None and read:
            # a clause that only continues the one before it: "1000 mg/day, given as twice-daily dosing (...)"
            joined_text = read[-1][0] + " " + clause
            joined = read_clause(joined_text)
            if joined is not None:
                read[-1] = (joined_text, joined)
                continue
        read.append((clause, facts))
    for clause, facts in read:
        if facts is not None and any(isinstance(f, DoseFact) and f.role == "alternative" for f in facts):
            facts = _pair_alternative(reading.facts, facts)
        if facts is None:
            reading.unread.append(clause)
        else:
            reading.facts.extend(facts)
    return reading


def _pair_alternative(before: list[Any], facts: list[Any]) -> list[Any] | None:
    """"300 mg once daily at bedtime. An alternative dosage regimen is 150 mg twice daily": the alternative and the
    dose just before it become one fact (`_either`), in place of that dose; without such a dose, or when the two do
    not pair, the alternative's clause is unread."""
    if len(facts) != 1 or not before or not isinstance(before[-1], DoseFact) or \
            before[-1].role not in ("dose", "maintenance", "initial"):
        return None
    either = _either([before[-1], replace(facts[0], role=before[-1].role)])
    if either is None:
        return None
    before[-1] = either
    return []
