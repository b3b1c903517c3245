"""Read one monograph file (YAML frontmatter + Markdown body) into a `Monograph`."""
from __future__ import annotations

import marshal
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Literal, NamedTuple

from .errors import InvalidMonograph
from .text import clean_text, squash_spaces, strip_bold

MAX_FILE_BYTES = 2_000_000  # a monograph is a few kB; anything this large is not one


class Bullet(NamedTuple):
    """One list item: its own text (inline Markdown, literal) and its nested items."""

    text: str
    line: int  # 1-based line in the file
    children: tuple[Bullet, ...] = ()


class Section(NamedTuple):
    """A heading and what stands under it up to the next heading."""

    title: str  # heading text, bold markers and trailing colon removed
    level: int  # 2 for `##`, 3 for `###`, ...
    line: int  # 1-based line of the heading
    path: tuple[str, ...]  # titles from the top-level section down to this one
    text: str  # the section's own body, Markdown source as written (subsections excluded)
    bullets: tuple[Bullet, ...] = ()
    children: tuple[Section, ...] = ()

    def walk(self) -> Iterator[Section]:
        """This section and every section below it, depth first."""
        yield self
        for child in self.children:
            yield from child.walk()


class Faq(NamedTuple):
    """A frequently asked question, cleaned of the export's `?**` / `A:**` debris."""

    q: str
    a: str


class Citation(NamedTuple):
    """Where a monograph's facts come from (frontmatter `sources`)."""

    label: str
    sections: tuple[str, ...] = ()
    revised: str | None = None
    url: str | None = None


NoteCode = Literal["", "unknown-agent", "no-severity", "nothing-listed"]


class Note(NamedTuple):
    """A problem at a line: something a reader noticed and cleaned or could not use; `lint` reports these."""

    line: int | None
    level: str  # "error" or "warning"
    message: str
    code: NoteCode = ""  # the kinds `lint` treats specially (an unknown agent, no severity, nothing listed)
    subject: str = ""  # what the problem is about, as written (the unknown agent's word)


class Monograph(NamedTuple):
    """A parsed drug monograph."""

    name: str  # display name, from `title` (or the file stem)
    file: str  # path of the file it was read from
    description: str | None = None
    brand_names: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    classes: tuple[str, ...] = ()
    inn: str | None = None
    is_banned: bool = False
    last_modified: str | None = None
    sources: tuple[Citation, ...] = ()
    sections: tuple[Section, ...] = ()
    faqs: tuple[Faq, ...] = ()
    notes: tuple[Note, ...] = ()

    def walk(self) -> Iterator[Section]:
        """Every section, depth first."""
        for section in self.sections:
            yield from section.walk()


# ---------------------------------------------------------------- frontmatter

_BOUNDARY = re.compile(r"^-{3,}[ \t]*$", re.MULTILINE)


_LOADER: list[tuple[Any, Any]] = []


def _yaml_loader() -> tuple[Any, Any]:
    """(yaml module, a loader class that records duplicate keys), made once per process."""
    if _LOADER:
        return _LOADER[0]
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser when present: 10x faster

    class DuplicateKeyLoader(base):  # type: ignore[valid-type,misc]  # libyaml or pure-Python loader, chosen at run time
        """SafeLoader that records duplicate mapping keys instead of silently keeping the last."""

        duplicates: list[tuple[int, str]]

        def construct_mapping(self, node: Any, deep: bool = False) -> Any:
            seen: set[Any] = set()
            for key_node, _ in node.value:
                try:
                    key = self.construct_object(key_node, deep=True)
                    hash(key)
                except Exception:  # unhashable key: let SafeLoader raise its own error
                    continue
                if key in seen:
                    self.duplicates.append((key_node.start_mark.line, str(key)))
                seen.add(key)
            return super().construct_mapping(node, deep=deep)

    _LOADER.append((yaml, DuplicateKeyLoader))
    return _LOADER[0]


