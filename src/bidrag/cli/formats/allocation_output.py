"""Allocation tables as text table, CSV, JSON and XLSX."""

from __future__ import annotations

import io
import json
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from rich.console import Console
from rich.table import Table as RichTable

from bidrag.core.allocation import AllocationResult, Reconciliation
from bidrag.core.money import format_kronor
from bidrag.documents.safe_cells import CsvWriter, Formula, append_row

Comparison = tuple[str, Reconciliation] | None


def header(result: AllocationResult) -> list[str]:
    return ["recipient", "share", *(f"part_{k.name}" for k in result.keys), "base", "amount"]


def rows(result: AllocationResult) -> list[list[Any]]:
    return [
        [
            r.recipient,
            r.share_text(10),
            *(r.part_kronor(k.name) for k in result.keys),
            r.base,
            r.amount,
        ]
        for r in result.rows
    ]


def to_csv(result: AllocationResult) -> str:
    buf = io.StringIO()
    writer = CsvWriter(buf, lineterminator="\n")
    writer.writerow(header(result))
    writer.writerows(rows(result))
    return buf.getvalue()


def _deviations(rec: Reconciliation) -> list[dict[str, Any]]:
    return [
        {
            "recipient": d.recipient,
            "computed": d.computed,
            "decided": d.decided,
            "difference": d.difference,
        }
        for d in rec.deviations
    ]


def to_json(result: AllocationResult, comparison: Comparison) -> str:
    doc: dict[str, Any] = {
        "total": result.total,
        "base_amount": result.base_amount,
        "rounding": result.rounding.value,
        "keys": [{"name": k.name, "weight": str(k.weight)} for k in result.keys],
        "rows": [
            {
                "recipient": r.recipient,
                "share": r.share_text(10),
                "parts": {k.name: r.part_kronor(k.name) for k in result.keys},
                "base": r.base,
                "amount": r.amount,
            }
            for r in result.rows
        ],
        "adjustments": [
            {"recipient": a.recipient, "kronor": a.kronor, "reason": a.reason}
            for a in result.adjustments
        ],
        "sum": result.sum,
        "gap": result.gap,
    }
    if comparison:
        label, rec = comparison
        doc["compare"] = {
            "decided": label,
            "deviations": _deviations(rec),
            "decided_sum": rec.decided_sum,
        }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def summary_line(result: AllocationResult) -> str:
    gap = (
        "exakt"
        if result.gap == 0
        else f"{format_kronor(abs(result.gap))} {'under' if result.gap > 0 else 'över'} totalen"
    )
    return (
        f"Totalt att fördela {format_kronor(result.total)}; summa {format_kronor(result.sum)}; "
        f"differens {gap}. Avrundning: {result.rounding.value}.\n"
    )


def adjustments_text(result: AllocationResult) -> str:
    if not result.adjustments:
        return ""
    lines = [f"Justeringar efter avrundning ({len(result.adjustments)}):"]
    lines += [f"  {a.recipient}: {a.kronor:+d} kr ({a.reason})" for a in result.adjustments]
    return "\n".join(lines) + "\n"


def comparison_text(label: str, rec: Reconciliation) -> str:
    if rec.matches:
        return f"Jämfört med {label}: inga avvikelser.\n"
    lines = [f"Jämfört med {label}: {len(rec.deviations)} avvikelse(r) (beslutat − beräknat):"]
    for d in rec.deviations:
        computed = "saknas" if d.computed is None else format_kronor(d.computed)
        decided = "saknas" if d.decided is None else format_kronor(d.decided)
        lines.append(
            f"  {d.recipient}: beräknat {computed}, beslutat {decided}, "
            f"differens {d.difference:+d} kr"
        )
    lines.append(
        f"  Summa beräknat {format_kronor(rec.computed_sum)}, "
        f"beslutat {format_kronor(rec.decided_sum)}"
    )
    return "\n".join(lines) + "\n"


def to_table_text(result: AllocationResult, comparison: Comparison) -> str:
    table = RichTable(show_footer=True, box=None, pad_edge=False)
    cols = header(result)
    sums = [
        *(sum(r.part_kronor(k.name) for r in result.rows) for k in result.keys),
        sum(r.base for r in result.rows),
        result.sum,
    ]
    footers = ["Summa", "", *(format_kronor(s, unit=False) for s in sums)]
    for i, (name, footer) in enumerate(zip(cols, footers, strict=True)):
        table.add_column(name, footer=footer, justify="left" if i == 0 else "right")
    for row in rows(result):
        table.add_row(row[0], row[1], *(format_kronor(v, unit=False) for v in row[2:]))
    console = Console(file=io.StringIO(), width=200, color_system=None, force_terminal=False)
    console.print(table)
    text = console.file.getvalue()  # type: ignore[attr-defined]
    text += summary_line(result)
    text += adjustments_text(result)
    if comparison:
        text += comparison_text(*comparison)
    return text


def to_xlsx(result: AllocationResult, comparison: Comparison) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Fördelning"
    append_row(ws, header(result))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in rows(result):
        append_row(ws, row)
    n = len(result.rows)
    total_row: list[Any] = ["Summa", None]
    for col in range(3, len(header(result)) + 1):
        letter = get_column_letter(col)
        total_row.append(Formula(f"=SUM({letter}2:{letter}{n + 1})"))
    append_row(ws, total_row)
    for row_cells in ws.iter_rows(min_row=2, min_col=3):
        for cell in row_cells:
            cell.number_format = "# ##0"
    if result.adjustments:
        adj = wb.create_sheet("Justeringar")
        append_row(adj, ["recipient", "kronor", "reason"])
        for a in result.adjustments:
            append_row(adj, [a.recipient, a.kronor, a.reason])
    if comparison:
        label, rec = comparison
        dev = wb.create_sheet("Avvikelser")
        append_row(dev, ["recipient", "computed", "decided", "difference"])
        for d in rec.deviations:
            append_row(dev, [d.recipient, d.computed, d.decided, d.difference])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
