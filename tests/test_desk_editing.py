"""Never lose work: stale saves refused, who else has the article open, autosave."""

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Article
from desk.models import EditSession
from tests.fixtures.admin_forms import change_form


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def opened_revision(client, article):
    """The hidden revision number the change form carries."""
    form = client.get(change_url(article)).context["adminform"].form
    return str(form["opened_revision"].value())


@pytest.fixture
def second_editor(db, django_user_model):
    from django.contrib.auth.models import Group

    from articles import roles
    from sites.models import Membership, Site

    user = django_user_model.objects.create_user("bientap2", "b2@example.com", "x", is_staff=True,
                                                 first_name="Thanh Tâm")
    Membership.objects.create(user=user, site=Site.objects.default(), role=Group.objects.get(name=roles.EDITOR))
    return user


@pytest.fixture
def draft(make_article, reporter):
    return make_article(title="Tiêu đề gốc", status="draft", publish_at=None, created_by=reporter,
                        authors=["Việt Hằng"], body="<p>Đoạn mở đầu của bài.</p>")


def test_a_stale_save_is_refused_and_nobody_loses_text(editor, second_editor, draft):
    first, second = Client(), Client()
    first.force_login(editor)
    second.force_login(second_editor)
    first_opened = opened_revision(first, draft)
    second_opened = opened_revision(second, draft)

    theirs = change_form(draft, title="Tiêu đề do Thanh Tâm sửa", status="draft", opened_revision=second_opened)
    assert second.post(change_url(draft), theirs).status_code == 302

    mine = change_form(draft, title="Tiêu đề gốc", status="draft", opened_revision=first_opened,
                       body="<p>Đoạn mở đầu của bài, thêm chi tiết của tôi.</p>")
    response = first.post(change_url(draft), mine)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Bài này đã được Thanh Tâm lưu lúc" in page
    assert "Tiêu đề do Thanh Tâm sửa" in page  # what they changed
    assert "thêm chi tiết của tôi" in page  # my input is still in the form
    draft.refresh_from_db()
    assert draft.title == "Tiêu đề do Thanh Tâm sửa"  # their save stands
    assert "thêm chi tiết" not in draft.body

    # Their title, which I had not touched, is now in my form beside my text.
    form = response.context["adminform"].form
    assert form["title"].value() == "Tiêu đề do Thanh Tâm sửa"
    assert "Đã đưa vào biểu mẫu phần họ sửa mà bạn không sửa: Tiêu đề." in page
    # Having read what changed, saving again goes through (the form now carries the newer revision).
    again = {key: form.data.getlist(key) for key in form.data}
    assert first.post(change_url(draft), again).status_code == 302
    draft.refresh_from_db()
    assert (draft.title, "thêm chi tiết của tôi" in draft.body) == ("Tiêu đề do Thanh Tâm sửa", True)


def test_opening_an_article_someone_has_open_shows_who_and_since_when(editor, second_editor, draft):
    first, second = Client(), Client()
    first.force_login(editor)
    second.force_login(second_editor)
    assert "đang mở bài này từ" not in first.get(change_url(draft)).content.decode()
    page = second.get(change_url(draft)).content.decode()
    assert "bientap</strong> đang mở bài này từ" in page
    # The open form pings; the answer names the others.
    ping = first.post(reverse("admin:articles_article_editing", args=[draft.pk]), {})
    assert ping.json()["others"][0]["who"] == "Thanh Tâm"
    # Closing the tab ends the presence.
    second.post(reverse("admin:articles_article_editing", args=[draft.pk]), {"_dong": "1"})
    assert "đang mở bài này từ" not in first.get(change_url(draft)).content.decode()


def test_autosave_keeps_input_without_a_revision_and_restores_it(client, reporter, draft):
    client.force_login(reporter)
    revisions = draft.history.count()
    data = change_form(draft, title="Tiêu đề đang viết dở", status="draft", body="<p>Câu văn chưa lưu.</p>")
    answer = client.post(reverse("admin:articles_article_editing", args=[draft.pk]), {**data, "_tu_luu": "1"})
    assert "saved_at" in answer.json()
    draft.refresh_from_db()
    assert draft.title == "Tiêu đề gốc" and draft.history.count() == revisions  # nothing saved for real

    # Back later (the tab was closed): the form comes back as it was typed.
    page = client.get(change_url(draft))
    html = page.content.decode()
    assert "Đã khôi phục bản tự lưu lúc" in html
    assert page.context["adminform"].form["title"].value() == "Tiêu đề đang viết dở"
    assert "Câu văn chưa lưu." in html

    # Saving for real clears the autosave.
    assert client.post(change_url(draft), data).status_code == 302
    assert "Đã khôi phục bản tự lưu" not in client.get(change_url(draft)).content.decode()
    assert not EditSession.objects.exclude(form_data=None).exists()


def test_an_autosaved_new_article_comes_back_on_the_add_form(client, reporter, category):
    client.force_login(reporter)
    data = {"title": "Bài mới chưa lưu", "status": "draft", "article_authors-TOTAL_FORMS": "0",
            "article_authors-INITIAL_FORMS": "0", "images-TOTAL_FORMS": "0", "images-INITIAL_FORMS": "0",
            "_tu_luu": "1"}
    client.post(reverse("admin:articles_article_editing_new"), data)
    assert not Article.objects.exists()
    page = client.get(reverse("admin:articles_article_add"))
    assert page.context["adminform"].form["title"].value() == "Bài mới chưa lưu"
    assert "Bài mới chưa lưu" in client.get(reverse("admin:index")).content.decode()
    # "Bỏ bản tự lưu" empties it.
    client.get(reverse("admin:articles_article_add"), {"bo-tu-luu": "1"})
    assert client.get(reverse("admin:articles_article_add")).context["adminform"].form["title"].value() in (None, "")
