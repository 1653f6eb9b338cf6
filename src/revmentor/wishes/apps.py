from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WishesConfig(AppConfig):
    name = "revmentor.wishes"
    label = "wishes"
    verbose_name = _("Wishes")

    def ready(self) -> None:
        from revmentor.privacy import registry
        from revmentor.wishes.privacy import WishesProvider

        registry.register(WishesProvider())
