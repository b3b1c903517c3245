"""The build lock: one process at a time writes the index, others wait for it (or work from memory).

A lock file beside the index, locked with `fcntl.flock` (POSIX) or `msvcrt.locking` (Windows):
the operating system releases it when its process ends, however it ends, so a killed builder
never leaves a stale lock. The holder writes its progress ("done total") into the file, for
the waiters' progress bars."""
from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

POLL_S = 0.05


class BuildLock:
    """The lock of one index file; `acquire` and `release` it, or use it in a `with` block."""

    def __init__(self, index_file: Path) -> None:
        self.path = Path(str(index_file) + ".lock")
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def try_acquire(self) -> bool:
        """Take the lock if free; False if another process holds it. OSError if the lock file
        cannot be made (an unwritable cache directory)."""
        if self._fd is not None:
            return True
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            locked = _lock(fd)
        except OSError:
            os.close(fd)
            raise
        if not locked:
            os.close(fd)
            return False
        self._fd = fd
        return True

    def acquire(self, on_progress: Callable[[int, int], None] | None = None, timeout: float | None = None) -> bool:
        """Take the lock, waiting while another process holds it (showing its progress, when it
        reports some); False if `timeout` seconds pass first."""
        start = time.monotonic()
        while not self.try_acquire():
            if timeout is not None and time.monotonic() - start > timeout:
                return False
            if on_progress is not None:
                progress = self.progress()
                if progress is not None:
                    on_progress(*progress)
            time.sleep(POLL_S)
        return True

    def report(self, done: int, total: int) -> None:
        """Write the holder's progress into the lock file (best effort)."""
        if self._fd is None:
            return
        try:
            os.lseek(self._fd, 0, os.SEEK_SET)
            os.write(self._fd, f"{done} {total}\n".ljust(40).encode("ascii"))
        except OSError:
            pass

    def progress(self) -> tuple[int, int] | None:
        """The holder's last reported progress, or None."""
        try:
            with open(self.path, "rb") as file:
                done, total = file.read(64).split()[:2]
            return int(done), int(total)
        except (OSError, ValueError):
            return None

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            os.ftruncate(fd, 0)
        except OSError:
            pass
        _lock(fd, take=False)
        os.close(fd)

    def __enter__(self) -> BuildLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def _lock(fd: int, take: bool = True) -> bool:
    """Lock (`take`) or unlock an open file without waiting: False if another process holds it."""
    try:
        import fcntl
    except ImportError:  # Windows
        import msvcrt

        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK if take else msvcrt.LK_UNLCK, 1)  # type: ignore[attr-defined]
        except OSError:
            return False
        return True
    try:
        fcntl.flock(fd, (fcntl.LOCK_EX | fcntl.LOCK_NB) if take else fcntl.LOCK_UN)
    except BlockingIOError:
        return False
    return True
