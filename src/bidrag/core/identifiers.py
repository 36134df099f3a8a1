"""Swedish payment identifiers: organisationsnummer, Bankgiro, Plusgiro, OCR reference.

Each carries a Luhn (mod 10) check digit. Parsing accepts what documents print ("232100 -0057",
"2321000156", "5728-3905", "3 70 20-5") and refuses anything else with an ``IdentifierError``
that says exactly what is wrong: a stray character, the digit count, the check digit expected.
The value objects re-check themselves, so one built by hand cannot hold an invalid number.
"""

from __future__ import annotations

from dataclasses import dataclass

from stdnum import luhn
from stdnum.exceptions import ValidationError
from stdnum.se import orgnr as stdnum_orgnr

from bidrag.core.errors import IdentifierError

# Separators seen in print: spaces (incl. no-break and thin), hyphen, en dash, minus,
# non-breaking hyphen. Anything else is refused rather than silently dropped.
_SPACES = " \u00a0\u202f\u2009"
_DASHES = "-\u2010\u2011\u2013\u2212"

# The 12-digit form of an organisationsnummer puts "16" in front, where a personnummer has
# its century ("19"/"20").
_ORGNR_CENTURY = "16"


def _digits(text: object, field: str, *, separators: str) -> str:
    """The digits of ``text`` with allowed separators removed; refuses anything else."""
    if not isinstance(text, str):
        # An int would have lost leading zeros (OCR "0319200"), so only text is accepted.
        raise IdentifierError(
            field,
            f"expected text, got {type(text).__name__}",
            text,
            code="identifier.type",
            params={"type": type(text).__name__},
        )
    s = text.strip()
    if not s:
        raise IdentifierError(field, "is empty", text, code="identifier.empty")
    for ch in s:
        # Only ASCII digits: str.isdigit() would let "²" or Arabic-Indic digits through.
        if ch not in separators and not "0" <= ch <= "9":
            raise IdentifierError(
                field,
                f"contains {ch!r}",
                text,
                code="identifier.character" if _DASHES[0] in separators else "ocr.character",
                params={"character": ch},
            )
    digits = "".join(ch for ch in s if ch not in separators)
    if not digits:
        raise IdentifierError(field, "contains no digits", text, code="identifier.no-digits")
    return digits


def _check_luhn(digits: str, field: str, text: object) -> None:
    expected = luhn.calc_check_digit(digits[:-1])
    if digits[-1] != expected:
        raise IdentifierError(
            field,
            f"check digit is {digits[-1]}, expected {expected}",
            text,
            code="identifier.check-digit",
            params={"got": digits[-1], "expected": expected},
        )


def _plural(n: int) -> str:
    return f"{n} digit" if n == 1 else f"{n} digits"


# --- Organisationsnummer -------------------------------------------------------------------


def _orgnr_digits(text: object, field: str) -> str:
    digits = _digits(text, field, separators=_SPACES + _DASHES)
    if len(digits) == 12:
        if not digits.startswith(_ORGNR_CENTURY):
            hint = " (19 or 20 begins a personnummer)" if digits[:2] in ("19", "20") else ""
            raise IdentifierError(
                field,
                f"has 12 digits starting {digits[:2]}{hint}: the 12-digit form of an "
                f"organisationsnummer starts {_ORGNR_CENTURY}",
                text,
                code="orgnr.century",
                params={"start": digits[:2], "prefix": _ORGNR_CENTURY, "personnummer": bool(hint)},
            )
        digits = digits[2:]
    if len(digits) != 10:
        raise IdentifierError(
            field,
            f"has {_plural(len(digits))}, an organisationsnummer has 10 "
            f"(or 12 with the prefix {_ORGNR_CENTURY})",
            text,
            code="orgnr.length",
            params={"digits": len(digits), "prefix": _ORGNR_CENTURY},
        )
    middle = int(digits[2:4])
    if middle < 20:
        personal = 1 <= middle <= 12
        what = (
            "that is a personnummer, not an organisation"
            if personal
            else "an organisationsnummer has 20 or more there"
        )
        raise IdentifierError(
            field,
            f"digits 3–4 are {digits[2:4]}: {what}",
            text,
            code="orgnr.personnummer" if personal else "orgnr.middle-digits",
            params={"digits": digits[2:4]},
        )
    _check_luhn(digits, field, text)
    try:  # stdnum's own check (length and Luhn), kept as a second opinion
        stdnum_orgnr.validate(digits)
    except ValidationError as exc:  # pragma: no cover - our checks above are stricter
        raise IdentifierError(
            field,
            f"refused by python-stdnum: {exc}",
            text,
            code="orgnr.stdnum",
            params={"detail": str(exc)},
        ) from exc
    return digits


@dataclass(frozen=True, slots=True)
class OrgNumber:
    """An organisationsnummer, normalised to ``NNNNNN-NNNN``."""

    value: str

    def __post_init__(self) -> None:
        digits = _orgnr_digits(self.value, "organisationsnummer")
        if self.value != f"{digits[:6]}-{digits[6:]}":
            raise IdentifierError(
                "organisationsnummer",
                "must be given as NNNNNN-NNNN; use parse_orgnr",
                self.value,
                code="orgnr.form",
            )

    @property
    def digits(self) -> str:
        return self.value.replace("-", "")

    @property
    def group(self) -> int:
        """The first digit: 2 for the state, regions and municipalities, 5 for aktiebolag, …"""
        return int(self.value[0])

    def __str__(self) -> str:
        return self.value


def parse_orgnr(text: str, field: str = "organisationsnummer") -> OrgNumber:
    """``"232100 -0057"``, ``"2321000156"``, ``"16232100-0016"`` → ``OrgNumber``."""
    digits = _orgnr_digits(text, field)
    return OrgNumber(f"{digits[:6]}-{digits[6:]}")


