"""Văn bản: the legal and direction documents a state agency's portal publishes.

Each document belongs to a site, like every other piece of content. Its number and symbol
(số/ký hiệu, `125/QĐ-UBND`) are kept as written and, folded, as `number_key`
(`-125-qd-ubnd-`), so a reader finds it by the whole symbol, the number alone or the
symbol alone. `search_text` holds the folded words of everything a reader may search for
(same folding as article search, benluc.text).
"""

from datetime import datetime, time
from pathlib import PurePath

from django.db import models
from django.db.models import Case, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import site_field
from benluc.text import index_text, slugify_vi, words

from . import files


class DocumentType(models.TextChoices):
    """Kinds of documents (Nghị định 30/2020/NĐ-CP on administrative documents, and legal ones)."""

    NGHI_QUYET = "nghi-quyet", _("Nghị quyết")
    QUYET_DINH = "quyet-dinh", _("Quyết định")
    CHI_THI = "chi-thi", _("Chỉ thị")
    QUY_CHE = "quy-che", _("Quy chế")
    QUY_DINH = "quy-dinh", _("Quy định")
    THONG_BAO = "thong-bao", _("Thông báo")
    HUONG_DAN = "huong-dan", _("Hướng dẫn")
    CHUONG_TRINH = "chuong-trinh", _("Chương trình")
    KE_HOACH = "ke-hoach", _("Kế hoạch")
    PHUONG_AN = "phuong-an", _("Phương án")
    DE_AN = "de-an", _("Đề án")
    BAO_CAO = "bao-cao", _("Báo cáo")
    TO_TRINH = "to-trinh", _("Tờ trình")
    CONG_VAN = "cong-van", _("Công văn")
    CONG_DIEN = "cong-dien", _("Công điện")
    GIAY_MOI = "giay-moi", _("Giấy mời")
    LUAT = "luat", _("Luật")
    NGHI_DINH = "nghi-dinh", _("Nghị định")
    THONG_TU = "thong-tu", _("Thông tư")
    KHAC = "khac", _("Văn bản khác")


class Issuer(models.Model):
    """Cơ quan ban hành: the body that issued a document (UBND xã, HĐND, Văn phòng…)."""

    site = site_field("issuers")
    name = models.CharField(_("tên cơ quan"), max_length=200)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("cơ quan ban hành")
        verbose_name_plural = _("cơ quan ban hành")
        ordering = ["position", "name"]
        constraints = [models.UniqueConstraint(fields=["site", "name"], name="issuer_once_per_site")]

    def __str__(self):
        return self.name


