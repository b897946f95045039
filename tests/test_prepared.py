"""Statements compiled once (benluc/prepared.py): the same rows as the ORM, without compiling."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.models.sql.compiler import SQLCompiler
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article
from benluc.prepared import Prepared


def by_site_and_id():
    return Prepared(lambda site_id, pk, now: Article.objects.published(now)
                    .filter(site_id=site_id, pk=pk).select_related("category"))


@pytest.fixture
def compiles(monkeypatch):
    """How many statements the ORM compiles (SQLCompiler.as_sql calls) from now on."""
    count = [0]
    original = SQLCompiler.as_sql

    def counting(self, *args, **kwargs):
        count[0] += 1
        return original(self, *args, **kwargs)

    monkeypatch.setattr(SQLCompiler, "as_sql", counting)
    return lambda: count[0]


def test_each_call_gets_the_rows_of_its_own_values(make_article, make_site, category):
    other = make_site("xa-khac")
    first, second = make_article(title="Bài một"), make_article(title="Bài hai")
    later = make_article(title="Bài hẹn giờ", publish_at=timezone.now() + timedelta(hours=1))
    article = by_site_and_id()
    now = timezone.now()

    assert [a.title for a in article(category.site_id, first.pk, now)] == ["Bài một"]
    assert [a.title for a in article(category.site_id, second.pk, now)] == ["Bài hai"]
    # The other values take their places too: another site, another moment.
    assert list(article(other.pk, first.pk, now)) == []
    assert list(article(category.site_id, later.pk, now)) == []
    assert [a.title for a in article(category.site_id, later.pk, now + timedelta(hours=2))] == ["Bài hẹn giờ"]


def test_rows_are_the_orms_own_instances_with_their_related_rows(make_article, category, django_assert_num_queries):
    made = make_article(title="Hội nghị tổng kết công tác dân vận", authors=["Việt Hằng"])
    article = by_site_and_id()
    with django_assert_num_queries(1):
        (found,) = article(category.site_id, made.pk, timezone.now())
        assert found.category.name == category.name  # select_related: no query of its own
    expected = Article.objects.select_related("category").get(pk=made.pk)
    assert (found.pk, found.title, found.publish_at, found.byline_ids) == (
        expected.pk, expected.title, expected.publish_at, expected.byline_ids)


def test_the_statement_is_compiled_once_and_run_as_compiled(make_article, category, compiles):
    made = [make_article(title=f"Bài {n}") for n in range(3)]
    article = by_site_and_id()
    article(category.site_id, made[0].pk, timezone.now())  # prepares it
    before = compiles()
    with CaptureQueriesContext(connection) as queries:
        for a in made:
            assert [found.pk for found in article(category.site_id, a.pk, timezone.now())] == [a.pk]
    assert compiles() == before
    assert len({q["sql"].split(" WHERE ")[0] for q in queries.captured_queries}) == 1


def test_a_value_that_never_reaches_the_statement_is_refused(db):
    # icontains wraps the text in wildcards: the value is no longer a parameter of its own.
    searching = Prepared(lambda words: Article.objects.filter(title__icontains=words))
    with pytest.raises(ValueError, match="did not reach the statement"):
        searching("dân vận")
    ignoring = Prepared(lambda site_id: Article.objects.all())
    with pytest.raises(ValueError, match="did not reach the statement"):
        ignoring(1)


def test_a_statement_that_can_match_nothing_runs_no_query(db, django_assert_num_queries):
    nothing = Prepared(lambda *section_ids: Article.objects.latest_per_section(section_ids, 4))
    with django_assert_num_queries(0):
        assert list(nothing()) == []


def test_each_number_of_values_gets_its_own_statement(make_article, category, other_category):
    first = make_article(title="Một", category=category)
    second = make_article(title="Hai", category=other_category)
    in_sections = Prepared(lambda *ids: Article.objects.filter(category_id__in=ids).order_by("pk"))
    assert [a.pk for a in in_sections(category.pk)] == [first.pk]
    assert [a.pk for a in in_sections(category.pk, other_category.pk)] == [first.pk, second.pk]
    assert [a.pk for a in in_sections(other_category.pk)] == [second.pk]
