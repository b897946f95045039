"""The leaders' work schedule: weeks, navigation, the calendar feed, caching, sites, the admin."""

from datetime import date, datetime, time, timedelta, timezone as dt_timezone

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.urls import reverse
from icalendar import Calendar
from lxml import html as lxml_html

from articles import roles
from articles.models import Event
from schedule.models import ScheduleEntry
from schedule.weeks import Week
from sites.models import Membership
from tests.dublin_core import dublin_core
from tests.fixtures.sites import COMMUNE_HOST, PORTAL_HOST

URL = "/lich-cong-tac/"
VIETNAM = dt_timezone(timedelta(hours=7))
# Wednesday 2 December 2026, 10:00 in Vietnam: week 49 (Monday 30/11 – Sunday 6/12).
WEDNESDAY = datetime(2026, 12, 2, 10, 0, tzinfo=VIETNAM)


@pytest.fixture
def wednesday():
    with time_machine.travel(WEDNESDAY, tick=False):
        yield


def _text(response):
    return " ".join(lxml_html.fromstring(response.content).text_content().split())


# --- weeks ---------------------------------------------------------------------

@pytest.mark.parametrize("value, expected", [
    ("2026-W49", (2026, 49)), ("2026-w01", (2026, 1)), ("2020-W53", (2020, 53)),
    ("2026-W53", (2026, 53)), ("2000-W01", (2000, 1)), ("2100-W52", (2100, 52)),
    ("2021-W53", None), ("2026-W00", None), ("2026-W54", None), ("1999-W10", None),
    ("2101-W01", None), ("2026W49", None), ("2026-W4", None), ("", None), (None, None),
    ("２０２６-W49", None), ("2026-W49 ", None), ("2026-12-02", None), ("-2026-W49", None),
])
def test_week_parsing_accepts_only_real_iso_weeks(value, expected):
    week = Week.parse(value)
    assert (None if week is None else (week.year, week.number)) == expected


def test_weeks_start_on_monday_and_cross_years():
    week = Week.of(date(2026, 12, 2))
    assert str(week) == "2026-W49" and week.monday == date(2026, 11, 30) and week.sunday == date(2026, 12, 6)
    assert str(Week.parse("2026-W53").next) == "2027-W01"
    assert str(Week.parse("2027-W01").previous) == "2026-W53"
    assert Week.of(date(2027, 1, 1)) == Week.parse("2026-W53")  # a Friday in 2027, week 53 of 2026
    # The ends of the range the page offers: no link into 1999 or 2101.
    assert Week.parse("2000-W01").previous is None and Week.parse("2100-W52").next is None
    assert str(Week.parse("2000-W02").previous) == "2000-W01"


def test_this_week_is_vietnams_week_whatever_the_server_clock(settings):
    # Sunday 6/12 17:30 UTC is already Monday 7/12 00:30 in Vietnam: week 50.
    with time_machine.travel(datetime(2026, 12, 6, 17, 30, tzinfo=dt_timezone.utc), tick=False):
        assert str(Week.current()) == "2026-W50"


# --- the week page -------------------------------------------------------------

def test_the_current_week_comes_first_in_the_order_of_the_day(client, wednesday, busy_week):
    response = client.get(URL)
    assert response.status_code == 200
    text = _text(response)
    assert "Lịch công tác tuần 49 (từ 30/11/2026 đến 06/12/2026)" in text
    # All-day entries open their day; times in order; other weeks stay out.
    assert (text.index("Tiếp công dân định kỳ") < text.index("Họp giao ban đầu tuần")
            < text.index("Dự hội nghị sơ kết công tác Dân vận"))
    assert "Kiểm tra công trình" not in text and "Ban Dân vận tỉnh" not in text
    assert "Thứ Hai, 30/11/2026" in text and "Thứ Năm, 03/12/2026" in text
    # Monday to Friday are always listed; the empty weekend is not.
    assert "Thứ Sáu, 04/12/2026 Không có lịch." in text and "Thứ Bảy" not in text
    html = response.content.decode()
    assert '<time datetime="2026-12-02" aria-current="date">Thứ Tư, 02/12/2026</time> <span class="today-badge">Hôm nay</span>' in html


