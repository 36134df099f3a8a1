"""``bidrag allocate``: an exact allocation table from a weights file (fördelningstabell)."""

from __future__ import annotations

import re
import sys
from fractions import Fraction
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from bidrag.cli.formats import allocation_output as out
from bidrag.core.allocation import (
    Adjustment,
    AllocationResult,
    Key,
    RecipientInput,
    Rounding,
    allocate,
    reconcile,
)
from bidrag.core.errors import DomainError, TableError
from bidrag.core.money import parse_kronor
from bidrag.core.tables import Table, parse_number, read_table_file, where

RECIPIENT = "recipient"
ADJUST = re.compile(r"^(?P<label>.+?)=(?P<amount>[+\-\u2212]\s*\d[\d\s]*)\s*:(?P<reason>.*)$")


def parse_key(text: str) -> Key:
    """``population`` or ``population=1`` or ``insatser=1/3``; weights are relative."""
    name, _, weight = text.partition("=")
    if not name.strip():
        raise CommandError(f"--key '{text}': the column name is missing")
    try:
        value = parse_number(weight, f"--key {name.strip()}") if weight else Fraction(1)
    except TableError as e:
        raise CommandError(str(e)) from e
    if value <= 0:
        raise CommandError(f"--key {name.strip()}: the weight must be positive, got {weight}")
    return Key(name.strip(), value)


def parse_adjustment(text: str) -> Adjustment:
    """``RECIPIENT=+1:reason`` — an explicit hand adjustment in whole kronor, with its reason."""
    match = ADJUST.match(text)
    if match is None:
        raise CommandError(f"--adjust '{text}': write RECIPIENT=+KRONOR:REASON or =-KRONOR:REASON")
    try:
        kronor = parse_kronor(match["amount"].replace(" ", ""), f"--adjust {match['label']}")
    except DomainError as e:
        raise CommandError(str(e)) from e
    return Adjustment(match["label"].strip(), kronor, match["reason"].strip())


def read_table_for(option: str, path: str) -> Table:
    """The table at ``path``; a refusal names the option, the file and the place in it."""
    try:
        return read_table_file(path)
    except DomainError as e:
        text = str(e) if path in str(e) else f"{path}: {e}"
        raise CommandError(f"{option}: {text}") from e


def require_columns(table: Table, names: list[str]) -> None:
    for name in names:
        if name not in table.header:
            present = ", ".join(repr(h) for h in table.header)
            raise CommandError(f"{table.source}: no column '{name}' (columns: {present})")


def read_weights(table: Table, keys: list[Key]) -> list[RecipientInput]:
    """The recipients and their key values; every bad cell named by line and column."""
    require_columns(table, [RECIPIENT, *(k.name for k in keys)])
    recipients = []
    seen: dict[str, int] = {}
    for row in table.rows:
        label = row.cells[RECIPIENT]
        if not label:
            raise CommandError(f"{table.source}: {where(row.line, RECIPIENT)}: empty")
        if label in seen:
            raise CommandError(
                f"{table.source}: {where(row.line, RECIPIENT)}: '{label}' "
                f"is already on line {seen[label]}"
            )
        seen[label] = row.line
        values = {}
        for key in keys:
            place = f"{table.source}: {where(row.line, key.name)}"
            try:
                values[key.name] = parse_number(row.cells[key.name], place)
            except TableError as e:
                raise CommandError(str(e)) from e
            if values[key.name] < 0:
                raise CommandError(f"{place}: negative value {row.cells[key.name]}")
        recipients.append(RecipientInput(label, values))
    return recipients


def read_decided(spec: str) -> tuple[str, dict[str, int]]:
    """``FILE.csv[:COLUMN]`` (default column ``amount``) → recipient → decided kronor."""
    path, column = spec, "amount"
    head, sep, tail = spec.rpartition(":")
    if sep and head and not Path(spec).exists():
        path, column = head, tail
    table = read_table_for("--compare", path)
    require_columns(table, [RECIPIENT, column])
    decided: dict[str, int] = {}
    for row in table.rows:
        place = f"{table.source}: {where(row.line, column)}"
        try:
            decided[row.cells[RECIPIENT]] = parse_kronor(row.cells[column], place)
        except DomainError as e:
            raise CommandError(str(e)) from e
    return f"{path}:{column}", decided


