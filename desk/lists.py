"""Admin list filters that stay fast at archive size, and pickers that fold like search."""

from datetime import datetime

from django.contrib import admin
from django.db.models import Max, Min
from django.utils import timezone

from benluc.text import words


class PublishYearFilter(admin.SimpleListFilter):
    """Year of publication, from the archive's first and last dates, not from the matches.

    Two index look-ups (article_publish_idx) whatever the search or filters,
    where Django's date hierarchy ran DISTINCT over every match.
    """

    title = "năm xuất bản"
    parameter_name = "nam"

    def lookups(self, request, model_admin):
        span = model_admin.get_queryset(request).order_by().aggregate(
            first=Min("publish_at"), last=Max("publish_at")
        )
        if span["first"] is None:
            return []
        first, last = (timezone.localtime(span[k]).year for k in ("first", "last"))
        return [(str(year), str(year)) for year in range(last, first - 1, -1)]

    def queryset(self, request, queryset):
        value = self.value()
        if not (value and value.isascii() and value.isdigit() and 1900 < int(value) < 3000):
            return queryset
        year = int(value)
        tz = timezone.get_current_timezone()
        return queryset.filter(
            publish_at__gte=datetime(year, 1, 1, tzinfo=tz), publish_at__lt=datetime(year + 1, 1, 1, tzinfo=tz)
        )


def folded_match(texts, terms):
    """Every term begins some word of `texts` (folded as search folds: case, marks, đ)."""
    found = words(" ".join(t for t in texts if t))
    return all(any(w.startswith(term) for w in found) for term in terms)


class FoldedSearchMixin:
    """Admin search and autocomplete pickers that ignore case and diacritics.

    "ngoc han" finds "Ngọc Hân", with `benluc.text`'s folding, on any database.
    For the small tables it serves (authors, events, sections: hundreds to a few
    thousand rows per site), folding in Python over the `search_fields` columns
    is fast and needs no extra column to keep in step.
    """

    def get_search_results(self, request, queryset, search_term):
        terms = words(search_term)
        if not terms:
            return queryset, False
        fields = [name.lstrip("^=@") for name in self.get_search_fields(request)]
        rows = queryset.order_by().values_list("pk", *fields)
        ids = [pk for pk, *texts in rows.iterator() if folded_match([str(t or "") for t in texts], terms)]
        return queryset.filter(pk__in=ids), False
