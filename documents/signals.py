"""Cached pages follow the documents: any change moves the site's content version, and so
does the midnight (Vietnam time) when a document comes into force or expires, since the
pages show its validity (sites.signals.next_due)."""

from datetime import datetime, timezone as dt_timezone

from django.db import transaction
from django.db.models import Min, Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from sites.models import Site
from sites.signals import next_due

from .models import Attachment, Document, Issuer, Sector, local_midnight


@receiver(post_save, sender=Document)
def invalidate_pages_of_document(sender, instance, raw=False, **kwargs):
    if not raw:
        Site.objects.bump([instance.site_id], due=instance.next_change() if instance.is_published else None)


@receiver(next_due)
def next_validity_change(sender, site_id, now, **kwargs):
    """The next midnight when one of the site's documents comes into force or expires."""
    today = timezone.localtime(datetime.fromtimestamp(now, tz=dt_timezone.utc)).date()
    documents = Document.objects.published().filter(site_id=site_id)
    days = documents.aggregate(
        effective=Min("effective_on", filter=Q(effective_on__gt=today)),
        expires=Min("expires_on", filter=Q(expires_on__gt=today)),
    )
    upcoming = [day for day in days.values() if day is not None]
    return local_midnight(min(upcoming)) if upcoming else None


@receiver(post_delete, sender=Document)
@receiver(post_save, sender=Issuer)
@receiver(post_delete, sender=Issuer)
@receiver(post_save, sender=Sector)
@receiver(post_delete, sender=Sector)
def invalidate_pages(sender, instance, raw=False, **kwargs):
    if not raw:
        Site.objects.bump([instance.site_id])


@receiver(post_save, sender=Attachment)
@receiver(post_delete, sender=Attachment)
def invalidate_pages_of_attachment(sender, instance, raw=False, **kwargs):
    if not raw:
        Site.objects.bump([instance.owning_site_id()])


@receiver(post_delete, sender=Attachment)
def delete_stored_file(sender, instance, **kwargs):
    # Only once the deletion is committed: a rolled-back delete keeps its file.
    if instance.file:
        storage, name = instance.file.storage, instance.file.name
        transaction.on_commit(lambda: storage.delete(name))


@receiver(post_save, sender=Issuer)
@receiver(post_save, sender=Sector)
def refresh_documents_of_renamed(sender, instance, created=False, raw=False, **kwargs):
    """The issuer's and sector's names are part of their documents' search text."""
    if raw or created:
        return
    field = "issuer" if sender is Issuer else "sector"
    for document in Document.objects.filter(**{field: instance}).select_related("issuer", "sector"):
        document.save(update_fields=["search_text"])
