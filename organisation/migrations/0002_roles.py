"""Editors (Biên tập viên) keep their site's organisation pages, leaders and contacts."""

from django.db import migrations

from sites.role_grants import role_grants

ROLES = ("Biên tập viên",)
CODES = [
    f"{action}_{model}" for model in ("page", "leader", "department", "profile")
    for action in ("view", "add", "change", "delete")
]


grant, revoke = role_grants("organisation", ROLES, CODES)


class Migration(migrations.Migration):
    dependencies = [
        ("organisation", "0001_initial"),
        ("articles", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
