"""The failures of issue 15's attack run, each reproduced: a stale or forged answer from the index,
a crash from the cache, builds that fail when run together, an index that does not heal."""
from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import QUICK_EXAMPLES, SEED
from drugref.index import MonographDir, open_library
from drugref.lookup import resolve

POSIX = os.name == "posix"
# the slowest cases run in the full profile only (`.ci/run`), keeping the default suite quick
heavy = pytest.mark.skipif(settings.default.max_examples <= QUICK_EXAMPLES,
                           reason="heavy: runs with --hypothesis-profile=full (.ci/run)")
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
    folder, cache = tmp_path / "m", tmp_path / "idx"
    path = seed_copy(folder)
    assert "Maximum: 200 mg/day" in drugref(folder, cache, "titrate", "milnacipran").stdout
    edit_keeping_stat(path, MAX_200, MAX_300)
    out = drugref(folder, cache, "titrate", "milnacipran")
    assert out.returncode == 0 and "Maximum: 300 mg/day" in out.stdout and "200 mg/day" not in out.stdout


def test_answers_come_from_the_files_bytes_even_when_the_listing_misses_an_edit(tmp_path, monkeypatch):
    """Whatever the listing says, `show`, `titrate` and `interactions` read a record only while
    its file's hash is the one it was made from."""
    import drugref.index.cache as cache_module

    folder, cache = tmp_path / "m", tmp_path / "c.sqlite3"
    path = seed_copy(folder)
    assert "200" in maximum(folder, cache)
    edit_keeping_stat(path, MAX_200, MAX_300)
    monkeypatch.setattr(cache_module, "needs_work", lambda *args: False)  # no listing check at all
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

    folder, cache_dir = tmp_path / "m", tmp_path / "idx"
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
                                      pytest.param(-10**18, marks=heavy),  # 1938
                                      pytest.param(-1, marks=heavy)])
def test_any_mtime(tmp_path, mtime_ns):
    folder, cache = tmp_path / "m", tmp_path / "idx"
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


# ---------------------------------------------------------------------- an untrusted cache

def corpus(folder: Path, count: int, prefix: str = "drug") -> Path:
    folder.mkdir(exist_ok=True)
    for i in range(count):
        write(folder, f"{prefix}{i:05}", f"{prefix.capitalize()}{i:05}x", brand=f"Br{prefix}{i:05}x")
    return folder


@pytest.mark.skipif(not POSIX, reason="ownership and modes are POSIX")
def test_a_cache_writable_by_others_is_not_trusted(tmp_path):
    """A shared-writable cache could be forged by anyone: it is not read, and not written."""
    folder, cache_dir = tmp_path / "m", tmp_path / "idx"
    seed_copy(folder)
    assert drugref(folder, cache_dir, "list").returncode == 0
    index = cache_dir / "index.sqlite3"
    con = sqlite3.connect(index)
    con.execute("UPDATE records SET seal = x'00'")  # were it read, records would not be trusted anyway
    con.execute("UPDATE files SET name = 'Forgeddrug'")
    con.commit()
    con.close()
    before = index.read_bytes()
    cache_dir.chmod(0o777)
    out = drugref(folder, cache_dir, "list")
    assert out.returncode == 0 and "Milnacipran" in out.stdout and "Forgeddrug" not in out.stdout
    assert "not trusted" in out.stderr and "writable by others" in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1
    assert index.read_bytes() == before
    cache_dir.chmod(0o700)
    index.chmod(0o666)
    out = drugref(folder, cache_dir, "list")
    assert "Forgeddrug" not in out.stdout and "not trusted" in out.stderr


@pytest.mark.skipif(not POSIX or os.geteuid() != 0, reason="giving a file to another user needs root")
def test_a_cache_owned_by_someone_else_is_not_trusted(tmp_path):
    folder, cache_dir = tmp_path / "m", tmp_path / "idx"
    seed_copy(folder)
    assert drugref(folder, cache_dir, "list").returncode == 0
    os.chown(cache_dir / "index.sqlite3", 4321, -1)
    out = drugref(folder, cache_dir, "list")
    assert out.returncode == 0 and "Milnacipran" in out.stdout and "not owned by you" in out.stderr


