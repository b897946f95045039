"""Measure what page views cost: beacons through the full middleware stack, and the database
writes they cause (README "Readers" figures)."""

import time

from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from readership.counter import flush_day
from sites.models import Site


class Command(BaseCommand):
    help = "Đo chi phí đếm lượt xem: N lượt xem gửi bằng beacon vào M bài của một trang."

    def add_arguments(self, parser):
        parser.add_argument("--views", type=int, default=2000)
        parser.add_argument("--pages", type=int, default=20)
        parser.add_argument("--site", default="", help="mã trang (slug); mặc định: trang mặc định")

    def handle(self, *args, views, pages, site, **options):
        from django.utils import timezone

        site = Site.objects.get(slug=site) if site else Site.objects.default()
        host = site.hosts[0] if site.hosts else "localhost"
        paths = [a.get_absolute_url() for a in Article.objects.published().for_site(site).select_related("category")[:pages]]
        if not paths:
            self.stderr.write("Trang chưa có bài viết đã xuất bản.")
            return
        client = Client(HTTP_HOST=host)
        flush_day(timezone.localdate())
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            for n in range(views):
                response = client.post("/ban-doc/luot-xem/", paths[n % len(paths)].encode(),
                                       content_type="text/plain", REMOTE_ADDR=f"203.0.113.{n % 250}")
                assert response.status_code == 204, response.status_code
            elapsed = time.perf_counter() - started
        writes = sum(1 for q in queries.captured_queries
                     if q["sql"].lstrip().upper().startswith(("UPDATE", "INSERT")) and "readership_pageviews" in q["sql"])
        with CaptureQueriesContext(connection) as flushed:
            moved = flush_day(timezone.localdate())
        final = sum(1 for q in flushed.captured_queries if "readership_pageviews" in q["sql"])
        self.stdout.write(
            f"{views} lượt xem vào {len(paths)} bài ({connection.vendor}, cache {self._cache()}): "
            f"{elapsed / views * 1000:.2f} ms mỗi beacon, {writes} lệnh ghi vào bảng lượt xem "
            f"({writes / views * 1000:.0f} trên 1.000 lượt xem); flush_page_views ghi nốt {moved} lượt "
            f"bằng {final} lệnh."
        )

    def _cache(self):
        from django.conf import settings

        return settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
