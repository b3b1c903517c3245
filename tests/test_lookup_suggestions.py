"""Issue 14, item 4: suggestions that help. Below a similarity floor a name is 'not in this library' and
nothing else; a drug the class vocabulary knows without a monograph says so and never suggests itself;
misspelled brands reach their drug (xanex -> Xanax -> alprazolam) under the look-alike rules, and a
sweep of every 1-edit variant of every name in tests/data/lookalikes shows none reaches another drug."""
from __future__ import annotations

import io
import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import DATA, examples, make_library
from drugref.errors import Ambiguous, Candidate, InvalidInput, KnownWithoutMonograph, NotFound
from drugref.lookup import resolve
from drugref.text import name_key

# (typed, drugs it must not be offered) as reported in issue 14; Ambian is the blind corpus's
BAD_SUGGESTIONS = [
    ("tylenol", {"atenolol", "methylene blue"}),
    ("Tylenol Extra Strength", {"atenolol", "methylene blue"}),
    ("valium", {"lithium", "calcium"}),
    ("lasix", {"clopidogrel", "cyclobenzaprine"}),
    ("ritalin", {"rifampin", "sertraline"}),
    ("semaglutide", {"enzalutamide", "apalutamide", "repaglinide"}),
    ("ambian", {"lorazepam", "clarithromycin"}),
]
CLASS_ONLY = ["levofloxacin", "diazepam", "metoprolol", "famotidine", "tapentadol"]


@pytest.fixture(scope="module")
def lib():
    return make_library(bundled=True)


@pytest.fixture(scope="module")
def lookalikes():
    return make_library(DATA / "lookalikes", bundled=True)


# ------------------------------------------------------------------ below the floor: nothing suggested

@pytest.mark.parametrize("query,bad", BAD_SUGGESTIONS, ids=[q for q, _ in BAD_SUGGESTIONS])
def test_unrelated_names_are_not_suggested(lib, query, bad):
    with pytest.raises(NotFound) as info:
        resolve(lib, query)
    assert not isinstance(info.value, KnownWithoutMonograph)
    assert info.value.candidates == ()  # 'not in this library' and nothing else
    assert not {c.name.casefold() for c in info.value.candidates} & bad


def test_near_misses_are_still_suggested(lookalikes):
    """The floor keeps real look-alikes: 'clonazine' offers clonidine and clonazepam (73.7), 'glyzide' both
    sulfonylureas (75)."""
    for query, wanted in (("clonazine", {"Clonidine", "Clonazepam"}), ("glyzide", {"Glipizide", "Glyburide"}),
                          ("hydrazine", {"Hydroxyzine", "Hydralazine"}), ("tramadone", {"Tramadol", "Trazodone"})):
        with pytest.raises((NotFound, Ambiguous)) as info:
            resolve(lookalikes, query)
        assert wanted <= {c.name for c in info.value.candidates}, query


def test_a_weak_suggestion_starts_as_the_query_does(lib):
    """Under the fuzzy threshold a candidate must start with the same letter (or sound): 'valium' is 76.9
    from calcium, but people seldom get the first letter wrong."""
    with pytest.raises(NotFound) as info:
        resolve(lib, "valium")
    assert info.value.candidates == ()
    with pytest.raises(NotFound) as info:
        resolve(lib, "levofloxacn")  # one letter left out: still offered, as the vocabulary drug it is
    offered = info.value.candidates
    assert [c.name for c in offered] == ["levofloxacin"] and not offered[0].monograph and not offered[0].typed


# ------------------------------------------------------------------ known to the vocabulary, no monograph

@pytest.mark.parametrize("query", CLASS_ONLY)
def test_class_member_without_monograph_says_so(lib, query):
    with pytest.raises(KnownWithoutMonograph) as info:
        resolve(lib, query)
    exc = info.value
    assert isinstance(exc, NotFound)  # every caller that handles NotFound handles it
    assert exc.name == query and exc.classes
    assert str(exc) == f"{query}: known to the class vocabulary ({', '.join(exc.classes)}), no monograph"
    assert [c for c in exc.candidates if not c.typed] == []  # nothing suggested, itself least of all
    assert [c.name for c in exc.candidates] == [query]


