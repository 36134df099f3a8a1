"""How an appropriation item (anslagspost) is named: defined here once for pages, exports, the
admin and logs. Printed decision documents word it in their own prose (``documents``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from bidrag.ledger.models import AppropriationItem


def item_label(item: AppropriationItem, *, short: bool = False, year: bool = False) -> str:
    """``UO 9 anslag 1:6 Bidrag till folkhälsa och sjukvård, anslagspost 40 Jämlik sjukvård``.

    ``short``: ``UO 9 1:6 ap. 40 Jämlik sjukvård``; ``year`` adds the budget year: ``(2021)``.
    """
    a = item.appropriation
    area = a.expenditure_area.number
    if short:
        text = f"UO {area} {a.code} ap. {item.number} {item.name}"
    else:
        text = (
            f"UO {area} {_('anslag')} {a.code} {a.name}, "
            f"{_('anslagspost')} {item.number} {item.name}"
        )
    return f"{text} ({a.budget_year})" if year else text
