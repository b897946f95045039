"""Search over published articles, folding case and Vietnamese diacritics.

How it works, and why:

* Folding happens in Python, once, with `benluc.text.fold` (case, tone and vowel
  marks, đ→d, NFC/NFD). `benluc.text.index_text()` turns a text into its folded words joined
  by single spaces; Article.save() stores that form of the title
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
"""

import math
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from itertools import combinations

from django.db import connection, transaction
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL
from django.shortcuts import render
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

from benluc.text import FOLD_TABLE, WORD_PATTERN, fold, html_text, positive_int, words

from .models import Article, Category

MAX_QUERY_LENGTH = 200  # characters of the query kept (the header input has maxlength=200 too)
MAX_WORDS = 6  # distinct words used; 3 tiers per word, so at most 18 tiers
RESULTS_PER_PAGE = 10
MAX_RESULTS = 500  # 50 pages; beyond that readers are asked to narrow the search
SNIPPET_LENGTH = 240  # characters of sapo or body text shown under each title

# --- Folding and words ---------------------------------------------------------

# --- The query -----------------------------------------------------------------


@dataclass
class Query:
    """What the reader asked for, cleaned: the text to echo and the words to find."""

    text: str = ""
    words: list = field(default_factory=list)
    notices: list = field(default_factory=list)
    spelled: dict = field(default_factory=dict)  # folded word → as the reader typed it


def _clean_char(ch):
    category = unicodedata.category(ch)
    if category in ("Cc", "Zs", "Zl", "Zp"):
        return " "  # tabs, newlines, NUL, non-breaking and other spaces
    if category[0] == "C":
        return ""  # format (zero-width, bidi), surrogate, private-use, unassigned
    return ch


def parse_query(raw):
    """Clean, truncate and fold the reader's query."""
    # Bound the work before normalising: a 5,000-character query costs no more
    # than a 200-character one. NFD can be up to ~3 code points per letter.
    text = unicodedata.normalize("NFC", (raw or "")[: MAX_QUERY_LENGTH * 4])
    text = " ".join("".join(_clean_char(ch) for ch in text).split())
    query = Query()
    if len(text) > MAX_QUERY_LENGTH:
        cut = text[:MAX_QUERY_LENGTH]
        # Do not search for half a word.
        text = cut.rsplit(" ", 1)[0] if " " in cut[-40:] else cut
        query.notices.append(
            f"Từ khóa quá dài nên chỉ dùng {MAX_QUERY_LENGTH} ký tự đầu."
        )
    query.text = text
    unique = list(dict.fromkeys(words(text)))
    if len(unique) > MAX_WORDS:
        query.notices.append(f"Chỉ tìm theo {MAX_WORDS} từ khác nhau đầu tiên.")
    query.words = unique[:MAX_WORDS]
    for start, end, word in _hits(text, set(query.words)):
        query.spelled.setdefault(word, text[start:end])
    return query


# --- Tiers and the two database backends ------------------------------------

FIELDS = ("title", "lead", "doc")  # title; title + sapo; everything searchable
# PostgreSQL only: how many of the newest articles a tier first walks through
# in date order (see ranked_ids).
WINDOW = 400


@dataclass(frozen=True)
class Tier:
    """Rows with at least `k` of the words in `fieldname`, and in no better tier."""

    k: int
    fieldname: str
    # Better tiers, as (k, field) conditions to exclude: the same k in the
    # previous (narrower) field, and k + 1 words anywhere.
    excluded: tuple


def tiers(query_words):
    """The tiers from best to worst, as described in the module docstring."""
    n = len(query_words)
    result = []
    for k in range(n, 0, -1):
        for position, fieldname in enumerate(FIELDS):
            excluded = []
            if position:
                excluded.append((k, FIELDS[position - 1]))  # title ⊂ lead, so one is enough
            if k < n:
                excluded.append((k + 1, "doc"))  # every tier with more words
            result.append(Tier(k, fieldname, tuple(excluded)))
    return result


def _groups(query_words, k):
    return list(combinations(query_words, k))


