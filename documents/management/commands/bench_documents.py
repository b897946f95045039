"""Time the documents pages of one site holding N documents, cold (page cache cleared).

    .venv/bin/python manage.py bench_documents --count 20000 --runs 20

Makes a throw-away site with N documents (bulk insert, derived columns filled as save() fills
them), times the list, a filtered list, searches by number/symbol and by words, and a
document page through the full middleware stack, then rolls everything back: the database
is left as it was. Uses whatever database the environment configures. A benchmark, not a
test: figures depend on the machine.
"""

import statistics
import time
from datetime import date, timedelta

from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from documents.models import Document, DocumentType, Issuer, Sector
from sites.cache import page_cache
from sites.models import Site, forget_sites

HOST = "bench-van-ban.invalid"
WORDS = ["phòng chống dịch bệnh", "quản lý đất đai", "xây dựng nông thôn mới", "dự toán ngân sách",
         "tiếp công dân", "trật tự xây dựng", "giáo dục mầm non", "chuyển đổi số"]


class Rollback(Exception):
    pass


def _percentile(values, pct):
    values = sorted(values)
    return values[min(len(values) - 1, round(pct / 100 * (len(values) - 1)))]


class Command(BaseCommand):
    help = "Đo thời gian trang văn bản của một trang có N văn bản (không dùng bộ nhớ đệm trang)."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=20000)
        parser.add_argument("--runs", type=int, default=20)

    def handle(self, *args, count, runs, **options):
        try:
            with transaction.atomic():
                self.run(count, runs)
                raise Rollback
        except Rollback:
            forget_sites()

    def run(self, count, runs):
        site = Site.objects.create(name="Trang đo văn bản", short_name="Đo", slug="bench-van-ban", host=HOST)
        forget_sites()
        issuers = [Issuer.objects.create(site=site, name=f"Cơ quan {n}") for n in range(5)]
        sectors = [Sector.objects.create(site=site, name=f"Lĩnh vực {n}") for n in range(8)]
        types = list(DocumentType.values)
        started = time.perf_counter()
        batch = []
        for n in range(count):
            document = Document(
                site=site, issuer=issuers[n % 5], sector=sectors[n % 8], doc_type=types[n % len(types)],
                number=f"{n + 1}/{'QĐ' if n % 3 else 'KH'}-UBND",
                summary=f"Về việc {WORDS[n % len(WORDS)]} đợt {n % 97} của xã",
                issued_on=date(2015, 1, 1) + timedelta(days=n % 4000),
            )
            document.refresh_search()
            batch.append(document)
            if len(batch) == 2000:
                Document.objects.bulk_create(batch)
                batch = []
        Document.objects.bulk_create(batch)
        Site.objects.bump([site.pk])
        self.stdout.write(f"{count} văn bản ({connection.vendor}) nạp trong {time.perf_counter() - started:.1f} s")
        detail = Document.objects.filter(site=site).order_by("-issued_on").first()
        pages = {
            "danh sách": "/van-ban/",
            "lọc loại + năm": "/van-ban/?loai=quyet-dinh&nam=2020",
            "trang 50": "/van-ban/?trang=50",
            "tìm 125/QĐ-UBND": "/van-ban/?q=125/QĐ-UBND",
            "tìm qd-ubnd": "/van-ban/?q=qd-ubnd",
            "tìm từ": "/van-ban/?q=phong+chong+dich+benh",
            "văn bản": detail.get_absolute_url(),
        }
        client = Client()
        cache = page_cache()
        self.stdout.write(f"{'trang':<18}{'trung vị':>10}{'p95':>10}{'truy vấn':>10}")
        with override_settings(ALLOWED_HOSTS=[HOST]):
            for name, url in pages.items():
                timings = []
                for _ in range(runs):
                    cache.clear()
                    with CaptureQueriesContext(connection) as queries:
                        begin = time.perf_counter()
                        response = client.get(url, HTTP_HOST=HOST)
                        timings.append((time.perf_counter() - begin) * 1000)
                    assert response.status_code == 200, (url, response.status_code)
                self.stdout.write(
                    f"{name:<18}{statistics.median(timings):>8.1f}ms{_percentile(timings, 95):>8.1f}ms"
                    f"{len(queries):>10}"
                )
