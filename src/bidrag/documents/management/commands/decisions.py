"""``bidrag decisions``: the loaded payment decisions, one per line, id first."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from bidrag.core.money import format_kronor
from bidrag.documents.queries import current_decisions


class Command(BaseCommand):
    help = (
        "Lists the loaded (current) payment decisions, one per line, tab-separated: id, date, "
        "diarienummer, title, total in kronor. A missing date or diarienummer shows as '-'. "
        "The id is what `bidrag render ID` takes."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        decisions = list(current_decisions())
        if not decisions:
            self.stderr.write("Inga beslut är inlästa (läs in med `bidrag load decisions/*.yaml`).")
            return
        for d in decisions:
            fields = [
                d.document_id,
                d.date.isoformat() if d.date else "-",
                d.diarienummer or "-",
                d.title,
                format_kronor(d.total),
            ]
            self.stdout.write("\t".join(fields))
