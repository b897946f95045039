"""Reading an article in Chromium: text size, header clock, printing, phones.

Everything runs against the live server (full WSGI stack, hashed static files
served by WhiteNoise, the strict Content-Security-Policy), so a CSP violation
or a script error shows up in `page.console_errors`.
"""

import re
from datetime import datetime, timezone

import pytest

from articles.models import Article
from tests.fixtures.pages import page_urls

UTC = timezone.utc
def _console_errors(page, name):
    """Console errors, less the browser's own note that the 404 page is a 404."""
    errors = list(page.console_errors)
    if name == "404":
        errors.remove("Failed to load resource: the server responded with a status of 404 (Not Found)")
    return errors


def _watch_responses(page):
    """Collects `url status` of every failed request the page makes."""
    failed = []
    page.on("response", lambda r: r.status >= 400 and failed.append(f"{r.url} {r.status}"))
    return failed


def _font_size(page, selector):
    return page.eval_on_selector(selector, "el => parseFloat(getComputedStyle(el).fontSize)")


# --- "A A" -------------------------------------------------------------------


def test_font_size_buttons_grow_and_shrink_the_article_text_and_persist(page, site_url, report_page):
    page.goto(site_url + report_page["report"].get_absolute_url())
    bigger = page.get_by_role("button", name="Tăng cỡ chữ")
    smaller = page.get_by_role("button", name="Giảm cỡ chữ")
    text = ".article-body p"
    start, menu = _font_size(page, text), _font_size(page, ".site-nav a")

    bigger.click()
    bigger.click()
    enlarged = _font_size(page, text)
    assert enlarged > start
    assert _font_size(page, ".article-text .sapo") > start  # the sapo grows with the text
    assert _font_size(page, ".site-nav a") == menu  # the rest of the page does not

    smaller.focus()  # works from the keyboard too
    page.keyboard.press("Enter")
    assert start < _font_size(page, text) < enlarged
    bigger.click()
    assert _font_size(page, text) == enlarged

    # Another article, later: the reader's choice is still there.
    page.goto(site_url + report_page["other"].get_absolute_url())
    assert _font_size(page, text) == enlarged
    page.reload()
    assert _font_size(page, text) == enlarged

    # Down to the smallest size; the button then says it can go no further,
    # and keyboard focus stays on it.
    while smaller.get_attribute("aria-disabled") != "true":
        smaller.click()
    smallest = _font_size(page, text)
    assert smallest < start
    assert smaller.get_attribute("aria-disabled") == "true"
    assert bigger.get_attribute("aria-disabled") == "false"
    smaller.focus()
    page.keyboard.press("Enter")
    assert _font_size(page, text) == smallest
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Giảm cỡ chữ"
    assert page.console_errors == []


def test_chosen_text_size_is_applied_before_the_text_is_painted(page, site_url, report_page):
    """No jump: the article text never shows at the default size first."""
    page.goto(site_url + report_page["report"].get_absolute_url())
    for _ in range(3):
        page.get_by_role("button", name="Tăng cỡ chữ").click()
    chosen = _font_size(page, ".article-body p")

    # Record the text's size the moment the parser inserts it into the page.
    page.add_init_script(
        """
        window.__firstSize = null;
        new MutationObserver((records, observer) => {
          const p = document.querySelector(".article-body p");
          if (p) { window.__firstSize = parseFloat(getComputedStyle(p).fontSize); observer.disconnect(); }
        }).observe(document, {childList: true, subtree: true});
        """
    )
    page.goto(site_url + report_page["other"].get_absolute_url())
    assert page.evaluate("window.__firstSize") == chosen
    assert page.console_errors == []


# --- The header clock ----------------------------------------------------------

CLOCK_TEXT = re.compile(
    r"^(Thứ (Hai|Ba|Tư|Năm|Sáu|Bảy)|Chủ Nhật), \d\d/\d\d/\d{4} \d\d:\d\d \(GMT \+7\)$"
)


