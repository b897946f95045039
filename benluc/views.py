"""Project-wide pages: robots.txt, the favicon, and the 404 and 500 pages."""

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template import loader
from django.urls import reverse
from django.views.decorators.http import require_safe


@require_safe
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says; send them to the real icon.

    Resolved per request, not at import: the hashed name exists only after collectstatic.
    """
    from django.templatetags.static import static

    return redirect(static("img/favicon.svg"), permanent=True)


@require_safe
def robots_txt(request):
    """The site's robots.txt: its own sitemaps, at its own address."""
    site = request.site
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /tim-kiem/",
        "Disallow: /binh-luan/",
        f"Sitemap: {site.absolute(reverse('sitemap'))}",
        f"Sitemap: {site.absolute(reverse('news_sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def page_not_found(request, exception=None):
    html = loader.render_to_string("404.html", {"request_path": request.path}, request)
    return HttpResponse(html, status=404)


def server_error(request):
    # A lost database connection is no error of ours: a 503 the middleware may retry.
    from benluc.database import unavailable_response

    response = unavailable_response(request)
    if response is not None:
        return response
    # No context processors and no database: the database may be what failed.
    from sites.models import Site

    site = getattr(request, "site", None)
    # type(), not isinstance(): a lazy site (back office) would query to answer isinstance.
    name = site.name if type(site) is Site else settings.SITE_NAME
    html = loader.get_template("500.html").render({"site_name": name})
    return HttpResponse(html, status=500)
