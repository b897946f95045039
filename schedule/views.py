"""The schedule's public pages: a week (the current one first) and a calendar feed."""

from datetime import datetime, timedelta

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from benluc.text import WEEKDAYS_LONG
from sites.cache import public_page

from .models import ScheduleEntry
from .weeks import Week

# The feed covers a few past weeks (for calendars that were offline) and everything ahead.
FEED_WEEKS_BACK = 4
FEED_LENGTH = 500


@require_safe
@public_page
def week_view(request):
    """A week of the schedule: ?tuan=2026-W49, or this week (Monday to Sunday, Vietnam time)."""
    value = request.GET.get("tuan")
    week = Week.current() if value is None else Week.parse(value.strip())
    if week is None:
        # A mistyped week is the reader's to fix: say so, keep the picker (400, never cached).
        return render(request, "schedule/bad_week.html", {
            "value": value[:40], "week": Week.current(),
        }, status=400)
    is_current = week == Week.current()
    entries = list(
        ScheduleEntry.objects.for_site(request.site).in_week(week).select_related("event")
    )
    by_day = {day: [] for day in week.days}
    for entry in entries:
        by_day[entry.date].append(entry)
    today = timezone.localdate()
    # Monday to Friday always (an empty working day says so); the weekend only when busy.
    days = [
        {"date": day, "weekday": WEEKDAYS_LONG[day.weekday()], "entries": items, "today": day == today}
        for day, items in by_day.items()
        if items or day.weekday() < 5
    ]
    agency = request.site.agency or request.site.name
    span = f"{week.monday:%d/%m/%Y} – {week.sunday:%d/%m/%Y}"
    return render(request, "schedule/week.html", {
        "week": week, "is_current": is_current, "days": days, "count": len(entries),
        "dc_title": f"Lịch công tác tuần {week.number}/{week.year} ({span}) – {agency}",
        "dc_description": f"Lịch công tác của lãnh đạo {agency} từ {span}: thời gian, nội dung, "
                          "địa điểm, chủ trì, thành phần và đơn vị chuẩn bị.",
        "canonical_url": request.site.absolute(
            request.path if is_current and "tuan" not in request.GET else f"{request.path}?tuan={week}"
        ),
    })


def _local(day, time):
    return timezone.make_aware(datetime.combine(day, time))


@require_safe
@public_page
def calendar_feed(request):
    """The site's schedule as an iCalendar (RFC 5545) feed, times in Asia/Ho_Chi_Minh."""
    from icalendar import Calendar, Event, Timezone, TimezoneStandard

    site = request.site
    calendar = Calendar()
    calendar.add("prodid", "-//Ben Luc news CMS//lich-cong-tac//VI")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"Lịch công tác – {site.name}")
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    # Vietnam has kept UTC+7 without daylight saving since 1975.
    zone = Timezone()
    zone.add("tzid", settings.TIME_ZONE)
    standard = TimezoneStandard()
    standard.add("dtstart", datetime(1975, 6, 13))
    standard.add("tzoffsetfrom", timedelta(hours=7))
    standard.add("tzoffsetto", timedelta(hours=7))
    standard.add("tzname", "+07")
    zone.add_component(standard)
    calendar.add_component(zone)
    stamp = timezone.now()
    since = Week.current().monday - timedelta(weeks=FEED_WEEKS_BACK)
    entries = (
        ScheduleEntry.objects.for_site(site).filter(date__gte=since).in_order()
        .select_related("event")[:FEED_LENGTH]
    )
    for entry in entries:
        item = Event()
        item.add("uid", f"lich-cong-tac-{entry.pk}@{site.domain}")
        item.add("dtstamp", stamp)
        item.add("last-modified", entry.updated_at)
        if entry.starts_at:
            item.add("dtstart", _local(entry.date, entry.starts_at))
            if entry.ends_at:
                item.add("dtend", _local(entry.date, entry.ends_at))
        else:  # a whole day: DATE values, the end is the next day (exclusive)
            item.add("dtstart", entry.date)
            item.add("dtend", entry.date + timedelta(days=1))
        item.add("summary", entry.content.splitlines()[0][:200] if entry.content else "")
        if entry.place:
            item.add("location", entry.place)
        description = "\n".join(part for part in (
            entry.content,
            entry.chair and f"Chủ trì: {entry.chair}",
            entry.attendees and f"Thành phần: {entry.attendees}",
            entry.preparer and f"Chuẩn bị: {entry.preparer}",
            entry.note and f"Ghi chú: {entry.note}",
            entry.event and f"Sự kiện: {site.absolute(entry.event.get_absolute_url())}",
        ) if part)
        item.add("description", description)
        if entry.note:
            item.add("comment", entry.note)
        item.add("url", site.absolute(entry.get_absolute_url()))
        calendar.add_component(item)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="lich-cong-tac.ics"'
    return response
