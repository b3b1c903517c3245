"""Safe name lookup: exact names first, fuzzy only with a clear winner, else 'did you mean'."""
from __future__ import annotations

from typing import NamedTuple

from .errors import Ambiguous, Candidate, InvalidInput, NotFound
from .library import Entry, Library
from .text import name_key

FUZZY_THRESHOLD = 85.0  # rapidfuzz ratio (0-100) the best candidate must reach to be shown
FUZZY_EDIT_MARGIN = 2  # and it must be this many edits nearer than any other drug:
# 'hydroxazine' is 1 edit from hydroxyzine but 2 from hydralazine -> not shown, both offered
SUGGEST_FLOOR = 60.0  # candidates at least this close are offered as 'did you mean'
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


def _candidates(scored: list[tuple[float, str, tuple[str, ...]]], query: str,
                against_each_other: bool) -> tuple[Candidate, ...]:
    """Candidates with Tall Man capitals: against each other when ambiguous, else against the query."""
    out = []
    for score, name, classes in scored:
        others = [n for _, n, _ in scored if n != name]
        display = tall_man(name, others[0] if against_each_other and others else query)
        out.append(Candidate(name, display, classes, round(score, 1)))
    return tuple(out)


def _check_query(query: str) -> str:
    text = " ".join(query.split())
    if not text:
        raise InvalidInput("a drug name is empty; give a generic or brand name", option="NAME")
    if len(text) > MAX_NAME_LENGTH:
        raise InvalidInput(f"a drug name of {len(text):,} characters is not a drug name (at most {MAX_NAME_LENGTH})",
                           option="NAME")
    return text


def resolve(library: Library, query: str, exact: bool = False) -> Match:
    """Resolve what a person typed to one drug, or raise NotFound / Ambiguous (safety rule 1)."""
    text = _check_query(query)
    key = name_key(text)
    hits = library.lookup_key(key)
    if len(hits) == 1:
        entry, kind, label = hits[0]
        return Match(entry, text, _HOW[kind], 100.0, label)
    vocab = library.vocabulary
    if len(hits) > 1:
        scored = [(100.0, e.name, _classes(vocab, e)) for e, _, _ in hits]
        raise Ambiguous(text, _candidates(scored, text, True))

    known = vocab.is_known_drug(text)
    if known:  # a drug the vocabulary names but no monograph covers: say so, never fuzz it into another
        raise NotFound(text, (Candidate(known, known, tuple(sorted(vocab.classes_of(known, transitive=False))), 100.0),))
    scored, matched = _fuzzy(library, key)
    if not exact and scored:
        best_score, best_name, best_entry, best_edits = scored[0]
        runner_up_edits = min((s[3] for s in scored[1:]), default=10**6)
        if (best_entry is not None and best_score >= FUZZY_THRESHOLD
                and runner_up_edits - best_edits >= FUZZY_EDIT_MARGIN):
            return Match(best_entry, text, "fuzzy", round(best_score, 1), matched.get(best_entry.file, best_name))
    offered = [(s, n, _classes(vocab, e) if e else tuple(sorted(vocab.classes_of(n, transitive=False)))) for s, n, e, _ in scored
               if s >= SUGGEST_FLOOR][:6]
    if not exact and len(offered) >= 2 and offered[0][0] >= FUZZY_THRESHOLD and scored[0][3] > 0:
        raise Ambiguous(text, _candidates(offered, text, True))
    raise NotFound(text, _candidates(offered, text, False))


def _classes(vocab, entry: Entry) -> tuple[str, ...]:
    return tuple(sorted(vocab.classes_of(entry.name, entry.classes, transitive=False)))


def _fuzzy(library: Library, key: str) -> tuple[list[tuple[float, str, Entry | None, int]], dict[str, str]]:
    """(score, name, entry, edit distance) per drug, best first: drugs with monographs and
    drugs the vocabulary names (so a known drug without a monograph is never replaced by another)."""
    from rapidfuzz import fuzz, process
    from rapidfuzz.distance import Levenshtein

    choices, file_at = library.name_keys()
    best: dict[str, tuple[float, str, str | None, int]] = {}  # drug id -> (score, matched key, file, edits)
    for choice, score, index in process.extract(key, choices, scorer=fuzz.ratio, limit=40,
                                                score_cutoff=SUGGEST_FLOOR - 10):
        path = file_at(index)
        edits = Levenshtein.distance(key, choice)
        old = best.get(path)
        if old is None or (score, -edits) > (old[0], -old[3]):
            best[path] = (score, choice, path, min(edits, old[3]) if old else edits)
    known = library.vocabulary.known_drugs()  # lookup key -> name
    if known:
        vocab_keys = list(known)
        hits = process.extract(key, vocab_keys, scorer=fuzz.ratio, limit=None, score_cutoff=SUGGEST_FLOOR - 10)
        served = library.served_keys(choice for choice, _, _ in hits)  # those have monographs: found above
        for choice, score, index in [h for h in hits if h[0] not in served][:10]:
            name = known[vocab_keys[index]]
            best["vocab:" + name] = (score, name, None, Levenshtein.distance(key, choice))
    out = []
    matched: dict[str, str] = {}  # file -> the name as written that matched
    # only the leaders matter (the winner, the runner-up, a short 'did you mean'): read just their entries
    leaders = sorted(best.values(), key=lambda t: (-t[0], t[3], t[1]))[:12]
    for score, label, path, edits in leaders:
        entry = library.entry_for_file(path) if path else None
        out.append((score, entry.name if entry else label, entry, edits))
        if entry is not None:
            matched[entry.file] = library.label_for(label, path)
    out.sort(key=lambda t: (-t[0], t[1]))
    return out, matched
