"""Public pages: status codes, redirects, metadata, caching and query budgets."""

import json
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article, ArticleAuthor, ArticleImage, Author, Event


@pytest.fixture
def report(make_article, event):
    return make_article(
        title="Bến Lức: Hội nghị đánh giá công tác Dân vận",
        sapo="Chiều 30/6/2022, Ban Dân vận Huyện ủy Bến Lức tổ chức hội nghị sơ kết.",
        authors=["Việt Hằng", "Kim Phượng"],
        event=event,
    )


def test_every_public_page_answers(client, report, event):
    author = report.authors.first()
    for url in ["/", report.category.get_absolute_url(), report.get_absolute_url(),
                author.get_absolute_url(), "/su-kien/", event.get_absolute_url(),
                "/tim-kiem/?q=dan+van", "/rss/", f"/{report.category.slug}/rss/",
                "/sitemap.xml", "/sitemap-news.xml", "/robots.txt", "/su-kien/lich.ics"]:
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("url", [
    "/khong-ton-tai/", "/ben-luc/khong-co-bai-999999/", "/tac-gia/khong-co/",
    "/su-kien/khong-co-999999/", "/khong-co/rss/", "/ben-luc/?trang=999", "/ben-luc/?trang=-1",
    "/ben-luc/?trang=abc", "/ben-luc/?trang=%00", "/ben-luc/" + "a" * 3000 + "-999999/",
])
def test_missing_or_hostile_urls_are_404_in_vietnamese(client, report, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_stale_slug_or_section_redirects_permanently(client, report, other_category):
    canonical = report.get_absolute_url()
    for stale in (f"/ben-luc/ten-cu-{report.pk}/", f"/thoi-su/{report.slug}-{report.pk}/"):
        response = client.get(stale)
        assert response.status_code == 301 and response["Location"] == canonical
    report.category = other_category
    report.save()
    old = f"/ben-luc/{report.slug}-{report.pk}/"
    assert client.get(old)["Location"] == report.get_absolute_url()


def test_event_stale_slug_redirects(client, event):
    response = client.get(f"/su-kien/ten-cu-{event.pk}/")
    assert response.status_code == 301 and response["Location"] == event.get_absolute_url()


def test_500_page_is_vietnamese_with_status(client, settings):
    from benluc.views import server_error
    from django.test import RequestFactory

    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "hệ thống đang gặp sự cố" in response.content.decode()


def test_post_to_a_public_page_is_refused(client, report):
    assert client.post(report.get_absolute_url()).status_code == 405


def test_article_page_anatomy(client, report, make_article):
    sibling = make_article(title="Bài cùng chuyên mục")
    html = client.get(report.get_absolute_url()).content.decode()
    assert re.search(r"Thứ (Hai|Ba|Tư|Năm|Sáu|Bảy)|Chủ Nhật", html)  # header date line
    assert 'aria-label="Vị trí"' in html and report.category.name in html  # breadcrumb
    assert "<h1 class=\"article-title\">" in html
    assert 'aria-label="Cỡ chữ bài viết"' in html and html.count(">A</button>") == 2
    assert "Việt Hằng</a> – <a" in html
    assert 'id="y-kien"' in html
    assert "csrfmiddlewaretoken" not in html  # cacheable for everyone
    # As in the seed: body, byline at its end, then related articles, then the comments.
    order = [html.index(marker) for marker in (
        'class="article-body"', 'class="byline"', ">Tin liên quan</h2>", f">{sibling.title}</a>", 'id="y-kien"',
    )]
    assert order == sorted(order)


def test_article_metadata_for_machines(client, report):
    html = client.get(report.get_absolute_url()).content.decode()
    assert f'<link rel="canonical" href="http://testserver{report.get_absolute_url()}">' in html
    assert '<meta property="og:title" content="Bến Lức: Hội nghị đánh giá công tác Dân vận">' in html
    assert '<meta name="twitter:card"' in html
    assert '<meta name="description" content="Chiều 30/6/2022, Ban Dân vận' in html
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html).group(1))
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == report.title
    assert data["datePublished"].endswith("+07:00")
    assert [a["name"] for a in data["author"]] == ["Việt Hằng", "Kim Phượng"]
    assert data["publisher"]["name"]


def test_json_ld_cannot_be_broken_out_of(client, make_article):
    article = make_article(title="</script><script>alert(1)</script>")
    html = client.get(article.get_absolute_url()).content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html).group(1)
    assert "<" not in block and json.loads(block)["headline"] == article.title


