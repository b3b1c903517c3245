"""Console entry point: UTF-8 output, the prescan of the user's monograph directories (Linux),
the CLI, then (where nothing needs it) an exit without the interpreter's teardown.

Environment switches (documented in the README):
  DRUGREF_PORTABLE=1   no Linux-only fast path: no prescan child, no fork for the parser pool, no
                       fast exit (what macOS and Windows run; the test suite runs once this way)
  DRUGREF_NO_FAST_EXIT=1   Python's normal shutdown (atexit handlers, profilers, coverage)
"""
from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # not `typing.TYPE_CHECKING`: `typing` would be imported before the fork
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from .index.scan import Scan
    from .prescan import Prescan

# commands that read the monograph library: only these are worth a prescan
LIBRARY_COMMANDS = frozenset({"show", "list", "search", "titrate", "interactions", "lint"})


class Start:
    """What the launcher hands the CLI: whether Linux-only fast paths may be used, and the prescan."""

    def __init__(self, fast: bool, prescan: Prescan | None = None) -> None:
        self.fast, self.prescan = fast, prescan

    @classmethod
    def from_environ(cls, environ: Mapping[str, str]) -> Start:
        return cls(fast_paths(environ))

    def scans(self) -> Callable[[str], Scan | None] | None:
        """The prescan's results by directory, or None (the index then scans for itself)."""
        return self.prescan.take if self.prescan is not None else None


def fast_paths(environ: Mapping[str, str]) -> bool:
    """Whether the Linux-only fast paths are on: Linux, and not switched off."""
    return sys.platform == "linux" and environ.get("DRUGREF_PORTABLE", "") in ("", "0")


def library_dirs_named(argv: list[str], environ: Mapping[str, str]) -> list[str] | None:
    """The user directories a call that reads the library will index, from the root options as
    Click takes them (`[--monographs DIR | --monographs=DIR | --no-bundled]* COMMAND`), or None
    when the call does not read the library (help, version, crcl, completion, or an unknown word).
    A guess to start the prescan with: the CLI's own parse decides, and a directory guessed wrong
    is simply scanned again in-process."""
    if "_DRUGREF_COMPLETE" in environ:
        return None
    dirs = [p for p in environ.get("DRUGREF_MONOGRAPHS", "").split(os.pathsep) if p.strip()]
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--monographs" and i + 1 < len(argv):
            dirs.append(argv[i + 1])
            i += 2
            continue
        if arg.startswith("--monographs="):
            dirs.append(arg.split("=", 1)[1])
        elif arg != "--no-bundled":
            if arg not in LIBRARY_COMMANDS or any(a in ("--help", "-h") for a in argv[i:]):
                return None
            return [os.path.realpath(d) for d in dirs]
        i += 1
    return None


def utf8_streams() -> None:
    """Write stdout and stderr as UTF-8 whatever the locale (a cp1252 console, LANG=C)."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if stream is not None and encoding != "utf8" and hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(encoding="utf-8")
            except (OSError, ValueError):
                pass


def main() -> None:
    utf8_streams()
    start = Start.from_environ(os.environ)
    if start.fast:
        dirs = library_dirs_named(sys.argv[1:], os.environ)
        if dirs:
            from . import prescan

            start.prescan = prescan.start(dirs)
    from .cli import main as run

    status: str | int | None = 0
    try:
        run(start)
    except SystemExit as exc:
        status = exc.code
    finally:
        if start.prescan is not None:
            start.prescan.close()
    if start.fast and fast_exit_allowed(os.environ):
        leave(status)
    sys.exit(status)


def fast_exit_allowed(environ: Mapping[str, str]) -> bool:
    """Whether nothing would miss Python's normal shutdown: no profiler or tracer (cProfile,
    coverage, a debugger), no development mode, no atexit handler, and not switched off."""
    return not (environ.get("DRUGREF_NO_FAST_EXIT", "") not in ("", "0") or sys.flags.dev_mode
                or sys.getprofile() is not None or sys.gettrace() is not None
                or any(m in sys.modules for m in ("cProfile", "profile", "coverage", "pdb"))
                or _atexit_handlers())


def _atexit_handlers() -> bool:
    import atexit

    count = getattr(atexit, "_ncallbacks", None)
    return bool(count()) if count is not None else True


def leave(status: str | int | None) -> None:
    """Flush the output and end the process now, with `status` as sys.exit would give it.

    Python's normal shutdown frees every object one by one (10-15 ms after a fuzzy lookup over
    10,000 monographs) for nothing: nothing else is left open here (index writes are committed
    or rolled back before a command returns, files are closed by `with`, worker pools are shut
    down) and `fast_exit_allowed` said nothing else needs it. Exceptions other than SystemExit
    never get here: they keep Python's own handling."""
    if status is None:
        status = 0
    elif not isinstance(status, int):  # sys.exit("message"): print it, exit 1, as Python does
        sys.stderr.write(f"{status}\n")
        status = 1
    try:
        if sys.stdout is not None:  # None: started with stdout closed (`>&-`); Rich wrote nowhere
            sys.stdout.flush()
    except BrokenPipeError:  # the reader (e.g. `head`) went away: stop quietly, as cli.main does
        status = 0
    except (OSError, ValueError) as exc:  # stdout closed, or the disk full: the output is lost
        status = status or 1
        try:
            if sys.stderr is not None:
                sys.stderr.write(f"drugref: could not write the output: {exc}\n")
        except (OSError, ValueError):
            pass
    try:
        if sys.stderr is not None:
            sys.stderr.flush()
    except (OSError, ValueError):
        pass
    os._exit(status)
