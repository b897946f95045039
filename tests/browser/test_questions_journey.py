"""A citizen asks, an answerer answers and publishes in the admin, the citizen reads the answer."""

import importlib
import re

from django.apps import apps
from django.test import Client

from questions.models import Question


def _answerer_tab(chromium, site_url, django_user_model):
    for module, function in (("articles.migrations.0002_roles", "create_roles"),
                             ("questions.migrations.0002_roles", "grant")):
        getattr(importlib.import_module(module), function)(apps, None)
    from django.contrib.auth.models import Group

    from articles import roles
    from sites.models import Membership, Site

    user = django_user_model.objects.create_user("traloi", "traloi@example.com", "x", is_staff=True)
    Membership.objects.create(user=user, site=Site.objects.default(), role=Group.objects.get(name=roles.ANSWERER))
    client = Client()
    client.force_login(user)
    context = chromium.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": site_url}])
    tab = context.new_page()
    tab.console_errors = []
    tab.on("console", lambda msg: msg.type == "error" and tab.console_errors.append(msg.text))
    return context, tab


def test_ask_answer_publish_and_read(page, chromium, site_url, django_user_model, settings):
    settings.COMMENTS = {**settings.COMMENTS, "MIN_SUBMIT_SECONDS": 0}
    # The citizen asks.
    page.goto(site_url + "/hoi-dap/gui-cau-hoi/")
    page.get_by_label("Họ và tên").fill("Lê Thị Hoa")
    page.get_by_label("Số điện thoại").fill("0912 345 678")
    page.get_by_label("Lĩnh vực").select_option(label="Hộ tịch, chứng thực")
    page.get_by_label("Nội dung câu hỏi").fill("Xin hỏi đăng ký kết hôn ở xã cần mang những giấy tờ gì?")
    page.get_by_role("button", name="Gửi câu hỏi").click()
    notice = page.get_by_role("status").filter(has_text="Mã tra cứu của bạn là")
    notice.wait_for()
    code = re.search(r"[A-Z0-9]{4}-[A-Z0-9]{4}", notice.inner_text()).group(0)
    question = Question.objects.get()
    assert code == question.display_code
    assert page.context.cookies() == [] or all(c["name"] == "csrftoken" for c in page.context.cookies())

    # The answerer answers and publishes it in the admin.
    context, tab = _answerer_tab(chromium, site_url, django_user_model)
    try:
        tab.goto(site_url + "/admin/questions/question/")
        tab.get_by_role("link", name=code).click()
        tab.get_by_label("Trả lời:", exact=True).fill("Hai bên mang căn cước và tờ khai đăng ký kết hôn đến xã.")
        tab.get_by_label("Cơ quan trả lời:", exact=True).fill("UBND xã")
        tab.get_by_label("Đăng công khai").check()
        tab.locator("input[name=_save]").click()
        tab.wait_for_load_state()
        assert tab.url.endswith("/admin/questions/question/")  # saved: back to the queue
        question.refresh_from_db()
        assert question.status == Question.Status.ANSWERED and question.is_published
        assert tab.console_errors == []
    finally:
        context.close()

    # The citizen follows the code and reads the published answer.
    page.goto(site_url + "/hoi-dap/tra-cuu/")
    page.get_by_label("Mã tra cứu").fill(code.lower())
    page.get_by_role("button", name="Tra cứu").click()
    assert page.get_by_text("Đã trả lời", exact=True).is_visible()
    page.get_by_role("link", name="Xem câu hỏi trên trang Hỏi đáp").click()
    assert page.get_by_text("Hai bên mang căn cước").is_visible()
    page.goto(site_url + "/hoi-dap/?q=ket+hon")
    assert page.get_by_role("link", name=re.compile("đăng ký kết hôn")).is_visible()
