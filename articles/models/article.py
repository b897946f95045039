"""Articles, their byline rows, and the portal's view of offered commune articles."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from benluc.links import link
from sites.models import Site

from ..images import PhotoField, PhotoMixin, validate_photo
from ..sanitize import sanitize_body
from .common import unique_slug
from .newsroom import Author, Category, Event
from .querysets import DESK_ORDER, ArticleQuerySet


# A validator message is %-formatted: "%%" is a percent sign.
FOCAL_OUTSIDE = _("Điểm chính phải nằm trong ảnh: từ 0 đến 100 (%%).")


class Article(PhotoMixin, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Bản nháp")
        REVIEW = "review", _("Chờ duyệt")
        RETURNED = "returned", _("Trả lại")
        PUBLISHED = "published", _("Đã xuất bản")
        ARCHIVED = "archived", _("Lưu trữ")

    class PortalStatus(models.TextChoices):
        """A commune's article offered to its province's portal ("Tin cơ sở")."""

        NONE = "", _("Không đề xuất")
        OFFERED = "offered", _("Đã đề xuất lên cổng tỉnh")
        ACCEPTED = "accepted", _("Cổng tỉnh đã đăng")
        DECLINED = "declined", _("Cổng tỉnh không nhận")

    # Always the section's site (set on save); kept on the row for the per-site indexes.
    site = models.ForeignKey(
        Site, verbose_name=_("trang"), on_delete=models.PROTECT, related_name="articles",
        editable=False,
    )
    title = models.CharField(_("tiêu đề"), max_length=255)
    slug = models.SlugField(
        _("đường dẫn"), max_length=200, blank=True,
        help_text=_("Để trống để tạo tự động từ tiêu đề; giữ nguyên khi sửa tiêu đề."),
    )
    sapo = models.TextField(
        _("sa pô (tóm tắt)"), blank=True,
        help_text=_("Đoạn dẫn in đậm dưới tiêu đề. Bắt buộc khi gửi duyệt hoặc xuất bản."),
    )
    body = models.TextField(_("nội dung"), blank=True)
    cover = PhotoField(
        _("ảnh đại diện"), upload_to="articles/%Y/%m/", blank=True, validators=[validate_photo]
    )
    cover_caption = models.CharField(_("chú thích ảnh đại diện"), max_length=255, blank=True)
    cover_alt = models.CharField(
        _("mô tả ảnh (alt)"), max_length=255, blank=True,
        help_text=_("Bắt buộc khi có ảnh: mô tả nội dung ảnh cho người khiếm thị."),
    )
    # The point of the cover that teaser and share crops keep in frame, in % of width and
    # height from the top left, chosen by clicking the photo in the admin; empty: the centre.
    # Nullable without default, so SQLite adds the columns in place (see byline_ids).
    cover_focal_x = models.PositiveSmallIntegerField(
        _("điểm chính của ảnh (ngang, %)"), null=True, blank=True,
        validators=[MaxValueValidator(100, FOCAL_OUTSIDE)],
    )
    cover_focal_y = models.PositiveSmallIntegerField(
        _("điểm chính của ảnh (dọc, %)"), null=True, blank=True,
        validators=[MaxValueValidator(100, FOCAL_OUTSIDE)],
    )
    cover_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    cover_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    cover_renditions = models.JSONField(default=list, blank=True, editable=False)
    category = models.ForeignKey(
        Category, verbose_name=_("chuyên mục"), on_delete=models.PROTECT, related_name="articles"
    )
    authors = models.ManyToManyField(
        Author, through="ArticleAuthor", verbose_name=_("tác giả"), related_name="articles",
        blank=True,
    )
    event = models.ForeignKey(
        Event, verbose_name=_("sự kiện"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="articles",
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    publish_at = models.DateTimeField(
        _("thời điểm xuất bản"), null=True, blank=True,
        help_text=_("Để trống khi xuất bản ngay; đặt giờ trong tương lai để hẹn giờ."),
    )
    allow_comments = models.BooleanField(_("cho phép bình luận"), default=True)
    portal_status = models.CharField(
        _("tin cơ sở"), max_length=10, choices=PortalStatus.choices, default=PortalStatus.NONE,
        blank=True, editable=False,
    )
    portal_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("cổng tỉnh quyết định bởi"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+", editable=False,
    )
    portal_decided_at = models.DateTimeField(_("cổng tỉnh quyết định lúc"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người tạo"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+", editable=False,
    )
    # Title, sapo, text, authors, event: case- and diacritic-folded, for search.
    search_text = models.TextField(blank=True, editable=False)
    # Title and sapo alone, folded the same way: search ranks title > sapo > body.
    search_title = models.TextField(blank=True, editable=False)
    search_sapo = models.TextField(blank=True, editable=False)
    # Author ids in byline order, as last saved. Kept in every revision, so that
    # restoring a revision restores its byline too (ArticleAuthor rows have no history).
    # Nullable without default: SQLite then adds the column in place instead of
    # rebuilding the table (which would drop the search triggers of migration 0003).
    byline_ids = models.JSONField(null=True, blank=True, editable=False)

    history = HistoricalRecords(
        excluded_fields=["search_text", "search_title", "search_sapo", "cover_renditions"]
    )
    objects = ArticleQuerySet.as_manager()

    photo_fields = ("cover", "cover_width", "cover_height", "cover_renditions")
    photo_crops = ("teaser", "share")  # home lead and lists; og:image

    @classmethod
    def from_db(cls, db, field_names, values):
        article = super().from_db(db, field_names, values)
        article._saved_focal = (article.__dict__.get("cover_focal_x"), article.__dict__.get("cover_focal_y"))
        return article

    def photo_focal(self):
        return (
            50 if self.cover_focal_x is None else self.cover_focal_x,
            50 if self.cover_focal_y is None else self.cover_focal_y,
        )

    def focal_moved(self):
        """Was the cover's focal point changed since this row was read?"""
        saved = getattr(self, "_saved_focal", None)
        return saved is not None and saved != (self.cover_focal_x, self.cover_focal_y)

    class Meta:
        verbose_name = _("bài viết")
        verbose_name_plural = _("bài viết")
        ordering = ["-publish_at", "-pk"]
        get_latest_by = "publish_at"
        permissions = [
            ("publish_article", _("Có thể xuất bản, hẹn giờ, gỡ và khôi phục bài viết")),
        ]
        constraints = [
            models.UniqueConstraint(fields=["category", "slug"], name="article_slug_per_category"),
        ]
        indexes = [
            models.Index(fields=["site", "status", "publish_at"], name="article_visible_idx"),
            models.Index(fields=["category", "status", "publish_at"], name="article_section_idx"),
            models.Index(*DESK_ORDER, name="article_desk_idx"),
            # The admin's date filters and sorting by publication time.
            models.Index(fields=["publish_at"], name="article_publish_idx"),
            # The portal's "Tin cơ sở": accepted articles of its communes, newest first.
            models.Index(
                fields=["portal_status", "publish_at"], name="article_community_idx",
                condition=Q(portal_status="accepted"),
            ),
        ]

    # What a reporter may still change (see `editable_by`); the rest is the editors'.
    REPORTER_STATUSES = (Status.DRAFT, Status.RETURNED)

    def __str__(self):
        return self.title

    def editable_by(self, user):
        """Editors change any article; a reporter only one they wrote or sign, while unpublished."""
        if user.has_perm("articles.publish_article", self if self.pk else None):
            return True
        if self.status not in self.REPORTER_STATUSES:
            return False
        return self.created_by_id == user.pk or (
            self.pk is not None and self.authors.filter(user=user).exists()
        )

    def save(self, *args, **kwargs):
        self.site_id = self.owning_site_id()  # an article lives on its section's site
        self.body = sanitize_body(self.body)
        if not self.slug:
            self.slug = unique_slug(
                self, self.title, scope=Article._default_manager.filter(category_id=self.category_id)
            )
        if self.status == self.Status.PUBLISHED and not self.publish_at:
            self.publish_at = timezone.now()
        new_cover = self.prepare_photo()
        super().save(*args, **kwargs)
        if new_cover or (self.cover and self.focal_moved()):
            self.schedule_renditions()  # crops around the new focal point
        self._saved_focal = (self.cover_focal_x, self.cover_focal_y)

    def owning_site_id(self):
        """The site this article is (or, once saved, will be) on: its section's."""
        if self.category_id:
            return self.category.site_id
        return self.site_id

    def clean(self):
        super().clean()
        if self.event_id and self.category_id and self.event.site_id != self.category.site_id:
            raise ValidationError({"event": _("Sự kiện này thuộc trang khác; hãy chọn sự kiện của trang này.")})
        if self.cover and not (self.cover_alt or "").strip():
            raise ValidationError(
                {"cover_alt": _("Hãy nhập mô tả ảnh (alt) cho ảnh đại diện.")}
            )

    def restore_byline(self, author_ids):
        """Make the byline `author_ids` again (authors deleted since are left out)."""
        existing = Author.objects.in_bulk(author_ids)
        self.article_authors.all().delete()
        ArticleAuthor.objects.bulk_create(
            ArticleAuthor(article=self, author_id=author_id, position=position)
            for position, author_id in enumerate(a for a in author_ids if a in existing)
        )

    def refresh_derived(self):
        """Recompute this article's byline and search columns (see ArticleQuerySet.refresh_derived)."""
        Article.objects.filter(pk=self.pk).refresh_derived()
        fresh = Article._default_manager.filter(pk=self.pk).values(
            "byline_ids", "search_text", "search_title", "search_sapo"
        ).first()
        for name, value in (fresh or {}).items():
            setattr(self, name, value)

    def get_absolute_url(self):
        return link("articles:article", category=self.category.slug, slug=self.slug, pk=self.pk)

    def get_community_url(self):
        """Where the province's portal shows this commune article ("Tin cơ sở")."""
        return link("articles:community_article", slug=self.slug, pk=self.pk)

    @property
    def original_url(self):
        """The absolute address of the article on its own site (the canonical one)."""
        return self.site.absolute(self.get_absolute_url())

    @property
    def is_public(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.publish_at is not None
            and self.publish_at <= timezone.now()
        )

    def ordered_authors(self):
        """Authors in byline order: from the site's authors given to `use_authors()`, else
        from the prefetch of `for_listing()`, else one query."""
        known = getattr(self, "_authors_by_id", None)
        if known is None:
            return [link.author for link in self.article_authors.all()]
        if self.byline_ids is not None and all(i in known for i in self.byline_ids):
            return [known[i] for i in self.byline_ids]
        # No byline_ids yet (rows made by bulk_create): one query, kept for this page.
        if getattr(self, "_queried_authors", None) is None:
            self._queried_authors = [
                link.author for link in self.article_authors.select_related("author").order_by("position")
            ]
        return self._queried_authors

    def use_authors(self, authors_by_id):
        """Take the byline from `authors_by_id` ({id: Author}, e.g. the site's, kept per
        content version) and `byline_ids`, instead of querying the article's authors."""
        self._authors_by_id = authors_by_id
        return self

    @property
    def byline(self):
        """`Việt Hằng – Kim Phượng`: authors in order, joined with an en dash."""
        return " – ".join(author.name for author in self.ordered_authors())


class OfferedArticle(Article):
    """A commune's article as its province's portal editors see it: offered, accepted or not."""

    class Meta:
        proxy = True
        verbose_name = _("tin cơ sở đề xuất")
        verbose_name_plural = _("tin cơ sở đề xuất lên cổng tỉnh")


class ArticleAuthor(models.Model):
    """Byline order: the first author is named first."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="article_authors")
    author = models.ForeignKey(
        Author, verbose_name=_("tác giả"), on_delete=models.PROTECT, related_name="article_links"
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("tác giả của bài")
        verbose_name_plural = _("tác giả của bài (theo thứ tự ký tên)")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["article", "author"], name="article_author_once"),
        ]

    def __str__(self):
        return str(self.author)
