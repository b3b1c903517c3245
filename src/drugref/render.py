"""All terminal rendering (Rich). Monograph text is always passed as Text, never as markup.

Rich is imported only where it draws: output to a pipe or a file is written as plain lines
without it (a `PlainConsole`), which keeps scripted calls fast.
"""
from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING

from .text import clean_text

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

    from .errors import Candidate
    from .library import Entry, Problem
    from .lookup import Match
    from .monograph import Monograph, Section

SEVERITY_STYLE = {"contraindicated": "bold white on red", "major": "bold red", "unrated": "bold magenta",
                  "moderate": "yellow", "minor": "cyan"}
_HEADING_STYLE = {2: "bold underline", 3: "bold", 4: "bold italic"}
_BULLET = re.compile(r"^(\s*)[-*+]\s+(.*)$")


def make_console(stderr: bool = False, file=None, width: int | None = None,
                 color: bool | None = None) -> Console | PlainConsole:
    """A console for stdout or stderr; colour follows the terminal unless `color` says otherwise.
    Where Rich would surely see no terminal, a PlainConsole that imports Rich only if asked to draw."""
    kwargs = {"stderr": stderr, "file": file, "width": width, "highlight": False, "emoji": False,
              "soft_wrap": False}
    if color is False:
        kwargs["color_system"] = None
    elif color is True:
        kwargs["force_terminal"] = True
    if color is not True and file is None and _surely_not_a_terminal(sys.stderr if stderr else sys.stdout):
        return PlainConsole(kwargs)
    console = _rich_console(kwargs)
    if width is None and console.is_terminal:
        console.size = console.size  # ask the terminal once: Rich would ask again for every line printed
    return console


def _rich_console(kwargs: dict) -> Console:
    from rich.console import Console

    console = Console(**kwargs)
    console.on_broken_pipe = _broken_pipe  # as for plain output: the CLI stops quietly, status 0
    return console


def _broken_pipe() -> None:
    raise BrokenPipeError


def _surely_not_a_terminal(stream) -> bool:
    """What Rich's Console.is_terminal would say, where it can be told without Rich: the stream is no
    TTY and no variable that Rich reads (FORCE_COLOR, TTY_COMPATIBLE) says to treat it as one."""
    if "FORCE_COLOR" in os.environ or "TTY_COMPATIBLE" in os.environ:
        return False
    try:
        return not stream.isatty()
    except (AttributeError, ValueError):  # a closed or odd stream: let Rich decide
        return False


class PlainConsole:
    """Stands in for a Rich console on a pipe or file: `is_terminal` is False and `file` is the
    stream, so plain paths write lines directly; anything else (tables, panels) goes to a Rich
    console made on first use with the same settings."""

    is_terminal = False

    def __init__(self, rich_kwargs: dict) -> None:
        self._rich_kwargs = rich_kwargs
        self._rich = None

    @property
    def file(self):
        return sys.stderr if self._rich_kwargs["stderr"] else sys.stdout

    def __getattr__(self, name: str):
        if self._rich is None:
            self._rich = _rich_console(self._rich_kwargs)
        return getattr(self._rich, name)


def _plain_line(console, text: str) -> bool:
    """Write one unstyled line if the console is not a terminal (as Rich would print it there)."""
    if console.is_terminal:
        return False
    console.file.write(clean_text(text) + "\n")
    return True


def inline(text: str, style: str = "") -> Text:
    """Literal text with `**bold**` spans shown bold and their markers dropped; nothing else interpreted."""
    from rich.text import Text

    out = Text(style=style)
    parts = clean_text(text).split("**")
    if len(parts) % 2 == 0:  # unbalanced markers: show the text as it is
        out.append(clean_text(text))
        return out
    for i, part in enumerate(parts):
        out.append(part, style="bold" if i % 2 else "")
    return out


class _Hanging:
    """`prefix` then `body`, wrapped lines aligned under the body (a hanging indent)."""

    def __init__(self, prefix: str, body: Text) -> None:
        self.prefix, self.body = prefix, body

    def __rich_console__(self, console, options):
        yield from _hanging_lines(console, self.prefix, self.body, options.max_width)


def _hanging(prefix: str, body: Text) -> _Hanging:
    return _Hanging(prefix, body)


