"""Time the public pages in-process: cold (cache cleared) and warm (served from cache).

    DEBUG=true .venv/bin/python manage.py bench_pages --runs 50

Uses whatever database and cache the environment configures (load_demo or
load_bulk first). Prints median and p95 per page, and the SQL queries of a cold
render. A benchmark, not a test: figures depend on the machine.
"""

import statistics
import time

from django.core.cache import cache
from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.test.utils import override_settings

from articles.models import Article, Author, Category, Event


def _percentile(values, pct):
    values = sorted(values)
    return values[min(len(values) - 1, round(pct / 100 * (len(values) - 1)))]


class Command(BaseCommand):
    help = "Đo thời gian phục vụ các trang công khai (không có và có bộ nhớ đệm)."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=50)

    def handle(self, *args, runs, **options):
        article = Article.objects.published().select_related("category").latest()
        pages = {
            "trang chủ": "/",
            "chuyên mục": Category.objects.filter(articles__isnull=False).first().get_absolute_url(),
            "bài viết": article.get_absolute_url(),
            "tác giả": Author.objects.filter(articles=article).first().get_absolute_url(),
            "sự kiện": "/su-kien/",
            "một sự kiện": Event.objects.first().get_absolute_url(),
            "RSS": "/rss/",
        }
        client = Client()
        self.stdout.write(f"{connection.vendor}, {Article.objects.count()} bài, {runs} lượt mỗi trang")
        self.stdout.write(f"{'trang':<12} {'truy vấn':>8} {'lạnh p50':>9} {'lạnh p95':>9} {'nóng p50':>9} {'nóng p95':>9}  (ms)")
        with override_settings(ALLOWED_HOSTS=["testserver"], HTTPS=False, SECURE_SSL_REDIRECT=False):
            for name, url in pages.items():
                cold, warm = [], []
                cache.clear()
                queries = []
                # An execute wrapper, not connection.queries: each request resets that log.
                with connection.execute_wrapper(lambda ex, sql, *a: queries.append(sql) or ex(sql, *a)):
                    assert client.get(url).status_code == 200, url
                for _ in range(runs):
                    cache.clear()
                    start = time.perf_counter()
                    client.get(url)
                    cold.append((time.perf_counter() - start) * 1000)
                    start = time.perf_counter()
                    client.get(url)
                    warm.append((time.perf_counter() - start) * 1000)
                self.stdout.write(
                    f"{name:<12} {len(queries):>8} {statistics.median(cold):>9.1f} {_percentile(cold, 95):>9.1f}"
                    f" {statistics.median(warm):>9.2f} {_percentile(warm, 95):>9.2f}"
                )
