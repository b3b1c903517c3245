"""The `drugref` command line: parse options, call the core, hand results to `render`."""

import os
import sys
from contextlib import contextmanager
from enum import IntEnum
from pathlib import Path
from typing import Annotated, NoReturn

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


class Settings:
    """Options that apply to every command, resolved once at the edge."""

    def __init__(self, monograph_dirs: list[str], no_bundled: bool, start=None) -> None:
        from .launch import Start

        self.monograph_dirs = monograph_dirs
        self.no_bundled = no_bundled
        self.start = start if isinstance(start, Start) else Start.from_environ(os.environ)  # from `launch`
        self._library = None


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
        raise typer.Exit(ExitStatus.NOTHING) from None
    except Ambiguous as exc:
        render.candidates(stderr(), exc.query, exc.candidates, ambiguous=True)
        raise typer.Exit(ExitStatus.NOTHING) from None
    except InvalidInput as exc:
        fatal(str(exc), ExitStatus.USAGE)
    except InvalidMonograph as exc:
        fatal(str(exc), ExitStatus.USAGE)
    except DrugrefError as exc:
        fatal(str(exc), ExitStatus.USAGE)
    except BrokenPipeError:  # the reader (e.g. `head`) went away: stop quietly (before Click says 1)
        _stdout_to_devnull()
        raise typer.Exit(ExitStatus.OK) from None


