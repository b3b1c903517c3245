"""Safe name lookup: exact names first, fuzzy only with a clear winner, else 'did you mean'."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

from .errors import Ambiguous, Candidate, InvalidInput, KnownWithoutMonograph, NotFound
from .index import Catalog, Entry
from .text import name_key

if TYPE_CHECKING:
    from .vocabulary import Vocabulary

FUZZY_THRESHOLD = 85.0  # rapidfuzz ratio (0-100) the best candidate must reach to be shown
MIN_FUZZY_LENGTH = 5  # a shorter query is never fuzzily resolved (exact names and aliases still are)
FAR_FUZZY_THRESHOLD = 92.0  # a best candidate 2+ edits away must reach this ratio (lormetazepam, talopram,
#                            rifaxidin, d-thyroxine are real drugs 2-3 edits from lorazepam, citalopram, rifampin
#                            and levothyroxine: refused, with the name offered)
FUZZY_EDIT_MARGIN = 2  # and it must be this many edits nearer than any other drug:
# 'hydroxazine' is 1 edit from hydroxyzine but 2 from hydralazine -> not shown, both offered
# Short names: one letter changed in a 5- or 6-letter name scores 80-83 ('xanex' / Xanax, 'prozak' /
# Prozac), under the threshold however clear the winner. Such a query is shown when it is exactly
# one letter from the drug's name, swapped for one that sounds alike (a vowel for a vowel, c/k/s,
# x/z, ...: not cardil / Nardil), and, as above, at least FUZZY_EDIT_MARGIN edits nearer than any
# other drug (so at least 3 from every other): no 1- or 2-edit variant of another drug's name can
# ever reach it (tests/test_lookup_suggestions.py tries every 1-edit variant of tests/data/lookalikes).
# Neither rule shows a drug for its whole name with letters fused in front (dexibuprofen, see _prefixed).
SHORT_NAME_LENGTH = 5  # the query's key has at least this many characters
SHORT_NAME_THRESHOLD = 80.0  # and reaches this ratio with its single edit
SUGGEST_FLOOR = 72.0  # candidates at least this close are offered as 'did you mean'; below it, a name
# is 'not in this library' and nothing else: two letters changed in a 7-letter name (ritalin / Rifadin,
# 71.4) make another word, not a slip; tylenol / atenolol 66.7, semaglutide / enzalutamide 69.6;
# 'clonazine' still offers clonazepam (73.7)
RIVAL_CUTOFF = 50.0  # drugs at least this close are weighed as rivals of the best (the edit margin),
# well under SUGGEST_FLOOR: a rival need not be worth suggesting to stop another drug being shown
SUGGEST_SAME_START = FUZZY_THRESHOLD  # below this score a suggestion must also start as the query
# does (same first letter or sound: valium is not calcium; glyzide may be glyburide)
MAX_NAME_LENGTH = 200
_HOW = {"name": "exact", "stem": "exact", "brand": "brand", "alias": "alias"}


class Match(NamedTuple):
    """How a query was resolved to a drug."""

    entry: Entry
    query: str
    how: str  # exact | brand | alias | fuzzy
    score: float  # 100 for exact matches
    matched_name: str  # the name, brand or alias that matched


def tall_man(name: str, other: str) -> str:
    """`name` with the letters that differ from `other` in capitals (hydrOXYzine vs hydrALAzine)."""
    import difflib

    a, b = name.lower(), other.lower()
    out = []
    for op, i1, i2, _, _ in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        out.append(a[i1:i2] if op == "equal" else a[i1:i2].upper())
    return "".join(out)


def _candidates(scored: list[tuple[float, str, tuple[str, ...], bool]], query: str,
                against_each_other: bool) -> tuple[Candidate, ...]:
    """Candidates with Tall Man capitals: against each other when ambiguous, else against the query."""
    out = []
    for score, name, classes, monograph in scored:
        others = [n for _, n, _, _ in scored if n != name]
        display = tall_man(name, others[0] if against_each_other and others else query)
        out.append(Candidate(name, display, classes, round(score, 1), monograph))
    return tuple(out)


def _check_query(query: str) -> str:
    text = " ".join(query.split())
    if not text:
        raise InvalidInput("a drug name is empty; give a generic or brand name", option="NAME")
    if len(text) > MAX_NAME_LENGTH:
        raise InvalidInput(f"a drug name of {len(text):,} characters is not a drug name (at most {MAX_NAME_LENGTH})",
                           option="NAME")
    return text


def resolve(library: Catalog, query: str, exact: bool = False) -> Match:
    """Resolve what a person typed to one drug, or raise NotFound / Ambiguous (safety rule 1)."""
    text = _check_query(query)
    key = name_key(text)
    hits = library.lookup_key(key)
    if len(hits) == 1:
        entry, kind, label = hits[0]
        return Match(entry, text, _HOW[kind], 100.0, label)
    vocab = library.vocabulary
    if len(hits) > 1:
        tied = [(100.0, e.name, _classes(vocab, e), True) for e, _, _ in hits]
        raise Ambiguous(text, _candidates(tied, text, True))

    known = vocab.is_known_drug(text)
    if known:  # a drug the vocabulary names but no monograph covers: say so, never fuzz it into another
        raise KnownWithoutMonograph(text, known, tuple(sorted(vocab.classes_of(known, transitive=False))))
    scored, matched = _fuzzy(library, key)
    if not exact and scored:
        best_score, best_name, best_entry, best_edits = scored[0]
        runner_up_edits = min((s[3] for s in scored[1:]), default=10**6)
        label = _label(matched, best_name, best_entry)
        if (best_entry is not None and (_close_enough(key, best_score, best_edits, label) or _makers_prefix(text, label))
                and runner_up_edits - best_edits >= FUZZY_EDIT_MARGIN and not _prefixed(text, key, label)):
            return Match(best_entry, text, "fuzzy", round(best_score, 1), matched.get(best_entry.file, best_name))
    offered = [(s, n, _classes(vocab, e) if e else tuple(sorted(vocab.classes_of(n, transitive=False))), e is not None)
               for s, n, e, _ in scored if _suggestible(key, s, _label(matched, n, e))][:6]
    if (not exact and len(offered) >= 2 and scored[0][3] > 0
            and _close_enough(key, scored[0][0], scored[0][3], _label(matched, scored[0][1], scored[0][2]))):
        raise Ambiguous(text, _candidates(offered, text, True))
    raise NotFound(text, _candidates(offered, text, False))


def _label(matched: dict[str, str], name: str, entry: Entry | None) -> str:
    """The name as written (generic, brand or alias) a fuzzy candidate was matched by."""
    return matched.get(entry.file, name) if entry is not None else name


def _close_enough(key: str, score: float, edits: int, label: str) -> bool:
    """Whether the best candidate is near enough to be shown (given a clear margin over the rest):
    the score threshold, or in a short name one letter changed for one that sounds alike."""
    if len(key) < MIN_FUZZY_LENGTH:
        return False  # 'absa' is one letter from the alias ASA and a few from many names: too short to guess
    if edits >= 2 and score < FAR_FUZZY_THRESHOLD:
        return False  # two or more edits away is as likely another real drug (talopram, rifaxidin) as a slip
    return score >= FUZZY_THRESHOLD or (edits == 1 and len(key) >= SHORT_NAME_LENGTH
                                        and score >= SHORT_NAME_THRESHOLD and _one_letter_alike(key, name_key(label)))


def _makers_prefix(text: str, label: str) -> bool:
    """'apo-sertraline', 'pms trazodone': the name as a word of its own after a short maker's prefix."""
    words = [w for w in re.split(r"[\s\-]+", text.strip()) if w]
    return len(words) == 2 and len(words[0]) <= 4 and name_key(words[1]) == name_key(label)