class _Page:
    """Lines wrapped to the console's width here, gathered, and printed at once: Rich then has one
    renderable to lay out instead of one a line (a monograph prints in a third of the time)."""

    def __init__(self, console: Console) -> None:
        from rich.text import Text

        self.console, self.width, self.text = console, console.width, Text()

    def add(self, text: Text, prefix: str = "") -> None:
        """`text` wrapped as Rich would print it; with `prefix`, later lines indented under it."""
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
    """Section text as the terminal shows it: bullets as • with a hanging indent, bold kept,
    everything else literal."""
    blank = False
    started = False
    for raw in clean_text(text).split("\n"):
        if not raw.strip():
            if not blank and started:
                page.blank()
            blank = True
            continue
        blank = False
        started = True
        match = _BULLET.match(raw)
        if match:
            depth = len(match.group(1).expandtabs(4)) // 2
            page.add(inline(match.group(2)), " " * (indent + depth) + "• ")
        else:
            page.add(inline(raw.strip()), " " * indent)


def _hanging_lines(console, prefix: str, body: Text, width: int) -> list[Text]:
    """`body` wrapped to `width` after `prefix`, later lines indented under its first."""
    from rich.text import Text

    if not prefix:
        return list(body.wrap(console, width))
    lines = []
    for number, line in enumerate(body.wrap(console, max(8, width - len(prefix)))):
        line.rstrip()
        lines.append(Text(prefix if number == 0 else " " * len(prefix)) + line)
    return lines


def notice(console: Console, message: str) -> None:
    if _plain_line(console, message):
        return
    from rich.text import Text

    console.print(Text(clean_text(message), style="yellow"), soft_wrap=True)


def error(console: Console, message: str) -> None:
    if _plain_line(console, "drugref: " + message):
        return
    from rich.text import Text

    console.print(Text("drugref: ", style="bold red") + Text(clean_text(message)), soft_wrap=True)


def problems(console: Console, items: Iterable[Problem]) -> None:
    items = list(items)
    if items and not console.is_terminal:
        for problem in items:
            _plain_line(console, ("skipped " if problem.kind == "skipped" else "name clash: ") + str(problem))
        return
    if not items:
        return
    from rich.text import Text

    for problem in items:
        label = "skipped " if problem.kind == "skipped" else "name clash: "
        console.print(Text(label, style="yellow") + Text(clean_text(str(problem))), soft_wrap=True)


def candidates(console: Console, query: str, items: tuple[Candidate, ...], ambiguous: bool) -> None:
    """'did you mean' on stderr: differing letters in capitals, each candidate's class; a drug the class
    vocabulary knows without a monograph is said to be so (never offered as itself); with nothing
    near enough, 'not in this library' and nothing else."""
    from .errors import known_without_monograph

    typed = next((item for item in items if item.typed), None)
    offered = [item for item in items if not item.typed]
    lines: list[tuple[str, str, str, str]] = []  # (indent, text, its style, a dim note after it)
    if typed is not None and not ambiguous:
        lines.append(("", known_without_monograph(typed.name, typed.classes), "red", ""))
        lines.append(("  ", "nothing to show; `drugref interactions` checks it by its classes", "", ""))
        offered = []
    elif ambiguous:
        lines.append(("", f"{query!r} matches more than one drug; nothing shown. Did you mean:", "bold red", ""))
    elif offered:
        lines.append(("", f"no drug named {query!r}. Did you mean:", "red", ""))
    else:
        lines.append(("", f"no drug named {query!r}: not in this library.", "red", ""))
        lines.append(("  ", "try `drugref list` or `drugref search TEXT`", "", ""))
    for item in offered:
        notes = ([", ".join(item.classes)] if item.classes else []) + ([] if item.monograph else ["no monograph"])
        lines.append(("  ", item.display, "bold", f"  ({'; '.join(notes)})" if notes else ""))
    if not console.is_terminal:
        for indent, text, _, note in lines:
            _plain_line(console, indent + text + note)
        return
    from rich.text import Text

    for indent, text, style, note in lines:
        line = Text(indent)
        line.append(clean_text(text), style=style)
        if note:
            line.append(clean_text(note), style="dim")
        console.print(line, soft_wrap=True)


def banned_banner(console: Console, name: str) -> None:
    from rich.panel import Panel
    from rich.text import Text

    console.print(Panel(Text(f"{name} IS BANNED / WITHDRAWN — do not prescribe or dispense", style="bold white"),
                        style="bold white on red", expand=True))


