"""Interaction rules read from monographs and the class vocabulary, and a pairwise check with three honest states."""
from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Literal, NamedTuple, cast

from .index.scan import VOCABULARY_FILE
from .monograph import Bullet, Monograph, Note, Section, find_section
from .text import name_key, squash_spaces, strip_bold
from .vocabulary import ClassRule, Vocabulary
from .washout import EITHER_DRUG, WashoutSpec, read_washouts

if TYPE_CHECKING:
    from .index.catalog import Catalog

__all__ = ["WashoutSpec", "read_washouts"]  # re-exported: the washout reader lives in .washout

Severity = Literal["contraindicated", "major", "moderate", "minor", "unrated"]
RuleKind = Literal["interaction", "contraindication"]
FindingKind = Literal["interaction", "contraindication", "duplication", "washout"]
PairStatus = Literal["interaction", "none-listed", "not-assessable"]
DrugStatus = Literal["monograph", "known", "unknown"]


# The severity policy is written once, in the header of monographs/classes.yaml (and the README's
# Interactions section); this module applies it. `unrated` is a line with no severity words: it
# ranks between major and moderate and `--fail-on` counts it as major.
SEVERITIES: tuple[Severity, ...] = ("contraindicated", "major", "unrated", "moderate", "minor")
RANK: dict[str, int] = {s: i for i, s in enumerate(SEVERITIES)}  # lower is more severe
THRESHOLDS = ("contraindicated", "major", "moderate", "minor")  # what --fail-on accepts
KINDS = ("contraindication", "interaction", "duplication", "washout")  # at equal severity, the first leads
_KIND_RANK = {k: i for i, k in enumerate(KINDS)}

_I = re.IGNORECASE
_EXPLICIT = re.compile(r"\(\s*severity\s*:\s*(contraindicated|major|moderate|minor)\s*\)", _I)
_ANY_TAG = re.compile(r"\s*\(\s*severity\s*:[^()]*\)", _I)
_CONTRAINDICATED = re.compile(r"\bcontraindicat|\bdo not (?:use|coadminister|co-administer|administer|take|combine)\b|"
                              r"\bmust not\b|\bshould never\b", _I)
_AVOID = re.compile(r"\bavoid\b|\bnot recommended\b|\bshould not be (?:used|taken|given|coadministered|combined)\b|"
                    r"\bdo not exceed\b|\buse an alternative\b", _I)
_SERIOUS = re.compile(r"serotonin syndrome|hypertensive (?:crisis|crises|reaction)|bleed|hemorrhag|haemorrhag|"
                      r"\bqtc?\b|torsade|rhabdomyolysis|myopathy|respiratory depression|profound sedation|\bcoma\b|"
                      r"\bdeath\b|fatal|life[- ]threatening|hyperkal[ae]mia|lithium (?:toxicity|levels?|concentrations?)|"
                      r"myelosuppression|bone marrow suppression", _I)
_MINOR = re.compile(r"limited potential|\bminor\b|\bunlikely\b|not clinically (?:significant|relevant|important)|"
                    r"no clinically (?:significant|relevant|important)|no (?:dose|dosage) adjustment", _I)
_NEGATIVE = re.compile(r"limited potential|\bunlikely\b|not clinically (?:significant|relevant|important)|"
                       r"no clinically (?:significant|relevant|important)|\bno (?:significant |clinically \w+ )?"
                       r"interaction", _I)
_SOFT = re.compile(r"\bcaution|\bmonitor|\badjust|\bconsider\b|\bmay (?:need|require)|\bcarefully\b|"
                   r"\breduce (?:the )?dose|\bdose reduction", _I)
_BOLD_LABEL = re.compile(r"^\s*\*\*(.+?)\*\*\s*:?\s*(.*)$", re.DOTALL)
_EXAMPLES = re.compile(r"\((?:\s*(?:e\.g\.|eg\.|e\.g|for example|such as|including|i\.e\.)\s*,?)\s*([^()]*)\)", _I)
_LEAD_IN = re.compile(r"^\s*(?:e\.g\.?|eg\.?|i\.e\.?|for example|such as|including)\s*,?\s*", _I)
_SPLIT = re.compile(r"\s*(?:/|,|;|\band\b|\bor\b|\band/or\b)\s*", _I)
_NOISE = re.compile(r"^(?:(?:other|concomitant|concurrent|co-?administration of|use of|certain|some|all|the|any|"
                    r"notably|especially|possibly|oral|intravenous|iv|systemic|topical|injectable)\s+)+", _I)
