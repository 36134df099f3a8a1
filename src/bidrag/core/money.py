"""Exact money. Amounts are ``int``: whole kronor in decisions, öre where costs carry them.

Parsing accepts what Swedish documents print ("1 234 567 kr", "1 234 567,89 kr",
"2 420 000 000", "-5 000") and refuses floats, stray characters and ambiguous separators
("1.234" could be 1234 or 1,234). Formatting uses a space (U+00A0 in HTML is the caller's
choice) as thousands separator and a decimal comma.
"""

from __future__ import annotations

import re

from bidrag.core.errors import MoneyError
from bidrag.core.limits import LimitError, check_digits

ORE_PER_KRONA = 100

# Thousands separators seen in Swedish print: space, no-break space, narrow no-break space.
_SPACES = "\u0020\u00a0\u202f\u2009"
_GROUPED = re.compile(r"^\d{1,3}(?: \d{3})+$")
_PLAIN = re.compile(r"^\d+$")
_SUFFIXES = ("kronor", "kr.", "kr", "sek", ":-")


def _normalise(text: str, field: str) -> tuple[int, str, str | None]:
    """Split ``text`` into sign, integer digits and optional decimal digits."""
    if isinstance(text, bool) or not isinstance(text, str):
        if isinstance(text, int):
            return (-1 if text < 0 else 1), str(abs(text)), None
        raise MoneyError(field, f"expected text or an integer, got {type(text).__name__}", text)
    s = text.strip()
    for ch in _SPACES:
        s = s.replace(ch, " ")
    s = s.replace("\u2212", "-")  # the typographic minus
    low = s.lower()
    for suffix in _SUFFIXES:
        if low.endswith(suffix):
            s = s[: -len(suffix)].rstrip()
            break
    if not s:
        raise MoneyError(field, "is empty", text)
    sign = 1
    if s[0] in "+-":
        sign = -1 if s[0] == "-" else 1
        s = s[1:].lstrip()
    if "." in s:
        raise MoneyError(
            field,
            f"'{text}' is ambiguous: use a space between thousands and a comma before öre",
            text,
        )
    whole, sep, frac = s.partition(",")
    whole = whole.strip()
    if not (_PLAIN.match(whole) or _GROUPED.match(whole)):
        raise MoneyError(field, f"'{text}' is not an amount in kronor", text)
    if sep and not re.fullmatch(r"\d{1,2}|-", frac.strip()):
        raise MoneyError(field, f"'{text}' has more than two decimals (öre)", text)
    decimals = frac.strip() if sep and frac.strip() != "-" else None
    try:
        check_digits(whole, field)  # before int(): 5 000 digits would raise a bare ValueError
    except LimitError as e:
        raise MoneyError(field, e.reason, None) from None
    return sign, whole.replace(" ", ""), decimals


def parse_kronor(text: str | int, field: str = "amount") -> int:
    """Whole kronor from Swedish text. Öre other than ",00" are refused."""
    sign, whole, decimals = _normalise(text, field)  # type: ignore[arg-type]
    if decimals is not None and int(decimals) != 0:
        raise MoneyError(field, f"'{text}' has öre; whole kronor are required here", text)
    return sign * int(whole)


def parse_ore(text: str | int, field: str = "amount") -> int:
    """An amount in öre from Swedish text in kronor ("1 234,5 kr" → 123450)."""
    sign, whole, decimals = _normalise(text, field)  # type: ignore[arg-type]
    ore = int((decimals or "0").ljust(2, "0"))
    return sign * (int(whole) * ORE_PER_KRONA + ore)


def _group(digits: str, sep: str) -> str:
    head = len(digits) % 3 or 3
    parts = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
    return sep.join(parts)


def format_kronor(amount: int, *, unit: bool = True, sep: str = " ") -> str:
    """``1234567`` → ``"1 234 567 kr"``."""
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise MoneyError("amount", f"must be an integer, got {type(amount).__name__}", amount)
    text = ("-" if amount < 0 else "") + _group(str(abs(amount)), sep)
    return f"{text} kr" if unit else text


def format_ore(amount_ore: int, *, unit: bool = True, sep: str = " ") -> str:
    """``123456789`` öre → ``"1 234 567,89 kr"``."""
    if isinstance(amount_ore, bool) or not isinstance(amount_ore, int):
        raise MoneyError("amount", f"must be an integer (öre), got {type(amount_ore).__name__}")
    kronor, ore = divmod(abs(amount_ore), ORE_PER_KRONA)
    text = ("-" if amount_ore < 0 else "") + f"{_group(str(kronor), sep)},{ore:02d}"
    return f"{text} kr" if unit else text


def kronor_to_ore(kronor: int) -> int:
    return kronor * ORE_PER_KRONA
