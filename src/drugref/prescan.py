"""Stat big monograph directories in a forked child while the parent imports Typer and Rich.

The staleness check stats every file (about 30 ms for 10,000 files); on a second core it costs
the parent nothing. The child sends the directory's fingerprint first and the listing after it,
so that when nothing changed the parent reads a few bytes and never decodes the listing. Only
directories large enough to matter are prescanned, only where `fork` exists; whatever goes
wrong, the library simply scans the directory itself.
"""
from __future__ import annotations

import marshal
import os
import struct

VOCABULARY_FILE = "classes.yaml"  # the class vocabulary's file name (re-exported by .vocabulary)

BIG_DIRECTORY_BYTES = 64 * 1024  # a directory file this large holds well over a thousand entries
_pending: dict[str, tuple[int, int]] = {}  # directory -> (read fd, child pid)
_HEADER_LENGTH = struct.Struct("<Q")


class Listing:
    """A directory's `*.md` files and vocabulary file, as three columns in the same order (a plain
    class: this module is imported before the fork, and `typing` would cost 10 ms there)."""

    __slots__ = ("names", "sizes", "mtimes_ns")

    def __init__(self, names: list[str], sizes: list[int], mtimes_ns: list[int]) -> None:
        self.names, self.sizes, self.mtimes_ns = names, sizes, mtimes_ns

    def columns(self) -> tuple[list[str], list[int], list[int]]:
        return self.names, self.sizes, self.mtimes_ns


class Scan:
    """One directory's state: its fingerprint (None if some entry could not be read), read errors as
    (file, message), and its Listing, which a prescan child sends only after the rest, so that it
    is read and decoded only when asked for."""

    def __init__(self, path: str, fingerprint: str | None, errors: list, complete: bool,
                 listing: Listing | None = None, pipe=None, pid: int | None = None) -> None:
        self.path, self.fingerprint, self.errors, self.complete = path, fingerprint, errors, complete
        self._listing, self._pipe, self._pid = listing, pipe, pid

    def listing(self) -> Listing:
        if self._listing is None:
            try:
                self._listing = Listing(*marshal.loads(self._pipe.read()))
            except (OSError, ValueError, EOFError, TypeError):  # the child failed midway: look again here
                fresh = scan(self.path)
                self.fingerprint, self.errors, self.complete = fresh.fingerprint, fresh.errors, fresh.complete
                self._listing = fresh.listing()
            self.close()
        return self._listing

    def close(self) -> None:
        """Stop reading from the child (it leaves at once if still writing) and reap it."""
        if self._pipe is not None:
            self._pipe.close()
            self._pipe = None
        if self._pid is not None:
            try:
                os.waitpid(self._pid, 0)
            except OSError:
                pass
            self._pid = None


def fingerprint(listing: Listing) -> str:
    """A checksum of names, sizes and mtimes: equal fingerprints mean an unchanged directory."""
    import zlib  # two 32-bit checksums and the length: cheaper to import than hashlib
    from array import array

    data = ("\0".join(listing.names).encode("utf-8", "surrogatepass") + b"\1"
            + array("q", listing.sizes).tobytes() + array("q", listing.mtimes_ns).tobytes())
    return f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}{len(data):x}"


def scan(path: str) -> Scan:
    """Stat one directory here and now."""
    listing, errors, complete = scan_directory(path)
    return Scan(path, fingerprint(listing) if complete else None, errors, complete, listing=listing)


def scan_directory(path: str, vocabulary_file: str = VOCABULARY_FILE) -> tuple[Listing, list[tuple[str, str]], bool]:
    """(Listing, errors as (file, message), complete) for one directory: one stat a file."""
    from stat import S_ISREG

    errors: list[tuple[str, str]] = []
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError as exc:
        return Listing([], [], []), [(path, f"cannot read directory: {exc.strerror or exc}")], False
    complete = True
    names: list[str] = []
    stats: list = []
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
    except OSError as exc:
        errors.append((path, f"cannot read directory: {exc.strerror or exc}"))
        complete = False
    finally:
        os.close(fd)
    kept = [(n, st) for n, st in zip(names, stats) if st is not None and S_ISREG(st.st_mode)]
    listing = Listing([n for n, _ in kept], [st.st_size for _, st in kept], [st.st_mtime_ns for _, st in kept])
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
    for path in candidate_dirs(argv, environ):
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:  # child: scan, send, leave without running any parent cleanup
            status = 0
            try:
                os.close(read_fd)
                listing, errors, complete = scan_directory(path)
                header = marshal.dumps((fingerprint(listing) if complete else None, errors, complete))
                with os.fdopen(write_fd, "wb") as pipe:
                    pipe.write(_HEADER_LENGTH.pack(len(header)) + header)
                    pipe.flush()
                    pipe.write(marshal.dumps(listing.columns()))  # the parent may close its end unread: fine
            except BaseException:
                status = 1
            os._exit(status)
        os.close(write_fd)
        _pending[path] = (read_fd, pid)


def take(path: str) -> Scan | None:
    """The child's result for a directory, or None (not prescanned, or it failed). Only the header
    is read here; the listing stays in the pipe until asked for, and `Scan.close` reaps the child."""
    entry = _pending.pop(path, None)
    if entry is None:
        return None
    read_fd, pid = entry
    pipe = os.fdopen(read_fd, "rb")
    try:
        size = _HEADER_LENGTH.unpack(pipe.read(_HEADER_LENGTH.size))[0]
        fingerprint_, errors, complete = marshal.loads(pipe.read(size))
        return Scan(path, fingerprint_, [tuple(e) for e in errors], complete, pipe=pipe, pid=pid)
    except (OSError, ValueError, EOFError, TypeError, struct.error):
        Scan(path, None, [], False, pipe=pipe, pid=pid).close()
        return None
