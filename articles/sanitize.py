"""Server-side sanitising of the article body (rich HTML from the admin editor)."""

from functools import lru_cache
from html.parser import HTMLParser
from urllib.parse import urlsplit

import nh3
from django.conf import settings
from django_prose_editor.config import allowlist_from_extensions


@lru_cache(maxsize=1)
def _cleaner() -> nh3.Cleaner:
    allow = allowlist_from_extensions(settings.PROSE_EDITOR_EXTENSIONS)
    attributes = {tag: set(attrs) for tag, attrs in allow["attributes"].items()}
    # We add responsive attributes ourselves at render time; never trust them from input.
    attributes.get("img", set()).difference_update({"srcset", "sizes", "loading"})
    # nh3 sets rel itself (link_rel below), so it must not also be an allowed attribute.
    attributes.get("a", set()).discard("rel")
    return nh3.Cleaner(
        tags=allow["tags"],
        attributes=attributes,
        allowed_classes=allow.get("allowed_classes") or None,
        attribute_filter=_only_own_images,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer",
    )


def _only_own_images(tag, attribute, value):
    # Photos must be uploaded in the admin (ArticleImage), not hot-linked from
    # elsewhere: an <img> whose src is not under MEDIA_URL loses its src.
    if tag == "img" and attribute == "src" and not value.startswith(settings.MEDIA_URL):
        return None
    return value


def sanitize_body(html: str) -> str:
    """Return `html` with only the tags and attributes the editor can produce."""
    cleaned = _cleaner().clean(html or "")
    # The editor's empty document is "<p></p>": store it as empty.
    return "" if cleaned.strip() in ("", "<p></p>") else cleaned


class _ImageSources(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.sources = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            src = dict(attrs).get("src")
            if src:
                self.sources.append(src.strip())


def foreign_images(html: str) -> list:
    """The `src` of each image in `html` that is not one of our uploads (another site's
    address, or a pasted data: URL): the sanitiser would drop it on save."""
    parser = _ImageSources()
    parser.feed(html or "")
    return [src for src in parser.sources if not src.startswith(settings.MEDIA_URL)]


def image_origin(src: str) -> str:
    """`baomoi.com` for a foreign image's address, "dữ liệu dán" for a data: URL."""
    return "dữ liệu dán" if src.startswith("data:") else (urlsplit(src).netloc or src[:40])
