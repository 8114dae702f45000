"""Settings: environment variables in, Django settings out (docs/api.md §2).

With no variable set the blog runs on the embedded default: SQLite, local-memory
cache, eager Celery, console SMS and a local fake Alipay. Every production value
comes from the environment; per-install secrets are generated once into the
git-ignored `.local/` folder.
"""
import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from tools.storage import storages

BASE_DIR = Path(__file__).resolve().parent.parent
LOCAL_DIR = Path(os.environ.get("JIUZHI_LOCAL_DIR", BASE_DIR / ".local"))


def env(name, default=None):
    value = os.environ.get(name, "")
    return value if value != "" else default


def env_bool(name, default=False):
    value = env(name)
    return default if value is None else value.lower() in ("1", "true", "yes", "on")


def env_int(name, default):
    return int(env(name, default))


def env_list(name, default=""):
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


def local_secret(name):
    """A random secret kept in .local/<name>, made on first use (one per install)."""
    path = LOCAL_DIR / name
    if not path.exists():
        LOCAL_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


# Production is any deployment that says so; it must then bring its own secrets.
PRODUCTION = env("DJANGO_ENV", "development") == "production"
DEBUG = env_bool("DEBUG", False)


def required_secret(name):
    value = env(name)
    if value is None and PRODUCTION:
        raise ImproperlyConfigured(f"{name} must be set when DJANGO_ENV=production")
    return value or local_secret(name.lower())


SECRET_KEY = required_secret("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver")

INSTALLED_APPS = [
    "django.contrib.admin",  # operators, at ADMIN_URL_PREFIX (docs/api.md §13)
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "corsheaders",
    "user",
    "topic",
    "message",
    "payment",
    "search",
    "social",
    "notifications",
    "images",
    "blog",
    "pages",
    "porting",
]

MIDDLEWARE = [
    "tools.middleware.RequestLogMiddleware",
    "corsheaders.middleware.CorsMiddleware",  # before anything that may answer early
    "tools.middleware.BodySizeLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "topic.middleware.PublishDueTopicsMiddleware",  # also on reads answered from the cache
    # A visitor's repeated GET of a cached list, answered before URL resolution and
    # everything below (docs/performance.md): keep every layer all responses need above.
    "tools.cache.CachedResponseMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",  # the admin's CSS and JS (/static/admin/)
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "tools.middleware.AdminCsrfMiddleware",  # CSRF for the session-based admin only
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "tools.middleware.ApiErrorMiddleware",
    "tools.auth.JWTAuthenticationMiddleware",  # request.user from the token, outside the admin
]

ROOT_URLCONF = "longtoblog.urls"
WSGI_APPLICATION = "longtoblog.wsgi.application"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [  # what the admin's templates need
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    }
]

# --- database -------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"), conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.mysql":
    DATABASES["default"]["OPTIONS"] = {
        "charset": "utf8mb4",
        "init_command": "SET sql_mode='STRICT_TRANS_TABLES'",
    }
    DATABASES["default"]["TEST"] = {"CHARSET": "utf8mb4", "COLLATION": "utf8mb4_unicode_ci"}
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE: a write transaction takes the lock up front (docs/api.md §9).
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}
# A read replica (docs/deploy.md): public reads go there, writes and the reads that
# must see them to the primary (tools/db_router.py).
DATABASE_REPLICA_URL = env("DATABASE_REPLICA_URL")
# Seconds an author reads from the primary after a write (more than the replica's lag).
REPLICA_PIN_SECONDS = env_int("REPLICA_PIN_SECONDS", 5)
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL, conn_max_age=60, conn_health_checks=True
    )
    if DATABASES["replica"]["ENGINE"] == "django.db.backends.mysql":
        DATABASES["replica"]["OPTIONS"] = {**DATABASES["default"].get("OPTIONS", {}),
                                           "connect_timeout": 2}
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["tools.db_router.ReplicaRouter"]
    MIDDLEWARE.append("tools.middleware.ReplicaRoutingMiddleware")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- search (docs/search.md): Mroonga inside MariaDB, FTS5 inside SQLite ---------------
SEARCH_BACKEND = env("SEARCH_BACKEND", (
    "search.backends.mroonga.MroongaBackend"
    if DATABASES["default"]["ENGINE"] == "django.db.backends.mysql"
    else "search.backends.sqlite.Fts5Backend"))

# --- cache (article lists) and limits (SMS codes, cooldowns, rate-limit counters) ---
# Limits live in their own alias so that cache traffic can never evict them: in
# production REDIS_LIMITS_URL names a Redis instance (or a database of one) run with
# `maxmemory-policy noeviction`; unset, limits share REDIS_URL's database under their
# own key prefix (docs/deploy.md). On the embedded default each is a local-memory
# store, the limits one with room for far more entries than the list cache.
REDIS_URL = env("REDIS_URL")
REDIS_LIMITS_URL = env("REDIS_LIMITS_URL", REDIS_URL)
LIMITS_MAX_LOCAL_ENTRIES = 100_000


