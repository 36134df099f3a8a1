"""``bidrag read FILE --output DRAFT.yaml``: a payment decision (PDF or its text) → a draft
decision file, then ``verify`` on the draft. Thin: the reading is ``agreements.reading``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from bidrag.agreements.reading import read_path
from bidrag.agreements.reading.report import print_report
from bidrag.agreements.reading.source import SourceError
from bidrag.agreements.reading.writer import to_yaml
from bidrag.agreements.services import verify_file


class Command(BaseCommand):
    help = (
        "Läs ett regeringsbeslut om utbetalning (PDF eller text ur en PDF) till ett utkast av en "
        "beslutsfil. Det som inte går att läsa blir null och står under 'missing' med sida och "
        "rad; utkastet kontrolleras sedan som med `bidrag verify`."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", metavar="FILE", help="beslutet: PDF eller text (UTF-8)")
        parser.add_argument("--output", "-o", required=True, help="utkastet som skrivs (YAML)")
        parser.add_argument(
            "--force", action="store_true", help="skriv över en befintlig fil (annars vägras det)"
        )
        parser.add_argument(
            "--no-verify", action="store_true", help="kontrollera inte utkastet efteråt"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        output = Path(options["output"])
        if output.exists() and not options["force"]:
            raise CommandError(
                f"{output} finns redan; ett utkast skriver inte över en fil (ange --force)"
            )
        if not output.parent.exists():
            raise CommandError(f"mappen {output.parent} finns inte")
        try:
            draft = read_path(options["file"])
        except SourceError as e:
            raise CommandError(str(e)) from e
        output.write_text(to_yaml(draft), encoding="utf-8")
        report = None if options["no_verify"] else verify_file(str(output))
        print_report(draft, str(output), report, self.stdout)
