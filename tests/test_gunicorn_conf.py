"""`make serve`: several workers only with a shared cache (the local one is per process)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _conf(**env):
    code = "import benluc.gunicorn_conf as c; print(c.workers, c.threads)"
    base = {k: v for k, v in os.environ.items() if k not in ("CACHE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env={**base, **env},
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return tuple(int(n) for n in result.stdout.split()), result.stderr


@pytest.mark.parametrize("env, expected", [
    ({"WEB_CONCURRENCY": "3"}, (1, 8)),
    ({"WEB_CONCURRENCY": "3", "CACHE_URL": "redis://127.0.0.1:6379/0"}, (3, 4)),
    ({"WEB_CONCURRENCY": "1"}, (1, 4)),
])
def test_worker_count_follows_the_cache(env, expected):
    (workers, threads), message = _conf(SECRET_KEY="x", **env)
    assert (workers, threads) == expected
    if expected == (1, 8):
        assert "local-memory cache is per process" in message
