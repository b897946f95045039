"""The demo's portal content: every demo site gets a work schedule and its organisation
pages (in Vietnamese and English) that the public pages show."""

from django.core.management import call_command
from lxml import html as lxml_html

from benluc.text import strip_diacritics
from schedule.models import ScheduleEntry
from schedule.weeks import Week
from sites.models import Site


def test_every_demo_site_has_a_schedule_for_this_week_and_the_next(demo, client):
    this_week, next_week = Week.current(), Week.current().next
    for site in Site.objects.all():
        entries = ScheduleEntry.objects.filter(site=site)
        assert entries.in_week(this_week).count() >= 5, site
        assert entries.in_week(next_week).count() >= 3, site
        response = client.get("/lich-cong-tac/", HTTP_HOST=site.hosts[0])
        assert response.status_code == 200
        text = " ".join(lxml_html.fromstring(response.content).text_content().split())
        assert "Họp giao ban lãnh đạo UBND" in text and "Tiếp công dân định kỳ" in text
    benluc = Site.objects.get(slug="benluc")
    assert "Chủ tịch UBND xã" in client.get("/lich-cong-tac/", HTTP_HOST=benluc.host).content.decode()
    assert "Chủ tịch UBND tỉnh" in client.get("/lich-cong-tac/", HTTP_HOST="localhost").content.decode()


def test_loading_the_demo_again_adds_no_schedule_entries(demo):
    before = ScheduleEntry.objects.count()
    call_command("load_demo", force=True, stdout=open("/dev/null", "w"))
    assert ScheduleEntry.objects.count() == before


def test_every_demo_site_has_its_organisation_in_vietnamese_and_english(demo, client):
    for site in Site.objects.all():
        host = site.hosts[0]
        overview = client.get("/gioi-thieu/", HTTP_HOST=host)
        assert overview.status_code == 200
        text = " ".join(lxml_html.fromstring(overview.content).text_content().split())
        assert "Chức năng, nhiệm vụ" in text and "Cơ cấu tổ chức" in text and "Lịch sử hình thành" in text
        assert "Điều kiện tự nhiên, kinh tế – xã hội" in text and "Chủ tịch UBND" in text
        assert client.get("/gioi-thieu/chuc-nang-nhiem-vu/", HTTP_HOST=host).status_code == 200
        english = client.get("/en/", HTTP_HOST=host).content.decode()
        assert f"People&#x27;s Committee of {strip_diacritics(site.short_name)}" in english
        assert "Functions and tasks" in english and "Public Administrative Service Centre" in english