def test_a_new_cache_is_private(tmp_path):
    folder, cache_dir = tmp_path / "m", tmp_path / "idx" / "deeper"
    seed_copy(folder)
    old = os.umask(0o002)  # a umask that would leave new files group-writable
    try:
        out = drugref(folder, cache_dir, "list")
    finally:
        os.umask(old)
    assert out.returncode == 0 and out.stderr == ""
    if POSIX:
        assert (cache_dir.stat().st_mode & 0o077) == 0
        assert ((cache_dir / "index.sqlite3").stat().st_mode & 0o077) == 0
    assert drugref(folder, cache_dir, "list").stderr == ""  # and trusted next time


# ---------------------------------------------------------------------- healing

def test_corrupt_pages_are_healed(tmp_path):
    folder, cache_dir = tmp_path / "m", tmp_path / "idx"
    corpus(folder, 60)
    seed_copy(folder)
    assert drugref(folder, cache_dir, "list").returncode == 0
    index = cache_dir / "index.sqlite3"
    data = bytearray(index.read_bytes())
    page = 4096
    for start in range(2 * page, len(data) - page, 3 * page):  # garbage over every third page past the header
        data[start:start + page] = os.urandom(page)
    index.write_bytes(bytes(data))
    out = drugref(folder, cache_dir, "titrate", "milnacipran")
    assert out.returncode == 0 and "Maximum: 200 mg/day" in out.stdout, out.stderr
    assert "Traceback" not in out.stderr and len(out.stderr.strip().splitlines()) == 1
    assert "corrupt" in out.stderr or "not a drugref index" in out.stderr
    again = drugref(folder, cache_dir, "list", "--json")  # rebuilt: quiet again
    assert again.returncode == 0 and again.stderr == "" and "Drug00059x" in again.stdout
    assert drugref(folder, cache_dir, "list").stderr == ""


def test_a_directory_in_the_index_place(tmp_path):
    folder, cache_dir = tmp_path / "m", tmp_path / "idx"
    seed_copy(folder)
    (cache_dir / "index.sqlite3").mkdir(parents=True)
    out = drugref(folder, cache_dir, "titrate", "milnacipran")
    assert out.returncode == 0 and "Maximum: 200 mg/day" in out.stdout
    assert "is a directory" in out.stderr and len(out.stderr.strip().splitlines()) == 1


def test_a_foreign_database_claiming_the_schema_version(tmp_path):
    from drugref.index.store import APP_ID, schema_version

    folder, cache_dir = tmp_path / "m", tmp_path / "idx"
    seed_copy(folder)
    cache_dir.mkdir(mode=0o700)
    con = sqlite3.connect(cache_dir / "index.sqlite3")
    con.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
    con.execute("INSERT INTO meta VALUES ('app', ?), ('schema', ?)", (APP_ID, schema_version()))
    con.execute("CREATE TABLE files (id INTEGER PRIMARY KEY, path TEXT)")
    con.commit()
    con.close()
    out = drugref(folder, cache_dir, "titrate", "milnacipran")
    assert out.returncode == 0 and "Maximum: 200 mg/day" in out.stdout, out.stderr
    assert "Traceback" not in out.stderr and len(out.stderr.strip().splitlines()) == 1
    assert drugref(folder, cache_dir, "list").stderr == ""  # rebuilt


def test_garbage_rows_in_a_valid_file_are_healed(tmp_path):
    """A row that does not decode (a summary edited in the cache) is a bad file: healed, not a crash."""
    folder, cache_dir = tmp_path / "m", tmp_path / "idx"
    seed_copy(folder)
    assert drugref(folder, cache_dir, "list").returncode == 0
    con = sqlite3.connect(cache_dir / "index.sqlite3")
    con.execute("UPDATE files SET summary = x'deadbeef'")
    con.commit()
    con.close()
    out = drugref(folder, cache_dir, "list")
    assert out.returncode == 0 and "Milnacipran" in out.stdout and "Traceback" not in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1


def _limit_file_size(limit: int):
    def limit_it() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return limit_it


