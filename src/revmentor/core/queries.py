"""Which audit entries each person may read: a coordinator reads their own program's trail."""

from django.db.models import Q, QuerySet

from revmentor.core import permissions
from revmentor.core.models import AuditEntry


def audit_entries_visible_to(user, program) -> QuerySet[AuditEntry]:
    """The program's audit trail for its coordinators; nothing for anyone else."""
    if not permissions.is_coordinator(user, program):
        return AuditEntry.objects.none()
    return AuditEntry.objects.filter(program=program).select_related("actor").order_by("-at", "-id")


def program_audit_entries(program, *, action: str) -> QuerySet[AuditEntry]:
    """The program's entries of one action, oldest first: a record to archive, never a source."""
    return AuditEntry.objects.filter(program=program, action=action).order_by("at", "id")


def search_audit_entries(
    entries: QuerySet[AuditEntry], *, action="", person="", start=None, end=None
):
    """Narrow ``entries`` by action, by who acted (name or e-mail) and by a date range."""
    if action:
        entries = entries.filter(action=action)
    if person:
        # Labels are pseudonymous: a name or address is looked up on the account.
        person = person.strip()
        entries = entries.filter(
            Q(actor_label__icontains=person)
            | Q(actor__full_name__icontains=person)
            | Q(actor__email__icontains=person)
        )
    if start:
        entries = entries.filter(at__date__gte=start)
    if end:
        entries = entries.filter(at__date__lte=end)
    return entries
