"""A guest comments, a moderator approves, the public sees it — in Chromium.

Against the live server (full WSGI stack, WhiteNoise, strict CSP), so a script
error or a CSP violation in comments.js shows up in `page.console_errors`.
"""

import re
import unicodedata

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from comments.models import Comment

SCRIPT = "<script>alert(1)</script> Ý kiến có mã độc"


@pytest.fixture(autouse=True)
def _instant_forms(settings):
    # Playwright fills a form in milliseconds; the time-to-submit rule has its own
    # tests (tests/test_comments_views.py), here it would turn every comment into spam.
    settings.COMMENTS = {**settings.COMMENTS, "MIN_SUBMIT_SECONDS": 0}


@pytest.fixture
def dialogs(page):
    seen = []

    def record(dialog):
        seen.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", record)
    return seen


def _fill(block, name="Nguyễn Văn An", email="an@example.com"):
    block.locator("input[name=name]").fill(name)
    block.locator("input[name=email]").fill(email)


def test_counter_refusal_with_text_kept_and_nfd_accepted(page, site_url, article):
    page.goto(site_url + article.get_absolute_url())
    block = page.locator("#y-kien")
    expect(block.locator("#y-kien-title")).to_have_text("Ý kiến (0)")
    counter = block.locator("[data-counter]")
    expect(counter).to_have_text("0 / 500 ký tự")

    body = block.locator("textarea[name=body]")
    body.press_sequentially("Xin chào Bến Lức")
    expect(counter).to_have_text("16 / 500 ký tự")

    too_long = "ạ" * 501
    body.fill(too_long)
    expect(counter).to_have_text("501 / 500 ký tự")
    expect(counter).to_have_class(re.compile(r"\bis-over\b"))
    _fill(block)
    block.get_by_role("button", name="Gửi ý kiến").click()
    expect(block.locator("[data-comment-error]")).to_contain_text("Ý kiến chưa được gửi")
    expect(block.locator(".field-error")).to_have_text(
        "Ý kiến dài 501 ký tự, vượt quá giới hạn 500 ký tự. Vui lòng rút gọn rồi gửi lại."
    )
    expect(body).to_have_value(too_long)  # nothing the reader typed is lost
    expect(block.locator("input[name=name]")).to_have_value("Nguyễn Văn An")
    expect(counter).to_have_text("501 / 500 ký tự")
    assert not Comment.objects.exists()

    decomposed = unicodedata.normalize("NFD", "ế" * 500)
    assert len(decomposed) == 1500
    body.fill(decomposed)
    expect(counter).to_have_text("500 / 500 ký tự")
    expect(counter).not_to_have_class(re.compile(r"\bis-over\b"))
    block.get_by_role("button", name="Gửi ý kiến").click()
    expect(block.locator("[data-comment-notice]")).to_contain_text("đang chờ duyệt")
    expect(block.locator("#y-kien-title")).to_have_text("Ý kiến (0)")
    expect(body).to_have_value("")
    assert Comment.objects.get().body == "ế" * 500
    assert page.console_errors == []


@pytest.fixture
def roles(site_url):
    """The roles are groups made by data migrations, which an earlier transactional
    test flushed away: grant them again as comments' migration does."""
    import importlib

    from django.apps import apps

    importlib.import_module("comments.migrations.0002_roles").grant(apps, None)


