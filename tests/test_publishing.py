"""Visibility: `published()` is the one rule, and scheduled articles appear on time."""

from datetime import datetime, timedelta, timezone as dt_tz

import pytest
import time_machine
from django.utils import timezone

from articles.models import Article

NOON = datetime(2022, 7, 1, 7, 0, tzinfo=dt_tz.utc)  # 14:00 in Vietnam


@pytest.fixture
def scheduled(make_article):
    # Scheduled at 14:00 to go live at 14:43:32 Vietnam time on 01/07/2022.
    with time_machine.travel(NOON, tick=False):
        return make_article(publish_at=NOON + timedelta(minutes=43, seconds=32))


@pytest.mark.parametrize(
    "status, publish_delta, visible",
    [
        (Article.Status.PUBLISHED, timedelta(minutes=-1), True),
        (Article.Status.PUBLISHED, timedelta(0), True),
        (Article.Status.PUBLISHED, timedelta(seconds=1), False),
        (Article.Status.DRAFT, timedelta(minutes=-1), False),
        (Article.Status.REVIEW, timedelta(minutes=-1), False),
        (Article.Status.ARCHIVED, timedelta(minutes=-1), False),
    ],
)
def test_published_is_status_and_due_time(make_article, status, publish_delta, visible):
    with time_machine.travel(NOON, tick=False):
        article = make_article(status=status, publish_at=timezone.now() + publish_delta)
        assert Article.objects.published().filter(pk=article.pk).exists() is visible
        assert article.is_public is visible


def test_scheduled_article_appears_on_time_without_any_job(client, scheduled):
    url = scheduled.get_absolute_url()
    with time_machine.travel(NOON + timedelta(minutes=43, seconds=31), tick=False):
        assert client.get(url).status_code == 404
        assert scheduled.title not in client.get("/").content.decode()
    with time_machine.travel(NOON + timedelta(minutes=43, seconds=32), tick=False):
        assert client.get(url).status_code == 200
        # The home page was cached a second earlier; the due time expires that copy.
        assert scheduled.title in client.get("/").content.decode()


def test_publishing_without_time_means_now(make_article):
    with time_machine.travel(NOON, tick=False):
        article = make_article(status=Article.Status.PUBLISHED, publish_at=None)
        assert article.publish_at == NOON


@pytest.mark.parametrize("status", [Article.Status.DRAFT, Article.Status.REVIEW])
def test_public_gets_404_for_unpublished_and_staff_get_preview_banner(
    client, make_article, editor, reporter, status
):
    draft = make_article(status=status, publish_at=None)
    assert client.get(draft.get_absolute_url()).status_code == 404
    for user in (editor, reporter):
        client.force_login(user)
        response = client.get(draft.get_absolute_url())
        assert response.status_code == 200
        assert "Bản nháp" in response.content.decode()
        client.logout()


def test_no_banner_on_live_article_for_staff(client, article, editor):
    client.force_login(editor)
    assert "draft-banner" not in client.get(article.get_absolute_url()).content.decode()


def test_slug_is_vietnamese_unique_per_section_and_stable(make_article, other_category):
    first = make_article(title="Đánh giá công tác Dân vận")
    second = make_article(title="Đánh giá công tác Dân vận")
    elsewhere = make_article(title="Đánh giá công tác Dân vận", category=other_category)
    assert first.slug == "danh-gia-cong-tac-dan-van"
    assert second.slug == "danh-gia-cong-tac-dan-van-2"
    assert elsewhere.slug == "danh-gia-cong-tac-dan-van"
    first.title = "Tiêu đề đã sửa"
    first.save()
    first.refresh_from_db()
    assert first.slug == "danh-gia-cong-tac-dan-van"


def test_byline_keeps_author_order_with_en_dash(make_article):
    article = make_article(authors=["Việt Hằng", "Kim Phượng"])
    assert article.byline == "Việt Hằng – Kim Phượng"
    reversed_order = make_article(authors=["Kim Phượng", "Việt Hằng"])
    assert reversed_order.byline == "Kim Phượng – Việt Hằng"


def test_event_upcoming_and_past(event):
    from articles.models import Event

    with time_machine.travel(datetime(2022, 6, 30, 8, 0, tzinfo=dt_tz.utc), tick=False):
        assert list(Event.objects.upcoming()) == [event]  # under way: 15:00 Vietnam time
        assert list(Event.objects.past()) == []
    with time_machine.travel(datetime(2022, 7, 1, tzinfo=dt_tz.utc), tick=False):
        assert list(Event.objects.upcoming()) == []
        assert list(Event.objects.past()) == [event]
