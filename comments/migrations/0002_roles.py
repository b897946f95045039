"""Give the moderator and editor roles the comment queue and its rules.

Both groups may view, change (approve, reject, mark spam) and delete comments,
edit the word, e-mail and IP lists, and reply in the newsroom's name. Moderators
get nothing else: they hold no article permissions (articles.0002_roles).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = ("Kiểm duyệt", "Biên tập viên")
CODES = [
    f"{action}_{model}" for model in ("comment", "moderationrule") for action in ("view", "change", "delete")
] + ["add_moderationrule", "reply_comment"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("comments")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="comments", codename__in=CODES)
    for name in ROLES:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="comments", codename__in=CODES)
    for group in Group.objects.filter(name__in=ROLES):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0001_initial"),
        ("articles", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
