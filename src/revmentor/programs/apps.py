from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgramsConfig(AppConfig):
    name = "revmentor.programs"
    label = "programs"
    verbose_name = _("Programs")

    def ready(self) -> None:
        from revmentor.privacy import registry
        from revmentor.programs.privacy import ProgramsProvider

        registry.register(ProgramsProvider())

        from revmentor.programs import signals

        signals.connect()
