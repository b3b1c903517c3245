"""Results drawn with Rich at a terminal: every string becomes a `Text` (never markup) through `text.visible`."""
from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, TextIO

from rich.console import Console
from rich.text import Text

from ..text import visible, visible_lines
from . import words

if TYPE_CHECKING:
    from rich.console import ConsoleOptions

    from .. import results as r
    from ..crcl import CrclResult
    from ..dosing import Plan
    from ..errors import Candidate
    from ..index import Problem
    from ..medlist import MedList
    from ..monograph import Monograph, Section

SEVERITY_STYLE = {"contraindicated": "bold white on red", "major": "bold red", "unrated": "bold magenta",
                  "moderate": "yellow", "minor": "cyan"}
_HEADING_STYLE = {2: "bold underline", 3: "bold", 4: "bold italic"}


def _t(text: str, style: str = "") -> Text:
    """One line of text, sanitized (a newline in it is shown as \\n, never printed)."""
    return Text(visible(text), style=style)


def make_console(file: TextIO | None = None, stderr: bool = False, width: int | None = None,
                 color: bool | None = None) -> Console:
    """A console for stdout or stderr (or `file`); colour follows the terminal unless `color` says otherwise."""
    kwargs: dict[str, Any] = {"stderr": stderr, "file": file, "width": width, "highlight": False, "emoji": False,
                              "soft_wrap": False}
    if color is False:
        kwargs["color_system"] = None
    elif color is True:
        kwargs["force_terminal"] = True
    console = Console(**kwargs)
    console.on_broken_pipe = _broken_pipe  # type: ignore[method-assign]  # the CLI stops quietly, status 0
    if width is None and console.is_terminal:
        console.size = console.size  # ask the terminal once: Rich would ask again for every line printed
    return console


def _broken_pipe() -> None:
    raise BrokenPipeError


def inline(text: str, style: str = "") -> Text:
    """One line, literal, with `**bold**` spans shown bold and their markers dropped."""
    out = Text(style=style)
    parts = visible(text).split("**")
    if len(parts) % 2 == 0:  # unbalanced markers: show the text as it is
        out.append(visible(text))
        return out
    for i, part in enumerate(parts):
        out.append(part, style="bold" if i % 2 else "")
    return out


def _hanging_lines(console: Console, prefix: str, body: Text, width: int) -> list[Text]:
    """`body` wrapped to `width` after `prefix`, later lines indented under its first."""
    if not prefix:
        return list(body.wrap(console, width))
    lines = []
    for number, line in enumerate(body.wrap(console, max(8, width - len(prefix)))):
        line.rstrip()
        lines.append(Text(prefix if number == 0 else " " * len(prefix)) + line)
    return lines


class _Hanging:
    """`prefix` then `body`, wrapped lines aligned under the body (a hanging indent)."""

    def __init__(self, prefix: str, body: Text) -> None:
        self.prefix, self.body = visible(prefix), body

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Text]:
        yield from _hanging_lines(console, self.prefix, self.body, options.max_width)


class _Page:
    """Lines wrapped to the console's width here, gathered, and printed at once: Rich then has one
    renderable to lay out instead of one a line (a monograph prints in a third of the time)."""

    def __init__(self, console: Console) -> None:
        self.console, self.width, self.text = console, console.width, Text()

    def add(self, text: Text, prefix: str = "") -> None:
        for line in _hanging_lines(self.console, prefix, text, self.width):
            self.text.append_text(line)
            self.text.append("\n")

    def blank(self) -> None:
        self.text.append("\n")

    def print(self) -> None:
        if self.text.plain.endswith("\n"):
            self.text.right_crop(1)  # console.print ends the last line itself
        self.console.print(self.text, no_wrap=True, overflow="ignore", crop=False)


