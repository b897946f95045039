"""Sites (managed by the province's administrators) and the per-site scoping of content admins."""

from django.contrib import admin
from django.contrib.auth import get_permission_codename, get_user_model
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from .models import Membership, Site
from .permissions import site_id_of, site_ids

User = get_user_model()


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["user"]
    verbose_name_plural = _("Cán bộ và vai trò trên trang này")


@admin.register(Site)
class SiteAdmin(admin.ModelAdmin):
    inlines = [MembershipInline]
    list_display = ["name", "kind", "host", "parent", "is_default"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name", "host", "aliases"]
    prepopulated_fields = {"slug": ["short_name"]}
    fieldsets = [
        (None, {"fields": ["name", "short_name", "slug", "kind", "parent", "position"]}),
        (_("Địa chỉ"), {"fields": ["host", "aliases", "is_default"]}),
        (_("Đầu trang và chân trang"), {"fields": [
            "tagline", "logo", "agency", "address", "phone", "email",
            "responsible_person", "responsible_title",
        ]}),
    ]

    # Province administrators only: a commune's staff never edits sites.
    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_add_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser


class SiteChoicesMixin:
    """Foreign-key choices limited to the user's sites (for ModelAdmins and inlines)."""

    def user_site_ids(self, request, perm=None):
        """The user's site ids (None: every site), computed once per request."""
        cache = request.__dict__.setdefault("_site_ids", {})
        if perm not in cache:
            cache[perm] = site_ids(request.user, perm)
        return cache[perm]

    def site_choices(self, request, action="add"):
        """The sites where the user may `action` this kind of content."""
        perm = f"{self.opts.app_label}.{get_permission_codename(action, self.opts)}"
        ids = self.user_site_ids(request, perm)
        return Site.objects.all() if ids is None else Site.objects.filter(pk__in=ids)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        related = db_field.related_model
        if related is Site:
            choices = kwargs.setdefault("queryset", self.site_choices(request))
            if "initial" not in kwargs and len(choices) == 1:
                kwargs["initial"] = choices[0].pk
        elif "queryset" not in kwargs and any(f.name == "site" for f in related._meta.get_fields()):
            ids = self.user_site_ids(request)
            if ids is not None:
                kwargs["queryset"] = related._default_manager.filter(site__in=ids)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class SiteScopedAdmin(SiteChoicesMixin, admin.ModelAdmin):
    """Admin for content that belongs to a site: each person sees and changes only the content
    of the sites where they hold a role; province administrators (superusers) see everything.

    Enforced on the server: the change list and every object view go through
    `get_queryset` (another site's object is a 404), object permissions are asked for the
    object's own site, and foreign-key choices (site, section, event, author…) offer only the
    user's sites, so a crafted POST naming another site's row is an invalid choice.
    """

    # Lookup from the model to its Site, e.g. "article__site" for comments.
    site_path = "site"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        ids = self.user_site_ids(request)
        return queryset if ids is None else queryset.filter(**{f"{self.site_path}__in": ids})

    def _object_perm(self, request, action, obj):
        perm = f"{self.opts.app_label}.{get_permission_codename(action, self.opts)}"
        return request.user.has_perm(perm, obj) if obj is not None else request.user.has_perm(perm)

    def has_view_permission(self, request, obj=None):
        return self._object_perm(request, "view", obj) or self._object_perm(request, "change", obj)

    def has_change_permission(self, request, obj=None):
        return self._object_perm(request, "change", obj)

    def has_delete_permission(self, request, obj=None):
        return self._object_perm(request, "delete", obj)

    def save_model(self, request, obj, form, change):
        # Backstop for every path that reaches a save (forms validate the choices already).
        ids = self.user_site_ids(request)
        if ids is not None and site_id_of(obj) not in ids:
            raise PermissionDenied
        super().save_model(request, obj, form, change)


class SiteScopedInline(SiteChoicesMixin, admin.options.InlineModelAdmin):
    """Inline rows whose foreign keys offer only the user's sites' rows (mix in before
    TabularInline/StackedInline)."""


class UserMembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    verbose_name_plural = _("Vai trò trên các trang (phóng viên, biên tập viên, kiểm duyệt…)")


# Staff accounts: the province's administrators give each person roles on sites.
admin.site.unregister(User)


@admin.register(User)
class StaffAdmin(UserAdmin):
    inlines = [*UserAdmin.inlines, UserMembershipInline]
    list_display = ["username", "first_name", "last_name", "email", "is_staff", "site_roles"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("memberships__site", "memberships__role")

    @admin.display(description=_("vai trò"))
    def site_roles(self, obj):
        return "; ".join(str(m) for m in obj.memberships.all()) or "—"
