from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    """Dokument: payment decisions rendered as HTML, PDF, XLSX and CSV (no business rules)."""

    name = "bidrag.documents"
    label = "documents"
    verbose_name = _("Dokument")
