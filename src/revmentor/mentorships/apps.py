from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MentorshipsConfig(AppConfig):
    name = "revmentor.mentorships"
    label = "mentorships"
    verbose_name = _("Mentorships")

    def ready(self) -> None:
        from revmentor.mentorships.privacy import MentorshipsProvider
        from revmentor.privacy import registry

        registry.register(MentorshipsProvider())
