"""Settings for the Bến Lức newsroom CMS.

One module for every machine: whatever differs between a laptop, CI and
production comes from the environment, read with django-environ. A local,
uncommitted `.env` is loaded into the environment by manage.py and the
servers (`benluc.read_env_file`), not here, so the test suite never reads it.
Defaults give a working local site; values production must set (SECRET_KEY,
ALLOWED_HOSTS) have no default outside DEBUG.
"""

import datetime
import ipaddress
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off (see .env.example).")
    SECRET_KEY = "insecure-local-development-key-only-used-with-DEBUG-on"

# With DEBUG (make demo), the demo's sites: the portal on localhost and 127.0.0.1, each
# commune on <slug>.localhost (browsers send *.localhost to 127.0.0.1).
ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=["127.0.0.1", "localhost", ".localhost", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# The first site's name (an upgraded one-site installation keeps its name). Every site's
# name, host and footer are then edited in the admin (sites app).
SITE_NAME = env("SITE_NAME", default="Cổng thông tin điện tử huyện Bến Lức")
# Public address of a site without a host of its own; its scheme and port are also those of
# every site's absolute links (https://benluc.tayninh.gov.vn, or http://benluc.localhost:8000).
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_prose_editor",
    "easy_thumbnails",
    "simple_history",
    "axes",
    "csp",
    "benluc",
    "sites",
    "articles",
    "comments",
    "desk",
    # Portal content required of state agencies' sites (Nghị định 42/2022/NĐ-CP).
    "schedule",
    "questions",
    # Portal content (Nghị định 42/2022/NĐ-CP): documents and drafts for comment.
    "documents",
    "consultations",
    "readership",
    "organisation",
    "sitemap_html",
]

MIDDLEWARE = [
    "benluc.network.ForwardedHeadersMiddleware",
    # Outside everything that queries: a GET whose database connection died runs once more.
    "benluc.database.DatabaseRetryMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # request.site from the Host header (a public page on an unknown host is a 404).
    "sites.middleware.CurrentSiteMiddleware",
    # Outside sessions and CSRF: a `public` page leaves with no Set-Cookie and no Vary: Cookie.
    "sites.middleware.SharedCacheGuardMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # A back-office POST is one transaction and one content-version change per site.
    "sites.middleware.OneInvalidationPerSaveMiddleware",
    "csp.middleware.CSPMiddleware",
    # The admin's own policy (its editor needs an import map): benluc/csp.py.
    "benluc.csp.AdminCSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Axes must come last so it sees the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "benluc.urls"
WSGI_APPLICATION = "benluc.wsgi.application"

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
                "benluc.context_processors.site",
            ],
            # {% url %} with each address reversed once per process (benluc/template_urls.py),
            # {% dublin_core %} and a faster truncatechars (benluc/template_builtins.py).
            "builtins": ["benluc.template_urls", "benluc.template_builtins"],
        },
    },
]

# --- Database -----------------------------------------------------------------
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
# A connection that died (PostgreSQL restarted) is replaced before the request
# uses it, instead of failing that request.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Readers and one writer at a time without "database is locked" under gunicorn.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"init_command": "PRAGMA journal_mode=WAL;", "transaction_mode": "IMMEDIATE"}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache --------------------------------------------------------------------
CACHE_URL = env("CACHE_URL", default=env("REDIS_URL", default="locmemcache://"))
CACHES = {"default": env.cache_url_config(CACHE_URL)}
if CACHES["default"]["BACKEND"].endswith(("RedisCache", "redis.cache.RedisCache")):
    # Django's own Redis backend, wrapped so an outage means "no cache", not a 500.
    CACHES["default"]["BACKEND"] = "benluc.cache.ResilientRedisCache"
    CACHES["default"].setdefault("OPTIONS", {})
    CACHES["default"]["OPTIONS"].pop("CLIENT_CLASS", None)
    # A hung Redis costs at most this per call, then the circuit breaker skips Redis for
    # CACHE_RETRY_SECONDS (benluc/cache.py): pages keep their speed, from the database.
    _redis_timeout = env.float("CACHE_SOCKET_TIMEOUT", default=0.25)
    CACHES["default"]["OPTIONS"].setdefault("socket_connect_timeout", _redis_timeout)
    CACHES["default"]["OPTIONS"].setdefault("socket_timeout", _redis_timeout)
    CACHES["default"]["OPTIONS"].setdefault(
        "breaker_seconds", env.float("CACHE_RETRY_SECONDS", default=5.0))
