"""The ranking tiers: all words before some, then title before sapo before body."""

from dataclasses import dataclass
from itertools import combinations

FIELDS = ("title", "lead", "doc")  # title; title + sapo; everything searchable


@dataclass(frozen=True)
class Tier:
    """Rows with at least `k` of the words in `fieldname`, and in no better tier."""

    k: int
    fieldname: str
    # Better tiers, as (k, field) conditions to exclude: the same k in the
    # previous (narrower) field, and k + 1 words anywhere.
    excluded: tuple


def tiers(query_words):
    """The tiers from best to worst, as described in the module docstring."""
    n = len(query_words)
    result = []
    for k in range(n, 0, -1):
        for position, fieldname in enumerate(FIELDS):
            excluded = []
            if position:
                excluded.append((k, FIELDS[position - 1]))  # title ⊂ lead, so one is enough
            if k < n:
                excluded.append((k + 1, "doc"))  # every tier with more words
            result.append(Tier(k, fieldname, tuple(excluded)))
    return result


def groups(query_words, k):
    return list(combinations(query_words, k))

