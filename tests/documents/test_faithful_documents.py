"""Issue 11.1: a rendered document says what its decision file's printed text says, and no more.

Each of the four documents is rendered as PDF, its text extracted with ``pdftotext`` (poppler),
and compared with the file it was loaded from: every printed paragraph, heading, list item and
footnote of the file's ``text`` is found in order, every table cell and signature line is found,
and once all of that is taken out nothing is left but page numbers ("2 (5)"), annex labels
("Bilaga 2"), list dashes and the formulas a government decision always prints ("Regeringen",
"På regeringens vägnar", "Kopia till"). Whitespace, line-end hyphenation and compatibility
characters (¹) are normalised on both sides. The HTML rendering is checked the same way; its
Kammarkollegiet's notes stand outside the document, under their own heading.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

from bidrag.agreements import decision_file as df
from bidrag.agreements.models import Agreement, PaymentDecision
from bidrag.documents.pdf import render_pdf
from bidrag.documents.render import render_html

pytestmark = pytest.mark.django_db

DOCUMENTS = [
    "2021-psv-payment-decision",
    "2023-S2023-00488-payment-decision",
    "2021-agreement-patient-safety-psv",
    "2021-agreement-god-och-nara-vard",
]
# What a rendered document may print besides its file: the government's fixed formulas.
FORMULAS = ("På regeringens vägnar", "Kopia till", "Regeringen")
PAGE_NUMBER = re.compile(r"^\s*\d+ \(\d+\)\s*$")


def normalise(text: str) -> str:
    """NFKC, single spaces, and no hyphens: pdftotext joins a word broken at a line-end hyphen
    ("hälso-|och sjukvården" → "hälsooch sjukvården"), so both sides drop them."""
    text = unicodedata.normalize("NFKC", text).replace("\u00ad", "")
    text = re.sub(r"-\s+", "", text).replace("-", "")
    text = re.sub(r"/\s+", "/", text)  # a line may also break after a slash
    return " ".join(text.split())


def document(document_id: str) -> PaymentDecision | Agreement:
    found = PaymentDecision.objects.filter(document_id=document_id).first()
    return found or Agreement.objects.get(document_id=document_id)


def parsed(doc: PaymentDecision | Agreement) -> df.Document:
    return df.parse_text(doc.source.content, doc.source.path).document


@dataclass
class Expected:
    """The file's printed content: ``ordered`` must appear in this order, ``loose`` anywhere."""

    ordered: list[str] = field(default_factory=list)
    loose: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    headers: list[str] = field(default_factory=list)  # repeated on every page the table spans

    def lines(self, text: str) -> Iterator[str]:
        yield from (line for line in text.split("\n") if line.strip())


def _kronor(n: int) -> str:
    return f"{n:,}".replace(",", " ")


def expected_blocks(expected: Expected, blocks: list[df.BlockIn], annex: df.AnnexIn | None) -> None:
    for block in blocks:
        for text in (block.heading, block.paragraph, block.footnote):
            if text is not None:
                expected.ordered.append(text)
        for item in block.items or []:
            expected.ordered.append(item)
        for column in block.signatures or []:
            expected.loose.extend(column)
        if block.table is not None:
            table = block.table
            expected.headers.extend(h for h in table.header if h.strip())
            for row in table.rows or []:
                for cell in row:
                    expected.loose.extend(expected.lines(cell))
            if table.columns is not None:
                assert annex is not None
                for r in annex.rows:
                    for key in table.columns:
                        if key == "name":
                            expected.loose.append(r.name)
                        elif key in r.printed:
                            expected.loose.append(r.printed[key])
                        elif key in r.reference:
                            expected.loose.append(_kronor(r.reference[key]))
                        elif key in r.amounts:
                            expected.loose.append(_kronor(r.amounts[key]))
                        elif r.amount is not None:
                            expected.loose.append(_kronor(r.amount))
                if annex.total_row is not None:
                    expected.loose.append(annex.total_row.label)
                    shown = set(table.columns)
                    expected.loose.extend(
                        c.value for c in annex.total_row.cells if c.column in shown
                    )
        if block.annex is not None:
            expected.labels.append(f"Bilaga {block.annex.number}")
            expected_blocks(expected, block.annex.text, None)


def expected_of(doc: df.Document) -> Expected:
    expected = Expected()
    if isinstance(doc, df.PaymentDecisionIn):
        expected.loose += [doc.department, doc.diarienummer or ""]
        expected.loose += [doc.date.isoformat() if doc.date else ""]
        expected.loose += [p.strip() for p in doc.addressee.split(",")]
        expected.ordered.append(doc.title)
        expected_blocks(expected, [b for b in doc.text if b.annex is None], None)
        expected.loose += doc.signatories + doc.copy_to
    else:
        expected_blocks(expected, [b for b in doc.text if b.annex is None], None)
    for block in doc.text:
        if block.annex is not None:
            expected_blocks(expected, [block], None)
    for annex in doc.annexes:
        expected.labels.append(f"Bilaga {annex.number}")
        expected.ordered.append(annex.title)
        expected_blocks(expected, annex.text, annex)
    return expected


