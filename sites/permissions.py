"""Staff roles per site: who may do what, and where.

A role is one of the newsroom's groups (Phóng viên, Biên tập viên, Kiểm duyệt…): the group
holds the role's permissions, a `Membership` gives a staff account that role on one site. A
user may be an editor of one commune and a reporter of another. Province administrators are
superusers and may do everything everywhere.

`SiteRoleBackend` answers Django's permission checks from the memberships:
- without an object, "may this user ever do X?" (the admin shows the modules and buttons):
  true if some role of the user, on some site, has the permission;
- with an object that belongs to a site, only the user's roles on that site count.
"""

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission


def site_id_of(obj):
    """The id of the site `obj` belongs to (a Site itself, content with `site_id`, or content
    reached through its article or parent), or None."""
    from .models import Site

    if isinstance(obj, Site):
        return obj.pk
    if hasattr(obj, "owning_site_id"):  # content whose site follows from another field
        return obj.owning_site_id()
    for path in ("site_id", "article", "parent"):
        value = getattr(obj, path, None)
        if value is None:
            continue
        return value if path == "site_id" else site_id_of(value)
    return None


def _role_permissions(user, site_id=None):
    """{site id: {"app.codename", …}} for the user's memberships (cached on the user)."""
    cache = getattr(user, "_site_perm_cache", None)
    if cache is None:
        from .models import Membership

        cache = {}
        rows = Permission.objects.filter(group__memberships__user=user).values_list(
            "group__memberships__site_id", "content_type__app_label", "codename"
        )
        for member_site, app_label, codename in rows:
            cache.setdefault(member_site, set()).add(f"{app_label}.{codename}")
        for member_site in Membership.objects.filter(user=user).values_list("site_id", flat=True):
            cache.setdefault(member_site, set())  # a role without permissions still counts
        user._site_perm_cache = cache
    return cache


class SiteRoleBackend(ModelBackend):
    """ModelBackend plus the permissions of the user's roles, per site."""

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous:
            return set()
        if obj is None:
            roles = set().union(*_role_permissions(user_obj).values())
            return super().get_all_permissions(user_obj) | roles
        site_id = site_id_of(obj)
        if site_id is None:
            return set()
        return set(_role_permissions(user_obj).get(site_id, ()))


def site_ids(user, perm=None):
    """Ids of the sites where `user` has a role (with `perm`, if given); None means all sites."""
    if user.is_superuser:
        return None
    if not user.is_active:
        return set()
    return {
        site_id for site_id, perms in _role_permissions(user).items()
        if perm is None or perm in perms
    }


def has_site_perm(user, perm, site):
    """May `user` do `perm` on `site` (a Site or its id)?"""
    if user.is_active and user.is_superuser:
        return True
    site_id = getattr(site, "pk", site)
    return perm in _role_permissions(user).get(site_id, ()) if user.is_active else False
