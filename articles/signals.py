"""Keep cached pages honest: any change to what a site's pages show moves its content version."""

from datetime import datetime, timezone as dt_timezone

from django.db import transaction
from django.db.models import Min
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from sites.models import Site
from sites.signals import next_due

from .models import Article, ArticleAuthor, ArticleImage, Author, Category, Event


def affected_sites(instance):
    """Ids of the sites whose pages show `instance`: its own, and its province's portal when
    the article was offered there ("Tin cơ sở")."""
    if isinstance(instance, (ArticleAuthor, ArticleImage)):
        rows = Article._default_manager.filter(pk=instance.article_id).values_list(
            "site_id", "portal_status", "site__parent_id"
        )
    elif isinstance(instance, Article):
        rows = [(instance.site_id, instance.portal_status, None)]
    else:
        return [instance.site_id]
    ids = []
    for site_id, portal_status, parent_id in rows:
        ids.append(site_id)
        if portal_status:
            if parent_id is None:
                parent_id = Site.objects.filter(pk=site_id).values_list("parent_id", flat=True).first()
            ids.append(parent_id)
    return ids


@receiver(post_save)
@receiver(post_delete)
def invalidate_pages(sender, instance, **kwargs):
    # The concrete model: a proxy (the portal's OfferedArticle) saves an article too.
    model = sender._meta.concrete_model
    if kwargs.get("raw") or model not in (Article, ArticleAuthor, ArticleImage, Author, Category, Event):
        return
    due = None
    if model is Article and instance.status == Article.Status.PUBLISHED and instance.publish_at:
        if instance.publish_at > timezone.now() and kwargs.get("signal") is post_save:
            due = instance.publish_at  # the site's pages change again by themselves then
    # In the caller's transaction: readers see the new version together with the new rows.
    Site.objects.bump(affected_sites(instance), due=due)


@receiver(next_due)
def next_scheduled_article(sender, site_id, now, **kwargs):
    """When the site's next scheduled article falls due (see sites.models.current_site)."""
    return (
        Article._default_manager.filter(
            site_id=site_id, status=Article.Status.PUBLISHED,
            publish_at__gt=datetime.fromtimestamp(now, tz=dt_timezone.utc),
        ).aggregate(due=Min("publish_at"))["due"]
    )


@receiver(post_save, sender=Author)
@receiver(post_save, sender=Event)
def refresh_articles_of_renamed(sender, instance, created=False, raw=False, **kwargs):
    """An author's or event's name is part of its articles' search text: re-fold it."""
    if raw or created:
        return
    articles = Article._default_manager.filter(
        **({"authors": instance} if sender is Author else {"event": instance})
    )
    # After commit, outside the editor's save: an author may sign thousands of articles.
    transaction.on_commit(lambda: articles.refresh_derived())
