"""Helpers of the reading tests: the facts of a decision file, to compare parsed structures."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import yaml

from bidrag.agreements import decision_file as df
from bidrag.agreements.reading import Draft, read_path
from bidrag.agreements.reading.writer import _Dumper, to_yaml

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "reading"
DECISIONS = ROOT / "decisions"


# What only a person can write, which the tests take from the hand-written file: explanations
# of the document's own discrepancies, and the stand-in date the accounts use for a decision that
# prints none (the money-model schema asks for it).
PERSON_KEYS = ("acknowledged", "date_stand_in")


def write_draft(source: Path, target: Path, person: dict[str, Any] | None = None) -> Draft:
    """Read ``source`` and write the draft to ``target``, with ``person``'s keys added."""
    draft = read_path(source)
    target.write_text(to_yaml(draft), encoding="utf-8")
    if person:
        add_person_keys(target, person)
    return draft


def person_keys(hand: Path) -> dict[str, Any]:
    data = raw(hand)
    return {k: data[k] for k in PERSON_KEYS if data.get(k) is not None}


def add_person_keys(target: Path, person: dict[str, Any]) -> None:
    text = target.read_text(encoding="utf-8")
    for key in person:
        text = re.sub(rf"(?m)^{key}:.*\n", "", text)
    text += yaml.dump(person, Dumper=_Dumper, allow_unicode=True, sort_keys=False)
    target.write_text(text, encoding="utf-8")


def raw(path: Path) -> dict[str, Any]:
    loader = df._Loader(path.read_text(encoding="utf-8"))
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def item_of(doc: df.PaymentDecisionIn, key: str | None) -> tuple[Any, ...] | None:
    if key is None or key not in doc.appropriation_items:
        return None
    i = doc.appropriation_items[key]
    return (
        i.expenditure_area,
        i.expenditure_area_name,
        i.appropriation,
        i.appropriation_name,
        i.item,
        i.item_name,
    )


LINE_FIELDS = (
    "amount",
    "recipient_group",
    "recipient",
    "mode",
    "payment_window_start",
    "payment_window_end",
    "requisition_deadline",
    "repayment_deadline",
    "report_deadline",
)


def lines(doc: df.PaymentDecisionIn) -> list[dict[str, Any]]:
    """Every line's amount, recipients, mode, deadlines and appropriation item (resolved)."""
    out = []
    for line in doc.lines:
        facts = {f: getattr(line, f) for f in LINE_FIELDS}
        facts["appropriation_item"] = item_of(doc, line.appropriation_item)
        out.append(facts)
    return out


def annex_rows(annex: df.AnnexIn) -> list[dict[str, Any]]:
    """Every row as read: name, canonical name, amounts, reference values, printed cells, payee."""
    single = annex.columns[0].id if len(annex.columns) == 1 else None
    out = []
    for row in annex.rows:
        amounts = dict(row.amounts)
        if row.amount is not None and single is not None:
            amounts[single] = row.amount
        out.append(
            {
                "name": row.name,
                "recipient": row.recipient,
                "amounts": sorted(amounts.values()) if single is None else amounts[single],
                "reference": dict(row.reference),
                "printed": dict(row.printed),
                "payee": row.payee.model_dump() if row.payee else None,
            }
        )
    return out


def annexes(doc: df.PaymentDecisionIn) -> list[dict[str, Any]]:
    return [
        {
            "number": a.number,
            "recipients": a.recipients,
            "rows": annex_rows(a),
            "total_row": a.total_row.model_dump() if a.total_row else None,
            "total_text": a.total_text,
            "lines": [c.line for c in a.columns],
        }
        for a in doc.annexes
    ]


def iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def norm(text: str) -> str:
    return " ".join(text.split())


def blocks(value: Any) -> Any:
    """Text blocks with white space normalised (a PDF's lines are joined again on reading)."""
    if isinstance(value, list):
        return [blocks(v) for v in value]
    if hasattr(value, "model_dump"):
        return blocks(value.model_dump(exclude_none=True))
    if isinstance(value, dict):
        return {k: blocks(v) for k, v in value.items()}
    if isinstance(value, str):
        return "\n".join(norm(part) for part in value.split("\n"))
    return value