def markdown_block(page: _Page, text: str, indent: int = 0) -> None:
    """Section text as the terminal shows it: bullets as • with a hanging indent, bold kept, everything else literal."""
    blank = False
    started = False
    for raw in visible_lines(text):
        if not raw.strip():
            if not blank and started:
                page.blank()
            blank = True
            continue
        blank = False
        started = True
        item = words.bullet(raw)
        if item is not None:
            page.add(inline(item[1]), " " * (indent + item[0]) + "• ")
        else:
            page.add(inline(raw.strip()), " " * indent)


def banned_banner(console: Console, name: str) -> None:
    from rich.panel import Panel  # loaded only when drawn: a table or panel costs a warm call ~6 ms

    console.print(Panel(_t(f"{name} IS BANNED / WITHDRAWN — do not prescribe or dispense", style="bold white"),
                        style="bold white on red", expand=True))


def draw_monograph(console: Console, mono: Monograph, classes: tuple[str, ...],
                   chosen: tuple[Section, ...] | None, origin: str) -> None:
    """A whole monograph, or only the chosen sections, wrapped to the console."""
    from ..sections import is_faq

    if mono.is_banned:
        banned_banner(console, mono.name)
    page = _Page(console)
    title = _t(mono.name, style="bold cyan")
    if mono.brand_names:
        title.append("  (" + ", ".join(visible(b) for b in mono.brand_names) + ")", style="cyan")
    page.add(title)
    facts = Text(style="dim")
    if classes:
        facts.append("Class: " + ", ".join(visible(c) for c in classes) + "\n")
    if mono.last_modified:
        facts.append("Last modified: " + visible(mono.last_modified) + "\n")
    facts.append(f"Source: {visible(mono.file)} ({visible(origin)})")
    page.add(facts)
    if chosen is None and mono.sources:
        page.add(_t("Facts from: " + "; ".join(words.source_line(s) for s in mono.sources), style="dim"))
    for section in (chosen if chosen is not None else [s for s in mono.sections if not is_faq(s)]):
        if is_faq(section):
            _faqs(page, mono)
        else:
            _section(page, section)
    if chosen is None and mono.faqs:
        _faqs(page, mono)
    page.print()
    if mono.is_banned:
        banned_banner(console, mono.name)


def _section(page: _Page, section: Section) -> None:
    page.blank()
    page.add(_t(section.title, style=_HEADING_STYLE.get(section.level, "bold")))
    if section.text.strip():
        markdown_block(page, section.text)
    for child in section.children:
        _section(page, child)


def _faqs(page: _Page, mono: Monograph) -> None:
    page.blank()
    page.add(Text("FAQs", style=_HEADING_STYLE[2]))
    for faq in mono.faqs:
        page.add(Text("Q: ", style="bold") + inline(" ".join(faq.q.splitlines()), style="bold"))
        page.add(Text("A: ") + inline(" ".join(faq.a.splitlines())))


def _finding_head(severity: str | None, title: str, kind: str | None) -> Text:
    head = Text()
    head.append(f" {(severity or '').upper()} ", style=SEVERITY_STYLE.get(severity or "", "bold"))
    head.append(f" {visible(title)}", style="bold")
    if kind:
        head.append(f"  ({kind})", style="dim")
    return head


def _severity_text(severity: str | None) -> Text:
    if not severity:
        return Text("—")
    return Text(severity, style=SEVERITY_STYLE.get(severity, ""))


def _bar(value: float | None, maximum: float | None, width: int = 8) -> Text:
    if value is None or not maximum:
        return Text("")
    filled = max(0, min(width, round(width * value / maximum)))
    return Text("█" * filled, style="green") + Text("░" * (width - filled), style="dim") + Text(
        f" {100 * value / maximum:.0f}%", style="dim")


def _lines(console: Console, text: str, style: str = "", after: Text | None = None) -> None:
    """Text that may hold lines of its own (a band's table), a line at a time; `after` ends the last line."""
    lines = visible_lines(text)
    for number, line in enumerate(lines, 1):
        out = Text(line, style=style)
        console.print(out + after if after is not None and number == len(lines) else out)


