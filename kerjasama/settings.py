"""Settings of Sistem Informasi Kerja Sama Daerah.

Everything that differs between a laptop and production comes from the environment
(read by django-environ); the defaults give a working development setup with SQLite
under ``var/``.
"""

from datetime import timedelta
from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

from kerjasama import secret_key

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
# The public development key exists only under DEBUG. Outside DEBUG a missing or weak
# key is never used: the key is left empty, so anything that would sign with it fails,
# and the web application refuses to start (kerjasama/wsgi.py, which runserver and
# gunicorn load). Commands that sign nothing (migrate, makemigrations) still run.
SECRET_KEY = env.str("SECRET_KEY", default=secret_key.DEVELOPMENT_KEY if DEBUG else "")
SECRET_KEY_PROBLEM = None if DEBUG else secret_key.weakness(SECRET_KEY)
if SECRET_KEY_PROBLEM:
    SECRET_KEY = ""
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # Our apps first: agreements provides its own `import` command that replaces
    # django-import-export's, which would write a half-valid file (README, "Spreadsheets").
    "agreements",
    "reports",
    # The infrastructure (spreadsheets, history): an app for its templates, which
    # override django-import-export's and django-simple-history's, so listed before them.
    "core",
    "kerjasama.apps.KerjasamaAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "import_export",
    "simple_history",
    "csp",
    # Last, as django-axes asks: it wraps the authentication of the apps above.
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out user name and address before the password is checked.
    "kerjasama.login_protection.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "kerjasama.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "kerjasama" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "kerjasama.wsgi.application"

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite as a real embedded database (see the README, "SQLite"): readers never wait
    # for a writer (WAL), a writer waits for another instead of failing at once, and a
    # transaction takes the write lock when it begins, so it never fails half-way when
    # it upgrades from reading to writing ("database is locked").
    DATABASES["default"]["OPTIONS"] = {
        "timeout": env.int("SQLITE_BUSY_TIMEOUT", default=300),
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        **DATABASES["default"].get("OPTIONS", {}),
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # PostgreSQL compiles a query to machine code (JIT) when its estimated cost is high,
    # which the dashboard's counts over a national register are: compiling took most of
    # their time (0.8 of 0.9 s for the compliance table; docs/performance.md). The
    # register's queries are index look-ups and counts, never long enough to repay it.
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options["options"] = " ".join(filter(None, ["-c jit=off", options.get("options")]))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Indonesian first; English stays selectable (README).
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Indonesian")), ("en", _("English"))]
# Our own catalogue first; the second holds an Indonesian translation of
# django-import-export, which ships none.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale-thirdparty"]
TIME_ZONE = env.str("TIME_ZONE", default="Asia/Jakarta")
USE_I18N = True
USE_TZ = True
# Dates as clerks read them ("29 Oktober 2019"), numbers with Indonesian separators.
FORMAT_MODULE_PATH = ["core.formats"]
# Money is formatted by core.formatting; plain numbers (years) keep no separator.
USE_THOUSAND_SEPARATOR = False
# dumpdata / loaddata and the backup keep datetimes to the microsecond.
SERIALIZATION_MODULES = {"json": "core.serializers.exact_json"}

STATIC_URL = "static/"
# The project's own scripts and styles (kerjasama is the project, not an app).
STATICFILES_DIRS = [BASE_DIR / "kerjasama" / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", default=VAR_DIR / "static")
MEDIA_URL = "media/"  # never served directly: documents go through a permission check
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="kerjasama@localhost")
# Reminders (manage.py send_reminders): the site's address for the links in e-mails,
# the cooperation office's addresses (it receives every reminder) and how many days
# late a missed reminder (an agreement's end, a report overdue) is still sent.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
REMINDER_OFFICE_EMAILS = env.list("REMINDER_OFFICE_EMAILS", default=[])
REMINDER_CATCH_UP_DAYS = env.int("REMINDER_CATCH_UP_DAYS", default=30)

LOGIN_URL = "admin:login"

# Security switches that production turns on through the environment.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=False)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0)
# With HSTS on, cover subdomains and allow preloading unless told otherwise, so that
# `check --deploy` is clean with the HSTS setting alone.
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool(
    "SECURE_HSTS_INCLUDE_SUBDOMAINS", default=SECURE_HSTS_SECONDS > 0
)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=SECURE_HSTS_SECONDS > 0)
# Behind the documented reverse proxy: trust its X-Forwarded-Proto, and take the client's
# address for login lockouts from X-Forwarded-For (kerjasama/login_protection.py).
BEHIND_PROXY = env.bool("BEHIND_PROXY", default=False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY else None
# Django's own error pages are English; ours are Indonesian (kerjasama/error_pages.py).
CSRF_FAILURE_VIEW = "kerjasama.error_pages.csrf_failure"

# Login protection (django-axes): after AXES_FAILURE_LIMIT failed logins for one user
# name from one address, that pair is refused for AXES_COOLOFF_MINUTES.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# A successful login starts the count again; failures during a lockout do not prolong it.
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_CLIENT_IP_CALLABLE = "kerjasama.login_protection.client_ip"
AXES_LOCKOUT_CALLABLE = "kerjasama.login_protection.locked_out"

# Content-Security-Policy (django-csp): scripts only from our own origin, never inline;
# styles may be inline because the Django admin writes style attributes.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# Rows that data migrations write into a new database (the lookup lists): a restore
# replaces them with the backup's own instead of refusing (core/backup.py).
BACKUP_FILLED_BY_MIGRATIONS = ["agreements.Sector", "agreements.Objective"]

# --- Domain settings -------------------------------------------------------------

# Uploaded documents: PDF, JPEG or PNG only (checked by content) up to this size.
DOCUMENT_MAX_UPLOAD_MB = env.int("DOCUMENT_MAX_UPLOAD_MB", default=20)
# Agreements ending within this many days are "Segera Berakhir".
EXPIRING_WITHIN_DAYS = env.int("EXPIRING_WITHIN_DAYS", default=90)
# Reports are overdue this many days after their semester ended.
REPORT_GRACE_DAYS = env.int("REPORT_GRACE_DAYS", default=15)
# Nothing is due before this (year, semester).
REPORTING_SINCE = tuple(env.list("REPORTING_SINCE", cast=int, default=[2019, 1]))
# The optional public catalogue at /katalog/.
PUBLIC_CATALOGUE = env.bool("PUBLIC_CATALOGUE", default=False)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}

