"""The newsroom desk in a real browser: no lost work, hand-over, readable history, small screens."""

import importlib
import re
from datetime import timedelta

import pytest
from django.apps import apps
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import Article, Author


@pytest.fixture
def desk_roles(site_url):
    """Roles are groups made by data migrations, which an earlier transactional test flushed."""
    importlib.import_module("articles.migrations.0002_roles").create_roles(apps, None)
    importlib.import_module("comments.migrations.0002_roles").grant(apps, None)


@pytest.fixture
def login(chromium, site_url, desk_roles):
    """login(user) → a browser tab logged in as `user` (its own context: its own cookies)."""
    contexts = []

    def open_as(user, **options):
        client = Client()
        client.force_login(user)
        context = chromium.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", **options)
        context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": site_url}])
        contexts.append(context)
        tab = context.new_page()
        tab.console_errors = []
        tab.on("pageerror", lambda exc: tab.console_errors.append(str(exc)))
        return tab

    yield open_as
    for context in contexts:
        context.close()


def editor_text(tab):
    return tab.locator(".ProseMirror[contenteditable=true]").inner_text()


def type_in_editor(tab, text):
    tab.locator(".ProseMirror[contenteditable=true]").click()
    tab.keyboard.press("End")
    tab.keyboard.type(text)


@pytest.fixture
def second_editor(desk_roles, django_user_model):
    from django.contrib.auth.models import Group

    from articles import roles
    from sites.models import Membership, Site

    user = django_user_model.objects.create_user("bientap2", "b2@example.com", "x", is_staff=True,
                                                 first_name="Thanh Tâm")
    Membership.objects.create(user=user, site=Site.objects.default(), role=Group.objects.get(name=roles.EDITOR))
    return user


def test_a_stale_save_is_refused_and_both_texts_survive(login, site_url, desk_roles, editor, second_editor, make_article):
    draft = make_article(title="Tiêu đề gốc", status="draft", publish_at=None, authors=["Việt Hằng"],
                         body="<p>Đoạn mở đầu.</p>")
    url = f"{site_url}/admin/articles/article/{draft.pk}/change/"
    mine, theirs = login(editor), login(second_editor)
    mine.goto(url)
    theirs.goto(url)
    expect(theirs.locator("#dang-mo")).to_contain_text("bientap đang mở bài này từ")

    theirs.fill("#id_title", "Tiêu đề do Thanh Tâm sửa")
    theirs.locator("input[name=_continue]").click()
    expect(theirs.locator(".messagelist")).to_contain_text("Đã lưu bản nháp")

    type_in_editor(mine, " Câu tôi viết thêm.")
    mine.locator("input[name=_continue]").click()
    conflict = mine.locator("#xung-dot")
    expect(conflict).to_contain_text("Bài này đã được Thanh Tâm lưu lúc")
    expect(conflict).to_contain_text("Tiêu đề do Thanh Tâm sửa")
    assert "Câu tôi viết thêm." in editor_text(mine)  # my text is still in the form
    draft.refresh_from_db()
    assert draft.title == "Tiêu đề do Thanh Tâm sửa" and "Câu tôi viết thêm" not in draft.body

    mine.locator("input[name=_continue]").click()  # their title is in my form now; save again
    expect(mine.locator(".messagelist")).to_contain_text("Đã lưu bản nháp")
    draft.refresh_from_db()
    assert draft.title == "Tiêu đề do Thanh Tâm sửa"
    assert "Câu tôi viết thêm." in draft.body
    assert mine.console_errors == [] and theirs.console_errors == []


def test_an_autosaved_draft_comes_back_after_the_tab_is_closed(login, site_url, reporter, category):
    tab = login(reporter)
    tab.goto(f"{site_url}/admin/articles/article/add/")
    tab.fill("#id_title", "Bài viết dở về lễ hội đua ghe")
    type_in_editor(tab, "Sáng nay, hàng nghìn người dân đổ về bờ kênh.")
    expect(tab.locator("#trang-thai-tu-luu")).to_contain_text("Đã tự lưu lúc", timeout=15000)
    tab.close(run_before_unload=False)
    assert not Article.objects.exists()  # nothing saved for real, no revision

    again = tab.context.new_page()
    again.goto(f"{site_url}/admin/articles/article/add/")
    expect(again.locator("#ban-tu-luu")).to_contain_text("Đã khôi phục bản tự lưu")
    expect(again.locator("#id_title")).to_have_value("Bài viết dở về lễ hội đua ghe")
    assert "hàng nghìn người dân đổ về bờ kênh" in editor_text(again)


def test_leaving_with_unsaved_changes_asks_first(login, site_url, reporter, category):
    tab = login(reporter)
    tab.goto(f"{site_url}/admin/articles/article/add/")
    tab.fill("#id_title", "Chưa lưu")
    asked = []
    tab.on("dialog", lambda dialog: (asked.append(dialog.type), dialog.dismiss()))
    tab.locator("#site-name a").click()
    tab.wait_for_timeout(500)
    assert asked == ["beforeunload"]
    assert tab.url.endswith("/admin/articles/article/add/")


