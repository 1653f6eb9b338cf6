"""Template helpers of the applications app, for pages owned by other apps (the start page)."""

from django import template

from revmentor.applications.models import Application

register = template.Library()


@register.inclusion_tag("applications/_my_applications.html")
def my_applications_section(user) -> dict:
    """The start page's "My applications": the person's own applications, newest first."""
    if not getattr(user, "is_authenticated", False):
        return {"applications": []}
    return {
        "applications": list(
            Application.objects.filter(applicant=user)
            .select_related("program")
            .order_by("-program__period_start")
        )
    }
