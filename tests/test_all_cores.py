"""The embedded default (SQLite, no Redis) uses every core, and every process sees an edit at once."""

from concurrent.futures import ThreadPoolExecutor
from itertools import count

import pytest
from django.db.models import F

from benluc.gunicorn_conf import cores
from sites.models import Site, current_site

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

RENAME = """
from articles.models import Article
article = Article.objects.get()
article.title = "Hội nghị tổng kết công tác Dân vận năm 2022"
article.save()
"""

_requests = count()


def fetch_many(server, path, n=32):
    """`n` GETs of `path` at once, each on its own connection: [(query, status, body)]."""
    def one(_):
        query = f"r={next(_requests)}"
        status, body, _headers = server.get(f"{path}?{query}")
        return query, status, body

    with ThreadPoolExecutor(max_workers=16) as pool:
        return list(pool.map(one, range(n)))


@pytest.mark.servers
def test_make_serve_uses_every_core_and_every_process_sees_an_edit_at_once(
    server_env, manage, start_server,
):
    manage("migrate", "--noinput", env=server_env)
    path = manage("shell", "-c", SEED, env=server_env).strip().splitlines()[-1]
    env = dict(server_env)
    if cores() < 2:  # a one-core machine runs one process by default; ask for two here
        env["WEB_CONCURRENCY"] = "2"
    server = start_server(env)

    # Until every process has served (and cached) the article and the home page.
    pages = (path, "/")
    for _round in range(20):
        answers = [a for page in pages for a in fetch_many(server, page)]
        assert all(status == 200 and "Hội nghị sơ kết" in body for _q, status, body in answers)
        by_query = server.workers_for([q for q, _s, _b in answers])
        if all(len({by_query[q] for q, _s, _b in fetch_page}) >= 2
               for fetch_page in (answers[:32], answers[32:])):
            break
    workers = set(server.workers_by_query().values())
    assert server.booted_workers() == int(env.get("WEB_CONCURRENCY") or cores())
    assert len(workers) >= 2, "make serve answered from a single process"

    manage("shell", "-c", RENAME, env=server_env)

    # Right after the save: every answer, from every process, shows the new title.
    answers = fetch_many(server, path, 48) + fetch_many(server, "/", 48)
    by_query = server.workers_for([q for q, _s, _b in answers])
    stale = [(by_query[q], body.count("sơ kết")) for q, status, body in answers
             if status != 200 or "Hội nghị tổng kết" not in body or "sơ kết" in body]
    assert not stale
    assert len({by_query[q] for q, _s, _b in answers}) >= 2


@pytest.mark.django_db
def test_a_host_given_to_a_site_elsewhere_is_served_at_the_next_request(settings):
    """Another process adds a site, then moves an alias: this process follows at once."""
    settings.ALLOWED_HOSTS = ["*"]
    portal = Site.objects.get(is_default=True)
    Site.objects.filter(pk=portal.pk).update(host="tayninh.test")
    assert current_site("tayninh.test").pk == portal.pk
    assert current_site("benluc.tayninh.test") is None

    # Written as another process would: no signal reaches this process.
    Site.objects.bulk_create([Site(slug="benluc", name="Bến Lức", short_name="Bến Lức",
                                   host="benluc.tayninh.test", aliases="benluc.test")])
    commune = Site.objects.get(slug="benluc")
    import sites.models

    # An unknown host re-reads the sites at most once a second per process.
    sites.models._hosts["read_at"] -= sites.models.UNKNOWN_HOST_SECONDS
    assert current_site("benluc.tayninh.test").pk == commune.pk

    # The alias moves to the portal: both rows are saved, so their revisions move.
    Site.objects.filter(pk=commune.pk).update(aliases="", revision=F("revision") + 1)
    Site.objects.filter(pk=portal.pk).update(aliases="benluc.test", revision=F("revision") + 1)
    assert current_site("benluc.test").pk == portal.pk


@pytest.mark.django_db
def test_unknown_hosts_do_not_read_the_sites_on_every_request(settings, django_assert_num_queries):
    portal = Site.objects.get(is_default=True)
    Site.objects.filter(pk=portal.pk).update(host="tayninh.test")
    current_site("tayninh.test")
    with django_assert_num_queries(0):
        for _ in range(50):
            assert current_site("nobody.example") is None
