"""Bring the index up to date with the directories: the only code that writes to it.

A directory whose listing (names, sizes, mtimes, ctimes, inodes) is unchanged costs one stat a
file and no reads, except for files whose mtime was too close to the last listing to be trusted
(git's "racy clean" rule, `scan.racy`): their content hash is compared with the stored one.
Otherwise the files added or changed are parsed (by one process per core when there are many),
and their rows, the directory's name clashes, its listing and every set of directories' served
names are written in one transaction."""
from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

from ..errors import InvalidMonograph
from ..text import name_key
from .records import (
    MonographDir,
    NameRow,
    Problem,
    encode_monograph,
    encode_summary,
    encode_vocabulary,
    file_digest,
    seal,
    section_texts,
)
from .scan import VOCABULARY_FILE, Listing, Scan, racy, scan
from .store import DirState, Store

PARALLEL_FROM = 400  # files to parse before a process pool pays for itself
PROGRESS_FROM = 300  # files to parse before a progress bar is worth showing
Progress = Callable[[int, int], None]
Stat = tuple[int, int, int, int]  # size, mtime_ns, ctime_ns, inode


class FileRow(NamedTuple):
    """Everything the index stores for one monograph file (made in a worker process for big builds)."""

    ok: bool
    err_line: int | None
    err: str | None
    name: str | None
    name_key: str | None
    record: bytes | None
    summary: bytes | None
    names: tuple[NameRow, ...]
    sections: tuple[tuple[str, str, str, str], ...]  # (path, drug, section path, text) for full-text search
    frontmatter: bytes | None  # the front matter as parsed, reused while the block is unchanged
    hash: bytes | None  # BLAKE2b of the file's bytes, read before parsing (None: unreadable)
    seal: bytes | None  # records.seal of the record


class Change(NamedTuple):
    """A directory whose listing changed since it was last indexed."""

    dir: str
    scan: Scan
    changed: list[tuple[str, Stat]]  # (name, its stat) added or changed
    removed: list[str]  # names no longer there


def sync(store: Store, dirs: list[MonographDir], on_progress: Progress | None = None,
         scans: Callable[[str], Scan | None] | None = None, fork: bool = False) -> list[Problem]:
    """Index what changed in `dirs`; returns the problems met while listing them (unreadable
    directories or files). `scans` may hand in a directory's scan taken elsewhere (the prescan
    child); `fork` lets the process pool fork its workers (Linux only: elsewhere CPython calls
    it unsafe, and the pool spawns them)."""
    taken = take_scans(dirs, scans)
    if needs_work(store, dirs, taken):
        apply(store, dirs, taken, on_progress, fork)
    return listing_problems(taken)


def take_scans(dirs: list[MonographDir], scans: Callable[[str], Scan | None] | None = None) -> dict[str, Scan]:
    """Each directory's scan: handed in by `scans` (the prescan child's), or taken here."""
    return {p: (scans(p) if scans else None) or scan(p) for p in dict.fromkeys(d.path for d in dirs)}


def listing_problems(taken: dict[str, Scan]) -> list[Problem]:
    return [Problem(file, None, message) for s in taken.values() for file, message in s.errors]


def needs_work(store: Store, dirs: list[MonographDir], taken: dict[str, Scan]) -> bool:
    """Whether the index must be written to answer for `dirs` (reads only)."""
    return store.dirset_id([d.path for d in dirs]) is None or any(
        _stale(store.dir_state(s.path), s, store) for s in taken.values())


def pending(store: Store, taken: dict[str, Scan]) -> int:
    """How many files an `apply` would parse now (reads only)."""
    return sum(len(c.changed) for c in (_diff(store, s) for s in taken.values()) if c is not None)