class RichReporter:
    """Results drawn with Rich on `out`, paged at a terminal when longer than the screen."""

    def __init__(self, out: TextIO | None = None, no_pager: bool = False, console: Console | None = None) -> None:
        self.console = console if console is not None else make_console(file=out if out is not sys.stdout else None)
        self.no_pager = no_pager

    def _paged(self, draw: Callable[[], None]) -> None:
        """Draw; at a terminal, through the pager when it is longer than the screen."""
        console = self.console
        if not self.no_pager and console.is_terminal and sys.stdin.isatty():
            with console.capture() as capture:
                draw()
            if capture.get().count("\n") > console.height:
                os.environ.setdefault("LESS", "FRX")  # as git does: colours through, quit at the end
                with console.pager(styles=True):
                    draw()
                return
        draw()

    def show(self, result: r.ShownMonograph) -> None:
        self._paged(lambda: draw_monograph(self.console, result.monograph, result.classes, result.chosen,
                                           result.origin))

    def drug_list(self, result: r.DrugList) -> None:
        def draw() -> None:
            from rich.table import Table

            table = Table(show_lines=False, header_style="bold", expand=False)
            for column in ("Drug", "Brand names", "Classes", "Last modified", "Source"):
                table.add_column(column, overflow="fold")
            for drug in result.drugs:
                entry = drug.entry
                name = _t(entry.name)
                if entry.is_banned:
                    name.append(" BANNED", style="bold white on red")
                table.add_row(name, _t(", ".join(entry.brand_names)), _t(", ".join(drug.classes)),
                              _t((entry.last_modified or "")[:10]), _t(words.list_source(entry)))
            self.console.print(table)
            self.console.print(Text(f"{len(result.drugs)} drugs", style="dim"))

        self._paged(draw)

    def search(self, result: r.SearchResults) -> None:
        console = self.console
        if not result.hits:
            console.print(_t(f"nothing found for {result.query!r}", style="yellow"))
            return
        for number, hit in enumerate(result.hits, 1):
            console.print(Text(f"{number:>2}. ", style="dim") + _t(hit.drug, style="bold cyan")
                          + _t(f" § {hit.section}", style="dim"))
            snippet = Text()
            for part, marked in hit.parts:
                snippet.append(visible(part), style="bold yellow" if marked else "")
            console.print(_Hanging("    ", snippet))

    def crcl(self, result: CrclResult) -> None:
        """The Cockcroft-Gault working; a long line wraps under its own text, not to column 0."""
        from .. import titrate_report as words_t

        lines = words_t.crcl_lines(result)
        self.console.print(Text(lines[0], style="bold"))
        for line in lines[1:-1]:
            label, _, rest = line.strip().partition(": ")
            self.console.print(_Hanging(f"  {label}: ", Text(rest)) if rest else Text(line))
        self.console.print(Text(lines[-1], style="bold"))

    def titrate(self, result: r.Titration) -> None:
        draw_titration(self.console, result.plan, result.crcl)

    def interactions(self, result: r.InteractionReport) -> None:
        def draw() -> None:
            draw_interactions(self.console, result)
            draw_medication_lines(self.console, result.medlist)

        self._paged(draw)

    def drug_rules(self, result: r.DrugRules) -> None:
        from ..interactions import RANK

        console, drug = self.console, result.drug
        console.print(_t(drug.name, style="bold cyan") + Text(" — interactions and contraindications", style="bold"))
        if not result.has_data:
            console.print(_t(words.no_data_line(drug), style="bold yellow"))
        for rule in sorted(result.rules, key=lambda r: (RANK[r.severity], r.line)):
            console.print(_finding_head(rule.severity, words.rule_title(rule), rule.kind), soft_wrap=False)
            for prefix, body, style in words.rule_lines(rule):
                console.print(_Hanging(prefix, _t(body, style=style)))
        draw_medication_lines(console, result.medlist)

    def lint(self, result: r.LintResult) -> None:
        def draw() -> None:
            for report in result.reports:
                if not report.problems:
                    continue
                self.console.print(_t(report.file, style="bold"))
                for problem in report.problems:
                    self.console.print(_Hanging(words.lint_prefix(problem.line, problem.level), _t(problem.message)))
            summary, errors = words.lint_summary(result.reports)
            self.console.print(Text(summary, style="bold red" if errors else "bold green"))

        self._paged(draw)


