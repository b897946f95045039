"""Readership without tracking: the rating and the view beacon leave pages cacheable and cookie-free."""

import csv
import io
import threading
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from lxml import html as lxml_html

from articles import roles
from readership import counter
from readership.models import PageViews, Rating
from readership.pages import page_of
from sites.models import Membership, Site

RATE = "/ban-doc/danh-gia/"
BEACON = "/ban-doc/luot-xem/"


def _doc(response):
    return lxml_html.fromstring(response.content.decode())


def _vote(client, path, answer="co", ip="203.0.113.7", **extra):
    return client.post(RATE, {"trang": path, "huu-ich": answer}, REMOTE_ADDR=ip, **extra)


def _view(client, path, ip="203.0.113.7"):
    return client.post(BEACON, path.encode(), content_type="text/plain;charset=UTF-8", REMOTE_ADDR=ip)


# --- Rating -----------------------------------------------------------------------------
def test_article_page_carries_the_rating_and_stays_cached_and_cookie_free(
    client, article, django_assert_num_queries
):
    url = article.get_absolute_url()
    first = client.get(url)
    form = _doc(first).xpath("//form[@data-rating]")[0]
    assert form.get("action") == RATE and form.get("method") == "post"
    assert form.xpath(".//input[@name='trang']")[0].get("value") == url
    assert [b.text for b in form.xpath(".//button")] == ["Có", "Không"]
    assert "Thông tin có hữu ích không?" in form.text_content()
    voted = _vote(client, url)
    assert voted.status_code == 200 and not voted.cookies
    # Still the one cached copy for everyone: one query (the site's version), no cookie.
    with django_assert_num_queries(1):
        again = client.get(url)
    assert again.status_code == 200 and not again.cookies and "public" in again["Cache-Control"]
    assert "Set-Cookie" not in again.headers and "Cookie" not in again.get("Vary", "")


def test_one_vote_per_address_per_page_per_day(client, article, make_article):
    url, other = article.get_absolute_url(), make_article().get_absolute_url()
    assert "Cảm ơn bạn đã cho biết ý kiến." in _doc(_vote(client, url)).text_content()
    _vote(client, url, "khong")  # same reader, same page, same day: ignored
    assert Rating.objects.count() == 1 and Rating.objects.get().helpful is True
    _vote(client, url, ip="198.51.100.9")
    _vote(client, other)
    assert Rating.objects.count() == 3
    with time_machine.travel(timezone.now() + timedelta(days=1)):
        _vote(client, url, "khong")
    assert Rating.objects.count() == 4
    # No address is kept, only a daily keyed hash.
    for rating in Rating.objects.all():
        assert "203.0.113.7" not in str(rating.__dict__)
    voters = set(Rating.objects.filter(path=url).values_list("voter", flat=True))
    assert len(voters) == 3


def test_the_script_gets_json_and_the_plain_form_a_page(client, article):
    url = article.get_absolute_url()
    answer = _vote(client, url, HTTP_X_REQUESTED_WITH="fetch")
    assert answer.json() == {"message": "Cảm ơn bạn đã cho biết ý kiến.", "recorded": True}
    assert _vote(client, url, HTTP_X_REQUESTED_WITH="fetch").json()["recorded"] is False
    page = _vote(client, url, ip="192.0.2.1")
    assert _doc(page).xpath("//a[text()='« Quay lại trang bạn vừa đọc']")[0].get("href") == url


@pytest.mark.parametrize("path, answer", [
    ("/admin/", "co"), ("https://evil.example/", "co"), ("//evil.example/", "co"), ("", "co"),
    ("/ben-luc/khong-co-bai-99999/", "co"), ("/ban-doc/danh-gia/", "co"), ("/x/" * 200, "co"),
    (None, "co"), ("ARTICLE", "co-le"),
])
def test_bad_votes_are_refused_with_a_vietnamese_message(client, article, path, answer):
    path = article.get_absolute_url() if path == "ARTICLE" else path
    data = {"huu-ich": answer} if path is None else {"trang": path, "huu-ich": answer}
    response = client.post(RATE, data)
    assert response.status_code == 400
    assert "Không ghi nhận được đánh giá" in response.content.decode()
    assert not Rating.objects.exists()


