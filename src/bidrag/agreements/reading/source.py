"""The printed lines of a decision, from a PDF (pdfplumber) or from text extracted from one.

Everything after this module works on :class:`Line`: its text, where it stands (page and line,
for ``missing:`` entries a person can find), its words with their horizontal positions (points
in a PDF, character columns in text, so that one table reader serves both) and, from a PDF, its
font size, boldness and the space above it (paragraphs and headings).

Text files: a form feed starts a page, and so does a page marker line ("2 (3)") standing alone
at the top of a page's text; line numbers are the file's, since that is where a person looks.
Markdown remnants of some extractors (``**Socialdepartementet**``, ``*bilaga 1*``) are undone.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PAGE_MARKER = re.compile(r"^\s*(\d{1,3})\s*\((\d{1,3})\)\s*$")
_SPACES = "\u00a0\u202f\u2009\u2007"


class SourceError(Exception):
    """The file cannot be read as a decision (not a PDF or text, no text in it)."""


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    x1: float
    bold: bool = False


@dataclass
class Line:
    text: str
    page: int
    number: int  # 1-based: on its page for a PDF, in the file for text
    words: tuple[Word, ...] = ()
    cells: tuple[str, ...] = ()  # tab-separated cells, when the line has tabs
    size: float = 0.0  # font size (PDF)
    bold: bool = False  # every word bold (PDF)
    gap: float = 0.0  # space above: in line heights (PDF), blank lines (text)
    top: float = 0.0
    indent: float = 0.0  # x of the first word
    break_before: bool = False  # a hard break: a new text box, a form feed
    new_page: bool = False  # the first line of a page

    @property
    def place(self) -> str:
        return place(self.page, self.number)

    @property
    def space(self) -> float:
        """The width of a space in this line's units (1 for text)."""
        if self.size:
            return self.size * 0.32
        return 1.0


def place(page: int, number: int) -> str:
    """Where a person finds a line: ``sida 2, rad 14``."""
    return f"sida {page}, rad {number}"


@dataclass
class Source:
    path: str
    kind: str  # "pdf" or "text"
    lines: list[Line] = field(default_factory=list)
    pages: int = 1

    @property
    def body_size(self) -> float:
        sizes = [line.size for line in self.lines if line.size]
        return statistics.median(sizes) if sizes else 0.0


def read_source(path: Path | str) -> Source:
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as e:
        raise SourceError(f"{path}: kan inte läsas: {e.strerror}") from e
    if raw.startswith(b"%PDF"):
        return read_pdf(p)
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return read_text(raw.decode(encoding), str(path))
        except UnicodeDecodeError:
            continue
    raise SourceError(f"{path}: varken PDF eller text i UTF-8/Windows-1252")


# --- text ------------------------------------------------------------------------------------


def _clean(text: str) -> str:
    for ch in _SPACES:
        text = text.replace(ch, " ")
    return text.replace("\u00ad", "").replace("\u2011", "-")


def _words(text: str) -> tuple[Word, ...]:
    return tuple(Word(m.group(), m.start(), m.end()) for m in re.finditer(r"\S+", text))


