"""``{% load approvals %}{% propose_payment_details_link organisation %}``: a link to propose
new payment details for the organisation, shown only to those who may propose."""

from __future__ import annotations

from typing import Any

from django import template

from bidrag.recipients.approvals import may_propose
from bidrag.recipients.models import Organisation

register = template.Library()


@register.inclusion_tag("web/approvals/_propose_link.html", takes_context=True)
def propose_payment_details_link(
    context: template.Context, organisation: Organisation
) -> dict[str, Any]:
    request = context.get("request")
    return {
        "organisation": organisation,
        "show": may_propose(getattr(request, "user", None)),
    }
