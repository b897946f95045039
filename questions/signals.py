"""A published question is on the site's pages: changing it moves the site's content version.

A new or unpublished question is not on any cached page, so citizens sending questions never
empty the site's page cache.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from sites.models import Site

from .models import Question


@receiver(post_save, sender=Question)
@receiver(post_delete, sender=Question)
def invalidate_pages(sender, instance, raw=False, **kwargs):
    if raw:
        return
    if instance.is_published or getattr(instance, "_was_published", False):
        Site.objects.bump([instance.site_id])
    instance._was_published = instance.is_published
