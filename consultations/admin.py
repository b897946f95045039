"""Back office for drafts: editors manage drafts and their files; moderators (and editors)
work the queue of readers' comments on them, as they do for article comments."""

from django.contrib import admin, messages
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from comments.models import Comment
from documents.admin import AttachmentForm
from sites.admin import SiteScopedAdmin, SiteScopedInline

from .models import Draft, DraftAttachment, DraftComment


class DraftAttachmentForm(AttachmentForm):
    class Meta(AttachmentForm.Meta):
        model = DraftAttachment


class DraftAttachmentInline(SiteScopedInline, admin.TabularInline):
    model = DraftAttachment
    form = DraftAttachmentForm
    extra = 1
    readonly_fields = ["kind"]
    fields = ["file", "name", "position", "kind"]


@admin.register(Draft)
class DraftAdmin(SiteScopedAdmin):
    inlines = [DraftAttachmentInline]
    list_display = ["title", "opens_on", "closes_on", "state_label", "pending_count", "is_published", "site"]
    list_filter = ["is_published", ("site", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["title", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    fieldsets = [
        (None, {"fields": ["site", "title", "slug", "summary"]}),
        (_("Thời gian và nơi nhận ý kiến"), {"fields": ["opens_on", "closes_on", "agency", "agency_contact"]}),
        (_("Sau khi hết thời gian lấy ý kiến"), {"fields": ["responses_summary"]}),
        (_("Công bố"), {"fields": ["is_published"]}),
    ]

    def get_queryset(self, request):
        pending = Count("comments", filter=Q(comments__status=Comment.Status.PENDING))
        return super().get_queryset(request).annotate(pending=pending)

    @admin.display(description=_("tình trạng"))
    def state_label(self, obj):
        return obj.state().label

    @admin.display(description=_("ý kiến chờ duyệt"), ordering="pending")
    def pending_count(self, obj):
        return obj.pending


@admin.register(DraftComment)
class DraftCommentAdmin(SiteScopedAdmin):
    site_path = "draft__site"
    list_display = ["name", "excerpt", "draft", "status", "created_at", "held_for"]
    list_filter = ["status", ("draft__site", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["draft"]
    search_fields = ["name", "body"]
    readonly_fields = ["draft", "name", "email", "body", "created_at", "ip", "user_agent", "flags",
                       "moderated_by", "moderated_at"]
    fields = ["status", *readonly_fields]
    actions = ["approve", "reject", "mark_spam"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False  # readers write comments, staff decide on them

    def save_model(self, request, obj, form, change):
        if "status" in form.changed_data:
            obj.moderated_by, obj.moderated_at = request.user, timezone.now()
        super().save_model(request, obj, form, change)

    @admin.display(description=_("nội dung"))
    def excerpt(self, obj):
        return obj.body if len(obj.body) <= 80 else obj.body[:79] + "…"

    @admin.display(description=_("lý do giữ lại"))
    def held_for(self, obj):
        return "; ".join(obj.flags) or "—"

    def _decide(self, request, queryset, status, label):
        allowed = [c.pk for c in queryset.select_related("draft") if self.has_change_permission(request, c)]
        count = DraftComment.objects.filter(pk__in=allowed).moderate(status, request.user)
        # One version move per site: approved comments appear, others disappear.
        from sites.models import Site

        Site.objects.bump(set(Draft.objects.filter(comments__pk__in=allowed).values_list("site_id", flat=True)))
        self.message_user(request, _("Đã %(label)s %(count)d ý kiến.") % {"label": label, "count": count},
                          messages.SUCCESS)

    @admin.action(description=_("Duyệt các ý kiến đã chọn"), permissions=["change"])
    def approve(self, request, queryset):
        self._decide(request, queryset, Comment.Status.APPROVED, "duyệt")

    @admin.action(description=_("Từ chối các ý kiến đã chọn"), permissions=["change"])
    def reject(self, request, queryset):
        self._decide(request, queryset, Comment.Status.REJECTED, "từ chối")

    @admin.action(description=_("Đánh dấu thư rác"), permissions=["change"])
    def mark_spam(self, request, queryset):
        self._decide(request, queryset, Comment.Status.SPAM, "đánh dấu thư rác")
