"""Public pages. Queries live on the QuerySets; views choose and render."""

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_safe

from benluc.pagination import CappedPaginator
from benluc.prepared import Prepared
from benluc.text import positive_int

from sites.cache import fragment, memo, memo_each, public_page

from .models import Article, Author, Category, Event
from .templatetags.news import related_item, teaser

ARTICLES_PER_PAGE = 12


# "Tin cơ sở" gathers every commune's accepted news: its pages stop at 40 (480
# articles), so counting them never walks the province's whole archive (older
# ones stay on their communes' sites and in search).
COMMUNITY_PAGES = 40


def _page(request, queryset, per_page=ARTICLES_PER_PAGE, max_pages=None):
    """One page of `queryset`; a page number out of range or not a number is 404.

    With `max_pages`, only that many pages are counted and offered.
    """
    if max_pages:
        paginator = CappedPaginator(queryset, per_page, cap=max_pages * per_page)
    else:
        paginator = Paginator(queryset, per_page)
    number = positive_int(request.GET.get("trang", "1"))
    if number is None or number > max(paginator.num_pages, 1):
        raise Http404("Không có trang này.")
    return paginator.page(number)


# The home page's articles in one statement, as ids: the site's newest seven (first, being
# the newest) and each section's four; compiled once per process and number of sections.
_home_rows = Prepared(
    lambda site_id, now, *section_ids: Article.objects.published(now).filter(site_id=site_id)
    .latest_per_section(section_ids, 4, newest=7).newest_first().values_list("pk", "category_id", "cover")
)


def _home_pieces(site, wanted):
    """The HTML of each (kind, article id) in `wanted`: the lead story, and teasers as the
    top stories ("top"), a section's first ("first") and its others ("more") show them.

    Kept per site version in each process (sites.cache.memo_each): after an edit, the home
    page is built again with only the changed articles read and rendered.
    """
    def build(missing):
        articles = Article.objects.teasers().in_bulk({pk for _kind, pk in missing})
        # An article deleted since the ids were read (its site's version has moved) shows nothing.
        return {(kind, pk): render_piece(kind, articles[pk]) if pk in articles else "" for kind, pk in missing}

    def render_piece(kind, article):
        if kind == "lead":
            return render_to_string("articles/_lead.html", {"lead": article})
        if kind == "top":
            return teaser(article, show_section=True)
        if kind == "first":
            return teaser(article, show_photo=True, show_sapo=True)
        return teaser(article)

    return memo_each(site, "home", wanted, build)


@require_safe
@public_page
def home(request):
    site = request.site
    categories = Category.objects.menu(site)
    rows = list(_home_rows(site.pk, timezone.now(), *(c.pk for c in categories)))
    latest = rows[:7]
    # The lead story is the newest with a photo among the latest, else simply the newest.
    lead = next((row for row in latest if row[2]), latest[0] if latest else None)
    top = [row for row in latest if row is not lead][:6]
    sections = {category.pk: [] for category in categories}
    for pk, category_id, _cover in rows:
        section = sections.get(category_id)  # None: a section off the menu
        if section is not None and len(section) < 4:
            section.append(pk)
    wanted = ([("lead", lead[0])] if lead else []) + [("top", row[0]) for row in top]
    for ids in sections.values():
        wanted += [("first" if n == 0 else "more", pk) for n, pk in enumerate(ids)]
    pieces = dict(zip(wanted, _home_pieces(site, wanted)))
    community = []
    if site.is_portal:
        community = Article.objects.published().community_news(site).teasers().select_related(
            "site").newest_first()[:6]
    return render(
        request,
        "articles/home.html",
        {
            "lead": pieces.get(("lead", lead[0])) if lead else None,
            "lead_has_photo": bool(lead and lead[2]),
            "top": [pieces[("top", row[0])] for row in top],
            "sections": [
                (c, pieces[("first", sections[c.pk][0])], [pieces[("more", pk)] for pk in sections[c.pk][1:]])
                for c in categories if sections[c.pk]
            ],
            "upcoming": Event.objects.filter(site=site).upcoming()[:5],
            "community": community,
        },
    )


@require_safe
@public_page
def category_detail(request, slug):
    category = get_object_or_404(Category, site=request.site, slug=slug)
    page = _page(request, Article.objects.published().filter(category=category).teasers().newest_first())
    return render(request, "articles/category.html", {"category": category, "page": page})


@require_safe
@public_page
def author_detail(request, slug):
    author = get_object_or_404(Author, site=request.site, slug=slug)
    page = _page(request, Article.objects.published().filter(authors=author).teasers().newest_first())
    return render(request, "articles/author.html", {"author": author, "page": page})


