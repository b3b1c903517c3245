"""Text helpers: make file text safe for a terminal, and normalise names for lookup."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


@lru_cache(maxsize=1)
def _escapes() -> re.Pattern[str]:
    """ANSI CSI / OSC / other ESC sequences (compiled only when some text holds a control character)."""
    return re.compile(
        r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI ... final byte
        r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC ... BEL or ST
        r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"  # DCS/SOS/PM/APC ... ST
        r"|\x1b[@-Z\\-_]?"  # two-byte sequences and a lone ESC
        r"|\x9b[0-?]*[ -/]*[@-~]"  # 8-bit CSI
        r"|\x9d[^\x07\x9c]*(?:\x07|\x9c)?"  # 8-bit OSC
    )


def clean_text(value: str) -> str:
    """Remove escape sequences, then any remaining C0/C1 control character but \\n and \\t, from file text."""
    if not value or not _CONTROLS.search(value):
        return value
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROLS.sub("", _escapes().sub("", value))


_UNSAFE = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


_SHOWN = {"\n": "\\n", "\r": "\\r"}


def _shown(char: str) -> str:
    if char in _SHOWN:
        return _SHOWN[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(value: str) -> str:
    """The output sanitizer: every string bound for a terminal, a pipe or stderr passes through it,
    one line at a time. Control characters (C0, C1, DEL; so every escape sequence's ESC), line and
    paragraph separators and bidirectional overrides are shown as `\\x1b`, `\\n`, `\\u202e`: nothing
    can move the cursor, set the clipboard or forge a line. A tab is kept."""
    if not _UNSAFE.search(value):
        return value
    return _UNSAFE.sub(lambda m: _shown(m.group()), value)


def visible_lines(value: str) -> list[str]:
    """Multi-line text (monograph text, a message with detail lines) as safe lines: split on line
    breaks, each line through `visible`."""
    return [visible(line) for line in value.replace("\r\n", "\n").split("\n")]


_MARKS = re.compile(r"[®™©\u00ae\u2122\u00a9]")
_NAME_DROP = re.compile(r"[®™©\u00ae\u2122\s\-_]+")


@lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """The lookup key of a drug name: case, spacing, hyphens and ®/™ ignored."""
    value = unicodedata.normalize("NFKC", _MARKS.sub("", clean_text(name))).casefold()
    value = value.replace("(r)", "").replace("(tm)", "")
    return _NAME_DROP.sub("", value).replace("’", "'")


def strip_bold(value: str) -> str:
    """Remove Markdown bold markers (`**`), which the export uses as decoration."""
    return value.replace("**", "").replace("__", "")


def squash_spaces(value: str) -> str:
    """Collapse runs of spaces and newlines into one space."""
    return " ".join(value.split())