def compare(text: str, expected: Expected) -> None:
    """Every ordered unit in order; then, with every unit taken out, nothing but layout left."""
    body = normalise(text)
    position = 0
    for unit in expected.ordered:
        wanted = normalise(unit)
        found = body.find(wanted, position)
        assert found >= 0, f"not found (in order) after position {position}: {wanted!r}"
        position = found + len(wanted)
    remaining = body
    units = Counter(normalise(u) for u in expected.ordered + expected.loose if u.strip())

    def take_out(shortest: int) -> None:
        nonlocal remaining
        for unit in sorted(units, key=len, reverse=True):
            if len(unit) >= shortest:
                for _ in range(units.pop(unit)):
                    remaining = remaining.replace(unit, "\n", 1)

    take_out(12)  # paragraphs, headings, long cells: before the short labels could cut them
    repeated = set(expected.labels) | set(FORMULAS) | set(expected.headers)
    for label in sorted(repeated, key=len, reverse=True):
        remaining = re.sub(rf"(?<!\w){re.escape(normalise(label))}(?!\w)", "\n", remaining)
    take_out(0)
    leftover = [w for w in normalise(remaining.replace("\n", " ")).split() if w not in "–•"]
    assert not leftover, f"printed but not in the file: {' '.join(leftover)[:500]!r}"


def pdf_text(data: bytes, tmp_path: Path) -> str:
    target = tmp_path / "document.pdf"
    target.write_bytes(data)
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(target), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return "\n".join(line for line in out.splitlines() if not PAGE_NUMBER.match(line))


class _Text(HTMLParser):
    """The text of an HTML page, with the part inside ``<article>`` kept apart."""

    def __init__(self) -> None:
        super().__init__()
        self.article: list[str] = []
        self.outside: list[str] = []
        self._depth = 0
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("style", "title"):
            self._skip += 1
        if tag == "article":
            self._depth += 1
        if tag in ("p", "li", "br", "tr", "td", "th", "h1", "h2", "h3", "h4", "div"):
            (self.article if self._depth else self.outside).append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "title"):
            self._skip -= 1
        if tag == "article":
            self._depth -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            (self.article if self._depth else self.outside).append(data)


needs_pdftotext = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler-utils (bin/setup installs it)"
)


@needs_pdftotext
@pytest.mark.parametrize("document_id", DOCUMENTS)
def test_pdf_prints_the_files_text_in_order_and_nothing_else(
    loaded: None, tmp_path: Path, document_id: str
) -> None:
    doc = document(document_id)
    expected = expected_of(parsed(doc))
    assert len(expected.ordered) > 8
    compare(pdf_text(render_pdf(doc), tmp_path), expected)


@pytest.mark.parametrize("document_id", DOCUMENTS)
def test_html_document_prints_the_files_text_and_keeps_the_notes_outside_it(
    loaded: None, document_id: str
) -> None:
    doc = document(document_id)
    page = _Text()
    page.feed(render_html(doc))
    compare("".join(page.article), expected_of(parsed(doc)))
    outside = normalise("".join(page.outside))
    assert outside.startswith("Kammarkollegiets anteckningar")
    assert "inte en del av" in outside


@needs_pdftotext
def test_the_notes_follow_the_decision_on_pages_of_their_own_only_when_asked_for(
    loaded: None, tmp_path: Path
) -> None:
    doc = document("2021-psv-payment-decision")
    plain = pdf_text(render_pdf(doc), tmp_path)
    assert "Kammarkollegiets anteckningar" not in plain
    with_notes = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"],
        input=render_pdf(doc, notes=True),
        check=True,
        capture_output=True,
    ).stdout.decode("utf-8")
    pages = with_notes.split("\f")
    (first,) = [i for i, p in enumerate(pages) if "Kammarkollegiets anteckningar" in p]
    notes_page = "\n".join(x for x in pages[first].splitlines() if not PAGE_NUMBER.match(x))
    assert notes_page.strip().startswith("Kammarkollegiets anteckningar")
    # Everything before the notes is the document, exactly as without them.
    before = "\n".join(x for x in "\f".join(pages[:first]).splitlines() if not PAGE_NUMBER.match(x))
    assert normalise(before) == normalise(plain)
    # The notes hold what the system derives: the deadlines as they fall, the findings.
    notes = normalise("\f".join(pages[first:]))
    assert "Frister" in notes and "1 december 2021" in notes
    assert "Kvitterade avvikelser i dokumentet" in notes


def html_text(doc: PaymentDecision | Agreement, *, notes: bool = True) -> str:
    page = _Text()
    page.feed(render_html(doc, notes=notes))
    return normalise("".join(page.article + page.outside))


def test_composed_sentences_are_gone(loaded: None) -> None:
    """The sentences the old renderer wrote itself; the printed ones it dropped are back."""
    html = html_text(document("2021-psv-payment-decision"), notes=False)
    assert "Ändamål:" not in html
    assert "Rätten till bidrag förfaller" not in html  # seed 000 does not print it
    assert "uppgift saknas i dokumentet" not in html  # no date, no diarienummer: not printed
    assert "Rekvisition, återbetalning och redovisningar ska hänvisa till regleringsbrev" in html
    assert "För hanteringen i övrigt gäller vad som anges i överenskommelsen." in html
    # Seed 001 does print it, word for word.
    html_2023 = html_text(document("2023-S2023-00488-payment-decision"))
    assert "Rätten till bidrag förfaller om rekvisition inte har kommit in inom angiven tid." in (
        html_2023
    )


def test_an_annex_without_printed_text_prints_its_table_under_its_columns_titles(
    loaded: None,
) -> None:
    from bidrag.documents.printed import printed_document

    source = document("2023-S2023-00488-payment-decision").source.content
    without = re.sub(r"\n    text:\n(?:      .*\n)+", "\n", source)
    assert without != source
    doc = printed_document(df.parse_text(without, "x.yaml").document)
    (table,) = [b.table for b in doc.annexes[0].blocks if b.table is not None]
    assert table.header == ("", "Belopp, kr")  # the population is named, never printed
    assert table.rows[0] == ("Region Stockholm", "14 486 584")
    assert table.total == ("Totalt", "62 500 000")
