"""Editors (Biên tập viên) manage their site's documents, issuers and sectors; reporters and
moderators do not (the editors-only rule of the portal content, issue 12)."""

from django.db import migrations

from sites.role_grants import role_grants

ROLES = ("Biên tập viên",)
MODELS = ("document", "attachment", "issuer", "sector")
CODES = [f"{action}_{model}" for model in MODELS for action in ("view", "add", "change", "delete")]


grant, revoke = role_grants("documents", ROLES, CODES)


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0001_initial"),
        ("articles", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
