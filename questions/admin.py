"""The questions queue: deadline per question, overdue ones flagged, assign, answer, publish.

Answerers ("Trả lời hỏi đáp") hold only the questions permissions (migration 0002_roles), so
this queue is all they see; SiteScopedAdmin keeps each of them to their own sites' questions.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from sites.admin import SiteScopedAdmin

from .models import Question


class DeadlineFilter(admin.SimpleListFilter):
    title = _("hạn trả lời")
    parameter_name = "han"

    def lookups(self, request, model_admin):
        return [
            ("qua-han", _("Quá hạn")),
            ("sap-het-han", _("Sắp hết hạn (3 ngày tới)")),
            ("con-han", _("Còn hạn")),
            ("da-xong", _("Đã trả lời hoặc đóng")),
        ]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        value = self.value()
        if value == "qua-han":
            return queryset.overdue(today)
        if value == "sap-het-han":
            return queryset.due_soon(today)
        if value == "con-han":
            return queryset.open().filter(due_on__gte=today)
        if value == "da-xong":
            return queryset.exclude(status__in=[Question.Status.RECEIVED, Question.Status.ASSIGNED])
        return queryset


class QuestionAdminForm(forms.ModelForm):
    class Meta:
        model = Question
        fields = [
            "status", "assigned_to", "field", "title", "body", "answer",
            "answered_by_office", "is_published",
        ]
        widgets = {"answer": forms.Textarea(attrs={"rows": 12})}

    def clean(self):
        data = super().clean()
        status = data.get("status")
        answer = (data.get("answer") or "").strip()
        if data.get("is_published") and not answer:
            self.add_error("is_published", _("Chỉ đăng công khai được câu hỏi đã có trả lời."))
        if status == Question.Status.ANSWERED and not answer:
            self.add_error("answer", _("Nhập nội dung trả lời trước khi chuyển sang “Đã trả lời”."))
        if data.get("is_published") and status in (Question.Status.SPAM, Question.Status.DECLINED):
            self.add_error("is_published", _("Không đăng câu hỏi thư rác hoặc không thuộc phạm vi trả lời."))
        return data


@admin.register(Question)
class QuestionAdmin(SiteScopedAdmin):
    form = QuestionAdminForm
    list_display = [
        "tracking_code", "short_title", "field", "status", "received_on", "deadline", "assigned_to",
        "is_published",
    ]
    list_display_links = ["tracking_code", "short_title"]
    list_filter = [DeadlineFilter, "status", "field", "is_published", "site"]
    search_fields = ["code", "name", "email", "phone", "title", "body"]
    list_select_related = ["assigned_to", "site"]
    readonly_fields = [
        "site", "tracking_code", "name", "email", "phone", "address", "received_at", "deadline",
        "flag_list", "answered_at", "answered_by",
    ]
    fieldsets = [
        (_("Người hỏi"), {"fields": ["tracking_code", "name", "email", "phone", "address", "received_at"]}),
        (_("Xử lý"), {"fields": ["site", "status", "deadline", "assigned_to", "flag_list"]}),
        (_("Câu hỏi"), {"fields": ["field", "title", "body"]}),
        (_("Trả lời"), {"fields": ["answer", "answered_by_office", "answered_at", "answered_by", "is_published"]}),
    ]
    actions = ["assign_to_me", "publish", "unpublish"]

    class Media:
        # The deadline colours (also for the dark theme).
        css = {"all": ["css/admin-questions.css"]}
    date_hierarchy = "received_at"

    def get_list_filter(self, request):
        # Other sites' names are not a commune's business: the site filter is the province's.
        return self.list_filter if self.user_site_ids(request) is None else self.list_filter[:-1]

    def has_add_permission(self, request):
        # Questions come from citizens through the public form.
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).defer("search_text")

    # --- Columns -------------------------------------------------------------------
    @admin.display(description=_("mã tra cứu"), ordering="code")
    def tracking_code(self, obj):
        return obj.display_code

    @admin.display(description=_("câu hỏi"))
    def short_title(self, obj):
        return obj.display_title

    @admin.display(description=_("ngày nhận"), ordering="received_at")
    def received_on(self, obj):
        return timezone.localtime(obj.received_at).strftime("%d/%m/%Y")

    @admin.display(description=_("hạn trả lời"), ordering="due_on")
    def deadline(self, obj):
        if obj.due_on is None:
            return "—"
        text = obj.due_on.strftime("%d/%m/%Y")
        today = timezone.localdate()
        if obj.is_overdue(today):
            days = (today - obj.due_on).days
            return format_html('<strong class="question-overdue">{} – quá hạn {} ngày</strong>', text, days)
        if obj.is_open and (obj.due_on - today).days <= 3:
            return format_html('<span class="question-due-soon">{} – sắp hết hạn</span>', text)
        return text

    @admin.display(description=_("lý do cần xem"))
    def flag_list(self, obj):
        return "; ".join(obj.flags) or "—"

    # --- Choices: only people of the question's sites -----------------------------
    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "assigned_to":
            ids = self.user_site_ids(request)
            people = get_user_model().objects.filter(is_active=True, is_staff=True)
            if ids is not None:
                people = people.filter(memberships__site__in=ids)
            kwargs["queryset"] = people.distinct().order_by("username")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if obj.answer.strip() and obj.answered_by_id is None and obj.status in (
            Question.Status.RECEIVED, Question.Status.ASSIGNED, Question.Status.ANSWERED,
        ):
            obj.answered_by = request.user
        if obj.assigned_to_id and obj.status == Question.Status.RECEIVED:
            obj.status = Question.Status.ASSIGNED
        super().save_model(request, obj, form, change)

    # --- Actions --------------------------------------------------------------------
    def _changeable(self, request, queryset):
        return [q for q in queryset if self.has_change_permission(request, q)]

    @admin.action(description=_("Nhận xử lý các câu hỏi đã chọn"))
    def assign_to_me(self, request, queryset):
        chosen = self._changeable(request, queryset.open())
        for question in chosen:
            question.assigned_to = request.user
            question.status = Question.Status.ASSIGNED
            question.save(update_fields=["assigned_to", "status", "search_text"])
        self.message_user(request, _("Đã nhận xử lý %(n)d câu hỏi.") % {"n": len(chosen)}, messages.SUCCESS)

    @admin.action(description=_("Đăng công khai (câu hỏi đã trả lời)"))
    def publish(self, request, queryset):
        chosen = self._changeable(request, queryset.filter(status=Question.Status.ANSWERED).exclude(answer=""))
        for question in chosen:
            question.is_published = True
            question.save(update_fields=["is_published", "search_text"])
        skipped = queryset.count() - len(chosen)
        self.message_user(request, _("Đã đăng %(n)d câu hỏi.") % {"n": len(chosen)}, messages.SUCCESS)
        if skipped:
            self.message_user(
                request, _("%(n)d câu hỏi chưa có trả lời nên chưa đăng.") % {"n": skipped}, messages.WARNING
            )

    @admin.action(description=_("Thôi đăng công khai"))
    def unpublish(self, request, queryset):
        chosen = self._changeable(request, queryset.filter(is_published=True))
        for question in chosen:
            question.is_published = False
            question.save(update_fields=["is_published", "search_text"])
        self.message_user(request, _("Đã thôi đăng %(n)d câu hỏi.") % {"n": len(chosen)}, messages.SUCCESS)
