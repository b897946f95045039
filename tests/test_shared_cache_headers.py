"""Headers that let one shared copy of a public page serve every anonymous reader.

A front cache (nginx in `make front`, a CDN) keeps a page only if the response has no
Set-Cookie, and keeps one copy for all readers only if it does not vary on Cookie. Readers
carry cookies (the comment form's csrftoken, analytics); a malformed one must not change the
answer. HEAD is answered like GET, a port in Host is no new page, and browsers revalidate
with the ETag and get 304.
"""

import pytest
from django.urls import reverse

from articles.models import Article

# A reader's cookies: the comment form's token (valid), an analytics cookie, a preference.
READER_COOKIES = {"csrftoken": "a" * 32, "_ga": "GA1.2.123.456", "co-chu": "lon"}


@pytest.fixture
def public_urls(make_article, event):
    report = make_article(title="Hội nghị sơ kết công tác Dân vận", authors=["Việt Hằng"], event=event)
    return [
        "/", report.category.get_absolute_url(), report.get_absolute_url(),
        report.authors.first().get_absolute_url(), "/su-kien/", event.get_absolute_url(),
        "/rss/", f"/{report.category.slug}/rss/", "/sitemap.xml", "/su-kien/lich.ics",
    ]


@pytest.fixture
def report(make_article):
    return make_article(title="Bến Lức sơ kết công tác Dân vận 6 tháng đầu năm")


def _vary(response):
    return [v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()]


def _assert_shareable(response, url):
    assert response.status_code == 200, url
    cache_control = response["Cache-Control"]
    # A front cache serves it 3 s, then 2 s more while refreshing it: gone 5 s after a change.
    assert "public" in cache_control and "s-maxage=3" in cache_control, (url, cache_control)
    assert "stale-while-revalidate=2" in cache_control, (url, cache_control)
    assert "cookie" not in _vary(response), (url, response.get("Vary"))
    assert not response.cookies, (url, response.cookies)
    assert response.has_header("ETag"), url


def test_public_pages_can_be_shared_by_every_anonymous_reader(client, public_urls):
    for url in public_urls:
        _assert_shareable(client.get(url), url)  # built (the view touches the empty session)
        _assert_shareable(client.get(url), url)  # and from the page cache


def test_readers_cookies_change_nothing(client, public_urls):
    for url in public_urls:
        plain = client.get(url)
        client.cookies.load(READER_COOKIES)
        with_cookies = client.get(url)
        client.cookies.clear()
        _assert_shareable(with_cookies, url)
        assert with_cookies["ETag"] == plain["ETag"], url
        assert with_cookies.content == plain.content, url


@pytest.mark.parametrize("bad", ["x", "!" * 64, "a" * 31, "é" * 32])
def test_a_malformed_csrf_cookie_gets_no_new_cookie_from_a_public_page(client, report, bad):
    client.cookies["csrftoken"] = bad
    for _ in range(2):  # built, then from the cache
        response = client.get(report.get_absolute_url())
        _assert_shareable(response, bad)
        assert "Set-Cookie" not in str(response.serialize_headers())


def test_head_is_answered_like_get(client, report):
    url = report.get_absolute_url()
    head_first = client.head(url)  # HEAD builds the page and fills the cache
    get = client.get(url)
    head_again = client.head(url)
    for response in (head_first, head_again):
        _assert_shareable(response, "HEAD")
        assert response["Cache-Control"] == get["Cache-Control"]
        assert response["ETag"] == get["ETag"]
        assert response["Content-Type"] == get["Content-Type"]
        assert response.content == b""
    assert get.content


def test_a_port_in_host_is_the_same_page_not_a_new_copy(client, report, django_assert_num_queries):
    url = report.get_absolute_url()
    first = client.get(url)
    # The cached copy answers: one query (the site's content version), no page build.
    with django_assert_num_queries(1):
        other_port = client.get(url, HTTP_HOST="testserver:8081")
    assert other_port.content == first.content
    assert other_port["ETag"] == first["ETag"]
    assert ":8081" not in other_port.content.decode()


@pytest.mark.parametrize("host", ["testserver:abc", "testserver:80:80", "testserver:"])
def test_a_malformed_port_in_host_is_refused(client, report, host):
    assert client.get(report.get_absolute_url(), HTTP_HOST=host).status_code == 400


def test_revalidation_gets_304_until_the_page_changes(client, report):
    url = report.get_absolute_url()
    first = client.get(url)
    etag = first["ETag"]
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    assert "public" in again["Cache-Control"] and not again.cookies
    assert client.head(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    # Another page's ETag, or a junk one, gets the whole page.
    assert client.get("/", HTTP_IF_NONE_MATCH=etag).status_code == 200
    assert client.get(url, HTTP_IF_NONE_MATCH='"junk"').status_code == 200

    report.title = "Bến Lức sơ kết công tác Dân vận (cập nhật)"
    report.save()
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert "(cập nhật)" in changed.content.decode()
    assert changed["ETag"] != etag


def test_revalidation_works_with_the_page_cache_off(client, report, settings):
    settings.PAGE_CACHE_SECONDS = 0
    url = report.get_absolute_url()
    etag = client.get(url)["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_an_unpublished_article_is_not_revalidated(client, report):
    url = report.get_absolute_url()
    etag = client.get(url)["ETag"]
    report.status = Article.Status.DRAFT
    report.save()
    response = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 404
    assert "public" not in response.get("Cache-Control", "")


def test_staff_get_private_pages_and_no_304_from_a_readers_copy(client, report, editor):
    url = report.get_absolute_url()
    etag = client.get(url)["ETag"]
    client.force_login(editor)
    response = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]


def test_comment_block_and_its_token_stay_private(client, report):
    block = client.get(reverse("comments:block", args=[report.pk]))
    token = client.get(reverse("comments:token"))
    for response in (block, token):
        assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert not block.cookies
    assert "csrftoken" in token.cookies
