"""Demo page views (last week) and ratings for every demo site, so "Đọc nhiều" and the report
have something to show. Idempotent: a day's row or a vote is created only if missing."""

import hashlib
from datetime import timedelta

from django.utils import timezone

from .models import PageViews, Rating
from .pages import page_of


def _spread(text, low, high):
    """A stable pseudo-random number in [low, high] for `text` (the same on every run)."""
    return low + int(hashlib.sha256(text.encode()).hexdigest()[:8], 16) % (high - low + 1)


def load_demo_readership(site, stdout=None):
    from articles.models import Article

    today = timezone.localdate()
    articles = list(Article.objects.published().for_site(site).select_related("category").order_by("-publish_at")[:20])
    created = 0
    paths = ["/"] + [a.get_absolute_url() for a in articles]
    for rank, path in enumerate(paths):
        page = page_of(path)
        if page is None:
            continue
        for back in range(7):
            day = today - timedelta(days=back)
            views = _spread(f"{site.slug}{path}{day}", 5, 60) * (3 if path == "/" else 1) + max(0, 40 - rank * 3)
            _row, made = PageViews.objects.get_or_create(
                site=site, day=day, path=path,
                defaults={"section": page.section, "article_id": page.article_id, "views": views},
            )
            created += made
    for n, article in enumerate(articles[:5]):
        for voter in range(_spread(article.title, 2, 6)):
            Rating.objects.get_or_create(
                site=site, day=today, path=article.get_absolute_url(), voter=f"demo-{voter}",
                defaults={"helpful": voter % 4 != 3},
            )
    if stdout is not None and created:
        stdout.write(f"  {site.short_name}: đã thêm {created} dòng lượt xem mẫu.")