def redis_cache(url, key_prefix):
    return {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": url,
        "OPTIONS": {
            "CLIENT_CLASS": "django_redis.client.DefaultClient",
            "SOCKET_CONNECT_TIMEOUT": 1,
            "SOCKET_TIMEOUT": 1,
        },
        "KEY_PREFIX": key_prefix,
    }


CACHES = {
    "default": (redis_cache(REDIS_URL, "jiuzhi") if REDIS_URL
                else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}),
    "limits": (redis_cache(REDIS_LIMITS_URL, "jiuzhi-limits") if REDIS_LIMITS_URL
               else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                     "LOCATION": "limits", "OPTIONS": {"MAX_ENTRIES": LIMITS_MAX_LOCAL_ENTRIES}}),
}
# Versioned-cache lookups are kept in each process while Redis reports no change to
# them (CLIENT TRACKING; tools/nearcache.py): a cached-list hit without a round trip.
REDIS_CLIENT_TRACKING = env_bool("REDIS_CLIENT_TRACKING", True)
if REDIS_URL or REDIS_LIMITS_URL:
    # A Redis outage degrades to database reads, never to 500s (docs/api.md §6); limits then
    # count in each process (tools/ratelimit.py) and SMS codes answer 503.
    DJANGO_REDIS_IGNORE_EXCEPTIONS = True
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True

# --- celery -----------------------------------------------------------------
CELERY_BROKER_URL = env("CELERY_BROKER_URL")
CELERY_TASK_ALWAYS_EAGER = CELERY_BROKER_URL is None
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Article views (topic/hits.py): counted in the cache, written in batches.
VIEW_WINDOW_SECONDS = 1800
VIEWS_FLUSH_SECONDS = env_int("VIEWS_FLUSH_SECONDS", 60)
VIEWS_FLUSH_EVERY = env_int("VIEWS_FLUSH_EVERY", 1000)
CELERY_BEAT_SCHEDULE = {
    "reconcile-pending-orders": {
        "task": "payment.tasks.reconcile_orders_task",
        "schedule": 300.0,
    },
    "flush-article-views": {
        "task": "topic.tasks.flush_views_task",
        "schedule": float(VIEWS_FLUSH_SECONDS),
    },
    # Scheduled articles go public within 60 s of publish_at (docs/api.md §11).
    "publish-due-topics": {
        "task": "topic.tasks.publish_due_topics_task",
        "schedule": 30.0,
    },
    # An import whose worker died is failed, not left `running` (docs/porting.md).
    "fail-stalled-imports": {
        "task": "porting.tasks.fail_stalled_imports_task",
        "schedule": 300.0,
    },
}
# Where no beat runs (no broker: the embedded default), reading publishes due articles.
PUBLISH_DUE_ON_READ = env_bool("PUBLISH_DUE_ON_READ", CELERY_BROKER_URL is None)

# --- auth -------------------------------------------------------------------
AUTH_USER_MODEL = "user.UserProfile"
# Paths under this prefix keep Django's session login (the staff admin); the API uses JWT.
ADMIN_URL_PREFIX = "/admin/"
JWT_SECRET = required_secret("JWT_SECRET")
JWT_EXPIRE_SECONDS = env_int("JWT_EXPIRE_SECONDS", 86400)
AUTH_PASSWORD_VALIDATORS = []  # length rules live in user/forms.py (docs/api.md §9)

# --- SMS (YunTongXun) ---------------------------------------------------------
SMS_BACKEND = env("SMS_BACKEND", "console")
SMS_ACCOUNT_SID = env("SMS_ACCOUNT_SID", "")
SMS_ACCOUNT_TOKEN = env("SMS_ACCOUNT_TOKEN", "")
SMS_APP_ID = env("SMS_APP_ID", "")
SMS_TEMPLATE_ID = env("SMS_TEMPLATE_ID", "1")
SMS_BASE_URL = env("SMS_BASE_URL", "https://app.cloopen.com:8883")
SMS_TIMEOUT_SECONDS = 5
SMS_CODE_TTL_SECONDS = 300
SMS_COOLDOWN_SECONDS = 60
SMS_DAILY_WINDOW_SECONDS = 86400
SMS_DAILY_LIMIT_PER_PHONE = env_int("SMS_DAILY_LIMIT_PER_PHONE", 10)
SMS_DAILY_LIMIT_PER_IP = env_int("SMS_DAILY_LIMIT_PER_IP", 50)
SMS_MAX_WRONG_TRIES = 5

