"""Floors: the least Django can do for a page of an article's size, through the same middleware."""

from django.http import HttpResponse
from django.shortcuts import render

PAGE_BYTES = 40 * 1024
_PAGE = ("<!doctype html><title>floor</title>" + "x" * PAGE_BYTES)[:PAGE_BYTES]

# A page's worth of teasers, as a list page has: titles, links, dates, sapos.
_TEASERS = [
    {"title": f"Tin số {i}: Hội nghị sơ kết công tác Dân vận", "url": f"/ben-luc/tin-so-{i}-{i}/",
     "date": "01/07/2022", "sapo": "Chiều 30/6, Ban Dân vận Huyện ủy tổ chức hội nghị sơ kết. " * 3}
    for i in range(120)
]


def floor(request):
    """A 40 KB string: Django's request/response cycle and nothing else."""
    return HttpResponse(_PAGE)


def template_floor(request):
    """About 40 KB from a template with a loop and escaping: rendering, no database."""
    return render(request, "bench/template_floor.html", {"teasers": _TEASERS})
