"""Whole pages and shared fragments, cached per site and content version.

Every key holds the site's id and its content version (`Site.content_version`, read from the
database on each request by the site middleware). Saving anything a site's pages show moves
that version in the same transaction, so every app server stops serving the old pages at
once, and a cache that missed an invalidation (Redis down, paused, restarted) can at worst
hold copies no request will ask for again. Publishing on one site leaves the other sites'
copies in place. This module knows nothing of the content models.

Copies live in the "pages" cache alias: Redis when there is one (shared by every app server),
otherwise each process's own memory. Either is correct, since the version comes from the
database; per-process copies only cost one build per process after an edit.
"""

import hashlib
import time
from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.dispatch import Signal
from django.http import HttpResponse
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
    set_response_etag,
)


def page_cache():
    """The cache holding pages and fragments (settings without a "pages" alias: the default)."""
    return caches["pages" if "pages" in settings.CACHES else "default"]


def fragment(site, name, builder, timeout=None):
    """`builder()` cached under `name` for the site's current content version."""
    cache = page_cache()
    key = f"frag:{site.pk}:{site.content_version}:{name}"
    value = cache.get(key)
    if value is None:
        value = builder()
        cache.set(key, value, timeout or settings.FRAGMENT_CACHE_SECONDS)
    return value


_memos = {}  # (site id, name) → (content version, value), in this process's memory


def memo(site, name, builder):
    """`builder()` kept in this process's memory for the site's current content version.

    For small lookup tables that most pages read (the site's authors): no pickling, unlike
    `fragment`, and still never stale, since the key's version comes from the database. One
    value per site and name: the previous version's is replaced.
    """
    held = _memos.get((site.pk, name))
    if held is None or held[0] != site.content_version:
        held = (site.content_version, builder())
        _memos[(site.pk, name)] = held
    return held[1]


# Items one site keeps in one `memo_each` table before it starts afresh: a bound on memory
# (a few hundred KB a site), far above what its busiest pages ask for.
MEMO_ITEMS = 600


def memo_each(site, name, keys, build):
    """The values of `keys` (a list, in their order), each kept in this process's memory for
    the site's current content version, like `memo`: `build(missing keys)` gives {key: value}
    for those not held yet, in one call. For pieces many pages share (an article's teaser),
    so that a page built again pays only for what changed since the site's last edit.
    """
    held = _memos.get((site.pk, name))
    if held is None or held[0] != site.content_version or len(held[1]) > MEMO_ITEMS:
        held = (site.content_version, {})
        _memos[(site.pk, name)] = held
    values = held[1]
    missing = [key for key in keys if key not in values]
    if missing:
        values.update(build(missing))
    return [values[key] for key in keys]


def forget_memos():
    """Drop every memo (a site saved or deleted: a new site may take a deleted one's id)."""
    _memos.clear()


# Query parameters that change what a cached page shows; any other parameter
# (utm_source, fbclid, junk) is ignored, so it cannot multiply cache entries.
PAGE_PARAMS = ("trang", "p", "tuan")  # p: the page of a sitemap; tuan: a schedule's week
# Headers a cached copy must keep (feeds and the calendar have their own).
KEPT_HEADERS = ("Content-Type", "Location", "Content-Disposition", "Last-Modified",
                "Content-Language", "ETag")
# How long a shared cache in front (nginx, `make front`) may serve an anonymous page. Short,
# because a proxy cannot be told of an edit: an unpublished article leaves it within this.
# Fresh for 3 s, then for at most 2 s more while one request refreshes it (other readers are
# not held up); a copy older than that is never served, however long the page went unread.
FRONT_CACHE_SECONDS = 5
FRONT_STALE_SECONDS = 2


def page_key(request, params=(), normalise=None):
    """Cache key of an anonymous page: site, version, path and known parameters (PAGE_PARAMS
    and the view's own `params`, see public_page). `normalise`: {parameter: function} giving
    the form of a value that decides the page (one key for every spelling of a query).

    Not the host: absolute links are built from the site's own address, so the same site
    answering on an alias (or with a port) serves the same page.
    """
    site = request.site
    normalise = normalise or {}
    params = "&".join(
        f"{p}={normalise[p](request.GET[p]) if p in normalise else request.GET[p]}"
        for p in (*PAGE_PARAMS, *params) if p in request.GET
    )
    # Hashed: a hostile URL must not make an unbounded (or invalid) cache key.
    address = hashlib.sha256(f"{request.path}?{params}".encode()).hexdigest()
    return f"page:{site.pk}:{site.content_version}:{address}"


