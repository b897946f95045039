"""A request whose database connection dies: retried once if it is a GET, else a 503, never a 500.

PostgreSQL restarting, a failover, or an administrator's `pg_terminate_backend` kill the
connections requests are using. Connections kept between requests are health-checked before
reuse (CONN_HEALTH_CHECKS), but a connection that dies while a request is using it raises
OperationalError or InterfaceError somewhere in the middle of the request. Django turns that
into its 500 page (handler500, `benluc.views.server_error`), which asks `unavailable_response`
here first: for such an error the reader gets instead a Vietnamese 503 page with `Retry-After`,
marked on the response. `DatabaseRetryMiddleware`, outside every middleware that touches the
database, sees the mark, closes the broken connections and, for a GET or HEAD (which change
nothing, so running them again is safe), runs the request once more on a fresh connection.
A POST is never replayed: it may have been committed before the connection died; the reader's
text stays in the form (comments.js keeps it on any error) and the 503 says to try again.
"""

import logging
import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError, connections
from django.http import HttpResponse
from django.template import loader

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 10
SAFE_METHODS = ("GET", "HEAD")


def lost_connection(exc):
    """Whether `exc` says the database (not our code) failed: connection lost, server gone."""
    return isinstance(exc, (OperationalError, InterfaceError))


def unavailable_response(request):
    """The 503 page if the exception being handled is a database failure, else None.

    Called from handler500 while Django handles the exception, so `sys.exc_info()` is it.
    Rendered with no context processors and no query: the database is what failed.
    """
    if not lost_connection(sys.exc_info()[1]):
        return None
    from sites.models import Site

    site = getattr(request, "site", None)
    # type(), not isinstance(): a lazy site (back office) would query to answer isinstance.
    name = site.name if type(site) is Site else settings.SITE_NAME
    html = loader.get_template("503.html").render({"site_name": name})
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    response.database_unavailable = True
    return response


def close_connections():
    """Close this thread's database connections; the next query opens a fresh one."""
    for conn in connections.all(initialized_only=True):
        if conn.in_atomic_block:  # whoever opened the transaction must end it (tests do)
            continue
        try:
            conn.close()
        except Exception:  # already broken: nothing left to close cleanly
            logger.debug("closing a broken %s connection failed", conn.alias, exc_info=True)


class DatabaseRetryMiddleware:
    """Runs a GET once more when the database connection died under it (see module doc)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not getattr(response, "database_unavailable", False):
            return response
        close_connections()
        if request.method not in SAFE_METHODS:
            return response
        logger.warning("Database connection lost during GET %s; trying once more", request.path)
        response = self.get_response(request)
        if getattr(response, "database_unavailable", False):
            close_connections()
        return response
