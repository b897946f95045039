"""Search over published articles, folding case and Vietnamese diacritics."""

from django.shortcuts import render

from benluc.text import fold

from .models import Article

MAX_QUERY_LENGTH = 200


def search_view(request):
    query = (request.GET.get("q") or "")[:MAX_QUERY_LENGTH].strip()
    results = Article.objects.none()
    words = fold(query).split()
    if words:
        results = Article.objects.published()
        for word in words:
            results = results.filter(search_text__contains=word)
        results = results.for_listing().newest_first()[:50]
    return render(request, "articles/search.html", {"query": query, "results": results})
