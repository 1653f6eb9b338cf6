"""Report actions: who is charged and the cut-off date, travel costs, and the audit entry of every export."""

from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from revmentor.applications.models import Application
from revmentor.core import audit
from revmentor.programs.models import Program
from revmentor.reports.models import CostSettings, TravelCost


class ReportError(Exception):
    """A report action that is not possible; the message is shown to the user."""


def set_billing(
    *,
    program: Program,
    billing_rule: str,
    cost_rounding: str,
    cutoff_date: date | None,
    changed_by: Any,
) -> CostSettings:
    """Set who is charged, what amounts are rounded to and the cut-off date; nothing is sent."""
    with transaction.atomic():
        settings, _created = CostSettings.objects.select_for_update().get_or_create(program=program)
        before = {
            "billing_rule": program.billing_rule,
            "cost_rounding": program.cost_rounding,
            "cutoff_date": settings.cutoff_date,
        }
        Program.objects.filter(pk=program.pk).update(
            billing_rule=billing_rule, cost_rounding=cost_rounding
        )
        program.billing_rule, program.cost_rounding = billing_rule, cost_rounding
        settings.cutoff_date = cutoff_date
        settings.updated_by = changed_by
        settings.updated_at = timezone.now()
        settings.save()
        after = {
            "billing_rule": billing_rule,
            "cost_rounding": cost_rounding,
            "cutoff_date": cutoff_date,
        }
        changed = [key for key in after if before[key] != after[key]]
        audit.record(
            actor=changed_by,
            action=audit.Action.COSTS_BILLING_SET,
            program=program,
            target=settings,
            before={key: before[key] for key in changed},
            after={key: after[key] for key in changed},
        )
    return settings


def add_travel_cost(
    *, application: Application, amount: Decimal, note: str, registered_by: Any
) -> TravelCost:
    """Register a travel cost for one participant; nothing is sent."""
    if amount < 0:
        raise ReportError(_("A travel cost cannot be negative."))
    with transaction.atomic():
        cost = TravelCost.objects.create(
            application=application, amount=amount, note=note, registered_by=registered_by
        )
        audit.record(
            actor=registered_by,
            action=audit.Action.COSTS_TRAVEL_ADDED,
            program=application.program,
            target=cost,
            summary=application.full_name,
            after={"amount": amount, "note": note},
        )
    return cost


def delete_travel_cost(*, cost: TravelCost, deleted_by: Any) -> None:
    """Remove a wrongly registered travel cost; nothing is sent."""
    with transaction.atomic():
        audit.record(
            actor=deleted_by,
            action=audit.Action.COSTS_TRAVEL_DELETED,
            program=cost.application.program,
            target=cost,
            summary=cost.application.full_name,
            before={"amount": cost.amount, "note": cost.note},
        )
        cost.delete()


def record_export(
    *, program: Program, exported_by: Any, what: str, file_format: str, rows: int
) -> None:
    """Write the audit entry for a downloaded report; nothing is sent."""
    with transaction.atomic():
        audit.record(
            actor=exported_by,
            action=audit.Action.REPORTS_EXPORTED,
            program=program,
            summary=f"{what}.{file_format}",
            after={"what": what, "format": file_format, "rows": rows},
        )
