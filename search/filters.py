"""Section and date filters from the query string; a bad value is ignored with a notice."""

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from articles.models import Category
from sites.models import Site

_SLUG = re.compile(r"^[-a-zA-Z0-9_]{1,100}$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _date(value, label, notices):
    value = (value or "").strip()
    if not value:
        return None
    if _ISO_DATE.match(value):
        try:
            day = date.fromisoformat(value)
        except ValueError:
            day = None
        # Far dates overflow once turned into a datetime range (9999-12-31 + 1 day).
        if day is not None and 1900 <= day.year <= 2100:
            return day
    notices.append(
        f"Ngày “{value[:20]}” ở ô “{label}” không hợp lệ nên đã được bỏ qua; "
        "hãy nhập theo dạng năm-tháng-ngày, ví dụ 2022-06-30."
    )
    return None


def _local_midnight(day):
    return timezone.make_aware(datetime.combine(day, time.min))


@dataclass
class Filters:
    category: object = None
    since: date = None
    until: date = None
    # Where to look: None for the one site the reader is on; on a province's
    # portal, the sites of the province (all, or the one the reader chose).
    categories: list = field(default_factory=list)
    sites: list = None
    every_site: bool = False  # the sites searched are every site of the installation
    chosen_site: object = None
    site_choices: list = field(default_factory=list)

    @property
    def province_wide(self):
        return self.sites is not None and self.chosen_site is None


def _scope(params, notices, site, filters):
    """On a portal: every site of the province, or the one named by ?don-vi=<slug>."""
    if not site.is_portal:
        return site
    filters.site_choices = [site, *site.children.order_by("position", "name")]
    slug = (params.get("don-vi") or "").strip()
    if slug:
        filters.chosen_site = next(
            (s for s in filters.site_choices if _SLUG.match(slug) and s.slug == slug), None
        )
        if filters.chosen_site is None:
            notices.append("Không có đơn vị này nên đã tìm trong toàn tỉnh.")
    if filters.chosen_site is not None:
        filters.sites = [filters.chosen_site]
        return filters.chosen_site
    filters.sites = filters.site_choices
    # One installation is one province: when its sites are all the province's,
    # the whole province needs no site condition (which would only slow the ranking).
    filters.every_site = Site.objects.count() == len(filters.site_choices)
    return site


def parse_filters(params, notices, site):
    """Section and date-range filters from the query string; bad values are ignored with a notice."""
    filters = Filters()
    # The sections offered are those of the site searched (the portal's when
    # searching the whole province: the communes' sections share their slugs).
    menu_site = _scope(params, notices, site, filters)
    filters.categories = Category.objects.menu(menu_site)
    slug = (params.get("chuyen-muc") or "").strip()
    if slug:
        filters.category = next(
            (c for c in filters.categories if _SLUG.match(slug) and c.slug == slug), None
        )
        if filters.category is None:
            notices.append("Không có chuyên mục này nên đã tìm trong mọi chuyên mục.")
    filters.since = _date(params.get("tu"), "Từ ngày", notices)
    filters.until = _date(params.get("den"), "Đến ngày", notices)
    if filters.since and filters.until and filters.since > filters.until:
        filters.since, filters.until = filters.until, filters.since
        notices.append("“Từ ngày” sau “Đến ngày” nên hai ngày đã được đổi chỗ cho nhau.")
    return filters


def filtered(queryset, filters):
    if filters.sites is not None and not filters.every_site:
        queryset = queryset.filter(site_id__in=[s.pk for s in filters.sites])
    if filters.province_wide and filters.category is not None:
        queryset = queryset.filter(category__slug=filters.category.slug)
    elif filters.category is not None:
        queryset = queryset.filter(category_id=filters.category.pk)
    if filters.since:
        queryset = queryset.filter(publish_at__gte=_local_midnight(filters.since))
    if filters.until:
        queryset = queryset.filter(publish_at__lt=_local_midnight(filters.until + timedelta(days=1)))
    return queryset

