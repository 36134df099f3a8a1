"""Pages of the four-eyes change of payment details: list, propose, approve or reject."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bidrag.accounts.scoping import get_visible_or_404, visible
from bidrag.core.errors import DomainError
from bidrag.documents.tables import Column, Table, make_table
from bidrag.recipients.approvals import (
    NotAllowedError,
    approve_payment_details_change,
    may_decide,
    may_propose,
    may_view_changes,
    pending_changes,
    propose_payment_details_change,
    reject_payment_details_change,
)
from bidrag.recipients.models import ChangeStatus, Organisation, PaymentDetailsChange
from bidrag.recipients.services import current_payment_details
from bidrag.web.approvals.forms import ApproveForm, ProposeForm, RejectForm
from bidrag.web.approvals.history import value_changes
from bidrag.web.approvals.messages import field_message
from bidrag.web.pages.exports import page
from bidrag.web.pages.table_query import TableQuery

RECENTLY_DECIDED = 20


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _when(moment: dt.datetime | None) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def _username(user: Any) -> str:
    return user.get_username() if user is not None else ""


def pending_table(changes: Sequence[PaymentDetailsChange]) -> Table:
    return make_table(
        _("Ändringar som väntar på godkännande"),
        _("Väntar"),
        [
            Column("organisation", _("Mottagare")),
            Column("account", _("Nytt konto")),
            Column("proposed_by", _("Föreslagen av")),
            Column("proposed_at", _("Föreslagen")),
        ],
        [
            [
                c.organisation.name,
                f"{c.get_account_type_display()} {c.account_number}",
                _username(c.proposed_by),
                _when(c.proposed_at),
            ]
            for c in changes
        ],
        links=[reverse("approvals:change", args=[c.pk]) for c in changes],
        sort_values={"proposed_at": [c.proposed_at for c in changes]},
    )


def decided_table(changes: Sequence[PaymentDetailsChange]) -> Table:
    return make_table(
        _("Senast beslutade ändringar"),
        _("Beslutade"),
        [
            Column("organisation", _("Mottagare")),
            Column("status", _("Status")),
            Column("proposed_by", _("Föreslagen av")),
            Column("decided_by", _("Beslutad av")),
            Column("decided_at", _("Beslutad")),
        ],
        [
            [
                c.organisation.name,
                str(c.get_status_display()),
                _username(c.proposed_by),
                _username(c.decided_by),
                _when(c.decided_at),
            ]
            for c in changes
        ],
        links=[reverse("approvals:change", args=[c.pk]) for c in changes],
        sort_values={"decided_at": [c.decided_at for c in changes]},
    )


@login_required
def change_list(request: HttpRequest) -> HttpResponse:
    _require(may_view_changes(request.user))
    changes = visible(request.user, PaymentDetailsChange.objects.all())
    decided = (
        changes.exclude(status=ChangeStatus.PENDING)
        .select_related("organisation", "proposed_by", "decided_by")
        .order_by("-decided_at", "-id")[:RECENTLY_DECIDED]
    )
    pending = visible(request.user, pending_changes())
    tables = [pending_table(list(pending)), decided_table(list(decided))]
    context = {
        "may_propose": may_propose(request.user),
        "region_template": "web/approvals/_change_region.html",
    }
    query = TableQuery.from_request(request)
    return page(
        request, "web/approvals/change_list.html", context, tables, _("godkannanden"), query
    )


def _initial(organisation: Organisation | None) -> dict[str, Any]:
    if organisation is None:
        return {}
    initial: dict[str, Any] = {"organisation": organisation, "account_type": "bankgiro"}
    current = current_payment_details(organisation)
    if current is not None:
        initial |= {
            "payee_name": current.payee_name,
            "account_type": current.account_type,
            "account_number": current.account_number,
            "bank": current.bank,
            "ocr": current.ocr,
            "message": current.message,
            "payee_org_number": current.payee.org_number,
        }
    else:
        initial["payee_name"] = organisation.name
    return initial


def _id(text: str) -> int | None:
    """A row id from a query string, or None for anything else ("abc", "-1", 10^30)."""
    try:
        value = int(text)
    except ValueError:
        return None
    return value if 0 < value < 2**63 else None


@login_required
def propose(request: HttpRequest) -> HttpResponse:
    _require(may_propose(request.user))
    organisations = visible(request.user, Organisation.objects.order_by("name"), via="pk")
    if request.method != "POST":
        pk = _id(request.GET.get("organisation", ""))
        chosen = organisations.filter(pk=pk).first() if pk else None
        form = ProposeForm(initial=_initial(chosen), organisations=organisations)
        return render(request, "web/approvals/propose.html", {"form": form, "current": None})
    form = ProposeForm(request.POST, organisations=organisations)
    if form.is_valid():
        data = form.cleaned_data
        try:
            change = propose_payment_details_change(
                request.user,
                data["organisation"],
                payee_name=data["payee_name"],
                account_type=data["account_type"],
                account_number=data["account_number"],
                bank=data["bank"],
                ocr=data["ocr"],
                message=data["message"],
                reason=data["reason"],
                payee_org_number=data["payee_org_number"],
            )
        except DomainError as error:
            field = error.field if error.field in form.fields else None
            form.add_error(field, field_message(error))
        else:
            messages.success(
                request,
                _("Ändringen är föreslagen. Den gäller först när en annan person har godkänt den."),
            )
            return redirect("approvals:change", pk=change.pk)
    organisation = form.cleaned_data.get("organisation")
    current = current_payment_details(organisation) if organisation else None
    return render(
        request, "web/approvals/propose.html", {"form": form, "current": current}, status=400
    )


def _detail(
    request: HttpRequest,
    change: PaymentDetailsChange,
    approve_form: ApproveForm | None = None,
    reject_form: RejectForm | None = None,
    status: int = 200,
    error: str = "",
) -> HttpResponse:
    pending = change.status == ChangeStatus.PENDING
    context = {
        "change": change,
        "values": value_changes(change.old_values, change.proposed_values()),
        "may_decide": pending and may_decide(request.user, change),
        "is_proposer": change.proposed_by_id == request.user.pk,
        "may_reject": pending
        and (may_decide(request.user, change) or change.proposed_by_id == request.user.pk),
        "approve_form": approve_form or ApproveForm(),
        "reject_form": reject_form or RejectForm(),
        "error": error,
    }
    return render(request, "web/approvals/change_detail.html", context, status=status)


def _get_change(request: HttpRequest, pk: int) -> PaymentDetailsChange:
    _require(may_view_changes(request.user))
    queryset = PaymentDetailsChange.objects.select_related(
        "organisation", "payee", "proposed_by", "decided_by"
    )
    return get_visible_or_404(request.user, queryset, pk=pk)


@login_required
def change_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _get_change(request, pk))


@login_required
@require_POST
def approve(request: HttpRequest, pk: int) -> HttpResponse:
    change = _get_change(request, pk)
    form = ApproveForm(request.POST)
    if not form.is_valid():
        return _detail(request, change, approve_form=form, status=400)
    try:
        approve_payment_details_change(request.user, change, note=form.cleaned_data["note"])
    except NotAllowedError as error:
        raise PermissionDenied(str(error.message)) from error
    except DomainError as error:
        return _detail(request, change, status=409, error=field_message(error))
    messages.success(request, _("Ändringen är godkänd och gäller från och med nu."))
    return redirect("approvals:change", pk=change.pk)


@login_required
@require_POST
def reject(request: HttpRequest, pk: int) -> HttpResponse:
    change = _get_change(request, pk)
    form = RejectForm(request.POST)
    if not form.is_valid():
        return _detail(request, change, reject_form=form, status=400)
    try:
        reject_payment_details_change(request.user, change, form.cleaned_data["decision_note"])
    except NotAllowedError as error:
        raise PermissionDenied(str(error.message)) from error
    except DomainError as error:
        return _detail(request, change, status=409, error=field_message(error))
    messages.success(request, _("Förslaget är avslaget. Betalningsuppgifterna är oförändrade."))
    return redirect("approvals:change", pk=change.pk)
