"""The moderators' digest: at most one e-mail per site every COMMENTS_DIGEST_SECONDS.

A new pending comment asks for a digest after its transaction commits
(`digest_soon`). One background thread per site and process does the work, however
many comments arrive: it sends at once if the site's last digest is older than the
interval, otherwise it sleeps until the interval is over and sends one e-mail
listing everything that arrived meanwhile. Which process sends is decided in the
database (`ModeratorDigest`, one row per site, locked while deciding), so several
gunicorn processes or machines still send one e-mail per interval. No cron job, no
worker process.

Each comment is listed once (`Comment.digested_at`). If a process stops while it
waits, the comments it would have listed go out with the site's next digest, and
they wait in the admin's queue in any case.
"""

import logging
import threading
import time
from datetime import timedelta

from django.db import connections, transaction
from django.urls import reverse
from django.utils import timezone

from .models import Comment, ModeratorDigest

logger = logging.getLogger(__name__)

# Comments listed one by one in a digest; the rest are counted, with the queue's link.
LISTED = 50


def conf(name):
    from .moderation import conf as comments_conf

    return comments_conf(name)


def moderator_emails(site_id=None):
    """Addresses of the active moderators (of one site, if given) and COMMENTS_NOTIFY_EMAILS."""
    from django.contrib.auth import get_user_model

    from articles import roles

    members = get_user_model().objects.filter(is_active=True, memberships__role__name=roles.MODERATOR)
    if site_id is not None:
        members = members.filter(memberships__site_id=site_id)
    members = members.exclude(email="").values_list("email", flat=True)
    return sorted(set(members) | set(conf("NOTIFY_EMAILS")))


def _excerpt(text, length=200):
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1] + "…"


def digest_message(site, comments, total_pending):
    """The digest e-mail for `site` listing `comments` (newest last); None without recipients."""
    from django.core.mail import EmailMessage

    recipients = moderator_emails(site.pk)
    if not recipients:
        return None
    queue_url = site.absolute(reverse("admin:comments_comment_changelist") + "?status__exact=pending")
    count = len(comments)
    lines = [
        f"{count} ý kiến mới đang chờ duyệt trên {site.name} "
        f"(tổng cộng {total_pending} ý kiến chờ duyệt).",
        "",
    ]
    for comment in comments[:LISTED]:
        lines += [
            f"• {comment.name} — bài “{comment.article.title}”",
            f"  {_excerpt(comment.body)}",
        ]
        if comment.flags:
            lines.append("  Lý do giữ lại: " + "; ".join(comment.flags))
        lines += [
            "  Duyệt: " + site.absolute(reverse("admin:comments_comment_change", args=[comment.pk])),
            "",
        ]
    if count > LISTED:
        lines += [f"… và {count - LISTED} ý kiến khác.", ""]
    lines.append(f"Hàng đợi chờ duyệt: {queue_url}")
    subject = f"[{site.name}] {count} ý kiến mới chờ duyệt"
    if count == 1:
        subject += f": {comments[0].article.title}"
    return EmailMessage(subject=subject[:200], body="\n".join(lines), to=recipients)


def send_digest(site_id, now=None):
    """Send `site_id`'s digest if one is due; seconds to wait before the next try, or None.

    None means nothing is left to send (sent now, or no pending comment not yet listed).
    """
    now = now or timezone.now()
    interval = timedelta(seconds=conf("DIGEST_SECONDS"))
    with transaction.atomic():
        state, _ = ModeratorDigest.objects.select_for_update().get_or_create(site_id=site_id)
        fresh = Comment.objects.pending().filter(article__site_id=site_id, digested_at__isnull=True)
        if not fresh.exists():
            return None
        if state.sent_at is not None and now < state.sent_at + interval:
            return (state.sent_at + interval - now).total_seconds()
        comments = list(
            fresh.select_related("article__site").order_by("created_at", "pk")
            .only("name", "body", "flags", "created_at", "article__title", "article__site")
        )
        Comment.objects.filter(pk__in=[c.pk for c in comments]).update(digested_at=now)
        state.sent_at = now
        state.save(update_fields=["sent_at"])
    total = Comment.objects.pending().filter(article__site_id=site_id).count()
    try:
        message = digest_message(comments[0].article.site, comments, total)
        if message is not None:
            message.send()
    except Exception:
        # The comments wait in the admin's queue either way; the next digest lists newer ones.
        logger.exception("Could not e-mail moderators their digest")
    return None


# --- One thread per site and process ---------------------------------------------------
_lock = threading.Lock()
_running = {}  # site id -> whether a comment arrived since the thread last looked


def digest_soon(site_id):
    """Ask for `site_id`'s digest (after commit); never raises, never holds up the reader."""
    if not conf("MAIL_IN_BACKGROUND"):
        _try(site_id)
        return None
    with _lock:
        if site_id in _running:
            _running[site_id] = True  # the thread at work looks again before it ends
            return None
        _running[site_id] = True
    thread = threading.Thread(target=_work, args=[site_id], daemon=True, name=f"digest-{site_id}")
    thread.start()
    return thread


def _try(site_id):
    try:
        return send_digest(site_id)
    except Exception:
        logger.exception("Could not prepare the moderators' digest")
        return None


def _work(site_id):
    try:
        while True:
            with _lock:
                if not _running[site_id]:
                    del _running[site_id]
                    return
                _running[site_id] = False
            wait = _try(site_id)
            if wait is not None:
                connections.close_all()  # no idle connection held while sleeping
                time.sleep(wait + 0.05)
                with _lock:
                    _running[site_id] = True  # the comments seen waiting are still to send
    finally:
        connections.close_all()
