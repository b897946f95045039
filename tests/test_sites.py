"""One installation, many sites: each host shows only its own site, at its own address."""

import json
import re

import feedparser
import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from lxml import etree

from articles.models import Article
from sites.models import Site, normalise_host
from tests.fixtures.sites import COMMUNE_HOST, PORTAL_HOST

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
HOSTS = {"portal": PORTAL_HOST, "commune": COMMUNE_HOST}


@pytest.mark.parametrize("raw, host", [
    ("BenLuc.TayNinh.gov.vn", "benluc.tayninh.gov.vn"),
    ("benluc.tayninh.gov.vn:8000", "benluc.tayninh.gov.vn"),
    ("benluc.tayninh.gov.vn.", "benluc.tayninh.gov.vn"),
    ("[::1]:8000", "[::1]"),
    ("127.0.0.1:8000", "127.0.0.1"),
])
def test_hosts_are_compared_without_case_port_or_trailing_dot(raw, host):
    assert normalise_host(raw) == host


def test_each_host_gets_its_own_site(client, province, settings):
    province["portal"].aliases = "www.tayninh.test"
    province["portal"].save()
    settings.ALLOWED_HOSTS += ["www.tayninh.test"]
    assert "Bến Lức" in client.get("/", HTTP_HOST=COMMUNE_HOST).content.decode()
    for host in (PORTAL_HOST, "WWW.TayNinh.test", f"{PORTAL_HOST}:8000"):
        html = client.get("/", HTTP_HOST=host).content.decode()
        assert "Cổng thông tin điện tử tỉnh Tây Ninh" in html, host
        assert "xã Bến Lức" not in html


def test_a_host_no_site_claims_is_404(client, province, settings):
    settings.ALLOWED_HOSTS += ["khac.test"]
    assert client.get("/", HTTP_HOST="khac.test").status_code == 404
    # The back office is not a site's page: it answers on any allowed host.
    assert client.get("/admin/login/", HTTP_HOST="khac.test").status_code == 200


def test_one_site_without_a_host_answers_every_allowed_host(client, article, settings):
    settings.ALLOWED_HOSTS = ["benluc.longan.gov.vn", "10.0.0.5", "testserver"]
    for host in ("benluc.longan.gov.vn", "10.0.0.5", "testserver"):
        assert client.get(article.get_absolute_url(), HTTP_HOST=host).status_code == 200


def test_the_header_shows_the_sites_logo(client, province, jpeg_upload):
    commune = province["commune"]
    commune.logo = jpeg_upload("bieu-trung.jpg", size=(96, 96))
    commune.save()
    html = client.get("/", HTTP_HOST=COMMUNE_HOST).content.decode()
    assert f'<a class="brand" href="/"><img src="{commune.logo.url}"' in html
    assert "bieu-trung" not in client.get("/", HTTP_HOST=PORTAL_HOST).content.decode()


def test_the_footer_names_the_agency_and_the_person_responsible(client, province):
    html = client.get("/", HTTP_HOST=COMMUNE_HOST).content.decode()
    assert "Cơ quan chủ quản: Ủy ban nhân dân xã Bến Lức" in html
    assert "Người chịu trách nhiệm: Nguyễn Văn A" in html


def _urls(content):
    article, event = content["article"], content["event"]
    return {
        "home": "/",
        "section": content["category"].get_absolute_url(),
        "article": article.get_absolute_url(),
        "author": content["author"].get_absolute_url(),
        "events": reverse("articles:events"),
        "event": event.get_absolute_url(),
        "calendar": reverse("articles:events_ics"),
        "rss": reverse("articles:feed"),
        "section rss": reverse("articles:category_feed", args=[content["category"].slug]),
        "news sitemap": reverse("news_sitemap"),
        "article sitemap": reverse("sitemap_section", args=["articles"]),
        "comments": reverse("comments:page", args=[article.pk]),
        # On the portal, `don-vi` narrows the search to the portal itself (see below for the province).
        "search": reverse("articles:search") + f"?q=hoi+nghi+dan+van&don-vi={article.site.slug}",
    }


