"""``bidrag render ID --format pdf|html|xlsx|csv --output PATH [--notes]``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from bidrag.agreements.models import PaymentDecision
from bidrag.documents.annexes import annex_documents
from bidrag.documents.csv_writer import csv_bytes
from bidrag.documents.pdf import render_pdf
from bidrag.documents.queries import UnknownDecision, find_document
from bidrag.documents.render import render_html
from bidrag.documents.xlsx import write_xlsx

FORMATS = ("pdf", "html", "xlsx", "csv")


class Command(BaseCommand):
    help = (
        "Renders a payment decision (ID from `bidrag decisions`) or an agreement (its id in "
        "decisions/*.yaml). pdf and html: the document with all its annexes as printed, from the "
        "loaded file's own text; html adds Kammarkollegiets anteckningar (derived deadlines, "
        "decision lines, allocation keys, findings) after the document, pdf only with --notes. "
        "xlsx: every annex, one sheet per annex "
        "with its total row. csv: with --annex N that annex is written to PATH; "
        "without it every annex is written to its own file, PATH with '-bilaga-N' added before "
        "the suffix (beslut.csv -> beslut-bilaga-1.csv, beslut-bilaga-2.csv). CSV is UTF-8 with "
        "BOM, semicolon-separated. '-' as PATH writes to standard output (not for pdf/xlsx; "
        "several CSV tables then follow each other, each after its title line)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "id", help="the decision's id (`bidrag decisions`) or an agreement's id"
        )
        parser.add_argument("--format", choices=FORMATS, required=True, dest="fmt")
        parser.add_argument("--output", "-o", required=True, help="file to write, or '-'")
        parser.add_argument("--annex", type=int, help="csv/xlsx: only annex (bilaga) number N")
        notes = parser.add_mutually_exclusive_group()
        notes.add_argument(
            "--notes",
            action="store_true",
            default=None,
            help="pdf/html: add Kammarkollegiets anteckningar on pages of their own (pdf: off)",
        )
        notes.add_argument(
            "--no-notes",
            action="store_false",
            dest="notes",
            help="html: the document alone, without Kammarkollegiets anteckningar",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            document = find_document(options["id"])
        except UnknownDecision as e:
            raise CommandError(
                f"no loaded payment decision or agreement has id '{e.ref}'; "
                "`bidrag decisions` lists the decisions"
            ) from e
        fmt, output, notes = options["fmt"], options["output"], options["notes"]
        if fmt == "html":
            html = render_html(document, notes=notes is not False)
            self._write(output, html.encode("utf-8"), binary=False)
            return
        if fmt == "pdf":
            self._write(output, render_pdf(document, notes=bool(notes)), binary=True)
            return
        kind = "decision" if isinstance(document, PaymentDecision) else "agreement"
        annexes = annex_documents(document.annexes.all())
        if options["annex"] is not None:
            annexes = [a for a in annexes if a.number == options["annex"]]
            if not annexes:
                raise CommandError(f"{kind} '{options['id']}' has no annex {options['annex']}")
        if not annexes:
            raise CommandError(f"{kind} '{options['id']}' has no annexes")
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
