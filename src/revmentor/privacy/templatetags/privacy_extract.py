"""Rendering a register extract (nested dicts and lists) as a readable page."""

from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()

LABELS = {
    "account": _("Account"),
    "programs": _("Programs"),
    "privacy": _("Privacy"),
    "applications": _("Applications"),
    "email": _("E-mail address"),
    "name": _("Name"),
    "joined": _("Account created"),
    "last_sign_in": _("Last sign-in"),
    "active": _("Active"),
    "has_password": _("Has a password"),
    "authenticator_app_confirmed": _("Authenticator app connected"),
    "roles": _("Roles"),
    "program": _("Program"),
    "role": _("Role"),
    "organisation": _("Organisation"),
    "sign_in_codes_sent": _("Sign-in codes sent"),
    "actions_in_audit_trail": _("Your actions in the audit trail"),
    "at": _("When"),
    "action": _("What"),
    "contact_person_for": _("Contact person for"),
    "phone": _("Phone"),
    "deadline_changes_made": _("Deadline changes you made"),
    "previous_deadline": _("Previous deadline"),
    "new_deadline": _("New deadline"),
    "reason": _("Reason"),
    "changed_at": _("Changed"),
    "erasure_requests": _("Erasure requests"),
    "asked": _("Asked"),
    "status": _("Status"),
    "decided": _("Decided"),
    "reason_for_decision": _("Reason for the decision"),
}


@register.filter
def extract_label(key) -> str:
    return str(LABELS.get(key, str(key).replace("_", " ").capitalize()))


@register.filter
def value_kind(value) -> str:
    if isinstance(value, dict):
        return "dict"
    if isinstance(value, list | tuple):
        return "list"
    if value is None or value == "":
        return "empty"
    if isinstance(value, bool):
        return "bool"
    return "scalar"
