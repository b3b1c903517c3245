"""The index's SQLite file: its schema, opening it (or rebuilding it), and every SQL statement."""
from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple

APP_ID = "drugref-index"
FTS_STRIDE = 10_000  # fts rowids of a file: files.id * stride + section number

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);  -- 'app' and 'schema' only
-- each directory as last indexed: the fingerprint and listing of its files (None: read again next
-- time), when that listing was taken, and whether a file's mtime was then too recent to trust (racy)
CREATE TABLE dirs (dir TEXT PRIMARY KEY, fingerprint TEXT, listing BLOB, synced_ns INTEGER,
                   racy INTEGER NOT NULL DEFAULT 0);
CREATE TABLE files (
    id INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused: a stale id can't name another file
    path TEXT NOT NULL UNIQUE, dir TEXT NOT NULL, size INTEGER, mtime_ns INTEGER, ctime_ns INTEGER,
    inode INTEGER, hash BLOB,  -- hash: BLAKE2b of the bytes the row was made from (None: unreadable)
    ok INTEGER NOT NULL, err_line INTEGER, err TEXT, name TEXT, name_key TEXT, summary BLOB
);
CREATE INDEX files_dir ON files(dir);
CREATE INDEX files_name_key ON files(name_key) WHERE ok = 1;
CREATE INDEX files_broken ON files(dir) WHERE ok = 0;  -- the problems every call reports: a few rows, not all
-- parsed monographs apart from the file list: scans of `files` stay a few small pages
CREATE TABLE records (file_id INTEGER PRIMARY KEY, record BLOB NOT NULL,
                      seal BLOB NOT NULL,  -- binds the record to the file's hash and path (records.seal)
                      frontmatter BLOB);  -- its front matter as parsed: reused while the block is unchanged
CREATE TABLE names (file_id INTEGER NOT NULL, key TEXT NOT NULL, kind TEXT NOT NULL, label TEXT NOT NULL);
CREATE INDEX names_key ON names(key);
CREATE INDEX names_file ON names(file_id);
CREATE TABLE conflicts (dir TEXT NOT NULL, key TEXT NOT NULL, path TEXT NOT NULL, message TEXT NOT NULL);
CREATE INDEX conflicts_dir_key ON conflicts(dir, key);
CREATE TABLE vocab (path TEXT PRIMARY KEY, dir TEXT NOT NULL, size INTEGER, mtime_ns INTEGER, ctime_ns INTEGER,
                    inode INTEGER, hash BLOB, ok INTEGER, err_line INTEGER, err TEXT, record BLOB);
-- full text: FTS5 keeps only its inverted index; the text it indexed is read back, for snippets and
-- for deletes, from the file's record (records.section_body, registered on every connection)
CREATE TABLE titles (id INTEGER PRIMARY KEY, title TEXT NOT NULL UNIQUE);  -- section titles, each once
CREATE TABLE sections (id INTEGER PRIMARY KEY, title INTEGER NOT NULL);  -- id: files.id * stride + number
CREATE VIEW fts_source AS
    SELECT s.id AS id, f.path AS path, f.name AS drug, t.title AS section,
           section_body(r.record, r.seal, f.hash, f.path, s.id % 10000) AS body
    FROM sections s JOIN titles t ON t.id = s.title JOIN files f ON f.id = s.id / 10000
    JOIN records r ON r.file_id = f.id;
CREATE VIRTUAL TABLE fts USING fts5(path UNINDEXED, drug UNINDEXED, section, body, content = 'fts_source',
                                    content_rowid = 'id', tokenize = 'porter unicode61');
-- a set of directories in override order (NUL-joined), each directory's rank in it, and per set the
-- one file that serves each drug (see SERVE) with the served lookup keys for fuzzy matching
CREATE TABLE dirsets (id INTEGER PRIMARY KEY, dirs TEXT NOT NULL UNIQUE, name_keys BLOB,
                      used_ns INTEGER);  -- last asked for (kept to the day): sets unused for long are pruned
CREATE TABLE dirset_dirs (dirset INTEGER NOT NULL, dir TEXT NOT NULL, rank INTEGER NOT NULL,
                          PRIMARY KEY (dirset, dir)) WITHOUT ROWID;
