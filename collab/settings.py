"""Collab settings: one module, driven by the environment.

With no variables set Collab runs *embedded*: SQLite, in-memory channel layer and cache,
Celery tasks executed eagerly, e-mail printed to the console. `DATABASE_URL` and `REDIS_URL`
switch it to PostgreSQL + Redis with real Celery workers. `COLLAB_ENV=production` turns on
the hardened profile. `.env.example` lists every variable.
"""

import os
from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

COLLAB_ENV = env.str("COLLAB_ENV", default="development")
PRODUCTION = COLLAB_ENV == "production"
# pytest sets PYTEST_VERSION in the environment before anything is imported.
TESTING = env.bool("COLLAB_TESTING", default="PYTEST_VERSION" in os.environ)

if PRODUCTION:
    SECRET_KEY = env.str("SECRET_KEY")
else:
    SECRET_KEY = env.str("SECRET_KEY", default="django-insecure-collab-development-key-not-for-production")

DEBUG = env.bool("DEBUG", default=not PRODUCTION and not TESTING)
ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=[] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]", "testserver"]
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # daphne first: it replaces runserver with its ASGI server.
    "daphne",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "channels",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "collab",
    "collab.realtime",
    "accounts",
    "threads",
    "ideas",
    "teams",
    "notifications",
    "insights",
    "moderation",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.guests.GuestScopeMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",
    "collab.middleware.ApplicationErrorMiddleware",
]

ROOT_URLCONF = "collab.urls"
ASGI_APPLICATION = "collab.asgi.application"
WSGI_APPLICATION = None

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
                "django.template.context_processors.i18n",
                "collab.context_processors.site",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
# Embedded: a SQLite file. Tests use a file too (not :memory:) so that live-server and
# Channels tests in other threads see the same database.
DATABASES = {"default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
USING_POSTGRES = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
if USING_POSTGRES:
    # Under ASGI, persistent connections leak across threads; a pool is the supported way.
    # Celery's prefork workers must not inherit a pool (collab/celery.py turns it off).
    # Tests run without one: a pool outlives the test database's teardown.
    if env.bool("DATABASE_POOL", default=not TESTING):
        DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
            "min_size": env.int("DATABASE_POOL_MIN", default=1),
            "max_size": env.int("DATABASE_POOL_MAX", default=10),
            "timeout": env.int("DATABASE_POOL_TIMEOUT", default=10),
        }
    else:
        DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
        DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
else:
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            # WAL + a busy timeout: the web process, live-server threads and eager tasks share one file.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
        }
    )
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / env.str("SQLITE_TEST_NAME", default="test-db.sqlite3"))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: cache, channel layer, Celery broker ---------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")
EMBEDDED = not REDIS_URL

if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="collab"),
            # A cache that takes seconds to answer is down: fail fast rather than hold the request
            # (and /readyz) for redis-py's 5 s defaults.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    CHANNEL_LAYERS = {
        "default": {
            # Pub/sub: one PUBLISH per broadcast whatever the number of sockets, fanned out inside
            # each ASGI process, and no per-channel keys left behind by closed sockets. Delivery
            # is at most once, like every channel layer; the event log makes it exactly once.
            "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
            "CONFIG": {
                # Several Redis hosts shard groups and channels by consistent hashing (see
                # docs/operations.md before listing more than one). redis-py 8's default 5 s
                # socket_timeout cuts channels_redis's 5 s blocking receive and crashes every idle
                # consumer (django/channels_redis#422): the read timeout must exceed it.
                "hosts": [
                    {"address": url, "socket_connect_timeout": 2, "socket_timeout": 15}
                    for url in env.list("CHANNEL_REDIS_URLS", default=[REDIS_URL])
                ],
                "prefix": env.str("CHANNEL_PREFIX", default="collab"),
            },
        }
    }
    CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL)
    CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "collab"}}
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    CELERY_BROKER_URL = "memory://"
    CELERY_TASK_ALWAYS_EAGER = True

# --- Real time (collab/realtime) -------------------------------------------------------------
# Replay window: a client further behind than this gets `resync` instead of the missed events.
REALTIME_RETENTION_HOURS = env.int("REALTIME_RETENTION_HOURS", default=24)
REALTIME_RETENTION_EVENTS = env.int("REALTIME_RETENTION_EVENTS", default=1000)
REALTIME_REPLAY_MAX = REALTIME_RETENTION_EVENTS
# Per connection: message size, a token bucket of client messages, strikes before the socket is
# closed, and how many topics one tab may follow.
REALTIME_MAX_MESSAGE_BYTES = env.int("REALTIME_MAX_MESSAGE_BYTES", default=4096)
REALTIME_RATE = env.float("REALTIME_RATE", default=20.0)
REALTIME_BURST = env.int("REALTIME_BURST", default=40)
REALTIME_MAX_STRIKES = env.int("REALTIME_MAX_STRIKES", default=20)
REALTIME_MAX_TOPICS = env.int("REALTIME_MAX_TOPICS", default=200)

CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A frozen broker must not hang `.delay()` in a web request: fail within seconds.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600, "socket_timeout": 5, "socket_connect_timeout": 3}
CELERY_TIMEZONE = "UTC"

# django-ratelimit insists on a shared cache; in embedded mode there is one process, so the
# in-memory cache is shared by everything that can send requests.
PAGE_WRITE_RATE = env.str("PAGE_WRITE_RATE", default="60/m")
RATELIMIT_VIEW = "collab.views.rate_limited"
RATELIMIT_ENABLE = env.bool("RATELIMIT_ENABLE", default=True)
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"] if EMBEDDED else []

