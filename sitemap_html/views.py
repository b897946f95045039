"""The HTML site map: every part of the site, for readers and for the portal criteria."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from sites.cache import public_page

from .registry import entries


@require_safe
@public_page
def site_map(request):
    return render(request, "sitemap_html/site_map.html", {
        "entries": entries(request.site),
        "canonical_url": request.site.absolute(request.path),
    })
