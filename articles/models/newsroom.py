"""The newsroom's sections, authors and events."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from benluc.links import link
from benluc.text import slugify_vi

from ..images import PhotoField, PhotoMixin, validate_photo
from .common import site_field, unique_slug


class CategoryQuerySet(models.QuerySet):
    def menu(self, site):
        """The site's sections for its menu, from the shared cache (one query per edit)."""
        from sites.cache import fragment

        return fragment(site, "nav:categories", lambda: list(self.filter(site=site).order_by("position", "name")))


# First path segments the site uses itself: a section may not take them.
RESERVED_SECTION_SLUGS = {
    "admin", "binh-luan", "media", "static", "rss", "su-kien", "tac-gia", "tim-kiem",
    "robots-txt", "sitemap-xml", "sitemap-news-xml", "favicon-ico", "tin-co-so",
    # The portal content a state agency's site must publish (Nghị định 42/2022/NĐ-CP).
    "van-ban", "lich-cong-tac", "hoi-dap", "du-thao", "gioi-thieu", "en", "so-do-trang",
}


class Category(models.Model):
    site = site_field("categories")
    name = models.CharField(_("tên chuyên mục"), max_length=100)
    slug = models.SlugField(_("đường dẫn"), max_length=100, blank=True)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    description = models.TextField(_("mô tả"), blank=True)

    objects = CategoryQuerySet.as_manager()

    class Meta:
        verbose_name = _("chuyên mục")
        verbose_name_plural = _("chuyên mục")
        ordering = ["position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["site", "slug"], name="category_slug_per_site"),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.slug in RESERVED_SECTION_SLUGS:
            raise ValidationError(
                {"slug": _("Đường dẫn “%(slug)s” trùng với một trang của hệ thống; hãy chọn đường dẫn khác.")
                 % {"slug": self.slug}}
            )

    def save(self, *args, **kwargs):
        scope = Category._default_manager.filter(site_id=self.site_id)
        if not self.slug:
            self.slug = unique_slug(self, self.name, scope=scope, max_length=100)
        if self.slug in RESERVED_SECTION_SLUGS:
            # "Sự kiện" as a section name would shadow /su-kien/: keep it apart.
            self.slug = unique_slug(self, f"{self.slug} chuyen muc", scope=scope, max_length=100)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return link("articles:category", slug=self.slug)


class Author(PhotoMixin, models.Model):
    site = site_field("authors")
    name = models.CharField(_("họ tên"), max_length=120)
    slug = models.SlugField(_("đường dẫn"), max_length=120, blank=True)
    role = models.CharField(_("chức danh"), max_length=120, blank=True)
    bio = models.TextField(_("giới thiệu"), blank=True)
    photo = PhotoField(
        _("ảnh chân dung"), upload_to="authors/%Y/", blank=True, validators=[validate_photo]
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="author_profile",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tác giả")
        verbose_name_plural = _("tác giả")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["site", "slug"], name="author_slug_per_site"),
        ]

    def __str__(self):
        return self.name

    photo_fields = ("photo", None, None, None)

    def save(self, *args, **kwargs):
        if not self.slug:
            scope = Author._default_manager.filter(site_id=self.site_id)
            self.slug = unique_slug(self, self.name, scope=scope, max_length=120)
        self.prepare_photo()  # upright, without EXIF (GPS included)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return link("articles:author", slug=self.slug)


class EventQuerySet(models.QuerySet):
    def upcoming(self, now=None):
        """Events that have not ended yet, soonest first."""
        now = now or timezone.now()
        return self.filter(
            Q(ends_at__gte=now) | Q(ends_at__isnull=True, starts_at__gte=now)
        ).order_by("starts_at")

    def past(self, now=None):
        """Events that are over, latest first."""
        now = now or timezone.now()
        return self.filter(
            Q(ends_at__lt=now) | Q(ends_at__isnull=True, starts_at__lt=now)
        ).order_by("-starts_at")


class Event(models.Model):
    class Kind(models.TextChoices):
        CONFERENCE = "hoi-nghi", _("Hội nghị")
        MEETING = "hop", _("Cuộc họp, kỳ họp")
        CEREMONY = "le", _("Lễ, mít tinh")
        CAMPAIGN = "phong-trao", _("Phong trào, chiến dịch")
        FESTIVAL = "le-hoi", _("Lễ hội, văn hóa – thể thao")
        TRAINING = "tap-huan", _("Tập huấn")
        OTHER = "khac", _("Khác")

    site = site_field("events")
    name = models.CharField(_("tên sự kiện"), max_length=255)
    slug = models.SlugField(_("đường dẫn"), max_length=200, blank=True)
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices, default=Kind.CONFERENCE)
    starts_at = models.DateTimeField(_("bắt đầu"))
    ends_at = models.DateTimeField(_("kết thúc"), null=True, blank=True)
    location = models.CharField(_("địa điểm"), max_length=255, blank=True)
    organiser = models.CharField(_("đơn vị tổ chức"), max_length=255, blank=True)
    chair_name = models.CharField(_("người chủ trì"), max_length=120, blank=True)
    chair_office = models.CharField(
        _("chức vụ người chủ trì"), max_length=255, blank=True,
        help_text=_("Ví dụ: Phó Bí thư Thường trực Huyện ủy, Chủ tịch HĐND huyện"),
    )
    description = models.TextField(_("mô tả"), blank=True)
    history = HistoricalRecords()

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("sự kiện")
        verbose_name_plural = _("sự kiện")
        ordering = ["-starts_at"]
        get_latest_by = "starts_at"
        indexes = [models.Index(fields=["starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gte=models.F("starts_at")),
                name="event_ends_after_start",
                violation_error_message=_("Thời gian kết thúc phải sau thời gian bắt đầu."),
            )
        ]

    def __str__(self):
        return f"{self.name} ({timezone.localtime(self.starts_at):%d/%m/%Y})"

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify_vi(self.name)[:200].strip("-") or "su-kien"
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return link("articles:event", slug=self.slug, pk=self.pk)

    @property
    def chair(self):
        """`Dương Văn Út – Phó Bí thư …` or just the name."""
        return " – ".join(p for p in (self.chair_name, self.chair_office) if p)
