"""Every bundled monograph: parses, lints clean, doses readable, agents resolve; the ONC pairs are found."""
from __future__ import annotations

import pytest

from conftest import BUNDLED, make_library
from drugref.dosing import plan, read_dosing
from drugref.interactions import check, read_rules, resolve_drugs
from drugref.lint import lint_files, lint_vocabulary
from drugref.monograph import parse_monograph

FILES = sorted(p for p in BUNDLED.glob("*.md"))


@pytest.fixture(scope="module")
def lib():
    return make_library(bundled=True)


@pytest.fixture(scope="module")
def lint_reports(lib):
    known = {key for key, *_ in lib.all_names()}
    return {r.file: r for r in lint_files([str(p) for p in FILES], lib.vocabulary, known)}


def test_library_size_and_unique_names(lib):
    entries = lib.entries()
    assert len(entries) == len(FILES) >= 80
    assert lib.problems == []
    assert lint_vocabulary(lib.vocabulary) == []


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_every_monograph(path, lib, lint_reports):
    mono = parse_monograph(path)
    assert mono.name and mono.sections
    if path.stem != "milnacipran":  # the seed is kept exactly as exported
        assert mono.sources, "cite the prescribing information in `sources`"
        assert mono.brand_names
    errors = [p for p in lint_reports[str(path)].problems if p.level == "error"]
    assert errors == []
    unresolved = [p.message for p in lint_reports[str(path)].problems if "resolves to no known class" in p.message]
    assert unresolved == []
    dosing = read_dosing(mono)  # every CrCl against every regimen: tests/test_dosing.py
    if dosing.has_schedule and len(dosing.regimens) == 1:
        standard = plan(dosing)
        assert standard.recommended is not False and (standard.recommended is None or standard.steps)
    rules, _, has_data = read_rules(mono, lib.vocabulary)
    assert has_data
    _terminal_keeps_the_text(mono)


def _terminal_keeps_the_text(mono) -> None:
    """At a terminal the monograph is wrapped to the width (narrow or wide) and nothing else: the same
    characters in the same order as the plain rendering, but for spacing and bullets, every line
    within the width (a word longer than the width is folded)."""
    import io

    from rich.cells import cell_len

    from drugref.reporters import plain as plain_reporter
    from drugref.reporters import rich as rich_reporter

    plain = "".join("\n".join(plain_reporter.monograph_lines(mono, ("X",), None, "bundled")).replace("•", " ").split())
    for width in (38, 100):
        buffer = io.StringIO()
        rich_reporter.draw_monograph(rich_reporter.make_console(file=buffer, width=width, color=False), mono, ("X",),
                                     None, "bundled")
        shown = buffer.getvalue()
        assert all(cell_len(line) <= width for line in shown.splitlines())
        assert "".join(shown.replace("•", " ").split()) == plain


ONC_PAIRS = [
    ("dextroamphetamine", "phenelzine"),
    ("atazanavir", "omeprazole"),
    ("febuxostat", "azathioprine"),
    ("febuxostat", "mercaptopurine"),
    ("sertraline", "phenelzine"),
    ("fluoxetine", "tranylcypromine"),
    ("irinotecan", "ketoconazole"),
    ("meperidine", "phenelzine"),
    ("amitriptyline", "tranylcypromine"),
    ("thioridazine", "ciprofloxacin"),
    ("pimozide", "clarithromycin"),
    ("ramelteon", "fluvoxamine"),
    ("rifampin", "atazanavir"),
    ("rifampin", "darunavir"),
    ("simvastatin", "clarithromycin"),
    ("lovastatin", "ketoconazole"),
    ("simvastatin", "ritonavir"),
    ("ergotamine", "clarithromycin"),
    ("dihydroergotamine", "ritonavir"),
    ("tizanidine", "ciprofloxacin"),
    ("tizanidine", "fluvoxamine"),
    ("tranylcypromine", "procarbazine"),
    ("sumatriptan", "phenelzine"),
    ("rizatriptan", "isocarboxazid"),
]


def severity_of(lib, *names):
    drugs, _ = resolve_drugs(lib, list(names))
    assert all(d.status == "monograph" for d in drugs), [(d.query, d.status) for d in drugs]
    (pair,) = check(drugs, lib.vocabulary).pairs
    return pair


@pytest.mark.parametrize("a,b", ONC_PAIRS, ids=[f"{a}+{b}" for a, b in ONC_PAIRS])
def test_onc_pair_at_least_major_both_orders_and_by_brand(lib, a, b):
    for names in ((a, b), (b, a)):
        pair = severity_of(lib, *names)
        assert pair.status == "interaction" and pair.severity in ("contraindicated", "major"), pair
        assert pair.sources
    brand = lib.lookup_key(a)[0][0].brand_names[0]
    assert severity_of(lib, brand, b).severity == pair.severity
