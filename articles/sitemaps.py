"""/sitemap.xml for every public page of a site, and a Google News sitemap for the last 48 hours.

Sitemaps are made per request for `request.site`: its own items, at its own address.
"""

from datetime import timedelta

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from sites.cache import public_page
from sites.http import AtSiteAddress

from .models import Article, Author, Category, Event


class SiteSitemap(Sitemap):
    """A sitemap of one site's items, with URLs at that site's own address."""

    def __init__(self, site):
        self.site = site
        self.protocol = "https" if site.base_url.startswith("https://") else "http"

    def get_urls(self, page=1, site=None, protocol=None):
        # Django would use the request's host; absolute links come from the site.
        return super().get_urls(page=page, site=self.site, protocol=self.protocol)


class ArticleSitemap(SiteSitemap):
    changefreq = "weekly"
    priority = 0.8
    limit = 5000

    def items(self):
        return Article.objects.published().for_site(self.site).select_related("category").only(
            "pk", "slug", "updated_at", "category__slug"
        ).order_by("-publish_at", "-pk")

    def lastmod(self, item):
        return item.updated_at


class CategorySitemap(SiteSitemap):
    changefreq = "hourly"
    priority = 0.6

    def items(self):
        return Category.objects.filter(site=self.site)


class AuthorSitemap(SiteSitemap):
    changefreq = "weekly"
    priority = 0.3

    def items(self):
        published = Article.objects.published().for_site(self.site)
        return Author.objects.filter(site=self.site, articles__in=published).distinct().order_by("name")


class EventSitemap(SiteSitemap):
    changefreq = "weekly"
    priority = 0.5

    def items(self):
        return Event.objects.filter(site=self.site).order_by("-starts_at")


SITEMAPS = {
    "articles": ArticleSitemap,
    "sections": CategorySitemap,
    "authors": AuthorSitemap,
    "events": EventSitemap,
}


def _for(site):
    return {name: cls(site) for name, cls in SITEMAPS.items()}


@require_safe
@public_page
def index(request):
    """The sitemap index: one paginated sitemap per kind of page."""
    return sitemap_views.index(
        AtSiteAddress(request), _for(request.site), sitemap_url_name="sitemap_section"
    )


@require_safe
@public_page
def section(request, section):
    return sitemap_views.sitemap(request, _for(request.site), section=section)


@require_safe
@public_page
def news_sitemap(request):
    """Google News sitemap: the site's articles published in the last 48 hours."""
    since = timezone.now() - timedelta(hours=48)
    articles = (
        Article.objects.published().for_site(request.site).filter(publish_at__gte=since)
        .select_related("category").only("pk", "slug", "title", "publish_at", "category__slug")
        .order_by("-publish_at")[:1000]
    )
    return render(
        request, "articles/news_sitemap.xml", {"articles": articles},
        content_type="application/xml; charset=utf-8",
    )
