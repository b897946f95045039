"""The documents pages under axe-core at phone and desktop widths, and the filter form by keyboard.

axe runs under the real CSP (see tests/browser/axe.py).
"""

from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from documents.models import DocumentType, Issuer
from tests.browser.axe import violations
from tests.fixtures.documents import office_bytes, pdf_bytes


@pytest.fixture
def documents(make_document, sector):
    council = Issuer.objects.create(name="Hội đồng nhân dân xã Bến Lức")
    new = make_document(
        number="200/QĐ-UBND", summary="Ban hành Quy chế làm việc của Ủy ban nhân dân xã Bến Lức nhiệm kỳ 2021–2026",
        files=[("Quy chế làm việc.pdf", pdf_bytes()), ("Biểu mẫu kèm theo.docx", office_bytes())],
        sector=sector, signer="Chủ tịch Nguyễn Văn A", effective_on=date(2024, 3, 11),
    )
    old = make_document(number="20/QĐ-UBND", summary="Quy chế làm việc (cũ)", replaced_by=new,
                        issued_on=date(2021, 1, 4))
    for n in range(21):
        make_document(number=f"{n + 1}/TB-UBND", doc_type=DocumentType.THONG_BAO, issuer=council)
    return {"new": new, "old": old}


@pytest.mark.parametrize("width", [1280, 360])
@pytest.mark.parametrize("name", ["list", "search", "filtered-out", "detail", "replaced"])
def test_documents_pages_have_no_axe_violations(page, site_url, documents, name, width):
    url = {
        "list": "/van-ban/",
        "search": "/van-ban/?q=qd-ubnd",
        "filtered-out": "/van-ban/?loai=khong-co&q=khong+co+gi",
        "detail": documents["new"].get_absolute_url(),
        "replaced": documents["old"].get_absolute_url(),
    }[name]
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site_url + url)
    assert violations(page, site_url) == []
    # Nothing wider than the screen at phone width.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert page.console_errors == []


def test_filtering_by_keyboard(page, site_url, documents):
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(site_url + "/van-ban/")
    page.get_by_label("Số/ký hiệu hoặc từ khóa").fill("125")
    page.get_by_label("Loại văn bản").select_option(label="Quyết định")
    page.get_by_label("Loại văn bản").focus()
    for _ in range(4):  # issuer, sector, year, then the button
        page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Tìm văn bản")).to_be_focused()
    page.get_by_label("Số/ký hiệu hoặc từ khóa").fill("200/QĐ-UBND")
    page.get_by_role("button", name="Tìm văn bản").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".doc-number")).to_have_text(["200/QĐ-UBND"])
    page.locator(".doc-title a").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Quyết định số 200/QĐ-UBND")
    expect(page.get_by_role("link", name="Quy chế làm việc.pdf")).to_have_attribute("type", "application/pdf")


@pytest.fixture
def drafts(make_draft):
    from django.utils import timezone

    from comments.models import Comment
    from consultations.models import DraftComment

    today = timezone.localdate()
    current = make_draft(title="Dự thảo Quy chế quản lý chợ Bến Lức", opens_on=today - timedelta(days=3),
                         closes_on=today + timedelta(days=20))
    closed = make_draft(title="Dự thảo Kế hoạch giao thông nông thôn", opens_on=today - timedelta(days=60),
                        closes_on=today - timedelta(days=30), responses_summary="Đã nhận 12 ý kiến; tiếp thu 9.")
    DraftComment.objects.create(draft=current, name="Lê Văn Tư", email="tu@example.com",
                                body="Đề nghị chợ mở cửa thêm buổi chiều.", status=Comment.Status.APPROVED)
    return {"current": current, "closed": closed}


@pytest.mark.parametrize("width", [1280, 360])
@pytest.mark.parametrize("name", ["list", "open", "closed", "form"])
def test_drafts_pages_have_no_axe_violations(page, site_url, drafts, name, width):
    url = {
        "list": "/du-thao/",
        "open": drafts["current"].get_absolute_url(),
        "closed": drafts["closed"].get_absolute_url(),
        "form": drafts["current"].get_comment_url(),
    }[name]
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site_url + url)
    assert violations(page, site_url) == []
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert page.console_errors == []


def test_a_reader_comments_on_an_open_draft(page, site_url, drafts, settings):
    settings.COMMENTS = {**settings.COMMENTS, "MIN_SUBMIT_SECONDS": 0}
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(site_url + drafts["current"].get_absolute_url())
    page.get_by_role("link", name="Gửi ý kiến góp ý").click()
    page.get_by_label("Họ và tên").fill("Nguyễn Thị Hoa")
    page.get_by_label("E-mail").fill("hoa@example.com")
    counter = page.locator("#gop-y-dem")
    expect(counter).to_have_text("0 / 500 ký tự")
    # Decomposed Vietnamese counts as the server counts it: one character per letter.
    page.get_by_label("Ý kiến góp ý").fill("a\u0323" * 501)
    expect(counter).to_have_text("501 / 500 ký tự")
    expect(counter).to_have_class("comment-counter is-over")
    page.get_by_label("Ý kiến góp ý").fill("Nên có khu để xe riêng cho người bán.")
    expect(counter).to_have_text("37 / 500 ký tự")
    page.get_by_role("button", name="Gửi ý kiến").click()
    expect(page.locator(".comment-notice")).to_contain_text("đang chờ duyệt")
    assert violations(page, site_url) == []
    from consultations.models import DraftComment

    assert DraftComment.objects.filter(email="hoa@example.com", status="pending").exists()
    # A closed draft has no form.
    page.goto(site_url + drafts["closed"].get_absolute_url())
    expect(page.get_by_role("link", name="Gửi ý kiến góp ý")).to_have_count(0)
    expect(page.locator(".draft-responses")).to_contain_text("tiếp thu 9")
