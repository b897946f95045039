"""/tim-kiem/: the reader's search on one site, or on a province's portal across its sites."""

import math

from django.shortcuts import render
from django.views.decorators.http import require_safe

from benluc.text import positive_int
from sites.cache import public_page

from .filters import parse_filters
from .query import cache_form, parse_query
from . import ranking
from .results import RESULTS_PER_PAGE, search


@require_safe
# Anonymous readers' result pages are cached per site version and normalised query: every
# spelling of a query that cleans to the same text ("hội  nghị", NFD…) shares one copy.
@public_page(params=("q", "chuyen-muc", "tu", "den", "don-vi"), normalise={"q": cache_form})
def search_view(request):
    """/tim-kiem/?q=…&chuyen-muc=…&tu=…&den=…&don-vi=…&trang=…

    `don-vi` (a site's slug) narrows a portal's search to the portal itself or
    one commune; without it the portal searches the whole province and each
    result names its site. A commune's search covers that commune only.
    """
    query = parse_query(request.GET.get("q"))
    notices = list(query.notices)
    filters = parse_filters(request.GET, notices, request.site)
    number = positive_int(request.GET.get("trang", "1")) or 1
    context = {
        "query": query.text,
        "words": query.words,
        "notices": notices,
        "filters": filters,
        "categories": filters.categories,
        "page": None,
        "out_of_range": False,
    }
    if query.words:
        if number > math.ceil(ranking.MAX_RESULTS / RESULTS_PER_PAGE):
            context["out_of_range"] = True
        else:
            # On a portal the filters name the sites; elsewhere the reader's site.
            site = None if filters.sites is not None else request.site
            page = search(query.words, filters, number, spelled=query.spelled, site=site)
            context["page"] = page
            context["out_of_range"] = number > page.paginator.num_pages
    return render(request, "articles/search.html", context)
