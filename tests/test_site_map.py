"""The HTML site map (/so-do-trang/): every part of the site, per site, links that work."""

import pytest
from lxml import html as lxml_html

from articles.models import Category
from organisation.models import Page
from sitemap_html import registry
from tests.dublin_core import dublin_core
from tests.fixtures.sites import COMMUNE_HOST, PORTAL_HOST

URL = "/so-do-trang/"


def _links(response):
    page = lxml_html.fromstring(response.content)
    main = page.get_element_by_id("noi-dung")
    return {" ".join(a.text_content().split()): a.get("href") for a in main.iter("a")}


def test_the_site_map_lists_sections_and_every_portal_part(client, site_content, organisation):
    Page.objects.create(site=site_content["commune"]["site"], title="Cơ cấu tổ chức của xã", body="<p>x</p>")
    response = client.get(URL, HTTP_HOST=COMMUNE_HOST)
    assert response.status_code == 200
    links = _links(response)
    assert links["Tin tức"] == "/tin-tuc/"  # the site's own section
    assert links["Cơ cấu tổ chức của xã"] == "/gioi-thieu/co-cau-to-chuc-cua-xa/"
    for title, url in [("Giới thiệu", "/gioi-thieu/"), ("Lãnh đạo", "/gioi-thieu/lanh-dao/"),
                       ("Lịch công tác", "/lich-cong-tac/"), ("Văn bản", "/van-ban/"), ("Hỏi đáp", "/hoi-dap/"),
                       ("Dự thảo lấy ý kiến", "/du-thao/"), ("English", "/en/"), ("Sự kiện", "/su-kien/"),
                       ("Lịch công tác (.ics)", "/lich-cong-tac/lich.ics")]:
        assert links[title] == url, title
    # Only the portal has "Tin cơ sở"; the default site's organisation pages are not the commune's.
    assert "Tin cơ sở" not in links and "Chức năng, nhiệm vụ" not in links
    assert "Tin cơ sở" in _links(client.get(URL, HTTP_HOST=PORTAL_HOST))


def test_every_link_on_the_site_map_answers(client, site_content, organisation):
    site = site_content["commune"]["site"]
    Page.objects.create(site=site, title="Lịch sử", body="<p>x</p>")
    for title, url in _links(client.get(URL, HTTP_HOST=COMMUNE_HOST)).items():
        assert client.get(url, HTTP_HOST=COMMUNE_HOST).status_code == 200, (title, url)


def test_the_site_map_carries_dublin_core_and_the_footer_links_to_it(client, site_content):
    response = client.get(URL, HTTP_HOST=COMMUNE_HOST)
    dc = dublin_core(response.content)
    assert dc["DC.identifier"] == f"https://{COMMUNE_HOST}{URL}"
    assert dc["DC.publisher"] == "Trang thông tin điện tử xã Bến Lức"
    footer = lxml_html.fromstring(client.get("/", HTTP_HOST=COMMUNE_HOST).content).find(".//footer")
    assert [a.get("href") for a in footer.iter("a") if a.text == "Sơ đồ trang"] == [URL]


def test_apps_add_entries_and_missing_parts_are_left_out(client, db, monkeypatch):
    monkeypatch.setattr(registry, "_entries", dict(registry._entries))
    registry.register("Thủ tục hành chính", "thu_tuc:list", order=45)  # an app not installed
    registry.register("Bản đồ", "articles:events", order=46,
                      children=lambda site: [("Bản đồ hành chính", "/ban-do/")])
    links = _links(client.get(URL))
    assert "Thủ tục hành chính" not in links
    assert links["Bản đồ hành chính"] == "/ban-do/"


def test_edits_refresh_the_cached_site_map(client, site_content):
    client.get(URL, HTTP_HOST=COMMUNE_HOST)
    Category.objects.create(site=site_content["commune"]["site"], name="Nông thôn mới", slug="nong-thon-moi")
    assert _links(client.get(URL, HTTP_HOST=COMMUNE_HOST))["Nông thôn mới"] == "/nong-thon-moi/"


@pytest.mark.parametrize("count", [5, 500])
def test_query_budget_does_not_grow_with_the_site(client, db, count, django_assert_num_queries):
    from sites.models import Site

    site = Site.objects.default()
    Category.objects.bulk_create([Category(site=site, name=f"Chuyên mục {n}", slug=f"chuyen-muc-{n}", position=n)
                                  for n in range(count)])
    Page.objects.bulk_create([Page(site=site, title=f"Trang {n}", slug=f"trang-{n}", position=n)
                              for n in range(count)])
    # The site's version, its sections (the menu's cached list), its organisation pages.
    with django_assert_num_queries(3):
        response = client.get(URL)
    assert response.status_code == 200
    links = _links(response)
    assert links[f"Chuyên mục {count - 1}"] == f"/chuyen-muc-{count - 1}/"
    assert links[f"Trang {count - 1}"] == f"/gioi-thieu/trang-{count - 1}/"


def test_sitemap_xml_lists_the_organisation_and_the_schedule(client, site_content, make_entry):
    from datetime import date

    site = site_content["commune"]["site"]
    shown = Page.objects.create(site=site, title="Chức năng", body="<p>x</p>")
    Page.objects.create(site=site, title="Bản nháp", body="<p>x</p>", is_published=False)
    index = client.get("/sitemap.xml", HTTP_HOST=COMMUNE_HOST).content.decode()
    assert f"https://{COMMUNE_HOST}/sitemap-organisation.xml" in index
    assert f"https://{COMMUNE_HOST}/sitemap-schedule.xml" in index
    organisation = lxml_html.fromstring(client.get("/sitemap-organisation.xml", HTTP_HOST=COMMUNE_HOST).content)
    locations = [loc.text for loc in organisation.iter("loc")]
    assert locations == [f"https://{COMMUNE_HOST}{path}" for path in (
        "/gioi-thieu/", "/gioi-thieu/lanh-dao/", "/gioi-thieu/lien-he/", "/en/", shown.get_absolute_url())]
    # A site without a schedule does not advertise an empty one.
    schedule = client.get("/sitemap-schedule.xml", HTTP_HOST=COMMUNE_HOST).content.decode()
    assert "<loc>" not in schedule
    make_entry(date.today(), site=site)
    schedule = client.get("/sitemap-schedule.xml", HTTP_HOST=COMMUNE_HOST).content.decode()
    assert f"<loc>https://{COMMUNE_HOST}/lich-cong-tac/</loc>" in schedule


def test_the_portal_benchmark_command_times_every_page(db, settings):
    import io

    from django.core.management import call_command

    out = io.StringIO()
    call_command("bench_portal", items=5, runs=1, stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].endswith("5 mục mỗi loại, 1 lượt mỗi trang")
    rows = {line[:15].strip(): line[15:].split() for line in lines[2:]}
    assert set(rows) == {"lịch tuần này", "lịch tuần khác", "lịch .ics", "giới thiệu", "một trang",
                         "lãnh đạo", "liên hệ", "/en/", "sơ đồ trang"}
    assert rows["lịch tuần này"][0] == "3" and rows["giới thiệu"][0] == "6"  # SQL queries, cold
