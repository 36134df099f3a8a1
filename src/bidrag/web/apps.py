from django.apps import AppConfig


class WebConfig(AppConfig):
    """Server-rendered pages (htmx, no build step)."""

    name = "bidrag.web"
