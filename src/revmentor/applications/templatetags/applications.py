"""Template helpers of the applications app, for pages owned by other apps (the start page)."""

from django import template

from revmentor.applications.models import Application

register = template.Library()


@register.simple_tag
def my_applications(user) -> list[Application]:
    """The signed-in person's own applications, newest program first."""
    if not getattr(user, "is_authenticated", False):
        return []
    return list(
        Application.objects.filter(applicant=user)
        .select_related("program")
        .order_by("-program__period_start")
    )