def test_guest_comment_waits_then_a_moderator_approves_it(page, chromium, site_url, roles, article, moderator, dialogs):
    article_url = site_url + article.get_absolute_url()
    page.goto(article_url)
    block = page.locator("#y-kien")
    _fill(block)
    block.locator("textarea[name=body]").fill(SCRIPT)
    block.get_by_role("button", name="Gửi ý kiến").click()
    expect(block.locator("[data-comment-notice]")).to_contain_text("đang chờ duyệt")

    # The public does not see a pending comment.
    reader = chromium.new_context()
    try:
        public = reader.new_page()
        public.goto(article_url)
        expect(public.locator("#y-kien-title")).to_have_text("Ý kiến (0)")
        expect(public.locator(".comment-body")).to_have_count(0)
    finally:
        reader.close()

    # A moderator logs in, sees the count on the admin index, approves in bulk.
    staff = chromium.new_context()
    try:
        admin = staff.new_page()
        admin.goto(site_url + "/admin/login/?next=/admin/")
        admin.fill("#id_username", moderator.username)
        admin.fill("#id_password", "mat-khau-thu")
        admin.locator("input[type=submit]").click()
        pending = admin.locator("#pending-comments")
        expect(pending).to_contain_text("Ý kiến bạn đọc chờ duyệt: 1")
        pending.get_by_role("link").click()
        row = admin.locator("#result_list tbody tr", has_text="Ý kiến có mã độc")
        expect(row).to_contain_text(article.title)
        row.locator("input.action-select").check()
        admin.select_option("select[name=action]", "approve")
        admin.locator("button[name=index]").click()
        expect(admin.locator(".messagelist")).to_contain_text("Đã duyệt 1 ý kiến.")
    finally:
        staff.close()

    comment = Comment.objects.get()
    assert (comment.status, comment.moderated_by) == ("approved", moderator)

    # A new anonymous reader sees it, with the count grown, as plain text.
    reader = chromium.new_context()
    try:
        public = reader.new_page()
        public.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        errors = []
        public.on("pageerror", lambda exc: errors.append(str(exc)))
        public.goto(article_url)
        expect(public.locator("#y-kien-title")).to_have_text("Ý kiến (1)")
        expect(public.locator(".comment-body")).to_have_text(SCRIPT)
        expect(public.locator(".comment-author")).to_have_text("Nguyễn Văn An")
        assert public.locator("#y-kien script").count() == 0
        assert "an@example.com" not in public.content()
        assert errors == []
    finally:
        reader.close()
    assert dialogs == []
    assert page.console_errors == []


def test_more_sort_and_reply_keep_a_half_written_comment(page, site_url, article, make_comment, settings):
    settings.COMMENTS = {**settings.COMMENTS, "PER_PAGE": 2}
    from datetime import timedelta

    from django.utils import timezone

    for n in range(5):
        make_comment(name=f"Bạn đọc {n}", body=f"Ý kiến số {n}", created_at=timezone.now() - timedelta(hours=10 - n))
    page.goto(site_url + article.get_absolute_url())
    block = page.locator("#y-kien")
    expect(block.locator("#y-kien-title")).to_have_text("Ý kiến (5)")
    body = block.locator("textarea[name=body]")
    body.fill("Tôi đang viết dở")
    bodies = block.locator(".comment-list > li > .comment-body")
    expect(bodies).to_have_text(["Ý kiến số 4", "Ý kiến số 3"])

    block.get_by_role("link", name="Xem thêm").click()
    expect(bodies).to_have_text(["Ý kiến số 4", "Ý kiến số 3", "Ý kiến số 2", "Ý kiến số 1"])
    block.get_by_role("link", name="Xem thêm").click()
    expect(bodies).to_have_count(5)
    expect(block.get_by_role("link", name="Xem thêm")).to_have_count(0)

    block.get_by_role("link", name="Cũ nhất").click()
    expect(bodies).to_have_text(["Ý kiến số 0", "Ý kiến số 1"])
    expect(body).to_have_value("Tôi đang viết dở")

    block.locator("#y-kien-" + str(Comment.objects.get(body="Ý kiến số 0").pk)).get_by_role("link", name="Trả lời").click()
    expect(block.locator("[data-replying]")).to_contain_text("Đang trả lời Bạn đọc 0")
    expect(body).to_be_focused()
    _fill(block, email="tra-loi@example.com")
    block.get_by_role("button", name="Gửi ý kiến").click()
    expect(block.locator("[data-comment-notice]")).to_contain_text("đang chờ duyệt")
    reply = Comment.objects.get(email="tra-loi@example.com")
    assert (reply.parent.body, reply.body, reply.status) == ("Ý kiến số 0", "Tôi đang viết dở", "pending")
    assert page.console_errors == []


