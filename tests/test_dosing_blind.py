"""The blind corpus (tests/data/dosing_blind): monographs written from FDA labels by people who had not read the
reader, with the label's answers written down first. Any wrong number fails; a refusal does not.

`python tests/dosing_blind_score.py` prints the right / refused / wrong figures."""
from __future__ import annotations

import pytest

from dosing_blind_score import BLIND, score_all, summary


@pytest.fixture(scope="module")
def scores():
    return score_all()


def test_corpus_is_there():
    drugs = {path.stem for path in BLIND.glob("*.yaml")}
    assert len(drugs) >= 20 and all((BLIND / f"{drug}.md").exists() for drug in drugs)


def test_no_wrong_number(scores):
    wrong = [f"{s.drug} {s.kind} {s.case}: {s.detail}" for s in scores if s.verdict == "wrong"]
    assert wrong == [], "\n" + "\n".join(wrong) + "\n" + summary(scores)


def test_something_is_computed(scores):
    """Refusing everything would pass the test above; the reader must also get answers right."""
    for kind in ("step", "maximum", "renal"):
        right = sum(1 for s in scores if s.kind == kind and s.verdict == "right")
        assert right >= 15, summary(scores)
