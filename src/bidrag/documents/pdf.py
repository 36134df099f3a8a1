"""A payment decision as PDF (WeasyPrint), from the same HTML as :func:`render_html`."""

from __future__ import annotations

from weasyprint import HTML

from bidrag.agreements.models import PaymentDecision
from bidrag.documents.render import render_html


def render_pdf(decision: PaymentDecision) -> bytes:
    """A4 PDF of the decision with its annexes; acknowledged findings are left out."""
    html = render_html(decision, findings=False, for_pdf=True)
    pdf = HTML(string=html).write_pdf()
    assert pdf is not None  # write_pdf returns bytes when no target is given
    return pdf