# --- Bankgiro and Plusgiro -----------------------------------------------------------------


def _giro_digits(text: object, field: str, kind: str, lo: int, hi: int) -> str:
    # Payment files zero-pad giro numbers to 10 digits; leading zeros carry nothing (not even
    # for Luhn), and no Bankgiro or Plusgiro number begins with one.
    digits = _digits(text, field, separators=_SPACES + _DASHES).lstrip("0")
    if not lo <= len(digits) <= hi:
        span = f"{lo} or {hi}" if hi == lo + 1 else f"{lo} to {hi}"
        raise IdentifierError(
            field,
            f"has {_plural(len(digits))}, a {kind} number has {span}",
            text,
            code="giro.length",
            params={"kind": kind.lower(), "digits": len(digits), "min": lo, "max": hi},
        )
    _check_luhn(digits, field, text)
    return digits


def _bankgiro_digits(text: object, field: str) -> str:
    return _giro_digits(text, field, "Bankgiro", 7, 8)


def _plusgiro_digits(text: object, field: str) -> str:
    return _giro_digits(text, field, "Plusgiro", 2, 8)


@dataclass(frozen=True, slots=True)
class Bankgiro:
    """A Bankgiro number: 7 or 8 digits, the last a Luhn check digit."""

    digits: str

    def __post_init__(self) -> None:
        if _bankgiro_digits(self.digits, "bankgiro") != self.digits:
            raise IdentifierError(
                "bankgiro",
                "must be digits only; use parse_bankgiro",
                self.digits,
                code="giro.form",
                params={"kind": "bankgiro"},
            )

    @property
    def formatted(self) -> str:
        """As printed: ``NNN-NNNN`` or ``NNNN-NNNN``."""
        return f"{self.digits[:-4]}-{self.digits[-4:]}"

    def __str__(self) -> str:
        return self.formatted


def parse_bankgiro(text: str, field: str = "bankgiro") -> Bankgiro:
    """``"5728-3905"``, ``"390-1485"``, ``"5728 3905"`` → ``Bankgiro``."""
    return Bankgiro(_bankgiro_digits(text, field))


@dataclass(frozen=True, slots=True)
class Plusgiro:
    """A Plusgiro number: 2 to 8 digits, the last a Luhn check digit."""

    digits: str

    def __post_init__(self) -> None:
        if _plusgiro_digits(self.digits, "plusgiro") != self.digits:
            raise IdentifierError(
                "plusgiro",
                "must be digits only; use parse_plusgiro",
                self.digits,
                code="giro.form",
                params={"kind": "plusgiro"},
            )

    @property
    def formatted(self) -> str:
        """As Plusgirot prints it: pairs from the right, then the check digit (``3 70 20-5``)."""
        body = self.digits[:-1]
        head = len(body) % 2 or 2
        pairs = [body[:head]] + [body[i : i + 2] for i in range(head, len(body), 2)]
        return f"{' '.join(pairs)}-{self.digits[-1]}"

    def __str__(self) -> str:
        return self.formatted


def parse_plusgiro(text: str, field: str = "plusgiro") -> Plusgiro:
    """``"3 70 20-5"``, ``"370205"`` → ``Plusgiro``."""
    return Plusgiro(_plusgiro_digits(text, field))


# --- OCR payment reference ----------------------------------------------------------------

OCR_MIN_DIGITS = 2
OCR_MAX_DIGITS = 25


def parse_ocr(text: str, field: str = "ocr", *, length_digit: bool | None = None) -> str:
    """The digits of a valid OCR reference.

    The last digit is a Luhn check digit. With ``length_digit=True`` the digit before it must be
    the total length (both control digits included) mod 10; ``False`` does not look at it;
    ``None`` accepts either form, as a payee's setting at Bankgirot decides which applies.
    Leading zeros are part of the reference and kept.
    """
    digits = _digits(text, field, separators=_SPACES)
    if not OCR_MIN_DIGITS <= len(digits) <= OCR_MAX_DIGITS:
        raise IdentifierError(
            field,
            f"has {_plural(len(digits))}, an OCR reference has "
            f"{OCR_MIN_DIGITS} to {OCR_MAX_DIGITS}",
            text,
            code="ocr.length",
            params={"digits": len(digits), "min": OCR_MIN_DIGITS, "max": OCR_MAX_DIGITS},
        )
    _check_luhn(digits, field, text)
    if length_digit:
        expected = str(len(digits) % 10)
        if digits[-2] != expected:
            raise IdentifierError(
                field,
                f"length digit is {digits[-2]}, expected {expected} "
                f"(the reference has {len(digits)} digits)",
                text,
                code="ocr.length-digit",
                params={"got": digits[-2], "expected": expected, "digits": len(digits)},
            )
    return digits


def make_ocr(base_digits: str, *, length_digit: bool = True) -> str:
    """An OCR reference from ``base_digits``: ``"123"`` → ``"12351"``; without length ``"1230"``."""
    field = "ocr base"
    if not isinstance(base_digits, str) or not base_digits.isascii() or not base_digits.isdigit():
        raise IdentifierError(
            field, "must be a non-empty string of digits", base_digits, code="ocr.base"
        )
    total = len(base_digits) + (2 if length_digit else 1)
    if total > OCR_MAX_DIGITS:
        raise IdentifierError(
            field,
            f"has {_plural(len(base_digits))}: with the control digits the reference would "
            f"have {total}, more than {OCR_MAX_DIGITS}",
            base_digits,
            code="ocr.too-long",
            params={"digits": len(base_digits), "total": total, "max": OCR_MAX_DIGITS},
        )
    body = base_digits + (str(total % 10) if length_digit else "")
    return body + luhn.calc_check_digit(body)
