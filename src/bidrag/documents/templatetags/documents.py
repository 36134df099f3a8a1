"""Template helpers for documents: ``{% show_table table %}`` and ``|kr``."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Protocol

from django import template

from bidrag.core.money import format_kronor
from bidrag.documents.tables import HeaderSort, Table, shown

register = template.Library()

# A space between digit groups ("62 500 000"), and before "kr"/"kronor" after a number.
_GROUP_SPACE = re.compile(r"(?<=\d) (?=\d{3}(?!\d))|(?<=\d) (?=kr(?:onor)?\b)")


@register.filter
def keep_amounts_together(text: str) -> str:
    """No line break inside an amount in prose: "62 500 000 kronor" stays on one line."""
    return _GROUP_SPACE.sub("\u00a0", str(text))


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
