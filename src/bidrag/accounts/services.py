"""User and role administration: the only place that writes users' roles, memberships,
activity and second-factor devices (and the groups' permissions).

Every change of a user runs in one transaction and writes an audit event on the user
(``auth.User``) with the before and after of :func:`snapshot` (roles, organisations, active,
second factor). The rules:

- **Who**: ``actor`` is the first parameter. A user actor must hold ``accounts.manage_users``
  (the system administrator; superusers too), else :class:`NotAllowedError`. A string actor
  (``"system"``, ``"demo"``, ``"cli"``) is trusted code (the loader, the demo, tests); the pages
  always pass ``request.user``.
- A superuser's account is changed by a superuser only (no way up from system administrator).
- **Nobody changes their own account** (roles, organisations, deactivation, second factor):
  :class:`SelfChangeError`. A second administrator must.
- **No conflict of interest**: a user holds either recipient roles (they work for a recipient
  organisation) or staff roles (officials, auditor, system administrator), never both:
  :class:`RoleConflictError`. Staff users are members of no organisation:
  :class:`MembershipConflictError`.
- **Recipient roles need an organisation**: granting one needs an existing membership or
  ``organisation_id=`` in the same call; the last membership of a user who holds a recipient role
  cannot be removed (revoke the role first): :class:`MembershipRequiredError`.
- **New users** get an unusable password and a one-time link to choose one
  (:func:`password_link_path`; Django's password validators apply when it is chosen, and the link
  stops working once a password is set or after ``PASSWORD_RESET_TIMEOUT``), plus an unconfirmed
  TOTP device that they enrol at their first sign-in (see
  :func:`bidrag.accounts.second_factor.issued_enrolment_device`).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.apps import apps as django_apps
from django.contrib.auth.models import AbstractBaseUser, Group, Permission, User
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.functional import Promise
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext_lazy as _
from django_otp import devices_for_user
from django_otp.plugins.otp_totp.models import TOTPDevice

from bidrag.accounts.models import ApiToken, Membership
from bidrag.accounts.roles import (
    AUDITOR_VIEW_APPS,
    RECIPIENT_ROLES,
    ROLE_PERMISSIONS,
    SECOND_FACTOR_ROLES,
    Role,
)
from bidrag.accounts.second_factor import ENROLMENT_DEVICE_NAME
from bidrag.accounts.tokens import PREFIX_LENGTH, new_token, token_digest
from bidrag.audit.services import Actor, record
from bidrag.core.errors import DomainError


def _wanted_permissions(role: Role) -> tuple[list[Permission], list[str]]:
    found: list[Permission] = []
    missing: list[str] = []
    for name in ROLE_PERMISSIONS[role]:
        app_label, codename = name.split(".", 1)
        perm = Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()
        if perm is None:
            missing.append(name)
        else:
            found.append(perm)
    if role is Role.AUDITOR:
        found += Permission.objects.filter(
            content_type__app_label__in=AUDITOR_VIEW_APPS, codename__startswith="view_"
        )
    return found, missing


@transaction.atomic
def setup_roles() -> dict[Role, list[str]]:
    """Create one group per role and give it exactly its permissions. Idempotent.

    Returns, per role, the permissions named in ``ROLE_PERMISSIONS`` that do not exist (yet).
    """
    missing_by_role: dict[Role, list[str]] = {}
    for role in Role:
        group, _created = Group.objects.get_or_create(name=role.value)
        perms, missing = _wanted_permissions(role)
        group.permissions.set(perms)
        missing_by_role[role] = missing
    return missing_by_role


def setup_roles_after_migrate(sender: Any, **kwargs: Any) -> None:
    """post_migrate receiver: runs once per migrate, after the last app's permissions exist."""
    with_models = [c for c in django_apps.get_app_configs() if c.models_module is not None]
    if with_models and sender is with_models[-1]:
        setup_roles()


# ----------------------------------------------------------------------------------------------
# Users: who may administer them, the refusals, and the audited changes.

