from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    name = "consultations"
    verbose_name = _("Dự thảo lấy ý kiến")

    def ready(self):
        from articles.sitemaps import SITEMAPS

        from . import signals  # noqa: F401
        from .sitemaps import DraftSitemap

        SITEMAPS.setdefault("du-thao", DraftSitemap)