class Sector(models.Model):
    """Lĩnh vực: the field a document is about (đất đai, giáo dục, y tế…)."""

    site = site_field("sectors")
    name = models.CharField(_("tên lĩnh vực"), max_length=150)
    slug = models.SlugField(_("đường dẫn"), max_length=150, blank=True)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("lĩnh vực")
        verbose_name_plural = _("lĩnh vực")
        ordering = ["position", "name"]
        constraints = [models.UniqueConstraint(fields=["site", "slug"], name="sector_slug_per_site")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify_vi(self.name)[:150] or "linh-vuc"
        super().save(*args, **kwargs)


def local_midnight(day):
    """00:00 of `day` in the site's time zone (Asia/Ho_Chi_Minh), as an aware datetime."""
    return timezone.make_aware(datetime.combine(day, time.min))


def number_key(number):
    """`125/QĐ-UBND` → `-125-qd-ubnd-`: folded parts between dashes, so a search for a run of
    whole parts (`125`, `qd-ubnd`, `125/QĐ-UBND`) is one LIKE '%-…-%'."""
    parts = words(number)
    return f"-{'-'.join(parts)}-" if parts else ""


class DocumentQuerySet(models.QuerySet):
    def published(self):
        """What readers may see: documents the editors have published."""
        return self.filter(is_published=True)

    def for_site(self, site):
        return self.filter(site=site)

    def newest_first(self):
        return self.order_by("-issued_on", "-pk")

    def for_listing(self):
        """List rows: the issuer's name, without the long texts."""
        return self.select_related("issuer").defer("search_text", "number_key")

    def search(self, text):
        """Documents matching a reader's query, those whose number or symbol matches first.

        A query whose folded parts form a run of the number's parts (`125`, `qd-ubnd`,
        `125/QĐ-UBND`) matches the number; any query also matches documents holding all of
        its words (same folding as article search). Returns the queryset unchanged when the
        query has no words.
        """
        query_words = list(dict.fromkeys(words(text)))[:8]
        if not query_words:
            return self
        by_number = Q(number_key__contains=f"-{'-'.join(words(text))}-")
        by_words = Q()
        for word in query_words:
            by_words &= Q(search_text__contains=f" {word} ")
        return self.filter(by_number | by_words).annotate(
            number_match=Case(When(by_number, then=Value(0)), default=Value(1))
        ).order_by("number_match", "-issued_on", "-pk")


class Document(models.Model):
    site = site_field("documents")
    doc_type = models.CharField(_("loại văn bản"), max_length=20, choices=DocumentType.choices)
    number = models.CharField(
        _("số/ký hiệu"), max_length=80, help_text=_("Ví dụ: 125/QĐ-UBND hoặc 15/2024/NQ-HĐND"),
    )
    issuer = models.ForeignKey(
        Issuer, verbose_name=_("cơ quan ban hành"), on_delete=models.PROTECT, related_name="documents",
    )
    signer = models.CharField(
        _("người ký"), max_length=150, blank=True, help_text=_("Ví dụ: Chủ tịch Nguyễn Văn A"),
    )
    issued_on = models.DateField(_("ngày ban hành"))
    effective_on = models.DateField(_("ngày có hiệu lực"), null=True, blank=True)
    expires_on = models.DateField(
        _("ngày hết hiệu lực"), null=True, blank=True,
        help_text=_("Từ ngày này văn bản hết hiệu lực. Để trống nếu còn hiệu lực."),
    )
    replaced_by = models.ForeignKey(
        "self", verbose_name=_("được thay thế bởi"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="replaces",
        help_text=_("Văn bản thay thế văn bản này (khi đó văn bản này hết hiệu lực)."),
    )
    sector = models.ForeignKey(
        Sector, verbose_name=_("lĩnh vực"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="documents",
    )
    summary = models.TextField(_("trích yếu"), max_length=2000)
    is_published = models.BooleanField(
        _("công bố"), default=True, help_text=_("Bỏ chọn để ẩn văn bản khỏi trang công khai."),
    )
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    # Derived in save(): see the module docstring.
    number_key = models.CharField(max_length=200, editable=False, default="")
    search_text = models.TextField(editable=False, default="")

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("văn bản")
        verbose_name_plural = _("văn bản")
        ordering = ["-issued_on", "-pk"]
        get_latest_by = "issued_on"
        indexes = [
            models.Index(fields=["site", "is_published", "issued_on"], name="document_public_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True) | Q(effective_on__isnull=True)
                | Q(expires_on__gte=models.F("effective_on")),
                name="document_expires_after_effective",
                violation_error_message=_("Ngày hết hiệu lực phải sau ngày có hiệu lực."),
            ),
        ]

    def __str__(self):
        return f"{self.get_doc_type_display()} số {self.number}"

    @property
    def slug(self):
        return "-".join(words(self.number))[:80].strip("-") or "van-ban"

    def get_absolute_url(self):
        return reverse("documents:detail", args=[self.slug, self.pk])

    def refresh_search(self):
        """Fill the derived number and search columns (called by save())."""
        self.number = " ".join((self.number or "").split())
        self.number_key = number_key(self.number)
        parts = [
            self.number, self.get_doc_type_display(), self.signer, self.summary,
            self.issuer.name if self.issuer_id else "", self.sector.name if self.sector_id else "",
        ]
        text = index_text(" ".join(p for p in parts if p))
        self.search_text = f" {text} " if text else ""

    def save(self, *args, **kwargs):
        self.refresh_search()
        if "update_fields" in kwargs and kwargs["update_fields"] is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "number", "number_key", "search_text"}
        super().save(*args, **kwargs)

    def in_force(self, today=None):
        """Whether the document is in force today (Asia/Ho_Chi_Minh)."""
        today = today or timezone.localdate()
        if self.replaced_by_id or (self.expires_on and self.expires_on <= today):
            return False
        return not (self.effective_on and self.effective_on > today)

    def next_change(self, now=None):
        """The next midnight (Vietnam time) when the document comes into force or expires, or None."""
        now = now or timezone.now()
        moments = [local_midnight(day) for day in (self.effective_on, self.expires_on) if day]
        return min((m for m in moments if m > now), default=None)

    def validity(self, today=None):
        """The reader's label: "Còn hiệu lực", "Hết hiệu lực", "Chưa có hiệu lực"."""
        today = today or timezone.localdate()
        if self.replaced_by_id or (self.expires_on and self.expires_on <= today):
            return "Hết hiệu lực"
        if self.effective_on and self.effective_on > today:
            return "Chưa có hiệu lực"
        return "Còn hiệu lực"


def stored_name(folder, site, year, filename):
    """`van-ban/benluc/2024/quyet-dinh-125-qd-ubnd.pdf`: per site and year, ASCII names on
    disk (readers get the original name)."""
    path = PurePath(filename)
    stem = slugify_vi(path.stem)[:80] or "tep"
    return f"{folder}/{site.slug}/{year}/{stem}{path.suffix.lower()}"


def attachment_path(instance, filename):
    document = instance.document
    return stored_name("van-ban", document.site, document.issued_on.year, filename)


class AttachedFile(models.Model):
    """A PDF, DOCX or XLSX file, checked by its content (documents/files.py) and served with
    its real type under its Vietnamese name. Subclasses add the object it belongs to."""

    file = models.FileField(_("tệp"), upload_to=attachment_path, max_length=255)
    name = models.CharField(
        _("tên tệp khi tải về"), max_length=200, blank=True,
        help_text=_("Để trống để dùng tên của tệp tải lên."),
    )
    kind = models.CharField(_("định dạng"), max_length=10, editable=False,
                            choices=[(k, v) for k, v in files.LABELS.items()])
    size = models.PositiveBigIntegerField(_("dung lượng (byte)"), default=0, editable=False)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    # The URL name that serves the file ("documents:file").
    url_name = None

    class Meta:
        abstract = True
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.download_name

    def attach(self, upload):
        """Take a new upload: check it (ValidationError if refused) and record its kind and size."""
        self.kind = files.validate_attachment(upload)
        self.size = upload.size
        self.file = upload
        if not self.name:
            self.name = PurePath(upload.name).name[:200]

    @property
    def download_name(self):
        """The Vietnamese file name readers save, always with the extension of its real type."""
        name = (self.name or PurePath(self.file.name).name).strip()
        stem = name[: -len(f".{self.kind}")] if name.lower().endswith(f".{self.kind}") else name
        return f"{stem}.{self.kind}"

    @property
    def content_type(self):
        return files.CONTENT_TYPES[self.kind]

    @property
    def label(self):
        return files.LABELS.get(self.kind, self.kind)

    def get_absolute_url(self):
        slug = slugify_vi(self.download_name.rsplit(".", 1)[0])[:100] or "tep"
        return reverse(self.url_name, args=[self.pk, slug, self.kind])


class Attachment(AttachedFile):
    """A file of a document."""

    document = models.ForeignKey(
        Document, verbose_name=_("văn bản"), on_delete=models.CASCADE, related_name="attachments",
    )

    url_name = "documents:file"

    class Meta(AttachedFile.Meta):
        abstract = False

    def owning_site_id(self):
        """The site of the document (for per-site permissions, sites.permissions)."""
        return Document._default_manager.filter(pk=self.document_id).values_list("site_id", flat=True).first()
