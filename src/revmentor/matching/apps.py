from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "revmentor.matching"
    label = "matching"
    verbose_name = _("Matching")

    def ready(self) -> None:
        from revmentor.matching.privacy import MatchingProvider
        from revmentor.privacy import registry

        registry.register(MatchingProvider())
