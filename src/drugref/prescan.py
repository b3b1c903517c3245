"""Stat big monograph directories in a forked child while the parent imports Typer and Rich.

The staleness check stats every file (about 30 ms for 10,000 files); on a second core it costs
the parent nothing. Only directories large enough to matter are prescanned, only where `fork`
exists; whatever goes wrong, the library simply scans the directory itself.
"""
from __future__ import annotations

import marshal
import os

BIG_DIRECTORY_BYTES = 64 * 1024  # a directory file this large holds well over a thousand entries
_pending: dict[str, tuple[int, int]] = {}  # directory -> (read fd, child pid)


def scan_directory(path: str, vocabulary_file: str) -> tuple[list[tuple[str, int, int]], list[tuple[str, str]], bool]:
    """(listing of (name, size, mtime_ns), errors as (file, message), complete) for one directory."""
    from stat import S_ISREG

    errors: list[tuple[str, str]] = []
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError as exc:
        return [], [(path, f"cannot read directory: {exc.strerror or exc}")], False
    complete = True
    listing: list[tuple[str, int, int]] = []
    try:
        names = [n for n in os.listdir(fd) if (n.endswith(".md") or n == vocabulary_file) and not n.startswith(".")]
        stat = os.stat
        try:  # the common case in one comprehension; a file that cannot be stat'ed takes the slow path
            stats = [stat(n, dir_fd=fd) for n in names]
        except OSError:
            stats = []
            for name in names:
                try:
                    stats.append(stat(name, dir_fd=fd))
                except OSError as exc:
                    stats.append(None)
                    errors.append((os.path.join(path, name), f"cannot read file: {exc.strerror or exc}"))
                    complete = False
        listing = [(n, st.st_size, st.st_mtime_ns) for n, st in zip(names, stats)
                   if st is not None and S_ISREG(st.st_mode)]
    except OSError as exc:
        errors.append((path, f"cannot read directory: {exc.strerror or exc}"))
        complete = False
    finally:
        os.close(fd)
    return listing, errors, complete


def candidate_dirs(argv: list[str], environ) -> list[str]:
    """Directories named by DRUGREF_MONOGRAPHS and --monographs, as the CLI will resolve them."""
    raw = [p for p in environ.get("DRUGREF_MONOGRAPHS", "").split(os.pathsep) if p.strip()]
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--monographs" and i + 1 < len(argv):
            raw.append(argv[i + 1])
        elif arg.startswith("--monographs="):
            raw.append(arg.split("=", 1)[1])
    out = []
    for path in raw:
        try:
            if os.stat(path).st_size >= BIG_DIRECTORY_BYTES:
                out.append(os.path.realpath(path))
        except OSError:
            continue
    return out


def start(argv: list[str], environ) -> None:
    """Fork one child per big directory to stat its files; results are collected by `take`."""
    if not hasattr(os, "fork"):
        return
    from .vocabulary import VOCABULARY_FILE

    for path in candidate_dirs(argv, environ):
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:  # child: scan, send, leave without running any parent cleanup
            status = 0
            try:
                os.close(read_fd)
                data = marshal.dumps(scan_directory(path, VOCABULARY_FILE))
                with os.fdopen(write_fd, "wb") as pipe:
                    pipe.write(data)
            except BaseException:
                status = 1
            os._exit(status)
        os.close(write_fd)
        _pending[path] = (read_fd, pid)


def take(path: str):
    """The child's result for a directory, or None (not prescanned, or it failed)."""
    entry = _pending.pop(path, None)
    if entry is None:
        return None
    read_fd, pid = entry
    try:
        with os.fdopen(read_fd, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(pid, 0)
        if status != 0 or not data:
            return None
        return marshal.loads(data)
    except (OSError, ValueError, EOFError):
        return None
