"""Template helpers for Vietnamese date lines and responsive article photos."""

from html import escape as _e

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from articles.sanitize import image_sources, rewrite_images
from benluc import text
from benluc.template_builtins import meta_tags, truncatechars

register = template.Library()

register.filter("article_dateline", text.article_dateline)
register.filter("short_date", text.short_date)


@register.filter
def iso_datetime(value):
    """`2022-07-01T14:43:32+07:00`: W3C/ISO 8601 in Vietnam time, whole seconds."""
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


def _media_name(url):
    """`articles/2026/12/a.jpg` for `/media/articles/2026/12/a.jpg`, else None."""
    from django.conf import settings

    return url[len(settings.MEDIA_URL):] if url.startswith(settings.MEDIA_URL) else None


def media_names(body):
    """Storage names of the uploaded files a body's images show."""
    return {name for src in image_sources(body) if (name := _media_name(src))}


def first_photo_src(body):
    """The `src` of the first photo in a body, or None."""
    sources = image_sources(body)
    return sources[0] if sources else None


def body_photos(article):
    """The photos the body shows, by the `src` stored in it: {src: ArticleImage}.

    The article's own photos are one query (or the prefetch of a list), asked only when
    the body shows a photo; a photo placed from the newsroom's library (another
    article's) costs one query for all of them.
    """
    from articles.models import ArticleImage

    if getattr(article, "_body_photos", None) is not None:
        return article._body_photos
    sources = image_sources(article.body)
    if not sources:  # a text-only body: its photos are not even asked for
        article._body_photos = {}
        return article._body_photos
    photos = {img.image.url: img for img in article.images.all() if img.image}
    missing = {
        name: src for src in sources
        if src not in photos and (name := _media_name(src))
    }
    if missing:
        for photo in ArticleImage.objects.filter(image__in=list(missing)):
            photos[missing[photo.image.name]] = photo
    article._body_photos = photos
    return photos


@register.filter
def render_body(article):
    """The stored (already sanitised) body, each photo as its renditions (srcset, sizes,
    lazy loading): a reader never downloads an original upload."""
    images = body_photos(article)

    def responsive(attrs):
        photo = images.get((attrs.get("src") or "").strip())
        if photo is not None:
            rendition = photo.photo_rendition()
            if rendition is None:
                return None  # no copy could be made: leave the photo out, not the original in
            attrs["src"] = rendition["url"]
            attrs["srcset"], attrs["sizes"] = photo.photo_srcset(), SIZES
            if photo.width and "width" not in attrs:
                attrs["width"], attrs["height"] = str(photo.width), str(photo.height)
            attrs.setdefault("alt", photo.alt)
        else:
            attrs.setdefault("alt", "")
        attrs["loading"], attrs["decoding"] = "lazy", "async"
        return attrs

    # Parsed, not matched with a pattern (articles/sanitize.py): every attribute value is
    # escaped again on the way out, whatever the sanitiser's version left in it.
    return mark_safe(rewrite_images(article.body, responsive))


@register.inclusion_tag("articles/_photo.html")
def cover_photo(article, eager=False, sizes=SIZES, crop=None):
    """The cover as renditions: full frame on the article page, `crop="teaser"` (16:9 around
    the focal point) on the home page and in lists."""
    rendition = article.photo_rendition(crop) if article.cover else None
    return {
        "article": article, "eager": eager, "sizes": sizes, "rendition": rendition,
        "srcset": article.photo_srcset(crop) if rendition else "",
    }


def related_item(article, href):
    """One "Tin liên quan" line: `<li>` with the title's link and the date (dd/mm/yyyy)."""
    return format_html(
        '<li><a href="{}">{}</a> <span class="meta">(<time datetime="{}">{}</time>)</span></li>',
        href, article.title, iso_datetime(article.publish_at),
        timezone.localtime(article.publish_at).strftime("%d/%m/%Y"),
    )