SYSTEM = "system"
MANAGE_USERS = "accounts.manage_users"
# Roles of the state's side (officials, auditor, system administrator): never with a recipient's.
STAFF_ROLES = SECOND_FACTOR_ROLES


class UserAdminError(DomainError):
    """A change of a user was refused. ``message`` is for the person (Swedish)."""

    message: Promise = _("Åtgärden är inte tillåten.")

    def __init__(self, reason: str, field: str = "user", message: Promise | None = None) -> None:
        super().__init__(field, reason)
        if message is not None:
            self.message = message


class NotAllowedError(UserAdminError):
    message = _("Bara systemadministratören får hantera användare och roller.")


class SelfChangeError(UserAdminError):
    message = _(
        "Du kan inte ändra ditt eget konto, dina egna roller eller organisationer. "
        "En annan administratör måste göra det."
    )


class RoleConflictError(UserAdminError):
    message = _(
        "En användare kan inte ha både en roll hos en mottagare och en roll hos staten "
        "(tjänsteman, revisor eller systemadministratör): det vore jäv. "
        "Ta bort den andra rollen först."
    )


class MembershipRequiredError(UserAdminError):
    message = _(
        "En roll hos en mottagare kräver en organisation. Välj organisationen när du "
        "tilldelar rollen."
    )


class MembershipConflictError(UserAdminError):
    message = _(
        "Bara användare hos mottagare kopplas till organisationer. Användaren har en roll hos "
        "staten; ta bort den först."
    )


class InvalidUserError(UserAdminError):
    """A field of a new user is refused; ``field`` is the form field's name."""

    message = _("Uppgiften är inte giltig.")


def may_manage_users(user: Any) -> bool:
    return bool(
        getattr(user, "is_authenticated", False) and user.is_active and user.has_perm(MANAGE_USERS)
    )


def _check_actor(actor: Actor, target: AbstractBaseUser | None = None) -> None:
    if isinstance(actor, str):
        if not actor:
            raise NotAllowedError("an actor label is required")
        return
    if not may_manage_users(actor):
        raise NotAllowedError(f"{actor} lacks {MANAGE_USERS}")
    assert actor is not None
    if target is not None and actor.pk == target.pk:
        raise SelfChangeError("nobody may change their own account")
    superior = getattr(target, "is_superuser", False) and not getattr(actor, "is_superuser", False)
    if superior:
        raise NotAllowedError(
            "only a superuser changes a superuser",
            message=_("Bara en superanvändare får ändra en superanvändares konto."),
        )


def _roles(user: AbstractBaseUser) -> frozenset[Role]:
    """The roles held, active or not (``scoping.roles_of`` is empty for inactive users)."""
    names = set(Group.objects.filter(user__pk=user.pk).values_list("name", flat=True))
    return frozenset(role for role in Role if role.value in names)


def _organisations(user: AbstractBaseUser) -> list[str]:
    return sorted(
        Membership.objects.filter(user_id=user.pk).values_list("organisation__name", flat=True)
    )


def second_factor_status(user: AbstractBaseUser) -> str:
    """``"confirmed"`` (enrolled), ``"pending"`` (issued, not yet enrolled) or ``"none"``."""
    devices = list(devices_for_user(user, confirmed=None))
    if any(d.confirmed for d in devices):
        return "confirmed"
    return "pending" if devices else "none"


def snapshot(user: AbstractBaseUser) -> dict[str, Any]:
    """What an audit event on a user records before and after a change."""
    return {
        "roles": sorted(role.value for role in _roles(user)),
        "organisations": _organisations(user),
        "active": user.is_active,
        "second_factor": second_factor_status(user),
    }


def _locked(user: AbstractBaseUser) -> User:
    """The user's row, locked until the transaction ends (two administrators at once)."""
    return User.objects.select_for_update().get(pk=user.pk)


def _forget_roles(*users: Any) -> None:
    for user in users:
        user.__dict__.pop("_bidrag_roles", None)


