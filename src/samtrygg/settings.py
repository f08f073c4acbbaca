"""The one settings module. Every value comes from an environment variable (or NAME_FILE holding it),
listed with its default in .env.example and the README."""

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _


def env(name: str, default: str = "") -> str:
    """NAME, or the contents of the file named by NAME_FILE (for container and systemd secrets)."""
    path = os.environ.get(f"{name}_FILE")
    if path:
        return Path(path).read_text(encoding="utf-8").strip()
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    return env(name, "1" if default else "0").strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(env("SAMTRYGG_DATA_DIR", str(Path.cwd() / "var"))).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    """SAMTRYGG_SECRET_KEY, or a random key kept in the data directory (created on first start, mode 0600)."""
    configured = env("SAMTRYGG_SECRET_KEY")
    if configured:
        return configured
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        key_file.touch(mode=0o600)
        key_file.write_text(secrets.token_urlsafe(64), encoding="utf-8")
    return key_file.read_text(encoding="utf-8").strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("SAMTRYGG_DEBUG", False)
DEMO_MODE = env_bool("SAMTRYGG_DEMO_MODE", False)
ALLOWED_HOSTS = env_list("SAMTRYGG_ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("SAMTRYGG_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "samtrygg.guards",
    "samtrygg.accounts",
    "samtrygg.audit",
    "samtrygg.areas",
    "samtrygg.sharing",
    "samtrygg.background",
    "samtrygg.incidents",
    "samtrygg.indicators",
    "samtrygg.lagesbild",
    "samtrygg.plans",
    "samtrygg.meetings",
    "samtrygg.rhythm",
    "samtrygg.county",
    "samtrygg.surveys",
    "samtrygg.tips",
    "samtrygg.open311",
    "samtrygg.walks",
    "samtrygg.retention",
    "samtrygg.notify",
    "samtrygg.jobs",
    "samtrygg.ogc",
    "samtrygg.ui",
    "samtrygg.web",
    "samtrygg.demo",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_htmx",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "axes",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "samtrygg.web.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "samtrygg.accounts.middleware.SecondFactorMiddleware",
    "samtrygg.web.middleware.PrivateByDefaultMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "samtrygg.urls"
WSGI_APPLICATION = "samtrygg.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "samtrygg.web.context_processors.navigation",
            ],
        },
    }
]

# A kept connection is checked before each request reuses it (CONN_HEALTH_CHECKS), so after a database restart
# the application reconnects by itself instead of failing the first request of each worker.
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{DATA_DIR / 'samtrygg.sqlite3'}"),
        conn_max_age=int(env("SAMTRYGG_DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
# PostgreSQL with two roles (README, "Production deployment"): `samtrygg migrate` runs as the role that owns the
# tables, and grants this runtime role, which the application's DATABASE_URL names, only what it needs
# (samtrygg.audit.dbroles): it owns nothing, so it cannot disable the audit log's triggers. Empty: no grants.
SAMTRYGG_DB_RUNTIME_ROLE = env("SAMTRYGG_DB_RUNTIME_ROLE", "").strip()
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # A write waits up to 20 s for another's (an import's) write lock before it fails with "database is locked".
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    }
# A read replica: a PostgreSQL hot standby that streams from the primary DATABASE_URL names (docs/operations.md, "A
# national or county installation"). Set, pages and API reads go to it, writes and a browser's reads for
# SAMTRYGG_DB_REPLICA_PIN_SECONDS after it wrote to the primary (samtrygg.replicas: what goes where). Empty: one
# database, nothing routed. Nothing is written through it, so it may name the runtime role. (Not kept as a setting
# of its own: DATABASES hides the password on Django's error page, a URL would not.)
_replica_url = env("DATABASE_REPLICA_URL", "").strip()
SAMTRYGG_DB_REPLICA_PIN_SECONDS = int(env("SAMTRYGG_DB_REPLICA_PIN_SECONDS", "10"))
if _replica_url:
    DATABASES["replica"] = dj_database_url.parse(
        _replica_url, conn_max_age=DATABASES["default"]["CONN_MAX_AGE"], conn_health_checks=True)
    if {DATABASES[alias]["ENGINE"] for alias in DATABASES} != {"django.db.backends.postgresql"}:
        raise ImproperlyConfigured("DATABASE_REPLICA_URL needs PostgreSQL for both DATABASE_URL and the replica.")
    # A replica that is down costs a request at most this long, then this process reads the primary for a while.
    DATABASES["replica"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 3)
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}  # tests with the variable set: one test database
    DATABASE_ROUTERS = ["samtrygg.replicas.ReplicaRouter"]
    # Outside the session's middleware, so that it sees the session's own write.
    MIDDLEWARE.insert(MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware"),
                      "samtrygg.replicas.ReplicaMiddleware")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# "default": this process's own (rate limits, throttles, small lookups). "documents": what is slow to build and the