def apply(store: Store, dirs: list[MonographDir], taken: dict[str, Scan], on_progress: Progress | None = None,
          fork: bool = False) -> None:
    """Write what changed, in one transaction (what another process indexed meanwhile is skipped)."""
    paths = [d.path for d in dirs]
    with store.transaction():
        # looked at again under the write lock: another process may have just indexed the same change
        changes = [c for c in (_diff(store, s) for s in taken.values()) if c is not None]
        renamed = _apply(store, changes, on_progress, fork)
        fresh = None
        if store.dirset_id(paths) is None:
            fresh = store.create_dirset(paths)
            store.serve(fresh, None)
        keys = set().union(*renamed.values())
        for dirset in store.dirsets_with(renamed) - {fresh}:  # every set of directories a changed name is in
            store.serve(dirset, None if len(keys) > 500 else keys)
        tidy(store, store.dirset_id(paths))


UNUSED_NS = 30 * 86_400 * 10**9  # a set of directories not asked for in 30 days is pruned
TOUCH_NS = 86_400 * 10**9  # a set's last use is written at most once a day


def tidy(store: Store, current: int | None) -> None:
    """Mark the current set of directories used, and prune what is no longer served: sets unused
    for `UNUSED_NS` or naming a directory that is gone (renamed, deleted), and the rows of every
    directory no set names (inside the caller's transaction)."""
    from .scan import now_ns

    now = now_ns()
    if current is not None:
        store.touch(current, now)
    store.prune(current, now - UNUSED_NS, lambda d: not os.path.isdir(d))


def _stale(state: DirState | None, taken: Scan, store: Store) -> bool:
    """Whether a directory needs writing: its listing changed, or a file that was racy at the last
    listing has other content now, or is racy no more (its state is then stored as settled)."""
    if state is None or taken.fingerprint is None or state.fingerprint != taken.fingerprint:
        return True
    if not state.racy:
        return False
    return bool(_altered(store, taken, state, set())) or not racy(taken.listing().mtimes_ns, taken.taken_ns)


_CHECKED: dict[tuple[str, int, int], list[str]] = {}  # (dir, listing time, scan time) -> altered racy files


def _altered(store: Store, taken: Scan, state: DirState, skip: set[str]) -> list[str]:
    """Names of the files racy at the last listing (not in `skip`) whose bytes differ from those
    indexed (each file hashed once a call, though asked before and under the write lock)."""
    key = (taken.path, state.synced_ns, taken.taken_ns)
    if key not in _CHECKED:
        listing = taken.listing()
        names = [listing.names[i] for i in racy(listing.mtimes_ns, state.synced_ns)]
        prefix = os.path.join(taken.path, "")
        stored = store.indexed_hashes([prefix + n for n in names]) if names else {}
        _CHECKED[key] = [n for n in names
                         if stored.get(prefix + n) is None or file_digest(prefix + n) != stored[prefix + n]]
    return [n for n in _CHECKED[key] if n not in skip]


def _diff(store: Store, taken: Scan) -> Change | None:
    """What changed in a directory since it was last indexed: compared with the stored listing (a
    direct comparison when no file was added or removed), or, where none is stored, the rows;
    then the racy files' content."""
    state = store.dir_state(taken.path)
    if not _stale(state, taken, store):
        return None
    if state is not None and state.listing is not None:
        old = Listing.from_bytes(state.listing)
        old_names, old_states = old.names, old.states()
    else:
        rows = store.indexed_stats(taken.path)
        old_names, old_states = [os.path.basename(r[0]) for r in rows], [(r[1], r[2], r[3], r[4]) for r in rows]
    listing = taken.listing()
    names, states = listing.names, listing.states()
    if names == old_names:
        changed = [(n, st) for n, st, was in zip(names, states, old_states) if st != was]
        removed: list[str] = []
    else:
        before = dict(zip(old_names, old_states))
        changed = [(n, st) for n, st in zip(names, states) if before.get(n) != st]
        present = set(names)
        removed = [n for n in old_names if n not in present]
    unread = {os.path.basename(p) for p in store.unreadable_files(taken.path)}
    if state is not None and state.racy:
        unread.update(_altered(store, taken, state, {n for n, _ in changed}))
    if unread:
        listed = {n for n, _ in changed}
        changed += [(n, st) for n, st in zip(names, states) if n in unread and n not in listed]
    return Change(taken.path, taken, changed, removed)


