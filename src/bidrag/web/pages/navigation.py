"""The pages' entries in the main navigation (:mod:`bidrag.web.navigation`)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from bidrag.web.navigation import register
from bidrag.web.pages.access import EVERY_ORGANISATION, OWN_ORGANISATION


def register_pages() -> None:
    register("pages:agreements", _("Överenskommelser"), roles=EVERY_ORGANISATION, order=20)
    register(
        "pages:decisions", pgettext_lazy("navigation", "Beslut"), roles=OWN_ORGANISATION, order=30
    )
    register("pages:recipients", _("Mottagare"), roles=OWN_ORGANISATION, order=40)
    register("pages:appropriations", _("Anslag"), roles=EVERY_ORGANISATION, order=50)