@register.simple_tag(takes_context=True)
def article_meta(context, article):
    """The article's Open Graph and Twitter card tags and its JSON-LD, for a page's <head>.

    Built in Python, not as some twenty template tags: it is the same on every article page
    and the template engine's cost per tag made it a tenth of the page's build time.
    """
    share = share_image_for(context, article)
    description, short = truncatechars(article.sapo, 300), truncatechars(article.sapo, 200)
    tags = [
        ("og:type", "article"),
        ("og:site_name", context["site"].name),
        ("og:locale", "vi_VN"),
        ("og:title", article.title),
        ("og:description", description),
        ("og:url", context.get("canonical_url", "")),
        ("og:image", share["url"]),
        ("og:image:width", share["width"]),
        ("og:image:height", share["height"]),
        ("og:image:alt", share["alt"]),
    ]
    if article.publish_at:
        tags.append(("article:published_time", timezone.localtime(article.publish_at).isoformat()))
    tags += [
        ("article:modified_time", timezone.localtime(article.updated_at).isoformat()),
        ("article:section", article.category.name),
    ]
    twitter = [
        ("twitter:card", "summary_large_image"),
        ("twitter:image", share["url"]),
        ("twitter:title", article.title),
        ("twitter:description", short),
    ]
    return mark_safe(meta_tags(tags, "property") + "\n" + meta_tags(twitter) + "\n" + news_article_ld(context, article))


def share_image_for(context, article):
    """The share picture of `article` on this site (see articles.sharing.share_image)."""
    from articles.sharing import share_image

    return share_image(article, context["request"].site)


def news_article_ld(context, article):
    """JSON-LD `NewsArticle` (a data block: not executed, so CSP does not apply)."""
    import json

    from articles.sharing import publisher_logo, share_image

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
        "publisher": {
            "@type": "Organization", "name": site.name, "url": base + "/",
            "logo": {"@type": "ImageObject", "url": publisher_logo(site)},
        },
        "image": [share_image(article, site)["url"]],
    }
    if article.publish_at:
        data["datePublished"] = timezone.localtime(article.publish_at).isoformat()
    payload = json.dumps(data, ensure_ascii=False)
    # Same escaping as Django's json_script: no "</script>" can close the block.
    payload = payload.replace("<", "\\u003C").replace(">", "\\u003E").replace("&", "\\u0026")
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')


TEASER_SIZES = "(max-width: 760px) 100vw, 360px"


def _cover_img(article, sizes, crop, eager=False):
    """articles/_photo.html in Python, for teasers (a list page shows dozens of them)."""
    rendition = article.photo_rendition(crop) if article.cover else None
    if not rendition:
        return ""
    loading = ' fetchpriority="high"' if eager else ' loading="lazy"'
    return (
        f'<img src="{_e(rendition["url"])}" srcset="{_e(article.photo_srcset(crop))}" sizes="{_e(sizes)}" '
        f'width="{_e(str(rendition["width"]))}" height="{_e(str(rendition["height"]))}" '
        f'alt="{_e(article.cover_alt)}"{loading} decoding="async">'
    )


@register.simple_tag
def teaser(article, show_section=False, show_sapo=False, show_photo=False, h=3, as_community=False):
    """One article in a list: title, section or site, date, optionally its photo and sapo.

    Built in Python rather than through an {% include %} per item: a home page shows some
    thirty of them, and two nested includes each cost more than the rest of the teaser.
    Every value is escaped with the standard library's html.escape (what Django's escape
    calls, without its lazy-string wrapper: a third of a teaser's cost).
    """
    href = _e(article.get_community_url() if as_community else article.get_absolute_url())
    photo = bool(show_photo and article.cover)
    if as_community:
        where = f"{_e(article.site.short_name)} · "
    elif show_section:
        where = f'<a href="{_e(article.category.get_absolute_url())}">{_e(article.category.name)}</a> · '
    else:
        where = ""
    level = 2 if h == 2 else 3
    local = timezone.localtime(article.publish_at)
    figure = (
        f'<a class="teaser-photo" href="{href}" tabindex="-1" aria-hidden="true">'
        f'{_cover_img(article, TEASER_SIZES, "teaser")}</a>\n  '
    ) if photo else ""
    sapo = (
        f'<p class="sapo">{_e(Truncator(article.sapo).words(40, truncate=" …"))}</p>'
    ) if show_sapo else ""
    return mark_safe(
        f'<article class="teaser{" has-photo" if photo else ""}">\n  {figure}<div class="teaser-text">\n'
        f'    <h{level} class="teaser-title"><a href="{href}">{_e(article.title)}</a></h{level}>\n'
        f'    <p class="meta">{where}<time datetime="{local.replace(microsecond=0).isoformat()}">'
        f'{local:%d/%m/%Y %H:%M}</time></p>\n    {sapo}\n  </div>\n</article>\n'
    )