def test_an_entry_shows_every_fact_and_links_its_event(client, wednesday, busy_week, event):
    response = client.get(URL)
    row = lxml_html.fromstring(response.content).get_element_by_id(f"muc-{busy_week['monday'].pk}")
    cells = {td.get("data-label"): " ".join(" ".join(td.itertext()).split()) for td in row.iter("td")}
    assert cells == {
        "Thời gian": "07h30 – 09h00", "Nội dung": "Họp giao ban đầu tuần", "Địa điểm": "Phòng họp UBND xã",
        "Chủ trì": "Đồng chí Nguyễn Văn Tâm – Chủ tịch UBND xã",
        "Thành phần": "Các Phó Chủ tịch UBND xã Trưởng các phòng", "Chuẩn bị": "Văn phòng HĐND và UBND",
    }
    html = response.content.decode()
    assert f'<a class="schedule-event" href="{event.get_absolute_url()}">' in html
    assert "Đổi sang buổi chiều" in html


def test_week_navigation_moves_a_week_at_a_time(client, wednesday, busy_week):
    page = lxml_html.fromstring(client.get(URL).content)
    assert page.xpath('//a[@rel="prev"]/@href') == ["?tuan=2026-W48"]
    assert page.xpath('//a[@rel="next"]/@href') == ["?tuan=2026-W50"]
    following = client.get(URL + "?tuan=2026-W50")
    assert "Làm việc với Ban Dân vận tỉnh" in _text(following) and "Họp giao ban đầu tuần" not in _text(following)
    assert "Kiểm tra công trình giao thông nông thôn" in _text(client.get(URL + "?tuan=2026-W48"))
    # Only the current week marks today; other weeks link back to it.
    assert "Hôm nay" not in _text(following)
    assert lxml_html.fromstring(following.content).xpath('//nav[@class="week-nav"]//a[text()="Tuần này"]/@href') == [URL]


def test_an_empty_week_says_so(client, db, wednesday):
    assert "Chưa có lịch công tác trong tuần này." in _text(client.get(URL + "?tuan=2030-W10"))


@pytest.mark.parametrize("value", [
    "2026-W99", "2021-W53", "'; DROP TABLE schedule_scheduleentry; --", "%00", "2026-W49%00",
    "<script>alert(1)</script>", "9" * 5000, "2026-W-1", "１２", "1999-W52", "2026-12-02",
])
def test_hostile_or_mistyped_weeks_get_a_vietnamese_400_never_a_500(client, db, wednesday, value):
    response = client.get(URL, {"tuan": value})
    assert response.status_code == 400
    text = _text(response)
    assert "Không hiểu tuần" in text and "ví dụ 2026-W49" in text
    assert "<script>alert" not in response.content.decode()


def test_the_page_carries_dublin_core_and_a_print_layout(client, wednesday, busy_week, province):
    dc = dublin_core(client.get(URL + "?tuan=2026-W49", HTTP_HOST=COMMUNE_HOST).content)
    assert dc["DC.title"] == "Lịch công tác tuần 49/2026 (30/11/2026 – 06/12/2026) – Ủy ban nhân dân xã Bến Lức"
    assert dc["DC.creator"] == "Ủy ban nhân dân xã Bến Lức"
    assert dc["DC.publisher"] == "Trang thông tin điện tử xã Bến Lức"
    assert dc["DC.date"] == "2026-11-30"
    assert dc["DC.identifier"] == f"https://{COMMUNE_HOST}{URL}?tuan=2026-W49"
    assert dc["DC.description"].startswith("Lịch công tác của lãnh đạo Ủy ban nhân dân xã Bến Lức")
    html = client.get(URL, HTTP_HOST=COMMUNE_HOST).content.decode()
    assert f'<link rel="canonical" href="https://{COMMUNE_HOST}{URL}">' in html
    assert 'href="/static/css/schedule.' in html and 'class="print-link"' in html


def test_the_print_stylesheet_turns_the_week_into_a_landscape_sheet():
    from django.contrib.staticfiles import finders

    css = open(finders.find("css/schedule.css"), encoding="utf-8").read()
    printed = css[css.index("@media print"):]
    assert "size: A4 landscape" in printed and ".week-nav, .schedule-tools" in printed


# --- sites, caching, queries -----------------------------------------------------

def test_each_site_shows_only_its_own_schedule(client, wednesday, province, make_entry):
    make_entry(date(2026, 12, 1), time(8), content="Lịch của xã Bến Lức", site=province["commune"])
    make_entry(date(2026, 12, 1), time(8), content="Lịch của UBND tỉnh", site=province["portal"])
    commune = _text(client.get(URL, HTTP_HOST=COMMUNE_HOST))
    portal = _text(client.get(URL, HTTP_HOST=PORTAL_HOST))
    assert "Lịch của xã Bến Lức" in commune and "Lịch của UBND tỉnh" not in commune
    assert "Lịch của UBND tỉnh" in portal and "Lịch của xã Bến Lức" not in portal
    assert client.get(URL, HTTP_HOST="khong-co.test").status_code in (400, 404)


