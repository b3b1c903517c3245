"""The persistent index: staleness, corrupt and unwritable caches, concurrent builds, search, speed guards."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import DATA, make_library
from drugref.errors import NotFound
from drugref.index import MonographDir
from drugref.index import open_library as Library
from drugref.lookup import resolve

MONO = "---\ntitle: {name}\nbrand_names: [{brand}]\n---\n## Usage\n\n- {text}\n"


def write(folder: Path, stem: str, name: str, brand: str = "Nobrand", text: str = "Text.") -> Path:
    path = folder / f"{stem}.md"
    path.write_text(MONO.format(name=name, brand=brand, text=text))
    return path


def open_lib(folder, cache):
    return Library([MonographDir(str(folder), "option")], cache)


def names(lib):
    return sorted(e.name for e in lib.entries())


def bump(path: Path):
    """Make sure the mtime moves even on coarse-grained file systems."""
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


def test_staleness_add_edit_delete_rename(tmp_path):
    folder, cache = tmp_path / "m", tmp_path / "cache" / "index.sqlite3"
    folder.mkdir()
    write(folder, "one", "Onedrug")
    assert names(open_lib(folder, cache)) == ["Onedrug"]
    two = write(folder, "two", "Twodrug")  # add
    assert names(open_lib(folder, cache)) == ["Onedrug", "Twodrug"]
    write(folder, "two", "Twodrug", text="Edited text.")  # edit
    bump(two)
    lib = open_lib(folder, cache)
    assert "Edited text." in lib.monograph(resolve(lib, "twodrug").entry).sections[0].text
    two.rename(folder / "three.md")  # rename
    lib = open_lib(folder, cache)
    assert names(lib) == ["Onedrug", "Twodrug"]
    assert resolve(lib, "twodrug").entry.file.endswith("three.md")
    (folder / "one.md").unlink()  # delete
    lib = open_lib(folder, cache)
    assert names(lib) == ["Twodrug"]
    with pytest.raises(NotFound):
        resolve(lib, "onedrug", exact=True)


def test_vocabulary_file_added_edited_removed(tmp_path):
    folder, cache = tmp_path / "m", tmp_path / "c.sqlite3"
    folder.mkdir()
    write(folder, "one", "Onedrug")
    assert open_lib(folder, cache).vocabulary.find_class("widgetizers") is None
    vocab = folder / "classes.yaml"
    vocab.write_text("classes:\n  widgetizers:\n    members: [onedrug]\n")
    assert open_lib(folder, cache).vocabulary.find_class("widgetizers") == "widgetizers"
    vocab.write_text("classes:\n  gadgeteers:\n    members: [onedrug]\n")
    bump(vocab)
    lib = open_lib(folder, cache)
    assert lib.vocabulary.find_class("gadgeteers") == "gadgeteers" and lib.vocabulary.find_class("widgetizers") is None
    vocab.unlink()
    assert open_lib(folder, cache).vocabulary.find_class("gadgeteers") is None


def test_changes_seen_without_a_stored_listing(tmp_path):
    """An index without the stored listing (as an older drugref left it) is compared by its rows."""
    import sqlite3

    folder, cache = tmp_path / "m", tmp_path / "c.sqlite3"
    folder.mkdir()
    write(folder, "one", "Onedrug")
    gone = write(folder, "two", "Twodrug")
    open_lib(folder, cache).close()
    con = sqlite3.connect(cache)
    assert con.execute("UPDATE dirs SET listing = NULL").rowcount == 1
    con.commit()
    con.close()
    bump(write(folder, "one", "Onedrug", text="Edited."))
    gone.unlink()
    write(folder, "three", "Threedrug")
    lib = open_lib(folder, cache)
    assert names(lib) == ["Onedrug", "Threedrug"]
    assert "Edited." in lib.monograph(resolve(lib, "onedrug").entry).sections[0].text


def test_overridden_files_names_are_not_served(tmp_path):
    """A brand named only by a file another directory overrides is not served: a vocabulary drug of
    that name is still offered as 'did you mean' for a near miss, as a drug without a monograph."""
    from drugref.errors import Ambiguous

    first, second, cache = tmp_path / "a", tmp_path / "b", tmp_path / "c.sqlite3"
    first.mkdir()
    second.mkdir()
    (first / "classes.yaml").write_text("classes:\n  widgets:\n    members: [widgetolam]\n")
    write(first, "alpha", "Alphadrug", brand="Widgetolam")
    write(second, "alpha", "Alphadrug", brand="Otherbrand")
    lib = Library([MonographDir(str(first), "option"), MonographDir(str(second), "option")], cache)
    with pytest.raises((NotFound, Ambiguous)) as caught:
        resolve(lib, "widgetolan", exact=True)
    assert "widgetolam" in [c.name.casefold() for c in caught.value.candidates]


def test_fuzzy_lookup_follows_edits_and_renames(tmp_path):
    """The stored list of name keys for fuzzy lookup is kept through an edit that leaves the names
    alone and rebuilt when a name changes (or a file goes)."""
    import sqlite3

    folder, cache = tmp_path / "m", tmp_path / "c.sqlite3"
    folder.mkdir()
    write(folder, "one", "Onexadrine", brand="Brandone")
    path = write(folder, "two", "Twoquinolol", brand="Brandtwo")
    lib = open_lib(folder, cache)
    assert resolve(lib, "twoquinolul").entry.name == "Twoquinolol"

    def stored_keys():
        con = sqlite3.connect(cache)
        try:
            return con.execute("SELECT name_keys FROM dirsets").fetchall()
        finally:
            con.close()

    before = stored_keys()
    assert len(before) == 1 and before[0][0]
    bump(write(folder, "two", "Twoquinolol", brand="Brandtwo", text="Edited, same names."))
    lib = open_lib(folder, cache)
    assert stored_keys() == before  # kept
    match = resolve(lib, "twoquinolul")
    assert match.how == "fuzzy" and "Edited, same names." in lib.monograph(match.entry).sections[0].text
    bump(write(folder, "two", "Threepralazine", brand="Brandthree"))
    lib = open_lib(folder, cache)
    assert stored_keys() != before  # made again: a name changed
    assert resolve(lib, "threepralazin").entry.name == "Threepralazine"
    with pytest.raises(NotFound):
        resolve(lib, "twoquinolul")
    path.unlink()
    lib = open_lib(folder, cache)
    with pytest.raises(NotFound):
        resolve(lib, "threepralazin")


def test_only_changed_files_are_parsed(tmp_path, monkeypatch):
    folder, cache = tmp_path / "m", tmp_path / "c.sqlite3"
    folder.mkdir()
    for i in range(5):
        write(folder, f"d{i}", f"Drug{i}x")
    open_lib(folder, cache)
    import drugref.index.sync as sync_module

    parsed = []
    real = sync_module.index_row
    monkeypatch.setattr(sync_module, "index_row", lambda path, *rest: parsed.append(path) or real(path, *rest))
    open_lib(folder, cache)
    assert parsed == []
    edited = write(folder, "d3", "Drug3x", text="New.")
    bump(edited)
    open_lib(folder, cache)
    assert parsed == [str(edited)]


def test_corrupt_cache_is_rebuilt_with_notice(tmp_path):
    folder, cache = tmp_path / "m", tmp_path / "c.sqlite3"
    folder.mkdir()
    write(folder, "one", "Onedrug")
    cache.write_bytes(b"this is not a database" * 100)
    lib = open_lib(folder, cache)
    assert names(lib) == ["Onedrug"]
    assert any("corrupt" in n for n in lib.notices)
    assert open_lib(folder, cache).notices == []


def test_foreign_sqlite_file_is_replaced(tmp_path):
    import sqlite3

    folder, cache = tmp_path / "m", tmp_path / "c.sqlite3"
    folder.mkdir()
    write(folder, "one", "Onedrug")
    con = sqlite3.connect(cache)
    con.execute("CREATE TABLE other (x)")
    con.commit()
    con.close()
    lib = open_lib(folder, cache)
    assert names(lib) == ["Onedrug"] and any("not a drugref index" in n for n in lib.notices)


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_unwritable_cache_dir_works_from_memory(tmp_path):
    folder, locked = tmp_path / "m", tmp_path / "locked"
    folder.mkdir()
    locked.mkdir()
    write(folder, "one", "Onedrug")
    locked.chmod(0o500)
    lib = open_lib(folder, locked / "sub" / "c.sqlite3")
    assert names(lib) == ["Onedrug"] and any("not writable" in n for n in lib.notices)


def test_cache_path_blocked_by_a_file_works_from_memory(tmp_path, run):
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the cache directory should be")
    os.environ["DRUGREF_CACHE_DIR"] = str(blocker / "cache")
    code, out, err = run("show", "milnacipran", "-s", "usage")
    assert code == 0 and "Milnacipran" in out
    assert "working from memory" in err and len(err.strip().splitlines()) == 1


def test_two_processes_building_at_once(tmp_path):
    folder, cache = tmp_path / "m", tmp_path / "cache"
    folder.mkdir()
    for i in range(150):
        write(folder, f"d{i:03}", f"Drug{i:03}q", brand=f"Brand{i:03}q")
    env = dict(os.environ, DRUGREF_CACHE_DIR=str(cache))
    cmd = [sys.executable, "-m", "drugref", "--no-bundled", "--monographs", str(folder), "list", "--json"]
    procs = [subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(3)]
    results = [p.communicate(timeout=120) for p in procs]
    for proc, (out, err) in zip(procs, results):
        assert proc.returncode == 0, err
        assert "Traceback" not in err
        assert len(json.loads(out)["drugs"]) == 150
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=60)
    assert len(json.loads(out.stdout)["drugs"]) == 150 and out.stderr == ""


def test_search_ranking(tmp_path):
    lib = make_library(DATA / "search")
    hits = lib.search("serotonin syndrome")
    assert [h.drug for h in hits][:2] == ["Alphazine", "Alphazine"]
    assert "Gammadol" in [h.drug for h in hits]
    assert all(h.drug != "Betamab" for h in hits)
    assert any(marked for _, marked in hits[0].parts) and "\x02" not in hits[0].snippet  # the match is marked for highlighting, in parts
    hits = lib.search("hyponatremia", section="precautions")
    assert [(h.drug, h.section) for h in hits] == [("Betamab", "Precautions")]
    assert lib.search("nothingmatchesthis") == []
    assert lib.search('"; DROP TABLE files; --') == []  # text is data, never FTS syntax


def test_search_cli(run, run_json):
    code, out, _ = run("--no-bundled", "--monographs", str(DATA / "search"), "search", "serotonin syndrome", "--limit", "2")
    assert code == 0 and out.count("Alphazine") == 2
    code, data, _ = run_json("--no-bundled", "--monographs", str(DATA / "search"), "search", "hyponatremia")
    assert {r["drug"] for r in data["results"]} == {"Betamab"}
    assert all(set(r) >= {"drug", "file", "section", "snippet", "rank"} for r in data["results"])
    code, _, err = run("search", "x", "--limit", "0")
    assert code == 2 and "--limit" in err
    code, _, _ = run("search", "qqqqzzzz")
    assert code == 1


def test_search_snippet_keeps_the_spaces_around_the_match(run):
    code, out, _ = run("--no-bundled", "--monographs", str(DATA / "search"), "search", "serotonin syndrome")
    assert code == 0 and "Serotonin syndrome may occur; serotonin syndrome is rare" in " ".join(out.split())


def _modules_after(args: list[str], env: dict) -> set[str]:
    code = ("import sys, json\nfrom drugref.cli import app\n"
            "try:\n    app(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
            "sys.stderr.write('\\nMODULES ' + json.dumps(sorted(sys.modules)))\n")
    result = subprocess.run([sys.executable, "-c", code, *args], env=env, capture_output=True, text=True, timeout=60)
    line = [row for row in result.stderr.splitlines() if row.startswith("MODULES ")][-1]
    return set(json.loads(line[len("MODULES "):]))


HEAVY = {"yaml", "frontmatter", "markdown_it"}


@pytest.mark.parametrize("args", [
    ["show", "milnacipran"],
    ["titrate", "milnacipran", "--crcl", "25"],
    ["interactions", "milnacipran", "tramadol", "warfarin"],
    ["list"],
])
def test_warm_calls_stay_lazy(tmp_path, args):
    env = dict(os.environ, DRUGREF_CACHE_DIR=str(tmp_path / "cache"))
    assert (tmp_path / "cache" / "index.sqlite3").is_file()  # warm: the bundled index (conftest's isolated_env)
    loaded = _modules_after(args, env)
    assert not {m.split(".")[0] for m in loaded} & HEAVY
    assert "rapidfuzz" not in {m.split(".")[0] for m in loaded}  # exact names: no fuzzy matcher


@pytest.mark.parametrize("args", [
    ["show", "milnacipran"],
    ["show", "milnaciprin"],  # a notice on stderr, also a pipe
    ["show", "zzqxvr"],  # 'did you mean' on stderr
    ["interactions", "milnacipran", "tramadol", "zzqxvr"],
])
def test_piped_output_leaves_rich_unimported(tmp_path, args):
    """Output to a pipe is plain lines: Rich, a fifth of a warm call's time, is not imported."""
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "TTY_COMPATIBLE")}
    env["DRUGREF_CACHE_DIR"] = str(tmp_path / "cache")
    assert (tmp_path / "cache" / "index.sqlite3").is_file()  # warm: the bundled index (conftest's isolated_env)
    assert "rich" not in {m.split(".")[0] for m in _modules_after(args, env)}
    forced = {m.split(".")[0] for m in _modules_after(args, dict(env, FORCE_COLOR="1"))}
    assert "rich" in forced  # Rich is asked whenever it might see a terminal


