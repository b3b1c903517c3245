"""The failures of issue 15's attack run, each reproduced: a stale or forged answer from the index,
a crash from the cache, builds that fail when run together, an index that does not heal."""
from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SEED
from drugref.index import MonographDir, open_library
from drugref.lookup import resolve

POSIX = os.name == "posix"
MONO = "---\ntitle: {name}\nbrand_names: [{brand}]\n---\n## Usage\n\n- {text}\n"
# a same-length edit of the maximum daily dose (a test fixture, not a dose anyone should take)
MAX_200 = "Maximum: 200 mg orally per day (100 mg twice daily)"
MAX_300 = "Maximum: 300 mg orally per day (150 mg twice daily)"


def write(folder: Path, stem: str, name: str, brand: str = "Nobrand", text: str = "Text.") -> Path:
    path = folder / f"{stem}.md"
    path.write_text(MONO.format(name=name, brand=brand, text=text))
    return path


def library(folder: Path, cache: Path | None):
    return open_library([MonographDir(str(folder), "option")], cache)


def seed_copy(folder: Path) -> Path:
    """The reference monograph in a directory of its own; its maximum daily dose is what the tests edit."""
    folder.mkdir(exist_ok=True)
    path = folder / "milnacipran.md"
    path.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    assert MAX_200 in path.read_text(encoding="utf-8")
    return path


def maximum(folder: Path, cache: Path | None) -> str:
    """The maximum daily dose `titrate` reads, through the library."""
    from drugref.dosing import read_dosing

    lib = library(folder, cache)
    try:
        dosing = read_dosing(lib.monograph(resolve(lib, "milnacipran").entry))
        return str(dosing.regimens[0].max_daily_dose)
    finally:
        lib.close()


def drugref(folder: Path, cache_dir: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, DRUGREF_CACHE_DIR=str(cache_dir))
    return subprocess.run([sys.executable, "-m", "drugref", "--no-bundled", "--monographs", str(folder), *args],
                          env=env, capture_output=True, text=True, timeout=timeout)


def edit_keeping_stat(path: Path, old: str, new: str) -> None:
    """Replace text by text of the same length and put the mtime back (`touch -r`)."""
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    assert len(old) == len(new) and old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size


# ---------------------------------------------------------------------- stale answers

def test_same_length_edit_with_the_mtime_put_back_is_seen(tmp_path):
    folder, cache = tmp_path / "m", tmp_path / "cache"
    path = seed_copy(folder)
    assert "Maximum: 200 mg/day" in drugref(folder, cache, "titrate", "milnacipran").stdout
    edit_keeping_stat(path, MAX_200, MAX_300)
    out = drugref(folder, cache, "titrate", "milnacipran")
    assert out.returncode == 0 and "Maximum: 300 mg/day" in out.stdout and "200 mg/day" not in out.stdout


def test_answers_come_from_the_files_bytes_even_when_the_listing_misses_an_edit(tmp_path, monkeypatch):
    """Whatever the listing says, `show`, `titrate` and `interactions` read a record only while
    its file's hash is the one it was made from."""
    import drugref.index.sync as sync_module

    folder, cache = tmp_path / "m", tmp_path / "c.sqlite3"
    path = seed_copy(folder)
    assert "200" in maximum(folder, cache)
    edit_keeping_stat(path, MAX_200, MAX_300)
    monkeypatch.setattr(sync_module, "sync", lambda *a, **k: [])  # no listing check at all
    assert "300" in maximum(folder, cache)


