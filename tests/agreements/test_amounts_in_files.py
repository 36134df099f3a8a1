"""Every amount in a decision file is refused, naming its place, when negative or above the
ceiling (``core.money.MAX_KRONOR``), by ``verify`` and by ``load``, with nothing written."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.apps import apps

from bidrag.agreements.services import load_files, verify_files

DECISIONS = Path(__file__).resolve().parents[2] / "decisions"
PSV_2021 = DECISIONS / "2021-psv-payment-decision.yaml"
S2023 = DECISIONS / "2023-S2023-00488-payment-decision.yaml"
AGREEMENT_002 = DECISIONS / "2021-agreement-patient-safety-psv.yaml"


def edited(tmp_path: Path, source: Path, *edits: tuple[str, str]) -> tuple[Path, int]:
    """``source`` with ``edits``; the line of the first edit."""
    text = source.read_text()
    line = text[: text.index(edits[0][0])].count("\n") + 1
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    target = tmp_path / source.name
    target.write_text(text)
    return target, line


def loading_user() -> Any:
    """Who loads (``load_files``' second argument); called before any database snapshot."""
    from bidrag.accounts.testing import loader

    return loader()


def row_count() -> int:
    return sum(
        model.objects.count()
        for label in ("agreements", "ledger", "recipients", "audit")
        for model in apps.get_app_config(label).get_models()
    )


def negative_stockholm(tmp_path: Path) -> tuple[Path, int]:
    """Region Stockholm at −49 472 318 kr and Region Skåne raised to keep the column's sum."""
    return edited(
        tmp_path,
        PSV_2021,
        (
            "{name: Region Stockholm, amount: 49 472 318,",
            "{name: Region Stockholm, amount: −49 472 318,",
        ),
        (
            "{name: Region Skåne, amount: 28 681 860,",
            "{name: Region Skåne, amount: 127 626 496,",  # 28 681 860 + 2 × 49 472 318
        ),
    )


def test_verify_refuses_a_negative_row_that_keeps_the_sum(tmp_path: Path) -> None:
    path, line = negative_stockholm(tmp_path)
    (report,) = verify_files([str(path)])
    assert report.status == "refused"
    assert report.errors == [
        f"{path}:{line}: annexes[0].rows[0].amount: får inte vara negativt (är −49 472 318 kr)"
    ]


@pytest.mark.django_db
def test_load_refuses_a_negative_row_and_writes_nothing(tmp_path: Path) -> None:
    path, _ = negative_stockholm(tmp_path)
    user = loading_user()
    before = row_count()
    reports = load_files([str(S2023), str(path)], user)
    assert [r.status for r in reports] == ["not loaded", "refused"]
    assert row_count() == before


def test_verify_refuses_an_amount_of_10_to_the_20_with_its_place(tmp_path: Path) -> None:
    path, line = edited(
        tmp_path,
        PSV_2021,
        (
            "{name: Region Stockholm, amount: 49 472 318,",
            "{name: Region Stockholm, amount: 100000000000000000000,",
        ),
    )
    (report,) = verify_files([str(path)])
    assert report.errors == [
        f"{path}:{line}: annexes[0].rows[0].amount: är större än det högsta tillåtna beloppet, "
        "10 000 000 000 000 kr"
    ]


@pytest.mark.django_db
def test_load_refuses_an_amount_of_10_to_the_20_without_an_overflow(tmp_path: Path) -> None:
    path, _ = edited(
        tmp_path, PSV_2021, ("\ntotal: 290 000 000\n", "\ntotal: 100 000 000 000 000 000 000\n")
    )
    user = loading_user()
    before = row_count()
    (report,) = load_files([str(path)], user)
    assert report.status == "refused"
    assert any("total: är större än det högsta tillåtna beloppet" in e for e in report.errors)
    assert row_count() == before


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("    amount: 215 000 000\n", "    amount: -215 000 000\n", "lines[0].amount"),
        ("    amount: 275 000 000\n", "    amount: -275 000 000\n", "stated_totals[0].amount"),
        (
            "{column: amount, kind: amount, value: 215 000 000}",
            "{column: amount, kind: amount, value: 99 999 999 999 999 999}",
            "annexes[0].total_row",
        ),
        (
            "- name: Norra samverkansregionen\n        amount: 10 000 000\n",
            "- name: Norra samverkansregionen\n        amount: -10 000 000\n",
            "annexes[1].rows[0].amount",
        ),
    ],
)
def test_every_amount_of_a_payment_decision_is_checked(
    tmp_path: Path, old: str, new: str, field: str
) -> None:
    path, _ = edited(tmp_path, PSV_2021, (old, new))
    (report,) = verify_files([str(path)])
    assert report.status == "refused"
    assert any(f": {field}" in e for e in report.errors), report.errors


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("\ntotal: 397 350 000\n", "\ntotal: -397 350 000\n", "total"),
        ("\nco_financing: 100 000 000\n", "\nco_financing: -1\n", "co_financing"),
        ("    amount: 5 600 000\n", "    amount: 10 000 000 000 001\n", "areas[0].amount"),
    ],
)
def test_every_amount_of_an_agreement_is_checked(
    tmp_path: Path, old: str, new: str, field: str
) -> None:
    path, _ = edited(tmp_path, AGREEMENT_002, (old, new))
    (report,) = verify_files([str(path)])
    assert report.status == "refused"
    assert any(f": {field}: " in e for e in report.errors), report.errors