CREATE INDEX dirset_dirs_dir ON dirset_dirs(dir);
CREATE TABLE served (dirset INTEGER NOT NULL, file_id INTEGER NOT NULL, name_key TEXT NOT NULL,
                     overrides TEXT,  -- the file of the same drug in another directory that this one hides
                     PRIMARY KEY (dirset, file_id)) WITHOUT ROWID;
CREATE INDEX served_name_key ON served(dirset, name_key);
CREATE VIEW served_names AS
    SELECT s.dirset, n.key, n.kind, n.label, n.file_id FROM served s JOIN names n ON n.file_id = s.file_id;
"""

# The override rule, stated once: of the readable files claiming a drug name, a later directory's
# wins, and within a directory the first file in path order (the clash is reported as a conflict).
SERVE = """
INSERT INTO served (dirset, file_id, name_key)
SELECT ?1, id, name_key FROM (
    SELECT f.id, f.name_key,
           ROW_NUMBER() OVER (PARTITION BY f.name_key ORDER BY d.rank DESC, f.path) AS place
    FROM {files} JOIN dirset_dirs d ON d.dir = f.dir AND d.dirset = ?1
    WHERE f.ok = 1
) WHERE place = 1
"""
_ALL_FILES = "files f"
_AFFECTED_FILES = "temp.affected a CROSS JOIN files f ON f.name_key = a.key"  # by name, never the whole directory
HIDDEN = """
UPDATE served SET overrides = (
    SELECT MIN(f.path) FROM files f JOIN dirset_dirs d ON d.dir = f.dir AND d.dirset = served.dirset
    WHERE f.ok = 1 AND f.name_key = served.name_key
      AND f.dir != (SELECT w.dir FROM files w WHERE w.id = served.file_id))