CACHES["default"].setdefault("KEY_PREFIX", env("CACHE_KEY_PREFIX", default="benluc"))
# Whole pages and fragments (sites/cache.py) go to the "pages" alias. Their keys hold the site's
# content version, read from the database on every request, so a copy kept in one process's
# memory can never outlive an edit. Everything else in the cache must be the same in every
# process (sessions, comment rate limits, moderation lists): without Redis (one machine, one
# gunicorn process per core) it lives in files under CACHE_DIR, shared by the processes.
CACHES["pages"] = dict(CACHES["default"])
if CACHES["default"]["BACKEND"].endswith("LocMemCache"):
    CACHES["pages"]["OPTIONS"] = {"MAX_ENTRIES": env.int("PAGE_CACHE_ENTRIES", default=2000)}
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": env.path("CACHE_DIR", default=BASE_DIR / ".cache"),
        "KEY_PREFIX": CACHES["default"]["KEY_PREFIX"],
        "OPTIONS": {"MAX_ENTRIES": 10000},
    }
# How long an anonymous reader's whole page may be served from the cache.
# Edits invalidate at once; this only bounds staleness of, e.g., "latest" lists.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=300)
# Parts shared by many pages (header and menu, footer, section menu, most read…), kept per site
# and content version even with the page cache off; the time only bounds memory and time-based
# lists (upcoming events). {% cache %} fragments in templates use the same store.
FRAGMENT_CACHE_SECONDS = env.int("FRAGMENT_CACHE_SECONDS", default=300)
CACHES["template_fragments"] = CACHES["pages"]

SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# --- Auth ---------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend plus staff roles per site (sites/permissions.py).
    "sites.permissions.SiteRoleBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "admin:login"

# Admin login throttling: after AXES_FAILURE_LIMIT wrong passwords for one
# username from one client address, that pair (and only that pair) is locked
# out for AXES_COOLOFF_HOURS: guessing from one place never locks the owner out
# from another. An administrator unlocks with `manage.py axes_reset_username
# <login>` (or axes_reset_ip, axes_reset) or by deleting the "Access attempts" rows.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=1.0)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "benluc.network.client_ip"
AXES_LOCKOUT_TEMPLATE = "admin/lockout.html"
AXES_RESET_ON_SUCCESS = True

# --- Proxies --------------------------------------------------------------------
# Addresses or networks of our own reverse proxies (nginx, load balancer),
# comma-separated. Only a request from one of them has its X-Forwarded-For and
# X-Forwarded-Proto believed (benluc/network.py); empty: nobody's are.
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=[])
for _proxy in TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_proxy, strict=False)
    except ValueError:
        raise ImproperlyConfigured(f"TRUSTED_PROXIES: {_proxy!r} is not an IP address or network.")
# Django believes this header from anyone; benluc.network.ForwardedHeadersMiddleware
# (first in MIDDLEWARE) removes it from requests that did not come through a trusted proxy.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- Language and time --------------------------------------------------------
LANGUAGE_CODE = "vi"
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# Our Vietnamese strings for what Django and the packages ship without (or get
# wrong); compiled from .po during the build (benluc/compile_locale.py).
LOCALE_PATHS = [BASE_DIR / "locale"]
# Day-first date input (01/07/2022), which Django's own `vi` locale lacks.
FORMAT_MODULE_PATH = ["benluc.formats"]

