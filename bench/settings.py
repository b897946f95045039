"""The project's settings plus the benchmark's floor pages (bench/urls.py); never in production."""

from benluc.settings import *  # noqa: F403
from benluc.settings import BASE_DIR, TEMPLATES

ROOT_URLCONF = "bench.urls"
TEMPLATES[0]["DIRS"] = [*TEMPLATES[0]["DIRS"], BASE_DIR / "bench" / "templates"]
