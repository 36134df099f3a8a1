"""A read decision → YAML in the schema of ``decisions/README.md``.

Amounts are written the way the files write them ("215 000 000"), dates as ISO, nulls where
the text gives no value (``missing:`` says why). The printed body goes into ``text:`` blocks
(``decisions/README.md``, section on text), the document's and each annex's.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import yaml

from bidrag.agreements.reading.decision import Draft
from bidrag.core.money import format_kronor

AMOUNT_KEYS = {"amount", "total", "base_amount"}


def document(draft: Draft) -> dict[str, Any]:
    """The draft's content as the file's mapping, in the order the files use."""
    data = dict(draft.data)
    annexes = data.pop("annexes", [])
    signatories = data.pop("signatories", [])
    copy_to = data.pop("copy_to", [])
    out: dict[str, Any] = {}
    for key in ("kind", "id", "diarienummer", "date"):
        if key in data:
            out[key] = data.pop(key)
    missing = [f"{field}: {text}" for field, text in draft.missing]
    if missing:
        out["missing"] = missing
    out.update(data)
    if out["kind"] == "agreement":
        if annexes:
            out["annexes"] = _with_text(annexes, draft)
        return _amounts(out)
    out["signatories"] = signatories
    out["copy_to"] = copy_to
    out["text"] = draft.text
    if annexes:
        out["annexes"] = _with_text(annexes, draft)
    return _amounts(out)


def _with_text(annexes: list[dict[str, Any]], draft: Draft) -> list[dict[str, Any]]:
    out = []
    for annex in annexes:
        blocks = draft.annex_text.get(annex["number"])
        out.append({**annex, "text": blocks} if blocks else annex)
    return out


def _amounts(value: Any, key: str = "") -> Any:
    """Amounts as the files write them: ``215000000`` → ``"215 000 000"``."""
    if isinstance(value, dict):
        if key == "amounts":
            return {k: _amounts(v, "amount") for k, v in value.items()}
        return {k: _amounts(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_amounts(v, key) for v in value]
    if isinstance(value, int) and not isinstance(value, bool) and key in AMOUNT_KEYS:
        return format_kronor(value, unit=False)
    return value


class _Dumper(yaml.SafeDumper):
    """Block style, no aliases, long text folded as the hand-written files do."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if len(value) > 90 and "\n" not in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=">")
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


def _date(dumper: yaml.SafeDumper, value: dt.date) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:timestamp", value.isoformat())


_Dumper.add_representer(str, _str)
_Dumper.add_representer(dt.date, _date)


def to_yaml(draft: Draft) -> str:
    header = (
        f"# Utkast läst av `bidrag read` ur {draft.source.path} ({draft.source.kind}, "
        f"{draft.source.pages} sidor).\n"
        "# Varje värde är läst ur dokumentet; det som inte kunde läsas står som null och i\n"
        "# 'missing' med sida och rad. Granska mot dokumentet och kör `bidrag verify`.\n"
    )
    body = yaml.dump(
        document(draft),
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        width=100,
        default_flow_style=False,
    )
    return header + body
