"""Recipient groups (mottagargrupper) of decision lines and agreement areas: defined here once.

The codes are what decision files write (``recipient_group: regions``) and what the database
stores; the labels are the Swedish names the UI shows. ``RecipientGroup`` (the model field's
choices), the decision-file schema and the checks' wording all derive from this module.
"""

from __future__ import annotations

from enum import StrEnum

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class RecipientGroupCode(StrEnum):
    REGIONS = "regions"
    MUNICIPALITIES_VIA_RSS = "municipalities_via_rss"
    COLLABORATION_REGIONS = "collaboration_regions"
    SKR = "skr"
    REGIONS_VIA_SKR = "regions_via_skr"
    REGIONS_FOR_ONWARD_PAYMENT_TO_SKR = "regions_for_onward_payment_to_skr"
    REGIONS_AND_SKR = "regions_and_skr"


LABELS: dict[RecipientGroupCode, Promise] = {
    RecipientGroupCode.REGIONS: _("Regionerna"),
    RecipientGroupCode.MUNICIPALITIES_VIA_RSS: _("Kommunerna via RSS"),
    RecipientGroupCode.COLLABORATION_REGIONS: _("Samverkansregionerna"),
    RecipientGroupCode.SKR: _("SKR"),
    RecipientGroupCode.REGIONS_VIA_SKR: _("Regionerna via SKR"),
    RecipientGroupCode.REGIONS_FOR_ONWARD_PAYMENT_TO_SKR: _(
        "Regionerna för vidare utbetalning till SKR"
    ),
    RecipientGroupCode.REGIONS_AND_SKR: _("Regionerna och SKR"),
}

CHOICES: list[tuple[str, Promise]] = [(code.value, LABELS[code]) for code in RecipientGroupCode]


def label(code: str) -> str:
    """The group's name in the active language (``"Regionerna"``); an unknown code as is."""
    try:
        return str(LABELS[RecipientGroupCode(code)])
    except ValueError:
        return code


def in_sentence(code: str) -> str:
    """The name inside a sentence: ``"regionerna via SKR"`` (``"SKR"`` keeps its capitals)."""
    text = label(code)
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text
