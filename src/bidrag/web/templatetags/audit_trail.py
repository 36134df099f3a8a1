"""``{% load audit_trail %}{% audit_history obj %}``: a record's audit trail, for auditors.

Renders ``web/audit/history.html`` with the events of ``obj`` (who, when, event, before →
after); renders nothing for a user who may not see the audit trail.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.db.models import Model

from bidrag.web.approvals.history import history_for

register = template.Library()


@register.inclusion_tag("web/audit/history.html", takes_context=True)
def audit_history(context: template.Context, obj: Model) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    return {"audit_entries": history_for(user, obj)}
