"""A decision or an agreement as one HTML document, from its own printed text.

:func:`render_html` lays out :func:`bidrag.documents.printed.document_of` (the loaded file's
``text`` blocks, head, signatories and annexes) in ``documents/document.html``, which the PDF
writer also uses. Nothing in the document is composed here. With ``notes``, Kammarkollegiet's
notes (:mod:`bidrag.documents.notes`) follow the document under their own heading, on a page of
their own in print.
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import translation

from bidrag.agreements.models import Agreement, PaymentDecision
from bidrag.documents.formats import LANGUAGE, swedish_date
from bidrag.documents.notes import agreement_notes, decision_notes
from bidrag.documents.printed import document_of

__all__ = ["render_html", "swedish_date"]


def render_html(
    document: PaymentDecision | Agreement, *, notes: bool = True, for_pdf: bool = False
) -> str:
    """The whole document as one standalone HTML page (Swedish), with or without the notes."""
    with translation.override(LANGUAGE):
        notes_of = None
        if notes:
            notes_of = (
                decision_notes(document)
                if isinstance(document, PaymentDecision)
                else agreement_notes(document)
            )
        return render_to_string(
            "documents/document.html",
            {"doc": document_of(document), "notes": notes_of, "for_pdf": for_pdf},
        )