def test_levofloxacin_names_its_class(lib):
    with pytest.raises(KnownWithoutMonograph) as info:
        resolve(lib, "Levofloxacin")
    assert "fluoroquinolones" in info.value.classes
    assert str(info.value).startswith("levofloxacin: known to the class vocabulary (")


# ------------------------------------------------------------------ misspelled brands

@pytest.mark.parametrize("query,drug,brand", [
    ("xanex", "Alprazolam", "Xanax"),
    ("zanax", "Alprazolam", "Xanax"),
    ("prozak", "Fluoxetine", "Prozac"),
    ("zolft", "Sertraline", "Zoloft"),
    ("klonapin", "Clonazepam", "Klonopin"),
    ("welbutrin", "Bupropion", "Wellbutrin"),
])
def test_misspelled_brand_reaches_its_drug(lib, query, drug, brand):
    match = resolve(lib, query)
    assert (match.entry.name, match.how, match.matched_name) == (drug, "fuzzy", brand)


@pytest.mark.parametrize("query", [
    "cardil",  # a diltiazem brand 1 letter from Nardil (phenelzine): c for n is not a slip of sound
    "ultran",  # a phenaglycodol brand 1 letter from Ultram (tramadol): n for m neither
    "clonadine",  # 1 edit from clonidine but 2 from clozapine: no clear winner
    "hydroxazine",
    "xnaax",  # two letters swapped in a short name: 2 edits, refused
])
def test_short_names_still_refuse(lib, query):
    with pytest.raises((NotFound, Ambiguous)):
        resolve(lib, query)


@pytest.mark.parametrize("query,near", [
    ("dexibuprofen", "Ibuprofen"),  # its S-enantiomer, a drug of its own (85.7 before this rule: shown)
    ("levoketoconazole", "Ketoconazole"),  # Recorlev
    ("dihydralazine", "Hydralazine"),  # 91.7
    ("meprednisone", "Prednisone"),
    ("norsertraline", "Sertraline"),  # its metabolite
])
def test_a_name_with_letters_fused_in_front_is_another_drug(lib, query, near):
    """As milnacipran is not levomilnacipran, the whole name with a prefix fused to it is another drug
    (found by running every name of the drug-named-entity-recognition dictionary through the lookup):
    refused, the name offered."""
    with pytest.raises((NotFound, Ambiguous)) as info:
        resolve(lib, query)
    assert near in [c.name for c in info.value.candidates]


@pytest.mark.parametrize("query,drug", [("apo-sertraline", "Sertraline"), ("pms trazodone", "Trazodone"),
                                        ("gen-sertraline", "Sertraline")])
def test_a_makers_prefix_as_its_own_word_still_resolves(lib, query, drug):
    assert resolve(lib, query).entry.name == drug


def test_exact_flag_still_turns_the_short_rule_off(lib):
    with pytest.raises(NotFound) as info:
        resolve(lib, "xanex", exact=True)
    assert info.value.candidates[0].name == "Alprazolam"


# ------------------------------------------------------------------ the look-alike sweep

def _names(library) -> dict[str, str]:
    """Every name's lookup key -> its drug."""
    out = {}
    for entry in library.entries():
        for name in (entry.name, *entry.brand_names, *entry.aliases):
            out[name_key(name)] = entry.name
    return out


def _one_edit(word: str) -> set[str]:
    letters = string.ascii_lowercase
    cut = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    return ({a + b[1:] for a, b in cut if b}
            | {a + c + b[1:] for a, b in cut if b for c in letters}
            | {a + c + b for a, b in cut for c in letters}
            | {a + b[1] + b[0] + b[2:] for a, b in cut if len(b) > 1})


