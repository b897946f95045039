"""Shared fixtures. Fixture modules per app are registered as plugins below."""

import pytest

pytest_plugins = [
    "tests.fixtures.articles",
    "tests.fixtures.photos",
    "tests.fixtures.pages",
    "tests.fixtures.comments",
    "tests.fixtures.processes",
]


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    """Fast hashing, a private media folder and an empty cache for every test."""
    from django.core.cache import cache

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    cache.clear()
    yield
    cache.clear()
