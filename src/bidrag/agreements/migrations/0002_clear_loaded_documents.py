"""Empties what `bidrag load` wrote before documents kept their identity across versions.

Until this version a new version of a decision file replaced the document's rows, the ledger
posted per appropriation item only (dated by the load day), and payees were organisations with
one free-text payment reference. No money had moved: no requisition, payment or repayment
existed. The loaded documents, their ledger postings and the payment details taken from them
are therefore removed here and come back, in the new shape, by loading the files again
(`bidrag load --user USERNAME decisions/*.yaml`, or `bin/run`). The audit trail is kept.
"""

from django.db import migrations


def clear(apps, schema_editor):
    for app, model, filters in (
        ("ledger", "Posting", {}),
        ("ledger", "LedgerTransaction", {}),
        ("agreements", "Finding", {}),
        ("agreements", "AnnexRow", {}),
        ("agreements", "Annex", {}),
        ("agreements", "DecisionLine", {}),
        ("agreements", "PaymentDecision", {}),
        ("agreements", "Area", {}),
        ("agreements", "Signature", {}),
        ("agreements", "Agreement", {}),
        ("agreements", "SourceFile", {}),
        ("recipients", "PaymentDetailsChange", {}),
        ("recipients", "PaymentDetails", {}),
        ("recipients", "Organisation", {"kind": "other"}),
    ):
        apps.get_model(app, model).objects.filter(**filters).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("agreements", "0001_initial"),
        ("ledger", "0001_initial"),
        ("recipients", "0002_payment_details_change"),
        ("accounts", "0001_initial"),
    ]

    operations = [migrations.RunPython(clear, migrations.RunPython.noop)]