def test_header_clock_shows_the_readers_moment_on_a_page_from_the_cache(page, site_url, report_page):
    report = report_page["report"]
    url = site_url + report.get_absolute_url()
    first = page.goto(url).text()
    served_clock = page.locator("#clock")
    assert CLOCK_TEXT.match(served_clock.text_content())

    # The page is now cached whole: a change that does not invalidate the
    # cache is not seen, which proves the next response is the cached HTML.
    Article.objects.filter(pk=report.pk).update(title="Tiêu đề đã sửa")
    page.clock.install(time=datetime(2022, 8, 16, 4, 26, 5, tzinfo=UTC))
    second = page.goto(url)
    assert second.text() == first
    assert "script-src 'self'" in second.headers["content-security-policy"]

    clock = page.locator("#clock")
    assert clock.text_content() == "Thứ Ba, 16/08/2022 11:26 (GMT +7)"
    assert clock.get_attribute("datetime") == "2022-08-16T11:26+07:00"

    # It keeps time while the reader stays on the page.
    page.clock.pause_at(datetime(2022, 8, 16, 4, 26, 50, tzinfo=UTC))
    page.clock.run_for("00:15")
    assert clock.text_content() == "Thứ Ba, 16/08/2022 11:27 (GMT +7)"
    assert clock.get_attribute("datetime") == "2022-08-16T11:27+07:00"
    assert page.console_errors == []


@pytest.mark.parametrize(
    "reader_zone, instant, shown, machine",
    [
        # Midnight in Vietnam is still Monday morning for a reader in California.
        ("America/Los_Angeles", datetime(2022, 8, 15, 17, 30, tzinfo=UTC),
         "Thứ Ba, 16/08/2022 00:30 (GMT +7)", "2022-08-16T00:30+07:00"),
        ("Asia/Ho_Chi_Minh", datetime(2022, 8, 13, 22, 5, tzinfo=UTC),
         "Chủ Nhật, 14/08/2022 05:05 (GMT +7)", "2022-08-14T05:05+07:00"),
        ("Europe/Paris", datetime(2023, 12, 31, 17, 0, tzinfo=UTC),
         "Thứ Hai, 01/01/2024 00:00 (GMT +7)", "2024-01-01T00:00+07:00"),
        ("UTC", datetime(2022, 7, 1, 7, 43, 32, tzinfo=UTC),
         "Thứ Sáu, 01/07/2022 14:43 (GMT +7)", "2022-07-01T14:43+07:00"),
    ],
)
def test_header_clock_is_vietnam_time_wherever_the_reader_is(
    chromium, site_url, article, reader_zone, instant, shown, machine
):
    context = chromium.new_context(locale="vi-VN", timezone_id=reader_zone)
    try:
        page = context.new_page()
        errors = []
        page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
        page.clock.set_fixed_time(instant)
        page.goto(site_url + "/")
        clock = page.locator("#clock")
        assert clock.text_content() == shown
        assert clock.get_attribute("datetime") == machine
        assert errors == []
    finally:
        context.close()


# --- Printing --------------------------------------------------------------------


def test_print_stylesheet_keeps_the_article_and_drops_navigation_and_tools(page, site_url, report_page):
    page.goto(site_url + report_page["report"].get_absolute_url())
    page.emulate_media(media="print")
    for hidden in [".skip-link", ".site-header", ".site-nav", ".search-form", ".site-footer",
                   ".breadcrumb", ".font-size", ".share", ".related", ".comments"]:
        assert page.locator(hidden).first.is_hidden(), f"{hidden} is printed"
    for kept in [".article-title", ".article-dateline", ".article-text .sapo", ".article-body",
                 "figure.cover img", ".article-body figcaption", ".byline"]:
        assert page.locator(kept).first.is_visible(), f"{kept} is missing on paper"
    # On paper: where the article came from, and the address behind each link.
    source = page.locator(".print-source")
    assert source.is_visible() and report_page["report"].get_absolute_url() in source.text_content()
    link_suffix = page.eval_on_selector(
        ".article-body a[href^='https://longan.gov.vn']", "a => getComputedStyle(a, '::after').content"
    )
    assert "https://longan.gov.vn/van-ban/" in link_suffix
    # Printing uses black text on white, at a print size regardless of "A A".
    assert page.eval_on_selector("body", "el => getComputedStyle(el).color") == "rgb(0, 0, 0)"

    page.emulate_media(media="screen")
    assert page.locator(".site-nav").is_visible() and page.locator(".print-source").is_hidden()
    assert page.console_errors == []


