"""The console entry point: UTF-8 output, the prescan only where it helps, the guarded fast exit."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from drugref import launch


def drugref(*args: str, env: dict | None = None, prefix: tuple[str, ...] = ()) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *prefix, "-m", "drugref", *args], env=env or dict(os.environ),
                          capture_output=True, timeout=120)


def test_library_dirs_named_only_for_commands_that_read_the_library(tmp_path):
    env = {"DRUGREF_MONOGRAPHS": os.pathsep.join([str(tmp_path / "e"), ""])}
    named = launch.library_dirs_named
    assert named(["--monographs", "a", "--monographs=b", "--no-bundled", "show", "x"], env) == \
        [os.path.realpath(p) for p in (tmp_path / "e", "a", "b")]
    assert named(["list"], {}) == []
    for argv in (["--version"], ["--help"], ["crcl", "--age", "70"], ["show", "x", "--help"], ["-h"],
                 ["--monographs", "a"], ["--bogus", "show", "x"], []):
        assert named(argv, {}) is None, argv
    assert named(["show", "x"], {"_DRUGREF_COMPLETE": "complete_bash"}) is None


def test_fast_paths_only_on_linux_and_not_switched_off(monkeypatch):
    monkeypatch.setattr(sys, "platform", "linux")
    assert launch.fast_paths({}) and launch.fast_paths({"DRUGREF_PORTABLE": "0"})
    assert not launch.fast_paths({"DRUGREF_PORTABLE": "1"})
    for platform in ("darwin", "win32"):
        monkeypatch.setattr(sys, "platform", platform)
        assert not launch.fast_paths({})


def test_fast_exit_guard(monkeypatch):
    assert launch.fast_exit_allowed({}) == (not launch._atexit_handlers() and "coverage" not in sys.modules
                                           and sys.gettrace() is None and not sys.flags.dev_mode
                                           and not {"cProfile", "profile", "pdb"} & set(sys.modules))
    assert not launch.fast_exit_allowed({"DRUGREF_NO_FAST_EXIT": "1"})
    monkeypatch.setitem(sys.modules, "coverage", sys)
    assert not launch.fast_exit_allowed({})


def test_fast_exit_leaves_under_atexit_dev_mode_and_profilers():
    code = ("import atexit, os, sys\nfrom drugref import launch\n"
            "print(launch.fast_exit_allowed(os.environ))\natexit.register(print, 'atexit ran')\n"
            "print(launch.fast_exit_allowed(os.environ))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60).stdout.split()
    assert out == ["True", "False", "atexit", "ran"]
    out = subprocess.run([sys.executable, "-X", "dev", "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.split()[0] == "False"


@pytest.mark.skipif(sys.platform != "linux", reason="the fast exit is a Linux-only fast path")
def test_a_profile_is_printed_under_cprofile(tmp_path):
    env = dict(os.environ, DRUGREF_CACHE_DIR=str(tmp_path / "cache"))
    env.pop("DRUGREF_PORTABLE", None)
    result = drugref("show", "milnacipran", "-s", "usage", env=env, prefix=("-m", "cProfile"))
    assert result.returncode == 0 and b"function calls" in result.stdout and b"Milnacipran" in result.stdout


def test_output_is_utf8_whatever_the_locale(tmp_path):
    """On a cp1252 console or with LANG=C the arrows and dashes still go out, as UTF-8."""
    env = dict(os.environ, DRUGREF_CACHE_DIR=str(tmp_path / "cache"), PYTHONIOENCODING="cp1252", LC_ALL="C",
               LANG="C", PYTHONUTF8="0")
    result = drugref("interactions", "milnacipran", "tramadol", env=env)
    assert result.returncode == 0, result.stderr
    assert "←" in result.stdout.decode("utf-8")
    result = drugref("search", "serotonin syndrome", "--json", env=env)
    text = result.stdout.decode("utf-8")
    assert json.loads(text)["results"] and "…" in text  # the snippet's ellipsis, not \u2026
