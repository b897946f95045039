"""Uploaded photos: real images only, upright, no EXIF location, with WebP renditions."""

import io
import re

import pytest
from django.urls import reverse
from PIL import Image

from articles.models import Article, ArticleImage
from tests.fixtures.photos import image_bytes
from tests.test_admin import article_form, change_form


def _exif_with_gps_and_rotation():
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to display
    exif[0x8825] = {1: "N", 2: (10.0, 38.0, 0.0), 3: "E", 4: (106.0, 29.0, 0.0)}  # GPS
    return exif


def test_upload_is_turned_upright_and_loses_exif(make_article, jpeg_upload, django_capture_on_commit_callbacks):
    article = make_article()
    with django_capture_on_commit_callbacks(execute=True):
        photo = ArticleImage.objects.create(
            article=article, alt="Hội trường",
            image=jpeg_upload(size=(1600, 900), exif=_exif_with_gps_and_rotation()),
        )
    with Image.open(photo.image.path) as stored:
        assert stored.size == (900, 1600)  # rotated upright
        assert dict(stored.getexif()) == {}  # GPS and every other tag gone
    assert (photo.width, photo.height) == (900, 1600)


def test_renditions_are_webp_at_several_widths(make_article, jpeg_upload, django_capture_on_commit_callbacks):
    article = make_article()
    with django_capture_on_commit_callbacks(execute=True):
        photo = ArticleImage.objects.create(article=article, alt="a", image=jpeg_upload(size=(1600, 900)))
    photo.refresh_from_db()
    full = [r for r in photo.renditions if "crop" not in r]
    # The last one is the photo's own width, re-encoded: the srcset never needs the original.
    assert [r["width"] for r in full] == [480, 800, 1200, 1600]
    for rendition in full:
        assert rendition["url"].endswith(".webp")
    srcset = photo.photo_srcset()
    assert "480w" in srcset and "1600w" in srcset and photo.image.url not in srcset
    share = photo.photo_rendition("share")
    assert (share["width"], share["height"]) == (1200, 630) and share["url"].endswith(".jpg")


def test_small_photo_gets_one_copy_of_its_own_size_not_upscaled(
    make_article, jpeg_upload, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        photo = ArticleImage.objects.create(article=make_article(), alt="a", image=jpeg_upload(size=(400, 300)))
    photo.refresh_from_db()
    assert [(r["width"], r["height"]) for r in photo.renditions if "crop" not in r] == [(400, 300)]
    assert photo.photo_src() != photo.image.url


def _post_cover(client, user, category, upload, author):
    client.force_login(user)
    data = article_form(category, author, cover=upload, cover_alt="Ảnh", status="draft")
    return client.post(reverse("admin:articles_article_add"), data)


@pytest.fixture
def author(db):
    from articles.models import Author

    return Author.objects.create(name="Kim Phượng")


@pytest.mark.parametrize("bad, message", [
    ("bomb_upload", "megapixel"),
    ("pdf_upload", "không phải là ảnh hợp lệ"),
])
def test_bad_upload_is_refused_in_vietnamese_and_nothing_is_saved(
    request, client, editor, category, author, settings, bad, message
):
    upload = request.getfixturevalue(bad)
    response = _post_cover(client, editor, category, upload, author)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Article.objects.exists()
    media = settings.MEDIA_ROOT
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))


def test_other_formats_are_refused(client, editor, category, author):
    from django.core.files.uploadedfile import SimpleUploadedFile

    gif = SimpleUploadedFile("anh.gif", image_bytes(fmt="GIF", size=(50, 50)), content_type="image/gif")
    response = _post_cover(client, editor, category, gif, author)
    assert "Định dạng GIF không được nhận" in response.content.decode()
    assert not Article.objects.exists()


def test_oversized_file_is_refused(client, editor, category, author, settings, jpeg_upload):
    settings.PHOTO_MAX_BYTES = 1000
    response = _post_cover(client, editor, category, jpeg_upload(), author)
    assert "Ảnh quá lớn" in response.content.decode()
    assert not Article.objects.exists()


