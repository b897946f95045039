"""`make serve`: a worker per core with or without Redis; local bind; one notion of trusted proxies."""

import pytest

SHOW = ("import benluc.gunicorn_conf as c; "
        "print(c.workers, c.threads, c.bind, repr(c.forwarded_allow_ips), c.secure_scheme_headers)")


@pytest.fixture
def gunicorn_conf(run_python):
    def load(**env):
        result = run_python(SHOW, env={"SECRET_KEY": "x", **env})
        assert result.returncode == 0, result.stderr
        workers, threads, bind, allowed, headers = result.stdout.split(" ", 4)
        return (int(workers), int(threads)), bind, allowed, headers.strip(), result.stderr

    return load


@pytest.mark.parametrize("env, expected", [
    ({}, "cores"),
    ({"CACHE_URL": "redis://127.0.0.1:6379/0"}, "cores"),
    ({"WEB_CONCURRENCY": "3"}, 3),
    ({"WEB_CONCURRENCY": "3", "CACHE_URL": "redis://127.0.0.1:6379/0"}, 3),
    ({"WEB_CONCURRENCY": "1"}, 1),
])
def test_a_worker_process_per_core_unless_told(gunicorn_conf, env, expected):
    from benluc.gunicorn_conf import cores

    counts, _bind, _allowed, _headers, _message = gunicorn_conf(**env)
    assert counts == (cores() if expected == "cores" else expected, 4)


SHOW_CACHES = ("from django.conf import settings as s; "
               "print(s.CACHES['default']['BACKEND'], s.CACHES['pages']['BACKEND'], s.SESSION_ENGINE)")


@pytest.mark.parametrize("env, expected", [
    # One machine: pages in each process (keyed by the version in the database), the rest
    # (sessions, rate limits, moderation lists) in files every process shares.
    ({}, "filebased.FileBasedCache locmem.LocMemCache"),
    ({"CACHE_URL": "locmemcache://"}, "filebased.FileBasedCache locmem.LocMemCache"),
    ({"CACHE_URL": "redis://127.0.0.1:6379/0"}, "benluc.cache.ResilientRedisCache benluc.cache.ResilientRedisCache"),
])
def test_what_every_process_must_agree_on_is_shared(run_python, env, expected):
    result = run_python(SHOW_CACHES, env={"SECRET_KEY": "x", **env})
    assert result.returncode == 0, result.stderr
    default, pages, sessions = result.stdout.split()
    assert f"{default} {pages}".replace("django.core.cache.backends.", "") == expected
    assert sessions == "django.contrib.sessions.backends.cached_db"


def test_listens_on_localhost_unless_told(gunicorn_conf):
    assert gunicorn_conf(PORT="8123")[1] == "127.0.0.1:8123"
    assert gunicorn_conf(BIND="0.0.0.0:9000")[1] == "0.0.0.0:9000"


def test_gunicorn_trusts_no_forwarding_header_of_its_own(gunicorn_conf):
    _counts, _bind, allowed, headers, _message = gunicorn_conf()
    assert (allowed, headers) == ("''", "{}")
    assert gunicorn_conf(TRUSTED_PROXIES="10.0.0.2,10.1.0.0/16")[2] == "'10.0.0.2,10.1.0.0/16'"


def test_access_log_names_the_client_not_the_proxy(settings):
    from datetime import timedelta
    from types import SimpleNamespace

    from gunicorn.config import Config

    from benluc.gunicorn_conf import AccessLog

    settings.TRUSTED_PROXIES = ["10.0.0.2"]
    environ = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "203.0.113.7",
               "REQUEST_METHOD": "GET", "RAW_URI": "/", "SERVER_PROTOCOL": "HTTP/1.1"}
    response = SimpleNamespace(status="200 OK", sent=10, headers=[])
    atoms = AccessLog(Config()).atoms(response, SimpleNamespace(headers=[]), environ, timedelta(0))
    assert atoms["h"] == "203.0.113.7"
