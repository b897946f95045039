"""`manage.py load_demo`: a believable newsroom, loaded once however often it runs."""

import re

import pytest
from django.apps import apps
from django.core.management import call_command

from articles.models import Article, Category, Event


def _snapshot():
    rows = {}
    for model in apps.get_app_config("articles").get_models():
        rows[model._meta.label] = sorted(
            tuple(str(v) for v in row) for row in model._default_manager.values_list()
        )
    return rows


@pytest.fixture
def demo(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", stdout=open("/dev/null", "w"))


def test_load_demo_twice_changes_nothing(demo, django_capture_on_commit_callbacks):
    before = _snapshot()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", stdout=open("/dev/null", "w"))
    assert _snapshot() == before


def test_demo_newsroom_is_big_enough(demo):
    assert Category.objects.count() >= 5
    assert Article.objects.count() >= 30
    assert Event.objects.count() >= 10
    assert Event.objects.upcoming().exists() and Event.objects.past().exists()
    statuses = set(Article.objects.values_list("status", flat=True))
    assert {"draft", "review", "published"} <= statuses
    assert Article.objects.filter(status="published").exclude(
        pk__in=Article.objects.published()).exists(), "a scheduled article"


def test_demo_conference_report_page(demo, client):
    article = Article.objects.get(title__startswith="Bến Lức: Hội nghị đánh giá kết quả")
    assert article.event.organiser == "Ban Dân vận Huyện ủy Bến Lức"
    assert article.event.chair_name == "Dương Văn Út"
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Thứ 6, 01/07/2022 | 14:43:32 [GMT +7]" in html
    byline = re.search(r'<p class="byline">(.*?)</p>', html).group(1)
    assert re.sub(r"<[^>]+>", "", byline) == "Việt Hằng – Kim Phượng"
    captions = re.findall(r"<figcaption>(.*?)</figcaption>", html)
    assert captions[0] == "Quang cảnh hội nghị"
    assert "Dương Văn Út" in captions[1] and "phát biểu" in captions[1]
    assert html.count(".webp 480w") >= 2  # both photos have renditions


def test_demo_prints_admin_url_and_a_login_per_role(db, capsys):
    call_command("load_demo")
    out = capsys.readouterr().out
    assert "/admin/" in out
    for username in ("admin", "phongvien", "bientap", "kiemduyet"):
        assert username in out