def _split_frontmatter(text: str) -> tuple[str | None, str, int]:
    """Return (frontmatter text or None, body, 1-based file line where the body starts)."""
    if not _BOUNDARY.match(text):
        return None, text, 1
    matches = list(_BOUNDARY.finditer(text, 0))
    if len(matches) < 2:
        return None, text, 1
    first, second = matches[0], matches[1]
    fm = text[first.end() : second.start()]
    body = text[second.end() :]
    body_line = text.count("\n", 0, second.end()) + 1
    if body.startswith("\n"):
        body = body[1:]
        body_line += 1
    return fm, body, body_line


class FrontmatterMemo:
    """The front matter block as parsed at a file's last indexing (`known`, as `stored` made it):
    when the block is unchanged, its parse is reused and no YAML parser is loaded (an edit to the
    text below it re-indexes without the 15 ms of loading PyYAML). `stored` is set to what to keep
    for next time, or None when the parse can't be kept (e.g. YAML dates)."""

    def __init__(self, known: bytes | None = None) -> None:
        self.known: bytes | None = known
        self.stored: bytes | None = None

    def recall(self, fm: str) -> tuple[dict[str, Any], list[Note]] | None:
        if self.known is None:
            return None
        try:
            known_fm, data, notes = marshal.loads(self.known)
            if known_fm != fm or not isinstance(data, dict):
                return None
            recalled = data, [Note(*note) for note in notes]
        except (ValueError, EOFError, TypeError):  # not what `keep` wrote: parse afresh
            return None
        self.stored = self.known
        return recalled

    def keep(self, fm: str, data: dict[str, Any], notes: list[Note]) -> None:
        try:
            self.stored = marshal.dumps((fm, data, [tuple(note) for note in notes]))
        except ValueError:  # a value marshal cannot hold (a YAML date): parsed again next time
            self.stored = None


def _load_frontmatter(path: str, fm: str, memo: FrontmatterMemo | None = None) -> tuple[dict[str, Any], list[Note]]:
    recalled = memo.recall(fm) if memo is not None else None
    if recalled is not None:
        return recalled
    import frontmatter  # python-frontmatter: its YAML handler reads the block

    yaml, Loader = _yaml_loader()
    Loader.duplicates = []  # one load at a time in a process: a fresh list for this file
    try:
        data = frontmatter.YAMLHandler().load(fm, Loader=Loader)  # type: ignore[attr-defined]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1  # fm starts right after `---`: line 0 is its rest
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise InvalidMonograph(path, line, f"frontmatter YAML does not parse: {problem}") from None
    except RecursionError:
        raise InvalidMonograph(path, 2, "frontmatter YAML is nested too deeply") from None
    notes = [Note(line + 1, "warning", f"duplicate frontmatter key {key!r}: the last one is used")
             for line, key in Loader.duplicates]
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise InvalidMonograph(path, 2, f"frontmatter must be a mapping of fields, not a {type(data).__name__}")
    if memo is not None:
        memo.keep(fm, data, notes)
    return data, notes


def _as_text(value: Any, field_name: str, notes: list[Note]) -> str | None:
    if value is None:
        return None
    import datetime  # YAML dates come as these; imported here, where only parsing needs it

    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return clean_text(str(value)).strip() or None
    notes.append(Note(None, "warning", f"frontmatter `{field_name}` should be text; ignored"))
    return None


def _as_list(value: Any, field_name: str, notes: list[Note]) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = [part for part in value.split(",")]
    if not isinstance(value, list):
        notes.append(Note(None, "warning", f"frontmatter `{field_name}` should be a list; ignored"))
        return []
    out = []
    for item in value:
        if isinstance(item, (str, int, float)) and not isinstance(item, bool):
            text = squash_spaces(clean_text(str(item)))
            if text:
                out.append(text)
        else:
            notes.append(Note(None, "warning", f"frontmatter `{field_name}` has an entry that is not text; ignored"))
    return out