def test_editors_dashboard_counts(login, site_url, editor, make_article):
    for n in range(3):
        make_article(title=f"Bài chờ duyệt {n}", status="review", publish_at=None)
    make_article(title="Bài hẹn giờ", publish_at=timezone.now() + timedelta(hours=5))
    make_article(title="Bài đã lên trang")
    tab = login(editor)
    tab.goto(f"{site_url}/admin/")
    expect(tab.locator("#cho-duyet h2")).to_have_text("Chờ duyệt (3)")
    expect(tab.locator("#hen-gio h2")).to_have_text("Hẹn giờ (1)")
    expect(tab.locator("#moi-xuat-ban")).to_contain_text("Bài đã lên trang")
    tab.locator("#cho-duyet h2 a").click()
    expect(tab.locator("#result_list tbody tr")).to_have_count(3)


def test_history_shows_a_text_diff(login, site_url, editor, make_article):
    article = make_article(title="Hội nghị", status="draft", publish_at=None, authors=["Việt Hằng"],
                           body="<p>Ban Dân vận tổ chức hội nghị.</p>")
    article.body = "<p>Ban Dân vận Huyện ủy tổ chức hội nghị sơ kết.</p>"
    article.save()
    tab = login(editor)
    tab.goto(f"{site_url}/admin/articles/article/{article.pk}/history/")
    expect(tab.locator("h1")).to_contain_text("Lịch sử")
    expect(tab.locator("#change-history ins").first).to_have_text("Huyện ủy")
    tab.locator("#change-history input[name=v]").nth(0).check()
    tab.locator("#change-history input[name=v]").nth(1).check()
    tab.get_by_role("button", name="So sánh hai phiên bản đã chọn").click()
    expect(tab.locator(".desk-compare")).to_contain_text("Huyện ủy")
    expect(tab.locator(".desk-compare ins").first).to_be_visible()


def test_ngoc_han_finds_ngoc_han_in_the_author_picker(login, site_url, reporter, category):
    Author.objects.create(name="Ngọc Hân")
    Author.objects.create(name="Việt Hằng")
    tab = login(reporter)
    tab.goto(f"{site_url}/admin/articles/article/add/")
    tab.locator("#article_authors-group .add-row a").click()
    tab.locator("#article_authors-group .select2-selection").first.click()
    tab.locator(".select2-search__field").fill("ngoc han")
    options = tab.locator(".select2-results__option")
    expect(options).to_have_count(1)
    expect(options.first).to_have_text("Ngọc Hân")


def test_article_form_fits_a_phone(login, site_url, reporter, make_article):
    article = make_article(status="draft", publish_at=None, created_by=reporter, authors=["Việt Hằng", "Kim Phượng"],
                           body="<table><tbody><tr><th>Chỉ tiêu</th><th>Kết quả</th><th>Ghi chú dài dòng</th>"
                                "<th>Cột thêm</th><th>Cột nữa</th></tr></tbody></table><p>Nội dung.</p>")
    tab = login(reporter, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    tab.goto(f"{site_url}/admin/articles/article/{article.pk}/change/")
    tab.wait_for_selector(".ProseMirror[contenteditable=true]")
    overflow = tab.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{overflow}px wider than the screen"
    save = tab.locator("input[name=_save]")
    box = save.bounding_box()
    assert box and 0 <= box["y"] and box["y"] + box["height"] <= 844  # in reach without scrolling
    tab.mouse.wheel(0, 1500)
    tab.wait_for_timeout(300)
    box = save.bounding_box()
    assert box and box["y"] + box["height"] <= 844


def test_byline_order_by_buttons(login, site_url, reporter, make_article):
    article = make_article(status="draft", publish_at=None, created_by=reporter, authors=["Việt Hằng", "Kim Phượng"])
    tab = login(reporter)
    tab.goto(f"{site_url}/admin/articles/article/{article.pk}/change/")
    assert tab.locator("#article_authors-group input[name$='-position'][type=number]").count() == 0
    tab.locator("#article_authors-group tr.form-row").nth(1).locator(".byline-up").click()
    tab.locator("input[name=_continue]").click()
    expect(tab.locator(".messagelist")).to_contain_text("Đã lưu bản nháp")
    article.refresh_from_db()
    assert article.byline == "Kim Phượng – Việt Hằng"


def test_lists_are_readable_at_1366px(login, site_url, editor, make_article, make_comment):
    make_article(title="Bến Lức: Hội nghị đánh giá kết quả công tác Dân vận và Quy chế Dân chủ ở cơ sở",
                           authors=["Việt Hằng", "Kim Phượng"])
    make_comment(status="pending", body="Ý kiến của bạn đọc về hội nghị, khá dài để xem cột có đủ rộng không.")
    tab = login(editor, viewport={"width": 1366, "height": 800})
    for path, column in [("/admin/articles/article/", "td.field-title, th.field-title"),
                         ("/admin/comments/comment/", "th.field-excerpt, td.field-excerpt")]:
        tab.goto(site_url + path)
        width = tab.locator(f"#result_list tbody tr:first-child :is({column})").first.bounding_box()["width"]
        assert width >= 250, f"{path}: the first column is {width:.0f}px wide"
        overflow = tab.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path}: {overflow}px wider than the window"
