"""Server-side sanitising of the article body (rich HTML from the admin editor)."""

from functools import lru_cache
from html.parser import HTMLParser
from urllib.parse import urlsplit

import nh3
from django.conf import settings
from django.utils.html import escape
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


def image_sources(html: str) -> list:
    """The `src` of each image in `html`, in order, as a browser would read them."""
    parser = _ImageSources()
    parser.feed(html or "")
    parser.close()
    return parser.sources


class _ImageRewriter(HTMLParser):
    """Serialises parsed HTML again, each <img>'s attributes passed through `rewrite`.

    A real parser, not a pattern: an attribute value holding `>` (older nh3 releases
    left it unescaped) stays inside its attribute instead of ending the tag early. Every
    tag is written back from its parsed attributes, escaped; comments and declarations
    are dropped (the sanitiser never lets them through anyway).
    """

    def __init__(self, rewrite):
        super().__init__(convert_charrefs=False)
        self.rewrite = rewrite
        self.out = []

    def _tag(self, tag, attrs, close=""):
        if tag == "img":
            attrs = self.rewrite(dict(attrs))
            if attrs is None:
                return
            attrs = attrs.items()
        parts = [tag] + [name if value is None else f'{name}="{escape(value)}"' for name, value in attrs]
        self.out.append(f"<{' '.join(parts)}{close}>")

    def handle_starttag(self, tag, attrs):
        self._tag(tag, attrs)

    def handle_startendtag(self, tag, attrs):
        self._tag(tag, attrs)

    def handle_endtag(self, tag):
        self.out.append(f"</{tag}>")

    def handle_data(self, data):
        self.out.append(data)

    def handle_entityref(self, name):
        self.out.append(f"&{name};")

    def handle_charref(self, name):
        self.out.append(f"&#{name};")


def rewrite_images(html: str, rewrite) -> str:
    """`html` with each <img>'s attributes (a dict) replaced by `rewrite(attrs)`; None drops it."""
    parser = _ImageRewriter(rewrite)
    parser.feed(html or "")
    parser.close()
    return "".join(parser.out)


def foreign_images(html: str) -> list:
    """The `src` of each image in `html` that is not one of our uploads (another site's
    address, or a pasted data: URL): the sanitiser would drop it on save."""
    return [src for src in image_sources(html) if not src.startswith(settings.MEDIA_URL)]


def image_origin(src: str) -> str:
    """`baomoi.com` for a foreign image's address, "dữ liệu dán" for a data: URL."""
    return "dữ liệu dán" if src.startswith("data:") else (urlsplit(src).netloc or src[:40])
