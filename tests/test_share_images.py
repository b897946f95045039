"""What readers download: renditions only, never an original; every article has a share image."""

import json
from urllib.parse import unquote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from lxml import html as lxml_html

from articles.models import Article, ArticleImage, Author
from tests.fixtures.admin_forms import article_form
from tests.fixtures.photos import image_bytes


def _page(client, article):
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode(), lxml_html.fromstring(response.content)


def _news_article(tree):
    blocks = [json.loads(s.text) for s in tree.xpath('//script[@type="application/ld+json"]')]
    return next(b for b in blocks if b.get("@type") == "NewsArticle")


def _meta(tree, prop):
    found = tree.xpath(f'//meta[@property="{prop}" or @name="{prop}"]')
    return found[0].get("content") if found else None


def _srcset_widths(tree):
    widths = []
    for img in tree.xpath("//img[@srcset]"):
        widths += [int(part.split()[-1][:-1]) for part in img.get("srcset").split(",")]
    return widths


def test_a_4000_pixel_upload_is_never_sent_to_readers(client, editor, category, django_capture_on_commit_callbacks):
    """Cover and body photo uploaded through the admin at 4000×3000: the public page names
    only renditions (at most 2000 px wide), in src, srcset, og:image and JSON-LD alike."""
    author = Author.objects.create(name="Kim Phượng")
    client.force_login(editor)
    big = lambda name: SimpleUploadedFile(name, image_bytes(size=(4000, 3000)), "image/jpeg")  # noqa: E731
    data = article_form(category, author, status="published", cover=big("bia-lon.jpg"), cover_alt="Hội trường")
    data.update({
        "images-TOTAL_FORMS": "1", "images-0-image": big("hoi-truong-lon.jpg"),
        "images-0-alt": "Đại biểu dự hội nghị", "images-0-caption": "Quang cảnh hội nghị", "images-0-position": "0",
    })
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(reverse("admin:articles_article_add"), data).status_code == 302
    article = Article.objects.get()
    photo = article.images.get()
    article.body = "<p>Mở đầu.</p>" + photo.figure_html()
    article.save()
    client.logout()

    page, tree = _page(client, article)
    originals = [article.cover.url, photo.image.url]
    for original in originals:
        assert original not in page
    referenced = [
        value for element in tree.iter() if isinstance(element.tag, str)
        for name, value in element.attrib.items() if name in ("src", "srcset", "content", "href")
    ] + json.dumps(_news_article(tree)).split('"')
    assert not any(original in value for value in referenced for original in originals)
    assert len(tree.xpath('//div[@class="article-body"]//figure//img[@srcset]')) == 1
    assert tree.xpath('//figure[@class="cover"]//img')[0].get("src").endswith(".webp")
    widths = _srcset_widths(tree)
    assert max(widths) == 2000 and 480 in widths


def test_cover_is_the_share_image_at_1200_by_630(client, make_article, jpeg_upload, django_capture_on_commit_callbacks,
                                                settings):
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article(cover=jpeg_upload(size=(1600, 1200)), cover_alt="Hội trường nhìn từ cuối phòng")
    _page_html, tree = _page(client, article)
    og = _meta(tree, "og:image")
    assert og.startswith("http://testserver/media/") and og.endswith(".jpg")
    assert (_meta(tree, "og:image:width"), _meta(tree, "og:image:height")) == ("1200", "630")
    assert _meta(tree, "og:image:alt") == "Hội trường nhìn từ cuối phòng"
    assert _meta(tree, "twitter:card") == "summary_large_image"
    data = _news_article(tree)
    assert data["image"] == [og]
    assert data["publisher"]["logo"]["url"].startswith("http://testserver/static/img/logo")
    from PIL import Image

    with Image.open(settings.MEDIA_ROOT / unquote(og.split("/media/", 1)[1])) as card:
        assert (card.format, card.size) == ("JPEG", (1200, 630))


