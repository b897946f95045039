"""History people can read: labels, local times, word diffs, side by side, restore."""

import pytest
from django.urls import reverse

from articles.models import Author
from desk.history import body_words, word_diff
from tests.fixtures.admin_forms import change_form


@pytest.fixture
def edited(client, editor, make_article):
    article = make_article(title="Hội nghị sơ kết", status="draft", publish_at=None, authors=["Việt Hằng"],
                           body="<p>Chiều 30/6, Ban Dân vận tổ chức hội nghị.</p>")
    client.force_login(editor)
    data = change_form(article, title="Hội nghị sơ kết 6 tháng", status="draft",
                       body='<p>Chiều 30/6, Ban Dân vận Huyện ủy tổ chức hội nghị.</p>'
                            '<figure><img src="/media/a.jpg" alt="Quang cảnh hội nghị"><figcaption>Quang cảnh</figcaption></figure>')
    assert client.post(reverse("admin:articles_article_change", args=[article.pk]), data).status_code == 302
    return article


def test_word_diff_marks_added_and_removed_words():
    old = body_words("<p>Ban Dân vận tổ chức hội nghị.</p>")
    new = body_words('<p>Ban Dân vận Huyện ủy tổ chức hội nghị.</p><figure><img src="x" alt="Quang cảnh"></figure>')
    assert str(word_diff(old, new)) == "Ban Dân vận <ins>Huyện ủy</ins> tổ chức hội nghị. <ins>[Ảnh: Quang cảnh]</ins>"


def test_history_page_is_in_vietnamese_with_a_text_diff(client, edited):
    html = client.get(reverse("admin:articles_article_history", args=[edited.pk])).content.decode()
    assert "Lịch sử" in html and "Bản ghi nhớ" not in html
    assert "<ins>Huyện ủy</ins>" in html and "<ins>[Ảnh: Quang cảnh hội nghị]" in html
    assert "Tiêu đề</strong>: Hội nghị sơ kết → Hội nghị sơ kết 6 tháng" in html
    assert "Bản nháp" in html and ">draft<" not in html and "None" not in html
    for english in ("Choose a date", "OBJECT", "Changed by", "CHANGED BY", "History"):
        assert english not in html


def test_byline_changes_are_in_history(client, editor, edited):
    link = edited.article_authors.get()
    link.author = Author.objects.create(name="Kim Phượng")
    link.save()
    edited.refresh_derived()  # as the admin does after saving the author rows
    data = change_form(edited, title="Hội nghị sơ kết 6 tháng", status="draft", body=edited.body)
    client.post(reverse("admin:articles_article_change", args=[edited.pk]), data)
    html = client.get(reverse("admin:articles_article_history", args=[edited.pk])).content.decode()
    assert "Tác giả</strong>: Việt Hằng → Kim Phượng" in html


def test_two_revisions_side_by_side(client, edited):
    first, second = edited.history.order_by("history_id")
    url = reverse("admin:articles_article_compare", args=[edited.pk])
    html = client.get(url, {"v": [second.history_id, first.history_id]}).content.decode()
    assert "So sánh hai phiên bản" in html
    assert "<ins>Huyện ủy</ins>" in html
    assert client.get(url, {"v": ["1"]}).status_code == 302  # not two: back to the history
    assert client.get(url, {"v": ["x", "y"]}).status_code == 302


def test_restore_names_the_version(client, edited):
    first = edited.history.earliest()
    url = reverse("admin:articles_article_simple_history", args=[edited.pk, first.history_id])
    page = client.get(url).content.decode()
    assert "Khôi phục phiên bản này" in page
    response = client.post(url, {}, follow=True)
    assert "Đã khôi phục phiên bản của" in response.content.decode()
    edited.refresh_from_db()
    assert edited.title == "Hội nghị sơ kết"
    assert edited.history.first().history_change_reason.startswith("Khôi phục phiên bản của")
