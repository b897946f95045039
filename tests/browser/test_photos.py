"""Photos in the editor, in a real browser: upload and place without a page load; the
picker shows only the user's own site's library."""

import importlib

import pytest
from django.apps import apps
from django.test import Client
from playwright.sync_api import expect

from articles.models import Article, ArticleImage
from tests.fixtures.photos import image_bytes

EDITOR = ".ProseMirror[contenteditable=true]"


@pytest.fixture
def login(chromium, site_url):
    """login(user) → a browser tab logged in as `user`."""
    importlib.import_module("articles.migrations.0002_roles").create_roles(apps, None)
    contexts = []

    def open_as(user):
        client = Client()
        client.force_login(user)
        context = chromium.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
        context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": site_url}])
        contexts.append(context)
        tab = context.new_page()
        tab.errors = []
        tab.on("pageerror", lambda exc: tab.errors.append(str(exc)))
        return tab

    yield open_as
    for context in contexts:
        context.close()


def _photo_file(name="hoi-truong.jpg", size=(1600, 1000)):
    return {"name": name, "mimeType": "image/jpeg", "buffer": image_bytes(size=size)}


def test_reporter_uploads_and_places_a_captioned_photo_without_a_page_load(
    login, site_url, reporter, make_article, django_user_model
):
    from articles import roles
    from tests.fixtures.articles import _staff

    draft = make_article(title="Hội nghị sơ kết công tác Dân vận", status="draft", publish_at=None,
                         authors=["Việt Hằng"], body="<p>Chiều 30/6, hội nghị diễn ra tại hội trường.</p>",
                         created_by=reporter)
    tab = login(reporter)
    tab.goto(f"{site_url}/admin/articles/article/{draft.pk}/change/")
    expect(tab.locator(EDITOR)).to_contain_text("hội nghị diễn ra")
    tab.evaluate("window.__samePage = true")
    tab.locator(EDITOR).click()
    tab.keyboard.press("End")

    # 1 the photo button, 2 the file, 3 the alt text, 4 the caption, 5 upload and place.
    tab.get_by_role("button", name="Chèn ảnh (tải lên hoặc chọn từ thư viện)").click()
    dialog = tab.get_by_role("dialog", name="Chèn ảnh vào bài")
    expect(dialog).to_be_visible()
    dialog.get_by_label("Tệp ảnh (JPEG, PNG hoặc WebP)").set_input_files(_photo_file())
    dialog.get_by_label("Mô tả ảnh (alt) – bắt buộc, cho người khiếm thị").fill("Đại biểu ngồi kín hội trường")
    dialog.get_by_label("Chú thích hiện dưới ảnh").fill("Quang cảnh hội nghị")
    dialog.get_by_role("button", name="Tải lên và chèn vào bài").click()

    expect(dialog).to_be_hidden()
    figure = tab.locator(f"{EDITOR} figure")
    expect(figure.locator("figcaption")).to_have_text("Quang cảnh hội nghị")
    expect(figure.locator("img")).to_have_attribute("alt", "Đại biểu ngồi kín hội trường")
    assert tab.evaluate("window.__samePage") is True  # no page load
    photo = ArticleImage.objects.get()
    assert (photo.article_id, photo.caption) == (draft.pk, "Quang cảnh hội nghị")

    tab.get_by_role("button", name="Lưu và tiếp tục chỉnh sửa").click()
    expect(tab.locator(".messagelist")).to_be_visible()
    draft.refresh_from_db()
    assert photo.image.url in draft.body and "<figcaption>Quang cảnh hội nghị</figcaption>" in draft.body

    # An editor publishes it; a reader sees the photo with its caption and alt text.
    editor = _staff(django_user_model, "bientap_anh", roles.EDITOR)
    draft.status = Article.Status.PUBLISHED
    draft.save()
    reader = login(editor)
    reader.context.clear_cookies()
    reader.goto(f"{site_url}{draft.get_absolute_url()}")
    public = reader.locator(".article-body figure")
    expect(public.locator("figcaption")).to_have_text("Quang cảnh hội nghị")
    expect(public.locator("img")).to_have_attribute("alt", "Đại biểu ngồi kín hội trường")
    assert photo.image.url not in reader.content()
    assert tab.errors == [] and reader.errors == []