# --- Spreadsheet import and export (django-import-export, README) ----------------------
# Import and export are permissions of their own ("import_agreement", "export_report"…,
# given to the roles in agreements/roles.py and reports/roles.py), never "any staff user".
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "import"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "export"
IMPORT_EXPORT_USE_TRANSACTIONS = True
# Imports are written to the admin's log like form edits (and to the history).
IMPORT_EXPORT_SKIP_ADMIN_LOG = False
# The upload waits between preview and confirmation in the media storage, which every
# app server behind the load balancer reads (not a server's own /tmp).
IMPORT_EXPORT_TMP_STORAGE_CLASS = "import_export.tmp_storages.MediaStorage"
# Limits of an uploaded spreadsheet, named in the messages that refuse a file.
SPREADSHEET_MAX_UPLOAD_MB = env.int("SPREADSHEET_MAX_UPLOAD_MB", default=10)
SPREADSHEET_MAX_UNPACKED_MB = env.int("SPREADSHEET_MAX_UNPACKED_MB", default=100)
SPREADSHEET_MAX_ROWS = env.int("SPREADSHEET_MAX_ROWS", default=20000)

# Past versions are shown read-only; kerjasama/history_admin.py also refuses their POST.
SIMPLE_HISTORY_REVERT_DISABLED = True