def test_the_portal_searches_the_whole_province_and_names_each_results_site(client, site_content):
    portal, commune = site_content["portal"]["article"], site_content["commune"]["article"]
    url = reverse("articles:search") + "?q=hoi+nghi+dan+van"
    html = client.get(url, HTTP_HOST=PORTAL_HOST).content.decode()
    assert portal.get_absolute_url() in html
    # The commune's report, linked at its own address, under its site's name.
    assert f'href="{commune.original_url}"' in html
    assert f'<span class="result-site">{commune.site.name}</span>' in html
    assert 'name="don-vi"' in html and f'value="{commune.site.slug}"' in html
    # A commune's search covers that commune only, whatever it is asked.
    html = client.get(url + f"&don-vi={portal.site.slug}", HTTP_HOST=COMMUNE_HOST).content.decode()
    assert commune.get_absolute_url() in html and portal.title not in html
    assert 'name="don-vi"' not in html
    # An unknown unit: the whole province, with a notice.
    html = client.get(url + "&don-vi=khong-co", HTTP_HOST=PORTAL_HOST).content.decode()
    assert "Không có đơn vị này" in html and commune.original_url in html
    # When every site of the installation is the province's, the search needs no site
    # condition and finds the same articles, drafts of the other sites still hidden.
    from search.filters import filtered, parse_filters

    Site.objects.exclude(pk__in=[portal.site_id, commune.site_id]).update(parent=portal.site)
    filters = parse_filters({}, [], portal.site)
    assert filters.every_site and "site_id\" IN" not in str(filtered(Article.objects.all(), filters).query)
    html = client.get(url + "&trang=1", HTTP_HOST=PORTAL_HOST).content.decode()
    assert f'href="{commune.original_url}"' in html and portal.get_absolute_url() in html


@pytest.mark.parametrize("page", [
    "home", "section", "article", "author", "events", "event", "calendar", "rss", "section rss",
    "news sitemap", "article sitemap", "comments", "search",
])
def test_each_page_shows_only_its_own_sites_content(client, site_content, page):
    for mine, theirs in (("portal", "commune"), ("commune", "portal")):
        url = _urls(site_content[mine])[page]
        response = client.get(url, HTTP_HOST=HOSTS[mine])
        assert response.status_code == 200, (mine, url)
        text = response.content.decode()
        if page in ("calendar",):
            names = [str(e["summary"]) for e in Calendar.from_ical(response.content).walk("VEVENT")]
            assert names == [site_content[mine]["event"].name]
            continue
        own, other = site_content[mine]["article"], site_content[theirs]["article"]
        if page not in ("events", "event"):
            assert own.title in text or own.get_absolute_url() in text, (mine, page)
        assert other.title not in text and other.get_absolute_url() not in text, (mine, page)


@pytest.mark.parametrize("page", ["article", "event", "comments", "comments block"])
def test_a_url_of_one_site_on_another_sites_host_is_404(client, site_content, page):
    commune = site_content["commune"]
    url = {
        "article": commune["article"].get_absolute_url(),
        "event": commune["event"].get_absolute_url(),
        "comments": reverse("comments:page", args=[commune["article"].pk]),
        "comments block": reverse("comments:block", args=[commune["article"].pk]),
    }[page]
    assert client.get(url, HTTP_HOST=COMMUNE_HOST).status_code == 200
    assert client.get(url, HTTP_HOST=PORTAL_HOST).status_code == 404


def test_a_section_slug_used_by_both_sites_is_each_sites_own(client, site_content):
    for mine in ("portal", "commune"):
        html = client.get("/tin-tuc/", HTTP_HOST=HOSTS[mine]).content.decode()
        assert site_content[mine]["article"].title in html


def test_feeds_sitemaps_and_links_use_the_sites_own_address(client, site_content):
    base = f"https://{COMMUNE_HOST}"
    article = site_content["commune"]["article"]
    # Asked through the portal's alias with a port: still the commune's own address.
    feed = feedparser.parse(client.get("/rss/", HTTP_HOST=f"{COMMUNE_HOST}:8443").content)
    assert feed.feed.link.startswith(base) and feed.feed.title == "Trang thông tin điện tử xã Bến Lức"
    assert [e.link for e in feed.entries] == [base + article.get_absolute_url()]

    index = etree.fromstring(client.get("/sitemap.xml", HTTP_HOST=COMMUNE_HOST).content)
    sitemaps = index.xpath("//s:sitemap/s:loc/text()", namespaces=SITEMAP_NS)
    assert sitemaps and all(loc.startswith(base + "/sitemap-") for loc in sitemaps)
    locs = []
    for loc in sitemaps:
        response = client.get(loc.removeprefix(base), HTTP_HOST=COMMUNE_HOST)
        locs += etree.fromstring(response.content).xpath("//s:loc/text()", namespaces=SITEMAP_NS)
    assert base + article.get_absolute_url() in locs
    assert all(loc.startswith(base + "/") for loc in locs)

    robots = client.get("/robots.txt", HTTP_HOST=COMMUNE_HOST).content.decode()
    assert f"Sitemap: {base}/sitemap.xml" in robots

    html = client.get(article.get_absolute_url(), HTTP_HOST=COMMUNE_HOST).content.decode()
    assert f'<link rel="canonical" href="{base}{article.get_absolute_url()}">' in html
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html).group(1))
    assert data["mainEntityOfPage"] == base + article.get_absolute_url()
    assert data["publisher"]["name"] == "Trang thông tin điện tử xã Bến Lức"

    calendar = Calendar.from_ical(client.get("/su-kien/lich.ics", HTTP_HOST=COMMUNE_HOST).content)
    event = next(iter(calendar.walk("VEVENT")))
    assert str(event["url"]).startswith(base) and str(event["uid"]).endswith("@" + COMMUNE_HOST)


