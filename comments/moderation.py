"""Moderation rules for readers' comments (the moderators' e-mail is comments/digest.py).

Reference behaviour: WordPress's discussion settings and django-contrib-comments'
moderators. Every comment starts pending; the rules below may refuse it outright
(closed, too fast, duplicate), mark it spam silently (bots, blocked senders and
words), hold it with a reason (links, moderation words) or, optionally, approve
it (an e-mail with an earlier approved comment). Thresholds come from
`settings.COMMENTS`; the word, e-mail and IP lists are `ModerationRule` rows
edited in the admin.
"""

import hashlib
import ipaddress
import re
import time
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from benluc.text import words

from sites.permissions import site_id_of

from .digest import moderator_emails  # noqa: F401  (the drafts' comments use it from here)
from .models import Comment, ModerationRule, RateSlot


TOKEN_SALT = "comments.form-issued"


def conf(name):
    """A comments setting: `settings.COMMENTS[name]` (defaults and meanings in benluc/settings.py)."""
    return settings.COMMENTS[name]


class Refused(Exception):
    """The comment is not accepted; the reader sees `message` with the form intact.

    A form to correct comes back with 200, as Django re-renders invalid forms;
    only "closed" (403) and "too fast" (429) are refusals at the HTTP level.
    """

    def __init__(self, message, status=200):
        super().__init__(message)
        self.message = message
        self.status = status


# --- Words --------------------------------------------------------------------
def find_phrases(text, phrases):
    """The phrases that occur in `text` as whole words, ignoring case and diacritics.

    Words are split and folded as search does (`benluc.text.words`): `Lừa ĐẢO!` → lua dao.
    """
    tokens = words(text)
    padded = f" {' '.join(tokens)} "
    found = []
    for phrase in phrases:
        needle = " ".join(words(phrase))
        if needle and f" {needle} " in padded:
            found.append(phrase)
    return found


_LINK = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)


def count_links(text):
    return len(_LINK.findall(text))


# --- Senders ------------------------------------------------------------------
def email_blocked(email, blocked):
    email = (email or "").lower()
    domain = email.rpartition("@")[2]
    return any(rule == email or (rule.startswith("@") and rule[1:] == domain) for rule in blocked)


def ip_blocked(ip, blocked):
    if not ip:
        return False
    address = ipaddress.ip_address(ip)
    for rule in blocked:
        try:
            if address in ipaddress.ip_network(rule, strict=False):
                return True
        except ValueError:
            continue
    return False


# --- Form token: when was the form served? --------------------------------------
# A form older than this is refused with a fresh stamp (the text is kept), so an
# old stamp cannot be replayed forever to get past the minimum time.
TOKEN_MAX_AGE = 24 * 3600


def issue_token(article_id, issued_at=None):
    """A signed stamp of when the form was served (the client cannot forge an earlier one)."""
    issued_at = time.time() if issued_at is None else issued_at
    return signing.dumps({"a": article_id, "t": int(issued_at)}, salt=TOKEN_SALT)


