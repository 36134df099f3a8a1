"""Typed errors of the core. Each names the field (or place) and the reason.

Every error the core raises also carries a stable ``code`` (``"money.negative"``) and its
``params`` (plain values: text, numbers, lists, mappings of them). Faces say the error in the
reader's language by looking the code up (``bidrag.messages``); ``str(error)`` stays the
English ``field: reason`` for logs and tracebacks, so rewording it changes no translation.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class DomainError(ValueError):
    """A value was refused. ``field`` names where (a field, a column, ``row 3, population``).

    ``code`` is stable and looked up by faces; ``""`` (only outside the core) means the error
    has no catalogued wording and faces show ``reason`` or their own text.
    """

    def __init__(
        self,
        field: str,
        reason: str,
        value: object = None,
        *,
        code: str = "",
        params: Mapping[str, Any] | None = None,
    ) -> None:
        self.field = field
        self.reason = reason
        self.value = value
        self.code = code
        self.params: dict[str, Any] = dict(params or {})
        super().__init__(f"{field}: {reason}" if field else reason)

    def as_data(self) -> dict[str, Any]:
        """``{code, params, field, reason}``: the error as plain values (to store or nest)."""
        return {
            "code": self.code,
            "params": self.params,
            "field": self.field,
            "reason": self.reason,
        }


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
