"""Citizens' questions on the public site: asking, the tracking code, published answers."""


import pytest
from lxml import html as lxml_html

from questions.models import CODE_ALPHABET, CODE_LENGTH, Question, new_code, normalise_code
from sites.models import Site

ASK = "/hoi-dap/gui-cau-hoi/"
TRACK = "/hoi-dap/tra-cuu/"


def _text(response):
    return " ".join(lxml_html.fromstring(response.content.decode()).text_content().split())


# --- Tracking codes ---------------------------------------------------------------------
def test_codes_are_long_random_and_free_of_ambiguous_letters():
    codes = {new_code() for _ in range(2000)}
    assert len(codes) == 2000
    for code in codes:
        assert len(code) == CODE_LENGTH
        assert not set(code) & set("0O1IL")
        assert set(code) <= set(CODE_ALPHABET)


@pytest.mark.parametrize("typed, expected", [
    ("k7mx-r4pa", "K7MXR4PA"), (" K7MX R4PA ", "K7MXR4PA"), ("K7MXR4PA", "K7MXR4PA"),
    ("K7MXR4P", ""), ("K7MXR4PAA", ""), ("K7MXR4P0", ""), ("'; DROP TABLE", ""), ("", ""),
    ("x" * 10_000, ""),
])
def test_a_typed_code_is_normalised_or_refused(typed, expected):
    assert normalise_code(typed) == expected


# --- Asking -----------------------------------------------------------------------------
def test_a_citizen_sends_a_question_and_follows_it_with_the_code(client, question_data):
    response = client.post(ASK, question_data(body="Xin hỏi thủ tục cấp lại giấy chứng nhận quyền sử dụng đất bị mất?"))
    assert response.status_code == 302
    question = Question.objects.get()
    assert question.status == Question.Status.RECEIVED and question.flags == []
    assert question.due_on is not None
    page = client.get(response["Location"])
    assert page.status_code == 200
    text = _text(page)
    assert f"Mã tra cứu của bạn là {question.display_code}" in text
    assert "Mới tiếp nhận" in text
    assert "cấp lại giấy chứng nhận quyền sử dụng đất" in text
    assert question.due_on.strftime("%d/%m/%Y") in text
    assert "set-cookie" not in {h.lower() for h in page.headers}
    # Typed by hand, in lower case and with the dash.
    again = client.get(TRACK, {"ma": question.display_code.lower()})
    assert again.status_code == 200 and "Mới tiếp nhận" in _text(again)


def test_the_answer_shows_on_the_lookup_even_before_it_is_published(client, make_question):
    question = make_question(answer="Ông/bà mang CCCD đến bộ phận một cửa của xã.", published=False)
    text = _text(client.get(TRACK, {"ma": question.code}))
    assert "Đã trả lời" in text and "bộ phận một cửa" in text
    assert "Xem câu hỏi trên trang Hỏi đáp" not in text


def test_a_wrong_code_is_a_polite_not_found_and_reveals_nothing(client, make_question):
    make_question()
    for wrong in ("ABCDEFGH", "abc", "K7MX-R4P0", "x" * 500):
        response = client.get(TRACK, {"ma": wrong})
        assert response.status_code == 404
        assert "Không tìm thấy câu hỏi nào có mã này" in _text(response)


def test_another_sites_code_is_not_found_here(client, province, make_question):
    question = make_question(site=province["commune"])
    assert client.get(TRACK, {"ma": question.code}, HTTP_HOST="tayninh.test").status_code == 404
    assert client.get(TRACK, {"ma": question.code}, HTTP_HOST="benluc.tayninh.test").status_code == 200


def test_lookups_are_rate_limited_per_address(client, make_question):
    from questions.views import LOOKUP_LIMIT

    question = make_question()
    for _ in range(LOOKUP_LIMIT):
        assert client.get(TRACK, {"ma": "ABCDEFGH"}).status_code == 404
    blocked = client.get(TRACK, {"ma": question.code})
    assert blocked.status_code == 429
    assert "tra cứu quá nhiều lần" in _text(blocked)
    assert question.body not in _text(blocked)


def test_e_mail_or_phone_is_required_and_the_text_is_kept(client, question_data):
    body = "Xin hỏi về hỗ trợ hộ nghèo năm nay, gia đình tôi có thuộc diện được hỗ trợ không?"
    response = client.post(ASK, question_data(email="", phone="", body=body))
    assert response.status_code == 200
    doc = lxml_html.fromstring(response.content.decode())
    assert "e-mail hoặc số điện thoại (ít nhất một)" in _text(response)
    assert doc.xpath("//textarea[@name='body']")[0].text.strip() == body
    assert Question.objects.count() == 0
    # A phone number alone is enough.
    assert client.post(ASK, question_data(email="", phone="0272 3871 234", body=body)).status_code == 302
    assert Question.objects.get().phone == "0272 3871 234"


