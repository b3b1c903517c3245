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

from drugref.library import Library, MonographDir
from drugref.lookup import resolve
from drugref.errors import NotFound

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
    assert con.execute("DELETE FROM meta WHERE key LIKE 'listing:%'").rowcount == 1
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
    alone and rebuilt when a name changes."""
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
            return con.execute("SELECT COUNT(*) FROM meta WHERE key LIKE 'keys:%'").fetchone()[0]
        finally:
            con.close()

    assert stored_keys() == 1
    bump(write(folder, "two", "Twoquinolol", brand="Brandtwo", text="Edited, same names."))
    lib = open_lib(folder, cache)
    assert stored_keys() == 1  # kept
    match = resolve(lib, "twoquinolul")
    assert match.how == "fuzzy" and "Edited, same names." in lib.monograph(match.entry).sections[0].text
    bump(write(folder, "two", "Threepralazine", brand="Brandthree"))
    lib = open_lib(folder, cache)
    assert stored_keys() == 0  # dropped: a name changed
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
    import drugref.library as library_module

    parsed = []
    real = library_module._index_row
    monkeypatch.setattr(library_module, "_index_row", lambda path, *rest: parsed.append(path) or real(path, *rest))
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
    assert "\x02" in hits[0].snippet  # the match is marked for highlighting
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
    line = [l for l in result.stderr.splitlines() if l.startswith("MODULES ")][-1]
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
    _modules_after(["list"], env)  # build the index
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
    _modules_after(["list", "--json"], env)
    assert "rich" not in {m.split(".")[0] for m in _modules_after(args, env)}
    forced = {m.split(".")[0] for m in _modules_after(args, dict(env, FORCE_COLOR="1"))}
    assert "rich" in forced  # Rich is asked whenever it might see a terminal


def test_shadowing_memo_follows_the_directories(tmp_path):
    """Whether a name is claimed twice is remembered per set of directories, and forgotten when
    one of them changes."""
    first, second, cache = tmp_path / "a", tmp_path / "b", tmp_path / "c.sqlite3"
    first.mkdir()
    second.mkdir()
    write(first, "alpha", "Alphadrug", text="From the first directory.")
    write(second, "beta", "Betadrug")
    dirs = [MonographDir(str(first), "option"), MonographDir(str(second), "option")]
    for _ in range(2):  # computed, then remembered
        lib = Library(dirs, cache)
        assert not lib._shadowing() and names(lib) == ["Alphadrug", "Betadrug"]
    write(second, "alpha", "Alphadrug", text="From the second directory.")
    lib = Library(dirs, cache)
    assert lib._shadowing()
    assert resolve(lib, "alphadrug").entry.file == str(second / "alpha.md")
    listed = [e for e in lib.entries() if e.name == "Alphadrug"]
    assert len(listed) == 1 and listed[0].overrides == str(first / "alpha.md")
    (second / "alpha.md").unlink()
    lib = Library(dirs, cache)
    assert not lib._shadowing() and resolve(lib, "alphadrug").entry.file == str(first / "alpha.md")


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


def test_prescan_result_is_the_same_as_scanning(tmp_path, monkeypatch):
    import drugref.prescan as prescan

    folder, cache = tmp_path / "m", tmp_path / "c.sqlite3"
    folder.mkdir()
    for i in range(5):
        write(folder, f"d{i}", f"Drug{i}x")
    monkeypatch.setattr(prescan, "BIG_DIRECTORY_BYTES", 0)  # treat any directory as big
    assert prescan.candidate_dirs(["--monographs", str(folder), "show", "x"], {}) == [str(folder.resolve())]
    prescan.start(["--monographs", str(folder)], {})
    assert str(folder.resolve()) in prescan._pending
    lib = open_lib(folder.resolve(), cache)
    assert prescan._pending == {}  # the library took the child's result
    assert names(lib) == [f"Drug{i}x" for i in range(5)]
    from drugref.vocabulary import VOCABULARY_FILE

    listing, errors, complete = prescan.scan_directory(str(folder), VOCABULARY_FILE)
    assert complete and errors == [] and sorted(listing.names) == [f"d{i}.md" for i in range(5)]
    assert listing.sizes == [(folder / n).stat().st_size for n in listing.names]


def test_front_matter_parse_is_reused_while_unchanged(tmp_path, monkeypatch):
    """An edit below the front matter re-indexes without the YAML parser (its earlier parse is
    kept with the record); an edit to the front matter is parsed again; a YAML date, which the
    kept form can't hold, is simply parsed every time."""
    import drugref.monograph as monograph_module

    folder, cache = tmp_path / "m", tmp_path / "c.sqlite3"
    folder.mkdir()
    path = write(folder, "one", "Onedrug", brand="Brandone")
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


def test_console_script_with_prescan(tmp_path):
    """The installed entry point forks the prescan for a big directory and still answers right."""
    folder = tmp_path / "big"
    folder.mkdir()
    for i in range(2500):  # enough entries for the directory file to pass the prescan threshold
        (folder / f"n{i:04}.txt").write_text("")
    write(folder, "one", "Onedrug", text="Found through the prescan.")
    env = dict(os.environ, DRUGREF_CACHE_DIR=str(tmp_path / "cache"))
    cmd = [sys.executable, "-m", "drugref", "--no-bundled", "--monographs", str(folder), "show", "onedrug"]
    for _ in range(2):  # cold (the child's listing is read), then warm (only its fingerprint)
        result = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=60)
        assert result.returncode == 0 and "Found through the prescan." in result.stdout, result.stderr
    bump(write(folder, "one", "Onedrug", text="Edited since."))
    result = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and "Edited since." in result.stdout, result.stderr


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
    from drugref.prescan import Listing, fingerprint

    listing = Listing([n for n, _, _ in entries], [s for _, s, _ in entries], [m for _, _, m in entries])
    again = Listing.from_bytes(listing.to_bytes())
    assert again.columns() == listing.columns()
    if entries:
        name, size, mtime = entries[0]
        touched = Listing([name] + again.names[1:], [size + 1] + again.sizes[1:], again.mtimes_ns)
        assert fingerprint(touched) != fingerprint(listing)


def test_listing_bytes_reject_garbage():
    from drugref.prescan import Listing

    for junk in (b"", b"\x01", b"\x05" + b"\x00" * 15 + b"abc"):
        with pytest.raises(ValueError):
            Listing.from_bytes(junk)