# --- Static and media ---------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "benluc.staticfiles.StaticFilesStorage"
        )
    },
}
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# On one machine gunicorn serves uploaded photos itself; with nginx or object
# storage in front, turn this off.
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=True)
# More than one app server: photos and their renditions on S3-compatible object storage
# (Amazon S3, MinIO, Ceph, a provider's S3 service), so nothing an app server writes to its
# own disk matters. Objects are read without signatures (pages are cached whole, and signed
# URLs expire), so the bucket, or the address in S3_PUBLIC_URL, must let anyone read them.
S3_BUCKET = env("S3_BUCKET", default="")
MEDIA_ORIGINS = []  # where pages may load photos from besides 'self' (CSP img-src, below)
if S3_BUCKET:
    from urllib.parse import urlsplit as _urlsplit

    _endpoint = env("S3_ENDPOINT_URL", default="") or None
    _public = _urlsplit(env("S3_PUBLIC_URL", default=""))
    _region = env("S3_REGION", default="") or None
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {
        "bucket_name": S3_BUCKET,
        "endpoint_url": _endpoint,
        "region_name": _region,
        # Or boto3's own AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, an instance role…
        "access_key": env("S3_ACCESS_KEY_ID", default="") or None,
        "secret_key": env("S3_SECRET_ACCESS_KEY", default="") or None,
        "location": env("S3_PREFIX", default=""),
        # Two photos called IMG_0001.jpg must not overwrite each other.
        "file_overwrite": False,
        "querystring_auth": False,
        "default_acl": None,
        # A server of one's own (MinIO…) answers at one address: bucket in the path.
        "addressing_style": env("S3_ADDRESSING_STYLE", default="path" if _endpoint else "auto"),
        **({"custom_domain": _public.netloc + _public.path.rstrip("/"),
            "url_protocol": f"{_public.scheme}:"} if _public.netloc else {}),
    }}
    if _public.netloc:
        MEDIA_ORIGINS.append(f"{_public.scheme}://{_public.netloc}")
    elif _endpoint:
        MEDIA_ORIGINS.append("{0.scheme}://{0.netloc}".format(_urlsplit(_endpoint)))
    else:
        MEDIA_ORIGINS.append(f"https://{S3_BUCKET}.s3.amazonaws.com")
        if _region:
            MEDIA_ORIGINS.append(f"https://{S3_BUCKET}.s3.{_region}.amazonaws.com")
    SERVE_MEDIA = False

# Uploaded photos: accepted formats and limits (checked with Pillow).
PHOTO_MAX_BYTES = env.int("PHOTO_MAX_BYTES", default=15 * 1024 * 1024)
PHOTO_MAX_PIXELS = env.int("PHOTO_MAX_PIXELS", default=40_000_000)
# Attached files of documents and drafts (PDF, DOCX, XLSX), checked by content.
DOCUMENT_MAX_BYTES = env.int("DOCUMENT_MAX_BYTES", default=20 * 1024 * 1024)
# Readers get these WebP widths (never wider than the last, never the original upload)...
PHOTO_RENDITION_WIDTHS = [480, 800, 1200, 1600, 2000]
# ...and these crops, cut around the photo's focal point: 16:9 for the home lead and the
# lists, 1200×630 for og:image (the size Facebook and Zalo show).
PHOTO_CROPS = {"teaser": [(480, 270), (800, 450), (1280, 720)], "share": [(1200, 630)]}
# Small fixed-size copies made when a page first shows them (an author's portrait).
THUMBNAIL_ALIASES = {"": {
    "portrait": {"size": (192, 192), "crop": True},  # authors, shown at 96×96
    "leader": {"size": (240, 300), "crop": True},  # organisation pages' leaders, at 120×150
}}
THUMBNAIL_EXTENSION = "webp"
THUMBNAIL_TRANSPARENCY_EXTENSION = "webp"
THUMBNAIL_PRESERVE_EXTENSIONS = None
THUMBNAIL_QUALITY = 82
THUMBNAIL_SUBDIR = "renditions"
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- E-mail -------------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Bến Lức <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Staff notices (an article submitted for review) go out in a thread after the
# transaction commits, so a slow mail server never slows the person saving.
MAIL_IN_BACKGROUND = env.bool("MAIL_IN_BACKGROUND", default=True)

# --- Rich text editor ---------------------------------------------------------
# One list of extensions drives both the admin editor and the server-side nh3
# allow-list (articles/sanitize.py), so the editor cannot produce what we strip.
PROSE_EDITOR_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Underline": True,
    "Strike": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HardBreak": True,
    "HorizontalRule": True,
    "Link": {"enableTarget": False},
    "Figure": True,
    "Caption": True,
    "Image": True,
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
    "History": True,
}

