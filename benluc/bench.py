"""What the benchmark commands (bench_pages, bench_search, bench_admin) run under."""

from django.conf import settings


def unhashed_static():
    """STORAGES with plain static file names instead of the collected, hashed manifest.

    The benchmarks render pages with DEBUG off, where the manifest storage needs
    `collectstatic` to have run; a checkout where only `make demo` ran (DEBUG on) has
    none, and the README's benchmark steps stopped at "Missing staticfiles manifest
    entry". Hashed names cost nothing the benchmarks measure.
    """
    return {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