@pytest.mark.parametrize("url_name", ["home", "section", "article", "author", "events", "event"])
def test_every_page_advertises_the_rss_feed(client, report, event, url_name):
    url = {"home": "/", "section": report.category.get_absolute_url(),
           "article": report.get_absolute_url(), "author": report.authors.first().get_absolute_url(),
           "events": "/su-kien/", "event": event.get_absolute_url()}[url_name]
    html = client.get(url).content.decode()
    assert '<link rel="alternate" type="application/rss+xml"' in html and 'href="/rss/"' in html


def test_related_articles_same_event_or_section(client, report, make_article, other_category, event):
    same_event = make_article(title="Bài cùng sự kiện", category=other_category, event=event)
    same_section = make_article(title="Bài cùng chuyên mục")
    unrelated = make_article(title="Bài không liên quan", category=other_category)
    html = client.get(report.get_absolute_url()).content.decode()
    related = html.split("Tin liên quan", 1)[1]
    assert same_event.title in related and same_section.title in related
    assert unrelated.title not in related


def test_home_section_author_event_pages_list_what_they_should(client, report, make_article, event):
    draft = make_article(title="Bản nháp chưa đăng", status=Article.Status.DRAFT, publish_at=None)
    home = client.get("/").content.decode()
    assert report.title in home and draft.title not in home
    section = client.get(report.category.get_absolute_url()).content.decode()
    assert report.title in section and draft.title not in section
    author = client.get(report.authors.first().get_absolute_url()).content.decode()
    assert report.title in author
    event_page = client.get(event.get_absolute_url()).content.decode()
    assert report.title in event_page and "Ban Dân vận Huyện ủy Bến Lức" in event_page
    assert "Dương Văn Út – Phó Bí thư Thường trực Huyện ủy" in event_page


def test_section_pagination(client, make_article):
    articles = [make_article(title=f"Tin số {n:02d}") for n in range(15)]
    first = client.get("/ben-luc/").content.decode()
    second = client.get("/ben-luc/?trang=2").content.decode()
    assert "Trang 1 / 2" in first and 'rel="next"' in first
    shown = [a.title for a in articles if a.title in first] + [a.title for a in articles if a.title in second]
    assert sorted(shown) == sorted(a.title for a in articles)


def test_event_list_splits_upcoming_and_past(client, event):
    future = Event.objects.create(name="Lễ giao nhận quân năm tới", starts_at=timezone.now() + timedelta(days=30))
    html = client.get("/su-kien/").content.decode()
    upcoming, past = html.split('id="past"', 1)
    assert future.name in upcoming and event.name in past


# --- caching -------------------------------------------------------------------

def test_anonymous_pages_are_cached_and_edits_refresh_them(client, report, django_assert_num_queries):
    url = report.get_absolute_url()
    client.get(url)
    client.get("/")
    # From the cache: one query each, the site's content version; nothing is rebuilt.
    with django_assert_num_queries(2):
        client.get(url)
        client.get("/")
    report.title = "Tiêu đề đã được biên tập"
    report.save()
    assert "Tiêu đề đã được biên tập" in client.get(url).content.decode()
    assert "Tiêu đề đã được biên tập" in client.get("/").content.decode()


def test_unpublishing_removes_the_article_from_every_cached_page(client, report, event):
    pages = ["/", report.category.get_absolute_url(), report.authors.first().get_absolute_url(),
             event.get_absolute_url(), "/rss/", f"/{report.category.slug}/rss/"]
    for url in pages:
        assert report.title in client.get(url).content.decode(), url
    assert client.get(report.get_absolute_url()).status_code == 200
    report.status = Article.Status.DRAFT
    report.save()
    for url in pages:
        assert report.title not in client.get(url).content.decode(), url
    assert client.get(report.get_absolute_url()).status_code == 404


def test_staff_are_never_served_the_public_cache(client, report, editor):
    client.get(report.get_absolute_url())
    client.force_login(editor)
    response = client.get(report.get_absolute_url())
    assert "private" in response["Cache-Control"]


def test_public_page_has_cache_headers_and_no_cookie(client, report):
    response = client.get(report.get_absolute_url())
    assert "public" in response["Cache-Control"]
    assert not response.cookies


# --- query budgets (same with 5 or 500 articles) ------------------------------

def _bulk_articles(n, category, author, event):
    now = timezone.now()
    articles = Article.objects.bulk_create([
        Article(title=f"Tin tức số {i}", slug=f"tin-tuc-so-{i}", sapo="Tóm tắt.", body="<p>Nội dung</p>",
                category=category, event=event, status=Article.Status.PUBLISHED,
                publish_at=now - timedelta(minutes=i + 1))
        for i in range(n)
    ])
    ArticleAuthor.objects.bulk_create([ArticleAuthor(article=a, author=author) for a in articles])
    return articles


