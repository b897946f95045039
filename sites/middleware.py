"""Which site a request is for (`request.site`, from the Host header); public responses kept shareable."""

from django.db import transaction
from django.http import Http404
from django.utils.functional import SimpleLazyObject

from .models import current_site, one_invalidation

# Back office and files: the site is looked up only if something asks for it.
SITELESS_PREFIXES = ("/admin/", "/static/", "/media/")


class CurrentSiteMiddleware:
    """Sets `request.site`; a public page on a host no site claims is a 404."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        host = request.get_host()
        if request.path.startswith(SITELESS_PREFIXES):
            request.site = SimpleLazyObject(lambda: current_site(host))
        else:
            request.site = current_site(host)
            if request.site is None:
                raise Http404("Không có trang nào ở địa chỉ này.")
        return self.get_response(request)


class SharedCacheGuardMiddleware:
    """A response marked `public` is one copy for every reader: no cookie, no `Vary: Cookie`.

    Sits outside the session and CSRF middleware. An anonymous page may still touch the
    (empty) session while it is built, which makes Django add `Vary: Cookie`, and a reader
    whose `csrftoken` cookie is malformed would be sent a new one with every page. Either
    would make a shared cache (nginx, a CDN) keep one copy per reader, or none. The comment
    form asks for its CSRF cookie from its own uncached endpoint (comments.views.token).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "public" in get_cache_control(response):
            response.cookies.clear()
            if response.has_header("Vary"):
                kept = [v.strip() for v in response["Vary"].split(",") if v.strip().lower() != "cookie"]
                if kept:
                    response["Vary"] = ", ".join(kept)
                else:
                    del response["Vary"]
        return response


def get_cache_control(response):
    """The directives of the response's Cache-Control header, lower-cased."""
    return {part.split("=")[0].strip().lower() for part in response.get("Cache-Control", "").split(",")}


class OneInvalidationPerSaveMiddleware:
    """Each back-office POST (a save, a deletion, a bulk action, a restore) is one transaction
    that moves each affected site's content version once, however many rows it writes.

    Without it, saving an article with two authors and a photo moved the version once per
    row, and a restore (not otherwise atomic) let readers see, and cache, each step. Work
    deferred to after the commit (photo renditions) still invalidates on its own.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method != "POST" or not request.path.startswith("/admin/"):
            return self.get_response(request)
        with transaction.atomic():
            with one_invalidation() as invalidation:
                response = self.get_response(request)
                failed = response.status_code >= 500  # Django turned an exception into a page
                if failed:
                    invalidation.cancel()
            if failed:
                transaction.set_rollback(True)
        return response
