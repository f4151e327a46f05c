"""Settings for the event database, read from the environment in this one place.

Defaults are safe for production (DEBUG off, no hosts allowed, secure cookies); the
development commands in the README set DJANGO_DEBUG=1 explicitly.
"""

import datetime
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=False)

SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY:
    if DEBUG:
        # Development only: a fixed, obviously insecure key so sessions survive restarts.
        SECRET_KEY = "django-insecure-development-only-key-do-not-use-in-production"
    else:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it to a long random string in production, "
            "or set DJANGO_DEBUG=1 for local development."
        )

ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "corsheaders",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_countries",
    "simple_history",
    "csp",
    "axes",
    "core",
    "actors",
    "events",
    "sources",
    "intake",
    "dashboard",
]

MIDDLEWARE = [
    "config.health.HealthCheckMiddleware",  # first: answers /healthz and /readyz before host checks
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy on every answer (config/csp.py).
    "config.csp.PathAwareCSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    # API HTTP caching: ETag/304 from the rendered body, then Cache-Control (core/api/caching.py).
    "django.middleware.http.ConditionalGetMiddleware",
    "core.api.caching.ApiCacheControlMiddleware",
    # Before anything reads the database: picks the primary or a replica for the whole request.
    "config.db_routers.ReplicaRoutingMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "config.request_limits.RequestLimitsMiddleware",
    "config.db_middleware.DatabaseUnavailableMiddleware",
    # Last, as django-axes asks: answers a locked-out admin login with its page (config/login_guard.py).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "config" / "templates"],
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

WSGI_APPLICATION = "config.wsgi.application"

# Embedded SQLite by default; DATABASE_URL=postgres://user@host:port/name switches to PostgreSQL.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# A database that accepts connections but never answers must not hold a worker until gunicorn kills
# it: give up connecting after DATABASE_CONNECT_TIMEOUT seconds (psycopg waits 130 s by default; libpq
# rounds anything under 2 up to 2), and have PostgreSQL cancel any statement running longer than
# DATABASE_STATEMENT_TIMEOUT seconds (0: no limit). Either failure is a JSON 503 with Retry-After
# (config/db_middleware.py). PostgreSQL only; SQLite is a file, with its own 5 s lock timeout.
DATABASE_CONNECT_TIMEOUT = env.int("DATABASE_CONNECT_TIMEOUT", default=3)
DATABASE_STATEMENT_TIMEOUT = env.float("DATABASE_STATEMENT_TIMEOUT", default=10)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options.setdefault("connect_timeout", DATABASE_CONNECT_TIMEOUT)
    if DATABASE_STATEMENT_TIMEOUT > 0:
        _timeout = f"-c statement_timeout={round(DATABASE_STATEMENT_TIMEOUT * 1000)}"
        _options["options"] = f"{_options['options']} {_timeout}" if _options.get("options") else _timeout
DATABASES["default"].setdefault("TEST", {})
if env.str("DJANGO_TEST_DATABASE_NAME", default=""):
    DATABASES["default"]["TEST"]["NAME"] = env.str("DJANGO_TEST_DATABASE_NAME")

# Read replicas (PostgreSQL streaming replicas of the primary above): anonymous reads go to them, writes,
# the admin and signed-in users to the primary (config/db_routers.py). Aliases replica1, replica2, ...
REPLICA_DATABASES = []
for _number, _url in enumerate(env.list("DATABASE_REPLICA_URLS", default=[]), start=1):
    _alias = f"replica{_number}"
    DATABASES[_alias] = env.db_url_config(_url)
    DATABASES[_alias]["CONN_MAX_AGE"] = DATABASES["default"]["CONN_MAX_AGE"]
    DATABASES[_alias]["CONN_HEALTH_CHECKS"] = True
    # A replica that does not answer must fail fast: reads then fall back to the primary.
    DATABASES[_alias].setdefault("OPTIONS", {})["connect_timeout"] = env.int(
        "DATABASE_REPLICA_CONNECT_TIMEOUT", default=2)
    DATABASES[_alias]["TEST"] = {"MIRROR": "default"}  # tests never create a database on a replica
    REPLICA_DATABASES.append(_alias)
# A replica further behind than this (seconds of replay lag) leaves the rotation until it catches up.
DATABASE_REPLICA_MAX_LAG = env.float("DATABASE_REPLICA_MAX_LAG", default=30.0)
# How often each process re-checks each replica's lag (and whether a missing one is back), seconds.
DATABASE_REPLICA_CHECK_INTERVAL = env.float("DATABASE_REPLICA_CHECK_INTERVAL", default=5.0)
DATABASE_ROUTERS = ["config.db_routers.ReplicaRouter"]
# Read-your-writes: after a write, the client's reads stay on the primary this long (a cookie). A replica
# in rotation lags at most MAX_LAG (+ one check interval before that is noticed), so pinning at least that
# long means a writer never reads from a replica that has not replayed its write yet.
MULTIDB_PINNING_SECONDS = env.int(
    "DATABASE_PINNING_SECONDS",
    default=int(DATABASE_REPLICA_MAX_LAG + DATABASE_REPLICA_CHECK_INTERVAL + 0.999))
MULTIDB_PINNING_COOKIE = "pin_primary"
MULTIDB_PINNING_COOKIE_HTTPONLY = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The admin login locks out after ADMIN_LOGIN_FAILURE_LIMIT failed attempts in a row, per username (from
# any address) and per client address (for any username), for ADMIN_LOGIN_LOCKOUT_MINUTES; even the right
# password is refused meanwhile (HTTP 429, templates/admin/locked_out.html). Unlock earlier with
# manage.py axes_reset_username NAME, axes_reset_ip ADDRESS or axes_reset. django-axes checks every
# password sign-in (its backend first); the API takes no passwords (core/api/authentication.py).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("ADMIN_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.int("ADMIN_LOGIN_LOCKOUT_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
# The lockout ends a fixed time after the attempt that caused it; more attempts do not extend it.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "config.login_guard.client_ip"
AXES_VERBOSE = False  # no start-up banner in every management command's output

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# The docs pages' own files (config/static/docs/); the apps' come from their static/ folders.
STATICFILES_DIRS = [BASE_DIR / "config" / "static"]
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=BASE_DIR / "staticfiles")
# Production serves hashed, compressed files collected at build time; development and tests
# serve straight from the apps (DJANGO_STATIC_MANIFEST=0), so no collectstatic is needed there.
STATIC_MANIFEST = env.bool("DJANGO_STATIC_MANIFEST", default=not DEBUG)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if STATIC_MANIFEST
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not STATIC_MANIFEST

# Security: secure by default, relaxed only in debug mode.
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SESSION_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
MULTIDB_PINNING_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp, config/csp.py): everything from this site only, no inline script.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# CORS: read-only API; origins come from the environment.
CORS_ALLOWED_ORIGINS = env.list("DJANGO_CORS_ALLOWED_ORIGINS", default=[])
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_URLS_REGEX = r"^/api/.*$"
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified", "Data-Complete-Until"]

