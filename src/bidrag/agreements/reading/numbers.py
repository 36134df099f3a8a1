"""Amounts, dates and table numbers as Swedish government decisions print them.

- Amounts in prose: ``215 000 000 kronor``, ``215 miljoner kronor``, ``2,5 miljarder kronor``,
  ``15 000 000`` (digits grouped by thousands need no unit), ``85 mnkr``. Exact: a scaled
  decimal that does not come out in whole kronor is not an amount.
- Dates: ``den 1 december 2023``, ``1 december 2023``, ``2023-12-01``, and periods
  ``15 februari till 15 mars 2021`` (the first date takes the second's year).
- Table cells: a row's numbers printed with single spaces between thousands and between
  columns alike ("10 319 473 1 215 000 000") are split by :func:`segmentations`, which lists
  every reading that obeys the thousands grouping; the caller picks with what it knows.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction

from bidrag.core.deadlines import MONTHS

_MONTH = "|".join(MONTHS)

_SCALES = {
    "miljarder": 10**9,
    "miljard": 10**9,
    "mdkr": 10**9,
    "miljoner": 10**6,
    "miljon": 10**6,
    "mnkr": 10**6,
    "mkr": 10**6,
    "tkr": 10**3,
}

AMOUNT = re.compile(
    r"(?<![\w/:.,\-])"
    r"(?P<number>\d{1,3}(?: \d{3})+|\d+)(?:,(?P<decimals>\d+))?"
    r"(?:\s*(?P<scale>miljarder|miljard|miljoner|miljon|mdkr|mnkr|mkr|tkr)\b)?"
    r"(?:\s*(?P<unit>kronor|kr\b|SEK\b))?"
    r"(?![\d/])",
)

DATE = re.compile(
    rf"(?:(?P<iso>(?<!\d)\d{{4}}-\d{{2}}-\d{{2}}(?!\d))"
    rf"|(?P<day>(?<!\d)\d{{1,2}})\s+(?P<month>{_MONTH})(?:\s+(?P<year>\d{{4}})(?!\d))?)",
    re.IGNORECASE,
)

PERIOD = re.compile(
    rf"(?:från och med\s+|från\s+)?(?:den\s+)?(?P<a>(?:\d{{1,2}}\s+(?:{_MONTH})(?:\s+\d{{4}})?)"
    rf"|\d{{4}}-\d{{2}}-\d{{2}})"
    rf"\s*(?:till och med|t\.o\.m\.|till|–|—|-)\s*(?:den\s+)?"
    rf"(?P<b>(?:\d{{1,2}}\s+(?:{_MONTH})\s+\d{{4}})|\d{{4}}-\d{{2}}-\d{{2}})",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Amount:
    value: int
    start: int
    end: int
    text: str
    unit: bool  # printed with "kronor"/"kr" or a scale word


@dataclass(frozen=True)
class FoundDate:
    value: dt.date | None  # None: the text names a day without a year, or no such day
    start: int
    end: int
    text: str


def find_amounts(text: str) -> list[Amount]:
    """Every amount in ``text``: with a unit or scale, or digits grouped by thousands."""
    out = []
    for m in AMOUNT.finditer(text):
        number, decimals, scale, unit = m["number"], m["decimals"], m["scale"], m["unit"]
        grouped = " " in number
        if not (scale or unit or grouped):
            continue
        if _looks_like_date(text, m.end()):
            continue
        value = Fraction(int(number.replace(" ", "")))
        if decimals:
            value += Fraction(int(decimals), 10 ** len(decimals))
        if scale:
            value *= _SCALES[scale.lower()]
        if value.denominator != 1:
            continue
        out.append(Amount(int(value), m.start(), m.end(), m.group(), bool(scale or unit)))
    return out


def _looks_like_date(text: str, end: int) -> bool:
    return bool(re.match(rf"\s+(?:{_MONTH})\b", text[end:], re.IGNORECASE))


def parse_date(text: str, default_year: int | None = None) -> dt.date | None:
    """One date written as a Swedish decision writes it; None when it is not a day."""
    m = DATE.search(text)
    if m is None:
        return None
    return _date(m, default_year)


def _date(m: re.Match[str], default_year: int | None = None) -> dt.date | None:
    try:
        if m["iso"]:
            return dt.date.fromisoformat(m["iso"])
        year = int(m["year"]) if m["year"] else default_year
        if year is None:
            return None
        return dt.date(year, MONTHS[m["month"].lower()], int(m["day"]))
    except ValueError:
        return None


def find_dates(text: str) -> list[FoundDate]:
    """Every date in ``text``; a day without a year takes the year of the next dated day in a
    period ("15 februari till 15 mars 2021")."""
    found = [FoundDate(_date(m), m.start(), m.end(), m.group()) for m in DATE.finditer(text)]
    for p in PERIOD.finditer(text):
        end = parse_date(p["b"])
        if end is None:
            continue
        for i, d in enumerate(found):
            if d.value is None and p.start("a") <= d.start < p.end("a"):
                start = parse_date(p["a"], end.year)
                found[i] = FoundDate(start, d.start, d.end, d.text)
    return found


DAYS_OF_MONTH = re.compile(
    rf"(?:den\s+)?(?P<d1>\d{{1,2}})\s*(?:–|—|-|till(?:\s+och\s+med)?)\s*(?:den\s+)?(?P<d2>\d{{1,2}})\s+"
    rf"(?P<month>{_MONTH})\s+(?P<year>\d{{4}})",
    re.IGNORECASE,
)


def find_period(text: str) -> tuple[dt.date | None, dt.date | None, str] | None:
    """A payment window: ``under perioden 15 februari till 15 mars 2021``, ``1–15 mars 2024``."""
    m = PERIOD.search(text)
    days = DAYS_OF_MONTH.search(text)
    if days is not None and (m is None or days.start() < m.start()):
        month, year = MONTHS[days["month"].lower()], int(days["year"])
        start: dt.date | None
        end: dt.date | None
        try:
            start = dt.date(year, month, int(days["d1"]))
            end = dt.date(year, month, int(days["d2"]))
        except ValueError:
            return None, None, days.group()
        return start, end, days.group()
    if m is None:
        return None
    end = parse_date(m["b"])
    start = parse_date(m["a"], end.year if end else None)
    return start, end, m.group()


# --- table numbers ----------------------------------------------------------------------------

_INT = re.compile(r"^\d+$")
_GROUP = re.compile(r"^\d{3}$")
_LAST_GROUP = re.compile(r"^\d{3}(?:,\d+)?%?$")
_SINGLE = re.compile(r"^-?\d+(?:,\d+)?%?$|^-?\d+[,.]?\d*\s?%$")


def is_number_token(token: str) -> bool:
    """A word that can be (part of) a number in a table: ``374``, ``0,2301``, ``23%``."""
    return bool(_SINGLE.match(token)) or token in ("-", "–", "0")


def segmentations(tokens: list[str], count: int, limit: int = 512) -> list[list[str]]:
    """Every way to read ``tokens`` as ``count`` numbers obeying the thousands grouping.

    ``["10", "319", "473", "1", "215", "000", "000"]`` into 3 gives
    ``[["10 319 473", "1", "215 000 000"], ["10 319", "473", "1 215 000 000"], ...]``.
    A number is one token, or a head of 1–3 digits followed by groups of exactly 3 (the last
    may carry decimals or a per cent sign).
    """
    out: list[list[str]] = []

    def walk(i: int, acc: list[str]) -> None:
        if len(out) >= limit:
            return
        if i == len(tokens):
            if len(acc) == count:
                out.append(list(acc))
            return
        if len(acc) >= count:
            return
        for j, number in _numbers_from(tokens, i):
            acc.append(number)
            walk(j, acc)
            acc.pop()

    walk(0, [])
    return out


def _numbers_from(tokens: list[str], i: int) -> Iterator[tuple[int, str]]:
    first = tokens[i]
    if not is_number_token(first) or re.fullmatch(r"0\d+", first):
        return
    yield i + 1, first
    if not (_INT.match(first) and 1 <= len(first) <= 3):
        return
    j = i + 1
    while j < len(tokens):
        token = tokens[j]
        if _GROUP.match(token):
            j += 1
            yield j, " ".join(tokens[i:j])
            continue
        if _LAST_GROUP.match(token):
            yield j + 1, " ".join(tokens[i : j + 1])
        break


def integer(text: str) -> int | None:
    """``"10 319 473"`` → 10319473; None for anything but a whole number."""
    s = text.replace(" ", "")
    if re.fullmatch(r"-?\d+", s):
        return int(s)
    return None
