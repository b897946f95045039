"""`{% most_read %}`: the "Đọc nhiều" block of a site's home page."""

from datetime import timedelta

from django import template
from django.conf import settings
from django.db.models import OuterRef, Subquery, Sum
from django.utils import timezone

from sites.cache import fragment

register = template.Library()

MOST_READ_COUNT = 5
# The block is rebuilt at most this often (and with every content edit: the fragment is keyed
# by the site's content version); view counts move without touching the version.
MOST_READ_SECONDS = 300


def most_read_articles(site, today=None):
    """[(title, url, views)] of the site's most read published articles of the last days."""
    from articles.models import Article

    from ..models import PageViews

    since = (today or timezone.localdate()) - timedelta(days=settings.READERSHIP["MOST_READ_DAYS"] - 1)
    views = PageViews.objects.filter(site=site, day__gte=since, article=OuterRef("pk"))
    totals = views.order_by().values("article").annotate(total=Sum("views")).values("total")
    read = PageViews.objects.filter(site=site, day__gte=since, article__isnull=False).values("article_id")
    articles = (
        Article.objects.published().for_site(site).filter(pk__in=read)
        .annotate(recent_views=Subquery(totals)).select_related("category")
        .only("pk", "title", "slug", "category__slug").order_by("-recent_views", "-pk")[:MOST_READ_COUNT]
    )
    return [(a.title, a.get_absolute_url(), a.recent_views) for a in articles]


@register.inclusion_tag("readership/_most_read.html", takes_context=True)
def most_read(context):
    site = context["request"].site
    return {"items": fragment(site, "most-read", lambda: most_read_articles(site), MOST_READ_SECONDS)}
