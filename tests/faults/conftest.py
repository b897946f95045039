"""The fault suite: the production server (gunicorn) with its own Redis and database, under load.

Run alone with `make test PYTEST_ARGS="-m faults"` (the default run leaves it out, see
pyproject.toml). Each test breaks one part (Redis killed or paused, database connections
killed) while a threaded client asks for pages, and prints what readers got: the figures are
collected here and shown at the end of the run.

The database is the fault suite's own: a file under pytest's temporary folder on SQLite, or
`<name>_faults` beside the database DATABASE_URL names on PostgreSQL. It is migrated and given
a section and some articles once per run.
"""

import json
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.fixtures.processes import ROOT, clean_environment
from tests.fixtures.redis import RedisServer, free_port

from . import load

FIGURES = []
EDITOR = ("bientap", "mat-khau-chi-de-thu-loi-7431")

SEED = """
import json
from datetime import timedelta
from django.utils import timezone
from django.contrib.auth import get_user_model
from articles.models import Article, ArticleAuthor, Author, Category
get_user_model().objects.create_superuser("%s", "bientap@example.vn", "%s")
section, _ = Category.objects.get_or_create(slug="thoi-su", defaults={"name": "Thời sự"})
author, _ = Author.objects.get_or_create(slug="viet-hang", defaults={"name": "Việt Hằng"})
now = timezone.now()
paragraph = ("<p>Ban Dân vận xã Bến Lức tổ chức hội nghị sơ kết công tác dân vận và thực hiện "
             "quy chế dân chủ ở cơ sở; các đại biểu trao đổi kinh nghiệm vận động nhân dân.</p>")
for n in range(1, 21):
    article = Article.objects.create(
        title=f"Bến Lức: tin thử số {n} về công tác dân vận",
        slug=f"tin-thu-{n}", sapo=f"Tóm tắt tin thử số {n}.", body=paragraph * 6,
        category=section, status=Article.Status.PUBLISHED,
        publish_at=now - timedelta(minutes=n),
    )
    ArticleAuthor.objects.create(article=article, author=author, position=0)
    article.refresh_derived()
print(json.dumps({
    "section": section.get_absolute_url(),
    "articles": {a.pk: a.get_absolute_url() for a in Article.objects.order_by("pk")},
}))
"""


def _database_url(tmp_path_factory):
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        import psycopg

        parts = urlsplit(url)
        name = parts.path.lstrip("/") + "_faults"
        admin = parts._replace(path="/postgres").geturl()
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
        return parts._replace(path="/" + name).geturl()
    return f"sqlite:///{tmp_path_factory.mktemp('faults-db') / 'faults.sqlite3'}"


def manage(*args, env, timeout=180):
    """`manage.py <args>` in its own process against the fault suite's database."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args], cwd=ROOT,
        env=clean_environment(**env), capture_output=True, text=True, timeout=timeout,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@pytest.fixture(scope="session")
def fault_site(tmp_path_factory):
    """The fault suite's database, migrated and seeded: {"env": …, "section": url, "articles": {pk: url}}."""
    env = {
        "DATABASE_URL": _database_url(tmp_path_factory),
        "SECRET_KEY": "fault-suite-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        "DEBUG": "false", "HTTPS": "false", "ALLOWED_HOSTS": "127.0.0.1",
    }
    manage("migrate", "--noinput", "-v0", env=env)
    if not (ROOT / "staticfiles" / "staticfiles.json").exists():
        manage("collectstatic", "--noinput", "-v0", env=env)
    seeded = json.loads(manage("shell", "-c", SEED % EDITOR, env=env).strip().splitlines()[-1])
    yield {"env": env, **seeded}
    url = env["DATABASE_URL"]
    if url.startswith("postgres"):
        import psycopg

        parts = urlsplit(url)
        with psycopg.connect(parts._replace(path="/postgres").geturl(), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{parts.path.lstrip("/")}" WITH (FORCE)')


@pytest.fixture(scope="module")
def fault_redis(tmp_path_factory):
    server = RedisServer(tmp_path_factory.mktemp("faults-redis")).start()
    yield server
    server.stop()


class AppServer:
    """`gunicorn benluc.wsgi` as `make serve` runs it, on a free port; its log in files."""

    def __init__(self, directory, env):
        self.directory = Path(directory)
        self.port = free_port()
        self.env = {**env, "BIND": f"127.0.0.1:{self.port}"}
        self.process = None

    def start(self):
        self.out = open(self.directory / "access.log", "ab")
        self.err = open(self.directory / "server.log", "ab")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "benluc.wsgi", "-c", "python:benluc.gunicorn_conf"],
            cwd=ROOT, env=clean_environment(**self.env), stdout=self.out, stderr=self.err,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.log()
            try:
                if self.get("/")[0] == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError("gunicorn did not answer: " + self.log())

    def get(self, path, headers=None):
        """(status, body) of one GET, with no retry of our own."""
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}",
                                         headers=headers or {})
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def log(self):
        return (self.directory / "server.log").read_text(errors="replace")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=20)
        self.out.close()
        self.err.close()


# "Short settings": Redis is retried after 1 s instead of 5, so a test sees an outage begin
# and end within a few seconds of load. Two workers: the per-process parts are exercised.
SERVER_ENV = {
    "CACHE_RETRY_SECONDS": "1",
    "CACHE_SOCKET_TIMEOUT": "0.25",
    "WEB_CONCURRENCY": "2",
    "GUNICORN_THREADS": "4",
    "LOG_LEVEL": "INFO",
    "COMMENTS_MIN_SUBMIT_SECONDS": "0",
    "COMMENTS_RATE_LIMIT": "5",
    "COMMENTS_MAIL_IN_BACKGROUND": "false",
    "EMAIL_URL": "dummymail://",
    "TRUSTED_PROXIES": "127.0.0.1",  # so each test can speak for its own client address
}


@pytest.fixture(scope="module")
def app_server(fault_site, fault_redis, tmp_path_factory):
    env = {**fault_site["env"], **SERVER_ENV, "CACHE_URL": fault_redis.url}
    server = AppServer(tmp_path_factory.mktemp("faults-server"), env).start()
    yield server
    server.stop()


@pytest.fixture
def report():
    """Record a table of figures for the end of the run: report(title, [figures, ...])."""

    def add(title, rows, notes=()):
        FIGURES.append((title, rows, list(notes)))

    return add


@pytest.fixture
def generate():
    return load.generate


def pytest_terminal_summary(terminalreporter):
    if not FIGURES:
        return
    write = terminalreporter.write_line
    terminalreporter.section("fault suite: what readers got")
    for title, rows, notes in FIGURES:
        write(title)
        if rows:
            write(f"  {'phase':<28}{'requests':>9}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}"
                  f"{'max ms':>9}  statuses")
        for row in rows:
            if not row.get("requests"):
                write(f"  {row['label']:<28}{0:>9}")
                continue
            write(f"  {row['label']:<28}{row['requests']:>9}{row['per_second'] or 0:>8}"
                  f"{row['p50_ms']:>9}{row['p95_ms']:>9}{row['max_ms']:>9}  {row['statuses']}")
        for note in notes:
            write(f"  {note}")
