"""Addresses of content from a pattern reversed once per process.

`reverse()` costs about 0.1 ms; a list page asks for dozens of addresses (each teaser, its
section, the menu). `link(name, **kwargs)` reverses the route once with markers in place of
the values, then fills in each page's values: the same string `reverse()` gives
(tests/test_links.py), at the cost of a `str.format`.
"""

import re
from functools import lru_cache
from urllib.parse import quote

from django.urls import get_script_prefix, get_urlconf, reverse

# What reverse() leaves unquoted in a path (django.urls.resolvers).
_SAFE = "!$&'()*+,;=/~:@"
# Values that quoting leaves as they are (slugs, ids): skipped, quote() is the costly part.
_PLAIN = re.compile(r"[-A-Za-z0-9_.~]*")


@lru_cache(maxsize=128)
def _pattern(name, names, prefix, urlconf):
    # Digits fit every converter used here (slug, int and [-\w]+); each marker is distinct.
    markers = {key: str(900000001 + n) for n, key in enumerate(names)}
    url = reverse(name, kwargs=markers, urlconf=urlconf)
    url = url.replace("{", "{{").replace("}", "}}")
    for key, marker in markers.items():
        url = url.replace(marker, "{%s}" % key, 1)
    return url


def link(name, **kwargs):
    """`reverse(name, kwargs=kwargs)`, from the route's pattern kept per process."""
    pattern = _pattern(name, tuple(sorted(kwargs)), get_script_prefix(), get_urlconf())
    return pattern.format(**{key: _quoted(str(value)) for key, value in kwargs.items()})


def _quoted(value):
    return value if _PLAIN.fullmatch(value) else quote(value, safe=_SAFE)
