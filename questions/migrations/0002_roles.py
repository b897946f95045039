"""The "Trả lời hỏi đáp" role, and the questions queue for it and for editors.

Answerers may view and change questions (assign, answer, publish) and nothing else: they hold
no article or comment permissions, so the questions queue is all their admin shows. Editors
get the same, as they run the whole site. Like every role, it is held per site (a Membership).
"""

from django.db import migrations

from sites.role_grants import role_grants

ANSWERER = "Trả lời hỏi đáp"
ROLES = (ANSWERER, "Biên tập viên")
CODES = ["view_question", "change_question"]


grant, _revoke = role_grants("questions", ROLES, CODES)


def revoke(apps, schema_editor):
    _revoke(apps, schema_editor)
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name=ANSWERER, memberships__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("questions", "0001_initial"),
        ("articles", "0002_roles"),
        ("sites", "0002_membership"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
