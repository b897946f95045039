"""Readers' comments and the word lists that moderate them."""

import unicodedata

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

BODY_MAX_LENGTH = 500
NAME_MAX_LENGTH = 80
NEWSROOM_NAME = "Ban biên tập"


def nfc(text):
    """NFC-normalised text: what we store, count and compare."""
    return unicodedata.normalize("NFC", text or "")


class CommentQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=Comment.Status.APPROVED)

    def pending(self):
        return self.filter(status=Comment.Status.PENDING)

    def visible(self):
        """What the public sees: approved, and (for a reply) under an approved comment."""
        return self.approved().filter(
            Q(parent__isnull=True) | Q(parent__status=Comment.Status.APPROVED)
        )

    def threads(self, oldest_first=False):
        """Approved top-level comments with their visible replies (oldest first) prefetched."""
        order = ["created_at", "pk"] if oldest_first else ["-created_at", "-pk"]
        # What the public never sees is not even loaded.
        private = ["email", "ip", "user_agent", "flags"]
        replies = Comment.objects.approved().order_by("created_at", "pk").defer(*private)
        return (
            self.approved()
            .filter(parent__isnull=True)
            .defer(*private)
            .order_by(*order)
            .prefetch_related(models.Prefetch("replies", queryset=replies, to_attr="visible_replies"))
        )

    def moderate(self, status, user, now=None):
        """Bulk decision (admin actions): status plus who decided and when."""
        return self.update(status=status, moderated_by=user, moderated_at=now or timezone.now())


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Chờ duyệt")
        APPROVED = "approved", _("Đã duyệt")
        REJECTED = "rejected", _("Từ chối")
        SPAM = "spam", _("Thư rác")

    article = models.ForeignKey(
        "articles.Article", verbose_name=_("bài viết"), on_delete=models.CASCADE,
        related_name="comments",
    )
    # One level of replies: a reply to a reply is attached to the top-level comment.
    parent = models.ForeignKey(
        "self", verbose_name=_("trả lời ý kiến"), on_delete=models.CASCADE, null=True,
        blank=True, related_name="replies",
    )
    name = models.CharField(_("họ tên"), max_length=NAME_MAX_LENGTH)
    email = models.EmailField(_("e-mail"), help_text=_("Không bao giờ hiển thị công khai."))
    body = models.CharField(_("nội dung"), max_length=BODY_MAX_LENGTH)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("gửi lúc"), default=timezone.now, editable=False)
    ip = models.GenericIPAddressField(
        _("địa chỉ IP"), null=True, blank=True, editable=False,
        help_text=_("Giữ để xử lý lạm dụng; tự xóa sau thời hạn lưu trữ."),
    )
    user_agent = models.CharField(_("trình duyệt"), max_length=300, blank=True, editable=False)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người duyệt"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+", editable=False,
    )
    moderated_at = models.DateTimeField(_("duyệt lúc"), null=True, blank=True, editable=False)
    flags = models.JSONField(
        _("lý do giữ lại"), default=list, blank=True, editable=False,
        help_text=_("Các quy tắc kiểm duyệt đã áp dụng cho ý kiến này."),
    )
    is_staff_reply = models.BooleanField(_("trả lời của Ban biên tập"), default=False, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("tài khoản"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="comments", editable=False,
    )

    # sha256 of the text folded for comparison (comments.moderation.fingerprint), set on
    # comments posted by readers: the unique constraints below keep concurrent copies of
    # one comment from one sender to a single row. Empty (NULL) never conflicts.
    fingerprint = models.CharField(max_length=64, null=True, blank=True, editable=False)

    # When a moderators' digest listed this comment (comments/digest.py); each is listed once.
    digested_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("ý kiến bạn đọc")
        verbose_name_plural = _("ý kiến bạn đọc")
        ordering = ["-created_at", "-pk"]
        get_latest_by = "created_at"
        permissions = [("reply_comment", _("Có thể trả lời ý kiến với danh nghĩa Ban biên tập"))]
        indexes = [
            models.Index(fields=["article", "status", "created_at"], name="comment_public_idx"),
            models.Index(fields=["status", "created_at"], name="comment_queue_idx"),
        ]
        constraints = [
            # The same text from the same sender (e-mail, or address) once per article.
            models.UniqueConstraint(
                Lower("email"), "article", "fingerprint", name="comment_once_per_email"
            ),
            models.UniqueConstraint(
                fields=["article", "fingerprint", "ip"], name="comment_once_per_ip"
            ),
        ]

    def __str__(self):
        excerpt = self.body if len(self.body) <= 60 else self.body[:59] + "…"
        return f"{self.name}: {excerpt}"

    def save(self, *args, **kwargs):
        self.name = nfc(self.name).strip()
        self.body = nfc(self.body).strip()
        if self.parent_id and self.parent.parent_id:
            self.parent_id = self.parent.parent_id
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#y-kien-{self.pk}"

    def moderate(self, status, user, now=None):
        """Record a moderator's decision: the status, who took it and when."""
        self.status = status
        self.moderated_by = user
        self.moderated_at = now or timezone.now()
        self.save(update_fields=["status", "moderated_by", "moderated_at"])

    @property
    def display_name(self):
        return self.name or NEWSROOM_NAME


class ModerationRuleQuerySet(models.QuerySet):
    def values_by_kind(self, site_id=None):
        """{kind: [value, ...]}: the province-wide rules and those of site `site_id`.

        Every rule is read once per change via the shared cache (a few hundred
        rows at most), as {site id or None: {kind: [value, ...]}}.
        """
        from django.core.cache import cache

        everything = cache.get(ModerationRule.CACHE_KEY)
        if everything is None:
            everything = {}
            for rule_site, kind, value in self.values_list("site_id", "kind", "value"):
                everything.setdefault(rule_site, {}).setdefault(kind, []).append(value)
            # Dropped on every edit (comments/signals.py); the timeout bounds the one
            # race left: a request that read the old rows just before an edit
            # committed, storing them after the edit's delete.
            cache.set(ModerationRule.CACHE_KEY, everything, timeout=300)
        province, own = everything.get(None, {}), everything.get(site_id, {}) if site_id else {}
        return {kind: province.get(kind, []) + own.get(kind, []) for kind in ModerationRule.Kind.values}


class ModerationRule(models.Model):
    """A word, phrase, e-mail or IP address that holds or blocks a comment."""

    class Kind(models.TextChoices):
        MODERATE_WORD = "moderate", _("Từ cần duyệt (giữ lại chờ duyệt)")
        BLOCKED_WORD = "block", _("Từ bị chặn (đánh dấu thư rác)")
        BLOCKED_EMAIL = "email", _("E-mail bị chặn (đánh dấu thư rác)")
        BLOCKED_IP = "ip", _("Địa chỉ IP bị chặn (đánh dấu thư rác)")

    CACHE_KEY = "comments:rules:v2"  # v2: grouped by site

    # Empty: every site of the installation (province administrators only).
    site = models.ForeignKey(
        "sites.Site", verbose_name=_("trang"), on_delete=models.CASCADE, null=True, blank=True,
        related_name="moderation_rules",
        help_text=_("Trang áp dụng quy tắc. Để trống: áp dụng cho mọi trang (chỉ quản trị viên tỉnh)."),
    )
    kind = models.CharField(_("loại quy tắc"), max_length=10, choices=Kind.choices)
    value = models.CharField(
        _("giá trị"), max_length=200,
        help_text=_(
            "Từ hoặc cụm từ (khớp nguyên từ, không phân biệt hoa thường và dấu: “lừa đảo” "
            "bắt cả “lua dao”); e-mail đầy đủ hoặc tên miền bắt đầu bằng @ (@vidu.com); "
            "địa chỉ IP hoặc dải mạng (203.0.113.0/24)."
        ),
    )
    note = models.CharField(_("ghi chú"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)

    objects = ModerationRuleQuerySet.as_manager()

    class Meta:
        verbose_name = _("quy tắc kiểm duyệt")
        verbose_name_plural = _("quy tắc kiểm duyệt")
        ordering = ["kind", "value"]
        constraints = [
            models.UniqueConstraint(fields=["site", "kind", "value"], name="moderation_rule_once_per_site"),
            models.UniqueConstraint(
                fields=["kind", "value"], condition=Q(site__isnull=True), name="moderation_rule_once_everywhere",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.value}"

    def clean(self):
        from django.core.exceptions import ValidationError

        self.value = nfc(self.value).strip()
        if self.kind == self.Kind.BLOCKED_IP:
            import ipaddress

            try:
                ipaddress.ip_network(self.value, strict=False)
            except ValueError:
                raise ValidationError({"value": _("Địa chỉ IP hoặc dải mạng không hợp lệ.")})
        elif self.kind == self.Kind.BLOCKED_EMAIL:
            self.value = self.value.lower()
            if "@" not in self.value:
                raise ValidationError(
                    {"value": _("Nhập e-mail đầy đủ hoặc tên miền bắt đầu bằng @.")}
                )

    def save(self, *args, **kwargs):
        self.value = nfc(self.value).strip()
        if self.kind == self.Kind.BLOCKED_EMAIL:
            self.value = self.value.lower()
        super().save(*args, **kwargs)


class RateSlot(models.Model):
    """How many comments one address sent in one fixed window (comments.moderation.take_slot)."""

    ip = models.GenericIPAddressField()
    # time // COMMENTS_RATE_LIMIT_WINDOW; rows of windows before the last are deleted.
    window = models.BigIntegerField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["ip", "window"], name="rate_slot_once")]
        indexes = [models.Index(fields=["window"], name="rate_slot_window_idx")]

    def __str__(self):
        return f"{self.ip} @ {self.window}: {self.count}"


class ModeratorDigest(models.Model):
    """When a site's moderators were last sent a digest (comments/digest.py); one row per site."""

    site = models.OneToOneField("sites.Site", on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"{self.site_id}: {self.sent_at}"
