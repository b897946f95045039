"""gunicorn settings for `make serve` (gunicorn -c python:benluc.gunicorn_conf).

With the default local-memory cache every worker process would keep its own
cache, and an unpublished article could stay visible from the other workers'
copies. So without a shared cache (CACHE_URL/REDIS_URL pointing at Redis) we
run one worker with threads; with Redis, WEB_CONCURRENCY processes.

gunicorn listens on 127.0.0.1 unless BIND says otherwise: in production nginx
on the same machine is the only client. Whether forwarding headers are
believed is decided in one place, Django's side (TRUSTED_PROXIES,
benluc/network.py); gunicorn itself never rewrites the scheme from them.
"""

import os
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benluc.settings")

from gunicorn.glogging import Logger  # noqa: E402

from benluc import read_env_file  # noqa: E402

read_env_file()

from django.conf import settings  # noqa: E402

bind = os.environ.get("BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
accesslog = "-"
timeout = 30
# gunicorn would otherwise turn X-Forwarded-Proto from 127.0.0.1 into https by itself.
secure_scheme_headers = {}
forwarded_allow_ips = ",".join(settings.TRUSTED_PROXIES)


class AccessLog(Logger):
    """gunicorn's access log, with the client address as Django sees it (not the proxy's)."""

    def atoms(self, resp, req, environ, request_time):
        from benluc.network import client_address

        atoms = super().atoms(resp, req, environ, request_time)
        atoms["h"] = client_address(environ) or "-"
        return atoms


logger_class = AccessLog

SHARED_CACHE = not settings.CACHES["default"]["BACKEND"].endswith("LocMemCache")
if not SHARED_CACHE and workers > 1:
    print(
        f"gunicorn: local-memory cache is per process; running 1 worker with {max(threads, 8)} "
        "threads instead of several workers (set CACHE_URL=redis://… to scale out).",
        file=sys.stderr,
    )
    workers, threads = 1, max(threads, 8)
