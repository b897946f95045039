from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SitesConfig(AppConfig):
    name = "sites"
    verbose_name = _("Trang thành viên")

    def ready(self):
        from . import signals  # noqa: F401
