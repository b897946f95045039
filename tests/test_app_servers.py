"""Two app servers over one PostgreSQL, one Redis and one S3-compatible object store: a photo
uploaded through one is served through the other with its renditions, and an edit saved through
one refreshes the other's pages at once. Nothing is written to either server's own disk."""

import io

import pytest
from django.db import connection
from lxml import html as lxml_html
from PIL import Image

from articles.models import Article, Author
from tests.fixtures.processes import PRODUCTION_ENV

PASSWORD = "mat-khau-thu"


def database_url():
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def form_data(page, form_id):
    """The values a browser would send from the form `form_id` of `page`, files left out."""
    form = lxml_html.fromstring(page).get_element_by_id(form_id)
    data = {}
    for field in form.xpath(".//input[@name] | .//textarea[@name] | .//select[@name]"):
        name, kind = field.get("name"), (field.get("type") or "").lower()
        if field.tag == "input" and kind in ("file", "submit", "button", "image"):
            continue
        if field.tag == "input" and kind in ("checkbox", "radio"):
            if field.get("checked") is not None:
                data[name] = field.get("value", "on")
            continue
        if field.tag == "select":
            chosen = field.xpath("./option[@selected] | ./optgroup/option[@selected]")
            data[name] = chosen[0].get("value", "") if chosen else ""
            continue
        data[name] = field.text or "" if field.tag == "textarea" else field.get("value", "")
    return data


def photo_bytes(width=1600, height=1000):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (30, 120, 60)).save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def logged_in(server, username):
    """A requests session logged in to `server`'s back office, through its login form."""
    import requests

    session = requests.Session()
    page = session.get(f"{server.url}/admin/login/?next=/admin/")
    data = form_data(page.text, "login-form")
    data.update(username=username, password=PASSWORD)
    response = session.post(f"{server.url}/admin/login/?next=/admin/", data=data, allow_redirects=False)
    assert response.status_code == 302, response.text[:2000]
    return session


@pytest.mark.multiserver
def test_two_app_servers_share_one_database_cache_and_object_store(
    transactional_db, editor, category, start_server, redis_server, object_store, tmp_path,
):
    if connection.vendor != "postgresql":
        pytest.skip("several app servers share PostgreSQL; CI's PostgreSQL run covers this")
    import requests
    from django.contrib.auth.hashers import PBKDF2PasswordHasher

    hasher = PBKDF2PasswordHasher()
    editor.password = hasher.encode(PASSWORD, hasher.salt(), iterations=1000)
    editor.save()
    author = Author.objects.create(name="Việt Hằng")
    env = {
        **PRODUCTION_ENV, **object_store.env,
        "ALLOWED_HOSTS": "127.0.0.1", "HTTPS": "false", "SITE_URL": "http://127.0.0.1",
        "DATABASE_URL": database_url(), "CONN_MAX_AGE": "0", "CACHE_URL": redis_server.url,
        "WEB_CONCURRENCY": "1", "GUNICORN_THREADS": "4",
    }
    disks = {name: tmp_path / f"{name}-media" for name in ("a", "b")}
    first = start_server({**env, "MEDIA_ROOT": str(disks["a"])}, "a")
    second = start_server({**env, "MEDIA_ROOT": str(disks["b"])}, "b")

    # An editor publishes an article with a cover photo through the first server.
    staff = logged_in(first, "bientap")
    add = f"{first.url}/admin/articles/article/add/"
    data = form_data(staff.get(add).text, "article_form")
    data.update({
        "title": "Hội nghị sơ kết công tác Dân vận", "sapo": "Tóm tắt hội nghị.",
        "body": "<p>Nội dung hội nghị.</p>", "category": str(category.pk), "status": "published",
        "cover_alt": "Quang cảnh hội nghị", "cover_caption": "Quang cảnh hội nghị",
        "article_authors-TOTAL_FORMS": "1", "article_authors-0-author": str(author.pk),
        "article_authors-0-position": "0",
    })
    response = staff.post(add, data=data, allow_redirects=False,
                          files={"cover": ("hoi-nghi.jpg", photo_bytes(), "image/jpeg")})
    assert response.status_code == 302, response.text[:3000]
    article = Article.objects.get()
    path = article.get_absolute_url()

    # The second server shows it, its photo and renditions coming from the object store.
    status, page, _headers = second.get(path)
    assert status == 200 and "Hội nghị sơ kết công tác Dân vận" in page
    cover = lxml_html.fromstring(page).xpath("//figure[contains(@class, 'cover')]//img")[0]
    candidates = [part.split() for part in cover.get("srcset").split(",")]
    assert len(candidates) >= 3  # 480, 800, 1200 and one at the photo's own width (never the original)
    for url, width in candidates:
        assert url.startswith(f"{object_store.url}/{object_store.bucket}/"), url
        photo = requests.get(url, timeout=10)
        assert photo.status_code == 200
        with Image.open(io.BytesIO(photo.content)) as image:
            assert f"{image.width}w" == width
    keys = object_store.keys()
    assert any("renditions/" in key for key in keys), keys
    # Nothing was written to either app server's own disk.
    assert not any(path.is_file() for disk in disks.values() if disk.exists() for path in disk.rglob("*"))

    # An edit saved through the first server: the second server's cached pages are replaced at once.
    assert "Hội nghị sơ kết" in second.get("/")[1]
    change = f"{first.url}/admin/articles/article/{article.pk}/change/"
    data = form_data(staff.get(change).text, "article_form")
    data["title"] = "Hội nghị tổng kết công tác Dân vận"
    response = staff.post(change, data=data, allow_redirects=False)
    assert response.status_code == 302, response.text[:3000]
    for page_path in (path, "/"):
        status, page, _headers = second.get(page_path)
        assert status == 200
        assert "Hội nghị tổng kết công tác Dân vận" in page and "sơ kết" not in page
