"""Deployment promises: check --deploy is clean, outages of Redis or PostgreSQL cost no request."""

import os
import time

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection
from django.test import RequestFactory

def test_check_deploy_is_clean_with_production_values(run_manage, production_env):
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=production_env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_secret_key(run_manage, production_env):
    del production_env["SECRET_KEY"]
    result = run_manage("check", env=production_env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_programs_read_the_env_file_and_the_test_suite_does_not(run_manage, run_python, production_env, tmp_path):
    """manage.py and gunicorn load `.env`; importing the settings (as pytest does) never does."""
    env_file = tmp_path / "env"
    env_file.write_text("COMMENTS_RATE_LIMIT=1\nSITE_NAME=Cổng thử\n")
    show = "from django.conf import settings; print(settings.COMMENTS['RATE_LIMIT'], settings.SITE_NAME)"
    command = run_manage("shell", "-c", show, env={**production_env, "ENV_FILE": str(env_file)})
    assert command.stdout.splitlines()[-1] == "1 Cổng thử", command.stderr
    imported = run_python(
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'benluc.settings'; django.setup(); " + show,
        env={**production_env, "ENV_FILE": str(env_file)},
    )
    assert imported.stdout.strip() == "5 Cổng thông tin điện tử huyện Bến Lức", imported.stderr
    # ENV_FILE= (empty): no file at all, whatever lies beside manage.py.
    command = run_manage("shell", "-c", show, env={**production_env, "ENV_FILE": ""})
    assert command.stdout.splitlines()[-1].startswith("5 "), command.stderr


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
