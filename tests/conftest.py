"""Shared fixtures. Fixture modules per app are registered as plugins below."""

import pytest

pytest_plugins = [
    "tests.fixtures.articles",
    "tests.fixtures.photos",
    "tests.fixtures.pages",
    "tests.fixtures.comments",
    "tests.fixtures.sites",
    "tests.fixtures.processes",
    "tests.fixtures.servers",
    "tests.fixtures.object_storage",
    "tests.fixtures.redis",
    "tests.fixtures.schedule",
    "tests.fixtures.questions",
    "tests.fixtures.readership",
    "tests.fixtures.documents",
    "tests.fixtures.consultations",
    "tests.fixtures.organisation",
    "tests.fixtures.demo",
]


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    """Fast hashing, a private media folder, an empty cache and fresh sites for every test."""
    from django.core.cache import cache

    from sites.models import forget_sites

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # The default site has no host: its absolute links use SITE_URL (the test client's host).
    settings.SITE_URL = "http://testserver"
    cache.clear()
    forget_sites()  # sites made (and rolled back) by another test
    yield
    cache.clear()
    forget_sites()


# Rows that data migrations create and the code relies on (the default site, the role
# groups). A transactional test flushes every table when it ends, these rows included: the
# next transactional test gets them back from the same migration functions.
DATA_MIGRATIONS = [
    ("sites.migrations.0001_initial", "create_default_site"),
    ("articles.migrations.0002_roles", "create_roles"),
    ("comments.migrations.0002_roles", "grant"),
    ("schedule.migrations.0002_roles", "grant"),
    ("questions.migrations.0002_roles", "grant"),
    ("documents.migrations.0002_roles", "grant"),
    ("consultations.migrations.0002_roles", "grant"),
    ("readership.migrations.0002_roles", "grant"),
    ("organisation.migrations.0002_roles", "grant"),
]


@pytest.fixture(autouse=True)
def _data_from_migrations(request):
    marker = request.node.get_closest_marker("django_db")
    transactional = "transactional_db" in request.fixturenames or (
        marker is not None and marker.kwargs.get("transaction")
    )
    if not transactional:
        return
    import importlib

    from django.apps import apps

    request.getfixturevalue("transactional_db")
    # The role migrations toggle `models_module` on the app configs they are given (meant
    # for historical apps): keep the live registry's values.
    saved = {config: config.models_module for config in apps.get_app_configs()}
    try:
        for module, function in DATA_MIGRATIONS:
            getattr(importlib.import_module(module), function)(apps, None)
    finally:
        for config, value in saved.items():
            config.models_module = value