def _apply(store: Store, changes: list[Change], on_progress: Progress | None, fork: bool) -> dict[str, set[str]]:
    """Write the changes (inside the caller's transaction); returns, per directory, the drug name
    keys whose files' names changed (their served file may be another now)."""
    renamed: dict[str, set[str]] = {}
    clashes: dict[str, set[str]] = {}  # per directory, the lookup keys whose claims may have changed
    stale: list[tuple[str, Stat]] = []  # (path, stat) of monographs to parse
    vocab_rows: list[tuple[Any, ...]] = []
    vocab_paths: list[str] = []
    for change in changes:
        prefix = os.path.join(change.dir, "")
        for name in change.removed:
            path = prefix + name
            if name == VOCABULARY_FILE:
                vocab_paths.append(path)
                continue
            state = store.file_state(path)
            if state is not None:
                file_id, _, key, names, _ = state
                renamed.setdefault(change.dir, set()).add(key or "")
                clashes.setdefault(change.dir, set()).update(k for k, _, _ in names)
                store.delete_file(file_id)
        for name, stat in change.changed:
            if name == VOCABULARY_FILE:
                vocab_paths.append(prefix + name)
                vocab_rows.append(_vocab_row(prefix + name, stat))
            else:
                stale.append((prefix + name, stat))
    store.replace_vocab(vocab_paths, vocab_rows)
    states = {path: store.file_state(path) for path, _ in stale}
    known = {path: state[4] for path, state in states.items() if state is not None}
    # rows are written as the parser delivers them, so writing overlaps with parsing
    for (path, stat), row in zip(stale, _parse_all([p for p, _ in stale], known, on_progress, fork)):
        dir_ = os.path.dirname(path)
        state = states[path]
        known_id = None if state is None else state[0]
        if known_id is not None:
            store.drop_file_content(known_id)
        file_id = store.write_file(known_id, path, stat, row.hash, row.ok, row.err_line, row.err, row.name,
                                   row.name_key, row.summary)
        if row.ok and row.record is not None and row.seal is not None:
            store.write_content(file_id, row.record, row.seal, row.frontmatter, row.names, list(row.sections))
        new_names = sorted(tuple(n) for n in row.names) if row.ok else []
        if state is None or (bool(state[1]), state[2], state[3]) != (row.ok, row.name_key, new_names):
            renamed.setdefault(dir_, set()).update(k for k in (row.name_key, None if state is None else state[2]) if k)
        clashes.setdefault(dir_, set()).update(k for k, _, _ in new_names)
        clashes[dir_].update(k for k, _, _ in (state[3] if state else []))
    for change in changes:
        keys = clashes.get(change.dir, set())
        store.refresh_conflicts(change.dir, None if len(keys) > 500 else keys)
        fingerprint = change.scan.fingerprint  # None: something could not be read; compare rows next time
        store.set_dir_state(change.dir, fingerprint, change.scan.listing_bytes() if fingerprint else None,
                            change.scan.taken_ns, bool(racy(change.scan.listing().mtimes_ns, change.scan.taken_ns)))
    return {d: keys for d, keys in renamed.items() if keys}


def _vocab_row(path: str, stat: Stat) -> tuple[Any, ...]:
    """The vocab table's row for a vocabulary file: its record, or why it can't be read."""
    from ..vocabulary import read_vocabulary

    digest = file_digest(path)  # before reading it: a later edit makes the two differ, never agree wrongly
    try:
        record = read_vocabulary(path)
        return path, os.path.dirname(path), *stat, digest, 1, None, None, encode_vocabulary(record)
    except InvalidMonograph as exc:
        return path, os.path.dirname(path), *stat, digest, 0, exc.line, exc.problem, None


