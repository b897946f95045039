"""Search over published articles folding case and Vietnamese diacritics.

How it works, and why:

* Folding happens in Python, once, with `benluc.text.fold` (case, tone and vowel
  marks, đ→d, NFC/NFD). `benluc.text.index_text()` turns a text into its folded words joined
  by single spaces; `ArticleQuerySet.refresh_derived()` stores that form of the title
  (`search_title`), the sapo (`search_sapo`) and of everything searchable
  (`search_text`: title, sapo, body text, authors, event name and organiser).
  The query goes through the same function, so both sides are folded by the
  same code on every database (PostgreSQL's `unaccent` and SQLite's
  `remove_diacritics` each fold a little differently from Python and from each
  other). Because the stored text is already plain words, PostgreSQL's `simple`
  parser and SQLite's `unicode61` tokenizer split it exactly as Python does.

* Matching is by whole folded words (Vietnamese writes one syllable per word):
  "dan" finds "dân", "dần" and "Dân", never "danh".

* Indexes (migration 0003, vendor-specific SQL the model state does not see):
  PostgreSQL: stored, generated tsvector columns for the title, title + sapo
  ("lead") and the whole text ("doc"), each with a GIN index, queried with
  `@@ to_tsquery('simple', …)`. SQLite: an FTS5 table over the same three
  columns kept in step by triggers; column filters give title / lead / doc.

* Ranking, identical on both databases because the database only answers yes/no
  questions ("does this row have k of the words in this field?") and orders by
  date. For query words w1…wn a result belongs to the first of these tiers:

      (all n words in the title), (n in title + sapo), (n anywhere),
      (n-1 in the title), (n-1 in title + sapo), (n-1 anywhere), … (1 anywhere)

  i.e. all words before some (more before fewer), then title before sapo before
  body; newest first (then highest id) within a tier. Each tier's condition
  excludes the better tiers, so the tiers, each ordered by date, chained with
  UNION ALL under one LIMIT, are the ranking itself; the database stops as soon
  as it has the rows the page needs (ranked_ids explains the plan choices).
  A capped count gives the number of results. A search is a fixed number of SQL
  statements whatever the number of matches.

* Results are capped at MAX_RESULTS (a reader who needs more narrows the query
  or filters by section or dates), which bounds the work of a deep page.

The modules, in the order a search runs through them:

* `query`     – the reader's text cleaned, truncated and folded into words;
* `filters`   – section, site and date filters from the query string;
* `tiers`     – the ranking tiers (which words, in which field);
* `backends`  – the tiers as SQL conditions, one class per database;
* `ranking`   – the count and the ranked ids, in one statement each;
* `snippets`  – titles and excerpts with the query's words marked;
* `results`   – a page of results through Django's Paginator;
* `views`     – /tim-kiem/ for one site, or every site of a province from its portal.
"""

# The public API, for the view, the admin, the benchmarks and the tests.
from .backends import admin_search, matching  # noqa: E402
from .query import MAX_QUERY_LENGTH, MAX_WORDS, parse_query  # noqa: E402
from .ranking import MAX_RESULTS, count_and_cutoff, count_sql, ranked_ids, ranked_sql  # noqa: E402
from .results import RESULTS_PER_PAGE, search  # noqa: E402
from .snippets import highlight, snippet  # noqa: E402

__all__ = [
    "MAX_QUERY_LENGTH", "MAX_RESULTS", "MAX_WORDS", "RESULTS_PER_PAGE", "admin_search",
    "count_and_cutoff", "count_sql", "highlight", "matching", "parse_query", "ranked_ids", "ranked_sql",
    "search", "snippet",
]
