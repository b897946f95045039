"""How many results, and the ids of the first ones in rank order: one statement each."""

from django.db import connection
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL

from .backends import backend, matching
from .tiers import tiers

MAX_RESULTS = 500  # 50 pages; beyond that readers are asked to narrow the search
# PostgreSQL only: how many of the newest articles a tier first walks through
# in date order (see ranked_sql).
WINDOW = 400
# SQLite only: a tier with at least COMMON matches for each row the page needs
# is walked in date order (it fills the page after a few hundred rows); a rarer
# one's matches are looked up by id and sorted (see ranked_sql).
COMMON = 50
# SQLite only: a common tier whose first matches suggest at most this many rows
# walked checks each row with its own FTS5 lookup instead of collecting every
# match first.
DENSE_WALK = 100


def _newest_first(queryset):
    return queryset.order_by("-publish_at", "-pk").values_list("pk", "publish_at")


_CONDITION = "__search_tier_condition__"


def _template(queryset, ordered=True):
    """(SQL, params) of the ids and dates of `queryset` newest first, with a slot for a condition."""
    queryset = _newest_first(queryset.filter(RawSQL(_CONDITION, (), output_field=BooleanField())))
    if not ordered:
        queryset = queryset.order_by()
    sql, params = queryset.query.sql_with_params()
    assert sql.count(_CONDITION) == 1
    return sql, tuple(params)


def _with_condition(template, condition):
    """The template's SQL with `condition` (a RawSQL) in its slot; its params follow the queryset's."""
    sql, params = template
    return sql.replace(_CONDITION, condition.sql), [*params, *condition.params]


def count_sql(base, query_words):
    """SQL and parameters counting the rows of `base` with any of the words, up to MAX_RESULTS + 1."""
    if connection.vendor == "sqlite":
        return backend().capped_count_sql(base, query_words, MAX_RESULTS + 1)
    results = matching(base, query_words, at_least=1).order_by().values("pk")[: MAX_RESULTS + 1]
    sql, params = results.query.sql_with_params()
    return f"SELECT count(*) FROM ({sql}) c", list(params)


def count_and_cutoff(base, query_words):
    """(number of results up to MAX_RESULTS + 1, publish_at of the WINDOW-th newest article).

    One statement. The cutoff (PostgreSQL only, else None) is for ranked_ids.
    """
    counting, params = count_sql(base, query_words)
    sql, params = f"SELECT ({counting})", list(params)
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
    SQLite each tier has two parts, a walk through the date index (see
    SqliteBackend.condition) and a lookup of its matches by id, and a LIMIT
    that SQLite computes before running a part (a capped count of the tier's
    FTS5 matches, COMMON per row needed) runs only the cheaper one: a rare tier
    no longer costs a walk through the whole table. On PostgreSQL, with the `cutoff` from
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
    first_matches, first_params = [], []  # SQLite: the tiers' first FTS5 matches, as CTEs

    def add(number, sql, sql_params):
        parts.append(f"SELECT {number} AS tier, p{len(parts)}.* FROM ({sql}) p{len(parts)}")
        params.extend(sql_params)

    def add_sqlite_tier(number, tier):
        """Three parts, of which the LIMITs (computed before a part runs) let one run.

        The tier's first COMMON * need FTS5 matches, in id order, are kept once
        (a CTE, computed on first use). Fewer than that: they are all of
        them, looked up by id and sorted (a walk would go through the whole
        table for a rare tier). More: the tier is walked in date order. If the
        first matches are dense (ids close together), few rows are walked
        before the page is full, and each is checked with its own FTS5 lookup;
        otherwise all the tier's matches are collected first (one FTS5 query)
        and each row walked is checked against them.
        """
        cap, name = COMMON * need, f"m{number}"
        expression = engine.expression(query_words, tier.k, tier.fieldname, tier.excluded)
        first_matches.append(
            f"{name} AS MATERIALIZED (SELECT rowid FROM {engine.FTS_TABLE} "
            f"WHERE {engine.FTS_TABLE} MATCH %s LIMIT {cap})"
        )
        first_params.append(expression)
        # About need * span / cap rows are walked: check each alone if at most DENSE_WALK.
        dense = f"count(*) >= {cap} AND (max(rowid) - min(rowid)) * {int(need)} <= {DENSE_WALK * cap}"
        parts = (
            (engine.row_condition(expression), dense),
            (engine.condition(query_words, tier.k, tier.fieldname, tier.excluded, indexed=False),
             f"count(*) >= {cap} AND NOT ({dense})"),
            (RawSQL(f'"articles_article"."id" IN {name}', ()), f"count(*) < {cap}"),
        )
        for condition, test in parts:
            sql, sql_params = _with_condition(older, condition)
            sql += f" LIMIT (SELECT CASE WHEN {test} THEN {int(need)} ELSE 0 END FROM {name})"
            add(number, sql, sql_params)

    postgres = connection.vendor == "postgresql"
    split = postgres and many and cutoff is not None
    # Each part is the same query with another condition: compile it once per
    # date range and put each tier's condition in its place.
    newest = _template(base.filter(publish_at__gte=cutoff)) if split else None
    older = _template(base.filter(publish_at__lt=cutoff) if split else base, ordered=not postgres)
    for number, tier in enumerate(tiers(query_words)):
        indexed = engine.condition(query_words, tier.k, tier.fieldname, tier.excluded)
        walking = engine.condition(query_words, tier.k, tier.fieldname, tier.excluded, indexed=False)
        if split:
            sql, sql_params = _with_condition(newest, walking)
            add(number, f"{sql} LIMIT {int(need)}", sql_params)
        if postgres:
            sql, sql_params = _with_condition(older, indexed)
            sql = f"SELECT * FROM ({sql} OFFSET 0) f ORDER BY 2 DESC, 1 DESC LIMIT {int(need)}"
            add(number, sql, sql_params)
        elif many:
            add_sqlite_tier(number, tier)
        else:
            sql, sql_params = _with_condition(older, indexed)
            add(number, f"{sql} LIMIT {int(need)}", sql_params)

    sql = f"SELECT * FROM ({' UNION ALL '.join(parts)}) ranked LIMIT {int(need)}"
    if first_matches:
        sql = f"WITH {', '.join(first_matches)} {sql}"
    return sql, [*first_params, *params]


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

