"""Upgrading a one-portal installation: its content moves into one default site, URLs unchanged."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client

BEFORE = [("sites", None)]  # also unapplies articles.0005, the first migration that needs sites


@pytest.mark.django_db(transaction=True)
def test_existing_content_moves_into_the_default_site_and_keeps_its_urls(settings):
    from django.utils import timezone

    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    executor.migrate(BEFORE)
    try:
        old = executor.loader.project_state([("articles", "0004_article_byline_ids")]).apps
        Category, Author = old.get_model("articles", "Category"), old.get_model("articles", "Author")
        Article, ArticleAuthor = old.get_model("articles", "Article"), old.get_model("articles", "ArticleAuthor")
        Event = old.get_model("articles", "Event")
        section = Category.objects.create(name="Bến Lức", slug="ben-luc")
        author = Author.objects.create(name="Việt Hằng", slug="viet-hang")
        event = Event.objects.create(name="Hội nghị Dân vận", slug="hoi-nghi-dan-van", starts_at=timezone.now())
        article = Article.objects.create(
            title="Hội nghị Dân vận", slug="hoi-nghi-dan-van", sapo="Tóm tắt.", category=section,
            event=event, status="published", publish_at=timezone.now(),
            search_text="hoi nghi dan van tom tat", search_title="hoi nghi dan van", search_sapo="tom tat",
        )
        ArticleAuthor.objects.create(article=article, author=author, position=0)
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(latest)

    from articles.models import Article as Current
    from sites.models import Site

    site = Site.objects.get()
    assert site.is_default and site.host == "" and site.name == settings.SITE_NAME
    assert set(Current.objects.values_list("site_id", flat=True)) == {site.pk}
    settings.ALLOWED_HOSTS = ["benluc.longan.gov.vn", "testserver"]
    client = Client(HTTP_HOST="benluc.longan.gov.vn")
    for url in ("/", "/ben-luc/", f"/ben-luc/hoi-nghi-dan-van-{article.pk}/", "/tac-gia/viet-hang/",
                f"/su-kien/hoi-nghi-dan-van-{event.pk}/", "/rss/", "/ben-luc/rss/", "/sitemap.xml"):
        assert client.get(url).status_code == 200, url
    # The search index survived the table rebuild of the migration (SQLite) and finds it.
    assert f"/ben-luc/hoi-nghi-dan-van-{article.pk}/" in client.get("/tim-kiem/", {"q": "hoi nghi dan van"}).content.decode()
