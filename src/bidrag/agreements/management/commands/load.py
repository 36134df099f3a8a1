"""``bidrag load --user USERNAME FILE... [--new-version]``: verify and load decision files, all or
nothing, as the named person (who must hold the load permission)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from bidrag.agreements.management.commands._output import print_reports
from bidrag.agreements.services import LoadPermissionError, load_files


class Command(BaseCommand):
    help = "Läs in beslutsfiler, alla eller ingen; en ändrad fil kräver --new-version."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument(
            "--new-version",
            action="store_true",
            help="läs in ändrade filer som nya versioner (de gamla behålls)",
        )
        parser.add_argument(
            "--user",
            required=True,
            metavar="USERNAME",
            help="den som läser in (en användare med behörighet att läsa in beslut)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user = get_user_model().objects.filter(username=options["user"]).first()
        if user is None:
            raise CommandError(f"användaren {options['user']!r} finns inte")
        try:
            reports = load_files(options["files"], user, new_version=options["new_version"])
        except LoadPermissionError as e:
            raise CommandError(str(e)) from e
        print_reports(reports, self.stdout, loading=True)
        errors = sum(len(r.errors) for r in reports)
        if errors:
            raise CommandError(f"{errors} fel: inget lästes in")
