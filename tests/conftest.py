"""Shared fixtures: every test gets its own index cache and no user monograph directories."""
from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from typer.testing import CliRunner

# Property tests: a quick profile by default (day-to-day `python -m pytest`), the full one in CI
# (`.ci/run` passes --hypothesis-profile=full): there each test runs the examples it asks for. Ten a test day
# to day keeps the default run under 90 s on two cores (most examples are new text for the Earley grammar).
QUICK_EXAMPLES = 10
settings.register_profile("quick", max_examples=QUICK_EXAMPLES, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("full", max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("quick")  # --hypothesis-profile, read after this file, overrides it


def examples(wanted: int) -> int:
    """How many examples a property test runs: `wanted` under the full profile, a tenth otherwise
    (at least the quick profile's count)."""
    if settings.default.max_examples > QUICK_EXAMPLES:
        return wanted
    return min(wanted, max(QUICK_EXAMPLES, wanted // 10))


DATA = Path(__file__).parent / "data"
REPO = Path(__file__).resolve().parents[1]
BUNDLED = REPO / "monographs"
SEED = BUNDLED / "milnacipran.md"


_BUILT: list[Path] = []
_MADE: list[str] = []  # temporary directories of indexes made outside tmp_path, removed at the end


def pytest_sessionfinish(session, exitstatus) -> None:
    for folder in _MADE:
        shutil.rmtree(folder, ignore_errors=True)


def _bundled_index_file() -> Path:
    """The bundled set's index as a first call leaves it, built once a test process."""
    if not _BUILT:
        from drugref.index import MonographDir, open_library

        _MADE.append(tempfile.mkdtemp(prefix="drugref-bundled-index-"))
        path = Path(_MADE[-1]) / "index.sqlite3"
        open_library([MonographDir(str(BUNDLED.resolve()), "bundled")], path).close()
        _BUILT.append(path)
    return _BUILT[0]


@pytest.fixture(scope="session")
def bundled_index() -> Path:
    return _bundled_index_file()


@pytest.fixture(autouse=True)
def isolated_env(tmp_path, monkeypatch, bundled_index):
    # each test's own cache, holding a copy of the bundled index: a warm start, without each test
    # paying for a build of its own (tests of building use directories and caches of their own)
    (tmp_path / "cache").mkdir()
    shutil.copyfile(bundled_index, tmp_path / "cache" / "index.sqlite3")
    monkeypatch.setenv("DRUGREF_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("DRUGREF_MONOGRAPHS", raising=False)
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("NO_COLOR", "1")
    # one stderr console per process; reset it so CliRunner captures each call's stderr
    import drugref.cli

    monkeypatch.setattr(drugref.cli, "_stderr", None)


@pytest.fixture
def run():
    """Run the CLI in-process; returns (exit code, stdout, stderr)."""
    from drugref.cli import app

    def invoke(*args: str, input: str | None = None):
        runner = CliRunner()
        result = runner.invoke(app, list(args), input=input, catch_exceptions=False)
        return result.exit_code, result.stdout, result.stderr

    return invoke


@pytest.fixture
def run_json(run):
    def invoke(*args: str, input: str | None = None):
        code, out, err = run(*args, "--json", input=input)
        return code, json.loads(out), err

    return invoke


def make_library(*dirs, bundled: bool = False, cache=None):
    """A library of these directories (after the bundled set, if asked); without `cache`, in a
    fresh copy of the bundled index (the bundled files are then not parsed again)."""
    from drugref.index import MonographDir, open_library

    listed = [MonographDir(str(BUNDLED), "bundled")] if bundled else []
    listed += [MonographDir(str(Path(d).resolve()), "option") for d in dirs]
    if cache is None:
        _MADE.append(tempfile.mkdtemp(prefix="drugref-test-index-"))
        cache = Path(_MADE[-1]) / "index.sqlite3"
        shutil.copyfile(_bundled_index_file(), cache)
    return open_library(listed, cache)
