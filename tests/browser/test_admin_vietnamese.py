"""No English on any admin page a reporter, editor or moderator reaches.

Each role logs in, visits every admin page it can reach (lists, add and change
forms, history, the comment queue, the 403 page) and opens the rich-text
editor's menus and dialogs; the visible text, tooltips, labels and buttons must
contain none of the English strings below (all seen in this admin before).
"""

import importlib
import re
from datetime import timedelta

import pytest
from django.apps import apps
from django.test import Client
from django.utils import timezone

from articles.models import Author

ENGLISH = [
    "Please correct", "Show counts", "Hide counts", "History", "Choose a date", "Changed by", "Date/time",
    "Object", "Insert Figure", "Edit Figure", "Image URL", "Alternative Text", "Caption", "Cancel",
    "Access attempt", "Access failure", "Access log", "Forbidden", "Save", "Delete", "Add", "Change",
    "Home", "Search", "Filter", "Revert", "None", "draft", "review", "published", "returned", "bold",
    "italic", "underline", "strike", "Paragraph", "Styles", "heading", "undo", "redo", "Toggle",
    "Skip to", "Log out", "View site", "Welcome", "Recent actions", "Sidebar", "Select", "Choose",
    "Today", "Now", "Yes", "Unknown", "Any date", "Past 7 days", "This month", "This year", "entries",
    "results", "total", "Action", "Insert", "Update", "Remove", "Submit", "figure", "blockquote",
    "horizontal rule", "ordered list", "unordered list", "insert link", "Rows", "Columns",
    "Include header row", "Table Properties", "Open in new window", "Title", "URL", "Edit HTML",
    "Password", "password", "Username", "Close", "Clear", "Previous", "Next", "Show all",
]
PATTERN = re.compile(r"(?<![\w-])(" + "|".join(re.escape(w) for w in ENGLISH) + r")(?![\w-])")

COLLECT = """() => {
  // Icons drawn from a font by ligature (`undo`, `format_bold`) are pictures, not words.
  const skip = el => el.closest('.ProseMirror[contenteditable], textarea, script, style, .material-icons');
  const parts = [document.title];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || skip(parent) || !parent.getClientRects().length) continue;
    parts.push(node.nodeValue);
  }
  for (const el of document.querySelectorAll('[title], [aria-label], [placeholder], [alt]')) {
    if (skip(el)) continue;
    for (const name of ['title', 'aria-label', 'placeholder', 'alt']) {
      const value = el.getAttribute(name);
      if (value) parts.push(value);
    }
  }
  for (const el of document.querySelectorAll('input[type=submit], input[type=button], option')) {
    parts.push(el.value && el.tagName === 'INPUT' ? el.value : el.textContent);
  }
  return parts.join('\\n');
}"""


@pytest.fixture
def desk_roles(site_url):
    importlib.import_module("articles.migrations.0002_roles").create_roles(apps, None)
    importlib.import_module("comments.migrations.0002_roles").grant(apps, None)


@pytest.fixture
def content(desk_roles, make_article, reporter, event, make_comment):
    """Something on every page: articles in each state, a history, comments, rules."""
    from comments.models import ModerationRule

    mine = make_article(title="Bài nháp của phóng viên", status="draft", publish_at=None, created_by=reporter,
                        authors=["Việt Hằng"], event=event)
    mine.title = "Bài nháp của phóng viên (sửa)"
    mine.save()
    live = make_article(title="Bài đã đăng", authors=["Kim Phượng"])
    make_article(title="Bài hẹn giờ", publish_at=timezone.now() + timedelta(days=1))
    make_comment(status="pending", body="Ý kiến chờ duyệt")
    rule = ModerationRule.objects.create(kind="block", value="xổ số")
    return {"mine": mine, "live": live, "rule": rule, "event": event, "author": Author.objects.first()}


def session_of(user):
    """A logged-in session's cookie value, made in the test's thread.

    Made before any browser tab opens: the live server shares the test's in-memory SQLite
    connection, and a request a closed tab still sent ("đang sửa" released as it closes)
    interleaved its savepoints with a login made meanwhile ("no such savepoint").
    """
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


def login(chromium, site_url, session):
    context = chromium.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    context.add_cookies([{"name": "sessionid", "value": session, "url": site_url}])
    return context


def english_on(tab):
    return sorted(set(PATTERN.findall(tab.evaluate(COLLECT))))


def visit(tab, site_url, paths):
    found = {}
    for path in paths:
        response = tab.goto(site_url + path)
        assert response.status in (200, 403), (path, response.status)
        words = english_on(tab)
        if words:
            found[path] = words
    return found


