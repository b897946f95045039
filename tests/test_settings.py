"""Deployment promises: check --deploy is clean, outages of Redis or PostgreSQL cost no request."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection
from django.test import RequestFactory

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "SECRET_KEY": "x7Jq2-unit-test-only-but-long-and-random-enough-aB9kLm3Qw8Rt5Zp1Vn6Yc4",
    "ALLOWED_HOSTS": "benluc.longan.gov.vn",
    "DEBUG": "false",
    "DATABASE_URL": "sqlite:////tmp/benluc-check.sqlite3",
}


def _manage(*args, env):
    # The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE for themselves; production does not.
    unset = ("SECRET_KEY", "DEBUG", "HTTPS", "DJANGO_ALLOW_ASYNC_UNSAFE")
    clean = {k: v for k, v in os.environ.items() if k not in unset}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env={**clean, **env},
        capture_output=True, text=True, timeout=120,
    )


def test_check_deploy_is_clean_with_production_values():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_secret_key():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_language_timezone_and_connection_health_checks(settings):
    assert settings.LANGUAGE_CODE == "vi"
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh" and settings.USE_TZ
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True


def test_redis_outage_degrades_to_no_cache(client, article, settings):
    settings.CACHES = {"default": {
        "BACKEND": "benluc.cache.ResilientRedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
        "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
    }}
    for url in ("/", article.get_absolute_url(), article.category.get_absolute_url(), "/rss/"):
        assert client.get(url).status_code == 200


def test_pages_are_cached_in_real_redis(client, article, settings, django_assert_num_queries):
    settings.CACHES = {"default": {
        "BACKEND": "benluc.cache.ResilientRedisCache",
        "LOCATION": "redis://127.0.0.1:6379/9",
        "KEY_PREFIX": f"test-{os.getpid()}",
    }}
    url = article.get_absolute_url()
    assert client.get(url).status_code == 200
    with django_assert_num_queries(1):  # the site's content version; the page is Redis's
        assert article.title in client.get(url).content.decode()
    from django.core.cache import cache

    cache.clear()


def _wsgi_get(path):
    environ = RequestFactory()._base_environ(PATH_INFO=path, REQUEST_METHOD="GET")
    status = []
    body = WSGIHandler()(environ, lambda s, headers, exc_info=None: status.append(s))
    b"".join(body)
    return int(status[0].split()[0])


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL-only: CI's PostgreSQL run covers it")
@pytest.mark.django_db(transaction=True)
def test_request_after_postgresql_dropped_the_connection(article):
    import psycopg

    connection.settings_dict["CONN_MAX_AGE"] = 60
    try:
        assert _wsgi_get("/sitemap.xml") == 200
        pid = connection.connection.info.backend_pid
        params = connection.get_connection_params()
        with psycopg.connect(**{k: v for k, v in params.items() if k in ("host", "port", "user", "dbname")},
                             autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", [pid])  # as a server restart does
            for _ in range(100):  # termination is asynchronous: wait until the backend is gone
                if not admin.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", [pid]).fetchone():
                    break
                time.sleep(0.02)
        assert _wsgi_get("/sitemap.xml") == 200
        assert connection.connection.info.backend_pid != pid  # a fresh connection served it
    finally:
        connection.close()
