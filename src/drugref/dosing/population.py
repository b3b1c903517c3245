"""Round 11 (cond11): a schedule the label states for named patients — the default case, kept with its words.

Labels often give the standard start for the patients most start on, and name them: "The recommended initial dose
for patients not receiving a diuretic is 10 mg once a day" (Lotensin PI, 2 Dosage and Administration), "2.5 mg once a
day in patients not receiving a diuretic" (Altace PI), "In patients not currently taking opioid analgesics
(opioid-naive and opioid non-tolerant), 50 mg orally twice daily" (Nucynta ER PI, 2.2 Initial Dosage). The dose is
read with the condition kept: every step of the schedule carries the label's words for those patients, and every
output shows them (the schedule is theirs; other patients read the monograph's words).

Only the default-case shapes are accepted: patients *not* receiving / not on / not currently taking something, and
opioid-naive patients. A condition that narrows to a risk group (a weight band, "in black patients", a CD4 count, a
hepatic or renal state, an age) is not matched, and its sentence stays unread as before.
"""
from __future__ import annotations

import re

# words that make the "something" a risk group or another measure, never a therapy the patient is not on
_NARROWING = (r"(?:and|or|but|with|who|whose|in|for|of|than|if|except|to|at|weighing|weight|aged?|years?|old|older|"
              r"younger|elderly|black|non-black|white|asian|children|pediatric|pregnant|pregnancy|dialysis|"
              r"hemodialysis|renal|kidney|hepatic|liver|impairment|insufficiency|failure|disease|clearance|crcl|"
              r"egfr|cd4|count|kg|lb|mg|mcg|g|ml|day|daily|dose|doses|dosage|is|are|be)")
_WORD = rf"(?!{_NARROWING}\b)[a-z][a-z-]*"
# what the patients are not on: "a diuretic", "diuretics", "opioid analgesics", "metformin" (one to three words)
_THERAPY = rf"(?:(?:an?|any) )?{_WORD}(?: {_WORD}){{0,2}}"
_NOT_ON = r"not (?:currently |already |presently )?(?:receiving|taking|on|using|treated with)"
# the label's own gloss of the same patients in brackets: "(opioid-naive and opioid non-tolerant)"
_GLOSS = r"(?: \(opioid[- ]na[iï]ve(?: (?:and|or) opioid[- ]non-?tolerant)?(?: patients)?\))?"
_NAIVE = r"opioid[- ]na[iï]ve(?: (?:and|or) opioid[- ]non-?tolerant)? (?:patients|adults)"
_PATIENTS = rf"(?:(?:patients|adults) (?:who are )?{_NOT_ON} {_THERAPY}{_GLOSS}|{_NAIVE})"

# the shapes, each with the words to take out (group 0) and the patients' words (group "who")
_SHAPES = (
    # "In patients not currently taking opioid analgesics (…), 50 mg orally twice daily": a lead before the dose
    re.compile(rf"^(?:for|in) (?P<who>{_PATIENTS}), "),
    # "The recommended initial dose for patients not receiving a diuretic is 10 mg": between the dose and "is"
    re.compile(rf" (?:for|in) (?P<who>{_PATIENTS})(?= is\b)"),
    # "2.5 mg orally once a day in patients not receiving a diuretic": after the dose, ending the sentence
    re.compile(rf",? (?:for|in) (?P<who>{_PATIENTS})$"),
    # "5 mg orally once a day (patients not on a diuretic)", "100 mg orally once daily (opioid-naive patients)"
    re.compile(rf" \((?P<who>{_PATIENTS})\)(?=[ ,;.]|$)"),
)


def population(plain: str) -> tuple[str, str] | None:
    """The patients a normalized step sentence names as the label's default case, and the sentence without those
    words; None when it names none (or more than one such phrase: the sentence is left as it is)."""
    found = [(shape, match) for shape in _SHAPES for match in shape.finditer(plain)]
    if len(found) != 1:
        return None
    _, match = found[0]
    return match.group("who"), _without(plain, match)


def _without(plain: str, match: re.Match[str], joint: str = " ") -> str:
    """The sentence with the matched words taken out (`joint` where they stood: none before a full stop that follows
    a phrase set off by its own comma)."""
    return " ".join((plain[:match.start()] + joint + plain[match.end():]).split())


def verbatim(original: str, words: str) -> str:
    """`words` (normalized) as the label spells them in `original`, when found there; else the normalized words."""
    pattern = r"\s+".join(re.escape(w) for w in words.split())
    hit = re.search(pattern, original.replace("**", ""), re.IGNORECASE)
    return hit.group(0) if hit is not None else words


