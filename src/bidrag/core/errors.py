"""Typed errors of the core. Each names the field (or place) and the reason."""

from __future__ import annotations


class DomainError(ValueError):
    """A value was refused. ``field`` names where (a field, a column, ``row 3, population``)."""

    def __init__(self, field: str, reason: str, value: object = None) -> None:
        self.field = field
        self.reason = reason
        self.value = value
        super().__init__(f"{field}: {reason}" if field else reason)


class MoneyError(DomainError):
    """An amount could not be read or is not allowed."""


class IdentifierError(DomainError):
    """An organisationsnummer, Bankgiro, Plusgiro or OCR reference is wrong."""


class AllocationError(DomainError):
    """The inputs of an allocation are inconsistent."""


class RegisterError(DomainError):
    """A name does not resolve to a known region, county or organisation."""


class TableError(DomainError):
    """A tabular file (CSV) cannot be read: encoding, delimiter, cells."""
