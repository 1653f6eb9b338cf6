"""Certificates on "My pages": the programs the signed-in person completed."""

from django import template

from revmentor.reports.views import my_certificate_programs

register = template.Library()


@register.simple_tag
def certificate_programs(user):
    return my_certificate_programs(user)