# Sent each time a public page is built (not served from the cache): request, key.
page_built = Signal()
# A page being built is awaited, not built again, for up to BUILD_WAIT_SECONDS; a builder
# that died holds the lock for BUILD_LOCK_SECONDS at most.
BUILD_WAIT_SECONDS = 5
BUILD_LOCK_SECONDS = 30


def built_once(cache, key, build):
    """The copy under `key`, built by `build()` once however many requests miss it together.

    After an invalidation every reader of a popular page misses at the same moment; one of
    them (the first to take the lock, an atomic `add` in the shared cache) builds and stores
    the page, the others wait for its copy. Returns the cached value or what `build()` gave.
    If the cache cannot take locks (Redis down) or the builder gives nothing to store (a 404),
    the waiting requests build for themselves.
    """
    lock = f"{key}:building"
    if cache.add(lock, 1, BUILD_LOCK_SECONDS):
        try:
            # Checked again with the lock held: a builder may have stored the copy and let go
            # of the lock between this request's miss and its taking the lock.
            hit = cache.get(key)
            return hit if hit is not None else build()
        finally:
            cache.delete(lock)
    deadline = time.monotonic() + BUILD_WAIT_SECONDS
    pause = 0.002
    while time.monotonic() < deadline:
        hit = cache.get(key)
        if hit is not None:
            return hit
        if cache.get(lock) is None:
            break
        time.sleep(pause)
        pause = min(pause * 2, 0.05)
    return cache.get(key) or build()


def _build(request, view, args, kwargs, cache, key):
    """Render the page and store the copy that every anonymous reader gets."""
    response = view(request, *args, **kwargs)
    if response.status_code in (200, 301):
        if hasattr(response, "render"):
            response.render()
        if response.status_code == 200:
            set_response_etag(response)
        if settings.PAGE_CACHE_SECONDS > 0:
            headers = {h: response[h] for h in KEPT_HEADERS if h in response}
            cache.set(key, (response.status_code, headers, response.content), settings.PAGE_CACHE_SECONDS)
    page_built.send(sender=public_page, request=request, key=key)
    return response


def public_page(view=None, *, params=(), normalise=None):
    """Serve an anonymous reader's whole page from the shared cache.

    Pages carry nothing per visitor (no CSRF token, no user name), so one copy serves
    every reader without a session cookie, whatever other cookies they carry: the
    response has no `Vary: Cookie` (sites.middleware.SharedCacheGuardMiddleware also
    keeps Set-Cookie off it), so a front cache keeps one copy for all of them. HEAD is
    answered like GET. Each copy has an ETag (a hash of its bytes, made once when the
    copy is built), so a browser revalidating gets 304. Staff (who may see drafts and a
    preview banner) always get a fresh, private page. `params`: the view's own query
    parameters that change the page (filters), as `public_page(params=(…))`; the view
    must only be cached for values it has checked; `normalise`: see page_key.
    """
    if view is None:
        return lambda view: public_page(view, params=params, normalise=normalise)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        anonymous = settings.SESSION_COOKIE_NAME not in request.COOKIES
        if not anonymous or request.method not in ("GET", "HEAD"):
            response = view(request, *args, **kwargs)
            patch_cache_control(response, private=True, no_cache=True)
            patch_vary_headers(response, ["Cookie"])
            return response
        cache = page_cache()
        key = page_key(request, params, normalise)
        if settings.PAGE_CACHE_SECONDS <= 0:
            # No copies kept (PAGE_CACHE_SECONDS=0): every request builds its own page, and
            # none waits for another's build, whose copy would never be stored.
            hit = _build(request, view, args, kwargs, cache, key)
        else:
            hit = cache.get(key)
            if hit is None:
                hit = built_once(cache, key, lambda: _build(request, view, args, kwargs, cache, key))
        if isinstance(hit, tuple):
            status, headers, content = hit
            response = HttpResponse(content, status=status)
            for name, value in headers.items():
                response[name] = value
        else:
            response = hit
        if response.status_code not in (200, 301):
            return response
        # Browsers revalidate (ETag → 304); a proxy in front may keep it a few seconds.
        patch_cache_control(response, public=True, max_age=0,
                            s_maxage=FRONT_CACHE_SECONDS - FRONT_STALE_SECONDS,
                            stale_while_revalidate=FRONT_STALE_SECONDS)
        if response.has_header("ETag"):
            return get_conditional_response(request, etag=response["ETag"], response=response)
        return response

    return wrapper