def monograph(console: Console, mono: Monograph, classes: tuple[str, ...], match: Match | None,
              chosen: list[Section] | None, origin: str, plain: bool | None = None) -> None:
    """A whole monograph, or only the chosen sections: Rich on a terminal, plain lines when piped
    (`plain` None decides by the console)."""
    if plain if plain is not None else not console.is_terminal:
        console.file.write(monograph_plain(mono, classes, chosen, origin))
        return
    from rich.text import Text

    if mono.is_banned:
        banned_banner(console, mono.name)
    page = _Page(console)
    title = Text(mono.name, style="bold cyan")
    if mono.brand_names:
        title.append("  (" + ", ".join(mono.brand_names) + ")", style="cyan")
    page.add(title)
    facts = Text(style="dim")
    if classes:
        facts.append("Class: " + ", ".join(classes) + "\n")
    if mono.last_modified:
        facts.append("Last modified: " + mono.last_modified + "\n")
    facts.append(f"Source: {mono.file} ({origin})")
    page.add(facts)
    if chosen is None and mono.sources:
        page.add(Text("Facts from: " + "; ".join(_source_line(s) for s in mono.sources), style="dim"))
    from .sections import is_faq

    for section in (chosen if chosen is not None else [s for s in mono.sections if not is_faq(s)]):
        if is_faq(section):
            faqs(page, mono)
        else:
            _section(page, section)
    if chosen is None and mono.faqs:
        faqs(page, mono)
    page.print()
    if mono.is_banned:
        banned_banner(console, mono.name)


def _plain_bullets(text: str) -> list[str]:
    out = []
    for raw in clean_text(text).split("\n"):
        if not raw.strip():
            if out and out[-1] != "":
                out.append("")
            continue
        match = _BULLET.match(raw)
        if match:
            depth = len(match.group(1).expandtabs(4)) // 2
            out.append("  " * depth + "• " + match.group(2).replace("**", ""))
        else:
            out.append(raw.strip().replace("**", ""))
    while out and out[-1] == "":
        out.pop()
    return out


def monograph_plain(mono: Monograph, classes: tuple[str, ...], chosen, origin: str) -> str:
    """The monograph as plain, unwrapped lines: for pipes, grep and files."""
    from .sections import is_faq

    lines = []
    banner = f"!!! {mono.name.upper()} IS BANNED / WITHDRAWN — do not prescribe or dispense !!!"
    if mono.is_banned:
        lines.append(banner)
    lines.append(mono.name + (f"  ({', '.join(mono.brand_names)})" if mono.brand_names else ""))
    if classes:
        lines.append("Class: " + ", ".join(classes))
    if mono.last_modified:
        lines.append("Last modified: " + mono.last_modified)
    lines.append(f"Source: {mono.file} ({origin})")
    if chosen is None and mono.sources:
        lines.append("Facts from: " + "; ".join(_source_line(s) for s in mono.sources))

    def section(sec) -> None:
        lines.append("")
        lines.append(sec.title)
        if sec.text.strip():
            lines.extend(_plain_bullets(sec.text))
        for child in sec.children:
            section(child)

    def faq_lines() -> None:
        lines.append("")
        lines.append("FAQs")
        for faq in mono.faqs:
            lines.append("Q: " + faq.q)
            lines.append("A: " + faq.a)

    for sec in (chosen if chosen is not None else [s for s in mono.sections if not is_faq(s)]):
        faq_lines() if is_faq(sec) else section(sec)
    if chosen is None and mono.faqs:
        faq_lines()
    if mono.is_banned:
        lines.append(banner)
    return "\n".join(clean_text(line) for line in lines) + "\n"


def _source_line(source) -> str:
    parts = [source.label]
    if source.sections:
        parts.append(", ".join(source.sections))
    if source.revised:
        parts.append(f"rev. {source.revised}")
    return " — ".join(parts)


def _section(page: _Page, section: Section) -> None:
    from rich.text import Text

    page.blank()
    page.add(Text(section.title, style=_HEADING_STYLE.get(section.level, "bold")))
    if section.text.strip():
        markdown_block(page, section.text)
    for child in section.children:
        _section(page, child)


def faqs(page: _Page, mono: Monograph) -> None:
    from rich.text import Text

    page.blank()
    page.add(Text("FAQs", style=_HEADING_STYLE[2]))
    for faq in mono.faqs:
        page.add(Text("Q: ", style="bold") + inline(faq.q, style="bold"))
        page.add(Text("A: ") + inline(faq.a))