def test_a_draft_cannot_be_rated_and_get_is_refused(client, make_article):
    from articles.models import Article

    draft = make_article(status=Article.Status.DRAFT, publish_at=None)
    assert client.post(RATE, {"trang": draft.get_absolute_url(), "huu-ich": "co"}).status_code == 400
    assert client.get(RATE).status_code == 405


def test_published_question_pages_carry_the_rating(client, make_question):
    question = make_question(answer="Trả lời.")
    form = _doc(client.get(question.get_absolute_url())).xpath("//form[@data-rating]")
    assert form
    assert _vote(client, question.get_absolute_url()).status_code == 200
    assert Rating.objects.get().path == question.get_absolute_url()


# --- Page views ----------------------------------------------------------------------------
def test_every_public_page_sends_a_beacon_but_the_404_page_does_not(client, article):
    for url in ("/", article.get_absolute_url(), "/hoi-dap/"):
        script = _doc(client.get(url)).xpath("//script[@data-beacon]")
        assert script and script[0].get("data-beacon") == BEACON
    assert not _doc(client.get("/khong-co-trang-nay/")).xpath("//script[@data-beacon]")


def test_views_are_counted_in_the_cache_and_flushed(client, article, settings, django_assert_num_queries):
    settings.READERSHIP = {**settings.READERSHIP, "FLUSH_EVERY": 1000, "FLUSH_SECONDS": 3600}
    url = article.get_absolute_url()
    client.get(url)
    for n in range(5):
        response = _view(client, url, ip=f"203.0.113.{n}")
        assert response.status_code == 204 and not response.cookies
    # The first view flushed itself (the page's time gate opened); the next four wait in the cache.
    assert PageViews.objects.get().views == 1
    # A beacon costs no database query once the gate is shut (the site's version aside).
    with django_assert_num_queries(1):
        _view(client, url)
    from django.core.management import call_command

    out = io.StringIO()
    call_command("flush_page_views", stdout=out)
    assert "Đã ghi 5 lượt xem" in out.getvalue()
    row = PageViews.objects.get()
    assert (row.views, row.article_id, row.section, row.path) == (6, article.pk, article.category.slug, url)
    # The article page is still served whole from the page cache.
    with django_assert_num_queries(1):
        assert client.get(url).status_code == 200


def test_every_nth_view_flushes(client, article, settings):
    settings.READERSHIP = {**settings.READERSHIP, "FLUSH_EVERY": 3, "FLUSH_SECONDS": 3600}
    url = article.get_absolute_url()
    for _ in range(7):
        _view(client, url)
    # 1 (gate) + 3 (the 4th view: 3 pending) ; the 7th makes 3 pending again → flushed.
    assert PageViews.objects.get().views == 7


def test_yesterdays_leftovers_are_flushed_by_the_first_view_of_the_day(client, article, settings):
    settings.READERSHIP = {**settings.READERSHIP, "FLUSH_EVERY": 1000, "FLUSH_SECONDS": 3600}
    url = article.get_absolute_url()
    yesterday = timezone.now() - timedelta(days=1)
    with time_machine.travel(yesterday):
        for _ in range(4):
            _view(client, url)
    assert PageViews.objects.get(day=timezone.localdate(yesterday)).views == 1
    _view(client, "/")
    assert PageViews.objects.get(day=timezone.localdate(yesterday)).views == 4


@pytest.mark.parametrize("body", [b"/admin/", b"https://x.example/", b"\xff\xfe", b"", b"/a/" * 300,
                                  b"/ban-doc/luot-xem/", b"/ben-luc/x-123456789012345678901234/"])
def test_junk_beacons_are_refused_and_counted_nowhere(client, article, body):
    response = client.post(BEACON, body, content_type="text/plain")
    assert response.status_code == 400
    from django.core.management import call_command

    call_command("flush_page_views", stdout=io.StringIO())
    assert not PageViews.objects.exists()


def test_a_forged_article_id_counts_as_a_plain_page(client, article, province):
    # Another site's article id under this site's address: counted, but not as an article.
    other = page_of(f"/tin-tuc/gia-mao-{article.pk}/")
    counter.record(province["commune"].pk, other, timezone.localdate(), 3)
    assert PageViews.objects.get().article_id is None