def test_no_one_edit_variant_of_a_lookalike_reaches_another_drug():
    """Every 1-edit variant (a letter left out, added, changed or two swapped) of every name and brand in
    tests/data/lookalikes: a variant shown at all is shown as the drug it was made from (one exactly
    another drug's name is left out). The short-name rule is exercised: some variants are shown by it alone."""
    library = make_library(DATA / "lookalikes")
    names = _names(library)
    wrong, by_short_rule, shown = [], 0, 0
    for key, drug in names.items():
        for variant in _one_edit(key):
            if variant in names or len(variant) < 2:
                continue
            try:
                match = resolve(library, variant)
            except (NotFound, Ambiguous, InvalidInput):
                continue
            shown += 1
            by_short_rule += match.score < 85
            if match.entry.name != drug:
                wrong.append((variant, drug, match.entry.name))
    assert wrong == []
    assert shown > 1000 and by_short_rule > 0


@settings(max_examples=examples(300), deadline=None)
@given(st.data())
def test_two_edit_variants_never_reach_another_drug(lookalikes, data):
    """A variant 2 edits from one drug's name is never shown as a drug it is not at least 2 edits nearer to."""
    from rapidfuzz.distance import Levenshtein

    names = _names(lookalikes)
    key = data.draw(st.sampled_from(sorted(names)))
    variant = data.draw(st.sampled_from(sorted(_one_edit(key))))
    variant = data.draw(st.sampled_from(sorted(_one_edit(variant))))
    if variant in names or len(variant) < 2:
        return
    try:
        match = resolve(lookalikes, variant)
    except (NotFound, Ambiguous, InvalidInput):
        return
    mine = min(Levenshtein.distance(variant, k) for k, d in names.items() if d == match.entry.name)
    others = min(Levenshtein.distance(variant, k) for k, d in names.items() if d != match.entry.name)
    assert others - mine >= 2, (key, variant, match.entry.name)


# ------------------------------------------------------------------ the blind corpus's unhelpful suggestions

def test_blind_corpus_unhelpful_suggestions_are_gone():
    from test_medlist_blind import LIST_FILES, offered, score_list

    hits = [(item["line"], s) for path in LIST_FILES for item, _, _, line in score_list(path)
            if line is not None for s in item.get("not_suggested") or () if s in offered(line)]
    assert hits == []


# ------------------------------------------------------------------ through the CLI

@pytest.mark.parametrize("query,bad", BAD_SUGGESTIONS, ids=[q for q, _ in BAD_SUGGESTIONS])
def test_cli_show_not_in_library(run, query, bad):
    code, out, err = run("show", query)
    assert code == 1 and out == ""
    assert f"no drug named {query!r}: not in this library." in err
    assert "Did you mean" not in err
    for name in bad:
        assert name not in err.lower()


@pytest.mark.parametrize("query", CLASS_ONLY)
def test_cli_show_class_member_without_monograph(run, query):
    code, out, err = run("show", query)
    assert code == 1 and out == ""
    assert err.startswith(f"{query}: known to the class vocabulary (")
    assert ", no monograph" in err.splitlines()[0]
    assert "Did you mean" not in err and "no drug named" not in err


def test_cli_show_levofloxacin(run):
    _, _, err = run("show", "levofloxacin")
    assert "fluoroquinolones" in err.splitlines()[0]


@pytest.mark.parametrize("query,drug", [("xanex", "Alprazolam"), ("prozak", "Fluoxetine")])
def test_cli_show_misspelled_brand(run, query, drug):
    code, out, err = run("show", query, "-s", "dosage")
    assert code == 0 and out.startswith(drug)
    assert f"showing {drug} for {query!r}" in err


def test_cli_show_vocabulary_suggestion_is_marked(run):
    code, _, err = run("show", "levofloxacn")
    assert code == 1
    assert "Did you mean:" in err and "no monograph)" in err


def test_cli_interactions_misspelled_brands(run):
    code, out, err = run("interactions", "xanex", "prozak")
    assert code == 0
    assert "Checked: Alprazolam, Fluoxetine" in out
    assert "using Alprazolam for 'xanex'" in err and "using Fluoxetine for 'prozak'" in err


