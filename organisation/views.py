"""Public pages of the organisation: /gioi-thieu/ and its sub-pages, and /en/ in English."""

from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from sites.cache import public_page

from .models import Department, Leader, Page, Profile


def _profile(site):
    # A site whose staff have not written a profile yet still has its pages (an empty one).
    return Profile.objects.filter(site=site).first() or Profile(site=site)


def _page_links(site):
    return list(Page.objects.public(site).only("title", "slug"))


@require_safe
@public_page
def overview(request):
    site = request.site
    return render(request, "organisation/overview.html", {
        "profile": _profile(site),
        "pages": _page_links(site),
        "leaders": list(Leader.objects.filter(site=site)),
        "departments": list(Department.objects.filter(site=site)),
        "canonical_url": site.absolute(request.path),
    })


@require_safe
@public_page
def leaders(request):
    site = request.site
    return render(request, "organisation/leaders.html", {
        "leaders": list(Leader.objects.filter(site=site)),
        "pages": _page_links(site),
        "canonical_url": site.absolute(request.path),
    })


@require_safe
@public_page
def contacts(request):
    site = request.site
    return render(request, "organisation/contacts.html", {
        "profile": _profile(site),
        "departments": list(Department.objects.filter(site=site)),
        "pages": _page_links(site),
        "canonical_url": site.absolute(request.path),
    })


@require_safe
@public_page
def page_detail(request, slug):
    site = request.site
    page = get_object_or_404(Page.objects.public(site), slug=slug)
    return render(request, "organisation/page.html", {
        "page": page,
        "pages": _page_links(site),
        "canonical_url": site.absolute(request.path),
    })


@require_safe
@public_page
def english(request):
    """The organisation and its contacts in English (only what staff translated is shown)."""
    site = request.site
    return render(request, "organisation/english.html", {
        "profile": _profile(site),
        "pages": list(Page.objects.public(site).exclude(body_en="")),
        "leaders": list(Leader.objects.filter(site=site)),
        "departments": list(Department.objects.filter(site=site)),
        "canonical_url": site.absolute(request.path),
        "page_lang": "en",
    })