def _prefixed(text: str, key: str, label: str) -> bool:
    """Whether the query is the whole name with two or more letters fused in front: another drug, not a
    slip (dexibuprofen / ibuprofen, levoketoconazole / ketoconazole, dihydralazine / hydralazine), as a
    name inside another never is one (milnacipran / levomilnacipran). A word of its own in front
    ('apo-sertraline', 'pms trazodone': a maker's prefix) is not fused."""
    other = name_key(label)
    if len(key) - len(other) < 2 or not key.endswith(other):
        return False
    words = [w for w in re.split(r"[\s\-\u2010-\u2015/,.:;]+", text) if w]
    return not any(name_key("".join(words[i:])) == other for i in range(1, len(words)))


# letters that can stand for one another in a misspelling: the same sound, or a vowel for a vowel
_ALIKE = ({"c", "k"}, {"c", "s"}, {"k", "q"}, {"x", "z"}, {"s", "z"}, {"g", "j"}, set("aeiouy"))


def _sound_alike(a: str, b: str) -> bool:
    return a == b or any(a in group and b in group for group in _ALIKE)


def _one_letter_alike(key: str, other: str) -> bool:
    """Whether two keys differ in exactly one letter, swapped for one that sounds alike (xanex / xanax,
    prozak / prozac; not cardil / nardil, not ultran / ultram)."""
    if len(key) != len(other):
        return False
    differ = [(a, b) for a, b in zip(key, other) if a != b]
    return len(differ) == 1 and _sound_alike(*differ[0])