def test_dropping_a_file_on_the_editor_asks_for_its_alt_text_then_places_it(login, site_url, reporter, make_article):
    draft = make_article(title="Bài có ảnh kéo thả", status="draft", publish_at=None, authors=["Việt Hằng"],
                         body="<p>Đoạn đầu.</p>", created_by=reporter)
    tab = login(reporter)
    tab.goto(f"{site_url}/admin/articles/article/{draft.pk}/change/")
    expect(tab.locator(EDITOR)).to_contain_text("Đoạn đầu")
    data = tab.evaluate_handle(
        """(bytes) => { const t = new DataTransfer();
            t.items.add(new File([new Uint8Array(bytes)], 'keo-tha.jpg', {type: 'image/jpeg'})); return t; }""",
        list(image_bytes(size=(800, 600))),
    )
    tab.locator(f"{EDITOR} p").first.dispatch_event("drop", {"dataTransfer": data})
    dialog = tab.get_by_role("dialog", name="Chèn ảnh vào bài")
    expect(dialog).to_be_visible()
    # 2 actions after the drop: the alt text, then Enter.
    dialog.get_by_label("Mô tả ảnh (alt) – bắt buộc, cho người khiếm thị").fill("Cánh đồng lúa chín")
    tab.keyboard.press("Enter")
    expect(tab.locator(f"{EDITOR} figure img")).to_have_attribute("alt", "Cánh đồng lúa chín")
    assert ArticleImage.objects.get().alt == "Cánh đồng lúa chín"


def test_a_photo_pasted_from_another_site_is_pointed_out_before_saving(login, site_url, reporter, make_article):
    draft = make_article(title="Bài dán ảnh", status="draft", publish_at=None, authors=["Việt Hằng"],
                         body="<p>Đoạn đầu.</p>", created_by=reporter)
    tab = login(reporter)
    tab.goto(f"{site_url}/admin/articles/article/{draft.pk}/change/")
    expect(tab.locator(EDITOR)).to_contain_text("Đoạn đầu")
    tab.locator(EDITOR).click()
    # What copying part of another site's page puts on the clipboard, pasted with Ctrl+V.
    tab.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url)
    tab.evaluate("""() => navigator.clipboard.write([new ClipboardItem({
        'text/html': new Blob(['<p>Trích</p><figure><img src="https://baomoi.example/anh.jpg" alt="ảnh ngoài">'
                               + '<figcaption>Ảnh của báo khác</figcaption></figure>'], {type: 'text/html'}),
        'text/plain': new Blob(['Trích'], {type: 'text/plain'})})])""")
    tab.keyboard.press("Control+V")
    warning = tab.locator(".photo-foreign")
    expect(warning).to_contain_text("1 ảnh lấy từ nơi khác")
    expect(warning).to_contain_text("https://baomoi.example/anh.jpg")
    tab.get_by_role("button", name="Lưu và tiếp tục chỉnh sửa").click()
    expect(warning).to_be_focused()
    draft.refresh_from_db()
    assert "Trích" not in draft.body  # not saved: nothing was silently dropped


def test_the_picker_shows_only_the_users_own_sites_library(login, site_url, settings, province, site_content,
                                                          django_user_model, jpeg_upload):
    from articles import roles
    from tests.fixtures.articles import _staff

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "127.0.0.1"]
    portal, commune = site_content["portal"], site_content["commune"]
    ArticleImage.objects.create(article=portal["article"], image=jpeg_upload(), alt="Ảnh tỉnh",
                                caption="Lễ kỷ niệm của tỉnh")
    ArticleImage.objects.create(article=commune["article"], image=jpeg_upload(), alt="Ảnh xã",
                                caption="Hội nghị Dân vận xã")
    commune_editor = _staff(django_user_model, "bientap_xa", roles.EDITOR, site=commune["site"])
    tab = login(commune_editor)
    tab.goto(f"{site_url}/admin/articles/article/{commune['article'].pk}/change/")
    tab.get_by_role("button", name="Chèn ảnh (tải lên hoặc chọn từ thư viện)").click()
    library = tab.locator("[data-list=library]")
    expect(library).to_contain_text("Hội nghị Dân vận xã")
    expect(library).not_to_contain_text("Lễ kỷ niệm của tỉnh")
    tab.get_by_placeholder("Tìm theo chú thích, gõ không dấu cũng được").fill("hoi nghi dan van")
    expect(library.locator("li")).to_have_count(1)
    # Asking the server directly for the portal's library from this page: refused.
    status = tab.evaluate(
        "(url) => fetch(url, {credentials: 'same-origin'}).then(r => r.status)",
        f"/admin/articles/articleimage/chon/?category={portal['category'].pk}",
    )
    assert status == 403


