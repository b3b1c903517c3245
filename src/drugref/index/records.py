"""What the index stores, and how: its record types and their encoding, and the schema version
derived from them and from the code that makes the rows (a record type gains or loses a field, or
the parser changes -> a new version -> the cache is rebuilt)."""
from __future__ import annotations

import marshal
import os
import re
from collections.abc import Callable
from typing import Any, NamedTuple


class MonographDir(NamedTuple):
    """A directory of monographs and where it came from: `bundled`, `env` or `option`."""

    path: str
    origin: str


class Entry(NamedTuple):
    """What the index knows of a drug without reading its whole monograph."""

    name: str
    file: str
    origin: str  # bundled | user
    brand_names: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    classes: tuple[str, ...] = ()
    last_modified: str | None = None
    is_banned: bool = False
    overrides: str | None = None  # file of a monograph of the same drug that this one hides


class Summary(NamedTuple):
    """The part of a monograph an `Entry` shows, stored beside the file's row."""

    brand_names: tuple[str, ...]
    aliases: tuple[str, ...]
    classes: tuple[str, ...]
    last_modified: str | None
    is_banned: bool


class Problem(NamedTuple):
    """A file the index could not use, or a conflict between files."""

    file: str
    line: int | None
    message: str
    kind: str = "skipped"  # skipped (the file is not used) | conflict (names clash; lookups of them are ambiguous)

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}" if self.line else f"{self.file}: {self.message}"


class SearchHit(NamedTuple):
    """A full-text search result."""

    drug: str
    file: str
    section: str
    snippet: str  # the text around the match, as written
    rank: float
    parts: tuple[tuple[str, bool], ...] = ()  # the snippet as (text, is a match) parts, spaces squashed


def snippet_parts(marked: str) -> tuple[str, tuple[tuple[str, bool], ...]]:
    """(plain snippet, parts) from SQLite's snippet(), which wraps each match in \x02 ... \x03: the markers
    stop here."""
    parts: list[tuple[str, bool]] = []
    inside = False
    for piece in re.split(r"([\x02\x03])", marked):
        if piece == "\x02":
            inside = True
        elif piece == "\x03":
            inside = False
        elif piece:
            parts.append((re.sub(r"\s+", " ", piece.replace("**", "")), inside))
    return marked.replace("\x02", "").replace("\x03", ""), tuple(parts)


class NameRow(NamedTuple):
    """One name a monograph answers to: its lookup key, kind (name|brand|alias|stem), and as written."""

    key: str
    kind: str
    label: str


def _monograph_types() -> tuple[type, ...]:
    from .. import monograph as m

    return m.Monograph, m.Section, m.Bullet, m.Faq, m.Citation, m.Note


def record_types() -> tuple[type, ...]:
    """Every NamedTuple whose fields shape what the index stores."""
    return (*_monograph_types(), Summary, NameRow)


# the modules whose code makes the stored rows: the parser, names and the vocabulary reader
ROW_MAKERS = ("monograph.py", "text.py", "vocabulary.py", "index/sync.py", "index/records.py")


def code_checksum(modules: tuple[str, ...] = ROW_MAKERS) -> str:
    """A checksum of the source of the modules that make the stored rows (a module shipped without
    its source counts by name)."""
    import zlib

    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    crc = 0
    for module in modules:
        try:
            with open(os.path.join(package, module), "rb") as source:
                crc = zlib.crc32(source.read(), crc)
        except OSError:
            crc = zlib.crc32(module.encode("utf-8"), crc)
    return f"{crc:08x}"


def schema_version(types: tuple[type, ...], schema_sql: str, code: str) -> str:
    """A short checksum of what the cache holds: each record type's name and fields, the SQL schema,
    and the code that makes the rows (`code_checksum`)."""
    import zlib

    shape = repr([(t.__name__, t._fields) for t in types]) + schema_sql + code  # type: ignore[attr-defined]
    return f"{zlib.crc32(shape.encode('utf-8')):08x}"


# ---------------------------------------------------------------- monographs as plain tuples

def _plan(cls: type) -> list[Callable[[Any], Any] | None]:
    """Per field of a NamedTuple, how to rebuild it from plain tuples: None for a plain value."""
    import typing

    hints = typing.get_type_hints(cls)
    record_classes = {t.__name__: t for t in _monograph_types()}
    out: list[Callable[[Any], Any] | None] = []
    for field in cls._fields:  # type: ignore[attr-defined]
        hint = hints[field]
        args = typing.get_args(hint)
        if isinstance(hint, type) and hint.__name__ in record_classes:
            out.append(_decoder(hint))
        elif typing.get_origin(hint) is tuple and args and isinstance(args[0], type) \
                and args[0].__name__ in record_classes:
            out.append(_each(_decoder(args[0])))
        else:
            out.append(None)
    return out


def _each(decode: Callable[[Any], Any]) -> Callable[[Any], Any]:
    return lambda items: tuple(map(decode, items))


_DECODERS: dict[type, Callable[[Any], Any]] = {}