_PRODUCTS = re.compile(r"(?:[- ]containing)?\s+(?:products?|preparations?|formulations?)$", _I)
# a contraindication about a state of the patient, not about taking two drugs together
_CONDITION = re.compile(r"hypersensitiv|allerg|anaphyla|urticaria|angioedema|history of|"
                        r"\babrupt(?:ly)?\s+(?:discontinu|withdraw|stop|cessation)|"
                        r"\bundergoing\b[^.;]*\b(?:discontinuation|withdrawal)\b|"
                        # a kind of patient or of pain (fentanyl: "not opioid-tolerant", "pain requiring opioid
                        # analgesia"), not another drug taken with this one
                        r"\bopioid[- ](?:tolerant|na[iï]ve)\b|\bpain\b", _I)
_EXCEPT = re.compile(r"[,;]?\s*\bexcept(?:ing)?\s+(?:for\s+|with\s+)?([^.;()]+)", _I)
_ADVICE = re.compile(r"\b(?:avoid|monitor|do not|don't|contraindicated|not recommended|caution|consider|reduce|"
                     r"decrease the dose|adjust|discontinue|limit|should not|must not|start at|titrate|observe|"
                     r"lowest|if unavoidable|reserve|check|measure|minimi[sz]e|increase the dose|may need|separate|"
                     r"administer|use together|allow|wait)\b", _I)


class Agent(NamedTuple):
    """A class or drug named by a rule."""

    word: str  # as written
    kind: Literal["class", "drug", "unresolved"]  # unresolved: no class or drug the vocabulary knows
    key: str  # class key, or drug name key


class Rule(NamedTuple):
    """One interaction or contraindication line of a monograph."""

    drug: str  # the monograph's drug
    file: str
    section: str  # section path, e.g. "Drug Interactions"
    line: int
    text: str  # the line's own words (bold markers and severity tag removed)
    effect: str  # what happens, verbatim (after the agent label)
    agents: tuple[Agent, ...]
    severity: Severity
    kind: RuleKind
    washout: str | None = None  # the first washout as words, for a one-drug view
    names_drugs: bool = True  # False: a condition (e.g. hypersensitivity), never matched against other drugs
    negative: bool = False  # says an interaction is unlikely: matched only by the drugs it names
    washouts: tuple[WashoutSpec, ...] = ()
    drug_names: tuple[str, ...] = ()  # the monograph drug's own names, to read washout sentences
    excepted: tuple[Agent, ...] = ()  # what the line excepts ("strong CYP3A inhibitors, except ritonavir")


class DrugInfo(NamedTuple):
    """A drug as the checker sees it."""

    query: str
    name: str
    status: DrugStatus
    name_keys: frozenset[str] = frozenset()
    names: tuple[str, ...] = ()  # generic, brand and alias names, and what was typed
    classes: frozenset[str] = frozenset()
    rules: tuple[Rule, ...] = ()
    has_interaction_data: bool = False  # a monograph with an interaction or contraindication section
    file: str | None = None
    suggestion: str | None = None  # for unknown names: a close known name
    conditional: tuple[tuple[str, tuple[str, ...]], ...] = ()  # classes reached only by rules with these words
    queries: tuple[str, ...] = ()  # every distinct way the input named it (after grouping)
    named_times: int = 1  # how many input lines named it


class Source(NamedTuple):
    file: str
    section: str
    text: str
    line: int | None = None


class Finding(NamedTuple):
    """One reason a pair is reported, with its own source."""

    kind: FindingKind
    severity: Severity
    effect: str
    management: str | None
    source: Source
    stop: str | None = None  # washout: the drug to stop first
    start: str | None = None  # washout: the drug to start after
    amount: str | None = None  # washout: "at least" this long; None when shown verbatim


class PairResult(NamedTuple):
    a: str
    b: str
    status: PairStatus
    severity: Severity | None = None
    kind: FindingKind | None = None  # the most severe finding's kind
    summary: str | None = None  # the most severe finding's own effect
    sources: tuple[Source, ...] = ()
    washout: str | None = None  # every washout finding's words, joined
    reason: str | None = None  # why not assessable
    findings: tuple[Finding, ...] = ()


class Burden(NamedTuple):
    group: str
    drug_class: str
    drugs: tuple[str, ...]
    source: Source | None = None  # the vocabulary's burden line


class CheckResult(NamedTuple):
    drugs: tuple[DrugInfo, ...]
    pairs: tuple[PairResult, ...]
    burden: tuple[Burden, ...]
    highest_severity: Severity | None = None


