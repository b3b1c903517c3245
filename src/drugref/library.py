"""The monograph library: directories of monographs kept in a persistent SQLite index."""
from __future__ import annotations

from typing import NamedTuple

import marshal
from bisect import bisect_right
import os
import sqlite3
from pathlib import Path
from typing import Callable, Iterable

from .errors import InvalidMonograph
from .text import name_key

SCHEMA_VERSION = "13"  # records are marshal dumps of plain tuples: bump when any record shape changes
APP_ID = "drugref-index"

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE files (
    path TEXT PRIMARY KEY, dir TEXT NOT NULL, size INTEGER, mtime_ns INTEGER,
    ok INTEGER NOT NULL, err_line INTEGER, err TEXT,
    name TEXT, name_key TEXT, summary BLOB
);
CREATE INDEX files_dir ON files(dir);
-- parsed monographs apart from the file list: scans of `files` stay a few small pages
CREATE TABLE records (file_id INTEGER PRIMARY KEY, record BLOB NOT NULL,
                      frontmatter BLOB);  -- its front matter as parsed: reused while the block is unchanged
CREATE INDEX files_name_key ON files(name_key);
CREATE INDEX files_broken ON files(dir) WHERE ok = 0;
CREATE TABLE conflicts (dir TEXT NOT NULL, key TEXT NOT NULL, path TEXT NOT NULL, message TEXT NOT NULL);
CREATE INDEX conflicts_dir_key ON conflicts(dir, key);
CREATE TABLE names (key TEXT NOT NULL, path TEXT NOT NULL, kind TEXT NOT NULL, label TEXT NOT NULL, dir TEXT NOT NULL);
CREATE INDEX names_dir ON names(dir);
CREATE INDEX names_key ON names(key);
CREATE INDEX names_path ON names(path);
CREATE TABLE vocab (path TEXT PRIMARY KEY, dir TEXT NOT NULL, size INTEGER, mtime_ns INTEGER, ok INTEGER,
                    err_line INTEGER, err TEXT, record BLOB);