@pytest.mark.skipif(not POSIX, reason="RLIMIT_FSIZE is POSIX")
@pytest.mark.parametrize("warm", [pytest.param(False, marks=heavy), True])
def test_disk_full(tmp_path, warm):
    """Writes fail as on a full disk (a file size limit): one notice, answers from memory, the
    index file as it was and no temporary file left."""
    folder, cache_dir = tmp_path / "m", tmp_path / "idx"
    corpus(folder, 80)
    path = seed_copy(folder)
    if warm:  # an index that exists, then an edit that must be written
        assert drugref(folder, cache_dir, "list").returncode == 0
        edit_keeping_stat(path, MAX_200, MAX_300)
        os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    before = {p.name: p.read_bytes() for p in cache_dir.glob("*")} if warm else {}
    size = (cache_dir / "index.sqlite3").stat().st_size if warm else 0
    env = dict(os.environ, DRUGREF_CACHE_DIR=str(cache_dir))
    out = subprocess.run([sys.executable, "-m", "drugref", "--no-bundled", "--monographs", str(folder), "titrate",
                          "milnacipran"], env=env, capture_output=True, text=True, timeout=120,
                         preexec_fn=_limit_file_size(max(size, 64 * 1024)))
    assert out.returncode == 0, out.stderr
    assert ("Maximum: 300 mg/day" if warm else "Maximum: 200 mg/day") in out.stdout
    assert "Traceback" not in out.stderr and len(out.stderr.strip().splitlines()) == 1, out.stderr
    assert "could not write the index cache" in out.stderr and "working from memory" in out.stderr
    assert not list(cache_dir.glob("*.tmp*"))
    if warm:
        assert (cache_dir / "index.sqlite3").read_bytes() == before["index.sqlite3"]
    out = drugref(folder, cache_dir, "titrate", "milnacipran")  # room again: written, quiet
    assert out.returncode == 0 and out.stderr == ""


def test_a_read_only_cache_with_a_valid_index_is_used(tmp_path, monkeypatch):
    """Where the cache directory can't be written, a valid index in it is read (not rebuilt in
    memory); a directory that changed since is brought up to date in a copy in memory."""
    import drugref.index.cache as cache_module
    import drugref.index.sync as sync_module

    folder, cache = tmp_path / "m", tmp_path / "idx" / "index.sqlite3"
    corpus(folder, 30)
    library(folder, cache).close()
    before = cache.read_bytes()
    monkeypatch.setattr(cache_module, "_writable_dir", lambda folder: False)
    parsed: list[str] = []
    real = sync_module.index_row
    monkeypatch.setattr(sync_module, "index_row", lambda path, *rest: parsed.append(path) or real(path, *rest))
    lib = library(folder, cache)
    assert len(lib.entries()) == 30 and lib.notices == [] and parsed == [] and lib.store.readonly
    lib.close()
    write(folder, "drug00003", "Changedx", text="Changed.")
    lib = library(folder, cache)
    assert "Changedx" in [e.name for e in lib.entries()] and parsed == [str(folder / "drug00003.md")]
    assert lib.notices and "not writable" in lib.notices[0]
    lib.close()
    assert cache.read_bytes() == before


@pytest.mark.skipif(not POSIX or os.geteuid() == 0, reason="root writes anywhere")
def test_a_read_only_cache_directory_from_the_cli(tmp_path):
    folder, cache_dir = tmp_path / "m", tmp_path / "idx"
    seed_copy(folder)
    assert drugref(folder, cache_dir, "list").returncode == 0
    cache_dir.chmod(0o500)
    try:
        out = drugref(folder, cache_dir, "titrate", "milnacipran")
    finally:
        cache_dir.chmod(0o700)
    assert out.returncode == 0 and "Maximum: 200 mg/day" in out.stdout and out.stderr == ""


def test_leftover_temporary_files_are_removed(tmp_path):
    folder, cache_dir = tmp_path / "m", tmp_path / "idx"
    seed_copy(folder)
    cache_dir.mkdir(mode=0o700)
    (cache_dir / "index.sqlite3.99999.tmp").write_bytes(b"half a build")
    (cache_dir / "index.sqlite3.99999.tmp-journal").write_bytes(b"its journal")
    assert drugref(folder, cache_dir, "list").returncode == 0
    assert sorted(p.name for p in cache_dir.iterdir()) == ["index.sqlite3", "index.sqlite3.lock"]


# ---------------------------------------------------------------------- concurrent builds

