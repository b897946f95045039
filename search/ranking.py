"""How many results, and the ids of the first ones in rank order: one statement each."""

from django.db import connection

from .backends import backend, matching
from .tiers import tiers

MAX_RESULTS = 500  # 50 pages; beyond that readers are asked to narrow the search
# PostgreSQL only: how many of the newest articles a tier first walks through
# in date order (see ranked_sql).
WINDOW = 400


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

