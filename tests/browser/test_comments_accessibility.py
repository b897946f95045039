"""The comment block, its answers and the comments page under axe-core, and by keyboard.

axe runs under the real CSP (see tests/browser/axe.py).
"""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.axe import violations


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
    assert violations(page, site_url) == []

    block.locator("input[name=name]").fill("An")
    block.locator("input[name=email]").fill("an@example.com")
    block.locator("textarea[name=body]").fill("ư" * 501)
    block.get_by_role("button", name="Gửi ý kiến").click()
    expect(block.locator("[data-comment-error]")).to_be_focused()
    assert violations(page, site_url) == []
    assert page.console_errors == []


def test_comments_page_has_no_axe_violations(page, site_url, discussion):
    page.goto(site_url + reverse("comments:page", args=[discussion.pk]))
    expect(page.locator("#y-kien-title")).to_have_text("Ý kiến (3)")
    assert violations(page, site_url) == []


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
