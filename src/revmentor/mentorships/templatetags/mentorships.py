"""The "My program" section of the start page: a link per program where the person is in a pair."""

from django import template
from django.db.models import Q

from revmentor.mentorships.models import Mentorship
from revmentor.mentorships.queries import CURRENT
from revmentor.programs.models import Program

register = template.Library()


@register.inclusion_tag("mentorships/_my_program_section.html")
def my_program_section(user):
    if not getattr(user, "is_authenticated", False):
        return {"programs": []}
    in_pair = Mentorship.objects.filter(CURRENT).filter(
        Q(mentor__applicant=user) | Q(adept__applicant=user)
    )
    programs = Program.objects.filter(pk__in=in_pair.values("program_id")).order_by("-period_start")
    return {"programs": list(programs)}
