"""The provincial portal and its commune and ward sites, served by one installation.

Each site has its own host, name, footer facts and newsroom; its content (sections, authors,
events, articles…) carries a `site` foreign key. The site row also holds the site's content
version: every change to what the site's pages show increments it in the same transaction as
the change itself, and cached pages are keyed by it (sites/cache.py). Because the version lives
where the content lives, a failed or paused cache can never bring back a withdrawn page, and
every app server and process sees an edit at once.
"""

import contextvars
import copy
import math
import time
from contextlib import contextmanager
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.db.models import Case, F, Q, Value, When
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


def normalise_host(host):
    """`BenLuc.TayNinh.gov.vn.:8000` → `benluc.tayninh.gov.vn` (no port, no trailing dot)."""
    host = (host or "").strip().lower()
    if host.startswith("["):  # IPv6 literal: [::1]:8000
        return host.split("]", 1)[0] + "]"
    return host.rsplit(":", 1)[0].rstrip(".") if ":" in host else host.rstrip(".")


def _public_address():
    """(scheme, port suffix) of the public addresses, taken from SITE_URL."""
    parts = urlsplit(settings.SITE_URL)
    return parts.scheme or "https", f":{parts.port}" if parts.port else ""


class SiteQuerySet(models.QuerySet):
    def default(self):
        """The site that answers hosts no other site claims (None if every site has a host)."""
        return self.filter(is_default=True).first()

    def bump(self, site_ids, due=None):
        """Invalidate the cached pages of these sites: a new content version.

        Runs in the caller's transaction, so readers see the new version exactly when they
        see the new content. `due`: a scheduled item's publication time; the version changes
        again by itself at that moment (see `current_version`).
        """
        ids = sorted({pk for pk in site_ids if pk})
        if not ids:
            return 0
        pending = _pending_bumps.get()
        if pending is not None:  # inside one_invalidation(): made once, when the block ends
            pending.ids.update(ids)
            if due is not None:
                pending.due = min(due, pending.due or due)
            return len(ids)
        changes = {"content_version": F("content_version") + 1}
        if due is not None:
            due = math.ceil(due.timestamp())
            changes["next_due"] = Case(
                When(Q(next_due__isnull=True) | Q(next_due__gt=due), then=Value(due)),
                default=F("next_due"),
                output_field=models.BigIntegerField(),
            )
        return self.filter(pk__in=ids).update(**changes)


_pending_bumps = contextvars.ContextVar("pending_bumps", default=None)


class _PendingBumps:
    def __init__(self):
        self.ids, self.due, self.cancelled = set(), None, False

    def cancel(self):
        """The block's work is being rolled back: nothing to invalidate."""
        self.cancelled = True


@contextmanager
def one_invalidation():
    """Every `bump` in the block becomes one per site, made as the block ends without error.

    Use it inside the transaction of a save that writes many rows (an article, its byline
    and photos, or a bulk action): readers then see one new version, and the pages of the
    site are rebuilt once. Nested blocks join the outermost one.
    """
    if _pending_bumps.get() is not None:
        yield _pending_bumps.get()
        return
    pending = _PendingBumps()
    token = _pending_bumps.set(pending)
    try:
        yield pending
    finally:
        _pending_bumps.reset(token)
    if not pending.cancelled:
        Site.objects.bump(pending.ids, due=pending.due)