def test_rate_limit_in_the_browser_keeps_the_text(page, site_url, article, settings):
    settings.COMMENTS = {**settings.COMMENTS, "RATE_LIMIT": 1}
    page.goto(site_url + article.get_absolute_url())
    block = page.locator("#y-kien")
    _fill(block)
    block.locator("textarea[name=body]").fill("Ý kiến thứ nhất")
    block.get_by_role("button", name="Gửi ý kiến").click()
    expect(block.locator("[data-comment-notice]")).to_be_visible()
    _fill(block)
    block.locator("textarea[name=body]").fill("Ý kiến thứ hai")
    with page.expect_response(re.compile(r"/binh-luan/\d+/khoi/$")) as answer:
        block.get_by_role("button", name="Gửi ý kiến").click()
    assert answer.value.status == 429
    expect(block.locator("[data-comment-error]")).to_contain_text("quá nhanh")
    expect(block.locator("textarea[name=body]")).to_have_value("Ý kiến thứ hai")


def test_without_javascript_the_comments_page_works(chromium, site_url, article):
    context = chromium.new_context(java_script_enabled=False, locale="vi-VN")
    try:
        page = context.new_page()
        page.goto(site_url + article.get_absolute_url())
        section = page.locator("#y-kien")
        expect(section).to_contain_text("Đang tải dữ liệu")
        section.get_by_role("link", name="Xem ý kiến bạn đọc và gửi ý kiến của bạn").click()
        expect(page).to_have_url(site_url + reverse("comments:page", args=[article.pk]))
        block = page.locator("#y-kien")
        _fill(block)
        block.locator("textarea[name=body]").fill("ơ" * 501)
        block.get_by_role("button", name="Gửi ý kiến").click()
        expect(block.locator(".field-error")).to_contain_text("501 ký tự")
        expect(block.locator("textarea[name=body]")).to_have_value("ơ" * 501)
        block.locator("textarea[name=body]").fill("Gửi không cần JavaScript")
        block.get_by_role("button", name="Gửi ý kiến").click()
        expect(page.locator("[data-comment-notice]")).to_contain_text("đang chờ duyệt")
        assert Comment.objects.get().body == "Gửi không cần JavaScript"
    finally:
        context.close()


def test_a_lost_connection_keeps_the_text_and_lets_the_reader_retry(page, site_url, article):
    page.goto(site_url + article.get_absolute_url())
    block = page.locator("#y-kien")
    _fill(block)
    body = block.locator("textarea[name=body]")
    body.fill("Ý kiến viết lúc mạng chập chờn")
    endpoint = re.compile(r"/binh-luan/\d+/khoi/$")
    page.route(endpoint, lambda route: route.abort() if route.request.method == "POST" else route.continue_())
    block.get_by_role("button", name="Gửi ý kiến").click()
    expect(block.locator("[data-comment-error]")).to_contain_text("Nội dung của bạn vẫn còn nguyên")
    expect(body).to_have_value("Ý kiến viết lúc mạng chập chờn")
    assert not Comment.objects.exists()

    page.unroute(endpoint)
    block.get_by_role("button", name="Gửi ý kiến").click()
    expect(block.locator("[data-comment-notice]")).to_contain_text("đang chờ duyệt")
    assert Comment.objects.get().body == "Ý kiến viết lúc mạng chập chờn"


def test_reading_gives_no_cookie_and_writing_asks_for_the_token(page, site_url, article):
    page.goto(site_url + article.get_absolute_url())
    block = page.locator("#y-kien")
    expect(block.locator("#y-kien-title")).to_have_text("Ý kiến (0)")
    # A reader who only reads (the comment block loaded) carries no cookie: the front
    # cache serves them its shared copy.
    assert page.context.cookies() == []
    with page.expect_response(re.compile(r"/binh-luan/ma-gui/$")):
        block.locator("input[name=name]").focus()
    assert [c["name"] for c in page.context.cookies()] == ["csrftoken"]
    _fill(block)
    block.locator("textarea[name=body]").fill("Viết sau khi đọc xong bài")
    block.get_by_role("button", name="Gửi ý kiến").click()
    expect(block.locator("[data-comment-notice]")).to_contain_text("đang chờ duyệt")
    assert Comment.objects.get().body == "Viết sau khi đọc xong bài"
