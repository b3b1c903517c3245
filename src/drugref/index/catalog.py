"""Read-only questions to the index about one set of directories: which drugs it serves, under
which names, their monographs, the class vocabulary, full-text search and completion.

Every answer comes from the set's served names (see `store.SERVE`), so the override rule is
applied in one place. Nothing here writes. When SQLite reports the file bad in the middle of a
question (a corrupt page, a foreign table, an undecodable row), the catalog asks its opener to
heal (`cache.Opener.heal`: the file is removed, this call works from memory) and asks again."""
from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from .records import (
    Entry,
    MonographDir,
    Problem,
    SearchHit,
    decode_monograph,
    decode_summary,
    file_digest,
    seal,
    snippet_parts,
)
from .store import Store

F = TypeVar("F", bound=Callable[..., Any])
HEALABLE = (sqlite3.DatabaseError, ValueError, TypeError, EOFError, IndexError)  # a bad file, or a bad blob in it


def _healing(method: F) -> F:
    """Run a question; if the index file fails under it, heal once and ask again."""

    @functools.wraps(method)
    def ask(self: Catalog, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except HEALABLE as exc:
            if self._heal is None:
                raise
            self._replace_with(self._heal(exc))
            return method(self, *args, **kwargs)

    return ask  # type: ignore[return-value]


class Catalog:
    """The drugs a set of directories serves, as last synced into `store` (see `sync.sync`)."""

    def __init__(self, store: Store, dirs: list[MonographDir], dirset: int | None,
                 problems: Iterable[Problem] = (), notices: Iterable[str] = (),
                 heal: Callable[[BaseException], Catalog] | None = None) -> None:
        self.store, self.dirs, self.dirset = store, list(dirs), dirset
        self.notices = list(notices)  # e.g. the cache was rebuilt, or is not writable
        self._heal = heal
        self._listing_problems = list(problems)
        self._origins = {d.path: ("bundled" if d.origin == "bundled" else "user") for d in self.dirs}
        self._paths = list(self._origins)
        self._problems: list[Problem] | None = None
        self._vocabulary: Any = None
        self._name_keys: tuple[list[str], Callable[[int], str]] | None = None

    def _replace_with(self, other: Catalog) -> None:
        """Take over another catalog's index (after healing): same directories, new store."""
        try:
            self.store.close()
        except sqlite3.Error:
            pass
        self.store, self.dirset, self._heal = other.store, other.dirset, other._heal
        self.notices += [n for n in other.notices if n not in self.notices]
        self._listing_problems = other._listing_problems
        self._problems = self._vocabulary = self._name_keys = None

    @property
    @_healing
    def problems(self) -> list[Problem]:
        """Unreadable directories and files, then name clashes within a directory."""
        if self._problems is None:
            stored = self.store.problems(self._paths) if self._paths else []
            self._problems = self._listing_problems + [Problem(*row) for row in stored]
        return self._problems

    def _entry(self, path: str, dir_: str, name: str, summary: bytes, overrides: str | None = None) -> Entry:
        s = decode_summary(summary)
        return Entry(name, path, self._origins.get(dir_, "user"), tuple(s.brand_names), tuple(s.aliases),
                     tuple(s.classes), s.last_modified, s.is_banned, overrides)

    @_healing
    def entries(self) -> list[Entry]:
        """Every drug served, in name order."""
        if self.dirset is None:
            return []
        return [self._entry(*row) for row in self.store.served_entries(self.dirset)]

    @_healing
    def lookup_key(self, key: str) -> list[tuple[Entry, str, str]]:
        """Drugs whose name, brand, alias, INN or file stem has this lookup key: (entry, kind, label)."""
        if self.dirset is None or not key:
            return []
        return [(self._entry(*row[:4]), row[4], row[5]) for row in self.store.lookup(self.dirset, key)]

    @_healing
    def name_keys(self) -> tuple[list[str], Callable[[int], str]]:
        """Every served name's lookup key, and a function from a key's position to the file it names:
        what fuzzy matching needs (only the few best keys are ever mapped to their files)."""
        if self._name_keys is None:
            keys, file_ids = self.store.name_keys(self.dirset) if self.dirset is not None else ([], [])
            self._name_keys = (keys, lambda position: self.store.path_of(file_ids[position]))
        return self._name_keys

    @_healing
    def served_keys(self, keys: Iterable[str]) -> set[str]:
        """Which of these lookup keys name a served drug."""
        wanted = list(dict.fromkeys(keys))
        if self.dirset is None or not wanted:
            return set()
        return self.store.served_among(self.dirset, wanted)

    @_healing
    def all_names(self) -> list[tuple[str, str, str, str]]:
        """(lookup key, kind, label, file) of every name of every served drug."""
        return [] if self.dirset is None else self.store.served_names(self.dirset)

    @_healing
    def label_for(self, key: str, path: str) -> str:
        """The name as written (generic, brand or alias) that has this lookup key in this file."""
        return self.store.label(key, path) or key

    @_healing
    def entry_for_file(self, path: str) -> Entry:
        row = self.store.file_entry(path)
        if row is None:
            raise KeyError(path)
        return self._entry(*row)

    @_healing
    def monograph(self, entry: Entry) -> Any:
        """The whole parsed monograph of an entry, from its file's bytes as they are now: the stored
        record is used only when the file's hash is the one it was made from and its seal holds
        (`records.seal`); otherwise (an edit the listing could not see, a record altered in the
        cache) the file is parsed again here. InvalidMonograph if it can no longer be read."""
        stored = self.store.record(entry.file)
        if stored is None:
            raise KeyError(entry.file)
        record, digest, record_seal = stored
        current = file_digest(entry.file)
        if current is not None and current == digest and seal(current, entry.file, record) == record_seal:
            return decode_monograph(record)
        from ..monograph import parse_monograph

        return parse_monograph(entry.file)

    @property
    @_healing
    def vocabulary(self) -> Any:
        """The class vocabulary merged from every directory's `classes.yaml` (later directories add)."""
        if self._vocabulary is None:
            from ..vocabulary import Vocabulary
            from .records import decode_vocabulary

            ranks = {path: rank for rank, path in enumerate(self._paths)}
            rows = sorted(self.store.vocab_records(self._paths) if self._paths else [],
                          key=lambda row: ranks.get(row[0], -1))
            self._vocabulary = Vocabulary.from_records([decode_vocabulary(row[1]) for row in rows])
        return self._vocabulary

    @_healing
    def search(self, query: str, limit: int = 10, section: str | None = None) -> list[SearchHit]:
        """Ranked full-text matches: sections with the exact phrase first, then those with every word
        (each group by FTS5 bm25, section titles weighing more than text)."""
        words = "".join(c if c.isalnum() else " " for c in query).split()
        if not words or self.dirset is None:
            return []
        queries = ['"' + " ".join(words) + '"']  # text is data, never FTS syntax
        if len(words) > 1:
            queries.append(" AND ".join(f'"{w}"' for w in words))
        hits: list[SearchHit] = []
        seen: set[int] = set()
        for fts_query in queries:  # only files this set serves are ranked (and given snippets)
            for match, _, path, drug, sec, snippet, rank in self.store.search(
                    fts_query, section, limit + len(seen), 0, self.dirset):
                if match not in seen:
                    seen.add(match)
                    plain, parts = snippet_parts(snippet)
                    hits.append(SearchHit(drug, path, sec, plain, rank, parts))
                    if len(hits) >= limit:
                        return hits
        return hits

    @_healing
    def complete_names(self, prefix: str, limit: int = 50) -> list[str]:
        """Names, brands and aliases starting with `prefix` (case-insensitive), for shell completion."""
        return [] if self.dirset is None else self.store.complete(self.dirset, prefix, limit)

    def close(self) -> None:
        self.store.close()