def draw_medication_lines(console: Console, medlist: MedList) -> None:
    """How each line of a medication list was read (only lines that needed reading)."""
    from ..medlist import reading_lines

    rows = reading_lines(medlist)
    if not rows:
        return
    console.print(Text("As read from the list:", style="bold"))
    for where, what, problem in rows:
        console.print(_Hanging("  " + where, _t(what, style="yellow" if problem else "")))


def draw_interactions(console: Console, report: r.InteractionReport) -> None:
    """Every pair, most severe first; coverage; cumulative burden."""
    result = report.check
    head, tail = words.coverage_lines(result)

    def show(lines: list[words.Line]) -> None:
        for prefix, body, prefix_style, body_style in lines:
            console.print(_t(prefix, style=prefix_style) + _t(body, style=body_style))

    show(head)
    for pair in (p for p in result.pairs if p.status == "interaction"):
        console.print(_finding_head(pair.severity, words.pair_title(pair), pair.kind), soft_wrap=False)
        for prefix, body, style in words.pair_lines(pair):
            console.print(_Hanging(prefix, _t(body, style=style)))
    show(tail)
    if result.highest_severity:
        console.print(Text("Highest severity: ") + _severity_text(result.highest_severity))
    console.print(Text(words.DISCLAIMER_CHECK, style="dim"))


