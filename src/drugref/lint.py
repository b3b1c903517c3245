"""`drugref lint`: say, per file and line, what the readers could not read or what looks wrong."""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from .errors import InvalidMonograph
from .monograph import Monograph, Note, find_section, parse_monograph
from .results import LintResult
from .text import name_key

if TYPE_CHECKING:
    from .index import Catalog
    from .vocabulary import Vocabulary

REQUIRED_SECTIONS = {
    "Usage": ("usage",),
    "Dosage": ("dosage",),
    "Side Effects": ("side effects",),
    "Contraindications": ("contraindication",),
    "Drug Interactions": ("interaction",),
    "Pregnancy": ("pregnan",),
}
LOOKALIKE_RATIO = 75.0  # names this similar (rapidfuzz ratio) are flagged for a human to confirm


class FileReport(NamedTuple):
    file: str
    problems: tuple[Note, ...]

    @property
    def errors(self) -> int:
        return sum(p.level == "error" for p in self.problems)


def monograph_files(paths: list[str]) -> list[str]:
    """The `*.md` files named, or found directly inside the directories named."""
    out = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            try:
                out.extend(sorted(str(p) for p in path.iterdir() if p.suffix == ".md" and not p.name.startswith(".")))
            except OSError:
                out.append(str(path))
        else:
            out.append(str(path))
    return out


def _check_monograph(mono: Monograph, vocab: Vocabulary, known_keys: set[str], now: dt.datetime,
                     strict: bool = False) -> list[Note]:
    from .dosing import read_dosing
    from .interactions import read_rules

    problems = list(mono.notes)
    for label, words in REQUIRED_SECTIONS.items():
        if not any(find_section(mono.sections, w) for w in words):
            problems.append(Note(None, "error", f"required section missing: {label}"))
    if mono.last_modified is None:
        problems.append(Note(None, "warning", "no `lastModified` date"))
    else:
        try:
            stamp = dt.datetime.fromisoformat(mono.last_modified.replace("Z", "+00:00"))
            if stamp.tzinfo is None:
                stamp = stamp.replace(tzinfo=dt.timezone.utc)
            if stamp > now + dt.timedelta(days=1):
                problems.append(Note(None, "error", f"`lastModified` {mono.last_modified} is in the future"))
        except ValueError:
            problems.append(Note(None, "error", f"`lastModified` {mono.last_modified!r} is not an ISO date"))
    if not mono.sources:
        problems.append(Note(None, "warning", "no `sources` entry: say which prescribing information the facts "
                                                     "come from"))
    dosing = read_dosing(mono)
    problems += dosing.problems
    if find_section(mono.sections, "dosage") is not None and not dosing.has_schedule:
        problems.append(Note(None, "warning", "no titration steps or maintenance dose could be read "
                                                     "(shown as text only)"))
    rules, rule_notes, _ = read_rules(mono, vocab)
    reported: set[tuple[int | None, str]] = set()
    for note in rule_notes:
        if note.code == "unknown-agent":
            if name_key(note.subject) in known_keys:
                continue  # a drug with a monograph somewhere in the library: known after all
            reported.add((note.line, name_key(note.subject)))
        if strict and note.code in ("no-severity", "nothing-listed"):
            note = note._replace(level="error")  # bundled monographs carry a severity on every line (the policy)
        problems.append(note)
    for rule in rules:
        for agent in rule.agents:
            if (rule.line, agent.key) in reported:
                continue
            if agent.kind == "drug" and agent.key not in known_keys and rule.kind == "interaction":
                problems.append(Note(rule.line, "warning", f"interaction agent {agent.word!r} is not a known "
                                                                  "drug or class (no monograph, not in the vocabulary)"))
    for word in mono.classes:
        if vocab.find_class(word) is None:
            problems.append(Note(None, "warning", f"class {word!r} is not in the class vocabulary"))
    return problems


