"""bidrag: statsbidrag under överenskommelser mellan regeringen och SKR."""

__version__ = "0.1.0"