# Cache-Control for /api/ GET answers: shared caches may keep anonymous answers for a minute; signed-in
# users (who may see drafts) get answers no cache keeps.
API_CACHE_CONTROL = env.str("API_CACHE_CONTROL", default="public, max-age=60")
API_CACHE_CONTROL_AUTHENTICATED = env.str("API_CACHE_CONTROL_AUTHENTICATED", default="private, no-store")

# Django's cache: anonymous throttle counters and stats answers. Local memory (per process) by default;
# CACHE_URL=redis://127.0.0.1:6379/1 shares one between every process and machine (pymemcache://... works
# too, with the pymemcache package installed by you).
CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://")}
CACHES["default"]["KEY_PREFIX"] = env.str("CACHE_KEY_PREFIX", default="")
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    # Redis down or slow: uncached answers, never 500s (config/cache.py). Without socket timeouts the
    # redis client would wait forever on a server that stopped answering.
    CACHES["default"]["BACKEND"] = "config.cache.ResilientRedisCache"
    _timeout = env.float("CACHE_SOCKET_TIMEOUT", default=0.25)
    CACHES["default"]["OPTIONS"] = {"socket_connect_timeout": _timeout, "socket_timeout": _timeout,
                                    **CACHES["default"].get("OPTIONS", {})}
