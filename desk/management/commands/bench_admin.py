"""Time the admin's lists, filters and searches on the current database.

    .venv/bin/python manage.py bench_admin            # after load_bulk --articles 100000

Each page is requested through Django's test client as a logged-in editor
(the full middleware stack, templates included): once to warm up, then
--runs times; the median and the worst run are printed with the number of SQL
statements. A floor (the admin's password-change page, no content queries) is
measured in the same run, so the figures can be read as ratios on any machine.
A benchmark, not a test: figures depend on the machine.
"""

import statistics
import time

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse
from django.utils import timezone

from benluc.bench import unhashed_static
from articles import roles
from articles.models import Article, Author, Event

BUDGET_MS = 300


def pages():
    """(label, path, query) for every list, filter and search staff use."""
    articles = reverse("admin:articles_article_changelist")
    year = timezone.localtime().year
    author = Author.objects.order_by("pk").first()
    event = Event.objects.order_by("pk").first()
    article = Article.objects.order_by("-pk").first()
    autocomplete = reverse("admin:autocomplete")
    result = [
        ("bài viết: mặc định (cần xử lý trước)", articles, {}),
        ("bài viết: trang 20", articles, {"p": "20"}),
        ("bài viết: lọc Chờ duyệt", articles, {"status__exact": "review"}),
        ("bài viết: lọc Đã xuất bản", articles, {"status__exact": "published"}),
        ("bài viết: lọc chuyên mục", articles, {"category__id__exact": str(article.category_id)}),
        ("bài viết: lọc tác giả", articles, {"authors__id__exact": str(author.pk)} if author else {}),
        ("bài viết: lọc năm", articles, {"nam": str(year - 3)}),
        ("bài viết: lọc 7 ngày qua", articles, {
            "publish_at__gte": f"{timezone.localdate() - timezone.timedelta(days=7)}",
            "publish_at__lt": f"{timezone.localdate() + timezone.timedelta(days=1)}"}),
        ("bài viết: sắp theo tiêu đề", articles, {"o": "1"}),
        ("bài viết: tìm “hoi nghi dan van”", articles, {"q": "hoi nghi dan van"}),
        ("bài viết: tìm “huyện”", articles, {"q": "huyện"}),
        ("bài viết: tìm “ST25”", articles, {"q": "ST25"}),
        ("bài viết: tìm + lọc Đã xuất bản", articles, {"q": "dan van", "status__exact": "published"}),
        ("bài viết: trang sửa", reverse("admin:articles_article_change", args=[article.pk]), {}),
        ("bài viết: lịch sử", reverse("admin:articles_article_history", args=[article.pk]), {}),
        ("tác giả: danh sách", reverse("admin:articles_author_changelist"), {}),
        ("sự kiện: danh sách", reverse("admin:articles_event_changelist"), {}),
        ("sự kiện: tìm “hoi nghi”", reverse("admin:articles_event_changelist"), {"q": "hoi nghi"}),
        ("chọn tác giả “ngoc han”", autocomplete, {"term": "ngoc han", "app_label": "articles",
                                                "model_name": "articleauthor", "field_name": "author"}),
        ("chọn sự kiện “hoi nghi”", autocomplete, {"term": "hoi nghi", "app_label": "articles",
                                                 "model_name": "article", "field_name": "event"}),
        ("ý kiến: hàng chờ duyệt", reverse("admin:comments_comment_changelist"), {}),
        ("ý kiến: tất cả", reverse("admin:comments_comment_changelist"), {"status__exact": "tat-ca"}),
        ("trang chủ quản trị", reverse("admin:index"), {}),
    ]
    if event is None:
        result = [row for row in result if "sự kiện “" not in row[0]]
    return result


class Command(BaseCommand):
    help = "Đo thời gian các trang danh sách, bộ lọc và tìm kiếm trong trang quản trị."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=5)

    def editor(self):
        user, _ = get_user_model().objects.get_or_create(
            username="bench_admin", defaults={"is_staff": True, "email": ""}
        )
        user.groups.add(Group.objects.get(name=roles.EDITOR))
        return user

    def time(self, client, path, query, runs):
        client.get(path, query)  # warm-up: templates, plans, the per-process caches
        times, statements = [], 0
        for _ in range(runs):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(path, query)
                times.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                raise SystemExit(f"{path}?{query}: HTTP {response.status_code}")
            statements = len(queries)
        return statistics.median(times), max(times), statements

    @override_settings(ALLOWED_HOSTS=["testserver"], DEBUG=False, SECURE_SSL_REDIRECT=False,
                       STORAGES=unhashed_static())
    def handle(self, *args, runs, **options):
        client = Client()
        client.force_login(self.editor())
        floor, _, _ = self.time(client, reverse("admin:password_change"), {}, runs)
        total = Article.objects.count()
        self.stdout.write(f"{connection.vendor}, {total} bài viết, {runs} lần mỗi trang; "
                          f"trang nền (đổi mật khẩu): {floor:.1f} ms\n")
        self.stdout.write("| trang | trung vị | chậm nhất | số câu SQL |")
        self.stdout.write("|---|---|---|---|")
        slow = []
        for label, path, query in pages():
            median, worst, statements = self.time(client, path, query, runs)
            if worst > BUDGET_MS:
                slow.append(label)
            self.stdout.write(f"| {label} | {median:.0f} ms | {worst:.0f} ms | {statements} |")
        if slow:
            self.stdout.write(self.style.WARNING(f"Quá {BUDGET_MS} ms: " + "; ".join(slow)))
        else:
            self.stdout.write(self.style.SUCCESS(f"Mọi trang dưới {BUDGET_MS} ms."))
