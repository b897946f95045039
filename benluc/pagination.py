"""Pagination that stays fast at archive size, for public pages and admin lists alike."""

from django.core.paginator import Paginator
from django.utils.functional import cached_property


class CappedPaginator(Paginator):
    """Counts matches only up to a cap: "hơn 500" instead of a count over every match.

    Beyond the cap a list offers no more pages (`capped` tells a template to say so and to
    ask for a narrower search or filter), which bounds the work of any list page. The admin's
    article list uses CAP, or the lower SEARCH_CAP for a search (each match it counts is a
    check of an article's folded text); a public page passes its own `cap`.
    """

    CAP = 10_000
    SEARCH_CAP = 500
    capped = False

    def __init__(self, *args, cap=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.cap = cap or self.CAP

    @cached_property
    def count(self):
        n = self.object_list.order_by()[: self.cap + 1].count()
        self.capped = n > self.cap
        return min(n, self.cap)
