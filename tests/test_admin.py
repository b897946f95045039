"""The back office: every page renders, roles are enforced on the server."""

import pytest
from django.urls import reverse

from articles.models import Article, Author
from tests.fixtures.admin_forms import article_form, change_form


@pytest.fixture
def author(db):
    return Author.objects.create(name="Việt Hằng")


def test_reporter_can_submit_for_review(client, reporter, category, author):
    client.force_login(reporter)
    response = client.post(reverse("admin:articles_article_add"), article_form(category, author))
    assert response.status_code == 302, response.content.decode()[:3000]
    article = Article.objects.get()
    assert article.status == Article.Status.REVIEW
    assert article.created_by == reporter
    assert article.byline == "Việt Hằng"


@pytest.mark.parametrize("status", [Article.Status.PUBLISHED, Article.Status.ARCHIVED])
def test_reporter_crafting_a_publish_post_is_refused(client, reporter, category, author, status):
    client.force_login(reporter)
    response = client.post(
        reverse("admin:articles_article_add"), article_form(category, author, status=status)
    )
    assert response.status_code == 200
    assert "Bạn không có quyền xuất bản" in response.content.decode()
    assert not Article.objects.exists()


def test_reporter_cannot_edit_a_live_article(client, reporter, article, author):
    client.force_login(reporter)
    url = reverse("admin:articles_article_change", args=[article.pk])
    response = client.post(url, article_form(article.category, author, title="Sửa lén", status="review"))
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.title != "Sửa lén"
    assert article.status == Article.Status.PUBLISHED


def test_reporter_has_no_publish_actions(client, reporter, article):
    client.force_login(reporter)
    client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish_now", "_selected_action": [article.pk]},
    )
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED  # unchanged
    content = client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert "publish_now" not in content and "unpublish" not in content


def test_editor_publishes_schedules_and_unpublishes(client, editor, category, author, make_article):
    client.force_login(editor)
    response = client.post(
        reverse("admin:articles_article_add"),
        article_form(category, author, status="published",
                     publish_at_0="01/07/2030", publish_at_1="14:43:32"),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    scheduled = Article.objects.get()
    assert scheduled.status == Article.Status.PUBLISHED and not scheduled.is_public
    assert scheduled.publish_at.isoformat() == "2030-07-01T07:43:32+00:00"

    live = make_article()
    client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "unpublish", "_selected_action": [live.pk]},
    )
    live.refresh_from_db()
    assert live.status == Article.Status.DRAFT
    assert client.get(live.get_absolute_url()).status_code == 200  # staff preview
    client.logout()
    assert client.get(live.get_absolute_url()).status_code == 404


def test_editor_restores_an_earlier_revision_reporter_cannot(client, editor, reporter, make_article):
    article = make_article(title="Tiêu đề ban đầu", status=Article.Status.REVIEW, publish_at=None)
    article.title = "Tiêu đề bị sửa sai"
    article.save()
    first = article.history.earliest()
    url = reverse("admin:articles_article_simple_history", args=[article.pk, first.history_id])

    client.force_login(reporter)
    assert client.post(url, {}).status_code == 403

    client.force_login(editor)
    history_page = client.get(reverse("admin:articles_article_history", args=[article.pk]))
    assert history_page.status_code == 200
    form = client.get(url)
    assert form.status_code == 200
    data = article_form(article.category, title="Tiêu đề ban đầu", status=Article.Status.REVIEW)
    data.update({"slug": article.slug, "sapo": article.sapo, "body": article.body})
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    article.refresh_from_db()
    assert article.title == "Tiêu đề ban đầu"
    assert article.history.first().history_user == editor