def drug_list(console: Console, entries: list[Entry], classes_of) -> None:
    from rich.table import Table
    from rich.text import Text

    table = Table(show_lines=False, header_style="bold", expand=False)
    for column in ("Drug", "Brand names", "Classes", "Last modified", "Source"):
        table.add_column(column, overflow="fold")
    for entry in entries:
        source = entry.origin if entry.origin == "bundled" else f"user: {entry.file}"
        if entry.overrides:
            source += f" (overrides {entry.overrides})"
        name = Text(entry.name)
        if entry.is_banned:
            name.append(" BANNED", style="bold white on red")
        table.add_row(name, Text(", ".join(entry.brand_names)), Text(", ".join(classes_of(entry))),
                      Text((entry.last_modified or "")[:10]), Text(source))
    console.print(table)
    console.print(Text(f"{len(entries)} drugs", style="dim"))


def progress_callback(make_console):
    """A callback drawing a progress bar for long index builds, only when stderr is a terminal.
    `make_console` is called on the first update, so that a call with nothing to build never
    loads Rich for stderr."""
    if _surely_not_a_terminal(sys.stderr):
        return None
    state = {}

    def update(done: int, total: int) -> None:
        if "console" not in state:
            state["console"] = make_console()
        console = state["console"]
        if not console.is_terminal:
            return
        from rich.progress import Progress

        if "bar" not in state:
            state["bar"] = Progress(console=console, transient=True)
            state["bar"].start()
            state["task"] = state["bar"].add_task("indexing monographs", total=total)
        state["bar"].update(state["task"], completed=done)
        if done >= total:
            state.pop("bar").stop()

    return update


# ---------------------------------------------------------------------- dosing

def crcl_block(console: Console, result) -> None:
    """The Cockcroft-Gault working; a long line wraps under its own text, not to column 0."""
    from rich.text import Text

    from .titrate_report import crcl_lines

    lines = crcl_lines(result)
    console.print(Text(lines[0], style="bold"))
    for line in lines[1:-1]:
        label, _, rest = line.strip().partition(": ")
        console.print(_hanging(f"  {label}: ", Text(rest)) if rest else Text(line))
    console.print(Text(lines[-1], style="bold"))

# ---------------------------------------------------------------------- interactions

def _severity_text(severity: str | None) -> Text:
    from rich.text import Text

    if not severity:
        return Text("—")
    return Text(severity, style=SEVERITY_STYLE.get(severity, ""))


def _where(source) -> str:
    line = f":{source.line}" if getattr(source, "line", None) else ""
    import os

    return f"{os.path.basename(source.file)}{line} § {source.section}"


def _sentences(text: str) -> list[str]:
    return [c for c in re.split(r"(?<=[.;])\s+", text.strip()) if c]


def _sentence_key(sentence: str) -> str:
    return " ".join(sentence.casefold().rstrip(".;").split())


def pair_lines(pair) -> list[tuple[str, str, str]]:
    """A pair's findings as (prefix, text, style) lines: the most severe finding's own words first,
    then each other finding once, each followed by where it comes from; no sentence twice (findings
    with the same words, e.g. one washout stated in two labels, share one body and list each source)."""
    lines: list[tuple[str, str, str]] = []
    printed: set[str] = set()
    shown: dict[tuple[str, str], int] = {}  # (kind, words) -> index in `lines` after its last source
    for index, finding in enumerate(pair.findings):
        words = finding.effect if finding.kind in ("washout", "duplication") else finding.source.text
        same = shown.get((finding.kind, words))
        if same is not None:
            lines.insert(same, ("      ← ", _where(finding.source), "cyan"))
            shown = {k: v + 1 if v >= same else v for k, v in shown.items()}
            shown[(finding.kind, words)] = same + 1
            continue
        fresh = [c for c in _sentences(words) if _sentence_key(c) not in printed]
        printed.update(_sentence_key(c) for c in fresh)
        if index == 0:
            prefix = "    "
        elif finding.kind == "washout":
            prefix = "    washout: " if finding.amount else "    washout, as written (not computed): "
        else:
            prefix = f"    also, {finding.kind} ({finding.severity}): "
        if fresh or index == 0:
            lines.append((prefix, " ".join(fresh), ""))
        elif finding.kind == "washout" and not finding.amount:
            lines.append(("    washout: ", "not computed for this pair; see the label's words above", "dim"))
        else:
            lines.append((prefix, "(the words above)", "dim"))
        lines.append(("      ← ", _where(finding.source), "cyan"))
        shown[(finding.kind, words)] = len(lines)
    return lines