# Stats answers are cached per data version (events.DataVersion, bumped by database triggers), so they
# are never stale; this timeout only bounds how long answers for old versions take up memory.
STATS_CACHE_TIMEOUT = env.int("STATS_CACHE_TIMEOUT", default=3600)

API_PAGE_SIZE = env.int("API_PAGE_SIZE", default=50)
API_MAX_PAGE_SIZE = env.int("API_MAX_PAGE_SIZE", default=1000)
# Longer query strings on /api/ are refused with a JSON 414 (config/request_limits.py).
API_MAX_QUERY_STRING = env.int("API_MAX_QUERY_STRING", default=2048)
# gunicorn (bin/start) reads request lines up to 8190 bytes, its maximum, and refuses longer ones itself,
# in plain text. The method, path and protocol need room beside the query string (paths here stay well
# under 1 KiB), so the API refuses an overlong query string first.
GUNICORN_LIMIT_REQUEST_LINE = 8190
if API_MAX_QUERY_STRING > GUNICORN_LIMIT_REQUEST_LINE - 1024:
    raise ImproperlyConfigured(f"API_MAX_QUERY_STRING is at most {GUNICORN_LIMIT_REQUEST_LINE - 1024}: "
                               f"gunicorn refuses request lines over {GUNICORN_LIMIT_REQUEST_LINE} bytes.")

# Archived source texts (sources.SourceText): the largest text a curator may archive, in bytes of UTF-8.
# Emptier, binary or larger texts are refused with a form or command error.
SOURCE_TEXT_MAX_BYTES = env.int("SOURCE_TEXT_MAX_BYTES", default=2 * 1024 * 1024)
# A text pasted into the admin travels in the form body, which Django caps at 2.5 MB by default; leave
# room for the largest allowed text and the rest of the form (uploaded files do not count).
DATA_UPLOAD_MAX_MEMORY_SIZE = max(2_621_440, SOURCE_TEXT_MAX_BYTES + 1024 * 1024)
# Folder of the seed articles' texts, by each source's corpus_name (relative to the project root):
# load_seeds archives them when it is there, verify_citations --corpus checks fixtures against it.
# The project never contains the articles.
CITATION_CORPUS = (BASE_DIR / env.str("CITATION_CORPUS", default="../shared/seeds")).resolve()

# Article intake (README "Importing articles"). Fetching a URL is off unless enabled: the server would
# otherwise request any address a curator or pipeline names. When on: http/https only, these timeouts
# (seconds), at most this many redirects, each re-checked; hosts that resolve to private, loopback,
# link-local, reserved or multicast addresses are refused unless INTAKE_FETCH_ALLOW_PRIVATE (tests
# against a local server only). INTAKE_HTML_MAX_BYTES caps a fetched page or an uploaded .html file.
INTAKE_FETCH_ENABLED = env.bool("INTAKE_FETCH_ENABLED", default=False)
INTAKE_FETCH_CONNECT_TIMEOUT = env.float("INTAKE_FETCH_CONNECT_TIMEOUT", default=5.0)
INTAKE_FETCH_READ_TIMEOUT = env.float("INTAKE_FETCH_READ_TIMEOUT", default=10.0)
INTAKE_HTML_MAX_BYTES = env.int("INTAKE_HTML_MAX_BYTES", default=5 * 1024 * 1024)
INTAKE_FETCH_MAX_REDIRECTS = env.int("INTAKE_FETCH_MAX_REDIRECTS", default=3)
INTAKE_FETCH_ALLOW_PRIVATE = env.bool("INTAKE_FETCH_ALLOW_PRIVATE", default=False)
INTAKE_FETCH_USER_AGENT = env.str("INTAKE_FETCH_USER_AGENT", default="eventdb-intake/1.0")

