"""Hand-over between reporters and editors: what a save needs, who may save, who is told."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, ArticleAuthor, Author
from desk.models import ReviewNote
from tests.fixtures.admin_forms import article_form

ADD = "admin:articles_article_add"


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def management(prefix, total=0, initial=0):
    return {f"{prefix}-TOTAL_FORMS": str(total), f"{prefix}-INITIAL_FORMS": str(initial),
            f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"}


@pytest.fixture
def own_author(reporter):
    return Author.objects.create(name="Ngọc Hân", user=reporter)


def test_a_draft_saves_with_only_a_title(client, reporter, category):
    client.force_login(reporter)
    data = {"title": "Ý tưởng bài về cầu Bến Lức mới", "status": "draft",
            **management("article_authors"), **management("images")}
    response = client.post(reverse(ADD), data, follow=True)
    assert response.status_code == 200
    article = Article.objects.get()
    assert (article.title, article.status, article.sapo) == ("Ý tưởng bài về cầu Bến Lức mới", "draft", "")
    assert article.category == category  # the first section until the reporter picks one
    assert "Đã tạo bản nháp “Ý tưởng bài về cầu Bến Lức mới”." in response.content.decode()


@pytest.mark.parametrize("status", ["review", "published"])
def test_sapo_and_authors_are_required_to_submit_or_publish(client, editor, category, status):
    client.force_login(editor)
    response = client.post(reverse(ADD), article_form(category, None, sapo=" ", status=status))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Hãy viết sa pô trước khi gửi duyệt hoặc xuất bản." in content
    assert "Hãy chọn ít nhất một tác giả trước khi gửi duyệt hoặc xuất bản." in content
    assert "Please correct" not in content
    assert not Article.objects.exists()


def test_reporters_edit_only_their_own_unpublished_articles(client, reporter, django_user_model, make_article, own_author):
    other = django_user_model.objects.create_user("phongvien2", is_staff=True)
    mine = make_article(status="draft", publish_at=None, created_by=reporter)
    signed = make_article(status="returned", publish_at=None, created_by=other, authors=["Ngọc Hân"])
    theirs = make_article(status="draft", publish_at=None, created_by=other, title="Bài của người khác")
    submitted = make_article(status="review", publish_at=None, created_by=reporter)
    client.force_login(reporter)
    for article in (mine, signed):
        data = article_form(article.category, None, title="Đã sửa", slug=article.slug, status="draft")
        data.update(management("article_authors"))
        assert client.post(change_url(article), data).status_code == 302
        article.refresh_from_db()
        assert article.title == "Đã sửa"
    for article in (theirs, submitted):
        data = article_form(article.category, None, title="Sửa lén", slug=article.slug, status="draft")
        assert client.post(change_url(article), data).status_code == 403
        article.refresh_from_db()
        assert article.title != "Sửa lén"
        # They may still read it, without a save button.
        page = client.get(change_url(article)).content.decode()
        assert 'name="_save"' not in page
        # Nor autosave into it.
        editing = reverse("admin:articles_article_editing", args=[article.pk])
        assert client.post(editing, {"_tu_luu": "1", "title": "x"}).status_code == 403


def test_submitting_emails_the_editors_after_commit(client, reporter, editor, category, settings,
                                                    django_capture_on_commit_callbacks):
    settings.MAIL_IN_BACKGROUND = False
    author = Author.objects.create(name="Việt Hằng")
    client.force_login(reporter)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(reverse(ADD), article_form(category, author, title="Hội thao mừng xuân"), follow=True)
        assert not mail.outbox  # nothing is sent inside the request's transaction
    assert "Đã gửi bài “Hội thao mừng xuân” cho biên tập viên duyệt." in response.content.decode()
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [editor.email]
    assert "Bài chờ duyệt: Hội thao mừng xuân" in message.subject
    article = Article.objects.get()
    assert reverse("admin:articles_article_change", args=[article.pk]) in message.body


def test_editor_sends_back_with_a_note_the_reporter_reads(client, editor, reporter, make_article):
    article = make_article(status="review", publish_at=None, created_by=reporter, authors=["Việt Hằng"])
    link = article.article_authors.get()
    data = article_form(article.category, None, slug=article.slug, status="returned", sapo=article.sapo)
    data.update({**management("article_authors", 1, 1), "article_authors-0-id": str(link.pk),
                 "article_authors-0-article": str(article.pk), "article_authors-0-position": "0",
                 "article_authors-0-author": str(link.author_id)})
    client.force_login(editor)
    refused = client.post(change_url(article), data)
    assert "Hãy ghi cho phóng viên biết cần sửa gì" in refused.content.decode()
    data["review_note"] = "Thiếu tên chủ trì hội nghị; kiểm tra lại số liệu ở đoạn 2."
    response = client.post(change_url(article), data, follow=True)
    assert "Đã trả bài" in response.content.decode()
    assert ReviewNote.objects.get().author == editor

    client.force_login(reporter)
    page = client.get(change_url(article)).content.decode()
    assert "Biên tập viên đã trả bài" in page
    assert "Thiếu tên chủ trì hội nghị; kiểm tra lại số liệu ở đoạn 2." in page
    assert 'name="_save"' in page  # a returned article is the reporter's again


def test_reporter_cannot_return_or_publish_by_crafted_post(client, reporter, make_article):
    article = make_article(status="draft", publish_at=None, created_by=reporter, authors=["Việt Hằng"])
    client.force_login(reporter)
    for status in ("returned", "published", "archived"):
        data = article_form(article.category, None, slug=article.slug, status=status)
        response = client.post(change_url(article), data)
        assert response.status_code == 200
        assert "Bạn không có quyền xuất bản" in response.content.decode()
    article.refresh_from_db()
    assert article.status == "draft"


def test_messages_say_what_happened(client, editor, category):
    author = Author.objects.create(name="Kim Phượng")
    client.force_login(editor)
    response = client.post(reverse(ADD), article_form(
        category, author, title="Lịch tiếp dân", status="published", publish_at_0="02/12/2030", publish_at_1="21:42"),
        follow=True)
    assert "Đã hẹn giờ xuất bản bài “Lịch tiếp dân” lúc 21:42, 02/12/2030." in response.content.decode()
    assert "thành công" not in response.content.decode()


def test_the_list_puts_what_needs_attention_first(client, editor, make_article):
    now = timezone.now()
    old = make_article(title="Đăng hôm kia", publish_at=now - timedelta(days=2))
    new = make_article(title="Đăng hôm qua", publish_at=now - timedelta(days=1))
    draft = make_article(title="Nháp", status="draft", publish_at=None)
    returned = make_article(title="Bị trả", status="returned", publish_at=None)
    review = make_article(title="Chờ duyệt", status="review", publish_at=None)
    scheduled = make_article(title="Hẹn giờ", publish_at=now + timedelta(days=1))
    client.force_login(editor)
    response = client.get(reverse("admin:articles_article_changelist"))
    listed = list(response.context["cl"].result_list)
    assert listed[0] == review
    assert set(listed[1:3]) == {draft, returned}
    assert listed[3:] == [scheduled, new, old]
    assert listed == list(Article.objects.attention_first())


def test_refresh_derived_is_the_one_place_for_byline_and_search(make_article, editor, client):
    article = make_article(title="Hội nghị", authors=["Việt Hằng"])
    ArticleAuthor.objects.create(article=article, author=Author.objects.create(name="Thanh Tùng"), position=1)
    article.refresh_from_db()
    assert "thanh tung" not in article.search_text  # no signal does it behind our back
    article.refresh_derived()
    assert "thanh tung" in article.search_text
    assert article.byline_ids == list(article.article_authors.values_list("author_id", flat=True))
