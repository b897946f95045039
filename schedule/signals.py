"""Keep cached schedule pages honest.

An edit moves its site's content version, as article edits do. The calendar moves it too:
`/lich-cong-tac/` shows "this week" and marks today, so a site with a schedule gets a new
version at each local midnight (through the sites app's `next_due`), and no reader is served
last week's page on Monday morning.
"""

from datetime import datetime, time, timedelta, timezone as dt_timezone

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from django.utils import timezone

from sites.models import Site
from sites.signals import next_due

from .models import ScheduleEntry


def next_midnight(now=None):
    """The next 00:00 in Vietnam (Asia/Ho_Chi_Minh) after `now` (an aware datetime)."""
    today = timezone.localdate(now)
    return timezone.make_aware(datetime.combine(today + timedelta(days=1), time()))


@receiver(pre_save, sender=ScheduleEntry)
def remember_site(sender, instance, raw=False, **kwargs):
    # Moved to another site: the old site's pages must drop it too.
    if not raw and instance.pk:
        instance._previous_site_id = (
            ScheduleEntry.objects.filter(pk=instance.pk).values_list("site_id", flat=True).first()
        )


@receiver(post_save, sender=ScheduleEntry)
@receiver(post_delete, sender=ScheduleEntry)
def invalidate_pages(sender, instance, raw=False, **kwargs):
    if not raw:
        Site.objects.bump([instance.site_id, getattr(instance, "_previous_site_id", None)], due=next_midnight())


@receiver(next_due)
def next_day_of_the_schedule(sender, site_id, now, **kwargs):
    """Sites with a schedule change pages at midnight (see the module docstring)."""
    if ScheduleEntry.objects.filter(site_id=site_id).exists():
        return next_midnight(datetime.fromtimestamp(now, tz=dt_timezone.utc))
    return None
