from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApplicationsConfig(AppConfig):
    name = "revmentor.applications"
    label = "applications"
    verbose_name = _("Applications")

    def ready(self) -> None:
        from revmentor.applications.privacy import ApplicationsProvider
        from revmentor.privacy import registry

        registry.register(ApplicationsProvider())
