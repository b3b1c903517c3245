"""A directory's state, portably: one `os.scandir` and one stat a file, and a fingerprint of it.

This module is imported before the prescan child is forked: standard library only, and cheap
(no `typing`, no dataclasses)."""
from __future__ import annotations

import os
import struct

VOCABULARY_FILE = "classes.yaml"  # the class vocabulary's file name (re-exported by .vocabulary)

_COUNTS = struct.Struct("<QQ")  # entries, bytes of names


class Listing:
    """A directory's `*.md` files and vocabulary file, as three columns in the same order."""

    __slots__ = ("mtimes_ns", "names", "sizes")

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
    def from_bytes(cls, data: bytes) -> Listing:
        """The listing `to_bytes` wrote; ValueError if `data` is not one."""
        from array import array

        try:
            count, names_size = _COUNTS.unpack_from(data)
        except struct.error:
            raise ValueError("not a listing") from None
        end = _COUNTS.size + names_size
        names = data[_COUNTS.size:end].decode("utf-8", "surrogatepass").split("\0") if count else []
        sizes, mtimes = array("q"), array("q")
        try:
            sizes.frombytes(data[end:end + 8 * count])
            mtimes.frombytes(data[end + 8 * count:])
        except ValueError:
            raise ValueError("not a listing") from None
        if not len(names) == len(sizes) == len(mtimes) == count:
            raise ValueError("not a listing")
        return cls(names, sizes.tolist(), mtimes.tolist())


class Scan:
    """One directory's state: its fingerprint (None if some entry could not be read, so that it is
    always looked at again), read errors as (file, message), and its listing (kept as bytes until
    asked for: when nothing changed, it is never decoded). `by` is the id of the process that
    took it (the prescan child's, or this one's)."""

    __slots__ = ("_data", "_listing", "by", "errors", "fingerprint", "path")

    def __init__(self, path: str, fingerprint: str | None, errors: list[tuple[str, str]], data: bytes,
                 by: int | None = None) -> None:
        self.path, self.fingerprint, self.errors = path, fingerprint, errors
        self.by = os.getpid() if by is None else by
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


def scan(path: str) -> Scan:
    """Stat one directory's monographs and vocabulary file here and now: one stat a file."""
    listing, errors, complete = scan_directory(path)
    data = listing.to_bytes()
    return Scan(path, fingerprint(data) if complete else None, errors, data)


def scan_directory(path: str) -> tuple[Listing, list[tuple[str, str]], bool]:
    """(Listing, errors as (file, message), complete) for one directory, with `os.scandir` (every
    platform has it; on Windows the stat comes with the listing)."""
    errors: list[tuple[str, str]] = []
    names: list[str] = []
    sizes: list[int] = []
    mtimes: list[int] = []
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
    except OSError as exc:
        errors.append((path, f"cannot read directory: {exc.strerror or exc}"))
        complete = False
    return Listing(names, sizes, mtimes), errors, complete