def _finding_head(severity: str | None, title: str, kind: str | None) -> Text:
    from rich.text import Text

    head = Text()
    head.append(f" {(severity or '').upper()} ", style=SEVERITY_STYLE.get(severity or "", "bold"))
    head.append(f" {title}", style="bold")
    if kind:
        head.append(f"  ({kind})", style="dim")
    return head


def _rule_lines(rule) -> list[tuple[str, str, str]]:
    lines = [("    ", rule.text, "")]
    if rule.washout:
        lines.append(("    washout: ", rule.washout, "bold"))
    lines.append(("      ← ", _where(rule), "cyan"))
    return lines


def drug_rules(console: Console, drug, rules, has_data: bool) -> None:
    """One drug's interaction and contraindication lines, most severe first."""
    from rich.text import Text

    from .interactions import RANK

    console.print(Text(drug.name, style="bold cyan") + Text(" — interactions and contraindications", style="bold"))
    if not has_data:
        console.print(Text(f"{drug.name}'s monograph has no interaction section, or one that lists nothing: "
                           "interactions cannot be assessed (this is not 'no interactions').", style="bold yellow"))
    for rule in sorted(rules, key=lambda r: (RANK[r.severity], r.line)):
        agents = ", ".join(a.word for a in rule.agents) or "(no drug or class named)"
        console.print(_finding_head(rule.severity, agents, rule.kind), soft_wrap=False)
        for prefix, body, style in _rule_lines(rule):
            console.print(_hanging(prefix, Text(clean_text(body), style=style)))


def _drug_label(drug) -> str:
    label = drug.name + ("" if drug.status == "monograph" else " (vocabulary only, no monograph)")
    if drug.named_times > 1:
        label += f" (named {drug.named_times} times)"
    return label


def _coverage_lines(result) -> tuple[list[tuple[str, str, str, str]], list[tuple[str, str, str, str]]]:
    """The report's lines before and after the findings, as (prefix, body, prefix style, body style):
    one wording for the terminal and for pipes."""
    known = [d for d in result.drugs if d.status != "unknown"]
    unknown = [d for d in result.drugs if d.status == "unknown"]
    head = [("Checked: ", ", ".join(_drug_label(d) for d in known), "bold", "")]
    counts = count_words(result)
    if counts:
        head.append(("", counts, "", "bold"))
    if unknown:
        head.append(("No data (not assessable): ", ", ".join(
            repr(d.query) + (f" — did you mean {d.suggestion}?" if d.suggestion else "")
            + (f" (named {d.named_times} times)" if d.named_times > 1 else "") for d in unknown),
            "bold yellow", "bold yellow"))
    tail = [("? ", f"{p.a} + {p.b}: not assessable — {p.reason}", "yellow", "yellow")
            for p in result.pairs if p.status == "not-assessable"]
    quiet = [p for p in result.pairs if p.status == "none-listed"]
    if quiet:
        both = [p for p in quiet if not p.reason]
        one_sided = [p for p in quiet if p.reason]
        if both:
            tail.append((f"Not listed in these monographs ({len(both)} pairs, both checked; not proof of safety): ",
                         ", ".join(f"{p.a} + {p.b}" for p in both), "green", ""))
        if one_sided:
            tail.append((f"Not listed, one side only ({len(one_sided)} pairs): ",
                         "; ".join(f"{p.a} + {p.b} ({p.reason})" for p in one_sided), "yellow", ""))
    tail += [(f"Cumulative {b.group}: ", f"{len(b.drugs)} drugs ({', '.join(b.drugs)}) are {b.drug_class}"
              + (f"  ← {_where(b.source)}" if getattr(b, "source", None) else ""),
              "bold magenta", "bold magenta") for b in result.burden]
    return head, tail


_DISCLAIMER_CHECK = "Not medical advice: an empty result is not proof of safety."


