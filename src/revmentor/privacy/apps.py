from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "revmentor.privacy"
    label = "privacy"
    verbose_name = _("Privacy")

    def ready(self) -> None:
        from revmentor.privacy import registry
        from revmentor.privacy.privacy import PrivacyProvider

        registry.register(PrivacyProvider())
