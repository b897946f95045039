"""Readership in the admin: views per site, section and day (with CSV), and the ratings.

Editors see their own sites' figures (SiteScopedAdmin; the permission comes from migration
0002_roles); province administrators see every site.
"""

import csv
from datetime import timedelta

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, Sum
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from sites.admin import SiteScopedAdmin
from sites.models import Site

from .models import PageViews, Rating

REPORT_MAX_DAYS = 366


# Pages that are not a section's, by their first path segment.
OTHER_SECTIONS = {
    "trang-chu": "Trang chủ", "hoi-dap": "Hỏi đáp", "van-ban": "Văn bản", "lich-cong-tac": "Lịch công tác",
    "du-thao": "Dự thảo", "gioi-thieu": "Giới thiệu", "su-kien": "Sự kiện", "tac-gia": "Tác giả",
    "tin-co-so": "Tin cơ sở", "tim-kiem": "Tìm kiếm", "so-do-trang": "Sơ đồ trang", "en": "English",
}


def section_names(site_ids):
    """{(site id, path segment): what the newsroom calls it} – sections by name, other pages by kind."""
    from articles.models import Category

    names = {(site_id, slug): label for site_id in site_ids for slug, label in OTHER_SECTIONS.items()}
    for site_id, slug, name in Category.objects.filter(site_id__in=site_ids).values_list("site_id", "slug", "name"):
        names[(site_id, slug)] = name
    return names


def _date(value, default):
    """A date typed into the report's filter; None if it is not one."""
    if not value:
        return default
    try:
        return parse_date(value[:20])
    except ValueError:  # 2026-02-30
        return None


class ReadOnlyMixin:
    def get_list_filter(self, request):
        # The site filter (the last one) is for the province's administrators.
        return self.list_filter if self.user_site_ids(request) is None else self.list_filter[:-1]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PageViews)
class PageViewsAdmin(ReadOnlyMixin, SiteScopedAdmin):
    list_display = ["day", "site", "section", "page_link", "views"]
    list_filter = ["section", "site"]
    date_hierarchy = "day"
    search_fields = ["path"]
    list_select_related = ["site"]
    change_list_template = "admin/readership/pageviews/change_list.html"

    @admin.display(description=_("địa chỉ"), ordering="path")
    def page_link(self, obj):
        return format_html('<a href="{}">{}</a>', obj.site.absolute(obj.path), obj.path)

    def get_urls(self):
        return [
            path("bao-cao/", self.admin_site.admin_view(self.report_view), name="readership_pageviews_report"),
            *super().get_urls(),
        ]

    def report_rows(self, request, start, end, site_id=None):
        """[(site name, section, day, views)] summed per site, section and day."""
        rows = self.get_queryset(request).filter(day__gte=start, day__lte=end)
        if site_id:
            rows = rows.filter(site_id=site_id)
        rows = list(rows.values("site_id", "site__name", "section", "day").annotate(total=Sum("views")).order_by(
            "site__name", "-day", "-total", "section"
        ))
        names = section_names({r["site_id"] for r in rows})
        return [
            (r["site__name"], names.get((r["site_id"], r["section"]), r["section"]), r["day"], r["total"])
            for r in rows
        ]

    def report_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        today = timezone.localdate()
        errors = []
        start = _date(request.GET.get("tu"), today - timedelta(days=6))
        end = _date(request.GET.get("den"), today)
        if start is None or end is None:
            errors.append(_("Ngày chưa đúng định dạng (năm-tháng-ngày); đang xem 7 ngày gần nhất."))
            start, end = today - timedelta(days=6), today
        if end < start:
            start, end = end, start
        if (end - start).days > REPORT_MAX_DAYS:
            errors.append(_("Báo cáo tối đa 366 ngày; đã rút ngắn khoảng thời gian."))
            start = end - timedelta(days=REPORT_MAX_DAYS)
        ids = self.user_site_ids(request)
        sites = Site.objects.all() if ids is None else Site.objects.filter(pk__in=ids)
        site_id = request.GET.get("trang-web", "")
        site_id = int(site_id) if site_id.isdigit() and sites.filter(pk=site_id).exists() else None
        rows = self.report_rows(request, start, end, site_id)
        if request.GET.get("dinh-dang") == "csv":
            response = HttpResponse(content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = f'attachment; filename="luot-xem-{start}-{end}.csv"'
            response.write("\ufeff")  # Excel opens UTF-8 with a BOM as UTF-8
            writer = csv.writer(response)
            writer.writerow(["Trang", "Chuyên mục", "Ngày", "Lượt xem"])
            for name, section, day, total in rows:
                writer.writerow([name, section, day.strftime("%d/%m/%Y"), total])
            return response
        sections = {}
        for name, section, _day, total in rows:
            sections[(name, section)] = sections.get((name, section), 0) + total
        ratings = Rating.objects.filter(day__gte=start, day__lte=end)
        if ids is not None:
            ratings = ratings.filter(site_id__in=ids)
        if site_id:
            ratings = ratings.filter(site_id=site_id)
        ratings = ratings.values("site__name", "path").annotate(
            yes=Count("pk", filter=Q(helpful=True)), no=Count("pk", filter=Q(helpful=False))
        ).order_by("-yes", "path")[:50]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Báo cáo lượt xem"),
            "rows": rows, "sections": sorted(sections.items(), key=lambda item: -item[1]),
            "total": sum(r[3] for r in rows), "ratings": ratings,
            "start": start, "end": end, "sites": sites, "site_id": site_id, "errors": errors,
            "csv_query": request.GET.copy().urlencode(),
            "changelist_url": reverse("admin:readership_pageviews_changelist"),
        }
        return TemplateResponse(request, "admin/readership/report.html", context)


@admin.register(Rating)
class RatingAdmin(ReadOnlyMixin, SiteScopedAdmin):
    list_display = ["day", "site", "path", "helpful"]
    list_filter = ["helpful", "site"]  # site last (see ReadOnlyMixin)
    date_hierarchy = "day"
    search_fields = ["path"]
    list_select_related = ["site"]