def _decoder(cls: type) -> Callable[[Any], Any]:
    found = _DECODERS.get(cls)
    if found is None:
        plan: list[Callable[[Any], Any] | None] = []
        make = cls._make  # type: ignore[attr-defined]

        def decode(data: tuple[Any, ...]) -> Any:
            return make([value if step is None else step(value) for step, value in zip(plan, data)])

        _DECODERS[cls] = found = decode
        plan.extend(_plan(cls))  # after registering: Section holds Sections
    return found


def _plain(value: Any) -> Any:
    if isinstance(value, tuple):
        return tuple(map(_plain, value))  # NamedTuples become plain tuples, field by field
    return value


def encode_monograph(monograph: Any) -> bytes:
    """A parsed `Monograph` as bytes (marshal of nested tuples, every field in order, compressed:
    a record is about a third of its file's size)."""
    import zlib

    return zlib.compress(marshal.dumps(_plain(monograph)), 1)  # level 1: 90% of level 6's saving at half the cost


def decode_monograph(data: bytes) -> Any:
    """The `Monograph` `encode_monograph` stored."""
    import zlib

    from ..monograph import Monograph

    return _decoder(Monograph)(marshal.loads(zlib.decompress(data)))


# ---------------------------------------------------------------- content checks

DIGEST_SIZE = 16
_CHUNK = 1 << 20


def _blake2b() -> Any:
    try:
        from _blake2 import blake2b  # what hashlib wraps; importing it alone skips OpenSSL's start-up
    except ImportError:  # pragma: no cover - an interpreter built without it
        from hashlib import blake2b
    return blake2b


def file_digest(path: str) -> bytes | None:
    """A BLAKE2b digest of a file's bytes as they are now, or None if it cannot be read."""
    digest = _blake2b()(digest_size=DIGEST_SIZE)
    try:
        with open(path, "rb") as file:
            while chunk := file.read(_CHUNK):
                digest.update(chunk)
    except OSError:
        return None
    return bytes(digest.digest())


def seal(file_hash: bytes, path: str, record: bytes) -> bytes:
    """A digest binding a stored record to its file's path and to the digest of the bytes it was
    parsed from: a record altered in the cache, or moved to another file's row, no longer matches."""
    digest = _blake2b()(path.encode("utf-8", "surrogatepass") + b"\0" + record, digest_size=DIGEST_SIZE,
                        key=file_hash)
    return bytes(digest.digest())


def encode_summary(monograph: Any) -> bytes:
    return marshal.dumps(tuple(Summary(tuple(monograph.brand_names), tuple(monograph.aliases),
                                       tuple(monograph.classes), monograph.last_modified, monograph.is_banned)))


def decode_summary(data: bytes) -> Summary:
    return Summary._make(marshal.loads(data))


def encode_vocabulary(record: dict[str, Any]) -> bytes:
    return marshal.dumps(record)


def decode_vocabulary(data: bytes) -> dict[str, Any]:
    record: dict[str, Any] = marshal.loads(data)
    return record


def encode_name_keys(keys: list[str], file_ids: list[int]) -> bytes:
    """A set of directories' served lookup keys with the file id of each, for fuzzy matching."""
    return marshal.dumps((keys, file_ids))


def decode_name_keys(data: bytes) -> tuple[list[str], list[int]]:
    keys, file_ids = marshal.loads(data)
    return keys, file_ids


# ---------------------------------------------------------------- full-text sections

CHUNK_CHARS = 32_768  # a longer section is indexed in parts: a snippet reads one part, not all of it


def section_texts(monograph: Any) -> list[tuple[str, str]]:
    """(title path, text) of every section with text (a long one in parts of at most
    `CHUNK_CHARS`, cut between paragraphs where it can be), then each FAQ: what full-text
    search indexes, numbered in this order (the order `section_body` reads back)."""
    rows = [(" › ".join(section.path), part) for section in monograph.walk() if section.text.strip()
            for part in _parts(section.text)]
    rows += [("FAQs", part) for faq in monograph.faqs for part in _parts(f"{faq.q}\n{faq.a}")]
    return rows


def _parts(text: str) -> list[str]:
    if len(text) <= CHUNK_CHARS:
        return [text]
    parts: list[str] = []
    start = 0
    while start < len(text):
        end = min(start + CHUNK_CHARS, len(text))
        if end < len(text):  # cut after the last paragraph break (or else space) in the window
            cut = text.rfind("\n\n", start + 1, end)
            if cut < 0:
                cut = text.rfind(" ", start + 1, end)
            end = cut + 1 if cut >= 0 else end
        parts.append(text[start:end])
        start = end
    return parts


_LAST: list[Any] = [None, None]  # the last record decoded for `section_body`, and its sections


def section_body(record: bytes | None, record_seal: bytes | None, file_hash: bytes | None, path: str | None,
                 number: int) -> str:
    """The text of a record's section `number` (an SQL function: the full-text index's source);
    empty when the record does not match its seal."""
    if record is None or record_seal is None or file_hash is None or path is None:
        return ""
    key = (record_seal, file_hash, path, record)
    if _LAST[0] != key:
        if seal(file_hash, path, record) != record_seal:
            return ""
        _LAST[0], _LAST[1] = key, section_texts(decode_monograph(record))
    texts: list[tuple[str, str]] = _LAST[1]
    return texts[number][1] if 0 <= number < len(texts) else ""