def coarse_scan(monkeypatch) -> None:
    """A file system with 1-second mtimes and no ctime or inode (as some network file systems)."""
    import drugref.index.scan as scan_module

    real = scan_module.scan_directory

    def scan_directory(path):
        listing, errors, complete = real(path)
        listing.mtimes_ns = [m // 1_000_000_000 * 1_000_000_000 for m in listing.mtimes_ns]
        listing.ctimes_ns = [0] * len(listing.names)
        listing.inodes = [0] * len(listing.names)
        return listing, errors, complete

    monkeypatch.setattr(scan_module, "scan_directory", scan_directory)


def test_two_edits_within_one_second_are_seen(tmp_path, monkeypatch):
    """git's racy-clean rule: a file whose mtime is within the timestamp granularity of the last
    listing is checked by content, so an edit in the same second (same size) is not missed."""
    coarse_scan(monkeypatch)
    folder, cache = tmp_path / "m", tmp_path / "c.sqlite3"
    folder.mkdir()
    path = write(folder, "alpha", "Alphadrug", brand="Onebrand")
    second = path.stat().st_mtime_ns // 1_000_000_000 * 1_000_000_000
    lib = library(folder, cache)
    assert lib.lookup_key("onebrand")
    lib.close()
    write(folder, "alpha", "Alphadrug", brand="Twobrand")  # same size, same second
    os.utime(path, ns=(second, second))
    lib = library(folder, cache)
    assert lib.lookup_key("twobrand") and not lib.lookup_key("onebrand")
    lib.close()
    # once the listing is older than the granularity, the file is trusted again: no reads
    import drugref.index.sync as sync_module

    real_digest = sync_module.file_digest
    read: list[str] = []
    monkeypatch.setattr(sync_module, "file_digest", lambda p: read.append(p) or real_digest(p))
    os.utime(path, ns=(second - 10**10, second - 10**10))  # the edit is now 10 s before any listing
    library(folder, cache).close()  # the mtime moved: parsed again, stored as settled
    read.clear()
    library(folder, cache).close()
    assert read == []


def test_a_repointed_symlink_is_seen(tmp_path):
    folder, cache = tmp_path / "m", tmp_path / "c.sqlite3"
    folder.mkdir()
    store = tmp_path / "store"
    store.mkdir()
    first = write(store, "a", "Alphadrug", brand="Onebrand")
    second = write(store, "b", "Alphadrug", brand="Twobrand")
    stat = first.stat()
    os.utime(second, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    link = folder / "alpha.md"
    link.symlink_to(first)
    lib = library(folder, cache)
    assert lib.lookup_key("onebrand")
    lib.close()
    link.unlink()
    link.symlink_to(second)  # same size, same mtime: another file
    lib = library(folder, cache)
    assert lib.lookup_key("twobrand") and not lib.lookup_key("onebrand")


def test_a_tampered_record_is_not_served(tmp_path):
    """A record edited inside the cache no longer matches its seal: the file is read instead."""
    from drugref.index.records import decode_monograph, encode_monograph

    folder, cache_dir = tmp_path / "m", tmp_path / "cache"
    seed_copy(folder)
    assert "Maximum: 200 mg/day" in drugref(folder, cache_dir, "titrate", "milnacipran").stdout
    con = sqlite3.connect(cache_dir / "index.sqlite3")
    file_id, record = con.execute("SELECT r.file_id, r.record FROM records r JOIN files f ON f.id = r.file_id "
                                  "WHERE f.name = 'Milnacipran'").fetchone()
    forged = decode_monograph(record)
    forged_bytes = encode_monograph(_replace_text(forged, "200 mg", "900 mg"))
    assert forged_bytes != record
    con.execute("UPDATE records SET record = ? WHERE file_id = ?", (forged_bytes, file_id))
    con.commit()
    con.close()
    for args in (["titrate", "milnacipran"], ["show", "milnacipran", "-s", "dosage", "--no-pager"]):
        out = drugref(folder, cache_dir, *args)
        assert out.returncode == 0 and "900 mg" not in out.stdout and "200 mg" in out.stdout, args


def _replace_text(value, old: str, new: str):
    """A copy of a parsed monograph (nested NamedTuples) with `old` replaced by `new` in every string."""
    if isinstance(value, str):
        return value.replace(old, new)
    if isinstance(value, tuple) and hasattr(value, "_fields"):
        return type(value)(*(_replace_text(v, old, new) for v in value))
    if isinstance(value, tuple):
        return tuple(_replace_text(v, old, new) for v in value)
    return value


# ---------------------------------------------------------------------- no crash on any mtime

@pytest.mark.parametrize("mtime_ns", [10_413_792_000 * 10**9,  # 2300-01-01
                                      -10**18,  # 1938
                                      -1])
def test_any_mtime(tmp_path, mtime_ns):
    folder, cache = tmp_path / "m", tmp_path / "cache"
    path = seed_copy(folder)
    try:
        os.utime(path, ns=(mtime_ns, mtime_ns))
    except (OSError, OverflowError):
        pytest.skip("the file system refuses this mtime")
    first = drugref(folder, cache, "titrate", "milnacipran")
    assert first.returncode == 0 and "Maximum: 200 mg/day" in first.stdout, first.stderr
    edit_keeping_stat(path, MAX_200, MAX_300)  # a file with such an mtime is checked by content each time
    second = drugref(folder, cache, "list")
    assert second.returncode == 0 and second.stderr == ""
    assert "Maximum: 300 mg/day" in drugref(folder, cache, "titrate", "milnacipran").stdout
