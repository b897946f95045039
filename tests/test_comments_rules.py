"""Moderation rules, one by one (comments/moderation.py)."""

import time
import unicodedata
from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.utils import timezone

from comments import moderation
from comments.models import Comment, ModerationRule


# --- Whole-word matching, folded ------------------------------------------------
@pytest.mark.parametrize(
    "text, phrase, found",
    [
        ("Đây là trò lừa đảo!", "lừa đảo", True),
        ("day la tro lua dao", "lừa đảo", True),  # typed without diacritics
        ("LỪA ĐẢO", "lua dao", True),  # case and diacritics on both sides
        (unicodedata.normalize("NFD", "Cẩn thận lừa đảo"), "lừa đảo", True),  # decomposed input
        ("lừa\nđảo", "lừa đảo", True),  # any whitespace between the words
        ("lừa, đảo", "lừa đảo", True),  # punctuation is not a word
        ("Tôi dùng WordPress", "press", False),  # not inside another word
        ("press release", "press", True),
        ("đường đi", "duong", True),  # đ folds to d
        ("lừa đảo", "lừa", True),
        ("lừa gạt", "lừa đảo", False),  # the whole phrase, not one of its words
        ("lửa đạo", "lừa đảo", True),  # folding drops tones: the price of catching "lua dao"
        ("", "lừa đảo", False),
    ],
)
def test_find_phrases_matches_whole_words_ignoring_case_and_diacritics(text, phrase, found):
    assert (moderation.find_phrases(text, [phrase]) == [phrase]) is found


@pytest.mark.parametrize(
    "text, links",
    [
        ("Không có liên kết", 0),
        ("Xem https://vidu.vn/a", 1),
        ("http://a.vn và www.b.vn", 2),
        ("HTTPS://A.VN https://b.vn http://c.vn", 3),
    ],
)
def test_count_links(text, links):
    assert moderation.count_links(text) == links


@pytest.mark.parametrize(
    "email, rules, blocked",
    [
        ("ads@spam.example", ["ads@spam.example"], True),
        ("ADS@Spam.Example", ["ads@spam.example"], True),
        ("ai@spam.example", ["@spam.example"], True),
        ("ai@notspam.example", ["@spam.example"], False),
        ("ban@example.com", ["ads@spam.example"], False),
    ],
)
def test_email_blocked(email, rules, blocked):
    assert moderation.email_blocked(email, rules) is blocked


@pytest.mark.parametrize(
    "ip, rules, blocked",
    [
        ("198.51.100.7", ["198.51.100.7"], True),
        ("198.51.100.7", ["198.51.100.0/24"], True),
        ("198.51.101.7", ["198.51.100.0/24"], False),
        ("2001:db8::1", ["2001:db8::/32"], True),
        ("203.0.113.1", ["khong-phai-ip"], False),
        (None, ["198.51.100.0/24"], False),
    ],
)
def test_ip_blocked(ip, rules, blocked):
    assert moderation.ip_blocked(ip, rules) is blocked


# --- The verdict on a new comment -----------------------------------------------
def _comment(article, **fields):
    fields.setdefault("name", "Nguyễn Văn An")
    fields.setdefault("email", "an@example.com")
    fields.setdefault("body", "Bài viết rất hay.")
    fields.setdefault("ip", "203.0.113.9")
    return Comment(article=article, **fields)


@pytest.fixture
def rules(db):
    for kind, value in [
        (ModerationRule.Kind.MODERATE_WORD, "lừa đảo"),
        (ModerationRule.Kind.BLOCKED_WORD, "kiếm tiền online"),
        (ModerationRule.Kind.BLOCKED_EMAIL, "@spam.example"),
        (ModerationRule.Kind.BLOCKED_IP, "198.51.100.0/24"),
    ]:
        ModerationRule.objects.create(kind=kind, value=value)


