"""Dự thảo: drafts for public comment, their period (opening and closing days inclusive, in
Vietnam's time), comments moderated like article comments, the summary after closing."""

from datetime import date, datetime, timedelta, timezone as dt_timezone

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from lxml import html

from comments.models import Comment, ModerationRule
from consultations.models import Draft, DraftComment
from sites.models import Site
from tests.fixtures.documents import pdf_bytes

VN = dt_timezone(timedelta(hours=7))


def at(*args):
    """A moment in Vietnam's time (UTC+7, no daylight saving)."""
    return datetime(*args, tzinfo=VN)


def _page(client, url, **kwargs):
    response = client.get(url, **kwargs)
    return response, html.fromstring(response.content.decode())


@pytest.mark.parametrize(
    "moment, state",
    [
        (at(2024, 4, 30, 23, 59, 59), Draft.State.UPCOMING),
        (at(2024, 5, 1, 0, 0, 0), Draft.State.OPEN),  # the opening day, from its first second
        (at(2024, 5, 31, 23, 59, 59), Draft.State.OPEN),  # the closing day, to its last second
        (at(2024, 6, 1, 0, 0, 0), Draft.State.CLOSED),
        # 17:00 UTC is already the next day in Vietnam.
        (datetime(2024, 5, 31, 17, 0, tzinfo=dt_timezone.utc), Draft.State.CLOSED),
        (datetime(2024, 4, 30, 17, 0, tzinfo=dt_timezone.utc), Draft.State.OPEN),
    ],
)
def test_the_period_includes_the_opening_and_closing_days_in_vietnam_time(make_draft, moment, state):
    draft = make_draft(opens_on=date(2024, 5, 1), closes_on=date(2024, 5, 31))
    assert draft.state(moment) == state


@pytest.mark.parametrize(
    "moment, accepted",
    [
        (at(2024, 4, 30, 23, 59, 50), False),
        (at(2024, 5, 1, 0, 0, 5), True),
        (at(2024, 5, 31, 23, 59, 50), True),
        (at(2024, 6, 1, 0, 0, 5), False),
    ],
)
def test_comments_are_taken_only_within_the_period(client, make_draft, draft_comment_data, moment, accepted):
    draft = make_draft(opens_on=date(2024, 5, 1), closes_on=date(2024, 5, 31))
    with time_machine.travel(moment, tick=False):
        response = client.post(draft.get_comment_url(), draft_comment_data(draft))
    if accepted:
        assert response.status_code == 302
        assert DraftComment.objects.get().status == Comment.Status.PENDING
    else:
        assert response.status_code == 403
        text = html.fromstring(response.content.decode()).cssselect(".comment-error")[0].text_content()
        assert ("Đã hết thời gian" in text) if moment.month == 6 else ("chưa đến thời gian" in text)
        assert not DraftComment.objects.exists()


def test_the_cached_page_changes_by_itself_when_the_period_ends(client, make_draft):
    with time_machine.travel(at(2024, 5, 20, 10, 0), tick=False):  # published while open
        draft = make_draft(opens_on=date(2024, 5, 1), closes_on=date(2024, 5, 31),
                           responses_summary="Đã nhận 12 ý kiến; tiếp thu 9 ý kiến về giờ mở cửa.")
    url = draft.get_absolute_url()
    with time_machine.travel(at(2024, 5, 31, 23, 59, 0), tick=False):
        _response, open_page = _page(client, url)
        assert open_page.cssselect(".draft-action a")[0].get("href") == draft.get_comment_url()
        assert not open_page.cssselect("#tong-hop")
    with time_machine.travel(at(2024, 6, 1, 0, 0, 1), tick=False):
        _response, closed_page = _page(client, url)
    # The form is gone, the summary shows, without anyone editing anything.
    assert not closed_page.cssselect(".draft-action")
    assert "Đã hết thời gian lấy ý kiến" in closed_page.cssselect(".comment-closed")[0].text_content()
    assert "tiếp thu 9 ý kiến" in closed_page.cssselect(".draft-responses")[0].text_content()


