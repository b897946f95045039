"""Redis as an accelerator that may fail: Django's RedisCache behind a circuit breaker.

Redis holds copies (pages, fragments, sessions in front of the database, moderation rules)
and the comment rate-limit counters. When it is down or hung, the site must keep its normal
speed and never answer 500:

- **Circuit breaker.** The first call that fails or times out (short socket timeouts, see
  settings) opens the breaker for this Redis server in this process: for `breaker_seconds`
  (default 5) every call skips Redis and answers like a miss. Then one request probes it; the
  others keep skipping until the probe succeeds. So a hung Redis costs one timeout per
  process every few seconds, not one per call. One warning is logged when an outage starts
  and one info line when Redis is back.
- **Rate limits never switch off.** Keys starting with one of `local_prefixes` (counters of
  a rate limit kept in the cache: `questions:lookup:`, tracking-code lookups) go to a
  local-memory cache while the breaker is open: each process then enforces the limit on its
  own, so an address gets at most (limit × processes) tries during an outage instead of an
  unlimited number. When Redis is back the shared counters take over again (the local counts
  are left to expire). The comment rate limit is counted in the database
  (comments/moderation.py) and holds exactly whatever Redis does.
- **Pages stay cached.** Keys starting with one of `versioned_prefixes` (`page:`, `frag:`)
  also go to the local-memory cache while the breaker is open. Their names hold the site's
  content version, read from the database on every request (sites/cache.py), so a copy kept
  in one process can never outlive an edit: after a change no request asks for it again.
- **Lost writes are replayed as deletes.** A write (set, add, delete, incr…) that did not
  reach Redis leaves Redis with a value older than the one the application meant to store,
  or a value it meant to remove (a logged-out session, old moderation rules). Such keys are
  remembered and deleted as soon as Redis answers again, before anything else is read from
  it by this process. Versioned keys need no replay (a stale copy is never asked for again),
  except deletes: a page's build lock (sites/cache.py) must not outlive the outage.

Options (in CACHES["default"]["OPTIONS"], removed before the rest goes to redis-py):
`breaker_seconds`, `local_prefixes`, `versioned_prefixes`.
"""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# At most this many keys are remembered for replay; past it the oldest writes' keys would be
# lost, so an error (not a warning per key) says so once per outage.
MAX_MISSED_KEYS = 10_000
# Rate-limit counters kept in the cache: counted per process while Redis is unreachable.
LOCAL_PREFIXES = ("questions:lookup:", "comments:rate:")
# Entries of the local fallback cache (whole pages of some tens of kB each: a few tens of MB).
LOCAL_MAX_ENTRIES = 2_000


class Breaker:
    """One Redis server's state in this process, shared by every thread's cache instance."""

    def __init__(self, name, seconds):
        self.name = name
        self.seconds = seconds
        self.lock = threading.Lock()
        self.is_open = False
        self.retry_at = 0.0
        self.since = 0.0
        self.skipped = 0
        self.missed = set()  # full (prefixed) keys whose last write did not reach Redis
        self.overflowed = False

    def allow(self):
        """Whether this call may use Redis (always when closed; one probe per period when open)."""
        if not self.is_open:
            return True
        with self.lock:
            now = time.monotonic()
            if self.is_open and now >= self.retry_at:
                self.retry_at = now + self.seconds  # the other threads keep skipping meanwhile
                return True
            if self.is_open:
                self.skipped += 1
                return False
            return True

    def trip(self, exc):
        with self.lock:
            self.retry_at = time.monotonic() + self.seconds
            if not self.is_open:
                self.is_open, self.since, self.skipped = True, time.monotonic(), 0
                logger.warning(
                    "Redis %s unavailable (%s); serving without it, retrying every %g s.",
                    self.name, exc, self.seconds,
                )

    def close(self):
        with self.lock:
            if self.is_open:
                self.is_open = False
                logger.info(
                    "Redis %s is back after %.1f s (%d calls skipped meanwhile).",
                    self.name, time.monotonic() - self.since, self.skipped,
                )

    def remember(self, keys):
        with self.lock:
            for key in keys:
                if len(self.missed) >= MAX_MISSED_KEYS:
                    if not self.overflowed:
                        self.overflowed = True
                        logger.error(
                            "Redis %s: more than %d writes missed; older cache entries may "
                            "outlive their change until they expire.", self.name, MAX_MISSED_KEYS,
                        )
                    return
                self.missed.add(key)

    def take_missed(self):
        with self.lock:
            keys, self.missed, self.overflowed = self.missed, set(), False
            return keys


