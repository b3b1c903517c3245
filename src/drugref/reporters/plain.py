"""Plain, unwrapped lines for pipes, grep and files (never imports Rich).

Names (drugs, files, classes) go through `visible` whole, so a newline in one cannot start a line; text
that has lines of its own (section text, a band's table) is split into lines, each through `visible`."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, TextIO

from ..text import visible, visible_lines
from . import words

if TYPE_CHECKING:
    from .. import results as r
    from ..crcl import CrclResult
    from ..dosing import Plan
    from ..errors import Candidate
    from ..index import Problem
    from ..medlist import MedList
    from ..monograph import Monograph, Section


def _write(out: TextIO, lines: Iterable[str]) -> None:
    """Each line, split where it holds line breaks, through the sanitizer; one write."""
    out.write("".join(safe + "\n" for line in lines for safe in visible_lines(line)))


def _unwrapped(text: str) -> list[str]:
    """Section text as plain lines: bullets as •, bold markers dropped, runs of blank lines as one."""
    out: list[str] = []
    for raw in visible_lines(text):
        if not raw.strip():
            if out and out[-1] != "":
                out.append("")
            continue
        item = words.bullet(raw)
        if item is not None:
            out.append("  " * item[0] + "• " + item[1].replace("**", ""))
        else:
            out.append(raw.strip().replace("**", ""))
    while out and out[-1] == "":
        out.pop()
    return out


def banned_line(name: str) -> str:
    return f"!!! {visible(name.upper())} IS BANNED / WITHDRAWN — do not prescribe or dispense !!!"


def monograph_lines(mono: Monograph, classes: tuple[str, ...], chosen: tuple[Section, ...] | None,
                    origin: str) -> list[str]:
    """The monograph as plain, unwrapped lines."""
    from ..sections import is_faq

    lines = []
    if mono.is_banned:
        lines.append(banned_line(mono.name))
    brands = ", ".join(visible(b) for b in mono.brand_names)
    lines.append(visible(mono.name) + (f"  ({brands})" if brands else ""))
    if classes:
        lines.append("Class: " + ", ".join(visible(c) for c in classes))
    if mono.last_modified:
        lines.append("Last modified: " + visible(mono.last_modified))
    lines.append(f"Source: {visible(mono.file)} ({visible(origin)})")
    if chosen is None and mono.sources:
        lines.append("Facts from: " + visible("; ".join(words.source_line(s) for s in mono.sources)))

    def section(sec: Section) -> None:
        lines.append("")
        lines.append(visible(sec.title))
        if sec.text.strip():
            lines.extend(_unwrapped(sec.text))
        for child in sec.children:
            section(child)

    def faq_lines() -> None:
        lines.append("")
        lines.append("FAQs")
        for faq in mono.faqs:
            lines.extend(visible_lines("Q: " + faq.q))
            lines.extend(visible_lines("A: " + faq.a))

    for sec in (chosen if chosen is not None else [s for s in mono.sections if not is_faq(s)]):
        faq_lines() if is_faq(sec) else section(sec)
    if chosen is None and mono.faqs:
        faq_lines()
    if mono.is_banned:
        lines.append(banned_line(mono.name))
    return lines


def interaction_lines(report: r.InteractionReport) -> list[str]:
    result = report.check
    head, tail = words.coverage_lines(result)
    lines = [visible(prefix + body) for prefix, body, _, _ in head]
    for pair in (p for p in result.pairs if p.status == "interaction"):
        lines.append(visible(f"{(pair.severity or '').upper()}  {words.pair_title(pair)}  ({pair.kind})"))
        lines.extend(visible(prefix + body) for prefix, body, _ in words.pair_lines(pair))
    lines += [visible(prefix + body) for prefix, body, _, _ in tail]
    if result.highest_severity:
        lines.append("Highest severity: " + result.highest_severity)
    lines.append(words.DISCLAIMER_CHECK)
    return lines + medication_lines(report.medlist)


def medication_lines(medlist: MedList) -> list[str]:
    """How each line of a medication list was read (only lines that needed reading)."""
    from ..medlist import reading_lines

    rows = reading_lines(medlist)
    if not rows:
        return []
    return ["As read from the list:"] + [visible(f"  {where}{what}") for where, what, _ in rows]


def titration_lines(plan: Plan, crcl_result: CrclResult | None = None) -> list[str]:
    """The plan as plain lines. Names are escaped whole; the monograph's words keep their lines."""
    from .. import titrate_report as words_t
    from ..dosing import dated, fmt_amount

    file = visible(plan.dosing.file)

    def at(line: int | None) -> str:
        return f"{file}:{line}" if line else file

    out = [f"{visible(words_t.heading(plan))} — titration",
           f"Source: {file}" + (f" § {visible(plan.regimen.section)}" if plan.regimen is not None else "")]
    if crcl_result is not None:
        out += words_t.crcl_lines(crcl_result)
    who = words_t.patient_words(plan)
    if who:
        out.append(f"Patient: {who}")
    for band in (plan.band, plan.hepatic_band):
        if band is not None:
            out.append(f"Band: {band.label}: {band.text} ({at(band.line)})")
    if plan.recommended is not True:
        out.append(words_t.verdict(plan))
        if plan.choices:
            out.append("Regimens (choose with --indication):")
            out += [f"  {visible(choice)}" for choice in plan.choices]
        if plan.recommended is None:
            out.append("No schedule is shown. The monograph's words:")
        for label, line, text in plan.shown_text:
            out.append(f"  {words_t.labelled(label, text)} ({at(line)})")
    else:
        out.append("Schedule:")
        for step in plan.steps:
            if step.unread:
                out.append(f"  {step.label}: cannot compute — as written: {step.text} ({at(step.line)})")
                continue
            first, last = dated(step, plan.start)
            dates = "" if first is None else f" [{first.isoformat()}" + (
                f" to {last.isoformat()}]" if last is not None and last != first else "]" if last == first else " on]")
            tag = " (adjusted)" if step.renal_adjusted else ""
            out.append(f"  {words_t.day_words(step)}{dates}: {words_t.dose_words(step)}{tag}"
                       f"{words_t.condition_words(step)}")
        for option in plan.options:
            out.append(f"  option (not dated): {option.text} ({at(option.line)})")
        unit = plan.unit or ""
        if plan.maintenance_daily_dose is not None:
            out.append(f"Maintenance: {fmt_amount(plan.maintenance_daily_dose)} {unit}/day")
        out.append(f"Maximum: {fmt_amount(plan.max_daily_dose)} {unit}/day" if plan.max_daily_dose is not None
                   else "Maximum: not stated for this patient")
        for item in plan.arithmetic:
            out.append(f"Computed: {item}")
        for _label, line, text in plan.shown_text:
            out.append(f"Not applied (shown as written): {text} ({at(line)})")
    for note in plan.criteria_notes:
        out.append(f"Dose criteria: {note}")
    for warning in plan.warnings:
        out.append(f"! {warning}")
    if plan.dosing.hepatic_text and plan.hepatic_band is None:
        out.append(f"Hepatic: {plan.dosing.hepatic_text}")
    if plan.dosing.elderly_text:
        out.append(f"Elderly: {plan.dosing.elderly_text}")
    out.append(words_t.NOT_ADVICE)
    return out