def test_a_comment_is_moderated_then_shown_and_stays_after_closing(
    client, make_draft, draft_comment_data, moderator, django_capture_on_commit_callbacks,
):
    draft = make_draft(opens_on=date(2024, 5, 1), closes_on=date(2024, 5, 31))
    moderator.email = "kiemduyet@example.com"
    moderator.save()
    with time_machine.travel(at(2024, 5, 10, 9, 0), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(draft.get_comment_url(), draft_comment_data(draft), follow=True)
        notice = html.fromstring(response.content.decode()).cssselect(".comment-notice")[0].text_content()
        assert "đang chờ duyệt" in notice
        comment = DraftComment.objects.get()
        assert comment.ip == "127.0.0.1"
        # Pending: not on the page.
        _r, page = _page(client, draft.get_absolute_url())
        assert page.cssselect("#y-kien-gop-y")[0].text_content() == "Ý kiến góp ý (0)"
        client.force_login(moderator)
        response = client.post(reverse("admin:consultations_draftcomment_changelist"), {
            "action": "approve", "_selected_action": [comment.pk],
        })
        assert response.status_code == 302
        client.logout()
        _r, page = _page(client, draft.get_absolute_url())
        assert page.cssselect("#y-kien-gop-y")[0].text_content() == "Ý kiến góp ý (1)"
    comment.refresh_from_db()
    assert comment.moderated_by == moderator and comment.moderated_at is not None
    with time_machine.travel(at(2024, 7, 1, 9, 0), tick=False):
        _r, page = _page(client, draft.get_absolute_url())
    assert [p.text_content() for p in page.cssselect(".comment-body")] == [comment.body]
    assert any("Góp ý dự thảo chờ duyệt" in m.subject for m in mail.outbox)
    assert all("mai@example.com" not in m.body for m in mail.outbox)


def test_the_comment_rules_apply(client, make_draft, draft_comment_data, settings):
    draft = make_draft(opens_on=date(2024, 5, 1), closes_on=date(2024, 5, 31))
    ModerationRule.objects.create(kind=ModerationRule.Kind.BLOCKED_WORD, value="lừa đảo")
    ModerationRule.objects.create(kind=ModerationRule.Kind.MODERATE_WORD, value="tham nhũng")
    url = draft.get_comment_url()
    with time_machine.travel(at(2024, 5, 10, 9, 0), tick=False):
        # Honeypot and a blocked word: spam, answered like any comment.
        assert client.post(url, draft_comment_data(draft, website="http://x", body="Một")).status_code == 302
        assert client.post(url, draft_comment_data(draft, body="Trang lua dao", email="b@example.com")).status_code == 302
        assert client.post(url, draft_comment_data(draft, body="Có tham nhũng không?", email="c@example.com")).status_code == 302
        # Too long, in NFC code points: refused, nothing stored, text kept.
        response = client.post(url, draft_comment_data(draft, body="ạ" * 501, email="d@example.com"))
        assert response.status_code == 200
        tree = html.fromstring(response.content.decode())
        assert "vượt quá giới hạn 500" in tree.cssselect(".field-error")[0].text_content()
        assert tree.cssselect("textarea[name=body]")[0].text_content().strip() == "ạ" * 501
        # Decomposed Vietnamese is counted as NFC: 500 letters typed as 1000 code points pass.
        decomposed = "a\u0323" * 500
        assert client.post(url, draft_comment_data(draft, body=decomposed, email="e@example.com")).status_code == 302
        # The same text from the same sender: refused as a duplicate.
        response = client.post(url, draft_comment_data(draft, body="Có tham nhũng không?", email="c@example.com"))
        assert "trùng lặp" in html.fromstring(response.content.decode()).cssselect(".comment-error")[0].text_content()
    statuses = dict(DraftComment.objects.values_list("email", "status"))
    assert statuses["mai@example.com"] == Comment.Status.SPAM
    assert statuses["b@example.com"] == Comment.Status.SPAM
    assert statuses["c@example.com"] == Comment.Status.PENDING
    assert DraftComment.objects.get(email="c@example.com").flags == ["Có từ cần duyệt: “tham nhũng”"]
    assert "d@example.com" not in statuses and "e@example.com" in statuses


def test_the_rate_limit_applies(client, make_draft, draft_comment_data, settings):
    settings.COMMENTS = {**settings.COMMENTS, "RATE_LIMIT": 2}
    draft = make_draft(opens_on=date(2024, 5, 1), closes_on=date(2024, 5, 31))
    with time_machine.travel(at(2024, 5, 10, 9, 0), tick=False):
        codes = [client.post(draft.get_comment_url(), draft_comment_data(draft, body=f"Ý kiến số {n}")).status_code
                 for n in range(3)]
        assert codes == [302, 302, 429]
        assert "quá nhanh" in client.post(draft.get_comment_url(), draft_comment_data(draft, body="Nữa")).content.decode()
    assert DraftComment.objects.count() == 2


def _attach(draft, name, content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from consultations.models import DraftAttachment

    item = DraftAttachment(draft=draft)
    item.attach(SimpleUploadedFile(name, content))
    item.save()
    return item


def test_list_detail_files_and_sites(client, make_draft, make_site):
    with time_machine.travel(at(2024, 5, 10, 9, 0), tick=False):
        closed = make_draft(title="Dự thảo Kế hoạch phát triển giao thông nông thôn", opens_on=date(2024, 3, 1),
                            closes_on=date(2024, 3, 31))
        current = make_draft(title="Dự thảo Quy chế quản lý chợ Bến Lức")
        hidden = make_draft(is_published=False)
        other = make_site("tanan")
        elsewhere = make_draft(site=other, title="Dự thảo của phường Tân An")
        item = _attach(current, "Dự thảo quy chế chợ.pdf", pdf_bytes())
        _r, listing = _page(client, "/du-thao/")
        assert [a.text_content() for a in listing.cssselect(".doc-title a")] == [current.title, closed.title]
        assert [s.text_content() for s in listing.cssselect(".draft-state")] == [
            "Đang lấy ý kiến", "Đã hết thời gian lấy ý kiến"]
        _r, detail = _page(client, current.get_absolute_url())
        link = detail.cssselect(".doc-files a")[0]
        assert link.text_content() == "Dự thảo quy chế chợ.pdf" and link.get("href") == item.get_absolute_url()
        response = client.get(item.get_absolute_url())
        assert response["Content-Type"] == "application/pdf"
        assert "filename*=utf-8''D%E1%BB%B1%20th%E1%BA%A3o" in response["Content-Disposition"]
        dc = {m.get("name"): m.get("content") for m in detail.cssselect("meta[name^='DC.']")}
        assert dc["DC.title"] == current.title and dc["DC.creator"] == current.agency
        assert dc["DC.date"] == "2024-05-01"
        assert client.get(hidden.get_absolute_url()).status_code == 404
        assert client.get(hidden.get_comment_url()).status_code == 404
        assert client.get(elsewhere.get_absolute_url()).status_code == 404
        assert client.get(elsewhere.get_absolute_url(), HTTP_HOST="tanan.test").status_code == 200
        stale = client.get(f"/du-thao/ten-cu-{current.pk}/")
        assert stale.status_code == 301 and stale["Location"] == current.get_absolute_url()
        # The closed draft's comment page says so and has no form.
        response, page = _page(client, closed.get_comment_url())
        assert response.status_code == 200 and not page.cssselect("form.comment-form")
        # The main menu leads here.
        _r, home = _page(client, "/")
        assert [a.get("href") for a in home.cssselect(".site-nav a") if a.text_content() == "Dự thảo"] == ["/du-thao/"]


@pytest.mark.parametrize("count", [5, 500])
def test_query_budgets_do_not_grow(client, make_draft, count, django_assert_num_queries):
    from django.core.cache import cache

    first = make_draft(title="Dự thảo có ý kiến")
    _attach(first, "a.pdf", pdf_bytes())
    DraftComment.objects.bulk_create([
        DraftComment(draft=first, name=f"Người {n}", email=f"n{n}@example.com", body=f"Ý kiến {n}",
                     status=Comment.Status.APPROVED if n % 2 else Comment.Status.PENDING)
        for n in range(count)
    ])
    Draft.objects.bulk_create([
        Draft(site_id=first.site_id, title=f"Dự thảo {n}", slug=f"du-thao-{n}", summary="…", agency="UBND xã",
              opens_on=date(2020, 1, 1) + timedelta(days=n), closes_on=date(2020, 2, 1) + timedelta(days=n))
        for n in range(count)
    ])
    Site.objects.bump([first.site_id])
    with time_machine.travel(at(2024, 5, 10, 9, 0), tick=False):
        # version, menu, count, page
        for url in ["/du-thao/", "/du-thao/?trang=1"]:
            cache.clear()
            with django_assert_num_queries(4):
                assert client.get(url).status_code == 200
        # version, menu, draft, files, approved comments
        cache.clear()
        with django_assert_num_queries(5):
            client.get(first.get_absolute_url())
        # Never cached: version, draft (the menu from the cache warmed above).
        with django_assert_num_queries(2):
            assert client.get(first.get_comment_url()).status_code == 200


def test_editors_manage_drafts_and_reporters_do_not(client, editor, reporter):
    client.force_login(reporter)
    assert client.get(reverse("admin:consultations_draft_changelist")).status_code == 403
    assert client.get(reverse("admin:consultations_draftcomment_changelist")).status_code == 403
    client.force_login(editor)
    assert client.get(reverse("admin:consultations_draft_add")).status_code == 200
    assert client.get(reverse("admin:consultations_draftcomment_changelist")).status_code == 200


def test_documents_and_drafts_are_in_the_sitemap(client, make_draft, make_document):
    from lxml import etree

    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    document, draft = make_document(number="7/TB-UBND"), make_draft()
    hidden = make_draft(is_published=False)
    index = etree.fromstring(client.get("/sitemap.xml").content)
    sitemaps = index.xpath("//s:sitemap/s:loc/text()", namespaces=namespace)
    assert "http://testserver/sitemap-van-ban.xml" in sitemaps and "http://testserver/sitemap-du-thao.xml" in sitemaps
    locs = set()
    for url in ("/sitemap-van-ban.xml", "/sitemap-du-thao.xml"):
        locs |= set(etree.fromstring(client.get(url).content).xpath("//s:loc/text()", namespaces=namespace))
    assert locs == {"http://testserver" + document.get_absolute_url(), "http://testserver" + draft.get_absolute_url()}
    assert "http://testserver" + hidden.get_absolute_url() not in locs


def test_ip_addresses_of_draft_comments_are_purged_with_the_article_comments(make_draft, settings):
    from io import StringIO

    from django.core.management import call_command

    settings.COMMENTS = {**settings.COMMENTS, "IP_RETENTION_DAYS": 90}
    draft = make_draft()
    old, recent = (
        DraftComment.objects.create(draft=draft, name="A", email="a@example.com", body=f"Ý kiến {days}",
                                    created_at=at(2026, 3, 1, 9, 0) - timedelta(days=days),
                                    ip="203.0.113.7", user_agent="Firefox")
        for days in (120, 10)
    )
    with time_machine.travel(at(2026, 3, 1, 9, 0), tick=False):
        call_command("purge_comment_ips", stdout=StringIO())
    old.refresh_from_db(), recent.refresh_from_db()
    assert (old.ip, old.user_agent) == (None, "")
    assert (recent.ip, recent.user_agent) == ("203.0.113.7", "Firefox")


def test_the_queue_shows_each_moderator_only_their_sites_comments(client, make_draft, make_site, moderator, editor):
    other = make_site("tanan")
    ours, theirs = make_draft(title="Dự thảo của xã"), make_draft(site=other, title="Dự thảo của phường")
    for draft, body in ((ours, "Góp ý cho xã"), (theirs, "Góp ý cho phường")):
        DraftComment.objects.create(draft=draft, name="B", email="b@example.com", body=body)
    client.force_login(moderator)
    queue = client.get(reverse("admin:consultations_draftcomment_changelist")).content.decode()
    assert "Góp ý cho xã" in queue and "Góp ý cho phường" not in queue
    # A crafted bulk decision on the other site's comment changes nothing.
    mine, foreign = DraftComment.objects.get(draft=ours), DraftComment.objects.get(draft=theirs)
    client.post(reverse("admin:consultations_draftcomment_changelist"),
                {"action": "approve", "_selected_action": [mine.pk, foreign.pk]})
    assert DraftComment.objects.get(pk=mine.pk).status == Comment.Status.APPROVED
    assert DraftComment.objects.get(pk=foreign.pk).status == Comment.Status.PENDING
    # Moderators do not manage drafts; editors see each draft's pending count.
    assert client.get(reverse("admin:consultations_draft_changelist")).status_code == 403
    DraftComment.objects.create(draft=ours, name="C", email="c@example.com", body="Thêm một ý kiến")
    client.force_login(editor)
    rows = html.fromstring(client.get(reverse("admin:consultations_draft_changelist")).content.decode())
    assert [td.text_content() for td in rows.cssselect("#result_list td.field-pending_count")] == ["1"]
