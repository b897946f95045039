"""Comment rules hold when posts arrive together, through the real server (gunicorn).

Each test starts `gunicorn benluc.wsgi` with the project's gunicorn settings, as
`make serve` does, and fires 20 posts at once from 20 threads:

- three processes of 8 threads each, without Redis (what `make serve` runs on one
  machine) and with a private `redis-server` on a free port: the rate limit holds
  across processes whatever the cache;
- on PostgreSQL the server uses this test run's database (the test is
  transactional, so it sees committed rows and the rows go afterwards); on SQLite
  a database file of its own in the test's temporary folder.

Figures are printed (`pytest -s -m concurrency`); they run with the fault suite (`-m faults`).
"""

import http.client
import json
import re
import shutil
import threading
import time
import urllib.parse
from collections import Counter

import pytest
from django.db import connection
from django.urls import reverse

from tests.fixtures.redis import RedisServer

# Part of the fault suite (`make test PYTEST_ARGS="-m faults"`, run by .ci/run on both
# databases), not of the default run: each test starts gunicorn (and Redis).
pytestmark = [pytest.mark.concurrency, pytest.mark.faults, pytest.mark.django_db(transaction=True)]

RATE_LIMIT = 5
POSTS = 20


@pytest.fixture(params=["no-redis", "redis"])
def live_stack(request, tmp_path, start_server, manage):
    """A running gunicorn (tests/fixtures/servers.py) and manage.py against its database."""
    env = {
        "DATABASE_URL": _database_url(tmp_path),
        "SECRET_KEY": "live-stack-test-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        "DEBUG": "false",
        "HTTPS": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": "http://127.0.0.1",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "CACHE_DIR": str(tmp_path / "cache"),
        # The test client stands for nginx: it says who each reader is.
        "TRUSTED_PROXIES": "127.0.0.1",
        "COMMENTS_RATE_LIMIT": str(RATE_LIMIT),
        "COMMENTS_MIN_SUBMIT_SECONDS": "0",
        # Moderators' digests land as files; at most one a second.
        "EMAIL_URL": f"filemail:///{tmp_path / 'mail'}",  # four slashes: an absolute path
        "COMMENTS_NOTIFY_EMAILS": "kiemduyet@example.com",
        "COMMENTS_DIGEST_SECONDS": "1",
        "GUNICORN_THREADS": "8",
        "WEB_CONCURRENCY": "3",
    }
    redis = None
    if request.param == "redis":
        if not shutil.which("redis-server"):
            pytest.fail("redis-server is missing (apt-get install redis-server).")
        redis = RedisServer(tmp_path).start()
        env["CACHE_URL"] = redis.url
    try:
        if connection.vendor != "postgresql":
            manage("migrate", "--noinput", "-v0", env=env)
        server = start_server(env)
        yield {"server": server, "port": server.port, "cache": request.param, "mail": tmp_path / "mail",
               "manage": lambda *args: manage(*args, env=env)}
    finally:
        if redis is not None:
            redis.stop()


def _database_url(tmp_path):
    """This test run's PostgreSQL database (rows committed by the test are seen), or a new file."""
    if connection.vendor == "postgresql":
        s = connection.settings_dict
        password = f":{urllib.parse.quote(s['PASSWORD'])}" if s.get("PASSWORD") else ""
        return f"postgres://{s['USER']}{password}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"
    return f"sqlite:///{tmp_path / 'live.sqlite3'}"


SETUP = """
from datetime import timedelta
from django.utils import timezone
from articles.models import Article, Category
category = Category.objects.create(name="Bến Lức", slug="ben-luc", position=0)
article = Article.objects.create(
    title="Bến Lức: Hội nghị đánh giá công tác Dân vận", sapo="Tóm tắt.", body="<p>Nội dung.</p>",
    category=category, status="published", publish_at=timezone.now() - timedelta(hours=1),
)
print(article.pk)
"""

COUNT = """
from comments.models import Comment
print(Comment.objects.filter(article_id={pk}).count())
"""


def _form_tokens(live_stack, pk):
    """The CSRF token (as comments.js asks for it) and the form's time stamp."""
    conn = http.client.HTTPConnection("127.0.0.1", live_stack["port"], timeout=30)
    conn.request("GET", reverse("comments:page", args=[pk]))
    response = conn.getresponse()
    html = response.read().decode()
    assert response.status == 200, live_stack["server"].log.read_text()[-3000:]
    issued = re.search(r'name="issued" value="([^"]+)"', html).group(1)
    conn.request("GET", reverse("comments:token"))
    response = conn.getresponse()
    csrf = json.loads(response.read())["token"]
    conn.close()
    return csrf, issued


