"""Stat big monograph directories in a forked child while the parent imports Typer and Rich.

The staleness check stats every file (about 30 ms for 10,000 files); on a second core it costs
the parent little. The child sends the directory's fingerprint, then its listing, then loads the
monograph parser (YAML and all, 15 ms) and waits: if the parent finds files changed, it asks the
child to parse them, which is done by then. When nothing changed the parent reads a few bytes
and stops the child. Only directories large enough to matter are prescanned, only where `fork`
exists; whatever goes wrong, the library does the work itself.
"""
from __future__ import annotations

import marshal
import os
import struct

VOCABULARY_FILE = "classes.yaml"  # the class vocabulary's file name (re-exported by .vocabulary)

BIG_DIRECTORY_BYTES = 64 * 1024  # a directory file this large holds well over a thousand entries
MAX_PARSED_BY_CHILD = 64  # more changed files than this are parsed by the library's worker processes
_pending: dict[str, tuple[int, int, int]] = {}  # directory -> (read fd, request fd, child pid)
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
    read and decoded only when asked for; the child can also parse files for the library."""

    def __init__(self, path: str, fingerprint: str | None, errors: list, complete: bool,
                 listing: Listing | None = None, pipe=None, request_fd: int | None = None,
                 pid: int | None = None) -> None:
        self.path, self.fingerprint, self.errors, self.complete = path, fingerprint, errors, complete
        self._listing, self._pipe, self._request_fd, self._pid = listing, pipe, request_fd, pid

    def listing(self) -> Listing:
        if self._listing is None:
            try:
                self._listing = Listing.from_bytes(_read_framed(self._pipe))
            except (OSError, ValueError, EOFError, TypeError, struct.error):  # the child failed: look here
                self.close()
                fresh = scan(self.path)
                self.fingerprint, self.errors, self.complete = fresh.fingerprint, fresh.errors, fresh.complete
                self._listing = fresh.listing()
        return self._listing

    def parse(self, names: list[str]) -> dict[str, tuple]:
        """Index rows for these files of the directory, parsed by the child (name -> row); empty
        when there is no child or it fails, and then the library parses them itself."""
        self.listing()
        if self._request_fd is None or not names or len(names) > MAX_PARSED_BY_CHILD:
            return {}
        try:
            _write_all(self._request_fd, _framed(marshal.dumps(list(names))))
            rows = marshal.loads(_read_framed(self._pipe))
        except (OSError, ValueError, EOFError, TypeError, struct.error):
            rows = {}
        self.close()
        return rows if isinstance(rows, dict) else {}

    def close(self) -> None:
        """Stop the child (whatever it is still doing is not needed) and reap it."""
        if self._request_fd is not None:
            os.close(self._request_fd)
            self._request_fd = None
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
        request_read, request_write = os.pipe()
        pid = os.fork()
        if pid == 0:  # child: leave without running any parent cleanup
            status = 0
            try:
                os.close(read_fd)
                os.close(request_write)
                _child(path, write_fd, request_read)
            except BaseException:  # the parent closed its ends, or anything else: it copes
                status = 1
            os._exit(status)
        os.close(write_fd)
        os.close(request_read)
        _pending[path] = (read_fd, request_write, pid)


def _child(path: str, out: int, requests: int) -> None:
    """Stat the directory and send what the parent needs first; then get the parser ready and parse
    the files the parent asks for, if it asks (end of input: it did not need to)."""
    listing, errors, complete = scan_directory(path)
    data = listing.to_bytes()
    _write_all(out, _framed(marshal.dumps((fingerprint(listing, data) if complete else None, errors, complete))))
    data = _framed(data)
    try:  # a pipe that holds the whole listing lets the parser load before the parent reads it
        import fcntl

        fcntl.fcntl(out, fcntl.F_SETPIPE_SZ, min(len(data) + 4096, 1 << 20))
    except (ImportError, AttributeError, OSError):
        pass
    _write_all(out, data)
    from .library import _index_row
    from .monograph import _yaml_loader

    import frontmatter  # noqa: F401 (loaded now, before the parent may ask)

    _yaml_loader()
    with os.fdopen(requests, "rb") as request_pipe:
        names = marshal.loads(_read_framed(request_pipe))
    rows = {name: _index_row(os.path.join(path, name)) for name in names}
    _write_all(out, _framed(marshal.dumps(rows)))


def take(path: str) -> Scan | None:
    """The child's result for a directory, or None (not prescanned, or it failed). Only the header
    is read here; the rest stays in the pipe until asked for, and `Scan.close` stops the child."""
    entry = _pending.pop(path, None)
    if entry is None:
        return None
    read_fd, request_fd, pid = entry
    pipe = os.fdopen(read_fd, "rb")
    try:
        fingerprint_, errors, complete = marshal.loads(_read_framed(pipe))
        return Scan(path, fingerprint_, [tuple(e) for e in errors], complete, pipe=pipe, request_fd=request_fd,
                    pid=pid)
    except (OSError, ValueError, EOFError, TypeError, struct.error):
        Scan(path, None, [], False, pipe=pipe, request_fd=request_fd, pid=pid).close()
        return None
