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

        from revmentor.applications.services import notify_deadline_change
        from revmentor.programs.signals import deadline_changed

        def _on_deadline_changed(sender, *, program, change, **kwargs) -> None:
            notify_deadline_change(program=program, change=change)

        deadline_changed.connect(
            _on_deadline_changed, dispatch_uid="applications.notify_deadline_change", weak=False
        )
