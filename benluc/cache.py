"""A Redis cache that degrades to "no cache" when Redis is unreachable."""

import logging

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


def _failsafe(method, fallback):
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except RedisError as exc:
            # A cache miss is slower but correct; an exception here would turn
            # every public page into a 500 during a Redis restart.
            logger.warning("Redis unavailable during %s: %s", method.__name__, exc)
            return fallback(*args, **kwargs) if callable(fallback) else fallback

    wrapper.__name__ = method.__name__
    return wrapper


def _default(key, default=None, *args, **kwargs):
    return default


def _zero(*args, **kwargs):
    return 0


def _empty_dict(*args, **kwargs):
    return {}


def _empty_list(*args, **kwargs):
    return []


class ResilientRedisCache(RedisCache):
    """Django's RedisCache; every operation answers as a cache miss when Redis is down."""

    get = _failsafe(RedisCache.get, _default)
    get_many = _failsafe(RedisCache.get_many, _empty_dict)
    set = _failsafe(RedisCache.set, None)
    set_many = _failsafe(RedisCache.set_many, _empty_list)
    add = _failsafe(RedisCache.add, False)
    touch = _failsafe(RedisCache.touch, False)
    delete = _failsafe(RedisCache.delete, False)
    delete_many = _failsafe(RedisCache.delete_many, None)
    has_key = _failsafe(RedisCache.has_key, False)
    incr = _failsafe(RedisCache.incr, _zero)
    clear = _failsafe(RedisCache.clear, False)