def count_words(result) -> str:
    """`2 contraindicated · 6 major · 7 moderate · 3 not assessable`: what the report holds, most severe first."""
    from collections import Counter

    severities = Counter(p.severity for p in result.pairs if p.status == "interaction")
    parts = [f"{severities[s]} {s}" for s in ("contraindicated", "major", "unrated", "moderate", "minor") if severities[s]]
    unassessable = sum(1 for p in result.pairs if p.status == "not-assessable")
    unknown = sum(1 for d in result.drugs if d.status == "unknown")
    if unassessable or unknown:
        parts.append(f"{unassessable} not assessable" + (f" ({unknown} unknown name{'s' if unknown != 1 else ''})"
                                                          if unknown else ""))
    quiet = sum(1 for p in result.pairs if p.status == "none-listed")
    if quiet:
        parts.append(f"{quiet} not listed")
    return " · ".join(parts)


def interaction_report_plain(result) -> str:
    """The same report as plain lines, for pipes and files."""
    head, tail = _coverage_lines(result)
    lines = [prefix + body for prefix, body, _, _ in head]
    for pair in (p for p in result.pairs if p.status == "interaction"):
        lines.append(f"{(pair.severity or '').upper()}  {pair.a} + {pair.b}  ({pair.kind})")
        lines.extend(prefix + body for prefix, body, _ in pair_lines(pair))
    lines += [prefix + body for prefix, body, _, _ in tail]
    if result.highest_severity:
        lines.append("Highest severity: " + result.highest_severity)
    lines.append(_DISCLAIMER_CHECK)
    return "\n".join(clean_text(line) for line in lines) + "\n"


def interaction_report(console: Console, result, plain: bool | None = None) -> None:
    """Every pair, most severe first; coverage; cumulative burden. Plain lines when piped."""
    if plain if plain is not None else not console.is_terminal:
        console.file.write(interaction_report_plain(result))
        return
    from rich.text import Text

    head, tail = _coverage_lines(result)

    def show(lines) -> None:
        for prefix, body, prefix_style, body_style in lines:
            console.print(Text(prefix, style=prefix_style) + Text(clean_text(body), style=body_style))

    show(head)
    for pair in (p for p in result.pairs if p.status == "interaction"):
        console.print(_finding_head(pair.severity, f"{pair.a} + {pair.b}", pair.kind), soft_wrap=False)
        for prefix, body, style in pair_lines(pair):
            console.print(_hanging(prefix, Text(clean_text(body), style=style)))
    show(tail)
    if result.highest_severity:
        console.print(Text("Highest severity: ") + _severity_text(result.highest_severity))
    console.print(Text(_DISCLAIMER_CHECK, style="dim"))


def lint_report(console: Console, reports) -> None:
    """Problems grouped by file: line, level, message; a count at the end."""
    from rich.text import Text

    for report in reports:
        if not report.problems:
            continue
        console.print(Text(clean_text(report.file), style="bold"))
        for problem in report.problems:
            prefix = f"  {str(problem.line or '-'):>5}  {problem.level:<8} "
            line = Text(problem.message)
            row = _hanging(prefix, line)
            console.print(row)
    errors = sum(r.errors for r in reports)
    warnings = sum(len(r.problems) for r in reports) - errors
    console.print(Text(f"{len(reports)} files checked: {errors} errors, {warnings} warnings",
                       style="bold red" if errors else "bold green"))


def search_results(console: Console, query: str, hits) -> None:
    from rich.text import Text

    if not hits:
        console.print(Text(f"nothing found for {clean_text(query)!r}", style="yellow"))
        return
    for number, hit in enumerate(hits, 1):
        head = Text(f"{number:>2}. ", style="dim") + Text(hit.drug, style="bold cyan") + Text(f" § {hit.section}",
                                                                                             style="dim")
        console.print(head)
        snippet = Text()
        marked = False
        for part in re.split(r"([\x02\x03])", hit.snippet):
            if part == "\x02":
                marked = True
            elif part == "\x03":
                marked = False
            else:
                snippet.append(clean_text(re.sub(r"\s+", " ", part.replace("**", ""))), style="bold yellow" if marked else "")
        console.print(_hanging("    ", snippet))


def medication_lines(console: Console, medlist) -> None:
    """How each line of a medication list was read (only lines that needed reading)."""
    from .medlist import reading_lines

    rows = reading_lines(medlist)
    if not rows:
        return
    if not console.is_terminal:
        console.file.write("As read from the list:\n" + "".join(
            clean_text(f"  {where}{what}") + "\n" for where, what, _ in rows))
        return
    from rich.text import Text

    console.print(Text("As read from the list:", style="bold"))
    for where, what, problem in rows:
        console.print(_hanging("  " + clean_text(where), Text(clean_text(what), style="yellow" if problem else "")))