def test_history_records_who_changed_what(client, editor, category, author):
    client.force_login(editor)
    client.post(reverse("admin:articles_article_add"), article_form(category, author, status="draft"))
    article = Article.objects.get()
    data = change_form(article, title="Tiêu đề mới", status="draft")
    response = client.post(reverse("admin:articles_article_change", args=[article.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    latest, previous = article.history.all()[:2]
    assert latest.history_user == editor
    delta = latest.diff_against(previous)
    assert [(c.field, c.old, c.new) for c in delta.changes if c.field == "title"] == [
        ("title", "Bài viết của phóng viên", "Tiêu đề mới")
    ]


ADMIN_PAGES = [
    "admin:index",
    "admin:articles_article_changelist",
    "admin:articles_article_add",
    "admin:articles_category_changelist",
    "admin:articles_category_add",
    "admin:articles_author_changelist",
    "admin:articles_author_add",
    "admin:articles_event_changelist",
    "admin:articles_event_add",
]


@pytest.mark.parametrize("name", ADMIN_PAGES)
def test_every_admin_list_and_add_page_renders_with_data(client, superuser, article, event, name):
    article.event = event
    article.save()
    client.force_login(superuser)
    response = client.get(reverse(name))
    assert response.status_code == 200
    if name == "admin:articles_article_changelist":
        content = response.content.decode()
        assert article.title in content and "Việt Hằng – Kim Phượng" in content


@pytest.mark.parametrize("model", ["article", "author", "event"])
def test_change_and_history_pages_render(client, superuser, article, event, model):
    client.force_login(superuser)
    obj = {"article": article, "author": article.authors.first(), "event": event}[model]
    for view in ("change", "history"):
        assert client.get(reverse(f"admin:articles_{model}_{view}", args=[obj.pk])).status_code == 200


def test_admin_article_form_offers_the_prose_editor_with_figures(client, superuser):
    client.force_login(superuser)
    content = client.get(reverse("admin:articles_article_add")).content.decode()
    assert "django_prose_editor" in content and "Figure" in content
    assert 'name="images-TOTAL_FORMS"' in content  # photo uploads beside the text


def test_admin_login_is_throttled(client, superuser, settings):
    settings.AXES_FAILURE_LIMIT = 3
    url = reverse("admin:login")
    for _ in range(3):
        client.post(url, {"username": superuser.username, "password": "sai-mat-khau"})
    response = client.post(url, {"username": superuser.username, "password": "mat-khau-thu"})
    assert response.status_code == 429
    assert "Tạm khóa đăng nhập" in response.content.decode()


def test_roles_exist_with_the_right_powers(reporter, editor, moderator):
    assert not reporter.has_perm("articles.publish_article")
    assert reporter.has_perm("articles.add_article")
    assert editor.has_perm("articles.publish_article")
    assert not moderator.has_perm("articles.change_article")


def test_restoring_a_revision_restores_its_byline(client, editor, category):
    first, second = Author.objects.create(name="Việt Hằng"), Author.objects.create(name="Kim Phượng")
    client.force_login(editor)
    client.post(reverse("admin:articles_article_add"), article_form(category, first, status="draft"))
    article = Article.objects.get()
    link = article.article_authors.get()
    data = article_form(category, None, title="Bài đã đổi tác giả", status="draft")
    data.update({
        "slug": article.slug,
        "article_authors-TOTAL_FORMS": "2", "article_authors-INITIAL_FORMS": "1",
        "article_authors-0-id": str(link.pk), "article_authors-0-article": str(article.pk),
        "article_authors-0-position": "0", "article_authors-0-author": str(second.pk),
        "article_authors-1-position": "1", "article_authors-1-author": str(first.pk),
    })
    assert client.post(reverse("admin:articles_article_change", args=[article.pk]), data).status_code == 302
    article.refresh_from_db()
    assert article.byline == "Kim Phượng – Việt Hằng"

    original = article.history.earliest()
    assert original.byline_ids == [first.pk]
    url = reverse("admin:articles_article_simple_history", args=[article.pk, original.history_id])
    # "Khôi phục phiên bản này": the version as it was, whatever else is posted.
    response = client.post(url, {"_khoi_phuc": "1"}, follow=True)
    assert "Đã khôi phục phiên bản của bientap lúc" in response.content.decode()
    article.refresh_from_db()
    assert article.byline == "Việt Hằng"
    assert article.title == "Bài viết của phóng viên"
    assert "viet hang" in article.search_text and "kim phuong" not in article.search_text


def test_author_set_in_the_admin_is_searchable_and_in_the_revision(client, editor, category):
    author = Author.objects.create(name="Dương Minh Châu")
    client.force_login(editor)
    client.post(reverse("admin:articles_article_add"), article_form(category, author, status="published"))
    article = Article.objects.get()
    assert "duong minh chau" in article.search_text
    assert article.history.first().byline_ids == [author.pk]
    assert article.get_absolute_url() in client.get("/tim-kiem/", {"q": "Duong Minh Chau"}).content.decode()
