"""Template tags that put the participants' wishes on other apps' pages by one line."""

from django import template
from django.utils.translation import gettext as _

from revmentor.wishes import queries

register = template.Library()


@register.inclusion_tag("wishes/_proposal_figures.html")
def proposal_wishes(proposal) -> dict:
    """Honoured wishes, blocking pairs and the cost of stability of one proposal."""
    figures = queries.proposal_wish_figures(proposal)
    if figures is None:
        return {"wish_figures": None}
    sides = []
    for label, key in ((_("Adepts"), "adepts"), (_("Mentors"), "mentors")):
        side = figures[key]
        sides.append(
            (
                label,
                {
                    "with_wishes": side["with_wishes"],
                    "ranks": list(zip(side["by_rank"], side["shares"], strict=True)),
                    "not_honoured": side["not_honoured"],
                },
            )
        )
    return {"wish_figures": {**figures, "sides": sides}}


@register.inclusion_tag("wishes/_my_link.html", takes_context=True)
def my_wishes_link(context) -> dict:
    """A link to the ranking page for each open round the signed-in person takes part in."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return {"rankings": list(queries.own_rankings(user)) if user is not None else []}
