"""The tiers' conditions as SQL: PostgreSQL tsvector columns or SQLite's FTS5 table.

Both answer the same yes/no question ("does this row have k of the words in
this field?"), so the ranking above them is identical on both databases.
"""

from django.db import connection
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL

from .query import parse_query
from .tiers import groups


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
            for group in groups(query_words, k)
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
            for group in groups(query_words, k)
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

    def expression(self, query_words, k, fieldname="doc", excluded=()):
        """The FTS5 query for rows with some k of the words in the field, and none of `excluded`."""
        match = self._match(fieldname, query_words, k)
        for other_k, other_field in excluded:
            match += " NOT " + self._match(other_field, query_words, other_k)
        return match

    def condition(self, query_words, k, fieldname="doc", excluded=(), indexed=True):
        """Rows with some k of the words in the field, and none of the `excluded` conditions.

        SQLite always runs the FTS5 query first and keeps the matching ids in a
        temporary index. `indexed=True` then looks each match up by primary key
        (best for few matches); `indexed=False` (`+id`, which SQLite cannot use
        for a lookup) walks the date index instead and stops after the first
        matches (best for many; a walk through the whole table for few).
        """
        return self._in(self.expression(query_words, k, fieldname, excluded), indexed)

    def row_condition(self, expression):
        """This row matches the FTS5 query: one lookup of its id in the index, no list collected."""
        return RawSQL(
            f"EXISTS (SELECT 1 FROM {self.FTS_TABLE} WHERE {self.FTS_TABLE} MATCH %s"
            f' AND {self.FTS_TABLE}.rowid = "articles_article"."id")',
            [expression],
            output_field=BooleanField(),
        )

    def capped_count_sql(self, base, query_words, cap):
        """SQL (and params) counting the rows of `base` with any of the words, up to `cap`.

        The FTS5 matches drive the count (each looked up in `base` by primary
        key), so it stops after `cap` rows instead of collecting every match of
        a common word first.
        """
        row = base.filter(pk=RawSQL(f'"{self.FTS_TABLE}"."rowid"', ())).order_by().values("pk")
        row_sql, row_params = row.query.sql_with_params()
        sql = (
            f"SELECT count(*) FROM (SELECT 1 FROM {self.FTS_TABLE} WHERE {self.FTS_TABLE} MATCH %s"
            f" AND EXISTS ({row_sql}) LIMIT {int(cap)})"
        )
        return sql, [self.expression(query_words, 1), *row_params]


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
