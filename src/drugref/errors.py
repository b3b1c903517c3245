"""Named errors of the drugref core; only the CLI turns them into exit codes."""
from __future__ import annotations

from typing import NamedTuple


class DrugrefError(Exception):
    """Base of every error drugref raises on purpose."""


class Candidate(NamedTuple):
    """A drug offered in a 'did you mean' list."""

    name: str  # display name of the drug
    display: str  # the name with differing letters in capitals (Tall Man style)
    classes: tuple[str, ...]
    score: float  # fuzzy score 0-100 against the query
    monograph: bool = True  # False: a drug only the class vocabulary names (it has no monograph)
    typed: bool = False  # True: the drug the query names itself, known without a monograph (not a suggestion)


class NameLookupError(DrugrefError):
    """A query that does not resolve to one drug; `candidates` are offered instead."""

    def __init__(self, query: str, candidates: tuple[Candidate, ...] = ()) -> None:
        super().__init__(query)
        self.query, self.candidates = query, tuple(candidates)


class NotFound(NameLookupError):
    """No drug matches the query; `candidates` are suggestions, possibly empty."""

    def __str__(self) -> str:
        return f"no drug named {self.query!r}"


class KnownWithoutMonograph(NotFound):
    """The query names a drug the class vocabulary knows (a class member or substance) that has no
    monograph: nothing to show, and nothing to suggest in its place. `candidates` holds that drug
    once, marked `typed`, so that whoever prints them can say so instead of 'did you mean'."""

    def __init__(self, query: str, name: str, classes: tuple[str, ...]) -> None:
        super().__init__(query, (Candidate(name, name, tuple(classes), 100.0, monograph=False, typed=True),))
        self.name, self.classes = name, tuple(classes)

    def __str__(self) -> str:
        return known_without_monograph(self.name, self.classes)


def known_without_monograph(name: str, classes: tuple[str, ...]) -> str:
    """'levofloxacin: known to the class vocabulary (fluoroquinolones), no monograph'."""
    where = f" ({', '.join(classes)})" if classes else ""
    return f"{name}: known to the class vocabulary{where}, no monograph"


class Ambiguous(NameLookupError):
    """Several drugs match the query about equally: nothing is shown."""

    def __str__(self) -> str:
        return f"{self.query!r} is ambiguous"


class InvalidMonograph(DrugrefError):
    """A monograph file that cannot be read; `line` is 1-based or None."""

    def __init__(self, path: str, line: int | None, problem: str) -> None:
        super().__init__(path, line, problem)
        self.path, self.line, self.problem = path, line, problem

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.problem}"


class InvalidInput(DrugrefError):
    """A value given by the user (option, number, section) that cannot be used."""

    def __init__(self, message: str, option: str | None = None) -> None:
        super().__init__(message)
        self.message, self.option = message, option

    def __str__(self) -> str:
        return f"{self.option}: {self.message}" if self.option else self.message


class CannotWrite(InvalidInput):
    """An output file the user asked for could not be written (a full disk, no permission): the input was
    fine, the output was lost, so the exit status is 1, not 2."""
