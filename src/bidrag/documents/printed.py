"""A loaded document as printed: its own text blocks, read back from its stored source file.

Nothing here composes prose. :func:`printed_document` takes the decision file as loaded (the
``SourceFile`` of the decision's or agreement's version, read with
:func:`bidrag.agreements.decision_file.parse_text`) and lays out what the file says is printed:
the head (department, date and diarienummer only when the document prints them), the title, the
``text`` blocks, the signatories and the annexes with their tables. Heading levels follow the
printed numbering; an annex table's cells come from the annex's rows, formatted as printed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bidrag.agreements import decision_file as df
from bidrag.agreements.models import Agreement, PaymentDecision, SourceFile
from bidrag.core.money import format_kronor

_NUMBERED = re.compile(r"^(\d+(?:\.\d+)*)\.?\s")
_NUMERIC_CELL = re.compile(r"^[\d\s,%−-]+$")


@dataclass(frozen=True)
class PrintedTable:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[bool, ...]  # per column: right-aligned figures
    total: tuple[str, ...] | None = None

    @property
    def row_headers(self) -> bool:
        """A table of figures names its rows in its first column; a form does not."""
        return any(self.numeric)

    @property
    def wide(self) -> bool:
        return len(self.header) > 6

    def _cells(self, row: tuple[str, ...]) -> list[tuple[str, bool]]:
        return list(zip(row, self.numeric, strict=True))

    @property
    def head(self) -> list[tuple[str, bool]]:
        return self._cells(self.header)

    @property
    def body(self) -> list[list[tuple[str, bool]]]:
        return [self._cells(row) for row in self.rows]

    @property
    def foot(self) -> list[tuple[str, bool]]:
        return self._cells(self.total) if self.total is not None else []


@dataclass(frozen=True)
class Block:
    """One printed block, ready for ``documents/_blocks.html``."""

    kind: str  # heading, paragraph, items, table, footnote, signatures
    text: str = ""
    level: int = 2  # headings: 1–6
    items: tuple[str, ...] = ()
    numbered: bool = False  # items that carry their printed numbers
    table: PrintedTable | None = None
    columns: tuple[tuple[str, ...], ...] = ()  # signatures: one column per party


@dataclass(frozen=True)
class PrintedAnnex:
    number: int
    title: str  # empty for an annex printed as text (its heading is in its blocks)
    blocks: tuple[Block, ...]

    @property
    def wide(self) -> bool:
        """An annex with a wide table is printed on landscape pages."""
        return any(b.table is not None and b.table.wide for b in self.blocks)


@dataclass(frozen=True)
class PrintedDocument:
    kind: str  # payment_decision or agreement
    name: str  # the document's title or name, for the page title
    title: str  # the printed title above the text (decisions); "" for agreements
    department: str = ""
    date: str = ""  # as printed (ISO), "" when the document prints none
    diarienummer: str = ""
    addressee: tuple[str, ...] = ()
    blocks: tuple[Block, ...] = ()
    signatories: tuple[str, ...] = ()
    copy_to: tuple[str, ...] = ()
    annexes: tuple[PrintedAnnex, ...] = field(default_factory=tuple)

    @property
    def is_decision(self) -> bool:
        return self.kind == "payment_decision"


def source_of(document: PaymentDecision | Agreement) -> SourceFile:
    """The stored decision file of this version of the document."""
    return document.source


def parse_source(source: SourceFile) -> df.Document:
    return df.parse_text(source.content, source.path).document


def document_of(document: PaymentDecision | Agreement) -> PrintedDocument:
    return printed_document(parse_source(source_of(document)))


# --- from the file ----------------------------------------------------------------------------


def printed_document(doc: df.Document) -> PrintedDocument:
    body = [b for b in doc.text if b.annex is None]
    text_annexes = [b.annex for b in doc.text if b.annex is not None]
    annexes = [
        PrintedAnnex(a.number, "", tuple(_blocks(a.text, base=2, annex=None))) for a in text_annexes
    ]
    annexes += [
        PrintedAnnex(
            a.number,
            " ".join(a.title.split()),
            tuple(_blocks(a.text or [_default_table(a)], base=3, annex=a)),
        )
        for a in doc.annexes
    ]
    annexes.sort(key=lambda a: a.number)
    if isinstance(doc, df.PaymentDecisionIn):
        return PrintedDocument(
            kind=doc.kind,
            name=doc.title,
            title=" ".join(doc.title.split()),
            department=doc.department,
            date=doc.date.isoformat() if doc.date else "",
            diarienummer=doc.diarienummer or "",
            addressee=tuple(p.strip() for p in doc.addressee.split(",") if p.strip()),
            blocks=tuple(_blocks(body, base=2, annex=None)),
            signatories=tuple(doc.signatories),
            copy_to=tuple(doc.copy_to),
            annexes=tuple(annexes),
        )
    return PrintedDocument(
        kind=doc.kind,
        name=" ".join(doc.name.split()),
        title="",
        blocks=tuple(_blocks(body, base=1, annex=None)),
        annexes=tuple(annexes),
    )


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _lines(text: str) -> str:
    """Whitespace normalised within lines; the line breaks printed on purpose kept."""
    return "\n".join(_one_line(line) for line in text.strip().split("\n"))


def _blocks(blocks: list[df.BlockIn], *, base: int, annex: df.AnnexIn | None) -> list[Block]:
    out: list[Block] = []
    last_numbered: int | None = None
    for block in blocks:
        if block.heading is not None:
            heading = _one_line(block.heading)
            number = _NUMBERED.match(heading)
            if number:
                level = base + number.group(1).count(".")
                last_numbered = level
            else:
                level = last_numbered + 1 if last_numbered else base
            out.append(Block("heading", heading, level=min(level, 6)))
        elif block.paragraph is not None:
            out.append(Block("paragraph", _lines(block.paragraph)))
        elif block.footnote is not None:
            out.append(Block("footnote", _lines(block.footnote)))
        elif block.items is not None:
            items = tuple(_lines(item) for item in block.items)
            numbered = all(re.match(r"\d+\.?\s", item) for item in items)
            out.append(Block("items", items=items, numbered=numbered))
        elif block.signatures is not None:
            columns = tuple(tuple(_one_line(c) for c in column) for column in block.signatures)
            out.append(Block("signatures", columns=columns))
        elif block.table is not None:
            out.append(Block("table", table=_table(block.table, annex)))
    return out


def _numeric(rows: list[tuple[str, ...]], width: int) -> tuple[bool, ...]:
    def is_numeric(i: int) -> bool:
        cells = [r[i] for r in rows if r[i].strip()]
        return bool(cells) and all(_NUMERIC_CELL.match(c) for c in cells)

    return tuple(is_numeric(i) for i in range(width))


def _table(table: df.TableIn, annex: df.AnnexIn | None) -> PrintedTable:
    header = tuple(_one_line(h) for h in table.header)
    if table.columns is None:
        rows = [tuple(_lines(c) for c in row) for row in table.rows or []]
        return PrintedTable(header, tuple(rows), _numeric(rows, len(header)))
    assert annex is not None  # the reader allows columns only in an annex
    rows = [tuple(_annex_cell(annex, row, key) for key in table.columns) for row in annex.rows]
    total = None
    if annex.total_row is not None:
        printed = {cell.column: cell.value for cell in annex.total_row.cells}
        printed["name"] = annex.total_row.label
        total = tuple(_one_line(printed.get(key, "")) for key in table.columns)
    numeric = tuple(key != "name" for key in table.columns)
    return PrintedTable(header, tuple(rows), numeric, total)


def _annex_cell(annex: df.AnnexIn, row: df.AnnexRowIn, key: str) -> str:
    """A cell of an annex row as printed: names and printed values as they are, figures grouped."""
    if key == "name":
        return row.name
    if key in row.printed:
        return row.printed[key]
    if key in row.reference:
        return format_kronor(row.reference[key], unit=False)
    if row.amount is not None and key in {c.id for c in annex.columns}:
        return format_kronor(row.amount, unit=False)
    if key in row.amounts:
        return format_kronor(row.amounts[key], unit=False)
    return ""


def _default_table(annex: df.AnnexIn) -> df.BlockIn:
    """For an annex whose file gives no printed text: its table under its columns' own titles."""
    keys = ["name"]  # then the reference data and printed values the rows hold
    for row in annex.rows:
        keys += [k for k in [*row.reference, *row.printed] if k not in keys]
    keys += [c.id for c in annex.columns]
    titles = {c.id: c.title or c.id for c in annex.columns}
    titles.update({k: v.description for k, v in annex.reference_data.items()})
    header = ["" if k == "name" else titles.get(k, k) for k in keys]
    return df.BlockIn(table=df.TableIn(header=header, columns=keys))
