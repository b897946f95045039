"""Citizens' questions (hỏi đáp): sent from the public site, answered by the site's staff.

A citizen gets a tracking code (`code`) to follow their question; it is the only way to see an
unpublished question from outside, so it is random, long enough not to be guessed, and free of
letters that are read or written alike (0/O, 1/I/L). Staff assign, answer and choose whether
to publish; published answers are listed and searchable on `/hoi-dap/`.
"""

import secrets
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from benluc.text import index_text
from sites.models import Site

from .deadlines import answer_due

# 29 symbols, none easily mistaken for another when read aloud or copied by hand: no 0/O,
# 1/I/L, U/V. 29^8 ≈ 5 × 10^11 codes, against a few thousand questions a year and a rate limit.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTWXYZ23456789"
CODE_LENGTH = 8
BODY_MAX_LENGTH = 3000
NAME_MAX_LENGTH = 80


def new_code():
    """A fresh tracking code, e.g. `K7MXR4PA`."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(value):
    """What a citizen typed (`k7mx-r4pa`, ` K7MX R4PA `) → `K7MXR4PA`, or "" if it cannot be one."""
    value = "".join(ch for ch in (value or "")[:40].upper() if ch not in " -.\t")
    if len(value) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in value):
        return ""
    return value


def holidays():
    """Public holidays skipped by the deadline (settings.QUESTION_HOLIDAYS)."""
    return frozenset(settings.QUESTION_HOLIDAYS)


class Field(models.TextChoices):
    """Lĩnh vực: the subject a question is about (as the portals' Q&A pages offer)."""

    LAND = "dat-dai", _("Đất đai")
    BUILDING = "xay-dung", _("Xây dựng, quy hoạch")
    CIVIL = "ho-tich", _("Hộ tịch, chứng thực")
    SOCIAL = "chinh-sach", _("Lao động, chính sách xã hội")
    BUSINESS = "kinh-doanh", _("Đăng ký kinh doanh")
    ENVIRONMENT = "moi-truong", _("Tài nguyên, môi trường")
    EDUCATION = "giao-duc", _("Giáo dục")
    HEALTH = "y-te", _("Y tế, bảo hiểm")
    AGRICULTURE = "nong-nghiep", _("Nông nghiệp")
    OTHER = "khac", _("Khác")


class QuestionQuerySet(models.QuerySet):
    def for_site(self, site):
        return self.filter(site=site)

    def published(self):
        """Answered questions the site chose to publish: what every public page shows."""
        return self.filter(is_published=True, status=Question.Status.ANSWERED)

    def open(self):
        """Still waiting for an answer."""
        return self.filter(status__in=[Question.Status.RECEIVED, Question.Status.ASSIGNED])

    def overdue(self, today=None):
        return self.open().filter(due_on__lt=today or timezone.localdate())

    def due_soon(self, today=None, days=3):
        today = today or timezone.localdate()
        return self.open().filter(due_on__gte=today, due_on__lte=today + timezone.timedelta(days=days))

    def matching(self, query_words):
        """Questions whose folded text has every word (whole words, as article search)."""
        queryset = self
        for word in query_words:
            queryset = queryset.filter(search_text__contains=f" {word} ")
        return queryset

    def newest_answers_first(self):
        return self.order_by("-answered_at", "-pk")


class Question(models.Model):
    class Status(models.TextChoices):
        RECEIVED = "received", _("Mới tiếp nhận")
        ASSIGNED = "assigned", _("Đang xử lý")
        ANSWERED = "answered", _("Đã trả lời")
        DECLINED = "declined", _("Không thuộc phạm vi trả lời")
        SPAM = "spam", _("Thư rác")

    site = models.ForeignKey(Site, verbose_name=_("trang"), on_delete=models.PROTECT, related_name="questions")
    code = models.CharField(_("mã tra cứu"), max_length=CODE_LENGTH, unique=True, editable=False)
    name = models.CharField(_("người hỏi"), max_length=NAME_MAX_LENGTH)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=200, blank=True)
    field = models.CharField(_("lĩnh vực"), max_length=20, choices=Field.choices)
    title = models.CharField(
        _("tiêu đề"), max_length=200, blank=True,
        help_text=_("Tiêu đề khi đăng công khai; để trống thì dùng phần đầu câu hỏi."),
    )
    body = models.TextField(
        _("câu hỏi"),
        help_text=_("Có thể bỏ thông tin cá nhân (số điện thoại, số giấy tờ) trước khi đăng công khai."),
    )
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.RECEIVED)
    flags = models.JSONField(_("lý do cần xem"), default=list, blank=True, editable=False)
    received_at = models.DateTimeField(_("ngày nhận"), default=timezone.now, editable=False)
    due_on = models.DateField(_("hạn trả lời"), editable=False)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người xử lý"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="assigned_questions",
    )
    answer = models.TextField(_("trả lời"), blank=True)
    answered_by_office = models.CharField(
        _("cơ quan trả lời"), max_length=200, blank=True,
        help_text=_("Ví dụ: Phòng Kinh tế xã Bến Lức"),
    )
    answered_at = models.DateTimeField(_("ngày trả lời"), null=True, blank=True, editable=False)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người trả lời"), on_delete=models.SET_NULL,
        null=True, blank=True, editable=False, related_name="answered_questions",
    )
    is_published = models.BooleanField(_("đăng công khai"), default=False)
    # Title, question and answer, folded as article search folds (benluc.text.index_text),
    # with a space at each end so a whole word matches as " word ".
    search_text = models.TextField(blank=True, editable=False)
    # Kept for abuse handling, as comments keep theirs.
    ip = models.GenericIPAddressField(_("địa chỉ IP"), null=True, blank=True, editable=False)
    user_agent = models.CharField(max_length=300, blank=True, editable=False)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        verbose_name = _("câu hỏi")
        verbose_name_plural = _("hỏi đáp")
        ordering = ["-received_at"]
        indexes = [
            models.Index(fields=["site", "status", "due_on"], name="question_queue"),
            models.Index(
                fields=["site", "-answered_at"], condition=Q(is_published=True),
                name="question_published",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(email="", phone=""), name="question_has_contact",
                violation_error_message=_("Cần có e-mail hoặc số điện thoại của người hỏi."),
            ),
        ]

    def __str__(self):
        return self.display_title

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._was_published = instance.is_published
        return instance

    @property
    def display_title(self):
        if self.title:
            return self.title
        words = self.body.split()
        return " ".join(words[:16]) + ("…" if len(words) > 16 else "")

    @property
    def display_code(self):
        """`K7MX-R4PA`: easier to read aloud and to copy."""
        return f"{self.code[:4]}-{self.code[4:]}" if self.code else ""

    @property
    def is_open(self):
        return self.status in (self.Status.RECEIVED, self.Status.ASSIGNED)

    def is_overdue(self, today=None):
        return self.is_open and self.due_on < (today or timezone.localdate())

    def save(self, *args, **kwargs):
        if not self.code:
            self.code = new_code()
            while Question.objects.filter(code=self.code).exists():
                self.code = new_code()
        if self.due_on is None:
            received = timezone.localdate(self.received_at)
            self.due_on = answer_due(received, holidays())
        if self.answer.strip() and self.status in (self.Status.RECEIVED, self.Status.ASSIGNED):
            self.status = self.Status.ANSWERED
        if self.status == self.Status.ANSWERED and self.answered_at is None:
            self.answered_at = timezone.now()
        self.search_text = f" {index_text(' '.join([self.title, self.body, self.answer]))} "
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("questions:detail", args=[self.pk])

    def tracking_url(self):
        return reverse("questions:track") + f"?ma={self.code}"