@pytest.mark.parametrize("fields, message", [
    ({"phone": "abc"}, "Số điện thoại chưa đúng"),
    ({"field": "khong-co"}, "Vui lòng chọn một lĩnh vực"),
    ({"body": "x" * 3001}, "vượt quá giới hạn 3000 ký tự"),
    ({"name": "   "}, "Vui lòng nhập họ và tên"),
    ({"name": "\u200b\u202e\u3164"}, "Họ tên chỉ gồm ký tự không nhìn thấy được"),
    ({"email": "khong-phai-email"}, "E-mail chưa đúng định dạng"),
])
def test_bad_input_gets_a_vietnamese_message_and_keeps_the_form(client, question_data, fields, message):
    response = client.post(ASK, question_data(**fields))
    assert response.status_code == 200
    assert message in _text(response)
    assert Question.objects.count() == 0


def test_the_comment_rate_limit_applies_and_keeps_the_text(client, question_data, settings):
    settings.COMMENTS = {**settings.COMMENTS, "RATE_LIMIT": 2}
    for n in range(2):
        assert client.post(ASK, question_data(body=f"Câu hỏi thứ {n} về thuế đất phi nông nghiệp.")).status_code == 302
    body = "Câu hỏi thứ ba, gửi quá nhanh."
    response = client.post(ASK, question_data(body=body))
    assert response.status_code == 429
    assert "quá nhanh" in _text(response)
    assert lxml_html.fromstring(response.content.decode()).xpath("//textarea[@name='body']")[0].text.strip() == body
    assert Question.objects.count() == 2


def test_bots_are_marked_spam_silently_and_get_the_same_answer(client, question_data):
    honeypot = client.post(ASK, question_data(website="http://spam.example"))
    no_stamp = client.post(ASK, question_data(issued=""))
    assert honeypot.status_code == no_stamp.status_code == 302
    assert set(Question.objects.values_list("status", flat=True)) == {Question.Status.SPAM}
    # The bot following its code learns nothing either.
    assert "Mới tiếp nhận" in _text(client.get(honeypot["Location"]))


def test_blocked_words_and_duplicates_follow_the_comment_rules(client, question_data):
    from comments.models import ModerationRule

    ModerationRule.objects.create(kind=ModerationRule.Kind.MODERATE_WORD, value="lừa đảo")
    assert client.post(ASK, question_data(body="Có người LỪA ĐẢO bán đất nền, xin hỏi xử lý thế nào?")).status_code == 302
    held = Question.objects.get()
    assert held.status == Question.Status.RECEIVED
    assert held.flags == ["Có từ cần duyệt: “lừa đảo”"]
    again = client.post(ASK, question_data(email=held.email, body=held.body))
    assert again.status_code == 200 and "Bạn đã gửi câu hỏi này rồi" in _text(again)
    assert Question.objects.count() == 1


def test_a_question_goes_to_the_site_it_was_asked_on(client, province, question_data):
    commune = province["commune"]
    response = client.post(ASK, question_data(site=commune), HTTP_HOST="benluc.tayninh.test")
    assert response.status_code == 302
    assert Question.objects.get().site == commune


# --- Published answers --------------------------------------------------------------------
def test_only_published_answers_are_listed_and_shown(client, make_question):
    shown = make_question(answer="Trả lời công khai.", title="Thủ tục đăng ký khai sinh")
    hidden = make_question(answer="Trả lời riêng.", published=False, title="Câu hỏi riêng tư")
    pending = make_question(title="Câu hỏi chưa trả lời")
    text = _text(client.get("/hoi-dap/"))
    assert shown.title in text
    assert hidden.title not in text and pending.title not in text
    assert client.get(shown.get_absolute_url()).status_code == 200
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert client.get(pending.get_absolute_url()).status_code == 404
    detail = _text(client.get(shown.get_absolute_url()))
    assert "Trả lời công khai." in detail and shown.email not in detail


def test_search_folds_case_and_diacritics_like_article_search(client, make_question):
    land = make_question(answer="Hồ sơ gồm đơn đề nghị tách thửa.", body="Thủ tục TÁCH THỬA đất ở Bến Lức?")
    make_question(answer="Mang giấy chứng sinh.", body="Đăng ký khai sinh cho con.")
    make_question(answer="Không liên quan.", body="Thửa ruộng bị ngập, xin hỗ trợ.")
    text = _text(client.get("/hoi-dap/", {"q": "tach thua ben luc"}))
    assert "Có 1 câu hỏi phù hợp" in text and land.display_title in text
    # Whole words: "thu" does not find "thủ tục"'s neighbours by prefix.
    assert "Không tìm thấy câu hỏi nào" in _text(client.get("/hoi-dap/", {"q": "tha"}))
    # Field filter.
    text = _text(client.get("/hoi-dap/", {"linh-vuc": "ho-tich"}))
    assert "Có 3 câu hỏi phù hợp" in text