def test_override_follows_the_directories(tmp_path):
    """Which file serves a drug is stored per set of directories, and worked out again when a file
    of one of them claims or gives up the drug's name."""
    first, second, cache = tmp_path / "a", tmp_path / "b", tmp_path / "c.sqlite3"
    first.mkdir()
    second.mkdir()
    write(first, "alpha", "Alphadrug", text="From the first directory.")
    write(second, "beta", "Betadrug")
    dirs = [MonographDir(str(first), "option"), MonographDir(str(second), "option")]
    for _ in range(2):  # computed, then read back
        lib = Library(dirs, cache)
        assert names(lib) == ["Alphadrug", "Betadrug"]
    write(second, "alpha", "Alphadrug", text="From the second directory.")
    lib = Library(dirs, cache)
    assert resolve(lib, "alphadrug").entry.file == str(second / "alpha.md")
    listed = [e for e in lib.entries() if e.name == "Alphadrug"]
    assert len(listed) == 1 and listed[0].overrides == str(first / "alpha.md")
    (second / "alpha.md").unlink()
    lib = Library(dirs, cache)
    assert resolve(lib, "alphadrug").entry.file == str(first / "alpha.md")
    assert [e.overrides for e in lib.entries()] == [None, None]


def test_rapidfuzz_only_for_inexact_names(tmp_path):
    env = dict(os.environ, DRUGREF_CACHE_DIR=str(tmp_path / "cache"))
    _modules_after(["list"], env)
    loaded = {m.split(".")[0] for m in _modules_after(["show", "milnaciprin"], env)}
    assert "rapidfuzz" in loaded and not loaded & HEAVY


