"""The admin index as each role's to-do list."""

from django import template
from django.utils import timezone

from articles.models import Article
from desk.models import EditSession

register = template.Library()

RECENT = 8


@register.simple_tag
def desk_dashboard(user):
    """What waits for `user`: submissions and schedules (editors), their own articles (reporters)."""
    now = timezone.now()
    board = {}
    articles = Article.objects.only("pk", "title", "status", "publish_at", "updated_at")
    if user.has_perm("articles.publish_article"):
        review = articles.filter(status=Article.Status.REVIEW)
        scheduled = articles.filter(status=Article.Status.PUBLISHED, publish_at__gt=now)
        board["editor"] = {
            "review_count": review.count(),
            "review": list(review.order_by("updated_at", "pk")[:RECENT]),
            "scheduled_count": scheduled.count(),
            "scheduled": list(scheduled.order_by("publish_at", "pk")[:RECENT]),
            "recent": list(articles.published(now).newest_first()[:RECENT]),
        }
    elif user.has_perm("articles.add_article"):
        mine = articles.written_by(user).order_by("-updated_at", "-pk")
        board["reporter"] = {
            "mine": list(mine[:RECENT * 2]),
            "unsaved": EditSession.objects.filter(user=user, article__isnull=True).exclude(form_data=None).first(),
        }
    return board
