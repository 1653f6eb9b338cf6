from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "revmentor.reports"
    label = "reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        from revmentor.privacy import registry
        from revmentor.reports.privacy import ReportsProvider

        registry.register(ReportsProvider())
