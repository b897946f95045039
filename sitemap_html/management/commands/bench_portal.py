"""Time the portal pages (work schedule, organisation, /en/, site map) in-process.

    .venv/bin/python manage.py bench_portal --items 500 --runs 30

Makes (once) a site `bench-portal-<items>` on host bench-portal-<items>.test with --items schedule entries
(spread over the weeks around this one, ten a day in this week), organisation pages, leaders
and offices, then requests each page cold (cache cleared) and warm. Prints the SQL queries
of a cold render, median and p95. A benchmark, not a test: figures depend on the machine.
"""

import statistics
import time
from datetime import time as clock, timedelta

from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test import Client
from django.test.utils import override_settings

from organisation.models import Department, Leader, Page, Profile
from schedule.models import ScheduleEntry
from schedule.weeks import Week
from sites.cache import page_cache
from sites.models import Site



def _percentile(values, pct):
    values = sorted(values)
    return values[min(len(values) - 1, round(pct / 100 * (len(values) - 1)))]


class Command(BaseCommand):
    help = "Đo thời gian phục vụ các trang lịch công tác, giới thiệu, /en/ và sơ đồ trang."

    def add_arguments(self, parser):
        parser.add_argument("--items", type=int, default=500)
        parser.add_argument("--runs", type=int, default=30)

    @transaction.atomic
    def make_site(self, items):
        site, created = Site.objects.get_or_create(slug=f"bench-portal-{items}", defaults={
            "name": "Trang đo hiệu năng", "short_name": "Đo hiệu năng", "host": f"bench-portal-{items}.test",
            "agency": "Ủy ban nhân dân xã Đo Hiệu Năng", "address": "Số 1", "phone": "0272 000 000",
        })
        if not created:
            return site
        monday = Week.current().monday
        entries = [ScheduleEntry(site=site, date=monday + timedelta(days=n % 5), starts_at=clock(7 + n % 10),
                                 content=f"Họp giao ban số {n}", place="Phòng họp", chair="Chủ tịch UBND xã",
                                 attendees="Các Phó Chủ tịch", preparer="Văn phòng") for n in range(50)]
        entries += [ScheduleEntry(site=site, date=monday + timedelta(days=7 * (n // 10 - items // 20) + n % 5),
                                  starts_at=clock(8), content=f"Công việc số {n}") for n in range(max(items - 50, 0))]
        ScheduleEntry.objects.bulk_create(entries)
        Profile.objects.create(site=site, intro="Giới thiệu.", name_en="People's Committee", intro_en="About.")
        Page.objects.bulk_create([Page(site=site, title=f"Trang {n}", slug=f"trang-{n}", position=n,
                                       body="<p>" + "Nội dung trang giới thiệu. " * 80 + "</p>",
                                       body_en="<p>" + "English text. " * 80 + "</p>") for n in range(items)])
        Leader.objects.bulk_create([Leader(site=site, name=f"Lãnh đạo {n}", title="Phó Chủ tịch UBND xã",
                                           title_en="Vice Chairman", phone="0913 000 000", position=n)
                                    for n in range(items)])
        Department.objects.bulk_create([Department(site=site, name=f"Phòng {n}", name_en=f"Division {n}",
                                                   phone="0272 000 001", email="p@example.com", position=n)
                                        for n in range(items)])
        return site

    def handle(self, *args, items, runs, **options):
        host = self.make_site(items).host
        pages = {
            "lịch tuần này": "/lich-cong-tac/",
            "lịch tuần khác": f"/lich-cong-tac/?tuan={Week.current().shifted(-3)}",
            "lịch .ics": "/lich-cong-tac/lich.ics",
            "giới thiệu": "/gioi-thieu/",
            "một trang": "/gioi-thieu/trang-0/",
            "lãnh đạo": "/gioi-thieu/lanh-dao/",
            "liên hệ": "/gioi-thieu/lien-he/",
            "/en/": "/en/",
            "sơ đồ trang": "/so-do-trang/",
        }
        client = Client()
        self.stdout.write(f"{connection.vendor}, {items} mục mỗi loại, {runs} lượt mỗi trang")
        self.stdout.write(f"{'trang':<15} {'truy vấn':>8} {'lạnh p50':>9} {'lạnh p95':>9} {'nóng p50':>9}  (ms)")
        with override_settings(ALLOWED_HOSTS=["*"], HTTPS=False, SECURE_SSL_REDIRECT=False):
            for name, url in pages.items():
                queries = []
                page_cache().clear()
                with connection.execute_wrapper(lambda ex, sql, *a: queries.append(sql) or ex(sql, *a)):
                    assert client.get(url, HTTP_HOST=host).status_code == 200, url
                cold, warm = [], []
                for _ in range(runs):
                    page_cache().clear()
                    start = time.perf_counter()
                    client.get(url, HTTP_HOST=host)
                    cold.append((time.perf_counter() - start) * 1000)
                    start = time.perf_counter()
                    client.get(url, HTTP_HOST=host)
                    warm.append((time.perf_counter() - start) * 1000)
                self.stdout.write(f"{name:<15} {len(queries):>8} {statistics.median(cold):>9.1f} "
                                  f"{_percentile(cold, 95):>9.1f} {statistics.median(warm):>9.2f}")
