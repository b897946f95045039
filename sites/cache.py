"""Whole pages and shared fragments, cached per site and content version.

Every key holds the site's id and its content version (`Site.content_version`, read from the
database on each request by the site middleware). Saving anything a site's pages show moves
that version in the same transaction, so every app server stops serving the old pages at
once, and a cache that missed an invalidation (Redis down, paused, restarted) can at worst
hold copies no request will ask for again. Publishing on one site leaves the other sites'
copies in place. This module knows nothing of the content models.
"""

import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers


def fragment(site, name, builder, timeout=None):
    """`builder()` cached under `name` for the site's current content version."""
    key = f"frag:{site.pk}:{site.content_version}:{name}"
    value = cache.get(key)
    if value is None:
        value = builder()
        cache.set(key, value, timeout or settings.PAGE_CACHE_SECONDS)
    return value


# Query parameters that change what a cached page shows; any other parameter
# (utm_source, fbclid, junk) is ignored, so it cannot multiply cache entries.
PAGE_PARAMS = ("trang", "p")  # p: the page of a sitemap
# Headers a cached copy must keep (feeds and the calendar have their own).
KEPT_HEADERS = ("Content-Type", "Location", "Content-Disposition", "Last-Modified",
                "Content-Language")


def page_key(request, params=()):
    """Cache key of an anonymous page: site, version, path and known parameters (PAGE_PARAMS
    and the view's own `params`, see public_page).

    Not the host: absolute links are built from the site's own address, so the same site
    answering on an alias (or with a port) serves the same page.
    """
    site = request.site
    params = "&".join(f"{p}={request.GET.get(p, '')}" for p in (*PAGE_PARAMS, *params) if p in request.GET)
    # Hashed: a hostile URL must not make an unbounded (or invalid) cache key.
    address = hashlib.sha256(f"{request.path}?{params}".encode()).hexdigest()
    return f"page:{site.pk}:{site.content_version}:{address}"


def public_page(view=None, *, params=()):
    """Serve an anonymous reader's whole page from the shared cache.

    Pages carry nothing per visitor (no CSRF token, no user name), so one copy
    serves everyone without a session cookie. Staff (who may see drafts and a
    preview banner) always get a fresh page. `params`: the view's own query
    parameters that change the page (filters), as `public_page(params=(…))`;
    the view must only be cached for values it has checked.
    """
    if view is None:
        return lambda view: public_page(view, params=params)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        anonymous = settings.SESSION_COOKIE_NAME not in request.COOKIES
        if not anonymous or request.method != "GET":
            response = view(request, *args, **kwargs)
            patch_cache_control(response, private=True, no_cache=True)
            patch_vary_headers(response, ["Cookie"])
            return response
        key = page_key(request, params)
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
