"""Opening the index file: whether to trust it, who may write it, and what to do when it fails.

- Trust (POSIX): the cache directory and file must be owned by this user and not writable by
  group or others; otherwise the index is built in memory (a shared cache could be forged).
- Reads need no lock: a call whose directories are unchanged reads the file and writes nothing.
- Writes take the build lock (`lock.BuildLock`): one process writes, others wait for it (with its
  progress on a terminal) and then read what it wrote. A new index is built in a new file that
  is renamed into place when complete, so nobody ever sees a half-built one.
- Healing: a file that is corrupt, foreign, from another version or a directory is reported once
  and rebuilt (or worked around in memory); a write that fails (disk full, read-only cache)
  leaves the file as it was and the call works from a copy in memory.
"""
from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

from .catalog import HEALABLE, Catalog
from .lock import BuildLock
from .records import MonographDir, Problem
from .scan import Scan, now_ns
from .store import Store, discard
from .sync import TOUCH_NS, Progress, apply, listing_problems, needs_work, pending, take_scans, tidy

ASIDE_FROM = 500  # files to parse from which an update is built in a copy renamed into place
WAIT_S = 300.0  # how long to wait for another process's build before working from memory
CORRUPT_CODES = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB


def untrusted(path: Path) -> str | None:
    """Why the index file or its directory must not be trusted, or None. POSIX only: the owner must
    be this user and neither may be writable by group or others (elsewhere: None)."""
    if not hasattr(os, "getuid"):
        return None
    uid = os.getuid()
    for where in (path.parent, path):
        try:
            st = os.stat(where)
        except OSError:
            continue
        if st.st_uid != uid:
            return f"{where} is not owned by you"
        if st.st_mode & 0o022:
            return f"{where} is writable by others (`chmod go-w {where}` to use it)"
    return None


def is_corrupt(exc: BaseException) -> bool:
    """Whether an error says the file itself is bad (rather than, say, the disk full)."""
    if not isinstance(exc, sqlite3.DatabaseError):
        return isinstance(exc, HEALABLE)
    code = getattr(exc, "sqlite_errorcode", None)
    text = str(exc)
    return code in CORRUPT_CODES or "malformed" in text or "not a database" in text or "no such" in text \
        or not isinstance(exc, sqlite3.OperationalError)


