"""Settings, read once from the environment (12-factor).

Everything has a safe default for a laptop: SQLite in the project folder, local media,
DEBUG off unless asked. Production sets DATABASE_URL, SECRET_KEY, ALLOWED_HOSTS and,
for object storage, the AWS_* variables (any S3-compatible store).
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG and env_bool("REQUIRE_SECRET_KEY"):
        raise RuntimeError("SECRET_KEY must be set in production.")
    # Only for local use: a deployment sets SECRET_KEY (see README).
    SECRET_KEY = "insecure-local-key-set-SECRET_KEY-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # modeltranslation must come before the admin so that it can patch it.
    "modeltranslation",
    "opengov.core.admin_site.OpenGovAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rules.apps.AutodiscoverRulesConfig",
    "corsheaders",
    "ninja",
    "simple_history",
    "safedelete",
    "django_tasks",
    "django_tasks_db",
    "opengov.core",
    "opengov.members",
    "opengov.forum",
    "opengov.plans",
    "opengov.cocreation",
    "opengov.tracking",
    "opengov.repository",
    "opengov.reports",
    "opengov.compliance",
    "opengov.api",
    "opengov.search",
    "opengov.demo",
    "opengov.web",
    "opengov.workspace",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "opengov.core.middleware.RejectNulBytesMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Innermost: answers 304 to a matching ETag, and serves anonymous readers from the cache.
    "django.middleware.http.ConditionalGetMiddleware",
    "opengov.core.public_cache.PublicCacheMiddleware",
]

ROOT_URLCONF = "opengov.urls"
WSGI_APPLICATION = "opengov.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "opengov" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "opengov.web.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'var' / 'opengov.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web server and the task worker write to the same file: wait for each other
    # instead of failing, and let readers go on while one writes (WAL).
    DATABASES["default"].setdefault("OPTIONS", {}).update({
        "timeout": 20, "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"})
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "workspace:login"
LOGIN_REDIRECT_URL = "workspace:home"
LOGOUT_REDIRECT_URL = "web:home"

# Languages of the interface (gettext) and of translated content (modeltranslation).
# Content can be kept in more languages than the UI: set CONTENT_LANGUAGES, e.g. "fr,en,es,ar".
LANGUAGE_CODE = os.environ.get("LANGUAGE_CODE", "en")
LANGUAGES = [("fr", _("French")), ("en", _("English")), ("es", _("Spanish"))]
_UI = dict(LANGUAGES)
MODELTRANSLATION_LANGUAGES = tuple(env_list("CONTENT_LANGUAGES", "fr,en,es"))
for _code in MODELTRANSLATION_LANGUAGES:
    if _code not in _UI:
        LANGUAGES.append((_code, _code))
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
# A page in Spanish shows English content until a Spanish text exists, then French.
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("en", "fr"), "en": ("fr",)}
LOCALE_PATHS = [BASE_DIR / "opengov" / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [BASE_DIR / "opengov" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    # Any S3-compatible store (AWS, MinIO, Scaleway, OVH...): documents and uploads.
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "default_acl": None,
            "querystring_auth": env_bool("AWS_QUERYSTRING_AUTH", True),
            "file_overwrite": False,
        },
    }
WHITENOISE_USE_FINDERS = DEBUG
# Largest file accepted in the repository (R3), in megabytes.
UPLOAD_MAX_BYTES = int(os.environ.get("UPLOAD_MAX_MB", "25")) * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o640

# The site's public address, for links in e-mails sent outside a request (reminders).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
SEARCH_REINDEX_ON_SAVE = env_bool("SEARCH_REINDEX_ON_SAVE", True)
OPEN_DATA_LICENCE = os.environ.get("OPEN_DATA_LICENCE", "CC-BY-4.0")
# One cache per process by default; several app servers share Redis (rate limits agree).
# Cached public pages (opengov.core.public_cache) are shared by every process: files under
# var/cache on one server, Redis across servers.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "public_pages": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                     "LOCATION": os.environ.get("PAGE_CACHE_DIR", BASE_DIR / "var" / "cache"),
                     "OPTIONS": {"MAX_ENTRIES": 20000}},
}
if os.environ.get("REDIS_URL"):
    CACHES["default"] = {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                         "LOCATION": os.environ["REDIS_URL"]}
    CACHES["public_pages"] = {**CACHES["default"], "KEY_PREFIX": "pages"}
PUBLIC_CACHE = env_bool("PUBLIC_CACHE", True)
SILENCED_SYSTEM_CHECKS = [] if os.environ.get("REDIS_URL") else ["django_ratelimit.W001"]

# Background work on Django's Tasks API (docs/architecture.md, "Background tasks").
# "database": tasks wait in the database and `manage.py db_worker` runs them (the embedded
# default, started by `make run`). "rq": tasks wait in Redis (REDIS_URL) and any number of
# `manage.py rqworker default` processes run them. "immediate": run in the request (tests).
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "database")
TASKS = {"default": {"BACKEND": {
    "database": "django_tasks_db.DatabaseBackend",
    "rq": "django_tasks_rq.RQBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}[TASKS_BACKEND]}}
if TASKS_BACKEND == "rq":
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    RQ_QUEUES = {"default": {"URL": os.environ["REDIS_URL"], "DEFAULT_TIMEOUT": 600}}
# A task that fails is tried again this many times in all, waiting longer each time, then
# kept as a failure the Point of Contact team sees in the workspace.
TASK_ATTEMPTS = int(os.environ.get("TASK_ATTEMPTS", "3"))
TASK_RETRY_SECONDS = int(os.environ.get("TASK_RETRY_SECONDS", "60"))

# The public API and open data are readable from any site (CORS), never writable.
CORS_URLS_REGEX = r"^/(api|open-data)/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_CREDENTIALS = False

# Safe delete: records are hidden, never removed (nothing is ever lost).
SAFE_DELETE_FIELD_NAME = "deleted_at"

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "opengov@localhost")

# Security headers. Every script and style is served from our own origin.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "style-src": ["'self'"],
        "script-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT")
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0"))
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_PROXY") else None

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