_breakers = {}
_breakers_lock = threading.Lock()


def breaker_for(name, seconds):
    """The process-wide breaker of one Redis location (Django makes a cache object per thread)."""
    with _breakers_lock:
        if name not in _breakers:
            _breakers[name] = Breaker(name, seconds)
        return _breakers[name]


class ResilientRedisCache(RedisCache):
    """Django's RedisCache that skips Redis for a few seconds after a failure (see module doc)."""

    def __init__(self, server, params):
        options = dict(params.get("OPTIONS") or {})
        seconds = float(options.pop("breaker_seconds", 5))
        self.local_prefixes = tuple(options.pop("local_prefixes", LOCAL_PREFIXES))
        self.versioned_prefixes = tuple(options.pop("versioned_prefixes", ("page:", "frag:")))
        super().__init__(server, {**params, "OPTIONS": options})
        self.breaker = breaker_for(f"{','.join(self._servers)} ({self.key_prefix})", seconds)
        # LocMemCache instances with one name share their storage within the process.
        self.local = LocMemCache(f"redis-fallback:{self.breaker.name}", {
            "KEY_PREFIX": self.key_prefix, "VERSION": self.version,
            "OPTIONS": {"MAX_ENTRIES": LOCAL_MAX_ENTRIES},
        })

    def _run(self, op, keys, write, miss, version=None, deleting=False):
        """`op(cache)` against Redis if the breaker allows, else the local fallback or `miss`.

        A write that misses Redis is remembered for replay, except to versioned and local keys
        (never read again from Redis, or counters that expire); a delete always is: a versioned
        key that is deleted (a page's build lock) is asked for again under the same version.
        """
        if self.breaker.allow():
            try:
                if self.breaker.missed:
                    self._replay_missed()
                result = op(super())
            except RedisError as exc:
                self.breaker.trip(exc)
            else:
                self.breaker.close()
                return result
        keys = list(keys)
        handled_here = self.local_prefixes + self.versioned_prefixes
        if write:
            self.breaker.remember(
                self.make_key(k, version=version) for k in keys
                if deleting or not k.startswith(handled_here)
            )
        if keys and all(k.startswith(handled_here) for k in keys):
            return op(self.local)
        return miss

    def _replay_missed(self):
        """Delete what was written (or deleted) while Redis was unreachable; raises if it still is."""
        keys = self.breaker.take_missed()
        if not keys:
            return
        try:
            self._cache.delete_many(list(keys))
        except RedisError:
            self.breaker.remember(keys)
            raise
        logger.info("Redis %s: %d keys written during the outage deleted.", self.breaker.name, len(keys))

    def get(self, key, default=None, version=None):
        return self._run(lambda c: c.get(key, default, version), [key], False, default)

    def get_many(self, keys, version=None):
        keys = list(keys)
        return self._run(lambda c: c.get_many(keys, version), keys, False, {})

    def has_key(self, key, version=None):
        return self._run(lambda c: c.has_key(key, version), [key], False, False)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._run(lambda c: c.set(key, value, timeout, version), [key], True, None, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._run(lambda c: c.set_many(data, timeout, version), data, True, list(data), version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._run(lambda c: c.add(key, value, timeout, version), [key], True, False, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._run(lambda c: c.touch(key, timeout, version), [key], True, False, version)

    def incr(self, key, delta=1, version=None):
        # Outside the local prefixes, a counter that cannot be read starts again from `delta`.
        return self._run(lambda c: c.incr(key, delta, version), [key], True, delta, version)

    def delete(self, key, version=None):
        return self._run(lambda c: c.delete(key, version), [key], True, False, version, True)

    def delete_many(self, keys, version=None):
        keys = list(keys)
        return self._run(lambda c: c.delete_many(keys, version), keys, True, None, version, True)

    def clear(self):
        self.local.clear()
        return self._run(lambda c: c.clear(), [], False, False)
