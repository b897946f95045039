"""The portal pages a state agency must publish, in Chromium: axe-core at phone and desk
widths, the print layout of the work schedule, nothing wider than a 360 px phone."""

from datetime import time, timedelta

import pytest
from django.urls import reverse

from schedule.weeks import Week
from tests.browser.axe import describe, run_axe


@pytest.fixture
def portal_pages(site_url, make_entry, event, organisation):
    """A week of the schedule around today (the live server's today)."""
    monday = Week.current().monday
    for n, day in enumerate([monday, monday, monday + timedelta(days=2), monday + timedelta(days=4)]):
        make_entry(
            day, time(7 + 2 * n) if n != 1 else None, time(9 + 2 * n) if n != 1 else None,
            content=f"Họp giao ban về chuyển đổi số và cải cách hành chính, nội dung số {n}",
            attendees="Các Phó Chủ tịch UBND xã; Trưởng Công an xã; Chỉ huy trưởng Quân sự xã",
            preparer="Văn phòng HĐND và UBND xã", event=event if n == 2 else None,
            note="Hoãn, sẽ thông báo sau" if n == 3 else "",
        )
    return {
        "schedule": reverse("schedule:week"),
        "schedule-next": reverse("schedule:week") + f"?tuan={Week.current().next}",
        "schedule-bad-week": reverse("schedule:week") + "?tuan=2026-W99",
        "organisation": reverse("organisation:overview"),
        "organisation-page": organisation["tasks"].get_absolute_url(),
        "leaders": reverse("organisation:leaders"),
        "contacts": reverse("organisation:contacts"),
        "english": reverse("english"),
        "site-map": reverse("sitemap_html:site_map"),
    }


@pytest.mark.parametrize("name", [
    "schedule", "schedule-next", "schedule-bad-week",
    "organisation", "organisation-page", "leaders", "contacts", "english", "site-map",
])
@pytest.mark.parametrize("width", [360, 1280])
def test_no_axe_violations_on_the_portal_pages(page, site_url, portal_pages, name, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site_url + portal_pages[name])
    page.wait_for_load_state("networkidle")
    results = run_axe(page, site_url)
    assert results["violations"] == [], "axe-core found:\n" + describe(results["violations"])
    # Nothing makes a phone scroll sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    # The mistyped week is answered with a 400 on purpose: the browser logs the status.
    expected = ["status of 400"] if name == "schedule-bad-week" else []
    assert [e for e in page.console_errors if not any(x in e for x in expected)] == []


def test_the_schedule_stacks_into_labelled_cards_on_a_phone(page, site_url, portal_pages):
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(site_url + portal_pages["schedule"])
    cell = page.locator("td[data-label='Chủ trì']").first
    assert page.evaluate("el => getComputedStyle(el).display", cell.element_handle()) == "block"
    label = page.evaluate("el => getComputedStyle(el, '::before').content", cell.element_handle())
    assert label == '"Chủ trì: "'


def test_the_printed_schedule_is_the_table_without_navigation(page, site_url, portal_pages):
    page.goto(site_url + portal_pages["schedule"])
    page.emulate_media(media="print")
    hidden = lambda selector: page.eval_on_selector(selector, "el => getComputedStyle(el).display") == "none"
    assert hidden(".week-nav") and hidden(".schedule-tools") and hidden(".site-nav") and hidden(".site-footer")
    assert page.locator("table.schedule-table").first.is_visible()
    assert page.locator(".print-source").is_visible()
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    assert pdf.startswith(b"%PDF") and b"/MediaBox [0 0 841" in pdf  # A4 landscape: 842 × 595 pt
