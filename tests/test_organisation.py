"""The organisation (Giới thiệu) and its English version: pages, leaders, contacts, per site."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from lxml import html as lxml_html

from articles import roles
from organisation.models import Department, Leader, Page
from sites.models import Membership
from tests.dublin_core import dublin_core
from tests.fixtures.sites import COMMUNE_HOST, PORTAL_HOST

OVERVIEW = "/gioi-thieu/"


def _text(response):
    # Text as read aloud: separate elements (a <dt> and its <dd>) stay separate words.
    return " ".join(" ".join(lxml_html.fromstring(response.content).itertext()).split())


def test_the_overview_links_every_page_leader_and_office(client, organisation):
    response = client.get(OVERVIEW)
    assert response.status_code == 200
    text = _text(response)
    assert "Giới thiệu Ủy ban nhân dân xã Bến Lức" in text
    assert "Xã Bến Lức thuộc tỉnh Tây Ninh từ ngày 1/7/2025." in text
    assert "Giờ làm việc Sáng 7h00–11h30" in text
    html = response.content.decode()
    for page in (organisation["tasks"], organisation["history"]):
        assert f'<a href="{page.get_absolute_url()}">{page.title}</a>' in html
    assert "Nguyễn Văn Tâm" in text and "Chủ tịch UBND xã" in text and "Lê Thị Hoa" in text
    assert f'href="/gioi-thieu/lien-he/#don-vi-{organisation["departments"][0].pk}"' in html
    assert '<a href="/en/" lang="en" hreflang="en">English</a>' in html


def test_a_page_shows_its_sanitised_text_with_dublin_core(client, organisation):
    page = organisation["tasks"]
    page.body = (
        '<p onclick="steal()">Nhiệm vụ <strong>chính</strong></p><script>alert(1)</script>'
        '<p><a href="javascript:alert(1)">liên kết xấu</a> <a href="https://tayninh.gov.vn/">Cổng tỉnh</a></p>'
        '<img src="https://evil.example/x.png" alt="ảnh ngoài">'
    )
    page.save()
    response = client.get(page.get_absolute_url())
    html = response.content.decode()
    body = html[html.index('class="article-body org-body"'):html.index('<p class="meta">Cập nhật')]
    assert "<strong>chính</strong>" in body and 'href="https://tayninh.gov.vn/"' in body
    assert "<script" not in body and "onclick" not in body and "javascript:" not in body
    assert "evil.example" not in body
    dc = dublin_core(html)
    assert dc["DC.title"] == "Chức năng, nhiệm vụ"
    assert dc["DC.creator"] == "Ủy ban nhân dân xã Bến Lức"
    assert dc["DC.identifier"] == "http://testserver/gioi-thieu/chuc-nang-nhiem-vu/"
    assert dc["DC.description"].startswith("Nhiệm vụ chính")
    assert 'aria-current="page">Chức năng, nhiệm vụ</a>' in html  # the side menu marks where we are


def test_hidden_unknown_and_reserved_pages(client, organisation):
    history = organisation["history"]
    history.is_published = False
    history.save()
    assert client.get(history.get_absolute_url()).status_code == 404
    assert history.title not in client.get(OVERVIEW).content.decode()
    assert client.get("/gioi-thieu/khong-co-trang-nay/").status_code == 404
    assert client.get("/gioi-thieu/" + "a" * 3000 + "/").status_code == 404
    clash = Page(site=organisation["site"], title="Lãnh đạo xã", slug="lanh-dao")
    with pytest.raises(Exception) as error:
        clash.full_clean()
    assert "đã dùng cho trang khác" in str(error.value)
    clash.save()  # a save that skipped the form's checks still cannot shadow the leaders' page
    assert clash.slug != "lanh-dao"


def test_leaders_and_contacts_pages(client, organisation):
    leaders = client.get(reverse("organisation:leaders"))
    html = leaders.content.decode()
    tam = organisation["leaders"][0]
    # A 240×300 copy of the portrait; readers never download the uploaded original.
    assert '<img class="leader-photo" src="/media/' in html and "Ảnh chân dung Nguyễn Văn Tâm" in html
    assert tam.photo.url not in html
    assert '<a href="tel:0913000111">0913 000 111</a>' in html
    assert '<a href="mailto:tam@benluc.example">tam@benluc.example</a>' in html
    assert _text(leaders).index("Nguyễn Văn Tâm") < _text(leaders).index("Lê Thị Hoa")  # in their order
    contacts = client.get(reverse("organisation:contacts"))
    text = _text(contacts)
    assert "Văn phòng HĐND và UBND" in text and "Người đứng đầu Trần Văn Bình – Chánh Văn phòng" in text
    assert "Phòng Kinh tế" in text and "0272 3870 002" in text
    assert "Địa chỉ Số 1 Nguyễn Hữu Thọ, xã Bến Lức" in text


def test_the_english_page_is_in_english_and_marks_what_is_not(client, organisation):
    response = client.get("/en/")
    assert response.status_code == 200
    html = response.content.decode()
    page = lxml_html.fromstring(response.content)
    assert page.get("lang") == "en"
    assert page.xpath("//header[@class='site-header']/@lang") == ["vi"]
    assert page.xpath("//footer[@class='site-footer']/@lang") == ["vi"]
    text = _text(response)
    assert "People's Committee of Ben Luc Commune" in text and "Ben Luc is a commune of Tay Ninh province." in text
    assert "Address 1 Nguyen Huu Tho Street, Ben Luc Commune" in text and "Office hours Monday to Friday" in text
    # Only the translated page; leaders and offices with their English titles.
    assert "Functions and tasks" in text and "The People's Committee is the local state administration." in text
    assert "Lịch sử hình thành" not in text
    assert "Chairman" in text and "Office of the People's Council and Committee" in text
    # What staff did not translate stays Vietnamese, and says so to screen readers.
    assert '<p class="leader-title" lang="vi">Phó Chủ tịch UBND xã</p>' in html
    assert '<span lang="vi">Phòng Kinh tế</span>' in html
    dc = dublin_core(html)
    assert dc["DC.language"] == "en" and dc["DC.title"] == "About us – People's Committee of Ben Luc Commune"
    assert '<link rel="alternate" hreflang="vi" href="http://testserver/gioi-thieu/">' in html


def test_a_site_without_organisation_content_still_answers(client, db):
    for url in (OVERVIEW, "/gioi-thieu/lanh-dao/", "/gioi-thieu/lien-he/", "/en/"):
        assert client.get(url).status_code == 200, url
    assert "Chưa có thông tin lãnh đạo." in _text(client.get(OVERVIEW))


def test_each_site_shows_only_its_own_organisation(client, province):
    commune, portal = province["commune"], province["portal"]
    Leader.objects.create(site=commune, name="Lãnh đạo xã", title="Chủ tịch UBND xã")
    Leader.objects.create(site=portal, name="Lãnh đạo tỉnh", title="Chủ tịch UBND tỉnh")
    page = Page.objects.create(site=commune, title="Điều kiện tự nhiên", body="<p>Đất phù sa.</p>")
    assert "Lãnh đạo xã" in _text(client.get(OVERVIEW, HTTP_HOST=COMMUNE_HOST))
    assert "Lãnh đạo xã" not in _text(client.get(OVERVIEW, HTTP_HOST=PORTAL_HOST))
    assert "Lãnh đạo tỉnh" in _text(client.get("/en/", HTTP_HOST=PORTAL_HOST))
    assert client.get(page.get_absolute_url(), HTTP_HOST=COMMUNE_HOST).status_code == 200
    assert client.get(page.get_absolute_url(), HTTP_HOST=PORTAL_HOST).status_code == 404


def test_edits_refresh_the_cached_pages_at_once(client, organisation, django_assert_num_queries):
    client.get(OVERVIEW)
    client.get("/en/")
    with django_assert_num_queries(2):
        client.get(OVERVIEW)
        client.get("/en/")
    leader = organisation["leaders"][1]
    leader.title, leader.title_en = "Phó Chủ tịch thường trực", "Standing Vice Chairwoman"
    leader.save()
    assert "Phó Chủ tịch thường trực" in _text(client.get(OVERVIEW))
    assert "Standing Vice Chairwoman" in _text(client.get("/en/"))
    organisation["departments"][1].delete()
    assert "Phòng Kinh tế" not in _text(client.get("/gioi-thieu/lien-he/"))


@pytest.mark.parametrize("count", [5, 500])
@pytest.mark.parametrize("url, budget", [
    (OVERVIEW, 6), ("/gioi-thieu/lanh-dao/", 4), ("/gioi-thieu/lien-he/", 5),
    ("/gioi-thieu/trang-0/", 4), ("/en/", 6),
])
def test_query_budget_does_not_grow_with_the_organisation(client, db, count, url, budget, django_assert_num_queries):
    from sites.models import Site

    site = Site.objects.default()
    Page.objects.bulk_create([Page(site=site, title=f"Trang {n}", slug=f"trang-{n}", body="<p>Nội dung.</p>",
                                   body_en="<p>Text.</p>", position=n) for n in range(count)])
    Leader.objects.bulk_create([Leader(site=site, name=f"Lãnh đạo {n}", title="Phó Chủ tịch", position=n)
                                for n in range(count)])
    Department.objects.bulk_create([Department(site=site, name=f"Phòng {n}", phone="0272", position=n)
                                    for n in range(count)])
    with django_assert_num_queries(budget):
        response = client.get(url)
    assert response.status_code == 200


def _member(django_user_model, username, site, role):
    user = django_user_model.objects.create_user(username, f"{username}@example.com", "x", is_staff=True)
    Membership.objects.create(user=user, site=site, role=Group.objects.get(name=role))
    return user


def test_editors_keep_their_own_sites_organisation(client, django_user_model, province):
    editor = _member(django_user_model, "bientap-benluc", province["commune"], roles.EDITOR)
    Leader.objects.create(site=province["portal"], name="Lãnh đạo tỉnh", title="Chủ tịch UBND tỉnh")
    client.force_login(editor)
    assert "Lãnh đạo tỉnh" not in client.get(reverse("admin:organisation_leader_changelist")).content.decode()
    form = {"site": province["commune"].pk, "title": "Cơ cấu tổ chức", "slug": "", "position": "0",
            "is_published": "on", "title_en": "", "body_en": "",
            "body": '<p>Gồm các phòng.</p><script>alert(1)</script><iframe src="https://x.example"></iframe>'}
    response = client.post(reverse("admin:organisation_page_add"), form)
    assert response.status_code == 302, response.content.decode()[:2000]
    page = Page.objects.get(title="Cơ cấu tổ chức")
    assert page.site == province["commune"] and page.slug == "co-cau-to-chuc"
    assert page.body == "<p>Gồm các phòng.</p>"
    form.update(site=province["portal"].pk, title="Trang cài vào tỉnh")
    assert client.post(reverse("admin:organisation_page_add"), form).status_code == 200
    assert not Page.objects.filter(title="Trang cài vào tỉnh").exists()


@pytest.mark.parametrize("role", [roles.REPORTER, roles.MODERATOR])
def test_reporters_and_moderators_do_not_edit_the_organisation(client, django_user_model, province, role):
    client.force_login(_member(django_user_model, "nguoi-khac", province["commune"], role))
    for model in ("page", "leader", "department", "profile"):
        assert client.get(reverse(f"admin:organisation_{model}_changelist")).status_code == 403


def test_a_leader_moved_to_another_site_leaves_the_first_sites_cached_pages(client, province):
    leader = Leader.objects.create(site=province["portal"], name="Nhập nhầm trang", title="Chủ tịch")
    assert "Nhập nhầm trang" in _text(client.get(OVERVIEW, HTTP_HOST=PORTAL_HOST))
    leader.site = province["commune"]
    leader.save()
    assert "Nhập nhầm trang" not in _text(client.get(OVERVIEW, HTTP_HOST=PORTAL_HOST))
    assert "Nhập nhầm trang" in _text(client.get(OVERVIEW, HTTP_HOST=COMMUNE_HOST))
