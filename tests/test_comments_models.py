"""The Comment model and its QuerySet."""

import unicodedata

import pytest
from django.db import connection
from django.utils import timezone

from comments.models import Comment


def test_body_and_name_are_stored_nfc(make_comment):
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Ếch: ý kiến rất hay")
    comment = make_comment(name=decomposed, body=decomposed)
    comment.refresh_from_db()
    assert comment.body == unicodedata.normalize("NFC", decomposed)
    assert comment.name == unicodedata.normalize("NFC", decomposed)


def test_500_decomposed_characters_fit_the_column(make_comment):
    """500 “ế” typed decomposed are 1,500 code points before NFC, 500 after."""
    comment = make_comment(body=unicodedata.normalize("NFD", "ế" * 500))
    comment.refresh_from_db()
    assert len(comment.body) == 500


def test_a_reply_to_a_reply_attaches_to_the_top_level_comment(make_comment):
    top = make_comment()
    reply = make_comment(parent=top)
    answer = make_comment(parent=reply)
    assert answer.parent_id == top.pk
    assert set(top.replies.all()) == {reply, answer}


@pytest.mark.parametrize(
    "status, approved, pending",
    [("pending", False, True), ("approved", True, False), ("rejected", False, False), ("spam", False, False)],
)
def test_queryset_approved_and_pending(make_comment, status, approved, pending):
    comment = make_comment(status=status)
    assert (comment in Comment.objects.approved()) is approved
    assert (comment in Comment.objects.pending()) is pending
    # Chainable both ways.
    assert (comment in Comment.objects.filter(article=comment.article).approved()) is approved


def test_visible_hides_replies_under_a_comment_that_is_not_approved(make_comment):
    top = make_comment(status="pending")
    reply = make_comment(parent=top, status="approved")
    assert reply not in Comment.objects.visible()
    top.moderate(Comment.Status.APPROVED, None)
    assert reply in Comment.objects.visible()


def test_threads_newest_first_with_replies_oldest_first(article, make_comment):
    first = make_comment(created_at=timezone.now() - timezone.timedelta(hours=3))
    second = make_comment(created_at=timezone.now() - timezone.timedelta(hours=2))
    late_reply = make_comment(parent=first, created_at=timezone.now())
    early_reply = make_comment(parent=first, created_at=timezone.now() - timezone.timedelta(hours=1))
    make_comment(parent=first, status="pending")
    threads = list(Comment.objects.filter(article=article).threads())
    assert threads == [second, first]
    assert threads[1].visible_replies == [early_reply, late_reply]
    assert list(Comment.objects.filter(article=article).threads(oldest_first=True)) == [first, second]


def test_moderate_records_who_and_when(make_comment, moderator):
    comment = make_comment(status="pending")
    comment.moderate(Comment.Status.APPROVED, moderator)
    comment.refresh_from_db()
    assert comment.status == "approved"
    assert comment.moderated_by == moderator
    assert (timezone.now() - comment.moderated_at).total_seconds() < 5


def test_bulk_moderate_records_who_and_when(make_comment, moderator):
    comments = [make_comment(status="pending") for _ in range(3)]
    assert Comment.objects.filter(pk__in=[c.pk for c in comments]).moderate("spam", moderator) == 3
    assert set(Comment.objects.values_list("status", "moderated_by")) == {("spam", moderator.pk)}
    assert not Comment.objects.filter(moderated_at__isnull=True).exists()


def test_public_list_index_exists(db):
    from comments.models import Comment as Model

    assert any(
        index.fields == ["article", "status", "created_at"] for index in Model._meta.indexes
    )
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, Model._meta.db_table)
    assert "comment_public_idx" in constraints


def test_str_is_name_and_excerpt(make_comment):
    assert str(make_comment(name="Lan", body="Rất hay")) == "Lan: Rất hay"
    assert str(make_comment(name="Lan", body="x" * 100)).endswith("…")


def test_absolute_url_points_at_the_comment_on_the_article(article, make_comment):
    comment = make_comment()
    assert comment.get_absolute_url() == f"{article.get_absolute_url()}#y-kien-{comment.pk}"


@pytest.mark.parametrize(
    "second, allowed",
    [
        ({"email": "AN@example.com", "ip": "198.51.100.2"}, False),  # same e-mail (any case)
        ({"email": "khac@example.com", "ip": "203.0.113.5"}, False),  # same address
        ({"email": "khac@example.com", "ip": "198.51.100.2"}, True),  # another sender
        ({"email": "an@example.com", "ip": "203.0.113.5", "fingerprint": None}, True),  # no fingerprint
    ],
)
def test_one_text_from_one_sender_is_one_row(make_comment, second, allowed):
    from django.db import IntegrityError, transaction

    from comments.moderation import fingerprint

    text = fingerprint("Bài viết hay.")
    make_comment(email="an@example.com", ip="203.0.113.5", fingerprint=text)
    fields = {"fingerprint": text, **second}
    if allowed:
        make_comment(**fields)
    else:
        with pytest.raises(IntegrityError), transaction.atomic():
            make_comment(**fields)
