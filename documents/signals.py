"""Cached pages follow the documents: any change moves the site's content version."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from sites.models import Site

from .models import Attachment, Document, Issuer, Sector


@receiver(post_save, sender=Document)
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