# --- Security -----------------------------------------------------------------
HTTPS = env.bool("HTTPS", default=not DEBUG)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

# Strict CSP for the public site: our own scripts and styles only, no inline
# code (pages are cached whole, so a per-request nonce would go stale). The
# admin gets a policy of its own that allows its editor's import map by hash
# (benluc/csp.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *MEDIA_ORIGINS],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"client": {"()": "benluc.network.ClientAddressFilter"}},
    "formatters": {"plain": {"format": "%(levelname)s %(name)s [%(client_ip)s] %(message)s"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["client"], "formatter": "plain"},
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
}

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

# --- Reader comments (comments/moderation.py; word, e-mail and IP lists are edited in the admin)
COMMENTS = {
    # At most RATE_LIMIT comments per IP address in RATE_LIMIT_WINDOW seconds (then HTTP 429).
    "RATE_LIMIT": env.int("COMMENTS_RATE_LIMIT", default=5),
    "RATE_LIMIT_WINDOW": env.int("COMMENTS_RATE_LIMIT_WINDOW", default=600),
    # A form sent back sooner than this after it was served is a bot's: spam, silently.
    "MIN_SUBMIT_SECONDS": env.int("COMMENTS_MIN_SUBMIT_SECONDS", default=3),
    # More links than this: held for moderation with a reason.
    "MAX_LINKS": env.int("COMMENTS_MAX_LINKS", default=2),
    # Close comments this many days after publication (0 = never; per article: allow_comments).
    "CLOSE_AFTER_DAYS": env.int("COMMENTS_CLOSE_AFTER_DAYS", default=0),
    # Publish at once when the e-mail already has an approved comment (WordPress's option).
    "AUTO_APPROVE_KNOWN_EMAILS": env.bool("COMMENTS_AUTO_APPROVE_KNOWN_EMAILS", default=False),
    # `manage.py purge_comment_ips` erases senders' IP addresses older than this.
    "IP_RETENTION_DAYS": env.int("COMMENTS_IP_RETENTION_DAYS", default=90),
    # Told of new pending comments, besides the active members of the "Kiểm duyệt" group.
    "NOTIFY_EMAILS": env.list("COMMENTS_NOTIFY_EMAILS", default=[]),
    "PER_PAGE": env.int("COMMENTS_PER_PAGE", default=20),
    # Send moderators' mail in a background thread so a slow mail server never slows a reader.
    "MAIL_IN_BACKGROUND": env.bool("COMMENTS_MAIL_IN_BACKGROUND", default=True),
    # At most one e-mail to a site's moderators per this many seconds, listing what arrived.
    "DIGEST_SECONDS": env.int("COMMENTS_DIGEST_SECONDS", default=300),
}

# --- Citizens' questions (questions/): answered within 15 working days, weekends skipped.
# Public holidays also skipped by the deadline, as ISO dates: QUESTION_HOLIDAYS=2026-09-02,2027-01-01
QUESTION_HOLIDAYS = []
for _day in env.list("QUESTION_HOLIDAYS", default=[]):
    try:
        QUESTION_HOLIDAYS.append(datetime.date.fromisoformat(_day.strip()))
    except ValueError:
        raise ImproperlyConfigured(f"QUESTION_HOLIDAYS: {_day!r} is not a date like 2026-09-02.")

# --- Readership (readership/): page views counted in the cache, flushed to the database.
READERSHIP = {
    # A page's counted views go to the database every FLUSH_EVERY views, or at its first view
    # after FLUSH_SECONDS since its last flush (and `manage.py flush_page_views`).
    "FLUSH_EVERY": env.int("READERSHIP_FLUSH_EVERY", default=50),
    "FLUSH_SECONDS": env.int("READERSHIP_FLUSH_SECONDS", default=300),
    # "Đọc nhiều" on the home page: the most read articles of the last N days.
    "MOST_READ_DAYS": env.int("READERSHIP_MOST_READ_DAYS", default=7),
}
