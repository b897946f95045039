"""The editor's photo picker and upload endpoints: checked uploads, a folded library search,
and each site's library closed to the staff of other sites."""

import pytest
from django.urls import reverse
from PIL import Image

from articles import roles
from articles.models import Article, ArticleImage, Author
from tests.fixtures.admin_forms import article_form
from tests.fixtures.articles import _staff

PICKER = reverse("admin:articles_articleimage_picker")
UPLOAD = reverse("admin:articles_articleimage_upload")


def _upload(client, jpeg_upload, **fields):
    data = {"image": jpeg_upload(name="hoi-truong.jpg"), "alt": "Đại biểu ngồi kín hội trường",
            "caption": "Quang cảnh hội nghị", **fields}
    return client.post(UPLOAD, data)


@pytest.fixture
def commune_editor(province, django_user_model):
    return _staff(django_user_model, "bientap_xa", roles.EDITOR, site=province["commune"])


def test_reporter_uploads_a_photo_with_its_caption_before_the_article_exists(
    client, reporter, category, jpeg_upload
):
    client.force_login(reporter)
    response = _upload(client, jpeg_upload, category=category.pk)
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["src"].startswith("/media/articles/")
    assert (data["alt"], data["caption"]) == ("Đại biểu ngồi kín hội trường", "Quang cảnh hội nghị")
    photo = ArticleImage.objects.get()
    assert (photo.site_id, photo.article_id, photo.uploaded_by) == (category.site_id, None, reporter)
    with Image.open(photo.image.path) as stored:
        assert dict(stored.getexif()) == {}
    assert photo.photo_rendition() is not None  # built when the upload committed


@pytest.mark.parametrize("fields, message", [
    ({"image": None}, "Hãy chọn một tệp ảnh"),
    ({"alt": ""}, "Hãy nhập mô tả ảnh (alt)"),
    ({"image": "pdf"}, "không phải là ảnh hợp lệ"),
])
def test_a_bad_upload_is_refused_in_vietnamese_and_nothing_is_stored(
    client, reporter, category, jpeg_upload, pdf_upload, settings, fields, message
):
    client.force_login(reporter)
    if fields.get("image") == "pdf":
        fields = {"image": pdf_upload}
    data = {"image": jpeg_upload(), "alt": "Ảnh", "caption": "", "category": category.pk, **fields}
    data = {k: v for k, v in data.items() if v is not None}
    response = client.post(UPLOAD, data)
    assert response.status_code == 400
    assert message in response.json()["error"]
    assert not ArticleImage.objects.exists()
    assert not settings.MEDIA_ROOT.exists() or not any(p.is_file() for p in settings.MEDIA_ROOT.rglob("*"))


def test_library_search_ignores_case_and_diacritics(client, reporter, make_article, jpeg_upload):
    article = make_article()
    ArticleImage.objects.create(article=article, image=jpeg_upload(), alt="Hội trường",
                                caption="Quang cảnh Hội nghị Dân vận")
    ArticleImage.objects.create(article=article, image=jpeg_upload(), alt="Cánh đồng", caption="Lúa chín")
    client.force_login(reporter)
    found = client.get(PICKER, {"article": article.pk, "q": "hoi nghi dan van"}).json()
    assert [p["caption"] for p in found["library"]] == ["Quang cảnh Hội nghị Dân vận"]
    assert len(found["article"]) == 2
    assert client.get(PICKER, {"q": "LUA CHIN"}).json()["library"][0]["alt"] == "Cánh đồng"


def test_a_commune_editor_can_neither_list_nor_fill_the_portals_library(
    client, commune_editor, site_content, jpeg_upload
):
    portal, commune = site_content["portal"], site_content["commune"]
    ArticleImage.objects.create(article=portal["article"], image=jpeg_upload(), alt="Ảnh của tỉnh",
                                caption="Tin tỉnh")
    ArticleImage.objects.create(article=commune["article"], image=jpeg_upload(), alt="Ảnh của xã",
                                caption="Tin xã")
    client.force_login(commune_editor)
    # Their own site: listed, without the portal's photos.
    own = client.get(PICKER, {"category": commune["category"].pk}).json()
    assert [p["alt"] for p in own["library"]] == ["Ảnh của xã"]
    assert [p["alt"] for p in client.get(PICKER).json()["library"]] == ["Ảnh của xã"]
    # The portal's, asked for directly: refused.
    for query in ({"category": portal["category"].pk}, {"article": portal["article"].pk}):
        response = client.get(PICKER, query)
        assert response.status_code == 403
        assert "Ảnh của tỉnh" not in response.content.decode()
        crafted = _upload(client, jpeg_upload, **query)
        assert crafted.status_code == 403
        assert "không có quyền" in crafted.json()["error"]
    assert ArticleImage.objects.count() == 2
    # The library's own admin list is scoped the same way.
    listing = client.get(reverse("admin:articles_articleimage_changelist")).content.decode()
    assert "Ảnh của xã" in listing and "Ảnh của tỉnh" not in listing


