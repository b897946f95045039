"""Keep cached pages honest: any change to what pages show bumps the content version."""

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


@receiver(post_save, sender=ArticleAuthor)
@receiver(post_delete, sender=ArticleAuthor)
def refresh_article_search_text(sender, instance, **kwargs):
    if kwargs.get("raw"):
        return
    article = Article._default_manager.filter(pk=instance.article_id).first()
    if article is not None:
        article.refresh_search_text()
        article.record_byline()


@receiver(post_save, sender=Author)
@receiver(post_save, sender=Event)
def refresh_search_text_of_related_articles(sender, instance, created=False, raw=False, **kwargs):
    """An author's or event's name is part of its articles' search text: re-fold it."""
    if raw or created:
        return
    articles = Article._default_manager.filter(
        **({"authors": instance} if sender is Author else {"event": instance})
    )

    def refresh():
        for article in articles.iterator():
            article.refresh_search_text()

    # After commit, and outside the editor's save: an author may sign thousands of articles.
    transaction.on_commit(refresh)
