"""The province shows its communes: a commune offers an article, the portal accepts it."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from articles import roles
from articles.models import Article
from sites.models import Membership
from tests.fixtures.sites import COMMUNE_HOST, PORTAL_HOST


def _editor(django_user_model, username, site):
    user = django_user_model.objects.create_user(username, f"{username}@example.com", "x", is_staff=True)
    Membership.objects.create(user=user, site=site, role=Group.objects.get(name=roles.EDITOR))
    return user


@pytest.fixture
def editors(db, django_user_model, province):
    return {
        "commune": _editor(django_user_model, "bientap-benluc", province["commune"]),
        "portal": _editor(django_user_model, "bientap-tinh", province["portal"]),
    }


def _offer(client, editor, article):
    client.force_login(editor)
    client.post(reverse("admin:articles_article_changelist"), {
        "action": "offer_to_portal", "_selected_action": [article.pk],
    })
    article.refresh_from_db()


def _accept(client, editor, article):
    client.force_login(editor)
    client.post(reverse("admin:articles_offeredarticle_changelist"), {
        "action": "accept", "_selected_action": [article.pk],
    })
    article.refresh_from_db()


def test_an_accepted_offer_appears_on_the_portal_with_the_original_as_canonical(client, editors, site_content):
    article = site_content["commune"]["article"]
    client.get("/", HTTP_HOST=PORTAL_HOST)  # the portal's home is cached before the offer
    _offer(client, editors["commune"], article)
    assert article.portal_status == Article.PortalStatus.OFFERED
    client.logout()
    assert article.title not in client.get("/", HTTP_HOST=PORTAL_HOST).content.decode()

    _accept(client, editors["portal"], article)
    assert (article.portal_status, article.portal_decided_by) == (Article.PortalStatus.ACCEPTED, editors["portal"])
    client.logout()
    home = client.get("/", HTTP_HOST=PORTAL_HOST).content.decode()
    assert "Tin cơ sở" in home and article.get_community_url() in home
    listing = client.get(reverse("articles:community"), HTTP_HOST=PORTAL_HOST).content.decode()
    assert article.title in listing and "Bến Lức" in listing
    page = client.get(article.get_community_url(), HTTP_HOST=PORTAL_HOST).content.decode()
    original = f"https://{COMMUNE_HOST}{article.get_absolute_url()}"
    assert f'<link rel="canonical" href="{original}">' in page
    assert f'<meta property="og:url" content="{original}">' in page
    assert "Nguồn: " in page and "Trang thông tin điện tử xã Bến Lức" in page
    # The commune's own page is untouched, and its canonical is itself.
    own = client.get(article.get_absolute_url(), HTTP_HOST=COMMUNE_HOST).content.decode()
    assert f'<link rel="canonical" href="{original}">' in own


def test_an_edit_of_the_commune_article_refreshes_the_portals_copy(client, editors, site_content):
    article = site_content["commune"]["article"]
    _offer(client, editors["commune"], article)
    _accept(client, editors["portal"], article)
    client.logout()
    client.get(article.get_community_url(), HTTP_HOST=PORTAL_HOST)
    article.title = "Tiêu đề đã sửa ở xã"
    article.save()
    assert "Tiêu đề đã sửa ở xã" in client.get(article.get_community_url(), HTTP_HOST=PORTAL_HOST).content.decode()
    article.status = Article.Status.DRAFT
    article.save()
    assert client.get(article.get_community_url(), HTTP_HOST=PORTAL_HOST).status_code == 404
    assert "Tiêu đề đã sửa ở xã" not in client.get("/", HTTP_HOST=PORTAL_HOST).content.decode()


def test_only_the_portal_has_community_news_and_only_for_accepted_articles(client, editors, site_content):
    article = site_content["commune"]["article"]
    assert client.get(reverse("articles:community"), HTTP_HOST=COMMUNE_HOST).status_code == 404
    assert client.get(article.get_community_url(), HTTP_HOST=PORTAL_HOST).status_code == 404  # not offered
    _offer(client, editors["commune"], article)
    client.logout()
    assert client.get(article.get_community_url(), HTTP_HOST=PORTAL_HOST).status_code == 404  # not accepted


def test_a_commune_editor_cannot_accept_and_a_portal_editor_cannot_offer(client, editors, site_content):
    article = site_content["commune"]["article"]
    # The commune's editor has no portal: the queue is not theirs, a crafted POST does nothing.
    client.force_login(editors["commune"])
    assert client.get(reverse("admin:articles_offeredarticle_changelist")).status_code == 403
    _offer(client, editors["commune"], article)
    _accept(client, editors["commune"], article)
    assert article.portal_status == Article.PortalStatus.OFFERED
    # The portal's editor cannot offer (or touch) the commune's article.
    article.portal_status = ""
    article.save()
    _offer(client, editors["portal"], article)
    assert article.portal_status == ""


def test_the_portal_queue_lists_offers_of_its_communes_only(client, editors, site_content, make_site):
    other_portal = make_site("tinh-khac", kind="tinh")
    stray = make_site("xa-khac", parent=other_portal)
    from articles.models import Category
    from django.utils import timezone

    category = Category.objects.create(site=stray, name="Tin", slug="tin")
    foreign = Article.objects.create(
        category=category, title="Tin của tỉnh khác", sapo="x", status=Article.Status.PUBLISHED,
        publish_at=timezone.now(), portal_status=Article.PortalStatus.OFFERED,
    )
    _offer(client, editors["commune"], site_content["commune"]["article"])
    client.force_login(editors["portal"])
    html = client.get(reverse("admin:articles_offeredarticle_changelist")).content.decode()
    assert site_content["commune"]["article"].title in html and foreign.title not in html


@pytest.mark.parametrize("count", [5, 500])
def test_portal_pages_keep_their_query_budget(client, site_content, count, django_assert_max_num_queries):
    from django.utils import timezone

    commune = site_content["commune"]
    Article.objects.bulk_create([
        Article(
            category=commune["category"], title=f"Tin cơ sở số {n}", slug=f"tin-co-so-{n}", sapo="x",
            status=Article.Status.PUBLISHED, publish_at=timezone.now() - timezone.timedelta(minutes=n + 1),
            portal_status=Article.PortalStatus.ACCEPTED,
        )
        for n in range(count)
    ])
    for url in ("/", reverse("articles:community")):
        with django_assert_max_num_queries(10):
            html = client.get(url, HTTP_HOST=PORTAL_HOST).content.decode()
        assert "Tin cơ sở số 0" in html
    if count == 500:
        # 500 accepted articles, but "Tin cơ sở" counts and offers at most COMMUNITY_PAGES pages.
        from articles import views

        last = reverse("articles:community") + f"?trang={views.COMMUNITY_PAGES}"
        assert "Tin cơ sở số" in client.get(last, HTTP_HOST=PORTAL_HOST).content.decode()
        after = reverse("articles:community") + f"?trang={views.COMMUNITY_PAGES + 1}"
        assert client.get(after, HTTP_HOST=PORTAL_HOST).status_code == 404
