"""What several of the newsroom's models share: unique slugs and the site a row belongs to."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from benluc.text import slugify_vi
from sites.models import Site, default_site_id



def unique_slug(instance, source, *, scope=None, max_length=200):
    """A slug from `source`, made unique among `scope` (a queryset) with -2, -3…"""
    base = slugify_vi(source)[:max_length].strip("-") or "bai-viet"
    scope = scope if scope is not None else type(instance)._default_manager.all()
    if instance.pk:
        scope = scope.exclude(pk=instance.pk)
    slug, n = base, 2
    while scope.filter(slug=slug).exists():
        suffix = f"-{n}"
        slug = f"{base[: max_length - len(suffix)]}{suffix}"
        n += 1
    return slug


def site_field(related_name):
    """The site a piece of content belongs to (the default site unless chosen)."""
    return models.ForeignKey(
        Site, verbose_name=_("trang"), on_delete=models.PROTECT, related_name=related_name,
        default=default_site_id,
    )
