"""What each command answers, as immutable typed records: the CLI builds one, a reporter writes it (JSON, plain or Rich).

NamedTuples, like the core's other records (Monograph, Entry, CheckResult, CrclResult): frozen dataclasses
would do as well, but creating seven of them costs a warm `show` 6 ms (measured), NamedTuples under 1."""
from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from .crcl import CrclResult
    from .dosing import Plan
    from .index import Entry, SearchHit
    from .interactions import CheckResult, DrugInfo, Rule
    from .lint import FileReport
    from .lookup import Match
    from .medlist import MedList
    from .monograph import Monograph, Section


class ShownMonograph(NamedTuple):
    """`show`: a monograph, or the chosen sections of it."""

    monograph: Monograph
    classes: tuple[str, ...]  # the drug's own classes, sorted (not the classes they belong to)
    match: Match  # how the query found it
    chosen: tuple[Section, ...] | None  # the sections asked for with -s; None: the whole monograph
    origin: str  # bundled | env | option: where the file came from


class ListedDrug(NamedTuple):
    """One row of `list`."""

    entry: Entry
    classes: tuple[str, ...]


class DrugList(NamedTuple):
    """`list`: every drug served, optionally of one class."""

    drugs: tuple[ListedDrug, ...]


class SearchResults(NamedTuple):
    """`search`: the best-ranked sections for a text, best first (empty: nothing found)."""

    query: str
    hits: tuple[SearchHit, ...]


class Titration(NamedTuple):
    """`titrate`: one computed plan and, when the CrCl was estimated here, its working."""

    plan: Plan
    crcl: CrclResult | None


class InteractionReport(NamedTuple):
    """`interactions` with two or more drugs: every pair, coverage, burden, and how each list line was read."""

    check: CheckResult
    medlist: MedList


class DrugRules(NamedTuple):
    """`interactions` with one drug: its own interaction and contraindication lines."""

    drug: DrugInfo
    rules: tuple[Rule, ...]
    has_data: bool  # False: no interaction section, or one listing nothing (not 'no interactions')
    medlist: MedList


class LintResult(NamedTuple):
    """`lint`: problems per file."""

    reports: tuple[FileReport, ...]

    @property
    def errors(self) -> int:
        return sum(r.errors for r in self.reports)