def test_cover_requires_alt_text(client, editor, category, author, jpeg_upload):
    client.force_login(editor)
    data = article_form(category, author, cover=jpeg_upload(), cover_alt="", status="draft")
    response = client.post(reverse("admin:articles_article_add"), data)
    assert "Hãy nhập mô tả ảnh (alt)" in response.content.decode()
    assert not Article.objects.exists()


def test_good_cover_upload_through_the_admin(client, editor, category, author, jpeg_upload):
    response = _post_cover(client, editor, category, jpeg_upload(), author)
    assert response.status_code == 302
    article = Article.objects.get()
    with Image.open(article.cover.path) as stored:
        assert stored.format == "JPEG"
    assert article.cover_width == 1600


def test_figures_in_the_body_get_srcset_and_lazy_loading(client, make_article, jpeg_upload,
                                                          django_capture_on_commit_callbacks):
    article = make_article()
    with django_capture_on_commit_callbacks(execute=True):
        photo = ArticleImage.objects.create(article=article, alt="Hội trường", caption="Quang cảnh hội nghị",
                                            image=jpeg_upload(size=(1600, 900)))
    article.body = "<p>Mở đầu</p>" + photo.figure_html()
    article.save()
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<figcaption>Quang cảnh hội nghị</figcaption>" in html
    assert 'loading="lazy"' in html and ".webp 480w" in html and 'sizes="' in html


def test_huge_bomb_beyond_pillows_own_limit_gets_the_pixel_message(client, editor, category, author):
    from django.core.files.uploadedfile import SimpleUploadedFile

    buffer = io.BytesIO()
    Image.new("1", (20000, 20000), 0).save(buffer, format="PNG", optimize=True)  # 400 MP
    upload = SimpleUploadedFile("bom-lon.png", buffer.getvalue(), content_type="image/png")
    response = _post_cover(client, editor, category, upload, author)
    assert "megapixel" in response.content.decode()
    assert not Article.objects.exists()


def test_bad_inline_photo_saves_neither_article_nor_photos(client, editor, category, author, pdf_upload, jpeg_upload, settings):
    client.force_login(editor)
    data = article_form(category, author, status="draft")
    data.update({
        "images-TOTAL_FORMS": "2",
        "images-0-image": jpeg_upload(name="tot.jpg"), "images-0-alt": "Ảnh tốt", "images-0-caption": "",
        "images-0-position": "0",
        "images-1-image": pdf_upload, "images-1-alt": "Ảnh giả", "images-1-caption": "", "images-1-position": "1",
    })
    response = client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 200
    assert "không phải là ảnh hợp lệ" in response.content.decode()
    assert not Article.objects.exists() and not ArticleImage.objects.exists()
    media = settings.MEDIA_ROOT
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))
    # The reporter's text is still in the form.
    assert "Bài viết của phóng viên" in response.content.decode()


def test_an_upload_is_decoded_once_by_our_check_and_a_stored_photo_not_again(
    client, editor, category, author, jpeg_upload, monkeypatch
):
    opened = []
    real_open = Image.open
    monkeypatch.setattr(Image, "open", lambda *a, **k: opened.append(1) or real_open(*a, **k))
    response = _post_cover(client, editor, category, jpeg_upload(), author)
    assert response.status_code == 302
    # Our check, Django's own ImageField check, and the upright re-encode: the model
    # validator does not decode the upload a fourth time.
    assert len(opened) == 3
    opened.clear()
    article = Article.objects.get()
    data = change_form(article, title="Chỉ sửa tiêu đề", status="draft", cover_alt="Ảnh")
    assert client.post(reverse("admin:articles_article_change", args=[article.pk]), data).status_code == 302
    assert opened == []  # editing the title does not decode the stored cover again


