"""The `drugref` command line: parse options, call the core, hand results to `render`."""
from __future__ import annotations

import json
import os
import sys
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import IntEnum
from pathlib import Path
from typing import Annotated, NoReturn, Optional

import typer

from . import __version__
from .errors import Ambiguous, DrugrefError, InvalidInput, InvalidMonograph, NotFound

DISCLAIMER = "Not medical advice: check every dose and interaction against current prescribing information."


class ExitStatus(IntEnum):
    OK = 0
    NOTHING = 1  # not found, ambiguous, lint errors, --fail-on reached
    USAGE = 2  # bad usage or bad input value


app = typer.Typer(
    name="drugref",
    help=f"Offline command-line drug reference: monographs, renal titration, interaction checks.\n\n{DISCLAIMER}",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@dataclass
class Settings:
    """Options that apply to every command, resolved once at the edge."""

    monograph_dirs: list[str] = field(default_factory=list)
    no_bundled: bool = False
    _library: object = None


def bundled_dir() -> Path:
    """Where the bundled monographs are: inside the installed package, or the source checkout."""
    packaged = Path(__file__).resolve().parent / "monographs"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "monographs"


def cache_file() -> Path:
    configured = os.environ.get("DRUGREF_CACHE_DIR")
    if configured:
        return Path(configured) / "index.sqlite3"
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("drugref")) / "index.sqlite3"


_stderr = None


def stderr():
    global _stderr
    if _stderr is None:
        from .render import make_console

        _stderr = make_console(stderr=True)
    return _stderr


def stdout():
    from .render import make_console

    return make_console()


def fatal(message: str, status: ExitStatus = ExitStatus.USAGE) -> NoReturn:
    from . import render

    render.error(stderr(), message)
    raise typer.Exit(status)


@contextmanager
def handled():
    """Turn the core's named errors into one line on stderr and an exit code."""
    from . import render

    try:
        yield
    except NotFound as exc:
        render.candidates(stderr(), exc.query, exc.candidates, ambiguous=False)
        raise typer.Exit(ExitStatus.NOTHING)
    except Ambiguous as exc:
        render.candidates(stderr(), exc.query, exc.candidates, ambiguous=True)
        raise typer.Exit(ExitStatus.NOTHING)
    except InvalidInput as exc:
        fatal(str(exc), ExitStatus.USAGE)
    except InvalidMonograph as exc:
        fatal(str(exc), ExitStatus.USAGE)
    except DrugrefError as exc:
        fatal(str(exc), ExitStatus.USAGE)


def library(ctx: typer.Context):
    """Open the library once per call, reporting notices and problems on stderr."""
    settings: Settings = ctx.find_root().obj
    if settings._library is not None:
        return settings._library
    from . import render
    from .library import Library, MonographDir

    dirs = [] if settings.no_bundled else [MonographDir(str(bundled_dir()), "bundled")]
    for raw in os.environ.get("DRUGREF_MONOGRAPHS", "").split(os.pathsep):
        if raw.strip():
            if not Path(raw).is_dir():
                fatal(f"DRUGREF_MONOGRAPHS: {raw!r} is not a directory")
            dirs.append(MonographDir(str(Path(raw).resolve()), "env"))
    for raw in settings.monograph_dirs:
        if not Path(raw).is_dir():
            fatal(f"--monographs: {raw!r} is not a directory")
        dirs.append(MonographDir(str(Path(raw).resolve()), "option"))
    lib = Library(dirs, cache_file(), on_progress=render.progress_callback(stderr()))
    for message in lib.notices:
        render.notice(stderr(), message)
    render.problems(stderr(), lib.problems)
    settings._library = lib
    return lib


def emit_json(data) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"drugref {__version__}\n")
        raise typer.Exit()


@app.callback()
def main_options(
    ctx: typer.Context,
    monographs: Annotated[Optional[list[str]], typer.Option(
        "--monographs", metavar="DIR", help="Also read monographs from DIR (repeatable); they override bundled ones.")] = None,
    no_bundled: Annotated[bool, typer.Option("--no-bundled", help="Leave the bundled monographs out.")] = False,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Show the version and exit.")] = False,
) -> None:
    """Offline command-line drug reference. Not medical advice."""
    ctx.obj = Settings(list(monographs or []), no_bundled)


