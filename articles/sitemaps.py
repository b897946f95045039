"""/sitemap.xml for every public page, and a Google News sitemap for the last 48 hours."""

from datetime import timedelta

from django.contrib.sitemaps import Sitemap
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from .cache import public_page
from .models import Article, Author, Category, Event


class ArticleSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.8
    limit = 5000

    def items(self):
        return Article.objects.published().select_related("category").only(
            "pk", "slug", "updated_at", "category__slug"
        ).order_by("-publish_at", "-pk")

    def lastmod(self, item):
        return item.updated_at


class CategorySitemap(Sitemap):
    changefreq = "hourly"
    priority = 0.6

    def items(self):
        return Category.objects.all()


class AuthorSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.3

    def items(self):
        return Author.objects.filter(articles__in=Article.objects.published()).distinct().order_by("name")


class EventSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.5

    def items(self):
        return Event.objects.order_by("-starts_at")


SITEMAPS = {
    "articles": ArticleSitemap,
    "sections": CategorySitemap,
    "authors": AuthorSitemap,
    "events": EventSitemap,
}


@require_safe
@public_page
def news_sitemap(request):
    """Google News sitemap: articles published in the last 48 hours."""
    since = timezone.now() - timedelta(hours=48)
    articles = (
        Article.objects.published().filter(publish_at__gte=since)
        .select_related("category").only("pk", "slug", "title", "publish_at", "category__slug")
        .order_by("-publish_at")[:1000]
    )
    return render(
        request, "articles/news_sitemap.xml", {"articles": articles},
        content_type="application/xml; charset=utf-8",
    )