def _stdout_to_devnull() -> None:
    """Send what is still buffered for stdout nowhere, so that the exit does not fail on it."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def monograph_dirs(monographs: list[str], no_bundled: bool, strict: bool = True):
    """Bundled, then DRUGREF_MONOGRAPHS, then --monographs directories: later ones override."""
    from .library import MonographDir

    dirs = [] if no_bundled else [MonographDir(str(bundled_dir()), "bundled")]
    for raw in os.environ.get("DRUGREF_MONOGRAPHS", "").split(os.pathsep):
        if raw.strip():
            if not Path(raw).is_dir():
                if strict:
                    fatal(f"DRUGREF_MONOGRAPHS: {raw!r} is not a directory")
                continue
            dirs.append(MonographDir(str(Path(raw).resolve()), "env"))
    for raw in monographs:
        if not Path(raw).is_dir():
            if strict:
                fatal(f"--monographs: {raw!r} is not a directory")
            continue
        dirs.append(MonographDir(str(Path(raw).resolve()), "option"))
    return dirs


def library(ctx: typer.Context):
    """Open the library once per call, reporting notices and problems on stderr."""
    settings: Settings = ctx.find_root().obj
    if settings._library is not None:
        return settings._library
    from . import render
    from .library import Library

    dirs = monograph_dirs(settings.monograph_dirs, settings.no_bundled)
    lib = Library(dirs, cache_file(), on_progress=render.progress_callback(stderr), scans=settings.start.scans(),
                  fork=settings.start.fast, on_notice=lambda message: render.notice(stderr(), message))
    for message in lib.notices:
        render.notice(stderr(), message)
    if lib.problems:
        render.problems(stderr(), lib.problems)
    settings._library = lib
    return lib


def emit_json(data) -> None:
    """JSON on stdout: indented for a person at a terminal, compact (and fast: C encoder) for programs."""
    import json

    indent = 2 if sys.stdout.isatty() else None
    sys.stdout.write(json.dumps(data, indent=indent, ensure_ascii=False) + "\n")


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"drugref {__version__}\n")
        raise typer.Exit()


@app.callback()
def main_options(
    ctx: typer.Context,
    monographs: Annotated[list[str] | None, typer.Option(
        "--monographs", metavar="DIR", help="Also read monographs from DIR (repeatable); they override bundled ones.")] = None,
    no_bundled: Annotated[bool, typer.Option("--no-bundled", help="Leave the bundled monographs out.")] = False,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Show the version and exit.")] = False,
) -> None:
    """Offline command-line drug reference. Not medical advice."""
    ctx.obj = Settings(list(monographs or []), no_bundled, start=ctx.obj)


# ---------------------------------------------------------------------- completion

def _completion_library(ctx: typer.Context):
    """The index as it stands (no file check): completion must answer at once and never print."""
    from .library import Library

    root = ctx.find_root()
    params = root.params or {}
    try:
        dirs = monograph_dirs(list(params.get("monographs") or []), bool(params.get("no_bundled")), strict=False)
        return Library(dirs, cache_file(), check_files=False)
    except Exception:  # completion must never print a traceback into the shell
        return None


def complete_name(ctx: typer.Context, incomplete: str) -> list[str]:
    lib = _completion_library(ctx)
    if lib is None:
        return []
    # keep what was typed, so shells that filter case-sensitively still offer the name
    return [incomplete + label[len(incomplete):] for label in lib.complete_names(incomplete)]


def complete_section(ctx: typer.Context, incomplete: str) -> list[str]:
    from .sections import SHORTHANDS

    words = sorted({*SHORTHANDS, "dosage", "side-effects", "contraindications", "pregnancy", "usage", "precautions"})
    lib = _completion_library(ctx)
    name = (ctx.params or {}).get("name")
    if lib is not None and name:
        from .text import name_key

        hits = lib.lookup_key(name_key(name))
        if len(hits) == 1:
            words += [s.title for s in lib.monograph(hits[0][0]).walk()]
    return [w for w in words if w.casefold().startswith(incomplete.casefold())]


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
    name: Annotated[str, typer.Argument(metavar="NAME", help="Generic or brand name.", autocompletion=complete_name)],
    section: Annotated[list[str] | None, typer.Option(
        "--section", "-s", help="Only this section (dosage, renal, side-effects, interactions, pregnancy, faq...).",
        autocompletion=complete_section)] = None,
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
        paged(console, lambda: render.monograph(console, mono, classes, match, chosen, match.entry.origin), no_pager)


NoPagerOpt = Annotated[bool, typer.Option("--no-pager", help="Never page long output.")]


def paged(console, draw, no_pager: bool = False) -> None:
    """Draw; at a terminal, through the pager when it is longer than the screen (piped: plain lines, no pager)."""
    if not no_pager and console.is_terminal and sys.stdin.isatty():
        with console.capture() as capture:
            draw()
        if capture.get().count("\n") > console.height:
            os.environ.setdefault("LESS", "FRX")  # as git does: colours through, quit at the end
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
    drug_class: Annotated[str | None, typer.Option("--class", help="Only drugs in this class (e.g. SNRIs).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    no_pager: NoPagerOpt = False,
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
        console = stdout()
        paged(console, lambda: render.drug_list(console, entries, lambda e: _classes(lib, e)), no_pager)


def main(start=None) -> None:
    """Console-script entry point; `start` is what `launch` hands in (a `launch.Start`)."""
    try:
        app(obj=start)
    except KeyboardInterrupt:
        sys.stderr.write("drugref: interrupted\n")
        sys.exit(130)
    except BrokenPipeError:  # the reader went away outside a command: stop quietly too
        _stdout_to_devnull()
        sys.exit(0)
    except OSError as exc:  # e.g. the output's disk is full: one line, no traceback
        where = f" ({exc.filename})" if exc.filename else ""
        sys.stderr.write(f"drugref: {exc.strerror or exc}{where}\n")
        sys.exit(1)


# ---------------------------------------------------------------------- dosing

def number(raw: str | None, option: str) -> float | None:
    """Parse a number given on the command line; nan, inf and text are refused (exit 2)."""
    import math

    if raw is None:
        return None
    if "_" in raw:
        raise InvalidInput(f"{raw!r} is not a number (no underscores)", option=option)
    try:
        value = float(raw.strip())
    except ValueError:
        raise InvalidInput(f"{raw!r} is not a number", option=option) from None
    if not math.isfinite(value):
        raise InvalidInput(f"{raw!r} is not a finite number", option=option)
    return value + 0.0  # -0 -> 0


def _crcl_inputs(age, weight, scr, sex, height, scr_unit):
    from .crcl import cockcroft_gault

    given = {"--age": age, "--weight": weight, "--scr": scr, "--sex": sex}
    missing = [k for k, v in given.items() if v is None]
    if missing:
        raise InvalidInput(f"Cockcroft-Gault needs --age, --weight, --scr and --sex; missing {', '.join(missing)}")
    scr_value, unit = creatinine(scr, scr_unit)
    return cockcroft_gault(measured(age, "--age"), measured(weight, "--weight"), scr_value, sex,
                           measured(height, "--height"), unit)


AgeOpt = Annotated[str | None, typer.Option("--age", metavar="YEARS", help="Age in years (18-120).",
                                               show_default=False)]
WeightOpt = Annotated[str | None, typer.Option("--weight", metavar="KG",
                                                  help="Actual body weight in kg (55 or 55kg; 121lb is converted).",
                                                  show_default=False)]
ScrOpt = Annotated[str | None, typer.Option("--scr", metavar="MG_DL",
                                               help="Serum creatinine in mg/dL (1.2), or µmol/L with --scr-unit umol "
                                                    "or a unit (106umol).",
                                               show_default=False)]
SexOpt = Annotated[str | None, typer.Option("--sex", metavar="female|male", help="female or male.",
                                               show_default=False)]
HeightOpt = Annotated[str | None, typer.Option("--height", metavar="CM",
                                                  help="Height in cm (selects ideal/adjusted weight).",
                                                  show_default=False)]
ScrUnitOpt = Annotated[str, typer.Option("--scr-unit", metavar="mgdl|umol", help="mgdl or umol.")]


_UNITS = {"--weight": {"kg": 1.0, "lb": 0.45359237, "lbs": 0.45359237}, "--height": {"cm": 1.0, "m": 100.0, "in": 2.54},
          "--age": {"y": 1.0, "yr": 1.0, "yrs": 1.0, "years": 1.0}, "--crcl": {"ml/min": 1.0, "mlmin": 1.0}}


def with_unit(raw: str | None, option: str) -> tuple[str | None, str | None]:
    """(number text, unit) from '55kg', '106umol', '1.2 mg/dl'; the unit is None when none was written."""
    import re

    if raw is None:
        return None, None
    match = re.fullmatch(r"\s*([-+]?[\d.eE+-]+?)\s*([a-zA-Zµ/]+)\s*", raw)
    if not match or not re.search(r"\d", match.group(1)):
        return raw, None
    return match.group(1), match.group(2).lower()


def measured(raw: str | None, option: str) -> float | None:
    """A number for an option that may carry its unit ('55kg', '121lb', '170cm')."""
    text, unit = with_unit(raw, option)
    value = number(text, option)
    if unit is None or value is None:
        return value
    factor = _UNITS.get(option, {}).get(unit)
    if factor is None:
        raise InvalidInput(f"{raw!r}: unknown unit {unit!r} for {option} (use {', '.join(_UNITS.get(option, {}))})",
                           option=option)
    return value * factor


def creatinine(raw: str | None, scr_unit: str) -> tuple[float | None, str]:
    """(value, unit) for --scr, which may say its unit ('106umol', '1.2mg/dl')."""
    text, unit = with_unit(raw, "--scr")
    value = number(text, "--scr")
    if unit is None:
        return value, scr_unit
    if unit in ("umol", "µmol", "umol/l", "µmol/l"):
        return value, "umol"
    if unit in ("mg/dl", "mgdl"):
        return value, "mgdl"
    raise InvalidInput(f"{raw!r}: unknown unit {unit!r} for --scr (mg/dL or umol)", option="--scr")


def crcl_json(result) -> dict:
    return {"crcl_ml_min": result.crcl_ml_min, "formula": result.formula,
            "inputs": {"age_years": result.age_years, "sex": result.sex, "weight_kg": result.weight_kg,
                       "height_cm": result.height_cm, "scr": result.scr_given, "scr_unit": result.scr_unit,
                       "scr_mg_dl": round(result.scr_mg_dl, 3)},
            "ideal_body_weight_kg": result.ideal_body_weight_kg and round(result.ideal_body_weight_kg, 1),
            "adjusted_body_weight_kg": result.adjusted_body_weight_kg and round(result.adjusted_body_weight_kg, 1),
            "weight_used_kg": round(result.weight_used_kg, 1), "weight_rule": result.weight_rule}


@app.command()
def crcl(
    age: AgeOpt = None, weight: WeightOpt = None, scr: ScrOpt = None, sex: SexOpt = None, height: HeightOpt = None,
    scr_unit: ScrUnitOpt = "mgdl",
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Estimate creatinine clearance by Cockcroft-Gault, showing the working.

    Example: drugref crcl --age 70 --weight 60 --scr 1.4 --sex female
    """
    from . import render

    with handled():
        result = _crcl_inputs(age, weight, scr, sex, height, scr_unit)
        if as_json:
            emit_json(crcl_json(result))
            return
        render.crcl_block(stdout(), result)


