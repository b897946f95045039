"""A Content-Security-Policy for the admin, under which its rich-text editor still works.

The public site's policy (settings.CONTENT_SECURITY_POLICY, applied by django-csp) allows no
inline code at all. The admin needs two things more, and only those:

- the import map of django-prose-editor (`<script type="importmap">`, inline by nature): it is
  allowed by its SHA-256 hash, computed from the map the editor's widget renders, so no other
  inline script (an injected one included) can run;
- inline styles: the admin's own templates and the editor's menus set `style` attributes.
  Style injection cannot run code; scripts stay locked down;
- photos and fetches from any web address: a photo pasted from another site is shown in the
  editor and fetched by our script to be uploaded into the library.

`AdminCSPMiddleware` gives admin responses this policy (django-csp then writes the header); it
comes after `csp.middleware.CSPMiddleware` in MIDDLEWARE so it sees the response first.
"""

import base64
import hashlib
import re
from functools import lru_cache

from django.conf import settings

ADMIN_PREFIX = "/admin/"


def _sha256(text):
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


@lru_cache(maxsize=1)
def admin_policy():
    """The admin's directives: the public ones, plus the editor's import map and inline styles."""
    from django_prose_editor.widgets import importmap

    inline = re.search(r"<script[^>]*>(.*)</script>", str(importmap), re.S).group(1)
    directives = {key: list(value) for key, value in settings.CONTENT_SECURITY_POLICY["DIRECTIVES"].items()}
    directives["script-src"] = ["'self'", _sha256(inline)]
    directives["style-src"] = ["'self'", "'unsafe-inline'"]
    # A photo pasted from another website shows in the editor and can be fetched to be
    # uploaded into our library (static/js/admin/): any web address, read by our scripts only.
    directives["img-src"] = ["'self'", "data:", "blob:", "https:", "http:"]
    directives["connect-src"] = ["'self'", "https:", "http:"]
    return directives


class AdminCSPMiddleware:
    """Give every /admin/ response the admin's policy (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path_info.startswith(ADMIN_PREFIX) and getattr(response, "_csp_config", None) is None:
            response._csp_config = admin_policy()
        return response
