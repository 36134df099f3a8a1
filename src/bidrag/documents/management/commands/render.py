"""``bidrag render ID --format pdf|html|xlsx|csv --output PATH``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from bidrag.documents.annexes import decision_annexes
from bidrag.documents.csv_writer import csv_bytes
from bidrag.documents.pdf import render_pdf
from bidrag.documents.queries import UnknownDecision, find_decision
from bidrag.documents.render import render_html
from bidrag.documents.xlsx import write_xlsx

FORMATS = ("pdf", "html", "xlsx", "csv")


class Command(BaseCommand):
    help = (
        "Renders a payment decision (ID from `bidrag decisions`). pdf and html: the decision "
        "with all its annexes in the government's layout. xlsx: every annex, one sheet per annex "
        "with its total row. csv: with --annex N that annex is written to PATH; "
        "without it every annex is written to its own file, PATH with '-bilaga-N' added before "
        "the suffix (beslut.csv -> beslut-bilaga-1.csv, beslut-bilaga-2.csv). CSV is UTF-8 with "
        "BOM, semicolon-separated. '-' as PATH writes to standard output (not for pdf/xlsx; "
        "several CSV tables then follow each other, each after its title line)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("id", help="the decision's id, as `bidrag decisions` lists it")
        parser.add_argument("--format", choices=FORMATS, required=True, dest="fmt")
        parser.add_argument("--output", "-o", required=True, help="file to write, or '-'")
        parser.add_argument("--annex", type=int, help="csv/xlsx: only annex (bilaga) number N")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            decision = find_decision(options["id"])
        except UnknownDecision as e:
            raise CommandError(
                f"no loaded payment decision has id '{e.ref}'; `bidrag decisions` lists them"
            ) from e
        fmt, output = options["fmt"], options["output"]
        if fmt == "html":
            self._write(output, render_html(decision).encode("utf-8"), binary=False)
            return
        if fmt == "pdf":
            self._write(output, render_pdf(decision), binary=True)
            return
        annexes = decision_annexes(decision)
        if options["annex"] is not None:
            annexes = [a for a in annexes if a.number == options["annex"]]
            if not annexes:
                raise CommandError(f"decision '{options['id']}' has no annex {options['annex']}")
        if not annexes:
            raise CommandError(f"decision '{options['id']}' has no annexes")
        if fmt == "xlsx":
            self._write(output, write_xlsx([a.table for a in annexes]), binary=True)
        elif len(annexes) == 1 or output == "-":
            self._write(output, csv_bytes(*(a.table for a in annexes)), binary=False)
        else:
            path = Path(output)
            for annex in annexes:
                target = path.with_name(f"{path.stem}-bilaga-{annex.number}{path.suffix}")
                self._write(str(target), csv_bytes(annex.table), binary=False)

    def _write(self, output: str, data: bytes, *, binary: bool) -> None:
        if output == "-":
            if binary:
                raise CommandError("pdf and xlsx cannot be written to standard output; give a file")
            self.stdout.write(data.decode("utf-8").lstrip("\ufeff"), ending="")
            return
        path = Path(output)
        if not path.parent.exists():
            raise CommandError(f"cannot write {output}: folder {path.parent} does not exist")
        path.write_bytes(data)
        self.stderr.write(f"wrote {output}")
