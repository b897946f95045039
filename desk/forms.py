"""The article form's desk rules: what a save needs, and no save over someone else's."""

from dataclasses import dataclass, field

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from articles.models import Article

from . import history

Status = Article.Status
NEEDS_SAPO = (Status.REVIEW, Status.PUBLISHED)


def latest_revision(article):
    if article is None or article.pk is None:
        return None
    return article.history.select_related("history_user").order_by("-history_id").first()


# Fields merged field by field when someone else saved meanwhile: a field only
# they changed takes their value in the form shown again; one only you changed
# keeps yours; one you both changed keeps yours, with theirs shown beside it.
MERGED_FIELDS = ["title", "slug", "sapo", "body", "cover_caption", "cover_alt", "category", "event"]


def stored(record, name):
    value = getattr(record, f"{name}_id" if name in ("category", "event") else name)
    return "" if value is None else str(value)


@dataclass
class Conflict:
    """Someone saved the article after this form was opened."""

    latest: object
    saves: int
    changes: list = field(default_factory=list)
    taken: list = field(default_factory=list)  # labels of fields now holding their value
    both: list = field(default_factory=list)  # labels of fields you both changed

    @property
    def message(self):
        more = f" (cùng {self.saves - 1} lần lưu khác)" if self.saves > 1 else ""
        return _(
            "Bài này đã được %(who)s lưu lúc %(when)s%(more)s, sau khi bạn mở trang. "
            "Chưa lưu gì của bạn: những gì bạn gõ vẫn còn nguyên bên dưới. Hãy xem họ đã "
            "thay đổi gì, đưa vào bài của bạn những gì cần giữ, rồi bấm lưu lần nữa."
        ) % {"who": history.who(self.latest), "when": history.local(self.latest.history_date), "more": more}

    @property
    def merge_note(self):
        notes = []
        if self.taken:
            notes.append(_("Đã đưa vào biểu mẫu phần họ sửa mà bạn không sửa: %s.") % ", ".join(self.taken))
        if self.both:
            notes.append(_("Cả hai cùng sửa: %s — biểu mẫu giữ bản của bạn, bản của họ ở bảng dưới.") % ", ".join(self.both))
        return " ".join(notes)


class DeskFormMixin(forms.ModelForm):
    """Mixed into the article's admin form."""

    opened_revision = forms.IntegerField(widget=forms.HiddenInput, required=False)
    review_note = forms.CharField(
        label=_("Ghi chú gửi phóng viên"), required=False,
        widget=forms.Textarea(attrs={"rows": 3, "class": "vLargeTextField"}),
        help_text=_("Bắt buộc khi trả bài: phóng viên thấy ghi chú này ở đầu trang bài viết."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conflict = None
        latest = latest_revision(self.instance)
        self.fields["opened_revision"].initial = latest.history_id if latest else 0
        if "category" in self.fields:
            # A draft needs only its title: the section is the first one until chosen.
            self.fields["category"].required = False

    def first_section(self):
        return self.fields["category"].queryset.first()

    def clean(self):
        cleaned = super().clean()
        status = cleaned.get("status")
        if "category" in self.fields and not cleaned.get("category"):
            if status in NEEDS_SAPO or self.first_section() is None:
                self.add_error("category", _("Hãy chọn chuyên mục cho bài viết."))
            else:
                cleaned["category"] = self.instance.category = self.first_section()
        if status in NEEDS_SAPO:
            if not (cleaned.get("sapo") or "").strip():
                self.add_error("sapo", _("Hãy viết sa pô trước khi gửi duyệt hoặc xuất bản."))
        if (
            status == Status.RETURNED
            and self.initial.get("status") != Status.RETURNED
            and not (cleaned.get("review_note") or "").strip()
        ):
            self.add_error("review_note", _("Hãy ghi cho phóng viên biết cần sửa gì trước khi trả bài."))
        self.check_stale(cleaned.get("opened_revision"))
        return cleaned

    def check_stale(self, opened):
        """Refuse the save when a revision newer than the one this form opened exists."""
        if opened is None or self.instance.pk is None:
            return  # a form without the field (an API client) or a new article
        latest = latest_revision(self.instance)
        if latest is None or latest.history_id == opened:
            return
        revisions = self.instance.history.filter(history_id__gt=opened)
        base = self.instance.history.filter(history_id=opened).first()
        self.conflict = Conflict(latest, revisions.count(), history.changes(base, latest))
        # Shown with the form again, the newer revision is the one now opened:
        # saving once more, after reading what changed, goes through.
        self.data = self.data.copy()
        self.data[self.add_prefix("opened_revision")] = str(latest.history_id)
        if base is not None:
            self.merge(base, latest)
        raise ValidationError(self.conflict.message, code="stale")

    def merge(self, base, latest):
        """Three-way, field by field: their changes join yours in the form shown again."""
        from articles.sanitize import sanitize_body

        for name in MERGED_FIELDS:
            key = self.add_prefix(name)
            if name not in self.fields or key not in self.data:
                continue
            old, theirs, mine = stored(base, name), stored(latest, name), self.data.get(key, "")
            if name == "body":
                mine = sanitize_body(mine)
            if theirs == old:
                continue  # only you (or nobody) changed it: yours stays
            label = str(history.label(name))
            if mine.strip() == old.strip():
                self.data[key] = theirs
                self.conflict.taken.append(label)
            else:
                self.conflict.both.append(label)


def authors_required(formset):
    """Sapo's twin for the byline inline: at least one author to submit or publish."""
    status = getattr(formset.instance, "status", None)
    if status not in NEEDS_SAPO:
        return
    kept = [
        form for form in formset.forms
        if form.cleaned_data.get("author") and not form.cleaned_data.get("DELETE")
    ]
    if not kept:
        raise ValidationError(_("Hãy chọn ít nhất một tác giả trước khi gửi duyệt hoặc xuất bản."))