# --- Auth -----------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# allauth: local sign-in by username or e-mail; no self sign-up (people come from the admin
# or from the company's identity provider).
ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "accounts.adapters.SocialAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_RATE_LIMITS = {
    "login_failed": env.str("LOGIN_RATE_LIMIT", default="10/m/ip,5/5m/key"),
    "login": "30/m/ip",
}
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True
SOCIALACCOUNT_LOGIN_ON_GET = False
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_ONLY = False

# Single sign-on with any OpenID Connect provider (Okta, Entra ID, Keycloak, Google ...). Off
# unless OIDC_CLIENT_ID is set. docs/sso.md explains each variable.
OIDC_CLIENT_ID = env.str("OIDC_CLIENT_ID", default="")
SOCIALACCOUNT_PROVIDERS: dict = {"openid_connect": {"OAUTH_PKCE_ENABLED": True, "APPS": []}}
if OIDC_CLIENT_ID:
    SOCIALACCOUNT_PROVIDERS["openid_connect"]["APPS"].append(
        {
            "provider_id": env.str("OIDC_PROVIDER_ID", default="sso"),
            "name": env.str("OIDC_NAME", default="Company SSO"),
            "client_id": OIDC_CLIENT_ID,
            "secret": env.str("OIDC_CLIENT_SECRET", default=""),
            "settings": {
                "server_url": env.str("OIDC_SERVER_URL"),
                "token_auth_method": env.str("OIDC_TOKEN_AUTH_METHOD", default="client_secret_basic"),
                "oauth_pkce_enabled": True,
                # Domains whose addresses the IdP vouches for even without an `email_verified`
                # claim (Entra ID never sends one). Empty: only trust `email_verified: true`.
                "verified_email": env.list("OIDC_VERIFIED_EMAIL_DOMAINS", default=[]),
            },
        }
    )

# --- API --------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.api.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.IsAuthenticated",
        "accounts.guests.GuestScopePermission",
    ],
    "DEFAULT_PAGINATION_CLASS": "collab.api.pagination.CursorPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "collab.api.exceptions.api_exception_handler",
    "DEFAULT_THROTTLE_CLASSES": ["collab.api.throttling.WriteRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"writes": env.str("API_WRITE_RATE", default="120/min")},
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Collab API",
    "DESCRIPTION": "Ideas, discussions and self-assembling teams. Authenticate with a session or "
    "with a personal API token: `Authorization: Bearer <token>`.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    # Swagger UI is served from our own static files (drf-spectacular-sidecar), not a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# --- i18n, static, e-mail ------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French")), ("de", _("German"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Only production serves collected files; elsewhere WhiteNoise reads the source folders.
STATIC_ROOT = env.path("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")) if PRODUCTION else None
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Outside production, static files are served straight from the source folders (no collectstatic).
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = DEBUG

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Collab <collab@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Seconds before an SMTP connection or command gives up (the e-mail task then retries with backoff).
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)

# --- Outgoing webhooks (notifications app) ---------------------------------------------------
# URLs on loopback/private/link-local addresses are refused unless this is on (e.g. an integration
# running beside Collab, or tests with a receiver on 127.0.0.1).
WEBHOOK_ALLOW_PRIVATE_URLS = env.bool("WEBHOOK_ALLOW_PRIVATE_URLS", default=False)
WEBHOOK_TIMEOUT_SECONDS = env.float("WEBHOOK_TIMEOUT_SECONDS", default=5.0)
WEBHOOK_MAX_ATTEMPTS = env.int("WEBHOOK_MAX_ATTEMPTS", default=6)
WEBHOOK_RETRY_BASE_SECONDS = env.int("WEBHOOK_RETRY_BASE_SECONDS", default=30)  # then x4 per attempt
# Embedded mode runs tasks inside the request: attempt deliveries in a background thread instead.
WEBHOOK_DELIVERY_THREADS = env.bool("WEBHOOK_DELIVERY_THREADS", default=CELERY_TASK_ALWAYS_EAGER and not TESTING)

# --- Moderation (docs/moderation.md)
MODERATION_AUTO_HIDE_SCORE = env.float("MODERATION_AUTO_HIDE_SCORE", default=3.0)  # sum of flag weights
MODERATION_FLAGS_PER_HOUR = env.int("MODERATION_FLAGS_PER_HOUR", default=20)  # per person, any entry point
MODERATION_FLAG_RATE = env.str("MODERATION_FLAG_RATE", default="10/m")  # API and page, per person and per IP
MODERATION_SPAM_QUEUE_SCORE = env.float("MODERATION_SPAM_QUEUE_SCORE", default=0.5)
MODERATION_SPAM_HIDE_SCORE = env.float("MODERATION_SPAM_HIDE_SCORE", default=0.9)
MODERATION_NEW_MEMBER_POSTS = env.int("MODERATION_NEW_MEMBER_POSTS", default=10)  # limits lift after this many
MODERATION_NEW_MEMBER_LINKS = env.int("MODERATION_NEW_MEMBER_LINKS", default=3)  # links per post
MODERATION_NEW_MEMBER_POSTS_PER_HOUR = env.int("MODERATION_NEW_MEMBER_POSTS_PER_HOUR", default=8)

SITE_NAME = env.str("SITE_NAME", default="Collab")
# Where people reach the site, for links in e-mails (guest invitations, digests).
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

# --- Hardened profile ----------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}, "daphne": {"level": "WARNING"}},
}
