"""Printed lines → blocks: headings, paragraphs, lists, tables and recipient entries.

The rules are those of the genre, not of one document:

- *Tables* are runs of row-like lines: a short label followed by numeric cells, the cells
  separated by tabs, by wide gaps (two spaces in text, a column gap in a PDF) or, where the
  extraction lost the gaps, by single spaces (then :mod:`.tables` splits the numbers). Header
  lines stand right before the first row; a totals row ("Summa", "Totalt") ends the table; a
  "Bilaga N. …"/"Tabell N. …" line right after it is its caption (a title after its table).
- *Recipient entries* are the other way annexes list money: "Norra samverkansregionen,
  10 000 000 kronor" followed by "Mottagare: …", "Bankgiro: …" lines (bulleted or not).
- *Paragraphs* end at a blank line (single-spaced text), a wider gap (PDF), or, in text where
  every line is followed by a blank line, at a short line that ends a sentence.
- *Headings* are short lines without sentence punctuation standing alone, or (PDF) set in a
  larger or bold font.
- *Lists* are lines starting with a bullet or a number ("•", "–", "1.", "a)").
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field
from typing import Any

from bidrag.agreements.reading.numbers import MONTHS, is_number_token, segmentations
from bidrag.agreements.reading.source import Line, Source

BULLET = re.compile(r"^\s*(?:[•·▪●◦○■\-–—*]|\d{1,2}[.)]|[a-z][.)])\s+")
TOTAL_LABELS = re.compile(
    r"^(?:summa|totalt?|totalsumma|total summa|sammanlagt|summa totalt|totalbelopp|samtliga)"
    r"\b[:.]?",
    re.IGNORECASE,
)
CAPTION = re.compile(r"^(?:bilaga|tabell)\s+\d+\s*[.:]\s*\S", re.IGNORECASE)
ANNEX_LABEL = re.compile(r"^bilaga\s+(\d+)\s*(?:[.:]\s*(?P<title>.*))?$", re.IGNORECASE)
ENTRY = re.compile(
    r"^(?:[•·▪●◦\-–]\s*)?(?P<name>[^\d,:•]{3,80}?)[,:]\s*(?P<amount>\d[\d ]*\d)\s*(?:kronor|kr)\.?$"
)
ATTRIBUTE = re.compile(
    r"^(?:[•·▪●◦\-–]\s*)?(?P<key>Mottagare|Betalningsmottagare|Organisationsnummer|Org\.?\s?nr|"
    r"Bankgiro|Bankgironummer|Plusgiro|Plusgironummer|Bank|Betalningsreferens|Referens|"
    r"Ref|OCR|OCR-nummer)\s*:\s*(?P<value>.*)$",
    re.IGNORECASE,
)
KNOWN_HEADING = re.compile(
    r"^(?:Regeringens beslut|Ärendet|Skälen för regeringens beslut|Skäl för beslutet|"
    r"Bakgrund|På regeringens vägnar|Kopia till|Bilaga \d+)\s*$",
    re.IGNORECASE,
)
SENTENCE_END = re.compile(r"[.:;!?]\)?[\"”']?$")
_MONTH_END = re.compile(rf"\b(?:{'|'.join(MONTHS)})$", re.IGNORECASE)


@dataclass
class Row:
    """One table row as printed: its label and the printed text of every other cell."""

    label: str
    cells: list[str]  # cells after the label, in printed order ("" for an empty cell)
    line: Line
    chunks: list[list[str]] = field(default_factory=list)  # numeric runs (text tables)
    resolved: bool = True  # False: the numbers of ``chunks`` are not yet split into cells


@dataclass
class Table:
    header: list[str]  # column titles, the label column first ("" when not printed)
    rows: list[Row]
    total: Row | None
    caption: str = ""
    caption_line: Line | None = None
    lines: list[Line] = field(default_factory=list)


@dataclass
class Entry:
    """A recipient entry: "Norra samverkansregionen, 10 000 000 kronor" and its attributes."""

    name: str
    amount: str
    line: Line
    attributes: list[tuple[str, str, Line]] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)  # every printed line, in order

    def text_blocks(self) -> list[dict[str, Any]]:
        """The entry as printed text: one paragraph keeping its lines apart, or, when its
        details are a bulleted list, the entry's line and the list."""
        head, *rest = self.lines
        if rest and BULLET.match(rest[0].text.strip()):
            items: list[list[str]] = []
            for line in rest:
                text = line.text.strip()
                if BULLET.match(text) or not items:
                    items.append([strip_bullet(text)])
                else:
                    items[-1].append(text)
            return [{"paragraph": head.text.strip()}, {"items": ["\n".join(i) for i in items]}]
        return [{"paragraph": "\n".join(line.text.strip() for line in self.lines)}]


