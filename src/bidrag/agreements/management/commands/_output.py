"""Printing verify/load reports with rich (thin: no rules here)."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.markup import escape

from bidrag.agreements.services import FileReport

STATUS = {
    "new": "inläst som version {v}",
    "new-version": "inläst som ny version {v}",
    "unchanged": "oförändrad (version {v} är redan inläst): inget att göra",
    "refused": "avvisad",
    "not loaded": "inte inläst (en annan fil har fel)",
    "checked": "kontrollerad",
}


def acknowledged(n: int) -> str:
    return "1 kvitterad avvikelse" if n == 1 else f"{n} kvitterade avvikelser"


def print_reports(reports: list[FileReport], out: Any, *, loading: bool = False) -> None:
    console = Console(file=out, width=200, highlight=False, soft_wrap=True)
    for r in reports:
        status = STATUS.get(r.status, r.status).format(v=r.version)
        if not loading and r.status == "checked":
            status = "ok" if not r.warnings else f"ok, {acknowledged(len(r.warnings))}"
        console.print(f"[bold]{escape(r.path)}[/bold]: {escape(status)}")
        for line in r.errors:
            console.print(f"  [red]fel[/red] {escape(line)}")
        for line in r.warnings:
            console.print(f"  [yellow]kvitterad[/yellow] {escape(line)}")
        for change in r.changes:
            console.print(f"  ändrat: {escape(change)}")
