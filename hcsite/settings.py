"""
Settings for the healthcare careers site.

Every value comes from the environment, with defaults that make a fresh clone
run on SQLite and the local-memory cache. Production sets at least SECRET_KEY,
ALLOWED_HOSTS and DEBUG=0; see the README.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# ------------------------------------------------------------------------------
# Core
# ------------------------------------------------------------------------------
DEBUG = env_bool("DEBUG", default=False)

DEVELOPMENT_SECRET_KEY = "insecure-development-key-only-for-local-use"
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG and not env_bool("ALLOW_DEVELOPMENT_SECRET_KEY"):
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set the SECRET_KEY environment variable to a long random "
            "string (for example: python -c 'import secrets; print(secrets.token_urlsafe(50))'), "
            "or set DEBUG=1 for local development."
        )
    SECRET_KEY = DEVELOPMENT_SECRET_KEY

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS is not set. Set it to the comma-separated host names the site answers "
        "to (for example: ALLOWED_HOSTS=careers.example.org)."
    )

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "crispy_forms",
    "crispy_bootstrap5",
    "axes",
    "simple_history",
    "roles",
    "assessment",
    # After the apps whose content it records.
    "history",
]

MIDDLEWARE = [
    # First, so that everything below (axes, the assessment's rate limit, the logs) reads the
    # real client's address in REMOTE_ADDR.
    "hcsite.middleware.TrustedProxyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # WhiteNoise right after SecurityMiddleware so static files skip the rest of the stack.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Above the page cache, so that a request it refuses (a forged Host) still gets the
    # policy; on a cache hit the kept header stands and this costs one lookup.
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "hcsite.middleware.RefuseMultipartMiddleware",
    # Cached public pages next, so that a hit skips sessions, CSRF and the rest; the pages
    # it keeps already carry the headers the middleware below it adds.
    "roles.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Records the signed-in editor as the author of every change a request makes, inlines too.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Axes last: it needs the authenticated user and answers lockouts itself.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "hcsite.urls"
WSGI_APPLICATION = "hcsite.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "hcsite.context_processors.site",
            ],
        },
    },
]

# ------------------------------------------------------------------------------
# Database and cache
# ------------------------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a generous busy timeout let several gunicorn workers write without
    # "database is locked"; IMMEDIATE transactions take the write lock up front.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 30,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    # Short timeouts: a cache that stops answering is a miss, not a stalled page.
    _REDIS = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
    CACHES = {
        "default": {**_REDIS, "KEY_PREFIX": "hcsite"},
        "pages": {**_REDIS, "KEY_PREFIX": "hcsite-pages"},
    }
else:
    # Folders that every process on the machine shares, so that several workers count rate
    # limits together and see each other's edits; a per-process cache would not.
    CACHE_DIR = Path(os.environ.get("CACHE_DIR", BASE_DIR / ".cache"))
    CACHES = {
        alias: {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(CACHE_DIR / alias),
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
        for alias in ("default", "pages")
    }

# How long anonymous visitors' public pages stay cached. Every edit leaves the cached pages
# behind (roles/page_cache.py), so a change shows on the next request whatever this is.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))

# ------------------------------------------------------------------------------
# Authentication and admin
# ------------------------------------------------------------------------------
ADMIN_URL = os.environ.get("ADMIN_URL", "admin/").strip("/") + "/"

# Content not reviewed for this many months is listed as due for review in the admin.
REVIEW_PERIOD_MONTHS = int(os.environ.get("REVIEW_PERIOD_MONTHS", "12"))

AUTHENTICATION_BACKENDS = [
    # Axes first, so a locked-out client is refused before any password check.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Lock out after repeated failures, for a cool-off only: a permanent lockout would let an
# attacker shut an editor out. Failures count per client address (so random usernames cannot
# cost a password hash each without end) and per username at that address; an editor
# elsewhere can still sign in. Attempts during a lockout do not restart the cool-off.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "0.25"))
AXES_LOCKOUT_PARAMETERS = ["ip_address", ["username", "ip_address"]]
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# The client address is REMOTE_ADDR, as TrustedProxyMiddleware sets it; never a header
# (this matters only if django-ipware is ever installed).
AXES_IPWARE_META_PRECEDENCE_ORDER = ("REMOTE_ADDR",)
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "lockout.html"
AXES_VERBOSE = False

# ------------------------------------------------------------------------------
# Static files
# ------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# ------------------------------------------------------------------------------
# Security
# ------------------------------------------------------------------------------
# Nothing is allowed unless named: each kind of resource the pages (and the admin) load has
# its own directive. data: images are the empty favicon in base.html.
SECURE_CSP = {
    "default-src": [CSP.NONE],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# How many proxies of ours stand in front of the site (1 for the nginx of deploy/): the
# client's address is then read from X-Forwarded-For at that depth. 0 trusts no header.
TRUSTED_PROXY_HOPS = int(os.environ.get("TRUSTED_PROXY_HOPS", "0"))

if env_bool("TRUST_X_FORWARDED_PROTO"):
    # Only behind a proxy that sets this header itself; otherwise clients could forge it.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=True)
    CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=True)

CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# The site's own page for a refused form; Django's has an inline style the policy blocks.
CSRF_FAILURE_VIEW = "hcsite.views.csrf_failure"

# Site-wide ceilings, sized for the admin: a role's change form with all its inlines sends
# hundreds of fields (thousands with ten times the seeded content). The public assessment
# form keeps tighter limits of its own (ASSESSMENT_MAX_FIELDS, ASSESSMENT_MAX_BYTES).
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# No form takes files, the admin's included: a body carrying a file gets a 400 as soon as
# the parser reaches it (TooManyFilesSent), and uploads are only ever held in memory, never
# spooled to a temporary file on disk.
DATA_UPLOAD_MAX_NUMBER_FILES = 0
FILE_UPLOAD_MAX_MEMORY_SIZE = DATA_UPLOAD_MAX_MEMORY_SIZE
FILE_UPLOAD_HANDLERS = ["django.core.files.uploadhandler.MemoryFileUploadHandler"]
# A completed assessment is a few kilobytes and a field per statement.
ASSESSMENT_MAX_BYTES = 64 * 1024
ASSESSMENT_MAX_FIELDS = 200

# Assessment submission limits (django-ratelimit), as "count/period" (s, m, h or d).
# Per address: a classroom behind one school address (30 people, some sending twice)
# fits in a minute. Per client (its CSRF cookie, so each browser on that address
# has its own budget): a few a minute, so one client repeating itself is still held.
ASSESSMENT_RATE_LIMIT = os.environ.get("ASSESSMENT_RATE_LIMIT", "120/m")
ASSESSMENT_CLIENT_RATE_LIMIT = os.environ.get("ASSESSMENT_CLIENT_RATE_LIMIT", "6/m")
# Counted in the default cache, which every worker and instance shares.
RATELIMIT_USE_CACHE = "default"
# A cache that cannot count lets a submission through rather than refusing everyone.
RATELIMIT_FAIL_OPEN = True
# The results' indexes carry extra columns on PostgreSQL for the admin's counts; SQLite
# builds them without, which is all the embedded default needs.
SILENCED_SYSTEM_CHECKS = ["models.W040"]
# The admin streams CSV exports up to this many results, which finish well within a
# worker's timeout; larger ones are made with `manage.py export_results`.
ASSESSMENT_EXPORT_MAX_ROWS = int(os.environ.get("ASSESSMENT_EXPORT_MAX_ROWS", "200000"))
# How many days `manage.py delete_old_results` keeps results; 0 keeps every one.
ASSESSMENT_RESULT_RETENTION_DAYS = int(os.environ.get("ASSESSMENT_RESULT_RETENTION_DAYS", "0"))

# ------------------------------------------------------------------------------
# Forms
# ------------------------------------------------------------------------------
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# ------------------------------------------------------------------------------
# Internationalisation
# ------------------------------------------------------------------------------
LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# ------------------------------------------------------------------------------
# Site
# ------------------------------------------------------------------------------
SITE_NAME = "Healthcare Management or Administration?"
# Absolute origin for canonical links, Open Graph and the sitemap, e.g. https://careers.example.org
SITE_URL = os.environ.get("SITE_URL", "").rstrip("/")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"client_errors_on_one_line": {"()": "hcsite.log_filters.ClientErrorsOnOneLine"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["client_errors_on_one_line"],
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
