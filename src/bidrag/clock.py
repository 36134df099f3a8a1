"""The business date (affärsdag): the one clock every service asks for "today".

``today()`` is the local date (Europe/Stockholm), unless ``settings.BIDRAG_TODAY`` fixes it:
``BIDRAG_TODAY=2021-03-01 bin/run`` starts the demo inside seed 000's payment window, and tests
set ``settings.BIDRAG_TODAY``. The production settings refuse the variable. Services never call
``date.today()`` or ``timezone.localdate()`` themselves: deadlines, windows, lapses and batch
dates all follow this one date. Timestamps of acts (signed at, attested at) stay real time.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone

SETTING = "BIDRAG_TODAY"


def parse_today(value: str) -> dt.date | None:
    """``"2021-03-01"`` → a date; ``""`` → None. Anything else is refused by name."""
    value = value.strip()
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{SETTING} must be a date YYYY-MM-DD, not {value!r}") from None


def today() -> dt.date:
    """The business date: ``settings.BIDRAG_TODAY`` when set, else today in Stockholm."""
    fixed = getattr(settings, SETTING, None)
    if fixed:
        return fixed if isinstance(fixed, dt.date) else dt.date.fromisoformat(str(fixed))
    return timezone.localdate()


def is_fixed() -> bool:
    """True when the business date is set by ``BIDRAG_TODAY`` (pages may say so)."""
    return bool(getattr(settings, SETTING, None))