def test_publishing_on_one_site_leaves_the_other_sites_cached_pages(client, site_content, django_assert_num_queries):
    commune = site_content["commune"]
    for host in HOSTS.values():
        client.get("/", HTTP_HOST=host)
    Article.objects.create(
        category=commune["category"], title="Tin mới của xã", sapo="Tóm tắt.",
        status=Article.Status.PUBLISHED, publish_at=timezone.now(),
    )
    with django_assert_num_queries(1):  # the portal's version, unchanged: its cached copy
        portal_home = client.get("/", HTTP_HOST=PORTAL_HOST).content.decode()
    assert "Tin mới của xã" not in portal_home
    assert "Tin mới của xã" in client.get("/", HTTP_HOST=COMMUNE_HOST).content.decode()


def test_an_edit_rolled_back_leaves_the_version_and_a_committed_one_moves_it(site_content):
    article = site_content["commune"]["article"]
    site, portal = article.site, site_content["portal"]["site"]
    before = Site.objects.get(pk=site.pk).content_version
    portal_before = Site.objects.get(pk=portal.pk).content_version
    with pytest.raises(RuntimeError), transaction.atomic():
        article.title = "Tiêu đề không được lưu"
        article.save()
        assert Site.objects.get(pk=site.pk).content_version > before  # in the same transaction
        raise RuntimeError("the save failed")
    assert Site.objects.get(pk=site.pk).content_version == before
    article.save()
    assert Site.objects.get(pk=site.pk).content_version > before
    assert Site.objects.get(pk=portal.pk).content_version == portal_before


def test_a_stale_copy_of_a_site_cannot_lower_its_version(site_content):
    stale = Site.objects.get(pk=site_content["commune"]["site"].pk)
    site_content["commune"]["article"].save()  # moves the version after `stale` was read
    moved = Site.objects.get(pk=stale.pk).content_version
    stale.phone = "0272 3870 000"
    stale.save()
    assert Site.objects.get(pk=stale.pk).content_version > moved


def test_editing_a_sites_footer_refreshes_its_cached_pages(client, province):
    commune = province["commune"]
    client.get("/", HTTP_HOST=COMMUNE_HOST)
    commune.phone = "0272 3870 123"
    commune.save()
    assert "0272 3870 123" in client.get("/", HTTP_HOST=COMMUNE_HOST).content.decode()


def test_a_withdrawn_article_never_comes_back_from_a_cache_that_missed_the_change(client, site_content, settings):
    """The cache was unreachable while the article was unpublished; it comes back holding the
    old page. The old page is keyed by the old version, which no request asks for again."""
    import os

    live = {
        "BACKEND": "benluc.cache.ResilientRedisCache",
        "LOCATION": "redis://127.0.0.1:6379/9",
        "KEY_PREFIX": f"test-sites-{os.getpid()}",
        "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
    }
    dead = {**live, "LOCATION": "redis://127.0.0.1:1/9"}  # nothing listens there
    article = site_content["commune"]["article"]
    url = article.get_absolute_url()
    settings.CACHES = {"default": live}
    try:
        assert client.get(url, HTTP_HOST=COMMUNE_HOST).status_code == 200  # cached in Redis
        settings.CACHES = {"default": dead}
        article.status = Article.Status.DRAFT
        article.save()
        assert client.get(url, HTTP_HOST=COMMUNE_HOST).status_code == 404
        settings.CACHES = {"default": live}  # Redis is back, with the old page in it
        assert client.get(url, HTTP_HOST=COMMUNE_HOST).status_code == 404
        assert article.title not in client.get("/", HTTP_HOST=COMMUNE_HOST).content.decode()
    finally:
        from django.core.cache import cache

        settings.CACHES = {"default": live}
        cache.clear()
