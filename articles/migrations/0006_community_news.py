"""Commune articles offered to the province's portal ("Tin cơ sở").

Adding a column with a default makes SQLite rebuild articles_article, which drops the search
triggers: they are created again at the end (as in 0005).
"""

import django.db.models.deletion
from django.conf import settings
import importlib

from django.db import migrations, models

SITES = importlib.import_module("articles.migrations.0005_site")


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0005_site'),
        ('sites', '0002_membership'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='OfferedArticle',
            fields=[
            ],
            options={
                'verbose_name': 'tin cơ sở đề xuất',
                'verbose_name_plural': 'tin cơ sở đề xuất lên cổng tỉnh',
                'proxy': True,
                'indexes': [],
                'constraints': [],
            },
            bases=('articles.article',),
        ),
        migrations.AddField(
            model_name='article',
            name='portal_decided_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='cổng tỉnh quyết định lúc'),
        ),
        migrations.AddField(
            model_name='article',
            name='portal_decided_by',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='cổng tỉnh quyết định bởi'),
        ),
        migrations.AddField(
            model_name='article',
            name='portal_status',
            field=models.CharField(blank=True, choices=[('', 'Không đề xuất'), ('offered', 'Đã đề xuất lên cổng tỉnh'), ('accepted', 'Cổng tỉnh đã đăng'), ('declined', 'Cổng tỉnh không nhận')], default='', editable=False, max_length=10, verbose_name='tin cơ sở'),
        ),
        migrations.AddField(
            model_name='historicalarticle',
            name='portal_decided_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='cổng tỉnh quyết định lúc'),
        ),
        migrations.AddField(
            model_name='historicalarticle',
            name='portal_decided_by',
            field=models.ForeignKey(blank=True, db_constraint=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='cổng tỉnh quyết định bởi'),
        ),
        migrations.AddField(
            model_name='historicalarticle',
            name='portal_status',
            field=models.CharField(blank=True, choices=[('', 'Không đề xuất'), ('offered', 'Đã đề xuất lên cổng tỉnh'), ('accepted', 'Cổng tỉnh đã đăng'), ('declined', 'Cổng tỉnh không nhận')], default='', editable=False, max_length=10, verbose_name='tin cơ sở'),
        ),
        migrations.AddIndex(
            model_name='article',
            index=models.Index(condition=models.Q(('portal_status', 'accepted')), fields=['portal_status', 'publish_at'], name='article_community_idx'),
        ),
        migrations.RunPython(SITES.recreate_sqlite_search_triggers, migrations.RunPython.noop),
    ]
