"""The monograph parser on the seed and on awkward files."""
from __future__ import annotations

import pytest

from conftest import SEED, examples
from drugref.errors import InvalidMonograph
from drugref.monograph import parse_monograph, parse_text


@pytest.fixture(scope="module")
def seed():
    return parse_monograph(SEED)


def test_seed_identity(seed):
    assert seed.name == "Milnacipran"
    assert seed.brand_names == ("Savella",)
    assert seed.inn == "Milnacipran"
    assert seed.is_banned is False
    assert seed.last_modified == "2025-09-22T17:21:53.627Z"
    assert seed.description.startswith("- Milnacipran is prescribed")


def test_seed_section_tree(seed):
    tops = [s.title for s in seed.sections]
    assert tops == ["Usage", "Alternate Names", "How It Works", "Dosage", "Side Effects", "Contraindications",
                    "Drug Interactions", "Pregnancy and Breastfeeding", "Drug Profile Summary",
                    "Popular Combinations", "Precautions", "FAQs (Frequently Asked Questions)"]
    dosage = seed.sections[3]
    assert [c.title for c in dosage.children] == ["Standard Dosage", "Clinical Use Cases", "Dosage Adjustments"]
    assert [c.title for c in dosage.children[0].children] == ["Adults", "Children", "Special Cases"]
    adults = dosage.children[0].children[0]
    assert adults.path == ("Dosage", "Standard Dosage", "Adults")
    assert adults.bullets[1].text == "Days 2-3: 12.5 mg orally twice daily."
    # line numbers point into the file
    lines = SEED.read_text().splitlines()
    assert "Days 2-3" in lines[adults.bullets[1].line - 1]
    assert lines[seed.sections[0].line - 1] == "## **Usage**"


def test_no_bold_markers_in_titles(seed):
    assert all("**" not in s.title for s in seed.walk())


def test_nested_renal_bullets(seed):
    special = next(s for s in seed.walk() if s.title == "Special Cases")
    renal = next(b for b in special.bullets if "Renal Impairment" in b.text)
    assert [c.text.split(":")[0] for c in renal.children] == [
        "Mild (CrCl 50-80 mL/min)", "Moderate (CrCl 30-49 mL/min)", "Severe (CrCl 5-29 mL/min)",
        "End-stage renal disease (ESRD)"]


def test_every_faq_cleaned_and_shown_once(seed):
    assert len(seed.faqs) == 10
    for faq in seed.faqs:
        assert "**" not in faq.q and "**" not in faq.a
        assert not faq.a.startswith("A:")
        assert faq.q.endswith("?")
        assert "A:" not in faq.q
        assert faq.a
    assert seed.faqs[0].q == "What is the recommended dosage for Milnacipran?"
    assert seed.faqs[0].a.startswith("The recommended starting dose is 12.5 mg once daily")
    assert seed.faqs[8].q == "What should I do if I miss a dose of Milnacipran?"


def test_faq_quirk_is_noted(seed):
    assert any("broken export shape" in n.message for n in seed.notes)


def test_bom_and_crlf():
    text = SEED.read_text().replace("\n", "\r\n")
    mono = parse_text("\ufeff" + text, "x.md")
    assert mono.name == "Milnacipran"
    assert len(mono.faqs) == 10
    assert mono.sections[0].title == "Usage"


def test_no_frontmatter_uses_file_name():
    mono = parse_text("## **Usage**\n\n- Something.\n", "/tmp/some-drug.md")
    assert mono.name == "Some drug"
    assert mono.sections[0].bullets[0].text == "Something."
    assert any("no YAML frontmatter" in n.message for n in mono.notes)


def test_broken_yaml_names_file_and_line():
    text = "---\ntitle: X\nbrand_names: [a, b\nclasses: []\n---\n## A\n"
    with pytest.raises(InvalidMonograph) as info:
        parse_text(text, "bad.md")
    assert info.value.path == "bad.md"
    assert info.value.line == 3  # the line where the unclosed [ starts
    assert "YAML" in info.value.problem


def test_frontmatter_that_is_a_list_is_refused():
    with pytest.raises(InvalidMonograph, match="mapping"):
        parse_text("---\n- a\n- b\n---\n## A\n", "list.md")


def test_escape_sequences_removed_and_markup_kept():
    text = ("---\ntitle: \"Evil\\x1b[31mDrug\"\n---\n## **Usage**\n\n"
            "- Text [bold]not markup[/bold] and [see 5.1]\x1b]8;;http://x\x07link\x1b]8;;\x07 \x07bell.\n")
    mono = parse_text(text, "evil.md")
    assert mono.name == "EvilDrug"
    bullet = mono.sections[0].bullets[0].text
    assert "\x1b" not in bullet and "\x07" not in bullet
    assert "[bold]not markup[/bold]" in bullet and "[see 5.1]" in bullet


