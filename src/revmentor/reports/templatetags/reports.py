"""Certificates on "My pages": the programs the signed-in person completed."""

from django import template

from revmentor.reports.queries import certificate_programs as completed_programs

register = template.Library()


@register.simple_tag
def certificate_programs(user):
    return completed_programs(user)
