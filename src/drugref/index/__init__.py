"""The persistent index of monograph directories: `scan` (a directory's state), `store` (SQLite),
`records` (what is stored), `sync` (the only writer), `catalog` (every read), `cache` (opening
the file: trust, the build lock of `lock`, building aside, healing).

Importing the package loads none of them (the prescan imports `scan` before it forks); the names
below are loaded when first used."""
from __future__ import annotations

TYPE_CHECKING = False  # not `typing.TYPE_CHECKING`: importing `typing` costs the prescan's parent
if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path
    from typing import Any

    from .catalog import Catalog
    from .records import Entry, MonographDir, Problem, SearchHit
    from .scan import Scan

__all__ = ["Catalog", "Entry", "MonographDir", "Problem", "SearchHit", "open_library"]


def __getattr__(name: str) -> Any:
    if name == "Catalog":
        from .catalog import Catalog

        return Catalog
    if name in ("Entry", "MonographDir", "Problem", "SearchHit"):
        from . import records

        return getattr(records, name)
    raise AttributeError(name)


def open_library(dirs: list[MonographDir], cache_file: Path | None = None,
                 on_progress: Callable[[int, int], None] | None = None, check_files: bool = True,
                 scans: Callable[[str], Scan | None] | None = None, fork: bool = False,
                 on_notice: Callable[[str], None] | None = None) -> Catalog:
    """Open the index in `cache_file` (None: in memory), bring it up to date with `dirs` (with
    `check_files` False, only when it has never seen this set of directories), and return the
    catalog of what they serve. See `sync.sync` for `on_progress`, `scans` and `fork`, and
    `cache` for how the file is trusted, locked and healed. Notices (the cache rebuilt, not
    writable, not trusted) are in the catalog's `notices`; those that arise later, while it
    answers, go to `on_notice` too."""
    from .cache import Opener

    opener = Opener(list(dirs), cache_file, on_progress, scans, fork, None)
    catalog = opener.open(check_files)
    opener.on_notice = on_notice  # the notices so far are the caller's to show, from `notices`
    return catalog
