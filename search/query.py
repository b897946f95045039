"""The reader's query: cleaned, truncated and folded into at most MAX_WORDS distinct words."""

import unicodedata
from dataclasses import dataclass, field

from benluc.text import words

from .snippets import hits

MAX_QUERY_LENGTH = 200  # characters of the query kept (the header input has maxlength=200 too)
MAX_WORDS = 6  # distinct words used; 3 tiers per word, so at most 18 tiers


@dataclass
class Query:
    """What the reader asked for, cleaned: the text to echo and the words to find."""

    text: str = ""
    words: list = field(default_factory=list)
    notices: list = field(default_factory=list)
    spelled: dict = field(default_factory=dict)  # folded word → as the reader typed it


def _clean_char(ch):
    category = unicodedata.category(ch)
    if category in ("Cc", "Zs", "Zl", "Zp"):
        return " "  # tabs, newlines, NUL, non-breaking and other spaces
    if category[0] == "C":
        return ""  # format (zero-width, bidi), surrogate, private-use, unassigned
    return ch


def parse_query(raw):
    """Clean, truncate and fold the reader's query."""
    # Bound the work before normalising: a 5,000-character query costs no more
    # than a 200-character one. NFD can be up to ~3 code points per letter.
    text = unicodedata.normalize("NFC", (raw or "")[: MAX_QUERY_LENGTH * 4])
    text = " ".join("".join(_clean_char(ch) for ch in text).split())
    query = Query()
    if len(text) > MAX_QUERY_LENGTH:
        cut = text[:MAX_QUERY_LENGTH]
        # Do not search for half a word.
        text = cut.rsplit(" ", 1)[0] if " " in cut[-40:] else cut
        query.notices.append(
            f"Từ khóa quá dài nên chỉ dùng {MAX_QUERY_LENGTH} ký tự đầu."
        )
    query.text = text
    unique = list(dict.fromkeys(words(text)))
    if len(unique) > MAX_WORDS:
        query.notices.append(f"Chỉ tìm theo {MAX_WORDS} từ khác nhau đầu tiên.")
    query.words = unique[:MAX_WORDS]
    for start, end, word in hits(text, set(query.words)):
        query.spelled.setdefault(word, text[start:end])
    return query


def cache_form(raw):
    """What of a raw query decides its results page: its cleaned text and notices."""
    query = parse_query(raw)
    return repr((query.text, query.notices))


# --- Tiers and the two database backends ------------------------------------
