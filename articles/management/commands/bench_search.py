"""Time search: median, p95 and max of 200 mixed queries, and the query plan.

    .venv/bin/python manage.py bench_search            # after load_bulk --articles 100000

Uses whatever database DATABASE_URL names. The queries are drawn (with a fixed
seed) from the published articles themselves and from fixed lists: 1 to 4
words, with and without diacritics, upper case, decomposed Unicode (NFD),
common and rare words, and some that match nothing. Each query is timed once
through `search.search()` (ranked ids, the page's articles, snippets)
and once as the whole page through Django's test client. A benchmark, not a
test: figures depend on the machine.
"""

import os
import random
import statistics
import time
import unicodedata

from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone

from benluc.bench import unhashed_static
import search as search_module
from articles.management.commands.load_bulk import RARE_NAMES
from articles.models import Article
from search.filters import parse_filters
from sites.models import Site
from benluc.text import fold, html_text

COMMON = ["huyện", "Bến Lức", "dân vận", "hội nghị", "nông thôn mới", "UBND", "người dân", "xã"]
RARE = ["ST25", "OCOP 5 sao", "nuôi lươn không bùn", "vàm Thủ Đoàn", "đờn ca tài tử",
        "Phú Thịnh", "Khang Đạt", "dưa lưới nhà màng", "đình Long Hiệp", "bến đò Rạch Chanh"]
NOTHING = ["tàu ngầm", "bitcoin", "xyzzy", "điện hạt nhân Ninh Thuận", "World Cup 2030",
           "máy bay không người lái", "kangaroo", "quantum computing"]


def _percentile(values, pct):
    values = sorted(values)
    return values[min(len(values) - 1, round(pct / 100 * (len(values) - 1)))]


def _variant(rng, text):
    """The same words as a reader might type them."""
    roll = rng.random()
    if roll < 0.4:
        return fold(text)  # no diacritics, lower case
    if roll < 0.5:
        return text.upper()
    if roll < 0.65:
        return unicodedata.normalize("NFD", text)  # e.g. some phone keyboards
    return text


def mixed_queries(count=200, seed=7, site=None):
    """`count` queries of 1–4 words, a fixed mix of sources and spellings (from `site`'s articles if given)."""
    rng = random.Random(seed)
    published = Article.objects.published()
    if site is not None and not site.is_portal:
        published = published.for_site(site)
    pks = list(published.values_list("pk", flat=True)[:50_000])
    sample = Article.objects.filter(pk__in=rng.sample(pks, min(len(pks), count))).values_list(
        "title", "body"
    )
    texts = [(title, html_text(body)) for title, body in sample]
    queries = []
    for i in range(count):
        kind = i % 10
        if kind in (0, 1, 2, 3):  # a few words of a headline
            words = rng.choice(texts)[0].split()
        elif kind in (4, 5, 6):  # a few words from a report's text
            words = rng.choice(texts)[1].split()
        elif kind == 7:
            words = rng.choice(COMMON).split()
        elif kind == 8:
            # Half rare phrases, half uncommon names (few results: the GIN path).
            words = rng.choice(RARE).split() if i % 20 == 8 else rng.sample(RARE_NAMES, rng.choice((1, 1, 2)))
        else:
            words = rng.choice(NOTHING).split()
        size = min(len(words), rng.choice((1, 2, 2, 3, 3, 4)))
        start = rng.randrange(0, len(words) - size + 1)
        phrase = " ".join(w.strip(".,:;“”") for w in words[start : start + size])
        queries.append(_variant(rng, phrase))
    return queries


