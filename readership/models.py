"""What readers tell us without being tracked: page views per page and day, and one-click ratings.

Neither keeps a cookie, an account or a raw address. A rating keeps a daily hash of the
client address, the page and the day (`voter`), only to count one vote per reader per page
per day; the hash changes every day and cannot be turned back into the address.
"""

from django.db import models
from django.db.models import Q, Sum
from django.utils.translation import gettext_lazy as _

from sites.models import Site


class PageViewsQuerySet(models.QuerySet):
    def most_read_articles(self, site, since):
        """(article id, views) of the site's articles, most read since `since` first."""
        return (
            self.filter(site=site, day__gte=since, article_id__isnull=False)
            .values("article_id").annotate(total=Sum("views")).order_by("-total", "-article_id")
        )


class PageViews(models.Model):
    """Views of one page of one site on one day (flushed from the cache, see counter.py)."""

    site = models.ForeignKey(Site, verbose_name=_("trang"), on_delete=models.CASCADE, related_name="+")
    day = models.DateField(_("ngày"))
    path = models.CharField(_("địa chỉ"), max_length=300)
    section = models.CharField(_("chuyên mục"), max_length=200)
    article = models.ForeignKey(
        "articles.Article", verbose_name=_("bài viết"), on_delete=models.CASCADE, null=True, blank=True,
        related_name="+", db_constraint=True,
    )
    views = models.PositiveIntegerField(_("lượt xem"), default=0)

    objects = PageViewsQuerySet.as_manager()

    class Meta:
        verbose_name = _("lượt xem")
        verbose_name_plural = _("lượt xem theo ngày")
        ordering = ["-day", "-views"]
        constraints = [models.UniqueConstraint(fields=["site", "day", "path"], name="pageviews_once")]
        indexes = [
            models.Index(fields=["site", "day", "article"], condition=Q(article__isnull=False),
                         name="pageviews_articles"),
        ]

    def __str__(self):
        return f"{self.path} {self.day:%d/%m/%Y}: {self.views}"


class Rating(models.Model):
    """One reader's answer to "Thông tin có hữu ích không?" on one page, one day."""

    site = models.ForeignKey(Site, verbose_name=_("trang"), on_delete=models.CASCADE, related_name="+")
    day = models.DateField(_("ngày"))
    path = models.CharField(_("địa chỉ"), max_length=300)
    helpful = models.BooleanField(_("hữu ích"))
    voter = models.CharField(max_length=64, editable=False)

    class Meta:
        verbose_name = _("đánh giá")
        verbose_name_plural = _("đánh giá “Thông tin có hữu ích không?”")
        ordering = ["-day", "path"]
        constraints = [models.UniqueConstraint(fields=["site", "path", "day", "voter"], name="rating_once")]
        indexes = [models.Index(fields=["site", "path"], name="rating_page")]

    def __str__(self):
        return f"{self.path} {self.day:%d/%m/%Y}: {'có' if self.helpful else 'không'}"