@heavy
def test_processes_started_together_on_a_cold_cache_all_answer(tmp_path):
    """One builds (under the build lock, into a new file renamed into place); the others wait and
    read it. None fails. (20 processes on 2,000 files and 2 on 20,000: benchmarks/reliability.py.)"""
    import json

    folder, cache_dir = tmp_path / "m", tmp_path / "idx"
    corpus(folder, 450)  # enough for the parallel parser
    env = dict(os.environ, DRUGREF_CACHE_DIR=str(cache_dir))
    cmd = [sys.executable, "-m", "drugref", "--no-bundled", "--monographs", str(folder), "list", "--json"]
    procs = [subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(6)]
    for proc in procs:
        out, err = proc.communicate(timeout=240)
        assert proc.returncode == 0 and err == "", err
        assert len(json.loads(out)["drugs"]) == 450
    assert sorted(p.name for p in cache_dir.iterdir()) == ["index.sqlite3", "index.sqlite3.lock"]


def test_a_waiting_process_reads_what_the_builder_wrote(tmp_path):
    """While the lock is held elsewhere, a call waits (showing the holder's progress on its bar,
    closed at the end), then takes the index the holder left."""
    import threading
    import time

    from drugref.index.cache import Opener
    from drugref.index.lock import BuildLock

    folder, cache = corpus(tmp_path / "m", 20), tmp_path / "idx" / "index.sqlite3"
    cache.parent.mkdir(mode=0o700)
    dirs = [MonographDir(str(folder), "option")]
    holder = BuildLock(cache)
    assert holder.try_acquire()
    holder.report(7, 20)
    seen: list[tuple[int, int]] = []

    def build_then_release() -> None:
        while not seen:
            time.sleep(0.01)
        Opener(dirs, cache, None, None, False, None).build(holder).close()
        holder.release()

    thread = threading.Thread(target=build_then_release)
    thread.start()
    try:
        lib = open_library(dirs, cache, on_progress=lambda done, total: seen.append((done, total)))
    finally:
        thread.join()
    assert len(lib.entries()) == 20 and lib.notices == [] and lib.store.where == str(cache)
    assert seen[0] == (7, 20) and seen[-1] == (20, 20)


# ---------------------------------------------------------------------- killed parent

