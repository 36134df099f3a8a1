"""Local development on the embedded SQLite database."""

from bidrag.settings.base import *  # noqa: F403
from bidrag.settings.env import env

DEBUG = True
SECRET_KEY = env("DJANGO_SECRET_KEY", "dev-only-not-secret-" + "x" * 40)
ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]"]
API_DOCS_PUBLIC = True  # /api/v1/docs and openapi.json without sign-in (never in production)
BIDRAG_PAYER = DEMO_PAYER  # noqa: F405
