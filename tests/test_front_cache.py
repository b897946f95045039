"""The front cache of `make front` (deploy/nginx/) in front of gunicorn, over real HTTP.

Readers carrying cookies get the shared copy, staff sessions bypass it, HEAD and a port in
Host share the copy, an unpublished article leaves within 5 s (or at once with a refresh).
"""

import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from .fixtures.processes import ROOT
from .fixtures.servers import free_port, stop, wait_for_port

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"

SEED = """
from django.utils import timezone
from articles.models import Article, ArticleAuthor, Author, Category
category = Category.objects.create(name="Bến Lức", slug="ben-luc")
author = Author.objects.create(name="Việt Hằng")
article = Article.objects.create(
    category=category, title="Hội nghị sơ kết công tác Dân vận", sapo="Tóm tắt.",
    body="<p>Nội dung.</p>", status="published",
    publish_at=timezone.now() - timezone.timedelta(hours=1))
ArticleAuthor.objects.create(article=article, author=author)
article.refresh_derived()
print(article.get_absolute_url())
"""

UNPUBLISH = """
from articles.models import Article
article = Article.objects.get()
article.status = "draft"
article.save()
"""

READER_COOKIES = "csrftoken=" + "a" * 32 + "; _ga=GA1.2.1.2; co-chu=lon"


class Front:
    def __init__(self, port):
        self.url = f"http://127.0.0.1:{port}"

    def request(self, path, method="GET", headers=None):
        """(status, headers, body) of one request on a fresh connection; no redirects."""
        request = urllib.request.Request(self.url + path, method=method, headers=headers or {})
        try:
            with urllib.request.urlopen(request, timeout=20) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read()


