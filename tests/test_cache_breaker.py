"""Redis as an accelerator that may fail: the circuit breaker of benluc.cache, on a real Redis."""

import logging
import time

import pytest


def _timed(call):
    started = time.monotonic()
    result = call()
    return result, time.monotonic() - started


def _wait_for_probe():
    time.sleep(0.6)  # breaker_seconds is 0.5 in the redis_cache fixture


def test_a_hung_redis_costs_one_timeout_then_is_skipped(redis_server, redis_cache, caplog):
    redis_cache.set("greeting", "xin chào")
    redis_server.pause()
    caplog.set_level(logging.INFO, logger="benluc.cache")
    value, first = _timed(lambda: redis_cache.get("greeting"))
    assert value is None and 0.15 < first < 1.0  # the socket timeout (0.2 s), once
    _, rest = _timed(lambda: [redis_cache.get("greeting") for _ in range(200)])
    assert rest < 0.2, f"200 calls took {rest:.3f} s while the breaker was open"
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "unavailable" in warnings[0].getMessage()

    redis_server.resume()
    _wait_for_probe()
    assert redis_cache.get("greeting") == "xin chào"
    assert any("is back" in r.getMessage() for r in caplog.records if r.levelno == logging.INFO)
    assert len([r for r in caplog.records if r.levelno == logging.WARNING]) == 1


def test_a_killed_redis_answers_misses_and_is_used_again_when_back(redis_server, redis_cache):
    redis_cache.set("a", 1)
    redis_server.kill()
    assert redis_cache.get("a") is None
    assert redis_cache.add("b", 2) is False
    redis_server.start()  # same port, empty
    _wait_for_probe()
    redis_cache.set("c", 3)
    assert redis_server.ping() and redis_cache.get("c") == 3


def test_rate_limit_counters_fall_back_to_this_process(redis_server, redis_cache):
    redis_server.kill()
    key = "questions:lookup:203.0.113.9"
    redis_cache.add(key, 0, 600)
    assert [redis_cache.incr(key) for _ in range(6)] == [1, 2, 3, 4, 5, 6]
    assert redis_cache.get(key) == 6
    assert redis_cache.get("questions:other") is None  # only the rate-limit keys are local


def test_a_delete_lost_during_an_outage_is_replayed_when_redis_is_back(redis_server, redis_cache):
    redis_cache.set("rules", ["lừa đảo"], None)
    redis_cache.set("session", {"user": 1}, None)
    redis_server.pause()
    assert redis_cache.get("anything") is None  # times out: the breaker opens
    redis_cache.delete("rules")  # skipped: the old rules stay in Redis
    redis_cache.set("session", {"user": 2})  # skipped: Redis keeps the old session
    redis_server.resume()
    _wait_for_probe()
    assert redis_cache.get("rules") is None  # not the value the application meant to remove
    assert redis_cache.get("session") is None  # a miss (read from the database), not user 1


def test_a_page_build_lock_released_during_an_outage_is_released_in_redis_too(
    redis_server, redis_cache
):
    lock = "page:1:7:abc:building"  # sites.cache.built_once: readers wait while it exists
    assert redis_cache.add(lock, 1, 30)
    redis_server.pause()
    assert redis_cache.get("page:1:7:abc") is None  # times out: the breaker opens
    redis_cache.delete(lock)  # the builder is done; Redis is not told
    redis_server.resume()
    _wait_for_probe()
    assert redis_cache.get(lock) is None  # else readers of that page would wait for it


def test_versioned_pages_stay_cached_in_the_process_while_redis_is_down(redis_server, redis_cache):
    redis_server.kill()
    redis_cache.get("page:1:7:abc")  # trips the breaker
    redis_cache.set("page:1:7:abc", "trang", 60)
    assert redis_cache.get("page:1:7:abc") == "trang"
    redis_cache.set("page-like-but-not:1", "x", 60)
    assert redis_cache.get("page-like-but-not:1") is None


@pytest.mark.parametrize("name", ["get_many", "set_many", "delete_many", "has_key", "touch", "clear"])
def test_every_operation_survives_an_outage(redis_server, redis_cache, name):
    redis_server.kill()
    calls = {
        "get_many": lambda: redis_cache.get_many(["a", "b"]) == {},
        "set_many": lambda: redis_cache.set_many({"a": 1}) == ["a"],
        "delete_many": lambda: redis_cache.delete_many(["a"]) is None,
        "has_key": lambda: redis_cache.has_key("a") is False,
        "touch": lambda: redis_cache.touch("a") is False,
        "clear": lambda: redis_cache.clear() is False,
    }
    assert calls[name]()
