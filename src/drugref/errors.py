"""Named errors of the drugref core; only the CLI turns them into exit codes."""
from __future__ import annotations

from dataclasses import dataclass, field


class DrugrefError(Exception):
    """Base of every error drugref raises on purpose."""


@dataclass(frozen=True)
class Candidate:
    """A drug offered in a 'did you mean' list."""

    name: str  # display name of the drug
    display: str  # the name with differing letters in capitals (Tall Man style)
    classes: tuple[str, ...]
    score: float  # fuzzy score 0-100 against the query


@dataclass
class NotFound(DrugrefError):
    """No drug matches the query; `candidates` are suggestions, possibly empty."""

    query: str
    candidates: tuple[Candidate, ...] = ()

    def __str__(self) -> str:
        return f"no drug named {self.query!r}"


@dataclass
class Ambiguous(DrugrefError):
    """Several drugs match the query about equally: nothing is shown."""

    query: str
    candidates: tuple[Candidate, ...] = field(default_factory=tuple)

    def __str__(self) -> str:
        return f"{self.query!r} is ambiguous"


@dataclass
class InvalidMonograph(DrugrefError):
    """A monograph file that cannot be read; `line` is 1-based or None."""

    path: str
    line: int | None
    problem: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.problem}"


@dataclass
class InvalidInput(DrugrefError):
    """A value given by the user (option, number, section) that cannot be used."""

    message: str
    option: str | None = None

    def __str__(self) -> str:
        return f"{self.option}: {self.message}" if self.option else self.message
