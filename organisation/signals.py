"""Any change to the organisation's pages, leaders or contacts refreshes its site's cached pages."""

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from sites.models import Site

from .models import Department, Leader, Page, Profile


MODELS = (Department, Leader, Page, Profile)


@receiver(pre_save)
def remember_site(sender, instance, raw=False, **kwargs):
    # Moved to another site: the old site's pages must drop it too.
    if not raw and sender in MODELS and instance.pk:
        instance._previous_site_id = (
            sender._default_manager.filter(pk=instance.pk).values_list("site_id", flat=True).first()
        )


@receiver(post_save)
@receiver(post_delete)
def invalidate_pages(sender, instance, raw=False, **kwargs):
    if raw or sender not in MODELS:
        return
    Site.objects.bump([instance.site_id, getattr(instance, "_previous_site_id", None)])
