"""Choose monograph sections by loose names (`dosage`, `renal`, `side-effects`, `faq`)."""
from __future__ import annotations

import re
from collections.abc import Iterator

from .errors import InvalidInput
from .monograph import Bullet, Monograph, Section
from .text import strip_bold

SHORTHANDS = {
    "interactions": "drug interactions",
    "ddi": "drug interactions",
    "renal": "renal impairment",
    "kidney": "renal impairment",
    "hepatic": "hepatic",
    "liver": "hepatic",
    "faq": "faqs",
    "dose": "dosage",
    "dosing": "dosage",
    "ci": "contraindications",
    "adverse": "side effects",
    "ae": "side effects",
    "lactation": "breastfeeding",
    "brands": "alternate names",
}
_LABEL = re.compile(r"^\s*\*\*(.+?)\*\*\s*:?\s*(.*)$")


def _words(value: str) -> list[str]:
    return [w for w in re.split(r"[^a-z0-9]+", value.casefold()) if w]


def _matches(query_words: list[str], title: str) -> bool:
    title_words = _words(title)
    return all(any(t.startswith(q) for t in title_words) for q in query_words)


def bullet_text(bullet: Bullet, depth: int = 0) -> str:
    """A bullet and its children as Markdown list lines."""
    lines = ["    " * depth + "- " + bullet.text]
    for child in bullet.children:
        lines.append(bullet_text(child, depth + 1))
    return "\n".join(lines)


def _labelled_bullets(section: Section) -> Iterator[tuple[str, Bullet]]:
    """Bullets with a bold label, e.g. `**Patients with Renal Impairment**:` (with nested items, a table after
    it, or its words on the same line)."""
    for bullet in section.bullets:
        match = _LABEL.match(bullet.text)
        if match:
            yield strip_bold(match.group(1)).rstrip(":").strip(), bullet


def bullet_chunk(section: Section, bullet: Bullet) -> str:
    """The bullet as written, with whatever follows it up to the next bullet of the section (a table)."""
    text = section.text
    start = text.find(bullet.text)
    if start < 0:
        return bullet_text(bullet)
    later = [b.text for b in section.bullets if b.line > bullet.line]
    end = text.find(later[0], start + 1) if later else -1
    chunk = text[max(0, text.rfind("\n", 0, start) + 1):end if end > 0 else len(text)].rstrip()
    if end > 0:
        chunk = chunk[:chunk.rfind("\n")] if "\n" in chunk else chunk
    return chunk.rstrip() or bullet_text(bullet)


def choose(monograph: Monograph, name: str) -> Section:
    """The parts of the monograph a loose section name picks, or InvalidInput listing the choices."""
    query = " ".join(_words(name))
    if not query:
        raise InvalidInput("empty section name", option="--section")
    query = SHORTHANDS.get(query, SHORTHANDS.get(query.rstrip("s"), query))
    words = _words(query)
    hits = [s for s in monograph.walk() if _matches(words, s.title)]
    if hits:
        shallowest = min(s.level for s in hits)
        return next(s for s in hits if s.level == shallowest)
    for section in monograph.walk():
        found = [(label, bullet) for label, bullet in _labelled_bullets(section) if _matches(words, label)]
        if found:
            label = found[0][0] if len(found) == 1 else found[0][0].split("—")[0].strip()
            text = "\n".join(bullet_chunk(section, bullet) for _, bullet in found)
            return Section(label, section.level + 1, found[0][1].line, section.path + (label,), text,
                           tuple(bullet for _, bullet in found))
    available = ", ".join(s.title for s in monograph.sections)
    raise InvalidInput(f"no section {name!r} in {monograph.name}; sections are: {available}", option="--section")


def is_faq(section: Section) -> bool:
    return "faq" in section.title.casefold()
