"""The newsroom desk around articles: who has one open, autosaved input, notes sent back."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# A browser with an article open pings every PING_SECONDS; a session not seen
# for PRESENCE_SECONDS is over (the tab was closed or the laptop went to sleep).
PING_SECONDS = 30
PRESENCE_SECONDS = 90


class EditSessionQuerySet(models.QuerySet):
    def present(self, now=None):
        """Sessions whose browser pinged recently."""
        return self.filter(seen_at__gte=(now or timezone.now()) - timedelta(seconds=PRESENCE_SECONDS))

    def of(self, user, article_id):
        """`user`'s session on the article (None: a new, unsaved article)."""
        return self.filter(user=user, article_id=article_id)


class EditSession(models.Model):
    """One person's form on one article: presence (seen_at) and autosaved input.

    In the database, so every app server sees the same sessions. The autosave
    is the form's fields as posted, kept apart from the article: it never
    publishes anything and makes no revision; the form is rebuilt from it when
    its owner comes back.
    """

    article = models.ForeignKey(
        "articles.Article", verbose_name=_("bài viết"), on_delete=models.CASCADE,
        null=True, blank=True, related_name="edit_sessions",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người sửa"), on_delete=models.CASCADE,
        related_name="+",
    )
    opened_at = models.DateTimeField(_("mở lúc"), default=timezone.now)
    seen_at = models.DateTimeField(_("lần cuối"), default=timezone.now)
    form_data = models.JSONField(_("nội dung tự lưu"), null=True, blank=True)
    autosaved_at = models.DateTimeField(_("tự lưu lúc"), null=True, blank=True)

    objects = EditSessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("phiên sửa bài")
        verbose_name_plural = _("phiên sửa bài")
        indexes = [models.Index(fields=["article", "seen_at"], name="edit_session_presence_idx")]
        constraints = [
            models.UniqueConstraint(fields=["article", "user"], name="edit_session_once"),
        ]

    def __str__(self):
        return f"{self.user} – {self.article_id or 'bài mới'}"


class ReviewNote(models.Model):
    """What an editor wrote when sending an article back to its reporter."""

    article = models.ForeignKey(
        "articles.Article", verbose_name=_("bài viết"), on_delete=models.CASCADE,
        related_name="review_notes",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("biên tập viên"), on_delete=models.SET_NULL,
        null=True, related_name="+",
    )
    text = models.TextField(_("ghi chú"))
    created_at = models.DateTimeField(_("lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("ghi chú trả bài")
        verbose_name_plural = _("ghi chú trả bài")
        ordering = ["-created_at", "-pk"]
        get_latest_by = "created_at"

    def __str__(self):
        return self.text[:60]
