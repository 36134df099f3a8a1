"""Seeds 000 and 001 read into drafts that equal the hand-written decision files.

`verify` must report the same findings on the draft as on the hand-written file. A draft
cannot know what only a person can write, so the test takes the hand-written file's
`acknowledged:` entries (explanations of the document's discrepancies) and, where the schema has
it, `date_stand_in` (the date the accounts use for a decision that prints none) into the draft
before verifying; nothing else is taken from it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from reading_facts import DECISIONS, FIXTURES, annexes, blocks, lines, person_keys, raw, write_draft

from bidrag.agreements import decision_file as df
from bidrag.agreements.services import verify_file

SEEDS = [
    ("000_419f1474416ea319.txt", "2021-psv-payment-decision.yaml"),
    ("001_01be34344d5dc148.txt", "2023-S2023-00488-payment-decision.yaml"),
]
NOT_PRINTED: set[tuple[str, int, str]] = set()  # (seed, line, field) a hand-written file adds


@pytest.fixture(params=SEEDS, ids=["seed-000", "seed-001"])
def pair(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[str, Path, Path]:
    seed, hand = request.param
    target = tmp_path / "draft.yaml"
    write_draft(FIXTURES / seed, target, person_keys(DECISIONS / hand))
    return seed, target, DECISIONS / hand


def findings(path: Path) -> set[tuple[str, str, str]]:
    report = verify_file(str(path))
    assert not report.read_errors, report.read_errors
    return {(p.code, p.where, p.status) for p in report.problems}


def test_verify_gives_the_same_findings(pair: tuple[str, Path, Path]) -> None:
    _, draft, hand = pair
    assert findings(draft) == findings(hand)
    assert not [f for f in findings(draft) if f[2] == "error"]


def test_lines_amounts_deadlines_and_items_equal(pair: tuple[str, Path, Path]) -> None:
    seed, draft_path, hand_path = pair
    draft = df.read_file(draft_path).document
    hand = df.read_file(hand_path).document
    assert isinstance(draft, df.PaymentDecisionIn) and isinstance(hand, df.PaymentDecisionIn)
    assert draft.total == hand.total
    assert draft.budget_year == hand.budget_year
    assert (draft.date, draft.diarienummer) == (hand.date, hand.diarienummer)
    got, want = lines(draft), lines(hand)
    assert len(got) == len(want)
    for i, (g, w) in enumerate(zip(got, want, strict=True)):
        for field in w:
            if (seed, i, field) in NOT_PRINTED:
                assert g[field] is None
                assert any(m.startswith(f"lines[{i}].{field}:") for m in draft.missing)
            else:
                assert g[field] == w[field], (i, field)


def test_annex_rows_and_totals_equal(pair: tuple[str, Path, Path]) -> None:
    _, draft_path, hand_path = pair
    draft = df.read_file(draft_path).document
    hand = df.read_file(hand_path).document
    assert isinstance(draft, df.PaymentDecisionIn) and isinstance(hand, df.PaymentDecisionIn)
    got, want = annexes(draft), annexes(hand)
    amount_of = {ln.id: ln.amount for ln in draft.lines} | {ln.id: ln.amount for ln in hand.lines}
    for g, w in zip(got, want, strict=True):
        assert [amount_of[x] for x in g.pop("lines")] == [amount_of[x] for x in w.pop("lines")]
        assert g == w


def test_agreement_and_heading(pair: tuple[str, Path, Path]) -> None:
    _, draft_path, hand_path = pair
    draft = df.read_file(draft_path).document
    hand = df.read_file(hand_path).document
    assert isinstance(draft, df.PaymentDecisionIn) and isinstance(hand, df.PaymentDecisionIn)
    assert draft.title == hand.title
    assert draft.agreement.name == hand.agreement.name
    assert draft.agreement.diarienummer == hand.agreement.diarienummer
    assert draft.agreement.decision_date == hand.agreement.decision_date
    assert draft.agreement.decision_reference == hand.agreement.decision_reference
    assert draft.signatories == hand.signatories
    assert draft.copy_to == hand.copy_to
    assert {(tuple(s.groups), s.amount) for s in draft.stated_totals} == {
        (tuple(s.groups), s.amount) for s in hand.stated_totals
    }
    assert set(draft.appropriation_items) == set(hand.appropriation_items)
    for key, item in hand.appropriation_items.items():
        assert draft.appropriation_items[key] == item


def test_what_is_not_printed_is_null_and_named(tmp_path: Path) -> None:
    target = tmp_path / "draft.yaml"
    write_draft(FIXTURES / "000_419f1474416ea319.txt", target)
    data = raw(target)
    assert data["date"] is None and data["diarienummer"] is None
    named = {m.split(":", 1)[0] for m in data["missing"]}
    assert {"date", "diarienummer", "agreement.id"} <= named


def test_printed_text_equals_the_hand_transcription(pair: tuple[str, Path, Path]) -> None:
    """The draft's ``text:`` blocks are the hand-written file's, word for word, annexes
    included."""
    _, draft_path, hand_path = pair
    draft = df.read_file(draft_path).document
    hand = df.read_file(hand_path).document
    assert blocks(draft.text) == blocks(hand.text)  # type: ignore[attr-defined]
    for got, want in zip(draft.annexes, hand.annexes, strict=True):
        assert blocks(got.text) == blocks(want.text)  # type: ignore[attr-defined]