# Round 12 (cond12): patients the regimen's heading already names, restated in its first step's sentence.
# "500 mg orally twice daily, in HIV-1-infected patients with a CD4+ cell count greater than or equal to 100 cells/mm3"
# under "Genital herpes, suppressive therapy (HIV-1-infected patients)"; "500 mg orally once daily, in patients with a
# history of 9 or fewer recurrences per year" under "… (alternate dose, 9 or fewer recurrences/year)"; "500 mg orally
# once daily for the source partner" under "Genital herpes, reduction of transmission" (Valtrex PI, 2.2). The phrase is
# kept verbatim as the condition — a qualifier the heading does not name (the CD4 count) stays in its words — and is
# accepted only when the heading names the same patients; any other patients leave the sentence unread as before.
_QUALIFIER = r"[a-z0-9][a-z0-9 +./-]*?"
_HEADED_PATIENTS = (rf"(?:(?P<kind>[a-z0-9][a-z0-9-]*) )?(?:patients|adults)(?: with (?P<what>{_QUALIFIER}))?"
                    r"|the source partner")
_HEADED_SHAPES = (
    re.compile(rf",? (?:in|for) (?P<who>{_HEADED_PATIENTS})$"),  # after the dose, ending the sentence
    re.compile(rf"^(?:in|for) (?P<who>{_HEADED_PATIENTS}), "),  # a lead before the dose
)
# words that carry no patients of their own in "patients with a history of 9 or fewer recurrences per year"
_FILLER = frozenset({"a", "an", "the", "of", "or", "per", "history", "known", "documented"})
# a qualifier another part of the tool computes from (renal or hepatic function, weight, age) is never left as words
_COMPUTED = re.compile(r"\b(?:renal|kidney|hepatic|liver|impairment|insufficiency|dialysis|hemodialysis|clearance|crcl|"
                       r"egfr|kg|lb|weigh\w*|(?<!per )years?|age[ds]?|older|younger|elderly|children|pediatric|pregnan\w*)\b")
# the patient a heading implies without naming: reduction of transmission is dosed to the infected (source) partner
_IMPLIED = {"the source partner": frozenset({"reduction", "transmission"})}


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text)


def heading_population(plain: str, heading: frozenset[str]) -> tuple[str, str] | None:
    """The patients a normalized first-step sentence names when the regimen's `heading` (its words) names the same
    ones, and the sentence without those words; None otherwise (the sentence is left as it is)."""
    found = [match for shape in _HEADED_SHAPES for match in shape.finditer(plain)]
    if len(found) != 1 or not heading:
        return None
    match = found[0]
    who = match.group("who")
    if who in _IMPLIED:
        named = _IMPLIED[who] <= heading
    elif _COMPUTED.search(who):
        named = False
    elif match.group("kind") is not None:  # "HIV-1-infected patients [with …]": the kind is the heading's
        named = all(word in heading for word in _words(match.group("kind")))
    else:  # "patients with a history of 9 or fewer recurrences per year": every word that says who is the heading's
        what = [word for word in _words(match.group("what") or "") if word not in _FILLER]
        named = bool(what) and all(word in heading for word in what)
    if not named:
        return None
    return who, _without(plain, match)


# Round 13 (steps13): a schedule stated for patients on another named drug — the co-therapy it is used with. "Maintenance:
# 400-800 mg/day, administered twice daily, as adjunct to lithium or divalproex" (Seroquel PI, 2.2 Bipolar I Disorder
# Maintenance Therapy: "as adjunct therapy to lithium or divalproex"). The phrase is kept verbatim as the condition. A
# purpose ("as an adjunct to diet and exercise"), a class said for every use ("in combination with other antiretroviral
# agents"), a choice of uses ("monotherapy or adjunct to …") and anything another part of the tool computes from are
# never matched: the sentence stays as it is.
_DRUG = r"(?!(?:other|diet|exercise|an?|the|any|food|meals?|dialysis|hemodialysis)\b)[a-z][a-z-]*"
_COTHERAPY = re.compile(rf",? (?P<who>as (?:an? )?(?:adjunct|adjunctive (?:therapy|treatment))(?: therapy)? (?:to|with) "
                        rf"{_DRUG}(?: (?:or|and|and/or) {_DRUG})?)(?=$|[,.;])")


def cotherapy(plain: str) -> tuple[str, str] | None:
    """The co-therapy a normalized step sentence names ("as adjunct to lithium or divalproex") and the sentence without
    those words; None when it names none, more than one, or follows "monotherapy or" (a choice of uses, not patients)."""
    found = list(_COTHERAPY.finditer(plain))
    if len(found) != 1 or "monotherapy" in plain or _COMPUTED.search(found[0].group("who")):
        return None
    return found[0].group("who"), _without(plain, found[0], joint="")


def for_whom(condition: str) -> str:
    """The condition as the outputs say it: "for patients not receiving a diuretic"; a co-therapy phrase ("as adjunct
    to lithium or divalproex") already says how the schedule is used, so it stands as it is."""
    return condition if condition.startswith("as ") else f"for {condition}"
