"""The moderation queue: pending first, bulk decisions, newsroom replies."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Case, IntegerField, Value, When
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from sites.admin import SiteScopedAdmin

from .forms import clean_body_text
from .models import NEWSROOM_NAME, Comment, ModerationRule


class CommentAdminForm(forms.ModelForm):
    class Meta:
        model = Comment
        fields = ["status", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "body" in self.fields:
            # Counted in NFC code points on the server (see comments/forms.py).
            self.fields["body"].widget.attrs.pop("maxlength", None)
            if self.instance.pk and not self.instance.is_staff_reply:
                # A reader's words are published under the reader's name: moderators
                # decide on them, they do not rewrite them (disabled = POSTs ignored).
                self.fields["body"].disabled = True
                self.fields["body"].help_text = _(
                    "Ý kiến của bạn đọc được giữ nguyên văn: chỉ duyệt, từ chối hoặc đánh dấu thư rác."
                )

    def clean_body(self):
        return clean_body_text(self.cleaned_data.get("body", ""))


class ReplyForm(CommentAdminForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            self.fields["status"].initial = Comment.Status.APPROVED


class StaffReplyInline(admin.StackedInline):
    """Answer a reader in the newsroom's name; the reply is published at once."""

    model = Comment
    fk_name = "parent"
    form = ReplyForm
    fields = ["name", "body", "status"]
    readonly_fields = ["name"]
    extra = 1
    verbose_name = _("trả lời")
    verbose_name_plural = _("Các trả lời (của bạn đọc và của Ban biên tập)")

    def get_extra(self, request, obj=None, **kwargs):
        # Replies attach to top-level comments only.
        return 1 if obj is not None and obj.parent_id is None else 0

    def has_add_permission(self, request, obj=None):
        return request.user.has_perm("comments.reply_comment") and (
            obj is None or obj.parent_id is None
        )


class QueueStatusFilter(admin.SimpleListFilter):
    """The queue opens on what waits: pending comments, unless another status is chosen."""

    title = _("trạng thái")
    parameter_name = "status__exact"
    ALL = "tat-ca"

    def lookups(self, request, model_admin):
        return [*Comment.Status.choices, (self.ALL, _("Tất cả"))]

    def value(self):
        return super().value() or Comment.Status.PENDING

    def choices(self, changelist):
        for value, label in self.lookup_choices:
            yield {
                "selected": self.value() == str(value),
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": label,
            }

    def queryset(self, request, queryset):
        value = self.value()
        if value == self.ALL or value not in Comment.Status.values:
            return queryset
        return queryset.filter(status=value)


# One-click decisions on each row of the queue: (status, button label).
ROW_DECISIONS = [
    (Comment.Status.APPROVED, _("Duyệt")),
    (Comment.Status.REJECTED, _("Từ chối")),
    (Comment.Status.SPAM, _("Thư rác")),
]


