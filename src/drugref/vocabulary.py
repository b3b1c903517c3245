"""The class vocabulary: drug classes, their aliases and members, substances, burden groups."""
from __future__ import annotations

import copy
from collections.abc import Iterable
from functools import lru_cache
from typing import Any, NamedTuple

from .errors import InvalidMonograph
from .index.scan import VOCABULARY_FILE  # noqa: F401 (defined where the directory scan, imported first, can see it)
from .text import clean_text, name_key, squash_spaces

Record = dict[str, Any]  # a classes.yaml file (or one of its rules) read into plain data, as the index stores it


class DrugClass(NamedTuple):
    """A drug class: `members` are generic names; `includes` are other class keys."""

    key: str
    aliases: tuple[str, ...] = ()
    members: tuple[str, ...] = ()
    includes: tuple[str, ...] = ()
    therapeutic: bool = False  # two members together count as therapeutic duplication
    file: str = ""
    line: int = 0  # where the class starts in its file (0: not known)
    conditional: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (member, words): reached by a rule naming
    # the class only when the rule's own words contain one of `words` (methylene blue is an MAOI for
    # serotonin syndrome, not for a classic MAOI's tyramine or hypoglycaemia line)
    no_washout: tuple[str, ...] = ()  # members a washout stated for the class does not apply to


class ClassRule(NamedTuple):
    """A combination that is dangerous whichever members are involved, with its source."""

    name: str
    left: tuple[str, ...]  # class keys or drug names
    right: tuple[str, ...]
    severity: str
    effect: str
    management: str
    source: str  # the label section or FDA communication it comes from
    file: str
    line: int
    excepted: tuple[str, ...] = ()  # drug names the rule does not apply to (the label excepts them)