def test_views_under_concurrency_are_exact_with_redis(redis_cache, transactional_db, settings):
    from articles.models import Article, Category

    settings.READERSHIP = {**settings.READERSHIP, "FLUSH_EVERY": 7, "FLUSH_SECONDS": 3600}
    category = Category.objects.create(name="Bến Lức", slug="ben-luc")
    article = Article.objects.create(category=category, title="Tin đọc nhiều", sapo=".", body="<p>x</p>",
                                     status=Article.Status.PUBLISHED, publish_at=timezone.now())
    url = article.get_absolute_url()

    def read(n):
        reader = Client()
        for _ in range(n):
            assert _view(reader, url).status_code == 204

    threads = [threading.Thread(target=read, args=(40,)) for _ in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    counter.flush_day(timezone.localdate())
    assert PageViews.objects.get().views == 200


# --- "Đọc nhiều" and the report ----------------------------------------------------------------
def test_home_shows_the_most_read_articles_in_order(client, make_article, settings):
    first, second, unread = make_article(title="Tin đọc nhiều nhất"), make_article(title="Tin đọc nhì"), make_article()
    site = Site.objects.default()
    today = timezone.localdate()
    for article, views in ((first, 30), (second, 12)):
        counter.record(site.pk, page_of(article.get_absolute_url()), today, views)
    counter.record(site.pk, page_of(first.get_absolute_url()), today - timedelta(days=30), 1000)
    counter.record(site.pk, page_of(unread.get_absolute_url()), today - timedelta(days=30), 5000)  # too old
    block = _doc(client.get("/")).xpath("//section[@class='most-read']")[0]
    assert [a.text for a in block.xpath(".//li/a")] == ["Tin đọc nhiều nhất", "Tin đọc nhì"]


@pytest.fixture
def report_data(province, site_content):
    today = timezone.localdate()
    for key, views in (("commune", 40), ("portal", 7)):
        article = site_content[key]["article"]
        site = site_content[key]["site"]
        counter.record(site.pk, page_of(article.get_absolute_url()), today, views)
        counter.record(site.pk, page_of("/"), today - timedelta(days=1), views // 2)
    return site_content


def _editor(django_user_model, site, role=roles.EDITOR):
    user = django_user_model.objects.create_user(f"u-{site.slug}-{role}", "e@example.com", "x", is_staff=True)
    Membership.objects.create(user=user, site=site, role=Group.objects.get(name=role))
    return user


def test_the_report_per_site_section_and_day_with_csv(client, report_data, django_user_model, province):
    client.force_login(_editor(django_user_model, province["commune"]))
    report = reverse("admin:readership_pageviews_report")
    html = client.get(report).content.decode()
    assert "Tổng số lượt xem" in html and "<strong>60</strong>" in html  # 40 + 20, the commune's only
    response = client.get(report, {"dinh-dang": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Trang", "Chuyên mục", "Ngày", "Lượt xem"]
    today = timezone.localdate()
    assert [province["commune"].name, "Tin tức", today.strftime("%d/%m/%Y"), "40"] in rows
    assert [province["commune"].name, "Trang chủ", (today - timedelta(days=1)).strftime("%d/%m/%Y"), "20"] in rows
    assert not [r for r in rows[1:] if r[0] == province["portal"].name]
    # Another site asked for by a crafted query: ignored, still only the editor's own.
    crafted = client.get(report, {"trang-web": province["portal"].pk, "dinh-dang": "csv"}).content.decode("utf-8-sig")
    assert province["portal"].name not in crafted
    assert client.get(report, {"tu": "2026-02-30", "den": "abc"}).status_code == 200


def test_the_report_is_for_editors_not_for_moderators_or_answerers(client, report_data, django_user_model, province):
    report = reverse("admin:readership_pageviews_report")
    for role in (roles.MODERATOR, roles.ANSWERER):
        client.force_login(_editor(django_user_model, province["commune"], role))
        assert client.get(report).status_code == 403


# --- Query budgets: the same with 5 or 500 pages read ---------------------------------------
@pytest.fixture(params=[5, 500])
def much_read(request, category, db):
    from articles.models import Article

    now = timezone.now()
    articles = Article.objects.bulk_create([
        Article(title=f"Tin số {i}", slug=f"tin-so-{i}", sapo=".", body="<p>x</p>", category=category,
                status=Article.Status.PUBLISHED, publish_at=now - timedelta(minutes=i + 1))
        for i in range(request.param)
    ])
    site = Site.objects.default()
    today = timezone.localdate()
    PageViews.objects.bulk_create([
        PageViews(site=site, day=today - timedelta(days=d), path=a.get_absolute_url(), section=category.slug,
                  article=a, views=(i * 7) % 97 + 1)
        for i, a in enumerate(articles) for d in range(3)
    ])
    Site.objects.bump([site.pk])
    return articles


@pytest.mark.parametrize("what", ["home", "beacon", "vote", "report"])
def test_query_budget_does_not_grow_with_the_views(client, much_read, superuser, what, django_assert_max_num_queries):
    url = much_read[0].get_absolute_url()
    if what == "home":
        with django_assert_max_num_queries(11):
            assert "Đọc nhiều" in client.get("/").content.decode()
    elif what == "beacon":
        _view(client, url)  # the first view of the day also sweeps yesterday
        with django_assert_max_num_queries(4):
            assert _view(client, url).status_code == 204
    elif what == "vote":
        # Site version, the article is published, the insert (in a savepoint).
        with django_assert_max_num_queries(6):
            assert _vote(client, url).status_code == 200
    else:
        client.force_login(superuser)
        with django_assert_max_num_queries(12):
            assert client.get(reverse("admin:readership_pageviews_report")).status_code == 200


def test_bench_beacon_counts_every_view(db, make_article, settings):
    from django.core.management import call_command

    settings.ALLOWED_HOSTS = ["localhost", "testserver"]
    settings.READERSHIP = {**settings.READERSHIP, "FLUSH_EVERY": 5}
    for _ in range(3):
        make_article()
    out = io.StringIO()
    call_command("bench_beacon", views=30, pages=3, stdout=out)
    assert "30 lượt xem vào 3 bài" in out.getvalue()
    assert sum(PageViews.objects.values_list("views", flat=True)) == 30


@pytest.mark.parametrize("kind", ["article", "question", "document", "draft", "organisation"])
def test_every_content_page_type_carries_the_rating_and_stays_cached(
    kind, db, client, request, django_assert_num_queries
):
    if kind == "article":
        url = request.getfixturevalue("article").get_absolute_url()
    elif kind == "question":
        url = request.getfixturevalue("make_question")(answer="Trả lời.").get_absolute_url()
    elif kind == "document":
        url = request.getfixturevalue("make_document")().get_absolute_url()
    elif kind == "draft":
        url = request.getfixturevalue("make_draft")().get_absolute_url()
    else:
        request.getfixturevalue("organisation")
        from organisation.models import Page as OrgPage

        url = OrgPage.objects.first().get_absolute_url()
    first = client.get(url)
    assert first.status_code == 200
    form = _doc(first).xpath("//form[@data-rating]")
    assert form and form[0].xpath(".//input[@name='trang']")[0].get("value") == url
    assert _vote(client, url).status_code == 200
    assert Rating.objects.get().path == url
    with django_assert_num_queries(1):
        again = client.get(url)
    assert again.status_code == 200 and not again.cookies


def test_with_redis_down_the_beacon_and_the_page_still_answer(client, article, redis_cache, redis_server):
    url = article.get_absolute_url()
    for _ in range(3):
        assert _view(client, url).status_code == 204
    redis_server.kill()
    # Views are not counted while Redis is away, but nobody sees an error.
    assert _view(client, url).status_code == 204
    assert client.get(url).status_code == 200
    assert _vote(client, url).status_code == 200  # votes are rows, not cache entries
    assert Rating.objects.count() == 1


def test_a_communes_article_on_the_portal_is_rated_and_counted_as_a_portal_page(client, site_content, province):
    from articles.models import Article

    article = site_content["commune"]["article"]
    Article.objects.filter(pk=article.pk).update(portal_status=Article.PortalStatus.ACCEPTED)
    Site.objects.bump([province["portal"].pk])
    url = article.get_community_url()
    page = client.get(url, HTTP_HOST="tayninh.test")
    assert page.status_code == 200 and _doc(page).xpath("//form[@data-rating]")
    assert _vote(client, url, HTTP_HOST="tayninh.test").status_code == 200
    assert Rating.objects.get().site == province["portal"]
    response = client.post(BEACON, url.encode(), content_type="text/plain", HTTP_HOST="tayninh.test")
    assert response.status_code == 204
    row = PageViews.objects.get()
    assert (row.site, row.article_id, row.section) == (province["portal"], None, "tin-co-so")
