"""``bidrag verify FILE...``: check decision files; discrepancies listed, nothing written."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from bidrag.agreements.management.commands._output import print_reports
from bidrag.agreements.services import verify_files


class Command(BaseCommand):
    help = "Kontrollera beslutsfiler (decisions/*.yaml): summor, namn, modeller, datum."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", metavar="FILE")

    def handle(self, *args: Any, **options: Any) -> None:
        reports = verify_files(options["files"])
        print_reports(reports, self.stdout)
        errors = sum(len(r.errors) for r in reports)
        if errors:
            raise CommandError(f"{errors} fel")