def write_output(path: str, data: bytes) -> None:
    """Write ``--output``; a path that cannot be written is refused by name, not a traceback."""
    try:
        Path(path).write_bytes(data)
    except OSError as e:
        raise CommandError(f"--output: cannot write {path}: {e.strerror or e}") from e


class Command(BaseCommand):
    help = (
        "Allocate a total between recipients by one or more weighted keys, exactly. "
        "FILE.csv has a 'recipient' column and numeric key columns (UTF-8 or Latin-1, comma "
        "or semicolon, spaces as thousands separators). Amounts are whole kronor."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--total", required=True, help="amount to allocate, whole kronor")
        parser.add_argument("--weights", required=True, metavar="FILE.csv")
        parser.add_argument(
            "--key",
            action="append",
            required=True,
            metavar="COLUMN[=WEIGHT]",
            help="a key column and its relative weight (default 1); repeat for several keys",
        )
        parser.add_argument(
            "--base-amount", default="0", help="amount every recipient gets first (grundbelopp)"
        )
        parser.add_argument(
            "--rounding",
            default=Rounding.LARGEST_REMAINDER.value,
            metavar="POLICY",
            help="half-up | largest-remainder (default) | parts-half-up",
        )
        parser.add_argument(
            "--adjust",
            action="append",
            default=[],
            metavar="RECIPIENT=±KRONOR:REASON",
            help="an explicit hand adjustment after rounding, with its reason; repeatable",
        )
        parser.add_argument(
            "--format", default="table", choices=["table", "csv", "json", "xlsx"], dest="fmt"
        )
        parser.add_argument("--output", metavar="FILE", help="write here instead of stdout")
        parser.add_argument(
            "--compare",
            metavar="FILE.csv[:COLUMN]",
            help="a decided table to reconcile with (column defaults to 'amount')",
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        try:
            total = parse_kronor(opts["total"], "--total")
            base = parse_kronor(opts["base_amount"], "--base-amount")
        except DomainError as e:
            raise CommandError(str(e)) from e
        try:
            rounding = Rounding(opts["rounding"])
        except ValueError as e:
            valid = ", ".join(r.value for r in Rounding)
            raise CommandError(f"--rounding: unknown policy '{opts['rounding']}' ({valid})") from e
        keys = [parse_key(k) for k in opts["key"]]
        table = read_table_for("--weights", opts["weights"])
        recipients = read_weights(table, keys)
        adjustments = [parse_adjustment(a) for a in opts["adjust"]]
        try:
            result = allocate(
                recipients,
                total,
                keys,
                base_amount=base,
                rounding=rounding,
                adjustments=adjustments,
            )
        except DomainError as e:
            raise CommandError(f"{table.source}: {e}") from e

        comparison = None
        if opts["compare"]:
            try:
                label, decided = read_decided(opts["compare"])
            except (DomainError, OSError) as e:
                raise CommandError(f"--compare: {e}") from e
            comparison = (label, reconcile(result, decided))
        self.emit(result, comparison, opts["fmt"], opts["output"])

    def emit(self, result: AllocationResult, comparison: Any, fmt: str, output: str | None) -> None:
        if fmt == "xlsx":
            if not output:
                raise CommandError("--format xlsx needs --output FILE.xlsx")
            write_output(output, out.to_xlsx(result, comparison))
        elif fmt == "table":
            text = out.to_table_text(result, comparison)
            self._write(text, output)
            return
        else:
            text = out.to_csv(result) if fmt == "csv" else out.to_json(result, comparison)
            self._write(text, output)
        # Machine formats stay clean: the comparison goes beside them, to stderr.
        if comparison and fmt != "json":
            (sys.stdout if output else sys.stderr).write(out.comparison_text(*comparison))

    def _write(self, text: str, output: str | None) -> None:
        if output:
            write_output(output, text.encode("utf-8"))
        else:
            self.stdout.write(text, ending="")
