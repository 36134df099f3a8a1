"""Demo users, one per role, with a known password and a TOTP device with a fixed secret.

For development and tests only: ``bidrag demo`` refuses to run unless DEBUG is on, and
``bidrag totp USERNAME`` prints the current code. Idempotent: running again resets passwords,
roles and devices to these values.
"""

from __future__ import annotations

import hashlib
import time
from base64 import b32encode
from collections.abc import Mapping
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from bidrag.accounts.models import Membership
from bidrag.accounts.roles import RECIPIENT_ROLES, Role
from bidrag.accounts.services import grant_role, setup_roles

DEMO_PASSWORD = "bidrag-demo-2025"
DEMO_ORGANISATION = "Region Stockholm"
SKR_ORGANISATION = "Sveriges Kommuner och Regioner"
DEMO_LOADER = "departement"  # loads the decision files (holds accounts.load_decisions)
DEVICE_NAME = "demo"


@dataclass(frozen=True)
class DemoUser:
    username: str
    role: Role
    first_name: str
    last_name: str
    organisation: str = DEMO_ORGANISATION  # recipient roles only

    @property
    def key_hex(self) -> str:
        """The fixed TOTP secret (20 bytes, hex as django-otp stores it)."""
        return hashlib.sha1(f"bidrag-demo-totp:{self.username}".encode()).hexdigest()

    @property
    def secret_base32(self) -> str:
        """The same secret as an authenticator app wants it."""
        return b32encode(bytes.fromhex(self.key_hex)).decode()


DEMO_USERS = (
    DemoUser("departement", Role.MINISTRY_OFFICIAL, "Dana", "Departement"),
    DemoUser("handlaggare", Role.CASE_OFFICER, "Hans", "Handläggare"),
    DemoUser("attestant", Role.ATTESTER, "Anna", "Attestant"),
    DemoUser("attestant2", Role.ATTESTER, "Adam", "Attestant"),
    DemoUser("betalning", Role.PAYMENT_ADMIN, "Bea", "Betalning"),
    DemoUser("mottagare", Role.RECIPIENT_USER, "Maja", "Mottagare"),
    DemoUser("foretradare", Role.RECIPIENT_SIGNATORY, "Fredrik", "Företrädare"),
    DemoUser("skr", Role.RECIPIENT_USER, "Sara", "Kommunförbund", SKR_ORGANISATION),
    DemoUser(
        "skr-foretradare", Role.RECIPIENT_SIGNATORY, "Staffan", "Företrädare", SKR_ORGANISATION
    ),
    DemoUser("revisor", Role.AUDITOR, "Rut", "Revisor"),
    DemoUser("sysadmin", Role.SYSADMIN, "Sam", "Sysadmin"),
)


@transaction.atomic
def create_demo_users(
    organisation_id: int | None = None, *, organisations: Mapping[str, int] | None = None
) -> list[DemoUser]:
    """Create or reset the demo users. A recipient user joins its organisation: its id from
    ``organisations`` (name → id), or ``organisation_id`` for Region Stockholm's users.

    Hook for the registry loader: ``bidrag demo`` looks the ids up by name; without one,
    recipient users get no membership and no role (a recipient role needs an organisation), so
    they see nothing. Role grants are audited with the actor ``"demo"``.
    """
    ids = dict(organisations or {})
    if organisation_id is not None:
        ids.setdefault(DEMO_ORGANISATION, organisation_id)
    setup_roles()
    for demo in DEMO_USERS:
        user, _created = User.objects.get_or_create(username=demo.username)
        user.first_name, user.last_name = demo.first_name, demo.last_name
        user.email = f"{demo.username}@bidrag.example"
        user.is_active = True
        user.set_password(DEMO_PASSWORD)
        user.save()
        user.groups.clear()
        Membership.objects.filter(user=user).delete()
        user.__dict__.pop("_bidrag_roles", None)
        TOTPDevice.objects.filter(user=user).delete()
        TOTPDevice.objects.create(user=user, name=DEVICE_NAME, key=demo.key_hex, confirmed=True)
        if demo.role not in RECIPIENT_ROLES:
            grant_role("demo", user, demo.role)
        elif demo.organisation in ids:
            grant_role("demo", user, demo.role, organisation_id=ids[demo.organisation])
    return list(DEMO_USERS)


def current_code(device: TOTPDevice, at: float | None = None) -> str:
    """The code ``device`` accepts at time ``at`` (now by default), zero-padded."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() if at is None else at
    return str(totp.token()).zfill(device.digits)
