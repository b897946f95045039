"""Behaviour a code review found missing; each test names what a user would notice."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from articles.models import Article, Author, Category


def test_moderator_cannot_read_unpublished_articles(client, moderator, editor, make_article):
    draft = make_article(status=Article.Status.DRAFT, publish_at=None)
    client.force_login(moderator)
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(editor)
    assert client.get(draft.get_absolute_url()).status_code == 200


def test_only_editors_create_or_change_events(client, reporter, editor, event):
    data = {"name": "Đổi tên", "slug": event.slug, "kind": "hop", "description": "",
            "starts_at_0": "30/06/2022", "starts_at_1": "14:00", "ends_at_0": "", "ends_at_1": "",
            "location": "", "organiser": "", "chair_name": "", "chair_office": ""}
    client.force_login(reporter)
    assert client.post(reverse("admin:articles_event_change", args=[event.pk]), data).status_code == 403
    assert client.get(reverse("admin:articles_event_add")).status_code == 403
    event.refresh_from_db()
    assert event.name != "Đổi tên"
    # Reporters still pick an existing event for their article.
    autocomplete = client.get(reverse("admin:autocomplete"), {
        "term": "Dân vận", "app_label": "articles", "model_name": "article", "field_name": "event"})
    assert [r["id"] for r in autocomplete.json()["results"]] == [str(event.pk)]
    client.force_login(editor)
    assert client.post(reverse("admin:articles_event_change", args=[event.pk]), data).status_code == 302


@pytest.mark.parametrize("number", ["²", "١", "9" * 30, "1e3", " 1", "0"])
@pytest.mark.parametrize("page", ["section", "author", "events", "event"])
def test_odd_page_numbers_are_404_never_500(client, article, event, page, number):
    url = {"section": article.category.get_absolute_url(),
           "author": article.authors.first().get_absolute_url(),
           "events": "/su-kien/", "event": event.get_absolute_url()}[page]
    assert client.get(url, {"trang": number}).status_code == 404


def test_section_named_like_a_site_page_does_not_shadow_it(client, make_article):
    section = Category.objects.create(name="Sự kiện")
    assert section.slug != "su-kien"
    article = make_article(category=section)
    assert client.get(article.get_absolute_url()).status_code == 200
    assert client.get(section.get_absolute_url()).status_code == 200


def test_reserved_section_slug_is_refused_in_the_admin(client, editor):
    client.force_login(editor)
    response = client.post(reverse("admin:articles_category_add"),
                           {"name": "Tìm kiếm", "slug": "tim-kiem", "position": 0, "description": ""})
    assert "trùng với một trang của hệ thống" in response.content.decode()
    assert not Category.objects.filter(slug="tim-kiem").exists()


def test_author_photo_loses_exif_location(db, jpeg_upload):
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (10.0, 38.0, 0.0)}
    author = Author.objects.create(name="Kim Phượng", photo=jpeg_upload(size=(400, 500), exif=exif))
    with Image.open(author.photo.path) as stored:
        assert dict(stored.getexif()) == {}


def test_tracking_parameters_do_not_multiply_cached_pages(client, article, django_assert_num_queries):
    client.get("/")
    with django_assert_num_queries(5):  # the site's content version, once a request; no page built
        for n in range(5):
            assert client.get("/", {"utm_source": f"zalo{n}", "fbclid": "x"}).status_code == 200


def test_absolute_links_use_the_site_address_whatever_the_host(client, article, settings):
    settings.ALLOWED_HOSTS = ["benluc.longan.gov.vn", "10.0.0.5"]
    settings.SITE_URL = "https://benluc.longan.gov.vn"
    url = article.get_absolute_url()
    # Asked first through a bare address: the cached copy must still name the site's own.
    client.get(url, HTTP_HOST="10.0.0.5")
    for host in ("benluc.longan.gov.vn", "10.0.0.5"):
        html = client.get(url, HTTP_HOST=host).content.decode()
        assert "10.0.0.5" not in html
        assert f'href="https://benluc.longan.gov.vn{url}"' in html


def test_cached_responses_keep_their_headers(client, event):
    first = client.get("/su-kien/lich.ics")
    second = client.get("/su-kien/lich.ics")
    assert second["Content-Disposition"] == first["Content-Disposition"]
    assert second["Content-Type"].startswith("text/calendar")
    assert second["ETag"] == first["ETag"]


def test_anonymous_404_is_not_marked_publicly_cacheable(client, db):
    response = client.get("/ben-luc/khong-co-123/")
    assert response.status_code == 404
    assert "public" not in response.get("Cache-Control", "")


def test_publish_now_brings_scheduled_and_republished_articles_to_now(client, editor, make_article):
    scheduled = make_article(publish_at=timezone.now() + timedelta(days=3))
    old = make_article(status=Article.Status.DRAFT, publish_at=timezone.now() - timedelta(days=400))
    client.force_login(editor)
    before = timezone.now()
    client.post(reverse("admin:articles_article_changelist"),
                {"action": "publish_now", "_selected_action": [scheduled.pk, old.pk]})
    for article in (scheduled, old):
        article.refresh_from_db()
        assert article.is_public and article.publish_at >= before


def test_page_two_has_its_own_canonical(client, make_article):
    for n in range(14):
        make_article(title=f"Tin {n}")
    html = client.get("/ben-luc/", {"trang": 2}).content.decode()
    assert '<link rel="canonical" href="http://testserver/ben-luc/?trang=2">' in html


def test_event_page_paginates_its_reports(client, make_article, event):
    for n in range(15):
        make_article(title=f"Bài về sự kiện {n}", event=event)
    first = client.get(event.get_absolute_url()).content.decode()
    assert first.count("Bài về sự kiện") == 12 and 'rel="next"' in first
    assert client.get(event.get_absolute_url(), {"trang": 2}).content.decode().count("Bài về sự kiện") == 3


# --- comments -----------------------------------------------------------------

@pytest.mark.parametrize("query", [{"trang": "²"}, {"trang": "9223372036854775807"}, {"trang": "0"}])
@pytest.mark.parametrize("endpoint", ["block_url", "page_url"])
def test_comment_pages_with_odd_numbers_are_404(request, db, client, query, endpoint):
    url = request.getfixturevalue(endpoint)
    assert client.get(url, query).status_code == 404


def test_reply_to_an_odd_id_is_ignored(client, page_url):
    assert client.get(page_url, {"tra-loi": "²"}).status_code == 200


def test_overlong_email_is_refused_with_the_text_kept(client, block_url, comment_data):
    from comments.models import Comment

    data = comment_data(email="a" * 250 + "@example.com", body="Nội dung tôi đã gõ rất lâu")
    response = client.post(block_url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nội dung tôi đã gõ rất lâu" in html
    assert not Comment.objects.exists()


def test_form_kept_open_too_long_is_asked_again_with_text_kept(client, block_url, comment_data, article):
    import time

    from comments import moderation
    from comments.models import Comment

    stale = moderation.issue_token(article.pk, issued_at=time.time() - moderation.TOKEN_MAX_AGE - 60)
    response = client.post(block_url, comment_data(issued=stale, body="Ý kiến viết từ hôm qua"))
    html = response.content.decode()
    assert "Trang đã mở quá lâu" in html and "Ý kiến viết từ hôm qua" in html
    assert stale not in html  # a fresh stamp replaced the old one
    assert not Comment.objects.exists()


@pytest.mark.parametrize("params", [
    {"q": "hoi", "den": "9999-12-31"}, {"q": "hoi", "tu": "0001-01-01"}, {"q": "hoi", "tu": "1899-12-31"},
])
def test_far_search_dates_are_ignored_with_a_notice(client, article, params):
    response = client.get("/tim-kiem/", params)
    assert response.status_code == 200
    assert "không hợp lệ nên đã được bỏ qua" in response.content.decode()


@pytest.mark.parametrize("what", ["author", "event"])
def test_renamed_author_or_event_is_found_by_its_new_name(client, article, event, what,
                                                          django_capture_on_commit_callbacks):
    article.event = event
    article.save()
    thing = article.authors.first() if what == "author" else event
    with django_capture_on_commit_callbacks(execute=True):
        thing.name = "Trương Thị Mỹ Duyên" if what == "author" else "Hội thao truyền thống Bến Lức"
        thing.save()
    query = "truong thi my duyen" if what == "author" else "hoi thao truyen thong"
    assert article.get_absolute_url() in client.get("/tim-kiem/", {"q": query}).content.decode()


def test_moderator_cannot_rewrite_a_readers_words(client, moderator, make_comment):
    from comments.models import Comment

    comment = make_comment(body="Ý kiến gốc của bạn đọc", status=Comment.Status.PENDING)
    client.force_login(moderator)
    url = reverse("admin:comments_comment_change", args=[comment.pk])
    data = {"status": "approved", "body": "Lời lẽ bị sửa", "replies-TOTAL_FORMS": "0",
            "replies-INITIAL_FORMS": "0", "replies-MIN_NUM_FORMS": "0", "replies-MAX_NUM_FORMS": "1000"}
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    comment.refresh_from_db()
    assert comment.body == "Ý kiến gốc của bạn đọc"
    assert comment.status == Comment.Status.APPROVED and comment.moderated_by == moderator
