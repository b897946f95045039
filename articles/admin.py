"""The newsroom back office: articles, sections, authors, events."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import widgets
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorFormField
from simple_history.admin import SimpleHistoryAdmin

from benluc.pagination import CappedPaginator
from desk.article_admin import DeskArticleAdminMixin, can_publish
from desk.forms import DeskFormMixin, authors_required
from desk.history import local
from desk.lists import FoldedSearchMixin, PublishYearFilter

from sites.admin import SiteChoicesMixin, SiteScopedAdmin
from sites.models import Site
from sites.permissions import site_ids

from .models import DESK_ORDER, Article, ArticleAuthor, ArticleImage, Author, Category, Event, OfferedArticle
from .sanitize import foreign_images, image_origin, sanitize_body

# One back office for the province's portal and every commune site.
admin.site.site_header = _("Cổng thông tin – Quản trị tin bài")
admin.site.site_title = _("Quản trị cổng thông tin")
admin.site.index_title = _("Tòa soạn")

EDITOR_ONLY_STATUSES = {Article.Status.PUBLISHED, Article.Status.ARCHIVED, Article.Status.RETURNED}
NO_PUBLISH_RIGHT = _(
    "Bạn không có quyền xuất bản, trả bài hoặc lưu trữ bài viết. Hãy gửi bài ở trạng thái “Chờ duyệt”."
)


@admin.register(Category)
class CategoryAdmin(FoldedSearchMixin, SiteScopedAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name"]


@admin.register(Author)
class AuthorAdmin(FoldedSearchMixin, SiteScopedAdmin, SimpleHistoryAdmin):
    list_display = ["name", "role", "user"]
    search_fields = ["name", "role"]
    autocomplete_fields = ["user"]
    history_list_display = ["name", "role"]


@admin.register(Event)
class EventAdmin(FoldedSearchMixin, SiteScopedAdmin, SimpleHistoryAdmin):
    list_display = ["name", "kind", "starts_at", "location", "organiser"]
    list_filter = ["kind", "starts_at"]
    search_fields = ["name", "organiser", "location", "chair_name"]
    date_hierarchy = "starts_at"
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "description"]}),
        (_("Thời gian và địa điểm"), {"fields": ["starts_at", "ends_at", "location"]}),
        (_("Tổ chức"), {"fields": ["organiser", "chair_name", "chair_office"]}),
    ]

    # Events have no draft state: an edit is public at once, so only editors make
    # them (reporters pick existing ones in the article form's autocomplete).

    def has_add_permission(self, request):
        return super().has_add_permission(request) and can_publish(request.user)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and can_publish(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and can_publish(request.user, obj)


class BylineFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        authors_required(self)


class ArticleAuthorInline(SiteChoicesMixin, admin.TabularInline):
    model = ArticleAuthor
    formset = BylineFormSet
    extra = 0
    autocomplete_fields = ["author"]
    fields = ["position", "author"]
    # Order is set by dragging rows or with the ↑ ↓ buttons (static/js/admin/byline.js).
    widgets = {"position": forms.HiddenInput}
    classes = ["byline"]
    verbose_name_plural = _("Tác giả (kéo thả hoặc dùng nút ↑ ↓ để xếp thứ tự ký tên)")

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "position":
            kwargs["widget"] = forms.HiddenInput
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class ArticleImageInline(admin.StackedInline):
    model = ArticleImage
    extra = 0
    fields = ["preview", "image", "caption", "alt", "position"]
    readonly_fields = ["preview"]
    verbose_name_plural = _("Ảnh của bài (tải lên và chèn bằng nút Ảnh trong khung soạn thảo)")

    @admin.display(description=_("xem trước"))
    def preview(self, obj):
        if not obj.pk or not obj.image:
            return "—"
        return format_html('<img src="{}" alt="{}" class="photo-thumb">', obj.image.url, obj.alt)


class ArticleChangeList(ChangeList):
    def get_queryset(self, request, exclude_parameters=None):
        # A list row needs none of the long texts.
        return super().get_queryset(request, exclude_parameters).defer(
            "body", "sapo", "search_text", "search_title", "search_sapo", "cover_renditions"
        )


class BodyField(ProseEditorFormField):
    """The editor's HTML; photos hot-linked from elsewhere are refused, not silently dropped."""

    def clean(self, value):
        foreign = foreign_images(value)
        if foreign:
            raise forms.ValidationError(
                _("Nội dung có %(n)d ảnh lấy từ nơi khác (%(where)s), chưa có trong thư viện ảnh. "
                  "Hãy lưu ảnh về máy rồi kéo thả vào khung soạn thảo (hoặc bấm nút Ảnh để tải lên), "
                  "sau đó xóa ảnh cũ khỏi bài. Những gì bạn đã viết vẫn còn nguyên.")
                % {"n": len(foreign), "where": ", ".join(dict.fromkeys(map(image_origin, foreign)))},
                code="foreign_image",
            )
        return super().clean(value)