def seconds_since_issued(token, article_id):
    """Seconds since the form was served, or None if the token is missing or forged."""
    try:
        data = signing.loads(token or "", salt=TOKEN_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("a") != article_id:
        return None
    return time.time() - data.get("t", 0)


# --- Refusals -------------------------------------------------------------------
def closed_reason(article, now=None):
    """Why the article takes no new comments, or None if it does."""
    if not article.allow_comments:
        return "Bài viết này đã đóng bình luận."
    days = conf("CLOSE_AFTER_DAYS")
    if days and article.publish_at and article.publish_at + timedelta(days=days) <= (
        now or timezone.now()
    ):
        return f"Bài viết này đã đóng bình luận (chỉ nhận ý kiến trong {days} ngày sau khi đăng)."
    return None


def _window(now=None):
    """The number of the current fixed rate-limit window (RATE_LIMIT_WINDOW seconds each)."""
    return int((now or time.time()) // conf("RATE_LIMIT_WINDOW"))


def _too_fast():
    minutes = max(1, round(conf("RATE_LIMIT_WINDOW") / 60))
    return Refused(
        "Bạn gửi ý kiến quá nhanh. Vui lòng chờ khoảng "
        f"{minutes} phút rồi gửi lại; nội dung của bạn vẫn được giữ nguyên bên dưới.",
        status=429,
    )


def take_slot(ip):
    """Take one of `ip`'s RATE_LIMIT comments in this window, or refuse with HTTP 429.

    The count is a database row incremented in one statement (`count = count + 1`,
    which holds the row until commit), so twenty posts arriving together get exactly
    RATE_LIMIT slots between them, whichever process or machine serves them; a cache
    would not do (the file cache used without Redis reads and writes back, and
    Redis may be down). Give the slot back with `release_slot` when the comment is
    not stored after all (a form to correct, a duplicate).
    """
    if not ip:
        return
    window = _window()
    slots = RateSlot.objects.filter(ip=ip, window=window)
    with transaction.atomic():
        if not slots.update(count=F("count") + 1):
            try:
                with transaction.atomic():
                    RateSlot.objects.create(ip=ip, window=window, count=1)
            except IntegrityError:  # another post from this address created it meanwhile
                slots.update(count=F("count") + 1)
        count = slots.values_list("count", flat=True).get()
    if count == 1:
        # The address's first post in this window: windows before the last one are over.
        RateSlot.objects.filter(window__lt=window - 1).delete()
    if count > conf("RATE_LIMIT"):
        raise _too_fast()


def release_slot(ip):
    """Give back a slot taken by `take_slot` for a comment that was not stored."""
    if ip:
        RateSlot.objects.filter(ip=ip, window=_window(), count__gt=0).update(count=F("count") - 1)


def fingerprint(body):
    """What makes two comments "the same text": case and spacing do not count (sha256, hex)."""
    return hashlib.sha256(" ".join(body.casefold().split()).encode()).hexdigest()


DUPLICATE = "Bạn đã gửi ý kiến này rồi. Ý kiến trùng lặp sẽ không được đăng lại."


def check_duplicate(article, body, email, ip):
    """Refuse the same text from the same sender (e-mail or IP) on the same article.

    This is the friendly early answer; concurrent copies that all pass it are
    stopped by the unique constraints on (article, fingerprint, e-mail / IP).
    """
    sender = Q(email__iexact=email)
    if ip:
        sender |= Q(ip=ip)
    wanted = fingerprint(body)
    earlier = Comment.objects.filter(sender, article=article).values_list("body", flat=True)
    if any(fingerprint(text) == wanted for text in earlier[:200]):
        raise Refused(DUPLICATE)


# --- Verdict ------------------------------------------------------------------
@dataclass
class Verdict:
    status: str
    flags: list


def screen(comment, *, honeypot="", elapsed=None):
    """Decide the status of a new comment, with the reasons a moderator will see."""
    spam, held = [], []
    if honeypot:
        spam.append("Ô bẫy (chỉ máy tự động điền) có nội dung")
    minimum = conf("MIN_SUBMIT_SECONDS")
    if elapsed is None:
        spam.append("Thiếu hoặc sai mã thời gian của biểu mẫu")
    elif elapsed < minimum:
        spam.append(f"Gửi sau {max(elapsed, 0):.1f} giây (tối thiểu {minimum} giây)")

    # The province-wide rules and those of the site the comment (or question…) belongs to.
    rules = ModerationRule.objects.values_by_kind(site_id_of(comment))
    if email_blocked(comment.email, rules[ModerationRule.Kind.BLOCKED_EMAIL]):
        spam.append("E-mail nằm trong danh sách chặn")
    if ip_blocked(comment.ip, rules[ModerationRule.Kind.BLOCKED_IP]):
        spam.append("Địa chỉ IP nằm trong danh sách chặn")
    text = f"{comment.name}\n{comment.body}"
    blocked = find_phrases(text, rules[ModerationRule.Kind.BLOCKED_WORD])
    if blocked:
        spam.append("Có từ bị chặn: " + ", ".join(f"“{w}”" for w in blocked))
    if spam:
        return Verdict(Comment.Status.SPAM, spam)

    links, limit = count_links(comment.body), conf("MAX_LINKS")
    if links > limit:
        held.append(f"Có {links} liên kết (tối đa {limit})")
    moderated = find_phrases(text, rules[ModerationRule.Kind.MODERATE_WORD])
    if moderated:
        held.append("Có từ cần duyệt: " + ", ".join(f"“{w}”" for w in moderated))
    if held:
        return Verdict(Comment.Status.PENDING, held)

    if conf("AUTO_APPROVE_KNOWN_EMAILS") and (
        Comment.objects.approved().filter(email__iexact=comment.email, is_staff_reply=False).exists()
    ):
        return Verdict(
            Comment.Status.APPROVED, ["Tự động duyệt: e-mail này đã có ý kiến được duyệt"]
        )
    return Verdict(Comment.Status.PENDING, [])