def _same_start(key: str, name: str) -> bool:
    """Whether a query starts as the name it was matched against does (a letter, or one of the same sound)."""
    a, b = (("f" + k[2:]) if k.startswith("ph") else k for k in (key, name_key(name)))
    return a[:1] == b[:1] or _sound_alike(a[:1], b[:1])


def _suggestible(key: str, score: float, label: str) -> bool:
    """Whether a candidate is worth offering as 'did you mean': at least SUGGEST_FLOOR, and a weak one
    (under SUGGEST_SAME_START) must start as the query does: people rarely get the first letter wrong."""
    return score >= SUGGEST_FLOOR and (score >= SUGGEST_SAME_START or _same_start(key, label))


def _classes(vocab: Vocabulary, entry: Entry) -> tuple[str, ...]:
    return tuple(sorted(vocab.classes_of(entry.name, entry.classes, transitive=False)))


def _fuzzy(library: Catalog, key: str) -> tuple[list[tuple[float, str, Entry | None, int]], dict[str, str]]:
    """(score, name, entry, edit distance) per drug, best first: drugs with monographs and
    drugs the vocabulary names (so a known drug without a monograph is never replaced by another)."""
    from rapidfuzz import fuzz, process
    from rapidfuzz.distance import Levenshtein

    choices, file_at = library.name_keys()
    best: dict[str, tuple[float, str, str | None, int]] = {}  # drug id -> (score, matched key, file, edits)
    for choice, score, index in process.extract(key, choices, scorer=fuzz.ratio, limit=40,
                                                score_cutoff=RIVAL_CUTOFF):
        path = file_at(index)
        edits = Levenshtein.distance(key, choice)
        old = best.get(path)
        if old is None or (score, -edits) > (old[0], -old[3]):
            best[path] = (score, choice, path, min(edits, old[3]) if old else edits)
    known = library.vocabulary.known_drugs()  # lookup key -> name
    if known:
        vocab_keys = list(known)
        hits = process.extract(key, vocab_keys, scorer=fuzz.ratio, limit=None, score_cutoff=RIVAL_CUTOFF)
        served = library.served_keys(choice for choice, _, _ in hits)  # those have monographs: found above
        for choice, score, index in [h for h in hits if h[0] not in served][:10]:
            name = known[vocab_keys[index]]
            best["vocab:" + name] = (score, name, None, Levenshtein.distance(key, choice))
    out: list[tuple[float, str, Entry | None, int]] = []
    matched: dict[str, str] = {}  # file -> the name as written that matched
    # only the leaders matter (the winner, the runner-up, a short 'did you mean'): read just their entries
    leaders = sorted(best.values(), key=lambda t: (-t[0], t[3], t[1]))[:12]
    for score, label, file, edits in leaders:  # label: the matched key, or the vocabulary name
        entry = library.entry_for_file(file) if file else None
        out.append((score, entry.name if entry else label, entry, edits))
        if entry is not None and file is not None:
            matched[entry.file] = library.label_for(label, file)
    out.sort(key=lambda t: (-t[0], t[1]))
    return out, matched
