"""Vietnamese text helpers: slugs, search folding and date lines."""

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


def fold(text: str) -> str:
    """Case- and diacritic-insensitive form used for search and word rules."""
    return strip_diacritics(unicodedata.normalize("NFC", text or "")).casefold()


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
