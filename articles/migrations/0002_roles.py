"""Create the newsroom roles as groups with their permissions.

Reporter: writes and submits (cannot publish). Editor: everything on content,
including publishing, scheduling, unpublishing and restoring revisions.
Moderator: comments only (comments' own migration grants those permissions).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = {
    "Phóng viên": [
        "articles.view_article", "articles.add_article", "articles.change_article",
        "articles.view_articleauthor", "articles.add_articleauthor",
        "articles.change_articleauthor", "articles.delete_articleauthor",
        "articles.view_articleimage", "articles.add_articleimage",
        "articles.change_articleimage", "articles.delete_articleimage",
        "articles.view_category", "articles.view_author", "articles.view_event",
    ],
    "Biên tập viên": [
        f"articles.{action}_{model}"
        for model in ("article", "articleauthor", "articleimage", "category", "author", "event")
        for action in ("view", "add", "change", "delete")
    ] + ["articles.publish_article"],
    "Kiểm duyệt": [],
}


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codes in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        for code in codes:
            app_label, codename = code.split(".")
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