@pytest.mark.parametrize(
    "fields, screen_kwargs, status, flag",
    [
        ({}, {}, "pending", None),
        ({}, {"honeypot": "http://spam.example"}, "spam", "Ô bẫy"),
        ({}, {"elapsed": 1.2}, "spam", "Gửi sau 1.2 giây (tối thiểu 3 giây)"),
        ({}, {"elapsed": None}, "spam", "Thiếu hoặc sai mã thời gian"),
        ({"email": "ai@spam.example"}, {}, "spam", "E-mail nằm trong danh sách chặn"),
        ({"ip": "198.51.100.20"}, {}, "spam", "Địa chỉ IP nằm trong danh sách chặn"),
        ({"body": "Kiem tien ONLINE mỗi ngày"}, {}, "spam", "Có từ bị chặn: “kiếm tiền online”"),
        ({"name": "Kiếm tiền online"}, {}, "spam", "Có từ bị chặn"),
        ({"body": "Đây là lừa đảo"}, {}, "pending", "Có từ cần duyệt: “lừa đảo”"),
        ({"body": "a https://a.vn b https://b.vn c https://c.vn"}, {}, "pending", "Có 3 liên kết (tối đa 2)"),
        ({"body": "a https://a.vn b https://b.vn"}, {}, "pending", None),
        ({"body": "Tôi dùng WordPress"}, {}, "pending", None),
    ],
)
def test_screen(article, rules, fields, screen_kwargs, status, flag):
    screen_kwargs.setdefault("elapsed", 60)
    verdict = moderation.screen(_comment(article, **fields), **screen_kwargs)
    assert verdict.status == status
    if flag is None:
        assert verdict.flags == []
    else:
        assert any(f.startswith(flag) for f in verdict.flags), verdict.flags


def test_max_links_is_configurable(article, settings):
    settings.COMMENTS = {**settings.COMMENTS, "MAX_LINKS": 0}
    verdict = moderation.screen(_comment(article, body="Xem www.vidu.vn"), elapsed=60)
    assert verdict.flags == ["Có 1 liên kết (tối đa 0)"]


def test_min_submit_seconds_is_configurable(article, settings):
    settings.COMMENTS = {**settings.COMMENTS, "MIN_SUBMIT_SECONDS": 10}
    assert moderation.screen(_comment(article), elapsed=9).status == "spam"
    assert moderation.screen(_comment(article), elapsed=10).status == "pending"


@pytest.mark.parametrize("enabled, status", [(True, "approved"), (False, "pending")])
def test_auto_approval_for_an_email_with_an_approved_comment(article, make_comment, settings, enabled, status):
    settings.COMMENTS = {**settings.COMMENTS, "AUTO_APPROVE_KNOWN_EMAILS": enabled}
    make_comment(email="An@Example.com", status=Comment.Status.APPROVED)
    assert moderation.screen(_comment(article, email="an@example.com"), elapsed=60).status == status


@pytest.mark.parametrize("earlier", ["pending", "rejected", "spam"])
def test_auto_approval_needs_an_approved_comment(article, make_comment, settings, earlier):
    settings.COMMENTS = {**settings.COMMENTS, "AUTO_APPROVE_KNOWN_EMAILS": True}
    make_comment(email="an@example.com", status=earlier)
    assert moderation.screen(_comment(article), elapsed=60).status == "pending"


def test_auto_approval_never_overrides_a_held_comment(article, make_comment, rules, settings):
    settings.COMMENTS = {**settings.COMMENTS, "AUTO_APPROVE_KNOWN_EMAILS": True}
    make_comment(email="an@example.com", status=Comment.Status.APPROVED)
    verdict = moderation.screen(_comment(article, body="lừa đảo"), elapsed=60)
    assert verdict.status == "pending"


def test_rules_are_cached_and_an_admin_edit_takes_effect_at_once(article, django_assert_num_queries):
    rule = ModerationRule.objects.create(kind=ModerationRule.Kind.MODERATE_WORD, value="xổ số")
    assert moderation.screen(_comment(article, body="xo so"), elapsed=60).flags
    with django_assert_num_queries(0):
        ModerationRule.objects.values_by_kind()
    rule.delete()
    assert moderation.screen(_comment(article, body="xo so"), elapsed=60).flags == []
    ModerationRule.objects.create(kind=ModerationRule.Kind.BLOCKED_WORD, value="xổ số")
    assert moderation.screen(_comment(article, body="xo so"), elapsed=60).status == "spam"


@pytest.mark.parametrize(
    "kind, value, error",
    [
        (ModerationRule.Kind.BLOCKED_IP, "203.0.113.0/24", False),
        (ModerationRule.Kind.BLOCKED_IP, "không phải IP", True),
        (ModerationRule.Kind.BLOCKED_EMAIL, "@spam.example", False),
        (ModerationRule.Kind.BLOCKED_EMAIL, "spam.example", True),
        (ModerationRule.Kind.MODERATE_WORD, "lừa đảo", False),
    ],
)
def test_rule_values_are_validated(db, kind, value, error):
    from django.core.exceptions import ValidationError

    rule = ModerationRule(kind=kind, value=value)
    if error:
        with pytest.raises(ValidationError):
            rule.full_clean()
    else:
        rule.full_clean()