def test_cached_weeks_are_kept_apart_and_edits_show_at_once(client, wednesday, busy_week, django_assert_num_queries):
    client.get(URL)
    client.get(URL + "?tuan=2026-W50")
    with django_assert_num_queries(2):  # from the cache: the site's version only
        assert "Họp giao ban đầu tuần" in _text(client.get(URL))
        assert "Làm việc với Ban Dân vận tỉnh" in _text(client.get(URL + "?tuan=2026-W50"))
    entry = busy_week["monday"]
    entry.content = "Họp giao ban đầu tuần (dời sang 8 giờ)"
    entry.save()
    assert "dời sang 8 giờ" in _text(client.get(URL))
    entry.delete()
    assert "Họp giao ban đầu tuần" not in _text(client.get(URL))


def test_monday_morning_readers_get_the_new_week_from_a_warm_cache(client, busy_week):
    sunday_night = datetime(2026, 12, 6, 23, 59, tzinfo=VIETNAM)
    with time_machine.travel(sunday_night, tick=False):
        busy_week["next"].save()  # an edit late on Sunday: the page is cached after it
        assert "Họp giao ban đầu tuần" in _text(client.get(URL))
        assert "Họp giao ban đầu tuần" in _text(client.get(URL))
    with time_machine.travel(sunday_night + timedelta(minutes=2), tick=False):
        text = _text(client.get(URL))
    assert "Lịch công tác tuần 50" in text and "Làm việc với Ban Dân vận tỉnh" in text


@pytest.mark.parametrize("count", [5, 500])
def test_query_budget_does_not_grow_with_the_schedule(client, wednesday, event, count, django_assert_num_queries):
    monday = date(2026, 11, 30)
    ScheduleEntry.objects.bulk_create([
        ScheduleEntry(date=monday + timedelta(days=n % 14), starts_at=time(7 + n % 10),
                      content=f"Công việc số {n}", event=event if n % 3 == 0 else None)
        for n in range(count)
    ])
    # The site's version, the section menu, the week's entries with their events.
    with django_assert_num_queries(3):
        response = client.get(URL)
    assert response.status_code == 200
    assert _text(response).count("Công việc số") == sum(1 for n in range(count) if n % 14 < 7)
    with django_assert_num_queries(2):
        assert client.get(reverse("schedule:ics")).status_code == 200


# --- the calendar feed -------------------------------------------------------------

def test_the_calendar_feed_is_rfc5545_with_vietnam_times(client, wednesday, busy_week, event):
    long_text = "Hội nghị trực tuyến triển khai Nghị quyết về chuyển đổi số, " * 4
    busy_week["thursday"].content = long_text.strip()
    busy_week["thursday"].save()
    response = client.get(reverse("schedule:ics"))
    assert response.status_code == 200 and response["Content-Type"] == "text/calendar; charset=utf-8"
    raw = response.content
    # Content lines are folded at 75 octets (RFC 5545 §3.1), between whole UTF-8 characters.
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    raw.decode("utf-8")
    calendar = Calendar.from_ical(raw)
    events = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    domain = "testserver"
    assert set(events) == {f"lich-cong-tac-{e.pk}@{domain}" for e in busy_week.values()}
    monday = events[f"lich-cong-tac-{busy_week['monday'].pk}@{domain}"]
    start = monday.decoded("dtstart")
    assert start.utcoffset() == timedelta(hours=7) and (start.hour, start.minute) == (7, 30)
    assert monday.decoded("dtend").hour == 9
    assert "Chủ trì: Đồng chí Nguyễn Văn Tâm – Chủ tịch UBND xã" in str(monday["description"])
    assert str(monday["url"]).endswith(f"/lich-cong-tac/?tuan=2026-W49#muc-{busy_week['monday'].pk}")
    all_day = events[f"lich-cong-tac-{busy_week['monday_all_day'].pk}@{domain}"]
    assert all_day.decoded("dtstart") == date(2026, 11, 30) and all_day.decoded("dtend") == date(2026, 12, 1)
    thursday = events[f"lich-cong-tac-{busy_week['thursday'].pk}@{domain}"]
    assert str(thursday["description"]).startswith(long_text.strip())
    assert event.get_absolute_url() in str(thursday["description"])


