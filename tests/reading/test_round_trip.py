"""Round trip: a loaded decision rendered by `bidrag render --format pdf` and read back with
`bidrag read` gives the same decision file content.

"Content" is what the document prints: heading (title, department, date, diarienummer,
addressee), the agreement (name, diarienummer, decision and its date), budget year, total,
stated totals, every line (amount, recipients, purpose, mode, window, requisition, repayment and
report deadlines, appropriation item with all its names), signatories, copy list, the decision
and case texts, and every annex (number, title, recipients, rows with names, amounts, reference
values, printed cells and payees, totals row or total sentence). Left out: the agreement file's
`id` (a name chosen for the file, never printed) and what a person or the reader infers rather
than reads (allocation models, key descriptions, acknowledgements).

The renderer of today prints its own "Summa" row under every annex instead of the totals row
as decided (and one where the document has a sentence instead); those fields are listed in
RENDERER_GAPS and may differ. The docs stream is making the PDF print the annex as decided; when
it does, the gaps close and the comparison stays as it is.
"""

from __future__ import annotations

from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from reading_facts import DECISIONS, annexes, lines

from bidrag.agreements import decision_file as df

PAYMENT_DECISIONS = ["2021-psv-payment-decision", "2023-S2023-00488-payment-decision"]
RENDERER_GAPS = {
    "2021-psv-payment-decision": {
        "annexes[1].total_row",
        "annexes[2].total_row",
        "annexes[2].total_text",
    },
    "2023-S2023-00488-payment-decision": {"annexes[1].total_row", "annexes[2].total_row"},
}
HEADING = ("title", "department", "addressee", "date", "diarienummer", "budget_year", "total")


def norm(text: str) -> str:
    return " ".join(text.split())


def content(doc: df.PaymentDecisionIn) -> dict[str, Any]:
    out: dict[str, Any] = {f: getattr(doc, f) for f in HEADING}
    out["agreement"] = doc.agreement.model_dump(exclude={"id"})
    out["stated_totals"] = sorted((tuple(s.groups), s.amount) for s in doc.stated_totals)
    for i, (facts, line) in enumerate(zip(lines(doc), doc.lines, strict=True)):
        out[f"lines[{i}]"] = facts | {"purpose": norm(line.purpose)}
    out["lines"] = len(doc.lines)
    out["signatories"] = doc.signatories
    out["copy_to"] = doc.copy_to
    out["decision_text"] = norm(doc.decision_text)
    out["case_text"] = norm(doc.case_text)
    for annex, facts in zip(doc.annexes, annexes(doc), strict=True):
        n = annex.number
        amounts = {ln.id: ln.amount for ln in doc.lines}
        out[f"annexes[{n}].title"] = norm(annex.title)
        out[f"annexes[{n}].recipients"] = annex.recipients
        out[f"annexes[{n}].rows"] = facts["rows"]
        out[f"annexes[{n}].lines"] = [amounts.get(x or "") for x in facts["lines"]]
        out[f"annexes[{n}].total_row"] = facts["total_row"]
        out[f"annexes[{n}].total_text"] = facts["total_text"]
    out["annexes"] = len(doc.annexes)
    return out


@pytest.mark.django_db
@pytest.mark.parametrize("document_id", PAYMENT_DECISIONS)
def test_rendered_pdf_reads_back_to_the_same_content(
    loaded: None, document_id: str, tmp_path: Path
) -> None:
    pdf = tmp_path / "decision.pdf"
    call_command("render", document_id, "--format", "pdf", "--output", str(pdf), stderr=StringIO())
    draft = tmp_path / "draft.yaml"
    call_command("read", str(pdf), "--output", str(draft), stdout=StringIO())
    got = df.read_file(draft).document
    want = df.read_file(DECISIONS / f"{document_id}.yaml").document
    assert isinstance(got, df.PaymentDecisionIn) and isinstance(want, df.PaymentDecisionIn)
    a, b = content(got), content(want)
    assert set(a) == set(b)
    differing = {k for k in a if a[k] != b[k]}
    assert differing <= RENDERER_GAPS[document_id], {k: (a[k], b[k]) for k in differing}


@pytest.mark.django_db
def test_agreements_are_not_payment_decisions(loaded: None, tmp_path: Path) -> None:
    """`bidrag render` renders payment decisions only; an agreement has nothing to render."""
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="no loaded payment decision"):
        call_command(
            "render",
            "2021-agreement-god-och-nara-vard",
            "--format",
            "pdf",
            "--output",
            str(tmp_path / "x.pdf"),
        )
