"""Writing the audit trail. Entries are only ever added; the app has no way to edit them."""

from datetime import UTC, datetime
from typing import Any

from django.db import models

from revmentor.core.models import AuditEntry


def record(
    *,
    actor: Any,
    action: str,
    program: Any = None,
    target: models.Model | None = None,
    summary: str = "",
    before: dict | None = None,
    after: dict | None = None,
) -> AuditEntry:
    """Add one audit entry for a business change; call it inside the change's transaction."""
    is_person = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEntry.objects.create(
        actor=actor if is_person else None,
        actor_label=(actor.email if is_person else str(actor or "system"))[:254],
        program=program,
        action=action,
        object_type=target._meta.label if target is not None else "",
        object_id=str(target.pk) if target is not None else "",
        summary=summary[:500],
        before=jsonable(before or {}),
        after=jsonable(after or {}),
    )


def jsonable(values: dict) -> dict:
    """Dates, decimals and model instances become strings so any value can be stored."""
    out: dict[str, Any] = {}
    for key, value in values.items():
        if value is None or isinstance(value, bool | int | float | str):
            out[key] = value
        elif isinstance(value, list | tuple):
            out[key] = [v if isinstance(v, bool | int | float | str) else str(v) for v in value]
        elif isinstance(value, datetime):
            out[key] = value.astimezone(UTC).isoformat()
        else:
            out[key] = value.isoformat() if hasattr(value, "isoformat") else str(value)
    return out
