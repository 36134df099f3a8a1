"""Template helpers for documents: ``{% show_table table %}``, ``|printed`` and ``|kr``."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Protocol

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from bidrag.core.money import format_kronor
from bidrag.documents.tables import HeaderSort, Table, shown

register = template.Library()

# What must never break across lines in a printed document: an amount with its unit
# ("62 500 000 kronor", "100 miljoner kronor"), a Bankgiro ("5716-1507") or Plusgiro
# ("3 70 20-5") number, an organisationsnummer ("232100 -0057"), a diarienummer, and a date
# in words ("15 februari 2021").
_UNBREAKABLE = re.compile(
    r"(?<![\d-])(?:"
    r"\d{6} ?-\d{4}"  # organisationsnummer, as printed (sometimes with a space)
    r"|\d{3,4}-\d{4}"  # Bankgiro
    r"|\d{1,2}(?: \d{2}){1,3}-\d|\d{2,7}-\d"  # Plusgiro
    r"|[A-Z]{1,3}\d{4}/\d{4,5}"  # diarienummer (S2020/09781)
    r"|I:\d+"  # a government decision's number (regeringsbeslut I:0)
    r"|\d{1,2} (?:januari|februari|mars|april|maj|juni|juli|augusti|september|oktober"
    r"|november|december)(?: \d{4})?"  # a date in words
    r"|\d{1,3}(?: \d{3})*(?:,\d+)?(?: (?:miljoner|miljarder))?(?: (?:kronor|kr)\b)?"
    r")(?![\d-])"
)


def _unbreakable(match: re.Match[str]) -> str:
    text = match.group(0)
    breakable = any(c in text for c in " -:/")
    return f'<span class="nowrap">{text}</span>' if breakable else text


@register.filter(needs_autoescape=True)
def printed(text: object, autoescape: bool = True) -> SafeString:
    """Printed text in HTML: escaped, amounts and account numbers kept on one line
    (``white-space: nowrap``), a line break printed on purpose kept (``<br>``)."""
    escaped = conditional_escape(str(text)) if autoescape else str(text)
    lines = [_UNBREAKABLE.sub(_unbreakable, line) for line in escaped.split("\n")]
    return mark_safe("<br>".join(lines))  # noqa: S308 - built from escaped text


class Sorting(Protocol):
    def header(self, table: Table) -> Sequence[HeaderSort]: ...


@register.inclusion_tag("documents/_table.html")
def show_table(
    table: Table, caption: bool = True, sorting: Sorting | None = None
) -> dict[str, Any]:
    """An accessible table: caption, ``th scope``, numbers right-aligned, total row in tfoot.

    With ``sorting`` (a page's :class:`bidrag.web.pages.table_query.TableQuery`), the column
    headers are sort links and the sorted one carries ``aria-sort``.
    """
    sorts = sorting.header(table) if sorting is not None else None
    return {"t": shown(table, sorts), "caption": caption}


@register.filter
def kr(amount: int | None) -> str:
    """Whole kronor grouped with spaces, no unit ("49 472 318")."""
    return "" if amount is None else format_kronor(int(amount), unit=False)
