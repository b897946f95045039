"""Dự thảo: drafts published for public comment, and the readers' comments on them.

A draft is open for comment from its opening day to its closing day, both inclusive, in
Vietnam's time (Asia/Ho_Chi_Minh): it opens at 00:00 on the opening day and closes at 00:00
on the day after the closing day. The site's cached pages change by themselves at those two
moments (sites.signals.next_due). After it closes the form is gone, the approved comments
stay, and the agency's summary of the responses is shown once written.

Readers' comments follow the article comments' rules (comments.moderation: honeypot, time to
submit, per-address rate limit, word/e-mail/IP lists, duplicates, moderation queue); they
are kept in their own table because an article comment is tied to its article throughout
the comments app (queries, unique constraints, admin), which a draft is not.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import site_field, unique_slug
from comments.models import BODY_MAX_LENGTH, NAME_MAX_LENGTH, Comment, nfc
from documents.models import AttachedFile, local_midnight, stored_name


class DraftQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def for_site(self, site):
        return self.filter(site=site)

    def newest_first(self):
        return self.order_by("-opens_on", "-pk")

    def open_on(self, day):
        """Drafts taking comments on `day` (a local date)."""
        return self.filter(opens_on__lte=day, closes_on__gte=day)


class Draft(models.Model):
    class State(models.TextChoices):
        UPCOMING = "sap-mo", _("Sắp lấy ý kiến")
        OPEN = "dang-mo", _("Đang lấy ý kiến")
        CLOSED = "da-dong", _("Đã hết thời gian lấy ý kiến")

    site = site_field("drafts")
    title = models.CharField(_("tên dự thảo"), max_length=300)
    slug = models.SlugField(_("đường dẫn"), max_length=200, blank=True)
    summary = models.TextField(
        _("tóm tắt"), help_text=_("Nội dung chính của dự thảo và những điểm cần góp ý."),
    )
    opens_on = models.DateField(_("ngày bắt đầu lấy ý kiến"))
    closes_on = models.DateField(_("ngày kết thúc lấy ý kiến"), help_text=_("Nhận ý kiến đến hết ngày này."))
    agency = models.CharField(
        _("cơ quan tiếp nhận ý kiến"), max_length=200,
        help_text=_("Ví dụ: Văn phòng HĐND và UBND xã Bến Lức"),
    )
    agency_contact = models.CharField(
        _("địa chỉ, điện thoại, e-mail tiếp nhận"), max_length=300, blank=True,
    )
    responses_summary = models.TextField(
        _("tổng hợp ý kiến"), blank=True,
        help_text=_("Báo cáo tổng hợp, tiếp thu, giải trình ý kiến; hiển thị khi đã hết thời gian lấy ý kiến."),
    )
    is_published = models.BooleanField(_("công bố"), default=True)
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    objects = DraftQuerySet.as_manager()

    class Meta:
        verbose_name = _("dự thảo lấy ý kiến")
        verbose_name_plural = _("dự thảo lấy ý kiến")
        ordering = ["-opens_on", "-pk"]
        indexes = [models.Index(fields=["site", "is_published", "opens_on"], name="draft_public_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")), name="draft_closes_after_opening",
                violation_error_message=_("Ngày kết thúc phải từ ngày bắt đầu trở đi."),
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            scope = Draft._default_manager.filter(site_id=self.site_id)
            self.slug = unique_slug(self, self.title, scope=scope, max_length=200)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("consultations:detail", args=[self.slug, self.pk])

    def get_comment_url(self):
        return reverse("consultations:comment", args=[self.slug, self.pk])

    @property
    def opens_at(self):
        return local_midnight(self.opens_on)

    @property
    def closes_at(self):
        """The first moment comments are no longer taken: 00:00 after the closing day."""
        return local_midnight(self.closes_on + timedelta(days=1))

    def state(self, now=None):
        now = now or timezone.now()
        if now < self.opens_at:
            return self.State.UPCOMING
        return self.State.OPEN if now < self.closes_at else self.State.CLOSED

    def is_open(self, now=None):
        return self.state(now) == self.State.OPEN

    def next_change(self, now=None):
        """When this draft's state next changes (opening or closing), or None."""
        now = now or timezone.now()
        return next((moment for moment in (self.opens_at, self.closes_at) if moment > now), None)


def draft_file_path(instance, filename):
    draft = instance.draft
    return stored_name("du-thao", draft.site, draft.opens_on.year, filename)


class DraftAttachment(AttachedFile):
    """A file of a draft (the draft text, an explanatory report, a comparison table…)."""

    draft = models.ForeignKey(Draft, verbose_name=_("dự thảo"), on_delete=models.CASCADE,
                              related_name="attachments")
    file = models.FileField(_("tệp"), upload_to=draft_file_path, max_length=255)

    url_name = "consultations:file"

    class Meta(AttachedFile.Meta):
        abstract = False

    def owning_site_id(self):
        return Draft._default_manager.filter(pk=self.draft_id).values_list("site_id", flat=True).first()


class DraftCommentQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=Comment.Status.APPROVED)

    def pending(self):
        return self.filter(status=Comment.Status.PENDING)

    def moderate(self, status, user, now=None):
        """Bulk decision (admin actions): status plus who decided and when."""
        return self.update(status=status, moderated_by=user, moderated_at=now or timezone.now())


class DraftComment(models.Model):
    """A reader's comment on a draft: the article comment's fields, statuses and rules."""

    Status = Comment.Status

    draft = models.ForeignKey(Draft, verbose_name=_("dự thảo"), on_delete=models.CASCADE,
                              related_name="comments")
    name = models.CharField(_("họ tên"), max_length=NAME_MAX_LENGTH)
    email = models.EmailField(_("e-mail"), help_text=_("Không bao giờ hiển thị công khai."))
    body = models.CharField(_("nội dung"), max_length=BODY_MAX_LENGTH)
    status = models.CharField(_("trạng thái"), max_length=10, choices=Comment.Status.choices,
                              default=Comment.Status.PENDING)
    created_at = models.DateTimeField(_("gửi lúc"), default=timezone.now, editable=False)
    ip = models.GenericIPAddressField(_("địa chỉ IP"), null=True, blank=True, editable=False)
    user_agent = models.CharField(_("trình duyệt"), max_length=300, blank=True, editable=False)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người duyệt"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+", editable=False,
    )
    moderated_at = models.DateTimeField(_("duyệt lúc"), null=True, blank=True, editable=False)
    flags = models.JSONField(_("lý do giữ lại"), default=list, blank=True, editable=False)

    objects = DraftCommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("ý kiến góp ý dự thảo")
        verbose_name_plural = _("ý kiến góp ý dự thảo")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["draft", "status", "created_at"], name="draftcomment_public_idx"),
            models.Index(fields=["status", "created_at"], name="draftcomment_queue_idx"),
        ]

    def __str__(self):
        excerpt = self.body if len(self.body) <= 60 else self.body[:59] + "…"
        return f"{self.name}: {excerpt}"

    def save(self, *args, **kwargs):
        self.name = nfc(self.name).strip()
        self.body = nfc(self.body).strip()
        super().save(*args, **kwargs)

    def owning_site_id(self):
        return Draft._default_manager.filter(pk=self.draft_id).values_list("site_id", flat=True).first()

    def moderate(self, status, user, now=None):
        self.status = status
        self.moderated_by = user
        self.moderated_at = now or timezone.now()
        self.save(update_fields=["status", "moderated_by", "moderated_at"])
