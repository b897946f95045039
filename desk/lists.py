"""Admin lists that stay fast at archive size, and pickers that fold like search."""

from datetime import datetime

from django.contrib import admin
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Max, Min
from django.utils import timezone
from django.utils.functional import cached_property

from benluc.text import words


class CappedPaginator(Paginator):
    """Counts matches only up to CAP: "hơn 1.000" instead of a count over every match.

    Beyond CAP pages the list asks for a narrower search or filter (the
    template says so), which bounds the work of any list page.
    """

    CAP = 1000

    @cached_property
    def count(self):
        n = self.object_list.order_by()[: self.CAP + 1].count()
        self.capped = n > self.CAP
        return min(n, self.CAP)

    capped = False


class PublishYearFilter(admin.SimpleListFilter):
    """Year of publication, from the archive's first and last dates (cached), not from the matches."""

    title = "năm xuất bản"
    parameter_name = "nam"
    CACHE_KEY = "desk:article-years"

    def lookups(self, request, model_admin):
        years = cache.get(self.CACHE_KEY)
        if years is None:
            span = model_admin.model._default_manager.aggregate(first=Min("publish_at"), last=Max("publish_at"))
            if span["first"] is None:
                years = []
            else:
                first = timezone.localtime(span["first"]).year
                last = timezone.localtime(span["last"]).year
                years = list(range(last, first - 1, -1))
            cache.set(self.CACHE_KEY, years, 600)
        return [(str(year), str(year)) for year in years]

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
