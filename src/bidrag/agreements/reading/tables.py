"""A table block → columns with titles, rows of cells, the totals row as printed.

Three kinds of printed tables, one result:

- tab-separated lines: the cells are the tabs' fields;
- a PDF: cells are placed under the header's columns by their horizontal position, and a
  wrapped cell's next lines (a long payee name) are added to the cell above;
- text with the gaps lost: each row's numbers are split by :func:`numbers.segmentations` into
  as many cells as the table has columns; where several readings remain, the totals row's
  printed sums choose, and a row that stays ambiguous is reported, never guessed.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from bidrag.agreements.reading.layout import Row, Table, chunks, join_lines
from bidrag.agreements.reading.numbers import integer, segmentations
from bidrag.agreements.reading.source import Line


@dataclass
class ReadRow:
    label: str
    cells: list[str | None]
    line: Line
    printed: str = ""

    @property
    def place(self) -> str:
        return self.line.place


@dataclass
class ReadTable:
    label_title: str
    titles: list[str]  # value columns
    rows: list[ReadRow]
    total: ReadRow | None
    caption: str = ""
    place: str = ""
    problems: list[tuple[str, str]] = field(default_factory=list)  # (place, message)


def read_table(table: Table) -> ReadTable:
    first = table.rows[0].line
    header_lines = table.lines[: table.lines.index(first)]
    if first.cells:
        return _read_tabbed(table, header_lines)
    if first.size:
        return _read_pdf(table, header_lines)
    return _read_text(table, header_lines)


def _row_lines(table: Table) -> list[Line]:
    lines = [r.line for r in table.rows]
    if table.total is not None:
        lines.append(table.total.line)
    return lines


def _printed(line: Line) -> str:
    return " ".join(line.text.split())


# --- tabs ------------------------------------------------------------------------------------


def _read_tabbed(table: Table, header_lines: list[Line]) -> ReadTable:
    width = max(len(r.cells) for r in table.rows)
    titles = list(header_lines[-1].cells) if header_lines else []
    label_title = titles[0] if titles else ""
    value_titles = (titles[1:] + [""] * width)[:width]
    rows = [
        ReadRow(r.label.strip(), _pad([c or None for c in r.cells], width), r.line)
        for r in table.rows
    ]
    total = None
    if table.total is not None:
        t = table.total
        total = ReadRow(
            t.label.strip(), _pad([c or None for c in t.cells], width), t.line, _printed(t.line)
        )
    return ReadTable(label_title, value_titles, rows, total, _caption(table), table.lines[0].place)


def _pad(cells: list[str | None], width: int) -> list[str | None]:
    return (cells + [None] * width)[:width]


def _caption(table: Table) -> str:
    return table.caption


# --- PDF -------------------------------------------------------------------------------------


@dataclass
class _Col:
    x0: float
    x1: float
    words: list[str]


def _word_groups(line: Line, factor: float = 1.25) -> list[tuple[float, float, str]]:
    """The line's words grouped into cells: a number's thousands are one space apart, cells at
    least the cell padding (a little more than a space)."""
    out: list[tuple[float, float, str]] = []
    hard = line.space * factor
    for w in line.words:
        if out and w.x0 - out[-1][1] <= hard:
            x0, _x1, text = out[-1]
            out[-1] = (x0, w.x1, f"{text} {w.text}")
        else:
            out.append((w.x0, w.x1, w.text))
    return out


def _columns_from_rows(lines: list[Line]) -> list[_Col]:
    """Columns where the cells line up: text on its left edge, numbers on their right edge."""
    cols: list[_Col] = []
    for line in lines:
        for x0, x1, _text in _word_groups(line):
            tolerance = line.space * 0.8
            found = next(
                (c for c in cols if abs(c.x0 - x0) <= tolerance or abs(c.x1 - x1) <= tolerance),
                None,
            )
            if found is None:
                cols.append(_Col(x0, x1, []))
            else:
                found.x0, found.x1 = min(found.x0, x0), max(found.x1, x1)
    cols.sort(key=lambda c: c.x0)
    merged: list[_Col] = []
    for col in cols:  # a cell wider than the others in its column overlaps them
        if merged and col.x0 < merged[-1].x1 - 0.5:
            merged[-1].x1 = max(merged[-1].x1, col.x1)
        else:
            merged.append(col)
    return merged


def _read_pdf(table: Table, header_lines: list[Line]) -> ReadTable:
    row_lines = _row_lines(table)
    body = [ln for ln in table.lines if ln not in header_lines and ln is not table.caption_line]
    cols = _columns_from_rows(body)
    heads: list[_Col] = []  # the head's cells, a wrapped cell's lines together
    for line in header_lines:
        for x0, x1, text in _word_groups(line):
            head = _overlapping(heads, x0, x1)
            if head is None:
                heads.append(_Col(x0, x1, [text]))
            else:
                head.words.append(text)
                head.x0, head.x1 = min(head.x0, x0), max(head.x1, x1)
    for head in sorted(heads, key=lambda h: h.x0):
        cols[_nearest(cols, head.x0, head.x1)].words.extend(head.words)
    titles = [_join_title(c.words) for c in cols]
    grouped: list[tuple[Line, list[Line]]] = []
    for line in body:
        if line in row_lines or not grouped:
            grouped.append((line, [line]))
        else:
            grouped[-1][1].append(line)
    rows: list[ReadRow] = []
    total = None
    for start, lines in grouped:
        cells: list[list[str]] = [[] for _ in cols]
        for line in lines:
            for x0, x1, text in _word_groups(line):
                cells[_nearest(cols, x0, x1)].append(text)
        values = [_join_cell(c) or None for c in cells]
        row = ReadRow(values[0] or "", values[1:], start, _printed(start))
        if table.total is not None and start is table.total.line:
            total = row
        else:
            rows.append(row)
    return ReadTable(
        titles[0] if titles else "",
        titles[1:],
        rows,
        total,
        _caption(table),
        table.lines[0].place,
    )


def _overlapping(cols: list[_Col], x0: float, x1: float) -> _Col | None:
    best, overlap = None, 0.0
    for col in cols:
        o = min(col.x1, x1) - max(col.x0, x0)
        if o > overlap:
            best, overlap = col, o
    return best


def _nearest(cols: list[_Col], x0: float, x1: float) -> int:
    best, score = 0, float("-inf")
    for k, col in enumerate(cols):
        overlap = min(col.x1, x1) - max(col.x0, x0)
        if overlap <= 0:
            overlap = -min(abs(col.x0 - x0), abs(col.x1 - x1))
        if overlap > score:
            best, score = k, overlap
    return best


def _join_title(parts: list[str]) -> str:
    out = ""
    for part in parts:
        first = part.split(" ", 1)[0]
        if out.endswith("-") and first[:1].islower() and first not in ("och", "eller", "samt"):
            out = out[:-1] + part
        else:
            out = f"{out} {part}".strip()
    return out


def _join_cell(parts: list[str]) -> str:
    out = ""
    for part in parts:
        if not out:
            out = part
        elif out.endswith("-") and part[:1].isalpha() and part[:1].islower():
            out = out[:-1] + part
        elif re.fullmatch(r"[\d -]+", out) and re.fullmatch(r"[\d -]+", part):
            out = f"{out} {part}"  # a giro number wrapped: "3 70" + "20-5"
        else:
            out = f"{out} {part}"
    return out


# --- text ------------------------------------------------------------------------------------


def split_titles(lines: list[Line]) -> list[str]:
    """Column titles from header lines printed without column gaps.

    A title starts at a capitalised word; lower-case words continue it, also on the next line;
    a word ending in a hyphen joins the next one ("Vidare-" "utbildning"); wide gaps (two
    spaces) always separate.
    """
    titles: list[list[str]] = []
    for line in lines:
        for g, group in enumerate(chunks(line)):
            for w, word in enumerate(group):
                continues = bool(titles) and (
                    not word[:1].isupper() or titles[-1][-1].endswith("-")
                )
                if (g > 0 and w == 0) or not continues:
                    titles.append([word])
                else:
                    titles[-1].append(word)
    return [_join_title(words) for words in titles]


def _read_text(table: Table, header_lines: list[Line]) -> ReadTable:
    titles = split_titles(header_lines)
    counts = Counter(len(r.chunks) for r in table.rows)
    multi = [c for c in counts if c > 1]
    if multi:
        width = max(multi)
    elif titles and len(titles) > 1:
        width = len(titles) - 1
    else:
        width = max(_least(r.chunks) for r in table.rows)
    problems: list[tuple[str, str]] = []
    rows: list[ReadRow] = []
    options: list[list[list[str]]] = []
    for r in table.rows:
        found = _readings(r.chunks, width)
        options.append(found)
        if not found:
            problems.append((r.line.place, f"raden '{r.label}' kan inte delas i {width} kolumner"))
        cells: list[str | None] = list(found[0]) if len(found) == 1 else [None] * width
        rows.append(ReadRow(r.label.strip(), cells, r.line))
    total = None
    if table.total is not None:
        t = table.total
        found = _readings(t.chunks, width)
        choice = _by_sums(found, rows)
        if choice is None:
            problems.append(
                (
                    t.line.place,
                    f"summaraden '{_printed(t.line)}' kan läsas på flera sätt "
                    f"({len(found)}); ingen läsning stämmer entydigt med radernas summor",
                )
            )
            cells = [None] * width
        else:
            cells = list(choice)
        total = ReadRow(t.label.strip(), cells, t.line, _printed(t.line))
    for r, found, row in zip(table.rows, options, rows, strict=True):
        if len(found) > 1:
            problems.append(
                (
                    r.line.place,
                    f"raden '{r.label}' kan läsas på {len(found)} sätt "
                    f"({' | '.join(found[0])} eller {' | '.join(found[1])} …); "
                    "cellerna lämnas tomma",
                )
            )
            row.cells = [None] * width
    label_title = titles[0] if titles else ""
    value_titles = (titles[1:] + [""] * width)[:width]
    return ReadTable(
        label_title, value_titles, rows, total, _caption(table), table.lines[0].place, problems
    )


def _least(groups: list[list[str]]) -> int:
    for n in range(1, 40):
        if _readings(groups, n):
            return n
    return 1


def _readings(groups: list[list[str]], width: int) -> list[list[str]]:
    """Readings of a row's numeric chunks as ``width`` cells; chunks kept whole come first."""
    if len(groups) == width:
        whole = [" ".join(g) for g in groups]
        if all(len(segmentations(g, 1)) == 1 for g in groups):
            return [whole]
    results: list[list[str]] = []

    def walk(i: int, acc: list[str]) -> None:
        if len(results) > 64:
            return
        if i == len(groups):
            if len(acc) == width:
                results.append(list(acc))
            return
        remaining = width - len(acc)
        for n in range(1, remaining - (len(groups) - i - 1) + 1):
            for seg in segmentations(groups[i], n):
                walk(i + 1, acc + seg)

    walk(0, [])
    return results


def _by_sums(found: list[list[str]], rows: list[ReadRow]) -> list[str] | None:
    """The reading of a totals row whose whole numbers are the sums of their columns."""
    if len(found) == 1:
        return found[0]
    width = len(found[0]) if found else 0
    sums: list[int | None] = []
    for k in range(width):
        values = [integer(r.cells[k] or "") for r in rows]
        sums.append(
            sum(v for v in values if v is not None) if all(v is not None for v in values) else None
        )
    matching = []
    for reading in found:
        ok = True
        hits = 0
        for k, cell in enumerate(reading):
            value = integer(cell)
            if sums[k] is not None and value is not None:
                if value != sums[k]:
                    ok = False
                    break
                hits += 1
        if ok and hits:
            matching.append(reading)
    return matching[0] if len(matching) == 1 else None


def caption_title(caption: str) -> str:
    """``"Bilaga 3. Medel till kommunerna (länsvis)"`` → ``"Medel till kommunerna (länsvis)"``."""
    m = re.match(r"^(?:bilaga|tabell)\s+\d+\s*[.:]\s*(.*)$", caption, re.IGNORECASE)
    return m.group(1).strip() if m else caption


def row_text(row: Row) -> str:
    return join_lines([row.line])
