from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("Văn bản")

    def ready(self):
        from articles.sitemaps import SITEMAPS

        from . import signals  # noqa: F401
        from .sitemaps import DocumentSitemap

        SITEMAPS.setdefault("van-ban", DocumentSitemap)
