"""gunicorn settings for `make serve` (gunicorn -c python:benluc.gunicorn_conf).

With the default local-memory cache every worker process would keep its own
cache, and an unpublished article could stay visible from the other workers'
copies. So without a shared cache (CACHE_URL/REDIS_URL pointing at Redis) we
run one worker with threads; with Redis, WEB_CONCURRENCY processes.
"""

import os
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benluc.settings")

from django.conf import settings  # noqa: E402  (reads .env like manage.py does)

bind = os.environ.get("BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
accesslog = "-"
timeout = 30

SHARED_CACHE = not settings.CACHES["default"]["BACKEND"].endswith("LocMemCache")
if not SHARED_CACHE and workers > 1:
    print(
        f"gunicorn: local-memory cache is per process; running 1 worker with {max(threads, 8)} "
        "threads instead of several workers (set CACHE_URL=redis://… to scale out).",
        file=sys.stderr,
    )
    workers, threads = 1, max(threads, 8)