# same for every reader (a lägesbild draft's document and its figures), kept in the database, so every worker
# process and every server finds what one of them built; its keys name the inputs' versions, so a change of the
# inputs reads as a miss (lagesbild.document). The table is made by migration lagesbild 0003.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    # "pages": pages as their user was last shown them, while nothing on them changed (ui.pagecache), per process.
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages", "TIMEOUT": 600,
              "OPTIONS": {"MAX_ENTRIES": 300}},
    "documents": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "samtrygg_document_cache",
                  "TIMEOUT": 24 * 3600, "OPTIONS": {"MAX_ENTRIES": 2000, "CULL_FREQUENCY": 4}},
}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # Lockout first, so that a locked-out user is refused before the password is even checked.
    "axes.backends.AxesStandaloneBackend",
    # Single sign-on (OpenID Connect, e.g. Microsoft Entra ID); does nothing until SAMTRYGG_OIDC_CLIENT_ID is set.
    "samtrygg.accounts.sign_on.SignOnBackend",
    "samtrygg.accounts.backends.PasswordBackend",
]
# Single sign-on (mozilla-django-oidc; samtrygg's rules in accounts/sign_on.py). For Microsoft Entra ID the
# endpoints are https://login.microsoftonline.com/<tenant>/oauth2/v2.0/authorize and …/token, the keys
# https://login.microsoftonline.com/<tenant>/discovery/v2.0/keys, the issuer https://login.microsoftonline.com/<tenant>/v2.0.
OIDC_RP_CLIENT_ID = env("SAMTRYGG_OIDC_CLIENT_ID")
OIDC_RP_CLIENT_SECRET = env("SAMTRYGG_OIDC_CLIENT_SECRET")
OIDC_OP_AUTHORIZATION_ENDPOINT = env("SAMTRYGG_OIDC_AUTHORIZATION_ENDPOINT")
OIDC_OP_TOKEN_ENDPOINT = env("SAMTRYGG_OIDC_TOKEN_ENDPOINT")
OIDC_OP_JWKS_ENDPOINT = env("SAMTRYGG_OIDC_JWKS_ENDPOINT")
OIDC_OP_USER_ENDPOINT = ""  # every claim samtrygg reads comes from the signed ID token
OIDC_RP_SIGN_ALGO = env("SAMTRYGG_OIDC_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = "openid email profile"
OIDC_USE_PKCE = True
OIDC_TIMEOUT = 10
OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:oidc_callback"
OIDC_CALLBACK_CLASS = "samtrygg.accounts.sign_on.SignOnCallbackView"
OIDC_STORE_ID_TOKEN = False
LOGIN_REDIRECT_URL_FAILURE = "accounts:login"
SAMTRYGG_OIDC_ISSUERS = env_list("SAMTRYGG_OIDC_ISSUERS", "")
SAMTRYGG_OIDC_GROUPS_CLAIM = env("SAMTRYGG_OIDC_GROUPS_CLAIM", "groups")
SAMTRYGG_OIDC_MFA_METHODS = env_list("SAMTRYGG_OIDC_MFA_METHODS", "mfa")
SAMTRYGG_OIDC_PROVIDER_NAME = env("SAMTRYGG_OIDC_PROVIDER_NAME", "")
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "samtrygg.accounts.backends.DemoPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "web:start"
LOGOUT_REDIRECT_URL = "accounts:login"

# Login lockout (django-axes): after SAMTRYGG_LOGIN_FAILURE_LIMIT failures for one username, or from one
# client address, further tries are refused for SAMTRYGG_LOGIN_COOLOFF_MINUTES.
AXES_FAILURE_LIMIT = int(env("SAMTRYGG_LOGIN_FAILURE_LIMIT", "10"))
AXES_COOLOFF_TIME = timedelta(minutes=int(env("SAMTRYGG_LOGIN_COOLOFF_MINUTES", "15")))
# Comma-separated alternatives, each locked on its own; "+" joins parameters that are locked together, e.g.
# "username,ip_address" (default) or "username+ip_address" (only that user from that address).
AXES_LOCKOUT_PARAMETERS = [
    item.split("+") if "+" in item else item
    for item in env_list("SAMTRYGG_LOGIN_LOCKOUT_PARAMETERS", "username,ip_address")
]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_IPWARE_PROXY_COUNT = int(env("SAMTRYGG_PROXY_COUNT", "0")) or None
AXES_VERBOSE = False

OTP_TOTP_ISSUER = env("SAMTRYGG_OTP_ISSUER", "samtrygg")

# E-mail (meeting invitations) through an SMTP server, as Django 6.1's default mailer (MAILERS replaces the
# EMAIL_* settings). Without SAMTRYGG_EMAIL_HOST: printed to the console when SAMTRYGG_DEBUG=1, otherwise handed
# to a mail server on this machine (localhost).
_email_host = env("SAMTRYGG_EMAIL_HOST", "").strip()
_smtp = {"BACKEND": "django.core.mail.backends.smtp.EmailBackend", "OPTIONS": {
    "host": _email_host or "localhost",
    "port": int(env("SAMTRYGG_EMAIL_PORT", "587")),
    "username": env("SAMTRYGG_EMAIL_USER", ""),
    "password": env("SAMTRYGG_EMAIL_PASSWORD", ""),
    "use_tls": env_bool("SAMTRYGG_EMAIL_TLS", True),  # STARTTLS
    "timeout": 10,  # seconds, so a dead mail server cannot hold a request for long
}}
_console = {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
MAILERS = {"default": _console if DEBUG and not _email_host else _smtp}
DEFAULT_FROM_EMAIL = env("SAMTRYGG_EMAIL_FROM", "samtrygg <noreply@localhost>")
# Links in e-mail (reminders, feedback) start with this address; empty: links are paths only.
SAMTRYGG_BASE_URL = env("SAMTRYGG_BASE_URL", "").rstrip("/")
# `samtrygg run-jobs` imports the police's events from this feed when set (polisen.se asks for at most one call
# every 10 seconds: run the jobs every 10–15 minutes), naming the installation's contact in the User-Agent.
SAMTRYGG_POLICE_FEED_URL = env("SAMTRYGG_POLICE_FEED_URL", "")
SAMTRYGG_POLICE_FEED_CONTACT = env("SAMTRYGG_POLICE_FEED_CONTACT", "")
# Kolada's open API (e.g. https://api.kolada.se/v3). When set, `samtrygg run-jobs` fetches the recommended safety
# KPIs (indicators/recommended.py) for every municipality, county and Sweden once every SAMTRYGG_KOLADA_FETCH_DAYS
# days, and the page "Kolada's key figures" (/statistik/katalog/) searches Kolada; empty: offline (the page shows
# the recommended list, and national files are uploaded on the import page).
SAMTRYGG_KOLADA_URL = env("SAMTRYGG_KOLADA_URL", "").rstrip("/")
SAMTRYGG_KOLADA_FETCH_DAYS = int(env("SAMTRYGG_KOLADA_FETCH_DAYS", "7"))
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# The REST API (/api/v1/, docs/api.md): bearer tokens only (no session, so no CSRF), JSON only (no browsable
# API: it would need inline scripts), requests per user limited to SAMTRYGG_API_RATE ("N/second|minute|hour|day").
SAMTRYGG_API_RATE = env("SAMTRYGG_API_RATE", "1000/hour")
# Residents' tips (/p/<kommunkod>/tips/): at most this many from one address per hour (tips.services.quota_take).
SAMTRYGG_TIPS_PER_HOUR = int(env("SAMTRYGG_TIPS_PER_HOUR", "10"))
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["samtrygg.api.authentication.BearerTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated",
                                   "samtrygg.api.authentication.TokenScope"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_THROTTLE_CLASSES": ["samtrygg.api.throttling.ApiUserRateThrottle"],
    "DEFAULT_SCHEMA_CLASS": "samtrygg.api.schema.ApiAutoSchema",  # documents the error answers too
    "EXCEPTION_HANDLER": "samtrygg.api.errors.api_exception_handler",  # IntegrityError: 400 naming the field
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "samtrygg.api.renderers.FormatNegotiation",  # unknown ?format=: 400
    "UNICODE_JSON": True,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "samtrygg API",
    "DESCRIPTION": "Incidents (händelser), their aggregates and reference lists. Authenticate with "
                   "`Authorization: Bearer <token>`; see docs/api.md.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_AUTHENTICATION": [],
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "ENUM_NAME_OVERRIDES": {  # choice sets that share a field name ("status", "kind") get their own names
        "PlanStatusEnum": "samtrygg.decisions.models.Status",
        "TaskStatusEnum": "samtrygg.meetings.models.TaskStatus",
        "GroupKindEnum": "samtrygg.meetings.models.GroupKind",
        "ItemKindEnum": "samtrygg.meetings.models.ItemKind",
        "RagEnum": "samtrygg.plans.models.Rag",
        "ConflictStatusEnum": "samtrygg.plans.models.ConflictStatus",
        "PromiseStatusEnum": "samtrygg.plans.models.PromiseStatus",
        "MethodKindEnum": "samtrygg.plans.models.MethodKind",
        "IncidentStatusEnum": "samtrygg.incidents.models.Status",  # also in the GeoJSON Feature's properties
        "IncidentSourceEnum": "samtrygg.incidents.models.Source",
        "SurveyStatusEnum": "samtrygg.surveys.models.Status",
        "QuestionKindEnum": "samtrygg.surveys.models.Kind",
        "ShareKindEnum": "samtrygg.county.models.ShareKind",
    },
}

# Transport security. SAMTRYGG_HTTPS=0 only for local development over plain http.
HTTPS = env_bool("SAMTRYGG_HTTPS", not DEBUG)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and env_bool("SAMTRYGG_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(env("SAMTRYGG_HSTS_SECONDS", "31536000")) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS and env_bool("SAMTRYGG_HSTS_PRELOAD", True)
if env_bool("SAMTRYGG_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = int(env("SAMTRYGG_SESSION_HOURS", "8")) * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "samtrygg.web.views.errors.csrf_failure"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "font-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

# Map background (SAMTRYGG_MAP_TILES): osm (default) | lantmateriet (open topographic map) | none | a tile URL
# template with {z}, {x} and {y}. SAMTRYGG_MAP_ATTRIBUTION overrides the attribution. The tile host is allowed in
# the CSP's img-src; areas and incidents are drawn without tiles too.
MAP_TILE_PRESETS = {
    "osm": ("https://tile.openstreetmap.org/{z}/{x}/{y}.png",
            '© <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>'),
    "lantmateriet": ("https://minkarta.lantmateriet.se/map/topowebbcache/?layer=topowebb&style=default"
                     "&tilematrixset=3857&Service=WMTS&Request=GetTile&Version=1.0.0&Format=image%2Fpng"
                     "&TileMatrix={z}&TileCol={x}&TileRow={y}", "© Lantmäteriet"),
    "none": ("", ""),
}
_tiles = env("SAMTRYGG_MAP_TILES", "osm").strip() or "osm"
MAP_TILE_URL, _attribution = MAP_TILE_PRESETS.get(_tiles.lower(), (_tiles, ""))
MAP_ATTRIBUTION = env("SAMTRYGG_MAP_ATTRIBUTION", "").strip() or _attribution
if MAP_TILE_URL.startswith(("https://", "http://")):
    SECURE_CSP["img-src"].append("/".join(MAP_TILE_URL.split("/", 3)[:3]).replace("{s}", "*"))

LANGUAGE_CODE = env("SAMTRYGG_LANGUAGE", "sv")
LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
# Numbers in pages through Django's localisation: Swedish groups thousands with a no-break space (U+00A0) and
# writes a decimal comma ("1 234,5"), English "1,234.5". Whatever a machine reads (ids in attributes and URLs, SVG
# coordinates, years, JSON, exports) is written unlocalised (`|unlocalize`, `str()`, json); money through
# samtrygg.ui's `|kronor` (publishing.formatting.format_kronor).
USE_THOUSAND_SEPARATOR = True
TIME_ZONE = "Europe/Stockholm"
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env("SAMTRYGG_STATIC_ROOT", str(DATA_DIR / "static")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": str(DATA_DIR / "media")}},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage" if not DEBUG
                    else "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

DATA_UPLOAD_MAX_MEMORY_SIZE = int(env("SAMTRYGG_UPLOAD_MAX_MB", "20")) * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = DATA_UPLOAD_MAX_MEMORY_SIZE

# Work a user waits for but no request should (samtrygg.background): Django's tasks framework with the database as
# its queue, run by `samtrygg db_worker` (./dev start starts one; in production a service of its own, README).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
EXPORT_IN_BACKGROUND = 5000  # an export of more incidents than this is written by the worker, with its progress
IMPORT_IN_BACKGROUND_BYTES = 1024 * 1024  # an incident file larger than this (about 7,000 rows) is imported there

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("SAMTRYGG_LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}