@dataclass
class Block:
    kind: str  # heading, paragraph, items, table, entries
    lines: list[Line]
    items: list[list[Line]] = field(default_factory=list)
    table: Table | None = None
    entries: list[Entry] = field(default_factory=list)

    @property
    def text(self) -> str:
        return join_lines(self.lines)

    @property
    def item_texts(self) -> list[str]:
        return [strip_bullet(join_lines(item)) for item in self.items]

    @property
    def first(self) -> Line:
        return self.lines[0]

    @property
    def place(self) -> str:
        return self.lines[0].place


def strip_bullet(text: str) -> str:
    return BULLET.sub("", text, count=1).strip()


_CONJUNCTIONS = {"och", "eller", "samt", "till", "respektive", "som"}


def join_lines(lines: list[Line]) -> str:
    """The printed lines of one paragraph as one string, hyphenation and wraps undone."""
    return join_with_offsets(lines)[0]


def join_with_offsets(lines: list[Line]) -> tuple[str, list[tuple[int, Line]]]:
    """:func:`join_lines` and where in the string each line starts (for places)."""
    out = ""
    starts: list[tuple[int, Line]] = []
    for line in lines:
        text = " ".join(line.text.split())
        if not text:
            continue
        if not out:
            starts.append((0, line))
            out = text
            continue
        first = text.split(" ", 1)[0]
        if out.endswith("-") and len(out) > 1 and out[-2].isalpha():
            if first[:1].islower() and first.lower() not in _CONJUNCTIONS:
                out = out[:-1]
            else:
                out += " "
        elif re.search(r"\w:$", out) and first[:1].isdigit():
            pass  # "regeringsbeslut I:" + "0 från den …"
        else:
            out += " "
        starts.append((len(out), line))
        out += text
    return out, starts


# --- cells -----------------------------------------------------------------------------------


def chunks(line: Line) -> list[list[str]]:
    """The line's words grouped by wide gaps (two spaces in text, a column gap in a PDF)."""
    if not line.words:
        return []
    hard = line.space * 1.6 if line.size else 1.5
    groups: list[list[str]] = [[line.words[0].text]]
    for prev, word in zip(line.words, line.words[1:], strict=False):
        if word.x0 - prev.x1 > hard:
            groups.append([word.text])
        else:
            groups[-1].append(word.text)
    return groups


def _numeric(words: list[str]) -> bool:
    return bool(words) and all(is_number_token(w) for w in words)


def split_row(line: Line) -> Row | None:
    """A row-like line as label + cells; None for prose."""
    if line.cells and len(line.cells) >= 2:
        label, *others = line.cells
        if any(_numeric(c.split()) for c in others if c) and re.search(r"[^\W\d_]", label):
            return Row(label, others, line)
        return None
    if line.size and line.bold and not TOTAL_LABELS.match(line.text.strip()):
        return None  # a PDF table's head is set in bold, its rows are not
    groups = chunks(line)
    if len(groups) >= 2 and re.search(r"[^\W\d_]", " ".join(groups[0])):
        label_words = groups[0]
        rest: list[list[str]] = groups[1:]
        # the label chunk may end with the first numbers when a column gap was lost
        tail: list[str] = []
        while label_words and is_number_token(label_words[-1]) and len(label_words) > 1:
            tail.insert(0, label_words.pop())
        if tail:
            rest = [tail, *rest]
        if any(_numeric(g) for g in rest) and _short_label(label_words):
            if line.size:  # PDF: the chunks are the cells
                return Row(" ".join(label_words), [" ".join(g) for g in rest], line)
            numeric = [g for g in rest if _numeric(g)]
            if len(numeric) == len(rest):
                return Row(
                    " ".join(label_words),
                    [" ".join(g) for g in rest],
                    line,
                    chunks=rest,
                    resolved=False,
                )
            return None
    words = [w.text for w in line.words]
    i = len(words)
    while i > 0 and is_number_token(words[i - 1]):
        i -= 1
    label_words = words[:i]
    tail_words = words[i:]
    if not tail_words or not label_words or not _short_label(label_words):
        return None
    readable = any(segmentations(tail_words, n, limit=1) for n in range(1, len(tail_words) + 1))
    if any(":" in w for w in label_words) or not readable:
        return None
    if _MONTH_END.search(label_words[-1]) or SENTENCE_END.search(label_words[-1]):
        return None
    if not re.search(r"[^\W\d_]", " ".join(label_words)):
        return None
    return Row(
        " ".join(label_words), [" ".join(tail_words)], line, chunks=[tail_words], resolved=False
    )


