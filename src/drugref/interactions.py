"""Interaction rules read from monographs, and a pairwise check with three honest states."""
from __future__ import annotations

from typing import NamedTuple

import itertools
import re

from .monograph import Monograph, Note, Section, find_section
from .text import name_key, squash_spaces, strip_bold
from .vocabulary import VOCABULARY_FILE, Vocabulary

SEVERITIES = ("contraindicated", "major", "moderate", "minor")
RANK = {s: i for i, s in enumerate(SEVERITIES)}  # lower is more severe

_EXPLICIT = re.compile(r"\(\s*severity\s*:\s*(contraindicated|major|moderate|minor)\s*\)", re.I)
_CONTRAINDICATED = re.compile(r"\bcontraindicat|\bdo not (?:use|coadminister|co-administer|administer|take|combine)\b|"
                              r"\bmust not\b|\bshould never\b", re.I)
_AVOID = re.compile(r"\bavoid\b|\bnot recommended\b|\bshould not be (?:used|taken|given|coadministered|combined)\b", re.I)
_SERIOUS = re.compile(r"serotonin syndrome|hypertensive (?:crisis|reaction)|bleed|hemorrhag|haemorrhag|\bqtc?\b|"
                      r"torsade|rhabdomyolysis|myopathy|respiratory depression|profound sedation|\bcoma\b|\bdeath\b|"
                      r"fatal|life[- ]threatening|toxicity|lactic acidosis|seizure|agranulocytosis|"
                      r"myelosuppression|severe hypotension|hyperkalemia|neuroleptic malignant", re.I)
_SOFT = re.compile(r"\bcaution|\bmonitor|\badjust|\bconsider\b|\bmay (?:need|require)|\bcarefully\b", re.I)
_MINOR = re.compile(r"limited potential|\bminor\b|\bunlikely\b|not clinically (?:significant|relevant)|"
                    r"no clinically (?:significant|relevant)", re.I)
_BOLD_LABEL = re.compile(r"^\s*\*\*(.+?)\*\*\s*:?\s*(.*)$", re.S)
_EXAMPLES = re.compile(r"\((?:\s*(?:e\.g\.|eg\.|e\.g|for example|such as|including|i\.e\.)\s*,?)\s*([^()]*)\)", re.I)
_SPLIT = re.compile(r"\s*(?:/|,|;|\band\b|\bor\b|\band/or\b)\s*", re.I)
_WASHOUT = re.compile(r"within\s+(?:the\s+(?:past|last|previous)\s+)?(\d+(?:\s*(?:-|to)\s*\d+)?)\s+(days?|weeks?)", re.I)
_NOISE = re.compile(r"^(?:other|concomitant|concurrent|co-?administration of|use of|certain|some|all|the|any)\s+",
                    re.I)


class Agent(NamedTuple):
    """A class or drug named by a rule."""

    word: str  # as written
    kind: str  # class | drug
    key: str  # class key, or drug name key


class Rule(NamedTuple):
    """One interaction or contraindication line of a monograph."""

    drug: str  # the monograph's drug
    file: str
    section: str  # section path, e.g. "Drug Interactions"
    line: int
    text: str  # the line's own words (bold markers removed)
    effect: str  # what happens, verbatim
    agents: tuple[Agent, ...]
    severity: str
    kind: str  # interaction | contraindication
    washout: str | None = None
    severity_read: bool = True  # False: no severity words were found (default moderate)
    names_drugs: bool = True  # False: a condition (e.g. hypersensitivity), never matched against other drugs


class DrugInfo(NamedTuple):
    """A drug as the checker sees it."""

    query: str
    name: str
    status: str  # monograph | known | unknown
    name_keys: frozenset[str] = frozenset()
    names: tuple[str, ...] = ()  # generic, brand and alias names, and what was typed
    classes: frozenset[str] = frozenset()
    rules: tuple[Rule, ...] = ()
    has_interaction_data: bool = False  # a monograph with an interaction or contraindication section
    file: str | None = None
    suggestion: str | None = None  # for unknown names: a close known name


