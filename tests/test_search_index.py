"""The full-text index behind search exists, is used, and stays in step — on each database.

CI runs the suite on SQLite and on PostgreSQL; each run checks its own index.
"""

from datetime import timedelta

from django.db import connection
from django.utils import timezone

import search
from articles.models import Article

PG_COLUMNS = {
    "search_title_vector": "article_search_title_gin",
    "search_lead_vector": "article_search_lead_gin",
    "search_doc_vector": "article_search_doc_gin",
}
SQLITE_TRIGGERS = {"articles_article_fts_insert", "articles_article_fts_delete", "articles_article_fts_update"}


def _rows(sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def test_search_index_exists(db):
    if connection.vendor == "postgresql":
        indexes = dict(_rows("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'articles_article'"))
        for column, index in PG_COLUMNS.items():
            assert index in indexes
            assert f"USING gin ({column})" in indexes[index]
        generated = dict(_rows(
            "SELECT column_name, generation_expression FROM information_schema.columns"
            " WHERE table_name = 'articles_article' AND is_generated = 'ALWAYS'"
        ))
        assert set(generated) == set(PG_COLUMNS)
        assert "to_tsvector('simple'::regconfig, search_text)" in generated["search_doc_vector"]
    else:
        assert connection.vendor == "sqlite"
        objects = dict(_rows("SELECT name, sql FROM sqlite_master WHERE name LIKE 'articles_article_fts%'"))
        assert "USING fts5" in objects["articles_article_fts"]
        assert "content='articles_article'" in objects["articles_article_fts"]
        # If a later migration rebuilds articles_article on SQLite, Django drops
        # these triggers with the old table: re-create them in that migration.
        assert SQLITE_TRIGGERS <= set(objects)


def _typical_query():
    words = search.parse_query("Hội nghị Dân vận").words
    queryset = search.matching(Article.objects.published(timezone.now()), words).order_by().values("pk")
    return queryset.query.sql_with_params()


def test_typical_query_uses_the_index(db, category):
    # Enough rows that reading them all costs more than the index: 3,000
    # articles, 1% about the conference (bulk_create, as load_bulk writes).
    now = timezone.now()
    Article.objects.bulk_create([
        Article(
            title=f"Tin {i}", slug=f"tin-{i}", sapo="", category=category, status=Article.Status.PUBLISHED,
            publish_at=now - timedelta(hours=i), search_title=f"tin {i}",
            search_text=f"tin {i} hoi nghi dan van" if i % 100 == 0 else f"tin {i} thoi tiet nang nong",
        )
        for i in range(3000)
    ])
    sql, params = _typical_query()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # New rows wait in the GIN "pending list" (fastupdate) until
            # autovacuum merges them; the planner charges for scanning it, so
            # merge now, as a settled database would have.
            cursor.execute("SELECT gin_clean_pending_list('article_search_doc_gin'::regclass)")
            cursor.execute("ANALYZE articles_article")
            cursor.execute("SET LOCAL enable_seqscan = off")  # the planner's choice, made deterministic
            cursor.execute(f"EXPLAIN {sql}", params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
        assert "Bitmap Index Scan on article_search_doc_gin" in plan, plan
    else:
        plan = "\n".join(str(row[-1]) for row in _rows(f"EXPLAIN QUERY PLAN {sql}", params))
        assert "articles_article_fts VIRTUAL TABLE INDEX" in plan, plan
    assert len(_rows(sql, params)) == 30


def test_index_follows_every_kind_of_write(make_article, category):
    article = make_article(title="Tin cũ", sapo="Tóm tắt.", body="")
    Article.objects.filter(pk=article.pk).update(search_text="tin moi hoan toan", search_title="tin moi")
    assert search.search(["hoan", "toan"]).total == 1
    assert search.search(["cu"]).total == 0
    bulk = Article.objects.bulk_create([
        Article(
            title="Đường mới", slug="duong-moi", sapo="", category=category, status=Article.Status.PUBLISHED,
            publish_at=timezone.now() - timedelta(hours=1), search_title="duong moi", search_text="duong moi",
        )
    ])
    assert [r.article.pk for r in search.search(["duong"]).results] == [bulk[0].pk]
    Article.objects.filter(pk=bulk[0].pk).delete()
    assert search.search(["duong"]).total == 0
    if connection.vendor == "sqlite":
        # FTS5's own consistency check of the index against articles_article.
        _rows("INSERT INTO articles_article_fts(articles_article_fts, rank) VALUES ('integrity-check', 1)")