def read_text(text: str, path: str = "<text>") -> Source:
    source = Source(path, "text")
    page = 1
    blanks = 0
    previous_blank = True
    page_start = False
    raw_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    # Markdown bold runs glue header fields together ("S2023/00488**Socialdepartementet**…").
    expanded: list[tuple[int, str, bool]] = []
    for n, raw in enumerate(raw_lines, start=1):
        pieces = raw.split("\f")
        for k, piece in enumerate(pieces):
            new_page = k > 0
            parts = piece.split("**") if "**" in piece else [piece]
            for j, part in enumerate(parts):
                if "**" in piece and not part.strip():
                    continue
                expanded.append((n, part, new_page and j == 0))
    if not any(raw.strip() for _, raw, _ in expanded):
        raise SourceError(f"{path}: ingen text")
    for n, raw, new_page in expanded:
        if new_page:
            page += 1
        clean = _clean(raw).replace("*", "")
        if not clean.strip():
            blanks += 1
            previous_blank = True
            continue
        marker = PAGE_MARKER.match(clean)
        if marker and not clean.startswith(" " * 8):
            page = max(page, int(marker.group(1)))
            source.pages = max(source.pages, int(marker.group(2)))
            blanks = 0
            previous_blank = True
            page_start = True
            continue
        # A line indented by one space right after a printed line starts a new text box.
        glued = clean.startswith(" ") and not previous_blank and not clean.startswith("  ")
        cells = tuple(c.strip() for c in clean.split("\t")) if "\t" in clean else ()
        expanded_text = clean.replace("\t", "    ")
        words = _words(expanded_text)
        source.lines.append(
            Line(
                text=" ".join(w.text for w in words),
                page=page,
                number=n,
                words=words,
                cells=cells,
                gap=float(blanks),
                indent=words[0].x0 if words else 0.0,
                break_before=new_page or glued,
                new_page=new_page or page_start,
            )
        )
        blanks = 0
        previous_blank = False
        page_start = False
    source.pages = max(source.pages, page)
    return source


# --- PDF -------------------------------------------------------------------------------------


def _is_bold(fontname: str) -> bool:
    return bool(re.search(r"bold|black|heavy|semibold", fontname, re.IGNORECASE))


def read_pdf(path: Path) -> Source:
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psparser import PSException
    from pdfplumber.utils.exceptions import PdfminerException

    source = Source(str(path), "pdf")
    try:
        _read_pages(pdfplumber.open(path), source)
    except (PDFSyntaxError, PdfminerException, PSException, ValueError, KeyError) as e:
        raise SourceError(f"{path}: PDF-filen kan inte läsas ({e})") from e
    if not source.lines:
        raise SourceError(f"{path}: PDF-filen innehåller ingen text (en inskannad bild?)")
    return source


def _read_pages(pdf: Any, source: Source) -> None:
    with pdf:
        source.pages = len(pdf.pages)
        for page_number, page in enumerate(pdf.pages, start=1):
            words: list[dict[str, Any]] = page.extract_words(
                extra_attrs=["fontname", "size"], keep_blank_chars=False, use_text_flow=False
            )
            lines = _pdf_lines(words)
            previous_bottom: float | None = None
            number = 0
            for group in lines:
                text = " ".join(_clean(w["text"]) for w in group)
                if not text.strip():
                    continue
                if PAGE_MARKER.match(text):
                    continue
                size = statistics.median(float(w["size"]) for w in group)
                top = min(float(w["top"]) for w in group)
                bottom = max(float(w["bottom"]) for w in group)
                gap = 0.0
                if previous_bottom is not None:
                    gap = max(0.0, (top - previous_bottom) / max(size, 1.0))
                previous_bottom = bottom
                number += 1
                pdf_words = tuple(
                    Word(
                        _clean(w["text"]),
                        float(w["x0"]),
                        float(w["x1"]),
                        _is_bold(str(w["fontname"])),
                    )
                    for w in group
                )
                source.lines.append(
                    Line(
                        text=text,
                        page=page_number,
                        number=number,
                        words=pdf_words,
                        size=round(size, 1),
                        bold=all(w.bold for w in pdf_words),
                        gap=round(gap, 2),
                        top=top,
                        indent=pdf_words[0].x0,
                        new_page=number == 1 and page_number > 1,
                    )
                )


def _pdf_lines(words: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Words grouped into printed lines: by their vertical middle, then left to right."""
    ordered = sorted(
        words,
        key=lambda w: (float(w["top"]) + float(w["bottom"])) / 2,
    )
    lines: list[list[dict[str, Any]]] = []
    middle = -1e9
    for w in ordered:
        top, bottom = float(w["top"]), float(w["bottom"])
        mid = (top + bottom) / 2
        if lines and abs(mid - middle) <= max(2.0, (bottom - top) * 0.35):
            lines[-1].append(w)
        else:
            lines.append([w])
            middle = mid
    return [sorted(line, key=lambda w: float(w["x0"])) for line in lines]