def test_body_faqs_merge_with_frontmatter():
    text = ("---\ntitle: T\nfaqs:\n  - q: 'Is it safe?**\n\n\n      **A:** Yes.'\n    a: 'A:** Yes.'\n---\n"
            "## FAQs\n\n### **Q1: Is it safe?**\n\n**A:** Yes.\n\n### **Q2: Another?**\n\n**A:** No.\n")
    mono = parse_text(text, "t.md")
    assert [(f.q, f.a) for f in mono.faqs] == [("Is it safe?", "Yes."), ("Another?", "No.")]


def test_broken_fixture_files_raise_own_error(tmp_path):
    (tmp_path / "bin.md").write_bytes(b"\x00\x01\x02")
    (tmp_path / "latin1.md").write_bytes("---\ntitle: Caf\xe9\n---\n".encode("latin-1"))
    for name in ("bin.md", "latin1.md"):
        with pytest.raises(InvalidMonograph):
            parse_monograph(tmp_path / name)


# ---------------------------------------------------------------- the fast structure reader

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from drugref.monograph import _split_frontmatter, _structure_markdown_it, _structure_simple  # noqa: E402

_words = st.text(alphabet=st.characters(whitelist_categories=("Lu", "Ll", "Nd"), whitelist_characters=" :*()%.-/"),
                 min_size=1, max_size=30).filter(lambda t: t.strip())
_lines = st.one_of(
    st.just(""),
    st.builds(lambda n, t: "#" * n + " " + t, st.integers(1, 6), _words),
    st.builds(lambda i, m, sp, t: " " * i + m + " " * sp + t, st.integers(0, 12), st.sampled_from("-*+"),
              st.integers(1, 5), _words),
    _words,
    st.builds(lambda t: "  " + t, _words),
    st.sampled_from(["```", "    code", "> quote", "1. one", "***", "Title", "=====", "<b>x</b>", "#tag", "- - x",
                     "-", "## Title ##", "## #", "#", "- \u00a0text", "\u00a0", "## \u00a0x", "   ", "-x", "+ y"]),
)


@settings(max_examples=examples(600), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_lines, max_size=30))
def test_fast_structure_agrees_with_markdown_it(lines):
    body = "\n".join(lines)
    fast = _structure_simple(body)
    if fast is not None:
        assert fast == _structure_markdown_it(body)


def test_fast_structure_takes_every_bundled_monograph():
    from conftest import BUNDLED
    from drugref.text import clean_text

    for path in BUNDLED.glob("*.md"):
        _, body, _ = _split_frontmatter(clean_text(path.read_text(encoding="utf-8")))
        fast = _structure_simple(body)
        assert fast is not None, path.name
        assert fast == _structure_markdown_it(body), path.name


_yaml_values = st.one_of(st.none(), st.booleans(), st.integers(-10, 10), _words, st.just("2025-01-02"),
                         st.just("[a, b]"), st.just("{x: 1}"), st.just("'quoted: text'"), st.just("[unclosed"))


@settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(["title", "brand_names", "classes", "is_banned", "lastModified", "aliases",
                                           "title"]), _yaml_values), max_size=6),
       st.lists(_lines, max_size=10), st.lists(_lines, max_size=10))
def test_kept_front_matter_parses_as_fresh(fields, body, other_body):
    """A monograph parsed with the front matter kept from an earlier parse of a file with the same
    block (and any body) is the monograph a fresh parse gives, notes and errors included."""
    from drugref.monograph import FrontmatterMemo

    block = "---\n" + "".join(f"{k}: {v}\n" for k, v in fields) + "---\n"
    earlier, text = block + "\n".join(other_body), block + "\n".join(body)
    memo = FrontmatterMemo()
    try:
        parse_text(earlier, "x.md", memo)
    except InvalidMonograph:
        pass
    try:
        fresh = parse_text(text, "x.md")
    except InvalidMonograph as exc:
        with pytest.raises(InvalidMonograph) as again:
            parse_text(text, "x.md", FrontmatterMemo(memo.stored))
        assert str(again.value) == str(exc)
        return
    assert parse_text(text, "x.md", FrontmatterMemo(memo.stored)) == fresh


@settings(max_examples=examples(600), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(_lines, st.sampled_from(["\t- x", "  \u00a0- ", "---  ", "\v```", "1.", "12) x", "\x1c>"])),
                max_size=20))
def test_line_by_line_check_is_the_whole_text_pattern(lines):
    """The per-line test for shapes the line reader leaves to markdown-it finds exactly what one
    MULTILINE pattern over the whole body finds."""
    import re

    from drugref.monograph import _not_simple

    whole = re.compile(r"^\s*(?:```|~~~|<|>|\d+[.)](?:\s|$)|[-*_=]{3,}\s*$|[-*+] *$)|\t", re.M)
    body = "\n".join(lines)
    assert _not_simple(body) == bool(whole.search(body))
