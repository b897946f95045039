"""The organisation behind a site (Giới thiệu): pages staff edit, leaders, departments and
their contacts, with English versions of the organisation and contacts for `/en/`."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from articles.images import PhotoField, PhotoMixin, validate_photo
from articles.models import site_field, unique_slug
from articles.sanitize import sanitize_body
from benluc.text import html_text
from sites.models import Site

# Sub-paths of /gioi-thieu/ the app uses itself: a page may not take them.
RESERVED_SLUGS = {"lanh-dao", "lien-he"}


class Profile(models.Model):
    """What the site says of its agency as a whole, in Vietnamese and in English."""

    site = models.OneToOneField(Site, verbose_name=_("trang"), on_delete=models.CASCADE, related_name="profile")
    intro = models.TextField(
        _("giới thiệu chung"), blank=True,
        help_text=_("Vài câu mở đầu trang Giới thiệu (văn bản thường)."),
    )
    office_hours = models.CharField(
        _("giờ làm việc"), max_length=255, blank=True,
        help_text=_("Ví dụ: Sáng 7h00–11h30, chiều 13h30–17h00, từ thứ Hai đến thứ Sáu"),
    )
    name_en = models.CharField(
        _("tên cơ quan (tiếng Anh)"), max_length=200, blank=True,
        help_text=_("Ví dụ: People's Committee of Ben Luc Commune"),
    )
    intro_en = models.TextField(_("giới thiệu chung (tiếng Anh)"), blank=True)
    address_en = models.CharField(_("địa chỉ (tiếng Anh)"), max_length=255, blank=True)
    office_hours_en = models.CharField(_("giờ làm việc (tiếng Anh)"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("thông tin chung về cơ quan")
        verbose_name_plural = _("thông tin chung về cơ quan")

    def __str__(self):
        return str(self.site)


class PageQuerySet(models.QuerySet):
    def public(self, site):
        return self.filter(site=site, is_published=True)


class Page(models.Model):
    """A page of /gioi-thieu/: functions and tasks, structure, history, local conditions…"""

    site = site_field("organisation_pages")
    title = models.CharField(_("tiêu đề"), max_length=200)
    slug = models.SlugField(
        _("đường dẫn"), max_length=120, blank=True,
        help_text=_("Để trống để tạo từ tiêu đề, ví dụ: chuc-nang-nhiem-vu"),
    )
    body = models.TextField(_("nội dung"), blank=True)
    title_en = models.CharField(_("tiêu đề (tiếng Anh)"), max_length=200, blank=True)
    body_en = models.TextField(
        _("nội dung (tiếng Anh)"), blank=True,
        help_text=_("Có nội dung tiếng Anh thì trang xuất hiện trên /en/."),
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    is_published = models.BooleanField(_("hiển thị"), default=True)
    updated_at = models.DateTimeField(_("cập nhật"), auto_now=True)

    objects = PageQuerySet.as_manager()

    class Meta:
        verbose_name = _("trang giới thiệu")
        verbose_name_plural = _("các trang giới thiệu")
        ordering = ["position", "title"]
        constraints = [models.UniqueConstraint(fields=["site", "slug"], name="organisation_page_slug_per_site")]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.slug in RESERVED_SLUGS:
            raise ValidationError({"slug": _("Đường dẫn “%(slug)s” đã dùng cho trang khác của mục Giới thiệu.")
                                   % {"slug": self.slug}})

    def save(self, *args, **kwargs):
        # The same allow-list as articles: whatever the admin form sent, only safe HTML is stored.
        self.body = sanitize_body(self.body)
        self.body_en = sanitize_body(self.body_en)
        if not self.slug or self.slug in RESERVED_SLUGS:
            scope = Page._default_manager.filter(site_id=self.site_id)
            self.slug = unique_slug(self, self.title if not self.slug else f"{self.slug}-trang",
                                    scope=scope, max_length=120)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("organisation:page", args=[self.slug])

    @property
    def summary(self):
        """The page's text without markup, for descriptions and metadata."""
        return html_text(self.body)


class Leader(PhotoMixin, models.Model):
    site = site_field("leaders")
    name = models.CharField(_("họ tên"), max_length=120)
    title = models.CharField(_("chức vụ"), max_length=200, help_text=_("Ví dụ: Chủ tịch UBND xã"))
    duties = models.TextField(_("lĩnh vực phụ trách"), blank=True)
    photo = PhotoField(_("ảnh chân dung"), upload_to="leaders/%Y/", blank=True, validators=[validate_photo])
    phone = models.CharField(_("điện thoại"), max_length=60, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    title_en = models.CharField(_("chức vụ (tiếng Anh)"), max_length=200, blank=True,
                                help_text=_("Ví dụ: Chairman of the Commune People's Committee"))
    duties_en = models.TextField(_("lĩnh vực phụ trách (tiếng Anh)"), blank=True)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    photo_fields = ("photo", None, None, None)

    class Meta:
        verbose_name = _("lãnh đạo")
        verbose_name_plural = _("lãnh đạo")
        ordering = ["position", "name"]

    def __str__(self):
        return f"{self.name} – {self.title}"

    def save(self, *args, **kwargs):
        self.prepare_photo()  # upright, without EXIF (GPS included)
        super().save(*args, **kwargs)


class Department(models.Model):
    """An office or unit of the agency, with whom to contact and how."""

    site = site_field("departments")
    name = models.CharField(_("tên cơ quan, đơn vị"), max_length=200)
    head = models.CharField(_("người đứng đầu"), max_length=200, blank=True,
                            help_text=_("Họ tên và chức vụ, ví dụ: Nguyễn Văn A – Chánh Văn phòng"))
    tasks = models.TextField(_("chức năng, nhiệm vụ"), blank=True)
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=60, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    name_en = models.CharField(_("tên (tiếng Anh)"), max_length=200, blank=True)
    tasks_en = models.TextField(_("chức năng, nhiệm vụ (tiếng Anh)"), blank=True)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("cơ quan, đơn vị")
        verbose_name_plural = _("cơ quan, đơn vị và liên hệ")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name
