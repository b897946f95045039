"""Editors manage drafts and their files; moderators and editors work the queue of comments
on drafts (view, approve/reject/spam, delete), as they do for article comments."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "Biên tập viên": [
        f"{action}_{model}" for model in ("draft", "draftattachment")
        for action in ("view", "add", "change", "delete")
    ] + ["view_draftcomment", "change_draftcomment", "delete_draftcomment"],
    "Kiểm duyệt": ["view_draftcomment", "change_draftcomment", "delete_draftcomment"],
}


def grant(apps, schema_editor):
    app_config = apps.get_app_config("consultations")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codes in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*Permission.objects.filter(content_type__app_label="consultations", codename__in=codes))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codes in GRANTS.items():
        for group in Group.objects.filter(name=name):
            group.permissions.remove(
                *Permission.objects.filter(content_type__app_label="consultations", codename__in=codes)
            )


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0001_initial"),
        ("articles", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
