"""Any change to the organisation's pages, leaders or contacts refreshes its site's cached pages."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from sites.models import Site

from .models import Department, Leader, Page, Profile


@receiver(post_save)
@receiver(post_delete)
def invalidate_pages(sender, instance, raw=False, **kwargs):
    if raw or sender not in (Department, Leader, Page, Profile):
        return
    Site.objects.bump([instance.site_id])
