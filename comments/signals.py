"""Word, e-mail and IP lists are cached; any edit in the admin drops the cached copy."""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import ModerationRule


@receiver(post_save, sender=ModerationRule)
@receiver(post_delete, sender=ModerationRule)
def forget_cached_rules(sender, **kwargs):
    from django.db import transaction

    # Again after commit: a request between this delete and the commit would
    # otherwise cache the old lists with no expiry.
    cache.delete(ModerationRule.CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(ModerationRule.CACHE_KEY))