@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc")
@pytest.mark.parametrize("signal_name", ["SIGKILL", pytest.param("SIGTERM", marks=heavy)])
def test_parser_workers_end_with_their_parent(tmp_path, signal_name):
    import signal
    import time

    from drugref.index.sync import PARALLEL_FROM

    folder, cache_dir = corpus(tmp_path / "m", PARALLEL_FROM * 3), tmp_path / "idx"
    env = dict(os.environ, DRUGREF_CACHE_DIR=str(cache_dir))
    proc = subprocess.Popen([sys.executable, "-m", "drugref", "--no-bundled", "--monographs", str(folder), "list"],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def children(pid: int) -> list[int]:
        found = []
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    stat = Path(f"/proc/{entry}/stat").read_text()
                except OSError:
                    continue
                if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                    found.append(int(entry))
        return found

    deadline = time.monotonic() + 60
    workers: list[int] = []
    while time.monotonic() < deadline and len(workers) < 2 and proc.poll() is None:
        workers = children(proc.pid)
        time.sleep(0.02)
    if len(workers) < 2:
        proc.kill()
        proc.wait()
        pytest.skip("the build ended before its workers could be seen")
    proc.send_signal(getattr(signal, signal_name))
    proc.wait(timeout=30)
    deadline = time.monotonic() + 10
    alive = workers
    while alive and time.monotonic() < deadline:
        time.sleep(0.1)
        alive = [w for w in workers if Path(f"/proc/{w}").exists()
                 and Path(f"/proc/{w}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"]

    def cmdline(pid: int) -> str:
        try:
            return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            return "?"

    assert alive == [], {pid: cmdline(pid) for pid in alive}


def test_a_big_update_is_built_aside(tmp_path, monkeypatch):
    """Many files to parse: the update is made in a copy renamed into place (readers of the old
    file are never blocked by a long write), with what was there before kept."""
    import drugref.index.cache as cache_module

    monkeypatch.setattr(cache_module, "ASIDE_FROM", 10)
    first, cache = corpus(tmp_path / "a", 5), tmp_path / "idx" / "index.sqlite3"
    library(first, cache).close()
    inode = cache.stat().st_ino
    reader = sqlite3.connect(cache)
    reader.execute("BEGIN")
    assert reader.execute("SELECT COUNT(*) FROM files").fetchone() == (5,)  # holds a read lock throughout
    second = corpus(tmp_path / "b", 12, prefix="other")
    lib = open_library([MonographDir(str(first), "option"), MonographDir(str(second), "option")], cache)
    assert len(lib.entries()) == 17 and cache.stat().st_ino != inode
    reader.rollback()
    reader.close()
    lib.close()
    assert len(library(first, cache).entries()) == 5


# ---------------------------------------------------------------------- growth

def test_a_renamed_directory_does_not_stay_in_the_index(tmp_path):
    folder, cache = corpus(tmp_path / "m0", 120), tmp_path / "idx" / "index.sqlite3"
    library(folder, cache).close()
    size = cache.stat().st_size
    for step in (1, 2):
        renamed = tmp_path / f"m{step}"
        folder.rename(renamed)
        folder = renamed
        lib = library(folder, cache)
        assert len(lib.entries()) == 120
        lib.close()
    con = sqlite3.connect(cache)
    assert [r[0] for r in con.execute("SELECT DISTINCT dir FROM files")] == [str(folder)]
    assert con.execute("SELECT COUNT(*) FROM dirsets").fetchone() == (1,)
    con.close()
    assert cache.stat().st_size <= size * 1.2


def test_directories_not_asked_for_in_a_month_are_pruned(tmp_path):
    from drugref.index.sync import UNUSED_NS

    old, new = corpus(tmp_path / "old", 10), corpus(tmp_path / "new", 10, prefix="fresh")
    cache = tmp_path / "idx" / "index.sqlite3"
    library(old, cache).close()
    library(new, cache).close()
    con = sqlite3.connect(cache)
    con.execute("UPDATE dirsets SET used_ns = used_ns - ? WHERE dirs = ?", (UNUSED_NS + 1, str(old)))
    con.commit()
    write(new, "added", "Addedx")  # a change: the next call writes, and prunes
    library(new, cache).close()
    assert {r[0] for r in con.execute("SELECT DISTINCT dir FROM files")} == {str(new)}
    con.close()


@heavy
def test_the_index_is_at_most_one_and_a_half_times_the_corpus(tmp_path):
    """Size on disk (blocks), as `du` says: the full text is indexed without a second copy of it
    (FTS5 external content read back from the records), and records are compressed."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    try:
        from bench import make_corpus
    finally:
        sys.path.pop(0)
    folder, cache = tmp_path / "m", tmp_path / "idx" / "index.sqlite3"
    make_corpus(folder, 300)
    library(folder, cache).close()
    if not hasattr(cache.stat(), "st_blocks"):
        pytest.skip("no block counts on this platform")
    corpus_on_disk = sum(p.stat().st_blocks * 512 for p in folder.iterdir())
    assert cache.stat().st_blocks * 512 <= 1.5 * corpus_on_disk


@given(st.text(st.sampled_from("ab \n"), max_size=400), st.integers(min_value=1, max_value=50))
def test_long_sections_are_indexed_in_parts_that_add_up(text, size):
    import drugref.index.records as records

    original = records.CHUNK_CHARS
    records.CHUNK_CHARS = size
    try:
        parts = records._parts(text)
    finally:
        records.CHUNK_CHARS = original
    assert "".join(parts) == text
    assert parts == [text] if len(text) <= size else all(0 < len(p) <= size for p in parts)


def test_a_huge_monograph_neither_slows_nor_enters_other_searches(tmp_path):
    """Search ranks only the files the asked directories serve, and a huge section is indexed in
    parts, so a snippet never reads it whole (a 1.6 MB monograph cost ~10 s a search)."""
    big, small, cache = tmp_path / "big", corpus(tmp_path / "small", 20), tmp_path / "idx" / "index.sqlite3"
    big.mkdir()
    paragraph = "Serotonin syndrome may occur with other serotonergic drugs; monitor closely. " * 20
    write(big, "huge", "Hugedrug", text=(paragraph + "\n\n") * 600)
    write(small, "sero", "Serodrug", text="Serotonin syndrome is reported.")
    library(big, cache).close()
    lib = library(small, cache)
    hits = lib.search("serotonin syndrome")
    assert [h.drug for h in hits] == ["Serodrug"] and any(marked for _, marked in hits[0].parts)
    lib.close()
    lib = library(big, cache)
    hits = lib.search("serotonin syndrome", limit=3)
    assert len(hits) == 3 and {h.drug for h in hits} == {"Hugedrug"}
    assert all(len(h.snippet) < 400 for h in hits)
    lib.close()
