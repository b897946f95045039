from functools import partial

from django.conf import settings


def site(request):
    """The site being read (`site`) and its section menu, available to every template."""
    from articles.models import Category

    current = getattr(request, "site", None)
    if not current:  # the back office on a host no site claims
        return {"site": None, "nav_categories": ()}
    return {
        "site": current,
        # {% cache fragment_seconds … site.pk site.content_version %} in templates.
        "fragment_seconds": settings.FRAGMENT_CACHE_SECONDS,
        # Not evaluated here: templates call it only where the menu is shown (not in the
        # admin or the comment fragments).
        "nav_categories": partial(Category.objects.menu, current),
    }
