"""RSS 2.0 for the site and each section; iCalendar (RFC 5545) for events."""

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed
from django.views.decorators.http import require_safe

from sites.cache import public_page
from sites.http import AtSiteAddress
from .models import Article, Category, Event

FEED_LENGTH = 30


class LatestArticlesFeed(Feed):
    feed_type = Rss201rev2Feed
    language = "vi"

    # One instance serves every request (threads too): per-request state lives in `obj`.
    def __call__(self, request, *args, **kwargs):
        return public_page(super().__call__)(request, *args, **kwargs)

    def get_feed(self, obj, request):
        return super().get_feed(obj, AtSiteAddress(request))

    def get_object(self, request, *args, **kwargs):
        return request.site

    def title(self, site):
        return site.name

    def description(self, site):
        return f"Tin bài mới nhất của {site.name}"

    def link(self, site):
        return "/"

    def items(self, site):
        return Article.objects.published().for_site(site).for_listing().newest_first()[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.sapo

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.byline or None

    def item_categories(self, item):
        return [item.category.name]


class CategoryFeed(LatestArticlesFeed):
    def get_object(self, request, category):
        return get_object_or_404(Category.objects.select_related("site"), site=request.site, slug=category)

    def title(self, obj):
        return f"{obj.name} – {obj.site.name}"

    def link(self, obj):
        return obj.get_absolute_url()

    def description(self, obj):
        return obj.description or f"Tin bài mới nhất chuyên mục {obj.name}"

    def items(self, obj):
        return Article.objects.published().filter(category=obj).for_listing().newest_first()[:FEED_LENGTH]


@require_safe
@public_page
def events_calendar(request):
    """All events as an iCalendar feed, with Asia/Ho_Chi_Minh times."""
    from icalendar import Calendar
    from icalendar import Event as IcsEvent
    from icalendar import Timezone, TimezoneStandard

    calendar = Calendar()
    calendar.add("prodid", "-//Ben Luc news CMS//su-kien//VI")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    site = request.site
    calendar.add("x-wr-calname", f"Sự kiện – {site.name}")
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    # Vietnam has had UTC+7 with no daylight saving since 1975.
    tz = Timezone()
    tz.add("tzid", settings.TIME_ZONE)
    standard = TimezoneStandard()
    standard.add("dtstart", datetime(1975, 6, 13))
    standard.add("tzoffsetfrom", timedelta(hours=7))
    standard.add("tzoffsetto", timedelta(hours=7))
    standard.add("tzname", "+07")
    tz.add_component(standard)
    calendar.add_component(tz)
    stamp = timezone.now()
    for event in Event.objects.filter(site=site).order_by("-starts_at")[:500]:
        item = IcsEvent()
        item.add("uid", f"su-kien-{event.pk}@{site.domain}")
        item.add("dtstamp", stamp)
        item.add("dtstart", timezone.localtime(event.starts_at))
        if event.ends_at:
            item.add("dtend", timezone.localtime(event.ends_at))
        item.add("summary", event.name)
        if event.location:
            item.add("location", event.location)
        description = "\n".join(
            p for p in (event.description, event.organiser and f"Đơn vị tổ chức: {event.organiser}",
                        event.chair and f"Chủ trì: {event.chair}") if p
        )
        if description:
            item.add("description", description)
        item.add("url", site.absolute(event.get_absolute_url()))
        calendar.add_component(item)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="lich-su-kien.ics"'
    return response
