"""Settings shared by every environment. The database comes from ``DATABASE_URL``."""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from bidrag.clock import parse_today
from bidrag.settings.env import env

PACKAGE_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = Path(env("BIDRAG_HOME", str(Path.cwd())))

SECRET_KEY = env("DJANGO_SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS: list[str] = [h for h in env("DJANGO_ALLOWED_HOSTS", "").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "ninja",
    "bidrag.audit",
    "bidrag.accounts",
    "bidrag.recipients",
    "bidrag.ledger",
    "bidrag.agreements",
    "bidrag.notifications",
    "bidrag.requisitions",
    "bidrag.payments",
    "bidrag.documents",
    "bidrag.cli",
    "bidrag.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "bidrag.web.middleware.NoStoreMiddleware",  # after WhiteNoise: static files stay cacheable
    "django.contrib.sessions.middleware.SessionMiddleware",
    "bidrag.web.middleware.SwedishFirstMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "bidrag.accounts.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "bidrag.web.contention.ContentionMiddleware",  # a lock error from a view: 409, not 500
    "axes.middleware.AxesMiddleware",  # last: turns a lockout into its own page
]

ROOT_URLCONF = "bidrag.urls"
WSGI_APPLICATION = "bidrag.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "bidrag.web.context.shell",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'bidrag.sqlite3'}"),
        conn_max_age=60,
    )
}
# Contention (bidrag.web.contention): a request waits this long for a lock, then is refused.
DATABASE_LOCK_TIMEOUT = int(env("BIDRAG_LOCK_TIMEOUT", "10"))  # seconds
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Every transaction takes the write lock when it begins (BEGIN IMMEDIATE) and waits for it:
    # two deferred transactions that both read and then write would deadlock, and SQLite
    # answers the second "database is locked" at once instead of waiting.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": DATABASE_LOCK_TIMEOUT}
    )
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "options", f"-c lock_timeout={DATABASE_LOCK_TIMEOUT * 1000}"
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Svenska")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"

# Sign-in (bidrag.accounts): password, then TOTP for staff roles; lockout; short sessions.
AUTHENTICATION_BACKENDS = [
    "bidrag.accounts.backends.LockoutBackend",  # django-axes' AxesStandaloneBackend, first
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:home"
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # each counted on its own
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/lockout.html"
AXES_USERNAME_FORM_FIELD = "username"
SESSION_COOKIE_AGE = 30 * 60  # seconds of inactivity before sign-out
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
OTP_TOTP_ISSUER = "bidrag"

# Content-Security-Policy (django-csp 4): everything from our own origin, no inline script or
# style, so htmx is a vendored static file (web/static/web/vendor/).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# The business date (bidrag.clock): BIDRAG_TODAY=YYYY-MM-DD stands the system on another day
# (demo, tests); the production settings refuse it.
BIDRAG_TODAY = parse_today(env("BIDRAG_TODAY", ""))

# The paying agency as debtor of payment files (pain.001): name, organisationsnummer, postal
# address, account (IBAN) and its bank (BIC). Set per installation; dev and test use demo values.
BIDRAG_PAYER: dict[str, str] | None = None
# Demo values (dev and test settings): Kammarkollegiet's name, number and postal address as
# public; the IBAN is ISO 13616's Swedish example and the BIC a Swedish bank's, not a real account.
DEMO_PAYER = {
    "name": "Kammarkollegiet",
    "org_number": "202100-0829",
    "street": "Box 2218",
    "postal_code": "103 15",
    "town": "Stockholm",
    "country": "SE",
    "iban": "SE4550000000058398257466",
    "bic": "ESSESESS",
    "id_scheme": "BANK",
}

# E-mail (notifications): the console by default; set DJANGO_EMAIL_BACKEND for SMTP.
EMAIL_BACKEND = env("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", "bidrag@localhost")

# Swedish number formats: "1 234 567" with a no-break space (Django's sv formats). Beware: ids
# printed with {{ }} get separators too; use {% url %} or |unlocalize for ids in markup.
USE_THOUSAND_SEPARATOR = True
