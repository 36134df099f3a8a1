from django.apps import AppConfig


class WebConfig(AppConfig):
    """Server-rendered pages (htmx, no build step)."""

    name = "bidrag.web"

    def ready(self) -> None:
        from bidrag.web.providers import register_builtin

        register_builtin()