@pytest.fixture(params=[5, 500])
def newsroom(request, db, category, other_category, event, jpeg_upload):
    from sites.models import Site

    author = Author.objects.create(name="Việt Hằng")
    second = Author.objects.create(name="Kim Phượng")
    articles = _bulk_articles(request.param, category, author, event)
    _bulk_articles(request.param, other_category, second, None)
    lead = articles[0]
    ArticleAuthor.objects.create(article=lead, author=second, position=1)
    for n in range(3):
        ArticleImage.objects.create(article=lead, image=jpeg_upload(size=(600, 400)), alt=f"Ảnh {n}")
    for n in range(3):
        Event.objects.create(name=f"Sự kiện {n}", starts_at=timezone.now() + timedelta(days=n + 1))
    Site.objects.bump([category.site_id])  # bulk_create sends no signals
    return {"article": lead, "author": author, "event": event, "category": category}


@pytest.mark.parametrize("page, budget", [
    ("article", 6), ("home", 10), ("section", 10), ("section2", 10), ("author", 10),
    ("event", 10), ("events", 10),
])
def test_query_budget_does_not_grow_with_the_data(client, newsroom, page, budget, django_assert_max_num_queries):
    url = {
        "article": newsroom["article"].get_absolute_url(),
        "home": "/",
        "section": newsroom["category"].get_absolute_url(),
        "section2": newsroom["category"].get_absolute_url() + "?trang=1",
        "author": newsroom["author"].get_absolute_url(),
        "event": newsroom["event"].get_absolute_url(),
        "events": "/su-kien/",
    }[page]
    with django_assert_max_num_queries(budget):
        assert client.get(url).status_code == 200


def test_home_lead_story_prefers_a_recent_article_with_a_photo(client, make_article, jpeg_upload):
    pictured = make_article(title="Tin có ảnh", cover=jpeg_upload(), cover_alt="Cánh đồng")
    make_article(title="Tin mới hơn nhưng không ảnh", publish_at=timezone.now())
    html = client.get("/").content.decode()
    lead = html.split('class="lead-story"', 1)[1].split("</section>", 1)[0]
    assert pictured.title in lead
    assert "Tin mới hơn nhưng không ảnh" in html


def test_favicon_ico_points_at_the_hashed_icon(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].startswith("/static/img/favicon.") and response["Location"].endswith(".svg")


def test_home_shows_the_four_newest_of_each_section(make_article, other_category, category):
    from articles.models import Category

    made = {c.pk: [make_article(title=f"{c.name} {n}", category=c) for n in range(6)]
            for c in (category, other_category)}
    draft = make_article(title="Bản nháp", status=Article.Status.DRAFT, publish_at=None)
    newest = Article.objects.published().latest_per_section([c.pk for c in Category.objects.menu(category.site)], 4)
    got = {}
    for article in newest.newest_first():
        got.setdefault(article.category_id, []).append(article.pk)
    # make_article dates each new article a second earlier: the first four are the newest.
    assert got == {pk: [a.pk for a in articles[:4]] for pk, articles in made.items()}
    assert draft.pk not in newest.values_list("pk", flat=True)


def test_home_lists_the_sites_newest_first_and_each_sections_four_when_one_section_is_busy(
        client, make_article, other_category, category):
    """The newest seven of the site come in the same statement as each section's four: when
    they all belong to one section, that section still shows only its four newest."""
    busy = [make_article(title=f"Tin thời sự mới số {n}", category=category) for n in range(9)]
    quiet = [make_article(title=f"Tin chuyên mục khác số {n}", category=other_category) for n in range(5)]
    html = client.get("/").content.decode()
    top = html[html.index('class="front'):html.index('class="home-columns"')]
    sections = html[html.index('class="home-columns"'):]
    import re
    assert re.findall(r"Tin [^<]* số \d", top) == [a.title for a in busy[:7]]
    assert busy[7].title not in top and quiet[0].title not in top
    busy_block = sections[sections.index(f'id="sec-{category.pk}"'):sections.index(f'id="sec-{other_category.pk}"')]
    quiet_block = sections[sections.index(f'id="sec-{other_category.pk}"'):]
    assert [a.title for a in busy if a.title + "<" in busy_block] == [a.title for a in busy[:4]]
    assert [a.title for a in quiet if a.title + "<" in quiet_block] == [a.title for a in quiet[:4]]


def test_pages_without_the_menu_do_not_load_it(client, superuser, category, article, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(superuser)
    with CaptureQueriesContext(connection) as admin_page:
        client.get("/admin/")
    with CaptureQueriesContext(connection) as comment_block:
        client.get(f"/binh-luan/{article.pk}/khoi/")
    for captured in (admin_page, comment_block):
        assert not any('"articles_category"' in q["sql"] and "ORDER BY" in q["sql"] for q in captured.captured_queries)
    assert category.name in client.get("/").content.decode()  # where it is shown, it is there
