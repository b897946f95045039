"""Shared-cache helpers: one content version that every edit bumps.

Every cached fragment and whole page has the current content version in its
key. Saving or deleting anything a page shows bumps the version in the shared
cache (Redis in production), so every app server stops serving the old pages at
once — no per-process memory, no list of keys to hunt down. The version also
expires itself when the next scheduled article falls due, so a scheduled
article appears on time even on cached pages.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone

VERSION_KEY = "content:version"
DUE_KEY = "content:next-due"


def _next_due_timestamp():
    from .models import Article

    due = (
        Article.objects.filter(status=Article.Status.PUBLISHED, publish_at__gt=timezone.now())
        .order_by("publish_at")
        .values_list("publish_at", flat=True)
        .first()
    )
    return due.timestamp() if due else None


def bump():
    """Invalidate every cached page and fragment now (see `bump_on_change`)."""
    version = f"{time.time_ns()}"
    cache.set_many(
        {VERSION_KEY: version, DUE_KEY: _next_due_timestamp() or 0}, timeout=None
    )
    return version


def bump_on_change():
    """Invalidate now and again once the transaction commits.

    Now: so the writing request itself, and tests inside a transaction, see
    fresh pages. After commit: a reader who rendered the old rows between the
    first bump and the commit cached them under the new version; the second
    bump discards that copy.
    """
    from django.db import transaction

    bump()
    # One post-commit bump per transaction, however many rows it saves (an admin
    # save writes the article, its author rows and photos). Django drops the
    # callbacks of a rolled-back savepoint, so a later change registers anew.
    connection = transaction.get_connection()
    if connection.in_atomic_block and any(func is bump for _ids, func, _robust in connection.run_on_commit):
        return
    transaction.on_commit(bump)


def version():
    """The current content version (a new one once a scheduled article falls due)."""
    values = cache.get_many([VERSION_KEY, DUE_KEY])
    current, due = values.get(VERSION_KEY), values.get(DUE_KEY)
    if current is None or (due and due <= time.time()):
        current = bump()
    return current


def cached(name, builder, timeout=None):
    """`builder()` cached under `name` for the current content version."""
    key = f"{name}:{version()}"
    value = cache.get(key)
    if value is None:
        value = builder()
        cache.set(key, value, timeout or settings.PAGE_CACHE_SECONDS)
    return value


# Query parameters that change what a cached page shows; any other parameter
# (utm_source, fbclid, junk) is ignored, so it cannot multiply cache entries.
PAGE_PARAMS = ("trang",)
# Headers a cached copy must keep (feeds and the calendar have their own).
KEPT_HEADERS = ("Content-Type", "Location", "Content-Disposition", "Last-Modified",
                "Content-Language")


def page_key(request):
    """Cache key of an anonymous page: version, scheme, host, path and known parameters."""
    params = "&".join(f"{p}={request.GET.get(p, '')}" for p in PAGE_PARAMS if p in request.GET)
    # The host matters: absolute links (canonical, feeds) are built from it.
    address = f"{request.scheme}://{request.get_host()}{request.path}?{params}"
    # Hashed: a hostile URL must not make an unbounded (or invalid) cache key.
    return f"page:{version()}:{hashlib.sha256(address.encode()).hexdigest()}"


def public_page(view):
    """Serve an anonymous reader's whole page from the shared cache.

    Pages carry nothing per visitor (no CSRF token, no user name), so one copy
    serves everyone without a session cookie. Staff (who may see drafts and a
    preview banner) always get a fresh page.
    """
    from functools import wraps

    from django.utils.cache import patch_cache_control, patch_vary_headers

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        anonymous = settings.SESSION_COOKIE_NAME not in request.COOKIES
        if not anonymous or request.method != "GET":
            response = view(request, *args, **kwargs)
            patch_cache_control(response, private=True, no_cache=True)
            patch_vary_headers(response, ["Cookie"])
            return response
        key = page_key(request)
        hit = cache.get(key)
        if hit is not None:
            status, headers, content = hit
            response = HttpResponse(content, status=status)
            for name, value in headers.items():
                response[name] = value
        else:
            response = view(request, *args, **kwargs)
            if response.status_code in (200, 301):
                if hasattr(response, "render"):
                    response.render()
                headers = {h: response[h] for h in KEPT_HEADERS if h in response}
                cache.set(key, (response.status_code, headers, response.content),
                          settings.PAGE_CACHE_SECONDS)
        # A session cookie (staff) must never get a proxy's anonymous copy.
        patch_vary_headers(response, ["Cookie"])
        if response.status_code in (200, 301):
            # Browsers revalidate; a proxy in front may micro-cache for a few seconds.
            patch_cache_control(response, public=True, max_age=0, s_maxage=5)
        return response

    return wrapper