def _organisation(organisation_id: int) -> Any:
    # The ground floor imports no domain app: the organisation model is the membership's
    # relation (``recipients.Organisation``).
    organisation: Any = Membership._meta.get_field("organisation").related_model
    try:
        return organisation.objects.get(pk=organisation_id)
    except (ObjectDoesNotExist, ValueError, TypeError) as exc:
        raise InvalidUserError(
            f"no organisation {organisation_id!r}",
            field="organisation",
            message=_("Organisationen finns inte."),
        ) from exc


def _issue_enrolment_device(user: AbstractBaseUser) -> TOTPDevice:
    for device in devices_for_user(user, confirmed=None):
        device.delete()
    return TOTPDevice.objects.create(user=user, name=ENROLMENT_DEVICE_NAME, confirmed=False)


def password_link_path(user: AbstractBaseUser) -> str:
    """The path of the one-time link with which ``user`` chooses a password."""
    return reverse(
        "accounts:set_password",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),  # type: ignore[arg-type]
        },
    )


_FIELD_MESSAGES: dict[str, Promise] = {
    "username": _("Användarnamn"),
    "first_name": _("Förnamn"),
    "last_name": _("Efternamn"),
    "email": _("E-postadress"),
}


@transaction.atomic
def create_user(
    actor: Actor, username: str, first_name: str = "", last_name: str = "", email: str = ""
) -> User:
    """A new user without roles, with an unusable password (see :func:`password_link_path`)
    and an unconfirmed TOTP device to enrol at the first sign-in."""
    _check_actor(actor)
    username = username.strip()
    if not username:
        raise InvalidUserError(
            "is required", field="username", message=_("Användarnamn: måste fyllas i.")
        )
    if User.objects.filter(username__iexact=username).exists():
        raise InvalidUserError(
            "is taken",
            field="username",
            message=_("Användarnamn: det finns redan en användare med det namnet."),
        )
    user = User(
        username=username,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        email=email.strip(),
    )
    user.set_unusable_password()
    try:
        user.full_clean(exclude=["password"])
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        label = _FIELD_MESSAGES.get(field, field)
        raise InvalidUserError(
            "; ".join(messages),
            field=field,
            message=f"{label}: {messages[0]}",  # type: ignore[arg-type]
        ) from error
    user.save()
    _issue_enrolment_device(user)
    record(actor, "user.created", user, old=None, new=snapshot(user))
    return user


@transaction.atomic
def issue_password_link(actor: Actor, user: AbstractBaseUser) -> str:
    """Block the current password and return a new one-time link to choose one (for a user who
    forgot it or whose first link ran out). Signs the user out everywhere."""
    _check_actor(actor, user)
    user = _locked(user)
    before = snapshot(user)
    user.set_unusable_password()
    user.save(update_fields=["password"])
    record(
        actor,
        "user.password_link_issued",
        user,
        old=before,
        new=snapshot(user),
        note="Lösenordet är spärrat tills användaren väljer ett nytt med länken.",
    )
    return password_link_path(user)


@transaction.atomic
def grant_role(
    actor: Actor, user: AbstractBaseUser, role: Role, *, organisation_id: int | None = None
) -> None:
    """Give ``user`` the role. A recipient role needs a membership already, or
    ``organisation_id`` (added in the same transaction)."""
    role = Role(role)
    _check_actor(actor, user)
    locked = _locked(user)
    before = snapshot(locked)
    held = _roles(locked)
    if role in RECIPIENT_ROLES and held & STAFF_ROLES:
        raise RoleConflictError(f"{role} with staff roles {sorted(held & STAFF_ROLES)}", "role")
    if role in STAFF_ROLES:
        if held & RECIPIENT_ROLES:
            raise RoleConflictError(f"{role} with recipient roles", "role")
        if Membership.objects.filter(user_id=locked.pk).exists():
            raise MembershipConflictError(
                f"{role} for a member of an organisation",
                "role",
                message=_(
                    "Användaren är kopplad till en mottagares organisation. Ta bort kopplingen "
                    "innan du tilldelar en roll hos staten."
                ),
            )
    if role in RECIPIENT_ROLES:
        if organisation_id is not None:
            Membership.objects.get_or_create(
                user_id=locked.pk, organisation=_organisation(organisation_id)
            )
        if not Membership.objects.filter(user_id=locked.pk).exists():
            raise MembershipRequiredError(f"{role} without an organisation", "organisation")
    group, _created = Group.objects.get_or_create(name=role.value)
    locked.groups.add(group)
    _forget_roles(user, locked)
    after = snapshot(locked)
    if after != before:
        record(actor, "user.role_granted", locked, old=before, new=after, note=role.value)


