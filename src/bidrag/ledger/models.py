"""The appropriation ledger (anslagsredovisning): items per budget year and double-entry postings.

Amounts are integer **öre** (decisions are whole kronor, repayments may carry öre). Every
:class:`LedgerTransaction` has postings that sum to zero. Money moves between accounts:

==============  =======================================================  =====================
transaction     postings (+ to, − from)                                   posted by
==============  =======================================================  =====================
decision        +decided, −appropriation                                  agreements (load)
payment         +paid, −decided                                           payments (later)
lapse           +lapsed, −decided                                         requisitions (later)
repayment       +repaid, −paid                                            repayments (later)
==============  =======================================================  =====================

So ``−balance(appropriation)`` is all that was decided; ``balance(decided)`` what is decided
and neither paid nor lapsed (never negative: never more paid than decided). Balances are
computed from postings (:mod:`bidrag.ledger.services`), never stored.
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
    APPROPRIATION = "appropriation", _("Anslag (källa)")
    DECIDED = "decided", _("Beslutat, ej utbetalt")
    PAID = "paid", _("Utbetalt")
    LAPSED = "lapsed", _("Förfallet")
    REPAID = "repaid", _("Återbetalt")
    RECLAIMED = "reclaimed", _("Återkrävt")


class TransactionKind(models.TextChoices):
    DECISION = "decision", _("Beslut")
    DECISION_REVISION = "decision_revision", _("Ändrat beslut (ny version)")
    PAYMENT = "payment", _("Utbetalning")
    LAPSE = "lapse", _("Förfallna medel")
    REPAYMENT = "repayment", _("Återbetalning")
    RECLAIM = "reclaim", _("Återkrav")


class _AppendOnly(models.Model):
    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("ledger records are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("ledger records are append-only")


class LedgerTransaction(_AppendOnly):
    """Verifikation: one balanced set of postings, linked to what caused it."""

    date = models.DateField(_("bokföringsdag"))
    kind = models.CharField(_("typ"), max_length=32, choices=TransactionKind.choices)
    description = models.CharField(_("beskrivning"), max_length=300)
    source_type = models.CharField(_("källa (typ)"), max_length=100)
    source_id = models.CharField(_("källa (id)"), max_length=64)
    created_at = models.DateTimeField(_("registrerad"), auto_now_add=True)

    class Meta:
        verbose_name = _("verifikation")
        verbose_name_plural = _("verifikationer")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["source_type", "source_id"])]

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()}: {self.description}"


class Posting(_AppendOnly):
    """Kontering: an amount in öre on one account of one appropriation item (+ to, − from)."""

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
    account = models.CharField(_("konto"), max_length=20, choices=Account.choices)
    amount_ore = models.BigIntegerField(_("belopp (öre)"))

    class Meta:
        verbose_name = _("kontering")
        verbose_name_plural = _("konteringar")
        ordering = ["transaction", "id"]
        indexes = [models.Index(fields=["item", "account"])]

    def __str__(self) -> str:
        return f"{self.item} {self.account} {self.amount_ore} öre"
