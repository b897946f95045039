"""The questions queue in the admin: deadlines, overdue flags, the answerer role per site."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from lxml import html as lxml_html

from articles import roles
from questions.models import Question
from sites.models import Membership

QUEUE = reverse("admin:questions_question_changelist")


def _change(question):
    return reverse("admin:questions_question_change", args=[question.pk])


def _form_data(question, **changes):
    data = {
        "status": question.status, "assigned_to": question.assigned_to_id or "",
        "field": question.field, "title": question.title, "body": question.body, "answer": question.answer,
        "answered_by_office": question.answered_by_office,
    }
    if question.is_published:
        data["is_published"] = "on"
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


@pytest.fixture
def commune_answerer(db, django_user_model, province):
    user = django_user_model.objects.create_user("traloi-benluc", "tl@example.com", "x", is_staff=True)
    Membership.objects.create(user=user, site=province["commune"], role=Group.objects.get(name=roles.ANSWERER))
    return user


def test_the_role_group_exists_with_only_the_questions_permissions(db):
    group = Group.objects.get(name=roles.ANSWERER)
    assert sorted(group.permissions.values_list("codename", flat=True)) == ["change_question", "view_question"]


def test_an_answerer_sees_only_the_questions_queue(client, answerer, make_question):
    question = make_question()
    client.force_login(answerer)
    index = client.get(reverse("admin:index"))
    doc = lxml_html.fromstring(index.content.decode())
    models = {a.text_content().strip() for a in doc.xpath("//table//caption//a | //th[@scope='row']//a")}
    assert "Hỏi đáp" in models
    assert not [m for m in models if m not in ("Hỏi đáp", "Câu hỏi")], models
    assert client.get(QUEUE).status_code == 200
    assert question.display_code in client.get(QUEUE).content.decode()
    for forbidden in ("admin:articles_article_changelist", "admin:comments_comment_changelist",
                      "admin:articles_article_add"):
        assert client.get(reverse(forbidden)).status_code == 403


def test_a_crafted_post_cannot_publish_a_comment_or_write_an_article(client, answerer, make_article):
    client.force_login(answerer)
    response = client.post(reverse("admin:articles_article_add"), {"title": "Bài gài", "body": "<p>x</p>"})
    assert response.status_code == 403
    from articles.models import Article

    assert not Article.objects.filter(title="Bài gài").exists()


def test_an_answerer_answers_and_publishes_a_question_of_their_site(client, answerer, make_question):
    question = make_question()
    client.force_login(answerer)
    response = client.post(_change(question), _form_data(
        question, answer="Ông/bà nộp hồ sơ tại bộ phận một cửa.", answered_by_office="UBND xã",
        is_published="on",
    ))
    assert response.status_code == 302, re.findall(r"errorlist.*?</ul>", response.content.decode(), re.S)
    question.refresh_from_db()
    assert question.status == Question.Status.ANSWERED and question.is_published
    assert question.answered_by == answerer and question.answered_at is not None
    assert "bộ phận một cửa" in client.get(question.get_absolute_url()).content.decode()


def test_publishing_without_an_answer_is_refused(client, answerer, make_question):
    question = make_question()
    client.force_login(answerer)
    response = client.post(_change(question), _form_data(question, is_published="on"))
    assert response.status_code == 200
    assert "Chỉ đăng công khai được câu hỏi đã có trả lời." in response.content.decode()
    question.refresh_from_db()
    assert not question.is_published


def test_another_sites_question_cannot_be_seen_or_changed_by_a_crafted_post(
    client, commune_answerer, province, make_question
):
    theirs = make_question(site=province["portal"])
    mine = make_question(site=province["commune"])
    client.force_login(commune_answerer)
    queue = client.get(QUEUE).content.decode()
    assert mine.display_code in queue and theirs.display_code not in queue
    assert client.get(_change(theirs)).status_code in (302, 403, 404)
    client.post(_change(theirs), _form_data(theirs, answer="Đã bị sửa", is_published="on"))
    theirs.refresh_from_db()
    assert theirs.answer == "" and not theirs.is_published
    # A question stays on the site it was asked on: a posted site is ignored.
    client.post(_change(mine), _form_data(mine, site=province["portal"].pk))
    mine.refresh_from_db()
    assert mine.site == province["commune"]


def test_assigning_to_someone_outside_the_site_is_refused(client, commune_answerer, province, make_question,
                                                           django_user_model):
    outsider = django_user_model.objects.create_user("ngoai", "n@example.com", "x", is_staff=True)
    Membership.objects.create(user=outsider, site=province["portal"], role=Group.objects.get(name=roles.ANSWERER))
    mine = make_question(site=province["commune"])
    client.force_login(commune_answerer)
    response = client.post(_change(mine), _form_data(mine, assigned_to=outsider.pk))
    assert response.status_code == 200
    mine.refresh_from_db()
    assert mine.assigned_to is None
    assert client.post(_change(mine), _form_data(mine, assigned_to=commune_answerer.pk)).status_code == 302
    mine.refresh_from_db()
    assert mine.assigned_to == commune_answerer and mine.status == Question.Status.ASSIGNED


def test_overdue_questions_are_flagged_and_filtered(client, answerer, make_question):
    now = timezone.now()
    overdue = make_question(received_at=now - timedelta(days=40), title="Câu hỏi quá hạn")
    fresh = make_question(received_at=now, title="Câu hỏi mới")
    answered_late = make_question(received_at=now - timedelta(days=40), answer="Đã trả lời.", title="Đã xong")
    client.force_login(answerer)
    page = client.get(QUEUE)
    doc = lxml_html.fromstring(page.content.decode())
    flagged = [el.text_content() for el in doc.xpath("//*[contains(@class, 'question-overdue')]")]
    assert len(flagged) == 1 and "quá hạn" in flagged[0]
    only_overdue = client.get(QUEUE, {"han": "qua-han"}).content.decode()
    assert overdue.display_code in only_overdue
    assert fresh.display_code not in only_overdue and answered_late.display_code not in only_overdue
    assert fresh.display_code in client.get(QUEUE, {"han": "con-han"}).content.decode()


def test_the_assign_to_me_action(client, answerer, make_question):
    question = make_question()
    client.force_login(answerer)
    client.post(QUEUE, {"action": "assign_to_me", "_selected_action": [question.pk]})
    question.refresh_from_db()
    assert question.assigned_to == answerer and question.status == Question.Status.ASSIGNED


def test_staff_cannot_add_questions_in_the_admin(client, superuser):
    client.force_login(superuser)
    assert client.get(reverse("admin:questions_question_add")).status_code == 403


def test_the_site_filter_is_for_the_province_only(client, commune_answerer, superuser, province, make_question):
    make_question(site=province["commune"])
    site_filter = f"site__id__exact={province['portal'].pk}"
    client.force_login(commune_answerer)
    assert site_filter not in client.get(QUEUE).content.decode()
    client.force_login(superuser)
    assert site_filter in client.get(QUEUE).content.decode()


def test_the_deadline_colours_come_from_the_questions_stylesheet(client, answerer, make_question):
    make_question(received_at=timezone.now() - timedelta(days=40))
    client.force_login(answerer)
    html = client.get(QUEUE).content.decode()
    assert 'class="question-overdue"' in html and "style=" not in html.split('class="question-overdue"')[1][:5]
    assert re.search(r'href="/static/css/admin-questions[.\w]*\.css"', html)


def test_old_questions_lose_their_ip_address(make_question):
    import io

    from django.core.management import call_command
    from django.core.management.base import CommandError

    old = make_question(received_at=timezone.now() - timedelta(days=100), ip="203.0.113.9", user_agent="Firefox")
    new = make_question(ip="203.0.113.10", user_agent="Chrome")
    out = io.StringIO()
    call_command("purge_question_ips", stdout=out)
    assert "Đã xóa địa chỉ IP của 1 câu hỏi gửi trước 90 ngày." in out.getvalue()
    old.refresh_from_db()
    new.refresh_from_db()
    assert (old.ip, old.user_agent) == (None, "")
    assert (new.ip, new.user_agent) == ("203.0.113.10", "Chrome")
    with pytest.raises(CommandError):
        call_command("purge_question_ips", days=-1, stdout=out)


@pytest.fixture(params=[5, 500])
def many_questions(request, make_question, answerer):
    from sites.models import Site

    site = Site.objects.default()
    first = make_question(assigned_to=answerer)
    Question.objects.bulk_create([
        Question(site=site, code=f"Q{n:07d}".translate(str.maketrans("0123456789", "ABCDEFGHJK")),
                 name="Người hỏi", email="a@example.com", field="dat-dai", body=f"Câu hỏi {n}",
                 due_on=first.due_on, received_at=first.received_at, assigned_to=answerer,
                 status=Question.Status.ASSIGNED)
        for n in range(request.param - 1)
    ])
    return first


@pytest.mark.parametrize("params", [{}, {"han": "qua-han"}, {"q": "Câu hỏi"}])
def test_the_queue_query_budget_does_not_grow(client, answerer, many_questions, params, django_assert_max_num_queries):
    client.force_login(answerer)
    with django_assert_max_num_queries(11):
        assert client.get(QUEUE, params).status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(_change(many_questions)).status_code == 200
