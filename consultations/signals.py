"""Cached pages follow the drafts: edits, approved comments, and the opening and closing
moments, which move the site's content version by themselves (sites.signals.next_due)."""

from datetime import datetime, timedelta, timezone as dt_timezone

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from sites.models import Site
from sites.signals import next_due

from .models import Draft, DraftAttachment, DraftComment


@receiver(post_save, sender=Draft)
@receiver(post_delete, sender=Draft)
def invalidate_pages(sender, instance, raw=False, signal=None, **kwargs):
    if raw:
        return
    due = instance.next_change() if signal is post_save and instance.is_published else None
    Site.objects.bump([instance.site_id], due=due)


@receiver(post_save, sender=DraftAttachment)
@receiver(post_delete, sender=DraftAttachment)
@receiver(post_save, sender=DraftComment)
@receiver(post_delete, sender=DraftComment)
def invalidate_pages_of_part(sender, instance, raw=False, **kwargs):
    # A pending comment changes no public page; a decision (or deletion) may.
    if raw or (sender is DraftComment and instance.status == DraftComment.Status.PENDING
               and kwargs.get("created")):
        return
    Site.objects.bump([instance.owning_site_id()])


@receiver(post_delete, sender=DraftAttachment)
def delete_stored_file(sender, instance, **kwargs):
    if instance.file:
        storage, name = instance.file.storage, instance.file.name
        transaction.on_commit(lambda: storage.delete(name))


@receiver(next_due)
def next_draft_change(sender, site_id, now, **kwargs):
    """The next opening or closing of one of the site's drafts (see sites.models.current_site)."""
    moment = datetime.fromtimestamp(now, tz=dt_timezone.utc)
    yesterday = timezone.localtime(moment).date() - timedelta(days=1)
    drafts = Draft.objects.published().filter(site_id=site_id, closes_on__gte=yesterday).only(
        "opens_on", "closes_on"
    )
    changes = [change for draft in drafts if (change := draft.next_change(moment))]
    return min(changes, default=None)
