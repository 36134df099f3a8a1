"""The system administrator's pages: users, roles, organisations, deactivation, second factor.

Only holders of ``accounts.manage_users`` (the system administrator; superusers) open them;
everyone else gets 403. Every change goes through ``bidrag.accounts.services`` with the signed-in
user as actor, so the service's rules (no self-change, no recipient and staff role together,
recipient roles need an organisation) and its audit record apply. A user's audit trail is shown
to the system administrator on the user's page: events about users and roles hold no money
data. Auditors see the same events in the audit log (``/granskningsspar/``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from bidrag.accounts.models import Membership
from bidrag.accounts.roles import Role
from bidrag.accounts.services import (
    NotAllowedError,
    UserAdminError,
    add_membership,
    create_user,
    deactivate_user,
    grant_role,
    issue_password_link,
    may_manage_users,
    password_link_path,
    remove_membership,
    reset_second_factor,
    revoke_role,
    second_factor_status,
)
from bidrag.audit.models import AuditEvent
from bidrag.web.approvals.history import Entry, event_label, value_changes
from bidrag.web.users.forms import (
    NO_ROLE,
    AddMembershipForm,
    ConfirmForm,
    CreateUserForm,
    GrantRoleForm,
    OrganisationForm,
    RoleForm,
    UserFilterForm,
)

SECOND_FACTOR_LABELS = {
    "confirmed": gettext_lazy("Aktiverad"),
    "pending": gettext_lazy("Väntar på aktivering"),
    "none": gettext_lazy("Saknas"),
}


def _readable(value: Any) -> Any:
    """A user snapshot from the audit trail, in words: role names, yes/no, status."""
    if not isinstance(value, dict):
        return value
    shown = dict(value)
    if isinstance(shown.get("roles"), list):
        labels = {role.value: str(role.label) for role in Role}
        shown["roles"] = ", ".join(labels.get(r, r) for r in shown["roles"]) or "–"
    if isinstance(shown.get("organisations"), list):
        shown["organisations"] = ", ".join(shown["organisations"]) or "–"
    if isinstance(shown.get("active"), bool):
        shown["active"] = _("ja") if shown["active"] else _("nej")
    if shown.get("second_factor") in SECOND_FACTOR_LABELS:
        shown["second_factor"] = str(SECOND_FACTOR_LABELS[shown["second_factor"]])
    return shown


def _trail(user: User) -> list[Entry]:
    events = AuditEvent.objects.for_object(user).select_related("actor")
    return [
        Entry(
            e,
            event_label(e.event_type),
            value_changes(_readable(e.old_value), _readable(e.new_value)),
        )
        for e in events
    ]


def _require(request: HttpRequest) -> None:
    if not may_manage_users(request.user):
        raise PermissionDenied


@dataclass(frozen=True)
class Row:
    user: User
    roles: list[str]
    organisations: list[str]
    second_factor: str


def _roles(user: User) -> list[Role]:
    names = {group.name for group in user.groups.all()}
    return [role for role in Role if role.value in names]


@login_required
def user_list(request: HttpRequest) -> HttpResponse:
    _require(request)
    form = UserFilterForm(request.GET or None)
    users = User.objects.order_by("username").prefetch_related(
        "groups", Prefetch("memberships", Membership.objects.select_related("organisation"))
    )
    chosen = form.cleaned_data.get("roll", "") if form.is_valid() else ""
    if chosen == NO_ROLE:
        users = users.filter(groups=None)
    elif chosen:
        users = users.filter(groups__name=chosen)
    devices: dict[int, str] = {}
    for user_id, confirmed in TOTPDevice.objects.values_list("user_id", "confirmed"):
        if confirmed or devices.get(user_id) != "confirmed":
            devices[user_id] = "confirmed" if confirmed else "pending"
    rows = [
        Row(
            user,
            [str(role.label) for role in _roles(user)],
            sorted(m.organisation.name for m in user.memberships.all()),
            str(SECOND_FACTOR_LABELS[devices.get(user.pk, "none")]),
        )
        for user in users
    ]
    return render(request, "web/users/user_list.html", {"form": form, "rows": rows})


@login_required
def create(request: HttpRequest) -> HttpResponse:
    _require(request)
    form = CreateUserForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = create_user(request.user, **form.cleaned_data)
        except NotAllowedError as error:
            raise PermissionDenied(str(error.message)) from error
        except UserAdminError as error:
            field = error.field if error.field in form.fields else None
            form.add_error(field, str(error.message))
        else:
            return _password_link_page(request, user, created=True)
    status = 400 if request.method == "POST" else 200
    return render(request, "web/users/create.html", {"form": form}, status=status)


def _password_link_page(request: HttpRequest, user: User, created: bool) -> HttpResponse:
    """The one-time link, shown once in the response to the POST (never stored)."""
    context = {
        "user_obj": user,
        "link": request.build_absolute_uri(password_link_path(user)),
        "created": created,
    }
    return render(request, "web/users/password_link.html", context)


def _detail(
    request: HttpRequest,
    user: User,
    status: int = 200,
    error: str = "",
    **forms: Any,
) -> HttpResponse:
    roles = _roles(user)
    context = {
        "user_obj": user,
        "roles": [(role.value, role.label) for role in roles],
        "memberships": Membership.objects.filter(user=user)
        .select_related("organisation")
        .order_by("organisation__name"),
        "second_factor": SECOND_FACTOR_LABELS[second_factor_status(user)],
        "is_self": user.pk == request.user.pk,
        "grant_form": forms.get("grant_form") or GrantRoleForm(held=frozenset(roles)),
        "membership_form": forms.get("membership_form") or AddMembershipForm(),
        "deactivate_form": forms.get("deactivate_form") or ConfirmForm(),
        "audit_entries": _trail(user),
        "error": error,
    }
    return render(request, "web/users/user_detail.html", context, status=status)


def _get_user(request: HttpRequest, pk: int) -> User:
    _require(request)
    return get_object_or_404(User, pk=pk)


@login_required
def user_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _get_user(request, pk))


def _done(request: HttpRequest, user: User, text: str) -> HttpResponse:
    messages.success(request, text)
    return redirect("users:detail", pk=user.pk)


def _refused(request: HttpRequest, user: User, error: UserAdminError, **forms: Any) -> HttpResponse:
    if isinstance(error, NotAllowedError):
        raise PermissionDenied(str(error.message)) from error
    user.refresh_from_db()
    return _detail(request, user, status=409, error=str(error.message), **forms)


@login_required
@require_POST
def grant(request: HttpRequest, pk: int) -> HttpResponse:
    user = _get_user(request, pk)
    form = GrantRoleForm(request.POST, held=frozenset(_roles(user)))
    if not form.is_valid():
        return _detail(request, user, status=400, grant_form=form)
    role = Role(form.cleaned_data["role"])
    organisation = form.cleaned_data["organisation"]
    try:
        grant_role(
            request.user, user, role, organisation_id=organisation.pk if organisation else None
        )
    except UserAdminError as error:
        return _refused(request, user, error, grant_form=form)
    return _done(request, user, _("Rollen %(role)s är tilldelad.") % {"role": role.label})


@login_required
@require_POST
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    user = _get_user(request, pk)
    form = RoleForm(request.POST)
    if not form.is_valid():
        return _detail(request, user, status=400, error=_("Välj en roll att ta bort."))
    role = Role(form.cleaned_data["role"])
    try:
        revoke_role(request.user, user, role)
    except UserAdminError as error:
        return _refused(request, user, error)
    return _done(request, user, _("Rollen %(role)s är borttagen.") % {"role": role.label})


@login_required
@require_POST
def add_organisation(request: HttpRequest, pk: int) -> HttpResponse:
    user = _get_user(request, pk)
    form = AddMembershipForm(request.POST)
    if not form.is_valid():
        return _detail(request, user, status=400, membership_form=form)
    organisation = form.cleaned_data["organisation"]
    try:
        add_membership(request.user, user, organisation.pk)
    except UserAdminError as error:
        return _refused(request, user, error, membership_form=form)
    return _done(
        request, user, _("Användaren är kopplad till %(org)s.") % {"org": organisation.name}
    )


@login_required
@require_POST
def remove_organisation(request: HttpRequest, pk: int) -> HttpResponse:
    user = _get_user(request, pk)
    form = OrganisationForm(request.POST)
    if not form.is_valid():
        return _detail(request, user, status=400, error=_("Välj en organisation att ta bort."))
    try:
        remove_membership(request.user, user, form.cleaned_data["organisation"])
    except UserAdminError as error:
        return _refused(request, user, error)
    return _done(request, user, _("Kopplingen till organisationen är borttagen."))


@login_required
@require_POST
def deactivate(request: HttpRequest, pk: int) -> HttpResponse:
    user = _get_user(request, pk)
    form = ConfirmForm(request.POST)
    if not form.is_valid():
        return _detail(request, user, status=400, deactivate_form=form)
    try:
        deactivate_user(request.user, user)
    except UserAdminError as error:
        return _refused(request, user, error, deactivate_form=form)
    return _done(request, user, _("Kontot är inaktiverat. Användaren kan inte logga in."))


@login_required
@require_POST
def reset_device(request: HttpRequest, pk: int) -> HttpResponse:
    user = _get_user(request, pk)
    try:
        reset_second_factor(request.user, user)
    except UserAdminError as error:
        return _refused(request, user, error)
    return _done(
        request,
        user,
        _(
            "Tvåstegsverifieringen är återställd. Användaren aktiverar en ny direkt efter "
            "lösenordet nästa gång hen loggar in (inom sju dagar)."
        ),
    )


@login_required
@require_POST
def password_link(request: HttpRequest, pk: int) -> HttpResponse:
    user = _get_user(request, pk)
    try:
        issue_password_link(request.user, user)
    except UserAdminError as error:
        return _refused(request, user, error)
    return _password_link_page(request, user, created=False)
