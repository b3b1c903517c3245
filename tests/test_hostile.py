"""Hostile and broken input: one clear line, the right exit code, no traceback, the rest still usable."""
from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SEED, examples, make_library
from drugref.dosing import Patient, plan, read_dosing
from drugref.errors import DrugrefError, InvalidMonograph
from drugref.interactions import read_rules
from drugref.monograph import parse_monograph, parse_text

GOOD = "---\ntitle: Gooddrug\n---\n## Usage\n\n- Still here.\n"


def write(tmp_path, name, content):
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content)
    return path


HOSTILE_FILES = {
    "empty.md": "",
    "binary.md": b"\x00\xff\xfe\x00" * 100,
    "huge.md": "---\ntitle: Huge\n---\n" + ("- line\n" * 1_500_000),
    "nested.md": "---\ntitle: Nested\n---\n## Usage\n\n" + "".join("  " * i + "- level\n" for i in range(400)),
    "fm-list.md": "---\n- a\n- b\n---\n## Usage\n",
    "fm-string.md": "---\njust a string\n---\n## Usage\n",
    "faqs-not-list.md": "---\ntitle: Faqdrug\nfaqs: 7\n---\n## Usage\n\n- x\n",
    "title-number.md": "---\ntitle: 42\n---\n## Usage\n\n- x\n",
    "dup-keys.md": "---\ntitle: Dupone\ntitle: Duptwo\n---\n## Usage\n\n- x\n",
    "latin1.md": "---\ntitle: Caf\xe9\n---\n".encode("latin-1"),
    "deep-yaml.md": "---\ntitle: " + "[" * 5000 + "\n---\n",
}


@pytest.mark.parametrize("name", sorted(HOSTILE_FILES))
def test_parser_returns_or_raises_own_error(tmp_path, name):
    path = write(tmp_path, name, HOSTILE_FILES[name])
    try:
        mono = parse_monograph(path)
    except InvalidMonograph as exc:
        assert exc.path == str(path) and exc.problem
        return
    read_dosing(mono)
    read_rules(mono, make_library().vocabulary)


@pytest.mark.parametrize("name", sorted(HOSTILE_FILES))
def test_cli_reports_one_line_and_others_still_work(run, tmp_path, name):
    write(tmp_path, name, HOSTILE_FILES[name])
    write(tmp_path, "good.md", GOOD)
    code, out, err = run("--monographs", str(tmp_path), "show", "gooddrug")
    assert code == 0 and "Still here." in out
    assert "Traceback" not in err
    try:
        parse_monograph(tmp_path / name)
        expected = 0  # a parseable oddity: nothing on stderr about it
    except InvalidMonograph:
        expected = 1  # a broken file: exactly one line
    mentions = [line for line in err.splitlines() if name in line]
    assert len(mentions) == expected, err


def test_frontmatter_shapes_are_named(tmp_path):
    path = write(tmp_path, "fm.md", HOSTILE_FILES["fm-list.md"])
    with pytest.raises(InvalidMonograph, match="mapping"):
        parse_monograph(path)
    mono = parse_monograph(write(tmp_path, "n.md", HOSTILE_FILES["title-number.md"]))
    assert mono.name == "42" and any("number" in n.message for n in mono.notes)
    mono = parse_monograph(write(tmp_path, "f.md", HOSTILE_FILES["faqs-not-list.md"]))
    assert mono.faqs == () and any("faqs" in n.message for n in mono.notes)
    mono = parse_monograph(write(tmp_path, "d.md", HOSTILE_FILES["dup-keys.md"]))
    assert any("duplicate frontmatter key" in n.message for n in mono.notes)


def test_huge_file_refused(tmp_path):
    with pytest.raises(InvalidMonograph, match="bytes"):
        parse_monograph(write(tmp_path, "huge.md", HOSTILE_FILES["huge.md"]))


def test_symlink_loop_and_dangling_link(run, tmp_path):
    os.symlink(tmp_path / "loop.md", tmp_path / "loop.md")
    os.symlink(tmp_path / "nowhere" / "gone.md", tmp_path / "gone.md")
    write(tmp_path, "good.md", GOOD)
    code, out, err = run("--monographs", str(tmp_path), "show", "gooddrug")
    assert code == 0 and "Still here." in out
    assert "loop.md" in err and "gone.md" in err and "Traceback" not in err


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file(run, tmp_path):
    path = write(tmp_path, "secret.md", GOOD.replace("Gooddrug", "Secretdrug"))
    path.chmod(0)
    write(tmp_path, "good.md", GOOD)
    code, out, err = run("--monographs", str(tmp_path), "show", "gooddrug")
    assert code == 0 and "secret.md" in err and "cannot read" in err


def test_directory_that_does_not_exist(run, monkeypatch):
    code, out, err = run("--monographs", "/does/not/exist", "show", "milnacipran")
    assert code == 2 and "--monographs" in err and len(err.strip().splitlines()) == 1
    monkeypatch.setenv("DRUGREF_MONOGRAPHS", "/does/not/exist/either")
    code, out, err = run("show", "milnacipran")
    assert code == 2 and "DRUGREF_MONOGRAPHS" in err


