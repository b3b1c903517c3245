"""What the plain and the Rich reporter both say, as (text, style) lines: one wording for the terminal and for pipes.

Styles are Rich style names; the plain reporter ignores them. Nothing here imports Rich."""
from __future__ import annotations

import os
import re
from collections import Counter
from typing import TYPE_CHECKING

from ..errors import known_without_monograph

if TYPE_CHECKING:
    from typing import Protocol

    from ..errors import Candidate
    from ..index import Entry, Problem
    from ..interactions import CheckResult, DrugInfo, PairResult, Rule
    from ..lint import FileReport
    from ..monograph import Citation

    class _Located(Protocol):
        @property
        def file(self) -> str: ...
        @property
        def line(self) -> int | None: ...
        @property
        def section(self) -> str: ...


DISCLAIMER_CHECK = "Not medical advice: an empty result is not proof of safety."
_BULLET = re.compile(r"^(\s*)[-*+]\s+(.*)$")

# (prefix, body, prefix style, body style)
Line = tuple[str, str, str, str]


def bullet(raw: str) -> tuple[int, str] | None:
    """(depth, text) of a Markdown bullet line, or None."""
    match = _BULLET.match(raw)
    if not match:
        return None
    return len(match.group(1).expandtabs(4)) // 2, match.group(2)


def source_line(source: Citation) -> str:
    parts = [source.label]
    if source.sections:
        parts.append(", ".join(source.sections))
    if source.revised:
        parts.append(f"rev. {source.revised}")
    return " — ".join(parts)


def where(source: _Located) -> str:
    """`milnacipran.md:57 § Drug Interactions`."""
    line = f":{source.line}" if source.line else ""
    return f"{os.path.basename(source.file)}{line} § {source.section}"


def list_source(entry: Entry) -> str:
    source = entry.origin if entry.origin == "bundled" else f"user: {entry.file}"
    if entry.overrides:
        source += f" (overrides {entry.overrides})"
    return source


def problem_line(problem: Problem) -> tuple[str, str]:
    """(label, text) of a file the index skipped or a name clash."""
    return ("skipped " if problem.kind == "skipped" else "name clash: "), str(problem)


def candidate_lines(query: str, items: tuple[Candidate, ...], ambiguous: bool) -> list[tuple[str, str, str, str]]:
    """'did you mean': (indent, text, its style, a dim note after it). A drug the class vocabulary knows
    without a monograph is said to be so (never offered as itself); with nothing near enough, 'not in
    this library' and nothing else."""
    typed = next((item for item in items if item.typed), None)
    offered = [item for item in items if not item.typed]
    lines: list[tuple[str, str, str, str]] = []
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
    return lines


# ---------------------------------------------------------------------- interactions

def _sentences(text: str) -> list[str]:
    return [c for c in re.split(r"(?<=[.;])\s+", text.strip()) if c]


def _sentence_key(sentence: str) -> str:
    return " ".join(sentence.casefold().rstrip(".;").split())


def pair_lines(pair: PairResult) -> list[tuple[str, str, str]]:
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
            lines.insert(same, ("      ← ", where(finding.source), "cyan"))
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
        lines.append(("      ← ", where(finding.source), "cyan"))
        shown[(finding.kind, words)] = len(lines)
    return lines


def rule_lines(rule: Rule) -> list[tuple[str, str, str]]:
    lines = [("    ", rule.text, "")]
    if rule.washout:
        lines.append(("    washout: ", rule.washout, "bold"))
    lines.append(("      ← ", where(rule), "cyan"))
    return lines


def rule_title(rule: Rule) -> str:
    return ", ".join(a.word for a in rule.agents) or "(no drug or class named)"


def no_data_line(drug: DrugInfo) -> str:
    return (f"{drug.name}'s monograph has no interaction section, or one that lists nothing: "
            "interactions cannot be assessed (this is not 'no interactions').")


def _drug_label(drug: DrugInfo) -> str:
    label = drug.name + ("" if drug.status == "monograph" else " (vocabulary only, no monograph)")
    if drug.named_times > 1:
        label += f" (named {drug.named_times} times)"
    return label


def coverage_lines(result: CheckResult) -> tuple[list[Line], list[Line]]:
    """The report's lines before and after the findings."""
    known = [d for d in result.drugs if d.status != "unknown"]
    unknown = [d for d in result.drugs if d.status == "unknown"]
    head: list[Line] = [("Checked: ", ", ".join(_drug_label(d) for d in known), "bold", "")]
    counts = count_words(result)
    if counts:
        head.append(("", counts, "", "bold"))
    if unknown:
        head.append(("No data (not assessable): ", ", ".join(
            repr(d.query) + (f" — did you mean {d.suggestion}?" if d.suggestion else "")
            + (f" (named {d.named_times} times)" if d.named_times > 1 else "") for d in unknown),
            "bold yellow", "bold yellow"))
    tail: list[Line] = [("? ", f"{p.a} + {p.b}: not assessable — {p.reason}", "yellow", "yellow")
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
              + (f"  ← {where(b.source)}" if b.source else ""),
              "bold magenta", "bold magenta") for b in result.burden]
    return head, tail


def count_words(result: CheckResult) -> str:
    """`2 contraindicated · 6 major · 7 moderate · 3 not assessable`: what the report holds, most severe first."""
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


def pair_title(pair: PairResult) -> str:
    return f"{pair.a} + {pair.b}"


# ---------------------------------------------------------------------- lint

def lint_prefix(line: int | None, level: str) -> str:
    return f"  {str(line or '-'):>5}  {level:<8} "


def lint_summary(reports: tuple[FileReport, ...]) -> tuple[str, int]:
    """`12 files checked: 1 errors, 3 warnings`, and the number of errors."""
    errors = sum(r.errors for r in reports)
    warnings = sum(len(r.problems) for r in reports) - errors
    return f"{len(reports)} files checked: {errors} errors, {warnings} warnings", errors
