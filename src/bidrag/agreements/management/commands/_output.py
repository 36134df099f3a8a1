"""Printing verify/load reports with rich (thin: no rules here)."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.markup import escape

from bidrag.agreements.services import FileReport

STATUS = {
    "new": "loaded as version {v}",
    "new-version": "loaded as new version {v}",
    "unchanged": "unchanged (version {v} already loaded): nothing to do",
    "refused": "refused",
    "not loaded": "not loaded (another file has errors)",
    "checked": "checked",
}


def print_reports(reports: list[FileReport], out: Any, *, loading: bool = False) -> None:
    console = Console(file=out, width=200, highlight=False, soft_wrap=True)
    for r in reports:
        status = STATUS.get(r.status, r.status).format(v=r.version)
        if not loading and r.status == "checked":
            status = (
                "ok" if not r.warnings else f"ok with {len(r.warnings)} acknowledged warning(s)"
            )
        console.print(f"[bold]{escape(r.path)}[/bold]: {escape(status)}")
        for line in r.errors:
            console.print(f"  [red]error[/red] {escape(line)}")
        for line in r.warnings:
            console.print(f"  [yellow]warning[/yellow] {escape(line)}")
        if r.problems and any(p.acknowledged_by for p in r.problems) and not loading:
            pass
        for change in r.changes:
            console.print(f"  changed: {escape(change)}")
