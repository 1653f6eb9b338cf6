"""Certificates on "My pages", and amounts of the invoice basis as they were rounded."""

from django import template

from revmentor.reports.exports import money_text
from revmentor.reports.queries import certificate_programs as completed_programs

register = template.Library()


@register.simple_tag
def certificate_programs(user):
    return completed_programs(user)


@register.filter
def kr(value, decimals=2) -> str:
    """An already rounded amount with Swedish grouping and ``decimals`` places, never re-rounded."""
    return money_text(value, int(decimals))
