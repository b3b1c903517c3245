"""The `drugref` command line: parse options, call the core, hand the result to the reporter chosen once."""
# No `from __future__ import annotations` here: typer would then evaluate every command's string
# annotations (typing.get_type_hints) on each start, 35 ms of a 110 ms warm `show`. Names imported for
# type checking only are quoted instead.

import datetime as dt
import io
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from enum import IntEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, TextIO

import typer

from . import __version__
from .errors import Ambiguous, CannotWrite, DrugrefError, InvalidInput, NotFound

if TYPE_CHECKING:
    from .crcl import CrclResult
    from .dosing import Patient, Plan
    from .fhir import FhirInput
    from .index import Catalog, Entry, MonographDir
    from .interactions import CheckResult, DrugInfo
    from .launch import Start
    from .lookup import Match
    from .medlist import Entry as ListEntry
    from .medlist import MedList
    from .reporters.interface import Diagnostics, Reporter
    from .results import DrugRules

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

    def __init__(self, monograph_dirs: list[str], no_bundled: bool, start: "Start | None" = None) -> None:
        from .launch import Start

        self.monograph_dirs = monograph_dirs
        self.no_bundled = no_bundled
        self.start = start if isinstance(start, Start) else Start.from_environ(os.environ)  # from `launch`
        self._library: Catalog | None = None


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


_stderr: "Diagnostics | None" = None


def stderr() -> "Diagnostics":
    """Where notices and errors go: plain lines, or Rich when stderr is a terminal (one per stream)."""
    global _stderr
    if _stderr is None or sys.stderr is None or _stderr.stream is not sys.stderr:
        from .reporters import diagnostics

        _stderr = diagnostics(_or_nowhere(sys.stderr))
    return _stderr


def _or_nowhere(stream: TextIO | None) -> TextIO:
    """The stream, or a sink when it was closed at start (`>&-`: Python then has None)."""
    return stream if stream is not None else io.StringIO()


def output(as_json: bool, no_pager: bool = False) -> "Reporter":
    """The reporter for this call's stdout, chosen once: JSON if asked, Rich at a terminal, else plain lines."""
    from .reporters import choose, reporter

    out = _or_nowhere(sys.stdout)
    return reporter(choose(as_json, out), out, no_pager)


def fatal(message: str, status: ExitStatus = ExitStatus.USAGE, details: Sequence[str] = ()) -> NoReturn:
    stderr().error(message, details)
    raise typer.Exit(status)


@contextmanager
def handled() -> Iterator[None]:
    """Turn the core's named errors into one line on stderr and an exit code."""
    try:
        yield
    except (NotFound, Ambiguous) as exc:
        stderr().candidates(exc.query, exc.candidates, ambiguous=isinstance(exc, Ambiguous))
        raise typer.Exit(ExitStatus.NOTHING) from None
    except CannotWrite as exc:
        fatal(str(exc), ExitStatus.NOTHING)
    except DrugrefError as exc:
        fatal(str(exc), ExitStatus.USAGE)
    except BrokenPipeError:  # the reader (e.g. `head`) went away: stop quietly (before Click says 1)
        _stdout_to_devnull()
        raise typer.Exit(ExitStatus.OK) from None


