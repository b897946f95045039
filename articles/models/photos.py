"""The newsroom's photo library: photos uploaded for articles and placed in their bodies."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from benluc.text import index_text, words
from sites.models import Site

from ..images import PhotoField, PhotoMixin, validate_photo
from .article import Article


class ArticleImageQuerySet(models.QuerySet):
    def library(self, site, query=""):
        """The newsroom's photo library: `site`'s photos, newest first, found by caption or
        alt text ignoring case and diacritics (the folding of search)."""
        photos = self.filter(site=site)
        for word in words(query)[:8]:
            photos = photos.filter(search_caption__contains=word)
        return photos.order_by("-pk")

    def attach_placed(self, article):
        """Give `article` the unattached uploads of its site that its body now shows."""
        from articles.templatetags.news import media_names

        names = media_names(article.body)
        if not names:
            return 0
        return self.filter(article__isnull=True, site_id=article.site_id, image__in=names).update(article=article)


class ArticleImage(PhotoMixin, models.Model):
    """A photo of the newsroom's library, usually uploaded for (and attached to) an article,
    placed in its body as a figure with its caption."""

    # Empty while the article it was uploaded for is not saved yet (it is attached when the
    # article is saved with the photo in its body); a deleted article leaves its photos in
    # the library, where other articles may show them.
    article = models.ForeignKey(
        Article, on_delete=models.SET_NULL, related_name="images", null=True, blank=True,
    )
    site = models.ForeignKey(
        Site, verbose_name=_("trang"), on_delete=models.CASCADE, related_name="photos",
        null=True, blank=True, editable=False,
    )
    image = PhotoField(_("ảnh"), upload_to="articles/%Y/%m/", validators=[validate_photo])
    caption = models.CharField(_("chú thích"), max_length=255, blank=True)
    alt = models.CharField(
        _("mô tả ảnh (alt)"), max_length=255,
        help_text=_("Mô tả nội dung ảnh cho người khiếm thị và máy tìm kiếm."),
    )
    width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    renditions = models.JSONField(default=list, blank=True, editable=False)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người tải lên"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+", editable=False,
    )
    created_at = models.DateTimeField(_("tải lên lúc"), auto_now_add=True, null=True)
    # Caption and alt text, folded like search, for the library's search box.
    search_caption = models.TextField(blank=True, editable=False)

    objects = ArticleImageQuerySet.as_manager()

    photo_crops = ("share",)  # the share image of an article without a cover

    class Meta:
        verbose_name = _("ảnh")
        verbose_name_plural = _("thư viện ảnh")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.caption or self.alt or self.image.name

    def save(self, *args, **kwargs):
        if self.article_id:
            self.site_id = self.article.site_id
        self.search_caption = index_text(f"{self.caption} {self.alt}")
        new_photo = self.prepare_photo()
        super().save(*args, **kwargs)
        if new_photo:
            self.schedule_renditions()

    def as_json(self):
        """What the editor's photo picker needs: the address the body stores, a preview."""
        preview = self.photo_rendition(width=480)
        return {
            "id": self.pk, "src": self.image.url, "alt": self.alt, "caption": self.caption,
            "preview": preview["url"] if preview else self.image.url,
            "width": self.width, "height": self.height,
        }

    def figure_html(self):
        """The snippet staff paste into the editor (Figure with caption)."""
        from django.utils.html import format_html

        return format_html(
            '<figure><img src="{}" alt="{}"><figcaption>{}</figcaption></figure>',
            self.image.url, self.alt, self.caption,
        )