# --- Nothing but pixels leaves the upload ------------------------------------------------
def _jpeg_segments(data):
    """The marker of every segment before the image data (SOS), read from the bytes."""
    assert data[:2] == b"\xff\xd8"
    markers, at = [], 2
    while True:
        assert data[at] == 0xFF
        marker = data[at + 1]
        markers.append(marker)
        if marker == 0xDA:  # start of scan: image data follows
            return markers
        length = int.from_bytes(data[at + 2:at + 4], "big")
        at += 2 + length


def _png_chunks(data):
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    chunks, at = [], 8
    while at < len(data):
        length = int.from_bytes(data[at:at + 4], "big")
        chunks.append(data[at + 4:at + 8].decode("ascii"))
        at += 12 + length
    return chunks


def _webp_chunks(data):
    assert data[:4] == b"RIFF" and data[8:12] == b"WEBP"
    chunks, at = [], 12
    while at < len(data):
        length = int.from_bytes(data[at + 4:at + 8], "little")
        chunks.append(data[at:at + 4].decode("ascii"))
        at += 8 + length + (length & 1)
    return chunks


def _with_every_kind_of_metadata(fmt):
    from PIL import ImageCms, PngImagePlugin

    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    exif = _exif_with_gps_and_rotation()
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF/></x:xmpmeta>'
    options = {"exif": exif, "icc_profile": srgb}
    if fmt == "JPEG":
        options.update(comment=b"Nikon D750, Nguyen Van A, 10.63N 106.48E", xmp=xmp)
    elif fmt == "PNG":
        info = PngImagePlugin.PngInfo()
        info.add_text("Author", "Nguyen Van A")
        info.add_itxt("XML:com.adobe.xmp", xmp.decode())
        options["pnginfo"] = info
    else:
        options["xmp"] = xmp
    buffer = io.BytesIO()
    Image.new("RGB", (800, 600), (30, 120, 200)).save(buffer, format=fmt, **options)
    return buffer.getvalue()


@pytest.mark.parametrize("fmt, ext, read, allowed", [
    # JFIF's APP0 header (0xE0), tables, frame and scan; no APP1-15 (EXIF, XMP, ICC...) nor COM.
    ("JPEG", "jpg", _jpeg_segments, {0xE0, 0xDB, 0xC0, 0xC4, 0xDA, 0xDD}),
    ("PNG", "png", _png_chunks, {"IHDR", "PLTE", "tRNS", "IDAT", "IEND"}),
    ("WEBP", "webp", _webp_chunks, {"VP8 ", "VP8L", "VP8X", "ALPH"}),
])
def test_every_metadata_segment_is_stripped(make_article, django_capture_on_commit_callbacks, fmt, ext, read, allowed):
    from django.core.files.uploadedfile import SimpleUploadedFile

    original = _with_every_kind_of_metadata(fmt)
    assert not set(read(original)) <= allowed  # the upload really carries metadata
    with django_capture_on_commit_callbacks(execute=True):
        photo = ArticleImage.objects.create(
            article=make_article(), alt="a",
            image=SimpleUploadedFile(f"anh.{ext}", original, content_type=f"image/{ext}"),
        )
    with open(photo.image.path, "rb") as stored:
        data = stored.read()
    assert set(read(data)) <= allowed
    for secret in (b"Nguyen Van A", b"xmpmeta", b"Nikon"):
        assert secret not in data


def test_uploads_get_unguessable_names(make_article, jpeg_upload, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        photos = [ArticleImage.objects.create(article=make_article(), alt="a",
                                              image=jpeg_upload(name="Hội nghị dân vận.jpg"))
                  for _ in range(2)]
    names = [photo.image.name.rsplit("/", 1)[1] for photo in photos]
    for name in names:
        # The newsroom's words, then a random token of 16 characters.
        assert re.fullmatch(r"hoi-nghi-dan-van-[A-Za-z0-9_-]{16}\.jpg", name), name
    assert names[0] != names[1]
