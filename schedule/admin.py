"""Editors of a site keep its leaders' schedule; they see and change only their sites' entries."""

from datetime import timedelta

from django.contrib import admin
from django.utils.translation import gettext_lazy as _, ngettext

from sites.admin import SiteScopedAdmin

from .models import ScheduleEntry


@admin.register(ScheduleEntry)
class ScheduleEntryAdmin(SiteScopedAdmin):
    list_display = ["date", "time_span", "short_content", "chair", "place", "event", "site"]
    list_display_links = ["date", "short_content"]
    list_filter = ["site", "date"]
    search_fields = ["content", "chair", "place", "attendees", "preparer"]
    date_hierarchy = "date"
    autocomplete_fields = ["event"]
    list_select_related = ["event", "site"]
    ordering = ["-date", "starts_at"]
    actions = ["copy_to_next_week"]
    fieldsets = [
        (None, {"fields": ["site", ("date", "starts_at", "ends_at"), "content", "note"]}),
        (_("Người và nơi"), {"fields": ["place", "chair", "attendees", "preparer"]}),
        (_("Liên kết"), {"fields": ["event", "position"]}),
    ]

    @admin.display(description=_("giờ"), ordering="starts_at")
    def time_span(self, obj):
        if not obj.starts_at:
            return _("Cả ngày")
        return f"{obj.starts_at:%H:%M}" + (f"–{obj.ends_at:%H:%M}" if obj.ends_at else "")

    @admin.display(description=_("nội dung"))
    def short_content(self, obj):
        return obj.content if len(obj.content) <= 90 else obj.content[:89] + "…"

    @admin.action(description=_("Sao chép các mục đã chọn sang tuần sau"), permissions=["add"])
    def copy_to_next_week(self, request, queryset):
        """Recurring meetings: the same day and time one week later (the event link stays out)."""
        copies = []
        for entry in queryset:
            if not request.user.has_perm("schedule.add_scheduleentry", entry):
                continue
            entry.pk, entry.id, entry.event = None, None, None
            entry.date += timedelta(days=7)
            copies.append(entry)
        for entry in copies:
            entry.save()
        self.message_user(request, ngettext(
            "Đã sao chép %(n)d mục sang tuần sau.", "Đã sao chép %(n)d mục sang tuần sau.", len(copies),
        ) % {"n": len(copies)})
