"""Settings for readiness. Everything that differs between a laptop and production comes from
the environment; the defaults are safe for a laptop (SQLite, DEBUG on, console email)."""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from readiness.env import envbool, envint, envlist, envstr

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = envbool("DEBUG", True)
_INSECURE_KEY = "django-insecure-local-development-only"
SECRET_KEY = envstr("SECRET_KEY", _INSECURE_KEY)
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]" if DEBUG else "")

if not DEBUG:
    # Production refuses to start on laptop defaults rather than run insecurely.
    if SECRET_KEY == _INSECURE_KEY or len(SECRET_KEY) < 50:
        raise ImproperlyConfigured(
            "Production (DEBUG off) needs SECRET_KEY: 50+ random characters."
        )
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("Production (DEBUG off) needs ALLOWED_HOSTS (comma-separated).")
    if not envstr("DATABASE_URL", ""):
        raise ImproperlyConfigured("Production (DEBUG off) needs DATABASE_URL (PostgreSQL).")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "formtools",
    "simple_history",
    "axes",
    "csp",
    "django_tasks",
    # django-tasks-db under a translatable name (readiness/mail/apps.py).
    "readiness.mail.apps.TaskQueueConfig",
    "readiness.security",
    "readiness.mail",
    "readiness.assessments",
    "readiness.benchmarks",
    "readiness.schemes",
    "readiness.advisors",
    "readiness.reports",
    "readiness.workspaces",
    "readiness.firms",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # High up, so that even the error pages of the middleware below carry the policy.
    "csp.middleware.CSPMiddleware",
    # Static files straight from the app servers: no shared disk, no separate file server.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "readiness.security.sessions.StaffSessionExpiry",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Records which editor changed a scheme (django-simple-history).
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "readiness.security.ratelimit.RateLimitMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # Refuses any login from a client locked out after repeated failures, before the password
    # is even checked.
    "readiness.security.backends.LoginGuardBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "readiness.urls"
WSGI_APPLICATION = "readiness.wsgi.application"

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
                "readiness.firms.context_processors.operator",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        envstr("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=envint("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default takes a room of firms finishing at once. WAL lets pages read while
    # one request writes; IMMEDIATE transactions take the write lock when they begin, so a
    # writer waits its turn (up to `timeout` seconds) instead of failing with "database is
    # locked" when it upgrades a read lock mid-transaction.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache holds what every worker and server must agree on (the rate limits' counts): Redis
# when there is one, else a table in the database (`manage.py createcachetable` makes it).
REDIS_URL = envstr("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            # A Redis that hangs costs a page a second at most, never a worker's whole timeout.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "readiness_cache",
        }
    }
# Rendered markup that depends only on the release (a question's fieldset in one language, with
# one statement chosen): each worker keeps its own, filled as pages are shown, gone with the
# worker. See templates/forms/question.html.
CACHES["fragments"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "fragments",
    "OPTIONS": {"MAX_ENTRIES": 2000},
}

