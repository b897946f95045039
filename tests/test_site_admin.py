"""Staff per site: each person sees and changes only their sites' content, enforced on the server."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from articles import roles
from articles.models import Article, Event
from comments.models import Comment
from sites.models import Membership


@pytest.fixture
def commune_editor(db, django_user_model, province):
    user = django_user_model.objects.create_user(
        "bientap-benluc", "bientap-benluc@example.com", "mat-khau-thu", is_staff=True
    )
    Membership.objects.create(user=user, site=province["commune"], role=Group.objects.get(name=roles.EDITOR))
    return user


def _change_url(obj):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def test_the_article_list_shows_only_the_editors_site(client, commune_editor, site_content):
    client.force_login(commune_editor)
    html = client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert site_content["commune"]["article"].title in html
    assert site_content["portal"]["article"].title not in html


@pytest.mark.parametrize("kind", ["article", "event", "author", "category"])
def test_another_sites_object_cannot_be_opened_or_changed(client, commune_editor, site_content, kind):
    client.force_login(commune_editor)
    theirs = site_content["portal"][kind]
    theirs.refresh_from_db()
    assert client.get(_change_url(theirs)).status_code in (302, 403, 404)
    before = {f.attname: getattr(theirs, f.attname) for f in theirs._meta.concrete_fields}
    client.post(_change_url(theirs), {"name": "Đã bị sửa", "title": "Đã bị sửa"})
    theirs.refresh_from_db()
    after = {f.attname: getattr(theirs, f.attname) for f in theirs._meta.concrete_fields}
    assert after == before


def test_a_crafted_add_in_another_sites_section_is_refused(client, commune_editor, site_content):
    client.force_login(commune_editor)
    portal = site_content["portal"]
    data = {
        "title": "Bài gài vào cổng tỉnh", "sapo": "Tóm tắt.", "body": "<p>Nội dung</p>",
        "category": portal["category"].pk, "status": "published", "allow_comments": "on",
        "article_authors-TOTAL_FORMS": "1", "article_authors-INITIAL_FORMS": "0",
        "article_authors-MIN_NUM_FORMS": "0", "article_authors-MAX_NUM_FORMS": "1000",
        "article_authors-0-author": site_content["commune"]["author"].pk,
        "article_authors-0-position": "0",
        "images-TOTAL_FORMS": "0", "images-INITIAL_FORMS": "0",
        "images-MIN_NUM_FORMS": "0", "images-MAX_NUM_FORMS": "1000",
    }
    response = client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 200  # the form again, with the error
    assert not Article.objects.filter(title="Bài gài vào cổng tỉnh").exists()


def test_a_crafted_event_or_author_of_another_site_is_an_invalid_choice(client, commune_editor, site_content):
    client.force_login(commune_editor)
    mine, theirs = site_content["commune"], site_content["portal"]
    article = mine["article"]
    data = {
        "title": article.title, "slug": article.slug, "sapo": article.sapo, "body": article.body,
        "category": mine["category"].pk, "event": theirs["event"].pk, "status": "published",
        "allow_comments": "on",
        "article_authors-TOTAL_FORMS": "1", "article_authors-INITIAL_FORMS": "0",
        "article_authors-MIN_NUM_FORMS": "0", "article_authors-MAX_NUM_FORMS": "1000",
        "article_authors-0-author": theirs["author"].pk, "article_authors-0-position": "0",
        "images-TOTAL_FORMS": "0", "images-INITIAL_FORMS": "0",
        "images-MIN_NUM_FORMS": "0", "images-MAX_NUM_FORMS": "1000",
    }
    response = client.post(_change_url(article), data)
    assert response.status_code == 200
    article.refresh_from_db()
    assert article.event_id == mine["event"].pk
    assert list(article.authors.all()) == [mine["author"]]


def test_another_sites_comment_cannot_be_moderated(client, commune_editor, site_content):
    client.force_login(commune_editor)
    theirs = Comment.objects.create(
        article=site_content["portal"]["article"], name="Bạn đọc", email="a@example.com",
        body="Ý kiến ở cổng tỉnh", status=Comment.Status.PENDING,
    )
    mine = Comment.objects.create(
        article=site_content["commune"]["article"], name="Bạn đọc", email="b@example.com",
        body="Ý kiến ở xã", status=Comment.Status.PENDING,
    )
    queue = client.get(reverse("admin:comments_comment_changelist")).content.decode()
    assert "Ý kiến ở xã" in queue and "Ý kiến ở cổng tỉnh" not in queue
    client.post(reverse("admin:comments_comment_changelist"), {
        "action": "approve", "_selected_action": [theirs.pk, mine.pk],
    })
    theirs.refresh_from_db()
    mine.refresh_from_db()
    assert (theirs.status, mine.status) == (Comment.Status.PENDING, Comment.Status.APPROVED)


def test_event_autocomplete_offers_only_the_users_sites(client, commune_editor, site_content):
    client.force_login(commune_editor)
    response = client.get(reverse("admin:autocomplete"), {
        "term": "Hội nghị", "app_label": "articles", "model_name": "article", "field_name": "event",
    })
    names = [r["text"] for r in response.json()["results"]]
    assert any("Bến Lức" in n for n in names) and not any("Tây Ninh" in n for n in names)


def test_roles_are_per_site(db, django_user_model, site_content):
    """An editor of one commune who reports for the portal may publish only on the commune."""
    user = django_user_model.objects.create_user("nhieu-vai", is_staff=True)
    Membership.objects.create(user=user, site=site_content["commune"]["site"], role=Group.objects.get(name=roles.EDITOR))
    Membership.objects.create(user=user, site=site_content["portal"]["site"], role=Group.objects.get(name=roles.REPORTER))
    assert user.has_perm("articles.publish_article")  # somewhere: the admin shows the button
    assert user.has_perm("articles.publish_article", site_content["commune"]["article"])
    assert not user.has_perm("articles.publish_article", site_content["portal"]["article"])
    assert user.has_perm("articles.change_article", site_content["portal"]["article"])


def test_province_administrators_see_every_site(client, superuser, site_content):
    client.force_login(superuser)
    html = client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert all(site_content[k]["article"].title in html for k in ("portal", "commune"))


def test_only_province_administrators_manage_sites(client, commune_editor, superuser, province):
    client.force_login(commune_editor)
    assert client.get(reverse("admin:sites_site_changelist")).status_code == 403
    client.force_login(superuser)
    assert client.get(reverse("admin:sites_site_changelist")).status_code == 200
    assert client.get(_change_url(province["commune"])).status_code == 200


def test_events_of_another_site_are_not_listed(client, commune_editor, site_content):
    client.force_login(commune_editor)
    html = client.get(reverse("admin:articles_event_changelist")).content.decode()
    assert site_content["commune"]["event"].name in html
    assert site_content["portal"]["event"].name not in html
    assert Event.objects.count() == 2


@pytest.fixture
def commune_moderator(db, django_user_model, province):
    user = django_user_model.objects.create_user("kiemduyet-benluc", "kd@example.com", "mat-khau-thu", is_staff=True)
    Membership.objects.create(user=user, site=province["commune"], role=Group.objects.get(name=roles.MODERATOR))
    return user


def test_moderation_rules_are_per_site_and_province_wide_rules_are_the_provinces(
    client, commune_moderator, superuser, site_content
):
    from comments import moderation
    from comments.models import ModerationRule

    commune, portal = site_content["commune"], site_content["portal"]
    rules = reverse("admin:comments_moderationrule_changelist")
    everywhere = ModerationRule.objects.create(kind=ModerationRule.Kind.BLOCKED_WORD, value="cá độ")
    theirs = ModerationRule.objects.create(
        site=portal["article"].site, kind=ModerationRule.Kind.MODERATE_WORD, value="kênh đào"
    )
    client.force_login(commune_moderator)
    # A commune's moderator adds a rule for their own site…
    response = client.post(reverse("admin:comments_moderationrule_add"), {
        "site": commune["article"].site_id, "kind": ModerationRule.Kind.MODERATE_WORD, "value": "xổ số", "note": "",
    })
    assert response.status_code == 302
    mine = ModerationRule.objects.get(value="xổ số")
    assert mine.site_id == commune["article"].site_id
    # …but neither a rule for every site nor one for another site (crafted POSTs).
    for site in ("", portal["article"].site_id):
        response = client.post(reverse("admin:comments_moderationrule_add"), {
            "site": site, "kind": ModerationRule.Kind.MODERATE_WORD, "value": f"gài {site}", "note": "",
        })
        assert response.status_code == 200 and "errorlist" in response.content.decode()
    assert not ModerationRule.objects.filter(value__startswith="gài").exists()
    # They see their site's rules only, and cannot change the province's or another site's.
    html = client.get(rules).content.decode()
    assert "xổ số" in html and "kênh đào" not in html and "cá độ" not in html
    for rule in (everywhere, theirs):
        assert client.get(_change_url(rule)).status_code in (302, 403, 404)
        client.post(_change_url(rule), {"site": commune["article"].site_id, "kind": rule.kind, "value": "đổi"})
        rule.refresh_from_db()
        assert rule.value != "đổi"

    # The rules apply where they belong: the province's everywhere, a site's on that site only.
    def verdict(article, body):
        from comments.models import Comment

        comment = Comment(article=article, name="Bạn đọc", email="bd@example.com", body=body, ip="203.0.113.5")
        return moderation.screen(comment, elapsed=60)

    assert verdict(commune["article"], "xo so").flags and not verdict(portal["article"], "xo so").flags
    assert verdict(portal["article"], "kenh dao").flags and not verdict(commune["article"], "kenh dao").flags
    assert verdict(commune["article"], "ca do").status == verdict(portal["article"], "ca do").status == "spam"

    # The province's administrators see and manage every rule.
    client.force_login(superuser)
    html = client.get(rules).content.decode()
    assert all(value in html for value in ("xổ số", "kênh đào", "cá độ"))
