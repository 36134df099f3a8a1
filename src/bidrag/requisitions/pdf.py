"""The requisition as signed, as PDF (WeasyPrint): the form of seed 002 bilaga 1 with the
signature (who, when, the SHA-256 of the content signed). Kept unchanged on the requisition."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import HTML

from bidrag.core.money import format_kronor
from bidrag.requisitions.models import Requisition


def render_signed_pdf(
    r: Requisition, signatory: Any, signed_on: dt.date, signed_at: dt.datetime, content_sha: str
) -> bytes:
    """A4 PDF of the requisition with its signature block (in Swedish, as filed)."""
    with translation.override("sv"):
        html = render_to_string(
            "requisitions/requisition_pdf.html",
            {
                "r": r,
                "decision": r.entitlement.line.decision,
                "amount": format_kronor(r.amount, sep="\u00a0"),
                "signatory": signatory.get_full_name() or signatory.get_username(),
                "username": signatory.get_username(),
                "signed_on": signed_on,
                "signed_at": signed_at,
                "content_sha": content_sha,
                "submission": r.submission + 1,
            },
        )
    pdf = HTML(string=html).write_pdf()
    assert pdf is not None
    return pdf