EVIL = "[bold red]markup[/bold red] [see 5.1] \x1b[31mred\x1b[0m \x1b]0;pwned\x07 \x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\ \x9b2J"


def test_markup_and_escapes_in_every_field(run, run_json, tmp_path):
    text = (f"---\ntitle: \"Evildrug\"\ndescription: \"{EVIL}\"\nbrand_names: [\"Evilbrand {EVIL}\"]\n"
            f"classes: [\"{EVIL}\"]\nlastModified: \"{EVIL}\"\nfaqs:\n  - q: \"{EVIL}?\"\n    a: \"{EVIL}\"\n---\n"
            f"## **{EVIL}**\n\n- {EVIL}\n- **{EVIL}:** {EVIL}\n\n## Drug Interactions\n\n- **Warfarin:** {EVIL}\n")
    text = text.replace("\\x1b", "\x1b")
    write(tmp_path, "evil.md", text.encode("utf-8", "surrogateescape") if False else text)
    for args in (["show", "evildrug"], ["list"], ["interactions", "evildrug", "warfarin"], ["lint", str(tmp_path)],
                 ["search", "markup"], ["titrate", "evildrug"]):
        code, out, err = run("--monographs", str(tmp_path), *args)
        assert "\x1b" not in out + err and "\x07" not in out + err and "\x9b" not in out + err, args
        assert "Traceback" not in err
    code, out, _ = run("--monographs", str(tmp_path), "show", "evildrug")
    assert "[bold red]markup[/bold red]" in out and "[see 5.1]" in out
    code, data, _ = run_json("--monographs", str(tmp_path), "show", "evildrug")
    assert "\x1b" not in str(data)


@pytest.mark.parametrize("name", ["", "   ", "\t", "x" * 10_000])
def test_bad_names(run, name):
    code, out, err = run("show", name)
    assert code == 2 and out == "" and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("option,value", [
    ("--crcl", "nan"), ("--crcl", "inf"), ("--crcl", "1e308"), ("--crcl", ""), ("--crcl", "-1"),
    ("--age", "nan"), ("--weight", "inf"), ("--scr", "-0"), ("--scr", "1e308"), ("--age", ""),
])
def test_bad_numbers(run, option, value):
    args = ["titrate", "milnacipran"]
    if option == "--crcl":
        args += ["--crcl", value]
    else:
        base = {"--age": "60", "--weight": "70", "--scr": "1", "--sex": "m"}
        base[option] = value
        for k, v in base.items():
            args += [k, v]
    code, out, err = run(*args)
    assert code == 2 and out == "" and "Traceback" not in err
    assert option in err
    assert len(err.strip().splitlines()) == 1


# ---------------------------------------------------------------- fuzzing

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=30))
yaml_values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                            st.dictionaries(st.text(max_size=8), inner, max_size=4)),
                           max_leaves=12)
md_line = st.one_of(
    st.text(max_size=60),
    st.builds(lambda t: f"## **{t}**", st.text(max_size=20)),
    st.builds(lambda d, t: "  " * d + f"- {t}", st.integers(0, 6), st.text(max_size=60)),
    st.builds(lambda d, t: "    " * d + f"- **{t}:** 12.5 mg orally twice daily", st.integers(0, 3), st.text(max_size=20)),
    st.sampled_from(["#### **Adults:**", "## **Dosage**", "## **Drug Interactions**", "## Contraindications",
                     "- Days 2-3: 12.5 mg orally twice daily.", "- Maintenance: 150-600 mg/day in 2 or 3 divided doses.",
                     "- **Patients with Renal Impairment**:", "    - CrCl <30 mL/min: Reduce the dose by 50%.",
                     "    - Mild (CrCl 50-80 mL/min): No dosage adjustment necessary.", "    - ESRD: Not recommended.",
                     "- **MAOIs (e.g., phenelzine):** Contraindicated.", "- Maximum: 1 g/day.", "---", "```", "> quote",
                     "- Initial: 1e999 mg twice daily", "- Days 9-2: 5 mg daily", "    - CrCl 80-20 mL/min: avoid"]),
)


@st.composite
def monograph_texts(draw):
    import yaml

    front = draw(st.one_of(yaml_values, st.dictionaries(
        st.sampled_from(["title", "brand_names", "classes", "faqs", "is_banned", "lastModified", "sources", "aliases"]),
        yaml_values, max_size=6)))
    try:
        fm = yaml.safe_dump(front, allow_unicode=True)
    except Exception:
        fm = "title: x\n"
    body = "\n".join(draw(st.lists(md_line, max_size=25)))
    return draw(st.sampled_from([f"---\n{fm}---\n{body}", body, f"---\n{fm}\n{body}", f"\ufeff---\r\n{fm}---\r\n{body}"]))