@app.command()
def titrate(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar="NAME", help="Generic or brand name.", autocompletion=complete_name)],
    crcl_given: Annotated[str | None, typer.Option("--crcl", metavar="ML_MIN",
                                                      help="Creatinine clearance in mL/min (0-250).")] = None,
    age: AgeOpt = None, weight: WeightOpt = None, scr: ScrOpt = None, sex: SexOpt = None, height: HeightOpt = None,
    scr_unit: ScrUnitOpt = "mgdl",
    dialysis: Annotated[str | None, typer.Option("--dialysis", metavar="hd|pd|crrt",
                                                    help="The patient is on dialysis: hemodialysis, peritoneal "
                                                         "dialysis or CRRT (dialysis bands apply only when given).")] = None,
    child_pugh: Annotated[str | None, typer.Option("--child-pugh", metavar="A|B|C",
                                                      help="Hepatic impairment class: applies the hepatic guidance.")] = None,
    indication: Annotated[str | None, typer.Option("--indication", metavar="TEXT",
                                                      help="Which regimen, when the monograph gives several "
                                                           "(indications or formulations).")] = None,
    start: Annotated[str | None, typer.Option("--start", metavar="DATE", help="First day, YYYY-MM-DD: dates each step.")] = None,
    ics: Annotated[Path | None, typer.Option("--ics", metavar="FILE", help="Write the dated schedule as iCalendar (needs --start).")] = None,
    force: Annotated[bool, typer.Option("--force", help="With --ics: replace an existing file.")] = False,
    exact: Annotated[bool, typer.Option("--exact", help="No fuzzy matching: exact names only.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Titration schedule, adjusted to the patient's kidney function — or a plain refusal.

    A number is shown only when the monograph's words were read completely; otherwise the words are shown
    and the tool says it cannot compute (exit 1). Exit 1 also when the drug is not recommended for this patient.

    Example: drugref titrate milnacipran --crcl 25
    """
    import datetime as dt

    from . import render, titrate_report
    from .dosing import Patient, check_crcl, plan, read_dosing

    with handled():
        result = None
        if dialysis is not None and dialysis.strip().lower() not in ("hd", "pd", "crrt"):
            raise InvalidInput(f"{dialysis!r} is not hd, pd or crrt", option="--dialysis")
        if child_pugh is not None and child_pugh.strip().upper() not in ("A", "B", "C"):
            raise InvalidInput(f"{child_pugh!r} is not A, B or C", option="--child-pugh")
        age_value = measured(age, "--age")
        weight_value = measured(weight, "--weight")
        scr_value, given_scr_unit = creatinine(scr, scr_unit)
        if crcl_given is not None:
            crcl_value, source = check_crcl(measured(crcl_given, "--crcl")), "given"
            if height is not None:
                measured(height, "--height")
            if given_scr_unit not in ("mgdl", "umol"):
                raise InvalidInput(f"{scr_unit!r} is not mgdl or umol", option="--scr-unit")
            if scr_value is not None and given_scr_unit == "umol":
                scr_value = scr_value / 88.4
        elif any(v is not None for v in (age, weight, scr, sex, height)):
            result = _crcl_inputs(age, weight, scr, sex, height, scr_unit)
            crcl_value, source = result.crcl_ml_min, "cockcroft-gault"
            scr_value = result.scr_mg_dl
        else:
            crcl_value, source = None, None
        start_date = None
        if start is not None:
            try:
                start_date = dt.date.fromisoformat(start.strip())
            except ValueError:
                raise InvalidInput(f"{start!r} is not a date (YYYY-MM-DD)", option="--start") from None
        if ics is not None and start_date is None:
            raise InvalidInput("--ics needs --start DATE to date the steps", option="--ics")
        lib, match = _resolve(ctx, name, exact)
        dosing = read_dosing(lib.monograph(match.entry))
        patient = Patient(crcl_value, source, dialysis.strip().lower() if dialysis else None,
                          child_pugh.strip().upper() if child_pugh else None, age_value, weight_value, scr_value)
        schedule = plan(dosing, patient, indication, name, start_date)
        if ics is not None:
            from .calendar import write_ics

            if not schedule.shows_schedule:
                raise InvalidInput("no schedule to write: " + (schedule.refused or "not recommended for this patient"),
                                   option="--ics")
            written = write_ics(schedule, ics, overwrite=force)
            render.notice(stderr(), f"wrote {written} events to {ics}")
        if as_json:
            emit_json(titrate_report.to_json(schedule, result))
        else:
            console = stdout()
            if console.is_terminal:
                titrate_report.rich(console, schedule, result)
            else:
                for line in titrate_report.lines(schedule, result):
                    console.file.write(line + "\n")
        if not schedule.shows_schedule:
            raise typer.Exit(1)


# ---------------------------------------------------------------------- interactions

@app.command()
def interactions(
    ctx: typer.Context,
    names: Annotated[list[str] | None, typer.Argument(help="Drug names (generic or brand), or medication-list "
                                                              "lines such as 'sertraline 50 mg PO daily'.",
                                                         metavar="NAME...", show_default=False,
                                                         autocompletion=complete_name)] = None,
    file: Annotated[str | None, typer.Option("--file", metavar="PATH|-",
                                                help="Read a medication list from a file (- for stdin): a drug a "
                                                     "line or comma-separated, strengths and sigs allowed, # comments.")] = None,
    fhir: Annotated[str | None, typer.Option("--fhir", metavar="FILE|-",
                                                help="Read FHIR R4 MedicationRequest/MedicationStatement resources "
                                                     "(a Bundle, one resource or NDJSON; - for stdin).")] = None,
    all_statuses: Annotated[bool, typer.Option("--all-statuses",
                                               help="With --fhir: also read stopped, completed, … medications "
                                                    "(default: active and on-hold).")] = False,
    fail_on: Annotated[str | None, typer.Option("--fail-on", metavar="SEVERITY",
                                                   help="Exit 1 when any finding is at least this severe "
                                                        "(contraindicated, major, moderate, minor); an unrated "
                                                        "finding counts as major. Also exits 1 when any name, "
                                                        "line or pair could not be assessed.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    no_pager: NoPagerOpt = False,
) -> None:
    """Check drugs for interactions, duplication and cumulative burden.

    Example: drugref interactions milnacipran tramadol warfarin;
    drugref interactions --file meds.txt --fail-on major; drugref interactions --fhir bundle.json
    """
    from . import render
    from .interactions import THRESHOLDS, check, reaches, read_rules
    from .medlist import checker_drugs, to_json

    with handled():
        if fail_on is not None and fail_on.strip().lower() not in THRESHOLDS:
            raise InvalidInput(f"{fail_on!r} is not a severity; use one of {', '.join(THRESHOLDS)}",
                               option="--fail-on")
        entries, skipped, fhir_input = _read_inputs(list(names or []), file, fhir, all_statuses)
        lib = library(ctx)
        medlist = _medication_list(lib, entries, skipped, fhir_input)
        drugs, notices = checker_drugs(lib, medlist)
        for message in notices:
            render.notice(stderr(), message)
        lines_json = {"lines": to_json(medlist), "skipped": [{"line": n or None, "text": t, "reason": why}
                                                            for n, t, why in medlist.skipped]}
        if len(drugs) == 1:
            drug = drugs[0]
            if drug.status == "unknown":
                _resolve(ctx, drug.query)  # raises NotFound or Ambiguous with its suggestions
            if drug.status != "monograph":
                raise NotFound(drug.query, ())
            rules, _, has_data = read_rules(lib.monograph(lib.entry_for_file(drug.file)), lib.vocabulary)
            if as_json:
                emit_json({**single_json(drug, rules, has_data), **lines_json})
            else:
                render.drug_rules(stdout(), drug, rules, has_data)
                render.medication_lines(stdout(), medlist)
            return
        result = check(drugs, lib.vocabulary)
        if as_json:
            emit_json({**check_json(result), **lines_json})
        else:
            console = stdout()

            def draw() -> None:
                render.interaction_report(console, result)
                render.medication_lines(console, medlist)

            paged(console, draw, no_pager)
        if fail_on:
            reasons = _not_assessed(medlist, result)
            if reasons:
                render.error(stderr(), f"--fail-on: {len(reasons)} input(s) not assessed, so the check cannot pass:\n  "
                             + "\n  ".join(reasons))
            if reaches(result.highest_severity, fail_on.strip().lower()) or reasons:
                raise typer.Exit(ExitStatus.NOTHING)  # unrated counts as major
        if all(d.status == "unknown" for d in drugs):  # nothing was checked: nothing to show
            render.error(stderr(), "none of the names could be identified; nothing was checked")
            raise typer.Exit(ExitStatus.NOTHING)


def _read_inputs(names: list[str], file: str | None, fhir: str | None, all_statuses: bool):
    """Arguments, --file or stdin, and --fhir read (before the library is opened): entries, skipped
    lines, and the FHIR medications or None."""
    from .medlist import read_text

    if file == "-" and fhir == "-":
        raise InvalidInput("--file - and --fhir - cannot both read stdin", option="--fhir")
    entries, skipped = read_text("\n".join(n.replace("\n", " ") for n in names), "argument")
    if file is not None:
        more, more_skipped = read_text(_read_names_file(file), "stdin" if file == "-" else file)
        entries, skipped = entries + more, skipped + more_skipped
    elif not names and fhir is None:
        if sys.stdin.isatty():
            raise InvalidInput("give drug names, --file PATH, --fhir FILE, or pipe names on stdin "
                               "(e.g. drugref interactions milnacipran tramadol)")
        more, skipped = read_text(sys.stdin.read(), "stdin")
        entries += more
    fhir_input = None
    if fhir is not None:
        from .fhir import read_fhir

        fhir_input = read_fhir(_read_names_file(fhir, "--fhir"), all_statuses)
    if not entries and not (fhir_input and fhir_input.medications):
        skipped_fhir = "; ".join(f"{s.resource}: {s.reason}" for s in fhir_input.skipped) if fhir_input else ""
        raise InvalidInput("no drug names given" + (f" (every FHIR medication was skipped: {skipped_fhir})"
                                                    if skipped_fhir else ""))
    return entries, skipped, fhir_input


def _medication_list(lib, entries, skipped, fhir_input):
    """One medication list, every line resolved: the entries read, then the FHIR medications."""
    from .medlist import MedList, read_fhir_list, resolve_entries

    listed = resolve_entries(lib, entries, skipped)
    if fhir_input is not None:
        fhir_list = read_fhir_list(lib, fhir_input)
        listed = MedList(listed.lines + fhir_list.lines, listed.skipped + fhir_list.skipped)
    return listed


def _not_assessed(medlist, result) -> list[str]:
    """Why a --fail-on gate cannot pass although no finding reaches it: lines and pairs not assessed."""
    from .medlist import describe

    reasons = [f"{line.where} {line.text[:100]!r} could not be assessed: {describe(line)}" for line in medlist.unassessed]
    reasons += [f"{p.a} + {p.b} not assessable ({p.reason})" for p in result.pairs if p.status == "not-assessable"
                and not any(d.status == "unknown" and d.name in (p.a, p.b) for d in result.drugs)]
    return reasons


def _read_names_file(file: str, option: str = "--file") -> str:
    if file == "-":
        return sys.stdin.read()
    try:
        return Path(file).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInput(f"cannot read {file}: {getattr(exc, 'strerror', None) or exc}", option=option) from None


def _rule_json(rule) -> dict:
    return {"severity": rule.severity, "kind": rule.kind, "effect": rule.effect, "washout": rule.washout,
            "agents": [{"word": a.word, "kind": a.kind} for a in rule.agents],
            "source": {"file": rule.file, "section": rule.section, "line": rule.line, "text": rule.text}}


def single_json(drug, rules, has_data) -> dict:
    return {"drugs": [{"query": drug.query, "name": drug.name, "status": drug.status}],
            "has_interaction_data": has_data, "rules": [_rule_json(r) for r in rules], "pairs": [], "burden": [],
            "highest_severity": None}


def _finding_json(finding) -> dict:
    data = {"kind": finding.kind, "severity": finding.severity, "effect": finding.effect,
            "management": finding.management,
            "source": {"file": finding.source.file, "line": finding.source.line, "section": finding.source.section,
                       "text": finding.source.text}}
    if finding.kind == "washout":
        data["washout"] = ({"stop": finding.stop, "start": finding.start, "at_least": finding.amount}
                           if finding.amount else None)  # null: shown as written, not computed
    return data


def check_json(result) -> dict:
    return {
        "drugs": [{"query": d.query, "name": d.name, "status": d.status, "suggestion": d.suggestion,
                   "queries": list(d.queries or (d.query,)), "count": d.named_times} for d in result.drugs],
        "pairs": [{"a": p.a, "b": p.b, "status": p.status, "severity": p.severity, "kind": p.kind,
                   "summary": p.summary, "washout": p.washout, "reason": p.reason,
                   "sources": [{"file": s.file, "section": s.section, "text": s.text, "line": s.line} for s in p.sources],
                   "findings": [_finding_json(f) for f in p.findings]}
                  for p in result.pairs],
        "burden": [{"group": b.group, "class": b.drug_class, "drugs": list(b.drugs), "count": len(b.drugs),
                    "source": {"file": b.source.file, "line": b.source.line, "section": b.source.section,
                               "text": b.source.text} if b.source else None}
                   for b in result.burden],
        "highest_severity": result.highest_severity,
    }


# ---------------------------------------------------------------------- lint

@app.command()
def lint(
    ctx: typer.Context,
    paths: Annotated[list[str] | None, typer.Argument(help="Monograph files or directories (default: the whole "
                                                              "library).", show_default=False)] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    no_pager: NoPagerOpt = False,
) -> None:
    """Check monographs: say per file and line what cannot be read or looks wrong. Exit 1 on any error.

    Example: drugref lint ~/formulary
    """
    from . import render
    from .lint import lint_library

    with handled():
        for raw in paths or []:
            if not Path(raw).exists() and not Path(raw).is_symlink():
                raise InvalidInput(f"{raw!r} does not exist", option="PATH")
        reports = lint_library(library(ctx), list(paths or []))
        if as_json:
            emit_json({"files": [{"file": r.file, "problems": [{"line": p.line, "level": p.level, "message": p.message}
                                                                for p in r.problems]} for r in reports]})
        else:
            console = stdout()
            paged(console, lambda: render.lint_report(console, reports), no_pager)
        if any(r.errors for r in reports):
            raise typer.Exit(ExitStatus.NOTHING)


# ---------------------------------------------------------------------- search

@app.command()
def search(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(help="Words to find, e.g. \"serotonin syndrome\".")],
    limit: Annotated[int, typer.Option("--limit", "-n", help="At most this many results (1-1000).")] = 10,
    section: Annotated[str | None, typer.Option("--section", "-s", help="Only sections whose path contains this.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Full-text search over every monograph, best matches first.

    Example: drugref search hyponatremia --limit 5
    """
    from . import render

    with handled():
        if not 1 <= limit <= 1000:
            raise InvalidInput(f"{limit} is not from 1 to 1000", option="--limit")
        if not text.strip() or len(text) > 500:
            raise InvalidInput("give 1 to 500 characters of text to search for", option="TEXT")
        hits = library(ctx).search(text, limit=limit, section=section)
        if as_json:
            emit_json({"query": text, "results": [
                {"drug": h.drug, "file": h.file, "section": h.section,
                 "snippet": h.snippet.replace("\x02", "").replace("\x03", ""), "rank": round(h.rank, 4)}
                for h in hits]})
        else:
            render.search_results(stdout(), text, hits)
        if not hits:
            raise typer.Exit(ExitStatus.NOTHING)
