from django.apps import AppConfig


class CliConfig(AppConfig):
    """Hosts the domain management commands (``bidrag allocate`` and friends)."""

    name = "bidrag.cli"
    label = "bidrag_cli"