def reaches(severity: str | None, threshold: str) -> bool:
    """Whether a severity is at least as severe as a --fail-on threshold (unrated counts as major)."""
    if severity is None:
        return False
    effective = "major" if severity == "unrated" else severity
    return RANK[effective] <= RANK[threshold]


def most_severe(severities: Iterable[Severity | None]) -> Severity | None:
    found: list[Severity] = [s for s in severities if s is not None]
    if not found:
        return None
    return min(found, key=RANK.__getitem__)


def as_severity(word: str) -> Severity:
    """A severity word as the policy names it (any case); ValueError for anything else."""
    for severity in SEVERITIES:
        if word.strip().lower() == severity:
            return severity
    raise ValueError(f"not a severity: {word!r}")


# ------------------------------------------------------------------ reading rules

def strip_tag(text: str) -> str:
    """A line's words without its `(severity: ...)` tag."""
    return squash_spaces(_ANY_TAG.sub("", text)).replace(" .", ".")


def infer_severity(text: str) -> tuple[Severity, bool]:
    """(severity, whether words for it were found) from a line's words, by the one severity policy."""
    explicit = _EXPLICIT.search(text)
    if explicit:
        return as_severity(explicit.group(1)), True
    if _CONTRAINDICATED.search(text):
        return "contraindicated", True
    if _AVOID.search(text) or _SERIOUS.search(text):
        return "major", True
    if _MINOR.search(text):
        return "minor", True
    if _SOFT.search(text):
        return "moderate", True
    return "unrated", False


def split_effect(text: str) -> tuple[str, str | None]:
    """(effect, management) from a line's words: clauses giving advice are management."""
    clauses = [c for c in re.split(r"(?<=[.;])\s+", strip_tag(text)) if c.strip()]
    effect = [c for c in clauses if not _ADVICE.search(c)]
    advice = [c for c in clauses if _ADVICE.search(c)]
    if not effect:
        return _sentence(clauses), None
    return _sentence(effect), (_sentence(advice) or None)


def _sentence(clauses: list[str]) -> str:
    """Clauses joined, ending in a full stop rather than the semicolon that separated them."""
    text = " ".join(clauses).strip()
    return text[:-1].rstrip() + "." if text.endswith((";", ",")) else text


def _resolve_word(word: str, vocab: Vocabulary) -> Agent | None:
    word = squash_spaces(word.strip(" .:-*"))
    # "NSAIDs including COX-2 …" names NSAIDs; "tipranavir plus ritonavir" names tipranavir (boosted),
    # not ritonavir on its own
    word = re.split(r"\s+(?:including|such as|plus|boosted with)\s+", word, maxsplit=1, flags=_I)[0]
    if not word or len(word) < 3:
        return None
    cleaned = _NOISE.sub("", word)
    bare = _PRODUCTS.sub("", cleaned)
    for candidate in (word, cleaned, bare):
        found = vocab.find_class(candidate)
        if found:
            return Agent(word, "class", found)
    for candidate in (word, cleaned, bare):
        known = vocab.is_known_drug(candidate)
        if known:
            return Agent(word, "drug", name_key(known))
    if re.search(r"\b(?:drugs?|agents?|medications?|inhibitors?|inducers?|substrates?|products?|interactions?)\b",
                 cleaned, _I):
        return Agent(word, "unresolved", name_key(cleaned))
    return Agent(word, "drug", name_key(cleaned))


def agents_of_label(label: str, vocab: Vocabulary) -> tuple[Agent, ...]:
    """Agents named by a rule's bold label: the class or drug, and every example in parentheses."""
    label = strip_bold(label).strip().rstrip(":").strip()
    if "(" not in label:  # "barbiturates such as phenobarbital": the examples without parentheses
        label = re.sub(r"\s*,?\s+(?:such as|including|e\.g\.,?)\s+(.+)$", r" (e.g., \1)", label, flags=_I)
    examples: list[str] = []
    for match in _EXAMPLES.finditer(label):
        for part in _SPLIT.split(match.group(1)):  # "barbiturates such as phenobarbital": both
            part = _LEAD_IN.sub("", part)  # "(including COX-2 inhibitors, e.g., ibuprofen)"
            examples.extend(p for p in re.split(r"\s+such as\s+", part, flags=_I) if p.strip())
    head = squash_spaces(_EXAMPLES.sub("", label)).strip()
    head = head.rsplit(": ", 1)[-1]  # "Antidepressants: SSRIs, SNRIs, …": the list after the heading
    head = re.sub(r"\s+(?:in patients|for (?:the )?(?:treatment|erectile|pulmonary))\b.*$", "", head,
                  flags=_I)  # a qualifier, not an agent
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
    cached = cast("tuple[dict[tuple[str, ...], Agent], int] | None", vocab.__dict__.get("_term_index"))
    if cached is not None:
        return cached
    terms: dict[tuple[str, ...], Agent] = {}
    for key, drug_class in vocab.classes.items():
        for word in (key, *drug_class.aliases):
            terms.setdefault(tuple(_words(word)), Agent(word, "class", key))
        for member in (*drug_class.members, *(m for m, _ in drug_class.conditional)):
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