class Site(models.Model):
    class Kind(models.TextChoices):
        PROVINCE = "tinh", _("Cổng thông tin tỉnh")
        COMMUNE = "xa", _("Xã")
        WARD = "phuong", _("Phường")

    name = models.CharField(
        _("tên trang"), max_length=150,
        help_text=_("Ví dụ: Trang thông tin điện tử xã Bến Lức"),
    )
    short_name = models.CharField(_("tên ngắn"), max_length=80, help_text=_("Ví dụ: Bến Lức"))
    slug = models.SlugField(
        _("mã trang"), max_length=60, unique=True,
        help_text=_("Chữ thường không dấu, ví dụ: benluc. Dùng cho địa chỉ <mã>.localhost khi chạy thử."),
    )
    kind = models.CharField(_("cấp"), max_length=10, choices=Kind.choices, default=Kind.COMMUNE)
    parent = models.ForeignKey(
        "self", verbose_name=_("thuộc cổng"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="children", limit_choices_to={"kind": Kind.PROVINCE},
    )
    host = models.CharField(
        _("tên miền"), max_length=253, blank=True,
        help_text=_("Ví dụ: benluc.tayninh.gov.vn. Để trống khi cài đặt chỉ có một trang: "
                    "trang đó trả lời mọi tên miền được phép."),
    )
    aliases = models.CharField(
        _("tên miền khác"), max_length=500, blank=True,
        help_text=_("Các tên miền khác cũng mở trang này, cách nhau bằng dấu cách."),
    )
    is_default = models.BooleanField(
        _("trang mặc định"), default=False,
        help_text=_("Trang nhận nội dung khi không chọn trang nào (chỉ một trang)."),
    )
    tagline = models.CharField(_("dòng giới thiệu"), max_length=150, blank=True)
    logo = models.ImageField(_("biểu trưng"), upload_to="sites/", blank=True)
    agency = models.CharField(_("cơ quan chủ quản"), max_length=200, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=60, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    responsible_person = models.CharField(_("người chịu trách nhiệm"), max_length=120, blank=True)
    responsible_title = models.CharField(_("chức vụ người chịu trách nhiệm"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    # Incremented by every change to what this site's pages show (see the module docstring).
    content_version = models.PositiveBigIntegerField(default=1, editable=False)
    # Unix time (whole seconds, rounded up) when the next scheduled item falls due, if any.
    next_due = models.BigIntegerField(null=True, blank=True, editable=False)
    # Incremented when the site's own fields (name, hosts, footer…) are saved: processes then
    # re-read the row; a content edit alone only moves content_version.
    revision = models.PositiveIntegerField(default=1, editable=False)

    objects = SiteQuerySet.as_manager()

    class Meta:
        verbose_name = _("trang")
        verbose_name_plural = _("các trang (cổng tỉnh, xã, phường)")
        ordering = ["position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["host"], condition=~Q(host=""), name="site_host_once"),
            models.UniqueConstraint(
                fields=["is_default"], condition=Q(is_default=True), name="site_one_default"
            ),
        ]

    def __str__(self):
        return self.short_name or self.name

    @property
    def hosts(self):
        """Every host this site answers on, normalised."""
        names = [self.host, *self.aliases.split()]
        return [h for h in dict.fromkeys(normalise_host(n) for n in names) if h]

    @property
    def base_url(self):
        """`https://benluc.tayninh.gov.vn`: the start of every absolute link to this site.

        Scheme and port are those of SITE_URL; a site without a host (one-site installations)
        uses SITE_URL itself.
        """
        if not self.host:
            return settings.SITE_URL
        scheme, port = _public_address()
        return f"{scheme}://{normalise_host(self.host)}{port}"

    @property
    def domain(self):
        """Host and port, as Django's sitemaps want it (`benluc.tayninh.gov.vn`)."""
        return urlsplit(self.base_url).netloc

    @property
    def is_portal(self):
        return self.kind == self.Kind.PROVINCE

    def absolute(self, path):
        """An absolute URL on this site for a path such as `/ben-luc/…/`."""
        return self.base_url + path

    def get_absolute_url(self):
        return self.absolute(reverse("articles:home"))

    def clean(self):
        super().clean()
        self.host = normalise_host(self.host)
        self.aliases = " ".join(normalise_host(a) for a in self.aliases.split())
        taken = {}
        for other in Site.objects.exclude(pk=self.pk):
            for host in other.hosts:
                taken[host] = other
        clash = next((h for h in self.hosts if h in taken), None)
        if clash:
            raise ValidationError(
                {"aliases" if clash != self.host else "host": _(
                    "Tên miền “%(host)s” đã thuộc trang “%(site)s”."
                ) % {"host": clash, "site": taken[clash]}}
            )
        if self.parent_id and self.parent_id == self.pk:
            raise ValidationError({"parent": _("Một trang không thể thuộc chính nó.")})

    def save(self, *args, **kwargs):
        self.host = normalise_host(self.host)
        self.aliases = " ".join(normalise_host(a) for a in self.aliases.split())
        if self.pk and not kwargs.get("force_insert") and "update_fields" not in kwargs:
            # Never write the version from this (possibly stale) copy: a lower number could
            # bring back pages cached before a newer edit. It is moved in the database instead.
            kwargs["update_fields"] = [
                f.attname for f in self._meta.concrete_fields
                if not f.primary_key and f.attname not in ("content_version", "next_due", "revision")
            ]
            super().save(*args, **kwargs)
            # Name, logo and footer are on every page: a new version refreshes them.
            Site.objects.filter(pk=self.pk).update(
                content_version=F("content_version") + 1, revision=F("revision") + 1
            )
            self.content_version, self.revision = (
                Site.objects.filter(pk=self.pk).values_list("content_version", "revision").first()
            )
            return
        super().save(*args, **kwargs)


# --- Which site a request is for, and its current version ----------------------------
#
# Hosts change rarely: each process keeps the host → site map for HOSTS_SECONDS. The version
# changes with every edit, so it is read from the database on every request: one primary-key
# lookup, which also returns the site row's revision. Other processes (other gunicorn workers,
# other app servers) follow a site change at their next request:
# - a site saved (name, footer, hosts): its revision moved, so the map and rows are re-read;
#   a host moved from one site to another is followed at once, because the site that lost it
#   was saved;
# - a host the map does not know (a new site, a new alias): the map is re-read, at most once
#   every UNKNOWN_HOST_SECONDS per process, so unknown hosts cannot make a query per request;
# - a site deleted: its row is gone, the map is re-read.

HOSTS_SECONDS = 30
UNKNOWN_HOST_SECONDS = 1
_hosts = {"expires": 0.0, "read_at": 0.0, "by_host": {}, "fallback": None}
_rows = {}  # site id → Site, as of its content_version


def forget_sites():
    """Drop this process's copy of the sites (after a site is saved or deleted; in tests)."""
    from .cache import forget_memos

    _hosts["expires"] = 0.0
    _rows.clear()
    forget_memos()


def _host_map():
    """(the host → site map, whether it was just read from the database)."""
    if _hosts["expires"] >= time.monotonic():
        return _hosts, False
    by_host, fallback = {}, None
    rows = {}
    for site in Site.objects.all():
        for host in site.hosts:
            by_host[host] = site.pk
        if site.is_default and not site.host:
            fallback = site.pk
        rows[site.pk] = site
    _rows.clear()
    _rows.update(rows)
    now = time.monotonic()
    _hosts.update(by_host=by_host, fallback=fallback, expires=now + HOSTS_SECONDS, read_at=now)
    return _hosts, True


def _lookup(host):
    """(site id or None, whether the map was just read), re-reading the map for an unknown host."""
    hosts, fresh = _host_map()
    name = normalise_host(host)
    if name not in hosts["by_host"] and not fresh:
        if hosts["read_at"] + UNKNOWN_HOST_SECONDS <= time.monotonic():
            forget_sites()
            hosts, fresh = _host_map()
    return hosts["by_host"].get(name, hosts["fallback"]), fresh


def site_id_for_host(host):
    """The id of the site answering `host`, or None (a host no site claims)."""
    return _lookup(host)[0]


def _version_row(site_id):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT content_version, next_due, revision FROM sites_site WHERE id = %s", [site_id]
        )
        return cursor.fetchone()


def _fall_due(site_id, due):
    """A scheduled item fell due: one request moves the version and finds the next due time."""
    from .signals import next_due

    now = time.time()
    upcoming = [
        value for _receiver, value in next_due.send(sender=Site, site_id=site_id, now=now)
        if value is not None
    ]
    following = math.ceil(min(upcoming).timestamp()) if upcoming else None
    # Only the request that still sees the old due time moves the version.
    Site.objects.filter(pk=site_id, next_due=due).update(
        content_version=F("content_version") + 1, next_due=following
    )


def current_site(host):
    """The Site for `host`, as of its current content version, or None."""
    site_id, fresh = _lookup(host)
    if site_id is None:
        return None
    if fresh and site_id in _rows:  # the map was just read with every site's row
        return _rows[site_id]
    row = _version_row(site_id)
    if row is None:  # deleted since the host map was read
        forget_sites()
        return None
    version, due, revision = row
    if due is not None and due <= time.time():
        _fall_due(site_id, due)
        version, due, revision = _version_row(site_id)
    site = _rows.get(site_id)
    if site is None or site.revision != revision:
        # The site was saved elsewhere (maybe its hosts): re-read every site, then look again.
        forget_sites()
        site_id, _fresh = _lookup(host)
        if site_id is None:
            return None
        return _rows.get(site_id) or Site.objects.filter(pk=site_id).first()
    if site.content_version != version:
        # Only the content moved: a copy with the new version (the old copy may be in use
        # by another thread's request).
        site = copy.copy(site)
        site.content_version, site.next_due = version, due
        _rows[site_id] = site
    return site


def default_site_id():
    """The default site's id: where content lands when no site is chosen (one-site installs)."""
    site = Site.objects.default()
    return site.pk if site else None


class Membership(models.Model):
    """A staff account's role on one site (see sites/permissions.py)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("tài khoản"), on_delete=models.CASCADE,
        related_name="memberships",
    )
    site = models.ForeignKey(Site, verbose_name=_("trang"), on_delete=models.CASCADE, related_name="memberships")
    role = models.ForeignKey(
        "auth.Group", verbose_name=_("vai trò"), on_delete=models.PROTECT, related_name="memberships",
    )

    class Meta:
        verbose_name = _("vai trò trên trang")
        verbose_name_plural = _("vai trò trên các trang")
        ordering = ["site", "role"]
        constraints = [
            models.UniqueConstraint(fields=["user", "site", "role"], name="membership_once"),
        ]

    def __str__(self):
        return f"{self.role} – {self.site}"