def test_a_reporter_cannot_upload_into_a_colleagues_article(client, reporter, make_article, jpeg_upload,
                                                            django_user_model):
    colleague = _staff(django_user_model, "phongvien2", roles.REPORTER)
    theirs = make_article(status="draft", created_by=colleague)
    client.force_login(reporter)
    assert _upload(client, jpeg_upload, article=theirs.pk).status_code == 403
    assert not ArticleImage.objects.exists()


def test_anonymous_and_wrong_methods_are_refused(client, reporter, category, jpeg_upload):
    response = _upload(client, jpeg_upload, category=category.pk)
    assert response.status_code == 302 and "/login/" in response["Location"]
    client.force_login(reporter)
    assert client.get(UPLOAD).status_code == 405
    assert client.post(PICKER).status_code == 405
    assert client.get(PICKER, {"article": "abc"}).status_code == 404


def test_the_photo_placed_before_the_first_save_joins_the_article_and_shows_with_caption_and_alt(
    client, reporter, category, jpeg_upload
):
    client.force_login(reporter)
    photo = _upload(client, jpeg_upload, category=category.pk).json()
    figure = f'<figure><img src="{photo["src"]}" alt="{photo["alt"]}"><figcaption>{photo["caption"]}</figcaption></figure>'
    author = Author.objects.create(name="Kim Phượng")
    response = client.post(reverse("admin:articles_article_add"),
                           article_form(category, author, body="<p>Mở đầu.</p>" + figure))
    assert response.status_code == 302, response.content.decode()[:2000]
    article = Article.objects.get()
    assert list(article.images.values_list("alt", flat=True)) == ["Đại biểu ngồi kín hội trường"]
    article.status, article.publish_at = Article.Status.PUBLISHED, None
    article.save()
    client.logout()
    page = client.get(article.get_absolute_url()).content.decode()
    assert "<figcaption>Quang cảnh hội nghị</figcaption>" in page
    assert 'alt="Đại biểu ngồi kín hội trường"' in page
    assert photo["src"] not in page  # renditions only


def test_a_photo_hotlinked_from_another_site_is_refused_before_saving(client, reporter, category):
    client.force_login(reporter)
    author = Author.objects.create(name="Kim Phượng")
    body = '<p>Bài của phóng viên.</p><figure><img src="https://baomoi.example/anh.jpg" alt="x"></figure>'
    response = client.post(reverse("admin:articles_article_add"), article_form(category, author, body=body))
    assert response.status_code == 200
    page = response.content.decode()
    assert "1 ảnh lấy từ nơi khác (baomoi.example)" in page
    assert "Bài của phóng viên." in page  # the text is still in the form
    assert not Article.objects.exists()


def test_a_library_photo_of_another_article_is_served_as_renditions(
    client, make_article, jpeg_upload, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    first = make_article(title="Bài có ảnh")
    with django_capture_on_commit_callbacks(execute=True):
        photo = ArticleImage.objects.create(article=first, image=jpeg_upload(name="dung-lai.jpg"),
                                            alt="Cánh đồng lúa", caption="Lúa chín ở Bến Lức")
    second = make_article(title="Bài dùng lại ảnh", body="<p>Tin.</p>" + photo.figure_html())
    with django_assert_max_num_queries(7):  # one query finds every library photo of the body
        page = client.get(second.get_absolute_url()).content.decode()
    assert "<figcaption>Lúa chín ở Bến Lức</figcaption>" in page
    assert photo.photo_rendition()["url"] in page and photo.image.url not in page
    photo.refresh_from_db()
    assert photo.article_id == first.pk  # still the first article's photo
