"""The class vocabulary: drug classes, their aliases and members, substances, burden groups."""
from __future__ import annotations

from typing import NamedTuple

from .errors import InvalidMonograph
from .prescan import VOCABULARY_FILE  # noqa: F401 (defined where the prescan, imported first, can see it)
from .text import clean_text, name_key, squash_spaces


class DrugClass(NamedTuple):
    """A drug class: `members` are generic names; `includes` are other class keys."""

    key: str
    aliases: tuple[str, ...] = ()
    members: tuple[str, ...] = ()
    includes: tuple[str, ...] = ()
    therapeutic: bool = False  # two members together count as therapeutic duplication
    file: str = ""


class Vocabulary:
    """Classes and substances from every `classes.yaml`, plus monographs' own `classes`."""

    def __init__(self) -> None:
        self.classes: dict[str, DrugClass] = {}
        self.substances: dict[str, tuple[str, ...]] = {}  # name -> aliases
        self.burden: dict[str, str] = {}  # group name -> class key
        self.files: tuple[str, ...] = ()

    # -------------------------------------------------- building
    @classmethod
    def from_records(cls, records: list[dict]) -> "Vocabulary":
        vocab = cls()
        for record in records:
            vocab.merge(record)
        return vocab

    def merge(self, record: dict) -> None:
        """Merge one parsed vocabulary file (see `read_vocabulary`); later files add to earlier ones."""
        for key, data in record.get("classes", {}).items():
            old = self.classes.get(key)
            if old is None:
                self.classes[key] = DrugClass(key, tuple(data["aliases"]), tuple(data["members"]),
                                              tuple(data["includes"]), data["therapeutic"], record["file"])
            else:
                self.classes[key] = DrugClass(
                    key, _union(old.aliases, data["aliases"]), _union(old.members, data["members"]),
                    _union(old.includes, data["includes"]), old.therapeutic or data["therapeutic"], old.file)
        for name, aliases in record.get("substances", {}).items():
            self.substances[name] = _union(self.substances.get(name, ()), aliases)
        self.burden.update(record.get("burden", {}))
        self.files = self.files + (record["file"],)

    def to_records(self) -> list[dict]:
        return [{
            "file": self.files[0] if self.files else "",
            "classes": {k: {"aliases": list(c.aliases), "members": list(c.members), "includes": list(c.includes),
                            "therapeutic": c.therapeutic} for k, c in self.classes.items()},
            "substances": {k: list(v) for k, v in self.substances.items()},
            "burden": dict(self.burden),
        }]

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
        key = name_key(word)
        for name, aliases in self.substances.items():
            if key == name_key(name) or key in {name_key(a) for a in aliases}:
                return name
        return None

    def members(self, class_key: str) -> frozenset[str]:
        """Name keys of every member drug of a class, through `includes`, cycles tolerated."""
        seen: set[str] = set()
        out: set[str] = set()
        todo = [class_key]
        while todo:
            key = todo.pop()
            if key in seen or key not in self.classes:
                continue
            seen.add(key)
            drug_class = self.classes[key]
            out.update(name_key(m) for m in drug_class.members)
            todo.extend(drug_class.includes)
        return frozenset(out)

    def _membership(self) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
        """(drug name key -> classes listing it, class -> classes that include it, transitively)."""
        cached = self.__dict__.get("_membership_index")
        if cached is None:
            direct: dict[str, set[str]] = {}
            for key, drug_class in self.classes.items():
                for member in drug_class.members:
                    direct.setdefault(name_key(member), set()).add(key)
            parents: dict[str, set[str]] = {key: set() for key in self.classes}
            for key, drug_class in self.classes.items():
                for included in drug_class.includes:
                    parents.setdefault(included, set()).add(key)
            closure: dict[str, set[str]] = {}
            for key in parents:
                seen, todo = set(), [key]
                while todo:
                    current = todo.pop()
                    for parent in parents.get(current, ()):
                        if parent not in seen:
                            seen.add(parent)
                            todo.append(parent)
                closure[key] = seen
            cached = (direct, closure)
            self.__dict__["_membership_index"] = cached
        return cached

    def classes_of(self, drug: str, extra_classes: tuple[str, ...] = (), transitive: bool = True) -> frozenset[str]:
        """Class keys a drug belongs to: listed as a member or named by its monograph; with
        `transitive`, also every class that includes one of those."""
        direct_index, closure = self._membership()
        direct = set(direct_index.get(name_key(drug), ()))
        for word in extra_classes:
            found = self.find_class(word)
            if found:
                direct.add(found)
        if not transitive:
            return frozenset(direct)
        out = set(direct)
        for key in direct:
            out |= closure.get(key, set())
        return frozenset(out)

    def known_drugs(self) -> dict[str, str]:
        """Lookup key -> name of every member drug and substance the vocabulary lists (made once)."""
        known = self.__dict__.get("_known_drugs")
        if known is None:
            known = {}
            for drug_class in self.classes.values():
                for member in drug_class.members:
                    known.setdefault(name_key(member), member)
            for substance in self.substances:
                known.setdefault(name_key(substance), substance)
            self.__dict__["_known_drugs"] = known
        return known

    def is_known_drug(self, word: str) -> str | None:
        """The member or substance name a word names (substance aliases too), if the vocabulary lists it."""
        return self.known_drugs().get(name_key(word)) or self.find_substance(word)


def _union(old, new) -> tuple[str, ...]:
    seen = {name_key(x) for x in old}
    out = list(old)
    for item in new:
        if name_key(item) not in seen:
            seen.add(name_key(item))
            out.append(item)
    return tuple(out)


def _text_list(value, where: str, path: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InvalidMonograph(path, None, f"{where} must be a list of names")
    return [squash_spaces(clean_text(v)) for v in value if v.strip()]


def read_vocabulary(path: str) -> dict:
    """Parse a `classes.yaml` file into a plain record, or raise InvalidMonograph."""
    import yaml

    from .monograph import read_text

    text = read_text(path)
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
    for key, body in raw_classes.items():
        body = body or {}
        if not isinstance(body, dict):
            raise InvalidMonograph(path, None, f"class {key!r} must be a mapping")
        classes[squash_spaces(str(key))] = {
            "aliases": _text_list(body.get("aliases"), f"class {key!r} aliases", path),
            "members": _text_list(body.get("members"), f"class {key!r} members", path),
            "includes": _text_list(body.get("includes"), f"class {key!r} includes", path),
            "therapeutic": bool(body.get("therapeutic", False)),
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
            "burden": {str(k): str(v) for k, v in burden.items()}}
