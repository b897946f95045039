"""Dublin Core metadata on content pages and the footer every page carries (Thông tư 32/2017)."""

from datetime import datetime

import pytest
from django.utils import timezone

from articles.models import Article
from sites.models import Site
from tests.dublin_core import DC_ELEMENTS, dublin_core
from tests.fixtures.sites import COMMUNE_HOST, PORTAL_HOST


def test_an_article_page_carries_the_six_dublin_core_elements(client, make_article):
    # 23:30 on 30 June in Vietnam is still 30 June, though it is already 1 July nowhere
    # else that matters here: the date is the reader's (Vietnam's) date.
    evening = timezone.make_aware(datetime(2022, 6, 30, 23, 30), timezone.get_fixed_timezone(7 * 60))
    article = make_article(
        title='Hội nghị "Dân vận khéo" <năm 2022>',
        sapo="Ban Dân vận Huyện ủy Bến Lức sơ kết công tác 6 tháng đầu năm.",
        authors=["Việt Hằng", "Kim Phượng"],
        publish_at=evening,
    )
    html = client.get(article.get_absolute_url()).content.decode()
    dc = dublin_core(html)
    assert set(DC_ELEMENTS) <= set(dc)
    assert dc["DC.title"] == 'Hội nghị "Dân vận khéo" <năm 2022>'  # escaped in HTML, intact when read
    assert dc["DC.creator"] == "Việt Hằng – Kim Phượng"
    assert dc["DC.date"] == "2022-06-30"
    assert dc["DC.description"] == "Ban Dân vận Huyện ủy Bến Lức sơ kết công tác 6 tháng đầu năm."
    assert dc["DC.publisher"] == Site.objects.default().name
    assert dc["DC.identifier"] == "http://testserver" + article.get_absolute_url()
    assert dc["DC.language"] == "vi"
    assert '<meta name="DC.title" content="Hội nghị &quot;Dân vận khéo&quot; &lt;năm 2022&gt;">' in html


def test_publisher_is_the_site_and_identifier_its_canonical_address(client, site_content):
    article = site_content["commune"]["article"]
    dc = dublin_core(client.get(article.get_absolute_url(), HTTP_HOST=COMMUNE_HOST).content)
    assert dc["DC.publisher"] == "Trang thông tin điện tử xã Bến Lức"
    assert dc["DC.identifier"] == f"https://{COMMUNE_HOST}{article.get_absolute_url()}"
    assert dc["DC.creator"] == "Phóng viên Bến Lức"


def test_an_article_without_authors_is_credited_to_the_sites_agency(client, site_content):
    article = site_content["commune"]["article"]
    article.article_authors.all().delete()
    article.refresh_derived()
    dc = dublin_core(client.get(article.get_absolute_url(), HTTP_HOST=COMMUNE_HOST).content)
    assert dc["DC.creator"] == "Ủy ban nhân dân xã Bến Lức"


def test_a_communes_article_on_the_portal_keeps_its_own_publisher(client, site_content):
    article = site_content["commune"]["article"]
    Article.objects.filter(pk=article.pk).update(portal_status=Article.PortalStatus.ACCEPTED)
    page = client.get(article.get_community_url(), HTTP_HOST=PORTAL_HOST)
    assert page.status_code == 200
    dc = dublin_core(page.content)
    assert dc["DC.publisher"] == "Trang thông tin điện tử xã Bến Lức"
    assert dc["DC.identifier"] == f"https://{COMMUNE_HOST}{article.get_absolute_url()}"


@pytest.mark.parametrize("host", [COMMUNE_HOST, PORTAL_HOST])
def test_every_footer_fact_of_the_site_is_shown(client, province, host):
    site = province["commune" if host == COMMUNE_HOST else "portal"]
    site.agency = f"Ủy ban nhân dân {site.short_name}"
    site.address = f"Số 1 đường Nguyễn Hữu Thọ, {site.short_name}"
    site.phone = "0272 3871 234"
    site.email = f"ubnd@{site.slug}.gov.vn"
    site.responsible_person = "Trần Thị B"
    site.responsible_title = "Chánh Văn phòng HĐND và UBND"
    site.save()
    html = client.get("/", HTTP_HOST=host).content.decode()
    footer = html[html.index('<footer class="site-footer">'):]
    assert f"Cơ quan chủ quản: Ủy ban nhân dân {site.short_name}" in footer
    assert f"Địa chỉ: Số 1 đường Nguyễn Hữu Thọ, {site.short_name}" in footer
    assert "Điện thoại: 0272 3871 234" in footer
    assert f'<a href="mailto:ubnd@{site.slug}.gov.vn">ubnd@{site.slug}.gov.vn</a>' in footer
    assert "Người chịu trách nhiệm: Trần Thị B, Chánh Văn phòng HĐND và UBND" in footer


def test_footer_facts_left_empty_leave_no_empty_labels(client, province):
    html = client.get("/", HTTP_HOST=COMMUNE_HOST).content.decode()
    footer = html[html.index('<footer class="site-footer">'):]
    assert "Địa chỉ:" not in footer and "Điện thoại:" not in footer


def test_dc_date_is_the_vietnam_date_and_a_long_description_is_cut():
    """The {% dublin_core %} tag (Python, not an include) keeps what the include showed."""
    from datetime import datetime, timezone as dt_timezone

    from django.template import Context, Template

    html = Template(
        "<html><head>{% dublin_core dc_title=title dc_date=when dc_description=text dc_identifier='https://x.vn/a/' %}"
        "</head><body></body></html>"
    ).render(Context({
        # 20:30 UTC on 30 June is 03:30 on 1 July in Vietnam.
        "title": "Hội nghị <sơ kết>", "when": datetime(2022, 6, 30, 20, 30, tzinfo=dt_timezone.utc),
        "text": "Dân vận khéo " * 40,
    }))
    dc = dublin_core(html)
    assert dc["DC.date"] == "2022-07-01"
    assert dc["DC.title"] == "Hội nghị <sơ kết>" and "&lt;sơ kết&gt;" in html
    assert len(dc["DC.description"]) == 300 and dc["DC.description"].endswith("…")
    assert dc["DC.language"] == "vi"


@pytest.mark.parametrize("text", ["", "Dân vận", "Dân vận khéo " * 30, "Da\u0302n va\u0323\u0302n " * 40, "x" * 300, "x" * 301])
def test_truncatechars_gives_what_djangos_gives(text):
    from django.template.defaultfilters import truncatechars as django_truncatechars

    from benluc.template_builtins import truncatechars

    for length in (1, 10, 300, "nope"):
        assert truncatechars(text, length) == django_truncatechars(text, length)