WHERE dirset = ?1 {only}
"""
_AFFECTED = "AND {column} IN (SELECT key FROM temp.affected)"


def schema_version() -> str:
    from .records import code_checksum, record_types, schema_version

    return schema_version(record_types(), SCHEMA, code_checksum())


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


class DirState(NamedTuple):
    """A directory as last indexed."""

    fingerprint: str | None
    listing: bytes | None
    synced_ns: int  # the clock when that listing was taken
    racy: bool  # some file's mtime was within scan.RACY_NS of it: its content is checked each call


class Store:
    """One connection to the index; the only place that speaks SQL."""

    def __init__(self, con: sqlite3.Connection, where: str, readonly: bool = False) -> None:
        self.con, self.where, self.readonly = con, where, readonly

    # ------------------------------------------------------------------ opening
    @classmethod
    def memory(cls) -> Store:
        """An empty index in memory."""
        return cls(_new_db(":memory:"), ":memory:")

    @classmethod
    def connect(cls, path: Path | str, readonly: bool = False) -> Store:
        """A connection to an existing index file, not yet checked (see `problem`); `readonly`
        opens it so (a read-only cache directory holding a valid index is still used)."""
        if readonly:
            con = _functions(sqlite3.connect(Path(path).absolute().as_uri() + "?mode=ro", uri=True, timeout=30,
                                             isolation_level=None))
            con.execute("PRAGMA busy_timeout = 30000")
        else:
            con = _connect(path)
        return cls(con, str(path), readonly)

    @classmethod
    def create(cls, path: Path) -> Store:
        """A new index file with the schema, readable and writable by its owner only."""
        discard(path)
        con = _new_db(str(path))
        _private(path)
        return cls(con, str(path))

    def problem(self) -> str | None:
        """Why this file is not an index this version can use (`corrupt`, `not a drugref index`,
        `from another version`), or None. Pages are not all read here: a corrupt page found later
        is reported by SQLite, and the catalog heals then."""
        try:
            rows = dict(self.con.execute("SELECT key, value FROM meta").fetchall())
        except sqlite3.OperationalError as exc:
            return "not a drugref index" if "no such table" in str(exc) else "corrupt"
        except sqlite3.DatabaseError:
            return "corrupt"
        except ValueError:  # meta rows that are not (key, value) pairs
            return "not a drugref index"
        if rows.get("app") != APP_ID:
            return "not a drugref index"
        return None if rows.get("schema") == schema_version() else "from another version"

    def copy_to_memory(self) -> Store:
        """This index copied into memory, to be brought up to date where the file can't be written."""
        con = _functions(sqlite3.connect(":memory:", isolation_level=None))
        self.con.backup(con)
        return Store(con, ":memory:")

    def copy_to(self, path: Path) -> Store:
        """This index copied into a new file (readable by its owner only), to be updated aside."""
        discard(path)
        con = _connect(path)
        _private(path)
        self.con.backup(con)
        return Store(con, str(path))

    def close(self) -> None:
        self.con.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction: everything in it is committed together, or nothing is (when
        SQLite has already rolled it back itself, e.g. on a full disk, nothing more is said)."""
        self.con.execute("BEGIN IMMEDIATE")
        try:
            yield
            self.con.execute("COMMIT")
        except BaseException:
            if self.con.in_transaction:
                try:
                    self.con.execute("ROLLBACK")
                except sqlite3.Error:
                    pass
            raise

    # ------------------------------------------------------------------ directories (sync)
    def dir_state(self, dir_: str) -> DirState | None:
        """The directory as last indexed, or None for a directory never indexed."""
        row = self.con.execute("SELECT fingerprint, listing, synced_ns, racy FROM dirs WHERE dir = ?",
                               (dir_,)).fetchone()
        return None if row is None else DirState(row[0], row[1], row[2] or 0, bool(row[3]))

    def set_dir_state(self, dir_: str, fingerprint: str | None, listing: bytes | None, synced_ns: int,
                      racy: bool) -> None:
        self.con.execute("INSERT OR REPLACE INTO dirs VALUES (?, ?, ?, ?, ?)",
                         (dir_, fingerprint, listing, synced_ns, int(racy)))

    def indexed_stats(self, dir_: str) -> list[tuple[str, int, int, int, int]]:
        """(path, size, mtime_ns, ctime_ns, inode) of every file and vocabulary indexed from a directory."""
        return [row for table in ("files", "vocab") for row in self.con.execute(
            f"SELECT path, size, mtime_ns, ctime_ns, inode FROM {table} WHERE dir = ?", (dir_,))]

    def indexed_hashes(self, paths: list[str]) -> dict[str, bytes | None]:
        """The content hash each of these files (or vocabularies) was indexed from."""
        found: dict[str, bytes | None] = {}
        for path in paths:
            for table in ("files", "vocab"):
                row = self.con.execute(f"SELECT hash FROM {table} WHERE path = ?", (path,)).fetchone()
                if row is not None:
                    found[path] = row[0]
        return found

    def unreadable_files(self, dir_: str) -> list[str]:
        """Files that could not be read last time (read errors are not cached: permissions may
        change without touching the mtime)."""
        return [p for (p,) in self.con.execute(
            "SELECT path FROM files WHERE dir = ? AND ok = 0 AND err LIKE 'cannot read%'", (dir_,))]

    # ------------------------------------------------------------------ files (sync)
    def file_state(self, path: str) -> tuple[int, int, str | None, list[tuple[str, str, str]], bytes | None] | None:
        """(id, ok, name_key, sorted name rows, front matter as parsed) of an indexed file."""
        row = self.con.execute("SELECT f.id, f.ok, f.name_key, r.frontmatter FROM files f "
                               "LEFT JOIN records r ON r.file_id = f.id WHERE f.path = ?", (path,)).fetchone()
        if row is None:
            return None
        names = sorted(self.con.execute("SELECT key, kind, label FROM names WHERE file_id = ?", (row[0],)))
        return row[0], row[1], row[2], names, row[3]

    def drop_file_content(self, file_id: int) -> None:
        ids = (file_id * FTS_STRIDE, file_id * FTS_STRIDE + FTS_STRIDE - 1)
        # an external-content index is told what it indexed, read back before the rows go
        self.con.execute("INSERT INTO fts (fts, rowid, path, drug, section, body) SELECT 'delete', id, path, drug, "
                         "section, body FROM fts_source WHERE id BETWEEN ? AND ?", ids)
        self.con.execute("DELETE FROM sections WHERE id BETWEEN ? AND ?", ids)
        self.con.execute("DELETE FROM records WHERE file_id = ?", (file_id,))
        self.con.execute("DELETE FROM names WHERE file_id = ?", (file_id,))

    def delete_file(self, file_id: int) -> None:
        """A file's rows (its served rows go when `serve` is next run for its drug name)."""
        self.drop_file_content(file_id)
        self.con.execute("DELETE FROM files WHERE id = ?", (file_id,))

    def write_file(self, file_id: int | None, path: str, stat: tuple[int, int, int, int], digest: bytes | None,
                   ok: bool, err_line: int | None, err: str | None, name: str | None, key: str | None,
                   summary: bytes | None) -> int:
        """Insert or update a file's row (an update keeps its id); `stat` is (size, mtime_ns,
        ctime_ns, inode) from the listing; returns the id."""
        values = (os.path.dirname(path), *stat, digest, int(ok), err_line, err, name, key, summary)
        if file_id is None:
            return self.con.execute("INSERT INTO files (path, dir, size, mtime_ns, ctime_ns, inode, hash, ok, "
                                    "err_line, err, name, name_key, summary) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                                    (path, *values)).lastrowid or 0
        self.con.execute("UPDATE files SET dir = ?, size = ?, mtime_ns = ?, ctime_ns = ?, inode = ?, hash = ?, ok = ?, "
                         "err_line = ?, err = ?, name = ?, name_key = ?, summary = ? WHERE id = ?", (*values, file_id))
        return file_id

    def write_content(self, file_id: int, record: bytes, record_seal: bytes, frontmatter: bytes | None,
                      names: Iterable[tuple[str, str, str]], sections: list[tuple[str, str, str, str]]) -> None:
        """A readable file's record, names (key, kind, label) and full-text sections."""
        self.con.execute("INSERT INTO records VALUES (?, ?, ?, ?)", (file_id, record, record_seal, frontmatter))
        self.con.executemany("INSERT INTO names VALUES (?, ?, ?, ?)", [(file_id, *row) for row in names])
        base = file_id * FTS_STRIDE
        rows = [(base + i, *row) for i, row in enumerate(sections[:FTS_STRIDE])]
        self.con.executemany("INSERT OR IGNORE INTO titles (title) VALUES (?)", [(row[3],) for row in rows])
        self.con.executemany("INSERT INTO sections VALUES (?, (SELECT id FROM titles WHERE title = ?))",
                             [(row[0], row[3]) for row in rows])
        self.con.executemany("INSERT INTO fts (rowid, path, drug, section, body) VALUES (?,?,?,?,?)", rows)

    def replace_vocab(self, paths: Iterable[str], rows: list[tuple[Any, ...]]) -> None:
        """Drop these vocabulary files' rows, then write `rows` (path, dir, size, mtime, ctime, inode,
        hash, ok, line, err, record)."""
        self.con.executemany("DELETE FROM vocab WHERE path = ?", [(p,) for p in paths])
        self.con.executemany("INSERT INTO vocab VALUES (?,?,?,?,?,?,?,?,?,?,?)", rows)

    def refresh_conflicts(self, dir_: str, keys: set[str] | None) -> None:
        """Name clashes within a directory (two files claiming one name or brand), for these name
        keys, or (None) all of them."""
        base = ("SELECT n.key, MIN(n.label), GROUP_CONCAT(DISTINCT f.path) FROM names n "
                "JOIN files f ON f.id = n.file_id WHERE f.dir = ? AND n.kind != 'stem' {} GROUP BY n.key "
                "HAVING COUNT(DISTINCT f.name_key) > 1 OR COUNT(DISTINCT f.path) > 1")
        con = self.con
        if keys is None:
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

    # ------------------------------------------------------------------ sets of directories (sync)
    def dirset_id(self, dirs: list[str]) -> int | None:
        row = self.con.execute("SELECT id FROM dirsets WHERE dirs = ?", ("\0".join(dirs),)).fetchone()
        return None if row is None else int(row[0])

    def dirset_used(self, dirset: int) -> int:
        """When a set of directories was last asked for (to the day: see `touch`), in ns."""
        row = self.con.execute("SELECT used_ns FROM dirsets WHERE id = ?", (dirset,)).fetchone()
        return int(row[0] or 0) if row else 0

    def touch(self, dirset: int, now_ns: int) -> None:
        self.con.execute("UPDATE dirsets SET used_ns = ? WHERE id = ?", (now_ns, dirset))

    def prune(self, keep: int | None, before_ns: int, gone: Callable[[str], bool]) -> int:
        """Forget the sets of directories (other than `keep`) last asked for before `before_ns`
        or naming a directory that is `gone`, then every directory no set names any more, with
        all its rows; the pages freed are given back to the file system. Returns how many
        directories went."""
        con = self.con
        for dirset, dirs, used in con.execute("SELECT id, dirs, used_ns FROM dirsets WHERE id IS NOT ?",
                                              (keep,)).fetchall():
            if (used or 0) >= before_ns and not any(gone(d) for d in dirs.split("\0")):
                continue
            for table, column in (("served", "dirset"), ("dirset_dirs", "dirset"), ("dirsets", "id")):
                con.execute(f"DELETE FROM {table} WHERE {column} = ?", (dirset,))
        orphans = [row[0] for row in con.execute(
            "SELECT dir FROM files UNION SELECT dir FROM vocab UNION SELECT dir FROM dirs "
            "EXCEPT SELECT dir FROM dirset_dirs")]
        for dir_ in orphans:
            for (file_id,) in con.execute("SELECT id FROM files WHERE dir = ?", (dir_,)).fetchall():
                self.delete_file(file_id)
            for table in ("vocab", "conflicts", "dirs"):
                con.execute(f"DELETE FROM {table} WHERE dir = ?", (dir_,))
        if orphans:  # merge the full-text segments the deletes left, then give the free pages back
            con.execute("INSERT INTO fts (fts) VALUES ('optimize')")
            for _ in range(con.execute("PRAGMA freelist_count").fetchone()[0]):
                con.execute("PRAGMA incremental_vacuum")  # from Python, one page a call
        return len(orphans)

    def create_dirset(self, dirs: list[str]) -> int:
        dirset = self.con.execute("INSERT INTO dirsets (dirs) VALUES (?)", ("\0".join(dirs),)).lastrowid or 0
        ranks = {d: rank for rank, d in enumerate(dirs)}  # a directory named twice ranks where named last
        self.con.executemany("INSERT INTO dirset_dirs VALUES (?, ?, ?)", [(dirset, d, r) for d, r in ranks.items()])
        return dirset

    def dirsets_with(self, dirs: Iterable[str]) -> set[int]:
        return {row[0] for d in dirs for row in self.con.execute("SELECT dirset FROM dirset_dirs WHERE dir = ?", (d,))}

    def serve(self, dirset: int, name_keys: set[str] | None) -> None:
        """Work out again which file serves each of these drug names (None: every name) in a set of
        directories, and the lookup keys fuzzy matching reads (patched where only some changed)."""
        from .records import decode_name_keys, encode_name_keys

        con = self.con
        if name_keys is None:
            con.execute("DELETE FROM served WHERE dirset = ?", (dirset,))
            con.execute(SERVE.format(files=_ALL_FILES), (dirset,))
            con.execute(HIDDEN.format(only=""), (dirset,))
            rows = con.execute("SELECT key, file_id FROM served_names WHERE dirset = ? ORDER BY file_id, key",
                               (dirset,)).fetchall()
            keys, file_ids = [r[0] for r in rows], [r[1] for r in rows]
        else:
            con.execute("CREATE TEMP TABLE IF NOT EXISTS affected (key TEXT PRIMARY KEY)")
            con.execute("DELETE FROM temp.affected")
            con.executemany("INSERT OR IGNORE INTO temp.affected VALUES (?)", [(k,) for k in name_keys])
            among = "SELECT file_id FROM served WHERE dirset = ? AND name_key IN (SELECT key FROM temp.affected)"
            before = {r[0] for r in con.execute(among, (dirset,))}
            con.execute(f"DELETE FROM served WHERE dirset = ? AND file_id IN ({among})", (dirset, dirset))
            con.execute(SERVE.format(files=_AFFECTED_FILES), (dirset,))
            con.execute(HIDDEN.format(only=_AFFECTED.format(column="name_key")), (dirset,))
            after = {r[0] for r in con.execute(among, (dirset,))}
            row = con.execute("SELECT name_keys FROM dirsets WHERE id = ?", (dirset,)).fetchone()
            keys, file_ids = decode_name_keys(row[0]) if row and row[0] is not None else ([], [])
            kept = [(k, f) for k, f in zip(keys, file_ids) if f not in before | after]
            for file_id in sorted(after):
                kept += [(k, file_id) for (k,) in con.execute(
                    "SELECT key FROM names WHERE file_id = ? ORDER BY key", (file_id,))]
            keys, file_ids = [k for k, _ in kept], [f for _, f in kept]
        con.execute("UPDATE dirsets SET name_keys = ? WHERE id = ?", (encode_name_keys(keys, file_ids), dirset))

    # ------------------------------------------------------------------ reads (catalog)
    _ENTRY = "f.path, f.dir, f.name, f.summary"

    def served_entries(self, dirset: int) -> list[tuple[Any, ...]]:
        """(path, dir, name, summary, overrides) of every served file, by drug name key then path."""
        return self.con.execute(f"SELECT {self._ENTRY}, s.overrides FROM served s JOIN files f ON f.id = s.file_id "
                                "WHERE s.dirset = ? ORDER BY s.name_key, f.path", (dirset,)).fetchall()

    def lookup(self, dirset: int, key: str) -> list[tuple[Any, ...]]:
        """(path, dir, name, summary, kind, label) of the served files answering to this lookup key."""
        return self.con.execute(f"SELECT {self._ENTRY}, n.kind, n.label FROM served_names n "
                                "JOIN files f ON f.id = n.file_id WHERE n.dirset = ? AND n.key = ? "
                                "GROUP BY f.id ORDER BY f.path", (dirset, key)).fetchall()

    def name_keys(self, dirset: int) -> tuple[list[str], list[int]]:
        from .records import decode_name_keys

        row = self.con.execute("SELECT name_keys FROM dirsets WHERE id = ?", (dirset,)).fetchone()
        return decode_name_keys(row[0]) if row and row[0] is not None else ([], [])

    def path_of(self, file_id: int) -> str:
        return str(self.con.execute("SELECT path FROM files WHERE id = ?", (file_id,)).fetchone()[0])

    def served_among(self, dirset: int, keys: list[str]) -> set[str]:
        found: set[str] = set()
        for start in range(0, len(keys), 500):
            part = keys[start:start + 500]
            found.update(row[0] for row in self.con.execute(
                f"SELECT DISTINCT key FROM served_names WHERE dirset = ? AND key IN ({','.join('?' * len(part))})",
                [dirset, *part]))
        return found

    def served_names(self, dirset: int) -> list[tuple[str, str, str, str]]:
        """(lookup key, kind, label, path) of every name of every served file."""
        return self.con.execute("SELECT n.key, n.kind, n.label, f.path FROM served_names n "
                                "JOIN files f ON f.id = n.file_id WHERE n.dirset = ?", (dirset,)).fetchall()

    def label(self, key: str, path: str) -> str | None:
        row = self.con.execute("SELECT n.label FROM names n JOIN files f ON f.id = n.file_id "
                               "WHERE n.key = ? AND f.path = ? LIMIT 1", (key, path)).fetchone()
        return None if row is None else str(row[0])

    def file_entry(self, path: str) -> tuple[Any, ...] | None:
        row: tuple[Any, ...] | None = self.con.execute(
            f"SELECT {self._ENTRY} FROM files f WHERE f.path = ? AND f.ok = 1", (path,)).fetchone()
        return row

    def record(self, path: str) -> tuple[bytes, bytes | None, bytes] | None:
        """(record, the file's hash, the record's seal) of an indexed file."""
        row = self.con.execute("SELECT r.record, f.hash, r.seal FROM files f JOIN records r ON r.file_id = f.id "
                               "WHERE f.path = ?", (path,)).fetchone()
        return None if row is None else (bytes(row[0]), row[1], bytes(row[2]))

    def vocab_records(self, dirs: list[str]) -> list[tuple[str, bytes]]:
        """(dir, record) of the readable vocabulary files of these directories."""
        return self.con.execute(f"SELECT dir, record FROM vocab WHERE ok = 1 AND dir IN ({','.join('?' * len(dirs))})",
                                dirs).fetchall()

    def problems(self, dirs: list[str]) -> list[tuple[str, int | None, str, str]]:
        """(file, line, message, kind) of unreadable files and vocabularies, then name clashes."""
        marks = ",".join("?" * len(dirs))
        return self.con.execute(
            f"SELECT path, err_line, err, 'skipped' FROM files WHERE ok = 0 AND dir IN ({marks}) "
            f"UNION ALL SELECT path, err_line, err, 'skipped' FROM vocab WHERE ok = 0 AND dir IN ({marks}) "
            f"UNION ALL SELECT path, NULL, message, 'conflict' FROM conflicts WHERE dir IN ({marks}) "
            "ORDER BY 4 DESC, 1", [*dirs, *dirs, *dirs]).fetchall()

    def search(self, fts_query: str, section: str | None, limit: int, offset: int,
               dirset: int) -> list[tuple[Any, ...]]:
        """One page of full-text matches in the files a set of directories serves, best first:
        (match id, file id, path, drug, section, snippet, rank); section titles weigh more than
        text, and the match is marked \\x02 ... \\x03."""
        where = (f"fts MATCH ?1 AND rowid / {FTS_STRIDE} IN (SELECT file_id FROM served WHERE dirset = ?5)"
                 + (" AND rowid IN (SELECT s.id FROM sections s JOIN titles t ON t.id = s.title "
                    "WHERE t.title LIKE ?2 ESCAPE '\\')" if section else ""))
        pattern = "%" + _escape_like(section or "") + "%"
        # rank every match in a served file, then make snippets for one page of them only (a
        # snippet reads its section's text back from the record)
        sql = (f"SELECT f.rowid, f.rowid / {FTS_STRIDE}, f.path, f.drug, f.section, "
               "snippet(fts, 3, char(2), char(3), ' … ', 12), t.r "
               f"FROM (SELECT rowid, bm25(fts, 0, 0, 2.0, 1.0) AS r FROM fts WHERE {where} ORDER BY r "
               "LIMIT ?3 OFFSET ?4) t JOIN fts f ON f.rowid = t.rowid WHERE fts MATCH ?1 ORDER BY t.r")
        return self.con.execute(sql, (fts_query, pattern, limit, offset, dirset)).fetchall()

    def complete(self, dirset: int, prefix: str, limit: int) -> list[str]:
        return [r[0] for r in self.con.execute(
            "SELECT DISTINCT label FROM served_names WHERE dirset = ? AND kind != 'stem' "
            "AND label LIKE ? ESCAPE '\\' ORDER BY label LIMIT ?", (dirset, _escape_like(prefix) + "%", limit))]


def _functions(con: sqlite3.Connection) -> sqlite3.Connection:
    """Register what the schema calls (the full-text source's `section_body`)."""
    from .records import section_body

    con.create_function("section_body", 5, section_body, deterministic=True)
    return con


def _connect(path: Path | str) -> sqlite3.Connection:
    con = _functions(sqlite3.connect(path, timeout=30, isolation_level=None))
    con.execute("PRAGMA busy_timeout = 30000")
    return con


def _new_db(where: str) -> sqlite3.Connection:
    con = _functions(sqlite3.connect(where, timeout=30, isolation_level=None))
    con.execute("PRAGMA auto_vacuum = INCREMENTAL")  # pruned rows give their pages back (see prune)
    con.executescript("BEGIN;" + SCHEMA + "COMMIT;")
    con.execute("INSERT INTO meta VALUES ('app', ?), ('schema', ?)", (APP_ID, schema_version()))
    return con


def _private(path: Path) -> None:
    try:
        os.chmod(path, 0o600)
    except OSError:  # pragma: no cover - a file system without modes
        pass


def discard(path: Path) -> None:
    """Remove an index file and its journals, if there."""
    for suffix in ("", "-journal", "-wal", "-shm"):
        try:
            os.unlink(str(path) + suffix)
        except FileNotFoundError:
            pass
