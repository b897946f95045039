"""The cover's focal point: chosen in the admin, kept in frame by every crop readers see."""

from urllib.parse import unquote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image, ImageDraw

from articles.models import Article
from tests.fixtures.admin_forms import change_form

RED, BLUE = (220, 20, 20), (20, 40, 200)


def _banner_on_top(size=(1600, 1600)):
    """A square photo whose top fifth (the banner) matters; the rest is plain."""
    import io

    image = Image.new("RGB", size, BLUE)
    ImageDraw.Draw(image).rectangle([0, 0, size[0], size[1] // 5], fill=RED)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=95)
    return SimpleUploadedFile("bang-ron.jpg", buffer.getvalue(), "image/jpeg")


def _top_pixel(settings, rendition):
    with Image.open(settings.MEDIA_ROOT / unquote(rendition["url"].removeprefix(settings.MEDIA_URL))) as copy:
        return copy.convert("RGB").getpixel((copy.width // 2, 3))


def _close(colour, expected):
    return all(abs(a - b) < 40 for a, b in zip(colour, expected))


@pytest.fixture
def covered(make_article, django_capture_on_commit_callbacks):
    from articles.models import Author

    with django_capture_on_commit_callbacks(execute=True):
        article = make_article(cover=_banner_on_top(), cover_alt="Băng rôn hội nghị", status="draft")
    article.article_authors.create(author=Author.objects.create(name="Việt Hằng"))
    return Article.objects.get(pk=article.pk)


def test_without_a_focal_point_crops_keep_the_centre(covered, settings):
    for crop in ("teaser", "share"):
        assert _close(_top_pixel(settings, covered.photo_rendition(crop)), BLUE)


def test_focal_point_chosen_in_the_admin_keeps_the_banner_in_every_crop(
    client, editor, covered, settings, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    page = client.get(reverse("admin:articles_article_change", args=[covered.pk])).content.decode()
    assert "data-focal-picker" in page and "Bấm vào điểm quan trọng nhất của ảnh" in page
    data = change_form(covered, title=covered.title, status="published", cover_alt="Băng rôn hội nghị",
                       cover_focal_x="50", cover_focal_y="8")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("admin:articles_article_change", args=[covered.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    article = Article.objects.get(pk=covered.pk)
    assert (article.cover_focal_x, article.cover_focal_y) == (50, 8)
    for crop in ("teaser", "share"):
        rendition = article.photo_rendition(crop)
        assert "target-50%2C8" in rendition["url"]
        assert _close(_top_pixel(settings, rendition), RED), crop
    # Home lead, lists and og:image all use those crops.
    client.logout()
    home = client.get("/").content.decode()
    assert article.photo_rendition("teaser")["url"] in home
    detail = client.get(article.get_absolute_url()).content.decode()
    assert article.photo_rendition("share")["url"] in detail


def test_a_focal_point_outside_the_photo_is_refused_in_vietnamese(client, editor, covered):
    client.force_login(editor)
    data = change_form(covered, title=covered.title, status="draft", cover_alt="Băng rôn",
                       cover_focal_x="150", cover_focal_y="8")
    response = client.post(reverse("admin:articles_article_change", args=[covered.pk]), data)
    assert response.status_code == 200
    assert "từ 0 đến 100 (%)" in response.content.decode()
    covered.refresh_from_db()
    assert covered.cover_focal_x is None


def test_saving_without_moving_the_point_builds_nothing_again(covered, django_capture_on_commit_callbacks):
    covered.title = "Chỉ sửa tiêu đề"
    with django_capture_on_commit_callbacks() as callbacks:
        covered.save()
    assert callbacks == []
    covered.cover_focal_y = 10
    with django_capture_on_commit_callbacks() as callbacks:
        covered.save()
    assert len(callbacks) == 1


def test_restoring_a_revision_brings_back_its_focal_point_and_its_crops(
    client, editor, covered, django_capture_on_commit_callbacks
):
    covered.cover_focal_y = 8
    with django_capture_on_commit_callbacks(execute=True):
        covered.save()
    first = covered.history.order_by("history_id").last()  # focal point at the banner
    covered.cover_focal_y = 90
    with django_capture_on_commit_callbacks(execute=True):
        covered.save()
    client.force_login(editor)
    url = reverse("admin:articles_article_simple_history", args=[covered.pk, first.history_id])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {}).status_code == 302
    article = Article.objects.get(pk=covered.pk)
    assert article.cover_focal_y == 8
    assert "target-50%2C8" in article.photo_rendition("share")["url"]
