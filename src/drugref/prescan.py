"""Stat big monograph directories in a forked child while the parent imports Typer and Rich.

The staleness check stats every file (about 30 ms for 10,000 files); on a second core it costs
the parent little. The child sends the directory's fingerprint first and the listing after it,
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
_LENGTH = struct.Struct("<Q")
_COUNTS = struct.Struct("<QQ")  # entries, bytes of names


class Listing:
    """A directory's `*.md` files and vocabulary file, as three columns in the same order (a plain
    class: this module is imported before the fork, and `typing` would cost 10 ms there)."""

    __slots__ = ("names", "sizes", "mtimes_ns")

    def __init__(self, names: list[str], sizes: list[int], mtimes_ns: list[int]) -> None:
        self.names, self.sizes, self.mtimes_ns = names, sizes, mtimes_ns

    def columns(self) -> tuple[list[str], list[int], list[int]]:
        return self.names, self.sizes, self.mtimes_ns

    def to_bytes(self) -> bytes:
        """Counts, the names joined by NUL (which no file name holds), sizes and mtimes as 64-bit
        integers: quick to write, to read back, and to checksum."""
        from array import array

        names = "\0".join(self.names).encode("utf-8", "surrogatepass")
        return (_COUNTS.pack(len(self.names), len(names)) + names + array("q", self.sizes).tobytes()
                + array("q", self.mtimes_ns).tobytes())

    @classmethod
    def from_bytes(cls, data: bytes) -> "Listing":
        """The listing `to_bytes` wrote; ValueError if `data` is not one."""
        from array import array

        try:
            count, names_size = _COUNTS.unpack_from(data)
        except struct.error:
            raise ValueError("not a listing") from None
        end = _COUNTS.size + names_size
        names = data[_COUNTS.size:end].decode("utf-8", "surrogatepass").split("\0") if count else []
        sizes, mtimes = array("q"), array("q")
        sizes.frombytes(data[end:end + 8 * count])
        mtimes.frombytes(data[end + 8 * count:])
        if not len(names) == len(sizes) == len(mtimes) == count:
            raise ValueError("not a listing")
        return cls(names, sizes.tolist(), mtimes.tolist())


class Scan:
    """One directory's state: its fingerprint (None if some entry could not be read), read errors as
    (file, message), and its Listing, which a prescan child sends after the rest, so that it is
    read and decoded only when asked for."""

    def __init__(self, path: str, fingerprint: str | None, errors: list, listing: Listing | None = None,
                 pipe=None, pid: int | None = None) -> None:
        self.path, self.fingerprint, self.errors = path, fingerprint, errors
        self._listing, self._pipe, self._pid = listing, pipe, pid

    def listing(self) -> Listing:
        if self._listing is None:
            try:
                self._listing = Listing.from_bytes(_read_framed(self._pipe))
            except (OSError, ValueError, EOFError, TypeError, struct.error):  # the child failed: look here
                self.close()
                fresh = scan(self.path)
                self.fingerprint, self.errors = fresh.fingerprint, fresh.errors
                self._listing = fresh.listing()
        return self._listing

    def close(self) -> None:
        """Stop the child (whatever it is still doing is not needed) and reap it."""
        if self._pipe is not None:
            self._pipe.close()
            self._pipe = None
        if self._pid is not None:
            import signal

            try:
                os.kill(self._pid, signal.SIGKILL)
                os.waitpid(self._pid, 0)
            except OSError:
                pass
            self._pid = None


def _framed(data: bytes) -> bytes:
    return _LENGTH.pack(len(data)) + data


def _read_framed(pipe) -> bytes:
    size = _LENGTH.unpack(pipe.read(_LENGTH.size))[0]
    data = pipe.read(size)
    if len(data) != size:
        raise EOFError("the prescan child stopped early")
    return data


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def fingerprint(listing: Listing, data: bytes | None = None) -> str:
    """A checksum of names, sizes and mtimes (of `data`, the listing's bytes, if already made):
    equal fingerprints mean an unchanged directory."""
    import zlib  # two 32-bit checksums and the length: cheaper to import than hashlib

    data = listing.to_bytes() if data is None else data
    return f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}{len(data):x}"


def scan(path: str) -> Scan:
    """Stat one directory here and now."""
    listing, errors, complete = scan_directory(path)
    return Scan(path, fingerprint(listing) if complete else None, errors, listing=listing)


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
                data = listing.to_bytes()
                header = marshal.dumps((fingerprint(listing, data) if complete else None, errors))
                _write_all(write_fd, _framed(header))
                _write_all(write_fd, _framed(data))  # the parent may close its end unread: fine
            except BaseException:
                status = 1
            os._exit(status)
        os.close(write_fd)
        _pending[path] = (read_fd, pid)


def take(path: str) -> Scan | None:
    """The child's result for a directory, or None (not prescanned, or it failed). Only the header
    is read here; the listing stays in the pipe until asked for, and `Scan.close` stops the child."""
    entry = _pending.pop(path, None)
    if entry is None:
        return None
    read_fd, pid = entry
    pipe = os.fdopen(read_fd, "rb")
    try:
        fingerprint_, errors = marshal.loads(_read_framed(pipe))
        return Scan(path, fingerprint_, [tuple(e) for e in errors], pipe=pipe, pid=pid)
    except (OSError, ValueError, EOFError, TypeError, struct.error):
        Scan(path, None, [], pipe=pipe, pid=pid).close()
        return None
