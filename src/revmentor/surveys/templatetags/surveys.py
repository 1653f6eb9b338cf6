"""Surveys on "My pages": the open surveys the signed-in person has not answered yet."""

from django import template

from revmentor.surveys import queries

register = template.Library()


@register.simple_tag
def surveys_to_answer(user):
    return queries.surveys_to_answer(user)