class Source(NamedTuple):
    file: str
    section: str
    text: str
    line: int | None = None


class PairResult(NamedTuple):
    a: str
    b: str
    status: str  # interaction | none-listed | not-assessable
    severity: str | None = None
    kind: str | None = None  # interaction | contraindication | duplication
    summary: str | None = None
    sources: tuple[Source, ...] = ()
    washout: str | None = None
    reason: str | None = None  # why not assessable


class Burden(NamedTuple):
    group: str
    drug_class: str
    drugs: tuple[str, ...]


class CheckResult(NamedTuple):
    drugs: tuple[DrugInfo, ...]
    pairs: tuple[PairResult, ...]
    burden: tuple[Burden, ...]
    highest_severity: str | None = None


# ------------------------------------------------------------------ reading rules

def infer_severity(text: str) -> tuple[str, bool]:
    """(severity, whether words for it were found) from a rule's words."""
    explicit = _EXPLICIT.search(text)
    if explicit:
        return explicit.group(1).lower(), True
    if _CONTRAINDICATED.search(text):
        return "contraindicated", True
    if _AVOID.search(text):
        return "major", True
    serious, soft = _SERIOUS.search(text), _SOFT.search(text)
    if serious and not soft:
        return "major", True
    if soft:
        return "moderate", True
    if _MINOR.search(text):
        return "minor", True
    return "moderate", False


def _resolve_word(word: str, vocab: Vocabulary) -> Agent | None:
    word = squash_spaces(word.strip(" .:-*"))
    if not word or len(word) < 3:
        return None
    cleaned = _NOISE.sub("", word)
    for candidate in (word, cleaned):
        found = vocab.find_class(candidate)
        if found:
            return Agent(word, "class", found)
    for candidate in (word, cleaned):
        known = vocab.is_known_drug(candidate)
        if known:
            return Agent(word, "drug", name_key(known))
    if re.search(r"\b(?:drugs?|agents?|medications?|inhibitors?|inducers?|substrates?|products?|interactions?)\b",
                 cleaned, re.I):
        return Agent(word, "unresolved", name_key(cleaned))
    return Agent(word, "drug", name_key(cleaned))


def agents_of_label(label: str, vocab: Vocabulary) -> tuple[Agent, ...]:
    """Agents named by a rule's bold label: the class or drug, and every example in parentheses."""
    label = strip_bold(label).strip().rstrip(":").strip()
    examples = []
    for match in _EXAMPLES.finditer(label):
        examples.extend(p for p in _SPLIT.split(match.group(1)) if p.strip())
    head = squash_spaces(_EXAMPLES.sub("", label)).strip()
    head = re.sub(r"\([^()]*\)", "", head).strip()  # other parentheses, e.g. "(oral)"
    agents: list[Agent] = []
    whole = _resolve_word(head, vocab)
    if whole is not None and whole.kind == "class":
        agents.append(whole)
    else:
        parts = [p for p in _SPLIT.split(head) if p.strip()]
        for part in parts if len(parts) > 1 else [head]:
            agent = _resolve_word(part, vocab)
            if agent:
                agents.append(agent)
    for example in examples:
        agent = _resolve_word(example, vocab)
        if agent:
            agents.append(agent)
    return tuple(agents)


_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def _vocab_terms(vocab: Vocabulary) -> tuple[dict[tuple[str, ...], Agent], int]:
    """Every class word, member and substance as a tuple of words, and the longest one's length."""
    cached = vocab.__dict__.get("_term_index")
    if cached is not None:
        return cached
    terms: dict[tuple[str, ...], Agent] = {}
    for key, drug_class in vocab.classes.items():
        for word in (key, *drug_class.aliases):
            terms.setdefault(tuple(_words(word)), Agent(word, "class", key))
        for member in drug_class.members:
            terms.setdefault(tuple(_words(member)), Agent(member, "drug", name_key(member)))
    for name, aliases in vocab.substances.items():
        for word in (name, *aliases):
            terms.setdefault(tuple(_words(word)), Agent(word, "drug", name_key(name)))
    terms.pop((), None)
    cached = (terms, max((len(t) for t in terms), default=0))
    vocab.__dict__["_term_index"] = cached
    return cached


