"""Reporters: one per output format (`json`, `plain`, `rich`), chosen once by the CLI; each writes every result type.

Only `rich` imports Rich, so output to a pipe or a file never loads it. Every string a reporter writes
goes through `text.visible` (the one output sanitizer), a line at a time."""
from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Literal, TextIO

if TYPE_CHECKING:
    from ..errors import Candidate
    from ..index import Problem
    from .interface import Diagnostics, Reporter

Format = Literal["json", "plain", "rich"]
FORMATS: tuple[Format, ...] = ("json", "plain", "rich")


def is_terminal(stream: TextIO) -> bool:
    """Whether Rich would treat `stream` as a terminal: a TTY, or FORCE_COLOR / TTY_COMPATIBLE=1 saying so."""
    compatible = os.environ.get("TTY_COMPATIBLE", "")
    if compatible in ("0", "1"):
        return compatible == "1"
    if os.environ.get("FORCE_COLOR"):
        return True
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or odd stream
        return False


def choose(as_json: bool, stream: TextIO) -> Format:
    """JSON when asked; otherwise Rich at a terminal and plain lines anywhere else."""
    if as_json:
        return "json"
    return "rich" if is_terminal(stream) else "plain"


def reporter(fmt: Format, out: TextIO, no_pager: bool = False) -> Reporter:
    """The reporter for `fmt`, writing to `out` (imported on first use: plain output never loads Rich)."""
    if fmt == "json":
        from .json import JsonReporter

        return JsonReporter(out)
    if fmt == "plain":
        from .plain import PlainReporter

        return PlainReporter(out)
    from .rich import RichReporter

    return RichReporter(out, no_pager=no_pager)


def diagnostics(err: TextIO) -> Diagnostics:
    """Rich diagnostics when stderr is a terminal (made when first used), plain lines otherwise."""
    if is_terminal(err):
        return _DeferredRich(err)
    from .plain import PlainDiagnostics

    return PlainDiagnostics(err)


class _DeferredRich:
    """Rich diagnostics made on first use: a call that says nothing on stderr never loads Rich."""

    def __init__(self, err: TextIO) -> None:
        self.stream = err
        self._made: Diagnostics | None = None

    def _rich(self) -> Diagnostics:
        if self._made is None:
            from .rich import RichDiagnostics

            self._made = RichDiagnostics(self.stream)
        return self._made

    def notice(self, message: str) -> None:
        self._rich().notice(message)

    def error(self, message: str, details: Sequence[str] = ()) -> None:
        self._rich().error(message, details)

    def candidates(self, query: str, items: tuple[Candidate, ...], ambiguous: bool) -> None:
        self._rich().candidates(query, items, ambiguous)

    def problems(self, items: Sequence[Problem]) -> None:
        self._rich().problems(items)

    def progress(self) -> Callable[[int, int], None] | None:
        bar: list[Callable[[int, int], None] | None] = []

        def update(done: int, total: int) -> None:
            if not bar:
                bar.append(self._rich().progress())
            if bar[0] is not None:
                bar[0](done, total)

        return update
