"""The appropriation ledger (anslagsredovisning): items per budget year and double-entry postings.

Amounts are integer **öre** (decisions are whole kronor, repayments may carry öre). Every
:class:`LedgerTransaction` has postings that sum to zero, is dated by the business event that
caused it (the decision's date, a payment's value date), never the day it was recorded, and is
posted once per cause (``cause`` is unique). Each posting names its appropriation item and,
where there is one, the entitlement (rätt till bidrag) it concerns. Money moves between
accounts per entitlement:

=================  ================================================  ==========================
transaction        postings (+ to, − from)                           posted by
=================  ================================================  ==========================
decision           +open, −commitment                                agreements (registration)
amendment          ±open, ∓commitment (the difference)               agreements (new version)
reservation        +reserved, −open (a requisition, a scheduled       requisitions, payments
                   payment)
release            +open, −reserved (withdrawn, rejected)            requisitions, payments
payment            +paid, −reserved                                  payments (value date)
payment_returned   +reserved, −paid (the bank rejected it: no longer   payments (report date)
                   paid, reserved again for the payment, back in
                   the queue)
lapse              +lapsed, −open                                    requisitions (lapse)
=================  ================================================  ==========================

So per entitlement ``decided = −commitment``, and ``open`` is what is left: decided − requested
− paid − lapsed, never negative (the posting service refuses, under a row lock on the
entitlement). A payment is charged to the appropriation item of the budget year in which it is
paid (anslagsförordningen 2011:223, 12 §): its ``paid`` posting names that year's item.
Balances are computed from postings (:mod:`bidrag.ledger.services`), never stored. The tables
are append-only: model saves, queryset updates and deletes raise, and on PostgreSQL a trigger
refuses ``UPDATE`` and ``DELETE`` in SQL too.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(RuntimeError):
    """A ledger transaction or posting was about to be changed or deleted."""


class ExpenditureArea(models.Model):
    """Utgiftsområde, e.g. 9 Hälsovård, sjukvård och social omsorg."""

    number = models.PositiveSmallIntegerField(_("nummer"), unique=True)
    name = models.CharField(_("namn"), max_length=200)

    class Meta:
        verbose_name = _("utgiftsområde")
        verbose_name_plural = _("utgiftsområden")
        ordering = ["number"]

    def __str__(self) -> str:
        return f"UO {self.number} {self.name}"


class Appropriation(models.Model):
    """Anslag for one budget year (budgetår), e.g. 1:6 Bidrag till folkhälsa och sjukvård."""

    expenditure_area = models.ForeignKey(
        ExpenditureArea,
        verbose_name=_("utgiftsområde"),
        on_delete=models.PROTECT,
        related_name="appropriations",
    )
    budget_year = models.PositiveSmallIntegerField(_("budgetår"))
    code = models.CharField(_("anslag"), max_length=10)
    name = models.CharField(_("namn"), max_length=200)

    class Meta:
        verbose_name = _("anslag")
        verbose_name_plural = _("anslag")
        ordering = ["budget_year", "expenditure_area__number", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["expenditure_area", "budget_year", "code"],
                name="ledger_unique_appropriation",
            )
        ]

    def __str__(self) -> str:
        return f"{self.budget_year} anslag {self.code} {self.name}"


class AppropriationItem(models.Model):
    """Anslagspost, e.g. 40 Jämlik sjukvård, of one appropriation and budget year."""

    appropriation = models.ForeignKey(
        Appropriation, verbose_name=_("anslag"), on_delete=models.PROTECT, related_name="items"
    )
    number = models.PositiveSmallIntegerField(_("anslagspost"))
    name = models.CharField(_("namn"), max_length=200)

    class Meta:
        verbose_name = _("anslagspost")
        verbose_name_plural = _("anslagsposter")
        ordering = ["appropriation", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["appropriation", "number"], name="ledger_unique_appropriation_item"
            )
        ]

    def __str__(self) -> str:
        from bidrag.ledger.labels import item_label

        return item_label(self, short=True, year=True)

    @property
    def budget_year(self) -> int:
        return self.appropriation.budget_year


class Account(models.TextChoices):
    COMMITMENT = "commitment", _("Beslutat (åtagande)")
    OPEN = "open", _("Kvar av beslutat")
    RESERVED = "reserved", _("Rekvirerat, ej utbetalt")
    PAID = "paid", _("Utbetalt")
    LAPSED = "lapsed", _("Förfallet")


class TransactionKind(models.TextChoices):
    DECISION = "decision", _("Beslut")
    AMENDMENT = "amendment", _("Ändringsbeslut")
    RESERVATION = "reservation", _("Rekvirerat")
    RELEASE = "release", _("Frigjort")
    PAYMENT = "payment", _("Utbetalning")
    PAYMENT_RETURNED = "payment_returned", _("Utbetalning avvisad av banken")
    LAPSE = "lapse", _("Förfallna medel")


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError("ledger records are append-only")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("ledger records are append-only")

    def bulk_update(self, *args: Any, **kwargs: Any) -> int:
        raise AppendOnlyError("ledger records are append-only")


class _AppendOnly(models.Model):
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("ledger records are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("ledger records are append-only")


class LedgerTransaction(_AppendOnly):
    """Verifikation: one balanced set of postings, dated by the event that caused it."""

    date = models.DateField(_("affärshändelsens datum"))
    kind = models.CharField(_("typ"), max_length=32, choices=TransactionKind.choices)
    description = models.CharField(_("beskrivning"), max_length=300)
    cause = models.CharField(_("orsak (unik)"), max_length=200, unique=True)
    source_type = models.CharField(_("källa (typ)"), max_length=100)
    source_id = models.CharField(_("källa (id)"), max_length=64)
    created_at = models.DateTimeField(_("registrerad"), auto_now_add=True)

    class Meta:
        verbose_name = _("verifikation")
        verbose_name_plural = _("verifikationer")
        ordering = ["date", "id"]
        indexes = [models.Index(fields=["source_type", "source_id"])]

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()}: {self.description}"


class Posting(_AppendOnly):
    """Kontering: öre on one account of one appropriation item (+ to, − from), for one
    entitlement where there is one."""

    transaction = models.ForeignKey(
        LedgerTransaction,
        verbose_name=_("verifikation"),
        on_delete=models.PROTECT,
        related_name="postings",
    )
    item = models.ForeignKey(
        AppropriationItem,
        verbose_name=_("anslagspost"),
        on_delete=models.PROTECT,
        related_name="postings",
    )
    entitlement = models.ForeignKey(
        "agreements.Entitlement",
        verbose_name=_("rätt till bidrag"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="postings",
    )
    account = models.CharField(_("konto"), max_length=20, choices=Account.choices)
    amount_ore = models.BigIntegerField(_("belopp (öre)"))

    class Meta:
        verbose_name = _("kontering")
        verbose_name_plural = _("konteringar")
        ordering = ["transaction", "id"]
        indexes = [
            models.Index(fields=["item", "account"]),
            models.Index(fields=["entitlement", "account"]),
        ]

    def __str__(self) -> str:
        return f"{self.item} {self.account} {self.amount_ore} öre"
