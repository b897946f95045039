"""Screenshots of the newsroom desk for the README (docs/*.png).

    make screenshots        # = load_demo, then this command, on the demo database

Serves the site from this process (the project's WSGI handler in a thread, as
the browser tests do), logs in as the demo editor and the demo reporter with a
session made here (no password typed), and lets Debian's Chromium photograph
the editor's dashboard and a reporter's article form with a note sent back.
"""

import os
import shutil
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.test import Client
from django.test.testcases import LiveServerThread
from django.test.utils import override_settings

from articles.models import Article
from desk.models import ReviewNote


class Command(BaseCommand):
    help = "Chụp màn hình trang quản trị (bàn biên tập) cho README, vào docs/."

    def add_arguments(self, parser):
        parser.add_argument("--out", default=str(Path(settings.BASE_DIR) / "docs"))

    def session(self, username):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Không có tài khoản {username}: chạy `manage.py load_demo` trước.")
        client = Client()
        client.force_login(user)
        return user, client.cookies[settings.SESSION_COOKIE_NAME].value

    def returned_article(self, reporter, editor):
        """A demo draft sent back with a note, so the reporter's form shows one."""
        article = Article.objects.filter(created_by=reporter, status__in=["draft", "returned"]).order_by("pk").first()
        if article is None:
            raise CommandError("Dữ liệu mẫu không có bài nháp của phóng viên.")
        if article.status != Article.Status.RETURNED:
            article.status = Article.Status.RETURNED
            article.save()
            ReviewNote.objects.create(
                article=article, author=editor,
                text="Bổ sung ý kiến của người dân ở đoạn cuối và ghi rõ tên đơn vị tổ chức trong sa pô.",
            )
        return article

    @override_settings(ALLOWED_HOSTS=["127.0.0.1"], DEBUG=True)
    def handle(self, *args, out, **options):
        from playwright.sync_api import sync_playwright

        os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        chromium = shutil.which("chromium") or "/usr/bin/chromium"
        out = Path(out)
        out.mkdir(parents=True, exist_ok=True)
        editor, editor_cookie = self.session("bientap-benluc")
        reporter, reporter_cookie = self.session("phongvien-benluc")
        article = self.returned_article(reporter, editor)
        thread = LiveServerThread("127.0.0.1", lambda handler: handler, {}, 0)
        thread.daemon = True
        thread.start()
        thread.is_ready.wait()
        if thread.error:
            raise thread.error
        base = f"http://127.0.0.1:{thread.port}"
        shots = [
            (editor_cookie, "/admin/", "admin-dashboard.png", {"width": 1366, "height": 900}),
            (reporter_cookie, f"/admin/articles/article/{article.pk}/change/", "admin-article-form.png",
             {"width": 1366, "height": 1100}),
            (reporter_cookie, f"/admin/articles/article/{article.pk}/change/", "admin-photo-picker.png",
             {"width": 1366, "height": 900}, open_photo_picker),
        ]
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu", "--lang=vi"])
                for cookie, path, name, viewport, *prepare in shots:
                    context = browser.new_context(viewport=viewport, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
                    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": base}])
                    tab = context.new_page()
                    tab.goto(base + path)
                    tab.wait_for_load_state("networkidle")
                    for step in prepare:
                        step(tab)
                    tab.screenshot(path=str(out / name))
                    context.close()
                    self.stdout.write(f"  {out / name}")
                browser.close()
        finally:
            thread.terminate()
        self.stdout.write(self.style.SUCCESS("Đã chụp màn hình."))


def open_photo_picker(tab):
    """The editor's photo dialog, with the library of the reporter's newsroom loaded."""
    tab.get_by_role("button", name="Chèn ảnh (tải lên hoặc chọn từ thư viện)").click()
    tab.locator("[data-list=library] .photo-pick").first.wait_for()
    tab.wait_for_function(
        "[...document.querySelectorAll('.photo-pick img')].every(i => i.complete && i.naturalWidth > 0)"
    )