def test_completion_of_names_and_sections(tmp_path):
    env = dict(os.environ, DRUGREF_CACHE_DIR=str(tmp_path / "cache"), _DRUGREF_COMPLETE="complete_bash",
               COMP_WORDS="drugref show sav", COMP_CWORD="2")
    subprocess.run([sys.executable, "-m", "drugref", "list"], env=dict(env, _DRUGREF_COMPLETE=""), check=True,
                   capture_output=True)
    drugref = Path(sys.executable).with_name("drugref")
    if not drugref.exists():
        pytest.skip("console script not installed")
    out = subprocess.run([str(drugref)], env=env, capture_output=True, text=True, timeout=30).stdout
    assert out.split() == ["savella"]
    env.update(COMP_WORDS="drugref show milnacipran -s ren", COMP_CWORD="4")
    out = subprocess.run([str(drugref)], env=env, capture_output=True, text=True, timeout=30).stdout
    assert "renal" in out.split()


def test_prescan_child_scans_what_the_index_would(tmp_path):
    """The prescan's listing comes from another process and equals the index's own scan."""
    from drugref import prescan
    from drugref.index import scan

    folder, cache = tmp_path / "m", tmp_path / "c.sqlite3"
    folder.mkdir()
    for i in range(5):
        write(folder, f"d{i}", f"Drug{i}x")
    (folder / "notes.txt").write_text("not a monograph")
    child = prescan.start([str(folder)])
    assert child is not None
    taken = child.take(str(folder))
    assert taken.by == child.pid != os.getpid()  # made by the child
    here = scan.scan(str(folder))
    assert (taken.fingerprint, taken.errors, taken.listing().columns()) == \
        (here.fingerprint, here.errors, here.listing().columns())
    assert sorted(taken.listing().names) == [f"d{i}.md" for i in range(5)]
    assert child.take(str(folder)) is None and child.take(str(tmp_path)) is None  # taken once; not asked
    again = prescan.start([str(folder)])
    lib = Library([MonographDir(str(folder), "option")], cache, scans=again.take)
    assert names(lib) == [f"Drug{i}x" for i in range(5)]