def test_cli_interactions_no_unrelated_suggestions(run):
    code, out, err = run("interactions", "tylenol", "valium", "lasix", "ritalin", "semaglutide", "warfarin")
    text = (out + err).lower()
    for name in ("atenolol", "methylene blue", "lithium", "calcium", "clopidogrel", "rifampin", "enzalutamide"):
        assert name not in text, name
    assert "not assessable" in text and "tylenol" in text


def test_cli_interactions_class_member(run):
    code, out, err = run("interactions", "levofloxacin", "warfarin")
    assert "levofloxacin (vocabulary only, no monograph)" in out
    assert "did you mean" not in (out + err).lower()


def test_cli_interactions_lookalike_still_refused(run):
    code, out, _ = run("--monographs", str(DATA / "lookalikes"), "interactions", "hydroxazine", "tramadol")
    assert "not assessable" in out and "hydrOXYzine" in out and "hydrALAzine" in out


# ------------------------------------------------------------------ 'did you mean' on stderr

def _rendered(items: tuple[Candidate, ...], query: str, ambiguous: bool = False) -> str:
    from drugref.reporters.plain import PlainDiagnostics

    buffer = io.StringIO()
    PlainDiagnostics(buffer).candidates(query, items, ambiguous=ambiguous)
    return buffer.getvalue()


def test_render_known_without_monograph_and_marked_suggestions():
    typed = Candidate("levofloxacin", "levofloxacin", ("fluoroquinolones",), 100.0, monograph=False, typed=True)
    assert _rendered((typed,), "levofloxacin") == (
        "levofloxacin: known to the class vocabulary (fluoroquinolones), no monograph\n"
        "  nothing to show; `drugref interactions` checks it by its classes\n")
    near = Candidate("levofloxacin", "levofloxacIn", ("fluoroquinolones",), 95.0, monograph=False)
    assert _rendered((near,), "levofloxacn") == (
        "no drug named 'levofloxacn'. Did you mean:\n  levofloxacIn  (fluoroquinolones; no monograph)\n")
    assert _rendered((), "tylenol") == (
        "no drug named 'tylenol': not in this library.\n  try `drugref list` or `drugref search TEXT`\n")


def test_render_rich_writes_what_plain_writes(monkeypatch):
    """On a terminal (Rich) the same lines as piped (plain), for each new kind of message."""
    from drugref.reporters.plain import PlainDiagnostics
    from drugref.reporters.rich import RichDiagnostics

    typed = Candidate("levofloxacin", "levofloxacin", ("fluoroquinolones",), 100.0, monograph=False, typed=True)
    near = Candidate("levofloxacin", "levofloxacIn", ("fluoroquinolones",), 95.0, monograph=False)
    plain = io.StringIO()
    rich = io.StringIO()
    for diagnostics in (PlainDiagnostics(plain), RichDiagnostics(rich)):
        diagnostics.candidates("levofloxacin", (typed,), ambiguous=False)
        diagnostics.candidates("levofloxacn", (near,), ambiguous=False)
        diagnostics.candidates("tylenol", (), ambiguous=False)
    assert plain.getvalue() == rich.getvalue()


def test_cli_show_fused_prefix_is_refused(run):
    code, out, err = run("show", "dexibuprofen")
    assert code == 1 and out == ""
    assert "Did you mean:" in err and "ibuprofen" in err.lower()


@pytest.mark.parametrize("name", ["lormetazepam", "talopram", "rifaxidin", "ampicillin"])
def test_a_real_drug_two_edits_from_a_library_name_is_not_shown_as_it(run, name):
    """Real drugs a few edits from bundled ones (lorazepam, citalopram, rifampin, amoxicillin): refused, not shown as
    another drug; a slip of one letter still resolves."""
    code, out, err = run("show", name, "--no-pager")
    assert code == 1 and out == "" and "showing" not in err


def test_one_letter_slips_still_resolve(run):
    for name, shown in (("sertralin", "Sertraline"), ("gabapentine", "Gabapentin"), ("clonazapam", "Clonazepam")):
        code, out, err = run("show", name, "--no-pager")
        assert code == 0 and f"showing {shown}" in err
