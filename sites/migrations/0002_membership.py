"""Roles per site. Accounts that held a role as a group member get it on the default site."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

ROLES = ("Phóng viên", "Biên tập viên", "Kiểm duyệt")


def roles_become_memberships(apps, schema_editor):
    Site = apps.get_model("sites", "Site")
    Group = apps.get_model("auth", "Group")
    Membership = apps.get_model("sites", "Membership")
    site = Site.objects.filter(is_default=True).first() or Site.objects.order_by("pk").first()
    if site is None:
        return
    for role in Group.objects.filter(name__in=ROLES):
        for user in role.user_set.all():
            Membership.objects.get_or_create(user=user, site=site, role=role)
        # The role now comes from the membership, per site; a group member would hold it
        # on every site.
        role.user_set.clear()


class Migration(migrations.Migration):

    dependencies = [
        ('auth', '0012_alter_user_first_name_max_length'),
        ('sites', '0001_initial'),
        ('articles', '0002_roles'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Membership',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('role', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='memberships', to='auth.group', verbose_name='vai trò')),
                ('site', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='memberships', to='sites.site', verbose_name='trang')),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='memberships', to=settings.AUTH_USER_MODEL, verbose_name='tài khoản')),
            ],
            options={
                'verbose_name': 'vai trò trên trang',
                'verbose_name_plural': 'vai trò trên các trang',
                'ordering': ['site', 'role'],
                'constraints': [models.UniqueConstraint(fields=('user', 'site', 'role'), name='membership_once')],
            },
        ),
        migrations.RunPython(roles_become_memberships, migrations.RunPython.noop),
    ]
