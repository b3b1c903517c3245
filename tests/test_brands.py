"""Brands (issue 14, item 7): only names become brands; lint reports prose; completion offers real names."""
from __future__ import annotations

import pytest

from conftest import make_library
from drugref.monograph import brand_names_in, looks_like_prose, parse_text

SELEGILINE_AS_EXPORTED = """---
title: Selegiline
brand_names: [Eldepryl]
---
## Alternate Names

- **Brand names:** Eldepryl, Zelapar, Emsam (the dosing below is for 5 mg oral capsules/tablets only; Zelapar and Emsam are dosed differently)
"""


@pytest.mark.parametrize("listed, names", [
    ("Eldepryl, Zelapar, Emsam (the dosing below is for 5 mg oral capsules/tablets only; Zelapar and Emsam are "
     "dosed differently)", ["Eldepryl", "Zelapar", "Emsam"]),
    ("Lithobid (extended-release; dosed differently from the immediate-release regimen below)", ["Lithobid"]),
    ("Mellaril (brand discontinued", ["Mellaril"]),
    ("Savella.", ["Savella"]),
    ("Wellbutrin SR; Wellbutrin XL, Zyban", ["Wellbutrin SR", "Wellbutrin XL", "Zyban"]),
])
def test_parenthetical_notes_never_become_brands(listed, names):
    assert brand_names_in(listed) == names


@pytest.mark.parametrize("entry, prose", [
    ("Zelapar and Emsam are dosed differently", True), ("see below for dosing", True), ("Lithobid (extended", True),
    ("Emsam", False), ("Milk of Magnesia", False), ("Wellbutrin XL", False), ("D.H.E. 45", False),
    ("St. Joseph", False),
])
def test_looks_like_prose(entry, prose):
    assert looks_like_prose(entry) is prose


def test_monograph_brands_and_lint_note():
    mono = parse_text(SELEGILINE_AS_EXPORTED, "selegiline.md")
    assert mono.brand_names == ("Eldepryl", "Zelapar", "Emsam")
    mono = parse_text("---\ntitle: X\nbrand_names: [Good, the brand that was discontinued]\n---\n"
                      "## Alternate Names\n\n- **Brand names:** Foo (bar; baz), see below for dosing, Qux\n", "x.md")
    assert mono.brand_names == ("Good", "Foo", "Qux")
    messages = [(n.line, n.message) for n in mono.notes if "prose" in n.message]
    assert len(messages) == 2 and messages[1][0] == 7 and "'see below for dosing'" in messages[1][1]


def test_lint_reports_a_prose_brand(run_json, tmp_path):
    (tmp_path / "x.md").write_text("---\ntitle: Xamplezine\n---\n## Alternate Names\n\n"
                                   "- **Brand names:** Xampla, see below for dosing\n")
    code, data, _ = run_json("--no-bundled", "lint", str(tmp_path / "x.md"))
    [problem] = [p for f in data["files"] for p in f["problems"] if "looks like prose" in p["message"]]
    assert problem["line"] == 6 and problem["level"] == "warning" and "'see below for dosing'" in problem["message"]


def test_completion_offers_only_names(tmp_path):
    (tmp_path / "selegiline.md").write_text(SELEGILINE_AS_EXPORTED)
    lib = make_library(tmp_path)
    assert lib.complete_names("Z") == ["Zelapar"]
    assert lib.complete_names("E") == ["Eldepryl", "Emsam"]
