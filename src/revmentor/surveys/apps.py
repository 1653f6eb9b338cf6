from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "revmentor.surveys"
    label = "surveys"
    verbose_name = _("Surveys")

    def ready(self) -> None:
        from revmentor.privacy import registry
        from revmentor.surveys.privacy import SurveysProvider

        registry.register(SurveysProvider())
