"""Hand-over between reporters and editors: what a save did, who is told."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from articles import roles
from articles.models import Article
from benluc.mail import send_in_background

from .history import local

Status = Article.Status


def outcome(article, previous_status, created=False):
    """The message a save deserves: what happened to the article, in words."""
    title = f"“{article.title}”"
    status = article.status
    if status == Status.PUBLISHED:
        if not article.is_public:
            return f"Đã hẹn giờ xuất bản bài {title} lúc {local(article.publish_at)}."
        if previous_status != Status.PUBLISHED:
            return f"Đã xuất bản bài {title} lúc {local(article.publish_at)}."
        return f"Đã cập nhật bài {title} trên trang công khai."
    if previous_status == Status.PUBLISHED:
        return f"Đã gỡ bài {title} khỏi trang công khai ({article.get_status_display().lower()})."
    if status == Status.REVIEW:
        if previous_status != Status.REVIEW:
            return f"Đã gửi bài {title} cho biên tập viên duyệt."
        return f"Đã lưu bài {title} (đang chờ duyệt)."
    if status == Status.RETURNED:
        if previous_status != Status.RETURNED:
            return f"Đã trả bài {title} cho phóng viên kèm ghi chú."
        return f"Đã lưu bài {title} (đã trả lại phóng viên)."
    if status == Status.ARCHIVED:
        return f"Đã chuyển bài {title} vào lưu trữ."
    return f"Đã {'tạo' if created else 'lưu'} bản nháp {title}."


def editor_emails(site_id):
    """Addresses of the active editors of the site."""
    users = get_user_model().objects.filter(
        is_active=True, memberships__site_id=site_id, memberships__role__name=roles.EDITOR
    )
    return sorted(set(users.exclude(email="").values_list("email", flat=True)))


def submitted_notice(article, by):
    """The e-mail telling editors that `article` waits for them."""
    recipients = editor_emails(article.site_id)
    if not recipients:
        return None
    url = settings.SITE_URL + reverse("admin:articles_article_change", args=[article.pk])
    queue = settings.SITE_URL + reverse("admin:articles_article_changelist") + "?status__exact=review"
    who = by.get_full_name() or by.get_username()
    body = "\n".join([
        f"{who} vừa gửi bài viết chờ duyệt lúc {local(timezone.now())}:",
        "",
        article.title,
        "",
        article.sapo,
        "",
        f"Duyệt bài: {url}",
        f"Các bài chờ duyệt: {queue}",
    ])
    return EmailMessage(
        subject=f"[{settings.SITE_NAME}] Bài chờ duyệt: {article.title}"[:200], body=body, to=recipients
    )


def notify_editors_after_commit(article, by):
    """E-mail the editors once the submission is committed, outside the request."""
    def send():
        message = submitted_notice(article, by)
        if message is not None:
            send_in_background(message)

    transaction.on_commit(send)