# --- login throttling -----------------------------------------------------------
# Every attempt counts before the password is checked (a successful one is given
# back), per account (or per unknown username) and per client address.
LOGIN_FAILURE_WINDOW_SECONDS = 900
LOGIN_FAILURES_PER_USERNAME = env_int("LOGIN_FAILURES_PER_USERNAME", 5)
LOGIN_FAILURES_PER_IP = env_int("LOGIN_FAILURES_PER_IP", 30)
# docs/api.md §13: at least 20 registration attempts per address and hour.
REGISTER_WINDOW_SECONDS = 3600
REGISTER_ATTEMPTS_PER_IP = env_int("REGISTER_ATTEMPTS_PER_IP", 30)
# Forgot password: reset attempts (a code and a new password) per address and hour.
RESET_WINDOW_SECONDS = 3600
RESET_ATTEMPTS_PER_IP = env_int("RESET_ATTEMPTS_PER_IP", 30)
COMMENTS_PER_MINUTE = env_int("COMMENTS_PER_MINUTE", 10)
# docs/api.md §12: a comment containing one of these (case-insensitive) is refused with 400.
BLOCKED_WORDS = env_list("BLOCKED_WORDS", "")
# How many reverse proxies (nginx) put their address in X-Forwarded-For.
NUM_PROXIES = env_int("NUM_PROXIES", 0)

# --- Alipay -------------------------------------------------------------------
API_URL = env("API_URL", "http://127.0.0.1:8000")
FRONTEND_URL = env("FRONTEND_URL", "http://127.0.0.1:5000")
ALIPAY_KEYS_DIR = LOCAL_DIR / "alipay"
# The offline cashier (devtools/fake_alipay.py): the embedded default, never production.
ALIPAY_FAKE_GATEWAY = f"{API_URL}/fake-alipay/gateway.do"
ALIPAY_APP_ID = env("ALIPAY_APP_ID", "2021000000000000")
ALIPAY_APP_PRIVATE_KEY_FILE = env("ALIPAY_APP_PRIVATE_KEY_FILE")
ALIPAY_PUBLIC_KEY_FILE = env("ALIPAY_PUBLIC_KEY_FILE")
ALIPAY_GATEWAY = env("ALIPAY_GATEWAY", ALIPAY_FAKE_GATEWAY)
ALIPAY_NOTIFY_URL = env("ALIPAY_NOTIFY_URL", f"{API_URL}/v1/payment/result")
ALIPAY_RETURN_URL = env("ALIPAY_RETURN_URL", f"{API_URL}/v1/payment/result")
# When set (our 2088... partner id), a notify for another seller is refused (docs/api.md §14).
ALIPAY_SELLER_ID = env("ALIPAY_SELLER_ID", "")
ORDER_TIMEOUT_SECONDS = env_int("ORDER_TIMEOUT_SECONDS", 1800)
# Reconciliation trade-queries pending orders at least this old (Alipay's notify may be late).
ORDER_RECONCILE_AFTER_SECONDS = env_int("ORDER_RECONCILE_AFTER_SECONDS", 300)
ALIPAY_TIMEOUT_SECONDS = env_int("ALIPAY_TIMEOUT_SECONDS", 5)
# A buyer's request (an order's page, the return from the cashier) waits at most this long
# on a trade query; reconciliation (ALIPAY_TIMEOUT_SECONDS) catches up on the rest.
ALIPAY_REQUEST_TIMEOUT_SECONDS = env_int("ALIPAY_REQUEST_TIMEOUT_SECONDS", 2)

# --- CORS -----------------------------------------------------------------------
CORS_ALLOWED_ORIGINS = env_list(
    "CORS_ALLOWED_ORIGINS", "http://127.0.0.1:5000,http://localhost:5000"
)
CORS_ALLOW_HEADERS = ("accept", "authorization", "content-type", "if-none-match")
CORS_EXPOSE_HEADERS = ("etag",)
CORS_PREFLIGHT_MAX_AGE = 86400
CORS_URLS_REGEX = r"^/(v1|media)/.*$"