class Command(BaseCommand):
    help = "Đo thời gian tìm kiếm: trung vị, p95 và lớn nhất của 200 truy vấn hỗn hợp."

    def add_arguments(self, parser):
        parser.add_argument("--queries", type=int, default=200)
        parser.add_argument("--seed", type=int, default=7)
        parser.add_argument("--show", action="store_true", help="In từng truy vấn và thời gian.")
        parser.add_argument(
            "--site", help="Slug of a site: a commune's search covers that commune, a portal's the whole "
                           "province (as readers get them). Default: every article, on the default host.",
        )

    def handle(self, *args, queries, seed, show, site=None, **options):
        total = Article.objects.count()
        published = Article.objects.published().count()
        site = Site.objects.get(slug=site) if site else None
        mix = mixed_queries(queries, seed, site)
        scope = "mọi bài"
        if site is not None:
            scope = f"{site.name}: " + ("toàn tỉnh" if site.is_portal else f"{site.articles.count()} bài của đơn vị")
        self.stdout.write(
            f"{connection.vendor}: {total} bài ({published} đang hiển thị), {len(mix)} truy vấn, {scope};"
            f" tải máy (load average 1 phút) {os.getloadavg()[0]:.2f}"
        )
        filters, only = None, None
        if site is not None and site.is_portal:
            filters = parse_filters({}, [], site)  # the whole province, as the portal's readers search
        elif site is not None:
            only = site
        host = {"HTTP_HOST": site.host} if site is not None and site.host else {}
        # Warm the connection and the code paths, not the answers: other words.
        for warm in ("khen thưởng", "an sinh"):
            search_module.search(search_module.parse_query(warm).words, filters, site=only)

        timings, pages, hits, sql_counts = [], [], 0, set()
        client = Client()
        hosts = ["testserver", *host.values()]
        with override_settings(ALLOWED_HOSTS=hosts, HTTPS=False, SECURE_SSL_REDIRECT=False,
                               STORAGES=unhashed_static()):
            for text in mix:
                parsed = search_module.parse_query(text)
                with CaptureQueriesContext(connection) as captured:
                    start = time.perf_counter()
                    page = search_module.search(parsed.words, filters, spelled=parsed.spelled, site=only)
                    elapsed = (time.perf_counter() - start) * 1000
                timings.append(elapsed)
                sql_counts.add(len(captured))
                hits += bool(page.total)
                start = time.perf_counter()
                response = client.get("/tim-kiem/", {"q": text}, **host)
                pages.append((time.perf_counter() - start) * 1000)
                assert response.status_code == 200, text
                if show:
                    self.stdout.write(f"{elapsed:8.1f} ms  {page.total:>4} kết quả  {text!r}")

        self.stdout.write(
            f"{len(mix) - hits} truy vấn không có kết quả; {sorted(sql_counts)} câu SQL mỗi lần tìm;"
            f" tải máy lúc xong {os.getloadavg()[0]:.2f}"
        )
        self.stdout.write(f"{'':<28}{'trung vị':>10}{'p95':>10}{'lớn nhất':>10}  (ms)")
        for label, values in (("search() (SQL + trích đoạn)", timings), ("cả trang /tim-kiem/", pages)):
            self.stdout.write(
                f"{label:<28}{statistics.median(values):>10.1f}{_percentile(values, 95):>10.1f}{max(values):>10.1f}"
            )
        self.explain(mix)

    def explain(self, mix):
        """Plans of the statements search() runs: a common query, and one with few results."""
        now = timezone.now()
        base = Article.objects.published(now)
        samples = ["hội nghị dân vận"]
        for text in mix:
            words = search_module.parse_query(text).words
            if 0 < search_module.count_and_cutoff(base, words)[0] <= search_module.MAX_RESULTS:
                samples.append(text)
                break
        for text in samples:
            words = search_module.parse_query(text).words
            total, cutoff = search_module.count_and_cutoff(base, words)
            many = total > search_module.MAX_RESULTS
            statements = [
                ("đếm", *search_module.count_sql(base, words)),
                ("xếp hạng", *search_module.ranked_sql(base, words, search_module.RESULTS_PER_PAGE, many, cutoff)),
            ]
            for label, sql, params in statements:
                self.stdout.write(f"\n-- {text!r} ({'hơn ' if many else ''}{min(total, 500)} kết quả), câu {label}:")
                with connection.cursor() as cursor:
                    if connection.vendor == "postgresql":
                        cursor.execute("SET max_parallel_workers_per_gather = 0")
                        cursor.execute(f"EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) {sql}", params)
                        lines = _executed([row[0] for row in cursor.fetchall()])
                        cursor.execute("RESET max_parallel_workers_per_gather")
                    else:
                        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
                        lines = [str(row[-1]) for row in cursor.fetchall()]
                self.stdout.write("\n".join(lines))


def _executed(lines):
    """The plan without the parts PostgreSQL never ran (the tiers after the page was full)."""
    kept, skipped, skip_below = [], 0, None
    for line in lines:
        depth = len(line) - len(line.lstrip())
        if skip_below is not None and depth > skip_below:
            continue
        skip_below = None
        if "never executed" in line:
            skip_below, skipped = depth, skipped + 1
            continue
        if line.strip().startswith(("Filter:", "Recheck Cond:", "Sort Key:", "Presorted Key:", "Full-sort Groups:", "Sort Method:")):
            continue
        kept.append(line)
    return kept + [f"({skipped} phần không phải chạy)"] if skipped else kept