def _stdout_to_devnull() -> None:
    """Send what is still buffered for stdout nowhere, so that the exit does not fail on it."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def monograph_dirs(monographs: list[str], no_bundled: bool, strict: bool = True) -> "list[MonographDir]":
    """Bundled, then DRUGREF_MONOGRAPHS, then --monographs directories: later ones override."""
    from .index import MonographDir

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


def library(ctx: typer.Context) -> "Catalog":
    """Open the library once per call, reporting notices and problems on stderr."""
    settings: Settings = ctx.find_root().obj
    if settings._library is not None:
        return settings._library
    from .index import open_library as Library

    dirs = monograph_dirs(settings.monograph_dirs, settings.no_bundled)
    lib = Library(dirs, cache_file(), on_progress=stderr().progress(), scans=settings.start.scans(),
                  fork=settings.start.fast, on_notice=lambda message: stderr().notice(message))
    for message in lib.notices:
        stderr().notice(message)
    if lib.problems:
        stderr().problems(lib.problems)
    settings._library = lib
    return lib


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

def _completion_library(ctx: typer.Context) -> "Catalog | None":
    """The index as it stands (no file check): completion must answer at once and never print."""
    from .index import open_library as Library

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

def _resolve(ctx: typer.Context, name: str, exact: bool = False) -> "tuple[Catalog, Match]":
    from .lookup import resolve

    lib = library(ctx)
    match = resolve(lib, name, exact=exact)
    if match.how == "fuzzy":
        stderr().notice(f"showing {match.entry.name} for {name!r} (closest match, score {match.score:.0f})")
    return lib, match


def _classes(lib: "Catalog", entry: "Entry") -> tuple[str, ...]:
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
    from .results import ShownMonograph
    from .sections import choose

    with handled():
        lib, match = _resolve(ctx, name, exact)
        mono = lib.monograph(match.entry)
        chosen = tuple(choose(mono, s) for s in section) if section else None
        output(as_json, no_pager).show(ShownMonograph(mono, _classes(lib, match.entry), match, chosen,
                                                      match.entry.origin))


NoPagerOpt = Annotated[bool, typer.Option("--no-pager", help="Never page long output.")]


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
    from .results import DrugList, ListedDrug

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
        output(as_json, no_pager).drug_list(DrugList(tuple(ListedDrug(e, _classes(lib, e)) for e in entries)))


def main(start: "Start | None" = None) -> None:
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
        from .text import visible

        where = f" ({exc.filename})" if exc.filename else ""
        sys.stderr.write(visible(f"drugref: {exc.strerror or exc}{where}") + "\n")
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


def _crcl_inputs(age: str | None, weight: str | None, scr: str | None, sex: str | None, height: str | None,
                 scr_unit: str) -> "CrclResult":
    from .crcl import cockcroft_gault

    given = {"--age": age, "--weight": weight, "--scr": scr, "--sex": sex}
    missing = [k for k, v in given.items() if v is None]
    if missing or sex is None:
        raise InvalidInput(f"Cockcroft-Gault needs --age, --weight, --scr and --sex; missing {', '.join(missing)}")
    scr_value, unit = creatinine(scr, scr_unit)
    age_years, weight_kg = measured(age, "--age"), measured(weight, "--weight")
    if age_years is None or weight_kg is None or scr_value is None:  # given, so parsed (or refused above)
        raise InvalidInput("Cockcroft-Gault needs --age, --weight, --scr and --sex")
    return cockcroft_gault(age_years, weight_kg, scr_value, sex, measured(height, "--height"), unit)


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


@app.command()
def crcl(
    age: AgeOpt = None, weight: WeightOpt = None, scr: ScrOpt = None, sex: SexOpt = None, height: HeightOpt = None,
    scr_unit: ScrUnitOpt = "mgdl",
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Estimate creatinine clearance by Cockcroft-Gault, showing the working.

    Example: drugref crcl --age 70 --weight 60 --scr 1.4 --sex female
    """
    with handled():
        output(as_json).crcl(_crcl_inputs(age, weight, scr, sex, height, scr_unit))


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
    from .dosing import plan, read_dosing
    from .results import Titration

    with handled():
        patient, working = _patient(crcl_given, age, weight, scr, sex, height, scr_unit, dialysis, child_pugh)
        start_date = _date(start, "--start")
        if ics is not None and start_date is None:
            raise InvalidInput("--ics needs --start DATE to date the steps", option="--ics")
        lib, match = _resolve(ctx, name, exact)
        schedule = plan(read_dosing(lib.monograph(match.entry)), patient, indication, name, start_date)
        if ics is not None:
            _write_ics(schedule, ics, force)
        output(as_json).titrate(Titration(schedule, working))
        if not schedule.shows_schedule:
            raise typer.Exit(ExitStatus.NOTHING)


def _patient(crcl_given: str | None, age: str | None, weight: str | None, scr: str | None, sex: str | None,
             height: str | None, scr_unit: str, dialysis: str | None,
             child_pugh: str | None) -> "tuple[Patient, CrclResult | None]":
    """The patient from the options, every given option checked (even one the CrCl does not use); with the
    Cockcroft-Gault working when the CrCl is estimated here."""
    from .crcl import UMOL_PER_MGDL
    from .dosing import Patient, check_crcl

    if dialysis is not None and dialysis.strip().lower() not in ("hd", "pd", "crrt"):
        raise InvalidInput(f"{dialysis!r} is not hd, pd or crrt", option="--dialysis")
    if child_pugh is not None and child_pugh.strip().upper() not in ("A", "B", "C"):
        raise InvalidInput(f"{child_pugh!r} is not A, B or C", option="--child-pugh")
    age_value = measured(age, "--age")
    weight_value = measured(weight, "--weight")
    scr_value, given_scr_unit = creatinine(scr, scr_unit)
    working = None
    crcl_value: float | None = None
    source: str | None = None
    given = measured(crcl_given, "--crcl")
    if given is not None:
        crcl_value, source = check_crcl(given), "given"
        if height is not None:
            measured(height, "--height")
        if given_scr_unit not in ("mgdl", "umol"):
            raise InvalidInput(f"{scr_unit!r} is not mgdl or umol", option="--scr-unit")
        if scr_value is not None and given_scr_unit == "umol":
            scr_value = scr_value / UMOL_PER_MGDL
    elif any(v is not None for v in (age, weight, scr, sex, height)):
        working = _crcl_inputs(age, weight, scr, sex, height, scr_unit)
        crcl_value, source, scr_value = working.crcl_ml_min, "cockcroft-gault", working.scr_mg_dl
    return Patient(crcl_value, source, dialysis.strip().lower() if dialysis else None,
                   child_pugh.strip().upper() if child_pugh else None, age_value, weight_value, scr_value), working


