"""A merged or renamed question keeps the progress recorded under its old id (``aliases:``)."""

from __future__ import annotations

import textwrap

from quizapp.banks import load_banks
from quizapp.store import Store


def test_the_banks_map_retired_ids_to_their_survivor(tmp_path):
    (tmp_path / "sources.yaml").write_text("concepts:\n  autograd: autograd\n")
    (tmp_path / "autograd.yaml").write_text(textwrap.dedent("""
        topic: autograd
        title: {ko: 자동 미분, en: Autograd}
        questions:
          - id: autograd-merged
            aliases: [autograd-old-a, autograd-old-b]
            type: truefalse
            difficulty: 1
            topics: [autograd]
            source: concepts#autograd
            prompt: {ko: 참인가요?, en: True?}
            answer: true
            explanation: {ko: 참입니다., en: It is.}
        """))
    banks = load_banks(tmp_path, cache=False)
    assert banks.errors == []
    assert banks.aliases == {"autograd-old-a": "autograd-merged", "autograd-old-b": "autograd-merged"}


def test_the_store_moves_an_old_card_to_the_survivor_once(tmp_path):
    with Store.open(tmp_path / "p.db") as store:
        store.record_review("old-a", correct=True)
        store.record_review("old-b", correct=False)
        store.record_review("kept", correct=True)
        before = store.cards()["old-a"]
        assert store.adopt_aliases({"old-a": "merged", "old-b": "merged", "kept-old": "kept"}) == 1
        cards = store.cards()
        assert cards["merged"].card.stability == before.card.stability   # old-a's schedule, kept
        assert "old-a" not in cards and "old-b" in cards                 # one card per question
        assert store.adopt_aliases({"old-a": "merged"}) == 0             # nothing left to move
        assert [r.question_id for r in store.reviews()][:1] == ["old-a"]  # the log is history
