"""The blind corpora (tests/data/dosing_blind, tests/data/dosing_holdout): monographs written from FDA labels by
people who had not read the reader, with the label's answers written down first. Any wrong number fails; a
refusal does not. The holdout was written after the reader's rules for the first corpus, to show whether they
carry over to text nobody tuned them on.

`python tests/dosing_blind_score.py [blind|holdout|holdout2|…|holdout9] [-v]` prints the right / refused / wrong figures."""
from __future__ import annotations

import functools

import pytest

from dosing_blind_score import CORPORA, score_all, summary


@functools.cache
def scored(name: str):
    return score_all(CORPORA[name])


@pytest.fixture(scope="module", params=sorted(CORPORA))
def corpus(request):
    return request.param, scored(request.param)


@pytest.mark.parametrize("name, least", [("blind", 20), ("holdout", 12), ("holdout2", 10), ("holdout3", 10), ("holdout4", 10), ("holdout5", 8)])
def test_corpus_is_there(name, least):
    folder = CORPORA[name]
    drugs = {path.stem for path in folder.glob("*.yaml")}
    assert len(drugs) >= least and all((folder / f"{drug}.md").exists() for drug in drugs)


def test_no_wrong_number(corpus):
    name, scores = corpus
    wrong = [f"{s.drug} {s.kind} {s.case}: {s.detail}" for s in scores if s.verdict == "wrong"]
    assert wrong == [], f"\n{name}:\n" + "\n".join(wrong) + "\n" + summary(scores)


def test_something_is_computed():
    """Refusing everything would pass the test above; the reader must also get answers right (over all corpora:
    a new holdout starts low by design)."""
    scores = [s for name in CORPORA for s in scored(name)]
    for kind in ("step", "maximum", "renal"):
        right = sum(1 for s in scores if s.kind == kind and s.verdict == "right")
        assert right >= 15, summary(scores)
