"""The admin index as each role's to-do list."""

from django import template
from django.contrib import admin
from django.utils import timezone

from articles.models import Article
from desk.models import EditSession

register = template.Library()

RECENT = 8


@register.simple_tag
def desk_dashboard(request):
    """What waits for the user: submissions and schedules (editors), their own articles (reporters).

    Through the article admin's get_queryset, so whatever scopes the admin's
    list (a site, say) scopes the dashboard too.
    """
    user = request.user
    now = timezone.now()
    board = {}
    if not user.has_perm("articles.view_article"):
        return board
    articles = admin.site.get_model_admin(Article).get_queryset(request).prefetch_related(None).only(
        "pk", "title", "status", "publish_at", "updated_at"
    )
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