class PostgresBackend:
    # Stored, generated tsvector columns (migration 0003), each with a GIN index.
    VECTORS = {
        "title": '"articles_article"."search_title_vector"',
        "lead": '"articles_article"."search_lead_vector"',
        "doc": '"articles_article"."search_doc_vector"',
    }

    def _match(self, fieldname, query_words, k, prefix=False):
        # Words are letters and digits only, so they need no escaping in
        # tsquery syntax; quoting keeps that true if the word rule changes.
        star = ":*" if prefix else ""
        tsquery = " | ".join(
            "(" + " & ".join(f"'{word}'{star}" for word in group) + ")"
            for group in _groups(query_words, k)
        )
        return f"{self.VECTORS[fieldname]} @@ to_tsquery('simple', %s)", [tsquery]

    def prefix_condition(self, query_words):
        """Rows whose text has words beginning with each of the words (for the admin)."""
        sql, params = self._match("doc", query_words, len(query_words), prefix=True)
        return RawSQL(sql, params, output_field=BooleanField())

    def condition(self, query_words, k, fieldname="doc", excluded=(), indexed=True):
        """Rows with some k of the words in the field, and none of the `excluded` conditions.

        `indexed=False` hides the condition from the GIN indexes (COALESCE is
        not an indexable form), so the planner walks the date index instead.
        """
        sql, params = self._match(fieldname, query_words, k)
        for other_k, other_field in excluded:
            other_sql, other_params = self._match(other_field, query_words, other_k)
            sql += f" AND NOT {other_sql}"
            params += other_params
        if not indexed:
            sql = f"COALESCE({sql}, false)"
        return RawSQL(sql, params, output_field=BooleanField())


class SqliteBackend:
    FTS_TABLE = "articles_article_fts"
    COLUMNS = {
        "title": "{search_title}",
        "lead": "{search_title search_sapo}",
        "doc": "{search_text}",
    }

    def _match(self, fieldname, query_words, k, prefix=False):
        # A column filter before a parenthesised expression applies to all of
        # it: `{search_title search_sapo} : (("a" AND "b"))` means a and b each
        # appear in the title or the sapo. Quoted words are never operators.
        star = " *" if prefix else ""
        expression = " OR ".join(
            "(" + " AND ".join(f'"{word}"{star}' for word in group) + ")"
            for group in _groups(query_words, k)
        )
        return f"({self.COLUMNS[fieldname]} : ({expression}))"

    def prefix_condition(self, query_words):
        """Rows whose text has words beginning with each of the words (for the admin)."""
        return self._in(self._match("doc", query_words, len(query_words), prefix=True))

    def _in(self, match, indexed=True):
        column = '"articles_article"."id"' if indexed else '+"articles_article"."id"'
        return RawSQL(
            f"{column} IN (SELECT rowid FROM {self.FTS_TABLE} WHERE {self.FTS_TABLE} MATCH %s)",
            [match],
            output_field=BooleanField(),
        )

    def condition(self, query_words, k, fieldname="doc", excluded=(), indexed=True):
        """Rows with some k of the words in the field, and none of the `excluded` conditions.

        SQLite always runs the FTS5 query first and keeps the matching ids in a
        temporary index. `indexed=True` then looks each match up by primary key
        (best for few matches); `indexed=False` (`+id`, which SQLite cannot use
        for a lookup) walks the date index instead and stops after the first
        matches (best for many).
        """
        match = self._match(fieldname, query_words, k)
        for other_k, other_field in excluded:
            match += " NOT " + self._match(other_field, query_words, other_k)
        return self._in(match, indexed)


def backend():
    return PostgresBackend() if connection.vendor == "postgresql" else SqliteBackend()


def matching(queryset, query_words, fieldname="doc", at_least=None):
    """`queryset` narrowed to rows with at least `at_least` (default: all) of the words in the field."""
    k = len(query_words) if at_least is None else at_least
    return queryset.filter(backend().condition(query_words, k, fieldname))


def admin_search(queryset, term):
    """Staff search in the admin: every word (or its beginning) anywhere, folded as for readers."""
    query_words = parse_query(term).words
    if not query_words:
        return queryset
    return queryset.filter(backend().prefix_condition(query_words))


def _newest_first(queryset):
    return queryset.order_by("-publish_at", "-pk").values_list("pk", "publish_at")


