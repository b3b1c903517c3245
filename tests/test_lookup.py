"""Safe name lookup: exact, brand, fuzzy with a clear winner, never a wrong look-alike."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import DATA, examples, make_library
from drugref.errors import Ambiguous, InvalidInput, NotFound
from drugref.lookup import resolve, tall_man


@pytest.fixture(scope="module")
def lib():
    return make_library(DATA / "lookalikes", bundled=True)


@pytest.mark.parametrize("query,expected,how", [
    ("milnacipran", "Milnacipran", "exact"),
    ("MILNACIPRAN", "Milnacipran", "exact"),
    ("  Milnacipran ", "Milnacipran", "exact"),
    ("Savella", "Milnacipran", "brand"),
    ("Savella®", "Milnacipran", "brand"),
    ("Xanax™", "Alprazolam", "brand"),
    ("klonopin", "Clonazepam", "brand"),
    ("levomilnacipran", "Levomilnacipran", "exact"),
])
def test_exact(lib, query, expected, how):
    match = resolve(lib, query)
    assert (match.entry.name, match.how) == (expected, how)


# real misspellings: one clear winner, shown with a notice
@pytest.mark.parametrize("query,expected", [
    ("milnaciprin", "Milnacipran"),
    ("milnacipram", "Milnacipran"),
    ("hydroxizine", "Hydroxyzine"),
    ("hydralazin", "Hydralazine"),
    ("trazadone", "Trazodone"),
    ("tramadoll", "Tramadol"),
    ("buproprion", "Bupropion"),
    ("alprazolm", "Alprazolam"),
    ("lorazapam", "Lorazepam"),
    ("metformine", "Metformin"),
    ("metronidazol", "Metronidazole"),
    ("glypizide", "Glipizide"),
    ("clonazepan", "Clonazepam"),
    ("trazadol", "Tramadol"),  # 1 edit from tramadol, 3 from trazodone
    ("bupirone", "Buspirone"),  # 1 edit from buspirone, 4 from bupropion
])
def test_fuzzy_clear_winner(lib, query, expected):
    match = resolve(lib, query)
    assert match.entry.name == expected
    assert match.how == "fuzzy"


# look-alike territory: never show a drug, offer the candidates
@pytest.mark.parametrize("query,offered", [
    ("hydroxazine", {"Hydroxyzine", "Hydralazine"}),
    ("hydrazine", {"Hydroxyzine", "Hydralazine"}),
    ("clonazine", {"Clonidine", "Clonazepam"}),
    ("tramadone", {"Tramadol", "Trazodone"}),
    ("glyzide", {"Glipizide", "Glyburide"}),
])
def test_lookalikes_never_resolve(lib, query, offered):
    with pytest.raises((Ambiguous, NotFound)) as info:
        resolve(lib, query)
    names = {c.name for c in info.value.candidates}
    assert offered <= names


@pytest.mark.parametrize("query", ["milnacipra", "milnacipran", "levomil", "mil", "nacipran"])
def test_no_substring_matches(query):
    lib = make_library(DATA / "lookalikes")  # has levomilnacipran, not milnacipran
    with pytest.raises((Ambiguous, NotFound)):
        resolve(lib, query)


def test_exact_flag_turns_fuzzy_off(lib):
    with pytest.raises(NotFound) as info:
        resolve(lib, "milnaciprin", exact=True)
    assert info.value.candidates[0].name == "Milnacipran"


def test_candidates_carry_tall_man_and_class(lib):
    with pytest.raises(Ambiguous) as info:
        resolve(lib, "hydroxazine")
    displays = {c.name: c for c in info.value.candidates}
    assert displays["Hydroxyzine"].display == "hydrOXYzine"
    assert displays["Hydralazine"].display == "hydrALAzine"
    assert displays["Hydralazine"].classes == ("antihypertensives",)


def test_tall_man_pairs():
    assert tall_man("clonidine", "clonazepam") != "clonidine"
    assert tall_man("tramadol", "trazodone").startswith("tra")


@pytest.mark.parametrize("query", ["", "   ", "x" * 10_000])
def test_bad_names_refused(lib, query):
    with pytest.raises(InvalidInput):
        resolve(lib, query)


def test_vocabulary_drug_without_monograph_is_not_found_not_substituted(lib):
    # tapentadol is in the class vocabulary but has no monograph: it must not fall to tramadol
    with pytest.raises(NotFound) as info:
        resolve(lib, "tapentadol")
    assert info.value.candidates[0].name == "tapentadol"


@settings(max_examples=examples(200), deadline=None)
@given(st.text(min_size=1, max_size=40))
def test_resolve_never_crashes(lib, query):
    try:
        match = resolve(lib, query)
    except (Ambiguous, NotFound, InvalidInput):
        return
    assert match.score >= 80  # the short-name rule: one sound-alike letter, a ratio of 80
