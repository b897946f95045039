"""Privacy housekeeping (`purge_comment_ips`) and the demo comments."""

from datetime import datetime, timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from comments.models import Comment, ModerationRule

NOW = timezone.make_aware(datetime(2026, 3, 1, 9, 0))


@pytest.fixture
def aged_comments(make_comment):
    """Comments sent 10, 89, 91 and 400 days before NOW, each with an IP and a browser string."""
    return {
        days: make_comment(created_at=NOW - timedelta(days=days), ip="203.0.113.7", user_agent="Firefox")
        for days in (10, 89, 91, 400)
    }


def _purge(*args):
    out = StringIO()
    with time_machine.travel(NOW, tick=False):
        call_command("purge_comment_ips", *args, stdout=out)
    return out.getvalue()


def test_purge_erases_ips_older_than_the_retention_period(aged_comments, settings):
    settings.COMMENTS = {**settings.COMMENTS, "IP_RETENTION_DAYS": 90}
    output = _purge()
    assert output.strip() == "Đã xóa địa chỉ IP của 2 ý kiến gửi trước 90 ngày."
    for days, comment in aged_comments.items():
        comment.refresh_from_db()
        kept = days < 90
        assert (comment.ip == "203.0.113.7") is kept
        assert (comment.user_agent == "Firefox") is kept
        assert comment.body  # the comment itself stays


def test_purge_days_option_and_idempotence(aged_comments):
    assert "3 ý kiến" in _purge("--days", "30")
    assert "0 ý kiến" in _purge("--days", "30")
    assert Comment.objects.filter(ip__isnull=False).get() == aged_comments[10]


def test_purge_refuses_negative_days(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        _purge("--days", "-1")


def test_load_demo_creates_comments_in_every_state_once(db):
    call_command("load_demo", force=True, stdout=StringIO())
    statuses = set(Comment.objects.values_list("status", flat=True))
    assert statuses == {"pending", "approved", "rejected", "spam"}
    assert Comment.objects.filter(is_staff_reply=True, status="approved").exists()
    conference = Comment.objects.filter(article__title__startswith="Bến Lức: Hội nghị đánh giá")
    assert conference.count() >= 6
    assert any(c.flags for c in Comment.objects.filter(status="pending"))  # why they were held
    decided = Comment.objects.exclude(status="pending")
    assert not decided.filter(moderated_at__isnull=True).exists()
    assert ModerationRule.objects.count() == 4
    counts = (Comment.objects.count(), ModerationRule.objects.count())
    call_command("load_demo", force=True, stdout=StringIO())
    assert (Comment.objects.count(), ModerationRule.objects.count()) == counts
