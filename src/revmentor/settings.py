"""Settings for revmentor, read from environment variables with safe local defaults.

Set ``DJANGO_PRODUCTION=1`` for production mode (HTTPS-only cookies, HSTS, no debug);
see README.md for every variable.
"""

import os
import sys
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


PRODUCTION = env_bool("DJANGO_PRODUCTION")
# Off unless asked for: `make run` sets DJANGO_DEBUG=1 for local development.
DEBUG = env_bool("DJANGO_DEBUG")
TESTING = "pytest" in sys.modules or env_bool("REVMENTOR_TESTING")
# Type checking imports the settings (django-stubs) but never serves a request.
TYPE_CHECKING_RUN = "mypy" in sys.modules
if DEBUG and PRODUCTION:
    raise ImproperlyConfigured("DJANGO_DEBUG=1 cannot be combined with DJANGO_PRODUCTION=1.")

# Local use only: a fixed key so sessions survive restarts of `make run`.
DEVELOPMENT_SECRET_KEY = (
    "local-development-key-not-for-production-use-8d7f6a5c4b3e2d1f0a9b8c7d6e5f4a3b"  # noqa: S105  # nosec B105
)
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY and PRODUCTION:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_PRODUCTION=1.")
if SECRET_KEY in ("", DEVELOPMENT_SECRET_KEY):
    if not (DEBUG or TESTING or TYPE_CHECKING_RUN):
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set to a secret value; the development key is used "
            "only with DJANGO_DEBUG=1 (as `make run` sets) or REVMENTOR_TESTING=1."
        )
    SECRET_KEY = DEVELOPMENT_SECRET_KEY

ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver"
)
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
# Absolute address used in e-mailed links (manager confirmation, sign-in codes).
SITE_URL = os.environ.get("REVMENTOR_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "revmentor.core.admin_site.OperatorAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_tasks_db",
    "revmentor.core",
    "revmentor.programs",
    "revmentor.applications",
    "revmentor.matching",
    "revmentor.mentorships",
    "revmentor.surveys",
    "revmentor.reports",
    "revmentor.privacy",
    "revmentor.wishes",
    "revmentor.archive",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous public pages from the shared cache, already compressed, before any
    # compression, session, language or CSRF work.
    "revmentor.core.pagecache.PublicPageCacheMiddleware",
    # Below WhiteNoise (static files come precompressed from it), above everything that
    # reads or changes the body, so what they see is plain and only the finished page is
    # compressed; it adds "Vary: Accept-Encoding" and pads against BREACH.
    "revmentor.core.middleware.CompressionMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "revmentor.core.middleware.LanguageLinkMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "revmentor.core.middleware.SessionAssuranceMiddleware",
    "revmentor.core.middleware.SessionRefreshMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "revmentor.core.middleware.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "revmentor.urls"
WSGI_APPLICATION = "revmentor.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "revmentor.core.context_processors.site",
            ],
        },
    }
]
FORM_RENDERER = "revmentor.core.forms.FormRenderer"


def database_from_environment() -> dict:
    url = os.environ.get("DATABASE_URL", "").strip()
    if url:
        try:
            config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
        except Exception as error:  # dj-database-url raises several kinds; all mean the same
            raise ImproperlyConfigured(
                f"DATABASE_URL is malformed ({error}); expected e.g. "
                "postgres://user:password@host:5432/name"
            ) from error
        if not config.get("ENGINE") or not config.get("NAME"):
            raise ImproperlyConfigured(
                "DATABASE_URL is malformed: it names no database engine or database name."
            )
        if config["ENGINE"] == "django.db.backends.sqlite3":
            config.update(sqlite_options(config))
        return config
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("REVMENTOR_SQLITE_PATH", str(PROJECT_DIR / "db.sqlite3")),
        **sqlite_options({}),
    }


def sqlite_options(config: dict) -> dict:
    # WAL + immediate transactions + a busy timeout: concurrent submitters queue instead
    # of being answered "database is locked".
    # secure_delete: deleted rows (erased data, purged mail tasks, survey answers waiting to
    # be shuffled) are overwritten, not left readable in the file's free pages.
    options = dict(config.get("OPTIONS", {}))
    options.setdefault("transaction_mode", "IMMEDIATE")
    options.setdefault("timeout", 20)
    options.setdefault(
        "init_command",
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
        "PRAGMA secure_delete=ON;",
    )
    return {"OPTIONS": options, "CONN_MAX_AGE": 0}


DATABASES = {"default": database_from_environment()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = ["revmentor.core.auth.EmailBackend"]
LOGIN_URL = "core:sign_in"
LOGIN_REDIRECT_URL = "core:home"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sessions expire after an hour of inactivity. They are written when they change, and
# otherwise at most every five minutes to push the expiry on (core.middleware.SessionRefresh).
SESSION_COOKIE_AGE = int(os.environ.get("REVMENTOR_SESSION_SECONDS", "3600"))
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("REVMENTOR_STATIC_ROOT", PROJECT_DIR / "staticfiles"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("REVMENTOR_MEDIA_ROOT", PROJECT_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# One cache shared by every app server and worker: Django's database cache, in the same
# database (the table is created by a migration). Rendered public pages live here, so a
# change on one server makes them stale on all. Never a per-process cache (LocMemCache):
# with several app servers each would keep its own stale copy.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "revmentor_cache",
        "TIMEOUT": 600,
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }
}

# How long each app server process reuses a public page it read from the shared cache without
# asking the database again (core/pagecache.py): a change shows on every server within it.
PUBLIC_PAGE_LOCAL_SECONDS = float(os.environ.get("REVMENTOR_PUBLIC_PAGE_LOCAL_SECONDS", "1"))

# How many proxies you run in front of the app servers (1 with deploy/'s nginx): the
# visitor's address for the sign-in lock-out is then read from X-Forwarded-For. 0: direct.
TRUSTED_PROXY_HOPS = int(os.environ.get("REVMENTOR_TRUSTED_PROXY_HOPS", "0"))

# Background work (e-mail, reminders, retention) goes through the database queue;
# `manage.py db_worker` runs it. Nothing is lost while the worker is down.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

EMAIL_BACKEND_PATH = os.environ.get(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
MAILERS = {
    "default": {
        "BACKEND": EMAIL_BACKEND_PATH,
        "OPTIONS": {
            "host": os.environ.get("DJANGO_EMAIL_HOST", "localhost"),
            "port": int(os.environ.get("DJANGO_EMAIL_PORT", "25")),
            "username": os.environ.get("DJANGO_EMAIL_HOST_USER", ""),
            "password": os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", ""),
            "use_tls": env_bool("DJANGO_EMAIL_USE_TLS"),
            "timeout": 20,
        }
        if EMAIL_BACKEND_PATH.endswith("smtp.EmailBackend")
        else {
            "file_path": os.environ.get("REVMENTOR_EMAIL_FILE_PATH", str(PROJECT_DIR / "sent-mail"))
        }
        if EMAIL_BACKEND_PATH.endswith("filebased.EmailBackend")
        else {},
    }
}
DEFAULT_FROM_EMAIL = os.environ.get(
    "DJANGO_DEFAULT_FROM_EMAIL", "revmentor <noreply@revmentor.invalid>"
)

# Django's built-in Content Security Policy: every asset is served by the app itself,
# nothing inline.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "revmentor.core.views.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}
