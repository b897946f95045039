"""Signals of the sites app.

`next_due`: sent when a site's scheduled item has fallen due, to find the next one. Apps with
scheduled content answer with the earliest future publication time of that site (a datetime)
or None; the sites app itself knows nothing of articles.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal, receiver

next_due = Signal()  # kwargs: site_id, now (Unix time)


@receiver(post_save, sender="sites.Site")
@receiver(post_delete, sender="sites.Site")
def forget_cached_sites(sender, **kwargs):
    from .models import forget_sites

    # Hosts or footer changed: this process re-reads them at once (others within seconds,
    # and at once for the footer, which follows the content version).
    forget_sites()
    transaction.on_commit(forget_sites)
