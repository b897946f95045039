"""Every section, author, event and article belongs to a site; existing ones to the default site.

The site columns are added nullable, filled, then made required. On SQLite the last step
rebuilds articles_article, which drops the search triggers of migration 0003: they are
created again here (tests/test_search_index.py checks that they exist).
"""

import django.db.models.deletion
import sites.models
from django.conf import settings
import importlib

from django.db import migrations, models

SEARCH = importlib.import_module("articles.migrations.0003_article_search")
CONTENT = ("Category", "Author", "Event", "Article")


def move_into_default_site(apps, schema_editor):
    Site = apps.get_model("sites", "Site")
    site = Site.objects.filter(is_default=True).first() or Site.objects.order_by("pk").first()
    if site is None:
        return
    for name in CONTENT:
        apps.get_model("articles", name).objects.filter(site__isnull=True).update(site=site)
        if name != "Category":
            apps.get_model("articles", f"Historical{name}").objects.filter(site__isnull=True).update(site=site)


def recreate_sqlite_search_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for statement in SEARCH.SQLITE_FTS[1:]:  # the triggers and a rebuild, not the table
        schema_editor.execute(statement.replace("CREATE TRIGGER", "CREATE TRIGGER IF NOT EXISTS"))


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0004_article_byline_ids'),
        ('sites', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='article',
            name='article_visible_idx',
        ),
        migrations.AddField(
            model_name='article',
            name='site',
            field=models.ForeignKey(editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='articles', to='sites.site', verbose_name='trang'),
        ),
        migrations.AddField(
            model_name='author',
            name='site',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='authors', to='sites.site', verbose_name='trang'),
        ),
        migrations.AddField(
            model_name='category',
            name='site',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='categories', to='sites.site', verbose_name='trang'),
        ),
        migrations.AddField(
            model_name='event',
            name='site',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='events', to='sites.site', verbose_name='trang'),
        ),
        migrations.AddField(
            model_name='historicalarticle',
            name='site',
            field=models.ForeignKey(blank=True, db_constraint=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='sites.site', verbose_name='trang'),
        ),
        migrations.AddField(
            model_name='historicalauthor',
            name='site',
            field=models.ForeignKey(blank=True, db_constraint=False, default=sites.models.default_site_id, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='sites.site', verbose_name='trang'),
        ),
        migrations.AddField(
            model_name='historicalevent',
            name='site',
            field=models.ForeignKey(blank=True, db_constraint=False, default=sites.models.default_site_id, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='sites.site', verbose_name='trang'),
        ),
        migrations.RunPython(move_into_default_site, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='article',
            name='site',
            field=models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='articles', to='sites.site', verbose_name='trang'),
        ),
        migrations.AlterField(
            model_name='author',
            name='site',
            field=models.ForeignKey(default=sites.models.default_site_id, on_delete=django.db.models.deletion.PROTECT, related_name='authors', to='sites.site', verbose_name='trang'),
        ),
        migrations.AlterField(
            model_name='category',
            name='site',
            field=models.ForeignKey(default=sites.models.default_site_id, on_delete=django.db.models.deletion.PROTECT, related_name='categories', to='sites.site', verbose_name='trang'),
        ),
        migrations.AlterField(
            model_name='event',
            name='site',
            field=models.ForeignKey(default=sites.models.default_site_id, on_delete=django.db.models.deletion.PROTECT, related_name='events', to='sites.site', verbose_name='trang'),
        ),
        migrations.RunPython(recreate_sqlite_search_triggers, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='author',
            name='slug',
            field=models.SlugField(blank=True, max_length=120, verbose_name='đường dẫn'),
        ),
        migrations.AlterField(
            model_name='category',
            name='slug',
            field=models.SlugField(blank=True, max_length=100, verbose_name='đường dẫn'),
        ),
        migrations.AddIndex(
            model_name='article',
            index=models.Index(fields=['site', 'status', 'publish_at'], name='article_visible_idx'),
        ),
        migrations.AddConstraint(
            model_name='author',
            constraint=models.UniqueConstraint(fields=('site', 'slug'), name='author_slug_per_site'),
        ),
        migrations.AddConstraint(
            model_name='category',
            constraint=models.UniqueConstraint(fields=('site', 'slug'), name='category_slug_per_site'),
        ),
    ]
