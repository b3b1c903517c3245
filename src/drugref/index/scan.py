"""A directory's state, portably: one `os.scandir` and one stat a file, and a fingerprint of it.

This module is imported before the prescan child is forked: standard library only, and cheap
(no `typing`, no dataclasses)."""
from __future__ import annotations

import os
import struct

VOCABULARY_FILE = "classes.yaml"  # the class vocabulary's file name (re-exported by .vocabulary)

_COUNTS = struct.Struct("<QQ")  # entries, bytes of names
_INT64_MIN, _INT64_MAX = -(1 << 63), (1 << 63) - 1
# git's "racy clean" rule: a file whose mtime is this close to (or after) the moment its directory
# was listed may have changed again within the file system's timestamp granularity (1 s or 2 s on
# some file systems) without its mtime moving, so its content is checked again
RACY_NS = 2_000_000_000


def clamp_ns(value: int) -> int:
    """A timestamp in ns as a signed 64-bit integer (what SQLite and the listing store): mtimes after
    2262-04-11 or before 1677 are pinned to the ends. Such a file is always racy (see `racy`),
    so pinning never hides a change."""
    return _INT64_MAX if value > _INT64_MAX else _INT64_MIN if value < _INT64_MIN else value


def now_ns() -> int:
    import time

    return time.time_ns()


class Listing:
    """A directory's `*.md` files and vocabulary file, as columns in the same order: name, size,
    mtime, ctime (on Windows the creation time) and inode (0 where the platform has none), the
    fields git's index compares too."""

    __slots__ = ("ctimes_ns", "inodes", "mtimes_ns", "names", "sizes")

    def __init__(self, names: list[str], sizes: list[int], mtimes_ns: list[int],
                 ctimes_ns: list[int] | None = None, inodes: list[int] | None = None) -> None:
        self.names, self.sizes, self.mtimes_ns = names, sizes, mtimes_ns
        self.ctimes_ns = ctimes_ns if ctimes_ns is not None else [0] * len(names)
        self.inodes = inodes if inodes is not None else [0] * len(names)

    def columns(self) -> tuple[list[str], list[int], list[int]]:
        return self.names, self.sizes, self.mtimes_ns

    def states(self) -> list[tuple[int, int, int, int]]:
        """Per file, what says it changed: (size, mtime, ctime, inode)."""
        return list(zip(self.sizes, self.mtimes_ns, self.ctimes_ns, self.inodes))

    def to_bytes(self) -> bytes:
        """Counts, the names joined by NUL (which no file name holds), then sizes, mtimes, ctimes and
        inodes as 64-bit integers: quick to write, to read back, and to checksum."""
        from array import array

        names = "\0".join(self.names).encode("utf-8", "surrogatepass")
        inodes = self.inodes
        if inodes and max(inodes) > _INT64_MAX:  # unsigned on some systems: stored as their bit pattern
            inodes = [i if i <= _INT64_MAX else i - (1 << 64) for i in inodes]
        return (_COUNTS.pack(len(self.names), len(names)) + names + array("q", self.sizes).tobytes()
                + array("q", self.mtimes_ns).tobytes() + array("q", self.ctimes_ns).tobytes()
                + array("q", inodes).tobytes())

    @classmethod
    def from_bytes(cls, data: bytes) -> Listing:
        """The listing `to_bytes` wrote; ValueError if `data` is not one."""
        from array import array

        try:
            count, names_size = _COUNTS.unpack_from(data)
        except struct.error:
            raise ValueError("not a listing") from None
        end = _COUNTS.size + names_size
        names = data[_COUNTS.size:end].decode("utf-8", "surrogatepass").split("\0") if count else []
        columns = [array("q") for _ in range(4)]
        if len(data) != end + 32 * count:
            raise ValueError("not a listing")
        for i, column in enumerate(columns):
            column.frombytes(data[end + 8 * count * i:end + 8 * count * (i + 1)])
        if len(names) != count:
            raise ValueError("not a listing")
        sizes, mtimes, ctimes, inodes = (c.tolist() for c in columns)
        return cls(names, sizes, mtimes, ctimes, inodes)


class Scan:
    """One directory's state: its fingerprint (None if some entry could not be read, so that it is
    always looked at again), read errors as (file, message), and its listing (kept as bytes until
    asked for: when nothing changed, it is never decoded). `by` is the id of the process that
    took it (the prescan child's, or this one's); `taken_ns` the clock when the listing began."""

    __slots__ = ("_data", "_listing", "by", "errors", "fingerprint", "path", "taken_ns")

    def __init__(self, path: str, fingerprint: str | None, errors: list[tuple[str, str]], data: bytes,
                 by: int | None = None, taken_ns: int | None = None) -> None:
        self.path, self.fingerprint, self.errors = path, fingerprint, errors
        self.by = os.getpid() if by is None else by
        self.taken_ns = now_ns() if taken_ns is None else taken_ns
        self._data: bytes = data
        self._listing: Listing | None = None

    def listing(self) -> Listing:
        if self._listing is None:
            self._listing = Listing.from_bytes(self._data)
        return self._listing

    def listing_bytes(self) -> bytes:
        return self._data


def fingerprint(data: bytes) -> str:
    """A checksum of a listing's bytes: equal fingerprints mean an unchanged directory."""
    import zlib  # two 32-bit checksums and the length: cheaper to import than hashlib

    return f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}{len(data):x}"


def racy(mtimes_ns: list[int], taken_ns: int) -> list[int]:
    """Positions of the files whose mtime is within `RACY_NS` of the listing's time, or after it."""
    since = taken_ns - RACY_NS
    return [i for i, m in enumerate(mtimes_ns) if m >= since]


def scan(path: str) -> Scan:
    """Stat one directory's monographs and vocabulary file here and now: one stat a file."""
    taken = now_ns()
    listing, errors, complete = scan_directory(path)
    data = listing.to_bytes()
    return Scan(path, fingerprint(data) if complete else None, errors, data, taken_ns=taken)


def scan_directory(path: str) -> tuple[Listing, list[tuple[str, str]], bool]:
    """(Listing, errors as (file, message), complete) for one directory, with `os.scandir` (every
    platform has it; on Windows the stat comes with the listing)."""
    errors: list[tuple[str, str]] = []
    names: list[str] = []
    sizes: list[int] = []
    mtimes: list[int] = []
    ctimes: list[int] = []
    inodes: list[int] = []
    complete = True
    try:
        with os.scandir(path) as entries:
            for entry in entries:
                name = entry.name
                if not (name.endswith(".md") or name == VOCABULARY_FILE) or name.startswith("."):
                    continue
                try:
                    st = entry.stat()
                except OSError as exc:
                    errors.append((os.path.join(path, name), f"cannot read file: {exc.strerror or exc}"))
                    complete = False
                    continue
                if (st.st_mode & 0o170000) == 0o100000:  # a regular file (S_ISREG, without importing stat)
                    names.append(name)
                    sizes.append(st.st_size)
                    mtimes.append(st.st_mtime_ns)
                    ctimes.append(st.st_ctime_ns)
                    inodes.append(st.st_ino)
    except OSError as exc:
        errors.append((path, f"cannot read directory: {exc.strerror or exc}"))
        complete = False
    return Listing(names, sizes, _clamped(mtimes), _clamped(ctimes), inodes), errors, complete


def _clamped(times: list[int]) -> list[int]:
    """`clamp_ns` over a column (looked at as a whole first: almost always there is nothing to do)."""
    if times and (max(times) > _INT64_MAX or min(times) < _INT64_MIN):
        return [clamp_ns(t) for t in times]
    return times
