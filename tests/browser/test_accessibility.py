"""Accessibility of the public pages: axe-core in Chromium (under the real CSP, see
tests/browser/axe.py), and the keyboard.
"""

import pytest

from tests.browser.axe import describe, run_axe
from tests.fixtures.pages import page_urls


def _url(report_page, name):
    return page_urls(report_page)[name]


@pytest.mark.parametrize(
    "name, width",
    [
        ("home", 1280), ("home", 360),
        ("section", 1280),
        ("article", 1280), ("article", 360),
        ("author", 1280),
        ("events", 1280),
        ("event", 1280),
        ("search", 1280),
        ("search-empty", 1280),
        ("404", 1280),
    ],
)
def test_no_serious_or_critical_axe_violations(page, site_url, report_page, name, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site_url + _url(report_page, name))
    page.wait_for_load_state("networkidle")
    results = run_axe(page, site_url)
    serious = [v for v in results["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, "axe-core found:\n" + describe(serious)
    assert results["violations"] == [], "axe-core (minor/moderate) found:\n" + describe(results["violations"])


def test_skip_link_is_the_first_stop_and_jumps_to_the_content(page, site_url, report_page):
    page.goto(site_url + report_page["report"].get_absolute_url())
    skip = page.get_by_role("link", name="Bỏ qua, đến nội dung chính")
    assert not _on_screen(skip)  # out of the way until needed
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Bỏ qua, đến nội dung chính"
    assert _on_screen(skip)
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "noi-dung"
    page.keyboard.press("Tab")  # the next stop is inside the content, past header and menu
    assert page.evaluate("document.activeElement.closest('main') !== null")


def _on_screen(locator):
    box = locator.bounding_box()
    return box is not None and box["y"] >= 0 and box["x"] >= 0 and box["width"] > 1


@pytest.mark.parametrize("width", [1280, 360])
def test_keyboard_focus_is_always_visible(page, site_url, report_page, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site_url + report_page["report"].get_absolute_url())
    seen = set()
    for _ in range(60):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            """() => {
                const el = document.activeElement, style = getComputedStyle(el);
                const box = el.getBoundingClientRect();
                return {
                    name: el.getAttribute("aria-label") || el.textContent.trim().slice(0, 40),
                    tag: el.tagName,
                    outline: style.outlineStyle !== "none" ? parseFloat(style.outlineWidth) : 0,
                    visible: box.width > 0 && box.height > 0,
                };
            }"""
        )
        if focused["tag"] == "BODY":
            break
        seen.add(focused["name"])
        assert focused["visible"], f"focus went to something invisible: {focused}"
        assert focused["outline"] >= 2, f"no visible focus ring on {focused}"
    # The tour went through the header, the text-size buttons, the tools and the footer.
    assert {"Tìm", "Giảm cỡ chữ", "Tăng cỡ chữ", "In bài", "Sơ đồ trang"} <= seen


@pytest.mark.parametrize("name", ["hoi-dap", "hoi-dap-tim", "hoi-dap-chi-tiet", "hoi-dap-gui",
                                  "hoi-dap-tra-cuu", "hoi-dap-khong-thay"])
@pytest.mark.parametrize("width", [360, 1280])
def test_questions_pages_have_no_axe_violations(page, site_url, question_pages, name, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site_url + question_pages[name])
    page.wait_for_load_state("networkidle")
    results = run_axe(page, site_url)
    assert results["violations"] == [], "axe-core found:\n" + describe(results["violations"])
    # Nothing wider than the screen at 360 px (no sideways scrolling on a phone).
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_a_question_sent_with_invalid_fields_is_accessible(page, site_url, db):
    page.set_viewport_size({"width": 360, "height": 900})
    page.goto(site_url + "/hoi-dap/gui-cau-hoi/")
    page.get_by_label("Họ và tên").fill("Lê Thị Hoa")
    page.get_by_label("Nội dung câu hỏi").fill("Xin hỏi thủ tục đăng ký kết hôn cần những giấy tờ gì?")
    page.get_by_role("button", name="Gửi câu hỏi").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("alert").is_visible()
    assert page.get_by_label("Nội dung câu hỏi").input_value().startswith("Xin hỏi thủ tục đăng ký kết hôn")
    results = run_axe(page, site_url)
    assert results["violations"] == [], "axe-core found:\n" + describe(results["violations"])


@pytest.mark.parametrize("width", [360, 1280])
def test_home_with_the_most_read_block_has_no_axe_violations(page, site_url, report_page, views_recorded, width):
    views_recorded()
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site_url + "/")
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("heading", name="Đọc nhiều").is_visible()
    results = run_axe(page, site_url)
    assert results["violations"] == [], "axe-core found:\n" + describe(results["violations"])
    assert page.evaluate("document.documentElement.scrollWidth") <= width
