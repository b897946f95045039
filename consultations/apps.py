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

        # Commenters' IP addresses on drafts are erased on the same schedule as on articles.
        from comments.management.commands import purge_comment_ips

        from .models import DraftComment

        if DraftComment not in purge_comment_ips.COMMENT_MODELS:
            purge_comment_ips.COMMENT_MODELS.append(DraftComment)
