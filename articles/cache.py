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
    """Invalidate every cached page and fragment (call after any content change)."""
    version = f"{time.time_ns()}"
    cache.set_many(
        {VERSION_KEY: version, DUE_KEY: _next_due_timestamp() or 0}, timeout=None
    )
    return version


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


def public_page(view):
    """Serve an anonymous reader's whole page from the shared cache.

    Pages carry nothing per visitor (no CSRF token, no user name), so one copy
    serves everyone without a session cookie. Staff (who may see drafts and a
    preview banner) always get a fresh page.
    """
    from functools import wraps

    from django.utils.cache import patch_cache_control

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        anonymous = settings.SESSION_COOKIE_NAME not in request.COOKIES
        if not anonymous or request.method != "GET":
            response = view(request, *args, **kwargs)
            patch_cache_control(response, private=True, no_cache=True)
            return response
        # Hashed: a hostile URL must not make an unbounded (or invalid) cache key.
        path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
        key = f"page:{version()}:{path}"
        hit = cache.get(key)
        if hit is not None:
            status, content_type, content, location = hit
            response = HttpResponse(content, status=status, content_type=content_type)
            if location:
                response["Location"] = location
        else:
            response = view(request, *args, **kwargs)
            if response.status_code in (200, 301):
                if hasattr(response, "render"):
                    response.render()
                cache.set(
                    key,
                    (response.status_code, response["Content-Type"], response.content,
                     response.get("Location")),
                    settings.PAGE_CACHE_SECONDS,
                )
        # Browsers revalidate; a proxy in front may micro-cache for a few seconds.
        patch_cache_control(response, public=True, max_age=0, s_maxage=5)
        return response

    return wrapper
