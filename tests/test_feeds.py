"""Feeds, sitemaps, robots.txt and the events calendar, read by real parsers."""

from datetime import timedelta

import feedparser
import pytest
from django.utils import timezone
from icalendar import Calendar
from lxml import etree

from articles.models import Article, Event

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9",
              "n": "http://www.google.com/schemas/sitemap-news/0.9"}


@pytest.fixture
def published(make_article, other_category):
    return [
        make_article(title="Hội nghị Dân vận", authors=["Việt Hằng", "Kim Phượng"]),
        make_article(title="Tin thời sự", category=other_category),
    ]


@pytest.fixture
def hidden(make_article):
    return [
        make_article(title="Bản nháp bí mật", status=Article.Status.DRAFT, publish_at=None),
        make_article(title="Bài hẹn giờ", publish_at=timezone.now() + timedelta(days=1)),
    ]


def test_site_rss(client, published, hidden):
    feed = feedparser.parse(client.get("/rss/").content)
    assert feed.version == "rss20" and not feed.bozo
    titles = [e.title for e in feed.entries]
    assert set(titles) == {"Hội nghị Dân vận", "Tin thời sự"}
    entry = next(e for e in feed.entries if e.title == "Hội nghị Dân vận")
    assert entry.link.endswith(published[0].get_absolute_url())
    assert entry.published_parsed is not None
    assert "Việt Hằng – Kim Phượng" in entry.get("author", "")


def test_section_rss_only_has_its_section(client, published, hidden):
    feed = feedparser.parse(client.get("/thoi-su/rss/").content)
    assert [e.title for e in feed.entries] == ["Tin thời sự"]
    assert "Thời sự" in feed.feed.title


def _sitemap_locs(client):
    """Every <loc> of every sitemap the index at /sitemap.xml names (all pages)."""
    index = etree.fromstring(client.get("/sitemap.xml").content)
    locs = []
    for sitemap in index.xpath("//s:sitemap/s:loc/text()", namespaces=SITEMAP_NS):
        response = client.get(sitemap.removeprefix("http://testserver"))
        assert response.status_code == 200, sitemap
        locs += etree.fromstring(response.content).xpath("//s:loc/text()", namespaces=SITEMAP_NS)
    return locs


def test_sitemap_lists_public_pages_only(client, published, hidden, event):
    locs = _sitemap_locs(client)
    for article in published:
        assert any(loc.endswith(article.get_absolute_url()) for loc in locs)
    for article in hidden:
        assert not any(loc.endswith(article.get_absolute_url()) for loc in locs)
    assert any(loc.endswith(event.get_absolute_url()) for loc in locs)


def test_google_news_sitemap_covers_48_hours(client, published, make_article):
    old = make_article(title="Tin cũ", publish_at=timezone.now() - timedelta(days=3))
    root = etree.fromstring(client.get("/sitemap-news.xml").content)
    titles = root.xpath("//n:title/text()", namespaces=SITEMAP_NS)
    assert set(titles) == {"Hội nghị Dân vận", "Tin thời sự"} and old.title not in titles
    dates = root.xpath("//n:publication_date/text()", namespaces=SITEMAP_NS)
    assert all(d.endswith("+07:00") for d in dates)


def test_robots_names_the_sitemaps(client, db):
    text = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Sitemap: http://testserver/sitemap-news.xml" in text
    assert "Disallow: /admin/" in text


def test_events_calendar_is_valid_icalendar_in_vietnam_time(client, event):
    upcoming = Event.objects.create(
        name="Hội chợ nông sản", starts_at=timezone.now() + timedelta(days=3), location="Công viên"
    )
    response = client.get("/su-kien/lich.ics")
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    events = {str(c["SUMMARY"]): c for c in calendar.walk("VEVENT")}
    assert set(events) == {event.name, upcoming.name}
    conference = events[event.name]
    start = conference.decoded("DTSTART")
    assert start.isoformat() == "2022-06-30T14:00:00+07:00"
    assert conference["DTSTART"].params["TZID"] == "Asia/Ho_Chi_Minh"
    assert "Ban Dân vận Huyện ủy Bến Lức" in str(conference["DESCRIPTION"])
    assert str(conference["LOCATION"]) == "Hội trường Huyện ủy Bến Lức"
    assert all(c.get("UID") and c.get("DTSTAMP") for c in calendar.walk("VEVENT"))
    assert calendar.walk("VTIMEZONE"), "the TZID must be defined in the calendar"
    # RFC 5545: lines end in CRLF and are folded at 75 octets.
    assert all(len(line) <= 75 for line in response.content.split(b"\r\n"))


def test_sitemap_index_pages_through_every_article(client, published, settings):
    from articles.sitemaps import ArticleSitemap

    ArticleSitemap.limit = 1  # two published articles: two pages of the article sitemap
    try:
        index = etree.fromstring(client.get("/sitemap.xml").content)
        names = index.xpath("//s:sitemap/s:loc/text()", namespaces=SITEMAP_NS)
        assert sum("sitemap-articles.xml" in n for n in names) == 2
        locs = _sitemap_locs(client)
        assert all(any(loc.endswith(a.get_absolute_url()) for loc in locs) for a in published)
    finally:
        ArticleSitemap.limit = 5000
