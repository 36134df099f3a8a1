"""``bidrag demo`` and ``bidrag totp``: development only, idempotent, codes that sign in."""

from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.test import override_settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from bidrag.accounts.demo import DEMO_USERS, create_demo_users
from bidrag.accounts.models import Membership


@pytest.mark.parametrize("command", [["demo"], ["totp", "handlaggare"]])
def test_demo_commands_refuse_without_debug(db, command) -> None:
    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command(*command)


def test_demo_users_are_idempotent(stockholm) -> None:
    from bidrag.recipients.models import Organisation

    skr = Organisation.objects.create(kind="skr", name="Sveriges Kommuner och Regioner")
    orgs = {stockholm.name: stockholm.pk, skr.name: skr.pk}
    create_demo_users(organisations=orgs)
    keys = dict(TOTPDevice.objects.values_list("user__username", "key"))
    create_demo_users(organisations=orgs)
    assert User.objects.count() == len(DEMO_USERS)
    assert dict(TOTPDevice.objects.values_list("user__username", "key")) == keys
    assert Membership.objects.filter(organisation=stockholm).count() == 2
    assert set(
        Membership.objects.filter(organisation=skr).values_list("user__username", flat=True)
    ) == {
        "skr",
        "skr-foretradare",
    }
    assert all(u.groups.count() == 1 for u in User.objects.all())


@override_settings(DEBUG=True)
def test_totp_command_prints_a_code_the_device_accepts(demo_users) -> None:
    out = StringIO()
    call_command("totp", "revisor", stdout=out)
    code = out.getvalue().strip()
    assert len(code) == 6 and code.isdigit()
    assert TOTPDevice.objects.get(user__username="revisor").verify_token(code)


@override_settings(DEBUG=True)
def test_demo_command_prints_every_user_and_secret(stockholm) -> None:
    out = StringIO()
    call_command("demo", stdout=out)
    text = out.getvalue()
    for demo in DEMO_USERS:
        assert demo.username in text and demo.secret_base32 in text
    assert Membership.objects.filter(user__username="mottagare", organisation=stockholm).exists()


@override_settings(DEBUG=True)
def test_demo_after_a_changed_decision_file_loads_it_as_a_new_version(
    db, tmp_path, monkeypatch
) -> None:
    from pathlib import Path

    from bidrag.agreements.models import PaymentDecision

    repo_decisions = Path(__file__).resolve().parents[2] / "decisions"
    (tmp_path / "decisions").mkdir()
    for f in repo_decisions.glob("*.yaml"):
        (tmp_path / "decisions" / f.name).write_bytes(f.read_bytes())
    monkeypatch.chdir(tmp_path)
    call_command("demo", stdout=StringIO())
    psv = tmp_path / "decisions" / "2021-psv-payment-decision.yaml"
    psv.write_text(
        psv.read_text(encoding="utf-8").replace(
            "sammanhållna vårdförlopp\n", "sammanhållna vårdförlopp (rättad)\n", 1
        ),
        encoding="utf-8",
    )
    call_command("demo", stdout=StringIO())
    decision = PaymentDecision.objects.get(document_id="2021-psv-payment-decision")
    assert decision.source.version == 2
    assert decision.title.endswith("(rättad)")