class ArticleAdminForm(DeskFormMixin, forms.ModelForm):
    body = BodyField(
        label=_("Nội dung"),
        required=False,
        config={"extensions": settings.PROSE_EDITOR_EXTENSIONS},
        sanitize=sanitize_body,
        widget=widgets.AdminTextareaWidget,
    )

    class Meta:
        model = Article
        fields = "__all__"
        widgets = {"title": forms.TextInput(attrs={"class": "vTextField", "size": 90})}


@admin.register(Article)
class ArticleAdmin(DeskArticleAdminMixin, SiteScopedAdmin, SimpleHistoryAdmin):
    form = ArticleAdminForm
    inlines = [ArticleAuthorInline, ArticleImageInline]
    list_display = ["title", "status_label", "category", "byline_display", "publish_at", "updated_at", "view_link"]
    list_filter = ["status", "category", "authors", ("publish_at", admin.DateFieldListFilter), PublishYearFilter]
    list_select_related = ["category"]
    search_fields = ["title", "sapo"]
    autocomplete_fields = ["category", "event"]
    readonly_fields = ["created_by", "created_at", "updated_at", "view_link", "focal_picker"]
    list_per_page = 50
    # At archive size: no second count over the whole table, no counts per filter
    # choice, and a count of the matches that stops at a cap (get_paginator).
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER
    actions = ["publish_now", "unpublish", "offer_to_portal"]
    save_on_top = False
    fieldsets = [
        (None, {"fields": ["title", "slug", "sapo", "body", "opened_revision"]}),
        (_("Ảnh đại diện"), {"fields": [
            "cover", "focal_picker", ("cover_focal_x", "cover_focal_y"), "cover_caption", "cover_alt",
        ]}),
        (_("Phân loại"), {"fields": ["category", "event"]}),
        (_("Xuất bản"), {"fields": ["status", "publish_at", "allow_comments", "view_link"]}),
        (_("Thông tin"), {"classes": ["collapse"], "fields": ["created_by", "created_at", "updated_at"]}),
    ]

    class Media:
        css = {"all": ["css/admin-desk.css", "css/admin-photos.css"]}
        js = ["js/admin/focal.js", "js/admin/photos.js"]

    @admin.display(description=_("điểm chính của ảnh"))
    def focal_picker(self, obj):
        """The cover to click on, with previews of the crops readers will see (js/admin/focal.js)."""
        src = obj.cover.url if obj is not None and obj.pk and obj.cover else ""
        return render_to_string("admin/articles/article/focal_picker.html", {"src": src})

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None and can_publish(request.user, obj):
            # Editors send an article back with a note the reporter reads on the form.
            fieldsets = [
                (name, {**options, "fields": [*options["fields"], "review_note"]})
                if "status" in options["fields"] else (name, options)
                for name, options in fieldsets
            ]
        return fieldsets

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("article_authors__author")

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Photos uploaded from the editor before the article had an id join it now.
        ArticleImage.objects.attach_placed(form.instance)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        from django.conf import settings
        from django.urls import reverse

        extra_context = {
            **(extra_context or {}),
            "photo_picker_url": reverse("admin:articles_articleimage_picker"),
            "photo_upload_url": reverse("admin:articles_articleimage_upload"),
            "media_url": settings.MEDIA_URL,
        }
        return super().changeform_view(request, object_id, form_url, extra_context)

    def get_changelist(self, request, **kwargs):
        return ArticleChangeList

    def get_paginator(self, request, queryset, per_page, orphans=0, allow_empty_first_page=True):
        cap = CappedPaginator.SEARCH_CAP if request.GET.get("q") else CappedPaginator.CAP
        return CappedPaginator(queryset, per_page, orphans, allow_empty_first_page, cap=cap)

    def get_ordering(self, request):
        # In review, then drafts, then newest publications (index article_desk_idx).
        return DESK_ORDER

    def get_search_results(self, request, queryset, search_term):
        # The folded full-text index, as on the public site: "dan van" finds
        # "Dân vận" in the title, sapo, text, byline or event (search_fields
        # above only keeps the search box).
        from search import admin_search

        return admin_search(queryset, search_term), False

    @admin.display(description=_("trạng thái"), ordering="status")
    def status_label(self, obj):
        if obj.status == Article.Status.PUBLISHED and not obj.is_public:
            return _("Hẹn giờ %(when)s") % {"when": local(obj.publish_at)}
        return obj.get_status_display()

    @admin.display(description=_("tác giả"))
    def byline_display(self, obj):
        return obj.byline

    @admin.display(description=_("trang công khai"))
    def view_link(self, obj):
        if not obj or not obj.pk:
            return "—"
        label = _("Xem bài") if obj.is_public else _("Xem trước")
        return format_html('<a href="{}" target="_blank" rel="noopener">{}</a>', obj.get_absolute_url(), label)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if not can_publish(request.user, obj):
            status = form.base_fields.get("status")
            if status is not None:
                # Validated on the server: a crafted POST with a hidden choice is
                # refused with the reason (save_model is the backstop for other paths).
                keep = {Article.Status.DRAFT, Article.Status.REVIEW}
                if obj is not None:
                    keep.add(obj.status)
                status.choices = [c for c in status.choices if c[0] in keep]
                status.error_messages = {**status.error_messages, "invalid_choice": NO_PUBLISH_RIGHT}
        return form

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        if allowed and obj is not None:
            # Reporters: their own articles, while a draft or sent back; editors: all.
            return obj.editable_by(request.user)
        return allowed

    def publishable(self, request, queryset):
        """The rows of `queryset` on sites where the user may publish."""
        ids = site_ids(request.user, "articles.publish_article")
        return queryset if ids is None else queryset.filter(site__in=ids)

    def has_publish_permission(self, request):
        return can_publish(request.user)

    def revert_disabled(self, request, obj=None):
        # Restoring a revision can republish or rewrite a live article: editors only.
        return super().revert_disabled(request, obj) or not can_publish(request.user, obj)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        if (
            obj.status in EDITOR_ONLY_STATUSES
            and obj.status != form.initial.get("status")
            and not can_publish(request.user, obj)
        ):
            raise PermissionDenied
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Xuất bản ngay các bài đã chọn"), permissions=["publish"])
    def publish_now(self, request, queryset):
        now = timezone.now()
        count = 0
        # Drafts, submissions, archived and scheduled ones: all go live now, dated now
        # (a republished article belongs at the top, and in the 48-hour news sitemap).
        queryset = self.publishable(request, queryset)
        for article in queryset.exclude(pk__in=Article.objects.published(now)):
            article.status = Article.Status.PUBLISHED
            article.publish_at = now
            article.save()
            count += 1
        self.message_user(
            request, _("Đã xuất bản %(n)d bài lúc %(when)s.") % {"n": count, "when": local(now)},
            messages.SUCCESS,
        )

    @admin.action(description=_("Gỡ xuống (chuyển về bản nháp)"), permissions=["publish"])
    def unpublish(self, request, queryset):
        count = 0
        queryset = self.publishable(request, queryset)
        for article in queryset.filter(status=Article.Status.PUBLISHED):
            article.status = Article.Status.DRAFT
            article.save()
            count += 1
        self.message_user(
            request, _("Đã gỡ %(n)d bài khỏi trang công khai (chuyển về bản nháp).") % {"n": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Đề xuất lên cổng thông tin tỉnh (Tin cơ sở)"), permissions=["publish"])
    def offer_to_portal(self, request, queryset):
        offered = self.publishable(request, queryset).filter(
            status=Article.Status.PUBLISHED, site__parent__isnull=False,
            portal_status__in=[Article.PortalStatus.NONE, Article.PortalStatus.DECLINED],
        )
        count = 0
        for article in offered:
            article.portal_status = Article.PortalStatus.OFFERED
            article.save()
            count += 1
        skipped = queryset.count() - count
        self.message_user(request, _("Đã đề xuất %(n)d bài lên cổng thông tin tỉnh.") % {"n": count}, messages.SUCCESS)
        if skipped:
            self.message_user(request, _(
                "%(n)d bài không đề xuất được: chỉ đề xuất được bài đã xuất bản của xã, phường, "
                "chưa được đề xuất, trên trang bạn có quyền xuất bản."
            ) % {"n": skipped}, messages.WARNING)


def portal_ids(user):
    """The province portals where `user` may publish (None: every portal)."""
    ids = site_ids(user, "articles.publish_article")
    portals = Site.objects.filter(kind=Site.Kind.PROVINCE)
    return None if ids is None else set(portals.filter(pk__in=ids).values_list("pk", flat=True))


@admin.register(OfferedArticle)
class CommunityNewsAdmin(admin.ModelAdmin):
    """The portal editors' queue of commune articles offered for "Tin cơ sở"."""

    list_display = ["title", "site", "publish_at", "portal_status", "original_link"]
    list_filter = ["portal_status", ("site", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["site", "category"]
    search_fields = ["title"]
    actions = ["accept", "decline"]
    fields = ["title", "sapo", "site", "publish_at", "portal_status", "portal_decided_by",
              "portal_decided_at", "original_link"]
    readonly_fields = fields

    def get_queryset(self, request):
        queryset = super().get_queryset(request).exclude(portal_status=Article.PortalStatus.NONE)
        ids = portal_ids(request.user)
        return queryset if ids is None else queryset.filter(site__parent__in=ids)

    def _portal_editor(self, request):
        ids = portal_ids(request.user)
        return ids is None or bool(ids)

    def has_module_permission(self, request):
        return self._portal_editor(request)

    def has_view_permission(self, request, obj=None):
        return self._portal_editor(request)

    def has_accept_permission(self, request):
        return self._portal_editor(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("bài gốc"))
    def original_link(self, obj):
        return format_html('<a href="{}" target="_blank" rel="noopener">{}</a>', obj.original_url, _("Xem bài gốc"))

    def _decide(self, request, queryset, status, message):
        now, count = timezone.now(), 0
        for article in queryset.filter(status=Article.Status.PUBLISHED):
            article.portal_status, article.portal_decided_by, article.portal_decided_at = status, request.user, now
            article.save()
            count += 1
        self.message_user(request, message % {"n": count}, messages.SUCCESS)

    @admin.action(description=_("Đăng lên Tin cơ sở của cổng tỉnh"), permissions=["accept"])
    def accept(self, request, queryset):
        self._decide(request, queryset, Article.PortalStatus.ACCEPTED, _("Đã đăng %(n)d bài lên Tin cơ sở."))

    @admin.action(description=_("Không nhận (gỡ khỏi Tin cơ sở)"), permissions=["accept"])
    def decline(self, request, queryset):
        self._decide(request, queryset, Article.PortalStatus.DECLINED, _("Đã không nhận %(n)d bài."))


from . import photo_library  # noqa: E402,F401  (registers the photo library and the editor's endpoints)