# --- i18n, files ------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
TIME_ZONE = env("TIME_ZONE", "Asia/Shanghai")
USE_I18N = False
USE_TZ = True
# On the API origin only the admin's files live under /static/ (the SPA has its own
# origin); WhiteNoise serves them from the installed apps, no collectstatic needed.
STATIC_URL = "/static/"
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = Path(env("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = env("MEDIA_URL", "/media/")
# Uploaded files (avatars, article images): the filesystem above, or S3-compatible
# object storage when STORAGE_URL is set (tools/storage.py, docs/images.md).
STORAGE_URL = env("STORAGE_URL")
STORAGES = storages(STORAGE_URL, env("STORAGE_ACCESS_KEY"), env("STORAGE_SECRET_KEY"))
AVATAR_MAX_BYTES = 2 * 1024 * 1024
AVATAR_MAX_PIXELS = 16_000_000
IMAGE_MAX_BYTES = 5 * 1024 * 1024
IMAGE_MAX_PIXELS = 40_000_000
IMAGE_UPLOADS_PER_WINDOW = env_int("IMAGE_UPLOADS_PER_WINDOW", 30)
IMAGE_UPLOAD_WINDOW_SECONDS = env_int("IMAGE_UPLOAD_WINDOW_SECONDS", 600)

# --- crawlable pages (docs/api.md §10, docs/pages.md) ----------------------------------------
# Public articles as HTML files, the sitemap, robots.txt and rss.xml, written on publish
# into a folder the SPA's static host serves (deploy/spa_server.py --pages, nginx).
# PAGES_STORAGE may name any Django storage backend (e.g. S3-compatible object storage
# served by the CDN); the default is that folder.
PAGES_ROOT = Path(env("PAGES_ROOT", LOCAL_DIR / "pages"))
PAGES_STORAGE = {"BACKEND": env("PAGES_STORAGE_BACKEND", "pages.storage.PageStorage")}
PAGES_SITEMAP_MAX_URLS = env_int("PAGES_SITEMAP_MAX_URLS", 50_000)  # the protocol's limit
# The SPA's page files: a pre-rendered page is its SPA page with the content placed in it.
SPA_TEMPLATES_DIR = BASE_DIR / "templates"

# JSON bodies are small; an upload is the largest request we accept: an avatar within
# REQUEST_MAX_BYTES, an article image within UPLOAD_REQUEST_MAX_BYTES (its paths only).
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
REQUEST_MAX_BYTES = 3 * 1024 * 1024
UPLOAD_REQUEST_MAX_BYTES = IMAGE_MAX_BYTES + 256 * 1024  # the image and its multipart wrapping
UPLOAD_PATHS = ("/v1/images",)
# Imports (docs/api.md §16): an export of up to 50 MB; a zip unpacks to at most
# IMPORT_ZIP_MAX_BYTES in at most IMPORT_ZIP_MAX_ENTRIES files (zip bombs stop there).
IMPORT_MAX_BYTES = 50 * 1024 * 1024
IMPORT_ZIP_MAX_BYTES = env_int("IMPORT_ZIP_MAX_BYTES", 200 * 1024 * 1024)
IMPORT_ZIP_MAX_ENTRIES = env_int("IMPORT_ZIP_MAX_ENTRIES", 5000)
# Desktop editors upload images through XML-RPC (base64: a third larger than the image).
XMLRPC_IMAGE_MAX_BYTES = 5 * 1024 * 1024
XMLRPC_MAX_BYTES = 8 * 1024 * 1024
APP_PASSWORDS_PER_USER = 20
# The few paths that take more than REQUEST_MAX_BYTES (exact paths; multipart overhead included).
REQUEST_MAX_BYTES_BY_PATH = {
    "/v1/imports": IMPORT_MAX_BYTES + 1024 * 1024,
    "/xmlrpc": XMLRPC_MAX_BYTES,
}
APPEND_SLASH = False

# --- security ------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# The API is authenticated by a token in the Authorization header, which cannot be
# forged cross-site: CSRF protection (tools.middleware.AdminCsrfMiddleware, a
# CsrfViewMiddleware) covers only the admin, whose login is a session cookie.
SILENCED_SYSTEM_CHECKS = ["security.W003"]
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = PRODUCTION
SESSION_COOKIE_PATH = CSRF_COOKIE_PATH = ADMIN_URL_PREFIX
if PRODUCTION:
    if env("ALLOWED_HOSTS") is None:
        raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DJANGO_ENV=production")
    if SMS_BACKEND == "console":  # docs/api.md §15; Alipay is checked in payment/checks.py
        raise ImproperlyConfigured("SMS_BACKEND must be set when DJANGO_ENV=production: "
                                   "the console backend only logs the codes")
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    # Load balancers probe health over plain HTTP on the private network.
    SECURE_REDIRECT_EXEMPT = [r"^v1/health$"]
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# --- logging: stdout, one line per request, tracebacks for 5xx ---------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"stdout": {"class": "logging.StreamHandler", "formatter": "plain",
                            "stream": "ext://sys.stdout"}},
    "root": {"handlers": ["stdout"], "level": env("LOG_LEVEL", "INFO").upper()},
    "loggers": {
        "django.request": {"level": "ERROR"},
        "django.server": {"level": "WARNING"},
    },
}
