"""The comment block (fetched by comments.js) and the comments page without JavaScript."""

import re
import time
import unicodedata

import pytest
from django.urls import reverse
from lxml import html as lxml_html

from comments import moderation
from comments.forms import INVISIBLE_NAME
from comments.models import Comment


_SIMPLE = re.compile(r"(?P<tag>[a-z0-9]+)?(?P<id>#[-\w]+)?(?P<cls>(?:\.[-\w]+)*)(?:\[(?P<attr>[-\w]+)(?:=['\"]?(?P<value>[^'\"\]]*)['\"]?)?\])?$")


def _xpath(selector):
    """A small CSS subset (tag#id.class[attr=value], descendant and `>`) as XPath."""
    path, axis = ".", "//"
    for part in selector.split():
        if part == ">":
            axis = "/"
            continue
        match = _SIMPLE.match(part)
        assert match, part
        tests = []
        if match["id"]:
            tests.append(f"@id='{match['id'][1:]}'")
        for name in filter(None, match["cls"].split(".")):
            tests.append(f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')")
        if match["attr"]:
            tests.append(f"@{match['attr']}='{match['value']}'" if match["value"] is not None else f"@{match['attr']}")
        path += axis + (match["tag"] or "*") + "".join(f"[{t}]" for t in tests)
        axis = "//"
    return path


def _select(node, selector):
    return node.xpath(_xpath(selector))


def _doc(response):
    return lxml_html.fromstring(response.content.decode())


def _texts(response, selector):
    return [" ".join(el.text_content().split()) for el in _select(_doc(response), selector)]


def _heading(response):
    return _texts(response, "#y-kien-title")[0]


def _body_value(response):
    value = _select(_doc(response), "textarea[name=body]")[0].text_content()
    # Browsers drop the newline that opens a textarea (Django writes one); lxml does not.
    return value[1:] if value.startswith("\n") else value


# --- Reading ------------------------------------------------------------------
def test_block_shows_count_and_approved_comments_newest_first(client, block_url, make_comment):
    from datetime import timedelta

    from django.utils import timezone

    old = make_comment(body="Ý kiến cũ", created_at=timezone.now() - timedelta(hours=2))
    new = make_comment(body="Ý kiến mới", created_at=timezone.now() - timedelta(hours=1))
    for status in ("pending", "rejected", "spam"):
        make_comment(body=f"Không được hiện: {status}", status=status)
    response = client.get(block_url)
    assert response.status_code == 200
    assert _heading(response) == "Ý kiến (2)"
    assert _texts(response, ".comment-body") == [new.body, old.body]
    assert "Không được hiện" not in response.content.decode()

    oldest = client.get(block_url, {"sap-xep": "cu-nhat"})
    assert _texts(oldest, ".comment-body") == [old.body, new.body]


def test_block_without_comments_invites_the_first(client, block_url):
    response = client.get(block_url)
    assert _heading(response) == "Ý kiến (0)"
    assert "Mời bạn gửi ý kiến đầu tiên" in response.content.decode()
    assert _texts(response, "[data-counter]") == ["0 / 500 ký tự"]


def test_replies_one_level_and_staff_replies_marked_as_the_newsroom(client, block_url, make_comment, editor):
    top = make_comment(body="Cho hỏi mua giống ở đâu?")
    make_comment(parent=top, body="Ở trạm khuyến nông.", name="Ban biên tập", is_staff_reply=True, user=editor)
    make_comment(parent=top, body="Tôi cũng muốn biết.")
    make_comment(parent=top, body="Chưa duyệt", status="pending")
    response = client.get(block_url)
    assert _heading(response) == "Ý kiến (3)"
    replies = _select(_doc(response), f"#y-kien-{top.pk} .comment-replies > li")
    assert [" ".join(_select(r, ".comment-body")[0].text_content().split()) for r in replies] == [
        "Ở trạm khuyến nông.", "Tôi cũng muốn biết.",
    ]
    assert "comment-staff" in replies[0].get("class")
    assert _select(replies[0], ".comment-badge")[0].text_content() == "Tòa soạn"
    assert _select(replies[0], ".comment-author")[0].text_content() == "Ban biên tập"


def test_pagination_with_xem_them(client, block_url, make_comment, settings):
    settings.COMMENTS = {**settings.COMMENTS, "PER_PAGE": 3}
    for n in range(7):
        make_comment(body=f"Ý kiến {n}")
    first = client.get(block_url)
    assert _heading(first) == "Ý kiến (7)"
    assert _texts(first, ".comment-body") == ["Ý kiến 6", "Ý kiến 5", "Ý kiến 4"]
    more = _select(_doc(first), "[data-comments-more]")[0]
    assert more.text_content() == "Xem thêm"
    third = client.get(block_url, {"trang": 3})
    assert _texts(third, ".comment-body") == ["Ý kiến 0"]
    assert not _select(_doc(third), "[data-comments-more]")
    assert client.get(block_url, {"trang": "abc"}).status_code == 404


def test_comment_text_is_shown_literally(client, block_url, make_comment):
    make_comment(name="<b>Kẻ xấu</b>", body='<script>alert(1)</script> & <img src=x onerror="alert(2)">')
    response = client.get(block_url)
    content = response.content.decode()
    assert "<script>alert(1)</script>" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content
    assert _texts(response, ".comment-body") == ['<script>alert(1)</script> & <img src=x onerror="alert(2)">']
    assert _texts(response, ".comment-author") == ["<b>Kẻ xấu</b>"]


def test_emails_never_appear_in_public_pages(client, article, block_url, page_url, make_comment):
    make_comment(email="bi-mat@example.com", parent=make_comment(email="an-danh@example.com"))
    for url in (block_url, page_url, article.get_absolute_url(), reverse("articles:feed")):
        content = client.get(url).content.decode()
        assert "bi-mat@example.com" not in content
        assert "an-danh@example.com" not in content


def test_block_is_uncached_and_gives_readers_no_cookie(client, block_url):
    response = client.get(block_url)
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    # Reading comments gives no cookie; the token comes when the reader starts writing.
    assert not response.cookies
    assert not _select(_doc(response), "input[name=csrfmiddlewaretoken]")
    form = _select(_doc(response), "form[data-comment-form]")[0]
    assert form.get("data-token-url") == reverse("comments:token")
    assert response["X-Comments-Fragment"] == "1"


def test_token_endpoint_is_uncached_and_sets_the_csrf_cookie(client, db):
    response = client.get(reverse("comments:token"))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert "csrftoken" in response.cookies
    assert len(response.json()["token"]) == 64  # a masked token


def test_article_page_carries_no_csrf_token_and_loads_the_block_later(client, article, block_url, page_url):
    response = client.get(article.get_absolute_url())
    content = response.content.decode()
    assert "csrfmiddlewaretoken" not in content
    assert "csrftoken" not in response.cookies
    section = _select(_doc(response), "section#y-kien")[0]
    assert section.get("data-comments-src") == block_url
    assert "Đang tải dữ liệu" in section.text_content()
    assert _select(section, f"a[href='{page_url}']")
    assert "js/comments." in content


def test_article_page_stays_cached_while_the_comment_count_changes(client, article, block_url, make_comment, settings, moderator):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "comments-cache"}}
    first_page = client.get(article.get_absolute_url()).content
    comment = make_comment(status="pending")
    assert _heading(client.get(block_url)) == "Ý kiến (0)"
    comment.moderate(Comment.Status.APPROVED, moderator)
    assert _heading(client.get(block_url)) == "Ý kiến (1)"
    Comment.objects.filter(pk=comment.pk).moderate(Comment.Status.REJECTED, moderator)
    assert _heading(client.get(block_url)) == "Ý kiến (0)"
    comment.moderate(Comment.Status.APPROVED, moderator)
    assert _heading(client.get(block_url)) == "Ý kiến (1)"
    comment.delete()
    assert _heading(client.get(block_url)) == "Ý kiến (0)"
    # The cached article page is identical throughout: it carries no comment state.
    assert client.get(article.get_absolute_url()).content == first_page


