"""Search as it is served: results pages cached per normalised query and content version, and
readers answered while a writer holds SQLite's write lock."""

import sqlite3
import time
import unicodedata
from urllib.parse import quote

import pytest

from sites.cache import page_built

QUERY = "Hội nghị dân vận"


@pytest.fixture
def builds():
    built = []

    def count(sender, request, key, **kwargs):
        built.append(request.get_full_path())

    page_built.connect(count)
    yield built
    page_built.disconnect(count)


def search(client, raw, **extra):
    return client.get(f"/tim-kiem/?q={quote(raw)}", **extra)


def test_every_spelling_of_a_query_shares_one_cached_page(client, make_article, builds, django_assert_max_num_queries):
    make_article(title="Hội nghị sơ kết công tác Dân vận")
    first = search(client, QUERY)
    assert first.status_code == 200 and "sơ kết" in first.content.decode()
    assert len(builds) == 1
    for spelling in (QUERY, f"  Hội   nghị\tdân vận ", unicodedata.normalize("NFD", QUERY)):
        with django_assert_max_num_queries(1):  # the site's version, nothing of the search
            again = search(client, spelling)
        assert again.content == first.content
    assert len(builds) == 1

    # Another query, another filter or another page is another page.
    search(client, "dân vận")
    client.get(f"/tim-kiem/?q={quote(QUERY)}&trang=2")
    assert len(builds) == 3


def test_a_new_article_is_found_at_once(client, make_article, builds):
    make_article(title="Hội nghị sơ kết công tác Dân vận")
    assert "tổng kết" not in search(client, QUERY).content.decode()
    make_article(title="Hội nghị tổng kết công tác Dân vận")
    assert "tổng kết" in search(client, QUERY).content.decode()


def test_staff_searches_are_never_cached(client, editor, make_article, builds):
    make_article(title="Hội nghị sơ kết công tác Dân vận")
    client.force_login(editor)
    response = search(client, QUERY)
    assert "private" in response["Cache-Control"]
    search(client, QUERY)
    assert builds == []  # built fresh each time, outside the page cache


@pytest.mark.servers
def test_readers_are_answered_while_a_writer_holds_the_write_lock(server_env, manage, start_server):
    """The settings open write transactions with BEGIN IMMEDIATE; a public page must never
    take that lock, or every reader would queue behind a long save (and fail after 5 s)."""
    from tests.test_all_cores import SEED

    manage("migrate", "--noinput", env=server_env)
    article_path = manage("shell", "-c", SEED, env=server_env).strip().splitlines()[-1]
    server = start_server({**server_env, "WEB_CONCURRENCY": "1"})
    pages = [f"/tim-kiem/?q={quote(QUERY)}", "/tim-kiem/?q=hoi+nghi", "/", article_path, "/ben-luc/", "/rss/"]
    assert all(server.get(page)[0] == 200 for page in pages)  # warm up: connection, templates

    writer = sqlite3.connect(server_env["DATABASE_URL"].removeprefix("sqlite:///"), timeout=0)
    try:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("UPDATE sites_site SET tagline = 'đang lưu' WHERE id = (SELECT MIN(id) FROM sites_site)")
        # Pages not cached yet (other queries) and cached ones alike answer at once.
        for page in (*pages, f"/tim-kiem/?q={quote('công tác')}", "/tim-kiem/?q=van+dan"):
            start = time.monotonic()
            status, body, _headers = server.get(page, timeout=20)
            assert status == 200, (page, body[:500])
            assert time.monotonic() - start < 2, page
        assert f'href="{article_path}"' in server.get(f"/tim-kiem/?q={quote('sơ kết')}")[1]
    finally:
        writer.rollback()
        writer.close()
