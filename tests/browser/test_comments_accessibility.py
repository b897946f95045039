"""The comment block, its answers and the comments page under axe-core, and by keyboard.

axe is served to the page from node_modules through a Playwright route on a
same-origin address, so the audit runs under the real CSP (see
tests/browser/test_accessibility.py for the reasoning).
"""

from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from playwright.sync_api import expect

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
AXE_PATH = "/__axe__/axe.min.js"


def _violations(page, site_url):
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: `make test` installs it (npm ci, package axe-core).")
    page.route(site_url + AXE_PATH, lambda route: route.fulfill(path=AXE, content_type="text/javascript"))
    page.add_script_tag(url=site_url + AXE_PATH)
    results = page.evaluate(
        """() => axe.run(document, {
            runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]},
            resultTypes: ["violations"],
        })"""
    )
    return [
        f"[{v['impact']}] {v['id']}: {v['help']} " + ", ".join(str(n["target"]) for n in v["nodes"][:5])
        for v in results["violations"]
    ]


@pytest.fixture
def discussion(article, make_comment):
    top = make_comment(name="Trần Văn Hùng", body="Mong huyện nhân rộng mô hình dân vận khéo.")
    make_comment(parent=top, name="Ban biên tập", body="Cảm ơn anh.", is_staff_reply=True)
    make_comment(name="Nguyễn Thị Lan", body="Bà con rất đồng tình.")
    return article


@pytest.mark.parametrize("width", [1280, 360])
def test_loaded_block_and_a_refusal_have_no_axe_violations(page, site_url, discussion, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site_url + discussion.get_absolute_url())
    block = page.locator("#y-kien")
    expect(block.locator("#y-kien-title")).to_have_text("Ý kiến (3)")
    assert _violations(page, site_url) == []

    block.locator("input[name=name]").fill("An")
    block.locator("input[name=email]").fill("an@example.com")
    block.locator("textarea[name=body]").fill("ư" * 501)
    block.get_by_role("button", name="Gửi ý kiến").click()
    expect(block.locator("[data-comment-error]")).to_be_focused()
    assert _violations(page, site_url) == []
    assert page.console_errors == []


def test_comments_page_has_no_axe_violations(page, site_url, discussion):
    page.goto(site_url + reverse("comments:page", args=[discussion.pk]))
    expect(page.locator("#y-kien-title")).to_have_text("Ý kiến (3)")
    assert _violations(page, site_url) == []


def test_the_form_is_usable_by_keyboard_and_skips_the_honeypot(page, site_url, discussion, settings):
    settings.COMMENTS = {**settings.COMMENTS, "MIN_SUBMIT_SECONDS": 0}
    page.goto(site_url + discussion.get_absolute_url())
    name = page.locator("#y-kien input[name=name]")
    expect(name).to_be_visible()
    name.focus()
    page.keyboard.type("Lê Minh Tâm")
    page.keyboard.press("Tab")
    page.keyboard.type("tam@example.com")
    page.keyboard.press("Tab")
    expect(page.locator("#y-kien textarea[name=body]")).to_be_focused()
    page.keyboard.type("Gửi bằng bàn phím")
    page.keyboard.press("Tab")  # past the honeypot (tabindex=-1), straight to the button
    expect(page.get_by_role("button", name="Gửi ý kiến")).to_be_focused()
    page.keyboard.press("Enter")
    notice = page.locator("#y-kien [data-comment-notice]")
    expect(notice).to_be_focused()
    expect(notice).to_contain_text("đang chờ duyệt")
    honeypot = page.locator(".comment-hp").bounding_box()
    assert honeypot["x"] + honeypot["width"] <= 0  # off-screen for people
