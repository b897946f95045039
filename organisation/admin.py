"""Editors of a site keep its organisation pages, leaders and contacts (and their English)."""

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin import widgets
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorFormField

from articles.sanitize import sanitize_body
from sites.admin import SiteScopedAdmin

from .models import Department, Leader, Page, Profile


def _rich_text(label):
    # The articles' editor and allow-list: the same nh3 sanitising on the way in.
    return ProseEditorFormField(
        label=label, required=False, config={"extensions": settings.PROSE_EDITOR_EXTENSIONS},
        sanitize=sanitize_body, widget=widgets.AdminTextareaWidget,
    )


class PageForm(forms.ModelForm):
    body = _rich_text(_("Nội dung"))
    body_en = _rich_text(_("Nội dung (tiếng Anh)"))

    class Meta:
        model = Page
        fields = "__all__"


@admin.register(Page)
class PageAdmin(SiteScopedAdmin):
    form = PageForm
    list_display = ["title", "position", "is_published", "has_english", "updated_at", "site"]
    list_editable = ["position", "is_published"]
    list_filter = ["site", "is_published"]
    search_fields = ["title", "body"]
    fieldsets = [
        (None, {"fields": ["site", "title", "slug", "body", "position", "is_published"]}),
        (_("Tiếng Anh (trang /en/)"), {"fields": ["title_en", "body_en"]}),
    ]

    @admin.display(description=_("có tiếng Anh"), boolean=True)
    def has_english(self, obj):
        return bool(obj.body_en)


@admin.register(Leader)
class LeaderAdmin(SiteScopedAdmin):
    list_display = ["name", "title", "phone", "email", "position", "site"]
    list_editable = ["position"]
    list_filter = ["site"]
    search_fields = ["name", "title"]
    fieldsets = [
        (None, {"fields": ["site", "name", "title", "duties", "photo", "phone", "email", "position"]}),
        (_("Tiếng Anh (trang /en/)"), {"fields": ["title_en", "duties_en"]}),
    ]


@admin.register(Department)
class DepartmentAdmin(SiteScopedAdmin):
    list_display = ["name", "head", "phone", "email", "position", "site"]
    list_editable = ["position"]
    list_filter = ["site"]
    search_fields = ["name", "head"]
    fieldsets = [
        (None, {"fields": ["site", "name", "head", "tasks", "address", "phone", "email", "position"]}),
        (_("Tiếng Anh (trang /en/)"), {"fields": ["name_en", "tasks_en"]}),
    ]


@admin.register(Profile)
class ProfileAdmin(SiteScopedAdmin):
    list_display = ["site", "name_en", "office_hours"]
    fieldsets = [
        (None, {"fields": ["site", "intro", "office_hours"]}),
        (_("Tiếng Anh (trang /en/)"), {"fields": ["name_en", "intro_en", "address_en", "office_hours_en"]}),
    ]