def test_print_button_prints_the_article_with_all_its_photos(page, site_url, report_page):
    page.set_viewport_size({"width": 360, "height": 640})
    page.goto(site_url + report_page["report"].get_absolute_url())
    photos = page.locator(".article-body img")
    # The photo low in the text has not been scrolled to, so is not loaded yet…
    assert not photos.last.evaluate("img => img.complete && img.naturalWidth > 0")
    page.evaluate("window.__printed = 0; addEventListener('beforeprint', () => window.__printed++)")
    page.get_by_role("button", name="In bài").click()
    # Predicates are functions, not strings: a string would need eval(), which the CSP forbids.
    page.wait_for_function("() => window.__printed === 1")
    # …but the printed copy has them.
    page.wait_for_function(
        "() => [...document.querySelectorAll('.article-body img')].every(i => i.complete && i.naturalWidth > 0)"
    )
    assert photos.count() == 2
    assert page.console_errors == []


# --- Phones: 360 px wide ---------------------------------------------------------


def _pages(report_page):
    return page_urls(report_page)


PAGE_NAMES = ["home", "section", "article", "author", "events", "event", "search", "search-empty", "404"]


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_readable_at_360px_without_sideways_scrolling(page, site_url, report_page, name):
    page.set_viewport_size({"width": 360, "height": 740})
    failed = _watch_responses(page)
    url = site_url + _pages(report_page)[name]
    response = page.goto(url)
    assert response.status == (404 if name == "404" else 200)
    # Scroll through the page so lazy photos load and take their place.
    page.evaluate("async () => { for (let y = 0; y < document.body.scrollHeight; y += 500) {"
                  " scrollTo(0, y); await new Promise(r => setTimeout(r, 30)); } scrollTo(0, 0); }")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    # The search box and the section menu are on screen and usable.
    assert page.locator("#q").bounding_box()["width"] >= 120
    menu = page.locator(".site-nav")
    assert menu.bounding_box()["height"] < 60, "the section menu should be one row on a phone"
    assert page.locator("h1").first.bounding_box()["x"] >= 0
    assert failed == ([f"{url} 404"] if name == "404" else [])
    assert _console_errors(page, name) == []


def test_article_photos_are_responsive_at_360px(page, site_url, report_page):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(site_url + report_page["report"].get_absolute_url())
    photos = page.locator(".article-body figure img")
    assert photos.count() == 2
    first = photos.first
    # Below the fold, the photos wait until the reader scrolls to them.
    assert first.get_attribute("loading") == "lazy"
    assert not first.evaluate("img => img.complete && img.naturalWidth > 0")
    first.scroll_into_view_if_needed()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=first.element_handle())
    # A phone downloads a small rendition, not the 1600 px original, shown full width.
    assert first.evaluate("img => img.naturalWidth") <= 800
    box = first.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360
    assert page.locator(".article-body figcaption").first.text_content() == "Quang cảnh hội nghị"
    assert page.console_errors == []


INLINE_CODE = re.compile(r"<style|\sstyle=|\son[a-z]+=|<script(?![^>]*\ssrc=)(?![^>]*application/ld\+json)", re.I)


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_self_contained_with_no_script_errors_or_csp_violations(page, site_url, report_page, name):
    page.set_viewport_size({"width": 1280, "height": 900})
    failed = _watch_responses(page)
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    url = site_url + _pages(report_page)[name]
    response = page.goto(url)
    html = response.text()
    page.wait_for_load_state("networkidle")
    # Nothing inline for the CSP to block, and nothing fetched from elsewhere.
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert INLINE_CODE.findall(html) == []
    assert [u for u in requested if not u.startswith(site_url + "/")] == []
    assert any(re.search(r"/static/js/site\.[0-9a-f]{12}\.js$", u) for u in requested)
    assert any(re.search(r"/static/css/site\.[0-9a-f]{12}\.css$", u) for u in requested)
    # site.js ran (it rewrites the clock) under the strict CSP.
    assert page.locator("#clock").get_attribute("datetime", timeout=2000).endswith("+07:00")
    assert failed == ([f"{url} 404"] if name == "404" else [])
    assert _console_errors(page, name) == []

