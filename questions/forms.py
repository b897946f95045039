"""The citizen's question form: who asks (name, e-mail or phone), the field and the question.

Lengths are counted in NFC code points, as for comments (comments/forms.py), and no field has a
`maxlength` the browser would count differently.
"""

import re

from django import forms

from comments import moderation
from comments.forms import INVISIBLE_NAME, clean_text, has_visible_character

from .models import BODY_MAX_LENGTH, NAME_MAX_LENGTH, Field

_PHONE = re.compile(r"^\+?[0-9][0-9 .\-]{7,18}$")
TOKEN_PREFIX = "hoi-dap-"


def token_target(site):
    """What the form's time stamp is issued for (comments use the article id)."""
    return f"{TOKEN_PREFIX}{site.pk}"


class QuestionForm(forms.Form):
    name = forms.CharField(
        label="Họ và tên", strip=False,
        error_messages={"required": "Vui lòng nhập họ và tên."},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label="E-mail", required=False, max_length=254,
        error_messages={"invalid": "E-mail chưa đúng định dạng, ví dụ: ten@vidu.vn."},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label="Số điện thoại", required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    address = forms.CharField(
        label="Địa chỉ (không bắt buộc)", required=False,
        widget=forms.TextInput(attrs={"autocomplete": "address-line1"}),
    )
    field = forms.ChoiceField(
        label="Lĩnh vực", choices=[("", "— Chọn lĩnh vực —"), *Field.choices],
        error_messages={"required": "Vui lòng chọn lĩnh vực của câu hỏi.",
                        "invalid_choice": "Vui lòng chọn một lĩnh vực trong danh sách."},
    )
    body = forms.CharField(
        label="Nội dung câu hỏi", strip=False,
        error_messages={"required": "Vui lòng nhập nội dung câu hỏi."},
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    # Honeypot and time stamp: the comment rules (comments/moderation.py).
    website = forms.CharField(
        label="Để trống ô này (chỉ dùng để chống thư rác tự động)", required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    issued = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, site, **kwargs):
        self.site = site
        kwargs.setdefault("auto_id", "cau-hoi-%s")
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("issued", moderation.issue_token(token_target(site)))
        self.fields["body"].help_text = f"Tối đa {BODY_MAX_LENGTH} ký tự."
        self.fields["email"].help_text = "Cần ít nhất e-mail hoặc số điện thoại để cơ quan liên hệ khi cần."

    def clean_name(self):
        typed = self.cleaned_data["name"]
        name = " ".join(clean_text(typed).split())
        if not has_visible_character(name):
            if typed.strip():  # typed, but only characters that show nothing
                raise forms.ValidationError(INVISIBLE_NAME)
            raise forms.ValidationError(self.fields["name"].error_messages["required"])
        if len(name) > NAME_MAX_LENGTH:
            raise forms.ValidationError(f"Họ tên dài tối đa {NAME_MAX_LENGTH} ký tự.")
        return name

    def clean_phone(self):
        phone = " ".join(clean_text(self.cleaned_data["phone"]).split())
        if phone and not _PHONE.match(phone):
            raise forms.ValidationError("Số điện thoại chưa đúng, ví dụ: 0272 3871 234 hoặc +84 912 345 678.")
        return phone

    def clean_address(self):
        address = " ".join(clean_text(self.cleaned_data["address"]).split())
        if len(address) > 200:
            raise forms.ValidationError("Địa chỉ dài tối đa 200 ký tự.")
        return address

    def clean_body(self):
        body = clean_text(self.cleaned_data["body"])
        if not body:
            raise forms.ValidationError(self.fields["body"].error_messages["required"])
        if len(body) > BODY_MAX_LENGTH:
            raise forms.ValidationError(
                f"Câu hỏi dài {len(body)} ký tự, vượt quá giới hạn {BODY_MAX_LENGTH} ký tự. "
                "Vui lòng rút gọn rồi gửi lại."
            )
        return body

    def clean(self):
        data = super().clean()
        if not data.get("email") and not data.get("phone") and "email" not in self.errors \
                and "phone" not in self.errors:
            self.add_error("email", "Vui lòng nhập e-mail hoặc số điện thoại (ít nhất một).")
        return data


class TrackForm(forms.Form):
    ma = forms.CharField(
        label="Mã tra cứu", required=True,
        error_messages={"required": "Vui lòng nhập mã tra cứu (8 ký tự, ví dụ: K7MX-R4PA)."},
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters",
                                      "spellcheck": "false"}),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "tra-cuu-%s")
        super().__init__(*args, **kwargs)