@pytest.fixture
def front_site(server_env, manage, start_server, tmp_path):
    """(the front cache in front of a gunicorn, the path of a published article)."""
    manage("migrate", "--noinput", env=server_env)
    path = manage("shell", "-c", SEED, env=server_env).strip().splitlines()[-1]
    app = start_server(server_env)
    port = free_port()
    conf = subprocess.run(
        [sys.executable, str(ROOT / "deploy/nginx/render.py"), "--port", str(port),
         "--upstream", f"127.0.0.1:{app.port}", "--run-dir", str(tmp_path / "front")],
        capture_output=True, text=True, check=True,
    ).stdout.strip()
    run_dir = tmp_path / "front"
    proc = subprocess.Popen(
        [NGINX, "-p", f"{run_dir}/", "-c", conf, "-e", str(run_dir / "error.log"), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT, start_new_session=True,
    )
    try:
        wait_for_port(port, proc, timeout=20, log=run_dir / "error.log")
        yield Front(port), path
    finally:
        stop(proc)


def _status(headers):
    return headers.get("X-Cache-Status")


@pytest.mark.front
def test_readers_with_cookies_share_one_copy_and_staff_bypass_it(front_site):
    front, path = front_site
    status, headers, first = front.request(path)
    assert status == 200 and _status(headers) == "MISS"
    for cookies in ("", READER_COOKIES, "csrftoken=malformed!"):
        status, headers, body = front.request(path, headers={"Cookie": cookies} if cookies else {})
        assert (status, _status(headers), body) == (200, "HIT", first), cookies
        assert "Set-Cookie" not in headers
    # A port in Host is the same page, not a new copy; HEAD is answered from the same copy.
    assert _status(front.request(path, headers={"Host": "127.0.0.1:9999"})[1]) == "HIT"
    status, headers, body = front.request(path, method="HEAD")
    assert (status, _status(headers), body) == (200, "HIT", b"")
    assert headers["Cache-Control"] == "public, max-age=0, s-maxage=3, stale-while-revalidate=2"
    # A staff session always reaches Django, and its answer is never stored.
    for _ in range(2):
        status, headers, _body = front.request(path, headers={"Cookie": READER_COOKIES + "; sessionid=x"})
        assert _status(headers) == "BYPASS" and "private" in headers["Cache-Control"]
    # A browser revalidating its copy gets 304 from the front cache.
    etag = front.request(path)[1]["ETag"]
    assert front.request(path, headers={"If-None-Match": etag})[0] == 304


@pytest.mark.front
def test_an_unpublished_article_leaves_the_front_cache_within_5_seconds(front_site, manage, server_env):
    front, path = front_site
    assert front.request(path)[0] == 200
    assert _status(front.request(path)[1]) == "HIT"
    manage("shell", "-c", UNPUBLISH, env=server_env)
    withdrawn = time.monotonic()
    # Readers keep asking all along (stale copies are served while one request refreshes).
    while front.request(path)[0] == 200:
        assert time.monotonic() - withdrawn < 6, "still served 6 s after it was unpublished"
        time.sleep(0.1)
    assert all(front.request(path)[0] == 404 for _ in range(20))


@pytest.mark.front
def test_after_a_quiet_while_a_withdrawn_article_is_not_served_from_an_old_copy(front_site, manage, server_env):
    front, path = front_site
    front.request(path)
    assert _status(front.request(path)[1]) == "HIT"
    manage("shell", "-c", UNPUBLISH, env=server_env)
    time.sleep(5.5)  # nobody reads it meanwhile
    status, headers, _body = front.request(path)
    assert status == 404, _status(headers)


@pytest.mark.front
def test_a_refresh_from_the_machine_itself_purges_a_page_at_once(front_site, manage, server_env):
    front, path = front_site
    front.request(path)
    assert _status(front.request(path)[1]) == "HIT"
    manage("shell", "-c", UNPUBLISH, env=server_env)
    assert front.request(path)[0] == 200  # the copy, for up to 5 s
    assert front.request(path, headers={"X-Refresh-Cache": "1"})[0] == 404
    assert front.request(path)[0] == 404  # at once, for every reader


@pytest.mark.front
@pytest.mark.parametrize("extra", [[], ["--static-port", "18081", "--access-log", "access.log"]])
def test_make_fronts_configuration_passes_nginx_t(tmp_path, extra):
    run_dir = tmp_path / "front"
    conf = subprocess.run(
        [sys.executable, str(ROOT / "deploy/nginx/render.py"), "--port", "18080",
         "--upstream", "127.0.0.1:18000", "--run-dir", str(run_dir), *extra],
        capture_output=True, text=True, check=True, cwd=tmp_path,
    ).stdout.strip()
    result = subprocess.run([NGINX, "-t", "-p", f"{run_dir}/", "-c", conf, "-e", str(run_dir / "error.log")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert ("static-copy" in open(conf).read()) == bool(extra)


@pytest.mark.front
def test_the_production_configuration_passes_nginx_t(tmp_path):
    """deploy/nginx/benluc.conf as an administrator installs it, with a test certificate."""
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=benluc.test", "-keyout", str(key), "-out", str(cert)],
                   capture_output=True, check=True)
    text = (ROOT / "deploy/nginx/benluc.conf").read_text()
    for installed, here in [("/etc/ssl/benluc/fullchain.pem", cert), ("/etc/ssl/benluc/privkey.pem", key),
                            ("/var/cache/nginx/benluc", tmp_path / "cache"),
                            ("/etc/nginx/snippets/front-cache.conf", ROOT / "deploy/nginx/front-cache.conf"),
                            ("listen 443 ", "listen 18443 "), ("listen 80;", "listen 18480;")]:
        assert installed in text
        text = text.replace(installed, str(here))
    (tmp_path / "benluc.conf").write_text(text)
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nevents {{}}\n"
        f"http {{\n  include /etc/nginx/mime.types;\n  include {tmp_path}/benluc.conf;\n}}\n")
    result = subprocess.run([NGINX, "-t", "-p", f"{tmp_path}/", "-c", str(tmp_path / "nginx.conf"),
                             "-e", str(tmp_path / "error.log")], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