# ------------------------------------------------------------------ reading a monograph

def read_rules(monograph: Monograph, vocab: Vocabulary) -> tuple[tuple[Rule, ...], tuple[Note, ...], bool]:
    """(rules, problems, has interaction data) from `## Drug Interactions` and `## Contraindications`."""
    rules: list[Rule] = []
    problems: list[Note] = []
    interactions = find_section(monograph.sections, "interaction")
    contraindications = find_section(monograph.sections, "contraindication")
    if interactions is not None and "summary" in " ".join(interactions.path).casefold():
        interactions = None
    own_names = tuple(n for n in (monograph.name, *monograph.brand_names, *monograph.aliases) if n)
    for section, kind in ((contraindications, "contraindication"), (interactions, "interaction")):
        if section is None:
            continue
        for bullet in _all_bullets(section):
            rule = _rule(monograph, section, bullet, kind, vocab, problems, own_names)
            if rule is not None:
                rules.append(rule)
    # an empty interaction section says nothing: pairs with this drug are not assessable, never "none listed"
    has_data = interactions is not None and any(sec.text.strip() or sec.bullets for sec in interactions.walk())
    if interactions is not None and not has_data:
        problems.append(Note(interactions.line, "warning", "the Drug Interactions section lists nothing: every pair "
                                                           "with this drug is not assessable", "nothing-listed"))
    return tuple(rules), tuple(problems), has_data


def _all_bullets(section: Section) -> Iterator[Bullet]:
    for sec in section.walk():
        for bullet in sec.bullets:
            yield bullet
            yield from bullet.children


def _washout_words(specs: tuple[WashoutSpec, ...], drug: str) -> str | None:
    for spec in specs:
        if not spec.understood:
            return f"as written: {spec.sentence}"
        start = drug if spec.start == "self" else (spec.start or "the other drug")
        return f"stop {spec.stop} at least {spec.amount} before starting {start}"
    return None


def _rule(monograph: Monograph, section: Section, bullet: Bullet, kind: str, vocab: Vocabulary, problems: list[Note],
          own_names: tuple[str, ...]) -> Rule | None:
    raw = bullet.text
    tagged = squash_spaces(strip_bold(raw))
    text = strip_tag(tagged)
    washouts = read_washouts(text)
    washout = _washout_words(washouts, monograph.name)
    path = " › ".join(section.path)
    explicit = _EXPLICIT.search(tagged)
    excepted = tuple(a for m in _EXCEPT.finditer(text) for a in _excepted_agents(m.group(1), vocab))
    naming = _EXCEPT.sub("", text) if excepted else text  # the words that name what the line is about
    if kind == "contraindication":
        severity = as_severity(explicit.group(1)) if explicit else "contraindicated"
        if _CONDITION.search(text):  # allergy, a history, withdrawal from a drug: about the patient
            return Rule(monograph.name, monograph.file, path, bullet.line, text, text, (), severity,
                        "contraindication", washout, names_drugs=False, washouts=washouts, drug_names=own_names)
        # drugs the vocabulary does not know may still be named: matched by name at check time
        return Rule(monograph.name, monograph.file, path, bullet.line, text, text, agents_in_text(naming, vocab),
                    severity, "contraindication", washout, washouts=washouts, drug_names=own_names,
                    excepted=excepted)
    label = _BOLD_LABEL.match(raw)
    if not label:
        problems.append(Note(bullet.line, "warning", f"interaction line has no **agent:** label: {text[:80]!r}"))
        agents, effect = agents_in_text(naming, vocab), text
    else:
        agents, effect = agents_of_label(label.group(1), vocab), strip_tag(strip_bold(label.group(2)))
    for agent in agents:
        if agent.kind == "unresolved":
            problems.append(Note(bullet.line, "warning", f"interaction agent {agent.word!r} resolves to no known class "
                                                          f"or drug (add it to {VOCABULARY_FILE})", "unknown-agent",
                                 agent.word))
    severity, read = infer_severity(tagged)
    if not read:
        problems.append(Note(bullet.line, "warning", f"no recognisable severity in {text[:70]!r}: shown as unrated; "
                                                      "add (severity: ...) to say it", "no-severity"))
    negative = severity == "minor" and bool(_NEGATIVE.search(text))
    return Rule(monograph.name, monograph.file, path, bullet.line, text, effect,
                tuple(a if a.kind != "unresolved" else Agent(a.word, "drug", a.key) for a in agents),
                severity, "interaction", washout, negative=negative, washouts=washouts, drug_names=own_names,
                excepted=excepted)


