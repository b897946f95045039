"""`manage.py load_demo`: a believable newsroom, loaded once however often it runs."""

import re

from django.apps import apps
from django.core.management import call_command

from articles.models import Article, Category, Event
from sites.models import Site


def _snapshot():
    rows = {}
    for model in apps.get_app_config("articles").get_models():
        rows[model._meta.label] = sorted(
            tuple(str(v) for v in row) for row in model._default_manager.values_list()
        )
    return rows


def test_load_demo_twice_changes_nothing(demo, django_capture_on_commit_callbacks):
    before = _snapshot()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", force=True, stdout=open("/dev/null", "w"))
    assert _snapshot() == before


def test_demo_newsroom_is_big_enough(demo):
    benluc = Site.objects.get(slug="benluc")
    assert Category.objects.filter(site=benluc).count() >= 5
    assert Article.objects.filter(site=benluc).count() >= 30
    events = Event.objects.filter(site=benluc)
    assert events.count() >= 10
    assert events.upcoming().exists() and events.past().exists()
    statuses = set(Article.objects.filter(site=benluc).values_list("status", flat=True))
    assert {"draft", "review", "published"} <= statuses
    assert Article.objects.filter(site=benluc, status="published").exclude(
        pk__in=Article.objects.published()).exists(), "a scheduled article"


def test_demo_province_has_a_portal_and_three_communes_each_with_its_newsroom(demo, client):
    portal = Site.objects.get(slug="tinh")
    assert portal.is_portal and portal.hosts == ["localhost", "127.0.0.1"]
    communes = Site.objects.filter(parent=portal)
    assert sorted(communes.values_list("slug", flat=True)) == ["benluc", "myyen", "tanninh"]
    for site in [portal, *communes]:
        html = client.get("/", HTTP_HOST=site.hosts[0]).content.decode()
        assert site.name in html
        assert Article.objects.published().filter(site=site).exists(), site
        assert site.memberships.count() == 4, site  # a reporter, an editor, a moderator, an answerer
    assert client.get("/", HTTP_HOST="127.0.0.1").status_code == 200
    # The conference report, offered by Bến Lức, is in the portal's "Tin cơ sở".
    report = Article.objects.get(title__startswith="Bến Lức: Hội nghị đánh giá kết quả")
    assert report.get_community_url() in client.get("/", HTTP_HOST="localhost").content.decode()


def test_demo_conference_report_page(demo, client):
    article = Article.objects.get(title__startswith="Bến Lức: Hội nghị đánh giá kết quả")
    assert article.event.organiser == "Ban Dân vận Huyện ủy Bến Lức"
    assert article.event.chair_name == "Dương Văn Út"
    assert article.site.slug == "benluc"
    html = client.get(article.get_absolute_url(), HTTP_HOST="benluc.localhost").content.decode()
    assert "Thứ 6, 01/07/2022 | 14:43:32 [GMT +7]" in html
    byline = re.search(r'<p class="byline">(.*?)</p>', html).group(1)
    assert re.sub(r"<[^>]+>", "", byline) == "Việt Hằng – Kim Phượng"
    captions = re.findall(r"<figcaption>(.*?)</figcaption>", html)
    assert captions[0] == "Quang cảnh hội nghị"
    assert "Dương Văn Út" in captions[1] and "phát biểu" in captions[1]
    assert html.count(".webp 480w") >= 2  # both photos have renditions


def test_demo_prints_addresses_and_a_login_per_role_per_site(db, capsys, settings):
    settings.SITE_URL = "http://127.0.0.1:8000"
    call_command("load_demo", force=True)
    out = capsys.readouterr().out
    assert "http://localhost:8000/admin/" in out
    for address in ("http://localhost:8000/", "http://benluc.localhost:8000/", "http://myyen.localhost:8000/"):
        assert address in out
    for username in ("admin", "bientap-benluc", "bientap-tinh", "phongvien-benluc", "kiemduyet-myyen"):
        assert re.search(rf"tên đăng nhập: {username}$", out, re.M), username


def test_demo_sites_have_answered_and_pending_questions(demo, client, django_capture_on_commit_callbacks):
    from questions.models import Question

    for site in Site.objects.all():
        questions = Question.objects.filter(site=site)
        assert questions.published().count() >= 3, site
        assert questions.open().count() >= 2, site
        assert questions.overdue().exists(), site
    before = Question.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", force=True, stdout=open("/dev/null", "w"))
    assert Question.objects.count() == before
    benluc = Site.objects.get(slug="benluc")
    html = client.get("/hoi-dap/", HTTP_HOST=benluc.hosts[0]).content.decode()
    assert "Tách thửa đất trồng lúa để cho con" in html


def test_demo_sites_have_page_views_and_a_most_read_block(demo, client):
    from readership.models import PageViews, Rating

    for site in Site.objects.all():
        assert PageViews.objects.filter(site=site, article__isnull=False).exists(), site
        assert Rating.objects.filter(site=site).exists(), site
        html = client.get("/", HTTP_HOST=site.hosts[0] if site.hosts else "localhost").content.decode()
        assert "Đọc nhiều" in html, site


def test_load_demo_refuses_to_run_with_debug_off_unless_forced(run_manage, production_env, tmp_path):
    env = {**production_env, "DATABASE_URL": f"sqlite:///{tmp_path / 'prod.sqlite3'}",
           "MEDIA_ROOT": str(tmp_path / "media")}
    assert run_manage("migrate", "--noinput", "-v0", env=env).returncode == 0
    refused = run_manage("load_demo", env=env)
    assert refused.returncode != 0
    assert "không chạy khi DEBUG tắt" in refused.stderr and "--force" in refused.stderr
    count = "from django.contrib.auth.models import User; print(User.objects.filter(username='admin').count())"
    assert run_manage("shell", "-v0", "-c", count, env=env).stdout.strip() == "0"
