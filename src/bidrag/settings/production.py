"""Production: PostgreSQL through ``DATABASE_URL``, secrets from the environment, HTTPS only."""

from django.core.exceptions import ImproperlyConfigured

from bidrag.settings.base import *  # noqa: F403
from bidrag.settings.base import BIDRAG_TODAY, DATABASES, SECRET_KEY

if not SECRET_KEY:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set in production")
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured(
        "production runs on PostgreSQL: set DATABASE_URL=postgres://USER:PASSWORD@HOST:5432/NAME "
        f"(got the engine {DATABASES['default']['ENGINE']}; SQLite locks the whole database "
        "on every write and is for development and tests only)"
    )
if BIDRAG_TODAY is not None:
    raise ImproperlyConfigured("BIDRAG_TODAY (a fixed business date) is refused in production")

DEBUG = False
SECURE_SSL_REDIRECT = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 31_536_000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
