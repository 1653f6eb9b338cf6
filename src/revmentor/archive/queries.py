"""Who sees a program's archive packages, and the disposal list: what is disposed of once the
package is made, and under which rule."""

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from revmentor.archive.models import ArchivePackage
from revmentor.core import permissions
from revmentor.privacy.models import privacy_for
from revmentor.privacy.queries import retention_plan
from revmentor.privacy.registry import Due
from revmentor.programs.models import Program

# Riksarkivet's general rule for disposing of general records (gallring av allmänna handlingar).
GENERAL_RULE = (
    "RA-FS 2021:6 (Riksarkivets föreskrifter och allmänna råd om gallring av handlingar av "
    "uppenbart ringa betydelse och handlingar som är generiska för styr-, stöd- och "
    "kärnverksamheter)"
)


@dataclass(frozen=True)
class DisposalItem:
    """One kind of record disposed of after the package is made, how many, and why."""

    due: Due
    count: int
    rule: str
    due_on: date

    @property
    def description(self) -> str:
        return self.due.description


def packages_visible_to(user, program: Program) -> QuerySet[ArchivePackage]:
    """The program's packages for its coordinator; nothing for anyone else."""
    if not permissions.is_coordinator(user, program):
        return ArchivePackage.objects.none()
    return ArchivePackage.objects.filter(program=program).select_related("requested_by")


def disposal_moment(program: Program, now: datetime) -> datetime:
    """The moment the disposal is applied as of: the end of the program's retention period
    (its records now live on in the package), or now if that has passed."""
    return max(now, privacy_for(program).personal_data_due_at())


def rule_for(program: Program) -> str:
    months = privacy_for(program).personal_data_months
    return _(
        "%(general)s; the program's retention setting: personal data is kept %(months)s "
        "months after the program ends. Preserved in the archive package."
    ) % {"general": GENERAL_RULE, "months": months}


def disposal_plan(program: Program, now: datetime | None = None) -> list[DisposalItem]:
    """What the retention machinery disposes of once the package is made (kinds with rows)."""
    now = now or timezone.now()
    rule = rule_for(program)
    due_on = timezone.localtime(privacy_for(program).personal_data_due_at()).date()
    return [
        DisposalItem(due=due, count=due.rows.count(), rule=rule, due_on=due_on)
        for due in retention_plan(program, disposal_moment(program, now))
    ]