@transaction.atomic
def revoke_role(actor: Actor, user: AbstractBaseUser, role: Role) -> None:
    role = Role(role)
    _check_actor(actor, user)
    locked = _locked(user)
    if role not in _roles(locked):
        return
    before = snapshot(locked)
    locked.groups.remove(*Group.objects.filter(name=role.value))
    _forget_roles(user, locked)
    record(actor, "user.role_revoked", locked, old=before, new=snapshot(locked), note=role.value)


@transaction.atomic
def add_membership(actor: Actor, user: AbstractBaseUser, organisation_id: int) -> Membership:
    """Make ``user`` work for the organisation (recipient users; not for staff roles)."""
    _check_actor(actor, user)
    locked = _locked(user)
    if _roles(locked) & STAFF_ROLES:
        raise MembershipConflictError("staff roles have no organisation", "organisation")
    organisation = _organisation(organisation_id)
    before = snapshot(locked)
    membership, created = Membership.objects.get_or_create(
        user_id=locked.pk, organisation=organisation
    )
    if created:
        record(
            actor,
            "user.membership_added",
            locked,
            old=before,
            new=snapshot(locked),
            note=organisation.name,
        )
    return membership


@transaction.atomic
def remove_membership(actor: Actor, user: AbstractBaseUser, organisation_id: int) -> None:
    _check_actor(actor, user)
    locked = _locked(user)
    memberships = Membership.objects.filter(user_id=locked.pk)
    membership = memberships.filter(organisation_id=organisation_id).first()
    if membership is None:
        return
    if _roles(locked) & RECIPIENT_ROLES and memberships.count() == 1:
        raise MembershipRequiredError(
            "the last organisation of a recipient user",
            "organisation",
            message=_(
                "Användaren har en roll hos en mottagare och måste vara kopplad till minst en "
                "organisation. Ta bort rollen först, eller lägg till den nya organisationen "
                "innan du tar bort den gamla."
            ),
        )
    before = snapshot(locked)
    name = membership.organisation.name
    membership.delete()
    record(actor, "user.membership_removed", locked, old=before, new=snapshot(locked), note=name)


@transaction.atomic
def deactivate_user(actor: Actor, user: AbstractBaseUser) -> None:
    """The user can no longer sign in (and every session of theirs ends). Roles, memberships
    and the audit trail stay."""
    _check_actor(actor, user)
    locked = _locked(user)
    if not locked.is_active:
        return
    before = snapshot(locked)
    locked.is_active = False
    locked.save(update_fields=["is_active"])
    user.is_active = False
    _forget_roles(user, locked)
    record(actor, "user.deactivated", locked, old=before, new=snapshot(locked))


@transaction.atomic
def reset_second_factor(actor: Actor, user: AbstractBaseUser) -> TOTPDevice:
    """Delete the user's devices and issue a new, unconfirmed TOTP device: the user enrols it
    (QR code, then a code) right after the password at the next sign-in."""
    _check_actor(actor, user)
    locked = _locked(user)
    before = snapshot(locked)
    device = _issue_enrolment_device(locked)
    record(actor, "user.second_factor_reset", locked, old=before, new=snapshot(locked))
    return device


@transaction.atomic
def confirm_enrolment(user: AbstractBaseUser, device: TOTPDevice, code: str) -> bool:
    """The user confirms their issued device with a code from their app; audited, by them."""
    if device.user_id != user.pk or device.confirmed:
        return False
    before = snapshot(user)
    token = code.strip().replace(" ", "")
    if not token or not device.verify_token(token):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    record(user, "user.second_factor_enrolled", user, old=before, new=snapshot(user))
    return True


