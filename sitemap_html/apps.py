from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SitemapHtmlConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "sitemap_html"
    verbose_name = _("Sơ đồ trang")
