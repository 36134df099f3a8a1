"""A decision or an agreement as PDF (WeasyPrint), from the same HTML as :func:`render_html`."""

from __future__ import annotations

from weasyprint import HTML

from bidrag.agreements.models import Agreement, PaymentDecision
from bidrag.documents.render import render_html


def render_pdf(document: PaymentDecision | Agreement, *, notes: bool = False) -> bytes:
    """A4 PDF of the document with its annexes; Kammarkollegiet's notes only when asked for."""
    html = render_html(document, notes=notes, for_pdf=True)
    pdf = HTML(string=html).write_pdf()
    assert pdf is not None  # write_pdf returns bytes when no target is given
    return pdf