@settings(max_examples=examples(2000), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(monograph_texts())
def test_fuzz_parser_and_readers(text):
    vocab = FUZZ_VOCAB
    try:
        mono = parse_text(text, "fuzz.md")
    except DrugrefError:
        return
    dosing = read_dosing(mono)
    for crcl in (0, 14.9, 30, 59.5, 250):
        plan(dosing, Patient(crcl_ml_min=crcl))
    plan(dosing, Patient(dialysis="hd", child_pugh="B", age_years=80, weight_kg=50, scr_mg_dl=2), indication="a")
    read_rules(mono, vocab)


FUZZ_VOCAB = make_library(bundled=True).vocabulary


@settings(max_examples=examples(30), deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                HealthCheck.function_scoped_fixture])
@given(monograph_texts())
def test_fuzz_cli_sample(tmp_path_factory, text):
    from typer.testing import CliRunner

    from drugref.cli import app

    folder = tmp_path_factory.mktemp("fuzz")
    (folder / "fuzzdrug.md").write_text(text, encoding="utf-8", errors="surrogatepass")
    runner = CliRunner()
    for args in (["list"], ["show", "fuzzdrug", "--no-pager"], ["titrate", "fuzzdrug", "--crcl", "20"],
                 ["interactions", "fuzzdrug", "milnacipran"], ["lint", str(folder)]):
        result = runner.invoke(app, ["--monographs", str(folder), *args], catch_exceptions=True)
        assert result.exit_code in (0, 1, 2), (args, result.exception, result.output)
        assert result.exception is None or isinstance(result.exception, SystemExit), (args, result.exception)


def _console(args, tmp_path, **kwargs):
    """The real entry point (`python -m drugref`), which ends the process without Python's teardown."""
    import subprocess
    import sys

    env = dict(os.environ, DRUGREF_CACHE_DIR=str(tmp_path / "cache"))
    kwargs.setdefault("stdout", subprocess.PIPE)
    return subprocess.run([sys.executable, "-m", "drugref", *args], env=env, stderr=subprocess.PIPE, text=True,
                          timeout=60, **kwargs)


def test_fast_exit_keeps_statuses_and_output(tmp_path):
    found = _console(["show", "milnacipran", "-s", "dosage"], tmp_path)
    assert found.returncode == 0 and "Days 2-3: 12.5 mg orally twice daily." in found.stdout
    assert found.stdout.endswith("\n")  # everything written was flushed
    missing = _console(["show", "zzqxvr"], tmp_path)
    assert missing.returncode == 1 and "no drug named 'zzqxvr'" in missing.stderr and missing.stdout == ""
    usage = _console(["titrate", "milnacipran", "--crcl", "-5"], tmp_path)
    assert usage.returncode == 2 and "Traceback" not in usage.stderr
    big = _console(["list", "--json"], tmp_path)
    assert big.returncode == 0 and big.stdout.rstrip().endswith("}")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_full_disk_is_one_line(tmp_path):
    with open("/dev/full", "w") as full:
        result = _console(["show", "milnacipran"], tmp_path, stdout=full)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == ["drugref: No space left on device"]


@pytest.mark.parametrize("args", [["show", "milnacipran"], ["show", "milnacipran", "--json"], ["search", "serotonin"],
                                  ["list"], ["titrate", "milnacipran", "--crcl", "25"],
                                  ["interactions", "milnacipran", "tramadol"], ["lint", str(SEED)],
                                  ["crcl", "--age", "70", "--weight", "60", "--scr", "1.2", "--sex", "female"]])
def test_reader_gone_stops_quietly(tmp_path, args):
    """`drugref ... | head`: when the reader has gone, stop with status 0 and nothing on stderr,
    whether the output is plain lines or drawn by Rich."""
    import subprocess
    import sys

    env = dict(os.environ, DRUGREF_CACHE_DIR=str(tmp_path / "cache"))
    assert (tmp_path / "cache" / "index.sqlite3").is_file()  # warm: the bundled index (conftest's isolated_env)
    proc = subprocess.Popen([sys.executable, "-m", "drugref", *args], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    proc.stdout.close()  # gone before the first line is written
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 0 and err == ""


def test_closed_stdout_or_stderr_is_no_traceback(tmp_path):
    """Started with stdout or stderr closed (`>&-`, `2>&-`): no traceback, the usual status."""
    import subprocess
    import sys

    env = dict(os.environ, DRUGREF_CACHE_DIR=str(tmp_path / "cache"))
    cmd = [sys.executable, "-m", "drugref", "show"]
    no_stdout = subprocess.run(cmd + ["milnacipran"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               text=True, timeout=60, preexec_fn=lambda: os.close(1))
    assert no_stdout.returncode == 0 and "Traceback" not in no_stdout.stderr
    no_stderr = subprocess.run(cmd + ["zzqxvr"], env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                               text=True, timeout=60, preexec_fn=lambda: os.close(2))
    assert no_stderr.returncode == 1 and no_stderr.stdout == ""
