"""A page of results through Django's Paginator: the ranked ids are fetched only for the page asked."""

from contextlib import contextmanager
from dataclasses import dataclass

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db import connection, transaction
from django.utils import timezone

from articles.models import Article
from benluc.text import html_text

from .filters import Filters, filtered
from . import ranking
from .snippets import highlight, snippet

RESULTS_PER_PAGE = 10


@contextmanager
def reading():
    """Where the search's statements run: never under SQLite's write lock.

    The settings open SQLite transactions with BEGIN IMMEDIATE (so writers
    queue instead of failing), which would make concurrent searches wait for
    each other: on SQLite a search runs outside any transaction. On PostgreSQL
    it runs in a transaction of its own, only to scope one setting: ranked_ids
    relies on UNION ALL running its parts in order, which a parallel append
    would not, and these small, limited queries gain nothing from workers.
    """
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL max_parallel_workers_per_gather = 0")
        yield


@dataclass
class Result:
    article: object
    title: str  # safe HTML, query words marked
    snippet: str  # safe HTML, query words marked
    missing: list  # query words this article does not contain


class RankedResults:
    """The results of one search as a sequence the Paginator can slice.

    Its length is the capped count (one statement, run when first asked); a
    slice runs the ranking for just the rows up to its end, then loads those
    articles. search() runs both inside one `reading()` block.
    """

    def __init__(self, base, query_words, spelled=None):
        self.base = base
        self.query_words = query_words
        self.spelled = spelled or {}
        self._counted = None

    @property
    def total(self):
        """The number of results, up to MAX_RESULTS + 1."""
        if self._counted is None:
            self._counted = ranking.count_and_cutoff(self.base, self.query_words)
        return self._counted[0]

    def count(self):
        return min(self.total, ranking.MAX_RESULTS)

    def __len__(self):
        return self.count()

    def __getitem__(self, bounds):
        start, stop = bounds.start or 0, min(bounds.stop, self.count())
        if start >= stop:
            return []
        # A date-order walk pays off only when there are many results.
        many, cutoff = self.total > ranking.MAX_RESULTS, self._counted[1]
        ids = ranking.ranked_ids(self.base, self.query_words, stop, many=many, cutoff=cutoff)
        return self._results(ids[start:stop])

    def _results(self, page_ids):
        if not page_ids:
            return []
        articles = {
            article.pk: article
            for article in self.base.filter(pk__in=page_ids)
            .select_related("category", "site")
            .defer("search_title", "search_sapo", "cover_renditions")
        }
        wanted = set(self.query_words)
        results = []
        for pk in page_ids:
            article = articles.get(pk)
            if article is None:  # unpublished between the two queries
                continue
            present = wanted & set(article.search_text.split())
            results.append(Result(
                article=article,
                title=highlight(article.title, self.query_words),
                snippet=snippet(_texts(article), self.query_words),
                missing=[self.spelled.get(w, w) for w in self.query_words if w not in present],
            ))
        return results


def _texts(article):
    """The sapo, then the body as plain text (made only if the snippet needs it)."""
    yield article.sapo
    yield html_text(article.body)


class ResultsPage(Page):
    """Django's Page, plus what the results template says about the capped total."""

    @property
    def max_results(self):
        return ranking.MAX_RESULTS

    @property
    def results(self):
        return self.object_list

    @property
    def total(self):
        """The number of results, up to MAX_RESULTS + 1."""
        return self.paginator.object_list.total

    @property
    def more_than_max(self):
        return self.total > ranking.MAX_RESULTS


class ResultsPaginator(Paginator):
    def _get_page(self, *args, **kwargs):
        return ResultsPage(*args, **kwargs)


def search(query_words, filters=None, page=1, per_page=RESULTS_PER_PAGE, now=None, spelled=None, site=None):
    """Page `page` of the published articles of `site` (None: every site) matching `query_words`.

    A page past the last one comes back empty (its `number` kept), never an error.
    """
    published = Article.objects.published(now or timezone.now())
    if site is not None:
        published = published.for_site(site)
    base = filtered(published, filters or Filters())
    paginator = ResultsPaginator(RankedResults(base, query_words, spelled), per_page)
    with reading():
        try:
            return paginator.page(page)  # the count, then the page's slice
        except (EmptyPage, PageNotAnInteger):
            return ResultsPage([], page, paginator)