# --- Refusals ------------------------------------------------------------------
def test_comments_closed_per_article(make_article):
    assert moderation.closed_reason(make_article(allow_comments=False)) == "Bài viết này đã đóng bình luận."
    assert moderation.closed_reason(make_article()) is None


@pytest.mark.parametrize("days_later, closed", [(29, False), (30, True), (400, True)])
def test_comments_close_automatically_after_n_days(make_article, settings, days_later, closed):
    settings.COMMENTS = {**settings.COMMENTS, "CLOSE_AFTER_DAYS": 30}
    published = timezone.now() - timedelta(days=1)
    article = make_article(publish_at=published)
    with time_machine.travel(published + timedelta(days=days_later, minutes=-1 if not closed else 0)):
        reason = moderation.closed_reason(article)
    assert (reason is not None) is closed
    if closed:
        assert "30 ngày" in reason


def test_close_after_zero_days_means_never(make_article, settings):
    settings.COMMENTS = {**settings.COMMENTS, "CLOSE_AFTER_DAYS": 0}
    assert moderation.closed_reason(make_article(publish_at=timezone.now() - timedelta(days=3000))) is None


def test_rate_limit_per_address_and_window(db, settings):
    settings.COMMENTS = {**settings.COMMENTS, "RATE_LIMIT": 2, "RATE_LIMIT_WINDOW": 600}
    start = 1_800_000_000 // 600 * 600  # the start of a window
    with time_machine.travel(start + 10, tick=False):
        for _ in range(2):
            moderation.take_slot("203.0.113.1")
        with pytest.raises(moderation.Refused) as refused:
            moderation.take_slot("203.0.113.1")
        assert refused.value.status == 429
        assert "quá nhanh" in refused.value.message
        moderation.take_slot("203.0.113.2")  # another reader is not affected
    with time_machine.travel(start + 600, tick=False):  # the next window
        moderation.take_slot("203.0.113.1")


def test_a_released_slot_can_be_taken_again(db, settings):
    settings.COMMENTS = {**settings.COMMENTS, "RATE_LIMIT": 1}
    moderation.take_slot("203.0.113.1")
    moderation.release_slot("203.0.113.1")  # e.g. the form had a mistake
    moderation.take_slot("203.0.113.1")
    with pytest.raises(moderation.Refused):
        moderation.take_slot("203.0.113.1")


@pytest.mark.parametrize(
    "body, email, ip, duplicate",
    [
        ("Bài viết hay.", "an@example.com", "198.51.100.1", True),  # same e-mail
        ("Bài viết hay.", "khac@example.com", "203.0.113.9", True),  # same IP
        ("  BÀI VIẾT   HAY. ", "AN@example.com", None, True),  # case and spacing do not matter
        ("Bài viết hay.", "khac@example.com", "198.51.100.1", False),  # another sender
        ("Bài viết rất hay.", "an@example.com", "203.0.113.9", False),  # another text
    ],
)
def test_duplicate_body_from_the_same_sender_is_refused(article, make_comment, body, email, ip, duplicate):
    make_comment(body="Bài viết hay.", email="an@example.com", ip="203.0.113.9", status="pending")
    if duplicate:
        with pytest.raises(moderation.Refused, match="đã gửi ý kiến này rồi"):
            moderation.check_duplicate(article, body, email, ip)
    else:
        moderation.check_duplicate(article, body, email, ip)


def test_duplicate_on_another_article_is_fine(article, make_article, make_comment):
    make_comment(body="Bài viết hay.", email="an@example.com")
    moderation.check_duplicate(make_article(), "Bài viết hay.", "an@example.com", "203.0.113.5")


# --- Form token ---------------------------------------------------------------
def test_form_token_measures_time_since_the_form_was_served(article):
    token = moderation.issue_token(article.pk, issued_at=time.time() - 42)
    assert 41 < moderation.seconds_since_issued(token, article.pk) < 44


@pytest.mark.parametrize("token", ["", "giả-mạo", None])
def test_missing_or_forged_token_is_none(article, token):
    assert moderation.seconds_since_issued(token, article.pk) is None


def test_token_for_another_article_is_none(article):
    assert moderation.seconds_since_issued(moderation.issue_token(article.pk + 1), article.pk) is None


def test_a_client_cannot_forge_an_earlier_time(article):
    from django.core import signing

    forged = signing.dumps({"a": article.pk, "t": 0}, key="not-our-secret", salt=moderation.TOKEN_SALT)
    assert moderation.seconds_since_issued(forged, article.pk) is None
