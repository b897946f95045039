"""Time the public pages in-process, side by side with floors measured in the same run.

    .venv/bin/python manage.py bench_pages --runs 50 [--site xa-001]

The pages of one site (by default the commune with the most articles, else the only
site), requested on that site's own host, and its province portal's home page. Each page
three ways: cold (every cache cleared), built (the page cache off, as PAGE_CACHE_SECONDS=0:
the page is rendered, the fragments shared by many pages come from the cache) and from the
page cache. Floors through the same middleware (bench/views.py): a view returning 40 KB
(the floor) and a page of teasers from a template (the template floor). Ratios are
floor time / page time (1.0: as cheap as the floor). Times are the CPU time of the request's
thread (time.thread_time: SQLite's work included, a PostgreSQL server's not), which other work
on a busy machine disturbs far less than wall time; the cold columns are
wall time (the database server's work included): what a reader waits for.

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

from benluc.bench import unhashed_static
from benluc.settings import BASE_DIR, TEMPLATES

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
        bench_templates = [{**TEMPLATES[0], "DIRS": [*TEMPLATES[0]["DIRS"], BASE_DIR / "bench" / "templates"]}]
        with override_settings(ALLOWED_HOSTS=["*"], HTTPS=False, SECURE_SSL_REDIRECT=False, STORAGES=unhashed_static(),
                               ROOT_URLCONF="bench.urls", TEMPLATES=bench_templates):
            floor = self.median(client, host, "/__bench/floor/", runs)
            template_floor = self.median(client, host, "/__bench/template-floor/", runs)
            self.stdout.write(f"nền (view trả 40 KB): {floor:.2f} ms; nền mẫu (trang tin từ template): "
                              f"{template_floor:.2f} ms")
            self.stdout.write(
                f"{'trang':<12} {'truy vấn':>8} {'lạnh p50':>9} {'lạnh p95':>9} {'dựng p50':>9} {'dựng p95':>9} "
                f"{'đệm p50':>8}  {'dựng/nền mẫu':>12} {'đệm/nền':>8}  (lạnh: ms thực; còn lại: ms CPU; tỉ lệ = nền / trang)"
            )
            for name, (host, url) in pages.items():
                cold, built, warm = [], [], []
                page_cache().clear()
                queries = []
                # An execute wrapper, not connection.queries: each request resets that log.
                with connection.execute_wrapper(lambda ex, sql, *a: queries.append(sql) or ex(sql, *a)):
                    assert client.get(url, HTTP_HOST=host).status_code == 200, url
                for _ in range(runs):
                    page_cache().clear()
                    cold.append(self.wall_time(client, host, url))
                page_cache().clear()  # the pages; the fragments come back at the first build
                with override_settings(PAGE_CACHE_SECONDS=0):
                    for _ in range(runs):
                        built.append(self.time(client, host, url))
                client.get(url, HTTP_HOST=host)
                for _ in range(runs):
                    warm.append(self.time(client, host, url))
                self.stdout.write(
                    f"{name:<12} {len(queries):>8} {statistics.median(cold):>9.1f} {_percentile(cold, 95):>9.1f} {statistics.median(built):>9.1f}"
                    f" {_percentile(built, 95):>9.1f} {statistics.median(warm):>8.2f}"
                    f"  {template_floor / statistics.median(built):>12.2f} {floor / statistics.median(warm):>8.2f}"
                )

    @staticmethod
    def time(client, host, url):
        """CPU time of one request in this thread (SQLite's work included, PostgreSQL's not):
        what a page costs, much less disturbed by other work on the machine than wall time."""
        start = time.thread_time()
        client.get(url, HTTP_HOST=host)
        return (time.thread_time() - start) * 1000

    @staticmethod
    def wall_time(client, host, url):
        """Elapsed time of one request, the database server's work included (the cold columns:
        what a reader waits for when nothing is cached)."""
        start = time.perf_counter()
        client.get(url, HTTP_HOST=host)
        return (time.perf_counter() - start) * 1000

    def median(self, client, host, url, runs):
        assert client.get(url, HTTP_HOST=host).status_code == 200, url
        return statistics.median(self.time(client, host, url) for _ in range(runs))
