"""The audit log (granskningsspår) for auditors: filter, page through, export CSV/XLSX."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from bidrag.audit.models import AuditEvent
from bidrag.core.collation import swedish_key
from bidrag.documents.tables import Column, HeaderSort, Table, make_table
from bidrag.web.approvals.forms import AuditFilterForm
from bidrag.web.approvals.history import (
    as_text,
    entries,
    event_label,
    may_view_audit_trail,
    object_type_label,
)
from bidrag.web.pages.exports import FORMATS, export

PER_PAGE = 50


def _require_auditor(request: HttpRequest) -> None:
    if not may_view_audit_trail(request.user):
        raise PermissionDenied


def _choices(field: str, label: Any) -> list[tuple[str, str]]:
    values = AuditEvent.objects.order_by(field).values_list(field, flat=True).distinct()
    return [(v, f"{label(v)} ({v})" if label(v) != v else v) for v in values]


def filtered(form: AuditFilterForm) -> QuerySet[AuditEvent]:
    events = AuditEvent.objects.all()
    if not form.is_valid():
        return events.none()
    data = form.cleaned_data
    if data["event_type"]:
        events = events.filter(event_type=data["event_type"])
    if data["object_type"]:
        events = events.filter(object_type=data["object_type"])
    if data["actor"]:
        events = events.filter(actor_label__icontains=data["actor"])
    if data["text"]:
        events = events.filter(object_repr__icontains=data["text"]) | events.filter(
            note__icontains=data["text"]
        )
    if data["date_from"]:
        events = events.filter(event_time__date__gte=data["date_from"])
    if data["date_to"]:
        events = events.filter(event_time__date__lte=data["date_to"])
    return events.order_by("-event_time", "-id")


# ?sort= on the audit log: column key → field. Time sorts in the database; the text columns in
# Swedish alphabetical order here (the database's order is by code point: ä before å).
AUDIT_SORTS = {
    "time": "event_time",
    "actor": "actor_label",
    "event": "event_type",
    "object": "object_repr",
}
DEFAULT_SORT = "-time"


def sort_param(request: HttpRequest) -> str:
    """The ``sort`` parameter if it names a sortable column, else newest first."""
    raw = request.GET.get("sort", "")
    return raw if raw.lstrip("-") in AUDIT_SORTS and raw.count("-") <= 1 else DEFAULT_SORT


def ordered(events: QuerySet[AuditEvent], sort: str) -> QuerySet[AuditEvent] | list[AuditEvent]:
    """The events in the order ``sort`` asks, ties newest first."""
    key = sort.lstrip("-")
    descending = sort.startswith("-")
    if key == "time":
        return (
            events.order_by("-event_time", "-id")
            if descending
            else events.order_by("event_time", "id")
        )
    field = AUDIT_SORTS[key]
    pairs = list(events.order_by("-event_time", "-id").values_list("pk", field))

    def text(value: str) -> str:
        return event_label(value) if key == "event" else value

    pairs.sort(key=lambda pair: swedish_key(text(pair[1] or "")), reverse=descending)
    ids = [pk for pk, _value in pairs]
    by_id = AuditEvent.objects.select_related("actor").in_bulk(ids)
    return [by_id[pk] for pk in ids]


def sort_headers(request: HttpRequest, sort: str) -> dict[str, HeaderSort]:
    """One sort link per sortable column; the sorted one carries its direction."""
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("format", None)
    headers = {}
    for key in AUDIT_SORTS:
        state = ""
        target = key
        if sort.lstrip("-") == key:
            state = "descending" if sort.startswith("-") else "ascending"
            target = key if sort.startswith("-") else f"-{key}"
        query["sort"] = target
        headers[key] = HeaderSort(f"{request.path}?{query.urlencode()}", state, f"sort-audit-{key}")
    return headers


def audit_table(events: Iterable[AuditEvent]) -> Table:
    return make_table(
        _("Granskningsspår"),
        _("Granskningsspår"),
        [
            Column("time", _("Tidpunkt")),
            Column("actor", _("Utförd av")),
            Column("event_type", _("Händelsekod")),
            Column("event", _("Händelse")),
            Column("object_type", _("Objekttyp")),
            Column("object_id", _("Objekt-id")),
            Column("object", _("Objekt")),
            Column("before", _("Före")),
            Column("after", _("Efter")),
            Column("note", _("Kommentar")),
        ],
        [
            [
                timezone.localtime(e.event_time).strftime("%Y-%m-%d %H:%M:%S"),
                e.actor_label,
                e.event_type,
                event_label(e.event_type),
                e.object_type,
                e.object_id,
                e.object_repr,
                as_text(e.old_value),
                as_text(e.new_value),
                e.note,
            ]
            for e in (events.iterator() if isinstance(events, QuerySet) else events)
        ],
    )


@require_safe
@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    _require_auditor(request)
    form = AuditFilterForm(
        request.GET,
        event_types=_choices("event_type", event_label),
        object_types=_choices("object_type", object_type_label),
    )
    sort = sort_param(request)
    events = ordered(filtered(form), sort)
    fmt = request.GET.get("format", "")
    if fmt in FORMATS:
        return export([audit_table(events)], fmt, _("granskningsspar"))
    page = Paginator(events, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("format", None)
    context = {
        "form": form,
        "page": page,
        "entries": entries(page.object_list),
        "query": query.urlencode(),
        "total": page.paginator.count,
        "sorts": sort_headers(request, sort),
        "sort": "" if sort == DEFAULT_SORT else sort,
    }
    return render(request, "web/approvals/audit_log.html", context)


@require_safe
@login_required
def record_history(request: HttpRequest, object_type: str, object_id: str) -> HttpResponse:
    """One record's events, oldest first (also for records that no longer exist)."""
    _require_auditor(request)
    events = AuditEvent.objects.filter(object_type=object_type, object_id=object_id)
    latest = events.order_by("-event_time", "-id").first()
    context = {
        "events": entries(events.select_related("actor")),
        "object_type": object_type_label(object_type),
        "object_repr": latest.object_repr if latest else f"{object_type} {object_id}",
    }
    return render(request, "web/approvals/record_history.html", context)