def _excepted_agents(words: str, vocab: Vocabulary) -> list[Agent]:
    found = list(agents_in_text(words, vocab))
    for part in _SPLIT.split(words):
        part = _NOISE.sub("", part.strip(" .:"))
        if len(part) >= 3:
            found.append(Agent(part, "drug", name_key(part)))
    return found


# ------------------------------------------------------------------ checking

def _in_class(drug: DrugInfo, key: str, words: str) -> bool:
    """Whether a rule whose words are `words` (casefolded) reaches `drug` through class `key`."""
    if key in drug.classes:
        return True
    for class_key, needed in drug.conditional:
        if class_key == key:
            return any(w in words for w in needed)
    return False


def _excepts(rule: Rule, other: DrugInfo) -> bool:
    return any(agent.key in other.name_keys or (agent.kind == "class" and agent.key in other.classes)
               for agent in rule.excepted)


def _matches(rule: Rule, other: DrugInfo) -> bool:
    if _excepts(rule, other):
        return False
    words = rule.text.casefold()
    for agent in rule.agents:
        if agent.kind == "class" and not rule.negative and _in_class(other, agent.key, words):
            return True
        if agent.kind == "drug" and agent.key in other.name_keys:
            return True
    if rule.kind == "contraindication" and rule.names_drugs:
        naming = _EXCEPT.sub("", words) if rule.excepted else words
        for word in other.names:
            if has_word(naming, word.casefold()):
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


def _names(phrase: str, drug: DrugInfo, vocab: Vocabulary, by_class: bool) -> bool:
    lowered = phrase.casefold()
    if any(has_word(lowered, n.casefold()) for n in drug.names):
        return True
    if by_class:
        # outright members only: a conditional member (methylene blue as an MAOI) takes no class washout,
        # nor a member whose own label gives another interval (linezolid: 24 hours after the last dose)
        return any(a.kind == "class" and a.key in drug.classes
                   and not drug.name_keys & {name_key(m) for m in vocab.classes[a.key].no_washout}
                   for a in agents_in_text(phrase, vocab))
    return False


def _role(phrase: str, rule: Rule, own: DrugInfo, other: DrugInfo, vocab: Vocabulary) -> DrugInfo | None:
    """Which drug of the pair a washout phrase names: by name first, then by class."""
    if phrase == "self" or any(has_word(phrase.casefold(), n.casefold()) for n in rule.drug_names):
        return own
    for by_class in (False, True):
        names_other = _names(phrase, other, vocab, by_class)
        names_own = _names(phrase, own, vocab, by_class)
        if names_other and not names_own:
            return other
        if names_own and not names_other:
            return own
        if names_own and names_other:
            return other  # "another MAOI" in an MAOI's own label: the other one
    return None


def _washout_findings(rule: Rule, own: DrugInfo, other: DrugInfo, vocab: Vocabulary) -> Iterator[Finding]:
    source = Source(rule.file, rule.section, rule.text, rule.line)
    for spec in rule.washouts:
        if spec.understood and not spec.start and EITHER_DRUG.match(spec.stop):  # "within 14 days of stopping either drug"
            for first, then in ((own, other), (other, own)):
                yield Finding("washout", rule.severity,
                              f"stop {first.name} at least {spec.amount} before starting {then.name}", None, source,
                              first.name, then.name, spec.amount)
            continue
        if spec.understood and any(_about_another_drug(phrase, rule, own, other, vocab)
                                   for phrase in (spec.stop, spec.start) if phrase and phrase != "self"):
            continue  # "stop fluoxetine 5 weeks before an MAOI" in an MAOI's label, checked with sertraline
        if spec.understood:
            stop = _role(spec.stop, rule, own, other, vocab)
            start = (other if stop is own else own if stop is other else None) if not spec.start else \
                _role(spec.start, rule, own, other, vocab)
            if stop is not None and start is not None and stop is not start:
                yield Finding("washout", rule.severity,
                              f"stop {stop.name} at least {spec.amount} before starting {start.name}", None, source,
                              stop.name, start.name, spec.amount)
                continue
        yield Finding("washout", rule.severity, spec.sentence, None, source)  # as written: no amount computed


