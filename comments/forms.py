"""The readers' comment form.

No `maxlength` on any field a reader types in: browsers count UTF-16 units there
and would cut off Vietnamese typed in decomposed form. Lengths are counted here,
in NFC code points, the same way static/js/comments.js counts them.
"""

import re
import unicodedata

from django import forms

from . import moderation
from .models import BODY_MAX_LENGTH, NAME_MAX_LENGTH, Comment, nfc

# Control characters other than tab and newline (PostgreSQL also rejects NUL).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# Characters that show nothing yet are letters to Unicode (Hangul fillers), blank braille,
# the Mongolian vowel separator: a name made of them would look empty.
_BLANK_LETTERS = "\u115f\u1160\u3164\uffa0\u2800\u180e"


def _invisible(char):
    """Format characters (Unicode category Cf): bidirectional overrides and isolates
    (U+202A-202E, U+2066-2069), zero-width spaces and joiners (U+200B-200D, U+2060,
    U+FEFF), the soft hyphen... They can make `\u202eAdmin` read as "nimdA" backwards or
    a name look like a moderator's, and Vietnamese text never needs them."""
    return unicodedata.category(char) == "Cf" or char in _BLANK_LETTERS


def clean_text(value):
    """NFC, LF line ends (browsers send CRLF), no control or invisible characters, trimmed."""
    value = nfc(value).replace("\r\n", "\n").replace("\r", "\n")
    value = "".join(char for char in _CONTROL.sub("", value) if not _invisible(char))
    return value.strip()


INVISIBLE_NAME = (
    "Họ tên chỉ gồm ký tự không nhìn thấy được. Vui lòng nhập họ tên bằng chữ cái, ví dụ: Nguyễn Văn An."
)


def has_visible_character(value):
    """Whether `value` shows anything: a letter, digit, punctuation mark or symbol."""
    return any(unicodedata.category(char)[0] in "LNPS" for char in value)


def clean_body_text(value):
    """A comment's text as stored (see `clean_text`), refused above BODY_MAX_LENGTH characters."""
    body = clean_text(value)
    if len(body) > BODY_MAX_LENGTH:
        raise forms.ValidationError(
            f"Ý kiến dài {len(body)} ký tự, vượt quá giới hạn {BODY_MAX_LENGTH} ký tự. "
            "Vui lòng rút gọn rồi gửi lại."
        )
    return body


class CommentForm(forms.Form):
    name = forms.CharField(
        label="Họ và tên",
        strip=False,
        error_messages={"required": "Vui lòng nhập họ và tên."},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label="E-mail",
        max_length=254,  # the column's size (the validator alone accepts 320)
        help_text="Không hiển thị công khai.",
        error_messages={
            "required": "Vui lòng nhập e-mail (không hiển thị công khai).",
            "invalid": "E-mail chưa đúng định dạng, ví dụ: ten@vidu.vn.",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    body = forms.CharField(
        label="Ý kiến của bạn",
        strip=False,
        error_messages={"required": "Vui lòng nhập nội dung ý kiến."},
        widget=forms.Textarea(attrs={"rows": 5, "data-counted": ""}),
    )
    # Honeypot: hidden from people by CSS; bots that fill every field give themselves away.
    website = forms.CharField(
        label="Để trống ô này (chỉ dùng để chống thư rác tự động)",
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    issued = forms.CharField(required=False, widget=forms.HiddenInput)
    parent = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, article, **kwargs):
        self.article = article
        kwargs.setdefault("auto_id", "binh-luan-%s")
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("issued", moderation.issue_token(article.pk))
        self.fields["body"].widget.attrs["aria-describedby"] = "binh-luan-dem"
        self.fields["email"].widget.attrs["aria-describedby"] = "binh-luan-email-note"

    def clean_name(self):
        typed = self.cleaned_data["name"]
        name = " ".join(clean_text(typed).split())
        if not has_visible_character(name):
            if typed.strip():  # something was typed, but nothing that shows
                raise forms.ValidationError(INVISIBLE_NAME)
            raise forms.ValidationError(self.fields["name"].error_messages["required"])
        if len(name) > NAME_MAX_LENGTH:
            raise forms.ValidationError(f"Họ tên dài tối đa {NAME_MAX_LENGTH} ký tự.")
        return name

    def clean_body(self):
        body = clean_body_text(self.cleaned_data["body"])
        if not body:
            raise forms.ValidationError(self.fields["body"].error_messages["required"])
        return body

    def clean_parent(self):
        parent_id = self.cleaned_data.get("parent")
        if not parent_id:
            return None
        parent = (
            Comment.objects.visible().filter(article=self.article, pk=parent_id)
            .select_related("parent").first()
        )
        if parent is None:
            raise forms.ValidationError(
                "Ý kiến bạn muốn trả lời không còn hiển thị; bạn có thể gửi như một ý kiến mới."
            )
        # One level of replies: answer the thread, not the reply.
        return parent.parent or parent

    @property
    def body_length(self):
        """NFC code points of what the reader typed (for the counter without JavaScript)."""
        value = self["body"].value() or ""
        return len(nfc(value).replace("\r\n", "\n"))
