"""The roles of bidrag. Each role is a Django group named by its ``Role`` value.

``ROLE_PERMISSIONS`` says which permissions (``app_label.codename``) each group holds; other
apps add their own codenames here when they define them. ``bidrag setup_roles`` (and every
``migrate``) makes the groups match this table exactly; codenames that do not exist yet are
skipped and reported.
"""

from enum import StrEnum

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Role(StrEnum):
    MINISTRY_OFFICIAL = "ministry_official"
    CASE_OFFICER = "case_officer"
    ATTESTER = "attester"
    PAYMENT_ADMIN = "payment_admin"
    RECIPIENT_USER = "recipient_user"
    RECIPIENT_SIGNATORY = "recipient_signatory"
    AUDITOR = "auditor"
    SYSADMIN = "sysadmin"

    @property
    def label(self) -> Promise:
        return ROLE_LABELS[self]


ROLE_LABELS: dict[Role, Promise] = {
    Role.MINISTRY_OFFICIAL: _("Departementstjänsteman"),
    Role.CASE_OFFICER: _("Handläggare"),
    Role.ATTESTER: _("Attestant"),
    Role.PAYMENT_ADMIN: _("Betalningsadministratör"),
    Role.RECIPIENT_USER: _("Användare hos mottagare"),
    Role.RECIPIENT_SIGNATORY: _("Behörig företrädare"),
    Role.AUDITOR: _("Revisor"),
    Role.SYSADMIN: _("Systemadministratör"),
}

# Roles that work for one recipient organisation and see only its data.
RECIPIENT_ROLES = frozenset({Role.RECIPIENT_USER, Role.RECIPIENT_SIGNATORY})
# Roles that see every organisation's data (read; what they may change is a permission).
ALL_SEEING_ROLES = frozenset(
    {Role.MINISTRY_OFFICIAL, Role.CASE_OFFICER, Role.ATTESTER, Role.PAYMENT_ADMIN, Role.AUDITOR}
)
# Staff roles: sign-in needs a second factor (TOTP). The system administrator holds no money
# actions and sees no organisation's money data, but administers users, so it needs one too.
SECOND_FACTOR_ROLES = ALL_SEEING_ROLES | {Role.SYSADMIN}

_ACCESS = "accounts"
ROLE_PERMISSIONS: dict[Role, tuple[str, ...]] = {
    Role.MINISTRY_OFFICIAL: (f"{_ACCESS}.view_all_organisations", f"{_ACCESS}.load_decisions"),
    Role.CASE_OFFICER: (
        f"{_ACCESS}.view_all_organisations",
        f"{_ACCESS}.review_cases",
        f"{_ACCESS}.load_decisions",
    ),
    Role.ATTESTER: (f"{_ACCESS}.view_all_organisations", f"{_ACCESS}.attest_payments"),
    Role.PAYMENT_ADMIN: (f"{_ACCESS}.view_all_organisations", f"{_ACCESS}.manage_payments"),
    Role.RECIPIENT_USER: (f"{_ACCESS}.file_for_organisation",),
    Role.RECIPIENT_SIGNATORY: (
        f"{_ACCESS}.file_for_organisation",
        f"{_ACCESS}.sign_for_organisation",
    ),
    Role.AUDITOR: (f"{_ACCESS}.view_all_organisations", f"{_ACCESS}.view_audit_trail"),
    Role.SYSADMIN: (
        f"{_ACCESS}.manage_users",
        "auth.view_user",
        "auth.add_user",
        "auth.change_user",
        "auth.view_group",
    ),
}

# The auditor also gets every ``view_*`` permission of these apps (read-only, everything).
AUDITOR_VIEW_APPS = ("agreements", "recipients", "ledger", "audit", "accounts")