def _about_another_drug(phrase: str, rule: Rule, own: DrugInfo, other: DrugInfo, vocab: Vocabulary) -> bool:
    """Whether a washout phrase names only drugs or classes that are neither drug of the pair."""
    lowered = phrase.casefold()
    if any(has_word(lowered, n.casefold()) for n in (*rule.drug_names, *own.names, *other.names)):
        return False
    agents = agents_in_text(phrase, vocab)
    if not agents:
        return False  # "either drug", "such treatment": not understood, shown as written
    for agent in agents:
        for drug in (own, other):
            if agent.key in drug.name_keys or agent.key in drug.classes or agent.key in dict(drug.conditional):
                return False
    return True


def _rule_finding(rule: Rule) -> Finding:
    effect, management = split_effect(rule.effect)
    return Finding(rule.kind, rule.severity, effect, management, Source(rule.file, rule.section, rule.text, rule.line))


_Side = tuple[tuple[str, ...], frozenset[str]]  # class keys, drug name keys


def _class_rule_sides(vocab: Vocabulary) -> list[tuple[ClassRule, _Side, _Side, str, frozenset[str]]]:
    """Each class rule with its sides resolved once: (class keys, drug name keys) per side."""
    cached = vocab.__dict__.get("_class_rule_sides")
    if cached is None:
        cached = []
        for rule in vocab.rules:
            sides = []
            for side in (rule.left, rule.right):
                classes = tuple(k for k in (vocab.find_class(w) for w in side) if k)
                drugs = frozenset(name_key(w) for w in side if not vocab.find_class(w))
                sides.append((classes, drugs))
            words = f"{rule.effect} {rule.management}".casefold()
            cached.append((rule, sides[0], sides[1], words, frozenset(name_key(x) for x in rule.excepted)))
        vocab.__dict__["_class_rule_sides"] = cached
    return cached


def _on_side(drug: DrugInfo, side: _Side, words: str) -> bool:
    classes, drugs = side
    return bool(drugs & drug.name_keys) or any(_in_class(drug, k, words) for k in classes)


def class_rule_findings(a: DrugInfo, b: DrugInfo, vocab: Vocabulary) -> list[Finding]:
    """Findings from the vocabulary's class rules for two different drugs."""
    found = []
    for rule, left, right, words, excepted in _class_rule_sides(vocab):
        if excepted & (a.name_keys | b.name_keys):
            continue
        if (_on_side(a, left, words) and _on_side(b, right, words)) or \
                (_on_side(b, left, words) and _on_side(a, right, words)):
            text = f"{rule.effect} {rule.management} Source: {rule.source}"
            found.append(Finding("interaction", as_severity(rule.severity), rule.effect, rule.management,
                                 Source(rule.file or VOCABULARY_FILE, f"rules › {rule.name}", text, rule.line)))
    return found


def _order(finding: Finding) -> tuple[int, int, int]:
    """Most severe first; at equal severity a contraindication, then a finding that names its
    life-threatening effect (serotonin syndrome before "CNS depressants such as alcohol")."""
    serious = 0 if _SERIOUS.search(finding.source.text) else 1
    return RANK[finding.severity], _KIND_RANK[finding.kind], serious


def _pair(first: DrugInfo, second: DrugInfo, findings: list[Finding]) -> PairResult:
    unique: list[Finding] = []
    seen: set[tuple[str, str, str, int | None]] = set()
    for finding in sorted(findings, key=_order):
        key = (finding.kind, finding.effect, finding.source.file, finding.source.line)
        if key not in seen:
            seen.add(key)
            unique.append(finding)
    top = unique[0]
    sources = tuple(dict.fromkeys(f.source for f in unique))
    washouts = [f.effect for f in unique if f.kind == "washout"]
    return PairResult(first.name, second.name, "interaction", top.severity, top.kind, top.effect, sources,
                      "; ".join(dict.fromkeys(washouts)) or None, findings=tuple(unique))


