"""Admin lists and pickers: folded search, capped counts, the dashboard per role."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Author, Category
from benluc.pagination import CappedPaginator


def autocomplete(client, field, term, model="articleauthor"):
    return client.get(reverse("admin:autocomplete"), {
        "term": term, "app_label": "articles", "model_name": model, "field_name": field,
    }).json()["results"]


@pytest.mark.parametrize("term", ["ngoc han", "NGOC HAN", "Ngọc Hân", "ngọc", "ngoc h"])
def test_author_picker_ignores_case_and_diacritics(client, reporter, term):
    han = Author.objects.create(name="Ngọc Hân")
    Author.objects.create(name="Việt Hằng")
    client.force_login(reporter)
    assert [r["id"] for r in autocomplete(client, "author", term)] == [str(han.pk)]


def test_event_and_section_pickers_fold_too(client, reporter, event):
    Category.objects.create(name="Đời sống – Xã hội", slug="doi-song")
    client.force_login(reporter)
    assert [r["text"] for r in autocomplete(client, "event", "hoi nghi dan van", "article")] == [str(event)]
    assert [r["text"] for r in autocomplete(client, "category", "doi song", "article")] == ["Đời sống – Xã hội"]


def test_counts_stop_at_the_cap(client, editor, make_article, monkeypatch):
    monkeypatch.setattr(CappedPaginator, "CAP", 3)
    monkeypatch.setattr(CappedPaginator, "SEARCH_CAP", 2)
    for n in range(5):
        make_article(title=f"Tin {n}")
    client.force_login(editor)
    html = client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert "hơn 3 bài viết" in html
    assert "Hiện số lượng" not in html and "Show counts" not in html
    searched = client.get(reverse("admin:articles_article_changelist"), {"q": "tin"}).content.decode()
    assert "hơn 2 bài viết" in searched and "hơn 2 kết quả" in searched


def test_year_filter_from_the_archive_span(client, editor, make_article):
    make_article(title="Tin năm ngoái", publish_at=timezone.now() - timedelta(days=400))
    make_article(title="Tin mới")
    client.force_login(editor)
    this_year = timezone.localtime().year
    response = client.get(reverse("admin:articles_article_changelist"), {"nam": str(this_year - 1)})
    assert [a.title for a in response.context["cl"].result_list] == ["Tin năm ngoái"]
    assert client.get(reverse("admin:articles_article_changelist"), {"nam": "x'"}).status_code == 200


def test_editors_dashboard_counts(client, editor, make_article):
    for n in range(2):
        make_article(title=f"Chờ {n}", status="review", publish_at=None)
    make_article(title="Sắp lên", publish_at=timezone.now() + timedelta(hours=3))
    make_article(title="Đã lên")
    client.force_login(editor)
    html = client.get(reverse("admin:index")).content.decode()
    assert "Chờ duyệt (2)" in html and "Hẹn giờ (1)" in html
    assert "Mới xuất bản" in html and "Đã lên" in html


def test_reporters_dashboard_lists_their_articles(client, reporter, make_article):
    make_article(title="Bài tôi viết", status="returned", publish_at=None, created_by=reporter)
    make_article(title="Bài người khác", status="draft", publish_at=None)
    client.force_login(reporter)
    html = client.get(reverse("admin:index")).content.decode()
    assert "Bài của tôi" in html and "Bài tôi viết" in html and "Trả lại" in html
    assert "Bài người khác" not in html and "Chờ duyệt (" not in html
