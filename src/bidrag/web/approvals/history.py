"""Audit events made readable: who, when, what, and each changed value before → after.

``may_view_audit_trail(user)``: auditors (``accounts.view_audit_trail``; superusers too). The
system administrator holds no money actions and sees no payment details, so not the trail.
``history_for(user, obj)``: a record's events as :class:`Entry` values, or ``None`` when the
user may not see the trail; what ``web/audit/history.html`` and ``{% audit_history %}`` show.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db.models import Model
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from bidrag.audit.models import AuditEvent
from bidrag.audit.services import history

AUDIT_PERMISSION = "accounts.view_audit_trail"

EVENT_LABELS: dict[str, Promise] = {
    "payment_details_change.proposed": _("Ändring av betalningsuppgifter föreslagen"),
    "payment_details_change.approved": _("Ändring av betalningsuppgifter godkänd"),
    "payment_details_change.rejected": _("Ändring av betalningsuppgifter avslagen"),
    "payment_details_change.withdrawn": _("Ändring av betalningsuppgifter återkallad"),
    "payment_details.changed": _("Betalningsuppgifter ändrade"),
    "organisation.created": _("Organisation registrerad"),
    "organisation.changed": _("Organisation ändrad"),
    "user.created": _("Användare skapad"),
    "user.role_granted": _("Roll tilldelad"),
    "user.role_revoked": _("Roll borttagen"),
    "user.membership_added": _("Kopplad till organisation"),
    "user.membership_removed": _("Koppling till organisation borttagen"),
    "user.deactivated": _("Konto inaktiverat"),
    "user.second_factor_reset": _("Tvåstegsverifiering återställd"),
    "user.second_factor_enrolled": _("Tvåstegsverifiering aktiverad"),
    "user.password_link_issued": _("Lösenordslänk skapad"),
    "user.password_set": _("Lösenord valt"),
}

VALUE_LABELS: dict[str, Promise] = {
    "payee": _("Betalningsmottagare"),
    "payee_name": _("Betalningsmottagare (namn)"),
    "account_type": _("Kontotyp"),
    "account_number": _("Kontonummer"),
    "bank": _("Bank"),
    "ocr": _("OCR-referens"),
    "message": _("Meddelande"),
    "street": _("Gatuadress"),
    "postal_code": _("Postnummer"),
    "town": _("Ort"),
    "country": _("Land"),
    "name": _("Namn"),
    "kind": _("Typ"),
    "org_number": _("Organisationsnummer"),
    "county_code": _("Länskod"),
    "roles": _("Roller"),
    "organisations": _("Organisationer"),
    "active": _("Aktivt konto"),
    "second_factor": _("Tvåstegsverifiering"),
}


@dataclass(frozen=True)
class ValueChange:
    field: str
    label: str
    before: str
    after: str

    @property
    def changed(self) -> bool:
        return self.before != self.after


@dataclass(frozen=True)
class Entry:
    event: AuditEvent
    label: str
    changes: list[ValueChange]


def may_view_audit_trail(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.has_perm(AUDIT_PERMISSION))


def event_label(event_type: str) -> str:
    return str(EVENT_LABELS.get(event_type, event_type))


def object_type_label(label: str) -> str:
    try:
        return str(apps.get_model(label)._meta.verbose_name).capitalize()
    except (LookupError, ValueError):
        return label


def as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def value_changes(old: Any, new: Any) -> list[ValueChange]:
    """Field by field when both sides are objects (or absent), else the whole values."""
    if isinstance(old, dict | None) and isinstance(new, dict | None) and (old or new):
        before, after = old or {}, new or {}
        keys = [*before, *(k for k in after if k not in before)]
        return [
            ValueChange(
                k, str(VALUE_LABELS.get(k, k)), as_text(before.get(k)), as_text(after.get(k))
            )
            for k in keys
        ]
    if old is None and new is None:
        return []
    return [ValueChange("", str(_("Värde")), as_text(old), as_text(new))]


def entries(events: Iterable[AuditEvent]) -> list[Entry]:
    return [
        Entry(e, event_label(e.event_type), value_changes(e.old_value, e.new_value)) for e in events
    ]


def history_for(user: Any, obj: Model) -> list[Entry] | None:
    """The record's audit trail, oldest first, or ``None`` for a user who may not see it."""
    if not may_view_audit_trail(user):
        return None
    return entries(history(obj).select_related("actor"))
