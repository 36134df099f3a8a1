"""Deadlines under lag (1930:173) om beräkning av lagstadgad tid, 2 §.

A last day that falls on a Saturday, a Sunday, a public holiday (allmän helgdag), midsommarafton,
julafton or nyårsafton moves to the next day that is none of these. The law speaks of deadlines
in law and ordinance; agencies apply it to grant deadlines too, so it is the default here and a
decision may turn it off (``apply_law=False``).

The calendar comes from the ``holidays`` package: the PUBLIC category holds the allmänna
helgdagar, DE_FACTO the three eves. Weekends are handled here, not by ``holidays`` (older
versions of its Sweden class counted every Sunday as a holiday, newer ones only on request).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

import holidays

from bidrag.core.errors import DomainError

_WEEKEND = {5: "lördag", 6: "söndag"}

# Swedish month names as documents print dates ("den 1 december 2023"), for the readers.
MONTHS = {
    "januari": 1,
    "februari": 2,
    "mars": 3,
    "april": 4,
    "maj": 5,
    "juni": 6,
    "juli": 7,
    "augusti": 8,
    "september": 9,
    "oktober": 10,
    "november": 11,
    "december": 12,
}
_ONE_DAY = timedelta(days=1)


# Outside these years ``holidays`` returns an empty calendar: refuse rather than treat
# Christmas as a working day.
FIRST_YEAR: int = holidays.Sweden.start_year
LAST_YEAR: int = holidays.Sweden.end_year


@lru_cache(maxsize=256)
def _days_off(year: int) -> dict[date, str]:
    """Holidays and eves of one year with their Swedish names (cached: a calendar per year)."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise DomainError(
            "date",
            f"year {year} is outside the holiday calendar ({FIRST_YEAR}–{LAST_YEAR})",
            year,
            code="deadline.year",
            params={"year": year, "first": FIRST_YEAR, "last": LAST_YEAR},
        )
    calendar = holidays.Sweden(
        years=year,
        categories=(holidays.PUBLIC, holidays.DE_FACTO),
        include_sundays=False,
        language="sv",
    )
    return dict(calendar.items())


def _check(d: object, field: str) -> date:
    # datetime is a subclass of date; a time of day has no place in a deadline.
    if isinstance(d, datetime) or not isinstance(d, date):
        raise DomainError(
            field,
            f"expected a date, got {type(d).__name__}",
            d,
            code="deadline.type",
            params={"type": type(d).__name__},
        )
    return d


def day_off_reason(d: date) -> str | None:
    """Why ``d`` cannot be a last day ("Påskdagen", "lördag", …), or ``None`` if it can."""
    d = _check(d, "date")
    return _days_off(d.year).get(d) or _WEEKEND.get(d.weekday())


def is_valid_day(d: date) -> bool:
    """True when ``d`` is a weekday that is neither a public holiday nor one of the three eves."""
    return day_off_reason(d) is None


def next_valid_day(d: date) -> date:
    """``d`` itself if it is a valid day, else the first valid day after it."""
    d = _check(d, "date")
    while not is_valid_day(d):
        d += _ONE_DAY
    return d


def effective_deadline(d: date, *, apply_law: bool = True) -> date:
    """The day a deadline really falls on; unchanged when a decision turns the rule off."""
    d = _check(d, "deadline")
    return next_valid_day(d) if apply_law else d


@dataclass(frozen=True, slots=True)
class Deadline:
    """A deadline as stated in a decision, and whether lag (1930:173) moves it."""

    stated: date
    apply_law: bool = True

    def __post_init__(self) -> None:
        _check(self.stated, "deadline")

    @property
    def effective(self) -> date:
        return effective_deadline(self.stated, apply_law=self.apply_law)

    @property
    def moved_because(self) -> str | None:
        """Why the effective day differs from the stated one (``None`` if it does not)."""
        return day_off_reason(self.stated) if self.apply_law else None
