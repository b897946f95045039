"""Data migrations that give the newsroom's roles (groups) an app's permissions.

Each app with its own models grants its roles their permissions in a migration:

    grant, revoke = role_grants("documents", ("Biên tập viên",), ["view_document", …])
    operations = [migrations.RunPython(grant, revoke)]

The permissions are created first (Django only creates them after all migrations
have run), and the groups are created if missing. Roles are held per site through
`sites.Membership`.
"""

from django.contrib.auth.management import create_permissions


def role_grants(app_label, roles, codes):
    """(grant, revoke) functions for RunPython: `roles` get `codes` of `app_label`, and lose them."""

    def _permissions(apps):
        Permission = apps.get_model("auth", "Permission")
        return Permission.objects.filter(content_type__app_label=app_label, codename__in=codes)

    def grant(apps, schema_editor):
        app_config = apps.get_app_config(app_label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
        Group = apps.get_model("auth", "Group")
        permissions = _permissions(apps)
        for name in roles:
            group, _ = Group.objects.get_or_create(name=name)
            group.permissions.add(*permissions)

    def revoke(apps, schema_editor):
        Group = apps.get_model("auth", "Group")
        permissions = _permissions(apps)
        for group in Group.objects.filter(name__in=roles):
            group.permissions.remove(*permissions)

    return grant, revoke