class Opener:
    """One call's opening of the index for a list of directories."""

    def __init__(self, dirs: list[MonographDir], path: Path | None, on_progress: Progress | None,
                 scans: Callable[[str], Scan | None] | None, fork: bool,
                 on_notice: Callable[[str], None] | None) -> None:
        self.dirs, self.path = list(dirs), (None if path is None else Path(path))
        self.on_progress, self.scans, self.fork, self.on_notice = on_progress, scans, fork, on_notice
        self.notices: list[str] = []
        self._taken: dict[str, Scan] | None = None

    # ------------------------------------------------------------------ the steps
    def taken(self) -> dict[str, Scan]:
        """Each directory's scan, taken once a call (the prescan's are handed over only once)."""
        if self._taken is None:
            self._taken = take_scans(self.dirs, self.scans)
        return self._taken

    def open(self, check_files: bool = True) -> Catalog:
        path = self.path
        if path is None:
            return self.memory(None, None)
        why = untrusted(path)
        if why is not None:
            return self.memory(None, f"index cache not trusted: {why}; working from memory")
        if path.is_dir():
            return self.memory(None, f"index cache {path} is a directory, not a file; working from memory")
        writable = _writable_dir(path.parent)
        store, why = self.existing(readonly=not writable)
        if store is not None:
            try:
                if not check_files and store.dirset_id(self._paths()) is not None:
                    return self.catalog(store, [])
                if not needs_work(store, self.dirs, self.taken()):
                    if writable:
                        self.touch(store)
                    return self.catalog(store, listing_problems(self.taken()))
            except HEALABLE as exc:
                store.close()
                store, why = None, _reason(exc)
        if not writable:
            return self.memory(store, f"cache directory {path.parent} is not writable; working from memory")
        return self.write(store, why)

    def existing(self, readonly: bool) -> tuple[Store | None, str | None]:
        """The index file if there and usable: (store, None); else (None, why not) or (None, None)
        when there is none."""
        assert self.path is not None
        if not self.path.exists():
            return None, None
        try:
            store = Store.connect(self.path, readonly)
        except sqlite3.Error as exc:
            return None, _reason(exc)
        why = store.problem()
        if why is not None:
            store.close()
            return None, why
        return store, None

    def write(self, store: Store | None, why: str | None) -> Catalog:
        """Bring the index file up to date (or build it) under the build lock."""
        assert self.path is not None
        lock = BuildLock(self.path)
        waited: list[int] = []
        try:
            got = lock.acquire(self._waiting(waited), timeout=WAIT_S)
            if waited and self.on_progress is not None:
                self.on_progress(waited[-1], waited[-1])  # the other build is over: close its bar
        except OSError:
            return self.memory(store, f"cache directory {self.path.parent} is not writable; working from memory")
        if not got:
            return self.memory(store, f"another drugref process has been building the index for {WAIT_S:.0f} s; "
                               "working from memory")
        try:
            if store is not None:  # another process may have updated or replaced the file meanwhile
                store.close()
            store, again = self.existing(readonly=False)
            why = why or again
            if store is None:
                if why is not None:
                    self.notice(f"index cache {self.path} was {why}; rebuilt it")
                store = self.build(lock)
            elif needs_work(store, self.dirs, self.taken()):
                if pending(store, self.taken()) >= ASIDE_FROM:
                    store = self.build(lock, store)  # readers keep the old file meanwhile
                else:
                    apply(store, self.dirs, self.taken(), self._reporting(lock), self.fork)
            return self.catalog(store, listing_problems(self.taken()))
        except HEALABLE as exc:
            if store is not None:
                store.close()
            if is_corrupt(exc):
                _discard_quietly(self.path)
                return self.memory(None, f"index cache {self.path} was {_reason(exc)}; removed it, "
                                   "working from memory (it is rebuilt next time)")
            base, _ = self.existing(readonly=True)
            return self.memory(base, f"could not write the index cache {self.path} ({exc}); working from memory")
        except OSError as exc:
            base, _ = self.existing(readonly=True)
            return self.memory(base, f"could not write the index cache {self.path} "
                               f"({exc.strerror or exc}); working from memory")
        finally:
            lock.release()

    def touch(self, store: Store) -> None:
        """Once a day, mark this set of directories used and prune what is unused (see
        `sync.tidy`); skipped when another process holds the lock or the write fails."""
        dirset = store.dirset_id(self._paths())
        if dirset is None or store.dirset_used(dirset) >= now_ns() - TOUCH_NS:
            return
        assert self.path is not None
        lock = BuildLock(self.path)
        try:
            if lock.try_acquire():
                with store.transaction():
                    tidy(store, dirset)
        except (sqlite3.Error, OSError):
            pass
        finally:
            lock.release()

    def build(self, lock: BuildLock, base: Store | None = None) -> Store:
        """A new index file (or, from `base`, an updated copy of one), built aside, then renamed
        into place (lock held): a long build never holds SQLite's write lock on the file others read."""
        assert self.path is not None
        _remove_leftovers(self.path)
        tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        try:
            if base is not None:
                store = base.copy_to(tmp)
                base.close()
            else:
                store = Store.create(tmp)
            try:
                apply(store, self.dirs, self.taken(), self._reporting(lock), self.fork)
            finally:
                store.close()
            os.replace(tmp, self.path)
        finally:
            discard(tmp)
        return Store.connect(self.path)

    def memory(self, base: Store | None, notice: str | None) -> Catalog:
        """The catalog from an index in memory: a copy of `base` brought up to date, or a new one."""
        if notice is not None:
            self.notice(notice)
        store = None
        if base is not None:
            try:
                store = base.copy_to_memory()
            except sqlite3.Error:
                store = None
            base.close()
        if store is None:
            store = Store.memory()
        try:
            if needs_work(store, self.dirs, self.taken()):
                apply(store, self.dirs, self.taken(), self.on_progress, self.fork)
        except HEALABLE:
            if base is None:
                raise
            store.close()
            store = Store.memory()  # the copy was bad too: from nothing
            apply(store, self.dirs, self.taken(), self.on_progress, self.fork)
        return self.catalog(store, listing_problems(self.taken()), healer=False)

    def catalog(self, store: Store, problems: list[Problem], healer: bool = True) -> Catalog:
        return Catalog(store, self.dirs, store.dirset_id(self._paths()), problems, self.notices,
                       heal=self.heal if healer and self.path is not None else None)

    def heal(self, exc: BaseException) -> Catalog:
        """A catalog to use instead of one whose file failed under a read: the file is removed (it
        is rebuilt on the next call) and this call works from memory."""
        assert self.path is not None
        self.notices = []
        _discard_quietly(self.path)
        return self.memory(None, f"index cache {self.path} was {_reason(exc)}; removed it, working from memory "
                           "(it is rebuilt next time)")

    # ------------------------------------------------------------------ helpers
    def notice(self, message: str) -> None:
        self.notices.append(message)
        if self.on_notice is not None:
            self.on_notice(message)

    def _paths(self) -> list[str]:
        return [d.path for d in self.dirs]

    def _waiting(self, totals: list[int]) -> Progress | None:
        """While another process builds: its progress on our bar (`totals` gets its total; the
        caller closes the bar once the lock is ours)."""
        show = self.on_progress
        if show is None:
            return None

        def waiting(done: int, total: int) -> None:
            if total > 0:
                totals.append(total)
                show(min(done, total - 1), total)

        return waiting

    def _reporting(self, lock: BuildLock) -> Progress:
        show = self.on_progress

        def report(done: int, total: int) -> None:
            lock.report(done, total)
            if show is not None:
                show(done, total)

        return report


def _reason(exc: BaseException) -> str:
    if isinstance(exc, sqlite3.OperationalError) and "no such" in str(exc):
        return "not a drugref index"
    return "corrupt" if is_corrupt(exc) else f"unusable ({exc})"


def _writable_dir(folder: Path) -> bool:
    """Make the cache directory if needed (only its owner may enter it); whether it can be written."""
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError:
        return False
    return os.access(folder, os.W_OK)


def _discard_quietly(path: Path) -> None:
    try:
        discard(path)
    except OSError:
        pass


def _remove_leftovers(path: Path) -> None:
    """Temporary files of builds that did not finish (the lock is held: no build is running)."""
    for leftover in path.parent.glob(f"{path.name}.*.tmp*"):
        try:
            leftover.unlink()
        except OSError:
            pass
