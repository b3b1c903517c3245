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
    rest = " ".join((plain[:match.start()] + " " + plain[match.end():]).split())
    return match.group("who"), rest


def verbatim(original: str, words: str) -> str:
    """`words` (normalized) as the label spells them in `original`, when found there; else the normalized words."""
    pattern = r"\s+".join(re.escape(w) for w in words.split())
    hit = re.search(pattern, original.replace("**", ""), re.IGNORECASE)
    return hit.group(0) if hit is not None else words
