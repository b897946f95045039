"""Vietnamese text helpers: slugs, search folding and date lines."""

import html
import re
import unicodedata

from django.utils import timezone
from django.utils.text import slugify

# Letters that Unicode does not decompose into "base + combining mark".
_SPECIAL = str.maketrans({"đ": "d", "Đ": "D", "ð": "d", "Ð": "D"})


def strip_diacritics(text: str) -> str:
    """Drop Vietnamese tone and vowel marks, and map đ→d, keeping case."""
    decomposed = unicodedata.normalize("NFD", text.translate(_SPECIAL))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped)


def _fold_exact(text: str) -> str:
    return strip_diacritics(unicodedata.normalize("NFC", text or "")).casefold()


def _single_char_folds():
    # Latin letters with diacritics (Latin-1, Extended-A/B, Extended Additional:
    # every precomposed Vietnamese letter) → their one-letter ASCII fold.
    table = {}
    for start, end in ((0x00C0, 0x0250), (0x1E00, 0x1F00)):
        for code in range(start, end):
            folded = _fold_exact(chr(code))
            if len(folded) == 1 and folded.isascii() and folded != chr(code):
                table[code] = folded
    return table


FOLD_TABLE = _single_char_folds()


def fold(text: str) -> str:
    """Case- and diacritic-insensitive form used for search and word rules.

    Fast path: `str.translate` with the table above gives the exact result
    whenever it yields plain ASCII (precomposed letters fold one by one);
    anything else (decomposed marks, other scripts) takes the exact route.
    """
    text = text or ""
    quick = text.translate(FOLD_TABLE)
    return quick.lower() if quick.isascii() else _fold_exact(text)


# A word: letters and digits (no underscore). The same rule splits stored search
# text, search queries and comments checked against word lists.
WORD_PATTERN = re.compile(r"[^\W_]+")


def words(text: str) -> list:
    """The folded words of `text`: `"Hội nghị Dân-vận!"` → `["hoi", "nghi", "dan", "van"]`."""
    return WORD_PATTERN.findall(fold(text))


def index_text(text: str) -> str:
    """The stored search form of `text`: its folded words joined by single spaces."""
    return " ".join(words(text))


_BLOCK_TAG = re.compile(
    r"</?(?:p|div|br|hr|li|ul|ol|h[1-6]|figure|figcaption|blockquote|table|tr|td|th|img)\b[^>]*>",
    re.IGNORECASE,
)
_ANY_TAG = re.compile(r"<[^>]*>")


def html_text(body: str) -> str:
    """Readable text of body HTML: block tags become spaces, entities are decoded.

    Unlike `strip_tags`, two paragraphs do not run together into one word
    ("…nghị</p><p>Dân…") and `&amp;`/`&nbsp;` do not become words.
    """
    text = _ANY_TAG.sub("", _BLOCK_TAG.sub(" ", body or ""))
    return " ".join(html.unescape(text).split())


def search_columns(title, sapo, body, *more):
    """An article's stored search forms: (everything, title, sapo).

    "Everything" is the title, sapo, body text and `more` (author names, event
    name and organiser). Article.save(), load_bulk and migration 0003 all use it.
    """
    everything = " ".join(p for p in (title, sapo, html_text(body), *more) if p)
    return index_text(everything), index_text(title), index_text(sapo)


def slugify_vi(text: str) -> str:
    """`Đánh giá công tác` → `danh-gia-cong-tac` (Django's slugify alone drops đ)."""
    return slugify(strip_diacritics(text or ""))


WEEKDAYS_LONG = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"]
# The article date line writes weekdays as numbers ("Thứ 6"), as the portal does.
WEEKDAYS_SHORT = ["Thứ 2", "Thứ 3", "Thứ 4", "Thứ 5", "Thứ 6", "Thứ 7", "Chủ nhật"]


def header_dateline(value=None) -> str:
    """Site header: `Thứ Ba, 16/08/2022 11:26 (GMT +7)`."""
    value = timezone.localtime(value)
    return f"{WEEKDAYS_LONG[value.weekday()]}, {value:%d/%m/%Y %H:%M} (GMT +7)"


def article_dateline(value) -> str:
    """Article page: `Thứ 6, 01/07/2022 | 14:43:32 [GMT +7]`."""
    value = timezone.localtime(value)
    return f"{WEEKDAYS_SHORT[value.weekday()]}, {value:%d/%m/%Y | %H:%M:%S} [GMT +7]"


def short_date(value) -> str:
    """Lists: `01/07/2022 14:43`."""
    return f"{timezone.localtime(value):%d/%m/%Y %H:%M}"


def positive_int(value, max_digits=6):
    """A number a reader typed into a URL (page, id), or None.

    ASCII digits only ("²".isdigit() is True but int() refuses it) and a bounded
    length (a huge OFFSET or id is a database error, not a 404).
    """
    value = str(value or "")
    if 0 < len(value) <= max_digits and value.isascii() and value.isdigit() and int(value) > 0:
        return int(value)
    return None
