"""Page views counted in the cache and flushed to the database in batches.

A view is one atomic `incr` of the page's counter for the day in the shared cache (Redis in
production), so the beacon costs no database write. The counter is moved to `PageViews`
(one UPDATE … views = views + n) when it reaches FLUSH_EVERY views, or on the first view after
FLUSH_SECONDS since the page's last flush; yesterday's leftovers are flushed by the first
view of the new day. No cron job is needed; `manage.py flush_page_views` flushes everything
at once (before a report, or at shutdown).

Every page first seen on a day is appended to that day's index in the cache (a counter and
numbered keys), which is how a full flush finds the counters without scanning the cache.
Without Redis the default cache is a file cache shared by the processes of one machine,
whose `incr` is not atomic: a few views may be lost under heavy load there.
"""

import hashlib
import logging
from datetime import timedelta

from django.conf import settings
from django.core.cache import caches
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .models import PageViews
from .pages import Page

logger = logging.getLogger(__name__)

KEEP_SECONDS = 3 * 24 * 3600  # counters and index entries outlive their day by two days
LOCK_SECONDS = 30


def conf(name):
    return settings.READERSHIP[name]


def _cache():
    return caches["default"]


def _incr(cache, key):
    try:
        return cache.incr(key)
    except ValueError:  # missing (first view, or expired)
        if cache.add(key, 1, KEEP_SECONDS):
            return 1
        return cache.incr(key)


def _base(site_id, day, path):
    digest = hashlib.sha256(path.encode()).hexdigest()[:32]
    return f"pv:{day:%Y%m%d}:{site_id}:{digest}"


def count_view(site_id, page: Page, day=None):
    """Count one view of `page` on the site; flush it (or yesterday) when due."""
    cache = _cache()
    day = day or timezone.localdate()
    base = _base(site_id, day, page.path)
    pending = _incr(cache, base + ":n")
    if cache.add(base + ":seen", 1, KEEP_SECONDS):
        slot = _incr(cache, f"pv:{day:%Y%m%d}:index")
        cache.set(f"pv:{day:%Y%m%d}:index:{slot}", (site_id, page.path, page.section, page.article_id),
                  KEEP_SECONDS)
    if pending >= conf("FLUSH_EVERY") or cache.add(base + ":gate", 1, conf("FLUSH_SECONDS")):
        flush_page(site_id, page, day)
    if cache.add(f"pv:{day:%Y%m%d}:swept", 1, KEEP_SECONDS):
        flush_day(day - timedelta(days=1))


def flush_page(site_id, page: Page, day):
    """Move the page's counted views of `day` to the database; returns how many."""
    cache = _cache()
    base = _base(site_id, day, page.path)
    if not cache.add(base + ":lock", 1, LOCK_SECONDS):
        return 0  # another request is flushing this page
    try:
        pending = cache.get(base + ":n") or 0
        if pending <= 0:
            return 0
        # decr is atomic: views counted meanwhile stay in the counter for the next flush.
        cache.decr(base + ":n", pending)
        try:
            record(site_id, page, day, pending)
        except Exception:
            cache.incr(base + ":n", pending)  # give them back; the next flush retries
            logger.exception("Could not record page views")
            return 0
        return pending
    finally:
        cache.delete(base + ":lock")


def record(site_id, page: Page, day, views):
    """Add `views` to the page's row for the day (created on its first flush)."""
    rows = PageViews.objects.filter(site_id=site_id, day=day, path=page.path)
    if rows.update(views=F("views") + views):
        return
    article_id = page.article_id
    if article_id is not None:
        from articles.models import Article

        # Only the site's own article (a stale or forged id counts as a plain page).
        if not Article.objects.filter(pk=article_id, site_id=site_id).exists():
            article_id = None
    try:
        with transaction.atomic():
            PageViews.objects.create(
                site_id=site_id, day=day, path=page.path, section=page.section[:200],
                article_id=article_id, views=views,
            )
    except IntegrityError:  # created meanwhile by another server
        rows.update(views=F("views") + views)


def flush_day(day):
    """Flush every page counted on `day`; returns the number of views moved."""
    cache = _cache()
    prefix = f"pv:{day:%Y%m%d}:index"
    last = cache.get(prefix) or 0
    moved = 0
    for start in range(1, last + 1, 500):
        keys = [f"{prefix}:{n}" for n in range(start, min(start + 500, last + 1))]
        for entry in cache.get_many(keys).values():
            site_id, path, section, article_id = entry
            moved += flush_page(site_id, Page(path, section, article_id), day)
    return moved