class Vocabulary:
    """Classes and substances from every `classes.yaml`, plus monographs' own `classes`."""

    def __init__(self) -> None:
        self.classes: dict[str, DrugClass] = {}
        self.substances: dict[str, tuple[str, ...]] = {}  # name -> aliases
        self.burden: dict[str, tuple[str, ...]] = {}  # group name -> class keys (one: two or more members;
        # several: one drug of each, e.g. NSAID + ACE inhibitor/ARB + diuretic)
        self.burden_sources: dict[str, tuple[str, int]] = {}  # group -> (file, line)
        self.rules: list[ClassRule] = []
        self.kept_as_exported: tuple[str, ...] = ()  # monograph file names kept byte for byte (the seed):
        # lint leaves an unrated line there a warning even in the bundled set
        self.files: tuple[str, ...] = ()

    # -------------------------------------------------- building
    @classmethod
    def from_records(cls, records: list[Record]) -> Vocabulary:
        vocab = cls()
        for record in records:
            vocab.merge(record)
        return vocab

    def merge(self, record: Record) -> None:
        """Merge one parsed vocabulary file (see `read_vocabulary`); later files add to earlier ones."""
        for key, data in record.get("classes", {}).items():
            old = self.classes.get(key)
            conditional = tuple((m, tuple(w)) for m, w in data.get("conditional", {}).items())
            if old is None:
                self.classes[key] = DrugClass(key, tuple(data["aliases"]), tuple(data["members"]),
                                              tuple(data["includes"]), data["therapeutic"], record["file"],
                                              data.get("line", 0), conditional, tuple(data.get("no_washout", ())))
            else:
                self.classes[key] = DrugClass(
                    key, _union(old.aliases, data["aliases"]), _union(old.members, data["members"]),
                    _union(old.includes, data["includes"]), old.therapeutic or data["therapeutic"], old.file,
                    old.line, old.conditional + conditional,
                    _union(old.no_washout, data.get("no_washout", ())))
        for name, aliases in record.get("substances", {}).items():
            self.substances[name] = _union(self.substances.get(name, ()), aliases)
        for group, keys in record.get("burden", {}).items():
            self.burden[group] = (keys,) if isinstance(keys, str) else tuple(keys)
            self.burden_sources[group] = (record["file"], record.get("burden_lines", {}).get(group, 0))
        for rule in record.get("rules", ()):
            self.rules.append(ClassRule(rule["name"], tuple(rule["left"]), tuple(rule["right"]), rule["severity"],
                                        rule["effect"], rule["management"], rule["source"], record["file"],
                                        rule["line"], tuple(rule.get("except", ()))))
        self.kept_as_exported = _union(self.kept_as_exported, record.get("kept_as_exported", ()))
        self.files = self.files + (record["file"],)

    # -------------------------------------------------- queries
    def _class_keys(self) -> dict[str, str]:
        cached = self.__dict__.get("_class_key_map")
        if cached is None:
            cached = {}
            for key, drug_class in self.classes.items():
                for word in (key, *drug_class.aliases):
                    cached.setdefault(name_key(word), key)
            self.__dict__["_class_key_map"] = cached
        return cached

    def find_class(self, word: str) -> str | None:
        """The class key a word names (key or alias, case/space-insensitive), or None."""
        return self._class_keys().get(name_key(word))

    def find_substance(self, word: str) -> str | None:
        index = self.__dict__.get("_substance_keys")
        if index is None:
            index = {}
            for name, aliases in self.substances.items():
                for alias in (name, *aliases):
                    index.setdefault(name_key(alias), name)
            self.__dict__["_substance_keys"] = index
        return index.get(name_key(word))

    def _membership(self) -> tuple[dict[str, set[str]], dict[str, set[str]], dict[str, dict[str, tuple[str, ...]]]]:
        """(drug name key -> classes listing it, class -> classes that include it, transitively,
        drug name key -> {class: words} for conditional members)."""
        cached = self.__dict__.get("_membership_index")
        if cached is None:
            direct: dict[str, set[str]] = {}
            conditional: dict[str, dict[str, tuple[str, ...]]] = {}
            for key, drug_class in self.classes.items():
                for member in drug_class.members:
                    direct.setdefault(name_key(member), set()).add(key)
                for member, words in drug_class.conditional:
                    conditional.setdefault(name_key(member), {})[key] = words
            parents: dict[str, set[str]] = {key: set() for key in self.classes}
            for key, drug_class in self.classes.items():
                for included in drug_class.includes:
                    parents.setdefault(included, set()).add(key)
            closure: dict[str, set[str]] = {}
            for key in parents:
                seen: set[str] = set()
                todo = [key]
                while todo:
                    current = todo.pop()
                    for parent in parents.get(current, ()):
                        if parent not in seen:
                            seen.add(parent)
                            todo.append(parent)
                closure[key] = seen
            cached = (direct, closure, conditional)
            self.__dict__["_membership_index"] = cached
        return cached

    def classes_of(self, drug: str, extra_classes: tuple[str, ...] = (), transitive: bool = True,
                   conditional: bool = True) -> frozenset[str]:
        """Class keys a drug belongs to: listed as a member or named by its monograph; with
        `transitive`, also every class that includes one of those. Without `conditional`, a class
        the vocabulary makes the drug a conditional member of is left out (see
        `conditional_classes_of`), even when its monograph names it: what interaction checks use."""
        direct_index, closure, conditional_index = self._membership()
        key = name_key(drug)
        conditions = conditional_index.get(key, {})
        direct = set(direct_index.get(key, ()))
        if conditional:
            direct.update(conditions)
        for word in extra_classes:
            found = self.find_class(word)
            if found and (conditional or found not in conditions):
                direct.add(found)
        if not transitive:
            return frozenset(direct)
        out = set(direct)
        for class_key in direct:
            out |= closure.get(class_key, set())
        return frozenset(out)

    def conditional_classes_of(self, drug: str, classes: frozenset[str]) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """(class key, words) for each class a drug reaches only through a conditional membership
        (and every class including it), leaving out the classes it belongs to outright."""
        _, closure, conditional_index = self._membership()
        out: dict[str, tuple[str, ...]] = {}
        for class_key, words in conditional_index.get(name_key(drug), {}).items():
            for reached in (class_key, *sorted(closure.get(class_key, ()))):
                if reached not in classes:
                    out[reached] = out.get(reached, ()) + tuple(w for w in words if w not in out.get(reached, ()))
        return tuple(sorted(out.items()))

    def known_drugs(self) -> dict[str, str]:
        """Lookup key -> name of every member drug and substance the vocabulary lists (made once)."""
        known = self.__dict__.get("_known_drugs")
        if known is None:
            known = {}
            for drug_class in self.classes.values():
                for member in (*drug_class.members, *(m for m, _ in drug_class.conditional)):
                    known.setdefault(name_key(member), member)
            for substance in self.substances:
                known.setdefault(name_key(substance), substance)
            self.__dict__["_known_drugs"] = known
        return known

    def is_known_drug(self, word: str) -> str | None:
        """The member or substance name a word names (substance aliases too), if the vocabulary lists it."""
        return self.known_drugs().get(name_key(word)) or self.find_substance(word)


def _union(old: Iterable[str], new: Iterable[str]) -> tuple[str, ...]:
    seen = {name_key(x) for x in old}
    out = list(old)
    for item in new:
        if name_key(item) not in seen:
            seen.add(name_key(item))
            out.append(item)
    return tuple(out)