def agents_in_text(text: str, vocab: Vocabulary) -> tuple[Agent, ...]:
    """Vocabulary classes, drugs and substances named anywhere in free text (longest match wins)."""
    terms, longest = _vocab_terms(vocab)
    words = _words(text)
    found = []
    i = 0
    while i < len(words):
        for size in range(min(longest, len(words) - i), 0, -1):
            agent = terms.get(tuple(words[i:i + size]))
            if agent is not None:
                found.append(agent)
                i += size
                break
        else:
            i += 1
    return tuple(found)


def read_rules(monograph: Monograph, vocab: Vocabulary) -> tuple[tuple[Rule, ...], tuple[Note, ...], bool]:
    """(rules, problems, has interaction data) from `## Drug Interactions` and `## Contraindications`."""
    rules: list[Rule] = []
    problems: list[Note] = []
    interactions = find_section(monograph.sections, "interaction")
    contraindications = find_section(monograph.sections, "contraindication")
    if interactions is not None and "summary" in " ".join(interactions.path).casefold():
        interactions = None
    for section, kind in ((contraindications, "contraindication"), (interactions, "interaction")):
        if section is None:
            continue
        for bullet in _all_bullets(section):
            rule = _rule(monograph, section, bullet, kind, vocab, problems)
            if rule is not None:
                rules.append(rule)
    has_data = interactions is not None or contraindications is not None
    return tuple(rules), tuple(problems), has_data


def _all_bullets(section: Section):
    for sec in section.walk():
        for bullet in sec.bullets:
            yield bullet
            yield from bullet.children


def _rule(monograph, section, bullet, kind, vocab, problems) -> Rule | None:
    raw = bullet.text
    text = squash_spaces(strip_bold(raw))
    washout_match = _WASHOUT.search(text)
    washout = f"{washout_match.group(1)} {washout_match.group(2)}" if washout_match else None
    path = " › ".join(section.path)
    if kind == "contraindication":
        # "hypersensitivity to X or other benzodiazepines" is about allergy, not about taking two drugs
        allergy = re.search(r"hypersensitiv|allerg|anaphyla|urticaria|angioedema|history of", text, re.I)
        agents = () if allergy else agents_in_text(text, vocab)
        if allergy:
            return Rule(monograph.name, monograph.file, path, bullet.line, text, text, (), "contraindicated",
                        "contraindication", washout, names_drugs=False)
        # drugs the vocabulary does not know may still be named: matched by name at check time
        return Rule(monograph.name, monograph.file, path, bullet.line, text, text, agents, "contraindicated",
                    "contraindication", washout)
    label = _BOLD_LABEL.match(raw)
    if not label:
        problems.append(Note(bullet.line, "warning", f"interaction line has no **agent:** label: {text[:80]!r}"))
        agents, effect = agents_in_text(text, vocab), text
    else:
        agents, effect = agents_of_label(label.group(1), vocab), squash_spaces(strip_bold(label.group(2)))
    for agent in agents:
        if agent.kind == "unresolved":
            problems.append(Note(bullet.line, "warning", f"interaction agent {agent.word!r} resolves to no known class "
                                                          f"or drug (add it to {VOCABULARY_FILE})"))
    severity, read = infer_severity(text)
    if not read:
        problems.append(Note(bullet.line, "warning", f"no recognisable severity in {text[:70]!r}: shown as moderate; "
                                                      "add (severity: ...) to say it"))
    return Rule(monograph.name, monograph.file, path, bullet.line, text, effect,
                tuple(a for a in agents if a.kind != "unresolved") + tuple(
                    Agent(a.word, "drug", a.key) for a in agents if a.kind == "unresolved"),
                severity, "interaction", washout, read)


