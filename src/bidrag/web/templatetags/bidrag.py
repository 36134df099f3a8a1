"""``{% load bidrag %}``: Swedish money formats for templates.

``{{ amount|kronor }}`` → ``1 234 567 kr`` and ``{{ amount_ore|ore }}`` → ``1 234,50 kr``, with
no-break spaces so an amount never wraps across lines. ``None`` and ``""`` render as ``–``.
"""

from django import template

from bidrag.core.money import format_kronor, format_ore

register = template.Library()

NBSP = "\u00a0"


@register.filter
def kronor(amount: int | None) -> str:
    if amount is None or amount == "":
        return "–"
    return format_kronor(amount, unit=False, sep=NBSP) + NBSP + "kr"


@register.filter
def ore(amount_ore: int | None) -> str:
    if amount_ore is None or amount_ore == "":
        return "–"
    return format_ore(amount_ore, unit=False, sep=NBSP) + NBSP + "kr"