def lint_files(files: list[str], vocab: Vocabulary, extra_known: set[str] | None = None,
               now: dt.datetime | None = None, strict_dirs: tuple[str, ...] = ()) -> list[FileReport]:
    """Lint each file; names and brands are compared across all of them. Files in `strict_dirs`
    (the bundled set) get an error, not a warning, for an interaction line with no severity."""
    from rapidfuzz import fuzz

    now = now or dt.datetime.now(dt.timezone.utc)
    parsed: dict[str, Monograph] = {}
    reports: dict[str, list[Note]] = {}
    for path in files:
        try:
            if not os.path.exists(path) and not os.path.islink(path):
                raise InvalidMonograph(path, None, "no such file")
            parsed[path] = parse_monograph(path)
            reports[path] = []
        except InvalidMonograph as exc:
            reports[path] = [Note(exc.line, "error", exc.problem)]
    known = set(extra_known or ())
    for drug_class in vocab.classes.values():
        known.update(name_key(m) for m in drug_class.members)
    for name, aliases in vocab.substances.items():
        known.update(name_key(x) for x in (name, *aliases))
    for mono in parsed.values():
        known.update(name_key(x) for x in (mono.name, *mono.brand_names, *mono.aliases))
    claims: dict[str, list[tuple[str, str]]] = {}
    for path, mono in parsed.items():
        strict = (os.path.dirname(os.path.abspath(path)) in {os.path.abspath(d) for d in strict_dirs}
                  and os.path.basename(path) not in getattr(vocab, "kept_as_exported", ()))
        reports[path] += _check_monograph(mono, vocab, known, now, strict)
        for label in {mono.name, *mono.brand_names, *mono.aliases}:
            claims.setdefault(name_key(label), []).append((path, label))
    for _key, holders in claims.items():
        owners = {name_key(parsed[p].name) for p, _ in holders}
        if len(owners) > 1:
            for path, label in holders:
                others = ", ".join(sorted(os.path.basename(p) for p, _ in holders if p != path))
                reports[path].append(Note(None, "error", f"name or brand {label!r} is also claimed by {others}"))
    names = sorted({name_key(m.name): (m.name, p) for p, m in parsed.items()}.items())
    for i, (key_a, (name_a, path_a)) in enumerate(names):
        for key_b, (name_b, path_b) in names[i + 1:]:
            if fuzz.ratio(key_a, key_b) >= LOOKALIKE_RATIO:
                reports[path_a].append(Note(None, "warning", f"{name_a} looks like {name_b}: confirm both are "
                                                                    "intended (look-alike names)"))
                reports[path_b].append(Note(None, "warning", f"{name_b} looks like {name_a}: confirm both are "
                                                                    "intended (look-alike names)"))
    return [FileReport(path, tuple(sorted(problems, key=lambda p: (p.line or 0, p.level))))
            for path, problems in reports.items()]


def lint_vocabulary(vocab: Vocabulary, extra_known: set[str] | None = None) -> list[FileReport]:
    """Class vocabulary problems: includes or burden groups naming classes that do not exist."""
    problems: dict[str, list[Note]] = {}
    for key, drug_class in vocab.classes.items():
        for included in drug_class.includes:
            if included not in vocab.classes:
                problems.setdefault(drug_class.file, []).append(
                    Note(None, "error", f"class {key!r} includes unknown class {included!r}"))
    for group, keys in vocab.burden.items():
        for key in keys:
            if key not in vocab.classes:
                problems.setdefault(vocab.files[0] if vocab.files else "classes.yaml", []).append(
                    Note(None, "error", f"burden group {group!r} names unknown class {key!r}"))
    words: dict[str, str] = {}
    for key, drug_class in vocab.classes.items():
        for word in (key, *drug_class.aliases):  # one word, one class: else lookup order decides
            owner = words.setdefault(name_key(word), key)
            if owner != key:
                problems.setdefault(drug_class.file, []).append(
                    Note(drug_class.line or None, "error", f"{word!r} names both class {owner!r} and {key!r}"))
    known = set(vocab.known_drugs()) | set(extra_known or ())
    for rule in vocab.rules:
        for word in (*rule.left, *rule.right, *rule.excepted):
            if vocab.find_class(word) is None and name_key(word) not in known:
                problems.setdefault(rule.file, []).append(
                    Note(rule.line or None, "error", f"rule {rule.name!r} names {word!r}, which is neither a "
                                                            "class nor a drug the vocabulary lists"))
    return [FileReport(f, tuple(p)) for f, p in problems.items()]


def lint_library(library: Catalog, paths: list[str]) -> LintResult:
    """Lint the given files and directories, or, with none, every file and vocabulary the library reads."""
    files = monograph_files(paths or [d.path for d in library.dirs])
    known = {key for key, *_ in library.all_names()}
    bundled = tuple(d.path for d in library.dirs if d.origin == "bundled")
    reports = lint_files(files, library.vocabulary, known, strict_dirs=bundled)
    if not paths:
        reports += lint_vocabulary(library.vocabulary, known)
        reports += [FileReport(p.file, (Note(p.line, "error", p.message),))
                    for p in library.problems if p.file.endswith(".yaml")]
    return LintResult(tuple(reports))
