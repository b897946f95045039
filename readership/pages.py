"""Which public page a rating or a page view is about, from the path the browser sends.

Only paths that resolve to a public page count, so junk cannot create rows for pages that do
not exist. Articles are recognised (their id and section), for the "Đọc nhiều" block and the
report per section; any other page counts under its first path segment.
"""

from dataclasses import dataclass

from django.urls import Resolver404, resolve

MAX_PATH = 300
# Endpoints and back office: never a page a reader reads.
NOT_PAGES = {"admin", "comments", "readership"}
# A commune's article shown on its portal ("Tin cơ sở") counts as a page of the portal, not as
# one of the portal's articles.
ARTICLE_VIEWS = {"articles:article"}


@dataclass(frozen=True)
class Page:
    path: str
    section: str  # the section's slug, "trang-chu" for the home page, else the first segment
    article_id: int | None = None


def page_of(path):
    """The public page at `path`, or None (not a page, too long, or junk)."""
    if not isinstance(path, str) or not path.startswith("/") or len(path) > MAX_PATH or "?" in path:
        return None
    try:
        match = resolve(path)
    except (Resolver404, ValueError):
        return None
    if match.namespace in NOT_PAGES or match.url_name is None:
        return None
    if match.view_name in ARTICLE_VIEWS:
        if len(match.kwargs["pk"]) > 18:  # not an id the database can hold
            return None
        return Page(path, match.kwargs["category"], int(match.kwargs["pk"]))
    first = path.strip("/").split("/", 1)[0]
    return Page(path, first or "trang-chu")
