from django.conf import settings


def site(request):
    """Site name and the section menu, available to every template."""
    from articles.models import Category

    return {
        "SITE_NAME": settings.SITE_NAME,
        # The method, not its result: templates call it only where the menu is shown
        # (not in the admin or the comment fragments).
        "nav_categories": Category.objects.menu,
    }