def test_the_calendar_leaves_out_old_weeks(client, wednesday, make_entry):
    make_entry(date(2026, 9, 1), time(8), content="Lịch cũ từ tháng Chín")
    make_entry(date(2026, 11, 10), time(8), content="Lịch ba tuần trước")
    body = client.get(reverse("schedule:ics")).content.decode()
    assert "Lịch ba tuần trước" in body and "Lịch cũ từ tháng Chín" not in body


# --- rules and the admin -------------------------------------------------------------

def test_an_entry_must_end_after_it_starts_and_link_its_own_sites_event(province, make_entry):
    entry = ScheduleEntry(site=province["commune"], date=date(2026, 12, 1), starts_at=time(9), ends_at=time(8),
                          content="Họp")
    with pytest.raises(ValidationError) as error:
        entry.full_clean()
    assert "Giờ kết thúc phải sau giờ bắt đầu." in str(error.value)
    other = Event.objects.create(site=province["portal"], name="Hội nghị của tỉnh", starts_at=WEDNESDAY)
    entry.ends_at, entry.event = time(10), other
    with pytest.raises(ValidationError) as error:
        entry.full_clean()
    assert "Sự kiện này thuộc trang khác" in str(error.value)


def _member(django_user_model, username, site, role):
    user = django_user_model.objects.create_user(username, f"{username}@example.com", "x", is_staff=True)
    Membership.objects.create(user=user, site=site, role=Group.objects.get(name=role))
    return user


def test_editors_keep_their_own_sites_schedule_only(client, django_user_model, province, make_entry):
    editor = _member(django_user_model, "bientap-benluc", province["commune"], roles.EDITOR)
    mine = make_entry(date(2026, 12, 1), time(8), content="Lịch của xã", site=province["commune"])
    theirs = make_entry(date(2026, 12, 1), time(8), content="Lịch của tỉnh", site=province["portal"])
    client.force_login(editor)
    listing = client.get(reverse("admin:schedule_scheduleentry_changelist")).content.decode()
    assert "Lịch của xã" in listing and "Lịch của tỉnh" not in listing
    assert client.get(reverse("admin:schedule_scheduleentry_change", args=[theirs.pk])).status_code in (302, 404)
    form = {
        "site": province["portal"].pk, "date": "03/12/2026", "starts_at": "08:00", "ends_at": "",
        "content": "Lịch cài vào trang tỉnh", "place": "", "chair": "", "attendees": "", "preparer": "",
        "note": "", "event": "", "position": "0",
    }
    response = client.post(reverse("admin:schedule_scheduleentry_add"), form)
    assert response.status_code == 200 and not ScheduleEntry.objects.filter(content="Lịch cài vào trang tỉnh").exists()
    form["site"] = province["commune"].pk
    response = client.post(reverse("admin:schedule_scheduleentry_add"), form)
    assert response.status_code == 302
    assert ScheduleEntry.objects.get(content="Lịch cài vào trang tỉnh").site == province["commune"]
    # The weekly meeting, copied to next week in one action.
    client.post(reverse("admin:schedule_scheduleentry_changelist"), {
        "action": "copy_to_next_week", "_selected_action": [mine.pk],
    })
    assert ScheduleEntry.objects.filter(content="Lịch của xã", date=date(2026, 12, 8), site=province["commune"]).exists()


@pytest.mark.parametrize("role", [roles.REPORTER, roles.MODERATOR])
def test_reporters_and_moderators_do_not_touch_the_schedule(client, django_user_model, province, role):
    client.force_login(_member(django_user_model, "nguoi-khac", province["commune"], role))
    assert client.get(reverse("admin:schedule_scheduleentry_changelist")).status_code == 403


def test_an_entry_moved_to_another_site_leaves_the_first_sites_cached_page(client, wednesday, province, make_entry):
    entry = make_entry(date(2026, 12, 1), time(8), content="Lịch nhập nhầm trang", site=province["portal"])
    assert "Lịch nhập nhầm trang" in _text(client.get(URL, HTTP_HOST=PORTAL_HOST))
    entry.site = province["commune"]
    entry.save()
    assert "Lịch nhập nhầm trang" not in _text(client.get(URL, HTTP_HOST=PORTAL_HOST))
    assert "Lịch nhập nhầm trang" in _text(client.get(URL, HTTP_HOST=COMMUNE_HOST))
