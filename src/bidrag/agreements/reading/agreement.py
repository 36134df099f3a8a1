"""An agreement (överenskommelse) is not a payment decision: what the reader drafts of it.

A payment decision says what is paid, to whom, when and from which appropriation item; the
reader finds that in sentence patterns. An agreement says it across chapters of prose (areas,
conditions, reports) that only a person maps to ``areas``. What the two share is the annexes'
allocation tables, the part payments are made from, and those the reader reads the same way:
every "Bilaga N" with a table of regions, counties or samverkansregioner becomes an annex
(title, columns, rows resolved through the register, reference data, the totals row as
printed). Everything else of the agreement file (name, parties, signatures, total, areas, the
printed text) is named under ``missing:``, so the draft does not load until a person has
written it; the console report says so.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from bidrag.agreements.reading.annexes import annex_data, split_annexes
from bidrag.agreements.reading.decision import Draft
from bidrag.agreements.reading.layout import Layout
from bidrag.agreements.reading.source import Source

_DECISION = re.compile(
    r"^(?:Regeringens beslut|På regeringens vägnar)\b|\buppdrar\s+åt\s+Kammarkollegiet\b|"
    r"\bger\s+Kammarkollegiet\s+i\s+uppdrag\b",
    re.IGNORECASE,
)
_AGREEMENT = re.compile(r"\böverenskommelse", re.IGNORECASE)


def is_agreement(source: Source) -> bool:
    """No mark of a government decision, and the text speaks of an agreement."""
    if any(_DECISION.search(line.text.strip()) for line in source.lines):
        return False
    return any(_AGREEMENT.search(line.text) for line in source.lines[:200])


def read_agreement(source: Source) -> Draft:
    layout = Layout(source)
    blocks = layout.blocks()
    missing: list[tuple[str, str]] = [
        (
            key,
            f"{what} skrivs av en person: läsaren läser en överenskommelses bilagor, "
            "inte dess text",
        )
        for key, what in (
            ("name", "överenskommelsens namn"),
            ("parties", "parterna"),
            ("year", "året"),
            ("total", "statens medel"),
            ("areas", "utvecklingsområdena"),
            ("text", "den tryckta texten"),
        )
    ]
    notes: list[str] = []
    annexes: list[dict[str, Any]] = []
    annex_text: dict[int, list[dict[str, Any]]] = {}
    labelled = [p for p in split_annexes(blocks) if p.table is not None and p.title]
    for part in labelled:
        assert part.table is not None
        if part.table.problems or not part.table.titles:
            notes.append(
                f"tabellen på {part.table.place} ({part.title}) kan inte delas i sina kolumner "
                "(siffrorna står utan mellanrum mellan kolumnerna); en person skriver den"
            )
            missing.append((f"bilaga {part.number}", f"tabellen på {part.table.place} läses inte"))
            continue
        result = annex_data(part, [], {}, {}, agreement=True)
        if result.data["recipients"] and all(
            "finns inte i registret" not in text for _, text in result.missing
        ):
            annexes.append(result.data)
            annex_text[result.data["number"]] = result.text
            missing.extend(result.missing)
        else:
            notes.append(
                f"tabellen på {part.place} fördelar inte till regioner, län eller "
                "samverkansregioner och läses inte som bilaga"
            )
    data: dict[str, Any] = {
        "kind": "agreement",
        "id": "utkast-" + re.sub(r"[^a-z0-9]+", "-", Path(source.path).stem.lower()).strip("-"),
        "diarienummer": None,
        "year": None,
        "name": None,
        "parties": [],
        "total": None,
        "areas": [],
        "annexes": annexes,
    }
    missing.insert(0, ("diarienummer", "överenskommelsens diarienummer skrivs av en person"))
    return Draft(data, missing, notes, [], annex_text, {}, source)
