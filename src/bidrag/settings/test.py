"""Tests: SQLite by default, PostgreSQL when ``DATABASE_URL`` says so."""

from bidrag.settings.base import *  # noqa: F403
from bidrag.settings.env import env

SECRET_KEY = env("DJANGO_SECRET_KEY", "test-only-not-secret-" + "x" * 40)
ALLOWED_HOSTS = ["localhost", "127.0.0.1", "testserver"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
BIDRAG_PAYER = DEMO_PAYER  # noqa: F405
