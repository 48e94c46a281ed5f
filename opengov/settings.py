"""Settings, read once from the environment (12-factor).

Everything has a safe default for a laptop: SQLite in the project folder, local media,
DEBUG off unless asked. Production sets DATABASE_URL, SECRET_KEY, ALLOWED_HOSTS and,
for object storage, the AWS_* variables (any S3-compatible store).
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")
# Sessions, CSRF tokens, password resets and the signed links of the platform all rest on
# this key: without DEBUG, refuse to start with none or a short one, never fall back to a
# known value. The key is SECRET_KEY, else the content of SECRET_KEY_FILE (default
# var/secret_key, which `make` writes once for a single machine).
SECRET_KEY_MIN_LENGTH = 50
SECRET_KEY_FILE = Path(os.environ.get("SECRET_KEY_FILE", BASE_DIR / "var" / "secret_key"))
SECRET_KEY = os.environ.get("SECRET_KEY", "") or (
    SECRET_KEY_FILE.read_text().strip() if SECRET_KEY_FILE.is_file() else "")
if len(SECRET_KEY) < SECRET_KEY_MIN_LENGTH:
    if not DEBUG:
        raise ImproperlyConfigured(
            f"Set SECRET_KEY, or SECRET_KEY_FILE, to a random value of at least "
            f"{SECRET_KEY_MIN_LENGTH} characters, e.g. python -c 'import secrets; "
            "print(secrets.token_urlsafe(64))'; `make install` writes one to var/secret_key "
            "for a single machine (or set DEBUG=1 on a developer's machine).")
    SECRET_KEY = SECRET_KEY or "debug-only-key-never-used-without-DEBUG-" + "x" * 20

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
    "django.forms",
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
    "opengov.follow",
    "opengov.demo",
    "opengov.web",
    "opengov.workspace",
    # Sign-in protection (see the block "Sign-in protection" below).
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "opengov.core.middleware.RejectNulBytesMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "opengov.workspace.two_step.SecondStepMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Innermost: answers 304 to a matching ETag, and serves anonymous readers from the cache.
    "django.middleware.http.ConditionalGetMiddleware",
    "opengov.core.public_cache.PublicCacheMiddleware",
    # Inside the cache, so that a cached page has its acronyms spelled out already.
    "opengov.core.middleware.AcronymMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
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

# Forms render with the site's templates: one field layout (includes/field.html) for all.
FORM_RENDERER = "opengov.core.forms.FormRenderer"

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
    # First: refuses any sign-in while its person and address are locked out.
    "axes.backends.AxesStandaloneBackend",
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
# The default cache holds what every process must agree on: rate-limit counters
# (opengov.core.cache explains why not a per-process cache). The database in the embedded
# default, Redis when several servers share it. Cached public pages (opengov.core.public_cache)
# are files under var/cache on one server, Redis across servers.
CACHES = {
    "default": {"BACKEND": "opengov.core.cache.SharedDatabaseCache",
                "LOCATION": "opengov_shared_cache"},
    "public_pages": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                     "LOCATION": os.environ.get("PAGE_CACHE_DIR", BASE_DIR / "var" / "cache"),
                     "OPTIONS": {"MAX_ENTRIES": 20000}},
}
if os.environ.get("REDIS_URL"):
    CACHES["default"] = {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                         "LOCATION": os.environ["REDIS_URL"]}
    CACHES["public_pages"] = {**CACHES["default"], "KEY_PREFIX": "pages"}
# How many reverse proxies stand in front of the app and append to X-Forwarded-For: the
# client's address is read that many entries from the right (opengov.core.client_ip), never
# from a value the client sent. BEHIND_PROXY=1 means one.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT",
                                         "1" if env_bool("BEHIND_PROXY") else "0"))
RATELIMIT_IP_META_KEY = "opengov.core.client_ip.client_ip"
# django-ratelimit warns (W001) about any cache outside its short list, Django's own Redis
# cache included; both caches above are shared and count atomically, and the platform's own
# check (opengov.E001) refuses a per-process cache instead.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"]
# Reports from this many different visitors hide a published contribution or comment until a
# moderator decides (opengov.cocreation.services.problem_report).
REPORTS_TO_HIDE = max(1, int(os.environ.get("REPORTS_TO_HIDE", "3")))
PUBLIC_CACHE = env_bool("PUBLIC_CACHE", True)

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
    "EMAIL_BACKEND", "opengov.core.mail.ConsoleBackend"
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
# The site uses none of the browser's powerful features: deny them to every page and frame.
PERMISSIONS_POLICY = {feature: [] for feature in (
    "accelerometer", "autoplay", "browsing-topics", "camera", "clipboard-read",
    "display-capture", "encrypted-media", "geolocation", "gyroscope", "hid", "idle-detection",
    "magnetometer", "microphone", "midi", "payment", "publickey-credentials-get",
    "screen-wake-lock", "serial", "usb", "xr-spatial-tracking")}
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT")
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0"))
# Off by default: a government's other sites under the same domain may not all serve HTTPS
# yet (README, "Deploying", says when to turn them on).
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS")
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD")
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_PROXY") else None

# --- Sign-in protection -------------------------------------------------------------------
# django-axes counts failed sign-ins (workspace and admin) per person AND address, read by
# opengov.core.client_ip (never from a header the client chose). After LOGIN_FAILURE_LIMIT
# failures that pair is refused, even with the right password, for LOGIN_LOCKOUT_MINUTES
# after its last attempt; a successful sign-in clears the count. Administrators see every
# attempt and lockout in the admin ("Axes"); deleting an access attempt there unlocks it.
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_LOCKOUT_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "opengov.core.client_ip.client_ip"
AXES_LOCKOUT_CALLABLE = "opengov.workspace.sign_in.lockout_response"
AXES_ENABLE_ACCESS_FAILURE_LOG = True
# Wrong second-step codes are counted too: never keep the code typed.
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "otp_token"]
# Two-step sign-in (django-otp: an authentication app's TOTP codes, and backup codes). Anyone
# may turn it on; with OTP_REQUIRED_FOR_STAFF the Point of Contact team and administrators
# must (opengov.workspace.two_step).
OTP_REQUIRED_FOR_STAFF = env_bool("OTP_REQUIRED_FOR_STAFF")
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "OpenGov Platform")
# Administrators may remove a person's devices (a lost phone), never read their secrets.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
# -------------------------------------------------------------------------------------------

# --- Downloads of uploaded files ----------------------------------------------------------
# Uploaded files are always sent as files (opengov.repository.downloads). DOWNLOAD_HOST, e.g.
# files.ogp.example.gov, also serves them from a host of their own, as GitHub and Google do
# with user content: the site links there, the main host redirects there, and that host
# answers nothing but downloads, so no file ever shares the site's origin or its cookies.
DOWNLOAD_HOST = os.environ.get("DOWNLOAD_HOST", "").strip().lower()
if DOWNLOAD_HOST and DOWNLOAD_HOST.split(":")[0] not in ALLOWED_HOSTS:
    ALLOWED_HOSTS.append(DOWNLOAD_HOST.split(":")[0])
MIDDLEWARE.insert(MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
                  "opengov.repository.downloads.DownloadHostMiddleware")
# -------------------------------------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
