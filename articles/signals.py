"""Keep cached pages and search text honest when content changes."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from . import cache
from .models import Article, ArticleAuthor, ArticleImage, Author, Category, Event

CONTENT_MODELS = (Article, ArticleAuthor, ArticleImage, Author, Category, Event)


@receiver(post_save)
@receiver(post_delete)
def invalidate_pages(sender, **kwargs):
    if sender in CONTENT_MODELS and not kwargs.get("raw"):
        cache.bump_on_change()


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
