"""`make serve`: several workers only with a shared cache; local bind; one notion of trusted proxies."""

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
    ({"WEB_CONCURRENCY": "3"}, (1, 8)),
    ({"WEB_CONCURRENCY": "3", "CACHE_URL": "redis://127.0.0.1:6379/0"}, (3, 4)),
    ({"WEB_CONCURRENCY": "1"}, (1, 4)),
])
def test_worker_count_follows_the_cache(gunicorn_conf, env, expected):
    counts, _bind, _allowed, _headers, message = gunicorn_conf(**env)
    assert counts == expected
    if expected == (1, 8):
        assert "local-memory cache is per process" in message


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