# ------------------------------------------------------------------ checking

def _matches(rule: Rule, other: DrugInfo) -> bool:
    for agent in rule.agents:
        if agent.kind == "class" and agent.key in other.classes:
            return True
        if agent.kind == "drug" and agent.key in other.name_keys:
            return True
    if rule.kind == "contraindication" and rule.names_drugs:
        lowered = rule.text.casefold()
        for word in other.names:
            if has_word(lowered, word.casefold()):
                return True
    return False


def _joins_word(char: str) -> bool:
    return char.isalnum() or char in "_-"  # what the regex class [\w-] matches


def has_word(text: str, word: str) -> bool:
    r"""Whether `word` stands alone in `text`, not inside a longer word or hyphenated compound: the
    regex (?<![\w-])word(?![\w-]) without compiling a pattern for every name."""
    start = text.find(word)
    while start != -1:
        end = start + len(word)
        if (start == 0 or not _joins_word(text[start - 1])) and (end == len(text) or not _joins_word(text[end])):
            return True
        start = text.find(word, start + 1)
    return False


def rules_for(drug: DrugInfo, other: DrugInfo) -> list[Rule]:
    return [rule for rule in drug.rules if _matches(rule, other)]


def check_pair(a: DrugInfo, b: DrugInfo, vocab: Vocabulary) -> PairResult:
    first, second = sorted((a, b), key=lambda d: (d.name.casefold(), d.query))
    duplication = _duplication(first, second, vocab)
    if duplication is not None and name_key(first.name) == name_key(second.name):
        return duplication  # one drug listed twice: its rules about its own class do not apply to itself
    found = rules_for(first, second) + rules_for(second, first)
    if found:
        found.sort(key=lambda r: (RANK[r.severity], r.kind != "contraindication"))
        top = found[0]
        sources = tuple(Source(r.file, r.section, r.text, r.line) for r in found)
        washout = next((r.washout for r in found if r.washout), None)
        summary = top.effect
        if duplication and RANK[duplication.severity] < RANK[top.severity]:
            return duplication
        if duplication:
            summary += f" Also: {duplication.summary}"
            sources += duplication.sources
        return PairResult(first.name, second.name, "interaction", top.severity, top.kind, summary, sources, washout)
    if duplication:
        return duplication
    for drug in (first, second):
        if drug.status == "unknown":
            return PairResult(first.name, second.name, "not-assessable",
                              reason=f"no monograph and no vocabulary entry for {drug.query!r}")
        if drug.status == "monograph" and not drug.has_interaction_data:
            return PairResult(first.name, second.name, "not-assessable",
                              reason=f"{drug.name}'s monograph has no interaction or contraindication section")
    speaking = [d.name for d in (first, second) if d.has_interaction_data]
    if not speaking:
        return PairResult(first.name, second.name, "not-assessable",
                          reason="neither drug has a monograph with interaction data")
    if len(speaking) == 1:
        return PairResult(first.name, second.name, "none-listed",
                          reason=f"only {speaking[0]}'s monograph could list it")
    return PairResult(first.name, second.name, "none-listed")


def _duplication(a: DrugInfo, b: DrugInfo, vocab: Vocabulary) -> PairResult | None:
    if a.status == "unknown" or b.status == "unknown":
        return None
    if name_key(a.name) == name_key(b.name):
        return PairResult(a.name, b.name, "interaction", "major", "duplication",
                          f"the same drug listed twice ({a.query!r} and {b.query!r})",
                          (Source(a.file or "", "names", f"{a.query} = {b.query} = {a.name}"),))
    shared = sorted(k for k in a.classes & b.classes if vocab.classes.get(k) and vocab.classes[k].therapeutic)
    if not shared:
        return None
    file = vocab.classes[shared[0]].file or VOCABULARY_FILE
    return PairResult(a.name, b.name, "interaction", "moderate", "duplication",
                      f"therapeutic duplication: both are {', '.join(shared)}",
                      (Source(file, f"classes › {shared[0]}", f"{a.name} and {b.name} are both {shared[0]}"),))


