"""The picture a shared link shows (og:image, JSON-LD `image`) and the publisher's logo."""

import logging

from django.templatetags.static import static

logger = logging.getLogger(__name__)

SHARE_SIZE = (1200, 630)
DEFAULT_SHARE = "img/chia-se.png"  # a site without a logo, an article without a photo
DEFAULT_LOGO = "img/logo.png"


def share_image(article, site):
    """`{url, width, height, alt}` (absolute url): the cover, else the first photo in the
    body, else the site's logo, else the portal's default card. Each is a 1200×630 copy
    cut around the photo's focal point; never the original upload."""
    from .templatetags.news import body_photos, first_photo_src

    if getattr(article, "_share_image", None) is not None:
        return article._share_image
    found = None
    if article.cover:
        found = _crop(article, article.cover_alt)
    if found is None:
        src = first_photo_src(article.body)
        photo = body_photos(article).get(src) if src else None
        if photo is not None:
            found = _crop(photo, photo.alt)
    if found is None:
        found = logo_share_image(site)
    found = {**found, "url": _absolute(site, found["url"])}
    article._share_image = found
    return found


def _crop(photo, alt):
    rendition = photo.photo_rendition("share")
    if rendition is None:
        return None
    return {"url": rendition["url"], "width": rendition["width"], "height": rendition["height"], "alt": alt}


def logo_share_image(site):
    """The site's logo centred on a white 1200×630 card (cached per site version)."""
    from sites.cache import fragment

    default = {"url": static(DEFAULT_SHARE), "width": SHARE_SIZE[0], "height": SHARE_SIZE[1], "alt": site.name}
    if not site.logo:
        return default

    def build():
        from easy_thumbnails.files import get_thumbnailer

        try:
            thumbnailer = get_thumbnailer(site.logo)
            thumbnailer.thumbnail_extension = "jpg"
            thumb = thumbnailer.get_thumbnail({"size": SHARE_SIZE, "background": "#ffffff"})
        except Exception:
            logger.exception("Could not make a share card from the logo of %s", site)
            return default
        return {"url": thumb.url, "width": thumb.width, "height": thumb.height, "alt": site.name}

    return fragment(site, "share-logo", build)


def publisher_logo(site):
    """Absolute URL of the site's logo for the JSON-LD publisher (a PNG by default)."""
    return _absolute(site, site.logo.url if site.logo else static(DEFAULT_LOGO))


def _absolute(site, url):
    return url if url.startswith(("http://", "https://")) else site.base_url + url
