"""Editors see their sites' page views and ratings (the report); nobody edits them."""

from django.db import migrations

from sites.role_grants import role_grants

ROLES = ("Biên tập viên",)
CODES = ["view_pageviews", "view_rating"]


grant, revoke = role_grants("readership", ROLES, CODES)


class Migration(migrations.Migration):
    dependencies = [
        ("readership", "0001_initial"),
        ("articles", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
