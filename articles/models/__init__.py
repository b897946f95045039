"""The newsroom's content: sections, authors, events, articles and photos.

One module per job: `common` (slugs, the site field), `newsroom` (sections,
authors, events), `querysets` (what the public may see, the desk's order, the
derived byline and search columns), `article` (articles and their bylines),
`photos` (the photo library). Everything is importable from `articles.models`.
"""

from .article import FOCAL_OUTSIDE, Article, ArticleAuthor, OfferedArticle
from .common import site_field, unique_slug
from .newsroom import RESERVED_SECTION_SLUGS, Author, Category, CategoryQuerySet, Event, EventQuerySet
from .photos import ArticleImage, ArticleImageQuerySet
from .querysets import DESK_ORDER, DESK_RANK, ArticleQuerySet

__all__ = [
    "DESK_ORDER", "DESK_RANK", "FOCAL_OUTSIDE", "RESERVED_SECTION_SLUGS", "Article", "ArticleAuthor",
    "ArticleImage", "ArticleImageQuerySet", "ArticleQuerySet", "Author", "Category", "CategoryQuerySet",
    "Event", "EventQuerySet", "OfferedArticle", "site_field", "unique_slug",
]