@require_safe
@public_page
def event_list(request):
    events = Event.objects.filter(site=request.site)
    page = _page(request, events.past(), per_page=20)
    return render(
        request,
        "articles/event_list.html",
        {"upcoming": events.upcoming()[:20], "page": page},
    )


@require_safe
@public_page
def event_detail(request, slug, pk):
    event = get_object_or_404(Event, site=request.site, pk=pk)
    if slug != event.slug:
        return redirect(event, permanent=True)
    page = _page(request, Article.objects.published().filter(event=event).teasers().newest_first())
    return render(request, "articles/event_detail.html", {"event": event, "page": page})


# The article of a page, as every reader asks for it: compiled once per process (see
# benluc/prepared.py). The body's photos are asked for only if it shows any
# (news.body_photos); the byline comes from the site's authors (_site_authors), not from
# a query of its own.
_public_article = Prepared(
    lambda site_id, pk, now: Article.objects.published(now).filter(site_id=site_id, pk=pk)
    .select_related("category", "event")
)


def _article(request, pk):
    """The article `pk` of this site as this reader may see it, or 404."""
    # Newsroom staff preview drafts and scheduled articles at their public address;
    # a moderator is staff too, but may not read unpublished articles.
    if request.user.is_staff and request.user.has_perm("articles.view_article"):
        return get_object_or_404(
            Article.objects.for_site(request.site).select_related("category", "event"), pk=pk
        )
    pk = positive_int(pk, max_digits=18)
    found = pk and list(_public_article(request.site.pk, pk, timezone.now()))
    if not found:
        raise Http404("Không có bài viết này.")
    return found[0]


def _site_authors(site):
    """{id: Author} of the site, kept in each process for its content version: every article
    page reads its byline from here and its `byline_ids`."""
    return memo(site, "authors", lambda: {author.pk: author for author in Author.objects.filter(site=site)})


def _related(site, category_id, event_id):
    """The newest articles of a section (or of its or an event's), as [(id, <li> HTML)]: one
    list per site version shared by every article of that section and event, each leaving
    itself out."""
    def build():
        related_filter = Q(category_id=category_id)
        if event_id:
            related_filter |= Q(event_id=event_id)
        articles = (Article.objects.published().for_site(site).filter(related_filter)
                    .teasers().newest_first()[:6])
        return [(item.pk, related_item(item, item.get_absolute_url())) for item in articles]

    return fragment(site, f"related:{category_id}:{event_id or 0}", build)


@require_safe
@public_page
def article_detail(request, category, slug, pk):
    article = _article(request, pk).use_authors(_site_authors(request.site))
    if category != article.category.slug or slug != article.slug:
        # Old links (renamed section, stale slug) keep working.
        return redirect(article, permanent=True)
    related = [html for pk, html in _related(request.site, article.category_id, article.event_id)
               if pk != article.pk][:5]
    return render(request, "articles/article_detail.html", {
        "article": article, "related": related,
        "canonical_url": request.site.absolute(article.get_absolute_url()), "link_base": "",
    })


def _portal(request):
    """The site, if it is a province's portal (only portals have "Tin cơ sở")."""
    if not request.site.is_portal:
        raise Http404("Trang này chỉ có trên cổng thông tin tỉnh.")
    return request.site


@require_safe
@public_page
def community_news(request):
    """The portal's "Tin cơ sở": articles its communes offered and it accepted."""
    portal = _portal(request)
    news = Article.objects.published().community_news(portal).teasers().select_related("site")
    page = _page(request, news.newest_first(), max_pages=COMMUNITY_PAGES)
    return render(request, "articles/community.html", {"page": page})


@require_safe
@public_page
def community_article(request, slug, pk):
    """A commune's article on its portal; the canonical address stays the original."""
    portal = _portal(request)
    article = get_object_or_404(
        Article.objects.published().community_news(portal)
        .select_related("category", "event", "site").with_byline().prefetch_related("images"),
        pk=pk,
    )
    if slug != article.slug:
        return redirect(article.get_community_url(), permanent=True)
    related = [
        related_item(item, item.get_community_url())
        for item in Article.objects.published().community_news(portal).exclude(pk=article.pk)
        .teasers().newest_first()[:5]
    ]
    return render(request, "articles/article_detail.html", {
        "article": article, "related": related, "community": True,
        "canonical_url": article.original_url, "link_base": article.site.base_url,
    })