def test_a_pasted_photo_that_its_site_lets_us_fetch_is_uploaded_into_the_library(
    login, site_url, reporter, make_article
):
    """The "upload it" branch for a photo copied from another site: here the other site is this
    server's static files under another host name, which allow cross-origin reads."""
    draft = make_article(title="Bài dán ảnh được phép tải", status="draft", publish_at=None,
                         authors=["Việt Hằng"], body="<p>Đoạn đầu.</p>", created_by=reporter)
    tab = login(reporter)
    tab.goto(f"{site_url}/admin/articles/article/{draft.pk}/change/")
    expect(tab.locator(EDITOR)).to_contain_text("Đoạn đầu")
    from django.templatetags.static import static

    src = site_url.replace("127.0.0.1", "localhost") + static("img/logo.png")
    tab.locator(EDITOR).click()
    tab.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url)
    tab.evaluate("""(src) => navigator.clipboard.write([new ClipboardItem({
        'text/html': new Blob(['<figure><img src="' + src + '" alt=""><figcaption>Biểu trưng</figcaption></figure>'],
                              {type: 'text/html'}), 'text/plain': new Blob(['x'], {type: 'text/plain'})})])""", src)
    tab.keyboard.press("Control+V")
    warning = tab.locator(".photo-foreign")
    expect(warning).to_contain_text("1 ảnh lấy từ nơi khác")
    warning.get_by_role("button", name="Tải ảnh này lên thư viện").click()
    dialog = tab.get_by_role("dialog", name="Chèn ảnh vào bài")
    expect(dialog).to_be_visible()
    dialog.get_by_label("Mô tả ảnh (alt) – bắt buộc, cho người khiếm thị").fill("Biểu trưng của cổng thông tin")
    tab.keyboard.press("Enter")
    expect(warning).to_be_hidden()
    photo = ArticleImage.objects.get()
    image = tab.locator(f"{EDITOR} figure img")
    expect(image).to_have_attribute("src", photo.image.url)
    expect(image).to_have_attribute("alt", "Biểu trưng của cổng thông tin")
    tab.get_by_role("button", name="Lưu và tiếp tục chỉnh sửa").click()
    expect(tab.locator(".messagelist")).to_be_visible()
    draft.refresh_from_db()
    assert photo.image.url in draft.body and "Biểu trưng" in draft.body


def test_clicking_the_cover_sets_its_focal_point(login, site_url, editor, make_article, jpeg_upload):
    article = make_article(title="Bài có ảnh bìa", cover=jpeg_upload(size=(1600, 900)), cover_alt="Hội trường",
                           authors=["Việt Hằng"])
    tab = login(editor)
    tab.goto(f"{site_url}/admin/articles/article/{article.pk}/change/")
    stage = tab.locator(".focal-stage img")
    expect(stage).to_be_visible()
    box = stage.bounding_box()
    stage.click(position={"x": box["width"] * 0.25, "y": box["height"] * 0.1})
    expect(tab.locator("#id_cover_focal_x")).to_have_value("25")
    expect(tab.locator("#id_cover_focal_y")).to_have_value("10")
    expect(tab.locator(".focal-crop-share img")).to_have_css("object-position", "25% 10%")
    tab.get_by_role("button", name="Lưu và tiếp tục chỉnh sửa").click()
    expect(tab.locator(".messagelist")).to_be_visible()
    article.refresh_from_db()
    assert (article.cover_focal_x, article.cover_focal_y) == (25, 10)
    assert "target-25%2C10" in article.photo_rendition("share")["url"]


def test_pasting_a_screenshot_uploads_it_where_the_cursor_is(login, site_url, reporter, make_article):
    draft = make_article(title="Bài dán ảnh chụp màn hình", status="draft", publish_at=None,
                         authors=["Việt Hằng"], body="<p>Đoạn đầu.</p>", created_by=reporter)
    tab = login(reporter)
    tab.goto(f"{site_url}/admin/articles/article/{draft.pk}/change/")
    expect(tab.locator(EDITOR)).to_contain_text("Đoạn đầu")
    tab.locator(EDITOR).click()
    tab.keyboard.press("End")
    tab.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url)
    tab.evaluate("""(bytes) => navigator.clipboard.write([new ClipboardItem({
        'image/png': new Blob([new Uint8Array(bytes)], {type: 'image/png'})})])""",
                 list(image_bytes(fmt="PNG", size=(640, 360))))
    tab.keyboard.press("Control+V")
    dialog = tab.get_by_role("dialog", name="Chèn ảnh vào bài")
    expect(dialog).to_be_visible()
    dialog.get_by_label("Mô tả ảnh (alt) – bắt buộc, cho người khiếm thị").fill("Bảng kết quả thực hiện chỉ tiêu")
    dialog.get_by_label("Chú thích hiện dưới ảnh").fill("Kết quả 6 tháng đầu năm")
    tab.keyboard.press("Enter")
    figure = tab.locator(f"{EDITOR} figure")
    expect(figure.locator("figcaption")).to_have_text("Kết quả 6 tháng đầu năm")
    photo = ArticleImage.objects.get()
    assert photo.image.name.endswith(".png") and photo.alt == "Bảng kết quả thực hiện chỉ tiêu"