# ---------------------------------------------------------------------- show / list

def _resolve(ctx, name: str, exact: bool = False):
    from . import render
    from .lookup import resolve

    lib = library(ctx)
    match = resolve(lib, name, exact=exact)
    if match.how == "fuzzy":
        render.notice(stderr(), f"showing {match.entry.name} for {name!r} (closest match, score {match.score:.0f})")
    return lib, match


def _classes(lib, entry) -> tuple[str, ...]:
    return tuple(sorted(lib.vocabulary.classes_of(entry.name, entry.classes, transitive=False)))


@app.command()
def show(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Generic or brand name.")],
    section: Annotated[Optional[list[str]], typer.Option(
        "--section", "-s", help="Only this section (dosage, renal, side-effects, interactions, pregnancy, faq...).")] = None,
    exact: Annotated[bool, typer.Option("--exact", help="No fuzzy matching: exact names only.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    no_pager: Annotated[bool, typer.Option("--no-pager", help="Never page long output.")] = False,
) -> None:
    """Show a monograph, or chosen sections of it.

    Example: drugref show milnacipran -s dosage
    """
    from . import render
    from .sections import choose

    with handled():
        lib, match = _resolve(ctx, name, exact)
        mono = lib.monograph(match.entry)
        chosen = [choose(mono, s) for s in section] if section else None
        classes = _classes(lib, match.entry)
        if as_json:
            emit_json(show_json(mono, classes, match, chosen))
            return
        console = stdout()
        draw = lambda: render.monograph(console, mono, classes, match, chosen, match.entry.origin)  # noqa: E731
        if not no_pager and console.is_terminal and sys.stdin.isatty():
            with console.capture() as capture:
                draw()
            if capture.get().count("\n") > console.height:
                with console.pager(styles=True):
                    draw()
                return
        draw()


def show_json(mono, classes, match, chosen) -> dict:
    from .sections import is_faq

    tops = chosen if chosen is not None else [s for s in mono.sections if not is_faq(s)]
    sections = [{"title": s.title, "path": list(s.path), "text": s.text} for top in tops if not is_faq(top)
                for s in top.walk()]
    want_faqs = chosen is None or any(is_faq(s) for s in chosen)
    return {
        "name": mono.name, "brand_names": list(mono.brand_names), "classes": list(classes),
        "is_banned": mono.is_banned, "last_modified": mono.last_modified, "file": mono.file,
        "match": {"query": match.query, "how": match.how, "score": match.score},
        "sources": [{"label": s.label, "sections": list(s.sections), "revised": s.revised, "url": s.url}
                    for s in mono.sources],
        "sections": sections,
        "faqs": [{"q": f.q, "a": f.a} for f in mono.faqs] if want_faqs else [],
    }


@app.command("list")
def list_drugs(
    ctx: typer.Context,
    drug_class: Annotated[Optional[str], typer.Option("--class", help="Only drugs in this class (e.g. SNRIs).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List every drug the library knows, with brands, classes and source.

    Example: drugref list --class SSRIs
    """
    from . import render

    with handled():
        lib = library(ctx)
        entries = lib.entries()
        vocab = lib.vocabulary
        if drug_class:
            wanted = vocab.find_class(drug_class)
            if wanted is None:
                raise InvalidInput(f"no class {drug_class!r}; classes are: {', '.join(sorted(vocab.classes))}",
                                   option="--class")
            entries = [e for e in entries if wanted in vocab.classes_of(e.name, e.classes)]
        if as_json:
            emit_json({"drugs": [{"name": e.name, "brand_names": list(e.brand_names), "aliases": list(e.aliases),
                                  "classes": list(_classes(lib, e)), "last_modified": e.last_modified,
                                  "is_banned": e.is_banned, "file": e.file, "origin": e.origin,
                                  "overrides": e.overrides} for e in entries]})
            return
        render.drug_list(stdout(), entries, lambda e: _classes(lib, e))


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except KeyboardInterrupt:
        sys.stderr.write("drugref: interrupted\n")
        sys.exit(130)
    except BrokenPipeError:
        # the reader (e.g. `head`) went away: stop quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(0)