def count_and_cutoff(base, query_words):
    """(number of results up to MAX_RESULTS + 1, publish_at of the WINDOW-th newest article).

    One statement. The cutoff (PostgreSQL only, else None) is for ranked_ids.
    """
    results = matching(base, query_words, at_least=1).order_by().values("pk")[: MAX_RESULTS + 1]
    count_sql, params = results.query.sql_with_params()
    sql, params = f"SELECT (SELECT count(*) FROM ({count_sql}) c)", list(params)
    if connection.vendor == "postgresql":
        newest = base.order_by("-publish_at", "-pk").values("publish_at")[WINDOW - 1 : WINDOW]
        cutoff_sql, cutoff_params = newest.query.sql_with_params()
        sql += f", ({cutoff_sql})"
        params += cutoff_params
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return row[0], (row[1] if len(row) > 1 else None)


def ranked_sql(base, query_words, need, many=False, cutoff=None):
    """SQL and parameters for the ids of the first `need` results of `base`, in rank order.

    One statement: the tiers' parts, each ordered newest first and limited,
    chained with UNION ALL under one LIMIT. Tiers exclude the better tiers, so
    the chain is the ranking itself, and the database stops as soon as it has
    `need` rows: the worse tiers of a common query are never run.

    `many` (the query has more than MAX_RESULTS results, so its tiers are
    probably common and a walk through the date index finds them quickly): on
    SQLite it decides how the FTS5 matches are joined (see
    SqliteBackend.condition). On PostgreSQL, with the `cutoff` from
    count_and_cutoff(), each tier is split in two. The articles published since
    the cutoff (the newest WINDOW) are walked in date order, the condition
    checked row by row, which stops early when the tier is common. Only if that
    gives too few rows are the older articles found through the GIN index and
    sorted; an OFFSET 0 fence stops the planner from choosing instead, for a
    rare condition it misjudged as common (word combinations fool its
    estimates), a date-order walk through the whole table. Either part costs at
    most WINDOW checks or one fetch per matching row. With few results, every
    tier goes through the GIN index that way.
    """
    engine = backend()
    parts, params = [], []

    def add(number, sql, sql_params):
        parts.append(f"SELECT {number} AS tier, p{len(parts)}.* FROM ({sql}) p{len(parts)}")
        params.extend(sql_params)

    postgres = connection.vendor == "postgresql"
    for number, tier in enumerate(tiers(query_words)):
        indexed = engine.condition(query_words, tier.k, tier.fieldname, tier.excluded)
        walking = engine.condition(query_words, tier.k, tier.fieldname, tier.excluded, indexed=False)
        older = base
        if postgres and many and cutoff is not None:
            walked = base.filter(publish_at__gte=cutoff).filter(walking)
            add(number, *_newest_first(walked)[:need].query.sql_with_params())
            older = base.filter(publish_at__lt=cutoff)
        if postgres:
            sql, sql_params = _newest_first(older.filter(indexed)).order_by().query.sql_with_params()
            sql = f"SELECT * FROM ({sql} OFFSET 0) f ORDER BY 2 DESC, 1 DESC LIMIT {int(need)}"
            add(number, sql, sql_params)
        else:
            condition = walking if many else indexed
            add(number, *_newest_first(base.filter(condition))[:need].query.sql_with_params())

    return f"SELECT * FROM ({' UNION ALL '.join(parts)}) ranked LIMIT {int(need)}", params


def ranked_ids(base, query_words, need, many=False, cutoff=None):
    """The ids of the first `need` results of `base` for the words, in rank order (see ranked_sql)."""
    with connection.cursor() as cursor:
        cursor.execute(*ranked_sql(base, query_words, need, many, cutoff))
        rows = cursor.fetchall()
    # Belt and braces: put the rows in rank order whatever order they came in.
    rows.sort(key=lambda row: (row[2], row[1]), reverse=True)
    rows.sort(key=lambda row: row[0])
    return list(dict.fromkeys(pk for _tier, pk, _publish_at in rows))


# --- Snippets -------------------------------------------------------------------


@lru_cache(maxsize=4096)
def _fold_char(ch):
    return fold(ch)


def _folded_with_map(text):
    """(folded text, owner) where owner[i] is the index in `text` of folded char i (None: identity)."""
    quick = text.translate(FOLD_TABLE)
    if quick.isascii():
        return quick.lower(), None  # one folded character per original one
    # Typographic quotes, dashes, other scripts: still one for one if each such
    # character folds to its own lower case (checked once per distinct character).
    if all(_fold_char(ch) == ch.lower() and len(ch.lower()) == 1 for ch in set(quick) if not ch.isascii()):
        return quick.lower(), None
    chars, owner = [], []
    for index, ch in enumerate(text):
        for folded in _fold_char(ch):
            chars.append(folded)
            owner.append(index)
    return "".join(chars), owner


