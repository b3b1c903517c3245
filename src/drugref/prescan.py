"""Stat the user's monograph directories in a forked child while the parent imports Typer and Rich.

Linux only (the fast path `launch` uses when it may; see `launch.Start`): elsewhere, and whenever
the child fails, the index scans the directories itself (`index.scan.scan`). The child scans each
directory in turn and sends, per directory, one frame: marshal((path, fingerprint, errors, pid,
listing bytes)); the parent reads them when the index first asks (`Prescan.take`).
"""
from __future__ import annotations

import marshal
import os
import struct

from .index.scan import Scan, fingerprint, now_ns, scan_directory

_LENGTH = struct.Struct("<Q")


class Prescan:
    """A running child's results, keyed by directory path."""

    def __init__(self, pid: int, read_fd: int, dirs: list[str]) -> None:
        self.pid, self.dirs = pid, dirs
        self._pipe = os.fdopen(read_fd, "rb")
        self._results: dict[str, Scan] | None = None

    def take(self, path: str) -> Scan | None:
        """The child's scan of a directory, or None (not asked of it, or the child failed)."""
        if self._results is None:
            self._results = {}
            try:
                for _ in self.dirs:
                    size = _LENGTH.unpack(self._pipe.read(_LENGTH.size))[0]
                    frame = self._pipe.read(size)
                    if len(frame) != size:
                        break
                    path_, fingerprint_, errors, pid, data, taken = marshal.loads(frame)
                    self._results[path_] = Scan(path_, fingerprint_, [tuple(e) for e in errors], data, by=pid,
                                                taken_ns=taken)
            except (OSError, ValueError, EOFError, TypeError, struct.error):  # what arrived is kept
                pass
            self.close()
        return self._results.pop(path, None)

    def close(self) -> None:
        """Stop the child if it is still at work, and reap it."""
        if self._pipe is not None:
            self._pipe.close()
            self._pipe = None  # type: ignore[assignment]
            import signal

            try:
                os.kill(self.pid, signal.SIGKILL)
            except OSError:
                pass
            try:
                os.waitpid(self.pid, 0)
            except OSError:
                pass


def start(dirs: list[str]) -> Prescan | None:
    """Fork one child to scan these directories; None where fork is not available or fails."""
    if not dirs or not hasattr(os, "fork"):
        return None
    try:
        read_fd, write_fd = os.pipe()
        pid = os.fork()
    except OSError:
        return None
    if pid == 0:  # child: scan, send, leave without running any of the parent's cleanup
        status = 0
        try:
            os.close(read_fd)
            for path in dirs:
                taken = now_ns()
                listing, errors, complete = scan_directory(path)
                data = listing.to_bytes()
                frame = marshal.dumps((path, fingerprint(data) if complete else None, errors, os.getpid(), data,
                                       taken))
                view = memoryview(_LENGTH.pack(len(frame)) + frame)
                while view:  # the parent may close its end unread: fine
                    view = view[os.write(write_fd, view):]
        except BaseException:
            status = 1
        os._exit(status)
    os.close(write_fd)
    return Prescan(pid, read_fd, dirs)
