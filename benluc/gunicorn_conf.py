"""gunicorn settings for `make serve` (gunicorn -c python:benluc.gunicorn_conf).

One worker process per CPU core (WEB_CONCURRENCY overrides), with or without
Redis. Without Redis each process keeps its own copies of pages, which is safe:
they are keyed by the site's content version, read from the database on every
request, so an edit saved through any process is seen by all of them at once.
What must be shared (sessions, rate limits) is in a file cache (settings.py).

gunicorn listens on 127.0.0.1 unless BIND says otherwise: in production nginx
on the same machine is the only client. Whether forwarding headers are
believed is decided in one place, Django's side (TRUSTED_PROXIES,
benluc/network.py); gunicorn itself never rewrites the scheme from them.
"""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benluc.settings")

from gunicorn.glogging import Logger  # noqa: E402

from benluc import read_env_file  # noqa: E402

read_env_file()

from django.conf import settings  # noqa: E402

bind = os.environ.get("BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")


def cores():
    """CPU cores this process may use (a container's or taskset's limit, not the machine's)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


workers = int(os.environ.get("WEB_CONCURRENCY") or cores())
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


def post_worker_init(worker):
    """Take the objects made while loading Django out of the garbage collector's sight.

    Modules, settings, URL patterns and compiled templates live as long as the process; a
    full collection would walk all of them again and again (measured: a page's request
    stalls for a collection about every tenth request). Frozen, each collection only looks
    at what requests made. Instagram's approach (gc.freeze, Python ≥ 3.7).
    """
    import gc

    gc.collect()
    gc.freeze()