def test_hostile_queries_are_4xx_or_empty_never_500(client, make_question):
    make_question(answer="Trả lời.")
    for params in ({"q": "\x00"}, {"q": "x" * 5000}, {"trang": "99"}, {"trang": "abc"},
                   {"linh-vuc": "<script>"}, {"q": "' OR 1=1 --"}):
        assert client.get("/hoi-dap/", params).status_code in (200, 404)
    assert client.get("/hoi-dap/99999999999999999999999/").status_code == 404


def test_the_list_is_cached_and_publishing_refreshes_it(client, make_question, django_assert_num_queries):
    question = make_question(answer="Trả lời.", title="Hỏi về học bổng")
    client.get("/hoi-dap/")
    with django_assert_num_queries(1):  # the site's content version; the page from the cache
        assert client.get("/hoi-dap/").status_code == 200
    question.is_published = False
    question.save()
    assert "Hỏi về học bổng" not in _text(client.get("/hoi-dap/"))


def test_a_new_question_does_not_empty_the_page_cache(client, question_data):
    site = Site.objects.default()
    before = site.content_version
    assert client.post(ASK, question_data()).status_code == 302
    site.refresh_from_db()
    assert site.content_version == before


@pytest.fixture(params=[5, 500])
def many_answers(request, make_question):
    from questions.models import Question as Q

    site = Site.objects.default()
    first = make_question(answer="Trả lời mẫu về đất đai.", title="Câu hỏi đầu tiên")
    rows = []
    for n in range(request.param - 1):
        rows.append(Q(site=site, code=f"{n:08d}".translate(str.maketrans("0123456789", "ABCDEFGHJK")),
                      name="Người hỏi", email="a@example.com", field="dat-dai", body=f"Câu hỏi đất đai {n}",
                      answer="Trả lời mẫu.", status="answered", is_published=True,
                      due_on=first.due_on, answered_at=first.answered_at,
                      search_text=" cau hoi dat dai tra loi mau "))
    Q.objects.bulk_create(rows)
    return first


@pytest.mark.parametrize("url", ["/hoi-dap/", "/hoi-dap/?trang=2", "/hoi-dap/?q=dat+dai",
                                 "/hoi-dap/?linh-vuc=dat-dai", "detail", "track", "/hoi-dap/gui-cau-hoi/"])
def test_query_budget_does_not_grow_with_the_data(client, many_answers, url, django_assert_max_num_queries):
    if url == "/hoi-dap/?trang=2" and Question.objects.count() <= 10:
        url = "/hoi-dap/"
    url = {"detail": many_answers.get_absolute_url(), "track": f"{TRACK}?ma={many_answers.code}"}.get(url, url)
    with django_assert_max_num_queries(4):
        assert client.get(url).status_code == 200


def test_the_sites_answerers_are_told_of_a_new_question_but_not_of_spam(
    client, province, question_data, mailoutbox, settings, django_user_model, django_capture_on_commit_callbacks
):
    from django.contrib.auth.models import Group

    from articles import roles
    from sites.models import Membership

    settings.MAIL_IN_BACKGROUND = False
    role = Group.objects.get(name=roles.ANSWERER)
    for name, site in (("traloi-benluc", province["commune"]), ("traloi-tinh", province["portal"])):
        user = django_user_model.objects.create_user(name, f"{name}@example.com", "x", is_staff=True)
        Membership.objects.create(user=user, site=site, role=role)
    data = question_data(site=province["commune"], phone="0912 345 678")
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(ASK, data, HTTP_HOST="benluc.tayninh.test").status_code == 302
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    question = Question.objects.get()
    assert mail.to == ["traloi-benluc@example.com"]
    assert question.display_code in mail.subject and question.body in mail.body
    assert data["email"] not in mail.body and "0912 345 678" not in mail.body
    assert f"/admin/questions/question/{question.pk}/change/" in mail.body
    with django_capture_on_commit_callbacks(execute=True):
        client.post(ASK, question_data(site=province["commune"], website="bot"), HTTP_HOST="benluc.tayninh.test")
    assert len(mailoutbox) == 1


def test_published_answers_are_in_the_sitemap(client, make_question):
    from lxml import etree

    shown = make_question(answer="Trả lời.")
    hidden = make_question(answer="Trả lời riêng.", published=False)
    index = etree.fromstring(client.get("/sitemap.xml").content)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    assert "http://testserver/sitemap-questions.xml" in index.xpath("//s:loc/text()", namespaces=ns)
    urls = etree.fromstring(client.get("/sitemap-questions.xml").content).xpath("//s:loc/text()", namespaces=ns)
    assert urls == ["http://testserver" + shown.get_absolute_url()]
    assert "http://testserver" + hidden.get_absolute_url() not in urls