def open_editor_dialogs(tab):
    """Open the editor's menus and dialogs in turn; return the English found in them."""
    found = set()
    tab.wait_for_selector(".prose-menubar")
    found.update(english_on(tab))
    for title in ["Chèn hình", "Chèn bảng"]:
        button = tab.locator(f".prose-menubar [title='{title}']").first
        assert button.count() == 1, f"no editor button titled {title!r}"
        button.click()
        dialog = tab.locator("dialog[open]")
        dialog.wait_for()
        found.update(english_on(tab))
        dialog.locator("button, input[type=submit]").filter(has_text="Hủy").first.click() if dialog.locator(
            "button", has_text="Hủy").count() else tab.keyboard.press("Escape")
    tab.locator(".ProseMirror[contenteditable=true]").click()
    tab.keyboard.type("Liên kết")
    tab.keyboard.press("Shift+Home")
    tab.locator(".prose-menubar [title='Chèn liên kết']").first.click()
    tab.locator("dialog[open]").wait_for()
    found.update(english_on(tab))
    tab.keyboard.press("Escape")
    dropdown = tab.locator(".prose-menubar .prose-menubar__dropdown, .prose-menubar select").first
    if dropdown.count():
        dropdown.click()
        found.update(english_on(tab))
        tab.keyboard.press("Escape")
    return sorted(found)


def test_every_admin_page_of_every_role_is_in_vietnamese(chromium, site_url, content, reporter, editor, moderator):
    mine, live, rule, event, author = (content[k] for k in ("mine", "live", "rule", "event", "author"))
    first_revision = mine.history.order_by("history_id").first().history_id
    last_revision = mine.history.order_by("history_id").last().history_id
    article_pages = [
        "/admin/", "/admin/articles/article/", "/admin/articles/article/?status__exact=review",
        "/admin/articles/article/?q=bai", "/admin/articles/article/add/",
        f"/admin/articles/article/{mine.pk}/change/", f"/admin/articles/article/{live.pk}/change/",
        f"/admin/articles/article/{mine.pk}/history/",
        f"/admin/articles/article/{mine.pk}/history/{first_revision}/",
        f"/admin/articles/article/{mine.pk}/history/so-sanh/?v={first_revision}&v={last_revision}",
        "/admin/articles/category/", "/admin/articles/author/", f"/admin/articles/author/{author.pk}/change/",
        "/admin/articles/event/", f"/admin/articles/event/{event.pk}/change/", "/admin/password_change/",
    ]
    editor_pages = article_pages + [
        "/admin/articles/category/add/", "/admin/articles/author/add/", "/admin/articles/event/add/",
        f"/admin/articles/author/{author.pk}/history/", f"/admin/articles/event/{event.pk}/history/",
        "/admin/comments/comment/", "/admin/comments/comment/?status__exact=tat-ca",
        "/admin/comments/moderationrule/", "/admin/comments/moderationrule/add/",
        f"/admin/comments/moderationrule/{rule.pk}/change/",
    ]
    moderator_pages = [
        "/admin/", "/admin/comments/comment/", "/admin/comments/comment/?status__exact=tat-ca",
        "/admin/comments/moderationrule/", "/admin/comments/moderationrule/add/",
        f"/admin/comments/moderationrule/{rule.pk}/change/", "/admin/articles/article/",  # 403
        "/admin/password_change/",
    ]
    from comments.models import Comment

    moderator_pages.append(f"/admin/comments/comment/{Comment.objects.first().pk}/change/")
    report = {}
    sessions = {user: session_of(user) for user in (reporter, editor, moderator)}
    for user, paths in [(reporter, article_pages + ["/admin/comments/comment/"]), (editor, editor_pages),
                        (moderator, moderator_pages)]:
        context = login(chromium, site_url, sessions[user])
        try:
            tab = context.new_page()
            report.update({f"{user.username} {path}": words
                           for path, words in visit(tab, site_url, paths).items()})
            if user != moderator:
                tab.goto(site_url + "/admin/articles/article/add/")
                words = open_editor_dialogs(tab)
                if words:
                    report[f"{user.username} editor dialogs"] = words
                # A failed save: Django's error note.
                tab.locator("select[name=status]").select_option("review")
                tab.locator("input[name=_save]").click()
                tab.wait_for_selector(".errornote")
                if english_on(tab):
                    report[f"{user.username} failed save"] = english_on(tab)
        finally:
            context.close()
    assert report == {}, "\n".join(f"{page}: {words}" for page, words in report.items())
