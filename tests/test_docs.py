"""Every command has help with an example and is documented in the README."""
from __future__ import annotations

import pytest

from conftest import REPO
from drugref.cli import app

README = (REPO / "README.md").read_text()
COMMANDS = sorted(c.name or c.callback.__name__ for c in app.registered_commands)


def test_all_commands_listed():
    assert set(COMMANDS) == {"show", "list", "search", "titrate", "crcl", "interactions", "lint"}


@pytest.mark.parametrize("command", COMMANDS)
def test_command_help_and_readme(run, command):
    code, out, _ = run(command, "--help")
    assert code == 0 and "Example: drugref" in out
    assert f"drugref {command}" in README


def test_readme_documents_exit_codes_and_environment():
    for text in ("## Exit codes", "DRUGREF_MONOGRAPHS", "DRUGREF_CACHE_DIR", "Not medical advice",
                 "python -m pip install . && drugref show milnacipran", "python -m pip install -e '.[test]' && python -m pytest"):
        assert text in README
