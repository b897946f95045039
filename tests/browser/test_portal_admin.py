"""Editors write the organisation's pages and the schedule in the admin, in Chromium, under
the admin's Content-Security-Policy; the public pages show what they saved."""

import importlib

from django.apps import apps

from organisation.models import Page
from tests.browser.test_admin_csp import editor_tab  # noqa: F401  (the fixture: an editor's tab)


def test_an_editor_writes_an_organisation_page_with_the_rich_text_editor(editor_tab, site_url):  # noqa: F811
    importlib.import_module("organisation.migrations.0002_roles").grant(apps, None)
    tab = editor_tab
    response = tab.goto(f"{site_url}/admin/organisation/page/add/")
    assert response.status == 200
    tab.get_by_label("Tiêu đề:", exact=True).fill("Chức năng, nhiệm vụ")
    editable = tab.locator(".ProseMirror[contenteditable=true]").first
    editable.wait_for()
    editable.click()
    tab.keyboard.type("Ủy ban nhân dân xã là cơ quan hành chính nhà nước ở địa phương.")
    tab.get_by_role("button", name="Lưu lại", exact=True).click()
    tab.wait_for_load_state("networkidle")
    page = Page.objects.get(title="Chức năng, nhiệm vụ")
    assert page.slug == "chuc-nang-nhiem-vu"
    assert page.body == "<p>Ủy ban nhân dân xã là cơ quan hành chính nhà nước ở địa phương.</p>"
    assert tab.evaluate("window.__cspViolations") == []
    public = tab.context.new_page()  # the same browser, as the editor: a fresh, uncached page
    public.goto(f"{site_url}/gioi-thieu/chuc-nang-nhiem-vu/")
    assert "cơ quan hành chính nhà nước ở địa phương" in public.locator("main").inner_text()


def test_the_schedule_admin_breaks_no_rule_of_its_policy(editor_tab, site_url):  # noqa: F811
    importlib.import_module("schedule.migrations.0002_roles").grant(apps, None)
    for path in ("/admin/schedule/scheduleentry/", "/admin/schedule/scheduleentry/add/"):
        response = editor_tab.goto(f"{site_url}{path}")
        assert response.status == 200, path
        editor_tab.wait_for_load_state("networkidle")
    assert editor_tab.evaluate("window.__cspViolations") == []
