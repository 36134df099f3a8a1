import os


def env(name: str, default: str) -> str:
    """An environment variable, or ``default`` when unset or empty."""
    return os.environ.get(name) or default
