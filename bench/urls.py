"""The site's URLs, plus the floors `make bench` measures our pages against."""

import os

from django.urls import path

from sites.cache import page_built

from benluc.urls import handler404, handler500, urlpatterns as site_urlpatterns  # noqa: F401

from . import views

urlpatterns = [
    path("__bench/floor/", views.floor),
    path("__bench/template-floor/", views.template_floor),
    *site_urlpatterns,
]

# Each page build (not served from the cache) as a line "<process id> <path>" in this file,
# for `make bench`'s check that a page is built once per process after an invalidation.
BUILDS_LOG = os.environ.get("BENCH_BUILDS_LOG")
if BUILDS_LOG:
    def _log_build(sender, request, key, **kwargs):
        with open(BUILDS_LOG, "a") as log:  # one short write: lines from processes do not mix
            log.write(f"{os.getpid()} {request.path}\n")

    page_built.connect(_log_build, weak=False)