def _parse_all(paths: list[str], frontmatter: dict[str, bytes | None], on_progress: Progress | None,
               fork: bool) -> Iterator[FileRow]:
    """Parse files for the index, in order (reusing front matter parsed before); many files are
    parsed by one process per core."""
    total = len(paths)
    progress = on_progress if total > PROGRESS_FROM else None
    workers = min(os.cpu_count() or 1, 8)
    if total < PARALLEL_FROM or workers < 2:
        for done, path in enumerate(paths, 1):
            row = index_row(path, frontmatter.get(path))
            if progress:  # before the yield: the consumer stops pulling after the last row
                progress(done, total)
            yield row
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    chunk = 25
    context = multiprocessing.get_context(pool_start_method(fork))
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_quiet_worker,
                             initargs=(os.getpid(),)) as pool:
        rows = pool.map(index_row, paths, [frontmatter.get(p) for p in paths], chunksize=chunk)
        for done, row in enumerate(rows, 1):
            if progress and (done % chunk == 0 or done == total):  # before the yield, as above
                progress(done, total)
            yield row


def pool_start_method(fork: bool) -> str:
    """`fork` (no re-import in each worker) only on Linux and when allowed; else `spawn`, which
    every platform has (CPython calls forking unsafe on macOS)."""
    return "fork" if fork and sys.platform == "linux" else "spawn"


def _quiet_worker(parent: int) -> None:
    """Set up a parser worker: quiet logging, and an end with its parent (whose pid the parent passes: asked
    here, a parent killed while the worker was starting would already have been replaced by init)."""
    import logging

    logging.disable(logging.DEBUG)  # markdown-it logs every block rule at debug level: skip the calls
    _end_with_parent(parent)


WATCH_S = 0.25


def _end_with_parent(parent: int) -> None:
    """End this worker as soon as its parent is gone (killed with SIGKILL or SIGTERM, the pool
    never says so: the workers would wait on its queue for ever). The parent's id changes when
    it dies (the worker is adopted), on every platform."""
    import threading
    import time

    if os.getppid() != parent:  # gone before this worker was ready
        os._exit(1)

    def watch() -> None:
        while True:
            time.sleep(WATCH_S)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="drugref-parent-watch", daemon=True).start()


def index_row(path: str, known_frontmatter: bytes | None = None) -> FileRow:
    """Everything the index stores for one file (run in worker processes for big builds)."""
    from ..monograph import FrontmatterMemo, parse_monograph

    memo = FrontmatterMemo(known_frontmatter)
    digest = file_digest(path)  # before parsing: if the file changes in between, the hash is the stale one
    try:
        monograph = parse_monograph(path, memo)
    except InvalidMonograph as exc:
        return FileRow(False, exc.line, exc.problem, None, None, None, None, (), (), None, digest, None)
    record = encode_monograph(monograph)
    return FileRow(True, None, None, monograph.name, name_key(monograph.name), record,
                   encode_summary(monograph), _name_rows(monograph, path), _sections(monograph, path), memo.stored,
                   digest, None if digest is None else seal(digest, path, record))


def _name_rows(monograph: Any, path: str) -> tuple[NameRow, ...]:
    """The generic name, brands, aliases, INN and file stem, each lookup key once (a name before a stem)."""
    rows = [NameRow(name_key(monograph.name), "name", monograph.name)]
    rows += [NameRow(name_key(b), "brand", b) for b in monograph.brand_names]
    rows += [NameRow(name_key(a), "alias", a) for a in monograph.aliases]
    if monograph.inn:
        rows.append(NameRow(name_key(monograph.inn), "alias", monograph.inn))
    stem = os.path.splitext(os.path.basename(path))[0]
    rows.append(NameRow(name_key(stem), "stem", stem))
    seen: set[str] = set()
    out = []
    for row in rows:
        if row.key and row.key not in seen:
            seen.add(row.key)
            out.append(row)
    return tuple(out)


def _sections(monograph: Any, path: str) -> tuple[tuple[str, str, str, str], ...]:
    return tuple((path, monograph.name, title, text) for title, text in section_texts(monograph))
