"""``bidrag load FILE... [--new-version]``: verify and load decision files, all or nothing."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from bidrag.agreements.management.commands._output import print_reports
from bidrag.agreements.services import load_files


class Command(BaseCommand):
    help = "Läs in beslutsfiler, alla eller ingen; en ändrad fil kräver --new-version."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument(
            "--new-version",
            action="store_true",
            help="läs in ändrade filer som nya versioner (de gamla behålls)",
        )
        parser.add_argument("--actor", default="cli", help="vem som läser in (för loggen)")

    def handle(self, *args: Any, **options: Any) -> None:
        reports = load_files(options["files"], options["actor"], new_version=options["new_version"])
        print_reports(reports, self.stdout, loading=True)
        errors = sum(len(r.errors) for r in reports)
        if errors:
            raise CommandError(f"{errors} fel: inget lästes in")
