"""Dates as Swedish documents write them."""

from __future__ import annotations

import datetime as dt

from django.utils import formats, translation

LANGUAGE = "sv"


def swedish_date(value: dt.date | None) -> str:
    """``2021-02-15`` → ``"15 februari 2021"``."""
    if value is None:
        return ""
    with translation.override(LANGUAGE):
        return formats.date_format(value, "j F Y")
