from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "revmentor.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from revmentor.core.privacy import AccountProvider
        from revmentor.privacy import registry

        registry.register(AccountProvider())
