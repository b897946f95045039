"""The admin sends a Content-Security-Policy, and its editor works under it (no violation)."""

import importlib

import pytest
from django.apps import apps
from django.test import Client

# Every violation the page reports, whatever its kind, before any script of ours runs.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(event.violatedDirective + " " + (event.blockedURI || "inline"));
});
"""


@pytest.fixture
def editor_tab(chromium, site_url, django_user_model):
    importlib.import_module("articles.migrations.0002_roles").create_roles(apps, None)
    importlib.import_module("comments.migrations.0002_roles").grant(apps, None)
    from django.contrib.auth.models import Group

    from articles import roles
    from sites.models import Membership, Site

    user = django_user_model.objects.create_user("bientap", "b@example.com", "x", is_staff=True)
    Membership.objects.create(user=user, site=Site.objects.default(), role=Group.objects.get(name=roles.EDITOR))
    client = Client()
    client.force_login(user)
    context = chromium.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": site_url}])
    context.add_init_script(RECORD_VIOLATIONS)
    tab = context.new_page()
    tab.console_errors = []
    tab.on("console", lambda msg: msg.type == "error" and tab.console_errors.append(msg.text))
    tab.on("pageerror", lambda exc: tab.console_errors.append(str(exc)))
    yield tab
    context.close()


def test_the_editor_works_under_the_admins_policy(editor_tab, site_url, make_article):
    article = make_article(body="<p>Đoạn mở đầu.</p>")
    response = editor_tab.goto(f"{site_url}/admin/articles/article/{article.pk}/change/")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self' 'sha256-" in policy and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    editable = editor_tab.locator(".ProseMirror[contenteditable=true]")
    editable.wait_for()
    editable.click()
    editor_tab.keyboard.press("End")
    editor_tab.keyboard.type(" Thêm một câu.")
    assert "Đoạn mở đầu. Thêm một câu." in editable.inner_text()
    # The editor's own menu (its buttons are made by its scripts) is there.
    assert editor_tab.locator(".prose-menubar button, .prose-menubar__button").count() > 3
    assert editor_tab.evaluate("window.__cspViolations") == []
    assert [e for e in editor_tab.console_errors if "Content Security Policy" in e] == []


@pytest.mark.parametrize("path", [
    "/admin/", "/admin/articles/article/", "/admin/articles/article/add/", "/admin/comments/comment/",
])
def test_admin_pages_break_no_rule_of_their_policy(editor_tab, site_url, path):
    response = editor_tab.goto(f"{site_url}{path}")
    assert response.status == 200
    assert "content-security-policy" in response.headers
    editor_tab.wait_for_load_state("networkidle")
    assert editor_tab.evaluate("window.__cspViolations") == []
    assert [e for e in editor_tab.console_errors if "Content Security Policy" in e] == []


def test_an_injected_inline_script_would_not_run(editor_tab, site_url):
    editor_tab.goto(f"{site_url}/admin/")
    ran = editor_tab.evaluate("""() => {
        window.__ran = false;
        const script = document.createElement("script");
        script.textContent = "window.__ran = true";
        document.body.appendChild(script);
        return window.__ran;
    }""")
    assert ran is False
    assert any(v.startswith("script-src") for v in editor_tab.evaluate("window.__cspViolations"))