def test_scan_reports_what_it_cannot_read(tmp_path):
    from drugref.index import scan

    missing = scan.scan(str(tmp_path / "gone"))
    assert missing.fingerprint is None and missing.errors[0][1].startswith("cannot read directory")
    assert missing.listing().names == []


def test_front_matter_parse_is_reused_while_unchanged(tmp_path, monkeypatch):
    """An edit below the front matter re-indexes without the YAML parser (its earlier parse is
    kept with the record); an edit to the front matter is parsed again; a YAML date, which the
    kept form can't hold, is simply parsed every time."""
    import drugref.monograph as monograph_module

    folder, cache = tmp_path / "m", tmp_path / "c.sqlite3"
    folder.mkdir()
    write(folder, "one", "Onedrug", brand="Brandone")
    dated = folder / "dated.md"
    dated.write_text("---\ntitle: Dateddrug\nlastModified: 2025-01-02\n---\n## Usage\n\n- Dated.\n")
    open_lib(folder, cache).close()
    real = monograph_module._yaml_loader
    loads = []
    monkeypatch.setattr(monograph_module, "_yaml_loader", lambda: loads.append(1) or real())
    bump(write(folder, "one", "Onedrug", brand="Brandone", text="Only the text changed."))
    lib = open_lib(folder, cache)
    assert loads == []
    assert "Only the text changed." in lib.monograph(resolve(lib, "brandone").entry).sections[0].text
    bump(write(folder, "one", "Onedrug", brand="Brandtwo", text="Only the text changed."))
    lib = open_lib(folder, cache)
    assert loads and resolve(lib, "brandtwo").entry.name == "Onedrug"
    with pytest.raises(NotFound):
        resolve(lib, "brandone", exact=True)
    loads.clear()
    dated.write_text(dated.read_text().replace("Dated.", "Dated, edited."))
    bump(dated)
    lib = open_lib(folder, cache)
    assert loads and lib.monograph(resolve(lib, "dateddrug").entry).last_modified == "2025-01-02"