def _short_label(words: list[str]) -> bool:
    text = " ".join(words)
    return 0 < len(words) <= 8 and len(text) <= 60 and not SENTENCE_END.search(text)


def is_total(row: Row) -> bool:
    return bool(TOTAL_LABELS.match(row.label.strip()))


# --- blocks ----------------------------------------------------------------------------------


class Layout:
    """Blocks of a source, in reading order."""

    def __init__(self, source: Source) -> None:
        self.source = source
        self.lines = source.lines
        self.pdf = source.kind == "pdf"
        self.body_size = source.body_size
        gaps = [line.gap for line in self.lines[1:]]
        self.double = (
            not self.pdf and bool(gaps) and sum(1 for g in gaps if g == 1) > 0.6 * len(gaps)
        )
        prose = [self.line_width(line) for line in self.lines if len(line.text) > 30]
        self.width = _high(prose, 80.0)
        self.right = 0.0
        if self.pdf:
            widths = [ln.words[-1].x1 - ln.indent for ln in self.lines if len(ln.text) > 30]
            self.width = _high(widths, 400.0)
            self.right = _high([ln.words[-1].x1 for ln in self.lines if len(ln.text) > 30], 500.0)

    # paragraph boundaries

    def para_gap(self, line: Line) -> bool:
        if line.break_before:
            return True
        if self.pdf:
            return line.gap > 0.75
        return line.gap >= (2 if self.double else 1)

    def line_width(self, line: Line) -> float:
        if line.words:
            return line.words[-1].x1 - line.words[0].x0
        return 0.0

    def ends_paragraph(self, line: Line, nxt: Line | None) -> bool:
        """Whether ``line`` ends its block: a gap, a change of font, a list or entry next, or
        a line break that was not a wrap (the next line's first word would have fit)."""
        if nxt is None or self.para_gap(nxt):
            return True
        if self.pdf and (abs(nxt.size - line.size) > 0.6 or nxt.bold != line.bold):
            return True
        if BULLET.match(nxt.text) or ATTRIBUTE.match(nxt.text) or ENTRY.match(nxt.text):
            return True
        text = nxt.text.strip()
        if KNOWN_HEADING.match(text) or KNOWN_HEADING.match(line.text.strip()):
            return True
        if self.pdf:
            # A PDF sets paragraphs apart by space, which para_gap has seen; across a page
            # break there is none, but a line that did not wrap ended its paragraph.
            return (
                nxt.new_page
                and bool(SENTENCE_END.search(line.text.strip()))
                and self.fits(line, nxt)
            )
        fits = self.fits(line, nxt)
        if SENTENCE_END.search(line.text.strip()):
            # Text where every printed line is followed by a blank line has lost its paragraph
            # gaps; there a sentence that ends with the line ends the paragraph.
            starts = text[:1].isupper() or text[:1].isdigit()
            return fits or nxt.new_page or (self.double and starts)
        width = self.line_width(line)
        if text[:1].isdigit():  # an amount starting a paragraph after a short heading
            return fits and width < 0.5 * self.width
        return fits and width < 0.8 * self.width and text[:1].isupper()

    def fits(self, line: Line, nxt: Line) -> bool:
        """Whether the next line's first word would have fitted at the end of this one."""
        if not nxt.words or not line.words:
            return False
        first = nxt.words[0]
        if self.pdf:
            right = line.words[-1].x1 + line.space + (first.x1 - first.x0)
            return right <= self.right + 1.0
        # text from a PDF set in a proportional font: characters are not widths. An amount
        # is printed unbroken ("290 000 000"), so it moves to the next line as one word.
        m = re.match(r"\d{1,3}(?: \d{3})+", nxt.text.strip())
        word = m.group() if m else first.text
        return self.line_width(line) + 1 + len(word) <= 0.92 * self.width

    def heading_like(self, lines: list[Line]) -> bool:
        text = join_lines(lines)
        if ANNEX_LABEL.match(text):
            return True
        if not text or len(text) > 300 or BULLET.match(text):
            return False
        if self.pdf:  # a heading is set apart by its font, and may end with a full stop
            return all(ln.bold or ln.size > self.body_size * 1.05 for ln in lines)
        if SENTENCE_END.search(text) or not (text[0].isupper() or text[0].isdigit()):
            return False
        if KNOWN_HEADING.match(text):
            return True
        return not text[0].isdigit() and len(lines) <= 3

    def blocks(self, lines: list[Line] | None = None) -> list[Block]:
        lines = self.lines if lines is None else lines
        out: list[Block] = []
        i = 0
        while i < len(lines):
            table_end = self.table_at(lines, i)
            if table_end is not None:
                block, i = table_end
                # header lines taken from the paragraph before
                while out and block.table and out[-1].lines and out[-1].lines[-1] in block.lines:
                    trimmed = [ln for ln in out[-1].lines if ln not in block.lines]
                    if trimmed:
                        out[-1] = _rebuild(out[-1], trimmed)
                    else:
                        out.pop()
                out.append(block)
                continue
            entries_end = self.entries_at(lines, i)
            if entries_end is not None:
                block, i = entries_end
                out.append(block)
                continue
            block, i = self.prose_at(lines, i)
            out.append(block)
        return out

    def prose_at(self, lines: list[Line], i: int) -> tuple[Block, int]:
        start = i
        bullet = bool(BULLET.match(lines[i].text)) and not ATTRIBUTE.match(lines[i].text)
        while i < len(lines):
            nxt = lines[i + 1] if i + 1 < len(lines) else None
            if nxt is not None and self.table_at(lines, i + 1, probe=True) is not None:
                i += 1
                break
            if bullet and nxt is not None and BULLET.match(nxt.text) and not self.para_gap(nxt):
                i += 1
                continue
            i += 1
            if self.ends_paragraph(lines[i - 1], nxt):
                break
        chunk = lines[start:i]
        if bullet:
            items: list[list[Line]] = []
            for line in chunk:
                if BULLET.match(line.text) or not items:
                    items.append([line])
                else:
                    items[-1].append(line)
            return Block("items", chunk, items=items), i
        kind = "heading" if self.heading_like(chunk) else "paragraph"
        return Block(kind, chunk), i

    # tables

    def table_at(self, lines: list[Line], i: int, probe: bool = False) -> tuple[Block, int] | None:
        first = split_row(lines[i])
        if first is None or is_total(first):
            return None
        rows = [first]
        used = [lines[i]]
        j = i + 1
        total: Row | None = None
        while j < len(lines):
            line = lines[j]
            row = split_row(line)
            if row is not None:
                if is_total(row):
                    total = row
                    used.append(line)
                    j += 1
                    break
                rows.append(row)
                used.append(line)
                j += 1
                continue
            if self.pdf and self._continuation(line, rows[-1]):
                rows[-1].line = rows[-1].line  # kept; cells are merged in tables.py
                rows[-1].cells = rows[-1].cells  # unchanged
                used.append(line)
                j += 1
                continue
            break
        if len(rows) < 2 and total is None:
            return None
        if probe:
            return Block("table", used), j
        header = self._header_lines(lines, i)
        caption = ""
        caption_line = None
        if j < len(lines) and CAPTION.match(lines[j].text.strip()):
            caption_line = lines[j]
            caption = lines[j].text.strip()
            j += 1
        table = Table([], rows, total, caption, caption_line, [*header, *used])
        block = Block("table", [*header, *used, *([caption_line] if caption_line else [])])
        block.table = table
        return block, j

    def _continuation(self, line: Line, row: Row) -> bool:
        """PDF: a wrapped cell's next line (no amount of its own, inside the table's columns)."""
        if not line.words or not row.line.words:
            return False
        if split_row(line) is not None or SENTENCE_END.search(line.text) and len(line.words) > 6:
            return False
        if abs(line.size - row.line.size) > 0.6:
            return False
        return line.gap < 0.75 and line.words[-1].x1 <= row.line.words[-1].x1 + 200

    def _header_lines(self, lines: list[Line], i: int) -> list[Line]:
        """Lines right above the first row that name its columns."""
        first = lines[i]
        out: list[Line] = []
        k = i - 1
        while k >= 0 and len(out) < 8:
            line = lines[k]
            text = line.text.strip()
            if ANNEX_LABEL.match(text) or CAPTION.match(text):
                break
            if first.cells:
                if line.cells and len(line.cells) == len(first.cells):
                    out.insert(0, line)
                break
            if self.pdf:
                if abs(line.size - first.size) > 0.6 or not line.bold:
                    break
                out.insert(0, line)
                if line.gap > 0.75:
                    break
                k -= 1
                continue
            if SENTENCE_END.search(text) or len(line.words) > 14 or split_row(line):
                break
            out.insert(0, line)
            if line.break_before or (self.double and line.gap >= 2):
                break
            if not self.double and line.gap >= 1 and out and len(out) > 0 and k < i - 1:
                break
            k -= 1
        return out

    # recipient entries

    def entries_at(self, lines: list[Line], i: int) -> tuple[Block, int] | None:
        m = ENTRY.match(lines[i].text.strip())
        if m is None:
            return None
        entries: list[Entry] = []
        used: list[Line] = []
        j = i
        while j < len(lines):
            text = lines[j].text.strip()
            em = ENTRY.match(text)
            if em:
                entries.append(Entry(em["name"].strip(), em["amount"].strip(), lines[j]))
                entries[-1].lines.append(lines[j])
                used.append(lines[j])
                j += 1
                continue
            am = ATTRIBUTE.match(text)
            if am and entries and _continues_reference(entries[-1], am["key"]):
                am = None
            if am and entries:
                entries[-1].attributes.append((am["key"], am["value"].strip(), lines[j]))
                entries[-1].lines.append(lines[j])
                used.append(lines[j])
                j += 1
                continue
            # a value continued on the next lines ("Betalningsreferens:" then an address)
            if entries and entries[-1].attributes and not self._starts_prose(lines, j):
                key, value, at = entries[-1].attributes[-1]
                joined = f"{value} / {text}" if value else text
                entries[-1].attributes[-1] = (key, joined, at)
                entries[-1].lines.append(lines[j])
                used.append(lines[j])
                j += 1
                continue
            break
        if not entries or not entries[0].attributes and len(entries) < 2:
            return None
        return Block("entries", used, entries=entries), j

    def _starts_prose(self, lines: list[Line], j: int) -> bool:
        line = lines[j]
        text = line.text.strip()
        if ENTRY.match(text) or ANNEX_LABEL.match(text) or split_row(line):
            return True
        if self.pdf and (line.gap > 0.75 or line.break_before):
            return True
        if not self.pdf and self.para_gap(line) and not self.double:
            return True
        return len(text) > 60 or bool(SENTENCE_END.search(text) and len(text.split()) > 6)


def _high(values: list[float] | list[int], default: float) -> float:
    """The width of a full line: the 95th percentile (a few overlong lines do not count)."""
    if len(values) < 10:
        return float(max(values)) if values else default
    return float(statistics.quantiles(values, n=20)[-1])


def _continues_reference(entry: Entry, key: str) -> bool:
    """ "Ref: …" on the lines of a payment reference printed as an address continues it."""
    if not entry.attributes or key.lower() not in ("ref", "referens"):
        return False
    last_key, _value, at = entry.attributes[-1]
    return last_key.lower() == "betalningsreferens" and at.text.strip().endswith(":")


def _rebuild(block: Block, lines: list[Line]) -> Block:
    if block.kind == "items":
        items = [[ln for ln in item if ln in lines] for item in block.items]
        return Block("items", lines, items=[it for it in items if it])
    return Block(block.kind, lines)