def _post_together(port, path, bodies):
    """POST every (fields, forwarded address) of `bodies` at the same moment; the statuses."""
    barrier = threading.Barrier(len(bodies))
    statuses = [None] * len(bodies)

    def post(n, fields, address):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        conn.connect()
        payload = urllib.parse.urlencode(fields)
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={fields['csrfmiddlewaretoken']}",
            "X-Forwarded-For": address,
        }
        barrier.wait()
        conn.request("POST", path, body=payload, headers=headers)
        response = conn.getresponse()
        response.read()
        statuses[n] = response.status
        conn.close()

    threads = [threading.Thread(target=post, args=(n, *body)) for n, body in enumerate(bodies)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses, time.perf_counter() - started


def _article(live_stack):
    pk = int(live_stack["manage"]("shell", "-v0", "-c", SETUP).strip())
    return pk, reverse("comments:block", args=[pk])


def _stored(live_stack, pk):
    return int(live_stack["manage"]("shell", "-v0", "-c", COUNT.format(pk=pk)).strip())


def test_twenty_copies_of_one_comment_sent_together_are_stored_once(live_stack):
    pk, path = _article(live_stack)
    csrf, issued = _form_tokens(live_stack, pk)
    fields = {
        "csrfmiddlewaretoken": csrf, "issued": issued, "website": "", "parent": "",
        "name": "Nguyễn Văn An", "email": "an@example.com",
        "body": "Đề nghị xã sớm sửa đoạn đường vào ấp Chợ trước mùa mưa.",
    }
    # From twenty addresses (one per request), so the rate limit plays no part: the
    # e-mail is what makes them the same sender.
    bodies = [(fields, f"203.0.113.{n + 1}") for n in range(POSTS)]
    statuses, seconds = _post_together(live_stack["port"], path, bodies)
    stored = _stored(live_stack, pk)
    print(f"\n[{connection.vendor}, {live_stack['cache']}] {POSTS} identical posts at once: "
          f"{stored} stored, answers {dict(Counter(statuses))}, {seconds:.2f} s")
    assert stored == 1
    # One is taken (201); the others get the form back with the duplicate message (200).
    assert Counter(statuses) == {201: 1, 200: POSTS - 1}


def test_twenty_posts_from_one_address_sent_together_store_exactly_the_limit(live_stack):
    pk, path = _article(live_stack)
    csrf, issued = _form_tokens(live_stack, pk)
    bodies = [
        ({"csrfmiddlewaretoken": csrf, "issued": issued, "website": "", "parent": "",
          "name": "Trần Thị Bình", "email": f"binh-{n}@example.com",
          "body": f"Ý kiến thứ {n} về việc nạo vét kênh thủy lợi."}, "198.51.100.7")
        for n in range(POSTS)
    ]
    statuses, seconds = _post_together(live_stack["port"], path, bodies)
    stored = _stored(live_stack, pk)
    print(f"\n[{connection.vendor}, {live_stack['cache']}] {POSTS} posts from one address at once "
          f"(limit {RATE_LIMIT}): {stored} stored, answers {dict(Counter(statuses))}, {seconds:.2f} s")
    assert stored == RATE_LIMIT
    assert Counter(statuses) == {201: RATE_LIMIT, 429: POSTS - RATE_LIMIT}


def test_sixty_comments_make_a_few_digests_from_one_thread_per_process(live_stack):
    """After commit, off the request: each process has at most one digest thread per site,
    and the database lets one process send per interval (COMMENTS_DIGEST_SECONDS=1 here)."""
    pk, path = _article(live_stack)
    csrf, issued = _form_tokens(live_stack, pk)
    started = time.perf_counter()
    for n in range(60):
        statuses, _ = _post_together(live_stack["port"], path, [(
            {"csrfmiddlewaretoken": csrf, "issued": issued, "website": "", "parent": "",
             "name": "Lê Văn Cường", "email": f"cuong-{n}@example.com",
             "body": f"Ý kiến số {n} về lịch tiếp công dân."}, f"203.0.113.{n + 1}")])
        assert statuses == [201]
    posting = time.perf_counter() - started
    # The last interval ends and its digest goes out: wait for it (a loaded machine may take
    # longer than the 1 s interval), up to 20 s, then count.
    deadline = time.perf_counter() + 20
    while True:
        messages = "".join(path.read_text() for path in sorted(live_stack["mail"].glob("*.log")))
        sent = messages.count("\nSubject: ")
        # Each digest lists up to 50 comments one by one and counts the rest ("… và 9 ý kiến khác").
        listed = messages.count("Duyệt: http://127.0.0.1/admin/comments/comment/") + sum(
            int(n) for n in re.findall(r"… và (\d+) ý kiến khác", messages)
        )
        if listed >= 60 or time.perf_counter() > deadline:
            break
        time.sleep(0.25)
    print(f"\n[{connection.vendor}, {live_stack['cache']}] 60 comments in {posting:.1f} s: "
          f"{sent} digests listing {listed} comments")
    assert listed == 60, live_stack["server"].log.read_text()[-3000:]  # each comment in exactly one digest
    # The first at once, then at most one per interval (1 s) while posting, then the last.
    assert 2 <= sent <= posting + 2
