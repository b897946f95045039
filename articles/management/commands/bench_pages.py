"""Time the public pages in-process: cold (cache cleared) and warm (served from cache).

    DEBUG=true .venv/bin/python manage.py bench_pages --runs 50 [--site xa-001]

The pages of one site (by default the commune with the most articles, else the only
site), requested on that site's own host, and its province portal's home page.

Uses whatever database and cache the environment configures (load_demo or
load_bulk first). Prints median and p95 per page, and the SQL queries of a cold
render. A benchmark, not a test: figures depend on the machine.
"""

import statistics
import time

from sites.cache import page_cache
from django.core.management.base import BaseCommand
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import override_settings

from articles.models import Article, Author, Category, Event
from sites.models import Site


def _percentile(values, pct):
    values = sorted(values)
    return values[min(len(values) - 1, round(pct / 100 * (len(values) - 1)))]


class Command(BaseCommand):
    help = "Đo thời gian phục vụ các trang công khai (không có và có bộ nhớ đệm)."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=50)
        parser.add_argument("--site", help="mã trang (slug); mặc định: xã có nhiều bài nhất")

    def pick_site(self, slug):
        if slug:
            return Site.objects.get(slug=slug)
        communes = Site.objects.filter(parent__isnull=False)
        busiest = (
            Article.objects.filter(site__in=communes).values("site").annotate(n=Count("pk"))
            .order_by("-n").values_list("site", flat=True).first()
        )
        return Site.objects.get(pk=busiest) if busiest else Site.objects.default()

    def handle(self, *args, runs, site, **options):
        site = self.pick_site(site)
        host = site.hosts[0] if site.hosts else "testserver"
        published = Article.objects.published().for_site(site)
        article = published.select_related("category").latest()
        event = Event.objects.filter(site=site, articles__in=published).first() or Event.objects.filter(site=site).first()
        pages = {
            "trang chủ": (host, "/"),
            "chuyên mục": (host, article.category.get_absolute_url()),
            "bài viết": (host, article.get_absolute_url()),
            "tác giả": (host, Author.objects.filter(articles=article).first().get_absolute_url()),
            "sự kiện": (host, "/su-kien/"),
            "một sự kiện": (host, event.get_absolute_url()),
            "RSS": (host, "/rss/"),
        }
        if site.parent_id and site.parent.hosts:
            pages["cổng tỉnh"] = (site.parent.hosts[0], "/")
            pages["tin cơ sở"] = (site.parent.hosts[0], "/tin-co-so/")
        client = Client()
        self.stdout.write(
            f"{connection.vendor}, {Article.objects.count()} bài trên {Site.objects.count()} trang; "
            f"trang đo: {site} ({published.count()} bài đã đăng), {runs} lượt mỗi trang"
        )
        self.stdout.write(f"{'trang':<12} {'truy vấn':>8} {'lạnh p50':>9} {'lạnh p95':>9} {'nóng p50':>9} {'nóng p95':>9}  (ms)")
        with override_settings(ALLOWED_HOSTS=["*"], HTTPS=False, SECURE_SSL_REDIRECT=False):
            for name, (host, url) in pages.items():
                cold, warm = [], []
                page_cache().clear()
                queries = []
                # An execute wrapper, not connection.queries: each request resets that log.
                with connection.execute_wrapper(lambda ex, sql, *a: queries.append(sql) or ex(sql, *a)):
                    assert client.get(url, HTTP_HOST=host).status_code == 200, url
                for _ in range(runs):
                    page_cache().clear()
                    start = time.perf_counter()
                    client.get(url, HTTP_HOST=host)
                    cold.append((time.perf_counter() - start) * 1000)
                    start = time.perf_counter()
                    client.get(url, HTTP_HOST=host)
                    warm.append((time.perf_counter() - start) * 1000)
                self.stdout.write(
                    f"{name:<12} {len(queries):>8} {statistics.median(cold):>9.1f} {_percentile(cold, 95):>9.1f}"
                    f" {statistics.median(warm):>9.2f} {_percentile(warm, 95):>9.2f}"
                )
