"""In Chromium: a page view is sent by beacon and a one-click rating is recorded, with no cookie."""

from django.utils import timezone

from readership import counter
from readership.models import PageViews, Rating


def test_reading_an_article_counts_one_view_and_a_click_rates_it(page, site_url, article, settings):
    settings.READERSHIP = {**settings.READERSHIP, "FLUSH_EVERY": 1}
    url = article.get_absolute_url()
    page.goto(site_url + url)
    page.wait_for_load_state("networkidle")
    page.get_by_role("button", name="Có").click()
    status = page.locator("[data-rating-status]")
    status.wait_for(state="visible")
    assert status.text_content() == "Cảm ơn bạn đã cho biết ý kiến."
    assert page.get_by_role("button", name="Có").is_disabled()
    assert page.url == site_url + url  # stayed on the page
    assert page.context.cookies() == []  # no cookie from the page, the beacon or the vote
    rating = Rating.objects.get()
    assert rating.path == url and rating.helpful is True
    counter.flush_day(timezone.localdate())
    assert PageViews.objects.get(path=url).views == 1
    assert page.console_errors == []


def test_without_javascript_the_rating_is_a_plain_form(chromium, site_url, article):
    context = chromium.new_context(java_script_enabled=False, locale="vi-VN")
    tab = context.new_page()
    try:
        tab.goto(site_url + article.get_absolute_url())
        tab.get_by_role("button", name="Không").click()
        tab.wait_for_load_state()
        assert "Cảm ơn bạn đã cho biết ý kiến." in tab.content()
        assert Rating.objects.get().helpful is False
        tab.get_by_role("link", name="« Quay lại trang bạn vừa đọc").click()
        assert tab.url == site_url + article.get_absolute_url()
        assert context.cookies() == []
    finally:
        context.close()
