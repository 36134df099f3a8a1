"""The console report of ``bidrag read`` (rich): what was read and where, what is missing,
what a person must confirm, and ``verify``'s findings sorted by who can settle them.

A finding ``verify`` reports on a draft is settled in one of two ways:

- *a value the draft lacks* (a null, an unknown name, a missing deadline): a person reads it in
  the document and fills it in, or confirms that the document does not print it;
- *a discrepancy in the printed document* (a model deviation, a merged totals row, a misspelt
  name, totals that do not add up): it stays as printed and a person acknowledges it with an
  explanation (``acknowledged:``), which only a person can give.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from bidrag.agreements.checks import Problem
from bidrag.agreements.reading.decision import Draft
from bidrag.agreements.services import FileReport
from bidrag.core.money import format_kronor

DISCREPANCIES = {
    "lines-sum": "beslutsraderna summerar inte till totalbeloppet",
    "stated-total": "en summa som texten anger stämmer inte med raderna",
    "annex-sum": "en bilagas kolumn summerar inte till sin beslutsrad",
    "printed-total": "en tryckt summa är inte radernas summa",
    "total-row-merged": "summaradens celler står ihop och kan läsas på två sätt",
    "row-sum": "en summakolumn stämmer inte på en rad",
    "model-deviation": "tabellen avviker från fördelningsmodellen",
    "prose-model-deviation": "tabellen avviker från modellen som texten anger",
    "model-unknown": "fördelningsnyckeln går inte att härleda ur dokumentet",
    "name-as-printed": "ett namn är tryckt annorlunda än i registret",
    "deadline-order": "datumen står i fel ordning",
}


def _date(value: Any) -> str:
    return value.isoformat() if value is not None else "[red]saknas[/red]"


def _kr(value: Any) -> str:
    return format_kronor(value) if isinstance(value, int) else "[red]saknas[/red]"


def needs(problem: Problem) -> str:
    """Who settles a finding, in words."""
    if problem.code in DISCREPANCIES and not problem.fatal:
        return (
            f"avvikelse i dokumentet ({DISCREPANCIES[problem.code]}): en person kvitterar den "
            "under acknowledged: med en förklaring"
        )
    return "värde saknas eller är fel i utkastet: en person fyller i det ur dokumentet"


def print_report(draft: Draft, output: str, report: FileReport | None, out: Any) -> None:
    console = Console(file=out, width=160, highlight=False, soft_wrap=True)
    data = draft.data
    console.print(
        f"[bold]{escape(draft.source.path)}[/bold] → [bold]{escape(output)}[/bold] "
        f"({draft.source.kind}, {draft.source.pages} sidor)"
    )
    if data.get("kind") == "agreement":
        console.print(
            "  en överenskommelse, inte ett beslut om utbetalning: läsaren läser dess bilagor; "
            "namn, parter, belopp och områden skriver en person"
        )
    console.print(f"  rubrik: {escape(str(data.get('title') or data.get('name')))}")
    console.print(
        f"  datum {_date(data.get('date'))}, diarienummer {escape(str(data.get('diarienummer')))}, "
        f"totalt {_kr(data.get('total'))}, budgetår {data.get('budget_year')}"
    )
    agreement = data.get("agreement") or {}
    console.print(
        f"  överenskommelse: {escape(str(agreement.get('name')))} "
        f"({escape(str(agreement.get('diarienummer')))})"
    )
    table = Table(title="Beslutsrader", show_lines=False, title_justify="left")
    for column in (
        "id",
        "belopp",
        "mottagare",
        "sätt",
        "period",
        "rekvisition",
        "återbetalning",
        "redovisning",
        "anslagspost",
        "läst på",
    ):
        table.add_column(column)
    for i, line in enumerate(data.get("lines", [])):
        window = ""
        if line.get("payment_window_start") or line.get("payment_window_end"):
            start, end = line.get("payment_window_start"), line.get("payment_window_end")
            window = f"{_date(start)} – {_date(end)}"
        table.add_row(
            escape(line["id"]),
            _kr(line.get("amount")),
            escape(str(line.get("recipient_group"))),
            {
                "with_requisition": "efter rekvisition",
                "without_requisition": "utan rekvisition",
            }.get(line.get("mode") or "", "[red]saknas[/red]"),
            window,
            _date(line.get("requisition_deadline")) if "requisition_deadline" in line else "",
            _date(line.get("repayment_deadline")),
            _date(line.get("report_deadline")),
            escape(str(line.get("appropriation_item") or "[saknas]")),
            draft.places.get(f"lines[{i}]", ""),
        )
    console.print(table)
    for annex in data.get("annexes", []):
        columns = ", ".join(
            f"{c['id']} → {c.get('line') or 'ingen rad'}" for c in annex.get("columns", [])
        )
        total = annex.get("total_row", {}).get("printed") or annex.get("total_text") or "–"
        console.print(
            f"  bilaga {annex['number']}: {len(annex.get('rows', []))} rader "
            f"({annex['recipients']}), kolumner {escape(columns)}; summa: {escape(str(total))}"
        )
    if draft.missing:
        console.print(f"[bold]Saknas ({len(draft.missing)})[/bold] – står som null i utkastet:")
        for field, text in draft.missing:
            console.print(f"  [yellow]saknas[/yellow] {escape(field)}: {escape(text)}")
    if draft.notes:
        console.print("[bold]Att bekräfta[/bold]:")
        for note in draft.notes:
            console.print(f"  [cyan]bekräfta[/cyan] {escape(note)}")
    if report is None:
        return
    if report.read_errors:
        console.print(
            f"[bold]verify[/bold]: utkastet läses inte in ({len(report.read_errors)} fält saknas "
            "eller är fel); en person fyller i dem ur dokumentet:"
        )
        for line in report.read_errors:
            console.print(f"  [red]fel[/red] {escape(line)}")
        return
    problems = [p for p in report.problems if p.status != "info"]
    if not problems:
        console.print("[bold]verify[/bold]: inga fel och inga avvikelser")
        return
    console.print(f"[bold]verify[/bold]: {len(problems)} fynd; vem som avgör:")
    for p in problems:
        console.print(f"  [red]{p.code}[/red] {escape(p.location)}: {escape(p.message)}")
        console.print(f"      → {escape(needs(p))}")