# ----------------------------------------------------------------------------------------------
# API tokens (see bidrag.accounts.tokens): created by trusted code (``bidrag token create``) or
# by the user for themselves; never by one person for another, so that an administrator cannot
# act as someone else through the API. Revoked by the user, an administrator, or trusted code.

MAX_TOKEN_LIFETIME = timedelta(days=3650)


class TokenError(UserAdminError):
    message = _("API-nyckeln kan inte skapas.")


def _check_token_actor(actor: Actor, user: AbstractBaseUser, *, revoking: bool) -> None:
    if isinstance(actor, str):
        if not actor:
            raise NotAllowedError("an actor label is required")
        return
    if getattr(actor, "pk", None) == user.pk and getattr(actor, "is_active", False):
        return
    if revoking and may_manage_users(actor):
        return
    raise NotAllowedError(
        "a token is created by its user or trusted code, and revoked by its user or an "
        "administrator",
        field="user",
        message=_("Bara användaren själv får skapa sina API-nycklar."),
    )


def _token_record(row: ApiToken) -> dict[str, Any]:
    """What the audit trail says about a token: never the token itself."""
    return {
        "token": row.pk,
        "name": row.name,
        "prefix": row.prefix,
        "expires_at": row.expires_at.isoformat() if row.expires_at else None,
        "revoked_at": row.revoked_at.isoformat() if row.revoked_at else None,
    }


@transaction.atomic
def create_token(
    actor: Actor, user: AbstractBaseUser, *, name: str = "", lifetime: timedelta | None = None
) -> tuple[ApiToken, str]:
    """A new API token for ``user``: the stored row and the token, which is shown only now.

    ``lifetime`` (optional, positive, at most ten years) sets when it expires. Refused for an
    inactive user. Audited on the user as ``user.token_created``."""
    _check_token_actor(actor, user, revoking=False)
    locked = _locked(user)
    if not locked.is_active:
        raise TokenError(
            "the user is inactive",
            field="user",
            message=_("Användaren är inaktiverad och kan inte få en API-nyckel."),
        )
    name = name.strip()
    if len(name) > ApiToken._meta.get_field("name").max_length:  # type: ignore[operator]
        raise TokenError(
            "name is too long",
            field="name",
            message=_("Benämning: högst 100 tecken."),
        )
    if lifetime is not None and not timedelta(0) < lifetime <= MAX_TOKEN_LIFETIME:
        raise TokenError(
            "lifetime must be positive and at most ten years",
            field="lifetime",
            message=_("Giltighetstid: måste vara positiv och högst tio år."),
        )
    token = new_token()
    now = timezone.now()
    row = ApiToken.objects.create(
        user=locked,
        name=name,
        prefix=token[:PREFIX_LENGTH],
        digest=token_digest(token),
        created_by=actor if isinstance(actor, str) else actor.get_username(),  # type: ignore[union-attr]
        expires_at=now + lifetime if lifetime is not None else None,
    )
    record(actor, "user.token_created", locked, old=None, new=_token_record(row), note=name)
    return row, token


@transaction.atomic
def revoke_token(actor: Actor, token_id: int) -> ApiToken:
    """Revoke the token: it gives nothing from now on. Revoking it again changes nothing.
    Audited on the user as ``user.token_revoked``."""
    row = ApiToken.objects.select_for_update().select_related("user").filter(pk=token_id).first()
    if row is None:
        raise TokenError(
            f"no token {token_id!r}",
            field="token",
            message=_("API-nyckeln finns inte."),
        )
    _check_token_actor(actor, row.user, revoking=True)
    if row.revoked_at is not None:
        return row
    before = _token_record(row)
    row.revoked_at = timezone.now()
    row.save(update_fields=["revoked_at"])
    record(actor, "user.token_revoked", row.user, old=before, new=_token_record(row), note=row.name)
    return row
