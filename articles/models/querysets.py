"""The article queryset: what the public may see, the desk's order, and the derived columns."""

from django.db import models
from django.db.models import Case, F, Prefetch, Q, Value, When
from django.db.models.functions import Coalesce
from django.db.models.expressions import RawSQL
from django.utils import timezone

from benluc.text import search_columns

from .newsroom import Category, Event


# The admin list's order (see ArticleQuerySet.attention_first): what needs the
# desk's attention, then newest first. Drafts have no publish_at: their creation
# time stands in, so no NULL is sorted and both databases agree.
DESK_RANK = Case(
    When(status="review", then=Value(0)),
    When(status__in=["draft", "returned"], then=Value(1)),
    default=Value(2),
    output_field=models.IntegerField(),
)
DESK_ORDER = [DESK_RANK.asc(), Coalesce("publish_at", "created_at").desc(), F("id").desc()]


class ArticleQuerySet(models.QuerySet):
    def published(self, now=None):
        """What the public may see: published, and due (publish_at ≤ now).

        Every public view, feed, sitemap and search starts from here, so a draft
        or a scheduled article can never leak through a forgotten filter, and a
        scheduled article appears on time with no cron job.
        """
        from .article import Article  # defined after this queryset

        return self.filter(
            status=Article.Status.PUBLISHED,
            publish_at__lte=now or timezone.now(),
        )

    def for_site(self, site):
        """The articles of one site."""
        return self.filter(site=site)

    def bulk_create(self, objs, *args, **kwargs):
        """As Django's, with each article's site taken from its section (as save() does)."""
        objs = list(objs)
        missing = {a.category_id for a in objs if a.site_id is None}
        if missing:
            sites = dict(Category.objects.filter(pk__in=missing).values_list("pk", "site_id"))
            for article in objs:
                if article.site_id is None:
                    article.site_id = sites.get(article.category_id)
        return super().bulk_create(objs, *args, **kwargs)

    def community_news(self, portal):
        """Articles of the portal's communes that the portal accepted (its "Tin cơ sở")."""
        from .article import Article  # defined after this queryset

        return self.filter(site__parent=portal, portal_status=Article.PortalStatus.ACCEPTED)

    def teasers(self):
        """Rows for links to articles: with their section, without the long text columns."""
        return self.select_related("category").defer(
            "body", "search_text", "search_title", "search_sapo", "byline_ids"
        )

    def with_byline(self):
        """Authors in byline order, prefetched in one query (see `Article.ordered_authors`)."""
        from .article import ArticleAuthor  # defined after this queryset

        return self.prefetch_related(
            Prefetch(
                "article_authors",
                queryset=ArticleAuthor.objects.select_related("author").order_by("position"),
            )
        )

    def for_listing(self):
        """What article lists need (teaser and byline), in a fixed number of queries."""
        return self.teasers().with_byline()

    def latest_per_section(self, section_ids, count, newest=0):
        """The newest `count` articles of each section (ids), in one statement, and with
        `newest` the newest `newest` of all (the home page's lead and top stories): in
        newest-first order, those are the first `newest` rows, and a section may then have
        more than `count` rows (its newest `count` come first).

        One small `IN (… ORDER BY publish_at DESC LIMIT n)` per section, each
        answered from the (category, status, publish_at) index; a window
        function over every article would rank the whole archive instead. Compiling it
        costs more than running it: the home page compiles it once (benluc/prepared.py).
        """
        parts, params = [], []
        for n, section_id in enumerate(section_ids):
            member = self.filter(category_id=section_id).newest_first().values("pk")[:count]
            sql, member_params = member.query.sql_with_params()
            # Wrapped: SQLite refuses LIMIT directly inside a UNION's members.
            parts.append(f"SELECT * FROM ({sql}) AS section_{n}")
            params.extend(member_params)
        if newest:
            sql, newest_params = self.newest_first().values("pk")[:newest].query.sql_with_params()
            parts.append(f"SELECT * FROM ({sql}) AS newest")
            params.extend(newest_params)
        if not parts:
            return self.none()
        # One IN over a UNION ALL: an OR of several INs makes PostgreSQL scan the table.
        return self.filter(pk__in=RawSQL(" UNION ALL ".join(parts), params))

    def newest_first(self):
        """Newest publication first (not Django's `latest()`, which returns one row)."""
        return self.order_by("-publish_at", "-pk")

    def attention_first(self):
        """The newsroom's order: in review, then drafts and returned ones, then newest first.

        Written as the expression of the `article_desk_idx` index, so a page of the
        admin list is an index walk that stops after one page, on both databases.
        """
        return self.order_by(*DESK_ORDER)

    def written_by(self, user):
        """Articles `user` created or signs (a reporter's "Bài của tôi")."""
        from .article import ArticleAuthor  # defined after this queryset

        signed = ArticleAuthor.objects.filter(author__user=user).values("article_id")
        return self.filter(Q(created_by=user) | Q(pk__in=signed))

    def refresh_derived(self):
        """Recompute the byline and search columns of these articles from their rows.

        The one place `byline_ids`, `search_text`, `search_title` and `search_sapo`
        are written. Called once an article and its author rows are saved (the
        admin's `save_related`), after a revision is restored, by `load_bulk` for
        each batch, and when an author or event is renamed. The latest revision of
        each article gets the byline too, so restoring it restores the byline.
        """
        from .article import Article, ArticleAuthor  # defined after this queryset

        rows = list(self.order_by().values_list("pk", "title", "sapo", "body", "event_id", "byline_ids"))
        if not rows:
            return 0
        ids = [row[0] for row in rows]
        bylines, names = {}, {}
        links = ArticleAuthor.objects.filter(article_id__in=ids).order_by("article_id", "position", "pk")
        for article_id, author_id, name in links.values_list("article_id", "author_id", "author__name"):
            bylines.setdefault(article_id, []).append(author_id)
            names.setdefault(article_id, []).append(name)
        events = {
            pk: (name, organiser)
            for pk, name, organiser in Event.objects.filter(
                pk__in={row[4] for row in rows if row[4]}
            ).values_list("pk", "name", "organiser")
        }
        changed = []
        for pk, title, sapo, body, event_id, old_byline in rows:
            more = names.get(pk, []) + list(events.get(event_id, ()))
            text, title_words, sapo_words = search_columns(title, sapo, body, *more)
            changed.append(Article(
                pk=pk, byline_ids=bylines.get(pk, []), search_text=text,
                search_title=title_words, search_sapo=sapo_words,
            ))
        Article._default_manager.bulk_update(
            changed, ["byline_ids", "search_text", "search_title", "search_sapo"], batch_size=500
        )
        History = Article.history.model
        latest = History.objects.filter(id__in=ids).values("id").annotate(last=models.Max("history_id"))
        for revision in History.objects.filter(history_id__in=latest.values("last")).only("id", "byline_ids"):
            byline = bylines.get(revision.id, [])
            if revision.byline_ids != byline:
                History.objects.filter(pk=revision.pk).update(byline_ids=byline)
        return len(changed)