def test_without_a_cover_the_first_photo_of_the_body_is_shared(
    client, make_article, jpeg_upload, django_capture_on_commit_callbacks
):
    """The conference report: photos only in the text."""
    article = make_article(body="<p>Chỉ có chữ.</p>")
    with django_capture_on_commit_callbacks(execute=True):
        first = ArticleImage.objects.create(article=article, alt="Quang cảnh", caption="Quang cảnh hội nghị",
                                            image=jpeg_upload(name="quang-canh.jpg"))
        second = ArticleImage.objects.create(article=article, alt="Phát biểu", image=jpeg_upload(name="phat-bieu.jpg"))
    article.body = "<p>Mở đầu.</p>" + first.figure_html() + "<p>Tiếp.</p>" + second.figure_html()
    article.save()
    _page_html, tree = _page(client, article)
    first.refresh_from_db()
    expected = "http://testserver" + first.photo_rendition("share")["url"]
    assert _meta(tree, "og:image") == expected
    assert _meta(tree, "og:image:alt") == "Quang cảnh"
    assert _news_article(tree)["image"] == [expected]


def test_without_any_photo_the_sites_logo_is_shared(client, make_article, settings):
    from sites.models import Site

    article = make_article()
    _page_html, tree = _page(client, article)
    # No logo yet: the installation's default card, a real 1200×630 PNG.
    assert _meta(tree, "og:image").startswith("http://testserver/static/img/chia-se")
    assert (_meta(tree, "og:image:width"), _meta(tree, "og:image:height")) == ("1200", "630")

    site = Site.objects.default()
    site.logo = SimpleUploadedFile("logo.png", image_bytes(fmt="PNG", size=(300, 300)), "image/png")
    site.save()
    _page_html, tree = _page(client, article)
    og = _meta(tree, "og:image")
    assert og.startswith("http://testserver/media/") and og.endswith(".jpg")
    from PIL import Image

    with Image.open(settings.MEDIA_ROOT / unquote(og.split("/media/", 1)[1])) as card:
        assert card.size == (1200, 630)
        assert card.getpixel((5, 5)) == (255, 255, 255)  # the logo centred on white, not stretched
    assert _news_article(tree)["publisher"]["logo"]["url"] == "http://testserver" + site.logo.url


def test_photos_cost_no_queries_per_photo(client, make_article, jpeg_upload, django_capture_on_commit_callbacks,
                                          django_assert_max_num_queries):
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article(cover=jpeg_upload(), cover_alt="Bìa")
        photos = [ArticleImage.objects.create(article=article, alt=f"Ảnh {n}", image=jpeg_upload(name=f"a{n}.jpg"))
                  for n in range(4)]
    article.refresh_from_db()  # with the renditions built after the commit
    article.body = "".join(p.figure_html() for p in photos)
    article.save()
    with django_assert_max_num_queries(6):
        page, tree = _page(client, article)
    assert len(tree.xpath('//div[@class="article-body"]//img[@srcset]')) == 4


@pytest.mark.parametrize("width", [800, 1600, 2400])
def test_widest_copy_is_at_most_2000_pixels(make_article, jpeg_upload, django_capture_on_commit_callbacks, width):
    with django_capture_on_commit_callbacks(execute=True):
        photo = ArticleImage.objects.create(article=make_article(), alt="a", image=jpeg_upload(size=(width, 600)))
    photo.refresh_from_db()
    widths = [r["width"] for r in photo.renditions if "crop" not in r]
    assert max(widths) == min(width, 2000)


def test_an_authors_portrait_is_a_small_copy_not_the_upload(client, make_article, settings):
    author = Author.objects.create(name="Việt Hằng", photo=SimpleUploadedFile(
        "chan-dung.jpg", image_bytes(size=(3000, 4000)), "image/jpeg"))
    article = make_article()
    article.article_authors.create(author=author)
    page = client.get(author.get_absolute_url()).content.decode()
    tree = lxml_html.fromstring(page)
    src = tree.xpath('//img[contains(@class, "author-photo")]')[0].get("src")
    assert author.photo.url not in page
    from PIL import Image

    with Image.open(settings.MEDIA_ROOT / unquote(src.removeprefix(settings.MEDIA_URL))) as portrait:
        assert portrait.size == (192, 192)
