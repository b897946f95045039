"""Editors (Biên tập viên) keep their site's work schedule; the other roles do not touch it."""

from django.db import migrations

from sites.role_grants import role_grants

ROLES = ("Biên tập viên",)
CODES = [f"{action}_scheduleentry" for action in ("view", "add", "change", "delete")]


grant, revoke = role_grants("schedule", ROLES, CODES)


class Migration(migrations.Migration):
    dependencies = [
        ("schedule", "0001_initial"),
        ("articles", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