def _sources(value: Any, notes: list[Note]) -> tuple[Citation, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        value = [value]
    out = []
    for item in value:
        if isinstance(item, str):
            out.append(Citation(label=squash_spaces(clean_text(item))))
        elif isinstance(item, dict):
            label = _as_text(item.get("label") or item.get("title") or item.get("name"), "sources.label", notes)
            if not label:
                notes.append(Note(None, "warning", "a `sources` entry has no `label`; ignored"))
                continue
            sections = _as_list(item.get("sections", item.get("section")), "sources.sections", notes)
            revised = _as_text(item.get("revised", item.get("date")), "sources.revised", notes)
            url = _as_text(item.get("url"), "sources.url", notes)
            out.append(Citation(label, tuple(sections), revised, url))
        else:
            notes.append(Note(None, "warning", "a `sources` entry is neither text nor a mapping; ignored"))
    return tuple(out)


# ---------------------------------------------------------------- FAQs

_Q_NUMBER = re.compile(r"^\s*Q\s*\d+\s*[:.)]\s*", re.IGNORECASE)
_A_PREFIX = re.compile(r"^\s*(?:\*\*)?\s*A\s*:\s*(?:\*\*)?\s*", re.IGNORECASE)


def clean_question(raw: str) -> str:
    """`What is X?**\\n\\n**A:** answer` -> `What is X?`; `Q1: ...` numbering removed."""
    question = re.split(r"\*\*\s*A\s*:", raw, maxsplit=1)[0]
    question = _Q_NUMBER.sub("", strip_bold(question))
    return squash_spaces(question)


def clean_answer(raw: str) -> str:
    """`A:** answer` -> `answer`."""
    return squash_spaces(strip_bold(_A_PREFIX.sub("", raw, count=1)))


def _faq_key(question: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", question.casefold())


def _frontmatter_faqs(value: Any, notes: list[Note]) -> list[Faq]:
    if value is None:
        return []
    if not isinstance(value, list):
        notes.append(Note(None, "warning", "frontmatter `faqs` should be a list of q/a entries; ignored"))
        return []
    out = []
    quirks = 0
    for item in value:
        if not isinstance(item, dict) or not isinstance(item.get("q"), str) or not isinstance(item.get("a", ""), str):
            notes.append(Note(None, "warning", "a `faqs` entry is not a mapping with text `q` and `a`; ignored"))
            continue
        raw_q, raw_a = clean_text(item["q"]), clean_text(item.get("a") or "")
        if "**" in raw_q or raw_a.lstrip().startswith("A:"):
            quirks += 1
        question = clean_question(raw_q)
        answer = clean_answer(raw_a)
        if not answer:  # the export pastes the answer into q; use it when `a` is missing
            parts = re.split(r"\*\*\s*A\s*:", raw_q, maxsplit=1)
            answer = clean_answer(parts[1]) if len(parts) == 2 else ""
        if question:
            out.append(Faq(question, answer))
    if quirks:
        notes.append(Note(None, "warning", f"{quirks} frontmatter FAQ entries in the broken export shape "
                                           "(`?**` / `A:**`); cleaned automatically"))
    return out


def _body_faqs(section: Section) -> list[Faq]:
    out = []
    for child in section.children:
        question = clean_question(child.title)
        answer = clean_answer(child.text)
        if question:
            out.append(Faq(question, answer))
    return out


# ---------------------------------------------------------------- body

def _clean_heading(raw: str) -> str:
    title = squash_spaces(strip_bold(raw)).strip()
    return title.rstrip(":").strip()


Heading = tuple[int, str, int, int]  # (level, title, first line, line after the heading)
Node = dict[str, Any]  # a list item while the structure is read: text, line, children
Root = tuple[int, Node]  # (body line, top-level list item)

_MARKDOWN: list[Any] = []  # the MarkdownIt parser, made on first use


def _markdown() -> Any:
    """A CommonMark block parser; inline parsing is off: the inline text is kept as written."""
    if not _MARKDOWN:
        from markdown_it import MarkdownIt

        # block structure only: headings, lists, paragraphs, code; rules a monograph does not use are off
        _MARKDOWN.append(MarkdownIt("commonmark").disable(
            ["inline", "text_join", "hr", "blockquote", "html_block", "reference", "lheading", "code"]))
    return _MARKDOWN[0]


def _structure_markdown_it(body: str) -> tuple[list[Heading], list[Root]]:
    """(headings as (level, title, start, end), bullet roots as (line, node)) from markdown-it tokens."""
    tokens = _markdown().parse(body)
    headings: list[Heading] = []
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.map and token.level == 0:
            inline = tokens[index + 1]
            headings.append((int(token.tag[1:]), _clean_heading(inline.content), token.map[0], token.map[1]))
    roots: list[Root] = []  # (body line, node)
    stack: list[Node] = []
    for index, token in enumerate(tokens):
        if token.type == "list_item_open":
            line = token.map[0] if token.map else 0
            node: Node = {"text": "", "line": line, "children": []}
            if stack:
                stack[-1]["children"].append(node)
            else:
                roots.append((line, node))
            stack.append(node)
        elif token.type == "list_item_close" and stack:
            stack.pop()
        elif token.type == "inline" and stack and not stack[-1]["text"] and tokens[index - 1].type == "paragraph_open":
            stack[-1]["text"] = squash_spaces(token.content)
    return headings, roots


# Lines a simple monograph never has (and tabs anywhere); any of them sends the file to markdown-it.
_NOT_SIMPLE_LINE = re.compile(r"\s*(?:```|~~~|<|>|\d+[.)](?:\s|$)|[-*_=]{3,}\s*$|[-*+] *$)")


def _not_simple(body: str) -> bool:
    """Whether the body has a line (or a tab) the line reader leaves to markdown-it. Matched a line at
    a time: one MULTILINE pattern over the whole text took 3 ms of a 4 ms parse."""
    if "\t" in body:
        return True
    match = _NOT_SIMPLE_LINE.match
    return any(match(line) for line in body.split("\n"))
_ATX = re.compile(r"^(#{1,6})(?:[ ]+(.*?))?(?:[ ]+#+)?[ ]*$")
_ITEM = re.compile(r"^( *)([-*+])( +)([^ ].*)$")
_BLOCK_START = re.compile(r"^(?:[-*+](?:\s|$)|#|>|<|\d+[.)](?:\s|$)|```|~~~)")


def _structure_simple(body: str) -> tuple[list[Heading], list[Root]] | None:
    """The same structure as `_structure_markdown_it` for the plain shape monographs have (ATX
    headings, bullet lists, paragraphs), read line by line; None for anything else, which then goes
    to markdown-it. A test checks both agree on every bundled monograph and on generated text."""
    if _not_simple(body):
        return None
    headings: list[Heading] = []
    roots: list[Root] = []
    stack: list[tuple[int, Node]] = []  # (content column, node) of the open list items
    previous = "blank"
    for number, line in enumerate(body.split("\n")):
        if not line.strip(" "):  # CommonMark's blank line: spaces only (tabs never get here)
            previous = "blank"
            continue
        if line.startswith("#"):
            match = _ATX.match(line)
            if not match or line.rstrip(" ").endswith("#"):
                return None  # not a heading, or a closing sequence: leave the fine print to markdown-it
            headings.append((len(match.group(1)), _clean_heading(match.group(2) or ""), number, number + 1))
            stack.clear()
            previous = "heading"
            continue
        match = _ITEM.match(line)
        if match:
            indent, spaces, text = len(match.group(1)), len(match.group(3)), match.group(4)
            if spaces > 4 or _BLOCK_START.match(text):
                return None
            while stack and indent < stack[-1][0]:
                stack.pop()
            if indent - (stack[-1][0] if stack else 0) > 3:
                return None  # indented code in CommonMark
            node = {"text": squash_spaces(text), "line": number, "children": []}
            if stack:
                stack[-1][1]["children"].append(node)
            else:
                roots.append((number, node))
            stack.append((indent + 1 + spaces, node))
            previous = "item"
            continue
        # a text line: only plain paragraphs at column 0 that do not continue a list item
        if line[0] == " " or previous == "item" or (stack and previous != "blank"):
            return None
        stack.clear()
        previous = "text"
    return headings, roots


def _parse_body(body: str, body_line: int) -> tuple[Section, ...]:
    structure = _structure_simple(body)
    headings, roots = structure if structure is not None else _structure_markdown_it(body)
    lines = body.split("\n")

    def freeze(node: Node) -> Bullet:
        return Bullet(node["text"], node["line"] + body_line, tuple(freeze(c) for c in node["children"]))

    # section ranges: own text runs from the heading to the next heading of any level
    own_ranges = []
    for i, (_level, _title, _start, end) in enumerate(headings):
        stop = headings[i + 1][2] if i + 1 < len(headings) else len(lines)
        own_ranges.append((end, stop))

    def build(i: int, parent_path: tuple[str, ...]) -> tuple[Section, int]:
        level, title, start, _ = headings[i]
        path = parent_path + (title,)
        own_start, own_stop = own_ranges[i]
        text = "\n".join(lines[own_start:own_stop]).strip("\n")
        bullets = tuple(freeze(node) for line, node in roots if own_start <= line < own_stop)
        children = []
        j = i + 1
        while j < len(headings) and headings[j][0] > level:
            child, j = build(j, path)
            children.append(child)
        return Section(title, level, start + body_line, path, text, bullets, tuple(children)), j

    sections = []
    preamble_stop = headings[0][2] if headings else len(lines)
    preamble = "\n".join(lines[:preamble_stop]).strip("\n")
    if preamble.strip():
        bullets = tuple(freeze(node) for line, node in roots if line < preamble_stop)
        sections.append(Section("Overview", 2, body_line, ("Overview",), preamble, bullets))
    i = 0
    while i < len(headings):
        section, i = build(i, ())
        sections.append(section)
    return tuple(sections)


def find_section(sections: Iterable[Section], *words: str) -> Section | None:
    """The first section (depth first) whose title contains every word, case-insensitively."""
    for top in sections:
        for section in top.walk():
            title = section.title.casefold()
            if all(w in title for w in words):
                return section
    return None


_PROSE_WORDS = frozenset({"the", "is", "are", "was", "were", "be", "been", "only", "below", "above", "dosed",
                          "differently", "discontinued", "formerly", "see", "not", "available", "no", "longer",
                          "this", "these", "which", "that", "used", "than", "when", "if", "should", "may", "brand",
                          "generic", "marketed", "withdrawn", "regimen", "dosing", "dose", "tablets", "capsules",
                          "e.g", "eg", "i.e", "ie", "etc", "also"})


def brand_names_in(listed: str) -> list[str]:
    """The names of a `Brand names:` line: parenthetical notes left out (`Lithobid (extended-release;
    dosed differently …)` is Lithobid), then split at commas and semicolons."""
    text = listed.strip().rstrip(".")
    for _ in range(5):  # innermost parentheses first
        stripped = re.sub(r"\([^()]*\)", " ", text)
        if stripped == text:
            break
        text = stripped
    text = re.sub(r"\(.*$", " ", text)  # an unclosed note runs to the end
    text = text.replace(")", " ")
    return [squash_spaces(part) for part in re.split(r"[,;]", text) if squash_spaces(part)]


def looks_like_prose(name: str) -> bool:
    """Whether a brand entry reads as a phrase rather than a name (more than four words, sentence
    punctuation, or words like 'the', 'only', 'dosed')."""
    words = name.split()
    if len(words) > 4 or re.search(r"[()\[\]:!?]", name):
        return True
    return any(w.casefold().strip(".,;") in _PROSE_WORDS for w in words)


def _brands(names: list[str], where: str, line: int | None, notes: list[Note]) -> list[str]:
    """Only names become brands: an entry that reads as prose is left out, with a warning for lint."""
    out = []
    for name in names:
        if looks_like_prose(name):
            notes.append(Note(line, "warning", f"brand entry {name!r} ({where}) looks like prose, not a name; left out"))
        else:
            out.append(name)
    return out


def _field_after(bullets: Iterable[Bullet], label: str) -> str | None:
    """Text after `label:` in the first bullet that starts with it (bold markers ignored)."""
    pattern = re.compile(rf"^\s*{label}\s*:\s*(.*)$", re.IGNORECASE)
    for bullet in bullets:
        match = pattern.match(strip_bold(bullet.text))
        if match:
            return match.group(1).strip()
    return None


# ---------------------------------------------------------------- entry points

def read_text(path: str | Path) -> str:
    """The text of a monograph file, or InvalidMonograph saying why it cannot be read."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InvalidMonograph(str(path), None, f"file is {size:,} bytes; a monograph is at most {MAX_FILE_BYTES:,}")
        raw = path.read_bytes()
    except OSError as exc:
        raise InvalidMonograph(str(path), None, f"cannot read file: {exc.strerror or exc}") from None
    if b"\x00" in raw:
        raise InvalidMonograph(str(path), None, "binary file (contains NUL bytes), not a Markdown monograph")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise InvalidMonograph(str(path), line, f"not UTF-8 text (bad byte at offset {exc.start}); save the file as UTF-8") from None
    return text


def parse_monograph(path: str | Path, memo: FrontmatterMemo | None = None) -> Monograph:
    """Read and parse the monograph at `path`."""
    return parse_text(read_text(path), str(path), memo)


def parse_text(text: str, path: str = "<text>", memo: FrontmatterMemo | None = None) -> Monograph:
    """Parse monograph text; `path` is used in messages and as the fallback name; `memo` may hold
    the front matter's parse from the file's last indexing."""
    # one pass removes escape sequences and control characters from everything the file says
    text = clean_text(text.lstrip("\ufeff"))
    notes: list[Note] = []
    fm, body, body_line = _split_frontmatter(text)
    if fm is None:
        data: dict[str, Any] = {}
        notes.append(Note(1, "warning", "no YAML frontmatter (--- block); name taken from the file"))
    else:
        data, dup_notes = _load_frontmatter(path, fm, memo)
        notes.extend(dup_notes)
    try:
        sections = _parse_body(body, body_line)
    except RecursionError:
        raise InvalidMonograph(path, None, "Markdown is nested too deeply to read") from None

    title = data.get("title")
    name = _as_text(title, "title", notes) if title is not None else None
    if name and isinstance(title, (int, float)):
        notes.append(Note(2, "warning", "frontmatter `title` is a number, not a drug name"))
    if not name:
        stem = Path(path).stem.replace("-", " ").replace("_", " ").strip()
        name = stem[:1].upper() + stem[1:] if stem else "Unnamed"
        if fm is not None:
            notes.append(Note(2, "error", "frontmatter has no `title`; name taken from the file name"))
    name = squash_spaces(name)[:200]

    alternate = find_section(sections, "alternate names")
    brand_names = _brands(_as_list(data.get("brand_names"), "brand_names", notes), "frontmatter `brand_names`",
                          None, notes)
    inn = None
    if alternate is not None:
        listed = _field_after(alternate.bullets, "brand names?")
        if listed:
            line = next((b.line for b in alternate.bullets if "brand name" in strip_bold(b.text).casefold()), None)
            for brand in _brands(brand_names_in(listed), "`Brand names:`", line, notes):
                if brand.casefold() not in {b.casefold() for b in brand_names}:
                    brand_names.append(brand)
        inn = _field_after(alternate.bullets, r"International Nonproprietary Name\s*\(INN\)")
        inn = inn.rstrip(".") if inn else None

    faqs = _frontmatter_faqs(data.get("faqs"), notes)
    seen = {_faq_key(f.q) for f in faqs}
    faq_section = find_section(sections, "faq")
    if faq_section is not None:
        for faq in _body_faqs(faq_section):
            if _faq_key(faq.q) not in seen:
                seen.add(_faq_key(faq.q))
                faqs.append(faq)

    banned = data.get("is_banned", False)
    if not isinstance(banned, bool):
        notes.append(Note(None, "warning", "frontmatter `is_banned` should be true or false; treated as true for safety"))
        banned = True

    return Monograph(
        name=name,
        file=path,
        description=_as_text(data.get("description"), "description", notes),
        brand_names=tuple(brand_names),
        aliases=tuple(_as_list(data.get("aliases"), "aliases", notes)),
        classes=tuple(_as_list(data.get("classes"), "classes", notes)),
        inn=inn,
        is_banned=banned,
        last_modified=_as_text(data.get("lastModified", data.get("last_modified")), "lastModified", notes),
        sources=_sources(data.get("sources"), notes),
        sections=sections,
        faqs=tuple(faqs),
        notes=tuple(notes),
    )