CREATE VIRTUAL TABLE fts USING fts5(path UNINDEXED, drug UNINDEXED, section, body, tokenize = 'porter unicode61');
"""


class MonographDir(NamedTuple):
    """A directory of monographs and where it came from: `bundled`, `env` or `option`."""

    path: str
    origin: str


class Entry(NamedTuple):
    """What the library knows of a drug without reading its whole monograph."""

    name: str
    file: str
    origin: str  # bundled | user
    brand_names: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    classes: tuple[str, ...] = ()
    last_modified: str | None = None
    is_banned: bool = False
    overrides: str | None = None  # file of a monograph of the same drug that this one hides


class Problem(NamedTuple):
    """A file the library could not use, or a conflict between files."""

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
    snippet: str  # the match is wrapped in \x02 ... \x03 markers for the renderer
    rank: float


class Library:
    """Monographs from bundled and user directories, indexed in SQLite.

    `cache_file` None keeps the index in memory. Notices (cache rebuilt, cache not
    writable) and problems (broken files, conflicts) are collected, never printed.
    """

    def __init__(self, dirs: list[MonographDir], cache_file: Path | None = None,
                 on_progress: Callable[[int, int], None] | None = None, check_files: bool = True) -> None:
        self.dirs = list(dirs)
        self.cache_file = cache_file
        self.on_progress = on_progress
        self.problems: list[Problem] = []
        self.notices: list[str] = []
        self._ranks = {d.path: rank for rank, d in enumerate(self.dirs)}
        self._origins = {d.path: ("bundled" if d.origin == "bundled" else "user") for d in self.dirs}
        self._vocabulary = None
        self._all_names: list | None = None
        self._name_keys: tuple | None = None
        self._shadowed: bool | None = None
        self._fingerprints: dict[str, str | None] = {}  # directory -> its fingerprint in this call
        self._renamed_dirs: set[str] = set()  # directories where a file's lookup keys changed in this call
        self._stats: dict[str, tuple[int, int]] = {}
        self._con = self._connect()
        if check_files or not self._con.execute("SELECT 1 FROM files LIMIT 1").fetchone():
            self._sync()

    # ------------------------------------------------------------------ connection
    def _connect(self) -> sqlite3.Connection:
        if self.cache_file is None:
            return self._new_db(":memory:")
        path = Path(self.cache_file)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            if not os.access(path.parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
                raise PermissionError(str(path.parent))
        except OSError:
            self.notices.append(f"cache directory {path.parent} is not writable; working from memory")
            return self._new_db(":memory:")
        if path.exists():
            try:
                con = sqlite3.connect(path, timeout=30, isolation_level=None)
                rows = dict(con.execute("SELECT key, value FROM meta").fetchall())
                if rows.get("app") == APP_ID and rows.get("schema") == SCHEMA_VERSION:
                    con.execute("PRAGMA busy_timeout = 30000")
                    return con
                con.close()
                reason = "from another version" if rows.get("app") == APP_ID else "not a drugref index"
            except sqlite3.OperationalError as exc:
                reason = "not a drugref index" if "no such table" in str(exc) else "corrupt"
            except sqlite3.DatabaseError:
                reason = "corrupt"
            self.notices.append(f"index cache {path} was {reason}; rebuilt it")
            self._discard(path)
        return self._create_file_db(path)

    @staticmethod
    def _discard(path: Path) -> None:
        for suffix in ("", "-journal", "-wal", "-shm"):
            try:
                os.unlink(str(path) + suffix)
            except FileNotFoundError:
                pass

    def _create_file_db(self, path: Path) -> sqlite3.Connection:
        # Build the empty schema aside, then rename: another process never sees a half-made file.
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        self._discard(tmp)
        con = self._new_db(str(tmp))
        con.close()
        try:
            if not path.exists():
                os.replace(tmp, path)
        finally:
            self._discard(tmp)
        con = sqlite3.connect(path, timeout=30, isolation_level=None)
        con.execute("PRAGMA busy_timeout = 30000")
        return con

    @staticmethod
    def _new_db(where: str) -> sqlite3.Connection:
        con = sqlite3.connect(where, timeout=30, isolation_level=None)
        con.executescript("BEGIN;" + _SCHEMA + "COMMIT;")
        con.execute("INSERT INTO meta VALUES ('app', ?), ('schema', ?)", (APP_ID, SCHEMA_VERSION))
        return con

    # ------------------------------------------------------------------ staleness
    def _scan(self, directory: MonographDir):
        """The directory's fingerprint and (on demand) its listing of (name, size, mtime_ns) of every
        `*.md` and the vocabulary file. One stat a file: the cheapest full check there is; a big
        directory may already have been stat'ed by `prescan` on another core. A read error leaves
        the fingerprint None, so such a directory is always looked at again."""
        from . import prescan

        return prescan.take(directory.path) or prescan.scan(directory.path)

    def _sync(self) -> None:
        """Re-parse added and changed files, drop removed ones; a directory whose file list,
        sizes and mtimes are unchanged since the last call costs one stat per file and no reads."""
        con = self._con
        stale: list[str] = []
        stale_vocab: list[str] = []
        gone: list[str] = []
        gone_vocab: list[str] = []
        listings = {}
        from .vocabulary import VOCABULARY_FILE

        for directory in self.dirs:
            scan = self._scan(directory)
            fingerprint = self._fingerprints[directory.path] = scan.fingerprint
            row = con.execute("SELECT value FROM meta WHERE key = ?", ("fp:" + directory.path,)).fetchone()
            if fingerprint is not None and row is not None and row[0] == fingerprint:
                scan.close()
                continue
            listing = scan.listing()  # taken again here if the prescan child failed midway
            self._fingerprints[directory.path] = scan.fingerprint
            self.problems.extend(Problem(path, None, message) for path, message in scan.errors)
            listings[directory.path] = listing
            changed, removed = self._changed_entries(directory.path, listing)
            prefix = os.path.join(directory.path, "")  # the same paths os.path.join gives, built faster
            for name, size, mtime in changed:
                self._stats[prefix + name] = (size, mtime)
                (stale_vocab if name == VOCABULARY_FILE else stale).append(prefix + name)
            for name in removed:
                (gone_vocab if name == VOCABULARY_FILE else gone).append(prefix + name)
            scan.close()
        if listings:  # one write transaction: the rows, then the directories' state
            vocab_rows = self._read_vocabularies(stale_vocab)  # before taking the write lock
            con.execute("BEGIN IMMEDIATE")
            try:
                affected = self._update(stale, gone, vocab_rows, gone_vocab)
                self._record_directory_state(listings, affected)
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise
        self._collect_problems()

    def _changed_entries(self, dir_: str, listing) -> tuple[list[tuple[str, int, int]], list[str]]:
        """(name, size, mtime_ns) of the entries added or changed since the directory was last
        indexed, and the names of those removed. Compared with the listing stored at the last
        index update (three lists: a direct comparison when no file was added or removed), or,
        where none is stored, with the indexed rows."""
        from .prescan import Listing

        con = self._con
        row = con.execute("SELECT value FROM meta WHERE key = ?", ("listing:" + dir_,)).fetchone()
        if row is not None:
            old_names, old_sizes, old_mtimes = Listing.from_bytes(row[0]).columns()
        else:
            rows = [(os.path.basename(p), s, m) for table in ("files", "vocab") for p, s, m in
                    con.execute(f"SELECT path, size, mtime_ns FROM {table} WHERE dir = ?", (dir_,))]
            old_names, old_sizes, old_mtimes = [r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows]
        names, sizes, mtimes = listing.columns()
        if names == old_names:
            changed = [(n, s, m) for n, s, m, was_s, was_m in zip(names, sizes, mtimes, old_sizes, old_mtimes)
                       if s != was_s or m != was_m]
            removed = []
        else:
            before = dict(zip(old_names, zip(old_sizes, old_mtimes)))
            changed = [(n, s, m) for n, s, m in zip(names, sizes, mtimes) if before.get(n) != (s, m)]
            present = set(names)
            removed = [n for n in old_names if n not in present]
        # read errors are not cached: permissions may change without touching the mtime
        unread = {os.path.basename(p) for (p,) in con.execute(
            "SELECT path FROM files WHERE dir = ? AND ok = 0 AND err LIKE 'cannot read%'", (dir_,))}
        if unread:
            listed = {n for n, _, _ in changed}
            changed += [(n, s, m) for n, s, m in zip(names, sizes, mtimes) if n in unread and n not in listed]
        return changed, removed

    def _read_vocabularies(self, paths: list[str]) -> list[tuple]:
        """Rows of the vocab table for these vocabulary files (read, or the reason they can't be)."""
        from .vocabulary import read_vocabulary

        rows = []
        for path in paths:
            size, mtime = self._stats[path]
            try:
                record = read_vocabulary(path)
                rows.append((path, os.path.dirname(path), size, mtime, 1, None, None, marshal.dumps(record)))
            except InvalidMonograph as exc:
                rows.append((path, os.path.dirname(path), size, mtime, 0, exc.line, exc.problem, None))
        return rows

    def _update(self, stale: list[str], gone: list[str], vocab_rows: list[tuple],
                gone_vocab: list[str]) -> dict[str, set[str]]:
        """Write what changed (inside the caller's transaction); return, per directory, the name
        keys whose claims may have changed."""
        affected: dict[str, set[str]] = {}
        old_keys: dict[str, list[str]] = {}  # path -> the lookup keys it had
        frontmatter: dict[str, bytes] = {}  # path -> its front matter as last parsed
        con = self._con
        for path in list(gone) + stale:
            found = con.execute("SELECT rowid FROM files WHERE path = ?", (path,)).fetchone()
            if found is None:
                continue
            kept = con.execute("SELECT frontmatter FROM records WHERE file_id = ?", found).fetchone()
            if kept is not None and kept[0] is not None:
                frontmatter[path] = kept[0]
            old_keys[path] = sorted(k for (k,) in con.execute("SELECT key FROM names WHERE path = ?", (path,)))
            affected.setdefault(os.path.dirname(path), set()).update(old_keys[path])
            con.execute("DELETE FROM files WHERE rowid = ?", found)
            con.execute("DELETE FROM records WHERE file_id = ?", found)
            con.execute("DELETE FROM names WHERE path = ?", (path,))
            con.execute("DELETE FROM fts WHERE rowid BETWEEN ? AND ?",
                        (found[0] * _FTS_STRIDE, found[0] * _FTS_STRIDE + _FTS_STRIDE - 1))
        for path in list(gone_vocab) + [r[0] for r in vocab_rows]:
            con.execute("DELETE FROM vocab WHERE path = ?", (path,))
        con.executemany("INSERT INTO vocab VALUES (?,?,?,?,?,?,?,?)", vocab_rows)
        # rows are written as the parser delivers them, so writing overlaps with parsing
        for path, result in zip(stale, self._parse_all(stale, frontmatter)):
            size, mtime = self._stats[path]
            ok, err_line, err, name, key, record, summary, names, fts, parsed_frontmatter = result
            cursor = con.execute("INSERT INTO files VALUES (?,?,?,?,?,?,?,?,?,?)",
                                 (path, os.path.dirname(path), size, mtime, ok, err_line, err, name, key, summary))
            if ok:
                con.execute("INSERT INTO records VALUES (?, ?, ?)", (cursor.lastrowid, record, parsed_frontmatter))
                base = cursor.lastrowid * _FTS_STRIDE
                con.executemany("INSERT INTO names VALUES (?,?,?,?,?)",
                                [(*row, os.path.dirname(path)) for row in names])
                affected.setdefault(os.path.dirname(path), set()).update(row[0] for row in names)
                con.executemany("INSERT INTO fts (rowid, path, drug, section, body) VALUES (?,?,?,?,?)",
                                [(base + i, *row) for i, row in enumerate(fts[:_FTS_STRIDE])])
            if old_keys.get(path) != sorted(row[0] for row in names):  # None: a new file
                self._renamed_dirs.add(os.path.dirname(path))
        self._renamed_dirs.update(os.path.dirname(path) for path in gone)
        return affected

    def _parse_all(self, paths: list[str], frontmatter: dict[str, bytes]):
        """Parse files for the index, in order (reusing front matter parsed before, from
        `frontmatter`); many files are parsed by one process per core."""
        total = len(paths)
        progress = self.on_progress if total > 300 else None
        workers = min(os.cpu_count() or 1, 8)
        if total < 400 or workers < 2:
            for done, path in enumerate(paths, 1):
                row = _index_row(path, frontmatter.get(path))
                if progress:  # before the yield: the consumer stops pulling after the last row
                    progress(done, total)
                yield row
            return
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        chunk = 25
        context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
        with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_quiet_worker) as pool:
            for done, result in enumerate(pool.map(_index_row, paths, chunksize=chunk), 1):
                if progress and (done % chunk == 0 or done == total):  # before the yield, as above
                    progress(done, total)
                yield result

    def _record_directory_state(self, listings: dict, affected: dict[str, set[str]]) -> None:
        """After directories changed: store their name clashes (two files claiming one name or brand;
        only names whose files changed are looked at again), their new fingerprints and listings,
        and drop their stored key lists where a file's lookup keys changed (inside the caller's
        transaction)."""
        con = self._con
        for dir_, listing in listings.items():
            keys = affected.get(dir_, set())
            base = ("SELECT n.key, MIN(n.label), GROUP_CONCAT(DISTINCT n.path) FROM names n "
                    "JOIN files f ON f.path = n.path WHERE f.dir = ? AND n.kind != 'stem' {} GROUP BY n.key "
                    "HAVING COUNT(DISTINCT f.name_key) > 1 OR COUNT(DISTINCT n.path) > 1")
            if len(keys) > 500:
                con.execute("DELETE FROM conflicts WHERE dir = ?", (dir_,))
                rows = con.execute(base.format(""), (dir_,)).fetchall()
            else:
                rows = []
                for key in keys:
                    con.execute("DELETE FROM conflicts WHERE dir = ? AND key = ?", (dir_, key))
                    rows += con.execute(base.format("AND n.key = ?"), (dir_, key)).fetchall()
            for key, label, paths in rows:
                files = sorted(set(paths.split(",")))
                more = f" and {len(files) - 2} more" if len(files) > 2 else ""
                con.execute("INSERT INTO conflicts VALUES (?, ?, ?, ?)",
                            (dir_, key, files[1], f"{label!r} is also claimed by {files[0]}{more}"))
            if dir_ in self._renamed_dirs:  # some file's lookup keys changed: rebuilt when next needed
                con.execute("DELETE FROM meta WHERE key = ?", ("keys:" + dir_,))
            fingerprint = self._fingerprints.get(dir_)
            if fingerprint is None:  # something could not be read: compare with the rows next time
                con.execute("DELETE FROM meta WHERE key IN (?, ?)", ("fp:" + dir_, "listing:" + dir_))
            else:
                con.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)",
                                [("fp:" + dir_, fingerprint), ("listing:" + dir_, listing.to_bytes())])

    def _collect_problems(self) -> None:
        placeholders, dirs = self._dir_params()
        if not dirs:
            return
        for path, line, err in self._con.execute(
                f"SELECT path, err_line, err FROM files WHERE ok = 0 AND dir IN ({placeholders}) ORDER BY path", dirs):
            self.problems.append(Problem(path, line, err))
        for path, line, err in self._con.execute(
                f"SELECT path, err_line, err FROM vocab WHERE ok = 0 AND dir IN ({placeholders}) ORDER BY path", dirs):
            self.problems.append(Problem(path, line, err))
        for path, message in self._con.execute(
                f"SELECT path, message FROM conflicts WHERE dir IN ({placeholders}) ORDER BY path", dirs):
            self.problems.append(Problem(path, None, message, "conflict"))

    # ------------------------------------------------------------------ queries
    def _dir_params(self) -> tuple[str, list[str]]:
        return ",".join("?" * len(self.dirs)), [d.path for d in self.dirs]

    def _winners(self, rows: Iterable[tuple]) -> dict[str, tuple]:
        """Of rows (path, dir, name_key, ...), the one file that serves each drug name.

        A later directory overrides an earlier one; within a directory the first file
        in name order wins (the clash is reported as a problem)."""
        best: dict[str, tuple] = {}
        for row in rows:
            current = best.get(row[2])
            if current is None:
                best[row[2]] = row
                continue
            rank, current_rank = self._ranks.get(row[1], -1), self._ranks.get(current[1], -1)
            if rank > current_rank or (rank == current_rank and row[0] < current[0]):
                best[row[2]] = row
        return best

    def _entry(self, path: str, dir_: str, key: str, name: str, summary: str, overrides: str | None = None) -> Entry:
        data = marshal.loads(summary)
        return Entry(name, path, self._origins.get(dir_, "user"), tuple(data["brand_names"]), tuple(data["aliases"]),
                     tuple(data["classes"]), data["last_modified"], data["is_banned"], overrides)

    def entries(self) -> list[Entry]:
        """Every drug the library serves, in name order."""
        placeholders, dirs = self._dir_params()
        if not dirs:
            return []
        rows = self._con.execute(f"SELECT path, dir, name_key, name, summary FROM files WHERE ok = 1 AND dir IN ({placeholders})",
                                 dirs).fetchall()
        in_order = lambda row: (row[2], row[0])  # noqa: E731 (the stored name key, then the file)
        if not self._shadowing():
            return [self._entry(*row) for row in sorted(rows, key=in_order)]
        winners = self._winners(rows)
        by_key: dict[str, list[tuple]] = {}
        for row in rows:
            by_key.setdefault(row[2], []).append(row)
        out = []
        for row in sorted(winners.values(), key=in_order):
            hidden = [r[0] for r in by_key[row[2]] if r[0] != row[0] and r[1] != row[1]]
            out.append(self._entry(*row, overrides=min(hidden) if hidden else None))
        return out

    def lookup_key(self, key: str) -> list[tuple[Entry, str, str]]:
        """Drugs whose name, brand, alias, INN or file stem has this lookup key: (entry, kind, label)."""
        placeholders, dirs = self._dir_params()
        if not dirs or not key:
            return []
        rows = self._con.execute(
            f"SELECT f.path, f.dir, f.name_key, f.name, f.summary, n.kind, n.label FROM names n JOIN files f ON f.path = n.path "
            f"WHERE n.key = ? AND f.ok = 1 AND f.dir IN ({placeholders})", [key, *dirs]).fetchall()
        out = []
        seen = set()
        for row in rows:
            winner = self._winner_for(row[2])
            if winner is None or winner[0] != row[0] or row[0] in seen:
                continue
            seen.add(row[0])
            out.append((self._entry(*row[:5]), row[5], row[6]))
        return out

    def _winner_for(self, key: str) -> tuple | None:
        placeholders, dirs = self._dir_params()
        rows = self._con.execute(
            f"SELECT path, dir, name_key FROM files WHERE ok = 1 AND name_key = ? AND dir IN ({placeholders})",
            [key, *dirs]).fetchall()
        return self._winners(rows).get(key)

    def all_names(self) -> list[tuple[str, str, str, str]]:
        """(lookup key, kind, label, file) of every name of every served drug (computed once a call)."""
        if self._all_names is not None:
            return self._all_names
        placeholders, dirs = self._dir_params()
        if not dirs:
            return []
        if not self._shadowing():  # every file serves its own drug: no override to work out
            names = self._con.execute(f"SELECT key, kind, label, path FROM names WHERE dir IN ({placeholders})",
                                      dirs).fetchall()
        else:
            rows = self._con.execute(
                f"SELECT n.key, n.kind, n.label, f.path, f.dir, f.name_key FROM names n JOIN files f ON f.path = n.path "
                f"WHERE f.ok = 1 AND f.dir IN ({placeholders})", dirs).fetchall()
            winners = {r[0] for r in self._winners((r[3], r[4], r[5]) for r in rows).values()}
            names = [(r[0], r[1], r[2], r[3]) for r in rows if r[3] in winners]
        self._all_names = names
        return names

    def name_keys(self) -> tuple[list[str], Callable[[int], str]]:
        """Every served name's lookup key, and a function from a key's position to the file it names:
        what fuzzy matching needs (only the few best keys are ever mapped to their files)."""
        if self._name_keys is not None:
            return self._name_keys
        if self._shadowing():
            rows = self.all_names()
            paths = [path for _, _, _, path in rows]
            self._name_keys = ([key for key, _, _, _ in rows], paths.__getitem__)
            return self._name_keys
        keys: list[str] = []
        starts: list[int] = []
        parts: list[tuple[list[int], list[str]]] = []
        for dir_ in self._dir_params()[1]:  # one stored list a directory (dropped when a name in it changes)
            dir_keys, indexes, paths = self._stored_keys(dir_)
            starts.append(len(keys))
            parts.append((indexes, paths))
            keys += dir_keys

        def file_at(position: int) -> str:
            part = bisect_right(starts, position) - 1
            indexes, paths = parts[part]
            return paths[indexes[position - starts[part]]]

        self._name_keys = (keys, file_at)
        return self._name_keys

    def served_keys(self, keys: Iterable[str]) -> set[str]:
        """Which of these lookup keys name a drug in this call's directories."""
        keys = list(keys)
        placeholders, dirs = self._dir_params()
        if not keys or not dirs:
            return set()
        if self._shadowing():  # only the files that win their drug serve their names
            served = {key for key, _, _, _ in self.all_names()}
            return {key for key in keys if key in served}
        # `+n.dir`: search by key (a few rows), never by directory (every name in it)
        return {row[0] for row in self._con.execute(
            f"SELECT DISTINCT n.key FROM names n JOIN files f ON f.path = n.path WHERE f.ok = 1 "
            f"AND n.key IN ({','.join('?' * len(keys))}) AND +n.dir IN ({placeholders})", [*keys, *dirs])}

    def _stored_keys(self, dir_: str) -> tuple[list[str], list[int], list[str]]:
        """A directory's name keys, each with the index of its file in a list of files, as one blob."""
        blob_key = "keys:" + dir_
        row = self._con.execute("SELECT value FROM meta WHERE key = ?", (blob_key,)).fetchone()
        if row is not None:
            return marshal.loads(row[0])

        def build():
            rows = self._con.execute("SELECT key, path FROM names WHERE dir = ?", (dir_,)).fetchall()
            paths: dict[str, int] = {}
            indexes = [paths.setdefault(path, len(paths)) for _, path in rows]
            return [key for key, _ in rows], indexes, list(paths)

        try:  # read and store in one write transaction, so a concurrent update cannot leave it stale
            self._con.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError:  # busy or read-only: answer from the rows, store nothing
            return build()
        try:
            value = build()
            self._con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (blob_key, marshal.dumps(value)))
            self._con.execute("COMMIT")
        except BaseException:
            self._con.execute("ROLLBACK")
            raise
        return value

    def label_for(self, key: str, path: str) -> str:
        """The name as written (generic, brand or alias) that has this lookup key in this file."""
        row = self._con.execute("SELECT label FROM names WHERE key = ? AND path = ? LIMIT 1", (key, path)).fetchone()
        return row[0] if row else key

    def entry_for_file(self, path: str) -> Entry:
        row = self._con.execute("SELECT path, dir, name_key, name, summary FROM files WHERE path = ? AND ok = 1",
                                (path,)).fetchone()
        if row is None:
            raise KeyError(path)
        return self._entry(*row)

    def monograph(self, entry: Entry):
        """The whole parsed monograph of an entry."""
        from .monograph import monograph_from_record

        row = self._con.execute("SELECT r.record FROM files f JOIN records r ON r.file_id = f.rowid "
                                "WHERE f.path = ?", (entry.file,)).fetchone()
        if row is None or row[0] is None:
            raise KeyError(entry.file)
        return monograph_from_record(marshal.loads(row[0]))

    @property
    def vocabulary(self):
        """The class vocabulary merged from every directory's `classes.yaml` (later dirs add)."""
        if self._vocabulary is None:
            from .vocabulary import Vocabulary

            placeholders, dirs = self._dir_params()
            records = []
            if dirs:
                rows = self._con.execute(f"SELECT dir, record FROM vocab WHERE ok = 1 AND dir IN ({placeholders})",
                                         dirs).fetchall()
                rows.sort(key=lambda r: self._ranks.get(r[0], -1))
                records = [marshal.loads(r[1]) for r in rows]
            self._vocabulary = Vocabulary.from_records(records)
        return self._vocabulary

    def _serves(self, path: str) -> bool:
        """Whether this file is the one that serves its drug in this call's directories."""
        if os.path.dirname(path) not in self._ranks:
            return False
        if not self._shadowing():
            return True
        row = self._con.execute("SELECT name_key FROM files WHERE path = ? AND ok = 1", (path,)).fetchone()
        winner = self._winner_for(row[0]) if row else None
        return winner is not None and winner[0] == path

    def _shadowing(self) -> bool:
        """Whether any drug name is claimed by more than one file in this call's directories.
        Remembered in the index for this set of directories while their fingerprints stay the same
        (the query reads every file row: 10 ms at 10,000 files)."""
        if self._shadowed is None:
            placeholders, dirs = self._dir_params()
            fingerprints = [self._fingerprints.get(d) for d in dirs]
            memo_key = "shadowing:" + "\0".join(dirs)
            stamp = "\0".join(fingerprints) if dirs and all(fingerprints) else None
            if stamp is not None:
                row = self._con.execute("SELECT value FROM meta WHERE key = ?", (memo_key,)).fetchone()
                if row is not None and row[0][:-2] == stamp:
                    self._shadowed = row[0][-1] == "1"
                    return self._shadowed
            self._shadowed = bool(dirs) and self._con.execute(
                f"SELECT 1 FROM files WHERE ok = 1 AND dir IN ({placeholders}) GROUP BY name_key "
                f"HAVING COUNT(*) > 1 LIMIT 1", dirs).fetchone() is not None
            if stamp is not None:
                self._remember(memo_key, f"{stamp}\1{int(self._shadowed)}")
        return self._shadowed

    def _remember(self, key: str, value: str) -> None:
        """Store a derived value in the index if it can be done at once; it is only a shortcut."""
        con = self._con
        try:
            con.execute("PRAGMA busy_timeout = 0")
            con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))
        except sqlite3.Error:  # busy, read-only or full: answer without storing
            pass
        finally:
            con.execute("PRAGMA busy_timeout = 30000")

    def search(self, query: str, limit: int = 10, section: str | None = None) -> list[SearchHit]:
        """Ranked full-text matches: sections with the exact phrase first, then those with every word
        (each group by FTS5 bm25, section titles weighing more than text)."""
        words = [w for w in "".join(c if c.isalnum() else " " for c in query).split() if w]
        if not words:
            return []
        queries = ['"' + " ".join(words) + '"']
        if len(words) > 1:
            queries.append(" AND ".join(f'"{w}"' for w in words))
        # rank every match, then make snippets for one page of them only; filter by section title
        # only when asked (reading each match's title costs more than ranking it)
        where = "fts MATCH ?1" + (" AND section LIKE ?2 ESCAPE '\\'" if section else "")
        sql = ("SELECT f.rowid, f.path, f.drug, f.section, snippet(fts, 3, char(2), char(3), ' … ', 12), t.r "
               f"FROM (SELECT rowid, bm25(fts, 0, 0, 2.0, 1.0) AS r FROM fts WHERE {where} ORDER BY r LIMIT ?3 OFFSET ?4) t "
               "JOIN fts f ON f.rowid = t.rowid WHERE fts MATCH ?1 ORDER BY t.r")
        pattern = "%" + (section or "").replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        page = max(3 * limit, 30)
        hits: list[SearchHit] = []
        seen: set[int] = set()
        for fts_query in queries:
            offset = 0
            while True:
                rows = self._con.execute(sql, (fts_query, pattern, page, offset)).fetchall()
                for rowid, path, drug, sec, snippet, rank in rows:
                    if rowid in seen or not self._serves(path):
                        continue
                    seen.add(rowid)
                    hits.append(SearchHit(drug, path, sec, snippet, rank))
                    if len(hits) >= limit:
                        return hits
                if len(rows) < page:
                    break
                offset += page
        return hits

    def complete_names(self, prefix: str, limit: int = 50) -> list[str]:
        """Names, brands and aliases starting with `prefix` (case-insensitive), for shell completion."""
        placeholders, dirs = self._dir_params()
        if not dirs:
            return []
        escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        rows = self._con.execute(
            f"SELECT DISTINCT n.label FROM names n JOIN files f ON f.path = n.path WHERE f.ok = 1 AND "
            f"f.dir IN ({placeholders}) AND n.kind != 'stem' AND n.label LIKE ? ESCAPE '\\' ORDER BY n.label LIMIT ?",
            [*dirs, escaped + "%", limit]).fetchall()
        return [r[0] for r in rows]

    def close(self) -> None:
        self._con.close()


