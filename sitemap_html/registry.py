"""What the HTML site map (/so-do-trang/) lists: a registry other apps can add to.

Each entry names a page by its URL name; an entry whose URL name does not resolve (an app
that is not installed, or not yet built) is left out rather than breaking the page. An app
adds its own part from its AppConfig.ready():

    from sitemap_html.registry import register
    register("Văn bản", "documents:list", order=40)

and may give the entry children: a function `children(site)` returning [(title, url)…]
(one query at most, please: it runs when the cached page is rebuilt).
"""

from dataclasses import dataclass, field
from typing import Callable

from django.urls import NoReverseMatch, reverse


@dataclass
class Entry:
    title: str
    url_name: str
    order: int = 100
    children: Callable | None = None
    portal_only: bool = False
    lang: str = ""
    description: str = ""
    extra: dict = field(default_factory=dict)


_entries = {}


def register(title, url_name, *, order=100, children=None, portal_only=False, lang="", description=""):
    """Add (or replace, by URL name) an entry of the site map."""
    _entries[url_name] = Entry(title, url_name, order, children, portal_only, lang, description)


def entries(site):
    """The site's map: [{"title", "url", "lang", "description", "children": [(title, url)…]}…]."""
    result = []
    for entry in sorted(_entries.values(), key=lambda e: (e.order, e.title)):
        if entry.portal_only and not site.is_portal:
            continue
        try:
            url = reverse(entry.url_name)
        except NoReverseMatch:
            continue
        children = list(entry.children(site)) if entry.children else []
        result.append({"title": entry.title, "url": url, "lang": entry.lang,
                       "description": entry.description, "children": children})
    return result


def _sections(site):
    from articles.models import Category

    return [(category.name, category.get_absolute_url()) for category in Category.objects.menu(site)]


def _organisation(site):
    from organisation.models import Page

    pages = [(page.title, page.get_absolute_url()) for page in Page.objects.public(site).only("title", "slug")]
    fixed = []
    for title, name in (("Lãnh đạo", "organisation:leaders"), ("Cơ quan, đơn vị và liên hệ", "organisation:contacts")):
        try:
            fixed.append((title, reverse(name)))
        except NoReverseMatch:
            pass
    return pages + fixed


# The parts every site has, and the portal content of Nghị định 42/2022/NĐ-CP. URL names of
# parts other apps build are listed here too: they appear as soon as those apps are installed.
register("Trang chủ", "articles:home", order=0, children=_sections)  # and its sections
register("Tin cơ sở", "articles:community", order=15, portal_only=True,
         description="Tin bài của các xã, phường được cổng tỉnh đăng lại")
register("Sự kiện", "articles:events", order=20)
register("Giới thiệu", "organisation:overview", order=30, children=_organisation)
register("Văn bản", "documents:list", order=40, description="Văn bản chỉ đạo, điều hành, quy phạm pháp luật")
register("Lịch công tác", "schedule:week", order=50, description="Lịch công tác của lãnh đạo theo tuần")
register("Hỏi đáp", "questions:list", order=60, description="Hỏi đáp, trả lời kiến nghị của người dân")
register("Dự thảo lấy ý kiến", "consultations:list", order=70, description="Dự thảo văn bản lấy ý kiến nhân dân")
register("Tìm kiếm", "articles:search", order=80)
register("English", "english", order=90, lang="en", description="The organisation and its contacts in English")
