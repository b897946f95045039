"""Moderators get a digest: at most one e-mail per site every COMMENTS_DIGEST_SECONDS."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from articles import roles
from comments import digest
from comments.models import Comment
from sites.models import Membership


def _post(client, block_url, comment_data, n, **fields):
    # One address per post: the rate limit is not what this is about.
    response = client.post(block_url, comment_data(**fields), REMOTE_ADDR=f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}")
    assert response.status_code == 201
    return response


def test_five_hundred_pending_comments_make_two_emails(client, article, block_url, comment_data, moderator, mailoutbox, django_capture_on_commit_callbacks):
    start = timezone.now()
    with time_machine.travel(start, tick=True):
        for n in range(500):
            with django_capture_on_commit_callbacks(execute=True):  # each post commits
                _post(client, block_url, comment_data, n, body=f"Ý kiến số {n} về đường giao thông nông thôn.")
    # The first comment is told at once; the other 499 wait for the interval to end.
    assert len(mailoutbox) == 1
    assert mailoutbox[0].subject == f"[{article.site.name}] 1 ý kiến mới chờ duyệt: {article.title}"
    with time_machine.travel(start + timedelta(seconds=301), tick=False):
        assert digest.send_digest(article.site_id) is None
    assert len(mailoutbox) == 2
    second = mailoutbox[1]
    assert second.subject == f"[{article.site.name}] 499 ý kiến mới chờ duyệt"
    assert "499 ý kiến mới đang chờ duyệt" in second.body and "tổng cộng 500" in second.body
    assert second.body.count("Duyệt: http://testserver/admin/comments/comment/") == digest.LISTED
    assert f"… và {499 - digest.LISTED} ý kiến khác." in second.body
    assert "http://testserver/admin/comments/comment/?status__exact=pending" in second.body
    # Every comment listed once, and nothing left to send.
    assert not Comment.objects.filter(digested_at__isnull=True).exists()
    with time_machine.travel(start + timedelta(seconds=700), tick=False):
        assert digest.send_digest(article.site_id) is None
    assert len(mailoutbox) == 2


def test_a_digest_is_due_only_after_the_interval(article, make_comment, moderator, mailoutbox, settings):
    settings.COMMENTS = {**settings.COMMENTS, "DIGEST_SECONDS": 300}
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        make_comment(status="pending")
        assert digest.send_digest(article.site_id) is None
        make_comment(status="pending", body="Ý kiến đến sau.")
        assert digest.send_digest(article.site_id) == 300
    with time_machine.travel(start + timedelta(seconds=120), tick=False):
        assert digest.send_digest(article.site_id) == 180
    assert len(mailoutbox) == 1
    with time_machine.travel(start + timedelta(seconds=300), tick=False):
        assert digest.send_digest(article.site_id) is None
    assert len(mailoutbox) == 2 and "Ý kiến đến sau." in mailoutbox[1].body


def test_approved_before_the_digest_is_not_listed(article, make_comment, moderator, mailoutbox):
    make_comment(status="approved")
    assert digest.send_digest(article.site_id) is None
    assert mailoutbox == []


def test_each_site_tells_its_own_moderators_with_its_own_address(client, site_content, comment_data, django_user_model, mailoutbox, django_capture_on_commit_callbacks):
    moderators = Group.objects.get(name=roles.MODERATOR)
    for key in ("portal", "commune"):
        user = django_user_model.objects.create_user(f"kiemduyet-{key}", f"kiemduyet-{key}@example.com", "x", is_staff=True)
        Membership.objects.create(user=user, site=site_content[key]["site"], role=moderators)
    commune = site_content["commune"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("comments:block", args=[commune["article"].pk]),
            comment_data(commune["article"], body="Ý kiến về tin của xã."),
            HTTP_HOST=commune["site"].host,
        )
    assert response.status_code == 201
    [message] = mailoutbox
    assert message.to == ["kiemduyet-commune@example.com"]
    assert message.subject.startswith(f"[{commune['site'].name}] 1 ý kiến")
    comment = Comment.objects.get()
    assert f"https://{commune['site'].host}/admin/comments/comment/{comment.pk}/change/" in message.body
    assert "Ý kiến về tin của xã." in message.body
