"""Revisions people can read: labelled values, local times, word-level text diffs."""

import difflib
import html
import re
from dataclasses import dataclass

from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.text import capfirst

from articles.models import Article, Author
from benluc.text import html_text

# Fields shown in history, in form order (search columns and photo sizes are not).
FIELDS = [
    "title", "slug", "sapo", "body", "byline_ids", "cover", "cover_caption", "cover_alt",
    "category", "event", "status", "publish_at", "allow_comments",
]
TEXT_FIELDS = {"sapo", "body"}
EMPTY = "(trống)"
CONTEXT_WORDS = 8  # unchanged words kept around each change in a diff

_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_ALT = re.compile(r'\balt="([^"]*)"', re.IGNORECASE)


def local(value):
    """`14:05, 02/12/2026` in Vietnam time."""
    return f"{timezone.localtime(value):%H:%M, %d/%m/%Y}" if value else EMPTY


def label(name):
    if name == "byline_ids":
        return "Tác giả"
    return capfirst(Article._meta.get_field(name).verbose_name)


def body_words(body):
    """The words of body HTML, each photo as one `[Ảnh: alt]` word."""
    photos = []

    def marker(match):
        alt = _ALT.search(match.group(0))
        photos.append(html.unescape(alt.group(1)) if alt and alt.group(1) else "không có mô tả")
        return f" \uE000{len(photos) - 1}\uE000 "

    words = html_text(_IMG.sub(marker, body or "")).split()
    return [
        f"[Ảnh: {photos[int(w[1:-1])]}]" if w.startswith("\uE000") and w.endswith("\uE000") else w
        for w in words
    ]


def words_of(name, value):
    return body_words(value) if name == "body" else (value or "").split()


def word_diff(old_words, new_words, context=CONTEXT_WORDS):
    """HTML: removed words in <del>, added ones in <ins>, long unchanged runs elided."""
    parts = []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    opcodes = matcher.get_opcodes()
    for index, (op, a1, a2, b1, b2) in enumerate(opcodes):
        if op == "equal":
            same = old_words[a1:a2]
            first, last = index == 0, index == len(opcodes) - 1
            if len(same) > 2 * context + 1 or (first and len(same) > context) or (last and len(same) > context):
                head = [] if first else same[:context]
                tail = [] if last else same[-context:]
                parts.append(escape(" ".join(head)) + (" … " if head or tail else "…") + escape(" ".join(tail)))
            else:
                parts.append(escape(" ".join(same)))
            continue
        if a2 > a1:
            parts.append(format_html("<del>{}</del>", " ".join(old_words[a1:a2])))
        if b2 > b1:
            parts.append(format_html("<ins>{}</ins>", " ".join(new_words[b1:b2])))
    return mark_safe(" ".join(p for p in parts if p))


def side_by_side(old_words, new_words):
    """(old HTML, new HTML): the whole texts, removed words marked in one, added in the other."""
    left, right = [], []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False).get_opcodes():
        if op == "equal":
            left.append(escape(" ".join(old_words[a1:a2])))
            right.append(escape(" ".join(new_words[b1:b2])))
            continue
        if a2 > a1:
            left.append(format_html("<del>{}</del>", " ".join(old_words[a1:a2])))
        if b2 > b1:
            right.append(format_html("<ins>{}</ins>", " ".join(new_words[b1:b2])))
    return mark_safe(" ".join(left)), mark_safe(" ".join(right))


class Names:
    """Display values for a set of revisions, with the few lookups they need done once."""

    def __init__(self, records):
        ids = {i for r in records for i in (r.byline_ids or [])}
        self.authors = dict(Author.objects.filter(pk__in=ids).values_list("pk", "name"))

    def display(self, record, name):
        value = getattr(record, name if name not in ("category", "event") else f"{name}_id")
        if name == "byline_ids":
            return " – ".join(self.authors.get(i, f"(tác giả #{i} đã xóa)") for i in value or []) or EMPTY
        if name == "status":
            return Article.Status(value).label if value in Article.Status.values else value or EMPTY
        if name in ("category", "event"):
            related = getattr(record, name, None) if value else None
            return str(related) if related else EMPTY
        if name == "publish_at":
            return local(value)
        if name == "allow_comments":
            return "Có" if value else "Không"
        if name == "cover":
            return str(value).rsplit("/", 1)[-1] if value else EMPTY
        if name in TEXT_FIELDS:
            return " ".join(words_of(name, value)) or EMPTY
        return str(value) if value not in (None, "") else EMPTY


@dataclass
class Change:
    field: str
    label: str
    old: str
    new: str
    diff: str = ""  # for long texts: the word diff (HTML)


def changes(old, new, names=None):
    """What changed from revision `old` to revision `new` (either may be None)."""
    names = names or Names([r for r in (old, new) if r is not None])
    result = []
    for name in FIELDS:
        old_value = getattr(old, name, None) if old is not None else None
        new_value = getattr(new, name, None)
        if name in ("category", "event"):
            old_value = getattr(old, f"{name}_id", None) if old is not None else None
            new_value = getattr(new, f"{name}_id", None)
        if (old_value or None) == (new_value or None) or (old is None and not new_value):
            continue
        change = Change(
            name, label(name),
            names.display(old, name) if old is not None else EMPTY,
            names.display(new, name),
        )
        if name in TEXT_FIELDS:
            change.diff = word_diff(words_of(name, old_value), words_of(name, new_value))
        result.append(change)
    return result


def comparison(old, new):
    """Rows for a side-by-side view of two revisions: (label, old HTML, new HTML, changed)."""
    names = Names([old, new])
    rows = []
    for name in FIELDS:
        if name in TEXT_FIELDS:
            left, right = side_by_side(words_of(name, getattr(old, name)), words_of(name, getattr(new, name)))
            changed = getattr(old, name) != getattr(new, name)
        else:
            left, right = escape(names.display(old, name)), escape(names.display(new, name))
            changed = left != right
        rows.append((label(name), left, right, changed))
    return rows


def who(record):
    """The person behind a revision, by name."""
    user = record.history_user
    if user is None:
        return "hệ thống"
    return user.get_full_name() or user.get_username()


def describe(record):
    """`bientap lúc 14:05, 02/12/2026`."""
    return f"{who(record)} lúc {local(record.history_date)}"
