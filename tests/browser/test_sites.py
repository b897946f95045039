"""A province in Chromium: each commune on its own address, each editor in their own newsroom."""

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from playwright.sync_api import expect

from articles import roles
from articles.models import Article, Category
from sites.models import Membership, Site


@pytest.fixture
def province_online(site_url, settings, django_user_model):
    """The portal on 127.0.0.1 and Bến Lức on benluc.localhost (Chromium sends *.localhost to
    127.0.0.1), each with a section and an article; an editor of Bến Lức only."""
    port = site_url.rsplit(":", 1)[1]
    settings.SITE_URL = site_url
    settings.ALLOWED_HOSTS = ["127.0.0.1", "localhost", ".localhost"]
    portal = Site.objects.get(is_default=True)
    portal.name, portal.short_name, portal.kind, portal.host = (
        "Cổng thông tin điện tử tỉnh Tây Ninh", "Tây Ninh", Site.Kind.PROVINCE, "127.0.0.1")
    portal.save()
    commune = Site.objects.create(
        slug="benluc", name="Trang thông tin điện tử xã Bến Lức", short_name="Bến Lức",
        host="benluc.localhost", parent=portal,
    )
    for site, section, title in ((portal, "Thời sự", "Tin của cổng tỉnh"), (commune, "Tin xã", "Tin của xã Bến Lức")):
        category = Category.objects.create(site=site, name=section)
        Article.objects.create(category=category, title=title, sapo="Tóm tắt.",
                               status=Article.Status.PUBLISHED, publish_at=timezone.now())
    editor = django_user_model.objects.create_user("bientap-benluc", password="mat-khau-thu", is_staff=True)
    Membership.objects.create(user=editor, site=commune, role=Group.objects.get(name=roles.EDITOR))
    return {"portal": f"http://127.0.0.1:{port}", "commune": f"http://benluc.localhost:{port}"}


def test_each_site_answers_on_its_own_address(page, province_online):
    page.goto(province_online["commune"] + "/")
    expect(page.locator(".brand-name")).to_have_text("Trang thông tin điện tử xã Bến Lức")
    expect(page.locator("main")).to_contain_text("Tin của xã Bến Lức")
    expect(page.locator("main")).not_to_contain_text("Tin của cổng tỉnh")
    page.goto(province_online["portal"] + "/")
    expect(page.locator(".brand-name")).to_have_text("Cổng thông tin điện tử tỉnh Tây Ninh")
    expect(page.locator("main")).not_to_contain_text("Tin của xã Bến Lức")
    assert page.console_errors == []


def test_a_commune_editor_finds_only_their_commune_in_the_admin(page, province_online):
    page.goto(province_online["portal"] + "/admin/login/")
    page.fill("#id_username", "bientap-benluc")
    page.fill("#id_password", "mat-khau-thu")
    page.click("input[type=submit]")
    page.goto(province_online["portal"] + "/admin/articles/article/")
    rows = page.locator("#result_list tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Tin của xã Bến Lức")
    # The section filter and the new article form offer Bến Lức's sections only.
    page.goto(province_online["portal"] + "/admin/articles/article/add/")
    page.locator("#id_category + .select2").click()  # the section picker asks the server
    results = page.locator(".select2-results__option:not(.loading-results)")
    expect(results).to_have_count(1)
    expect(results.first).to_have_text("Tin xã")
    # Sites themselves belong to the province's administrators.
    response = page.goto(province_online["portal"] + "/admin/sites/site/")
    assert response.status == 403