def _hits(text, wanted):
    """[(start, end, word)] spans of `text` whose folded word is in `wanted`, in original offsets."""
    folded, owner = _folded_with_map(text)
    spans = []
    for match in WORD_PATTERN.finditer(folded):
        word = match.group()
        if word not in wanted:
            continue
        start, end = match.start(), match.end()
        if owner is not None:
            start, end = owner[start], owner[end - 1] + 1
        # Keep the word's trailing combining marks (decomposed text) inside the highlight.
        while end < len(text) and unicodedata.combining(text[end]):
            end += 1
        spans.append((start, end, word))
    return spans


def _marked(text, spans):
    """`text` escaped, with each span wrapped in <mark>."""
    out, position = [], 0
    for start, end, _word in spans:
        out.append(escape(text[position:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        position = end
    out.append(escape(text[position:]))
    return "".join(out)


def highlight(text, query_words):
    """The whole of `text`, escaped, with the query's words marked (original diacritics kept)."""
    return mark_safe(_marked(text, _hits(text, set(query_words))))


def _best_window(text, spans, length):
    """(start, end, spans inside) of the window of about `length` chars with most distinct words."""
    best = None
    for i, (start, _end, _word) in enumerate(spans):
        inside = [s for s in spans[i:] if s[1] <= start + length]
        score = (len({s[2] for s in inside}), len(inside))
        if best is None or score > best[0]:
            best = (score, i, inside)
    _score, i, inside = best
    first = spans[i][0]
    # Start a little before the first word, at a word boundary.
    start = max(0, first - length // 5)
    if start > 0:
        space = text.rfind(" ", 0, start + 1)
        start = space + 1 if space >= first - length // 3 else first
    end = min(len(text), start + length)
    if end < len(text):
        space = text.rfind(" ", inside[-1][1], end)
        end = space if space > inside[-1][1] else max(end, inside[-1][1])
    return start, end, [s for s in spans if s[0] >= start and s[1] <= end]


def snippet(sources, query_words, length=SNIPPET_LENGTH):
    """A short excerpt of the first source texts that best shows the query's words, marked.

    `sources` are plain texts in order of preference (sapo, then body text).
    """
    wanted = set(query_words)
    best = None
    for text in sources:
        if not text:
            continue
        spans = _hits(text, wanted)
        if not spans:
            continue
        start, end, inside = _best_window(text, spans, length)
        score = len({s[2] for s in inside})
        if best is None or score > best[0]:
            best = (score, text, start, end, inside)
    if best is None:
        # The words are only in the byline or the event: show the sapo's start.
        text = next((t for t in sources if t), "")
        start, end, inside = 0, min(len(text), length), []
        if end < len(text):
            end = max(text.rfind(" ", 0, end), length // 2)
        best = (0, text, start, end, inside)
    _score, text, start, end, inside = best
    shifted = [(s - start, e - start, w) for s, e, w in inside]
    body = _marked(text[start:end], shifted)
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(f"{prefix}{body}{suffix}")


# --- The page -------------------------------------------------------------------

_SLUG = re.compile(r"^[-a-zA-Z0-9_]{1,100}$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _date(value, label, notices):
    value = (value or "").strip()
    if not value:
        return None
    if _ISO_DATE.match(value):
        try:
            day = date.fromisoformat(value)
        except ValueError:
            day = None
        # Far dates overflow once turned into a datetime range (9999-12-31 + 1 day).
        if day is not None and 1900 <= day.year <= 2100:
            return day
    notices.append(
        f"Ngày “{value[:20]}” ở ô “{label}” không hợp lệ nên đã được bỏ qua; "
        "hãy nhập theo dạng năm-tháng-ngày, ví dụ 2022-06-30."
    )
    return None


def _local_midnight(day):
    return timezone.make_aware(datetime.combine(day, time.min))


@dataclass
class Filters:
    category: object = None
    since: date = None
    until: date = None


def parse_filters(params, notices, site):
    """Section and date-range filters from the query string; bad values are ignored with a notice."""
    filters = Filters()
    slug = (params.get("chuyen-muc") or "").strip()
    if slug:
        filters.category = next(
            (c for c in Category.objects.menu(site) if _SLUG.match(slug) and c.slug == slug), None
        )
        if filters.category is None:
            notices.append("Không có chuyên mục này nên đã tìm trong mọi chuyên mục.")
    filters.since = _date(params.get("tu"), "Từ ngày", notices)
    filters.until = _date(params.get("den"), "Đến ngày", notices)
    if filters.since and filters.until and filters.since > filters.until:
        filters.since, filters.until = filters.until, filters.since
        notices.append("“Từ ngày” sau “Đến ngày” nên hai ngày đã được đổi chỗ cho nhau.")
    return filters


def filtered(queryset, filters):
    if filters.category is not None:
        queryset = queryset.filter(category_id=filters.category.pk)
    if filters.since:
        queryset = queryset.filter(publish_at__gte=_local_midnight(filters.since))
    if filters.until:
        queryset = queryset.filter(publish_at__lt=_local_midnight(filters.until + timedelta(days=1)))
    return queryset


@dataclass
class Result:
    article: object
    title: str  # safe HTML, query words marked
    snippet: str  # safe HTML, query words marked
    missing: list  # query words this article does not contain


@dataclass
class SearchPage:
    """One page of results, with what the template needs to paginate."""

    results: list
    number: int
    total: int  # capped at MAX_RESULTS + 1
    per_page: int = RESULTS_PER_PAGE

    max_results = MAX_RESULTS

    @property
    def more_than_max(self):
        return self.total > MAX_RESULTS

    @property
    def num_pages(self):
        return max(1, math.ceil(min(self.total, MAX_RESULTS) / self.per_page))

    @property
    def has_previous(self):
        return self.number > 1

    @property
    def has_next(self):
        return self.number < self.num_pages

    @property
    def previous_page_number(self):
        return self.number - 1

    @property
    def next_page_number(self):
        return self.number + 1

    @property
    def has_other_pages(self):
        return self.num_pages > 1


def search(query_words, filters=None, page=1, per_page=RESULTS_PER_PAGE, now=None, spelled=None,
           site=None):
    """Page `page` of the published articles of `site` (None: every site) matching `query_words`."""
    published = Article.objects.published(now or timezone.now())
    if site is not None:
        published = published.for_site(site)
    base = filtered(published, filters or Filters())
    need = min(page * per_page, MAX_RESULTS)
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                # ranked_ids relies on UNION ALL running its parts in order,
                # which a parallel append would not; and these small, limited
                # queries gain nothing from workers. Local to this transaction.
                cursor.execute("SET LOCAL max_parallel_workers_per_gather = 0")
        total, cutoff = count_and_cutoff(base, query_words)
        start = (page - 1) * per_page
        page_ids = []
        if start < min(total, MAX_RESULTS):
            # A date-order walk pays off only when there are many results.
            ids = ranked_ids(base, query_words, need, many=total > MAX_RESULTS, cutoff=cutoff)
            page_ids = ids[start : start + per_page]
    articles = {
        article.pk: article
        for article in base.filter(pk__in=page_ids)
        .select_related("category")
        .defer("search_title", "search_sapo", "cover_renditions")
    } if page_ids else {}
    results = []
    wanted = set(query_words)
    for pk in page_ids:
        article = articles.get(pk)
        if article is None:  # unpublished between the two queries
            continue
        present = wanted & set(article.search_text.split())
        results.append(
            Result(
                article=article,
                title=highlight(article.title, query_words),
                snippet=snippet([article.sapo, html_text(article.body)], query_words),
                missing=[(spelled or {}).get(w, w) for w in query_words if w not in present],
            )
        )
    return SearchPage(results=results, number=page, total=total, per_page=per_page)


def search_view(request):
    """/tim-kiem/?q=…&chuyen-muc=…&tu=…&den=…&trang=…"""
    query = parse_query(request.GET.get("q"))
    notices = list(query.notices)
    filters = parse_filters(request.GET, notices, request.site)
    number = positive_int(request.GET.get("trang", "1")) or 1
    context = {
        "query": query.text,
        "words": query.words,
        "notices": notices,
        "filters": filters,
        "categories": Category.objects.menu(request.site),
        "page": None,
        "out_of_range": False,
    }
    if query.words:
        if number > math.ceil(MAX_RESULTS / RESULTS_PER_PAGE):
            context["out_of_range"] = True
        else:
            page = search(query.words, filters, number, spelled=query.spelled, site=request.site)
            context["page"] = page
            context["out_of_range"] = number > page.num_pages
    return render(request, "articles/search.html", context)
