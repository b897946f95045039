"""The "Trả lời hỏi đáp" role, and the questions queue for it and for editors.

Answerers may view and change questions (assign, answer, publish) and nothing else: they hold
no article or comment permissions, so the questions queue is all their admin shows. Editors
get the same, as they run the whole site. Like every role, it is held per site (a Membership).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ANSWERER = "Trả lời hỏi đáp"
ROLES = (ANSWERER, "Biên tập viên")
CODES = ["view_question", "change_question"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("questions")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="questions", codename__in=CODES)
    for name in ROLES:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="questions", codename__in=CODES)
    for group in Group.objects.filter(name__in=ROLES):
        group.permissions.remove(*permissions)
    Group.objects.filter(name=ANSWERER, memberships__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("questions", "0001_initial"),
        ("articles", "0002_roles"),
        ("sites", "0002_membership"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
