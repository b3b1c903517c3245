"""Washouts as labels state them: which drug to stop, how long before starting the other."""
from __future__ import annotations

import re
from typing import NamedTuple

_I = re.IGNORECASE


class WashoutSpec(NamedTuple):
    """A washout a line states: stop one drug at least `amount` before starting the other."""

    stop: str  # words naming the drug to stop, as written ("" when not understood)
    start: str  # words naming the drug to start ("" = the other drug of the pair)
    amount: str  # "14 days", "5 weeks"
    sentence: str  # the label's own sentence
    understood: bool = True  # False: shown verbatim, no direction or number computed


_NUMBER_WORDS = {"one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
                 "eight": "8", "nine": "9", "ten": "10", "fourteen": "14"}
_N = r"(\d+(?:\s*(?:-|–|to)\s*\d+)?|" + "|".join(_NUMBER_WORDS) + r")"
_U = r"(hours?|days?|weeks?|months?)"
_P = r"([A-Za-z][^,;.():]*?)"  # a phrase naming a drug or class: starts with a letter
_END = r"(?=\s*(?:[,;.()]|$|\b(?:or|and|is|are|has|have)\b))"
_STOPPING = r"(?:stopping|discontinuing|discontinuation of|the discontinuation of|cessation of|stopping treatment with)"
_STARTING = r"(?:starting|initiating|initiation of|the initiation of|institution of|the institution of|beginning|start of)"
# (pattern, which groups are stop / start / number / unit); start None = the other drug of the pair
_WASHOUT_PATTERNS: list[tuple[re.Pattern[str], tuple[int, int | str | None, int | None, int | None]]] = [
    (re.compile(r"\b" + _N + r"\s+" + _U + r"\s+(?:should|must)\s+elapse\s+between\s+(?:the\s+)?"
                r"(?:discontinuation\s+of|stopping)\s+" + _P + r"\s+and\s+(?:the\s+)?" + _STARTING + r"\s+" + _P
                + _END, _I), (3, 4, 1, 2)),
    (re.compile(r"\b(?:discontinue|stop)\s+" + _P + r"\s+(?:at\s+least\s+)?" + _N + r"\s+" + _U
                + r"\s+(?:before|prior\s+to)\s+(?:" + _STARTING + r"\s+)?" + _P + _END, _I), (1, 4, 2, 3)),
    (re.compile(r"\b" + _N + r"\s+" + _U + r"\s+(?:(?:should|must)\s+be\s+allowed\s+)?(?:after|following)\s+"
                + _STOPPING + r"\s+" + _P
                + r"\s+(?:before|prior\s+to)\s+" + _STARTING + r"\s+" + _P + _END, _I), (3, 4, 1, 2)),
    (re.compile(r"\bdo\s+not\s+(?:start|initiate|begin|use)\s+" + _P + r"\s+within\s+" + _N + r"\s+" + _U
                + r"\s+(?:of|after)\s+" + _STOPPING + r"\s+" + _P + _END, _I), (4, 1, 2, 3)),
    (re.compile(r"\bwithin\s+" + _N + r"\s+" + _U + r"\s+(?:of|after|following)\s+(?:" + _STOPPING
                + r"|(?:the\s+)?administration\s+of)\s+" + _P + _END, _I), (3, None, 1, 2)),
    (re.compile(r"\bwithin\s+" + _N + r"\s+" + _U + r"\s+(?:of|after)\s+" + _P
                + r"\s+(?:is|has\s+been|was)\s+(?:discontinued|stopped)\b", _I), (3, None, 1, 2)),
    (re.compile(r"\buse\s+of\s+" + _P + r"\s+or\s+(?:use\s+)?within\s+(?:the\s+(?:past|last|previous)\s+)?" + _N
                + r"\s+" + _U + r"\b", _I), (1, "self", 2, 3)),
    (re.compile(r"\(\s*within\s+(?:the\s+(?:past|last|previous)\s+)?" + _N + r"\s+" + _U + r"\s*\)\s*"
                r"(?:use\s+of\s+|treatment\s+with\s+)?" + _P + _END, _I), (3, "self", 1, 2)),
    # "..., and between discontinuation of X and initiation of Y": the interval of the clause before
    (re.compile(r"\band\s+between\s+(?:the\s+)?(?:discontinuation\s+of|stopping)\s+" + _P + r"\s+and\s+(?:the\s+)?"
                + _STARTING + r"\s+" + _P + _END, _I), (1, 2, None, None)),
]
EITHER_DRUG = re.compile(r"^(?:either|each|both|one)(?:\s+(?:drug|agent|medication|of them)s?)?$", _I)
_TRAILING = re.compile(r"\s+(?:with|or|and)\b.*$", _I)  # "an MAOI ... with levomilnacipran or": the MAOI
_WASHOUT_HINT = re.compile(r"\b" + _N + r"\s+" + _U + r"\b", _I)
_TIMING = re.compile(r"\bstop|\bdiscontinu|\belapse|\bwithin\b|\bafter\b|\bbefore\b|\bprior to\b|\bwashout|"
                     r"\brecent|\bwait", _I)
_ARTICLE = re.compile(r"^(?:an?|the|any|another|other|treatment with|therapy with|use of)\s+", _I)


def _amount(number: str, unit: str) -> str:
    number = _NUMBER_WORDS.get(number.casefold(), number)
    number = re.sub(r"\s*(?:-|–|to)\s*", "-", number)
    unit = unit.casefold()
    if number == "1" and unit.endswith("s"):
        unit = unit[:-1]
    elif number != "1" and not unit.endswith("s"):
        unit += "s"
    return f"{number} {unit}"


def read_washouts(text: str) -> tuple[WashoutSpec, ...]:
    """Every washout a line states, with its direction where the words give it; a sentence with
    timing words that no pattern accounts for is kept verbatim, with no number computed."""
    out: list[WashoutSpec] = []
    for sentence in re.split(r"(?<=[.;])\s+", text):
        if not _WASHOUT_HINT.search(sentence):  # every pattern needs a number and a unit of time
            continue
        found: list[tuple[int, int, WashoutSpec | None]] = []  # spans taken, in pattern order
        for pattern, (stop_group, start_group, number_group, unit_group) in _WASHOUT_PATTERNS:
            for match in pattern.finditer(sentence):
                if any(match.start() < end and start < match.end() for start, end, _ in found):
                    continue
                amount = None
                if number_group is not None and unit_group is not None:
                    amount = _amount(match.group(number_group), match.group(unit_group))
                else:  # continues the clause before it, which gives the interval
                    before = [spec for start, _, spec in found if spec and start < match.start()]
                    amount = before[-1].amount if before else None
                stop = _phrase(match.group(stop_group))
                start = "" if start_group is None else "self" if start_group == "self" else _phrase(
                    match.group(start_group))
                found.append((match.start(), match.end(),
                              WashoutSpec(stop, start, amount, sentence) if amount else None))
        specs = [spec for _, _, spec in sorted(found, key=lambda f: f[0]) if spec]
        unread = len(specs) < len(found)  # a clause read without its interval
        timing = not specs and bool(_TIMING.search(sentence))
        if unread or timing:  # the sentence as written, no number computed
            specs.append(WashoutSpec("", "", "", sentence, understood=False))
        out.extend(spec for spec in specs if spec not in out)
    return tuple(out)


def _phrase(words: str) -> str:
    return _TRAILING.sub("", _ARTICLE.sub("", words.strip()))
