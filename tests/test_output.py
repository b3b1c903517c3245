"""The output seam: every command's piped output is plain (no Rich, no box drawing), every format handles every
result, and no escape sequence or forged line from a file name or `classes.yaml` reaches stdout or stderr."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from conftest import SEED

# ------------------------------------------------------------------ every command into a pipe

PIPED = {
    "show": ["show", "milnacipran"],
    "list": ["list"],
    "search": ["search", "serotonin syndrome"],
    "crcl": ["crcl", "--age", "70", "--weight", "60", "--scr", "1.4", "--sex", "female"],
    "titrate": ["titrate", "milnacipran", "--crcl", "25", "--start", "2026-12-01"],
    "interactions": ["interactions", "milnacipran", "tramadol", "warfarin", "zzqxvr"],
    "lint": ["lint", str(SEED)],
}
MORE_PIPED = [
    ["titrate", "milnacipran", "--age", "70", "--weight", "60", "--scr", "1.4", "--sex", "female"],
    ["titrate", "milnacipran", "--crcl", "3"],  # a refusal
    ["interactions", "sertraline"],  # one drug: its own lines
    ["show", "milnaciprin"],  # a notice on stderr
    ["show", "zzqxvr"],  # 'did you mean' on stderr
    ["list", "--class", "SNRIs"],
]
BOXES = re.compile(r"[\u2500-\u259f]")  # box drawing and block elements (tables, panels, bars)


def _run_piped(args: list[str], env: dict[str, str]) -> tuple[int, str, str, set[str]]:
    """Run the CLI in a fresh interpreter, stdout and stderr pipes; also the top-level modules it imported."""
    code = ("import sys, json\nfrom drugref.cli import app\nstatus = 0\n"
            "try:\n    app(sys.argv[1:])\nexcept SystemExit as exc:\n    status = exc.code or 0\n"
            "sys.stderr.write('\\nMODULES ' + json.dumps(sorted({m.split('.')[0] for m in sys.modules})))\n"
            "sys.exit(status)\n")
    result = subprocess.run([sys.executable, "-c", code, *args], env=env, capture_output=True, text=True, timeout=120)
    err, _, modules = result.stderr.rpartition("\nMODULES ")
    return result.returncode, result.stdout, err, set(json.loads(modules))


def test_every_command_is_covered():
    from drugref.cli import app

    assert {c.name or c.callback.__name__ for c in app.registered_commands} == set(PIPED)


@pytest.mark.parametrize("args", list(PIPED.values()) + MORE_PIPED, ids=lambda a: " ".join(a[:3]))
def test_every_command_piped_is_plain_lines_without_rich(tmp_path, args):
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "TTY_COMPATIBLE")}
    env.update(DRUGREF_CACHE_DIR=str(tmp_path / "cache"), COLUMNS="60")
    code, out, err, modules = _run_piped(args, env)
    assert "Traceback" not in err, err
    assert out.strip() or err.strip()
    assert not BOXES.search(out + err), out
    assert "rich" not in modules
    assert "\x1b" not in out + err
    # unwrapped: a line is as long as its text, whatever COLUMNS says
    if args[0] in ("show", "interactions") and out:
        assert max(len(line) for line in out.splitlines()) > 60


def test_command_annotations_are_objects_not_strings():
    """typer reads each command's signature on every start; string annotations (`from __future__ import
    annotations` in cli.py) make it evaluate them all each time: 35 ms of a 110 ms warm `show`."""
    from drugref.cli import app

    for command in [*app.registered_commands, app.registered_callback]:
        assert command is not None and command.callback is not None
        annotations = command.callback.__annotations__
        assert not [name for name, value in annotations.items() if isinstance(value, str)], command.callback


def test_every_format_handles_every_result():
    """Each format's reporter has a method for each result the CLI hands over (pip-audit's test of choices)."""
    from drugref.reporters import FORMATS
    from drugref.reporters.interface import Reporter
    from drugref.reporters.json import JsonReporter
    from drugref.reporters.plain import PlainReporter
    from drugref.reporters.rich import RichReporter

    wanted = {name for name in vars(Reporter) if not name.startswith("_")}
    assert wanted == {"show", "drug_list", "search", "crcl", "titrate", "interactions", "drug_rules", "lint"}
    classes = {"json": JsonReporter, "plain": PlainReporter, "rich": RichReporter}
    assert set(classes) == set(FORMATS)
    for cls in classes.values():
        assert all(callable(getattr(cls, name, None)) for name in wanted), cls


def test_choose_follows_json_and_the_terminal(monkeypatch):
    import io

    from drugref.reporters import choose

    for name in ("FORCE_COLOR", "TTY_COMPATIBLE"):
        monkeypatch.delenv(name, raising=False)

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert choose(True, Tty()) == "json" and choose(False, Tty()) == "rich" and choose(False, io.StringIO()) == "plain"
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert choose(False, io.StringIO()) == "rich"
    monkeypatch.setenv("TTY_COMPATIBLE", "0")
    assert choose(False, Tty()) == "plain"


# ------------------------------------------------------------------ one sanitizer at the boundary

def test_visible_shows_controls_and_keeps_text():
    from drugref.text import visible, visible_lines

    assert visible("a\x1b]52;c;ZXZpbA==\x07b") == "a\\x1b]52;c;ZXZpbA==\\x07b"
    assert visible("x\x1b[2Jy\nFORGED\r\x9b2J\u202e") == "x\\x1b[2Jy\\nFORGED\\r\\x9b2J\\u202e"
    assert visible("Milnacipran — 12.5 mg\t[bold]x[/bold] ☤") == "Milnacipran — 12.5 mg\t[bold]x[/bold] ☤"
    assert visible_lines("one\ntwo\x1b[2J") == ["one", "two\\x1b[2J"]


OSC52 = "\\x1b]52;c;ZXZpbA==\\x07"  # YAML's escapes: the file holds the raw bytes
CLEAR = "\\x1b[2J"
EVIL_CLASS = f"evil{OSC52}class\\nFORGED class"
EVIL_SUBSTANCE = f"evil{CLEAR}substance\\nFORGED substance"
EVIL_BURDEN = f"evil{CLEAR}burden\\nFORGED burden"
EVIL_FILE = "\x1b]52;c;ZXZpbA==\x07\x1b[2J\nFORGED {stem}\n"


@pytest.fixture
def hostile(tmp_path):
    """A directory whose file names and class vocabulary carry escape sequences and newlines."""
    folder = tmp_path / "hostile"
    folder.mkdir()
    (folder / "classes.yaml").write_text(
        f'classes:\n  "{EVIL_CLASS}":\n    aliases: [evilclass]\n    members: [alphaevil, betaevil, gammaevil]\n'
        f'substances:\n  "{EVIL_SUBSTANCE}":\n    aliases: [evilsub]\n'
        f'burden:\n  "{EVIL_BURDEN}": "{EVIL_CLASS}"\n', encoding="utf-8")
    for stem, other in (("alphaevil", "betaevil"), ("betaevil", "gammaevil"), ("gammaevil", "alphaevil")):
        name = stem + EVIL_FILE.format(stem=stem) + ".md"
        (folder / name).write_text(
            f"---\ntitle: {stem.capitalize()}\nclasses: [evilclass]\n---\n"
            f"## Usage\n\n- For tests.\n\n## Dosage\n\n- Initial: 10 mg orally once daily on day 1.\n"
            f"- Maintenance: 20 mg orally once daily.\n\n"
            f"## Drug Interactions\n\n- **{other.capitalize()}:** Serotonin syndrome. (severity: major)\n"
            f"- **Evilsub:** Sedation. (severity: moderate)\n", encoding="utf-8")
    return folder


HOSTILE_CALLS = [
    ["show", "alphaevil"],
    ["show", "alphaevl", "--exact"],  # did you mean, with the class names
    ["show", "evilsub"],  # a substance known without a monograph
    ["list"],
    ["list", "--class", "nonsense"],  # the error lists every class name
    ["search", "serotonin"],
    ["titrate", "alphaevil", "--crcl", "50"],
    ["interactions", "alphaevil", "betaevil", "gammaevil", "evilsub"],  # pairs, burden, sources
    ["interactions", "alphaevil"],
    ["lint"],  # the directory's files and vocabulary
    ["crcl", "--age", "70", "--weight", "60", "--scr", "1.4", "--sex", "female"],
]
RAW_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
STYLE = re.compile(r"\x1b\[[0-9;]*m")  # Rich's own colour and bold codes (never planted: see OSC52, CLEAR)


@pytest.mark.parametrize("terminal", [False, True], ids=["piped", "terminal"])
def test_hostile_names_reach_no_output_raw(run, hostile, monkeypatch, terminal):
    monkeypatch.setenv("COLUMNS", "250")  # wide, so that no wrap starts a line with a name's words
    if terminal:
        monkeypatch.setenv("FORCE_COLOR", "1")
    else:
        monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("TTY_COMPATIBLE", raising=False)
    seen = ""
    for args in HOSTILE_CALLS:
        code, out, err = run("--no-bundled", "--monographs", str(hostile), *args)
        both = STYLE.sub("", out + err) if terminal else out + err
        assert "Traceback" not in both, args
        assert not RAW_CONTROL.search(both), (args, both)
        forged = [line for line in both.splitlines() if line.strip().startswith("FORGED")]
        assert not forged, (args, forged)
        seen += both
    # the names were shown, escaped, not dropped: file names, class, substance and burden group (the
    # vocabulary itself may fold a name's line break into a space)
    for shown in ("alphaevil\\x1b]52;c;ZXZpbA==\\x07\\x1b[2J\\nFORGED alphaevil\\n.md",
                  "evil\\x1b]52;c;ZXZpbA==\\x07class", "evil\\x1b[2Jsubstance", "evil\\x1b[2Jburden"):
        assert shown in seen, shown


def test_hostile_names_in_json_are_json_escapes(run, hostile):
    for args in HOSTILE_CALLS:
        if args == ["list", "--class", "nonsense"]:
            continue
        code, out, err = run("--no-bundled", "--monographs", str(hostile), *args, "--json")
        assert not RAW_CONTROL.search(out + err), args
        if out:
            json.loads(out)
    _, out, _ = run("--no-bundled", "--monographs", str(hostile), "list", "--json")
    assert any("\nFORGED alphaevil" in d["file"] for d in json.loads(out)["drugs"])


def test_c1_and_bidi_in_json_are_escaped():
    from drugref.reporters.json import dumps

    text = dumps({"name": "a\x9b2J\u202eb\x1b"})
    assert "\x9b" not in text and "\u202e" not in text and "\x1b" not in text
    assert json.loads(text) == {"name": "a\x9b2J\u202eb\x1b"}


@pytest.mark.parametrize("args", [["show", "alphaevil"], ["list"]])
def test_hostile_names_on_a_real_terminal(hostile, tmp_path, args):
    """On a pseudo-terminal (Rich chosen because stdout is a TTY, nothing forced) the planted sequences are
    shown, not sent: only Rich's own colour codes reach the terminal."""
    import fcntl
    import pty
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 250, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "TTY_COMPATIBLE", "NO_COLOR", "COLUMNS")}
    env["DRUGREF_CACHE_DIR"] = str(tmp_path / "cache")
    proc = subprocess.Popen([sys.executable, "-m", "drugref", "--no-bundled", "--monographs", str(hostile), *args,
                             "--no-pager"], env=env, stdin=subprocess.DEVNULL, stdout=slave, stderr=slave)
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the other end closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    assert proc.wait(timeout=60) == 0
    shown = STYLE.sub("", b"".join(chunks).decode("utf-8").replace("\r\n", "\n"))
    assert "alphaevil\\x1b]52;c;ZXZpbA==\\x07\\x1b[2J\\nFORGED alphaevil\\n.md" in shown
    assert not RAW_CONTROL.search(shown), shown
    assert not [line for line in shown.splitlines() if line.strip().startswith("FORGED")]
    if args == ["list"]:
        assert BOXES.search(shown)  # Rich drew its table: this was the terminal path