def check(drugs: list[DrugInfo], vocab: Vocabulary) -> CheckResult:
    """Every pair of the drugs, most severe first, and cumulative burden for three or more."""
    pairs = [check_pair(a, b, vocab) for a, b in itertools.combinations(drugs, 2)]
    order = {"interaction": 0, "not-assessable": 1, "none-listed": 2}
    pairs.sort(key=lambda p: (order[p.status], RANK.get(p.severity, 9), p.a.casefold(), p.b.casefold()))
    burden = []
    if len(drugs) >= 3:
        for group, class_key in vocab.burden.items():
            members = sorted({d.name for d in drugs if class_key in d.classes})
            if len(members) >= 2:
                burden.append(Burden(group, class_key, tuple(members)))
    severities = [p.severity for p in pairs if p.severity]
    highest = min(severities, key=lambda s: RANK[s]) if severities else None
    return CheckResult(tuple(drugs), tuple(pairs), tuple(burden), highest)


def drug_info(query: str, name: str, status: str, vocab: Vocabulary, monograph: Monograph | None = None,
              entry_names: tuple[str, ...] = (), file: str | None = None, suggestion: str | None = None) -> DrugInfo:
    """Build what the checker needs to know of one drug."""
    names = tuple(dict.fromkeys(n for n in (name, query, *entry_names) if n and len(n) >= 3))
    keys = frozenset(name_key(n) for n in names)
    if status == "unknown":
        return DrugInfo(query, name, status, keys, names, suggestion=suggestion)
    extra = monograph.classes if monograph is not None else ()
    classes = vocab.classes_of(name, extra)
    rules, has_data = (), False
    if monograph is not None:
        rules, _, has_data = read_rules(monograph, vocab)
    return DrugInfo(query, name, status, keys, names, classes, rules, has_data, file)


def resolve_drugs(library, queries: list[str]) -> tuple[list[DrugInfo], list[str]]:
    """Each name resolved safely (Ambiguous stops the run); unknown names kept as unknown.

    Returns the drugs and notices (fuzzy matches) for the caller to show."""
    from .errors import NotFound
    from .lookup import FUZZY_THRESHOLD, resolve

    vocab = library.vocabulary
    drugs, notices = [], []
    for query in queries:
        try:
            match = resolve(library, query)
        except NotFound as exc:
            known = vocab.is_known_drug(query)
            if known:
                drugs.append(drug_info(query, known, "known", vocab))
                continue
            close = [c for c in exc.candidates if c.score >= FUZZY_THRESHOLD - 15]
            drugs.append(drug_info(query, " ".join(query.split()), "unknown", vocab,
                                   suggestion=close[0].name if close else None))
            continue
        if match.how == "fuzzy":
            notices.append(f"using {match.entry.name} for {query!r} (closest match, score {match.score:.0f})")
        entry = match.entry
        monograph = library.monograph(entry)
        drugs.append(drug_info(query, entry.name, "monograph", vocab, monograph,
                               entry.brand_names + entry.aliases + ((monograph.inn,) if monograph.inn else ()),
                               entry.file))
    # a name no monograph or vocabulary knows is still recognised when a listed monograph's rule names it
    named = {agent.key for drug in drugs for rule in drug.rules for agent in rule.agents if agent.kind == "drug"}
    for index, drug in enumerate(drugs):
        if drug.status == "unknown" and name_key(drug.query) in named:
            drugs[index] = drug_info(drug.query, drug.name, "known", vocab)
    return drugs, notices


def read_name_list(text: str) -> list[str]:
    """Names one a line; `#` starts a comment; blank lines ignored."""
    names = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            names.append(line)
    return names