@pytest.mark.parametrize("status", ["draft", "review", "archived"])
def test_no_comments_for_unpublished_articles(client, make_article, status, comment_data):
    article = make_article(status=status)
    url = reverse("comments:block", args=[article.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, comment_data(article)).status_code == 404
    assert not Comment.objects.exists()


def test_scheduled_article_takes_no_comments_yet(client, make_article):
    from datetime import timedelta

    from django.utils import timezone

    article = make_article(publish_at=timezone.now() + timedelta(hours=1))
    assert client.get(reverse("comments:block", args=[article.pk])).status_code == 404


# --- Posting through the block (comments.js) --------------------------------------
def test_post_is_held_for_moderation_and_not_shown(client, article, block_url, comment_data):
    data = comment_data(body="Đề nghị huyện sớm sửa đường.")
    response = client.post(block_url, data, HTTP_USER_AGENT="Trình duyệt thử", REMOTE_ADDR="203.0.113.77")
    assert response.status_code == 201
    assert "đang chờ duyệt" in _texts(response, "[data-comment-notice]")[0]
    assert _heading(response) == "Ý kiến (0)"
    assert _body_value(response) == ""  # a fresh form
    comment = Comment.objects.get()
    assert (comment.status, comment.article, comment.name, comment.email) == (
        "pending", article, "Nguyễn Văn An", data["email"],
    )
    assert comment.ip == "203.0.113.77"
    assert comment.user_agent == "Trình duyệt thử"
    assert "Đề nghị huyện sớm sửa đường." not in _texts(client.get(block_url), ".comment-body")


def test_nfd_body_of_500_characters_is_accepted_and_stored_nfc(client, block_url, comment_data):
    body = unicodedata.normalize("NFD", "ế" * 500)
    assert len(body) == 1500
    response = client.post(block_url, comment_data(body=body))
    assert response.status_code == 201
    assert Comment.objects.get().body == "ế" * 500


def test_windows_line_ends_count_once(client, block_url, comment_data):
    body = ("a" * 49 + "\r\n") * 10  # 500 characters in the textarea, 510 bytes on the wire
    response = client.post(block_url, comment_data(body=body))
    assert response.status_code == 201
    assert "\r" not in Comment.objects.get().body


@pytest.mark.parametrize("length, accepted", [(1, True), (500, True), (501, False), (2000, False)])
def test_body_length_limit(client, block_url, comment_data, length, accepted):
    body = "ạ" * length
    response = client.post(block_url, comment_data(body=body))
    assert response.status_code == (201 if accepted else 200)
    assert Comment.objects.exists() is accepted
    if not accepted:
        errors = _texts(response, ".field-error")
        assert errors == [f"Ý kiến dài {length} ký tự, vượt quá giới hạn 500 ký tự. Vui lòng rút gọn rồi gửi lại."]
        assert _body_value(response) == body  # the reader's text comes back intact
        assert _texts(response, "[data-counter]") == [f"{length} / 500 ký tự"]
        assert "is-over" in _select(_doc(response), "[data-counter]")[0].get("class")


def test_textarea_has_no_maxlength(client, block_url):
    textarea = _select(_doc(client.get(block_url)), "textarea[name=body]")[0]
    assert textarea.get("maxlength") is None


@pytest.mark.parametrize(
    "fields, field, message",
    [
        ({"name": "  "}, "name", "Vui lòng nhập họ và tên."),
        ({"email": ""}, "email", "Vui lòng nhập e-mail (không hiển thị công khai)."),
        ({"email": "khong-phai-email"}, "email", "E-mail chưa đúng định dạng, ví dụ: ten@vidu.vn."),
        ({"body": "   \n  "}, "body", "Vui lòng nhập nội dung ý kiến."),
        ({"name": "Trần " * 30}, "name", "Họ tên dài tối đa 80 ký tự."),
        # Zero-width spaces, a word joiner and a BOM: typed, but nothing shows.
        ({"name": "\u200b\u200c\u2060\ufeff"}, "name", INVISIBLE_NAME),
        ({"name": "\u202e\u3164\u200d"}, "name", INVISIBLE_NAME),  # an override and a Hangul filler
    ],
)
def test_invalid_fields_are_refused_with_everything_kept(client, block_url, comment_data, fields, field, message):
    data = comment_data(**{"body": "Nội dung tôi đã gõ rất lâu.", **fields})
    response = client.post(block_url, data)
    assert response.status_code == 200
    assert message in _texts(response, ".field-error")
    assert "Ý kiến chưa được gửi" in _texts(response, "[data-comment-error]")[0]
    assert _body_value(response) == data["body"]
    doc = _doc(response)
    assert _select(doc, "input[name=name]")[0].get("value", "") == data["name"]
    assert _select(doc, "input[name=email]")[0].get("value", "") == data["email"]
    assert not Comment.objects.exists()


def test_closed_article_refuses_with_the_reason_and_keeps_the_text(client, make_article, comment_data):
    article = make_article(allow_comments=False)
    url = reverse("comments:block", args=[article.pk])
    get = client.get(url)
    assert "Bài viết này đã đóng bình luận." in get.content.decode()
    assert not _select(_doc(get), "form[data-comment-form]")
    data = comment_data(article, body="Tôi vẫn muốn góp ý.")
    response = client.post(url, data)
    assert response.status_code == 403
    assert _texts(response, "[data-comment-error]") == ["Bài viết này đã đóng bình luận."]
    assert _body_value(response) == "Tôi vẫn muốn góp ý."
    assert not Comment.objects.exists()


def test_comments_close_n_days_after_publication(client, make_article, comment_data, settings):
    from datetime import timedelta

    from django.utils import timezone

    settings.COMMENTS = {**settings.COMMENTS, "CLOSE_AFTER_DAYS": 14}
    article = make_article(publish_at=timezone.now() - timedelta(days=15))
    response = client.post(reverse("comments:block", args=[article.pk]), comment_data(article))
    assert response.status_code == 403
    assert "14 ngày" in _texts(response, "[data-comment-error]")[0]


def test_rate_limit_answers_429_with_the_text_kept(client, block_url, comment_data, settings):
    settings.COMMENTS = {**settings.COMMENTS, "RATE_LIMIT": 2, "RATE_LIMIT_WINDOW": 600}
    for n in range(2):
        assert client.post(block_url, comment_data(body=f"Ý kiến {n}")).status_code == 201
    response = client.post(block_url, comment_data(body="Ý kiến thứ ba"))
    assert response.status_code == 429
    assert "quá nhanh" in _texts(response, "[data-comment-error]")[0]
    assert _body_value(response) == "Ý kiến thứ ba"
    assert Comment.objects.count() == 2
    # Another address is not affected.
    assert client.post(block_url, comment_data(body="Ý kiến khác"), REMOTE_ADDR="198.51.100.3").status_code == 201


def test_a_refused_form_does_not_count_against_the_rate_limit(client, block_url, comment_data, settings):
    settings.COMMENTS = {**settings.COMMENTS, "RATE_LIMIT": 1}
    assert "Ý kiến chưa được gửi" in _texts(client.post(block_url, comment_data(body="x" * 501)), "[data-comment-error]")[0]
    assert client.post(block_url, comment_data(body="x" * 500)).status_code == 201


def test_duplicate_is_refused(client, block_url, comment_data):
    data = comment_data(body="Đường sá cần sửa gấp.")
    assert client.post(block_url, data).status_code == 201
    again = client.post(block_url, {**data, "issued": data["issued"]})
    assert again.status_code == 200
    assert _texts(again, "[data-comment-error]") == [
        "Bạn đã gửi ý kiến này rồi. Ý kiến trùng lặp sẽ không được đăng lại."
    ]
    assert _body_value(again) == "Đường sá cần sửa gấp."
    assert Comment.objects.count() == 1


@pytest.mark.parametrize(
    "fields, flag",
    [
        ({"website": "http://spam.example"}, "Ô bẫy"),
        ({"issued": "giả-mạo"}, "Thiếu hoặc sai mã thời gian"),
        ({"issued": ""}, "Thiếu hoặc sai mã thời gian"),
    ],
)
def test_bots_are_marked_spam_silently(client, block_url, comment_data, mailoutbox, moderator, django_capture_on_commit_callbacks, fields, flag):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(block_url, comment_data(**fields))
    assert response.status_code == 201
    assert "đang chờ duyệt" in _texts(response, "[data-comment-notice]")[0]  # same answer as a person
    comment = Comment.objects.get()
    assert comment.status == "spam"
    assert comment.flags[0].startswith(flag)
    assert mailoutbox == []  # moderators are not bothered with spam


def test_a_form_sent_too_soon_after_it_was_served_is_spam(client, article, block_url, comment_data):
    form = _doc(client.get(block_url))
    token = _select(form, "input[name=issued]")[0].get("value")
    response = client.post(block_url, comment_data(issued=token))
    assert response.status_code == 201
    assert Comment.objects.get().status == "spam"


def test_a_form_served_long_enough_ago_is_fine(client, article, block_url, comment_data):
    token = moderation.issue_token(article.pk, issued_at=time.time() - 3)
    assert client.post(block_url, comment_data(issued=token)).status_code == 201
    assert Comment.objects.get().status == "pending"


def test_held_comment_records_why(client, block_url, comment_data):
    from comments.models import ModerationRule

    ModerationRule.objects.create(kind=ModerationRule.Kind.MODERATE_WORD, value="lừa đảo")
    client.post(block_url, comment_data(body="Coi chừng LUA DAO khi thu tiền"))
    comment = Comment.objects.get()
    assert comment.status == "pending"
    assert comment.flags == ["Có từ cần duyệt: “lừa đảo”"]


def test_auto_approved_comment_is_published_at_once(client, block_url, comment_data, make_comment, settings):
    settings.COMMENTS = {**settings.COMMENTS, "AUTO_APPROVE_KNOWN_EMAILS": True}
    make_comment(email="quen@example.com", status="approved", body="Lần trước")
    response = client.post(block_url, comment_data(email="quen@example.com", body="Lần này"))
    assert "đã được đăng" in _texts(response, "[data-comment-notice]")[0]
    assert _heading(response) == "Ý kiến (2)"
    assert "Lần này" in _texts(response, ".comment-body")


def test_reader_reply_attaches_to_the_thread(client, block_url, comment_data, make_comment):
    top = make_comment()
    reply = make_comment(parent=top)
    client.post(block_url, comment_data(parent=str(reply.pk)))
    assert Comment.objects.latest("pk").parent == top


@pytest.mark.parametrize("parent_status", ["pending", "spam"])
def test_reply_to_an_invisible_comment_is_refused(client, block_url, comment_data, make_comment, parent_status):
    parent = make_comment(status=parent_status)
    response = client.post(block_url, comment_data(parent=str(parent.pk), body="Trả lời"))
    assert response.status_code == 200
    assert _body_value(response) == "Trả lời"
    assert Comment.objects.count() == 1


def test_reply_to_a_comment_on_another_article_is_refused(client, block_url, comment_data, make_comment, make_article):
    elsewhere = make_comment(target=make_article())
    response = client.post(block_url, comment_data(parent=str(elsewhere.pk)))
    assert "Ý kiến bạn muốn trả lời không còn hiển thị" in _texts(response, ".field-error")[0]
    assert Comment.objects.count() == 1


def test_post_without_csrf_token_is_refused(article, block_url, comment_data):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(block_url, comment_data())
    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_post_with_the_token_from_the_token_endpoint_works(article, block_url, comment_data):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.get(block_url)
    token = browser.get(reverse("comments:token")).json()["token"]
    response = browser.post(block_url, comment_data(), HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 201


def test_the_plain_comments_page_form_carries_its_own_token(article, page_url, comment_data):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    form = _select(_doc(browser.get(page_url)), "form[data-comment-form]")[0]
    token = form.xpath(".//input[@name='csrfmiddlewaretoken']")[0].get("value")
    response = browser.post(page_url, {**comment_data(), "csrfmiddlewaretoken": token})
    assert response.status_code == 302


# --- Moderators' e-mail ---------------------------------------------------------
def test_moderators_get_an_email_after_commit(client, article, block_url, comment_data, moderator, mailoutbox, settings, django_capture_on_commit_callbacks):
    settings.COMMENTS = {**settings.COMMENTS, "NOTIFY_EMAILS": ["toa-soan@example.com"]}
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(block_url, comment_data(body="Ý kiến cần duyệt", email="nguoi-gui@example.com"))
    assert mailoutbox == []  # nothing is sent before the transaction commits
    for callback in callbacks:
        callback()
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert sorted(message.to) == ["kiemduyet@example.com", "toa-soan@example.com"]
    assert article.title in message.subject
    assert "Ý kiến cần duyệt" in message.body
    comment = Comment.objects.get()
    assert reverse("admin:comments_comment_change", args=[comment.pk]) in message.body
    assert "nguoi-gui@example.com" not in message.body  # e-mails never leave the admin


def test_no_email_for_approved_or_spam(client, block_url, comment_data, make_comment, moderator, mailoutbox, settings, django_capture_on_commit_callbacks):
    settings.COMMENTS = {**settings.COMMENTS, "AUTO_APPROVE_KNOWN_EMAILS": True}
    make_comment(email="quen@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(block_url, comment_data(email="quen@example.com"))
        client.post(block_url, comment_data(website="bot"))
    assert mailoutbox == []


def test_a_mail_failure_is_logged_and_the_reader_still_gets_an_answer(client, block_url, comment_data, moderator, settings, caplog, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "tests.fixtures.comments.FailingEmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(block_url, comment_data())
    assert response.status_code == 201
    assert Comment.objects.get().status == "pending"
    assert "Could not e-mail moderators" in caplog.text


# --- Without JavaScript: the comments page -------------------------------------------
def test_comments_page_lists_and_offers_a_plain_form(client, article, page_url, make_comment):
    make_comment(body="Ý kiến đã duyệt")
    response = client.get(page_url)
    assert response.status_code == 200
    doc = _doc(response)
    assert _select(doc, "h1")[0].text_content() == "Ý kiến bạn đọc"
    assert _select(doc, f"a[href='{article.get_absolute_url()}']")
    assert _heading(response) == "Ý kiến (1)"
    form = _select(doc, "form[data-comment-form]")[0]
    assert (form.get("method"), form.get("action")) == ("post", page_url)
    assert "no-store" in response["Cache-Control"]


def test_comments_page_post_redirects_back_with_a_message(client, page_url, comment_data):
    response = client.post(page_url, comment_data(), follow=True)
    assert response.redirect_chain == [(page_url + "#y-kien", 302)]
    assert "đang chờ duyệt" in _texts(response, "[data-comment-notice]")[0]
    assert Comment.objects.get().status == "pending"


def test_comments_page_post_with_an_error_rerenders_with_the_text(client, page_url, comment_data):
    data = comment_data(body="ữ" * 501)
    response = client.post(page_url, data)
    assert response.status_code == 200
    assert _body_value(response) == data["body"]
    assert _select(_doc(response), "h1")  # the whole page, not a fragment


def test_comments_page_reply_link_without_javascript(client, page_url, make_comment):
    top = make_comment(name="Chị Lan")
    response = client.get(page_url, {"tra-loi": top.pk})
    doc = _doc(response)
    assert _select(doc, "input[name=parent]")[0].get("value") == str(top.pk)
    note = _select(doc, "[data-replying]")[0]
    assert note.get("hidden") is None
    assert "Chị Lan" in note.text_content()


# --- Query budgets -------------------------------------------------------------
@pytest.mark.parametrize("threads", [5, 500])
def test_block_query_count_is_constant(client, article, block_url, django_assert_num_queries, threads):
    tops = Comment.objects.bulk_create(
        Comment(article=article, name=f"Bạn đọc {n}", email=f"b{n}@example.com", body=f"Ý kiến {n}", status="approved")
        for n in range(threads)
    )
    Comment.objects.bulk_create(
        Comment(article=article, parent=top, name="Ban biên tập", email="bbt@example.com", body="Cảm ơn", status="approved", is_staff_reply=True)
        for top in tops
    )
    client.get(block_url)  # warms the section menu cache shared by every page
    # Site version, article, count, one page of threads, their replies.
    with django_assert_num_queries(5):
        response = client.get(block_url)
    assert _heading(response) == f"Ý kiến ({threads * 2})"
    with django_assert_num_queries(5):
        client.get(block_url, {"sap-xep": "cu-nhat"})


@pytest.mark.parametrize("threads", [5, 500])
def test_comments_page_query_count_is_constant(client, article, page_url, django_assert_num_queries, make_comment, threads):
    Comment.objects.bulk_create(
        Comment(article=article, name=f"Bạn đọc {n}", email=f"b{n}@example.com", body=f"Ý kiến {n}", status="approved")
        for n in range(threads)
    )
    client.get(page_url)  # warms the section menu cache shared by every page
    with django_assert_num_queries(5):  # site version, article, count, threads, replies
        client.get(page_url)


@pytest.mark.parametrize("typed, stored", [
    ("\u202eAdmin\u202c", "Admin"),  # a right-to-left override would show "nimdA"
    ("Ban\u200b biên\u200d tập", "Ban biên tập"),  # zero-width characters inside a name
    ("\u2067Nguyễn Văn An\u2069", "Nguyễn Văn An"),  # an isolate
])
def test_bidi_and_zero_width_characters_are_removed_from_names_and_bodies(client, block_url, comment_data, typed, stored):
    response = client.post(block_url, comment_data(name=typed, body=f"Ý kiến của {typed}\u200b."))
    assert response.status_code == 201
    comment = Comment.objects.get()
    assert (comment.name, comment.body) == (stored, f"Ý kiến của {stored}.")