_LAUNCH = """
import os, sys
from drugref import launch, prescan
real = prescan.Prescan.take
def take(self, path):
    found = real(self, path)
    if found is not None:
        sys.stderr.write(f"PRESCAN {found.by} {os.getpid()}\\n")
    return found
prescan.Prescan.take = take
sys.argv[0] = "drugref"
launch.main()
"""


@pytest.mark.skipif(sys.platform != "linux", reason="the prescan child is a Linux-only fast path")
def test_console_entry_point_uses_the_prescan_child(tmp_path):
    """Through the real entry point, the user's directory is scanned by a child process (its pid
    travels with the scan), the answer is right cold, warm and after an edit; with the fast paths
    switched off, no child runs."""
    folder = tmp_path / "big"
    folder.mkdir()
    write(folder, "one", "Onedrug", text="Found through the prescan.")
    env = dict(os.environ, DRUGREF_CACHE_DIR=str(tmp_path / "cache"))
    env.pop("DRUGREF_PORTABLE", None)
    cmd = [sys.executable, "-c", _LAUNCH, "--no-bundled", "--monographs", str(folder), "show", "onedrug"]

    def child_pids(result):
        lines = [line.split() for line in result.stderr.splitlines() if line.startswith("PRESCAN ")]
        return [(int(by), int(me)) for _, by, me in lines]

    for expected in ("Found through the prescan.", "Found through the prescan.", "Edited since."):
        if expected == "Edited since.":
            bump(write(folder, "one", "Onedrug", text="Edited since."))
        result = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=60)
        assert result.returncode == 0 and expected in result.stdout, result.stderr
        pids = child_pids(result)
        assert len(pids) == 1 and pids[0][0] != pids[0][1]
    result = subprocess.run(cmd, env=dict(env, DRUGREF_PORTABLE="1"), capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and "Edited since." in result.stdout and child_pids(result) == []
    for no_library in (["--version"], ["crcl", "--age", "70", "--weight", "60", "--scr", "1", "--sex", "f"],
                       ["--monographs", str(folder), "show", "--help"]):
        result = subprocess.run(cmd[:3] + no_library, env=env, capture_output=True, text=True, timeout=60)
        assert result.returncode == 0 and child_pids(result) == [], result.stderr


def test_progress_reaches_the_end(tmp_path):
    folder = tmp_path / "m"
    folder.mkdir()
    for i in range(320):
        write(folder, f"d{i:03}", f"Progressdrug{i:03}")
    calls = []
    Library([MonographDir(str(folder), "option")], tmp_path / "c.sqlite3", on_progress=lambda d, t: calls.append((d, t)))
    assert calls and calls[-1] == (320, 320)  # the bar is told the build finished, so it can clear itself


@given(st.lists(st.tuples(st.text(st.characters(blacklist_characters="\x00/"), min_size=1, max_size=20),
                          st.integers(0, 2**40), st.integers(-2**62, 2**62)), max_size=50))
def test_listing_bytes_round_trip(entries):
    """The listing as the prescan child sends it and the index stores it reads back exactly, and its
    fingerprint changes with any name, size or mtime."""
    from drugref.index.scan import Listing, fingerprint

    listing = Listing([n for n, _, _ in entries], [s for _, s, _ in entries], [m for _, _, m in entries])
    again = Listing.from_bytes(listing.to_bytes())
    assert again.columns() == listing.columns()
    if entries:
        name, size, mtime = entries[0]
        touched = Listing([name] + again.names[1:], [size + 1] + again.sizes[1:], again.mtimes_ns)
        assert fingerprint(touched.to_bytes()) != fingerprint(listing.to_bytes())


def test_listing_bytes_reject_garbage():
    from drugref.index.scan import Listing

    for junk in (b"", b"\x01", b"\x05" + b"\x00" * 15 + b"abc"):
        with pytest.raises(ValueError):
            Listing.from_bytes(junk)


def test_schema_version_follows_the_record_fields():
    """The cache is rebuilt when what it stores changes shape or is made differently: the version
    is derived from every record type's fields, the SQL schema and the source of the modules that
    make the rows, never bumped by hand."""
    from typing import NamedTuple

    from drugref.index import records, store

    types, code = records.record_types(), records.code_checksum()
    current = records.schema_version(types, store.SCHEMA, code)
    assert store.schema_version() == current
    monograph = types[0]
    grown = NamedTuple(monograph.__name__, [(f, object) for f in (*monograph._fields, "route")])
    assert records.schema_version((grown, *types[1:]), store.SCHEMA, code) != current
    renamed = NamedTuple(types[1].__name__, [(f if f != "text" else "body", object) for f in types[1]._fields])
    assert records.schema_version((types[0], renamed, *types[2:]), store.SCHEMA, code) != current
    assert records.schema_version(types, store.SCHEMA + "CREATE INDEX x ON files(size);", code) != current
    # the parser's code counts too: a change to how brands are read rebuilds the cached brand rows
    assert records.code_checksum(records.ROW_MAKERS[:-1]) != code
    assert records.schema_version(types, store.SCHEMA, records.code_checksum(("monograph.py",))) != current


def test_records_round_trip_every_bundled_monograph():
    from conftest import BUNDLED
    from drugref.index.records import decode_monograph, encode_monograph
    from drugref.monograph import parse_monograph

    for path in sorted(BUNDLED.glob("*.md")):
        monograph = parse_monograph(path)
        assert decode_monograph(encode_monograph(monograph)) == monograph


def test_reads_never_write(tmp_path):
    """Every catalog question is answered with the connection made read-only: no read path writes."""
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    write(first, "alpha", "Alphadrug", brand="Alphabrand", text="Serotonin syndrome.")
    write(second, "alpha", "Alphadrug", brand="Otherbrand", text="Overrides.")
    write(second, "beta", "Betadrug", brand="Betabrand")
    (first / "broken.md").write_text("---\ntitle: [unclosed\n---\n")
    lib = Library([MonographDir(str(first), "option"), MonographDir(str(second), "option")], tmp_path / "c.sqlite3")
    lib.store.con.execute("PRAGMA query_only = ON")
    changes = lib.store.con.total_changes
    assert [e.name for e in lib.entries()] == ["Alphadrug", "Betadrug"]
    assert lib.entries()[0].overrides == str(first / "alpha.md")
    entry, kind, label = lib.lookup_key("alphadrug")[0]
    assert entry.file == str(second / "alpha.md") and lib.lookup_key("alphabrand") == []
    keys, file_at = lib.name_keys()
    assert sorted(file_at(i) for i, k in enumerate(keys) if k == "alphadrug") == [str(second / "alpha.md")]
    assert lib.served_keys(["alphadrug", "alphabrand", "betadrug"]) == {"alphadrug", "betadrug"}
    assert {path for *_, path in lib.all_names()} == {str(second / "alpha.md"), str(second / "beta.md")}
    assert lib.label_for("betadrug", str(second / "beta.md")) == "Betadrug"
    assert "Overrides." in lib.monograph(entry).sections[0].text
    assert lib.vocabulary is not None
    assert lib.search("serotonin syndrome") == []  # only in the overridden file
    assert lib.complete_names("alpha") == ["Alphadrug"]
    assert [p.file for p in lib.problems] == [str(first / "broken.md")]
    assert lib.store.con.total_changes == changes and not lib.store.con.in_transaction


def test_an_update_is_one_transaction_and_nothing_changed_is_none(tmp_path):
    from drugref.index import open_library
    from drugref.index.store import Store
    from drugref.index.sync import sync

    folder = tmp_path / "m"
    folder.mkdir()
    for i in range(3):
        write(folder, f"d{i}", f"Drug{i}x")
    cache = tmp_path / "c.sqlite3"
    open_library([MonographDir(str(folder), "option")], cache).close()
    bump(write(folder, "d1", "Renamedx"))
    (folder / "d2.md").unlink()
    write(folder, "d3", "Drug3x")
    store = Store.connect(cache)
    statements = []
    store.con.set_trace_callback(statements.append)
    sync(store, [MonographDir(str(folder), "option")])
    writes = [s for s in statements if s.split()[0].upper() in ("BEGIN", "COMMIT", "INSERT", "UPDATE", "DELETE")]
    assert writes[0] == "BEGIN IMMEDIATE" and writes[-1] == "COMMIT"
    assert [s for s in writes if s.startswith(("BEGIN", "COMMIT"))] == ["BEGIN IMMEDIATE", "COMMIT"]
    statements.clear()
    sync(store, [MonographDir(str(folder), "option")])  # nothing changed: reads only
    assert not [s for s in statements if s.split()[0].upper() in ("BEGIN", "INSERT", "UPDATE", "DELETE")]
    catalog = open_library([MonographDir(str(folder), "option")], cache)
    assert names(catalog) == ["Drug0x", "Drug3x", "Renamedx"]


def test_parser_pool_forks_only_on_linux(monkeypatch):
    from drugref.index import sync

    monkeypatch.setattr(sys, "platform", "darwin")
    assert sync.pool_start_method(True) == "spawn"
    monkeypatch.setattr(sys, "platform", "win32")
    assert sync.pool_start_method(True) == "spawn"
    monkeypatch.setattr(sys, "platform", "linux")
    assert sync.pool_start_method(True) == "fork" and sync.pool_start_method(False) == "spawn"


def test_big_build_with_spawned_workers(tmp_path):
    """The parser pool as macOS and Windows run it (spawn): same rows, progress to the end."""
    from drugref.index import open_library
    from drugref.index.sync import PARALLEL_FROM

    folder = tmp_path / "m"
    folder.mkdir()
    for i in range(PARALLEL_FROM + 5):
        write(folder, f"d{i:03}", f"Spawndrug{i:03}", brand=f"Spawnbrand{i:03}")
    calls = []
    lib = open_library([MonographDir(str(folder), "option")], tmp_path / "c.sqlite3",
                       on_progress=lambda d, t: calls.append((d, t)), fork=False)
    assert len(lib.entries()) == PARALLEL_FROM + 5 and calls[-1] == (PARALLEL_FROM + 5,) * 2
    assert lib.lookup_key("spawnbrand007")[0][0].name == "Spawndrug007"


def test_incremental_updates_agree_with_a_fresh_build(tmp_path):
    """After each of a run of adds, edits, renames and deletions over two directories, the kept
    index answers as one built from nothing: entries (with what they override), served names, and
    the keys fuzzy matching reads."""
    import random

    rng = random.Random(13)
    dirs = [tmp_path / "a", tmp_path / "b"]
    for d in dirs:
        d.mkdir()
    listed = [MonographDir(str(d), "option") for d in dirs]
    drugs = ["Alphadrug", "Betadrug", "Gammadrug", "Deltadrug"]
    brands = ["Onebrand", "Twobrand", "Threebrand"]

    def answers(lib):
        keys, file_at = lib.name_keys()
        return (lib.entries(), sorted(lib.all_names()), sorted((k, file_at(i)) for i, k in enumerate(keys)),
                sorted(map(tuple, lib.problems)))

    for step in range(25):
        folder = rng.choice(dirs)
        present = sorted(folder.glob("*.md"))
        action = rng.choice(["add", "add", "edit", "rename", "delete"]) if present else "add"
        if action == "add":
            write(folder, f"f{step}", rng.choice(drugs), brand=rng.choice(brands))
        elif action == "edit":
            path = rng.choice(present)
            bump(write(folder, path.stem, rng.choice(drugs), brand=rng.choice(brands), text=f"Step {step}."))
        elif action == "rename":
            rng.choice(present).rename(folder / f"r{step}.md")
        else:
            rng.choice(present).unlink()
        kept = Library(listed, tmp_path / "c.sqlite3")
        fresh = Library(listed, None)
        assert answers(kept) == answers(fresh), (step, action)
        kept.close()
        fresh.close()