class PlainReporter:
    """Results as plain lines on `out`."""

    def __init__(self, out: TextIO) -> None:
        self.out = out

    def show(self, result: r.ShownMonograph) -> None:
        _write(self.out, monograph_lines(result.monograph, result.classes, result.chosen, result.origin))

    def drug_list(self, result: r.DrugList) -> None:
        """One drug a line, tab-separated: name (BANNED), brands, classes, last modified, source."""
        _write(self.out, ("\t".join(visible(field) for field in (
            d.entry.name + (" BANNED" if d.entry.is_banned else ""), ", ".join(d.entry.brand_names),
            ", ".join(d.classes), (d.entry.last_modified or "")[:10], words.list_source(d.entry)))
            for d in result.drugs))

    def search(self, result: r.SearchResults) -> None:
        if not result.hits:
            _write(self.out, [visible(f"nothing found for {result.query!r}")])
            return
        lines = []
        for number, hit in enumerate(result.hits, 1):
            lines.append(visible(f"{number:>2}. {hit.drug} § {hit.section}"))
            lines.append(visible("    " + "".join(part for part, _ in hit.parts)).rstrip())
        _write(self.out, lines)

    def crcl(self, result: CrclResult) -> None:
        from .. import titrate_report as words_t

        _write(self.out, words_t.crcl_lines(result))

    def titrate(self, result: r.Titration) -> None:
        _write(self.out, titration_lines(result.plan, result.crcl))

    def interactions(self, result: r.InteractionReport) -> None:
        _write(self.out, interaction_lines(result))

    def drug_rules(self, result: r.DrugRules) -> None:
        from ..interactions import RANK

        drug = result.drug
        lines = [visible(drug.name) + " — interactions and contraindications"]
        if not result.has_data:
            lines.append(visible(words.no_data_line(drug)))
        for rule in sorted(result.rules, key=lambda r: (RANK[r.severity], r.line)):
            lines.append(visible(f"{rule.severity.upper()}  {words.rule_title(rule)}  ({rule.kind})"))
            lines.extend(visible(prefix + body) for prefix, body, _ in words.rule_lines(rule))
        _write(self.out, lines + medication_lines(result.medlist))

    def lint(self, result: r.LintResult) -> None:
        lines = []
        for report in result.reports:
            if report.problems:
                lines.append(visible(report.file))
                lines += [visible(words.lint_prefix(p.line, p.level) + p.message) for p in report.problems]
        lines.append(words.lint_summary(result.reports)[0])
        _write(self.out, lines)


class PlainDiagnostics:
    """Notices, errors and 'did you mean' as plain lines on stderr."""

    def __init__(self, err: TextIO) -> None:
        self.stream = err

    def notice(self, message: str) -> None:
        _write(self.stream, [visible(message)])

    def error(self, message: str, details: Sequence[str] = ()) -> None:
        _write(self.stream, [visible("drugref: " + message)] + [visible("  " + d) for d in details])

    def candidates(self, query: str, items: tuple[Candidate, ...], ambiguous: bool) -> None:
        _write(self.stream, [visible(indent + text + note)
                             for indent, text, _, note in words.candidate_lines(query, items, ambiguous)])

    def problems(self, items: Sequence[Problem]) -> None:
        _write(self.stream, [visible(label + text) for label, text in map(words.problem_line, items)])

    def progress(self) -> Callable[[int, int], None] | None:
        return None  # no progress bar into a pipe
