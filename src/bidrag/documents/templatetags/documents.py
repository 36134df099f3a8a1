"""Template helpers for documents: ``{% show_table table %}`` and ``|kr``."""

from __future__ import annotations

from typing import Any

from django import template

from bidrag.core.money import format_kronor
from bidrag.documents.tables import Table, shown

register = template.Library()


@register.inclusion_tag("documents/_table.html")
def show_table(table: Table, caption: bool = True) -> dict[str, Any]:
    """An accessible table: caption, ``th scope``, numbers right-aligned, total row in tfoot."""
    return {"t": shown(table), "caption": caption}


@register.filter
def kr(amount: int | None) -> str:
    """Whole kronor grouped with spaces, no unit ("49 472 318")."""
    return "" if amount is None else format_kronor(int(amount), unit=False)