# Sessions hold the wizard's answers, so they must work across several app servers and
# restarts: in the shared database, read through the shared Redis cache when there is one (and
# from the database alone while Redis is down).
SESSION_ENGINE = (
    "readiness.security.session_store" if REDIS_URL else "django.contrib.sessions.backends.db"
)
SESSION_COOKIE_AGE = envint("SESSION_COOKIE_AGE", 60 * 60 * 24 * 14)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("zh-hant", _("Traditional Chinese"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["readiness.formats"]
# A firm's language choice outlives the browser session; without the cookie, Accept-Language.
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
TIME_ZONE = "Asia/Hong_Kong"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Production serves hashed, pre-compressed files (`make serve` runs collectstatic first);
    # the laptop and the tests serve the source files as they are.
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

FORM_RENDERER = "readiness.form_rendering.FormRenderer"

# E-mail goes out from the task worker, never from a request. On a laptop it is printed by the
# worker (console backend); with EMAIL_HOST set it goes through that SMTP server.
EMAIL_HOST = envstr("EMAIL_HOST", "")
EMAIL_BACKEND = envstr(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_PORT = envint("EMAIL_PORT", 587 if EMAIL_HOST else 25)
EMAIL_HOST_USER = envstr("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = envstr("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", bool(EMAIL_HOST))
EMAIL_TIMEOUT = envint("EMAIL_TIMEOUT", 20)
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", "Readiness <noreply@localhost>")
# The address every link in an e-mail starts with (scheme and host, no path). Mails are built
# from it, never from a request's Host header.
SITE_URL = envstr("SITE_URL", "http://127.0.0.1:8000" if DEBUG else "").rstrip("/")
# How often one result may be e-mailed, and one address be written to ("count/period", as the
# rate limits below); past it the firm is told to try later.
MAIL_LIMIT_PER_RESULT = envstr("MAIL_LIMIT_PER_RESULT", "5/d")
MAIL_LIMIT_PER_ADDRESS = envstr("MAIL_LIMIT_PER_ADDRESS", "10/d")
# A mail the SMTP server refuses or cannot take is tried again after 1, 2, 4, ... minutes, this
# many times in all, then recorded as failed.
MAIL_ATTEMPTS = envint("MAIL_ATTEMPTS", 6)
MAIL_RETRY_SECONDS = envint("MAIL_RETRY_SECONDS", 60)

# Background work (django-tasks): a queue in the database, worked by `manage.py db_worker`
# (`make run` starts one beside the dev server). docs/deploy.md says how to move it to Redis.
TASKS = {
    "default": {
        "BACKEND": envstr("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

ADMIN_URL = envstr("ADMIN_URL", "admin/").strip("/") + "/"

# The product's own knobs.
QUESTIONNAIRE_VERSION = envstr("QUESTIONNAIRE_VERSION", "2026.2")
# Scheme facts older than this (days since last verified) are flagged for re-checking.
SCHEME_STALE_AFTER_DAYS = envint("SCHEME_STALE_AFTER_DAYS", 90)
# How long a firm's contact details are kept; the Personal Information Collection Statement
# quotes it, and the erasure command enforces it.
CONTACT_RETENTION_MONTHS = envint("CONTACT_RETENTION_MONTHS", 24)
# The promise a firm reads after asking for an advisor, and the advisors' target.
FOLLOW_UP_TARGET_DAYS = envint("FOLLOW_UP_TARGET_DAYS", 5)
# Where a firm writes about its personal data, and about an accessibility problem: set by the
# operator and shown verbatim (an address, an e-mail address). Never guessed; a production
# system check warns while the first is empty.
DATA_PROTECTION_CONTACT = envstr("DATA_PROTECTION_CONTACT", "")
ACCESSIBILITY_CONTACT = envstr("ACCESSIBILITY_CONTACT", "")

X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_HTTPONLY = True
if not DEBUG:
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", True)
    # Load balancers probe over plain HTTP.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
# No script of ours reads a cookie.
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
# Advisors' admin sessions end after this long without a request; a firm's unfinished
# assessment keeps SESSION_COOKIE_AGE.
STAFF_SESSION_IDLE_SECONDS = envint("STAFF_SESSION_IDLE_SECONDS", 8 * 60 * 60)
CSRF_FAILURE_VIEW = "readiness.security.views.csrf_failure"

# Content Security Policy (django-csp 4): nothing inline, nothing from another site. Bootstrap's
# form controls draw their arrows and ticks from data: URIs.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "style-src": ["'self'"],
        "script-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# Behind reverse proxies, how many of them append to X-Forwarded-For; 0 trusts none and uses the
# direct peer. The header is believed only from the addresses (or networks) of our own proxies:
# anyone who reaches an app server directly could type it. The rate limits and the admin
# lock-out count per client address.
TRUSTED_PROXY_COUNT = envint("TRUSTED_PROXY_COUNT", 0)
TRUSTED_PROXY_ADDRESSES = envlist("TRUSTED_PROXY_ADDRESSES", "127.0.0.1,::1")
# Per client address, as "count/period" (s, m, h, d; "5/10m"); empty or "off" for no limit.
# A start is the first answer of a new wizard run, so going back and forth never counts.
# Several rates, comma-separated, all apply. The defaults let a workshop of 60 firms on one
# venue address in within an hour (with room for restarts), and stop a loop script at 240 a day;
# docs/security.md gives the reasoning.
RATE_LIMIT_ASSESSMENT_STARTS = envstr("RATE_LIMIT_ASSESSMENT_STARTS", "90/h,240/d")
RATE_LIMIT_PDF = envstr("RATE_LIMIT_PDF", "20/h")

# django-axes: the admin login locks out after repeated failures from one address, against one
# user name from anywhere, and against one user name from one address. Failures are forgotten
# only when the cool-off ends, never on a success: a success would wipe the address's count,
# and with it the count against every user name tried from there.
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=envint("AXES_COOLOFF_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username", ["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = False
AXES_LOCKOUT_CALLABLE = "readiness.security.views.lockout"
AXES_CLIENT_IP_CALLABLE = "readiness.security.clients.client_ip"
AXES_VERBOSE = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Result tokens are secrets: every handler masks them (see readiness/security/log_filters).
    "filters": {"mask_tokens": {"()": "readiness.security.log_filters.MaskResultTokens"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["mask_tokens"]},
    },
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "INFO")},
    "loggers": {
        # Replaces Django's own handlers: its error e-mails would carry the posted answers.
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # WeasyPrint narrates every rendering step at INFO, and warns once per character a font
        # lacks, quoting it: a company name would reach the log character by character.
        "weasyprint": {"level": "ERROR"},
    },
}