@admin.register(Comment)
class CommentAdmin(SiteScopedAdmin):
    site_path = "article__site"
    form = CommentAdminForm
    inlines = [StaffReplyInline]
    list_display = [
        "excerpt", "name", "status", "decide", "article_link", "flag_list", "created_at", "moderation",
    ]
    list_display_links = ["excerpt"]
    list_filter = [
        QueueStatusFilter, ("created_at", admin.DateFieldListFilter), ("article", admin.RelatedOnlyFieldListFilter),
        "is_staff_reply",
    ]
    search_fields = ["body", "name", "email", "ip", "article__title"]
    list_select_related = ["article__category", "moderated_by"]
    list_per_page = 50
    actions = ["approve", "reject", "mark_spam"]
    readonly_fields = [
        "article_link", "reply_to", "name", "email", "created_at", "flag_list", "ip",
        "user_agent", "moderated_by", "moderated_at", "is_staff_reply",
    ]
    fieldsets = [
        (None, {"fields": ["article_link", "reply_to", "name", "body", "status", "flag_list"]}),
        (_("Người gửi (chỉ hiển thị trong trang quản trị)"), {"fields": ["email", "ip", "user_agent", "created_at"]}),
        (_("Kiểm duyệt"), {"fields": ["moderated_by", "moderated_at", "is_staff_reply"]}),
    ]

    def get_ordering(self, request):
        # The queue: pending comments first, newest first within each group.
        pending_first = Case(
            When(status=Comment.Status.PENDING, then=Value(0)), default=Value(1),
            output_field=IntegerField(),
        )
        return [pending_first.asc(), "-created_at", "-pk"]

    class Media:
        css = {"all": ["css/admin-desk.css"]}

    def get_urls(self):
        return [
            path("<path:object_id>/quyet-dinh/", self.admin_site.admin_view(self.decide_view),
                 name="comments_comment_decide"),
        ] + super().get_urls()

    @admin.display(description=_("quyết định"))
    def decide(self, obj):
        # Buttons of the list's own form, sent to this comment's decision URL:
        # no nested forms, one click, the CSRF token of the list.
        url = reverse("admin:comments_comment_decide", args=[obj.pk])
        return format_html(
            '<span class="moderation-buttons">{}</span>',
            format_html_join(
                "", '<button type="submit" formaction="{}" name="_status" value="{}" class="button"{}>{}</button>',
                ((url, status, " disabled" if obj.status == status else "", label)
                 for status, label in ROW_DECISIONS),
            ),
        )

    def decide_view(self, request, object_id):
        """One comment approved, rejected or marked spam from its row; back to the same list."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        comment = get_object_or_404(self.get_queryset(request), pk=object_id)
        if not self.has_change_permission(request, comment):
            raise PermissionDenied
        status = request.POST.get("_status")
        labels = {
            Comment.Status.APPROVED: _("Đã duyệt ý kiến của %(name)s."),
            Comment.Status.REJECTED: _("Đã từ chối ý kiến của %(name)s."),
            Comment.Status.SPAM: _("Đã đánh dấu ý kiến của %(name)s là thư rác."),
        }
        if status not in labels:
            messages.error(request, _("Quyết định không hợp lệ."))
        else:
            comment.moderate(status, request.user)
            self.message_user(request, labels[status] % {"name": comment.name}, messages.SUCCESS)
        back = request.META.get("HTTP_REFERER", "")
        if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
            back = reverse("admin:comments_comment_changelist")
        return HttpResponseRedirect(back)

    def has_add_permission(self, request):
        # Comments come from readers; staff answer through the reply form.
        return False

    @admin.display(description=_("ý kiến"))
    def excerpt(self, obj):
        text = obj.body if len(obj.body) <= 90 else obj.body[:89] + "…"
        return f"↳ {text}" if obj.parent_id else text

    @admin.display(description=_("bài viết"), ordering="article__title")
    def article_link(self, obj):
        article = obj.article
        label = _("xem bài") if article.is_public else _("chưa xuất bản")
        return format_html(
            '{} (<a href="{}#y-kien" target="_blank" rel="noopener">{}</a>)',
            article.title, article.get_absolute_url(), label,
        )

    @admin.display(description=_("trả lời ý kiến"))
    def reply_to(self, obj):
        return str(obj.parent) if obj.parent_id else "—"

    @admin.display(description=_("lý do giữ lại"))
    def flag_list(self, obj):
        return "; ".join(obj.flags) if obj.flags else "—"

    @admin.display(description=_("người duyệt"), ordering="moderated_at")
    def moderation(self, obj):
        if obj.is_staff_reply:
            return _("Ban biên tập trả lời")
        if not obj.moderated_at:
            return "—"
        who = obj.moderated_by.get_username() if obj.moderated_by else "?"
        return f"{who}, {timezone.localtime(obj.moderated_at):%d/%m/%Y %H:%M}"

    def save_model(self, request, obj, form, change):
        if "status" in form.changed_data:
            obj.moderated_by, obj.moderated_at = request.user, timezone.now()
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        now = timezone.now()
        decided = {f.instance.pk for f in formset.forms if f.instance.pk and "status" in f.changed_data}
        for reply in formset.save(commit=False):
            if reply.pk is None:
                reply.article_id = form.instance.article_id
                reply.name = NEWSROOM_NAME
                reply.email = request.user.email
                reply.is_staff_reply = True
                reply.user = request.user
                reply.status = Comment.Status.APPROVED
            if reply.pk is None or reply.pk in decided:
                reply.moderated_by, reply.moderated_at = request.user, now
            reply.save()
        for reply in formset.deleted_objects:
            reply.delete()

    def _decide(self, request, queryset, status, message):
        count = queryset.moderate(status, request.user)
        self.message_user(request, message % {"n": count}, messages.SUCCESS)

    @admin.action(description=_("Duyệt (đăng công khai) các ý kiến đã chọn"), permissions=["change"])
    def approve(self, request, queryset):
        self._decide(request, queryset, Comment.Status.APPROVED, _("Đã duyệt %(n)d ý kiến."))

    @admin.action(description=_("Từ chối các ý kiến đã chọn"), permissions=["change"])
    def reject(self, request, queryset):
        self._decide(request, queryset, Comment.Status.REJECTED, _("Đã từ chối %(n)d ý kiến."))

    @admin.action(description=_("Đánh dấu thư rác"), permissions=["change"])
    def mark_spam(self, request, queryset):
        self._decide(request, queryset, Comment.Status.SPAM, _("Đã đánh dấu %(n)d ý kiến là thư rác."))


@admin.register(ModerationRule)
class ModerationRuleAdmin(SiteScopedAdmin):
    """Each newsroom keeps its own lists; rules for every site (no site) are the province's."""

    list_display = ["value", "kind", "site", "note", "created_at"]
    list_filter = ["kind"]
    search_fields = ["value", "note"]
    fields = ["site", "kind", "value", "note"]

    def get_list_filter(self, request):
        return ["kind", "site"] if self.user_site_ids(request) is None else ["kind"]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if self.user_site_ids(request) is not None and "site" in form.base_fields:
            # A newsroom's moderator writes rules for their own site(s) only.
            form.base_fields["site"].required = True
            form.base_fields["site"].empty_label = None
        return form
