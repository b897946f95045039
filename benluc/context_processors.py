from django.conf import settings


def site(request):
    """Site name and the section menu, available to every template."""
    from articles.models import Category

    return {
        "SITE_NAME": settings.SITE_NAME,
        "nav_categories": Category.objects.menu(),
    }