def draw_titration(console: Console, plan: Plan, crcl_result: CrclResult | None = None) -> None:
    """The plan at a terminal: the plain reporter's lines, with the verdict and steps styled."""
    from rich.table import Table

    from .. import titrate_report as words_t
    from ..dosing import dated, fmt_amount, upper

    file = visible(plan.dosing.file)

    def at(line: int | None) -> Text:
        return Text(f" ({file}:{line})" if line else f" ({file})", style="dim")

    console.print(_t(words_t.heading(plan), style="bold cyan") + Text(" — titration", style="bold"))
    console.print(Text(f"Source: {file}" + (f" § {visible(plan.regimen.section)}" if plan.regimen else ""),
                       style="dim"))
    if crcl_result is not None:
        for working in words_t.crcl_lines(crcl_result):
            console.print(Text(working))
    who = words_t.patient_words(plan)
    if who:
        console.print(Text(f"Patient: {who}", style="bold"))
    for band in (plan.band, plan.hepatic_band):
        if band is not None:
            _lines(console, f"Band: {band.label}: {band.text}", after=at(band.line))
    if plan.recommended is not True:
        _lines(console, words_t.verdict(plan), style="bold white on red")
        if plan.choices:
            console.print(Text("Regimens (choose with --indication):", style="bold"))
            for choice in plan.choices:
                console.print(_t(f"  {choice}"))
        if plan.recommended is None and plan.shown_text:
            console.print(Text("No schedule is shown. The monograph's words:", style="bold"))
        for label, line, text in plan.shown_text:
            _lines(console, f"  {words_t.labelled(label, text)}", after=at(line))
    else:
        table = Table(header_style="bold", box=None, pad_edge=False)
        show_dates = plan.start is not None
        for column in ("Days",) + (("Dates",) if show_dates else ()) + ("Dose", "vs max"):
            table.add_column(column, no_wrap=column in ("Days", "Dates", "vs max"), overflow="fold")
        max_value = upper(plan.max_daily_dose)
        for step in plan.steps:
            if step.unread:
                table.add_row(*([_t(step.label)] + ([Text("")] if show_dates else []) + [
                    _t(f"cannot compute — as written: {step.text}", style="yellow"), Text("")]))
                continue
            first, last = dated(step, plan.start)
            dates = "" if first is None else (f"{first.isoformat()} on" if last is None else first.isoformat()
                                              if first == last else f"{first.isoformat()} to {last.isoformat()}")
            dose = Text(words_t.dose_words(step))
            if step.renal_adjusted:
                dose.append(" (adjusted)", style="yellow")
            if step.condition:
                dose.append(words_t.condition_words(step), style="bold")
            bar = _bar(upper(step.daily_dose), max_value)
            table.add_row(*([Text(words_t.day_words(step))] + ([Text(dates)] if show_dates else []) + [dose, bar]))
        console.print(table)
        for option in plan.options:
            console.print(Text("Option (not dated): ", style="bold") + _t(option.text) + at(option.line))
        unit = plan.unit or ""
        if plan.maintenance_daily_dose is not None:
            console.print(Text(f"Maintenance: {fmt_amount(plan.maintenance_daily_dose)} {unit}/day"))
        console.print(Text(f"Maximum: {fmt_amount(plan.max_daily_dose)} {unit}/day" if plan.max_daily_dose is not None
                           else "Maximum: not stated for this patient"))
        for item in plan.arithmetic:
            console.print(_t(f"Computed: {item}", style="dim"))
        for _, line, text in plan.shown_text:
            console.print(Text("Not applied (shown as written): ", style="yellow") + _t(text) + at(line))
    for note in plan.criteria_notes:
        console.print(Text("Dose criteria: ", style="bold yellow") + _t(note))
    for warning in plan.warnings:
        console.print(_t("! " + warning, style="yellow"))
    if plan.dosing.hepatic_text and plan.hepatic_band is None:
        console.print(Text("Hepatic: ", style="bold") + _t(plan.dosing.hepatic_text))
    if plan.dosing.elderly_text:
        console.print(Text("Elderly: ", style="bold") + _t(plan.dosing.elderly_text))
    console.print(Text(words_t.NOT_ADVICE, style="dim"))


class RichDiagnostics:
    """Notices, errors and 'did you mean' on a terminal's stderr."""

    def __init__(self, err: TextIO) -> None:
        self.stream = err
        self.console = make_console(stderr=True, file=err if err is not sys.stderr else None)

    def notice(self, message: str) -> None:
        self.console.print(_t(message, style="yellow"), soft_wrap=True)

    def error(self, message: str, details: Sequence[str] = ()) -> None:
        self.console.print(Text("drugref: ", style="bold red") + _t(message), soft_wrap=True)
        for detail in details:
            self.console.print(_t("  " + detail), soft_wrap=True)

    def candidates(self, query: str, items: tuple[Candidate, ...], ambiguous: bool) -> None:
        for indent, text, style, note in words.candidate_lines(query, items, ambiguous):
            line = Text(indent)
            line.append(visible(text), style=style)
            if note:
                line.append(visible(note), style="dim")
            self.console.print(line, soft_wrap=True)

    def problems(self, items: Sequence[Problem]) -> None:
        for label, text in map(words.problem_line, items):
            self.console.print(Text(label, style="yellow") + _t(text), soft_wrap=True)

    def progress(self) -> Callable[[int, int], None] | None:
        """A progress bar for long index builds (Rich's Progress loaded on the first update)."""
        state: dict[str, Any] = {}
        console = self.console

        def update(done: int, total: int) -> None:
            from rich.progress import Progress

            if "bar" not in state:
                state["bar"] = Progress(console=console, transient=True)
                state["bar"].start()
                state["task"] = state["bar"].add_task("indexing monographs", total=total)
            state["bar"].update(state["task"], completed=done)
            if done >= total:
                state.pop("bar").stop()

        return update
