"""Template helpers shared by every app: the error summary and small formatting."""

from decimal import Decimal

from django import template
from django.template.defaultfilters import linebreaks_filter
from django.utils.formats import number_format
from django.utils.html import conditional_escape, format_html
from django.utils.translation import get_language

from revmentor.core.texts import in_language

register = template.Library()


def _errors_of(form) -> list[tuple[str, str]]:
    """(anchor, message) for each error of a form or formset, in field order."""
    found: list[tuple[str, str]] = []
    if form is None:
        return found
    if hasattr(form, "forms"):  # a formset
        found += [("", str(e)) for e in form.non_form_errors()]
        for sub in form.forms:
            found += _errors_of(sub)
        return found
    found += [("", str(e)) for e in form.non_field_errors()]
    for name, errors in form.errors.items():
        if name == "__all__":
            continue
        field = form.fields.get(name)
        anchor = form[name].auto_id if field is not None and not field.widget.is_hidden else ""
        label = str(field.label) if field is not None and field.label else name
        found += [(anchor, f"{label}: {e}") for e in errors]
    return found


@register.inclusion_tag("core/forms/error_summary.html")
def error_summary(*forms):
    errors = []
    for form in forms:
        errors += _errors_of(form)
    return {"errors": errors}


@register.filter
def sek(value) -> str:
    """A Decimal amount in whole kronor with Swedish grouping, e.g. 5 000 kr."""
    if value in (None, ""):
        return ""
    amount = Decimal(value).quantize(Decimal("1"))
    return f"{number_format(amount, 0, force_grouping=True)} kr"


@register.filter
def label(value, labels: dict) -> str:
    """The label of a choice from a map built once per page: ``{{ row.status|label:status_labels }}``.

    ``get_FOO_display`` rebuilds the field's choices on every call; on a long list that cost
    dominated the page.
    """
    return labels.get(value, value)


@register.filter
def hours(value) -> str:
    if value in (None, ""):
        return ""
    return number_format(Decimal(value).normalize(), force_grouping=True)


def _versions(obj, field: str) -> tuple[str, str]:
    """(text, lang) of a coordinator's text for the page's language; lang is "sv" on fallback."""
    language = get_language() or "sv"
    text = in_language(obj, field, language)
    if not language.startswith("en") or text == str(getattr(obj, f"{field}_en", "") or ""):
        return text, ""
    return text, "sv" if text else ""


@register.simple_tag
def localized(obj, field: str, block: bool = False) -> str:
    """A coordinator's text in the page's language; the Swedish one, marked lang="sv", if no English.

    ``block`` renders paragraphs (``linebreaks``) in a div, otherwise a span of inline text.
    """
    text, lang = _versions(obj, field)
    if not text:
        return ""
    # The linebreaks filter escapes the text itself before adding the paragraph tags.
    body = linebreaks_filter(text, autoescape=True) if block else conditional_escape(text)
    if lang:
        tag = "div" if block else "span"
        return format_html('<{} lang="{}">{}</{}>', tag, lang, body, tag)
    return body


@register.simple_tag
def localized_value(obj, field: str) -> str:
    """The plain text of ``localized`` (for titles and lists); see ``localized_lang``."""
    return _versions(obj, field)[0]


@register.simple_tag
def localized_lang(obj, field: str) -> str:
    """ "sv" when ``localized_value`` fell back to Swedish on an English page, else ""."""
    return _versions(obj, field)[1]


@register.simple_tag(takes_context=True)
def language_link(context, language: str) -> str:
    """This page's address with ``?lang=``: a plain link that switches the language."""
    request = context.get("request")
    if request is None:
        return f"/?lang={language}"
    query = request.GET.copy()
    query["lang"] = language
    return f"{request.path}?{query.urlencode()}"