def check_pair(a: DrugInfo, b: DrugInfo, vocab: Vocabulary) -> PairResult:
    first, second = sorted((a, b), key=lambda d: (d.name.casefold(), d.query))
    if name_key(first.name) == name_key(second.name) and first.status != "unknown":
        return _same_drug(first, [first.query, second.query])
    findings: list[Finding] = []
    for own, other in ((first, second), (second, first)):
        for rule in rules_for(own, other):
            findings.append(_rule_finding(rule))
            findings.extend(_washout_findings(rule, own, other, vocab))
        for rule in own.rules:
            if rule.excepted and _excepts(rule, other):  # the line names it only to except it from its grade
                effect, management = split_effect(rule.effect)
                findings.append(Finding(rule.kind, "unrated", f"{other.name} is excepted from this line's grade, "
                                        f"which gives it none: {effect}", management,
                                        Source(rule.file, rule.section, rule.text, rule.line)))
    if first.status != "unknown" and second.status != "unknown":
        findings.extend(class_rule_findings(first, second, vocab))
        duplication = _duplication(first, second, vocab)
        if duplication is not None:
            findings.append(duplication)
    if findings:
        return _pair(first, second, findings)
    for drug in (first, second):
        if drug.status == "unknown":
            return PairResult(first.name, second.name, "not-assessable",
                              reason=f"no monograph and no vocabulary entry for {drug.query!r}")
        if drug.status == "monograph" and not drug.has_interaction_data:
            return PairResult(first.name, second.name, "not-assessable",
                              reason=f"{drug.name}'s monograph has no interaction section, or one that lists nothing")
    speaking = [d.name for d in (first, second) if d.has_interaction_data]
    if not speaking:
        return PairResult(first.name, second.name, "not-assessable",
                          reason="neither drug has a monograph with interaction data")
    if len(speaking) == 1:
        return PairResult(first.name, second.name, "none-listed",
                          reason=f"only {speaking[0]}'s monograph could list it")
    return PairResult(first.name, second.name, "none-listed")


def _same_drug(drug: DrugInfo, queries: list[str]) -> PairResult:
    named = list(dict.fromkeys(q for q in (*queries, *drug.queries) if q))
    count = max(drug.named_times, 2)
    words = ", ".join(repr(q) for q in named)
    effect = f"the same drug listed {count} times ({words} = {drug.name})"
    finding = Finding("duplication", "major", effect, "Check that it is not taken twice.",
                      Source(drug.file or "", "names", f"{' = '.join(named)} = {drug.name}"))
    return PairResult(drug.name, drug.name, "interaction", "major", "duplication", effect, (finding.source,),
                      findings=(finding,))


def _duplication(a: DrugInfo, b: DrugInfo, vocab: Vocabulary) -> Finding | None:
    shared = sorted(k for k in a.classes & b.classes if vocab.classes.get(k) and vocab.classes[k].therapeutic)
    if not shared:
        return None
    drug_class = vocab.classes[shared[0]]
    return Finding("duplication", "moderate", f"therapeutic duplication: both are {', '.join(shared)}",
                   "Check that both are intended.",
                   Source(drug_class.file or VOCABULARY_FILE, f"classes › {shared[0]}",
                          f"{a.name} and {b.name} are both {shared[0]}", drug_class.line or None))


def group_drugs(drugs: list[DrugInfo]) -> list[DrugInfo]:
    """One entry per drug, in input order, with every way it was named and how many lines named it:
    a name listed 800 times is checked once."""
    groups: dict[tuple[str, str], list[DrugInfo]] = {}
    for drug in drugs:
        key = ("unknown", name_key(drug.query)) if drug.status == "unknown" else ("drug", name_key(drug.name))
        groups.setdefault(key, []).append(drug)
    out = []
    for members in groups.values():
        first = members[0]
        queries = tuple(dict.fromkeys(m.query for m in members))
        out.append(first._replace(queries=queries, named_times=len(members)))
    return out


def check(drugs: list[DrugInfo], vocab: Vocabulary) -> CheckResult:
    """Every pair of the drugs (each drug once, however often named), most severe first, and
    cumulative burden for three or more."""
    unique = group_drugs(drugs)
    pairs = [check_pair(a, b, vocab) for a, b in itertools.combinations(unique, 2)]
    pairs += [_same_drug(d, []) for d in unique if d.status != "unknown" and d.named_times > 1]
    order = {"interaction": 0, "not-assessable": 1, "none-listed": 2}
    pairs.sort(key=lambda p: (order[p.status], RANK.get(p.severity or "", 9), p.a.casefold(), p.b.casefold()))
    burden = []
    if len(unique) >= 3:
        for group, class_keys in vocab.burden.items():
            file, line = vocab.burden_sources.get(group, (VOCABULARY_FILE, 0))
            source = Source(file, f"burden › {group}", f"{group}: {' + '.join(class_keys)}", line or None)
            if len(class_keys) == 1:
                members = sorted({d.name for d in unique if class_keys[0] in d.classes})
                if len(members) >= 2:
                    burden.append(Burden(group, class_keys[0], tuple(members), source))
                continue
            chosen = _one_of_each(unique, class_keys)
            if chosen:
                burden.append(Burden(group, " + ".join(class_keys), chosen, source))
    highest = most_severe(p.severity for p in pairs)
    return CheckResult(tuple(unique), tuple(pairs), tuple(burden), highest)