REST_FRAMEWORK = {
    # No passwords on the API: tokens for pipelines (DRF's authtoken; failed attempts throttled per
    # address), the admin's session for staff in a browser (core/api/authentication.py).
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "core.api.authentication.ThrottledTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_RENDERER_CLASSES": [
        # orjson: same JSON, ~15x faster to encode than the standard library's (bench/README.md).
        "drf_orjson_renderer.renderers.ORJSONRenderer",
        # No browsable API: /api/docs/ (Swagger UI) explores the API, and every /api/ answer, errors
        # included, is JSON (or the CSV a client asks for). README "Read API".
    ],
    "DEFAULT_SCHEMA_CLASS": "core.api.schema.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "core.api.pagination.PageNumberPagination",
    "PAGE_SIZE": API_PAGE_SIZE,
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.AnonRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("API_ANON_THROTTLE_RATE", default="120/minute"),
        # Failed token (or refused password) attempts per client address; then JSON 429.
        "failed_auth": env.str("API_AUTH_FAILURE_RATE", default="10/minute"),
    },
    # Behind N reverse proxies, throttle by the client address in X-Forwarded-For, not the proxy's.
    "NUM_PROXIES": env.int("API_NUM_PROXIES", default=None),
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}

# The OpenAPI document (/api/schema/) and what it says about this deployment. Contact and licence are
# the operator's to state; they are left out until set.
# The server the schema names; when unset, the origin the schema was fetched from.
API_PUBLIC_URL = env.str("API_PUBLIC_URL", default="").rstrip("/")
API_CONTACT = {key: value for key, value in {
    "name": env.str("API_CONTACT_NAME", default=""),
    "email": env.str("API_CONTACT_EMAIL", default=""),
    "url": env.str("API_CONTACT_URL", default=""),
}.items() if value}
API_LICENSE = {key: value for key, value in {
    "name": env.str("API_LICENSE_NAME", default=""),
    "identifier": env.str("API_LICENSE_IDENTIFIER", default=""),  # SPDX, e.g. CC-BY-4.0
    "url": env.str("API_LICENSE_URL", default=""),
}.items() if value}

SPECTACULAR_SETTINGS = {
    "TITLE": "Geopolitical event database API",
    "DESCRIPTION": (
        "Source-cited events, reactions and statements, coded in CAMEO. Every record carries "
        "citations: verbatim excerpts of the source that supports it.\n\n"
        "Reads are public: no read needs credentials. Anonymous users see reviewed records; "
        "staff signed in to the admin may also ask for drafts (`status`). Parameters that take several "
        "values take them comma-separated (`?actor=mexico,ecuador`; the parameter repeated means the "
        "same); any other parameter given twice is a 400. Errors are JSON: a 400 names the parameter.\n\n"
        "One write, for staff pipelines with a token: `POST /api/intake/articles/` imports an article, "
        "whose proposals stay drafts until a curator reviews them."
    ),
    "VERSION": "1.0.0",
    "OAS_VERSION": "3.1.0",
    "CONTACT": API_CONTACT,
    "LICENSE": API_LICENSE,
    "TAGS": [
        {"name": "reactions", "description": "How states and international organizations reacted to events."},
        {"name": "statements", "description": "Verbatim statements by people and bodies."},
        {"name": "events", "description": "What happened, with participants and parent events."},
        {"name": "actors", "description": "States, organizations, bodies and people."},
        {"name": "sources", "description": "The published texts records cite."},
        {"name": "deletions", "description": "Records removed since a moment, for mirrors."},
        {"name": "intake", "description": "Staff only: articles pushed for review; what they propose "
                                          "stays a draft until a curator accepts it."},
    ],
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "core.api.schema.describe_generated_parameters",
        "core.api.schema.csv_as_text",
        "core.api.schema.list_parameters_comma_separated",
        "core.api.schema.shared_enums",
        "core.api.schema.servers",
    ],
    "ENUM_NAME_OVERRIDES": {
        "ActorKindEnum": "actors.choices.ActorKind",
        "ReactionKindEnum": "events.choices.ReactionKind",
        "SourceKindEnum": "sources.choices.SourceKind",
        "DatePrecisionEnum": "core.dates.DatePrecision",
        "StanceEnum": "events.choices.Stance",
        "CertaintyEnum": "events.choices.Certainty",
        "ParticipantRoleEnum": "events.choices.ActorRole",
        "StatusEnum": "core.choices.ReviewStatus",
        "ProposalKindEnum": "intake.choices.ProposalKind",
        "ProposalStatusEnum": "intake.choices.ProposalStatus",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
}