_FTS_STRIDE = 10_000  # fts rowids of a file: files.rowid * stride + section number


def _quiet_worker() -> None:
    import logging

    logging.disable(logging.DEBUG)  # markdown-it logs every block rule at debug level: skip the calls


def _index_row(path: str, known_frontmatter: bytes | None = None) -> tuple:
    """Everything the index stores for one file (run in worker processes for big builds)."""
    from .monograph import FrontmatterMemo, monograph_to_record, parse_monograph

    memo = FrontmatterMemo(known_frontmatter)
    try:
        monograph = parse_monograph(path, memo)
    except InvalidMonograph as exc:
        return 0, exc.line, exc.problem, None, None, None, None, (), (), None
    summary = {"brand_names": monograph.brand_names, "aliases": monograph.aliases, "classes": monograph.classes,
               "last_modified": monograph.last_modified, "is_banned": monograph.is_banned}
    return (1, None, None, monograph.name, name_key(monograph.name), marshal.dumps(monograph_to_record(monograph)),
            marshal.dumps(summary), _name_rows(monograph, path), _fts_rows(monograph, path), memo.stored)


def _name_rows(monograph, path: str) -> list[tuple[str, str, str, str]]:
    rows = [(name_key(monograph.name), path, "name", monograph.name)]
    rows += [(name_key(b), path, "brand", b) for b in monograph.brand_names]
    rows += [(name_key(a), path, "alias", a) for a in monograph.aliases]
    if monograph.inn:
        rows.append((name_key(monograph.inn), path, "alias", monograph.inn))
    stem = Path(path).stem
    rows.append((name_key(stem), path, "stem", stem))
    seen = set()
    out = []
    for row in rows:
        if row[0] and (row[0], row[2] if row[2] != "stem" else "name") not in seen and row[0] not in {r[0] for r in out}:
            seen.add((row[0], row[2]))
            out.append(row)
    return out


def _fts_rows(monograph, path: str) -> list[tuple[str, str, str, str]]:
    rows = []
    for section in monograph.walk():
        if section.text.strip():
            rows.append((path, monograph.name, " › ".join(section.path), section.text))
    for faq in monograph.faqs:
        rows.append((path, monograph.name, "FAQs", f"{faq.q}\n{faq.a}"))
    return rows
