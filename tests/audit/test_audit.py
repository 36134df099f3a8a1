import pytest
from django.contrib.auth.models import User
from django.db import transaction

from bidrag.audit.models import AppendOnlyError, AuditEvent
from bidrag.audit.services import history, record


@pytest.mark.django_db
def test_record_keeps_who_what_before_and_after() -> None:
    user = User.objects.create_user("anna")
    with transaction.atomic():
        event = record(user, "user.renamed", user, old={"name": "a"}, new={"name": "b"})
    assert event.actor_label == "anna"
    assert list(history(user)) == [event]
    assert event.old_value == {"name": "a"} and event.new_value == {"name": "b"}


@pytest.mark.django_db
def test_audit_events_cannot_be_changed_or_deleted() -> None:
    user = User.objects.create_user("bo")
    with transaction.atomic():
        event = record("cli", "user.created", user)
    event.note = "edited"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.update(note="x")
    assert AuditEvent.objects.get().note == ""


@pytest.mark.django_db(transaction=True)
def test_record_outside_a_transaction_is_refused() -> None:
    user = User.objects.create_user("cecilia")
    with pytest.raises(RuntimeError, match="inside the service's transaction"):
        record(user, "x", user)
    assert not AuditEvent.objects.exists()