def _one_of_each(drugs: list[DrugInfo], class_keys: tuple[str, ...]) -> tuple[str, ...]:
    """Every drug of the list in any of the classes, when distinct drugs cover all of them; else ()."""
    for combo in itertools.product(*[[d for d in drugs if k in d.classes] for k in class_keys]):
        if len({d.name for d in combo}) == len(class_keys):
            return tuple(sorted({d.name for d in drugs if any(k in d.classes for k in class_keys)}))
    return ()


def drug_info(query: str, name: str, status: DrugStatus, vocab: Vocabulary, monograph: Monograph | None = None,
              entry_names: tuple[str, ...] = (), file: str | None = None, suggestion: str | None = None) -> DrugInfo:
    """Build what the checker needs to know of one drug."""
    names = tuple(dict.fromkeys(n for n in (name, query, *entry_names) if n and len(n) >= 3))
    keys = frozenset(name_key(n) for n in names)
    if status == "unknown":
        return DrugInfo(query, name, status, keys, names, suggestion=suggestion, queries=(query,))
    extra = monograph.classes if monograph is not None else ()
    classes = vocab.classes_of(name, extra, conditional=False)
    conditional = vocab.conditional_classes_of(name, classes)
    rules: tuple[Rule, ...] = ()
    has_data = False
    if monograph is not None:
        rules, _, has_data = read_rules(monograph, vocab)
    return DrugInfo(query, name, status, keys, names, classes, rules, has_data, file, conditional=conditional,
                    queries=(query,))


def resolve_drugs(library: Catalog, queries: list[str]) -> tuple[list[DrugInfo], list[str]]:
    """Each name resolved safely (Ambiguous stops the run); unknown names kept as unknown. A name
    repeated is resolved once.

    Returns the drugs and notices (fuzzy matches) for the caller to show."""
    from .errors import NotFound
    from .lookup import FUZZY_THRESHOLD, resolve

    vocab = library.vocabulary
    drugs, notices = [], []
    resolved: dict[str, DrugInfo] = {}
    by_file: dict[str, DrugInfo] = {}
    for query in queries:
        if query in resolved:
            drugs.append(resolved[query])
            continue
        try:
            match = resolve(library, query)
        except NotFound as exc:
            known = vocab.is_known_drug(query)
            if known:
                info = drug_info(query, known, "known", vocab)
            else:
                close = [c for c in exc.candidates if c.score >= FUZZY_THRESHOLD - 15]
                info = drug_info(query, " ".join(query.split()), "unknown", vocab,
                                 suggestion=close[0].name if close else None)
            resolved[query] = info
            drugs.append(info)
            continue
        if match.how == "fuzzy":
            notices.append(f"using {match.entry.name} for {query!r} (closest match, score {match.score:.0f})")
        entry = match.entry
        if entry.file in by_file:  # another name of a drug already read: reuse its rules
            base = by_file[entry.file]
            names = tuple(dict.fromkeys((*base.names, query) if len(query) >= 3 else base.names))
            info = base._replace(query=query, names=names, name_keys=frozenset(name_key(n) for n in names),
                                 queries=(query,))
        else:
            monograph = library.monograph(entry)
            info = drug_info(query, entry.name, "monograph", vocab, monograph,
                             entry.brand_names + entry.aliases + ((monograph.inn,) if monograph.inn else ()),
                             entry.file)
            by_file[entry.file] = info
        resolved[query] = info
        drugs.append(info)
    # a name no monograph or vocabulary knows is still recognised when a listed monograph's rule names it
    distinct = {id(d): d for d in drugs}.values()
    named = {agent.key for drug in distinct for rule in drug.rules for agent in rule.agents if agent.kind == "drug"}
    upgraded: dict[str, DrugInfo] = {}
    for index, drug in enumerate(drugs):
        if drug.status == "unknown" and name_key(drug.query) in named:
            if drug.query not in upgraded:
                upgraded[drug.query] = drug_info(drug.query, drug.name, "known", vocab)
            drugs[index] = upgraded[drug.query]
    return drugs, notices


def read_name_list(text: str) -> list[str]:
    """Names one a line; `#` starts a comment; blank lines ignored."""
    names = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            names.append(line)
    return names
