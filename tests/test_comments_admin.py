"""The moderation queue in the admin: roles, order, filters, decisions, replies."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from sites.models import Site
from comments.models import Comment, ModerationRule

CHANGELIST = "admin:comments_comment_changelist"


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator)
    return client


def _action(client, action, comments):
    return client.post(
        reverse(CHANGELIST),
        {"action": action, "_selected_action": [c.pk for c in comments]},
        follow=True,
    )


def test_moderator_sees_the_queue_pending_first(moderator_client, make_comment):
    old_pending = make_comment(status="pending", body="Chờ từ lâu", created_at=timezone.now() - timedelta(days=2))
    approved = make_comment(status="approved", body="Đã duyệt mới")
    new_pending = make_comment(status="pending", body="Chờ mới")
    response = moderator_client.get(reverse(CHANGELIST))
    assert response.status_code == 200
    # The queue opens on what waits for a decision…
    assert list(response.context["cl"].result_list) == [new_pending, old_pending]
    # …and "Tất cả" shows every comment, pending first.
    response = moderator_client.get(reverse(CHANGELIST), {"status__exact": "tat-ca"})
    assert list(response.context["cl"].result_list) == [new_pending, old_pending, approved]


def test_queue_shows_the_article_title_link_and_flags(moderator_client, article, make_comment):
    make_comment(status="pending", flags=["Có 3 liên kết (tối đa 2)"])
    content = moderator_client.get(reverse(CHANGELIST)).content.decode()
    assert article.title in content
    assert f'href="{article.get_absolute_url()}#y-kien"' in content
    assert "Có 3 liên kết (tối đa 2)" in content


@pytest.mark.parametrize(
    "query, expected",
    [
        ({"status__exact": "pending"}, {"chờ"}),
        ({"status__exact": "spam"}, {"rác"}),
        ({"q": "rác", "status__exact": "tat-ca"}, {"rác"}),
        ({"q": "an-danh@example.com"}, {"chờ"}),
        ({"created_at__gte": (timezone.now() - timedelta(days=1)).isoformat(), "status__exact": "tat-ca"},
         {"chờ", "rác"}),
    ],
)
def test_queue_filters_and_search(moderator_client, make_comment, query, expected):
    make_comment(status="pending", body="chờ", email="an-danh@example.com")
    make_comment(status="spam", body="rác")
    make_comment(status="approved", body="cũ", created_at=timezone.now() - timedelta(days=30))
    response = moderator_client.get(reverse(CHANGELIST), query)
    assert {c.body for c in response.context["cl"].result_list} == expected


def test_filter_by_article(moderator_client, make_article, make_comment):
    other = make_article(title="Bài khác")
    make_comment(body="ở bài chính")
    make_comment(target=other, body="ở bài khác")
    response = moderator_client.get(reverse(CHANGELIST), {"article__id__exact": other.pk, "status__exact": "tat-ca"})
    assert [c.body for c in response.context["cl"].result_list] == ["ở bài khác"]


@pytest.mark.parametrize(
    "action, status",
    [("approve", "approved"), ("reject", "rejected"), ("mark_spam", "spam")],
)
def test_bulk_actions_record_who_and_when(moderator_client, moderator, make_comment, action, status):
    chosen = [make_comment(status="pending") for _ in range(2)]
    untouched = make_comment(status="pending")
    response = _action(moderator_client, action, chosen)
    assert response.status_code == 200
    assert "2 ý kiến" in response.content.decode()
    for comment in chosen:
        comment.refresh_from_db()
        assert (comment.status, comment.moderated_by) == (status, moderator)
        assert comment.moderated_at is not None
    untouched.refresh_from_db()
    assert (untouched.status, untouched.moderated_by) == ("pending", None)


def test_approving_in_the_admin_shows_the_comment_at_once(moderator_client, client, article, block_url, make_comment):
    from django.test import Client

    comment = make_comment(status="pending", body="Sắp được duyệt")
    public = Client()
    assert "Ý kiến (0)" in public.get(block_url).content.decode()
    _action(moderator_client, "approve", [comment])
    content = public.get(block_url).content.decode()
    assert "Ý kiến (1)" in content and "Sắp được duyệt" in content
    moderator_client.post(
        reverse("admin:comments_comment_delete", args=[comment.pk]), {"post": "yes"}
    )
    assert "Ý kiến (0)" in public.get(block_url).content.decode()


def test_change_form_decision_records_who_and_when(moderator_client, moderator, make_comment):
    comment = make_comment(status="pending", body="Sửa chính tả gõ nhầm")
    url = reverse("admin:comments_comment_change", args=[comment.pk])
    page = moderator_client.get(url)
    assert page.status_code == 200
    assert comment.email in page.content.decode()  # e-mails are for the admin only
    response = moderator_client.post(url, {
        "status": "approved", "body": "Sửa chính tả gõ nhầm.",
        "replies-TOTAL_FORMS": "1", "replies-INITIAL_FORMS": "0",
        "replies-MIN_NUM_FORMS": "0", "replies-MAX_NUM_FORMS": "1000",
        "replies-0-body": "", "replies-0-status": "approved",
    })
    assert response.status_code == 302
    comment.refresh_from_db()
    # The decision is recorded; the reader's words are not rewritten (the posted body is ignored).
    assert (comment.status, comment.body, comment.moderated_by) == ("approved", "Sửa chính tả gõ nhầm", moderator)
    assert comment.moderated_at is not None
    assert Comment.objects.count() == 1  # the empty reply form saved nothing


def test_staff_reply_from_the_admin_is_published_as_the_newsroom(moderator_client, moderator, client, block_url, make_comment):
    question = make_comment(status="approved", body="Cho hỏi lịch tiếp dân?")
    url = reverse("admin:comments_comment_change", args=[question.pk])
    response = moderator_client.post(url, {
        "status": "approved", "body": question.body,
        "replies-TOTAL_FORMS": "1", "replies-INITIAL_FORMS": "0",
        "replies-MIN_NUM_FORMS": "0", "replies-MAX_NUM_FORMS": "1000",
        "replies-0-body": "Thứ Năm hằng tuần tại trụ sở UBND huyện.", "replies-0-status": "approved",
    })
    assert response.status_code == 302
    reply = Comment.objects.get(parent=question)
    assert (reply.is_staff_reply, reply.user, reply.name, reply.status) == (
        True, moderator, "Ban biên tập", "approved",
    )
    assert reply.moderated_by == moderator
    from django.test import Client

    content = Client().get(block_url).content.decode()
    assert "Thứ Năm hằng tuần tại trụ sở UBND huyện." in content
    assert "Tòa soạn" in content


def test_admin_index_shows_the_pending_count(moderator_client, make_comment):
    for status in ("pending", "pending", "pending", "approved", "spam"):
        make_comment(status=status)
    response = moderator_client.get(reverse("admin:index"))
    content = response.content.decode()
    assert "Ý kiến bạn đọc chờ duyệt: <strong>3</strong>" in content
    assert reverse(CHANGELIST) + "?status__exact=pending" in content


def test_admin_index_hides_the_count_from_roles_without_comments(client, reporter, make_comment):
    make_comment(status="pending")
    client.force_login(reporter)
    assert "chờ duyệt:" not in client.get(reverse("admin:index")).content.decode()


def test_moderator_can_do_nothing_else(moderator_client, article):
    assert moderator_client.get(reverse("admin:articles_article_changelist")).status_code == 403
    assert moderator_client.get(reverse("admin:articles_article_change", args=[article.pk])).status_code == 403
    assert moderator_client.get(reverse("admin:auth_user_changelist")).status_code == 403
    # No comments are made up in the admin: they come from readers.
    assert moderator_client.get(reverse("admin:comments_comment_add")).status_code == 403


@pytest.mark.parametrize("role", ["moderator", "editor"])
def test_roles_may_moderate_comments_and_edit_rules(db, request, role):
    user = request.getfixturevalue(role)
    for perm in ("view_comment", "change_comment", "delete_comment", "reply_comment",
                 "view_moderationrule", "add_moderationrule", "change_moderationrule", "delete_moderationrule"):
        assert user.has_perm(f"comments.{perm}"), perm
    assert not user.has_perm("comments.add_comment")


def test_reporter_cannot_see_comments(client, reporter):
    client.force_login(reporter)
    assert client.get(reverse(CHANGELIST)).status_code == 403


def test_rules_edited_in_the_admin_apply_at_once(moderator_client, client, block_url, comment_data):
    response = moderator_client.post(
        reverse("admin:comments_moderationrule_add"),
        {"site": Site.objects.default().pk, "kind": "block", "value": "Xổ Số", "note": "quảng cáo"},
    )
    assert response.status_code == 302
    assert ModerationRule.objects.get().value == "Xổ Số"
    from django.test import Client

    Client().post(block_url, comment_data(body="Mua xo so o day"))
    assert Comment.objects.get().status == "spam"


def test_invalid_rule_is_refused_in_the_admin(moderator_client):
    response = moderator_client.post(
        reverse("admin:comments_moderationrule_add"), {"kind": "ip", "value": "không phải IP"}
    )
    assert response.status_code == 200
    assert "Địa chỉ IP hoặc dải mạng không hợp lệ." in response.content.decode()
    assert not ModerationRule.objects.exists()


@pytest.mark.parametrize("status", ["approved", "rejected", "spam"])
def test_one_click_decision_on_a_row(moderator_client, moderator, make_comment, status):
    comment = make_comment(status="pending", name="Bạn đọc Tâm")
    other = make_comment(status="pending")
    queue = moderator_client.get(reverse(CHANGELIST)).content.decode()
    decide = reverse("admin:comments_comment_decide", args=[comment.pk])
    assert f'formaction="{decide}" name="_status" value="{status}"' in queue
    response = moderator_client.post(decide, {"_status": status}, HTTP_REFERER="http://testserver" + reverse(CHANGELIST),
                                     follow=True)
    assert response.redirect_chain[-1][0].endswith(reverse(CHANGELIST))
    assert "ý kiến của Bạn đọc Tâm" in response.content.decode()
    comment.refresh_from_db()
    other.refresh_from_db()
    assert (comment.status, comment.moderated_by) == (status, moderator)
    assert other.status == "pending"


def test_one_click_decision_needs_the_right(client, reporter, make_comment):
    comment = make_comment(status="pending")
    client.force_login(reporter)
    assert client.post(reverse("admin:comments_comment_decide", args=[comment.pk]), {"_status": "approved"}).status_code == 403
    comment.refresh_from_db()
    assert comment.status == "pending"