def _text_list(value: object, where: str, path: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InvalidMonograph(path, None, f"{where} must be a list of names")
    return [squash_spaces(clean_text(v)) for v in value if v.strip()]


def read_vocabulary(path: str) -> Record:
    """Parse a `classes.yaml` file into a plain record, or raise InvalidMonograph."""
    from .monograph import read_text

    # a fresh copy each call: callers own their record; the parse of the same bytes is done once a process
    return copy.deepcopy(_vocabulary_record(path, read_text(path)))


@lru_cache(maxsize=8)
def _vocabulary_record(path: str, text: str) -> Record:
    """`read_vocabulary` of this text (a pure function of the path and the text, so memoized on both)."""
    import yaml

    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InvalidMonograph(path, mark.line + 1 if mark else None,
                               f"class vocabulary YAML does not parse: {getattr(exc, 'problem', exc)}") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise InvalidMonograph(path, 1, "class vocabulary must be a mapping with `classes`")
    classes = {}
    raw_classes = data.get("classes") or {}
    if not isinstance(raw_classes, dict):
        raise InvalidMonograph(path, None, "`classes` must map class names to their aliases and members")
    root = _compose(yaml, text)
    class_lines = _key_lines(root, "classes")
    for key, body in raw_classes.items():
        body = body or {}
        if not isinstance(body, dict):
            raise InvalidMonograph(path, None, f"class {key!r} must be a mapping")
        conditional = body.get("conditional") or {}
        if not isinstance(conditional, dict):
            raise InvalidMonograph(path, None, f"class {key!r} conditional must map member names to words")
        classes[squash_spaces(str(key))] = {
            "aliases": _text_list(body.get("aliases"), f"class {key!r} aliases", path),
            "members": _text_list(body.get("members"), f"class {key!r} members", path),
            "includes": _text_list(body.get("includes"), f"class {key!r} includes", path),
            "therapeutic": bool(body.get("therapeutic", False)),
            "line": class_lines.get(squash_spaces(str(key)), 0),
            "no_washout": _text_list(body.get("no_washout"), f"class {key!r} no_washout", path),
            "conditional": {squash_spaces(str(m)): [w.casefold() for w in _text_list(words, f"class {key!r} "
                                                                                   f"conditional {m!r}", path)]
                            for m, words in conditional.items()},
        }
    substances = {}
    raw_substances = data.get("substances") or {}
    if not isinstance(raw_substances, dict):
        raise InvalidMonograph(path, None, "`substances` must map names to their aliases")
    for name, body in raw_substances.items():
        body = body or {}
        substances[squash_spaces(str(name))] = _text_list(
            body.get("aliases") if isinstance(body, dict) else None, f"substance {name!r} aliases", path)
    burden = data.get("burden") or {}
    if not isinstance(burden, dict):
        raise InvalidMonograph(path, None, "`burden` must map group names to class names")
    return {"file": path, "classes": classes, "substances": substances,
            "burden": {str(k): _text_list(v, f"burden group {k!r}", path) for k, v in burden.items()},
            "burden_lines": _key_lines(root, "burden"),
            "rules": _read_rules(data.get("rules"), _key_lines(root, "rules"), path),
            "kept_as_exported": _text_list(data.get("kept_as_exported"), "kept_as_exported", path)}


RULE_SEVERITIES = ("contraindicated", "major", "moderate", "minor")


def _compose(yaml: Any, text: str) -> Any:
    """The text's YAML node tree (for line numbers), or None when it does not compose."""
    try:
        return yaml.compose(text)
    except yaml.YAMLError:
        return None


def _key_lines(root: Any, top: str) -> dict[str, int]:
    """The line each entry of a top-level mapping (`classes`, `rules`) starts on, for its source."""
    lines: dict[str, int] = {}
    if root is not None and isinstance(root.value, list):
        for key_node, value_node in root.value:
            if getattr(key_node, "value", None) == top and isinstance(value_node.value, list):
                for rule_key, _ in value_node.value:
                    if isinstance(rule_key.value, str):
                        lines[squash_spaces(rule_key.value)] = rule_key.start_mark.line + 1
    return lines


def _read_rules(raw: object, lines: dict[str, int], path: str) -> list[Record]:
    """Class rules: `name: {between: [[side], [side]], severity, effect, management, source, except}`."""
    if raw is None:
        return []
    if not isinstance(raw, dict):
        raise InvalidMonograph(path, None, "`rules` must map rule names to their definitions")
    rules = []
    for name, body in raw.items():
        name = squash_spaces(str(name))
        line = lines.get(name)
        if not isinstance(body, dict):
            raise InvalidMonograph(path, line, f"rule {name!r} must be a mapping")
        between = body.get("between")
        if not isinstance(between, list) or len(between) != 2:
            raise InvalidMonograph(path, line, f"rule {name!r}: `between` must hold two lists of classes or drugs")
        sides = [_text_list(side, f"rule {name!r} between", path) for side in between]
        severity = str(body.get("severity", "")).strip().lower()
        if severity not in RULE_SEVERITIES:
            raise InvalidMonograph(path, line, f"rule {name!r}: severity must be one of {', '.join(RULE_SEVERITIES)}")
        texts = {}
        for field in ("effect", "management", "source"):
            value = body.get(field)
            if not isinstance(value, str) or not value.strip():
                raise InvalidMonograph(path, line, f"rule {name!r}: `{field}` is required (say where it comes from)")
            texts[field] = squash_spaces(clean_text(value))
        if not all(sides):
            raise InvalidMonograph(path, line, f"rule {name!r}: both sides of `between` must name something")
        rules.append({"name": name, "left": sides[0], "right": sides[1], "severity": severity, "line": line or 0,
                      "except": _text_list(body.get("except"), f"rule {name!r} except", path), **texts})
    return rules
