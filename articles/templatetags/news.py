"""Template helpers for Vietnamese date lines and responsive article photos."""

import re

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from benluc import text

register = template.Library()

register.filter("article_dateline", text.article_dateline)
register.filter("short_date", text.short_date)


@register.filter
def iso_datetime(value):
    """`2022-07-01T14:43:32+07:00`: W3C/ISO 8601 in Vietnam time, whole seconds."""
    from django.utils import timezone

    return timezone.localtime(value).replace(microsecond=0).isoformat() if value else ""


@register.filter
def on_site(path, site):
    """`path` as an absolute address on `site` (a result from another site of the province)."""
    return site.absolute(path)


@register.simple_tag
def header_dateline():
    """Render time of the page; static/js/site.js keeps it current on cached pages."""
    return text.header_dateline()


SIZES = "(max-width: 760px) 100vw, 720px"
_IMG = re.compile(r"<img\s([^>]*?)\s*/?>")
_SRC = re.compile(r'\bsrc="([^"]*)"')


@register.filter
def render_body(article):
    """The stored (already sanitised) body with srcset, sizes and lazy loading on photos."""
    images = {img.image.url: img for img in article.images.all() if img.image}

    def responsive(match):
        attrs = match.group(1)
        src = _SRC.search(attrs)
        extra = ' loading="lazy" decoding="async"'
        photo = images.get(src.group(1)) if src else None
        if photo is not None:
            srcset = photo.photo_srcset()
            if srcset:
                extra += f' srcset="{escape(srcset)}" sizes="{SIZES}"'
            if photo.width and "width=" not in attrs:
                extra += f' width="{photo.width}" height="{photo.height}"'
            if 'alt="' not in attrs:
                extra += f' alt="{escape(photo.alt)}"'
        elif 'alt="' not in attrs:
            extra += ' alt=""'
        return f"<img {attrs}{extra}>"

    # The body was sanitised by nh3 on save (articles/sanitize.py), which also
    # normalises attribute quoting, so this pattern sees well-formed tags only.
    return mark_safe(_IMG.sub(responsive, article.body))


@register.inclusion_tag("articles/_photo.html")
def cover_photo(article, eager=False, sizes=SIZES):
    return {"article": article, "eager": eager, "sizes": sizes}


@register.simple_tag(takes_context=True)
def news_article_ld(context, article):
    """JSON-LD `NewsArticle` (a data block: not executed, so CSP does not apply)."""
    import json

    from django.conf import settings
    from django.utils import timezone

    site = context["request"].site
    base = site.base_url
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title[:110],
        "description": article.sapo,
        "mainEntityOfPage": context.get("canonical_url") or base + article.get_absolute_url(),
        "inLanguage": "vi",
        "articleSection": article.category.name,
        "dateModified": timezone.localtime(article.updated_at).isoformat(),
        "author": [
            {"@type": "Person", "name": a.name, "url": base + a.get_absolute_url()}
            for a in article.ordered_authors()
        ],
        "publisher": {"@type": "Organization", "name": site.name, "url": base + "/"},
    }
    if article.publish_at:
        data["datePublished"] = timezone.localtime(article.publish_at).isoformat()
    if article.cover:
        data["image"] = [base + article.cover.url]
    payload = json.dumps(data, ensure_ascii=False)
    # Same escaping as Django's json_script: no "</script>" can close the block.
    payload = payload.replace("<", "\\u003C").replace(">", "\\u003E").replace("&", "\\u0026")
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')
