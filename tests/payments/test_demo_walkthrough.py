"""``bidrag demo`` gives the SKR users and approved payment details, so that the whole flow can
be walked with the demo users: skr drafts, skr-foretradare signs, handlaggare approves,
attestant and attestant2 attest, betalning sends the file."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import override_settings

from bidrag.accounts.models import Membership
from bidrag.agreements.models import Entitlement
from bidrag.payments import pain001
from bidrag.payments.services import attest_payment, create_batch, export_batch, review_requisition
from bidrag.recipients.models import Organisation, OrganisationKind
from bidrag.recipients.readiness import blockers_by_organisation
from bidrag.requisitions.services import Contact, create_requisition, submit_requisition


@pytest.mark.django_db
@override_settings(DEBUG=True, BIDRAG_TODAY=dt.date(2021, 6, 1))
def test_the_demo_can_be_walked_from_requisition_to_payment_file() -> None:
    call_command("demo", stdout=StringIO())
    call_command("demo", stdout=StringIO())  # idempotent
    users = User.objects.in_bulk(
        ["skr", "skr-foretradare", "handlaggare", "attestant", "attestant2", "betalning"],
        field_name="username",
    )
    skr = Organisation.objects.get(kind=OrganisationKind.SKR)
    assert set(
        Membership.objects.filter(organisation=skr).values_list("user__username", flat=True)
    ) == {"skr", "skr-foretradare"}
    regions = list(
        Organisation.objects.filter(kind=OrganisationKind.REGION).values_list("pk", flat=True)
    )
    assert len(regions) == 21
    blockers = blockers_by_organisation([skr.pk, *regions])
    assert all(b == [] for b in blockers.values()), blockers
    e = Entitlement.objects.get(
        line__decision__document_id="2021-psv-payment-decision", beneficiary=skr
    )
    r = create_requisition(
        users["skr"],
        e,
        amount=15_000_000,
        period_start=dt.date(2021, 1, 1),
        period_end=dt.date(2021, 12, 31),
        contact=Contact("Sara Kommunförbund", "skr@bidrag.example"),
    )
    submit_requisition(users["skr-foretradare"], r)
    payment = review_requisition(users["handlaggare"], r, "approve", "").payment
    assert payment is not None
    attest_payment(users["attestant"], payment)
    attest_payment(users["attestant2"], payment)
    data = export_batch(users["betalning"], create_batch(users["betalning"], dt.date(2021, 6, 1)))
    assert pain001.read(data).control_sum_ore == 15_000_000_00