def _date(raw: str | None, option: str) -> dt.date | None:
    if raw is None:
        return None
    try:
        return dt.date.fromisoformat(raw.strip())
    except ValueError:
        raise InvalidInput(f"{raw!r} is not a date (YYYY-MM-DD)", option=option) from None


def _write_ics(schedule: "Plan", path: Path, force: bool) -> None:
    from .calendar import write_ics

    if not schedule.shows_schedule:
        raise InvalidInput("no schedule to write: " + (schedule.refused or "not recommended for this patient"),
                       option="--ics")
    written = write_ics(schedule, path, overwrite=force)
    stderr().notice(f"wrote {written} events to {path}")


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
    from .interactions import THRESHOLDS, check
    from .medlist import checker_drugs
    from .results import InteractionReport

    with handled():
        threshold = fail_on.strip().lower() if fail_on is not None else None
        if threshold is not None and threshold not in THRESHOLDS:
            raise InvalidInput(f"{fail_on!r} is not a severity; use one of {', '.join(THRESHOLDS)}",
                               option="--fail-on")
        entries, skipped, fhir_input = _read_inputs(list(names or []), file, fhir, all_statuses)
        lib = library(ctx)
        medlist = _medication_list(lib, entries, skipped, fhir_input)
        drugs, notices = checker_drugs(lib, medlist)
        for message in notices:
            stderr().notice(message)
        if len(drugs) == 1:
            output(as_json).drug_rules(_drug_rules(ctx, lib, drugs[0], medlist))
            return
        result = check(drugs, lib.vocabulary)
        output(as_json, no_pager).interactions(InteractionReport(result, medlist))
        status = _interaction_status(medlist, result, threshold)
        if status != ExitStatus.OK:
            raise typer.Exit(status)


def _drug_rules(ctx: typer.Context, lib: "Catalog", drug: "DrugInfo", medlist: "MedList") -> "DrugRules":
    """One drug's own interaction lines; a name that is no drug with a monograph is refused as `show` would."""
    from .interactions import read_rules
    from .results import DrugRules

    if drug.status == "unknown":
        _resolve(ctx, drug.query)  # raises NotFound or Ambiguous with its suggestions
    if drug.status != "monograph" or drug.file is None:
        raise NotFound(drug.query, ())
    rules, _, has_data = read_rules(lib.monograph(lib.entry_for_file(drug.file)), lib.vocabulary)
    return DrugRules(drug, tuple(rules), has_data, medlist)


def _interaction_status(medlist: "MedList", result: "CheckResult", threshold: str | None) -> ExitStatus:
    """1 when --fail-on is reached (an unrated finding counts as major) or cannot be judged because an input
    was not assessed, or when no name at all was identified; saying why on stderr."""
    from .interactions import reaches

    if threshold is not None:
        reasons = _not_assessed(medlist, result)
        if reasons:
            stderr().error(f"--fail-on: {len(reasons)} input(s) not assessed, so the check cannot pass:", reasons)
        if reaches(result.highest_severity, threshold) or reasons:
            return ExitStatus.NOTHING
    if all(d.status == "unknown" for d in result.drugs):  # nothing was checked: nothing to show
        stderr().error("none of the names could be identified; nothing was checked")
        return ExitStatus.NOTHING
    return ExitStatus.OK


def _read_inputs(names: list[str], file: str | None, fhir: str | None,
                 all_statuses: bool) -> "tuple[list[ListEntry], list[tuple[int, str, str]], FhirInput | None]":
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


def _medication_list(lib: "Catalog", entries: "list[ListEntry]", skipped: list[tuple[int, str, str]],
                     fhir_input: "FhirInput | None") -> "MedList":
    """One medication list, every line resolved: the entries read, then the FHIR medications."""
    from .medlist import MedList, read_fhir_list, resolve_entries

    listed = resolve_entries(lib, entries, skipped)
    if fhir_input is not None:
        fhir_list = read_fhir_list(lib, fhir_input)
        listed = MedList(listed.lines + fhir_list.lines, listed.skipped + fhir_list.skipped)
    return listed


def _not_assessed(medlist: "MedList", result: "CheckResult") -> list[str]:
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
    from .lint import lint_library

    with handled():
        for raw in paths or []:
            if not Path(raw).exists() and not Path(raw).is_symlink():
                raise InvalidInput(f"{raw!r} does not exist", option="PATH")
        result = lint_library(library(ctx), list(paths or []))
        output(as_json, no_pager).lint(result)
        if result.errors:
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
    from .results import SearchResults

    with handled():
        if not 1 <= limit <= 1000:
            raise InvalidInput(f"{limit} is not from 1 to 1000", option="--limit")
        if not text.strip() or len(text) > 500:
            raise InvalidInput("give 1 to 500 characters of text to search for", option="TEXT")
        hits = tuple(library(ctx).search(text, limit=limit, section=section))
        output(as_json).search(SearchResults(text, hits))
        if not hits:
            raise typer.Exit(ExitStatus.NOTHING)
