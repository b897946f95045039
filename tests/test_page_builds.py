"""After an invalidation a page is built once, however many readers ask for it at that moment;
a back-office save is one invalidation, however many rows it writes."""

import re
import threading

import pytest
from django.test import Client

from sites.cache import page_built
from tests.fixtures.admin_forms import article_form
from sites.models import Site


@pytest.fixture
def builds():
    """The paths of the public pages built (not served from the cache) during the test."""
    built, lock = [], threading.Lock()

    def count(sender, request, key, **kwargs):
        with lock:
            built.append(request.path)

    page_built.connect(count)
    yield built
    page_built.disconnect(count)


def read_together(path, readers=16):
    """`readers` anonymous readers GET `path` at the same moment: their status codes."""
    start = threading.Barrier(readers)
    statuses = [None] * readers

    def read(n):
        from django.db import connections

        client = Client()
        start.wait()
        try:
            statuses[n] = client.get(path).status_code
        finally:
            connections.close_all()  # this thread's own connection

    threads = [threading.Thread(target=read, args=(n,)) for n in range(readers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return statuses


@pytest.fixture(params=["local memory", "redis"])
def page_cache_backend(request):
    if request.param == "redis":
        request.getfixturevalue("redis_cache")
        settings = request.getfixturevalue("settings")
        # Not an outage test: a busy machine must not trip the breaker (0.2 s in redis_cache).
        settings.CACHES = {"default": {**settings.CACHES["default"], "OPTIONS": {
            "socket_connect_timeout": 5, "socket_timeout": 5, "breaker_seconds": 0.5}}}


@pytest.mark.django_db(transaction=True)
def test_readers_missing_a_page_together_wait_for_one_build(make_article, builds, page_cache_backend):
    article = make_article(title="Hội nghị sơ kết công tác Dân vận")
    path = article.get_absolute_url()
    assert read_together(path) == [200] * 16
    assert builds == [path]

    # An edit: every cached copy is now under an old version.
    article.title = "Hội nghị tổng kết công tác Dân vận"
    article.save()
    builds.clear()
    assert read_together(path) == [200] * 16
    assert read_together("/") == [200] * 16
    assert builds == [path, "/"]
    assert "tổng kết" in Client().get(path).content.decode()


@pytest.mark.django_db(transaction=True)
def test_with_the_page_cache_off_every_reader_gets_a_page_of_their_own(make_article, builds, settings):
    """PAGE_CACHE_SECONDS=0 keeps no copy: readers asking together each build, none waits."""
    settings.PAGE_CACHE_SECONDS = 0
    article = make_article(title="Hội nghị sơ kết công tác Dân vận")
    path = article.get_absolute_url()
    assert read_together(path, readers=8) == [200] * 8
    assert builds == [path] * 8
    article.title = "Hội nghị tổng kết công tác Dân vận"
    article.save()
    assert "tổng kết" in Client().get(path).content.decode()


@pytest.mark.django_db(transaction=True)
def test_pages_that_are_not_kept_are_still_answered_to_everyone(builds):
    assert read_together("/khong-co-chuyen-muc-nay/", readers=8) == [404] * 8


def version():
    return Site.objects.get(is_default=True).content_version


def byline_form(category, authors, **fields):
    """The article form's POST data with these authors in the byline (new rows)."""
    data = article_form(category, None, status="published", **fields)
    data["article_authors-TOTAL_FORMS"] = str(len(authors))
    for n, author in enumerate(authors):
        data.update({f"article_authors-{n}-position": str(n), f"article_authors-{n}-author": str(author.pk)})
    return data


def test_saving_an_article_with_its_byline_in_the_admin_is_one_invalidation(client, editor, category):
    from articles.models import Article, Author

    authors = [Author.objects.create(name=name) for name in ("Việt Hằng", "Kim Phượng")]
    client.force_login(editor)
    before = version()
    response = client.post("/admin/articles/article/add/", byline_form(
        category, authors, title="Hội nghị sơ kết công tác Dân vận"))
    assert response.status_code == 302, response.content.decode()[:2000]
    article = Article.objects.get()
    assert article.byline == "Việt Hằng – Kim Phượng"
    assert version() == before + 1

    # Change: the title, and the byline's order (two rows rewritten).
    links = list(article.article_authors.order_by("position"))
    data = byline_form(category, [], title="Hội nghị tổng kết công tác Dân vận", slug=article.slug)
    data.update({"article_authors-TOTAL_FORMS": "2", "article_authors-INITIAL_FORMS": "2"})
    for n, link in enumerate(reversed(links)):
        data.update({f"article_authors-{n}-id": str(link.pk), f"article_authors-{n}-article": str(article.pk),
                     f"article_authors-{n}-position": str(n), f"article_authors-{n}-author": str(link.author_id)})
    before = version()
    response = client.post(f"/admin/articles/article/{article.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    article.refresh_from_db()
    assert (article.title, article.byline) == ("Hội nghị tổng kết công tác Dân vận", "Kim Phượng – Việt Hằng")
    assert version() == before + 1
    # Readers see the new order at once (the page's byline: the site's authors, by byline_ids).
    page = Client().get(article.get_absolute_url()).content.decode()
    assert page.index("Kim Phượng</a>") < page.index("Việt Hằng</a>")

    # An author renamed: every page that signs with the name shows the new one at once.
    authors[0].name = "Nguyễn Việt Hằng"
    authors[0].save()
    page = Client().get(article.get_absolute_url()).content.decode()
    assert "Nguyễn Việt Hằng</a>" in page


def test_a_bulk_action_is_one_invalidation(client, editor, make_article):
    from articles.models import Article

    drafts = [make_article(status=Article.Status.DRAFT) for _ in range(4)]
    client.force_login(editor)
    before = version()
    response = client.post("/admin/articles/article/", {
        "action": "delete_selected", "_selected_action": [a.pk for a in drafts], "post": "yes",
    })
    assert response.status_code == 302
    assert not Article.objects.filter(pk__in=[a.pk for a in drafts]).exists()
    assert version() == before + 1


def test_a_failed_save_changes_nothing(client, editor, category):
    client.force_login(editor)
    before = version()
    response = client.post("/admin/articles/article/add/", byline_form(category, [], title=""))
    assert response.status_code == 200  # the form again, with its message
    assert version() == before


def test_the_home_page_built_again_reads_only_what_changed_and_shows_every_edit(
        client, make_article, category, other_category, settings, django_assert_num_queries):
    """With the page cache off, the home page's teasers are kept per site version in each
    process (articles.views._home_pieces): the next build reads no article row again, and an
    edit (a new version) shows at once, on the lead story and in the lists."""
    settings.PAGE_CACHE_SECONDS = 0
    articles = [make_article(title=f"Tin số {n}", category=other_category if n % 2 else category)
                for n in range(6)]
    first = client.get("/").content.decode()
    assert all(a.title in first for a in articles)
    with django_assert_num_queries(2):  # the site's version and the home page's ids
        again = client.get("/").content.decode()
    clock = re.compile(r'<time id="clock".*?</time>')  # the header's minute
    assert clock.sub("", again) == clock.sub("", first)

    lead, listed = articles[0], articles[3]
    lead.title, listed.title = "Hội nghị tổng kết công tác dân vận", "Tin đã sửa tiêu đề"
    lead.save()
    listed.save()
    edited = client.get("/").content.decode()
    lead_block = edited.split('class="lead-story', 1)[1].split("</section>", 1)[0]
    assert "Hội nghị tổng kết công tác dân vận" in lead_block
    assert "Tin đã sửa tiêu đề" in edited and "Tin số 3" not in edited
