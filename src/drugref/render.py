"""All terminal rendering (Rich). Monograph text is always passed as Text, never as markup."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterable

from rich.console import Console
from rich.text import Text

from .text import clean_text

if TYPE_CHECKING:
    from .errors import Candidate
    from .library import Entry, Problem
    from .lookup import Match
    from .monograph import Monograph, Section

SEVERITY_STYLE = {"contraindicated": "bold white on red", "major": "bold red", "moderate": "yellow", "minor": "cyan"}
_HEADING_STYLE = {2: "bold underline", 3: "bold", 4: "bold italic"}
_BULLET = re.compile(r"^(\s*)[-*+]\s+(.*)$")


def make_console(stderr: bool = False, file=None, width: int | None = None, color: bool | None = None) -> Console:
    """A console for stdout or stderr; colour follows the terminal unless `color` says otherwise."""
    kwargs = {"stderr": stderr, "file": file, "width": width, "highlight": False, "emoji": False,
              "soft_wrap": False}
    if color is False:
        kwargs["color_system"] = None
    elif color is True:
        kwargs["force_terminal"] = True
    return Console(**kwargs)


def inline(text: str, style: str = "") -> Text:
    """Literal text with `**bold**` spans shown bold and their markers dropped; nothing else interpreted."""
    out = Text(style=style)
    parts = clean_text(text).split("**")
    if len(parts) % 2 == 0:  # unbalanced markers: show the text as it is
        out.append(clean_text(text))
        return out
    for i, part in enumerate(parts):
        out.append(part, style="bold" if i % 2 else "")
    return out


def _hanging(prefix: str, body: Text):
    """`prefix` then `body`, wrapped lines aligned under the body (a hanging indent)."""
    from rich.table import Table

    row = Table.grid(padding=0)
    row.add_column(width=len(prefix), no_wrap=True)
    row.add_column(overflow="fold")
    row.add_row(prefix, body)
    return row


def markdown_block(text: str, indent: int = 0):
    """Section text as the terminal shows it: bullets as • with a hanging indent, bold kept,
    everything else literal."""
    from rich.console import Group

    rows = []
    blank = False
    for raw in clean_text(text).split("\n"):
        if not raw.strip():
            if not blank and rows:
                rows.append(Text(""))
            blank = True
            continue
        blank = False
        match = _BULLET.match(raw)
        if match:
            depth = len(match.group(1).expandtabs(4)) // 2
            rows.append(_hanging(" " * (indent + depth) + "• ", inline(match.group(2))))
        else:
            rows.append(_hanging(" " * indent, inline(raw.strip())) if indent else inline(raw.strip()))
    return Group(*rows)


def notice(console: Console, message: str) -> None:
    console.print(Text(clean_text(message), style="yellow"), soft_wrap=True)


def error(console: Console, message: str) -> None:
    console.print(Text("drugref: ", style="bold red") + Text(clean_text(message)), soft_wrap=True)


def problems(console: Console, items: Iterable["Problem"]) -> None:
    for problem in items:
        console.print(Text("skipped ", style="yellow") + Text(clean_text(str(problem))), soft_wrap=True)


def candidates(console: Console, query: str, items: tuple["Candidate", ...], ambiguous: bool) -> None:
    """'did you mean' on stderr: differing letters in capitals, each candidate's class."""
    head = (f"{query!r} matches more than one drug; nothing shown. Did you mean:" if ambiguous
            else f"no drug named {query!r}." + (" Did you mean:" if items else ""))
    console.print(Text(clean_text(head), style="bold red" if ambiguous else "red"), soft_wrap=True)
    for item in items:
        line = Text("  ")
        line.append(item.display, style="bold")
        if item.classes:
            line.append(f"  ({', '.join(item.classes)})", style="dim")
        console.print(line, soft_wrap=True)
    if not items:
        console.print(Text("  try `drugref list` or `drugref search TEXT`"), soft_wrap=True)


def banned_banner(console: Console, name: str) -> None:
    from rich.panel import Panel

    console.print(Panel(Text(f"{name} IS BANNED / WITHDRAWN — do not prescribe or dispense", style="bold white"),
                        style="bold white on red", expand=True))


def monograph(console: Console, mono: "Monograph", classes: tuple[str, ...], match: "Match | None",
              chosen: list["Section"] | None, origin: str) -> None:
    """A whole monograph, or only the chosen sections, for a terminal."""
    if mono.is_banned:
        banned_banner(console, mono.name)
    title = Text(mono.name, style="bold cyan")
    if mono.brand_names:
        title.append("  (" + ", ".join(mono.brand_names) + ")", style="cyan")
    console.print(title)
    facts = Text(style="dim")
    if classes:
        facts.append("Class: " + ", ".join(classes) + "\n")
    if mono.last_modified:
        facts.append("Last modified: " + mono.last_modified + "\n")
    facts.append(f"Source: {mono.file} ({origin})")
    console.print(facts)
    if chosen is None and mono.sources:
        console.print(Text("Facts from: " + "; ".join(_source_line(s) for s in mono.sources), style="dim"))
    from .sections import is_faq

    for section in (chosen if chosen is not None else [s for s in mono.sections if not is_faq(s)]):
        if is_faq(section):
            faqs(console, mono)
        else:
            _section(console, section)
    if chosen is None and mono.faqs:
        faqs(console, mono)
    if mono.is_banned:
        banned_banner(console, mono.name)


def _source_line(source) -> str:
    parts = [source.label]
    if source.sections:
        parts.append(", ".join(source.sections))
    if source.revised:
        parts.append(f"rev. {source.revised}")
    return " — ".join(parts)


def _section(console: Console, section: "Section") -> None:
    console.print()
    console.print(Text(section.title, style=_HEADING_STYLE.get(section.level, "bold")))
    if section.text.strip():
        console.print(markdown_block(section.text, indent=0))
    for child in section.children:
        _section(console, child)


def faqs(console: Console, mono: "Monograph") -> None:
    console.print()
    console.print(Text("FAQs", style=_HEADING_STYLE[2]))
    for faq in mono.faqs:
        console.print(Text("Q: ", style="bold") + inline(faq.q, style="bold"))
        console.print(Text("A: ") + inline(faq.a))


def drug_list(console: Console, entries: list["Entry"], classes_of) -> None:
    from rich.table import Table

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


def progress_callback(console: Console):
    """A callback drawing a progress bar for long index builds, only when stderr is a terminal."""
    if not console.is_terminal:
        return None
    state = {}

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
